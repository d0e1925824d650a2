"""The `parallax` command: build, serve, check, new story, compare.

Every `ParallaxError` is caught here, once, and printed without a traceback;
the command then exits non-zero.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import traceback
import webbrowser
from collections.abc import Sequence
from contextlib import suppress
from pathlib import Path
from typing import Any, cast

from . import __version__
from .build import BuildResult, build_site, check_output_folder, check_site, compare_folder, warm_up
from .config import CONFIG_NAME, load_config
from .content.frontmatter import RESERVED_SLUGS, SLUG, STORY_FILE
from .content.normalize import remember_articles
from .errors import ContentError, Diagnostic, ParallaxError, UsageError, error
from .model import SiteConfig
from .serialize import comparison_json
from .text.norm import slugify

EXIT_ERROR = 1
EXIT_USAGE = 2


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    cwd = Path.cwd()
    try:
        result: int = args.run(args)
        return result
    except ParallaxError as exc:
        print(exc.format(relative_to=cwd), file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `parallax compare STORY | head`: the reader has read enough
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # a bug, not bad input: say so plainly
        if os.environ.get("PARALLAX_DEBUG"):
            traceback.print_exc()
        print(f"internal error: {type(exc).__name__}: {exc}\n"
              "This is a bug in Parallax. Run again with PARALLAX_DEBUG=1 to see the traceback, "
              "and please report it.", file=sys.stderr)
        return EXIT_ERROR


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="parallax",
        description="Build static pages that show how news outlets covered the same story.")
    parser.add_argument("--version", action="version", version=f"parallax {__version__}")
    _common_options(parser, defaults=True)
    common = argparse.ArgumentParser(add_help=False)
    _common_options(common, defaults=False)  # the same options after the command: `parallax build -s DIR`
    commands = _Commands(parser.add_subparsers(dest="command", metavar="COMMAND"), common)

    build = commands.add_parser("build", help="build the site into the output folder")
    _build_options(build)
    build.add_argument("--cluster", metavar="ADDRESS", default=None,
                       help="process the stories on a Dask cluster: a scheduler's address (tcp://host:8786) or "
                            "local:N for N worker processes here (default: [build] cluster; docs/cluster.md)")
    build.set_defaults(run=_cmd_build)

    serve = commands.add_parser("serve", help="build, then preview the site on 127.0.0.1")
    _build_options(serve)
    serve.add_argument("--bind", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port (default: 8000; 0: any free port, printed)")
    serve.add_argument("--open", action="store_true", help="open the site in a web browser")
    serve.add_argument("--review", action="store_true",
                       help="review mode: an editor's controls on story pages write content/<story>/_review.yaml")
    serve.set_defaults(run=_cmd_serve)

    check = commands.add_parser("check", help="list every problem in the configuration and content")
    check.add_argument("--rules", action="store_true", help="list the junk-removal rules and exit")
    check.set_defaults(run=_cmd_check)

    init = commands.add_parser("init", help="start a new site: parallax.toml and a sample story")
    _init_options(init)
    init.set_defaults(run=_cmd_init)

    new = commands.add_parser("new", help="create a new site or story folder")
    new_kinds = new.add_subparsers(dest="kind", metavar="KIND", required=True)
    new_site = new_kinds.add_parser("site", help="the same as `parallax init DIR`")
    _init_options(new_site)
    new_site.set_defaults(run=_cmd_init)
    new_story = new_kinds.add_parser("story", help="content/<slug>/_story.md")
    new_story.add_argument("slug", help="folder name: lower-case letters, digits and hyphens")
    new_story.add_argument("--title", help="story title (default: from the slug)")
    new_story.set_defaults(run=_cmd_new_story)

    imported = commands.add_parser("import", help="turn saved web pages into articles of a story")
    imported.add_argument("pages", nargs="+", type=Path, metavar="PAGE",
                          help="pages saved from a browser (.html), or folders of them")
    imported.add_argument("--story", required=True, metavar="SLUG",
                          help="the story folder under content/ (created, as a draft, if new)")
    imported.add_argument("--title", help="title of a new story (default: from the slug)")
    imported.add_argument("--force", action="store_true", help="replace articles that already exist")
    imported.add_argument("--keep-html", action="store_true",
                          help="keep each page beside its article, as _<name>.html (ignored by the build)")
    imported.set_defaults(run=_cmd_import)

    compare = commands.add_parser("compare", help="compare the articles of one story folder")
    compare.add_argument("story_dir", type=Path, help="a story folder, inside content/ or anywhere")
    compare.add_argument("--json", action="store_true", help="print the comparison JSON")
    compare.set_defaults(run=_cmd_compare)
    return parser


def _build_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--drafts", action="store_true", help="include stories and articles marked draft")
    parser.add_argument("--base-url", help="public address of the site, e.g. https://example.org/news/")
    parser.add_argument("-o", "--output", type=Path, help="output folder (default: output_dir, 'site')")
    parser.add_argument("-j", "--jobs", type=int, default=None, metavar="N",
                        help=f"stories processed at once, in separate processes (default: {os.cpu_count() or 1}, the cores)")
    parser.add_argument("--clean", action="store_true",
                        help="reuse nothing from the last build (only a folder Parallax made is ever replaced)")


def _init_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("folder", nargs="?", type=Path, default=Path("."), metavar="DIR",
                        help="the new site's folder (default: the current folder)")
    parser.add_argument("--title", help="the site's title (default: from the folder's name)")
    parser.add_argument("--no-sample", action="store_true", help="leave out the sample story")


def _common_options(parser: argparse.ArgumentParser, defaults: bool) -> None:
    """Options every command takes, before or after the command's name (given after, they win)."""
    def default(value: object) -> object:
        return value if defaults else argparse.SUPPRESS
    parser.add_argument("-s", "--source", type=Path, default=default(Path(".")), metavar="DIR",
                        help=f"project folder holding {CONFIG_NAME} (default: the current folder)")
    parser.add_argument("-c", "--config", type=Path, default=default(None), metavar="FILE",
                        help=f"the configuration file (default: {CONFIG_NAME} in the project folder); its folder is the project")
    parser.add_argument("-q", "--quiet", action="store_true", default=default(False),
                        help="print only problems (no progress, no summary)")
    parser.add_argument("-v", "--verbose", action="store_true", default=default(False),
                        help="say which stories were recomputed and how long each stage took")


class _Commands:
    """Subcommand parsers that all take the common options."""

    def __init__(self, actions: Any, common: argparse.ArgumentParser) -> None:
        self.actions = actions
        self.common = common

    def add_parser(self, name: str, **kwargs: Any) -> argparse.ArgumentParser:
        return cast(argparse.ArgumentParser, self.actions.add_parser(name, parents=[self.common], **kwargs))


def _config(args: argparse.Namespace, required: bool = True) -> SiteConfig:
    """The project's configuration: --config FILE, else parallax.toml in --source (default: here)."""
    if args.config is not None:
        file = args.config
        if not file.is_file():
            raise UsageError(error(f"--config {file}: no such file", hint=f"give the path of a {CONFIG_NAME}"))
        return load_config(file.parent, file=file)
    return load_config(args.source, required=required)


class _Bars:
    """A progress bar per stage on a terminal, redrawn in place on stderr."""

    def __init__(self, keep: bool = True) -> None:
        self.totals: dict[str, int] = {}
        self.keep = keep

    def start(self, stage: str, total: int) -> None:
        self.totals[stage] = total

    def advance(self, stage: str, done: int) -> None:
        total = self.totals.get(stage, 0) or 1
        filled = round(24 * done / total)
        sys.stderr.write(f"\r  {stage:9} [{'#' * filled}{'.' * (24 - filled)}] {done}/{total}")
        sys.stderr.flush()

    def finish(self, stage: str) -> None:
        if self.totals.get(stage):
            sys.stderr.write("\n" if self.keep else "\r\033[K")
            sys.stderr.flush()

    def note(self, message: str) -> None:
        sys.stderr.write(f"\r\033[K  {message}\n")
        sys.stderr.flush()


class _Lines:
    """Plain lines when stderr is not a terminal (logs, CI)."""

    def __init__(self) -> None:
        self.totals: dict[str, int] = {}

    def start(self, stage: str, total: int) -> None:
        self.totals[stage] = total

    def advance(self, stage: str, done: int) -> None:
        pass

    def finish(self, stage: str) -> None:
        if self.totals.get(stage):
            print(f"  {stage}: {self.totals[stage]} {'story' if self.totals[stage] == 1 else 'stories'}", file=sys.stderr)

    def note(self, message: str) -> None:
        print(f"  {message}", file=sys.stderr)


def _progress(args: argparse.Namespace) -> _Bars | _Lines | None:
    """Progress on a terminal by default (bars that clear themselves; kept with -v); in a log, lines with -v
    only; nothing with -q."""
    if args.quiet:
        return None
    if sys.stderr.isatty():
        return _Bars(keep=args.verbose)
    return _Lines() if args.verbose else None


def _print_diagnostics(diagnostics: list[Diagnostic], cwd: Path) -> None:
    for diagnostic in diagnostics:
        print(diagnostic.format(relative_to=cwd), file=sys.stderr)


def _base_url(value: str | None) -> str | None:
    if value is None:
        return None
    from .config import normalize_base_url
    normalized = normalize_base_url(value)
    if normalized is None:
        raise UsageError(error(f"--base-url {value!r} is not an http(s) address",
                               hint="write the full public address, e.g. --base-url https://example.org/news/"))
    return normalized


def _build(args: argparse.Namespace, quiet: bool = False, clean: bool | None = None) -> BuildResult:
    config = _config(args)
    if args.jobs is not None and args.jobs < 1:
        raise UsageError(error(f"--jobs {args.jobs}: give 1 or more", hint="e.g. --jobs 2"))
    cluster = getattr(args, "cluster", None)
    if cluster is not None:
        from .cluster import ADDRESS_HINT, check_address
        wrong = check_address(cluster) if cluster.strip() else None
        if wrong:
            raise UsageError(error(f"--cluster {wrong}", hint=ADDRESS_HINT))
    result = build_site(config, drafts=args.drafts, output=args.output, base_url=_base_url(args.base_url),
                        clean=args.clean if clean is None else clean, jobs=args.jobs, progress=_progress(args),
                        cluster=cluster)
    cwd = Path.cwd()
    _print_diagnostics(result.diagnostics, cwd)
    if not quiet:
        print(summary(result, cwd))
        if result.cluster is not None:
            print(cluster_line(result))
        if args.verbose:
            print(details(result))
    if result.errors:
        left_out = [slug for slug in result.failed if slug not in result.kept]
        parts = []
        if result.kept:
            parts.append(f"kept the last good version of {', '.join(result.kept)}")
        if left_out:
            parts.append(f"left out {', '.join(left_out)}")
        raise ContentError(error(
            f"{len(result.errors)} {'error' if len(result.errors) == 1 else 'errors'} in "
            f"{len(result.failed)} {'story' if len(result.failed) == 1 else 'stories'} (listed above); "
            + "; ".join(parts) + "; the rest of the site was built",
            hint="fix the files named above and build again"))
    return result


def summary(result: BuildResult, cwd: Path) -> str:
    articles = sum(len(s.articles) for s in result.stories)
    removed = sum(len(a.removed) for s in result.stories for a in s.articles)
    try:
        where: Path | str = result.output.relative_to(cwd)
    except ValueError:
        where = result.output
    return (f"Built {len(result.stories)} {'story' if len(result.stories) == 1 else 'stories'} "
            f"({articles} articles, {removed} junk lines removed) into {where}/ in {result.seconds:.2f} s")


def _some(slugs: list[str], at_most: int = 8) -> str:
    """"a, b, c" or, for a long list, its first names and how many more (a terminal line stays readable)."""
    if len(slugs) <= at_most:
        return ", ".join(slugs)
    return ", ".join(slugs[:at_most]) + f" and {len(slugs) - at_most} more"


def details(result: BuildResult) -> str:
    recomputed = _some(result.recomputed) or "none"
    lines = [f"  stories: {len(result.recomputed)} recomputed ({recomputed}), {len(result.cached)} from the cache",
             f"  pages: {result.pages_rendered} written, {result.pages_reused} reused"]
    lines += [f"  {stage:9} {seconds * 1000:8.1f} ms" for stage, seconds in result.timings.items()]
    lines.append(f"  memory    {peak_memory_mb():8.1f} MB at most (this process)")
    lines.append(f"  processor {processor_seconds():8.1f} s used by this process (its own share of the work)")
    return "\n".join(lines)


def processor_seconds() -> float:
    """Processor time this process has used (user and system), not counting other processes."""
    import resource
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def peak_memory_mb() -> float:
    """The most memory this process has held so far (its peak resident set), in megabytes."""
    import resource
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024  # bytes on macOS, KiB elsewhere


def cluster_line(result: BuildResult) -> str:
    """What the cluster did: its workers, and the stories run again because a worker died."""
    report = result.cluster
    if report is None:
        return ""
    line = (f"  on the cluster at {report.address}: {len(result.recomputed)} "
            f"{'story' if len(result.recomputed) == 1 else 'stories'} on {report.workers} "
            f"{'worker' if report.workers == 1 else 'workers'}")
    if report.lost_workers:
        line += (f"; {report.lost_workers} {'worker' if report.lost_workers == 1 else 'workers'} lost, "
                 f"{report.retried} {'story' if report.retried == 1 else 'stories'} run again")
    return line


def _cmd_build(args: argparse.Namespace) -> int:
    _build(args, quiet=args.quiet)
    return 0


def _cmd_serve(args: argparse.Namespace) -> int:
    from .serve import BuildState, LiveSite, ReviewDesk, make_server
    from .site.write import MARKER

    config = _config(args)
    if args.review and args.bind not in ("127.0.0.1", "::1", "localhost"):
        raise UsageError(error(f"--review with --bind {args.bind}: review mode writes files, so it listens on "
                               "this machine only", hint="leave out --bind (127.0.0.1 is the default)"))
    review = ReviewDesk(content=config.content_path) if args.review else None
    if args.jobs is not None and args.jobs < 1:
        raise UsageError(error(f"--jobs {args.jobs}: give 1 or more", hint="e.g. --jobs 2"))
    output = (args.output or config.output_path).resolve()
    check_output_folder(output, config)
    base_url = _base_url(args.base_url)
    state = BuildState(ever_built=(output / MARKER).is_file())
    cwd = Path.cwd()
    first = True

    def build() -> str:
        nonlocal first
        current = _config(args)  # parallax.toml may have changed
        result = build_site(current, drafts=args.drafts, output=output, base_url=base_url,
                            clean=args.clean and first, jobs=args.jobs, progress=_progress(args), swap_lock=state.swap,
                            cluster="")  # a preview builds here: an edit is one story
        first = False
        if result.errors:
            # Stories with errors keep their last good version; the open pages say what to fix.
            warnings = [d for d in result.diagnostics if d.severity != "error"]
            _print_diagnostics(warnings, cwd)
            raise ContentError(result.errors)
        _print_diagnostics(result.diagnostics, cwd)
        recomputed = _some(result.recomputed) or "nothing"
        note = f" (recomputed: {recomputed}; {len(result.cached)} from the cache)"
        return note + ("\n" + details(result) if args.verbose else "")

    watched = [config.content_path, config.root / "themes"] + ([config.file] if config.file else [])
    def report(text: str) -> None:
        if not args.quiet or text.startswith("Build failed"):
            print(text, flush=True)

    # The port first: a busy port is said before anything is built into a folder another server may serve.
    try:
        server = make_server(output, bind=args.bind, port=args.port, quiet=not args.verbose, state=state,
                             review=review)
    except OSError as exc:
        raise UsageError(error(f"cannot listen on {args.bind}:{args.port}: {exc.strerror or exc}",
                               hint=f"another program may use that port; try --port {args.port + 1}, or --port 0 "
                                    "for any free port")) from None
    def warm() -> None:
        with suppress(ParallaxError):
            warm_up(_config(args))

    remember_articles()  # an edit's rebuild normalizes again only the articles it changed

    live = LiveSite(build, watched, state, report=report, relative_to=cwd, warm=warm)
    try:
        live.rebuild()
    except BaseException:
        server.server_close()
        raise
    host = args.bind if ":" not in args.bind else f"[{args.bind}]"
    url = f"http://{host}:{server.server_address[1]}/"
    shown = ", ".join(str(p.relative_to(cwd)) if p.is_relative_to(cwd) else str(p) for p in live.watched)
    live.start()
    print(f"Serving {output} at {url}" + ("" if args.quiet else
          f"\nWatching {shown}; pages reload after each build (Ctrl+C to stop)"), flush=True)
    if review is not None and not args.quiet:
        print("Review mode: story pages carry an editor's controls; edits go to content/<story>/_review.yaml",
              flush=True)
    if args.open:
        webbrowser.open(url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("\nStopped.")
    finally:
        live.stop()
        server.server_close()
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    if args.rules:
        from .content.junk import RULES
        for rule in RULES.values():
            print(f"{rule.name:20} {rule.description}")
        return 0
    config = _config(args)
    diagnostics = check_site(config)
    cwd = Path.cwd()
    _print_diagnostics(diagnostics, cwd)
    errors = sum(1 for d in diagnostics if d.severity == "error")
    warnings = len(diagnostics) - errors
    if errors:
        print(f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}.",
              file=sys.stderr)
        return EXIT_ERROR
    print(f"No errors ({warnings} warning{'s' if warnings != 1 else ''}).")
    return 0


def _cmd_init(args: argparse.Namespace) -> int:
    """A new site: parallax.toml and content/ with a sample story, as `hugo new site` and `zola init` do."""
    import shutil
    from importlib import resources

    folder: Path = args.folder
    if (folder / CONFIG_NAME).exists():
        raise UsageError(error(f"{folder / CONFIG_NAME} already exists: this is a Parallax site already",
                               file=folder / CONFIG_NAME, hint="`parallax serve` previews it"))
    if folder.exists() and not folder.is_dir():
        raise UsageError(error(f"{folder} is a file", hint="give the name of a new folder"))
    if (folder / "content").exists():
        raise UsageError(error(f"{folder / 'content'} exists already", file=folder / "content",
                               hint="start the site in an empty folder, or add parallax.toml by hand"))
    starter = resources.files("generator") / "starter"
    name = folder.resolve().name
    title = _text_argument("--title", args.title) or name.replace("-", " ").replace("_", " ").strip().capitalize() \
        or "My comparisons"
    config = starter.joinpath(CONFIG_NAME).read_text(encoding="utf-8")
    config = config.replace('title = "My comparisons"', f"title = {json.dumps(title, ensure_ascii=False)}")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "content").mkdir()
    if not args.no_sample:
        with resources.as_file(starter / "content") as sample:
            shutil.copytree(sample, folder / "content", dirs_exist_ok=True)
    (folder / CONFIG_NAME).write_text(config, encoding="utf-8")
    if not args.quiet:
        where = "" if folder.resolve() == Path.cwd().resolve() else f"cd {folder} && "
        print(f"Started a Parallax site in {folder}/ ({CONFIG_NAME}, content/"
              + ("" if args.no_sample else " with a sample story") + ").\n"
              f"Next: {where}parallax serve    (then: parallax new story my-story)")
    return 0


def _cmd_new_story(args: argparse.Namespace) -> int:
    config = _config(args)
    slug = _story_slug(args.slug)
    folder = config.content_path / slug
    if folder.exists():
        raise UsageError(error(f"{folder} already exists", file=folder,
                               hint="choose another slug, or edit the existing story"))
    from .content.importer import new_story
    title = _text_argument("--title", args.title) or slug.replace("-", " ").capitalize()
    path = new_story(folder, title, dt.date.today())
    print(f"Created {path}")
    return 0


def _text_argument(option: str, value: str | None) -> str | None:
    """A text given on the command line, refused when the terminal sent bytes that are not UTF-8."""
    if value is None:
        return None
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        byte = ord(value[exc.start]) - 0xDC00 if 0xDC80 <= ord(value[exc.start]) <= 0xDCFF else None
        raise UsageError(error(
            f"{option} is not UTF-8 text" + (f" (byte 0x{byte:02x})" if byte is not None else ""),
            hint="set the terminal to UTF-8 (e.g. LANG=C.UTF-8), or edit the title in _story.md afterwards")) from None
    return value


def _story_slug(slug: str) -> str:
    if not SLUG.match(slug) or slug in RESERVED_SLUGS:
        suggestion = slugify(slug, ascii_only=True)[:100] or "my-story"
        raise UsageError(error(f"{slug!r} cannot be a story folder name",
                               hint=f"use lower-case letters, digits and hyphens, e.g. {suggestion!r}"
                                    + (f"; reserved: {', '.join(sorted(RESERVED_SLUGS))}" if slug in RESERVED_SLUGS else "")))
    return slug


def _cmd_import(args: argparse.Namespace) -> int:
    from .content.importer import import_pages, new_story
    config = _config(args)
    slug = _story_slug(args.story)
    title = _text_argument("--title", args.title) or slug.replace("-", " ").capitalize()
    folder = config.content_path / slug
    today = dt.date.today()
    done = import_pages(args.pages, folder, force=args.force, keep_html=args.keep_html, today=today)
    cwd = Path.cwd()
    for item in done:
        meta = item.extracted.meta
        found = ", ".join(f"{k} {meta[k]!r}" for k in ("outlet", "published", "author") if k in meta)
        print(f"Imported {_shown(item.page, cwd)} -> {_shown(item.article, cwd)} "
              f"({item.extracted.words} words by {item.extracted.method}; {found or 'no metadata'})")
        missing = [k for k in ("outlet", "title", "url", "published") if k not in meta
                   or (k == "outlet" and item.extracted.unnamed)]
        if missing:
            print(f"  note: the page gives no {', '.join(missing)}: add {'it' if len(missing) == 1 else 'them'} "
                  f"to the front matter of {item.article.name} if you know {'it' if len(missing) == 1 else 'them'}")
        if item.kept_html is not None:
            print(f"  kept the page as {_shown(item.kept_html, cwd)}")
    if not (folder / STORY_FILE).exists():
        path = new_story(folder, title, today, imported=True)
        print(f"Created {_shown(path, cwd)} as a draft: give it a title and an introduction, then remove "
              "`draft: true` (or build with --drafts to preview it)")
    return 0


def _shown(path: Path, cwd: Path) -> str:
    try:
        return str(path.resolve().relative_to(cwd.resolve()))
    except ValueError:
        return str(path)


def _cmd_compare(args: argparse.Namespace) -> int:
    folder: Path = args.story_dir
    config = _config(args, required=False)
    if not folder.is_dir() and len(folder.parts) == 1 and (config.content_path / folder).is_dir():
        folder = config.content_path / folder  # a bare story name: that story in the content folder
    if not folder.is_dir():
        raise UsageError(error(f"{args.story_dir} is not a folder, nor a story in the content folder",
                               file=args.story_dir,
                               hint="give a story's name (e.g. my-story) or the path of a story folder"))
    story, diagnostics = compare_folder(folder, config)
    _print_diagnostics(diagnostics, Path.cwd())
    if args.json:
        json.dump(comparison_json(story), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    print(comparison_text(story, verbose=args.verbose))
    return 0


def comparison_text(story: Any, verbose: bool = False, width: int = 100) -> str:
    """The comparison as a reader wants it in a terminal: the facts the outlets share and how they
    differ, then what each leaves out and reports alone; -v adds every fact and the junk removed."""
    import textwrap

    from .site.views import STATE_SYMBOL, story_view

    view = story_view(story)
    out: list[str] = [f"{story.title} ({len(story.articles)} outlets)", ""]
    for article in story.articles:
        out.append(f"  {article.outlet:28} {len(article.sentences):4} sentences, {len(article.removed)} junk "
                   f"{'line' if len(article.removed) == 1 else 'lines'} removed  ({article.id})")
        if verbose:
            out.extend(f"      - [{r.rule}] {r.text[:70]}" for r in article.removed)
    shared, single = view.shared_rows, view.single_rows
    out += ["", f"Facts: {len(view.rows)} ({len(shared)} reported by two or more outlets, {len(single)} by one)",
            f"  {STATE_SYMBOL['reported']} reported  {STATE_SYMBOL['differs']} worded differently  "
            f"{STATE_SYMBOL['possibly']} possibly, in other words  {STATE_SYMBOL['missing']} not reported; "
            "one mark per outlet, in the order above", ""]

    def wrap(text: str, indent: str) -> list[str]:
        return textwrap.wrap(text, width=width, initial_indent=indent, subsequent_indent=indent + "  ")

    for row in shared if not verbose else view.rows:
        marks = "".join(STATE_SYMBOL[cell.state] for cell in row.cells)
        out += wrap(f"{marks}  {row.group.label} ({row.reported_by}/{len(row.cells)})", "  ")
    if view.differences:
        out += ["", f"Differences ({len(view.differences)}), what cannot both be true first:"]
        for difference in view.differences:
            out += wrap(f"{difference.summary} · {difference.group.label}: {difference.said}", "  ")
    out += ["", "Outlet by outlet:"]
    for outlet in view.outlets:
        out.append(f"  {outlet.article.outlet}:")
        if outlet.left_out:
            out += wrap("leaves out: " + "; ".join(g.label for g in outlet.left_out), "    ")
        if outlet.possibly:
            out += wrap("possibly in other words: " + "; ".join(g.label for g, _ in outlet.possibly), "    ")
        out += wrap(f"reports alone: {len(outlet.only_here)} "
                    f"{'fact' if len(outlet.only_here) == 1 else 'facts'}", "    ")
    if story.quotations:
        out += ["", f"Quotations carried by two or more outlets: "
                    f"{sum(1 for q in story.quotations if len({r.article for r in q.renderings}) > 1)}"]
    return "\n".join(out)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
