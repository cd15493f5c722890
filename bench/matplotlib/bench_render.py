#!/usr/bin/env python3
"""matplotlib baseline for `gradscope-bench render`: the same two figures, same data.

Workload (identical to Sources/gradscope-bench/RenderBench.swift): bins with edges 2^(i/8),
i = -232 .. 24 (256 bins); step s of S has counts[i] = floor(1000 exp(-((i - mu)/25)^2 / 2))
+ (7i + 13s) mod 5 with mu = -80 - 100 (s - 1)/(S - 1) (bin index from the first bin), and
floor(50 s / S) zeros. Figures are 6.4 x 4 in at 150 dpi (Agg for PNG).
- heatmap: S = 10000 steps, fraction of values per cell, LogNorm, colorbar, log |g| axis.
  Two ways: pcolormesh with a log y axis (what one writes first), and imshow on ln|g|
  coordinates (the fast way, resampled by matplotlib rather than merged).
- stacked: S = 100 slices, each a filled `stairs` with an outline, later slices higher.
Prints the median wall time of --repeat runs (after one warm-up) of draw + savefig.
usage: bench_render.py [--heatmap-steps 10000] [--slices 100] [--repeat 5] [--out /tmp]
"""
import argparse, os, statistics, time
import numpy as np
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.colors import LogNorm
from matplotlib.ticker import FuncFormatter

ap = argparse.ArgumentParser()
ap.add_argument("--heatmap-steps", type=int, default=10000)
ap.add_argument("--slices", type=int, default=100)
ap.add_argument("--repeat", type=int, default=5)
ap.add_argument("--out", default="/tmp")
a = ap.parse_args()

edges = 2.0 ** (np.arange(-232, 25) / 8)

def workload(steps):
    s = np.arange(1, steps + 1)[:, None]
    i = np.arange(256)[None, :]
    mu = -80 - 100 * (s - 1) / (steps - 1)
    z = (i - (256 + mu)) / 25
    counts = np.floor(1000 * np.exp(-0.5 * z * z)) + (7 * i + 13 * s) % 5
    zeros = np.floor(50 * s[:, 0] / steps)
    return counts, zeros

def heatmap_pcolormesh(path, counts, zeros):
    steps = counts.shape[0]
    frac = counts / (counts.sum(axis=1) + zeros)[:, None]
    fig, ax = plt.subplots(figsize=(6.4, 4), dpi=150)
    x = np.arange(steps + 1) + 0.5
    m = ax.pcolormesh(x, edges, frac.T, norm=LogNorm(vmin=frac.max() * 1e-5, vmax=frac.max()), shading="flat")
    ax.set_yscale("log", base=np.e)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"$e^{{{int(round(np.log(v)))}}}$"))
    ax.set_xlabel("step"); ax.set_ylabel("|g|"); ax.set_title(f"heatmap, {steps} steps")
    fig.colorbar(m, ax=ax, label="fraction of values")
    fig.savefig(path); plt.close(fig)

def heatmap_imshow(path, counts, zeros):
    steps = counts.shape[0]
    frac = counts / (counts.sum(axis=1) + zeros)[:, None]
    fig, ax = plt.subplots(figsize=(6.4, 4), dpi=150)
    ln = np.log(edges)
    m = ax.imshow(frac.T, origin="lower", aspect="auto", interpolation="nearest",
                  extent=[0.5, steps + 0.5, ln[0], ln[-1]], norm=LogNorm(vmin=frac.max() * 1e-5, vmax=frac.max()))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"$e^{{{int(round(v))}}}$"))
    ax.set_xlabel("step"); ax.set_ylabel("|g|"); ax.set_title(f"heatmap, {steps} steps")
    fig.colorbar(m, ax=ax, label="fraction of values")
    fig.savefig(path); plt.close(fig)

def stacked(path, counts, zeros):
    n = counts.shape[0]
    fig, ax = plt.subplots(figsize=(6.4, 4), dpi=150)
    overlap = 3.0
    for k in reversed(range(n)):
        h = counts[k] / counts[k].max() * overlap
        color = plt.cm.Oranges(0.3 + 0.7 * k / (n - 1))
        ax.stairs(h + k, edges, baseline=k, fill=True, color=color)
        ax.stairs(h + k, edges, baseline=k, color="black", linewidth=0.6)
    ax.set_xscale("log", base=np.e)
    ax.set_xlabel("|g| (log scale)"); ax.set_ylabel("step"); ax.set_title(f"stacked, {n} slices")
    fig.savefig(path); plt.close(fig)

def bench(name, fn, path, *args):
    fn(path, *args)
    ts = []
    for _ in range(a.repeat):
        t0 = time.perf_counter(); fn(path, *args); ts.append(time.perf_counter() - t0)
    print(f"{name:<40} {statistics.median(ts):8.4f} s  ({os.path.getsize(path)} bytes)  {path}")

heat = workload(a.heatmap_steps)
stack = workload(a.slices)
bench(f"heatmap {a.heatmap_steps} steps PNG (pcolormesh)", heatmap_pcolormesh, os.path.join(a.out, "mpl-heatmap-pcolormesh.png"), *heat)
bench(f"heatmap {a.heatmap_steps} steps PNG (imshow)", heatmap_imshow, os.path.join(a.out, "mpl-heatmap-imshow.png"), *heat)
bench(f"heatmap {a.heatmap_steps} steps SVG (imshow)", heatmap_imshow, os.path.join(a.out, "mpl-heatmap-imshow.svg"), *heat)
bench(f"stacked {a.slices} slices PNG", stacked, os.path.join(a.out, "mpl-stacked.png"), *stack)
