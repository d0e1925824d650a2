"""Front matter: reading an article or story file, its YAML or TOML block, and checking every field.

Part of the load stage. A file is read as UTF-8 (with a size limit), its
`---` block parsed with YAML's safe loader (only true and false are booleans:
`language: no` is Norwegian, not False) or its `+++` block as TOML (as Hugo and
Zola write it), and each field checked against
the fields a story or an article may have; every problem becomes a
`Diagnostic` with the file, the line and a hint.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import stat
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..config import LANGUAGE_TAG
from ..errors import Diagnostic, error, shown, warning, with_context
from ..text.norm import slugify

STORY_FILE = "_story.md"
SLUG = re.compile(r"[a-z0-9][a-z0-9_-]{0,99}\Z")  # match() from the start; \Z: no trailing newline
# Top-level names the site itself uses; a story folder cannot take them.
RESERVED_SLUGS = frozenset({"static", "outlets", "about", "tags", "404", "feed", "sitemap", "search", "page",
                            "robots"})

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
MAX_FRONT_MATTER_VALUES = 10_000
"""Front matter is a handful of fields; YAML aliases must not make it millions of values (a "billion laughs")."""


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
# YAML 1.2 booleans: true and false only. YAML 1.1 also reads yes/no/on/off (and y/n) as booleans, so that
# `language: no` (Norwegian) or `outlet: On` became False and True.
_FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}
_FrontMatterLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def read_text(path: Path, diagnostics: list[Diagnostic]) -> str | None:
    """The file as UTF-8 text, or None with a diagnostic saying where it went wrong.

    Past MAX_ARTICLE_BYTES only the start is read (at a line end), with a warning.
    """
    try:
        if not stat.S_ISREG(path.stat().st_mode):  # a pipe or a device would hang the build, or never end
            diagnostics.append(error(f"{path.name} is not a regular file (a pipe, a device or a socket)",
                                     file=path, hint="replace it with the article's text saved as a file"))
            return None
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
        data = _cut(data[:MAX_ARTICLE_BYTES])
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


def _cut(data: bytes) -> bytes:
    """The start of an over-long file, ending at a line, else a sentence, else a word, else a character
    (in its second half: a one-line article keeps most of its text, not none of it)."""
    for mark in (b"\n", b". ", b"? ", b"! ", b" "):
        at = data.rfind(mark, len(data) // 2)
        if at >= 0:
            return data[:at + len(mark)]
    end = len(data)
    while end > 0 and data[end - 1] & 0xC0 == 0x80:  # UTF-8 continuation bytes of a cut character
        end -= 1
    return data[:end - 1] if end and data[end - 1] >= 0xC0 else data[:end]


_FENCE = re.compile(r"^(---|\+\+\+)[ \t]*$")
_FENCE_END = re.compile(r"^(---|\.\.\.)[ \t]*$")
_TOML_FENCE = re.compile(r"^\+\+\+[ \t]*$")
_TOML_KEY = re.compile(r"^\s*([A-Za-z0-9_-]+)\s*=")


def read_with_front_matter(
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
    toml = bool(_TOML_FENCE.match(lines[0]))
    closing = _TOML_FENCE if toml else _FENCE_END
    fence = "+++" if toml else "---"
    end = next((i for i in range(1, len(lines)) if closing.match(lines[i])), None)
    if end is None:
        diagnostics.append(with_context(error(
            f"front matter starts with {fence} but never ends", file=path, line=1,
            hint=f"close the front matter with a line holding only {fence}"), text))
        return None
    if toml:
        return _toml_front_matter(path, lines, end, text, diagnostics)
    yaml_text = "\n".join(lines[1:end])
    loader = _FrontMatterLoader(yaml_text)  # libyaml's safe loader when PyYAML has it
    try:
        node = loader.get_single_node()
        if node is not None and _expanded_size(node) > MAX_FRONT_MATTER_VALUES:
            diagnostics.append(with_context(error(
                f"front matter holds more than {MAX_FRONT_MATTER_VALUES:,} values once its YAML aliases "
                "(&name, *name) are expanded", file=path, line=2,
                hint="write the fields out plainly; front matter needs no aliases"), text))
            return None
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
                    f"field {shown(key)} is given twice", file=path, line=line,
                    hint=f"keep one `{key}:` line (the first is on line {key_lines[key]})"), text))
            key_lines[key] = line
    body = "\n".join(lines[end + 1:])
    return {str(k): v for k, v in data.items()}, key_lines, body, end + 2, text


def _toml_front_matter(path: Path, lines: list[str], end: int, text: str,
                       diagnostics: list[Diagnostic]) -> tuple[dict[str, Any], dict[str, int], str, int, str] | None:
    """A `+++` block read as TOML: (fields, line of each key, body, first body line, whole text)."""
    try:
        data = tomllib.loads("\n".join(lines[1:end]))
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"\(at line (\d+)", str(exc))
        diagnostics.append(with_context(error(
            f"invalid TOML front matter: {str(exc).split(' (at line')[0]}", file=path,
            line=int(found.group(1)) + 1 if found else 2,
            hint='each line is `key = value`, text in quotes: title = "Meta pauses the programme"'), text))
        return None
    key_lines: dict[str, int] = {}
    for number, line in enumerate(lines[1:end], start=2):
        match = _TOML_KEY.match(line)
        if match and match.group(1) in data:
            key_lines.setdefault(match.group(1), number)
    return {str(k): v for k, v in data.items()}, key_lines, "\n".join(lines[end + 1:]), end + 2, text


def _expanded_size(root: yaml.Node) -> int:
    """How many values the node graph holds with every alias expanded, counted up to just past the limit
    (each node once, with the size of what it holds, so the count costs what the text costs)."""
    limit = MAX_FRONT_MATTER_VALUES + 1
    sizes: dict[int, int] = {}
    visiting: set[int] = set()
    # Children before parents, without recursion: the graph may be deep.
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, ready = stack.pop()
        if id(node) in sizes:
            continue
        children: list[yaml.Node] = []
        if isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        elif isinstance(node, yaml.MappingNode):
            children = [part for pair in node.value for part in pair]
        if ready:
            sizes[id(node)] = min(limit, 1 + sum(sizes[id(child)] for child in children))
            continue
        if id(node) in visiting:
            return limit  # an alias to a value inside itself: it never ends
        visiting.add(id(node))
        stack.append((node, True))
        stack.extend((child, False) for child in children if id(child) not in sizes)
    return sizes[id(root)]


# --- draft and embargo, read before anything else -------------------------------

_WITHHOLD_LINE = re.compile(r"^(?P<key>draft|publish_after)\s*[:=](?P<value>.*)$")
_NOT_DRAFT = frozenset({"false", "no", "off", "n", "", "null", "~"})


def withheld(path: Path, now: dt.datetime) -> bool:
    """Whether a story or article file says it may not be published now: `draft:` or a `publish_after:`
    still to come, read from its front matter lines as text, so that a file with errors still says so.

    A value that cannot be read (`draft: perhaps`, `publish_after: next Tuesday`) withholds: when in
    doubt, nothing is published. A file that cannot be read at all has no front matter to say so.
    """
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return False
        with path.open("rb") as handle:
            head = handle.read(64 * 1024)
    except OSError:
        return False
    lines = head.decode("utf-8", errors="replace").lstrip("\ufeff").replace("\r\n", "\n").split("\n")
    if not lines or not _FENCE.match(lines[0]):
        return False
    closing = _TOML_FENCE if _TOML_FENCE.match(lines[0]) else _FENCE_END
    for line in lines[1:]:
        if closing.match(line):
            break
        match = _WITHHOLD_LINE.match(line)
        if match is None:
            continue
        value = match["value"].split(" #")[0].strip().strip("\"'").strip()
        if match["key"] == "draft" and value.lower() not in _NOT_DRAFT:
            return True
        if match["key"] == "publish_after" and value:
            moment = parse_date(value)
            if moment is None or embargoed(moment, now):
                return True
    return False


def embargoed(publish_after: str | None, now: dt.datetime) -> bool:
    """A `publish_after` date or time still to come (a date alone means its first moment, in UTC)."""
    if not publish_after:
        return False
    moment = dt.datetime.fromisoformat(publish_after if "T" in publish_after else publish_after + "T00:00:00")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment > now


# --- field checks --------------------------------------------------------------

def check_fields(raw: dict[str, Any], key_lines: dict[str, int], spec: dict[str, tuple[str, bool]],
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
            report(f"unknown front matter field {shown(key)}", key,
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
            return _Invalid(f"expected true or false, got {shown(value)}", "write draft: true or draft: false")
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
            return _Invalid(f"cannot read {shown(value)} as a date",
                            "write the date as YYYY-MM-DD (e.g. 2026-06-22) or YYYY-MM-DDTHH:MM:SS+00:00")
        return parsed
    if kind == "url":
        if not isinstance(value, str) or not re.match(r"^https?://[^\s/]+\S*$", value.strip()):
            return _Invalid(f"expected an http(s) address, got {shown(value)}",
                            "write the full address of the original, starting with https://")
        return value.strip()
    if kind == "slug":
        if not isinstance(value, str) or not SLUG.match(value.strip()) or value.strip() in RESERVED_SLUGS:
            return _Invalid(f"{shown(value)} cannot be used in a web address",
                            f"use lower-case letters, digits and hyphens (at most 100), e.g. {slugify(shown(value, 100), ascii_only=True)[:100] or 'my-story'!r}")
        return value.strip()
    if kind == "language":
        if not isinstance(value, str) or not LANGUAGE_TAG.match(value.strip()):
            return _Invalid(f"expected a language tag, got {shown(value)}", "use a tag such as en, fr or pt-BR")
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
