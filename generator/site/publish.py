"""What may be published of the articles (part of the render stage).

With `publish = "full"` the pages show the normalized articles in full (for a
private classroom build). With `publish = "excerpts"` (the default for a site
with a `base_url`) each article shows at most `excerpt_words` words: first the
sentences that carry the comparison (those of facts two or more outlets
report), then others, in reading order. The analysis itself, who reports which
fact, the differences and the omissions, is published whole; the text of the
other sentences is withheld (empty, and marked `withheld`), and no label is
made from it.
"""

from __future__ import annotations

import copy

from ..model import Article, Group, SiteConfig, Story
from ..text.labels import label

_MAX_VALUE_WORDS = 12


def published_story(story: Story, config: SiteConfig) -> Story:
    """The story as the pages may show it."""
    if config.publish_mode == "full":
        return story
    kept = excerpt_sentences(story, config.excerpt_words)
    outlets = {a.id: a.outlet for a in story.articles}
    result = copy.deepcopy(story)
    texts = {s.id: s.text for a in story.articles for s in a.sentences}
    for article in result.articles:
        _withhold(article, kept)
    for group in result.groups:
        _relabel(group, kept, texts, outlets)
        for member in group.members:
            if member.sentence not in kept:
                member.marks, member.span = [], None  # offsets into text that is not published
        for difference in group.differences:
            for value in difference.values:
                if value.sentence in kept:
                    continue
                # The differing value itself stays (short, like a quotation in a review); where it
                # sat in the withheld sentence does not.
                value.start = value.end = None
                value.text = _short(value.text)
    # Quotations and citations from withheld sentences keep their words, as short as a quotation in a
    # review; their places in the text, and words to examine there, are not published.
    for quotation in result.quotations:
        if not any(r.sentence in kept and r.text == quotation.text for r in quotation.renderings):
            quotation.text = _short(quotation.text)
        for rendering in quotation.renderings:
            rendering.left_out = _short(rendering.left_out)
            if rendering.sentence not in kept:
                rendering.text = _short(rendering.text)
                rendering.start = rendering.end = None
                rendering.changes = []
    for source in result.sources:
        for citation in source.citations:
            if citation.sentence not in kept:
                citation.text = _short(citation.text)
                citation.start = citation.end = None
    result.words = [w for w in result.words if w.sentence in kept]
    return result


def _short(text: str) -> str:
    words = text.split()
    return text if len(words) <= _MAX_VALUE_WORDS else " ".join(words[:_MAX_VALUE_WORDS]) + " …"


def excerpt_sentences(story: Story, cap: int) -> set[str]:
    """Ids of the sentences each article shows, within `cap` words per article."""
    shared = {m.sentence for g in story.groups if len({m.article for m in g.members}) >= 2 for m in g.members}
    # The headline is shown as a citation gives it, with the link to the original: outside the cap.
    kept: set[str] = {b.sentences[0].id for a in story.articles for b in a.blocks[:1]
                      if b.kind == "heading" and b.level == 1 and b.sentences}
    for article in story.articles:
        total = 0
        for wanted in (True, False):  # the comparison's sentences first
            for sentence in article.sentences:
                if sentence.id in kept or (sentence.id in shared) != wanted:
                    continue
                words = len(sentence.text.split())
                if total + words <= cap:
                    kept.add(sentence.id)
                    total += words
    return kept


def _withhold(article: Article, kept: set[str]) -> None:
    for block in article.blocks:
        if block.kind == "heading" and block.level == 1:
            continue  # the headline stays, as a citation would give it
        if block.kind in ("heading", "byline"):
            block.text = ""
            continue
        shown = []
        for sentence in block.sentences:
            if sentence.id in kept:
                shown.append(sentence.text)
            else:
                sentence.text, sentence.norm, sentence.withheld = "", "", True
                sentence.start = sentence.end = 0
        block.text = " … ".join(shown)
        position = 0
        for sentence in block.sentences:
            if not sentence.withheld:
                sentence.start = block.text.index(sentence.text, position)
                sentence.end = position = sentence.start + len(sentence.text)


def _relabel(group: Group, kept: set[str], texts: dict[str, str], outlets: dict[str, str]) -> None:
    """A label made from shown sentences only (an editor's own label stays)."""
    if group.labelled:
        return
    shown = [(texts[m.sentence], (m.span[0], m.span[1]) if m.span else (0, len(texts[m.sentence])))
             for m in group.members if m.sentence in kept]
    if shown:
        group.label = label(shown)
    else:
        names = list(dict.fromkeys(outlets[m.article] for m in group.members))
        group.label = "Not in the excerpts: reported by " + ", ".join(names)
