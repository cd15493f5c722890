"""Exact bucket maps of gradscope's exponential histograms, without ``log()``.

At scale ``s`` the base is ``b = 2^(2^-s)`` and bucket ``i`` holds the magnitudes in
``(b^i, b^(i+1)]``: an exact power of the base goes to the lower bucket (OpenTelemetry's
rule). Write a positive magnitude as ``x = 2^e · (1 + M/2^p)`` (``p`` significand bits). Then

- ``s <= 0``: ``i = (e - [M = 0]) >> -s``;
- ``s > 0``: ``i = e·2^s + #{j : F_j >> (52 - p) < M} - 1``,

where ``F_j`` (``j = 0 … 2^s - 1``) is the largest 52-bit field with
``1 + F_j/2^52 < 2^(j/2^s)`` (``F_0 = 0``), the table of ``Sources/Histograms``
(``BucketMapping``). Here ``F_j`` comes from integer square roots only:
``2^52 + F_j = isqrt^s(2^(52·2^s + j))``, since ``floor(sqrt(floor(y))) = floor(sqrt(y))``
and ``2^(52 + j/2^s)`` is irrational for ``0 < j < 2^s``.

``SlotTable`` turns this map into a direct-index table over the magnitude's bit pattern
(see its docstring): one shift, one load, one add and one shift per value.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import numpy as np

#: Scales with a slot table (those of Swift's ``FloatSlotTable``).
SUPPORTED_SCALES = range(-10, 9)


@functools.lru_cache(maxsize=None)
def boundary_fields(scale: int) -> tuple[int, ...]:
    """``F_0 … F_(2^s - 1)`` for ``s > 0``; empty for ``s <= 0``."""
    if scale <= 0:
        return ()
    n = 1 << scale
    fields = [0]
    for j in range(1, n):
        y = 1 << (52 * n + j)
        for _ in range(scale):
            y = math.isqrt(y)
        fields.append(y - (1 << 52))
    return tuple(fields)


#: The largest scale; ``F_j`` at scale ``s`` is ``F_(j·2^(MAX_SCALE - s))`` at ``MAX_SCALE``, since
#: ``j/2^s = j·2^(S-s)/2^S`` (the definition of ``F_j`` depends on that fraction only).
MAX_SCALE = SUPPORTED_SCALES.stop - 1


@functools.lru_cache(maxsize=None)
def _finest_fields() -> np.ndarray:
    return np.array(boundary_fields(MAX_SCALE), dtype=np.float64)


def lower_boundary_array(index, scale) -> np.ndarray:
    """``lower_boundary`` elementwise (``index`` and ``scale`` broadcast; scales −10…8):
    ``2^(i >> s) · (1 + F_(i mod 2^s)/2^52)`` for ``s > 0`` (exact: ``F < 2^52``), else
    ``2^(i·2^-s)``; one rounding (``ldexp``) where the result is subnormal, +Inf above 2^1023."""
    index, scale = np.broadcast_arrays(np.asarray(index, dtype=np.int64), np.asarray(scale, dtype=np.int64))
    positive = scale > 0
    s = np.where(positive, scale, 0)
    exponent = np.where(positive, index >> s, index << np.where(positive, 0, -scale))
    j = (index & ((1 << s) - 1)) << (MAX_SCALE - s)
    significand = np.where(positive, 1.0 + _finest_fields()[j] / 2.0**52, 1.0)
    with np.errstate(over="ignore"):
        out = np.ldexp(significand, np.clip(exponent, -1100, 1100).astype(np.int32))
    return np.where(exponent > 1023, np.inf, out)


def lower_boundary(index: int, scale: int) -> float:
    """The largest float64 not above ``b^index`` (it belongs to bucket ``index - 1``, like
    ``b^index``). Equal to Swift's ``ExponentialHistogram.lowerBoundary(ofBucket:scale:)``."""
    return float(lower_boundary_array(index, scale))


@functools.lru_cache(maxsize=64)
def lower_boundaries(low: int, count: int, scale: int) -> np.ndarray:
    """``lower_boundary(i)`` for ``i`` in ``low … low + count - 1`` (float64, read-only)."""
    out = lower_boundary_array(np.arange(low, low + count), scale)
    out.setflags(write=False)
    return out


@dataclass(frozen=True)
class FloatFormat:
    """An IEEE binary format, by its significand and exponent widths."""

    name: str
    significand_bits: int  # p: 23 for float32, 52 for float64
    exponent_bits: int

    @property
    def bias(self) -> int:
        return (1 << (self.exponent_bits - 1)) - 1

    @property
    def infinity_bits(self) -> int:
        return ((1 << self.exponent_bits) - 1) << self.significand_bits

    @property
    def smallest_normal_bits(self) -> int:
        return 1 << self.significand_bits

    @property
    def subnormal_scaling_exponent(self) -> int:
        """Multiplying a subnormal by ``2^this`` gives a normal number, exactly."""
        return self.significand_bits + 1


FLOAT32 = FloatFormat("float32", 23, 8)
FLOAT64 = FloatFormat("float64", 52, 11)


def bucket_indices(bits: np.ndarray, scale: int, fmt: FloatFormat) -> np.ndarray:
    """Exact bucket index of each positive finite non-zero magnitude given by its bit
    pattern (``uint64`` array, sign bit clear), subnormals included. Vectorized over numpy;
    used to build tables, not per gradient value."""
    p = fmt.significand_bits
    bits = bits.astype(np.uint64)
    exponent_field = (bits >> np.uint64(p)).astype(np.int64)
    field = (bits & np.uint64((1 << p) - 1)).astype(np.uint64)
    e = exponent_field - fmt.bias
    subnormal = exponent_field == 0
    if subnormal.any():
        m = field[subnormal]
        # bit length of m, exactly: frexp of a float64 holding m (m < 2^53) is exact.
        top = np.frexp(m.astype(np.float64))[1].astype(np.int64) - 1
        shift = (p - top).astype(np.uint64)
        field[subnormal] = (m << shift) & np.uint64((1 << p) - 1)
        e[subnormal] = top + 1 - fmt.bias - p
    if scale <= 0:
        return (e - (field == 0)) >> -scale
    boundaries = np.array([f >> (52 - p) for f in boundary_fields(scale)], dtype=np.uint64)
    below = np.searchsorted(boundaries, field, side="left").astype(np.int64)
    return (e << scale) + below - 1


class SlotTable:
    """A direct-index table from a magnitude's bit pattern to its counting slot.

    The key is the exponent and the top ``L = max(1, s + 1)`` significand bits,
    ``bits >> shift`` with ``shift = p - L``. Boundaries are at least ``b - 1 > 2^-L`` apart
    in the significand, so a key's range holds at most one boundary: entry ``k`` gives the
    slot of the key's first value and ``last``, the last bit pattern still in that slot. It is
    stored as ``(slot - k)·2^shift + (2^shift - 1 - low(last))`` so that
    ``(entry + bits) >> shift = slot + [bits > last]``: the carry out of the low bits is the
    one boundary compare. For float32 every entry and sum fits an int32.

    Slots: ``0 … width - 1`` are buckets ``window_low …`` (every finite magnitude of the
    format, subnormals included), then ``zero_slot``, ``rescan_slot``, ``infinity_slot``,
    ``nan_slot``. The plain keys send subnormals to ``rescan_slot``; the keys from
    ``subnormal_key_offset`` on are a second segment over ``bits(x · 2^(p+1))`` of subnormal
    ``x`` (normal, exact), with the slots of ``x`` itself, so that the exact path resolves
    them with the same single lookup.
    """

    def __init__(self, scale: int, fmt: FloatFormat):
        if scale not in SUPPORTED_SCALES:
            raise ValueError(f"scale {scale} outside {SUPPORTED_SCALES.start}…{SUPPORTED_SCALES.stop - 1}")
        p = fmt.significand_bits
        self.scale, self.format = scale, fmt
        self.key_bits = max(1, scale + 1)
        self.shift = p - self.key_bits
        self.window_low = int(bucket_indices(np.array([1], dtype=np.uint64), scale, fmt)[0])
        largest = fmt.infinity_bits - 1
        self.width = int(bucket_indices(np.array([largest], dtype=np.uint64), scale, fmt)[0]) - self.window_low + 1
        self.zero_slot = self.width
        self.rescan_slot = self.width + 1
        self.infinity_slot = self.width + 2
        self.nan_slot = self.width + 3
        self.slot_count = self.width + 4
        plain_keys = 1 << (fmt.exponent_bits + self.key_bits)
        self.subnormal_key_offset = plain_keys
        scaled_keys = (fmt.subnormal_scaling_exponent + 1) << self.key_bits
        plain = self._entries(np.arange(plain_keys, dtype=np.uint64), scaled=False)
        scaled = self._entries(np.arange(scaled_keys, dtype=np.uint64), scaled=True)
        dtype = np.int32 if fmt is FLOAT32 else np.int64
        self.entries = np.concatenate([plain, scaled]).astype(dtype)

    def _slots(self, bits: np.ndarray, scaled: bool) -> np.ndarray:
        """Slot of each magnitude bit pattern (plain, or ``x · 2^(p+1)`` of a subnormal)."""
        fmt = self.format
        out = np.empty(bits.shape, dtype=np.int64)
        zero = bits == 0
        infinity = bits == fmt.infinity_bits
        nan = bits > fmt.infinity_bits
        if scaled:
            finite = ~(zero | infinity | nan)
            # x · 2^(p+1) of a subnormal x = n · 2^(1-bias-p) is (2^p + M) · 2^(E-bias-p) with
            # n = (2^p + M) >> (p + 2 - E): recover n by that shift (truncating, so the map
            # stays monotone over scaled patterns no subnormal produces). Fields below 2 hold
            # no such value and get the zero slot, whole keys, so no key has two boundaries.
            scaled_bits = bits[finite]
            p = fmt.significand_bits
            e_field = (scaled_bits >> np.uint64(p)).astype(np.int64)
            ok = e_field >= 2
            mantissa = (scaled_bits & np.uint64((1 << p) - 1)) | np.uint64(1 << p)
            unscaled_bits = np.zeros(scaled_bits.shape, dtype=np.uint64)
            unscaled_bits[ok] = mantissa[ok] >> (p + 2 - e_field[ok]).astype(np.uint64)
            ok &= (unscaled_bits > 0) & (unscaled_bits < fmt.smallest_normal_bits)
            slots = np.full(unscaled_bits.shape, self.zero_slot, dtype=np.int64)
            slots[ok] = bucket_indices(unscaled_bits[ok], self.scale, fmt) - self.window_low
            out[finite] = slots
        else:
            subnormal = (bits > 0) & (bits < fmt.smallest_normal_bits)
            normal = ~(zero | infinity | nan | subnormal)
            out[normal] = bucket_indices(bits[normal], self.scale, fmt) - self.window_low
            out[subnormal] = self.rescan_slot
        out[zero] = self.zero_slot
        out[infinity] = self.infinity_slot
        out[nan] = self.nan_slot
        return out

    def _entries(self, keys: np.ndarray, scaled: bool) -> np.ndarray:
        shift = np.uint64(self.shift)
        low_mask = (1 << self.shift) - 1
        first = keys << shift
        last = first | np.uint64(low_mask)
        if scaled:  # the scaled segment never exceeds the finite range
            last = np.minimum(last, np.uint64(self.format.infinity_bits - 1))
        first_slot = self._slots(first, scaled)
        inside = first.copy()
        outside = last.copy()
        split = self._slots(last, scaled) != first_slot
        in_first = np.where(split, first, last)
        # Bisection where the key's range holds a boundary: invariant slot(inside) = first
        # slot, slot(outside) = first slot + 1.
        lo, hi = inside[split], outside[split]
        fs = first_slot[split]
        while True:
            open_ = hi - lo > 1
            if not open_.any():
                break
            mid = lo + (hi - lo) // np.uint64(2)
            same = self._slots(mid, scaled) == fs
            lo = np.where(open_ & same, mid, lo)
            hi = np.where(open_ & ~same, mid, hi)
        if split.any():
            assert (self._slots(hi, scaled) == fs + 1).all(), "two boundaries in one table key"
        in_first[split] = lo
        low_last = (in_first & np.uint64(low_mask)).astype(np.int64)
        return ((first_slot - keys.astype(np.int64)) << self.shift) + (low_mask - low_last)


@functools.lru_cache(maxsize=None)
def slot_table(scale: int, fmt: FloatFormat = FLOAT32) -> SlotTable:
    """The shared table of a scale and format (built once, on first use)."""
    return SlotTable(scale, fmt)


def largest_float32_not_above(t: float) -> float:
    """The largest float32 ``<= t`` (for ``t >= 0``): the zero threshold as float32
    magnitudes are compared with it. Rounding ``t`` to the nearest float32 could round up
    and count values just above ``t`` as zeros."""
    f = float(np.float32(t))
    if f > t:
        f = float(np.nextafter(np.float32(f), np.float32(0)))
    return f
