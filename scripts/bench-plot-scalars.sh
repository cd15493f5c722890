#!/usr/bin/env bash
# Side-by-side timing of `gradscope plot scalars --tag loss` with two binaries on one logdir,
# interleaved round after round (issue 8: the filtered read). Prints wall seconds per run.
# usage: scripts/bench-plot-scalars.sh BEFORE_BINARY AFTER_BINARY LOGDIR [ROUNDS [AFTER_LOGDIR]]
# With AFTER_LOGDIR, the after binary reads that logdir (e.g. the same demo in a newer format).
set -euo pipefail
before=$1 after=$2 logdir=$3 rounds=${4:-5} after_logdir=${5:-$3}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
time_one() {  # binary label
    local start end dir=$logdir
    [ "$2" = after ] && dir=$after_logdir
    start=$(date +%s.%N)
    "$1" plot scalars "$dir" --tag loss -o "$out/$2.png" >/dev/null 2>&1
    end=$(date +%s.%N)
    echo "$2 $(echo "$end - $start" | bc)"
}
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$rounds"); do
    if (( round % 2 )); then time_one "$before" before; time_one "$after" after
    else time_one "$after" after; time_one "$before" before; fi
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
