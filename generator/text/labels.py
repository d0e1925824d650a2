"""Short topic labels for facts, made from what the members of a group share.

A label is a phrase of one member's claim: at most `LABEL_WORDS` words, never
cut inside a phrase and never ending in "…". Each member offers candidates:
its claim without who said it ("Trump said Thursday he ..." gives "Trump ..."),
without a leading connector or setting ("However,", "On Friday,", "In a
statement ...,"), cut only where a phrase ends (at a comma, a clause joint, or
before a preposition). The candidate whose words the most other members share
wins; a phrase that opens on a bare pronoun or drops most of its clause costs a
little. A quotation stays between quotation marks. When no candidate fits, the
shortest first clause is the label (whole up to `LONG_LABEL_WORDS`, else up to
where its words end well within `LABEL_WORDS`); only when there is none, the label
lists the words the members share most. Compare makes the labels;
publishing remakes them from the sentences it may show; an editor can set any
label in the story's review file.
"""

from __future__ import annotations

import re
from collections import Counter

from .people import ATTRIBUTION_VERBS, QUOTE_VERBS
from .tokens import Token, analyze, attribution_span, only_who_says

LABEL_WORDS = 10
"""A label has at most this many words ("about eight"); beyond `PREFERRED_WORDS` each word costs."""
LONG_LABEL_WORDS = 14
"""When no phrase fits, a whole clause of at most this many words is still better than a list of words."""
PREFERRED_WORDS = 8

Span = tuple[int, int]

_CONNECTORS = frozenset("""however meanwhile now but and also still moreover separately earlier later though
although yet so thus instead indeed well saying furthermore then while whereas as or nor plus update""".split())
_CONCESSIVE = frozenset({"although", "though", "whereas", "while"})
"""Openers of a clause that sets off the main one after its comma."""

_TIME_WORDS = frozenset("""monday tuesday wednesday thursday friday saturday sunday today yesterday tonight
week month year night morning afternoon evening weekend january february march april may june july august
september october november december last this next early late earlier later""".split())
_PREPOSITIONS = frozenset("""in on at for with from by after before during over under since until amid among
into including against despite without within across through toward towards near via per as if whether
because while when""".split())
_OPENING_PREPOSITIONS = _PREPOSITIONS | frozenset({"for", "as", "according", "in", "to", "under", "following",
                                                   "responding", "speaking", "asked", "when", "if", "because"})
_BAD_ENDINGS = frozenset("""the a an of to and or but in on at for with from by that which who whom whose is are
was were be been being has have had will would could should may might can must its his her their our your my
this these those not as than about into over after before said says told very such if whether also
when while because so one some many all part number lot none any several kind sort half third quarter fifth
tenth percent thousands hundreds millions billions dozens majority rest he she they we i
along ahead instead due prior rather regardless apart""".split())
_ADVERBIAL_OPENERS = frozenset("""afterward afterwards since separately additionally instead overall similarly
likewise notably indeed meanwhile today yesterday tonight""".split())
_PRONOUNS = frozenset({"he", "she", "it", "they", "this", "that", "these", "those", "we", "i", "you"})
_STARTERS = frozenset("""the a an his her its their our my your this these those some many most no all every each
he she it they we i you more several both one two three four five six seven eight nine ten there""".split())
_DETERMINER_STARTS = _STARTERS - _PRONOUNS - {"there"}
_DATELINE = re.compile(r"^[A-Z][A-Z.]{2,}(?:,?\s+[A-Z][A-Za-z.]+)*\s*(?:--?|\u2014|\u2013)\s*")
_INSERT = re.compile(r",\s+(?:who|which|whose|since|now|already|also|still|a|an|the)\b[^,]{0,80},"
                     # a setting between a subject and its verb ("The House speaker, in an interview with Fox
                     # News to air Tuesday morning, gave ..."), and a lawmaker's party ("McCain, R-Ariz., said")
                     r"|(?<=\w),\s+(?:in|on|at|during|after|before|amid|under|speaking)\s[^,]{0,80},(?=\s+[a-z])"
                     r"|,\s+[RDI]-[A-Z][A-Za-z.]{1,12},")
_CLAUSE_JOINTS = re.compile(
    r"\s*(?:[;:](?=\s)|\s--?\s|\s[\u2013\u2014]\s|\u2014)\s*"
    r"|,\s+(?=(?:but|while|whereas|although|though|which|who|where|when|adding|saying|after|before|because|as|"
    r"and|including|according)\b)"
    r"|\s+(?=(?:but|because|although|though|whereas|while)\s)")
_PARENTHESES = re.compile(r"\s*\([^()]{0,60}\)")
_QUOTES = "\"“”‘’«»„'"


def span_tokens(text: str, span: Span) -> list[Token]:
    """The tokens of `text` that lie within `span`."""
    start, end = span
    return [t for t in analyze(text).tokens if t.start >= start and t.end <= end]


MEDOID_OF = 40
"""The medoid is looked for among the first this many sets (a group of thousands of repeats costs the same)."""


def medoid(word_sets: list[set[str]]) -> int:
    """Index of the set that shares the most words with the others (the first one on a tie)."""
    sets = word_sets[:MEDOID_OF]
    return max(range(len(sets)), key=lambda i: (sum(len(sets[i] & sets[j]) for j in range(len(sets)) if j != i), -i))


def content_words(text: str, span: Span) -> set[str]:
    return {t.norm for t in span_tokens(text, span) if t.content}


def label(members: list[tuple[str, Span]]) -> str:
    """A short label for the fact the members (sentence text, span of it in the group) state."""
    found = _label(members[:MEDOID_OF])
    if found.strip(_QUOTES + " ,;:.…"):
        return found
    # Text with no word to build a phrase from (symbols, stray quotes): its first characters, or "Fact".
    words = " ".join(members[0][0].split()[:PREFERRED_WORDS]) if members else ""
    return words[:80] or "Fact"


def _label(members: list[tuple[str, Span]]) -> str:
    stems = [{t.stem or t.norm for t in span_tokens(text, span) if t.content} for text, span in members]
    reach = Counter(stem for member in stems for stem in member)
    others = max(1, len(members) - 1)
    best: tuple[float, int, str] | None = None
    for index, (text, span) in enumerate(members):
        for phrase, penalty in _candidates(text, span):
            words = [w.strip(_QUOTES + ",.;:") for w in phrase.split()]
            stems_in = {t.stem or t.norm for t in analyze(phrase).tokens if t.content}
            if len(members) > 1:
                shared = sum((reach[s] - 1) / others for s in stems_in if s in reach)
            else:
                shared = float(len(stems_in))
            score = shared - penalty - 0.4 * max(0, len(words) - PREFERRED_WORDS)
            key = (round(score, 6), -index, phrase)
            if best is None or key[:2] > best[:2]:
                best = key
    if best is not None:
        return best[2]
    # Each member's first clause, and that clause without its opening (connector, time, setting phrase).
    firsts = [(index, quoted, part, _strip_opening(part))
              for index, (text, span) in enumerate(members)
              for claim, quoted in [_claim(text, span)]
              for part in _clauses(claim)[:1]]
    whole = sorted((len(phrase.split()), index, _finish(phrase, quoted))
                   for index, quoted, _, phrase in firsts if phrase and _starts_a_sentence(phrase))
    if whole and whole[0][0] <= LONG_LABEL_WORDS:
        return whole[0][2]
    # The shortest first clause, up to where its words end well within LABEL_WORDS ("Political observers in
    # Arizona cautioned that the governor is deliberate"): a reader's phrase, not a list of words. A main
    # clause after an opening phrase counts too ("For most employees, participation ... was mandatory").
    whole += sorted((len(phrase.split()), index, _finish(phrase, quoted))
                    for index, quoted, part, phrase in firsts
                    if phrase and phrase != part and not _starts_a_sentence(phrase))
    for _, _, clause in whole:
        words = clause.split()
        ends = [end for end in range(min(len(words), LABEL_WORDS), 4, -1) if _ends_well(words[:end])
                and _whole_name(words, end) and words[end - 1].lower().strip(",") not in _PREPOSITIONS | _LINKS
                and not (end < len(words) and words[end - 1][-1:].isdigit())]
        # Where a phrase ends (at a comma) before anywhere else: "Gay rights groups launched boycotts against
        # the company", not "..., prominent conservative".
        end = next((end for end in ends if words[end - 1].endswith(",")), ends[0] if ends else None)
        if end is not None:
            return _finish(" ".join(words[:end]), clause.startswith("“"))
    return _keywords(members, reach)


def _candidates(text: str, span: Span) -> list[tuple[str, float]]:
    """Phrases of the member's claim that fit in a label, each with what it costs."""
    claim, quoted = _claim(text, span)
    if not claim:
        return []
    found: list[tuple[str, float]] = []
    parts = _clauses(claim)
    for position, part in enumerate(parts):
        part = _strip_opening(part)
        if not part:
            continue
        later = 0.3 * min(position, 3)
        if not _starts_a_sentence(part):
            continue  # it starts mid-sentence ("of the barriers", "who was asking")
        first = part.split()[0].strip(_QUOTES)
        if first.lower() in _PRONOUNS:
            later += 1.0
        elif first[:1].islower() and first in _DETERMINER_STARTS:
            later += 0.4
        for phrase, cut in _cuts(part, quoted):
            if len(phrase.split()) < (4 if cut else 3) or only_who_says(analyze(phrase).tokens):
                continue  # a cut of three words is a subject and its verb at most ("The original called")
            cost = later + (0.6 + 0.3 * quoted if cut else 0.0)
            found.append((_finish(phrase, quoted), cost))
    return found


def _starts_a_sentence(part: str) -> bool:
    first = part.split()[0].strip(_QUOTES)
    return not (first[:1].islower() and first.lower() not in _STARTERS)


_INTRODUCED = re.compile(rf"[^\"“”]{{0,120}}?\b(?:{QUOTE_VERBS})[,:]\s*(?=[\"“])")
"""Up to a quotation that a verb of saying opens ("..., Boehner said, “")."""


def _claim(text: str, span: Span) -> tuple[str, bool]:
    """The member's words without who said them; whether they are a quotation."""
    start, end = span
    # "Expanding on tough races, Boehner said, “We have 50 ...”", "Justice Breyer asked, “What is ...?”": a
    # quotation that opens right after a verb of saying is what was said.
    introduced = _INTRODUCED.match(text, start, end)
    if introduced and end - introduced.end() > 20:
        start = introduced.end()
    analysis = analyze(text)
    tokens = analysis.tokens
    speaker_name = ""
    attribution = attribution_span(analysis)
    if attribution is not None:
        first, last = attribution
        speaker_start, speaker_end = tokens[first].start, tokens[last - 1].end
        if speaker_start <= start < speaker_end and speaker_end < end:
            verb_at = next((i for i in range(first, last) if tokens[i].norm in ATTRIBUTION_VERBS), None)
            if verb_at is not None:
                name_end = verb_at
                name_start = name_end
                while name_start > first and (tokens[name_start - 1].capitalized
                                              or tokens[name_start - 1].text[:1].isupper()):
                    name_start -= 1
                if name_start < name_end:
                    speaker_name = text[tokens[name_start].start:tokens[name_end - 1].end]
            start = speaker_end
        elif start < speaker_start < end and speaker_start - start > 20:
            end = speaker_start
    # "“QUOTE,” X told the show on Thursday": the quotation.
    opening = re.match(r"\s*[\"“«„]", text[start:end])
    if opening:
        closing = re.search(r"[\"”»“]", text[start + opening.end():end])
        if closing and closing.start() > 20:
            end = start + opening.end() + closing.start()
    inside = [t for t in tokens if t.start >= start and t.end <= end and t.kind != "punct"]
    quoted = bool(inside) and all(t.quoted for t in inside)
    claim = _INSERT.sub("", _PARENTHESES.sub("", text[start:end])).strip(" ,;:.")
    claim = _DATELINE.sub("", claim.strip(_QUOTES + " ,;:."))
    # "told Meredith Vieira that he had ...", "(An insider) told the Washington Post that the chairman ...": whom
    # it was told is not the claim.
    if speaker_name or start > span[0]:
        claim = re.sub(r"^(?:the\s+)?(?:[A-Z][\w.'’-]*\s+){1,4}that\s+", "", claim)
    # "(A spokesperson confirmed) the incident and said the company is investigating": what was said.
    if start > span[0]:
        said = _AND_SAID.match(claim)
        if said:
            claim = said.group("said")
    # "Trump said Thursday he has doubts" -> "Trump has doubts".
    claim = _strip_time(claim)
    if speaker_name and not quoted:
        match = re.match(r"(?:that\s+)?(he|she)\s+", claim, flags=re.IGNORECASE)
        if match and len(speaker_name.split()) <= 4:
            claim = speaker_name + " " + claim[match.end():]
    return claim, quoted


_AND_SAID = re.compile(r"^[^,;:]{3,60}?\s+and\s+(?:said|says|added|adds|stated|states)\s+(?:that\s+)?(?P<said>\S.{10,})$")
"""The object of an attribution's verb, then what was said: "the incident and said the company is investigating"."""


def _clauses(claim: str) -> list[str]:
    return [part.strip(" ,;:.") for part in _CLAUSE_JOINTS.split(claim) if part and part.strip(" ,;:.")]


def _strip_time(text: str) -> str:
    """Without a leading time ("Thursday", "on Friday", "last week", "in November", "7:19 p.m.")."""
    while True:
        words = text.split(maxsplit=3)
        if not words:
            return text
        first = words[0].lower().strip(",")
        if first in ("on", "in", "by", "at", "last", "this", "next", "early", "late") and len(words) > 1 \
                and _is_time_phrase(words[1:3]):
            text = text.split(maxsplit=2 if words[1].lower() != "the" else 3)[-1]
        elif first in _TIME_WORDS - {"this", "last", "next", "early", "late", "earlier", "later", "may"}:
            text = text.split(maxsplit=1)[1] if len(words) > 1 else ""
        elif re.match(r"\d{1,2}:\d\d\s*(?:[ap]\.?m\.?)?", text, flags=re.IGNORECASE):
            text = re.sub(r"^\d{1,2}:\d\d\s*(?:[ap]\.?m\.?)?\s*(?:--?|\u2014)?\s*", "", text, flags=re.IGNORECASE)
        else:
            return text.lstrip(" ,")
        text = text.lstrip(" ,")


def _is_time_phrase(words: list[str]) -> bool:
    first = words[0].lower().strip(",")
    if first == "the":
        return len(words) > 1 and words[1].lower().strip(",") in _TIME_WORDS
    return first in _TIME_WORDS


def _no_subject(clause: str) -> bool:
    """A clause that opens on no subject: "not a factor in the accident", "injured in the fall"."""
    first = clause.split(maxsplit=1)[0].lower().strip(_QUOTES + ",") if clause.strip() else ""
    return first in ("not", "never", "still", "only", "largely", "mostly", "once") or first.endswith(("ed", "ing"))


def _strip_opening(part: str) -> str:
    """Without a leading connector, time, "that", or setting phrase ("In a statement ..., ")."""
    previous = None
    while part and part != previous:
        previous = part
        first = part.split(maxsplit=1)[0].lower().strip(_QUOTES + ",")
        rest = part.split(maxsplit=1)[1] if " " in part else ""
        comma = part.find(",")
        if first in _CONCESSIVE and comma > 0 and len(part[comma + 1:].split()) >= 3 and _no_subject(rest):
            # "Although not a factor in the accident, rescue efforts were hampered ...": a clause with no
            # subject of its own says nothing alone; the main clause does. ("While many predict that Steele
            # will call it quits, ..." keeps its own clause.)
            part = part[comma + 1:].strip()
            continue
        if first in _CONNECTORS or first == "that" or first.rstrip(":") == "update":
            part = rest.lstrip(" ,:")
            continue
        part = _strip_time(part)
        comma = part.find(",")
        # "Shortly afterward, ...", "Previously, ...": an adverbial opening of a few words.
        if comma > 0 and len(part[:comma].split()) <= 4 and (first.endswith("ly") or first in _ADVERBIAL_OPENERS) \
                and len(part[comma + 1:].split()) >= 3:
            part = part[comma + 1:].strip()
            continue
        if comma > 0 and first in _OPENING_PREPOSITIONS | {"for"} and len(part[:comma].split()) <= 12 \
                and len(part[comma + 1:].split()) >= 3:
            part = part[comma + 1:].strip()
    return part.strip(" ,;:")


def _cuts(part: str, quoted: bool) -> list[tuple[str, bool]]:
    """The part itself if short enough, else its beginnings that end where a phrase ends."""
    words = part.split()
    if len(words) <= LABEL_WORDS and _ends_well(words):
        return [(part, False)]
    cuts: list[tuple[str, bool]] = []
    for end in range(min(len(words) - 1, LABEL_WORDS), 2, -1):
        following = words[end].lower().strip(_QUOTES)
        before = words[end - 1]
        at_comma = before.endswith(",")
        head = words[:end]
        if not (at_comma or (following in _PREPOSITIONS | {"of"} and not any(w.endswith(",") for w in head))):
            continue
        if _ends_well(head):
            cuts.append((" ".join(head), True))
            if len(cuts) == 2:
                break
    return cuts


_LINKS = frozenset("above below between about upon onto like than saying adding including".split())
"""Words that, like prepositions, leave the phrase open when a label stops on them."""


def _whole_name(words: list[str], end: int) -> bool:
    """Stopping before words[end] does not cut a name in two ("Senator Arlen | Specter")."""
    return end >= len(words) or not (words[end][:1].isupper() and words[end - 1][:1].isupper())


def _ends_well(words: list[str]) -> bool:
    if not words:
        return False
    last = words[-1].strip(_QUOTES + ",.;:…").lower()
    if last in ("…", "") and len(words) > 1:
        last = words[-2].strip(_QUOTES + ",.;:…").lower()
    return bool(last) and last not in _BAD_ENDINGS and not last.endswith("'s")


_INITIALS = re.compile(r"(?:^|\s)(?:[A-Z]\.)+[A-Z]$")
"""A phrase that ends on initials ("G.O.P", "U.S" once the sentence's full stop is gone): their last full stop
is part of them."""


def _finish(phrase: str, quoted: bool) -> str:
    phrase = phrase.strip(_QUOTES + " ,;:.…")
    if _INITIALS.search(phrase):
        phrase += "."  # "... New Jersey G.O.P.", "... in Washington, D.C."
    if phrase.count("“") != phrase.count("”") or phrase.count('"') % 2:
        phrase = phrase.replace("“", "").replace("”", "").replace('"', "")
    phrase = phrase[:1].upper() + phrase[1:]
    return f"“{phrase}”" if quoted else phrase


def _keywords(members: list[tuple[str, Span]], reach: Counter[str]) -> str:
    """The words the members share most, in the order of the first member that has them."""
    order: dict[str, str] = {}
    for text, span in members:
        for token in span_tokens(text, span):
            if token.content and token.kind == "word":
                order.setdefault(token.stem or token.norm, token.text)
    ranked = sorted(order, key=lambda s: -reach[s])[:5]
    words = [order[s] for s in order if s in ranked]
    if not words:
        return (members[0][0][:60] or "Fact").strip()
    return ", ".join(words)[:1].upper() + ", ".join(words)[1:]
