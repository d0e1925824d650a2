"""Attribution: who said or reported it ("a company spokesperson" / "Meta spokesperson Tracy Clayton")."""

from __future__ import annotations

import itertools
import re

from ...model import Difference
from ...text.lexicon import MONTHS, WEEKDAYS, normal_word, stem
from ...text.messages import N_
from ...text.people import (
    ANONYMOUS_HEADS,
    ATTRIBUTION_VERBS,
    DOCUMENT_WORDS,
    ORGANISATION_WORDS,
    OUTLET_WORDS,
    PERSON_ROLES,
    PRONOUNS,
    ROLE_WORDS,
    TITLES,
)
from ...text.tokens import Token, attribution_span
from ...text.variants import canonical, one_name, one_person
from ..unionfind import UnionFind
from .base import Found, Item, Kind, difference, differs, is_year, register

_PRONOUNS = PRONOUNS | {"you", "his", "her", "their"}
# Words of an attribution that are not the source: the speech verb, and the words around it.
_NOT_SOURCE = ATTRIBUTION_VERBS | {"say", "tell", "confirm", "reports", "according", "citing", "to", "that", "on", "in"}


_WHEN = frozenset("today yesterday tonight now earlier later also again previously recently already still".split())
"""Words of when or how often it was said, in an attribution ("police confirmed today"): not the source."""
_ROLE_FORMS = {"spokesman": "spokesperson", "spokeswoman": "spokesperson", "spokesmen": "spokespeople",
               "spokeswomen": "spokespeople", "chairman": "chair", "chairwoman": "chair", "chairperson": "chair"}
"""One role named two ways ("a spokesman for Waitrose" / "a spokesperson from Waitrose"): one source."""
_AROUND = frozenset({"on", "in", "that", "last", "this", "late", "early"})
"""Words at the end of an attribution that belong to the claim or its date ("said on", "said last")."""

# Heads of a phrase that names a source: people by role, unnamed people, groups, documents, outlets.
_SOURCE_STEMS = frozenset(stem(word) for word in (
    ROLE_WORDS | ANONYMOUS_HEADS | PERSON_ROLES | DOCUMENT_WORDS | ORGANISATION_WORDS | OUTLET_WORDS
    | frozenset("""
    spokespeople lawmaker owner forecaster expert investigator prosecutor advocate activist critic campaigner
    coalition organisation organization whistleblower knowledge familiar
    """.split())))


_LEAD = frozenset("""
in on at during after before when while since as following speaking asked posting writing responding
interviewed earlier later meanwhile however but and yet still then separately also
""".split())
"""First words of a phrase that sets the scene before who speaks ("In an interview on CBN, Mr. Ryan claimed",
"When prosecutors charged the couple, the ex-congressman said"): not the source."""


def _names(token: Token) -> bool:
    """A capitalized word that may name someone, the first of a sentence too ("Ryan, a Catholic and chairman
    of the House Budget Committee, said"), but not an adverb that opens one ("Recently,", "Just then,")."""
    return token.capitalized or (token.text[:1].isupper() and token.content and not token.norm.endswith("ly"))


def _without_lead(tokens: list[Token]) -> list[Token]:
    """The attribution without the phrases before its first comma that set the scene rather than name
    anyone: "Just recently, X said", "In an interview this month on the Christian Broadcasting Network, Mr.
    Ryan claimed" -> "Mr. Ryan claimed"; kept when nothing would be left before the verb."""
    while True:
        comma = next((i for i, t in enumerate(tokens) if t.text == ","), None)
        if comma is None:
            return tokens
        lead = [t for t in tokens[:comma] if t.kind != "punct"]
        rest = [t for t in tokens[comma + 1:] if t.kind != "punct" and t.norm not in _NOT_SOURCE]
        scene = bool(lead) and (lead[0].norm in _LEAD or (
            lead[0].norm not in ("a", "an", "the") and not any(_names(t) or t.stem in _SOURCE_STEMS for t in lead)))
        if not scene or not rest:
            return tokens
        tokens = tokens[comma + 1:]


def _attribution(item: Item) -> Found | None:
    span = attribution_span(item.analysis)
    if span is None:
        return None
    # Who said it covers the whole sentence, even when only a clause of it belongs to the group.
    tokens = item.analysis.tokens[span[0]:span[1]]
    if span[0] == 0:
        tokens = _without_lead(tokens)
    source = [t for t in tokens if t.kind != "punct" and t.norm not in _NOT_SOURCE and not _is_date_word(t)]
    if not source or all(t.norm in _PRONOUNS for t in source):
        return None
    capitals = [t for t in source if t.text[:1].isupper()]
    via_report = any(t.norm in ("according", "reported") for t in tokens)
    named_person_or_outlet = any(a.end + 1 >= b.start and b.text[:1].isupper()
                                 for a, b in itertools.pairwise(capitals))
    if not (any(t.stem in _SOURCE_STEMS for t in source) or named_person_or_outlet or (via_report and capitals)):
        return None  # "Meta confirmed", "The company argues": the actor, not a source
    # Compared by its words that name someone: not "there have" or "today" ("police there have said" /
    # "police confirmed today" are one source).
    key = tuple(_key_word(t) for t in source
                if (t.content or t.text[:1].isupper()) and t.norm not in _WHEN and t.norm not in ("a", "an", "the"))
    text_tokens = [t for t in tokens if t.kind != "punct" or t.text in ("'",)]
    # The value is the attribution as a reader says it, verb and all ("says the letter", "according to
    # Reuters", "two of the people said"), without the date or the "that" around it.
    while text_tokens and (text_tokens[0].norm == "on" or _is_date_word(text_tokens[0])):
        text_tokens = text_tokens[1:]
    while text_tokens and (text_tokens[-1].norm in _AROUND or _is_date_word(text_tokens[-1])):
        text_tokens = text_tokens[:-1]
    if not text_tokens:
        return None
    return Found(item, text_tokens[0].start, text_tokens[-1].end, key)


def _key_word(token: Token) -> str:
    """How a word of a source is compared: a role named two ways as one (`_ROLE_FORMS`), and words the
    paraphrase lexicon gives for one thing as that thing ("the fund's head" / "the fund's chief")."""
    classes = sorted(c for c in token.concepts if c.startswith("c:"))
    if classes and not token.capitalized:
        return classes[0]
    word = normal_word(token.text)
    return _ROLE_FORMS.get(word, word)


def _is_date_word(token: Token) -> bool:
    return token.norm.rstrip(".") in WEEKDAYS or token.norm.rstrip(".") in MONTHS or is_year(token)


@register(Kind(name="attribution", title=N_("Source"), verb="cites a different source", legend=N_("source"), mark_rank=4,
               question=N_("Who is the source in each, and does it change how far you would trust the fact?"),
               said=(N_("credits"), N_("credit")), question_rank=4, weight=2))
def attributions(items: list[Item]) -> list[Difference]:
    """Who said or reported it: "a company spokesperson" / "Meta spokesperson Tracy Clayton"; Reuters / Wired."""
    renderings = [found for item in items if (found := _attribution(item)) is not None]
    if len({r.item.article for r in renderings}) < 2 or not differs(renderings):
        return []
    # One named person described differently ("union secretary Maria Okafor" / "Union leader Marie
    # Okafor") is not a different source; a misspelt name is the name detector's business.
    people = {_surname(r) for r in renderings}
    if len(people) == 1 and None not in people:
        return []
    # ... or spelt two ways ("spokeswoman Ilene Wolff" / "Beaumont Hospital spokeswoman Ilene Wolfe").
    full = {_last_full_name(r) for r in renderings}
    if None not in full and all(one_person(x, y, one_name)  # type: ignore[arg-type]
                                for x, y in itertools.combinations(full, 2)):
        return []
    # ... or named first, whole, in each and then placed differently ("Francesca Grifo of the Union of
    # Concerned Scientists, an activist group, said" / "Francesca Grifo, director of Union of Concerned
    # Scientists' Scientific Integrity Program, said").
    speakers = {_first_full_name(r) for r in renderings}
    if len(speakers) == 1 and None not in speakers:
        return []
    # ... or named in full once and by surname alone elsewhere ("said Gov. Perry" / "Perry said in a statement").
    # A lower-case role beside the name is someone else ("a Perry aide", "Perry's lawyer").
    named = people - {None}
    if len(named) == 1 and all(_surname(r) is not None or (next(iter(named)) in _capitalized(r)
                                                           and not _SOMEONE_ELSE & set(r.text.lower().split()))
                               for r in renderings):
        return []
    # ... or by the same name in each, none of them someone who speaks for that one ("DeGeneres said in a
    # statement" / "DeGeneres made the announcement on Twitter on Friday and said").
    common = set.intersection(*({run[-1] for run in _capital_runs(r)} - _NO_NAME - _NOT_A_SURNAME - TITLES
                                for r in renderings))
    if common and not any(_SOMEONE_ELSE & set(re.findall(r"[a-z]+", r.text.lower())) for r in renderings):
        return []
    # ... or named by role in one, by name in another, and by both in a third ("Grimm's attorney confirmed" /
    # "Grimm's lawyer, William McGinley, said" / "Mr. McGinley said").
    if _linked_as_one(renderings):
        return []
    # ... or an agency named by its initials in each article ("Iran's official news agency IRNA said" / "A
    # reporter of the Iranian news agency, IRNA, said").
    initials_by_article: dict[str, set[str]] = {}
    for r in renderings:
        initials_by_article.setdefault(r.item.article, set()).update(_INITIALS.findall(r.text))
    if set.intersection(*initials_by_article.values()):
        return []
    # "the authority" and "the port authority", "the union" and "the Calder Dockers' Union", "The Hollywood
    # Reporter" and "THR": one source named more or less fully.
    expanded = _expansions(renderings)
    keys: list[set[str]] = [{word for part in r.key for word in expanded.get(part, (part,))}  # type: ignore[attr-defined]
                            for r in renderings]
    fullest = max(keys, key=len)
    if all(key <= fullest for key in keys):
        return []
    return [difference("attribution", renderings)]


_NO_NAME = frozenset("the a an i mr mrs ms dr according but and today in on".split())
"""Capitalised words of an attribution that name no one."""
_INITIALS = re.compile(r"\b[A-Z]{2,6}\b")


def _expansions(renderings: list[Found]) -> dict[str, tuple[str, ...]]:
    """Initials (in lower case, as keys hold them) -> the name they stand for in another rendering, in its key's
    words: "thr" -> ("hollywood", "reporter") when one rendering says "The Hollywood Reporter"."""
    found: dict[str, tuple[str, ...]] = {}
    for r in renderings:
        for run in _capital_runs(r):
            words = tuple(w for w in run if w not in ("of", "and", "for"))
            if len(words) < 2:
                continue
            for letters in ("".join(w[0] for w in words), "".join(w[0] for w in words if w != "the")):
                found.setdefault(letters, tuple(w for w in words if w != "the"))
    return found


_POSSESSIVE = re.compile(r"^(?P<word>.+?)(?:'s|’s|')$")


_NOT_A_SURNAME = ORGANISATION_WORDS | OUTLET_WORDS | frozenset(
    "service agency administration times post news press journal review office bureau network".split())


def _identities(found: Found) -> set[str]:
    """What names one person in an attribution: each full name's surname ("mcginley"), unless it is
    possessive, and a role of a possessor ("grimm:attorney" for "Grimm's lawyer"; roles read as `canonical`
    reads them, so that lawyer is attorney)."""
    found_ids: set[str] = set()
    words = found.text.replace(",", " ").split()
    run: list[str] = []
    possessor: str | None = None
    for word in [*words, ""]:
        bare = word.strip(".;:\"“”()")
        possessive = _POSSESSIVE.match(bare)
        if bare[:1].isupper() and not possessive:
            run.append(bare.lower())
            continue
        if possessive and bare[:1].isupper():
            run, possessor = [], possessive["word"].lower()  # "Rep. Michael Grimm's": a possessor, not a source
            continue
        if len(run) >= 2 and run[0] != "the" and run[-1] not in _NOT_A_SURNAME:
            found_ids.add(run[-1])  # a person's name, not an organisation's ("Treasury Department")
        run = []
        lowered = bare.lower()
        if possessor is not None and lowered in PERSON_ROLES:
            found_ids.add(f"{possessor}:{' '.join(canonical(lowered)) or lowered}")
            possessor = None
        elif lowered not in ("a", "an", "the", "top", "chief", "senior", "personal", "longtime", "former"):
            possessor = None
    return found_ids


def _linked_as_one(renderings: list[Found]) -> bool:
    """Every rendering shares a person (`_identities`) with another, and all are so linked into one."""
    identities = [_identities(r) for r in renderings]
    if not all(identities):
        return False
    linked = UnionFind(len(renderings))
    for i, j in itertools.combinations(range(len(renderings)), 2):
        if identities[i] & identities[j]:
            linked.union(i, j)
    return len({linked.find(i) for i in range(len(renderings))}) == 1


_SOMEONE_ELSE = PERSON_ROLES | ANONYMOUS_HEADS | frozenset(
    "aide aides office campaign staffer adviser advisers advisor team camp administration government".split())
"""Words that make a phrase naming a person name someone who speaks for them."""


def _words(found: Found) -> list[tuple[bool, str]]:
    """The words of an attribution: whether each is capitalized, and it as a name is compared ("Perry's" ->
    "perry")."""
    return [(word[:1].isupper(), word.strip(",.'s").casefold()) for word in found.text.replace("’", "'").split()]


def _capitalized(found: Found) -> set[str]:
    """The capitalized words of an attribution, as `_surname` gives them."""
    return {word for capital, word in _words(found) if capital}


def _capital_runs(found: Found) -> list[list[str]]:
    """The runs of capitalized words of an attribution, in order, as `_words` gives them."""
    runs: list[list[str]] = [[]]
    for capital, word in _words(found):
        if capital:
            runs[-1].append(word)
        elif runs[-1]:
            runs.append([])
    return [run for run in runs if run]


def _first_full_name(found: Found) -> tuple[str, ...] | None:
    """The first full name (two capitalized words or more, without a leading "The") in an attribution."""
    names = [run[1:] if run[0] == "the" else run for run in _capital_runs(found)]
    return next((tuple(name) for name in names if len(name) >= 2), None)


def _surname(found: Found) -> str | None:
    """The last word of the last full name (two capitalized words or more) in an attribution."""
    name = _last_full_name(found)
    return name[-1] if name is not None else None


def _last_full_name(found: Found) -> tuple[str, ...] | None:
    """The last full name (two capitalized words or more) in an attribution: its last two words, the given
    name and surname of "Beaumont Hospital spokeswoman Ilene Wolfe"."""
    return next((tuple(run[-2:]) for run in reversed(_capital_runs(found)) if len(run) >= 2), None)
