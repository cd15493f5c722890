"""GradientLogger in training loops: what it writes against independently computed
histograms, and the training-loop facts of issue 11."""

import math

import pytest
import torch

from gradscope_torch import GradientLogger
from gradscope_torch.buckets import largest_float32_not_above
from helpers import assert_histogram_equals, expected_histogram, histograms_by_step, read_log, scalars_by_step


def small_model(seed: int = 0) -> torch.nn.Module:
    torch.manual_seed(seed)
    return torch.nn.Sequential(torch.nn.Linear(12, 24), torch.nn.Tanh(), torch.nn.Linear(24, 3))


def backward(model: torch.nn.Module, seed: int, scale: float = 1.0, scaler=None) -> torch.Tensor:
    g = torch.Generator().manual_seed(seed)
    loss = model(torch.randn(16, 12, generator=g)).pow(2).mean()
    (scaler.scale(loss) if scaler is not None else loss * scale).backward()
    return loss


def test_log_writes_exact_histograms_per_tensor_and_merged(tmp_path):
    model = small_model()
    logger = GradientLogger(str(tmp_path), scale=3)
    expected = {}
    for step in (1, 2):
        model.zero_grad()
        loss = backward(model, step)
        expected[step] = {n: expected_histogram(p.grad, 3) for n, p in model.named_parameters()}
        expected[step]["all"] = expected_histogram(torch.cat([p.grad.reshape(-1) for p in model.parameters()]), 3)
        logger.log(model, step, loss=loss, lr=0.01)
    logger.close()
    values = read_log(str(tmp_path))
    hists, scalars = histograms_by_step(values), scalars_by_step(values)
    assert sorted(hists) == [1, 2]
    for step in (1, 2):
        assert set(hists[step]) == {"grad/0.weight", "grad/0.bias", "grad/2.weight", "grad/2.bias", "grad/abs_all"}
        for name in ("0.weight", "0.bias", "2.weight", "2.bias"):
            assert_histogram_equals(hists[step]["grad/" + name], expected[step][name])
        assert_histogram_equals(hists[step]["grad/abs_all"], expected[step]["all"])
        assert scalars[step]["lr"] == pytest.approx(0.01)
        assert scalars[step]["grad/global_norm"] == pytest.approx(math.sqrt(expected[step]["all"]["sumsq"]), rel=1e-6)
        assert set(scalars[step]) == {"loss", "lr", "grad/global_norm", "grad/median_log10"}


def test_nan_inf_zero_counted_and_statistics_over_finite_values(tmp_path):
    g = torch.tensor([0.0, -0.0, 1.0, -2.0, float("nan"), float("inf"), -float("inf"), 3e-42, 0.5])
    for device_path in (False, True):
        logdir = tmp_path / str(device_path)
        with GradientLogger(str(logdir), scale=2, device_path=device_path) as logger:
            logger.log({"w": g}, 1)
        h = histograms_by_step(read_log(str(logdir)))[1]["grad/w"]
        assert_histogram_equals(h, expected_histogram(g, 2))
        assert (h.zero_count, h.nan_count, h.positive_infinity_count) == (2, 1, 2)
        assert (h.min, h.max) == (0.0, 2.0)


def test_device_path_equals_host_path_on_cpu(tmp_path):
    torch.manual_seed(3)
    tensors = {"a": torch.randn(5000) * 1e-3, "b": torch.randn(3, 7).double(), "c": torch.randn(100).half(),
               "d": torch.randn(64).bfloat16(), "e": torch.empty(0)}
    out = {}
    for device_path in (False, True):
        with GradientLogger(str(tmp_path / str(device_path)), device_path=device_path) as logger:
            logger.log(tensors, 7)
            out[device_path] = logger.last_histograms
    for tag, h in out[False].items():
        other = out[True][tag]
        assert (h.positive, h.zero_count, h.nan_count, h.min, h.max) == \
            (other.positive, other.zero_count, other.nan_count, other.min, other.max)
        assert h.sum == pytest.approx(other.sum, rel=1e-12)


@pytest.mark.parametrize("device_path", [False, True])
def test_zero_threshold_is_the_largest_float32_not_above_it(tmp_path, device_path):
    t = 0.1
    above = float(torch.tensor(t, dtype=torch.float32))  # the nearest float32 to 0.1 is above it
    assert above > t and largest_float32_not_above(t) < t
    g = torch.tensor([above, -above, largest_float32_not_above(t), 0.0, 1.0])
    naive_zeros = int((g.abs() <= torch.tensor(t, dtype=torch.float32)).sum())
    # and 200 float32 neighbours on either side of t (the same table key as t, and the next ones)
    around = torch.tensor(above, dtype=torch.float32).view(torch.int32) + torch.arange(-100, 100, dtype=torch.int32)
    g = torch.cat([g, around.view(torch.float32), torch.randn(1000) * 0.2])
    with GradientLogger(str(tmp_path), zero_threshold=t, device_path=device_path) as logger:
        logger.log({"w": g}, 1)
    h = logger.last_histograms["grad/w"]
    assert naive_zeros == 4  # ``above`` and ``-above`` would count as zeros
    assert_histogram_equals(h, expected_histogram(g, 3, zero_threshold=t))
    assert h.zero_count == 2 + 100 + int((g[205:].abs().double() <= t).sum())
    assert h.zero_threshold == t


def test_sparse_gradients_count_their_implicit_zeros(tmp_path):
    torch.manual_seed(0)
    embedding = torch.nn.Embedding(50, 4, sparse=True)
    embedding(torch.tensor([1, 3, 3, 7])).sum().backward()
    assert embedding.weight.grad.is_sparse
    dense = embedding.weight.grad.to_dense()
    with GradientLogger(str(tmp_path)) as logger:
        logger.log(embedding, 1)
    h = logger.last_histograms["grad/weight"]
    assert h.zero_count == 47 * 4
    assert_histogram_equals(h, expected_histogram(dense, 3))


def test_gradient_accumulation_logs_once_per_optimizer_step(tmp_path):
    model = small_model()
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    logger = GradientLogger(str(tmp_path))
    logger.attach(opt, model)
    expected = []
    for step in range(3):
        opt.zero_grad()
        for micro in range(4):
            backward(model, 10 * step + micro, scale=0.25)
        expected.append(expected_histogram(torch.cat([p.grad.reshape(-1) for p in model.parameters()]), 3))
        opt.step()
    logger.close()
    hists = histograms_by_step(read_log(str(tmp_path)))
    assert sorted(hists) == [1, 2, 3]
    for step, want in zip((1, 2, 3), expected):
        assert_histogram_equals(hists[step]["grad/abs_all"], want)


def test_every_logs_multiples_only(tmp_path):
    model = small_model()
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    with GradientLogger(str(tmp_path), every=2) as logger:
        logger.attach(opt, model)
        for i in range(5):
            opt.zero_grad()
            backward(model, i)
            opt.step()
    assert sorted(histograms_by_step(read_log(str(tmp_path)))) == [2, 4]


def test_grad_scaler_unscaled_in_hook_and_skipped_steps_not_logged(tmp_path):
    model, twin = small_model(), small_model()
    opt = torch.optim.SGD(model.parameters(), lr=0.01)
    scaler = torch.amp.GradScaler("cpu", init_scale=2.0 ** 10)
    logger = GradientLogger(str(tmp_path))
    logger.attach(opt, model)
    expected = {}
    for i in range(3):
        opt.zero_grad()
        loss = backward(model, i, scaler=scaler)
        if i == 1:  # an overflow: the scaler skips this step
            next(model.parameters()).grad[0, 0] = float("inf")
        else:
            twin.load_state_dict(model.state_dict())
            twin.zero_grad()
            backward(twin, i)
            expected[len(expected) + 1] = expected_histogram(torch.cat([p.grad.reshape(-1) for p in twin.parameters()]), 3)
        scaler.step(opt)
        scaler.update()
    logger.close()
    hists = histograms_by_step(read_log(str(tmp_path)))
    assert sorted(hists) == [1, 2]
    for step, want in expected.items():
        h = hists[step]["grad/abs_all"]
        assert h.nan_count == 0 and h.positive_infinity_count == 0
        assert h.max == pytest.approx(want["max"], rel=1e-5)
        assert h.sum == pytest.approx(want["sum"], rel=1e-5)


def test_explicit_log_after_unscale(tmp_path):
    model, twin = small_model(), small_model()
    opt = torch.optim.SGD(model.parameters(), lr=0.01)
    scaler = torch.amp.GradScaler("cpu", init_scale=2.0 ** 8)
    backward(model, 0, scaler=scaler)
    backward(twin, 0)
    scaler.unscale_(opt)
    with GradientLogger(str(tmp_path)) as logger:
        logger.log(model, 1)
    want = expected_histogram(torch.cat([p.grad.reshape(-1) for p in twin.parameters()]), 3)
    assert logger.last_histograms["grad/abs_all"].sum == pytest.approx(want["sum"], rel=1e-5)


def test_torch_compile_prefix_is_stripped(tmp_path):
    model = small_model()
    compiled = torch.compile(model)
    assert any(n.startswith("_orig_mod.") for n, _ in compiled.named_parameters())
    backward(model, 0)  # the parameters (and their gradients) are shared
    with GradientLogger(str(tmp_path)) as logger:
        logger.log(compiled, 1)
    assert set(logger.last_histograms) == {"grad/0.weight", "grad/0.bias", "grad/2.weight", "grad/2.bias",
                                           "grad/abs_all"}


def test_include_glob_selects_tensors(tmp_path):
    model = small_model()
    backward(model, 0)
    with GradientLogger(str(tmp_path), include="*.weight") as logger:
        logger.log(model, 1)
    assert set(logger.last_histograms) == {"grad/0.weight", "grad/2.weight", "grad/abs_all"}


@pytest.mark.skipif(not torch.cuda.is_available(), reason="no CUDA device (the sync check needs one)")
def test_cuda_path_never_synchronises(tmp_path):
    model = small_model().cuda()
    backward_input = torch.randn(16, 12, device="cuda")
    logger = GradientLogger(str(tmp_path))
    for step in (1, 2, 3):
        model.zero_grad()
        loss = model(backward_input).pow(2).mean()
        loss.backward()
        torch.cuda.synchronize()
        torch.cuda.set_sync_debug_mode("error")
        try:
            logger.log(model, step, loss=loss) if step == 1 else logger.log(model, step)
        finally:
            torch.cuda.set_sync_debug_mode("default")
    logger.close()
    hists = histograms_by_step(read_log(str(tmp_path)))
    assert sorted(hists) == [1, 2, 3]
    grads = torch.cat([p.grad.reshape(-1) for p in model.parameters()]).cpu()
    assert_histogram_equals(hists[3]["grad/abs_all"], expected_histogram(grads, 3), rel=1e-6)
