"""The "who cites whom" drawing: outlets on the left, the sources they cite on the right (part of render).

Python works out where each node and line goes; the story template draws
them as SVG, so no markup is built here.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Story


@dataclass(slots=True)
class DiagramNode:
    label: str
    x: float
    y: float
    kind: str = ""


@dataclass(slots=True)
class DiagramEdge:
    x1: float
    y1: float
    x2: float
    y2: float
    weight: int


@dataclass(slots=True)
class CitesDiagram:
    """"Who cites whom": outlets on the left, the sources they cite on the right."""

    width: int
    height: int
    outlets: list[DiagramNode]
    sources: list[DiagramNode]
    edges: list[DiagramEdge]
    left_out: int
    """Sources cited by one outlet only and not shown, to keep the drawing readable."""


_DIAGRAM_MAX_SOURCES = 14


def cites_diagram(story: Story) -> CitesDiagram | None:
    """Outlets (left) linked to the sources they cite (right). Sources cited by two or more outlets
    come first; single-outlet sources fill the drawing up to a limit, the rest are counted."""
    if not story.sources:
        return None
    index = {a.id: i for i, a in enumerate(story.articles)}
    # Each source sits level with the outlets that cite it (their mean position), so lines cross less.
    shown = sorted(story.sources[:_DIAGRAM_MAX_SOURCES], key=lambda src: (
        sum(index[c.article] for c in src.citations) / len(src.citations), -len(src.citations)))
    row, top = 30, 20
    height = top * 2 + row * max(len(story.articles), len(shown))
    width = 720
    left_x, right_x = 170, 440

    def spread(count: int) -> list[float]:
        gap = (height - 2 * top) / max(count, 1)
        return [top + gap * (i + 0.5) for i in range(count)]

    outlets = [DiagramNode(label=a.outlet, x=left_x, y=y) for a, y in zip(story.articles, spread(len(story.articles)), strict=True)]
    sources = [DiagramNode(label=src.name, x=right_x, y=y, kind=src.kind) for src, y in zip(shown, spread(len(shown)), strict=True)]
    edges = []
    for j, src in enumerate(shown):
        counts: dict[str, int] = {}
        for citation in src.citations:
            counts[citation.article] = counts.get(citation.article, 0) + 1
        for article_id, weight in counts.items():
            o = outlets[index[article_id]]
            edges.append(DiagramEdge(x1=o.x, y1=o.y, x2=sources[j].x, y2=sources[j].y, weight=min(weight, 4)))
    return CitesDiagram(width=width, height=int(height), outlets=outlets, sources=sources, edges=edges,
                        left_out=len(story.sources) - len(shown))
