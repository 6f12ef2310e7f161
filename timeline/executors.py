"""Executors: where the work of a build runs, here, in a pool of worker processes on this
machine (``--jobs``) or on a Dask cluster (``--executor dask``), and how it is cut for them.

Work is sent in chunks of documents, a bounded number in flight per worker. Worker processes
start with what every document needs already loaded (see prepare), shared with this process.
"""
from __future__ import annotations

import os
import signal
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any, Callable, Protocol

from . import collector, temporal
from .cleaning import load_rules
from .coding import load_event_types, toll_words
from .gazetteer import load_gazetteer
from .pipeline import Options

EXECUTORS = ("local", "dask")
# A chunk is sent to a worker in one message: large enough that the cost of sending
# is small next to the work, small enough to spread the work evenly.
CHUNK_CHARACTERS = 200_000
CHUNK_DOCUMENTS = 64
DASK_CHUNK_CHARACTERS = 2_000_000
# What a web page is reckoned to hold before it is fetched: a chunk then holds a few pages, so
# fetching (slow, mostly waiting on the network) is spread over the workers.
PAGE_CHARACTERS = 25_000
# Chunks in flight per worker: keeps every worker busy while bounding memory.
CHUNKS_AHEAD = 3
# How long to wait for a Dask scheduler before saying it cannot be reached.
DASK_CONNECT_TIMEOUT = "10s"


class ExecutorError(RuntimeError):
    """The executor cannot be started (e.g. Dask missing, scheduler unreachable)."""


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return os.cpu_count() or 1


def prepare(options: Options = Options()) -> None:
    """Load what every document needs (cleaning rules, gazetteer, the tagger's patterns) once,
    before any worker is forked: the workers then share it instead of each loading its own.

    Raises RulesError, NamesError or EventTypesError for a rules, names or event types file that
    cannot be used. What is
    loaded lives as long as the run and makes no cycles: a full collection while compiling
    would walk the whole gazetteer just loaded, and once frozen no collection walks it again,
    and forked workers share its pages.
    """
    with collector.paused():
        load_rules(options.cleaning_rules)
        load_event_types(options.event_types)
        toll_words()
        if options.find_names:
            load_gazetteer(options.names)
        temporal.tagger.compile_patterns()
        collector.freeze()


class Future(Protocol):
    def result(self) -> Any: ...


class Executor(Protocol):
    """What the build needs from an executor: submit a call, and how many run at once."""

    workers: int
    chunk_characters: int
    reads_files: bool  # whether workers see this machine's files (else they get the texts)

    def submit(self, function: Callable, *args: Any) -> Future: ...

    def close(self) -> None: ...

    def stop(self) -> None:
        """Stop now, dropping the work in progress (the run was interrupted or failed)."""


@dataclass
class _Done:
    value: Any

    def result(self) -> Any:
        return self.value


class SerialExecutor:
    """Runs each call at once, in this process (``--jobs 1``)."""

    workers = 1
    chunk_characters = CHUNK_CHARACTERS
    reads_files = True

    def submit(self, function: Callable, *args: Any) -> Future:
        return _Done(function(*args))

    def close(self) -> None:
        pass

    def stop(self) -> None:
        pass


def _start_worker() -> None:
    # Ctrl-C is handled once, by the parent, which stops the pool; without this every
    # worker would print its own KeyboardInterrupt traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # The parent's handlers for SIGTERM and SIGHUP are for the parent: a worker just ends.
    for number in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, signal.SIG_DFL)
    collector.start_worker()


class PoolExecutor:
    """A pool of worker processes on this machine; they read the files themselves."""

    chunk_characters = CHUNK_CHARACTERS
    reads_files = True

    def __init__(self, workers: int):
        self.workers = workers
        self._pool = ProcessPoolExecutor(max_workers=workers, initializer=_start_worker)

    def submit(self, function: Callable, *args: Any) -> Future:
        return self._pool.submit(function, *args)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def stop(self) -> None:
        # The pool has no public way to end workers that are busy; shutdown alone waits for them.
        for process in list((self._pool._processes or {}).values()):
            process.terminate()
        self._pool.shutdown(wait=False, cancel_futures=True)


class DaskExecutor:
    """The workers of a Dask cluster (``pip install 'news-timeline[dask]'``).

    With a scheduler address the build runs on that cluster; without one, Dask
    starts a cluster on this machine.
    """

    chunk_characters = DASK_CHUNK_CHARACTERS
    reads_files = False

    def __init__(self, scheduler: str | None = None, workers: int | None = None):
        try:
            from distributed import Client
        except ImportError:
            raise ExecutorError(
                "--executor dask needs Dask: pip install 'news-timeline[dask]'"
            ) from None
        try:
            if scheduler:
                self._client = Client(scheduler, timeout=DASK_CONNECT_TIMEOUT)
            else:
                self._client = Client(n_workers=workers or default_jobs(), threads_per_worker=1)
        except (OSError, TimeoutError, ValueError) as error:
            raise ExecutorError(f"cannot reach the Dask scheduler at {scheduler}: {error}") from None
        threads = sum(self._client.nthreads().values())
        self.workers = max(1, threads)

    def submit(self, function: Callable, *args: Any) -> Future:
        # pure=False: the chunk is not hashed to make a task key (hashing costs as much as
        # sending it), and identical chunks in a corpus must still each give their results.
        return self._client.submit(function, *args, pure=False)

    def close(self) -> None:
        self._client.close()

    def stop(self) -> None:
        self._client.close()


def make_executor(kind: str = "local", jobs: int | None = None, scheduler: str | None = None) -> Executor:
    """The executor for ``--executor`` and ``--jobs`` (None: one job per core)."""
    if kind == "dask":
        return DaskExecutor(scheduler, jobs)
    if kind != "local":
        raise ExecutorError(f"unknown executor {kind!r}; choose one of {', '.join(EXECUTORS)}")
    jobs = jobs or default_jobs()
    return SerialExecutor() if jobs <= 1 else PoolExecutor(jobs)

