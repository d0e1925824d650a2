"""Words to examine in the articles (part of the examine stage).

Every phrase of the lexicon (`text/data/words_to_examine.tsv`) found in a
sentence is marked with its category; one inside quotation marks is the
speaker's word, not the outlet's, and says so.
"""

from __future__ import annotations

from ..model import Story, WordMark
from ..text.people import QUOTATION
from ..text.words_to_examine import find_entries


def words_to_examine(story: Story) -> list[WordMark]:
    """Every lexicon phrase in the articles' sentences; those inside quotation marks are the speaker's."""
    marks = []
    for article in story.articles:
        for sentence in article.sentences:
            quoted = [m.span() for m in QUOTATION.finditer(sentence.text)]
            for start, end, entry in find_entries(sentence.text):
                marks.append(WordMark(article=article.id, sentence=sentence.id, start=start, end=end,
                                      entry=entry.phrase, category=entry.category,
                                      quoted=any(a <= start < b for a, b in quoted)))
    return marks
