"""Compare: typed differences, omissions and statuses on the hand-annotated stories."""

from __future__ import annotations

import pytest

from benchmarks.goldsets import GoldStory, article_index, hand_stories
from generator.analysis.align import align_story
from generator.analysis.compare import compare_story
from generator.analysis.semantic import Embeddings, encoder
from generator.model import AlignedGroup, Group, Member, Omission
from generator.text.lexicon import normal_word
from generator.text.norm import comparable


def _compared(gold: GoldStory) -> tuple[list[Group], list[Omission]]:
    """Compare on the aligner's groups: the whole pipeline."""
    return compare_story(gold.story, align_story(gold.story, embeddings=Embeddings(encoder())))


def _gold_groups(gold: GoldStory) -> list[AlignedGroup]:
    """The hand-annotated groups, as the align stage would give them, for testing compare on its own."""
    article_of = article_index(gold.story)
    return [AlignedGroup(members=[Member(article=article_of[s], sentence=s) for s in members])
            for members in gold.groups.values()]


GOLDS = {gold.name: gold for gold in hand_stories()}
EXPECTED = [(name, index, spec) for name, gold in GOLDS.items()
            for index, spec in enumerate(gold.annotation.get("differences", []))]


def _contains(value_text: str, wanted: str) -> bool:
    return comparable(wanted) in comparable(value_text)


def _find(groups: list[Group], spec: dict) -> tuple[bool, list[dict[str, str]]]:  # type: ignore[type-arg]
    wanted = {str(article): str(text) for article, text in spec.get("values", {}).items()}
    texts = [str(t) for t in spec.get("texts", [])]
    candidates = []
    for group in groups:
        for difference in group.differences:
            if difference.kind != spec["kind"]:
                continue
            by_article: dict[str, list[str]] = {}
            for value in difference.values:
                by_article.setdefault(value.article, []).append(value.text)
            candidates.append({a: " | ".join(v) for a, v in by_article.items()})
            if all(any(_contains(v, t) for v in by_article.get(a, [])) for a, t in wanted.items()) and \
                    all(any(_contains(v, t) for vs in by_article.values() for v in vs) for t in texts):
                return True, candidates
    return False, candidates


@pytest.mark.parametrize(("story", "index", "spec"), EXPECTED,
                         ids=[f"{n}-{i}-{s['kind']}" for n, i, s in EXPECTED])
def test_compare_finds_annotated_difference_in_gold_groups(story: str, index: int, spec: dict) -> None:  # type: ignore[type-arg]
    gold = GOLDS[story]
    groups, _ = compare_story(gold.story, _gold_groups(gold))
    found, candidates = _find(groups, spec)
    assert found, f"no {spec['kind']} difference like {spec}; found {candidates}"


def _folded(text: str) -> str:
    return " ".join(normal_word(w) for w in comparable(text).replace("-", " ").split() if w.strip(".,;:!?\"'()"))


@pytest.mark.parametrize("story", list(GOLDS))
def test_no_difference_is_only_spelling_case_quotes_or_punctuation(story: str) -> None:
    groups, _ = _compared(GOLDS[story])
    for group in groups:
        for difference in group.differences:
            forms = {_folded(v.text) for v in difference.values}
            assert len(forms) > 1, (group.id, difference)


@pytest.mark.parametrize("story", list(GOLDS))
def test_compare_reports_annotated_omissions_on_gold_groups(story: str) -> None:
    gold = GOLDS[story]
    groups, omissions = compare_story(gold.story, _gold_groups(gold))
    id_of = {key: group.id for key, group in zip(gold.groups, groups, strict=True)}  # order is kept
    left_out = {o.article: set(o.groups) for o in omissions}
    for article, facts in gold.annotation.get("omissions", {}).items():
        assert {id_of[f] for f in facts} <= left_out[str(article)], article


# The whole pipeline (align, then compare) finds these annotated differences; docs/evaluation.md
# lists the ones it still misses because their sentences are not grouped together.
FOUND_END_TO_END = [
    ("meta (demo)", 0), ("meta (demo)", 2), ("meta (demo)", 4), ("meta (demo)", 5),
    ("flood-barriers", 0), ("flood-barriers", 1), ("flood-barriers", 2), ("flood-barriers", 3), ("flood-barriers", 4),
    ("port-strike", 0), ("port-strike", 2), ("port-strike", 3),
    ("transit-fares", 0), ("transit-fares", 3),
]
# meta (demo) 1 ("within hours" / "within four hours"): missed because 001.s11 is not grouped with 000.s7
# (tests/test_align.py, the known miss there).
# transit-fares 1 (5-2 / 5-3): the vote count conflict is found, between City Wire and Riverton Radio, not
# with the Metro Gazette's lede, which is grouped with the other ledes (docs/evaluation.md).


@pytest.mark.parametrize(("story", "index"), FOUND_END_TO_END)
def test_pipeline_finds_annotated_difference(story: str, index: int) -> None:
    spec = GOLDS[story].annotation["differences"][index]
    groups, _ = _compared(GOLDS[story])
    found, candidates = _find(groups, spec)
    assert found, f"no {spec['kind']} difference like {spec}; found {candidates}"


def test_pipeline_reports_omissions_of_the_demo() -> None:
    groups, omissions = _compared(GOLDS["meta (demo)"])
    left_out = {o.article: set(o.groups) for o in omissions}

    def group_with(sentence: str) -> str:
        return next(g.id for g in groups if any(m.sentence == sentence for m in g.members))

    # Source 003 says nothing of when the flaw was found.
    assert group_with("001.s10") in left_out["003"]
    # Of restarting only "when we are confident in ... our data protection controls" it says that Meta
    # confirmed "the pause of the MCI while the company conducts a comprehensive assessment of its data
    # security frameworks": not the same words, perhaps the same fact. The page must not say it leaves
    # it out; it says it may state it in other words, and where.
    assert group_with("001.s12") not in left_out["003"]
    possibly = {p.group: p.sentence for o in omissions if o.article == "003" for p in o.possibly_covered}
    assert possibly[group_with("001.s12")] == "003.s7"
    # India Today says nothing of the June 18 discovery either.
    assert group_with("001.s10") in left_out["002"]
    # Source 000 does not name the SEV report, but says "the suspension followed an internal security
    # notice indicating that databases ... were accessible": perhaps the same fact, so not "left out".
    assert group_with("003.s4") not in left_out["000"]
    assert group_with("003.s4") in {p.group for o in omissions if o.article == "000" for p in o.possibly_covered}
    # Wired's 004.s7 packs two facts: workers received a security alert, and the exposed data included
    # "private conversations and employee performance information". Source 000 states the first (its
    # 000.s6 shares that group with 004.s7) and says the databases were open to unauthorised staff: it may
    # state the second too, so it is not said to leave out what was exposed, and the page says through what.
    exposed = group_with("002.s4")
    assert "004.s7" in {m.sentence for g in groups if g.id == exposed for m in g.members}
    assert exposed not in left_out["000"]
    through = {p.group: (p.sentence, p.through) for o in omissions if o.article == "000" for p in o.possibly_covered}
    assert through[exposed] == ("000.s6", "004.s7")


def test_statuses_follow_the_members() -> None:
    groups, _ = _compared(GOLDS["meta (demo)"])
    for group in groups:
        articles = {m.article for m in group.members}
        if len(articles) == 1:
            assert group.status == "single-source"
        else:
            assert group.status == ("differs" if group.differences else "agreement")
        assert group.label and len(group.label.split()) <= 13


def test_a_group_compared_again_comes_out_the_same_and_apart_from_the_last() -> None:
    """`parallax serve` compares a story again after each edit and remembers each group of members it has
    compared: the second comparison must equal the first, and what a later stage adds to the first story's
    groups (differences across groups, their marks) must not show up in the second."""
    from generator.build import compare_folder
    from generator.config import load_config
    from generator.serialize import comparison_json

    from .conftest import DEMO

    config = load_config(DEMO.parent.parent, required=False)
    first, _ = compare_folder(DEMO, config)
    expected = comparison_json(first)
    differing = next(g for g in first.groups if g.differences)
    differing.differences.append(differing.differences[0])
    marked = next(member for member in differing.members if member.marks)
    marked.marks.append(marked.marks[0])
    marked.marks[0].kind = "changed"  # type: ignore[assignment]
    second, _ = compare_folder(DEMO, config)
    assert comparison_json(second) == expected
