"""TIMEX3 values: the one grammar of the values the tagger writes and every stage reads.

Parsing (``value_fields``, ``duration_parts``), writing (``format_value``,
``format_duration``), precisions, seasons, and what calendar interval a value
covers: a value such as ``2016-11-03``, ``2016-W43-WE``, ``2016-08`` (with mod
``LATE``), ``2016-Q3`` or ``2016-11-03T09:00`` is turned into an inclusive pair of
dates and a precision, which is what events, the timeline and the exporters work
with.  Values that name no calendar interval (``PRESENT_REF``, ``XXXX-WXX-4``,
``P3D``) have none.  Document creation dates and publication dates are read here
too (``parse_dct``, ``DATE_TIME``).
"""
from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass

PRECISIONS = ("century", "decade", "year", "half", "quarter", "season", "month", "week", "weekend", "day", "time")

# The codes of the value grammar, in their order (a season's place in its year).
SEASON_CODES = ("SP", "SU", "FA", "WI")
PART_OF_DAY_CODES = ("MO", "MI", "AF", "EV", "NI", "DT")
PARTS_OF_DAY = PART_OF_DAY_CODES
REFERENCE_VALUES = ("PRESENT_REF", "PAST_REF", "FUTURE_REF")
TIMEX_UNIT_LETTERS = ("S", "M", "H", "D", "W", "WE", "Q", "Y")


@functools.cache
def season_months() -> dict:
    """The months of each TIMEX3 season, as the language folder's seasons.tsv defines them (by months:
    summer is June to August); a season that runs into the next year belongs to the year it starts in."""
    from .lexicon import current_language

    return current_language().season_months


def season_of(day: dt.date) -> tuple[int, str] | None:
    """The year and TIMEX3 code of the season a day falls in (winter 2016: December 2016 to February 2017)."""
    for code, months in season_months().items():
        if day.month in months:
            return (day.year - 1 if day.month < months[0] else day.year), code
    return None


VALUE_PATTERN = re.compile(
    r"""^(?:
        (?P<century>\d{2})
      | (?P<decade>\d{3})
      | (?P<year>\d{4})
        (?:
            -(?P<month>\d{2})(?:-(?P<day>\d{2})(?:T(?P<time>\d{2}(?::\d{2}(?::\d{2}(?:\.\d+)?)?)?|MO|MI|AF|EV|NI|DT))?)?
          | -W(?P<week>\d{2})(?:-(?P<weekday>[1-7]|WE))?
          | -Q(?P<quarter>[1-4])
          | -H(?P<half>[12])
          | -(?P<season>SP|SU|FA|WI)
        )?
    )$""",
    re.VERBOSE,
)


@dataclass(frozen=True)
class Interval:
    """An inclusive range of days and how precisely it is known."""

    start: dt.date
    end: dt.date
    precision: str


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _narrow(start: dt.date, end: dt.date, mod: str | None) -> tuple[dt.date, dt.date]:
    """Apply EARLY/MID/LATE and START/END as thirds of the interval (TimeML mods)."""
    if mod not in ("EARLY", "MID", "LATE", "START", "END"):
        return start, end
    days = (end - start).days + 1
    if days < 3:
        return start, end
    third = days // 3
    if mod in ("EARLY", "START"):
        return start, start + dt.timedelta(days=third - 1)
    if mod in ("LATE", "END"):
        return end - dt.timedelta(days=third - 1), end
    return start + dt.timedelta(days=third), end - dt.timedelta(days=third)


# Values remembered: a timeline page of daily entries names a day of twenty years again and again, and
# a cache smaller than the days it cycles through would keep none of them (each found again at 17 us).
VALUES_REMEMBERED = 1 << 15


@functools.lru_cache(maxsize=VALUES_REMEMBERED)
def value_fields(value: str) -> dict | None:
    """The parts of a TIMEX3 DATE/TIME value (``century``, ``decade``, ``year``, ``month``, ``day``,
    ``time``, ``week``, ``weekday``, ``quarter``, ``half``, ``season``), or None when it names no
    calendar unit (``PRESENT_REF``, ``XXXX-WXX-4``, ``P3D``)."""
    match = VALUE_PATTERN.match(value or "")
    return match.groupdict() if match else None


def value_start(value: str) -> tuple[dt.date, str] | None:
    """The first day of a value that names a day, week, month, quarter or year (its time of day left
    out), and which of them: what a story counts from after it ("two days later", "the previous week")."""
    fields = value_fields(value.split("T")[0])
    if fields is None or not fields["year"] or fields["half"] or fields["season"]:
        return None
    year = int(fields["year"])
    if year < 1:
        return None
    if fields["week"]:
        if not fields["week"].isdigit() or fields["weekday"] or value.endswith("WE"):
            return None
        try:
            return dt.date.fromisocalendar(year, int(fields["week"]), 1), "week"
        except ValueError:
            return None  # a week 53 in a year of 52
    if fields["day"]:
        return dt.date(year, int(fields["month"]), int(fields["day"])), "day"
    if fields["month"]:
        return dt.date(year, int(fields["month"]), 1), "month"
    if fields["quarter"]:
        return dt.date(year, 3 * int(fields["quarter"]) - 2, 1), "quarter"
    return dt.date(year, 1, 1), "year"


# A calendar date as documents and users write it: a year, a month or a day.
_PARTIAL_DATE = r"\d{4}(?:-\d{2}(?:-\d{2})?)?"
# A creation date as documents give it: a partial date, perhaps followed by a time.
_DATE_PREFIX = re.compile(r"^\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
# A publication date as given by a user or a page: a partial date, optionally a time (seconds,
# fractions and a time zone are accepted; the zone is dropped, dates are calendar days).
DATE_TIME = re.compile(
    rf"^(?P<date>{_PARTIAL_DATE})"
    r"(?:[T ](?P<time>\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?$"
)


def parse_date_time(written: str) -> tuple[str, str | None] | None:
    """A date as a user or a document writes it ("2016-11-04", "2016-11-04T09:15:00+02:00", RFC 3339 as
    Atom feeds have it): its partial ISO date and its time of day (HH:MM in the zone written, the zone
    dropped; None without one or when it is no time of day), or None when it is no date that exists."""
    match = DATE_TIME.match(written.strip().upper())  # RFC 3339 allows a "t" and a "z" in lower case
    if not match:
        return None
    parts = [int(part) for part in match["date"].split("-")]
    try:
        dt.date(*parts, *[1] * (3 - len(parts)))
    except ValueError:
        return None
    time = match["time"] and match["time"][:5]
    if time and (int(time[:2]) > 23 or int(time[3:]) > 59):
        time = None
    return match["date"], time or None


def parse_dct(dct: str | None) -> tuple[dt.date | None, str | None]:
    """A document creation time as a date and how precise it is (day, month, year), or (None, None)."""
    if not dct:
        return None, None
    match = _DATE_PREFIX.match(str(dct))
    if not match:
        return None, None
    year, month, day = match.groups()
    try:
        if day:
            return dt.date(int(year), int(month), int(day)), "day"
        if month:
            return dt.date(int(year), int(month), 1), "month"
        return dt.date(int(year), 1, 1), "year"
    except ValueError:
        return None, None


def format_value(day: dt.date, granularity: str) -> str:
    """The TIMEX3 value naming the unit of ``granularity`` that contains ``day``."""
    if granularity == "millennium":
        return f"{day.year // 1000}"
    if granularity == "century":
        return f"{day.year // 100:02d}"
    if granularity == "decade":
        return f"{day.year // 10:03d}"
    if granularity == "year":
        return f"{day.year:04d}"
    if granularity == "half":
        return f"{day.year:04d}-H{1 if day.month <= 6 else 2}"
    if granularity == "quarter":
        return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
    if granularity == "season":
        year, season = season_of(day)
        return f"{year:04d}-{season}"
    if granularity == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if granularity in ("week", "weekend"):
        year, week, _ = day.isocalendar()
        return f"{year:04d}-W{week:02d}" + ("-WE" if granularity == "weekend" else "")
    return day.isoformat()


# The value of a unit whose place in time is not known ("last week" with no DCT).
UNKNOWN_VALUES = {"millennium": "XXXX", "century": "XXXX", "decade": "XXXX", "year": "XXXX", "half": "XXXX-HX",
                  "quarter": "XXXX-QX", "season": "XXXX", "month": "XXXX-XX", "week": "XXXX-WXX",
                  "weekend": "XXXX-WXX-WE", "day": "XXXX-XX-XX"}


def unknown_value(granularity: str) -> str:
    """The value of a unit of ``granularity`` (a day when the grammar has no other) not placed in time."""
    return UNKNOWN_VALUES.get(granularity, "XXXX-XX-XX")


_SMALLER = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24), "H": ("M", 60), "MIN": ("S", 60)}


def format_duration(amount: float | None, letter: str, multiple: int, granularity: str) -> str:
    """A TIMEX3 duration of ``amount`` units (a unit is ``multiple`` times ``letter``; None: some):
    P2Y, PT3H, PXD; a fraction goes to the next smaller unit (2.5 years: P2Y6M)."""
    time_unit = granularity in ("hour", "minute", "second")
    prefix = "PT" if time_unit else "P"
    if amount is None:
        return f"{prefix}X{letter}"
    total = amount * multiple
    whole = int(total)
    if total == whole:
        return f"{prefix}{whole}{letter}"
    smaller = _SMALLER.get("MIN" if granularity == "minute" else letter)
    if smaller is None:
        return f"{prefix}{total:g}{letter}"
    small_letter, per = smaller
    part = round((total - whole) * per)
    if letter == "D" and small_letter == "H":
        return f"P{whole}DT{part}H" if whole else f"PT{part}H"
    head = f"{whole}{letter}" if whole else ""
    return f"{prefix}{head}{part}{small_letter}"


def joined_durations(longer: str, shorter: str) -> str:
    """One duration of two written as one length ("three hours and nine minutes": PT3H + PT9M = PT3H9M), the
    second of a finer unit; weeks and days in days (ISO 8601 writes weeks alone: P2W + P3D = P17D)."""
    date1, _, time1 = longer[1:].partition("T")
    date2, _, time2 = shorter[1:].partition("T")
    weeks = re.fullmatch(r"([0-9]+)W", date1)
    days = re.fullmatch(r"([0-9]+)D", date2)
    if weeks and days:
        date1, date2 = f"{int(weeks.group(1)) * 7 + int(days.group(1))}D", ""
    time = time1 + time2
    return f"P{date1}{date2}" + (f"T{time}" if time else "")


# A duration of one unit, TIMEX3 and TIMEX2 letters (DE decades, CE centuries, ML millennia).
_ONE_UNIT_DURATION = re.compile(
    r"^P(?:(?P<n>[0-9.]+|X)(?P<unit>DE|CE|ML|WE|[YMWDQECL]))?(?:T(?P<tn>[0-9.]+|X)(?P<tunit>[HMS]))?$")


def duration_parts(value: str) -> tuple[str | None, str | None] | None:
    """The number (digits or X) and unit of a duration of one unit ("P3Y": ("3", "Y"); a time unit is
    written with its T: "PT5M": ("5", "TM")), or None when ``value`` is not one; (None, None) for "P"."""
    m = _ONE_UNIT_DURATION.match(value)
    if not m:
        return None
    if m["unit"]:
        return m["n"], m["unit"]
    if m["tunit"]:
        return m["tn"], "T" + m["tunit"]
    return None, None


def offset_parts(value: str, units: tuple[str, ...]) -> tuple[str, str] | None:
    """The whole number (or X) and unit of a duration of one unit among ``units`` (as duration_parts
    writes them: "Y", "TH"...), that a date can be counted by; None for any other value."""
    m = _ONE_UNIT_DURATION.match(value)
    if not m or bool(m["unit"]) == bool(m["tunit"]):
        return None
    amount, unit = duration_parts(value)
    if unit not in units or not (amount == "X" or amount.isdigit()):
        return None
    return amount, unit


def day_exists(value: str) -> bool:
    """False when ``value`` names a day the calendar does not have (1998-02-30)."""
    fields = value_fields(value.split("T")[0])
    if fields is None or not fields["day"]:
        return True
    try:
        dt.date(int(fields["year"]), int(fields["month"]), int(fields["day"]))
    except ValueError:
        return False
    return True


# A value known to its year or month, its day or week not ("2013-07-XX", "2011-XX-XX", "1989-WXX", "1997-02-XXTNI").
_KNOWN_BEFORE_UNKNOWN = re.compile(r"([0-9]{4}(?:-[0-9]{2})?)(?:-XX|-WXX)+(?:T\S*)?\Z")


@functools.lru_cache(maxsize=VALUES_REMEMBERED)
def interval_of(value: str, mod: str | None = None) -> Interval | None:
    """The calendar interval a TIMEX3 DATE/TIME value covers, or None (remembered: making
    events asks for the same few values again and again). A value whose day or week is not known
    covers the month or year that is ("2013-07-XX", "a day of July 2013": all of July 2013)."""
    g = value_fields(value)
    if g is None:
        known = _KNOWN_BEFORE_UNKNOWN.match(value or "")
        return interval_of(known.group(1), mod) if known else None
    try:
        if g["century"]:
            first = int(g["century"]) * 100
            start, end, precision = dt.date(max(first, 1), 1, 1), dt.date(first + 99, 12, 31), "century"
        elif g["decade"]:
            first = int(g["decade"]) * 10
            start, end, precision = dt.date(max(first, 1), 1, 1), dt.date(first + 9, 12, 31), "decade"
        else:
            year = int(g["year"])
            if year < 1:
                return None
            if g["day"]:
                start = end = dt.date(year, int(g["month"]), int(g["day"]))
                precision = "time" if g["time"] and g["time"][0].isdigit() else "day"
            elif g["month"]:
                month = int(g["month"])
                start, end, precision = dt.date(year, month, 1), _month_end(year, month), "month"
            elif g["week"]:
                monday = dt.date.fromisocalendar(year, int(g["week"]), 1)
                if g["weekday"] == "WE":
                    start, end = monday + dt.timedelta(days=5), monday + dt.timedelta(days=6)
                    precision = "week"
                elif g["weekday"]:
                    start = end = monday + dt.timedelta(days=int(g["weekday"]) - 1)
                    precision = "day"
                else:
                    start, end, precision = monday, monday + dt.timedelta(days=6), "week"
            elif g["quarter"]:
                q = int(g["quarter"])
                start, end, precision = dt.date(year, 3 * q - 2, 1), _month_end(year, 3 * q), "quarter"
            elif g["half"]:
                h = int(g["half"])
                start, end, precision = dt.date(year, 6 * h - 5, 1), _month_end(year, 6 * h), "half"
            elif g["season"]:
                months = season_months().get(g["season"])
                if not months:
                    return None
                start = dt.date(year, months[0], 1)
                end = _month_end(year + (months[-1] < months[0]), months[-1])
                precision = "season"
            else:
                start, end, precision = dt.date(year, 1, 1), dt.date(year, 12, 31), "year"
    except ValueError:
        return None
    start, end = _narrow(start, end, mod)
    return Interval(start, end, precision)


def value_interval(value: str, mod: str | None = None) -> Interval | None:
    """The days an event's date covers: one value (narrowed by ``mod``), or a range ``first/last``
    from the start of the first to the end of the last, at the first's precision; None when it
    names no calendar days."""
    if "/" in value:
        first, _, last = value.partition("/")
        opening, closing = interval_of(first), interval_of(last)
        if opening is None or closing is None or closing.end < opening.start:
            return None
        return Interval(opening.start, closing.end, opening.precision)
    return interval_of(value, mod)


# Well-formed TIMEX3 values (TimeML 1.2.1 / TIDES 2005), used to check the tagger's output.
_DURATION = r"P(?:(?:\d+(?:\.\d+)?|X)(?:Y|M|W|D|DE|CE|ML|Q|H|FA|SU|WI|SP|WE|E))+(?:T(?:(?:\d+(?:\.\d+)?|X)[HMS])+)?|PT(?:(?:\d+(?:\.\d+)?|X)[HMS])+"
_DATE = (
    r"(?:BC)?(?:\d{2}|\d{3}|\d{4}|\d{2}XX|\d{3}X|XXXX)"  # BC0490: a year before Christ, as TIMEX2 writes it
    r"(?:-(?:\d{2}|XX)(?:-(?:\d{2}|XX))?|-W(?:\d{2}|XX)(?:-(?:[1-7]|WE))?|-Q[1-4X]|-H[12X]|-(?:SP|SU|FA|WI))?"
)
_TIME = r"T(?:\d{2}(?::\d{2}(?::\d{2}(?:\.\d+)?)?)?|MO|MI|AF|EV|NI|DT)"
WELL_FORMED_VALUE = re.compile(
    rf"^(?:PRESENT_REF|PAST_REF|FUTURE_REF|{_DURATION}|(?:{_DATE})(?:{_TIME})?|{_TIME})$"
)


def is_well_formed(value: str) -> bool:
    """True when ``value`` is a TIMEX3 value the guidelines allow."""
    return bool(WELL_FORMED_VALUE.match(value))
