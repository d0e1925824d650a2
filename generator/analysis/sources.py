"""Sources: whom each article cites for its facts, named or not (part of the examine stage).

Each sentence is searched for the ways news writing cites: "according to X",
"X reported", "a report by X", "screenshots obtained by X", "X said / told /
confirmed", and documents that speak ("a security alert saying …"). Each
citation is sorted into a kind: a news **outlet**, a named **person**, an
**anonymous** person (a spokesperson, a former employee), an **organisation**
speaking for itself, a **document** (a memo, screenshots, a notice), or an
**unspecified** source ("reports", "a new report"). Citations of the same
source across articles are one source: a person by surname, an outlet or
organisation by name, an unnamed person or a document by what it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..model import Article, Citation, Source, SourceKind, Story
from ..text.ids import UniqueIds
from ..text.lexicon import LANGUAGE
from ..text.memo import by_content
from ..text.norm import slugify
from ..text.people import (
    ANONYMOUS_HEADS,
    CITING_VERBS,
    DOCUMENT_WORDS,
    ORGANISATION_WORDS,
    OUTLET_WORDS,
    REPORT_VERBS,
    ROLE_WORDS,
    ROLES_BEFORE_NAMES,
    TITLES,
    person_names,
)

_NAME = r"(?:[A-Z][\w’'&.-]*|of|de|the|and|for)(?:\s+(?:[A-Z][\w’'&.-]*|of|de|and|for))*"
_CAPITALIZED = r"[A-Z][\w’'&.-]*(?:\s+(?:[A-Z][\w’'&.-]*|of|de|and|for))*"
_ACCORDING = re.compile(r"\b[Aa]ccording\s+to\s+(?P<src>[^,;.:!?]+(?:,\s+(?P<appos>(?:Dr\.?\s+|Mr\.?\s+|Ms\.?\s+)?"
                        r"[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){1,3})(?=\s*[.,;]|$))?)")
_BY = re.compile(r"\b(?P<doc>(?:[\w’'-]+\s+){0,3}?(?:screenshots?|documents?|memos?|emails?|messages?|records|"
                 r"recordings?|data|reports?|letters?|images?|video|footage|filings?|agreement|contract|draft))\s+(?:obtained|seen|reviewed|"
                 r"published|shared|released|verified|cited|first\s+reported)\s+by\s+(?P<by>(?:the\s+)?"
                 + _CAPITALIZED + ")")
_REPORT_BY = re.compile(r"\b(?:a|an|the)\s+(?:new\s+|recent\s+|earlier\s+)?(?:report|story|investigation|article)"
                        r"\s+(?:by|from|in)\s+(?P<by>(?:the\s+)?" + _CAPITALIZED + ")")
_WHO_REPORTED = re.compile(r"(?:^|[,;]\s+|\bthat\s+|\bwhile\s+|\bas\s+)(?P<who>(?:the\s+|The\s+)?[A-Z][\w’'&.-]*"
                           r"(?:\s+[A-Z][\w’'&.-]*){0,3})\s+(?:" + REPORT_VERBS + r")\b")
_SPEECH_VERB = re.compile(r"\b(?:" + "|".join(sorted(CITING_VERBS)) + r")\b")
# The phrase that ends right before a speech verb (matched on the text before the verb, so the
# search starts only where a verb is).
_WHO_BEFORE = re.compile(r"(?<![\w’'-])(?P<who>(?:(?:[Aa]n?|[Tt]he|[Tt]his|[Tt]hat)\s+)?(?:[\w’'-]+\s+){0,6}?[\w’'-]+)"
                         r"(?:,\s+[^,]{3,80},)?\s+(?:has\s+|had\s+|have\s+)?$")
_DOC_SAYING = re.compile(r"\b(?P<doc>(?:a|an|the)\s+(?:[\w’'-]+\s+){0,3}?(?:" + "|".join(sorted(DOCUMENT_WORDS))
                         + r"))\s+(?:saying|stating|indicating|showing|warning)\b")
_UNSPECIFIED = frozenset({"reports", "report", "a report", "a new report", "media reports", "news reports",
                          "details", "sources"})


@dataclass(slots=True)
class _Cited:
    article: str
    sentence: str
    start: int
    end: int
    text: str
    name: str
    kind: SourceKind


def sources(story: Story) -> list[Source]:
    """Every source the articles cite, most cited first; each with its citations in article order."""
    surnames: dict[str, str] = {}
    for article in story.articles:
        for sentence in article.sentences:
            for name in person_names(sentence.text):
                known = surnames.get(name.split()[-1].casefold())
                if known is None or len(name.split()) > len(known.split()):
                    surnames[name.split()[-1].casefold()] = name
    cited = [c for article in story.articles for c in _citations_remembered(article, surnames)]
    by_key: dict[str, list[_Cited]] = {}
    names: dict[str, tuple[str, SourceKind]] = {}
    for citation in cited:
        key = _key(citation)
        by_key.setdefault(key, []).append(citation)
        if key not in names or (citation.kind != "unspecified" and len(citation.name) > len(names[key][0])
                                and citation.kind == names[key][1]):
            names[key] = (citation.name, citation.kind)
    _merge_generic_organisation(by_key, names)
    result: list[Source] = []
    ids = UniqueIds()
    for key, citations in by_key.items():
        name, kind = names[key]
        if kind in ("anonymous", "document", "unspecified", "organisation") and name.split()[0] in (
                "A", "An", "The", "Officials", "Reports", "Advocates", "Critics", "Experts", "Residents"):
            name = name[:1].lower() + name[1:]  # "a former Meta employee", "the council", "officials"
        ident = ids.take("source-" + (slugify(name)[:40].strip("-") or "unnamed"))
        result.append(Source(id=ident, name=name, kind=kind, citations=[
            Citation(article=c.article, sentence=c.sentence, text=c.text, start=c.start, end=c.end)
            for c in citations]))
    order = {a.id: i for i, a in enumerate(story.articles)}
    result.sort(key=lambda s: (-len({c.article for c in s.citations}), _KIND_ORDER[s.kind],
                               min(order[c.article] for c in s.citations), s.name.casefold()))
    return result


_KIND_ORDER: dict[SourceKind, int] = {"outlet": 0, "person": 1, "anonymous": 2, "organisation": 3, "document": 4,
                                      "unspecified": 5}


_GENERIC_ORGANISATIONS = ("company", "firm", "group", "organisation", "organization")


def _merge_generic_organisation(by_key: dict[str, list[_Cited]], names: dict[str, tuple[str, SourceKind]]) -> None:
    """"the company" is the organisation the story names, when it names just one."""
    named = [k for k, (name, kind) in names.items() if kind == "organisation"
             and not name.lower().startswith("the ") and name.split()[-1].lower() not in _GENERIC_ORGANISATIONS]
    if len(named) != 1:
        return
    for key in [k for k, (name, kind) in names.items() if kind == "organisation"
                and name.lower().startswith("the ") and name.split()[-1].lower() in _GENERIC_ORGANISATIONS]:
        by_key[named[0]].extend(by_key.pop(key))
        del names[key]


def _key(citation: _Cited) -> str:
    name = citation.name.casefold()
    if citation.kind == "person":
        return "person:" + name.split()[-1]
    if citation.kind in ("anonymous", "document", "unspecified"):
        head = name.split()[-1]
        if citation.kind == "anonymous" and head.endswith("s") and head[:-1] in ANONYMOUS_HEADS:
            head = head[:-1]
        return f"{citation.kind}:{head}"
    return f"{citation.kind}:{re.sub(r'^the ', '', name)}"


class _Sentence:
    """Citations found in one sentence; a span already cited is not cited again."""

    def __init__(self, article: str, sentence: str, text: str) -> None:
        self.article, self.sentence, self.text = article, sentence, text
        self.found: list[_Cited] = []

    def add(self, start: int, end: int, name: str, kind: SourceKind) -> None:
        if any(start < c.end and c.start < end for c in self.found):
            return
        self.found.append(_Cited(self.article, self.sentence, start, end, self.text[start:end], name, kind))


_CITED: dict[tuple[str, str, tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]], list[_Cited]] = {}
_CITED_KEPT = 20_000


def _citations_remembered(article: Article, surnames: dict[str, str]) -> list[_Cited]:
    """`_citations`, remembered by the article's sentences and the story's surnames: `parallax serve`
    rebuilds a story after each edit, and most of its articles are as they were. Copies each time."""
    key = (LANGUAGE.get(), article.id, tuple((s.id, s.text) for s in article.sentences), tuple(surnames.items()))
    found = by_content(_CITED, key, lambda: _citations(article, surnames), _CITED_KEPT)
    return [replace(citation) for citation in found]


def _citations(article: Article, surnames: dict[str, str]) -> list[_Cited]:
    found: list[_Cited] = []
    last_outlet: str | None = None
    for sentence in article.sentences:
        text = sentence.text
        current = _Sentence(article.id, sentence.id, text)
        add = current.add
        for match in _BY.finditer(text):
            by = _strip_article(match.group("by"))
            end = match.start("by") + len(match.group("by").rstrip(".,;:"))
            add(match.start("doc"), end, by, _named_kind(by, surnames, reported=True))
        for match in _REPORT_BY.finditer(text):
            by = _strip_article(match.group("by"))
            add(match.start(), match.end("by"), by, _named_kind(by, surnames, reported=True))
        for match in _ACCORDING.finditer(text):
            source = match.group("src").strip()
            source_end = match.start("src") + len(source)
            appositive = match.group("appos")
            head = re.split(r"\s+(?:that|which|who|whose|when|where|after|before)\b", source)[0].strip()
            if appositive:
                add(match.start("src"), match.end("appos"), _person(appositive, surnames), "person")
                continue
            lowered = _strip_article(head).casefold()
            if head.lower() in ("the report", "the reports", "that report", "this report") and last_outlet:
                add(match.start("src"), source_end, last_outlet, "outlet")
            elif lowered in _UNSPECIFIED or lowered.split()[-1] in ("reports", "details") or head.split()[0] in (
                    "details", "reports"):
                add(match.start("src"), source_end, head, "unspecified")
            elif head[:1].isupper() or re.match(r"(?:the\s+)?[A-Z]", head):
                name = _strip_article(head)
                add(match.start("src"), source_end, name, _named_kind(name, surnames, reported=True))
            else:
                add(match.start("src"), match.start("src") + len(head), head, _common_kind(head))
        for match in _WHO_REPORTED.finditer(text):
            who = _strip_article(match.group("who"))
            if who.split()[0] in ("He", "She", "They", "It", "We", "I", "This", "That", "In", "On", "Last"):
                continue
            add(match.start("who"), match.end(), who, _named_kind(who, surnames, reported=True))
        for match in _DOC_SAYING.finditer(text):
            add(match.start("doc"), match.end("doc"), match.group("doc"), "document")
        for verb in _SPEECH_VERB.finditer(text):
            window = max(0, verb.start() - 200)
            before = _WHO_BEFORE.search(text, window, verb.start())
            if before is None:
                continue
            speaker = _speaker_phrase(before.group("who"))
            if speaker is None:
                continue
            start = before.start("who") + before.group("who").rfind(speaker)
            name, kind = _classify_speaker(speaker, surnames)
            if kind is not None:
                add(start, start + len(speaker), name, kind)
        found += current.found
        for cite in current.found:
            if cite.kind == "outlet":
                last_outlet = cite.name
    return found


def _strip_article(text: str) -> str:
    return re.sub(r"^(?:the|The)\s+", "", text.strip()).rstrip(".,;:")


def _speaker_phrase(text: str) -> str | None:
    """The noun phrase right before a speech verb: "Meta spokesperson Tracy Clayton", "a former Meta employee"."""
    words = text.split()
    # Cut at the last clause boundary word; what follows it is the subject.
    for i in range(len(words) - 1, -1, -1):
        if words[i].lower() in ("that", "and", "but", "while", "as", "when", "after", "because", "which", "who") \
                or words[i].endswith((",", ";", ":")):
            words = words[i + 1:]
            break
    if not words:
        return None
    if words[0].lower() in ("he", "she", "they", "it", "we", "i", "you", "this", "there", "which", "what"):
        return None
    return " ".join(words)


def _classify_speaker(who: str, surnames: dict[str, str]) -> tuple[str, SourceKind | None]:
    names = person_names(who)
    if names:
        return _person(names[-1], surnames), "person"
    words = who.split()
    lowered = [w.lower().strip(",.") for w in words]
    capital_words = [w for w in words[1:] + words[:1] if w[:1].isupper()]
    if lowered[-1] in ANONYMOUS_HEADS or (len(lowered) > 1 and lowered[-1] in ("said",)):
        article_word = lowered[0] in ("a", "an", "the", "one", "two", "three", "several", "some", "many")
        display = " ".join(words) if not article_word else "a " + " ".join(words[1:]) if lowered[0] == "the" \
            else " ".join(words)
        return display, "anonymous"
    if lowered[-1] in DOCUMENT_WORDS:
        return " ".join(words), "document"
    if len(words) == 1 and words[0][:1].isupper() and (lowered[0] in _SOME_PEOPLE
                                                        or lowered[0].removesuffix("s") in ANONYMOUS_HEADS):
        return words[0], "anonymous"  # "Many said they showed up", "Lawmakers said"
    if len(words) == 1 and (lowered[0] in _NOT_A_SOURCE or _CONTRACTION.match(lowered[0])
                            or _PARTY_TAG.match(words[0])):
        return who, None  # "the", "I've", a lawmaker's party ("R-Texas") read as the speaker
    if len(words) == 1 and words[0][:1].isupper():
        known = surnames.get(words[0].casefold())
        if known:
            return known, "person"
        return words[0], _named_kind(words[0], surnames, reported=False)
    if lowered[0] == "the" and (lowered[-1] in ORGANISATION_WORDS or lowered[-1] in ("firm", "company")):
        return " ".join(words), "organisation"
    if capital_words and all(w[:1].isupper() for w in words if w.lower() not in ("of", "the", "and", "for")):
        return _strip_article(" ".join(words)), _named_kind(_strip_article(" ".join(words)), surnames,
                                                             reported=False)
    return who, None


_BEFORE_A_NAME = ROLES_BEFORE_NAMES | ROLE_WORDS | TITLES
"""A title or role that, followed by a capitalised word, names a person."""
_SOME_PEOPLE = frozenset("""many some others most several few both all everyone everybody someone somebody
those these""".split())
"""A subject that counts people without naming them: an unnamed source, not an organisation called "Many"."""
_NOT_A_SOURCE = frozenset("the a an it this that there which what".split())
_PARTY_TAG = re.compile(r"^[RDI]-[A-Z][A-Za-z.]{1,12}$")
_CONTRACTION = re.compile(r"^[a-z]+['’](?:ve|re|ll|d|m)$")


def _person(name: str, surnames: dict[str, str]) -> str:
    name = re.sub(r"^(?:Dr|Mr|Mrs|Ms|Prof)\.?\s+", "", name.strip())
    return surnames.get(name.split()[-1].casefold(), name)


def _named_kind(name: str, surnames: dict[str, str], reported: bool) -> SourceKind:
    words = [w.lower().strip(".,’'") .removesuffix("'s") for w in name.split()]
    if any(w in OUTLET_WORDS for w in words):
        return "outlet"
    if any(w in ORGANISATION_WORDS for w in words):
        return "organisation"
    if words and words[-1] in DOCUMENT_WORDS:
        return "document"
    if len(words) >= 2 and words[0] in _BEFORE_A_NAME and all(w[:1].isupper() for w in name.split()[1:]):
        return "person"  # "President Obama", "Justice Alito", "Ms. Lauten", "Sen Dick Durbin"
    if person_names(name) and not reported:
        return "person"
    if len(words) == 1 and words[0] in surnames:
        return "person"
    if person_names(name) and re.match(r"(?:Dr|Mr|Mrs|Ms|Prof)\b", name):
        return "person"
    return "outlet" if reported else "organisation"


def _common_kind(phrase: str) -> SourceKind:
    head = phrase.lower().split()[-1]
    if head in ORGANISATION_WORDS:
        return "organisation"
    if head in DOCUMENT_WORDS:
        return "document"
    if head in ANONYMOUS_HEADS or head.rstrip("s") in ANONYMOUS_HEADS:
        return "anonymous"
    return "unspecified"
