"""How many typed differences Parallax reports on the 50 BASIL stories of ../shared/corpus, by kind.

    python -m benchmarks.difference_census              # counts per kind
    python -m benchmarks.difference_census number name  # also every difference of these kinds, to read
    python -m benchmarks.difference_census --ecbplus name wording  # the 22 ECB+ events (10-21 outlets each)

The stories are unannotated, so this counts, it does not score: a person reads the listed differences
and judges them (docs/comparison.md and the closing notes of the alignment issue record what was read).
A kind whose count jumps after a change is the first thing to read. Each story is made the way the
gold's make_story.py makes one (outlet = the file's stem) and goes through the same pipeline as a build
(normalize, align with the semantic layer when it is installed, compare).
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from benchmarks.goldsets import CORPUS
from generator.build import process_story
from generator.model import ArticleFile, SiteConfig, Story, StoryFolder


def stories(corpus: str = "basil") -> list[tuple[str, Story]]:
    """Every story of the corpus (its BASIL stories, or its ECB+ events: one outlet per file), processed."""
    found = []
    for folder in sorted((CORPUS / corpus).iterdir()) if (CORPUS / corpus).is_dir() else []:
        texts = sorted(folder.glob("*.txt"))
        articles = [ArticleFile(id=path.stem, path=path, format="markdown", outlet=path.stem,
                                body=path.read_text(encoding="utf-8"), body_line=1) for path in texts]
        source = StoryFolder(slug=folder.name, path=folder, title=folder.name, articles=articles)
        found.append((folder.name, process_story(source, SiteConfig(root=Path("/"))).story))
    return found


def main() -> None:
    corpus = "ecbplus" if "--ecbplus" in sys.argv[1:] else "basil"
    shown = set(sys.argv[1:]) - {"--ecbplus"}
    counts: Counter[str] = Counter()
    processed = stories(corpus)
    if not processed:
        sys.exit(f"no stories in {CORPUS / corpus}")
    for name, story in processed:
        text = {s.id: s.text for a in story.articles for s in a.sentences}
        for group in story.groups:
            for difference in group.differences:
                counts[difference.kind] += 1
                if difference.kind in shown:
                    print(f"{name} {difference.kind} {group.id} (confidence {group.confidence}):",
                          " / ".join(f"{v.article}: {v.text}" for v in difference.values))
                    for sentence in dict.fromkeys(v.sentence for v in difference.values):
                        print(f"      {sentence} {text[sentence][:160]}")
    print(f"{len(processed)} stories; typed differences by kind:")
    for kind, count in counts.most_common():
        print(f"  {kind:12} {count}")


if __name__ == "__main__":
    main()
