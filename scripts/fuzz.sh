#!/usr/bin/env bash
# Fuzzes the whole pipeline (parse -> decide -> render -> generate) with libFuzzer and AddressSanitizer.
#   scripts/fuzz.sh [seconds]      default 60; findings land in .fuzz/findings/
# The seed corpus is every values input of the golden cases, the bad-input catalog and the examples.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
# Always a clean build: an incremental SwiftPM build here was seen to drop the coverage instrumentation (libFuzzer
# then warns "no interesting inputs" and explores nothing), so the script also refuses such a run below.
rm -rf .build-fuzz
# The flags reach every executable, the build-time template embedder too: under FUZZING it does its work in
# libFuzzer's initialisation hook (see Sources/TemplateEmbedder). lld, because gold fails on AddressSanitizer's
# debug information here.
swift build -c debug --scratch-path .build-fuzz --sanitize fuzzer --sanitize address \
  -Xswiftc -parse-as-library -Xswiftc -DFUZZING -Xswiftc -use-ld=lld \
  --product keda-cert-migrate-fuzz >&2
binary=".build-fuzz/debug/keda-cert-migrate-fuzz"

corpus=.fuzz/corpus
mkdir -p "$corpus" .fuzz/findings
# Seeds: small YAML files only (the 100 MB and deep-nesting cases are generated at test time, not stored).
find golden Tests/bad-inputs examples -type f \( -name '*.yaml' -o -name '*.yml' \) -size -64k \
  ! -name 'case.yaml' ! -path '*/expected/*' -print0 |
  while IFS= read -r -d '' file; do
    cp "$file" "$corpus/seed-$(printf '%s' "$file" | sha1sum | cut -c1-16)"
  done

log=.fuzz/last-run.log
status=0
"$binary" "$corpus" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=4096 \
  -print_final_stats=1 -artifact_prefix=.fuzz/findings/ >"$log" 2>&1 || status=$?
grep -E "INITED|DONE|^Done|^stat::|ERROR|SUMMARY|Test unit written" "$log" || true
if grep -q "no interesting inputs were found" "$log"; then
  echo "fuzz: the target is not instrumented for coverage (see $log)" >&2
  exit 1
fi
exit "$status"
