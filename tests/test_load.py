"""Loading content: front matter checks with file:line, what was expected, and how to fix it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from generator.content.load import load_content, load_story
from generator.errors import Diagnostic

GOOD_ARTICLE = "---\noutlet: Example News\n---\nThe council met on Tuesday.\n"


def problems(folder: Path) -> list[Diagnostic]:
    diagnostics: list[Diagnostic] = []
    load_story(folder, diagnostics)
    return diagnostics


def only_error(folder: Path) -> Diagnostic:
    errors = [d for d in problems(folder) if d.severity == "error"]
    assert len(errors) == 1, [e.format() for e in errors]
    return errors[0]


def test_a_valid_story_loads(make_story: Callable[..., Path]) -> None:
    folder = make_story("bridge", {"herald.md": "---\noutlet: Herald\nurl: https://example.org/a\n"
                                                "published: 2024-03-05\nauthor: Jane Roe\nlanguage: en-GB\n---\nText.\n",
                                   "times.md": GOOD_ARTICLE},
                        story_md="---\ntitle: Bridge vote\ndate: 2024-03-06\ntags: [city, transport]\n"
                                 "summary: Two papers on one vote.\n---\nWhy this matters.\n")
    diagnostics: list[Diagnostic] = []
    story = load_story(folder, diagnostics)
    assert diagnostics == []
    assert story is not None
    assert (story.slug, story.title, story.date, story.tags) == ("bridge", "Bridge vote", "2024-03-06", ["city", "transport"])
    assert story.intro.strip() == "Why this matters."
    herald = story.articles[0]
    assert (herald.id, herald.outlet, herald.url, herald.published, herald.author, herald.language) == (
        "herald", "Herald", "https://example.org/a", "2024-03-05", "Jane Roe", "en-GB")
    assert herald.body == "Text.\n" and herald.body_line == 8


def test_bad_yaml_names_file_line_and_fix(make_story: Callable[..., Path]) -> None:
    folder = make_story("s", {"a.md": "---\noutlet: Example\ntitle: Meta: the pause: again\n---\nText.\n"})
    error = only_error(folder)
    assert error.file == folder / "a.md"
    assert error.line == 3
    assert "invalid YAML" in error.message
    assert error.hint and "quote" in error.hint
    text = error.format()
    assert "a.md:3" in text and "> " in text and "title: Meta: the pause: again" in text


def test_wrong_types(make_story: Callable[..., Path]) -> None:
    folder = make_story("s", {"a.md": "---\noutlet: Example\ndraft: maybe\nurl: ftp://example.org/x\n"
                                      "published: next Tuesday\nlanguage: English please\n---\nText.\n"},
                        story_md="---\ntitle: T\ntags: privacy\n---\n")
    found = {(d.file.name if d.file else None, d.line, d.message.split(":")[0]) for d in problems(folder)}
    assert found == {("a.md", 3, "draft"), ("a.md", 4, "url"), ("a.md", 5, "published"),
                     ("a.md", 6, "language"), ("_story.md", 3, "tags")}
    hints = " ".join(d.hint or "" for d in problems(folder))
    assert "YYYY-MM-DD" in hints and "https://" in hints and "tags: [privacy]" in hints


def test_missing_field_and_missing_front_matter(make_story: Callable[..., Path]) -> None:
    folder = make_story("s", {"a.md": "---\ntitle: No outlet here\n---\nText.\n",
                              "b.md": "Just text, no front matter.\n"})
    by_file = {d.file.name: d for d in problems(folder) if d.file}
    assert by_file["a.md"].message == "missing required field 'outlet'"
    assert by_file["a.md"].line == 1
    assert "outlet: Example News" in (by_file["a.md"].hint or "")
    assert by_file["b.md"].message == "b.md has no front matter"


def test_unknown_key_suggests_the_right_one(make_story: Callable[..., Path]) -> None:
    folder = make_story("s", {"a.md": "---\noutlet: Example\npublised: 2024-01-02\n---\nText.\n"})
    error = only_error(folder)
    assert error.line == 3
    assert "unknown front matter field 'publised'" in error.message
    assert "did you mean 'published'?" in (error.hint or "")
    assert "outlet, title, url" in (error.hint or "")


def test_unclosed_front_matter_and_duplicate_keys(make_story: Callable[..., Path]) -> None:
    folder = make_story("s", {"a.md": "---\noutlet: Example\nText without a closing fence.\n",
                              "b.md": "---\noutlet: One\noutlet: Two\n---\nText.\n"})
    by_file = {d.file.name: d for d in problems(folder) if d.file}
    assert "never ends" in by_file["a.md"].message
    assert by_file["b.md"].message == "field 'outlet' is given twice" and by_file["b.md"].line == 3


def test_unreadable_files(make_story: Callable[..., Path]) -> None:
    folder = make_story("s", {"a.md": GOOD_ARTICLE})
    (folder / "latin1.md").write_bytes(b"---\noutlet: Caf\xe9\n---\nText.\n")
    (folder / "binary.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    by_file = {d.file.name: d for d in problems(folder) if d.file}
    assert "not valid UTF-8" in by_file["latin1.md"].message and by_file["latin1.md"].line == 2
    assert "binary" in by_file["binary.md"].message


def test_story_without_story_file_and_bad_names(project: Path) -> None:
    (project / "content" / "no-story-file").mkdir()
    (project / "content" / "no-story-file" / "a.md").write_text(GOOD_ARTICLE)
    for name in ("Bad Name", "static"):
        (project / "content" / name).mkdir()
        (project / "content" / name / "_story.md").write_text("---\ntitle: T\n---\n")
    loaded = load_content(project / "content")
    messages = sorted(d.message for d in loaded.errors)
    assert messages == [
        "story folder 'no-story-file' has no _story.md",
        "story folder name 'Bad Name' cannot be used in a web address",
        "story folder name 'static' is used by the site itself",
    ]
    hints = " ".join(d.hint or "" for d in loaded.errors)
    assert "'bad-name'" in hints


def test_every_problem_is_collected_not_just_the_first(make_story: Callable[..., Path], project: Path) -> None:
    make_story("one", {"a.md": "---\noutlet: [x\n---\n", "b.md": "---\ntitle: x\n---\n"})
    make_story("two", {"c.md": "---\noutlet: X\ndraft: 3\n---\n"}, story_md="---\nsummary: no title\n---\n")
    loaded = load_content(project / "content")
    assert len(loaded.errors) == 4
    assert loaded.stories == []


def test_drafts_are_left_out_unless_asked(make_story: Callable[..., Path], project: Path) -> None:
    make_story("public", {"a.md": GOOD_ARTICLE, "b.md": "---\noutlet: B\ndraft: true\n---\nDraft text.\n"})
    make_story("secret", {"a.md": GOOD_ARTICLE}, story_md="---\ntitle: Secret\ndraft: true\n---\n")
    published = load_content(project / "content")
    assert [s.slug for s in published.stories] == ["public"]
    assert [a.id for a in published.stories[0].articles] == ["a"]
    everything = load_content(project / "content", drafts=True)
    assert [s.slug for s in everything.stories] == ["public", "secret"]
    assert [a.id for a in everything.stories[0].articles] == ["a", "b"]


def test_html_articles_take_metadata_from_the_page(make_story: Callable[..., Path]) -> None:
    page = ('<html lang="en"><head><meta property="og:site_name" content="Example Times">'
            '<meta property="og:title" content="Port strike ends"><link rel="canonical" href="https://example.org/p">'
            '<meta property="article:published_time" content="2024-03-05T08:30:00Z"></head>'
            "<body><article><p>Dock workers returned on Tuesday.</p></article></body></html>")
    folder = make_story("s", {"times.html": page, "bare.html": "<p>Text only.</p>"})
    diagnostics: list[Diagnostic] = []
    story = load_story(folder, diagnostics)
    assert story is not None
    by_id = {a.id: a for a in story.articles}
    times = by_id["times"]
    assert (times.outlet, times.title, times.url, times.published, times.language, times.format) == (
        "Example Times", "Port strike ends", "https://example.org/p", "2024-03-05T08:30:00+00:00", "en", "html")
    assert by_id["bare"].outlet == "Source bare"
    assert [d.severity for d in diagnostics] == ["warning"]
    assert "og:site_name" in (diagnostics[0].hint or "")


def test_files_that_are_not_articles_are_reported(make_story: Callable[..., Path]) -> None:
    folder = make_story("s", {"a.md": GOOD_ARTICLE, "b.md": "---\noutlet: Other\n---\nText.\n",
                              "notes.txt": "some notes"})
    diagnostics = problems(folder)
    assert [(d.severity, d.file.name if d.file else None) for d in diagnostics] == [("warning", "notes.txt")]


def test_only_true_and_false_are_booleans(make_story: Callable[..., Path]) -> None:
    # YAML 1.1 read `no` and `On` as booleans: Norwegian became False, an outlet called "On" became True.
    folder = make_story("norsk", {"a.md": "---\noutlet: On\nlanguage: no\n---\nText.\n",
                                  "b.md": "---\noutlet: Yes Magazine\ndraft: false\n---\nText.\n"})
    diagnostics: list[Diagnostic] = []
    story = load_story(folder, diagnostics)
    assert story is not None and [d for d in diagnostics if d.severity == "error"] == []
    assert [(a.outlet, a.language) for a in story.articles] == [("On", "no"), ("Yes Magazine", None)]


def test_toml_front_matter_as_hugo_and_zola_write_it(make_story: Callable[..., Path]) -> None:
    folder = make_story("toml", {
        "a.md": '+++\noutlet = "Herald"\npublished = 2024-03-05\nlanguage = "en-GB"\n+++\nThe council met.\n',
        "b.md": '+++\noutlet = "Times"\n+++\nThe council met on Tuesday.\n'},
        story_md='+++\ntitle = "Bridge vote"\ntags = ["city", "transport"]\n+++\nIntro.\n')
    diagnostics: list[Diagnostic] = []
    story = load_story(folder, diagnostics)
    assert story is not None and story.title == "Bridge vote" and story.tags == ["city", "transport"]
    assert [(a.outlet, a.published) for a in story.articles] == [("Herald", "2024-03-05"), ("Times", None)]
    assert story.articles[0].body.strip() == "The council met."


def test_toml_front_matter_errors_name_the_line(make_story: Callable[..., Path]) -> None:
    folder = make_story("toml-bad", {"a.md": '+++\noutlet = "Herald"\ntitle = Bridge\n+++\nText.\n',
                                     "b.md": GOOD_ARTICLE})
    problem = only_error(folder)
    assert problem.line == 3 and "invalid TOML front matter" in problem.message and problem.hint
    folder = make_story("toml-unknown", {"a.md": '+++\noutlet = "Herald"\noutlett = "x"\n+++\nText.\n',
                                         "b.md": GOOD_ARTICLE})
    assert only_error(folder).line == 3


def test_a_toml_draft_is_withheld_even_when_the_file_is_broken(tmp_path: Path) -> None:
    import datetime as dt

    from generator.content.frontmatter import withheld
    path = tmp_path / "a.md"
    path.write_text('+++\noutlet = "Herald"\ndraft = true\ntitle = [broken\n+++\nSecret.\n', encoding="utf-8")
    assert withheld(path, dt.datetime.now(dt.UTC))
    path.write_text('+++\noutlet = "Herald"\npublish_after = "2999-01-01"\n+++\nSecret.\n', encoding="utf-8")
    assert withheld(path, dt.datetime.now(dt.UTC))


# --- the memo `parallax serve` keeps between rebuilds ------------------------------------------------

def _settled(folder: Path, seconds: float = 10.0) -> None:
    """Date every file of the folder back, as files saved a while before a rebuild are."""
    import os
    import time
    for path in [folder, *folder.iterdir()]:
        moment = time.time() - seconds
        os.utime(path, (moment, moment))


def _counting_reads(monkeypatch) -> list[Path]:  # type: ignore[no-untyped-def]
    from generator.content import load
    read: list[Path] = []
    original = load.read_with_front_matter

    def counted(path: Path, *args, **kwargs):  # type: ignore[no-untyped-def]
        read.append(path)
        return original(path, *args, **kwargs)
    monkeypatch.setattr(load, "read_with_front_matter", counted)
    return read


def test_an_unchanged_folder_is_not_read_again(make_story: Callable[..., Path], monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from generator.content.load import FolderMemo
    folder = make_story("bridge", {"a.md": GOOD_ARTICLE, "b.md": "---\noutlet: Other\n---\nThe vote was close.\n"})
    monkeypatch.setattr(FolderMemo, "SETTLED_NS", 0)  # the ctime of a test's files cannot be dated back
    read = _counting_reads(monkeypatch)
    memo = FolderMemo("test")
    first = load_content(folder.parent, memo=memo)
    assert len(read) == 3  # _story.md and two articles
    again = load_content(folder.parent, memo=memo)
    assert len(read) == 3 and again.stories == first.stories
    # An edit that keeps the size and puts the old modification time back is still seen (its change time moved).
    import os
    before = (folder / "a.md").stat()
    (folder / "a.md").write_text(GOOD_ARTICLE.replace("Tuesday", "Tuesdax"), encoding="utf-8")
    os.utime(folder / "a.md", ns=(before.st_atime_ns, before.st_mtime_ns))
    edited = load_content(folder.parent, memo=memo)
    assert "Tuesdax" in edited.stories[0].articles[0].body and len(read) == 6
    # A new file in the folder is seen too.
    (folder / "c.md").write_text("---\noutlet: Third\n---\nA third view.\n", encoding="utf-8")
    assert [a.id for a in load_content(folder.parent, memo=memo).stories[0].articles] == ["a", "b", "c"]


def test_a_folder_changed_a_moment_ago_is_read_again(make_story: Callable[..., Path], monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """File times tick coarsely: a folder whose files changed within the last seconds is not kept, as a second
    save in the same tick, of the same size, would keep every time the first one had."""
    from generator.content.load import FolderMemo
    folder = make_story("bridge", {"a.md": GOOD_ARTICLE})
    read = _counting_reads(monkeypatch)
    memo = FolderMemo("test")
    load_content(folder.parent, memo=memo)
    load_content(folder.parent, memo=memo)
    assert len(read) == 4


def test_what_waits_for_a_date_is_read_every_time(make_story: Callable[..., Path], monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from generator.content.load import FolderMemo
    folder = make_story("bridge", {"a.md": GOOD_ARTICLE,
                                   "b.md": "---\noutlet: Other\npublish_after: 2030-01-01T09:00:00Z\n---\nLater.\n"})
    monkeypatch.setattr(FolderMemo, "SETTLED_NS", 0)
    memo = FolderMemo("test")
    before = load_content(folder.parent, memo=memo, now=dt.datetime(2029, 12, 31, tzinfo=dt.UTC))
    assert [a.id for a in before.stories[0].articles] == ["a"] and before.unpublished["bridge"].articles == {"b"}
    after = load_content(folder.parent, memo=memo, now=dt.datetime(2030, 1, 2, tzinfo=dt.UTC))
    assert [a.id for a in after.stories[0].articles] == ["a", "b"] and not after.unpublished["bridge"].anything


def test_a_story_with_errors_stays_failed_from_the_memo(make_story: Callable[..., Path], monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from generator.content.load import FolderMemo
    folder = make_story("bridge", {"a.md": "---\ntitle: no outlet\n---\nText.\n"})
    _settled(folder)
    monkeypatch.setattr(FolderMemo, "SETTLED_NS", 0)
    memo = FolderMemo("test")
    first = load_content(folder.parent, memo=memo)
    second = load_content(folder.parent, memo=memo)
    assert first.failed == second.failed == ["bridge"]
    assert [d.format() for d in first.diagnostics] == [d.format() for d in second.diagnostics] != []
