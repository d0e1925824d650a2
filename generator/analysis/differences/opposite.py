"""Opposites: one outlet says "older sister" where another says "younger sister" of the same fact.

Two sentences grouped as one fact, each using one word of a pair that cannot both hold of one thing
(`text/data/opposites.txt`), while neither uses the other's word, contradict each other. Each value
is the word with the word it qualifies ("older sister"), so a reader sees what is opposed.
"""

from __future__ import annotations

from functools import cache

from ...model import Difference
from ...text.lexicon import DATA, normal_word
from ...text.messages import N_
from ...text.tokens import Token
from .base import Found, Item, Kind, difference, register


@cache
def opposites() -> dict[str, frozenset[str]]:
    """Word -> the words opposite to it."""
    table: dict[str, set[str]] = {}
    for line in (DATA / "opposites.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            first, second = line.split()
            table.setdefault(first, set()).add(second)
            table.setdefault(second, set()).add(first)
    return {word: frozenset(others) for word, others in table.items()}


def _with_head(item: Item, tokens: list[Token], index: int) -> Found:
    """The opposite word and the next content word, when it follows at once ("older sister")."""
    token = tokens[index]
    end = token.end
    if index + 1 < len(tokens) and tokens[index + 1].kind == "word" and tokens[index + 1].content:
        end = tokens[index + 1].end
    return Found(item, token.start, end, normal_word(token.text))


@register(Kind(name="opposite", title=N_("Opposite"), verb="says the opposite", legend=N_("opposite"), mark_rank=0,
               question=N_("Both cannot be right. Which is, and how could you check?"), question_rank=0.5,
               summary=N_("Opposite words, both cannot be right"), weight=0))
def opposite(items: list[Item]) -> list[Difference]:
    """Words of one fact that cannot both hold: "older" / "younger", "rose" / "fell", "approved" / "rejected"."""
    table = opposites()
    words_of = {id(item): {normal_word(t.text) for t in item.tokens() if t.kind == "word"} for item in items}
    differences = []
    reported: set[frozenset[str]] = set()
    for first in items:
        for index, token in enumerate(first.tokens()):
            word = normal_word(token.text)
            if word not in table or token.quoted:
                continue
            for second in items:
                if second.article == first.article or word in words_of[id(second)]:
                    continue
                for other_index, other in enumerate(second.tokens()):
                    other_word = normal_word(other.text)
                    pair = frozenset((word, other_word))
                    if other_word in table[word] and not other.quoted and word not in words_of[id(second)] \
                            and other_word not in words_of[id(first)] and pair not in reported:
                        reported.add(pair)
                        differences.append(difference("opposite", [
                            _with_head(first, first.tokens(), index), _with_head(second, second.tokens(), other_index)]))
    return differences
