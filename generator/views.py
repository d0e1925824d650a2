"""What the pages show, worked out for the templates (part of the render stage).

Python decides what is true (which outlet reports a fact, how its wording
differs, what each mark means); the templates only lay it out. Nothing here
builds HTML: marked sentences become plain `Segment`s that Jinja2 escapes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from .model import Article, Difference, Group, Mark, Member, Story
from .textnorm import slugify

CellState = Literal["reported", "differs", "missing"]

KIND_NAMES = {
    "number": "Number", "date": "Date", "name": "Name", "quote": "Quotation",
    "attribution": "Source", "wording": "Wording",
}
KIND_VERBS = {
    "number": "gives a different number", "date": "gives a different date", "name": "gives a different name",
    "quote": "quotes it differently", "attribution": "cites a different source", "wording": "words it differently",
}


@dataclass(slots=True)
class Segment:
    """A run of a sentence's text, plain or marked."""

    text: str
    kind: str | None = None
    """None for shared words; `differs`, or a typed difference kind."""
    tip: str | None = None
    """What a typed mark means, in words ("Source 000 says “within hours”; ...")."""
    tip_id: str | None = None
    """Unique id of the tip element, for aria-describedby."""


@dataclass(slots=True)
class CellSentence:
    sentence_id: str
    withheld: bool
    """Published as an excerpt, the sentence's text is not shown."""
    before: str
    """Text of the sentence before the clause that belongs to the group (shown dimmed)."""
    segments: list[Segment]
    after: str
    """Text after that clause."""


@dataclass(slots=True)
class Cell:
    article: Article
    state: CellState
    sentences: list[CellSentence] = field(default_factory=list)

    @property
    def state_text(self) -> str:
        return {"reported": "Reported", "differs": "Worded differently", "missing": "Not reported"}[self.state]


@dataclass(slots=True)
class Row:
    group: Group
    cells: list[Cell]

    @property
    def reported_by(self) -> int:
        return sum(1 for cell in self.cells if cell.state != "missing")

    @property
    def only_outlet(self) -> str | None:
        reporting = [cell.article.outlet for cell in self.cells if cell.state != "missing"]
        return reporting[0] if len(reporting) == 1 else None


@dataclass(slots=True)
class DifferenceView:
    group: Group
    kind: str
    kind_name: str
    explanation: str
    values: list[tuple[str, str]]
    """(outlet, text) pairs in article order."""


@dataclass(slots=True)
class OutletView:
    article: Article
    left_out: list[Group]
    only_here: list[Group]


@dataclass(slots=True)
class StoryView:
    story: Story
    rows: list[Row]
    differences: list[DifferenceView]
    outlets: list[OutletView]
    facts: int
    reported_by_all: int
    worded_differently: int
    single_source: int
    first_published: str | None
    last_published: str | None

    @property
    def compared(self) -> bool:
        """There is something to compare: two or more articles."""
        return len(self.story.articles) >= 2


def explanation(difference: Difference, outlets: dict[str, str]) -> str:
    """'Number differs: Source 000 says “within hours”; Source 001 says “within four hours”.'"""
    said: dict[str, list[str]] = {}
    for value in difference.values:
        said.setdefault(outlets[value.article], [])
        if value.text not in said[outlets[value.article]]:
            said[outlets[value.article]].append(value.text)
    parts = [f"{outlet} says {' and '.join(f'“{t}”' for t in texts)}" for outlet, texts in said.items()]
    return f"{KIND_NAMES[difference.kind]} differs: " + "; ".join(parts) + "."


def story_view(story: Story) -> StoryView:
    outlets = {a.id: a.outlet for a in story.articles}
    texts = {s.id: s.text for a in story.articles for s in a.sentences}
    rows = []
    for group in story.groups:
        tips = [explanation(d, outlets) for d in group.differences]
        differing_articles = {v.article for d in group.differences for v in d.values}
        by_article: dict[str, list[Member]] = {}
        for member in group.members:
            by_article.setdefault(member.article, []).append(member)
        cells = []
        for article in story.articles:
            members = by_article.get(article.id, [])
            if not members:
                cells.append(Cell(article=article, state="missing"))
                continue
            state: CellState = "differs" if article.id in differing_articles else "reported"
            cells.append(Cell(article=article, state=state,
                              sentences=[_cell_sentence(group, m, texts[m.sentence], tips) for m in members]))
        rows.append(Row(group=group, cells=cells))
    differences = [DifferenceView(group=g, kind=d.kind, kind_name=KIND_NAMES[d.kind],
                                  explanation=explanation(d, outlets),
                                  values=[(outlets[v.article], v.text) for v in d.values])
                   for g in story.groups for d in g.differences]
    omitted = {o.article: set(o.groups) for o in story.omissions}
    outlet_views = []
    for article in story.articles:
        left_out = [g for g in story.groups if g.id in omitted.get(article.id, set())]
        only_here = [g for g in story.groups if g.status == "single-source"
                     and g.members and g.members[0].article == article.id]
        outlet_views.append(OutletView(article=article, left_out=left_out, only_here=only_here))
    n = len(story.articles)
    published = sorted(a.published[:10] for a in story.articles if a.published)
    return StoryView(
        story=story, rows=rows, differences=differences, outlets=outlet_views,
        facts=len(rows),
        reported_by_all=sum(1 for r in rows if n >= 2 and r.reported_by == n),
        worded_differently=sum(1 for r in rows if r.group.status == "differs"),
        single_source=sum(1 for r in rows if r.group.status == "single-source"),
        first_published=published[0] if published else None,
        last_published=published[-1] if published else None,
    )


def _cell_sentence(group: Group, member: Member, text: str, tips: list[str]) -> CellSentence:
    if not text:
        return CellSentence(sentence_id=member.sentence, withheld=True, before="", segments=[], after="")
    start, end = (member.span[0], member.span[1]) if member.span else (0, len(text))
    marks = sorted((m for m in member.marks if m.start >= start and m.end <= end), key=lambda m: (m.start, -m.end))
    segments: list[Segment] = []
    position = start
    for number, mark in enumerate(_without_overlaps(marks)):
        if mark.start > position:
            segments.append(Segment(text=text[position:mark.start]))
        tip = tips[mark.difference] if mark.difference is not None and mark.difference < len(tips) else None
        tip_id = f"tip-{group.id}-{member.sentence.replace('.', '-')}-{number}" if tip else None
        segments.append(Segment(text=text[mark.start:mark.end], kind=mark.kind, tip=tip, tip_id=tip_id))
        position = mark.end
    if position < end:
        segments.append(Segment(text=text[position:end]))
    return CellSentence(sentence_id=member.sentence, withheld=False, before=text[:start], segments=segments,
                        after=text[end:])


# Where marks overlap, the more specific one is shown ("Marie Okafor" as a name, not within a source).
_MARK_PRIORITY = {"name": 0, "number": 1, "date": 2, "quote": 3, "attribution": 4, "wording": 5, "differs": 6}


def _without_overlaps(marks: list[Mark]) -> list[Mark]:
    """Marks in order; of overlapping marks the most specific kind is kept."""
    ordered = sorted(marks, key=lambda m: (_MARK_PRIORITY[m.kind], m.start))
    kept: list[Mark] = []
    for mark in ordered:
        if all(mark.end <= k.start or mark.start >= k.end for k in kept):
            kept.append(mark)
    return sorted(kept, key=lambda m: m.start)


# --- outlets across stories ---------------------------------------------------------

@dataclass(slots=True)
class OutletStory:
    story: Story
    article: Article
    left_out: list[Group]
    only_here: list[Group]


@dataclass(slots=True)
class OutletPage:
    name: str
    slug: str
    stories: list[OutletStory]


def outlet_pages(stories: list[Story]) -> list[OutletPage]:
    """One page per outlet name, with its articles in every story (stories newest first)."""
    pages: dict[str, OutletPage] = {}
    slugs: set[str] = set()
    for story in stories:
        view = story_view(story)
        for outlet in view.outlets:
            name = outlet.article.outlet
            if name not in pages:
                base = slugify(name)[:60].strip("-") or "outlet"  # a file name has at most 255 bytes
                slug, number = base, 2
                while slug in slugs:
                    slug, number = f"{base}-{number}", number + 1
                slugs.add(slug)
                pages[name] = OutletPage(name=name, slug=slug, stories=[])
            pages[name].stories.append(OutletStory(story=story, article=outlet.article,
                                                   left_out=outlet.left_out, only_here=outlet.only_here))
    return sorted(pages.values(), key=lambda p: p.name.casefold())


def sentence_groups(story: Story) -> dict[str, list[Group]]:
    """For each sentence id, the groups it is in (for marking sentences on the article page)."""
    found: dict[str, list[Group]] = {}
    for group in story.groups:
        for member in group.members:
            found.setdefault(member.sentence, []).append(group)
    return found
