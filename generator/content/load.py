"""Load stage: read `content/` into `StoryFolder`s, checking every front matter field.

Takes the content folder (or one story folder); gives stories with their raw
article bodies. Problems are collected as `Diagnostic`s with file and line, so
`parallax check` can show all of them at once.
"""

from __future__ import annotations

import datetime as dt
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Diagnostic, error, warning
from ..model import ArticleFile, ArticleFormat, StoryFolder
from ..text.norm import slugify
from .frontmatter import (
    ARTICLE_FIELDS,
    RESERVED_SLUGS,
    SLUG,
    STORY_FIELDS,
    STORY_FILE,
    check_fields,
    embargoed,
    read_with_front_matter,
    withheld,
)
from .review import REVIEW_FILE, read_review

ARTICLE_SUFFIXES: dict[str, ArticleFormat] = {".md": "markdown", ".markdown": "markdown",
                                              ".html": "html", ".htm": "html"}
RESERVED_ARTICLE_IDS = frozenset({"worksheet"})
"""Names the story's own pages use below its folder (`/<slug>/worksheet/`): no article may take them."""


@dataclass(frozen=True, slots=True)
class Unpublished:
    """What a story's files say may not be published now: the story, or some of its articles."""

    story: bool
    """`_story.md` is a draft or under embargo (or says so in a way that cannot be read)."""
    articles: frozenset[str]
    """Ids of the article files that are drafts or under embargo."""

    @property
    def anything(self) -> bool:
        return self.story or bool(self.articles)


@dataclass(slots=True)
class Loaded:
    """What the load stage gives: stories, and every problem found on the way."""

    stories: list[StoryFolder] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    """Slugs of the stories left out because of errors in their own files."""
    notes: dict[str, str] = field(default_factory=dict)
    """What `shed` noted on each story, by slug."""
    unpublished: dict[str, Unpublished] = field(default_factory=dict)
    """For each story folder (by name), what its files say may not be published now, read before
    anything else and whatever errors they hold (empty when drafts are built)."""

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]


def load_content(content_dir: Path, *, drafts: bool = False, now: dt.datetime | None = None,
                 shed: Callable[[StoryFolder], tuple[StoryFolder, str]] | None = None,
                 memo: FolderMemo | None = None) -> Loaded:
    """Read every story folder under `content_dir`.

    Drafts, and stories or articles whose `publish_after` is still to come, are
    left out unless `drafts`. A story with errors in its own files is left out
    and listed in `failed`; the other stories load. `shed`, when given, is applied
    to each story as soon as it is read and gives the story to keep and a note on it, kept
    in `Loaded.notes` (the build keeps a story without its texts, and notes its key).
    `memo` (`parallax serve`): a folder none of whose files changed since it was last read
    with this memo gives what it gave then, without reading its files again.
    """
    loaded = Loaded()
    if not content_dir.is_dir():
        loaded.diagnostics.append(error(
            f"content folder {content_dir} does not exist", file=content_dir,
            hint="create it, or set content_dir in parallax.toml; `parallax new story <slug>` makes a story"))
        return loaded
    now = now or dt.datetime.now(dt.UTC)
    root = content_dir.resolve()
    by_slug: dict[str, list[StoryFolder]] = {}
    for entry in sorted(content_dir.iterdir()):
        if entry.name.startswith((".", "_")):
            continue
        if not entry.is_dir():
            if entry.suffix in ARTICLE_SUFFIXES:
                loaded.diagnostics.append(warning(
                    f"ignored {entry.name}: articles belong in a story folder", file=entry,
                    hint=f"move it into content/<story>/ next to a {STORY_FILE}"))
            continue
        if not _inside(entry, root):
            loaded.diagnostics.append(error(
                f"story folder {entry.name} points outside the content folder", file=entry,
                hint="replace the symbolic link with a real folder inside content/"))
            loaded.failed.append(entry.name)
            continue
        signature = memo.signature(entry) if memo is not None else None
        outcome = memo.recall(entry, signature) if memo is not None and signature is not None else None
        if outcome is None:
            outcome = _read_folder(entry, root, drafts, now, shed)
            if memo is not None and signature is not None and not (outcome.unpublished
                                                                   and outcome.unpublished.anything):
                # Nothing in it waits for a date: what it gives cannot change until one of its files does.
                memo.keep(entry, signature, outcome)
        loaded.diagnostics.extend(outcome.diagnostics)
        if outcome.unpublished is not None:
            loaded.unpublished[entry.name] = outcome.unpublished
        if outcome.story is None:
            if outcome.failed:
                loaded.failed.append(_slug_of(entry))
            continue
        by_slug.setdefault(outcome.story.slug, []).append(outcome.story)
        if outcome.note is not None:
            loaded.notes[outcome.story.slug] = outcome.note
    for slug, stories in by_slug.items():
        if len(stories) > 1:
            for story in stories:
                others = ", ".join(str(s.path.name) for s in stories if s is not story)
                loaded.diagnostics.append(error(
                    f"two stories have the URL /{slug}/: {story.path.name} and {others}",
                    file=story.path / STORY_FILE,
                    hint="give one of them another folder name, or another `slug:` in its _story.md"))
            loaded.failed.append(slug)
        else:
            loaded.stories.append(stories[0])
    return loaded


@dataclass(frozen=True, slots=True)
class _Outcome:
    """What reading one story folder gave."""

    story: StoryFolder | None
    """The story to build (after `shed`); None when it failed or may not be published now."""
    failed: bool
    diagnostics: tuple[Diagnostic, ...]
    unpublished: Unpublished | None
    note: str | None


def _read_folder(entry: Path, root: Path, drafts: bool, now: dt.datetime,
                 shed: Callable[[StoryFolder], tuple[StoryFolder, str]] | None) -> _Outcome:
    withheld_now = None if drafts else unpublished(entry, now)
    diagnostics: list[Diagnostic] = []
    story = load_story(entry, diagnostics, root=root, drafts=drafts, now=now)
    failed = story is None
    note = None
    if story is not None and not drafts and (story.draft or embargoed(story.publish_after, now)):
        story = None
    elif story is not None and shed is not None:
        story, note = shed(story)
    return _Outcome(story=story, failed=failed, diagnostics=tuple(diagnostics), unpublished=withheld_now,
                    note=note)


SETTLED_NS = 2_000_000_000
"""File times tick coarsely (a few milliseconds, or seconds on some disks): a file changed less than this long
ago may be saved again without its times moving (git's "racily clean" files)."""


def settled(newest_ns: int, margin_ns: int = SETTLED_NS) -> bool:
    """Whether a file time lies far enough in the past for the file's times to tell a later change."""
    return newest_ns < time.time_ns() - margin_ns


class FolderMemo:
    """What each story folder gave when it was last read in this process, while none of its files has
    changed since (`parallax serve` rebuilds after every save, and would otherwise read and check the
    same few hundred unchanged files each time; Hugo's server likewise reads again only what changed).

    A folder is known by the name, size, inode, modification and change times of every entry in it
    (the change time moves on any write, even one that puts the old modification time back); a folder
    holding a symbolic link is read every time, since what the link points to can change unseen.
    `token` stands for everything else what was read depends on (drafts, the settings of `shed`).
    """

    SETTLED_NS = SETTLED_NS

    def __init__(self, token: str, limit: int = 50_000) -> None:
        self.token = token
        self._limit = limit
        self._kept: dict[Path, tuple[tuple[object, ...], _Outcome]] = {}

    def signature(self, folder: Path) -> tuple[object, ...] | None:
        try:
            paths = sorted(folder.iterdir())
            entries = [folder.lstat(), *(path.lstat() for path in paths)]
        except OSError:
            return None
        if any(stat.S_ISLNK(found.st_mode) for found in entries):
            return None
        return (tuple(path.name for path in paths),
                *((found.st_mode, found.st_ino, found.st_size, found.st_mtime_ns, found.st_ctime_ns)
                  for found in entries))

    def recall(self, folder: Path, signature: tuple[object, ...]) -> _Outcome | None:
        kept = self._kept.get(folder)
        return kept[1] if kept is not None and kept[0] == signature else None

    def keep(self, folder: Path, signature: tuple[object, ...], outcome: _Outcome) -> None:
        """Keep what `folder` gave, unless one of its files changed in the last seconds (`settled`)."""
        newest = max((max(item[3], item[4]) for item in signature[1:] if isinstance(item, tuple)), default=0)
        if not settled(newest, self.SETTLED_NS):
            self._kept.pop(folder, None)
            return
        if len(self._kept) < self._limit or folder in self._kept:
            self._kept[folder] = (signature, outcome)


def _slug_of(folder: Path) -> str:
    return folder.resolve().name


def unpublished(folder: Path, now: dt.datetime) -> Unpublished:
    """What the files of a story folder say may not be published now (see `frontmatter.withheld`)."""
    articles = frozenset(path.stem for path in folder.iterdir()
                         if path.suffix.lower() in ARTICLE_SUFFIXES and path.name != STORY_FILE
                         and withheld(path, now))
    return Unpublished(story=withheld(folder / STORY_FILE, now), articles=articles)


def load_story(folder: Path, diagnostics: list[Diagnostic], *, root: Path | None = None,
               drafts: bool = True, now: dt.datetime | None = None) -> StoryFolder | None:
    """Read one story folder; problems go to `diagnostics`. Works on any folder."""
    root = root or folder.resolve()
    slug = folder.resolve().name
    problems_before = len([d for d in diagnostics if d.severity == "error"])
    if not SLUG.match(slug):
        diagnostics.append(error(
            f"story folder name {slug!r} cannot be used in a web address", file=folder,
            hint=f"rename the folder to lower-case letters, digits and hyphens, e.g. {slugify(slug, ascii_only=True)[:100] or 'my-story'!r}"))
    elif slug in RESERVED_SLUGS:
        diagnostics.append(error(
            f"story folder name {slug!r} is used by the site itself", file=folder,
            hint=f"rename the folder; reserved names: {', '.join(sorted(RESERVED_SLUGS))}"))

    story_file = folder / STORY_FILE
    meta: dict[str, Any] = {}
    intro = ""
    if not story_file.is_file():
        diagnostics.append(error(
            f"story folder {slug!r} has no {STORY_FILE}", file=folder,
            hint=f"add {STORY_FILE} with at least a title (`parallax new story {slug}` writes one)"))
    elif story_file.is_symlink() and not _inside(story_file, root):
        diagnostics.append(error(
            f"{STORY_FILE} points outside the content folder", file=story_file,
            hint="replace the symbolic link with the file itself"))
    else:
        parsed = read_with_front_matter(story_file, diagnostics, root)
        if parsed is not None:
            raw, lines, intro, _, text = parsed
            meta = check_fields(raw, lines, STORY_FIELDS, story_file, text, diagnostics, "story")

    articles: list[ArticleFile] = []
    pages: dict[str, Path] = {}
    """Article id -> the file that makes the page /<slug>/<id>/."""
    for path in sorted(folder.iterdir()):
        if path.name == STORY_FILE or path.name.startswith((".", "_")) or path.is_dir():
            continue
        fmt = ARTICLE_SUFFIXES.get(path.suffix.lower())
        if fmt is None:
            diagnostics.append(warning(
                f"ignored {path.name}: not an article file", file=path,
                hint="articles are .md (Markdown or plain text with front matter) or .html (saved pages)"))
            continue
        if path.is_symlink() and not _inside(path, root):  # a plain file in this folder is inside
            diagnostics.append(error(
                f"{path.name} points outside the content folder", file=path,
                hint="replace the symbolic link with the file itself"))
            continue
        if path.stem in RESERVED_ARTICLE_IDS:
            diagnostics.append(error(
                f"an article cannot be called {path.stem!r}: the story's {path.stem} page has that address",
                file=path, line=1, hint=f"rename the file, e.g. {path.stem}-article{path.suffix}"))
            continue
        if path.stem in pages:
            diagnostics.append(error(
                f"{pages[path.stem].name} and {path.name} would both be the page /{slug}/{path.stem}/",
                file=path, line=1, hint="rename one of the two files, or remove the one you do not need"))
            continue
        pages[path.stem] = path
        article = _load_article(path, fmt, diagnostics, root)
        if article is not None and (drafts or not (article.draft or embargoed(
                article.publish_after, now or dt.datetime.now(dt.UTC)))):
            articles.append(article)

    review = None
    review_file = folder / REVIEW_FILE
    if review_file.is_symlink() and not _inside(review_file, root):
        diagnostics.append(error(f"{REVIEW_FILE} points outside the content folder", file=review_file,
                                 hint="replace the symbolic link with the file itself"))
    elif review_file.is_file():
        review = read_review(review_file, diagnostics)

    if len([d for d in diagnostics if d.severity == "error"]) > problems_before:
        return None
    if not articles:
        diagnostics.append(warning(
            f"story {slug!r} has no articles", file=folder,
            hint="add one .md file per outlet next to _story.md"))
    elif len(articles) == 1:
        diagnostics.append(warning(
            f"story {slug!r} has one article: it is built, but there is nothing to compare yet", file=folder,
            hint="add another outlet's article to the folder"))
    outlets: dict[str, list[ArticleFile]] = {}
    for article in articles:
        outlets.setdefault(article.outlet.casefold(), []).append(article)
    for same in outlets.values():
        if len(same) > 1:
            names = ", ".join(a.path.name for a in same)
            diagnostics.append(warning(
                f"{names} give the same outlet, {same[0].outlet!r}: readers cannot tell their columns apart",
                file=same[1].path,
                hint=f"give each its own outlet name, e.g. \"{same[0].outlet} (morning)\" and \"{same[0].outlet} (evening)\""))
    return StoryFolder(
        slug=meta.get("slug") or slug, path=folder, title=meta.get("title") or slug,
        date=meta.get("date"), summary=meta.get("summary") or "",
        tags=meta.get("tags") or [], draft=bool(meta.get("draft", False)), questions=meta.get("questions") or [],
        publish_after=meta.get("publish_after"), intro=intro, articles=articles, review=review,
    )


def _load_article(path: Path, fmt: ArticleFormat, diagnostics: list[Diagnostic],
                  root: Path) -> ArticleFile | None:
    article_id = path.stem
    if not SLUG.match(article_id):
        diagnostics.append(error(
            f"article file name {path.name!r} cannot be used in a web address", file=path,
            hint=f"rename it to lower-case letters, digits and hyphens, e.g. {(slugify(article_id, ascii_only=True)[:100] or 'article') + path.suffix!r}"))
        return None
    parsed = read_with_front_matter(path, diagnostics, root, front_matter=fmt == "markdown")
    if parsed is None:
        return None
    raw, lines, body, body_line, text = parsed
    if fmt == "html":
        from .savedpage import (  # beautifulsoup4 only for saved pages
            MAX_DEPTH,
            TooDeep,
            html_metadata,
        )
        try:
            raw = html_metadata(body)
        except TooDeep as exc:
            diagnostics.append(error(
                f"{path.name}: {exc}", file=path,
                hint=f"an article page nests a few dozen elements deep; save the article's page again, or copy "
                     f"its text into a .md file (Parallax reads pages nested at most {MAX_DEPTH} deep)"))
            return None
        if not raw.get("outlet"):
            raw["outlet"] = f"Source {article_id}"
            diagnostics.append(warning(
                f"{path.name} names no outlet; it is shown as {raw['outlet']!r}", file=path,
                hint='add <meta property="og:site_name" content="..."> to the saved page'))
        meta = check_fields(raw, {}, ARTICLE_FIELDS, path, text, diagnostics, "article",
                             lenient=True)
    else:
        meta = check_fields(raw, lines, ARTICLE_FIELDS, path, text, diagnostics, "article")
    if "outlet" not in meta:
        return None
    return ArticleFile(
        id=article_id, path=path, format=fmt, outlet=meta["outlet"], body=body,
        body_line=body_line, title=meta.get("title"), url=meta.get("url"),
        author=meta.get("author"), published=meta.get("published"),
        language=meta.get("language"), draft=bool(meta.get("draft", False)),
        publish_after=meta.get("publish_after"),
    )


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root)
    except (ValueError, OSError):
        return False
    return True
