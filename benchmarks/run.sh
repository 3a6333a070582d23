#!/usr/bin/env bash
# Benchmarks of issue #5: `fleet` against libyaml's parser alone, cp -r, ruamel.yaml and Debian's yq, side by side
# in one run, on synthetic fleets generated from a seed, and the start-up of the default (dynamic) build and of the
# static build (scripts/build-static.sh). Figures, not tests: nothing here fails on a slow figure.
#
#   bash benchmarks/run.sh [--clusters 1000,10000] [--seed 1] [--peer-sample 300] [--repeat 3] [--quick]
#                          [--startup-only] [--tool PATH] [--write-dir DIR]
#
# Everything it builds or writes lives under .build/ (the tools in .build/release and .build/static, the rest in
# .build/bench/, all outside Git); the table is printed and written to .build/bench/results.txt. See README.md,
# "Performance", for what each row means.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

clusters_list="1000,10000"
seed=1
peer_sample=300
repeat=3
start_runs=200
tool=""
startup_only=0
write_dir=""
now="2026-11-25T00:00:00Z"

usage() {
  sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'
  echo
  echo "options:"
  echo "  --clusters N[,N...]  fleet sizes to measure (default 1000,10000)"
  echo "  --seed N             seed of the synthetic fleet (default 1): same seed, same bytes"
  echo "  --peer-sample N      how many plain values files ruamel.yaml and yq edit (default 300)"
  echo "  --repeat N           run each fleet, floor and cp measurement N times, keep the median wall (default 3;"
  echo "                       the floor and cp always at least 3 times)"
  echo "  --quick              a smoke run: fleets of 30 and 60 clusters, 10 peer files, 20 start-up runs, each"
  echo "                       fleet step once (unless --repeat is given)"
  echo "  --startup-only       only the start-up rows (C program, --version, one-cluster generate) and their targets:"
  echo "                       no fleet, no peers; with --quick, 20 start-up runs instead of 200"
  echo "  --write-dir DIR      where the writing runs and cp -r put their trees (default .build/bench): e.g. a tmpfs"
  echo "                       folder, to measure writing without a disk whose state moves the figures"
  echo "  --tool PATH          measure this keda-cert-migrate binary instead of building the dynamic and the static"
  echo "                       build (e.g. an older build); the start-up rows then show this binary only"
}

while [ $# -gt 0 ]; do
  case "$1" in
    --clusters) clusters_list="${2:?--clusters needs a value}"; shift 2 ;;
    --seed) seed="${2:?--seed needs a value}"; shift 2 ;;
    --peer-sample) peer_sample="${2:?--peer-sample needs a value}"; shift 2 ;;
    --repeat) repeat="${2:?--repeat needs a value}"; repeat_given=1; shift 2 ;;
    --quick) clusters_list="30,60"; peer_sample=10; start_runs=20; quick_repeat=1; shift ;;
    --startup-only) startup_only=1; shift ;;
    --tool) tool="${2:?--tool needs a path}"; shift 2 ;;
    --write-dir) write_dir="${2:?--write-dir needs a folder}"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
# A smoke run measures each step once, unless --repeat says otherwise.
if [ "${quick_repeat:-0}" = 1 ] && [ "${repeat_given:-0}" = 0 ]; then repeat=1; fi
for number in "$seed" "$peer_sample" "$repeat" ${clusters_list//,/ }; do
  if ! [[ "$number" =~ ^[0-9]+$ ]] || [ "$number" -lt 1 ]; then
    echo "run.sh: '$number' is not a positive whole number" >&2
    exit 2
  fi
done

# ---------------------------------------------------------------------------------------------------------------
# What the machine must have, and the Debian package that brings it.

missing=()
command -v gcc >/dev/null 2>&1 || missing+=("gcc (apt-get install gcc)")
if command -v gcc >/dev/null 2>&1 && ! echo '#include <yaml.h>' | gcc -E -x c - >/dev/null 2>&1; then
  missing+=("libyaml headers (apt-get install libyaml-dev)")
fi
if [ "$startup_only" -eq 0 ] && ! /usr/bin/time -v true >/dev/null 2>&1; then
  missing+=("GNU time at /usr/bin/time (apt-get install time)")
fi
if [ "$startup_only" -eq 0 ] && { ! command -v yq >/dev/null 2>&1 || ! echo 'a: 1' | yq -y . >/dev/null 2>&1; }; then
  missing+=("Debian's yq, the jq wrapper with -y (apt-get install yq)")
fi
command -v python3 >/dev/null 2>&1 || missing+=("python3 (apt-get install python3)")
if [ "$startup_only" -eq 0 ] && command -v python3 >/dev/null 2>&1 && ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
  missing+=("Python's venv module (apt-get install python3-venv)")
fi
[ -n "$tool" ] || command -v swift >/dev/null 2>&1 || missing+=("swift (the Swift 6 toolchain)")
if [ -n "$tool" ] && [ ! -x "$tool" ]; then
  missing+=("the binary given with --tool: $tool")
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "run.sh: missing, install first:" >&2
  printf '  - %s\n' "${missing[@]}" >&2
  exit 2
fi

bench="$root/.build/bench"
if [ -z "$write_dir" ]; then write_dir="$bench"; fi
mkdir -p "$write_dir"
write_dir="$(cd "$write_dir" && pwd)"
write_fs="$(df --output=fstype "$write_dir" | tail -1 | tr -d ' ')"
bin="$bench/bin"
work="$bench/work"
mkdir -p "$bin" "$work"
measurements="$bench/measurements.jsonl"
: >"$measurements"
load_start="$(cut -d' ' -f1-3 /proc/loadavg)"

log() { echo "run.sh: $*" >&2; }

# ---------------------------------------------------------------------------------------------------------------
# Build: the tool in release, dynamic (the default build: every fleet row) and static (scripts/build-static.sh:
# start-up rows and one writing row a fleet size), the C floor and helpers, the ruamel.yaml virtual environment.

static_tool=""
if [ -z "$tool" ]; then
  log "building keda-cert-migrate (release)"
  swift build -c release --product keda-cert-migrate >"$work/swift-build.log" 2>&1 || {
    cat "$work/swift-build.log" >&2
    exit 1
  }
  tool="$(swift build -c release --show-bin-path)/keda-cert-migrate"

  log "building keda-cert-migrate (release, static: scripts/build-static.sh)"
  static_status=0
  static_tool="$(scripts/build-static.sh 2>"$work/swift-build-static.log")" || static_status=$?
  if [ "$static_status" -eq 2 ]; then
    # build-static.sh refused (a missing libyaml.a or static toolchain part): the dynamic build is still measured.
    log "WARNING: no static build, its start-up rows are skipped:"
    cat "$work/swift-build-static.log" >&2
    static_tool=""
  elif [ "$static_status" -ne 0 ]; then
    cat "$work/swift-build-static.log" >&2
    exit 1
  fi
fi
tool="$(cd "$(dirname "$tool")" && pwd)/$(basename "$tool")"
tool_version="$("$tool" --version)"

log "compiling the C programs"
if [ "$startup_only" -eq 0 ]; then
  gcc -O2 -Wall -Wextra -o "$bin/libyaml-parse" benchmarks/libyaml-parse.c -lyaml
fi
gcc -O2 -Wall -Wextra -o "$bin/spawn-repeat" benchmarks/spawn-repeat.c
gcc -O2 -Wall -Wextra -o "$bin/trivial-start" benchmarks/trivial-start.c

if [ "$startup_only" -eq 0 ]; then
  ruamel_pin="ruamel.yaml==0.18.10"
  venv="$bench/venv"
  if ! "$venv/bin/python" -c 'import ruamel.yaml' >/dev/null 2>&1; then
    log "installing $ruamel_pin into $venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q --disable-pip-version-check "$ruamel_pin"
  fi
  ruamel_version="$("$venv/bin/python" -c 'import ruamel.yaml; print(ruamel.yaml.__version__)')"
fi

fleet_available=1
if ! "$tool" --help | sed -n '/SUBCOMMANDS/,$p' | grep -q '^  fleet '; then
  fleet_available=0
  log "WARNING: this build of keda-cert-migrate has no 'fleet' command; the fleet steps are skipped"
fi

# ---------------------------------------------------------------------------------------------------------------
# Measuring: wall time from the shell's nanosecond clock, peak RSS from GNU time -v.

# [min_runs=N] measure SIZE STEP ALLOWED_EXIT_CODES PREPARE -- COMMAND...
# Runs COMMAND `repeat` times, or min_runs if more (PREPARE before each, untimed), and appends
# {wall (median), rss_kb (max), exit} as JSON. The short floor and cp steps run at least 3 times: on a busy machine
# one run of a tenth of a second is mostly noise.
measure() {
  local size="$1" step="$2" allowed="$3" prepare="$4"
  shift 5
  local walls=() rss_max=0 code=0 run runs="$repeat"
  if [ "${min_runs:-1}" -gt "$runs" ]; then runs="$min_runs"; fi
  for ((run = 1; run <= runs; run++)); do
    $prepare
    local started ended
    started="$(date +%s%N)"
    set +e
    /usr/bin/time -v -o "$work/$step.time" "$@" >"$work/$step.stdout" 2>"$work/$step.stderr"
    code=$?
    set -e
    ended="$(date +%s%N)"
    if ! [[ ",$allowed," == *",$code,"* ]]; then
      log "$step (${size} clusters) exited $code, expected one of $allowed: $*"
      tail -20 "$work/$step.stderr" >&2
      exit 1
    fi
    walls+=("$((ended - started))")
    local rss
    rss="$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/$step.time")"
    if [ "$rss" -gt "$rss_max" ]; then rss_max="$rss"; fi
  done
  local median
  median="$(printf '%s\n' "${walls[@]}" | sort -n | awk '{v[NR]=$1} END {print (NR % 2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2) / 1e9}')"
  printf '{"size": %s, "step": "%s", "wall": %s, "rss_kb": %s, "exit": %s}\n' \
    "$size" "$step" "$median" "$rss_max" "$code" >>"$measurements"
}

nothing() { :; }

# spawn_measure STEP RUNS COMMAND...: start-up times measured from C.
spawn_measure() {
  local step="$1" runs="$2"
  shift 2
  local line
  line="$("$bin/spawn-repeat" "$runs" 0 "$@")"
  local median mean
  median="$(sed 's/.*median_ms=\([0-9.]*\).*/\1/' <<<"$line")"
  mean="$(sed 's/.*mean_ms=\([0-9.]*\).*/\1/' <<<"$line")"
  printf '{"step": "%s", "runs": %s, "median_ms": %s, "mean_ms": %s}\n' "$step" "$runs" "$median" "$mean" >>"$measurements"
}

# ---------------------------------------------------------------------------------------------------------------
# The fleets.

if [ "$startup_only" -eq 0 ]; then
  generator_hash="$(sha256sum benchmarks/make-fleet.py | cut -c1-16)"
  sizes=($(tr ',' '\n' <<<"$clusters_list" | sort -n | uniq))
  first_size="${sizes[0]}"

  for size in "${sizes[@]}"; do
    fleet="$bench/fleet-$size"
    stamp="seed=$seed clusters=$size generator=$generator_hash"
    if [ "$(cat "$fleet.meta/stamp" 2>/dev/null)" != "$stamp" ]; then
      log "generating $size clusters (seed $seed) into $fleet"
      python3 benchmarks/make-fleet.py --clusters "$size" --seed "$seed" "$fleet"
      echo "$stamp" >"$fleet.meta/stamp"
    fi
    python3 - "$fleet.meta/stats.json" "$size" >>"$measurements" <<'EOF'
import json, sys
stats = json.load(open(sys.argv[1]))
stats.update(size=int(sys.argv[2]), step="fleet")
print(json.dumps(stats))
EOF
  done

  # Every file read once before anything is timed: all steps start from the same warm page cache.
  for size in "${sizes[@]}"; do
    "$bin/libyaml-parse" --list "$bench/fleet-$size.meta/files.txt" --base "$bench/fleet-$size" >/dev/null 2>&1 || true
  done

  for size in "${sizes[@]}"; do
    fleet="$bench/fleet-$size"
    broken="$(grep -c . "$fleet.meta/broken.txt" || true)"
    floor_exit=0
    if [ "$broken" -gt 0 ]; then floor_exit=1; fi

    log "$size clusters: libyaml parser floor"
    min_runs=3 measure "$size" floor "$floor_exit" nothing -- "$bin/libyaml-parse" --list "$fleet.meta/files.txt" --base "$fleet"
    errors="$(sed -n 's/.*errors=\([0-9]*\).*/\1/p' "$work/floor.stdout")"
    if [ "$errors" != "$broken" ]; then
      log "the parser refused $errors files, the generator broke $broken: see $work/floor.stderr"
      exit 1
    fi

    if [ "$fleet_available" -eq 1 ]; then
      out_jobs1="$write_dir/out-$size-jobs1"
      out_all="$write_dir/out-$size-all"
      copy="$write_dir/cp-$size"
      # Each writing run starts on a settled disk: the previous run's tree is removed and everything dirty flushed,
      # untimed. Without it a run pays for the write-back of the runs before it (the tool's final sync waits for
      # all of it), and the figures followed the disk's state more than the tool.
      clear_out_jobs1() { rm -rf "$out_jobs1" && sync; }
      clear_out_all() { rm -rf "$out_all" && sync; }
      clear_copy() { rm -rf "$copy" && sync; }

      log "$size clusters: fleet --check --jobs 1"
      measure "$size" check-jobs1 0,1,2 nothing -- "$tool" fleet "$fleet" --check --jobs 1 --now "$now"
      cp "$work/check-jobs1.stdout" "$work/summary-check-jobs1-$size.txt"
      log "$size clusters: fleet --check (all cores)"
      measure "$size" check-all 0,1,2 nothing -- "$tool" fleet "$fleet" --check --now "$now"
      cp "$work/check-all.stdout" "$work/summary-check-all-$size.txt"
      log "$size clusters: fleet --jobs 1 --output-dir"
      measure "$size" write-jobs1 0,1 clear_out_jobs1 -- "$tool" fleet "$fleet" --jobs 1 --output-dir "$out_jobs1" --now "$now"
      cp "$work/write-jobs1.stdout" "$work/summary-write-jobs1-$size.txt"
      log "$size clusters: fleet --output-dir (all cores)"
      measure "$size" write-all 0,1 clear_out_all -- "$tool" fleet "$fleet" --output-dir "$out_all" --now "$now"
      cp "$work/write-all.stdout" "$work/summary-write-all-$size.txt"
      if [ -n "$static_tool" ]; then
        # The same writing run with the static build (scripts/build-static.sh), the build to ship where there is no
        # Swift runtime (a CI or pull-request bot image): its output tree must be the dynamic build's, byte for byte.
        out_static="$write_dir/out-$size-jobs1-static"
        clear_out_static() { rm -rf "$out_static" && sync; }
        log "$size clusters: fleet --jobs 1 --output-dir, static build"
        measure "$size" write-jobs1-static 0,1 clear_out_static -- "$static_tool" fleet "$fleet" --jobs 1 --output-dir "$out_static" --now "$now"
        same_static=no
        if diff -r -q "$out_jobs1" "$out_static" >/dev/null 2>&1 \
          && cmp -s "$work/summary-write-jobs1-$size.txt" "$work/write-jobs1-static.stdout"; then
          same_static=yes
        fi
        if [ "$same_static" != yes ]; then
          log "WARNING: the static build wrote other bytes than the dynamic one ($out_jobs1, $out_static)"
        fi
        printf '{"size": %s, "step": "same-bytes-static-write", "tree": "%s"}\n' "$size" "$same_static" >>"$measurements"
        rm -rf "$out_static"
      fi

      log "$size clusters: cp -r of the output tree"
      min_runs=3 measure "$size" cp 0 clear_copy -- cp -r "$out_jobs1" "$copy"
      rm -rf "$copy"  # only its time was wanted
      tree_files="$(find "$out_jobs1" -type f | wc -l)"
      tree_bytes="$(find "$out_jobs1" -type f -printf '%s\n' | awk '{s += $1} END {print s + 0}')"
      python3 - "$measurements" "$size" "$tree_files" "$tree_bytes" <<'EOF'
import json, sys
path, size, files, size_bytes = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
rows = [json.loads(line) for line in open(path)]
for row in rows:
    if row.get("size") == size and row["step"] == "cp":
        row.update(files=files, bytes=size_bytes)
open(path, "w").write("".join(json.dumps(row) + "\n" for row in rows))
EOF

      same_summary=no
      if cmp -s "$work/summary-check-jobs1-$size.txt" "$work/summary-check-all-$size.txt" \
        && cmp -s "$work/summary-write-jobs1-$size.txt" "$work/summary-write-all-$size.txt"; then
        same_summary=yes
      fi
      same_tree=no
      if diff -r -q "$out_jobs1" "$out_all" >/dev/null 2>&1; then same_tree=yes; fi
      if [ "$same_summary" != yes ]; then
        log "WARNING: the summaries differ between --jobs 1 and all cores ($work/summary-*-$size.txt)"
      fi
      if [ "$same_tree" != yes ]; then
        log "WARNING: the output trees differ between --jobs 1 and all cores ($out_jobs1, $out_all)"
      fi
      printf '{"size": %s, "step": "same-bytes", "summary": "%s", "tree": "%s"}\n' \
        "$size" "$same_summary" "$same_tree" >>"$measurements"
      # The summary's totals line (text format), e.g. "1000 clusters: 126 nothing to change, ... 49 failed; ...".
      totals="$(grep -E '^[0-9]+ clusters?:' "$work/summary-write-jobs1-$size.txt" | head -1 | tr -d '"\\' || true)"
      printf '{"size": %s, "step": "outcome", "text": "fleet --jobs 1 --output-dir said: %s (the generator broke %s on purpose)"}\n' \
        "$size" "${totals:-no totals line}" "$broken" >>"$measurements"
    fi
  done

  # ---------------------------------------------------------------------------------------------------------------
  # The peers, on an evenly spaced sample of the smallest fleet's plain values files.

  fleet="$bench/fleet-$first_size"
  sample="$work/peer-sample.txt"
  available="$(grep -c . "$fleet.meta/plain-values.txt" || true)"
  take="$peer_sample"
  if [ "$take" -gt "$available" ]; then take="$available"; fi
  if [ "$take" -eq 0 ]; then
    log "the $first_size-cluster fleet has no plain values file for the peers; use a larger fleet"
    exit 1
  fi
  awk -v take="$take" -v total="$available" 'BEGIN {step = total / take} {if (NR - 1 >= next_pick && picked < take) {print; picked++; next_pick = picked * step}}' \
    "$fleet.meta/plain-values.txt" >"$sample"
  sample_files="$(grep -c . "$sample")"
  sample_bytes="$(cd "$fleet" && xargs -a "$sample" stat -c %s | awk '{s += $1} END {print s + 0}')"

  ruamel_out="$bench/peer-ruamel"
  clear_ruamel() { rm -rf "$ruamel_out"; }
  log "peers: ruamel.yaml $ruamel_version on $sample_files files"
  measure null ruamel 0 clear_ruamel -- "$venv/bin/python" benchmarks/ruamel-edit.py "$sample" "$fleet" "$ruamel_out"

  yq_out="$bench/peer-yq"
  clear_yq() { rm -rf "$yq_out" && mkdir -p "$yq_out"; }
  log "peers: Debian yq, one process per file, on $sample_files files"
  # shellcheck disable=SC2016 # expanded by the inner shell
  measure null yq 0 clear_yq -- bash -c 'set -e; cd "$1"; while read -r file; do
      yq -y ".certificates.autoGenerated = false" "$file" >"$2/${file//\//-}"
    done <"$3"' yq-loop "$fleet" "$yq_out" "$sample"

  python3 - "$measurements" "$sample_files" "$sample_bytes" "$first_size" "$ruamel_version" <<'EOF'
import json, sys
path, files, size_bytes, from_size, version = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
rows = [json.loads(line) for line in open(path)]
for row in rows:
    if row.get("size") is None and row["step"] in ("ruamel", "yq"):
        row.update(size=None, files=files, bytes=size_bytes, from_size=from_size, ruamel_version=version)
open(path, "w").write("".join(json.dumps(row) + "\n" for row in rows))
EOF
fi

# ---------------------------------------------------------------------------------------------------------------
# Start-up: a process that does nothing, --version, and a one-cluster generate, with the dynamic build and (unless
# --tool was given) the static build; the two generate runs must write the same files.

# Each binary is measured as installed: a copy in $bin. The file a linker has just written starts slower until its
# pages are read back anew (here about 0.2 ms of the static build's 1.6 ms); a copy made with cp does not.
log "start-up: $start_runs runs each"
installed="$bin/keda-cert-migrate"
rm -f "$installed"
cp "$tool" "$installed"
spawn_measure start-c "$start_runs" "$bin/trivial-start"
spawn_measure start-version "$start_runs" "$installed" --version
generate_out="$work/generate-example"
rm -rf "$generate_out"
spawn_measure start-generate "$start_runs" "$installed" generate --values examples/values.yaml \
  --facts examples/facts.yaml --output-dir "$generate_out" --now "$now"
if [ -n "$static_tool" ]; then
  installed_static="$bin/keda-cert-migrate-static"
  rm -f "$installed_static"
  cp "$static_tool" "$installed_static"
  spawn_measure start-version-static "$start_runs" "$installed_static" --version
  static_generate_out="$work/generate-example-static"
  rm -rf "$static_generate_out"
  spawn_measure start-generate-static "$start_runs" "$installed_static" generate --values examples/values.yaml \
    --facts examples/facts.yaml --output-dir "$static_generate_out" --now "$now"
  same_generate=no
  if diff -r -q "$generate_out" "$static_generate_out" >/dev/null 2>&1; then same_generate=yes; fi
  if [ "$same_generate" != yes ]; then
    log "WARNING: the static build's generate wrote other files than the dynamic build's ($generate_out, $static_generate_out)"
  fi
  printf '{"size": null, "step": "same-bytes-static", "generate": "%s"}\n' "$same_generate" >>"$measurements"
fi

# ---------------------------------------------------------------------------------------------------------------
# The table.

python3 - "$measurements" <<EOF
import json, os, sys
cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "unknown CPU")
mem = next(int(line.split()[1]) for line in open("/proc/meminfo") if line.startswith("MemTotal:"))
row = {"size": None, "step": "machine", "nproc": $(nproc),
       "mem_kib": mem, "cpu": cpu, "load_start": "$load_start", "load_end": open("/proc/loadavg").read().split()[:3],
       "seed": $seed, "now": "$now", "repeat": $repeat, "tool": "keda-cert-migrate $tool_version", "tool_path": "$tool",
       "tool_bytes": os.path.getsize("$tool"), "static_tool_path": "$static_tool" or None,
       "static_tool_bytes": os.path.getsize("$static_tool") if "$static_tool" else None,
       "startup_only": $startup_only == 1, "write_dir": "$write_dir", "write_fs": "$write_fs",
       "fleet_missing": $((1 - fleet_available)) == 1, "date": "$(date -u '+%Y-%m-%d %H:%M UTC')"}
row["load_end"] = " ".join(row["load_end"])
with open(sys.argv[1], "a") as handle:
    handle.write(json.dumps(row) + "\n")
EOF
python3 benchmarks/report.py "$measurements" | tee "$bench/results.txt"
log "table written to .build/bench/results.txt (raw measurements: .build/bench/measurements.jsonl)"
