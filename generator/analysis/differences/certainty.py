"""Certainty: one outlet reports as done what another reports as only expected, planned or possible
("has been secretly indicted" / "is expected to be indicted"; "approved the plan" / "plans to approve").

Each member's mentions of an event word are read as *done* (after "has", "have", "had", "was", "were" or
"already", as a participle ending in -ed: "has been indicted", "was charged") or *expected* (after "expected
to", "plans to", "will", "could", "is likely to" and the like, or followed by "expected", "planned":
"Indictment Expected"). An event one article gives only as done and another only as expected is reported;
negated mentions ("has not been charged") are left alone, as are events an article gives both ways. Quoted
words count like the others: a report quoted from another paper ("has already \"been secretly indicted\"")
is still what the outlet reports.
"""

from __future__ import annotations

from ...model import Difference
from ...text.messages import N_
from ...text.tokens import Token
from .base import Found, Item, Kind, difference, register

MODALS = frozenset({"will", "would", "could", "may", "might", "should", "shall", "can"})
"""Words that make the event after them only expected or possible ("will be charged")."""
EXPECTING = frozenset({"expected", "expects", "expect", "plan", "plans", "planned", "planning", "intend",
                       "intends", "intended", "intent", "intention", "set", "poised", "likely", "unlikely",
                       "about", "scheduled", "going", "due", "prepared", "preparing", "ready", "hopes", "hope",
                       "hoped", "aims", "aim", "wants", "want", "seeks", "seek", "threatened", "threatens",
                       "promised", "promises", "vowed", "vows"})
"""Words that, followed by "to", make the event after them only expected or planned ("expected to be
indicted", "intent to file charges")."""
EXPECTED_AFTER = frozenset({"expected", "planned", "likely", "looming", "imminent", "possible", "pending"})
"""Words that, right after an event noun, make it only expected ("Indictment Expected")."""
DONE = frozenset({"has", "have", "had", "was", "were", "already"})
"""Words that, a few words before a participle, report the event as done ("has been indicted")."""
LINKING = frozenset({"to", "be", "been", "being", "have", "get", "got", "formally", "secretly", "officially",
                     "also", "soon", "now", "quickly", "publicly", "not", "never", "already", "finally"})
"""Words that may stand between the signal and the event ("expected to be formally charged")."""
NEGATIONS = frozenset({"not", "never", "no", "n't", "neither", "nor", "without", "none", "nothing", "nobody",
                       "unless", "if", "whether"})
"""Words that make a mention negated or hypothetical ("none have been overturned", "if he is charged")."""
WINDOW = 4
"""At most this many words between the signal and the event."""
ANOTHER_TIME = frozenset({"again", "previously", "formerly", "anew"})
"""Words that set a mention at another time than the news: "previously, agencies were required" and
"agencies again will be required" are both true, the one no report of the other as done."""


def _event_stem(token: Token) -> str | None:
    """What an event word is compared by: its stem ("indicted", "indictment" -> "indict")."""
    if token.kind != "word" or not token.content or len(token.norm) < 4:
        return None
    stem = token.stem or token.norm
    for suffix in ("ment", "ion"):
        if stem.endswith(suffix) and len(stem) - len(suffix) >= 4:
            return stem[: -len(suffix)]
    return stem


def _mentions(item: Item) -> list[tuple[str, str, int, int]]:
    """(status, event stem, start, end) for each event the member reports as done or as expected."""
    words = [t for t in item.tokens() if t.kind == "word"]
    found = []
    for index, token in enumerate(words):
        stem = _event_stem(token)
        if stem is None or token.norm in EXPECTING or token.norm in MODALS or token.norm in DONE \
                or token.norm in LINKING:
            continue
        status, start = None, token.start
        negated = False
        back = index - 1
        while back >= 0 and index - back <= WINDOW + 1:
            word = words[back].norm
            if word in NEGATIONS:
                negated = True
            if word in MODALS or (word in EXPECTING and words[back + 1].norm == "to"):
                # "may be raising questions" is going on, not expected
                if not token.norm.endswith("ing"):
                    status, start = "expected", words[back].start
                break
            if word in DONE and token.norm.endswith("ed"):
                # "would have allowed" is what did not happen, not what did
                if back == 0 or words[back - 1].norm not in MODALS:
                    status, start = "done", words[back].start
                break
            if word not in LINKING:
                break
            back -= 1
        if status is None and index + 1 < len(words) and words[index + 1].norm in EXPECTED_AFTER \
                and words[index + 1].start - token.end <= 1 and not token.norm.endswith("ed"):
            status = "expected"
            end = words[index + 1].end
            found.append((status, stem, token.start, end))
            continue
        if status is not None and any(w.norm in ANOTHER_TIME for w in words[max(0, back - 3):index + 2]):
            continue
        if status is not None and not negated and not any(w.norm in NEGATIONS for w in words[max(0, back - 1):back]):
            found.append((status, stem, start, token.end))
    return found


@register(Kind(name="certainty", title=N_("Done or expected"), verb="reports it as done, or only as expected",
               legend=N_("done or expected"), mark_rank=1,
               question=N_("Has it happened, or is it only expected? Who says so?"), question_rank=0.8,
               summary=N_("Done in one, only expected in another"), weight=1))
def certainty(items: list[Item]) -> list[Difference]:
    """An event one article reports only as done and another only as expected."""
    by_stem: dict[str, dict[str, dict[str, list[Found]]]] = {}
    for item in items:
        for status, stem, start, end in _mentions(item):
            by_stem.setdefault(stem, {}).setdefault(item.article, {}).setdefault(status, []).append(
                Found(item, start, end, status))
    order = {id(item): i for i, item in enumerate(items)}
    differences = []
    for articles in by_stem.values():
        done = [f for statuses in articles.values() if set(statuses) == {"done"} for f in statuses["done"]]
        expected = [f for statuses in articles.values() if set(statuses) == {"expected"} for f in statuses["expected"]]
        if done and expected and any(d.words_around(AROUND) & e.words_around(AROUND) for d in done for e in expected):
            differences.append(difference("certainty", sorted([*done, *expected], key=lambda f: order[id(f.item)])))
    return differences


AROUND = 6
"""How many tokens on each side of a mention say who or what it is about (names too: "Grimm has been
indicted" / "Grimm is expected to be indicted"); an event done to one subject and expected of another ("the
lead actors are already signed" / "he will officially be signed") is no conflict."""
