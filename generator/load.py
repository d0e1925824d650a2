"""Load stage: read `content/` into `StorySource`s, checking every front matter field.

Takes the content folder (or one story folder); gives stories with their raw
article bodies. Problems are collected as `Diagnostic`s with file and line, so
`parallax check` can show all of them at once.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import Diagnostic, error, warning, with_context
from .model import ArticleFormat, ArticleSource, StorySource
from .textnorm import slugify

STORY_FILE = "_story.md"
ARTICLE_SUFFIXES: dict[str, ArticleFormat] = {".md": "markdown", ".markdown": "markdown",
                                              ".html": "html", ".htm": "html"}
SLUG = re.compile(r"[a-z0-9][a-z0-9_-]{0,99}\Z")  # match() from the start; \Z: no trailing newline
# Top-level names the site itself uses; a story folder cannot take them.
RESERVED_SLUGS = frozenset({"static", "outlets", "about", "tags", "404", "feed", "sitemap", "search"})
LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")

# Front matter fields: name -> (kind, required). Kinds are checked by _coerce.
STORY_FIELDS: dict[str, tuple[str, bool]] = {
    "title": ("text", True), "date": ("date", False), "summary": ("text", False),
    "tags": ("text-list", False), "draft": ("bool", False), "publish_after": ("date", False),
    "questions": ("text-list", False),
    "slug": ("slug", False),
}
ARTICLE_FIELDS: dict[str, tuple[str, bool]] = {
    "outlet": ("text", True), "title": ("text", False), "url": ("url", False),
    "author": ("text", False), "published": ("date", False), "language": ("language", False),
    "draft": ("bool", False), "publish_after": ("date", False), "imported": ("date", False),
}
# A news article is rarely over 100 KB; past this, a file is a mistake (a whole site saved, a log).
MAX_ARTICLE_BYTES = 1_000_000


@dataclass(slots=True)
class Loaded:
    """What the load stage gives: stories, and every problem found on the way."""

    stories: list[StorySource] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    """Slugs of the stories left out because of errors in their own files."""

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]


def load_content(content_dir: Path, *, drafts: bool = False, now: dt.datetime | None = None) -> Loaded:
    """Read every story folder under `content_dir`.

    Drafts, and stories or articles whose `publish_after` is still to come, are
    left out unless `drafts`. A story with errors in its own files is left out
    and listed in `failed`; the other stories load.
    """
    loaded = Loaded()
    if not content_dir.is_dir():
        loaded.diagnostics.append(error(
            f"content folder {content_dir} does not exist", file=content_dir,
            hint="create it, or set content_dir in parallax.toml; `parallax new story <slug>` makes a story"))
        return loaded
    now = now or dt.datetime.now(dt.UTC)
    root = content_dir.resolve()
    by_slug: dict[str, list[StorySource]] = {}
    for entry in sorted(content_dir.iterdir()):
        if entry.name.startswith((".", "_")):
            continue
        if not entry.is_dir():
            if entry.suffix in ARTICLE_SUFFIXES:
                loaded.diagnostics.append(warning(
                    f"ignored {entry.name}: articles belong in a story folder", file=entry,
                    hint=f"move it into content/<story>/ next to a {STORY_FILE}"))
            continue
        if not _inside(entry, root):
            loaded.diagnostics.append(error(
                f"story folder {entry.name} points outside the content folder", file=entry,
                hint="replace the symbolic link with a real folder inside content/"))
            loaded.failed.append(entry.name)
            continue
        story = load_story(entry, loaded.diagnostics, root=root, drafts=drafts, now=now)
        if story is None:
            loaded.failed.append(_slug_of(entry))
        elif drafts or not (story.draft or _embargoed(story.publish_after, now)):
            by_slug.setdefault(story.slug, []).append(story)
    for slug, stories in by_slug.items():
        if len(stories) > 1:
            for story in stories:
                others = ", ".join(str(s.path.name) for s in stories if s is not story)
                loaded.diagnostics.append(error(
                    f"two stories have the URL /{slug}/: {story.path.name} and {others}",
                    file=story.path / STORY_FILE,
                    hint="give one of them another folder name, or another `slug:` in its _story.md"))
            loaded.failed.append(slug)
        else:
            loaded.stories.append(stories[0])
    return loaded


def _slug_of(folder: Path) -> str:
    return folder.resolve().name


def _embargoed(publish_after: str | None, now: dt.datetime) -> bool:
    """A `publish_after` date or time still to come (a date alone means its first moment, in UTC)."""
    if not publish_after:
        return False
    moment = dt.datetime.fromisoformat(publish_after if "T" in publish_after else publish_after + "T00:00:00")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment > now


def load_story(folder: Path, diagnostics: list[Diagnostic], *, root: Path | None = None,
               drafts: bool = True, now: dt.datetime | None = None) -> StorySource | None:
    """Read one story folder; problems go to `diagnostics`. Works on any folder."""
    root = root or folder.resolve()
    slug = folder.resolve().name
    problems_before = len([d for d in diagnostics if d.severity == "error"])
    if not SLUG.match(slug):
        diagnostics.append(error(
            f"story folder name {slug!r} cannot be used in a web address", file=folder,
            hint=f"rename the folder to lower-case letters, digits and hyphens, e.g. {slugify(slug)[:100] or 'my-story'!r}"))
    elif slug in RESERVED_SLUGS:
        diagnostics.append(error(
            f"story folder name {slug!r} is used by the site itself", file=folder,
            hint=f"rename the folder; reserved names: {', '.join(sorted(RESERVED_SLUGS))}"))

    story_file = folder / STORY_FILE
    meta: dict[str, Any] = {}
    intro = ""
    if not story_file.is_file():
        diagnostics.append(error(
            f"story folder {slug!r} has no {STORY_FILE}", file=folder,
            hint=f"add {STORY_FILE} with at least a title (`parallax new story {slug}` writes one)"))
    elif story_file.is_symlink() and not _inside(story_file, root):
        diagnostics.append(error(
            f"{STORY_FILE} points outside the content folder", file=story_file,
            hint="replace the symbolic link with the file itself"))
    else:
        parsed = _read_with_front_matter(story_file, diagnostics, root)
        if parsed is not None:
            raw, lines, intro, _, text = parsed
            meta = _check_fields(raw, lines, STORY_FIELDS, story_file, text, diagnostics, "story")

    articles: list[ArticleSource] = []
    for path in sorted(folder.iterdir()):
        if path.name == STORY_FILE or path.name.startswith((".", "_")) or path.is_dir():
            continue
        fmt = ARTICLE_SUFFIXES.get(path.suffix.lower())
        if fmt is None:
            diagnostics.append(warning(
                f"ignored {path.name}: not an article file", file=path,
                hint="articles are .md (Markdown or plain text with front matter) or .html (saved pages)"))
            continue
        if path.is_symlink() and not _inside(path, root):  # a plain file in this folder is inside
            diagnostics.append(error(
                f"{path.name} points outside the content folder", file=path,
                hint="replace the symbolic link with the file itself"))
            continue
        article = _load_article(path, fmt, diagnostics, root)
        if article is not None and (drafts or not (article.draft or _embargoed(
                article.publish_after, now or dt.datetime.now(dt.UTC)))):
            articles.append(article)

    if len([d for d in diagnostics if d.severity == "error"]) > problems_before:
        return None
    if not articles:
        diagnostics.append(warning(
            f"story {slug!r} has no articles", file=folder,
            hint="add one .md file per outlet next to _story.md"))
    elif len(articles) == 1:
        diagnostics.append(warning(
            f"story {slug!r} has one article: it is built, but there is nothing to compare yet", file=folder,
            hint="add another outlet's article to the folder"))
    outlets: dict[str, list[ArticleSource]] = {}
    for article in articles:
        outlets.setdefault(article.outlet.casefold(), []).append(article)
    for same in outlets.values():
        if len(same) > 1:
            names = ", ".join(a.path.name for a in same)
            diagnostics.append(warning(
                f"{names} give the same outlet, {same[0].outlet!r}: readers cannot tell their columns apart",
                file=same[1].path,
                hint=f"give each its own outlet name, e.g. \"{same[0].outlet} (morning)\" and \"{same[0].outlet} (evening)\""))
    return StorySource(
        slug=meta.get("slug") or slug, path=folder, title=meta.get("title") or slug,
        date=meta.get("date"), summary=meta.get("summary") or "",
        tags=meta.get("tags") or [], draft=bool(meta.get("draft", False)), questions=meta.get("questions") or [],
        publish_after=meta.get("publish_after"), intro=intro, articles=articles,
    )


def _load_article(path: Path, fmt: ArticleFormat, diagnostics: list[Diagnostic],
                  root: Path) -> ArticleSource | None:
    article_id = path.stem
    if not SLUG.match(article_id):
        diagnostics.append(error(
            f"article file name {path.name!r} cannot be used in a web address", file=path,
            hint=f"rename it to lower-case letters, digits and hyphens, e.g. {(slugify(article_id)[:100] or 'article') + path.suffix!r}"))
        return None
    parsed = _read_with_front_matter(path, diagnostics, root, front_matter=fmt == "markdown")
    if parsed is None:
        return None
    raw, lines, body, body_line, text = parsed
    if fmt == "html":
        from .htmlpage import html_metadata  # beautifulsoup4 is loaded only for saved pages
        raw = html_metadata(body)
        if not raw.get("outlet"):
            raw["outlet"] = f"Source {article_id}"
            diagnostics.append(warning(
                f"{path.name} names no outlet; it is shown as {raw['outlet']!r}", file=path,
                hint='add <meta property="og:site_name" content="..."> to the saved page'))
        meta = _check_fields(raw, {}, ARTICLE_FIELDS, path, text, diagnostics, "article",
                             lenient=True)
    else:
        meta = _check_fields(raw, lines, ARTICLE_FIELDS, path, text, diagnostics, "article")
    if "outlet" not in meta:
        return None
    return ArticleSource(
        id=article_id, path=path, format=fmt, outlet=meta["outlet"], body=body,
        body_line=body_line, title=meta.get("title"), url=meta.get("url"),
        author=meta.get("author"), published=meta.get("published"),
        language=meta.get("language"), draft=bool(meta.get("draft", False)),
        publish_after=meta.get("publish_after"),
    )


# --- reading files and front matter ------------------------------------------

class _FrontMatterLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """YAML's safe loader, except that a date-like value that is no real date stays text.

    PyYAML turns `2025-13-45` into a ValueError deep inside parsing; kept as text,
    the field check reports it with its line and the format to use.
    """

    def construct_yaml_timestamp(self, node: Any) -> object:
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)


_FrontMatterLoader.add_constructor("tag:yaml.org,2002:timestamp", _FrontMatterLoader.construct_yaml_timestamp)


def read_text(path: Path, diagnostics: list[Diagnostic]) -> str | None:
    """The file as UTF-8 text, or None with a diagnostic saying where it went wrong.

    Past MAX_ARTICLE_BYTES only the start is read (at a line end), with a warning.
    """
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_ARTICLE_BYTES + 1)
            size = path.stat().st_size
    except OSError as exc:
        diagnostics.append(error(f"cannot read {path.name}: {exc.strerror or exc}", file=path,
                                 hint="check that the file exists and is readable"))
        return None
    if b"\x00" in data[:8192]:
        diagnostics.append(error(f"{path.name} is a binary file, not text", file=path,
                                 hint="articles must be UTF-8 text (.md) or saved web pages (.html)"))
        return None
    if size > MAX_ARTICLE_BYTES:
        data = data[:MAX_ARTICLE_BYTES]
        data = data[:data.rfind(b"\n") + 1] or data
        diagnostics.append(warning(
            f"{path.name} is {size / 1_000_000:.1f} MB; only its first {len(data) / 1_000_000:.1f} MB are read",
            file=path, hint="a news article is rarely over 100 KB: check that the file holds one article"))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        diagnostics.append(error(
            f"{path.name} is not valid UTF-8 (byte 0x{data[exc.start]:02x})", file=path, line=line,
            hint="re-save the file with UTF-8 encoding (most editors offer it under 'Save as')"))
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


_FENCE = re.compile(r"^---[ \t]*$")
_FENCE_END = re.compile(r"^(---|\.\.\.)[ \t]*$")


def _read_with_front_matter(
    path: Path, diagnostics: list[Diagnostic], root: Path, *, front_matter: bool = True,
) -> tuple[dict[str, Any], dict[str, int], str, int, str] | None:
    """(fields, line of each key, body, first body line, whole text) or None on error."""
    text = read_text(path, diagnostics)
    if text is None:
        return None
    if not front_matter:
        return {}, {}, text, 1, text
    lines = text.split("\n")
    if not lines or not _FENCE.match(lines[0]):
        diagnostics.append(with_context(error(
            f"{path.name} has no front matter", file=path, line=1,
            hint="start the file with a block such as\n---\noutlet: Example News\n---"
            if path.name != STORY_FILE else "start the file with\n---\ntitle: My story\n---"),
            text))
        return None
    end = next((i for i in range(1, len(lines)) if _FENCE_END.match(lines[i])), None)
    if end is None:
        diagnostics.append(with_context(error(
            "front matter starts with --- but never ends", file=path, line=1,
            hint="close the front matter with a line holding only ---"), text))
        return None
    yaml_text = "\n".join(lines[1:end])
    loader = _FrontMatterLoader(yaml_text)  # libyaml's safe loader when PyYAML has it
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        # Point at the start of the broken construct (an unclosed bracket or quote)
        # when PyYAML gives one; it notices the problem only on a later line.
        problem_mark = getattr(exc, "problem_mark", None)
        context_mark = getattr(exc, "context_mark", None)
        mark = context_mark or problem_mark
        line = mark.line + 2 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc).split("\n")[0]
        context = getattr(exc, "context", None)
        if context and context_mark is not None and problem_mark is not None:
            problem = f"{context} (line {context_mark.line + 2}), {problem} (line {problem_mark.line + 2})"
        diagnostics.append(with_context(error(
            f"invalid YAML front matter: {problem}", file=path, line=line,
            hint="each line is `key: value`; quote values that contain ': ' or start with a special "
                 "character, e.g. title: \"Meta: the pause\""), text))
        return None
    finally:
        loader.dispose()
    if data is None:
        data, node = {}, None
    if not isinstance(data, dict):
        diagnostics.append(with_context(error(
            "front matter must be `key: value` lines", file=path, line=2,
            hint="write one field per line, e.g. outlet: Example News"), text))
        return None
    key_lines: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, _ in node.value:
            key = str(key_node.value)
            line = key_node.start_mark.line + 2
            if key in key_lines:
                diagnostics.append(with_context(error(
                    f"field {key!r} is given twice", file=path, line=line,
                    hint=f"keep one `{key}:` line (the first is on line {key_lines[key]})"), text))
            key_lines[key] = line
    body = "\n".join(lines[end + 1:])
    return {str(k): v for k, v in data.items()}, key_lines, body, end + 2, text


# --- field checks --------------------------------------------------------------

def _check_fields(raw: dict[str, Any], key_lines: dict[str, int], spec: dict[str, tuple[str, bool]],
                  path: Path, text: str, diagnostics: list[Diagnostic], what: str,
                  lenient: bool = False) -> dict[str, Any]:
    """Validate front matter against `spec`; gives the fields that passed.

    `lenient` (metadata read from a saved web page) turns problems into warnings
    and drops the bad value, since the editor did not write it.
    """
    checked: dict[str, Any] = {}
    file_label = STORY_FILE if what == "story" else "an article"

    def report(message: str, key: str | None, hint: str) -> None:
        line = key_lines.get(key, 1) if key is not None and not lenient else None
        diagnostic = (warning if lenient else error)(message, file=path, line=line, hint=hint)
        diagnostics.append(with_context(diagnostic, text) if line else diagnostic)

    for key, value in raw.items():
        if key not in spec:
            close = difflib.get_close_matches(key, list(spec), n=1)
            report(f"unknown front matter field {key!r}", key,
                   (f"did you mean {close[0]!r}? " if close else "")
                   + f"valid fields for {file_label}: " + ", ".join(spec))
            continue
        result = _coerce(spec[key][0], value)
        if isinstance(result, _Invalid):
            report(f"{key}: {result.message}", key, result.hint)
        elif result is not None and result != "":
            checked[key] = result
    for key, (_, required) in spec.items():
        if not required or key in checked:
            continue
        example = {"title": "title: What happened", "outlet": "outlet: Example News"}[key]
        if key not in raw:
            report(f"missing required field {key!r}", None if lenient else "---",
                   f"add a line `{example}` to the front matter")
        elif raw[key] is None or str(raw[key]).strip() == "":
            report(f"{key} is empty", key, f"give a value, e.g. `{example}`")
    return checked


@dataclass(slots=True)
class _Invalid:
    message: str
    hint: str


def _coerce(kind: str, value: Any) -> Any:
    if value is None:
        return None
    if kind == "text":
        if isinstance(value, bool | dict | list):
            return _Invalid(f"expected text, got {_yaml_type(value)}",
                            "write the value as plain text, in quotes if it contains ': '")
        return str(value).strip()
    if kind == "bool":
        if not isinstance(value, bool):
            return _Invalid(f"expected true or false, got {value!r}", "write draft: true or draft: false")
        return value
    if kind == "text-list":
        if isinstance(value, str):
            return _Invalid("expected a list, got a single text",
                            f"write a list, e.g. tags: [{value}] or one `- item` per line")
        if not isinstance(value, list) or any(isinstance(v, dict | list) or v is None for v in value):
            return _Invalid(f"expected a list of words, got {_yaml_type(value)}",
                            "write a list, e.g. tags: [privacy, technology]")
        return [str(v).strip() for v in value]
    if kind == "date":
        parsed = parse_date(value)
        if parsed is None:
            return _Invalid(f"cannot read {value!r} as a date",
                            "write the date as YYYY-MM-DD (e.g. 2026-06-22) or YYYY-MM-DDTHH:MM:SS+00:00")
        return parsed
    if kind == "url":
        if not isinstance(value, str) or not re.match(r"^https?://[^\s/]+\S*$", value.strip()):
            return _Invalid(f"expected an http(s) address, got {value!r}",
                            "write the full address of the original, starting with https://")
        return value.strip()
    if kind == "slug":
        if not isinstance(value, str) or not SLUG.match(value.strip()) or value.strip() in RESERVED_SLUGS:
            return _Invalid(f"{value!r} cannot be used in a web address",
                            f"use lower-case letters, digits and hyphens (at most 100), e.g. {slugify(str(value))[:100] or 'my-story'!r}")
        return value.strip()
    if kind == "language":
        if not isinstance(value, str) or not LANGUAGE_TAG.match(value.strip()):
            return _Invalid(f"expected a language tag, got {value!r}", "use a tag such as en, fr or pt-BR")
        return value.strip()
    raise AssertionError(kind)


def parse_date(value: Any) -> str | None:
    """ISO 8601 text for a YAML date, datetime or date-like string; None if it is none of those."""
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str):
        return None
    text = value.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return dt.date.fromisoformat(text).isoformat()
        except ValueError:
            return None
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).isoformat()
    except ValueError:
        return None


def _yaml_type(value: Any) -> str:
    return {bool: "true/false", dict: "a set of fields", list: "a list", int: "a number",
            float: "a number"}.get(type(value), type(value).__name__)


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root)
    except (ValueError, OSError):
        return False
    return True
