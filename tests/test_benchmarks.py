"""The benchmarks cannot rot: every workload, every alternative and the report, at a tiny size.

`make bench` runs the real thing (about twelve minutes); this runs the same code on tiny
workloads in about half a minute. Pelican and CollateX are measured only when .venv-bench
exists (`make bench` makes it); their columns then read "not installed".
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from benchmarks.bench import main as bench
from benchmarks.fuzz import INPUTS
from benchmarks.fuzz import main as fuzz

from .conftest import needs_corpus

pytestmark = [pytest.mark.slow, needs_corpus]


def test_every_workload_runs_and_the_report_is_written(tmp_path: Path) -> None:
    out = tmp_path / "docs" / "benchmarks.md"
    bench(["--smoke", "--out", str(out)])
    text = out.read_text(encoding="utf-8")
    for heading in ("## Workloads and full builds", "## Where the time goes", "## Side by side",
                    "### Aligners on the same stories", "## Growth", "## Targets"):
        assert heading in text
    for workload in ("archive", "wide", "long", "basil", "ecbplus"):
        assert f"| {workload} |" in text
    archive = next(line for line in text.splitlines() if line.startswith("| archive | "))
    assert "one edit inside `parallax serve`" in text
    assert re.search(r"\| [\d.]+ s \([\d.]+–[\d.]+\) \|$", archive), archive  # measured, not "–"
    assert "| doubling the words costs < 2.3× |" in text
    for name in ("words", "articles"):
        svg = (tmp_path / "docs" / "images" / f"bench-growth-{name}.svg").read_text(encoding="utf-8")
        assert svg.startswith("<svg") and svg.count("<circle") == 3


def test_every_hostile_input_of_the_fuzz_benchmark_builds(tmp_path: Path) -> None:
    out = tmp_path / "fuzz.md"
    fuzz(["--smoke", "--out", str(out)])
    rows = out.read_text(encoding="utf-8").splitlines()[2:]
    assert [row.split(" | ")[0].lstrip("| ") for row in rows] == [item.name for item in INPUTS]
