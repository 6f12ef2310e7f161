import datetime as dt

import pytest
from test_export_samples import make_event

from timeline.exporters.records import display_date, event_time


@pytest.mark.parametrize("value, precision, start, end, mod, expected", [
    ("2016-11-03", "day", (2016, 11, 3), (2016, 11, 3), None, "3 November 2016"),
    ("2016-11-03TEV", "day", (2016, 11, 3), (2016, 11, 3), None, "3 November 2016, evening"),
    ("2016-11-04T09:00", "time", (2016, 11, 4), (2016, 11, 4), None, "4 November 2016, 09:00"),
    ("2016-08", "month", (2016, 8, 21), (2016, 8, 31), "LATE", "late August 2016"),
    ("2016-W43", "week", (2016, 10, 24), (2016, 10, 30), None, "week of 24 October 2016"),
    ("2016-W43-WE", "week", (2016, 10, 29), (2016, 10, 30), None, "weekend of 29 October 2016"),
    ("2016-SU", "season", (2016, 6, 1), (2016, 8, 31), None, "summer 2016"),
    ("2016-Q3", "quarter", (2016, 7, 1), (2016, 9, 30), None, "Q3 2016"),
    ("2016-H1", "half", (2016, 1, 1), (2016, 6, 30), None, "first half of 2016"),
    ("2015", "year", (2015, 1, 1), (2015, 12, 31), "APPROX", "about 2015"),
    ("201", "decade", (2010, 1, 1), (2019, 12, 31), None, "2010s"),
    ("20", "century", (2000, 1, 1), (2099, 12, 31), None, "21st century"),
    ("19", "century", (1900, 1, 1), (1999, 12, 31), None, "20th century"),
])
def test_display_date_says_the_date_as_a_reader_would(value, precision, start, end, mod, expected):
    event = make_event(value, dt.date(*start), dt.date(*end), precision, "x", mod=mod)
    assert display_date(event) == expected


def test_event_time_only_for_clock_times():
    day = dt.date(2016, 11, 4)
    assert event_time(make_event("2016-11-04T09:30", day, day, "time", "x")) == dt.time(9, 30)
    assert event_time(make_event("2016-11-04T24:00", day, day, "time", "x")) is None
    assert event_time(make_event("2016-11-04", day, day, "day", "x")) is None


@pytest.mark.parametrize("value, precision, start, end, mod, expected", [
    ("2016-W43-WE", "week", (2016, 10, 29), (2016, 10, 30), None, "weekend of 29-30 Oct 2016"),
    ("2016-W44-WE", "week", (2016, 10, 31), (2016, 11, 1), None, "weekend of 31 Oct-1 Nov 2016"),
    ("2016-11-03TNI", "day", (2016, 11, 3), (2016, 11, 3), None, "night of 3 Nov 2016"),
    ("2016-08", "month", (2016, 8, 21), (2016, 8, 31), "LATE", "late Aug 2016"),
    ("2016-W43", "week", (2016, 10, 24), (2016, 10, 30), None, "week of 24 Oct 2016"),
    ("2016-11-04T09:00", "time", (2016, 11, 4), (2016, 11, 4), None, "4 Nov 2016, 09:00"),
    ("2016-SU", "season", (2016, 6, 21), (2016, 9, 22), "BEFORE", "before summer 2016"),
])
def test_short_display_date_fits_a_narrow_column(value, precision, start, end, mod, expected):
    event = make_event(value, dt.date(*start), dt.date(*end), precision, "x", mod=mod)
    assert display_date(event, short=True) == expected


def test_record_carries_the_coded_fields_and_the_source():
    from test_export_samples import sample_timeline

    from timeline.events import Casualties, Location, Mention
    from timeline.exporters.records import event_record

    timeline = sample_timeline()
    event = timeline.events[6]
    import dataclasses

    coded = dataclasses.replace(event, event_type="Battles", sub_event_type="Armed clash",
                                actor1=Mention("rebels", "Rebels"), actor2=Mention("", "Government forces"),
                                location=Location("Aleppo", "Aleppo", 36.2021, 37.1343, "Aleppo", "Syria", "town"),
                                fatalities=Casualties(12, "at least", text="at least 12 killed"), mod="APPROX")
    record = event_record(coded, {d.name: d for d in timeline.documents})
    assert {k: record[k] for k in ("event_type", "sub_event_type", "actor1", "actor2", "location", "latitude",
                                   "longitude", "fatalities", "modifier", "outlet", "published")} == {
        "event_type": "Battles", "sub_event_type": "Armed clash", "actor1": "Rebels", "actor2": "Government forces",
        "location": "Aleppo", "latitude": "36.2021", "longitude": "37.1343", "fatalities": "12", "modifier": "about",
        "outlet": "Wire", "published": "2016-11-05"}
    empty = event_record(timeline.events[0])
    assert (empty["event_type"], empty["location"], empty["latitude"], empty["fatalities"], empty["outlet"]) == \
        ("unknown", "", "", "", "")
