"""The lexicon of words to examine: hedges, report verbs that carry a judgement, loaded words.

Hand-curated in `data/words_to_examine.tsv`, each entry with its category and
the source it comes from. The examine stage marks the entries in the
articles; the pages name the categories and ask their questions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import cast

from ..model import WordCategory
from .messages import N_

LEXICON = Path(__file__).resolve().parent / "data" / "words_to_examine.tsv"

CATEGORY_NAMES: dict[str, str] = {"hedge": N_("Hedge"), "report-verb": N_("Report verb"),
                                     "loaded": N_("Loaded word")}
CATEGORY_QUESTIONS: dict[str, str] = {
    "hedge": N_("A hedge softens or distances a claim. Who is unsure, and why? Is the claim checked?"),
    "report-verb": N_("This verb for saying carries a judgement (“admitted” suggests a fault, “claimed” doubt). "
                      "Would “said” change the meaning?"),
    "loaded": N_("This word carries feeling or judgement beyond the facts. What plainer word would do, "
                 "and who chose this one?"),
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


@lru_cache(maxsize=1 << 16)
def find_entries(text: str) -> tuple[tuple[int, int, Entry], ...]:
    """(start, end, entry) of every lexicon phrase in `text`, in order (remembered: a rebuild inside
    `parallax serve` looks again at the sentences an edit left as they were)."""
    pattern, entries = _pattern()
    return tuple((match.start(), match.end(), entries[re.sub(r"\s+", " ", match.group().lower())])
                 for match in pattern.finditer(text))
