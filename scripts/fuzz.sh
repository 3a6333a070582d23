#!/usr/bin/env bash
# Fuzzes the whole pipeline (parse -> decide -> render -> generate) with libFuzzer and AddressSanitizer.
#   scripts/fuzz.sh [--clean] [--build-only] [--seed N] [seconds] [-- libFuzzer flags]
#     seconds       how long libFuzzer runs (default 60); findings land in .fuzz/findings/, the log in .fuzz/last-run.log
#     --clean       remove .build-fuzz first (a build from scratch)
#     --build-only  build and check the instrumentation, do not fuzz
#     --seed N      libFuzzer's random seed (default: a new one each run); the same seed explores the same inputs
#     -- flags      passed on to libFuzzer, e.g. `-- -len_control=0` to try inputs up to 64 KiB from the start
# The seed corpus is every values input of the golden cases, the bad-input catalog and the examples; the corpus that
# libFuzzer grows stays in .fuzz/corpus/ (gitignored) and is reused by the next run.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=60
clean=0
build_only=0
seed=()
extra=()
usage="usage: scripts/fuzz.sh [--clean] [--build-only] [--seed N] [seconds] [-- libFuzzer flags]"
while [ $# -gt 0 ]; do
  case "$1" in
    --clean) clean=1 ;;
    --)
      shift
      extra=("$@")
      break
      ;;
    --build-only) build_only=1 ;;
    --seed)
      [[ "${2:-}" =~ ^[0-9]+$ ]] || { echo "$usage" >&2; exit 2; }
      seed=(-seed="$2")
      shift
      ;;
    *[!0-9]* | '')
      echo "$usage" >&2
      exit 2
      ;;
    *) seconds="$1" ;;
  esac
  shift
done

scratch=.build-fuzz
[ "$clean" -eq 0 ] || rm -rf "$scratch"

# The sanitizers reach the compiler as ONE comma-joined flag. `--sanitize fuzzer --sanitize address` makes SwiftPM
# pass `-sanitize=fuzzer -sanitize=address` in the order of a Swift Set, which differs from target to target and from
# build to build, and the Swift driver keeps only the LAST `-sanitize=` for compiling: each module then came out with
# coverage but no AddressSanitizer checks, or with AddressSanitizer but no coverage (libFuzzer: "no interesting inputs
# were found"). `-Xswiftc` flags come after SwiftPM's own, so `-sanitize=fuzzer,address` is the one that counts, for
# every module and for the link. `--sanitize fuzzer` stays so that SwiftPM leaves `main` to libFuzzer.
# The flags reach every executable, the build-time template embedder too: under FUZZING it does its work in
# libFuzzer's initialisation hook (see Sources/TemplateEmbedder). lld, because gold fails on AddressSanitizer's
# debug information here.
swift build -c debug --scratch-path "$scratch" --sanitize fuzzer \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -DFUZZING -Xswiftc -use-ld=lld \
  --product keda-cert-migrate-fuzz >&2
binary="$scratch/debug/keda-cert-migrate-fuzz"

# Refuse a binary that is not instrumented: every object file of the modules linked into the fuzz target must carry
# libFuzzer's coverage counters (it calls __sanitizer_cov_8bit_counters_init) and AddressSanitizer (__asan_init).
nm_tool="$(dirname "$(readlink -f "$(command -v swift)")")/llvm-nm"
[ -x "$nm_tool" ] || nm_tool=nm
uninstrumented=()
objects=0
for module in YAMLKit CertMigration keda_cert_migrate_fuzz; do
  found=0
  for object in "$scratch/debug/$module.build/"*.swift.o; do
    [ -e "$object" ] || continue
    found=1
    objects=$((objects + 1))
    undefined="$("$nm_tool" -u "$object")"
    for symbol in __sanitizer_cov_8bit_counters_init __asan_init; do
      grep -q " $symbol\$" <<<"$undefined" || uninstrumented+=("$object (no $symbol)")
    done
  done
  [ "$found" -eq 1 ] || uninstrumented+=("$scratch/debug/$module.build: no object files")
done
if [ ${#uninstrumented[@]} -gt 0 ]; then
  echo "fuzz: $binary is not fully instrumented: ${#uninstrumented[@]} problems in $objects object files, first:" >&2
  printf '  %s\n' "${uninstrumented[@]:0:5}" >&2
  echo "fix: run scripts/fuzz.sh --clean; if it persists, check the -sanitize= flags with swift build -v" >&2
  exit 1
fi
echo "fuzz: $objects object files instrumented (coverage and AddressSanitizer)" >&2
[ "$build_only" -eq 0 ] || exit 0

corpus=.fuzz/corpus
mkdir -p "$corpus" .fuzz/findings
# Seeds: each small YAML file alone (read as values with the target's fixed facts), and each golden and catalog case
# whole, its values layers and facts joined with the `#%values` and `#%facts` lines that the target splits at
# (Sources/keda-cert-migrate-fuzz/FuzzInputFiles.swift). The 100 MB and deep-nesting cases are generated at test
# time, not stored.
seed_name() { printf '%s/seed-%s' "$corpus" "$(printf '%s' "$1" | sha1sum | cut -c1-16)"; }
find golden Tests/bad-inputs examples -type f \( -name '*.yaml' -o -name '*.yml' \) -size -64k \
  ! -name 'case.yaml' ! -path '*/expected/*' -print0 |
  while IFS= read -r -d '' file; do
    cp "$file" "$(seed_name "$file")"
  done
for case_file in golden/*/case.yaml Tests/bad-inputs/*/case.yaml; do
  case_dir="$(dirname "$case_file")"
  values_line="$(sed -n 's/^values: *\[\(.*\)\] *$/\1/p' "$case_file")"
  facts_name="$(sed -n 's/^facts: *//p' "$case_file")"
  [ -n "$values_line" ] && [ -n "$facts_name" ] && [ -f "$case_dir/$facts_name" ] || continue
  IFS=', ' read -r -a values_names <<<"$values_line"
  small=1
  for name in "${values_names[@]}" "$facts_name"; do
    [ -f "$case_dir/$name" ] && [ "$(stat -c %s "$case_dir/$name")" -lt 65536 ] || small=0
  done
  [ "$small" -eq 1 ] || continue
  {
    separator=""
    for name in "${values_names[@]}"; do
      printf '%s' "$separator"
      cat "$case_dir/$name"
      separator=$'\n#%values\n'
    done
    printf '\n#%%facts\n'
    cat "$case_dir/$facts_name"
  } >"$(seed_name "$case_dir")"
done

# A dictionary of YAML syntax and of the keys the pipeline looks at, so mutations reach past the parser sooner.
dictionary=.fuzz/yaml.dict
cat >"$dictionary" <<'EOF'
"---"
"..."
"- "
": "
"? "
"&a "
"*a"
"<<: "
"!!str "
"!!binary "
"%YAML 1.1"
"%TAG ! tag:x,1:"
"{"
"}"
"["
"]"
","
"|-"
">+"
"\""
"'"
"#"
"\x09"
"\x0d\x0a"
"\xef\xbb\xbf"
"certificates:"
"autoGenerated:"
"certManager:"
"enabled:"
"generateCA:"
"caSecretName:"
"secretName:"
"issuer:"
"kind: ClusterIssuer"
"operator:"
"webhooks:"
"metricsServer:"
"extraArgs:"
"env:"
"apiVersion: argoproj.io/v1alpha1"
"kind: Application"
"apiVersion: helm.toolkit.fluxcd.io/v2"
"kind: HelmRelease"
"helm:"
"values:"
"valuesObject:"
"valuesFrom:"
"chart: keda"
"repoURL: https://kedacore.github.io/charts"
"targetRevision: 2.16.1"
"true"
"false"
"off"
"null"
"~"
EOF

log=.fuzz/last-run.log
status=0
"$binary" "$corpus" "${seed[@]}" -dict="$dictionary" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=4096 \
  -print_final_stats=1 -artifact_prefix=.fuzz/findings/ "${extra[@]}" >"$log" 2>&1 || status=$?
grep -E "Loaded 1 modules|INITED|DONE|^Done|^stat::|ERROR|SUMMARY|Test unit written" "$log" || true
if grep -q "no interesting inputs were found" "$log" || ! grep -q "inline 8-bit counters" "$log"; then
  echo "fuzz: libFuzzer found no coverage counters in $binary (see $log)" >&2
  exit 1
fi
exit "$status"
