"""Text helpers shared by the stages: the comparison form of a text, slugs, words.

Pages show the original text; comparisons use `comparable()`, which folds
typographic quotes, dashes, odd spaces and case so that they never count as a
difference.
"""

from __future__ import annotations

import re
import unicodedata

_QUOTES = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'",
    "\u0060": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"', "\u2039": "'", "\u203a": "'",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\u2212": "-", "\ufe58": "-", "\ufe63": "-", "\uff0d": "-",
    "\u2026": "...",
})
_SPACES = re.compile(r"[\s\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+")
_INVISIBLE = re.compile(r"[\u00ad\u200c\u200d\u2060]")


def clean_spaces(text: str) -> str:
    """Collapse every kind of space to one ASCII space and drop invisible characters."""
    return _SPACES.sub(" ", _INVISIBLE.sub("", text)).strip()


def comparable(text: str) -> str:
    """The form two texts are compared in: NFKC, straight quotes, ASCII dashes, lower case."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return clean_spaces(text).casefold()


_LATIN = {"ß": "ss", "æ": "ae", "ø": "o", "œ": "oe", "đ": "d", "ł": "l", "þ": "th", "ð": "d", "ı": "i", "ŋ": "ng"}
"""Latin letters with no ASCII letter inside them."""


def slugify(text: str, ascii_only: bool = False) -> str:
    """A URL-safe name: `"Meta's pause (2026)"` -> `"metas-pause-2026"`, `"Le Monde à Paris"` ->
    `"le-monde-a-paris"`; letters of other scripts stay as they are (`"Новая газета"` -> `"новая-газета"`,
    `"朝日新聞"` -> `"朝日新聞"`), as Hugo and Zola keep them, rather than vanishing. `ascii_only`: for
    file and folder names, which stay ASCII."""
    kept = []
    for char in unicodedata.normalize("NFKC", text):  # "¹" -> "1", "ﬁ" -> "fi", full-width letters -> letters
        if char in "'\u2019":
            continue
        if char.isascii():
            kept.append(char.lower() if char.isalnum() else "-")
        elif unicodedata.category(char)[0] in "LN":
            if unicodedata.name(char, "").startswith("LATIN"):
                lower = char.lower()
                base = _LATIN.get(lower) or unicodedata.normalize("NFKD", lower).encode("ascii", "ignore").decode()
                kept.append(base if base.isalnum() else lower)
            else:
                kept.append(char.lower())
        else:
            kept.append("-")
    slug = re.sub(r"-+", "-", "".join(kept)).strip("-")
    return re.sub(r"-+", "-", re.sub(r"[^a-z0-9-]", "", slug)).strip("-") if ascii_only else slug


_WORD = re.compile(r"[^\W_]+(?:['\u2019.-][^\W_]+)*", re.UNICODE)


def words(text: str) -> list[str]:
    """The words of a text, keeping inner apostrophes, hyphens and dots ("U.S", "don't")."""
    return _WORD.findall(text)
