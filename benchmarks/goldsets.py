"""Gold alignments for evaluation: hand annotations (tests/fixtures) and ECB+ cross-document chains.

A *link* is an unordered pair of sentence ids from different articles that a
gold (or predicted) grouping puts in one group. Every loader gives a
normalized `Story` and the gold links between the sentences it can judge.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

import yaml

from generator.content.load import load_story
from generator.content.normalize import normalize_story
from generator.model import AlignedGroup, ArticleFile, Group, Story
from generator.text.norm import comparable

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
ANNOTATIONS = ROOT / "tests" / "fixtures" / "annotations"
STORIES = ROOT / "tests" / "fixtures" / "stories"

Link = frozenset[str]


@dataclass(slots=True)
class GoldStory:
    name: str
    """Short name for tables."""
    source: str
    """Where the gold comes from: "hand" or "ecb+"."""
    story: Story
    links: set[Link]
    judged: set[str]
    """Sentence ids the gold covers; links between other sentences are not scored."""
    groups: dict[str, list[str]] = field(default_factory=dict)
    """Gold groups (hand annotations only): group key -> sentence ids."""
    annotation: dict = field(default_factory=dict)  # type: ignore[type-arg]
    """The raw annotation (differences, omissions)."""
    note: str = ""


def links_of(groups: list[list[str]], article_of: dict[str, str]) -> set[Link]:
    links: set[Link] = set()
    for members in groups:
        for a, b in combinations(sorted(set(members)), 2):
            if article_of[a] != article_of[b]:
                links.add(frozenset((a, b)))
    return links


def predicted_links(groups: list[AlignedGroup] | list[Group]) -> set[Link]:
    links: set[Link] = set()
    for group in groups:
        for a, b in combinations(group.members, 2):
            if a.article != b.article and a.sentence != b.sentence:
                links.add(frozenset((a.sentence, b.sentence)))
    return links


def article_index(story: Story) -> dict[str, str]:
    return {s.id: a.id for a in story.articles for s in a.sentences}


def resolve_member(story: Story, member: str) -> str:
    """`"<article> <start of sentence>"` -> the sentence id."""
    article_id, _, prefix = member.partition(" ")
    wanted = comparable(prefix)
    matches = [s.id for s in story.article(article_id).sentences if comparable(s.text).startswith(wanted)]
    if len(matches) != 1:
        raise ValueError(f"{member!r} matches {len(matches)} sentences")
    return matches[0]


def hand_annotated(story_dir: Path, annotation_file: Path, name: str | None = None) -> GoldStory:
    diagnostics: list = []
    source = load_story(story_dir, diagnostics)
    assert source is not None, diagnostics
    story = normalize_story(source).story
    annotation = yaml.safe_load(annotation_file.read_text(encoding="utf-8"))
    groups = {key: [resolve_member(story, m) for m in spec["members"]]
              for key, spec in annotation["groups"].items()}
    article_of = article_index(story)
    return GoldStory(name=name or story.slug, source="hand", story=story,
                     links=links_of(list(groups.values()), article_of), judged=set(article_of),
                     groups=groups, annotation=annotation)


def hand_stories() -> list[GoldStory]:
    stories = [hand_annotated(ROOT / "content" / "meta-employee-tracking-pause",
                              ANNOTATIONS / "meta-employee-tracking-pause.yaml", "meta (demo)")]
    for folder in sorted(STORIES.iterdir()):
        if (folder / "_expected.yaml").is_file():
            stories.append(hand_annotated(folder, folder / "_expected.yaml"))
    return stories


def ecbplus_story(folder: Path) -> GoldStory:
    """An ECB+ sub-topic: one article per document, one paragraph per line.

    Gold links join annotated sentences of different documents that mention
    the same cross-document ACTION chain (the same event).
    """
    annotations = json.loads((folder / "annotations.json").read_text(encoding="utf-8"))
    documents = annotations["documents"]
    articles = []
    line_to_sentence: dict[str, list[int]] = {}
    for file_name in sorted(documents):
        info = documents[file_name]
        article_id = _ecb_id(file_name)
        lines = (folder / file_name).read_text(encoding="utf-8").split("\n")
        numbers = sorted((int(k) for k in info["sentence_char_spans"]), key=lambda k: info["sentence_char_spans"][str(k)][0])
        line_to_sentence[article_id] = numbers
        body = "\n\n".join(line.strip() for line in lines)
        articles.append(ArticleFile(id=article_id, path=folder / file_name, format="markdown",
                                      outlet=file_name.removesuffix(".txt"), body=body))
    from generator.model import StoryFolder
    source = StoryFolder(slug=folder.name, path=folder, title=folder.name, articles=articles)
    story = normalize_story(source).story

    mentions = {m["mention_id"]: m for m in annotations["mentions"]}
    annotated = {(_ecb_id(f), s) for f, info in documents.items() for s in info["annotated_sentences"]}
    # our sentence id -> (article, ECB sentence number)
    gold_of: dict[str, tuple[str, int]] = {}
    for article in story.articles:
        numbers = line_to_sentence[article.id]
        for block in article.blocks:
            if block.line is None:
                continue
            line_index = (block.line - 1) // 2
            if line_index < len(numbers):
                for sentence in block.sentences:
                    gold_of[sentence.id] = (article.id, numbers[line_index])
    judged = {sid for sid, key in gold_of.items() if key in annotated}
    event_sentences: list[set[tuple[str, int]]] = []
    for chain in annotations["cross_doc_chains"]:
        if chain["tag"].startswith("ACTION"):
            event_sentences.append({(_ecb_id(mentions[m]["file"]), mentions[m]["sentence"])
                                    for m in chain["mentions"] if m in mentions})
    ours_by_gold: dict[tuple[str, int], list[str]] = {}
    for sid in judged:
        ours_by_gold.setdefault(gold_of[sid], []).append(sid)
    links: set[Link] = set()
    for sentences in event_sentences:
        ours = [sid for key in sentences if key in annotated for sid in ours_by_gold.get(key, [])]
        for a, b in combinations(sorted(ours), 2):
            if gold_of[a][0] != gold_of[b][0]:
                links.add(frozenset((a, b)))
    covered = len({gold_of[s] for s in judged})
    note = f"{covered} of {len(annotated)} annotated sentences kept as sentences"
    return GoldStory(name=folder.name.removeprefix("ecbplus-").removesuffix("-ecbplus"), source="ecb+",
                     story=story, links=links, judged=judged, note=note)


def _ecb_id(file_name: str) -> str:
    from generator.text.norm import slugify
    return slugify(file_name.removesuffix(".txt"))


def ecbplus_stories() -> list[GoldStory]:
    folder = CORPUS / "ecbplus"
    if not folder.is_dir():
        return []
    return [ecbplus_story(f) for f in sorted(folder.iterdir()) if (f / "annotations.json").is_file()]


@dataclass(slots=True)
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn


def score(gold: GoldStory, predicted: set[Link]) -> Score:
    judged = {link for link in predicted if link <= gold.judged}
    return Score(tp=len(judged & gold.links), fp=len(judged - gold.links), fn=len(gold.links - judged))
