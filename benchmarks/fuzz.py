"""Adversarial growth: does any small, hostile input make a build cost more than its size?

    make fuzz                                  # prints the table and writes it into docs/security.md
    python -m benchmarks.fuzz --smoke          # every input at its two smallest sizes (a test runs this)

Each input is grown by steps of 2x and built clean, in this process, with
one job; each figure is the median of three builds. Linear cost doubles the
time at each step (a ratio of about 2); a quadratic cost would quadruple it.
The table goes between the markers in docs/security.md.
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.build import build_site
from generator.config import load_config

from .goldsets import ROOT

SECURITY_DOC = ROOT / "docs" / "security.md"
BEGIN, END = "<!-- fuzz:begin -->", "<!-- fuzz:end -->"
SENTENCE = "The harbour council approved the flood barrier plan on Monday after a long debate."
RUNS = 3


@dataclass(slots=True)
class Input:
    name: str
    unit: str
    sizes: list[int]
    article: Callable[[int], tuple[str, str]]
    """size -> (file name, file text) of the hostile article beside an ordinary one."""
    stories: Callable[[int], int] = lambda size: 1


def _markdown(outlet: str, body: str, front: str = "") -> str:
    return f"---\noutlet: {outlet}\n{front}---\n{body}"


def _aliases(levels: int) -> str:
    names = "abcdefghijklmnopqrstuvwxyz"
    lines = ['x_a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"x_{names[i]}: &{names[i]} [" + ",".join([f"*{names[i - 1]}"] * 10) + "]" for i in range(1, levels)]
    return "\n".join(lines) + f"\npublished: *{names[levels - 1]}\n"


INPUTS = [
    Input("identical sentences (`Ok.` paragraphs)", "sentences", [2_500, 5_000, 10_000, 20_000],
          lambda n: ("beta.md", _markdown("Beta", "Ok.\n\n" * n))),
    Input("one paragraph of many sentences", "sentences", [1_000, 2_000, 4_000, 8_000],
          lambda n: ("beta.md", _markdown("Beta", (SENTENCE + " ") * n + "\n"))),
    Input("one line without a full stop", "words", [25_000, 50_000, 100_000, 200_000],
          lambda n: ("beta.md", _markdown("Beta", " ".join(["council"] * n) + "\n"))),
    Input("saved page, elements nested", "levels", [60, 120, 240, 480],
          lambda n: ("beta.html", "<html><body>" + "<div><b>" * (n // 2) + f"<p>{SENTENCE}</p>"
                     + "</b></div>" * (n // 2) + "</body></html>")),
    Input("saved page nested past the limit (refused)", "levels", [2_500, 5_000, 10_000, 20_000],
          lambda n: ("beta.html", "<html><body><p>" + "<b>" * n + SENTENCE + "</b>" * n + "</p></body></html>")),
    Input("YAML aliases in front matter", "alias levels", [2, 4, 8, 16],
          lambda n: ("beta.md", _markdown("Beta", SENTENCE + "\n", _aliases(n)))),
    Input("one quotation given to two speakers, again and again", "sentences", [500, 1_000, 2_000, 4_000],
          lambda n: ("beta.md", _markdown("Beta", "".join(
              f'"Freedom means freedom for everyone," {"she said" if i % 2 else "the former vice president said"}.'
              "\n\n" for i in range(n))))),
    Input("one paragraph of many quotations", "quotations", [250, 500, 1_000, 2_000],
          lambda n: ("beta.md", _markdown("Beta", "".join(
              f"“Item {i} of the plan was kept for review,” Gov. Smith said. " for i in range(n)) + "\n"))),
    Input("files: stories of two articles", "stories", [8, 16, 32, 64],
          lambda n: ("beta.md", _markdown("Beta", SENTENCE + "\n")), stories=lambda n: n),
]


def _project(folder: Path, item: Input, size: int) -> Path:
    (folder / "content").mkdir(parents=True)
    (folder / "parallax.toml").write_text('title = "Fuzz"\n', encoding="utf-8")
    name, text = item.article(size)
    for number in range(item.stories(size)):
        story = folder / "content" / f"story-{number:03d}"
        story.mkdir()
        (story / "_story.md").write_text(f"---\ntitle: Story {number}\n---\n", encoding="utf-8")
        (story / "alpha.md").write_text(_markdown("Alpha", SENTENCE + "\n"), encoding="utf-8")
        (story / name).write_text(text, encoding="utf-8")
    return folder


def _seconds(project: Path, runs: int) -> float:
    config = load_config(project)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        build_site(config, jobs=1, clean=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def measure(item: Input, sizes: list[int], runs: int = RUNS) -> list[tuple[int, int, float]]:
    """(size, bytes of the hostile input, median seconds) for each size."""
    rows = []
    for size in sizes:
        with tempfile.TemporaryDirectory() as scratch:
            project = _project(Path(scratch), item, size)
            rows.append((size, len(item.article(size)[1].encode()) * item.stories(size), _seconds(project, runs)))
    return rows


def table(results: list[tuple[Input, list[tuple[int, int, float]]]]) -> str:
    lines = ["| hostile input | sizes (2x steps) | input bytes | build seconds (median of 3) | time ratio per 2x step |",
             "| --- | --- | --- | --- | --- |"]
    for item, rows in results:
        sizes = " / ".join(f"{size:,}" for size, _, _ in rows)
        sizes += f" {item.unit}"
        data = " / ".join(f"{size / 1000:,.0f} KB" if size >= 1000 else f"{size} B" for _, size, _ in rows)
        seconds = " / ".join(f"{s:.2f}" for _, _, s in rows)
        ratios = " / ".join(f"{b[2] / a[2]:.2f}" for a, b in itertools.pairwise(rows))
        lines.append(f"| {item.name} | {sizes} | {data} | {seconds} | {ratios} |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="write the table into docs/security.md")
    parser.add_argument("--smoke", action="store_true", help="the two smallest sizes, one build each")
    parser.add_argument("--out", type=Path, help="write the table to this file (with --smoke: instead of the docs)")
    args = parser.parse_args(argv)
    results = []
    for item in INPUTS:
        rows = measure(item, item.sizes[:2], runs=1) if args.smoke else measure(item, item.sizes)
        results.append((item, rows))
        print(table([(item, rows)]).splitlines()[-1], flush=True)
    text = table(results)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    if args.write and not args.smoke:
        document = SECURITY_DOC.read_text(encoding="utf-8")
        start, end = document.index(BEGIN) + len(BEGIN), document.index(END)
        SECURITY_DOC.write_text(document[:start] + "\n" + text + "\n" + document[end:], encoding="utf-8")


if __name__ == "__main__":
    main()
