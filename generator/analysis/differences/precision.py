"""Precision: one outlet is only more precise than another ("in April" / "in April 2026", "within hours" /
"within four hours"): both can be true, so this ranks below the differences that cannot."""

from __future__ import annotations

from ...model import Difference
from ...text.messages import N_
from .base import Found, Item, Kind, difference, register
from .date import date_clusters, only_more_precise_date
from .number import far_beyond_bound, number_clusters, only_more_precise


@register(Kind(name="precision", title=N_("Precision"), verb="is more or less precise", legend=N_("more precise"),
               mark_rank=6, question=N_("Which is more precise, and does the detail matter here?"),
               question_rank=6.5, summary=N_("Only more precise, both can be true"), weight=4))
def precision(items: list[Item]) -> list[Difference]:
    """Numbers and dates that agree as far as each goes, one giving more than another."""
    return [difference("precision", cluster) for cluster in number_clusters(items)
                                                 if only_more_precise(cluster) and not far_beyond_bound(cluster)] + \
        [difference("precision", cluster) for cluster in date_clusters(items)
         if only_more_precise_date(cluster) and not _relative(cluster)]


def _relative(cluster: list[Found]) -> bool:
    """A date given relative to the day an article was written ("yesterday", "last year") beside dates given
    outright at the same grain ("on Thursday", "since 2012"): read on its day it is the same date or another,
    never only a less precise one. The annotators of real stories count "since 2012" / "last year" (writing
    in 2013) as no difference. At a coarser grain it is less precise ("next month" / "July 1")."""
    keys: list[frozenset[tuple[str, object]]] = [r.key for r in cluster]  # type: ignore[misc]
    relative = [_grain_of_relative(str(v)) for key in keys for k, v in key if k == "relative"]
    absolute = [_finest(key) for key in keys if not any(k == "relative" for k, _ in key)]
    return bool(relative) and bool(absolute) and set(relative) == set(absolute)


_GRAINS = (("year", "year"), ("month", "month"), ("week", "week"), ("day", "day"), ("today", "day"),
           ("yesterday", "day"), ("tomorrow", "day"), ("tonight", "day"), ("spring", "season"),
           ("summer", "season"), ("autumn", "season"), ("fall", "season"), ("winter", "season"))


def _grain_of_relative(words: str) -> str:
    return next((grain for word, grain in _GRAINS if word in words), "")


def _finest(key: frozenset[tuple[str, object]]) -> str:
    kinds = {kind for kind, _ in key}
    return "day" if kinds & {"day", "weekday"} else "month" if "month" in kinds else "year"
