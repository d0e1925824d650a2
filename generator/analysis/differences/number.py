"""Numbers: counts and amounts given differently ("within hours" / "within four hours", "$2.75" / "$2.80")."""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from ...model import Difference
from ...text.lexicon import MONTHS, STOPWORDS
from ...text.messages import N_
from ...text.tokens import Token
from .base import Found, Item, Kind, apart, difference, differs, is_year, register

_QUALIFIERS = ("about", "around", "roughly", "nearly", "almost", "some", "approximately", "over", "under", "within",
               "more than", "less than", "fewer than", "as many as", "at least", "up to", "just over",
               "just under", "at most", "close to")
VAGUE = {"dozens": "dozens", "dozen": "a dozen", "scores": "scores", "hundreds": "hundreds",
         "thousands": "thousands", "millions": "millions"}
# Measures that a sentence can name without a number ("within hours"), against a number elsewhere.
_UNITS = frozenset("""
hour day week month year minute second mile kilometer meter foot feet inch percent cent dollar pound
euro ton
""".split())
_LABELS = "No|Level|Category|Grade|Sev|Class|Phase|Stage|Tier"
_LABEL_BEFORE = re.compile(rf"^[A-Z]{{2,}}$|^(?:{_LABELS})$")
_LABEL_WORD = re.compile(rf"^(?:{_LABELS})$", re.IGNORECASE)
"""Labels whose number is the point ("SEV 2", "Category 5"), never part of a model's name ("AK 47")."""
_NUMBERED = frozenset("round game stage chapter lap inning hole flight route room gate platform article "
                      "amendment section".split())
"""Nouns a number after which names one of a series ("round three", "Flight 370", "Article 5"): which one of
them, as an ordinal before the noun says ("the third round"), not a count of the next word ("In round three
Klitschko was again using his jab" counts no Klitschkos)."""


@dataclass(slots=True)
class _Quantity:
    start: int
    end: int
    value: str
    """Normalized value ("300", "2.75", "5-2", "dozens"); empty when the expression has no number."""
    head: frozenset[str]
    """Concepts of what is counted ("hour", "c:home"...) or of the label ("sev")."""
    in_digits: bool = False
    """A plain number written in digits ("90", not "ninety", "1.5 million" or "40-60")."""


def _date_number(tokens: list[Token], index: int) -> bool:
    """A day or year that belongs to a date ("June 18", "18 June", "April 2026")."""
    token = tokens[index]
    if is_year(token):
        return True
    before = tokens[index - 1].norm.rstrip(".") if index > 0 else ""
    after = tokens[index + 1].norm.rstrip(".") if index + 1 < len(tokens) else ""
    return before in MONTHS or after in MONTHS


_MAGNITUDES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9, "m": 1e6}


def _head_of(tokens: list[Token], index: int) -> tuple[frozenset[str], int]:
    """Concepts of the counted noun after a number at `index`, and the end token of the expression."""
    j = index + 1
    if tokens[index].text.endswith("%") or (j < len(tokens) and tokens[j].norm in ("percent", "per")):
        return frozenset({"percent"}), j if j < len(tokens) and tokens[j].norm == "percent" else index
    if j + 1 < len(tokens) and tokens[j].text == "-" and tokens[j + 1].kind == "word":
        # "nine-day", "six-month"; "15,800-square-metre" measures in metres, "170,000-square-foot" in feet:
        # two units, not two values of one (an area in either unit is a number of its own; so below).
        if tokens[j + 1].norm in _AREA_VOLUME and j + 3 < len(tokens) and tokens[j + 2].text == "-" \
                and tokens[j + 3].kind == "word":
            return _in_units(tokens[j + 1], tokens[j + 3]), j + 3
        end = _compound(tokens, j + 1)[1]  # "two-year-old"
        concepts = frozenset(_noun_concepts(tokens[j + 1]))
        if tokens[j + 1].norm.rstrip("s") not in _UNITS and not concepts & _MEASURED and end + 1 < len(tokens) \
                and tokens[end + 1].kind == "word" and tokens[end + 1].content:
            # "a five-boat pirate attack" tells what the attack was, not how many boats were taken: it is
            # set only against other such words ("a three-boat attack"), not against "three boats"
            concepts = frozenset(f"attribute:{c}" for c in concepts)
        return concepts, end
    if j < len(tokens) and tokens[j].norm == "of":
        j += 1
    # The counted noun follows at once, perhaps after one modifier ("300 more households").
    for k in range(j, min(j + 2, len(tokens))):
        candidate = tokens[k]
        if candidate.kind != "word" or (not candidate.content and candidate.norm not in ("more", "extra")):
            break
        if candidate.content:
            if candidate.norm in _AREA_VOLUME and k + 1 < len(tokens) and tokens[k + 1].kind == "word":
                return _in_units(candidate, tokens[k + 1]), k + 1
            return _compound(tokens, k)
    return frozenset(), index


def _compound(tokens: list[Token], k: int) -> tuple[frozenset[str], int]:
    """The counted noun at `k` read whole when it is hyphenated ("two co-workers", "six AK-47 rifles" count
    co-workers and AK-47s, not "co" and "AK"), and its end token. What it counts is its first part ("worst-hit"
    is no count of hits), or after a prefix ("co-", "ex-") its next part."""
    head, end = tokens[k], k
    if end + 1 < len(tokens) and tokens[end + 1].kind == "number" and _model_name(tokens, end + 1):
        end += 1  # "six AK 47 rifles", as "six AK-47 rifles"
    while end + 2 < len(tokens) and tokens[end + 1].text == "-" and tokens[end].end == tokens[end + 1].start \
            and tokens[end + 1].end == tokens[end + 2].start \
            and (tokens[end + 2].kind == "number" or (tokens[end + 2].kind == "word" and tokens[end + 2].content)):
        if tokens[end].norm in _PREFIXES and tokens[end + 2].kind == "word":
            head = tokens[end + 2]
        end += 2
    return frozenset(_noun_concepts(head)), end


_PREFIXES = frozenset({"co", "ex", "vice", "non", "anti", "pro", "pre", "post", "sub", "self"})


_AREA_VOLUME = ("square", "cubic")


def _in_units(measure: Token, unit: Token) -> frozenset[str]:
    """What "square metres" or "cubic feet" counts: the measure in its unit ("square:w:metr"), so that an
    area in metres and one in feet are never two values of one thing."""
    return frozenset(f"{measure.norm}:{c}" for c in _noun_concepts(unit))


def _noun_concepts(token: Token) -> set[str]:
    concepts = {c for c in token.concepts if c.startswith(("w:", "c:"))}
    if token.text.startswith(("$", "£", "€")):
        concepts.add("currency")
    return concepts


def _quantities(item: Item) -> list[_Quantity]:
    tokens = item.tokens()
    found: list[_Quantity] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        numeric = token.value is not None and not _date_number(tokens, index)
        vague = token.norm in VAGUE and token.kind == "word"
        # "more than a metre": one of a unit
        # but not a rate ("$600 a year")
        if token.norm in ("a", "an") and index + 1 < len(tokens) and tokens[index + 1].norm.rstrip("s") in _UNITS \
                and not (index > 0 and (tokens[index - 1].value is not None or tokens[index - 1].norm in _MAGNITUDES)):
            start_index = _extend_qualifier(tokens, index)
            found.append(_Quantity(start=tokens[start_index].start, end=tokens[index + 1].end, value="1",
                                   head=frozenset(_noun_concepts(tokens[index + 1]))))
            index += 2
            continue
        if not (numeric or vague):
            index += 1
            continue
        start_index, end_index = index, index
        # The key is the number's value, however it is written ("5th" / "Fifth", "3" / "three").
        value = VAGUE.get(token.norm, "") if vague or token.value is None else number_key(token.value)
        magnitude = 1.0
        # "40- to 60-hour": a range, as "40-60 hour"
        to = 3 if index + 3 < len(tokens) and tokens[index + 1].text == "-" and tokens[index + 2].norm == "to" else 2
        if numeric and _code(tokens, index):
            # a telephone number or a code ("907-745-4811"), not a quantity
            while index + 2 < len(tokens) and tokens[index + 1].text == "-" and tokens[index + 2].kind == "number":
                index += 2
            index += 1
            continue
        hyphen = 1 if index + 2 < len(tokens) and tokens[index + 1].text == "-" \
            and tokens[index + 2].norm in _MAGNITUDES else 0  # "a two-million-euro necklace"
        if numeric and index + 1 + hyphen < len(tokens) and tokens[index + 1 + hyphen].norm in _MAGNITUDES:
            magnitude = _MAGNITUDES[tokens[index + 1 + hyphen].norm]
            value = number_key(token.value * magnitude) if token.value is not None else value
            end_index = index + 1 + hyphen
            if hyphen and end_index + 2 < len(tokens) and tokens[end_index + 1].text == "-":
                end_index += 1  # the hyphen before what is counted ("-euro"): `_head_of` reads on from there
        # A score or a tally as one value ("5-2", "812 to 164"), but not a change ("from $2.50 to $2.75").
        elif numeric and index + to < len(tokens) and tokens[index + 1].text in ("-", "to") \
                and tokens[index + to].value is not None and not _date_number(tokens, index + to) \
                and not (index > 0 and tokens[index - 1].norm == "from") \
                and not token.text.startswith(("$", "£", "€")):
            value = f"{value}-{number_key(tokens[index + to].value or 0.0)}"
            end_index = index + to
        if token.text.startswith(("$", "£", "€")):
            # Amounts compete only with amounts of about their size ("$2.75" / "$2.80", "$1 million" /
            # "$500,000", not "$14 million"): a size in half-decades, and the next, so that two amounts meet when
            # their sizes are one apart, whichever side of a power of ten they fall.
            size = math.floor(2 * math.log10(max(1.0, (token.value or 1.0) * magnitude)))
            head = frozenset({f"currency:{token.text[0]}:{size}", f"currency:{token.text[0]}:{size + 1}"})
            head_end = end_index
        elif numeric and index > 0 and tokens[index - 1].norm in _NUMBERED and end_index == index:
            # the same thing as the ordinal before it ("round three" is "the third round")
            head, head_end, start_index = frozenset(_noun_concepts(tokens[index - 1])), end_index, index - 1
            head = _ordinal_head(head)
        elif numeric and end_index == index and _model_name(tokens, index):
            # "AK 47 rifles", "F-16 jets": the number names a model with the capitals before it; it counts
            # nothing ("six AK 47 rifles" are six rifles, not 47)
            index += 1
            continue
        else:
            head, head_end = _head_of(tokens, end_index)
            if end_index == index and _is_ordinal(token):
                head = _ordinal_head(head)
            head = _hurt_people(tokens, index, head_end, head)
        if not head and index > 0 and _LABEL_BEFORE.match(tokens[index - 1].text):
            head, start_index = frozenset({f"label:{tokens[index - 1].norm}"}), index - 1
        if not head:
            # a verb's count ("voted 5-2"): what was counted is the nearest content word before
            for k in range(index - 1, max(-1, index - 3), -1):
                if tokens[k].content and tokens[k].kind == "word":
                    head = frozenset(_noun_concepts(tokens[k]))
                    break
        if _fraction_of_no_measure(value, head, token):
            # "a magnitude of at least 5.9 hit": a fraction counts nothing; it measures, and what it measures
            # is not named next to it
            index = max(end_index, head_end) + 1
            continue
        start_index = _extend_qualifier(tokens, start_index)
        found.append(_Quantity(start=tokens[start_index].start, end=tokens[max(end_index, head_end)].end,
                               value=value, head=head, in_digits=token.kind == "number" and end_index == index))
        index = max(end_index, head_end) + 1
    return found


_BETWEEN_PREDICATE = frozenset("""were was are is have has had been being also reportedly seriously critically badly
slightly all more others other""".split())
_BEFORE_COUNT = frozenset("about some nearly almost around at least more than over another other up to as many".split())


def _hurt_people(tokens: list[Token], index: int, head_end: int, head: frozenset[str]) -> frozenset[str]:
    """People counted as hurt count the hurt, not the people: "As many as 80 people were also wounded",
    "injuring 80 people" are set against "80 wounded", never against "10 people" killed."""
    if "c:human" not in head:
        return head
    after = head_end + 1
    while after < len(tokens) and tokens[after].norm in _BETWEEN_PREDICATE:
        after += 1
    before = index - 1
    while before >= 0 and tokens[before].norm in _BEFORE_COUNT:
        before -= 1
    for k in (after, before):
        if 0 <= k < len(tokens) and "c:injure" in tokens[k].concepts:
            return frozenset(_noun_concepts(tokens[k]))
    return head


_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)$|.*(?:first|second|third|th)$", re.IGNORECASE)


def _is_ordinal(token: Token) -> bool:
    """"Third", "11th", "forty-fifth": which one of a series, not how many."""
    return _ORDINAL.match(token.text) is not None


def _ordinal_head(head: frozenset[str]) -> frozenset[str]:
    """What an ordinal ranks is never what a count counts: "a third co-worker" / "two co-workers" are no
    conflict (three people), nor "the 11th round" / "five rounds"; "Fifth" / "5th" still compete."""
    return frozenset(f"ordinal:{h}" for h in head)


@lru_cache(maxsize=1 << 14)
def counted_values(text: str) -> dict[str, frozenset[str]]:
    """What a sentence counts with a number: each counted word's concept -> the values it gives for it
    ("six AK-47 rifles, 12 magazines" -> {"w:ak": {"6"}, "w:magazin": {"12"}}). The align stage asks it
    whether two sentences of one article count one thing differently (`align._counts_differ`)."""
    found: dict[str, set[str]] = {}
    for quantity in _quantities(Item("", "", text, (0, len(text)))):
        if quantity.value and quantity.value[0].isdigit():
            for head in quantity.head:
                if head.startswith(("w:", "c:")):
                    found.setdefault(head, set()).add(quantity.value)
    return {head: frozenset(values) for head, values in found.items()}


_MEASURED = frozenset({"percent", "w:magnitud", "w:point", "w:degre", "w:time", "w:rate", "w:scale"})


def _fraction_of_no_measure(value: str, head: frozenset[str], token: Token) -> bool:
    """A number with a fraction ("5.9") that is no amount of money, percentage, unit or label: what it
    measures is not what follows it ("at least 5.9 hit southern Iran")."""
    try:
        number = float(value)
    except ValueError:
        return False
    if number.is_integer() or token.text.startswith(("$", "£", "€")) or token.text.endswith("%") or ":" in token.text:
        return False
    return not any(h.startswith(("currency:", "label:")) or h in _MEASURED
                   or h.removeprefix("w:").rstrip("s") in _UNITS for h in head)


def _model_name(tokens: list[Token], index: int) -> bool:
    """The number at `index` follows a word in capitals of one to four letters, at once or after a hyphen ("AK
    47", "AK-47", "F-16"): part of a model's name."""
    before = index - 1
    if before >= 1 and tokens[before].text == "-" and tokens[before].end == tokens[index].start:
        before -= 1
    return before >= 0 and re.fullmatch(r"[A-Z]{1,4}", tokens[before].text) is not None \
        and tokens[before].norm not in STOPWORDS and not _LABEL_WORD.match(tokens[before].text) \
        and index + 1 < len(tokens) and tokens[index + 1].kind == "word" and tokens[index + 1].content


def _code(tokens: list[Token], index: int) -> bool:
    """Three or more numbers joined by hyphens ("907-745-4811"): a telephone number or a code."""
    return index + 4 < len(tokens) and tokens[index + 1].text == "-" and tokens[index + 2].kind == "number" \
        and tokens[index + 3].text == "-" and tokens[index + 4].kind == "number"


def _extend_qualifier(tokens: list[Token], index: int) -> int:
    words = [t.norm for t in tokens[:index]]
    for qualifier in sorted(_QUALIFIERS, key=len, reverse=True):
        parts = qualifier.split()
        if words[-len(parts):] == parts:
            return index - len(parts)
    return index


_NOT_COUNTED = frozenset({"a", "an", "per", "this", "last", "next", "that", "every", "each", "same", "final",
                          "first", "past", "recent", "coming", "previous", "following", "early", "opening",
                          "closing"})
"""Words before a measure that make it a rate or a time, not a count without its number ("in the final days")."""


def _unit_mentions(item: Item, heads: set[str]) -> list[_Quantity]:
    """Mentions of a counted thing without a number: "within hours" where others say "within four hours"."""
    tokens = item.tokens()
    found = []
    for index, token in enumerate(tokens):
        concepts = _noun_concepts(token)
        if token.kind != "word" or not (concepts & heads) or token.norm.rstrip("s") not in _UNITS \
                or (token.text[:1].isupper() and index > 0):
            continue  # a capital inside a sentence, after a quotation mark too, makes it part of a name:
            # "the Year of the Woman", 'the Academy's "Year of the Woman"'
        previous = tokens[index - 1] if index > 0 else None
        if previous is not None and (previous.value is not None or previous.norm in VAGUE
                                     or previous.norm in _NOT_COUNTED):
            continue  # counted already, a rate ("$600 a year") or a time ("this year")
        start = previous if previous is not None and previous.norm in ("within", "for", "in", "after", "over") else token
        found.append(_Quantity(start=start.start, end=token.end, value="", head=frozenset(concepts)))
    return found


def number_clusters(items: list[Item]) -> list[list[Found]]:
    """The renderings of each counted thing that at least two articles give differently (the key of a
    rendering is its value, "" when it names the thing without a number: "within hours")."""
    per_item = {id(item): _quantities(item) for item in items}
    # Labels such as "SEV 2": the bare label elsewhere ("an SEV") is the same thing without its number.
    labels = {h for qs in per_item.values() for q in qs for h in q.head if h.startswith("label:")}
    clusters: list[list[Found]] = []
    used: set[tuple[int, int, int]] = set()
    heads: list[frozenset[str]] = []
    for quantities in per_item.values():
        for quantity in quantities:
            if quantity.head and not any(quantity.head & h for h in heads):
                heads.append(quantity.head)
    for head in heads:
        renderings: list[Found] = []
        for item in items:
            matching = [q for q in per_item[id(item)] if q.head & head]
            if not matching:
                matching = _unit_mentions(item, set(head))
                matching += [_Quantity(t.start, t.end, "", head) for t in item.tokens()
                             if f"label:{t.norm}" in labels & head]
            for quantity in matching:
                key = (id(item), quantity.start, quantity.end)
                if key in used:
                    continue
                renderings.append(Found(item, quantity.start, quantity.end, quantity.value))
        with_numbers = {r.item.article for r in renderings if r.key}
        if with_numbers and differs(renderings):
            for r in renderings:
                used.add((id(r.item), r.start, r.end))
            clusters.append(renderings)
    return clusters


_VAGUE_RANGES = {"dozens": (24, 99), "a dozen": (10, 14), "scores": (40, 199), "hundreds": (200, 999),
                 "thousands": (2_000, 9_999), "millions": (2e6, 9.99e6)}


_AT_LEAST = ("more than", "over", "at least", "just over", "above", "upwards of")
_AT_MOST = ("less than", "fewer than", "under", "at most", "just under", "within", "below")
_UP_TO = ("up to", "as many as")
_NEAR = ("about", "around", "roughly", "nearly", "almost", "some", "approximately", "close to")
NEAR = 0.05
"""How far from its number an approximate one may be ("about 300": 285 to 315; "as many as 350": 332 to 350,
which is a different number from about 300)."""


def number_key(value: float) -> str:
    """A number as the key renderings are compared by: one spelling for one value. Not the tokens' own
    form (`text.tokens`), which keeps six digits ("1.23457e+06") and would make two amounts one."""
    return str(int(value)) if value == int(value) and abs(value) < 1e15 else repr(value)


def _interval(rendering: Found) -> tuple[float, float] | None:
    """The values a rendering allows: "more than $1 million" -> (1e6, inf), "about 40" -> (38, 42),
    "40-60" -> (40, 60), "dozens" -> (24, 99); None for what is not one quantity ("5-2", a score)."""
    key = str(rendering.key)
    if key in _VAGUE_RANGES:
        return _VAGUE_RANGES[key]
    low_text, _, high_text = key.partition("-")
    try:
        low = float(low_text)
        high = float(high_text) if high_text else low
    except ValueError:
        return None
    if high < low:
        return None  # a score or a tally ("5-2"): only the same one agrees
    words = " ".join(rendering.text.lower().split())
    if words.startswith(_AT_LEAST):
        return low, math.inf
    if words.startswith(_AT_MOST):
        return -math.inf, high
    if words.startswith(_UP_TO):
        return low - NEAR * abs(low), high
    if words.startswith(_NEAR):
        return low - NEAR * abs(low), high + NEAR * abs(high)
    return low, high


FAR = 2.0
"""A lower bound on an amount or a measure and another article's number more than this many times above it
("more than $1 million" spent in two months / "$5.4 million" raised; "over 16 years" / "66 years" old) are two
things: a reporter who knows an amount rounds it down to a bound near it, not to a fifth of it, and a story
gives many amounts. Not so for what is counted ("more than 20 people" / "45 people" is a toll that rose), nor
for an upper bound ("fewer than 10 people" may well be two)."""


def far_beyond_bound(cluster: list[Found]) -> bool:
    """One article gives a lower bound on an amount of money or a measure ("more than $1 million", "over 16
    years") and another a number more than `FAR` times above it: two different quantities, neither a more
    precise one nor a conflict."""
    bounds: list[tuple[str, float]] = []
    values: list[tuple[str, float]] = []
    for rendering in cluster:
        key = str(rendering.key)
        words = rendering.text.split()
        measure = bool(words) and (any(w.startswith(("$", "£", "€")) for w in words)
                                   or words[-1].lower().rstrip("s") in _UNITS)
        if not key or "-" in key or key in _VAGUE_RANGES or not measure:
            continue
        try:
            value = float(key)
        except ValueError:
            continue
        if " ".join(rendering.text.lower().split()).startswith(_AT_LEAST):
            bounds.append((rendering.item.article, value))
        else:
            values.append((rendering.item.article, value))
    return any(other != article and 0 < bound * FAR < value
               for article, bound in bounds for other, value in values)


def only_more_precise(cluster: list[Found]) -> bool:
    """No renderings of two articles contradict each other: the values each allows overlap ("more than
    $1 million" / "$1.1 million", "dozens of ships" / "about 40 ships", "40-60 hours" / "60 hours"), and
    the others give no number ("within hours" / "within four hours")."""
    with_numbers = [r for r in cluster if r.key]
    if not with_numbers:
        return False
    found = [(r.item.article, _interval(r)) for r in with_numbers]
    spans = [(article, span) for article, span in found if span is not None]
    if len(spans) < len(found):
        return len({str(r.key) for r in with_numbers}) == 1  # scores and tallies agree only when equal
    # Two values of one article are two things it counts ("a $466.30 dinner", "$313.89 on toys"): only values
    # of different articles must fit each other.
    return all(_fit(x, y) for k, (first, x) in enumerate(spans) for second, y in spans[k + 1:] if first != second)


def _fit(x: tuple[float, float], y: tuple[float, float]) -> bool:
    """Two renderings' values can be one: they overlap, and are not two bounds on the same side at different
    numbers ("more than 26,000 people" / "more than 31,000 people" dead: each outlet bounds the toll it
    knows, and they know two different tolls; "at least $10,000" / "more than $10,000" are one)."""
    if max(x[0], y[0]) > min(x[1], y[1]):
        return False
    return not ((x[1] == y[1] == math.inf and x[0] != y[0]) or (x[0] == y[0] == -math.inf and x[1] != y[1]))


@register(Kind(name="number", title=N_("Number"), verb="gives a different number", legend=N_("number"), mark_rank=1,
               question=N_("Which is right, and why might they differ?"), question_rank=1, weight=1))
def numbers(items: list[Item]) -> list[Difference]:
    """Counts and amounts that cannot all be right: "$2.75" / "$2.80", "5-2" / "5-3", "24" / "6". An article
    that gives the other's number and one more counts two things ("the 36-year-old champion ... the 40-year-old
    American" / "the 40-year-old American"), as with dates (`base.apart`)."""
    return [difference("number", cluster) for cluster in number_clusters(items)
            if not only_more_precise(cluster) and apart(cluster, same=_same_or_told_together(cluster))
            and not far_beyond_bound(cluster)]


_AGE = re.compile(r"[\s-]*(?:years?|yr)?[\s-]*old\b", re.IGNORECASE)


def _is_age(rendering: Found) -> bool:
    """The rendering is somebody's age: "36-year-old", "36 years old"."""
    return bool(rendering.key) and (rendering.text.lower().endswith("-old")
                                    or _AGE.match(rendering.item.text, rendering.end) is not None)


def _same_or_told_together(cluster: list[Found]) -> Callable[[object, object], bool]:
    """Two ages are one person's only as far as the story tells: an article that gives both (the 36-year-old
    champion and the 40-year-old challenger) shows they are two people's, so another article's 36 and a
    third's 40 are no conflict. Counts and amounts keep the plain rule: "24 dead, 6 of them children" must
    not hide a toll of 6 against 24."""
    together: set[tuple[object, object]] = set()
    per_article: dict[str, set[object]] = {}
    ages = [rendering for rendering in cluster if _is_age(rendering)]
    for rendering in ages:
        per_article.setdefault(rendering.item.article, set()).add(rendering.key)
    for values in per_article.values():
        together.update((x, y) for x in values for y in values if x != y)
    # ... and ages of people the articles tell apart: "a 32-year-old British climber" / "a 36-year-old
    # Australian climber", "36-year-old Duncan Rait" / "32-year-old Robert Buckley".
    whose = [_whose_age(rendering) for rendering in ages]
    for (x, who_x), (y, who_y) in itertools.combinations(zip(ages, whose, strict=True), 2):
        if x.key != y.key and who_x is not None and who_y is not None and who_x[0] == who_y[0] \
                and not who_x[1] & who_y[1]:
            together.update({(x.key, y.key), (y.key, x.key)})
    # ... and a share and what is left of it: "a 23 percent cut in benefits" / "77 percent of promised benefits".
    for x, y in itertools.combinations(cluster, 2):
        if _complement(x, y) or _complement(y, x):
            together.update({(x.key, y.key), (y.key, x.key)})
    return lambda x, y: x == y or (x, y) in together


_LESS = frozenset("cut cuts reduction reductions decrease decline drop fall loss losses shortfall less fewer lower "
                  "short".split())
"""Words after a share that make it the part taken away ("a 23 percent cut")."""


def _complement(taken: Found, left: Found) -> bool:
    """`taken` is a percentage taken away ("23 percent cut") and `left` the percentage that remains (77)."""
    try:
        x, y = float(str(taken.key)), float(str(left.key))
    except ValueError:
        return False
    shares = taken.text + left.text
    if not (0 < x < 100 and 0 < y < 100 and abs(x + y - 100) <= 1) or not ("percent" in shares.lower() or "%" in shares):
        return False
    after = taken.item.text[taken.end:taken.end + 30].lower().split()
    return any(word.strip(".,;") in _LESS for word in after[:3])


def _whose_age(rendering: Found) -> tuple[str, frozenset[str]] | None:
    """The capitalised words right after an age: a full name ("name", its words: "36-year-old Duncan Rait")
    or one word that says what kind of person ("kind": "a 32-year-old British climber"); None without."""
    tokens = rendering.item.tokens()
    after = [t for t in tokens if t.start >= rendering.end]
    while after and after[0].kind == "punct" and after[0].text in ("-", ","):
        after = after[1:]
    run = list(itertools.takewhile(lambda t: t.kind == "word" and t.text[:1].isupper(), after[:4]))
    if not run:
        return None
    return ("name" if len(run) >= 2 else "kind", frozenset(t.norm for t in run))
