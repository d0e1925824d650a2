"""Short labels for facts, made from the words of their sentences.

A label is the claim of the group's most central member (the one that shares
the most words with the others), without who said it and without a leading
connector ("However, ..."), cut to about twelve words. Compare makes the
labels; publishing remakes them from the sentences it may show.
"""

from __future__ import annotations

import re

from .tokens import Token, analyze, attribution_span

LABEL_WORDS = 12
_LEADING_CONNECTORS = re.compile(
    r"^(?:however|meanwhile|now|but|and|also|still|moreover|in addition|separately|earlier|later|"
    r"in response to [^,]+|according to [^,]+|as a result|on \w+day)\s*,\s*", re.IGNORECASE)

Span = tuple[int, int]


def span_tokens(text: str, span: Span) -> list[Token]:
    """The tokens of `text` that lie within `span`."""
    start, end = span
    return [t for t in analyze(text).tokens if t.start >= start and t.end <= end]


MEDOID_OF = 40
"""The medoid is looked for among the first this many sets (a group of thousands of repeats costs the same)."""


def medoid(word_sets: list[set[str]]) -> int:
    """Index of the set that shares the most words with the others (the first one on a tie)."""
    sets = word_sets[:MEDOID_OF]
    return max(range(len(sets)), key=lambda i: (sum(len(sets[i] & sets[j]) for j in range(len(sets)) if j != i), -i))


def content_words(text: str, span: Span) -> set[str]:
    return {t.norm for t in span_tokens(text, span) if t.content}


def label(members: list[tuple[str, Span]]) -> str:
    """A short label for the fact the members (sentence text, span of it in the group) state."""
    text, (start, end) = members[medoid([content_words(t, s) for t, s in members])] if len(members) > 1 \
        else members[0]
    speaker = attribution_span(analyze(text))
    tokens = analyze(text).tokens
    if speaker is not None:
        first, last = speaker
        speaker_start, speaker_end = tokens[first].start, tokens[last - 1].end
        if speaker_start <= start < speaker_end and speaker_end < end:
            start = speaker_end
        elif start < speaker_start < end and speaker_start - start > 20:
            end = speaker_start
    claim = text[start:end].strip(" ,;:")
    claim = _LEADING_CONNECTORS.sub("", claim)
    claim = re.sub(r"^(?:and|but|while|although|though|so|as|or)\s+", "", claim, flags=re.IGNORECASE)
    claim = claim.strip("\"“”' ,;:").rstrip(".")
    words = claim.split()
    if len(words) > LABEL_WORDS:
        claim = " ".join(words[:LABEL_WORDS]).rstrip(",;:") + "…"
    return claim[:1].upper() + claim[1:] if claim else text[:60]
