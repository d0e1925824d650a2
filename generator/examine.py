"""Examine stage: what a media-literacy class looks at, after the comparison.

Three readings of the compared story, each for one skill:

- **quotations** (generator/quotes.py): who is quoted, and whether each
  outlet quotes verbatim, trims, alters or paraphrases;
- **sources** (generator/sources.py): whom each article cites, named or not;
- **words to examine** (this module): hedges, report verbs that carry a
  judgement and loaded words, from the hand-curated lexicon
  `generator/data/words_to_examine.tsv`. They are questions to ask of a text,
  never a verdict on an outlet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import cast

from .model import Quotation, Source, Story, WordCategory, WordMark
from .quotes import QUOTATION, quotations
from .sources import sources

LEXICON = Path(__file__).resolve().parent / "data" / "words_to_examine.tsv"

CATEGORY_NAMES: dict[str, str] = {"hedge": "Hedge", "report-verb": "Report verb", "loaded": "Loaded word"}
CATEGORY_QUESTIONS: dict[str, str] = {
    "hedge": "A hedge softens or distances a claim. Who is unsure, and why? Is the claim checked?",
    "report-verb": "This verb for saying carries a judgement (“admitted” suggests a fault, “claimed” doubt). "
                   "Would “said” change the meaning?",
    "loaded": "This word carries feeling or judgement beyond the facts. What plainer word would do, "
              "and who chose this one?",
}
SOURCE_NAMES: dict[str, str] = {
    "recasens2013": "Recasens, Danescu-Niculescu-Mizil and Jurafsky (2013), “Linguistic Models for Analyzing "
                    "and Detecting Biased Language”, ACL 2013",
    "wp-wtw": "Wikipedia, “Manual of Style/Words to watch” (CC BY-SA 4.0)",
    "parallax": "chosen by the Parallax maintainers for this category",
}


@dataclass(frozen=True, slots=True)
class Entry:
    phrase: str
    category: WordCategory
    source: str


@dataclass(slots=True)
class Examined:
    quotations: list[Quotation]
    sources: list[Source]
    words: list[WordMark]


def examine_story(story: Story) -> Examined:
    """Quotations, sources and words to examine of a compared story."""
    return Examined(quotations=quotations(story), sources=sources(story), words=words_to_examine(story))


@cache
def lexicon() -> tuple[Entry, ...]:
    """The entries of words_to_examine.tsv (comment lines start with #)."""
    entries = []
    for number, line in enumerate(LEXICON.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        phrase, category, source = line.split("\t")
        if category not in CATEGORY_NAMES or source not in SOURCE_NAMES:
            raise ValueError(f"{LEXICON.name}:{number}: unknown category or source in {line!r}")
        entries.append(Entry(phrase=phrase.strip().lower(), category=cast(WordCategory, category), source=source))
    return tuple(entries)


@cache
def _pattern() -> tuple[re.Pattern[str], dict[str, Entry]]:
    entries = {e.phrase: e for e in lexicon()}
    alternatives = sorted(entries, key=len, reverse=True)  # longest first: "may have" before "may"
    body = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in alternatives)
    return re.compile(rf"(?<![\w’'-])(?:{body})(?![\w’'-])", re.IGNORECASE), entries


def words_to_examine(story: Story) -> list[WordMark]:
    """Every lexicon phrase in the articles' sentences; those inside quotation marks are the speaker's."""
    pattern, entries = _pattern()
    marks = []
    for article in story.articles:
        for sentence in article.sentences:
            quoted = [m.span() for m in QUOTATION.finditer(sentence.text)]
            for match in pattern.finditer(sentence.text):
                entry = entries[re.sub(r"\s+", " ", match.group().lower())]
                marks.append(WordMark(article=article.id, sentence=sentence.id, start=match.start(),
                                      end=match.end(), entry=entry.phrase, category=entry.category,
                                      quoted=any(a <= match.start() < b for a, b in quoted)))
    return marks
