"""Alignment quality, per story and overall, the new aligner beside its baselines.

    python -m benchmarks.eval_alignment            # print the tables
    python -m benchmarks.eval_alignment --write    # also write docs/evaluation.md

Gold, in three kinds:
- **fact gold** (../shared/gold): real BASIL stories annotated fact by fact, the way the aligner is
  judged. Each is made into a story folder by the gold's own make_story.py, compared by
  `parallax compare --json` as a user would, and scored by the gold's own score_alignment.py and
  check_omissions.py. The pair model was fitted on these stories and the demo, so they are also
  scored leave-one-story-out (each by a model fitted on the others): the honest figure.
- **hand**: the demo story and three stories written for the tests, scored the same way (every
  hand group a strong fact), and by the stricter pairwise link F1 of earlier reports.
- **ECB+**: 22 events, whose gold (any two sentences mentioning one event chain) is coarser than facts.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from generator.analysis.align import align_story
from generator.analysis.semantic import Embeddings, encoder
from generator.model import AlignedGroup, Group, Omission, Story

from . import ecb_facts, team_gold
from .baselines import tfidf_groups
from .goldsets import (
    GOLD,
    ROOT,
    GoldStory,
    Score,
    article_index,
    ecbplus_stories,
    hand_fact_score,
    hand_stories,
    predicted_links,
    score,
)

Aligner = Callable[[Story], list[AlignedGroup]]


def semantic(story: Story) -> list[AlignedGroup]:
    return align_story(story, embeddings=Embeddings(encoder()))


def aligners() -> dict[str, Aligner]:
    return {
        "parallax": semantic,
        "words alone": align_story,
        "baseline": lambda s: align_story(s, method="baseline"),
        "tfidf@0.3": lambda s: tfidf_groups(s, 0.3),
    }


# --- the fact gold, scored by its own scripts ---------------------------------------------------

@dataclass(slots=True)
class Official:
    """What score_alignment.py and check_omissions.py print for one comparison."""

    precision: float = 0.0
    recall: float = 0.0
    f1: float = 0.0
    flagged: int = 0
    must_flag: int = 0
    traps: int = 0
    variants: int = 0
    claims: int = 0
    false_claims: int = 0
    possibly: int = 0
    """Claims that an outlet possibly states a fact in other words..."""
    possibly_right: int = 0
    """...of which the gold says it does state it."""
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)
    output: str = ""
    """What the two scripts printed."""


def official(gold_file: Path, scratch: Path, *settings: str) -> Official:
    """Make the story with make_story.py, compare it with the CLI, score it with the gold's scripts."""
    story, sources = scratch / "story", scratch / "src"
    subprocess.run([sys.executable, str(GOLD / "make_story.py"), str(ROOT.parent / "shared" / "corpus" / "basil"
                                                                   / gold_file.stem),
                    str(gold_file), str(story), str(sources)], check=True, capture_output=True)
    (scratch / "parallax.toml").write_text('title = "Evaluation"\n' + "".join(settings), encoding="utf-8")
    started = time.perf_counter()
    compared = subprocess.run([sys.executable, "-m", "generator", "--source", str(scratch), "compare", str(story),
                               "--json"], check=True, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    (scratch / "out.json").write_text(compared.stdout, encoding="utf-8")
    scored = subprocess.run([sys.executable, str(GOLD / "score_alignment.py"), str(scratch / "out.json"),
                             str(gold_file), str(sources), "--min-f1", "0"], capture_output=True, text=True).stdout
    omitted = subprocess.run([sys.executable, str(GOLD / "check_omissions.py"), str(scratch / "out.json"),
                              str(gold_file), str(sources)], capture_output=True, text=True).stdout
    # "Possibly covered" claims scored by the same script: each is put where an omission claim goes, so its
    # "false omission" count is how many of them are right (the outlet does state the fact).
    comparison = json.loads(compared.stdout)
    for omission in comparison.get("omissions", []):
        omission["groups"] = [p["group"] for p in omission.get("possibly_covered", [])]
    (scratch / "possibly.json").write_text(json.dumps(comparison), encoding="utf-8")
    possibly = subprocess.run([sys.executable, str(GOLD / "check_omissions.py"), str(scratch / "possibly.json"),
                               str(gold_file), str(sources)], capture_output=True, text=True).stdout
    result = Official(seconds=seconds, output=scored + omitted)
    near = re.search(r"omission claims (\d+), false (\d+)", possibly)
    if near:
        result.possibly, result.possibly_right = int(near.group(1)), int(near.group(2))
    found = re.search(r"alignment P=([\d.]+) R=([\d.]+) F1=([\d.]+).*flagged (\d+)/(\d+)", scored)
    if found:
        result.precision, result.recall, result.f1 = (float(found.group(i)) for i in (1, 2, 3))
        result.flagged, result.must_flag = int(found.group(4)), int(found.group(5))
    result.traps = scored.count("problem: false link")
    result.variants = scored.count("problem: spelling variant flagged")
    claims = re.search(r"omission claims (\d+), false (\d+)", omitted)
    if claims:
        result.claims, result.false_claims = int(claims.group(1)), int(claims.group(2))
    result.notes = [line for line in scored.splitlines() if line.startswith("problem:")]
    return result


def fact_gold_table() -> tuple[str, dict[str, dict[str, Official]]]:
    files = sorted(GOLD.glob("*.json")) if GOLD.is_dir() else []
    settings = {"parallax": "", "words alone": "[align]\nsemantic = false\n"}
    results: dict[str, dict[str, Official]] = {}
    for gold_file in files:
        results[gold_file.stem] = {}
        for name, extra in settings.items():
            with tempfile.TemporaryDirectory() as scratch:
                results[gold_file.stem][name] = official(gold_file, Path(scratch), extra)
    lines = ["| story | aligner | P / R / **F1** | must-flags found | traps linked | variants reported "
             "| omission claims false | \"possibly covered\" right | seconds |",
             "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for story, by_name in results.items():
        for name, r in by_name.items():
            lines.append(f"| {story} | {name} | {r.precision:.2f} / {r.recall:.2f} / **{r.f1:.2f}** | "
                         f"{r.flagged}/{r.must_flag} | {r.traps} | {r.variants} | {r.false_claims}/{r.claims} | "
                         f"{r.possibly_right}/{r.possibly} | {r.seconds:.1f} |")
    for name in settings:
        rows = [by_name[name] for by_name in results.values()]
        if rows:
            claims = sum(r.claims for r in rows)
            lines.append(f"| **mean** | {name} | {statistics.mean(r.precision for r in rows):.2f} / "
                         f"{statistics.mean(r.recall for r in rows):.2f} / **{statistics.mean(r.f1 for r in rows):.2f}**"
                         f" | {sum(r.flagged for r in rows)}/{sum(r.must_flag for r in rows)} | "
                         f"{sum(r.traps for r in rows)} | {sum(r.variants for r in rows)} | "
                         f"{sum(r.false_claims for r in rows)}/{claims} ({sum(r.false_claims for r in rows) / max(1, claims):.0%})"
                         f" | {sum(r.possibly_right for r in rows)}/{sum(r.possibly for r in rows)}"
                         f" | {statistics.mean(r.seconds for r in rows):.1f} |")
    return "\n".join(lines), results


def leave_one_out_table() -> str:
    """Each fitted story scored by a model fitted on the others (benchmarks.fit_aligner's figures)."""

    from generator.analysis.pairs import WEIGHTS

    data = json.loads(WEIGHTS.read_text(encoding="utf-8"))
    lines = ["| story | words and meaning (shipped: semantic) | words alone |", "| --- | --- | --- |"]
    for story in data["stories"]:
        lines.append(f"| {story} | {data['semantic']['leave_one_story_out_f1'][story]:.2f} | "
                     f"{data['lexical']['leave_one_story_out_f1'][story]:.2f} |")
    for method in ("semantic", "lexical"):
        values = list(data[method]["leave_one_story_out_f1"].values())
        data[method]["mean"] = statistics.mean(values)
    lines.append(f"| **mean** | **{data['semantic']['mean']:.2f}** | **{data['lexical']['mean']:.2f}** |")
    return "\n".join(lines)


# --- hand and ECB+ -------------------------------------------------------------------------------

def link_table(golds: list[GoldStory], chosen: dict[str, Aligner]) -> str:
    header = "| story | gold links | " + " | ".join(f"{n} P / R / F1" for n in chosen) + " | fact-style F1 (parallax) |"
    lines = [header, "|" + " --- |" * (3 + len(chosen))]
    totals: dict[str, dict[str, Score]] = {}
    for gold in golds:
        cells = []
        fact = ""
        for name, aligner in chosen.items():
            groups = aligner(gold.story)
            s = score(gold, predicted_links(groups))
            totals.setdefault(gold.source, {}).setdefault(name, Score()).add(s)
            cells.append(f"{s.precision:.2f} / {s.recall:.2f} / {s.f1:.2f}")
            if name == "parallax" and gold.source == "hand":
                fact = f"{hand_fact_score(gold.story, gold.groups, groups)['f1']:.2f}"
        lines.append(f"| {gold.name} | {len(gold.links)} | " + " | ".join(cells) + f" | {fact} |")
    for source, by_name in totals.items():
        cells = [f"{s.precision:.2f} / {s.recall:.2f} / **{s.f1:.2f}**" for s in by_name.values()]
        lines.append(f"| **all {source} (micro)** | {sum(len(g.links) for g in golds if g.source == source)} | "
                     + " | ".join(cells) + " | |")
    return "\n".join(lines)


Compared = dict[str, tuple[list[Group], list[Omission]]]
"""Each hand story's compared groups and omissions, by name: made once, read by the tables below."""


def hand_compared(golds: list[GoldStory]) -> Compared:
    """The whole pipeline's groups and omissions for each hand story (the semantic aligner, then compare)."""
    from generator.analysis.compare import compare_story

    return {gold.name: compare_story(gold.story, semantic(gold.story)) for gold in golds if gold.source == "hand"}


def difference_recall(golds: list[GoldStory], compared: Compared) -> tuple[int, int, list[str]]:
    """How many hand-annotated typed differences the whole pipeline finds; the misses described."""
    from generator.text.norm import comparable

    found = total = 0
    misses = []
    for gold in golds:
        if gold.source != "hand":
            continue
        groups, _ = compared[gold.name]
        for spec in gold.annotation.get("differences", []):
            total += 1
            wanted = {str(a): comparable(str(t)) for a, t in spec.get("values", {}).items()}
            hit = any(all(any(a == v.article and t in comparable(v.text) for v in d.values) for a, t in wanted.items())
                      for g in groups for d in g.differences if d.kind == spec["kind"])
            found += hit
            if not hit:
                misses.append(f"{gold.name}: {spec['kind']} {spec.get('values')}")
    return found, total, misses


def _states(hand: list[tuple[set[str], set[str]]], sentences: set[str], article: str) -> bool:
    """A hand group (its sentences, their articles) holds one of these sentences and one of the article's."""
    return any(sentences & members and article in articles for members, articles in hand)


def omission_table(golds: list[GoldStory], compared: Compared) -> str:
    """The hand stories' omission claims scored as `check_omissions.py` scores the fact gold's, every hand
    group a strong fact: a claim "A leaves out G" is false when a hand group holds one of G's sentences and a
    sentence of A; a "possibly covered" mark is right on the same condition."""
    lines = ["| story | omission claims false | \"possibly covered\" right | of them through a member that packs several facts |",
             "| --- | --- | --- | --- |"]
    sums = [0, 0, 0, 0, 0]
    for gold in golds:
        if gold.source != "hand":
            continue
        article_of = article_index(gold.story)
        groups, omissions = compared[gold.name]
        members = {g.id: {m.sentence for m in g.members} for g in groups}
        hand = [(set(sentences), {article_of[s] for s in sentences}) for sentences in gold.groups.values()]
        claims = [_states(hand, members[g], o.article) for o in omissions for g in o.groups]
        near = [(_states(hand, members[p.group], o.article), p.through is not None)
                for o in omissions for p in o.possibly_covered]
        counts = [sum(claims), len(claims), sum(r for r, _ in near), len(near), sum(t for _, t in near)]
        sums = [a + b for a, b in zip(sums, counts, strict=True)]
        lines.append(f"| {gold.name} | {counts[0]}/{counts[1]} | {counts[2]}/{counts[3]} | {counts[4]} |")
    share = f" ({sums[0] / sums[1]:.0%})" if sums[1] else ""
    lines.append(f"| **all hand** | {sums[0]}/{sums[1]}{share} | {sums[2]}/{sums[3]} | {sums[4]} |")
    return "\n".join(lines)


def write_report(fact_text: str, loo_text: str, link_text: str, golds: list[GoldStory], seconds: float,
                 omission_text: str, compared: Compared, team_text: str, six: ecb_facts.FactLinks) -> None:
    found, total, misses = difference_recall(golds, compared)
    ecb_notes = "\n".join(f"- {g.name}: {g.note}" for g in golds if g.source == "ecb+")
    template = (ROOT / "benchmarks" / "evaluation.template.md").read_text(encoding="utf-8")
    report = template.format(
        seconds=f"{seconds:.0f}", stories=len(golds) + len(list(GOLD.glob("*.json"))), fact_table=fact_text,
        loo_table=loo_text, team_table=team_text, link_table=link_text, omission_table=omission_text, found=found, total=total,
        misses="\n".join(f"- {m}" for m in misses) or "- none", ecb_notes=ecb_notes,
        ecb_six=f"P {six.precision:.2f} / R {six.recall:.2f} / F1 **{six.f1:.2f}** ({six.links} links, "
                f"{len(six.wrong)} wrong; {len(six.missed)} of {six.pairs} fact pairs of outlets missed)")
    (ROOT / "docs" / "evaluation.md").write_text(report, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--write", action="store_true", help="write docs/evaluation.md")
    args = parser.parse_args()
    started = time.perf_counter()
    fact_text, _ = fact_gold_table()
    print(fact_text, "\n", flush=True)
    loo_text = leave_one_out_table()
    print(loo_text, "\n", flush=True)
    golds = hand_stories() + ecbplus_stories()
    link_text = link_table(golds, aligners())
    print(link_text, "\n", flush=True)
    compared = hand_compared(golds)
    omission_text = omission_table(golds, compared)
    print(omission_text)
    six = ecb_facts.score()
    print("\n" + six.line())
    team_text, _ = team_gold.table()
    print("\n" + team_text)
    seconds = time.perf_counter() - started
    print(f"\n{len(golds)} stories and the fact gold in {seconds:.1f} s")
    if args.write:
        write_report(fact_text, loo_text, link_text, golds, seconds, omission_text, compared, team_text, six)
        print("wrote docs/evaluation.md")


if __name__ == "__main__":
    main()
