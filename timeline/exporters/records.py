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
- ``id``: the event's stable id (see timeline.identity): ``timeline edit`` and ``timeline import`` use it
- ``status``: ``keep`` or ``reject``; ``notes``: the analyst's notes; ``corrected``: the fields an
  analyst corrected (``date; title``), ``added`` for an event added by hand (see timeline.corrections)
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Mapping

from ..events import Event
from ..temporal.values import value_fields

COLUMNS = (
    "date", "start", "end", "precision", "title", "sentence", "document", "offset_start",
    "offset_end", "date_source", "expression", "mod", "future", "places", "actors", "sources", "url",
    "id", "status", "notes", "corrected",
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


# What a terminal acts on instead of showing: escape sequences (CSI, as in colours and clearing the
# screen; OSC, as in setting the window title, ended by BEL or ST; two-byte ones) and other control
# characters but tab and line feed. Article text copied from anywhere may hold them.
_TERMINAL_CONTROL = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]?|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[ -~]?"
                               r"|[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """``text`` without terminal escape sequences and control characters (tab and line feed stay)."""
    return _TERMINAL_CONTROL.sub("", text) if _TERMINAL_CONTROL.search(text) else text


def event_record(event: Event) -> dict[str, object]:
    """The event's columns, as text a terminal, a spreadsheet or a Markdown reader shows as it is."""
    record = _raw_record(event)
    for column, value in record.items():
        if isinstance(value, str):
            record[column] = printable(value)
    return record


def _raw_record(event: Event) -> dict[str, object]:
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
        "id": event.id,
        "status": event.status,
        "notes": event.notes,
        "corrected": event.corrected,
    }


def event_time(event: Event) -> dt.time | None:
    """The clock time of a time-precision event (``2016-11-04T09:00`` -> 09:00), else None."""
    if event.precision != "time":
        return None
    fields = value_fields(event.date or "")
    clock = fields and fields["time"]
    if not clock or not clock[0].isdigit():
        return None
    hour, minute, second = (int(clock[i:i + 2]) if len(clock) > i else 0 for i in (0, 3, 6))
    if hour > 23 or minute > 59 or second > 59:  # "T24:00" is midnight's other name; keep the day only
        return None
    return dt.time(hour, minute, second)


MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December")
SEASON_NAMES = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
MOD_WORDS = {"EARLY": "early", "MID": "mid", "LATE": "late", "START": "start of", "END": "end of",
             "APPROX": "about", "BEFORE": "before", "AFTER": "after", "ON_OR_BEFORE": "on or before",
             "ON_OR_AFTER": "on or after", "LESS_THAN": "less than", "MORE_THAN": "more than",
             "EQUAL_OR_LESS": "at most", "EQUAL_OR_MORE": "at least"}
PARTS_OF_DAY = {"MO": "morning", "MI": "midday", "AF": "afternoon", "EV": "evening", "NI": "night", "DT": "daytime"}


def _ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def _day_text(day: dt.date) -> str:
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def display_date(event: Event) -> str:
    """The event's date as a reader says it: ``6 May 2016``, ``late August 2016``, ``summer 2016``."""
    start, precision = event.start, event.precision
    code = value_fields(event.date or "") or {}
    if precision == "time":
        clock = event_time(event)
        text = _day_text(start) + (f", {clock:%H:%M}" if clock else "")
    elif precision == "day":
        text = _day_text(start)
        if code.get("time") in PARTS_OF_DAY:
            text += f", {PARTS_OF_DAY[code['time']]}"
    elif precision == "week":
        text = ("weekend of " if code.get("weekday") == "WE" else "week of ") + _day_text(start)
    elif precision == "month":
        text = f"{MONTH_NAMES[int(code['month']) - 1]} {code['year']}" if code.get("month") and not code["day"] \
            else f"{MONTH_NAMES[start.month - 1]} {start.year}"
    elif precision == "season" and code.get("season"):
        text = f"{SEASON_NAMES[code['season']]} {event.date[:4]}"
    elif precision == "quarter" and code.get("quarter"):
        text = f"Q{code['quarter']} {event.date[:4]}"
    elif precision == "half" and code.get("half"):
        text = f"{'first' if code['half'] == '1' else 'second'} half of {event.date[:4]}"
    elif precision == "year":
        text = (event.date or "")[:4] or str(start.year)
    elif precision == "decade":
        text = f"{(event.date or str(start.year))[:3]}0s"
    elif precision == "century":
        text = f"{_ordinal(int((event.date or str(start.year))[:2]) + 1)} century"
    elif event.start == event.end:
        text = _day_text(start)
    else:
        text = f"{_day_text(start)} – {_day_text(event.end)}"
    mod = MOD_WORDS.get(event.mod or "")
    return f"{mod} {text}" if mod else text


@dataclass(frozen=True)
class SourceReference:
    """One document reporting an event, as a reader is shown it."""

    document: str
    title: str
    publisher: str
    url: str


def source_references(event: Event, documents: Mapping[str, Any]) -> list[SourceReference]:
    """The event's own document, then the others reporting it, with titles and links from their metadata."""
    urls = {event.document: event.url}
    for source in event.sources or ():
        urls.setdefault(source.document, source.url)
    references = []
    for name in source_documents(event):
        document = documents.get(name)
        title = (document.title or "") if document is not None else ""
        publisher = (document.source or "") if document is not None else ""
        url = ((document.url or "") if document is not None else "") or urls.get(name) or ""
        references.append(SourceReference(name, title, publisher, url))
    return references
