"""The README's PyTorch section works as written: its Python block (the three lines in a
training loop) runs as it stands, and its ``gradscope`` commands read the log it wrote.

The blocks are taken from README.md itself, so the README cannot drift from what is tested.
The CLI is the one ``make test`` builds (``GRADSCOPE``); without it the CLI tests are skipped,
unless ``GRADSCOPE_REQUIRE_CLI=1``.
"""

import os
import re
import shlex
import struct
import subprocess
import sys

import pytest

from helpers import histograms_by_step, read_log, scalars_by_step
from test_cross_language import gradscope_cli

README = os.path.join(os.path.dirname(__file__), "..", "..", "README.md")
NEEDS_CLI = pytest.mark.skipif(gradscope_cli() is None and os.environ.get("GRADSCOPE_REQUIRE_CLI") != "1",
                               reason="no gradscope CLI (make test builds it and sets GRADSCOPE)")


def pytorch_section() -> str:
    text = open(README, encoding="utf-8").read()
    match = re.search(r"^## PyTorch\n(.*?)^## ", text, flags=re.S | re.M)
    assert match, "README has no '## PyTorch' section"
    return match.group(1)


def blocks(language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```", pytorch_section(), flags=re.S | re.M)


def training_block() -> str:
    found = [b for b in blocks("python") if "GradientLogger(" in b and "logger.close()" in b]
    assert len(found) == 1, "expected one runnable training block in README's PyTorch section"
    return found[0]


def gradscope_commands() -> list[list[str]]:
    lines = [line.split("#")[0].strip() for b in blocks("sh") for line in b.splitlines()]
    return [shlex.split(line) for line in lines if line.startswith("gradscope ")]


def command(name: str) -> list[str]:
    found = [c for c in gradscope_commands() if c[1:2] == [name]]
    assert len(found) == 1, f"expected one 'gradscope {name}' line in README's PyTorch section"
    return found[0]


def run_cli(args: list[str], cwd) -> subprocess.CompletedProcess:
    cli = gradscope_cli()
    assert cli is not None, "GRADSCOPE_REQUIRE_CLI=1 but no gradscope CLI"
    return subprocess.run([cli, *args[1:]], cwd=cwd, capture_output=True, text=True, timeout=300)


def png_size(path) -> tuple[int, int]:
    with open(path, "rb") as f:
        head = f.read(24)
    assert head[:8] == b"\x89PNG\r\n\x1a\n" and head[12:16] == b"IHDR"
    return struct.unpack(">II", head[16:24])


@pytest.fixture(scope="module")
def readme_run(tmp_path_factory):
    """Runs the README's training block in a fresh directory (as a user would, in a new
    interpreter); returns that directory."""
    cwd = tmp_path_factory.mktemp("readme")
    (cwd / "train.py").write_text(training_block())
    subprocess.run([sys.executable, "train.py"], cwd=cwd, check=True, timeout=300)
    return cwd


def test_readme_training_block_logs_every_step(readme_run):
    logdir = re.search(r'GradientLogger\("([^"]+)"', training_block()).group(1)
    values = read_log(str(readme_run / logdir))
    hists, scalars = histograms_by_step(values), scalars_by_step(values)
    assert sorted(hists) == list(range(1, 101))
    names = {"grad/abs_all", "grad/0.weight", "grad/0.bias", "grad/2.weight", "grad/2.bias"}
    assert set(hists[100]) == names
    # every step's merge counts all 8·32 + 32 + 32 + 1 gradient values
    assert {h["grad/abs_all"].count for h in hists.values()} == {8 * 32 + 32 + 32 + 1}
    assert all({"loss", "lr", "grad/global_norm"} <= set(s) for s in scalars.values())


@NEEDS_CLI
def test_readme_plot_hist_draws_the_log(readme_run):
    args = command("plot")
    result = run_cli(args, readme_run)
    assert result.returncode == 0, result.stderr
    out = readme_run / args[args.index("-o") + 1]
    width, height = png_size(out)
    assert width > 100 and height > 100


@NEEDS_CLI
def test_readme_diagnose_reads_the_log(readme_run):
    result = run_cli(command("diagnose"), readme_run)
    assert result.returncode == 0, result.stderr
    assert "loss: loss" in result.stdout
    assert re.search(r"gradients: .*grad/0\.weight", result.stdout), result.stdout


@NEEDS_CLI
def test_readme_report_builds_the_page(readme_run):
    args = command("report")
    subcommands = run_cli(["gradscope", "--help"], readme_run).stdout
    if not re.search(r"^\s+report\s", subcommands, flags=re.M):
        pytest.skip("this gradscope has no report subcommand yet")
    result = run_cli(args, readme_run)
    assert result.returncode == 0, result.stderr
    page = (readme_run / args[args.index("-o") + 1]).read_text(encoding="utf-8")
    assert "<html" in page.lower() and "<svg" in page  # a page with its figures inline
