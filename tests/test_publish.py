"""Publishing only what may be published: excerpts for a public site, full text for a private one."""

from __future__ import annotations

import html
import json
from pathlib import Path

from bs4 import BeautifulSoup

from generator.build import build_site
from generator.config import load_config
from generator.content.load import load_story
from generator.content.normalize import normalize_story

from .conftest import DEMO

SLUG = "meta-employee-tracking-pause"


def site_text(site: Path) -> str:
    """Everything a visitor could fetch, as text: pages and feed unescaped, the strings of the JSON
    (not Parallax's own cache)."""
    parts: list[str] = []

    def strings(value: object) -> None:
        if isinstance(value, str):
            parts.append(value)
        elif isinstance(value, list):
            for item in value:
                strings(item)
        elif isinstance(value, dict):
            for item in value.values():
                strings(item)

    for path in site.rglob("*"):
        if not path.is_file() or ".parallax-cache" in path.parts:
            continue
        if path.suffix in (".html", ".xml"):
            parts.append(html.unescape(path.read_text(encoding="utf-8")))
        elif path.suffix == ".json":
            strings(json.loads(path.read_text(encoding="utf-8")))
    return "\n".join(parts)


def test_a_public_site_shows_excerpts_and_withholds_the_rest(demo_project: Path) -> None:
    (demo_project / "parallax.toml").write_text('title = "T"\nbase_url = "https://example.org/"\n')
    build_site(load_config(demo_project))
    site = demo_project / "site"
    data = json.loads((site / SLUG / "comparison.json").read_text(encoding="utf-8"))
    full = normalize_story(load_story(DEMO, [])).story  # type: ignore[arg-type]
    everything = site_text(site)
    for article, original in zip(data["articles"], full.articles, strict=True):
        # The headline is shown whole, as a citation gives it, outside the cap.
        shown = [s for b in article["blocks"] for s in b["sentences"] if not s.get("withheld")
                 and not s["id"].endswith(".s0")]
        withheld = [s for b in article["blocks"] for s in b["sentences"] if s.get("withheld")]
        assert sum(len(s["text"].split()) for s in shown) <= 250
        assert withheld and all(s["text"] == "" for s in withheld)
        ids = {s["id"] for s in withheld}
        for sentence in original.sentences:
            if sentence.id in ids and len(sentence.text.split()) > 8:
                assert sentence.text not in everything, sentence.text
    soup = BeautifulSoup((site / SLUG / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert "Excerpts: each article shows at most 250 words" in soup.select_one(".publishing").get_text()
    assert soup.select(".withheld")  # cells that report a fact whose words are not in the excerpt
    # the analysis is whole: every fact is still in the grid
    assert len(soup.select("table.coverage tbody tr")) == len(data["groups"])
    article_page = (site / SLUG / "004" / "index.html").read_text(encoding="utf-8")
    assert "Excerpt: at most 250 words" in article_page and "[…]" in article_page


def test_a_private_build_shows_full_texts_and_says_so(demo_project: Path) -> None:
    build_site(load_config(demo_project))
    site = demo_project / "site"
    text = site_text(site)
    full = normalize_story(load_story(DEMO, [])).story  # type: ignore[arg-type]
    assert all(s.text in text for a in full.articles for s in a.sentences)
    assert "Full texts: this build shows the articles in full" in (site / SLUG / "index.html").read_text()


def test_the_choice_can_be_forced_either_way(demo_project: Path) -> None:
    (demo_project / "parallax.toml").write_text('title = "T"\npublish = "excerpts"\nexcerpt_words = 60\n')
    build_site(load_config(demo_project))
    data = json.loads((demo_project / "site" / SLUG / "comparison.json").read_text(encoding="utf-8"))
    for article in data["articles"]:
        assert sum(len(s["text"].split()) for b in article["blocks"] for s in b["sentences"]
                   if not s["id"].endswith(".s0")) <= 60  # the headline, shown whole, outside the cap
    (demo_project / "parallax.toml").write_text('title = "T"\nbase_url = "https://example.org/"\npublish = "full"\n')
    build_site(load_config(demo_project))
    assert "Full texts" in (demo_project / "site" / SLUG / "index.html").read_text()
