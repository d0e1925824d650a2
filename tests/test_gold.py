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
