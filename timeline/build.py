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
import gc
import os
import signal
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from typing import Any, Callable, Iterable, Iterator, Protocol

from . import collector, temporal
from .chronology import Timeline, merge_events
from .cleaning import describe_dropped, load_rules, summarise_dropped
from .coding import load_event_types, toll_words
from .documents import Document, Problem, Source
from .events import Event
from .gazetteer import load_gazetteer
from .pipeline import DocumentResult, Options, process_document

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


@dataclass(frozen=True)
class Outcome:
    """What became of one input: its result (None when it was skipped), its problems,
    and an account of what cleaning dropped: a summary line, then one indented line per
    dropped span (made where the text still is)."""

    result: DocumentResult | None
    problems: tuple[Problem, ...] = ()
    dropped: str = ""


def prepare(options: Options = Options()) -> None:
    """Load what every document needs (cleaning rules, gazetteer, the tagger's patterns) once,
    before any worker is forked: the workers then share it instead of each loading its own.

    Raises RulesError, NamesError or EventTypesError for a rules, names or event types file that
    cannot be used. What is
    loaded lives as long as the run and makes no cycles: a full collection while compiling
    walked the gazetteer (0.05 s), and once frozen no collection walks it again, and forked
    workers share its pages.
    """
    with collector.paused():
        load_rules(options.cleaning_rules)
        load_event_types(options.event_types)
        toll_words()
        if options.find_names:
            load_gazetteer(options.names)
        temporal.tagger.compile_patterns()
        gc.freeze()


def process_chunk(items: list[Document | Source], options: Options) -> list[Outcome]:
    """Read (when given a Source) and process a chunk of documents, one at a time.

    Results carry no text: it is not needed after processing, and sending it back
    would double the traffic and the memory. Processing makes no reference cycles, so the
    cycle collector waits until the chunk is done (see timeline.collector).
    """
    with collector.paused():
        return [outcome for item in items for outcome in _process_one(item, options)]


def _process_one(item: Document | Source, options: Options) -> list[Outcome]:
    """The outcome of each document in ``item`` (a feed holds several), the problems of reading
    it going with the first."""
    if not isinstance(item, Source):
        return [_process_document(item, options)]
    documents, problems = item.read()
    if not documents:
        return [Outcome(None, problems)]
    outcomes = [_process_document(document, options) for document in documents]
    outcomes[0] = replace(outcomes[0], problems=problems + outcomes[0].problems)
    return outcomes


def _process_document(item: Document, options: Options) -> Outcome:
    try:
        result = process_document(item, options)
    except Exception as error:
        # A bug met on one document must not lose a run over a million others: it is
        # reported, with what it was, as a skipped input (and --strict stops on it).
        failure = Problem(item.path or item.name, f"processing failed ({type(error).__name__}: {error}); "
                          "this is a bug in timeline, please report it with this file")
        return Outcome(None, (failure,))
    return Outcome(replace(result, document=replace(result.document, text="")), (),
                   _dropped_account(result, item.text))


def _dropped_account(result: DocumentResult, text: str) -> str:
    lines = [summarise_dropped(result.dropped, text)]
    lines += [f"  {line}" for line in describe_dropped(result.dropped, text)]
    return "\n".join(lines)


class Future(Protocol):
    def result(self) -> Any: ...


class Executor(Protocol):
    """What the build needs from an executor: submit a call, and how many run at once."""

    workers: int
    chunk_characters: int
    reads_files: bool  # whether workers see this machine's files (else they get the texts)

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
    reads_files = True

    def submit(self, function: Callable, *args: Any) -> Future:
        return _Done(function(*args))

    def close(self) -> None:
        pass


def _start_worker() -> None:
    # Ctrl-C is handled once, by the parent, which stops the pool; without this every
    # worker would print its own KeyboardInterrupt traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # What the worker inherits (the rules, the gazetteer) lives as long as it does: the
    # cycle collector need not walk it again and again, nor touch its shared pages.
    gc.freeze()
    # A worker forked while the collector is paused here inherits the pause; it pauses the
    # collector itself where that is safe (see process_chunk).
    gc.enable()


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


def make_executor(kind: str = "local", jobs: int | None = None, scheduler: str | None = None) -> Executor:
    """The executor for ``--executor`` and ``--jobs`` (None: one job per core)."""
    if kind == "dask":
        return DaskExecutor(scheduler, jobs)
    if kind != "local":
        raise ExecutorError(f"unknown executor {kind!r}; choose one of {', '.join(EXECUTORS)}")
    jobs = jobs or default_jobs()
    return SerialExecutor() if jobs <= 1 else PoolExecutor(jobs)


def _read_here(items: Iterable[Document | Source]) -> Iterator[Document | Outcome]:
    for item in items:
        if isinstance(item, Source):
            documents, problems = item.read()
            if problems:
                yield Outcome(None, problems)
            yield from documents
        else:
            yield item


def _readable_anywhere(source: Source) -> bool:
    """Whether a worker process on this machine can read ``source`` (a file or a web page, not standard input)."""
    return source.input.path is not None or source.input.url is not None


def process(
    items: Iterable[Document | Source], options: Options = Options(), executor: Executor | None = None
) -> Iterator[Outcome]:
    """The outcome of each input, in input order, computed by ``executor`` (default: here).

    Sources are read by the workers when they share this machine's files, else here
    (standard input is always read here; web pages are fetched by the workers too, and each
    keeps what it fetched in the cache folder they share). At most a few chunks per worker are in
    flight: inputs are read only as fast as the workers take them.
    """
    executor = executor or SerialExecutor()
    ahead = max(1, executor.workers * CHUNKS_AHEAD)
    pending: collections.deque[Future | Outcome] = collections.deque()

    def submit(chunk):
        pending.append(executor.submit(process_chunk, chunk, options))

    def ready() -> Iterator[Outcome]:
        head = pending.popleft()
        if isinstance(head, Outcome):
            yield head
        else:
            yield from head.result()

    def read_here(items) -> Iterator[Document | Source | Outcome]:
        for item in items:
            if isinstance(item, Source) and not (executor.reads_files and _readable_anywhere(item)):
                yield from _read_here([item])  # standard input is read by this process
            else:
                yield item

    chunk: list[Document | Source] = []
    size = 0
    for item in read_here(items):
        if isinstance(item, Outcome):
            # Keep problems in input order: flush what is gathered, then queue the outcome.
            if chunk:
                submit(chunk)
                chunk, size = [], 0
            pending.append(item)
        else:
            chunk.append(item)
            size += len(item.text) if isinstance(item, Document) else PAGE_CHARACTERS if item.input.url else 0
            if size >= executor.chunk_characters or len(chunk) >= CHUNK_DOCUMENTS:
                submit(chunk)
                chunk, size = [], 0
        while len(pending) >= ahead:
            yield from ready()
    if chunk:
        submit(chunk)
    while pending:
        yield from ready()


def _with_places(result: DocumentResult) -> Document:
    """The document with the places it names in its metadata (``places``: names joined by "; "),
    which the JSON format keeps."""
    if not result.places:
        return result.document
    names = "; ".join(place.name for place in result.places)
    extra = tuple((k, v) for k, v in result.document.extra if k != "places") + (("places", names),)
    return replace(result.document, extra=extra)


def process_documents(
    documents: Iterable[Document | Source], options: Options = Options(), executor: Executor | None = None
) -> Iterator[DocumentResult]:
    """Each document's result, in input order (problems of Sources are dropped: use ``process``)."""
    for outcome in process(documents, options, executor):
        if outcome.result is not None:
            yield outcome.result


def build_timeline(
    items: Iterable[Document | Source],
    options: Options = Options(),
    *,
    title: str = "Timeline",
    merge: bool = False,
    executor: Executor | None = None,
    on_result: Callable[[Outcome], None] | None = None,
    problems: list[Problem] | None = None,
    on_merge: Callable[[int], None] | None = None,
) -> Timeline:
    """Process every document and order the events into a Timeline (see ``Timeline.build``).

    ``on_result`` sees the outcome of each document processed as it arrives (for
    warnings and progress); problems met reading Sources are appended to ``problems``
    as they arrive; ``on_merge`` is told how many events merging starts with.
    """
    kept_documents: list[Document] = []

    def events() -> Iterator[Event]:
        count = 0
        for outcome in process(items, options, executor):
            for problem in outcome.problems:
                if problems is not None:
                    problems.append(problem)
            if outcome.result is None:
                continue
            if on_result is not None:
                on_result(outcome)
            kept_documents.append(_with_places(outcome.result))
            count += len(outcome.result.events)
            yield from outcome.result.events
        if merge and on_merge is not None:
            on_merge(count)

    if merge:
        # Merging reads each event as it arrives, while the workers process the next documents;
        # then the workers, free again, share the comparing of reports.
        merged = merge_events(events(), executor)
        return Timeline.build(kept_documents, merged, title=title)
    # Holding the events makes many small objects and no cycles (see timeline.collector).
    with collector.paused():
        found = list(collector.collecting_rarely(events()))
    return Timeline.build(kept_documents, found, title=title)
