"""The layout is the pipeline: stage folders import only what lies upstream, and extension points are
registries (a difference kind is one file plus one registration; a project overrides one template)."""

from __future__ import annotations

import ast
import json
from collections.abc import Iterator
from pathlib import Path

import jsonschema
import pytest
from bs4 import BeautifulSoup

from generator.analysis.differences import KINDS, Found, Item, Kind, difference, differs, register
from generator.build import build_site, check_site
from generator.config import load_config
from generator.errors import ConfigError
from generator.model import Difference
from generator.serialize import comparison_schema

from .conftest import ROOT, write

PACKAGE = ROOT / "generator"

# What each part of the package may import from the rest of it (besides itself).
ALLOWED = {
    "text": {"model", "text"},
    "content": {"model", "text", "errors", "config", "content"},
    "analysis": {"model", "text", "analysis"},
    # The site reads the model and text/, and the public registries of difference kinds and junk rules.
    "site": {"model", "text", "errors", "serialize", "site", "__init__", "analysis.differences", "content.junk"},
}


def _imports(path: Path) -> Iterator[str]:
    """The generator modules a file imports, as dotted names relative to the package."""
    package = path.relative_to(PACKAGE).parent.parts
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = list(package[:len(package) - node.level + 1])
            module = ".".join([*base, *(node.module.split(".") if node.module else [])])
            yield module or "__init__"
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("generator."):
            yield node.module.removeprefix("generator.")


@pytest.mark.parametrize("part", sorted(ALLOWED))
def test_each_stage_folder_imports_only_what_lies_upstream(part: str) -> None:
    wrong = []
    for path in sorted((PACKAGE / part).rglob("*.py")):
        for module in _imports(path):
            if not any(module == allowed or module.startswith(allowed + ".") for allowed in ALLOWED[part]):
                wrong.append(f"{path.relative_to(ROOT)} imports generator.{module}")
    assert not wrong, "\n".join(wrong)


# --- a new difference kind, in one file ---------------------------------------------------------

_MODALS = {"will": "will", "would": "would", "may": "may", "might": "might", "could": "could"}


@pytest.fixture
def modality_kind() -> Iterator[str]:
    """A kind registered the way a new kind file does it: "will" in one outlet, "might" in another."""
    @register(Kind(name="modality", title="Certainty", verb="is more or less certain",
                   legend="certainty", mark_rank=3, question="Which outlet is more certain, and on what grounds?",
                   question_rank=1.5))
    def modality(items: list[Item]) -> list[Difference]:
        found = [Found(item, t.start, t.end, t.norm) for item in items for t in item.tokens() if t.norm in _MODALS]
        return [difference("modality", found)] if differs(found) else []

    yield "modality"
    del KINDS["modality"]


def test_a_new_difference_kind_reaches_the_json_the_page_and_the_worksheet(
        modality_kind: str, project: Path) -> None:
    folder = project / "content" / "vote"
    write(folder / "_story.md", "---\ntitle: The vote\n---\n")
    write(folder / "a.md", "---\noutlet: Alpha News\n---\n"
          "The harbour council will approve the flood barrier plan at its meeting on Monday evening.\n")
    write(folder / "b.md", "---\noutlet: Beta Radio\n---\n"
          "The harbour council might approve the flood barrier plan at its meeting on Monday evening.\n")
    build_site(load_config(project), jobs=1, clean=True)
    site = project / "site" / "vote"

    document = json.loads((site / "comparison.json").read_text(encoding="utf-8"))
    kinds = [d["kind"] for g in document["groups"] for d in g["differences"]]
    assert "modality" in kinds
    jsonschema.Draft202012Validator(comparison_schema(list(KINDS))).validate(document)

    page = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    marked = [m.get_text() for m in page.select(".mark-modality")]
    assert "will" in marked and "might" in marked
    assert "certainty" in page.select_one(".mark-legend").get_text()
    tips = " ".join(t.get_text() for t in page.select(".tip"))
    assert "Certainty differs: Alpha News says “will”; Beta Radio says “might”." in tips

    sheet = BeautifulSoup((site / "worksheet" / "index.html").read_text(encoding="utf-8"), "html.parser")
    questions = [li.get_text(" ", strip=True) for li in sheet.select(".sheet-questions li")]
    assert "Alpha News says “will”; Beta Radio says “might”. Which outlet is more certain, and on what grounds?" \
        in questions


# --- themes: one template overridden, errors with file and line -------------------------------------

def test_a_project_overrides_one_template_and_keeps_the_rest(project: Path) -> None:
    base = (ROOT / "themes" / "default" / "templates" / "base.html").read_text(encoding="utf-8")
    write(project / "themes" / "default" / "templates" / "base.html",
          base.replace("<body", "<body data-newsroom=\"ours\"", 1))
    write(project / "themes" / "default" / "static" / "extra.css", "body { margin: 0; }\n")
    folder = project / "content" / "vote"
    write(folder / "_story.md", "---\ntitle: The vote\n---\n")
    write(folder / "a.md", "---\noutlet: Alpha News\n---\nThe council approved the plan on Monday.\n")
    build_site(load_config(project), jobs=1)
    story = (project / "site" / "vote" / "index.html").read_text(encoding="utf-8")
    assert 'data-newsroom="ours"' in story  # the project's base.html
    assert 'class="grid' in story or "coverage" in story  # story.html from the built-in theme
    assert (project / "site" / "static" / "extra.css").is_file()
    assert (project / "site" / "static" / "style.css").is_file()


def test_a_broken_template_is_a_file_and_line_error_in_check_and_build(project: Path) -> None:
    write(project / "themes" / "default" / "templates" / "index.html",
          "{% extends \"base.html\" %}\n{% block main %}\n{% for story in stories %}\n{% endblock %}\n")
    problems = check_site(load_config(project))
    [problem] = [p for p in problems if p.severity == "error"]
    assert problem.file == project / "themes" / "default" / "templates" / "index.html"
    assert problem.line == 4 and "endfor" in problem.message
    with pytest.raises(ConfigError) as raised:
        build_site(load_config(project), jobs=1)
    assert "index.html:4" in raised.value.format()
