"""The editor's review file, `content/<story>/_review.yaml`: read, check and edit.

An editor confirms or rejects fact groups, merges and splits them, sets labels,
dismisses differences, marks omissions as real (or not) and adds notes. Facts
are named by their sentences' ids (as the comparison JSON and the page's
`data-sentences` give them), with the first words of the first sentence as a
check, so an entry never lands on another sentence after the text changes.
docs/review.md describes the format; `parallax serve --review` writes the file
through `edit_review`. The build applies it in `analysis/review.py`.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
from pathlib import Path
from typing import Any

import yaml

from ..errors import Diagnostic, error, with_context
from ..model import FactReview, OmissionReview, Review, SentenceSet
from .frontmatter import MAX_FRONT_MATTER_VALUES, _expanded_size, _FrontMatterLoader, read_text

REVIEW_FILE = "_review.yaml"
SENTENCE_ID = re.compile(r"^[\w-]+\.s\d+$")
MAX_LABEL = 120
MAX_NOTE = 2000
TOP_KEYS = ("reviewed", "reviewer", "date", "note", "facts", "merge", "split", "omissions")
FACT_KEYS = ("sentences", "says", "status", "label", "note", "dismiss")
OMISSION_KEYS = ("sentences", "says", "article", "real")
HEADER = ("# Parallax review file: an editor's corrections to this story's comparison.\n"
          "# Format: docs/review.md. `parallax serve --review` edits it; so can you.\n")


class _Problem(Exception):
    def __init__(self, message: str, node: yaml.Node, hint: str) -> None:
        super().__init__(message)
        self.line = node.start_mark.line + 1
        self.hint = hint


def read_review(path: Path, diagnostics: list[Diagnostic]) -> Review | None:
    """The review file at `path`, checked; None (with an error in `diagnostics`) when it cannot be used."""
    text = read_text(path, diagnostics)
    if text is None:
        return None
    loader = _FrontMatterLoader(text)
    try:
        node = loader.get_single_node()
        if node is not None and _expanded_size(node) > MAX_FRONT_MATTER_VALUES:
            diagnostics.append(with_context(error(
                f"{path.name} holds more than {MAX_FRONT_MATTER_VALUES:,} values once its YAML aliases are expanded",
                file=path, line=1, hint="write the entries out plainly; a review file needs no aliases"), text))
            return None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).split("\n")[0]
        diagnostics.append(with_context(error(
            f"invalid YAML in {path.name}: {problem}", file=path, line=mark.line + 1 if mark else None,
            hint="each entry is `key: value`; lists start with `- `; quote a value that contains ': '"), text))
        return None
    finally:
        loader.dispose()
    try:
        return _review(path, node)
    except _Problem as problem:
        diagnostics.append(with_context(error(str(problem), file=path, line=problem.line, hint=problem.hint), text))
        return None


def _review(path: Path, node: yaml.Node | None) -> Review:
    review = Review(path=str(path))
    if node is None:
        return review
    items = _mapping(node, TOP_KEYS, "the review file", "reviewed: true")
    for key, (_, value) in items.items():
        if key == "reviewed":
            review.reviewed = _bool(value, "reviewed")
        elif key == "reviewer":
            review.reviewer = _text(value, "reviewer", 200)
        elif key == "date":
            review.date = _date(value)
        elif key == "note":
            review.note = _text(value, "note", MAX_NOTE)
        elif key == "facts":
            review.facts = [_fact(entry) for entry in _sequence(value, "facts")]
        elif key in ("merge", "split"):
            sets = [SentenceSet(sentences=_sentences(entry, key), line=entry.start_mark.line + 1)
                    for entry in _sequence(value, key)]
            if key == "merge" and any(len(s.sentences) < 2 for s in sets):
                raise _Problem("a merge entry needs two sentences or more", value,
                               "list one sentence of each fact to merge, e.g. - [000.s3, 002.s5]")
            setattr(review, key, sets)
        elif key == "omissions":
            review.omissions = [_omission(entry) for entry in _sequence(value, "omissions")]
    return review


def _fact(node: yaml.Node) -> FactReview:
    items = _mapping(node, FACT_KEYS, "a facts entry", "sentences: [000.s1, 002.s0]")
    if "sentences" not in items:
        raise _Problem("a facts entry has no `sentences:`", node,
                       "name the fact by its sentences, e.g. sentences: [000.s1, 002.s0] (the page's review "
                       "mode and the comparison JSON give them)")
    fact = FactReview(sentences=_sentences(items["sentences"][1], "sentences"), line=node.start_mark.line + 1)
    for key, (_, value) in items.items():
        if key == "says":
            fact.says = _text(value, "says", 400)
        elif key == "status":
            status = _text(value, "status", 20)
            if status not in ("confirmed", "rejected"):
                raise _Problem(f"status must be confirmed or rejected, not {status!r}", value,
                               "confirmed: these sentences state one fact; rejected: they do not")
            fact.verdict = "confirmed" if status == "confirmed" else "rejected"
        elif key == "label":
            fact.label = _text(value, "label", MAX_LABEL)
        elif key == "note":
            fact.note = _text(value, "note", MAX_NOTE)
        elif key == "dismiss":
            kinds = [value] if isinstance(value, yaml.ScalarNode) else _sequence(value, "dismiss")
            fact.dismiss = [_text(kind, "dismiss", 40) for kind in kinds]
    return fact


def _omission(node: yaml.Node) -> OmissionReview:
    items = _mapping(node, OMISSION_KEYS, "an omissions entry", "article: \"003\"")
    for needed in ("sentences", "article"):
        if needed not in items:
            raise _Problem(f"an omissions entry has no `{needed}:`", node,
                           "give the fact's sentences and the article that leaves it out, e.g.\n"
                           "- sentences: [000.s7]\n  article: \"003\"\n  real: true")
    real = _bool(items["real"][1], "real") if "real" in items else True
    return OmissionReview(sentences=_sentences(items["sentences"][1], "sentences"),
                          article=_text(items["article"][1], "article", 200), real=real,
                          line=node.start_mark.line + 1)


def _mapping(node: yaml.Node, keys: tuple[str, ...], what: str, example: str) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    if not isinstance(node, yaml.MappingNode):
        raise _Problem(f"{what} must be `key: value` lines", node, f"for example: {example}")
    items: dict[str, tuple[yaml.Node, yaml.Node]] = {}
    for key_node, value in node.value:
        key = str(key_node.value)
        if key not in keys:
            raise _Problem(f"unknown key {key!r} in {what}", key_node, "the keys are: " + ", ".join(keys))
        if key in items:
            raise _Problem(f"{key!r} is given twice in {what}", key_node, f"keep one `{key}:`")
        items[key] = (key_node, value)
    return items


def _sequence(node: yaml.Node, key: str) -> list[yaml.Node]:
    if not isinstance(node, yaml.SequenceNode):
        raise _Problem(f"`{key}:` must be a list", node, f"start each item of `{key}:` on its own line with `- `")
    return list(node.value)


def _scalar(node: yaml.Node, key: str) -> Any:
    """The value as written (`article: 003` stays "003"); true/false and null as such; dates as dates."""
    if not isinstance(node, yaml.ScalarNode):
        raise _Problem(f"`{key}:` must be a single value", node, f"write `{key}: value` on one line")
    if node.tag.endswith((":bool", ":null", ":timestamp")):
        try:
            return yaml.safe_load(yaml.serialize(node))
        except (ValueError, yaml.YAMLError):
            return node.value
    return node.value


def _text(node: yaml.Node, key: str, limit: int) -> str:
    value = _scalar(node, key)
    if isinstance(value, bool) or value is None:
        raise _Problem(f"`{key}:` must be text, not {value!r}", node, f"quote it: {key}: \"...\"")
    text = str(value).strip()
    if len(text) > limit:
        raise _Problem(f"`{key}:` is {len(text)} characters long; at most {limit}", node, "shorten it")
    return text


def _bool(node: yaml.Node, key: str) -> bool:
    value = _scalar(node, key)
    if not isinstance(value, bool):
        raise _Problem(f"`{key}:` must be true or false, not {value!r}", node, f"write {key}: true or {key}: false")
    return value


def _date(node: yaml.Node) -> str:
    value = _scalar(node, "date")
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    text = str(value)
    try:
        dt.date.fromisoformat(text[:10])
    except ValueError:
        raise _Problem(f"date {text!r} is not a date", node, "write it as YYYY-MM-DD, e.g. date: 2026-11-27") from None
    return text


def _sentences(node: yaml.Node, key: str) -> list[str]:
    items = [node] if isinstance(node, yaml.ScalarNode) else _sequence(node, key)
    ids = [_text(item, key, 80) for item in items]
    for item, sentence in zip(items, ids, strict=True):
        if not SENTENCE_ID.match(sentence):
            raise _Problem(f"{sentence!r} is not a sentence id", item,
                           "a sentence id is the article's id, '.s' and a number, e.g. 000.s3 (quote ids that "
                           "YAML would read as numbers: \"001.s2\" is safe)")
    if not ids:
        raise _Problem(f"`{key}:` is empty", node, "name at least one sentence, e.g. [000.s1]")
    return ids


# --- edits from the review mode of `parallax serve` ---------------------------------------------

ACTIONS = ("status", "label", "dismiss", "note", "omission", "reviewed", "story-note")


class EditError(ValueError):
    """An edit request that cannot be applied (the message says why)."""


def edit_review(path: Path, edit: dict[str, Any]) -> None:
    """Apply one edit from the review mode to the review file at `path` (created when missing)."""
    data: dict[str, Any] = {}
    if path.is_file():
        diagnostics: list[Diagnostic] = []
        if read_review(path, diagnostics) is None:
            raise EditError("the review file has an error; fix it first: " + diagnostics[0].message)
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    action = edit.get("action")
    if action not in ACTIONS:
        raise EditError(f"unknown action {action!r}")
    if action == "reviewed":
        data["reviewed"] = bool(edit.get("reviewed"))
        if edit.get("reviewer"):
            data["reviewer"] = _short(edit["reviewer"], 200)
        data["date"] = dt.date.today().isoformat()
    elif action == "story-note":
        _set(data, "note", _short(edit.get("note", ""), MAX_NOTE))
    elif action == "omission":
        sentences, article = _ids(edit), _short(edit.get("article", ""), 200)
        if not article:
            raise EditError("an omission edit needs the article")
        entries = [e for e in data.setdefault("omissions", [])
                   if not (_first(e) == sentences[0] and str(e.get("article")) == article)]
        if edit.get("real") is not None:
            entries.append({"sentences": sentences, "article": article, "real": bool(edit["real"])})
        data["omissions"] = entries
    else:
        sentences = _ids(edit)
        facts = data.setdefault("facts", [])
        entry = next((e for e in facts if _first(e) == sentences[0]), None)
        if entry is None:
            entry = {"sentences": sentences}
            if edit.get("says"):
                entry["says"] = _short(edit["says"], 80)
            facts.append(entry)
        if action == "status":
            status = edit.get("status")
            if status not in ("confirmed", "rejected", None, ""):
                raise EditError("status must be confirmed, rejected or empty")
            _set(entry, "status", status or "")
        elif action == "label":
            _set(entry, "label", _short(edit.get("label", ""), MAX_LABEL))
        elif action == "note":
            _set(entry, "note", _short(edit.get("note", ""), MAX_NOTE))
        elif action == "dismiss":
            kind = _short(edit.get("kind", ""), 40)
            if not re.fullmatch(r"[a-z][a-z-]*", kind):
                raise EditError("dismiss needs a difference kind")
            kinds = [k for k in entry.get("dismiss", []) if k != kind]
            if edit.get("undo"):
                _set(entry, "dismiss", kinds)
            else:
                entry["dismiss"] = [*kinds, kind]
        if set(entry) <= {"sentences", "says"}:
            facts.remove(entry)
    for key in ("facts", "omissions"):
        if key in data and not data[key]:
            del data[key]
    _write(path, data)


def _ids(edit: dict[str, Any]) -> list[str]:
    sentences = edit.get("sentences")
    if not isinstance(sentences, list) or not sentences or len(sentences) > 500 or \
            not all(isinstance(s, str) and SENTENCE_ID.match(s) for s in sentences):
        raise EditError("the edit needs the fact's sentence ids")
    return [str(s) for s in sentences]


def _first(entry: Any) -> str | None:
    sentences = entry.get("sentences") if isinstance(entry, dict) else None
    if isinstance(sentences, str):
        return sentences
    return str(sentences[0]) if isinstance(sentences, list) and sentences else None


def _short(value: Any, limit: int) -> str:
    if not isinstance(value, str):
        raise EditError("expected text")
    text = " ".join(value.split())
    if len(text) > limit:
        raise EditError(f"at most {limit} characters")
    return text


def _set(data: dict[str, Any], key: str, value: Any) -> None:
    if value:
        data[key] = value
    else:
        data.pop(key, None)


def _write(path: Path, data: dict[str, Any]) -> None:
    """Write the file whole or not at all (a watcher never reads half of it)."""
    order = {key: i for i, key in enumerate(TOP_KEYS)}
    ordered = dict(sorted(data.items(), key=lambda item: order.get(item[0], len(order))))
    text = HEADER + yaml.safe_dump(ordered, sort_keys=False, allow_unicode=True, width=100, default_flow_style=None)
    handle, temporary = tempfile.mkstemp(prefix=".review-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
