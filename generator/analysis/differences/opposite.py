"""Opposites: one outlet says "older sister" where another says "younger sister" of the same fact.

Two sentences grouped as one fact, each using one word of a pair that cannot both hold of one thing
(`text/data/opposites.txt`) in the same place (next to the same word), while neither uses the other's
word, contradict each other. Each value is the word with the word it qualifies ("older sister"), so a
reader sees what is opposed.
"""

from __future__ import annotations

from functools import cache

from ...model import Difference, is_headline
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


STANCE_ONLY = frozenset({"for", "against"})
"""Opposites only where they take a side ("voted for" / "voted against"): as plain prepositions ("charges
against him" / "an indictment for him") they oppose nothing."""
STANCE = frozenset({"vote", "votes", "voted", "voting", "argue", "argues", "argued", "arguing", "campaign",
                    "campaigns", "campaigned", "campaigning", "lobby", "lobbies", "lobbied", "lobbying", "rule",
                    "rules", "ruled", "ruling", "testify", "testifies", "testified", "testifying", "speak", "speaks",
                    "spoke", "speaking", "out", "decide", "decides", "decided", "side", "sides", "sided", "siding",
                    "come", "comes", "came", "coming", "be", "is", "are", "was", "were", "been", "being"})
"""Words after which "for" and "against" take a side ("came out against", "ruled for", "is against")."""


def _takes_side(tokens: list[Token], index: int) -> bool:
    """The word at `index` is an opposite here: not a preposition of "for" / "against" outside a stance, nor
    "first" / "last" of "the first time around" / "last time", which both mean the time before."""
    word = normal_word(tokens[index].text)
    if word in ("first", "last") and index + 1 < len(tokens) and tokens[index + 1].norm == "time":
        return False  # "the first time around" / "last time": both the time before
    if word not in STANCE_ONLY:
        return True
    before = index - 1
    while before >= 0 and tokens[before].kind != "word":
        before -= 1
    return before >= 0 and normal_word(tokens[before].text) in STANCE


def _neighbours(tokens: list[Token], index: int, headline: bool = False) -> tuple[Token | None, Token | None]:
    """The nearest content words before and after the word at `index`, at most NEAR words away; not names
    (a capitalized word inside a sentence, outside a headline's title case): a story names its people
    everywhere ("stay at Betty Ford comes after Lohan" / "spent time at Betty Ford before")."""
    def usable(i: int) -> bool:
        token = tokens[i]
        return token.kind != "punct" and token.content and (headline or i == 0 or not token.capitalized)
    before = next((tokens[i] for i in range(index - 1, max(-1, index - 1 - NEAR), -1) if usable(i)), None)
    after = next((tokens[i] for i in range(index + 1, min(len(tokens), index + 1 + NEAR)) if usable(i)), None)
    return before, after


NEAR = 3
"""How many words away `_neighbours` looks for the content word next to an opposite word."""


def _alike(a: Token | None, b: Token | None) -> bool:
    if a is None or b is None:
        return False
    return (a.stem or a.norm) == (b.stem or b.norm) or bool(
        {c for c in a.concepts if c.startswith(("c:", "n:"))} & {c for c in b.concepts if c.startswith(("c:", "n:"))})


def _same_place(first: Item, i: int, second: Item, j: int) -> bool:
    """The two words qualify the same thing or follow the same word ("older sister" / "younger sister",
    "voted for" / "voted against"): opposite words elsewhere in the sentences ("tax cut compromise" /
    "raised the stakes", "denied knowledge" / "confirmed in a statement") oppose nothing."""
    (before_a, after_a) = _neighbours(first.tokens(), i, is_headline(first.sentence))
    (before_b, after_b) = _neighbours(second.tokens(), j, is_headline(second.sentence))
    return _alike(before_a, before_b) or _alike(after_a, after_b)


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
            if word not in table or token.quoted or not _takes_side(first.tokens(), index):
                continue
            for second in items:
                if second.article == first.article or word in words_of[id(second)]:
                    continue
                for other_index, other in enumerate(second.tokens()):
                    other_word = normal_word(other.text)
                    pair = frozenset((word, other_word))
                    if other_word in table[word] and not other.quoted and word not in words_of[id(second)] \
                            and other_word not in words_of[id(first)] and pair not in reported \
                            and _takes_side(second.tokens(), other_index) \
                            and _same_place(first, index, second, other_index):
                        reported.add(pair)
                        differences.append(difference("opposite", [
                            _with_head(first, first.tokens(), index), _with_head(second, second.tokens(), other_index)]))
    return differences
