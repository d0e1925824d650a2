"""The preview server over a real socket: pages, MIME types, 404s, no way out of the site folder."""

from __future__ import annotations

import http.client
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.build import build_site
from generator.config import load_config
from generator.serve import make_server


@pytest.fixture
def server(demo_project: Path) -> Iterator[tuple[str, int]]:
    build_site(load_config(demo_project))
    (demo_project / "secret.txt").write_text("outside the site")
    httpd = make_server(demo_project / "site", port=0, quiet=True)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield httpd.server_address[0], httpd.server_address[1]
    httpd.shutdown()
    httpd.server_close()


def get(address: tuple[str, int], path: str) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection(*address, timeout=10)
    connection.request("GET", path)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, body


def test_serves_pages_with_types(server: tuple[str, int]) -> None:
    assert server[0] == "127.0.0.1"
    status, headers, body = get(server, "/")
    assert status == 200 and headers["content-type"].startswith("text/html") and b"<h1>Parallax</h1>" in body
    status, headers, body = get(server, "/meta-employee-tracking-pause/")
    assert status == 200 and b"India Today" in body
    status, headers, _ = get(server, "/static/style.css")
    assert status == 200 and headers["content-type"].startswith("text/css")
    status, headers, _ = get(server, "/meta-employee-tracking-pause/comparison.json")
    assert status == 200 and headers["content-type"].startswith("application/json")


def test_folder_without_slash_redirects(server: tuple[str, int]) -> None:
    status, headers, _ = get(server, "/meta-employee-tracking-pause")
    assert status == 301 and headers["location"].endswith("/meta-employee-tracking-pause/")


@pytest.mark.parametrize("path", [
    "/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E%2Fsecret.txt", "/static/../../secret.txt",
    "/static/%2e%2e/%2e%2e/secret.txt", "/..%5csecret.txt", "//etc/passwd", "/.parallax-site",
    "/nope/", "/static/", "/meta-employee-tracking-pause/missing.html", "/%00",
])
def test_no_way_out_and_a_404_page(server: tuple[str, int], path: str) -> None:
    status, headers, body = get(server, path)
    assert status == 404, path
    assert b"outside the site" not in body and b"root:" not in body
    assert b"Page not found" in body and headers["content-type"].startswith("text/html")


def test_404_page_links_work_from_any_depth(server: tuple[str, int]) -> None:
    _, _, body = get(server, "/a/b/c/missing")
    assert b'href="/static/style.css"' in body and b'href="/index.html"' in body


def test_many_concurrent_requests(server: tuple[str, int]) -> None:
    results: list[int] = []

    def fetch() -> None:
        results.append(get(server, "/meta-employee-tracking-pause/")[0])

    threads = [threading.Thread(target=fetch) for _ in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert results == [200] * 40


def test_the_warm_up_makes_story_pages_in_memory_and_writes_nothing(demo_project: Path) -> None:
    """`parallax serve` warms up on a made-up story so that the first edit's rebuild is not the one that
    loads the encoder and makes the templates; it must touch neither the content nor the site."""
    from generator.build import warm_up_pages

    before = sorted(p.relative_to(demo_project) for p in demo_project.rglob("*"))
    pages = warm_up_pages(load_config(demo_project))
    assert sorted(pages) == ["warm-up/000/index.html", "warm-up/001/index.html", "warm-up/comparison.json",
                             "warm-up/grid.csv", "warm-up/index.html", "warm-up/worksheet/index.html"]
    assert b"The council passes its budget" in pages["warm-up/index.html"]
    assert sorted(p.relative_to(demo_project) for p in demo_project.rglob("*")) == before


def test_the_watcher_warms_up_once_before_it_rebuilds(tmp_path: Path) -> None:
    from generator.serve import BuildState, LiveSite

    happened: list[str] = []
    rebuilt = threading.Event()

    def build() -> str:
        happened.append("build")
        rebuilt.set()
        return ""

    (tmp_path / "content").mkdir()
    live = LiveSite(build, [tmp_path / "content"], BuildState(ever_built=True), report=lambda _: None,
                    debounce_ms=50, warm=lambda: happened.append("warm"))
    live.start()
    try:
        (tmp_path / "content" / "a.md").write_text("changed")
        assert rebuilt.wait(20)
        (tmp_path / "content" / "a.md").write_text("changed again")
        for _ in range(200):
            if happened.count("build") >= 2:
                break
            time.sleep(0.1)
    finally:
        live.stop()
    assert happened[0] == "warm" and happened.count("warm") == 1 and happened.count("build") >= 2
