#!/usr/bin/env bash
# Replays fuzz inputs through the CLI (part of `make fuzz`): each input of CORPUS (the first
# LIMIT, default 150, in name order: libFuzzer's SHA-1 names make it a random sample) becomes
# a logdir twice, as a whole event file and as one record framed with valid CRCs, and
# `inspect`, `export`, `plot hist|heatmap|scalars|rect`, `diagnose` and `report` run on it.
# Each must exit 0 or 1 (a one-line error), never on a signal. usage: scripts/fuzz-replay-cli.sh GRADSCOPE CORPUS [LIMIT]
set -uo pipefail
gradscope=$1 corpus=$2 limit=${3:-150}
framing="$(dirname "$0")/make-hostile-fixtures.py"   # its record(): TFRecord framing, masked CRC-32C
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
inputs=$(ls "$corpus" | head -n "$limit")   # libFuzzer names inputs by SHA-1: a random sample
failures=0 runs=0
for input in $inputs; do
    for form in file record; do
        dir="$work/$form" && rm -rf "$dir" && mkdir -p "$dir/run"
        if [ "$form" = file ]; then cp "$corpus/$input" "$dir/run/events.out.tfevents.1.fuzz"
        else python3 -c '
import importlib.util, sys
spec = importlib.util.spec_from_file_location("fixtures", sys.argv[3])
fixtures = importlib.util.module_from_spec(spec)
spec.loader.exec_module(fixtures)
open(sys.argv[2], "wb").write(fixtures.record(open(sys.argv[1], "rb").read()))
' "$corpus/$input" "$dir/run/events.out.tfevents.1.fuzz" "$framing"; fi
        for command in "inspect $dir" "export $dir --format jsonl" "plot hist $dir -o $work/h.png" \
                       "plot heatmap $dir -o $work/m.png" "plot scalars $dir --tag loss -o $work/s.png" \
                       "plot rect $dir -o $work/q.png" \
                       "diagnose $dir" "report $dir -o $work/r.html"; do
            # shellcheck disable=SC2086
            "$gradscope" $command >/dev/null 2>"$work/stderr"
            status=$? runs=$((runs + 1))
            if [ "$status" -gt 1 ]; then
                echo "FAIL ($status): $input as $form: gradscope $command"; head -3 "$work/stderr"
                failures=$((failures + 1))
            fi
        done
    done
done
echo "fuzz replay: $runs commands on $(echo "$inputs" | wc -w) inputs, $failures failures"
[ "$failures" -eq 0 ]
