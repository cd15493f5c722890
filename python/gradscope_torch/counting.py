"""Bucketing of gradient magnitudes with torch, on the tensor's own device.

Per value (float32): ``bits = view_int32(|x|)``, ``slot = (T[bits >> shift] + bits) >> shift``
with ``T`` the ``SlotTable`` of the scale (one load, one add, two shifts; see
``buckets.SlotTable``). float16 and bfloat16 are widened to float32 (exactly); float64 uses
the 64-bit table of 52-bit boundary fields.

Two paths:

- host (CPU): the plain keys send subnormals to a rescan slot; only when that slot is hit
  (the count is on the host already) are those values re-bucketed by the exact path;
- device (accelerators): the exact path for every value, branch-free: subnormals are looked up
  as ``x · 2^(p+1)`` in the table's second segment. Counts go to a slice of one fixed-size
  count buffer per device with ``index_add_`` and the statistics to a slice of one float64
  buffer, so nothing waits for the device.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import torch

from .buckets import FLOAT32, FLOAT64, FloatFormat, largest_float32_not_above, slot_table

_INT = {FLOAT32: torch.int32, FLOAT64: torch.int64}
_FLOAT = {FLOAT32: torch.float32, FLOAT64: torch.float64}


def format_of(dtype: torch.dtype) -> FloatFormat:
    """The format a gradient of ``dtype`` is bucketed in."""
    if dtype == torch.float64:
        return FLOAT64
    if dtype in (torch.float32, torch.float16, torch.bfloat16):
        return FLOAT32
    raise TypeError(f"gradients of dtype {dtype} are not supported")


@dataclass(frozen=True)
class Layout:
    """Where one format's slots sit; ``window_low`` is the bucket of slot 0."""

    scale: int
    format: FloatFormat
    window_low: int
    width: int
    zero_slot: int
    rescan_slot: int
    infinity_slot: int
    nan_slot: int
    slot_count: int


@functools.lru_cache(maxsize=None)
def layout(scale: int, fmt: FloatFormat) -> Layout:
    t = slot_table(scale, fmt)
    return Layout(scale, fmt, t.window_low, t.width, t.zero_slot, t.rescan_slot, t.infinity_slot, t.nan_slot,
                  t.slot_count)


def _threshold_bits(zero_threshold: float, fmt: FloatFormat) -> int | None:
    """Bit pattern of the largest value of the format not above the threshold (None for 0)."""
    if zero_threshold <= 0:
        return None
    if fmt is FLOAT32:
        return int(torch.tensor(largest_float32_not_above(zero_threshold), dtype=torch.float32)
                   .view(torch.int32))
    return int(torch.tensor(zero_threshold, dtype=torch.float64).view(torch.int64))


@functools.lru_cache(maxsize=None)
def _tables(scale: int, fmt: FloatFormat, zero_threshold: float, device: torch.device):
    """(exact entries, host-path entries) on ``device``: the host path's plain keys send the
    threshold's own key to the rescan slot and every key below it to the zero slot."""
    t = slot_table(scale, fmt)
    exact = torch.from_numpy(t.entries.copy()).to(device)
    fast = exact[:t.subnormal_key_offset].clone()
    tb = _threshold_bits(zero_threshold, fmt)
    if tb is not None:
        low_mask = (1 << t.shift) - 1
        last_key = tb >> t.shift
        keys = torch.arange(last_key + 1, dtype=fast.dtype, device=device)
        fast[:last_key + 1] = ((t.zero_slot - keys) << t.shift)  # whole key: zero slot
        fast[last_key] = ((t.zero_slot - last_key) << t.shift) + (low_mask - (tb & low_mask))
    return exact, fast


def magnitudes(g: torch.Tensor) -> tuple[torch.Tensor, FloatFormat]:
    """``|g|`` as a contiguous 1-d float32 or float64 tensor (float16/bfloat16 widened)."""
    fmt = format_of(g.dtype)
    a = g.detach().reshape(-1)
    if a.dtype != _FLOAT[fmt]:
        a = a.to(_FLOAT[fmt])
    return a.abs(), fmt


def exact_slots(a: torch.Tensor, fmt: FloatFormat, scale: int, zero_threshold: float) -> torch.Tensor:
    """Slot of every magnitude in ``a``, branch-free and without host synchronisation."""
    t = slot_table(scale, fmt)
    exact, _ = _tables(scale, fmt, zero_threshold, a.device)
    bits = a.view(_INT[fmt])
    subnormal = bits < fmt.smallest_normal_bits
    scaled = (a * 2.0 ** fmt.subnormal_scaling_exponent).view(_INT[fmt])
    sbits = torch.where(subnormal, scaled, bits)
    key = (sbits >> t.shift) + subnormal.to(sbits.dtype) * t.subnormal_key_offset
    slots = exact.index_select(0, key)
    slots += sbits
    slots >>= t.shift
    tb = _threshold_bits(zero_threshold, fmt)
    if tb is not None:
        slots = torch.where(bits <= tb, torch.full_like(slots, t.zero_slot), slots)
    return slots


def host_counts(a: torch.Tensor, fmt: FloatFormat, scale: int, zero_threshold: float) -> torch.Tensor:
    """int64 counts per slot of the CPU tensor ``a`` of magnitudes (fast keys, then the
    exact path for the values that reached the rescan slot)."""
    t = slot_table(scale, fmt)
    _, fast = _tables(scale, fmt, zero_threshold, a.device)
    bits = a.view(_INT[fmt])
    slots = fast.index_select(0, bits >> t.shift)
    slots += bits
    slots >>= t.shift
    counts = torch.bincount(slots, minlength=t.slot_count)
    if counts[t.rescan_slot]:
        again = a[slots == t.rescan_slot]
        counts[t.rescan_slot] = 0
        counts += torch.bincount(exact_slots(again, fmt, scale, zero_threshold), minlength=t.slot_count)
    return counts


@dataclass(frozen=True)
class Segments:
    """Several non-empty CPU tensors of magnitudes, concatenated once for the batched host
    path; ``arrays`` are views of ``flat``."""

    arrays: list[torch.Tensor]
    flat: torch.Tensor
    sizes: torch.Tensor

    @staticmethod
    def of(arrays: list[torch.Tensor]) -> "Segments":
        return Segments.of_flat(torch.cat(arrays), [x.numel() for x in arrays])

    @staticmethod
    def of_gradients(gradients: list[torch.Tensor], fmt: FloatFormat) -> "Segments":
        """``|g|`` of dense gradients of one format, concatenated, widened and folded in one
        pass each (rather than per tensor)."""
        flat = torch.cat([g.detach().reshape(-1) for g in gradients])
        if flat.dtype != _FLOAT[fmt]:
            flat = flat.to(_FLOAT[fmt])
        return Segments.of_flat(flat.abs_(), [g.numel() for g in gradients])

    @staticmethod
    def of_flat(flat: torch.Tensor, sizes: list[int]) -> "Segments":
        return Segments(list(flat.split(sizes)), flat, torch.tensor(sizes))


@functools.lru_cache(maxsize=8)
def _row_offsets(sizes: tuple[int, ...], slot_count: int) -> torch.Tensor:
    """``row · slot_count`` for every value of row ``row`` (int32; the same every step)."""
    rows = torch.arange(len(sizes), dtype=torch.int32) * slot_count
    return torch.repeat_interleave(rows, torch.tensor(sizes))


def host_counts_many(segments: Segments, fmt: FloatFormat, scale: int, zero_threshold: float) -> torch.Tensor:
    """``host_counts`` of several non-empty CPU tensors of magnitudes at once, as rows of an
    int64 ``[len(arrays), slot_count]`` tensor: one table lookup and one ``bincount`` over
    ``row · slot_count + slot``; only rows that reach the rescan slot are re-bucketed, each by
    the exact path."""
    t = slot_table(scale, fmt)
    _, fast = _tables(scale, fmt, zero_threshold, torch.device("cpu"))
    arrays = segments.arrays
    bits = segments.flat.view(_INT[fmt])
    slots = fast.index_select(0, bits >> t.shift)
    slots += bits
    slots >>= t.shift
    slots += _row_offsets(tuple(segments.sizes.tolist()), t.slot_count).to(slots.dtype)
    counts = torch.bincount(slots, minlength=len(arrays) * t.slot_count).view(len(arrays), t.slot_count)
    sizes = segments.sizes
    for i in torch.nonzero(counts[:, t.rescan_slot]).flatten().tolist():
        x = arrays[i]
        mine = slots[int(sizes[:i].sum()):int(sizes[:i + 1].sum())] - i * t.slot_count
        counts[i, t.rescan_slot] = 0
        counts[i] += torch.bincount(exact_slots(x[mine == t.rescan_slot], fmt, scale, zero_threshold),
                                    minlength=t.slot_count)
    return counts


def host_moments_many(segments: Segments, finite: list[bool]) -> torch.Tensor:
    """``host_moments`` of several non-empty CPU tensors as a float64 ``[n, 4]`` tensor: sums
    in two segment reductions over their concatenation, min and max per tensor (``aminmax``
    is several times faster than a segment min or max); rows whose tensor holds NaN or ±Inf
    (``finite[i]`` false) are computed alone over its finite values."""
    a, sizes = segments.flat, segments.sizes
    a64 = a.to(torch.float64)
    extremes = torch.stack([v for x in segments.arrays for v in torch.aminmax(x)]).view(-1, 2)
    out = torch.stack([torch.segment_reduce(a64, "sum", lengths=sizes),
                       torch.segment_reduce(a64 * a64, "sum", lengths=sizes),
                       extremes[:, 0].to(torch.float64), extremes[:, 1].to(torch.float64)], dim=1)
    for i, ok in enumerate(finite):
        if not ok:
            out[i] = torch.tensor(host_moments(segments.arrays[i], True), dtype=torch.float64)
    return out


def host_moments(a: torch.Tensor, non_finite: bool) -> tuple[float, float, float, float]:
    """Sum, sum of squares (float64), min and max of the finite magnitudes in ``a``."""
    if non_finite:
        a = a[torch.isfinite(a)]
    if a.numel() == 0:
        return 0.0, 0.0, float("inf"), float("-inf")
    lo, hi = torch.aminmax(a)
    s = a.sum(dtype=torch.float64)
    if a.dtype == torch.float64:
        ss = torch.dot(a, a)
    else:
        ss = torch.linalg.vector_norm(a, dtype=torch.float64) ** 2
    return float(s), float(ss), float(lo), float(hi)


def device_moments_into(a: torch.Tensor, out: torch.Tensor) -> None:
    """Writes sum, sum of squares, min, max of the finite magnitudes of ``a`` into the
    4-element float64 device tensor ``out``, without host synchronisation (``a`` non-empty)."""
    finite = torch.isfinite(a)
    zeroed = torch.where(finite, a, torch.zeros((), dtype=a.dtype, device=a.device)).to(torch.float64)
    out[0] = zeroed.sum()
    out[1] = torch.dot(zeroed, zeroed)
    inf = torch.full((), float("inf"), dtype=a.dtype, device=a.device)
    out[2] = torch.where(finite, a, inf).amin()
    out[3] = torch.where(finite, a, -inf).amax()
