"""The bad-input corpus: every kind of broken content gets a precise answer, and the rest still builds.

One project holds a good story and one story per kind of mistake an editor
makes. `parallax build` runs on it once, as a subprocess, the way an editor
runs it. Each case says what the editor must read (file, line, what was
wrong, how to fix it) and whether its story is still built.
"""

from __future__ import annotations

import random
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from .conftest import write

GOOD = "The council approved the budget on Monday. It includes 40 new buses for the city.\n"
UNPUNCTUATED = ("the council approved the budget on monday and it includes forty new buses for the city "
                "which the transport committee had asked for since last spring\n")


def article(outlet: str, body: str = GOOD, extra: str = "") -> str:
    return f"---\noutlet: {outlet}\n{extra}---\n{body}"


def _huge_body(megabytes: int = 10) -> str:
    """Ten megabytes of distinct sentences (repeated paragraphs would be dropped as junk)."""
    rng = random.Random(3)
    vocabulary = [f"word{i}" for i in range(5000)]
    paragraphs, size = [], 0
    while size < megabytes * 1_000_000:
        paragraph = " ".join(" ".join(rng.choice(vocabulary) for _ in range(15)).capitalize() + "."
                             for _ in range(4))
        paragraphs.append(paragraph)
        size += len(paragraph) + 2
    return "\n\n".join(paragraphs) + "\n"


def _make_project(root: Path) -> None:
    # Words alone: these stories test what a build says about bad files, not how it aligns them, and the
    # 10 MB article would take the semantic layer a minute and a half to encode.
    write(root / "parallax.toml", 'title = "Bad input"\n[align]\nsemantic = false\n')

    def story(slug: str, files: dict[str, str | bytes], meta: str = "title: A story") -> None:
        write(root / "content" / slug / "_story.md", f"---\n{meta}\n---\n")
        for name, text in files.items():
            path = root / "content" / slug / name
            if isinstance(text, bytes):
                path.write_bytes(text)
            else:
                path.write_text(text, encoding="utf-8")

    story("good", {"a.md": article("A"), "b.md": article("B", GOOD.replace("40", "45"))})
    story("empty-article", {"a.md": article("A"), "b.md": article("B", "")})
    story("no-punctuation", {"a.md": article("A"), "b.md": article("B", UNPUNCTUATED)})
    story("huge-article", {"a.md": article("A"), "b.md": article("B", _huge_body())})
    words = random.Random(4).choices([f"word{i}" for i in range(5000)], k=5000)
    story("run-on", {"a.md": article("A"), "b.md": article("B", " ".join(words) + ".\n")})
    story("single", {"a.md": article("A")})
    write(root / "content" / "no-story-file" / "a.md", article("A"))
    story("latin1", {"a.md": article("A"), "b.md": "---\noutlet: Café\n---\nText here.\n".encode("latin-1")})
    story("binary", {"a.md": article("A"), "b.md": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"})
    story("wrong-type", {"a.md": article("A"), "b.md": article("B", extra="title: [1, 2]\n")})
    story("unknown-key", {"a.md": article("A"), "b.md": article("B", extra="autor: Jo Bloggs\n")})
    story("bad-date", {"a.md": article("A"), "b.md": article("B", extra="published: 2025-13-45\n")})
    story("bad-story-date", {"a.md": article("A"), "b.md": article("B")}, meta="title: T\ndate: next Tuesday")
    story("same-slug-one", {"a.md": article("A"), "b.md": article("B")}, meta="title: One\nslug: shared")
    story("same-slug-two", {"a.md": article("A"), "b.md": article("B")}, meta="title: Two\nslug: shared")
    story("same-outlet", {"a.md": article("A"), "b.md": article("A", GOOD.replace("40", "45"))})


@dataclass(frozen=True)
class Build:
    returncode: int
    stdout: str
    stderr: str
    site: Path


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Build:
    root = tmp_path_factory.mktemp("bad-input")
    _make_project(root)
    result = subprocess.run([sys.executable, "-m", "generator", "build"], cwd=root, capture_output=True,
                            text=True, timeout=300)
    return Build(result.returncode, result.stdout, result.stderr, root / "site")


@dataclass(frozen=True)
class Case:
    story: str
    head: str
    """The first line the editor reads: file:line: severity: message."""
    hint: str
    built: bool


CASES = [
    Case("empty-article", "content/empty-article/b.md: warning: b.md: no sentences left after removing page junk",
         "check that the file holds the article text", built=True),
    Case("no-punctuation", "content/no-punctuation/b.md: warning: b.md: no sentence-ending punctuation; "
         "each line or paragraph is read as one sentence", "lost its full stops", built=True),
    Case("huge-article", "content/huge-article/b.md: warning: b.md is 10.0 MB; only its first 1.0 MB are read",
         "check that the file holds one article", built=True),
    Case("run-on", "content/run-on/b.md:4: warning: b.md: a sentence of 5,000 words was split into 50 parts "
         "to be compared", "full stops were lost", built=True),
    Case("single", "content/single: warning: story 'single' has one article: it is built, but there is nothing "
         "to compare yet", "add another outlet's article", built=True),
    Case("no-story-file", "content/no-story-file: error: story folder 'no-story-file' has no _story.md",
         "`parallax new story no-story-file` writes one", built=False),
    Case("latin1", "content/latin1/b.md:2: error: b.md is not valid UTF-8 (byte 0xe9)",
         "re-save the file with UTF-8 encoding", built=False),
    Case("binary", "content/binary/b.md: error: b.md is a binary file, not text",
         "articles must be UTF-8 text (.md) or saved web pages (.html)", built=False),
    Case("wrong-type", "content/wrong-type/b.md:3: error: title: expected text, got a list",
         "write the value as plain text", built=False),
    Case("unknown-key", "content/unknown-key/b.md:3: error: unknown front matter field 'autor'",
         "did you mean 'author'?", built=False),
    Case("bad-date", "content/bad-date/b.md:3: error: published: cannot read '2025-13-45' as a date",
         "write the date as YYYY-MM-DD", built=False),
    Case("bad-story-date", "content/bad-story-date/_story.md:3: error: date: cannot read 'next Tuesday' as a date",
         "write the date as YYYY-MM-DD", built=False),
    Case("same-slug-one", "content/same-slug-one/_story.md: error: two stories have the URL /shared/: "
         "same-slug-one and same-slug-two", "another `slug:` in its _story.md", built=False),
    Case("same-outlet", "content/same-outlet/b.md: warning: a.md, b.md give the same outlet, 'A': readers "
         "cannot tell their columns apart", "give each its own outlet name", built=True),
]


def test_the_build_reports_and_goes_on(built: Build) -> None:
    assert built.returncode == 1
    assert "Traceback" not in built.stderr and "internal error" not in built.stderr
    assert built.stderr.rstrip().endswith("hint: fix the files named above and build again")
    assert ("error: 9 errors in 8 stories (listed above); left out bad-date, bad-story-date, binary, latin1, "
            "no-story-file, unknown-key, wrong-type, shared; the rest of the site was built") in built.stderr
    assert (built.site / "good" / "index.html").is_file()
    index = (built.site / "index.html").read_text(encoding="utf-8")
    assert 'href="good/index.html"' in index and "shared/" not in index


@pytest.mark.parametrize("case", CASES, ids=[c.story for c in CASES])
def test_each_mistake_gets_a_precise_answer(built: Build, case: Case) -> None:
    lines = built.stderr.splitlines()
    assert case.head in lines, f"{case.head!r} not in:\n{built.stderr}"
    after = lines[lines.index(case.head) + 1:]
    hint = next(line for line in after if line.startswith("  hint: "))
    assert case.hint in hint
    assert (built.site / case.story / "index.html").is_file() == case.built


def test_a_single_article_story_says_there_is_nothing_to_compare(built: Build) -> None:
    page = (built.site / "single" / "index.html").read_text(encoding="utf-8")
    assert "there is nothing to compare yet" in page
    assert "reported by all" not in page  # no counts that mean nothing with one outlet


def test_oversized_input_is_cut_not_choked_on(built: Build) -> None:
    # The first megabyte of the 10 MB article is read and compared; its page shows that much.
    page = built.site / "huge-article" / "b" / "index.html"
    assert 500_000 < page.stat().st_size < 3_000_000
    run_on = (built.site / "run-on" / "b" / "index.html").read_text(encoding="utf-8")
    assert run_on.count('class="sentence') >= 50
