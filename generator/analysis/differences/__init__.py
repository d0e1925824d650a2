"""Typed differences between the sentences of one fact group, one file per kind.

Each kind is a module of this package that describes itself with a `Kind` and
registers its detector with `@register`, the way a markdown-it rule is added;
adding a kind is one file plus its import below (the order of the imports is
the order the detectors run and the differences are listed). A detector gets
the group's members (sentence text, clause span, analysis) and gives the
differences of its kind. Every comparison is made on the comparison form of
the words (case, typographic quotes, punctuation and UK/US spelling folded),
so none of those is ever reported. A member that does not mention a thing at
all is not in conflict with one that does: only different renderings count.
"""

from __future__ import annotations

from . import number, date, name, quote, attribution, judgement, opposite, certainty, counted, wording, precision  # noqa: F401  in this order
from .base import KINDS, Detector, Found, Item, Kind, detect, difference, differs, register

__all__ = ["KINDS", "Detector", "Found", "Item", "Kind", "detect", "difference", "differs", "register"]
