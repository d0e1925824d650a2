"""What a reader gets in a real browser (headless Debian Chromium via Playwright)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.serve import make_server

from .conftest import ARTIFACTS

pytestmark = pytest.mark.browser
SLUG = "meta-employee-tracking-pause"
PAGES = ["index.html", f"{SLUG}/index.html", f"{SLUG}/002/index.html", "about/index.html",
         "outlets/index.html", "outlets/india-today/index.html"]


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


def open_page(chromium: Any, url: str, width: int = 1280, **options: Any) -> tuple[Any, Any, Watch]:
    context = chromium.new_context(viewport={"width": width, "height": 900}, **options)
    page = context.new_page()
    watch = Watch(page)
    page.goto(url, wait_until="load")
    return context, page, watch


def groups(site: Path) -> list[dict[str, Any]]:
    return json.loads((site / SLUG / "comparison.json").read_text(encoding="utf-8"))["groups"]  # type: ignore[no-any-return]


@pytest.mark.parametrize("via", ["file", "http"])
def test_pages_load_cleanly_and_stay_on_this_machine(chromium: Any, built_demo: Path, served: str, via: str) -> None:
    base = built_demo.as_uri() + "/" if via == "file" else served
    prefix = "file://" if via == "file" else served
    for path in PAGES:
        context, page, watch = open_page(chromium, base + path)
        try:
            assert watch.console == [], (path, watch.console)
            assert watch.requests and all(url.startswith(prefix) for url in watch.requests), watch.requests
            assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith("system-ui")
        finally:
            context.close()


def test_grid_rows_link_to_aligned_rows(chromium: Any, built_demo: Path) -> None:
    expected = groups(built_demo)
    context, page, watch = open_page(chromium, built_demo.as_uri() + f"/{SLUG}/index.html")
    try:
        rows = page.locator("table.coverage tbody tr")
        assert rows.count() == len(expected)
        assert page.locator("details.fact").count() == len(expected)
        first = rows.nth(0)
        assert first.locator("td").count() == 5
        assert first.locator("td .cov-text").all_inner_texts()[0] in ("Reported", "Name differs", "Source differs")
        # A row links to its fact, which opens (folded facts stay one click away).
        row = rows.nth(3)
        target = row.locator("th a").get_attribute("href")[1:]
        assert not page.locator(f"#{target}").evaluate("e => e.open")
        row.locator("th a").click()
        page.wait_for_function(f"location.hash === '#{target}'")
        assert page.locator(f"#{target}").evaluate("e => e.open")
        assert page.locator(f"#{target}").evaluate("e => e.getBoundingClientRect().top") < 200
        assert page.locator(f"#{target} .cell").first.is_visible()
        # A fact only one outlet reports is folded twice (the list of them, then the fact): a link opens both.
        single = next(g["id"] for g in expected if len({m["article"] for m in g["members"]}) == 1)
        page.locator(f'table.coverage th a[href="#{single}"]').evaluate("e => e.closest('details').open = true")
        page.locator(f'table.coverage th a[href="#{single}"]').click()
        page.wait_for_function(f"location.hash === '#{single}'")
        assert page.locator(f"#{single} .cell").first.is_visible()
        assert watch.console == []
    finally:
        context.close()


def test_keyboard_reaches_content_and_typed_marks_explain_themselves(chromium: Any, served: str) -> None:
    context, page, watch = open_page(chromium, f"{served}{SLUG}/index.html")
    try:
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.className") == "skip-link"
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "main"
        # Focus order then follows the page: first link in main is the first outlet in the header.
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == "Source 000"
        mark = page.locator(".mark.mark-precision[tabindex]", has_text="within hours").first
        tip = page.locator(f"#{mark.get_attribute('aria-describedby')}")
        assert not tip.is_visible()
        mark.locator("xpath=ancestor::details[1]/summary").click()  # open the fact
        mark.focus()
        assert tip.is_visible()
        assert tip.inner_text().startswith("Only more precise, both can be true: Source 000 says “within hours”")
        page.keyboard.press("Escape")
        assert not tip.is_visible()
        page.keyboard.press("Tab")  # on to the next mark: its explanation shows
        assert page.evaluate("document.activeElement.classList.contains('mark')")
        # hovering shows an explanation too
        page.mouse.move(0, 0)
        mark.hover()
        assert tip.is_visible()
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "story-tooltip.png"))
        assert watch.console == []
    finally:
        context.close()


@pytest.mark.parametrize("path", PAGES)
def test_reflows_at_320_css_pixels(chromium: Any, served: str, path: str) -> None:
    """WCAG 1.4.10: at 320 px (1280 px at 400% zoom) nothing but data tables scrolls sideways."""
    context, page, _ = open_page(chromium, served + path, width=320)
    try:
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
    finally:
        context.close()


def test_phone_width_stacks_each_fact_with_outlet_labels(chromium: Any, served: str) -> None:
    context, page, _ = open_page(chromium, f"{served}{SLUG}/index.html", width=390)
    try:
        page.locator("details.fact summary").first.click()
        cells = page.locator("details.fact").first.locator(".cell")
        first, second = cells.nth(0).bounding_box(), cells.nth(1).bounding_box()
        assert second["y"] >= first["y"] + first["height"] - 1
        assert cells.nth(1).locator(".cell-outlet").is_visible()
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "story-phone.png"))
    finally:
        context.close()


def test_reader_chooses_outlets_and_the_choice_is_kept(chromium: Any, served: str) -> None:
    context, page, watch = open_page(chromium, f"{served}{SLUG}/index.html")
    try:
        picker = page.locator(".outlet-picker")
        assert picker.is_visible()
        page.get_by_role("button", name="Open every fact").click()
        assert page.locator('.cell[data-outlet="003"]').first.is_visible()
        page.get_by_role("checkbox", name="Source 003").uncheck()
        assert page.locator('.cell[data-outlet="003"]').first.is_hidden()
        assert page.locator('table.coverage th[data-outlet="003"]').first.is_hidden()
        assert page.locator('.cell[data-outlet="004"]').first.is_visible()
        page.reload()
        page.get_by_role("button", name="Open every fact").click()
        assert not page.get_by_role("checkbox", name="Source 003").is_checked()
        assert page.locator('.cell[data-outlet="003"]').first.is_hidden()
        # The last outlet cannot be switched off.
        for outlet in ("Source 000", "Source 001", "India Today"):
            page.get_by_role("checkbox", name=outlet).uncheck()
        page.get_by_role("checkbox", name="Source 004").click()
        assert page.get_by_role("checkbox", name="Source 004").is_checked()
        assert page.locator('.outlet-picker input:checked').count() == 1
        assert watch.console == []
    finally:
        context.close()


def test_without_javascript_everything_is_there(chromium: Any, served: str) -> None:
    context, page, _ = open_page(chromium, f"{served}{SLUG}/index.html", java_script_enabled=False)
    try:
        assert page.locator(".outlet-picker").is_hidden()
        # Facts are folded; a click on one opens it, no script needed.
        fact = page.locator("details.fact", has=page.locator('.cell[data-outlet="003"]')).first
        fact.locator("summary").click()
        assert fact.locator('.cell[data-outlet="003"]').first.is_visible()
        mark = page.locator(".mark.mark-name[tabindex]").first
        around = mark.locator("xpath=ancestor::details[1]")
        if not around.evaluate("d => d.open"):
            around.locator("summary").click()
        mark.focus()
        assert page.locator(f"#{mark.get_attribute('aria-describedby')}").is_visible()
    finally:
        context.close()


def test_print_keeps_marks_without_colour(chromium: Any, served: str) -> None:
    context, page, _ = open_page(chromium, f"{served}{SLUG}/index.html")
    try:
        page.emulate_media(media="print")
        styles = page.evaluate("""() => Object.fromEntries(['number', 'date', 'name', 'quote', 'attribution']
            .map(kind => { const e = document.querySelector('.mark-' + kind);
                           return [kind, e ? getComputedStyle(e).textDecorationStyle : null]; }))""")
        present = {k: v for k, v in styles.items() if v}
        assert len(set(present.values())) == len(present) >= 4, styles
        assert page.locator(".site-nav").is_hidden() and page.locator(".outlet-picker").is_hidden()
        assert page.evaluate("getComputedStyle(document.querySelector('.cov-text')).color") == "rgb(0, 0, 0)"
        # Printing opens every fold, so the paper holds every fact; after printing they fold again.
        folded = page.locator("details:not([open])").count()
        assert folded > 0
        page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
        assert page.locator("details:not([open])").count() == 0
        pdf = page.pdf(format="A4")
        assert pdf[:4] == b"%PDF"
        ARTIFACTS.mkdir(exist_ok=True)
        (ARTIFACTS / "story-a4.pdf").write_bytes(pdf)
        (ARTIFACTS / "story-letter.pdf").write_bytes(page.pdf(format="Letter"))
        page.evaluate("window.dispatchEvent(new Event('afterprint'))")
        assert page.locator("details:not([open])").count() == folded
    finally:
        context.close()


def test_article_page_lists_what_was_removed(chromium: Any, served: str) -> None:
    context, page, watch = open_page(chromium, f"{served}{SLUG}/002/index.html")
    try:
        assert page.locator("h1").inner_text().startswith("Meta halts AI training program")
        rows = page.locator(".removed-table tbody tr")
        assert rows.count() == 2
        assert rows.nth(0).inner_text().split("\t") == ["9", "In Short", "label"]
        page.locator(".fact-link").first.click()
        page.wait_for_url(f"**/{SLUG}/index.html#*")
        assert watch.console == []
    finally:
        context.close()


def test_screenshots_for_people_to_look_at(chromium: Any, served: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    for width, name in ((1280, "desktop"), (390, "phone")):
        context, page, _ = open_page(chromium, f"{served}{SLUG}/index.html", width=width)
        try:
            page.screenshot(path=str(ARTIFACTS / f"story-top-{name}.png"))
            page.locator("#side-by-side").scroll_into_view_if_needed()
            page.screenshot(path=str(ARTIFACTS / f"story-side-by-side-{name}.png"))
            page.goto(f"{served}{SLUG}/index.html#coverage")
            page.screenshot(path=str(ARTIFACTS / f"story-coverage-{name}.png"))
        finally:
            context.close()


def _background(page: Any, selector: str) -> str:
    return page.evaluate(f"getComputedStyle(document.querySelector({json.dumps(selector)})).backgroundColor")


def test_predict_then_reveal_hides_the_findings_until_asked(chromium: Any, served: str) -> None:
    context, page, watch = open_page(chromium, f"{served}{SLUG}/index.html")
    try:
        shaded = _background(page, "#side-by-side .w-differs")
        assert shaded != "rgba(0, 0, 0, 0)"
        page.get_by_role("button", name="Predict, then reveal").click()
        assert "predict=1" in page.url  # a teacher can share the link in this mode
        assert page.locator(".predict-bar").is_visible()
        assert page.get_by_role("button", name="Predict, then reveal").is_hidden()
        # The grid asks instead of telling; the highlights and the findings are hidden.
        assert page.locator("#coverage td.cov .sym").first.evaluate("e => getComputedStyle(e).visibility") == "hidden"
        assert page.locator("#coverage td.cov").first.evaluate("e => getComputedStyle(e, '::after').content") == '"?"'
        assert _background(page, "#side-by-side .w-differs") == "rgba(0, 0, 0, 0)"
        assert page.locator("#side-by-side .fact-status").first.is_hidden()
        assert page.locator(".difference-list").is_hidden()
        assert page.locator("#quotations .quotation").first.is_hidden()
        assert page.locator("#sources .sources-table").is_hidden()
        assert page.locator("#differences .reveal p").inner_text().startswith("Which numbers, dates, names")
        # Reveal one part: it shows, and the others stay hidden.
        page.get_by_role("button", name="Reveal differences").click()
        assert page.locator(".difference-list").is_visible()
        assert page.evaluate("document.activeElement.id") == "differences-heading"
        assert page.locator("#quotations .quotation").first.is_hidden()
        assert _background(page, "#side-by-side .w-differs") == "rgba(0, 0, 0, 0)"
        page.get_by_role("button", name="Reveal everything").click()
        assert page.locator("#quotations .quotation").first.is_visible()
        assert _background(page, "#side-by-side .w-differs") == shaded
        assert page.locator("#coverage td.cov .sym").first.evaluate("e => getComputedStyle(e).visibility") == "visible"
        page.get_by_role("button", name="Leave predict mode").click()
        assert page.get_by_role("button", name="Predict, then reveal").is_visible()
        assert "predict" not in page.url
        # Opened with ?predict, the page starts hidden.
        page.goto(f"{served}{SLUG}/index.html?predict")
        assert page.locator(".difference-list").is_hidden() and page.locator(".predict-bar").is_visible()
        assert watch.console == []
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "predict-mode.png"))
    finally:
        context.close()


def test_words_to_examine_are_off_until_switched_on_and_the_choice_is_kept(chromium: Any, served: str) -> None:
    context, page, watch = open_page(chromium, f"{served}{SLUG}/index.html")
    try:
        word = "#side-by-side .facts .wte-loaded"
        decoration = f"getComputedStyle(document.querySelector('{word}')).textDecorationLine"
        assert page.evaluate(decoration) == "none"
        assert page.locator(f"{word} .wte-note").first.evaluate("e => getComputedStyle(e).display") == "none"
        page.get_by_label("Show words to examine").first.check()
        assert page.evaluate(decoration) == "underline"
        # Screen readers get the category, in words.
        note = page.locator(f"{word} .wte-note").first
        assert note.evaluate("e => getComputedStyle(e).display") != "none"
        assert note.text_content() in (" (loaded word)", " (loaded word, in a quotation)")
        page.goto(f"{served}{SLUG}/003/index.html")
        assert page.get_by_label("Show words to examine").is_checked()
        assert page.evaluate("getComputedStyle(document.querySelector('.article-text .wte-loaded')).textDecorationLine") == "underline"
        assert watch.console == []
    finally:
        context.close()


def test_words_switch_works_without_javascript(chromium: Any, served: str) -> None:
    context, page, _ = open_page(chromium, f"{served}{SLUG}/003/index.html", java_script_enabled=False)
    try:
        selector = "getComputedStyle(document.querySelector('.article-text .wte-hedge')).textDecorationLine"
        assert page.evaluate(selector) == "none"
        page.get_by_label("Show words to examine").check()
        assert page.evaluate(selector) == "underline"
        assert page.get_by_role("button", name="Predict, then reveal").count() == 0 or \
            page.locator(".predict-start").is_hidden()
    finally:
        context.close()


def test_first_screen_shows_headlines_the_glance_and_the_grid(chromium: Any, built_demo: Path, served: str) -> None:
    data = json.loads((built_demo / SLUG / "comparison.json").read_text(encoding="utf-8"))
    context, page, watch = open_page(chromium, f"{served}{SLUG}/index.html")
    try:
        def top(selector: str) -> float:
            return float(page.locator(selector).evaluate("e => e.getBoundingClientRect().top + scrollY"))

        assert top("#at-a-glance") + page.locator("#at-a-glance").bounding_box()["height"] <= 900
        assert top("#coverage") < 900  # the grid starts on the first screen
        headlines = page.locator(".headline-list li").all_inner_texts()
        assert any("Meta Suspends Internal AI Training Programme" in h for h in headlines)
        assert page.locator(".headlines .no-headline").inner_text().startswith("No headline in the text: Source 000")
        # What all five report: the fact whose members come from every article.
        everyone = [g for g in data["groups"] if len({m["article"] for m in g["members"]}) == len(data["articles"])]
        listed = page.locator(".glance-facts a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
        assert listed == [f"#{g['id']}" for g in everyone][:3]
        assert page.locator(".glance h3").first.inner_text() == "All 5 outlets report"
        # The differences are ranked: nothing only more precise comes before a different value.
        kinds = page.locator(".glance-differences .kind").evaluate_all("e => e.map(k => k.className.split('kind-')[1])")
        order = ["opposite", "number", "date", "name", "counted", "attribution", "quote", "wording", "precision"]
        weights = {"opposite": 0, "number": 1, "date": 1, "name": 1, "counted": 1, "attribution": 2, "quote": 2,
                   "wording": 3, "precision": 4}
        assert kinds and all(k in order for k in kinds) and [weights[k] for k in kinds] == sorted(weights[k] for k in kinds)
        # Each outlet's counts are the comparison's.
        for omission in data["omissions"]:
            cells = page.locator(f'.glance-outlets tr[data-outlet="{omission["article"]}"] td').all_inner_texts()
            assert int(cells[1]) == len(omission["groups"]) and int(cells[2]) == len(omission["possibly_covered"])
        assert watch.console == []
    finally:
        context.close()


@pytest.mark.parametrize(("width", "limit"), [(1280, 12_000), (390, 30_000)])
def test_story_page_is_short_and_every_fact_stays_reachable(chromium: Any, built_demo: Path, served: str,
                                                             width: int, limit: int) -> None:
    context, page, _ = open_page(chromium, f"{served}{SLUG}/index.html", width=width)
    try:
        assert page.evaluate("document.documentElement.scrollHeight") < limit
        for group in groups(built_demo):
            assert page.locator(f'table.coverage th a[href="#{group["id"]}"]').count() == 1
            assert page.locator(f"details.fact#{group['id']}").count() == 1
    finally:
        context.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_no_column_is_cut_off(chromium: Any, served: str, width: int) -> None:
    """Every table fits its box, or (on a phone) keeps its first column in view while the rest scrolls."""
    context, page, _ = open_page(chromium, f"{served}{SLUG}/index.html", width=width)
    try:
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        tables = page.evaluate("""() => Array.from(document.querySelectorAll('main table')).map(t => {
            const box = t.closest('.table-scroll') || t.parentElement;
            const first = t.querySelector('tbody th, tbody td');
            return {name: t.className, fits: t.scrollWidth <= box.clientWidth + 1,
                    sticky: first ? getComputedStyle(first).position === 'sticky' : false}; })""")
        assert tables
        for table in tables:
            assert table["fits"] or (width < 500 and table["sticky"]), table
    finally:
        context.close()


def test_the_worksheet_fits_a_phone(chromium: Any, served: str) -> None:
    context, page, _ = open_page(chromium, f"{served}{SLUG}/worksheet/index.html", width=390)
    try:
        widths = page.evaluate("""() => [document.documentElement.scrollWidth, document.documentElement.clientWidth,
            ...Array.from(document.querySelectorAll('table')).map(t => t.scrollWidth - t.closest('.table-scroll').clientWidth)]""")
        page_width, screen, *overflow = widths
        assert page_width <= screen, widths  # was 463 px on a 390 px phone
        assert overflow and all(o <= 1 for o in overflow), widths
    finally:
        context.close()


def test_a_project_overriding_only_base_html_gets_a_working_page(chromium: Any, demo_project: Path) -> None:
    """A newsroom copies one template (base.html, with its own banner): every other template comes from the
    built-in theme, and the pages work in a browser: the story's sections, its scripts, no errors."""
    from generator.build import build_site
    from generator.config import load_config

    base = (Path(__file__).resolve().parent.parent / "themes" / "default" / "templates" / "base.html").read_text(
        encoding="utf-8")
    (demo_project / "themes" / "default" / "templates").mkdir(parents=True)
    (demo_project / "themes" / "default" / "templates" / "base.html").write_text(
        base.replace("<body", '<body data-newsroom="ours"', 1).replace(
            "<main", '<p class="newsroom-banner">The Valley Gazette</p><main', 1), encoding="utf-8")
    build_site(load_config(demo_project))
    context, page, watch = open_page(chromium, (demo_project / "site" / SLUG / "index.html").as_uri())
    try:
        assert page.locator(".newsroom-banner").inner_text() == "The Valley Gazette"
        assert page.get_by_role("heading", name="At a glance").is_visible()
        page.get_by_role("button", name="Predict, then reveal").click()  # the built-in theme's script runs
        assert page.get_by_role("button", name="Reveal everything").is_visible()
        assert watch.console == []
    finally:
        context.close()
