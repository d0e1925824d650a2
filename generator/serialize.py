"""Serialisation of the model: to and from plain data, and the comparison JSON.

`to_plain` turns any model object into JSON-ready dicts and lists (a field
marked `internal` only when asked, for the build cache); `from_plain` is its
inverse. `comparison_json` is the document `docs/comparison.md` describes.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import types
from functools import cache
from pathlib import Path
from typing import Any

from .model import COMPARISON_SCHEMA, Story

SCHEMA_FILE = Path(__file__).resolve().parent / "comparison.schema.json"

_FIELDS: dict[tuple[type, bool], tuple[str, ...]] = {}


def _field_names(cls: type, internal: bool) -> tuple[str, ...]:
    key = (cls, internal)
    if key not in _FIELDS:
        _FIELDS[key] = tuple(f.name for f in dataclasses.fields(cls) if internal or not f.metadata.get("internal"))
    return _FIELDS[key]


def to_plain(value: Any, *, internal: bool = False) -> Any:
    """Turn model objects into JSON-ready dicts and lists; internal fields only when asked."""
    return _plain(value, internal)


_ATOMS = frozenset({str, int, float, bool, type(None)})


def _plain(value: Any, internal: bool) -> Any:
    # The usual types by identity first (a story has some 100,000 values): a dataclass whose field names
    # are known, a list, a dict; anything else (a first dataclass of its type, a Path, a subclass) below.
    kind = type(value)
    if kind in _ATOMS:
        return value
    names = _FIELDS.get((kind, internal))
    if names is not None:
        return {name: _plain(getattr(value, name), internal) for name in names}
    if kind is list or kind is tuple:
        return [_plain(item, internal) for item in value]
    if kind is dict:
        return {str(k): _plain(v, internal) for k, v in value.items()}
    return _plain_other(value, internal)


def _plain_other(value: Any, internal: bool) -> Any:
    if value is None or isinstance(value, str | int | float):
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {name: _plain(getattr(value, name), internal) for name in _field_names(type(value), internal)}
    if isinstance(value, list | tuple):
        return [_plain(item, internal) for item in value]
    if isinstance(value, dict):
        return {str(k): _plain(v, internal) for k, v in value.items()}
    if isinstance(value, Path):
        return str(value)
    return value


def from_plain(cls: type[Any], data: Any) -> Any:
    """The inverse of `to_plain(..., internal=True)` for the model's dataclasses (used by the build cache)."""
    return _builder(cls)(data)


_BUILDERS: dict[Any, Any] = {}


def _builder(kind: Any) -> Any:
    """A function that turns plain data back into `kind`; made once per type (type hints are slow to read)."""
    import typing

    if kind in _BUILDERS:
        return _BUILDERS[kind]
    origin = typing.get_origin(kind)
    build: Any
    if origin is list:
        (item,) = typing.get_args(kind)
        item_builder = _builder(item)
        build = (lambda value: None if value is None else [item_builder(v) for v in value])  # noqa: E731
    elif origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(kind) if a is not type(None)]
        build = _builder(options[0]) if len(options) == 1 else (lambda value: value)
    elif kind is Path:
        build = (lambda value: None if value is None else Path(value))  # noqa: E731
    elif isinstance(kind, type) and dataclasses.is_dataclass(kind):
        _BUILDERS[kind] = lambda value: _BUILDERS[kind](value)  # recursive types: resolved on first call
        hints = typing.get_type_hints(kind)
        fields = [(f.name, _builder(hints[f.name])) for f in dataclasses.fields(kind)]

        def build(value: Any, kind: Any = kind, fields: Any = fields) -> Any:
            if value is None:
                return None
            return kind(**{name: make(value[name]) for name, make in fields if name in value})
    else:
        build = (lambda value: value)  # noqa: E731
    _BUILDERS[kind] = build
    return build


def comparison_json(story: Story) -> dict[str, Any]:
    """The comparison document for one story (schema `parallax.comparison/1`)."""
    return {
        "schema": COMPARISON_SCHEMA,
        "story": {
            "slug": story.slug,
            "title": story.title,
            "date": story.date,
            "summary": story.summary,
            "tags": list(story.tags),
        },
        "articles": to_plain(story.articles),
        "groups": to_plain(story.groups),
        "omissions": to_plain(story.omissions),
        "matcher": to_plain(story.matcher),
        "quotations": to_plain(story.quotations),
        "sources": to_plain(story.sources),
        "words": to_plain(story.words),
        "review": to_plain(story.review),
    }


@cache
def _schema_file() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    return schema


def comparison_schema(difference_kinds: list[str]) -> dict[str, Any]:
    """The JSON Schema of the comparison document, for the given registered difference kinds.

    `comparison.schema.json` lists the built-in kinds; a kind registered besides them is valid too.
    """
    schema = copy.deepcopy(_schema_file())
    group = schema["$defs"]["group"]["properties"]
    group["differences"]["items"]["properties"]["kind"]["enum"] = list(difference_kinds)
    marks = group["members"]["items"]["properties"]["marks"]["items"]["properties"]
    marks["kind"]["enum"] = ["differs", *difference_kinds]
    return schema
