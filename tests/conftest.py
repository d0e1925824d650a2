"""Shared fixtures: project paths, the shared corpus, and small throwaway projects."""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
SEEDS = SHARED / "seeds"
DEMO = ROOT / "content" / "meta-employee-tracking-pause"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not present")
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not present")


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """An empty Parallax project: parallax.toml and an empty content/ folder."""
    write(tmp_path / "parallax.toml", 'title = "Test site"\n')
    (tmp_path / "content").mkdir()
    return tmp_path


@pytest.fixture
def demo_project(tmp_path: Path) -> Path:
    """A copy of this repository's project with the demo story, in a temporary folder."""
    shutil.copy(ROOT / "parallax.toml", tmp_path / "parallax.toml")
    shutil.copytree(DEMO, tmp_path / "content" / DEMO.name)
    return tmp_path


@pytest.fixture
def make_story(project: Path) -> Callable[..., Path]:
    """Write a story into `project`: make_story("slug", {"a.md": "...", ...}, title="...")."""
    def make(slug: str, articles: dict[str, str], title: str = "A story", story_md: str | None = None) -> Path:
        folder = project / "content" / slug
        write(folder / "_story.md", story_md if story_md is not None else f"---\ntitle: {title}\n---\nIntro.\n")
        for name, text in articles.items():
            write(folder / name, text)
        return folder
    return make


# --- headless Chromium (Debian's /usr/bin/chromium, driven by Playwright; no browser download) -----

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                 "--disable-default-apps", "--disable-extensions"]


@pytest.fixture(scope="session")
def chromium():  # type: ignore[no-untyped-def]
    import os
    if os.environ.get("PARALLAX_SKIP_BROWSER") == "1":
        pytest.skip("PARALLAX_SKIP_BROWSER=1")
    if not CHROMIUM.exists():
        pytest.fail("/usr/bin/chromium is missing: run `make browser` (make test does it) to install Debian's chromium")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def built_demo(demo_project: Path) -> Path:
    """The demo project, built; returns its site folder."""
    from generator.build import build_site
    from generator.config import load_config
    build_site(load_config(demo_project))
    return demo_project / "site"
