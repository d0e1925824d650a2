"""Normalize stage: article bodies -> blocks -> sentences, with page junk removed.

Takes `StoryFolder`s (raw bodies as delivered); gives `Story`s whose articles
hold headings, paragraphs, list items, summary bullets, bylines and quotations,
each content block split into sentences. Markdown is parsed with markdown-it-py
and saved pages with beautifulsoup4; junk is cut by the named rules in `junk`
and every cut is recorded with its rule.
"""

from __future__ import annotations

import hashlib
import itertools
import pickle
import re
from collections import OrderedDict
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token

from ..errors import Diagnostic, warning
from ..model import (
    Article,
    ArticleFile,
    Block,
    BlockKind,
    NormalizeConfig,
    RawBlock,
    Removed,
    Sentence,
    Story,
    StoryFolder,
)
from ..text.lexicon import LANGUAGE
from ..text.norm import clean_spaces, comparable
from .junk import Candidate, RuleState, apply_rules
from .segment import split_sentences

_MARKDOWN = MarkdownIt("commonmark")
_CONTENT_KINDS: frozenset[BlockKind] = frozenset({"paragraph", "list-item", "summary", "quote"})


@dataclass(slots=True)
class Normalized:
    story: Story
    diagnostics: list[Diagnostic]


def normalize_story(folder: StoryFolder, config: NormalizeConfig | None = None) -> Normalized:
    """Normalize every article of a story."""
    config = config or NormalizeConfig()
    diagnostics: list[Diagnostic] = []
    articles = []
    for article_file in folder.articles:
        article = _normalized(article_file, config)
        name = article_file.path.name
        if not article.sentences:
            diagnostics.append(warning(
                f"{name}: no sentences left after removing page junk",
                file=article_file.path,
                hint="check that the file holds the article text; `parallax compare` shows what was removed"))
        elif article.word_count >= 20 and not any(_ENDS_SENTENCE.search(s.text) for s in article.sentences):
            diagnostics.append(warning(
                f"{name}: no sentence-ending punctuation; each line or paragraph is read as one sentence",
                file=article_file.path,
                hint="if the text lost its full stops when it was copied, copy it again from the page"))
        for line, words, parts in _long_sentences(article):
            diagnostics.append(warning(
                f"{name}: a sentence of {words:,} words was split into {parts} parts to be compared",
                file=article_file.path, line=line,
                hint="check whether its full stops were lost when the text was copied"))
        articles.append(article)
    story = Story(slug=folder.slug, title=folder.title, date=folder.date, summary=folder.summary,
                  tags=list(folder.tags), questions=list(folder.questions), intro=folder.intro, articles=articles)
    return Normalized(story=story, diagnostics=diagnostics)


_REMEMBERED: OrderedDict[bytes, bytes] = OrderedDict()
"""Normalized articles by everything normalizing reads, pickled, when `remember_articles` is on."""
_REMEMBER = {"on": False, "keep": 1024}


def remember_articles(on: bool = True, keep: int = 1024) -> None:
    """In a long-running process (`parallax serve`), remember the last `keep` normalized articles: an edit's
    rebuild then normalizes again only the articles that changed. Off by default: a build that normalizes
    each article once would only pay for the copies."""
    _REMEMBER.update(on=on, keep=keep)
    _REMEMBERED.clear()


def _normalized(delivered: ArticleFile, config: NormalizeConfig) -> Article:
    """`normalize_article`, remembered when `remember_articles` is on; every call gets an article of its own
    (the pipeline changes articles in place), made from the pickled copy."""
    if not _REMEMBER["on"]:
        return normalize_article(delivered, config)
    key = hashlib.sha256(pickle.dumps((delivered, config, LANGUAGE.get()))).digest()
    found = _REMEMBERED.get(key)
    if found is not None:
        _REMEMBERED.move_to_end(key)
        copy: Article = pickle.loads(found)  # this process's own pickle
        return copy
    article = normalize_article(delivered, config)
    _REMEMBERED[key] = pickle.dumps(article)
    while len(_REMEMBERED) > _REMEMBER["keep"]:
        _REMEMBERED.popitem(last=False)
    return article


def normalize_article(delivered: ArticleFile, config: NormalizeConfig | None = None) -> Article:
    """One article: parse, cut junk, classify blocks, split sentences."""
    config = config or NormalizeConfig()
    if delivered.format == "html":
        raw_blocks = _saved_page_blocks(delivered.body)
    else:
        raw_blocks = markdown_blocks(delivered.body, first_line=delivered.body_line)
    kept, removed = _remove_junk(raw_blocks, frozenset(config.skip_rules))
    blocks, byline = _classify(kept, delivered.id)
    blocks = _with_headline(blocks, delivered)
    headline = blocks[0].text if blocks and blocks[0].kind == "heading" and blocks[0].level == 1 else None
    return Article(
        id=delivered.id, outlet=delivered.outlet, title=delivered.title or headline, url=delivered.url,
        published=delivered.published, author=delivered.author or _byline_author(byline),
        language=delivered.language, byline=byline, removed=removed, blocks=blocks,
    )


def _saved_page_blocks(html: str) -> list[RawBlock]:
    """A saved page's article as `parallax import` reads it (trafilatura, readability, then the rules), with
    the headline and byline the page structure gives when the extractor left them out (it treats them as
    metadata; a comparison shows them)."""
    from .importer import article_blocks  # the extractors are loaded only for saved pages
    from .savedpage import html_blocks
    blocks, _ = article_blocks(html, keep_title=True)
    structure = html_blocks(html, lines=False)[:8]  # the headline and byline: their lines are not shown
    texts = {b.text for b in blocks}
    byline = next((b for b in structure if _is_byline(b.text)), None)
    if byline is not None and byline.text not in texts and not any(_is_byline(b.text) for b in blocks[:8]):
        at = 1 if blocks and blocks[0].kind == "heading" else 0
        blocks.insert(at, byline)
    headline = structure[0] if structure and structure[0].kind == "heading" and structure[0].level == 1 else None
    if headline is not None and not (blocks and blocks[0].kind == "heading") and headline.text not in texts:
        blocks.insert(0, headline)
    return blocks


def _with_headline(blocks: list[Block], delivered: ArticleFile) -> list[Block]:
    """The headline as a sentence of its own (`<article>.s0`), compared like any other: outlets' headlines
    are where their framing differs most. A headline given only in the front matter (`title:`) becomes
    the article's first block; the article page shows it once, as the page's title."""
    if not (blocks and blocks[0].kind == "heading" and blocks[0].level == 1):
        if not delivered.title:
            return blocks
        blocks = [Block(id=f"{delivered.id}.b0", kind="heading", text=delivered.title, level=1), *blocks]
    headline = blocks[0]
    headline.sentences = [Sentence(id=f"{delivered.id}.s0", text=headline.text, start=0, end=len(headline.text),
                                   norm=comparable(headline.text))]
    return blocks


# --- parsing Markdown / plain text ---------------------------------------------

_BULLET = re.compile(r"^\s*[•·▪◦●‣∙○■□➤►]\s*")
_LIST_MARKER = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s+")
_TAG = re.compile(r"<[^>]*>")
_ENDS_CLAUSE = re.compile(r"[.!?:;\"”’)\]…]\s*$")


def markdown_blocks(body: str, first_line: int = 1) -> list[RawBlock]:
    """Blocks of a Markdown or plain-text body; `first_line` is the body's line in its file."""
    original_lines = body.split("\n")
    lines = [_BULLET.sub("- ", line) if _BULLET.match(line) else line for line in original_lines]
    prepared, line_map = _one_block_per_line(lines) if not _hard_wrapped(lines) else (lines, list(range(len(lines))))
    tokens = _MARKDOWN.parse("\n".join(prepared))
    blocks: list[RawBlock] = []
    containers: list[str] = []
    items: list[Token] = []
    """The list items the walk is inside, innermost last."""
    numbers = _lone_numbered_items(tokens)

    def raw_of(token: Token) -> tuple[int | None, str]:
        if token.map is None:
            return None, ""
        begin, end = token.map
        original = sorted({line_map[i] for i in range(begin, min(end, len(line_map)))})
        text = "\n".join(original_lines[i] for i in original).strip() if original else ""
        return (first_line + original[0] if original else None), text

    for index, token in enumerate(tokens):
        if token.type in ("bullet_list_open", "ordered_list_open", "list_item_open", "blockquote_open"):
            containers.append(token.type)
            if token.type == "list_item_open":
                items.append(token)
        elif token.type in ("bullet_list_close", "ordered_list_close", "list_item_close", "blockquote_close"):
            containers.pop()
            if token.type == "list_item_close":
                items.pop()
        elif token.type == "inline":
            parent = tokens[index - 1]
            text = _inline_text(token)
            if not text:
                continue
            line, raw = raw_of(parent)
            if parent.type == "heading_open":
                blocks.append(RawBlock(kind="heading", text=text, line=line, level=int(parent.tag[1]),
                                       raw=raw))
                continue
            kind: BlockKind = "paragraph"
            if items and id(items[-1]) in numbers and text[:1].isdigit() and containers[-1] == "list_item_open":
                # "5. 9 Earthquake Jolts Iran", "2012. 7 people died": a number split at its point (text
                # rebuilt from word tokens), not a list of one item starting at 5.
                text = f"{items[-1].info}{items[-1].markup} {text}"
                kind = "quote" if "blockquote_open" in containers else "paragraph"
            elif "blockquote_open" in containers:
                kind = "quote"
            elif "list_item_open" in containers:
                kind = "list-item"
            blocks.append(RawBlock(kind=kind, text=text, line=line, raw=raw))
        elif token.type in ("code_block", "fence"):
            line, _ = raw_of(token)
            for offset, code_line in enumerate(token.content.split("\n")):
                if code_line.strip():
                    blocks.append(RawBlock(kind="paragraph", text=clean_spaces(code_line),
                                           line=None if line is None else line + offset, raw=code_line))
        elif token.type == "html_block":
            line, _ = raw_of(token)
            from .savedpage import TooDeep, html_blocks
            try:
                found = html_blocks(token.content)
            except TooDeep:  # markup nested past all reason: its text, without the tags
                found = [RawBlock(kind="paragraph", text=text, raw=text)
                         for text in [clean_spaces(_TAG.sub(" ", token.content))] if text]
            for block in found:
                block.line = line
                blocks.append(block)
    return blocks


def _lone_numbered_items(tokens: list[Token]) -> set[int]:
    """The list items (by id) that are the only item of a numbered list (one pass over the tokens)."""
    lone: set[int] = set()
    lists: list[tuple[bool, list[Token]]] = []
    """Each list the pass is inside, innermost last: whether it is numbered, and its items so far."""
    for token in tokens:
        if token.type in ("ordered_list_open", "bullet_list_open"):
            lists.append((token.type == "ordered_list_open", []))
        elif token.type == "list_item_open" and lists:
            lists[-1][1].append(token)  # an item belongs to the innermost list open
        elif token.type in ("ordered_list_close", "bullet_list_close") and lists:
            numbered, found = lists.pop()
            if numbered and len(found) == 1:
                lone.add(id(found[0]))
    return lone


def _inline_text(token: Token) -> str:
    parts: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return clean_spaces("".join(parts))


def _hard_wrapped(lines: list[str]) -> bool:
    """True when paragraphs are wrapped over several lines (ordinary Markdown).

    Text copied from web pages has one paragraph per line, often with no blank
    line between them; there each line is a block. Wrapped text shows itself by
    lines that break mid-sentence before a lower-case word.
    """
    pairs = [(a, b) for a, b in itertools.pairwise(lines)
             if a.strip() and b.strip() and not _LIST_MARKER.match(b)]
    if not pairs:
        return False
    mid_sentence = sum(1 for a, b in pairs if not _ENDS_CLAUSE.search(a) and re.match(r"\s*[a-z(]", b))
    return mid_sentence >= 1 and mid_sentence >= 0.25 * len(pairs)


def _one_block_per_line(lines: list[str]) -> tuple[list[str], list[int]]:
    """Separate every non-blank line by a blank one, keeping a map to the original lines."""
    prepared: list[str] = []
    line_map: list[int] = []
    for number, line in enumerate(lines):
        if not line.strip():
            continue
        if prepared:
            prepared.append("")
            line_map.append(number)
        prepared.append(line.strip())
        line_map.append(number)
    return prepared, line_map


# --- junk -------------------------------------------------------------------------

def _remove_junk(blocks: list[RawBlock], skip: frozenset[str]) -> tuple[list[tuple[RawBlock, bool]], list[Removed]]:
    """Blocks that survive the rules, each flagged when it belongs to a labelled summary, and the cuts.

    After a label such as "In Short", the next block is a summary block, and so
    is every list item that follows it without another kind of block between.
    """
    state = RuleState()
    kept: list[tuple[RawBlock, bool]] = []
    removed: list[Removed] = []
    summary: str | None = None  # None, "first" (just after a label) or "list" (inside its bullets)
    for index, block in enumerate(blocks):
        verdict = apply_rules(Candidate(text=block.text, kind=block.kind, index=index, count=len(blocks)),
                              state, skip)
        if verdict is None:
            in_summary = summary == "first" or (summary == "list" and block.kind == "list-item")
            kept.append((block, in_summary))
            summary = "list" if in_summary and block.kind == "list-item" else None
            continue
        rule, cut = verdict
        if cut.kept:
            removed.append(Removed(text=cut.removed, rule=rule, line=block.line))
            kept.append((RawBlock(kind=block.kind, text=cut.kept, line=block.line, level=block.level,
                                  raw=block.raw), False))
        else:
            removed.append(Removed(text=block.raw or block.text, rule=rule, line=block.line))
        if cut.opens_summary:
            summary = "first"
    return kept, removed


# --- classification and sentences ---------------------------------------------------

_BYLINE = re.compile(
    r"^(?i:by|written by|words by|reported by|story by)\s+(?P<names>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}"
    r"(?:\s*(?:,|and|&)\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})*)"
    r"(?:\s*(?:[·|•,–—-]|\bin\b)\s*.{0,80})?$")


def _classify(kept: list[tuple[RawBlock, bool]], article_id: str) -> tuple[list[Block], str | None]:
    blocks: list[Block] = []
    byline: str | None = None
    sentence_number = 0
    # Short unpunctuated lines are headings only in text that otherwise has sentence punctuation;
    # in text that lost its full stops, every line is a paragraph.
    paragraphs = [raw for raw, _ in kept if raw.kind == "paragraph"]
    punctuated = sum(1 for raw in paragraphs if _ENDS_SENTENCE.search(raw.text))
    guess_headings = len(paragraphs) < 3 or punctuated >= 0.3 * len(paragraphs)
    for position, (raw, after_label) in enumerate(kept):
        kind: BlockKind = raw.kind
        level = raw.level
        if kind != "heading" and byline is None and position < 8 and _is_byline(raw.text):
            kind = "byline"
            byline = raw.text
        elif after_label and kind in ("list-item", "paragraph"):
            kind = "summary"
        elif kind == "paragraph" and raw.level == 0 and guess_headings and \
                _looks_like_heading(raw.text, position, len(kept)):
            kind = "heading"
            level = 1 if not blocks else 2
        block = Block(id=f"{article_id}.b{len(blocks) + 1}", kind=kind, text=raw.text,
                      level=level if kind == "heading" else 0, line=raw.line)
        if kind in _CONTENT_KINDS:
            for start, end in _capped(raw.text, split_sentences(raw.text)):
                sentence_number += 1
                text = raw.text[start:end]
                block.sentences.append(Sentence(id=f"{article_id}.s{sentence_number}", text=text,
                                                start=start, end=end, norm=comparable(text)))
        blocks.append(block)
    return blocks, byline


_ENDS_SENTENCE = re.compile(r"[.!?…][\"'”’)\]]*\s*$")
MAX_SENTENCE_WORDS = 250
_PART_WORDS = 100


def _long_sentences(article: Article) -> list[tuple[int | None, int, int]]:
    """(line, words, parts) of each sentence that was split for being over MAX_SENTENCE_WORDS."""
    found = []
    for block in article.blocks:
        for start, end in split_sentences(block.text):
            words = len(block.text[start:end].split())
            if words > MAX_SENTENCE_WORDS:
                parts = sum(1 for s in block.sentences if start <= s.start < end)
                found.append((block.line, words, parts))
    return found


def _capped(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentences over MAX_SENTENCE_WORDS words, split near every 100 words, at a comma or
    semicolon where there is one (a long text without full stops is still compared in parts)."""
    result: list[tuple[int, int]] = []
    for start, end in spans:
        words = [m.start() + start for m in re.finditer(r"\S+", text[start:end])]
        if len(words) <= MAX_SENTENCE_WORDS:
            result.append((start, end))
            continue
        cut_from = start
        index = _PART_WORDS
        while index < len(words) - _PART_WORDS // 2:
            window = range(index - 20, min(index + 20, len(words) - 1))
            preferred = [i for i in window if text[words[i] - 2:words[i]].rstrip()[-1:] in (",", ";", ":")]
            cut = min(preferred, key=lambda i: abs(i - index)) if preferred else index
            piece_end = words[cut]
            while piece_end > cut_from and text[piece_end - 1].isspace():
                piece_end -= 1
            result.append((cut_from, piece_end))
            cut_from = words[cut]
            index = cut + _PART_WORDS
        result.append((cut_from, end))
    return result


def _is_byline(text: str) -> bool:
    return len(text.split()) <= 16 and bool(_BYLINE.match(text))


def _byline_author(byline: str | None) -> str | None:
    if not byline:
        return None
    match = _BYLINE.match(byline)
    return clean_spaces(match["names"]) if match else None


def _looks_like_heading(text: str, position: int, count: int) -> bool:
    """A short line with no closing punctuation, in text that carries no heading markup."""
    words = text.split()
    if position >= count - 1 or not words or len(words) > (20 if position == 0 else 14):
        return False
    if not (words[0][:1].isupper() or words[0][:1].isdigit() or words[0][:1] in "\"“'‘"):
        return False
    if re.search(r"[.!:;,…\"”’)\]]\s*$", text) or (text.endswith("?") and len(words) > 10):
        return False
    return len(split_sentences(text)) == 1 or _title_case(words)


_SMALL_WORDS = frozenset("a an the and or but nor of in on at to for by with from as into via vs".split())


def _title_case(words: list[str]) -> bool:
    """Every word but the small ones capitalized, as a headline is written: its "Jr. On The Lam" ends no
    sentence, though "Jr." before "On" would in running text."""
    lettered = [w for w in words if any(c.isalpha() for c in w)]
    return len(lettered) >= 4 and all(w[:1].isupper() or not w[:1].isalpha() or w.lower() in _SMALL_WORDS
                                      for w in lettered)
