"""The classroom worksheet and the grid as CSV (part of the render stage).

The worksheet is a printable page per story: the grid of the facts two or
more outlets report, then discussion questions built from what the
comparison found (names, numbers and dates given differently, quotations
changed or paraphrased, facts left out, sources, words to examine), then the
editor's own questions from `questions:` in `_story.md`. It fits on two pages
of A4 or Letter (tests/test_worksheet.py prints it to PDF to check).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from ..analysis.differences import KINDS
from ..model import Article, Difference, Group, Quotation, Story
from ..text.people import person_names
from .i18n import N_, clauses, gettext, join, quoted
from .views import STATE_SYMBOL, STATE_TEXT, Row, StoryView, story_view

QuestionKind = str
"""A difference kind (name, number, date, attribution, ...), or quotation, omission, sources, words, editor."""
_QUESTION_RANKS = {"quotation": 2.0, "omission": 3.0, "sources": 5.0, "words": 7.0}
"""Order of the questions that are not about a difference kind (those come with their `Kind`)."""

MAX_QUESTIONS = 10
"""Questions made from the comparison; the editor's own come on top of these."""
MAX_GRID_ROWS = 24
"""Facts in the worksheet's grid (the two-page limit); the story page has them all."""
TRUSTED = 0.6
"""A fact the aligner groups with at least this confidence goes on the worksheet without an editor's check."""


def trusted(group: Group) -> bool:
    """Fit for a class: confirmed by an editor, or grouped with high confidence (or no probabilities to
    doubt it: a one-outlet fact, a fact an editor merged, the lexical path)."""
    return group.verdict == "confirmed" or group.confidence is None or group.confidence >= TRUSTED


@dataclass(slots=True)
class Question:
    kind: QuestionKind
    text: str
    anchor: str | None = None
    """Where on the story page to look (a fact or quotation id)."""


@dataclass(slots=True)
class Worksheet:
    story: Story
    rows: list[Row]
    """Facts reported by two or more outlets, in story order."""
    more_rows: int
    """Shared facts left off the sheet for space."""
    unsure: int
    """Shared facts left off because neither an editor nor the aligner is sure of them."""
    single: int
    """Facts only one outlet reports (not on the sheet)."""
    questions: list[Question]


def worksheet(story: Story, view: StoryView | None = None) -> Worksheet:
    view = view or story_view(story)
    # The most widely reported first: what a two-page sheet keeps; only facts a class can trust.
    shared = [row for row in view.shared_rows if trusted(row.group)]
    return Worksheet(story=story, rows=shared[:MAX_GRID_ROWS], more_rows=max(0, len(shared) - MAX_GRID_ROWS),
                     unsure=len(view.shared_rows) - len(shared),
                     single=sum(1 for row in view.rows if row.reported_by < 2),
                     questions=questions(story) + [Question("editor", q) for q in story.questions])


# --- questions ------------------------------------------------------------------------------------

def questions(story: Story, limit: int = MAX_QUESTIONS) -> list[Question]:
    """Discussion questions from what the comparison found, the most telling first."""
    if len(story.articles) < 2:
        return []
    outlets = {a.id: a.outlet for a in story.articles}
    by_kind: dict[str, list[Question]] = {}
    seen: set[tuple[str, frozenset[str]]] = set()
    for group in story.groups:
        if not trusted(group):
            continue
        for difference in group.differences:
            kind = KINDS[difference.kind]
            if kind.question is None:
                continue
            values = _values(difference, outlets)
            key = (difference.kind, frozenset(t.casefold() for _, ts in values for t in ts))
            if len(values) < 2 or key in seen:
                continue
            seen.add(key)
            by_kind.setdefault(difference.kind, []).append(
                Question(difference.kind, f"{_said(values, kind.said)}. {gettext(kind.question)}", group.id))
    for quotation in story.quotations:
        question = _quotation_question(quotation, outlets)
        if question:
            by_kind.setdefault("quotation", []).append(question)
    by_kind["omission"] = _omission_questions(story, outlets)
    source_question = _sources_question(story, outlets)
    if source_question:
        by_kind["sources"] = [source_question]
    words_question = _words_question(story, outlets)
    if words_question:
        by_kind["words"] = [words_question]
    # Take the kinds in turn, so that one kind cannot fill the sheet.
    ranks = {**{name: registered.question_rank for name, registered in KINDS.items()}, **_QUESTION_RANKS}
    order = sorted(by_kind, key=lambda k: (ranks[k], k))
    chosen: list[Question] = []
    while len(chosen) < limit and any(by_kind.get(k) for k in order):
        for name in order:
            if by_kind.get(name) and len(chosen) < limit:
                chosen.append(by_kind[name].pop(0))
    return chosen


def _values(difference: Difference, outlets: dict[str, str]) -> list[tuple[list[str], list[str]]]:
    """(outlets, texts) with outlets that word it alike put together: [(["Source 001", "Source 004"], [...])]."""
    texts: dict[str, list[str]] = {}
    for value in difference.values:
        said = texts.setdefault(value.article, [])
        if value.text not in said:
            said.append(value.text)
    together: dict[tuple[str, ...], list[str]] = {}
    for article, said in texts.items():
        together.setdefault(tuple(t.casefold() for t in said), []).append(article)
    return [([outlets[a] for a in articles], texts[articles[0]]) for articles in together.values()]


def _said(values: list[tuple[list[str], list[str]]], verb: tuple[str, str]) -> str:
    """'Source 000 says “x”; Source 001 and Source 002 say “y”' (`verb`: singular and plural)."""
    parts = []
    for outlets_, texts in values:
        parts.append(gettext("%(outlets)s %(verb)s %(words)s", outlets=join(outlets_),
                             verb=gettext(verb[1] if len(outlets_) > 1 else verb[0]),
                             words=join([quoted(t) for t in texts])))
    return clauses(parts)


def _quotation_question(quotation: Quotation, outlets: dict[str, str]) -> Question | None:
    quoted_ = [r for r in quotation.renderings if r.kind != "paraphrased"]
    speaker = quotation.speaker or gettext("the speaker")
    changed = [r for r in quoted_ if r.kind in ("trimmed", "altered")]
    if changed and len(quoted_) >= 2:
        full = next((r for r in quoted_ if r.kind == "verbatim"), quoted_[0])
        other = changed[0]
        message = (N_("%(full)s quotes %(speaker)s: %(words)s. %(other)s shortens it: %(changed)s. What is left "
                      "out or changed, and does it change the meaning?") if other.kind == "trimmed" else
                   N_("%(full)s quotes %(speaker)s: %(words)s. %(other)s changes it: %(changed)s. What is left "
                      "out or changed, and does it change the meaning?"))
        return Question("quotation", gettext(message, full=outlets[full.article], speaker=speaker,
                                             words=quoted(_clip(full.text)), other=outlets[other.article],
                                             changed=quoted(_clip(other.text))), quotation.id)
    speakers = {r.article: r.speaker for r in quoted_ if r.speaker}
    named = {a for a, r in ((r.article, r) for r in quoted_) if person_names(r.refers_to or r.speaker or "")}
    if len(set(speakers.values())) >= 2 and named and len(named) < len(quoted_):
        parts = join([gettext("%(outlet)s to %(speaker)s", outlet=outlets[a], speaker=quoted(s))
                      for a, s in speakers.items()])
        return Question("quotation", gettext("The same quotation (%(words)s) is attributed by %(parts)s. Why might "
                                             "one outlet name the speaker and another not? Does it matter to you?",
                                             words=quoted(_clip(quotation.text, 10)), parts=parts), quotation.id)
    paraphrased = [r for r in quotation.renderings if r.kind == "paraphrased"]
    if quoted_ and paraphrased:
        return Question("quotation", gettext("%(outlet)s reports %(speaker)s's words without quotation "
                                             "marks; %(other)s quotes them. Compare the two: what is gained or lost?",
                                             outlet=outlets[paraphrased[0].article], speaker=speaker,
                                             other=outlets[quoted_[0].article]), quotation.id)
    return None


def _clip(text: str, words: int = 16) -> str:
    split = text.split()
    return text if len(split) <= words else " ".join(split[:words]) + " …"


def _omission_questions(story: Story, outlets: dict[str, str]) -> list[Question]:
    groups = {g.id: g for g in story.groups}
    candidates: list[tuple[int, int, str, Group]] = []
    for omission in story.omissions:
        for position, group_id in enumerate(omission.groups):
            group = groups[group_id]
            if not trusted(group):
                continue
            reporting = len({m.article for m in group.members})
            # What an editor confirmed is left out comes first.
            candidates.append((-reporting - 100 * (group_id in omission.confirmed), position, omission.article,
                               group))
    candidates.sort(key=lambda c: (c[0], c[1]))
    result, asked = [], set()
    for _, _, article, group in candidates:
        if article in asked:
            continue
        asked.add(article)
        reporting = len({m.article for m in group.members})
        result.append(Question("omission", gettext("%(outlet)s does not report that %(fact)s, which %(n)s other "
                                                   "outlets report. Why might it leave this out?",
                                                   outlet=outlets[article], fact=quoted(group.label), n=reporting),
                               group.id))
    return result


def _sources_question(story: Story, outlets: dict[str, str]) -> Question | None:
    if not story.sources:
        return None
    unnamed: dict[str, int] = {}
    named: dict[str, int] = {}
    for source in story.sources:
        for article in dict.fromkeys(c.article for c in source.citations):
            bucket = named if source.named else unnamed
            bucket[article] = bucket.get(article, 0) + 1
    cited_outlets = [s for s in story.sources if s.kind == "outlet"]
    if cited_outlets:
        by_article: dict[str, list[str]] = {}
        for source in cited_outlets:
            for article in dict.fromkeys(c.article for c in source.citations):
                by_article.setdefault(article, []).append(source.name)
        parts = join([gettext("%(outlet)s cites %(sources)s", outlet=outlets[a], sources=join(names))
                      for a, names in by_article.items()])
        return Question("sources", gettext("%(parts)s. Why do outlets report what other outlets reported, and what "
                                           "would you check before repeating it?", parts=parts))
    if unnamed:
        most = max(unnamed, key=lambda a: unnamed[a] - named.get(a, 0))
        return Question("sources", gettext("%(outlet)s relies on sources it does not name. Which are they, and "
                                           "why might a source not be named?", outlet=outlets[most]))
    return None


def _words_question(story: Story, outlets: dict[str, str]) -> Question | None:
    texts = {s.id: s.text for a in story.articles for s in a.sentences}
    for category in ("loaded", "hedge", "report-verb"):
        for mark in story.words:
            if mark.category == category and not mark.quoted and texts.get(mark.sentence):
                word = texts[mark.sentence][mark.start:mark.end]
                ask = {"loaded": N_("What plainer word would do, and what does this one add?"),
                       "hedge": N_("Who is unsure here, and do the other articles confirm it?"),
                       "report-verb": N_("Would “said” change the meaning?")}[category]
                return Question("words", gettext("%(outlet)s writes %(word)s: %(sentence)s %(question)s",
                                                 outlet=outlets[mark.article], word=quoted(word),
                                                 sentence=quoted(_clip(texts[mark.sentence], 18)),
                                                 question=gettext(ask)))
    return None


# --- the grid as CSV ------------------------------------------------------------------------------

def grid_csv(story: Story, view: StoryView | None = None) -> bytes:
    """One row per fact: its label, how many outlets report it, and each outlet's state and words.

    UTF-8 with a byte-order mark, so that spreadsheet programs read the accents right. A cell that a
    spreadsheet would run as a formula (=, +, -, @) is prefixed with an apostrophe.
    """
    view = view or story_view(story)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    outlets: list[Article] = story.articles
    writer.writerow([_cell(v) for v in [gettext("fact"), gettext("label"), gettext("reported by"),
                                        *[a.outlet for a in outlets],
                                        *[gettext("%(outlet)s: words", outlet=a.outlet) for a in outlets]]])
    for row in view.rows:
        words = []
        for cell in row.cells:
            text = " ".join(s.before + "".join(seg.text for seg in s.segments) + s.after if not s.withheld
                            else gettext("[not in the excerpt]") for s in cell.sentences)
            words.append(text)
        writer.writerow([_cell(v) for v in [row.group.id, row.group.label, str(row.reported_by),
                                             *[gettext(STATE_TEXT[c.state]).lower() for c in row.cells], *words]])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _cell(value: str) -> str:
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def symbol(state: str) -> str:
    return STATE_SYMBOL[state]
