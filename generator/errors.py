"""Errors and warnings a person can act on.

Every problem Parallax reports names the file, the line where known, what was
wrong and how to fix it. The CLI catches `ParallaxError` once and prints it
without a traceback; loaders collect `Diagnostic`s so that `parallax check`
can list all of them at once.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(slots=True)
class Diagnostic:
    """One problem found in the configuration or the content."""

    message: str
    """What was wrong, in one sentence."""
    file: Path | None = None
    """The file the problem is in, when there is one."""
    line: int | None = None
    """1-based line number in `file`, when known."""
    column: int | None = None
    """1-based column, when known."""
    hint: str | None = None
    """How to fix it."""
    severity: Severity = "error"
    """`error` stops the build; `warning` is reported and the build goes on."""
    context: list[tuple[int, str]] = field(default_factory=list)
    """Numbered source lines around `line`, shown under the message."""

    def location(self, relative_to: Path | None = None) -> str:
        if self.file is None:
            return ""
        path = self.file
        if relative_to is not None:
            with contextlib.suppress(ValueError):
                path = self.file.resolve().relative_to(relative_to.resolve())
        where = str(path)
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return where

    def format(self, relative_to: Path | None = None) -> str:
        """The problem for a terminal: control characters from the content are shown escaped, never sent."""
        where = printable(self.location(relative_to))
        message = printable(self.message)
        head = f"{where}: {self.severity}: {message}" if where else f"{self.severity}: {message}"
        lines = [head]
        for number, text in self.context:
            marker = ">" if number == self.line else " "
            lines.append(f"  {marker} {number:>4} | {printable(text, keep_newlines=False)}")
        if self.hint:
            lines.append(f"  hint: {printable(self.hint)}")
        return "\n".join(lines)


# C0 and C1 controls (but tab and newline), DEL, and the bidirectional overrides that reorder a line.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_UNPRINTABLE_LINE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str, keep_newlines: bool = True) -> str:
    """`text` with control characters written as escapes (\\x1b), so that content cannot drive a terminal."""
    pattern = _UNPRINTABLE if keep_newlines else _UNPRINTABLE_LINE
    return pattern.sub(lambda m: repr(m.group())[1:-1] if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}",
                       text)


def shown(value: object, limit: int = 60) -> str:
    """A value quoted in a message: like repr(), cut to about `limit` characters, and never made longer
    than that first (front matter whose aliases expand to millions of items is not expanded to be shown)."""
    budget = [limit]
    text = _bounded_repr(value, budget, depth=0)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _bounded_repr(value: object, budget: list[int], depth: int) -> str:
    if budget[0] <= 0 or depth > 20:
        return "…"
    if isinstance(value, list | tuple | dict):
        pairs = value.items() if isinstance(value, dict) else value
        parts: list[str] = []
        for item in pairs:
            if budget[0] <= 0:
                parts.append("…")
                break
            if isinstance(value, dict):
                key, inner = item
                part = f"{_bounded_repr(key, budget, depth + 1)}: {_bounded_repr(inner, budget, depth + 1)}"
            else:
                part = _bounded_repr(item, budget, depth + 1)
            parts.append(part)
        opening, closing = ("{", "}") if isinstance(value, dict) else ("[", "]")
        text = opening + ", ".join(parts) + closing
    elif isinstance(value, str):
        text = repr(value[:budget[0] + 1])
    else:
        text = repr(value)[:budget[0] + 1]
    budget[0] -= len(text)
    return text


def with_context(diagnostic: Diagnostic, source: str, radius: int = 1) -> Diagnostic:
    """Attach the lines around `diagnostic.line` from `source` (the whole file's text)."""
    if diagnostic.line is None:
        return diagnostic
    lines = source.splitlines()
    first = max(1, diagnostic.line - radius)
    last = min(len(lines), diagnostic.line + radius)
    diagnostic.context = [(n, lines[n - 1]) for n in range(first, last + 1)]
    return diagnostic


class ParallaxError(Exception):
    """Base of every error the CLI reports without a traceback."""

    def __init__(self, diagnostics: Diagnostic | list[Diagnostic]) -> None:
        self.diagnostics = diagnostics if isinstance(diagnostics, list) else [diagnostics]
        super().__init__("\n".join(d.format() for d in self.diagnostics))

    def format(self, relative_to: Path | None = None) -> str:
        errors = [d for d in self.diagnostics if d.severity == "error"]
        text = "\n".join(d.format(relative_to) for d in self.diagnostics)
        if len(errors) > 1:
            text += f"\n{len(errors)} errors."
        return text


class ConfigError(ParallaxError):
    """`parallax.toml` is missing, unreadable or invalid."""


class ContentError(ParallaxError):
    """A story or article under `content/` is invalid."""


class OutputError(ParallaxError):
    """The output folder cannot be written safely."""


class UsageError(ParallaxError):
    """The command line asked for something that cannot be done."""


def error(message: str, *, file: Path | None = None, line: int | None = None,
          hint: str | None = None, column: int | None = None) -> Diagnostic:
    return Diagnostic(message=message, file=file, line=line, column=column, hint=hint)


def warning(message: str, *, file: Path | None = None, line: int | None = None,
            hint: str | None = None) -> Diagnostic:
    return Diagnostic(message=message, file=file, line=line, hint=hint, severity="warning")
