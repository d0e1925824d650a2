"""Time one aligner on the stories of a content folder; prints JSON. Run in its own process:

    python -m benchmarks.aligners parallax|tfidf|difflib CONTENT_DIR [--limit N]

Only the alignment is timed: the stories are loaded and normalized first, the
same way for every aligner.

- `parallax`: Parallax's aligner (generator/align.py);
- `tfidf`: TF-IDF cosine over stemmed words, threshold 0.3, connected components;
- `difflib`: every pair of sentences from different articles compared with
  `difflib.SequenceMatcher` (ratio >= 0.6 joins them), connected components:
  what one writes first without an index.
"""

from __future__ import annotations

import argparse
import difflib
import json
import time
from collections.abc import Callable
from pathlib import Path

from generator.analysis.align import align_story
from generator.analysis.unionfind import UnionFind
from generator.content.load import load_content
from generator.content.normalize import normalize_story
from generator.model import AlignedGroup, Member, Story

from .baselines import tfidf_groups


def difflib_groups(story: Story, threshold: float = 0.6) -> list[AlignedGroup]:
    sentences = [(a.id, s) for a in story.articles for s in a.sentences]
    sets = UnionFind(len(sentences))
    words = [s.norm.split() for _, s in sentences]
    for i in range(len(sentences)):
        matcher = difflib.SequenceMatcher(autojunk=False)
        matcher.set_seq2(words[i])
        for j in range(i + 1, len(sentences)):
            if sentences[i][0] == sentences[j][0]:
                continue
            matcher.set_seq1(words[j])
            if matcher.ratio() >= threshold:
                sets.union(j, i)
    return [AlignedGroup(members=[Member(article=sentences[i][0], sentence=sentences[i][1].id) for i in members])
            for k, members in enumerate(sets.groups())]


ALIGNERS: dict[str, Callable[[Story], list[AlignedGroup]]] = {
    "parallax": align_story,
    "tfidf": lambda story: tfidf_groups(story, 0.3),
    "difflib": difflib_groups,
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("aligner", choices=sorted(ALIGNERS))
    parser.add_argument("content", type=Path)
    parser.add_argument("--limit", type=int, default=None, help="only the first N stories")
    args = parser.parse_args()
    sources = load_content(args.content).stories[:args.limit]
    stories = [normalize_story(source).story for source in sources]
    aligner = ALIGNERS[args.aligner]
    started = time.perf_counter()
    groups = sum(len(aligner(story)) for story in stories)
    seconds = time.perf_counter() - started
    print(json.dumps({"seconds": seconds, "stories": len(stories), "groups": groups,
                      "sentences": sum(len(a.sentences) for s in stories for a in s.articles)}))


if __name__ == "__main__":
    main()
