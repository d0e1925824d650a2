"""`parallax import`: saved pages become articles, with their metadata, never overwriting, never guessing.

Most tests use small pages written here. The corpus test wraps the articles of
real BASIL events (../shared/corpus/basil) in the chrome a saved news page
carries (cookie banner, navigation, ads, related links, comments, footer),
imports them, and builds the story.
"""

from __future__ import annotations

import datetime as dt
import html as htmllib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.eval_extraction import shingle_match
from generator.build import build_site
from generator.config import load_config
from generator.content.importer import extract, import_pages, markdown
from generator.content.load import load_content
from generator.errors import ContentError

from .conftest import CORPUS, needs_corpus, write

TODAY = dt.date(2026, 11, 22)
PARAGRAPHS = [
    "The city council approved the budget on Monday after a debate that lasted six hours.",
    "It includes money for 40 new buses, which the transport committee had asked for since last spring.",
    "Councillor Ana Ruiz said the vote was “a fair compromise for every district” and thanked residents.",
    "Opponents said the plan would raise fares by 5% within two years, a claim the mayor's office denied.",
]


def page(*, outlet: str | None = "The Daily Ledger", title: str = "Council approves budget with 40 new buses",
         url: str | None = "https://ledger.example/2026/budget", published: str | None = "2026-03-02T09:30:00Z",
         author: str | None = "Jo Bloggs", lang: str = "en", paragraphs: list[str] = PARAGRAPHS,
         chrome: bool = True) -> str:
    head = [f'<meta charset="utf-8"><title>{htmllib.escape(title)} | {htmllib.escape(outlet or "News")}</title>']
    if outlet:
        head.append(f'<meta property="og:site_name" content="{htmllib.escape(outlet)}">')
    head.append(f'<meta property="og:title" content="{htmllib.escape(title)}">')
    if url:
        head.append(f'<link rel="canonical" href="{url}">')
    if published:
        head.append(f'<meta property="article:published_time" content="{published}">')
    body = [f"<h1>{htmllib.escape(title)}</h1>"]
    if author:
        body.append(f'<p class="byline">By <a rel="author" href="/staff/x">{htmllib.escape(author)}</a></p>')
    for number, text in enumerate(paragraphs, start=1):
        body.append(f"<p>{htmllib.escape(text)}</p>")
        if chrome and number % 2 == 0:
            body.append('<div class="ad-slot"><span>Advertisement</span></div>')
    around = ("", "")
    if chrome:
        around = (
            '<div id="cookie-banner" class="cookie-consent">We use cookies to improve your experience on our '
            'site. <button>Accept all cookies</button></div><header><nav><a href="/">Home</a> '
            '<a href="/politics">Politics</a> <a href="/sport">Sport</a> <a href="/weather">Weather</a></nav></header>',
            '<aside class="related"><h2>Related stories</h2><ul><li><a href="/a">Five things to know before the '
            'election next month</a></li><li><a href="/b">Why the mayor is betting on electric ferries this '
            'year</a></li></ul></aside><section id="comments" class="comments"><h2>3 Comments</h2><div class="comment">'
            '<p>Typical politicians, nothing ever changes in this town and nobody listens.</p></div></section>'
            '<footer><p>© 2026 All rights reserved. Privacy policy. Terms of use. Contact us.</p></footer>')
    return (f'<!doctype html><html lang="{lang}"><head>{"".join(head)}</head><body>{around[0]}<main><article>'
            + "".join(body) + f"</article>{around[1]}</main></body></html>")


# --- extraction and metadata ------------------------------------------------------------------

def test_text_without_page_chrome_and_metadata_from_the_page() -> None:
    found = extract(page())
    text = "\n".join(b.text for b in found.blocks)
    assert [b.text for b in found.blocks] == PARAGRAPHS
    for junk in ("cookies", "Advertisement", "Related stories", "Typical politicians", "Privacy policy", "Home"):
        assert junk not in text
    assert found.meta == {"outlet": "The Daily Ledger", "title": "Council approves budget with 40 new buses",
                          "url": "https://ledger.example/2026/budget", "author": "Jo Bloggs",
                          "published": "2026-03-02T09:30:00+00:00", "language": "en"}


def test_a_page_is_parsed_once_for_the_rules_and_once_for_the_libraries(monkeypatch: pytest.MonkeyPatch) -> None:
    """The page becomes one BeautifulSoup tree, built by lxml, for Parallax's own metadata rules, and one
    lxml tree that trafilatura, readability and htmldate each get a copy of (it was parsed seven times)."""
    import bs4

    from generator.content import importer

    html = page()
    soups: list[str | None] = []
    trees: list[int] = []
    original_init, original_tree = bs4.BeautifulSoup.__init__, importer.lxml_tree

    def spy_init(self: bs4.BeautifulSoup, markup: str = "", features: str | None = None, *args: object,
                 **kwargs: object) -> None:
        if markup == html:
            soups.append(features)
        original_init(self, markup, features, *args, **kwargs)  # type: ignore[arg-type]

    def spy_tree(text: str) -> object:
        trees.append(len(text))
        return original_tree(text)

    monkeypatch.setattr(bs4.BeautifulSoup, "__init__", spy_init)
    monkeypatch.setattr(importer, "lxml_tree", spy_tree)
    found = extract(html)
    assert soups == ["lxml"] and trees == [len(html)]
    assert found.meta["author"] == "Jo Bloggs" and [b.text for b in found.blocks] == PARAGRAPHS


def test_metadata_falls_back_to_the_domain_and_the_pages_dates() -> None:
    found = extract(page(outlet=None, author=None, published=None).replace(
        "<h1>", '<p class="dateline"><time datetime="2025-12-01">1 December 2025</time></p><h1>'))
    assert found.meta["outlet"] == "ledger.example"
    assert found.meta["published"] == "2025-12-01"
    assert "author" not in found.meta


def test_a_byline_that_is_the_outlet_is_not_an_author() -> None:
    found = extract(page(author="The Daily Ledger"))
    assert "author" not in found.meta
    assert extract(page(author="Rob Picheta, The Daily Ledger")).meta["author"] == "Rob Picheta"


def test_a_javascript_url_is_not_kept() -> None:
    found = extract(page(url="javascript:alert(1)"))
    assert "url" not in found.meta


def test_markdown_keeps_the_text_exactly_as_the_build_reads_it(tmp_path: Path) -> None:
    tricky = ["*Not emphasis* and _not_ either, <b>not a tag</b>, [not a link](x), `not code`.",
              "1. Not a list, it is the start of a sentence.", "# Not a heading", "- Not a bullet",
              "> Not a quotation"]
    found = extract(page(paragraphs=tricky + PARAGRAPHS))
    written = markdown(found, TODAY)
    assert written.startswith('---\noutlet: "The Daily Ledger"\n') and "imported: 2026-11-22\n---\n" in written
    write(tmp_path / "content" / "s" / "_story.md", "---\ntitle: S\n---\n")
    (tmp_path / "content" / "s" / "a.md").write_text(written, encoding="utf-8")
    (tmp_path / "parallax.toml").write_text('title = "T"\n')
    from generator.content.normalize import normalize_article
    [source] = load_content(tmp_path / "content").stories[0].articles
    article = normalize_article(source)
    headline, *body = article.blocks  # the title from the front matter, as the headline
    assert headline.kind == "heading" and headline.text == article.title
    assert [b.text for b in body][:5] == tricky
    assert all(b.kind == "paragraph" for b in body)


# --- writing files ---------------------------------------------------------------------------

def _pages(folder: Path, **pages: str) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in pages.items():
        path = folder / f"{name}.html"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def test_each_page_becomes_an_article_named_after_its_outlet(tmp_path: Path) -> None:
    pages = _pages(tmp_path / "saved", one=page(), two=page(outlet="Metro Wire"), three=page())
    story = tmp_path / "content" / "budget"
    done = import_pages(pages, story, today=TODAY)
    assert sorted(p.name for p in story.iterdir()) == ["metro-wire.md", "the-daily-ledger-2.md",
                                                       "the-daily-ledger.md"]
    assert [d.extracted.method for d in done] == ["trafilatura"] * 3
    assert not list(story.glob("*.html"))


def test_a_folder_of_saved_pages_is_imported(tmp_path: Path) -> None:
    _pages(tmp_path / "saved", one=page(), two=page(outlet="Metro Wire"))
    (tmp_path / "saved" / "page_files").mkdir()  # what a browser saves beside a page
    (tmp_path / "saved" / "notes.txt").write_text("not a page")
    done = import_pages([tmp_path / "saved"], tmp_path / "content" / "s", today=TODAY)
    assert len(done) == 2


def test_an_existing_article_is_never_overwritten_without_force(tmp_path: Path) -> None:
    [saved] = _pages(tmp_path / "saved", one=page())
    story = tmp_path / "content" / "s"
    write(story / "the-daily-ledger.md", "---\noutlet: The Daily Ledger\n---\nThe editor's corrected text.\n")
    with pytest.raises(ContentError) as raised:
        import_pages([saved], story, today=TODAY)
    [problem] = raised.value.diagnostics
    assert problem.file == story / "the-daily-ledger.md"
    assert "already exists; one.html was not imported" in problem.message and "--force" in (problem.hint or "")
    assert (story / "the-daily-ledger.md").read_text().endswith("The editor's corrected text.\n")
    import_pages([saved], story, force=True, today=TODAY)
    assert "40 new buses" in (story / "the-daily-ledger.md").read_text()


def test_nothing_is_written_when_one_page_fails(tmp_path: Path) -> None:
    pages = _pages(tmp_path / "saved", good=page(), empty="<html><body><nav>Home</nav></body></html>")
    story = tmp_path / "content" / "s"
    with pytest.raises(ContentError) as raised:
        import_pages(pages, story, today=TODAY)
    [problem] = raised.value.diagnostics
    assert problem.file == tmp_path / "saved" / "empty.html"
    assert problem.message.startswith("empty.html: no article text found")
    assert "save the article's own page" in (problem.hint or "")
    assert not story.exists()


def test_keep_html_keeps_the_page_where_the_build_does_not_read_it(tmp_path: Path) -> None:
    [saved] = _pages(tmp_path / "saved", one=page())
    write(tmp_path / "parallax.toml", 'title = "T"\n')
    story = tmp_path / "content" / "s"
    write(story / "_story.md", "---\ntitle: S\n---\n")
    import_pages([saved], story, keep_html=True, today=TODAY)
    assert (story / "_the-daily-ledger.html").read_bytes() == saved.read_bytes()
    [loaded] = load_content(tmp_path / "content").stories
    assert [a.id for a in loaded.articles] == ["the-daily-ledger"]


def test_pages_in_other_encodings_and_bad_files(tmp_path: Path) -> None:
    cp1252 = page(paragraphs=[p.replace("Ruiz", "Ruíz") for p in PARAGRAPHS]).replace(
        '<meta charset="utf-8">', '<meta charset="windows-1252">')
    saved = tmp_path / "saved"
    saved.mkdir()
    (saved / "latin.html").write_bytes(cp1252.encode("cp1252"))
    import_pages([saved / "latin.html"], tmp_path / "content" / "s", today=TODAY)
    assert "Councillor Ana Ruíz said" in (tmp_path / "content" / "s" / "the-daily-ledger.md").read_text()
    (saved / "notes.txt").write_text("x")
    with pytest.raises(ContentError) as raised:
        import_pages([saved / "notes.txt", saved / "missing.html"], tmp_path / "content" / "t", today=TODAY)
    assert [d.message for d in raised.value.diagnostics] == [
        "notes.txt is not a saved web page (.html)", f"{saved / 'missing.html'} does not exist"]


def test_the_command_creates_a_draft_story_and_says_what_it_found(tmp_path: Path) -> None:
    write(tmp_path / "parallax.toml", 'title = "T"\n')
    _pages(tmp_path / "saved", one=page(), two=page(outlet=None, url=None, published=None, author=None))
    run = subprocess.run([sys.executable, "-m", "generator", "import", "saved", "--story", "budget"],
                         cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "saved/one.html -> content/budget/the-daily-ledger.md (" in run.stdout
    assert "note: the page gives no outlet, url, published" in run.stdout  # "© 2026" is no date
    assert "Created content/budget/_story.md as a draft" in run.stdout
    assert 'outlet: "Source two"' in (tmp_path / "content" / "budget" / "two.md").read_text()
    again = subprocess.run([sys.executable, "-m", "generator", "import", "saved/one.html", "--story", "budget"],
                           cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert again.returncode == 1 and "Traceback" not in again.stderr
    assert "content/budget/the-daily-ledger.md: error:" in again.stderr
    bad = subprocess.run([sys.executable, "-m", "generator", "import", "saved", "--story", "../out"],
                         cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert bad.returncode != 0 and "cannot be a story folder name" in bad.stderr
    assert not (tmp_path / "out").exists()


# --- a real event --------------------------------------------------------------------------------

BASIL = CORPUS / "basil"


def _basil_events(count: int) -> list[Path]:
    return sorted(BASIL.iterdir())[:count] if BASIL.is_dir() else []


@needs_corpus
@pytest.mark.parametrize("event", _basil_events(2), ids=lambda p: p.name)
def test_saved_pages_of_a_corpus_event_import_and_compare(tmp_path: Path, event: Path) -> None:
    meta = json.loads((event / "meta.json").read_text(encoding="utf-8"))
    saved = tmp_path / "saved"
    saved.mkdir()
    truths = {}
    for code, info in meta["articles"].items():
        lines = (event / info["file"]).read_text(encoding="utf-8").split("\n\n")
        paragraphs = [p.strip() for p in lines[1:] if p.strip()]
        truths[info["outlet"]] = "\n".join(paragraphs)
        (saved / f"{code}.html").write_text(page(outlet=info["outlet"], title=info["title"], url=info["url"],
                                                 published=info["date"], author=None, paragraphs=paragraphs),
                                            encoding="utf-8")
    write(tmp_path / "parallax.toml", 'title = "T"\n')
    done = import_pages([saved], tmp_path / "content" / "event", today=TODAY)
    assert sorted(d.extracted.meta["outlet"] for d in done) == sorted(truths)
    for item in done:
        text = "\n".join(b.text for b in item.extracted.blocks)
        tp, fp, fn = shingle_match(truths[item.extracted.meta["outlet"]], text)
        assert tp / (tp + fp) >= 0.97 and tp / (tp + fn) >= 0.97, (item.page.name, tp, fp, fn)
        for junk in ("cookies", "Related stories", "Typical politicians", "All rights reserved"):
            assert junk not in text
        assert item.extracted.meta["published"] == meta["articles"][item.page.stem]["date"]
    write(tmp_path / "content" / "event" / "_story.md", f"---\ntitle: {json.dumps(meta['main_event'])}\n---\n")
    result = build_site(load_config(tmp_path))
    assert not result.errors, [d.format() for d in result.errors]
    [story] = result.stories
    assert len(story.articles) == 3
    shared = [g for g in story.groups if len({m.article for m in g.members}) >= 2]
    assert len(shared) >= 3
    assert (tmp_path / "site" / "event" / "index.html").is_file()
