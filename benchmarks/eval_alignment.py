"""Alignment quality: pairwise link precision, recall and F1 per story, Parallax beside baselines.

    python -m benchmarks.eval_alignment            # print the table
    python -m benchmarks.eval_alignment --write    # also write docs/evaluation.md

Gold: the hand annotations in tests/fixtures (the demo story and three stories
written for the tests) and the 22 ECB+ sub-topics in ../shared/corpus/ecbplus
(links between annotated sentences that mention one cross-document event).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

from generator.analysis.align import align_story
from generator.model import AlignedGroup, Story

from .baselines import tfidf_groups
from .goldsets import ROOT, GoldStory, Score, ecbplus_stories, hand_stories, predicted_links, score

Aligner = Callable[[Story], list[AlignedGroup]]


def aligners() -> dict[str, Aligner]:
    return {
        "parallax": align_story,
        "tfidf@0.2": lambda s: tfidf_groups(s, 0.2),
        "tfidf@0.3": lambda s: tfidf_groups(s, 0.3),
        "tfidf@0.4": lambda s: tfidf_groups(s, 0.4),
    }


def evaluate(golds: list[GoldStory], chosen: dict[str, Aligner]) -> dict[str, dict[str, Score]]:
    results: dict[str, dict[str, Score]] = {}
    for gold in golds:
        results[gold.name] = {}
        for name, aligner in chosen.items():
            results[gold.name][name] = score(gold, predicted_links(aligner(gold.story)))
    return results


def table(golds: list[GoldStory], results: dict[str, dict[str, Score]], names: list[str]) -> str:
    header = "| story | gold links | " + " | ".join(f"{n} P / R / F1" for n in names) + " |"
    lines = [header, "|" + " --- |" * (2 + len(names))]
    totals: dict[str, dict[str, Score]] = {}
    for gold in golds:
        cells = []
        for name in names:
            s = results[gold.name][name]
            totals.setdefault(gold.source, {}).setdefault(name, Score()).add(s)
            cells.append(f"{s.precision:.2f} / {s.recall:.2f} / **{s.f1:.2f}**" if name == "parallax"
                         else f"{s.precision:.2f} / {s.recall:.2f} / {s.f1:.2f}")
        lines.append(f"| {gold.name} | {len(gold.links)} | " + " | ".join(cells) + " |")
    for source, by_name in totals.items():
        cells = [f"{s.precision:.2f} / {s.recall:.2f} / **{s.f1:.2f}**" for s in (by_name[n] for n in names)]
        lines.append(f"| **all {source} (micro)** | {sum(len(g.links) for g in golds if g.source == source)} | "
                     + " | ".join(cells) + " |")
    return "\n".join(lines)


def difference_recall(golds: list[GoldStory]) -> tuple[int, int, list[str]]:
    """How many hand-annotated typed differences the whole pipeline finds; the misses described."""
    from generator.analysis.compare import compare_story
    from generator.text.norm import comparable

    found = total = 0
    misses = []
    for gold in golds:
        if gold.source != "hand":
            continue
        groups, _ = compare_story(gold.story, align_story(gold.story))
        for spec in gold.annotation.get("differences", []):
            total += 1
            wanted = {str(a): comparable(str(t)) for a, t in spec.get("values", {}).items()}
            texts = [comparable(str(t)) for t in spec.get("texts", [])]
            hit = False
            for group in groups:
                for difference in group.differences:
                    if difference.kind != spec["kind"]:
                        continue
                    values = [(v.article, comparable(v.text)) for v in difference.values]
                    if all(any(a == art and t in text for art, text in values) for a, t in wanted.items()) and \
                            all(any(t in text for _, text in values) for t in texts):
                        hit = True
            found += hit
            if not hit:
                shown = spec.get("values") or spec.get("texts")
                misses.append(f"{gold.name}: {spec['kind']} {shown}")
    return found, total, misses


def write_report(text: str, golds: list[GoldStory], seconds: float) -> None:
    found, total, misses = difference_recall(golds)
    ecb_notes = "\n".join(f"- {g.name}: {g.note}" for g in golds if g.source == "ecb+")
    report = f"""# Alignment evaluation

Made by `make eval` (`python -m benchmarks.eval_alignment --write`); {len(golds)} stories in {seconds:.0f} s.

A *link* is a pair of sentences from different articles that one group holds.
Precision, recall and F1 are over links (micro-averaged in the totals). The
baselines run in the same script on the same stories: TF-IDF cosine over
stemmed words with a threshold and connected components, at three thresholds.

## Gold

- **hand**: the demo story (`tests/fixtures/annotations/meta-employee-tracking-pause.yaml`) and
  three stories written for the tests (`tests/fixtures/stories/*/_expected.yaml`), annotated by
  hand fact by fact; a sentence that packs several facts is in several groups.
- **ecb+**: the 22 ECB+ sub-topics in `../shared/corpus/ecbplus`. Gold links join annotated
  sentences of different documents that mention one cross-document event chain. This gold is
  coarser than ours (any two sentences about the main event link), so it rewards big groups;
  and a third of its annotated sentences are headlines or datelines that normalization sets
  aside (they are not sentences in Parallax), so they are not scored.

## Results

{text}

## Typed differences

The whole pipeline (align, then compare) finds **{found} of {total}** typed differences
annotated in the hand stories. On the annotated groups themselves, compare finds all of
them (`tests/test_compare.py`); the ones missed end to end are missed because their
sentences are not grouped together:

{chr(10).join(f"- {m}" for m in misses) or "- none"}

No reported difference is a spelling, case, quote or punctuation variant
(`tests/test_compare.py::test_no_difference_is_only_spelling_case_quotes_or_punctuation`).

## What was tried, measured on the hand stories

| variant | link F1 |
| --- | --- |
| TF-IDF cosine, threshold, connected components (best threshold) | 0.43 |
| MiniLM sentence embeddings (all-MiniLM-L6-v2), cosine, best threshold, pairs only | 0.50 |
| Parallax pair score alone, best threshold, pairs only | 0.64 |
| pair score + MiniLM, best linear mix, pairs only | 0.65 |
| + average-linkage groups, one sentence per article unless it repeats itself | 0.69 |
| + clauses as the unit of alignment (instead of sentences) | 0.65 |
| + word-level matching (a paraphrase counts once, at 0.8 of the same word) | 0.72 |
| + merge groups that share most members after secondary joins | 0.74 |
| + clause pairs as extra evidence for multi-fact sentences | 0.74 |
| + a sentence proposes candidates through its 12 rarest words only (the default; keeps candidates linear in the text) | 0.75 |

Tried after that and not kept (hand-story link F1 against 0.75 for the default):

| variant | link F1 |
| --- | --- |
| a sentence also joins every group whose shared words (those of two or more of its outlets) it mostly holds | 0.73–0.75 (no gain at any share) |
| windows of 6–10 content words as extra clauses for long sentences | 0.71–0.75 |
| a bonus for a word only the two sentences share in the whole story | 0.70–0.74 |
| a sentence joins a second group only through words its own group does not share (precision 0.85–0.89, recall 0.62–0.63) | 0.72–0.74 |
| a paraphrase counts as much as the same word (`class_weight` 1.0) | 0.53 (one group swallows the lede facts) |
| a lower link threshold (`link` 0.34) | 0.62 (groups chain) |

The defaults sit on a narrow optimum: changing one constant at a time lowers F1 or leaves it
as it is. The misses left are mostly sentences that pack three or four facts ("The programme,
known as the Model Compatibility Initiative, was introduced in April to gather data such as
mouse movements...") and so share only a small part of their words with each outlet's
sentence for one of those facts; splitting such sentences into facts needs a parser, which
the default path does without.

Embeddings add almost nothing over the lexical score here, so the default needs
no model. The aligner's constants are in `generator/align.py` (`AlignConfig`);
they were chosen on the hand stories and checked on ECB+, which was not used
to choose them.

## ECB+ coverage

{ecb_notes}
"""
    (ROOT / "docs" / "evaluation.md").write_text(report, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--write", action="store_true", help="write docs/evaluation.md")
    parser.add_argument("--only", choices=["hand", "ecb+"], help="evaluate one gold set")
    args = parser.parse_args()
    started = time.perf_counter()
    golds = []
    if args.only in (None, "hand"):
        golds += hand_stories()
    if args.only in (None, "ecb+"):
        golds += ecbplus_stories()
    chosen = aligners()
    results = evaluate(golds, chosen)
    text = table(golds, results, list(chosen))
    print(text)
    seconds = time.perf_counter() - started
    print(f"\n{len(golds)} stories in {seconds:.1f} s")
    if args.write:
        write_report(text, golds, seconds)
        print("wrote docs/evaluation.md")


if __name__ == "__main__":
    main()
