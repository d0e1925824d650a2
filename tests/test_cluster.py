"""Building on a Dask cluster: a real scheduler and real workers, separate processes on 127.0.0.1, give the
same site byte for byte as a local build, even when a worker dies in the middle."""

from __future__ import annotations

import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.build import build_site
from generator.cli import main
from generator.config import load_config
from generator.errors import ConfigError, UsageError

from .conftest import write

distributed = pytest.importorskip("distributed")

FIXTURES = Path(__file__).parent / "fixtures" / "stories"
DASK = Path(sys.executable).with_name("dask")


def generated_archive(root: Path, stories: int, seed: int = 11) -> Path:
    """A project of `stories` stories made from the hand-written fixture stories, each one different:
    sentences dropped and reordered, numbers changed (seeded, so every run makes the same files)."""
    rng = random.Random(seed)
    sources = sorted(p for p in FIXTURES.iterdir() if p.is_dir())
    write(root / "parallax.toml", 'title = "Cluster archive"\nbase_url = "https://example.org/news/"\n')
    for n in range(stories):
        source = sources[n % len(sources)]
        folder = root / "content" / f"{source.name}-{n:03d}"
        write(folder / "_story.md", f"---\ntitle: {source.name.replace('-', ' ').title()} {n}\n"
                                    f"date: 2026-{1 + n % 12:02d}-{1 + n % 28:02d}\ntags: [t{n % 4}]\n---\n")
        for article in sorted(source.glob("*.md")):
            if article.name.startswith("_"):
                continue
            _, front, body = article.read_text(encoding="utf-8").split("---\n", 2)
            lines = [line for line in body.splitlines() if line.strip()]
            if len(lines) > 3:
                lines.pop(rng.randrange(1, len(lines)))
                i = rng.randrange(1, len(lines) - 1)
                lines[i], lines[i + 1] = lines[i + 1], lines[i]
            text = "\n".join(re.sub(r"\d+", lambda m, n=n: str(int(m.group()) + n), line) for line in lines)
            (folder / article.name).write_text(f"---\n{front}---\n{text}\n", encoding="utf-8")
    return root


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Processes:
    """`dask scheduler` and `dask worker` started as command lines, each in a process group of its own."""

    def __init__(self, log: Path) -> None:
        self.port = free_port()
        self.address = f"tcp://127.0.0.1:{self.port}"
        self.log = log
        self.running: list[subprocess.Popen[bytes]] = []

    def start(self, *args: str) -> subprocess.Popen[bytes]:
        handle = (self.log / f"{len(self.running)}.log").open("wb")
        process = subprocess.Popen([str(DASK), *args], stdout=handle, stderr=subprocess.STDOUT,
                                   start_new_session=True, cwd=self.log)
        self.running.append(process)
        return process

    def scheduler(self) -> None:
        self.start("scheduler", "--host", "127.0.0.1", "--port", str(self.port), "--no-dashboard")

    def worker(self) -> subprocess.Popen[bytes]:
        return self.start("worker", self.address, "--host", "127.0.0.1", "--nthreads", "1", "--nworkers", "1",
                          "--no-dashboard")

    def wait_for_workers(self, count: int) -> None:
        with distributed.Client(self.address, timeout="30s", set_as_default=False) as client:
            client.wait_for_workers(count, timeout=90)

    @staticmethod
    def kill(process: subprocess.Popen[bytes]) -> None:
        """The machine goes away: the worker and its nanny, at once, with no goodbye to the scheduler."""
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)

    def stop(self) -> None:
        for process in reversed(self.running):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.running:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)


@pytest.fixture
def cluster(tmp_path: Path) -> Iterator[Processes]:
    if not DASK.is_file():
        pytest.skip("the dask command line is not installed")
    log = tmp_path / "dask-logs"
    log.mkdir()
    processes = Processes(log)
    processes.scheduler()
    try:
        yield processes
    finally:
        processes.stop()


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes]]:
    """A generated archive and its site built locally (the reference every cluster build must equal)."""
    root = generated_archive(tmp_path_factory.mktemp("cluster-archive"), stories=24)
    build_site(load_config(root), output=root / "local", jobs=1)
    return root, tree(root / "local")


@pytest.mark.slow
def test_a_scheduler_and_two_workers_build_the_same_site_as_this_machine(
        cluster: Processes, archive: tuple[Path, dict[str, bytes]]) -> None:
    root, local = archive
    cluster.worker()
    cluster.worker()
    cluster.wait_for_workers(2)
    result = build_site(load_config(root), output=root / "on-cluster", cluster=cluster.address)
    assert result.cluster is not None and result.cluster.workers == 2
    assert len(result.recomputed) == 24 and result.cluster.lost_workers == 0
    built = tree(root / "on-cluster")
    assert built.keys() == local.keys()
    assert [path for path in built if built[path] != local[path]] == []
    # Built again with nothing changed: no story is sent to a worker (not even a connection is made).
    again = build_site(load_config(root), output=root / "on-cluster", cluster=cluster.address)
    assert again.recomputed == [] and again.cluster is None
    assert tree(root / "on-cluster") == local


class KillAfter:
    """Progress that kills a worker once `after` stories are done (the others are still in flight)."""

    def __init__(self, cluster: Processes, victim: subprocess.Popen[bytes], after: int) -> None:
        self.cluster, self.victim, self.after = cluster, victim, after
        self.notes: list[str] = []

    def start(self, stage: str, total: int) -> None: pass
    def finish(self, stage: str) -> None: pass

    def advance(self, stage: str, done: int) -> None:
        if stage == "process" and done == self.after:
            self.cluster.kill(self.victim)
            time.sleep(0.5)

    def note(self, message: str) -> None:
        self.notes.append(message)


@pytest.mark.slow
def test_a_worker_killed_in_the_middle_changes_nothing_in_the_output(
        cluster: Processes, archive: tuple[Path, dict[str, bytes]]) -> None:
    root, local = archive
    victim = cluster.worker()
    cluster.worker()
    cluster.wait_for_workers(2)
    progress = KillAfter(cluster, victim, after=4)
    result = build_site(load_config(root), output=root / "survivor", cluster=cluster.address, progress=progress)
    assert victim.poll() is not None, "the worker was not killed during the build"
    assert result.cluster is not None and result.cluster.lost_workers == 1
    assert result.cluster.retried >= 1  # the stories the dead worker held were run again
    assert progress.notes[0] == f"24 stories to process on 2 workers at {cluster.address}"
    assert any("left the cluster" in note for note in progress.notes)
    assert len(result.recomputed) == 24
    assert tree(root / "survivor") == local


def test_a_local_cluster_builds_the_same_site(tmp_path: Path) -> None:
    """`--cluster local:2` starts its own workers; the command line reports them."""
    root = generated_archive(tmp_path, stories=3)
    write(root / "parallax.toml", 'title = "Cluster archive"\n[align]\nsemantic = false\n')
    build_site(load_config(root), output=root / "local", jobs=1)
    assert main(["build", "--source", str(root), "--output", str(root / "on-cluster"), "--cluster", "local:2"]) == 0
    assert tree(root / "on-cluster") == tree(root / "local")


def test_cluster_addresses_are_checked_before_anything_runs(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    root = generated_archive(tmp_path, stories=1)
    assert main(["build", "--source", str(root), "--cluster", "http://example.org"]) != 0
    message = capsys.readouterr().err
    assert "'http://example.org' is not a cluster address" in message and "tcp://" in message
    assert not (root / "site").exists()
    write(root / "parallax.toml", '[build]\ncluster = "somewhere"\n')
    with pytest.raises(ConfigError) as raised:
        load_config(root)
    assert "build.cluster" in str(raised.value) and "local:N" in str(raised.value)


def test_an_unreachable_scheduler_is_a_clear_error_and_the_last_site_stays(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("generator.cluster.CONNECT_TIMEOUT", "2s")
    root = generated_archive(tmp_path, stories=2)
    write(root / "parallax.toml", 'title = "Cluster archive"\n[align]\nsemantic = false\n')
    build_site(load_config(root), jobs=1)
    before = tree(root / "site")
    shutil.rmtree(root / "content" / "port-strike-001")  # a change, so the next build has work to send
    write(root / "content" / "port-strike-009" / "_story.md", "---\ntitle: New\n---\n")
    write(root / "content" / "port-strike-009" / "a.md", "---\noutlet: A\n---\nA ship docked on Monday.\n")
    with pytest.raises(UsageError) as raised:
        build_site(load_config(root), cluster=f"tcp://127.0.0.1:{free_port()}")
    assert "cannot reach the Dask scheduler" in str(raised.value)
    assert tree(root / "site") == before


def test_a_build_without_a_cluster_does_not_import_dask(tmp_path: Path) -> None:
    root = generated_archive(tmp_path, stories=2)
    code = ("import sys; from generator.build import build_site; from generator.config import load_config; "
            f"build_site(load_config(__import__('pathlib').Path({str(root)!r})), jobs=1); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
