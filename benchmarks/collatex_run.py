"""Time CollateX collating each story of a content folder; prints JSON.

Runs in the benchmark environment (.venv-bench, made by scripts/bench-venv.sh),
not in Parallax's: CollateX is GPL-3, measured beside Parallax, never a
dependency of it. Self-contained on purpose (no Parallax imports):

    .venv-bench/bin/python benchmarks/collatex_run.py CONTENT_DIR [--limit N]

Each story's articles are the witnesses, as plain text (front matter left
out); the default (Dekker) algorithm without near matching or segmentation,
CollateX's fastest setting.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path


def main() -> None:
    from collatex import Collation, collate

    parser = argparse.ArgumentParser()
    parser.add_argument("content", type=Path)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    stories = sorted(p for p in args.content.iterdir() if p.is_dir())[:args.limit]
    witnesses = []
    for story in stories:
        texts = []
        for path in sorted(story.glob("*.md")):
            if path.name == "_story.md":
                continue
            body = path.read_text(encoding="utf-8").removeprefix("---\n").partition("\n---\n")[2]
            texts.append((path.stem, " ".join(body.split())))
        witnesses.append(texts)
    started = time.perf_counter()
    for texts in witnesses:
        collation = Collation()
        for sigil, text in texts:
            collation.add_plain_witness(sigil, text)
        collate(collation, output="json", segmentation=False, near_match=False)
    print(json.dumps({"seconds": time.perf_counter() - started, "stories": len(witnesses)}))


if __name__ == "__main__":
    main()
