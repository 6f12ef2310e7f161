"""The tagger's output: one temporal expression (TIMEX3) in a text."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .values import Interval, interval_of

TIMEX_TYPES = ("DATE", "TIME", "DURATION", "SET")


@dataclass(frozen=True)
class TemporalExpression:
    """A TIMEX3: where it is, what it says, and what it means.

    ``start``/``end`` are character offsets into the tagged text (end exclusive,
    so ``text == source[start:end]``).  ``value`` is the TIMEX3 value
    (``2016-11-03``, ``2016-W43-WE``, ``P3D``, ``XXXX-WXX-4`` when the anchor is
    unknown); ``mod`` a TimeML mod such as ``LATE`` or ``APPROX``.
    ``anchor`` says how the value was found: ``explicit`` (the text names the
    date), ``relative`` (resolved against the creation date or a date mentioned
    before), or ``unresolved`` (relative, but there was nothing to resolve it
    against).
    """

    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None = None
    anchor: str = "explicit"

    @property
    def interval(self) -> Interval | None:
        """The calendar interval covered (DATE and TIME only)."""
        if self.type not in ("DATE", "TIME"):
            return None
        return interval_of(self.value, self.mod)

    @property
    def precision(self) -> str | None:
        interval = self.interval
        return interval.precision if interval else None

    @property
    def first_day(self) -> dt.date | None:
        interval = self.interval
        return interval.start if interval else None

    def as_dict(self) -> dict:
        data = {"start": self.start, "end": self.end, "text": self.text, "type": self.type, "value": self.value}
        if self.mod:
            data["mod"] = self.mod
        return data


_FIELDS = tuple(TemporalExpression.__dataclass_fields__)
_new = object.__new__


def make_expression(start: int, end: int, text: str, type: str, value: str, mod: str | None,
                    anchor: str) -> TemporalExpression:
    """``TemporalExpression(...)`` for the tagger's inner loop, several times faster.

    A frozen dataclass sets each field through ``object.__setattr__``; filling
    the instance dictionary at once gives the same object (equal, hashable,
    still frozen to its users).
    """
    expression = _new(TemporalExpression)
    expression.__dict__.update(zip(_FIELDS, (start, end, text, type, value, mod, anchor)))
    return expression
