"""Variants: forms of one thing that style guides write differently, which are never a difference.

"F.B.I." and "FBI", "U.S." and "United States", "Rep." and "Representative", "Muammar" and
"Moammar", "Liz" and "Elizabeth", "R-Wis." and "R-Wisc.", "twenty-four" and "24": two texts are
variants when, in lower case, with abbreviation dots dropped, number words as digits and every known
form (`data/variants.txt`) replaced by the first form of its line, they read the same.
"""

from __future__ import annotations

import re
from functools import cache

from .lexicon import DATA, NUMBER_WORDS, normal_word

_WORD = re.compile(r"[^\W_]+(?:[.'’-][^\W_]+)*\.?|%")


@cache
def _forms() -> tuple[dict[tuple[str, ...], tuple[str, ...]], int]:
    """Each known form, as words -> the words of the form it is compared as; and the longest form's length."""
    table: dict[tuple[str, ...], tuple[str, ...]] = {}
    for line in (DATA / "variants.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        forms = [_words(form) for form in line.split("|")]
        for form in forms:
            table.setdefault(form, forms[0])
    return table, max(len(form) for form in table)


def _words(text: str) -> tuple[str, ...]:
    words = []
    for word in _WORD.findall(text):
        word = normal_word(word).rstrip(".")
        if re.fullmatch(r"(?:[^\W\d_]\.)+[^\W\d_]?", word + "."):
            word = word.replace(".", "")  # F.B.I. -> fbi
        parts = word.split("-")
        if all(part in NUMBER_WORDS for part in parts) and len(parts) <= 2:
            word = f"{sum(NUMBER_WORDS[part] for part in parts):g}"  # "twenty-four" -> "24", as "24" reads
        words.append(word)
    return tuple(w for w in words if w)


def canonical(text: str) -> tuple[str, ...]:
    """The words of `text` with every known variant replaced by its first form ("the" dropped)."""
    table, longest = _forms()
    words = [w for w in _words(text) if w not in ("the", "a", "an")]
    result: list[str] = []
    index = 0
    while index < len(words):
        for size in range(min(longest, len(words) - index), 0, -1):
            form = tuple(words[index:index + size])
            if form in table:
                result.extend(table[form])
                index += size
                break
        else:
            # "R-Wis": a party and a state; compare its parts
            parts = words[index].split("-")
            result.extend(table.get((part,), (part,))[0] if len(table.get((part,), (part,))) == 1 else part
                          for part in parts)
            index += 1
    return tuple(result)


def variants(first: str, second: str) -> bool:
    """Two texts that name or say the same thing in different styles."""
    return canonical(first) == canonical(second)
