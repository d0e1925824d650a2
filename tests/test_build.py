"""The built site as files: pages, links, no third-party requests, determinism, escaping."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from generator.build import build_site
from generator.config import load_config

SLUG = "meta-employee-tracking-pause"


@pytest.fixture
def site(demo_project: Path) -> Path:
    build_site(load_config(demo_project))
    return demo_project / "site"


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_clean_urls(site: Path) -> None:
    assert sorted(str(p.relative_to(site)) for p in pages(site)) == [
        "404.html", "index.html", f"{SLUG}/000/index.html", f"{SLUG}/001/index.html", f"{SLUG}/002/index.html",
        f"{SLUG}/003/index.html", f"{SLUG}/004/index.html", f"{SLUG}/index.html"]


def test_every_internal_link_resolves_and_nothing_is_fetched_from_elsewhere(site: Path) -> None:
    for page in pages(site):
        if page.name == "404.html":
            continue  # its links start from the server root, checked in test_serve
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.find_all(["a", "link", "script", "img", "source", "iframe", "video", "audio"]):
            attr = "href" if tag.name in ("a", "link") else "src"
            url = tag.get(attr)
            if url is None:
                continue
            parts = urlsplit(url)
            if parts.scheme or url.startswith("//"):
                # Only plain links to an original article may leave the site; nothing is loaded from elsewhere.
                assert tag.name == "a" and parts.scheme in ("http", "https"), (page, url)
                continue
            if not parts.path:
                continue
            target = (page.parent / parts.path).resolve()
            assert target.is_file(), f"{page.relative_to(site)} links to missing {url}"
            if parts.fragment and target.suffix == ".html":
                assert f'id="{parts.fragment}"' in target.read_text(encoding="utf-8")
        assert not re.search(r"url\(\s*['\"]?(?:https?:)?//", page.read_text(encoding="utf-8"))
    css = (site / "static" / "style.css").read_text(encoding="utf-8")
    assert "@import" not in css and not re.search(r"url\(\s*['\"]?(?:https?:)?//", css)


def test_pages_carry_a_content_security_policy(site: Path) -> None:
    for page in pages(site):
        head = page.read_text(encoding="utf-8").split("</head>")[0]
        assert 'http-equiv="Content-Security-Policy"' in head
        assert "default-src 'none'" in head


def test_story_page_shows_the_articles_side_by_side_with_removed_junk(site: Path) -> None:
    soup = BeautifulSoup((site / SLUG / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.h1.get_text() == "Meta pauses its employee-tracking AI training programme"
    columns = soup.select(".columns > .column")
    assert [c.select_one(".outlet").get_text() for c in columns] == [
        "Source 000", "Source 001", "India Today", "Source 003", "Source 004"]
    removed = {c.select_one(".outlet").get_text(): [li.get_text(" ", strip=True) for li in c.select(".removed li")]
               for c in columns}
    assert removed["Source 001"][:2] == ["Advertisement advertisement", "X lone-letter"]
    assert removed["India Today"] == ["In Short label", "- Ends end-marker"]
    assert removed["Source 004"] == []
    text = columns[1].select_one(".article-text").get_text(" ")
    assert "Advertisement" not in text and "File Photo" not in text
    assert "Security Flaw Timeline" in [h.get_text() for h in columns[1].select(".article-text h5, .article-text h4")]
    assert "Five outlets reported it." in soup.select_one(".intro").get_text()


def test_article_page_lists_removed_lines_with_rule_and_line(site: Path) -> None:
    soup = BeautifulSoup((site / SLUG / "001" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.h1.get_text() == "Meta Suspends Internal AI Training Programme Amid Privacy Breach"
    rows = [[td.get_text(strip=True) for td in tr.find_all("td")] for tr in soup.select(".removed-table tbody tr")]
    assert rows[0] == ["6", "Advertisement", "advertisement"]
    assert ["7", "X", "lone-letter"] in rows
    assert len(rows) == 9
    # The headline is the page title, not repeated as a heading in the text.
    assert "Meta Suspends Internal" not in soup.select_one(".article-text").get_text()


def test_index_lists_stories(site: Path) -> None:
    soup = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    [card] = soup.select(".story-card")
    assert card.a["href"] == f"{SLUG}/index.html"
    assert "India Today" in card.get_text()


def test_two_builds_are_byte_identical(demo_project: Path, tmp_path: Path) -> None:
    config = load_config(demo_project)
    first, second = tmp_path / "one", tmp_path / "two"
    build_site(config, output=first)
    build_site(config, output=second)
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    for relative in files:
        assert (first / relative).read_bytes() == (second / relative).read_bytes(), relative


def test_article_text_is_shown_as_text_never_as_markup(make_story: Callable[..., Path], project: Path) -> None:
    make_story("tricky", {
        "a.md": "---\noutlet: <b>Bold</b> News\ntitle: \"<img src=x onerror=alert(1)>\"\n---\n"
                "The <script>alert(1)</script> tag was in the text. A {{ template }} too.\n"})
    build_site(load_config(project))
    for page in (project / "site").rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "<script>" not in html and "<img src=x" not in html and "<b>Bold</b>" not in html
    story_page = (project / "site" / "tricky" / "index.html").read_text(encoding="utf-8")
    assert "&lt;b&gt;Bold&lt;/b&gt; News" in story_page
    assert "{{ template }}" in story_page


def test_intro_markdown_is_rendered_safely(make_story: Callable[..., Path], project: Path) -> None:
    make_story("intro", {"a.md": "---\noutlet: A\n---\nText.\n"},
               story_md="---\ntitle: T\n---\nSee [the report](https://example.org/r) and "
                        "[this](javascript:alert(1)).\n\n<script>alert(2)</script>\n\n![chart](https://cdn.example.org/c.png)\n")
    build_site(load_config(project))
    soup = BeautifulSoup((project / "site" / "intro" / "index.html").read_text(encoding="utf-8"), "html.parser")
    intro = soup.select_one(".intro")
    assert [a["href"] for a in intro.find_all("a")] == ["https://example.org/r"]
    assert intro.find("script") is None and intro.find("img") is None
    assert "<script>alert(2)</script>" in intro.get_text()
