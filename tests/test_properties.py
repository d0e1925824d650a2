"""Property-based tests: whatever text arrives, normalize, align and compare finish and stay consistent.

Hypothesis writes the articles: sentences built from a small shared vocabulary
(so that outlets really do overlap, reorder and reword), mixed with numbers,
quotes, dates, Markdown and HTML syntax, stray Unicode and plain noise. For
each story the pipeline must not raise, every sentence must land in at least
one group, and the comparison JSON must validate against the published schema,
in both publishing modes.

`make test` runs 150 examples per property; for a longer hunt run
HYPOTHESIS_PROFILE=deep .venv/bin/pytest tests/test_properties.py (3,000 each).
"""

from __future__ import annotations

import copy
import os
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from generator.analysis.align import align_story
from generator.analysis.compare import compare_story
from generator.analysis.examine import examine_story
from generator.content.normalize import normalize_story
from generator.model import ArticleFile, SiteConfig, StoryFolder
from generator.serialize import comparison_json
from generator.site.publish import published_story

from .test_schema import check

settings.register_profile("default", max_examples=150)
settings.register_profile("deep", max_examples=3000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

WORDS = ["the", "council", "approved", "budget", "on", "Monday", "buses", "mayor", "said", "residents",
         "protest", "police", "harbour", "strike", "union", "workers", "minister", "Jo", "Smith", "O'Neil",
         "Zürich", "São", "Paulo", "40", "45", "3.5", "£2m", "$1,200", "12%", "2025-05-13", "May", "13",
         "\"we", "will", "not\"", "'quoted'", "«cité»", "“curly”", "according", "to", "officials", "e.g.",
         "U.S.", "Dr.", "No.", "–", "—", "…", "#", "*", "_", "`", ">", "-", "1.", "[link](https://x.org)",
         "<b>", "</b>", "<script>", "&amp;", "{{", "}}", "|", "\t", "🙂", "\u200b", "\u00a0", "ﬁ", "İ"]

word = st.sampled_from(WORDS)
noise = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)
ending = st.sampled_from([".", "!", "?", "", ".\"", "…", ":"])
sentence = st.builds(lambda ws, end: " ".join(ws) + end, st.lists(word, min_size=1, max_size=30), ending)
paragraph = st.one_of(
    st.builds(" ".join, st.lists(sentence, min_size=1, max_size=5)),
    noise,
    st.builds(lambda s: "## " + s, sentence),
    st.builds(lambda s: "> " + s, sentence),
    st.builds(lambda s: "- " + s, sentence),
)
body = st.builds("\n\n".join, st.lists(paragraph, max_size=12))


@st.composite
def _reworded(draw: st.DrawFn, text: str) -> str:
    """The sentence as another outlet may have it: as is, or with a word or two changed."""
    words = text.split(" ")
    for _ in range(draw(st.integers(min_value=0, max_value=2))):
        words[draw(st.integers(min_value=0, max_value=len(words) - 1))] = draw(word)
    return " ".join(words)


@st.composite
def stories(draw: st.DrawFn) -> StoryFolder:
    # Outlets share sentences: each article draws from a common pool, plus its own.
    pool = draw(st.lists(sentence, min_size=1, max_size=8))
    articles = []
    for number in range(draw(st.integers(min_value=1, max_value=4))):
        shared = [draw(_reworded(text)) for text in draw(st.lists(st.sampled_from(pool), max_size=8))]
        own = draw(body)
        order = draw(st.permutations([*shared, own]))
        fmt = draw(st.sampled_from(["markdown", "markdown", "html"]))
        text = "\n\n".join(order)
        if fmt == "html":
            text = "<html><body><article>" + "".join(f"<p>{p}</p>" for p in order) + "</article></body></html>"
        articles.append(ArticleFile(id=f"a{number}", path=Path(f"/story/a{number}.md"), format=fmt,
                                      outlet=f"Outlet {number}", body=text))
    return StoryFolder(slug="story", path=Path("/story"), title="Property story", articles=articles)


def _pipeline(source: StoryFolder) -> dict[str, object]:
    story = normalize_story(source).story
    story.groups, story.omissions = compare_story(story, align_story(story))
    examined = examine_story(story)
    story.quotations, story.sources, story.words = examined.quotations, examined.sources, examined.words
    return comparison_json(story), story  # type: ignore[return-value]


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(stories())
def test_any_text_goes_through_and_every_sentence_is_grouped(source: StoryFolder) -> None:
    document, _ = _pipeline(source)
    shared = sum(1 for g in document["groups"] if len({m["article"] for m in g["members"]}) > 1)  # type: ignore[index, union-attr]
    event("groups shared by outlets" if shared else "no shared group")
    event("has differences" if any(g["differences"] for g in document["groups"]) else "no differences")  # type: ignore[index, union-attr]
    check(document)  # schema, every sentence in a group, offsets inside their sentences


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(stories(), st.integers(min_value=1, max_value=60))
def test_excerpts_of_any_story_validate_and_stay_under_the_cap(source: StoryFolder, cap: int) -> None:
    _, story = _pipeline(source)
    config = SiteConfig(root=Path("/"), publish="excerpts", excerpt_words=cap)
    shown = published_story(copy.deepcopy(story), config)
    check(comparison_json(shown))
    for article in shown.articles:
        # The headline is shown whole, as a citation gives it: outside the cap.
        words = sum(len(s.text.split()) for s in article.sentences if not s.withheld and not s.id.endswith(".s0"))
        assert words <= cap, (article.id, words, cap)


@settings(deadline=None)
@given(body)
def test_normalizing_twice_gives_the_same_result(text: str) -> None:
    source = StoryFolder(slug="s", path=Path("/s"), title="T", articles=[
        ArticleFile(id="a", path=Path("/s/a.md"), format="markdown", outlet="A", body=text)])
    first = normalize_story(source).story.articles[0]
    second = normalize_story(source).story.articles[0]
    assert [s.text for s in first.sentences] == [s.text for s in second.sentences]
    # No sentence is empty or only space, and none carries leftover page structure.
    assert all(s.text.strip() == s.text and s.text for s in first.sentences)
