"""The batched host path (all tensors of a device counted in one pass) equals the per-tensor
one, which test_exactness checks against the integer-only reference."""

import math

import pytest
import torch

from gradscope_torch import counting
from gradscope_torch.buckets import FLOAT32


def tensors():
    g = torch.Generator().manual_seed(5)
    special = torch.tensor([0.0, -0.0, 1e-45, 3e-39, -1e-41, float("nan"), float("inf"), -float("inf"), 1.0, 2.0])
    return [torch.randn(1000, generator=g) * 1e-3, special, torch.randn(7, generator=g).abs() * 1e-30,
            torch.tensor([5.0]), torch.randn(300, generator=g).half().float()]


@pytest.mark.parametrize("scale", [-2, 0, 3, 5])
@pytest.mark.parametrize("zero_threshold", [0.0, 1e-3])
def test_batched_counts_and_moments_equal_the_per_tensor_ones(scale, zero_threshold):
    arrays = [t.abs() for t in tensors()]
    segments = counting.Segments.of(arrays)
    counts = counting.host_counts_many(segments, FLOAT32, scale, zero_threshold)
    lay = counting.layout(scale, FLOAT32)
    finite = [bool(c[lay.nan_slot] == 0 and c[lay.infinity_slot] == 0) for c in counts]
    moments = counting.host_moments_many(segments, finite)
    assert finite == [True, False, True, True, True]
    for i, a in enumerate(arrays):
        assert torch.equal(counts[i], counting.host_counts(a, FLOAT32, scale, zero_threshold)), i
        want = counting.host_moments(a, not finite[i])
        got = moments[i].tolist()
        assert got[2:] == list(want[2:]), i  # min and max exactly
        for x, y in zip(got[:2], want[:2]):  # sums up to the order of summation
            assert math.isclose(x, y, rel_tol=1e-12, abs_tol=1e-300), i


def test_segments_of_gradients_fold_and_widen_like_magnitudes():
    g = torch.Generator().manual_seed(6)
    gradients = [torch.randn(50, 3, generator=g).half(), torch.randn(40, generator=g).bfloat16(),
                 torch.tensor([-0.0, -1e-41, float("nan"), -float("inf")]), torch.randn(2, 2, generator=g)]
    segments = counting.Segments.of_gradients(gradients, FLOAT32)
    assert segments.flat.dtype == torch.float32 and segments.sizes.tolist() == [150, 40, 4, 4]
    for array, gradient in zip(segments.arrays, gradients):
        want, fmt = counting.magnitudes(gradient)
        assert fmt is FLOAT32
        assert torch.equal(array.view(torch.int32), want.view(torch.int32))  # bit for bit, NaN and -0 included
