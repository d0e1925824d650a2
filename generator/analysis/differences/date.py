"""Dates: one date given differently ("Monday, June 22" / "On Monday", "July 1" / "next month")."""

from __future__ import annotations

import re

from ...model import Difference
from ...text.lexicon import MONTHS, WEEKDAYS, stem
from ...text.messages import N_
from ...text.tokens import Token, is_reporting
from ..unionfind import UnionFind
from .base import Found, Item, Kind, apart, difference, differs, is_year, register

_RELATIVE = re.compile(
    r"\b(?:today|yesterday|tomorrow|tonight|(?:last|next|this|earlier this|later this) "
    r"(?:week|weekend|month|year|spring|summer|autumn|fall|winter)|(?:\w+ )?(?:days|weeks|months|years) ago)\b",
    re.IGNORECASE)


def _dates(item: Item) -> list[Found]:
    tokens = item.tokens()
    found: list[Found] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        word = token.norm.rstrip(".")
        is_month = word in MONTHS and (token.text[:1].isupper()) and (word != "may" or _next_is_number(tokens, index))
        if word in WEEKDAYS or is_month or (is_year(token) and _year_context(tokens, index)):
            start = index
            parts: set[tuple[str, object]] = set()
            before = tokens[index - 1] if index else None
            if is_month and before is not None and before.kind == "number" and before.value is not None \
                    and 1 <= before.value <= 31 and float(before.value).is_integer() and not is_year(before):
                start = index - 1  # "5 November", as British outlets write it
                parts.add(("day", int(before.value)))
            end = index
            k = index
            while k < len(tokens):
                current = tokens[k]
                w = current.norm.rstrip(".")
                if w in WEEKDAYS:
                    parts.add(("weekday", w[:3]))
                elif w in MONTHS and current.text[:1].isupper():
                    parts.add(("month", MONTHS[w]))
                elif current.kind == "number" and current.value is not None and is_year(current):
                    parts.add(("year", int(current.value)))
                elif current.kind == "number" and current.value is not None and 1 <= current.value <= 31 \
                        and ("month" in {p[0] for p in parts} or _next_is_month(tokens, k)):
                    parts.add(("day", int(current.value)))
                elif current.text == "." and k > index and tokens[k - 1].norm in MONTHS \
                        and len(tokens[k - 1].norm) <= 4 and _next_is_number(tokens, k):
                    k += 1  # "Feb. 15": the full stop of an abbreviated month
                    continue
                elif current.text == "," and k + 1 < len(tokens) and (
                        tokens[k + 1].kind == "number" or tokens[k + 1].norm.rstrip(".") in MONTHS):
                    k += 1
                    continue
                else:
                    break
                end = k
                k += 1
            if parts:
                # Keep the preposition: "on Monday, June 22", "in April", "since 2019".
                if start > 0 and tokens[start - 1].norm in ("on", "in", "since", "until", "by", "from", "last",
                                                             "next", "this", "early", "late"):
                    start -= 1
                found.append(Found(item, tokens[start].start, tokens[end].end, frozenset(parts)))
            index = end + 1
            continue
        index += 1
    start, end = item.span
    for match in _RELATIVE.finditer(item.text, start, end):
        found.append(Found(item, match.start(), match.end(), frozenset({("relative", match.group().lower())})))
    return found


def _next_is_number(tokens: list[Token], index: int) -> bool:
    return index + 1 < len(tokens) and tokens[index + 1].kind == "number"


def _next_is_month(tokens: list[Token], index: int) -> bool:
    return index + 1 < len(tokens) and tokens[index + 1].norm.rstrip(".") in MONTHS


def _year_context(tokens: list[Token], index: int) -> bool:
    return index > 0 and tokens[index - 1].norm in ("in", "since", "of", "until", "by", "from", "early", "late")


_GRAINS = (("year", "year"), ("month", "month"), ("week", "week"), ("day", "day"), ("today", "day"),
           ("yesterday", "day"), ("tomorrow", "day"), ("tonight", "day"), ("spring", "season"),
           ("summer", "season"), ("autumn", "season"), ("fall", "season"), ("winter", "season"))
"""The grain of a relative date by a word in it ("last year": a year, "yesterday": a day)."""


def relative_at_its_grain(cluster: list[Found]) -> bool:
    """A date given relative to the day an article was written ("yesterday", "last year") beside dates given
    outright at the same grain ("on Thursday", "since 2012"): read on its day it is the same date or another,
    never only a less precise one. The annotators of real stories count "since 2012" / "last year" (writing
    in 2013) as no difference. At a coarser grain it is less precise ("next month" / "July 1")."""
    keys: list[frozenset[tuple[str, object]]] = [r.key for r in cluster]  # type: ignore[misc]
    relative = [next((grain for word, grain in _GRAINS if word in str(v)), "")
                for key in keys for k, v in key if k == "relative"]
    absolute = [_finest(key) for key in keys if not any(k == "relative" for k, _ in key)]
    return bool(relative) and bool(absolute) and set(relative) == set(absolute)


def _finest(key: frozenset[tuple[str, object]]) -> str:
    kinds = {kind for kind, _ in key}
    return "day" if kinds & {"day", "weekday"} else "month" if "month" in kinds else "year"


_WEEKS_AGO = re.compile(r"\b(?:two|three|four|five|six|several|few|\d+) (?:weeks|months|years) ago")


def _same_date_slot(a: Found, b: Found) -> bool:
    """Two dates that may be the same one: they share a part ("Monday" in "On Monday" and "Monday, June 22"),
    have the same shape ("June 18" / "June 19"), or one is relative at the other's grain ("next month" / "July 1")."""
    if a.item is b.item:
        return False  # two dates in one sentence are two different things
    ka: frozenset[tuple[str, object]] = a.key  # type: ignore[assignment]
    kb: frozenset[tuple[str, object]] = b.key  # type: ignore[assignment]
    if ka & kb:
        return True
    kinds_a, kinds_b = {k for k, _ in ka}, {k for k, _ in kb}
    if kinds_a == kinds_b and "relative" not in kinds_a:
        return True
    for relative, absolute in ((ka, kinds_b), (kb, kinds_a)):
        words = [str(v) for k, v in relative if k == "relative"]
        if any(_WEEKS_AGO.search(word) for word in words) and absolute <= {"weekday"}:
            continue  # "three weeks ago" / "Sunday": a bare weekday is a day of the week just gone or to come
        # a week is taken at a day's grain here: "this week" may be the week of "Monday"
        grains = {"day" if grain == "week" else grain for word in words for token, grain in _GRAINS if token in word}
        if ("month" in grains and "month" in absolute) or ("day" in grains and absolute & {"weekday", "day"}) \
                or ("year" in grains and "year" in absolute):
            return True
    return False


def date_clusters(items: list[Item]) -> list[list[Found]]:
    """The renderings of each date that at least two articles give differently (the key of a rendering is
    the set of its parts: weekday, day, month, year, or a relative date)."""
    renderings = [found for item in items for found in _dates(item)]
    sets = UnionFind(len(renderings))
    for i, a in enumerate(renderings):
        for j in range(i + 1, len(renderings)):
            if _same_date_slot(a, renderings[j]):
                sets.union(i, j)
    clusters = [[renderings[i] for i in group] for group in sets.groups()]
    return [cluster for cluster in clusters if differs(cluster)]


def only_more_precise_date(cluster: list[Found]) -> bool:
    """The dates agree as far as each goes: one adds to another ("April" / "April 2026", "On Monday" /
    "Monday, June 22") or is relative to it at its grain ("next month" / "July 1")."""
    keys: list[frozenset[tuple[str, object]]] = [r.key for r in cluster]  # type: ignore[misc]
    absolute = [k for k in keys if not any(kind == "relative" for kind, _ in k)]
    for first in absolute:
        for second in absolute:
            shared = {kind for kind, _ in first} & {kind for kind, _ in second}
            if any((kind, value) not in second for kind, value in first if kind in shared):
                return False  # "June 18" / "June 19": the same part, another value
    return True


@register(Kind(name="date", title=N_("Date"), verb="gives a different date", legend=N_("date"), mark_rank=2,
               question=N_("Which is right, and does the difference matter here?"),
               said=(N_("dates it"), N_("date it")), question_rank=6, weight=1))
def dates(items: list[Item]) -> list[Difference]:
    """Dates that cannot all be right: "June 18" / "June 19", "2012" / "2013"."""
    # An article that gives the other's date and one more dates two events, it does not contradict: "named
    # Saturday as running mate, told Fox News on Tuesday" / "in an interview with Fox News on Tuesday".
    # A weekday, a month or a year alone dates the same event as another only when the words around them say
    # so: "kept up pressure on Steele Sunday" / "offered negative reactions on Friday" date two steps of one
    # affair, not one event twice. A day of a month ("June 18" / "June 19") is specific enough on its own.
    return [difference("date", cluster) for cluster in date_clusters(items)
            if not only_more_precise_date(cluster) and apart(cluster)
            and (_with_day(cluster) or _one_event(cluster) or _when_said(cluster))]


_SAYING_STEMS = frozenset(stem(w) for w in ("interview", "statement", "remarks", "speech", "announcement"))


def _when_said(cluster: list[Found]) -> bool:
    """Every rendering dates a saying ("said on Monday" / "in an interview Tuesday"): in one fact, when it
    was said, which readers are shown when two outlets date it differently."""
    def saying(rendering: Found) -> bool:
        tokens = rendering.item.tokens()
        first = next((i for i, t in enumerate(tokens) if t.start >= rendering.start), len(tokens))
        return any(is_reporting(t) or t.stem in _SAYING_STEMS for t in tokens[max(0, first - 3):first])
    return all(saying(r) for r in cluster)


def _with_day(cluster: list[Found]) -> bool:
    keys: list[frozenset[tuple[str, object]]] = [r.key for r in cluster]  # type: ignore[misc]
    return any(kind == "day" for key in keys for kind, _ in key)


CONTEXT = 6
"""How many tokens on each side of a date say what it dates (its content words, not names, which a story
repeats everywhere)."""


def _one_event(cluster: list[Found]) -> bool:
    """Every two articles that date it differently have renderings with a content word in common around them."""
    per_article: dict[str, list[set[str]]] = {}
    for rendering in cluster:
        per_article.setdefault(rendering.item.article, []).append(rendering.words_around(CONTEXT, names=False))
    contexts = list(per_article.values())
    return all(any(x & y for x in first for y in second)
               for k, first in enumerate(contexts) for second in contexts[k + 1:])
