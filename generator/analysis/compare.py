"""Compare stage: what the members of each group share, where they differ, and what articles leave out.

Takes a `Story` and its `AlignedGroup`s; gives `Group`s with typed
differences (number, date, name, quote, attribution, wording and any other
registered kind), word-level marks, a short label, a stable id and a status,
plus each article's omissions. The detectors live in `differences`, one file
per kind; words are compared in their comparison form (case, quotes,
punctuation and UK/US spelling folded).
"""

from __future__ import annotations

from dataclasses import replace

from ..model import (
    AlignedGroup,
    Difference,
    Group,
    GroupStatus,
    Mark,
    Member,
    Nearest,
    Omission,
    PossibleCoverage,
    Story,
)
from ..text.ids import UniqueIds, words_id
from ..text.labels import label
from ..text.lexicon import LANGUAGE
from ..text.memo import by_content
from ..text.tokens import Token
from .align import NEAR
from .differences import KINDS, Item, detect


def compare_story(story: Story, aligned: list[AlignedGroup]) -> tuple[list[Group], list[Omission]]:
    """The groups with their differences, marks, labels, ids and status; and the omissions of each article."""
    texts = {s.id: s.text for article in story.articles for s in article.sentences}
    memberships: dict[str, int] = {}
    for group in aligned:
        for member in group.members:
            memberships[member.sentence] = memberships.get(member.sentence, 0) + 1
    # Ids made from the labels ("meta-suspended-internal-programme"), so a link to a fact survives rebuilds.
    ids = UniqueIds()
    compared = [compare_group(group, texts, ids, memberships) for group in aligned]
    _across_groups(aligned, compared, texts)
    return compared, omissions(story, compared, [group.nearest for group in aligned])


def _across_groups(aligned: list[AlignedGroup], compared: list[Group], texts: dict[str, str]) -> None:
    """Facts that conflict across groups: a member of one group and a sentence of another article in another
    group mean nearly the same (`AlignedGroup.alike`), but one reports as done what the other gives as only
    expected ("has been secretly indicted" / "is expected to be indicted"). The difference goes to the first
    of the two groups in reading order, naming the other (`Difference.group`); each pair of groups is checked
    once, with all its look-alike sentences."""
    group_of: dict[str, int] = {}
    for index, group in enumerate(aligned):
        for member in group.members:
            group_of.setdefault(member.sentence, index)
    pairs: dict[tuple[int, int], list[tuple[str, str]]] = {}
    for index, group in enumerate(aligned):
        if group.confidence is not None and group.confidence < WEAK:
            continue
        own = {m.sentence for m in group.members}
        for alike in group.alike:
            # (an editor's review may have moved sentences since the aligner found the look-alikes)
            other = group_of.get(alike.other)
            if alike.sentence not in own or other is None or other <= index \
                    or (aligned[other].confidence or 1.0) < WEAK:
                continue
            pairs.setdefault((index, other), []).append((alike.sentence, alike.other))
    reported: list[frozenset[tuple[str, int | None]]] = []
    for (first, second), sentences in sorted(pairs.items()):
        ours = {m.sentence: m for m in aligned[first].members}
        theirs = {m.sentence: m for m in aligned[second].members}
        items = [_item(ours[a], texts) for a in dict.fromkeys(a for a, _ in sentences)] + \
                [_item(theirs[b], texts) for b in dict.fromkeys(b for _, b in sentences)]
        if len({i.article for i in items}) < 2:
            continue
        target = compared[first]
        for found in _certainty(items):
            named = {v.sentence for v in found.values}
            if not named & set(ours) or not named & set(theirs):
                continue
            # A sentence in two groups (a headline that packs two facts) would bring the same words twice.
            spans = frozenset((v.sentence, v.start) for v in found.values)
            if any(spans <= earlier for earlier in reported):
                continue
            reported.append(spans)
            target.differences.append(replace(found, group=compared[second].id))
            number = len(target.differences) - 1
            for member in target.members:
                member.marks.extend(Mark(start=v.start, end=v.end, kind=found.kind, difference=number)
                                    for v in found.values if v.sentence == member.sentence
                                    and v.start is not None and v.end is not None)
                member.marks.sort(key=lambda m: (m.start, m.end))
            if target.status == "agreement":
                target.status = "differs"


_CERTAINTY: dict[tuple[str, tuple[tuple[str, str, str, tuple[int, int] | None], ...]], list[Difference]] = {}


def _certainty(items: list[Item]) -> list[Difference]:
    """The certainty differences between look-alike sentences of two groups, remembered by the story's
    language and the sentences, as `compare_group` is (read only: the caller copies what it keeps)."""
    return by_content(_CERTAINTY, _members_key(items), lambda: KINDS["certainty"].detect(items), _COMPARED_KEPT)


def _members_key(items: list[Item]) -> tuple[str, tuple[tuple[str, str, str, tuple[int, int] | None], ...]]:
    """The story's language and the members' sentences: everything a group's comparison reads of them."""
    return LANGUAGE.get(), tuple((item.article, item.sentence, item.text, item.span) for item in items)


def _item(member: Member, texts: dict[str, str]) -> Item:
    text = texts[member.sentence]
    return Item(article=member.article, sentence=member.sentence, text=text,
                span=(member.span[0], member.span[1]) if member.span else (0, len(text)))


WEAK = 0.35
"""A group whose members state one fact with less confidence than this gets no typed differences: two
sentences that may not say the same thing cannot contradict each other."""


def compare_group(group: AlignedGroup, texts: dict[str, str], ids: UniqueIds,
                  memberships: dict[str, int] | None = None) -> Group:
    items = [_item(m, texts) for m in group.members]
    weak = group.confidence is not None and group.confidence < WEAK
    # The label speaks for the fact only: it prefers members found in no other group, or a clause of one.
    own = tuple((memberships or {}).get(member.sentence, 1) == 1 or bool(member.span) for member in group.members)
    marks, status, text, differences = by_content(_COMPARED, (*_members_key(items), weak, own),
                                                  lambda: _compared(items, weak, own), _COMPARED_KEPT)
    # New lists and marks: the differences across groups are added to them afterwards.
    members = [replace(member, marks=[replace(mark) for mark in own_marks])
               for member, own_marks in zip(group.members, marks, strict=True)]
    return Group(id=ids.take(words_id(text, 6) or "fact"), label=text, status=status, members=members,
                 differences=list(differences), confidence=group.confidence)


_Compared = tuple[list[list[Mark]], GroupStatus, str, list[Difference]]
_COMPARED: dict[tuple[str, tuple[tuple[str, str, str, tuple[int, int] | None], ...], bool, tuple[bool, ...]],
                _Compared] = {}
"""What each group of members came to in this process (its members' marks, status, label and typed
differences), by the story's language, the members, whether the group is weak and which members are in it
alone: `parallax serve` rebuilds a story after each edit, and most of its groups have the same members as
before."""
_COMPARED_KEPT = 20_000


def _compared(items: list[Item], weak: bool, own: tuple[bool, ...]) -> _Compared:
    articles = {item.article for item in items}
    differences = _differences(_sampled(items)) if len(articles) >= 2 and not weak else []
    vocabulary = _Vocabulary(items)
    marks = [_marks(item, vocabulary, differences) for item in items]
    status: GroupStatus = "agreement"
    if len(articles) < 2:
        status = "single-source"
    elif differences:
        status = "differs"
    chosen = [item for item, alone in zip(items, own, strict=True) if alone]
    return marks, status, label([(item.text, item.span) for item in chosen or items]), differences


MEMBERS_COMPARED = 12
"""At most this many members of one article are compared for typed differences (the others repeat them):
a group of thousands of identical sentences costs what a small one does."""


def _sampled(items: list[Item]) -> list[Item]:
    seen: dict[str, int] = {}
    kept = []
    for item in items:
        seen[item.article] = seen.get(item.article, 0) + 1
        if seen[item.article] <= MEMBERS_COMPARED:
            kept.append(item)
    return kept


def _differences(items: list[Item]) -> list[Difference]:
    found = detect(items)
    typed = [d for d in found if d.kind != "wording"]
    covered = {(v.sentence, v.start, v.end) for d in typed for v in d.values if v.start is not None}

    def overlaps(difference: Difference) -> bool:
        return any(v.sentence == s and v.start is not None and start is not None and end is not None
                   and v.start < end and start < (v.end or 0)
                   for v in difference.values for (s, start, end) in covered)

    return typed + [d for d in found if d.kind == "wording" and not overlaps(d)]


# --- marks for the aligned view -----------------------------------------------------------

def _marks(item: Item, vocabulary: _Vocabulary, differences: list[Difference]) -> list[Mark]:
    marks: list[Mark] = []
    for index, difference in enumerate(differences):
        for value in difference.values:
            if value.sentence == item.sentence and value.start is not None and value.end is not None:
                marks.append(Mark(start=value.start, end=value.end, kind=difference.kind, difference=index))
    if not vocabulary.has_others(item.article):
        return marks
    shared = vocabulary.shared_tokens(item)
    typed_spans = [(m.start, m.end) for m in marks]
    run: list[Token] = []

    def close() -> None:
        # A run of differing words starts and ends on a content word ("internal forum", not "forum that the").
        while run and not run[-1].content:
            run.pop()
        if run:
            marks.append(Mark(start=run[0].start, end=run[-1].end, kind="differs"))
            run.clear()

    for token in item.tokens():
        inside_typed = any(start <= token.start < end for start, end in typed_spans)
        if token.kind != "punct" and token.content and id(token) not in shared and not inside_typed:
            run.append(token)
        elif token.kind == "punct" or not token.content:
            if run and token.kind != "punct" and not token.content:
                # a function word inside a run of differing words stays in the run
                run.append(token)
            else:
                close()
        else:
            close()
    close()
    for mark in marks:
        if mark.kind == "differs":
            while mark.end > mark.start and item.text[mark.end - 1] in " ,;":
                mark.end -= 1
    marks.sort(key=lambda m: (m.start, m.end))
    return [m for m in marks if m.end > m.start and not (m.kind == "differs" and _only_function_words(item, m))]


def _only_function_words(item: Item, mark: Mark) -> bool:
    return not any(t.content for t in item.tokens() if mark.start <= t.start < mark.end)


class _Vocabulary:
    """The stems and paraphrase classes each article's members of one group use, gathered once per group.

    A token of one member is shared when another article's member has its stem or one of its classes.
    (A word diff against each other member would find no more: words it matches have the same comparison
    form, so the same stem. Gathering per article keeps a group of thousands of members linear.)
    """

    def __init__(self, items: list[Item]) -> None:
        self._stems: dict[str, set[str]] = {}
        self._classes: dict[str, set[str]] = {}
        for item in items:
            stems = self._stems.setdefault(item.article, set())
            classes = self._classes.setdefault(item.article, set())
            for token in item.tokens():
                if token.content:
                    stems.add(token.stem or token.norm)
                classes.update(c for c in (*token.concepts, *token.phrase) if c.startswith(("c:", "n:", "m:", "d:")))
        self._others: dict[str, tuple[set[str], set[str]]] = {}

    def has_others(self, article: str) -> bool:
        return any(other != article for other in self._stems)

    def _of_others(self, article: str) -> tuple[set[str], set[str]]:
        if article not in self._others:
            stems = set().union(*(s for a, s in self._stems.items() if a != article))
            classes = set().union(*(c for a, c in self._classes.items() if a != article))
            self._others[article] = (stems, classes)
        return self._others[article]

    def shared_tokens(self, item: Item) -> set[int]:
        """Tokens of `item` whose stem, or paraphrase class, another article's member also has."""
        other_stems, other_classes = self._of_others(item.article)
        return {id(token) for token in item.tokens()
                if (token.stem or token.norm) in other_stems
                or any(c in other_classes for c in (*token.concepts, *token.phrase))}


# --- omissions -----------------------------------------------------------------------------

def omissions(story: Story, groups: list[Group], nearest: list[list[Nearest]] | None = None) -> list[Omission]:
    """For each article, the facts that at least two other articles report and it does not.

    A fact one of its sentences comes near (`nearest`, from the aligner) is "possibly covered in other
    words" instead: the article may state it, and a reader is not told it leaves it out. So is a fact one
    of whose members packs several facts and shares another group with a sentence of the article.
    """
    near_by_group = [{n.article: n for n in near if n.confidence >= NEAR or n.through is not None}
                     for near in nearest or [[]] * len(groups)]
    result = []
    for article in story.articles:
        left_out, possibly = [], []
        for group, near in zip(groups, near_by_group, strict=True):
            reporting = {m.article for m in group.members}
            if article.id in reporting or len(reporting) < 2:
                continue
            if article.id in near:
                possibly.append(PossibleCoverage(group=group.id, sentence=near[article.id].sentence,
                                                 confidence=near[article.id].confidence,
                                                 through=near[article.id].through))
            else:
                left_out.append(group.id)
        result.append(Omission(article=article.id, groups=left_out, possibly_covered=possibly))
    return result
