"""Baseline aligners kept beside Parallax's in the evaluation, so the gap stays visible.

`tfidf_groups`: TF-IDF cosine over stemmed words, a threshold, connected
components: the usual first attempt, which the issue measured at about 0.4 F1.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from itertools import combinations

from generator.analysis.unionfind import UnionFind
from generator.model import AlignedGroup, Member, Story
from generator.text.tokens import analyze


def tfidf_groups(story: Story, threshold: float = 0.3) -> list[AlignedGroup]:
    sentences = [(a.id, s) for a in story.articles for s in a.sentences]
    bags = [Counter(t.stem or t.norm for t in analyze(s.text).tokens if t.content) for _, s in sentences]
    df: Counter[str] = Counter()
    for bag in bags:
        df.update(bag.keys())
    n = len(bags)
    vectors = []
    for bag in bags:
        vector = {w: c * math.log((n + 1) / (df[w] + 1)) + 0.0 for w, c in bag.items()}
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        vectors.append({w: v / norm for w, v in vector.items()})
    sets = UnionFind(n)
    index: dict[str, list[int]] = defaultdict(list)
    for i, vector in enumerate(vectors):
        for w in vector:
            index[w].append(i)
    seen: set[tuple[int, int]] = set()
    for members in index.values():
        for i, j in combinations(members, 2):
            if (i, j) in seen or sentences[i][0] == sentences[j][0]:
                continue
            seen.add((i, j))
            cosine = sum(v * vectors[j].get(w, 0.0) for w, v in vectors[i].items())
            if cosine >= threshold:
                sets.union(j, i)
    return [AlignedGroup(members=[Member(article=sentences[i][0], sentence=sentences[i][1].id) for i in members])
            for k, members in enumerate(sets.groups())]
