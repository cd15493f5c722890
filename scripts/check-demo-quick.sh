#!/usr/bin/env bash
# The quick demo, checked: `gradscope demo --quick` must say "pathology" for Adam and "healthy"
# for Adam + warmup and RAdam, and write every figure as a non-empty PNG (and the PDFs).
# Usage: scripts/check-demo-quick.sh GRADSCOPE_BINARY [OUT_DIR]
set -euo pipefail
bin=${1:?usage: $0 GRADSCOPE_BINARY [OUT_DIR]}
out=${2:-$(mktemp -d)}
log="$out/demo-stdout.txt"
mkdir -p "$out"
start=$(date +%s)
"$bin" demo --quick --out "$out" > "$log"
echo "demo --quick: $(( $(date +%s) - start )) s" >&2

fail=0
expect_verdict() { # run, verdict
  if ! grep -Eq "^  $1 +$2(;|\$)" "$log"; then
    echo "FAIL: run $1 should be '$2': $(grep -E "^  $1 " "$log" || echo 'no verdict line')" >&2; fail=1
  fi
}
expect_verdict adam pathology
expect_verdict adam-warmup healthy
expect_verdict radam healthy

png_signature=$'\x89PNG'
for name in fig1-loss fig2-stacked-first-100-steps fig2-stacked-whole-run rectification-beta2 \
            rectification-radam heatmap-gradients; do
  f="$out/figures/$name.png"
  if [ ! -s "$f" ] || [ "$(head -c 4 "$f")" != "$png_signature" ]; then
    echo "FAIL: $f is missing, empty or not a PNG" >&2; fail=1
  fi
done
for name in fig1-loss fig2-stacked-first-100-steps fig2-stacked-whole-run; do
  f="$out/figures/$name.pdf"
  if [ ! -s "$f" ] || [ "$(head -c 5 "$f")" != "%PDF-" ]; then
    echo "FAIL: $f is missing, empty or not a PDF" >&2; fail=1
  fi
done
[ "$fail" = 0 ] && echo "demo --quick: verdicts and figures OK ($out)" >&2
exit "$fail"
