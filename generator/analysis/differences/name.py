"""Names: one name spelled or given differently ("Model Compatibility Initiative" / "Model Capability Initiative")."""

from __future__ import annotations

import difflib
from functools import lru_cache
from typing import cast

from ...model import Difference
from ...text.lexicon import MONTHS, STOPWORDS, WEEKDAYS, normal_word
from ...text.messages import N_
from ...text.people import NAME_JOINERS, ROLES_BEFORE_NAMES, TITLES
from ...text.tokens import Token
from ...text.variants import one_name, one_person
from .base import Found, Item, Kind, apart, difference, differs, register, shortened

_GROUP_ENDINGS = ("an", "crat", "ist", "ite")
"""Stems of words for a party, a people or a follower ("republican", "democrat"): their plural or adjective
is the same name in another form. A surname is not one: "Park" / "Parks" are two names."""
_PEOPLE_OF = ("n", "an", "ian", "er")
"""What turns a place into its people ("Missouri" / "Missourian", "America" / "American", "New Zealand" /
"New Zealander")."""


def _same_word(x: str, y: str) -> bool:
    """Two stems of one name in two grammatical forms: "republican" (Republicans) / "republican"
    (Republican), "democrat" (Democratic) / "democrat" (Democrats), "missouri" / "missourian"."""
    if x == y:
        return True
    short, long = sorted((x, y), key=len)
    if len(short) >= 4 and long == short + "a" and short.endswith("i"):
        return True  # a people and its land: "Somali" / "Somalia"
    return len(short) >= 4 and long.startswith(short) and long[len(short):] in _PEOPLE_OF


def _title_case(tokens: list[Token]) -> bool:
    """A headline in title case ("White House Used Bill Clinton"): its capitals tell no name from a verb."""
    words = [t for t in tokens if t.kind == "word" and t.norm not in STOPWORDS]
    return len(words) >= 4 and all(t.text[:1].isupper() for t in words)


def _names(item: Item) -> list[tuple[Found, tuple[str, ...]]]:
    """The names of a member, each with its words as `_same_word` compares them (a group word by its stem)."""
    tokens = item.tokens()
    found: list[tuple[Found, tuple[str, ...]]] = []
    run: list[Token] = []
    if _title_case(tokens):
        return found

    def close() -> None:
        parts: list[list[Token]] = [[]]
        for token in run:
            if token.norm.rstrip(".") in TITLES or token.norm in ROLES_BEFORE_NAMES:
                parts.append([])
            else:
                parts[-1].append(token)
        for words in parts:
            while words and words[-1].norm in NAME_JOINERS:
                words.pop()
            while words and words[0].norm in NAME_JOINERS:
                words.pop(0)
            if words:
                key = tuple(normal_word(t.text).rstrip(".") for t in words)
                found.append((Found(item, words[0].start, words[-1].end, key),
                              tuple(t.stem if t.stem.endswith(_GROUP_ENDINGS) else t.norm for t in words)))
        run.clear()

    for index, token in enumerate(tokens):
        starts_upper = token.kind == "word" and token.text[:1].isupper()
        sentence_start = index == 0 or (tokens[index - 1].kind == "punct" and tokens[index - 1].text in ('"', "“", "(", "‘"))
        name_like = starts_upper and (token.capitalized or (sentence_start and token.norm not in STOPWORDS
                                                             and index + 1 < len(tokens) and tokens[index + 1].text[:1].isupper()))
        if (name_like and token.norm not in MONTHS and token.norm not in WEEKDAYS) or (run and token.norm in NAME_JOINERS):
            run.append(token)
        elif run and token.text in ('"', "“", "”") and index + 1 < len(tokens) and tokens[index + 1].capitalized:
            continue  # Andrew "Boz" Bosworth
        else:
            close()
    close()
    return found


@lru_cache(maxsize=1 << 16)
def _similar_names(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Same name rendered differently: as long, sharing a word, and every other word a near miss
    (remembered: a story of many outlets compares the same names again and again)."""
    if a == b or len(a) != len(b):
        return False
    different = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    if len(different) == len(a):
        return len(a) == 1 and _ratio(a[0], b[0], 0.8)
    return all(_ratio(x, y, 0.5) for x, y in different)


def _ratio(x: str, y: str, at_least: float) -> bool:
    """difflib's similarity ratio of two words is at least `at_least` (cheap upper bounds first)."""
    matcher = difflib.SequenceMatcher(None, x, y)
    return matcher.real_quick_ratio() >= at_least and matcher.quick_ratio() >= at_least \
        and matcher.ratio() >= at_least


@register(Kind(name="name", title=N_("Name"), verb="gives a different name", legend=N_("name"), mark_rank=0,
               question=N_("Which name is right, and how could you find out?"), said=(N_("calls it"), N_("call it")),
               question_rank=0, weight=1))
def names(items: list[Item]) -> list[Difference]:
    """Names spelled or given differently: "Model Compatibility Initiative" / "Model Capability Initiative"."""
    named = [found for item in items for found in _names(item)]
    bases = {id(rendering): base for rendering, base in named}
    clusters: list[list[Found]] = []
    for rendering, _ in named:
        for cluster in clusters:
            if any(c.key == rendering.key or _similar_names(c.key, rendering.key) for c in cluster):
                cluster.append(rendering)
                break
        else:
            clusters.append([rendering])
    return [difference("name", cluster) for cluster in clusters
            if len({r.item.article for r in cluster}) >= 2 and differs(cluster)
            and apart(cluster, lambda r: bases[id(r)], _same_name)]


def _same_name(a: object, b: object) -> bool:
    """Two names (as `_names` gives their words) that differ only in grammar: not "Republicans" /
    "Republican"."""
    first, second = cast("tuple[str, ...]", a), cast("tuple[str, ...]", b)
    if len(first) != len(second):
        return False
    if one_person(first, second, lambda x, y: _same_word(x, y) or shortened(x, y) or one_name(x, y)):
        return True
    # "Oscars" / "Oscar", "Greeks" / "Greek", "Fisheries Services" / "Fisheries Service": a plural. Not in a
    # name of two words, a person's ("Lee Park" / "Lee Parks" are two people).
    # So is a plural inside a longer name ("Central Election(s) Commission").
    differing = [(x, y) for x, y in zip(first, second, strict=True) if x != y]
    return len(first) != 2 and len(differing) == 1 and _plural(*differing[0])


def _plural(x: str, y: str) -> bool:
    short, long = sorted((x, y), key=len)
    return len(short) >= 3 and long in (short + "s", short + "es")
