"""The built site as files: pages, links, no third-party requests, determinism, escaping."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from generator.analysis.differences import KINDS
from generator.build import build_site, check_site
from generator.config import load_config

from .conftest import write

SLUG = "meta-employee-tracking-pause"


@pytest.fixture
def site(demo_project: Path) -> Path:
    build_site(load_config(demo_project))
    return demo_project / "site"


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_clean_urls(site: Path) -> None:
    outlets = ["india-today", "source-000", "source-001", "source-003", "source-004"]
    assert sorted(str(p.relative_to(site)) for p in pages(site)) == sorted([
        "404.html", "index.html", "about/index.html", "outlets/index.html",
        *(f"outlets/{o}/index.html" for o in outlets),
        f"{SLUG}/000/index.html", f"{SLUG}/001/index.html", f"{SLUG}/002/index.html",
        f"{SLUG}/003/index.html", f"{SLUG}/004/index.html", f"{SLUG}/index.html", f"{SLUG}/worksheet/index.html",
        "search/index.html", "tags/index.html", "tags/privacy/index.html", "tags/technology/index.html",
        "tags/workplace/index.html"])
    assert not (site / "feed.xml").exists() and not (site / "sitemap.xml").exists()  # no base_url


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


def _comparison(site: Path) -> dict:  # type: ignore[type-arg]
    import json
    return json.loads((site / SLUG / "comparison.json").read_text(encoding="utf-8"))


def test_story_header_counts(site: Path) -> None:
    data = _comparison(site)
    soup = BeautifulSoup((site / SLUG / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.h1.get_text() == "Meta pauses its employee-tracking AI training programme"
    counts = [li.get_text(" ", strip=True) for li in soup.select(".counts li")]
    groups = data["groups"]
    all_five = sum(1 for g in groups if len({m["article"] for m in g["members"]}) == 5)
    assert counts == [f"{len(groups)} facts found", f"{all_five} reported by all 5",
                      f"{sum(g['status'] == 'differs' for g in groups)} worded differently",
                      f"{sum(g['status'] == 'single-source' for g in groups)} reported by one outlet only"]
    assert "Five outlets reported it." in soup.select_one(".intro").get_text()


def test_coverage_grid_has_a_row_per_fact_and_a_column_per_outlet(site: Path) -> None:
    data = _comparison(site)
    soup = BeautifulSoup((site / SLUG / "index.html").read_text(encoding="utf-8"), "html.parser")
    grid = soup.select_one("table.coverage")
    assert [th.get_text() for th in grid.select("thead th")] == [
        "Fact", "Source 000", "Source 001", "India Today", "Source 003", "Source 004"]
    rows = soup.select("table.coverage tbody tr")
    assert len(rows) == len(data["groups"])
    near = {(o["article"], p["group"]) for o in data["omissions"] for p in o["possibly_covered"]}
    by_id = {g["id"]: g for g in data["groups"]}
    # Shared facts first, the most widely reported first, then reading order; then, folded away, the facts
    # one outlet alone reports, in reading order.
    outlets = [len({m["article"] for m in by_id[row.th.a["href"][1:]]["members"]}) for row in rows]
    shared = [n for n in outlets if n >= 2]
    assert outlets[:len(shared)] == sorted(shared, reverse=True) and set(outlets[len(shared):]) == {1}
    single = soup.select_one("details.single-facts table.coverage")
    assert len(single.select("tbody tr")) == len(outlets) - len(shared)
    assert single.find_parent("details").summary.get_text().startswith(f"{len(outlets) - len(shared)} facts reported by one")
    reading = [g["id"] for g in data["groups"]]
    ids = [row.th.a["href"][1:] for row in rows]
    for start, end in ((0, len(shared)), (len(shared), len(ids))):
        part = ids[start:end]
        for a, b in itertools.pairwise(part):
            if outlets[ids.index(a)] == outlets[ids.index(b)]:
                assert reading.index(a) < reading.index(b)
    for row in rows:
        group = by_id[row.th.a["href"][1:]]
        assert soup.find(id=group["id"]) is not None
        reporting = {m["article"] for m in group["members"]}
        for cell, article in zip(row.find_all("td"), ["000", "001", "002", "003", "004"], strict=True):
            text = cell.get_text(" ", strip=True)
            if (article, group["id"]) in near:
                assert text == "◌ Possibly, in other words"
            elif article not in reporting:
                assert text == "○ Not reported"
            else:
                # A cell that differs names the weightiest kind of difference in this outlet's words.
                kinds = [d["kind"] for d in group["differences"] if any(v["article"] == article for v in d["values"])]
                if kinds:
                    kind = KINDS[min(kinds, key=lambda k: KINDS[k].weight)]
                    named = {"wording": "Worded differently", "precision": "More or less precise",
                             "opposite": "Says the opposite"}.get(kind.name, f"{kind.title} differs")
                    assert text == f"◆ {named}"
                else:
                    assert text == "● Reported"
    # the lede is reported by all five, and worded differently (a different programme name)
    assert [c.get_text(" ", strip=True)[0] for c in rows[0].find_all("td")].count("○") == 0


def test_aligned_view_marks_typed_differences_with_their_explanation(site: Path) -> None:
    data = _comparison(site)
    soup = BeautifulSoup((site / SLUG / "index.html").read_text(encoding="utf-8"), "html.parser")
    facts = soup.select("details.fact")
    assert sorted(f["id"] for f in facts) == sorted(g["id"] for g in data["groups"])
    by_id = {g["id"]: g for g in data["groups"]}
    outlets = {"000": "Source 000", "001": "Source 001", "002": "India Today", "003": "Source 003", "004": "Source 004"}
    near = {(o["article"], p["group"]) for o in data["omissions"] for p in o["possibly_covered"]}
    for fact in facts:
        group = by_id[fact["id"]]
        reporting = {m["article"] for m in group["members"]}
        cells = fact.select(".fact-cells > .cell")
        # One box per outlet that reports it (or may, in other words); the others named on one line.
        shown = [a for a in outlets if a in reporting or (a, group["id"]) in near]
        assert [c.select_one(".cell-outlet").get_text() for c in cells] == [outlets[a] for a in shown]
        absent = [outlets[a] for a in outlets if a not in shown]
        line = fact.select_one(".not-reported-by")
        if absent and len(reporting) >= 2:
            assert line.get_text(" ", strip=True) == "Not reported by " + " , ".join(absent)
        else:
            assert line is None
        assert not fact.select(".cell-missing")
    # "within hours" / "within four hours": only more precise, and said so (not a contradiction).
    marks = soup.select(".mark.mark-precision[tabindex]")
    within = [m for m in marks if m.get_text() == "within hours"]
    assert within, [m.get_text() for m in marks]
    tip = soup.find(id=within[0]["aria-describedby"])
    assert tip["role"] == "tooltip"
    assert tip.get_text().startswith("Only more precise, both can be true: Source 000 says “within hours”; "
                                     "Source 004 says “within four hours”")
    names = {m.get_text() for m in soup.select(".mark.mark-name")}
    assert {"Model Compatibility Initiative", "Model Capability Initiative"} <= names
    differences = soup.select_one(".difference-list").get_text(" ")
    assert "Compatibility" in differences and "Capability" in differences and "Tracy Clayton" in differences


def test_outlet_by_outlet_lists_omissions_and_facts_of_its_own(site: Path) -> None:
    data = _comparison(site)
    soup = BeautifulSoup((site / SLUG / "index.html").read_text(encoding="utf-8"), "html.parser")
    cards = {c.h3.get_text(): c for c in soup.select(".outlet-card")}
    assert list(cards) == ["Source 000", "Source 001", "India Today", "Source 003", "Source 004"]
    labels = {g["id"]: g["label"] for g in data["groups"]}
    for omission in data["omissions"]:
        outlet = {"000": "Source 000", "001": "Source 001", "002": "India Today", "003": "Source 003",
                  "004": "Source 004"}[omission["article"]]
        listed = [a["href"].lstrip("#") for a in cards[outlet].find_all("h4")[0].find_next("ul").find_all("a")] \
            if omission["groups"] else []
        assert listed == omission["groups"]
        assert all(labels[g] for g in listed)
        headings = {h.get_text().split(" (")[0]: h for h in cards[outlet].find_all("h4")}
        if omission["possibly_covered"]:
            near = headings["Possibly covered in other words"].find_next("ul")
            assert [a["href"].lstrip("#") for a in near.find_all("a")] == [p["group"] for p in omission["possibly_covered"]]
            assert near.find("q").get_text()  # with the sentence that may state it
    only = {h.get_text().split(" (")[0]: h for h in cards["India Today"].find_all("h4")}
    assert "Only this outlet reports" in only


def test_article_page_lists_removed_lines_with_rule_and_line(site: Path) -> None:
    soup = BeautifulSoup((site / SLUG / "001" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.h1.get_text() == "Meta Suspends Internal AI Training Programme Amid Privacy Breach"
    rows = [[td.get_text(strip=True) for td in tr.find_all("td")] for tr in soup.select(".removed-table tbody tr")]
    assert rows[0] == ["6", "Advertisement", "advertisement"]
    assert ["7", "X", "lone-letter"] in rows
    assert len(rows) == 9
    # The headline is the page title, not repeated as a heading in the text.
    assert "Meta Suspends Internal" not in soup.select_one(".article-text").get_text()


def test_article_page_marks_each_sentence_shared_or_only_here(site: Path) -> None:
    story = BeautifulSoup((site / SLUG / "index.html").read_text(encoding="utf-8"), "html.parser")
    anchors = {f["id"] for f in story.select("details.fact")}
    soup = BeautifulSoup((site / SLUG / "004" / "index.html").read_text(encoding="utf-8"), "html.parser")
    shared = soup.select(".article-text .sentence.shared")
    only = soup.select(".article-text .sentence.only-here")
    assert shared and only
    assert len(shared) + len(only) == 14
    for sentence in shared:
        link = sentence.find_next_sibling("a")
        path, fragment = link["href"].split("#")
        assert (site / SLUG / "004" / path).resolve() == (site / SLUG / "index.html").resolve()
        assert fragment in anchors
        assert link["aria-label"].startswith("Compare with other outlets: ")
    assert all("only this outlet reports this" in s.get_text() for s in only)
    # The former employee's words ("a mess") are Source 004's alone.
    assert any("a mess" in s.get_text() for s in only)


def test_index_lists_stories(site: Path) -> None:
    soup = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    [card] = soup.select(".story-card")
    assert card.a["href"] == f"{SLUG}/index.html"
    assert "India Today" in card.get_text()


def test_builds_are_byte_identical_whatever_the_hash_seed(demo_project: Path, tmp_path: Path) -> None:
    # Python orders sets of strings by a hash that changes from run to run: no page may depend on it.
    import os
    import shutil
    import subprocess
    import sys

    from .conftest import CORPUS, FIXTURES
    for story in ("port-strike", "flood-barriers", "transit-fares"):
        shutil.copytree(FIXTURES / "stories" / story, demo_project / "content" / story,
                        ignore=shutil.ignore_patterns("_expected.yaml"))
    if CORPUS.is_dir():  # many near-identical outlets: ties everywhere
        from benchmarks.workloads import generated
        generated(tmp_path / "generated", "archive", 3, 6, 300)
        for story in (tmp_path / "generated" / "content").iterdir():
            shutil.copytree(story, demo_project / "content" / story.name)
    outputs = []
    for seed in ("1", "2", "3"):
        output = tmp_path / f"seed-{seed}"
        subprocess.run([sys.executable, "-m", "generator", "build", "-q", "--output", str(output)], cwd=demo_project,
                       check=True, timeout=120, env={**os.environ, "PYTHONHASHSEED": seed})
        outputs.append({str(p.relative_to(output)): p.read_bytes() for p in output.rglob("*") if p.is_file()})
    assert outputs[0] == outputs[1] == outputs[2]


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


def test_feed_sitemap_and_canonical_links_with_a_base_url(demo_project: Path) -> None:
    import xml.etree.ElementTree as ET
    build_site(load_config(demo_project), base_url="https://example.org/news/")
    site = demo_project / "site"
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.parse(site / "feed.xml").getroot()
    # The demo story has no date, nor any of its articles: it is not put in the feed with a made-up date.
    assert feed.findall(f"{atom}entry") == []
    assert feed.find(f"{atom}link").get("href") == "https://example.org/news/feed.xml"
    urls = [u.text for u in ET.parse(site / "sitemap.xml").getroot().iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert "https://example.org/news/" in urls and f"https://example.org/news/{SLUG}/004/" in urls
    assert "https://example.org/news/about/" in urls and not any("404" in u for u in urls)
    html = (site / SLUG / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="https://example.org/news/{SLUG}/">' in html
    # pages keep relative links, so the same build also works from a sub-path and from disk
    assert 'href="../static/style.css"' in html
    not_found = (site / "404.html").read_text(encoding="utf-8")
    assert 'href="/news/static/style.css"' in not_found
    assert f'<meta property="og:url" content="https://example.org/news/{SLUG}/">' in html
    assert '<meta property="og:type" content="article">' in html and 'name="twitter:card"' in html
    assert (site / "robots.txt").read_text() == "User-agent: *\nAllow: /\nSitemap: https://example.org/news/sitemap.xml\n"


def test_the_feed_dates_a_story_by_its_newest_article_and_check_names_an_undated_one(project: Path) -> None:
    import xml.etree.ElementTree as ET
    write(project / "parallax.toml", 'title = "Site"\nbase_url = "https://example.org/"\n')
    for slug, story_date, published in (("dated", "date: 2026-03-01\n", ""), ("by-article", "", "2026-04-02"),
                                        ("undated", "", "")):
        folder = project / "content" / slug
        write(folder / "_story.md", f"---\ntitle: {slug}\n{story_date}---\n")
        write(folder / "a.md", f"---\noutlet: Alpha\n{'published: ' + published if published else ''}\n---\n"
              "The council approved the plan on Monday.\n")
    build_site(load_config(project), jobs=1)
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.parse(project / "site" / "feed.xml").getroot()
    entries = [(e.find(f"{atom}title").text, e.find(f"{atom}updated").text) for e in feed.findall(f"{atom}entry")]
    assert entries == [("by-article", "2026-04-02T00:00:00Z"), ("dated", "2026-03-01T00:00:00Z")]
    assert feed.find(f"{atom}updated").text == "2026-04-02T00:00:00Z"
    [warning] = [d for d in check_site(load_config(project)) if "no date" in d.message]
    assert "'undated'" in warning.message and warning.hint and warning.file.name == "_story.md"
