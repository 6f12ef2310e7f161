"""Events: sentences that place a happening in time, with their date and evidence.

A sentence becomes an event when a DATE or TIME expression with a calendar value
places a happening in it. Durations alone, habits and generic statements are not
events; a sentence with dates for different happenings gives one event per
happening; planned or expected happenings are events marked ``future``. The lead
happening of an article (or of each story of a live blog) that its text does not
date is dated from the publication date (``date_source="publication"``), so no
article vanishes from the chronology.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import MISSING, dataclass, field
from typing import Callable, Iterable, Iterator, Mapping, NamedTuple

from .documents import Document
from .sentences import Sentence
from .temporal import TemporalExpression, interval_of
from .temporal.values import Interval
from .temporal.firstchars import with_lookahead
from .temporal.procedures import is_entry_date
from .temporal.lexicon import alternatives, current_language, first_letters
from .readers.dateline import find_dateline
from .derived import DEADLINE_MOD, Relation, find_relations, is_deadline, offset_date, recalls_happening
from .titles import (DATE_PREPOSITIONS, DATELINE, IRREGULAR_PAST, LIST_MARKS, RELATIVE_INSERTION, SPEECH_VERBS, clause_at,
                     make_title, phrase_title)

_LANGUAGE = current_language()
# The cue words of the language by kind (cues.tsv); the patterns below keep only their structure.
_CUES = _LANGUAGE.cues


def _not_after(words, before: str = "") -> str:
    """Lookbehinds refusing a match right after any of ``words`` and a space (``before`` each word:
    a pattern that must match there too, such as a word boundary)."""
    return "".join(r"(?<!%s%s )" % (before, re.escape(word)) for word in words)


# Habits and generic statements: a date in the same clause places no happening.
HABITUAL = re.compile(
    # The class of first letters lets the search pass most words without trying each alternative.
    r"\b(?=%s)(?:%s|(?:%s) (?:%s))\b" % (
        first_letters(_CUES["habitual"] + _CUES["recurrence"]), alternatives(_CUES["habitual"]),
        alternatives(_CUES["recurrence"]),
        alternatives(_CUES["recurring_period"] + tuple(_LANGUAGE.seasons) + _LANGUAGE.weekday_names)),
    re.IGNORECASE,
)
# A time made the subject of a generic statement ("Towards the end of the month is when ...").
GENERIC_TIME = re.compile(r"\b(?=%s)(?:%s)\b" % (first_letters(_CUES["generic_time"]), alternatives(_CUES["generic_time"])),
                          re.IGNORECASE)
# A date that a figure is compared with ("up from $3 million last year", "compared with a year earlier")
# is a reference point, not the time of a happening; "no later than" sets a deadline, no comparison.
# So is the date after a superlative and "since" ("the deadliest attack since January", "the first time since 2011").
COMPARISON_LEAD_IN = re.compile(
    r"\b(?:%s)\s(?:[^.;:!?]|\.(?=[0-9])){0,60}$|%s\b(?:%s)\s+(?:(?:%s)\s+)?$"
    r"|\b(?:%s)\b[^.;:!?,]{0,25}\bsince\s+(?:(?:%s)\s+)?$" % (
        alternatives(_CUES["comparison"]), _not_after(_CUES["deadline_comparative"]),
        alternatives(_CUES["comparative"]), alternatives(_CUES["comparative_lead"]), alternatives(_CUES["superlative"]),
        alternatives(_CUES["definite_article"])),
    re.IGNORECASE,
)
# Longer than any match of COMPARISON_LEAD_IN but for the spaces just before the date.
COMPARISON_REACH = 100
# Every match of COMPARISON_LEAD_IN holds one of these words (casefolded, as its IGNORECASE reads
# them): words before a date that hold none cannot lead into a comparison, which is tested at
# once instead of trying the pattern at each of their characters.
COMPARISON_WORDS = tuple(word.casefold() for word in _CUES["comparison"] + _CUES["comparative"] + _CUES["superlative"])
# Whether casefolded words hold one of COMPARISON_WORDS anywhere (a search in C, not a test per word).
_HOLDS_COMPARISON_WORD = re.compile("|".join(map(re.escape, COMPARISON_WORDS)) or "(?!)")
COMPARISON_DATE = with_lookahead(re.compile(r"\b(?:%s)\b" % alternatives(_CUES["compared_period"]), re.IGNORECASE))
# A date counted back after a preposition of comparison ("fell 14% from a year earlier"), and a period a
# superlative is counted over ("the highest daily figure this month"): points of comparison too.
COMPARED_OFFSET = frozenset(phrase.casefold() for phrase in _CUES["compared_offset"])
OFFSET_LEAD = re.compile(r"\b(?:%s)\s+$" % alternatives(_CUES["offset_lead"]), re.IGNORECASE)
SUPERLATIVE_PERIOD = frozenset(phrase.casefold() for phrase in _CUES["superlative_period"])
SUPERLATIVE_BEFORE = re.compile(r"\b(?:%s)\b[^.;:!?,]{0,40}$" % alternatives(_CUES["superlative"]), re.IGNORECASE)
# Planned or expected happenings.
FUTURE = re.compile(
    r"\b(?=%s)(?:%s|(?:%s)%s)\b" % (
        first_letters(_CUES["planned"] + _CUES["conditional"]), alternatives(_CUES["planned"]),
        alternatives(_CUES["conditional"]),
        "".join(r"(?! %s)" % re.escape(word) for word in _CUES["conditional_perfect"])),
    re.IGNORECASE,
)
# A reported past happening: a perfect tense, a past tense or a past participle after "was/were".
HAPPENING = with_lookahead(re.compile(
    r"\b(?:%s)\s+(?:\w+\s+){0,2}?(?:(?:%s)\s+)?\w+(?:%s)\b|"
    r"\b(?:%s)\b|\b%s[a-z]{3,}(?:%s)\b" % (
        alternatives(_CUES["perfect_auxiliary"]), alternatives(_CUES["passive_perfect"]),
        alternatives(_CUES["participle_ending"]),
        alternatives(verb for verb in IRREGULAR_PAST if verb not in _CUES["past_state"]),  # "was a capital" is a state
        _not_after(_CUES["article"], before=r"\b"),
        alternatives(_CUES["past_ending"])),
))
# A span of time: a sentence that holds one describes a state over it, not a happening to date.
SPAN_OF_TIME = re.compile(
    r"\b(?:%s) (?:(?:%s) )?(?:\w+ )?(?:%s)\b" % (
        alternatives(_CUES["span_lead"]), alternatives(_CUES["span_quantifier"]), alternatives(_CUES["span_unit"])),
    re.IGNORECASE,
)
# How many sentences back a sentence without a date may find the happening its offsets count from.
CONTEXT_SENTENCES = 2
# A headline: a line of its own, without closing punctuation, of a few words.
HEADLINE_MAX_WORDS = 20
# How many body sentences may be looked at for the lead happening: of the article, and of each
# further story after a headline (a sub-heading followed by no happening starts no story).
LEAD_WINDOW = 3
STORY_LEAD_WINDOW = 1

NameFinder = Callable[[str], tuple[tuple["Mention", ...], tuple["Mention", ...]]]


@dataclass(frozen=True)
class Mention:
    """A place or actor named in a sentence: as written, and its normalised name."""

    text: str
    name: str
    kind: str = ""


@dataclass(frozen=True)
class Location:
    """Where a happening took place, as a map needs it: the place's name in the gazetteer, the
    words of the text that named it, its coordinates, first-level region and country, how
    precise the match is (``town``, ``region``, ``country``) and where in the document the place
    was tied to the event (``location_from``: ``sentence``, ``paragraph`` (an earlier sentence of
    its paragraph), ``headline`` or ``lead``)."""

    name: str
    text: str = ""
    latitude: float | None = None
    longitude: float | None = None
    admin1: str = ""
    country: str = ""
    precision: str = ""
    location_from: str = ""


@dataclass(frozen=True)
class Casualties:
    """A reported figure of people killed (or injured), with its evidence: ``count`` is the figure
    an analyst codes (a lower bound when ``qualifier`` is ``at least``), ``low`` and ``high`` the
    range the text gave ("70 ... some say 100"), ``qualifier`` one of ``exact``, ``at least``,
    ``about``, ``up to``, and ``text`` the words that said so, verbatim."""

    count: int
    qualifier: str = "exact"
    low: int | None = None
    high: int | None = None
    text: str = ""


@dataclass(frozen=True)
class Source:
    """Another report of the same happening (after merging)."""

    document: str
    offset: tuple[int, int]
    sentence: str
    url: str = ""
    id: str = ""  # the report's id (see timeline.identity)


@dataclass(frozen=True)
class Event:
    """A dated happening.

    ``date`` is the TIMEX3-style value (``2016-11-03``, ``2016-08``); ``start`` and
    ``end`` the inclusive days it covers; ``sentence`` the evidence, verbatim, at
    ``offset`` in ``document``; ``date_source`` how the date was found.
    """

    date: str
    start: dt.date
    end: dt.date
    precision: str
    title: str
    sentence: str
    document: str
    offset: tuple[int, int]
    date_source: str
    expression: str = ""
    mod: str | None = None
    future: bool = False
    url: str = ""
    places: tuple[Mention, ...] = ()
    actors: tuple[Mention, ...] = ()
    sources: tuple[Source, ...] = field(default=())
    # What an analyst codes (ACLED's event types; see timeline/data/event_types.tsv): the type and
    # sub-event type, who acted (actor1) against whom (actor2), where, and the reported toll.
    event_type: str = "unknown"
    sub_event_type: str = ""
    actor1: Mention | None = None
    actor2: Mention | None = None
    location: Location | None = None
    fatalities: Casualties | None = None
    injuries: Casualties | None = None
    # Its stable id (see timeline.identity), and what an analyst made of it (see timeline.corrections):
    # ``status`` keep or reject, their ``notes``, and which fields they ``corrected`` ("date; title").
    id: str = ""
    status: str = "keep"
    notes: str = ""
    corrected: str = ""


# An Event with each field at its default (None for the fields that have none), whose instance
# dictionary new events copy: copied from another Event's, a dictionary keeps the keys it shares with
# every Event (a third of the memory of one filled key by key).
_REQUIRED_FIELDS = frozenset(name for name, f in Event.__dataclass_fields__.items()
                             if f.default is MISSING and f.default_factory is MISSING)
_DEFAULT_EVENT = Event(**dict.fromkeys(_REQUIRED_FIELDS))


_EVENT_FIELDS = Event.__dataclass_fields__.keys()


def new_event(**values) -> Event:
    """``Event(**values)`` for the events of a long document: a frozen dataclass sets each of its
    fields through ``object.__setattr__``, which cost more than the rest of making an event of a
    list of dates; filling the instance dictionary at once gives the same object."""
    if not (_REQUIRED_FIELDS <= values.keys() <= _EVENT_FIELDS):
        return Event(**values)  # raises the TypeError that names what is missing or unknown
    return filled(_DEFAULT_EVENT, values)


def with_fields(event: Event, **changes) -> Event:
    """``dataclasses.replace(event, **changes)`` without running ``__init__`` again field by field
    (Event checks nothing there): a page of dated lines or a list of dates codes tens of thousands
    of events, and replace cost more than all the rest of their coding."""
    if not changes.keys() <= type(event).__dataclass_fields__.keys():
        unknown = changes.keys() - type(event).__dataclass_fields__.keys()
        raise TypeError(f"{type(event).__name__} has no field {', '.join(sorted(unknown))}")
    return filled(event, changes)


def filled(event: Event, changes: Mapping[str, object]) -> Event:
    """A copy of ``event`` with ``changes``, whose keys are names of its fields (not checked here:
    with_fields and new_event check what they are given), its instance dictionary filled at once."""
    copy = object.__new__(type(event))
    # A copy of the dictionary is made at once; filling an empty one grows it step by step.
    fields = event.__dict__.copy()
    fields.update(changes)
    object.__setattr__(copy, "__dict__", fields)
    return copy


class _Happening(NamedTuple):
    """One or more date expressions of a sentence that date the same happening, the days they cover,
    and the interval of the first, the main one (a tuple, made in C for each date of a list)."""

    expressions: tuple[TemporalExpression, ...]
    start: dt.date
    end: dt.date
    interval: Interval

    @property
    def main(self) -> TemporalExpression:
        return self.expressions[0]


def _names_in(sentence: str, find_names: NameFinder | None):
    """Places and actors of a sentence, leaving out a wire dateline (where the report was filed)."""
    if find_names is None:
        return (), ()
    dateline = DATELINE.match(sentence)
    if dateline:
        sentence = " " * dateline.end() + sentence[dateline.end():]
    return find_names(sentence)


# Notes in brackets after a sentence's closing mark: "... near Morek.[2]", "... in 2016.[citation needed]".
_TRAILING_NOTES = re.compile(r"(?:\[[^\]\n]{0,20}\]\s*)+$")


def is_headline(sentence: Sentence, text: str) -> bool:
    """A line of its own with no closing punctuation (notes in brackets after it aside) and a few words."""
    # The closing punctuation first: most sentences have it, and it is the quickest to read.
    end = sentence.text.rstrip()
    if end.endswith("]"):
        end = _TRAILING_NOTES.sub("", end)
    return (
        not end.endswith((".", "!", "?", ":", "\"", "”", "’", ")"))
        and _alone_on_line(text, sentence.start, sentence.end)
        and len(sentence.text.split()) <= HEADLINE_MAX_WORDS
    )


# Spaces up to the end of a line.
_BLANK_TO_LINE_END = re.compile(r"[^\S\n]*(?:\n|\Z)")


def _alone_on_line(text: str, start: int, end: int) -> bool:
    """Whether only spaces stand between ``text[start:end]`` and the line breaks around it (read
    outward from it, never along the whole line: a page may be one line of megabytes)."""
    before = start
    while before > 0 and text[before - 1] != "\n" and text[before - 1].isspace():
        before -= 1
    return (before == 0 or text[before - 1] == "\n") and bool(_BLANK_TO_LINE_END.match(text, end))


_LABEL_SEPARATOR = re.compile(r"[—–\-,:|]\s*$")


# A headline that is a section named after its day: "Yesterday's updates", "Sunday's papers" (cues.tsv, page_section).
_SECTION_AFTER = re.compile(r"['’]s\s+(?:%s)\s*[.:]?\s*$" % alternatives(_CUES["page_section"]), re.IGNORECASE)


def _is_date_label(sentence: Sentence, expression: TemporalExpression, text: str) -> bool:
    """A date set off at the end of a headline ("Roundup — 20 Aug", "The battle for Aleppo, 2012-2016"), or
    a section of the page named after its day ("Yesterday's updates"): it labels the page, it dates no
    happening."""
    after = text[expression.end:sentence.end]
    before = text[sentence.start:expression.start]
    return not after.strip(" .)") and bool(_LABEL_SEPARATOR.search(before)) or bool(_SECTION_AFTER.match(after))


def is_generic(sentence: str) -> bool:
    """A habit or a generic statement, whose date places no happening."""
    return bool(HABITUAL.search(sentence) or GENERIC_TIME.search(sentence))


def reports_happening(sentence: str) -> bool:
    """Whether a sentence reports something that happened (a past or perfect verb)."""
    return bool(HAPPENING.search(sentence)) and not sentence.rstrip().endswith("?")


def is_future(clause: str, start: dt.date, published: dt.date | None) -> bool:
    """A planned or expected happening: future wording (not inside a quotation closed before the
    clause ends: '"We will not leave," a commander said on Thursday'), or a date after publication."""
    if published is not None and start > published:
        return True
    return _future_wording_at(clause, 0) >= 0


# Marks that open and close a quotation: a straight double quote does both.
_QUOTE_MARKS = {'"': '"', "\u201c": "\u201d", "\u00ab": "\u00bb"}
_QUOTE_MARK = re.compile("[%s]" % re.escape("".join(set(_QUOTE_MARKS) | set(_QUOTE_MARKS.values()))))


def _holds_quote_mark(words: str) -> bool:
    return any(mark in words for mark in _QUOTE_MARKS)  # a scan in C per mark


def _future_wording_at(words: str, position: int) -> int:
    """Where the first future wording of ``words`` from ``position`` begins, outside the quotations
    that close within ``words`` (-1: none)."""
    match = FUTURE.search(words, position)
    if match is None or not _holds_quote_mark(words):
        return match.start() if match else -1
    quoted, opened = [], None
    for mark in _QUOTE_MARK.finditer(words):  # the marks alone, not every character
        character = mark.group()
        if opened is None and character in _QUOTE_MARKS:
            opened = (mark.start(), _QUOTE_MARKS[character])
        elif opened is not None and character == opened[1]:
            quoted.append((opened[0], mark.start()))
            opened = None
    while match is not None:
        if not any(start < match.start() < end for start, end in quoted):
            return match.start()
        match = FUTURE.search(words, match.end())
    return -1


# Longer than any match of FUTURE with the characters after it that it reads ("would" not before " have").
_FUTURE_REACH = (max(map(len, _CUES["planned"] + _CUES["conditional"]), default=0)
                 + max((len(word) + 1 for word in _CUES["conditional_perfect"]), default=0) + 1)


def _is_future_in(sentence: str, clause_start: int, end: int, start: dt.date, published: dt.date | None,
                  known: dict[int, tuple[int, int]]) -> bool:
    """``is_future(sentence[clause_start:end], start, published)``, for the dates of one clause in
    text order without reading the clause again for each (a clause may hold hundreds of dates).

    ``known`` holds per clause start the last ``end`` asked and where the first future wording
    begins before it (-1: none). A match that begins more than ``_FUTURE_REACH`` characters before
    that end reads nothing after it, so it stays the first in any longer beginning of the clause;
    otherwise only the words from there on need reading."""
    if published is not None and start > published:
        return True
    words = sentence[clause_start:end]
    position = 0
    last = known.get(clause_start)
    if last is not None and last[0] <= end:
        settled = last[0] - clause_start - _FUTURE_REACH
        if 0 <= last[1] < settled:
            known[clause_start] = (end, last[1])
            return True
        position = max(0, settled)
    if _holds_quote_mark(words):
        # Whether wording is quoted depends on where the quotation closes: the clause is read whole.
        known.pop(clause_start, None)
        return _future_wording_at(words, 0) >= 0
    match = FUTURE.search(words, position)
    first = match.start() if match else -1
    known[clause_start] = (end, first)
    return first >= 0


def _published_day(document: Document) -> dt.date | None:
    interval = interval_of((document.published or "")[:10])
    return interval.end if interval else None


def _own_date(document: Document) -> tuple[int, int] | None:
    """Where a report's header states the date the report was dated by ("Data as of 12 February
    2024", "Reporting period: 1-7 October 2023"), or a page's stamp its own ("January 26, 2025 9:14 PM
    GMT+1 Updated 3 hours ago", "Published 5 March 2023"): the text's own date, no happening's. Not a
    date alone on its line, which may head a timeline's first entries ("March 3, 2016")."""
    if document.published_from != "dateline":
        return None
    found = find_dateline(document.text, document.language)
    if found is None or not (found.report or _STAMP_WORD.search(document.text, found.start, found.end)):
        return None
    # A header's other fields on its line are the report's too ("Date of issue: 14 April 2025   Reporting period:
    # 10 - 14 April 2025   Next update: 17 April 2025"): each date there follows a label and its colon.
    text = document.text
    line_start = text.rfind("\n", 0, found.start) + 1
    line_end = text.find("\n", found.end)
    line_end = len(text) if line_end < 0 else line_end
    fields = [f for f in _FIELD_SEPARATOR.split(text[line_start:found.start] + "  " + text[found.end:line_end]) if f]
    if fields and all(_HEADER_FIELD.fullmatch(field) for field in fields):
        return line_start, line_end
    return found.start, found.end


# What else a report's header line may hold beside its date, in fields apart by gaps or bars: a label, a colon and
# a date, a period or a few words ("Reporting period: 10 - 14 April 2025", "Author: ACLED"), or words in capitals
# (a heading the PDF ran on).
_FIELD_SEPARATOR = re.compile(r"[ \t\u00a0]*(?:[|•·]|[ \t\u00a0]{2})[ \t\u00a0]*")
_HEADER_FIELD = re.compile(r"[A-Z][\w ]{0,30}:[ \u00a0]?\w[\w ,.\-–—/&'’]{0,40}|[A-Z][A-Z ]{2,40}")


# A word of a page's stamp besides the date's own: a label, a clock time, a zone ("Updated", "9:14 PM GMT").
_STAMP_WORD = re.compile(r"[0-9]{1,2}[:.][0-9]{2}|\b(?!(?:%s)\b)[^\W\d_]{2,}" % alternatives(
    [*_LANGUAGE.months, *_LANGUAGE.weekdays]), re.IGNORECASE)


# A verb of saying right before a date ("said on Saturday", "told reporters Friday" is not).
_OTHER_HAPPENING_BETWEEN = re.compile(r"\b(?:%s)\b" % alternatives(_CUES["other_happening"]), re.IGNORECASE)
_SAID_ON_BEFORE = re.compile(r"\b(?:%s)\s+(?:on\s+)?\Z" % alternatives(SPEECH_VERBS), re.IGNORECASE)


def _without_appositions(anchors: list[TemporalExpression], text: str) -> list[TemporalExpression]:
    """ "Less than a month later, on September 17, JNIM struck": a date and a finer one set beside it, inside it, are
    one time of one happening; the finer dates it."""
    dropped = set()
    for first, second in zip(anchors, anchors[1:]):
        if not _APPOSITION_BETWEEN.fullmatch(text, first.end, second.start):
            continue
        one, other = interval_of(first.value, first.mod), interval_of(second.value, second.mod)
        if one is None or other is None or (one.start, one.end) == (other.start, other.end):
            continue
        if one.start <= other.start and other.end <= one.end:
            dropped.add(id(first))
        elif other.start <= one.start and one.end <= other.end:
            dropped.add(id(second))
    return [e for e in anchors if id(e) not in dropped] if dropped else anchors


# What sets a date beside another: a comma, perhaps a date's preposition ("later, on September 17").
_APPOSITION_BETWEEN = re.compile(r",\s*(?:(?:%s)\s+)?" % alternatives(DATE_PREPOSITIONS), re.IGNORECASE)


def _without_days_of_saying(anchors: list[TemporalExpression], text: str, low: int) -> list[TemporalExpression]:
    """ "Three peacekeepers were killed on Friday, their governments said on Saturday": the day of the saying dates
    no second report of a happening the sentence dates itself, on or before that day; a saying of what lies ahead
    ("Putin said on Wednesday that there would be a pause on Friday") is the happening."""
    told = [e for e in anchors if _SAID_ON_BEFORE.search(text, max(low, e.start - 20), e.start)]
    if not told or len(told) == len(anchors):
        return anchors
    said = [interval_of(e.value) for e in told]
    # Not a date in a phrase of another happening after the saying's ("said on Friday that it had taken the
    # palace, nearly two years after it was overrun in April 2023"): the saying's day dates what it tells.
    before = [interval_of(e.value) for e in anchors if e not in told
              and not (e.start > told[0].end and _OTHER_HAPPENING_BETWEEN.search(text, told[0].end, e.start))]
    if any(b is not None and s is not None and b.start <= s.end for b in before for s in said):
        return [e for e in anchors if e not in told]
    return anchors


def _is_reference(expression: TemporalExpression, sentence: Sentence, text: str,
                  dateline_end: int | None = None, may_compare: bool = True) -> bool:
    """A date that is no time of a happening: a wire dateline's, or a point a figure is compared with.
    ``dateline_end``: where the sentence's dateline ends (0 without one), when already found;
    ``may_compare`` False: the sentence holds no comparison word (see _HOLDS_COMPARISON_WORD)."""
    if dateline_end is None:
        dateline = DATELINE.match(sentence.text)
        dateline_end = dateline.end() if dateline else 0
    if dateline_end and expression.end - sentence.start <= dateline_end:
        return True
    if COMPARISON_DATE.search(expression.text):
        return True
    if len(expression.value) == 2 and "-" in expression.text:
        return True  # "the bridge, named after the 15th-century navigator": a century that qualifies a noun
    phrase = expression.text.casefold()
    if phrase in COMPARED_OFFSET and OFFSET_LEAD.search(
            text, max(sentence.start, expression.start - 12), expression.start):
        return True
    if not may_compare:
        return False
    if phrase in SUPERLATIVE_PERIOD and SUPERLATIVE_BEFORE.search(
            text, max(sentence.start, expression.start - COMPARISON_REACH), expression.start):
        return True
    # First without the clause: the words before the date as far as the sentence's start hold all
    # that the clause's hold, so without a comparison word among them there is none in the clause.
    words_end = expression.start
    while words_end > sentence.start and text[words_end - 1].isspace():
        words_end -= 1
    if not _HOLDS_COMPARISON_WORD.search(text[max(sentence.start, words_end - COMPARISON_REACH):expression.start].casefold()):
        return False
    clause_start, _ = clause_at(sentence.text, expression.start - sentence.start)
    # Only the words just before the date can lead into it: search those, not the whole clause
    # (a clause may hold dozens of dates), from where the spaces before the date begin.
    words_end = expression.start
    while words_end > sentence.start + clause_start and text[words_end - 1].isspace():
        words_end -= 1
    reach = max(sentence.start + clause_start, words_end - COMPARISON_REACH)
    words = text[reach:expression.start].casefold()
    if not _HOLDS_COMPARISON_WORD.search(words):
        return False
    return bool(COMPARISON_LEAD_IN.search(text, reach, expression.start))


def _anchors(expressions: Iterable[TemporalExpression]) -> list[TemporalExpression]:
    """The date expressions of a sentence that can place a happening: DATE or TIME with a calendar value.

    A date after "for" or "within" still places one (TimeML DURING: "a loss for the third quarter",
    "to graduate within the next week"); spans of time alone are DURATIONs and place none.
    """
    return [e for e in expressions if e.type in ("DATE", "TIME") and e.interval is not None]


# Two dates that make one range: "from Monday to Friday" (cues.tsv, range_opener and range_joiner).
_RANGE_BETWEEN = re.compile(r"^\s*(?:%s)\s*$" % alternatives(_CUES["range_joiner"]), re.IGNORECASE)
_RANGE_BEFORE = re.compile(r"\b(?:%s)\s+$" % alternatives(_CUES["range_opener"]), re.IGNORECASE)
# A dash written close makes a range without an opener: "the 1939-1945 war", "occupied 1957-60" (cues.tsv,
# range_mark). Set apart by spaces, a dash parts two clauses as often ("until 2014 — 2015 brought its fall"): it
# makes a range only where no word follows the second date ("(1 January – 31 March 2019), at least ...").
_RANGE_MARK = re.compile(r"^(?:%s)$" % alternatives(_CUES["range_mark"]), re.IGNORECASE)
_RANGE_MARK_SPACED = re.compile(r"^\s+(?:%s)\s+$" % alternatives(_CUES["range_mark"]), re.IGNORECASE)
_NO_WORD_AFTER = re.compile(r"\s*(?:[^\w\s]|$)")
# A bare day number that takes its month from the date after it makes a range with it, whatever stands before
# ("during the night of 3 to 4 May"); joined by "and" or "or" it is one of two days ("on 3 and 5 May").
_BARE_DAY = re.compile(r"[0-9]{1,2}(?:st|nd|rd|th)?$")
_RANGE_TO = re.compile(r"^\s*(?:%s)\s*$" % alternatives([w for w in _CUES["range_joiner"] if w not in _CUES["date_list_joiner"]]),
                       re.IGNORECASE)
# Two expressions that together name one time: "9 a.m. local time on Friday", "Friday at 9 a.m.", "Friday, 6 May".
_SAME_TIME_BETWEEN = re.compile(r"^\s*(?:(?:%s)\s*)?(?:(?:%s)\s*)?$" % (
    alternatives(_CUES["local_time"]), alternatives(_CUES["same_time_joiner"])), re.IGNORECASE)


def _happenings(expressions: list[TemporalExpression], text: str, sentence_start: int) -> list[_Happening]:
    """Group a sentence's date expressions into the happenings they date."""
    groups: list[_Happening] = []
    intervals = [e.interval for e in expressions]  # each worked out once, not once per look
    index = 0
    while index < len(expressions):
        current = expressions[index]
        interval = intervals[index]
        following = expressions[index + 1] if index + 1 < len(expressions) else None
        if following is not None:
            between = text[current.end:following.start]
            other = intervals[index + 1]
            if (_RANGE_BETWEEN.match(between) and other.end >= interval.start
                    and (_RANGE_BEFORE.search(text[max(sentence_start, current.start - 12):current.start])
                         or _RANGE_MARK.match(between)
                         or _RANGE_MARK_SPACED.match(between) and _NO_WORD_AFTER.match(text, following.end)
                         or _BARE_DAY.match(current.text) and _RANGE_TO.match(between))):
                groups.append(_Happening((current, following), interval.start, other.end, interval))
                index += 2
                continue
            if _SAME_TIME_BETWEEN.match(between) and other.start <= interval.end and interval.start <= other.end:
                # Times that do not meet are two ("1 May 2016, 2 May 2016"), however they are joined.
                # The clock time when it falls on the named day ("Friday at 9 a.m."), else the day.
                if current.precision == "time" and other.start <= interval.start and interval.end <= other.end:
                    chosen, rest, kept = current, following, interval
                elif other.precision == "time" and interval.start <= other.start and other.end <= interval.end:
                    chosen, rest, kept = following, current, other
                elif current.precision == "time":
                    chosen, rest, kept = following, current, other
                else:
                    chosen, rest, kept = current, following, interval
                groups.append(_Happening((chosen, rest), kept.start, kept.end, kept))
                index += 2
                continue
        groups.append(_Happening((current,), interval.start, interval.end, interval))
        index += 1
    distinct: list[_Happening] = []
    seen: set[tuple[dt.date, dt.date]] = set()
    for group in groups:
        if (group.start, group.end) not in seen:
            seen.add((group.start, group.end))
            distinct.append(group)
    return distinct


def _within(ordered: list[TemporalExpression], starts: list[int], sentence: Sentence) -> list[TemporalExpression]:
    """The expressions (sorted by start, ``starts`` their starts) that lie inside ``sentence``."""
    first = bisect.bisect_left(starts, sentence.start)
    last = bisect.bisect_left(starts, sentence.end)
    return [e for e in ordered[first:last] if e.end <= sentence.end]


def _date_source(expression: TemporalExpression) -> str:
    return "explicit" if expression.anchor == "explicit" else "relative"


def _is_range(happening: _Happening) -> bool:
    """Whether ``happening`` is dated by a range of two expressions (from the first's start to the last's end)."""
    interval = happening.interval
    return len(happening.expressions) > 1 and (happening.start, happening.end) != (interval.start, interval.end)


def _value_of(happening: _Happening) -> tuple[str, str, str | None]:
    """TIMEX-style value, precision and mod of a happening (a range gets ``start/end``)."""
    main = happening.main
    interval = happening.interval
    if _is_range(happening):
        first, last = happening.expressions
        return f"{first.value}/{last.value}", first.precision or "day", None
    return main.value, interval.precision, main.mod


def extract_events(
    document: Document,
    sentences: list[Sentence],
    expressions: list[TemporalExpression],
    find_names: NameFinder | None = None,
    story_starts: Iterable[int] = (),
) -> list[Event]:
    """The dated happenings of a document's (cleaned) sentences, in text order.

    ``find_names`` gives the places and actors of a sentence; ``story_starts`` are offsets
    where a new story of the page begins (a live blog entry's time stamp).
    """
    text = document.text
    published = written = _published_day(document)  # written: when what is read was written (a post's stamp)
    own = _own_date(document)
    ordered = sorted((e for e in expressions if not (own and own[0] <= e.start and e.end <= own[1])),
                     key=lambda e: e.start)
    starts = [e.start for e in ordered]
    events: list[Event] = []
    dated_sentences: set[int] = set()
    # The last sentence whose text dated a happening, and that happening: what a sentence without a
    # date of its own dates a happening from ("The bombardment came two days after ...").
    previous: tuple[int, _Happening] | None = None
    breaks = sorted(story_starts)
    carried = ""  # the last title of an overlong sentence cut in pieces, for a piece of dates alone
    heading: tuple[Sentence, list[TemporalExpression]] | None = None  # the date heading of this section
    entry_listed: bool | None = None  # when the heading is a chronology's entry: whether it is an item of a list
    under_heading: list[tuple[int, tuple[Sentence, list[TemporalExpression]]]] = []  # what opens a line below it
    for number, sentence in enumerate(sentences):
        if not sentence.continues:
            carried = ""
        inside = _within(ordered, starts, sentence)
        headline = is_headline(sentence, text)
        if headline:
            previous = heading = None
        elif heading is not None and _opens_line(text, sentence.start) \
                and (entry_listed is None or entry_listed or _list_item(text, sentence.start)):
            under_heading.append((number, heading))
        anchors = _anchors(inside)
        if anchors and len(sentence.text) <= DATE_HEADING_MAX_CHARS and _is_date_heading(sentence, inside, text):
            # "3 September" on a line above what happened that day: it dates what it heads, no happening of its own.
            if under_heading and under_heading[-1][0] == number:
                under_heading.pop()
            previous, heading, entry_listed = None, (sentence, anchors), None
            stamped = interval_of(anchors[-1].value) if _STAMP_CLOCK.match(text, anchors[-1].end) else None
            if stamped is not None and (written is None or stamped.end > written):
                # A post's stamp ("SyriaFront, [08.12.2024 06:02]"): the post was written then, and what it tells
                # of is behind or ahead of that day, not of the day the export or the first post is dated.
                written = stamped.end
            continue
        if anchors and anchors[0].type == "DATE" and is_entry_date(text, anchors[0].start, anchors[0].end):
            # "- April 27: Rebels say they secured the port." then "Nato allies agree to ...": an entry of a list
            # dates what its lines below tell without a date of their own, as a heading does; an entry of no list,
            # only the items of a list below it ("— Gaddafi refuses to ..."): a paragraph after the last entry
            # may close the chronology ("Thousands of civilians remain displaced.").
            heading, entry_listed = (sentence, anchors[:1]), _list_item(text, sentence.start)
        if anchors:
            dateline = DATELINE.match(sentence.text)  # once for the dates of the sentence
            dateline_end = dateline.end() if dateline else 0
            # A sentence without a comparison word has none before any of its dates (a list has dozens).
            may_compare = len(anchors) < 2 or _HOLDS_COMPARISON_WORD.search(sentence.text.casefold()) is not None
            anchors = [e for e in anchors if not _is_reference(e, sentence, text, dateline_end, may_compare)]
        if len(anchors) > 1:
            anchors = _without_days_of_saying(_without_appositions(anchors, text), text, sentence.start)
        if anchors and headline:
            anchors = [e for e in anchors if not _is_date_label(sentence, e, text)]
        relations = [] if headline else find_relations(sentence.text, inside, sentence.start)
        if GENERIC_TIME.search(sentence.text) or not anchors and not relations:
            continue
        names = _names_in(sentence.text, find_names)
        other_spans = tuple((e.start - sentence.start, e.end - sentence.start) for e in inside if e.type in ("DATE", "TIME"))
        # The title of a happening leaves out the offset and the other happening it is dated from.
        title_spans = tuple(sorted(set(other_spans) | {r.span for r in relations}))
        happenings = _happenings(anchors, text, sentence.start) if anchors else []
        made: list[tuple[_Happening, Relation | None]] = []
        habitual: dict[tuple[int, int], bool] = {}  # per clause: the dates of a clause share it
        offset = (sentence.start, sentence.end)  # one tuple for the events of the sentence
        future_words: dict[int, tuple[int, int]] = {}  # per clause: see _is_future_in
        for happening in happenings:
            main = happening.main
            span = (main.start - sentence.start, main.end - sentence.start)
            clause_start, clause_end = clause = clause_at(sentence.text, span[0])
            if clause not in habitual:
                habitual[clause] = bool(HABITUAL.search(sentence.text[clause_start:clause_end]))
            if habitual[clause]:
                continue
            named_by = next((r for r in relations if r.phrase[0] <= span[0] < r.phrase[1]), None) if relations else None
            if named_by is not None:
                title = phrase_title(sentence.text, named_by.phrase, other_spans)
            else:
                # A range ("from 1939 to 1945", "the 1939-1945 war") is left out of the title whole.
                words_span = (span[0], happening.expressions[-1].end - sentence.start) if _is_range(happening) else span
                title = carried = make_title(sentence.text, words_span, title_spans, carried)
            made.append((happening, named_by))
            value, precision, mod = _value_of(happening)
            if mod is None and is_deadline(sentence.text, *span):
                mod = DEADLINE_MOD
            events.append(
                new_event(
                    date=value,
                    start=happening.start,
                    end=happening.end,
                    precision=precision,
                    title=title,
                    sentence=sentence.text,
                    document=document.name,
                    offset=offset,
                    date_source=_date_source(main),
                    expression=main.text if len(happening.expressions) == 1
                    else " … ".join(e.text for e in happening.expressions),
                    mod=mod,
                    # Future wording counts before the date it governs ("will meet on Friday"), not after
                    # it ("on Saturday ... expressed hope that it would not ...").
                    future=_is_future_in(sentence.text, clause_start, max(span[1], clause_start), happening.start,
                                         written, future_words),
                    url=document.url,
                    places=names[0],
                    actors=names[1],
                )
            )
            dated_sentences.add(number)
        context = None
        if previous is not None and number - previous[0] <= CONTEXT_SENTENCES:
            # Not across a new story of the page (a live blog entry's time stamp).
            passed = bisect.bisect_right(breaks, sentence.start) - bisect.bisect_right(breaks, sentences[previous[0]].end)
            context = previous[1] if not passed else None
        for derived in _dated_from_others(document, sentence, relations, made, context, title_spans, written, names):
            events.append(derived)
            dated_sentences.add(number)
        # The last of the sentence's own happenings (not a clock time alone), looked for from the end.
        last_own = next((h for h, named_by in reversed(made)
                         if named_by is None and not _CLOCK_ALONE.match(h.main.text)), None)
        if last_own is not None:
            previous = (number, last_own)
    lead_of: Sentence | None = None
    for number, (above, anchors) in under_heading:
        # Below the first, a paragraph or an item of a list that dates a happening of its own tells its own times.
        first, lead_of = above is not lead_of, above
        after = number + 1
        while not first and after < len(sentences) and not _opens_line(text, sentences[after].start):
            after += 1
        if number not in dated_sentences and dated_sentences.isdisjoint(range(number + 1, after)):
            events.append(_under_date_heading(document, sentences[number], above, anchors, find_names))
        elif first and number in dated_sentences and _opens_undated(sentences[number], ordered, starts):
            # "Houthis seize the palace, and the president resigns two days later": the first clause is the day's.
            events.append(_under_date_heading(document, sentences[number], above, anchors, find_names))
        dated_sentences.add(number)  # dated by its heading, not by the publication
    events.extend(_expected_happenings(document, sentences, ordered, starts, dated_sentences, find_names))
    leads = _undated_leads(document, sentences, dated_sentences, find_names, story_starts=breaks)
    events.extend(_dated_by_headline(leads, events, sentences, text))
    if not events:
        events.extend(_undated_leads(document, sentences, dated_sentences, find_names, last_resort=True))
    return sorted(events, key=lambda e: (e.offset, e.start))


# A date heading is short, and holds besides its dates only marks and notes in brackets ("3 September[edit]"), or a
# few words of a label before the colon that opens a list ("Key developments on June 17:").
DATE_HEADING_MAX_CHARS = 60
LABEL_HEADING_WORDS = 4
_WORD = re.compile(r"[^\W\d_]+")
_HEADING_REST = re.compile(r"(?:[^\w\[]|\[[^\]\n]{0,20}\])*")
# The clock time of a post's stamp, right after its date: " 08:14]", ", 14.32".
_STAMP_CLOCK = re.compile(r"[ \t,]*(?:[01]?[0-9]|2[0-3])[:.][0-5][0-9](?::[0-5][0-9])?(?![0-9])")


def _is_date_heading(sentence: Sentence, expressions: list[TemporalExpression], text: str) -> bool:
    """A line that is a date alone ("3 September", "October 2016", "Feb. 5, 2016"), not closed as a sentence, or
    a post's stamp (a short name, the date and its clock time): it heads the part of a timeline, a live blog or a
    channel's posts that tells what happened then."""
    rest, position = [], sentence.start
    for expression in expressions:
        rest.append(text[position:expression.start])
        position = max(position, expression.end)
    after = text[position:sentence.end]
    if after.rstrip().endswith((".", "!", "?")):
        return False  # a sentence's end: "The IOC approved the choice in\n\nAugust." lost a line break
    rest.append(after)
    if not _alone_on_line(text, sentence.start, sentence.end):
        return False
    words = "".join(rest)
    if _HEADING_REST.fullmatch(words) is not None:
        return True
    if after.rstrip().endswith(":") and len(_WORD.findall(words)) <= LABEL_HEADING_WORDS:
        return True
    # A post's stamp: a short name, then the date and its clock time ("KhersonFront, [12.11.2024 08:14]").
    stamp = _STAMP_CLOCK.match(after)
    return stamp is not None and len(_WORD.findall("".join(rest[:-1]))) <= LABEL_HEADING_WORDS \
        and _HEADING_REST.fullmatch(after[stamp.end():]) is not None


# What may stand before a sentence that opens its line: spaces, a list's mark, a quotation's ">".
_LINE_OPENING = " \t>" + LIST_MARKS


def _list_item(text: str, start: int) -> bool:
    """Whether the sentence at ``start`` opens its line after a list's mark ("- April 27: ...", "— Gaddafi ...")."""
    line_start = text.rfind("\n", max(0, start - 8), start) + 1
    first = text[line_start:start + 1].lstrip()[:1]  # the sentence may begin at the mark or after it
    return bool(first) and first in LIST_MARKS


def _opens_line(text: str, start: int) -> bool:
    """Whether only spaces and marks of a list stand between ``start`` and the line break before it."""
    line_start = text.rfind("\n", max(0, start - 8), start) + 1
    return (line_start > 0 or start < 8) and not text[line_start:start].strip(_LINE_OPENING)


def _opens_undated(sentence: Sentence, ordered: list[TemporalExpression], starts: list[int]) -> bool:
    """Whether the first clause of ``sentence`` holds none of its dates."""
    inside = _within(ordered, starts, sentence)
    return bool(inside) and inside[0].start - sentence.start >= clause_at(sentence.text, 0)[1]


def _under_date_heading(document: Document, sentence: Sentence, heading: Sentence,
                        anchors: list[TemporalExpression], find_names: NameFinder | None) -> Event:
    """The happening a sentence without a date of its own tells under a date heading, dated by the heading."""
    happening = _happenings(anchors, document.text, heading.start)[0]
    value, precision, mod = _value_of(happening)
    names = _names_in(sentence.text, find_names)
    return new_event(
        date=value, start=happening.start, end=happening.end, precision=precision, title=make_title(sentence.text),
        sentence=sentence.text, document=document.name, offset=(sentence.start, sentence.end),
        date_source=_date_source(happening.main),
        expression=" … ".join(e.text for e in happening.expressions), mod=mod,
        future=bool(FUTURE.search(sentence.text[slice(*clause_at(sentence.text, 0))])),
        url=document.url, places=names[0], actors=names[1])


def _dated_from_others(
    document: Document,
    sentence: Sentence,
    relations: list[Relation],
    made: list[tuple[_Happening, Relation | None]],
    context: _Happening | None,
    title_spans: tuple[tuple[int, int], ...],
    published: dt.date | None,
    names,
) -> list[Event]:
    """Happenings dated by an offset from another ("two days after rebels attacked ...").

    When the words after the offset carry no date, their happening is dated from the sentence's
    nearest other happening, else, in a sentence with no date of its own that speaks again of a
    happening told before ("The bombardment came two days after ..."), from ``context``, the
    happening the text last dated; when they carry the date and the rest of the sentence does
    not, the sentence's own happening is dated from theirs.
    """
    if not relations:
        return []  # no offset in the sentence: no happening of it is dated from another
    events = []
    # A clock time alone ("at 6 a.m.") names no day of its own: no offset counts from it.
    own = [(h, r) for h, r in made if r is None and not _CLOCK_ALONE.match(h.main.text)]
    insertions = [m.span() for m in RELATIVE_INSERTION.finditer(sentence.text)] if own else []
    for relation in relations:
        named = [h for h, r in made if r is relation]
        offset_text = sentence.text[relation.offset[0]:relation.offset[1]]
        if not named:
            # "The talks, which began two weeks after the truce, ended on Friday": an offset in a relative
            # clause counts from that clause's happening, not from a date outside it.
            inserted = next((span for span in insertions if span[0] <= relation.offset[0] < span[1]), None)
            candidates = [item for item in own if inserted is None
                          or inserted[0] <= item[0].main.start - sentence.start < inserted[1]]
            if own and not candidates:
                continue
            if candidates:
                anchor = min(candidates, key=lambda item: _distance(item[0], relation, sentence.start))[0]
            elif context is not None and recalls_happening(sentence.text, relation):
                anchor = context
            else:
                continue
            dated = offset_date(anchor.interval, relation.duration, relation.direction, relation.approximate)
            title = phrase_title(sentence.text, relation.phrase, ())
            words = sentence.text[relation.phrase[0]:relation.phrase[1]]
            expression = offset_text
        elif not own:
            dated = offset_date(named[0].interval, relation.duration, -relation.direction, relation.approximate)
            span = (relation.offset[0], relation.signal_start)
            others = tuple(s for s in title_spans if s != relation.span) + ((relation.signal_start, relation.phrase[1]),)
            title = make_title(sentence.text, span, tuple(sorted(others)))
            words = sentence.text[:relation.offset[0]]
            expression = sentence.text[span[0]:span[1]].rstrip()
        else:
            continue
        if dated is None:
            continue
        value, mod = dated
        interval = interval_of(value, mod)
        if interval is None or published is not None and interval.start > published and _reports_past(words):
            continue  # a past happening the offset would put after publication: the anchor is wrong
        events.append(Event(
            date=value, start=interval.start, end=interval.end, precision=interval.precision, title=title,
            sentence=sentence.text, document=document.name, offset=(sentence.start, sentence.end),
            date_source="derived", expression=expression, mod=mod,
            future=is_future(words, interval.start, published), url=document.url,
            places=names[0], actors=names[1],
        ))
    return events


_CLOCK_ALONE = re.compile(r"^\W*\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.?\s?m\b\.?)?\W*$", re.IGNORECASE)


def _distance(happening: _Happening, relation: Relation, sentence_start: int) -> int:
    """Characters between a happening's date and a relation's words (offsets into the sentence)."""
    start, end = happening.main.start - sentence_start, happening.main.end - sentence_start
    if end <= relation.span[0]:
        return relation.span[0] - end
    return max(0, start - relation.span[1])


def _reports_past(sentence: str) -> bool:
    """A sentence that reports a past happening, in no future wording."""
    return reports_happening(sentence) and not FUTURE.search(sentence)


# A stretch of time ahead ("the coming weeks", TimeML: DURATION PXW) that places a planned happening.
COMING_PERIOD = re.compile(r"^(?:(?:%s)\s+)?(?:%s)\b" % (
    alternatives(_CUES["definite_article"]), alternatives(_CUES["coming_period"])), re.IGNORECASE)


_SPAN_LEAD_BEFORE = re.compile(r"\b(?:%s)\s+\Z" % alternatives(_CUES["span_lead"]), re.IGNORECASE)


def is_future_reference(expression: TemporalExpression) -> bool:
    """An expression that puts a happening ahead without a calendar value: FUTURE_REF, "the coming weeks"."""
    if expression.type == "DATE" and expression.value == "FUTURE_REF":
        return True
    return expression.type == "DURATION" and bool(COMING_PERIOD.match(expression.text))


def _expected_happenings(
    document: Document,
    sentences: list[Sentence],
    expressions: list[TemporalExpression],
    starts: list[int],
    dated: set[int],
    find_names: NameFinder | None,
) -> list[Event]:
    """Planned happenings placed only by a future reference ("in the coming weeks"): from publication on."""
    value = (document.published or "")[:10]
    interval = interval_of(value)
    if interval is None:
        return []
    events = []
    for number, sentence in enumerate(sentences):
        if number in dated:
            continue
        future_refs = [
            e for e in _within(expressions, starts, sentence) if is_future_reference(e)
        ]
        if not future_refs or is_generic(sentence.text):
            continue
        span = (future_refs[0].start - sentence.start, future_refs[0].end - sentence.start)
        if _SPAN_LEAD_BEFORE.search(sentence.text, max(0, span[0] - 12), span[0]):
            continue  # "would remain the capital for the next decade": how long a state lasts, no happening ahead
        clause = sentence.text[slice(*clause_at(sentence.text, span[0]))]
        if not FUTURE.search(clause) and not FUTURE.search(sentence.text):
            continue
        names = _names_in(sentence.text, find_names)
        events.append(
            Event(
                date=value, start=interval.start, end=interval.end, precision=interval.precision,
                title=make_title(sentence.text, span), sentence=sentence.text, document=document.name,
                offset=(sentence.start, sentence.end), date_source="publication",
                expression=future_refs[0].text, future=True, url=document.url,
                places=names[0], actors=names[1],
            )
        )
        dated.add(number)
    return events


def after_story_breaks(sentences: list[Sentence], story_starts: Iterable[int]) -> Iterator[tuple[int, Sentence, bool]]:
    """Each sentence with its number, and whether one of ``story_starts`` (offsets where cleaning
    found an entry's time stamp) lies between it and the sentence before."""
    breaks = sorted(story_starts)
    next_break = 0
    for number, sentence in enumerate(sentences):
        passed = False
        while next_break < len(breaks) and breaks[next_break] <= sentence.start:
            next_break += 1
            passed = True
        yield number, sentence, passed


def story_leads(sentences: list[Sentence], text: str, story_starts: Iterable[int] = ()) -> list[int]:
    """Indexes of the lead sentence of each story: the first body sentence reporting a happening.

    A story starts at the top of the document, after each headline that follows body text, and
    at each of ``story_starts`` (offsets where cleaning found an entry's time stamp): live blogs
    and news digests put several stories on one page.
    """
    leads: list[int] = []
    looking, seen_body, window, limit = True, False, 0, LEAD_WINDOW
    for number, sentence, passed in after_story_breaks(sentences, story_starts):
        if passed and seen_body:
            looking, seen_body, window, limit = True, False, 0, STORY_LEAD_WINDOW
        if is_headline(sentence, text):
            if seen_body:
                looking, window, limit = True, 0, STORY_LEAD_WINDOW
            seen_body = False
            continue
        seen_body = True
        if not looking:
            continue
        window += 1
        if reports_happening(sentence.text) and not is_generic(sentence.text) and not SPAN_OF_TIME.search(sentence.text):
            leads.append(number)
            looking = False
        elif window >= limit:
            looking = False
    return leads


def _first_body_sentence(sentences: list[Sentence], text: str) -> list[int]:
    """The first sentence that is not a headline, else the first headline: an article's last resort."""
    body = [i for i, sentence in enumerate(sentences) if not is_headline(sentence, text)]
    return body[:1] or list(range(min(1, len(sentences))))


def _dated_by_headline(leads: list[Event], events: list[Event], sentences: list[Sentence], text: str) -> list[Event]:
    """The undated ``leads``, each dated by the headline right above it when that headline dates one happening
    ("14:20 GMT – Turkish convoy hit near Khan Sheikhoun" above "An air strike hit a Turkish military convoy
    ..."): the lead tells that happening, so it takes the headline's date and the headline's event goes from
    ``events`` (changed in place); other leads keep the publication date."""
    if not leads:
        return leads
    starts = [sentence.start for sentence in sentences]
    by_offset: dict[tuple[int, int], list[int]] = {}
    for position, event in enumerate(events):
        by_offset.setdefault(event.offset, []).append(position)
    dated, gone = [], set()
    for lead in leads:
        number = bisect.bisect_left(starts, lead.offset[0])
        above = sentences[number - 1] if number > 0 else None
        own = by_offset.get((above.start, above.end), []) if above is not None else []
        if len(own) != 1 or not is_headline(above, text) or events[own[0]].date_source not in ("explicit", "relative") \
                or text[above.end:lead.offset[0]].count("\n") > 2:
            dated.append(lead)
            continue
        heading = events[own[0]]
        dated.append(with_fields(lead, date=heading.date, start=heading.start, end=heading.end,
                                 precision=heading.precision, date_source=heading.date_source,
                                 expression=heading.expression, mod=heading.mod, future=heading.future or lead.future))
        gone.add(own[0])
    if gone:
        events[:] = [event for position, event in enumerate(events) if position not in gone]
    return dated


def _undated_leads(
    document: Document,
    sentences: list[Sentence],
    dated: set[int],
    find_names: NameFinder | None,
    last_resort: bool = False,
    story_starts: Iterable[int] = (),
) -> list[Event]:
    """Lead happenings the text does not date, dated from the publication date.

    With ``last_resort`` (the article gave no event at all) the first body sentence stands
    for the article, whatever it reports, so that no article vanishes from the chronology.
    """
    value = (document.published or "")[:10]
    interval = interval_of(value)
    if interval is None:
        return []
    events = []
    if last_resort:
        leads = _first_body_sentence(sentences, document.text)
    else:
        leads = story_leads(sentences, document.text, story_starts)
    for number in leads:
        if number in dated:
            continue
        sentence = sentences[number]
        names = _names_in(sentence.text, find_names)
        events.append(
            Event(
                date=value,
                start=interval.start,
                end=interval.end,
                precision=interval.precision,
                title=make_title(sentence.text),
                sentence=sentence.text,
                document=document.name,
                offset=(sentence.start, sentence.end),
                date_source="publication",
                future=bool(FUTURE.search(sentence.text[slice(*clause_at(sentence.text, 0))])),
                url=document.url,
                places=names[0],
                actors=names[1],
            )
        )
    return events
