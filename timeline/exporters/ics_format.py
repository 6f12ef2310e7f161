"""iCalendar (RFC 5545) through the icalendar package.

- Day events are all-day events: ``DTSTART;VALUE=DATE`` and an exclusive
  ``DTEND`` the day after (a datetime would make a timed event at midnight).
- Events with a clock time (``2016-11-04T09:00``) are timed events in floating
  time: articles give the local time of the place where it happened and rarely
  its zone, so the calendar shows 09:00 whatever zone it is viewed from rather
  than shifting it to a zone we would have to guess.  They have no ``DTEND``
  (RFC 5545: the event then ends when it starts).
- Coarser events (week, month, season, year...) are left out, and their number
  reported, unless ``--ics-ranges`` asks for them as multi-day all-day events.
- ``UID`` is the event's id (see timeline.identity; for an event without one, a
  hash of its source, the sentence's offsets and the date expression), so the same
  event gets the same UID in every run, ``timeline add`` and rebuild, and
  re-importing a calendar updates it instead of duplicating it.
- ``LOCATION`` is the event's place (else the places its sentence names), ``GEO`` its
  coordinates (``latitude;longitude``) when known, ``CATEGORIES`` the event type and sub-type,
  the actors and the precision, so a calendar can colour or filter by type.
- ``URL`` is written only for http and https addresses (icalendar does not
  escape a URI value, so a line break in one would start a new property);
  every address is in the description, as text.
- ``DTSTAMP`` is the time of writing in UTC, or ``SOURCE_DATE_EPOCH`` when set
  (for reproducible builds).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from collections import Counter
from typing import TYPE_CHECKING, Any, BinaryIO, Iterator, Mapping

import click

from .. import __version__
from ..chronology import Timeline
from ..events import Event
from ..hookspecs import hookimpl
from ..links import web_address
from .base import Exporter, report
from .records import event_time, has_coordinates, mention_name, mention_names, source_references

if TYPE_CHECKING:  # imported when a calendar is written: importing icalendar takes a while
    import icalendar

UID_DOMAIN = "timeline"
ALL_DAY_PRECISIONS = ("day", "time")

RANGES_OPTION = click.Option(
    ["--ics-ranges"], is_flag=True, default=False,
    help="-f ics: include events dated to a week, month, season or year as multi-day events "
         "(left out by default, and counted on stderr).",
)


# RFC 5545 text holds no control character but tab and line breaks (which icalendar escapes, so no
# text starts a property of its own); U+FEFF goes too, since icalendar takes one that starts a value
# for a byte order mark and drops it. So do the C1 controls; and NEL, LS and PS, which icalendar
# writes as they are, are line breaks to every reader that splits lines as Unicode does (Python's
# str.splitlines): there a title holding "<NEL>BEGIN:VEVENT" would start an event of its own.
# They are made line feeds, which icalendar escapes as "\n".
_NOT_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufeff]")
_UNICODE_LINE_BREAKS = str.maketrans({"\x85": "\n", "\u2028": "\n", "\u2029": "\n"})


def calendar_text(value: str) -> str:
    """Text as a calendar value may hold it: each line break one line feed (a carriage return made one
    first, so that a return before a NEL stays two breaks, not the one "\r\n" they would make)."""
    value = _NOT_TEXT.sub("", value)
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value.translate(_UNICODE_LINE_BREAKS)


def event_identity(event: Event) -> str:
    """What makes an event the same event across runs."""
    return "|".join((event.url or event.document, str(event.offset[0]), str(event.offset[1]), event.expression or event.date))


def event_uid(event: Event) -> str:
    """A UID stable across runs: the same event gets the same UID, so re-imports update it. It is
    the event's id (see timeline.identity) when it has one, else a hash of its identity."""
    if event.id:
        return f"{event.id}@{UID_DOMAIN}"
    return hashlib.sha1(event_identity(event).encode("utf-8")).hexdigest() + "@" + UID_DOMAIN


def _stamp() -> dt.datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


def _description(event: Event, documents: Mapping[str, Any]) -> str:
    lines = [event.sentence.strip(), ""]
    for source in source_references(event, documents):
        named = " — ".join(x for x in (source.publisher, source.title) if x)
        lines.append(f"Source: {named} ({source.document})" if named else f"Source: {source.document}")
        if source.url:
            lines.append(source.url)
    if event.fatalities is not None:
        lines.append(f"Fatalities: {event.fatalities.count}"
                     + (f" ({event.fatalities.qualifier})" if event.fatalities.qualifier != "exact" else ""))
    lines.append(f"Date: {event.date} ({event.date_source}"
                 + (f", from “{event.expression}”" if event.expression else "") + ")")
    return "\n".join(lines)


def _calendar(timeline: Timeline) -> icalendar.Calendar:
    import icalendar

    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//timeline//timeline {__version__}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    # icalendar writes these two as they are, without escaping line breaks (it refuses a
    # line feed and lets a bare CR through, which some readers take for a line end): one line.
    name = " ".join(calendar_text(timeline.title).split())
    calendar.add("x-wr-calname", name)
    calendar.add("name", name)
    return calendar


def calendar_entries(timeline: Timeline, ranges: bool, left_out: Counter) -> Iterator[icalendar.Event]:
    """The VEVENTs of the chronology, one at a time; events left out are counted by precision in ``left_out``."""
    import icalendar

    stamp = _stamp()
    documents = {d.name: d for d in timeline.documents}
    seen: Counter = Counter()
    for event in timeline.events:
        clock = event_time(event)
        if event.precision not in ALL_DAY_PRECISIONS and not ranges:
            left_out[event.precision] += 1
            continue
        entry = icalendar.Event()
        uid = event_uid(event)
        seen[uid] += 1
        if seen[uid] > 1:  # the same identity twice in one run (e.g. a repeated sentence): keep UIDs unique
            uid = uid.replace("@", f"-{seen[uid]}@", 1)
        entry.add("uid", uid)
        entry.add("dtstamp", stamp)
        if clock is not None:
            entry.add("dtstart", dt.datetime.combine(event.start, clock))  # naive: floating time
        else:
            entry.add("dtstart", event.start)
            if event.end < dt.date.max:  # without DTEND an all-day event lasts its one day
                entry.add("dtend", event.end + dt.timedelta(days=1))
        entry.add("transp", "TRANSPARENT")  # a chronology's events must not make the reader look busy
        entry.add("summary", calendar_text(event.title))
        entry.add("description", calendar_text(_description(event, documents)))
        if web_address(event.url):  # a URI property: any other address stays text in the description
            entry.add("url", event.url)
        place = mention_name(event.location) if event.location is not None else ""
        places = [place] if place else mention_names(event.places)
        if places:
            entry.add("location", calendar_text("; ".join(places)))
        if has_coordinates(event):  # GEO is latitude;longitude (RFC 5545 3.8.1.6)
            entry.add("geo", (event.location.latitude, event.location.longitude))
        coded = [name for name in (event.event_type if event.event_type != "unknown" else "", event.sub_event_type,
                                   mention_name(event.actor1), mention_name(event.actor2)) if name]
        actors = [name for name in mention_names(event.actors) if name not in coded]
        entry.add("categories", [calendar_text(name) for name in coded + actors] + [event.precision])
        yield entry


def write_ics(timeline: Timeline, stream: BinaryIO, options: Mapping[str, Any]) -> None:
    """The calendar's head, then each event as it is made, then its end: memory stays flat."""
    end = b"END:VCALENDAR\r\n"
    head = _calendar(timeline).to_ical()
    stream.write(head[: head.rindex(end)])
    left_out: Counter = Counter()
    batch: list[bytes] = []
    for entry in calendar_entries(timeline, bool(options.get("ics_ranges")), left_out):
        batch.append(entry.to_ical())
        if len(batch) >= 1000:
            stream.write(b"".join(batch))
            batch.clear()
    batch.append(end)
    stream.write(b"".join(batch))
    if left_out:
        detail = ", ".join(f"{precision}: {count}" for precision, count in sorted(left_out.items()))
        report(options, f"ics: left out {sum(left_out.values())} events dated more coarsely than a day ({detail}); "
                        "--ics-ranges adds them as multi-day events")


@hookimpl
def register_exporters(register):
    register(Exporter(name="ics", write=write_ics, suffixes=(".ics",), options=(RANGES_OPTION,),
                      description="iCalendar: all-day and timed events with stable UIDs; --ics-ranges for coarser ones"))
