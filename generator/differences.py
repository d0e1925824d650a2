"""Typed differences between the sentences of one fact group.

Each detector is a function registered by name with `@detector("kind")`; it
gets the group's members (sentence text, clause span, analysis) and gives the
differences of its kind. Every comparison is made on the comparison form of the
words (case, typographic quotes, punctuation and UK/US spelling folded), so
none of those is ever reported. A member that does not mention a thing at all
is not in conflict with one that does: only different renderings count.
"""

from __future__ import annotations

import difflib
import itertools
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .analysis import Analysis, Token, analyze, attribution_span
from .lexicon import MONTHS, STOPWORDS, WEEKDAYS, normal_word
from .model import Difference, DifferenceKind, DifferenceValue
from .textnorm import comparable
from .unionfind import UnionFind


@dataclass(slots=True)
class Item:
    """One member of a group, as detectors see it."""

    article: str
    sentence: str
    """Sentence id."""
    text: str
    """The sentence text."""
    span: tuple[int, int]
    """The part of the sentence that belongs to the group (the whole sentence when it all does)."""
    analysis: Analysis = field(init=False)
    _tokens: list[Token] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.analysis = analyze(self.text)
        start, end = self.span
        self._tokens = [t for t in self.analysis.tokens if t.start >= start and t.end <= end]

    def tokens(self) -> list[Token]:
        """The tokens of the span (the same list on every call: do not change it)."""
        return self._tokens


@dataclass(slots=True)
class Found:
    """A rendering of one thing in one member: its text, where it is, and the key it is compared by."""

    item: Item
    start: int
    end: int
    key: object

    @property
    def text(self) -> str:
        return self.item.text[self.start:self.end]


Detector = Callable[[list[Item]], list[Difference]]
DETECTORS: dict[str, Detector] = {}


def detector(kind: DifferenceKind) -> Callable[[Detector], Detector]:
    def register(function: Detector) -> Detector:
        DETECTORS[kind] = function
        return function
    return register


def detect(items: list[Item]) -> list[Difference]:
    """Every typed difference among the members of a group, in detector order."""
    found: list[Difference] = []
    for function in DETECTORS.values():
        found.extend(function(items))
    return found


def _difference(kind: DifferenceKind, renderings: list[Found]) -> Difference:
    """One value per rendering, in member order; an article that repeats the same words gives one."""
    values: list[DifferenceValue] = []
    seen: set[tuple[str, str]] = set()
    for rendering in renderings:
        key = (rendering.item.article, comparable(rendering.text))
        if key in seen:
            continue
        seen.add(key)
        values.append(DifferenceValue(article=rendering.item.article, sentence=rendering.item.sentence,
                                      text=rendering.text, start=rendering.start, end=rendering.end))
    return Difference(kind=kind, values=values)


def _differs(renderings: list[Found]) -> bool:
    """At least two articles give different keys."""
    keys_by_article: dict[str, set[object]] = {}
    for rendering in renderings:
        keys_by_article.setdefault(rendering.item.article, set()).add(rendering.key)
    distinct = {frozenset(keys) for keys in keys_by_article.values()}
    return len(keys_by_article) >= 2 and len(distinct) >= 2


# --- numbers ------------------------------------------------------------------------------

_QUALIFIERS = ("about", "around", "roughly", "nearly", "almost", "some", "approximately", "over", "under", "within",
               "more than", "less than", "fewer than", "as many as", "at least", "up to", "just over",
               "just under", "at most", "close to")
_VAGUE = {"dozens": "dozens", "dozen": "a dozen", "scores": "scores", "hundreds": "hundreds",
          "thousands": "thousands", "millions": "millions"}
# Measures that a sentence can name without a number ("within hours"), against a number elsewhere.
_UNITS = frozenset("""
hour day week month year minute second mile kilometer meter foot feet inch percent cent dollar pound
euro ton
""".split())
_LABEL_BEFORE = re.compile(r"^[A-Z]{2,}$|^(?:No|Level|Category|Grade|Sev|Class|Phase|Stage|Tier)$")


@dataclass(slots=True)
class _Quantity:
    start: int
    end: int
    value: str
    """Normalized value ("300", "2.75", "5-2", "dozens"); empty when the expression has no number."""
    head: frozenset[str]
    """Concepts of what is counted ("hour", "c:home"...) or of the label ("sev")."""


def _is_year(token: Token) -> bool:
    return token.kind == "number" and token.value is not None and 1900 <= token.value <= 2100 \
        and re.fullmatch(r"\d{4}", token.text) is not None


def _date_number(tokens: list[Token], index: int) -> bool:
    """A day or year that belongs to a date ("June 18", "18 June", "April 2026")."""
    token = tokens[index]
    if _is_year(token):
        return True
    before = tokens[index - 1].norm.rstrip(".") if index > 0 else ""
    after = tokens[index + 1].norm.rstrip(".") if index + 1 < len(tokens) else ""
    return before in MONTHS or after in MONTHS


_MAGNITUDES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9, "m": 1e6}


def _head_of(tokens: list[Token], index: int) -> tuple[frozenset[str], int]:
    """Concepts of the counted noun after a number at `index`, and the end token of the expression."""
    j = index + 1
    if tokens[index].text.endswith("%") or (j < len(tokens) and tokens[j].norm in ("percent", "per")):
        return frozenset({"percent"}), j if j < len(tokens) and tokens[j].norm == "percent" else index
    if j + 1 < len(tokens) and tokens[j].text == "-" and tokens[j + 1].kind == "word":
        # "nine-day", "six-month"
        return frozenset(_noun_concepts(tokens[j + 1])), j + 1
    if j < len(tokens) and tokens[j].norm == "of":
        j += 1
    # The counted noun follows at once, perhaps after one modifier ("300 more households").
    for k in range(j, min(j + 2, len(tokens))):
        candidate = tokens[k]
        if candidate.kind != "word" or (not candidate.content and candidate.norm not in ("more", "extra")):
            break
        if candidate.content:
            return frozenset(_noun_concepts(candidate)), k
    return frozenset(), index


def _noun_concepts(token: Token) -> set[str]:
    concepts = {c for c in token.concepts if c.startswith(("w:", "c:"))}
    if token.text.startswith(("$", "£", "€")):
        concepts.add("currency")
    return concepts


def _quantities(item: Item) -> list[_Quantity]:
    tokens = item.tokens()
    found: list[_Quantity] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        numeric = token.value is not None and not _date_number(tokens, index)
        vague = token.norm in _VAGUE and token.kind == "word"
        # "more than a metre": one of a unit
        if token.norm in ("a", "an") and index + 1 < len(tokens) and tokens[index + 1].norm.rstrip("s") in _UNITS:
            start_index = _extend_qualifier(tokens, index)
            found.append(_Quantity(start=tokens[start_index].start, end=tokens[index + 1].end, value="1",
                                   head=frozenset(_noun_concepts(tokens[index + 1]))))
            index += 2
            continue
        if not (numeric or vague):
            index += 1
            continue
        start_index, end_index = index, index
        value = _VAGUE.get(token.norm, "") if vague else token.norm
        magnitude = 1.0
        if numeric and index + 1 < len(tokens) and tokens[index + 1].norm in _MAGNITUDES:
            magnitude = _MAGNITUDES[tokens[index + 1].norm]
            value = f"{token.value * magnitude:g}" if token.value is not None else value
            end_index = index + 1
        # A score or a tally as one value ("5-2", "812 to 164"), but not a change ("from $2.50 to $2.75").
        elif numeric and index + 2 < len(tokens) and tokens[index + 1].text in ("-", "to") \
                and tokens[index + 2].value is not None and not _date_number(tokens, index + 2) \
                and not (index > 0 and tokens[index - 1].norm == "from") \
                and not token.text.startswith(("$", "£", "€")):
            value = f"{token.norm}-{tokens[index + 2].norm}"
            end_index = index + 2
        if token.text.startswith(("$", "£", "€")):
            # Amounts compete only with amounts of their size ("$2.75" / "$2.80", not "$14 million").
            size = int(math.log10(max(1.0, (token.value or 1.0) * magnitude)))
            head, head_end = frozenset({f"currency:{token.text[0]}:{size}"}), end_index
        else:
            head, head_end = _head_of(tokens, end_index)
        if not head and index > 0 and _LABEL_BEFORE.match(tokens[index - 1].text):
            head, start_index = frozenset({f"label:{tokens[index - 1].norm}"}), index - 1
        if not head:
            # a verb's count ("voted 5-2"): what was counted is the nearest content word before
            for k in range(index - 1, max(-1, index - 3), -1):
                if tokens[k].content and tokens[k].kind == "word":
                    head = frozenset(_noun_concepts(tokens[k]))
                    break
        start_index = _extend_qualifier(tokens, start_index)
        found.append(_Quantity(start=tokens[start_index].start, end=tokens[max(end_index, head_end)].end,
                               value=value, head=head))
        index = max(end_index, head_end) + 1
    return found


def _extend_qualifier(tokens: list[Token], index: int) -> int:
    words = [t.norm for t in tokens[:index]]
    for qualifier in sorted(_QUALIFIERS, key=len, reverse=True):
        parts = qualifier.split()
        if words[-len(parts):] == parts:
            return index - len(parts)
    return index


def _unit_mentions(item: Item, heads: set[str]) -> list[_Quantity]:
    """Mentions of a counted thing without a number: "within hours" where others say "within four hours"."""
    tokens = item.tokens()
    found = []
    for index, token in enumerate(tokens):
        concepts = _noun_concepts(token)
        if token.kind != "word" or not (concepts & heads) or token.norm.rstrip("s") not in _UNITS:
            continue
        previous = tokens[index - 1] if index > 0 else None
        if previous is not None and (previous.value is not None or previous.norm in _VAGUE):
            continue
        start = previous if previous is not None and previous.norm in ("within", "for", "in", "after", "over") else token
        found.append(_Quantity(start=start.start, end=token.end, value="", head=frozenset(concepts)))
    return found


@detector("number")
def numbers(items: list[Item]) -> list[Difference]:
    """Counts and amounts that differ: "within hours" / "within four hours", "SEV" / "SEV 2", "$2.75" / "$2.80"."""
    per_item = {id(item): _quantities(item) for item in items}
    # Labels such as "SEV 2": the bare label elsewhere ("an SEV") is the same thing without its number.
    labels = {h for qs in per_item.values() for q in qs for h in q.head if h.startswith("label:")}
    differences: list[Difference] = []
    used: set[tuple[int, int, int]] = set()
    heads: list[frozenset[str]] = []
    for quantities in per_item.values():
        for quantity in quantities:
            if quantity.head and not any(quantity.head & h for h in heads):
                heads.append(quantity.head)
    for head in heads:
        renderings: list[Found] = []
        for item in items:
            matching = [q for q in per_item[id(item)] if q.head & head]
            if not matching:
                matching = _unit_mentions(item, set(head))
                matching += [_Quantity(t.start, t.end, "", head) for t in item.tokens()
                             if f"label:{t.norm}" in labels & head]
            for quantity in matching:
                key = (id(item), quantity.start, quantity.end)
                if key in used:
                    continue
                renderings.append(Found(item, quantity.start, quantity.end, quantity.value))
        with_numbers = {r.item.article for r in renderings if r.key}
        if with_numbers and _differs(renderings):
            for r in renderings:
                used.add((id(r.item), r.start, r.end))
            differences.append(_difference("number", renderings))
    return differences


# --- dates -------------------------------------------------------------------------------

_RELATIVE = re.compile(
    r"\b(?:today|yesterday|tomorrow|tonight|(?:last|next|this|earlier this|later this) "
    r"(?:week|weekend|month|year|spring|summer|autumn|fall|winter)|(?:\w+ )?(?:days|weeks|months|years) ago)\b",
    re.IGNORECASE)


def _dates(item: Item) -> list[Found]:
    tokens = item.tokens()
    found: list[Found] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        word = token.norm.rstrip(".")
        is_month = word in MONTHS and (token.text[:1].isupper()) and (word != "may" or _next_is_number(tokens, index))
        if word in WEEKDAYS or is_month or (_is_year(token) and _year_context(tokens, index)):
            start = index
            parts: set[tuple[str, object]] = set()
            end = index
            k = index
            while k < len(tokens):
                current = tokens[k]
                w = current.norm.rstrip(".")
                if w in WEEKDAYS:
                    parts.add(("weekday", w[:3]))
                elif w in MONTHS and current.text[:1].isupper():
                    parts.add(("month", MONTHS[w]))
                elif current.kind == "number" and current.value is not None and _is_year(current):
                    parts.add(("year", int(current.value)))
                elif current.kind == "number" and current.value is not None and 1 <= current.value <= 31 \
                        and ("month" in {p[0] for p in parts} or _next_is_month(tokens, k)):
                    parts.add(("day", int(current.value)))
                elif current.text == "," and k + 1 < len(tokens) and (
                        tokens[k + 1].kind == "number" or tokens[k + 1].norm.rstrip(".") in MONTHS):
                    k += 1
                    continue
                else:
                    break
                end = k
                k += 1
            if parts:
                # Keep the preposition: "on Monday, June 22", "in April", "since 2019".
                if start > 0 and tokens[start - 1].norm in ("on", "in", "since", "until", "by", "from", "last",
                                                             "next", "this", "early", "late"):
                    start -= 1
                found.append(Found(item, tokens[start].start, tokens[end].end, frozenset(parts)))
            index = end + 1
            continue
        index += 1
    start, end = item.span
    for match in _RELATIVE.finditer(item.text, start, end):
        found.append(Found(item, match.start(), match.end(), frozenset({("relative", match.group().lower())})))
    return found


def _next_is_number(tokens: list[Token], index: int) -> bool:
    return index + 1 < len(tokens) and tokens[index + 1].kind == "number"


def _next_is_month(tokens: list[Token], index: int) -> bool:
    return index + 1 < len(tokens) and tokens[index + 1].norm.rstrip(".") in MONTHS


def _year_context(tokens: list[Token], index: int) -> bool:
    return index > 0 and tokens[index - 1].norm in ("in", "since", "of", "until", "by", "from", "early", "late")


_RELATIVE_GRAIN = (("month", "month"), ("year", "year"), ("week", "day"), ("day", "day"), ("today", "day"),
                   ("yesterday", "day"), ("tomorrow", "day"), ("tonight", "day"))


def _same_date_slot(a: Found, b: Found) -> bool:
    """Two dates that may be the same one: they share a part ("Monday" in "On Monday" and "Monday, June 22"),
    have the same shape ("June 18" / "June 19"), or one is relative at the other's grain ("next month" / "July 1")."""
    if a.item is b.item:
        return False  # two dates in one sentence are two different things
    ka: frozenset[tuple[str, object]] = a.key  # type: ignore[assignment]
    kb: frozenset[tuple[str, object]] = b.key  # type: ignore[assignment]
    if ka & kb:
        return True
    kinds_a, kinds_b = {k for k, _ in ka}, {k for k, _ in kb}
    if kinds_a == kinds_b and "relative" not in kinds_a:
        return True
    for relative, absolute in ((ka, kinds_b), (kb, kinds_a)):
        words = [str(v) for k, v in relative if k == "relative"]
        grains = {grain for word in words for token, grain in _RELATIVE_GRAIN if token in word}
        if ("month" in grains and "month" in absolute) or ("day" in grains and absolute & {"weekday", "day"}) \
                or ("year" in grains and "year" in absolute):
            return True
    return False


@detector("date")
def dates(items: list[Item]) -> list[Difference]:
    """Dates given differently: "Monday, June 22" / "On Monday", "July 1" / "next month", "April" / "April 2026"."""
    renderings = [found for item in items for found in _dates(item)]
    sets = UnionFind(len(renderings))
    for i, a in enumerate(renderings):
        for j in range(i + 1, len(renderings)):
            if _same_date_slot(a, renderings[j]):
                sets.union(i, j)
    clusters = [[renderings[i] for i in group] for group in sets.groups()]
    return [_difference("date", cluster) for cluster in clusters if _differs(cluster)]


# --- names ------------------------------------------------------------------------------

_TITLES = frozenset({"mr", "mrs", "ms", "dr", "prof", "sir", "dame", "gen", "sen", "rep", "gov", "lt", "col",
                     "capt", "sgt", "rev", "st"})
# Roles written before a name ("Mayor Ruth Abara", "Vice President Stephane Kasriel"): a name starts after them.
_ROLES = frozenset("""
chair chairman chairwoman president vice mayor minister secretary chief executive officer director judge
senator governor spokesperson spokesman spokeswoman commissioner chancellor premier prince princess king
queen pope bishop coach captain general sheriff detective inspector superintendent professor doctor
engineer analyst reporter correspondent editor founder ceo cto cfo coo
""".split())
_NAME_JOINERS = frozenset({"of", "de", "van", "von", "da", "del", "la", "le", "bin", "al"})


def _names(item: Item) -> list[Found]:
    tokens = item.tokens()
    found: list[Found] = []
    run: list[Token] = []

    def close() -> None:
        parts: list[list[Token]] = [[]]
        for token in run:
            if token.norm.rstrip(".") in _TITLES or token.norm in _ROLES:
                parts.append([])
            else:
                parts[-1].append(token)
        for words in parts:
            while words and words[-1].norm in _NAME_JOINERS:
                words.pop()
            while words and words[0].norm in _NAME_JOINERS:
                words.pop(0)
            if words:
                key = tuple(normal_word(t.text).rstrip(".") for t in words)
                found.append(Found(item, words[0].start, words[-1].end, key))
        run.clear()

    for index, token in enumerate(tokens):
        starts_upper = token.kind == "word" and token.text[:1].isupper()
        sentence_start = index == 0 or (tokens[index - 1].kind == "punct" and tokens[index - 1].text in ('"', "“", "(", "‘"))
        name_like = starts_upper and (token.capitalized or (sentence_start and token.norm not in STOPWORDS
                                                             and index + 1 < len(tokens) and tokens[index + 1].text[:1].isupper()))
        if (name_like and token.norm not in MONTHS and token.norm not in WEEKDAYS) or (run and token.norm in _NAME_JOINERS):
            run.append(token)
        elif run and token.text in ('"', "“", "”") and index + 1 < len(tokens) and tokens[index + 1].capitalized:
            continue  # Andrew "Boz" Bosworth
        else:
            close()
    close()
    return found


def _similar_names(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Same name rendered differently: as long, sharing a word, and every other word a near miss."""
    if a == b or len(a) != len(b):
        return False
    different = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    if len(different) == len(a):
        return len(a) == 1 and _ratio(a[0], b[0], 0.8)
    return all(_ratio(x, y, 0.5) for x, y in different)


def _ratio(x: str, y: str, at_least: float) -> bool:
    """difflib's similarity ratio of two words is at least `at_least` (cheap upper bounds first)."""
    matcher = difflib.SequenceMatcher(None, x, y)
    return matcher.real_quick_ratio() >= at_least and matcher.quick_ratio() >= at_least \
        and matcher.ratio() >= at_least


@detector("name")
def names(items: list[Item]) -> list[Difference]:
    """Names spelled or given differently: "Model Compatibility Initiative" / "Model Capability Initiative"."""
    renderings = [found for item in items for found in _names(item)]
    clusters: list[list[Found]] = []
    for rendering in renderings:
        for cluster in clusters:
            if any(c.key == rendering.key or _similar_names(c.key, rendering.key) for c in cluster):  # type: ignore[arg-type]
                cluster.append(rendering)
                break
        else:
            clusters.append([rendering])
    return [_difference("name", cluster) for cluster in clusters
            if len({r.item.article for r in cluster}) >= 2 and _differs(cluster)]


# --- quotations -------------------------------------------------------------------------

_QUOTED = re.compile(r"\"([^\"]{3,})\"|“([^”]{3,})”|‘([^’]{8,})’")


def _quote_words(text: str) -> tuple[str, ...]:
    return tuple(normal_word(w) for w in re.findall(r"[^\W_]+(?:['’][^\W_]+)*", text))


def _quotes(item: Item) -> list[Found]:
    start, end = item.span
    found = []
    for match in _QUOTED.finditer(item.text, start, end):
        group = next(g for g in (1, 2, 3) if match.group(g) is not None)
        words = _quote_words(match.group(group))
        end = match.end(group)
        while end > match.start(group) and item.text[end - 1] in ",.;: ":
            end -= 1  # "… have been heard," — the comma is the sentence's, not the speaker's
        if len(words) >= 3:
            found.append(Found(item, match.start(group), end, words))
    return found


def _same_quotation(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    shorter, longer = sorted((a, b), key=len)
    matcher = difflib.SequenceMatcher(None, shorter, longer, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks())
    return matched >= max(3, 0.6 * len(shorter))


@detector("quote")
def quotes(items: list[Item]) -> list[Difference]:
    """One quotation worded differently, trimmed or altered between outlets."""
    renderings = [found for item in items for found in _quotes(item)]
    differences = []
    used: set[int] = set()
    for i, first in enumerate(renderings):
        if i in used:
            continue
        cluster = [first] + [r for j, r in enumerate(renderings) if j > i and j not in used
                             and _same_quotation(first.key, r.key)]  # type: ignore[arg-type]
        for r in cluster[1:]:
            used.add(renderings.index(r))
        if len({r.item.article for r in cluster}) >= 2 and _differs(cluster):
            differences.append(_difference("quote", cluster))
    return differences


# --- attribution --------------------------------------------------------------------------

_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you", "his", "her", "their"})
_NOT_SOURCE = frozenset({"said", "says", "say", "told", "tell", "confirmed", "confirm", "added", "stated",
                         "reported", "reports", "according", "to", "that", "announced", "wrote", "claimed",
                         "argued", "warned", "explained", "noted", "insisted", "acknowledged", "admitted",
                         "on", "in"})


# Heads of a phrase that names a source: people by role, groups, documents, outlets' products.
_SOURCE_STEMS = frozenset("""
spokesperson spokesman spokeswoman spokespeopl offici execut presid vice ceo cto chief director minist
secretari engin analyst expert polic council union author agenc report repres resid wit wit employe
worker staff sourc statement memo screenshot document letter survey studi poll investig prosecutor
lawyer attorney judg court govern administr ministri depart mayor governor senat lawmak leader chair
chairman chairwoman founder owner manag board committe forecast scientist research doctor advoc activist
critic campaign campaign coalit group organ associ spokespeopl insid whistleblow
""".split())


def _attribution(item: Item) -> Found | None:
    span = attribution_span(item.analysis)
    if span is None:
        return None
    tokens = item.analysis.tokens[span[0]:span[1]]
    start, end = item.span
    if not any(start <= t.start < end for t in tokens):
        return None
    source = [t for t in tokens if t.kind != "punct" and t.norm not in _NOT_SOURCE and not _is_date_word(t)]
    if not source or all(t.norm in _PRONOUNS for t in source):
        return None
    capitals = [t for t in source if t.text[:1].isupper()]
    via_report = any(t.norm in ("according", "reported") for t in tokens)
    named_person_or_outlet = any(a.end + 1 >= b.start and b.text[:1].isupper()
                                 for a, b in itertools.pairwise(capitals))
    if not (any(t.stem in _SOURCE_STEMS for t in source) or named_person_or_outlet or (via_report and capitals)):
        return None  # "Meta confirmed", "The company argues": the actor, not a source
    key = tuple(normal_word(t.text) for t in source if t.norm not in ("a", "an", "the"))
    text_tokens = [t for t in tokens if t.kind != "punct" or t.text in ("'",)]
    comma = next((i for i, t in enumerate(tokens) if t.text == ","), None)
    if comma is not None and span[0] == 0:
        lead = [t for t in tokens[:comma] if t.kind != "punct"]
        if lead and not any(t.capitalized or t.stem in _SOURCE_STEMS for t in lead):
            text_tokens = [t for t in text_tokens if t.start > tokens[comma].start]  # "Just recently, X said"
    while text_tokens and (text_tokens[0].norm in ("according", "to", "on") or _is_date_word(text_tokens[0])):
        text_tokens = text_tokens[1:]
    while text_tokens and text_tokens[-1].norm in _NOT_SOURCE:
        text_tokens = text_tokens[:-1]
    while text_tokens and text_tokens[0].norm in _NOT_SOURCE - {"on", "in"}:
        text_tokens = text_tokens[1:]  # "..., said union secretary Maria Okafor"
    if not text_tokens:
        return None
    return Found(item, text_tokens[0].start, text_tokens[-1].end, key)


def _is_date_word(token: Token) -> bool:
    return token.norm.rstrip(".") in WEEKDAYS or token.norm.rstrip(".") in MONTHS or _is_year(token)


@detector("attribution")
def attributions(items: list[Item]) -> list[Difference]:
    """Who said or reported it: "a company spokesperson" / "Meta spokesperson Tracy Clayton"; Reuters / Wired."""
    renderings = [found for item in items if (found := _attribution(item)) is not None]
    if len({r.item.article for r in renderings}) < 2 or not _differs(renderings):
        return []
    # One named person described differently ("union secretary Maria Okafor" / "Union leader Marie
    # Okafor") is not a different source; a misspelt name is the name detector's business.
    people = {_surname(r) for r in renderings}
    if len(people) == 1 and None not in people:
        return []
    return [_difference("attribution", renderings)]


def _surname(found: Found) -> str | None:
    """The last word of the last full name (two capitalized words or more) in an attribution."""
    words = found.text.replace("’", "'").split()
    surname = None
    run = 0
    for word in words:
        if word[:1].isupper():
            run += 1
            if run >= 2:
                surname = word.strip(",.'s").casefold()
        else:
            run = 0
    return surname


# --- word diff and wording ------------------------------------------------------------------

@dataclass(slots=True)
class Hunk:
    """A run of the word diff between two members."""

    op: int
    """0 equal, -1 only in the first, 1 only in the second."""
    first: list[Token]
    second: list[Token]


def word_diff(first: list[Token], second: list[Token]) -> list[Hunk]:
    """diff-match-patch over word tokens (punctuation ignored), on their comparison forms."""
    from diff_match_patch import diff_match_patch

    a = [t for t in first if t.kind != "punct"]
    b = [t for t in second if t.kind != "punct"]
    alphabet: dict[str, str] = {}

    def encode(tokens: list[Token]) -> str:
        return "".join(alphabet.setdefault(t.norm, chr(0xE000 + len(alphabet))) for t in tokens)

    engine = diff_match_patch()
    engine.Diff_Timeout = 0.5
    diffs = engine.diff_main(encode(a), encode(b), False)
    engine.diff_cleanupSemantic(diffs)
    hunks: list[Hunk] = []
    i = j = 0
    for op, chunk in diffs:
        size = len(chunk)
        if op == 0:
            hunks.append(Hunk(0, a[i:i + size], b[j:j + size]))
            i, j = i + size, j + size
        elif op == -1:
            hunks.append(Hunk(-1, a[i:i + size], []))
            i += size
        else:
            hunks.append(Hunk(1, [], b[j:j + size]))
            j += size
    return hunks


def medoid(items: list[Item]) -> Item:
    """The member that shares the most words with the others (first one on a tie)."""
    words = [{t.norm for t in item.tokens() if t.content} for item in items]
    best = max(range(len(items)), key=lambda i: (sum(len(words[i] & words[j]) for j in range(len(items)) if j != i), -i))
    return items[best]


_MAX_WORDING = 3


@detector("wording")
def wording(items: list[Item]) -> list[Difference]:
    """Words swapped in the same place of otherwise matching sentences: "suspended" / "paused"."""
    if len({i.article for i in items}) < 2:
        return []
    reference = medoid(items)
    ref_tokens = reference.tokens()
    slots: dict[tuple[int, int], list[Found]] = {}
    for item in items:
        if item.article == reference.article:
            continue
        hunks = word_diff(ref_tokens, item.tokens())
        matched = sum(len(h.first) for h in hunks if h.op == 0)
        if matched < 0.5 * min(len([t for t in ref_tokens if t.kind != "punct"]),
                               len([t for t in item.tokens() if t.kind != "punct"])):
            continue  # not close enough for a word-for-word reading
        for k in range(1, len(hunks) - 1):
            removed, added = hunks[k], hunks[k + 1] if k + 1 < len(hunks) else None
            if removed.op != -1 or added is None or added.op != 1:
                continue
            if hunks[k - 1].op != 0 or (k + 2 < len(hunks) and hunks[k + 2].op != 0):
                continue
            old, new = removed.first, added.second
            if not (1 <= len(old) <= 4 and 1 <= len(new) <= 4):
                continue
            if not any(t.content for t in old) or not any(t.content for t in new):
                continue
            key = (old[0].start, old[-1].end)
            slot = slots.setdefault(key, [Found(reference, old[0].start, old[-1].end,
                                                tuple(t.norm for t in old))])
            slot.append(Found(item, new[0].start, new[-1].end, tuple(t.norm for t in new)))
    ranked = sorted(slots.values(), key=lambda found: (-len(found), found[0].start))
    return [_difference("wording", found) for found in ranked[:_MAX_WORDING] if _differs(found)]


# --- labels --------------------------------------------------------------------------------

_LABEL_WORDS = 12
_LEADING_CONNECTORS = re.compile(
    r"^(?:however|meanwhile|now|but|and|also|still|moreover|in addition|separately|earlier|later|"
    r"in response to [^,]+|according to [^,]+|as a result|on \w+day)\s*,\s*", re.IGNORECASE)


def label(items: list[Item]) -> str:
    """A short label for the fact: its most central member's claim, without attribution, cut to ~12 words."""
    representative = medoid(items) if len(items) > 1 else items[0]
    start, end = representative.span
    speaker = attribution_span(representative.analysis)
    tokens = representative.analysis.tokens
    if speaker is not None:
        first, last = speaker
        speaker_start, speaker_end = tokens[first].start, tokens[last - 1].end
        if speaker_start <= start < speaker_end and speaker_end < end:
            start = speaker_end
        elif start < speaker_start < end and speaker_start - start > 20:
            end = speaker_start
    text = representative.text[start:end].strip(" ,;:")
    text = _LEADING_CONNECTORS.sub("", text)
    text = re.sub(r"^(?:and|but|while|although|though|so|as|or)\s+", "", text, flags=re.IGNORECASE)
    text = text.strip("\"“”' ,;:").rstrip(".")
    words = text.split()
    if len(words) > _LABEL_WORDS:
        text = " ".join(words[:_LABEL_WORDS]).rstrip(",;:") + "…"
    return text[:1].upper() + text[1:] if text else representative.text[:60]


