"""Precision: one outlet is only more precise than another ("in April" / "in April 2026", "within hours" /
"within four hours"): both can be true, so this ranks below the differences that cannot."""

from __future__ import annotations

from ...model import Difference
from ...text.messages import N_
from .base import Item, Kind, difference, register
from .date import date_clusters, only_more_precise_date, relative_at_its_grain
from .number import far_beyond_bound, number_clusters, only_more_precise


@register(Kind(name="precision", title=N_("Precision"), verb="is more or less precise", legend=N_("more precise"),
               mark_rank=6, question=N_("Which is more precise, and does the detail matter here?"),
               question_rank=6.5, summary=N_("Only more precise, both can be true"), weight=4))
def precision(items: list[Item]) -> list[Difference]:
    """Numbers and dates that agree as far as each goes, one giving more than another."""
    return [difference("precision", cluster) for cluster in number_clusters(items)
                                                 if only_more_precise(cluster) and not far_beyond_bound(cluster)] + \
        [difference("precision", cluster) for cluster in date_clusters(items)
         if only_more_precise_date(cluster) and not relative_at_its_grain(cluster)]
