"""Writes the Python-written fixture of the Swift tests:
Tests/GradscopeTestSupport/Fixtures/gradscope-torch/run/ (an event file written by
GradientLogger) and expected.json (what Python recorded: every histogram field, the scalars).

    python3 python/scripts/make_swift_fixture.py
"""

import glob
import json
import os
import shutil
import sys

import torch

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
from gradscope_torch import GradientLogger  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "Tests", "GradscopeTestSupport", "Fixtures", "gradscope-torch")


def fields(h) -> dict:
    return {"scale": h.scale, "zero_threshold": h.zero_threshold, "offset": h.positive.offset,
            "counts": [int(c) for c in h.positive.counts], "zero_count": h.zero_count, "nan_count": h.nan_count,
            "positive_infinity_count": h.positive_infinity_count, "sum": h.sum, "sum_of_squares": h.sum_of_squares,
            "min": h.min, "max": h.max}


def main() -> None:
    shutil.rmtree(OUT, ignore_errors=True)
    torch.manual_seed(11)
    model = torch.nn.Sequential(torch.nn.Linear(5, 7), torch.nn.ReLU(), torch.nn.Linear(7, 3))
    special = torch.tensor([0.0, -0.0, float("nan"), float("inf"), -float("inf"), 1e-41, 0.75, -1.0])
    expected = {"histograms": [], "scalars": []}
    with GradientLogger(os.path.join(OUT, "run"), scale=3) as logger:
        for step in (1, 2):
            model.zero_grad()
            loss = model(torch.randn(4, 5)).pow(2).mean()
            loss.backward()
            logger.log({**dict(model.named_parameters()), "special": special * step,
                        "half": torch.randn(30).half()}, step, loss=float(loss.detach()), lr=0.25)
            logger.flush()
            for tag, h in logger.last_histograms.items():
                expected["histograms"].append({"tag": tag, "step": step, **fields(h)})
            expected["scalars"].append({"tag": "lr", "step": step, "value": 0.25})
    (path,) = glob.glob(os.path.join(OUT, "run", "events.out.tfevents.*"))
    os.rename(path, os.path.join(OUT, "run", "events.out.tfevents.1.gradscope-torch"))
    with open(os.path.join(OUT, "expected.json"), "w") as f:
        json.dump(expected, f)


if __name__ == "__main__":
    main()
