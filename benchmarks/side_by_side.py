"""Two versions of Parallax built in turns on the same workloads: how much faster one is, with its noise.

    python -m benchmarks.side_by_side OLD_TREE NEW_TREE [--runs 5] [--scratch DIR]

OLD_TREE and NEW_TREE are checkouts (`git worktree add /tmp/old <commit>`). Each workload is built by
each tree in turn (the order alternates run by run), each run a fresh process with a clean output folder,
with the semantic layer and with words alone. Prints, per workload, the medians, their ranges, the median
of the run-by-run ratios and the peak memory. Workloads: benchmarks/workloads.py.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
from pathlib import Path

from .bench import run
from .workloads import make

PLAN = (("archive", "semantic", 3), ("archive", "words", 5), ("wide", "semantic", 5), ("long", "semantic", 5),
        ("wide", "words", 5), ("long", "words", 5))
"""(workload, matcher, runs): the archive with the semantic layer takes minutes a run, so three."""


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old", type=Path)
    parser.add_argument("new", type=Path)
    parser.add_argument("--runs", type=int, default=0, help="runs per workload (default: the plan's)")
    parser.add_argument("--scratch", type=Path, default=Path("/tmp/parallax-side-by-side"))
    args = parser.parse_args(argv)
    trees = {"before": args.old.resolve(), "after": args.new.resolve()}
    print("| workload | before | after | speed-up | peak memory before / after |\n| --- | --- | --- | --- | --- |")
    for name, matcher, planned in PLAN:
        folder = args.scratch / name
        if not (folder / "content").exists():
            make(name, folder)
        (folder / "parallax.toml").write_text('title = "Benchmark"\n' + (
            "[align]\nsemantic = false\n" if matcher == "words" else ""), encoding="utf-8")
        seconds: dict[str, list[float]] = {label: [] for label in trees}
        peak: dict[str, list[float]] = {label: [] for label in trees}
        for number in range(args.runs or planned):
            for label in (list(trees) if number % 2 == 0 else list(trees)[::-1]):
                shutil.rmtree(folder / "site", ignore_errors=True)
                result = run(["env", f"PYTHONPATH={trees[label]}", sys.executable, "-m", "generator", "build", "-q"],
                             cwd=folder)
                assert result is not None
                seconds[label].append(result.seconds)
                peak[label].append(result.peak_mb)
        ratio = statistics.median(b / a for a, b in zip(seconds["after"], seconds["before"], strict=True))
        shown = {label: f"{statistics.median(v):.1f} s ({min(v):.1f}–{max(v):.1f})" for label, v in seconds.items()}
        print(f"| {name}, {matcher} | {shown['before']} | {shown['after']} | {ratio:.2f}× | "
              f"{statistics.median(peak['before']):.0f} / {statistics.median(peak['after']):.0f} MB |", flush=True)


if __name__ == "__main__":
    main()
