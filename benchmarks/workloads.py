"""Benchmark workloads: content folders made from the shared corpus, at run time, into a scratch folder.

Real:
- `basil`: the 50 BASIL stories, 3 outlets each;
- `ecbplus`: the 22 ECB+ events, 10 to 21 outlets each.

Generated (seeded, so every run builds the same text), from real BASIL text
perturbed the way outlets differ: sentences dropped and reordered, synonyms
swapped (from Parallax's own paraphrase list), a number or a name changed, a
quotation trimmed, page junk added:
- `archive`: 100 stories x 8 articles x ~800 words;
- `wide`: one story of 40 articles x ~2,000 words;
- `long`: one story of 5 articles x ~20,000 words.

Nothing here is written into the repository: the corpus texts belong to their
publishers, and the folders are made fresh for each run.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

from generator.content.segment import split_sentences

from .goldsets import CORPUS

BASIL = CORPUS / "basil"
ECBPLUS = CORPUS / "ecbplus"

_JUNK = ["Advertisement", "Share this article", "Photo: Getty Images", "Read more: Five things to know this week",
         "Sign up for our newsletter", "Related: The week in review", "Continue reading below", "Image caption"]


@dataclass(frozen=True, slots=True)
class Workload:
    name: str
    stories: int
    articles: int
    """Articles per story (the most, for the real corpora)."""
    words: int
    """Total words of all articles."""
    root: Path
    """The project folder (parallax.toml, content/)."""

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def article_files(self) -> list[Path]:
        return sorted(p for p in self.content.rglob("*.md") if p.name != "_story.md")


def _project(root: Path) -> None:
    (root / "content").mkdir(parents=True, exist_ok=True)
    (root / "parallax.toml").write_text('title = "Benchmark"\n', encoding="utf-8")


def _story(folder: Path, title: str, articles: dict[str, tuple[str, str]]) -> int:
    """Write a story: articles maps file stem -> (outlet, body). Returns its words."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "_story.md").write_text(f"---\ntitle: {json.dumps(title)}\n---\n", encoding="utf-8")
    words = 0
    for stem, (outlet, body) in articles.items():
        (folder / f"{stem}.md").write_text(f"---\noutlet: {json.dumps(outlet)}\n---\n{body}\n", encoding="utf-8")
        words += len(body.split())
    return words


# --- real corpora ------------------------------------------------------------------------------

def basil(root: Path, limit: int | None = None) -> Workload:
    _project(root)
    words = 0
    events = sorted(p for p in BASIL.iterdir() if p.is_dir())[:limit]
    for event in events:
        meta = json.loads((event / "meta.json").read_text(encoding="utf-8"))
        articles = {}
        for code, info in meta["articles"].items():
            text = (event / info["file"]).read_text(encoding="utf-8")
            _, _, body = text.partition("\n\n")
            articles[code] = (info["outlet"], body.strip())
        words += _story(root / "content" / event.name, meta.get("main_event") or event.name, articles)
    return Workload("basil", len(events), 3, words, root)


def ecbplus(root: Path, limit: int | None = None) -> Workload:
    _project(root)
    words, most = 0, 0
    events = sorted(p for p in ECBPLUS.iterdir() if p.is_dir())[:limit]
    for event in events:
        meta = json.loads((event / "meta.json").read_text(encoding="utf-8"))
        articles = {}
        for outlet, info in meta["articles"].items():
            body = (event / info["file"]).read_text(encoding="utf-8").strip()
            articles[re.sub(r"[^a-z0-9]+", "-", outlet.lower()).strip("-")] = (outlet, body)
        most = max(most, len(articles))
        words += _story(root / "content" / event.name, event.name, articles)
    return Workload("ecbplus", len(events), most, words, root)


# --- generated -----------------------------------------------------------------------------------

def _basil_texts() -> list[list[str]]:
    """Each BASIL article as its paragraphs (title left out), in a fixed order."""
    texts = []
    for event in sorted(p for p in BASIL.iterdir() if p.is_dir()):
        for name in ("fox.txt", "hpo.txt", "nyt.txt"):
            _, _, body = (event / name).read_text(encoding="utf-8").partition("\n\n")
            texts.append([p.strip() for p in body.split("\n\n") if p.strip()])
    return texts


def _synonyms() -> dict[str, list[str]]:
    """Single-word members of Parallax's paraphrase classes: word -> the other words of its classes."""
    path = Path(__file__).resolve().parent.parent / "generator" / "text" / "data" / "paraphrases.txt"
    found: dict[str, set[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or ":" not in line:
            continue
        members = [m.strip() for m in line.split(":", 1)[1].split(",") if m.strip() and " " not in m.strip()]
        for member in members:
            found.setdefault(member, set()).update(m for m in members if m != member)
    return {word: sorted(others) for word, others in found.items() if others}


def base_text(rng: random.Random, texts: list[list[str]], words: int, start: int) -> list[str]:
    """Paragraphs of real text, from article `start` on, until about `words` words."""
    paragraphs: list[str] = []
    index = start
    while sum(len(p.split()) for p in paragraphs) < words:
        paragraphs += texts[index % len(texts)]
        index += 1
    # Cut at the paragraph that reaches the target.
    total, kept = 0, []
    for paragraph in paragraphs:
        kept.append(paragraph)
        total += len(paragraph.split())
        if total >= words:
            break
    return kept


def perturb(rng: random.Random, paragraphs: list[str], synonyms: dict[str, list[str]]) -> str:
    """One outlet's version of a text: the ways outlets differ, at rates seen in real coverage."""
    out: list[str] = []
    for paragraph in paragraphs:
        sentences = [paragraph[a:b] for a, b in split_sentences(paragraph)] or [paragraph]
        kept = [s for i, s in enumerate(sentences) if i == 0 or rng.random() > 0.15]
        for i in range(len(kept) - 1):
            if rng.random() < 0.1:
                kept[i], kept[i + 1] = kept[i + 1], kept[i]
        changed = []
        for sentence in kept:
            words = sentence.split(" ")
            for j, word in enumerate(words):
                bare = word.strip(".,;:!?\"'”“’‘()").lower()
                if bare in synonyms and rng.random() < 0.3:
                    words[j] = word.replace(bare, rng.choice(synonyms[bare]), 1) if bare in word else word
            sentence = " ".join(words)
            if rng.random() < 0.3:
                sentence = re.sub(r"\b(\d+)\b", lambda m: str(int(m.group(1)) + rng.choice((1, 2, 10))), sentence,
                                  count=1)
            if rng.random() < 0.05:
                sentence = re.sub(r"(?<=\s)([A-Z][a-z]{3,})", lambda m: m.group(1)[0] + m.group(1)[2]
                                  + m.group(1)[1] + m.group(1)[3:], sentence, count=1)
            quote = re.search(r"[\"“]([^\"”]{40,})[\"”]", sentence)
            if quote and rng.random() < 0.3:
                inner = quote.group(1).split(" ")
                sentence = sentence.replace(quote.group(1), " ".join(inner[len(inner) // 3:]), 1)
            changed.append(sentence)
        if changed:
            out.append(" ".join(changed))
    if len(out) > 3:
        i = rng.randrange(1, len(out) - 1)
        out[i], out[i + 1] = out[i + 1], out[i]  # a paragraph told earlier
    result: list[str] = []
    for paragraph in out:
        result.append(paragraph)
        if rng.random() < 0.12:
            result.append(rng.choice(_JUNK))
    return "\n\n".join(result)


def generated(root: Path, name: str, stories: int, articles: int, words: int, seed: int = 7) -> Workload:
    """`stories` stories of `articles` articles of about `words` words each."""
    _project(root)
    rng = random.Random(f"{name}-{seed}")
    texts = _basil_texts()
    synonyms = _synonyms()
    total = 0
    for number in range(stories):
        base = base_text(rng, texts, words, start=number * 3)
        story = {f"outlet-{j:02d}": (f"Outlet {j:02d}", perturb(rng, base, synonyms)) for j in range(articles)}
        total += _story(root / "content" / f"{name}-{number:03d}", f"{name.title()} story {number}", story)
    return Workload(name, stories, articles, total, root)


SIZES: dict[str, tuple[int, int, int]] = {
    "archive": (100, 8, 800),
    "wide": (1, 40, 2000),
    "long": (1, 5, 20000),
}
SMOKE_SIZES: dict[str, tuple[int, int, int]] = {
    "archive": (2, 3, 120),
    "wide": (1, 5, 150),
    "long": (1, 2, 600),
}


def make(name: str, root: Path, smoke: bool = False) -> Workload:
    if name == "basil":
        return basil(root, limit=2 if smoke else None)
    if name == "ecbplus":
        return ecbplus(root, limit=1 if smoke else None)
    stories, articles, words = (SMOKE_SIZES if smoke else SIZES)[name]
    return generated(root, name, stories, articles, words)
