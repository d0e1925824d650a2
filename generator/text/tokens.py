"""Tokens and concepts of a sentence, shared by every analysis stage.

A sentence becomes tokens with offsets (words, numbers, punctuation), each word
in its comparison form (lower case, US spelling, Snowball stem). Content words
carry *concepts*: their stem, plus the paraphrase classes they belong to
("paused" -> `w:paus`, `c:pause`), so that outlets' different words for one
thing meet. Numbers carry their value ("four" and "4" -> `n:4`), months their
number, weekdays their name.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from .lexicon import (
    LANGUAGE,
    MAX_PHRASE,
    MONTHS,
    NUMBER_TENS,
    NUMBER_UNITS,
    PARAPHRASE_PHRASES,
    PARAPHRASE_WORDS,
    STOPWORDS,
    WEEKDAYS,
    is_stopword,
    normal_word,
    number_word_value,
    stem,
)
from .memo import per_object
from .norm import comparable
from .people import ATTRIBUTION_VERBS, OPENING_QUOTES, QUOTE_CHARS, REPORTING_WORDS, TITLES

TokenKind = Literal["word", "number", "punct"]

_NOT_AFTER_MONTH = "".join(f"(?<!{re.escape(name.title())} )(?<!{re.escape(name.title())}\\. )" for name in MONTHS)
"""No spaced thousands right after a month: "May 5, 300 people" is a date and a count."""
_TOKEN = re.compile(
    # A clock time ("3:30") is one number, in hours. "$2. 6 million": a decimal point with a space after it,
    # in text rebuilt from word tokens (ECB+); the sentence splitter keeps it inside the sentence on the same
    # terms (content/segment.py). "120, 000 people", "1, 300 scientists": thousands, from the same kind of
    # text (one or two digits, or three before ", 000", then groups of three). "In 2005, 300 people", "May 5,
    # 300 people", "5-foot-8, 135 pounds" and "rooms 101, 102" stay two numbers.
    rf"(?P<number>[$£€¥]?{_NOT_AFTER_MONTH}(?<![\w,.-])(?:\d{{1,2}}|\d{{3}}(?=, 000))(?:, \d{{3}}(?![\d.,]\d))+(?!\d)"
    r"|\d{1,2}:\d{2}(?!\d)|[$£€¥]?(?:\d{1,3}\. (?=\d))?\d+(?:[.,]\d+)*(?:%|st|nd|rd|th)?)"
    # "twenty-four" is one number word, as "24" is one number.
    rf"|(?P<compound>(?i:{'|'.join(NUMBER_TENS)})[- ](?i:{'|'.join(NUMBER_UNITS)})\b)"
    r"|(?P<word>(?:[^\W\d_]\.){2,}|[aApP]\. [mM]\.|[^\W\d_]+(?:['’][^\W\d_]+)*)"
    r"|(?P<punct>[^\w\s])",
    re.UNICODE,
)
# Before a full stop that does not end a sentence ("Dr. Lee Park", "Gen. Smith").
_ABBREVIATIONS = TITLES | {"jr", "sr", "mt", "ft", "no", "vs", "u.s", "u.k"}
# After these a capital letter starts a sentence or a quotation, not a name.
_OPENERS = OPENING_QUOTES | {'"', "(", "[", "'", "\u2018", ":", ".", "!", "?", "\u2014", "-"}


@dataclass(slots=True)
class Token:
    """One token of a sentence."""

    text: str
    """As written."""
    start: int
    """Offset in the sentence."""
    end: int
    """End offset (exclusive)."""
    kind: TokenKind
    """word, number or punct."""
    norm: str = ""
    """Comparison form: lower case, straight apostrophes, US spelling; numbers as values."""
    stem: str = ""
    """Snowball stem of `norm` (words only)."""
    content: bool = False
    """A word or number that says something (not a stopword or punctuation)."""
    value: float | None = None
    """Numeric value of a number or number word."""
    capitalized: bool = False
    """Starts with a capital letter (not at the start of the sentence)."""
    quoted: bool = False
    """Inside quotation marks."""
    concepts: list[str] = field(default_factory=list)
    """What the token can match in another sentence."""
    phrase: list[str] = field(default_factory=list)
    """Paraphrase classes of a phrase the token is part of ("intelligence" in "artificial intelligence");
    only the phrase's first word carries them as concepts, so that a phrase counts once."""


@dataclass(slots=True)
class Analysis:
    """A sentence as the aligner and comparer see it."""

    text: str
    tokens: list[Token]

    @property
    def concepts(self) -> set[str]:
        return {c for token in self.tokens for c in token.concepts}

    def content_tokens(self) -> list[Token]:
        return [t for t in self.tokens if t.content]


def _number_value(text: str) -> float | None:
    if ":" in text:
        hours, minutes = text.split(":")
        return int(hours) + int(minutes) / 60
    digits = re.sub(r"[^\d.,]", "", text)
    digits = digits.replace(",", "") if re.search(r",\d{3}(?!\d)", digits) else digits.replace(",", ".")
    try:
        return float(digits)
    except ValueError:
        return None


def _format_value(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


def analyze(text: str) -> Analysis:
    """Tokens and concepts of one sentence, in the story's language (cached: sentences repeat across calls)."""
    return _analyze(text, LANGUAGE.get())


@lru_cache(maxsize=65536)
def _analyze(text: str, language: str) -> Analysis:
    tokens: list[Token] = []
    in_quote = False
    for match in _TOKEN.finditer(text):
        kind: TokenKind = match.lastgroup  # type: ignore[assignment]
        raw = match.group()
        compound = kind == "compound"  # type: ignore[comparison-overlap]
        if compound:
            kind = "word"
        token = Token(text=raw, start=match.start(), end=match.end(), kind=kind, quoted=in_quote)
        if kind == "punct":
            token.norm = comparable(raw)
            if raw in QUOTE_CHARS:
                in_quote = (not in_quote) if raw == '"' else raw in OPENING_QUOTES
                token.quoted = True
        elif kind == "number":
            token.value = _number_value(raw)
            token.norm = _format_value(token.value) if token.value is not None else raw
            token.content = True
        else:
            word = normal_word(raw.replace(". ", "."))  # "p. m." (text rebuilt from tokens) is "p.m."
            token.norm = word
            token.stem = stem(word.replace(".", ""))
            previous = tokens[-1] if tokens else None
            after_abbreviation = previous is not None and previous.text == "." and len(tokens) >= 2 and (
                tokens[-2].norm in _ABBREVIATIONS or re.fullmatch(r"[A-Z]", tokens[-2].text) is not None)
            token.capitalized = raw[:1].isupper() and any(t.kind != "punct" for t in tokens) and (
                after_abbreviation or not (previous is not None and previous.kind == "punct"
                                           and previous.text in _OPENERS))
            if compound or word not in ("one", "first", "second", "half"):
                token.value = number_word_value(word)
            token.content = not is_stopword(word) or (token.capitalized and word not in ("i", "a"))
        tokens.append(token)
    _assign_concepts(tokens)
    return Analysis(text=text, tokens=tokens)


def _assign_concepts(tokens: list[Token]) -> None:
    words = [t for t in tokens if t.kind != "punct"]
    # Phrases first ("put on hold", "artificial intelligence"), longest match wins.
    index = 0
    while index < len(words):
        for size in range(min(MAX_PHRASE, len(words) - index), 1, -1):
            key = tuple(w.stem or w.norm for w in words[index:index + size])
            classes = PARAPHRASE_PHRASES.get(key)
            if classes:
                head = words[index]
                head.concepts.extend(f"c:{c}" for c in sorted(classes))
                head.content = True
                for member in words[index:index + size]:
                    member.phrase.extend(f"c:{c}" for c in sorted(classes))
                break
        index += 1
    for token in words:
        if not token.content or (token.concepts and token.norm in STOPWORDS):
            continue
        if token.kind == "number" or token.value is not None:
            if token.value is not None:
                token.concepts.append(f"n:{_format_value(token.value)}")
            # What kind of amount it is, so that "6%" and "6.5%" still meet.
            if token.text.endswith("%"):
                token.concepts.append("q:percent")
            elif token.text[:1] in "$£€¥":
                token.concepts.append(f"q:{token.text[0]}")
            continue
        word = token.norm.replace(".", "")
        if word in MONTHS and (token.capitalized or word not in ("may", "march")):
            token.concepts.append(f"m:{MONTHS[word]}")
            continue
        if word in WEEKDAYS:
            token.concepts.append(f"d:{word[:3]}")
            continue
        token.concepts.append(f"w:{token.stem}")
        token.concepts.extend(f"c:{c}" for c in sorted(PARAPHRASE_WORDS.get(token.stem, ())))


_REPORTING_STEMS = frozenset(stem(word) for word in REPORTING_WORDS)


def is_reporting(token: Token) -> bool:
    """A word that reports speech ("said", "according")."""
    return token.stem in _REPORTING_STEMS


RELATIVE_DAYS = frozenset("today yesterday tomorrow tonight now".split())
"""Words that place something in time only from the day it was written: outlets writing on one day all
use them, so they tell one fact from another no better than "said" does."""
_WHEN_WORDS = RELATIVE_DAYS - {"now"} | {"earlier", "later"} | set(WEEKDAYS)


def only_who_says(tokens: list[Token]) -> bool:
    """Words that only say that someone said something, and when ("he said", "As I said yesterday"): they
    name no claim, in a fact's label or as one side of a swap of words."""
    content = [t for t in tokens if t.content and t.kind == "word"]
    return bool(content) and all(is_reporting(t) or t.norm in _WHEN_WORDS for t in content)


# --- who said it ----------------------------------------------------------------------

def _inside_name(tokens: list[Token], index: int) -> bool:
    """A full stop after an initial or a title, inside a name ("Thomas J. Reese", "Dr. Roe"), not its end."""
    return tokens[index].text == "." and index > 0 and index + 1 < len(tokens) and (
        re.fullmatch(r"[A-Z]", tokens[index - 1].text) is not None or tokens[index - 1].norm in _ABBREVIATIONS) \
        and tokens[index + 1].text[:1].isupper()


@per_object()
def attribution_span(analysis: Analysis) -> tuple[int, int] | None:
    """Token range [start, end) naming who says or reports the sentence's claim, if any.

    "According to Reuters, ..." / "..., according to Reuters." / "X, a vice
    president, said (that) ..." / "“...,” X said." / "..., X reported."
    """
    tokens = analysis.tokens
    words = [i for i, t in enumerate(tokens) if t.kind != "punct"]
    if len(words) < 4:
        return None
    # "according to X" or "..., citing X" wherever it stands: up to the next comma or the end.
    for i, token in enumerate(tokens):
        according = token.norm == "according" and i + 1 < len(tokens) and tokens[i + 1].norm == "to"
        if according or (token.norm == "citing" and i > 0 and tokens[i - 1].text in (",", *_CLOSING_QUOTES)):
            end = next((j for j in range(i + 2, len(tokens)) if (tokens[j].text in (",", ";", ".")
                        and not _inside_name(tokens, j)) or _spaced_dash(analysis, j)), len(tokens))
            return (i, end)
    auxiliaries = {"was", "were", "been", "be", "is", "are", "being"}
    verbs = [i for i in words if tokens[i].norm in ATTRIBUTION_VERBS and not tokens[i].quoted
             and not (i > 0 and tokens[i - 1].norm in auxiliaries)
             and not (i > 0 and tokens[i - 1].norm in _BEFORE_A_NOUN)  # "no reported injuries", "the said plan"
             and not (i + 1 < len(tokens) and tokens[i + 1].norm == "to")]  # "added to", "said to be"
    if not verbs:
        return None
    first_word, last_word = words[0], words[-1]
    span_words = last_word - first_word + 1
    # "CLAIM, X said." / "“QUOTE,” X said." / "CLAIM, said X.": the verb closes the sentence.
    verb = verbs[-1]
    words_after = sum(1 for i in words if i > verb)
    if verb - first_word >= 0.5 * span_words and words_after <= 4:
        start = verb
        while start > 0 and tokens[start - 1].text not in _CLAUSE_END and verb - start < 12:
            start -= 1
        if start == verb and start > 1 and tokens[start - 1].text == ",":
            start = _apposition_before(tokens, start - 1)
        if start > 0 and tokens[start - 1].text in _CLAUSE_END:
            # up to the end, or to a comma after the verb ("..., witnesses said, following a vigil.")
            return (start, next((j for j in range(verb + 1, len(tokens)) if tokens[j].text == ","), len(tokens)))
    # "“QUOTE,” said X, who ..." / "“QUOTE,” says the letter, which ...": right after a closing quotation
    # mark, the speaker follows the verb, up to the next comma; so after a claim of a few words and a comma
    # ("Ortiz was shot in the head, said Larry Waldie of the sheriff's department").
    for verb in verbs:
        before = verb - 1
        while before >= 0 and tokens[before].text in (",", ".", "!", "?"):
            before -= 1
        after_claim = tokens[verb - 1].text == "," and sum(1 for i in words if i < verb) >= 4 \
            and _names_after(tokens, verb)
        if (before >= 0 and tokens[before].text in _CLOSING_QUOTES) or after_claim:
            end = next((j for j in range(verb + 1, len(tokens)) if tokens[j].text in (",", ";", ".", ":")
                        and not _inside_name(tokens, j)), len(tokens))
            if end > verb + 1:
                return (verb, end)
    # "CLAIM, X said, but ...": a speaker of a few words between two commas
    for verb in verbs:
        if verb + 1 < len(tokens) and tokens[verb + 1].text == "," and verb > first_word:
            start = verb
            while start > 0 and tokens[start - 1].text not in _CLAUSE_END and verb - start < 8:
                start -= 1
            if start > 0 and tokens[start - 1].text == "," and start < verb:
                return (start, verb + 1)
    # "X said (that) CLAIM": the speaker comes first and the claim is the longer part; after a word that opens
    # a clause of its own, the speaker is that clause's subject ("..., has been criticised ever since he
    # claimed", "... a new turn on Monday when Michael Steele announces").
    verb = verbs[0]
    if verb - first_word <= 0.6 * span_words and last_word - verb >= 3:
        end = verb + 1
        if end < len(tokens) and tokens[end].norm == "that":
            end += 1
        opener = max((i for i in range(verb) if tokens[i].norm in _SUBORDINATORS and not tokens[i].quoted
                      and i + 1 < verb and not any(t.text in _CLAUSE_END for t in tokens[i + 1:verb])),
                     default=-1)  # "After the vote, the mayor said": the clause ends before the speaker
        return (opener + 1, end)
    return None


_BEFORE_A_NOUN = frozenset({"no", "any", "the", "a", "an", "some", "several", "many", "few", "all", "other", "its",
                            "their", "his", "her", "these", "those", "this"})
"""Words after which a verb of saying is an adjective of the next noun ("There were no reported injuries")."""

_SUBORDINATORS = frozenset({"since", "when", "after", "because", "while", "before", "until", "although", "though",
                            "once", "whenever", "whereas", "where"})


def _names_after(tokens: list[Token], verb: int) -> bool:
    """What follows a verb of saying is who said it, not what: a name or "the ..." of a few words up to the
    next comma or the end ("..., said Larry Waldie of the sheriff's department."), not a claim ("..., said
    the programme would remain suspended until ...")."""
    if verb + 1 >= len(tokens) or not (tokens[verb + 1].capitalized or tokens[verb + 1].norm in ("the", "a", "an")):
        return False
    end = next((j for j in range(verb + 1, len(tokens)) if tokens[j].text in (",", ";", ":")
                or (tokens[j].text == "." and not _inside_name(tokens, j))), len(tokens))
    return sum(1 for t in tokens[verb + 1:end] if t.kind != "punct") <= 7 \
        and not any(t.norm == "that" for t in tokens[verb + 1:end])


def _spaced_dash(analysis: Analysis, index: int) -> bool:
    """A dash set apart by spaces ("police - - the women", "police — the women"), not a hyphen in a word."""
    token = analysis.tokens[index]
    return token.text in ("\u2014", "\u2013", "--") or (
        token.text == "-" and token.start > 0 and analysis.text[token.start - 1] == " ")


_CLAUSE_END = frozenset({",", "\u201d", '"', ";", ":"})


def _apposition_before(tokens: list[Token], comma: int) -> int:
    """Where "X, NAME," begins before a verb that follows its comma at once ("..., Grimm's lawyer, William
    McGinley, said."): the name between two commas, and the role before it when it is a few words that name
    a role ("lawyer", "spokeswoman"); the verb's own position when there is no such name."""
    start = comma
    while start > 0 and tokens[start - 1].text not in _CLAUSE_END and comma - start < 5:
        start -= 1
    name = [t for t in tokens[start:comma] if t.kind != "punct"]
    if len(name) < 2 or not all(t.text[:1].isupper() and t.norm not in _APPOSITION_ROLES for t in name) \
            or start == 0 or tokens[start - 1].text != ",":
        return comma + 1  # not a person's name ("..., Chief Public Relations Officer, Defence, said")
    before = start - 1
    while before > 0 and tokens[before - 1].text not in _CLAUSE_END and start - before < 6:
        before -= 1
    role = [t for t in tokens[before:start - 1] if t.kind != "punct"]
    if before > 0 and tokens[before - 1].text in _CLAUSE_END and role and any(t.norm in _APPOSITION_ROLES for t in role):
        return before
    return start


_APPOSITION_ROLES = frozenset("""lawyer attorney spokesman spokeswoman spokesperson aide adviser advisor
chairman chairwoman chair director secretary official officer manager president executive chief head leader
commissioner sheriff inspector captain lieutenant sergeant detective prosecutor judge minister mayor governor
senator professor""".split())
_CLOSING_QUOTES = frozenset({"\u201d", '"', "\u00bb"})
CLOSING_QUOTES = _CLOSING_QUOTES
"""Marks that close a quotation (a straight double quote may also open one)."""


# --- clauses ------------------------------------------------------------------------------

_CLAUSE_BREAK = re.compile(
    r",\s+(?:but|while|whereas|although|though|and that|adding|saying|after|before|because|as|which|who|with)\b"
    r"|;\s+|\s+but\s+|\s+and\s+(?:that|then)\b|,\s+and\s+|\s+(?:and|but)\s+(?=(?:the|a|an|he|she|it|they|we)\s)"
    r"|\s*(?:\.\s?\.\s?\.|…)\s+(?=[\"“'‘]?[A-Z])")
_MIN_CLAUSE_WORDS = 4
_LEADING_SUBORDINATE = re.compile(r"[\"“'‘]?(?:While|Although|Though|Whereas|Because|Since|After|Before|Even though|"
                                  r"Despite|Once|Until|When)\s")


def clause_spans(analysis: Analysis) -> list[tuple[int, int]]:
    """Offsets of the clauses of a sentence (a new list each time; see `_clause_spans`)."""
    return list(_clause_spans(analysis))


@per_object()
def _clause_spans(analysis: Analysis) -> tuple[tuple[int, int], ...]:
    """Offsets of the clauses of a sentence: it splits at ", but", "; ", ", and", ", adding" and
    similar joints, as long as each part keeps at least four content words."""
    text = analysis.text
    content_starts = [t.start for t in analysis.tokens if t.content and t.kind != "punct"]  # ascending

    def content_words(start: int, end: int) -> int:
        return bisect.bisect_left(content_starts, end) - bisect.bisect_left(content_starts, start)

    cuts = [0]
    if _LEADING_SUBORDINATE.match(text):
        # "While the company has said there is no evidence of misuse, the decision ...": the subordinate
        # clause ends at the first comma that leaves both parts their four content words.
        for match in re.finditer(r",\s+", text):
            if content_words(0, match.start()) >= _MIN_CLAUSE_WORDS and \
                    content_words(match.start(), len(text)) >= _MIN_CLAUSE_WORDS:
                cuts.append(match.start())
                break
    for match in _CLAUSE_BREAK.finditer(text):
        least = 2 if match[0].strip()[:1] in ".…" else _MIN_CLAUSE_WORDS  # an ellipsis between two sentences
        if content_words(cuts[-1], match.start()) >= least and content_words(match.start(), len(text)) >= least:
            cuts.append(match.start())
    cuts.append(len(text))
    spans = []
    for start, end in itertools.pairwise(cuts):
        while start < end and not (text[start].isalnum() or text[start] in "\"“'‘$£€"):
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        spans.append((start, end))
    return tuple(spans)
