"""Examine stage: what a media-literacy class looks at, after the comparison.

Takes a compared `Story`; gives three readings of it, each for one skill:

- **quotations** (`quotations`): who is quoted, and whether each outlet
  quotes verbatim, trims, alters or paraphrases;
- **sources** (`sources`): whom each article cites, named or not;
- **words to examine** (`words`): hedges, report verbs that carry a judgement
  and loaded words, from the hand-curated lexicon. They are questions to ask
  of a text, never a verdict on an outlet.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Quotation, Source, Story, WordMark
from .quotations import quotations
from .sources import sources
from .words import words_to_examine


@dataclass(slots=True)
class Examined:
    quotations: list[Quotation]
    sources: list[Source]
    words: list[WordMark]


def examine_story(story: Story) -> Examined:
    """Quotations, sources and words to examine of a compared story."""
    return Examined(quotations=quotations(story), sources=sources(story), words=words_to_examine(story))
