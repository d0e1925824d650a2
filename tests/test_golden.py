"""The rendered story page of a small story, compared with a golden copy a person has read.

When a change to the templates or the comparison changes this page on purpose,
run `PARALLAX_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_golden.py`, then read
the diff (`git diff tests/golden`) as a reader would before committing it.
"""

from __future__ import annotations

import difflib
import os
import shutil
from pathlib import Path

import pytest

from generator import __version__
from generator.build import build_site
from generator.config import load_config

from .conftest import FIXTURES, ROOT, write

GOLDEN = ROOT / "tests" / "golden" / "port-strike.html"


def rendered(tmp: Path) -> str:
    write(tmp / "parallax.toml", 'title = "Test site"\n')
    shutil.copytree(FIXTURES / "stories" / "port-strike", tmp / "content" / "port-strike")
    build_site(load_config(tmp))
    html = (tmp / "site" / "port-strike" / "index.html").read_text(encoding="utf-8")
    return html.replace(f"Parallax {__version__}", "Parallax VERSION")


def test_story_page_matches_the_golden_copy(tmp_path: Path) -> None:
    actual = rendered(tmp_path)
    if os.environ.get("PARALLAX_UPDATE_GOLDEN") == "1":
        GOLDEN.write_text(actual, encoding="utf-8")
        pytest.skip("golden copy rewritten: read `git diff tests/golden` before committing it")
    expected = GOLDEN.read_text(encoding="utf-8")
    if actual != expected:
        diff = difflib.unified_diff(expected.splitlines(), actual.splitlines(), "golden", "now", lineterm="", n=2)
        pytest.fail("the story page changed:\n" + "\n".join(list(diff)[:150]))
