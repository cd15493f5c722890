#!/usr/bin/env bash
# Regenerates the figure gallery in examples/figures/ from the bundled example logs
# (examples/logs/) and the reference logs (Tests/GradscopeTestSupport/Fixtures/tensorboard/).
#
# usage: scripts/make-gallery.sh [-c debug|release]
set -euo pipefail
cd "$(dirname "$0")/.."

config=debug
if [[ "${1:-}" == "-c" ]]; then config="${2:?-c needs debug or release}"; fi
swift build -c "$config" --product gradscope >/dev/null
gradscope="$(swift build -c "$config" --show-bin-path)/gradscope"

out=examples/figures
ref=Tests/GradscopeTestSupport/Fixtures/tensorboard
logs=examples/logs
mkdir -p "$out"

plot() { echo "gradscope plot $*"; "$gradscope" plot "$@"; }

# The RAdam paper's Figure 2, Adam without and with warmup side by side (paper steps 1…100).
plot hist "$logs" -o "$out/stacked-adam-vs-warmup.png" --width 7 --height 4 \
    --title "|g| of a post-LN transformer: Adam vs Adam with warmup"
plot hist "$logs" -o "$out/stacked-adam-vs-warmup.pdf" --width 7 --height 4 \
    --title "|g| of a post-LN transformer: Adam vs Adam with warmup"
# Every step as a column; steps sharing a pixel column are merged exactly.
plot heatmap "$logs" -o "$out/heatmap-adam-vs-warmup.png" --width 7 --height 3.6
plot heatmap "$logs" -o "$out/heatmap-adam-vs-warmup.svg" --width 7 --height 3.6
plot heatmap "$logs" --run pytorch-adam -o "$out/heatmap-adam-log-steps-dark.png" --log-steps \
    --log-base 10 --theme dark --title "Adam, |g| per step (log steps)"
# Rectification for the paper's β2 values, threshold 4 (paper) and 5 (PyTorch).
plot rect -o "$out/rectification.png"
plot rect -o "$out/rectification.svg"
plot rect -o "$out/rectification-threshold5.png" --threshold 5 --beta2 0.99,0.999,0.9995 \
    --max-step 100000 --title "RAdam rectification, PyTorch threshold ρt > 5"
# Loss with TensorBoard-style smoothing, one line per run.
plot scalars "$logs" --tag loss --smoothing 0.6 -o "$out/loss-adam-vs-warmup.png" \
    --title "training loss (EMA 0.6)"
# Foreign logs: PyTorch SummaryWriter / tensorboardX (TF's log-spaced buckets), TF2 (30 linear buckets).
plot hist "$ref/torch_summarywriter" -o "$out/reference-torch-stacked.png" --steps auto \
    --title "PyTorch SummaryWriter histograms (TF default buckets)"
plot heatmap "$ref/tensorboardx" -o "$out/reference-tensorboardx-heatmap.png" \
    --title "tensorboardX histograms (TF default buckets)"
plot hist "$ref/tf2_tensor_histograms" -o "$out/reference-tf2-linear-stacked.png" --steps auto \
    --title "TF2 histograms: 30 linear buckets" 2>/dev/null
plot scalars "$ref/tensorboardx" -o "$out/reference-tensorboardx-lr.png" --width 5 --height 3 \
    --title "tensorboardX: learning rate"
echo "wrote $(ls "$out" | wc -l) figures to $out"
