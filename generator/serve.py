"""Preview server: serves the built site on 127.0.0.1, rebuilds on change, reloads open pages.

Serves only files under the output folder: no directory listings, no hidden
files, no path that resolves outside it; unknown paths get the site's 404 page.
`LiveSite` watches the content, the themes and `parallax.toml` (watchfiles),
rebuilds after a burst of changes settles, and tells open pages over
server-sent events. The reload script is added to HTML as it is sent; it is
never written into the output folder. A failed build keeps the last good site
and shows its error, as text, over the page until the next good build.
"""

from __future__ import annotations

import hmac
import http.server
import ipaddress
import json
import os
import posixpath
import re
import secrets
import socketserver
import threading
import time
import urllib.parse
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from .errors import ParallaxError

_STORY_PATH = re.compile(r"^/([a-z0-9][a-z0-9-]*)/(?:index\.html)?$")


@dataclass(slots=True)
class ReviewDesk:
    """Review mode: the editor's controls on story pages, and the one place that writes review files.

    Edits come as POST requests to REVIEW_PATH and are accepted only from a page this server sent: the
    Host must be this server (checked for every request), the Origin must be this server's own, and the
    request must carry the per-session token that only pages served by this process hold. A page on any
    other site can neither read the token nor send a request that passes.
    """

    content: Path
    """The content folder: review files are written to <content>/<story>/_review.yaml only."""
    token: str = field(default_factory=lambda: secrets.token_urlsafe(32))

    def story_folder(self, slug: object) -> Path | None:
        """The story folder named `slug`, when it is one (no other path can be reached)."""
        from .content.frontmatter import SLUG, STORY_FILE
        if not isinstance(slug, str) or not SLUG.match(slug):
            return None
        folder = self.content / slug
        return folder if (folder / STORY_FILE).is_file() and folder.resolve().parent == self.content.resolve() \
            else None

    def apply(self, edit: dict[str, object]) -> None:
        from .content.review import REVIEW_FILE, EditError, edit_review
        folder = self.story_folder(edit.get("story"))
        if folder is None:
            raise EditError("no such story in the content folder")
        edit_review(folder / REVIEW_FILE, {k: v for k, v in edit.items() if k != "story"})

    @staticmethod
    def script() -> bytes:
        return (Path(__file__).resolve().parent / "review_mode.js").read_bytes()

    @staticmethod
    def style() -> bytes:
        return (Path(__file__).resolve().parent / "review_mode.css").read_bytes()

EVENTS_PATH = "/__parallax/events"
SCRIPT_PATH = "/__parallax/reload.js"
WORKER_PATH = "/__parallax/reload-worker.js"
REVIEW_PATH = "/__parallax/review"
REVIEW_SCRIPT_PATH = "/__parallax/review.js"
REVIEW_STYLE_PATH = "/__parallax/review.css"
MAX_EDIT_BYTES = 64 * 1024
HEARTBEAT_SECONDS = 15.0

RELOAD_SCRIPT = r"""/* Parallax preview: reload after each build; show build errors. Served by `parallax serve` only. */
(function () {
  "use strict";
  var me = document.currentScript;
  var generation = me ? me.getAttribute("data-generation") : null;
  var panel = null;
  var show = function (message) {
    if (!panel) {
      panel = document.createElement("div");
      panel.id = "parallax-build-error";
      panel.setAttribute("role", "alert");
      var s = panel.style;
      s.position = "fixed"; s.left = "0"; s.right = "0"; s.bottom = "0"; s.maxHeight = "60vh"; s.overflow = "auto";
      s.margin = "0"; s.padding = "1rem 1.25rem"; s.zIndex = "2147483647"; s.whiteSpace = "pre-wrap";
      s.background = "#2b0b0b"; s.color = "#ffffff"; s.borderTop = "4px solid #d55e00";
      s.font = "14px/1.45 ui-monospace, 'DejaVu Sans Mono', monospace";
      document.body.appendChild(panel);
    }
    panel.textContent = "Parallax could not build the site; this page shows the last good build.\n\n" + message;
  };
  var handle = function (name, data) {
    if (name === "hello") {
      if (generation !== null && String(data.generation) !== generation && data.ok) { window.location.reload(); }
      if (data.ok === false && data.message) { show(data.message); }
    } else if (name === "reload") {
      if (String(data.generation) !== generation) { window.location.reload(); }
    } else if (name === "build-error") {
      show(data.message);
    }
  };
  // One event stream for every open tab, held by a shared worker: a browser allows six connections
  // to one host, so a stream per tab would stop the seventh tab from loading at all.
  if (window.SharedWorker) {
    try {
      var worker = new SharedWorker("/__parallax/reload-worker.js", { name: "parallax-reload" });
      worker.port.onmessage = function (event) { handle(event.data.name, event.data.data); };
      worker.port.start();
      window.addEventListener("pagehide", function () { worker.port.postMessage("bye"); });
      return;
    } catch (error) { /* fall back to a stream of this tab's own */ }
  }
  if (!window.EventSource) { return; }
  var events = new EventSource("/__parallax/events");
  ["hello", "reload", "build-error"].forEach(function (name) {
    events.addEventListener(name, function (event) { handle(name, JSON.parse(event.data)); });
  });
}());
"""

RELOAD_WORKER = r"""/* Parallax preview: the one event stream that every open tab of the preview shares. */
"use strict";
var ports = [];
var state = null;
var source = null;
var send = function (name, data) {
  ports.forEach(function (port) { port.postMessage({ name: name, data: data }); });
};
var open = function () {
  source = new EventSource("/__parallax/events");
  source.addEventListener("hello", function (event) {
    state = JSON.parse(event.data);
    send("hello", state);
  });
  source.addEventListener("reload", function (event) {
    var data = JSON.parse(event.data);
    state = { generation: data.generation, ok: true };
    send("reload", data);
  });
  source.addEventListener("build-error", function (event) {
    var data = JSON.parse(event.data);
    state = { generation: state ? state.generation : 0, ok: false, message: data.message };
    send("build-error", data);
  });
};
self.onconnect = function (event) {
  var port = event.ports[0];
  ports.push(port);
  port.onmessage = function (message) {
    if (message.data === "bye") { ports = ports.filter(function (p) { return p !== port; }); }
  };
  port.start();
  if (state) { port.postMessage({ name: "hello", data: state }); }
  if (!source) { open(); }
};
"""


@dataclass(slots=True)
class BuildState:
    """The outcome of the latest build, shared by the builder and the request threads."""

    generation: int = 0
    """Counts builds; pages carry the generation they were served in."""
    ok: bool = True
    message: str = ""
    """The error of the latest build, formatted for a person, when it failed."""
    ever_built: bool = False
    changed: threading.Condition = field(default_factory=threading.Condition)
    swap: threading.Lock = field(default_factory=threading.Lock)
    """Held while the output folder's contents are swapped, and while a request opens a file."""

    def changed_since(self, generation: int) -> bool:
        return self.generation != generation

    def publish(self, ok: bool, message: str = "") -> None:
        with self.changed:
            self.generation += 1
            self.ok = ok
            self.message = message
            self.ever_built = self.ever_built or ok
            self.changed.notify_all()


class SiteRequestHandler(http.server.SimpleHTTPRequestHandler):
    """SimpleHTTPRequestHandler limited to the site folder, with clean URLs, a 404 page and live reload."""

    extensions_map = {  # noqa: RUF012 - overrides the base class attribute of that name
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript", ".mjs": "text/javascript", ".json": "application/json",
        ".svg": "image/svg+xml", ".xml": "application/xml", ".webmanifest": "application/manifest+json",
        ".woff2": "font/woff2", ".woff": "font/woff", ".csv": "text/csv", ".html": "text/html; charset=utf-8",
    }

    def __init__(self, *args: object, directory: str, quiet: bool = False, state: BuildState | None = None,
                 review: ReviewDesk | None = None, **kwargs: object) -> None:
        self.quiet = quiet
        self.state = state
        self.review = review
        super().__init__(*args, directory=directory, **kwargs)  # type: ignore[arg-type]

    # --- routing ---------------------------------------------------------------------

    def do_GET(self) -> None:
        if not self._acceptable():
            return
        path = self.path.split("?", 1)[0]
        if self.state is not None and path == EVENTS_PATH:
            self._events()
        elif self.state is not None and path == SCRIPT_PATH:
            self._send(200, "text/javascript; charset=utf-8", RELOAD_SCRIPT.encode("utf-8"))
        elif self.state is not None and path == WORKER_PATH:
            self._send(200, "text/javascript; charset=utf-8", RELOAD_WORKER.encode("utf-8"))
        elif self.review is not None and path == REVIEW_SCRIPT_PATH:
            self._send(200, "text/javascript; charset=utf-8", self.review.script())
        elif self.review is not None and path == REVIEW_STYLE_PATH:
            self._send(200, "text/css; charset=utf-8", self.review.style())
        elif self.state is not None and not self.state.ever_built and self._wants_html():
            self._send(500, "text/html; charset=utf-8", self._error_page())
        else:
            super().do_GET()

    def do_HEAD(self) -> None:
        if self._acceptable():
            super().do_HEAD()

    def do_POST(self) -> None:
        if not self._acceptable():
            return
        if self.review is None or self.path.split("?", 1)[0] != REVIEW_PATH:
            self._json(405, {"error": "this preview accepts no posts here"})
            return
        host = self.headers.get("Host", "")
        origin = self.headers.get("Origin")
        if origin != f"http://{host}" or self.headers.get("Sec-Fetch-Site", "same-origin") != "same-origin":
            self._json(403, {"error": "edits are accepted from this preview's own pages only"})
            return
        if not hmac.compare_digest(self.headers.get("X-Parallax-Token", ""), self.review.token):
            self._json(403, {"error": "missing or wrong review token: reload the page"})
            return
        if self.headers.get("Content-Type", "").split(";")[0].strip() != "application/json":
            self._json(415, {"error": "send JSON"})
            return
        try:
            length = int(self.headers.get("Content-Length", ""))
        except ValueError:
            length = -1
        if not 0 < length <= MAX_EDIT_BYTES:
            self._json(413, {"error": f"an edit is at most {MAX_EDIT_BYTES} bytes"})
            return
        from .content.review import EditError
        try:
            edit = json.loads(self.rfile.read(length))
            if not isinstance(edit, dict):
                raise EditError("an edit is a JSON object")
            self.review.apply(edit)
        except (ValueError, EditError) as exc:
            self._json(400, {"error": str(exc)})
            return
        self._json(200, {"ok": True})

    def _json(self, status: int, data: Mapping[str, object]) -> None:
        self._send(status, "application/json", json.dumps(data).encode("utf-8"))

    def _acceptable(self) -> bool:
        """A request for this server by a name it answers to, for a path that decodes; else 400 or 421.

        The Host header must be an IP address, `localhost` or the address the server is bound to: a
        page on another site whose name an attacker points at 127.0.0.1 (DNS rebinding) is refused,
        so it cannot read the preview, drafts included.
        """
        try:
            urllib.parse.unquote(self.path.split("?", 1)[0].split("#", 1)[0], errors="strict")
        except UnicodeDecodeError:
            self._send(400, "text/plain; charset=utf-8", b"Bad request: the path is not UTF-8.\n")
            return False
        bound = self.server.server_address[0] if isinstance(self.server.server_address, tuple) else ""
        if not _local_host(self.headers.get("Host"), bound):
            self._send(421, "text/plain; charset=utf-8",
                       b"Misdirected request: this preview answers to localhost and IP addresses only.\n")
            return False
        return True

    def _wants_html(self) -> bool:
        path = self.path.split("?", 1)[0]
        return path.endswith(("/", ".html")) or "." not in path.rsplit("/", 1)[-1]

    # --- files -----------------------------------------------------------------------

    def translate_path(self, path: str) -> str:
        root = Path(self.directory).resolve()
        path = urllib.parse.unquote(path.split("?", 1)[0].split("#", 1)[0], errors="strict")
        parts = [p for p in posixpath.normpath(path).split("/") if p]
        if any(p.startswith(".") or "\\" in p or "\x00" in p for p in parts):
            return ""
        candidate = (root / Path(*parts)) if parts else root
        try:
            resolved = candidate.resolve()
            resolved.relative_to(root)
        except (ValueError, OSError):
            return ""
        return str(resolved)

    def send_head(self):  # type: ignore[no-untyped-def]
        lock = self.state.swap if self.state is not None else None
        if lock is not None:
            lock.acquire()
        try:
            path = self.translate_path(self.path)
            if not path or not os.path.exists(path):
                return self._not_found()
            if os.path.isdir(path) and self.path.split("?", 1)[0].endswith("/"):
                path = os.path.join(path, "index.html")
                if not os.path.isfile(path):
                    return self._not_found()
            if self.state is not None and path.endswith(".html") and os.path.isfile(path):
                with open(path, "rb") as handle:
                    body = self._with_reload(handle.read())
                self._send(200, "text/html; charset=utf-8", body, head_only=True)
                return _Body(body)
            # Directories: the base class redirects to the trailing slash; everything else is a file.
            return super().send_head()
        finally:
            if lock is not None:
                lock.release()

    def list_directory(self, path: str | os.PathLike[str]):  # type: ignore[no-untyped-def]
        return self._not_found()

    def _not_found(self) -> None:
        page = Path(self.directory) / "404.html"
        body = page.read_bytes() if page.is_file() else b"<!doctype html><title>Not found</title><h1>Not found</h1>"
        self._send(404, "text/html; charset=utf-8", self._with_reload(body))
        return None

    def _with_reload(self, html: bytes) -> bytes:
        if self.state is None:
            return html
        tag = f'<script src="{SCRIPT_PATH}" data-generation="{self.state.generation}"></script>'.encode()
        match = _STORY_PATH.match(self.path.split("?", 1)[0])
        if self.review is not None and match and self.review.story_folder(match.group(1)) is not None:
            tag += (f'<link rel="stylesheet" href="{REVIEW_STYLE_PATH}">'
                    f'<script src="{REVIEW_SCRIPT_PATH}" data-token="{self.review.token}" '
                    f'data-story="{match.group(1)}"></script>').encode()
        index = html.rfind(b"</body>")
        return html[:index] + tag + html[index:] if index >= 0 else html + tag

    def _send(self, status: int, content_type: str, body: bytes, head_only: bool = False) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head_only and self.command != "HEAD":
            self.wfile.write(body)

    def _error_page(self) -> bytes:
        from html import escape
        message = escape(self.state.message if self.state else "")
        page = ("<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>Build failed · Parallax</title>"
                "<main><h1>Parallax could not build the site</h1><pre>" + message +
                "</pre><p>Fix the file and save it: this page reloads by itself.</p></main></html>")
        return self._with_reload(page.encode("utf-8"))

    # --- server-sent events -------------------------------------------------------------

    def _events(self) -> None:
        assert self.state is not None
        state = self.state
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Connection", "keep-alive")
        self.end_headers()
        try:
            with state.changed:
                seen = state.generation
                hello = {"generation": seen, "ok": state.ok}
            self._event("hello", hello)
            if not state.ok:
                self._event("build-error", {"message": state.message})
            while True:
                with state.changed:
                    state.changed.wait_for(partial(state.changed_since, seen), timeout=HEARTBEAT_SECONDS)
                    generation, ok, message = state.generation, state.ok, state.message
                if generation == seen:
                    self.wfile.write(b": still here\n\n")
                    self.wfile.flush()
                    continue
                seen = generation
                if ok:
                    self._event("reload", {"generation": generation})
                else:
                    self._event("build-error", {"message": message})
        except (BrokenPipeError, ConnectionResetError, OSError):
            return

    def _event(self, name: str, data: Mapping[str, object]) -> None:
        self.wfile.write(f"event: {name}\ndata: {json.dumps(data)}\n\n".encode())
        self.wfile.flush()

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-cache")
        self.send_header("X-Content-Type-Options", "nosniff")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        if not self.quiet:
            super().log_message(format, *args)


def _local_host(header: str | None, bound: str | object) -> bool:
    """The Host header names this server: an IP address, localhost, or the bound address."""
    if not header:
        return False  # HTTP/1.1 requires it; browsers always send it
    host = header.strip().lower()
    if host.startswith("["):  # [::1]:8000
        host = host[1:host.find("]")] if "]" in host else host
    elif host.count(":") == 1:
        host = host.rsplit(":", 1)[0]
    if host in ("localhost", str(bound).lower()) or host.endswith(".localhost"):
        return True
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


class _Body:
    """A response body already in memory, shaped like the file object send_head returns."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, size: int = -1) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


class SiteServer(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    # The default backlog of 5 makes a burst of parallel requests (a browser
    # loading a page and its assets, several tabs) wait for TCP retries.
    request_queue_size = 128


def make_server(site: Path, bind: str = "127.0.0.1", port: int = 8000, quiet: bool = False,
                state: BuildState | None = None, review: ReviewDesk | None = None) -> SiteServer:
    handler = partial(SiteRequestHandler, directory=str(site), quiet=quiet, state=state, review=review)
    return SiteServer((bind, port), handler)


class LiveSite:
    """Watch the sources, rebuild after changes settle, publish each outcome to the open pages."""

    def __init__(self, build: Callable[[], str], watched: list[Path], state: BuildState,
                 report: Callable[[str], None] = print, debounce_ms: int = 200, relative_to: Path | None = None,
                 warm: Callable[[], None] | None = None) -> None:
        """`warm`: run once in the watcher's thread as soon as the watcher is in place, before any rebuild
        (`build.warm_up`: the first edit's rebuild then finds the encoder loaded and the templates made)."""
        self.build = build
        self.warm = warm
        self.relative_to = relative_to
        self.watched = [p for p in watched if p.exists()]
        self.state = state
        self.report = report
        self.debounce_ms = debounce_ms
        self.stop_event = threading.Event()
        self.ready = threading.Event()
        self.thread: threading.Thread | None = None

    def rebuild(self) -> bool:
        """Build once and publish the outcome; the output folder keeps the last good build on failure."""
        started = time.perf_counter()
        try:
            note = self.build()
        except ParallaxError as exc:
            message = exc.format(relative_to=self.relative_to)
            self.state.publish(ok=False, message=message)
            self.report(f"Build failed; still serving the last good build.\n{message}")
            return False
        self.state.publish(ok=True)
        self.report(f"Rebuilt in {time.perf_counter() - started:.2f} s{note}")
        return True

    def start(self) -> None:
        """Start watching; returns once the watcher is in place, so no change is missed after it."""
        self.ready = threading.Event()
        self.thread = threading.Thread(target=self._watch, name="parallax-watch", daemon=True)
        self.thread.start()
        self.ready.wait(10)

    def stop(self) -> None:
        self.stop_event.set()
        if self.thread is not None:
            self.thread.join(timeout=5)

    def _watch(self) -> None:
        from watchfiles import watch
        # An empty yield after `rust_timeout` without changes says the watcher is in place.
        for changes in watch(*self.watched, debounce=self.debounce_ms, step=50, stop_event=self.stop_event,
                             raise_interrupt=False, rust_timeout=200, yield_on_timeout=True):
            self.ready.set()
            if self.stop_event.is_set():
                return
            if self.warm is not None:
                warm, self.warm = self.warm, None
                warm()  # a change made meanwhile comes with the next round
            if changes:
                self.rebuild()
