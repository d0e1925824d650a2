"""Speed, memory and growth of `parallax build`, side by side with the alternatives.

    make bench                                   # all of it; writes docs/benchmarks.md (~12 minutes)
    python -m benchmarks.bench --write           # the same, with .venv-bench already made
    python -m benchmarks.bench --smoke --out F   # every workload at a tiny size (the CI smoke test)

Every figure is the median of several runs (min and max beside it), each run
a fresh process, as a user runs the command. Alternatives are measured pair by
pair with Parallax in the same loop, so that the machine's noise cancels in
their ratio. Workloads: benchmarks/workloads.py. Nothing is written into the
repository but docs/benchmarks.md and its two plots.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .goldsets import ROOT
from .workloads import Workload, generated, make

PYTHON = sys.executable
BENCH_PYTHON = ROOT / ".venv-bench" / "bin" / "python"
STAGES = ("load", "normalize", "align", "compare", "examine", "render", "write")
WORKLOADS = ("archive", "wide", "long", "basil", "ecbplus")


# --- running a command ---------------------------------------------------------------------------

@dataclass(slots=True)
class Run:
    seconds: float
    """Wall time of the whole process."""
    peak_mb: float
    """Peak resident memory of the largest process in its tree (the command or a worker it started)."""
    stdout: str
    stderr: str


def run(command: Sequence[str | Path], cwd: Path | None = None, timeout: float | None = None,
        memory_limit: int | None = None) -> Run | None:
    """Run a command to the end and measure it; None if it outran `timeout` (it is killed)."""
    def limit() -> None:
        os.setsid()
        if memory_limit:
            import resource
            resource.setrlimit(resource.RLIMIT_AS, (memory_limit, memory_limit))

    started = time.perf_counter()
    process = subprocess.Popen([str(c) for c in command], cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               preexec_fn=limit, text=True)
    output: dict[str, str] = {}
    readers = [threading.Thread(target=lambda name=name, stream=stream: output.__setitem__(name, stream.read()))
               for name, stream in (("out", process.stdout), ("err", process.stderr))]
    for reader in readers:
        reader.start()
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if timeout is not None and time.perf_counter() - started > timeout:
            os.killpg(process.pid, signal.SIGKILL)
            os.wait4(process.pid, 0)
            process.returncode = -9
            for reader in readers:
                reader.join()
            return None
        time.sleep(0.005)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    for reader in readers:
        reader.join()
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, command))} failed:\n{output.get('err', '')[-2000:]}")
    return Run(seconds=seconds, peak_mb=usage.ru_maxrss / 1024, stdout=output.get("out", ""),
               stderr=output.get("err", ""))


def parallax(workload: Workload, *args: str) -> Run:
    result = run([PYTHON, "-m", "generator", "build", *args], cwd=workload.root)
    assert result is not None
    return result


def built_in(stdout: str) -> float:
    """The build's own time ("Built ... in 1.23 s"): the run without interpreter start-up."""
    match = re.search(r"in ([\d.]+) s", stdout)
    return float(match.group(1)) if match else float("nan")


def stage_times(stdout: str) -> dict[str, float]:
    return {m.group(1): float(m.group(2)) / 1000 for m in re.finditer(r"^\s+(\w+)\s+([\d.]+) ms$", stdout, re.M)}


@dataclass(slots=True)
class Series:
    """Several measurements of one thing."""

    values: list[float] = field(default_factory=list)

    def add(self, value: float) -> None:
        self.values.append(value)

    @property
    def median(self) -> float:
        return statistics.median(self.values) if self.values else float("nan")

    def show(self, unit: str = "s", digits: int = 2) -> str:
        if not self.values:
            return "n/a"
        if len(self.values) == 1:
            return f"{self.values[0]:.{digits}f} {unit}"
        return (f"{self.median:.{digits}f} {unit} ({min(self.values):.{digits}f}–"
                f"{max(self.values):.{digits}f})")


# --- the alternatives -----------------------------------------------------------------------------

def floor(workload: Workload, output: Path) -> Run:
    shutil.rmtree(output, ignore_errors=True)
    result = run([PYTHON, "-m", "benchmarks.floor", workload.content, output], cwd=ROOT)
    assert result is not None
    return result


PELICAN_CONF = """AUTHOR = "Benchmark"
SITENAME = "Benchmark"
SITEURL = ""
PATH = "content"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
DEFAULT_DATE = (2020, 1, 1)
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
RELATIVE_URLS = True
DELETE_OUTPUT_DIRECTORY = True
DEFAULT_PAGINATION = 20
"""


def pelican_project(workload: Workload, folder: Path) -> Path:
    """The same articles as a Pelican site: one Markdown article per file."""
    content = folder / "content"
    content.mkdir(parents=True, exist_ok=True)
    for path in workload.article_files:
        body = path.read_text(encoding="utf-8").removeprefix("---\n").partition("\n---\n")[2]
        slug = f"{path.parent.name}-{path.stem}"
        (content / f"{slug}.md").write_text(f"Title: {path.parent.name} {path.stem}\nDate: 2020-01-01\n"
                                            f"Slug: {slug}\nCategory: {path.parent.name}\n\n{body}", encoding="utf-8")
    (folder / "pelicanconf.py").write_text(PELICAN_CONF, encoding="utf-8")
    return folder


def pelican(project: Path) -> Run | None:
    if not BENCH_PYTHON.exists():
        return None
    return run([BENCH_PYTHON, "-m", "pelican", "content", "-s", "pelicanconf.py", "-o", "output", "-q"],
               cwd=project, timeout=600)


def aligner(name: str, workload: Workload, limit: int | None, timeout: float) -> float | None:
    command: list[str | Path] = [PYTHON, "-m", "benchmarks.aligners", name, workload.content]
    result = run(command + (["--limit", str(limit)] if limit else []), cwd=ROOT, timeout=timeout)
    return None if result is None else float(json.loads(result.stdout)["seconds"])


def collatex(workload: Workload, limit: int | None, timeout: float) -> float | str | None:
    if not BENCH_PYTHON.exists():
        return "not installed"
    try:
        command: list[str | Path] = [BENCH_PYTHON, ROOT / "benchmarks" / "collatex_run.py", workload.content]
        result = run(command + (["--limit", str(limit)] if limit else []), cwd=ROOT, timeout=timeout,
                     memory_limit=6 * 1024**3)
    except RuntimeError as exc:
        return "out of memory" if "MemoryError" in str(exc) else "failed"
    return None if result is None else float(json.loads(result.stdout)["seconds"])


# --- measuring --------------------------------------------------------------------------------------

@dataclass(slots=True)
class WorkloadResult:
    workload: Workload
    full: Series = field(default_factory=Series)
    full_inside: Series = field(default_factory=Series)
    peak: Series = field(default_factory=Series)
    stages: dict[str, Series] = field(default_factory=dict)
    incremental: Series = field(default_factory=Series)
    incremental_inside: Series = field(default_factory=Series)
    serve_edit: Series = field(default_factory=Series)
    """One edit rebuilt inside one long-running process with the reader lock, as `parallax serve` does."""
    floor: Series = field(default_factory=Series)
    floor_ratio: Series = field(default_factory=Series)
    pelican: Series = field(default_factory=Series)
    pelican_ratio: Series = field(default_factory=Series)
    aligners: dict[str, Series] = field(default_factory=dict)
    aligner_ratio: dict[str, Series] = field(default_factory=dict)
    aligner_note: dict[str, str] = field(default_factory=dict)
    align_stories: int = 0
    words_alone: Series = field(default_factory=Series)
    """Full builds without the semantic layer ([align] semantic = false)."""
    words_alone_peak: Series = field(default_factory=Series)


def measure(workload: Workload, runs: int, scratch: Path, heavy_timeout: float, smoke: bool) -> WorkloadResult:
    result = WorkloadResult(workload)
    pelican_dir = pelican_project(workload, scratch / f"pelican-{workload.name}") if BENCH_PYTHON.exists() else None
    for _ in range(runs):
        build = parallax(workload, "--clean", "-v")
        result.full.add(build.seconds)
        result.full_inside.add(built_in(build.stdout))
        result.peak.add(build.peak_mb)
        for stage, seconds in stage_times(build.stdout).items():
            result.stages.setdefault(stage, Series()).add(seconds)
        config = workload.root / "parallax.toml"
        settings = config.read_text(encoding="utf-8")
        config.write_text(settings + "\n[align]\nsemantic = false\n", encoding="utf-8")
        try:
            lexical = parallax(workload, "--clean", "-v", "--output", str(scratch / f"lexical-{workload.name}"))
        finally:
            config.write_text(settings, encoding="utf-8")
        result.words_alone.add(lexical.seconds)
        result.words_alone_peak.add(lexical.peak_mb)
        base = floor(workload, scratch / f"floor-{workload.name}")
        result.floor.add(base.seconds)
        result.floor_ratio.add(build.seconds / base.seconds)
        if pelican_dir is not None:
            other = pelican(pelican_dir)
            if other is not None:
                result.pelican.add(other.seconds)
                result.pelican_ratio.add(build.seconds / other.seconds)
    # Incremental: one article edited, then built again (from the cache of the build before).
    article = workload.article_files[len(workload.article_files) // 2]
    original = article.read_text(encoding="utf-8")
    try:
        for number in range(runs):
            article.write_text(original + f"\nA sentence added for the benchmark, number {number}.\n",
                               encoding="utf-8")
            again = parallax(workload, "-v")
            assert "1 recomputed" in again.stdout, again.stdout
            result.incremental.add(again.seconds)
            result.incremental_inside.add(built_in(again.stdout))
    finally:
        article.write_text(original, encoding="utf-8")
    # The same edit inside one process that stays up, as `parallax serve` rebuilds (files moved in place).
    serve = run([PYTHON, "-m", "benchmarks.serve_edit", workload.root, article, max(runs, 3)], cwd=ROOT)
    if serve is not None and serve.stdout.strip():
        for seconds in json.loads(serve.stdout)["seconds"]:
            result.serve_edit.add(seconds)
    # Aligners on the same stories (at most 10 of a large archive), pair by pair with Parallax's.
    limit = None if workload.stories <= 25 else 10
    result.align_stories = min(workload.stories, limit or workload.stories)
    for round_number in range(max(1, runs // 2)):
        ours = aligner("parallax", workload, limit, timeout=600)
        assert ours is not None
        result.aligners.setdefault("parallax", Series()).add(ours)
        others: list[tuple[str, float | str | None]] = [("tfidf", aligner("tfidf", workload, limit, 600))]
        if round_number == 0:  # the slow ones once
            others.append(("difflib", aligner("difflib", workload, limit, heavy_timeout)))
            others.append(("collatex", collatex(workload, limit, heavy_timeout)))
        for name, value in others:
            if isinstance(value, float):
                result.aligners.setdefault(name, Series()).add(value)
                result.aligner_ratio.setdefault(name, Series()).add(value / ours)
            elif value is None:
                result.aligner_note[name] = f"did not finish in {heavy_timeout:.0f} s"
            else:
                result.aligner_note[name] = value
    return result


@dataclass(slots=True)
class Growth:
    label: str
    xs: list[int]
    words: list[int]
    inside: list[Series]
    process: list[Series]


def growth(scratch: Path, runs: int, smoke: bool) -> tuple[Growth, Growth]:
    """Build time against the words of a fixed set of articles, and against the number of articles."""
    words_axis = [200, 400, 800] if smoke else [1000, 2000, 4000, 8000, 16000]
    count_axis = [2, 4, 8] if smoke else [2, 4, 8, 16, 32]
    length = 200 if smoke else 800
    return (_curve("words per article (5 articles)", words_axis, lambda words: (5, words), scratch, runs),
            _curve(f"articles ({length} words each)", count_axis, lambda count: (count, length), scratch, runs))


def _curve(label: str, axis: list[int], shape: Callable[[int], tuple[int, int]], scratch: Path,
           runs: int) -> Growth:
    curve = Growth(label, axis, [], [], [])
    for x in axis:
        articles, words = shape(x)
        workload = generated(scratch / f"growth-{articles}x{words}", "growth", 1, articles, words)
        inside, process = Series(), Series()
        for _ in range(runs):
            build = parallax(workload, "--clean")
            process.add(build.seconds)
            inside.add(built_in(build.stdout))
        curve.words.append(workload.words)
        curve.inside.append(inside)
        curve.process.append(process)
    return curve


# --- the report --------------------------------------------------------------------------------------

def svg_plot(title: str, x_label: str, points: list[tuple[float, float]], reference: list[tuple[float, float]]) -> str:
    """A small line chart as SVG: measured points, and a dashed straight line through the first and
    last of them (points under it mean growth faster than linear; on or over it, linear or slower)."""
    width, height, left, bottom, top, right = 560, 320, 64, 48, 28, 20
    xs = [x for x, _ in points + reference]
    ys = [y for _, y in points + reference]
    x_max, y_max = max(xs) * 1.05, max(ys) * 1.1

    def px(x: float) -> float:
        return left + (width - left - right) * x / x_max

    def py(y: float) -> float:
        return height - bottom - (height - bottom - top) * y / y_max

    def path(series: list[tuple[float, float]]) -> str:
        return " ".join(f"{'M' if i == 0 else 'L'}{px(x):.1f},{py(y):.1f}" for i, (x, y) in enumerate(series))

    ticks = []
    for i in range(6):
        y = y_max * i / 5
        ticks.append(f'<line x1="{left}" x2="{width - right}" y1="{py(y):.1f}" y2="{py(y):.1f}" stroke="#ddd"/>'
                     f'<text x="{left - 6}" y="{py(y) + 4:.1f}" text-anchor="end">{y:.1f}</text>')
    last_label = -1e9
    for x, _ in points:
        if px(x) - last_label >= 48:  # labels closer than that would overlap
            ticks.append(f'<text x="{px(x):.1f}" y="{height - bottom + 16}" text-anchor="middle">{x:,.0f}</text>')
            last_label = px(x)
    dots = "".join(f'<circle cx="{px(x):.1f}" cy="{py(y):.1f}" r="3.5" fill="#0072b2"/>' for x, y in points)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
            f'font-family="sans-serif" font-size="11" role="img" aria-label="{title}"><title>{title}</title>'
            f'<rect width="100%" height="100%" fill="white"/>{"".join(ticks)}'
            f'<line x1="{left}" y1="{height - bottom}" x2="{width - right}" y2="{height - bottom}" stroke="#333"/>'
            f'<line x1="{left}" y1="{top}" x2="{left}" y2="{height - bottom}" stroke="#333"/>'
            f'<path d="{path(reference)}" fill="none" stroke="#999" stroke-dasharray="5 4"/>'
            f'<path d="{path(points)}" fill="none" stroke="#0072b2" stroke-width="2"/>{dots}'
            f'<text x="{(left + width - right) / 2}" y="{height - 10}" text-anchor="middle">{x_label}</text>'
            f'<text x="14" y="{(top + height - bottom) / 2}" text-anchor="middle" '
            f'transform="rotate(-90 14 {(top + height - bottom) / 2})">build time, s</text>'
            f'<text x="{left}" y="16" font-weight="bold">{title}</text>'
            f'<text x="{width - right}" y="16" text-anchor="end" fill="#666">dashed: straight line, first to last</text>'
            "</svg>\n")


def _ratio(series: Series) -> str:
    return f"{series.median:.2f}×" if series.values else "n/a"


def report(results: list[WorkloadResult], growths: tuple[Growth, Growth], runs: int, seconds: float,
           images: Path | None) -> str:
    by_name = {r.workload.name: r for r in results}
    lines = ["# Benchmarks", "",
             f"Measured on {dt.date.today().isoformat()} on this machine: {os.cpu_count()} cores, "
             f"Python {platform.python_version()}, {platform.system()} {platform.machine()}; "
             f"`make bench` took {seconds / 60:.1f} minutes. Every figure is the median of {runs} runs "
             "(min–max beside it), each a new process as a user would run it; builds use the default "
             f"`--jobs` ({os.cpu_count()} processes).", "",
             "Commands: `make bench` (sets up `.venv-bench` with Pelican and CollateX, then runs "
             "`python -m benchmarks.bench --write`). Workloads are made by `benchmarks/workloads.py` from "
             "`../shared/corpus/` into a scratch folder; nothing of the corpus enters the repository.", "",
             "## Workloads and full builds", "",
             "| workload | stories × articles | words | full build | of it, the build itself | peak memory | "
             "one edit, rebuilt | of it, the build itself | rebuild ÷ full | one edit inside `parallax serve` |",
             "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for r in results:
        w = r.workload
        shape = f"{w.stories} × {w.articles}" if w.name not in ("basil", "ecbplus") else \
            f"{w.stories} × {'3' if w.name == 'basil' else '10–21'}"
        lines.append(f"| {w.name} | {shape} | {w.words:,} | {r.full.show()} | {r.full_inside.show()} | "
                     f"{r.peak.show('MB', 0)} | {r.incremental.show()} | {r.incremental_inside.show()} | "
                     f"{100 * r.incremental.median / r.full.median:.1f}% | "
                     f"{r.serve_edit.show() if r.serve_edit.values else '–'} |")
    lines += ["", "The build itself is the time `parallax build` reports (\"Built … in\"), without the "
              "interpreter's start-up and imports. One edit inside `parallax serve` is measured in one process "
              "that stays up (`benchmarks/serve_edit.py`): a first build, then each edit rebuilt with the lock "
              "every request takes, so the changed files are moved into the site in place.", "",
              "### The semantic layer", "",
              "The same full builds with sentence embeddings (the default, all-MiniLM-L6-v2 int8 on the CPU, "
              "in batches of 8 texts of similar length) and with words alone (`[align] semantic = false`), side by side in one loop.", "",
              "| workload | stories | with the semantic layer | peak memory | words alone | peak memory | "
              "per story, semantic | per story, words alone |", "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for r in results:
        stories = r.workload.stories
        lines.append(f"| {r.workload.name} | {stories} | {r.full.show()} | {r.peak.show('MB', 0)} | "
                     f"{r.words_alone.show()} | {r.words_alone_peak.show('MB', 0)} | "
                     f"{r.full.median / stories:.2f} s | {r.words_alone.median / stories:.2f} s |")
    lines += ["",
              "## Where the time goes", "",
              "Seconds per stage (median). The normalize, align, compare and examine stages run in "
              "several processes at once, and their times add up over the processes; load, render and "
              "write run in one.", "",
              "| workload | " + " | ".join(STAGES) + " |", "| --- | " + " | ".join("---" for _ in STAGES) + " |"]
    for r in results:
        lines.append(f"| {r.workload.name} | " + " | ".join(
            f"{r.stages[s].median:.2f}" if s in r.stages else "n/a" for s in STAGES) + " |")
    lines += ["", "## Side by side", "",
              "Each alternative ran in the same loop as Parallax, run for run; the ratio is Parallax's "
              "time divided by the alternative's (below 1: Parallax is faster), median over the pairs.", "",
              "| workload | Parallax full build | the floor | Parallax ÷ floor | Pelican | Parallax ÷ Pelican | "
              "Parallax per article page | Pelican per article page |",
              "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for r in results:
        pages = len(r.workload.article_files)
        ours = f"{1000 * r.full.median / pages:.1f} ms"
        theirs = f"{1000 * r.pelican.median / pages:.1f} ms" if r.pelican.values else "n/a"
        lines.append(f"| {r.workload.name} | {r.full.show()} | {r.floor.show()} | {_ratio(r.floor_ratio)} | "
                     f"{r.pelican.show()} | {_ratio(r.pelican_ratio)} | {ours} | {theirs} |")
    lines += ["", "- **The floor** (`benchmarks/floor.py`): read every article, parse it with markdown-it-py, "
              "render one plain Jinja2 page per article and write it; no cleaning and no comparison.",
              "- **Pelican** 4 builds one page per article from the same texts (plus its index, category "
              "and archive pages), with its default theme: what a newsroom uses for a plain static site.", "",
              "### Aligners on the same stories", "",
              "Alignment alone (stories loaded and normalized first, the same for all), in seconds; the ratio is "
              "the alternative's time divided by Parallax's (above 1: Parallax is faster).", "",
              "| workload | stories | Parallax | TF-IDF cosine | ratio | all-pairs difflib | ratio | CollateX | ratio |",
              "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for r in results:
        cells = [r.workload.name, str(r.align_stories), r.aligners["parallax"].show()]
        for name in ("tfidf", "difflib", "collatex"):
            if name in r.aligners:
                cells += [r.aligners[name].show(), _ratio(r.aligner_ratio[name])]
            else:
                cells += [r.aligner_note.get(name, "n/a"), "–"]
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", "TF-IDF is faster and far less accurate (link F1 0.43 against 0.75 on the hand-annotated "
              "stories, [evaluation.md](evaluation.md)). All-pairs difflib compares every pair of sentences; "
              "CollateX (GPL-3, run from `.venv-bench`, never a dependency) builds one global collation of all "
              "witnesses, in its fastest setting (no near matching, no segmentation).", "",
              "## Growth", ""]
    for growth_, name in zip(growths, ("words", "articles"), strict=True):
        lines += [f"### Time against {growth_.label}", "",
                  f"| {growth_.label} | total words | the build itself | × the previous | whole process |",
                  "| --- | --- | --- | --- | --- |"]
        previous = None
        for x, words, inside, process in zip(growth_.xs, growth_.words, growth_.inside, growth_.process, strict=True):
            step = f"{inside.median / previous:.2f}×" if previous else "–"
            lines.append(f"| {x:,} | {words:,} | {inside.show()} | {step} | {process.show()} |")
            previous = inside.median
        if images is not None:
            points = [(float(w), s.median) for w, s in zip(growth_.words, growth_.inside, strict=True)]
            linear = [points[0], points[-1]]
            svg = svg_plot(f"Build time against {growth_.label}", "total words", points, linear)
            (images / f"bench-growth-{name}.svg").write_text(svg, encoding="utf-8")
            lines += ["", f"![Build time against {growth_.label}](images/bench-growth-{name}.svg)"]
        lines.append("")
    lines += targets(by_name, growths)
    return "\n".join(lines) + "\n"


def targets(by_name: dict[str, WorkloadResult], growths: tuple[Growth, Growth]) -> list[str]:
    """The speed issue's targets, each with what this run measured."""
    archive = by_name.get("archive")
    lines = ["## Targets", "", "| target | measured | met? |", "| --- | --- | --- |"]
    if archive is not None:
        full, peak = archive.full.median, max(archive.peak.values)
        lines.append(f"| archive with the semantic layer: full build <= 30 s | {full:.1f} s | {'yes' if full <= 30 else 'no'} |")
        lines.append(f"| archive peak memory <= 1 GiB | {peak:.0f} MB | {'yes' if peak <= 1024 else 'no'} |")
        if archive.pelican.values and archive.words_alone.values:
            articles = archive.workload.stories * archive.workload.articles
            ours = 1000 * archive.words_alone.median / articles
            theirs = 1000 * archive.pelican.median / articles
            lines.append(f"| words alone: within 2× Pelican's time per article page | {ours:.1f} ms against "
                         f"{theirs:.1f} ms ({ours / theirs:.1f}×) | {'yes' if ours <= 2 * theirs else 'no'} |")
        edit = archive.serve_edit if archive.serve_edit.values else archive.incremental_inside
        inside = edit.median / archive.full_inside.median
        seconds = edit.median
        lines.append(f"| one edit rebuilt inside `parallax serve`: <= 2% of a clean build and < 0.5 s | "
                     f"{100 * inside:.1f}%, {seconds:.2f} s | {'yes' if inside <= 0.02 and seconds < 0.5 else 'no'} |")
    for name in ("wide", "long"):
        result = by_name.get(name)
        if result is not None:
            lines.append(f"| {name} story with the semantic layer <= 2 s | {result.full.median:.1f} s | "
                         f"{'yes' if result.full.median <= 2 else 'no'} |")
    steps = [b.median / a.median for a, b in itertools_pairwise(growths[0].inside)]
    worst = max(steps) if steps else float("nan")
    lines.append(f"| doubling the words costs < 2.3× | at most {worst:.2f}× (steps: "
                 + ", ".join(f"{s:.2f}×" for s in steps) + f") | {'yes' if worst < 2.3 else 'no'} |")
    lines += ["", NOTES]
    return lines


def itertools_pairwise(series: list[Series]) -> list[tuple[Series, Series]]:
    import itertools
    return list(itertools.pairwise(series))


NOTES = """### Where the time went, and what was done

**Speed work (2026-11-28), measured side by side.** The build before it (857329c) and after
(2afc5ea) ran in turns on the same machine, each run a fresh process with a clean output folder
(`python -m benchmarks.side_by_side OLD_TREE NEW_TREE`: 3 runs for the semantic archive, 5 for the others); medians, and the
median of the run-by-run ratios. The output is byte-identical before and after (every page and
comparison.json of ten archive stories compared; the gold figures are unchanged).

| workload | before | after | speed-up | peak memory after |
| --- | --- | --- | --- | --- |
| archive, semantic (100 × 8) | 155.8 s (152.1–157.8) | 132.9 s (128.1–138.4) | 1.17× | 505 MB (447 before) |
| archive, words alone | 46.5 s (42.2–51.6) | 39.7 s (39.3–41.6) | 1.18× | 215 MB |
| wide, semantic (1 × 40) | 39.0 s (38.3–41.4) | 33.1 s (32.2–34.7) | 1.19× | 2.4 GB |
| long, semantic (5 × 19k words) | 39.7 s (34.0–40.2) | 29.0 s (27.9–31.0) | 1.34× | |
| wide, words alone | 17.8 s (16.9–18.3) | 14.7 s (14.0–15.1) | 1.20× | |
| long, words alone | 9.7 s (9.5–10.8) | 9.3 s (9.0–9.7) | 1.05× | |

Where the time goes (cProfile, `-j 1`, ten archive stories with the semantic layer; stage times
from `-v`): the sentence encoder is about 75% of a story's time, 1.25 s of 1.7 s: 162 texts of
about 34 word pieces each (sentences, and the clauses of long ones). onnxruntime's own profile of
the model shows 75% of that in its matrix products, which run in float32 (the file's weights are
int8, dequantized when loaded), at 0.37 ms per word piece on one core. The archive holds about
540,000 word pieces to encode: about 100 core-seconds, 50 s of wall time on 2 cores before
anything else runs. The 30-second target cannot be met with this model on this machine; it needs
a cheaper encoder (a smaller or static-embedding model) or far fewer texts encoded.

What was done, each with the same output:
- **Encoder batches.** Texts run 8 at a time, sorted by length and padded (the padding masked):
  1.2–1.3× faster per text than one per run; larger batches are slower. Each vector is bit for
  bit the one its text gets alone (a test holds it, and the encoder checks it when a model loads,
  falling back to one text per run for a model where it does not hold).
- **Lexical pair scores as arrays.** `lexical.LexicalIndex` scores all of a story's candidate
  pairs at once with NumPy (sorted codes, `searchsorted`, one `bincount` per direction), bit for
  bit the Python scores (a test compares every pair of the hand stories): the wide story's
  align stage fell from 13.8 s to 9.7 s (`-j 1`).
- **Ranks, names, linkage.** Pair ranks with one `lexsort` instead of Python sorts, name
  similarity remembered across a story's groups, linkage counts over the smaller group.

Tried and not kept: clause vectors pooled from the sentence's own token states instead of
encoding each clause again (16% fewer word pieces). With the shipped weights the four gold
stories scored better (mean F1 0.82 to 0.84), but refitted and scored leave-one-story-out it was
not (0.810 to 0.799, traps 3 to 4–5): kept out.

Tried and not kept (2026-11-29, later session): the encoder's matrix products in int8. The shipped
model stores int8 weights but multiplies in float32; quantized again for onnxruntime's integer kernels
(`onnxruntime.quantization.quantize_dynamic` on the float graph, weights per channel, activations per
run), one text per run took 2.82 s against 4.76 s for 254 BASIL sentences on one thread (1.7x; this
machine has AVX2 and no VNNI), but the shipped model's batches of 8 took 3.63 s, so the gain over what
ships is about 1.25x, and batches are then unusable: activations are quantized per run, so a text's vector
would depend on the texts beside it and builds would no longer be byte-identical. The vectors also move
(cosine with the shipped ones 0.991 on average, 0.981 at worst; 0.958 and 0.924 with weights per tensor),
so the pair model would have to be fitted again, for about a fifth of the encoder's time: kept out. The
30-second archive stays out of reach with this model on this machine.

- **Memory.** The wide story peaked at 2.4 GB: both sentence vectors of each of its 543,000
  candidate pairs were gathered at once for their cosines. Cosines and lexical scores now go
  20,000 pairs at a time: 697 MB (`-j 1`), the same pages and comparison.json byte for byte.
- **One edit rebuilt.** The write stage staged every cache file again (401 files on the archive,
  the stories' full JSON among them); unchanged ones are now hard-linked like unchanged pages, and
  each staging folder is made once: the archive's write stage fell from 1.0–1.8 s to 0.4–0.7 s.
  Compiled templates are kept in memory across `parallax serve`'s rebuilds. An edit rebuilt in
  one long-running process (as `parallax serve` does) takes about 1.6 s on the archive (2.2 s
  before; 2.1 s for the first edit, which loads the encoder): still above the 0.5 s target.
  Its stages: load 0.17 s, normalize 0.05, align 0.34, compare 0.11, examine 0.07, render 0.23,
  write 0.41 (linking about 1,600 unchanged files into the staging folder, then removing the old
  site). Reaching 0.5 s would take an in-place
  update of the output instead of a staged copy, and the other stories' keys and light copies
  kept in memory between rebuilds.

**Edit inside serve, in place (2026-11-28, eighth session).** Inside `parallax serve` an edit's
rebuild no longer links the whole site into a new folder: the changed files (a story's pages, the
site-wide pages, the cache's manifest) are moved into the output folder under the lock every request
takes, the files they replace and those no longer made go to an undo folder beside it whose journal is
written first, and an error puts them back; a build killed while moving is undone by the next one (a
test kills it at every disk change). `parallax build` keeps the atomic swap of whole folders. One
archive edit, serve-style (`benchmarks/serve_edit.py`, one process), old and new alternating, medians of
5 edits in 3 rounds: 1.28-1.34 s -> 1.12-1.15 s; the write stage 0.28-0.35 s -> 0.12-0.13 s. What is
left: load 0.21 s (reading and checking 900 files), the story's own normalize, align, compare and
examine 0.45 s, render 0.22 s (its pages and the site-wide pages), write 0.12 s. The 0.5 s target stays
missed: the edited story's own processing alone is about 0.45 s.

**Edit inside serve, what unchanged stories cost (2026-11-28, ninth session).** A profile of the
in-place edit showed most of what was left outside the edited story: reading and checking every story
folder's files again (0.22 s), resolving each reusable page's folder (~1,200 `realpath` walks), parsing
every light story file's JSON before seeing it was the one already read, hashing every whole story file,
and comparing again every group of the edited story, most of whose members had not changed. Now, in one
process: a story folder none of whose entries changed (names, sizes, inodes, modification and change
times; a folder changed in the last two seconds, one holding a link, or one with something waiting for a
date is read again) gives what it gave before; a page's folders are checked with one `lstat` each; a light
story file is compared byte for byte before it is parsed; a whole story file's sha256 is kept with its
times; a group's typed differences are kept by its members' texts. Archive edit, serve-style, old and new
alternating, medians of 5 edits in 3 rounds: 1.11-1.15 s -> 0.73-0.75 s; load 0.22 s -> 0.02 s. The write
stage then lists the output's entries as strings, not path objects (0.13 s -> 0.11 s). Still above the
0.5 s target; what is left, in a warm process: align 0.22 s (every pair's features depend on word weights
taken over the whole story, so a changed sentence changes them all), render 0.20 s (the story's pages 0.07,
the site-wide pages 0.085), write 0.11 s, examine 0.06 s, normalize 0.05 s, compare 0.04 s.

**Edit inside serve, the edited story's own work (2026-11-28, tenth session).** A profile of the in-place
edit after the ninth session's changes put most of what was left in the edited story's alignment and in
moving unchanged files. Now: a story's cross-article pairs, their clause pairs and their cosines are array
operations (the cosines of a story of up to 2,000 sentences read from one similarity matrix instead of
gathering both vectors of every pair, 80 MB for an archive story); word and paraphrase-class lookups use one
flag per (row, word) code instead of a binary search when a story's rows x words is at most 2^24;
`variants.canonical` keeps its last 65,536 texts; inside serve a page that comes out byte for byte as the
output holds it (most site-wide pages after one edit) stays where it is instead of being staged and moved
in (never a link, nor a file behind a linked folder); reused pages are checked with path strings. The
archive story's `align_story`, warm, medians of 7: 0.47 s -> 0.15 s. Archive edit, serve-style
(`benchmarks/serve_edit.py`), 278dce7 and the new code alternating, medians of 5 edits in 3 rounds each,
two sessions of rounds: 1.38-1.68 s -> 0.89-1.13 s after the first three changes, 1.54-1.79 s ->
1.03-1.17 s at the end (the same code measured 0.73-0.75 s the day before: this machine ran about twice as
slow on this day, and single runs varied by 30%); write stage 0.15-0.47 s -> 0.06-0.11 s. By the ratio,
about 0.65x. The 0.5 s target is missed on this day's machine; what is left, warm: render 0.32-0.40 s (the
story's ten pages ~0.14 s, the ~50 site-wide pages ~0.13 s: every outlet page counts the edited story's
outlet's stories, so none can be reused soundly), align 0.19-0.27 s, examine 0.07-0.12 s, normalize 0.09 s,
compare 0.05-0.09 s, write 0.05-0.08 s.

**Edit inside serve, the pages' words and the first edit (2026-11-29, eleventh session).** A profile of
the in-place edit put a fifth of rendering in the templates' `_()`: Jinja2's newstyle i18n calls three
functions through the template context for each, and looks the message up each time (about 6,000 calls per
archive edit). The templates now get Parallax's own `_`, `gettext` and `ngettext`, one call each, each
message looked up once per site, with the same output (a test renders eight templates in English and French
with both; the demo's pages in English, French and German came out byte for byte the same). One archive
story's ten pages, medians of 15 in one process: 170 -> 140 ms; the site-wide pages 33 -> 22 ms. The theme
then writes a marked segment's word and a sentence's text out in the loop instead of calling a macro for
each (about a thousand calls per story): 145 -> 131 ms and 134 -> 126 ms, old and new templates in turns in
one process. The first edit after `parallax serve` started was the cold one when the first build took every
story from the cache: it loaded the encoder (about 0.4 s) and made the story templates (2.1-2.3 s, against
about 1 s for the next edits). Serve now warms up once its watcher is in place (`build.warm_up`: the
encoder, and the pipeline and story templates run on a made-up story of two short articles in memory; an
edit made meanwhile is rebuilt right after); `benchmarks/serve_edit.py` does the same. First edit,
`serve_edit`, three rounds: 1.74-2.25 s -> 0.84-1.23 s.

Then what an edit's rebuild did again for the edited story's unchanged parts, each remembered in the
process by everything it reads, and each caller given its own copy where the pipeline changes things in
place: normalized articles (pickled, by the article file and the settings; on in serve only), what a group
of members comes to in compare (marks, status, label, typed differences) and the certainty differences
across groups, an article's citations (by its sentences and the story's surnames), a text's person names
and lexicon phrases, a sentence's attribution span, clauses and weighted concepts (per analysis object),
each story's outlet views for the outlet pages (per light story object, which serve keeps from one rebuild
to the next); the story's plain form for JSON dispatches on the value's type first (14 -> 6 ms) and the
clustering's pair scores come from the arrays at once (27 -> 11 ms for 30,000 pairs). Archive edit,
serve-style, medians of 8 edits after a warm-up (`build_site` as serve calls it, each stage timed as
`benchmarks/serve_edit.py` now prints them), ec80a72
and the new code in turns, three rounds: 0.94-0.99 s -> 0.57-0.74 s (about 0.7x); normalize 0.07-0.10 ->
0.02 s, compare 0.08 -> 0.01 s, examine 0.10-0.11 -> 0.05-0.06 s, align 0.23-0.25 -> 0.19-0.22 s, render
0.27-0.36 -> 0.20-0.30 s, write 0.06-0.07 -> 0.04-0.05 s. `serve_edit`, the same rounds: later edits
0.74-0.94 s -> 0.70-0.74 s (this machine's speed moved by a third between runs that hour). That is 0.4-0.5%
of a clean build (154 s), inside the 2% target; the 0.5 s target is still missed. The clean archive build
is not slower for the memos (166 s -> 154 s, one run each, 469 MB -> 468 MB peak) and its site is byte for
byte the same. What is left in an edit: align about 0.2 s (every pair's features depend on word weights
over the whole story), the story's pages about 0.08 s, the outlet pages about 0.05 s (every outlet page
lists every story, and a theme may read any of it, so none is reused), page bookkeeping about 0.04 s.

**The encoder's floor, measured (2026-11-28, eighth session).** onnxruntime's profile of the bundled model
puts 78% of its time in MatMul; batches of 8 texts of 34 word pieces run at 72 GFLOPS on one core and
135-140 GFLOPS on two (21 MFLOP per word piece), the float32 peak of these AVX2 cores without VNNI. The
archive's ~540,000 word pieces are ~11 TFLOP: about 80 s on two cores before anything else runs. No
setting of this model reaches the 30 s target; a model several times cheaper would, at a cost in
quality the alignment issue does not allow.

Not done: embedding caching was already per sentence (an edit re-encodes only its changed
sentences); top-k candidates for wide stories, a compiled word diff, and a smaller encoder.

**Edit inside serve (2026-11-28).** Two things an edit's rebuild redid for every unchanged story
are now done once per process: resolving each story file's path relative to the project (about
1,800 file-system walks per rebuild) and turning each unchanged story's light JSON back into objects
(kept while the file is byte for byte the same). The load stage of one edit rebuilt on the archive,
serve-style, fell from 0.28–0.35 s to 0.23–0.24 s (medians of 7, old and new alternating); the whole
rebuild, 2.1–2.5 s on this machine that day, was too noisy to show it. Removing the old site in a
background thread after the swap gained nothing measurable (write stayed 0.56 s) and was not kept.
The 0.5 s target stays missed: the write stage still makes a staging tree of ~1,000 folders and
~1,600 links per edit.

**Wide story, pair features without Python loops (2026-11-28, later).** The large-story
candidates merge as integer keys, each pair's closest clauses come from blocks of one
clause-by-clause matrix product reduced to sentence maxima, and shared names and speakers are
counted by a sorted lookup, instead of a Python step per pair (662,000 pairs on the wide story).
Clean build of the wide story with the semantic layer, old and new alternating, three runs each:
26.4 s -> 22.8 s (medians; 1.16x); align 21.5 s -> 18.6 s. The word-index candidates then became
array keys too (1.07 s -> about 0.5 s); the same comparison again, later, on a machine running
slower: 29.5 s -> 26.7 s (1.11x). What is left of align, with the vectors known: about 9 s
(lexical scores 3.2 s, average-linkage clustering 4.1 s under cProfile). The encoder is at this machine's limit: 5.5 ms per sentence of 33 tokens,
batched by length (batch 8; 32 and 64 are slower); the long story spends 17.6 s in it, so the
2 s targets for wide and long cannot be met by a clean build with this model on two AVX2 cores.

**Encoder in int8 arithmetic (2026-11-28, tried, not kept).** The bundled model's weights are int8 but
its matrix products run in float32. Re-quantized with onnxruntime's `quantize_dynamic` (int8
activations, MatMulInteger), 469 BASIL sentences of 21,291 word pieces encoded one text per run (a
per-run activation scale makes a batch's vectors depend on their neighbours, which would break
byte-identical builds) took 3.53 s against 3.97 s for today's float32 batches of 8 (medians of 3):
1.12x, on two AVX2 cores without VNNI. The vectors moved (lowest cosine to today's 0.90), so the
alignment would change for a tenth of the encoder's time: not kept.

**A static-embedding encoder (2026-11-29, tried, not kept).** No installable package ships a cheaper
sentence model, so one was made from the bundled one, as model2vec does: each of the 30,522 word pieces
encoded alone by MiniLM (23 s once), a sentence's vector the mean of its word pieces' vectors. Encoding
is then a table lookup (well under a second for the archive instead of about 100 s), but the aligner,
refitted and scored leave-one-story-out (`python -m benchmarks.fit_aligner` with the encoder swapped),
falls from 0.817 to 0.72-0.75 (PCA to 128 or 256 dimensions and Zipf weights, or neither), and to
0.74-0.77 with the table fitted by ridge regression so that the mean of a sentence's word pieces
approximates MiniLM's vector over 10,261 sentences of the corpus outside the four gold stories (traps
2-5, must-flags 7 of 11 against 9). The words alone score 0.71. A static table loses most of what the
encoder adds, so the 30 s archive and 2 s wide and long targets stay out of reach without a cost in
quality the alignment issue does not allow.

**With the semantic layer (2026-11-27)** the sentence encoder dominates: align is 254 s of the
archive's stage time (summed over both processes) against 11 s for compare, and the archive's
full build went from 15.8 s to 150 s (42 s with words alone, in the same loop: the pair model's
features over all cross-article pairs cost too). Memory peaks at 2.35 GB on the wide story of
40 outlets (the pair features of every cross pair are held at once) and 454 MB on the archive.
Making this fast (compiled or vectorised pair features, top-k candidates instead of all pairs,
length-sorted encoder batches) is the speed issue's work; quality was not traded for it here.
One edit's rebuild stays small (2.1% of a full build): cached sentence vectors are reused. The
paragraphs below describe the build before the semantic layer.

Profiled with cProfile (`python -m cProfile -s cumtime -m generator build --clean -j 1` on ten
archive stories). The first measurement of the archive took 28 s and an edit's rebuild 7.6 s.
The largest parts, and what became of them:

- **compare**: a word diff (diff-match-patch) between every two members of every fact, to find
  the words each shares with another outlet; the stems it compared were already in hand, so the
  diffs found nothing more. Removed: compare fell from 19 s to about 4 s (summed over processes).
- **examine**: quotations were compared all pairs with all pairs; an index of shared words now
  picks the pairs worth comparing. The speaker search in the sources ran a costly pattern at
  every position of every sentence; it now starts from the verbs of saying.
- **render**: every page built its own copy of the story's view, and the comparison JSON went
  through Python's slow indented encoder; the view is made once and the JSON is compact.
- **incremental builds**: reading each unchanged story from the cache rebuilt every object
  (type hints read 146,000 times); the cache now keeps a light copy of each story with only
  what the site-wide pages need, and the front matter is read with libyaml.

**Alignment** is now the largest stage: scoring the candidate pairs that an index of each
sentence's rarest words proposes. Pruning candidates is a trade of quality for speed, measured:
keeping only pairs that share two index words halves alignment time and lowers link F1 on the
hand-annotated stories from 0.75 to 0.71 (three words: 43% of the time, F1 0.60). Quality was
kept. The cost grows with the square of the outlets per story (every outlet's sentence is a
candidate for every other's): the "wide" story of 40 outlets is the slowest per word, and the
articles curve bends upwards past 16 outlets, while growth with the words of a fixed set of
outlets stays linear.

**The two missed targets.** The floor reads, parses and writes a page in about half a
millisecond per article; Pelican, which does the same with a theme, index and archive pages, in
about 3 ms. Parallax's cleaning, sentence splitting, alignment, comparison and examination cost
15 to 20 µs per word in pure Python, 15 ms for an 800-word article: no tuning of the page
writing can bring that within 3× of the floor or under Pelican's time, since the pages are a
small part of it. Getting there would take the pair scoring and word comparison in compiled
code, which the design card leaves out. One edit's rebuild is 4.6% of a full build inside
`parallax serve` (the live preview, where it matters), and 6.1% as a command, where the
interpreter's start-up (about 0.25 s) is counted too.

<!-- cluster-bench -->
## On a cluster (`--cluster`)

`python -m benchmarks.cluster_bench --stories 1000 --runs 3` (part of `make bench`): generated stories of 3 articles of ~300 words, words alone, clean builds, medians of 3 runs taken in turns, on this 2-core machine. A LocalCluster's workers are processes of one thread each, started by the build; the workers make each story's pages, the client (the `parallax build` process) reads, writes and makes the pages that list every story.

| how | 200 stories | 1000 stories | client's peak memory | client's processor time |
| --- | --- | --- | --- | --- |
| here, 1 process | 18.8 s | 73.4 s | 110 / 230 MB | 19.3 / 74.0 s |
| here, 2 processes | 10.9 s | 41.1 s | 50 / 73 MB | 4.6 / 12.5 s |
| LocalCluster, 1 worker | 23.4 s | 85.8 s | 87 / 134 MB | 6.9 / 24.3 s |
| LocalCluster, 2 workers | 14.7 s | 54.6 s | 87 / 134 MB | 6.0 / 22.1 s |

(Memory and processor time: at 200 / 1000 stories, of the `parallax build` process alone; a LocalCluster's workers are other processes.)

What a cluster costs, from the two sizes (the difference of the slopes and of the intercepts against the same number of processes here):

- per story: +9.7 ms with one worker, +12.1 ms with two (sending the story's text and the theme, its pages and light form coming back, the scheduler's bookkeeping; with two workers on two cores the client and the scheduler also take processor time from them);
- once per build: +2.7 s with one worker, +1.4 s with two (starting the LocalCluster and checking its workers; a standing cluster pays only the check).

Work per story: 67 ms on a worker (normalize, align, compare, examine and the story's pages, from the one-process builds' stage times), 21.8 ms on the client (its processor time per story on a LocalCluster: reading, writing the files that come back, the cache's manifest, the pages that list every story). The client writes while the workers work, so the slower of the two sets the pace.

**Projection, not a measurement**: 100,000 stories, one thread per worker on machines of their own, the client on one core; time = stories × the larger of (a worker's work per story + the cluster's cost per story with one worker) / workers, and the client's processor time per story.

| stories like | 8 workers | 32 workers | 128 workers | bound by |
| --- | --- | --- | --- | --- |
| these (3 × 300 words, words alone) | 36 min | 36 min | 36 min | the client from 8 workers |
| the archive's (8 × 800 words, semantic layer) | 9.3 h | 2.3 h | 1.5 h | the client from 128 workers |

Past the point where the workers outrun the client, more workers do not help. A profile of the client (200 stories, one worker) finds its main thread waiting 17 of 22 s: most of its processor time is Dask's own communication thread receiving each story's pages (about 12 ms a story more than the same build's client with local processes). Workers writing into a shared output folder, and sending back only the light form, would take that off the client; it is not built.
<!-- /cluster-bench -->
"""


# --- main ------------------------------------------------------------------------------------------

def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--write", action="store_true", help="write docs/benchmarks.md and its plots")
    parser.add_argument("--out", type=Path, help="write the report here instead")
    parser.add_argument("--smoke", action="store_true", help="every workload at a tiny size, one run")
    parser.add_argument("--runs", type=int, default=None)
    parser.add_argument("--only", default=",".join(WORKLOADS), help="workloads, comma-separated")
    parser.add_argument("--heavy-timeout", type=float, default=45.0,
                        help="seconds before all-pairs difflib or CollateX is stopped")
    args = parser.parse_args(argv)
    runs = args.runs or (1 if args.smoke else 5)
    started = time.perf_counter()
    scratch = Path(tempfile.mkdtemp(prefix="parallax-bench-"))
    try:
        results = []
        for name in args.only.split(","):
            workload = make(name, scratch / name, smoke=args.smoke)
            print(f"{name}: {workload.stories} stories, {len(workload.article_files)} articles, "
                  f"{workload.words:,} words", flush=True)
            results.append(measure(workload, runs, scratch, 5.0 if args.smoke else args.heavy_timeout, args.smoke))
            print(f"  full build {results[-1].full.show()}", flush=True)
        growths = growth(scratch, 1 if args.smoke else 3, args.smoke)
        target = args.out or (ROOT / "docs" / "benchmarks.md" if args.write else None)
        images = None
        if target is not None:
            images = target.parent / "images"
            images.mkdir(parents=True, exist_ok=True)
        text = report(results, growths, runs, time.perf_counter() - started, images)
        if target is not None:
            target.write_text(text, encoding="utf-8")
            print(f"wrote {target}")
        else:
            print(text)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
