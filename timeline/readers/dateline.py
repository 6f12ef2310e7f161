"""The publication date a text states in its first lines (its dateline).

Text copied from a news page keeps the page's dateline near the top: "Wed 05 Apr 2017",
"Published October 31 2014", "BEIRUT, Oct. 27 (Reuters) -", "By John Smith | 5 April 2017".
A line of the head is a dateline when, besides its dates, it holds only dateline furniture
(labels, weekday, clock time, time zone, agency, byline, punctuation), or when it opens in
the wire frame "CITY, date (Agency) -". The body's first sentence names dates too ("On 6 May,
rebels captured..."): prose beside a date makes it no dateline. A report copied as text (a
situation report, an assessment) is dated by its header instead: "Situation Report No. 50 (as of
21 August 2014)", "Flash Update #12 | 14 May 2024". Month and weekday names come from
``temporal/vocabulary.py``, every other word from ``data/datelines.tsv``.
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from typing import Iterable, Iterator

from ..temporal.vocabulary import MONTHS, WEEKDAYS

# How far a dateline may stand from the top: a title (rarely over 200 characters), a byline,
# a photo caption, a section label, then the dateline; a page copy may add a few menu lines.
HEAD_LINES = 8
HEAD_CHARS = 1000
# Past this many characters a line is read no further: a dateline is short, or opens its line.
LINE_CHARS = 300
# A byline names at most this many words ("By Ahmad al-Khatib and Sara Jones, Reuters").
BYLINE_WORDS = 8
# A label of a header's field beside a date is a few words ("Press Service", "No. 412/24"); more are a title's.
LABEL_WORDS = 3
# A report's title is short ("Sudan: Humanitarian Situation Report No. 12"); more words before a date are prose.
TITLE_WORDS = 16
# The order of preference among dates of different labels: the original publication date is
# what relative dates in the text were written against; an update's date comes after; a
# report's header is read only when the text has no dateline (its title may name a date).
RANKS = {"published": 0, None: 1, "updated": 2, "report": 3}
# The words that date a report's header: no dateline furniture, read by ``_report_dateline``.
REPORT_KINDS = ("asof", "report", "range")
KINDS = ("published", "updated", "joiner", "byline", "agency", "zone", "meridiem", "copyright", "ordinal", "unit",
         "ago", *REPORT_KINDS)
# Dates that span days ("1-7 October 2023"): a report's period, dated by its last day.
PERIOD_FORMS = ("day day month year", "month day day year")


@dataclass(frozen=True)
class Dateline:
    """A dateline found in a text: the date it gives (a partial ISO date) and where it stands;
    ``report``: a report's header, whose date is the report's own and no happening's."""

    published: str
    start: int
    end: int
    report: bool = False


class DatelineWordsError(ValueError):
    """A dateline words file that cannot be read; the message names the file and line."""


def parse_dateline_words(lines: Iterable[str], origin: str = "<datelines>") -> dict[str, str]:
    """Dateline words from ``KIND<tab>WORDS`` lines: each word or phrase (normalised as
    :func:`_phrase_key` does) with its kind."""
    words: dict[str, str] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = line.rstrip("\n").split("\t")
        if len(parts) != 2 or parts[0].strip() not in KINDS:
            raise DatelineWordsError(f"{origin}:{number}: expected KIND<tab>WORDS with KIND one of {', '.join(KINDS)}")
        kind, variants = parts[0].strip(), parts[1]
        for variant in variants.split("|"):
            if variant.strip():
                words[_phrase_key(_TOKEN.findall(variant))] = kind
    return words


@lru_cache(maxsize=1)
def dateline_words() -> dict[str, str]:
    text = resources.files("timeline").joinpath("data/datelines.tsv").read_text(encoding="utf-8")
    return parse_dateline_words(text.splitlines(), "datelines.tsv")


@lru_cache(maxsize=1)
def _longest_phrase() -> int:
    """How many tokens the longest phrase of the dateline words has."""
    return max(key.count(" ") for key in dateline_words()) + 1


def _phrase_key(tokens: Iterable[str]) -> str:
    return " ".join(token.lower().rstrip(".:") or token for token in tokens)


# Words, numbers (with a clock's separators or a zone's sign), "(c)", and single marks.
# A word (a zone glued to the word after it, "GMTUpdated", is two), a number, a mark.
_TOKEN = re.compile(r"\([cC]\)|(?-i:[A-Z]{2,5}(?=[A-Z][a-z]))|[^\W\d_][\w.'’\-]*|[+\-−]?\d+(?:[:.]\d+)*|\S")
_CLOCK = re.compile(r"\d{1,2}[:.]\d{2}(?:[:.]\d{2})?")
_ZONE_OFFSET = re.compile(r"[+\-−]\d{1,2}(?::?\d{2})?")
_YEAR = re.compile(r"\d{4}")
# Where a line splits into segments: a spaced dash or slash, a bar, a bullet ...
_SEPARATOR = re.compile(r"[ \t]+(?:--|[-–—/])[ \t]+|[ \t]*[|•·][ \t]*")
# ... and, for a labelled date only, a gap of three blanks or a tab: a report's header fields as its PDF gives
# them ("Date of issue: 14 April 2025   Reporting period: ..."), where a table's row ("12 May 2016<tab>A car
# bomb exploded ...") gives its date alone.
_GAP_SEPARATOR = re.compile(_SEPARATOR.pattern + r"|[ \t\u00a0]*\t[ \t\u00a0]*|[ \u00a0]{3,}")
# What closes it after the date: the agency in brackets, a dash, or the end of the line.
_WIRE_CLOSE = re.compile(r"[ \t]*(?:\([^()\n]{2,40}\)[ \t]*)?(?:(?:--|[-–—:])(?=[ \t]|$)|$)")
# A place's dateline with a full date, its title run on after it without a mark: "Dakar, 10 October 2024 What's new?".
_RUN_ON_CLOSE = re.compile(r"[ \t]+(?=[A-Z])")
# A dateline in brackets closes with its bracket, then a dash: "(Beirut, June 10, 2019) – ".
_BRACKET_CLOSE = re.compile(r"\)[ \t]*(?:--|[-–—:])(?=[ \t]|$)")
# What sets a dated label apart from the title before it ("Key figures (as of 3 March 2023)"); a comma
# does not ("The toll stands at 40, as of 3 March").
_SET_APART = re.compile(r"[(\[:|•·/—–-]")


@lru_cache(maxsize=1)
def _date_patterns() -> tuple[tuple[str, re.Pattern], ...]:
    """The forms a dateline's date takes, each with its name, built from the month names and
    the ordinal suffixes of the data."""
    months = "|".join(sorted(map(re.escape, MONTHS), key=len, reverse=True))
    ordinals = "|".join(re.escape(w) for w, kind in dateline_words().items() if kind == "ordinal")
    ranges = [w for w, kind in dateline_words().items() if kind == "range"]
    to = (r"(?:[ \t]*(?:%s)[ \t]*|[ \t]+(?:%s)[ \t]+)"
          % ("|".join(re.escape(w) for w in ranges if not w[0].isalpha()),
             "|".join(re.escape(w) for w in ranges if w[0].isalpha())))
    first_day = rf"\d{{1,2}}(?:{ordinals})?{to}"
    day = rf"(?P<day>\d{{1,2}})(?:{ordinals})?(?!\d)"
    month = rf"(?P<month>{months})(?![^\W\d_])\.?"
    year = r"(?P<year>\d{4})(?:(?!\d)|(?=\d{1,2}:\d{2}(?!\d)))"  # "November 28, 20244:12 PM": a copy glues the clock on
    gap = r"(?:,?[ \t]{1,3}|[-/.,])"
    start = r"(?<!\w)(?<!\d[./:\-])"
    forms = {
        "day day month year": rf"{start}{first_day}{day}{gap}{month}{gap}{year}",
        "month day day year": rf"{start}{month}{gap}{first_day}{day}{gap}{year}",
        "day month year": rf"{start}{day}{gap}{month}{gap}{year}",
        "month day year": rf"{start}{month}{gap}{day}{gap}{year}",
        "day month": rf"{start}{day}{gap}{month}",
        "month day": rf"{start}{month}{gap}{day}",
        "month year": rf"{start}{month}{gap}{year}",
        "year month day": r"(?<![\w.:/\-])(?P<year>\d{4})(?P<sep>[-/.])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})(?!\d)"
                          r"(?:T\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+\-]\d{2}:?\d{2})?)?",
        "numeric": r"(?<![\w.:/\-])(?P<first>\d{1,2})(?P<sep>[-/.])(?P<second>\d{1,2})(?P=sep)(?P<year>\d{4}|\d{2})"
                   r"(?!\w|[./\-]\d)",
    }
    return tuple((name, re.compile(pattern, re.IGNORECASE)) for name, pattern in forms.items())


@dataclass(frozen=True)
class _Date:
    """A date as written, not yet checked: a missing year, or a day and month whose order the
    text does not tell, is settled by the evidence of the whole head."""

    start: int
    end: int
    form: str
    year: int | None
    month: int | None = None
    day: int | None = None
    numbers: tuple[int, int] = (0, 0)  # a numeric date's first and second numbers, day and month in some order
    separator: str = ""


def _dates_in(line: str) -> list[_Date]:
    """The dates written in ``line``, longest first where they overlap, in order."""
    found: list[_Date] = []
    for form, pattern in _date_patterns():
        for match in pattern.finditer(line):
            found.append(_parse(form, match))
    found.sort(key=lambda d: (d.start, -d.end))
    chosen: list[_Date] = []
    for date in found:
        if not chosen or date.start >= chosen[-1].end:
            chosen.append(date)
    return chosen


def _parse(form: str, match: re.Match) -> _Date:
    groups = match.groupdict()
    year = int(groups["year"]) if groups.get("year") else None
    if year is not None and len(groups["year"]) == 2:
        year = _century(year)
    if form == "numeric":
        return _Date(match.start(), match.end(), form, year,
                     numbers=(int(groups["first"]), int(groups["second"])), separator=groups["sep"])
    month = groups["month"]
    month_number = int(month) if month.isdigit() else MONTHS[month.lower()]
    day = int(groups["day"]) if groups.get("day") else None
    return _Date(match.start(), match.end(), form, year, month_number, day)


def _century(year: int) -> int:
    """A two-digit year in the century that keeps it from the future ("17": 2017, "98": 1998)."""
    return 2000 + year if 2000 + year <= datetime.date.today().year + 1 else 1900 + year


@dataclass(frozen=True)
class _Candidate:
    """A date in a dateline, with its label, the weekday written with it and the dateline's span."""

    date: _Date
    label: str | None
    weekday: int | None
    start: int
    end: int


@dataclass(frozen=True)
class _Line:
    start: int
    text: str
    partial: bool  # cut off (by the head's end or LINE_CHARS): its end is not the line's end
    long: bool = False  # over LINE_CHARS: a paragraph of the body, which no furniture of the head follows


# A menu's item: a word or three, no digit, no mark of a sentence or a label.
_MENU_ITEM = re.compile(r"[ \t]*[^\W\d_][\w'’&.-]*(?:[ \t]+[^\W\d_][\w'’&.-]*){0,2}[ \t]*")


def _head_lines(text: str) -> Iterator[_Line]:
    """The first non-empty lines of ``text``, within its first characters, never reading further."""
    head = text[:HEAD_CHARS]
    position = 0
    seen = 0
    while position < len(head) and seen < HEAD_LINES:
        newline = head.find("\n", position)
        end = len(head) if newline < 0 else newline
        line = head[position:end].rstrip("\r")
        cut = newline < 0 and len(text) > len(head)
        if line.strip():
            seen += not _MENU_ITEM.fullmatch(line)  # a copied page's menu ("Home", "Middle East") takes no line's place
            yield _Line(position, line[:LINE_CHARS], cut or len(line) > LINE_CHARS, len(line) > LINE_CHARS)
        position = end + 1


def find_dateline(text: str, language: str = "") -> Dateline | None:
    """The dateline in the first lines of ``text``, or None when there is none.

    Among several datelines, a date labelled as published (or posted) wins over an unlabelled
    one, and both over an update's. A numeric date whose day and month could be either way
    round ("12/03/2018") is read by the evidence of the head (another numeric date with a number
    over 12, a weekday that fits one reading only), then by its dots (day first: no US style writes
    dots) or the ``language`` ("en-GB", "de": day first; "en-US": month first); failing those it is
    no dateline: a wrong date would shift every relative date of the text. A date without a year
    ("BEIRUT, Oct. 27 (Reuters) -") takes its year only from firm evidence next to it: another
    dateline of the head with a full date (the year that puts the two closest), or a copyright
    year in the head ("© 2014 Reuters"). A year in the body's prose is the year of some event,
    not firm enough. Dates must be real calendar days from 1900 to next year, and agree with the
    weekday written beside them. Below a paragraph of the body (a line over ``LINE_CHARS``), a date
    standing alone heads a section of the story ("Feb. 5, 2016" above what happened that day), and
    only a labelled date ("Published 5 Feb 2016") still dates the text. A report's header ("Flash
    Update #12 | 14 May 2024", "Reporting period: 1-7 October 2023") dates it when no dateline does.
    """
    lines = list(_head_lines(text))
    candidates: list[_Candidate] = []
    all_dates: list[_Date] = []
    copyright_years: list[int] = []
    pending_label: str | None = None
    body = False  # a paragraph of the body was read: a date standing alone below it heads a section
    for number, line in enumerate(lines):
        dates = _dates_in(line.text)
        all_dates.extend(dates)
        copyright_years.extend(_copyright_years(line.text))
        found = _wire_dateline(line, dates) or _plain_datelines(line, dates, pending_label, title=number == 0)
        found = [c for c in found if c.date.form not in PERIOD_FORMS]  # a period dates a report's header only
        if body:
            found = [c for c in found if c.label is not None]  # only "Published ..." still dates the text
        elif report := _report_dateline(line, dates):
            # Other dates of a report's header line belong to its title or period ("September 30 - October 7, 2023"),
            # but for one labelled as its date of issue ("Date of issue: 14 April 2025 ... Next update: 17 April").
            found = [c for c in found if c.date == report.date or c.label == "published"] + [report]
        candidates.extend(_moved(c, line.start) for c in found)
        pending_label = _label_only(line.text)
        body = body or line.long
    if not candidates:
        return None
    evidence = _Evidence(_numeric_order(all_dates, language), tuple(copyright_years),
                         tuple(c.date for c in candidates if c.date.year is not None and c.date.day is not None))
    best: tuple[int, int, Dateline] | None = None
    for candidate in candidates:
        published = _resolve(candidate, evidence)
        if published is None:
            continue
        rank = (RANKS[candidate.label], candidate.start)
        if best is None or rank < best[:2]:
            best = (*rank, Dateline(published, candidate.start, candidate.end, candidate.label == "report"))
    return best[2] if best else None


def _moved(candidate: _Candidate, offset: int) -> _Candidate:
    """A candidate found in a line, with its offsets moved into the text."""
    return replace(candidate, start=candidate.start + offset, end=candidate.end + offset)


def _wire_dateline(line: _Line, dates: list[_Date]) -> list[_Candidate]:
    """The date of a wire dateline opening ``line``: "BEIRUT, Oct. 27 (Reuters) - ...", or of one in
    brackets as reports write it: "(Beirut, June 10, 2019) – ...", perhaps after a short label of the
    page ("PRESS RELEASE | GENEVA, 12 March 2024")."""
    date = next((date for date in dates if date.start > 0), None)
    bracketed = line.text.startswith("(")
    opening = int(bracketed)
    if date is not None and not bracketed and (label := _LABEL_BEFORE.match(line.text, 0, date.start)):
        opening = label.end()  # "PRESS RELEASE | GENEVA, 12 March 2024"
    if date is None or not _wire_opening().fullmatch(line.text[opening:date.start]):
        return []
    weekdays = {_weekday(token) for token in _tokens(line.text[:date.start])} - {None}
    close = (_BRACKET_CLOSE if bracketed else _WIRE_CLOSE).match(line.text, date.end)
    if close is None and not bracketed and opening == 0 and date.year is not None and date.day is not None:
        # A dateline run into the title after it, as a PDF's text gives it: "Dakar/Brussels, 10 October 2024 What's new?"
        close = _RUN_ON_CLOSE.match(line.text, date.end)
    if len(weekdays) > 1 or not close or line.partial and close.end() >= len(line.text):
        return []
    return [_Candidate(date, None, weekdays.pop() if weekdays else None, 0, close.end())]


# A short label of capitalised words and a separator before a wire dateline: "PRESS RELEASE | ", "News - ".
_LABEL_BEFORE = re.compile(r"(?:[A-Z][\w'’]*[ \t]+){0,3}[A-Z][\w'’]*[ \t]*(?:[|•·]|--|[-–—](?=[ \t]))[ \t]*")


@lru_cache(maxsize=1)
def _wire_opening() -> re.Pattern:
    """What stands before a wire dateline's date: "BEIRUT, ", "QAMISHLI, Syria, ", "DAMASCUS, Friday, ",
    "GOMA, Democratic Republic of Congo, ", "PORT SUDAN/ROME/NEW YORK, "."""
    weekdays = "|".join(sorted(map(re.escape, WEEKDAYS), key=len, reverse=True))
    place = (r"[A-Z][\w.'’\-]*(?:[ \t/][\w.'’\-]+){0,5},[ \t]*"
             r"(?:[A-Z][\w.'’\-]*(?:[ \t][\w.'’\-]+){0,4},[ \t]*)?")
    return re.compile(rf"(?:{place})?(?i:{weekdays})\.?,?[ \t]+|{place}")


def _plain_datelines(line: _Line, dates: list[_Date], pending_label: str | None, title: bool = False) -> list[_Candidate]:
    """The dates of ``line`` that stand in dateline segments: the whole line when every segment
    is dateline furniture, else its first or last segment alone ("Middle East | 5 April 2017"),
    except in the first line, most often the title, where a date beside other words is the
    event's ("Ghouta remembered - 21 August 2013")."""
    if not dates:
        return []
    found = _datelines_between(line, dates, pending_label, title, _segments(line.text))
    if not title and _GAP_SEPARATOR.search(line.text) and not any(c.label is not None for c in found):
        found += [c for c in _datelines_between(line, dates, pending_label, title, _segments(line.text, gaps=True))
                  if c.label is not None]
    return found


def _datelines_between(line: _Line, dates: list[_Date], pending_label: str | None, title: bool,
                       bounds: list[tuple[int, int]]) -> list[_Candidate]:
    """The datelines of a line split into segments at ``bounds`` (see _plain_datelines)."""
    readings = [_read_segment(line.text, start, end, dates) for start, end in bounds]
    if line.partial:
        readings[-1] = None
    if all(reading is not None for reading in readings):
        chosen = [(bounds[0][0], bounds[-1][1], reading) for reading in readings]
    elif title:
        return []
    else:
        # A segment inside the line too when the others are labels of a few words ("Press Service | 9 July
        # 2024, 10:15 | No. 412/24"), not a title's words.
        labels = all(reading is not None or len([t for t in _tokens(line.text[start:end]) if t[0].isalnum()])
                     <= LABEL_WORDS for (start, end), reading in zip(bounds, readings))
        chosen = [(start, end, readings[i]) for i, (start, end) in enumerate(bounds)
                  if readings[i] is not None and (i in (0, len(bounds) - 1) or labels)]
    candidates = [_Candidate(date, label, weekday, start, end)
                  for start, end, reading in chosen for date, label, weekday in reading]
    if candidates and candidates[0].label is None and pending_label:  # "Published:" on the line above
        candidates[0] = replace(candidates[0], label=pending_label)
    return candidates


def _segments(line: str, gaps: bool = False) -> list[tuple[int, int]]:
    """The spans of the parts of ``line`` between separators (with ``gaps``, gaps too), spaces around them left out."""
    bounds = []
    position = 0
    for separator in (_GAP_SEPARATOR if gaps else _SEPARATOR).finditer(line):
        bounds.append((position, separator.start()))
        position = separator.end()
    bounds.append((position, len(line)))
    return [(start + len(line[start:end]) - len(line[start:end].lstrip()), start + len(line[start:end].rstrip()))
            for start, end in bounds]


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _weekday(token: str) -> int | None:
    return WEEKDAYS.get(token.lower().rstrip(".,"))


def _read_segment(line: str, start: int, end: int, dates: list[_Date]) -> list[tuple[_Date, str | None, int | None]] | None:
    """The dates of a segment with the label and weekday of each, or None when the segment holds
    anything but dates and dateline furniture (prose)."""
    inside = [date for date in dates if start <= date.start and date.end <= end]
    if any(date.start < end and date.end > start for date in dates if date not in inside):
        return None  # a date cut by a separator
    pieces: list[list[str] | _Date] = []
    position = start
    for date in inside:
        pieces += [_tokens(line[position:date.start]), date]
        position = date.end
    pieces.append(_tokens(line[position:end]))
    found: list[list] = []  # [date, label, weekday]
    label = weekday = None
    for piece in pieces:
        if isinstance(piece, _Date):
            found.append([piece, label, weekday])
            label = weekday = None
            continue
        i = 0
        while i < len(piece):
            kind, width = _furniture(piece, i)
            if kind is None:
                return None
            if kind in ("published", "updated"):
                label = kind
            elif kind == "weekday":
                day_of_week = _weekday(piece[i])
                if found and found[-1][2] is None and not any(t[0].isalnum() for t in piece[:i]):
                    found[-1][2] = day_of_week  # after its date: "5 April 2017, Wednesday"
                else:
                    weekday = day_of_week
            elif kind == "byline":
                names = [t for t in piece[i + width:] if t[0].isalnum()]
                if len(names) > BYLINE_WORDS or any(t[0].isdigit() for t in names):
                    return None
                break  # the name runs to the end of this piece
            i += width
    if weekday is not None:  # after the last date, past other furniture: "5 April 2017 10:00 Wed"
        if not found or found[-1][2] is not None:
            return None
        found[-1][2] = weekday
    return [tuple(item) for item in found]


def _furniture(tokens: list[str], i: int) -> tuple[str | None, int]:
    """What kind of dateline furniture starts at ``tokens[i]`` and how many tokens it takes:
    a kind of the dateline words, ``weekday``, ``clock``, ``stamp`` ("2 hours ago") or ``mark``;
    None for prose."""
    words = dateline_words()
    for size in range(min(_longest_phrase(), len(tokens) - i), 0, -1):
        kind = words.get(_phrase_key(tokens[i:i + size]))
        if kind in REPORT_KINDS:
            continue
        if kind == "copyright" and i + size < len(tokens) and _YEAR.fullmatch(tokens[i + size]):
            return kind, size + 1  # "© 2014"
        if kind:
            return kind, size
    token = tokens[i]
    if token.isdigit() and [words.get(_phrase_key([t])) for t in tokens[i + 1:i + 3]] == ["unit", "ago"]:
        return "stamp", 3  # "Updated 2 hours ago": the page's stamp, read when it was saved
    if _weekday(token) is not None:
        return "weekday", 1
    if _CLOCK.fullmatch(token) or _ZONE_OFFSET.fullmatch(token):
        return "clock", 1
    if token.isdigit() and len(token) <= 2 and i + 1 < len(tokens) and words.get(_phrase_key(tokens[i + 1:i + 2])) == "meridiem":
        return "clock", 1  # "4 pm"
    if not token[0].isalnum():
        return "mark", 1
    return None, 1


def _report_dateline(line: _Line, dates: list[_Date]) -> _Candidate | None:
    """The date of a report's header line: a date under a label, after the report's title or
    alone ("Situation Report No. 50 (as of 21 August 2014)", "Weekly report, week ending 9 June
    2023", "Data as of 12 February 2024"), or a full date after a title that names a report and a
    mark ("Flash Update #12 | 14 May 2024"). A period ("Reporting period: 1-7 October 2023") gives
    its last day. The date ends the line: "As of 3 March, 12 people had died" is the body's."""
    if not dates or line.partial:
        return None
    date = dates[-1]
    if not all(_furniture(tail, i)[0] in ("mark", "clock", "zone", "meridiem")
               for tail in [_tokens(line.text[date.end:])] for i in range(len(tail))):
        return None
    opening = date.start
    if len(dates) > 1 and _joins_period(line.text[dates[-2].end:date.start]):
        opening = dates[-2].start  # "25 September - 1 October 2023"
    tokens = _tokens(line.text[:opening])
    words = dateline_words()
    weekday = None
    gap = len(tokens)  # back to the label, over what may stand between it and its date: "as of Friday, 9 June"
    while not (label := _label_before(tokens, gap)) and gap and (
            words.get(_phrase_key(tokens[gap - 1:gap])) in ("joiner", "range")
            or _weekday(tokens[gap - 1]) is not None or not tokens[gap - 1][0].isalnum()):
        gap -= 1
        weekday = _weekday(tokens[gap]) if weekday is None else weekday
    if label:
        title_end = gap - label
        while title_end and not tokens[title_end - 1][0].isalnum():
            title_end -= 1
        title, marks = tokens[:title_end], tokens[title_end:gap - label]
        if title and not (_is_report_title(title) or any(_SET_APART.fullmatch(mark) for mark in marks)):
            return None
    else:
        title, between = tokens[:gap], tokens[gap:]
        if (not title or date.year is None or date.day is None and date.form != "numeric"
                or not _is_report_title(title)
                or not any(not t[0].isalnum() and _weekday(t) is None for t in between)
                or any(t[0].isalnum() and _weekday(t) is None for t in between)):
            return None
    if title and not _title_like(title):
        return None
    return _Candidate(date, "report", weekday, 0, len(line.text))


def _label_before(tokens: list[str], end: int) -> int:
    """How many tokens the label of a report's date ("as of", "week ending") ending at ``end`` takes, or 0."""
    words = dateline_words()
    return next((size for size in range(min(_longest_phrase(), end), 0, -1)
                 if words.get(_phrase_key(tokens[end - size:end])) == "asof"), 0)


def _joins_period(text: str) -> bool:
    """Whether ``text`` only joins the two ends of a period ("- ", " to ")."""
    tokens = _tokens(text)
    return bool(tokens) and all(dateline_words().get(_phrase_key([t])) == "range" for t in tokens)


def _is_report_title(tokens: list[str]) -> bool:
    """Whether a title names a report: "Sudan: Situation Report No. 50", "Weekly report"."""
    words = dateline_words()
    return any(words.get(_phrase_key(tokens[i:i + size])) == "report"
               for i in range(len(tokens)) for size in range(1, min(_longest_phrase(), len(tokens) - i) + 1))


def _title_like(tokens: list[str]) -> bool:
    """Whether words before a date may be a report's title: few, and opening as a title does."""
    words = [t for t in tokens if t[0].isalnum()]
    return bool(words) and len(words) <= TITLE_WORDS and not words[0][0].islower()


def _label_only(line: str) -> str | None:
    """The label a line holds when it holds nothing else ("Published:" above its date)."""
    words = dateline_words()
    tokens = [t for t in _tokens(line) if t[0].isalnum()]
    kind = words.get(_phrase_key(tokens)) if tokens else None
    return kind if kind in ("published", "updated") else None


def _copyright_years(line: str) -> list[int]:
    words = dateline_words()
    tokens = _tokens(line)
    return [int(tokens[i + 1]) for i in range(len(tokens) - 1)
            if words.get(_phrase_key([tokens[i]])) == "copyright" and _YEAR.fullmatch(tokens[i + 1])]


@dataclass(frozen=True)
class _Evidence:
    """What the head tells about its dates: the order of day and month in numeric dates (True:
    day first, None: unknown), copyright years, and the full dates of its datelines."""

    day_first: bool | None
    copyright_years: tuple[int, ...]
    full_dates: tuple[_Date, ...]


def _numeric_order(dates: list[_Date], language: str) -> bool | None:
    """Whether the text writes numeric dates day first, by a number over 12 in one of them, else
    by its language; None when nothing tells, or the evidence disagrees."""
    orders = set()
    for date in dates:
        if date.form == "numeric":
            first, second = date.numbers
            if first > 12 >= second:
                orders.add(True)
            elif second > 12 >= first:
                orders.add(False)
    if len(orders) == 1:
        return orders.pop()
    if orders:
        return None
    language = language.lower().replace("_", "-")
    if language in ("", "en"):
        return None
    return language != "en-us"


def _resolve(candidate: _Candidate, evidence: _Evidence) -> str | None:
    """The partial ISO date of a candidate, or None when it is no plausible publication date."""
    date = candidate.date
    if date.form == "month year":
        if candidate.label is None or candidate.weekday is not None:
            return None  # "April 2017" alone may be a heading; a label makes it a date of publication
        return f"{date.year:04d}-{date.month:02d}" if _plausible_year(date.year) else None
    if date.form == "numeric":
        readings = {day for day in (_day(date.year, date.numbers[1], date.numbers[0]),
                                    _day(date.year, date.numbers[0], date.numbers[1])) if day}
        if len(readings) > 1 and candidate.weekday is not None:
            readings = {day for day in readings if day.isoweekday() == candidate.weekday}
        if len(readings) > 1 and (evidence.day_first is not None or date.separator == "."):
            first = evidence.day_first if evidence.day_first is not None else True
            readings = {_day(date.year, *(date.numbers[::-1] if first else date.numbers))}
        day = readings.pop() if len(readings) == 1 else None
    elif date.year is None:
        day = _with_year(date, evidence)
    else:
        day = _day(date.year, date.month, date.day)
    if day is None or not _plausible_year(day.year):
        return None
    if candidate.weekday is not None and day.isoweekday() != candidate.weekday:
        return None
    return day.isoformat()


def _day(year: int | None, month: int | None, day: int | None) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except (TypeError, ValueError):
        return None


def _with_year(date: _Date, evidence: _Evidence) -> datetime.date | None:
    """A yearless date in the one year the evidence points to, or None when it points to none or several."""
    days = set()
    for year in evidence.copyright_years:
        days.add(_day(year, date.month, date.day))
    for other in evidence.full_dates:
        known = _day(other.year, other.month, other.day)
        if known is None:
            continue
        near = [d for d in (_day(known.year + step, date.month, date.day) for step in (-1, 0, 1)) if d]
        days.add(min(near, key=lambda d: abs(d - known)) if near else None)
    return days.pop() if len(days) == 1 else None


def _plausible_year(year: int) -> bool:
    return 1900 <= year <= datetime.date.today().year + 1
