"""Quotation speakers against the speakers a person wrote down (tests/fixtures/annotations/speakers.yaml).

    python -m benchmarks.eval_speakers          # per story: right / expected, and each miss
    python -m benchmarks.eval_speakers --write  # also writes docs/speakers.md (part of `make eval`)

Stories: the demo and the hand stories in tests/fixtures, and the dev gold stories of ../shared/gold
(skipped when ../shared is not present).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.analysis.quotations import quotations
from generator.model import Story

from .goldsets import fact_gold_stories, hand_stories

EXPECTED = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "annotations" / "speakers.yaml"


@dataclass
class SpeakerScore:
    story: str
    right: int
    expected: int
    misses: list[str]


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[’‘]", "'", text)).strip(" \"“”").lower()


def stories() -> dict[str, Story]:
    found = {("meta-employee-tracking-pause" if g.name == "meta (demo)" else g.name): g.story for g in hand_stories()}
    found.update({g.name: g.story for g in fact_gold_stories()})
    return found


def score_story(name: str, story: Story, expected: list[list[str]]) -> SpeakerScore:
    renderings = [(r.article, _norm(r.text), r.refers_to or r.speaker or "")
                  for q in quotations(story) for r in q.renderings if r.kind != "paraphrased"]
    right, misses = 0, []
    for article, first_words, speaker in expected:
        wanted = _norm(first_words)
        given = next((who for a, text, who in renderings if a == article and text.startswith(wanted)), None)
        if given is None:
            given = next((who for a, text, who in renderings if a == article and wanted in text), None)
        ok = (given is not None and ((speaker == "-" and not given) or (speaker != "-" and _norm(speaker) in _norm(given))))
        if ok:
            right += 1
        else:
            misses.append(f"{article} “{first_words}…”: expected {speaker}, got "
                          + ("no such quotation" if given is None else repr(given or None)))
    return SpeakerScore(name, right, len(expected), misses)


def scores() -> list[SpeakerScore]:
    expected = yaml.safe_load(EXPECTED.read_text(encoding="utf-8"))
    available = stories()
    return [score_story(name, available[name], rows) for name, rows in expected.items() if name in available]


def main() -> None:
    results = scores()
    lines = []
    for result in results:
        lines.append(f"{result.story}: {result.right}/{result.expected}")
        lines.extend(f"    {miss}" for miss in result.misses)
    lines.append(f"all: {sum(r.right for r in results)}/{sum(r.expected for r in results)}")
    print("\n".join(lines))
    if "--write" in sys.argv:
        table = "\n".join(f"| {r.story} | {r.right} / {r.expected} |" for r in results)
        misses = "\n".join(f"- {r.story}: {m}" for r in results for m in r.misses) or "- none"
        (EXPECTED.parents[3] / "docs" / "speakers.md").write_text(
            "# Quotation speakers\n\nMade by `make eval` (`python -m benchmarks.eval_speakers --write`). "
            "A person read each quotation of the demo, the hand stories and the dev gold stories and wrote "
            "down who speaks it (`tests/fixtures/annotations/speakers.yaml`); a speaker is right when the "
            "name Parallax gives (the person it resolves to, else the words the article uses) contains "
            "those words.\n\n| story | right / expected |\n| --- | --- |\n" + table + "\n\n## Misses\n\n"
            + misses + "\n\nBefore the speaker was read from the sentence's own attribution (commit before "
            "\"Quotation speakers\"), the dev gold stories scored 30 of 86 with the same expectations; the hand "
            "stories 20 of 20.\n", encoding="utf-8")


if __name__ == "__main__":
    main()
