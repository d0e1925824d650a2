"""The examine stage: quotations side by side, sources, and words to examine.

The demo story's facts are checked against a reading of its five texts by a
person; the fixture stories and small made-up articles cover the cases the
demo lacks (trimmed, altered and paraphrased quotations, pronouns).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.analysis.words import words_to_examine
from generator.build import process_story
from generator.content.load import load_story
from generator.model import ArticleFile, Quotation, SiteConfig, Story, StoryFolder
from generator.text.words_to_examine import CATEGORY_NAMES, SOURCE_NAMES, lexicon

from .conftest import DEMO, FIXTURES

CONFIG = SiteConfig(root=Path("/"))


def _story(folder: Path) -> Story:
    source = load_story(folder, [])
    assert source is not None
    return process_story(source, CONFIG).story


@pytest.fixture(scope="module")
def demo() -> Story:
    return _story(DEMO)


def _made_up(*articles: tuple[str, str]) -> Story:
    sources = [ArticleFile(id=f"a{i}", path=Path(f"/s/a{i}.md"), format="markdown", outlet=outlet, body=body)
               for i, (outlet, body) in enumerate(articles)]
    return process_story(StoryFolder(slug="s", path=Path("/s"), title="T", articles=sources), CONFIG).story


def _quotation(story: Story, words: str) -> Quotation:
    [found] = [q for q in story.quotations if words in q.text]
    return found


# --- quotations -----------------------------------------------------------------------------

def test_the_spokesperson_quote_is_one_quotation_carried_by_three_outlets(demo: Story) -> None:
    quote = _quotation(demo, "carefully designed this programme with privacy safeguards")
    quoted = {r.article: r for r in quote.renderings if r.kind != "paraphrased"}
    assert sorted(quoted) == ["000", "001", "002"]
    assert {a: r.speaker for a, r in quoted.items()} == {
        "000": "a company spokesperson", "001": "Meta spokesperson Tracy Clayton", "002": "the spokesperson"}
    # Punctuation and programme/program are not changes: all three quote it word for word.
    assert {a: r.kind for a, r in quoted.items()} == dict.fromkeys(quoted, "verbatim")
    assert quoted["002"].spelling and not quoted["001"].spelling
    assert quote.speaker == "Meta spokesperson Tracy Clayton"
    # Source 004 reports the statement without quote marks.
    [paraphrase] = [r for r in quote.renderings if r.kind == "paraphrased"]
    assert paraphrase.article == "004" and paraphrase.text.startswith("Meta said it designed the program carefully")
    assert demo.quotations[0] is quote  # carried by most outlets: first


def test_a_pronoun_speaker_is_resolved_to_the_person_named_before(demo: Story) -> None:
    quote = _quotation(demo, "We will only re-enable MCI")
    speakers = {r.article: (r.kind, r.speaker, r.refers_to) for r in quote.renderings}
    assert speakers == {"000": ("verbatim", "he", "Stephane Kasriel"),
                        "001": ("verbatim", "Kasriel", "Stephane Kasriel"),
                        "004": ("paraphrased", "He", "Stephane Kasriel")}
    assert quote.speaker == "Stephane Kasriel"


def test_scare_quotes_and_nicknames_are_not_quotations(demo: Story) -> None:
    texts = [q.text for q in demo.quotations]
    assert "Boz" not in texts and "big data" not in texts
    assert "tight control" in texts  # short, but attributed: "He had said … that the program was under"
    assert _quotation(demo, "tight control").renderings[0].refers_to == "Andrew Bosworth"


def test_trimmed_quotations_say_what_they_leave_out() -> None:
    story = _story(FIXTURES / "stories" / "port-strike")
    quote = _quotation(story, "our members held firm")
    kinds = {r.article: r.kind for r in quote.renderings}
    assert kinds == {"harbour-times": "verbatim", "wireline": "trimmed", "business-today": "trimmed"}
    wireline = next(r for r in quote.renderings if r.article == "wireline")
    assert wireline.left_out == "Nobody wins a strike, but"
    business = next(r for r in quote.renderings if r.article == "business-today")
    assert business.text == "have been heard" and business.speaker == "Union leader Marie Okafor"


def test_altered_words_are_marked_and_spelling_is_not_an_alteration() -> None:
    story = _made_up(
        ("One", "“We will restore full service on every line by the end of March,” the minister said."),
        ("Two", "“We will restore most services on every line by the end of March,” Transport Minister Jo Smith said."),
        ("Three", "\"We will restore full service on every line by the end of March,\" she said, adding that the "
                  "programme of repairs had been organised with care."),
    )
    quote = _quotation(story, "restore")
    by = {r.article: r for r in quote.renderings}
    assert by["a0"].kind == "verbatim" and by["a2"].kind == "verbatim"
    assert by["a1"].kind == "altered"
    [(start, end)] = by["a1"].changes
    assert by["a1"].text[start:end] == "most services"
    assert by["a1"].speaker == "Transport Minister Jo Smith"
    assert quote.speaker == "Transport Minister Jo Smith"


def test_different_statements_sharing_a_phrase_are_not_one_quotation() -> None:
    story = _made_up(
        ("One", "“We have carefully designed this programme with privacy safeguards, and we are pausing it while "
                "we investigate,” a spokesperson said."),
        ("Two", "The company said, “We have paused the program while we investigate the issue.”"),
    )
    assert len(story.quotations) == 2


def test_straight_and_curly_marks_mixed_in_one_paragraph_close_each_quotation() -> None:
    # BASIL 2012 (Fox): the quotation opens with a straight mark and closes with a curly one; read as one
    # quotation from the first straight mark to the last, it swallowed "a Ryan spokesman said".
    story = _made_up(("Fox", '"Chairman Ryan remains grateful for the invitation to a thoughtful dialogue,” a Ryan '
                             'spokesman said. “He looks forward to affirming our shared commitment to the poor."'))
    assert sorted((q.text, q.speaker) for q in story.quotations) == [
        ("Chairman Ryan remains grateful for the invitation to a thoughtful dialogue", "a Ryan spokesman"),
        ("He looks forward to affirming our shared commitment to the poor", "a Ryan spokesman")]


def test_two_quotations_one_article_gives_apart_stay_two_when_another_joins_them() -> None:
    # BASIL 2014: one outlet quotes the lawyer's statement whole, another in two parts around "he added";
    # each part is a quotation the second outlet carries, neither is dropped.
    story = _made_up(
        ("One", "“When the dust settles, he will be vindicated. Until then, he will continue to serve his "
                "constituents with the same dedication,” the statement said."),
        ("Two", "“When the dust settles, he will be vindicated,” McGinley added. “Until then, he will continue to "
                "serve his constituents with the same dedication.”"))
    carried = sorted(r.text for q in story.quotations for r in q.renderings if r.article == "a1")
    assert carried == ["Until then, he will continue to serve his constituents with the same dedication",
                       "When the dust settles, he will be vindicated"]


# --- sources --------------------------------------------------------------------------------

def test_the_sources_panel_finds_the_outlets_the_articles_cite(demo: Story) -> None:
    outlets = {s.name: sorted({c.article for c in s.citations}) for s in demo.sources if s.kind == "outlet"}
    assert outlets == {"Reuters": ["001"], "Indian Express": ["001"], "Business Insider": ["002"], "Wired": ["004"]}
    wired = next(s for s in demo.sources if s.name == "Wired")
    assert [c.text for c in wired.citations] == ["Wired reported", "the report"]  # "According to the report"


def test_named_and_anonymous_people_and_documents(demo: Story) -> None:
    kinds = {s.name: s.kind for s in demo.sources}
    assert kinds["Stephane Kasriel"] == "person" and kinds["Tracy Clayton"] == "person"
    assert kinds["Andrew Bosworth"] == "person"
    assert kinds["a company spokesperson"] == "anonymous" and kinds["a former Meta employee"] == "anonymous"
    assert kinds["an internal memo"] == "document" and kinds["a security alert"] == "document"
    assert kinds["reports"] == "unspecified"
    kasriel = next(s for s in demo.sources if s.name == "Stephane Kasriel")
    assert sorted({c.article for c in kasriel.citations}) == ["000", "001", "004"]
    for source in demo.sources:
        for citation in source.citations:
            sentence = next(s for a in demo.articles for s in a.sentences if s.id == citation.sentence)
            assert sentence.text[citation.start:citation.end] == citation.text


def test_sources_in_the_fixture_stories() -> None:
    story = _story(FIXTURES / "stories" / "flood-barriers")
    kinds = {s.name: s.kind for s in story.sources}
    assert kinds["Lee Park"] == "person"  # "according to the regional engineer, Dr. Lee Park"
    assert kinds["Wend Valley Council"] == "organisation"
    assert kinds["Ruth Abara"] == "person"  # "Eldham Mayor Ruth Abara": the title is not the name
    story = _story(FIXTURES / "stories" / "port-strike")
    kinds = {s.name: s.kind for s in story.sources}
    assert kinds["Business Today"] == "outlet"  # "a copy of the agreement seen by Business Today"


def test_a_subject_that_counts_people_or_names_a_party_is_no_named_source() -> None:
    # BASIL: "Many said they showed up ..." listed an organisation called "Many" (so "Those", "Everyone");
    # "Rep. Lamar Smith, R-Texas, said" listed one called "R-Texas"; "I've" and "the" were sources too.
    story = _made_up(
        ("One", "Hundreds of thousands of people headed to the restaurants on Wednesday. Many said they showed "
                "up because they agreed with the company's president."),
        ("Two", "The bill has critics in Congress. Rep. Lamar Smith, R-Texas, said the bill would help."),
    )
    kinds = {s.name: s.kind for s in story.sources}
    assert kinds.get("Many") == "anonymous"
    assert "R-Texas" not in kinds


def test_a_title_or_role_and_a_surname_is_a_person() -> None:
    # BASIL: "President Obama" was an organisation in six stories, "Ms. Lauten" a news outlet.
    story = _made_up(
        ("One", "The plan drew fire in Congress on Tuesday. President Obama said the plan would create jobs."),
        ("Two", "The plan drew fire in Congress. Justice Alito said the case was a narrow one."),
    )
    kinds = {s.name: s.kind for s in story.sources}
    assert kinds.get("President Obama") == "person" and kinds.get("Justice Alito") == "person", kinds


def test_a_name_after_initials_and_a_role_is_the_persons_name() -> None:
    # BASIL 2014 (Christie subpoenas): "U.S. Attorney Paul Fishman" was the source "S. Attorney Paul Fishman".
    from generator.text.people import person_names

    assert person_names("Earlier this month, U.S. Attorney Paul Fishman said only that.") == ["Paul Fishman"]
    assert person_names("Defense attorney John Smith said.") == ["John Smith"]
    assert person_names("J.K. Rowling said.") == ["J.K. Rowling"]
    assert person_names("Thomas J. Reese said.") == ["Thomas J. Reese"]


# --- words to examine -----------------------------------------------------------------------

def test_the_lexicon_cites_a_source_for_every_entry_and_has_no_identity_words() -> None:
    entries = lexicon()
    assert len(entries) >= 60
    assert {e.category for e in entries} == set(CATEGORY_NAMES)
    assert {e.source for e in entries} <= set(SOURCE_NAMES)
    phrases = {e.phrase for e in entries}
    assert len(phrases) == len(entries)
    for word in ("immigrant", "migrant", "refugee", "muslim", "christian", "jewish", "gay", "black", "white",
                 "liberal", "conservative", "left-wing", "right-wing", "feminist", "woman", "terrorist", "regime"):
        assert word not in phrases, word


def test_words_to_examine_in_the_demo(demo: Story) -> None:
    found = {(w.article, w.entry, w.category) for w in words_to_examine(demo)}
    assert ("002", "reportedly", "hedge") in found
    assert ("002", "allegedly", "hedge") in found
    assert ("003", "potentially", "hedge") in found
    assert ("004", "controversial", "loaded") in found
    assert ("003", "invasive", "loaded") in found
    assert ("003", "alarms", "loaded") in found


def test_a_word_inside_quotation_marks_is_the_speakers() -> None:
    story = _made_up(("One", "Critics say the plan is “a draconian measure” that allegedly hurts riders."))
    marks = {w.entry: w.quoted for w in story.words}
    assert marks == {"critics say": False, "draconian": True, "allegedly": False}


def test_a_quoted_name_is_no_quotation_and_gets_no_speaker() -> None:
    # BASIL: "Meet the Press" was listed as Netanyahu's words, "Chick-for-Gay" as Nancy Pelosi's, and the
    # event's own name, "Chick-fil-A Appreciation Day", as a quotation three outlets carry.
    story = _made_up(
        ("One", "Netanyahu said on NBC's \u201cMeet the Press\u201d that Iran was close to a bomb. Bachmann urged "
                "her followers to join what became an unofficial \u201cChick-fil-A Appreciation Day.\u201d"),
        ("Two", "Pelosi tweeted her opposition, and a bar introduced a \u201cChick-for-Gay\u201d sandwich. "
                "\u201cWe are getting closer to a bomb every day,\u201d Netanyahu said."),
    )
    texts = [q.text for q in story.quotations]
    assert not any(name in text for text in texts
                   for name in ("Meet the Press", "Chick-fil-A Appreciation Day", "Chick-for-Gay")), texts
    assert any(text.startswith("We are getting closer") for text in texts)


def test_a_sentence_that_reports_another_named_person_saying_it_is_no_paraphrase() -> None:
    # BASIL 2011 (AARP): "Mr. Rother said the group's stance ... was first reported in The Wall Street Journal"
    # was shown as the NYT's paraphrase of what David Certner told the Journal.
    story = _made_up(
        ("One", "\u201cThere was some miscommunication with the Wall Street Journal story about benefit cuts,\u201d "
                "AARP policy director David Certner said."),
        ("Two", "Mr. Rother said there was miscommunication with the Wall Street Journal story about benefit cuts."),
        ("Three", "Mr. Certner said there was miscommunication with the Wall Street Journal story about cuts."),
    )
    quote = _quotation(story, "miscommunication")
    paraphrased = {r.article for r in quote.renderings if r.kind == "paraphrased"}
    assert "a1" not in paraphrased
    assert "a2" in paraphrased  # the person quoted, reported in other words
