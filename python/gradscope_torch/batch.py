"""``HistogramBatch``: the magnitude histograms of one logged step, as arrays.

Row ``r`` is one ``ExponentialHistogram`` of magnitudes (no negative buckets) at the batch's
scale and zero threshold: bucket ``offset + c`` holds ``counts[r, c]``. Encoding a step works
on whole columns (``payload.encode_values``), so its cost grows with the buckets, not with a
Python loop per histogram and bucket.
"""

from __future__ import annotations

import functools
import operator
from dataclasses import dataclass

import numpy as np

from .histogram import BucketRun, ExponentialHistogram


@dataclass
class BucketSpans:
    """Per row: whether it has a non-zero bucket, and the first and last one (bucket indices;
    0 where it has none)."""

    occupied: np.ndarray  # bool [n]
    low: np.ndarray  # int64 [n]
    high: np.ndarray  # int64 [n]


@dataclass
class HistogramBatch:
    scale: int
    zero_threshold: float
    offset: int  # bucket of column 0
    counts: np.ndarray  # uint64 [n, width]
    zero_count: np.ndarray  # uint64 [n]
    nan_count: np.ndarray  # uint64 [n]
    positive_infinity_count: np.ndarray  # uint64 [n]
    sum: np.ndarray  # float64 [n], finite values only
    sum_of_squares: np.ndarray  # float64 [n]
    min: np.ndarray  # float64 [n] (+Inf without finite values)
    max: np.ndarray  # float64 [n] (−Inf without finite values)

    def __len__(self) -> int:
        return self.counts.shape[0]

    @property
    def finite_count(self) -> np.ndarray:
        return self.counts.sum(axis=1, dtype=np.uint64) + self.zero_count

    @staticmethod
    def of(histograms: list[ExponentialHistogram]) -> "HistogramBatch":
        """The rows of ``histograms`` (of one scale and zero threshold, magnitudes only)."""
        if not histograms:
            raise ValueError("a batch needs at least one histogram")
        first = histograms[0]
        if any((h.scale, h.zero_threshold) != (first.scale, first.zero_threshold) for h in histograms):
            raise ValueError("a batch holds histograms of one scale and zero threshold")
        if any(h.negative.trimmed().counts.size or h.negative_infinity_count for h in histograms):
            raise ValueError("a batch holds histograms of magnitudes (no negative values)")
        runs = [h.positive.trimmed() for h in histograms]
        occupied = [r for r in runs if r.counts.size]
        offset = min((r.offset for r in occupied), default=0)
        width = max((r.offset + r.counts.size for r in occupied), default=offset) - offset
        counts = np.zeros((len(runs), width), dtype=np.uint64)
        for row, run in zip(counts, runs):
            row[run.offset - offset:run.offset - offset + run.counts.size] = run.counts
        column = functools.partial(np.array, dtype=np.uint64)
        real = functools.partial(np.array, dtype=np.float64)
        return HistogramBatch(first.scale, first.zero_threshold, offset, counts,
                              column([h.zero_count for h in histograms]), column([h.nan_count for h in histograms]),
                              column([h.positive_infinity_count for h in histograms]),
                              real([h.sum for h in histograms]), real([h.sum_of_squares for h in histograms]),
                              real([h.min for h in histograms]), real([h.max for h in histograms]))

    @staticmethod
    def concatenated(batches: list["HistogramBatch"]) -> "HistogramBatch":
        """The rows of every batch, in order, over the union of their columns."""
        if len(batches) == 1:
            return batches[0]
        first = batches[0]
        if any((b.scale, b.zero_threshold) != (first.scale, first.zero_threshold) for b in batches):
            raise ValueError("a batch holds histograms of one scale and zero threshold")
        offset = min(b.offset for b in batches)
        width = max(b.offset + b.counts.shape[1] for b in batches) - offset
        counts = np.zeros((sum(len(b) for b in batches), width), dtype=np.uint64)
        row = 0
        for b in batches:
            counts[row:row + len(b), b.offset - offset:b.offset - offset + b.counts.shape[1]] = b.counts
            row += len(b)

        def joined(name: str) -> np.ndarray:
            return np.concatenate([getattr(b, name) for b in batches])

        return HistogramBatch(first.scale, first.zero_threshold, offset, counts, joined("zero_count"),
                              joined("nan_count"), joined("positive_infinity_count"), joined("sum"),
                              joined("sum_of_squares"), joined("min"), joined("max"))

    def histogram(self, row: int) -> ExponentialHistogram:
        return ExponentialHistogram(
            self.scale, self.zero_threshold, BucketRun(self.offset, self.counts[row]).trimmed(), BucketRun(),
            int(self.zero_count[row]), int(self.nan_count[row]), int(self.positive_infinity_count[row]), 0,
            float(self.sum[row]), float(self.sum_of_squares[row]), float(self.min[row]), float(self.max[row]))

    def merged(self) -> "HistogramBatch":
        """One row: the exact merge of every row. Sums are added in row order, as
        ``ExponentialHistogram.merged`` folded over the rows (and Swift's trainer) does."""
        def in_order(x: np.ndarray) -> np.ndarray:
            return np.array([functools.reduce(operator.add, x.tolist())], dtype=np.float64)

        def total(x: np.ndarray) -> np.ndarray:
            return x.sum(axis=0, dtype=np.uint64, keepdims=True)

        return HistogramBatch(self.scale, self.zero_threshold, self.offset, total(self.counts),
                              total(self.zero_count), total(self.nan_count), total(self.positive_infinity_count),
                              in_order(self.sum), in_order(self.sum_of_squares), self.min.min(keepdims=True),
                              self.max.max(keepdims=True))

    def trimmed(self) -> "HistogramBatch":
        """The same rows over the columns from the first to the last non-zero one of any row."""
        used = np.flatnonzero(self.counts.any(axis=0))
        if used.size == self.counts.shape[1] or self.counts.shape[1] == 0:
            return self
        first, last = (int(used[0]), int(used[-1]) + 1) if used.size else (0, 0)
        return HistogramBatch(self.scale, self.zero_threshold, self.offset + first, self.counts[:, first:last],
                              self.zero_count, self.nan_count, self.positive_infinity_count, self.sum,
                              self.sum_of_squares, self.min, self.max)

    def spans(self) -> BucketSpans:
        nonzero = self.counts != 0
        occupied = nonzero.any(axis=1)
        width = self.counts.shape[1]
        if width == 0:
            return BucketSpans(occupied, np.zeros(len(self), np.int64), np.zeros(len(self), np.int64))
        low = np.where(occupied, self.offset + nonzero.argmax(axis=1), 0)
        high = np.where(occupied, self.offset + width - 1 - nonzero[:, ::-1].argmax(axis=1), 0)
        return BucketSpans(occupied, low.astype(np.int64), high.astype(np.int64))
