"""Building on a Dask cluster against building here: the scheduler's cost per story, and a projection.

    python -m benchmarks.cluster_bench [--stories 1000] [--runs 3] [--write]

Builds generated stories (workloads.generated: real BASIL text perturbed; 3 articles of ~300 words each)
with words alone, clean each time, in turns:
- here, one process (`-j 1`) and two (`-j 2`, this machine's cores);
- on a LocalCluster of one worker and of two (`--cluster local:1`, `local:2`), each a process with one
  thread, started and stopped by the build itself.
At two sizes (a fifth of `--stories`, and `--stories`), so that what a cluster costs splits into a fixed
part (starting the workers) and a part per story (the slope). From the same builds' own stage times it
takes the client's work per story (cache, render, write: done on the client whatever the workers) and the
workers' (normalize, align, compare, examine), and projects the time of 100,000 stories on 8, 32 and
128 workers. With --write the section "On a cluster" of docs/benchmarks.md is replaced.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .bench import ROOT, run, stage_times
from .workloads import generated

CONFIGS = (("here, 1 process", ["-j", "1"]), ("here, 2 processes", ["-j", "2"]),
           ("LocalCluster, 1 worker", ["--cluster", "local:1"]), ("LocalCluster, 2 workers", ["--cluster", "local:2"]))
WORKER_STAGES = ("normalize", "align", "compare", "examine")
CLIENT_STAGES = ("load", "render", "write")
START, END = "<!-- cluster-bench -->", "<!-- /cluster-bench -->"


@dataclass(slots=True)
class Measured:
    seconds: list[float] = field(default_factory=list)
    client_mb: list[float] = field(default_factory=list)
    stages: list[dict[str, float]] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    def stage(self, names: tuple[str, ...]) -> float:
        return statistics.median(sum(s.get(n, 0.0) for n in names) for s in self.stages)


def _built(stdout: str) -> float:
    found = re.search(r" in ([\d.]+) s$", stdout, re.M)
    assert found, stdout
    return float(found.group(1))


def _client_mb(stdout: str) -> float:
    found = re.search(r"^\s+memory\s+([\d.]+) MB", stdout, re.M)
    return float(found.group(1)) if found else float("nan")


def measure(scratch: Path, stories: int, runs: int) -> dict[tuple[str, int], Measured]:
    sizes = (max(10, stories // 5), stories)
    results: dict[tuple[str, int], Measured] = {}
    for size in sizes:
        folder = scratch / f"stories-{size}"
        if not (folder / "content").exists():
            shutil.rmtree(folder, ignore_errors=True)
            generated(folder, "story", size, 3, 300)
        (folder / "parallax.toml").write_text('title = "Cluster benchmark"\n[align]\nsemantic = false\n',
                                              encoding="utf-8")
        for number in range(runs):
            order = CONFIGS if number % 2 == 0 else CONFIGS[::-1]
            for label, args in order:
                shutil.rmtree(folder / "site", ignore_errors=True)
                done = run([sys.executable, "-m", "generator", "build", "-v", *args], cwd=folder)
                assert done is not None
                measured = results.setdefault((label, size), Measured())
                measured.seconds.append(_built(done.stdout))
                measured.client_mb.append(_client_mb(done.stdout))
                measured.stages.append(stage_times(done.stdout))
                print(f"  {size} stories, {label}: {measured.seconds[-1]:.1f} s", file=sys.stderr)
    return results


def report(results: dict[tuple[str, int], Measured], stories: int, runs: int) -> str:
    small, large = sorted({size for _, size in results})
    lines = [START, "## On a cluster (`--cluster`)", "",
             f"`python -m benchmarks.cluster_bench --stories {stories} --runs {runs}` (part of `make bench`): "
             f"generated stories of 3 articles of ~300 words, words alone, clean builds, medians of {runs} runs "
             "taken in turns, on this 2-core machine. A LocalCluster's workers are processes of one thread each, "
             "started by the build; the client (the `parallax build` process) loads, renders and writes.", "",
             "| how | " + " | ".join(f"{size} stories" for size in (small, large)) + " | client's peak memory |",
             "| --- | --- | --- | --- |"]
    for label, _ in CONFIGS:
        row = [f"{results[(label, size)].median:.1f} s" for size in (small, large)]
        memory = statistics.median(results[(label, large)].client_mb)
        lines.append(f"| {label} | " + " | ".join(row) + f" | {memory:.0f} MB |")

    def slope(label: str) -> float:
        return (results[(label, large)].median - results[(label, small)].median) / (large - small)

    def fixed(label: str) -> float:
        return results[(label, small)].median - slope(label) * small

    overhead = {workers: (slope(f"LocalCluster, {workers} worker{'s' if workers > 1 else ''}")
                          - slope(f"here, {workers} process{'es' if workers > 1 else ''}")) * 1000
                for workers in (1, 2)}
    start = {workers: fixed(f"LocalCluster, {workers} worker{'s' if workers > 1 else ''}")
             - fixed(f"here, {workers} process{'es' if workers > 1 else ''}") for workers in (1, 2)}
    one = results[("here, 1 process", large)]
    worker_cost = one.stage(WORKER_STAGES) / large
    client_cost = one.stage(CLIENT_STAGES) / large  # measured where nothing else competes for the core
    lines += ["", "What a cluster costs, from the two sizes (the difference of the slopes and of the intercepts "
              "against the same number of processes here):", "",
              f"- per story: {overhead[1]:+.1f} ms with one worker, {overhead[2]:+.1f} ms with two (sending the "
              "story's text, the processed story coming back, the scheduler's bookkeeping);",
              f"- once per build: {start[1]:+.1f} s with one worker, {start[2]:+.1f} s with two (starting the "
              "LocalCluster and checking its workers; a standing cluster pays only the check).",
              "", f"Work per story, from the builds' own stage times: {worker_cost * 1000:.0f} ms on a worker "
              f"(normalize, align, compare, examine), {client_cost * 1000:.0f} ms on the client (load, render, "
              "write, the cache); the client renders while the workers work, so the slower of the two sets the "
              "pace.", ""]
    lines += projection(worker_cost, client_cost, max(overhead.values()) / 1000)
    lines.append(END)
    return "\n".join(lines) + "\n"


ARCHIVE_WORKER_S = 2.66
"""Core-seconds of worker stages per archive story (8 articles of ~800 words) with the semantic layer:
the archive's clean build, 133 s on 2 cores for 100 stories (docs/benchmarks.md, side by side)."""
ARCHIVE_CLIENT_S = 0.060
"""Client seconds per archive story (render, write, cache), from the archive build's stage times."""


def projection(worker_cost: float, client_cost: float, overhead: float) -> list[str]:
    """100,000 stories on 8, 32 and 128 workers: a projection from the measured costs, not a measurement."""
    lines = ["**Projection, not a measurement**: 100,000 stories, one thread per worker, the client on one "
             "core; time = stories × the larger of (worker work + cluster cost per story) / workers and the "
             "client's work per story. Loading the content (read once, on the client) is in the client's share.",
             "", "| stories like | 8 workers | 32 workers | 128 workers | bound by |", "| --- | --- | --- | --- | --- |"]
    for label, work, client in (("these (3 × 300 words, words alone)", worker_cost, client_cost),
                                ("the archive's (8 × 800 words, semantic layer)", ARCHIVE_WORKER_S,
                                 ARCHIVE_CLIENT_S)):
        cells = []
        bound = ""
        for workers in (8, 32, 128):
            per_story = max((work + overhead) / workers, client)
            cells.append(_duration(100_000 * per_story))
            bound = "the client from " + str(workers) + " workers" if client >= (work + overhead) / workers \
                and not bound else bound
        lines.append(f"| {label} | " + " | ".join(cells) + f" | {bound or 'the workers'} |")
    lines += ["", "The client renders every story's pages itself, so past the point where the workers outrun it "
              "more workers do not help: rendering on the workers is the next step for archives of that size."]
    return lines


def _duration(seconds: float) -> str:
    if seconds >= 3600:
        return f"{seconds / 3600:.1f} h"
    return f"{seconds / 60:.0f} min"


def write_section(section: str, target: Path) -> None:
    text = target.read_text(encoding="utf-8")
    if START in text and END in text:
        text = text[:text.index(START)] + section.rstrip("\n") + text[text.index(END) + len(END):]
    else:
        text = text.rstrip("\n") + "\n\n" + section
    target.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--scratch", type=Path, default=Path("/tmp/parallax-cluster-bench"))
    parser.add_argument("--write", action="store_true", help="replace the cluster section of docs/benchmarks.md")
    args = parser.parse_args(argv)
    section = report(measure(args.scratch, args.stories, args.runs), args.stories, args.runs)
    print(section)
    if args.write:
        write_section(section, ROOT / "docs" / "benchmarks.md")


if __name__ == "__main__":
    main()
