"""Hostile content never runs: a story made of XSS payloads is built and every page opened in Chromium.

The payloads (tests/fixtures/payloads.txt, one per line) cover the classes of
the OWASP XSS filter-evasion cheat sheet: script tags, event handlers,
javascript:/data: URLs in every attribute that takes one, entity and case
obfuscation, SVG and MathML, broken and nested HTML, CSS expressions, meta
refresh, frames and objects, Markdown links and images, and template syntax.
They go into every place an editor or a web page can put text: Markdown
bodies (as prose, raw HTML and code), a saved HTML page, every front matter
field, and the story's title, summary, tags and introduction.

The pages' Content-Security-Policy would stop most of this on its own; the
browser here bypasses it, so the test shows that the markup itself is safe.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.build import build_site
from generator.config import load_config

from .conftest import FIXTURES, write

PAYLOADS = [line for line in (FIXTURES / "payloads.txt").read_text(encoding="utf-8").splitlines() if line.strip()]
SLUG = "payloads"


def _yaml(value: str) -> str:
    return json.dumps(value)  # a JSON string is a YAML string, whatever it holds


def _sentences(variant: int) -> str:
    """One paragraph per payload, with a fact both articles share and a number that differs."""
    paragraphs = []
    for number, payload in enumerate(PAYLOADS, start=1):
        hour = 9 + number % 8 + variant
        paragraphs.append(f"Harbour gate {number} reopened at {hour} o'clock after the inspectors left. "
                          f"The notice on gate {number} read {payload} before it was taken down.")
        paragraphs.append(f"The log for gate {number} quoted ``{payload}`` word for word.")
    return "\n\n".join(paragraphs)


def _html_page() -> str:
    body = "\n".join(f"<p>Harbour gate {n} reopened at {9 + n % 8} o'clock after the inspectors left. "
                     f"The notice read {payload} today.</p>" for n, payload in enumerate(PAYLOADS, start=1))
    return ("<!doctype html><html><head><meta charset='utf-8'>"
            "<title><script>alert('title')</script>Saved page</title>"
            "<meta property='og:site_name' content=\"<img src=x onerror=alert(1)>Saved Outlet\">"
            "<meta property='og:url' content='javascript:alert(1)'>"
            "<meta name='author' content='\"><svg onload=alert(1)>'>"
            "<script>window.__pwned = 1</script></head>"
            f"<body onload='alert(1)'><article><h1>Gates reopen</h1>{body}</article></body></html>")


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("payload-project")
    write(root / "parallax.toml", 'title = "<script>alert(\'site\')</script>Payload site"\n'
                                  'description = "<img src=x onerror=alert(1)>"\n'
                                  'base_url = "https://example.org/news/"\npublish = "full"\n')
    folder = root / "content" / SLUG
    intro = "\n\n".join(PAYLOADS)
    write(folder / "_story.md", "---\n"
          f"title: {_yaml('Gates reopen <script>alert(1)</script> {{ 7*7 }}')}\n"
          f"summary: {_yaml(PAYLOADS[0] + ' ' + PAYLOADS[6])}\n"
          f"tags: [{_yaml('<svg/onload=alert(1)>')}, {_yaml('javascript:alert(1)')}]\n"
          "date: 2025-01-02\n"
          f"---\n{intro}\n")
    for index, (name, outlet) in enumerate([("first", PAYLOADS[7]), ("second", "{{ 7*7 }} Outlet")]):
        write(folder / f"{name}.md", "---\n"
              f"outlet: {_yaml(outlet)}\n"
              f"title: {_yaml(PAYLOADS[index + 10])}\n"
              f"author: {_yaml(PAYLOADS[index + 20])}\n"
              "url: https://example.org/a?q=%3Cscript%3Ealert(1)%3C/script%3E&x=\"'><img/src=x/onerror=alert(1)>\n"
              "---\n" + _sentences(index) + "\n")
    (folder / "saved.html").write_text(_html_page(), encoding="utf-8")
    result = build_site(load_config(root))
    assert not result.errors, [d.format() for d in result.errors]
    assert [s.slug for s in result.stories] == [SLUG]
    assert len(result.stories[0].articles) == 3
    return root / "site"


def _pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if ".parallax-cache" not in p.parts)


class _Guard:
    """What a page did that it must not: dialogs, requests off the site folder, errors."""

    def __init__(self, page: Any, site: Path) -> None:
        self.dialogs: list[str] = []
        self.outside: list[str] = []
        self.site = site.resolve().as_uri()

        def on_dialog(dialog: Any) -> None:
            self.dialogs.append(f"{dialog.type}: {dialog.message}")
            dialog.dismiss()

        def on_route(route: Any) -> None:
            url = route.request.url
            # 404.html is served for any missing path, so it links its assets from the server root.
            if url.startswith(self.site + "/") or (page.url.endswith("/404.html") and url.startswith("file:///news/static/")):
                route.continue_()
            else:
                self.outside.append(url)
                route.abort()

        page.on("dialog", on_dialog)
        page.route("**/*", on_route)


@pytest.fixture(scope="module")
def browser_context(chromium: Any) -> Iterator[Any]:
    context = chromium.new_context(bypass_csp=True, java_script_enabled=True)
    yield context
    context.close()


# Everything in the DOM that could run script or reach another machine.
_DOM_CHECK = r"""() => {
  const BASE = 'https://example.org/news/';
  const found = [];
  const bad = /^\s*(javascript|data|vbscript)\s*:/i;
  for (const el of document.querySelectorAll('*')) {
    const tag = el.tagName.toLowerCase();
    if (['iframe', 'frame', 'frameset', 'object', 'embed', 'base', 'form', 'button', 'input', 'textarea',
         'isindex', 'marquee', 'video', 'audio', 'source', 'math', 'animate', 'set', 'foreignobject'].includes(tag)) {
      // The theme's own controls (outlet picker, words switch, predict mode) say so, and submit nowhere.
      const control = el.hasAttribute('data-control') && !el.hasAttribute('formaction') && !el.hasAttribute('action')
        && ((tag === 'button' && el.getAttribute('type') === 'button')
            || (tag === 'input' && ['checkbox', 'search'].includes(el.getAttribute('type'))) || tag === 'form');
      if (!control) found.push('element <' + tag + '>');
    }
    if (tag === 'link') {
      const rel = el.getAttribute('rel'), href = el.getAttribute('href') || '';
      const relative = !/^\w+:|^\/\//.test(href);
      const ours = (['stylesheet', 'icon', 'alternate'].includes(rel) && relative)
        || (['canonical', 'alternate'].includes(rel) && href.startsWith(BASE));
      if (!ours) found.push('link ' + el.outerHTML.slice(0, 80));
    }
    const src = el.getAttribute('src') || '';
    if (tag === 'script' && !['static/parallax.js', 'static/search.js', 'search/index.js'].some(s => src.endsWith(s))) {
      found.push('script ' + el.outerHTML.slice(0, 80));
    }
    if (tag === 'meta' && (el.getAttribute('http-equiv') || '').toLowerCase() === 'refresh') found.push('meta refresh');
    if (tag === 'style') found.push('style element');
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('on')) found.push(tag + ' ' + name + '=' + attr.value.slice(0, 60));
      if (['href', 'src', 'action', 'formaction', 'background', 'dynsrc', 'lowsrc', 'data', 'xlink:href', 'poster',
           'srcset'].includes(name) && bad.test(attr.value)) found.push(tag + ' ' + name + '=' + attr.value.slice(0, 60));
      if (name === 'style' && /expression|url\s*\(|javascript/i.test(attr.value)) found.push(tag + ' style=' + attr.value);
      if (['href', 'src'].includes(name) && /^(https?:)?\/\//i.test(attr.value) && tag !== 'a' && tag !== 'link') {
        found.push(tag + ' loads ' + attr.value);
      }
    }
  }
  return found;
}"""


def test_the_payload_story_has_every_payload(payload_site: Path) -> None:
    assert len(PAYLOADS) >= 50
    story = (payload_site / SLUG / "index.html").read_text(encoding="utf-8")
    # The payloads are there to read, as text: the code spans keep them verbatim.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in story
    assert "<script>alert" not in story


def _problems(context: Any, site: Path, pages: list[Path]) -> dict[str, list[str]]:
    """Open each page like a reader would and list everything it did that it must not."""
    problems: dict[str, list[str]] = {}
    for path in pages:
        page = context.new_page()
        guard = _Guard(page, site)
        try:
            page.goto(path.as_uri(), wait_until="load")
            # Give any deferred or timed payload a moment, then touch everything a reader could.
            page.wait_for_timeout(100)
            page.evaluate("""() => { for (const el of document.querySelectorAll('*')) {
                for (const type of ['mouseover', 'focus', 'click', 'toggle', 'error', 'load']) {
                  if (el.tagName === 'A' && type === 'click') continue;  // links would navigate away
                  el.dispatchEvent(new Event(type));
                } } }""")
            page.wait_for_timeout(50)
            pwned = page.evaluate("() => window.__pwned")
            issues = guard.dialogs + [f"request to {u}" for u in guard.outside] + page.evaluate(_DOM_CHECK)
            if pwned is not None:
                issues.append(f"window.__pwned = {pwned!r}")
            if issues:
                problems[str(path.relative_to(site))] = issues
        finally:
            page.close()
    return problems


def test_no_page_runs_a_payload_or_reaches_another_machine(browser_context: Any, payload_site: Path) -> None:
    pages = _pages(payload_site)
    assert len(pages) >= 8, pages  # home, story, three articles, outlets, about, 404...
    problems = _problems(browser_context, payload_site, pages)
    assert problems == {}, json.dumps(problems, indent=1)


def test_the_check_catches_a_payload_that_gets_through(browser_context: Any, payload_site: Path) -> None:
    # The same check on pages a broken renderer could have written: each must be caught.
    planted = {
        "dialog.html": "<p>x</p><script>alert(1)</script>",
        "handler.html": "<img src=x onerror=\"window.__pwned = 1\">",
        "hover.html": "<p onmouseover=\"alert(1)\">x</p>",
        "remote.html": "<img src=\"http://evil.example/p.gif\">",
        "scheme.html": "<a href=\"javascript:alert(1)\">x</a>",
    }
    for name, html in planted.items():
        (payload_site / name).write_text(f"<!doctype html><title>t</title>{html}", encoding="utf-8")
    try:
        problems = _problems(browser_context, payload_site, [payload_site / name for name in planted])
    finally:
        for name in planted:
            (payload_site / name).unlink()
    assert sorted(problems) == sorted(planted), problems
    assert any(p.startswith("alert") for p in problems["dialog.html"])
    assert "window.__pwned = 1" in problems["handler.html"]
    assert "request to http://evil.example/p.gif" in problems["remote.html"]


def test_template_syntax_in_content_is_shown_not_run(payload_site: Path) -> None:
    story = (payload_site / SLUG / "index.html").read_text(encoding="utf-8")
    assert "{{ 7*7 }}" in story  # the title and an outlet name, literally
    assert "__globals__" in story and "&lt;function" not in story
    outlets = (payload_site / "outlets" / "index.html").read_text(encoding="utf-8")
    assert "{{ 7*7 }} Outlet" in outlets


def test_links_are_only_http(payload_site: Path) -> None:
    from bs4 import BeautifulSoup
    for path in _pages(payload_site):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for link in soup.find_all("a", href=True):
            href = str(link["href"])
            scheme = href.split(":", 1)[0].lower() if ":" in href.split("/", 1)[0] else ""
            assert scheme in ("", "http", "https", "mailto"), f"{path.name}: {href}"


def test_feeds_and_json_stay_well_formed(payload_site: Path) -> None:
    xhtml = "{http://www.w3.org/1999/xhtml}"
    for name in ("feed.xml", "sitemap.xml"):
        tree = ET.parse(payload_site / name)  # raises if a payload broke the XML
        assert not any(el.tag.startswith(xhtml) for el in tree.iter()), name
    data = json.loads((payload_site / SLUG / "comparison.json").read_text(encoding="utf-8"))
    texts = [s["text"] for a in data["articles"] for b in a["blocks"] for s in b["sentences"]]
    assert any("<script>alert(1)</script>" in text for text in texts)  # data keeps the text as it was


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)",
                                 "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
                                 "vbscript:msgbox(1)", "//evil.example/", "https://example.org/a b"])
def test_a_url_that_is_not_http_is_refused_with_a_clear_error(make_story: Any, project: Path, url: str) -> None:
    from generator.content.load import load_content
    make_story("s", {"a.md": f"---\noutlet: A\nurl: {_yaml(url)}\n---\nThe gate reopened at noon.\n"})
    loaded = load_content(project / "content")
    [problem] = [d for d in loaded.diagnostics if d.severity == "error"]
    assert problem.file == project / "content" / "s" / "a.md" and problem.line == 3
    assert "expected an http(s) address" in problem.message and "https://" in (problem.hint or "")
    assert loaded.failed == ["s"]
