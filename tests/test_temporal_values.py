"""One grammar of TIMEX3 values: the parts of a value, where a story counts from, and creation dates."""
import datetime as dt

import pytest

from timeline.temporal.values import (DATE_TIME, day_exists, duration_parts, format_duration, format_value, interval_of,
                                      parse_dct, season_of, value_fields, value_start)


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


@pytest.mark.parametrize("value, start, end, precision", [
    ("2013-07-XX", "2013-07-01", "2013-07-31", "month"),
    ("1997-02-XXTNI", "1997-02-01", "1997-02-28", "month"),
    ("2011-XX-XX", "2011-01-01", "2011-12-31", "year"),
    ("1913-WXX", "1913-01-01", "1913-12-31", "year"),
])
def test_a_value_whose_day_is_not_known_covers_its_month_or_year(value, start, end, precision):
    interval = interval_of(value)
    assert (interval.start.isoformat(), interval.end.isoformat(), interval.precision) == (start, end, precision)


@pytest.mark.parametrize("value", ["XXXX-XX-XX", "XXXX-WXX", "XXXX-XX-XXTNI"])
def test_a_value_of_no_known_year_covers_nothing(value):
    assert interval_of(value) is None


@pytest.mark.parametrize("value, start", [
    ("2016-11-03T09:00", (dt.date(2016, 11, 3), "day")),
    ("2016-11", (dt.date(2016, 11, 1), "month")),
    ("2016-Q3", (dt.date(2016, 7, 1), "quarter")),
    ("2016", (dt.date(2016, 1, 1), "year")),
    ("2016-W43", (dt.date(2016, 10, 24), "week")), ("2015-W53", (dt.date(2015, 12, 28), "week")),
    ("2016-W53", None), ("2016-W43-WE", None), ("2016-SU", None), ("199", None), ("0000", None), ("FUTURE_REF", None),
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


@pytest.mark.parametrize("day, granularity, value", [
    (dt.date(2016, 11, 3), "day", "2016-11-03"), (dt.date(2016, 11, 3), "week", "2016-W44"),
    (dt.date(2016, 11, 5), "weekend", "2016-W44-WE"), (dt.date(2016, 11, 3), "quarter", "2016-Q4"),
    (dt.date(2016, 1, 15), "season", "2015-WI"), (dt.date(2016, 11, 3), "decade", "201"),
    (dt.date(2016, 11, 3), "century", "20"), (dt.date(2016, 7, 1), "half", "2016-H2"),
])
def test_values_are_written_by_one_grammar(day, granularity, value):
    assert format_value(day, granularity) == value
    assert value_fields(value) is not None


@pytest.mark.parametrize("amount, unit, value", [
    (2, ("Y", 1, "year"), "P2Y"), (2.5, ("Y", 1, "year"), "P2Y6M"), (None, ("D", 1, "day"), "PXD"),
    (3, ("H", 1, "hour"), "PT3H"), (1.5, ("D", 1, "day"), "P1DT12H"), (1, ("Y", 10, "decade"), "P10Y"),
])
def test_durations_are_written_by_one_grammar(amount, unit, value):
    assert format_duration(amount, *unit) == value


@pytest.mark.parametrize("value, parts", [
    ("P3Y", ("3", "Y")), ("PT5M", ("5", "TM")), ("PXD", ("X", "D")), ("P1DE", ("1", "DE")),
    ("P", (None, None)), ("1998", None),
])
def test_durations_of_one_unit(value, parts):
    assert duration_parts(value) == parts


@pytest.mark.parametrize("value, exists", [
    ("1998-02-28", True), ("1998-02-30", False), ("2000-02-29T10:00", True), ("1998-02", True), ("P3D", True),
])
def test_a_day_must_exist(value, exists):
    assert day_exists(value) is exists


@pytest.mark.parametrize("text, date, time", [
    ("2016-11-04", "2016-11-04", None), ("2016-11", "2016-11", None),
    ("2016-11-04T10:30:00+02:00", "2016-11-04", "10:30:00"), ("2016-11-04 10:30", "2016-11-04", "10:30"),
])
def test_publication_dates_share_the_grammar(text, date, time):
    match = DATE_TIME.match(text)
    assert (match["date"], match["time"]) == (date, time)
    assert parse_dct(text)[0] is not None


def test_parse_date_time_reads_dates_as_users_and_feeds_write_them():
    from timeline.temporal.values import parse_date_time
    assert parse_date_time("2016-11-04T09:15:00+02:00") == ("2016-11-04", "09:15")  # RFC 3339, zone dropped
    assert parse_date_time("2016-11-07 18:00Z") == ("2016-11-07", "18:00")
    assert parse_date_time("2016-11-07t18:00:00z") == ("2016-11-07", "18:00")
    assert parse_date_time("2016-11") == ("2016-11", None)
    assert parse_date_time("2016-11-04T24:00:00Z") == ("2016-11-04", None)  # no time of day, the day stands
    assert parse_date_time("2016-02-30") is None
    assert parse_date_time("2016-13") is None
    assert parse_date_time("Fri, 04 Nov 2016") is None
