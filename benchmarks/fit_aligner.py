"""Fit the aligner's pair model on hand-annotated real stories, and say how well it holds on a story it
was not fitted on.

    python -m benchmarks.fit_aligner            # leave-one-story-out figures, no file written
    python -m benchmarks.fit_aligner --write    # also write generator/analysis/data/aligner-weights.json

The stories are the four BASIL stories of ../shared/gold (annotated fact by
fact) and the demo story (tests/fixtures/annotations); the three stories
written for the tests are left out, as they paraphrase far less than real
outlets do. Pairs of sentences that one strong fact holds are positives, pairs
only an acceptable fact holds are left out, all other cross-article pairs are
negatives; each story weighs the same however many pairs it has. The features
are the production ones (`generator.analysis.pairs.pair_features`), so what is
fitted is what runs. Leave-one-story-out: each story is scored by a model
fitted on the other four, grouped with the default thresholds, and reported
with the official scorer's figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

import numpy as np

from generator.analysis.align import AlignConfig, _units, _weigh, align_story
from generator.analysis.compare import compare_story
from generator.analysis.pairs import WEIGHTS, pair_features
from generator.analysis.semantic import Embeddings, encoder
from generator.model import Story

from . import team_gold
from .goldsets import FactGold, _norm, fact_gold_stories, fact_score, hand_stories

L2 = (0.3, 1.0, 3.0, 10.0)


@dataclass(slots=True)
class Sample:
    name: str
    story: Story
    labels: dict[frozenset[str], float]
    """Sentence pair -> 1 (one strong fact, or one hand group), 0.5 (only an acceptable fact)."""
    gold: FactGold | None = None
    hand_groups: dict[str, list[str]] | None = None


def samples(team: bool = False) -> list[Sample]:
    found = []
    for fact in fact_gold_stories() + (team_gold.fact_stories() if team else []):
        text = {s.id: _norm(s.text) for a in fact.story.articles for s in a.sentences}
        article_of = {s.id: a.id for a in fact.story.articles for s in a.sentences}
        by_outlet = {a.outlet: a.id for a in fact.story.articles}
        labels: dict[frozenset[str], float] = {}
        for f in fact.gold["facts"]:
            per = {outlet: {sid for sid, t in text.items() for snippet in snippets
                            if article_of[sid] == by_outlet.get(outlet) and _norm(snippet) in t}
                   for outlet, snippets in f["members"].items()}
            for first, second in combinations([v for v in per.values() if v], 2):
                for x in first:
                    for y in second:
                        key = frozenset((x, y))
                        labels[key] = max(labels.get(key, 0.0), 1.0 if f["strength"] == "strong" else 0.5)
        found.append(Sample(name=fact.name, story=fact.story, labels=labels, gold=fact))
    demo = next(g for g in hand_stories() if g.name == "meta (demo)")
    labels = {link: 1.0 for link in demo.links}
    found.append(Sample(name="meta (demo)", story=demo.story, labels=labels, hand_groups=demo.groups))
    return found


def features(sample: Sample, semantic: bool) -> tuple[np.ndarray, np.ndarray, tuple[str, ...]]:
    config = AlignConfig()
    units = _units(sample.story)
    _weigh(units, config)
    embeddings = Embeddings(encoder()) if semantic else None
    left, right, matrix, names = pair_features(units, config, embeddings)
    y = np.array([sample.labels.get(frozenset((units[a].sentence.id, units[b].sentence.id)), 0.0)
                  for a, b in zip(left, right, strict=True)])
    return matrix, y, names


def fit(blocks: list[tuple[np.ndarray, np.ndarray]], l2: float) -> tuple[np.ndarray, float]:
    """L2-regularised logistic regression by Newton's method; each block (story) weighs the same."""
    rows = np.concatenate([x[y != 0.5] for x, y in blocks])
    target = np.concatenate([(y[y != 0.5] == 1).astype(float) for _, y in blocks])
    weight = np.concatenate([np.full(int((y != 0.5).sum()), 1000.0 / max(1, int((y != 0.5).sum())))
                             for _, y in blocks])
    mean, spread = rows.mean(axis=0), rows.std(axis=0)
    spread[spread == 0] = 1.0
    design = np.column_stack([(rows - mean) / spread, np.ones(len(rows))])
    theta = np.zeros(design.shape[1])
    penalty = np.r_[np.full(design.shape[1] - 1, l2), 0.0]
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-design @ theta))
        gradient = design.T @ (weight * (p - target)) + penalty * theta
        hessian = (design * (weight * p * (1 - p))[:, None]).T @ design + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        theta -= step
        if np.abs(step).max() < 1e-9:
            break
    coefficients = theta[:-1] / spread
    return coefficients, float(theta[-1] - (coefficients * mean).sum())


def evaluate(sample: Sample, semantic: bool) -> dict[str, float]:
    """The sample's figures with the weights currently loaded (align_story as it runs)."""
    embeddings = Embeddings(encoder()) if semantic else None
    aligned = align_story(sample.story, embeddings=embeddings)
    groups, omissions = compare_story(sample.story, aligned)
    if sample.gold is not None:
        differences = [(d.kind, [(v.article, v.text) for v in d.values]) for g in groups for d in g.differences]
        score = fact_score(sample.gold, groups, omissions, differences)
        return {"p": score.precision, "r": score.recall, "f1": score.f1, "flagged": score.flagged,
                "must_flag": score.must_flag, "traps": score.traps, "claims": score.claims,
                "false": score.false_claims}
    from .goldsets import hand_fact_score
    return hand_fact_score(sample.story, sample.hand_groups or {}, groups)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="write the fitted weights")
    parser.add_argument("--team", action="store_true", help="fit on the team's stories too (benchmarks/team_gold.py)")
    args = parser.parse_args(argv)
    import generator.analysis.pairs as pairs_module

    stories = samples(team=args.team)
    fitted: dict[str, dict[str, object]] = {}
    for method, semantic in (("semantic", True), ("lexical", False)):
        data = [features(s, semantic) for s in stories]
        names = data[0][2]
        best: tuple[float, float, list[dict[str, float]]] | None = None
        for l2 in L2:
            results = []
            for held_out, sample in enumerate(stories):
                coefficients, intercept = fit([(x, y) for i, (x, y, _) in enumerate(data) if i != held_out], l2)
                pairs_module.weights.cache_clear()
                original = pairs_module.weights
                pairs_module.weights = lambda m, c=coefficients, b=intercept, n=names: (n, c, b)  # type: ignore[assignment,misc]
                try:
                    results.append(evaluate(sample, semantic))
                finally:
                    pairs_module.weights = original  # type: ignore[assignment]
            mean = statistics.mean(r["f1"] for r in results)
            traps = sum(int(r.get("traps", 0)) for r in results)
            false = sum(int(r.get("false", 0)) for r in results)
            claims = sum(int(r.get("claims", 0)) for r in results)
            flagged = sum(int(r.get("flagged", 0)) for r in results)
            print(f"{method} l2={l2}: " + "  ".join(f"{s.name[6:] if s.gold else 'demo'} {r['f1']:.2f}"
                                                  for s, r in zip(stories, results, strict=True))
                  + f"  mean {mean:.3f}; traps {traps}, false omissions {false}/{claims}, must-flags {flagged}",
                  flush=True)
            if best is None or mean > best[0]:
                best = (mean, l2, results)
        assert best is not None
        mean, l2, results = best
        coefficients, intercept = fit([(x, y) for x, y, _ in data], l2)
        fitted[method] = {
            "features": list(names), "coefficients": [round(float(c), 6) for c in coefficients],
            "intercept": round(intercept, 6), "l2": l2,
            "leave_one_story_out_f1": {(s.name if s.gold else "meta (demo)"): round(r["f1"], 3)
                                       for s, r in zip(stories, results, strict=True)},
        }
    if args.write:
        document = {"fitted": dt.date.today().isoformat(), "by": "python -m benchmarks.fit_aligner --write",
                    "stories": [s.name for s in stories], **fitted}
        WEIGHTS.write_text(json.dumps(document, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {WEIGHTS}")


if __name__ == "__main__":
    main()
