#!/usr/bin/env python3
"""Checks that TensorBoard's own loader reads a logdir that gradscope wrote.

For every run: EventAccumulator (keep everything) must list the same histogram and scalar
tags gradscope's reader lists, with the same number of steps; each histogram's bucket counts
must add up to its `num`. Prints one line per run and exits non-zero on any mismatch.
usage: scripts/check-tensorboard-reads.py LOGDIR   (needs: pip install tensorboard)
"""
import json, os, subprocess, sys

from tensorboard.backend.event_processing import event_accumulator as ea

logdir = sys.argv[1]
gradscope = os.environ.get("GRADSCOPE", ".build/release/gradscope")
ours = json.loads(subprocess.run([gradscope, "inspect", "--json", logdir], check=True,
                                 capture_output=True, text=True).stdout)
failures = 0
for run in ours["runs"]:
    path = os.path.join(logdir, run["run"])
    acc = ea.EventAccumulator(path, size_guidance={ea.HISTOGRAMS: 0, ea.SCALARS: 0})
    acc.Reload()
    tags = acc.Tags()
    for tag in run["tags"]:
        kind = "histograms" if tag["kind"] == "histogram" else "scalars"
        if tag["tag"] not in tags[kind]:
            print(f"{run['run']}: TensorBoard does not list {kind[:-1]} {tag['tag']}"); failures += 1; continue
        events = acc.Histograms(tag["tag"]) if kind == "histograms" else acc.Scalars(tag["tag"])
        if len(events) != tag["steps"]:
            print(f"{run['run']}: {tag['tag']}: TensorBoard {len(events)} steps, gradscope {tag['steps']}"); failures += 1
        if kind == "histograms":
            for e in events:
                if abs(sum(e.histogram_value.bucket) - e.histogram_value.num) > 1e-6 * max(1, e.histogram_value.num):
                    print(f"{run['run']}: {tag['tag']} step {e.step}: counts do not add up to num"); failures += 1; break
    print(f"{run['run']}: {len(tags['histograms'])} histogram and {len(tags['scalars'])} scalar tags read by TensorBoard")
sys.exit(1 if failures else 0)
