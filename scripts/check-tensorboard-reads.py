#!/usr/bin/env python3
"""Checks that TensorBoard's own loader reads a logdir that gradscope wrote.

For every run: EventAccumulator (keep everything) must list the same histogram and scalar
tags gradscope's reader lists, with the same number of steps; each histogram's bucket counts
must add up to its `num`. The dashboards' own loader (plugin_event_accumulator, which converts
every `histo` with data_compat as the histogram and distribution dashboards do) must list every
histogram tag under the "histograms" plugin, with a [k,3] tensor per step whose counts add up
to `num`. Prints one line per run and exits non-zero on any mismatch.
usage: scripts/check-tensorboard-reads.py LOGDIR   (needs: pip install tensorboard)
"""
import json, os, subprocess, sys

from tensorboard.backend.event_processing import event_accumulator as ea
from tensorboard.backend.event_processing import plugin_event_accumulator as pea
from tensorboard.util import tensor_util

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
    dashboards = pea.EventAccumulator(path, size_guidance={pea.TENSORS: 0})
    dashboards.Reload()
    plugin_tags = dashboards.PluginTagToContent("histograms")
    for tag in run["tags"]:
        if tag["kind"] != "histogram":
            continue
        if tag["tag"] not in plugin_tags:
            print(f"{run['run']}: the histogram dashboard does not list {tag['tag']}"); failures += 1; continue
        events = dashboards.Tensors(tag["tag"])
        if len(events) != tag["steps"]:
            print(f"{run['run']}: {tag['tag']}: dashboard {len(events)} steps, gradscope {tag['steps']}"); failures += 1
        for e in events:
            rows = tensor_util.make_ndarray(e.tensor_proto)
            if rows.size and (rows.ndim != 2 or rows.shape[1] != 3):
                print(f"{run['run']}: {tag['tag']} step {e.step}: dashboard tensor shape {rows.shape}"); failures += 1; break
    print(f"{run['run']}: {len(tags['histograms'])} histogram and {len(tags['scalars'])} scalar tags read by TensorBoard, "
          f"{len(plugin_tags)} in the histogram dashboard")
sys.exit(1 if failures else 0)
