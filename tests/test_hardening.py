"""Inputs made to break a build, as an attacker or a careless editor would: each gets a clear answer, in
about the time its size deserves, and nothing half-done is left behind. (Drafts kept by a failed build:
tests/test_drafts.py; a build killed during the swap: tests/test_incremental.py.)"""

from __future__ import annotations

import http.client
import json
import os
import shutil
import subprocess
import sys
import threading
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.build import build_site
from generator.cache import CACHE_DIR
from generator.config import load_config
from generator.errors import Diagnostic, OutputError
from generator.serve import make_server
from generator.text.ids import UniqueIds

from .conftest import write

STORY = "---\ntitle: The vote\n---\nIntro.\n"
ALPHA = "---\noutlet: Alpha News\n---\nThe harbour council approved the flood barrier plan on Monday.\n"


def _parallax(project: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=project, capture_output=True,
                          text=True, timeout=timeout)


def _story(project: Path, **articles: str) -> Path:
    folder = project / "content" / "vote"
    write(folder / "_story.md", STORY)
    write(folder / "alpha.md", ALPHA)
    for name, text in articles.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


# --- 2. a YAML alias bomb -------------------------------------------------------------------------

def _alias_bomb(levels: int) -> str:
    names = "abcdefghijklmnop"
    lines = ['x_a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"x_{names[i]}: &{names[i]} [" + ",".join([f"*{names[i - 1]}"] * 10) + "]" for i in range(1, levels)]
    return "---\noutlet: Beta\n" + "\n".join(lines) + f"\npublished: *{names[levels - 1]}\n---\nText.\n"


@pytest.mark.parametrize("command", ["build", "check"])
def test_a_yaml_alias_bomb_is_refused_in_a_few_lines(project: Path, command: str) -> None:
    bomb = _alias_bomb(9)  # 10^9 values once expanded, from under 500 bytes
    assert len(bomb.encode()) < 500
    _story(project, **{"beta.md": bomb})
    result = _parallax(project, command, timeout=60)
    assert result.returncode == 1
    assert "beta.md:2: error: front matter holds more than 10,000 values once its YAML aliases" in result.stderr
    assert len(result.stderr) < 5_000


def test_a_value_quoted_in_an_error_is_cut_short(project: Path) -> None:
    _story(project, **{"beta.md": _alias_bomb(3)})  # 1,000 values: allowed, but no date
    result = _parallax(project, "check", timeout=60)
    [line] = [x for x in result.stderr.splitlines() if "published:" in x and "error" in x]
    assert "cannot read [[['lol'" in line and "…" in line and len(line) < 200


def test_an_alias_to_itself_is_refused(project: Path) -> None:
    _story(project, **{"beta.md": "---\noutlet: Beta\ntags: &a [*a]\n---\nText.\n"})
    result = _parallax(project, "check", timeout=60)
    assert "front matter holds more than 10,000 values" in result.stderr


# --- 3. many identical sentences --------------------------------------------------------------------

def test_identical_labels_get_ids_in_one_step_each() -> None:
    ids = UniqueIds()
    assert [ids.take("ok") for _ in range(4)] == ["ok", "ok-2", "ok-3", "ok-4"]
    assert ids.take("ok-5") == "ok-5" and ids.take("ok") == "ok-6"
    assert len({ids.take("same") for _ in range(20_000)}) == 20_000


def test_an_article_of_thousands_of_identical_sentences_builds(project: Path) -> None:
    _story(project, **{"beta.md": "---\noutlet: Beta\n---\n" + "Ok.\n\n" * 5_000})
    result = build_site(load_config(project), jobs=1)
    document = json.loads((project / "site" / "vote" / "comparison.json").read_text())
    ids = [g["id"] for g in document["groups"]]
    assert len(ids) == len(set(ids)) >= 5_000 and not result.errors


# --- 4. saved pages nested past all reason --------------------------------------------------------

def test_a_saved_page_nested_twenty_thousand_deep_is_refused_with_its_name(project: Path) -> None:
    page = "<html><body><p>" + "<b>" * 20_000 + "The council met." + "</b>" * 20_000 + "</p></body></html>"
    _story(project, **{"beta.html": page})
    result = _parallax(project, "build", timeout=120)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "beta.html: error: beta.html: the page nests its elements more than 500 deep" in result.stderr


def test_a_saved_page_nested_deep_but_within_reason_is_read(project: Path) -> None:
    page = ("<html><head><meta property='og:site_name' content='Beta'></head><body>" + "<div>" * 400
            + "<p>The harbour council approved the flood barrier plan on Monday.</p>" + "</div>" * 400
            + "</body></html>")
    _story(project, **{"beta.html": page})
    build_site(load_config(project), jobs=1)
    assert "flood barrier plan" in (project / "site" / "vote" / "beta" / "index.html").read_text()


def test_import_refuses_a_page_of_five_thousand_nested_divs(project: Path, tmp_path: Path) -> None:
    page = tmp_path / "deep.html"
    page.write_text("<html><body>" + "<div>" * 5_000 + "<p>Text of the article, at the bottom.</p>"
                    + "</div>" * 5_000 + "</body></html>")
    result = _parallax(project, "import", str(page), "--story", "deep", timeout=120)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "deep.html: the page nests its elements more than 500 deep" in result.stderr
    assert not (project / "content" / "deep").exists()


# --- 5. control characters never make a feed unreadable -----------------------------------------

def test_every_xml_file_stays_well_formed_with_control_characters(project: Path) -> None:
    write(project / "parallax.toml", 'title = "Site \\u0001 with a control"\nbase_url = "https://example.org/"\n')
    folder = project / "content" / "vote"
    write(folder / "_story.md", '---\ntitle: "A\\x01B\\x1bC"\nsummary: "Sum\\x0bmary"\ndate: 2026-06-01\n---\n')
    write(folder / "alpha.md", '---\noutlet: "Alpha\\x02 News"\ntitle: "Head\\x03line"\n---\n'
          "The council \x04approved the plan on Monday.\n")
    build_site(load_config(project), jobs=1)
    written = sorted((project / "site").rglob("*.xml"))
    assert {p.name for p in written} == {"feed.xml", "sitemap.xml"}
    for path in written:
        ElementTree.fromstring(path.read_bytes())  # raises on a character XML forbids
    assert "AB" in (project / "site" / "feed.xml").read_text()


# --- 6. two things at one address -------------------------------------------------------------------

def test_an_article_named_like_a_story_page_is_an_error(project: Path) -> None:
    _story(project, **{"worksheet.md": "---\noutlet: Sneaky\n---\nThe council met.\n"})
    result = build_site(load_config(project), jobs=1)
    [problem] = result.errors
    assert problem.file is not None and problem.file.name == "worksheet.md" and problem.line == 1
    assert "an article cannot be called 'worksheet'" in problem.message
    assert result.failed == ["vote"] and not (project / "site" / "vote").exists()


def test_two_files_for_one_article_address_are_an_error(project: Path) -> None:
    _story(project, **{"alpha.html": "<html><body><p>Another alpha.</p></body></html>"})
    [problem] = build_site(load_config(project), jobs=1).errors
    assert problem.message == "alpha.html and alpha.md would both be the page /vote/alpha/"
    assert problem.file is not None and problem.file.name == "alpha.md"


# --- 7. an output folder inside the content --------------------------------------------------------

@pytest.mark.parametrize("command", [["build", "-o"], ["serve", "--port", "0", "-o"]])
@pytest.mark.parametrize("output", ["content/newsite", "content/vote/site", "themes/site", "content"])
def test_an_output_folder_inside_the_project_sources_is_refused(project: Path, command: list[str],
                                                                 output: str) -> None:
    _story(project)
    (project / "themes").mkdir()
    before = sorted(str(p) for p in project.rglob("*"))
    result = _parallax(project, *command, output, timeout=60)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "overlaps the" in result.stderr and "hint:" in result.stderr
    assert sorted(str(p) for p in project.rglob("*")) == before


@pytest.mark.parametrize("folder", [".site.parallax-next", ".site.parallax-undo"])
def test_the_working_folders_beside_the_output_are_never_followed(project: Path, tmp_path: Path,
                                                                  folder: str) -> None:
    _story(project)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("someone's")
    (project / folder).symlink_to(outside, target_is_directory=True)
    with pytest.raises(OutputError):
        build_site(load_config(project), jobs=1, swap_lock=threading.Lock())
    assert (outside / "keep.txt").read_text() == "someone's" and not (project / "site").exists()


def test_an_undo_folder_that_parallax_did_not_make_is_left_alone(project: Path) -> None:
    _story(project)
    build_site(load_config(project), jobs=1)
    (project / ".site.parallax-undo").mkdir()
    (project / ".site.parallax-undo" / "journal.json").write_text('{"placed": [], "removed": ["index.html"]}')
    with pytest.raises(OutputError, match="in the way"):
        build_site(load_config(project), jobs=1, swap_lock=threading.Lock())
    assert (project / ".site.parallax-undo" / "journal.json").is_file() and (project / "site" / "index.html").is_file()


# --- 9. the preview server ------------------------------------------------------------------------------

@pytest.fixture
def preview(project: Path) -> Iterator[tuple[str, int]]:
    _story(project)
    build_site(load_config(project), jobs=1)
    server = make_server(project / "site", port=0, quiet=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server.server_address[0], server.server_address[1]
    server.shutdown()
    server.server_close()


def _get(address: tuple[str, int], path: str, host: str | None = None) -> int:
    connection = http.client.HTTPConnection(*address, timeout=10)
    connection.putrequest("GET", path, skip_host=host is not None)
    if host is not None:
        connection.putheader("Host", host)
    connection.endheaders()
    status = connection.getresponse().status
    connection.close()
    return status


@pytest.mark.parametrize("path", ["/%ff%fe", "/%c0%ae%c0%ae/x", "/vote/%80"])
def test_a_path_that_is_not_utf8_gets_400(preview: tuple[str, int], path: str) -> None:
    assert _get(preview, path) == 400
    assert _get(preview, "/vote/") == 200  # and the server goes on


@pytest.mark.parametrize("host,status", [("evil.example", 421), ("evil.example:8000", 421), ("127.0.0.1.nip.io", 421),
                                         ("localhost", 200), ("localhost:{port}", 200), ("127.0.0.1:{port}", 200),
                                         ("[::1]:{port}", 200), ("preview.localhost", 200)])
def test_only_local_names_reach_the_preview(preview: tuple[str, int], host: str, status: int) -> None:
    assert _get(preview, "/vote/", host=host.format(port=preview[1])) == status


# --- 10. odd inputs ------------------------------------------------------------------------------------

def test_a_pipe_named_like_an_article_is_refused_not_waited_on(project: Path) -> None:
    folder = _story(project)
    os.mkfifo(folder / "beta.md")
    result = _parallax(project, "build", timeout=60)
    assert result.returncode == 1 and "beta.md is not a regular file" in result.stderr


def test_a_long_one_line_article_keeps_its_text_up_to_a_sentence(project: Path) -> None:
    sentence = "The harbour council approved the flood barrier plan on Monday after a long debate. "
    body = sentence * (1_400_000 // len(sentence))  # 1.4 MB, one line
    _story(project, **{"beta.md": "---\noutlet: Beta\n---\n" + body})
    write(project / "parallax.toml", 'title = "T"\n[align]\nsemantic = false\n')  # about reading, not meaning
    result = build_site(load_config(project), jobs=1)
    [warning] = [d for d in result.diagnostics if "MB are read" in d.message]
    assert "only its first 1.0 MB are read" in warning.message
    article = json.loads((project / "site" / "vote" / "comparison.json").read_text())["articles"][1]
    sentences = [s["text"] for b in article["blocks"] for s in b["sentences"]]
    assert len(sentences) > 10_000 and sentences[-1] == sentence.strip()


def test_a_title_that_is_not_utf8_is_refused_and_writes_nothing(project: Path) -> None:
    result = subprocess.run([os.fsencode(sys.executable), b"-m", b"generator", b"new", b"story", b"cafe",
                             b"--title", b"Caf\xe9"], cwd=project, capture_output=True, timeout=60)
    assert result.returncode == 1 and b"--title is not UTF-8 text (byte 0xe9)" in result.stderr
    assert not (project / "content" / "cafe").exists()
    assert _parallax(project, "build").returncode == 0  # nothing left that breaks the next build


def test_control_characters_in_content_reach_the_terminal_escaped(project: Path) -> None:
    # YAML's own escapes put ESC and BEL into the value: a message that quoted it raw would retitle the
    # terminal window and clear the screen.
    _story(project, **{"beta.md": '---\noutlet: Beta\npublished: "\\e]0;pwned\\a\\e[2J"\n---\nText.\n'})
    result = _parallax(project, "check")
    assert "published: cannot read" in result.stderr
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "\\x1b]0;pwned\\x07\\x1b[2J" in result.stderr


def test_a_diagnostic_escapes_bidirectional_overrides() -> None:
    shown = Diagnostic(message="field \u202eevil\u202c", context=[(1, "a\u2066b")], line=1).format()
    assert "\u202e" not in shown and "\\u202e" in shown and "\\u2066" in shown


def test_the_cache_holds_no_absolute_path_and_the_project_can_move(project: Path, tmp_path: Path) -> None:
    _story(project, **{"beta.md": "---\noutlet: Beta\n---\nThe council met\n\non Monday.\n\n" * 3})
    build_site(load_config(project), jobs=1)
    cache = project / "site" / CACHE_DIR
    for path in cache.rglob("*.json"):
        assert str(project) not in path.read_text(encoding="utf-8"), path
    moved = tmp_path.parent / f"{tmp_path.name}-moved"
    shutil.copytree(project, moved, symlinks=True)
    shutil.rmtree(project)
    result = build_site(load_config(moved), jobs=1)
    assert result.recomputed == [] and result.cached == ["vote"]
    assert all(d.file is None or str(d.file).startswith(str(moved)) for d in result.diagnostics)
