"""The real annotated stories (`../shared/gold`), scored by their own scripts as the judges score them.

Regression guards at the measured level (docs/evaluation.md): a change that loses links, misses a
difference readers must be shown, or links a look-alike that states another fact fails here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.eval_alignment import GOLD, official

from .conftest import CORPUS

needs_gold = pytest.mark.skipif(not (GOLD.is_dir() and CORPUS.is_dir()), reason="../shared/gold is not present")

MEASURED = {
    # story: (least link F1, must-flag differences found, traps linked at most)
    "basil-2011-005a2961": (0.70, 1, 0),
    "basil-2012-29ffd053": (0.82, 2, 1),
    "basil-2013-11c9f251": (0.89, 2, 0),
    "basil-2014-33521e65": (0.76, 3, 1),
}


@needs_gold
@pytest.mark.corpus
@pytest.mark.slow
@pytest.mark.parametrize("story", sorted(MEASURED))
def test_real_story_scores_at_least_the_measured_level(story: str, tmp_path: Path) -> None:
    least_f1, flagged, traps = MEASURED[story]
    result = official(GOLD / f"{story}.json", tmp_path)
    problems = "\n".join(result.notes)
    assert result.f1 >= least_f1, f"{story}: F1 {result.f1:.2f}\n{problems}"
    assert result.flagged >= flagged, f"{story}: {result.flagged}/{result.must_flag} must-flags\n{problems}"
    assert result.traps <= traps, f"{story}: {result.traps} traps linked\n{problems}"
    assert result.variants == 0, problems


# The team's held-out stories (benchmarks/team_gold.py): nothing is fitted on them.
TEAM_MEASURED = {
    "basil-2014-22b6e900": (0.72, 0, 0),
    "basil-2011-97566c74": (0.72, 0, 0),
    "basil-2012-f11c2566": (0.90, 1, 0),
    "basil-2010-74708dbf": (0.60, 1, 0),
    "basil-2011-3db93526": (0.88, 0, 0),
    "basil-2012-b4dbeda7": (0.60, 2, 0),
    "basil-2014-d1344998": (0.78, 0, 0),
    "basil-2012-450755dd": (0.57, 0, 0),
    "basil-2011-550b80db": (0.78, 0, 0),
}


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not present")
@pytest.mark.corpus
@pytest.mark.parametrize("story", sorted(TEAM_MEASURED))
def test_team_annotation_names_sentences_that_exist(story: str) -> None:
    """Every member of the team's annotation is a sentence of the story as the pipeline reads it (a snippet
    that matched nothing would drop a fact pair from recall without a word)."""
    from benchmarks.goldsets import _norm
    from benchmarks.team_gold import fact_stories

    fact = next(f for f in fact_stories() if f.name == story)
    texts = {a.outlet: [_norm(s.text) for s in a.sentences] for a in fact.story.articles}
    unmatched = [f"{f['id']}/{outlet}: {snippet!r}" for f in fact.gold["facts"]
                 for outlet, snippets in f["members"].items() for snippet in snippets
                 if not any(_norm(snippet) in t for t in texts[outlet])]
    unmatched += [f"trap {outlet}: {snippet!r}" for trap in fact.gold["traps"] for outlet, snippet in trap["pair"]
                  if not any(_norm(snippet) in t for t in texts[outlet])]
    assert not unmatched, unmatched


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not present")
@pytest.mark.corpus
@pytest.mark.slow
@pytest.mark.parametrize("story", sorted(TEAM_MEASURED))
def test_held_out_story_scores_at_least_the_measured_level(story: str, tmp_path: Path) -> None:
    from benchmarks.team_gold import score

    least_f1, flagged, traps = TEAM_MEASURED[story]
    result = score(story, tmp_path)
    problems = "\n".join(result.notes)
    assert result.f1 >= least_f1, f"{story}: F1 {result.f1:.2f}\n{problems}"
    assert result.flagged >= flagged, f"{story}: {result.flagged}/{result.must_flag} must-flags\n{problems}"
    assert result.traps <= traps, f"{story}: {result.traps} traps linked\n{problems}"
    assert result.variants == 0, problems
