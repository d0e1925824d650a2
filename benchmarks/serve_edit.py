"""One edit rebuilt the way `parallax serve` rebuilds it: in one long-running process, with the lock every
request takes (the changed files are moved into the site in place), after a first build and the warm-up
serve runs once its watcher is in place (`build.warm_up`: the encoder loaded, the story templates made).

    python -m benchmarks.serve_edit PROJECT ARTICLE RUNS

Appends a numbered sentence to ARTICLE before each of RUNS rebuilds (and restores it at the end), and
prints one JSON object: the seconds of each rebuild (`build_site` itself, as serve calls it), of its write
stage, and of each of its stages.
"""

from __future__ import annotations

import json
import sys
import threading
import time
from pathlib import Path

from generator.build import build_site, warm_up
from generator.config import load_config
from generator.content.normalize import remember_articles


def main() -> None:
    project, article, runs = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    lock = threading.Lock()
    original = article.read_text(encoding="utf-8")
    seconds: list[float] = []
    writes: list[float] = []
    stages: dict[str, list[float]] = {}
    remember_articles()  # as serve does
    try:
        build_site(load_config(project), swap_lock=lock)
        warm_up(load_config(project))
        for number in range(runs):
            article.write_text(original + f"\nA sentence added inside serve, number {number}.\n", encoding="utf-8")
            started = time.perf_counter()
            result = build_site(load_config(project), swap_lock=lock)
            seconds.append(time.perf_counter() - started)
            writes.append(result.timings["write"])
            for stage, spent in result.timings.items():
                stages.setdefault(stage, []).append(spent)
            if len(result.recomputed) != 1:
                raise SystemExit(f"expected one story recomputed, not {result.recomputed}")
    finally:
        article.write_text(original, encoding="utf-8")
        build_site(load_config(project), swap_lock=lock)
    print(json.dumps({"seconds": seconds, "write": writes, "stages": stages}))


if __name__ == "__main__":
    main()
