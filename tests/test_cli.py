"""The `parallax` command end to end, as a subprocess: exit codes, messages without tracebacks."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from generator import __version__

from .conftest import DEMO, write


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=120)


def test_version(tmp_path: Path) -> None:
    result = run("--version", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.strip() == f"parallax {__version__}"


def test_build_writes_the_demo_site(demo_project: Path) -> None:
    result = run("build", cwd=demo_project)
    assert result.returncode == 0, result.stderr
    assert "Built 1 story (5 articles, 14 junk lines removed) into site/" in result.stdout
    site = demo_project / "site"
    for page in ["index.html", "404.html", "static/style.css", "meta-employee-tracking-pause/index.html",
                 "meta-employee-tracking-pause/comparison.json", "meta-employee-tracking-pause/002/index.html"]:
        assert (site / page).is_file(), page


def test_compare_json_has_articles_blocks_and_sentences_without_junk(demo_project: Path) -> None:
    result = run("compare", "content/meta-employee-tracking-pause", "--json", cwd=demo_project)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["schema"] == "parallax.comparison/1"
    assert data["story"]["slug"] == "meta-employee-tracking-pause"
    assert [a["id"] for a in data["articles"]] == ["000", "001", "002", "003", "004"]
    assert [a["outlet"] for a in data["articles"]][2] == "India Today"
    sentences = [s["text"] for a in data["articles"] for b in a["blocks"] for s in b["sentences"]]
    assert len(sentences) == 85  # 83 sentences and two headlines
    removed = [r["text"] for a in data["articles"] for r in a["removed"] if r["rule"] != "repeated-paragraph"]
    assert "Advertisement" in removed and "- Ends" in removed
    assert not set(removed) & {s.strip() for s in sentences}
    assert {b["kind"] for a in data["articles"] for b in a["blocks"]} == {"heading", "paragraph", "summary", "byline"}
    assert {m["sentence"] for g in data["groups"] for m in g["members"]} == {
        s["id"] for a in data["articles"] for b in a["blocks"] for s in b["sentences"]}
    assert [o["article"] for o in data["omissions"]] == ["000", "001", "002", "003", "004"]


def test_compare_works_on_a_folder_outside_any_project(tmp_path: Path) -> None:
    elsewhere = tmp_path / "somewhere" / "my-story"
    shutil.copytree(DEMO, elsewhere)
    result = run("compare", str(elsewhere), "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)["articles"]) == 5
    summary = run("compare", str(elsewhere), "-v", cwd=tmp_path)
    assert "[lone-letter] X" in summary.stdout and "India Today" in summary.stdout


def test_content_errors_print_file_line_and_hint_without_traceback(demo_project: Path) -> None:
    article = demo_project / "content" / "meta-employee-tracking-pause" / "003.md"
    article.write_text(article.read_text().replace("outlet: Source 003", "outlet: [Source 003"))
    result = run("build", cwd=demo_project)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "content/meta-employee-tracking-pause/003.md:2: error: invalid YAML front matter" in result.stderr
    assert "hint:" in result.stderr
    # The story with the error is left out (it was never built before); the rest of the site builds.
    assert "left out meta-employee-tracking-pause; the rest of the site was built" in result.stderr
    assert (demo_project / "site" / "index.html").is_file()
    assert not (demo_project / "site" / "meta-employee-tracking-pause").exists()


def test_check_lists_every_error(demo_project: Path) -> None:
    story = demo_project / "content" / "meta-employee-tracking-pause"
    for name, old, new in [("000.md", "outlet: Source 000", "outlt: Source 000"),
                           ("004.md", "language: en", "language: 12"), ("_story.md", "tags: [", "tags: ([")]:
        path = story / name
        path.write_text(path.read_text().replace(old, new))
    result = run("check", cwd=demo_project)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "000.md:2: error: unknown front matter field 'outlt'" in result.stderr
    assert "000.md:1: error: missing required field 'outlet'" in result.stderr
    assert "004.md:3: error: language: expected a language tag, got 12" in result.stderr
    assert "_story.md:4: error: tags: expected a list" in result.stderr
    assert "4 errors" in result.stderr


def test_check_passes_on_the_demo(demo_project: Path) -> None:
    result = run("check", cwd=demo_project)
    assert result.returncode == 0, result.stderr
    assert "No errors" in result.stdout
    rules = run("check", "--rules", cwd=demo_project)
    assert rules.returncode == 0 and "advertisement" in rules.stdout and "repeated-paragraph" in rules.stdout


def test_config_errors_exit_non_zero(demo_project: Path) -> None:
    (demo_project / "parallax.toml").write_text('titel = "x"\n')
    result = run("build", cwd=demo_project)
    assert result.returncode == 1
    assert "parallax.toml:1: error: unknown key 'titel'" in result.stderr
    assert "did you mean 'title'?" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_failed_build_leaves_the_previous_site_intact(demo_project: Path) -> None:
    assert run("build", cwd=demo_project).returncode == 0
    site = demo_project / "site"
    before = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    write(demo_project / "content" / "meta-employee-tracking-pause" / "005.md", "---\ntitle: no outlet\n---\nText.\n")
    result = run("build", cwd=demo_project)
    assert result.returncode == 1
    after = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before


def test_output_folder_not_made_by_parallax_is_refused(demo_project: Path) -> None:
    precious = demo_project / "precious"
    write(precious / "notes.txt", "keep me")
    result = run("build", "--output", "precious", cwd=demo_project)
    assert result.returncode == 1
    assert "Parallax did not write" in result.stderr
    assert (precious / "notes.txt").read_text() == "keep me"
    assert sorted(p.name for p in precious.iterdir()) == ["notes.txt"]


def test_new_story(demo_project: Path) -> None:
    result = run("new", "story", "port-strike", cwd=demo_project)
    assert result.returncode == 0, result.stderr
    story_file = demo_project / "content" / "port-strike" / "_story.md"
    assert story_file.is_file()
    assert "title: \"Port strike\"" in story_file.read_text()
    assert run("check", cwd=demo_project).returncode == 0
    again = run("new", "story", "port-strike", cwd=demo_project)
    assert again.returncode == 1 and "already exists" in again.stderr
    bad = run("new", "story", "Port Strike!", cwd=demo_project)
    assert bad.returncode == 1 and "'port-strike'" in bad.stderr


def test_bad_base_url_and_missing_project(tmp_path: Path, demo_project: Path) -> None:
    result = run("build", "--base-url", "example.org", cwd=demo_project)
    assert result.returncode == 1 and "--base-url" in result.stderr
    (tmp_path / "elsewhere").mkdir()
    missing = run("build", cwd=tmp_path / "elsewhere")
    assert missing.returncode == 1 and "no parallax.toml" in missing.stderr and "--source" in missing.stderr


def test_verbose_names_a_long_list_of_stories_in_one_short_line(tmp_path: Path) -> None:
    from generator.build import BuildResult
    from generator.cli import details
    slugs = [f"story-{n:03}" for n in range(100)]
    result = BuildResult(stories=[], output=tmp_path, files=0, recomputed=slugs[:3], cached=slugs[3:])
    assert "3 recomputed (story-000, story-001, story-002), 97 from the cache" in details(result)
    result = BuildResult(stories=[], output=tmp_path, files=0, recomputed=slugs)
    line = details(result).splitlines()[0]
    assert "100 recomputed (story-000, " in line and "story-007 and 92 more)" in line and "story-050" not in line


def test_common_options_work_before_and_after_the_command(demo_project: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = run("build", "-s", str(demo_project), "-q", cwd=elsewhere)
    assert result.returncode == 0 and result.stdout == "", result.stdout + result.stderr
    assert (demo_project / "site" / "index.html").is_file()
    result = run("-s", str(demo_project), "check", cwd=elsewhere)
    assert result.returncode == 0 and "No errors" in result.stdout
    result = run("build", "--config", str(demo_project / "parallax.toml"), cwd=elsewhere)
    assert result.returncode == 0 and "Built 1 story" in result.stdout
    result = run("build", "--config", str(elsewhere / "nope.toml"), cwd=elsewhere)
    assert result.returncode == 1 and "--config" in result.stderr and "no such file" in result.stderr


def test_progress_shows_on_a_terminal_and_not_in_a_log(demo_project: Path) -> None:
    import os
    import pty
    # In a log (stderr is a pipe): no progress bars, only the summary.
    result = run("build", "--clean", cwd=demo_project)
    assert "\r" not in result.stderr and "[#" not in result.stderr
    # On a terminal: a bar per stage, cleared when the stage is done; -q: nothing at all.
    for options, expect_bars in (([], True), (["-q"], False)):
        leader, follower = pty.openpty()
        process = subprocess.Popen([sys.executable, "-m", "generator", "build", "--clean", *options],
                                   cwd=demo_project, stdin=follower, stdout=follower, stderr=follower)
        os.close(follower)
        chunks = []
        while True:
            try:
                data = os.read(leader, 4096)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
        process.wait(120)
        os.close(leader)
        shown = b"".join(chunks).decode("utf-8", errors="replace")
        assert ("process" in shown and "[#" in shown) == expect_bars, shown
        assert ("Built 1 story" in shown) == (not options), shown


def test_a_busy_port_is_said_before_anything_is_built(demo_project: Path) -> None:
    import socket
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run("serve", "--port", str(port), cwd=demo_project)
    assert result.returncode == 1 and f"cannot listen on 127.0.0.1:{port}" in result.stderr
    assert "--port 0 for any free port" in result.stderr
    assert not (demo_project / "site").exists()  # nothing was built


def test_init_starts_a_site_that_builds_and_shows_a_sample_story(tmp_path: Path) -> None:
    result = run("init", "my-site", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Next: cd my-site && parallax serve" in result.stdout
    site = tmp_path / "my-site"
    assert 'title = "My site"' in (site / "parallax.toml").read_text(encoding="utf-8")
    built = run("build", cwd=site)
    assert built.returncode == 0 and "Built 1 story (3 articles" in built.stdout, built.stderr
    page = (site / "site" / "library-reopens" / "index.html").read_text(encoding="utf-8")
    assert "Alderby library reopens after the flood" in page and "£1.2 million" in page
    assert run("check", cwd=site).returncode == 0
    again = run("init", "my-site", cwd=tmp_path)
    assert again.returncode == 1 and "this is a Parallax site already" in again.stderr
    bare = run("new", "site", "bare", "--no-sample", "--title", "Newsroom comparisons", cwd=tmp_path)
    assert bare.returncode == 0 and list((tmp_path / "bare" / "content").iterdir()) == []
    assert 'title = "Newsroom comparisons"' in (tmp_path / "bare" / "parallax.toml").read_text(encoding="utf-8")


def test_new_story_outside_a_site_says_how_to_start_one(tmp_path: Path) -> None:
    result = run("new", "story", "x", cwd=tmp_path)
    assert result.returncode == 1 and "no parallax.toml" in result.stderr and "`parallax init`" in result.stderr


def test_a_project_that_overrides_only_base_html_checks_and_builds(demo_project: Path) -> None:
    base = (Path(__file__).resolve().parent.parent / "themes" / "default" / "templates" / "base.html").read_text(
        encoding="utf-8")
    write(demo_project / "themes" / "default" / "templates" / "base.html",
          base.replace("<body", '<body data-newsroom="ours"', 1))
    checked = run("check", cwd=demo_project)
    assert checked.returncode == 0 and "No errors" in checked.stdout, checked.stderr
    built = run("build", cwd=demo_project)
    assert built.returncode == 0 and "internal error" not in built.stderr, built.stderr
    page = (demo_project / "site" / "meta-employee-tracking-pause" / "index.html").read_text(encoding="utf-8")
    assert 'data-newsroom="ours"' in page and "At a glance" in page


def test_compare_prints_the_comparison_for_a_reader_and_finds_a_story_by_name(demo_project: Path) -> None:
    result = run("compare", "meta-employee-tracking-pause", cwd=demo_project)
    assert result.returncode == 0, result.stderr
    text = " ".join(result.stdout.split())
    assert "Facts: " in text and "reported by two or more outlets" in text
    assert "Differences (" in text and "Name differs" in text and "“Model Compatibility Initiative”" in text
    assert "Outlet by outlet:" in text and "leaves out:" in text
    assert "within four hours" in text
    missing = run("compare", "no-such-story", cwd=demo_project)
    assert missing.returncode == 1 and "nor a story in the content folder" in missing.stderr
