"""The JSON that Knight Lab's TimelineJS loads (https://timeline.knightlab.com/docs/json-format.html).

Dates keep their precision: a year-only event has ``{"year"}``, a month
``{"year", "month"}``, a day adds ``"day"``, a time ``"hour"`` and ``"minute"``;
ranges (weeks, seasons, "late August") get an ``end_date``.  ``display_date``
says the date as a reader would ("late August 2016"); ``group`` is the source.

TimelineJS puts headlines, texts, display dates and group labels into the page as
HTML: all of them are escaped here, and only http and https addresses become links.
"""
from __future__ import annotations

import datetime as dt
import html
import json
from typing import Any, BinaryIO, Iterator, Mapping

from ..chronology import Timeline
from ..events import Event
from ..hookspecs import hookimpl
from ..links import web_address
from .base import Exporter, write_pieces
from .ics_format import event_uid
from .records import bidi_isolated, display_date, event_time, source_references

YEAR_ONLY = ("year", "decade", "century")


def _day(day: dt.date) -> dict[str, int]:
    return {"year": day.year, "month": day.month, "day": day.day}


def event_dates(event: Event) -> tuple[dict[str, int], dict[str, int] | None]:
    """TimelineJS start_date and end_date (None when the event is a single point at its precision)."""
    if event.precision in YEAR_ONLY and not event.mod:
        start, end = {"year": event.start.year}, {"year": event.end.year}
    elif event.precision == "month" and not event.mod:
        start, end = {"year": event.start.year, "month": event.start.month}, None
    else:
        start, end = _day(event.start), _day(event.end)
        clock = event_time(event)
        if clock is not None:
            start.update(hour=clock.hour, minute=clock.minute)
            end = None
    if end == start or (end is not None and event.start == event.end):
        end = None
    return start, end


def _text(event: Event, documents: Mapping[str, Any]) -> str:
    parts = [f"<p>{_e(event.sentence)}</p>"]
    links = []
    for source in source_references(event, documents):
        label = _e(source.title or source.publisher or source.document)
        address = web_address(source.url)
        if address:
            links.append(f'<a href="{html.escape(address, quote=True)}" rel="noopener noreferrer">{label}</a>')
        else:
            links.append(label + (f" ({_e(source.url)})" if source.url else ""))
    parts.append(f"<p>Source: {'; '.join(links)}</p>")
    return "".join(parts)


def _e(text: Any) -> str:
    """Text as TimelineJS shows it: its text fields, display date and group label are HTML, laid
    out beside other text (direction marks are kept to the text: records.bidi_isolated)."""
    return html.escape(bidi_isolated(str(text)), quote=True)


def timelinejs_events(timeline: Timeline) -> Iterator[dict[str, Any]]:
    """TimelineJS's event slides, one at a time."""
    documents = {d.name: d for d in timeline.documents}
    seen: set[str] = set()
    for event in timeline.events:
        unique_id = event_uid(event).split("@")[0]
        while unique_id in seen:
            unique_id += "-"
        seen.add(unique_id)
        start, end = event_dates(event)
        document = documents.get(event.document)
        entry: dict[str, Any] = {
            "start_date": start,
            "text": {"headline": _e(event.title), "text": _text(event, documents)},
            "display_date": _e(display_date(event)),
            "group": _e(document.source if document and document.source else event.document),
            "unique_id": unique_id,
        }
        if end is not None:
            entry["end_date"] = end
        yield entry


def _title_slide(timeline: Timeline) -> dict[str, Any]:
    names = len({d.name for d in timeline.documents} or {e.document for e in timeline.events})
    return {"text": {"headline": _e(timeline.title),
                     "text": f"<p>{len(timeline.events)} events from {names} documents</p>"}}


def write_timelinejs(timeline: Timeline, stream: BinaryIO, options: Mapping[str, Any]) -> None:
    """One slide per line, written as made: memory stays flat."""
    def pieces() -> Iterator[str]:
        yield '{"title": ' + json.dumps(_title_slide(timeline), ensure_ascii=False) + ',\n "events": ['
        separator = "\n  "
        for entry in timelinejs_events(timeline):
            yield separator + json.dumps(entry, ensure_ascii=False)
            separator = ",\n  "
        yield "\n ]\n}\n"

    write_pieces(stream, pieces())


@hookimpl
def register_exporters(register):
    register(Exporter(name="timelinejs", write=write_timelinejs, suffixes=(".timeline.json",),
                      description="JSON for Knight Lab's TimelineJS (partial dates kept partial)"))
