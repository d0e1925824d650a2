"""What is counted: the same number of different things ("nearly 90 faculty members and priests" /
"nearly 90 professors and administrators"): the count agrees, who or what it counts does not."""

from __future__ import annotations

import re

from ...model import Difference
from ...text.lexicon import stem
from ...text.messages import N_
from ...text.tokens import Token
from .base import Found, Item, Kind, difference, register
from .number import _UNITS, _quantities

_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)\b")
_CLOCK = frozenset({"w:am", "w:pm"})
"""What "a.m." and "p.m." stand for: the number before them is a time of day, not a count."""
_MEASURES = frozenset(f"w:{stem(word)}" for word in (*_UNITS, "caliber", "calibre", "gauge", "magnitude", "degree"))
"""What a number measures rather than counts: a time, a length, a bore."""


def _phrase_end(tokens: list[Token], start: int, end: int) -> int:
    """The end offset of the counted noun phrase from `end` on: the nouns that follow, and after "and" or
    "or" the next ones ("faculty members and priests"); a participle ("connected", "living") ends it."""
    after = [t for t in tokens if t.start >= end]
    stop, index, joined = end, 0, False
    while index < len(after) and index < 8:
        token = after[index]
        if token.kind == "word" and token.content and not token.norm.endswith(("ed", "ing")):
            stop = token.end
        elif token.norm in ("and", "or") and not joined and stop > start:
            joined = True
        else:
            break
        index += 1
    return stop


def _nouns(tokens: list[Token], start: int, end: int) -> tuple[frozenset[str], ...]:
    """The content words of the counted phrase, each as what it can match (its stem, its paraphrase classes)."""
    return tuple(frozenset(c for c in t.concepts if c.startswith(("w:", "c:")))
                 for t in tokens if start <= t.start < end and t.kind == "word" and t.content and t.concepts)


def _unmatched(first: tuple[frozenset[str], ...], second: tuple[frozenset[str], ...]) -> bool:
    """A noun of one phrase that matches no noun of the other ("priests" against "professors and
    administrators")."""
    return any(not any(a & b for b in second) for a in first) or any(not any(b & a for a in first) for b in second)


@register(Kind(name="counted", title=N_("What is counted"), verb="counts something else", legend=N_("what is counted"),
               mark_rank=2, question=N_("The number is the same; what it counts is not. Who or what is it?"),
               question_rank=1.5, weight=1))
def counted(items: list[Item]) -> list[Difference]:
    """One count, different things counted, in sentences that state one fact."""
    found: dict[str, list[tuple[Found, tuple[frozenset[str], ...]]]] = {}
    for item in items:
        tokens = item.tokens()
        for quantity in _quantities(item):
            plain = {h for h in quantity.head if h.startswith(("w:", "c:"))} - _CLOCK
            if plain & _MEASURES:
                continue  # a length of time or a measure ("a 90-day stay" / "90-day court-ordered rehab",
                # "15 years" / "a 15-year department veteran", "a .357 caliber revolver" / "gun")
            if not quantity.in_digits or not plain or float(quantity.value) < 3 \
                    or not float(quantity.value).is_integer() or _ORDINAL.match(item.text, quantity.start):
                continue  # a count of people or things in digits, not "one", a label, an amount, a percentage,
                # a time of day ("3:30 a.m."), a measure ("a magnitude of 5.9") or a rank ("67th Precinct")
            end = _phrase_end(tokens, quantity.start, quantity.end)
            nouns = _nouns(tokens, quantity.start, end)
            found.setdefault(quantity.value, []).append((Found(item, quantity.start, end, nouns), nouns))
    differences = []
    for renderings in found.values():
        if len({r.item.article for r, _ in renderings}) < 2:
            continue
        # Only lists of who or what is counted ("faculty members and priests"): one noun against another
        # ("ships" / "vessels") is far more often the same thing in other words.
        if any(_unmatched(a, b) and min(len(a), len(b)) >= 2 for i, (ra, a) in enumerate(renderings)
               for rb, b in renderings[i + 1:] if ra.item.article != rb.item.article):
            differences.append(difference("counted", [r for r, _ in renderings]))
    return differences
