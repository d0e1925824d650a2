"""Normalization: blocks, sentences and removed junk, on fixtures and on the demo story."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.content.load import load_story
from generator.content.normalize import markdown_blocks, normalize_article, normalize_story
from generator.model import Article, ArticleFile

from .conftest import DEMO, FIXTURES, SEEDS, needs_seeds


def dump(article: Article) -> str:
    """The readable form the *.expected fixtures are written in (by hand)."""
    lines = [f"removed[{r.rule}]: {r.text}" for r in article.removed]
    for block in article.blocks:
        level = str(block.level) if block.kind == "heading" else ""
        lines.append(f"{block.kind}{level}: {block.text}")
        lines.extend(f"  | {s.text}" for s in block.sentences)
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("name", ["wrapped.md", "web-copy.md", "page.html"])
def test_fixture(name: str) -> None:
    path = FIXTURES / "normalize" / name
    fmt = "html" if path.suffix == ".html" else "markdown"
    article = normalize_article(ArticleFile(id="a", path=path, format=fmt, outlet="Test",
                                              body=path.read_text(encoding="utf-8")))
    expected = path.with_suffix(".expected").read_text(encoding="utf-8")
    assert dump(article) == expected


def test_html_page_metadata_and_author() -> None:
    path = FIXTURES / "normalize" / "page.html"
    article = normalize_article(ArticleFile(id="a", path=path, format="html", outlet="Example Times",
                                              body=path.read_text(encoding="utf-8")))
    assert article.title == "Port strike ends after nine days"
    assert article.author == "Sam Lee"
    assert article.byline == "By Sam Lee"


def test_hard_wrapped_text_joins_lines_and_line_per_paragraph_text_splits_them() -> None:
    wrapped = "The council voted on Tuesday to approve\nthe bridge, ending a long debate.\n"
    assert [b.text for b in markdown_blocks(wrapped)] == [
        "The council voted on Tuesday to approve the bridge, ending a long debate."]
    copied = "Bridge approved\nThe council voted on Tuesday.\nWork starts in March.\n"
    assert [b.text for b in markdown_blocks(copied)] == [
        "Bridge approved", "The council voted on Tuesday.", "Work starts in March."]


def test_a_number_split_at_its_point_is_not_a_list_of_one_item() -> None:
    # ECB+ text rebuilt from word tokens: the headline "5. 9 Earthquake Jolts Iran" read as a list starting at
    # 5 lost its first number and its place as the title ("9 Earthquake Jolts Iran").
    body = "5. 9 Earthquake Jolts Iran\nA 5. 9 magnitude earthquake has leveled seven villages.\n"
    assert [(b.kind, b.text) for b in markdown_blocks(body)] == [
        ("paragraph", "5. 9 Earthquake Jolts Iran"),
        ("paragraph", "A 5. 9 magnitude earthquake has leveled seven villages.")]
    # A real numbered list stays one, even when an item starts with a number.
    steps = "Steps:\n\n1. Open the door.\n2. 300 people walk in.\n"
    assert [(b.kind, b.text) for b in markdown_blocks(steps)] == [
        ("paragraph", "Steps:"), ("list-item", "Open the door."), ("list-item", "300 people walk in.")]


def test_a_title_case_headline_with_an_abbreviation_is_one_headline() -> None:
    # ECB+ (the files the gold's make_story.py turns into a story): "... Comeaux Jr. On The Lam in Texas" was cut
    # at "Jr." into two sentences, so it was no headline and its halves were aligned as two facts.
    body = ("Convicted Molester Arcade Joseph Comeaux Jr. On The Lam in Texas\n"
            "A convicted child molester overpowered two prison guards today and walked off.\n"
            "He was en route from one prison unit to another when he escaped.\n")
    article = normalize_article(ArticleFile(id="a", path=Path("a.md"), format="markdown", outlet="Test", body=body))
    first = article.blocks[0]
    assert (first.kind, first.level, [s.text for s in first.sentences]) == (
        "heading", 1, ["Convicted Molester Arcade Joseph Comeaux Jr. On The Lam in Texas"])
    # A sentence in ordinary case still ends after "Jr." before a sentence opener.
    body = ("Escape in Texas\nThe inmate is Arcade Joseph Comeaux Jr. He escaped on Monday from a prison van.\n"
            "Guards said he had a gun.\n")
    article = normalize_article(ArticleFile(id="a", path=Path("a.md"), format="markdown", outlet="Test", body=body))
    assert [s.text for s in article.blocks[1].sentences] == [
        "The inmate is Arcade Joseph Comeaux Jr.", "He escaped on Monday from a prison van."]


def test_block_lines_point_into_the_file() -> None:
    body = "Intro line here.\n\nSecond paragraph.\nThird paragraph.\n"
    blocks = markdown_blocks(body, first_line=5)
    assert [(b.text, b.line) for b in blocks] == [
        ("Intro line here.", 5), ("Second paragraph.", 7), ("Third paragraph.", 8)]


# --- the demo story, checked against what a person reads in the seeds ---------------

@pytest.fixture(scope="module")
def demo() -> dict[str, Article]:
    diagnostics: list = []
    source = load_story(DEMO, diagnostics)
    assert source is not None and not diagnostics
    story = normalize_story(source).story
    return {article.id: article for article in story.articles}


EXPECTED_REMOVED = {
    "000": [("ad-slug", "Bank Recapitalization-abacha-university-ad")],
    "001": [("advertisement", "Advertisement"), ("lone-letter", "X"), ("photo-credit", "File Photo"),
            ("photo-credit", "Meta File Photo"), ("label", "Summary"), ("advertisement", "Advertisement"),
            ("repeated-paragraph", "Meta launched the internal programme in April 2026. It collects computer "
             "inputs from US-based employees, recording mouse movements, click locations, keystrokes, and "
             "screen content."),
            ("advertisement", "Advertisement"), ("advertisement", "Advertisement")],
    "002": [("label", "In Short"), ("end-marker", "- Ends")],
    "003": [("promo", "This story touches markets covered on Anansi Intelligence ↗."),
            ("promo", "Continue exploring similar stories")],
    "004": [],
}


def test_demo_junk_is_removed_with_its_rule(demo: dict[str, Article]) -> None:
    for article_id, expected in EXPECTED_REMOVED.items():
        assert [(r.rule, r.text) for r in demo[article_id].removed] == expected, article_id


def test_demo_removed_lines_carry_file_lines(demo: dict[str, Article]) -> None:
    # 001.md has 5 front matter lines (3 fields); its body line 1 ("Advertisement") is file line 6.
    first = demo["001"].removed[0]
    assert first.line == 6
    assert (DEMO / "001.md").read_text(encoding="utf-8").split("\n")[first.line - 1] == "Advertisement"


def test_demo_no_junk_line_is_a_sentence(demo: dict[str, Article]) -> None:
    for article in demo.values():
        texts = {s.text.strip() for s in article.sentences}
        for removed in article.removed:
            if removed.rule != "repeated-paragraph":
                assert removed.text.strip() not in texts
                assert all(removed.text.strip("- ") not in s for s in texts if len(removed.text) > 12)


def test_demo_headings_bylines_and_summaries(demo: dict[str, Article]) -> None:
    def headings(article: Article) -> list[tuple[int, str]]:
        return [(b.level, b.text) for b in article.blocks if b.kind == "heading"]

    assert headings(demo["000"]) == []
    assert headings(demo["001"]) == [
        (1, "Meta Suspends Internal AI Training Programme Amid Privacy Breach"),
        (2, "Security Flaw Timeline"), (2, "Inward Facing AI Training")]
    assert headings(demo["002"]) == [
        (1, "Meta halts AI training program that records employee computer activity after company-wide data leak"),
        (2, "The AI project that sparked privacy concerns"), (2, "Another security headache for Meta")]
    # The headline is a sentence of its own (compared like any other); other headings and bylines are not.
    for article in demo.values():
        for index, block in enumerate(article.blocks):
            if index == 0 and block.kind == "heading" and block.level == 1:
                assert [(s.id, s.text) for s in block.sentences] == [(f"{article.id}.s0", block.text)]
            elif block.kind in ("heading", "byline"):
                assert not block.sentences

    assert demo["002"].byline == "by Om Gupta · India Today"
    assert demo["002"].author == "Om Gupta"
    assert [b.kind for b in demo["002"].blocks].count("byline") == 1

    def summary(article: Article) -> list[str]:
        return [b.text for b in article.blocks if b.kind == "summary"]

    assert [s[:40] for s in summary(demo["001"])] == [
        "Meta suspended its Model Compatibility I", "Launched in April 2026, the programme co",
        "Meta Vice President Stephane Kasriel con"]
    assert summary(demo["002"]) == [
        "Meta pauses AI training program after an internal data leak",
        "Private chats and performance data were reportedly exposed",
        "The incident adds to employee concerns over privacy and AI initiatives"]
    # The paragraph after the bullets is body text again.
    after = demo["002"].blocks[[b.kind for b in demo["002"].blocks].index("summary") + 3]
    assert after.kind == "paragraph" and after.text.startswith("It seems Meta employees")


def test_demo_pages_keep_the_original_characters(demo: dict[str, Article]) -> None:
    quote = demo["000"].blocks[4].sentences[0]
    assert quote.text.startswith("\u201cWe have carefully designed this programme")
    assert quote.norm.startswith('"we have carefully designed this programme')


def test_demo_sentence_ids_are_unique_and_ordered(demo: dict[str, Article]) -> None:
    ids = [s.id for a in demo.values() for s in a.sentences]
    assert len(ids) == len(set(ids))
    assert [s.id for s in demo["004"].sentences][:3] == ["004.s1", "004.s2", "004.s3"]
    counts = {a.id: len(a.sentences) for a in demo.values()}
    assert counts == {"000": 13, "001": 22, "002": 24, "003": 12, "004": 14}  # 001 and 002: with the headline
    assert demo["001"].sentences[0].id == "001.s0"


@needs_seeds
def test_demo_bodies_are_the_seeds_verbatim() -> None:
    for seed in sorted(SEEDS.glob("*.txt")):
        article = DEMO / f"{seed.name[:3]}.md"
        raw = article.read_bytes()
        assert raw.endswith(seed.read_bytes()), article
        front_matter = raw[: len(raw) - len(seed.read_bytes())].decode("utf-8")
        assert front_matter.startswith("---\n") and front_matter.endswith("---\n")


def test_demo_front_matter_invents_nothing() -> None:
    """Outlet names only where the text shows them; no URLs or dates anywhere."""
    diagnostics: list = []
    source = load_story(DEMO, diagnostics)
    assert source is not None
    outlets = {a.id: a.outlet for a in source.articles}
    assert outlets == {"000": "Source 000", "001": "Source 001", "002": "India Today",
                       "003": "Source 003", "004": "Source 004"}
    assert all(a.url is None and a.published is None for a in source.articles)
    assert source.date is None
    for article in source.articles:
        if article.title:
            assert article.title in article.body
        if article.author:
            assert article.author in article.body


def test_empty_and_punctuation_free_articles(tmp_path: Path) -> None:
    empty = normalize_article(ArticleFile(id="e", path=tmp_path / "e.md", format="markdown", outlet="E", body=""))
    assert empty.blocks == [] and empty.sentences == []
    bare = normalize_article(ArticleFile(id="b", path=tmp_path / "b.md", format="markdown", outlet="B",
                                           body="no punctuation anywhere in this long line of text that goes on"))
    assert [s.text for s in bare.sentences] == ["no punctuation anywhere in this long line of text that goes on"]


@pytest.fixture
def remembering() -> object:
    from generator.content.normalize import remember_articles

    remember_articles(keep=16)
    yield
    remember_articles(False)


def test_a_remembered_article_is_a_copy_and_a_change_is_normalized_again(remembering: object) -> None:
    """Inside `parallax serve` normalized articles are remembered: an edit's rebuild must still see its edit,
    a changed setting must apply, and the pipeline's changes to one build's article never reach the next."""
    from generator.model import NormalizeConfig

    folder = load_story(DEMO, [])
    assert folder is not None
    first = normalize_story(folder).story
    first.articles[0].sentences[1].text = "changed in place by a later stage"
    again = normalize_story(folder).story
    assert again.articles[0].sentences[1].text != "changed in place by a later stage"
    assert again.articles == normalize_story(folder).story.articles

    edited = folder.articles[0]
    edited.body = edited.body.replace("Meta", "Mehta", 1)
    assert "Mehta" in " ".join(s.text for s in normalize_story(folder).story.articles[0].sentences)
    skip = NormalizeConfig(skip_rules=["advertisement"])
    kept = normalize_story(folder, skip).story.articles
    assert kept == [normalize_article(a, skip) for a in folder.articles]
    assert kept != normalize_story(folder).story.articles  # the rule removes four advertisements
