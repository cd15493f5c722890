"""DDP (rank 0 writes alone) and sharded gradients (count vectors all-reduced) with two gloo
processes, against the whole-tensor histogram computed in one process."""

import os
import socket

import pytest
import torch
import torch.distributed as dist
import torch.multiprocessing as mp

from gradscope_torch import GradientLogger
from helpers import assert_histogram_equals, expected_histogram, histograms_by_step, read_log


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def whole_gradient() -> torch.Tensor:
    torch.manual_seed(5)
    g = torch.randn(1001) * torch.logspace(-30, 2, 1001)
    g[[3, 500]] = 0.0
    g[7] = float("nan")
    g[8] = float("-inf")
    return g


def run_rank(rank: int, port: int, logdir: str, mode: str) -> None:
    os.environ["MASTER_ADDR"], os.environ["MASTER_PORT"] = "127.0.0.1", str(port)
    dist.init_process_group("gloo", rank=rank, world_size=2)
    try:
        if mode == "sharded":
            shard = whole_gradient().tensor_split(2)[rank]
            logger = GradientLogger(logdir, sharded=True)
            logger.log({"w": shard}, 1)
        else:
            torch.manual_seed(0)
            model = torch.nn.parallel.DistributedDataParallel(torch.nn.Linear(4, 2))
            logger = GradientLogger(logdir)
            model(torch.randn(3, 4) * (rank + 1)).sum().backward()
            logger.log(model, 1)
        logger.close()
    finally:
        dist.destroy_process_group()


def spawn(logdir: str, mode: str) -> None:
    mp.start_processes(run_rank, args=(free_port(), logdir, mode), nprocs=2, start_method="spawn")


@pytest.mark.skipif(not dist.is_available(), reason="torch.distributed unavailable")
def test_sharded_gradients_all_reduce_to_the_whole_tensor_histogram(tmp_path):
    spawn(str(tmp_path), "sharded")
    h = histograms_by_step(read_log(str(tmp_path)))[1]["grad/w"]  # one file: rank 0's
    assert_histogram_equals(h, expected_histogram(whole_gradient(), 3), rel=1e-12)
    assert (h.zero_count, h.nan_count, h.positive_infinity_count) == (2, 1, 1)


@pytest.mark.skipif(not dist.is_available(), reason="torch.distributed unavailable")
def test_ddp_logs_on_rank_zero_only(tmp_path):
    spawn(str(tmp_path), "ddp")
    hists = histograms_by_step(read_log(str(tmp_path)))  # read_log asserts a single file
    assert set(hists[1]) == {"grad/module.weight", "grad/module.bias", "grad/abs_all"}
    assert hists[1]["grad/abs_all"].finite_count == 10
