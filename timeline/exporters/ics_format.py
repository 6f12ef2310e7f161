"""iCalendar (RFC 5545) through the icalendar package."""
from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any, BinaryIO

import icalendar

from ..chronology import Timeline
from ..events import Event
from ..hookspecs import hookimpl
from .base import Exporter


def event_uid(event: Event) -> str:
    """A UID stable across runs: the same event gets the same UID, so re-imports update it."""
    identity = f"{event.document}|{event.offset[0]}|{event.offset[1]}|{event.date}"
    return hashlib.sha1(identity.encode("utf-8")).hexdigest() + "@timeline"


def write_ics(timeline: Timeline, stream: BinaryIO, options: dict[str, Any]) -> None:
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//timeline//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", timeline.title)
    stamp = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    for event in timeline.events:
        if event.precision not in ("day", "time"):
            continue
        entry = icalendar.Event()
        entry.add("uid", event_uid(event))
        entry.add("dtstamp", stamp)
        entry.add("dtstart", event.start)
        entry.add("dtend", event.end + dt.timedelta(days=1))
        entry.add("summary", event.title)
        entry.add("description", f"{event.sentence}\n\nSource: {event.document}")
        if event.url:
            entry.add("url", event.url)
        calendar.add_component(entry)
    stream.write(calendar.to_ical())


@hookimpl
def register_exporters(register):
    register(Exporter(name="ics", write=write_ics, suffixes=(".ics",),
                      description="iCalendar: day-precision events as all-day events"))
