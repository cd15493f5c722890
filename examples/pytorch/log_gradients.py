#!/usr/bin/env python3
"""Log |gradient| histograms from your own PyTorch training, for gradscope.

Every step writes, with torch.utils.tensorboard.SummaryWriter:
  grad/<parameter>   histogram of |g| of each parameter
  grad/abs_all       histogram of |g| of all parameters together
  loss, lr           scalars
and, at the end, the run's configuration with add_hparams (TensorBoard's HPARAMS tab).

    python3 examples/pytorch/log_gradients.py --logdir runs/mlp
    gradscope diagnose runs/mlp
    gradscope plot hist runs/mlp --tag grad/abs_all -o grad.png

The model is a small MLP fitting y = sin(3x) on [-1, 1]; replace it with your own.
Needs: pip install torch tensorboard.
"""
import argparse

import torch
import torch.nn as nn
from torch.utils.tensorboard import SummaryWriter


def log_gradients(writer, model, step):
    """|g| per parameter and for all parameters together, as histograms."""
    grads = []
    for name, p in model.named_parameters():
        if p.grad is not None:
            g = p.grad.detach().abs().flatten()
            writer.add_histogram(f"grad/{name}", g, step)
            grads.append(g)
    writer.add_histogram("grad/abs_all", torch.cat(grads), step)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--logdir", default="runs/mlp")
    ap.add_argument("--steps", type=int, default=200)
    ap.add_argument("--lr", type=float, default=1e-2)
    ap.add_argument("--beta2", type=float, default=0.999)
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()

    torch.manual_seed(a.seed)
    model = nn.Sequential(nn.Linear(1, 32), nn.Tanh(), nn.Linear(32, 32), nn.Tanh(), nn.Linear(32, 1))
    opt = torch.optim.Adam(model.parameters(), lr=a.lr, betas=(0.9, a.beta2))
    writer = SummaryWriter(a.logdir)
    x = torch.linspace(-1, 1, 256).unsqueeze(1)
    y = torch.sin(3 * x)

    for step in range(1, a.steps + 1):
        loss = nn.functional.mse_loss(model(x), y)
        opt.zero_grad()
        loss.backward()
        log_gradients(writer, model, step)
        writer.add_scalar("loss", loss.item(), step)
        writer.add_scalar("lr", opt.param_groups[0]["lr"], step)
        opt.step()

    hparams = {"optimizer": "adam", "lr": a.lr, "beta1": 0.9, "beta2": a.beta2, "eps": 1e-8,
               "model": "mlp-32-32", "task": "sin3x", "seed": a.seed, "steps": a.steps}
    writer.add_hparams(hparams, {"hparam/final_loss": loss.item()}, run_name=".")
    writer.close()
    print(f"{a.steps} steps, final loss {loss.item():.4g}; logs in {a.logdir}")


if __name__ == "__main__":
    main()
