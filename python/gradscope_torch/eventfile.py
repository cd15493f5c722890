"""TensorBoard event files: TFRecord framing of ``tensorboard.Event`` protos, written and read.

Each record is ``uint64 length | uint32 masked_crc32c(length) | data | uint32
masked_crc32c(data)``, little-endian. Files are named
``events.out.tfevents.{int(time)}.{hostname}.{pid}.{counter}`` and start with an ``Event``
whose ``file_version`` is ``"brain.Event:2"``, as ``Sources/TensorBoardLog/EventFileWriter``
writes them.
"""

from __future__ import annotations

import itertools
import os
import socket
import struct
import time
from dataclasses import dataclass
from typing import Iterator

from . import payload
from . import protowire as pw
from .batch import HistogramBatch
from .crc32c import crc32c_many, mask
from .histogram import ExponentialHistogram

FILE_VERSION = "brain.Event:2"
_counter = itertools.count()


def _event(wall_time: float, step: int, body: bytes) -> bytes:
    return pw.key(1, pw.FIXED64) + struct.pack("<d", wall_time) + pw.field_varint(2, step) + body


def _value_event(value: bytes, step: int, wall_time: float | None) -> bytes:
    """An ``Event`` whose summary holds the one serialized ``Summary.Value``."""
    return _event(time.time() if wall_time is None else wall_time, step, pw.field_bytes(5, pw.field_bytes(1, value)))


def frame(records: list[bytes]) -> bytes:
    """The framed records, CRCs computed together (one batch per write)."""
    lengths = [struct.pack("<Q", len(r)) for r in records]
    crcs = crc32c_many(lengths + records)
    n = len(records)
    return b"".join(lengths[i] + struct.pack("<I", mask(crcs[i])) + records[i] + struct.pack("<I", mask(crcs[n + i]))
                    for i in range(n))


class EventFileWriter:
    """Writes one event file as ``gradscope train`` does. Scalars are one ``Event`` each. With
    payload version 2 the histograms of one step go into one ``Event``, framed when a
    histogram of another step arrives or at ``flush()``; with version 1 every histogram is
    its own ``Event``. ``flush()`` frames and writes everything queued in one call."""

    def __init__(self, logdir: str, filename_suffix: str = "", version: int | None = None):
        self.version = payload.VERSION if version is None else version
        os.makedirs(logdir, exist_ok=True)
        now = time.time()
        name = f"events.out.tfevents.{int(now):010d}.{socket.gethostname()}.{os.getpid()}.{next(_counter)}"
        self.path = os.path.join(logdir, name + filename_suffix)
        self._file = open(self.path, "wb")
        self._records: list[bytes] = []
        self._values: list[bytes] = []
        self._step = 0
        self._wall_time = 0.0
        self._named_tags: set[str] = set()
        self._records.append(_event(now, 0, pw.field_bytes(3, FILE_VERSION.encode()) +
                                    pw.field_bytes(10, pw.field_bytes(1, b"gradscope-torch"))))
        self.flush()

    def add_scalar(self, tag: str, value: float, step: int, wall_time: float | None = None) -> None:
        """Queues a scalar (float32 ``simple_value``, as PyTorch's ``SummaryWriter``)."""
        self._records.append(_value_event(pw.field_bytes(1, tag.encode()) + pw.field_float(2, float(value)),
                                          step, wall_time))

    def add_histogram(self, tag: str, h: ExponentialHistogram, step: int, wall_time: float | None = None) -> None:
        """Queues an exponential histogram of magnitudes: displayable buckets plus the lossless payload."""
        self.add_histograms([tag], HistogramBatch.of([h]), step, wall_time)

    def add_histograms(self, tags: list[str], batch: HistogramBatch, step: int, wall_time: float | None = None) -> None:
        """Queues the histograms of ``batch``, row ``r`` tagged ``tags[r]``, encoded together."""
        first = []
        for tag in tags:
            first.append(tag not in self._named_tags)
            self._named_tags.add(tag)
        values = payload.encode_values(tags, batch, first, self.version)
        if self.version == 1:
            self._records.extend(_value_event(value, step, wall_time) for value in values)
            return
        if self._values and step != self._step:
            self._close_step()
        if not self._values:
            self._step = step
            self._wall_time = time.time() if wall_time is None else wall_time
        self._values.extend(values)

    def _close_step(self) -> None:
        if self._values:
            summary = b"".join(pw.field_bytes(1, v) for v in self._values)
            self._records.append(_event(self._wall_time, self._step, pw.field_bytes(5, summary)))
            self._values = []

    def flush(self) -> None:
        self._close_step()
        if self._records:
            self._file.write(frame(self._records))
            self._records = []
        self._file.flush()

    def close(self) -> None:
        if not self._file.closed:
            self.flush()
            self._file.close()


# -- reading ---------------------------------------------------------------------------------


@dataclass
class Value:
    step: int
    wall_time: float
    tag: str
    scalar: float | None = None
    histogram: ExponentialHistogram | None = None


def records(path: str) -> Iterator[bytes]:
    """The data of each intact record (stops at a truncated tail; raises on a bad CRC)."""
    with open(path, "rb") as f:
        data = f.read()
    at = 0
    while at + 12 <= len(data):
        (length,) = struct.unpack_from("<Q", data, at)
        (length_crc,) = struct.unpack_from("<I", data, at + 8)
        if at + 16 + length > len(data):
            return
        body = data[at + 12:at + 12 + length]
        (body_crc,) = struct.unpack_from("<I", data, at + 12 + length)
        want = crc32c_many([data[at:at + 8], body])
        if mask(want[0]) != length_crc or mask(want[1]) != body_crc:
            raise ValueError(f"{path}: CRC mismatch at byte {at}")
        yield body
        at += 16 + length


def read_values(path: str) -> Iterator[Value]:
    """Scalars and gradscope exponential histograms of one event file, in file order. A tag
    carries the plugin's payload once named (plugin names may be on a tag's first value only)."""
    gradscope_tags: set[str] = set()
    for record in records(path):
        wall_time, step, summary = 0.0, 0, None
        for number, _, value in pw.fields(record):
            if number == 1:
                wall_time = pw.as_double(value)
            elif number == 2:
                step = value if value < 1 << 63 else value - (1 << 64)
            elif number == 5:
                summary = value
        if summary is None:
            continue
        for number, _, raw in pw.fields(summary):
            if number == 1:
                v = _read_value(raw, step, wall_time, gradscope_tags)
                if v is not None:
                    yield v


def _read_value(raw: bytes, step: int, wall_time: float, gradscope_tags: set[str]) -> Value | None:
    tag, simple, histo, plugin_name, content = "", None, None, "", None
    for number, _, value in pw.fields(raw):
        if number == 1:
            tag = value.decode()
        elif number == 2:
            simple = pw.as_float(value)
        elif number == 5:
            histo = value
        elif number == 9:
            for n2, _, v2 in pw.fields(value):
                if n2 == 1:
                    for n3, _, v3 in pw.fields(v2):
                        if n3 == 1:
                            plugin_name = v3.decode()
                        elif n3 == 2:
                            content = v3
    if plugin_name == payload.PLUGIN_NAME:
        gradscope_tags.add(tag)
    if simple is not None:
        return Value(step, wall_time, tag, scalar=simple)
    if tag in gradscope_tags and content is not None:
        display = payload.decode_display_statistics(histo or b"")
        return Value(step, wall_time, tag, histogram=payload.decode_payload(content, display))
    return None
