#!/usr/bin/env bash
# Regenerates the README's demo figures (docs/figures/*.png): runs the demo from the release
# binary at 72 dpi (small PNGs) and copies its PNG figures. The quick demo by default; pass
# --default for the full-size demo (about 1–2 minutes), --full for every optimizer and Figure 3.
# Usage: scripts/readme-figures.sh [--quick|--default|--full]
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:---quick}
case "$mode" in
  --quick) args=(--quick) ;;
  --default) args=() ;;
  --full) args=(--full) ;;
  *) echo "usage: $0 [--quick|--default|--full]" >&2; exit 64 ;;
esac
swift build -c release --product gradscope >&2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
.build/release/gradscope demo "${args[@]}" --dpi 72 --out "$out" | tee "$out/verdicts.txt"
mkdir -p docs/figures
rm -f docs/figures/*.png
cp "$out"/figures/*.png docs/figures/
grep -E '^  [a-z0-9-]+ +' "$out/verdicts.txt" > docs/figures/verdicts.txt
echo "demo ${args[*]:-(default)} figures → docs/figures ($(du -sh docs/figures | cut -f1))" >&2
