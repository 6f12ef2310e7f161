"""Events as flat records: the shared view that tabular exporters write."""
from __future__ import annotations

from ..events import Event

COLUMNS = (
    "date", "start", "end", "precision", "title", "sentence", "document", "offset_start",
    "offset_end", "date_source", "expression", "future", "places", "actors", "sources", "url",
)


def event_record(event: Event) -> dict[str, object]:
    return {
        "date": event.date,
        "start": event.start.isoformat(),
        "end": event.end.isoformat(),
        "precision": event.precision,
        "title": event.title,
        "sentence": event.sentence,
        "document": event.document,
        "offset_start": event.offset[0],
        "offset_end": event.offset[1],
        "date_source": event.date_source,
        "expression": event.expression,
        "future": event.future,
        "places": "; ".join(m.name for m in event.places),
        "actors": "; ".join(m.name for m in event.actors),
        "sources": "; ".join([event.document] + [s.document for s in event.sources]),
        "url": event.url,
    }
