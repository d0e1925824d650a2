"""The classroom tools: the printable worksheet, the grid as CSV, and the story page's quotation and
source sections as a reader sees them."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from generator.build import build_site
from generator.config import load_config

from .conftest import write

SLUG = "meta-employee-tracking-pause"


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_worksheet_asks_about_the_name_and_the_launch_date(built_demo: Path) -> None:
    sheet = _soup(built_demo / SLUG / "worksheet" / "index.html")
    questions = [li.get_text(" ", strip=True) for li in sheet.select(".sheet-questions li")]
    name = [q for q in questions if "“Model Compatibility Initiative”" in q and "“Model Capability Initiative”" in q]
    # "in April" / "in April 2026": only more precise, and asked about as such
    april = [q for q in questions if "“in April”" in q and "“in April 2026”" in q]
    assert len(name) == 1 and "Which name is right" in name[0]
    assert len(april) == 1 and april[0].startswith("Source 000 and Source 004 say “in April”; Source 001 says")
    assert "Which is more precise" in april[0]
    # The editor's own questions from _story.md come last.
    assert questions[-2].startswith("Only one of the five articles names its outlet")
    assert len(questions) == 12
    assert len(set(questions)) == len(questions)


def test_worksheet_grid_has_the_shared_facts(built_demo: Path) -> None:
    sheet = _soup(built_demo / SLUG / "worksheet" / "index.html")
    header = [th.get_text(strip=True) for th in sheet.select(".sheet-grid thead th")]
    assert header == ["Fact", "Source 000", "Source 001", "India Today", "Source 003", "Source 004"]
    rows = sheet.select(".sheet-grid tbody tr")
    # 18 facts are shared; the 6 the aligner groups with confidence under 0.6, unchecked by an editor,
    # stay off the sheet (their links were right 73% of the time on the gold stories, against 89%).
    assert len(rows) == 12
    first = [td.select_one("span").get_text() for td in rows[0].select("td")]
    assert set(first) <= {"●", "◆", "◌", "○"} and len(first) == 5
    text = " ".join(sheet.get_text().split())
    assert "30 more facts are reported by one outlet only" in text
    assert "6 shared facts are left off because the software is not sure" in text


@pytest.mark.browser
@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_worksheet_prints_on_two_pages_or_fewer(chromium: Any, built_demo: Path, paper: str) -> None:
    page = chromium.new_page()
    try:
        page.goto((built_demo / SLUG / "worksheet" / "index.html").as_uri())
        pdf = page.pdf(format=paper)
    finally:
        page.close()
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    assert 1 <= pages <= 2, pages


def test_grid_csv_opens_in_a_spreadsheet(built_demo: Path) -> None:
    data = (built_demo / SLUG / "grid.csv").read_bytes()
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    outlets = ["Source 000", "Source 001", "India Today", "Source 003", "Source 004"]
    assert rows[0] == ["fact", "label", "reported by", *outlets, *[f"{o}: words" for o in outlets]]
    assert len(rows) == 1 + 48
    states = {cell for row in rows[1:] for cell in row[3:8]}
    assert states == {"reported", "worded differently", "possibly, in other words", "not reported"}
    by_id = {row[0]: row for row in rows[1:]}
    found = next(row for row in rows[1:] if "within four hours" in row[12] and "within hours" in row[8])
    assert found[2] == "3" and found[3:8] == ["worded differently", "worded differently", "not reported",
                                              "not reported", "worded differently"]
    assert all(row[0] in by_id for row in rows[1:])


def test_an_outlet_that_may_state_a_fact_in_other_words_is_not_said_to_leave_it_out(built_demo: Path) -> None:
    comparison = json.loads((built_demo / SLUG / "comparison.json").read_text(encoding="utf-8"))
    texts = {s["id"]: s["text"] for a in comparison["articles"] for b in a["blocks"] for s in b["sentences"]}
    column = {a["id"]: 3 + i for i, a in enumerate(comparison["articles"])}
    rows = {row[0]: row for row in csv.reader(io.StringIO((built_demo / SLUG / "grid.csv").read_text("utf-8-sig")))}
    possibly = [(o["article"], p) for o in comparison["omissions"] for p in o["possibly_covered"]]
    assert possibly
    for article, claim in possibly:
        row = rows[claim["group"]]
        assert row[column[article]] == "possibly, in other words"
        assert row[column[article] + len(column)] == texts[claim["sentence"]]  # the sentence to check it by
    page = (built_demo / SLUG / "index.html").read_text(encoding="utf-8")
    assert page.count('class="cov cov-possibly"') == len(possibly)


def test_grid_csv_cells_cannot_run_as_formulas(make_story: Any, project: Path) -> None:
    make_story("s", {"a.md": "---\noutlet: '=HYPERLINK(\"http://evil.example\")'\n---\n=1+2 the council approved it.\n",
                     "b.md": "---\noutlet: '@B'\n---\n+1 the council approved it.\n"})
    build_site(load_config(project))
    rows = list(csv.reader(io.StringIO((project / "site" / "s" / "grid.csv").read_text(encoding="utf-8-sig"))))
    cells = [cell for row in rows for cell in row]
    assert not any(cell[:1] in ("=", "+", "-", "@") for cell in cells), cells
    assert "'=HYPERLINK(\"http://evil.example\")" in cells


def test_story_page_shows_quotations_side_by_side(built_demo: Path) -> None:
    page = _soup(built_demo / SLUG / "index.html")
    section = page.select_one("#quotations")
    first = section.select_one(".quotation")
    assert "carefully designed this programme" in first.select_one("h3").get_text()
    rows = {tr.select_one("th").get_text(strip=True): [td.get_text(" ", strip=True) for td in tr.select("td")]
            for tr in first.select("tbody tr")}
    assert rows["Source 000"][0] == "Verbatim" and rows["Source 000"][2] == "a company spokesperson"
    assert rows["Source 001"][2] == "Meta spokesperson Tracy Clayton"
    assert rows["India Today"][0] == "Verbatim spelling differs" and rows["India Today"][2] == "the spokesperson"
    assert rows["Source 004"][0] == "Paraphrased"
    kasriel = section.select(".quotation")[1]
    assert "he (= Stephane Kasriel)" in kasriel.get_text(" ", strip=True)


def test_story_page_lists_sources_with_a_diagram_and_its_text(built_demo: Path) -> None:
    page = _soup(built_demo / SLUG / "index.html")
    section = page.select_one("#sources")
    names = {th.get_text(strip=True): th.find_parent("tr").select_one(".source-kind").get_text()
             for th in section.select(".sources-table th[scope=row]")}
    for outlet in ("Reuters", "Indian Express", "Wired", "Business Insider"):
        assert names[outlet] == "News outlet"
    svg = section.select_one("figure svg")
    assert svg["role"] == "img" and svg.select_one("title").get_text() == "Who cites whom"
    labels = [t.get_text() for t in svg.select("text")]
    assert "Reuters" in labels and "India Today" in labels
    assert section.select_one("figcaption")


def test_words_to_examine_are_in_the_page_but_off(built_demo: Path) -> None:
    page = _soup(built_demo / SLUG / "index.html")
    toggle = page.select_one("#show-words")
    assert toggle is not None and not toggle.has_attr("checked")
    marked = {span.contents[0].strip().lower(): span["class"][1] for span in page.select("span.wte")
              if span.find_parent(class_="wte-legend") is None}
    assert marked["controversial"] == "wte-loaded" and marked["reportedly"] == "wte-hedge"
    about = _soup(built_demo / "about" / "index.html")
    assert "Recasens" in about.select_one("#lexicon-source-recasens2013").get_text()
    assert "Words to watch" in about.select_one("#lexicon-source-wp-wtw").get_text()


def test_editor_questions_are_checked_like_any_field(make_story: Any, project: Path) -> None:
    from generator.content.load import load_content
    make_story("s", {"a.md": "---\noutlet: A\n---\nText.\n"}, story_md="---\ntitle: T\nquestions: Why?\n---\n")
    [problem] = [d for d in load_content(project / "content").diagnostics if d.severity == "error"]
    assert problem.message.startswith("questions: expected a list") and problem.line == 3
    write(project / "content" / "s" / "_story.md", "---\ntitle: T\nquestions:\n  - Why?\n  - How?\n---\n")
    assert load_content(project / "content").stories[0].questions == ["Why?", "How?"]


@pytest.mark.browser
def test_on_paper_every_outlets_column_fits_the_page(chromium: Any, make_story: Any, project: Path) -> None:
    # ECB+: six outlets named by their sites ("democraticunderground.com") made the printed grids wider than
    # the page, and the last outlets' columns were cut off.
    names = ["democraticunderground.com", "articles.latimes.com", "news.softpedia.com", "usatoday30.usatoday.com",
             "entertainment.inquirer.net", "thehollywoodreporter.com"]
    make_story("quake", {f"o{i}.md": f"---\noutlet: {name}\n---\nA powerful earthquake hit southern Iran on Sunday, "
                                     f"killing at least 10 people.\n\nThe quake destroyed seven villages.\n"
                         for i, name in enumerate(names)})
    build_site(load_config(project))
    page = chromium.new_page(viewport={"width": 703, "height": 1000})  # an A4 page's width inside its margins
    try:
        page.emulate_media(media="print")
        for path, grid in (("quake/worksheet/index.html", ".sheet-grid"), ("quake/index.html", ".coverage")):
            page.goto((project / "site" / path).as_uri())
            width = page.evaluate(f"document.querySelector('{grid}').getBoundingClientRect().width")
            assert width <= 703, (path, width)
            assert page.locator(f"{grid} thead th").count() == 1 + len(names)
    finally:
        page.close()
