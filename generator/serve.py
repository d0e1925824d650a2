"""A static preview server for the built site, on 127.0.0.1 by default.

Serves only files under the output folder: no directory listings, no hidden
files, no path that resolves outside it; unknown paths get the site's 404 page.
"""

from __future__ import annotations

import http.server
import os
import posixpath
import socketserver
import urllib.parse
from functools import partial
from pathlib import Path


class SiteRequestHandler(http.server.SimpleHTTPRequestHandler):
    """SimpleHTTPRequestHandler limited to the site folder, with clean URLs and a 404 page."""

    extensions_map = {  # noqa: RUF012 - overrides the base class attribute of that name
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript", ".mjs": "text/javascript", ".json": "application/json",
        ".svg": "image/svg+xml", ".xml": "application/xml", ".webmanifest": "application/manifest+json",
        ".woff2": "font/woff2", ".woff": "font/woff", ".csv": "text/csv",
    }

    def __init__(self, *args: object, directory: str, quiet: bool = False, **kwargs: object) -> None:
        self.quiet = quiet
        super().__init__(*args, directory=directory, **kwargs)  # type: ignore[arg-type]

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
        path = self.translate_path(self.path)
        if not path or not os.path.exists(path):
            return self._not_found()
        # Directories: the base class redirects to the trailing slash and serves
        # index.html; a folder without one falls to list_directory (a 404 here).
        return super().send_head()

    def list_directory(self, path: str | os.PathLike[str]):  # type: ignore[no-untyped-def]
        return self._not_found()

    def _not_found(self) -> None:
        page = Path(self.directory) / "404.html"
        body = page.read_bytes() if page.is_file() else b"<!doctype html><title>Not found</title><h1>Not found</h1>"
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        return None

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-cache")
        self.send_header("X-Content-Type-Options", "nosniff")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        if not self.quiet:
            super().log_message(format, *args)


class SiteServer(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    # The default backlog of 5 makes a burst of parallel requests (a browser
    # loading a page and its assets, several tabs) wait for TCP retries.
    request_queue_size = 128


def make_server(site: Path, bind: str = "127.0.0.1", port: int = 8000, quiet: bool = False) -> SiteServer:
    handler = partial(SiteRequestHandler, directory=str(site), quiet=quiet)
    return SiteServer((bind, port), handler)
