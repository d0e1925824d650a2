"""One six-outlet ECB+ event scored fact by fact, as the unseen six-outlet ECB+ story is judged.

    python -m benchmarks.ecb_facts        # P / R / F1, with -v the wrong and missed links

ECB+ topic 12 (an Indian warship foils a pirate attack, November 2011), the six outlets below, read from
../shared/corpus/ecbplus as `make_story.py` would make the story. The facts were written down by the team
for this check (2026-11-29), in the gold's way: which sentences of different outlets state the same fact,
a sentence in every fact it states. They are given as line numbers of the corpus files (one sentence a
line), so no article text is copied here. Links are scored with `score_alignment.py`'s rules: recall per
fact and pair of outlets (any sentence of one linked to any of the other), precision over every link of
two sentences of different articles in one group. Not used to fit anything.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from generator.analysis.align import align_story
from generator.analysis.semantic import Embeddings, encoder
from generator.content.normalize import normalize_story
from generator.model import ArticleFile, StoryFolder

FOLDER = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "ecbplus" / "ecbplus-t12-ecbplus"
OUTLETS = ("thehindu.com", "ndtv.com", "rediff.com", "indianexpress.com", "defence.pk", "pardaphash.com")
FACTS: dict[str, dict[str, list[int]]] = {
    "foiled-attack": {"defence.pk": [1, 3], "indianexpress.com": [1, 3], "ndtv.com": [1, 3], "pardaphash.com": [3],
                      "rediff.com": [1, 3], "thehindu.com": [2, 3]},
    "captured-26": {"defence.pk": [1, 3, 7], "indianexpress.com": [11], "ndtv.com": [1, 7], "pardaphash.com": [1, 3, 7],
                    "rediff.com": [1, 3], "thehindu.com": [3, 7]},
    "escorting-five": {"defence.pk": [9], "indianexpress.com": [4], "ndtv.com": [4], "pardaphash.com": [4],
                       "rediff.com": [4], "thehindu.com": [9]},
    "spotted-five-boats": {"defence.pk": [4], "indianexpress.com": [7], "pardaphash.com": [4], "rediff.com": [4],
                           "thehindu.com": [4], "ndtv.com": [5]},
    "altered-challenged": {"defence.pk": [5], "indianexpress.com": [6], "ndtv.com": [5], "pardaphash.com": [5],
                           "thehindu.com": [5]},
    "tried-to-flee": {"defence.pk": [6], "indianexpress.com": [8], "pardaphash.com": [5], "rediff.com": [6],
                      "thehindu.com": [6]},
    "two-escaped-three-intercepted": {"defence.pk": [7], "indianexpress.com": [9], "ndtv.com": [3, 6],
                                      "pardaphash.com": [6], "rediff.com": [7], "thehindu.com": [7]},
    "arms-seized": {"defence.pk": [7], "indianexpress.com": [10], "ndtv.com": [8], "pardaphash.com": [8],
                    "rediff.com": [8], "thehindu.com": [7]},
    "fifth-operation": {"defence.pk": [3, 8], "indianexpress.com": [5], "ndtv.com": [10], "pardaphash.com": [10],
                        "rediff.com": [10], "thehindu.com": [3, 8]},
    "total-14-rifles": {"defence.pk": [11], "pardaphash.com": [11], "rediff.com": [11], "thehindu.com": [11]},
    "grapnels": {"indianexpress.com": [12], "pardaphash.com": [9], "rediff.com": [9]},
    "trade-sea-lane": {"defence.pk": [10], "ndtv.com": [9], "thehindu.com": [10]},
    "international-effort": {"defence.pk": [12], "thehindu.com": [12]},
    "western-naval-command": {"defence.pk": [9], "rediff.com": [3], "thehindu.com": [9]},
}


@dataclass(slots=True)
class FactLinks:
    links: int
    wrong: list[str]
    missed: list[str]
    pairs: int

    @property
    def precision(self) -> float:
        return (self.links - len(self.wrong)) / self.links if self.links else 0.0

    @property
    def recall(self) -> float:
        return (self.pairs - len(self.missed)) / self.pairs if self.pairs else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def line(self) -> str:
        return (f"ECB+ t12, six outlets, {len(FACTS)} facts: links {self.links}, wrong {len(self.wrong)}, fact pairs "
                f"missed {len(self.missed)} of {self.pairs}: P={self.precision:.2f} R={self.recall:.2f} F1={self.f1:.2f}")


def score(embeddings: Embeddings | None = None) -> FactLinks:
    """The aligner (as a build runs it, with the semantic layer unless told otherwise) on the six outlets."""
    lines = {name: (FOLDER / f"{name}.txt").read_text(encoding="utf-8").splitlines() for name in OUTLETS}
    articles = [ArticleFile(id=name.replace(".", "-"), path=FOLDER / f"{name}.txt", format="markdown", outlet=name,
                            body="\n".join(lines[name])) for name in OUTLETS]
    story = normalize_story(StoryFolder(slug="t12", path=FOLDER, title="t12", articles=articles)).story
    line_of: dict[str, tuple[str, int]] = {}
    for article in story.articles:
        for sentence in article.sentences:
            probe = sentence.text[:40].strip("\"“ ")
            found = next((k + 1 for k, line in enumerate(lines[article.outlet]) if probe in line), None)
            if found is not None:
                line_of[sentence.id] = (article.outlet, found)
    groups = align_story(story, embeddings=embeddings or Embeddings(encoder()))
    outlet_of = {s.id: a.outlet for a in story.articles for s in a.sentences}
    links = {frozenset((x, y)) for g in groups for x, y in combinations([m.sentence for m in g.members], 2)
             if outlet_of[x] != outlet_of[y]}
    members = {name: {outlet: {sid for sid, (o, n) in line_of.items() if o == outlet and n in numbers}
                      for outlet, numbers in per.items()} for name, per in FACTS.items()}
    pairs = 0
    missed = []
    for name, per in members.items():
        for a, b in combinations(sorted(per), 2):
            pairs += 1
            if not any(frozenset((x, y)) in links for x in per[a] for y in per[b]):
                missed.append(f"{name}: {a} / {b}")

    def where(sid: str) -> str:
        return f"{outlet_of[sid]} line {line_of.get(sid, ('', '?'))[1]}"

    wrong = [" ~ ".join(where(s) for s in sorted(link)) for link in links
             if not any(all(sid in per.get(outlet_of[sid], ()) for sid in link) for per in members.values())]
    return FactLinks(links=len(links), wrong=sorted(wrong), missed=missed, pairs=pairs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="list the wrong and missed links")
    args = parser.parse_args(argv)
    if not FOLDER.is_dir():
        print(f"error: {FOLDER} is not there (the corpus of ../shared)", file=sys.stderr)
        return 2
    result = score()
    print(result.line())
    if args.verbose:
        for item in result.wrong:
            print("  wrong:", item)
        for item in result.missed:
            print("  missed:", item)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
