"""The build, read top to bottom as its list of stages.

load -> normalize -> align -> compare -> examine -> render -> write; each
stage is a module of `content/`, `analysis/` or `site/` that takes plain data
(the types of `model`) and gives new data. Configuration is
validated before anything runs; content errors are collected and raised
together before the output folder is touched. Stories whose inputs have not
changed since the last build come from the cache (`cache`); the others are
processed in parallel, one process per story, up to `jobs` at a time.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import time
from collections import Counter, deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import AbstractContextManager, contextmanager, nullcontext, suppress
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol

from .analysis.align import align_story
from .analysis.compare import compare_story
from .analysis.examine import examine_story
from .analysis.review import Problem, annotate, restructure
from .analysis.semantic import Embeddings
from .cache import (
    CACHE_DIR,
    BuildCache,
    code_fingerprint,
    digest,
    light_file,
    light_story,
    matcher_fingerprint,
    pages_context,
    pages_key,
    publish_key,
    story_file,
    story_key,
    theme_fingerprint,
)
from .cluster import Cluster, Report
from .config import output_overlap
from .content.frontmatter import embargoed
from .content.load import FolderMemo, Loaded, load_content, load_story
from .content.normalize import normalize_story
from .errors import ContentError, Diagnostic, OutputError, error, warning
from .model import ArticleFile, Matcher, SiteConfig, Story, StoryFolder
from .serialize import to_plain
from .site.i18n import untranslated
from .site.render import Renderer, environment
from .site.theme import Theme, find_theme, template_problems
from .site.views import Header
from .site.write import Staging, check_output
from .text.lexicon import ENGLISH_ONLY, SNOWBALL, in_language, primary

STAGES = ("load", "normalize", "align", "compare", "examine", "render", "write")


class Progress(Protocol):
    """Where a long build reports how far it is (the CLI draws bars or prints lines)."""

    def start(self, stage: str, total: int) -> None: ...
    def advance(self, stage: str, done: int) -> None: ...
    def finish(self, stage: str) -> None: ...
    def note(self, message: str) -> None: ...


class _Silent:
    def start(self, stage: str, total: int) -> None: pass
    def advance(self, stage: str, done: int) -> None: pass
    def finish(self, stage: str) -> None: pass
    def note(self, message: str) -> None: pass


@dataclass(slots=True)
class BuildResult:
    """What a build did, for the CLI's summary line and --verbose."""

    stories: list[Story]
    output: Path
    files: int
    diagnostics: list[Diagnostic] = field(default_factory=list)
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)
    """Seconds per stage. For normalize, align and compare: summed over the stories processed."""
    recomputed: list[str] = field(default_factory=list)
    """Slugs of the stories normalized, aligned and compared by this build."""
    cached: list[str] = field(default_factory=list)
    """Slugs of the stories taken from the cache."""
    pages_rendered: int = 0
    pages_reused: int = 0
    failed: list[str] = field(default_factory=list)
    """Stories with errors in their files: not built from them this time."""
    kept: list[str] = field(default_factory=list)
    """Of those, the ones whose last good version stays published."""
    cluster: Report | None = None
    """What the cluster did, when the stories were processed on one."""

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]


@dataclass(slots=True)
class Processed:
    story: Story
    diagnostics: list[Diagnostic]
    timings: dict[str, float]
    vectors: dict[str, Any] = field(default_factory=dict)
    """The sentence vectors the story used, by text hash (the cache keeps them for the next build)."""
    note: str = ""
    """Why the story was aligned by words alone, when the semantic layer was asked for but cannot run."""
    made: Made | None = None
    """Its pages and cache files, made where it was processed (`story` is then its light published form)."""


@dataclass(slots=True)
class Made:
    pages: dict[str, bytes]
    published: Story
    """The light published form (`cache.light_story`), for the pages that list every story."""
    files: tuple[bytes, bytes]
    """The cache's files: the whole story, its light published form (`cache.story_file`, `cache.light_file`)."""


@dataclass(slots=True)
class Plan:
    """What a process needs, besides a story, to make the story's pages and cache files where it processed
    it: the pages of a story depend on the rest of the site only through the addresses of outlets and tags."""

    config: SiteConfig
    theme: Theme
    slugs: tuple[dict[str, str], dict[str, str]]
    publish_key: str
    key: str
    """What identifies the plan (a process keeps one renderer per plan)."""
    theme_files: dict[str, dict[str, bytes]] | None = None
    """For another machine: the theme's templates and catalogs, by folder rank and path (its folders are
    not there); None where the theme's folders can be read."""


_RENDERER: dict[str, Renderer] = {}
_FOLDERS: list[FolderMemo] = []


def _folder_memo(config: SiteConfig, drafts: bool) -> FolderMemo:
    """This process's memo of the story folders it has read (see `FolderMemo`), for builds with these
    settings: a story's key depends on them as well as on its files."""
    token = digest(str(config.root), str(config.content_path), drafts, code_fingerprint(),
                   to_plain(config.normalize), matcher_fingerprint(config))
    if not _FOLDERS or _FOLDERS[0].token != token:
        _FOLDERS[:] = [FolderMemo(token)]
    return _FOLDERS[0]


def _plan_renderer(plan: Plan) -> Renderer:
    """The plan's renderer in this process (made once: loading the theme and its catalogs takes time)."""
    found = _RENDERER.get(plan.key)
    if found is None:
        theme = plan.theme if plan.theme_files is None else _unpacked_theme(plan)
        _RENDERER.clear()
        found = _RENDERER[plan.key] = Renderer(plan.config, theme, slugs=plan.slugs)
    return found


def packed_theme(theme: Theme) -> dict[str, dict[str, bytes]]:
    """A theme's templates and catalogs as data, to send to a machine that has not got its folders."""
    return {str(rank): {p.relative_to(folder).as_posix(): p.read_bytes()
                        for part in ("templates", "locale") for p in sorted((folder / part).rglob("*")) if p.is_file()}
            for rank, folder in enumerate(theme.folders)}


def _unpacked_theme(plan: Plan) -> Theme:
    import tempfile
    assert plan.theme_files is not None
    root = Path(tempfile.gettempdir()) / f"parallax-theme-{plan.key[:20]}"
    if not root.is_dir():
        staging = Path(tempfile.mkdtemp(prefix="parallax-theme-"))
        for rank, files in plan.theme_files.items():
            for relative, data in files.items():
                target = staging / rank / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
        try:
            staging.rename(root)
        except OSError:  # another worker of this machine unpacked it first
            import shutil
            shutil.rmtree(staging, ignore_errors=True)
    return Theme(name=plan.theme.name, folders=[root / str(rank) for rank in range(len(plan.theme_files))])


def make_story(folder: StoryFolder, config: SiteConfig, vectors: dict[str, Any] | None, workers: int,
               plan: Plan, key: str) -> Processed:
    """`process_story`, then the story's pages and cache files, made in the same process: only the story's
    light published form and bytes go back to the build."""
    processed = process_story(folder, config, vectors, workers)
    begun = time.perf_counter()
    renderer = _plan_renderer(plan)
    published = renderer.published(processed.story)
    pages = renderer.story_files(published)
    full = story_file(processed.story, key, processed.diagnostics, config.root)
    light = light_file(published, key, plan.publish_key, full, processed.diagnostics, config.root)
    processed.made = Made(pages=pages, published=light_story(published), files=(full, light))
    processed.story = processed.made.published
    processed.timings["render"] = time.perf_counter() - begun
    return processed


def matcher(config: SiteConfig, workers: int = 1) -> tuple[Embeddings | None, Matcher, str]:
    """The sentence embeddings this build aligns with (None: words alone), what to record, and why not."""
    if not config.align.semantic:
        return None, Matcher(method="lexical"), ""
    from .analysis.semantic import SemanticUnavailable, encoder
    try:
        found = encoder(str((config.root / config.align.model).resolve()) if config.align.model else "",
                        workers=workers)
    except SemanticUnavailable as exc:
        return None, Matcher(method="lexical"), str(exc)
    return Embeddings(found), Matcher(method="semantic", model=found.name, model_sha256=found.sha256()), ""


def process_story(folder: StoryFolder, config: SiteConfig, vectors: dict[str, Any] | None = None,
                  workers: int = 1) -> Processed:
    """normalize -> align -> compare -> examine for one story; `vectors`: sentence vectors known already."""
    language = story_language(folder, config.language)
    with in_language(language):
        processed = _process_story(folder, config, vectors, workers)
    processed.story = replace(processed.story, language=language)
    return processed


def story_language(folder: StoryFolder, default: str) -> str:
    """The story's language: the language tag most of its articles give (the site's for those that give
    none); the first such tag on a tie."""
    tags = [a.language or default for a in folder.articles] or [default]
    counts = Counter(primary(t) for t in tags)
    best = max(counts.values())
    return next(t for t in tags if counts[primary(t)] == best)


def _process_story(folder: StoryFolder, config: SiteConfig, vectors: dict[str, Any] | None,
                   workers: int) -> Processed:
    timings: dict[str, float] = {}
    started = time.perf_counter()
    normalized = normalize_story(folder, config.normalize)
    story = normalized.story
    timings["normalize"] = time.perf_counter() - started
    started = time.perf_counter()
    embeddings, used, note = matcher(config, workers)
    if embeddings is not None and vectors:
        embeddings.known.update(vectors)
    aligned = align_story(story, embeddings=embeddings)
    story = replace(story, matcher=used)
    diagnostics = list(normalized.diagnostics)
    restructured = 0
    if folder.review is not None:
        aligned, found, restructured = restructure(story, aligned, folder.review)
        diagnostics.extend(_review_warnings(folder.review.path, found))
    timings["align"] = time.perf_counter() - started
    started = time.perf_counter()
    groups, omissions = compare_story(story, aligned)
    story = replace(story, groups=groups, omissions=omissions)
    if folder.review is not None:
        story, found = annotate(story, folder.review, restructured)
        diagnostics.extend(_review_warnings(folder.review.path, found))
    timings["compare"] = time.perf_counter() - started
    started = time.perf_counter()
    examined = examine_story(story)
    story = replace(story, quotations=examined.quotations, sources=examined.sources, words=examined.words)
    timings["examine"] = time.perf_counter() - started
    return Processed(story=story, diagnostics=diagnostics, timings=timings,
                     vectors=embeddings.used if embeddings is not None else {}, note=note)


def _review_warnings(path: str, problems: list[Problem]) -> list[Diagnostic]:
    """Review entries the build could not apply: warnings at their lines (the rest of the review applies)."""
    return [warning(p.message, file=Path(path), line=p.line or None, hint=p.hint) for p in problems]


def _process_all(folders: list[StoryFolder], reread: Callable[[StoryFolder], StoryFolder], config: SiteConfig,
                 jobs: int, progress: Progress, cache: BuildCache, model: str, keys: dict[str, str],
                 cluster: Cluster | None, plan: Plan) -> Iterator[Processed]:
    """Each story of `folders` processed and its pages made, as it is done (in no particular order on a
    cluster). `folders` hold no texts: `reread` gives each one whole just before it is sent.
    `model`: the sha256 of the sentence encoder the stories will use ("" for words alone).
    """
    progress.start("process", len(folders))
    if cluster is not None:
        remote = replace(plan, theme_files=packed_theme(plan.theme))
        for done, processed in enumerate(cluster.process(folders, reread, config,
                                                         lambda slug: cache.vectors(slug, model), keys, model, remote,
                                                         on_change=progress.note), start=1):
            yield processed
            progress.advance("process", done)
    elif jobs > 1 and len(folders) > 1:
        workers = min(jobs, len(folders))
        with ProcessPoolExecutor(max_workers=workers, initializer=_worker_start, initargs=(plan,)) as pool:
            # A few stories ahead per process, not all of them: a result is let go once it is taken.
            waiting = iter(folders)
            running: deque[Future[Processed]] = deque()
            for done in range(1, len(folders) + 1):
                while len(running) < AHEAD * workers and (folder := next(waiting, None)) is not None:
                    running.append(pool.submit(_make_in_worker, reread(folder), config,
                                               cache.vectors(folder.slug, model), workers, keys[folder.slug]))
                yield running.popleft().result()
                progress.advance("process", done)
    else:
        for done, folder in enumerate(folders, start=1):
            yield make_story(reread(folder), config, cache.vectors(folder.slug, model), 1, plan, keys[folder.slug])
            progress.advance("process", done)
    progress.finish("process")


_WORKER_PLAN: list[Plan] = []
"""The plan of this worker process (set once when the process starts, not sent with every story)."""


def _make_in_worker(folder: StoryFolder, config: SiteConfig, vectors: dict[str, Any], workers: int,
                    key: str) -> Processed:
    return make_story(folder, config, vectors, workers, _WORKER_PLAN[0], key)


AHEAD = 4
"""Stories sent to each process (or cluster worker) ahead of the one it is working on."""

GC_THRESHOLD = (10_000, 10, 10)
"""Collector thresholds while building. A build makes millions of small objects that live to its end;
with CPython's default (700, 10, 10) the collector's passes over them grew faster than the input
(an article of 20,000 sentences: 9.3 s against 6.2 s, ratio 2.4 per doubling instead of 2.0)."""


@contextmanager
def fewer_collections() -> Iterator[None]:
    before = gc.get_threshold()
    gc.set_threshold(*GC_THRESHOLD)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def _worker_start(plan: Plan) -> None:
    """A worker process (or cluster worker) begins: the build's collector thresholds, and its plan."""
    gc.set_threshold(*GC_THRESHOLD)
    _WORKER_PLAN[:] = [plan]


def build_site(config: SiteConfig, *, drafts: bool = False, output: Path | None = None,
               base_url: str | None = None, clean: bool = False, jobs: int | None = None,
               progress: Progress | None = None, swap_lock: AbstractContextManager[object] | None = None,
               cluster: str | None = None) -> BuildResult:
    """Build the whole site into `output` (default: the configured output folder).

    With `clean`, nothing is reused from the last build. `cluster`: a Dask scheduler's address or
    `local:N` (default: `[build] cluster`; empty: this machine's processes, `jobs` of them).
    `swap_lock`: a lock that every reader of the output folder takes (`parallax serve`); the changed
    files are then moved into the output folder under it, instead of a whole new folder swapped in.
    """
    with fewer_collections():
        return _build_site(config, drafts=drafts, output=output, base_url=base_url, clean=clean, jobs=jobs,
                           progress=progress, swap_lock=swap_lock,
                           cluster=config.cluster if cluster is None else cluster)


def _build_site(config: SiteConfig, *, drafts: bool, output: Path | None, base_url: str | None, clean: bool,
                jobs: int | None, progress: Progress | None,
                swap_lock: AbstractContextManager[object] | None, cluster: str) -> BuildResult:
    started = time.perf_counter()
    progress = progress or _Silent()
    jobs = jobs or os.cpu_count() or 1
    timings = dict.fromkeys(STAGES, 0.0)

    @contextmanager
    def stage(name: str) -> Iterator[None]:
        begun = time.perf_counter()
        yield
        timings[name] += time.perf_counter() - begun

    if base_url is not None:
        config = replace(config, base_url=base_url)
    output = (output or config.output_path).resolve()
    check_output_folder(output, config)
    theme = find_theme(config)

    now = dt.datetime.now(dt.UTC)

    def shed(folder: StoryFolder) -> tuple[StoryFolder, str]:
        # Each story's key is taken as it is read, and its texts let go: a story to process is read again
        # just before it is (`reread`), so the build never holds the texts of every story at once.
        return replace(folder, articles=[replace(a, body="") for a in folder.articles]), story_key(folder, config)

    with stage("load"):
        loaded = load_content(config.content_path, drafts=drafts, now=now, shed=shed,
                              memo=_folder_memo(config, drafts))
    errors = [d for d in loaded.diagnostics if d.severity == "error"]
    if errors and not loaded.failed:
        raise ContentError(loaded.diagnostics)  # not one story's problem: nothing is safe to build
    diagnostics = list(loaded.diagnostics)

    cache = BuildCache(output, enabled=not clean, root=config.root)
    keys = {folder.slug: loaded.notes[folder.slug] for folder in loaded.stories}

    def reread(folder: StoryFolder) -> StoryFolder:
        """The story's folder read again, texts and all; it must be as it was when the build began."""
        found: list[Diagnostic] = []
        again = load_story(folder.path, found, root=config.content_path, drafts=drafts, now=now)
        if again is None or story_key(again, config) != keys[folder.slug]:
            raise ContentError(error(f"story {folder.slug!r} changed while it was being built", file=folder.path,
                                     hint="build again once its files are saved (the previous site is unchanged)"))
        return again
    publishing = publish_key(config)
    stories: dict[str, Story] = {}
    light: set[str] = set()
    """Stories read from the cache in their light published form only (see BuildCache.light)."""
    warnings: dict[str, list[Diagnostic]] = {}
    for folder in loaded.stories:
        found = cache.light(folder.slug, keys[folder.slug], publishing)
        if found is not None:
            light.add(folder.slug)
        else:
            found = cache.story(folder.slug, keys[folder.slug])
        if found is not None:
            stories[folder.slug], warnings[folder.slug] = found
            cache.carry_vectors(folder.slug)
    # A story with errors keeps its last good version, when there is one and it holds nothing that this
    # build may not publish; the rest of the site builds.
    kept = [slug for slug in loaded.failed if not clean and _may_keep(slug, cache, loaded, drafts)]
    for slug in kept:
        stories[slug], warnings[slug] = cache.last_good(slug)  # type: ignore[misc]
        cache.carry_vectors(slug)
        keys[slug] = cache.entries[slug].story_key
        diagnostics.append(warning(
            f"story {slug!r} has errors: its last good version stays published until they are fixed",
            file=config.content_path / slug, hint="fix the errors listed above and build again"))
    pending = [folder for folder in loaded.stories if folder.slug not in stories]
    notes: set[str] = set()
    model = str(matcher_fingerprint(config).get("model", "")) if pending else ""
    unpublished = {folder.slug: drafts and _holds_drafts(folder) for folder in loaded.stories}
    unpublished.update({slug: cache.entries[slug].unpublished for slug in kept})

    with stage("render"):
        # The links between pages come from what every story's folder says (or its cached form), so each
        # story's pages are made as soon as it is ready: the build never holds every story at once.
        headers = {folder.slug: Header.of(stories.get(folder.slug, folder)) for folder in loaded.stories}
        headers.update({slug: Header.of(stories[slug]) for slug in kept})
        renderer = Renderer(config, theme, headers.values())
        theme_key = theme_fingerprint(theme)
        context = pages_context(config, theme_key, renderer.outlet_slug, renderer.tag_slug)
        if pending:
            renderer.check_story_templates()
        plan = Plan(config=config, theme=theme, slugs=(renderer.outlet_slug, renderer.tag_slug),
                    publish_key=publishing, key=digest(context, publishing))
        _RENDERER.clear()
        _RENDERER[plan.key] = renderer  # a story processed in this process uses it
    finished: dict[str, Story] = {}
    """Each story's light published form, for the pages that list every story."""
    counts = {"written": 0, "reused": 0}

    def finish(slug: str, story: Story, staging: Staging, made: Made | None = None) -> None:
        """Make (or reuse) the story's pages, keep it in the cache, and keep its light published form.

        `made`: its pages and cache files, made where it was processed."""
        begun = time.perf_counter()
        key = pages_key(keys[slug], context)
        if made is not None:
            if Header.of(made.published) != headers[slug]:
                raise RuntimeError(f"story {slug!r} changed its outlets, tags or date while it was built")
            cache.remember(None, keys[slug], key, list(made.pages), warnings[slug], slug=slug, published=None,
                           publish_key=publishing, unpublished=unpublished[slug], made=made.files)
            finished[slug] = made.published
            counts["written"] += len(made.pages)
            timings["render"] += time.perf_counter() - begun
            begun = time.perf_counter()
            for relative, data in made.pages.items():
                staging.write(relative, data)
            timings["write"] += time.perf_counter() - begun
            return
        # A story from the cache: whole (`full`), or only its light published form (`light`).
        reusable = cache.reusable_pages(slug, key)
        full: Story | None = story if slug not in light else None
        published = renderer.published(full) if full is not None else None
        files: dict[str, bytes] = {}
        if reusable is None:
            if full is None:  # its pages must be made again (a new theme, say): read the whole story
                whole = cache.story(slug, keys[slug])
                if whole is None:
                    raise OutputError(error(f"the build cache lost story {slug!r}", hint="build again with --clean"))
                full = whole[0]
            files = renderer.story_files(published or renderer.published(full))
        counts["reused" if reusable is not None else "written"] += len(reusable or files)
        cache.remember(full, keys[slug], key, reusable or list(files), warnings[slug], slug=slug,
                       published=published, publish_key=publishing, unpublished=unpublished[slug])
        finished[slug] = light_story(published) if published is not None else story
        timings["render"] += time.perf_counter() - begun
        begun = time.perf_counter()
        staging.link(reusable or [])
        for relative, data in files.items():
            staging.write(relative, data)
        timings["write"] += time.perf_counter() - begun

    on_cluster = Cluster(cluster) if cluster and pending else None
    # With a lock that every reader takes (parallax serve), only the changed files are moved in, under it.
    with Staging(output, in_place=swap_lock is not None) as staging:
        cache.sink = lambda path, data: staging.write(path, data, hidden=True)
        ready = [folder.slug for folder in loaded.stories if folder.slug in stories] + kept
        progress.start("render", len(ready))
        for done, slug in enumerate(ready, start=1):
            finish(slug, stories.pop(slug), staging)
            progress.advance("render", done)
        progress.finish("render")
        with on_cluster if on_cluster is not None else nullcontext():
            for processed in _process_all(pending, reread, config, jobs, progress, cache, model, keys, on_cluster,
                                          plan):
                slug = processed.story.slug
                warnings[slug] = processed.diagnostics
                matched = processed.story.matcher
                cache.keep_vectors(slug, processed.vectors, matched.model_sha256 if matched else None)
                if processed.note:
                    notes.add(processed.note)
                for name, seconds in processed.timings.items():
                    timings[name] += seconds
                finish(slug, processed.story, staging, processed.made)
        begun = time.perf_counter()
        ordered = [finished[folder.slug] for folder in loaded.stories] + [finished[slug] for slug in kept]
        # Inside `parallax serve`, a page listing stories none of which changed is the one made last time.
        site = renderer.site_files(ordered, made_from=None if clean else (plan.key, keys))
        timings["render"] += time.perf_counter() - begun
        begun = time.perf_counter()
        for relative, data in sorted(site.items()):
            staging.write(relative, data)
        cache.sink = None
        staging.write(f"{CACHE_DIR}/manifest.json", cache.manifest(), hidden=True)
        staging.link(cache.unchanged, hidden=True)
        staging.commit(swap_lock)
        timings["write"] += time.perf_counter() - begun
    for folder in loaded.stories:
        diagnostics.extend(warnings[folder.slug])
    for note in sorted(notes):
        diagnostics.append(warning(f"sentences were aligned by their words alone: {note}",
                                   hint="install it to match sentences by meaning too (make venv does), "
                                        "or set semantic = false under [align] in parallax.toml to silence this"))
    return BuildResult(
        stories=ordered, output=output, files=counts["written"] + counts["reused"] + len(site),
        diagnostics=diagnostics, seconds=time.perf_counter() - started, timings=timings,
        recomputed=[s.slug for s in pending],
        cached=[s for s in keys if s not in {p.slug for p in pending} and s not in kept],
        pages_rendered=counts["written"] + len(site), pages_reused=counts["reused"], failed=list(loaded.failed),
        kept=kept, cluster=on_cluster.report if on_cluster is not None else None,
    )


def check_output_folder(output: Path, config: SiteConfig) -> None:
    """Refuse an output folder that is or holds the project's own files, or one Parallax did not make."""
    overlap = output_overlap(output, config)
    if overlap:
        raise OutputError(error(f"output folder {output} {overlap}", file=output,
                                hint="build into a folder of its own, such as site/ (every build replaces it)"))
    check_output(output)


def _may_keep(slug: str, cache: BuildCache, loaded: Loaded, drafts: bool) -> bool:
    """A failed story's last good version may stay published: it exists, and holds nothing that the
    story's files (read as text, errors and all) now say is a draft or under embargo."""
    found = cache.last_good(slug)
    if found is None:
        return False
    if drafts:
        return True
    marks = loaded.unpublished.get(slug)
    story, _ = found
    return not cache.entries[slug].unpublished and marks is not None and not marks.story \
        and not marks.articles & {article.id for article in story.articles}


def _holds_drafts(folder: StoryFolder) -> bool:
    """A story loaded with drafts holds a draft or embargoed part (now or when it was built)."""
    now = dt.datetime.now(dt.UTC)
    return folder.draft or embargoed(folder.publish_after, now) or any(
        a.draft or embargoed(a.publish_after, now) for a in folder.articles)


def check_site(config: SiteConfig) -> list[Diagnostic]:
    """Every problem in the theme and the content, drafts included, without writing anything."""
    theme = find_theme(config)
    diagnostics = template_problems(environment(theme, config), theme)
    if primary(config.language) != "en":
        missing = untranslated(theme.folders, config.language)
        if missing is None:
            diagnostics.append(warning(
                f"the theme has no translation into {config.language!r}: the pages' own words stay English",
                file=config.file, hint=f"add themes/{theme.name}/locale/{primary(config.language)}/LC_MESSAGES/"
                                       "messages.po (docs/languages.md); fr, es and de ship with Parallax"))
        elif missing:
            shown_ = "; ".join(f"“{m}”" for m in missing[:8]) + (f" and {len(missing) - 8} more" if len(missing) > 8 else "")
            diagnostics.append(warning(
                f"{len(missing)} of the theme's strings have no translation into {config.language!r}: {shown_}",
                file=config.file, hint="add them to the theme's locale/<language>/LC_MESSAGES/messages.po"))
    loaded = load_content(config.content_path, drafts=True)
    diagnostics += loaded.diagnostics
    for folder in loaded.stories:
        diagnostics.extend(normalize_story(folder, config.normalize).diagnostics)
        language = story_language(folder, config.language)
        if primary(language) != "en":
            supported = "sentences, stems and function words follow it" if primary(language) in SNOWBALL \
                else "it has no stemmer: words are compared as written"
            diagnostics.append(warning(
                f"story {folder.slug!r} is in {language!r}: {supported}; English only: "
                + ", ".join(ENGLISH_ONLY) + ", speaker and attribution patterns (the pages' own words are in the "
                f"site's language, {config.language!r})",
                file=folder.path / "_story.md", hint="docs/languages.md says what each part does in other languages"))
        if config.base_url and not folder.date and not any(a.published for a in folder.articles):
            diagnostics.append(warning(
                f"story {folder.slug!r} has no date, and none of its articles a published date: the feed "
                "leaves it out", file=folder.path / "_story.md",
                hint="add date: YYYY-MM-DD to its front matter (or published: to its articles)"))
    return diagnostics


def compare_folder(folder: Path, config: SiteConfig) -> tuple[Story, list[Diagnostic]]:
    """Run the pipeline up to comparison on one story folder, inside content/ or not."""
    diagnostics: list[Diagnostic] = []
    loaded = load_story(folder, diagnostics)
    if loaded is None or any(d.severity == "error" for d in diagnostics):
        raise ContentError(diagnostics)
    processed = process_story(loaded, config)
    return processed.story, diagnostics + processed.diagnostics


_WARM_UP_TEXTS = (
    "The city council approved a budget of $4.2 million on Tuesday, the mayor said. "
    "\"This plan keeps every library open,\" she told reporters. Critics said the vote came too late.",
    "Councillors passed a $4.5 million budget on Tuesday evening. The mayor said the plan keeps all "
    "libraries open. The vote followed months of debate.",
)


def warm_up(config: SiteConfig) -> None:
    """Do once, in a long-running process (`parallax serve`), what the first rebuild after an edit would
    otherwise do cold: load the sentence encoder, and run the pipeline and the story pages' templates
    (`warm_up_pages`). Best effort: whatever fails here fails again, and is reported, in a real build."""
    with suppress(Exception):
        warm_up_pages(config)


def warm_up_pages(config: SiteConfig) -> dict[str, bytes]:
    """The pages of a made-up story of two short articles, in memory: nothing is read from the project's
    stories and nothing is written."""
    folder = StoryFolder(slug="warm-up", path=config.content_path / "warm-up", title="Warm-up", articles=[
        ArticleFile(id=f"{number:03d}", path=config.content_path / "warm-up" / f"{number:03d}.md",
                    format="markdown", outlet=f"Outlet {number}", body=text, title="The council passes its budget")
        for number, text in enumerate(_WARM_UP_TEXTS)])
    story = process_story(folder, config).story
    renderer = Renderer(config, find_theme(config), [Header.of(story)])
    return renderer.story_files(renderer.published(story))
