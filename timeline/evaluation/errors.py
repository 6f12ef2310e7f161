"""Why a value is wrong: each relaxed match whose value differs from the gold, put in a class.

The classes say where a regression is:

- ``anchoring``: the right form and precision but another point in time (another year, month
  or day: a yearless date given the DCT's year where the gold has the story's year);
- ``extent``: the spans differ by words that carry a value ("three days" / "three days later");
  ``error_classes`` also counts the gold missed and the expressions tagged without gold here;
- ``granularity``: the same time at another precision (``1944-06`` / ``1944-06-06``, ``1944`` /
  ``1944-SU``);
- ``convention``: the same reading written otherwise (``PRESENT_REF`` / the DCT, ``P1Y`` / ``PXY``,
  ``1944-W23`` / a day in it, ``194`` / ``194X``);
- ``gold``: the gold value contradicts its own text (a date not on the weekday it names);
- ``other``: none of these.

Each wrong value goes to the first of ``CATEGORIES`` whose patterns fit the gold text and the two
values; a category belongs to one class, and has a ``kind`` (``convention``, ``gold`` or ``ours``)
that ``benchmarks/value_errors.py`` uses to weigh flipping a convention.  Values are compared as
written, TIMEX2-style ones too (``BC0490``, decades ``194``, centuries ``19``, ``PAST_REF``).
"""
from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Mapping

from ..temporal.values import duration_parts, interval_of
from ..temporal.vocabulary import MONTHS, NUMBERS, UNITS, UNIT_PLURALS, WEEKDAYS
from .scorer import Scores
from .timeml import TimemlDocument

CLASSES = ("anchoring", "extent", "granularity", "convention", "gold", "other")


def _words(words) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


MONTH = rf"\b(?:{_words(MONTHS)})\b\.?"
WEEKDAY = rf"\b(?:{_words(w for w in WEEKDAYS if w.endswith('day'))})\b"
PART_OF_DAY = r"T(?:MO|MI|AF|EV|NI|DT)"
OFFSET_WORDS = r"\b(?:ago|earlier|later|before|after|previous|prior|year-ago|year-earlier|since|from)\b"

# The shape of a text: names, numbers and years replaced by placeholders, units in the singular.
SIGNATURE = [
    (r"\b(?:1[5-9]|20)[0-9]0'?s\b|'[0-9]0s\b", "DECADE"),
    (r"\b(?:1[5-9]|20)[0-9]{2}\b", "YEAR"),
    (MONTH, "MONTH"),
    (WEEKDAY, "WEEKDAY"),
    (r"\b[0-9]{1,2}(?:[:.][0-9]{2})?\s*(?:a\.?m\.?|p\.?m\.?)", "CLOCK"),
    (r"\b[0-9]+(?:[.,][0-9]+)?(?:st|nd|rd|th)?\b", "N"),
    (rf"\b(?:{_words(w for w, n in NUMBERS.items() if n is not None)})\b", "N"),
    (rf"\b(?:{_words(w for w, n in NUMBERS.items() if n is None)})\b", "X"),
    (r"\bN(?:[-\s]N)+\b", "N"),
    (r"\b(second|minute|hour|day|week|month|quarter|year|decade)s\b", r"\1"),
    (r"\bcenturies\b", "century"),
    (r"^\W+|\W+$", ""),
    (r"^(?:(?:the|early|late|mid|earlier|later|on|in|at)\b[\s-]*)+", ""),
    (r"\s+", " "),
]
SIGNATURE = [(re.compile(pattern, re.IGNORECASE), replacement) for pattern, replacement in SIGNATURE]


def signature(text: str) -> str:
    """The shape of an expression's text: "two weeks ago" and "a week ago" are both ``N week ago``."""
    for pattern, replacement in SIGNATURE:
        text = pattern.sub(replacement, text)
    return text.lower()


def value_shape(value: str) -> str:
    """The shape of a value: ``1998-W33`` is ``9999-W99``."""
    return re.sub(r"[0-9]", "9", value)


# Durations as a number of days, to tell "P10Y" and "P1DE" (the same length) from "P12Y" and "13 years".
DAYS_PER = {"Y": 365.25, "M": 30.44, "W": 7, "D": 1, "Q": 91.3, "E": 3652.5, "DE": 3652.5, "C": 36525, "CE": 36525,
            "L": 365250, "ML": 365250, "H": 1 / 24, "TH": 1 / 24, "TM": 1 / 1440, "S": 1 / 86400,
            "TS": 1 / 86400, "WE": 2}


def duration_days(value: str) -> float | None:
    """The length of a one-unit TIMEX3 duration in days (None: not one, or X units)."""
    parts = duration_parts(value)
    if parts is None or parts[1] is None or parts[0] == "X":
        return None
    return float(parts[0]) * DAYS_PER[parts[1]]


def duration_unit(value: str) -> str | None:
    parts = duration_parts(value)
    return None if parts is None else parts[1]


_COUNT = re.compile(rf"^(?:(?:the|about|some|nearly|almost|over|for|past|last|next)\s+)*"
                    rf"(?P<n>[0-9]+|{_words(w for w, n in NUMBERS.items() if n is not None)})[\s-]+"
                    rf"(?P<unit>{_words(list(UNITS) + list(UNIT_PLURALS))})s?$", re.IGNORECASE)


def _text_days(text: str) -> float | None:
    """The length "13 years", "six months", "the past two days" says in days, if it is that simple."""
    m = _COUNT.match(text.strip())
    if not m:
        return None
    word = m["n"].lower()
    n = int(word) if word.isdigit() else NUMBERS[word]
    unit = m["unit"].lower()
    letter, multiple, _ = UNITS[UNIT_PLURALS.get(unit, unit)]
    letter = "TM" if unit.startswith("minute") else letter
    return n * multiple * DAYS_PER[letter]


def _first_day(value: str) -> dt.date | None:
    interval = interval_of(value.split("T")[0])
    return interval.start if interval else None


# How a gold value can contradict its own text: each check takes the gold text, the gold value and the
# document's Context.
def _wrong_weekday(text, gold, context):
    names = re.findall(WEEKDAY, text, re.IGNORECASE)
    if len(names) != 1 or re.search(OFFSET_WORDS, text, re.IGNORECASE) or not re.match(r"^\d{4}-\d\d-\d\d", gold):
        return False
    day = _first_day(gold)
    return day is not None and day.isoweekday() != WEEKDAYS[names[0].lower()]


def _wrong_year(text, gold, context):
    years = re.findall(r"(?<![0-9'])((?:1[5-9]|20)[0-9]{2})(?!s|[0-9])", text)
    return (len(years) == 1 and re.match(r"^\d{4}", gold) is not None and gold[:4] != years[0]
            and not re.search(OFFSET_WORDS, text, re.IGNORECASE))


def _wrong_month(text, gold, context):
    months = re.findall(MONTH, text, re.IGNORECASE)
    m = re.match(r"^\d{4}-(\d\d)", gold)
    return (len(months) == 1 and m is not None and not re.search(OFFSET_WORDS, text, re.IGNORECASE)
            and MONTHS[months[0].lower().rstrip(".")] != int(m.group(1)))


def _wrong_length(text, gold, context):
    said, valued = _text_days(text), duration_days(gold)
    return said is not None and valued is not None and abs(said - valued) > 0.05 * said


def _far_from_dct(text, gold, context):
    """A relative expression ("fourth quarter") valued years away from the DCT, with no year in its text
    and in a year the document never writes (in a narrative, the story's years are the right anchor)."""
    dct = context.dct
    return (dct is not None and re.match(r"^\d{4}", gold) is not None and abs(int(gold[:4]) - dct.year) >= 5
            and int(gold[:4]) not in context.years
            and not re.search(r"[0-9]|\b(?:decade|century|centuries|ago|years|earlier|later)\b", text, re.IGNORECASE))


CONTRADICTIONS = (_wrong_weekday, _wrong_year, _wrong_month, _wrong_length, _far_from_dct)


@dataclass(frozen=True)
class Context:
    """What a document gives the classes: its creation date, and the years its text writes."""

    dct: dt.date | None
    years: frozenset[int] = frozenset()


def context_of(document: TimemlDocument) -> Context:
    interval = interval_of(document.dct[:10]) if document.dct else None
    years = frozenset(int(y) for y in re.findall(r"(?<![0-9])(1[0-9]{3}|20[0-9]{2})(?![0-9])", document.text))
    return Context(interval.start if interval else None, years)


@dataclass
class Error:
    """A relaxed match with a wrong value, as the categories see it."""

    document: str
    gold_text: str
    our_text: str
    gold: str
    ours: str
    gold_type: str
    our_type: str
    context: Context = Context(None)


# Relations between the two values that a regex cannot say.
def _x_padded(e: Error) -> bool:
    return e.gold.startswith(e.ours) and set(e.gold[len(e.ours):]) <= set("X-")


def _ours_plus_part(e: Error) -> bool:
    return re.sub(PART_OF_DAY + "$", "", e.ours) == e.gold


def _same_day_other_part(e: Error) -> bool:
    return e.gold.split("T")[0] == e.ours.split("T")[0]


def _contradicts(e: Error) -> bool:
    return any(check(e.gold_text, e.gold, e.context) for check in CONTRADICTIONS)


def _same_length(e: Error) -> bool:
    a, b = duration_days(e.gold), duration_days(e.ours)
    if a is None or b is None:
        return "X" in e.gold and "X" in e.ours and duration_unit(e.gold) != duration_unit(e.ours)
    return abs(a - b) <= 0.05 * max(a, b)


def _weeks_apart(e: Error) -> bool:
    a, b = _first_day(e.gold), _first_day(e.ours)
    days = len(e.gold.split("T")[0]) == len(e.ours.split("T")[0]) == 10
    return days and a is not None and b is not None and a != b and (a - b).days % 7 == 0


def _intervals(e: Error):
    """The calendar intervals of the two values (None where a value names none); two BC values are
    compared as the AD years of the same number, which keeps which one holds the other."""
    gold, ours = e.gold.split("T")[0], e.ours.split("T")[0]
    if gold.startswith("BC") and ours.startswith("BC"):
        gold, ours = gold[2:], ours[2:]
    return interval_of(gold), interval_of(ours)


def _nested(e: Error) -> bool:
    """One value's interval holds the other's, at another precision ("1989" and "1989-12-31")."""
    a, b = _intervals(e)
    return (a is not None and b is not None and a.precision != b.precision
            and (a.start <= b.start and b.end <= a.end or b.start <= a.start and a.end <= b.end))


_LIGHT_WORDS = re.compile(r"\b(?:the|a|an|on|in|at|that|this|early|late|mid|morning|afternoon|evening|night|"
                          r"s)\b|[^\w]", re.IGNORECASE)


def _other_extent(e: Error) -> bool:
    """The two spans differ by words that carry a value ("Three days" / "Three days later")."""
    return _LIGHT_WORDS.sub("", e.gold_text).lower() != _LIGHT_WORDS.sub("", e.our_text).lower()


def _same_shape(e: Error) -> bool:
    """The same form, era aside: ``1940-09`` / ``2009-09``, ``BC0479-WI`` / ``2009-WI``."""
    return value_shape(e.gold.removeprefix("BC")) == value_shape(e.ours.removeprefix("BC"))


def _x_padded_either(e: Error) -> bool:
    """One value is the other with digits left open: ``194`` / ``194X``, ``P1Y`` / ``PXY``."""
    shorter, longer = sorted((e.gold, e.ours), key=len)
    return (longer.startswith(shorter) and set(longer[len(shorter):]) <= set("X-")
            or len(shorter) == len(longer) and all(a == b or "X" in (a, b) for a, b in zip(shorter, longer)))


@dataclass(frozen=True)
class Category:
    name: str
    kind: str  # "convention", "gold" or "ours"
    error_class: str = "other"  # one of CLASSES
    text: str = ""  # regex on the gold text
    gold: str = ""  # regex on the gold value
    ours: str = ""  # regex on our value
    relation: object = None  # a test of the two values a regex cannot write
    shape: str = ""  # regex on the gold text of the right values a flip would change (default: same signature)

    def fits(self, e: Error) -> bool:
        return (re.search(self.text, e.gold_text, re.IGNORECASE) is not None
                and re.search(self.gold, e.gold) is not None and re.search(self.ours, e.ours) is not None
                and (self.relation is None or self.relation(e)))


YEAR_AGO = r"\byear(?:s)?\b.*\b(?:ago|earlier)\b|\byear-(?:ago|earlier)\b|\blast year\b|\b(?:period|quarter)\b"
CATEGORIES = [
    # The gold contradicts itself.
    Category("gold: unpadded week (2000-W7)", "gold", "gold", gold=r"-W\d(?!\d)"),
    Category("gold: value contradicts its text", "gold", "gold", relation=_contradicts),
    # Both read the same time; they write it differently.
    Category("clock hour without minutes (T17)", "convention", "convention", gold=r"T\d\d$", ours=r"T\d\d:\d\d$",
             shape=r"\d|noon|midnight"),
    Category("part of day left out (TNI, TMO)", "convention", "granularity", ours=PART_OF_DAY + "$",
             relation=_ours_plus_part, shape=r"morning|afternoon|evening|night"),
    Category("other part of day (TEV for night)", "convention", "convention", gold=PART_OF_DAY + "$",
             ours=PART_OF_DAY + "$", relation=_same_day_other_part, shape=r"morning|afternoon|evening|night"),
    Category("week of year vs WXX", "convention", "convention", text=r"\bweeks?\b", gold=r"^\d{4}-WXX$",
             ours=r"^\d{4}-W\d\d$"),
    Category("week valued as month or day", "convention", "convention", text=r"\bweeks?\b",
             gold=r"^\d{4}-\d\d(-\d\d|-XX)?$", ours=r"^\d{4}-W\d\d$"),
    Category("week valued as a day in it", "convention", "convention", text=r"\bweeks?\b", gold=r"^\d{4}-W\d\d$",
             ours=r"^\d{4}-\d\d-\d\d$", relation=_nested),
    Category("year-ago: year vs quarter", "convention", "granularity", text=YEAR_AGO, gold=r"^\d{4}$",
             ours=r"^\d{4}-Q\d$"),
    Category("year-ago: quarter vs year", "convention", "granularity", text=YEAR_AGO, gold=r"^\d{4}-Q\d$",
             ours=r"^\d{4}$"),
    Category("quarter: QX vs Qn", "convention", "convention", gold=r"-QX$", ours=r"-Q\d$"),
    Category("year-ago: day or month vs year/quarter", "convention", "granularity", text=YEAR_AGO,
             gold=r"^\d{4}-\d\d(-\d\d)?$", ours=r"^\d{4}(-Q\d)?$"),
    Category("year vs year-XX (1949 / 1949-XX)", "convention", "convention", ours=r"^\d{4}$", relation=_x_padded),
    Category("decade/century: 198 vs 198X", "convention", "convention", ours=r"^\d{2,3}$", relation=_x_padded,
             shape=r"\d0'?s\b|century|decade|ties\b"),
    Category("date vs date-XX (1998-04 / 1998-04-XX)", "convention", "convention", relation=_x_padded),
    Category("digits left open (194X / 194, PXY / P1Y)", "convention", "convention", relation=_x_padded_either),
    Category("PAST_REF/FUTURE_REF vs PnX duration", "convention", "convention", gold=r"_REF$", ours=r"^P.*X"),
    Category("PnX duration vs PAST_REF/FUTURE_REF", "convention", "convention", gold=r"^P.*X", ours=r"_REF$"),
    Category("PRESENT_REF vs a date (now / the DCT)", "convention", "convention", gold=r"^PRESENT_REF$",
             ours=r"^\d"),
    Category("a date vs PRESENT_REF (the DCT / now)", "convention", "convention", gold=r"^\d", ours=r"^PRESENT_REF$"),
    Category("duration in other units (P1DE / P10Y)", "convention", "convention", gold=r"^P", ours=r"^P",
             relation=_same_length),
    # Readings of a different extent.
    Category("extent: other words, other value", "ours", "extent", relation=_other_extent),
    Category("date valued as a duration (P1W for last week)", "convention", "convention", gold=r"^P", ours=r"^\d"),
    Category("duration valued as a date (weeks: 1998-10)", "convention", "convention", gold=r"^\d|_REF$",
             ours=r"^P"),
    Category("granularity: one value holds the other", "convention", "granularity", relation=_nested),
    Category("weekday a week off (direction, story date)", "ours", "anchoring", text=WEEKDAY, relation=_weeks_apart),
    Category("anchoring: another date of the same kind", "ours", "anchoring", relation=_same_shape),
    Category("other", "ours", "other"),
]


def classify(scores: Scores, contexts: Mapping[str, Context]) -> tuple[dict[str, list[Error]], list[tuple[str, str]]]:
    """The wrong values by category, and the (gold text, our value) of every right one.  Gold without
    a value (WikiWars keeps TIMEX2 expressions that had none) is neither."""
    errors: dict[str, list[Error]] = defaultdict(list)
    right = []
    for m in scores.matches:
        if m.gold is None or m.system is None or not m.gold.value:
            continue
        if m.gold.value == m.system.value:
            right.append((m.gold.text, m.system.value))
            continue
        e = Error(m.document, m.gold.text, m.system.text, m.gold.value, m.system.value, m.gold.type, m.system.type,
                  contexts.get(m.document, Context(None)))
        category = next(c for c in CATEGORIES if c.fits(e))
        errors[category.name].append(e)
    return errors, right


@dataclass
class ErrorClasses:
    """The wrong values of a corpus by class (each in text order), and the extent errors that have no
    value to be wrong: gold missed and expressions tagged where the gold has none."""

    wrong: dict[str, list[Error]]
    missed: list
    spurious: list

    @property
    def wrong_values(self) -> int:
        return sum(len(errors) for errors in self.wrong.values())

    def share(self, error_class: str) -> float:
        return len(self.wrong[error_class]) / self.wrong_values if self.wrong_values else 0.0


def error_classes(scores: Scores, contexts: Mapping[str, Context]) -> ErrorClasses:
    """Every wrong value of ``scores`` in its class (see the module's docstring)."""
    by_category, _ = classify(scores, contexts)
    class_of = {c.name: c.error_class for c in CATEGORIES}
    wrong: dict[str, list[Error]] = {name: [] for name in CLASSES}
    for category, errors in by_category.items():
        wrong[class_of[category]].extend(errors)
    return ErrorClasses(wrong,
                        [m.gold for m in scores.matches if m.system is None],
                        [m.system for m in scores.matches if m.gold is None])
