"""What every difference detector shares: the members as detectors see them, and the kind registry.

A difference kind is one file of this package that describes itself with a
`Kind` (its name in the JSON, how the pages name and explain it, the
worksheet's question about it) and registers its detector with `@register`.
The registry `KINDS` is what compare runs, in registration order, and what
the site reads to name, mark and ask about each kind.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ...model import Difference, DifferenceValue
from ...text.messages import N_
from ...text.norm import comparable
from ...text.tokens import Analysis, Token, analyze, is_reporting
from ...text.variants import all_variants


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

    def words_around(self, width: int, names: bool = True) -> set[str]:
        """The concepts of the content words within `width` tokens on each side of the rendering: what it is
        said of. Never numbers or verbs of saying; names only with `names`."""
        tokens = self.item.tokens()
        inside = [i for i, t in enumerate(tokens) if t.start >= self.start and t.end <= self.end]
        if not inside:
            return set()
        near = tokens[max(0, inside[0] - width):inside[0]] + tokens[inside[-1] + 1:inside[-1] + 1 + width]
        return {t.concepts[0] for t in near if t.content and t.concepts and t.value is None
                and (names or not t.capitalized) and not is_reporting(t)}


Detector = Callable[[list[Item]], list[Difference]]


def _no_detector(items: list[Item]) -> list[Difference]:
    return []


@dataclass(frozen=True, slots=True)
class Kind:
    """A kind of difference: what finds it, and how readers are told about it."""

    name: str
    """Its name in the comparison JSON and in CSS classes (`mark-<name>`, `kind-<name>`)."""
    title: str
    """What the pages call it: "Number"."""
    verb: str
    """What an outlet does when it differs: "gives a different number"."""
    legend: str
    """Its entry in the legend of marks: "number"."""
    mark_rank: int
    """Where marks of several kinds overlap, the lowest rank is shown (the most specific)."""
    question: str | None = None
    """The worksheet's question after the outlets' words ("Which is more precise, and why?"); None: none."""
    said: tuple[str, str] = (N_("says"), N_("say"))
    """How the worksheet introduces an outlet's words (one outlet, several outlets)."""
    question_rank: float = 6.5
    """Order among the worksheet's kinds of question (name 0, number 1, quotation 2, omission 3,
    attribution 4, sources 5, date 6, words 7)."""
    summary: str = ""
    """How an explanation of one begins ("Only more precise"); empty: "<title> differs"."""
    weight: int = 3
    """How much it matters to a reader, for the page's "at a glance": 0 both cannot be true (opposite words),
    1 a different value of the fact (number, date, name, what is counted), 2 a different source or
    quotation, 3 other words, 4 only more precise (both can be true)."""
    detect: Detector = _no_detector
    """The detector, set by `register`."""


KINDS: dict[str, Kind] = {}
"""Every difference kind, in the order its detector runs."""


def register(kind: Kind) -> Callable[[Detector], Detector]:
    """Register `kind` with the decorated function as its detector."""
    def decorate(function: Detector) -> Detector:
        KINDS[kind.name] = Kind(**{**{f: getattr(kind, f) for f in kind.__slots__}, "detect": function})
        return function
    return decorate


def detect(items: list[Item]) -> list[Difference]:
    """Every typed difference among the members of a group, in registration order; never one whose values
    are all one thing written in different styles ("F.B.I." / "FBI", "Muammar" / "Moammar")."""
    found: list[Difference] = []
    for kind in KINDS.values():
        found.extend(d for d in kind.detect(items) if not all_variants([v.text for v in d.values]))
    names = [d for d in found if d.kind == "name"]
    return [d for d in found if d.kind == "name" or not any(_only_the_name(d, n) for n in names)]


def _only_the_name(found: Difference, name: Difference) -> bool:
    """Every value of `found` lies inside a value of the name difference, or holds one and without it they
    read the same: "26 Somali pirates" / "26 Somani pirates" says no more than the name "Somali" / "Somani",
    shown once."""
    def within_a_name(value: DifferenceValue) -> bool:
        return value.start is not None and any(
            n.sentence == value.sentence and n.start is not None and n.start <= value.start
            and value.start + len(value.text) <= n.start + len(n.text) for n in name.values)

    if all(within_a_name(value) for value in found.values):
        return True  # "Compatibility" / "Capability" inside the names "Model Compatibility Initiative" ...
    rest: set[str] = set()
    for value in found.values:
        if value.start is None:
            return False
        inside = [n for n in name.values if n.sentence == value.sentence and n.start is not None
                  and value.start <= n.start and n.start + len(n.text) <= value.start + len(value.text)]
        if not inside:
            return False
        text = value.text
        for n in sorted(inside, key=lambda n: -(n.start or 0)):
            offset = (n.start or 0) - value.start
            text = text[:offset] + text[offset + len(n.text):]
        rest.add(comparable(text))
    return len(rest) == 1


def difference(kind: str, renderings: list[Found]) -> Difference:
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


def differs(renderings: list[Found]) -> bool:
    """At least two articles give different keys."""
    keys_by_article: dict[str, set[object]] = {}
    for rendering in renderings:
        keys_by_article.setdefault(rendering.item.article, set()).add(rendering.key)
    distinct = {frozenset(keys) for keys in keys_by_article.values()}
    return len(keys_by_article) >= 2 and len(distinct) >= 2


def apart(renderings: list[Found], form: Callable[[Found], object] = lambda r: r.key,
          same: Callable[[object, object], bool] = operator.eq) -> bool:
    """Two articles give the thing in forms that share nothing (`same` tells when two forms are one). An
    article that also gives the other's form says the same and one thing more: "Tea Party" beside its "Tea
    Partiers", Tuesday's interview beside Saturday's nomination."""
    per_article: dict[str, list[object]] = {}
    for rendering in renderings:
        per_article.setdefault(rendering.item.article, []).append(form(rendering))
    forms = list(per_article.values())
    return any(not any(same(x, y) for x in first for y in second)
               for k, first in enumerate(forms) for second in forms[k + 1:])


def shortened(x: str, y: str) -> bool:
    """One word is the other cut short by three letters or more: "Mat" / "Matanuska" (Mat Maid / Matanuska
    Maid), never "Park" / "Parks"."""
    short, long = sorted((x, y), key=len)
    return len(short) >= 3 and len(long) - len(short) >= 3 and long.startswith(short)


def is_year(token: Token) -> bool:
    """A four-digit number from 1900 to 2100."""
    return token.kind == "number" and token.value is not None and 1900 <= token.value <= 2100 \
        and re.fullmatch(r"\d{4}", token.text) is not None
