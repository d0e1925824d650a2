"""Junk rules on real pages: they never cut true article text, and they catch the junk seen there."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.content.normalize import normalize_article
from generator.model import ArticleFile
from generator.text.norm import comparable

from .conftest import CORPUS, needs_corpus

pytestmark = [needs_corpus, pytest.mark.corpus]


def _normalize(path: Path, fmt: str) -> object:
    body = path.read_text(encoding="utf-8", errors="replace")
    return normalize_article(ArticleFile(id="x", path=path, format=fmt, outlet="x", body=body))  # type: ignore[arg-type]


def test_true_article_text_loses_only_datelines_and_repeats() -> None:
    """BASIL and ECB+ files hold article text only: no rule may fire but these two.

    `timestamp` removes the dateline lines ECB+ kept ("Updated 4:08 p. m. ET"),
    `repeated-paragraph` a title repeated as the first paragraph.
    """
    files = sorted((CORPUS / "basil").glob("*/*.txt")) + sorted((CORPUS / "ecbplus").glob("*/*.txt"))
    assert len(files) > 300
    unexpected = []
    for path in files:
        article = _normalize(path, "markdown")
        for removed in article.removed:  # type: ignore[attr-defined]
            if removed.rule not in ("timestamp", "repeated-paragraph"):
                unexpected.append((path.name, removed.rule, removed.text))
            elif removed.rule == "timestamp":
                assert len(removed.text.split()) <= 16 and re.search(r"\d", removed.text), removed.text
    assert unexpected == []


def _extraction_pages() -> list[tuple[Path, str]]:
    pages = []
    for name in ("scrapinghub_aeb", "dragnet", "cleaneval_final"):
        for html in sorted((CORPUS / "extraction" / name).glob("*.html")):
            gold = html.with_suffix(".txt")
            if gold.is_file():
                pages.append((html, gold.read_text(encoding="utf-8", errors="replace")))
    return pages


def test_saved_pages_lose_no_line_of_their_true_text() -> None:
    pages = _extraction_pages()
    assert len(pages) >= 20
    wrongly_cut = []
    for html, gold in pages:
        truth = comparable(gold)
        for removed in _normalize(html, "html").removed:  # type: ignore[attr-defined]
            if len(removed.text) > 3 and comparable(removed.text) in truth:
                wrongly_cut.append((html.name[:12], removed.rule, removed.text))
    assert wrongly_cut == []


# Junk lines that survive the page-structure pass on the corpus pages, and the rule that must cut each.
EXPECTED_CUTS = [
    ("dragnet/14.html", "advertisement", "Advertise | AdChoices"),
    ("dragnet/14.html", "promo", "Explore related topics: featured, organ-donation, theater-shooting"),
    ("dragnet/15.html", "navigation", "NEXT POST Taking the Cyberattack Threat Seriously"),
    ("dragnet/19.html", "copyright", "Copyright 2012 The Associated Press. All rights reserved."),
    ("scrapinghub_aeb/098bb3e96c", "share-prompt", "Show more sharing options"),
    ("scrapinghub_aeb/098bb3e96c", "share-prompt", "Copy Link URLCopied!"),
    ("scrapinghub_aeb/04a6711caa", "advertisement", "Continue reading the main story"),
    ("scrapinghub_aeb/05844573ca", "navigation", "Back to Gallery"),
    ("scrapinghub_aeb/0d46122928", "timestamp", "Associated Press November 19, 2019, 9:02 AM"),
    ("scrapinghub_aeb/0dd1357045", "navigation", "Like Loading..."),
    ("scrapinghub_aeb/11ea381ad9", "share-prompt", "Share this on WhatsApp"),
    ("scrapinghub_aeb/06e5123e4e", "end-marker", "(Reporting by Greg Roumeliotis"),
]


@pytest.mark.parametrize(("page", "rule", "text"), EXPECTED_CUTS)
def test_corpus_junk_is_cut(page: str, rule: str, text: str) -> None:
    folder, prefix = page.split("/")
    [html] = [p for p in (CORPUS / "extraction" / folder).glob("*.html") if p.name.startswith(prefix)]
    article = _normalize(html, "html")
    # The extractor (trafilatura, as for `parallax import`) leaves most of it out; what it keeps, the rule cuts.
    cuts = [(r.rule, r.text) for r in article.removed]  # type: ignore[attr-defined]
    assert not any(b.text.startswith(text) for b in article.blocks)  # type: ignore[attr-defined]
    assert all(r == rule for r, t in cuts if t.startswith(text)), cuts
