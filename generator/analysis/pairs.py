"""How likely two sentences of different articles state the same fact (part of the align stage).

For every candidate pair of sentences from different articles, a few
features: the lexical score (shared words weighted by rarity, paraphrase
classes, clauses; `align.pair_score`, computed for all pairs at once by
`lexical.LexicalIndex`), the cosine of their sentence
embeddings and of their closest clauses (`semantic`), each standardised over
the story's pairs, how each sentence ranks the other among the sentences of
its article (a fact is told once per article, so the best match matters
more than a good one), whether they are headlines, and how far apart they
stand. A logistic model turns them into a probability. Its weights are
fitted on hand-annotated real stories (`python -m benchmarks.fit_aligner`,
leave-one-story-out; `data/aligner-weights.json` records how).

Candidates are every cross-article pair of a story of ordinary size; in a
large story, the pairs the lexical index proposes and each sentence's nearest
neighbours by meaning in every other article.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

    from .align import AlignConfig, Unit
    from .semantic import Embeddings

WEIGHTS = Path(__file__).resolve().parent / "data" / "aligner-weights.json"

SEMANTIC_FEATURES = ("z_lexical", "z_lexical_clauses", "z_cosine", "z_cosine_clauses", "combined",
                     "best_both_ways", "best_one_way", "log_rank_better", "log_rank_worse",
                     "both_headlines", "one_headline", "position_gap", "lexical", "lexical_clauses",
                     "cosine", "cosine_clauses", "names_apart", "speakers_apart")
LEXICAL_FEATURES = ("z_lexical", "z_lexical_clauses", "combined", "best_both_ways", "best_one_way",
                    "log_rank_better", "log_rank_worse", "both_headlines", "one_headline", "position_gap",
                    "lexical", "lexical_clauses", "names_apart", "speakers_apart")

ALL_PAIRS_UP_TO = 40_000
"""Stories with at most this many cross-article sentence pairs have every pair scored."""
NEIGHBOURS = 3
"""In larger stories: each sentence's nearest sentences by meaning in each other article are candidates."""
SAMPLE = 20_000
"""Pairs sampled (deterministically) to standardise the lexical scores of a large story."""


@dataclass(slots=True)
class Pairs:
    """The candidate pairs of a story with their features and probabilities."""

    left: list[int]
    right: list[int]
    """Unit indexes, left < right, from different articles."""
    features: np.ndarray
    """One row per pair, columns as in SEMANTIC_FEATURES or LEXICAL_FEATURES."""
    names: tuple[str, ...]
    probability: np.ndarray

    def scores(self, floor: float = 0.02) -> dict[tuple[int, int], float]:
        """Pair -> probability, for the pairs above `floor` (the clustering's sparse input)."""
        import numpy as np

        probability = np.asarray(self.probability)
        kept = probability >= floor
        left, right = np.asarray(self.left)[kept].tolist(), np.asarray(self.right)[kept].tolist()
        return dict(zip(zip(left, right, strict=True), probability[kept].tolist(), strict=True))


@cache
def weights(method: str) -> tuple[tuple[str, ...], np.ndarray, float]:
    """(feature names, coefficients, intercept) of the fitted model for `semantic` or `lexical`."""
    import numpy as np

    data = json.loads(WEIGHTS.read_text(encoding="utf-8"))[method]
    return tuple(data["features"]), np.array(data["coefficients"], dtype=np.float64), float(data["intercept"])


def pair_features(units: list[Unit], config: AlignConfig, embeddings: Embeddings | None) -> tuple[
        list[int], list[int], np.ndarray, tuple[str, ...]]:
    """The candidate pairs and their features (semantic ones when `embeddings` is given)."""
    import numpy as np

    from .align import lexical_candidate_keys
    from .lexical import CHUNK, LexicalIndex

    index = LexicalIndex(units, config)

    def lexical_columns(x: np.ndarray, y: np.ndarray) -> dict[str, np.ndarray]:
        # `align.lexical_scores` of every pair (x[k], y[k]) at once, the same numbers bit for bit.
        whole, with_clauses = index.scores(x, y)
        return {"lexical": whole, "lexical_clauses": with_clauses}

    n = len(units)
    article = np.array([u.article for u in units])
    sizes = np.bincount(article) if n else np.zeros(0, dtype=int)
    cross = int((n * n - int((sizes * sizes).sum())) // 2)
    sentence_vectors = clause_best = None
    if embeddings is not None:
        sentence_vectors = embeddings.of([u.sentence.text for u in units])
        clause_vectors = _clause_vectors(units, embeddings)
    if cross <= ALL_PAIRS_UP_TO:
        left, right = _all_cross_pairs(article)
    else:
        # Candidates as integer keys i * n + j (i < j), merged and ordered by np.unique.
        keys = [lexical_candidate_keys(units, config)]
        if sentence_vectors is not None:
            similarity = sentence_vectors @ sentence_vectors.T
            for other in sorted(set(article.tolist())):
                in_other = np.flatnonzero(article == other)
                outside = np.flatnonzero(article != other)
                best = np.argsort(-similarity[np.ix_(outside, in_other)], axis=1, kind="stable")[:, :NEIGHBOURS]
                i, j = np.repeat(outside, best.shape[1]), in_other[best].ravel()
                keys.append(np.minimum(i, j) * n + np.maximum(i, j))
        unique = np.unique(np.concatenate(keys))
        left, right = (unique // n).tolist(), (unique % n).tolist()
    left_rows, right_rows = np.asarray(left, dtype=np.int64), np.asarray(right, dtype=np.int64)
    columns = lexical_columns(left_rows, right_rows)
    # A large story's scores are standardised on a sample of its pairs, a small one's on all of them.
    sample = _sample_pairs(units, article) if cross > ALL_PAIRS_UP_TO else None
    sample_left = np.asarray([a for a, _ in sample or ()], dtype=np.int64)
    sample_right = np.asarray([b for _, b in sample or ()], dtype=np.int64)
    reference = lexical_columns(sample_left, sample_right) if sample is not None else dict(columns)
    if sentence_vectors is not None:
        if n * n <= BLOCK:
            # A story of up to ~2,000 sentences: every similarity in one matrix product, then the pairs' read
            # from it (gathering both sides' vectors of each pair moved 80 MB for an archive story).
            columns["cosine"] = (sentence_vectors @ sentence_vectors.T)[left_rows, right_rows]
        else:
            # Row by row, a chunk of pairs at a time: gathering both sides of every pair at once took 1.7 GB
            # for the wide story's 543,000 pairs.
            columns["cosine"] = np.concatenate(
                [np.einsum("ij,ij->i", sentence_vectors[left_rows[start:start + CHUNK]],
                           sentence_vectors[right_rows[start:start + CHUNK]]) for start in range(0, len(left), CHUNK)]) \
                if left else np.zeros(0)
        clause_best = _best_clause_cosines(clause_vectors, left_rows, right_rows)
        columns["cosine_clauses"] = clause_best
        if sample is not None:
            reference["cosine"] = np.einsum("ij,ij->i", sentence_vectors[sample_left], sentence_vectors[sample_right]) \
                if sample else np.zeros(0)
            reference["cosine_clauses"] = _best_clause_cosines(clause_vectors, sample_left, sample_right)
        else:
            reference["cosine"], reference["cosine_clauses"] = columns["cosine"], clause_best
    for name in list(columns):
        values = reference[name]
        mean, spread = (float(values.mean()), float(values.std())) if len(values) else (0.0, 1.0)
        columns[f"z_{name}"] = (columns[name] - mean) / (spread or 1.0)
    columns["combined"] = 0.5 * columns["z_lexical_clauses"] + 0.5 * columns["z_cosine_clauses"] \
        if sentence_vectors is not None else columns["z_lexical_clauses"]
    _rank_features(units, left, right, columns)
    headline = np.array([u.headline for u in units])
    both, either = headline[left_rows] & headline[right_rows], headline[left_rows] ^ headline[right_rows]
    columns["both_headlines"], columns["one_headline"] = both.astype(float), either.astype(float)
    position = np.array([u.position for u in units])
    columns["position_gap"] = np.abs(position[left_rows] - position[right_rows]) if left else np.zeros(0)
    shared, in_left, in_right = _shared_counts([_names(u) for u in units], left_rows, right_rows)
    columns["names_apart"] = np.minimum(in_left - shared, in_right - shared).astype(float)
    shared, in_left, in_right = _shared_counts([_speaker_names(u) for u in units], left_rows, right_rows)
    columns["speakers_apart"] = ((in_left > 0) & (in_right > 0) & (shared == 0)).astype(float)
    chosen = SEMANTIC_FEATURES if sentence_vectors is not None else LEXICAL_FEATURES
    matrix = np.column_stack([columns[name] for name in chosen]) if left else np.zeros((0, len(chosen)))
    return left, right, matrix, chosen


def score_pairs(units: list[Unit], config: AlignConfig, embeddings: Embeddings | None) -> Pairs:
    """The candidate pairs with their probability of stating the same fact."""
    import numpy as np

    left, right, matrix, names = pair_features(units, config, embeddings)
    method = "semantic" if embeddings is not None else "lexical"
    fitted, coefficients, intercept = weights(method)
    if fitted != names:
        raise ValueError(f"aligner weights for {method} are for features {fitted}, not {names}")
    probability = 1.0 / (1.0 + np.exp(-(matrix @ coefficients + intercept))) if len(left) else np.zeros(0)
    return Pairs(left=left, right=right, features=matrix, names=names, probability=probability)


def _all_cross_pairs(article: np.ndarray) -> tuple[list[int], list[int]]:
    """Every pair (i, j), i < j, of units of different articles, in order; built article pair by article
    pair as arrays, so the cost is the number of such pairs, not the square of all units."""
    import numpy as np

    n = len(article)
    members = [np.flatnonzero(article == a) for a in range(int(article.max()) + 1)] if n else []
    keys = [np.minimum.outer(members[x], members[y]).ravel() * n + np.maximum.outer(members[x], members[y]).ravel()
            for x in range(len(members)) for y in range(x + 1, len(members))
            if len(members[x]) and len(members[y])]
    if not keys:
        return [], []
    ordered = np.sort(np.concatenate(keys))
    return (ordered // n).tolist(), (ordered % n).tolist()


def _clause_vectors(units: list[Unit], embeddings: Embeddings) -> list[np.ndarray]:
    """Each unit's clause vectors (its sentence vector alone when it is one clause)."""
    texts: list[str] = []
    owners: list[int] = []
    for unit in units:
        spans = [c.span for c in unit.clauses if c.span is not None] or [(0, len(unit.sentence.text))]
        for start, end in spans:
            texts.append(unit.sentence.text[start:end])
            owners.append(unit.index)
    vectors = embeddings.of(texts)
    grouped: list[list[int]] = [[] for _ in units]
    for row, owner in enumerate(owners):
        grouped[owner].append(row)
    return [vectors[rows] for rows in grouped]


BLOCK = 4_000_000
"""Clause similarities computed at once when finding each pair's closest clauses (16 MB of float32)."""


def _best_clause_cosines(clause_vectors: list[np.ndarray], left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """For each pair (left[k], right[k]), the cosine of their closest clauses.

    The clause-by-clause similarities of a block of sentences with every sentence are one matrix
    product, reduced to sentence by sentence maxima; only the pairs asked for are read from it. Blocks
    keep the matrix near BLOCK entries however long the story.
    """
    import numpy as np

    best = np.zeros(len(left), dtype=np.float32)
    if not len(left):
        return best
    from .lexical import run_starts

    lengths = [len(v) for v in clause_vectors]
    counts, starts = np.array(lengths), run_starts(lengths)
    stacked = np.vstack(clause_vectors)
    a, b = np.asarray(left, dtype=np.int64), np.asarray(right, dtype=np.int64)
    order = np.argsort(a, kind="stable")
    rows_per_block = max(1, BLOCK // max(1, len(stacked)))
    first = 0
    while first < len(clause_vectors):
        last = first + 1  # sentences first..last-1, whose clauses number about rows_per_block
        while last < len(clause_vectors) and starts[last] + counts[last] - starts[first] <= rows_per_block:
            last += 1
        lo, hi = np.searchsorted(a[order], [first, last])
        if hi > lo:
            chosen = order[lo:hi]
            block = stacked[starts[first]:starts[last - 1] + counts[last - 1]] @ stacked.T
            block = np.maximum.reduceat(block, starts, axis=1)
            block = np.maximum.reduceat(block, starts[first:last] - starts[first], axis=0)
            best[chosen] = block[a[chosen] - first, b[chosen]]
        first = last
    return best


def _shared_counts(sets: list[frozenset[tuple[str, ...]]], left: np.ndarray, right: np.ndarray) -> tuple[
        np.ndarray, np.ndarray, np.ndarray]:
    """For each pair (left[k], right[k]): how many items their sets share, and the two sets' sizes.

    Every item of each left set is looked up among the (set, item) codes of all sets, as
    `lexical.LexicalIndex` looks up a sentence's words in another's.
    """
    import numpy as np

    from .lexical import expand_runs, in_sorted, run_starts

    ids: dict[tuple[str, ...], int] = {}
    flat: list[int] = []
    for members in sets:
        flat.extend(sorted(ids.setdefault(item, len(ids)) for item in members))
    lengths = [len(members) for members in sets]
    sizes = np.array(lengths, dtype=np.int64)
    a, b = np.asarray(left, dtype=np.int64), np.asarray(right, dtype=np.int64)
    if not len(a) or not flat:
        zeros = np.zeros(len(a), dtype=np.int64)
        return zeros, sizes[a] if len(a) else zeros, sizes[b] if len(b) else zeros
    width = len(ids)
    items = np.asarray(flat, dtype=np.int64)
    known = np.repeat(np.arange(len(sets), dtype=np.int64), sizes) * width + items  # (set, item), sorted
    pair, position = expand_runs(run_starts(lengths)[a], sizes[a])
    hit = in_sorted(known, b[pair] * width + items[position])
    return np.bincount(pair[hit], minlength=len(a)), sizes[a], sizes[b]


def _sample_pairs(units: list[Unit], article: np.ndarray) -> list[tuple[int, int]]:
    """Up to SAMPLE cross-article pairs, the same ones in every run (a fixed stride through all pairs)."""
    n = len(units)
    total = n * (n - 1) // 2
    stride = max(1, total // SAMPLE)
    sample = []
    for k in range(0, total, stride):
        i = int((math.isqrt(8 * k + 1) - 1) // 2)  # k-th pair of the triangle: (j, i) with j < i
        j = k - i * (i + 1) // 2
        a, b = j, i + 1
        if article[a] != article[b]:
            sample.append((a, b))
    return sample


def _names(unit: Unit) -> frozenset[tuple[str, ...]]:
    """The proper names a sentence mentions (runs of capitalized words), in their canonical form."""
    from ..text.variants import canonical

    words = [t for t in unit.analysis.tokens if t.kind == "word"]
    if sum(t.text[:1].isupper() for t in words) > 0.5 * len(words):
        return frozenset()  # a headline in title case: its capitals name nothing
    found: set[tuple[str, ...]] = set()
    run: list[str] = []
    for token in [*unit.analysis.tokens, None]:
        if token is not None and token.kind == "word" and token.capitalized and token.norm not in STOP_NAMES:
            run.append(token.text)
            continue
        if run:
            found.add(canonical(" ".join(run)))
            run = []
    return frozenset(found)


def _speaker_names(unit: Unit) -> frozenset[tuple[str, ...]]:
    """The proper names in the words that say who said it ("..., Dick Cheney said"), if any."""
    from ..text.tokens import attribution_span
    from ..text.variants import canonical

    span = attribution_span(unit.analysis)
    if span is None:
        return frozenset()
    tokens = unit.analysis.tokens[span[0]:span[1]]
    return frozenset(canonical(t.text) for t in tokens if t.kind == "word" and t.capitalized
                     and t.norm not in STOP_NAMES)


STOP_NAMES = frozenset({"mr", "mrs", "ms", "dr", "i", "a", "the", "monday", "tuesday", "wednesday", "thursday",
                        "friday", "saturday", "sunday"})
"""Capitalized words that name no one."""


def _rank_features(units: list[Unit], left: list[int], right: list[int], columns: dict[str, np.ndarray]) -> None:
    """How each sentence of a pair ranks the other among the candidates from the other's article (0: best)."""
    import numpy as np

    combined = columns["combined"]
    rank = np.zeros((len(left), 2))
    if left:
        # Each pair in two lists: a's candidates from b's article (side 0), b's from a's (side 1). Sorted
        # by list, then by score (best first), then by pair and side: a pair's rank is its place in its list.
        a, b = np.array(left, dtype=np.int64), np.array(right, dtype=np.int64)
        article = np.array([u.article for u in units], dtype=np.int64)
        width = int(article.max()) + 1
        key = np.concatenate([a * width + article[b], b * width + article[a]])
        pair = np.concatenate([np.arange(len(left)), np.arange(len(left))])
        side = np.repeat([0, 1], len(left))
        order = np.lexsort((side, pair, -np.concatenate([combined, combined]), key))
        key_sorted = key[order]
        start = np.flatnonzero(np.r_[True, key_sorted[1:] != key_sorted[:-1]])
        position = np.arange(len(order)) - np.repeat(start, np.diff(np.r_[start, len(order)]))
        rank[pair[order], side[order]] = position
    better, worse = rank.min(axis=1), rank.max(axis=1)
    columns["best_both_ways"] = (worse == 0).astype(float)
    columns["best_one_way"] = (better == 0).astype(float)
    columns["log_rank_better"], columns["log_rank_worse"] = np.log1p(better), np.log1p(worse)
