#!/usr/bin/env bash
# Generates the completions and the man page with scripts/generate-toolbox-files.sh (debug build, as swift test
# leaves it) and checks them: each file is there, names the subcommands and generate's --output-dir; the man page is
# mdoc that groff renders without a warning and `man -l` shows. (CommandLineTests run the completions in the shells.)
set -euo pipefail
cd "$(dirname "$0")/.."
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
out="$work/files"
if ! CONFIGURATION=debug scripts/generate-toolbox-files.sh "$out" >"$work/log" 2>&1; then
  cat "$work/log" >&2
  echo "toolbox-files-test: FAIL: scripts/generate-toolbox-files.sh failed" >&2
  exit 1
fi

failures=0
fail() { echo "toolbox-files-test: FAIL: $*" >&2; failures=$((failures + 1)); }
contains() { grep -qF -- "$2" "$1" || fail "$1 lacks: $2"; }

for file in completions/keda-cert-migrate.bash completions/_keda-cert-migrate completions/keda-cert-migrate.fish \
  man/man1/keda-cert-migrate.1; do
  [ -s "$out/$file" ] || fail "$file is missing or empty"
done
for word in plan check generate output-dir; do
  for file in completions/keda-cert-migrate.bash completions/_keda-cert-migrate completions/keda-cert-migrate.fish; do
    contains "$out/$file" "$word"
  done
done

page="$out/man/man1/keda-cert-migrate.1"
contains "$page" ".Dt KEDA-CERT-MIGRATE 1"
contains "$page" ".Nm keda-cert-migrate"
for subcommand in plan check generate; do contains "$page" ".It Em $subcommand"; done
contains "$page" ".It Fl -output-dir Ar dir"
contains "$page" ".It Fl -output Ar output"
warnings="$(groff -mandoc -Tutf8 -ww -z "$page" 2>&1)" || fail "groff failed on the man page"
[ -z "$warnings" ] || fail "groff warns about the man page: $warnings"
shown="$(MANWIDTH=100 man -l "$page" 2>&1 | col -b)"
case "$shown" in
  *"keda-cert-migrate — Plan and write the way out of KEDA's certificate-rotation failures."*) ;;
  *) fail "man -l does not show the page's NAME line: $(printf '%s' "$shown" | head -n 8)" ;;
esac

if [ "$failures" -ne 0 ]; then
  echo "toolbox-files-test: $failures failure(s)" >&2
  exit 1
fi
echo "toolbox-files-test: completions (bash, zsh, fish) and the man page generate and name every subcommand"
