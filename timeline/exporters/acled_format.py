"""ACLED-style CSV: the columns conflict analysts load into their own tools, one row per event.

Columns: ``event_date``, ``year``, ``time_precision``, ``event_type``, ``sub_event_type``,
``actor1``, ``actor2``, ``country``, ``admin1``, ``location``, ``latitude``, ``longitude``,
``geo_precision``, ``source``, ``notes``, ``fatalities``, with ACLED's conventions:

- ``event_date`` is one day (ISO): the first day the date covers, and ``time_precision`` says
  how sure it is: 1 the day itself, 2 a day within a week or about a day (a weekend, "about 3
  November", "before 3 November"), 3 a month or coarser.
- ``geo_precision``: 1 a town, 2 a region or "near" a town, 3 a larger region or a country;
  empty when the event has no place.
- ``fatalities`` is a number, 0 when no figure was reported (ACLED's convention; it is a lower
  bound when the text said "at least").
- ``event_type`` is empty when the event was not coded (``unknown`` elsewhere).
- ``source`` the outlets that reported the event (else their documents), ``notes`` the sentence.

It is CSV as ``-f csv`` writes it (RFC 4180, UTF-8), and ``--excel`` works the same way: BOM and
formula cells neutralised.
"""
from __future__ import annotations

from typing import Any, BinaryIO, Mapping

from ..chronology import Timeline
from ..events import Event
from ..hookspecs import hookimpl
from .base import Exporter
from .csv_format import EXCEL_OPTION, write_rows
from .records import LIST_SEPARATOR, coordinate, event_record, has_coordinates, printable, source_documents

ACLED_COLUMNS = ("event_date", "year", "time_precision", "event_type", "sub_event_type", "actor1", "actor2",
                 "country", "admin1", "location", "latitude", "longitude", "geo_precision", "source", "notes",
                 "fatalities")
GEO_PRECISION = {"town": 1, "city": 1, "village": 1, "point": 1, "near": 2, "region": 2, "admin1": 2, "district": 2}
APPROXIMATE_MODS = {"APPROX", "BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER", "LESS_THAN", "MORE_THAN",
                    "EQUAL_OR_LESS", "EQUAL_OR_MORE"}


def time_precision(event: Event) -> int:
    """ACLED's time precision: 1 the day, 2 within a week or about a day, 3 a month or coarser."""
    if event.precision in ("day", "time"):
        return 2 if (event.mod or "") in APPROXIMATE_MODS else 1
    if event.precision == "week" or (event.end - event.start).days < 7:
        return 2
    return 3


def geo_precision(event: Event) -> str:
    """ACLED's geo precision: 1 a town, 2 a region or near a town, 3 anything larger; '' with no place."""
    location = event.location
    if location is None or not (location.name or location.text):
        return ""
    return str(GEO_PRECISION.get((location.precision or "").lower(), 3))


def _sources(event: Event, documents: Mapping[str, Any]) -> str:
    outlets = []
    for name in source_documents(event):
        document = documents.get(name)
        outlet = (getattr(document, "source", "") or "") if document is not None else ""
        outlet = outlet or name
        if outlet not in outlets:
            outlets.append(outlet)
    return printable(LIST_SEPARATOR.join(outlets))


def acled_row(event: Event, documents: Mapping[str, Any]) -> list[str]:
    record = event_record(event, documents)
    location = event.location
    located = has_coordinates(event)
    return [
        record["start"], str(event.start.year), str(time_precision(event)),
        "" if record["event_type"] == "unknown" else str(record["event_type"]), str(record["sub_event_type"]),
        str(record["actor1"]), str(record["actor2"]),
        printable(location.country or "") if location else "", printable(location.admin1 or "") if location else "",
        str(record["location"]),
        coordinate(location.latitude) if located else "", coordinate(location.longitude) if located else "",
        geo_precision(event), _sources(event, documents), str(record["sentence"]),
        str(event.fatalities.count if event.fatalities is not None else 0),
    ]


def write_acled(timeline: Timeline, stream: BinaryIO, options: Mapping[str, Any]) -> None:
    documents = {d.name: d for d in timeline.documents}
    write_rows(stream, ACLED_COLUMNS, (acled_row(event, documents) for event in timeline.events),
               bool(options.get("excel")))


@hookimpl
def register_exporters(register):
    register(Exporter(name="acled", write=write_acled, suffixes=(".acled.csv",), options=(EXCEL_OPTION,),
                      description="CSV with ACLED's columns (event_date, time_precision, event_type, actors, "
                                  "place, geo_precision, fatalities); --excel for spreadsheets"))
