"""Variants: forms of one thing that style guides write differently, which are never a difference.

"F.B.I." and "FBI", "U.S." and "United States", "Rep." and "Representative", "Muammar" and
"Moammar", "Liz" and "Elizabeth", "R-Wis." and "R-Wisc.", "twenty-four" and "24", "Vendôme" and
"Vendome", "can't" and "cant": two texts are variants when, in lower case, without accents, with
abbreviation dots and the apostrophe of "n't" dropped, number words as digits and every known
form (`data/variants.txt`) replaced by the first form of its line, they read the same.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from difflib import SequenceMatcher
from functools import cache, lru_cache

from breame.data.spelling_constants import BRITISH_ENGLISH_SPELLINGS

from .lexicon import DATA, normal_word, number_word_value

_WORD = re.compile(r"\d{1,2}:\d{2}|[^\W_]+(?:[.'’-][^\W_]+)*\.?|%")
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
"""Generational suffixes of a name ("Robert S. Mueller III" is "Robert Mueller")."""
_NUMBERED = frozenset({"war", "phase", "stage", "level", "title", "article", "chapter", "part", "class", "category",
                       "type", "vatican", "grade", "tier"})
"""Words a roman numeral numbers rather than ends a name after ("World War II")."""


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
    words: list[str] = []
    found = _WORD.findall(text)
    for index, raw in enumerate(found):
        if re.fullmatch(r"[^\W\d_]\.", raw) and raw[0].isupper() and index + 1 < len(found) \
                and found[index + 1][:1].isupper():
            continue  # an initial before a name: "Robert S. Mueller", "Michael G. Grimm"
        if ":" in raw:
            words.append(raw.removesuffix(":00"))  # "10:00 a.m." is "10 a.m."
            continue
        if re.fullmatch(r"[A-Z]{2,}s", raw):
            raw = raw[:-1]  # the plural of initials: "KOs", "GIs" (as "GI's" reads "gi")
        word = american_spelling(normal_word(raw).rstrip("."))  # "Technicolour", "programme", "defence"
        word = folded(word).replace("n't", "nt")  # "Vendôme" is "Vendome", "can't" is "cant"
        if word in _SUFFIXES and words and (word in ("jr", "sr") or words[-1] not in _NUMBERED):
            continue
        word = re.sub(r"^(\d+)(?:st|nd|rd|th)$", r"\1", word)  # "45th" reads as "45", as "forty-fifth" does
        if re.fullmatch(r"(?:[^\W\d_]\.)+[^\W\d_]?", word + "."):
            word = word.replace(".", "")  # F.B.I. -> fbi
        words.append(_digits(word))  # "twenty-four" -> "24", as "24" reads
    return tuple(w for w in words if w)


def folded(word: str) -> str:
    """The word without its accents: "vendôme" -> "vendome", "état" -> "etat"."""
    if word.isascii():
        return word
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def _digits(word: str) -> str:
    """A number word as its digits ("three" -> "3"); any other word as it is."""
    value = number_word_value(word)
    return f"{value:g}" if value is not None else word


def american_spelling(word: str) -> str:
    """A word spelt the British way as American English spells it ("colour" -> "color", "travelled" ->
    "traveled"; the table of the `breame` package); any other word as it is."""
    return str(BRITISH_ENGLISH_SPELLINGS.get(word, word))


_UNIT_SIZES = {"mile": 1609.344, "km": 1000.0, "kilometre": 1000.0, "kilometer": 1000.0, "m": 1.0, "metre": 1.0,
               "meter": 1.0, "foot": 0.3048, "feet": 0.3048, "ft": 0.3048, "yard": 0.9144, "inch": 0.0254,
               "cm": 0.01, "centimetre": 0.01, "centimeter": 0.01, "pound": 0.45359237, "lb": 0.45359237,
               "kg": 1.0, "kilogram": 1.0, "kilo": 1.0, "acre": 4046.8564224, "hectare": 10000.0, "ha": 10000.0,
               "gallon": 3.785411784, "litre": 1.0, "liter": 1.0}
_MEASURE = re.compile(r"^(?:about |some |nearly |almost |around |roughly |more than |over |under )?"
                      r"(\d+(?:[.,]\d+)*)\s*-?\s*([a-z]+?)s?\.?$")


def _measure(text: str) -> float | None:
    """An amount in a unit of length, weight, area or volume, in the unit's base ("30 miles" -> 48280.3)."""
    match = _MEASURE.match(" ".join(text.lower().split()))
    if match is None or match[2] not in _UNIT_SIZES:
        return None
    return float(match[1].replace(",", "")) * _UNIT_SIZES[match[2]]


def _converted(a: str, b: str) -> bool:
    """One measure in two units, rounded as news rounds a conversion: "30 miles" / "48km", "15 miles" / "24km"."""
    x, y = _measure(a), _measure(b)
    return x is not None and y is not None and x > 0 and y > 0 and abs(x - y) <= 0.04 * max(x, y)


def _squashed(words: tuple[str, ...]) -> str:
    """The words run together: "fire-bomb", "fire bomb" and "firebomb" are one word spelt three ways."""
    return "".join(words).replace("-", "")


@lru_cache(maxsize=1 << 16)
def canonical(text: str) -> tuple[str, ...]:
    """The words of `text` with every known variant replaced by its first form ("the" dropped); kept for
    the texts seen last, as names and values recur across a story's pairs and a live preview's rebuilds."""
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
            # "R-Wis": a party and a state; "two-in-three": words and numbers; compare its parts
            parts = [_digits(part) for part in words[index].split("-")]
            result.extend(table.get((part,), (part,))[0] if len(table.get((part,), (part,))) == 1 else part
                          for part in parts)
            index += 1
    return tuple(result)


def all_variants(texts: list[str]) -> bool:
    """The texts name or say one thing in different styles: each reads as the first one, or one is the
    other's initials ("EPA" / "Environmental Protection Agency", "DOJ" / "Department of Justice"), or
    their names are one name transliterated two ways ("Kiev" / "Kyiv")."""
    forms = {canonical(text): text for text in texts}
    (a, first), *others = forms.items()
    return all(_initials_of(first, a, b) or _initials_of(second, b, a) or _squashed(a) == _squashed(b)
               or _converted(first, second) or _transliterated(first, second) for b, second in others)


_PARTICLES = frozenset({"al", "el", "bin", "ibn", "abu", "abd", "ul", "ud", "de", "da", "di", "du", "van", "von",
                        "der", "la", "le"})
"""Small words inside names ("Mohammed al-Hassan", "Osama bin Laden"), written apart, hyphenated or joined."""


def _transliterated(first: str, second: str) -> bool:
    """The two texts are the same words but for names spelt two ways, as names written from other alphabets
    are ("Kiev" / "Kyiv", "Zelensky" / "Zelenskyy", "Teheran" / "Tehran", "Mohammed al-Hassan" / "Muhammad
    al Hassan", "Al Qaeda" / "Al-Qaida"). A name is a run of capitalised words; its words are compared one by
    one (`one_name`), or run together when one outlet hyphenates or joins what the other writes apart. Other
    words must read the same (`canonical`), and so must numbers ("World War II" / "World War I")."""
    a, b = _name_runs(first), _name_runs(second)
    if len(a) != len(b) or a == b:
        return False
    for (x_name, x), (y_name, y) in zip(a, b, strict=True):
        if x_name != y_name:
            return False
        if x == y:
            continue
        if not x_name:
            return False
        if len(x) != len(y):
            if "".join(x) != "".join(y):
                return False
        elif not one_person(x, y, lambda u, v: u.isalpha() and v.isalpha() and u not in _NUMERALS
                            and v not in _NUMERALS and (one_name(u, v) or contraction(u, v))):
            return False
    return True


def one_person(x: tuple[str, ...], y: tuple[str, ...], alike: Callable[[str, str], bool]) -> bool:
    """Two names of as many words (in lower case) whose words are the same or `alike`, the surname after the
    same given names, or a name of one word (news names a person by surname after the first mention), also
    spelt with or without a final "e" ("Ilene Wolff" / "Ilene Wolfe", "Rait" / "Raite"; a given name's "e"
    before the same surname makes another person: "Simon Biles" / "Simone Biles")."""
    if len(x) != len(y):
        return False
    for index, (u, v) in enumerate(zip(x, y, strict=True)):
        if u == v or alike(u, v):
            continue
        if not (index == len(x) - 1 and x[:index] == y[:index] and silent_e(u, v)):
            return False
    return True


def silent_e(x: str, y: str) -> bool:
    """One surname with a final "e" the other has not, once doubled letters are one: "Wolff" / "Wolfe"."""
    x, y = re.sub(r"(.)\1+", r"\1", x), re.sub(r"(.)\1+", r"\1", y)
    short, long = sorted((x, y), key=len)
    return len(short) >= 3 and long == short + "e"


_NUMERALS = frozenset({"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"})


def _name_runs(text: str) -> list[tuple[bool, tuple[str, ...]]]:
    """The text as runs of name words (True, their words and hyphenated parts in lower case, initials in
    capitals: ("al", "hassan"), ("UN",)) and other words (False, the word as `canonical` reads it)."""
    runs: list[tuple[bool, tuple[str, ...]]] = []
    found = _WORD.findall(text)
    for index, raw in enumerate(found):
        parts = [part for part in re.split(r"[-'’]", raw.rstrip(".")) if part]
        capital = any(part[:1].isupper() for part in parts)
        particle = raw.lower() in _PARTICLES and index + 1 < len(found) and found[index + 1][:1].isupper()
        if capital or particle:
            # Initials stay in capitals, so that no rule takes "UN" for a spelling of "Union".
            words = tuple(folded(part if part.isupper() and len(part) > 1 else part.replace(".", "").lower())
                          for part in parts)
            if runs and runs[-1][0]:
                runs[-1] = (True, runs[-1][1] + words)
            else:
                runs.append((True, words))
        else:
            runs.append((False, canonical(raw)))
    return runs


_CONSONANTS = ((re.compile(r"ph"), "f"), (re.compile(r"([kdgt])h"), r"\1"), (re.compile(r"[qc]"), "k"))
"""Consonants that transliterations write two ways: "ph" / "f", "kh" / "k", "q" / "k"."""
_TRANSLITERATED = (*_CONSONANTS,
                   (re.compile(r"^w(?=[aeiloruy])"), "v"),
                   (re.compile(r"^(?:[yg]i|j)(?=[aeiou])"), "y"), (re.compile(r"ou|u"), "o"),
                   (re.compile(r"(.)\1"), r"\1"))
"""Letters that writing a name from another script, or a house style, gives two ways: "Karolos" / "Carolos",
"Yiannis" / "Giannis", "Muammar" / "Moammar", "Wladimir" / "Vladimir", a doubled letter ("Marshall" / "Marshal")."""


@lru_cache(maxsize=1 << 14)
def one_name(x: str, y: str) -> bool:
    """Two spellings of one word of a name (in lower case): with and without accents ("Vendôme"); with the
    letters transliterations and house styles differ in (`_TRANSLITERATED`); or with other vowels ("Kiev" /
    "Kyiv", "Mohammed" / "Muhammad", "Hezbollah" / "Hizbollah", "Stacy" / "Stacey"), when the consonants are
    the same in the same order once doubled letters and the digraphs transliterations trade are set aside,
    the last letter is the same (i and y alike), the lengths are a letter apart at most, and most letters are
    in common. "Ryan" / "Ron", "Maria" / "Marie", "Niger" / "Nigeria", "Hussein" / "Hassan" and "Somali" /
    "Somani" are two names, and two letters swapped ("Priebus" / "Preibus") a slip a reader may want to
    check."""
    x, y = folded(x), folded(y)
    if x == y:
        return True
    a, b = x, y
    for pattern, replacement in _TRANSLITERATED:
        a, b = pattern.sub(replacement, a), pattern.sub(replacement, b)
    if a == b and len(a) >= 4:
        return True
    if min(len(x), len(y)) < 3 or abs(len(x) - len(y)) > 1 or _transposed(x, y):
        return False
    a, b = _letters(x).rstrip("h"), _letters(y).rstrip("h")
    if not a or not b or a[-1].replace("y", "i") != b[-1].replace("y", "i") or _skeleton(a) != _skeleton(b):
        return False
    return SequenceMatcher(None, x, y, autojunk=False).ratio() >= 0.75


_NOT_CONTRACTIONS = frozenset({"mr", "mrs", "ms"})
"""Titles that shorten no other word than their own ("Mr." is not "Mayor")."""


def contraction(x: str, y: str) -> bool:
    """One word (in lower case) is the other contracted, as news style abbreviates a title or a place: its
    first and last letters and some between, in order, two to four letters at least two fewer than the
    other's ("Ft." / "Fort", "Lt." / "Lieutenant", "Dept." / "Department", "Sgt." / "Sergeant", "Blvd." /
    "Boulevard"). For capitalised words: "ft" in lower case is feet."""
    short, long = sorted((x, y), key=len)
    if not 2 <= len(short) <= 4 or len(long) < len(short) + 2 or short in _NOT_CONTRACTIONS \
            or short[0] != long[0] or short[-1] != long[-1] or not short.isalpha():
        return False
    rest = iter(long[1:-1])
    return all(letter in rest for letter in short[1:-1])


def _transposed(x: str, y: str) -> bool:
    """Two neighbouring letters swapped, a typing slip rather than a way to spell a name: "Priebus" / "Preibus"."""
    apart = [i for i, (u, v) in enumerate(zip(x, y, strict=True)) if u != v] if len(x) == len(y) else []
    return len(apart) == 2 and apart[1] == apart[0] + 1 and x[apart[0]] == y[apart[1]] and x[apart[1]] == y[apart[0]]


def _letters(name: str) -> str:
    """The name with the consonants transliterations trade made one ("Qaddafi" -> "kaddafi", "Gadhafi" -> "gadafi")."""
    for pattern, replacement in _CONSONANTS:
        name = pattern.sub(replacement, name)
    return name


def _skeleton(name: str) -> str:
    """Its consonants, each once, an "h" only at the start ("Teheran" and "Tehran" -> "trn", "John" -> "jn")."""
    return re.sub(r"(.)\1+", r"\1", name[:1] + re.sub("[aeiouyh]", "", name[1:]) if name[:1] == "h"
                  else re.sub("[aeiouyh]", "", name))


def _initials_of(text: str, short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """`text` is one word in capitals ("the EPA", "D.O.J."), the initials of the words of `long`."""
    if len(short) != 1 or len(long) < 2:
        return False
    # The initials as written: "L.A." reads "louisiana" in `canonical` (a state's short form), not "la".
    initials = ("".join(w[0] for w in long), "".join(w[0] for w in long if w not in ("of", "and", "for")))
    return any(word.replace(".", "").lower() in initials for word in re.findall(r"\b(?:[A-Z]\.?){2,6}", text))
