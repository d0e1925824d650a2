"""Sentence segmentation for news text.

A rule-based splitter: a sentence ends at `.`, `!`, `?` or an ellipsis (with
any closing quotes or brackets) when the next word starts a sentence. It does
not split after titles and other abbreviations (Mr., Gen., Jan. 5, No. 3,
e.g.), initials (George W. Bush, and "L. A." in text rebuilt from word tokens),
inside decimals (3.5, and "3. 5" in text rebuilt from word tokens, as ECB+
gives it), after an article ("a. 357 Magnum"), before a lower-case word
("Really?" she asked) or at an elision (" ... "). Ambiguous abbreviations
that can end a sentence (U.S., Inc., a.m. or "a. m.", Calif.) end one only
when the next word is a typical sentence opener. Like BASIL's annotators and
Punkt, it splits inside a quotation when a new sentence starts there. Measured
against BASIL's gold sentences in `tests/test_segment.py` (boundary F1 0.98;
pysbd 0.94).
"""

from __future__ import annotations

import re

from ..text.people import ATTRIBUTION_VERBS, TITLES

# Never end a sentence: titles and forms that always take a following word.
_TITLES = TITLES | frozenset("""
messrs mmes mme mlle sens reps govs cmdr cmdt cpl pvt adm maj brig revd fr hon pres supt det insp atty amb
sec ste mt ft ave blvd vs v cf viz approx dept univ assn cong rt dist dep
sra srta sres hr hrn dres dipl ing mgr
""".split())
# Never end a sentence when followed by a number: "Jan. 5", "No. 3", "Fig. 2".
_BEFORE_NUMBER = frozenset("""
jan feb mar apr jun jul aug sep sept oct nov dec no nos fig figs vol vols pp p art sec ch ch
op est
""".split())
# Can end a sentence; only do so before a typical sentence opener.
_AMBIGUOUS = frozenset("""
inc corp co ltd llc plc bros jr sr etc al esq ph phd
ala ariz ark calif colo conn del fla ga ill ind kan ky md mass mich minn miss mo mont neb nev
okla ore pa penn tenn tex va vt wash wis wyo
""".split())
_NEVER_DOTTED = frozenset({"e.g", "i.e", "cf", "viz", "a.k.a", "z.b", "d.h", "u.a", "p.ex", "p. ex"})
_OPENERS = frozenset("""
a an the this that these those it its he she they we i you his her their our my your
but and or so yet still however meanwhile instead nevertheless moreover also then now there
here in on at for from to by with after before when while if as since because although though
during until unless once some many most all no none one two three several both each every
what who why how where which according despite under over among about last next earlier later
mr mrs ms dr
""".split())

_TERMINATOR = re.compile(r"(?:\.{3}|…|[.!?])+[\"'”’»)\]]*(?=\s)")



def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of `text`, whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _TERMINATOR.finditer(text):
        end = match.end()
        next_start = _skip_space(text, end)
        if next_start >= len(text):
            break
        if _is_boundary(text, match.start(), match.group(), next_start) \
                and not _closes_quotation(text, start, match.start(), match.group(), next_start):
            spans.append((start, end))
            start = next_start
    spans.append((start, len(text)))
    return [_trim(text, s, e) for s, e in spans if text[s:e].strip()]


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position].isspace():
        position += 1
    return position


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


_SPACED_DECIMAL = re.compile(r"(?:^|[^\d.,])\d{1,3}$")
"""A number of one to three digits before a full stop, a space and more digits: "$2. 6 million", "14. 4 points",
"magnitude 5. 9", a decimal point in text rebuilt from word tokens (as corpora such as ECB+ give it), not the
end of a sentence ("... in 2012. 7 people" has a year before its stop, and sentences rarely open with digits)."""

_INITIAL_NEXT = re.compile(r"[A-Z][a-z]?\.(?:['’]s)?[),;:]*$")
"""A word that is an initial or a short abbreviation itself: "A.", "A.'s", "Va.),"."""

_WINDOW = 200
"""How far around a full stop the splitter looks: the words next to it, never the whole paragraph (that
would make a long paragraph cost the square of its length)."""


_SAYING = ATTRIBUTION_VERBS | {"tweeted", "posted", "asked", "continued"}


def _closes_quotation(text: str, start: int, term_start: int, terminator: str, next_start: int) -> bool:
    """A straight quotation mark set apart from the "!" or "." it closes, before who said it: "It's official:
    I'm hosting the #Oscars! "DeGeneres tweeted Friday." (text rebuilt from word tokens). The sentence so far
    has opened a quotation, and a name or a pronoun and a verb of saying follow."""
    if text[next_start:next_start + 1] != '"' or terminator.endswith(('"', "”")):
        return False
    if text.count('"', max(start, term_start - _WINDOW), term_start) % 2 == 0:
        return False
    words = re.findall(r"[A-Za-z']+", text[next_start:next_start + 60])[:2]
    return len(words) == 2 and words[1].lower() in _SAYING  # "DeGeneres tweeted", "he said"


def _is_boundary(text: str, term_start: int, terminator: str, next_start: int) -> bool:
    following = text[next_start:next_start + _WINDOW]
    next_word = re.match(r"[\"'“‘«(\[]*([^\s]+)", following)
    nxt = next_word.group(1) if next_word else ""
    first = nxt[:1]
    starts_sentence = first.isupper() or first.isdigit() or bool(re.match(r"[a-z]+[A-Z]", nxt))
    if not starts_sentence:
        return False
    if terminator.startswith(("...", "…")):
        # " ... " marks words left out of a quotation, not the end of a sentence.
        return not (term_start > 0 and text[term_start - 1].isspace())
    if terminator[0] != ".":
        return True
    # What stands before the period: the last "word" (may hold inner dots: U.S, e.g).
    before = re.search(r"([^\s\"'“‘«(\[]*)$", text[max(0, term_start - _WINDOW):term_start])
    token = before.group(1) if before else ""
    lower = token.lower().rstrip(".")
    opener = re.sub(r"[^\w]", "", nxt).lower() in _OPENERS
    if not token:
        return True
    if first.isdigit() and _SPACED_DECIMAL.search(token):
        return False
    if first.isdigit() and token.islower() and token.isalpha() and not re.match(r"[12]\d{3}\b", nxt):
        # "A loaded. 38-caliber revolver", "armed with her. 357 Magnum": a number with a leading point in
        # text rebuilt from tokens. News spells out a number that opens a sentence, years apart.
        return False
    if token in ("a", "an", "the"):
        return False  # "aimed a. 357 caliber revolver": ".357" in text rebuilt from tokens; no article ends a sentence
    if re.fullmatch(r"[ap]\.\s?m", text[max(0, term_start - 4):term_start].lower()):
        # "9 a. m." as text rebuilt from tokens writes "9 a.m.": it ends a sentence only before an opener.
        return opener
    if lower in _NEVER_DOTTED:
        return False
    if lower in _TITLES:
        return False
    if lower in _BEFORE_NUMBER:
        return not (first.isdigit() or nxt.startswith("#"))
    if re.fullmatch(r"(?:[^\s]*-)?[A-Z]", token):  # "W", and "D-W" of "(D-W. Va.)"
        # An initial ("George W. Bush") unless the next word opens a sentence; never before another initial
        # or a short abbreviation ("L. A. County", "the D. A.'s release", "D-W. Va.", spaced as ECB+ gives them).
        if _INITIAL_NEXT.match(nxt):
            return False
        return opener and nxt not in ("A", "I")
    if re.fullmatch(r"(?:[A-Za-z]{1,2}\.)+[A-Za-z]{1,2}", token) or lower in _AMBIGUOUS:
        return opener
    return True
