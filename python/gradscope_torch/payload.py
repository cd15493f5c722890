"""gradscope's lossless payload and the displayable ``HistogramProto`` of one histogram.

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

import numpy as np

from . import protowire as pw
from .buckets import lower_boundaries
from .histogram import BucketRun, ExponentialHistogram

PLUGIN_NAME = "gradscope.exponential_histogram"
#: Payload version written (the one ``gradscope train`` writes).
VERSION = 2
#: Most buckets of the displayable proto in version 2 (Swift's ``EventFileWriter.displayBucketLimit``).
DISPLAY_BUCKETS = 8
MIN_SCALE = -10


def _bucket_run(run: BucketRun) -> bytes:
    run = run.trimmed()
    if run.counts.size == 0:
        return b""
    return pw.field_sint(1, run.offset) + pw.field_packed_varints(2, run.counts)


def encode_payload(h: ExponentialHistogram, version: int = VERSION) -> bytes:
    """The serialized ``ExponentialHistogramProto`` of ``h``."""
    out = [pw.field_varint(1, version), pw.field_sint(2, h.scale), pw.field_double(3, h.zero_threshold),
           pw.field_bytes(4, _bucket_run(h.positive)), pw.field_bytes(5, _bucket_run(h.negative)),
           pw.field_varint(6, h.zero_count), pw.field_varint(7, h.nan_count),
           pw.field_varint(8, h.positive_infinity_count), pw.field_varint(9, h.negative_infinity_count)]
    if version == 1:
        out += [pw.field_double(10, h.sum), pw.field_double(11, h.sum_of_squares),
                pw.field_double(12, h.min), pw.field_double(13, h.max)]
    return b"".join(out)


def downscaled(h: ExponentialHistogram, k: int) -> ExponentialHistogram:
    """The same values at scale ``scale - k`` (bucket ``i`` becomes ``i >> k``; exact)."""
    if k <= 0:
        return h

    def down(run: BucketRun) -> BucketRun:
        run = run.trimmed()
        if run.counts.size == 0:
            return run
        index = (np.arange(run.counts.size) + run.offset) >> k
        low = int(index[0])
        out = np.zeros(int(index[-1]) - low + 1, dtype=np.uint64)
        np.add.at(out, index - low, run.counts.astype(np.uint64))
        return BucketRun(low, out)

    return ExponentialHistogram(h.scale - k, h.zero_threshold, down(h.positive), down(h.negative), h.zero_count,
                                h.nan_count, h.positive_infinity_count, h.negative_infinity_count,
                                h.sum, h.sum_of_squares, h.min, h.max)


def _nonzero_span(run: BucketRun) -> tuple[int, int] | None:
    """First and last index of the run's non-zero buckets."""
    nz = np.flatnonzero(run.counts)
    return None if nz.size == 0 else (int(nz[0]) + run.offset, int(nz[-1]) + run.offset)


def coarsened(h: ExponentialHistogram, max_buckets: int = DISPLAY_BUCKETS) -> ExponentialHistogram:
    """The least downscaled copy whose display has at most ``max_buckets`` buckets (bridges
    included), or the coarsest scale: as Swift's ``Tensorboard_HistogramProto(displaying:)``,
    k starts where the spans and the zero bucket alone fit (bucket i → i >> k, so a span
    lo…hi takes (hi >> k) − (lo >> k) + 1 buckets), then grows while the real display is too wide."""
    spans = [s for s in (_nonzero_span(h.positive), _nonzero_span(h.negative)) if s is not None]
    zero = 1 if h.zero_count > 0 else 0

    def pieces(k: int) -> int:
        return zero + sum((high >> k) - (low >> k) + 1 for low, high in spans)

    coarsest = h.scale - MIN_SCALE
    k = 0
    while k < coarsest and pieces(k) > max_buckets:
        k += 1
    while True:
        candidate = downscaled(h, k)
        if len(display_buckets(candidate)[1]) <= max_buckets or k >= coarsest:
            return candidate
        k += 1


def display_buckets(h: ExponentialHistogram) -> tuple[np.ndarray, np.ndarray]:
    """Edges (k + 1) and counts (k) of the finite values, as Swift's ``SignedBuckets``."""
    edges: list[np.ndarray] = []
    counts: list[np.ndarray] = []
    last = [None]

    def append(lower: np.ndarray, upper: np.ndarray, c: np.ndarray) -> None:
        if last[0] is None:
            edges.append(lower[:1])
        elif last[0] != lower[0]:
            edges.append(lower[:1])
            counts.append(np.zeros(1))
        edges.append(upper)
        counts.append(c.astype(np.float64))
        last[0] = upper[-1]

    negative = h.negative.trimmed()
    if negative.counts.size:
        b = lower_boundaries(negative.offset, negative.counts.size + 1, h.scale)
        append(-b[::-1][:-1], -b[::-1][1:], negative.counts[::-1])
    if h.zero_count > 0:
        t = h.zero_threshold
        append(np.array([0.0 - t]), np.array([t]), np.array([h.zero_count]))
    positive = h.positive.trimmed()
    if positive.counts.size:
        b = lower_boundaries(positive.offset, positive.counts.size + 1, h.scale)
        append(b[:-1], b[1:], positive.counts)
    if not counts:
        return np.zeros(0), np.zeros(0)
    return np.concatenate(edges), np.concatenate(counts)


def encode_display(h: ExponentialHistogram) -> bytes:
    """The serialized ``HistogramProto`` of ``h`` (already coarsened where the version says)."""
    edges, counts = display_buckets(h)
    finite = h.finite_count
    return b"".join([
        pw.field_double(1, h.min if finite else 0.0), pw.field_double(2, h.max if finite else 0.0),
        pw.field_double(3, float(finite)), pw.field_double(4, h.sum), pw.field_double(5, h.sum_of_squares),
        pw.field_packed_doubles(6, edges[1:]), pw.field_packed_doubles(7, counts)])


def encode_value(tag: str, h: ExponentialHistogram, name_plugin: bool, version: int = VERSION) -> bytes:
    """The serialized ``Summary.Value`` of one histogram. Version 1 names the plugin on every
    value; version 2 only where ``name_plugin`` (a tag's first value in a file)."""
    display = coarsened(h) if version >= 2 else h
    plugin = pw.field_bytes(1, PLUGIN_NAME.encode()) if (version == 1 or name_plugin) else b""
    plugin += pw.field_bytes(2, encode_payload(h, version))
    metadata = pw.field_bytes(1, plugin, always=True)
    return pw.field_bytes(1, tag.encode()) + pw.field_bytes(5, encode_display(display), always=True) + \
        pw.field_bytes(9, metadata, always=True)


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
