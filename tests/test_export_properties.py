"""Every exporter, any text: whatever a document's title, sentence, outlet, names and url hold, each
output is read by its real reader and nothing in it is active (see tests/output_readers.py)."""
import datetime as dt
import io
import json
import re

import pytest

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from output_readers import (read_csv, read_geojson, read_html_page, read_ics, read_kml, read_markdown, read_table,
                            read_timelinejs, read_xlsx)

from timeline.chronology import Timeline
from timeline.documents import Document
from timeline.events import Casualties, Event, Location, Mention, Source
from timeline.exporters.base import write_timeline
from timeline.exporters.json_format import timeline_from_dict
from timeline.exporters.records import printable
from timeline.plugins import load_plugins

EXPORTERS = load_plugins(None, environ={}, entry_points=False).exporters
# Pieces that break formats or try to make their readers act, mixed with any other text.
FRAGMENTS = (
    "<script>document.title='pwned'</script>", "</script>", "<!--", "<img src=x onerror=alert(1)>", "<a href=",
    '"', "'", "`", "&", "&lt;", "&#106;", "\r\n", "\r", "\n", "\u2028", "\u2029", "\x00", "\x1b[2J", "\x9b",
    "=", "+", "-", "@", "\t", "=HYPERLINK(\"http://x\",\"y\")", "[x](javascript:alert(1))", "<javascript:x>",
    "BEGIN:VEVENT", "END:VCALENDAR", "URL:", ";", ",", ":", "\\", "|", "#", "*", "_", "~", "{", "]", ")",
    "javascript:", "https://example.org/", " ", "\u202e", "\ufeff", "\ud7ff", "\U0001f4a5",
    # Excel's "_xHHHH_" escapes, a cell a ";" spreadsheet would start, closing direction marks, entities.
    "_x0041_", "_x0007_", ";=1+1", ";\"@", "\u2069", "\u202b", "\u202c", "&amp;", "&#x3C;",
)
TEXT = st.lists(st.one_of(st.text(max_size=8), st.sampled_from(FRAGMENTS)), max_size=6).map("".join)
SCHEMES = ("http://example.org/", "https://example.org/a?b=", "HTTPS://EXAMPLE.ORG/", "https://", "javascript:",
           " javascript:", "JaVaScRiPt:", "java\tscript:", "java\nscript:", "data:text/html,", "vbscript:",
           "file:///", "//example.org/", "mailto:", "")
URL = st.one_of(st.just(""), st.tuples(st.sampled_from(SCHEMES), TEXT).map("".join))
DATES = (  # value, start, end, precision, mod
    ("2016-11-03", dt.date(2016, 11, 3), dt.date(2016, 11, 3), "day", None),
    ("2016-11-04T09:00", dt.date(2016, 11, 4), dt.date(2016, 11, 4), "time", None),
    ("2016-W43-WE", dt.date(2016, 10, 29), dt.date(2016, 10, 30), "week", None),
    ("2016-08", dt.date(2016, 8, 21), dt.date(2016, 8, 31), "month", "LATE"),
    ("2015", dt.date(2015, 1, 1), dt.date(2015, 12, 31), "year", None),
    ("1850-03-05", dt.date(1850, 3, 5), dt.date(1850, 3, 5), "day", None),
)


@st.composite
def timelines(draw) -> Timeline:
    names = draw(st.lists(TEXT.filter(str.strip), min_size=1, max_size=3, unique=True))
    documents = tuple(Document(name=name, text="", title=draw(TEXT), source=draw(TEXT), url=draw(URL),
                               published=draw(st.sampled_from([None, "2016-11-05"])))
                      for name in names)
    events = []
    for index in range(draw(st.integers(1, 4))):
        date, start, end, precision, mod = draw(st.sampled_from(DATES))
        document = draw(st.sampled_from(documents))
        mention = st.builds(Mention, text=TEXT, name=TEXT, kind=st.sampled_from(["city", "group", ""]))
        location = st.builds(Location, name=TEXT, text=TEXT, admin1=TEXT, country=TEXT, precision=TEXT,
                             latitude=st.one_of(st.none(), st.floats(-90, 90)),
                             longitude=st.one_of(st.none(), st.floats(-180, 180)))
        events.append(Event(
            date=date, start=start, end=end, precision=precision, title=draw(TEXT), sentence=draw(TEXT),
            document=document.name, offset=(index * 10, index * 10 + 5), date_source="explicit",
            expression=draw(TEXT), mod=mod, url=draw(st.one_of(st.just(document.url), URL)),
            places=tuple(draw(st.lists(mention, max_size=2))), actors=tuple(draw(st.lists(mention, max_size=2))),
            sources=tuple(Source(d.name, (0, 5), draw(TEXT), d.url) for d in documents if d is not document
                          and draw(st.booleans())),
            future=draw(st.booleans()), event_type=draw(st.one_of(st.just("unknown"), TEXT)),
            sub_event_type=draw(TEXT), actor1=draw(st.one_of(st.none(), mention)),
            actor2=draw(st.one_of(st.none(), mention)), location=draw(st.one_of(st.none(), location)),
            fatalities=draw(st.one_of(st.none(), st.builds(Casualties, count=st.integers(0, 10**6), text=TEXT))),
        ))
    return Timeline.build(documents, events, title=draw(TEXT))


def export(timeline: Timeline, format_name: str, **options) -> bytes:
    stream = io.BytesIO()
    write_timeline(EXPORTERS[format_name], timeline, stream, {"report": lambda message: None, **options})
    return stream.getvalue()


SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(timelines())
def test_json_reads_back_the_same_chronology(timeline):
    written = export(timeline, "json")
    loaded = json.loads(written)
    assert export(timeline_from_dict(loaded), "json") == written
    # Lossless: every url and text is kept as it was; the exporters decide what may be a link.
    assert [d["url"] for d in loaded["documents"]] == [d.url for d in timeline.documents]
    assert [(e["title"], e["url"]) for e in loaded["events"]] == [(e.title, e.url) for e in timeline.events]


@SETTINGS
@given(timelines(), st.booleans())
def test_csv_reads_back_cell_for_cell_and_excel_gets_no_formula(timeline, excel):
    rows = read_csv(export(timeline, "csv", excel=excel), len(timeline.events), excel)
    titles = [row[rows[0].index("title")] for row in rows[1:]]
    if not excel:  # cell for cell, but for terminal control characters (records.printable)
        assert titles == [printable(e.title) for e in timeline.events]


@settings(SETTINGS, max_examples=60)
@given(timelines())
def test_xlsx_opens_with_no_formula_and_only_web_links(timeline):
    read_xlsx(export(timeline, "xlsx"), len(timeline.events))


@SETTINGS
@given(timelines())
def test_ics_has_one_vevent_per_event_and_nothing_smuggled(timeline):
    calendar = read_ics(export(timeline, "ics", ics_ranges=True), len(timeline.events))
    assert [str(e["SUMMARY"]) for e in calendar.subcomponents] == [calendar_summary(e.title) for e in timeline.events]


def calendar_summary(title: str) -> str:
    """A title as a calendar gives it back: RFC 5545 text has no control characters but tab and line
    breaks, and those are all line feeds (NEL, LS and PS too)."""
    kept = "".join(c for c in title if c in "\t\r\n\x85" or not (ord(c) < 32 or 127 <= ord(c) < 160 or c == "\ufeff"))
    return re.sub("\r\n|[\r\x85\u2028\u2029]", "\n", kept)


@SETTINGS
@given(timelines(), st.booleans())
def test_markdown_renders_nothing_active(timeline, table):
    options = {"columns": "date,title,sentence,url"} if table else {}
    read_markdown(export(timeline, "markdown", **options), len(timeline.events), table=table)


def _located(timeline: Timeline) -> int:
    return sum(1 for e in timeline.events if e.location is not None and e.location.latitude is not None
               and e.location.longitude is not None)


@SETTINGS
@given(timelines(), st.booleans())
def test_acled_csv_reads_back_and_excel_gets_no_formula(timeline, excel):
    rows = read_csv(export(timeline, "acled", excel=excel), len(timeline.events), excel)
    notes = [row[rows[0].index("notes")] for row in rows[1:]]
    if not excel:
        assert notes == [printable(e.sentence) for e in timeline.events]


@SETTINGS
@given(timelines())
def test_geojson_is_valid_with_a_point_per_located_event(timeline):
    collection = read_geojson(export(timeline, "geojson"), _located(timeline))
    located = [e for e in timeline.events if e.location is not None and e.location.latitude is not None
               and e.location.longitude is not None]
    # Longitude first; python-geojson reads coordinates rounded to 6 decimals (about 10 cm).
    assert [f["geometry"]["coordinates"] for f in collection["features"]] == \
        [[pytest.approx(e.location.longitude, abs=1e-6), pytest.approx(e.location.latitude, abs=1e-6)]
         for e in located]


@SETTINGS
@given(timelines())
def test_kml_is_well_formed_whatever_the_text(timeline):
    read_kml(export(timeline, "kml"), _located(timeline))


@SETTINGS
@given(timelines())
def test_html_page_runs_only_its_own_script(timeline):
    embedded = read_html_page(export(timeline, "html"))
    assert [e["label"] for e in embedded["events"]] == [e.title for e in timeline.events]


@SETTINGS
@given(timelines())
def test_timelinejs_matches_its_schema_and_its_html_fields_are_inert(timeline):
    read_timelinejs(export(timeline, "timelinejs"), len(timeline.events))


@SETTINGS
@given(timelines())
def test_table_sends_the_terminal_nothing_to_act_on(timeline):
    read_table(export(timeline, "table", width=100))
