"""The few protobuf messages of an event file, encoded and decoded by hand.

Hand-encoding (rather than protoc-generated modules) keeps the package free of a protobuf
runtime whose version must match generated code, and avoids registering ``tensorboard.*``
messages a second time next to TensorBoard's own. Field numbers follow the ``.proto`` files
under ``Sources/TensorBoardLog/Protos``. Numeric arrays are packed with numpy.
"""

from __future__ import annotations

import functools
import struct
from typing import Iterator

import numpy as np

VARINT, FIXED64, LENGTH, FIXED32 = 0, 1, 2, 5


def varint(n: int) -> bytes:
    """Base-128 varint of a non-negative int below 2^64 (negative ints as two's complement)."""
    if 0 <= n < 0x80:
        return _ONE_BYTE[n]
    n &= (1 << 64) - 1
    out = bytearray()
    while n >= 0x80:
        out.append((n & 0x7F) | 0x80)
        n >>= 7
    out.append(n)
    return bytes(out)


_ONE_BYTE = [bytes((n,)) for n in range(0x80)]


def zigzag(n: int) -> int:
    return (n << 1) ^ (n >> 63) if n < 0 else n << 1


def varint_lengths(values: np.ndarray) -> np.ndarray:
    """Bytes of each value's varint (uint64 array of any shape; 1 … 10), int64."""
    v = np.asarray(values, dtype=np.uint64)
    lengths = np.ones(v.shape, dtype=np.int64)
    if v.size == 0 or int(v.max()) < 0x80:
        return lengths
    for k in range(1, 10):
        lengths += v >= np.uint64(1 << (7 * k))
    return lengths


def packed_varints(values: np.ndarray, lengths: np.ndarray | None = None) -> bytes:
    """The varints of a uint64 array, concatenated (vectorized); ``lengths`` are its
    ``varint_lengths`` where known."""
    v = np.asarray(values, dtype=np.uint64)
    if v.size == 0:
        return b""
    if int(v.max()) < 0x80:
        return v.astype(np.uint8).tobytes()
    if lengths is None:
        lengths = varint_lengths(v)
    starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    out = np.zeros(int(lengths.sum()), dtype=np.uint8)
    for k in range(int(lengths.max())):
        have = lengths > k
        byte = ((v[have] >> np.uint64(7 * k)) & np.uint64(0x7F)).astype(np.uint8)
        more = (lengths[have] > k + 1).astype(np.uint8) << np.uint8(7)
        out[starts[have] + k] = byte | more
    return out.tobytes()


@functools.lru_cache(maxsize=None)
def key(number: int, wire_type: int) -> bytes:
    return varint((number << 3) | wire_type)


def field_varint(number: int, n: int) -> bytes:
    return key(number, VARINT) + varint(n) if n else b""


def field_sint(number: int, n: int) -> bytes:
    return key(number, VARINT) + varint(zigzag(n)) if n else b""


def field_double(number: int, x: float) -> bytes:
    # proto3 omits 0.0 but keeps -0.0 (its bits are not zero)
    packed = struct.pack("<d", x)
    return key(number, FIXED64) + packed if packed != bytes(8) else b""


def field_float(number: int, x: float) -> bytes:
    return key(number, FIXED32) + struct.pack("<f", x)


def field_bytes(number: int, data: bytes, always: bool = False) -> bytes:
    if not data and not always:
        return b""
    return key(number, LENGTH) + varint(len(data)) + data


def fixed64_fields(numbers: list[int], values: np.ndarray) -> list[bytes]:
    """Per row of the float64 ``[n, len(numbers)]`` array, its doubles as fields
    ``numbers`` (below 16: one-byte keys), zeros left out as proto3 does (−0.0 kept, its
    bits are not zero): one array pass instead of a ``field_double`` per value."""
    if any(not 0 < k < 16 for k in numbers):
        raise ValueError("fixed64_fields takes field numbers 1…15")
    n, f = values.shape
    raw = np.ascontiguousarray(values, dtype="<f8").view(np.uint8).reshape(n, f, 8)
    out = np.empty((n, f, 9), dtype=np.uint8)
    out[:, :, 0] = [(k << 3) | FIXED64 for k in numbers]
    out[:, :, 1:] = raw
    present = raw.any(axis=2)
    complete = present.all(axis=1).tolist()
    return [out[r].tobytes() if complete[r] else out[r][present[r]].tobytes() for r in range(n)]


# -- decoding -------------------------------------------------------------------------------


def read_varint(data: bytes, at: int) -> tuple[int, int]:
    result = shift = 0
    while True:
        if at >= len(data) or shift > 63:
            raise ValueError("truncated or overlong varint")
        byte = data[at]
        at += 1
        result |= (byte & 0x7F) << shift
        if byte < 0x80:
            return result & ((1 << 64) - 1), at
        shift += 7


def fields(data: bytes) -> Iterator[tuple[int, int, object]]:
    """``(number, wire_type, value)`` of each field: ints for varints, ``bytes`` for the
    rest (8 or 4 raw bytes for fixed fields)."""
    at = 0
    while at < len(data):
        tag, at = read_varint(data, at)
        number, wire_type = tag >> 3, tag & 7
        if wire_type == VARINT:
            value, at = read_varint(data, at)
        elif wire_type == FIXED64:
            value, at = data[at:at + 8], at + 8
        elif wire_type == FIXED32:
            value, at = data[at:at + 4], at + 4
        elif wire_type == LENGTH:
            n, at = read_varint(data, at)
            value, at = data[at:at + n], at + n
        else:
            raise ValueError(f"unsupported wire type {wire_type}")
        if at > len(data):
            raise ValueError("truncated field")
        yield number, wire_type, value


def unzigzag(n: int) -> int:
    return (n >> 1) ^ -(n & 1)


def as_double(raw: bytes) -> float:
    return struct.unpack("<d", raw)[0]


def as_float(raw: bytes) -> float:
    return struct.unpack("<f", raw)[0]


def unpack_varints(data: bytes) -> list[int]:
    out, at = [], 0
    while at < len(data):
        n, at = read_varint(data, at)
        out.append(n)
    return out
