"""Drafts and embargoes: their text appears nowhere under site/, unless the build is asked for drafts.

Every file of the output is searched, hidden cache included, for words that
only the draft or embargoed content holds: its text, its title, its outlet
and its file names.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.build import build_site
from generator.config import load_config

from .conftest import write

PUBLIC = "The council approved the budget on Monday. It includes 40 new buses for the city.\n"
FUTURE = (dt.date.today() + dt.timedelta(days=30)).isoformat()
PAST = (dt.date.today() - dt.timedelta(days=30)).isoformat()

# Each secret is a word that appears only in content that must not be published.
SECRETS = {
    "draft story": "Quillbrook",
    "draft story title": "Marrowdene",
    "draft article": "Ostrevant",
    "draft article outlet": "Velmora",
    "embargoed story": "Tarnwick",
    "embargoed article": "Caldrissa",
    "embargoed article outlet": "Brisquen",
}


def _article(outlet: str, text: str = PUBLIC, extra: str = "") -> str:
    return f"---\noutlet: {outlet}\n{extra}---\n{text}"


def _project(root: Path) -> Path:
    write(root / "parallax.toml", 'title = "Drafts"\nbase_url = "https://example.org/"\npublish = "full"\n')
    content = root / "content"
    write(content / "public" / "_story.md", "---\ntitle: Public story\n---\nIntro.\n")
    write(content / "public" / "a.md", _article("Alpha"))
    write(content / "public" / "b.md", _article("Beta", PUBLIC.replace("40", "45")))
    write(content / "public" / "c.md", _article(SECRETS["draft article outlet"],
                                                f"The {SECRETS['draft article']} council approved the budget.\n",
                                                extra="draft: true\n"))
    write(content / "public" / "d.md", _article(SECRETS["embargoed article outlet"],
                                                f"The {SECRETS['embargoed article']} budget has 40 new buses.\n",
                                                extra=f"publish_after: {FUTURE}\n"))
    write(content / "public" / "e.md", _article("Epsilon", "The budget was approved on Monday.\n",
                                                extra=f"publish_after: {PAST}\n"))
    write(content / "hidden-draft" / "_story.md",
          f"---\ntitle: {SECRETS['draft story title']} story\ndraft: true\nsummary: Secret.\n---\nIntro.\n")
    write(content / "hidden-draft" / "a.md", _article("Alpha", f"{SECRETS['draft story']} approved the plan.\n"))
    write(content / "hidden-draft" / "b.md", _article("Beta", f"{SECRETS['draft story']} approved a plan.\n"))
    write(content / "embargoed" / "_story.md", f"---\ntitle: Later\npublish_after: {FUTURE}T09:00:00+00:00\n---\n")
    write(content / "embargoed" / "a.md", _article("Alpha", f"{SECRETS['embargoed story']} will be announced.\n"))
    return root


def _found(site: Path) -> dict[str, list[str]]:
    """For each secret, the output files (relative) that contain it, in their text or their names."""
    found: dict[str, list[str]] = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        data = path.read_bytes().decode("utf-8", errors="replace").lower()
        relative = str(path.relative_to(site))
        for what, word in SECRETS.items():
            if word.lower() in data or word.lower() in relative.lower():
                found.setdefault(what, []).append(relative)
    for slug in ("hidden-draft", "embargoed", "public/c", "public/d"):
        if (site / slug).exists():
            found.setdefault("folders", []).append(slug)
    for path in site.rglob("*"):
        if path.is_file() and any(s in path.read_text(encoding="utf-8", errors="replace")
                                  for s in ("hidden-draft", "embargoed/", "/public/c/", "/public/d/")):
            found.setdefault("links", []).append(str(path.relative_to(site)))
    return found


def test_drafts_and_embargoes_appear_nowhere(tmp_path: Path) -> None:
    root = _project(tmp_path)
    result = build_site(load_config(root))
    assert [s.slug for s in result.stories] == ["public"]
    assert [a.id for a in result.stories[0].articles] == ["a", "b", "e"]  # e's embargo has passed
    site = root / "site"
    assert (site / ".parallax-cache" / "manifest.json").is_file()  # the hidden cache is searched too
    assert (site / "feed.xml").is_file() and (site / "sitemap.xml").is_file()
    assert _found(site) == {}


def test_with_drafts_everything_is_built(tmp_path: Path) -> None:
    root = _project(tmp_path)
    build_site(load_config(root), drafts=True)
    found = _found(root / "site")
    assert set(SECRETS) <= set(found), found
    assert (root / "site" / "hidden-draft" / "index.html").is_file()


@pytest.mark.parametrize("change", ["draft", "embargo"])
def test_a_published_story_made_draft_again_leaves_nothing_behind(tmp_path: Path, change: str) -> None:
    root = _project(tmp_path)
    build_site(load_config(root), drafts=True)  # e.g. a preview with `parallax serve --drafts`
    story = root / "content" / "public" / "_story.md"
    extra = "draft: true" if change == "draft" else f"publish_after: {FUTURE}"
    story.write_text(story.read_text().replace("title: Public story", f"title: Public story\n{extra}"))
    (root / "content" / "public" / "a.md").write_text(_article("Alpha", "Zephyrine said so.\n"))
    build_site(load_config(root))
    site = root / "site"
    assert _found(site) == {}
    assert not (site / "public").exists()
    assert "Zephyrine" not in "".join(p.read_text(errors="replace") for p in site.rglob("*") if p.is_file())
    assert "Public story" not in (site / "index.html").read_text()


# --- "keep the last good version" never republishes what may not be published -------------------

def _broken(path: Path) -> None:
    """An error in a file: a date nobody can read."""
    path.write_text(path.read_text().replace("---\n", "---\npublished: next Tuesday\n", 1))


def test_a_draft_story_built_with_drafts_is_not_kept_when_it_breaks(tmp_path: Path) -> None:
    root = _project(tmp_path)
    build_site(load_config(root), drafts=True)  # a preview: the draft story is in site/ and in the cache
    _broken(root / "content" / "hidden-draft" / "a.md")
    result = build_site(load_config(root))
    assert "hidden-draft" in result.failed and "hidden-draft" not in result.kept
    assert _found(root / "site") == {}


@pytest.mark.parametrize("secret", ["draft article", "embargoed article"])
def test_a_story_with_a_draft_article_is_not_kept_when_another_article_breaks(tmp_path: Path, secret: str) -> None:
    root = _project(tmp_path)
    build_site(load_config(root), drafts=True)
    _broken(root / "content" / "public" / "a.md")
    result = build_site(load_config(root))
    assert "public" in result.failed and "public" not in result.kept
    assert secret not in _found(root / "site") and f"{secret} outlet" not in _found(root / "site")


def test_a_live_story_marked_draft_while_broken_goes_offline(tmp_path: Path) -> None:
    root = _project(tmp_path)
    build_site(load_config(root))
    assert (root / "site" / "public" / "index.html").is_file()
    story = root / "content" / "public" / "_story.md"
    story.write_text(story.read_text().replace("title: Public story", "title: Public story\ndraft: true"))
    _broken(root / "content" / "public" / "b.md")
    result = build_site(load_config(root))
    assert "public" not in result.kept
    assert not (root / "site" / "public").exists()
    assert "Public story" not in (root / "site" / "index.html").read_text()
    assert "public/" not in (root / "site" / "sitemap.xml").read_text()


@pytest.mark.parametrize("line", ["draft: true", "draft: yes", "draft: perhaps", "publish_after: next Tuesday",
                                  f"publish_after: {FUTURE}"])
def test_a_live_article_marked_unpublished_while_broken_takes_its_story_offline(tmp_path: Path, line: str) -> None:
    root = _project(tmp_path)
    build_site(load_config(root))
    article = root / "content" / "public" / "a.md"
    article.write_text(article.read_text().replace("outlet: Alpha", f"outlet: Alpha\n{line}\ntitle: [unclosed"))
    result = build_site(load_config(root))
    assert "public" in result.failed and "public" not in result.kept
    assert not (root / "site" / "public").exists()


def test_a_live_story_with_an_unrelated_error_keeps_its_last_good_version(tmp_path: Path) -> None:
    root = _project(tmp_path)
    build_site(load_config(root))
    _broken(root / "content" / "public" / "b.md")
    result = build_site(load_config(root))
    assert result.kept == ["public"]
    assert (root / "site" / "public" / "index.html").is_file() and _found(root / "site") == {}
