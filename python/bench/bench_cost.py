#!/usr/bin/env python3
"""Cost of gradscope-torch against its peers, side by side in one process, interleaved.

1. 10M float32 gradient-like values (log-normal magnitudes, random signs, 1 % zeros), CPU:
   GradientLogger.log of the tensor (bucketing, statistics, encoding, CRC, write), the
   searchsorted path (int32 bit patterns of each bucket's last float32), torch.histc of
   log10|g|, and SummaryWriter.add_histogram. ns per value.
2. A step of the demo model (../shared/reference/postln_copy_reference.py: post-LN, 6 layers,
   d_model 64, batch 32; 76 tensors, 306 144 values): bare, + GradientLogger.log, +
   add_histogram of |g| per tensor. ms per step and overhead vs bare.

10M values: each round runs every method once (in rotating order); the figures are the range
(min…max) over rounds. Demo step: each cycle runs every mode (shuffled order) for one
untimed and --timed timed steps; overheads are per cycle (against the bare step of the same
cycle), their median per round, then the range over rounds; the ratio is taken per round.
usage: python/bench/bench_cost.py [--rounds 5] [--steps 15] [--threads 2] [--n 10000000] [--only 10m|demo] [--timed 2] [--reference PATH]
"""

import argparse
import importlib.util
import os
import statistics
import sys
import tempfile
import time

import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
from gradscope_torch import GradientLogger  # noqa: E402
from gradscope_torch.buckets import lower_boundaries, slot_table  # noqa: E402

ap = argparse.ArgumentParser()
ap.add_argument("--rounds", type=int, default=5)
ap.add_argument("--steps", type=int, default=15)
ap.add_argument("--threads", type=int, default=2)
ap.add_argument("--n", type=int, default=10_000_000)
ap.add_argument("--only", choices=["10m", "demo"], help="run one of the two benchmarks")
ap.add_argument("--timed", type=int, default=2, help="timed demo steps per mode and cycle (after one untimed)")
ap.add_argument("--reference", default=os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared",
                                                     "reference", "postln_copy_reference.py"))
a = ap.parse_args()
torch.set_num_threads(a.threads)
torch.set_num_interop_threads(1)
tmp = tempfile.mkdtemp(prefix="gradscope-bench-")

try:
    from torch.utils.tensorboard import SummaryWriter
except ImportError:  # pragma: no cover
    SummaryWriter = None


def rng_values(n: int) -> torch.Tensor:
    rng = np.random.default_rng(0)
    x = (10.0 ** rng.normal(-5, 2, n) * rng.choice([-1, 1], n)).astype(np.float32)
    x[rng.random(n) < 0.01] = 0
    return torch.from_numpy(x)


def searchsorted_path(scale: int):
    t = slot_table(scale)
    with np.errstate(over="ignore"):  # boundaries beyond float32's range become +Inf
        last = lower_boundaries(t.window_low + 1, t.width, scale).astype(np.float32)
    # int32 patterns of each bucket's last float32 (largest float32 <= b^(i+1))
    bits = last.view(np.int32).copy()
    too_big = last.astype(np.float64) > lower_boundaries(t.window_low + 1, t.width, scale)
    bits[too_big] -= 1
    edges = torch.from_numpy(bits)

    def run(x: torch.Tensor):
        ax = x.abs()
        slots = torch.searchsorted(edges, ax.view(torch.int32))
        counts = torch.bincount(slots, minlength=t.width + 1)
        return counts, ax.sum(dtype=torch.float64), torch.linalg.vector_norm(ax, dtype=torch.float64), torch.aminmax(ax)
    return run


def ranges(samples: dict) -> dict:
    return {k: (min(v), max(v)) for k, v in samples.items()}


def bench_10m() -> dict:
    x = rng_values(a.n)
    logger = GradientLogger(os.path.join(tmp, "big"))
    writer = SummaryWriter(os.path.join(tmp, "tb-big")) if SummaryWriter else None
    search = searchsorted_path(3)
    step = [0]

    def ours():
        step[0] += 1
        logger.log({"x": x}, step[0])

    methods = {"gradscope-torch GradientLogger.log": ours, "searchsorted path": lambda: search(x),
               "torch.histc log10|g|": lambda: torch.histc(torch.log10(x.abs()), bins=420, min=-12, max=2)}
    if writer:
        methods["SummaryWriter.add_histogram"] = lambda: (writer.add_histogram("x", x, step[0]), writer.flush())
    for fn in methods.values():
        fn()
    samples = {k: [] for k in methods}
    for r in range(a.rounds):
        names = list(methods)
        names = names[r % len(names):] + names[:r % len(names)]
        for name in names:
            t0 = time.perf_counter()
            methods[name]()
            samples[name].append((time.perf_counter() - t0) / a.n * 1e9)
    logger.close()
    return ranges(samples)


def load_reference():
    spec = importlib.util.spec_from_file_location("postln_reference", a.reference)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def bench_demo_step() -> tuple[dict, int, int]:
    ref = load_reference()
    torch.manual_seed(0)
    model = ref.PostLN(64, 4, 6)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    gen = torch.Generator().manual_seed(1)
    logger = GradientLogger(os.path.join(tmp, "demo"))
    writer = SummaryWriter(os.path.join(tmp, "tb-demo")) if SummaryWriter else None
    params = list(model.named_parameters())
    counter = [0]

    def step(log):
        counter[0] += 1
        x, y = ref.copy_batch(gen, 32)
        logits = model(x)
        loss = torch.nn.functional.cross_entropy(logits[:, ref.HALF:].reshape(-1, ref.VOCAB),
                                                 y[:, ref.HALF:].reshape(-1))
        opt.zero_grad()
        loss.backward()
        log(counter[0], loss)
        opt.step()

    def ours(t, loss):
        logger.log(model, t, loss=loss, lr=1e-3)

    def tb(t, loss):
        for name, p in params:
            writer.add_histogram("grad/" + name, p.grad.abs(), t)
        writer.flush()

    searches = {}

    def searchsorted_per_tensor(t, loss):
        for name, p in params:
            searches.setdefault(name, searchsorted_path(3))(p.grad.reshape(-1))

    modes = {"bare step": lambda t, loss: None, "+ GradientLogger.log": ours,
             "+ searchsorted path per tensor": searchsorted_per_tensor}
    if writer:
        modes["+ add_histogram per tensor"] = tb
    for mode in modes.values():
        for _ in range(3):
            step(mode)
    # Interleaved in short runs: each cycle runs every mode (shuffled order) for one untimed step,
    # which absorbs what the previous mode left behind (add_histogram's garbage and writer
    # work slow the next step down), then for `timed` timed steps, whose mean is the cycle's
    # time. A burst of load from other processes hits all modes of a cycle alike.
    samples = {k: [] for k in modes}
    names = list(modes)
    order = np.random.default_rng(7)
    for r in range(a.rounds):
        cycles = {k: [] for k in modes}
        for c in range(a.steps):
            for name in order.permutation(names).tolist():
                step(modes[name])
                t0 = time.perf_counter()
                for _ in range(a.timed):
                    step(modes[name])
                cycles[name].append((time.perf_counter() - t0) / a.timed)
        for name in modes:
            samples[name].append(cycles[name])
    logger.close()
    n_values = sum(p.numel() for _, p in params)
    return samples, len(params), n_values


def overheads(samples: dict) -> dict:
    """Per round: the median over its cycles of (mode's step / bare step of the same cycle) − 1."""
    bare = samples["bare step"]
    return {k: [statistics.median(v / b - 1 for v, b in zip(vs, bs)) for vs, bs in zip(rounds, bare)]
            for k, rounds in samples.items() if k != "bare step"}


print(f"torch {torch.__version__}, torch.get_num_threads() = {torch.get_num_threads()}, "
      f"interop threads {torch.get_num_interop_threads()}, {a.rounds} rounds, "
      f"load average at start {os.getloadavg()[0]:.2f}")
if a.only != "demo":
    print(f"\n{a.n:,} float32 values, ns/value (range of {a.rounds} interleaved runs):")
    for name, (lo, hi) in bench_10m().items():
        print(f"  {name:<40} {lo:7.2f} … {hi:7.2f}")
if a.only == "10m":
    sys.exit(0)
samples, tensors, values = bench_demo_step()
print(f"\ndemo step ({tensors} tensors, {values:,} values), {a.rounds} rounds of {a.steps} cycles, a cycle = 1 + "
      f"{a.timed} steps of each mode; ms per step: range of the rounds' medians (fastest step); overhead: range over "
      f"rounds of the median per-cycle ratio to the bare step of the same cycle:")
extra = overheads(samples)
for name, rounds in samples.items():
    medians = [statistics.median(r) * 1e3 for r in rounds]
    fastest = min(min(r) for r in rounds) * 1e3
    over = "" if name == "bare step" else \
        f"   overhead {100 * min(extra[name]):+.0f}% … {100 * max(extra[name]):+.0f}%"
    print(f"  {name:<40} {min(medians):7.2f} … {max(medians):7.2f} ({fastest:6.2f}){over}")
if "+ add_histogram per tensor" in extra:
    ratio = [t / o for t, o in zip(extra["+ add_histogram per tensor"], extra["+ GradientLogger.log"])]
    print(f"  add_histogram overhead / GradientLogger overhead, per round: {min(ratio):.1f}× … {max(ratio):.1f}×")
print(f"load average at end {os.getloadavg()[0]:.2f}")
