"""Render stage: stories -> the site's files, from the theme's Jinja2 templates.

Takes the finished `Story`s and the `SiteConfig`; gives a mapping of output
paths (relative to the site root) to bytes. Nothing is written here. Links
between pages are relative and name `index.html` explicitly, so the site works
from a sub-path and from a plain folder opened in a browser (file://).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote, urlsplit

import jinja2
import nh3
from babel.support import NullTranslations
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml as escape_html
from markupsafe import Markup

from .. import __version__
from ..analysis.differences import KINDS
from ..content.junk import RULES
from ..errors import ConfigError
from ..model import SiteConfig, Story
from ..serialize import comparison_json
from ..text.lexicon import in_language
from ..text.words_to_examine import CATEGORY_NAMES, CATEGORY_QUESTIONS, SOURCE_NAMES, lexicon
from .i18n import human_date, install_template_words, speaking, translations
from .publish import published_story
from .theme import Theme, template_error
from .views import (
    STATE_SYMBOL,
    Header,
    OutletPage,
    Pager,
    TagPage,
    outlet_pages,
    paginate,
    search_entries,
    sentence_groups,
    sentence_segments,
    site_slugs,
    story_view,
    tag_pages,
)
from .worksheet import grid_csv, symbol, worksheet

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


STORY_TEMPLATES = ("story.html", "article.html", "worksheet.html")


class _Watched(list[Any]):
    """A list handed to a template that notes whether the template read its items, not only its length
    (an outlet's or tag's whole list of stories, beside the page's own `stories`)."""

    __slots__ = ("read",)

    def __init__(self, items: Iterable[Any]) -> None:
        super().__init__(items)
        self.read = False

    def __iter__(self):  # type: ignore[no-untyped-def]
        self.read = True
        return super().__iter__()

    def __getitem__(self, index):  # type: ignore[no-untyped-def]
        self.read = True
        return super().__getitem__(index)

    def __reversed__(self):  # type: ignore[no-untyped-def]
        self.read = True
        return super().__reversed__()

    def __contains__(self, item: object) -> bool:
        self.read = True
        return super().__contains__(item)

    def __repr__(self) -> str:
        self.read = True
        return super().__repr__()

    def index(self, *args: Any) -> int:
        self.read = True
        return super().index(*args)

    def count(self, item: Any) -> int:
        self.read = True
        return super().count(item)

    def copy(self) -> list[Any]:
        self.read = True
        return list(super().__iter__())


_LISTS: dict[str, tuple[str, str | None, bytes]] = {}
"""The pages that list stories (the index's, a tag's and an outlet's pages) this process made, by path: what
each was made from (the digest of its own stories; and of its whole list's, when the template read the whole
list), and its bytes. A build inside `parallax serve` makes again only those whose stories changed."""


class Renderer:
    """Renders the pages of one site: each story's pages on their own, as soon as the story is ready (so that
    an unchanged story's pages can be reused, and no build holds every story at once), then the pages that
    list every story, from the stories' light published forms.

    `headers`: every story of the site (`Header.of` its folder or story); the links between pages come from
    them, so a story's pages can be made before the other stories are processed.
    """

    def __init__(self, config: SiteConfig, theme: Theme, headers: Iterable[Header] = (),
                 slugs: tuple[dict[str, str], dict[str, str]] | None = None) -> None:
        """`slugs`: the outlets' and tags' addresses (`site_slugs`) when they are known already."""
        self.config = config
        self.theme = theme
        self.translations = translations(theme.folders, config.language)
        self.env = environment(theme, config, self.translations)
        self.outlet_slug, self.tag_slug = slugs if slugs is not None else site_slugs(headers)
        self.stories: list[Story] = []
        self.outlets: list[OutletPage] = []
        self.tags: list[TagPage] = []
        self.made_from: tuple[str, dict[str, str]] | None = None

    def _page(self, path: str, template: str, root: str | None = None, **context: Any) -> bytes:
        root = "../" * path.count("/") if root is None else root
        return self._render(template, root=root, page_path=path, outlet_slug=self.outlet_slug, tag_slug=self.tag_slug,
                            canonical=_absolute(self.config, path), **context).encode("utf-8")

    def _render(self, template: str, **context: Any) -> str:
        """A template rendered; a template that fails to load is the theme author's error, with file and line."""
        try:
            page = self.env.get_template(template).render(**context)
        except (jinja2.TemplateSyntaxError, jinja2.TemplateNotFound) as exc:
            raise ConfigError(template_error(exc, self.theme)) from None
        # Characters that XML 1.0 forbids (and HTML counts as errors): a control character pasted into a
        # title would otherwise make feed.xml unreadable to every feed reader.
        return _NOT_XML.sub("", page)

    def check_story_templates(self) -> None:
        """Load the templates of a story's pages (a broken one is an error here, before any story is sent
        to another process, with the template's own file and line)."""
        for name in STORY_TEMPLATES:
            self._template(name)

    def _template(self, name: str) -> jinja2.Template:
        try:
            return self.env.get_template(name)
        except (jinja2.TemplateSyntaxError, jinja2.TemplateNotFound) as exc:
            raise ConfigError(template_error(exc, self.theme)) from None

    def published(self, story: Story) -> Story:
        """The story as its pages show it (excerpts or full text)."""
        return _published(story, self.config)

    def story_files(self, published: Story) -> dict[str, bytes]:
        """The story page, its article pages and its comparison.json, from its `published` form."""
        with in_language(published.language), speaking(self.translations, self.config.language):
            return self._story_files(published)

    def _story_files(self, story: Story) -> dict[str, bytes]:
        view = story_view(story)
        files = {f"{story.slug}/index.html": self._page(f"{story.slug}/index.html", "story.html",
                                                         story=story, view=view),
                 f"{story.slug}/comparison.json": comparison_bytes(story)}
        files[f"{story.slug}/worksheet/index.html"] = self._page(
            f"{story.slug}/worksheet/index.html", "worksheet.html", story=story, sheet=worksheet(story, view),
            symbol=symbol)
        files[f"{story.slug}/grid.csv"] = grid_csv(story, view)
        groups_of = sentence_groups(story)
        words_of = sentence_segments(story)
        for article in story.articles:
            path = f"{story.slug}/{article.id}/index.html"
            files[path] = self._page(path, "article.html", story=story, article=article, groups_of=groups_of,
                                     words_of=words_of)
        return files

    def site_files(self, stories: list[Story], made_from: tuple[str, dict[str, str]] | None = None) -> dict[str, bytes]:
        """Index, outlets, tags, about, 404, feed and sitemap, and the theme's static files, from every
        story's published form (its light form is enough: `cache.light_story`).

        `made_from`: what every page depends on besides its stories (`cache.pages_context` with the
        publishing settings), and what each story was made from (its `cache.story_key`), by slug. With it, a
        page that lists stories is made again only when one of those changed since this process made it."""
        self.made_from = made_from
        self.stories = sorted(stories, key=lambda s: (s.date or "", s.slug), reverse=True)
        try:
            self.outlets = outlet_pages(self.stories, self.outlet_slug)
            self.tags = tag_pages(self.stories, self.tag_slug)
        except KeyError as exc:
            raise RuntimeError(f"an outlet or tag appeared after the build began: {exc}") from None
        with speaking(self.translations, self.config.language):
            return self._site_files()

    def _site_files(self) -> dict[str, bytes]:
        files: dict[str, bytes] = {
            # A server shows 404.html at any depth, so its links start from the site's root path.
            "404.html": self._page("404.html", "404.html", root=urlsplit(self.config.base_url).path or "/"),
            "about/index.html": self._page("about/index.html", "about.html", rules=list(RULES.values()),
                                           semantic=any(s.matcher is not None and s.matcher.method == "semantic"
                                                        for s in self.stories)),
            "outlets/index.html": self._page("outlets/index.html", "outlets.html", outlets=self.outlets),
            "tags/index.html": self._page("tags/index.html", "tags.html", tags=self.tags),
            "search/index.html": self._page("search/index.html", "search.html"),
            # A script, not JSON: a page opened from disk may load a script but not fetch a file.
            "search/index.js": ("window.PARALLAX_SEARCH = " + json.dumps(
                search_entries(self.stories), ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
                + ";\n").encode("utf-8"),
        }
        for pager in paginate(self.stories, self.config.paginate):
            files[pager.own_path] = self._list_page("index.html", None, "", stories=pager.items, pager=pager)
        for tag in self.tags:
            whole = tag.stories = _Watched(tag.stories)
            for pager in paginate(list(list.__iter__(whole)), self.config.paginate, base=f"tags/{tag.slug}/"):
                files[pager.own_path] = self._list_page("tag.html", whole, tag.name, tag=tag,
                                                        stories=pager.items, pager=pager)
        for outlet in self.outlets:
            whole = outlet.stories = _Watched(outlet.stories)
            for pager in paginate(list(list.__iter__(whole)), self.config.paginate, base=f"outlets/{outlet.slug}/"):
                files[pager.own_path] = self._list_page("outlet.html", whole, outlet.name, outlet=outlet,
                                                        stories=pager.items, pager=pager)
        if self.config.base_url:
            pages = [p for p in files if p.endswith(".html") and p != "404.html"]
            for story in self.stories:
                pages.append(f"{story.slug}/index.html")
                pages.extend(f"{story.slug}/{a.id}/index.html" for a in story.articles)
            dated = [(story, updated) for story in self.stories if (updated := story_updated(story))]
            dated.sort(key=lambda pair: (pair[1], pair[0].slug), reverse=True)
            files["feed.xml"] = self._render("feed.xml", entries=dated[:FEED_ENTRIES],
                                             absolute=lambda p: _absolute(self.config, p),
                                             updated=dated[0][1] if dated else None).encode("utf-8")
            files.update(self._sitemaps(sorted(pages)))
        robots = "User-agent: *\nAllow: /\n"
        if self.config.base_url:
            robots += f"Sitemap: {_absolute(self.config, 'sitemap.xml')}\n"
        files["robots.txt"] = robots.encode("utf-8")
        for relative, asset in self.theme.static_files().items():
            files[f"static/{relative}"] = asset.read_bytes()
        return files

    def _list_page(self, template: str, whole: _Watched | None, name: str, *, pager: Pager, **context: Any) -> bytes:
        """A page of a list of stories, or its bytes from the last build of this process when neither its own
        stories nor (if its template read them) the whole list's changed."""
        context["pager"] = pager
        path = pager.own_path
        if self.made_from is None:
            return self._page(path, template, **context)
        common, story_keys = self.made_from

        def made_from(stories: Iterable[Any]) -> str:
            slugs = [getattr(item, "story", item).slug for item in stories]
            return hashlib.sha256("\0".join([common, template, path, name, str(pager.number), str(pager.count),
                                              str(len(whole) if whole is not None else len(self.stories)),
                                              *(f"{slug}\1{story_keys[slug]}" for slug in slugs)])
                                  .encode("utf-8")).hexdigest()

        own = made_from(pager.items)
        known = _LISTS.get(path)
        if known is not None and known[0] == own and (
                known[1] is None or (whole is not None and known[1] == made_from(list.__iter__(whole)))):
            return known[2]
        if whole is not None:
            whole.read = False
        data = self._page(path, template, **context)
        read_whole = whole is not None and whole.read
        _LISTS[path] = (own, made_from(list.__iter__(whole)) if whole is not None and read_whole else None, data)
        return data

    def _sitemaps(self, pages: list[str]) -> dict[str, bytes]:
        """sitemap.xml; past SITEMAP_URLS pages, a sitemap index (sitemap.xml) of sitemap1.xml, sitemap2.xml, ...
        of at most SITEMAP_URLS each (the protocol's limit), as Zola splits its sitemap."""
        urls = [_absolute(self.config, p) for p in pages]
        if len(urls) <= SITEMAP_URLS:
            return {"sitemap.xml": self._render("sitemap.xml", urls=urls).encode("utf-8")}
        files = {f"sitemap{n}.xml": self._render("sitemap.xml", urls=urls[start:start + SITEMAP_URLS]).encode("utf-8")
                 for n, start in enumerate(range(0, len(urls), SITEMAP_URLS), start=1)}
        files["sitemap.xml"] = self._render(
            "sitemap_index.xml", sitemaps=[_absolute(self.config, name) for name in files]).encode("utf-8")
        return files


def _published(story: Story, config: SiteConfig) -> Story:
    with in_language(story.language):
        return published_story(story, config)


def _absolute(config: SiteConfig, path: str) -> str:
    """The public URL of a page, with clean directory URLs; empty without a base_url."""
    if not config.base_url:
        return ""
    # Outlet and tag pages may have names in any script ("outlets/новая-газета/"): percent-encoded in a URL.
    return config.base_url + quote(path[: -len("index.html")] if path.endswith("index.html") else path, safe="/")


SITEMAP_URLS = 50_000
"""The most URLs one sitemap file may list (sitemaps.org); a larger site gets a sitemap index."""

FEED_ENTRIES = 50
"""The feed carries the newest stories only, as Hugo's and Zola's do: an archive of thousands stays small."""


def story_updated(story: Story) -> str | None:
    """When a story was last updated, for the feed: its date, else its newest article's publication date
    (RFC 3339); None when neither is known (the story is left out of the feed, and `check` says so)."""
    moment = story.date or max((a.published for a in story.articles if a.published), default=None)
    if not moment:
        return None
    return moment if "T" in moment else f"{moment[:10]}T00:00:00Z"


def comparison_bytes(story: Story) -> bytes:
    # Compact: Python's JSON encoder is several times faster without indentation, and the file is data.
    return (json.dumps(comparison_json(story), ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


# --- Jinja2 environment ----------------------------------------------------------

class _CompiledTemplates(jinja2.BytecodeCache):
    """Templates compiled once per process, kept in memory: `parallax serve` rebuilds with a new
    environment each time, and compiling the theme took about 0.5 s of every rebuild. Jinja2 checks each
    template's source against its checksum, so an edited template is compiled again."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _CompiledTemplates()


def environment(theme: Theme, config: SiteConfig, catalog: NullTranslations | None = None) -> Environment:
    """The Jinja2 environment of a site: the theme's templates (the project's first), filters and globals."""
    env = Environment(
        loader=FileSystemLoader([str(folder) for folder in theme.template_folders]),
        bytecode_cache=_COMPILED,
        extensions=["jinja2.ext.i18n"],
        autoescape=select_autoescape(["html", "xml"], default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    catalog = translations(theme.folders, config.language) if catalog is None else catalog
    env.globals.update(site=config, version=__version__,
                       difference_kinds=list(KINDS.values()),
                       word_categories={k: catalog.gettext(v) for k, v in CATEGORY_NAMES.items()},
                       word_questions={k: catalog.gettext(v) for k, v in CATEGORY_QUESTIONS.items()},
                       word_sources=SOURCE_NAMES, lexicon=lexicon, cell_symbol=STATE_SYMBOL.__getitem__)
    env.filters["markdown"] = markdown_to_html
    env.filters["date"] = lambda value: human_date(value, config.language)
    # The pages' own words in the site's language (locale/<language>/LC_MESSAGES/messages.po of the theme).
    install_template_words(env, catalog)
    return env


_SAFE_SCHEMES = ("http:", "https:", "mailto:")


def _markdown_renderer() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "typographer": False})

    def validate_link(url: str) -> bool:
        lowered = url.strip().lower()
        scheme = lowered.split(":", 1)[0] + ":" if ":" in lowered.split("/", 1)[0] else ""
        return scheme == "" or scheme in _SAFE_SCHEMES

    md.validateLink = validate_link  # type: ignore[method-assign]

    def render_image(renderer: Any, tokens: Any, idx: int, options: Any, env: Any) -> str:
        # An image would be a request from the reader's browser: to another site, or (from a page
        # opened on disk) to any file a relative path reaches. Parallax copies no content images,
        # so an image in the introduction is shown as its description.
        return escape_html(tokens[idx].content)

    md.add_render_rule("image", render_image)
    return md


_MARKDOWN = _markdown_renderer()


_ALLOWED_TAGS = {"p", "a", "em", "strong", "code", "pre", "ul", "ol", "li", "blockquote", "h1", "h2", "h3",
                 "h4", "h5", "h6", "hr", "br"}
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}


def markdown_to_html(text: str) -> Markup:
    """Editor-written Markdown as HTML.

    markdown-it escapes raw HTML (html=False) and keeps only http(s), mailto and
    relative links; nh3 then allows only the tags and attributes Markdown
    makes, as a second lock on the same door.
    """
    html = _MARKDOWN.render(text or "")
    clean = nh3.clean(html, tags=_ALLOWED_TAGS, attributes=_ALLOWED_ATTRIBUTES,
                      url_schemes={"http", "https", "mailto"}, link_rel="noopener noreferrer nofollow")
    return Markup(clean)  # sanitized above
