"""The editor in the loop: the review file, how the build applies it, and review mode in `parallax serve`."""

from __future__ import annotations

import http.client
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.build import compare_folder
from generator.config import load_config
from generator.content.review import REVIEW_FILE, edit_review, read_review
from generator.errors import Diagnostic
from generator.site.worksheet import trusted

from .conftest import write
from .test_live import Server

SLUG = "meta-employee-tracking-pause"


def _compare(project: Path) -> tuple[Any, list[Diagnostic]]:
    return compare_folder(project / "content" / SLUG, load_config(project, required=False))


def _group(story: Any, sentence: str) -> Any:
    return next(g for g in story.groups if any(m.sentence == sentence for m in g.members))


# --- the file -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "line", "message"), [
    ("facts:\n  - sentences: [000.s1]\n    status: maybe\n", 3, "status must be confirmed or rejected, not 'maybe'"),
    ("facts:\n  - sentences: [000.s1]\n    colour: red\n", 3, "unknown key 'colour' in a facts entry"),
    ("facts:\n  - label: x\n", 2, "a facts entry has no `sentences:`"),
    ("facts:\n  - sentences: [first]\n", 2, "'first' is not a sentence id"),
    ("reviewed: yes please\n", 1, "`reviewed:` must be true or false"),
    ("merge:\n  - [000.s1]\n", 2, "a merge entry needs two sentences or more"),
    ("omissions:\n  - sentences: [000.s1]\n", 2, "an omissions entry has no `article:`"),
    ("facts:\n  - sentences: [000.s1\n", 2, "invalid YAML in _review.yaml"),
])
def test_a_broken_review_file_is_an_error_at_its_line(tmp_path: Path, text: str, line: int, message: str) -> None:
    path = write(tmp_path / REVIEW_FILE, text)
    diagnostics: list[Diagnostic] = []
    assert read_review(path, diagnostics) is None
    assert len(diagnostics) == 1 and diagnostics[0].line == line and diagnostics[0].hint, diagnostics
    assert message in diagnostics[0].message


def test_a_broken_review_file_stops_its_story_with_file_and_line(demo_project: Path) -> None:
    write(demo_project / "content" / SLUG / REVIEW_FILE, "facts:\n  - sentences: [000.s1]\n    status: maybe\n")
    result = subprocess.run([sys.executable, "-m", "generator", "build"], cwd=demo_project, capture_output=True,
                            text=True, check=False)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert f"content/{SLUG}/_review.yaml:3: error: status must be confirmed or rejected" in result.stderr


# --- applied by the build -------------------------------------------------------------------------

def test_the_build_applies_what_the_editor_says(demo_project: Path) -> None:
    before, _ = _compare(demo_project)
    lead = _group(before, "000.s1")
    assert {d.kind for d in lead.differences} >= {"name"}
    rejected = next(g for g in before.groups if len({m.article for m in g.members}) >= 3 and g is not lead
                    and "000.s1" not in {m.sentence for m in g.members})
    omitted = next(o for o in before.omissions if o.groups)
    left_out = next(g for g in before.groups if g.id == omitted.groups[0])
    write(demo_project / "content" / SLUG / REVIEW_FILE, f"""
        reviewed: true
        reviewer: A. Editor
        date: 2026-11-27
        note: Checked against the five articles.
        facts:
          - sentences: [000.s1]
            says: Meta has suspended an internal
            status: confirmed
            label: Meta pauses its staff-data AI programme
            note: Every outlet leads with it.
            dismiss: [name]
          - sentences: [{", ".join(m.sentence for m in rejected.members)}]
            status: rejected
        omissions:
          - sentences: [{", ".join(m.sentence for m in left_out.members)}]
            article: "{omitted.article}"
            real: false
        """)
    after, diagnostics = _compare(demo_project)
    assert [d for d in diagnostics if "_review" in str(d.file)] == []
    lead = _group(after, "000.s1")
    assert lead.verdict == "confirmed" and lead.labelled and lead.label == "Meta pauses its staff-data AI programme"
    assert lead.note == "Every outlet leads with it." and lead.dismissed == ["name"]
    assert "name" not in {d.kind for d in lead.differences}
    assert all(mark.difference is None or mark.difference < len(lead.differences)
               for member in lead.members for mark in member.marks)
    # A rejected fact: each of its sentences that no other fact holds is a fact of its own.
    elsewhere = {m.sentence for g in before.groups if g is not rejected for m in g.members}
    alone = [m.sentence for m in rejected.members if m.sentence not in elsewhere]
    assert alone
    for sentence in alone:
        assert len(_group(after, sentence).members) == 1
    assert omitted.groups[0] not in next((o.groups for o in after.omissions if o.article == omitted.article), [])
    assert after.review is not None and after.review.reviewed and after.review.reviewer == "A. Editor"
    assert after.review.corrections == 3


def test_merge_and_split_change_which_sentences_form_a_fact(demo_project: Path) -> None:
    before, _ = _compare(demo_project)
    a, b = [g for g in before.groups if g.status == "single-source"][:2]
    lead = _group(before, "000.s1")
    leaving = next(m.sentence for m in lead.members if m.article == "004")
    write(demo_project / "content" / SLUG / REVIEW_FILE, f"""
        merge:
          - [{a.members[0].sentence}, {b.members[0].sentence}]
        split:
          - [{leaving}]
        """)
    after, _ = _compare(demo_project)
    merged = _group(after, a.members[0].sentence)
    assert {m.sentence for m in merged.members} == {a.members[0].sentence, b.members[0].sentence}
    assert [m.sentence for m in _group(after, leaving).members] == [leaving]
    assert leaving not in {m.sentence for m in _group(after, "000.s1").members}


def test_an_entry_whose_text_changed_is_reported_with_its_line_and_not_applied(demo_project: Path) -> None:
    write(demo_project / "content" / SLUG / REVIEW_FILE, """
        facts:
          - sentences: [000.s1]
            says: Meta has cancelled
            label: Should not appear
          - sentences: [000.s99]
            status: confirmed
        """)
    story, diagnostics = _compare(demo_project)
    found = sorted((d.line, d.message) for d in diagnostics if str(d.file).endswith(REVIEW_FILE))
    assert [line for line, _ in found] == [2, 5]
    assert "no longer starts with “Meta has cancelled”" in found[0][1]
    assert "000.s99, which the story no longer has" in found[1][1]
    assert _group(story, "000.s1").label != "Should not appear"


def test_the_page_says_whether_an_editor_reviewed_the_story(demo_project: Path) -> None:
    subprocess.run([sys.executable, "-m", "generator", "build"], cwd=demo_project, check=True, capture_output=True)
    page = (demo_project / "site" / SLUG / "index.html").read_text(encoding="utf-8")
    assert "Not reviewed by an editor: made by software, which can be wrong; check a fact in the articles." in page
    write(demo_project / "content" / SLUG / REVIEW_FILE, "reviewed: true\nreviewer: A. Editor\ndate: 2026-11-27\n"
          "facts:\n  - sentences: [000.s1]\n    note: Every outlet leads with it.\n")
    subprocess.run([sys.executable, "-m", "generator", "build"], cwd=demo_project, check=True, capture_output=True)
    page = (demo_project / "site" / SLUG / "index.html").read_text(encoding="utf-8")
    assert "Checked by A. Editor on" in page and "Not reviewed" not in page
    assert "Editor’s note:</strong> Every outlet leads with it." in page


def test_the_worksheet_takes_facts_an_editor_confirmed_even_when_the_aligner_is_unsure(demo_project: Path) -> None:
    story, _ = _compare(demo_project)
    unsure = next(g for g in story.groups if g.confidence is not None and not trusted(g)
                  and len({m.article for m in g.members}) >= 2)
    subprocess.run([sys.executable, "-m", "generator", "build"], cwd=demo_project, check=True, capture_output=True)
    sheet = (demo_project / "site" / SLUG / "worksheet" / "index.html").read_text(encoding="utf-8")
    assert f">{unsure.label}<" not in sheet.replace("&#39;", "'")
    write(demo_project / "content" / SLUG / REVIEW_FILE,
          f"facts:\n  - sentences: [{unsure.members[0].sentence}]\n    status: confirmed\n"
          "    label: A fact an editor checked\n")
    subprocess.run([sys.executable, "-m", "generator", "build"], cwd=demo_project, check=True, capture_output=True)
    sheet = (demo_project / "site" / SLUG / "worksheet" / "index.html").read_text(encoding="utf-8")
    assert ">A fact an editor checked<" in sheet


def test_edits_are_written_as_a_person_would_write_them(tmp_path: Path) -> None:
    path = tmp_path / REVIEW_FILE
    edit_review(path, {"action": "label", "sentences": ["000.s1", "001.s0"], "says": "Meta has suspended",
                       "label": "Meta pauses the programme"})
    edit_review(path, {"action": "dismiss", "sentences": ["000.s1", "001.s0"], "kind": "name"})
    edit_review(path, {"action": "status", "sentences": ["002.s3"], "status": "rejected"})
    edit_review(path, {"action": "status", "sentences": ["002.s3"], "status": ""})  # undone: the entry goes
    edit_review(path, {"action": "omission", "sentences": ["000.s2"], "article": "003", "real": True})
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data == {"facts": [{"sentences": ["000.s1", "001.s0"], "says": "Meta has suspended",
                               "label": "Meta pauses the programme", "dismiss": ["name"]}],
                    "omissions": [{"sentences": ["000.s2"], "article": "003", "real": True}]}
    assert path.read_text(encoding="utf-8").startswith("# Parallax review file")
    assert read_review(path, []) is not None  # what serve writes, the build reads


# --- review mode in `parallax serve` --------------------------------------------------------------

def _post(port: int, body: dict[str, Any], headers: dict[str, str]) -> tuple[int, dict[str, Any]]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    data = json.dumps(body).encode()
    connection.request("POST", "/__parallax/review", body=data,
                       headers={"Content-Type": "application/json", "Content-Length": str(len(data)), **headers})
    response = connection.getresponse()
    answer = json.loads(response.read() or b"{}")
    connection.close()
    return response.status, answer


@pytest.mark.browser
def test_review_mode_writes_exactly_the_editors_changes(chromium: Any, demo_project: Path) -> None:
    server = Server(demo_project, "--review")
    review_file = demo_project / "content" / SLUG / REVIEW_FILE
    try:
        page = chromium.new_page(viewport={"width": 1280, "height": 900})
        page.goto(f"http://127.0.0.1:{server.port}/{SLUG}/")
        facts = page.eval_on_selector_all(".facts details.fact[data-sentences]", """nodes => nodes.map(n => ({
            id: n.id, sentences: n.dataset.sentences.split(' '), says: n.dataset.says, kinds: n.dataset.kinds}))""")
        with_kind = next(f for f in facts if f["kinds"])
        others = [f for f in facts if f is not with_kind and len(f["sentences"]) > 1]
        rejected, renamed = others[0], others[1]
        kind = with_kind["kinds"].split()[0]

        def act(fact: dict[str, Any], control: str, fill: str | None = None) -> None:
            page.evaluate(f"document.getElementById('{fact['id']}').open = true")
            tools = page.locator(f"#{fact['id']} .review-tools")
            if fill is not None:
                tools.get_by_label("Label").fill(fill)
            with page.expect_navigation(timeout=30_000):  # the rebuild reloads the page
                tools.locator(f"button[data-review='{control}']").click()

        act(rejected, "reject")
        act(renamed, "label", fill="A label an editor wrote")
        act(with_kind, f"dismiss-{kind}")
        data = yaml.safe_load(review_file.read_text(encoding="utf-8"))
        assert data == {"facts": [
            {"sentences": rejected["sentences"], "says": rejected["says"], "status": "rejected"},
            {"sentences": renamed["sentences"], "says": renamed["says"], "label": "A label an editor wrote"},
            {"sentences": with_kind["sentences"], "says": with_kind["says"], "dismiss": [kind]},
        ]}
        # The rebuilt page shows them.
        assert page.locator(f"#{rejected['id']}").count() == 0 or \
            page.locator(f"#{rejected['id']}").get_attribute("data-sentences") != " ".join(rejected["sentences"])
        assert page.get_by_role("heading", name="A label an editor wrote").count() == 1
        dismissed = page.locator(f"details.fact[data-dismissed~='{kind}']")
        assert dismissed.count() == 1 and kind not in (dismissed.get_attribute("data-kinds") or "").split()
        # The review file is the only thing written outside the output folder.
        assert sorted(p.name for p in (demo_project / "content" / SLUG).iterdir() if p.name.startswith(("_", "."))) \
            == ["_review.yaml", "_story.md"]
        # Another origin, or no token, cannot write.
        token = page.eval_on_selector("script[data-token]", "s => s.dataset.token")
        edit = {"story": SLUG, "action": "label", "sentences": ["000.s1"], "label": "pwned"}
        assert _post(server.port, edit, {"Origin": "http://evil.example", "X-Parallax-Token": token})[0] == 403
        assert _post(server.port, edit, {"Origin": f"http://127.0.0.1:{server.port}"})[0] == 403
        assert _post(server.port, edit, {"Origin": f"http://127.0.0.1:{server.port}", "X-Parallax-Token": "x"})[0] == 403
        assert _post(server.port, {**edit, "story": "../../etc"},
                     {"Origin": f"http://127.0.0.1:{server.port}", "X-Parallax-Token": token})[0] == 400
        assert "pwned" not in review_file.read_text(encoding="utf-8")
        # What a browser on another site sends is refused too: fetch from a page of another origin.
        other = chromium.new_page()
        other.set_content("<p>another site</p>")
        status = other.evaluate("""async ([port, token]) => {
            try {
              const r = await fetch(`http://127.0.0.1:${port}/__parallax/review`, {method: 'POST',
                headers: {'Content-Type': 'application/json', 'X-Parallax-Token': token},
                body: JSON.stringify({story: 'x', action: 'label', sentences: ['000.s1'], label: 'pwned'})});
              return r.status;
            } catch (e) { return 'blocked'; }
        }""", [server.port, token])
        assert status in (403, "blocked")
        assert "pwned" not in review_file.read_text(encoding="utf-8")
    finally:
        server.stop()


def test_review_mode_is_off_unless_asked_and_only_on_this_machine(demo_project: Path) -> None:
    server = Server(demo_project)
    try:
        status, body = server.get(f"/{SLUG}/")
        assert status == 200 and "review.js" not in body
        assert _post(server.port, {"story": SLUG}, {"Origin": f"http://127.0.0.1:{server.port}"})[0] == 405
    finally:
        server.stop()
    result = subprocess.run([sys.executable, "-m", "generator", "serve", "--review", "--bind", "0.0.0.0"],
                            cwd=demo_project, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode != 0 and "review mode writes files, so it listens on this machine only" in result.stderr


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_review_mode_has_no_axe_violations(chromium: Any, demo_project: Path, width: int) -> None:
    from .test_accessibility import AXE, axe_violations
    if not AXE.is_file():
        pytest.fail("axe-core is missing: run `make browser` (make test does it) to install it with npm")
    server = Server(demo_project, "--review")
    context = chromium.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    try:
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{server.port}/{SLUG}/", wait_until="load")
        assert page.locator(".review-panel").count() == 1
        page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
        result = axe_violations(page, AXE.read_text(encoding="utf-8"))
        assert result == [], json.dumps(result, indent=1)
    finally:
        context.close()
        server.stop()


def test_entries_that_do_not_apply_are_warned_once_and_not_counted(demo_project: Path) -> None:
    story, _ = _compare(demo_project)
    lead = _group(story, "000.s1")
    write(demo_project / "content" / SLUG / REVIEW_FILE, f"""
        facts:
          - sentences: [000.s99]
            status: rejected
        merge:
          - [{lead.members[0].sentence}, {lead.members[1].sentence}]
        """)
    after, diagnostics = _compare(demo_project)
    found = sorted((d.line, d.message) for d in diagnostics if str(d.file).endswith(REVIEW_FILE))
    assert [line for line, _ in found] == [2, 5], found  # each once: the stale rejection, the no-op merge
    assert after.review is not None and after.review.corrections == 0
