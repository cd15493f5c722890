"""gradscope's lossless payload and the displayable ``HistogramProto`` of each histogram, for a
step's histograms at once (``HistogramBatch``, ``encode_values``).

See ``Sources/TensorBoardLog/FORMAT.md``. A histogram is one ``Summary.Value`` with

- ``histo``: a ``HistogramProto`` for TensorBoard's dashboards: buckets from the first to the
  last non-zero one, a zero bucket ``[-t, t]`` when ``zero_count > 0``, an empty bucket
  bridging any gap; ``bucket_limit`` = upper edges, ``bucket`` = counts; ``num``, ``sum``,
  ``sum_squares``, ``min``, ``max`` over finite values (``min = max = 0`` when none).
  Version 2 first downscales the histogram until it has at most ``DISPLAY_BUCKETS``;
- ``metadata.plugin_data``: plugin ``gradscope.exponential_histogram``, content a
  ``gradscope.ExponentialHistogramProto``. Version 1 carries every field; version 2 leaves
  the statistics to ``histo`` and names the plugin only on a tag's first value in a file.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from . import protowire as pw
from .batch import BucketSpans, HistogramBatch
from .buckets import lower_boundary_array
from .histogram import BucketRun, ExponentialHistogram

PLUGIN_NAME = "gradscope.exponential_histogram"
#: Payload version written (the one ``gradscope train`` writes).
VERSION = 2
#: Most buckets of the displayable proto in version 2 (Swift's ``EventFileWriter.displayBucketLimit``).
DISPLAY_BUCKETS = 8
MIN_SCALE = -10


def _leading(batch: HistogramBatch, occupied: np.ndarray, low: np.ndarray, scale: np.ndarray, zero: np.ndarray):
    """The buckets before a row's span at ``scale`` whose first bucket is ``low``: the zero bucket
    (``zero``) and a bridge from ``t`` to that bucket's lower edge where the two differ (as
    Swift's ``SignedBuckets``). Returns (their number, the bridge, that lower edge), broadcast."""
    first_lower = lower_boundary_array(low, scale)
    bridge = zero & occupied & (first_lower != batch.zero_threshold)
    return zero.astype(np.int64) + bridge, bridge, first_lower


def display_downscale(batch: HistogramBatch, spans: BucketSpans, max_buckets: int = DISPLAY_BUCKETS) -> np.ndarray:
    """Per row, the least ``k`` whose display at scale ``scale − k`` has at most ``max_buckets``
    buckets (bridges included), else the coarsest (``MIN_SCALE``): as Swift's
    ``Tensorboard_HistogramProto(displaying:)``. Bucket ``i`` becomes ``i >> k``, so the span
    ``lo…hi`` takes ``(hi >> k) − (lo >> k) + 1`` buckets."""
    coarsest = batch.scale - MIN_SCALE
    k = np.arange(coarsest + 1)
    low, high = spans.low[:, None] >> k, spans.high[:, None] >> k
    occupied = spans.occupied[:, None]
    lead, _, _ = _leading(batch, occupied, low, batch.scale - k, (batch.zero_count > 0)[:, None])
    fits = lead + np.where(occupied, high - low + 1, 0) <= max_buckets
    return np.where(fits.any(axis=1), fits.argmax(axis=1), coarsest)


@dataclass
class Display:
    """The displayable buckets of each row: ``size[r]`` buckets, the first from ``lower[r]``,
    then ``limits[r, :size[r]]`` (upper edges) and ``counts[r, :size[r]]``."""

    size: np.ndarray  # int64 [n]
    lower: np.ndarray  # float64 [n]
    limits: np.ndarray  # float64 [n, m]
    counts: np.ndarray  # float64 [n, m]


def display(batch: HistogramBatch, spans: BucketSpans, k: np.ndarray) -> Display:
    """Row ``r`` at scale ``scale − k[r]``, as Swift's ``SignedBuckets``: a zero bucket
    ``[-t, t]`` when ``zero_count > 0``, an empty bucket bridging ``t`` to the first bucket's
    lower edge where they differ, then the buckets from the first to the last non-zero one."""
    n, t = len(batch), batch.zero_threshold
    scale = batch.scale - k
    low, high = spans.low >> k, spans.high >> k
    width = np.where(spans.occupied, high - low + 1, 0)
    zero = batch.zero_count > 0
    lead, bridge, first_lower = _leading(batch, spans.occupied, low, scale, zero)
    size = lead + width
    m = int(size.max()) if n else 0
    limits, counts = np.zeros((n, m)), np.zeros((n, m), dtype=np.uint64)
    if zero.any():  # (a column index is checked even where no row is selected)
        limits[zero, 0], counts[zero, 0] = t, batch.zero_count[zero]
    if bridge.any():
        limits[bridge, 1] = first_lower[bridge]
    j = np.arange(int(width.max()) if n else 0)
    inside = j < width[:, None]
    rows = np.broadcast_to(np.arange(n)[:, None], inside.shape)[inside]
    columns = (lead[:, None] + j)[inside]
    limits[rows, columns] = lower_boundary_array((low[:, None] + 1 + j)[inside], scale[rows])
    nonzero = batch.counts != 0
    buckets = (batch.offset + np.arange(batch.counts.shape[1])) >> k[:, None]
    target = (np.arange(n)[:, None] * m + lead[:, None] + buckets - low[:, None])[nonzero]
    np.add.at(counts.reshape(-1), target, batch.counts[nonzero])
    lower = np.where(zero, 0.0 - t, np.where(spans.occupied, first_lower, 0.0))
    return Display(size, lower, limits.astype("<f8"), counts.astype("<f8"))


def display_buckets(h: ExponentialHistogram) -> tuple[np.ndarray, np.ndarray]:
    """Edges (k + 1) and counts (k) of the finite values of one histogram of magnitudes, at
    its own scale."""
    batch = HistogramBatch.of([h])
    shown = display(batch, batch.spans(), np.zeros(1, dtype=np.int64))
    size = int(shown.size[0])
    if size == 0:
        return np.zeros(0), np.zeros(0)
    return np.concatenate(([shown.lower[0]], shown.limits[0, :size])), shown.counts[0, :size]


def bucket_runs(batch: HistogramBatch, spans: BucketSpans) -> list[bytes]:
    """Each row's ``BucketRun`` message: ``offset`` (its first non-zero bucket) and the packed
    counts up to its last non-zero bucket (empty for a row without buckets)."""
    columns = np.arange(batch.counts.shape[1])
    first, last = spans.low - batch.offset, spans.high - batch.offset
    inside = spans.occupied[:, None] & (columns >= first[:, None]) & (columns <= last[:, None])
    values = batch.counts[inside]
    lengths = pw.varint_lengths(values)
    packed = pw.packed_varints(values, lengths)
    per_row = np.zeros(inside.shape, dtype=np.int64)
    per_row[inside] = lengths
    ends = np.cumsum(per_row.sum(axis=1)).tolist()
    starts = [0] + ends[:-1]
    return [pw.field_sint(1, low) + pw.field_bytes(2, packed[a:b]) if occupied else b""
            for low, a, b, occupied in zip(spans.low.tolist(), starts, ends, spans.occupied.tolist())]


def encode_values(tags: list[str], batch: HistogramBatch, name_plugin: list[bool], version: int = VERSION) -> list[bytes]:
    """The serialized ``Summary.Value`` of each row of ``batch``, tagged ``tags[r]``. Version 1
    names the plugin on every value and displays every bucket; version 2 names it where
    ``name_plugin[r]`` (a tag's first value in a file) and displays at most
    ``DISPLAY_BUCKETS`` (``display_downscale``)."""
    batch = batch.trimmed()
    spans = batch.spans()
    k = display_downscale(batch, spans) if version >= 2 else np.zeros(len(batch), dtype=np.int64)
    shown = display(batch, spans, k)
    runs = bucket_runs(batch, spans)
    header = pw.field_varint(1, version) + pw.field_sint(2, batch.scale) + pw.field_double(3, batch.zero_threshold)
    plugin_name = pw.field_bytes(1, PLUGIN_NAME.encode())
    finite = batch.finite_count
    shown_extremes = np.where(finite > 0, [batch.min, batch.max], 0.0)
    statistics = pw.fixed64_fields([1, 2, 3, 4, 5], np.stack(
        [shown_extremes[0], shown_extremes[1], finite.astype(np.float64), batch.sum, batch.sum_of_squares], axis=1))
    lossless = pw.fixed64_fields([10, 11, 12, 13], np.stack(
        [batch.sum, batch.sum_of_squares, batch.min, batch.max], axis=1)) if version == 1 else [b""] * len(batch)
    columns = zip(tags, runs, statistics, lossless, batch.zero_count.tolist(), batch.nan_count.tolist(),
                  batch.positive_infinity_count.tolist(), shown.size.tolist(), name_plugin)
    out = []
    for r, (tag, run, stats, lossless_stats, zeros, nans, infinities, size, named) in enumerate(columns):
        content = b"".join([header, pw.field_bytes(4, run), pw.field_varint(6, zeros), pw.field_varint(7, nans),
                            pw.field_varint(8, infinities), lossless_stats])
        histo = b"".join([stats, pw.field_bytes(6, shown.limits[r, :size].tobytes()),
                          pw.field_bytes(7, shown.counts[r, :size].tobytes())])
        plugin = (plugin_name if (version == 1 or named) else b"") + pw.field_bytes(2, content)
        out.append(pw.field_bytes(1, tag.encode()) + pw.field_bytes(5, histo, always=True) +
                   pw.field_bytes(9, pw.field_bytes(1, plugin, always=True), always=True))
    return out


def encode_value(tag: str, h: ExponentialHistogram, name_plugin: bool, version: int = VERSION) -> bytes:
    """The serialized ``Summary.Value`` of one histogram of magnitudes (``encode_values``)."""
    return encode_values([tag], HistogramBatch.of([h]), [name_plugin], version)[0]


# -- decoding (for reading logs back) -------------------------------------------------------


def _decode_run(data: bytes) -> BucketRun:
    offset, counts = 0, []
    for number, _, value in pw.fields(data):
        if number == 1:
            offset = pw.unzigzag(value)
        elif number == 2:
            counts = pw.unpack_varints(value) if isinstance(value, bytes) else counts + [value]
    return BucketRun(offset, np.array(counts, dtype=np.uint64))


def decode_display_statistics(data: bytes) -> dict:
    stats = {"min": 0.0, "max": 0.0, "num": 0.0, "sum": 0.0, "sum_squares": 0.0}
    names = {1: "min", 2: "max", 3: "num", 4: "sum", 5: "sum_squares"}
    for number, _, value in pw.fields(data):
        if number in names:
            stats[names[number]] = pw.as_double(value)
    return stats


def decode_payload(data: bytes, display: dict | None) -> ExponentialHistogram:
    """An ``ExponentialHistogramProto`` of version 1 or 2 (version 2 takes its statistics
    from ``display``, the ``HistogramProto``'s)."""
    h = ExponentialHistogram()
    h.scale, h.min, h.max = 0, 0.0, 0.0  # proto3 leaves out zeros
    version = 0
    for number, _, value in pw.fields(data):
        if number == 1:
            version = value
        elif number == 2:
            h.scale = pw.unzigzag(value)
        elif number == 3:
            h.zero_threshold = pw.as_double(value)
        elif number == 4:
            h.positive = _decode_run(value)
        elif number == 5:
            h.negative = _decode_run(value)
        elif number in (6, 7, 8, 9):
            setattr(h, {6: "zero_count", 7: "nan_count", 8: "positive_infinity_count",
                        9: "negative_infinity_count"}[number], value)
        elif number in (10, 11, 12, 13):
            setattr(h, {10: "sum", 11: "sum_of_squares", 12: "min", 13: "max"}[number], pw.as_double(value))
    if version not in (1, 2):
        raise ValueError(f"payload version {version} is not supported")
    if version == 2:
        if display is None:
            raise ValueError("version 2 needs the HistogramProto's statistics")
        h.sum, h.sum_of_squares = display["sum"], display["sum_squares"]
        if h.finite_count:
            h.min, h.max = display["min"], display["max"]
        else:
            h.min, h.max = math.inf, -math.inf
    return h
