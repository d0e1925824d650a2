"""Attribution: who said or reported it ("a company spokesperson" / "Meta spokesperson Tracy Clayton")."""

from __future__ import annotations

import itertools

from ...model import Difference
from ...text.lexicon import MONTHS, WEEKDAYS, normal_word
from ...text.people import ATTRIBUTION_VERBS, PRONOUNS
from ...text.tokens import Token, attribution_span
from .base import Found, Item, Kind, difference, differs, is_year, register

_PRONOUNS = PRONOUNS | {"you", "his", "her", "their"}
# Words of an attribution that are not the source: the speech verb, and the words around it.
_NOT_SOURCE = ATTRIBUTION_VERBS | {"say", "tell", "confirm", "reports", "according", "to", "that", "on", "in"}


# Heads of a phrase that names a source: people by role, groups, documents, outlets' products.
_SOURCE_STEMS = frozenset("""
spokesperson spokesman spokeswoman spokespeopl offici execut presid vice ceo cto chief director minist
secretari engin analyst expert polic council union author agenc report repres resid wit wit employe
worker staff sourc statement memo screenshot document letter survey studi poll investig prosecutor
lawyer attorney judg court govern administr ministri depart mayor governor senat lawmak leader chair
chairman chairwoman founder owner manag board committe forecast scientist research doctor advoc activist
critic campaign campaign coalit group organ associ spokespeopl insid whistleblow
""".split())


def _attribution(item: Item) -> Found | None:
    span = attribution_span(item.analysis)
    if span is None:
        return None
    tokens = item.analysis.tokens[span[0]:span[1]]
    start, end = item.span
    if not any(start <= t.start < end for t in tokens):
        return None
    source = [t for t in tokens if t.kind != "punct" and t.norm not in _NOT_SOURCE and not _is_date_word(t)]
    if not source or all(t.norm in _PRONOUNS for t in source):
        return None
    capitals = [t for t in source if t.text[:1].isupper()]
    via_report = any(t.norm in ("according", "reported") for t in tokens)
    named_person_or_outlet = any(a.end + 1 >= b.start and b.text[:1].isupper()
                                 for a, b in itertools.pairwise(capitals))
    if not (any(t.stem in _SOURCE_STEMS for t in source) or named_person_or_outlet or (via_report and capitals)):
        return None  # "Meta confirmed", "The company argues": the actor, not a source
    key = tuple(normal_word(t.text) for t in source if t.norm not in ("a", "an", "the"))
    text_tokens = [t for t in tokens if t.kind != "punct" or t.text in ("'",)]
    comma = next((i for i, t in enumerate(tokens) if t.text == ","), None)
    if comma is not None and span[0] == 0:
        lead = [t for t in tokens[:comma] if t.kind != "punct"]
        if lead and not any(t.capitalized or t.stem in _SOURCE_STEMS for t in lead):
            text_tokens = [t for t in text_tokens if t.start > tokens[comma].start]  # "Just recently, X said"
    while text_tokens and (text_tokens[0].norm in ("according", "to", "on") or _is_date_word(text_tokens[0])):
        text_tokens = text_tokens[1:]
    while text_tokens and text_tokens[-1].norm in _NOT_SOURCE:
        text_tokens = text_tokens[:-1]
    while text_tokens and text_tokens[0].norm in _NOT_SOURCE - {"on", "in"}:
        text_tokens = text_tokens[1:]  # "..., said union secretary Maria Okafor"
    if not text_tokens:
        return None
    return Found(item, text_tokens[0].start, text_tokens[-1].end, key)


def _is_date_word(token: Token) -> bool:
    return token.norm.rstrip(".") in WEEKDAYS or token.norm.rstrip(".") in MONTHS or is_year(token)


@register(Kind(name="attribution", title="Source", verb="cites a different source", legend="source", mark_rank=4,
               question="Who is the source in each, and does it change how far you would trust the fact?",
               said=("credits", "credit"), question_rank=4))
def attributions(items: list[Item]) -> list[Difference]:
    """Who said or reported it: "a company spokesperson" / "Meta spokesperson Tracy Clayton"; Reuters / Wired."""
    renderings = [found for item in items if (found := _attribution(item)) is not None]
    if len({r.item.article for r in renderings}) < 2 or not differs(renderings):
        return []
    # One named person described differently ("union secretary Maria Okafor" / "Union leader Marie
    # Okafor") is not a different source; a misspelt name is the name detector's business.
    people = {_surname(r) for r in renderings}
    if len(people) == 1 and None not in people:
        return []
    return [difference("attribution", renderings)]


def _surname(found: Found) -> str | None:
    """The last word of the last full name (two capitalized words or more) in an attribution."""
    words = found.text.replace("’", "'").split()
    surname = None
    run = 0
    for word in words:
        if word[:1].isupper():
            run += 1
            if run >= 2:
                surname = word.strip(",.'s").casefold()
        else:
            run = 0
    return surname
