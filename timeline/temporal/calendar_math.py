"""Calendar arithmetic on TIMEX3 granularities: shift a date by units, nth weekdays, Easter
(values are written by ``values.format_value``)."""
from __future__ import annotations

import calendar
import datetime as dt

# Granularities from coarse to fine; a reference known to "month" can resolve "last year" but not "yesterday".
GRANULARITIES = ("millennium", "century", "decade", "year", "half", "quarter", "season", "month",
                 "week", "weekend", "day", "time", "hour", "minute", "second")


# The granularity a multiple of a TIMEX3 duration letter is counted in: "a decade ago" (P10Y) is ten
# years back, "a semester ago" (P6M) six months.
COUNTED_IN = {"Y": "year", "Q": "quarter", "M": "month", "W": "week", "D": "day"}


def finer(a: str, b: str) -> bool:
    """True when granularity ``a`` is finer than ``b``."""
    return GRANULARITIES.index(a) > GRANULARITIES.index(b)


def add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    if not 1 <= year <= 9999:
        raise OverflowError("year out of range")
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def shift(day: dt.date, granularity: str, amount: int) -> dt.date:
    """``day`` moved by ``amount`` units of ``granularity`` (may raise OverflowError)."""
    if granularity in ("day", "time", "hour", "minute", "second"):
        return day + dt.timedelta(days=amount)
    if granularity in ("week", "weekend"):
        return day + dt.timedelta(weeks=amount)
    if granularity == "month":
        return add_months(day, amount)
    if granularity in ("quarter", "season"):
        return add_months(day, 3 * amount)
    if granularity == "half":
        return add_months(day, 6 * amount)
    if granularity == "year":
        return add_months(day, 12 * amount)
    if granularity == "decade":
        return add_months(day, 120 * amount)
    if granularity == "century":
        return add_months(day, 1200 * amount)
    return add_months(day, 12000 * amount)


def nth_weekday(year: int, month: int, weekday: int, n: int, first_day: int = 1) -> dt.date:
    """The ``n``th ISO ``weekday`` of a month counted from ``first_day`` (n = -1: the last one).

    US Election Day is the first Tuesday counted from 2 November.
    """
    if n > 0:
        first = dt.date(year, month, first_day)
        return first + dt.timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (n - 1))
    last = dt.date(year, month, calendar.monthrange(year, month)[1])
    return last - dt.timedelta(days=(last.isoweekday() - weekday) % 7)


def weekday_near(reference: dt.date, weekday: int, direction: int) -> dt.date:
    """The ``weekday`` nearest ``reference`` looking back (direction < 0) or ahead (> 0); same day counts."""
    if direction > 0:
        return reference + dt.timedelta(days=(weekday - reference.isoweekday()) % 7)
    return reference - dt.timedelta(days=(reference.isoweekday() - weekday) % 7)


def easter_sunday(year: int) -> dt.date:
    """Easter Sunday of the Gregorian calendar (the anonymous Gregorian computus, as in Meeus's
    *Astronomical Algorithms*)."""
    golden = year % 19
    century, rest = divmod(year, 100)
    leap_corrections, leap_rest = divmod(century, 4)
    moon_correction = (century + 8) // 25
    epact_shift = (century - moon_correction + 1) // 3
    epact = (19 * golden + century - leap_corrections - epact_shift + 15) % 30
    quarters, quarter_rest = divmod(rest, 4)
    weekday = (32 + 2 * leap_rest + 2 * quarters - epact - quarter_rest) % 7
    late = (golden + 11 * epact + 22 * weekday) // 451
    month, day = divmod(epact + weekday - 7 * late + 114, 31)
    return dt.date(year, month, day + 1)
