"""The floor: what any generator must do for these articles, and nothing more.

Read every article file, parse it with markdown-it-py, render one plain Jinja2
page per article and write it. No cleaning, no comparison. Run as

    python -m benchmarks.floor CONTENT_DIR OUTPUT_DIR
"""

from __future__ import annotations

import sys
from pathlib import Path

from jinja2 import Environment
from markdown_it import MarkdownIt

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ title }}</title></head>
<body><main><h1>{{ title }}</h1>{{ body | safe }}</main></body></html>
"""


def build(content: Path, output: Path) -> int:
    markdown = MarkdownIt("commonmark")
    template = Environment(autoescape=True).from_string(PAGE)
    pages = 0
    for path in sorted(content.rglob("*.md")):
        if path.name == "_story.md":
            continue
        text = path.read_text(encoding="utf-8")
        front, _, body = text.removeprefix("---\n").partition("\n---\n")
        title = next((line.split(":", 1)[1].strip().strip('"') for line in front.splitlines()
                      if line.startswith("outlet:")), path.stem)
        target = output / path.parent.name / path.stem / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(template.render(title=title, body=markdown.render(body)), encoding="utf-8")
        pages += 1
    return pages


if __name__ == "__main__":
    build(Path(sys.argv[1]), Path(sys.argv[2]))
