"""Saved web pages: their metadata (for the load stage) and their text blocks (for normalize).

Parsed with beautifulsoup4. The article container is the element holding the
most paragraph text; navigation, asides, forms, figures and elements whose
class or id names them as ads, promos or share widgets are dropped before the
blocks are read. Junk that survives is left to the named rules in `junk`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from bs4.element import Comment, NavigableString, PageElement, Tag

from ..model import BlockKind, RawBlock
from ..text.norm import clean_spaces

_DROP_TAGS = ("script", "style", "noscript", "template", "iframe", "svg", "math", "form", "button",
              "input", "select", "textarea", "nav", "aside", "footer", "figure", "figcaption",
              "object", "embed", "video", "audio", "canvas", "dialog", "menu", "link", "meta")
_DROP_ROLES = {"navigation", "complementary", "banner", "contentinfo", "search", "dialog", "alert"}
_JUNK_NAME = re.compile(
    r"(?:^|[-_\s])(?:ad|ads|adv|advert|advertisement|advertising|dfp|gpt|promo|promoted|sponsor|"
    r"sponsored|related|recirc|recommended|share|sharing|social|newsletter|subscribe|subscription|"
    r"paywall|comment|comments|cookie|consent|gdpr|sidebar|breadcrumbs?|nav|navbar|menu|"
    r"popup|modal|banner|outbrain|taboola|trending|most-?read|more-stories|byline-share|"
    r"tags|author-bio|caption|credit)(?:$|[-_\s\d])", re.IGNORECASE)
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_BLOCK_TAGS = frozenset(("p", "li", "blockquote", "pre", "div", "section", "article", "main",
                         "header", "ul", "ol", "dl", "dt", "dd", "table", "tr", "td", "th",
                         "tbody", "thead", *_HEADINGS))


MAX_DEPTH = 500
"""Elements nested deeper than this are no article (real pages nest a few dozen deep): refused, not read."""


class TooDeep(ValueError):
    """A page nests its elements more than MAX_DEPTH deep."""

    def __init__(self, depth: int) -> None:
        super().__init__(f"the page nests its elements more than {MAX_DEPTH} deep (at least {depth})")
        self.depth = depth


def parse(html: str, lines: bool = False) -> BeautifulSoup:
    """The page as a tree; TooDeep when it nests past MAX_DEPTH (every later walk is then bounded).

    Parsed by lxml (C, several times faster); by Python's html.parser when the caller needs each
    element's line in the file (`lines`: lxml's tree builder does not record it)."""
    soup = BeautifulSoup(html, "html.parser" if lines else "lxml")
    depth = _depth(soup)
    if depth > MAX_DEPTH:
        raise TooDeep(depth)
    return soup


def _depth(root: Tag) -> int:
    deepest = 0
    stack: list[tuple[Tag, int]] = [(root, 0)]
    while stack:
        tag, depth = stack.pop()
        deepest = max(deepest, depth)
        if deepest > MAX_DEPTH:
            break
        stack.extend((child, depth + 1) for child in tag.children if isinstance(child, Tag))
    return deepest


def html_metadata(html: str, soup: BeautifulSoup | None = None) -> dict[str, Any]:
    """Front-matter-like fields from a saved page's metadata (only the ones it gives); `soup`: the page
    already parsed."""
    soup = parse(html) if soup is None else soup
    # Each <meta> once, by property and by name (the first of each wins), not one search of the page per name.
    by_property: dict[str, str] = {}
    by_name: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        if isinstance(tag, Tag) and tag.get("content"):
            for attribute, found in (("property", by_property), ("name", by_name)):
                key = tag.get(attribute)
                if isinstance(key, str):
                    found.setdefault(key, str(tag["content"]))

    def meta(*names: str) -> str | None:
        for name in names:
            value = by_property.get(name) or by_name.get(name)
            if value:
                return clean_spaces(value)
        return None

    fields: dict[str, Any] = {}
    title_tag = soup.find("title")
    title = meta("og:title", "twitter:title") or (
        clean_spaces(title_tag.get_text()) if isinstance(title_tag, Tag) else None)
    if title:
        fields["title"] = title
    canonical = soup.find("link", attrs={"rel": "canonical"})
    url = (str(canonical["href"]) if isinstance(canonical, Tag) and canonical.get("href") else None) \
        or meta("og:url")
    if url and re.match(r"^https?://", url):
        fields["url"] = url
    outlet = meta("og:site_name", "application-name", "publisher")
    if not outlet and "url" in fields:
        outlet = urlsplit(fields["url"]).netloc.removeprefix("www.")
    if outlet:
        fields["outlet"] = outlet
    author = meta("author", "article:author", "parsely-author", "sailthru.author", "dc.creator")
    if author and not re.match(r"^https?://", author):
        fields["author"] = author
    published = meta("article:published_time", "datePublished", "pubdate", "publishdate",
                     "date", "dc.date", "parsely-pub-date", "sailthru.date")
    if not published:
        time_tag = soup.find("time", attrs={"datetime": True})
        if isinstance(time_tag, Tag):
            published = str(time_tag["datetime"])
    if published:
        fields["published"] = published
    html_tag = soup.find("html")
    if isinstance(html_tag, Tag) and html_tag.get("lang"):
        fields["language"] = str(html_tag["lang"]).strip()
    return fields


def html_blocks(html: str, lines: bool = True) -> list[RawBlock]:
    """The text blocks of the page's main article, in reading order, each with its line in the file
    (None without `lines`: parsed faster)."""
    soup = parse(html, lines=lines)
    _drop(soup, _page_junk)
    container = _article_container(soup)
    _drop(container, _named_junk)
    for br in container.find_all("br"):
        br.replace_with("\n")
    return _collect(container, "paragraph")


def fragment_blocks(html: str) -> list[RawBlock]:
    """The text blocks of an HTML fragment that already is the article (an extractor's output)."""
    soup = parse(html)
    _drop(soup, lambda tag: tag.name in _DROP_TAGS)
    for br in soup.find_all("br"):
        br.replace_with("\n")
    return _collect(soup.body or soup, "paragraph")


def _page_junk(tag: Tag) -> bool:
    """Scripts, navigation, forms, figures...; hidden elements; landmarks that are not the article."""
    return tag.name in _DROP_TAGS or tag.get("hidden") is not None or tag.get("aria-hidden") == "true" \
        or str(tag.get("role", "")).lower() in _DROP_ROLES


def _named_junk(tag: Tag) -> bool:
    """An element whose class or id names it an ad, a promo, a share bar... and that holds little text."""
    if tag.name in ("body", "html"):
        return False
    classes: Any = tag.get("class") or []
    names = " ".join([*(classes if isinstance(classes, list) else [str(classes)]), str(tag.get("id") or "")])
    return bool(names.strip()) and bool(_JUNK_NAME.search(names)) and _paragraph_text(tag) < 400


def _drop(root: Tag, junk: Callable[[Tag], bool]) -> None:
    """Remove every element under `root` that `junk` picks (comments too), top down: a removed
    element's insides are not looked at."""
    stack = [root]
    while stack:
        element = stack.pop()
        for child in list(element.children):
            if isinstance(child, Comment):
                child.extract()
            elif isinstance(child, Tag):
                if junk(child):
                    child.decompose()
                else:
                    stack.append(child)


def _paragraph_text(tag: Tag) -> int:
    return sum(len(p.get_text()) for p in tag.find_all("p"))


def _article_container(soup: BeautifulSoup) -> Tag:
    """The element whose direct <p> children hold the most text (or its <article>)."""
    scores: dict[int, tuple[int, Tag]] = {}
    for p in soup.find_all("p"):
        parent = p.parent
        if isinstance(parent, Tag):
            length = len(clean_spaces(p.get_text()))
            total, _ = scores.get(id(parent), (0, parent))
            scores[id(parent)] = (total + length, parent)
    body = soup.body or soup
    if not scores:
        return body
    best_score, best = max(scores.values(), key=lambda item: item[0])
    article = best.find_parent("article")
    if isinstance(article, Tag):
        return article
    # What each element holds in all: its own paragraphs' text and that of every element inside it.
    within: dict[int, int] = {}
    for score, tag in scores.values():
        for holder in (tag, *tag.parents):
            within[id(holder)] = within.get(id(holder), 0) + score
    # Paragraphs split over sibling wrappers: climb while the parent adds real text.
    while isinstance(best.parent, Tag) and best.parent is not body:
        parent_score = within.get(id(best.parent), 0)
        if parent_score > best_score * 1.3:
            best, best_score = best.parent, parent_score
        else:
            break
    return best


def _collect(root: Tag, kind: BlockKind) -> list[RawBlock]:
    """The blocks under `root`: block elements become blocks, and inline runs between them paragraphs.
    An element holding block elements is read the same way inside; the walk uses no recursion."""
    holds_blocks = _holding_blocks(root)
    blocks: list[RawBlock] = []

    def flush(run: list[str], line: int | None, kind: BlockKind) -> None:
        for part in "".join(run).split("\n"):
            text = clean_spaces(part)
            if text:
                blocks.append(RawBlock(kind=kind, text=text, line=line, raw=text))
        run.clear()

    # Each frame: the element's children still to read, its block kind, its inline run and the run's line.
    frames: list[tuple[Iterator[PageElement], BlockKind, list[str], list[int | None]]] = [
        (iter(list(root.children)), kind, [], [None])]
    while frames:
        children, frame_kind, run, run_line = frames[-1]
        child = next(children, None)
        if child is None:
            flush(run, run_line[0], frame_kind)
            frames.pop()
            continue
        if isinstance(child, NavigableString):
            run.append(str(child))
            continue
        if not isinstance(child, Tag):
            continue
        if child.name in _HEADINGS:
            flush(run, run_line[0], frame_kind)
            run_line[0] = None
            text = clean_spaces(child.get_text(" "))
            if text:
                blocks.append(RawBlock(kind="heading", text=text, line=child.sourceline,
                                       level=int(child.name[1]), raw=text))
        elif child.name in _BLOCK_TAGS:
            flush(run, run_line[0], frame_kind)
            run_line[0] = None
            child_kind: BlockKind = frame_kind
            if child.name == "li":
                child_kind = "list-item"
            elif child.name == "blockquote":
                child_kind = "quote"
            if id(child) in holds_blocks:
                frames.append((iter(list(child.children)), child_kind, [], [None]))
            else:
                text = clean_spaces(child.get_text())
                if text:
                    blocks.append(RawBlock(kind=child_kind, text=text, line=child.sourceline, raw=text))
        else:
            if run_line[0] is None:
                run_line[0] = child.sourceline
            run.append(child.get_text())
    return blocks


def _holding_blocks(root: Tag) -> set[int]:
    """Ids of the elements under `root` that have a block element or a heading somewhere inside."""
    holding: set[int] = set()
    for tag in root.find_all(_BLOCK_TAGS):
        for parent in tag.parents:
            if id(parent) in holding:
                break  # and so are all the ones above it
            holding.add(id(parent))
    return holding
