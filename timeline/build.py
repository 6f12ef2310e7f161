"""Building a chronology: the per-document pipeline mapped over many documents.

``process_document`` is a pure function of a document and the options, so it runs
the same here, in a pool of worker processes (``--jobs``) or on a Dask cluster
(``--executor dask``). Documents stream through: they are read as the workers
need them, a bounded number of chunks is in flight, and each result comes back
without its text, so memory follows the largest document and the events, not
the size of the corpus. Results come back in input order whatever the executor.
"""
from __future__ import annotations

import collections
import os
import signal
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from typing import Any, Callable, Iterable, Iterator, Protocol

from .chronology import Timeline
from .documents import Document
from .pipeline import DocumentResult, Options, process_document

EXECUTORS = ("local", "dask")
# A chunk is sent to a worker in one message: large enough that the cost of sending
# is small next to the work, small enough to spread the work evenly.
CHUNK_CHARACTERS = 200_000
CHUNK_DOCUMENTS = 64
DASK_CHUNK_CHARACTERS = 2_000_000
# Chunks in flight per worker: keeps every worker busy while bounding memory.
CHUNKS_AHEAD = 3


class ExecutorError(RuntimeError):
    """The executor cannot be started (e.g. Dask missing, scheduler unreachable)."""


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return os.cpu_count() or 1


def process_chunk(documents: list[Document], options: Options) -> list[DocumentResult]:
    """Run the pipeline on a chunk of documents; results carry no text (it is not needed
    after processing, and sending it back would double the traffic and the memory)."""
    results = []
    for document in documents:
        result = process_document(document, options)
        results.append(replace(result, document=replace(result.document, text="")))
    return results


class Future(Protocol):
    def result(self) -> Any: ...


class Executor(Protocol):
    """What the build needs from an executor: submit a call, and how many run at once."""

    workers: int
    chunk_characters: int

    def submit(self, function: Callable, *args: Any) -> Future: ...

    def close(self) -> None: ...


@dataclass
class _Done:
    value: Any

    def result(self) -> Any:
        return self.value


class SerialExecutor:
    """Runs each call at once, in this process (``--jobs 1``)."""

    workers = 1
    chunk_characters = CHUNK_CHARACTERS

    def submit(self, function: Callable, *args: Any) -> Future:
        return _Done(function(*args))

    def close(self) -> None:
        pass


def _ignore_interrupt() -> None:
    # Ctrl-C is handled once, by the parent, which stops the pool; without this every
    # worker would print its own KeyboardInterrupt traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class PoolExecutor:
    """A pool of worker processes on this machine."""

    chunk_characters = CHUNK_CHARACTERS

    def __init__(self, workers: int):
        self.workers = workers
        self._pool = ProcessPoolExecutor(max_workers=workers, initializer=_ignore_interrupt)

    def submit(self, function: Callable, *args: Any) -> Future:
        return self._pool.submit(function, *args)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


class DaskExecutor:
    """The workers of a Dask cluster (``pip install 'timeline[dask]'``).

    With a scheduler address the build runs on that cluster; without one, Dask
    starts a cluster on this machine.
    """

    chunk_characters = DASK_CHUNK_CHARACTERS

    def __init__(self, scheduler: str | None = None, workers: int | None = None):
        try:
            from distributed import Client
        except ImportError:
            raise ExecutorError(
                "--executor dask needs Dask: pip install 'timeline[dask]'"
            ) from None
        try:
            if scheduler:
                self._client = Client(scheduler, timeout="10s")
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


def make_executor(kind: str = "local", jobs: int | None = None, scheduler: str | None = None) -> Executor:
    """The executor for ``--executor`` and ``--jobs`` (None: one job per core)."""
    if kind == "dask":
        return DaskExecutor(scheduler, jobs)
    if kind != "local":
        raise ExecutorError(f"unknown executor {kind!r}; choose one of {', '.join(EXECUTORS)}")
    jobs = jobs or default_jobs()
    return SerialExecutor() if jobs <= 1 else PoolExecutor(jobs)


def chunks(documents: Iterable[Document], characters: int = CHUNK_CHARACTERS,
           count: int = CHUNK_DOCUMENTS) -> Iterator[list[Document]]:
    """Consecutive documents, grouped up to ``characters`` of text or ``count`` documents."""
    chunk: list[Document] = []
    size = 0
    for document in documents:
        chunk.append(document)
        size += len(document.text)
        if size >= characters or len(chunk) >= count:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def process_documents(
    documents: Iterable[Document], options: Options = Options(), executor: Executor | None = None
) -> Iterator[DocumentResult]:
    """Each document's result, in input order, computed by ``executor`` (default: here).

    At most a few chunks per worker are in flight: the documents are read only as
    fast as the workers take them.
    """
    executor = executor or SerialExecutor()
    ahead = max(1, executor.workers * CHUNKS_AHEAD)
    pending: collections.deque[Future] = collections.deque()
    for chunk in chunks(documents, executor.chunk_characters):
        pending.append(executor.submit(process_chunk, chunk, options))
        del chunk
        while len(pending) >= ahead:
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()


def build_timeline(
    documents: Iterable[Document],
    options: Options = Options(),
    *,
    title: str = "Timeline",
    executor: Executor | None = None,
    on_result: Callable[[DocumentResult], None] | None = None,
) -> Timeline:
    """Process every document and order the events into a Timeline.

    ``on_result`` sees each result as it arrives (for warnings and progress).
    """
    kept_documents: list[Document] = []
    events = []
    for result in process_documents(documents, options, executor):
        if on_result is not None:
            on_result(result)
        kept_documents.append(result.document)
        events.extend(result.events)
    return Timeline.build(kept_documents, events, title=title)
