#!/bin/sh
# The training-step benchmark of BENCHMARKS.md: gradscope's demo step (bare and logged) and
# the PyTorch reference's, interleaved A B A B … at 1 and 2 threads, ROUNDS rounds.
# Usage: scripts/bench-step.sh [ROUNDS] [STEPS]   (after `make bench`)
set -eu
rounds=${1:-3}
steps=${2:-100}
ref=${REFERENCE:-../shared/reference/postln_copy_reference.py}
bench=.build/release/gradscope-bench
echo "# $(date -u +%H:%M) UTC, $(uptime | sed 's/.*load/load/')"
for r in $(seq 1 "$rounds"); do
  for t in 1 2; do
    echo "round $r, $t threads:"
    python3 "$ref" --optimizer adam --steps "$steps" --threads "$t" | sed 's/^/  pytorch   /'
    "$bench" step --threads "$t" --steps "$steps" --rounds 2 | sed 's/^/  gradscope /'
  done
done
echo "# end $(date -u +%H:%M) UTC, $(uptime | sed 's/.*load/load/')"
