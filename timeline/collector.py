"""Python's cycle collector, paused over work that makes many objects and no cycles.

The collector runs after every few hundred new objects, and each run looks at the
young objects and what they refer to; a build makes millions of small objects
(events, the keys of merging) that live until it ends, so those runs cost a large share
of merging and some of processing documents, to find nothing: the pipeline makes no
reference cycles (checked on a whole corpus). Paused, it runs only
when asked: :func:`collecting_rarely` asks each time the work has doubled, so that memory held
by a cycle (from a plugin, say) is still given back, at a cost that stays a small
share of the work.

What lives as long as the run (the rules and gazetteer loaded before the workers start,
the chronology once built) is frozen: no collection walks it again, and worker processes
forked from this one keep sharing its pages, which a collection would touch and so copy.
"""
from __future__ import annotations

import contextlib
import gc
from typing import Iterable, Iterator, TypeVar

T = TypeVar("T")


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """The collector off for the ``with`` block (then back as it was)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def collecting_rarely(items: Iterable[T], first: int = 100_000) -> Iterator[T]:
    """``items``, with a full collection after ``first`` of them, then each time their number has doubled.

    What survives a collection is frozen (see freeze): it is the results kept to the end of the
    run, and a later collection looks only at what came after it, so that all the collections of
    a long stream read each object once, not the whole heap each time. Meant for a stream of
    results read while the collector is paused (see paused)."""
    due = first
    for count, item in enumerate(items, start=1):
        yield item
        if count >= due:
            gc.collect()
            gc.freeze()
            due = 2 * count


def freeze() -> None:
    """Leave every object that exists now out of later collections: it lives as long as the run."""
    gc.freeze()


@contextlib.contextmanager
def frozen() -> Iterator[None]:
    """Every object that exists now left out of collections for the ``with`` block."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def start_worker() -> None:
    """The collector in a worker process just forked. What the worker inherits (the rules, the
    gazetteer) lives as long as it does, so it is frozen; a worker forked while the collector is
    paused here inherits the pause, so the collector is turned back on (the work pauses it where
    that is safe)."""
    gc.freeze()
    gc.enable()
