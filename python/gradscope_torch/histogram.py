"""gradscope's exponential histogram on the host: the value one ``grad/…`` tag holds per step.

Bucket ``i`` (scale ``s``, base ``b = 2^(2^-s)``) holds the magnitudes in ``(b^i, b^(i+1)]``;
``|x| <= zero_threshold`` counts as zero; NaN and ±Inf have counters of their own; ``sum``,
``sum_of_squares``, ``min`` and ``max`` cover the finite values only (``min = +inf``,
``max = -inf`` when there is none). The fields are those of
``Sources/Histograms/ExponentialHistogram.swift`` and of the stored payload
(``Sources/TensorBoardLog/Protos/gradscope/exponential_histogram.proto``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np


def _empty_counts() -> np.ndarray:
    return np.zeros(0, dtype=np.uint64)


@dataclass
class BucketRun:
    """Contiguous bucket counts: ``counts[k]`` belongs to bucket ``offset + k``."""

    offset: int = 0
    counts: np.ndarray = field(default_factory=_empty_counts)

    def trimmed(self) -> "BucketRun":
        """From the first to the last non-zero bucket (``self`` when it already is)."""
        c = self.counts
        if c.size and c.dtype == np.uint64 and c[0] != 0 and c[-1] != 0:
            return self
        nonzero = np.flatnonzero(self.counts)
        if nonzero.size == 0:
            return BucketRun()
        first, last = int(nonzero[0]), int(nonzero[-1])
        return BucketRun(self.offset + first, self.counts[first:last + 1].astype(np.uint64))

    @property
    def total(self) -> int:
        return int(self.counts.sum(dtype=np.uint64)) if self.counts.size else 0

    def added(self, other: "BucketRun") -> "BucketRun":
        """The bucket-wise sum of two runs of the same scale."""
        if other.counts.size == 0:
            return self
        if self.counts.size == 0:
            return other
        low = min(self.offset, other.offset)
        high = max(self.offset + self.counts.size, other.offset + other.counts.size)
        out = np.zeros(high - low, dtype=np.uint64)
        out[self.offset - low:self.offset - low + self.counts.size] += self.counts.astype(np.uint64)
        out[other.offset - low:other.offset - low + other.counts.size] += other.counts.astype(np.uint64)
        return BucketRun(low, out)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, BucketRun):
            return NotImplemented
        a, b = self.trimmed(), other.trimmed()
        return a.offset == b.offset and np.array_equal(a.counts, b.counts)


@dataclass
class ExponentialHistogram:
    scale: int = 3
    zero_threshold: float = 0.0
    positive: BucketRun = field(default_factory=BucketRun)
    negative: BucketRun = field(default_factory=BucketRun)
    zero_count: int = 0
    nan_count: int = 0
    positive_infinity_count: int = 0
    negative_infinity_count: int = 0
    sum: float = 0.0
    sum_of_squares: float = 0.0
    min: float = math.inf
    max: float = -math.inf

    @property
    def finite_count(self) -> int:
        return self.positive.total + self.negative.total + self.zero_count

    @property
    def count(self) -> int:
        return self.finite_count + self.nan_count + self.positive_infinity_count + self.negative_infinity_count

    def merged(self, other: "ExponentialHistogram") -> "ExponentialHistogram":
        """The exact merge of two histograms of the same scale and zero threshold."""
        if (self.scale, self.zero_threshold) != (other.scale, other.zero_threshold):
            raise ValueError("merging histograms of different scales or zero thresholds")
        return ExponentialHistogram(
            self.scale, self.zero_threshold,
            self.positive.added(other.positive), self.negative.added(other.negative),
            self.zero_count + other.zero_count, self.nan_count + other.nan_count,
            self.positive_infinity_count + other.positive_infinity_count,
            self.negative_infinity_count + other.negative_infinity_count,
            self.sum + other.sum, self.sum_of_squares + other.sum_of_squares,
            min(self.min, other.min), max(self.max, other.max))

    def magnitude_quantile(self, q: float) -> float | None:
        """The ``q``-quantile of a histogram of magnitudes (no negative buckets), as Swift's
        ``ExponentialHistogram.quantile``: values uniform in ``log|x|`` within a bucket, zeros
        spread over ``[-t, t]``, the result clamped to ``[min, max]``."""
        ranked = self.count - self.nan_count
        if ranked == 0 or math.isnan(q):
            return None
        rank = min(max(q, 0.0), 1.0) * ranked
        before = 0.0
        width = 2.0 ** -self.scale

        def clamp(x: float) -> float:
            return min(max(x, self.min), self.max) if self.min <= self.max else x

        groups = [(self.negative_infinity_count, lambda f: -math.inf),
                  (self.zero_count, lambda f: clamp(self.zero_threshold * (2 * f - 1)))]
        for n, value in groups:
            if n > 0:
                if rank <= before + n:
                    return value(max(0.0, (rank - before) / n))
                before += n
        positive = self.positive.trimmed()
        cumulative = np.cumsum(positive.counts.astype(np.float64))
        k = int(np.searchsorted(before + cumulative, rank, side="left"))
        if k < cumulative.size:
            n = float(positive.counts[k])
            prior = before + (cumulative[k - 1] if k > 0 else 0.0)
            f = max(0.0, (rank - prior) / n)
            return clamp(2.0 ** ((positive.offset + k + f) * width))
        if self.positive_infinity_count > 0:
            return math.inf
        return clamp(self.max)
