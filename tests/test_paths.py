"""Paths and files: no slug or file name makes Parallax read outside content/ or write outside the output.

Each test puts something outside the project (a secret file, a folder of
someone's work) and checks that the build neither shows it nor touches it.
"""

from __future__ import annotations

import re
import shutil
import unicodedata
from pathlib import Path

import pytest

from generator.build import build_site
from generator.config import load_config
from generator.content.load import load_content

from .conftest import write

GOOD = "The council approved the budget on Monday. It includes 40 new buses for the city.\n"
SECRET = "Xanthoria said the vault code is 7731."


def _article(outlet: str, text: str = GOOD, extra: str = "") -> str:
    return f"---\noutlet: {outlet}\n{extra}---\n{text}"


@pytest.fixture
def layout(tmp_path: Path) -> tuple[Path, Path]:
    """(project, outside): a project with one good story, and a folder beside it that is not Parallax's."""
    project, outside = tmp_path / "project", tmp_path / "outside"
    write(project / "parallax.toml", 'title = "Paths"\n')
    write(project / "content" / "good" / "_story.md", "---\ntitle: Good\n---\n")
    write(project / "content" / "good" / "a.md", _article("A"))
    write(project / "content" / "good" / "b.md", _article("B", GOOD.replace("40", "45")))
    write(outside / "story" / "_story.md", f"---\ntitle: {SECRET}\n---\n")
    write(outside / "story" / "a.md", _article("A", SECRET + "\n"))
    write(outside / "story" / "b.md", _article("B", SECRET + "\n"))
    write(outside / "article.md", _article("Leak", SECRET + "\n"))
    write(outside / "notes.txt", "Someone's work, not to be touched.\n")
    return project, outside


def _site_text(site: Path) -> str:
    return "".join(p.read_text(encoding="utf-8", errors="replace") for p in site.rglob("*") if p.is_file())


def _errors(project: Path) -> list[tuple[str, str]]:
    loaded = load_content(project / "content")
    return sorted((str(d.file.relative_to(project)) if d.file else "", d.message) for d in loaded.errors)


def test_symlinks_out_of_content_are_refused_and_not_read(layout: tuple[Path, Path]) -> None:
    project, outside = layout
    content = project / "content"
    (content / "linked-story").symlink_to(outside / "story", target_is_directory=True)
    write(content / "linked-article" / "_story.md", "---\ntitle: T\n---\n")
    write(content / "linked-article" / "a.md", _article("A"))
    (content / "linked-article" / "b.md").symlink_to(outside / "article.md")
    (content / "linked-story-file").mkdir()
    (content / "linked-story-file" / "_story.md").symlink_to(outside / "story" / "_story.md")
    write(content / "linked-story-file" / "a.md", _article("A"))
    assert _errors(project) == [
        ("content/linked-article/b.md", "b.md points outside the content folder"),
        ("content/linked-story", "story folder linked-story points outside the content folder"),
        ("content/linked-story-file/_story.md", "_story.md points outside the content folder"),
    ]
    result = build_site(load_config(project))
    assert [s.slug for s in result.stories] == ["good"]
    assert "Xanthoria" not in _site_text(project / "site")


def test_a_link_inside_content_is_followed(layout: tuple[Path, Path]) -> None:
    project, _ = layout
    shared = project / "content" / "_shared"
    write(shared / "wire.md", _article("Wire", GOOD))
    (project / "content" / "good" / "c.md").symlink_to(shared / "wire.md")
    result = build_site(load_config(project))
    assert [a.outlet for a in result.stories[0].articles] == ["A", "B", "Wire"]


@pytest.mark.parametrize("slug", ["../escape", "/etc", "a/b", "..", ".", "café", "ＡＢＣ", "a b", "-a",
                                  "a\nb", "x" * 101, "static", "a\u202eb"])
def test_a_slug_that_could_leave_the_site_is_refused(layout: tuple[Path, Path], slug: str) -> None:
    project, _ = layout
    import json
    write(project / "content" / "other" / "_story.md", f"---\ntitle: T\nslug: {json.dumps(slug)}\n---\n")
    write(project / "content" / "other" / "a.md", _article("A"))
    [(where, message)] = _errors(project)
    assert where == "content/other/_story.md" and message.startswith("slug: ") and "web address" in message


@pytest.mark.parametrize("name", ["café", "Ünïcode", "a b", "ab\u202ecd", "new\nline", "日本", "x" * 101, "-lead"])
def test_odd_folder_and_file_names_get_a_clear_error(layout: tuple[Path, Path], name: str) -> None:
    project, _ = layout
    folder = project / "content" / name
    write(folder / "_story.md", "---\ntitle: T\n---\n")
    write(folder / "a.md", _article("A"))
    write(project / "content" / "good" / f"{name}.md", _article("C"))
    errors = _errors(project)
    assert len(errors) == 2, errors
    messages = " | ".join(message for _, message in errors)
    assert "cannot be used in a web address" in messages
    result = build_site(load_config(project))
    assert [s.slug for s in result.stories] == []  # both stories have an error: neither is published half-read
    assert result.failed and (project / "site" / "index.html").is_file()


def test_odd_outlet_names_make_safe_file_names(layout: tuple[Path, Path]) -> None:
    project, _ = layout
    folder = project / "content" / "outlets-story"
    write(folder / "_story.md", "---\ntitle: T\n---\n")
    names = ["../../etc/passwd", "/root", "日本経済新聞", "!!!", "Le Monde\u202e", "O" * 400, "con", ".hidden"]
    for number, name in enumerate(names):
        import json
        write(folder / f"a{number}.md", _article(json.dumps(name), GOOD.replace("40", str(40 + number))))
    build_site(load_config(project))
    site = project / "site"
    for path in site.rglob("*"):
        relative = path.relative_to(site).as_posix()
        # Letters and digits of any script ("outlets/日本経済新聞/"), '.', '_', '-'; nothing invisible or
        # reordering (no bidi override), no separator of its own; each name within a file system's 255 bytes.
        assert re.fullmatch(r"[\w./-]+", relative), relative
        assert not any(unicodedata.category(c)[0] in "CZ" for c in relative), relative
        assert all(len(part.encode()) <= 255 for part in relative.split("/")), relative
        assert ".." not in relative.split("/")
    outlets = sorted(p.name for p in (site / "outlets").iterdir() if p.is_dir())
    assert len(outlets) == len(names) + 2  # A and B of the good story
    assert not (project / "etc").exists() and not Path("/root/index.html").exists()


def test_a_build_deletes_nothing_outside_the_output_folder(layout: tuple[Path, Path]) -> None:
    project, outside = layout
    build_site(load_config(project))
    site = project / "site"
    # Someone links their own work into the site folder, and keeps files beside it.
    (site / "my-notes").symlink_to(outside, target_is_directory=True)
    (site / "notes.txt").symlink_to(outside / "notes.txt")
    (site / "good" / "index.html").unlink()
    (site / "good" / "index.html").symlink_to(outside / "notes.txt")  # a page replaced by a link
    write(project / "site-backup" / "index.html", "old copy\n")
    before = {p: p.read_bytes() for p in outside.rglob("*") if p.is_file()}
    for clean in (False, True):
        build_site(load_config(project), clean=clean)
        assert {p: p.read_bytes() for p in outside.rglob("*") if p.is_file()} == before
        assert (project / "site-backup" / "index.html").read_text() == "old copy\n"
        assert not (site / "my-notes").exists() and not (site / "notes.txt").exists()
        page = site / "good" / "index.html"
        assert not page.is_symlink() and "Good" in page.read_text()  # rewritten, not kept as a link
        page.unlink()
        page.symlink_to(outside / "notes.txt")


def test_a_story_folder_of_the_site_replaced_by_a_link_is_not_reused(layout: tuple[Path, Path]) -> None:
    project, outside = layout
    build_site(load_config(project))
    site = project / "site"
    # The story's pages moved out of the site and linked back in, with one of them changed there.
    shutil.move(site / "good", outside / "pages")
    (outside / "pages" / "index.html").write_text(SECRET + "\n", encoding="utf-8")
    (site / "good").symlink_to(outside / "pages", target_is_directory=True)
    result = build_site(load_config(project))
    assert result.pages_reused == 0  # nothing taken from the linked folder
    assert not (site / "good").is_symlink() and SECRET not in _site_text(site)
    assert (outside / "pages" / "index.html").read_text(encoding="utf-8") == SECRET + "\n"


def test_serve_keeps_no_link_in_the_site_even_to_the_same_bytes(layout: tuple[Path, Path]) -> None:
    """Inside `parallax serve` a page that comes out as the site already has it stays where it is; one the
    site has only as a link (to a file, or through a linked folder) is written again, however alike."""
    import threading

    project, outside = layout
    build_site(load_config(project))
    site = project / "site"
    shutil.move(site / "about" / "index.html", outside / "about.html")
    (site / "about" / "index.html").symlink_to(outside / "about.html")
    shutil.move(site / "tags", outside / "tags")
    (site / "tags").symlink_to(outside / "tags", target_is_directory=True)
    kept = {p: p.read_bytes() for p in outside.rglob("*") if p.is_file()}
    build_site(load_config(project), swap_lock=threading.Lock())
    for path in (site / "about" / "index.html", site / "tags"):
        assert path.exists() and not path.is_symlink()
    assert not (site / "tags" / "index.html").is_symlink()
    assert {p: p.read_bytes() for p in outside.rglob("*") if p.is_file()} == kept


def test_a_staging_folder_planted_as_a_link_is_not_followed(layout: tuple[Path, Path]) -> None:
    project, outside = layout
    build_site(load_config(project))
    (project / "site" / ".parallax-staging").symlink_to(outside, target_is_directory=True)
    build_site(load_config(project))
    assert (outside / "notes.txt").read_text() == "Someone's work, not to be touched.\n"
    assert not (project / "site" / ".parallax-staging").exists()


@pytest.mark.parametrize("output", ["..", "/", "content", "content/good", "."])
def test_an_output_folder_that_would_hold_other_things_is_refused(layout: tuple[Path, Path], output: str) -> None:
    import subprocess
    import sys
    project, _ = layout
    before = sorted(str(p) for p in project.rglob("*"))
    result = subprocess.run([sys.executable, "-m", "generator", "build", "--output", output], cwd=project,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "error:" in result.stderr and "hint:" in result.stderr
    assert sorted(str(p) for p in project.rglob("*")) == before
