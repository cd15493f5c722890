"""Independent expectations for logged histograms: bucket counts from the integer reference,
sums with math.fsum, min and max from numpy."""

import glob
import math
import os

import numpy as np
import torch

from gradscope_torch import read_values
from reference import INF, NAN, ZERO, reference_indices


def expected_histogram(g: torch.Tensor, scale: int, zero_threshold: float = 0.0) -> dict:
    """What the histogram of |g| must hold, computed without the package."""
    a = g.detach().double().abs().reshape(-1).numpy() if g.dtype == torch.float64 else \
        g.detach().float().abs().reshape(-1).numpy()
    bits = a.view(np.uint64 if a.dtype == np.float64 else np.uint32).astype(np.uint64)
    p, e = (52, 11) if a.dtype == np.float64 else (23, 8)
    classes = reference_indices(bits, scale, p, e)
    buckets: dict[int, int] = {}
    zeros = nans = infs = 0
    for x, c in zip(a.tolist(), classes):
        if c == NAN:
            nans += 1
        elif c == INF:
            infs += 1
        elif c == ZERO or x <= zero_threshold:
            zeros += 1
        else:
            buckets[c] = buckets.get(c, 0) + 1
    finite = a[np.isfinite(a)]
    return {"buckets": buckets, "zero": zeros, "nan": nans, "inf": infs,
            "sum": math.fsum(finite.tolist()), "sumsq": math.fsum((finite.astype(np.float64) ** 2).tolist()),
            "min": float(finite.min()) if finite.size else math.inf,
            "max": float(finite.max()) if finite.size else -math.inf}


def buckets_of(h) -> dict[int, int]:
    return {h.positive.offset + i: int(c) for i, c in enumerate(h.positive.counts) if c}


def assert_histogram_equals(h, want: dict, rel: float = 1e-9) -> None:
    assert buckets_of(h) == want["buckets"]
    assert (h.zero_count, h.nan_count, h.positive_infinity_count) == (want["zero"], want["nan"], want["inf"])
    assert h.negative.total == 0 and h.negative_infinity_count == 0
    assert (h.min, h.max) == (want["min"], want["max"])
    assert math.isclose(h.sum, want["sum"], rel_tol=rel, abs_tol=1e-300)
    assert math.isclose(h.sum_of_squares, want["sumsq"], rel_tol=rel, abs_tol=1e-300)


def read_log(logdir: str) -> list:
    files = sorted(glob.glob(os.path.join(logdir, "events.out.tfevents.*")))
    assert len(files) == 1, files
    return list(read_values(files[0]))


def histograms_by_step(values) -> dict[int, dict]:
    out: dict[int, dict] = {}
    for v in values:
        if v.histogram is not None:
            out.setdefault(v.step, {})[v.tag] = v.histogram
    return out


def scalars_by_step(values) -> dict[int, dict]:
    out: dict[int, dict] = {}
    for v in values:
        if v.scalar is not None:
            out.setdefault(v.step, {})[v.tag] = v.scalar
    return out
