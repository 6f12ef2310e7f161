"""Temporal tagger: find TIMEX3 expressions in a text and normalise them.

The engine scans the text once for anchor tokens (digits and the words of the
vocabulary tables, found by one case-sensitive trie in C), and only there tries
the rules of ``rules.RULES`` that can start with that kind of token, compiled
as one alternation per token class.  A match goes to its rule's normaliser,
which reads the words of the match and resolves relative expressions against
the document creation time (DCT) or, for anaphoric ones ("two days later",
"that year"), against the last date mentioned; the tense of the clause
(``direction``) decides between the last and the next occurrence.  Time is
linear in the length of the text.  What happens at a place depends only on a
bounded window of text around it and on what the scan remembers (the last
date, the quarter spoken of), so each step is remembered under exactly that:
a phrase repeated in the same surroundings is matched and normalised once.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import deque
from dataclasses import dataclass, field

from .. import collector
from . import calendar_math as cal
from .expressions import TemporalExpression, make_expression
from .lexicon import LexiconError
from .rules import MACROS, RULES, Rule, _alternation
from .values import is_well_formed, parse_dct, value_start
from .vocabulary import (AMBIGUOUS_MONTHS, APPROX_MODS, EDGE_MODS, FUTURE_AUXILIARIES, FUTURE_CUES, HOLIDAYS,
                         IRREGULAR_PAST, LANGUAGE, LEAD_DISTANCE, LEAD_WORDS, MONTH_CUES, MONTHS, NOT_PAST_FORMS,
                         NUMBERS, ORDINAL_WORDS, ORDINALS, PARTS_OF_DAY, PAST_CUES, REFERENCES, REPORTING, SEASONS,
                         SET_WORDS, TIME_WORDS, UNIT_PLURALS, UNITS, WEEKDAYS, YEAR_CUES)

_MACRO = re.compile(r"\{([A-Z]+)\}")
_GROUP = re.compile(r"\(\?P<([a-z0-9_]+)>")


def _expand(rule_index: int, pattern: str) -> str:
    def macro(match: re.Match) -> str:
        if match.group(1) not in MACROS:
            raise LexiconError(f"{RULES[rule_index].where}: no pattern or word list named {{{match.group(1)}}}")
        return MACROS[match.group(1)]

    pattern = _MACRO.sub(macro, pattern)
    return _GROUP.sub(lambda m: f"(?P<r{rule_index}_{m.group(1)}>", pattern)


_EXPANDED = [_expand(i, rule.pattern) for i, rule in enumerate(RULES)]
_DIGITS = re.compile(r"\d+")
_SENTENCE_END_BEFORE = re.compile(r"[.!?:]\W*$")
_BRACKET_BEFORE = re.compile(r"[(\[]\s*$")
_FIRST_TOKEN = re.compile(r"\S+\s+")
_LETTER_AFTER = re.compile(r"\s*[^\W\d_]")
_LETTERS = re.compile(r"[^\W\d_]*")


def _context(name: str) -> re.Pattern:
    """The context of the language's ``contexts.tsv`` named ``name``; one the language does not list
    never matches."""
    def macro(match: re.Match) -> str:
        if match.group(1) not in MACROS:
            raise LexiconError(f"contexts.tsv: {name}: no pattern or word list named {{{match.group(1)}}}")
        return MACROS[match.group(1)]

    try:
        return re.compile(_MACRO.sub(macro, LANGUAGE.contexts.get(name, "(?!)")))
    except re.error as error:
        raise LexiconError(f"contexts.tsv: {name}: bad pattern ({error})") from None


def _words(role: str) -> dict:
    """The words of the language's ``words.tsv`` in ``role``, with what each says there."""
    return LANGUAGE.words.get(role, {})


BACK, AHEAD, PRESENT, STEP = _words("back"), _words("ahead"), _words("present"), _words("step")
ANAPHORIC, DEMONSTRATIVE, NEXT_OF_STORY = _words("anaphoric"), _words("demonstrative"), _words("next_of_story")
YEAR_STEP = _words("year_step")
# Word roles the normalisers read, bound once at load.
_W_YEAR_PREFIX = _words("year_prefix")
_W_SINCE = _words("since")
_W_THE_YEAR_BEFORE = _words("the_year_before")
_W_DECADE_WORD = _words("decade_word")
_W_YEAR_PARTS = _words("year_parts")
_W_YEAR_PART = _words("year_part")
_W_YEAR_BEFORE = _words("year_before")
_W_OUTSIDE_THE_TAG = _words("outside_the_tag")
_W_LATEST = _words("latest")
_W_SEASON_DIRECTION = _words("season_direction")
_W_OFFSET_BACK = _words("offset_back")
_W_OFFSET_ELSEWHERE = _words("offset_elsewhere")
_W_OFFSET_OF_STORY = _words("offset_of_story")
_W_OFFSET_LATER = _words("offset_later")
_W_OFFSET_FROM_NOW = _words("offset_from_now")
_W_PERIOD_NOUN = _words("period_noun")
_W_THING_NOUN = _words("thing_noun")
_W_POD_DIRECTION = _words("pod_direction")
_W_NIGHT_ONLY = _words("night_only")
_W_REPORTED_QUARTER = _words("reported_quarter")
_W_REFUSED_DIRECTION = _words("refused_direction")
_W_STRETCH_BACK = _words("stretch_back")
_W_EDGE_OUTSIDE = _words("edge_outside")
_W_TO_THE_END = _words("to_the_end")
_W_ANAPHORIC_WEEKDAY = _words("anaphoric_weekday")
_W_THE_POD_BEFORE = _words("the_pod_before")
_W_DAY_STEP = _words("day_step")
_W_CLOCK_WORD = _words("clock_word")
_W_ONE = _words("one")
_W_INDEFINITE = _words("indefinite")
_W_OR_TWO_BEFORE = _words("or_two_before")
_W_VAGUE_PLURAL = _words("vague_plural")
_W_VAGUE_BEFORE = _words("vague_before")
_W_RATE_WORD = _words("rate_word")
_W_DISCOURSE_MARKER = _words("discourse_marker")
TOKEN_CLASSES = ("digit", "name", "word")


def _compile(indices) -> re.Pattern:
    """One alternation of the given rules, in table order; a match must start where a word starts."""
    body = "|".join(f"(?P<R{i}>{_EXPANDED[i]})" for i in indices)
    try:
        return re.compile(r"(?<![\w'’])(?:" + body + ")", re.IGNORECASE)
    except re.error:
        for i in indices:  # name the rule at fault
            try:
                re.compile(_EXPANDED[i], re.IGNORECASE)
            except re.error as error:
                raise LexiconError(f"{RULES[i].where}: bad pattern ({error})") from None
        raise


_CLASS_RULES = {cls: tuple(i for i, rule in enumerate(RULES) if cls in rule.starts) for cls in TOKEN_CLASSES}
_MASTERS: dict[str, re.Pattern] = {}
_SINGLE: dict[int, re.Pattern] = {}  # each rule alone, compiled on first use


def _master(cls: str) -> re.Pattern:
    """The alternation of all the rules of a token class, compiled on first use, which a command
    that tags nothing need not pay for (a build compiles them before its workers start: see
    compile_patterns)."""
    master = _MASTERS.get(cls)
    if master is None:
        master = _MASTERS[cls] = _compile(_CLASS_RULES[cls])
    return master


def compile_patterns() -> None:
    """Compile the rules' patterns now rather than at the first text tagged."""
    for cls in TOKEN_CLASSES:
        _master(cls)


def _later_match(cls: str, index: int, text: str, start: int, limit: int) -> re.Match | None:
    """The match at ``start`` of the first rule of a token class after ``index``: what the
    alternation of those rules would find, since an alternation takes its first alternative
    that matches. Rules are tried one by one (each compiled on first use) because a refused
    match is rare, and compiling an alternation for each ``index`` would cost every process
    that tags."""
    for later in _CLASS_RULES[cls]:
        if later > index:
            match = (_SINGLE.get(later) or _single(later)).match(text, start, limit)
            if match is not None:
                return match
    return None


def _single(index: int) -> re.Pattern:
    pattern = _SINGLE[index] = _compile((index,))
    return pattern


# The scanner's view of words: a time word or digit anchors an attempt; a lead word is tried when
# one follows closely; every other word is skipped without running a single rule.
_NAMES = {w for w in list(MONTHS) + list(WEEKDAYS)} | {w + "s" for w in WEEKDAYS}
_TIME_WORDS = (set(TIME_WORDS) | set(UNITS) | set(UNIT_PLURALS) | set(SEASONS)
               | set(PARTS_OF_DAY) | {w.split()[-1] for w in REFERENCES} | set(SET_WORDS)
               | {h for h in HOLIDAYS if " " not in h} | {h.split()[-1] for h in HOLIDAYS})
_LEAD_WORDS = (set(LEAD_WORDS) | {w.split()[0] for w in NUMBERS} | set(NUMBERS) | set(ORDINALS)
               | {h.split()[0] for h in HOLIDAYS}
               | {w.split()[0] for w in REFERENCES}) - _TIME_WORDS


@dataclass
class Found:
    """What a normaliser makes of a match."""

    type: str
    value: str
    mod: str | None = None
    anchor: str = "explicit"
    start: int | None = None
    end: int | None = None
    remember: bool = True  # False: a comparison ("a year earlier") that does not move the story's date


NEAR_DAYS_AHEAD = 2  # with no tense cue, a weekday at most this many days after the DCT is the coming one
NEAR_MONTHS_AHEAD = 2  # with no tense cue, a bare month at most this far past the DCT's is the coming one
NEAREST_PAST_LEAN = 30  # days added to the distance of a future date when no tense cue decides
QUARTER_REACH = 600  # characters over which "the quarter", "a year earlier" refer to a quarter named before


@dataclass
class Context:
    """What the scan knows while it reads one document."""

    text: str
    dct: dt.date | None
    dct_granularity: str | None
    last: tuple[dt.date, str] | None = None
    last_quarter: tuple[dt.date, int] | None = None  # the quarter last spoken of, and where
    story: tuple[int, int] | None = None  # the year the text has reached (named or counted to), and where
    dct_plausible: bool = True  # whether the text names a year near the DCT's, or none at all
    narrative: bool = False  # while a normaliser reads the story's date in place of the DCT
    numeric_orders: dict = field(default_factory=dict)  # separator -> "day" or "month" first, as the text shows
    story_mentions: int = 0  # dates in a row that named or counted to the story's year

    def recent_quarter(self, position: int) -> dt.date | None:
        """The first day of the quarter mentioned in the last few sentences, if any."""
        if self.last_quarter is not None and position - self.last_quarter[1] <= QUARTER_REACH:
            return self.last_quarter[0]
        return None
    marks: dict = field(default_factory=dict)
    memo: dict = field(default_factory=dict)  # steps already worked out in this text (see _tag)

    def known(self, granularity: str) -> bool:
        """Whether the DCT is precise enough to resolve a unit of ``granularity``."""
        if self.dct is None:
            return False
        coarse = "day" if granularity in ("time", "hour", "minute", "second", "weekend") else granularity
        if coarse in ("week",):
            coarse = "day"
        if coarse in ("season", "half", "quarter"):
            coarse = "month"
        return not cal.finer(coarse, self.dct_granularity)


UNKNOWN = {"millennium": "XXXX", "century": "XXXX", "decade": "XXXX", "year": "XXXX", "half": "XXXX-HX",
           "quarter": "XXXX-QX", "season": "XXXX", "month": "XXXX-XX", "week": "XXXX-WXX",
           "weekend": "XXXX-WXX-WE", "day": "XXXX-XX-XX"}

# One scan finds tense cues: group "future" for words pointing ahead, "past" for past forms.
# Case-sensitive on purpose (lower case and capitalised forms listed): far faster to scan than IGNORECASE.
_CUES = re.compile(
    r"(?<![A-Za-z'])(?:(?P<future>" + _alternation(list(FUTURE_CUES) + [c.capitalize() for c in FUTURE_CUES
                                                                     if c not in MONTHS])
    + r")|(?P<past>" + _alternation(list(PAST_CUES) + [c.capitalize() for c in PAST_CUES])
    + r")|(?P<ed>[a-z]{1,30}ed|" + _alternation(IRREGULAR_PAST) + r"))(?![A-Za-z])")
_NOT_A_VERB_BEFORE = _context("not_a_verb_before")
_NOT_A_PAST_ENDING = _context("not_a_past_ending")
# Auxiliaries that put the whole clause in the future ("will hold a meeting ... on Friday"): one
# before the expression wins over cues after it, unless a past form stands between them.
_NEW_CLAUSE = _context("new_clause")
_TO_AFTER = _context("to_after")
_CAUSE_AFTER = _context("cause_after")
_PLUPERFECT_BEFORE = _context("pluperfect_before")
_PLACE_BEFORE_TO, _CAUSE_BEFORE_TO = _words("place_before_to"), _words("cause_before_to")
# A reporting verb after the expression ("will meet Friday, officials said") says nothing of its tense.
_REPORTING = re.compile(r"\b(?:" + "|".join(map(re.escape, REPORTING)) + r")\b", re.IGNORECASE)
_TOWARDS = _context("towards")
_INFINITIVE = _context("infinitive")
_PAST_FINITE = _context("past_finite")
_FUTURE_FINITE = _context("future_finite")
_ABBREVIATIONS = tuple(_words("abbreviation"))
_CLAUSE_END = re.compile(r"[;:!?]\s|\.(?<![A-Z]\.)" + "".join(rf"(?<!\b{a}\.)" for a in _ABBREVIATIONS) + r"\s|\n")


_BLOCK = 1024


def _marks(ctx: Context, block: int) -> list[tuple[int, int, str]]:
    """Tense cues and clause ends starting in one block of the text, found once per block.

    Cached so that a text dense with expressions is still scanned only once.
    """
    marks = ctx.marks.get(block)
    if marks is None:
        low, high = block * _BLOCK, (block + 1) * _BLOCK
        text = ctx.text
        marks = []
        for m in _CUES.finditer(text, low, high + 40):
            m_start = m.start()
            if m_start >= high:
                break
            kind = m.lastgroup
            if kind == "ed":
                # "will be named" looks ahead; "need", "hundred" are not past forms.
                if m.group() in NOT_PAST_FORMS or _NOT_A_PAST_ENDING.search(m.group()) \
                        or _NOT_A_VERB_BEFORE.search(text, max(0, m_start - 8), m_start) \
                        or text.startswith("-", m.end()):  # "a closed-door meeting": an adjective
                    continue
                kind = "past"
            elif kind == "future" and m.group().lower() in _PLACE_BEFORE_TO and _TO_AFTER.match(text, m.end()):
                continue  # "next to the embassy": a place
            elif kind == "future" and m.group().lower() in _CAUSE_BEFORE_TO and _CAUSE_AFTER.match(text, m.end()):
                continue  # "due to injuries": a cause, not a schedule
            elif kind == "future" and _PLUPERFECT_BEFORE.search(text, max(0, m_start - 20), m_start):
                kind = "past"  # "had been due to expire Friday": a plan seen from the past, now past
            elif kind == "future" and m.group().lower() in FUTURE_AUXILIARIES:
                kind = "auxiliary"
            marks.append((m_start, m.end(), kind))
        marks += [(m.start(), m.end(), "clause") for m in _CLAUSE_END.finditer(text, low, high + 2) if m.start() < high]
        marks.sort()
        if len(ctx.marks) > 8:  # the scan only moves forward: forget blocks left behind
            for old in [b for b in ctx.marks if b < block - 2]:
                del ctx.marks[old]
        ctx.marks[block] = marks
    return marks


def direction(ctx: Context, start: int, end: int, default: int = -1, yearly: bool = False) -> int:
    """+1 when the clause around a span speaks of the future, -1 of the past; ``default`` when nothing says.

    The nearest cue word wins; a future cue wins a tie ("expected" is both a
    past form and a cue for the future).  For a date that comes back every year
    (a month, a day of a month), a past verb governing an infinitive says
    nothing (0): "agreed to buy the line in February" may speak of next February.
    """
    text = ctx.text
    low, high = max(0, start - 80), end + 50
    marks = []
    for block in range(low // _BLOCK, high // _BLOCK + 1):
        block_marks = _marks(ctx, block)
        first = bisect.bisect_left(block_marks, (low,))
        last = bisect.bisect_right(block_marks, (high,))
        marks += block_marks[first:last]
    for m_start, m_end, kind in marks:
        if kind == "clause":
            if m_end <= start:
                low = max(low, m_end)
            elif m_start >= end:
                high = min(high, m_start)
                break
    if _TOWARDS.search(text, max(low, start - 25), start):
        # A deadline: the nearest occurrence, unless the clause is in a past tense ("had filed by Wednesday")
        # or in the future ("will remain until January").
        clause = text[low:high]
        if _PAST_FINITE.search(clause):
            return -1
        return 1 if _FUTURE_FINITE.search(clause) else 0
    auxiliary = False
    for m_start, m_end, kind in marks:
        if kind == "clause" or m_start < low or m_end > start:
            continue
        if kind == "auxiliary":
            auxiliary = m_end
        elif kind == "past":
            auxiliary = False
    if auxiliary and not _NEW_CLAUSE.search(text, auxiliary, start):
        return 1
    best = None
    best_end = None
    for m_start, m_end, kind in marks:
        if kind == "clause" or m_start < low:
            continue
        if m_end <= start:
            candidate = (start - m_end, 0 if kind != "past" else 1)
            if best is None or candidate <= best:
                best, best_end = candidate, m_end
        elif m_start >= end and m_end <= high:
            future = kind != "past"
            if not future and _REPORTING.fullmatch(text, m_start, m_end) and len(text[m_end:high].split()) <= 2:
                continue
            # The verb that governs a time phrase mostly comes before it: words after count double.
            candidate = (2 * (m_start - end) + 3, 0 if future else 1)
            if best is None or candidate < best:
                best, best_end = candidate, None
            break
    if best is None:
        return default
    if yearly and best[1] == 1 and best_end is not None and _INFINITIVE.search(text, best_end, start):
        return 0
    return 1 if best[1] == 0 else -1


def _squash(words: str) -> str:
    """Lower case, runs of blanks made one space."""
    return " ".join(words.lower().split())


def _number(word: str | None) -> float | None:
    if word is None:
        return None
    word = _squash(word)
    if word in NUMBERS:
        return NUMBERS[word]
    if re.fullmatch(r"[0-9]{1,3}(?:,[0-9]{3})+", word):
        return int(word.replace(",", ""))  # "2,000 years"
    if re.fullmatch(r"[0-9]+(?:\.[0-9]+)?", word):
        return float(word) if "." in word else int(word)
    half = re.fullmatch(r"([0-9]+)(?:\s+1/2|½)", word)
    if half:
        return int(half.group(1)) + 0.5
    parts = re.split(r"[- ]", word)
    if len(parts) == 2 and parts[0] in NUMBERS and parts[1] in NUMBERS:
        return NUMBERS[parts[0]] + NUMBERS[parts[1]]
    return None


def _unit(word: str) -> tuple[str, int, str]:
    word = word.lower()
    return UNITS[UNIT_PLURALS.get(word, word)]


def _month(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _weekday(word: str) -> int:
    word = word.lower()
    return WEEKDAYS[word] if word in WEEKDAYS else WEEKDAYS[word[:-1]]  # "Tuesdays"


def _year(word: str) -> int:
    """A year written in digits ("1998", "1998's") or in words ("nineteen ninety-eight")."""
    if word[:1].isdigit():
        return int(word[:4])
    hundreds, tens = re.split(r"[-\s]+", word.lower(), maxsplit=1)
    return NUMBERS[hundreds] * 100 + sum(NUMBERS.get(w) or 0 for w in re.split(r"[-\s]+", tens))


def edge_mod(edge: str | None) -> str | None:
    if not edge:
        return None
    edge = _squash(edge)
    for key, mod in EDGE_MODS:
        if key in edge:
            return mod
    return None


def approx_mod(approx: str | None) -> str | None:
    if not approx:
        return None
    approx = _squash(approx)
    for key, mod in APPROX_MODS:
        if approx == key:
            return mod
    return "APPROX"


def _resolved(ctx: Context, granularity: str, amount: int = 0, base: tuple[dt.date, str] | None = None,
              mod: str | None = None, type_: str = "DATE") -> Found:
    """A point ``amount`` units of ``granularity`` away from the DCT (or from ``base``)."""
    if base is None:
        if not ctx.known(granularity):
            return Found(type_, UNKNOWN.get(granularity, "XXXX-XX-XX"), mod, "unresolved")
        day = ctx.dct
    else:
        day = base[0]
    try:
        day = cal.shift(day, granularity, amount)
    except (OverflowError, ValueError):
        return Found(type_, UNKNOWN.get(granularity, "XXXX-XX-XX"), mod, "unresolved")
    return Found(type_, cal.format_value(day, granularity), mod, "relative")


_SMALLER = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24), "H": ("M", 60), "MIN": ("S", 60)}


def _format_duration(amount: float | None, unit: tuple[str, int, str]) -> str:
    """A TIMEX3 duration: P2Y, PT3H, PXD; a fraction goes to the next smaller unit (2.5 years: P2Y6M)."""
    letter, multiple, granularity = unit
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


# Normalisers: each reads the groups of its rule's match and returns a Found, or None to reject.

_VERB_AFTER_MAY = _context("verb_after_may")


def n_date(ctx: Context, g: dict, span) -> Found | None:
    if g["month"] in LANGUAGE.ambiguous_months and not g.get("year") and _VERB_AFTER_MAY.match(ctx.text, span[1], span[1] + 40):
        return None
    found = _date(ctx, g, span)
    if found is not None and g.get("pod"):
        found.type = "TIME"
        found.value += "T" + PARTS_OF_DAY[g["pod"].lower()]
    return found


def _date(ctx: Context, g: dict, span) -> Found | None:
    month, day = _month(g["month"]), int(_DIGITS.match(g["day"]).group())
    if g.get("year"):
        try:
            return Found("DATE", dt.date(_year(g["year"]), month, day).isoformat())
        except ValueError:
            return None
    try:
        dt.date(2000, month, day)
    except ValueError:
        return None
    if ctx.dct is None:
        return Found("DATE", f"XXXX-{month:02d}-{day:02d}", anchor="unresolved")
    if g.get("ofdir"):
        # "June 21 last year": the year is named relative to the DCT's
        year = ctx.dct.year + YEAR_STEP.get(g["ofdir"].lower(), 0)
        return Found("DATE", _safe_date(year, month, day).isoformat(), anchor="relative")
    return Found("DATE", _nearest_in_year(ctx, span, month, day).isoformat(), anchor="relative")


def n_of_that_year(ctx: Context, g: dict, span) -> Found | None:
    """ "August of that year", "January 24 of the same year": in the year of the date last spoken of."""
    month = _month(g["month"])
    day = int(_DIGITS.match(g["day"]).group()) if g.get("day") else None
    if ctx.last is None:
        return Found("DATE", f"XXXX-{month:02d}" + (f"-{day:02d}" if day else ""), anchor="unresolved")
    year = ctx.last[0].year
    value = _safe_date(year, month, day).isoformat() if day else f"{year:04d}-{month:02d}"
    return Found("DATE", value, anchor="relative")


_DAY_RANGE_BEFORE = _context("day_range_before")


def n_day_range_end(ctx: Context, g: dict, span) -> Found | None:
    """The last day of a range ("7" in "April 6-7"): a day of the month named before the first."""
    before = _DAY_RANGE_BEFORE.search(ctx.text[max(0, span[0] - 20):span[0]])
    if before is None:
        return None
    return n_date(ctx, dict(g, month=before.group(1)), span)


def n_week_of(ctx: Context, g: dict, span) -> Found | None:
    """ "the week of March 6": the (ISO) week that holds the day."""
    found = _date(ctx, g, span)
    if found is None or found.anchor == "unresolved":
        return None
    day = dt.date.fromisoformat(found.value)
    return Found("DATE", cal.format_value(day, "week"), anchor=found.anchor)


def _nearest_in_year(ctx: Context, span, month: int, day: int = 1) -> dt.date:
    """The date with this month and day that the sentence most likely means, given the DCT and tense."""
    return _nearest_yearly(ctx, span, lambda year: _safe_date(year, month, day))


def _nearest_yearly(ctx: Context, span, date_in) -> dt.date:
    """Of a yearly date (``date_in(year)``), the occurrence the sentence points to.

    With a past cue: the last one not long after the DCT; with a future cue: the
    next one not long before it; with neither, the nearest.
    """
    year = ctx.dct.year
    candidate = date_in(year)
    if ctx.narrative and ctx.dct_granularity != "year" and candidate.month < ctx.dct.month - STORY_TURN:
        return date_in(year + 1)  # a story moves forward: "1 December 1941 ... 12 January" is of 1942
    if ctx.dct_granularity == "year" or ctx.narrative:
        return candidate
    reference = ctx.dct if ctx.dct_granularity == "day" else ctx.dct.replace(day=1)
    if ctx.dct_granularity == "month" and candidate.month == ctx.dct.month:
        return candidate
    sign = direction(ctx, *span, default=0, yearly=True)
    if sign == 0:
        # The nearest, with a month's lean towards the past, which news mostly reports.
        return min((date_in(year + k) for k in (-1, 0, 1)),
                   key=lambda d: abs((d - reference).days) + (NEAREST_PAST_LEAN if d > reference else 0))
    if sign < 0 and (candidate - reference).days > 60:
        return date_in(year - 1)
    if sign > 0 and (reference - candidate).days > 60:
        return date_in(year + 1)
    return candidate


def _safe_date(year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return dt.date(year, month, 28)


def n_numeric_date(ctx: Context, g: dict, span) -> Found | None:
    year = int(g["year"])
    if year < 100:
        year += 1900 if year >= 50 else 2000
    try:
        day = dt.date(year, int(g["monthnum"]), int(_DIGITS.match(g["day"]).group()))
    except ValueError:
        return None
    if g.get("clock"):
        return Found("TIME", f"{day.isoformat()}T{g['clock']}")
    return Found("DATE", day.isoformat())


_W_NUMERIC_ORDER = _words("numeric_order")
_NUMERIC_DATE = re.compile(r"(?<![0-9])([0-9]{1,2})([./-])([0-9]{1,2})\2(?:1[5-9]|20)[0-9]{2}(?![0-9])")


def _numeric_order(ctx: Context, separator: str) -> str:
    """ "day" or "month": which comes first in the text's numeric dates written with ``separator``, as one
    of them shows by a number over 12 ("24.08.2013"), else as the separator mostly has it."""
    order = ctx.numeric_orders.get(separator)
    if order is None:
        order = _W_NUMERIC_ORDER.get(separator, "month")
        for m in _NUMERIC_DATE.finditer(ctx.text):
            if m.group(2) == separator and int(m.group(1)) > 12 >= int(m.group(3)):
                order = "day"
                break
            if m.group(2) == separator and int(m.group(3)) > 12 >= int(m.group(1)):
                order = "month"
                break
        ctx.numeric_orders[separator] = order
    return order


def n_numeric_dmy(ctx: Context, g: dict, span) -> Found | None:
    """ "24.08.2013", "6-09-2013": the day first or the month first, by the evidence of the numbers."""
    if g["_text"].count(g["sep"]) != 2:
        return None  # "6.09-2013": no date
    first, second = int(g["first"]), int(g["second"])
    if first > 12 or (second <= 12 and _numeric_order(ctx, g["sep"]) == "day"):
        first, second = second, first
    return n_numeric_date(ctx, {"year": g["year"], "monthnum": str(first), "day": str(second)}, span)


def n_month(ctx: Context, g: dict, span) -> Found | None:
    month = _month(g["month"])
    mod = edge_mod(g.get("edge"))
    if g.get("year"):
        return Found("DATE", f"{_year(g['year']):04d}-{month:02d}", mod)
    if ctx.dct is None:
        return Found("DATE", f"XXXX-{month:02d}", mod, "unresolved")
    dir_word = (g.get("dir") or "").lower()
    year = ctx.dct.year
    ofdir = (g.get("ofdir") or "").lower()
    if ofdir:
        year += YEAR_STEP.get(ofdir, 0)
        return Found("DATE", f"{year:04d}-{month:02d}", mod, "relative")
    if dir_word in BACK:
        year = year if month < ctx.dct.month else year - 1
    elif dir_word in AHEAD:
        year = year if month > ctx.dct.month else year + 1
    elif ctx.narrative and _COMPARISON.search(ctx.text, _sentence_start(ctx.text, span[0], 60), span[0]):
        # "compared to the carnage of November": a month the story looks back to, which does not move it.
        year -= ctx.dct_granularity != "year" and month >= ctx.dct.month
        return Found("DATE", f"{year:04d}-{month:02d}", mod, "relative", remember=False)
    elif ctx.narrative:
        # A story moves forward: a month before the one it has reached is of the next year.
        year += ctx.dct_granularity != "year" and month < ctx.dct.month - STORY_TURN
    elif dir_word in PRESENT:
        pass
    elif ctx.dct_granularity != "year":
        sign = direction(ctx, *span, default=2, yearly=True)
        if sign == 2:
            # No cue: news mostly reports the past, but a month just ahead ("in May" said in March) is the coming one.
            year -= month > ctx.dct.month + NEAR_MONTHS_AHEAD
        elif sign == 0:
            # A deadline ("by August"), or an infinitive after a past verb: the nearest such month, the later on a tie.
            year = min((year - 1, year, year + 1),
                       key=lambda y: (abs((y - ctx.dct.year) * 12 + month - ctx.dct.month), -y))
        elif sign < 0 and month > ctx.dct.month:
            year -= 1
        elif sign > 0 and month < ctx.dct.month:
            year += 1
    return Found("DATE", f"{year:04d}-{month:02d}", mod, "relative")



_SENTENCE_END = re.compile(r"[.!?;:\n]")


def _sentence_start(text: str, position: int, reach: int) -> int:
    """Where the sentence (or clause after a colon or semicolon) around ``position`` starts, at most
    ``reach`` characters back."""
    low = max(0, position - reach)
    ends = [m.end() for m in _SENTENCE_END.finditer(text, low, position)]
    return ends[-1] if ends else low


def n_bare_month(ctx: Context, g: dict, span) -> Found | None:
    """A month name alone is a month only after a cue word, or when it cannot be an ordinary word."""
    previous = _PREVIOUS_WORD.search(ctx.text[max(0, span[0] - 25):span[0]])
    word = previous.group(1).lower() if previous else ""
    if word not in MONTH_CUES:
        if g["month"].capitalize() in AMBIGUOUS_MONTHS:
            return None
        if previous and previous.group(1)[:1].isupper() and not _SENTENCE_END_BEFORE.search(ctx.text[max(0, span[0] - 25):span[0]]):
            return None
    return n_month(ctx, g, span)


_NOUN_AFTER = _context("noun_after")
_PREVIOUS_WORD = re.compile(r"([\w'’-]+)\W{0,3}$")


_DETERMINERS = _words("determiners")
_YEAR_AGO = _context("year_ago")
_YEAR_AFTER, _POSSESSIVE, _POSSESSIVE_WORD = _context("year_after"), _context("possessive"), _context("possessive_word")


_LINE_START_BEFORE, _HEADING_AFTER, _LINE_END_AFTER = (_context("line_start_before"), _context("heading_after"),
                                                       _context("line_end_after"))


def _heading_year(text: str, start: int, end: int) -> bool:
    """A year that heads a section ("1918" alone on its line, "2003: Invasion") or closes a heading's line
    ("Anaconda Plan and blockade, 1861")."""
    if _LINE_END_AFTER.match(text, end):
        return True
    return bool(_HEADING_AFTER.match(text, end) and _LINE_START_BEFORE.search(text[max(0, start - 5):start]))


def n_year(ctx: Context, g: dict, span) -> Found | None:
    year = _year(g["year"])
    mod = edge_mod(g.get("edge"))
    if g.get("prefix"):
        return Found("DATE", f"{year:04d}", _W_YEAR_PREFIX[g["prefix"].lower()])
    start, end = span
    text = ctx.text
    possessive = _POSSESSIVE.search(text, max(0, end - 2), end) is not None
    if not g.get("edge") and not possessive:
        previous = _PREVIOUS_WORD.search(text[max(0, start - 25):start])
        word = previous.group(1).lower() if previous else ""
        cue = word in YEAR_CUES or _POSSESSIVE_WORD.search(word) or _BRACKET_BEFORE.search(text[max(0, start - 2):start])
        if not cue and (_YEAR_AFTER.match(text[end:end + 12]) or _heading_year(text, start, end)):
            cue = True
        if not cue:
            return None
        if _NOUN_AFTER.match(text, end, end + 60) and not (word in _DETERMINERS and 1900 <= year <= 2099):
            return None  # "1500 soldiers"; but "the 1992 protests" are of a year
    found = Found("DATE", f"{year:04d}", mod)
    if possessive:
        found.end = end - 2
    return found


_W_ERA = _words("era")


def _era_prefix(g: dict) -> str:
    """ "BC" for a year before Christ (TIMEX2 writes ``BC0490``), "" for one of our era."""
    era = (g.get("era") or g.get("era2") or "").replace(".", "").lower()
    return "BC" if _W_ERA.get(era) == "BC" else ""


def n_era_year(ctx: Context, g: dict, span) -> Found | None:
    """A year with its era: "490 BC", "April 480 BC", "autumn of 481 BC", "AD 70"."""
    value = f"{_era_prefix(g)}{int(g['year']):04d}"
    if g.get("month"):
        value += f"-{_month(g['month']):02d}"
    elif g.get("season"):
        value += f"-{SEASONS[g['season'].lower()]}"
    return Found("DATE", value, edge_mod(g.get("edge")))


def n_era_decade(ctx: Context, g: dict, span) -> Found | None:
    """ "the 470s BC": the decade's digits, as TIMEX2 writes it (``BC047``)."""
    return Found("DATE", f"{_era_prefix(g)}{int(g['decade']):03d}", edge_mod(g.get("edge")))


def n_era_century(ctx: Context, g: dict, span) -> Found | None:
    """ "the 3rd century BC" (``BC02``): the hundreds of its years, as TIMEX2 writes it."""
    number = int(g["ord"]) if g.get("ord") else ORDINAL_WORDS.index(g["ordword"].lower()) + 1
    if not 1 <= number <= 99:
        return None
    return Found("DATE", f"{_era_prefix(g)}{number - 1:02d}", edge_mod(g.get("edge")))


def _range_end(first: int, written: str) -> int:
    """The last year of a range from ``first``: "1945" as written, "96" completed from ``first`` ("1995-96")."""
    if len(written) == 4:
        return int(written)
    end = first // 100 * 100 + int(written)
    return end + 100 if end <= first else end


_RANGE_START = re.compile(r"([0-9]{4})\s?[-–]\s?\Z")
RANGE_YEARS = 100  # the longest span of years "1939-1945" may cover to be read as a range


def _year_range(first: int, written: str, ctx: Context, end: int) -> bool:
    """Whether "first-written" reads as a range of years, not two quantities ("1500-2000 soldiers")."""
    last = _range_end(first, written)
    return first < last <= first + RANGE_YEARS and not _NOUN_AFTER.match(ctx.text, end, end + 60)


def n_year_range(ctx: Context, g: dict, span) -> Found | None:
    """The first year of a range ("1939" in "1939-1945"); the range makes it a year."""
    first = int(g["year"])
    second = _DIGITS.search(ctx.text, span[1])
    if second is None or not _year_range(first, g["year2"], ctx, second.end()):
        return None
    return Found("DATE", f"{first:04d}")


def n_year_range_end(ctx: Context, g: dict, span) -> Found | None:
    """The last year of a range ("1945" in "1939-1945", "96" in "1995-96")."""
    first = _RANGE_START.search(ctx.text[max(0, span[0] - 7):span[0]])
    if first is None or not _year_range(int(first.group(1)), g["year"], ctx, span[1]):
        return None
    # The story goes on from the start of the range ("Exit of the Americans: 1973-1975", "the 1975-1976 dry season").
    return Found("DATE", f"{_range_end(int(first.group(1)), g['year']):04d}", remember=False)


def n_spoken_year(ctx: Context, g: dict, span) -> Found | None:
    """ "nineteen ninety-six", as broadcast transcripts write years."""
    year = _year(g["year"])
    if g.get("month"):
        return Found("DATE", f"{year:04d}-{_month(g['month']):02d}")
    return Found("DATE", f"{year:04d}")


def n_the_weekend(ctx: Context, g: dict, span) -> Found | None:
    return n_relative_unit(ctx, {"dir": "this", "unit": "weekend"}, span)


def n_year_end(ctx: Context, g: dict, span) -> Found | None:
    """ "year-end", "by year's end": the end of the DCT's year (of the year before, after "since")."""
    previous = _PREVIOUS_WORD.search(ctx.text[max(0, span[0] - 25):span[0]])
    since = previous is not None and previous.group(1).lower() in _W_SINCE
    found = _resolved(ctx, "year", -1 if since else 0, mod="END")
    if g.get("approx"):
        found.mod = "APPROX"
    return found


_FISCAL_AFTER = _context("fiscal_after")


def n_the_year(ctx: Context, g: dict, span) -> Found | None:
    """ "the year ended June 30" is a fiscal year (a duration); "for the year" the current one."""
    if _FISCAL_AFTER.match(ctx.text[span[1]:span[1] + 10]):
        return Found("DURATION", "P1Y")
    previous = _PREVIOUS_WORD.search(ctx.text[max(0, span[0] - 25):span[0]])
    if previous is None or previous.group(1).lower() not in _W_THE_YEAR_BEFORE:
        return None
    return _resolved(ctx, "year", 0)


def n_century(ctx: Context, g: dict, span) -> Found | None:
    number = int(g["ord"]) if g.get("ord") else ORDINAL_WORDS.index(g["ordword"].lower()) + 1
    if not 1 <= number <= 99:
        return None
    return Found("DATE", f"{number - 1:02d}")


def n_fiscal(ctx: Context, g: dict, span) -> Found | None:
    if g.get("year"):
        return Found("DATE", f"{_year(g['year']):04d}")
    return Found("DURATION", "P1Y")


def n_year2000(ctx: Context, g: dict, span) -> Found | None:
    return Found("DATE", "2000")




def n_decade(ctx: Context, g: dict, span) -> Found | None:
    mod = edge_mod(g.get("edge") or g.get("edge2"))
    if g.get("decword"):
        return Found("DATE", f"{_W_DECADE_WORD[g['decword'].lower()]}", mod)
    if g.get("short"):
        century = 20 if ctx.dct and ctx.dct.year >= 2030 and int(g["short"]) <= 2 else 19
        return Found("DATE", f"{century}{g['short']}", mod)
    return Found("DATE", f"{g['century']}{g['decade']}", mod)


def n_quarter(ctx: Context, g: dict, span) -> Found | None:
    ordinal = ORDINALS[g["ord"].lower()]
    part = g["part"].lower()
    if ordinal > _W_YEAR_PARTS[part]:
        return None
    letter = _W_YEAR_PART[part]
    qdir = (g.get("qdir") or "").lower()
    det = (g.get("det") or "").lower()
    explicit = g.get("year") or g.get("qyear")
    if explicit:
        year, anchor = _year(explicit), "explicit"
    elif ctx.dct is None:
        return Found("DATE", f"XXXX-{letter}{ordinal}", anchor="unresolved")
    else:
        year, anchor = ctx.dct.year, "relative"
        ofdir = (g.get("ofdir") or g.get("ofdir2") or "").lower()
        step = YEAR_STEP.get(ofdir)
        if step is None and YEAR_STEP.get(det):
            step = YEAR_STEP[det]
        if step is not None:
            year += step
        elif ctx.recent_quarter(span[0]) is not None and det in ANAPHORIC:
            year = ctx.recent_quarter(span[0]).year
        else:
            first_month = (ordinal - 1) * (3 if letter == "Q" else 6) + 1
            if first_month > ctx.dct.month and direction(ctx, *span) < 0:
                year -= 1
        if qdir in _W_YEAR_BEFORE:
            year -= 1
    value = f"{year:04d}-{letter}{ordinal}"
    found = Found("DATE", value, anchor=anchor)
    if letter == "Q" and (ctx.dct is None or dt.date(year, 3 * ordinal - 2, 1) <= ctx.dct) \
            and not _SET_BESIDE.search(ctx.text, max(0, span[0] - 30), span[0]):
        # Only a quarter begun by the DCT is one reported on: "the third quarter of 1990" in a forecast
        # is not what "the year-ago period" is compared with, nor is "after a flat second quarter".
        ctx.last_quarter = (dt.date(year, 3 * ordinal - 2, 1), span[0])
    if det in _W_OUTSIDE_THE_TAG:
        # "a third quarter", "its fourth quarter": TimeML leaves the article or possessive outside.
        found.start = span[0] + _FIRST_TOKEN.match(g["_text"]).end()
    return found


_SET_BESIDE = _context("set_beside")
_ENDED = _context("ended")


def n_the_quarter(ctx: Context, g: dict, span) -> Found | None:
    """ "the quarter (ended Sept. 30)", "the latest quarter": the quarter reported on.

    The quarter that ends on a named month; else one named in the last few
    sentences; else, in news, the last quarter completed before the DCT.
    """
    if ctx.dct is None:
        return Found("DATE", "XXXX-QX", anchor="unresolved")
    ended = _ENDED.match(ctx.text, span[1], span[1] + 60)
    latest = any(word in g["_text"].lower() for word in _W_LATEST)
    if ended:
        month = _month(ended.group(1))
        year = ctx.dct.year - (1 if month > ctx.dct.month else 0)
        day = dt.date(year, month, 1)
    elif not latest and ctx.recent_quarter(span[0]) is not None:
        day = ctx.recent_quarter(span[0])
    else:
        day = cal.shift(ctx.dct, "quarter", -1)
    ctx.last_quarter = (dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1), span[0])
    return Found("DATE", cal.format_value(day, "quarter"), anchor="relative")


def n_half_span(ctx: Context, g: dict, span) -> Found | None:
    ordinal = ORDINALS.get(g["ord"].lower())  # "latter": the second
    return Found("DATE", f"{_year(g['year']):04d}-H{1 if ordinal == 1 else 2}")


def n_season(ctx: Context, g: dict, span) -> Found | None:
    season = SEASONS[g["season"].lower()]
    mod = edge_mod(g.get("edge"))
    dir_word = (g.get("dir") or "").lower()
    explicit = g.get("year") or g.get("qyear")
    if explicit:
        return Found("DATE", f"{_year(explicit):04d}-{season}", mod)
    if not dir_word and not g.get("edge") and not _DEFINITE.match(g["_text"]):
        return None
    if dir_word and dir_word not in _W_SEASON_DIRECTION:
        return None
    if g["season"].lower() in _W_EVENT_SEASON and not dir_word and not g.get("edge") \
            and _EVENT_OF.match(ctx.text, span[1], span[1] + 40):
        return None  # "the fall of Saigon": an event, not a season
    if ctx.dct is None:
        return Found("DATE", f"XXXX-{season}", mod, "unresolved")
    if ctx.dct_granularity == "year" or (ctx.narrative and not dir_word):
        return Found("DATE", f"{ctx.dct.year:04d}-{season}", mod, "relative")
    # Seasons in time order: spring, summer, fall of a year, then the winter that starts in it.
    order = ("SP", "SU", "FA", "WI")
    year, current = cal.season_of(ctx.dct)
    now = 4 * year + order.index(current)
    back = (now - order.index(season)) % 4
    previous = now - (back or 4)          # the last one strictly before the current season
    following = now + ((4 - back) % 4 or 4)  # the next one strictly after
    if dir_word in PRESENT:
        # "this summer" is the summer of the DCT's year, whether it is behind or ahead.
        return Found("DATE", f"{ctx.dct.year:04d}-{season}", mod, "relative")
    if dir_word in BACK:
        index = previous
    elif dir_word in AHEAD:
        index = following
    elif back == 0:
        index = now
    else:
        index = following if direction(ctx, *span) > 0 else previous
    return Found("DATE", f"{index // 4:04d}-{season}", mod, "relative")


_DEFINITE = _context("definite")
_EVENT_OF = _context("event_of")
_W_EVENT_SEASON = _words("event_season")
_COMPARISON = _context("comparison")


def n_offset(ctx: Context, g: dict, span) -> Found | None:
    amount = _number(g["num"])
    if amount is not None and (g.get("half") or g.get("half2")):
        amount += 0.5  # "a year and a half ago"
    unit = _unit(g["unit"])
    granularity = unit[2]
    if unit[1] > 1:
        # "a decade ago", "two centuries ago", "a fortnight later": counted in years or weeks.
        granularity = cal.COUNTED_IN[unit[0]]
    word = _squash(g["offset"])
    sign = -1 if word in _W_OFFSET_BACK else 1
    mod = approx_mod(g.get("approx")) or ("APPROX" if g.get("orso") else None)
    if mod in ("MORE_THAN",):
        mod = "BEFORE" if sign < 0 else "AFTER"
    elif mod in ("LESS_THAN",):
        mod = "AFTER" if sign < 0 else "BEFORE"
    if word in _W_OFFSET_ELSEWHERE or unit[2] in ("second", "minute", "hour"):
        # "two days before the vote": a duration the sentence anchors elsewhere; "an hour later",
        # "minutes ago": TimeML tags the stretch of time, not a date.
        return Found("DURATION", _format_duration(amount, unit), approx_mod(g.get("approx")),
                     end=span[0] + len(g["_text"]) - len(g["offset"]) - 1)
    if amount is None:
        return Found("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", mod,
                     "relative" if ctx.dct else "unresolved")
    if granularity == "year" and amount * unit[1] != int(amount * unit[1]):
        granularity, amount = "month", amount * 12  # "a year and a half ago": 18 months back
    steps = int(round(amount * unit[1]))
    base = None
    comparison = _COMPARISON.search(ctx.text, max(0, span[0] - 30), span[0]) is not None
    if word in _W_OFFSET_OF_STORY and ctx.last is not None and not comparison:
        base = ctx.last  # "two days later": counted from the date last mentioned
    quarter = ctx.recent_quarter(span[0])
    if granularity == "year" and steps and quarter is not None and word not in _W_OFFSET_LATER:
        # "up from $3 million a year earlier", after a quarter's results: the same quarter a year before
        found = _resolved(ctx, "quarter", 4 * sign * steps, base=(quarter, "quarter"), mod=mod)
        found.remember = False  # a comparison with the quarter reported on, not a new date in the story
    else:
        found = _resolved(ctx, granularity, sign * steps, base=base, mod=mod)
        found.remember = sign > 0 or word in _W_OFFSET_FROM_NOW
    return found


def n_year_earlier(ctx: Context, g: dict, span) -> Found | None:
    """ "year-earlier", "the year-ago quarter": the period last spoken of, one year back."""
    quarter = ctx.recent_quarter(span[0])
    noun = (g.get("noun") or "").lower()
    if quarter is None and noun in _W_PERIOD_NOUN and ctx.dct is not None \
            and (ctx.last is None or ctx.last[1] not in ("quarter", "month") or ctx.last[0] > ctx.dct):
        # "the year-ago quarter" with no quarter named nearby: the one reported on, the last completed
        quarter = cal.shift(ctx.dct, "quarter", -1)
    if quarter is not None:
        found = _resolved(ctx, "quarter", -4, base=(quarter, "quarter"))
    elif ctx.last is not None and ctx.last[1] in ("quarter", "month", "year"):
        steps = {"quarter": -4, "month": -12, "year": -1}[ctx.last[1]]
        found = _resolved(ctx, ctx.last[1], steps, base=ctx.last)
    else:
        found = _resolved(ctx, "year", -1)
    found.remember = False
    if noun in _W_THING_NOUN:
        # "the year-ago results": a time only in "year-ago", the rest names a thing.
        word = _YEAR_AGO.search(g["_text"])
        found.start, found.end = span[0] + word.start(), span[0] + word.end()
    return found


_UNIT_GRANULARITY = _words("unit_granularity")


def _definite_unit(g: dict) -> bool:
    """ "the next day", "early the next morning": the article after any edge word."""
    return bool(_DEFINITE.match(g["_text"], len(g.get("edge") or "")))


def n_relative_unit(ctx: Context, g: dict, span) -> Found | None:
    dir_word = g["dir"].lower()
    unit = g["unit"].lower()
    mod = edge_mod(g.get("edge"))
    if unit in PARTS_OF_DAY:
        if dir_word not in _W_POD_DIRECTION:
            return None
        offset = STEP.get(dir_word, 0)
        if PARTS_OF_DAY[unit] != "NI" and dir_word in _W_NIGHT_ONLY:
            return None
        # "the next morning" counts from the day of the story, like "the following morning".
        anaphoric = dir_word in ANAPHORIC or (dir_word in NEXT_OF_STORY and _definite_unit(g))
        base = ctx.last if anaphoric and ctx.last and ctx.last[1] == "day" else None
        found = _resolved(ctx, "day", offset, base=base, type_="TIME")
        found.value = ("XXXX-XX-XX" if found.anchor == "unresolved" else found.value) + "T" + PARTS_OF_DAY[unit]
        return found
    granularity = _UNIT_GRANULARITY[unit]
    if granularity == "quarter" and dir_word in _W_REPORTED_QUARTER:
        return n_the_quarter(ctx, g, span)
    if dir_word in _W_REFUSED_DIRECTION:
        return None
    if dir_word in _W_STRETCH_BACK and granularity in ("decade", "century"):
        # "the past decade": the ten years up to now, not the 1980s.
        return Found("DURATION", _format_duration(1, UNITS[granularity]), mod)
    offset = STEP.get(dir_word, 0)
    base = None
    # "the next day" counts from the day of the story; "next week" from the DCT.
    anaphoric = dir_word in ANAPHORIC or (dir_word in NEXT_OF_STORY and granularity == "day" and _definite_unit(g))
    if anaphoric and ctx.last is not None and not cal.finer(granularity, ctx.last[1]):
        base = ctx.last
    elif dir_word in DEMONSTRATIVE and granularity == "day":
        return None  # "trades made that day", with no day named before: a day in general, not a date
    if granularity == "weekend" and offset == 0 and base is None and ctx.dct and ctx.dct.isoweekday() < 5 \
            and direction(ctx, *span) < 0:
        offset = -1
    found = _resolved(ctx, granularity, offset, base=base, mod=mod)
    if base is not None and offset < 0 and granularity in ("year", "decade", "century"):
        found.remember = False  # "the gains of the previous year": a look back, the story stays where it is
    edge = (g.get("edge") or "").lower()
    if granularity == "week" and _first_word(edge) in _W_EDGE_OUTSIDE:
        # TimeML annotators leave "earlier" out of "earlier this week" (not out of "earlier this year")
        found.start = span[0] + len(g["edge"])
        found.mod = None
    if granularity == "quarter" and found.anchor == "relative":
        ctx.last_quarter = (cal.shift(base[0] if base else ctx.dct, "quarter", offset), span[0])
    return found


def n_edge_of_unit(ctx: Context, g: dict, span) -> Found | None:
    """ "the end of the month": the month of the story (the last one mentioned, else the DCT's)."""
    unit = g["unit"].lower()
    edge = g["edge"].lower()
    mod = "END" if any(word in edge for word in _W_TO_THE_END) else edge_mod(edge) or "MID"
    base = ctx.last if ctx.last is not None and not cal.finer(unit, ctx.last[1]) else None
    if g["det"].lower() not in DEMONSTRATIVE and base is not None and ctx.dct is not None:
        base = None  # "the month", "this month": the present one
    return _resolved(ctx, unit, 0, base=base, mod=mod)


def n_weekday(ctx: Context, g: dict, span) -> Found | None:
    found = _weekday_date(ctx, g, span)
    edge = (g.get("edge") or "").lower()
    if found is not None and edge in _W_EDGE_OUTSIDE:
        # "Earlier Friday": TimeML leaves "earlier"/"later" out of the tag of a named day.
        found.start = span[0] + g["_text"].index(g["weekday"])
    return found


def _weekday_date(ctx: Context, g: dict, span) -> Found | None:
    weekday = _weekday(g["weekday"])
    dir_word = (g.get("dir") or "").lower()
    pod = g.get("pod")
    suffix = "T" + PARTS_OF_DAY[pod.lower()] if pod else ""
    type_ = "TIME" if pod else "DATE"
    if ctx.dct is None or not ctx.known("day"):
        return Found(type_, f"XXXX-WXX-{weekday}{suffix}", anchor="unresolved")
    reference = ctx.dct
    if dir_word in _W_ANAPHORIC_WEEKDAY and ctx.last and ctx.last[1] == "day":
        reference = ctx.last[0]
    if dir_word in BACK:
        day = cal.weekday_near(reference - dt.timedelta(days=1), weekday, -1)
    elif dir_word in AHEAD:
        day = cal.weekday_near(reference + dt.timedelta(days=1), weekday, 1)
    else:
        sign = direction(ctx, *span, default=2)
        if sign == 2:
            # No cue: news mostly reports the past, but a weekday a day or two ahead is the coming one.
            ahead = cal.weekday_near(reference, weekday, 1)
            sign = 1 if 0 < (ahead - reference).days <= NEAR_DAYS_AHEAD else -1
        day = cal.weekday_near(reference, weekday, 1 if sign == 0 else sign)  # 0: "until Tuesday"
    return Found(type_, day.isoformat() + suffix, anchor="relative")


def n_pod_edge(ctx: Context, g: dict, span) -> Found | None:
    """ "mid-afternoon", "early morning yesterday": a part of a day, the DCT's unless a day is named."""
    pod = PARTS_OF_DAY[g["pod"].lower()]
    if g.get("weekday"):
        found = n_weekday(ctx, {"weekday": g["weekday"]}, span)
    else:
        found = n_deictic(ctx, {"deictic": g.get("deictic")}, span)
    date_part = found.value if found.anchor != "unresolved" else "XXXX-XX-XX"
    # A part of a day is itself a start, middle or end: "the early morning" is its START.
    mod = {"EARLY": "START", "LATE": "END"}.get(edge_mod(g["edge"]), edge_mod(g["edge"]))
    return Found("TIME", f"{date_part}T{pod}", mod, found.anchor)


def n_the_pod(ctx: Context, g: dict, span) -> Found | None:
    """ "in the morning": that part of the day of the story (the day last mentioned, else the DCT's)."""
    previous = _PREVIOUS_WORD.search(ctx.text[max(0, span[0] - 25):span[0]])
    if previous is None or previous.group(1).lower() not in _W_THE_POD_BEFORE \
            or _QUALIFIED_NOUN_AFTER.match(ctx.text, span[1]):
        return None
    pod = PARTS_OF_DAY[g["pod"].lower()]
    if ctx.last is not None and ctx.last[1] == "day":
        return Found("TIME", f"{ctx.last[0].isoformat()}T{pod}", anchor="relative")
    found = _resolved(ctx, "day", 0, type_="TIME")
    found.value = ("XXXX-XX-XX" if found.anchor == "unresolved" else found.value) + "T" + pod
    return found


def n_deictic(ctx: Context, g: dict, span) -> Found | None:
    word = _squash(g.get("deictic") or "")
    pod = "NI" if g.get("tonight") else PARTS_OF_DAY[g["pod"].lower()] if g.get("pod") else None
    offset = 0 if g.get("tonight") else _W_DAY_STEP.get(word, 0)
    if word in _W_NIGHT_ONLY and pod != "NI":
        return None
    if pod:
        found = _resolved(ctx, "day", offset, type_="TIME")
        found.value = ("XXXX-XX-XX" if found.anchor == "unresolved" else found.value) + "T" + pod
        return found
    return _resolved(ctx, "day", offset)


_CLOCK = _context("clock")
_AT_BEFORE = _context("at_before")


def n_clock(ctx: Context, g: dict, span) -> Found | None:
    if g.get("noon"):
        hour, minute = _W_CLOCK_WORD[g["noon"].lower()], 0
    else:
        m = _CLOCK.match(g["clock"])
        hour, minute = int(m.group("hour")), int(m.group("minute") or 0)
        if hour > 12 or hour == 0:
            return None
        if m.group("am") is None and m.group("pm") is None and \
                not _AT_BEFORE.search(ctx.text, max(0, span[0] - 10), span[0]):
            return None  # "two in the morning session": a count, not a clock time
        morning = m.group("am") is not None or (m.group("pm") is None and m.group("morning") is not None)
        if not morning and hour != 12:
            hour += 12
        elif morning and hour == 12:
            hour = 0
    clock = f"T{hour:02d}:{minute:02d}"
    if g.get("month"):
        found = n_date(ctx, g, span)
        if found is None:
            return None
    elif g.get("weekday"):
        found = n_weekday(ctx, {"weekday": g["weekday"]}, span)
    elif g.get("deictic"):
        found = n_deictic(ctx, {"deictic": g["deictic"]}, span)
    elif ctx.last is not None and ctx.last[1] == "day" and g.get("noon") is None:
        found = Found("TIME", ctx.last[0].isoformat(), anchor="relative")
    else:
        found = _resolved(ctx, "day", 0)
    date_part = found.value if found.anchor != "unresolved" else "XXXX-XX-XX"
    return Found("TIME", date_part + clock, approx_mod(g.get("approx")), found.anchor)


def n_holiday(ctx: Context, g: dict, span) -> Found | None:
    name = _squash(g["holiday"])
    if g.get("year"):
        year, anchor = _year(g["year"]), "explicit"
    elif ctx.dct is not None:
        year, anchor = ctx.dct.year, "relative"
    else:
        year, anchor = None, "unresolved"
    holiday = HOLIDAYS[name]
    if holiday.kind == "fixed":
        if year is None:
            return Found("DATE", f"XXXX-{holiday.month:02d}-{holiday.day:02d}", anchor=anchor)
        if anchor == "relative":
            return Found("DATE", _nearest_in_year(ctx, span, holiday.month, holiday.day).isoformat(), anchor=anchor)
        return Found("DATE", f"{year:04d}-{holiday.month:02d}-{holiday.day:02d}", anchor=anchor)
    if holiday.kind == "easter":
        def date_in(year: int) -> dt.date:
            return cal.easter_sunday(year) + dt.timedelta(days=holiday.days)
    else:
        def date_in(year: int) -> dt.date:
            return cal.nth_weekday(year, holiday.month, holiday.weekday, holiday.n, holiday.day)
    if year is None:
        return Found("DATE", f"XXXX-{holiday.month:02d}" if holiday.month else "XXXX-XX-XX", anchor=anchor)
    if anchor == "explicit":
        return Found("DATE", date_in(year).isoformat(), anchor=anchor)
    return Found("DATE", _nearest_yearly(ctx, span, date_in).isoformat(), anchor=anchor)


_FREQUENCY = _context("frequency")
_RATE = _context("rate")
_AGE_AFTER, _AGE, _LENGTH = _context("age_after"), _context("age"), _context("length")


_SEASON_YEARS = re.compile(r"(1[0-9]{3}|20[0-9]{2})[/-]\Z")


def n_duration(ctx: Context, g: dict, span) -> Found | None:
    amount = _number(g["num"])
    if amount is not None and (g.get("half") or g.get("half2")):
        amount += 0.5  # "two and a half years", "a minute and a half"
    unit = _unit(g["unit"])
    text = g["_text"]
    if amount is not None and amount > 10000:
        return None
    if amount == 0:
        return None
    start, end = span
    first = _SEASON_YEARS.search(ctx.text, max(0, start - 5), start) if start else None
    plural = g["unit"].lower() in UNIT_PLURALS
    if first is not None and not plural:
        # "the 1985/86 season": named by the year it begins in, not 86 seasons.
        return Found("DATE", first.group(1), start=first.start())
    if re.fullmatch(r"1[0-9]{3}|20[0-9]{2}", g["num"]) and not plural:
        # "the 2008 season", "the 1988 quarter": a year naming its season or quarter, not 2008 seasons.
        quarter = ctx.recent_quarter(start)
        if _unit(g["unit"])[2] == "quarter" and quarter is not None:
            return Found("DATE", f"{g['num']}-Q{(quarter.month - 1) // 3 + 1}")  # the quarter spoken of
        return Found("DATE", g["num"])
    if unit[2] == "quarter" and amount is not None and amount < 4 and \
            (plural and "-" in text or _OF_AFTER.match(ctx.text[end:end + 4])):
        return None  # "three-quarters of the vote": a fraction, not a time ("several quarters of losses" is)
    before = ctx.text[max(0, start - 12):start].lower()
    num_word = g["num"].lower()
    if unit[2] == "second" and num_word in _W_ONE and _LETTER_AFTER.match(ctx.text[end:end + 3]):
        return None  # "a second strike": the ordinal, not a second of time
    if num_word in _W_INDEFINITE and _FREQUENCY.search(before):
        return Found("SET", _format_duration(1, unit), start=start, end=end)
    if num_word in _W_INDEFINITE and _RATE.search(ctx.text, max(0, start - 30), start):
        return None  # "$500 million a year", "four flights a week": a rate, which TimeML leaves untagged
    if _AGE.search(text) or _AGE_AFTER.match(ctx.text[end:end + 5]):
        return None  # an age, which TimeML news annotation leaves untagged
    length = _LENGTH.search(text)
    if length:
        return Found("DURATION", _format_duration(amount, unit), end=start + length.start())
    return Found("DURATION", _format_duration(amount, unit), approx_mod(g.get("approx")))


def n_or_two(ctx: Context, g: dict, span) -> Found | None:
    """ "in a year or two", "within a week or two": a vague time ahead (FUTURE_REF); else a duration."""
    previous = _PREVIOUS_WORD.search(ctx.text[max(0, span[0] - 25):span[0]])
    if previous is None or previous.group(1).lower() not in _W_OR_TWO_BEFORE:
        return None
    return Found("DATE", "FUTURE_REF", anchor="relative" if ctx.dct else "unresolved")


def n_plural_units(ctx: Context, g: dict, span) -> Found | None:
    unit = _unit(g["unit"])
    if _AGE_AFTER.match(ctx.text[span[1]:span[1] + 5]):
        return None  # "52 years old": an age
    dir_word = (g.get("dir") or "").lower()
    if unit[2] == "quarter" and not dir_word:
        return None  # "in some quarters", "living quarters": places and circles, unless "coming quarters"
    if not g.get("det") and dir_word in _W_VAGUE_PLURAL:
        # "in past years", "in coming months": the past or the future, not a length of time
        return Found("DATE", _W_VAGUE_PLURAL[dir_word],
                     anchor="relative" if ctx.dct else "unresolved")
    if not (dir_word or g.get("det") or g.get("approx")) and g["_text"][:1].islower():
        previous = _PREVIOUS_WORD.search(ctx.text[max(0, span[0] - 25):span[0]])
        if previous is not None and previous.group(1).lower() in _W_VAGUE_BEFORE:
            return None  # "after months of talks": TimeML news leaves this vague stretch out
    # "in recent years" is annotated as the stretch of time it names, a duration of some years (PXY).
    return Found("DURATION", _format_duration(None, unit), approx_mod(g.get("approx")))


def n_set(ctx: Context, g: dict, span) -> Found | None:
    if g.get("setword"):
        word = g["setword"]
        if _REPORTING_AFTER.match(ctx.text, span[1]) or (word[:1].isupper() and _IN_A_NAME.search(
                ctx.text, max(0, span[0] - 30), span[1] + 30)):
            return None  # "the daily said", "China Daily", "the Daily Telegraph": a newspaper
        if _THE_BEFORE.search(ctx.text, max(0, span[0] - 5), span[0]) and _NAME_AFTER.match(ctx.text, span[1]):
            return None  # "the daily Le Figaro", "the weekly Welt am Sonntag": a newspaper and its name
        return Found("SET", SET_WORDS[word.lower()])
    if g.get("weekday"):
        weekday = _weekday(g["weekday"])
        pod = g.get("pod") or (g.get("pods") or g.get("podsafter") or "")[:-1]
        return Found("SET", f"XXXX-WXX-{weekday}" + ("T" + PARTS_OF_DAY[pod.lower()] if pod else ""))
    if g.get("month"):
        return Found("SET", f"XXXX-{_month(g['month']):02d}")
    if _first_word(g["_text"]).lower() in _W_RATE_WORD and not _FREQUENCY.search(ctx.text, max(0, span[0] - 12), span[0]):
        return None  # "barrels per day", "$5 per hour": a rate, which TimeML leaves untagged (not "twice per day")
    amount = _number(g.get("num")) if g.get("num") else 1
    return Found("SET", _format_duration(amount, _unit(g["unit"])))


_REPORTING_AFTER = _context("reporting_after")
_THE_BEFORE = _context("the_before")
_NAME_AFTER = re.compile(r"[ \t]+[A-Z]")
_IN_A_NAME = _context("in_a_name")


# Where a sentence (or a quotation) begins: "Now, he says, ..." opens it as a discourse marker
# ("Now officials are investigating" still speaks of the present, and TimeML tags it).
_SENTENCE_START = re.compile(r"(?:\A|[.!?:;]['\"”’`]*\s+|\n\s*|[\"“`']+)\Z")


def n_reference(ctx: Context, g: dict, span) -> Found | None:
    value = REFERENCES[_squash(g["ref"])]
    if value is None:
        return None
    if g["ref"].lower() in _W_DISCOURSE_MARKER and g["ref"] == g["ref"].capitalize() and ctx.text.startswith(",", span[1]) and \
            _SENTENCE_START.search(ctx.text, max(0, span[0] - 4), span[0]):
        return None  # TimeML: "now" is PRESENT_REF when it speaks of the time, not as "Now, ..." in a story
    if _OF_AFTER.match(ctx.text, span[1]):
        return None  # "the future of the talks": the prospects of something, not a time
    if value == "PAST_REF" and _AUXILIARY_BEFORE.search(ctx.text, max(0, span[0] - 12), span[0]):
        # "has recently moved", "was recently extended", "the recently passed law", "most recently last
        # October": "recently" qualifies the verb (or the date that follows), and TimeML news annotation
        # leaves it untagged; "recently announced", "Milton Roy recently fended off" name the time.
        return None
    if value == "FUTURE_REF" and _QUALIFIED_NOUN_AFTER.match(ctx.text, span[1]):
        return None  # "the future government", "the future SAR": an adjective, someone's or something's next
    if g.get("then"):
        value = "PAST_REF"
    return Found("DATE", value, anchor="relative" if ctx.dct else "unresolved")


_OF_AFTER = _context("of_after")
_AUXILIARY_BEFORE = _context("auxiliary_before")
_QUALIFIED_NOUN_AFTER = _context("qualified_noun_after")


def _first_word(words: str) -> str:
    return _LETTERS.match(words).group()


NORMALISERS = {
    "date": n_date, "numeric_date": n_numeric_date, "week_of": n_week_of, "month": n_month, "year": n_year,
    "fiscal": n_fiscal,
    "year2000": n_year2000, "decade": n_decade, "quarter": n_quarter, "the_quarter": n_the_quarter,
    "half_span": n_half_span, "season": n_season, "offset": n_offset, "year_earlier": n_year_earlier,
    "relative_unit": n_relative_unit, "weekday": n_weekday, "deictic": n_deictic, "clock": n_clock,
    "holiday": n_holiday, "duration": n_duration, "plural_units": n_plural_units, "or_two": n_or_two, "set": n_set,
    "reference": n_reference, "bare_month": n_bare_month, "spoken_year": n_spoken_year,
    "the_weekend": n_the_weekend, "year_end": n_year_end, "the_year": n_the_year, "century": n_century, "pod_edge": n_pod_edge, "the_pod": n_the_pod, "edge_of_unit": n_edge_of_unit,
    "era_year": n_era_year, "era_decade": n_era_decade, "era_century": n_era_century,
    "year_range": n_year_range, "year_range_end": n_year_range_end, "of_that_year": n_of_that_year,
    "day_range_end": n_day_range_end, "numeric_dmy": n_numeric_dmy,
}
for _rule in RULES:
    if _rule.normaliser not in NORMALISERS:
        raise LexiconError(f"{_rule.where}: no normaliser named {_rule.normaliser!r} "
                           f"(there are {', '.join(sorted(NORMALISERS))})")
# Each rule's own groups: (name in the normaliser, name in the compiled alternation).
_RULE_GROUPS = [tuple((name, f"r{i}_{name}") for name in re.findall(r"\(\?P<([a-z0-9_]+)>", rule.pattern))
                for i, rule in enumerate(RULES)]


def _groups(match: re.Match, index: int) -> dict:
    group = match.group
    groups = {}
    for short, full in _RULE_GROUPS[index]:
        value = group(full)
        if value is not None:
            groups[short] = value
    groups["_text"] = group()
    return groups


_WELL_FORMED: dict[str, bool] = {}


def _well_formed(value: str) -> bool:
    """``is_well_formed``, remembered: the same values come back again and again."""
    known = _WELL_FORMED.get(value)
    if known is None:
        known = is_well_formed(value)
        if len(_WELL_FORMED) < 100_000:
            _WELL_FORMED[value] = known
    return known


def _apply(ctx: Context, rule_index: int, match: re.Match, start: int, end: int,
           story: int | None = None) -> Found | None:
    rule: Rule = RULES[rule_index]
    saved = ctx.dct, ctx.dct_granularity
    groups = _groups(match, rule_index)
    # A clock time with its month and day ("9:34 p.m., March 19") is a date of the story like any other.
    own_days = story is not None and ((rule.normaliser in _OWN_DAYS and "month" not in groups)
                                      or _OWN_TIME.search(match.group()))
    if story is not None and not own_days:
        # In a narrative, the story's date stands where the DCT would: "in April" is April of that year,
        # "the end of the month" the end of the month last named.
        last = ctx.last
        if last is not None and last[0].year == story and last[1] in _STORY_GRANULARITY:
            ctx.dct, ctx.dct_granularity = last[0], _STORY_GRANULARITY[last[1]]
        else:
            ctx.dct, ctx.dct_granularity = dt.date(story, 1, 1), "year"
        ctx.narrative = True
    try:
        found = NORMALISERS[rule.normaliser](ctx, groups, (start, end))
    except (OverflowError, ValueError):
        return None  # a date beyond the calendar (a DCT near year 1 or 9999): nothing to say
    finally:
        ctx.dct, ctx.dct_granularity = saved
        ctx.narrative = False
    if found is not None and found.value[:1] in "6789":
        found.value = _out_of_proxy(found.value)
    if found is not None and own_days:
        found.remember = False  # "two years ago" in a quote inside a story: the story stays where it was
    if found is None or not _well_formed(found.value):
        return None  # e.g. year 10000 from a DCT at the end of year 9999
    return found




# A year before Christ has no ``datetime.date``: the scan carries it as the year BC_PROXY - year, so that a
# story counting forward ("the following year", "the winter") still counts forward, and writes it back as
# TIMEX2 does (``BC0479``) when a value comes out.
BC_PROXY = 9000
BC_PROXY_LOW = 6000  # carried years from here on stand for years before Christ
_BC_VALUE = re.compile(r"BC([0-9]{4})(?![0-9])")


def _into_proxy(value: str) -> str:
    """ "BC0490-08" as the scan carries it ("8510-08"); any other value as it is."""
    bc = _BC_VALUE.match(value)
    if bc is None or not 0 < int(bc.group(1)) <= BC_PROXY - BC_PROXY_LOW:
        return value
    return f"{BC_PROXY - int(bc.group(1)):04d}{value[bc.end():]}"


def _out_of_proxy(value: str) -> str:
    """A value counted from a carried year before Christ, written as TIMEX2 writes it ("8521" -> "BC0479")."""
    if len(value) < 4 or not value[:4].isdigit() or int(value[:4]) < BC_PROXY_LOW:
        return value
    return f"BC{BC_PROXY - int(value[:4]):04d}{value[4:]}"


def _remembered(found: Found) -> tuple[dt.date, str] | None:
    """The last date a reader would count from ("two days later", "that year") after ``found``, if it sets one."""
    if found.type not in ("DATE", "TIME") or found.anchor == "unresolved" or not found.remember:
        return None
    parsed = _PARSED.get(found.value, False)
    if parsed is False:
        parsed = value_start(_into_proxy(found.value))
        if len(_PARSED) < 100_000:
            _PARSED[found.value] = parsed
    return parsed


_PARSED: dict[str, tuple[dt.date, str] | None] = {}


_VOCABULARY = _NAMES | _TIME_WORDS | _LEAD_WORDS
# One case-sensitive scan (each word in lower case, capitalised and upper case: far faster than
# IGNORECASE).  A number anchors an attempt by itself only when it looks like a year (or the end of a
# range, "1995-96", "April 6-7"), a date or a clock time ("anchor"); other numbers ("2,500", "15km") need a time word soon after ("15 years").
_INTERESTING = re.compile(
    r"(?<![^\W_])(?:(?P<anchor>(?:1[5-9]|20)[0-9]{2}(?![0-9])|(?<=[0-9][-–])[0-9]{1,2}(?![0-9])|[0-9]{1,4}(?=[-/.][0-9])"
    r"|[0-9]{1,2}(?:[:.][0-9]{2})?\s*[aApP]\.?[mM]\b|[0-9]{1,2}(?:st|nd|rd|th)\b|[0-9]*0s\b)"
    r"|(?P<number>[0-9]+)"
    r"|(?P<word>" + _alternation(_VOCABULARY | {w.capitalize() for w in _VOCABULARY} | {w.upper() for w in _VOCABULARY})
    + r"(?![^\W_])))")


def _word_class(word: str) -> tuple[str, bool] | None:
    """The token class of a vocabulary word as written, and whether it anchors an attempt by itself."""
    lower = word.lower()
    if lower in _NAMES and word[0].isupper():
        return "name", True
    if lower in _TIME_WORDS:
        return "word", True
    if lower in _LEAD_WORDS:
        return "word", False
    return None


# Every form the scan can meet (lower case, capitalised, upper case), classed once.
_WORD_CLASSES = {form: _word_class(form) for word in _VOCABULARY
                 for form in (word, word.capitalize(), word.upper())}
LEAD_REACH = 8 * LEAD_DISTANCE  # characters a lead word may stand before the word it leads to


def _candidates(text: str, low: int, high: int):
    """Positions where an expression may start, in text order, with the class of the token there.

    One scan picks out digits and the words of the tagger's vocabulary (in C);
    all other words are never looked at again.
    """
    pending: deque[tuple[int, int, str]] = deque()  # lead words waiting for a time word to follow them
    word_classes = _WORD_CLASSES
    for match in _INTERESTING.finditer(text, low, high):
        start = match.start()
        kind = match.lastgroup
        if kind == "anchor":
            cls, anchors = "digit", True
        elif kind == "number":
            cls, anchors = "digit", False
        else:
            known = word_classes.get(match.group())
            if known is None:
                continue
            cls, anchors = known
        if not anchors:
            while pending and start - pending[0][1] > LEAD_REACH:
                pending.popleft()
            pending.append((start, match.end(), cls))
            continue
        if pending:
            for lead_start, lead_end, lead_cls in pending:
                if start - lead_end <= LEAD_REACH:
                    if lead_cls == "digit" and lead_start and text[lead_start - 1] in "'’":
                        yield lead_start - 1, lead_cls  # "'80s"
                    yield lead_start, lead_cls
            pending.clear()
        if cls == "digit" and start and text[start - 1] in "'’":
            yield start - 1, cls
        yield start, cls


# The time a narrative has reached.  A date without a year ("On 12 September", "that summer", "the
# following year") is read against the year the text last named when the text is telling a story: the
# year named is far from the DCT's and near enough before the expression.  How far the story's year
# carries depends on whether the publication year is plausible at all: a text whose explicit years are
# all far from the DCT is a narrative throughout; one that names years near the DCT speaks of its own
# days, and an older year carries only a short way.  The numbers are the language's (words.tsv).
_NARRATIVE = {word: int(value) for word, value in _words("narrative").items()}
STORY_GAP = _NARRATIVE.get("gap", 2)  # years between the story's and the DCT's for the story to count
STORY_REACH = _NARRATIVE.get("reach", 3000)  # characters a year carries when the DCT's year is implausible
STORY_REACH_NEWS = _NARRATIVE.get("reach_news", 300)  # ... when the text names years near the DCT's
NEAR_DCT = _NARRATIVE.get("near_dct", 1)
STORY_MIN_YEARS = _NARRATIVE.get("min_years", 3)  # explicit years a text needs to make its DCT implausible
STORY_CUE_WEIGHT = _NARRATIVE.get("cue_weight", 5)  # explicit years one word of the writer's days outweighs
STORY_CONFIRM = _NARRATIVE.get("confirm", 2)  # dates in a row of one year that make it the story's in such a text
STORY_TURN = _NARRATIVE.get("turn", 6)  # months back from the story's month past which a month is of the next year  # years from the DCT's that make the DCT plausible
# Procedures that speak of the writer's own days ("today", "on Friday", "at 5 p.m."): always the DCT's.
_STORY_GRANULARITY = {"year": "year", "season": "month", "quarter": "month", "half": "month", "month": "month",
                      "week": "day", "weekend": "day", "day": "day"}
_OWN_DAYS = {"deictic", "weekday", "pod_edge", "clock", "the_weekend", "the_pod", "reference", "holiday"}
_ERA_MENTION = re.compile(MACROS.get("ERA", "(?!)"))
_DIGIT_BEFORE = re.compile(r"[0-9]\s?\Z")
_YEAR_MENTION = re.compile(r"(?<![\w.,$£€-])(1[0-9]{3}|20[0-9]{2})(?![\w%]|[.,][0-9])")


_OWN_DAYS_CUE = _context("own_days")
_OWN_TIME = _context("own_time")


def _dct_plausible(text: str, dct: dt.date | None) -> bool:
    """Whether the text's explicit years leave its DCT plausible: none at all, or enough of them near it
    and of words of the writer's days ("yesterday", "on Tuesday") beside the years far from it."""
    if dct is None:
        return True
    years = [int(m.group(1)) for m in _YEAR_MENTION.finditer(text)]
    # "490 BC": far from any DCT (the era is looked for first: digits are everywhere, eras rare)
    years += [-1] * sum(1 for m in _ERA_MENTION.finditer(text)
                        if _DIGIT_BEFORE.search(text, max(0, m.start() - 2), m.start()))
    if len(years) < STORY_MIN_YEARS:
        return True
    near = sum(1 for year in years if abs(year - dct.year) <= NEAR_DCT)
    if near * STORY_CUE_WEIGHT >= len(years) - near:
        return True
    cues = sum(1 for _ in _OWN_DAYS_CUE.finditer(text))
    return (near + cues) * STORY_CUE_WEIGHT >= len(years) - near


def _story_weight(text: str, start: int, end: int, granularity: str) -> int:
    """How much one date says that the text tells a story in its year: a section headed by a year sets the
    scene at once, a year named in passing only with others."""
    return STORY_CONFIRM if granularity == "year" and _heading_year(text, start, end) else 1


def _of_writers_days(ctx: Context, story: int | None, anchor: str, last: tuple[dt.date, str]) -> bool:
    """Whether a relative expression inside a story was read from the writer's days ("today" in a quote,
    "that morning" counted from the DCT): it then moves neither the story nor the date counted from."""
    return story is not None and anchor == "relative" and abs(last[0].year - ctx.dct.year) < STORY_GAP


def _planned(ctx: Context, story: int | None, start: int, end: int, last: tuple[dt.date, str]) -> bool:
    """Whether a year named inside a story is one planned or foreseen from it ("would be exposed for a
    campaign planned in 1976"): the story stays where it was."""
    return story is not None and last[0].year > story and direction(ctx, start, end, default=0) > 0


def _story_reference(ctx: Context, start: int) -> int | None:
    """The story's year when an expression at ``start`` should read its date from it, else None."""
    story = ctx.story
    if story is None or ctx.dct is None or abs(story[0] - ctx.dct.year) < STORY_GAP:
        return None
    if not ctx.dct_plausible:
        reach = STORY_REACH
    else:
        # A text that also speaks of its own days: an older year carries only once the text dwells on it.
        reach = STORY_REACH_NEWS if ctx.story_mentions >= STORY_CONFIRM else 0
    return story[0] if start - story[1] <= reach else None


def tag(text: str, dct: str | None = None, spans=None) -> list[TemporalExpression]:
    """Every temporal expression in ``text``, resolved against ``dct`` (a partial ISO date or None).

    ``spans`` (pairs of offsets, in text order) limits the tagging to those parts of the text, as
    cleaning keeps them: an expression lies inside one span, and a relative one ("two days later")
    counts only from dates found in the spans.  Offsets are still into ``text``.
    """
    # The scan makes many small objects and no reference cycles: pausing the cyclic garbage
    # collector keeps the time linear in the length of the text (it would otherwise rescan
    # the growing list of results again and again).
    with collector.paused():
        return _tag(text, dct, [(0, len(text))] if spans is None else spans)


def _tag(text: str, dct: str | None, spans) -> list[TemporalExpression]:
    day, granularity = parse_dct(dct)
    ctx = Context(text, day, granularity)
    ctx.dct_plausible = _dct_plausible(text, day)
    found: list[TemporalExpression] = []
    memo = ctx.memo
    position = 0
    for low, high in spans:
        position = max(position, low)
        for start, cls in _candidates(text, low, high):
            if start < position:
                continue
            position = _tag_at(ctx, found, memo, start, cls, high, position)
    return found


def _tag_at(ctx: Context, found: list, memo: dict, start: int, cls: str, high: int, position: int) -> int:
    """Tag at one candidate ``start`` (a match ends by ``high``); the position the scan goes on from."""
    text = ctx.text
    # Everything a step depends on: the text around it, the last date mentioned, the quarter spoken of.
    window = start - CONTEXT_REACH if start > CONTEXT_REACH else 0
    reach = min(MATCH_REACH, high - start)
    story = _story_reference(ctx, start)
    key = (cls, start - window, reach, text[window:start + MATCH_REACH + CONTEXT_REACH], ctx.last,
           ctx.recent_quarter(start), story)
    step = memo.get(key)
    if step is None:
        step, replayable = _step(ctx, cls, start, start + reach, story)
        if replayable:
            if len(memo) >= _MEMO_SIZE:
                memo.clear()
            memo[key] = step
    if step is _NOTHING:
        return position
    span_start, span_end, words, type_, value, mod, anchor, advance, last, new_quarter = step
    if new_quarter is not None:
        ctx.last_quarter = (new_quarter, start)
    if words is not None:
        found.append(make_expression(start + span_start, start + span_end, words, type_, value, mod, anchor))
        if last is not None and not _of_writers_days(ctx, story, anchor, last) \
                and not _planned(ctx, story, start + span_start, start + span_end, last):
            ctx.last = last
            if anchor == "explicit" or (story is not None and anchor == "relative"):
                year = last[0].year
                weight = _story_weight(text, start + span_start, start + span_end, last[1])
                # A date counted within the story ("the next month", "in January") carries it on.
                same = anchor == "relative" or (ctx.story and ctx.story[0] == year)
                ctx.story_mentions = weight + (ctx.story_mentions if same else 0)
                ctx.story = (year, start)
    return start + advance


# A match may run this many characters (far longer than any expression); normalisers read at most
# CONTEXT_REACH characters on either side of it (tense cues, the word before a year, "ended Sept. 30"
# after "the quarter").  What the tagger does at a place therefore depends only on that window of
# text and on what it remembers (the last date, the quarter spoken of), so a phrase met again in
# the same surroundings is worked out once.
MATCH_REACH = 200
CONTEXT_REACH = 120
_MEMO_SIZE = 4096
_NOTHING = ()


def _step(ctx: Context, cls: str, start: int, limit: int, story: int | None = None):
    """What the tagger finds at ``start`` (a tuple of the expression's parts, relative to ``start``), and
    whether it can be replayed elsewhere.

    The step is ``_NOTHING`` when no rule matches or all refuse.  It is not
    replayable when a refusing normaliser left a side effect, or one that
    is not tied to ``start``.
    """
    text = ctx.text
    match = (_MASTERS.get(cls) or _master(cls)).match(text, start, limit)
    if match is None:
        return _NOTHING, True
    before = ctx.last_quarter
    index = int(match.lastgroup[1:])
    end = match.end()
    result = _apply(ctx, index, match, start, end, story)
    while result is None:
        # The first rule that matched refused: give the rules after it a chance here.
        match = _later_match(cls, index, text, start, limit)
        if match is None:
            break
        index = int(match.lastgroup[1:])
        end = match.end()
        result = _apply(ctx, index, match, start, end, story)
    new_quarter = None
    replayable = True
    if ctx.last_quarter is not before:
        new_quarter = ctx.last_quarter[0]
        replayable = ctx.last_quarter[1] == start and result is not None
    if result is None:
        return _NOTHING, replayable
    span_start = result.start if result.start is not None else start
    span_end = result.end if result.end is not None else end
    while span_end > span_start and text[span_end - 1] in " \t\n,":
        span_end -= 1
    words = text[span_start:span_end] if span_end > span_start else None
    return (span_start - start, span_end - start, words, result.type, result.value, result.mod, result.anchor,
            max(end, start + 1) - start, _remembered(result), new_quarter if replayable else None), replayable
