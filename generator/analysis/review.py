"""The editor's review applied to the comparison (between align and compare, then after compare).

`restructure` changes which sentences form a fact, before compare reads the
groups: `split` entries take sentences out into a fact of their own, `merge`
entries make one fact of several, a fact with `status: rejected` becomes one
fact per sentence. `annotate` then sets what the editor said of the compared
facts: confirmed, label, note, dismissed differences, omissions that are real
or not. Both are deterministic: entries apply in file order. An entry whose
sentences no longer exist, or whose `says:` no longer matches the sentence (the
text changed), is skipped and reported with its line.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..model import AlignedGroup, Group, Member, Omission, Review, Story, StoryReview
from ..text.norm import comparable
from .differences import KINDS


@dataclass(slots=True)
class Problem:
    """A review entry that could not be applied: its line, what is wrong and how to fix it (build warns)."""

    line: int
    message: str
    hint: str


class _Check:
    """Which entries of the review file still fit the story's text; warnings for those that do not."""

    def __init__(self, story: Story, review: Review) -> None:
        self.texts = {s.id: s.text for a in story.articles for s in a.sentences}
        self.articles = {a.id for a in story.articles}
        self.problems: list[Problem] = []

    def fits(self, sentences: list[str], line: int, says: str = "") -> bool:
        missing = [s for s in sentences if s not in self.texts]
        if missing:
            self.warn(f"the review entry names {', '.join(missing)}, which the story no longer has (its text "
                      "changed): the entry is not applied", line,
                      "check the fact in `parallax serve --review` and correct or remove the entry")
            return False
        if says and not comparable(self.texts[sentences[0]]).startswith(comparable(says)):
            self.warn(f"sentence {sentences[0]} no longer starts with “{says}” (its text changed): the entry is "
                      "not applied", line, "check the fact in `parallax serve --review` and correct or remove the entry")
            return False
        return True

    def warn(self, message: str, line: int, hint: str) -> None:
        self.problems.append(Problem(line=line, message=message, hint=hint))


def restructure(story: Story, aligned: list[AlignedGroup],
                review: Review) -> tuple[list[AlignedGroup], list[Problem], int]:
    """The aligned groups after the review's splits, merges and rejections, and how many of those applied."""
    check = _Check(story, review)
    groups = [replace(g, members=list(g.members)) for g in aligned]
    applied = 0

    def holding(sentence: str) -> int | None:
        return next((i for i, g in enumerate(groups) if any(m.sentence == sentence for m in g.members)), None)

    def fact_of(sentences: list[str]) -> int | None:
        return _best(sentences, [[m.sentence for m in g.members] for g in groups])

    for entry in review.split:
        if not check.fits(entry.sentences, entry.line):
            continue
        taken: list[Member] = []
        position = len(groups)
        for index, group in enumerate(groups):
            leaving = [m for m in group.members if m.sentence in entry.sentences]
            if leaving:
                position = min(position, index + 1)
                group.members = [m for m in group.members if m.sentence not in entry.sentences]
                group.confidence, group.nearest = None, []
            taken.extend(Member(article=m.article, sentence=m.sentence) for m in leaving
                         if all(t.sentence != m.sentence for t in taken))
        groups.insert(position, AlignedGroup(members=taken))
        applied += 1
    for entry in review.merge:
        if not check.fits(entry.sentences, entry.line):
            continue
        found = sorted({i for i in (holding(s) for s in entry.sentences) if i is not None})
        if len(found) < 2:
            check.warn("the merge entry's sentences are in one fact already: nothing to merge", entry.line,
                       "list a sentence of each fact to merge")
            continue
        first = groups[found[0]]
        for i in found[1:]:
            first.members.extend(m for m in groups[i].members if all(k.sentence != m.sentence for k in first.members))
            groups[i].members = []
        first.confidence, first.nearest = None, []
        applied += 1
    for fact in review.facts:
        if fact.verdict != "rejected" or not check.fits(fact.sentences, fact.line, fact.says):
            continue
        at = fact_of(fact.sentences)
        if at is None:
            continue
        members = groups[at].members
        groups[at].members = []
        applied += 1
        for offset, member in enumerate(members):
            groups.insert(at + 1 + offset, AlignedGroup(members=[Member(article=member.article,
                                                                            sentence=member.sentence)]))
    return [g for g in groups if g.members], check.problems, applied


def annotate(story: Story, review: Review, restructured: int = 0) -> tuple[Story, list[Problem]]:
    """The compared story with what the editor said of its facts and omissions; `restructured`: how many
    splits, merges and rejections `restructure` applied (the page counts them among the corrections)."""
    check = _Check(story, review)
    groups = [replace(g, members=list(g.members), differences=list(g.differences)) for g in story.groups]
    omissions = [replace(o, groups=list(o.groups), possibly_covered=list(o.possibly_covered),
                         confirmed=list(o.confirmed)) for o in story.omissions]
    applied = restructured

    def holding(sentences: list[str]) -> Group | None:
        at = _best(sentences, [[m.sentence for m in g.members] for g in groups])
        return groups[at] if at is not None else None

    for fact in review.facts:
        if fact.verdict == "rejected":
            continue  # restructure made each sentence a fact of its own (and counted it)
        if not check.fits(fact.sentences, fact.line, fact.says):
            continue
        applied += 1
        group = holding(fact.sentences)
        if group is None:
            continue
        if fact.verdict == "confirmed":
            group.verdict = "confirmed"
        if fact.label:
            group.label, group.labelled = fact.label, True
        if fact.note:
            group.note = fact.note
        for kind in fact.dismiss:
            if kind not in KINDS:
                check.warn(f"there is no kind of difference called {kind!r}", fact.line,
                           "the kinds are: " + ", ".join(sorted(KINDS)))
            elif not any(d.kind == kind for d in group.differences):
                check.warn(f"the fact “{group.label}” shows no {kind} difference to dismiss", fact.line,
                           "remove it from `dismiss:`")
            else:
                _dismiss(group, kind)
    for entry in review.omissions:
        if not check.fits(entry.sentences, entry.line):
            continue
        group = holding(entry.sentences)
        omission = next((o for o in omissions if o.article == entry.article), None)
        if entry.article not in check.articles:
            check.warn(f"the story has no article {entry.article!r}", entry.line,
                       "the article is its file name without .md, e.g. \"003\"")
            continue
        if group is None:
            continue
        if omission is None:
            omission = Omission(article=entry.article)
            omissions.append(omission)
        applied += 1
        omission.possibly_covered = [p for p in omission.possibly_covered if p.group != group.id]
        if entry.real:
            if group.id not in omission.groups:
                omission.groups.append(group.id)
            omission.confirmed.append(group.id)
        else:
            omission.groups = [g for g in omission.groups if g != group.id]
            omission.confirmed = [g for g in omission.confirmed if g != group.id]
    state = StoryReview(reviewed=review.reviewed, reviewer=review.reviewer, date=review.date, note=review.note,
                        corrections=applied)
    return replace(story, groups=groups, omissions=[o for o in omissions if o.groups or o.possibly_covered],
                   review=state), check.problems


def _best(sentences: list[str], groups: list[list[str]]) -> int | None:
    """The group an entry names: the one holding the first of its sentences that shares the most of them
    (a sentence can belong to two facts; the entry lists the fact's sentences as the page gave them)."""
    wanted = set(sentences)
    holding = [(len(wanted.intersection(members)), -i) for i, members in enumerate(groups) if sentences[0] in members]
    return -max(holding)[1] if holding else None


def _dismiss(group: Group, kind: str) -> None:
    """Take every difference of `kind` out of the group; its marks go, the others are renumbered."""
    kept = [i for i, d in enumerate(group.differences) if d.kind != kind]
    number = {old: new for new, old in enumerate(kept)}
    group.differences = [group.differences[i] for i in kept]
    group.dismissed = [*group.dismissed, kind]
    group.members = [replace(m, marks=[mark if mark.difference is None
                                       else replace(mark, difference=number[mark.difference])
                                       for mark in m.marks
                                       if mark.difference is None or mark.difference in number])
                     for m in group.members]
    if not group.differences and group.status == "differs":
        group.status = "agreement"
