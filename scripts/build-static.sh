#!/usr/bin/env bash
# Builds keda-cert-migrate in release as ONE static executable: the Swift runtime, Foundation, swift-argument-parser,
# glibc and libyaml (Debian's libyaml.a from libyaml-dev) all inside, nothing loaded at start. `--version` starts in
# about a quarter of the default build's time and a one-cluster `generate` in about half (the default build loads
# libyaml-0.so and the Swift shared libraries; see README, "Performance").
#
#   scripts/build-static.sh [--scratch-path DIR]
#
# Builds into its own scratch path (default .build/static, outside Git) so that the default build is left as it is,
# and prints the binary's path on stdout; the build's own output goes to stderr. Linux only. The flags are given here,
# not in Package.swift: the package's libraries stay usable as a dependency (no unsafeFlags).
#
# The linker warns that getpwnam, getaddrinfo, dlopen and the like, reached from the toolchain's Foundation and Swift
# runtime archives, need at run time the shared libraries of the glibc the binary was linked with (and that
# FoundationEssentials uses mktemp). keda-cert-migrate looks up no user, group or host and loads no library, so those
# warnings, and only those (lines naming the toolchain's static archives), are left out of the output.
set -euo pipefail
cd "$(dirname "$0")/.."

scratch=.build/static
usage="usage: scripts/build-static.sh [--scratch-path DIR]"
while [ $# -gt 0 ]; do
  case "$1" in
    --scratch-path) scratch="${2:?--scratch-path needs a folder}"; shift 2 ;;
    -h | --help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "$usage" >&2; exit 2 ;;
  esac
done

refuse() {
  echo "build-static: $1" >&2
  shift
  printf '  %s\n' "$@" >&2
  exit 2
}

[ "$(uname -s)" = Linux ] || refuse "a static executable is built on Linux only (this is $(uname -s))."
swift_bin="$(command -v swift || true)"
[ -n "$swift_bin" ] || refuse "swift is not on PATH." "Install the Swift 6 toolchain (swift.org) and put its usr/bin on PATH."

# The static parts of the Swift toolchain: the runtime, Foundation and Dispatch as .a files, and the link arguments
# swiftc uses for -static-executable. They ship with the swift.org toolchains for Linux.
toolchain="$(cd "$(dirname "$(readlink -f "$swift_bin")")/.." && pwd)"
static_sdk="$toolchain/lib/swift_static/linux"
missing=()
for part in static-executable-args.lnk libswiftCore.a libFoundationEssentials.a libFoundation.a libdispatch.a \
  libswiftDispatch.a libBlocksRuntime.a; do
  [ -e "$static_sdk/$part" ] || missing+=("$static_sdk/$part")
done
[ ${#missing[@]} -eq 0 ] || refuse "the static parts of the Swift toolchain are missing:" "${missing[@]}" \
  "Use a swift.org toolchain for Linux (it ships lib/swift_static); a toolchain without them cannot link statically."

# libyaml as a static archive (Debian's libyaml-dev ships it beside libyaml-0.so), and glibc's and libstdc++'s archives.
multiarch="$(uname -m)-linux-gnu"
libyaml_a="/usr/lib/$multiarch/libyaml.a"
[ -e "$libyaml_a" ] || refuse "$libyaml_a is missing: the static binary carries its own copy of libyaml." \
  "Install it with: apt-get install libyaml-dev"
for archive in libc.a libm.a libpthread.a libdl.a libstdc++.a; do
  found="$("$toolchain/bin/clang" -print-file-name="$archive" 2>/dev/null || true)"
  if [ "$found" = "$archive" ] || [ ! -e "$found" ]; then
    case "$archive" in
      libstdc++.a) hint="apt-get install libstdc++-<version>-dev (the version the toolchain's clang uses)" ;;
      *) hint="apt-get install libc6-dev" ;;
    esac
    refuse "$archive is missing: a static executable needs it." "Install it with: $hint"
  fi
done

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
build=(swift build -c release --product keda-cert-migrate --scratch-path "$scratch" -Xswiftc -static-executable)
echo "build-static: ${build[*]}" >&2
if ! "${build[@]}" >"$log" 2>&1; then
  cat "$log" >&2
  echo "build-static: the build failed (above)." >&2
  exit 1
fi
# The linker's warnings about the toolchain's own archives (glibc's static lookups, and FoundationEssentials' use of
# mktemp) are dropped: nothing can be done about them here. Every other line, any warning about our code included, is
# shown.
grep -v -F -e "$static_sdk/" "$log" >&2 || true

binary="$(swift build -c release --scratch-path "$scratch" --show-bin-path)/keda-cert-migrate"
if ldd "$binary" >/dev/null 2>&1; then
  echo "build-static: $binary came out dynamically linked:" >&2
  ldd "$binary" >&2
  exit 1
fi
echo "$binary"
