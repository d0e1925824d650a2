"""Every comparison JSON validates against generator/comparison.schema.json, and is internally consistent."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from benchmarks.goldsets import hand_stories
from generator.analysis.align import align_story
from generator.analysis.compare import compare_story
from generator.analysis.differences import KINDS
from generator.analysis.examine import examine_story
from generator.build import build_site
from generator.config import load_config
from generator.serialize import comparison_json, comparison_schema

from .conftest import ROOT

SCHEMA = json.loads((ROOT / "generator" / "comparison.schema.json").read_text(encoding="utf-8"))


def test_the_schema_file_lists_every_registered_kind() -> None:
    """The file a person reads is complete: it is the schema the registry gives."""
    assert comparison_schema(list(KINDS)) == SCHEMA


def check(document: dict[str, Any], schema: dict[str, Any] = SCHEMA) -> None:
    jsonschema.Draft202012Validator(schema).validate(document)
    sentences = {s["id"]: s["text"] for a in document["articles"] for b in a["blocks"] for s in b["sentences"]}
    article_of = {s["id"]: a["id"] for a in document["articles"] for b in a["blocks"] for s in b["sentences"]}
    assert len(sentences) == sum(len(b["sentences"]) for a in document["articles"] for b in a["blocks"])
    grouped = {m["sentence"] for g in document["groups"] for m in g["members"]}
    assert grouped == set(sentences), "every sentence is in at least one group"
    group_ids = {g["id"] for g in document["groups"]}
    for group in document["groups"]:
        for member in group["members"]:
            assert article_of[member["sentence"]] == member["article"]
            for mark in member.get("marks", []):
                assert 0 <= mark["start"] < mark["end"] <= len(sentences[member["sentence"]])
        for difference in group["differences"]:
            for value in difference["values"]:
                text = sentences[value["sentence"]]
                if value.get("start") is not None:
                    assert text[value["start"]:value["end"]] == value["text"]
    for omission in document["omissions"]:
        assert set(omission["groups"]) <= group_ids
    articles = {a["id"] for a in document["articles"]}
    for quotation in document["quotations"]:
        for rendering in quotation["renderings"]:
            assert rendering["article"] == article_of[rendering["sentence"]]
            text = sentences[rendering["sentence"]]
            if rendering.get("start") is not None and text:
                assert text[rendering["start"]:rendering["end"]] == rendering["text"]
            for start, end in rendering.get("changes", []):
                assert 0 <= start < end <= len(rendering["text"])
        assert len({r["article"] for r in quotation["renderings"]}) == len(quotation["renderings"])
    for source in document["sources"]:
        for citation in source["citations"]:
            assert citation["article"] in articles and citation["article"] == article_of[citation["sentence"]]
            text = sentences[citation["sentence"]]
            if citation.get("start") is not None and text:
                assert text[citation["start"]:citation["end"]] == citation["text"]
    for word in document["words"]:
        text = sentences[word["sentence"]]
        assert text, "no word to examine is marked in a withheld sentence"
        assert text[word["start"]:word["end"]].lower().split() == word["entry"].split()


@pytest.mark.parametrize("gold", hand_stories(), ids=lambda g: g.name)
def test_comparison_of_each_hand_story_validates(gold: Any) -> None:
    story = gold.story
    story.groups, story.omissions = compare_story(story, align_story(story))
    examined = examine_story(story)
    story.quotations, story.sources, story.words = examined.quotations, examined.sources, examined.words
    check(comparison_json(story))


def test_built_site_comparison_validates(demo_project: Path) -> None:
    build_site(load_config(demo_project))
    check(json.loads((demo_project / "site" / "meta-employee-tracking-pause" / "comparison.json").read_text()))
