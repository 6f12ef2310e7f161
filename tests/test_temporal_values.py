"""One grammar of TIMEX3 values: the parts of a value, where a story counts from, and creation dates."""
import datetime as dt

import pytest

from timeline.temporal.values import interval_of, parse_dct, season_of, value_fields, value_start


@pytest.mark.parametrize("value, parts", [
    ("2016-11-03", {"year": "2016", "month": "11", "day": "03"}),
    ("2016-11-03TNI", {"year": "2016", "month": "11", "day": "03", "time": "NI"}),
    ("2016-W43-WE", {"year": "2016", "week": "43", "weekday": "WE"}),
    ("2016-Q3", {"year": "2016", "quarter": "3"}),
    ("2016-H2", {"year": "2016", "half": "2"}),
    ("2016-SU", {"year": "2016", "season": "SU"}),
    ("199", {"decade": "199"}),
    ("19", {"century": "19"}),
])
def test_the_parts_of_a_value(value, parts):
    fields = value_fields(value)
    assert {name: part for name, part in fields.items() if part} == parts


@pytest.mark.parametrize("value", ["PRESENT_REF", "XXXX-WXX-4", "P3D", "", "2016-13-45x"])
def test_values_that_name_no_calendar_unit(value):
    assert value_fields(value) is None


@pytest.mark.parametrize("value, start", [
    ("2016-11-03T09:00", (dt.date(2016, 11, 3), "day")),
    ("2016-11", (dt.date(2016, 11, 1), "month")),
    ("2016-Q3", (dt.date(2016, 7, 1), "quarter")),
    ("2016", (dt.date(2016, 1, 1), "year")),
    ("2016-W43", None), ("2016-SU", None), ("199", None), ("0000", None), ("FUTURE_REF", None),
])
def test_where_a_story_counts_from(value, start):
    assert value_start(value) == start


@pytest.mark.parametrize("dct, parsed", [
    ("1998-01-08", (dt.date(1998, 1, 8), "day")),
    (" 1998-01-08T10:00:00", (dt.date(1998, 1, 8), "day")),
    ("2017-04", (dt.date(2017, 4, 1), "month")),
    ("2017", (dt.date(2017, 1, 1), "year")),
    ("2017-02-30", (None, None)), ("yesterday", (None, None)), (None, (None, None)),
])
def test_creation_dates(dct, parsed):
    assert parse_dct(dct) == parsed


@pytest.mark.parametrize("value, start, end", [
    ("2016-SP", dt.date(2016, 3, 1), dt.date(2016, 5, 31)),
    ("2016-SU", dt.date(2016, 6, 1), dt.date(2016, 8, 31)),
    ("2016-FA", dt.date(2016, 9, 1), dt.date(2016, 11, 30)),
    ("2016-WI", dt.date(2016, 12, 1), dt.date(2017, 2, 28)),
])
def test_seasons_are_by_months(value, start, end):
    """One definition of seasons (seasons.tsv): the days of a season value, and the season a date is in."""
    interval = interval_of(value)
    assert (interval.start, interval.end, interval.precision) == (start, end, "season")
    for day in (start, end):
        assert "%04d-%s" % season_of(day) == value
