#!/usr/bin/env bash
# Generates the shell completions and the man page of keda-cert-migrate from its argument parser:
#
#   OUT/completions/keda-cert-migrate.bash   bash (bash-completion)
#   OUT/completions/_keda-cert-migrate       zsh (a folder on fpath)
#   OUT/completions/keda-cert-migrate.fish   fish
#   OUT/man/man1/keda-cert-migrate.1         the man page (mdoc)
#
# Usage: scripts/generate-toolbox-files.sh [OUT]   (OUT defaults to .build/toolbox; CONFIGURATION=debug|release,
# default release). Nothing generated is committed: the files follow the commands' definitions, so they are made
# from the binary you build. The completions come from the binary's own --generate-completion-script; the man page
# from swift-argument-parser's GenerateManual command plugin, which runs the binary's --experimental-dump-help.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-.build/toolbox}"
configuration="${CONFIGURATION:-release}"

swift build -c "$configuration" --product keda-cert-migrate
binary="$(swift build -c "$configuration" --show-bin-path)/keda-cert-migrate"

mkdir -p "$out/completions" "$out/man/man1"
"$binary" --generate-completion-script bash > "$out/completions/keda-cert-migrate.bash"
"$binary" --generate-completion-script zsh > "$out/completions/_keda-cert-migrate"
"$binary" --generate-completion-script fish > "$out/completions/keda-cert-migrate.fish"

# The page's date is the last commit's, so the same sources give the same page.
page_date="$(git log -1 --format=%cs 2>/dev/null || date -u +%F)"
swift package plugin generate-manual --configuration "$configuration" --date "$page_date"
page="$(find .build/plugins -path '*GenerateManual/outputs/keda-cert-migrate/keda-cert-migrate.1' | head -n 1)"
if [ -z "$page" ]; then
  echo "generate-toolbox-files: the GenerateManual plugin wrote no keda-cert-migrate.1 under .build/plugins" >&2
  exit 1
fi
cp "$page" "$out/man/man1/keda-cert-migrate.1"
echo "generate-toolbox-files: wrote $out/completions/ (bash, zsh, fish) and $out/man/man1/keda-cert-migrate.1"
