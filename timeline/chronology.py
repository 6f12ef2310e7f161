"""The chronological model: events in order, with the documents they come from.

Reports of the same happening in several articles are made one event by timeline.merging.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Iterable

from .documents import Document
from .events import Event
from .merging import merge_events


@dataclass(frozen=True)
class Timeline:
    """Events sorted by start, then end, then document order and position."""

    events: tuple[Event, ...]
    documents: tuple[Document, ...] = ()
    title: str = "Timeline"

    @classmethod
    def build(
        cls, documents: Iterable[Document], events: Iterable[Event], title: str = "Timeline", merge: bool = False
    ) -> "Timeline":
        """A timeline of ``events``; with ``merge``, reports of one happening become one event."""
        documents = tuple(replace(d, text="") if d.text else d for d in documents)
        order = {d.name: i for i, d in enumerate(documents)}
        events = merge_events(events) if merge else list(events)
        ordered = sorted(events, key=lambda e: (e.start, e.end, order.get(e.document, len(order)), e.offset))
        return cls(tuple(ordered), documents, title)

    def between(self, since: dt.date | None = None, until: dt.date | None = None) -> "Timeline":
        """Events whose interval overlaps [since, until]."""
        kept = tuple(
            e for e in self.events
            if (since is None or e.end >= since) and (until is None or e.start <= until)
        )
        return replace(self, events=kept)

    def __len__(self) -> int:
        return len(self.events)

    def __iter__(self):
        return iter(self.events)
