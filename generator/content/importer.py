"""`parallax import`: saved web pages -> content articles.

An editor saves an article's page from a browser (File > Save Page As); this
turns it into `content/<story>/<outlet>.md`: front matter from the page's
metadata, then the article's text as Markdown, without navigation, ads,
related links, comments or cookie banners. Nothing is fetched from the
network: only the saved file is read.

The main text comes from trafilatura (precision settings), or from
readability-lxml when trafilatura finds much less text than it, or, when both
find nothing, from Parallax's own rules (`savedpage.html_blocks`). That choice
is measured on the corpus of saved pages with their true text
(`python -m benchmarks.eval_extraction`, docs/extraction.md).
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, Tag

from ..config import LANGUAGE_TAG
from ..errors import ContentError, Diagnostic, error
from ..model import RawBlock
from ..text.ids import UniqueIds
from ..text.norm import clean_spaces, slugify
from .frontmatter import SLUG, STORY_FILE, parse_date
from .savedpage import TooDeep, fragment_blocks, html_blocks, html_metadata, parse

PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
MAX_PAGE_BYTES = 20_000_000
"""A saved page over this is not an article page."""
_WORD = re.compile(r"\w+")


@dataclass(slots=True)
class Extracted:
    """The article of one saved page."""

    blocks: list[RawBlock]
    method: str
    """trafilatura, readability or rules: which extractor gave the text."""
    meta: dict[str, str] = field(default_factory=dict)
    """outlet, title, url, author, published, language (only those found)."""
    unnamed: bool = False
    """The page names no outlet: `meta["outlet"]` is a neutral label."""

    @property
    def words(self) -> int:
        return sum(len(_WORD.findall(b.text)) for b in self.blocks)


@dataclass(slots=True)
class Imported:
    page: Path
    article: Path
    extracted: Extracted
    kept_html: Path | None = None


# --- reading ---------------------------------------------------------------------------------

def read_page(path: Path) -> str:
    """The page as text: its declared encoding, else UTF-8, else the best guess."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ContentError(error(f"cannot read {path.name}: {exc.strerror or exc}", file=path,
                                 hint="check the path of the saved page")) from None
    if len(data) > MAX_PAGE_BYTES:
        raise ContentError(error(f"{path.name} is {len(data) / 1e6:.0f} MB: too large for one article page", file=path,
                                 hint="save the article's page alone (File > Save Page As, 'HTML only')"))
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ContentError(error(f"{path.name} is not a web page (it is binary)", file=path,
                                 hint="give the .html file the browser saved"))
    declared = re.search(rb"""<meta[^>]+charset=["']?\s*([\w-]+)""", data[:4096], re.IGNORECASE)
    encodings = ["utf-8"] + ([declared.group(1).decode("ascii", "ignore")] if declared else [])
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    from charset_normalizer import from_bytes
    best = from_bytes(data).best()
    return str(best) if best is not None else data.decode("utf-8", errors="replace")


# --- extracting --------------------------------------------------------------------------------

def extract(html: str, soup: BeautifulSoup | None = None) -> Extracted:
    """The article text of a page, as blocks, and its metadata. The page is parsed once by lxml for the
    three libraries (each works on its own copy of the tree, since they prune it) and once into a
    BeautifulSoup tree, built by lxml, for Parallax's own metadata rules."""
    tree = lxml_tree(html)
    blocks, method = article_blocks(html, tree=tree)
    return Extracted(blocks=blocks, method=method,
                     meta=page_metadata(html, tree=tree, soup=parse(html) if soup is None else soup))


def lxml_tree(html: str) -> Any:
    """The page parsed by lxml as trafilatura parses it (None for a page it cannot read)."""
    from trafilatura.utils import load_html

    return load_html(html)


def _copy(tree: Any, html: str) -> Any:
    """A copy of the parsed page for a library that prunes it (copying the tree is far cheaper than
    parsing again); the text itself when there is no tree."""
    return html if tree is None else copy.deepcopy(tree)


def article_blocks(html: str, keep_title: bool = False, tree: Any = None) -> tuple[list[RawBlock], str]:
    """The article text of a page, as blocks, and which extractor gave it. `parallax import` and the
    build (a saved page in a story folder) both read pages with this one function; the build keeps the
    headline as the first block (`keep_title`), import moves it into the front matter. `tree`: the page
    already parsed (`lxml_tree`)."""
    import trafilatura  # imported here: only saved pages need it
    from readability import Document

    tree = lxml_tree(html) if tree is None else tree
    chosen: tuple[list[RawBlock], str] = ([], "rules")
    found = trafilatura.extract(_copy(tree, html), output_format="html", favor_precision=True,
                                include_comments=False, include_images=False, include_links=False,
                                include_tables=True, with_metadata=False)
    candidates: list[tuple[list[RawBlock], str]] = []
    if found:
        candidates.append((fragment_blocks(found), "trafilatura"))
    try:
        summary = Document(_copy(tree, html)).summary(html_partial=True)
    except Exception:  # readability gives up on some pages; trafilatura or the rules remain
        summary = ""
    if summary:
        candidates.append((fragment_blocks(summary), "readability"))
    words = {method: sum(len(_WORD.findall(b.text)) for b in blocks) for blocks, method in candidates}
    if "trafilatura" in words and words["trafilatura"] >= 0.6 * words.get("readability", 0) and words["trafilatura"]:
        chosen = candidates[0]
    elif words.get("readability"):
        chosen = next(c for c in candidates if c[1] == "readability")
    else:
        chosen = (html_blocks(html), "rules")
    blocks = [b for b in chosen[0] if b.text.strip()]
    return (blocks if keep_title else _without_title(blocks, html)), chosen[1]


def _without_title(blocks: list[RawBlock], html: str) -> list[RawBlock]:
    """The headline goes into the front matter, not the body."""
    if blocks and blocks[0].kind == "heading":
        return blocks[1:]
    return blocks


def page_metadata(html: str, tree: Any = None, soup: BeautifulSoup | None = None) -> dict[str, str]:
    """outlet, title, url, author, published, language: from the page's own metadata, checked. `tree` and
    `soup`: the page already parsed (`lxml_tree`, `savedpage.parse`)."""
    import trafilatura
    from htmldate import find_date

    tree = lxml_tree(html) if tree is None else tree
    soup = parse(html) if soup is None else soup
    ours = html_metadata(html, soup)
    theirs = trafilatura.extract_metadata(_copy(tree, html))
    meta: dict[str, str] = {}
    url = ours.get("url") or (theirs.url if theirs is not None else None)
    if url and re.match(r"^https?://[^\s/]+\S*$", url):
        meta["url"] = url
    outlet = _first(ours.get("outlet") if "outlet" in ours and not _is_domain_guess(ours, url) else None,
                    theirs.sitename if theirs is not None else None)
    if not outlet and url:
        outlet = urlsplit(url).netloc.removeprefix("www.")
    if not outlet and theirs is not None and theirs.hostname:
        outlet = theirs.hostname
    if outlet:
        meta["outlet"] = outlet
    title = _first(_headline(soup, theirs.title if theirs is not None else ours.get("title")),
                   theirs.title if theirs is not None else None, ours.get("title"))
    if title:
        meta["title"] = title
    for candidate in (ours.get("author"), _byline(soup), theirs.author if theirs is not None else None):
        author = _person(candidate, meta.get("outlet"))
        if author:
            meta["author"] = author
            break
    published = parse_date(ours.get("published"))
    if not published:
        found = find_date(_copy(tree, html), original_date=True, extensive_search=False, outputformat="%Y-%m-%d")
        published = parse_date(found) if found and not _copyright_year(found, html) else None
    if not published and theirs is not None and theirs.date and not _copyright_year(theirs.date, html):
        published = parse_date(theirs.date)
    if published:
        meta["published"] = published
    language = ours.get("language") or (theirs.language if theirs is not None else None)
    if language:
        language = language.replace("_", "-").split(",")[0].strip()
        if LANGUAGE_TAG.match(language):
            meta["language"] = language
    return meta


_BYLINE_NAMES = re.compile(r"byline|author|contributor|writer", re.IGNORECASE)
_NAME_WORD = re.compile(r"^(?:[A-Z][\w.'’-]*|de|van|von|da|del|la|le|bin|al)$")


def _byline(soup: BeautifulSoup) -> str | None:
    """The author named in the page's byline: itemprop="author", rel="author", or a "byline" element."""
    candidates: list[str] = []
    for tag in soup.select('[itemprop="author"]'):
        name = tag.select_one('[itemprop="name"]') if isinstance(tag, Tag) else None
        value = (name.get("content") or name.get_text(" ")) if name is not None else (tag.get("content") or tag.get_text(" "))
        candidates.append(str(value))
    candidates += [a.get_text(" ") for a in soup.select('a[rel~="author"]')]
    for tag in soup.find_all(True):
        names = " ".join([*(tag.get("class") or []), str(tag.get("id") or ""), str(tag.get("data-testid") or "")])
        if _BYLINE_NAMES.search(names) and len(tag.get_text(" ", strip=True)) < 120:
            link = tag.find("a")
            candidates.append(link.get_text(" ") if isinstance(link, Tag) and link.get_text(strip=True) else tag.get_text(" "))
    for candidate in candidates:
        text = re.sub(r"^\s*(?:by|written by|von|par|por)\s+", "", clean_spaces(candidate), flags=re.IGNORECASE)
        if _person(text, None):
            return _person(text, None)
    return None


def _headline(soup: BeautifulSoup, metadata_title: str | None) -> str | None:
    """The page's own <h1> when it is the article's headline: it is what readers saw, where
    og:title and <title> are often shortened for sharing or carry the site's name."""
    if not metadata_title:
        return None
    headings = [h for h in soup.find_all("h1") if isinstance(h, Tag)]
    inside = [h for h in headings if h.find_parent(["article", "main"]) is not None]
    for heading in inside or headings[:1]:
        text = clean_spaces(heading.get_text(" "))
        if clean_spaces(metadata_title).casefold() in text.casefold():
            return clean_spaces(metadata_title)  # the h1 only adds a kicker ("Open Progress")
        words, known = set(_WORD.findall(text.lower())), set(_WORD.findall(metadata_title.lower()))
        if len(words) >= 3 and len(text) <= 300 and len(words & known) >= 0.6 * min(len(words), len(known)):
            return text
    return None


def _person(value: str | None, outlet: str | None) -> str | None:
    """`value` if it reads as one or more people's names (not the outlet, a URL or a sentence)."""
    if not value:
        return None
    text = clean_spaces(value)
    if outlet:
        text = re.sub(rf"[,;|·]\s*{re.escape(outlet)}\s*$", "", text, flags=re.IGNORECASE)
        text = re.sub(r"[,;|·]\s*(?:CNN|AP|Reuters|AFP|BBC|PA)\s*$", "", text)
        if outlet.casefold() in text.casefold() or text.casefold() in outlet.casefold():
            return None
    if re.match(r"^https?://", text) or len(text) > 100:
        return None
    people = [p.strip() for p in re.split(r",|;|\band\b|&", text) if p.strip()]
    for person in people:
        words = person.split()
        if not 2 <= len(words) <= 5 or not all(_NAME_WORD.match(w) for w in words):
            return None
        if re.search(r"\b(?:News|Staff|Desk|Team|Editors?|Reporters?|Press|Wire|Agency|January|February|March|April|"
                     r"May|June|July|August|September|October|November|December|Updated|Published)\b", person):
            return None
    return ", ".join(people) if people else None


def _copyright_year(found: str, html: str) -> bool:
    """htmldate reads "© 2026" as 1 January 2026: that is no publication date."""
    year = found[:4]
    return found.endswith("-01-01") and re.search(rf"(?:©|&copy;|copyright)\s*(?:\d{{4}}\s*[-–]\s*)?{year}",
                                                  html, re.IGNORECASE) is not None


def _first(*values: str | None) -> str | None:
    for value in values:
        if value and clean_spaces(value):
            return clean_spaces(value)
    return None


def _is_domain_guess(ours: dict[str, Any], url: str | None) -> bool:
    """html_metadata falls back to the URL's domain for the outlet; a real site name is better."""
    return bool(url) and ours.get("outlet") == urlsplit(url or "").netloc.removeprefix("www.")


# --- writing -------------------------------------------------------------------------------------

def markdown(extracted: Extracted, imported: dt.date) -> str:
    """The article file: front matter, then one Markdown block per text block, escaped."""
    lines = ["---"]
    for key in ("outlet", "title", "url", "author", "published", "language"):
        if key in extracted.meta:
            lines.append(f"{key}: {json.dumps(extracted.meta[key], ensure_ascii=False)}")
    lines += [f"imported: {imported.isoformat()}", "---"]
    body: list[str] = []
    for block in extracted.blocks:
        text = _escape(block.text)
        if block.kind == "heading":
            body.append("#" * max(2, min(block.level or 2, 6)) + " " + text)
        elif block.kind == "list-item":
            body.append("- " + text)
        elif block.kind == "quote":
            body.append("> " + text)
        else:
            body.append(text)
    return "\n".join(lines) + "\n" + "\n\n".join(body) + "\n"


_INLINE = re.compile(r"([\\`*_\[\]<>])")
_LINE_START = re.compile(r"^(\s*)([#>+=|~-])")
_ORDERED = re.compile(r"^(\s*\d+)([.)])")


def _escape(text: str) -> str:
    """Text that Markdown reads back as the same characters (no emphasis, links, HTML or lists)."""
    text = _INLINE.sub(r"\\\1", clean_spaces(text))
    text = _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)
    return _ORDERED.sub(lambda m: m.group(1) + "\\" + m.group(2), text)  # "1\." is not a list


def article_name(outlet: str | None, page: Path) -> str:
    """The article's file name (without .md): the outlet's slug, else the page's."""
    for candidate in (outlet or "", page.stem):
        name = slugify(candidate, ascii_only=True)[:60].strip("-")
        if name and SLUG.match(name):
            return name
    return "article"


def pages_in(paths: list[Path]) -> list[Path]:
    """Saved pages named on the command line; a folder stands for the pages in it."""
    pages: list[Path] = []
    problems: list[Diagnostic] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in PAGE_SUFFIXES
                           and not p.name.startswith("."))
            if not found:
                problems.append(error(f"{path} holds no saved pages (.html)", file=path,
                                      hint="save each article with File > Save Page As, then import the folder"))
            pages += found
        elif not path.exists():
            problems.append(error(f"{path} does not exist", file=path, hint="check the path of the saved page"))
        elif path.suffix.lower() not in PAGE_SUFFIXES:
            problems.append(error(f"{path.name} is not a saved web page (.html)", file=path,
                                  hint="Parallax imports pages saved from a browser as .html files"))
        else:
            pages.append(path)
    if problems:
        raise ContentError(problems)
    return pages


def import_pages(paths: list[Path], story_dir: Path, *, force: bool = False, keep_html: bool = False,
                 today: dt.date | None = None) -> list[Imported]:
    """Write one article per page into `story_dir`. Nothing is written unless every page yields text
    and no file would be overwritten (unless `force`)."""
    today = today or dt.date.today()
    pages = pages_in(paths)
    problems: list[Diagnostic] = []
    planned: list[Imported] = []
    names = UniqueIds()  # two pages of one outlet in this import: "outlet", "outlet-2"
    for page in pages:
        try:
            html = read_page(page)
            soup = parse(html)  # refuses a page nested past all reason before the extractors walk it
            extracted = extract(html, soup)
        except ContentError as exc:
            problems += exc.diagnostics
            continue
        except TooDeep as exc:
            problems.append(error(f"{page.name}: {exc}", file=page,
                                  hint="save the article's own page again, or paste its text into a .md file"))
            continue
        if extracted.words < 20:
            problems.append(error(
                f"{page.name}: no article text found ({extracted.words} words)", file=page,
                hint="save the article's own page (not a home page or a login wall) after it has loaded fully, "
                     "or paste its text into a .md file by hand"))
            continue
        name = names.take(article_name(extracted.meta.get("outlet"), page))
        if "outlet" not in extracted.meta:
            extracted.meta["outlet"] = f"Source {name}"  # a neutral label, not a guess
            extracted.unnamed = True
        target = story_dir / f"{name}.md"
        if target.exists() and not force:
            problems.append(error(
                f"{target} already exists; {page.name} was not imported", file=target,
                hint="import with --force to replace it, or rename the existing file first"))
            continue
        planned.append(Imported(page=page, article=target, extracted=extracted,
                                kept_html=story_dir / f"_{name}.html" if keep_html else None))
    if problems:
        raise ContentError(problems)
    story_dir.mkdir(parents=True, exist_ok=True)
    for item in planned:
        write_whole(item.article, markdown(item.extracted, today))
        if item.kept_html is not None:
            shutil.copyfile(item.page, item.kept_html)
    return planned


def story_file_text(title: str, today: dt.date, imported: bool = False) -> str:
    """A new story's _story.md, as a draft for the editor to finish."""
    how = ("The articles were imported from saved pages: check each one against its page."
           if imported else "Then add one file per outlet\nnext to this one, such as `example-news.md`, "
           "starting with:\n\n    ---\n    outlet: Example News\n    url: https://example.org/article\n"
           "    ---\n\nfollowed by the article text as published.")
    return ("---\n"
            f"title: {json.dumps(title, ensure_ascii=False)}\n"
            f"date: {today.isoformat()}\n"
            "summary: \"\"\n"
            "tags: []\n"
            "draft: true\n"
            "---\n"
            f"Write the introduction for readers here (Markdown). {how}\n"
            "Remove `draft: true` to publish.\n")


def new_story(story_dir: Path, title: str, today: dt.date, imported: bool = False) -> Path:
    story_dir.mkdir(parents=True, exist_ok=True)
    path = story_dir / STORY_FILE
    write_whole(path, story_file_text(title, today, imported))
    return path


def write_whole(path: Path, text: str) -> None:
    """Write a file whole or not at all: into a hidden file beside it, then renamed over it (a failure
    half-way, or an interruption, never leaves a part of a file that breaks the next build)."""
    data = text.encode("utf-8")  # before anything is written: text that is no UTF-8 fails here
    temporary = path.with_name(f".{path.name}.parallax-tmp")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
