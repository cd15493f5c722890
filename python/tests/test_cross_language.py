"""The two languages read each other's logs.

- A log written by ``gradscope train`` (Swift) is read by this package exactly as
  ``gradscope export`` printed it (fixtures/swift-train-v2, payload version 2, and
  fixtures/swift-train from the version 1 writer: each the event file and its export, of
  ``gradscope train --model mlp --task spirals --hidden 8 --steps 3 --batch 16 --seed 0``).
- A log written by this package is exported by the ``gradscope`` CLI exactly as Python
  recorded it. The CLI is the one ``make test`` builds (``GRADSCOPE``); without it that test
  is skipped, unless ``GRADSCOPE_REQUIRE_CLI=1``.
"""

import glob
import json
import os
import shutil
import subprocess

import numpy as np
import pytest
import torch

from gradscope_torch import GradientLogger, read_values
from gradscope_torch.payload import display_buckets

FIXTURES = os.path.join(os.path.dirname(__file__), "fixtures")


def as_number(x):
    return None if x is None else float(x)


def export_fields(h) -> dict:
    """The fields ``gradscope export`` prints for an exponential histogram."""
    edges, counts = display_buckets(h)
    finite = h.finite_count
    return {"edges": edges.tolist(), "counts": [int(c) for c in counts], "zero_count": h.zero_count,
            "nan_count": h.nan_count, "pos_inf_count": h.positive_infinity_count,
            "neg_inf_count": h.negative_infinity_count, "count": h.count, "sum": h.sum,
            "sum_squares": h.sum_of_squares, "min": h.min if finite else None,
            "max": h.max if finite else None, "scale": h.scale, "zero_threshold": h.zero_threshold}


def exported_histograms(lines: list[str]) -> dict:
    out = {}
    for line in lines:
        row = json.loads(line)
        if row["kind"] == "histogram":
            out[(row["tag"], row["step"])] = {k: row[k] for k in export_fields_keys()}
    return out


def export_fields_keys():
    return ["edges", "counts", "zero_count", "nan_count", "pos_inf_count", "neg_inf_count", "count", "sum",
            "sum_squares", "min", "max", "scale", "zero_threshold"]


@pytest.mark.parametrize("fixture", ["swift-train-v2", "swift-train"])
def test_reads_a_swift_written_log_as_gradscope_exports_it(fixture):
    directory = os.path.join(FIXTURES, fixture)
    (event_file,) = glob.glob(os.path.join(directory, "events.out.tfevents.*"))
    with open(os.path.join(directory, "export.jsonl")) as f:
        lines = f.read().splitlines()
    want = exported_histograms(lines)
    got = {(v.tag, v.step): export_fields(v.histogram) for v in read_values(event_file) if v.histogram is not None}
    assert set(got) == set(want) and len(got) >= 6
    assert any(w["zero_count"] > 0 for w in want.values())
    for key, fields in want.items():
        assert got[key] == fields, key
    scalars = {(json.loads(l)["tag"], json.loads(l)["step"]): json.loads(l)["value"] for l in lines
               if json.loads(l)["kind"] == "scalar"}
    read = {(v.tag, v.step): v.scalar for v in read_values(event_file) if v.scalar is not None}
    assert read == scalars


def gradscope_cli() -> str | None:
    path = os.environ.get("GRADSCOPE") or shutil.which("gradscope")
    return path if path and os.access(path, os.X_OK) else None


@pytest.mark.skipif(gradscope_cli() is None and os.environ.get("GRADSCOPE_REQUIRE_CLI") != "1",
                    reason="no gradscope CLI (make test builds it and sets GRADSCOPE)")
def test_gradscope_export_equals_what_python_recorded(tmp_path):
    cli = gradscope_cli()
    assert cli is not None, "GRADSCOPE_REQUIRE_CLI=1 but no gradscope CLI"
    torch.manual_seed(1)
    model = torch.nn.Sequential(torch.nn.Linear(6, 9), torch.nn.ReLU(), torch.nn.Linear(9, 2))
    special = torch.tensor([0.0, float("nan"), float("inf"), -float("inf"), 1e-40, -3.5, 2.0 ** -20])
    recorded = {}
    logdir = tmp_path / "logs"
    with GradientLogger(str(logdir / "py"), scale=4) as logger:
        for step in (1, 2):
            model.zero_grad()
            model(torch.randn(5, 6)).pow(2).sum().backward()
            logger.log({**dict(model.named_parameters()), "special": special * step,
                        "wide": torch.randn(50, dtype=torch.float64) * 1e-200}, step, loss=0.5, lr=1e-3)
            logger.flush()
            recorded.update({(tag, step): export_fields(h) for tag, h in logger.last_histograms.items()})
    out = subprocess.run([cli, "export", str(logdir)], check=True, capture_output=True, text=True).stdout
    got = exported_histograms(out.splitlines())
    assert set(got) == set(recorded)
    for key, fields in recorded.items():
        assert got[key] == fields, key
    special_fields = recorded[("grad/special", 1)]
    assert (special_fields["nan_count"], special_fields["pos_inf_count"], special_fields["zero_count"]) == (1, 2, 1)
