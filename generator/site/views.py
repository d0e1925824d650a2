"""What the pages show, worked out for the templates (part of the render stage).

Python decides what is true (which outlet reports a fact, how its wording
differs, what each mark means); the templates only lay it out. Nothing here
builds HTML: marked sentences become plain `Segment`s that Jinja2 escapes.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from ..analysis.differences import KINDS
from ..model import (
    Article,
    Difference,
    Group,
    Mark,
    Member,
    Quotation,
    QuoteRendering,
    Source,
    Story,
    StoryFolder,
    WordMark,
)
from ..text.ids import UniqueIds
from ..text.memo import per_object
from ..text.norm import comparable, slugify
from .diagram import CitesDiagram, cites_diagram
from .i18n import N_, clauses, gettext, join, quoted

CellState = Literal["reported", "differs", "possibly", "missing"]
"""`possibly`: no sentence of the article is in the fact's group, but one comes near (the aligner's
`nearest`): it may state the fact in other words, so the page does not say it leaves it out."""

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
    word: str | None = None
    """A word to examine: its category (hedge, report-verb, loaded)."""
    quoted: bool = False
    """The word to examine is inside quotation marks (the speaker's word)."""


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


STATE_TEXT = {"reported": N_("Reported"), "differs": N_("Worded differently"),
              "possibly": N_("Possibly, in other words"), "missing": N_("Not reported")}
"""A grid cell's words, in English; `gettext` gives them in the site's language."""
STATE_SYMBOL = {"reported": "●", "differs": "◆", "possibly": "◌", "missing": "○"}


@dataclass(slots=True)
class Cell:
    article: Article
    state: CellState
    sentences: list[CellSentence] = field(default_factory=list)
    differs_in: str | None = None
    """The weightiest kind of difference this outlet's words carry ("date"), for a cell that differs."""

    @property
    def reports(self) -> bool:
        """The outlet has a sentence in the fact's group."""
        return self.state in ("reported", "differs")

    @property
    def state_text(self) -> str:
        """What the cell says: the kind that differs ("Date differs", "More precise") when there is one."""
        if self.state == "differs" and self.differs_in is not None:
            if self.differs_in in DIFFERS_TEXT:
                return gettext(DIFFERS_TEXT[self.differs_in])
            return named(self.differs_in)
        return gettext(STATE_TEXT[self.state])


DIFFERS_TEXT = {"wording": N_("Worded differently"), "precision": N_("More or less precise"),
                "opposite": N_("Says the opposite")}
"""A grid cell's words for a kind whose "<title> differs" would not read well."""


@dataclass(slots=True)
class Row:
    group: Group
    cells: list[Cell]
    says: str = ""
    """The first words of the group's first sentence: the review file's check that the text did not change."""

    @property
    def sentences(self) -> str:
        """The group's sentence ids, as the review file names a fact."""
        return " ".join(dict.fromkeys(m.sentence for m in self.group.members))

    @property
    def kinds(self) -> list[str]:
        """The kinds of difference this fact shows, each once, weightiest first."""
        return sorted({d.kind for d in self.group.differences}, key=lambda k: (KINDS[k].weight, k))

    @property
    def reported_by(self) -> int:
        return sum(1 for cell in self.cells if cell.reports)

    @property
    def only_outlet(self) -> str | None:
        reporting = [cell.article.outlet for cell in self.cells if cell.reports]
        return reporting[0] if len(reporting) == 1 else None


@dataclass(slots=True)
class DifferenceView:
    group: Group
    kind: str
    kind_name: str
    explanation: str
    values: list[tuple[str, str]]
    """(outlet, text) pairs in article order."""
    said: str = ""
    """Who says what, without the kind: 'Source 000 says “within hours”; Source 001 says “within four hours”.'"""
    summary: str = ""
    """The kind as the explanation names it ("Only more precise, both can be true"; "Number differs")."""
    other: Group | None = None
    """The other fact, when the difference is between two facts (one outlet's sentence in each)."""

    @property
    def own_summary(self) -> bool:
        """The kind says more than "<title> differs" ("Opposite words, both cannot be right")."""
        return bool(KINDS[self.kind].summary)


@dataclass(slots=True)
class OutletView:
    article: Article
    left_out: list[Group]
    only_here: list[Group]
    possibly: list[tuple[Group, str]] = field(default_factory=list)
    """Facts it may state in other words, each with its sentence that comes near (empty when withheld)."""
    confirmed: frozenset[str] = frozenset()
    """Ids of the left-out facts an editor confirmed it leaves out."""


QUOTE_KIND_NAMES = {"verbatim": N_("Verbatim"), "trimmed": N_("Trimmed"), "altered": N_("Altered"),
                    "paraphrased": N_("Paraphrased"), "quoted": N_("Quoted")}
SOURCE_KIND_NAMES = {"outlet": N_("News outlet"), "person": N_("Named person"), "anonymous": N_("Unnamed person"),
                     "organisation": N_("Organisation"), "document": N_("Document"), "unspecified": N_("Unspecified")}


@dataclass(slots=True)
class QuoteRow:
    """One outlet's rendering of a quotation."""

    rendering: QuoteRendering
    article: Article
    kind_name: str
    segments: list[Segment]
    """The words, with words changed from the fullest version marked (kind `altered`)."""


@dataclass(slots=True)
class QuotationView:
    quotation: Quotation
    rows: list[QuoteRow]
    missing: list[Article]
    """Outlets that neither quote nor paraphrase it."""

    @property
    def quoted_by(self) -> int:
        return sum(1 for r in self.rows if r.rendering.kind != "paraphrased")

    @property
    def summary(self) -> str:
        counts: dict[str, int] = {}
        for row in self.rows:
            counts[row.rendering.kind] = counts.get(row.rendering.kind, 0) + 1
        if self.quoted_by == 1 and "paraphrased" in counts:
            counts = {"quoted": 1, "paraphrased": counts["paraphrased"]}
        return ", ".join(gettext("%(kind)s by %(n)s", kind=gettext(QUOTE_KIND_NAMES[k]).lower(), n=n)
                         for k, n in counts.items())


@dataclass(slots=True)
class SourceView:
    source: Source
    kind_name: str
    cited_by: list[tuple[Article, list[str]]]
    """Each citing article, with the ways it names the source."""


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
    quotations: list[QuotationView] = field(default_factory=list)
    """Quotations carried by two or more outlets (quoted or paraphrased)."""
    single_quotations: list[QuotationView] = field(default_factory=list)
    """Quotations only one outlet carries."""
    sources: list[SourceView] = field(default_factory=list)
    diagram: CitesDiagram | None = None
    words: int = 0
    """How many words to examine the pages mark."""

    @property
    def compared(self) -> bool:
        """There is something to compare: two or more articles."""
        return len(self.story.articles) >= 2

    @property
    def shared_rows(self) -> list[Row]:
        """Facts two or more outlets report, the most widely reported first (then in reading order)."""
        shared = [(index, row) for index, row in enumerate(self.rows) if row.reported_by >= 2]
        return [row for _, row in sorted(shared, key=lambda entry: (-entry[1].reported_by, entry[0]))]

    @property
    def single_rows(self) -> list[Row]:
        """Facts one outlet alone reports, in reading order."""
        return [row for row in self.rows if row.reported_by < 2]

    @property
    def headlines(self) -> list[tuple[Article, str | None]]:
        """Each outlet's headline, side by side at the top of the page."""
        return [(article, article.title) for article in self.story.articles]

    @property
    def glance(self) -> Glance:
        return glance(self)


GLANCE_FACTS = 3
"""Facts named under "what every outlet reports"."""
GLANCE_DIFFERENCES = 3
"""Differences named at a glance, the weightiest first."""


@dataclass(slots=True)
class OutletGlance:
    article: Article
    alone: int
    """Facts only it reports."""
    left_out: int
    """Facts two others report that none of its sentences comes near."""
    possibly: int
    """Facts it may state in other words."""


@dataclass(slots=True)
class Glance:
    """The ten-second answer: what all report, where they differ, what each alone reports or leaves out."""

    common: list[Row]
    """Facts the most outlets report (all of them when some fact is reported by all), in reading order."""
    common_by: int
    """How many outlets report each of those."""
    more_common: int
    differences: list[DifferenceView]
    more_differences: int
    outlets: list[OutletGlance]


def glance(view: StoryView) -> Glance:
    shared = view.shared_rows
    top = shared[0].reported_by if shared else 0
    common = [row for row in view.rows if top and row.reported_by == top]
    # The weightiest first; one difference told again in another fact (the same values) is named once.
    ranked: list[DifferenceView] = []
    seen: set[tuple[str, frozenset[str]]] = set()
    for difference in view.differences:
        key = (difference.kind, frozenset(comparable(text) for _, text in difference.values))
        if key not in seen:
            seen.add(key)
            ranked.append(difference)
    outlets = [OutletGlance(article=o.article, alone=len(o.only_here), left_out=len(o.left_out),
                            possibly=len(o.possibly)) for o in view.outlets]
    return Glance(common=common[:GLANCE_FACTS], common_by=top, more_common=max(0, len(common) - GLANCE_FACTS),
                  differences=ranked[:GLANCE_DIFFERENCES],
                  more_differences=max(0, len(ranked) - GLANCE_DIFFERENCES), outlets=outlets)


def explanation(difference: Difference, outlets: dict[str, str]) -> str:
    """'Number differs: Source 000 says “within hours”; Source 001 says “within four hours”.'"""
    return f"{named(difference.kind)}: " + who_says(difference, outlets)


def named(kind: str) -> str:
    """How an explanation of a difference of `kind` begins, in the site's language: "Number differs"."""
    registered = KINDS[kind]
    if registered.summary:
        return gettext(registered.summary)
    return gettext("%(kind)s differs", kind=gettext(registered.title))


def who_says(difference: Difference, outlets: dict[str, str]) -> str:
    """'Source 000 says “within hours”; Source 001 says “within four hours”.'"""
    said: dict[str, list[str]] = {}
    for value in difference.values:
        said.setdefault(outlets[value.article], [])
        if value.text not in said[outlets[value.article]]:
            said[outlets[value.article]].append(value.text)
    parts = [gettext("%(outlet)s says %(words)s", outlet=outlet, words=join([quoted(t) for t in texts]))
             for outlet, texts in said.items()]
    return clauses(parts) + "."


def story_view(story: Story) -> StoryView:
    outlets = {a.id: a.outlet for a in story.articles}
    texts = {s.id: s.text for a in story.articles for s in a.sentences}
    words = word_marks(story)
    near = {o.article: {p.group: p.sentence for p in o.possibly_covered} for o in story.omissions}
    rows = []
    for group in story.groups:
        tips = [explanation(d, outlets) for d in group.differences]
        # (a difference with another fact names that fact's sentence too: only this fact's members count)
        own = {m.sentence for m in group.members}
        differing_articles = {v.article for d in group.differences for v in d.values if v.sentence in own}
        by_article: dict[str, list[Member]] = {}
        for member in group.members:
            by_article.setdefault(member.article, []).append(member)
        cells = []
        for article in story.articles:
            members = by_article.get(article.id, [])
            if not members:
                sentence = near.get(article.id, {}).get(group.id)
                if sentence is None:
                    cells.append(Cell(article=article, state="missing"))
                else:
                    cells.append(Cell(article=article, state="possibly", sentences=[
                        _cell_sentence(group, Member(article=article.id, sentence=sentence), texts.get(sentence, ""),
                                       [], words.get(sentence, []))]))
                continue
            state: CellState = "differs" if article.id in differing_articles else "reported"
            kinds = [d.kind for d in group.differences
                     if any(v.article == article.id and v.sentence in own for v in d.values)]
            cells.append(Cell(article=article, state=state,
                              differs_in=min(kinds, key=lambda k: KINDS[k].weight) if kinds else None,
                              sentences=[_cell_sentence(group, m, texts[m.sentence], tips, words.get(m.sentence, []))
                                         for m in members]))
        rows.append(Row(group=group, cells=cells, says=" ".join(texts.get(group.members[0].sentence, "").split()[:6])))
    by_id = {g.id: g for g in story.groups}
    differences = [DifferenceView(group=g, kind=d.kind, kind_name=gettext(KINDS[d.kind].title),
                                  explanation=explanation(d, outlets), said=who_says(d, outlets),
                                  summary=named(d.kind),
                                  values=[(outlets[v.article], v.text) for v in d.values],
                                  other=by_id.get(d.group) if d.group else None)
                   for g in story.groups for d in g.differences]
    # What cannot both be true first, only more precise last; reading order within a weight.
    differences.sort(key=lambda d: KINDS[d.kind].weight)
    outlet_views = outlets_of(story)
    n = len(story.articles)
    published = sorted(a.published[:10] for a in story.articles if a.published)
    quotes = [quotation_view(story, q) for q in story.quotations]
    return StoryView(
        story=story, rows=rows, differences=differences, outlets=outlet_views,
        facts=len(rows),
        reported_by_all=sum(1 for r in rows if n >= 2 and r.reported_by == n),
        worded_differently=sum(1 for r in rows if r.group.status == "differs"),
        single_source=sum(1 for r in rows if r.group.status == "single-source"),
        first_published=published[0] if published else None,
        last_published=published[-1] if published else None,
        quotations=[q for q in quotes if len(q.rows) >= 2],
        single_quotations=[q for q in quotes if len(q.rows) < 2],
        sources=[SourceView(source=src, kind_name=gettext(SOURCE_KIND_NAMES[src.kind]), cited_by=_cited_by(story, src))
                 for src in story.sources],
        diagram=cites_diagram(story),
        words=len(story.words),
    )


def outlets_of(story: Story) -> list[OutletView]:
    """For each article, the facts it leaves out and the facts only it reports."""
    omitted = {o.article: set(o.groups) for o in story.omissions}
    near = {o.article: {p.group: p.sentence for p in o.possibly_covered} for o in story.omissions}
    texts = {s.id: s.text for a in story.articles for s in a.sentences}
    views = []
    for article in story.articles:
        left_out = [g for g in story.groups if g.id in omitted.get(article.id, set())]
        only_here = [g for g in story.groups if g.status == "single-source"
                     and g.members and g.members[0].article == article.id]
        possibly = [(g, texts.get(near[article.id][g.id], "")) for g in story.groups
                    if g.id in near.get(article.id, {})]
        confirmed = frozenset(g for o in story.omissions if o.article == article.id for g in o.confirmed)
        views.append(OutletView(article=article, left_out=left_out, only_here=only_here, possibly=possibly,
                                confirmed=confirmed))
    return views


def _cell_sentence(group: Group, member: Member, text: str, tips: list[str],
                   words: list[WordMark] | None = None) -> CellSentence:
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
    if words:
        segments = with_words(segments, start, words)
    return CellSentence(sentence_id=member.sentence, withheld=False, before=text[:start], segments=segments,
                        after=text[end:])


# --- words to examine ------------------------------------------------------------------

def word_marks(story: Story) -> dict[str, list[WordMark]]:
    """The words to examine of each sentence."""
    found: dict[str, list[WordMark]] = {}
    for mark in story.words:
        found.setdefault(mark.sentence, []).append(mark)
    return found


def with_words(segments: list[Segment], offset: int, words: list[WordMark]) -> list[Segment]:
    """`segments` (covering the text from `offset` on) split where words to examine start and end."""
    result: list[Segment] = []
    position = offset
    for segment in segments:
        start, end = position, position + len(segment.text)
        cuts = sorted({start, end} | {p for w in words for p in (w.start, w.end) if start < p < end})
        for a, b in itertools.pairwise(cuts):
            word = next((w for w in words if w.start <= a and b <= w.end), None)
            result.append(Segment(text=segment.text[a - start:b - start], kind=segment.kind, tip=segment.tip,
                                  tip_id=segment.tip_id if a == start else None,
                                  word=word.category if word else None, quoted=word.quoted if word else False))
        position = end
    return result


def sentence_segments(story: Story) -> dict[str, list[Segment]]:
    """For sentences with words to examine, their text as segments (for the article pages)."""
    texts = {s.id: s.text for a in story.articles for s in a.sentences}
    return {sentence: with_words([Segment(text=texts[sentence])], 0, marks)
            for sentence, marks in word_marks(story).items() if texts.get(sentence)}


# --- quotations and sources --------------------------------------------------------------

def quotation_view(story: Story, quotation: Quotation) -> QuotationView:
    articles = {a.id: a for a in story.articles}
    rows = []
    for rendering in quotation.renderings:
        segments: list[Segment] = []
        position = 0
        for start, end in rendering.changes:
            if start > position:
                segments.append(Segment(text=rendering.text[position:start]))
            segments.append(Segment(text=rendering.text[start:end], kind="altered"))
            position = end
        if position < len(rendering.text):
            segments.append(Segment(text=rendering.text[position:]))
        rows.append(QuoteRow(rendering=rendering, article=articles[rendering.article],
                             kind_name=gettext(QUOTE_KIND_NAMES[rendering.kind]), segments=segments))
    carried = {r.article for r in quotation.renderings}
    return QuotationView(quotation=quotation, rows=rows,
                         missing=[a for a in story.articles if a.id not in carried])


def _cited_by(story: Story, source: Source) -> list[tuple[Article, list[str]]]:
    ways: dict[str, list[str]] = {}
    for citation in source.citations:
        texts = ways.setdefault(citation.article, [])
        if citation.text not in texts:
            texts.append(citation.text)
    return [(a, ways[a.id]) for a in story.articles if a.id in ways]


_DIFFERS_RANK = 1_000
"""Rank of a mark of words no other outlet uses: below every typed difference."""


def _mark_rank(kind: str) -> int:
    """Where marks overlap, the more specific one is shown ("Marie Okafor" as a name, not within a source)."""
    return KINDS[kind].mark_rank if kind in KINDS else _DIFFERS_RANK


def _without_overlaps(marks: list[Mark]) -> list[Mark]:
    """Marks in order; of overlapping marks the most specific kind is kept."""
    ordered = sorted(marks, key=lambda m: (_mark_rank(m.kind), m.start))
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


@dataclass(slots=True)
class Pager:
    """One page of a paginated list (the index, a tag, an outlet): its stories and where its neighbours are."""

    number: int
    count: int
    """How many pages the list has."""
    items: list[Any]
    """Its stories (for an outlet: its `OutletStory`s)."""
    base: str
    """Where the list lives under the site: "" for the index, "tags/labour/" for a tag."""

    def path(self, number: int) -> str:
        """Page 1 is `<base>index.html`, page n `<base>page/<n>/index.html` (Hugo's and Zola's addresses)."""
        return f"{self.base}index.html" if number == 1 else f"{self.base}page/{number}/index.html"

    @property
    def own_path(self) -> str:
        return self.path(self.number)

    @property
    def prev_path(self) -> str | None:
        return self.path(self.number - 1) if self.number > 1 else None

    @property
    def next_path(self) -> str | None:
        return self.path(self.number + 1) if self.number < self.count else None


def paginate(stories: Sequence[Any], per_page: int, base: str = "") -> list[Pager]:
    """The list cut into pages of `per_page` (one empty page for an empty list)."""
    chunks = [list(stories[i:i + per_page]) for i in range(0, len(stories), per_page)] or [[]]
    return [Pager(number=n, count=len(chunks), items=chunk, base=base) for n, chunk in enumerate(chunks, start=1)]


@dataclass(slots=True)
class TagPage:
    name: str
    slug: str
    stories: list[Story]


@dataclass(frozen=True, slots=True)
class Header:
    """What the links between pages need of a story, known before the story is processed (from its
    folder) as well as after: its outlets' and tags' names, and where it sorts."""

    slug: str
    date: str
    outlets: tuple[str, ...]
    tags: tuple[str, ...]

    @classmethod
    def of(cls, story: Story | StoryFolder) -> Header:
        return cls(slug=story.slug, date=story.date or "", outlets=tuple(a.outlet for a in story.articles),
                   tags=tuple(story.tags))


def site_slugs(headers: Iterable[Header]) -> tuple[dict[str, str], dict[str, str]]:
    """The address of each outlet's page (by name) and of each tag's (by its name case-folded).

    Names are given addresses in the order they first appear in the stories, newest first, so that an
    address stays the same when older stories are added; a name whose address is taken gets "-2".
    """
    outlets: dict[str, str] = {}
    tags: dict[str, str] = {}
    outlet_ids, tag_ids = UniqueIds(), UniqueIds()
    for header in sorted(headers, key=lambda h: (h.date, h.slug), reverse=True):
        for name in header.outlets:
            if name not in outlets:
                # a file name has at most 255 bytes
                outlets[name] = outlet_ids.take(slugify(name)[:60].strip("-") or "outlet")
        for tag in (t.strip() for t in header.tags):
            if tag and tag.casefold() not in tags:
                tags[tag.casefold()] = tag_ids.take(slugify(tag)[:60].strip("-") or "tag")
    return outlets, tags


def tag_pages(stories: list[Story], tag_slug: dict[str, str]) -> list[TagPage]:
    """One page per tag (tags that differ only in case are one), its stories in the given order."""
    pages: dict[str, TagPage] = {}
    for story in stories:
        # Once per tag of a story, tags that differ only in case being one (a membership test on the
        # list instead cost time growing with the square of the stories: minutes at 100,000).
        seen: dict[str, str] = {}
        for tag in (t.strip() for t in story.tags if t.strip()):
            seen.setdefault(tag.casefold(), tag)
        for key, tag in seen.items():
            if key not in pages:
                pages[key] = TagPage(name=tag, slug=tag_slug[key], stories=[])
            pages[key].stories.append(story)
    return sorted(pages.values(), key=lambda p: p.name.casefold())


def search_entries(stories: list[Story]) -> list[dict[str, object]]:
    """What the site's search looks through, per story: title, summary, date, outlets, headlines, tags."""
    return [{"t": s.title, "u": f"{s.slug}/index.html", "d": s.date or "", "s": s.summary,
             "o": list(dict.fromkeys(a.outlet for a in s.articles)),
             "h": [a.title for a in s.articles if a.title], "g": list(s.tags)} for s in stories]


_light_outlets_of = per_object(4096)(outlets_of)
"""`outlets_of` for the site-wide pages, remembered for each light story object: inside `parallax serve` an
unchanged story's light form is the same object from one rebuild to the next (`cache.BuildCache.light`),
and is not changed."""


def outlet_pages(stories: list[Story], outlet_slug: dict[str, str]) -> list[OutletPage]:
    """One page per outlet name, with its articles in every story (stories newest first)."""
    pages: dict[str, OutletPage] = {}
    for story in stories:
        for outlet in _light_outlets_of(story):
            name = outlet.article.outlet
            if name not in pages:
                pages[name] = OutletPage(name=name, slug=outlet_slug[name], stories=[])
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
