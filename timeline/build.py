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
from dataclasses import dataclass, replace
from typing import Callable, Iterable, Iterator

from . import collector
from .chronology import Timeline
from .cleaning import describe_dropped, summarise_dropped
from .documents import Document, Problem, one_line
from .events import Event
from .executors import CHUNK_DOCUMENTS, CHUNKS_AHEAD, PAGE_CHARACTERS, Executor, Future, SerialExecutor
from .inputs import Source
from .merging import merge_events
from .pipeline import DocumentResult, Options, process_document


@dataclass(frozen=True)
class Outcome:
    """What became of one input: its result (None when it was skipped), its problems,
    and an account of what cleaning dropped: a summary line, then one indented line per
    dropped span (made where the text still is)."""

    result: DocumentResult | None
    problems: tuple[Problem, ...] = ()
    dropped: str = ""


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
    """What cleaning dropped, for the terminal (-v): the document's words quoted with their control
    characters and direction marks escaped, so that a terminal acts on none of them."""
    lines = [one_line(summarise_dropped(result.dropped, text))]
    lines += [f"  {one_line(line)}" for line in describe_dropped(result.dropped, text)]
    return "\n".join(lines)


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
