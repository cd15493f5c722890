#!/usr/bin/env bash
# Full-read benchmark of BENCHMARKS.md ("Reading a large logdir"): gradscope at 1 and 2 threads
# before and after TensorBoard's EventAccumulator and tbparse, ROUNDS rounds, one session.
# usage: scripts/bench-read.sh LOGDIR [ROUNDS]   (after `swift build -c release --product gradscope-bench`)
set -euo pipefail
logdir=$1 rounds=${2:-2}
bench=.build/release/gradscope-bench
for round in $(seq 1 "$rounds"); do
    echo "round $round, load average $(cut -d' ' -f1-3 /proc/loadavg)"
    "$bench" read "$logdir" --parallelism 1
    "$bench" read "$logdir" --parallelism 2
    python3 ../shared/bench/tb_load_baseline.py "$logdir"
    "$bench" read "$logdir" --parallelism 1
    "$bench" read "$logdir" --parallelism 2
done
