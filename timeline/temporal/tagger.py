"""Temporal tagger: find TIMEX3 expressions in a text and normalise them."""
from __future__ import annotations

import datetime as dt
import re

from .expressions import TemporalExpression

MONTHS = {name: i for i, name in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december"], start=1)}
WEEKDAYS = {name: i for i, name in enumerate(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"], start=1)}

_MONTH = "|".join(name.capitalize() for name in MONTHS)
_WEEKDAY = "|".join(name.capitalize() for name in WEEKDAYS)
PATTERNS = [
    ("day_month", re.compile(rf"\b(?P<day>[0-3]?\d)\.? (?P<month>{_MONTH})\b")),
    ("month_day", re.compile(rf"\b(?P<month>{_MONTH}) (?P<day>[0-3]?\d)\b(?!,? \d)")),
    ("weekday", re.compile(rf"\b(?P<weekday>{_WEEKDAY})\b")),
    ("yesterday", re.compile(r"\b[Yy]esterday\b")),
]


def _parse_dct(dct: str | None) -> dt.date | None:
    if not dct or len(dct) < 10:
        return None
    try:
        return dt.date.fromisoformat(dct[:10])
    except ValueError:
        return None


def tag(text: str, dct: str | None = None) -> list[TemporalExpression]:
    """Every temporal expression in ``text``, resolved against ``dct``."""
    day0 = _parse_dct(dct)
    year = int(dct[:4]) if dct and dct[:4].isdigit() else None
    found: list[TemporalExpression] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(text):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            anchor = "explicit"
            if kind in ("day_month", "month_day"):
                month = MONTHS[match["month"].lower()]
                value = f"{year:04d}-{month:02d}-{int(match['day']):02d}" if year else f"XXXX-{month:02d}-{int(match['day']):02d}"
                anchor = "relative" if year else "unresolved"
            elif kind == "weekday":
                weekday = WEEKDAYS[match["weekday"].lower()]
                if day0:
                    back = (day0.isoweekday() - weekday) % 7
                    value, anchor = (day0 - dt.timedelta(days=back)).isoformat(), "relative"
                else:
                    value, anchor = f"XXXX-WXX-{weekday}", "unresolved"
            else:
                if day0:
                    value, anchor = (day0 - dt.timedelta(days=1)).isoformat(), "relative"
                else:
                    value, anchor = "XXXX-XX-XX", "unresolved"
            taken.append((match.start(), match.end()))
            found.append(TemporalExpression(match.start(), match.end(), match.group(), "DATE", value, None, anchor))
    return sorted(found, key=lambda e: e.start)
