"""Saved web pages: their metadata (for the load stage) and their text blocks (for normalize).

Parsed with beautifulsoup4. The article container is the element holding the
most paragraph text; navigation, asides, forms, figures and elements whose
class or id names them as ads, promos or share widgets are dropped before the
blocks are read. Junk that survives is left to the named rules in `junk`.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from bs4.element import Comment, NavigableString, Tag

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


def parse(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def html_metadata(html: str) -> dict[str, Any]:
    """Front-matter-like fields from a saved page's metadata (only the ones it gives)."""
    soup = parse(html)

    def meta(*names: str) -> str | None:
        for name in names:
            tag = soup.find("meta", attrs={"property": name}) or soup.find("meta", attrs={"name": name})
            if isinstance(tag, Tag) and tag.get("content"):
                return clean_spaces(str(tag["content"]))
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


def html_blocks(html: str) -> list[RawBlock]:
    """The text blocks of the page's main article, in reading order."""
    soup = parse(html)
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    for tag in soup.find_all(True):
        if tag.decomposed:
            continue
        if tag.get("hidden") is not None or tag.get("aria-hidden") == "true" \
                or str(tag.get("role", "")).lower() in _DROP_ROLES:
            tag.decompose()
    container = _article_container(soup)
    for tag in container.find_all(True):
        if tag.decomposed or tag.name in ("body", "html"):
            continue
        classes: Any = tag.get("class") or []
        names = " ".join([*(classes if isinstance(classes, list) else [str(classes)]), str(tag.get("id") or "")])
        if names.strip() and _JUNK_NAME.search(names) and _paragraph_text(tag) < 400:
            tag.decompose()
    for br in container.find_all("br"):
        br.replace_with("\n")
    blocks: list[RawBlock] = []
    _collect(container, blocks, "paragraph")
    return blocks


def fragment_blocks(html: str) -> list[RawBlock]:
    """The text blocks of an HTML fragment that already is the article (an extractor's output)."""
    soup = parse(html)
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    for br in soup.find_all("br"):
        br.replace_with("\n")
    blocks: list[RawBlock] = []
    _collect(soup.body or soup, blocks, "paragraph")
    return blocks


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
    # Paragraphs split over sibling wrappers: climb while the parent adds real text.
    while isinstance(best.parent, Tag) and best.parent is not body:
        parent_score = sum(score for score, tag in scores.values() if tag is best.parent or best.parent in tag.parents)
        if parent_score > best_score * 1.3:
            best, best_score = best.parent, parent_score
        else:
            break
    return best


def _collect(element: Tag, blocks: list[RawBlock], kind: BlockKind) -> None:
    """Append the blocks under `element`; inline runs between child blocks become paragraphs."""
    run: list[str] = []
    run_line: int | None = None

    def flush() -> None:
        nonlocal run, run_line
        for part in "".join(run).split("\n"):
            text = clean_spaces(part)
            if text:
                blocks.append(RawBlock(kind=kind, text=text, line=run_line, raw=text))
        run, run_line = [], None

    for child in element.children:
        if isinstance(child, NavigableString):
            run.append(str(child))
            continue
        if not isinstance(child, Tag):
            continue
        if child.name in _HEADINGS:
            flush()
            text = clean_spaces(child.get_text(" "))
            if text:
                blocks.append(RawBlock(kind="heading", text=text, line=child.sourceline,
                                       level=int(child.name[1]), raw=text))
        elif child.name in _BLOCK_TAGS:
            flush()
            child_kind: BlockKind = kind
            if child.name == "li":
                child_kind = "list-item"
            elif child.name == "blockquote":
                child_kind = "quote"
            if child.find(_BLOCK_TAGS):
                _collect(child, blocks, child_kind)
            else:
                text = clean_spaces(child.get_text())
                if text:
                    blocks.append(RawBlock(kind=child_kind, text=text, line=child.sourceline, raw=text))
        else:
            if run_line is None:
                run_line = child.sourceline
            run.append(child.get_text())
    flush()
