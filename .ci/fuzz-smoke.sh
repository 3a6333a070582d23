#!/usr/bin/env bash
# A short fuzz run for CI: builds the libFuzzer target (refused unless every object has coverage and
# AddressSanitizer) and fuzzes the whole pipeline for FUZZ_SMOKE_SECONDS (default 60) from the seed corpus, with a
# fixed libFuzzer seed so that the same commit explores the same inputs. Any crash, timeout, leak or out-of-memory
# fails the run; the finding is in .fuzz/findings/ and replays with the plain build:
#   swift build --product keda-cert-migrate-fuzz && .build/debug/keda-cert-migrate-fuzz .fuzz/findings/<file>
set -euo pipefail
cd "$(dirname "$0")/.."
start=$SECONDS
status=0
scripts/fuzz.sh --seed 1 "${FUZZ_SMOKE_SECONDS:-60}" || status=$?
if [ "$status" -ne 0 ]; then
  echo "fuzz-smoke: FAILED (exit $status); findings:" >&2
  ls -l .fuzz/findings/ >&2 || true
  exit "$status"
fi
echo "fuzz-smoke: passed in $((SECONDS - start)) s (build and run)"
