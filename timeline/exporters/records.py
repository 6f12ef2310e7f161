"""Events as flat records: the shared view that tabular exporters (csv, xlsx, table, markdown) write.

The columns, in order (also documented in docs/formats.md):

- ``date``: the TIMEX3-style value (``2016-11-03``, ``2016-08``, ``2016-W43``, ``2016-11-04T09:00``)
- ``start``, ``end``: the inclusive ISO days the date covers
- ``precision``: ``century`` ... ``day``, ``time``
- ``title``, ``sentence``: a short headline and the evidence sentence, verbatim
- ``document``, ``offset_start``, ``offset_end``: where the sentence is
- ``date_source``: ``explicit``, ``relative``, ``derived`` or ``publication``
- ``expression``: the words that gave the date; ``mod``: TimeML modifier (``LATE``...; ``ON_OR_BEFORE``
  for a deadline)
- ``future``: ``true`` when the sentence announces something still to come
- ``places``, ``actors``: names joined by ``; ``
- ``sources``: every document reporting the event, joined by ``; ``
- ``url``: the source document's address
- ``event_type``, ``sub_event_type``: what kind of happening (ACLED's types; ``unknown`` when not coded)
- ``actor1``, ``actor2``: who acted, and against whom
- ``location``, ``latitude``, ``longitude``: where (the gazetteer's name; WGS 84 degrees)
- ``fatalities``: the reported number of people killed (a lower bound when the text said "at least")
- ``modifier``: ``mod`` in words (``late``, ``before``, ``about``)
- ``outlet``, ``published``: the source document's outlet and publication date

Columns a reader may also ask for with ``--columns`` (not written by default):

- ``planned``: ``planned`` when the event is still to come (``future``), else empty

``--dates human`` (the default of the table and Markdown, which people read) writes ``date`` as a
reader says it (``late Aug 2016``, ``weekend of 29-30 Oct 2016``) instead of the TIMEX3 value;
``--dates iso`` keeps the value (the default of CSV and JSON, which programs read).
- ``id``: the event's stable id (see timeline.identity): ``timeline edit`` and ``timeline import`` use it
- ``status``: ``keep`` or ``reject``; ``notes``: the analyst's notes; ``corrected``: the fields an
  analyst corrected (``date; title``), ``added`` for an event added by hand (see timeline.corrections)
- ``fingerprint``: a short hash of each of the columns ``timeline import`` reads back (EDITABLE) as
  written, so that an import tells a cell the analyst changed from one that still holds what was
  exported while the database changed since (see fingerprint)
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Mapping

import click

from ..events import Event
from ..temporal.lexicon import current_language
from ..temporal.values import value_fields

COLUMNS = (
    "date", "start", "end", "precision", "title", "sentence", "document", "offset_start",
    "offset_end", "date_source", "expression", "mod", "future", "places", "actors", "sources", "url",
    "event_type", "sub_event_type", "actor1", "actor2", "location", "latitude", "longitude", "fatalities",
    "modifier", "outlet", "published",
    "id", "status", "notes", "corrected", "fingerprint",
)
# Columns only for those who ask for them: a reader's view of columns that are already there.
EXTRA_COLUMNS = ("planned",)
DATE_STYLES = ("human", "iso")
DATES_OPTION = click.Option(
    ["--dates"], type=click.Choice(DATE_STYLES), default=None,
    help="Dates for -f table and markdown: human (late Aug 2016, weekend of 29-30 Oct 2016; the default) "
         "or iso (the TIMEX3 value: 2016-08, 2016-W43-WE).",
)
KNOWN_COLUMNS = COLUMNS + EXTRA_COLUMNS
LIST_SEPARATOR = "; "


# Unicode's explicit direction marks: embeddings and overrides (LRE RLE PDF LRO RLO) and isolates
# (LRI RLI FSI PDI). An override left open turns the text after it around until its paragraph ends:
# "Report \u202egnp.exe" shows as "Report exe.png", and the outlet and file named after it backwards.
_BIDI_CONTROL = re.compile("[\u202a-\u202e\u2066-\u2069]")
_OPENS = {"\u202a": "\u202c", "\u202b": "\u202c", "\u202d": "\u202c", "\u202e": "\u202c",
          "\u2066": "\u2069", "\u2067": "\u2069", "\u2068": "\u2069"}


def bidi_isolated(text: str) -> str:
    """``text`` as it is when it holds no direction mark; else with each mark it opens closed at its
    end, closing marks that close nothing left out, and the whole put in an isolate (FSI ... PDI), so
    that it shows as it would alone and turns no text around it. For text put beside other text in
    an output that a browser or a Markdown renderer lays out."""
    if not _BIDI_CONTROL.search(text):
        return text
    kept: list[str] = []
    open_marks: list[str] = []  # the mark that closes each one open, innermost last
    for character in text:
        if character in _OPENS:
            open_marks.append(_OPENS[character])
        elif character == "\u202c":  # PDF closes the innermost embedding, not an isolate
            if not open_marks or open_marks[-1] != "\u202c":
                continue
            open_marks.pop()
        elif character == "\u2069":  # PDI closes the innermost isolate and what opened inside it
            if "\u2069" not in open_marks:
                continue
            while open_marks.pop() != "\u2069":
                pass
        kept.append(character)
    return "\u2068" + "".join(kept) + "".join(reversed(open_marks)) + "\u2069"


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


# Every match of _TERMINAL_CONTROL holds one of these characters (an escape sequence begins with ESC):
# whether a text holds one is this quicker search.
_CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@lru_cache(maxsize=1024)
def _has_control(text: str) -> bool:
    return _CONTROL_CHARACTER.search(text) is not None


# Each control character a terminal would act on, as a character that shows it: C0 ones as their
# control pictures (ESC as U+241B, BEL as U+2407, a CR that ends no line as U+240D), DEL as U+2421,
# C1 ones as U+FFFD. One character for one, so offsets into a text still point where they did.
_CONTROL_PICTURES = {**{code: 0x2400 + code for code in range(32) if code not in (9, 10, 13)}, 0x7F: 0x2421,
                     **{code: 0xFFFD for code in range(0x80, 0xA0)}}
_LONE_CR = re.compile(r"\r(?!\n)")
# In JSON the same characters are written as escapes, which keep the data as it is.
_JSON_CONTROLS = {code: f"\\u{code:04x}" for code in (*range(0x7F, 0xA0), 0x2028, 0x2029)}


def shown_on_terminal(text: str) -> str:
    """``text`` for a terminal, character for character, with no control character it would act on."""
    shown = text.translate(_CONTROL_PICTURES)
    return _LONE_CR.sub("\u240d", shown) if "\r" in shown else shown


def json_for_terminal(text: str) -> str:
    """JSON text (json.dumps(..., ensure_ascii=False)) with the C1 controls and line separators
    it leaves as they are written as escapes: the same JSON, that no terminal acts on."""
    return text.translate(_JSON_CONTROLS)


def printable(text: str) -> str:
    """``text`` without terminal escape sequences and control characters (tab and line feed stay)."""
    return _TERMINAL_CONTROL.sub("", text) if _TERMINAL_CONTROL.search(text) else text


def mention_name(mention) -> str:
    """The name of one place or actor (its words when it has no normalised name), or ''."""
    names = mention_names((mention,) if mention is not None else ())
    return names[0] if names else ""


def coordinate(value: float | None) -> str:
    """A latitude or longitude as text: at most six decimals (about 10 cm), '' when unknown."""
    if value is None:
        return ""
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def has_coordinates(event: Event) -> bool:
    """Whether the event can be put on a map: a location with a latitude and longitude in range."""
    location = event.location
    return (location is not None and location.latitude is not None and location.longitude is not None
            and -90 <= location.latitude <= 90 and -180 <= location.longitude <= 180)


def event_record(event: Event, documents: Mapping[str, Any] | None = None, dates: str = "iso") -> dict[str, object]:
    """The event's columns, as text a terminal, a spreadsheet or a Markdown reader shows as it is.

    ``documents`` (name to Document) gives the outlet and publication date of the event's source;
    with ``dates="human"`` the date column is the date as a reader says it (``display_date``)."""
    record = raw_record(event, (documents or {}).get(event.document) if documents else None)
    if dates == "human":
        record["date"] = display_date(event, short=True)
    # The events of a sentence share its text: whether a text holds a control character is
    # found once for it, not once per event (a sentence may date hundreds of events).
    if any(map(_has_control, [value for value in record.values() if value.__class__ is str])):
        for column, value in record.items():
            if isinstance(value, str):
                record[column] = printable(value)
    return record


def raw_record(event: Event, document: Any = None) -> dict[str, object]:
    """The event's columns (``document``: its source Document, or None) before event_record makes
    their text printable."""
    return dict(zip(RECORD_NAMES, record_values(event, document)))


# The names of record_values, in its order (that of raw_record's dictionary).
RECORD_NAMES = (
    "date", "start", "end", "precision", "title", "sentence", "document", "offset_start", "offset_end",
    "date_source", "expression", "mod", "future", "places", "actors", "sources", "url", "event_type",
    "sub_event_type", "actor1", "actor2", "location", "latitude", "longitude", "fatalities", "modifier",
    "outlet", "published", "planned", "id", "status", "notes", "corrected", "fingerprint",
)


def record_values(event: Event, document: Any = None) -> tuple:
    """The values of raw_record, in the order of RECORD_NAMES: a tuple, which an exporter writing
    hundreds of thousands of rows picks its columns from without making a dictionary for each."""
    location = event.location
    fatalities = event.fatalities
    located = location is not None and has_coordinates(event)
    mod = event.mod
    return (
        event.date,
        event.start.isoformat(),
        event.end.isoformat(),
        event.precision,
        event.title,
        event.sentence,
        event.document,
        event.offset[0],
        event.offset[1],
        event.date_source,
        event.expression or "",
        mod or "",
        "true" if event.future else "false",
        LIST_SEPARATOR.join(mention_names(event.places)) if event.places else "",
        LIST_SEPARATOR.join(mention_names(event.actors)) if event.actors else "",
        LIST_SEPARATOR.join(source_documents(event)) if event.sources else event.document or "",
        event.url or "",
        event.event_type or "unknown",
        event.sub_event_type or "",
        mention_name(event.actor1) if event.actor1 is not None else "",
        mention_name(event.actor2) if event.actor2 is not None else "",
        (location.name or location.text) if location is not None else "",
        coordinate(location.latitude) if located else "",
        coordinate(location.longitude) if located else "",
        str(fatalities.count) if fatalities is not None else "",
        MOD_WORDS.get(mod, mod.lower()) if mod else "",
        (getattr(document, "source", "") or "") if document is not None else "",
        (getattr(document, "published", "") or "") if document is not None else "",
        "planned" if event.future else "",
        event.id,
        event.status,
        event.notes,
        event.corrected,
        fingerprint(event),
    )


# The values of record_values that an event has of its own (its date's), made by own_values; it shares all the
# others with the events of its sentence coded alike, and they follow from its shared_fields alone.
OWN_NAMES = ("date", "start", "end", "precision", "date_source", "expression", "mod", "future", "modifier",
             "planned", "id", "fingerprint")


def own_values(event: Event) -> tuple:
    """The values of record_values named in OWN_NAMES, in that order, made as record_values makes them (a
    test keeps the two alike): a row whose other values are known needs these alone."""
    mod = event.mod
    return (
        event.date,
        event.start.isoformat(),
        event.end.isoformat(),
        event.precision,
        event.date_source,
        event.expression or "",
        mod or "",
        "true" if event.future else "false",
        MOD_WORDS.get(mod, mod.lower()) if mod else "",
        "planned" if event.future else "",
        event.id,
        fingerprint(event),
    )


def shared_fields(event: Event, document: Any = None) -> tuple:
    """What the values of record_values not in OWN_NAMES are made of (``document``: as for record_values):
    events with equal shared fields have equal values there, whatever their dates."""
    return (event.title, event.sentence, event.document, event.offset, event.places, event.actors, event.sources,
            event.url, event.event_type, event.sub_event_type, event.actor1, event.actor2, event.location,
            event.fatalities, event.status, event.notes, event.corrected, document)


# The columns `timeline import` reads back as corrections, in the order of their parts in a fingerprint.
EDITABLE = ("status", "date", "title", "notes", "event_type")
DIGEST_SIZE = 3  # bytes: an edit taken for the value exported is one chance in 16.7 million


def fingerprint(event: Event) -> str:
    """The cells of EDITABLE as record_values writes them, each as cell_digest gives it, joined by ".".

    `timeline import` compares each cell with its part: the same, the analyst left it as
    exported, and a database value that differs was changed since and stays. Hashes rather than
    the values themselves: a CSV file has no hidden place for a second copy of each title and note."""
    before, after = _shared_digests(event.status, event.title, event.notes, event.event_type or "unknown")
    return before + _date_digest(event.date) + after


@lru_cache(maxsize=4096)
def _shared_digests(status: Any, title: Any, notes: Any, event_type: Any) -> tuple[str, str]:
    """The parts of a fingerprint before and after the date's: the same for the events of a sentence,
    made once for them all (written in the order of EDITABLE)."""
    return (cell_digest("status", status) + ".",
            "." + ".".join((cell_digest("title", title), cell_digest("notes", notes),
                            cell_digest("event_type", event_type))))


@lru_cache(maxsize=4096)
def _date_digest(date: Any) -> str:
    return cell_digest("date", date)


@lru_cache(maxsize=4096)
def cell_digest(column: str, value: Any) -> str:
    """DIGEST_SIZE bytes in hex of a hash of a cell of ``column`` as an import compares it: its
    printable text (as written) without the blanks around it, a status in lower case, an empty
    one being keep."""
    text = value if value.__class__ is str else str(value)
    if _CONTROL_CHARACTER.search(text):  # the quicker test of most texts, which have none
        text = printable(text)
    text = text.strip()
    if column == "status":
        text = text.lower() or "keep"
    return hashlib.blake2s(text.encode("utf-8", "surrogatepass"), digest_size=DIGEST_SIZE).hexdigest()


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


# Month and season names as the language's lexicon lists them (months.tsv, seasons.tsv).
MONTH_NAMES = tuple(name.capitalize() for name in current_language().month_names)
SEASON_NAMES = current_language().season_names
MOD_WORDS = {"EARLY": "early", "MID": "mid", "LATE": "late", "START": "start of", "END": "end of",
             "APPROX": "about", "BEFORE": "before", "AFTER": "after", "ON_OR_BEFORE": "on or before",
             "ON_OR_AFTER": "on or after", "LESS_THAN": "less than", "MORE_THAN": "more than",
             "EQUAL_OR_LESS": "at most", "EQUAL_OR_MORE": "at least"}
PARTS_OF_DAY = {"MO": "morning", "MI": "midday", "AF": "afternoon", "EV": "evening", "NI": "night", "DT": "daytime"}


def _ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def _month_name(month: int, short: bool) -> str:
    name = MONTH_NAMES[month - 1]
    return name[:3] if short else name


def _day_text(day: dt.date, short: bool = False) -> str:
    return f"{day.day} {_month_name(day.month, short)} {day.year}"


def _days_text(start: dt.date, end: dt.date) -> str:
    """Two days as short as they can be said: ``29-30 Oct 2016``, ``31 Oct-1 Nov 2016``."""
    if start == end:
        return _day_text(start, True)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}-{end.day} {_month_name(end.month, True)} {end.year}"
    if start.year == end.year:
        return f"{start.day} {_month_name(start.month, True)}-{end.day} {_month_name(end.month, True)} {end.year}"
    return f"{_day_text(start, True)}-{_day_text(end, True)}"


def display_date(event: Event, short: bool = False) -> str:
    """The event's date as a reader says it: ``6 May 2016``, ``late August 2016``, ``summer 2016``.

    ``short`` is for narrow columns (a terminal table): months in three letters and the day a part
    of the day or a weekend falls on said first: ``night of 3 Nov 2016``, ``weekend of 29-30 Oct 2016``."""
    start, precision = event.start, event.precision
    code = value_fields(event.date or "") or {}
    if precision == "time":
        clock = event_time(event)
        text = _day_text(start, short) + (f", {clock:%H:%M}" if clock else "")
    elif precision == "day":
        text = _day_text(start, short)
        if code.get("time") in PARTS_OF_DAY:
            part = PARTS_OF_DAY[code["time"]]
            text = f"{part} of {text}" if short else f"{text}, {part}"
    elif precision == "week":
        if code.get("weekday") == "WE":
            text = "weekend of " + (_days_text(start, event.end) if short else _day_text(start))
        else:
            text = "week of " + _day_text(start, short)
    elif precision == "month":
        text = f"{_month_name(int(code['month']), short)} {code['year']}" if code.get("month") and not code["day"] \
            else f"{_month_name(start.month, short)} {start.year}"
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
        text = _day_text(start, short)
    else:
        text = f"{_day_text(start, short)} – {_day_text(event.end, short)}"
    mod = MOD_WORDS.get(event.mod or "")
    return f"{mod} {text}" if mod else text


def located_events(timeline, options: Mapping[str, Any], format_name: str) -> list[Event]:
    """The events that can go on a map; how many cannot is reported, so none goes missing unsaid."""
    from .base import report

    located = [event for event in timeline.events if has_coordinates(event)]
    missing = len(timeline.events) - len(located)
    if missing:
        report(options, f"{format_name}: {missing:,} of {len(timeline.events):,} events left out: "
                        "their place has no coordinates")
    return located


def map_properties(event: Event, documents: Mapping[str, Any]) -> dict[str, Any]:
    """What a map shows of an event beside its point: the columns an analyst filters on, with
    numbers as numbers, lists as lists, and the url only when it is a web address."""
    from ..links import web_address

    record = event_record(event, documents)
    location = event.location
    return {
        "date": record["date"], "start": record["start"], "end": record["end"], "precision": event.precision,
        "title": record["title"], "sentence": record["sentence"], "planned": event.future,
        "event_type": record["event_type"], "sub_event_type": record["sub_event_type"],
        "actor1": record["actor1"], "actor2": record["actor2"],
        "fatalities": event.fatalities.count if event.fatalities is not None else None,
        "location": record["location"], "admin1": printable(location.admin1 or "") if location else "",
        "country": printable(location.country or "") if location else "",
        "geo_precision": printable(location.precision or "") if location else "",
        "sources": source_documents(event), "url": web_address(event.url),
    }


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
