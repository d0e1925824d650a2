"""Numbers: counts and amounts given differently ("within hours" / "within four hours", "$2.75" / "$2.80")."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from ...model import Difference
from ...text.lexicon import MONTHS
from ...text.messages import N_
from ...text.tokens import Token
from .base import Found, Item, Kind, difference, differs, is_year, register

_QUALIFIERS = ("about", "around", "roughly", "nearly", "almost", "some", "approximately", "over", "under", "within",
               "more than", "less than", "fewer than", "as many as", "at least", "up to", "just over",
               "just under", "at most", "close to")
_VAGUE = {"dozens": "dozens", "dozen": "a dozen", "scores": "scores", "hundreds": "hundreds",
          "thousands": "thousands", "millions": "millions"}
# Measures that a sentence can name without a number ("within hours"), against a number elsewhere.
_UNITS = frozenset("""
hour day week month year minute second mile kilometer meter foot feet inch percent cent dollar pound
euro ton
""".split())
_LABEL_BEFORE = re.compile(r"^[A-Z]{2,}$|^(?:No|Level|Category|Grade|Sev|Class|Phase|Stage|Tier)$")


@dataclass(slots=True)
class _Quantity:
    start: int
    end: int
    value: str
    """Normalized value ("300", "2.75", "5-2", "dozens"); empty when the expression has no number."""
    head: frozenset[str]
    """Concepts of what is counted ("hour", "c:home"...) or of the label ("sev")."""


def _date_number(tokens: list[Token], index: int) -> bool:
    """A day or year that belongs to a date ("June 18", "18 June", "April 2026")."""
    token = tokens[index]
    if is_year(token):
        return True
    before = tokens[index - 1].norm.rstrip(".") if index > 0 else ""
    after = tokens[index + 1].norm.rstrip(".") if index + 1 < len(tokens) else ""
    return before in MONTHS or after in MONTHS


_MAGNITUDES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9, "m": 1e6}


def _head_of(tokens: list[Token], index: int) -> tuple[frozenset[str], int]:
    """Concepts of the counted noun after a number at `index`, and the end token of the expression."""
    j = index + 1
    if tokens[index].text.endswith("%") or (j < len(tokens) and tokens[j].norm in ("percent", "per")):
        return frozenset({"percent"}), j if j < len(tokens) and tokens[j].norm == "percent" else index
    if j + 1 < len(tokens) and tokens[j].text == "-" and tokens[j + 1].kind == "word":
        # "nine-day", "six-month"
        return frozenset(_noun_concepts(tokens[j + 1])), j + 1
    if j < len(tokens) and tokens[j].norm == "of":
        j += 1
    # The counted noun follows at once, perhaps after one modifier ("300 more households").
    for k in range(j, min(j + 2, len(tokens))):
        candidate = tokens[k]
        if candidate.kind != "word" or (not candidate.content and candidate.norm not in ("more", "extra")):
            break
        if candidate.content:
            return frozenset(_noun_concepts(candidate)), k
    return frozenset(), index


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
        vague = token.norm in _VAGUE and token.kind == "word"
        # "more than a metre": one of a unit
        if token.norm in ("a", "an") and index + 1 < len(tokens) and tokens[index + 1].norm.rstrip("s") in _UNITS:
            start_index = _extend_qualifier(tokens, index)
            found.append(_Quantity(start=tokens[start_index].start, end=tokens[index + 1].end, value="1",
                                   head=frozenset(_noun_concepts(tokens[index + 1]))))
            index += 2
            continue
        if not (numeric or vague):
            index += 1
            continue
        start_index, end_index = index, index
        value = _VAGUE.get(token.norm, "") if vague else token.norm
        magnitude = 1.0
        if numeric and index + 1 < len(tokens) and tokens[index + 1].norm in _MAGNITUDES:
            magnitude = _MAGNITUDES[tokens[index + 1].norm]
            value = f"{token.value * magnitude:g}" if token.value is not None else value
            end_index = index + 1
        # A score or a tally as one value ("5-2", "812 to 164"), but not a change ("from $2.50 to $2.75").
        elif numeric and index + 2 < len(tokens) and tokens[index + 1].text in ("-", "to") \
                and tokens[index + 2].value is not None and not _date_number(tokens, index + 2) \
                and not (index > 0 and tokens[index - 1].norm == "from") \
                and not token.text.startswith(("$", "£", "€")):
            value = f"{token.norm}-{tokens[index + 2].norm}"
            end_index = index + 2
        if token.text.startswith(("$", "£", "€")):
            # Amounts compete only with amounts of their size ("$2.75" / "$2.80", not "$14 million").
            size = int(math.log10(max(1.0, (token.value or 1.0) * magnitude)))
            head, head_end = frozenset({f"currency:{token.text[0]}:{size}"}), end_index
        else:
            head, head_end = _head_of(tokens, end_index)
        if not head and index > 0 and _LABEL_BEFORE.match(tokens[index - 1].text):
            head, start_index = frozenset({f"label:{tokens[index - 1].norm}"}), index - 1
        if not head:
            # a verb's count ("voted 5-2"): what was counted is the nearest content word before
            for k in range(index - 1, max(-1, index - 3), -1):
                if tokens[k].content and tokens[k].kind == "word":
                    head = frozenset(_noun_concepts(tokens[k]))
                    break
        start_index = _extend_qualifier(tokens, start_index)
        found.append(_Quantity(start=tokens[start_index].start, end=tokens[max(end_index, head_end)].end,
                               value=value, head=head))
        index = max(end_index, head_end) + 1
    return found


def _extend_qualifier(tokens: list[Token], index: int) -> int:
    words = [t.norm for t in tokens[:index]]
    for qualifier in sorted(_QUALIFIERS, key=len, reverse=True):
        parts = qualifier.split()
        if words[-len(parts):] == parts:
            return index - len(parts)
    return index


def _unit_mentions(item: Item, heads: set[str]) -> list[_Quantity]:
    """Mentions of a counted thing without a number: "within hours" where others say "within four hours"."""
    tokens = item.tokens()
    found = []
    for index, token in enumerate(tokens):
        concepts = _noun_concepts(token)
        if token.kind != "word" or not (concepts & heads) or token.norm.rstrip("s") not in _UNITS:
            continue
        previous = tokens[index - 1] if index > 0 else None
        if previous is not None and (previous.value is not None or previous.norm in _VAGUE):
            continue
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


def only_more_precise(cluster: list[Found]) -> bool:
    """No two renderings contradict each other: the numbers agree, and the others give none ("within
    hours" / "within four hours") or a vague one the number fits ("dozens of ships" / "about 40 ships")."""
    values = {str(r.key) for r in cluster if r.key}
    exact = {v for v in values if v not in _VAGUE_RANGES}
    if len(exact) > 1:
        return False
    for vague in values - exact:
        low, high = _VAGUE_RANGES[vague]
        for value in exact:
            try:
                number = float(value)
            except ValueError:
                return False
            if not low <= number <= high:
                return False
    return len(values) >= 1


@register(Kind(name="number", title=N_("Number"), verb="gives a different number", legend=N_("number"), mark_rank=1,
               question=N_("Which is right, and why might they differ?"), question_rank=1, weight=1))
def numbers(items: list[Item]) -> list[Difference]:
    """Counts and amounts that cannot all be right: "$2.75" / "$2.80", "5-2" / "5-3", "24" / "6"."""
    return [difference("number", cluster) for cluster in number_clusters(items) if not only_more_precise(cluster)]
