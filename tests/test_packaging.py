"""The distribution: a wheel carries the default theme, so an installed parallax builds outside this repo."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT


@pytest.mark.slow
def test_wheel_ships_the_default_theme(tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "--wheel-dir", str(tmp_path), str(ROOT)], check=True, capture_output=True, timeout=300)
    [wheel] = tmp_path.glob("parallax_news-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    theme = {p.relative_to(ROOT / "themes").as_posix() for p in (ROOT / "themes" / "default").rglob("*") if p.is_file()}
    assert theme and {f"generator/themes/{name}" for name in theme} <= names
    data = {p.name for p in (ROOT / "generator" / "text" / "data").glob("*.t[sx][vt]")}
    assert data and {f"generator/text/data/{name}" for name in data} <= names
    modules = {p.relative_to(ROOT).as_posix() for p in (ROOT / "generator").rglob("*.py")}
    assert modules <= names  # every stage folder is a package of the wheel
    assert any(name.endswith("entry_points.txt") for name in names)
