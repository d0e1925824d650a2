"""Quotations: one quotation worded differently, trimmed or altered between outlets."""

from __future__ import annotations

from ...model import Difference
from ...text.messages import N_
from ...text.people import quotation_words, quoted_spans, same_quotation
from .base import Found, Item, Kind, difference, differs, register


def _quotes(item: Item) -> list[Found]:
    found = []
    for start, end in quoted_spans(item.text, *item.span):
        words = quotation_words(item.text[start:end])
        if len(words) >= 3:
            found.append(Found(item, start, end, words))
    return found


@register(Kind(name="quote", title=N_("Quotation"), verb="quotes it differently", legend=N_("quotation"), mark_rank=3, weight=2))
def quotes(items: list[Item]) -> list[Difference]:
    """One quotation worded differently, trimmed or altered between outlets."""
    renderings = [found for item in items for found in _quotes(item)]
    differences = []
    used: set[int] = set()
    for i, first in enumerate(renderings):
        if i in used:
            continue
        cluster = [first] + [r for j, r in enumerate(renderings) if j > i and j not in used
                             and same_quotation(first.key, r.key)]  # type: ignore[arg-type]
        for r in cluster[1:]:
            used.add(renderings.index(r))
        if len({r.item.article for r in cluster}) >= 2 and differs(cluster):
            differences.append(difference("quote", cluster))
    return differences
