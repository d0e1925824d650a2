"""Quotations: who is quoted, and how each outlet carries the same words (part of the examine stage).

Every article's paragraphs are searched for quoted speech (“…”, "…", «…»,
„…“) and each quotation gets the speaker the article gives it: after the
quote (`“…,” a company spokesperson said`, `“…,” said Ruth Abara`) or before
it (`The company said, “…”`, `X told reporters: “…”`, `X said her members
“…”`). The speaker is the subject of the sentence's own attribution verb: asides
("Trump, who …, said"), settings ("Asked about it, X said") and adverbs ("X
reportedly said") are skipped, a title's full stop does not end a name ("Ms.
Townsend"), and a quotation that runs over several sentences is attributed
where it closes. A quotation its paragraph does not attribute belongs to the
paragraph's speaker (“…,” X said. “…”). A pronoun or a bare role ("he", "the
spokesperson") is kept as written and resolved to the person the article named
last. Measured against speakers written down by a person: docs/speakers.md.
Quoted words that only name something (a show, a book, an event: “Meet the
Press”, “Chick-fil-A Appreciation Day”) and short unattributed scare quotes
(“big data”) are not quotations.

Quotations that share enough words are one quotation. Each rendering is
compared with the fullest wording in words compared in US spelling, so that
spelling variants and punctuation are not changes: the same words are
**verbatim**, a part of them is **trimmed**, changed words are **altered**.
An article that reports the quotation without quote marks, in a sentence
aligned with it that shares much of its content, **paraphrases** it.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import cast

from ..model import (
    Article,
    Block,
    Group,
    Member,
    Quotation,
    QuoteKind,
    QuoteRendering,
    Sentence,
    Story,
)
from ..text.ids import UniqueIds, words_id
from ..text.lexicon import STOPWORDS
from ..text.people import (
    PERSON_ROLES,
    PRONOUNS,
    QUOTE_VERBS,
    QUOTE_WORD,
    TITLES,
    person_names,
    quotation_words,
    quoted_spans,
    same_quotation,
)
from ..text.tokens import analyze
from .unionfind import UnionFind

_SAY = QUOTE_VERBS
_AFTER_WHO_VERB = re.compile(rf"^[\s,:—–-]*(?P<who>[^.,;:!?“”\"]{{1,80}}?)\s+(?P<verb>{_SAY})\b", re.IGNORECASE)
_AFTER_VERB_WHO = re.compile(rf"^[\s,:—–-]*(?P<verb>{_SAY})\s+(?P<who>[^.;:!?“”\"]{{1,100}})", re.IGNORECASE)
_BEFORE = re.compile(rf"\b(?P<verb>{_SAY})\b(?![\s\S]*\b(?:{_SAY})\b)", re.IGNORECASE)
_LEADING_ADVERBIAL = re.compile(
    r"^(?:(?:on|in|at|last|earlier|later|this|that|speaking|asked|writing|meanwhile|however|but|and|so)"
    r"\b[^,]{0,60},\s*)+", re.IGNORECASE)
_MIN_WORDS = 4
"""A shorter quotation counts only with a speaker (scare quotes such as “big data” have none)."""
_PARAPHRASE_SHARE = 0.45
"""Share of the quotation's content words a sentence without quote marks must carry to paraphrase it."""


_NAME_JOINS = frozenset("of for the and a an in on at to de la le du von van".split())
_NAME_WORDS = 6


def _is_a_name(text: str) -> bool:
    """Quoted words that name something (an event, a show, a book, a sandwich: two to `_NAME_WORDS` words, each
    capitalised, no full stop): “National Same-Sex Kiss Day” is no one's words, and whoever the sentence
    names is not its speaker. A hyphenated word counts by its first part in a name of several words
    ("Chick-fil-A Appreciation Day"), by each part alone ("Chick-for-Gay"; not "Ah-hah")."""
    words = [word.strip("\"“”‘’,()") for word in text.strip(" \"“”‘’«»„.,;:!?").split()]
    parts = [part for word in words for part in word.split("-") if part]
    if not 2 <= len(parts) <= _NAME_WORDS or re.search(r"[.!?;:]\s", text.strip()):
        return False
    heads = [word.split("-")[0] for word in words] if len(words) > 1 else parts
    return heads[0][:1].isupper() and all(head[:1].isupper() or head[:1].isdigit() or head.lower() in _NAME_JOINS
                                          for head in heads)


@dataclass(slots=True)
class _Found:
    article: str
    block: Block
    sentence: Sentence
    start: int
    """Offset of the quoted words in the block's text."""
    end: int
    text: str
    words: tuple[str, ...]
    """Words in comparison form (lower case, US spelling)."""
    raw: tuple[str, ...]
    """Words as written, lower case."""
    speaker: str | None = None
    refers_to: str | None = None
    kind: QuoteKind = "verbatim"
    changes: list[list[int]] = field(default_factory=list)
    left_out: str = ""
    spelling: bool = False


def quotations(story: Story, groups: list[Group] | None = None) -> list[Quotation]:
    """Every quotation in the story, with each article's rendering; those carried by more outlets first."""
    found: list[_Found] = []
    people: dict[str, _People] = {}
    for article in story.articles:
        article_found, people[article.id] = _extract(article)
        found += article_found
    clusters = _cluster(found)
    quoted_sentences = {q.sentence.id for q in found}
    groups = story.groups if groups is None else groups
    # Taken once for the story, not once per quotation (a story of thousands of quotations stays linear):
    # each sentence's groups, and each group's members that quote nothing themselves.
    known = _Known(sentences={s.id: s for a in story.articles for s in a.sentences}, groups_of={},
                   unquoted=[[m for m in g.members if m.sentence not in quoted_sentences] for g in groups])
    for index, group in enumerate(groups):
        for member in group.members:
            known.groups_of.setdefault(member.sentence, []).append(index)
    order = {a.id: i for i, a in enumerate(story.articles)}
    result: list[Quotation] = []
    ids = UniqueIds()
    for cluster in clusters:
        reference = _reference(cluster)
        for rendering in cluster:
            _classify(rendering, reference)
        renderings = [_rendering(q) for q in cluster]
        renderings += _paraphrases(known, cluster, reference, people)
        renderings.sort(key=lambda r: (order[r.article], r.kind == "paraphrased"))
        result.append(Quotation(id=ids.take("quote-" + (words_id(reference.text, 5) or "untitled")),
                                text=reference.text,
                                speaker=_best_speaker(cluster), renderings=renderings))
    # Most outlets first; then in the order the first article tells them.
    first_seen = {q.id: i for i, q in enumerate(result)}
    result.sort(key=lambda q: (-len({r.article for r in q.renderings if r.kind != "paraphrased"}),
                               first_seen[q.id]))
    return result


# --- finding quotations and their speakers ------------------------------------------------

_LATEST = object()
"""Resolve a pronoun to the person named last so far (while reading the article in order)."""


class _People:
    """The people an article has named so far: fullest name per surname, and the last one named."""

    def __init__(self) -> None:
        self.full: dict[str, str] = {}
        self.last: str | None = None
        self.last_before: dict[str, str | None] = {}
        """For each sentence id, the person named last before it."""

    def resolve(self, speaker: str, before: str | object | None = None) -> str | None:
        """Whom `speaker` stands for when it is not already the full name; remembers who was named."""
        names = person_names(speaker)
        if names:
            name = names[-1]
            surname = name.split()[-1].casefold()
            known = self.full.get(surname)
            if known is None or len(name.split()) > len(known.split()) or \
                    name.split()[0].casefold() != known.split()[0].casefold():
                # A new person, a fuller name, or another person of that surname ("Liz Cheney" after
                # "Mary Cheney"): the latest one is who the surname means from now on.
                self.full[surname] = known = name
            self.last = known
            return known if known != name else None
        for word in reversed(re.findall(r"[A-Z][a-zà-ÿ'’-]+", speaker)):
            known = self.full.get(word.casefold())
            if known:
                self.last = known
                return known
        if _is_reference(speaker):
            return self.last if before is _LATEST else cast("str | None", before)
        return None


def _extract(article: Article) -> tuple[list[_Found], _People]:
    found: list[_Found] = []
    people = _People()
    for block in article.blocks:
        if not block.sentences:
            continue
        quotes_in_block = quoted_spans(block.text)
        masked = _TITLE_DOT.sub(lambda m: m.group(1) + _MASK, block.text) if quotes_in_block else block.text
        in_block: list[_Found] = []
        for sentence in block.sentences:
            for start, end in quotes_in_block:
                if not sentence.start <= start < sentence.end:
                    continue
                text = block.text[start:end]
                if _is_a_name(text):
                    continue  # what became an unofficial “Chick-fil-A Appreciation Day”; NBC’s “Meet the Press”
                raw = tuple(w.lower().replace("’", "'") for w in QUOTE_WORD.findall(text))
                words = quotation_words(text)
                if not words:
                    continue
                speaker = _speaker(block, masked, sentence, start, end)
                if len(words) < 2 or (len(words) < _MIN_WORDS and not speaker):
                    continue  # a nickname ("Boz"), or scare quotes
                in_block.append(_Found(article=article.id, block=block, sentence=sentence, start=start, end=end,
                                       text=text, words=words, raw=raw, speaker=speaker))
        # A quotation the paragraph does not attribute itself belongs to the paragraph's speaker:
        # “…,” X said. “…” (the one before it, else the one after it).
        for i, item in enumerate(in_block):
            if item.speaker is None:
                near = [q.speaker for q in reversed(in_block[:i]) if q.speaker] + \
                       [q.speaker for q in in_block[i + 1:] if q.speaker]
                item.speaker = near[0] if near else None
        by_sentence: dict[str, list[_Found]] = {}
        for item in in_block:
            by_sentence.setdefault(item.sentence.id, []).append(item)
        for sentence in block.sentences:
            people.last_before[sentence.id] = people.last
            for item in by_sentence.get(sentence.id, []):
                item.refers_to = people.resolve(item.speaker, before=_LATEST) if item.speaker else None
                found.append(item)
            # Reported speech ("Stephane Kasriel, a Meta vice president, said …") names people too.
            reported = _reported_speaker(sentence.text)
            if reported and person_names(reported):
                people.resolve(reported, before=_LATEST)
    return found, people


_DOTTED = sorted(word.capitalize() for word in TITLES | {"mx", "jr", "sr", "hon", "ill", "calif", "wash", "wyo",
                                                          "ind", "fla", "mass"})
_TITLE_DOT = re.compile(rf"\b({'|'.join(_DOTTED)}|[A-Z])\.")
_MASK = "\u2024"
"""Stands for the full stop of a title or an initial ("Ms. Townsend", "Thomas J. Reese") while a
speaker is looked for, so that it does not end the phrase; same length, so offsets hold."""
_ADVERBS = re.compile(r"\s+(?:reportedly|further|also|later|then|previously|earlier|again|now|first|once|simply|"
                      r"just|publicly|privately|repeatedly|recently|initially|quickly|finally)$", re.IGNORECASE)
_APPOSITIVE = re.compile(r"^(?:who|which|whose|an?|the|one|of|also|now|then|speaking|asked|in|on|at|after|when|"
                         r"while|during|\d)\b", re.IGNORECASE)
_TAIL = re.compile(r"\s+(?:in|on|at|during|to|about|after|before|when|while|from|of\s+the|via)\s+.*$")


def _speaker(block: Block, text: str, sentence: Sentence, start: int, end: int) -> str | None:
    """Who the article says spoke the quoted words at block.text[start:end], as written; `text` is the block's
    text with its titles' full stops masked (made once per block: a paragraph of many quotations stays
    linear)."""
    # A quotation that runs over several sentences is closed, and attributed, in the last of them.
    closing = next((s for s in reversed(block.sentences) if s.start < end <= s.end + 1), sentence)
    after = text[end:max(closing.end, end)].lstrip(",.”\"» ")
    before = text[sentence.start:start].rstrip("“\"«„ ")
    who = _speaker_after(after) if after else None
    if who is None and before:
        who = _speaker_before(before)
    return _tidy(who.replace(_MASK, ".")) if who else None


def _names(text: str) -> list[str]:
    """The people a masked phrase names (its titles' full stops put back)."""
    return person_names(text.replace(_MASK, "."))


def _speaker_after(after: str) -> str | None:
    """"…,” Trump told NBC" / "…,” Liz Cheney reportedly said" / "…,” said Trump in an interview"."""
    match = _AFTER_WHO_VERB.match(after)
    if match:
        who = _ADVERBS.sub("", match.group("who").strip())
        if _plausible(who):
            return who
    match = _AFTER_VERB_WHO.match(after)
    if match and match.group("verb").lower() not in ("saying", "adding", "according to", "telling", "writing"):
        who = re.split(r",\s+(?:who|which|that|as|after|before|adding|saying|in|one|according)\b", match.group("who"))[0]
        # "the statement from Grimm's attorney, William McGinley": the person the phrase names.
        parts = [p.strip() for p in who.split(",") if p.strip()]
        named = [p for p in parts if _names(p)]
        who = named[-1] if named and len(parts) > 1 else parts[0] if parts else ""
        who = _TAIL.sub("", who)
        if _plausible(who):
            return who
    return None


def _speaker_before(before: str) -> str | None:
    """"Trump, who …, said, “…" / "Of Obama, he said, “…" / "X told reporters: “…"."""
    match = _BEFORE.search(before)
    if match is None:
        return None
    if match.group("verb").lower() in ("saying", "according to"):
        # "workers received a security alert saying …" -> "a security alert"
        phrase = re.search(r"\b(?:an?|the|this|that)\s+(?:[\w’'-]+\s+){0,3}?[\w’'-]+\s*$", before[:match.start()])
        if phrase and match.group("verb").lower() == "saying" and not person_names(phrase.group()):
            return phrase.group()
        if match.group("verb").lower() == "according to":
            who = re.split(r"[,;:]", before[match.end():])[0]
            return who if _plausible(who) else None
    clause = re.split(r"[;:“”\"]", before[:match.start()])[-1]
    # "… after an alleged poll in Wyoming said" -> "an alleged poll": the subordinate clause's subject.
    segment = re.sub(r"^(?:but|and|so|yet)\s+", "", _SUBORDINATE.split(clause)[-1].strip(" ,"), flags=re.IGNORECASE)
    if _DETERMINED.match(segment):
        noun_phrase = _NP_TAIL.sub("", segment)
        if 2 <= len(noun_phrase.split()) <= 6 and "," not in noun_phrase:
            return noun_phrase
    # The subject: the part of the clause nearest the verb that is neither an aside ("who …", "a vice
    # president", "of Peoria"), nor a setting ("After the report", "Asked about it"), nor a verb phrase
    # ("leaned into him and"); a part that names a person first.
    parts = [p.strip() for p in clause.split(",")]
    kept = [p for i, p in enumerate(parts)
            if p and not (i > 0 and _APPOSITIVE.match(p)) and not _SETTING.match(p)
            and (p[:1].isupper() or p.split()[0].lower() in PRONOUNS)]
    if not kept:
        return None
    named = [p for p in kept if _names(p)]
    who = _LEADING_ADVERBIAL.sub("", (named or kept)[-1])
    if named:  # "Chief technology officer Andrew Bosworth said the implementation …": up to the name
        name = _names(who)
        if name:
            who = who[:who.replace(_MASK, ".").index(name[-1]) + len(name[-1])]
    who = re.split(r"\s+(?:and|but)\s+(?=[a-z]+\s+(?:said|says)\b)", who)[-1]
    if len(who.split()) <= 8:
        subject = _subject(who)
    else:  # a long clause: its opening run of capitalized words, or a pronoun
        opening = _SUBJECT.match(who)
        subject = opening.group() if opening else None
    if subject:
        subject = _ADVERBS.sub("", subject)
    return subject if subject and _plausible(subject) else None


_SETTING = re.compile(r"^(?:after|when|as|if|because|since|while|although|though|before|asked|speaking|in|on|at|"
                      r"for|from|during|of|with|by|posting|writing|responding|until|once)\b", re.IGNORECASE)
_SUBJECT = re.compile(r"^(?:(?:[A-Z][\w'’\u2024-]*\s+){0,4}[A-Z][\w'’\u2024-]*(?=\s+[a-z])|(?i:he|she|they|we|i)\b)")
_SUBORDINATE = re.compile(r"\b(?:after|before|because|when|while|that|since|if|although|though|whereas|until)\s+")
_DETERMINED = re.compile(r"^(?:an?|the|this|that|these|those)\s+", re.IGNORECASE)
_NP_TAIL = re.compile(r"\s+(?:about|in|on|at|during|to|after|before|when|while|that|which|who|with)\b.*$")


def _subject(text: str) -> str | None:
    """The subject a clause opens with: up to its verb (the first lower-case word after the name)."""
    text = text.strip(" ,")
    if not text:
        return None
    words = text.split()
    if len(words) <= 8:
        head = words
    else:
        # "Chief technology officer Andrew Bosworth said the implementation did not meet company standards"
        verb = next((i for i, w in enumerate(words) if i > 0 and re.fullmatch(_SAY, w, re.IGNORECASE)), None)
        if verb is None:
            return None
        head = words[:verb]
    # Drop a trailing verb phrase ("He had said about two months ago that the program was under").
    for i, word in enumerate(head):
        if i > 0 and re.fullmatch(_SAY + r"|had|has|have|was|were|is|are|would|will", word, re.IGNORECASE):
            head = head[:i]
            break
    return " ".join(head) if head else None


def _plausible(who: str) -> bool:
    """A speaker is a short noun phrase: a name, a role, a pronoun; not a clause."""
    words = who.split()
    if not words or len(words) > 12:
        return False
    if words[0].lower() in ("it", "this", "that", "there", "which", "what"):
        return False
    return bool(person_names(who)) or who.lower() in PRONOUNS or any(
        w.lower().strip(",") not in STOPWORDS for w in words)


def _tidy(who: str) -> str:
    return re.sub(r"\s+", " ", who).strip(" ,:—–-")


def _is_reference(speaker: str) -> bool:
    """A pronoun, or a person's role with "the" ("the spokesperson"), which stand for someone named before."""
    lowered = speaker.lower()
    return lowered in PRONOUNS or (lowered.startswith("the ") and lowered.split()[-1] in PERSON_ROLES
                                    and not person_names(speaker))


def _reported_speaker(text: str) -> str | None:
    """The subject of "X, a vice president, said the programme would …" (reported speech), if any."""
    match = re.search(rf"\b(?:{_SAY}|told)\b", text)
    if match is None or match.start() == 0:
        return None
    return text[:match.start()]


# --- grouping and classifying renderings ---------------------------------------------------

def _cluster(found: list[_Found]) -> list[list[_Found]]:
    sets = UnionFind(len(found))
    # Only pairs that share enough distinct words can be one quotation.
    by_word: dict[str, list[int]] = {}
    for i, item in enumerate(found):
        for word in set(item.words):
            by_word.setdefault(word, []).append(i)
    shared: dict[tuple[int, int], int] = {}
    for indices in by_word.values():
        if len(indices) > 200:
            continue  # a word in hundreds of quotations ("the") says nothing on its own
        for x, i in enumerate(indices):
            for j in indices[x + 1:]:
                shared[i, j] = shared.get((i, j), 0) + 1
    for (i, j), count in sorted(shared.items()):
        fewest = min(len(set(found[i].words)), len(set(found[j].words)))
        if count < min(2, fewest) or count < 0.5 * fewest:
            continue  # same_quotation needs 60% of the shorter one's words: far fewer shared cannot do
        if sets.find(i) != sets.find(j) and same_quotation(found[i].words, found[j].words):
            sets.union(i, j)
    result = []
    for group in sets.groups():
        pending = [[found[i] for i in group]]
        while pending:
            cluster = pending.pop(0)
            # One rendering per article: its fullest.
            by_article: dict[str, _Found] = {}
            for item in cluster:
                if item.article not in by_article or len(item.words) > len(by_article[item.article].words):
                    by_article[item.article] = item
            result.append(list(by_article.values()))
            # An article's other quotation that only another article's longer one joined to this one ("When
            # the dust settles…," he added. "Until then…", against one quotation of both; a daughter quoting
            # her father's words that other articles give him) is a quotation of its own, grouped again with
            # the like ones left over; a repeat of the kept rendering is dropped.
            kept = set(map(id, by_article.values()))
            rest = [item for item in cluster if id(item) not in kept
                    and not same_quotation(item.words, by_article[item.article].words)]
            pending.extend(_like_ones(rest))
    return result


REGROUP = 64
"""Leftover renderings of one quotation compared with each other at most (more are each their own: the
comparison is quadratic, and only a pathological article leaves so many)."""


def _like_ones(items: list[_Found]) -> list[list[_Found]]:
    """`items` in groups of one quotation (each group's members alike with its first)."""
    if len(items) > REGROUP:
        return [[item] for item in items]
    groups: list[list[_Found]] = []
    for item in items:
        for group in groups:
            if same_quotation(item.words, group[0].words):
                group.append(item)
                break
        else:
            groups.append([item])
    return groups


def _is_subsequence(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    iterator = iter(long)
    return all(word in iterator for word in short)


def _reference(cluster: list[_Found]) -> _Found:
    """The fullest wording that the most renderings agree with (as verbatim or trimmed)."""
    def support(candidate: _Found) -> tuple[int, int]:
        agreeing = sum(1 for other in cluster if _is_subsequence(other.words, candidate.words))
        return agreeing, len(candidate.words)
    return max(cluster, key=support)


def _classify(rendering: _Found, reference: _Found) -> None:
    if rendering.words == reference.words:
        rendering.kind = "verbatim"
        rendering.spelling = rendering.raw != reference.raw
        return
    matcher = difflib.SequenceMatcher(None, rendering.words, reference.words, autojunk=False)
    if _is_subsequence(rendering.words, reference.words):
        rendering.kind = "trimmed"
        spans = [m.span() for m in QUOTE_WORD.finditer(reference.text)]
        gaps = [reference.text[spans[j1][0]:spans[j2 - 1][1]]
                for tag, _i1, _i2, j1, j2 in matcher.get_opcodes() if tag == "insert"]
        rendering.left_out = " … ".join(g for g in gaps if g)
        return
    rendering.kind = "altered"
    spans = [m.span() for m in QUOTE_WORD.finditer(rendering.text)]
    for tag, i1, i2, _j1, _j2 in matcher.get_opcodes():
        if tag in ("replace", "delete") and i2 > i1:
            rendering.changes.append([spans[i1][0], spans[i2 - 1][1]])


def _rendering(found: _Found) -> QuoteRendering:
    offset = found.start - found.sentence.start
    inside = found.end <= found.sentence.end
    return QuoteRendering(article=found.article, sentence=found.sentence.id, text=found.text, kind=found.kind,
                          start=offset if inside else None, end=offset + len(found.text) if inside else None,
                          speaker=found.speaker, refers_to=found.refers_to, changes=found.changes,
                          left_out=found.left_out, spelling=found.spelling)


def _best_speaker(cluster: list[_Found]) -> str | None:
    """The most specific attribution: a named person first, then the longest description."""
    speakers = [q.speaker for q in cluster if q.speaker] + [q.refers_to for q in cluster if q.refers_to]
    if not speakers:
        return None
    named = [s for s in speakers if person_names(s)]
    pool = named or [s for s in speakers if not _is_reference(s)] or speakers
    return max(pool, key=lambda s: len(s.split()))


# --- paraphrases ------------------------------------------------------------------------------

@dataclass(slots=True)
class _Known:
    """What the paraphrase search needs of the story, gathered once."""

    sentences: dict[str, Sentence]
    groups_of: dict[str, list[int]]
    """Sentence id -> the indexes of the groups it is in."""
    unquoted: list[list[Member]]
    """Each group's members that quote nothing themselves (one that does renders another quotation)."""


def _paraphrases(known: _Known, cluster: list[_Found], reference: _Found,
                 people: dict[str, _People]) -> list[QuoteRendering]:
    """Sentences of other articles, aligned with the quotation, that carry its content without quote marks."""
    quoting = {q.article for q in cluster}
    quote_concepts = _content_concepts(reference.text)
    if len(quote_concepts) < 3:
        return []
    # The surnames of the person quoted, when the quoting articles name one.
    speaker = _best_speaker(cluster)
    surnames = _surnames(speaker) if speaker else set()
    sentences = known.sentences
    best: dict[str, tuple[float, str, str | None]] = {}
    for index in sorted({i for q in cluster for i in known.groups_of.get(q.sentence.id, [])}):
        for member in known.unquoted[index]:
            if member.article in quoting:
                continue
            text = sentences[member.sentence].text
            concepts: set[str] = set().union(*_content_concepts(text))
            share = sum(1 for c in quote_concepts if c & concepts) / len(quote_concepts)
            if share < _PARAPHRASE_SHARE or share <= best.get(member.article, (0.0, "", None))[0]:
                continue
            who = _sentence_speaker(text)
            if surnames and _someone_else(who, surnames):
                continue  # "Mr. Rother said ..." does not render what Mr. Certner said
            best[member.article] = (share, member.sentence, who)
    renderings = []
    for article_id, (_, sentence_id, speaker) in best.items():
        sentence = sentences[sentence_id]
        persons = people[article_id]
        refers_to = persons.resolve(speaker, before=persons.last_before.get(sentence_id)) if speaker else None
        if refers_to == speaker:
            refers_to = None
        renderings.append(QuoteRendering(article=article_id, sentence=sentence_id, text=sentence.text,
                                         kind="paraphrased", start=0, end=len(sentence.text),
                                         speaker=speaker, refers_to=refers_to))
    return renderings


_TITLED = re.compile(rf"\b(?:{'|'.join(t.capitalize() for t in TITLES)})\.?\s+([A-Z][\w'’-]+)")


def _surnames(phrase: str) -> set[str]:
    """The surnames a phrase names: of its full names, and after a title ("Mr. Rother")."""
    found = {name.split()[-1] for name in person_names(phrase)} | set(_TITLED.findall(phrase))
    return {re.sub(r"'s$", "", name.replace("’", "'")).lower() for name in found}


def _sentence_speaker(text: str) -> str | None:
    """Whom a sentence reports as saying something, when it says."""
    said = _reported_speaker(text)
    speaker = _subject(_LEADING_ADVERBIAL.sub("", said)) if said else None
    return speaker if speaker and _plausible(speaker) else None


def _someone_else(who: str | None, surnames: set[str]) -> bool:
    """`who`, whom a sentence reports as saying something (`_sentence_speaker`), is a named person other than
    these ("Mr. Rother said ...")."""
    named = _surnames(who) if who else set()
    return bool(named) and not named & surnames


def _content_concepts(text: str) -> list[frozenset[str]]:
    """For each content word, what it can match (its stem and paraphrase classes)."""
    return [frozenset(t.concepts) | {t.stem or t.norm} for t in analyze(text).tokens
            if t.content and t.kind != "punct"]
