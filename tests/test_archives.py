"""An archive of many stories: paginated index, tag pages and a search that works from a plain folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from generator.build import build_site
from generator.config import load_config

from .conftest import write


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("archive")
    write(project / "parallax.toml", 'title = "Archive"\npaginate = 10\n[align]\nsemantic = false\n')
    for n in range(1, 26):
        folder = project / "content" / f"story-{n:02d}"
        tags = "[harbour, Labour]" if n % 5 == 0 else "[council]"
        write(folder / "_story.md", f"---\ntitle: Story number {n}\ndate: 2026-01-{n:02d}\ntags: {tags}\n---\n")
        write(folder / "alpha.md", f"---\noutlet: Alpha News\ntitle: Headline about the {'ferry' if n == 7 else 'vote'}\n"
              f"---\nThe council approved plan {n} on Monday.\n")
        write(folder / "beta.md", f"---\noutlet: Beta Daily\n---\nPlan {n} was approved by the council on Monday.\n")
    build_site(load_config(project), jobs=1)
    return project / "site"


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_the_index_is_paginated_newest_first(archive: Path) -> None:
    pages = [archive / "index.html", archive / "page" / "2" / "index.html", archive / "page" / "3" / "index.html"]
    titles = [[h.get_text(strip=True) for h in _soup(p).select(".story-list h3")] for p in pages]
    assert [len(t) for t in titles] == [10, 10, 5]
    assert titles[0][0] == "Story number 25" and titles[2][-1] == "Story number 1"
    assert not (archive / "page" / "4").exists() and not (archive / "page" / "1").exists()
    middle = _soup(pages[1])
    assert middle.select_one("a[rel=prev]")["href"] == "../../index.html"
    assert middle.select_one("a[rel=next]")["href"] == "../../page/3/index.html"
    assert middle.select_one(".pager [aria-current=page]").get_text() == "2"
    assert _soup(pages[0]).select_one("a[rel=prev]") is None and _soup(pages[2]).select_one("a[rel=next]") is None
    for page in pages:  # every link of every page leads to a file of the site
        for link in _soup(page).select("a[href]"):
            href = link["href"]
            if not href.startswith(("http", "#", "mailto:")):
                assert (page.parent / href.split("#")[0]).resolve().is_file(), (page, href)


def test_tag_pages_list_their_stories_and_stories_link_their_tags(archive: Path) -> None:
    tags = _soup(archive / "tags" / "index.html")
    assert [a.get_text() for a in tags.select(".tag-list a")] == ["council", "harbour", "Labour"]
    harbour = _soup(archive / "tags" / "harbour" / "index.html")
    assert [h.get_text(strip=True) for h in harbour.select(".story-list h3")] == [
        "Story number 25", "Story number 20", "Story number 15", "Story number 10", "Story number 5"]
    council = archive / "tags" / "council"
    assert (council / "page" / "2" / "index.html").is_file()  # 20 stories, 10 a page
    story = _soup(archive / "story-05" / "index.html")
    assert [a["href"] for a in story.select(".tags a")] == ["../tags/harbour/index.html", "../tags/labour/index.html"]


@pytest.mark.browser
def test_outlet_pages_are_paginated_like_the_index(archive: Path) -> None:
    """An outlet in thousands of stories gets pages of `paginate` stories each, newest first, not one page
    listing them all."""
    pages = [archive / "outlets" / "alpha-news" / "index.html"] + [
        archive / "outlets" / "alpha-news" / "page" / str(n) / "index.html" for n in (2, 3)]
    titles = [[h.get_text(strip=True) for h in _soup(p).select(".outlet-story h2")] for p in pages]
    assert [len(t) for t in titles] == [10, 10, 5]
    assert titles[0][0] == "Story number 25" and titles[2][-1] == "Story number 1"
    first, middle = _soup(pages[0]), _soup(pages[1])
    assert "25 stories with an article from Alpha News" in first.select_one(".lede").get_text()
    assert middle.select_one("a[rel=prev]")["href"] == "../../../../outlets/alpha-news/index.html"
    assert middle.select_one(".pager")["aria-label"] == "Pages of stories with an article from Alpha News"
    assert "page 2" in middle.title.get_text()
    for page in pages:
        for link in _soup(page).select("a[href]"):
            href = link["href"]
            if not href.startswith(("http", "#", "mailto:")):
                assert (page.parent / href.split("#")[0]).resolve().is_file(), (page, href)


def test_a_large_site_gets_a_sitemap_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Past the protocol's 50,000 URLs a sitemap is split, and sitemap.xml lists the parts (here with a
    limit of 7, so that a small site shows it)."""
    import xml.etree.ElementTree as ET
    monkeypatch.setattr("generator.site.render.SITEMAP_URLS", 7)
    project = tmp_path / "big"
    write(project / "parallax.toml", 'base_url = "https://example.org/"\n[align]\nsemantic = false\n')
    for n in range(1, 6):
        write(project / "content" / f"s{n}" / "_story.md", f"---\ntitle: Story {n}\n---\n")
        write(project / "content" / f"s{n}" / "a.md", f"---\noutlet: A\n---\nPlan {n} passed on Monday.\n")
        write(project / "content" / f"s{n}" / "b.md", f"---\noutlet: B\n---\nOn Monday plan {n} passed.\n")
    build_site(load_config(project), jobs=1)
    site = project / "site"
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    index = ET.parse(site / "sitemap.xml").getroot()
    assert index.tag == f"{ns}sitemapindex"
    parts = [loc.text for loc in index.iter(f"{ns}loc")]
    assert parts == [f"https://example.org/sitemap{n}.xml" for n in range(1, len(parts) + 1)] and len(parts) >= 3
    urls = []
    for n in range(1, len(parts) + 1):
        found = [loc.text for loc in ET.parse(site / f"sitemap{n}.xml").getroot().iter(f"{ns}loc")]
        assert 0 < len(found) <= 7
        urls += found
    assert len(urls) == len(set(urls)) and "https://example.org/s3/b/" in urls and "https://example.org/" in urls
    assert (site / "robots.txt").read_text().endswith("Sitemap: https://example.org/sitemap.xml\n")


def test_search_finds_stories_from_a_plain_folder(chromium: Any, archive: Path) -> None:
    page = chromium.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    try:
        page.goto((archive / "search" / "index.html").as_uri())
        assert "25 stories" in page.locator(".search-status").inner_text()
        page.get_by_label("Words to look for").fill("ferry")  # in one story's headline only
        assert page.locator(".search-results li").count() == 1
        assert page.locator(".search-results a").inner_text() == "Story number 7"
        page.locator(".search-results a").click()
        assert page.url.endswith("story-07/index.html")
        page.go_back()
        page.get_by_label("Words to look for").fill("beta harbour")  # an outlet and a tag: every word must match
        assert page.locator(".search-results li").count() == 5
        page.get_by_label("Words to look for").fill("nothing-like-this")
        assert "No story holds every word" in page.locator(".search-status").inner_text()
    finally:
        page.close()
    assert all(url.startswith("file://") for url in requests), requests
