#!/usr/bin/env python3
"""Bytes per step and TensorBoard's load time of two runs side by side (issue 8).

For each run directory: its event-file bytes, its steps (values of the `loss` scalar),
bytes per step and histogram tags, then the seconds TensorBoard's own `EventAccumulator`
(size guidance 0: keep every value) takes to load it, the runs interleaved A B B A … for
ROUNDS rounds in one session.
usage: scripts/bench-log-size.py RUN_A RUN_B [ROUNDS]
"""
import os
import sys
import time

from tensorboard.backend.event_processing import event_accumulator as ea


def load(run):
    t0 = time.perf_counter()
    acc = ea.EventAccumulator(run, size_guidance={ea.HISTOGRAMS: 0, ea.SCALARS: 0, ea.TENSORS: 0})
    acc.Reload()
    return time.perf_counter() - t0, acc


def main():
    runs = sys.argv[1:3]
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 2
    print(f"load average: {open('/proc/loadavg').read().split()[:3]}")
    for run in runs:
        size = sum(os.path.getsize(os.path.join(run, f)) for f in os.listdir(run) if "tfevents" in f)
        _, acc = load(run)
        steps = len(acc.Scalars("loss"))
        tags = acc.Tags()["histograms"]
        values = sum(len(acc.Histograms(t)) for t in tags)
        print(f"{run}: {size} bytes, {steps} steps, {size / steps / 1000:.1f} KB/step, "
              f"{len(tags)} histogram tags, {values} histograms")
    times = {run: [] for run in runs}
    for r in range(rounds):
        for run in (runs if r % 2 == 0 else runs[::-1]):
            seconds, _ = load(run)
            times[run].append(seconds)
    for run in runs:
        print(f"{run}: EventAccumulator " + ", ".join(f"{t:.2f}" for t in times[run]) + " s")
    print(f"load average: {open('/proc/loadavg').read().split()[:3]}")


if __name__ == "__main__":
    main()
