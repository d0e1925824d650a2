"""axe-core finds no accessibility violation on any kind of page (WCAG 2.2 A and AA rules, and best practice)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.browser
AXE = ROOT / "tests" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
SLUG = "meta-employee-tracking-pause"
PAGES = ["index.html", f"{SLUG}/index.html", f"{SLUG}/000/index.html", f"{SLUG}/002/index.html",
         "about/index.html", "outlets/index.html", "outlets/india-today/index.html", "404.html",
         f"{SLUG}/worksheet/index.html", "tags/index.html", "tags/technology/index.html", "search/index.html"]


def axe_violations(page: Any, source: str) -> list[dict[str, Any]]:
    """axe-core run on the page as it is now: each violation with its rule, impact and first nodes."""
    page.add_script_tag(content=source)
    found: list[dict[str, Any]] = page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                       nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
    }""")
    return found


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.is_file():
        pytest.fail("axe-core is missing: run `make browser` (make test does it) to install it with npm")
    return AXE.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("width", [1280, 390])
def test_no_axe_violations(chromium: Any, built_demo: Path, axe_source: str, path: str, width: int) -> None:
    # axe is injected as a script, which the pages' own CSP forbids; only this test bypasses it.
    context = chromium.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    try:
        page = context.new_page()
        page.goto((built_demo / path).as_uri(), wait_until="load")
        result = axe_violations(page, axe_source)
        assert result == [], json.dumps(result, indent=1)
    finally:
        context.close()


def test_no_axe_violations_while_predicting_or_with_words_shown(chromium: Any, built_demo: Path, axe_source: str) -> None:
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    try:
        page = context.new_page()
        page.goto((built_demo / SLUG / "index.html").as_uri(), wait_until="load")
        page.get_by_role("button", name="Predict, then reveal").click()
        page.get_by_label("Show words to examine").check()
        result = axe_violations(page, axe_source)
        assert result == [], json.dumps(result, indent=1)
    finally:
        context.close()
