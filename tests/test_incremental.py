"""Incremental, parallel and atomic builds."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from generator.build import build_site
from generator.cache import CACHE_DIR
from generator.config import load_config

from .conftest import DEMO, write


def snapshot(site: Path) -> dict[str, bytes]:
    """Every file of a built site but Parallax's cache."""
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file() and CACHE_DIR not in p.relative_to(site).parts}


def copies(project: Path, count: int) -> list[str]:
    """`count` stories made from the demo story, each with its own slug and title."""
    slugs = []
    for number in range(count):
        slug = f"story-{number:02d}"
        shutil.copytree(DEMO, project / "content" / slug)
        story = project / "content" / slug / "_story.md"
        story.write_text(story.read_text().replace("title: Meta pauses", f"title: Copy {number} of Meta pauses"))
        slugs.append(slug)
    return slugs


def test_an_edit_recomputes_only_its_story_and_equals_a_clean_build(project: Path, tmp_path: Path) -> None:
    copies(project, 3)
    config = load_config(project)
    first = build_site(config, jobs=1)
    assert sorted(first.recomputed) == ["story-00", "story-01", "story-02"]
    article = project / "content" / "story-01" / "003.md"
    article.write_text(article.read_text().replace("Meta has officially suspended", "Meta has officially frozen"))
    second = build_site(config, jobs=1)
    assert second.recomputed == ["story-01"]
    assert sorted(second.cached) == ["story-00", "story-02"]
    assert second.pages_reused > 0 and second.pages_rendered < first.pages_rendered
    clean = build_site(config, output=tmp_path / "clean", jobs=1)
    assert sorted(clean.recomputed) == ["story-00", "story-01", "story-02"]
    assert snapshot(project / "site") == snapshot(tmp_path / "clean")
    assert "officially frozen" in (project / "site" / "story-01" / "003" / "index.html").read_text()


def test_an_unchanged_storys_cache_is_linked_not_written_again(project: Path) -> None:
    """An edit rebuilds one story; the other stories' cache files (the whole story, its light form and
    its sentence vectors) are the same files, linked into the new site, not rewritten."""
    copies(project, 2)
    config = load_config(project)
    build_site(config, jobs=1)
    cache = project / "site" / CACHE_DIR
    kept = sorted(p.relative_to(cache) for p in cache.rglob("story-00*"))
    assert {p.parts[0] for p in kept} >= {"stories", "site"}
    before = {p: (cache / p).stat().st_ino for p in kept}
    article = project / "content" / "story-01" / "003.md"
    article.write_text(article.read_text().replace("Meta has officially suspended", "Meta has officially frozen"))
    assert build_site(config, jobs=1).recomputed == ["story-01"]
    assert {p: (cache / p).stat().st_ino for p in kept} == before


def test_a_deleted_story_disappears_and_a_new_one_appears(project: Path, tmp_path: Path) -> None:
    copies(project, 2)
    config = load_config(project)
    build_site(config, jobs=1)
    shutil.rmtree(project / "content" / "story-00")
    shutil.copytree(DEMO, project / "content" / "fresh")
    result = build_site(config, jobs=1)
    assert result.recomputed == ["fresh"] and result.cached == ["story-01"]
    site = project / "site"
    assert not (site / "story-00").exists()
    assert (site / "fresh" / "index.html").is_file()
    assert "story-00" not in (site / "index.html").read_text()
    build_site(config, output=tmp_path / "clean", jobs=1)
    assert snapshot(site) == snapshot(tmp_path / "clean")


def test_theme_and_config_changes_rerender_without_recomputing(project: Path, tmp_path: Path) -> None:
    copies(project, 2)
    shutil.copytree(Path(__file__).resolve().parent.parent / "themes" / "default", project / "themes" / "default")
    config = load_config(project)
    build_site(config, jobs=1)
    template = project / "themes" / "default" / "templates" / "story.html"
    text = template.read_text()
    assert '{{ _("Who reports what") }}</h2>' in text
    template.write_text(text.replace('{{ _("Who reports what") }}</h2>', '{{ _("Who reports what") }}, at a glance</h2>'))
    result = build_site(config, jobs=1)
    assert result.recomputed == [] and result.pages_reused == 0
    assert "at a glance" in (project / "site" / "story-00" / "index.html").read_text()
    (project / "parallax.toml").write_text('title = "Renamed site"\n')
    result = build_site(load_config(project), jobs=1)
    assert result.recomputed == [] and result.pages_reused == 0
    assert "Renamed site" in (project / "site" / "story-01" / "003" / "index.html").read_text()
    build_site(load_config(project), output=tmp_path / "clean", jobs=1)
    assert snapshot(project / "site") == snapshot(tmp_path / "clean")


def test_unchanged_stories_are_read_light_and_a_publishing_change_rerenders_them(project: Path, tmp_path: Path) -> None:
    copies(project, 3)
    build_site(load_config(project), jobs=1)
    assert sorted(p.name for p in (project / "site" / CACHE_DIR / "site").iterdir()) == [
        "story-00.json", "story-01.json", "story-02.json"]
    light = (project / "site" / CACHE_DIR / "site" / "story-01.json").read_bytes()
    # No texts, only what site pages need: labels (a sentence's first twelve words), not sentences.
    assert b"exposed information to staff across the company" not in light
    article = project / "content" / "story-00" / "001.md"
    article.write_text(article.read_text() + "\nA sentence added at the end.\n")
    result = build_site(load_config(project), jobs=1)
    assert result.recomputed == ["story-00"] and sorted(result.cached) == ["story-01", "story-02"]
    build_site(load_config(project), output=tmp_path / "clean-1", jobs=1)
    assert snapshot(project / "site") == snapshot(tmp_path / "clean-1")
    # Excerpts instead of full texts: every story's pages change, from the cached stories.
    (project / "parallax.toml").write_text('title = "T"\npublish = "excerpts"\nexcerpt_words = 40\n')
    result = build_site(load_config(project), jobs=1)
    assert result.recomputed == [] and result.pages_reused == 0
    build_site(load_config(project), output=tmp_path / "clean-2", jobs=1)
    assert snapshot(project / "site") == snapshot(tmp_path / "clean-2")
    assert "[…]" in (project / "site" / "story-02" / "000" / "index.html").read_text()


def test_clean_recomputes_everything(project: Path) -> None:
    copies(project, 2)
    config = load_config(project)
    build_site(config, jobs=1)
    assert sorted(build_site(config, jobs=1, clean=True).recomputed) == ["story-00", "story-01"]


def test_parallel_and_serial_builds_are_byte_identical(project: Path, tmp_path: Path) -> None:
    copies(project, 4)
    config = load_config(project)
    build_site(config, output=tmp_path / "serial", jobs=1)
    parallel = build_site(config, output=tmp_path / "parallel", jobs=2)
    assert len(parallel.recomputed) == 4
    assert snapshot(tmp_path / "serial") == snapshot(tmp_path / "parallel")


def test_a_broken_cache_is_ignored(project: Path) -> None:
    copies(project, 1)
    config = load_config(project)
    build_site(config, jobs=1)
    (project / "site" / CACHE_DIR / "stories" / "story-00.json").write_text("{not json")
    result = build_site(config, jobs=1)
    assert result.recomputed == ["story-00"]


# The calls by which the write stage changes the disk, in the order it makes them.
_WRITES = [(os, "link"), (os, "rename"), (os, "replace"), (os, "mkdir"), (shutil, "rmtree"), (shutil, "copy2"),
           (Path, "write_bytes"), (Path, "write_text"), (Path, "mkdir"), (Path, "unlink"), (Path, "rmdir")]


def _build_killed_at(project: Path, step: int | None, in_place: bool = False) -> int:
    """Build in a forked child that dies (SIGKILL, no clean-up) at its `step`-th disk change once the
    write stage has begun; returns how many changes a whole build made (when `step` is None).
    `in_place`: as `parallax serve` builds, with a lock that readers take (changed files moved in)."""
    import generator.site.write as write_stage

    read, write_end = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - the child
        os.close(read)
        counter = [0]

        def counting(function):  # type: ignore[no-untyped-def]
            def wrapped(*args, **kwargs):  # type: ignore[no-untyped-def]
                counter[0] += 1
                if step is not None and counter[0] == step:
                    os.kill(os.getpid(), signal.SIGKILL)
                return function(*args, **kwargs)
            return wrapped

        original_enter = write_stage.Staging.__enter__

        def enter(self):  # type: ignore[no-untyped-def]
            # The write stage begins when the staging folder is opened (files are written as stories finish).
            for owner, name in _WRITES:
                setattr(owner, name, counting(getattr(owner, name)))
            write_stage.exchange = counting(write_stage.exchange)
            return original_enter(self)

        write_stage.Staging.__enter__ = enter  # type: ignore[method-assign]
        try:
            build_site(load_config(project), jobs=1, swap_lock=threading.Lock() if in_place else None)
        except BaseException:
            os._exit(1)
        os.write(write_end, str(counter[0]).encode())
        os._exit(0)
    os.close(write_end)
    _, status = os.waitpid(child, 0)
    with os.fdopen(read) as pipe:
        made = pipe.read()
    assert (step is None) == (status == 0)
    return int(made) if made else 0


def _small_stories(project: Path, ending: str = "") -> None:
    for slug in ("harbour", "council"):
        write(project / "content" / slug / "_story.md", f"---\ntitle: The {slug} story\n---\n")
        for outlet in ("Alpha News", "Beta Radio"):
            write(project / "content" / slug / f"{outlet.split()[0].lower()}.md",
                  f"---\noutlet: {outlet}\n---\nThe {slug} board met on Monday and approved the plan. "
                  f"{outlet} reports that the vote was five to two.{ending}\n")


@pytest.mark.slow
def test_a_build_killed_at_any_step_of_the_write_leaves_the_old_site_or_the_new_one(project: Path) -> None:
    _small_stories(project)
    build_site(load_config(project), jobs=1)
    old = snapshot(project / "site")
    _small_stories(project, ending=" A sentence was added.")  # every story changes: every page is new
    steps = _build_killed_at(project, None)
    new = snapshot(project / "site")
    assert new != old and steps > 20
    _small_stories(project)
    build_site(load_config(project), jobs=1)
    assert snapshot(project / "site") == old
    _small_stories(project, ending=" A sentence was added.")
    for step in range(1, steps + 3):  # a killed build leaves a staging folder: the next one has a step more
        _build_killed_at(project, step)
        site = snapshot(project / "site")
        assert site in (old, new), f"killed at disk change {step}: the site is neither the old one nor the new"
        if site == new:
            break  # the new site is in place: later kills only tidy up
    assert site == new
    result = build_site(load_config(project), jobs=1)
    assert snapshot(project / "site") == new and result.pages_reused > 0
    assert sorted(p.name for p in (project / "site").iterdir() if p.name.startswith(".")) == [
        ".parallax-cache", ".parallax-site"]
    assert [p.name for p in project.iterdir() if p.name.startswith(".")] == []  # no staging folder left


def _three_stories(project: Path) -> None:
    _small_stories(project)
    write(project / "content" / "market" / "_story.md", "---\ntitle: The market story\n---\n")
    for outlet in ("Alpha News", "Gamma Post"):
        write(project / "content" / "market" / f"{outlet.split()[0].lower()}.md",
              f"---\noutlet: {outlet}\n---\nThe market reopened on Friday after the repairs.\n")


def _edit_and_drop(project: Path) -> None:
    """Of three stories, one edited and one removed: pages change, pages stay, pages and a folder go."""
    _three_stories(project)
    write(project / "content" / "harbour" / "alpha.md",
          "---\noutlet: Alpha News\n---\nThe harbour board met on Monday and approved the plan. "
          "Alpha News reports that the vote was five to two. The plan costs four million euros.\n")
    shutil.rmtree(project / "content" / "council")


def test_serve_updates_in_place_to_the_same_site_a_build_makes(project: Path) -> None:
    _three_stories(project)
    build_site(load_config(project), jobs=1)
    _edit_and_drop(project)
    result = build_site(load_config(project), jobs=1, swap_lock=threading.Lock())
    in_place = snapshot(project / "site")
    assert result.pages_reused > 0 and "four million" in (project / "site" / "harbour" / "index.html").read_text()
    assert not (project / "site" / "council").exists()  # the removed story's pages and folder are gone
    build_site(load_config(project), jobs=1, clean=True)
    assert snapshot(project / "site") == in_place
    assert [p.name for p in project.iterdir() if p.name.startswith(".")] == []  # no staging or undo folder left


def test_serve_leaves_the_pages_that_came_out_the_same_where_they_are(project: Path) -> None:
    """In place, a page rendered again byte for byte (the About page, a tag page that does not list the
    edited story) is not moved in again: the preview rewrites only what changed."""
    _three_stories(project)
    build_site(load_config(project), jobs=1)
    site = project / "site"
    about, edited = site / "about" / "index.html", site / "harbour" / "index.html"
    before = {page: page.stat().st_ino for page in (about, edited)}
    write(project / "content" / "harbour" / "alpha.md",
          "---\noutlet: Alpha News\n---\nThe harbour board met on Monday and approved the plan. "
          "The plan costs four million euros.\n")
    build_site(load_config(project), jobs=1, swap_lock=threading.Lock())
    assert about.stat().st_ino == before[about]
    assert edited.stat().st_ino != before[edited] and "four million" in edited.read_text()
    in_place = snapshot(site)
    build_site(load_config(project), jobs=1, clean=True)
    assert snapshot(site) == in_place


def test_an_error_while_moving_files_in_puts_the_old_site_back(project: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    _three_stories(project)
    build_site(load_config(project), jobs=1)
    old = snapshot(project / "site")
    _edit_and_drop(project)
    moves = [0]
    real_replace = os.replace

    def failing(source, target):  # type: ignore[no-untyped-def]
        moves[0] += 1
        if moves[0] == 5:
            raise OSError(28, "No space left on device")
        return real_replace(source, target)

    monkeypatch.setattr(os, "replace", failing)
    with pytest.raises(OSError, match="No space left"):
        build_site(load_config(project), jobs=1, swap_lock=threading.Lock())
    monkeypatch.undo()
    assert snapshot(project / "site") == old
    assert [p.name for p in project.iterdir() if p.name.startswith(".")] == []


@pytest.mark.slow
def test_an_update_in_place_killed_at_any_step_is_undone_by_the_next_build(project: Path) -> None:
    from generator.site.write import recover

    _three_stories(project)
    build_site(load_config(project), jobs=1)
    old = snapshot(project / "site")
    _edit_and_drop(project)
    steps = _build_killed_at(project, None, in_place=True)
    new = snapshot(project / "site")
    assert new != old and steps > 10
    shutil.rmtree(project / "content")
    _three_stories(project)
    build_site(load_config(project), jobs=1, clean=True)
    assert snapshot(project / "site") == old
    _edit_and_drop(project)
    mixed = 0
    for step in range(1, steps + 1):
        _build_killed_at(project, step, in_place=True)
        mixed += snapshot(project / "site") not in (old, new)
        recover(project / "site")  # what the next build does first
        site = snapshot(project / "site")
        assert site in (old, new), f"killed at disk change {step}: the site is neither the old one nor the new"
    assert mixed > 5  # killed while files were moving: the journal put the old site back
    build_site(load_config(project), jobs=1, swap_lock=threading.Lock())
    assert snapshot(project / "site") == new
    assert [p.name for p in project.iterdir() if p.name.startswith(".")] == []


def test_a_file_where_a_folder_now_goes_swaps_the_whole_site(tmp_path: Path) -> None:
    from generator.site.write import MARKER, Staging

    output = tmp_path / "site"
    (output / "story").mkdir(parents=True)
    (output / MARKER).write_text("")
    (output / "story" / "index.html").write_text("old page")
    (output / "about").write_text("a file where a folder now goes")
    with Staging(output, in_place=True) as staging:
        staging.link(["story/index.html"])
        staging.write("about/index.html", b"the about page")
        staging.commit()
    assert (output / "about" / "index.html").read_text() == "the about page"
    assert (output / "story" / "index.html").read_text() == "old page"
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


def test_verbose_build_reports_stages_without_a_terminal(project: Path) -> None:
    copies(project, 2)
    result = subprocess.run([sys.executable, "-m", "generator", "build", "-v", "--jobs", "1"], cwd=project,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "process: 2 stories" in result.stderr
    assert "2 recomputed (story-00, story-01), 0 from the cache" in result.stdout
    for stage in ("load", "normalize", "align", "compare", "render", "write"):
        assert f"  {stage}" in result.stdout
    again = subprocess.run([sys.executable, "-m", "generator", "build", "-v"], cwd=project,
                           capture_output=True, text=True, timeout=120)
    assert "0 recomputed (none), 2 from the cache" in again.stdout
    write(project / "content" / "story-01" / "005.md", "---\noutlet: Extra\n---\nA new article arrives.\n")
    third = subprocess.run([sys.executable, "-m", "generator", "build", "-v"], cwd=project,
                           capture_output=True, text=True, timeout=120)
    assert "1 recomputed (story-01), 1 from the cache" in third.stdout


def test_a_story_edited_while_the_build_runs_stops_it_and_the_last_site_stays(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A build reads each story's texts again just before processing it (it does not hold every text at
    once); a story saved in between is not published half-old, half-new: the build stops and says so."""
    import generator.build
    from generator.errors import ContentError

    _small_stories(project)
    build_site(load_config(project), jobs=1)
    old = snapshot(project / "site")
    _small_stories(project, ending=" A sentence was added.")
    real = generator.build.load_story

    def saved_meanwhile(folder: Path, *args, **kwargs):  # type: ignore[no-untyped-def]
        article = folder / "alpha.md"
        article.write_text(article.read_text(encoding="utf-8") + "Saved during the build.\n", encoding="utf-8")
        return real(folder, *args, **kwargs)

    monkeypatch.setattr(generator.build, "load_story", saved_meanwhile)
    with pytest.raises(ContentError) as raised:
        build_site(load_config(project), jobs=1)
    assert "changed while it was being built" in str(raised.value) and "build again" in str(raised.value)
    assert snapshot(project / "site") == old


def _dated_stories(project: Path, paginate: int = 1) -> None:
    """Three dated stories from two outlets, one story per list page: each outlet page lists one story."""
    write(project / "parallax.toml", f'title = "Test site"\npaginate = {paginate}\n[align]\nsemantic = false\n')
    for day, slug in enumerate(("harbour", "council", "market"), start=1):
        write(project / "content" / slug / "_story.md", f"---\ntitle: The {slug} story\ndate: 2026-03-0{day}\n---\n")
        for outlet in ("Alpha News", "Beta Radio"):
            write(project / "content" / slug / f"{outlet.split()[0].lower()}.md",
                  f"---\noutlet: {outlet}\n---\nThe {slug} board met on Monday and approved the plan.\n")


def _pages_made(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    from generator.site.render import Renderer
    made: list[str] = []
    page = Renderer._page

    def counted(self: Renderer, path: str, *args: object, **kwargs: object) -> bytes:
        made.append(path)
        return page(self, path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Renderer, "_page", counted)
    return made


def test_serve_makes_again_only_the_list_pages_whose_stories_changed(project: Path, monkeypatch: pytest.MonkeyPatch,
                                                                      tmp_path: Path) -> None:
    """Inside `parallax serve` an edit's rebuild makes again the index, outlet and tag pages that list the
    edited story, and keeps the rest as this process made them last time; the site is a clean build's."""
    _dated_stories(project)
    build_site(load_config(project), jobs=1, swap_lock=threading.Lock())
    made = _pages_made(monkeypatch)
    article = project / "content" / "council" / "alpha.md"
    article.write_text(article.read_text().replace("approved the plan", "rejected the plan"))
    build_site(load_config(project), jobs=1, swap_lock=threading.Lock())
    lists = sorted(p for p in made if p.startswith(("outlets/alpha", "outlets/beta", "page/")) or p == "index.html")
    # council is the second newest: page 2 of the index and of each outlet's list.
    assert lists == ["outlets/alpha-news/page/2/index.html", "outlets/beta-radio/page/2/index.html",
                     "page/2/index.html"]
    assert "rejected the plan" in (project / "site" / "council" / "alpha" / "index.html").read_text()
    build_site(load_config(project), output=tmp_path / "clean", jobs=1, clean=True)
    assert snapshot(project / "site") == snapshot(tmp_path / "clean")


def test_a_theme_that_shows_a_whole_list_on_each_page_gets_every_page_made_again(
        project: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A project's outlet template that names every story of the outlet on each of its pages: an edited
    title must reach every page of that outlet, not only the page that lists the story."""
    _dated_stories(project)
    write(project / "themes" / "default" / "templates" / "outlet.html",
          '{% extends "base.html" %}{% block content %}<h1>{{ outlet.name }}</h1><ul>'
          '{% for item in outlet.stories %}<li>{{ item.story.title }}</li>{% endfor %}</ul>{% endblock %}\n')
    build_site(load_config(project), jobs=1, swap_lock=threading.Lock())
    assert "The council story" in (project / "site" / "outlets" / "alpha-news" / "index.html").read_text()
    made = _pages_made(monkeypatch)
    story = project / "content" / "council" / "_story.md"
    story.write_text(story.read_text().replace("The council story", "The town council story"))
    build_site(load_config(project), jobs=1, swap_lock=threading.Lock())
    assert {p for p in made if p.startswith("outlets/alpha-news/")} == {
        "outlets/alpha-news/index.html", "outlets/alpha-news/page/2/index.html", "outlets/alpha-news/page/3/index.html"}
    for page in (project / "site" / "outlets" / "alpha-news").rglob("index.html"):
        assert "The town council story" in page.read_text()
    build_site(load_config(project), output=tmp_path / "clean", jobs=1, clean=True)
    assert snapshot(project / "site") == snapshot(tmp_path / "clean")
