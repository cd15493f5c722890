"""CRC-32C (Castagnoli), as TFRecord framing needs it.

``google-crc32c`` (the ``fast-crc`` extra) computes it in C. Without it, ``crc32c_many``
falls back to pure Python + numpy, fast enough for a training step's records (a few ms per
300 KB): every message is cut into 256-byte chunks (the first one padded with leading zeros,
which leave a register started at 0 unchanged), numpy runs the byte-wise table algorithm on
all chunks of all messages at once, and each message's chunk registers are joined with
"advance the register over n zero bytes" maps. CRC is linear over GF(2), so with
``A_n`` that map, ``crc(init, data) = A_len(data)(init) ^ crc(0, data)``.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

try:  # pragma: no cover - depends on the environment
    import google_crc32c as _google_crc32c

    if getattr(_google_crc32c, "implementation", "c") != "c":
        _google_crc32c = None
except ImportError:  # pragma: no cover
    _google_crc32c = None

_POLY = 0x82F63B78  # reflected Castagnoli polynomial
_CHUNK = 256


def _make_table() -> list[int]:
    table = []
    for n in range(256):
        c = n
        for _ in range(8):
            c = (c >> 1) ^ _POLY if c & 1 else c >> 1
        table.append(c)
    return table


_TABLE = _make_table()
_TABLE_NP = np.array(_TABLE, dtype=np.uint32)


def _register(data: bytes, reg: int) -> int:
    """The register after ``data`` from ``reg`` (no final xor), one byte at a time."""
    table = _TABLE
    for byte in data:
        reg = table[(reg ^ byte) & 0xFF] ^ (reg >> 8)
    return reg


class _Advance:
    """``A_n`` as four byte-indexed tables: ``A(r) = T0[r & 255] ^ T1[(r >> 8) & 255] ^ …``."""

    def __init__(self, basis: Sequence[int]):
        self.tables = []
        for k in range(4):
            row = []
            for v in range(256):
                acc = 0
                for bit in range(8):
                    if v >> bit & 1:
                        acc ^= basis[8 * k + bit]
                row.append(acc)
            self.tables.append(row)

    def __call__(self, r: int) -> int:
        t0, t1, t2, t3 = self.tables
        return t0[r & 255] ^ t1[(r >> 8) & 255] ^ t2[(r >> 16) & 255] ^ t3[r >> 24]

    def basis(self) -> list[int]:
        return [self(1 << bit) for bit in range(32)]


def _powers_of_two_advances(count: int) -> list[_Advance]:
    """``A_(2^k)`` for ``k < count``, by squaring ``A_1``."""
    advances = [_Advance([_register(b"\0", 1 << bit) for bit in range(32)])]
    for _ in range(1, count):
        previous = advances[-1]
        advances.append(_Advance([previous(v) for v in previous.basis()]))
    return advances


_ADVANCES = _powers_of_two_advances(40)
_ADVANCE_CHUNK = _ADVANCES[_CHUNK.bit_length() - 1]


def _advance(reg: int, n: int) -> int:
    k = 0
    while n:
        if n & 1:
            reg = _ADVANCES[k](reg)
        n >>= 1
        k += 1
    return reg


def pure_crc32c_many(messages: Sequence[bytes]) -> list[int]:
    """CRC-32C of each message, without any C extension."""
    chunk_counts = [(len(m) + _CHUNK - 1) // _CHUNK for m in messages]
    padded = b"".join(bytes(c * _CHUNK - len(m)) + m for m, c in zip(messages, chunk_counts))
    total = sum(chunk_counts)
    regs: list[int] = []
    if total:
        chunks = np.frombuffer(padded, dtype=np.uint8).reshape(total, _CHUNK).T.copy()
        reg = np.zeros(total, dtype=np.uint32)
        eight = np.uint32(8)
        for column in chunks:
            reg = _TABLE_NP[(reg ^ column) & 0xFF] ^ (reg >> eight)
        regs = reg.tolist()
    out, at = [], 0
    for message, count in zip(messages, chunk_counts):
        reg = 0
        for r in regs[at:at + count]:
            reg = _ADVANCE_CHUNK(reg) ^ r
        at += count
        out.append((reg ^ _advance(0xFFFFFFFF, len(message))) ^ 0xFFFFFFFF)
    return out


def pure_crc32c(data: bytes) -> int:
    """CRC-32C of ``data``, the plain byte-wise table algorithm."""
    return _register(data, 0xFFFFFFFF) ^ 0xFFFFFFFF


def crc32c_many(messages: Sequence[bytes]) -> list[int]:
    """CRC-32C of each message (``google-crc32c`` when installed, else the numpy fallback)."""
    if _google_crc32c is not None:
        return [_google_crc32c.value(m) for m in messages]
    return pure_crc32c_many(messages)


def mask(crc: int) -> int:
    """TFRecord's masked CRC: ``((crc >> 15) | (crc << 17)) + 0xa282ead8`` (mod 2^32)."""
    return ((((crc >> 15) | (crc << 17)) & 0xFFFFFFFF) + 0xA282EAD8) & 0xFFFFFFFF


def has_fast_crc() -> bool:
    """Whether ``google-crc32c``'s C implementation is in use."""
    return _google_crc32c is not None
