"""Bucket indices against the integer-only reference (tests/reference.py): ≥ 2M float32
values at scales −3…5, all float16 and bfloat16 patterns, float64 on the 52-bit table (with
every power of two of float64 and its neighbours, signed values, ±0, ±Inf and NaN)."""

import math

import numpy as np
import pytest
import torch

from gradscope_torch import counting
from gradscope_torch.buckets import FLOAT32, FLOAT64
from reference import INF, NAN, ZERO, reference_indices

SCALES = range(-3, 6)


def float32_cases() -> np.ndarray:
    """Bit patterns (signed): random, subnormals, powers of two and neighbours, ±0, ±Inf, NaN."""
    rng = np.random.default_rng(20261201)
    random = rng.integers(0, 1 << 32, size=2_000_000, dtype=np.uint64).astype(np.uint32)
    subnormal = rng.integers(1, 1 << 23, size=40_000, dtype=np.uint64).astype(np.uint32)
    powers = np.array([np.float32(math.ldexp(1.0, e)).view(np.uint32) for e in range(-149, 128)], dtype=np.int64)
    neighbours = (powers[:, None] + np.arange(-2, 3)[None, :]).reshape(-1)
    neighbours = neighbours[(neighbours >= 0) & (neighbours < 0x7F800000)].astype(np.uint32)
    special = np.array([0, 0x80000000, 0x7F800000, 0xFF800000, 0x7FC00000, 0xFFC00000, 0x7F800001, 0x7FFFFFFF,
                        1, 0x007FFFFF, 0x00800000, 0x7F7FFFFF], dtype=np.uint32)
    return np.concatenate([random, subnormal, neighbours, neighbours | np.uint32(0x80000000), special])


def boundary_neighbours(scale: int, fmt_bits: int = 32) -> np.ndarray:
    """Floats within two ulps of each b^i of the format's range (b^i estimated in float64
    by pow, for choosing points only; the expected buckets come from the reference)."""
    n = 1 << scale if scale >= 0 else 1
    step = 1 if scale >= 0 else 1 << -scale
    low, high = (-150, 128) if fmt_bits == 32 else (-1075, 1024)
    estimates = [2.0 ** (e + j / n) for e in range(low, high, step) for j in range(n)]
    if fmt_bits == 32:
        with np.errstate(over="ignore", under="ignore"):
            centre = np.array(estimates, dtype=np.float32).view(np.uint32).astype(np.int64)
        limit, out_dtype = 0x7F800000, np.uint32
    else:
        centre = np.array(estimates, dtype=np.float64).view(np.uint64).astype(np.int64)
        limit, out_dtype = 0x7FF0000000000000, np.uint64
    around = (centre[:, None] + np.arange(-2, 3)[None, :]).reshape(-1)
    return around[(around > 0) & (around < limit)].astype(out_dtype)


def code_buckets(bits: np.ndarray, scale: int, fmt) -> tuple[list, np.ndarray]:
    """The package's answer per value (bucket index or class), and its host-path counts."""
    dtype = torch.float32 if fmt is FLOAT32 else torch.float64
    signed = torch.from_numpy(bits.copy().view(np.float32 if fmt is FLOAT32 else np.float64)).to(dtype)
    a, f = counting.magnitudes(signed)
    slots = counting.exact_slots(a, f, scale, 0.0).long().numpy()
    lay = counting.layout(scale, fmt)
    names = {lay.zero_slot: ZERO, lay.infinity_slot: INF, lay.nan_slot: NAN}
    answer = [names.get(s, s + lay.window_low if s < lay.width else "rescan") for s in slots.tolist()]
    host = counting.host_counts(a, f, scale, 0.0).numpy()
    return answer, host


def expected_counts(expected: list, scale: int, fmt) -> np.ndarray:
    lay = counting.layout(scale, fmt)
    out = np.zeros(lay.slot_count, dtype=np.int64)
    for e in expected:
        slot = {ZERO: lay.zero_slot, INF: lay.infinity_slot, NAN: lay.nan_slot}.get(e) if isinstance(e, str) \
            else e - lay.window_low
        out[slot] += 1
    return out


def mismatches(answer: list, expected: list) -> int:
    return sum(1 for a, e in zip(answer, expected) if a != e)


@pytest.fixture(scope="module")
def float32_values() -> np.ndarray:
    return float32_cases()


@pytest.mark.parametrize("scale", SCALES)
def test_float32_matches_integer_reference(float32_values, scale):
    bits = np.concatenate([float32_values, boundary_neighbours(scale)])
    assert bits.size >= 2_000_000
    expected = reference_indices((bits & np.uint32(0x7FFFFFFF)).astype(np.uint64), scale)
    answer, host = code_buckets(bits, scale, FLOAT32)
    assert mismatches(answer, expected) == 0
    assert np.array_equal(host, expected_counts(expected, scale, FLOAT32))


@pytest.mark.parametrize("dtype", [torch.float16, torch.bfloat16])
@pytest.mark.parametrize("scale", SCALES)
def test_half_precision_all_patterns(dtype, scale):
    patterns = torch.arange(-32768, 32768, dtype=torch.int32).to(torch.int16).view(dtype)
    widened = patterns.to(torch.float32).abs().view(torch.int32).numpy().astype(np.uint64)
    expected = reference_indices(widened, scale)
    a, f = counting.magnitudes(patterns)
    slots = counting.exact_slots(a, f, scale, 0.0).long().numpy()
    lay = counting.layout(scale, f)
    names = {lay.zero_slot: ZERO, lay.infinity_slot: INF, lay.nan_slot: NAN}
    answer = [names.get(s, s + lay.window_low) for s in slots.tolist()]
    assert mismatches(answer, expected) == 0
    assert np.array_equal(counting.host_counts(a, f, scale, 0.0).numpy(), expected_counts(expected, scale, f))


@pytest.mark.parametrize("scale", SCALES)
def test_float64_uses_52_bit_boundaries(scale):
    rng = np.random.default_rng(scale + 100)
    random = rng.integers(0, 1 << 63, size=100_000, dtype=np.uint64)
    subnormal = rng.integers(1, 1 << 52, size=5_000, dtype=np.uint64)
    powers = np.array([np.float64(math.ldexp(1.0, e)).view(np.uint64) for e in range(-1074, 1024)],
                      dtype=np.uint64).astype(np.int64)
    neighbours = (powers[:, None] + np.arange(-2, 3)[None, :]).reshape(-1)
    neighbours = neighbours[(neighbours >= 0) & (neighbours < 0x7FF0000000000000)].astype(np.uint64)
    magnitudes = np.concatenate([random, subnormal, neighbours, boundary_neighbours(scale, 64),
                                 np.array([0, 1, 0x7FF0000000000000, 0x7FF8000000000000, 0x7FF0000000000001],
                                          dtype=np.uint64)])
    sign = np.uint64(1 << 63)
    bits = np.concatenate([magnitudes, magnitudes[::7] | sign])
    expected = reference_indices(bits & ~sign, scale, 52, 11)
    answer, host = code_buckets(bits, scale, FLOAT64)
    assert mismatches(answer, expected) == 0
    assert np.array_equal(host, expected_counts(expected, scale, FLOAT64))
