"""Gold alignments for evaluation: hand annotations (tests/fixtures) and ECB+ cross-document chains.

A *link* is an unordered pair of sentence ids from different articles that a
gold (or predicted) grouping puts in one group. Every loader gives a
normalized `Story` and the gold links between the sentences it can judge.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from itertools import combinations, permutations
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


# --- the fact-level gold of ../shared/gold (real BASIL stories) ------------------------------------

GOLD = ROOT.parent / "shared" / "gold"


@dataclass(slots=True)
class FactGold:
    """A real story annotated fact by fact (../shared/gold), with the story made the way make_story.py makes it."""

    name: str
    story: Story
    gold: dict  # type: ignore[type-arg]
    """The annotation: facts (strong / acceptable), must_flag, must_not_flag, traps."""
    folder: Path
    """The corpus folder the articles come from."""


def fact_gold_stories() -> list[FactGold]:
    """The stories of ../shared/gold, each read as make_story.py writes it: outlet = the file's stem."""
    if not GOLD.is_dir():
        return []
    return [fact_gold(path.stem, json.loads(path.read_text(encoding="utf-8"))) for path in sorted(GOLD.glob("*.json"))]


def fact_gold(name: str, gold: dict) -> FactGold:  # type: ignore[type-arg]
    """One BASIL story of the corpus with its annotation in the gold's format, read as make_story.py writes it."""
    from generator.model import StoryFolder

    folder = CORPUS / "basil" / name
    stems = gold.get("sources") or sorted({k for f in gold["facts"] for k in f["members"]})
    articles = [ArticleFile(id="".join(c if c.isalnum() else "-" for c in stem).strip("-"),
                            path=folder / f"{stem}.txt", format="markdown", outlet=stem,
                            body=(folder / f"{stem}.txt").read_text(encoding="utf-8"), body_line=3)
                for stem in stems]
    source = StoryFolder(slug=name, path=folder, title=name, articles=articles)
    return FactGold(name=name, story=normalize_story(source).story, gold=gold, folder=folder)


def _norm(text: str) -> str:
    """The scorer's normal form (../shared/gold/score_alignment.py): lower case, straight quotes, single spaces."""
    import re
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    text = text.replace("\u2013", "-").replace("\u2014", "-").replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text).strip().lower()


@dataclass(slots=True)
class FactScore:
    """What ../shared/gold/score_alignment.py and check_omissions.py report for one story."""

    links: int = 0
    wrong: int = 0
    pairs: int = 0
    """Strong fact pairs (per fact, per pair of outlets) the gold has."""
    found: int = 0
    must_flag: int = 0
    flagged: int = 0
    traps: int = 0
    variants: int = 0
    """Spelling or naming variants reported as differences."""
    claims: int = 0
    false_claims: int = 0
    missed: list[str] = field(default_factory=list)
    wrong_links: list[tuple[str, str]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return (self.links - self.wrong) / self.links if self.links else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.pairs if self.pairs else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def fact_score(fact: FactGold, groups: list[AlignedGroup] | list[Group], omissions: list | None = None,  # type: ignore[type-arg]
               differences: list[tuple[str, list[tuple[str, str]]]] | None = None) -> FactScore:
    """The official scorers' figures, computed on the model objects instead of a JSON file.

    `differences`: (kind, [(article, text)]) of every reported difference, for must-flags and variants.
    """
    gold = fact.gold
    text = {s.id: _norm(s.text) for a in fact.story.articles for s in a.sentences}
    article_of = {s.id: a.id for a in fact.story.articles for s in a.sentences}
    seed_of = {a.id: a.outlet for a in fact.story.articles}
    by_seed = {v: k for k, v in seed_of.items()}

    def find(seed: str, snippet: str) -> set[str]:
        wanted = _norm(snippet)
        return {sid for sid, t in text.items() if article_of[sid] == by_seed.get(seed) and wanted in t}

    links: set[frozenset[str]] = set()
    for group in groups:
        members = [m.sentence for m in group.members]
        for x, y in combinations(members, 2):
            if article_of[x] != article_of[y]:
                links.add(frozenset((x, y)))
    facts = []
    for f in gold["facts"]:
        per = {seed: set().union(*[find(seed, s) for s in snippets]) for seed, snippets in f["members"].items()}
        facts.append((f, {s: v for s, v in per.items() if v}))
    result = FactScore(links=len(links))
    for f, per in facts:
        if f["strength"] != "strong":
            continue
        for s1, s2 in combinations(sorted(per), 2):
            result.pairs += 1
            if any(frozenset((x, y)) in links for x in per[s1] for y in per[s2]):
                result.found += 1
            else:
                result.missed.append(f"{f['id']}:{s1}-{s2}")

    def ok(link: frozenset[str]) -> bool:
        x, y = tuple(link)
        return any(x in per[s1] and y in per[s2] for _, per in facts for s1, s2 in permutations(per, 2))

    for link in links:
        if not ok(link):
            result.wrong += 1
            x, y = sorted(link)
            result.wrong_links.append((text[x], text[y]))
    for trap in gold.get("traps", []):
        (sa, ta), (sb, tb) = trap["pair"]
        if any(frozenset((x, y)) in links for x in find(sa, ta) for y in find(sb, tb)):
            result.traps += 1
    if differences is not None:
        values = [(kind, [(seed_of.get(a), _norm(t)) for a, t in vals]) for kind, vals in differences]
        for m in gold.get("must_flag", []):
            result.must_flag += 1
            (_, ta), (_, tb) = m["sides"]
            if any(any(ta in t for _, t in vals) and any(tb in t for _, t in vals) and len({t for _, t in vals}) > 1
                   for _, vals in values):
                result.flagged += 1
        for m in gold.get("must_not_flag", []):
            pair = set(m["pair"])
            if any({t for _, t in vals} <= pair and len({t for _, t in vals}) > 1 for _, vals in values):
                result.variants += 1
    if omissions is not None:
        members = {g.id: [m.sentence for m in g.members] for g in groups}  # type: ignore[union-attr]
        for omission in omissions:
            seed = seed_of.get(omission.article)
            for group_id in omission.groups:
                result.claims += 1
                sentences = set(members.get(group_id, []))
                if any(f["strength"] == "strong" and seed in per and any(sentences & v for s, v in per.items() if s != seed)
                       for f, per in facts):
                    result.false_claims += 1
    return result


def hand_fact_score(story: Story, gold_groups: dict[str, list[str]],
                    groups: list[AlignedGroup] | list[Group]) -> dict[str, float]:
    """The official scorer's link figures on a hand annotation: every hand group is a strong fact;
    recall is per fact and pair of articles (any link between them counts), precision per link."""
    article_of = {s.id: a.id for a in story.articles for s in a.sentences}
    links = {frozenset((x, y)) for g in groups for x, y in combinations([m.sentence for m in g.members], 2)
             if article_of[x] != article_of[y]}
    facts = []
    for members in gold_groups.values():
        per: dict[str, set[str]] = {}
        for sentence in members:
            per.setdefault(article_of[sentence], set()).add(sentence)
        facts.append(per)
    pairs = found = 0
    for per in facts:
        for first, second in combinations(sorted(per), 2):
            pairs += 1
            found += any(frozenset((x, y)) in links for x in per[first] for y in per[second])
    wrong = sum(1 for link in links if not any(
        all(s in per.get(article_of[s], ()) for s in link) for per in facts))
    precision = (len(links) - wrong) / len(links) if links else 0.0
    recall = found / pairs if pairs else 0.0
    return {"p": precision, "r": recall, "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0}
