"""What a reader gets in a real browser (headless Debian Chromium via Playwright)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.serve import make_server

from .conftest import ARTIFACTS

pytestmark = pytest.mark.browser
SLUG = "meta-employee-tracking-pause"


@pytest.fixture
def served(built_demo: Path) -> Iterator[str]:
    httpd = make_server(built_demo, port=0, quiet=True)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


class Watch:
    """Console messages, page errors and every request a page makes."""

    def __init__(self, page: Any) -> None:
        self.console: list[str] = []
        self.requests: list[str] = []
        page.on("console", lambda m: self.console.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None)
        page.on("pageerror", lambda e: self.console.append(f"pageerror: {e}"))
        page.on("request", lambda r: self.requests.append(r.url))


def open_page(chromium: Any, url: str, width: int = 1280) -> tuple[Any, Any, Watch]:
    context = chromium.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    watch = Watch(page)
    page.goto(url, wait_until="load")
    return context, page, watch


@pytest.mark.parametrize("via", ["file", "http"])
def test_story_page_loads_cleanly_and_stays_on_this_machine(chromium: Any, built_demo: Path, served: str,
                                                            via: str) -> None:
    base = built_demo.as_uri() + "/" if via == "file" else served
    context, page, watch = open_page(chromium, f"{base}{SLUG}/index.html")
    try:
        assert page.title().startswith("Meta pauses its employee-tracking AI training programme")
        assert page.locator(".columns > .column").count() == 5
        # the stylesheet applied (no CSP or path problem): columns sit side by side
        boxes = [page.locator(".columns > .column").nth(i).bounding_box() for i in range(2)]
        assert boxes[0]["y"] == boxes[1]["y"] and boxes[1]["x"] > boxes[0]["x"]
        assert watch.console == []
        prefix = "file://" if via == "file" else served
        assert watch.requests and all(url.startswith(prefix) for url in watch.requests), watch.requests
        # following links works the same way from a folder and from a server
        page.get_by_role("link", name="All stories").click()
        page.wait_for_load_state("load")
        assert page.locator("h1").inner_text() == "Parallax"
        page.get_by_role("link", name="Meta pauses its employee-tracking AI training programme").click()
        page.locator("#col-002").get_by_text("India Today").wait_for()
        assert watch.console == []
    finally:
        context.close()


def test_removed_junk_opens_and_keyboard_reaches_content(chromium: Any, served: str) -> None:
    context, page, watch = open_page(chromium, f"{served}{SLUG}/index.html")
    try:
        # Tab first reaches the skip link, which moves focus to the main content.
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.className") == "skip-link"
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "main"
        details = page.locator("#col-001").locator("xpath=..").locator("details.removed")
        assert not details.locator("li").first.is_visible()
        details.locator("summary").click()
        assert details.locator("li").first.is_visible()
        assert details.locator("li").count() == 9
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "story-desktop.png"), full_page=False)
        assert watch.console == []
    finally:
        context.close()


def test_phone_width_stacks_columns(chromium: Any, served: str) -> None:
    context, page, _ = open_page(chromium, f"{served}{SLUG}/index.html", width=390)
    try:
        first, second = (page.locator(".columns > .column").nth(i).bounding_box() for i in range(2))
        assert second["y"] > first["y"] + first["height"] - 1
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "story-phone.png"))
    finally:
        context.close()


def test_article_page_lists_what_was_removed(chromium: Any, served: str) -> None:
    context, page, watch = open_page(chromium, f"{served}{SLUG}/002/index.html")
    try:
        assert page.locator("h1").inner_text().startswith("Meta halts AI training program")
        rows = page.locator(".removed-table tbody tr")
        assert rows.count() == 2
        assert rows.nth(0).inner_text().split("\t") == ["9", "In Short", "label"]
        assert watch.console == []
    finally:
        context.close()
