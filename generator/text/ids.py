"""Ids made from words, unique within a page: the one place that numbers look-alikes.

A fact, a quotation, a source or an outlet gets an id from its own words
("meta-paused-program"), so that a link to it survives a rebuild; the second
thing with the same words gets "-2", the third "-3".
"""

from __future__ import annotations

import re

from .lexicon import LANGUAGE, is_stopword
from .norm import slugify


class UniqueIds:
    """Hands out ids that are unique among those it has handed out."""

    def __init__(self) -> None:
        self._used: set[str] = set()
        self._next: dict[str, int] = {}

    def take(self, base: str) -> str:
        """`base`, or `base-2`, `base-3`... whichever is free first.

        The counter per base starts where it stopped last time, so that a thousand identical
        labels cost a thousand steps, not half a million.
        """
        if base not in self._used:
            self._used.add(base)
            return base
        number = self._next.get(base, 2)
        while f"{base}-{number}" in self._used:
            number += 1
        candidate = f"{base}-{number}"
        self._next[base] = number + 1
        self._used.add(candidate)
        return candidate


def words_id(text: str, words: int) -> str:
    """An id from the first `words` content words of `text` ("Meta paused the program" -> "meta-paused-program");
    empty when it has none."""
    if LANGUAGE.get() in _ELIDING:  # "l'incendie" -> "incendie", not "lincendie"
        text = _ELISION.sub(" ", text)
    return "-".join([w for w in slugify(text).split("-") if w and not is_stopword(w)][:words])


_ELIDING = frozenset({"fr", "it", "ca"})
_ELISION = re.compile(r"\b(?:qu|jusqu|lorsqu|puisqu|quoiqu|[ldjmnstc])['’](?=\w)", re.IGNORECASE)
