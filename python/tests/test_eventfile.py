"""Framing and CRC-32C against independent sources: the standard check value, google-crc32c,
and TensorBoard's own event loader."""

import os

import numpy as np
import pytest
import torch

from gradscope_torch import GradientLogger
from gradscope_torch.crc32c import pure_crc32c, pure_crc32c_many
from helpers import expected_histogram


def test_crc32c_check_value_and_known_vectors():
    assert pure_crc32c(b"123456789") == 0xE3069283  # the CRC-32C check value
    assert pure_crc32c(b"") == 0
    assert pure_crc32c(bytes(32)) == 0x8A9136AA  # RFC 3720 B.4: 32 bytes of zeros
    assert pure_crc32c(bytes(range(32))) == 0x46DD794E  # RFC 3720 B.4: 0x00…0x1f


def test_batched_fallback_equals_google_crc32c():
    google_crc32c = pytest.importorskip("google_crc32c")
    rng = np.random.default_rng(0)
    messages = [rng.integers(0, 256, size=n, dtype=np.uint8).tobytes() for n in (0, 1, 8, 255, 256, 257, 4096, 70001)]
    assert pure_crc32c_many(messages) == [google_crc32c.value(m) for m in messages]


def test_tensorboard_loads_every_tag(tmp_path):
    pytest.importorskip("tensorboard")
    from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

    torch.manual_seed(0)
    model = torch.nn.Linear(4, 3)
    model(torch.randn(2, 4)).sum().backward()
    with GradientLogger(str(tmp_path)) as logger:
        logger.log(model, 1, loss=0.5, lr=0.1)
        logger.log(model, 2, loss=0.25, lr=0.1)
    acc = EventAccumulator(str(tmp_path), size_guidance={"histograms": 0, "scalars": 0})
    acc.Reload()
    tags = acc.Tags()
    assert set(tags["histograms"]) == {"grad/weight", "grad/bias", "grad/abs_all"}
    assert {"loss", "lr", "grad/global_norm"} <= set(tags["scalars"])
    assert [e.value for e in acc.Scalars("loss")] == [0.5, 0.25]
    shown = acc.Histograms("grad/weight")[0].histogram_value
    want = expected_histogram(model.weight.grad, 3)
    assert shown.num == 12 and shown.max == want["max"] and shown.min == want["min"]
    assert sum(shown.bucket) == 12
