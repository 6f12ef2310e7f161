"""Events as flat records: the shared view that tabular exporters (csv, xlsx, table, markdown) write.

The columns, in order (also documented in docs/formats.md):

- ``date``: the TIMEX3-style value (``2016-11-03``, ``2016-08``, ``2016-W43``, ``2016-11-04T09:00``)
- ``start``, ``end``: the inclusive ISO days the date covers
- ``precision``: ``century`` ... ``day``, ``time``
- ``title``, ``sentence``: a short headline and the evidence sentence, verbatim
- ``document``, ``offset_start``, ``offset_end``: where the sentence is
- ``date_source``: ``explicit``, ``relative`` or ``publication``
- ``expression``: the words that gave the date; ``mod``: TimeML modifier (``LATE``...)
- ``future``: ``true`` when the sentence announces something still to come
- ``places``, ``actors``: names joined by ``; ``
- ``sources``: every document reporting the event, joined by ``; ``
- ``url``: the source document's address
"""
from __future__ import annotations

import datetime as dt
import re

from ..events import Event

COLUMNS = (
    "date", "start", "end", "precision", "title", "sentence", "document", "offset_start",
    "offset_end", "date_source", "expression", "mod", "future", "places", "actors", "sources", "url",
)
LIST_SEPARATOR = "; "


def mention_names(mentions) -> list[str]:
    """Names of places or actors, without blanks or repeats, whatever the extractor left empty."""
    names: list[str] = []
    for mention in mentions or ():
        name = (getattr(mention, "name", "") or getattr(mention, "text", "") or "").strip()
        if name and name not in names:
            names.append(name)
    return names


def source_documents(event: Event) -> list[str]:
    """The event's own document, then the other documents that report it."""
    names = [event.document] if event.document else []
    for source in event.sources or ():
        if source.document and source.document not in names:
            names.append(source.document)
    return names


def source_urls(event: Event) -> list[str]:
    urls = [event.url] if event.url else []
    for source in event.sources or ():
        if source.url and source.url not in urls:
            urls.append(source.url)
    return urls


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
        "expression": event.expression or "",
        "mod": event.mod or "",
        "future": "true" if event.future else "false",
        "places": LIST_SEPARATOR.join(mention_names(event.places)),
        "actors": LIST_SEPARATOR.join(mention_names(event.actors)),
        "sources": LIST_SEPARATOR.join(source_documents(event)),
        "url": event.url or "",
    }


_CLOCK = re.compile(r"T(\d{2})(?::(\d{2})(?::(\d{2}))?)?")


def event_time(event: Event) -> dt.time | None:
    """The clock time of a time-precision event (``2016-11-04T09:00`` -> 09:00), else None."""
    if event.precision != "time":
        return None
    match = _CLOCK.search(event.date or "")
    if not match:
        return None
    hour, minute, second = (int(g) if g else 0 for g in match.groups())
    if hour > 23 or minute > 59 or second > 59:  # "T24:00" is midnight's other name; keep the day only
        return None
    return dt.time(hour, minute, second)
