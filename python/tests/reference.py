"""An integer-only reference for bucket indices, independent of the package's tables.

With ``x = M · 2^k`` (``M`` a positive integer): bucket ``i`` holds ``(b^i, b^(i+1)]``,
``b = 2^(2^-s)``, so ``i = ceil(2^s · log2 x) - 1``, and in integers

- ``s >= 0``: ``i = k·2^s + bitlen(M^(2^s) - 1) - 1`` (``ceil(log2 N) = bitlen(N - 1)``);
- ``s < 0``: ``i = (k + bitlen(M - 1) - 1) >> -s``.
"""

from __future__ import annotations

import numpy as np

NAN, INF, ZERO = "nan", "inf", "zero"


def decompose(bits: int, significand_bits: int, exponent_bits: int) -> tuple[int, int]:
    """``(M, k)`` with ``|x| = M · 2^k`` for a finite non-zero magnitude's bit pattern."""
    bias = (1 << (exponent_bits - 1)) - 1
    field = bits & ((1 << significand_bits) - 1)
    e = bits >> significand_bits
    if e == 0:
        return field, 1 - bias - significand_bits
    return field | (1 << significand_bits), e - bias - significand_bits


def index_of(m: int, k: int, scale: int) -> int:
    if scale >= 0:
        return (k << scale) + (m ** (1 << scale) - 1).bit_length() - 1
    return (k + (m - 1).bit_length() - 1) >> -scale


def classify(bits: int, significand_bits: int, exponent_bits: int, scale: int):
    """The reference bucket of a magnitude bit pattern (sign already cleared), or its class."""
    infinity = ((1 << exponent_bits) - 1) << significand_bits
    if bits == 0:
        return ZERO
    if bits == infinity:
        return INF
    if bits > infinity:
        return NAN
    m, k = decompose(bits, significand_bits, exponent_bits)
    return index_of(m, k, scale)


def reference_indices(magnitude_bits: np.ndarray, scale: int, significand_bits: int = 23,
                      exponent_bits: int = 8) -> list:
    """``classify`` of each bit pattern (the loop is the reference's cost: bigint powers)."""
    return [classify(b, significand_bits, exponent_bits, scale) for b in magnitude_bits.tolist()]
