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
WORKER_STAGES = ("normalize", "align", "compare", "examine", "render")
"""Summed over the stories, wherever they ran: a story's pages are made where it is processed (the
site-wide pages, a small part, are counted here too)."""
START, END = "<!-- cluster-bench -->", "<!-- /cluster-bench -->"


@dataclass(slots=True)
class Measured:
    seconds: list[float] = field(default_factory=list)
    client_mb: list[float] = field(default_factory=list)
    client_cpu: list[float] = field(default_factory=list)
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


def _client_cpu(stdout: str) -> float:
    found = re.search(r"^\s+processor\s+([\d.]+) s", stdout, re.M)
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
                measured.client_cpu.append(_client_cpu(done.stdout))
                measured.stages.append(stage_times(done.stdout))
                print(f"  {size} stories, {label}: {measured.seconds[-1]:.1f} s", file=sys.stderr)
    return results


def report(results: dict[tuple[str, int], Measured], stories: int, runs: int) -> str:
    small, large = sorted({size for _, size in results})
    lines = [START, "## On a cluster (`--cluster`)", "",
             f"`python -m benchmarks.cluster_bench --stories {stories} --runs {runs}` (part of `make bench`): "
             f"generated stories of 3 articles of ~300 words, words alone, clean builds, medians of {runs} runs "
             "taken in turns, on this 2-core machine. A LocalCluster's workers are processes of one thread each, "
             "started by the build; the workers make each story's pages, the client (the `parallax build` "
             "process) reads, writes and makes the pages that list every story.", "",
             "| how | " + " | ".join(f"{size} stories" for size in (small, large))
             + " | client's peak memory | client's processor time |",
             "| --- | --- | --- | --- | --- |"]
    for label, _ in CONFIGS:
        row = [f"{results[(label, size)].median:.1f} s" for size in (small, large)]
        memory = " / ".join(f"{statistics.median(results[(label, size)].client_mb):.0f}" for size in (small, large))
        cpu = " / ".join(f"{statistics.median(results[(label, size)].client_cpu):.1f}" for size in (small, large))
        lines.append(f"| {label} | " + " | ".join(row) + f" | {memory} MB | {cpu} s |")
    lines += ["", "(Memory and processor time: at 200 / 1000 stories, of the `parallax build` process alone; "
              "a LocalCluster's workers are other processes.)"]

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
    on_cluster = results[("LocalCluster, 1 worker", large)], results[("LocalCluster, 1 worker", small)]
    client_cost = (statistics.median(on_cluster[0].client_cpu) - statistics.median(on_cluster[1].client_cpu)) \
        / (large - small)
    lines += ["", "What a cluster costs, from the two sizes (the difference of the slopes and of the intercepts "
              "against the same number of processes here):", "",
              f"- per story: {overhead[1]:+.1f} ms with one worker, {overhead[2]:+.1f} ms with two (sending the "
              "story's text and the theme, its pages and light form coming back, the scheduler's bookkeeping; "
              "with two workers on two cores the client and the scheduler also take processor time from them);",
              f"- once per build: {start[1]:+.1f} s with one worker, {start[2]:+.1f} s with two (starting the "
              "LocalCluster and checking its workers; a standing cluster pays only the check).",
              "", f"Work per story: {worker_cost * 1000:.0f} ms on a worker (normalize, align, compare, examine "
              "and the story's pages, from the one-process builds' stage times), "
              f"{client_cost * 1000:.1f} ms on the client (its processor time per story on a LocalCluster: "
              "reading, writing the files that come back, the cache's manifest, the pages that list every "
              "story). The client writes while the workers work, so the slower of the two sets the pace.", ""]
    lines += projection(worker_cost, client_cost, overhead[1] / 1000)
    lines.append(END)
    return "\n".join(lines) + "\n"


ARCHIVE_WORKER_S = 2.66
"""Core-seconds of worker stages per archive story (8 articles of ~800 words) with the semantic layer:
the archive's clean build, 133 s on 2 cores for 100 stories (docs/benchmarks.md, side by side)."""
ARCHIVE_CLIENT_S = 0.054
"""The client's processor seconds per archive story on a LocalCluster of 2 workers: 5.4 s for the archive's 100
stories, words alone (the client's share does not depend on the matcher), start-up and site-wide pages included."""


def projection(worker_cost: float, client_cost: float, overhead: float) -> list[str]:
    """100,000 stories on 8, 32 and 128 workers: a projection from the measured costs, not a measurement."""
    lines = ["**Projection, not a measurement**: 100,000 stories, one thread per worker on machines of their "
             "own, the client on one core; time = stories × the larger of (a worker's work per story + the "
             "cluster's cost per story with one worker) / workers, and the client's processor time per story.",
             "", "| stories like | 8 workers | 32 workers | 128 workers | bound by |", "| --- | --- | --- | --- | --- |"]
    for label, work, client in (("these (3 × 300 words, words alone)", worker_cost, client_cost),
                                ("the archive's (8 × 800 words, semantic layer)", ARCHIVE_WORKER_S,
                                 ARCHIVE_CLIENT_S or client_cost)):
        cells = []
        bound = ""
        for workers in (8, 32, 128):
            per_story = max((work + overhead) / workers, client)
            cells.append(_duration(100_000 * per_story))
            if client >= (work + overhead) / workers and not bound:
                bound = f"the client from {workers} workers"
        lines.append(f"| {label} | " + " | ".join(cells) + f" | {bound or 'the workers'} |")
    lines += ["", "Past the point where the workers outrun the client, more workers do not help. A profile of the "
              "client (200 stories, one worker) finds its main thread waiting 17 of 22 s: most of its processor time "
              "is Dask's own communication thread receiving each story's pages (about 12 ms a story more than the "
              "same build's client with local processes). Workers writing into a shared output folder, and sending "
              "back only the light form, would take that off the client; it is not built."]
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
