"""The procedures value templates call (``{@calendar(month)}``, ``{@count(offset)}``, ``{@units}``,
...), the tables their fields look words up in, and ``counted``, the field that counts units from an
anchor ({dct.year-1}): how relative dates, weekdays, quarters, durations are resolved.  The procedures are
at the end of the module; the helpers before them are the engine's."""

from __future__ import annotations

import datetime as dt
import re

from . import calendar_math as cal
from .values import SEASON_CODES, format_duration, format_value, joined_durations, season_months, season_of, unknown_value
from .vocabulary import (AMBIGUOUS_MONTHS, APPROX_MODS, EDGE_MODS, HOLIDAYS, LANGUAGE, MONTHS, MULTIPLIERS, NUMBERS,
                         ORDINAL_WORDS, ORDINALS, PARTS_OF_DAY, SEASONS, SET_WORDS, UNIT_PLURALS, UNITS, WEEKDAYS,
                         YEAR_CUES)
from .context import (Context, Found, FOLLOW_DAYS, FOLLOW_REACH, FOLLOW_REACH_SENTENCE, RETURN_REACH, STORY_TURN,
                      context_pattern, STORY_REACH_NEWS as STORY_REACH_FRAME,
                      NEAR_DAYS, NEAR_REACH, context_text, role_words)
from .rules import MACROS
from .lexicon import alternatives
from .tense import REPORTING_VERB, direction

_DIGITS = re.compile(r"\d+")
_SENTENCE_END_BEFORE = re.compile(r"[.!?:]\W*$")
_BRACKET_BEFORE = re.compile(r"[(\[]\s*$")


BACK, AHEAD, PRESENT, STEP = role_words("back"), role_words("ahead"), role_words("present"), role_words("step")
ANAPHORIC, DEMONSTRATIVE, NEXT_OF_STORY = role_words("anaphoric"), role_words("demonstrative"), role_words("next_of_story")
YEAR_STEP = role_words("year_step")
# Word roles the procedures read, bound once at load.
_W_YEAR_PARTS = role_words("year_parts")
_W_YEAR_PART = role_words("year_part")
_W_YEAR_KINDS = role_words("year_kind")
_W_YEAR_WORD = re.compile(r"\b(?:%s)\b" % alternatives(role_words("year_word")), re.IGNORECASE)
_W_YEAR_BEFORE = role_words("year_before")
_W_LATEST = role_words("latest")
_W_OFFSET_BACK = role_words("offset_back")
_W_OFFSET_OF_STORY = role_words("offset_of_story")
_W_OFFSET_LATER = role_words("offset_later")
_W_OFFSET_FROM_NOW = role_words("offset_from_now")
_W_PERIOD_NOUN = role_words("period_noun")
_W_ANAPHORIC_WEEKDAY = role_words("anaphoric_weekday")
_W_ANAPHORIC_MONTH = role_words("anaphoric_month")
# "the next March" counts from the time the text has reached, as "the following March" does ("next March", from the DCT).
_ANAPHORIC_AFTER_THE = frozenset(LANGUAGE.cues["anaphoric_after_the"])
_W_LAST_NOT_PREVIOUS = role_words("last_not_previous_month")
_W_DAY_STEP = role_words("day_step")
_W_CLOCK_WORD = role_words("clock_word")


NEAR_DAYS_AHEAD = 2  # with no tense cue, a weekday at most this many days after the DCT is the coming one
NEAR_MONTHS_AHEAD = 4  # with no tense cue, a bare month at most this far past the DCT's is the coming one (the nearest)
PAIR_DAYS = 3  # a weekday paired with one before it ("Friday and Monday") follows it when at most this many days on
NEAREST_PAST_LEAN = 30  # days added to the distance of a future date when no tense cue decides


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
        if parts[1] in MULTIPLIERS:
            return NUMBERS[parts[0]] * NUMBERS[parts[1]]  # "two hundred"
        return NUMBERS[parts[0]] + NUMBERS[parts[1]]
    return None


def _unit(word: str) -> tuple[str, int, str]:
    word = word.lower()
    return UNITS[UNIT_PLURALS.get(word, word)]


def _month(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _weekday(word: str) -> int:
    word = word.lower()
    return WEEKDAYS[word] if word in WEEKDAYS else LANGUAGE.weekday_plurals[word]  # "Tuesdays"


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
            return Found(type_, unknown_value(granularity), mod, "unresolved")
        day = ctx.dct
    else:
        day = base[0]
    try:
        day = cal.shift(day, granularity, amount)
    except (OverflowError, ValueError):
        return Found(type_, unknown_value(granularity), mod, "unresolved")
    return Found(type_, format_value(day, granularity), mod, "relative")


def counted(ctx: Context, anchors: tuple, unit: str, amount: int, position: int = 0) -> Found:
    """The field {dct.UNIT+N} (or {dct/story.UNIT+N}...) of a template at ``position``: counted from the
    first of ``anchors`` the text has (a DCT, a date spoken of; the story always), else from the last of them."""
    for anchor in anchors[:-1]:
        if anchor == "dct" and "story" in anchors and _entry_of_line(ctx, (position, position)) is not None:
            continue  # "2013 January - ... By the end of the month": of the entry's month, not the DCT's
        if anchor in ("story", "near") or (anchor == "dct" and ctx.dct is not None) \
                or (anchor == "last" and ctx.last is not None):
            return _counted_from(ctx, anchor, unit, amount, position)
    return _counted_from(ctx, anchors[-1], unit, amount, position)


def _last_other_than_dct(ctx: Context) -> bool:
    """Whether the date last spoken of is a month or a year, and another than the DCT's."""
    return ctx.last is not None and ctx.last[1] in _DAY_UNKNOWN_IN and ctx.dct is not None \
        and format_value(ctx.dct, ctx.last[1]) != format_value(ctx.last[0], ctx.last[1])


def _day_of_last(ctx: Context, remember: bool = True) -> Found:
    """A day of the month (or year) last spoken of, which the text does not give ("2013-07-XX")."""
    return Found("DATE", format_value(ctx.last[0], ctx.last[1]) + _DAY_UNKNOWN_IN[ctx.last[1]], anchor="relative",
                 remember=remember)


def _counted_from(ctx: Context, anchor: str, unit: str, amount: int, position: int = 0) -> Found:
    """The field {dct.UNIT+N}, {story.UNIT+N}, {near.UNIT+N} or {last.UNIT+N} of a template: the ``unit``
    ``amount`` units away from the DCT (in a story, the story's date); for ``story`` from the date last
    spoken of when it is known to the unit ("the next morning" after "on 4 May"), else from the DCT; for
    ``near`` as ``story`` where the text tells a story or that date is named a short way back in the same
    sentence, else from the day of the chronology entry it is in, else from the DCT; for ``last`` from the
    date last spoken of, not placed in time when there is none ("August of that year")."""
    base = None
    if anchor == "near" and unit == "day" and _last_other_than_dct(ctx) and _named_just_before(ctx, position):
        # "In 2003, at 5:34 a.m.": a day of the year (or month) just named, which the text does not give; not the DCT's.
        return _day_of_last(ctx)
    if anchor == "dct" and unit == "day" and ctx.near_entry is not None and (not ctx.in_story or ctx.dct is None):
        # "Sunday, January 19 / 11:50 p.m. -- That's all from us tonight": the writer's day of an entry is its own
        # (in a text with no date of its own, a post's stamp gives the only writer's day there is).
        return _resolved(ctx, unit, amount, base=(ctx.near_entry, "day"))
    if anchor == "near" and unit == "day" and not ctx.in_story and _opens_entry(ctx.text, position):
        # A live blog's post opens with its time ("6:05 a.m. -- Aid trucks entered Gaza on Sunday"): the time is of
        # the day heading the posts above it, however many there are, else of the writer's day; never of a date an
        # earlier post named.
        heading = ctx.entry_day is not None and ctx.entry_day[2]
        return _resolved(ctx, unit, amount, base=(ctx.entry_day[0], "day") if heading else None)
    if anchor in ("story", "near") and ctx.last is not None and not cal.finer(unit, ctx.last[1]) \
            and (anchor == "story" or _last_date_near(ctx, position)):
        base = ctx.last
    elif anchor == "story" and unit == "day" and abs(amount) == 1 and _last_other_than_dct(ctx):
        # "In July 2013 ... the next morning": a day of the month (or year) last named, not the day after the DCT.
        return _day_of_last(ctx)
    elif anchor == "near" and ctx.near_entry is not None:
        base = (ctx.near_entry, "day")  # "March 23, 2022 / 8:15 a.m. Explosions in Kyiv": the entry's day
    elif anchor == "last":
        if ctx.last is None:
            return Found("DATE", unknown_value(unit), anchor="unresolved")
        base = ctx.last
    return _resolved(ctx, unit, amount, base=base)


def _opens_entry(text: str, position: int) -> bool:
    """Whether an expression at ``position`` opens its line, perhaps after a list's mark."""
    return bool(_ENTRY_BEFORE.search(text[max(0, position - 12):position]))


def _last_date_near(ctx: Context, position: int) -> bool:
    """Whether the date last spoken of gives its day to an expression at ``position`` that names none
    ("at 6 a.m."): always in a story and after a day far from the DCT's ("on 31 January 1968"); after a
    day of the writer's weeks only when it is named at most NEAR_REACH characters back in the same sentence
    ("On Tuesday rebels attacked at 6 a.m."), for news otherwise speaks of its writer's day ("The polls
    close at 1500 GMT" paragraphs after "on Thursday")."""
    if ctx.in_story or not ctx.dct_plausible or ctx.dct is None or abs((ctx.last[0] - ctx.dct).days) > NEAR_DAYS:
        return True
    return _named_just_before(ctx, position)


def _named_just_before(ctx: Context, position: int) -> bool:
    """Whether the date last spoken of ends at most NEAR_REACH characters before ``position``, in its sentence,
    with no verb of reporting between: "The vote will take place on Feb. 23, the chairman said at a news
    conference at 2:40 a.m." tells the report's own time, not the vote's day."""
    if ctx.last_at is None or not 0 <= position - ctx.last_at <= NEAR_REACH:
        return False
    if REPORTING_VERB.search(ctx.text, ctx.last_at, position):
        return False
    from ..sentences import split_sentences  # imported here: timeline.sentences imports this package
    # One character of the expression itself, so that a break just before it leaves a sentence after it.
    return len(split_sentences(ctx.text, ctx.last_at, position + 1)) <= 1


# Procedures: what a value template cannot say by itself (see templates.py and rules.tsv).  Each
# reads the groups of the match (and the arguments the template gives it) and returns a Found, a
# piece of a value, "" for a condition met, or None when the alternative does not apply.  They are
# few and general; the first argument of most names the kind of thing computed ({@calendar(month)}).
PROCEDURES: dict = {}


def procedure(function):
    """Make ``function`` a procedure templates call by its name (``{@calendar(month)}``)."""
    PROCEDURES[function.__name__] = function
    return function


def _kinds(kinds: dict, what: str):
    """The check of a procedure's first argument: one of ``kinds``."""
    def check(kind: str, *rest) -> str | None:
        return None if kind in kinds else f"no {what} {kind!r} (there are {', '.join(kinds)})"
    return check


_VERB_AFTER_MAY = context_pattern("verb_after_may")


def _day_of_month(ctx: Context, g: dict, span) -> Found | None:
    """A day of a month (groups month, day, year, ofdir): of the year named, else the nearest one."""
    if g["month"] in LANGUAGE.ambiguous_months and not g.get("year") and _VERB_AFTER_MAY.match(ctx.text, span[1], span[1] + 40):
        return None
    return _date(ctx, g, span)


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
    entry = _entry_day(ctx, span, month, day)
    if entry is not None:
        return Found("DATE", entry.isoformat(), anchor="relative")
    if ctx.dct is None:
        return Found("DATE", f"XXXX-{month:02d}-{day:02d}", anchor="unresolved")
    if g.get("ofdir"):
        # "June 21 last year": the year is named relative to the DCT's
        year = ctx.dct.year + YEAR_STEP.get(g["ofdir"].lower(), 0)
        return Found("DATE", _safe_date(year, month, day).isoformat(), anchor="relative")
    if (anniversary := _ANNIVERSARY_BEFORE.search(ctx.text, max(0, span[0] - 40), span[0])) is not None \
            and (years := _ordinal(anniversary.group(1))) > 0:
        # "the sixth anniversary of the Sept. 11 attacks": that many years before the day's occurrence nearest the DCT
        nearest = min((_safe_date(ctx.dct.year + k, month, day) for k in (-1, 0, 1)), key=lambda d: abs(d - ctx.dct))
        return Found("DATE", _safe_date(nearest.year - years, month, day).isoformat(), anchor="relative")
    last = ctx.last
    if last is not None and last[1] == "day" and (last[0].month, last[0].day) == (month, day) \
            and ctx.last_at is not None and _DAY_APPOSITION.fullmatch(ctx.text, ctx.last_at, span[0]):
        # The day just counted, said again: "stabbed to death five days earlier, on June 12".
        return Found("DATE", last[0].isoformat(), anchor="relative")
    if not ctx.narrative and (year := _written_before(ctx, span, month, day)) is not None:
        return Found("DATE", _safe_date(year, month, day).isoformat(), anchor="relative")
    if ctx.narrative and (ctx.dct_granularity == "year" or _safe_date(ctx.dct.year, month, day) < ctx.dct) \
            and _written_next_year(ctx, month, day):
        # A story in the year before a day the text wrote with its year comes to that day or one a few days from
        # it, when it has reached only the year ("began on 24 June 1812 ... Throughout 1811 both sides prepared for
        # war. / ... crossed the Neman on the night of 23-24 June") or the day would lie behind it ("On 10 April
        # 1998 ... Sinn Féin entered the talks in September. Mitchell set 9 April as the deadline").
        return Found("DATE", _safe_date(ctx.dct.year + 1, month, day).isoformat(), anchor="relative")
    followed = (_following_day(ctx, span, month, day) or _day_after_look_ahead(ctx, span, month, day)
                or _coordinated_day(ctx, span, month, day))
    if followed is not None:
        return Found("DATE", followed.isoformat(), anchor="relative")
    nearest = _nearest_in_year(ctx, span, month, day)
    if g.get("weekday") and nearest.isoweekday() != _weekday(g["weekday"]):
        # "Saturday 13 July" is of the year next to the one the tense or the story points to when its 13 July is
        # a Saturday and this one's is not (the weekday is written to be checked); in news, on the same side of
        # the DCT as the tense put it.
        behind = nearest <= ctx.dct
        fits = [year for year in (nearest.year - 1, nearest.year + 1)
                if _safe_date(year, month, day).isoweekday() == _weekday(g["weekday"])
                and (ctx.narrative or (_safe_date(year, month, day) <= ctx.dct) == behind)]
        if len(fits) == 1:
            nearest = _safe_date(fits[0], month, day)
        # Else a year the text wrote whose date has that weekday; not in a story, whose year says more ("Tuesday
        # 30 January" 1649 is a Tuesday of the Julian calendar).
        elif not fits and not ctx.narrative \
                and (named := _named_year_of_weekday(ctx, month, day, _weekday(g["weekday"]))) is not None:
            nearest = _safe_date(named, month, day)
    return Found("DATE", nearest.isoformat(), anchor="relative")


# Days from a day written with its year within which a yearless one is near it (see _written_next_year).
WRITTEN_NEAR_DAYS = 7


_ANNIVERSARY_BEFORE = context_pattern("anniversary_before")
def _ordinal(word: str) -> int:
    """The value of an ordinal written as a word of ordinals.tsv or in figures ("10th"), else 0."""
    figures = _ORDINAL_FIGURES.fullmatch(word)
    return int(figures.group(1)) if figures else LANGUAGE.ordinals.get(word.lower(), 0)


_ORDINAL_FIGURES = context_pattern("ordinal_figures")
_DAY_APPOSITION = context_pattern("day_apposition")


def _written_next_year(ctx: Context, month: int, day: int) -> bool:
    """Whether the text wrote, with the year after the story's (``ctx.dct`` in a story), a day at most
    WRITTEN_NEAR_DAYS from ``month``/``day`` of that year."""
    ctx.read_far = True
    year = ctx.dct.year + 1
    target = _safe_date(year, month, day)
    for shift in range(-WRITTEN_NEAR_DAYS, WRITTEN_NEAR_DAYS + 1):
        near = target + dt.timedelta(days=shift)
        if near.year == year and ctx.written_days.get((near.month, near.day)) == year:
            return True
    return False


def _named_year_of_weekday(ctx: Context, month: int, day: int, weekday: int) -> int | None:
    """ "The events of February 2014 ... On Tuesday 18 February clashes broke out" in an article of 2024: of the
    years the text wrote before, the one last written whose day of that date is the weekday written with it."""
    ctx.read_far = True
    for year in sorted(ctx.years_named, key=ctx.years_named.get, reverse=True):
        date = _safe_date(year, month, day)
        if date.day == day and date.isoweekday() == weekday:
            return year
    return None


_ENTRY_BEFORE, _ENTRY_AFTER = context_pattern("entry_before"), context_pattern("entry_after")
_STAMP_BEFORE, _STAMP_AFTER = context_pattern("stamp_before"), context_pattern("stamp_after")
_CHAT_STAMP_AFTER = context_pattern("chat_stamp_after")


def is_entry_date(text: str, start: int, end: int) -> bool:
    """Whether the date at ``start``-``end`` opens an entry of a chronology: it opens its line and ends it, or
    stands before a colon or a dash ("Oct. 23 - Libya declares the liberation of the nation"), or it is a post's
    or a chat message's stamp."""
    before = text[max(0, start - 12):start]
    if (start < 12 or "\n" in before) and _ENTRY_BEFORE.search(before) \
            and (_ENTRY_AFTER.match(text, end) or _CHAT_STAMP_AFTER.match(text, end)):
        return True
    # A post's stamp heads the post as a date on a line of its own does: "KhersonFront, [12.11.2024 08:14]".
    return text.startswith("[", start - 1) and is_stamp_end(text, end) \
        and bool(_STAMP_BEFORE.search(text, max(0, start - 48), start))


def is_stamp_end(text: str, end: int) -> bool:
    """Whether what follows a date ending at ``end`` closes a post's stamp: its clock time and bracket (" 08:14]")."""
    return bool(_STAMP_AFTER.match(text, end))


def _entry_day(ctx: Context, span, month: int, day: int) -> dt.date | None:
    """ "Oct. 20, 2011 - Gaddafi is captured ... Oct. 23 - Libya declares ...": the date of an entry of a chronology,
    written without its year, is the one nearest the date of the entry before it, whichever way the list runs,
    not the one nearest the DCT (a year after the list began)."""
    if ctx.section_year is not None and is_entry_date(ctx.text, *span):
        return _safe_date(ctx.section_year, month, day)  # "1959 / 2 January – Luna 1 ...": of the heading's year
    before = ctx.last_entry
    if before is None or not is_entry_date(ctx.text, *span):
        return None
    return min((_safe_date(before.year + step, month, day) for step in (-1, 0, 1)), key=lambda d: abs((d - before).days))


_YEAR_FRAME_BEFORE, _YEAR_FRAME_AFTER = context_pattern("year_frame_before"), context_pattern("year_frame_after")
_RELATIVE_YEAR_FRAME = context_pattern("relative_year_frame")


def _year_framed(ctx: Context, span) -> bool:
    """Whether the date last named is a year of the past that opens its sentence as a frame ("In 1994, ...",
    "Last year, ..."), a short way before ``span`` in the same paragraph."""
    last, story, end = ctx.last, ctx.story, ctx.last_at
    if last is None or last[1] != "year" or end is None or ctx.dct is None or last[0].year >= ctx.dct.year \
            or not 0 <= span[0] - end <= STORY_REACH_FRAME or "\n\n" in ctx.text[end:span[0]] \
            or _YEAR_FRAME_AFTER.match(ctx.text, end) is None:
        return False
    if story is not None and story[0] == last[0].year \
            and _YEAR_FRAME_BEFORE.search(ctx.text, max(0, story[1] - 12), story[1]) is not None:
        return True
    return _RELATIVE_YEAR_FRAME.search(ctx.text, max(0, end - 30), end) is not None


# A past year a colon follows, which frames the days its sentence goes on to list: "had two coups in 2022: Damiba
# ousted Kabore on January 24, and Traore ousted Damiba on September 30".
# (No further back than the tagger's CONTEXT_REACH: a step is replayed where the text around it is the same.)
COLON_FRAME_REACH = 120
_YEAR_COLON = re.compile(r"(?<![0-9])(1[5-9][0-9]{2}|20[0-9]{2})[ \t]*:[ \t]")


def _colon_year_before(ctx: Context, position: int) -> int | None:
    """The year of such a frame earlier in the sentence of ``position`` (COLON_FRAME_REACH characters back at most)."""
    low = max(0, position - COLON_FRAME_REACH)
    framed = None
    for framed in _YEAR_COLON.finditer(ctx.text, low, position):
        pass
    if framed is None or _SENTENCE_BREAK.search(ctx.text, framed.end(), position):
        return None
    year = int(framed.group(1))
    return year if ctx.dct is not None and year < ctx.dct.year else None


def _entry_of_line(ctx: Context, span) -> dt.date | None:
    """The date of the chronology's entry whose line ``span`` is on, when it is the date last named and of another
    year than the DCT's ("2013 January - France sends troops ... In August, Keita wins")."""
    last, story = ctx.last, ctx.story
    if last is None or story is None or ctx.last_entry != last[0] or story[0] != last[0].year \
            or ctx.dct is None or last[0].year == ctx.dct.year or span[0] < story[1]:
        return None
    return last[0] if "\n" not in ctx.text[story[1]:span[0]] else None


def _following_day(ctx: Context, span, month: int, day: int) -> dt.date | None:
    """ "On March 3, 2014, rebels attacked. On March 5, the army responded.": a day without its year
    shortly after a day dated in another year than the DCT's, and soon after that day, is of its year; so is
    one shortly after a month so dated, in that month or soon after it ("In September 2004 militants seized a
    school; the siege ended on 3 September"), or written on the line of a chronology's entry so dated ("2012 March -
    Soldiers overthrow Toure ... and on 6 April declare the state of Azawad"), unless its clause looks ahead ("will
    meet on 3 October")."""
    last, story = ctx.last, ctx.story
    if (year := _colon_year_before(ctx, span[0])) is not None and direction(ctx, *span, default=0, yearly=True) <= 0:
        return _safe_date(year, month, day)
    if _year_framed(ctx, span):
        # "In 1994, the relationship collapsed. On the evening of 6 April, a plane was shot down": a year that opens
        # its sentence as the frame of what follows holds for the days of its paragraph, unless they look ahead.
        return None if direction(ctx, *span, default=0, yearly=True) > 0 else _safe_date(last[0].year, month, day)
    if last is None or story is None or last[1] not in ("day", "month") or story[0] != last[0].year \
            or last[0].year == ctx.dct.year:
        return None
    if _entry_of_line(ctx, span) is None and (not 0 <= span[0] - story[1] <= FOLLOW_REACH
                         or str(last[0].year) not in ctx.text[max(0, span[0] - FOLLOW_REACH):span[0]]) \
            and not _dated_in_sentence(ctx, span, story, last[0].year) \
            and not _day_of_month_told(ctx, span, story, last, month):
        return None  # the day must be dated by a year written in the text (or its entry's), not counted within a story
    if last[1] == "month" and last[0].year > ctx.dct.year:
        return None  # a month of the years ahead is a plan, whose days are told of no story
    if direction(ctx, *span, default=0, yearly=True) > 0:
        if _FUTURE_IN_PAST.search(ctx.text, story[1], span[0]) and not _SENTENCE_BREAK.search(ctx.text, story[1], span[0]):
            # Ahead of the day its sentence told, not of the DCT: "announced on April 14, 2021 that U.S. forces would
            # leave by Sept. 11" (the first such day after it).
            first = _safe_date(last[0].year, month, day)
            return first if first > last[0] else _safe_date(last[0].year + 1, month, day)
        return None  # "The war began on October 7, 2023. On October 7, Israelis will mark ...": ahead
    after = _soon_after(last[0], month, day)
    if after is None and not _SENTENCE_BREAK.search(ctx.text, story[1], span[0]):
        # In its sentence, a day soon before it too: "invaded in October 2001, weeks after the Sept. 11 attacks".
        return _soon_before(last, month, day)
    return after


_MONTH_FRAME_BEFORE = context_pattern("month_frame_before")
# A future seen from a past ("would leave", "was to leave"): ahead of the day told, not of the DCT.
_FUTURE_IN_PAST = context_pattern("future_in_past")


def _day_of_month_told(ctx: Context, span, story: tuple[int, int], last: tuple[dt.date, str], month: int) -> bool:
    """Whether the story's date is a month written with its year at most FOLLOW_REACH_SENTENCE characters back, and
    ``month`` that month: "In March 2015, Houthi rebels were advancing on Aden, where Hadi had taken refuge. On 26
    March, Saudi jets struck"."""
    # (the month a time the text goes to, "in March 2015", not a thing's: "the August 1988 cease-fire")
    return last[1] == "month" and last[0].month == month and _year_written_since(ctx, span, story, last[0].year) \
        and _MONTH_FRAME_BEFORE.search(ctx.text, max(0, story[1] - 6), story[1]) is not None


def _dated_in_sentence(ctx: Context, span, story: tuple[int, int], year: int) -> bool:
    """Whether the story's date, with ``year`` written, is at most FOLLOW_REACH_SENTENCE characters back in the
    sentence of ``span``."""
    return _year_written_since(ctx, span, story, year) and not _SENTENCE_BREAK.search(ctx.text, story[1], span[0])


def _year_written_since(ctx: Context, span, story: tuple[int, int], year: int) -> bool:
    """Whether the story's date is at most FOLLOW_REACH_SENTENCE characters before ``span`` and ``year`` is written
    from it on (the text read that far back: its step is not replayed elsewhere)."""
    if not 0 <= span[0] - story[1] <= FOLLOW_REACH_SENTENCE:
        return False
    ctx.read_far = True
    return str(year) in ctx.text[story[1]:span[0]]


_RANGE_LINK = context_pattern("range_link")
_MONTH_WORDS = {number: re.compile(r"(?i)\b(?:%s)\b" % alternatives(word for word, n in MONTHS.items() if n == number))
                for number in set(MONTHS.values())}


def _coordinated_day(ctx: Context, span, month: int, day: int) -> dt.date | None:
    """ "installed one bishop on April 30 and another on May 3": a day without its year, whose clause has no
    tense cue of its own, soon after a day written earlier in its sentence is of the year that puts it soon
    after that day."""
    last = ctx.last
    if last is None or last[1] != "day" or ctx.narrative:
        return None
    before = ctx.text[_sentence_start(ctx.text, span[0], FOLLOW_REACH):span[0]]
    months_written = list(_MONTH_WORDS[last[0].month].finditer(before))  # the last one is the day's month
    day_written = months_written and re.compile(r"\W{0,2}0?%d(?![0-9])" % last[0].day).match(
        before, months_written[-1].end())
    if not day_written:
        return None
    if not _RANGE_LINK.fullmatch(before, day_written.end()) and direction(ctx, *span, default=0, yearly=True):
        return None  # a tense cue of its own clause decides, unless the day ends a range ("from May 3 to June 2")
    for year in (last[0].year, last[0].year + 1):  # "from December 20 to January 5": into the next year
        candidate = _safe_date(year, month, day)
        if 0 < (candidate - last[0]).days <= FOLLOW_DAYS:
            return candidate
    return None


def _day_after_look_ahead(ctx: Context, span, month: int, day: int) -> dt.date | None:
    """ "On April 9 ... In November 2008, protesters staged a similar stomping. ... On April 15 the coalition
    declared": a day without its year soon after a year named far ahead of the story's day, and soon after that
    day, goes on from it; the look ahead was in passing."""
    before = ctx.day_before_look_ahead
    if before is None or not ctx.narrative or not 0 <= span[0] - before[1] <= RETURN_REACH:
        return None
    return _soon_after(before[0], month, day)


def _written_before(ctx: Context, span, month: int, day: int) -> int | None:
    """ "the war began on October 7, 2023 ... the October 7 attack": the year a day was written with earlier in
    the text, which a news text repeats without it; not where its clause looks ahead ("will mark October 7")."""
    year = ctx.written_days.get((month, day))
    ctx.read_far = True
    if year is None or direction(ctx, *span, default=0, yearly=True) > 0:
        return None
    return year


def _soon_after(day_told: dt.date, month: int, day: int) -> dt.date | None:
    """The day ``month``/``day`` in the year of ``day_told`` or the next ("December 28, 2013 ... on January 3"),
    when it is that day ("at 10 a.m. on 15 September" read with its clock time) or comes at most FOLLOW_DAYS
    after it."""
    for year in (day_told.year, day_told.year + 1):
        candidate = _safe_date(year, month, day)
        if 0 <= (candidate - day_told).days <= FOLLOW_DAYS:
            return candidate
    return None


# Where a sentence ends (not after an abbreviation: "in Oct. 2001").
_SENTENCE_BREAK = re.compile(r"[.!?]\s+(?=[A-Z\"“])|[;\n]")


def _soon_before(told: tuple[dt.date, str], month: int, day: int) -> dt.date | None:
    """The day ``month``/``day`` in the year of the date ``told`` or the one before, at most FOLLOW_DAYS before
    that date (the first day of a month told)."""
    for year in (told[0].year, told[0].year - 1):
        candidate = _safe_date(year, month, day)
        if 0 < (told[0] - candidate).days <= FOLLOW_DAYS:
            return candidate
    return None


_DAY_RANGE_BEFORE = context_pattern("day_range_before")


def _range_end_day(ctx: Context, g: dict, span) -> Found | None:
    """The last day of a range ("7" in "April 6-7", group day): a day of the month named before the first."""
    before = _DAY_RANGE_BEFORE.search(ctx.text[max(0, span[0] - 20):span[0]])
    if before is None:
        return None
    return _day_of_month(ctx, dict(g, month=before.group(1)), span)


def _range_start_day(ctx: Context, g: dict, span) -> Found | None:
    """The first day of a range whose last day alone has the year (groups month, day, month2, day2, year2: "from
    3 March to 5 April 2019"): of that year, or of the one before when the range runs into a new year ("from 20
    December to 5 January 2020")."""
    month, day = _month(g["month"]), int(_DIGITS.match(g["day"]).group())
    later = (_month(g["month2"]), int(_DIGITS.match(g["day2"]).group()))
    year = _year(g["year2"]) - ((month, day) > later)
    return _date(ctx, dict(g, year=f"{year:04d}"), span)


def _moves_on(ctx: Context, month: int) -> bool:
    """Whether, in a story, ``month`` without its year is of the year after the date the story has reached: more
    than STORY_TURN months before its month ("1 December 1941 ... 12 January"), unless a heading named the year
    ("1917 / ... in November the Bolsheviks seized power. Germany resumed submarine warfare on 1 February")."""
    return (ctx.narrative and ctx.dct_granularity != "year" and month < ctx.dct.month - STORY_TURN
            and ctx.section_year != ctx.dct.year)


def _looks_back_in_story(ctx: Context, span, month: int) -> bool:
    """Whether, in a story, ``month`` without its year is of the year before the date the story has reached: a
    later month in a clause in the pluperfect, after "in" or "on" ("In January 1940 ... a battle that had begun in
    early December ended on 8 January"; not "had left by mid-August", a deadline)."""
    return (ctx.narrative and ctx.dct_granularity in ("month", "day") and month > ctx.dct.month
            and _PLUPERFECT_MONTH_BEFORE.search(ctx.text, max(0, span[0] - FOLLOW_REACH), span[0]) is not None)


_PLUPERFECT_MONTH_BEFORE = context_pattern("pluperfect_month_before")


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
    if _moves_on(ctx, candidate.month):
        return date_in(year + 1)  # a story moves forward: "1 December 1941 ... 12 January" is of 1942
    if _looks_back_in_story(ctx, span, candidate.month):
        return date_in(year - 1)
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


_W_NUMERIC_ORDER = role_words("numeric_order")
_NUMERIC_DATE = re.compile(r"(?<![0-9])([0-9]{1,2})([./-])([0-9]{1,2})\2(?:1[5-9]|20)[0-9]{2}(?![0-9])")


def _numeric_order(ctx: Context, separator: str) -> str:
    """ "day" or "month": which comes first in the text's numeric dates written with ``separator``, as one
    of them shows by a number over 12 ("24.08.2013"), else one with another separator does, else as its dates
    in words have it, else as the separator mostly has it."""
    order = ctx.numeric_orders.get(separator)
    if order is None:
        shown = {}  # the order each separator's dates show ("25/02/2025" day first)
        for m in _NUMERIC_DATE.finditer(ctx.text):
            if int(m.group(1)) > 12 >= int(m.group(3)):
                shown.setdefault(m.group(2), "day")
            elif int(m.group(3)) > 12 >= int(m.group(1)):
                shown.setdefault(m.group(2), "month")
            if separator in shown:
                break
        # A text writes its numeric dates one way, whatever the mark between the numbers: "25/02/2025" above
        # "10-01-2025" is day first too; a text that shows both ways leaves the others to its words.
        order = shown.get(separator) or (next(iter(shown.values())) if len(set(shown.values())) == 1 else None)
        if order is None:
            # No number over 12: the order in which the text writes its dates in words ("8 October 2025" above a
            # table of "01/10/2025" rows), else the separator's.
            days_first = len(_DAY_MONTH_WORDS.findall(ctx.text))
            months_first = len(_MONTH_DAY_WORDS.findall(ctx.text))
            order = "day" if days_first > months_first else "month" if months_first > days_first \
                else _W_NUMERIC_ORDER.get(separator, "month")
        ctx.numeric_orders[separator] = order
    return order


_DAY_MONTH_WORDS = re.compile(r"\b%s\s+%s" % (MACROS["DAY"], MACROS["MONTHNAME"]))
_MONTH_DAY_WORDS = re.compile(r"%s\.?\s+%s" % (MACROS["MONTH"], MACROS["DAY"]))


@procedure
def numeric_date(ctx: Context, g: dict, span) -> Found | None:
    """ "24.08.2013", "6-09-2013" (groups first, sep, second, year): the day first or the month first, by
    the evidence of the numbers."""
    if g["_text"].count(g["sep"]) != 2:
        return None  # "6.09-2013": no date
    first, second = int(g["first"]), int(g["second"])
    if first > 12 or (second <= 12 and _numeric_order(ctx, g["sep"]) == "day"):
        first, second = second, first
    try:
        return Found("DATE", dt.date(int(g["year"]), first, second).isoformat())
    except ValueError:
        return None


# The months of a time after its first, by its granularity: the last month of a year, a quarter, a half.
_MONTHS_AFTER_FIRST = {"year": 11, "half": 5, "quarter": 2}


def _named_month(ctx: Context, g: dict, span) -> Found | None:
    """A month named without its year (groups month, dir, ofdir): the one the sentence points to."""
    month = _month(g["month"])
    if ctx.dct is None:
        return Found("DATE", f"XXXX-{month:02d}", anchor="unresolved")
    dir_word = (g.get("dir") or "").lower()
    year = ctx.dct.year
    ofdir = (g.get("ofdir") or "").lower()
    if ofdir:
        year += YEAR_STEP.get(ofdir, 0)
        return Found("DATE", f"{year:04d}-{month:02d}", anchor="relative")
    if (dir_word in _W_ANAPHORIC_MONTH or g.get("the") and dir_word in _ANAPHORIC_AFTER_THE) and ctx.last is not None:
        # "In 1917 the Bolsheviks seized power; the following March they signed": the March after the
        # date last named (after the end of a year named), not after the DCT; "that March" is of its year.
        first, granularity = ctx.last
        if dir_word not in AHEAD and dir_word not in BACK:
            year = first.year  # "in 1946 ... married that July": a month of the year last named
        elif dir_word in AHEAD:
            last_month = first.month + _MONTHS_AFTER_FIRST.get(granularity, 0)
            year = first.year if month > last_month else first.year + 1
        else:
            year = first.year if month < first.month else first.year - 1
        return Found("DATE", f"{year:04d}-{month:02d}", anchor="relative")
    if not dir_word and _year_framed(ctx, span) and direction(ctx, *span, default=0, yearly=True) <= 0:
        return Found("DATE", f"{ctx.last[0].year:04d}-{month:02d}", anchor="relative")  # "In 1994, ... In June"
    if not dir_word and ctx.last is not None and _LINE_END_AFTER.match(ctx.text, span[1]) \
            and _LINE_START_BEFORE.search(ctx.text, max(0, span[0] - 5), span[0]):
        # "A timeline of the war in 2024. / June / 5 June - ...": a month heading its section is of the year the
        # text has reached, not the one nearest the DCT.
        return Found("DATE", f"{ctx.last[0].year:04d}-{month:02d}", anchor="relative")
    if not dir_word and (entry := _entry_of_line(ctx, span)) is not None:
        # "2013 January - France sends troops ... In August, Keita wins": the entry's year, or the next
        year = entry.year + (month < entry.month)
        return Found("DATE", f"{year:04d}-{month:02d}", anchor="relative")
    if dir_word in BACK:
        year = year if month < ctx.dct.month else year - 1
        if dir_word in _W_LAST_NOT_PREVIOUS and ctx.dct_granularity != "year" and (ctx.dct.month - month) % 12 == 1:
            year -= 1
    elif dir_word in AHEAD:
        year = year if month > ctx.dct.month else year + 1
    elif ctx.narrative and _COMPARISON.search(ctx.text, _sentence_start(ctx.text, span[0], 60), span[0]) \
            and not _period_from(ctx, span):
        # "compared to the carnage of November": a month the story looks back to, which does not move it.
        start = _RANGE_START_BEFORE.search(ctx.text, max(0, span[0] - 30), span[0])
        if start is not None:
            # "from October to March": the end of a range lies after its start, which the story looks back to.
            first = _month(start.group(1) or start.group(2))
            year -= ctx.dct_granularity != "year" and first >= ctx.dct.month
            year += month <= first
            return Found("DATE", f"{year:04d}-{month:02d}", anchor="relative", remember=False)
        year -= ctx.dct_granularity != "year" and month >= ctx.dct.month
        return Found("DATE", f"{year:04d}-{month:02d}", anchor="relative", remember=False)
    elif ctx.narrative:
        # A story moves forward: a month before the one it has reached is of the next year.
        year += _moves_on(ctx, month) - _looks_back_in_story(ctx, span, month)
    elif dir_word in PRESENT:
        pass
    elif ctx.dct_granularity != "year":
        if (start := _RANGE_START_BEFORE.search(ctx.text, max(0, span[0] - 30), span[0])) is not None \
                and ctx.last is not None and ctx.last[1] == "month" \
                and ctx.last[0].month == _month(start.group(1) or start.group(2)):
            # "from June to September", "between December and June": the end of a range is the first such
            # month after its start.
            year = ctx.last[0].year + (month <= ctx.last[0].month)
            return Found("DATE", f"{year:04d}-{month:02d}", anchor="relative")
        sign = direction(ctx, *span, default=2, yearly=True)
        end = _RANGE_END_AFTER.match(ctx.text, span[1]) if sign < 0 else None
        if end is not None and _RANGE_OPENER_BEFORE.search(ctx.text, max(0, span[0] - 10), span[0]):
            # A range behind the DCT ("died between December and June" said in May) ends in the last such
            # month of the past; its start is the month before that end.
            last = _month(end.group(1))
            year -= last > ctx.dct.month
            year -= month > last
            return Found("DATE", f"{year:04d}-{month:02d}", anchor="relative")
        if sign == 2:
            # No cue: news mostly reports the past, but a later month of the year that is nearer ahead than behind
            # ("a NATO summit in July" said in April) is the coming one; an earlier month is this year's, past.
            year -= month > ctx.dct.month + NEAR_MONTHS_AHEAD
        elif sign == 0:
            # A deadline ("by August"), or an infinitive after a past verb: the nearest such month, the later on a tie.
            year = min((year - 1, year, year + 1),
                       key=lambda y: (abs((y - ctx.dct.year) * 12 + month - ctx.dct.month), -y))
        elif sign < 0 and month > ctx.dct.month:
            year -= 1
        elif sign > 0 and month < ctx.dct.month:
            year += 1
    return Found("DATE", f"{year:04d}-{month:02d}", anchor="relative")


_SENTENCE_END = re.compile(r"[.!?;:\n]")
_RANGE_START_BEFORE = context_pattern("range_start_before")
_RANGE_END_AFTER = context_pattern("range_end_after")
_RANGE_OPENER_BEFORE = context_pattern("range_opener_before")


def _sentence_start(text: str, position: int, reach: int) -> int:
    """Where the sentence (or clause after a colon or semicolon) around ``position`` starts, at most
    ``reach`` characters back."""
    low = max(0, position - reach)
    ends = [m.end() for m in _SENTENCE_END.finditer(text, low, position)]
    return ends[-1] if ends else low


def _month_not_in_name(ctx: Context, g: dict, span) -> str | None:
    """A month name alone that cannot be an ordinary word ("may") nor part of a name ("Ivy March"); a month
    that opens a line before a colon labels what follows ("March: Protests erupt in Daraa"), whatever its name."""
    low = max(0, span[0] - 25)
    before = ctx.text[low:span[0]]
    if _opens_line(ctx.text, low, span[0]):
        return "" if ctx.text.startswith(":", span[1]) or g["month"].capitalize() not in AMBIGUOUS_MONTHS else None
    if g["month"].capitalize() in AMBIGUOUS_MONTHS:
        return None
    previous = PREVIOUS_WORD.search(before)
    if previous and previous.group(1)[:1].isupper() and not _SENTENCE_END_BEFORE.search(before) \
            and not _opening_determiner(ctx.text, low + previous.start(1), span[1], previous.group(1)):
        return None
    return ""


_LINE_START = re.compile(r"(?:\A|\n)\s*\Z")


def _opens_line(text: str, low: int, start: int) -> bool:
    """Whether only spaces stand between ``start`` and the line break before it, looked for from ``low`` on."""
    line_break = text.rfind("\n", low, start)
    return not text[line_break + 1:start].strip() and (line_break >= 0 or low == 0)


_OF_AFTER = context_pattern("of_after")


def _opening_determiner(text: str, start: int, end: int, word: str) -> bool:
    """Whether the capitalised word before a month is a determiner that opens its sentence ("The March
    accession"): then it names nothing with the month, unless "of" follows ("The March of Dimes")."""
    if word.lower() not in _DETERMINERS or _OF_AFTER.match(text, end):
        return False
    before = text[max(0, start - 25):start]
    return bool(_SENTENCE_END_BEFORE.search(before) or _LINE_START.search(before))


_NOUN_AFTER = context_pattern("noun_after")
_OLD_YEAR_BEFORE = context_pattern("old_year_before")
_AMOUNT_AFTER = context_pattern("amount_after")
OLD_YEARS_BELOW = 1500  # a year before it needs more than any cue word to be one (contexts.tsv old_year_before)
PREVIOUS_WORD = re.compile(r"([\w'’-]+)\W{0,3}$")


_DETERMINERS = role_words("determiners")
_YEAR_AFTER, _POSSESSIVE_WORD = context_pattern("year_after"), context_pattern("possessive_word")
_YEAR_LIST_BEFORE = context_pattern("year_list_before")
_DETERMINER_ADJECTIVE_BEFORE = context_pattern("determiner_adjective_before")
_QUALIFIED_NOUN_AFTER = context_pattern("qualified_noun_after")


_LINE_START_BEFORE, _HEADING_AFTER, _LINE_END_AFTER = (context_pattern("line_start_before"), context_pattern("heading_after"),
                                                       context_pattern("line_end_after"))
_HEADING_LINE_AFTER = context_pattern("heading_line_after")


def heading_year(text: str, start: int, end: int) -> bool:
    """A year that heads a section ("1918" alone on its line, "2003: Invasion", "1968 Tet Offensive") or
    closes a heading's line ("Anaconda Plan and blockade, 1861")."""
    if _LINE_END_AFTER.match(text, end):
        return True
    return bool(_LINE_START_BEFORE.search(text[max(0, start - 5):start])
                and (_HEADING_AFTER.match(text, end) or _HEADING_LINE_AFTER.match(text, end)))


def _year_by_cue(ctx: Context, g: dict, span) -> Found | None:
    """A number is a year only in a context that makes it one: a cue word before ("in 1998"), words
    after it ("1998 was") or a heading (a possessive, "1998's", is one by its row)."""
    year = _year(g["year"])
    start, end = span
    text = ctx.text
    if year < OLD_YEARS_BELOW and (not _OLD_YEAR_BEFORE.search(text, max(0, start - 30), start)
                                   or _AMOUNT_AFTER.match(text, end)):
        return None  # "1400 injured", "1091 million dollars"; but "in 1453", "between 1260 and 1390"
    previous = PREVIOUS_WORD.search(text[max(0, start - 25):start])
    word = previous.group(1).lower() if previous else ""
    cue = word in YEAR_CUES or _POSSESSIVE_WORD.search(word) or _BRACKET_BEFORE.search(text[max(0, start - 2):start]) \
        or _YEAR_LIST_BEFORE.search(text, max(0, start - 8), start)  # "in 1994, 1995 and 1997"
    if not cue and (_YEAR_AFTER.match(text[end:end + 12]) or heading_year(text, start, end)):
        cue = True
    if not cue and 1900 <= year <= 2099 and _DETERMINER_ADJECTIVE_BEFORE.search(text, max(0, start - 40), start) \
            and _QUALIFIED_NOUN_AFTER.match(text, end) and not _NOUN_AFTER.match(text, end, end + 60):
        return Found("DATE", "")  # "his unsuccessful 1996 campaign", "the disputed 2000 election"
    if not cue:
        return None
    if _NOUN_AFTER.match(text, end, end + 60) and not (word in _DETERMINERS and 1900 <= year <= 2099):
        return None  # "1500 soldiers"; but "the 1992 protests" are of a year
    return Found("DATE", "")


_W_ERA = role_words("era")


def _range_end(first: int, written: str) -> int:
    """The last year of a range from ``first``: "1945" as written, "96" completed from ``first`` ("1995-96")."""
    if len(written) == 4:
        return int(written)
    end = first // 100 * 100 + int(written)
    return end + 100 if end <= first else end


_RANGE_START = re.compile(r"([0-9]{4})\s?[-–]\s?\Z")
RANGE_YEARS = 150  # the longest span of years "1939-1945" may cover to be read as a range ("1337–1453": 116)


def _year_range(first: int, written: str, ctx: Context, end: int) -> bool:
    """Whether "first-written" reads as a range of years, not two quantities ("1500-2000 soldiers")."""
    last = _range_end(first, written)
    return first < last <= first + RANGE_YEARS and not _NOUN_AFTER.match(ctx.text, end, end + 60)


_BRACKET_OPENS = re.compile(r"[(\[]\s*\Z")


def _old_range_placed(ctx: Context, first: int, start: int) -> bool:
    """Whether a range that starts with ``first`` at ``start`` may be of years: one of the Middle Ages only in
    brackets or after a preposition of time ("The Hundred Years' War (1337–1453)", "in 1415-20"), not where it
    may be an amount ("output rose 1100-1200")."""
    return first >= OLD_YEARS_BELOW or bool(_BRACKET_OPENS.search(ctx.text, max(0, start - 3), start)
                                            or _OLD_YEAR_BEFORE.search(ctx.text, max(0, start - 30), start))


def _range_start_year(ctx: Context, g: dict, span) -> Found | None:
    """The first year of a range ("1939" in "1939-1945", groups year, year2); the range makes it a year."""
    first = int(g["year"])
    second = _DIGITS.search(ctx.text, span[1])
    if second is None or not _year_range(first, g["year2"], ctx, second.end()) \
            or not _old_range_placed(ctx, first, span[0]):
        return None
    return Found("DATE", f"{first:04d}")


def _range_end_year(ctx: Context, g: dict, span) -> Found | None:
    """The last year of a range ("1945" in "1939-1945", "96" in "1995-96", group year)."""
    low = max(0, span[0] - 7)
    first = _RANGE_START.search(ctx.text[low:span[0]])
    if first is None or not _year_range(int(first.group(1)), g["year"], ctx, span[1]) \
            or not _old_range_placed(ctx, int(first.group(1)), low + first.start()):
        return None
    # The story goes on from the start of the range ("Exit of the Americans: 1973-1975", "the 1975-1976 dry season").
    return Found("DATE", f"{_range_end(int(first.group(1)), g['year']):04d}", remember=False)


@procedure
def followed_by(ctx: Context, g: dict, span, name: str, reach: str | None = None) -> str | None:
    """The context ``name`` of contexts.tsv matches right after the match (within ``reach`` characters)."""
    context = _CONTEXTS.get(name) or _CONTEXTS.setdefault(name, context_pattern(name))
    found = context.match(ctx.text, span[1]) if reach is None else context.match(ctx.text[span[1]:span[1] + int(reach)])
    return "" if found else None


followed_by.check_arguments = lambda name, reach="0": (
    None if name in LANGUAGE.contexts and reach.isdigit() else f"no context {name!r} in contexts.tsv, or reach {reach!r}")


@procedure
def around(ctx: Context, g: dict, span, name: str, reach: str) -> str | None:
    """The context ``name`` of contexts.tsv found within ``reach`` characters of the match, on either
    side or across it ("China Daily", "the Daily Telegraph" around "daily").

    A procedure for the reason of preceded_by."""
    context = _CONTEXTS.get(name) or _CONTEXTS.setdefault(name, context_pattern(name))
    return "" if context.search(ctx.text, max(0, span[0] - int(reach)), span[1] + int(reach)) else None


around.check_arguments = lambda name, reach: (
    None if name in LANGUAGE.contexts and reach.isdigit() else f"no context {name!r} in contexts.tsv, or reach {reach!r}")


@procedure
def told_as_past(ctx: Context, g: dict, span) -> str | None:
    """Nothing to add when the clause around the match tells of the past and no day is named for it ("the ceasefire
    took effect at midnight": the midnight that began the writer's day, not "after midnight"), else None.

    A procedure because the tense of a clause is read by the tense module, not by a pattern."""
    if ctx.dct is None or ctx.last is not None and _last_date_near(ctx, span[0]) \
            or _DAY_START_BEFORE.search(ctx.text, max(0, span[0] - 10), span[0]):
        return None  # a day named for it, or "after midnight" (00:00 of the day the clock gives)
    return "" if direction(ctx, *span, default=0) < 0 else None


@procedure
def preceded_by(ctx: Context, g: dict, span, name: str, reach: str) -> str | None:
    """The context ``name`` of contexts.tsv found in the ``reach`` characters before the match.

    A procedure because a regular expression looks back only a fixed number of characters, and the
    words before a match are not part of it."""
    context = _CONTEXTS.get(name) or _CONTEXTS.setdefault(name, context_pattern(name))
    return "" if context.search(ctx.text, max(0, span[0] - int(reach)), span[0]) else None


preceded_by.check_arguments = lambda name, reach: (
    None if name in LANGUAGE.contexts and reach.isdigit() else f"no context {name!r} in contexts.tsv, or reach {reach!r}")


@procedure
def saved_later(ctx: Context, g: dict, span) -> str | None:
    """Whether the text's date is not its writer's day (a history saved years later: its years are all far from
    the DCT, see Context.dct_plausible, and it has no other word of its writer's days) and the match is not
    quoted: "today" then says "nowadays" ("is often described today as the first world war"), a present time
    that the DCT does not date."""
    from .tagger import _in_quotation  # imported here: the tagger imports this module
    return "" if ctx.dct is not None and not ctx.dct_plausible and not ctx.writer_days \
        and not _in_quotation(ctx.text, span[0]) else None


@procedure
def quarter(ctx: Context, g: dict, span) -> Found | None:
    """A quarter or half by its ordinal (groups ord, part, year, qyear, det, qdir, ofdir, ofthat): of the year
    named (or last named: "of that year"), else of the quarter spoken of or the DCT's year; remembers a quarter
    reported on."""
    ordinal = ORDINALS[g["ord"].lower()]
    part = g["part"].lower()
    if ordinal > _W_YEAR_PARTS[part]:
        return None
    letter = _W_YEAR_PART[part]
    qdir = (g.get("qdir") or "").lower()
    det = (g.get("det") or "").lower()
    explicit = g.get("year") or g.get("qyear")
    if letter == "H" and not (explicit or g.get("ofdir") or g.get("ofdir2") or qdir in _W_YEAR_KINDS
                              or _W_YEAR_WORD.search(g["_text"])):
        return None  # "in the second half": of a match, a film or a year; only a word of the year makes it a date
    if explicit:
        year, anchor = _year(explicit), "explicit"
    elif g.get("ofthat") and ctx.last is not None:
        year, anchor = ctx.last[0].year, "relative"  # "in 2019 ... in the fourth quarter of that year"
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
        ctx.last_quarter = (dt.date(year, 3 * ordinal - 2, 1), span[0], "fiscal" in g["_text"].lower())
    return found


_PART_OF_LETTER = {letter.lower(): part for part, letter in _W_YEAR_PART.items()}


@procedure
def year_part_abbreviation(ctx: Context, g: dict, span) -> Found | None:
    """A quarter or half by its letter and number (groups letter, num, year): "Q3", "Q2 2025", "H1 2024"; a half
    only with its year ("H2" alone may be hydrogen)."""
    part = _PART_OF_LETTER.get(g["letter"].lower())
    if part is None or (part != "quarter" and not g.get("year")):
        return None
    ordinal = next((word for word, value in ORDINALS.items() if value == int(g["num"]) and word.isalpha()), None)
    return None if ordinal is None else quarter(ctx, dict(g, ord=ordinal, part=part), span)


@procedure
def months_of_year_part(ctx: Context, g: dict, span) -> Found | None:
    """A quarter or half named by its first and last months (groups month, month2, noun, and those of
    ``quarter``): "the July-September quarter", "the January-June period"; none for months that are no
    quarter or half ("the January-September period")."""
    first, last = _month(g["month"]), _month(g["month2"])
    for part, count in _W_YEAR_PARTS.items():
        length = 12 // int(count)
        if last - first == length - 1 and (first - 1) % length == 0:
            ordinal = next(word for word, value in ORDINALS.items() if value == (first - 1) // length + 1)
            # The months name the part of a year as "calendar" does ("the second calendar half").
            return quarter(ctx, dict(g, ord=ordinal, part=part, qdir=g.get("qdir") or "calendar"), span)
    return None


_SET_BESIDE = context_pattern("set_beside")
_ENDED = context_pattern("ended")


def _reported_quarter(ctx: Context, g: dict, span) -> Found | None:
    """ "the quarter (ended Sept. 30)", "the latest quarter": the quarter reported on.

    The quarter that ends on a named month; else one named in the last few
    sentences; else, in news, the last quarter completed before the DCT.
    """
    if ctx.dct is None:
        return Found("DATE", unknown_value("quarter"), anchor="unresolved")
    ended = _ENDED.match(ctx.text, span[1], span[1] + 60)
    latest = any(word in g["_text"].lower() for word in _W_LATEST)
    fiscal = ctx.recent_fiscal(span[0])
    if fiscal:
        # "the fiscal first quarter ... the quarter ended Sept. 29", "the latest period": the fiscal quarter
        # just named, whatever calendar quarter its last month falls in.
        day = ctx.recent_quarter(span[0])
    elif ended:
        month = _month(ended.group(1))
        year = ctx.dct.year - (1 if month > ctx.dct.month else 0)
        day = dt.date(year, month, 1)
    elif not latest and ctx.recent_quarter(span[0]) is not None:
        day = ctx.recent_quarter(span[0])
    else:
        day = cal.shift(ctx.dct, "quarter", -1)
    ctx.last_quarter = (dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1), span[0], fiscal)
    return Found("DATE", format_value(day, "quarter"), anchor="relative")


def _named_season(ctx: Context, g: dict, span) -> Found | None:
    """A season named without its year (groups season, dir, edge): the one the sentence points to (the
    rows refuse a season that is an event or part of a name)."""
    season = SEASONS[g["season"].lower()]
    dir_word = (g.get("dir") or "").lower()
    if dir_word in AHEAD and _ANAPHORIC_AHEAD and _THE_BEFORE.match(ctx.text, span[0] + len(g.get("edge") or "")):
        dir_word = _ANAPHORIC_AHEAD  # "Paris fell the next spring": the spring after the date last named, as "the next year"
    if dir_word in _W_ANAPHORIC_SEASON and ctx.last is not None:
        return _season_of_story(ctx.last, season, dir_word)
    if ctx.dct is None:
        return Found("DATE", f"XXXX-{season}", anchor="unresolved")
    held = None if dir_word else _MONTH_YEAR_AFTER.match(ctx.text, span[1])
    if held is not None and _month(held.group("month")) in season_months()[season]:
        # "the summer offensive ... in June 1942": the summer of that June
        return Found("DATE", f"{season_of(dt.date(int(held.group('year')), _month(held.group('month')), 1))[0]:04d}"
                             f"-{season}", anchor="relative")
    if ctx.dct_granularity == "year" or (ctx.narrative and not dir_word):
        # A story moves forward: a season all of whose months fall in the year and before the month it has reached by
        # more than STORY_TURN months is of the next year ("capitulated in mid-October. In the spring Frederick
        # invaded Bohemia").
        months = season_months()[season]
        later = not dir_word and months == tuple(sorted(months)) and _moves_on(ctx, months[0])
        return Found("DATE", f"{ctx.dct.year + later:04d}-{season}", anchor="relative")
    now, back, previous, following = _seasons_around(ctx.dct, season)
    if dir_word in PRESENT:
        # "this summer" is the summer of the DCT's year, whether it is behind or ahead; "this winter" said in
        # January is the winter the DCT is in, which began the December before.
        current = season_of(ctx.dct)
        year = current[0] if current is not None and current[1] == season else ctx.dct.year
        return Found("DATE", f"{year:04d}-{season}", anchor="relative")
    if dir_word in BACK:
        index = previous
    elif dir_word in AHEAD:
        index = following
    elif back == 0:
        index = now
    else:
        index = following if direction(ctx, *span) > 0 else previous
    return Found("DATE", f"{index // 4:04d}-{season}", anchor="relative")


_W_ANAPHORIC_SEASON = role_words("anaphoric")
_ANAPHORIC_AHEAD = next((word for word in _W_ANAPHORIC_SEASON if word in AHEAD), None)  # "following", if any
_THE_BEFORE = re.compile(r"(?i)(?:%s)\s" % alternatives(_DETERMINERS))  # "the next spring"


def _season_of_story(last: tuple[dt.date, str], season: str, dir_word: str) -> Found:
    """A season counted from the date the story has reached ("the following spring", "that summer"): the one
    after it, before it, or of its year. After a year named whole ("in 1943 ... the following spring"), the
    next is of the year after."""
    day, unit = last
    if unit not in ("day", "week", "weekend", "month", "season", "quarter", "half"):
        year = day.year + (1 if dir_word in AHEAD else -1 if dir_word in BACK else 0)
        return Found("DATE", f"{year:04d}-{season}", anchor="relative")
    if dir_word not in AHEAD and dir_word not in BACK:  # "that summer": of the story's year
        return Found("DATE", f"{day.year:04d}-{season}", anchor="relative")
    _, _, previous, following = _seasons_around(day, season)
    index = following if dir_word in AHEAD else previous
    return Found("DATE", f"{index // 4:04d}-{season}", anchor="relative")


def _seasons_around(day: dt.date, season: str) -> tuple[int, int, int, int]:
    """Seasons counted four a year in time order (spring, summer, fall of a year, then the winter that starts
    in it): the one ``day`` falls in, how many seasons back ``season`` last was (0: it is the current one),
    and the ``season`` strictly before and strictly after the current one."""
    year, current = season_of(day)
    now = 4 * year + SEASON_CODES.index(current)
    back = (now - SEASON_CODES.index(season)) % 4
    return now, back, now - (back or 4), now + ((4 - back) % 4 or 4)


_COMPARISON = context_pattern("comparison")
_PERIOD_FROM_BEFORE, _FIGURE_BEFORE = context_pattern("period_from_before"), context_pattern("figure_before")


def _period_from(ctx: Context, span) -> bool:
    """Whether a month at ``span`` starts the period of a happening ("besieged from late June"), no figure's point
    of comparison ("up to 40 from 30 in March") nor a range's start."""
    before = _PERIOD_FROM_BEFORE.search(ctx.text, max(0, span[0] - 30), span[0])
    return before is not None and not _FIGURE_BEFORE.search(ctx.text, max(0, before.start() - 40), before.start()) \
        and not _RANGE_END_AFTER.match(ctx.text, span[1])  # "from October to March": a range the story looks back on
_MONTH_YEAR_AFTER = context_pattern("month_year_after")


_YEAR_IN_APPOSITION = context_pattern("year_in_apposition")
_APPOSITION = re.compile(r",[ \t]*(?:(?:only|just|some|exactly|about|around|nearly|almost)[ \t]+)?")


def _offset(ctx: Context, g: dict, span) -> Found | None:
    """ "two days later", "a year ago" (groups num, unit, offset, approx): counted from the DCT, from
    the date of the story, or from the quarter spoken of.  Units without a number ("weeks later") are
    some of them, the past or the future."""
    amount = _number(g.get("num"))
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
    if amount is None:
        return Found("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", mod,
                     "relative" if ctx.dct else "unresolved")
    if granularity == "year" and amount * unit[1] != int(amount * unit[1]):
        granularity, amount = "month", amount * 12  # "a year and a half ago": 18 months back
    steps = int(round(amount * unit[1]))
    base = None
    if granularity == "year" and word in _W_OFFSET_OF_STORY \
            and (named := _YEAR_IN_APPOSITION.match(ctx.text, span[1])) is not None:
        # "began two years earlier, in 1754": the year written after the count is the year it reaches
        return Found("DATE", f"{int(named.group(1)):04d}", mod, "relative")
    comparison = _COMPARISON.search(ctx.text, max(0, span[0] - 30), span[0]) is not None
    if word in _W_OFFSET_OF_STORY and ctx.last is not None and not comparison \
            and (ctx.narrative or sign > 0 or not cal.finer(granularity, ctx.last[1])):
        # "two days later": counted from the date last mentioned; in a text of its own days, a look back only from
        # one known to the unit ("1.22 billion ringgit a day earlier" after "in January" is the day before the
        # writer's)
        base = ctx.last
        if ctx.previous_last is not None and _APPOSITION.fullmatch(ctx.text, ctx.last_at, span[0]):
            # "closed on 25 April 2014, about eight months later": the count says again the date just named,
            # from the one before it
            base = ctx.previous_last
            ctx.read_far = True
        elif ctx.last_names_thing and ctx.previous_last is not None and cal.finer(granularity, ctx.last[1]) \
                and not cal.finer(granularity, ctx.previous_last[1]):
            # "On 17 September Saddam declared the 1975 agreement void. Five days later": the year names a thing;
            # the count is from the day before it
            base = ctx.previous_last
            ctx.read_far = True
    elif word in _W_OFFSET_FROM_NOW and ctx.near_entry is not None and cal.finer(granularity, "month") \
            and (not ctx.in_story or ctx.dct is None):
        base = (ctx.near_entry, "day")  # "two days ago" in a post of a live blog or a channel: from the post's day
    quarter = ctx.recent_quarter(span[0])
    if granularity == "year" and steps == 1 and quarter is not None and word not in _W_OFFSET_LATER:
        # "up from $3 million a year earlier", after a quarter's results: the same quarter a year before ("20
        # years ago" is a year)
        found = _resolved(ctx, "quarter", 4 * sign * steps, base=(quarter, "quarter"), mod=mod)
        found.remember = False  # a comparison with the quarter reported on, not a new date in the story
    else:
        found = _resolved(ctx, granularity, sign * steps, base=base, mod=mod)
        # A look back is a comparison ("a year earlier") but for days counted from a date told ("stabbed to death
        # five days earlier, on June 12"): the text goes on from there.
        found.remember = sign > 0 or word in _W_OFFSET_FROM_NOW or (base is not None and granularity == "day")
        if base is not None and granularity in ("month", "week", "day") and cal.finer(granularity, base[1]) \
                and found.anchor != "unresolved":
            # "less than a week later" after "in 1913": some week of 1913, not its second week
            found.value = _blurred(found.value, granularity, base[1])
    return found


def _blurred(value: str, granularity: str, known: str) -> str:
    """A value of ``granularity`` counted from a date known only to ``known``: what is not known as X."""
    if granularity == "week":
        return f"{value[:4]}-WXX"
    if granularity == "day" and known == "month":
        return f"{value[:7]}-XX"
    return f"{value[:4]}-XX-XX" if granularity == "day" else f"{value[:4]}-XX"


def _year_earlier(ctx: Context, g: dict, span) -> Found | None:
    """ "year-earlier", "the year-ago quarter": the period last spoken of, one year back ("the same month
    last year": the month last spoken of, not a quarter named nearby)."""
    pnoun = (g.get("pnoun") or "").lower()  # "the same month last year": of the month spoken of, not a quarter
    noun = (g.get("noun") or (pnoun if pnoun == "quarter" else "")).lower()
    quarter = None if pnoun == "month" else ctx.recent_quarter(span[0])
    # "the same period last year" after "the first nine months": no quarter unless one was named
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
    return found


_UNIT_GRANULARITY = role_words("unit_granularity")
_DAY_UNKNOWN_IN = {"month": "-XX", "year": "-XX-XX"}  # what a day of a month or a year leaves unsaid


def _relative_unit(ctx: Context, g: dict, span, dir_word: str | None = None, unit: str | None = None) -> Found | None:
    """A unit named by its direction (groups dir, unit, edge: "last week", "the following day"), or
    by the template's arguments ({@count(direction,this,weekend)})."""
    dir_word = (dir_word or g["dir"]).lower()
    unit = (unit or g["unit"]).lower()
    mod = edge_mod(g.get("edge"))
    granularity = _UNIT_GRANULARITY.get(unit)
    if granularity is None:
        return None
    offset = STEP.get(dir_word, 0)
    base = None
    # "the next day" counts from the day of the story; "next week" from the DCT.
    anaphoric = dir_word in ANAPHORIC or (dir_word in NEXT_OF_STORY and granularity == "day" and g.get("the"))
    compared_month = _month_compared_later(ctx, span) if anaphoric and offset < 0 and granularity == "month" else None
    if compared_month is not None:
        base = (compared_month, "month")
    elif anaphoric and ctx.last is not None and not cal.finer(granularity, ctx.last[1]):
        base = ctx.last
    elif anaphoric and granularity == "day" and dir_word not in DEMONSTRATIVE and ctx.last is not None \
            and ctx.last[1] in _DAY_UNKNOWN_IN and (offset == 0 or abs(offset) == 1 and _last_other_than_dct(ctx)):
        # "killed last October ... crossed out that same day", "In July 2013 a court sentenced him; the next day,
        # prosecutors asked ...": a day of the month (or year) last spoken of, which the text does not name; never
        # the DCT's day or the day after it.  ("trades made that day": no date.)
        return _day_of_last(ctx, remember=False)
    elif dir_word in DEMONSTRATIVE and granularity == "day":
        return None  # "trades made that day", with no day named before: a day in general, not a date
    if granularity == "weekend" and offset == 0 and base is None and ctx.dct and ctx.dct.isoweekday() < 5 \
            and direction(ctx, *span, default=-1 if 6 - ctx.dct.isoweekday() > NEAR_DAYS_AHEAD else 1) < 0:
        offset = -1  # with no cue, the weekend just past, unless its Saturday is a day or two ahead (as for a weekday)
    found = _resolved(ctx, granularity, offset, base=base, mod=mod)
    if base is not None and offset < 0 and (granularity in ("year", "decade", "century")
                                            or _COMPARISON.search(ctx.text, max(0, span[0] - 30), span[0])):
        # "the gains of the previous year", "up 0.6 percent from the previous month": a look back, the story
        # stays where it is
        found.remember = False
    if granularity == "quarter" and found.anchor == "relative":
        ctx.last_quarter = (cal.shift(base[0] if base else ctx.dct, "quarter", offset), span[0], False)
    return found


_MONTH_NAME = re.compile(MACROS["MONTHNAME"])
_COMPARISON_ANY_CASE = re.compile(context_text("comparison"), re.IGNORECASE)  # "Compared with" opens a sentence


def _month_compared_later(ctx: Context, span) -> dt.date | None:
    """ "Compared with the previous month, the February orders dropped": a month in a comparison that opens
    its sentence counts back from the month the sentence names after it; that month is the last one begun
    by the DCT."""
    text = ctx.text
    start = _sentence_start(text, span[0], 200)
    opening = _COMPARISON_ANY_CASE.search(text, max(start, span[0] - 30), span[0])
    if ctx.dct is None or opening is None or text[start:opening.start()].strip():
        return None  # only a comparison that opens its sentence looks ahead to what it compares
    end = _SENTENCE_END.search(text, span[1], span[1] + 150)
    named = _MONTH_NAME.search(text, span[1], end.start() if end else span[1] + 150)
    if named is None:
        return None
    month = _month(named.group())
    return dt.date(ctx.dct.year - (month > ctx.dct.month), month, 1)


_DONE_AFTER = context_pattern("done_after")
_DECLARED_DAY_AFTER, _DECLARING_BEFORE = context_pattern("declared_day_after"), context_pattern("declaring_before")
_AHEAD_BEFORE = context_pattern("ahead_before")


_WEEKDAY_RANGE_BEFORE = context_pattern("weekday_range_before")


def _weekday_range_start(ctx: Context, span, weekday: int) -> dt.date | None:
    """The day of the weekday just before this one in a range or a pair ("from Thursday through Friday", "on
    Monday and Tuesday"), when it is the day last resolved: the second day follows it, whatever the tense says."""
    last = ctx.last
    if last is None or last[1] != "day":
        return None
    before = _WEEKDAY_RANGE_BEFORE.search(ctx.text, max(0, span[0] - 40), span[0])
    if before is None or _weekday(before.group(1).lower()) != last[0].isoweekday():
        return None
    if before.group("pair") and (weekday - last[0].isoweekday()) % 7 > PAIR_DAYS:
        return None
    return last[0]


def _weekday_date(ctx: Context, g: dict, span) -> Found | None:
    """A day of the week (groups weekday, dir): the last, the next or the coming one."""
    weekday = _weekday(g["weekday"])
    dir_word = (g.get("dir") or "").lower()
    suffix = ""
    type_ = "DATE"
    if ctx.near_entry is not None:
        reference = ctx.near_entry  # in an entry of a chronology, the week of its date
    elif ctx.dct is None or not ctx.known("day"):
        return Found(type_, f"XXXX-WXX-{weekday}{suffix}", anchor="unresolved")
    else:
        reference = ctx.dct
    if dir_word in _W_ANAPHORIC_WEEKDAY and ctx.last and ctx.last[1] == "day":
        reference = ctx.last[0]
    week_word = (g.get("weekdir") or "").lower()
    if week_word:  # "Tuesday last week": that day of the week named, counted from the DCT's
        step = -1 if week_word in BACK else 1 if week_word in AHEAD else 0
        monday = reference - dt.timedelta(days=reference.isoweekday() - 1) + dt.timedelta(weeks=step)
        return Found(type_, (monday + dt.timedelta(days=weekday - 1)).isoformat(), anchor="relative")
    if dir_word in BACK:
        day = cal.weekday_near(reference - dt.timedelta(days=1), weekday, -1)
    elif dir_word in AHEAD:
        day = cal.weekday_near(reference + dt.timedelta(days=1), weekday, 1)
    elif (first := _weekday_range_start(ctx, span, weekday)) is not None:
        day = cal.weekday_near(first + dt.timedelta(days=1), weekday, 1)
    elif ctx.narrative:
        day = cal.weekday_near(reference, weekday, 1)  # a story goes on: its Wednesday after its Tuesday
    else:
        sign = direction(ctx, *span, default=2)
        if _DONE_AFTER.match(ctx.text, span[1]) and not _AHEAD_BEFORE.search(ctx.text, max(0, span[0] - 25), span[0]):
            sign = -1  # "get around Wednesday's ruling": a happening done is behind
        elif _DECLARED_DAY_AFTER.match(ctx.text, span[1]) \
                and _DECLARING_BEFORE.search(ctx.text, max(0, span[0] - 16), span[0]):
            sign = 1  # "Ukraine declared Friday a day of mourning": the day named lies ahead
        if sign == 2:
            # No cue: news mostly reports the past, but a weekday a day or two ahead is the coming one.
            ahead = cal.weekday_near(reference, weekday, 1)
            sign = 1 if 0 < (ahead - reference).days <= NEAR_DAYS_AHEAD else -1
        day = cal.weekday_near(reference, weekday, 1 if sign == 0 else sign)  # 0: "until Tuesday"
    return Found(type_, day.isoformat() + suffix, anchor="relative")


_W_DAY_BESIDE = role_words("day_beside")


def _day_beside(ctx: Context, g: dict, span) -> Found | None:
    """The day before or after a named one (groups rel, and weekday with dir, or month and day with year)."""
    named = _weekday_date(ctx, g, span) if g.get("weekday") else _date(ctx, g, span)
    if named is None:
        return None
    if named.anchor == "unresolved":
        return Found("DATE", unknown_value("day"), anchor="unresolved")
    day = dt.date.fromisoformat(named.value[:10]) + dt.timedelta(days=_W_DAY_BESIDE[g["rel"].lower()])
    return Found("DATE", day.isoformat(), anchor=named.anchor)


_CLOCK = context_pattern("clock")
_AT_BEFORE = context_pattern("at_before")
_PART_OF_DAY_AFTER = context_pattern("part_of_day_after")


def _named_holiday(ctx: Context, g: dict, span) -> Found | None:
    """A holiday of holidays.tsv (groups holiday, year): on a fixed day, the nth weekday of a month or
    a day counted from Easter, of the year named or the nearest one."""
    name = _squash(g["holiday"])
    nearest = False  # the occurrence the sentence points to, near the DCT, not one of a year given
    if g.get("year"):
        year, anchor = _year(g["year"]), "explicit"
    elif _year_framed(ctx, span) and direction(ctx, *span, default=0, yearly=True) <= 0:
        year, anchor = ctx.last[0].year, "relative"  # "In 2019, 70 people died over Easter": of the frame's year
    elif ctx.dct is not None:
        year, anchor, nearest = ctx.dct.year, "relative", True
    else:
        year, anchor = None, "unresolved"
    holiday = HOLIDAYS[name]
    if holiday.kind == "dates":
        return _holiday_of_dates(ctx, span, holiday.dates, year, anchor, nearest)
    if holiday.kind == "fixed":
        if year is None:
            return Found("DATE", f"XXXX-{holiday.month:02d}-{holiday.day:02d}", anchor=anchor)
        if nearest:
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
    if not nearest:
        return Found("DATE", date_in(year).isoformat(), anchor=anchor)
    return Found("DATE", _nearest_yearly(ctx, span, date_in).isoformat(), anchor=anchor)


def _holiday_of_dates(ctx: Context, span, dates: tuple, year: int | None, anchor: str, nearest: bool) -> Found:
    """A holiday of a lunar calendar on the dates holidays.tsv gives it: its first date in the year named (or
    framed), else the date the sentence points to near the DCT (behind it, ahead of it, or the nearer, a lunar
    holiday coming twice in some years); only the year beyond the years the file knows."""
    if year is None:
        return Found("DATE", "XXXX-XX-XX", anchor=anchor)
    if not nearest or ctx.narrative or ctx.dct_granularity == "year":
        in_year = [date for date in dates if date.year == year]
        return Found("DATE", in_year[0].isoformat() if in_year else f"{year:04d}", anchor=anchor)
    reference = ctx.dct
    near = [date for date in dates if abs((date - reference).days) <= HOLIDAY_REACH]
    if not near:
        return Found("DATE", f"{year:04d}", anchor=anchor)
    sign = direction(ctx, *span, default=0, yearly=True)
    # A day's slack: the calendar's day and the one a country keeps may differ by one.
    behind = [date for date in near if date <= reference + dt.timedelta(days=1)]
    ahead = [date for date in near if date >= reference - dt.timedelta(days=1)]
    if sign < 0 and behind:
        return Found("DATE", behind[-1].isoformat(), anchor=anchor)
    if sign > 0 and ahead:
        return Found("DATE", ahead[0].isoformat(), anchor=anchor)
    return Found("DATE", min(near, key=lambda d: abs((d - reference).days)
                             + (NEAREST_PAST_LEAN if d > reference else 0)).isoformat(), anchor=anchor)


HOLIDAY_REACH = 400  # days from the DCT within which a lunar holiday's occurrences are weighed


_SEASON_YEARS = re.compile(r"(1[0-9]{3}|20[0-9]{2})[/-]\Z")
_YEAR_NUMBER = re.compile(r"1[0-9]{3}|20[0-9]{2}")


def _year_of_unit(ctx: Context, g: dict, span) -> Found | None:
    """A year naming one season or quarter (groups num, unit): "the 2008 season", "the 1985/86 season"
    (named by the year it begins in), "the 1988 quarter" (the quarter spoken of, in that year)."""
    start = span[0]
    first = _SEASON_YEARS.search(ctx.text, max(0, start - 5), start) if start else None
    if first is not None:
        return Found("DATE", first.group(1), start=first.start())
    if not _YEAR_NUMBER.fullmatch(g["num"]):
        return None
    quarter = ctx.recent_quarter(start)
    if _unit(g["unit"])[2] == "quarter" and quarter is not None:
        return Found("DATE", f"{g['num']}-Q{(quarter.month - 1) // 3 + 1}")
    return Found("DATE", g["num"])








def _two_digits(word: str) -> str:
    return f"{int(_DIGITS.match(word).group()):02d}"


def _full_year(word: str) -> str:
    """A year in digits or words; two digits are of the 1900s from 50, else of the 2000s ("5/3/98")."""
    year = _year(word)
    if len(word) == 2 and word.isdigit():
        year += 1900 if year >= 50 else 2000
    return f"{year:04d}"


def _century(word: str) -> str | None:
    """ "21st", "twenty-first": the TIMEX3 value of that century (20), none past the 99th."""
    number = int(word) if word.isdigit() else ORDINAL_WORDS.index(word.lower()) + 1
    return f"{number - 1:02d}" if 1 <= number <= 99 else None


def _short_decade(ctx: Context, word: str) -> str:
    """ "the '80s": of the 1900s, unless the DCT is past 2030 and the decade is one of the 2000s' first."""
    return f"{20 if ctx.dct and ctx.dct.year >= 2030 and int(word) <= 2 else 19}{word}"


# The tables a template field looks its group's words up in ({month:month}); the roles of words.tsv
# are tables too ({decword:decade_word}).  A table gives a piece of a value, or None to refuse.
TABLES = {
    "year": lambda ctx, w: _full_year(w),
    "2d": lambda ctx, w: _two_digits(w),
    "3d": lambda ctx, w: f"{int(w):03d}",
    "4d": lambda ctx, w: f"{int(w):04d}",
    "month": lambda ctx, w: f"{_month(w):02d}",
    "weekday": lambda ctx, w: str(_weekday(w)),
    "season": lambda ctx, w: SEASONS[w.lower()],
    "pod": lambda ctx, w: PARTS_OF_DAY.get(w.lower()),
    "unit": lambda ctx, w: _unit(w)[2],
    "shape": lambda ctx, w: "lower" if w[:1].islower() else "capital",
    "number": lambda ctx, w: None if _number(w) is None else f"{_number(w):g}",
    "plural": lambda ctx, w: "yes" if w.lower() in UNIT_PLURALS else "no",
    "set": lambda ctx, w: SET_WORDS[w.lower()],
    "century": lambda ctx, w: _century(w),
    "half": lambda ctx, w: "1" if ORDINALS.get(w.lower()) == 1 else "2",
    "short_decade": _short_decade,
    "edge": lambda ctx, w: edge_mod(w),
    "approx": lambda ctx, w: approx_mod(w),
    # A part of a day is itself a start, middle or end: "the early morning" is its START.
    "pod_edge": lambda ctx, w: {"EARLY": "START", "LATE": "END"}.get(edge_mod(w), edge_mod(w)),
    # The era of words.tsv: "BC" before a year before Christ (TIMEX2 writes BC0490), nothing for one of ours.
    "era": lambda ctx, w: "BC" if _W_ERA.get(w.replace(".", "").lower()) == "BC" else "",
}


for _role, _words_of_role in LANGUAGE.words.items():
    # A word listed without a value gives nothing to the value, but is there ({noun:thing_noun=*}).
    TABLES.setdefault(_role, lambda ctx, w, table=_words_of_role: None if _squash(w) not in table
                      else "" if table[_squash(w)] is None else str(table[_squash(w)]))
_CONTEXTS: dict[str, re.Pattern] = {}


_W_WEEK_OF_MONTH = role_words("week_of_month")


def _month_named(ctx: Context, g: dict, span) -> Found | None:
    """The month of a week or weekday counted in it (groups month, year): of the year named, else placed as a
    month alone is."""
    if g.get("year"):
        return Found("DATE", f"{_year(g['year']):04d}-{_month(g['month']):02d}")
    return _named_month(ctx, g, span)


def _week_of_month(ctx: Context, g: dict, span) -> Found | None:
    """ "the first week of February", "the last week of this month" (groups ord, and month with year, or
    mdir, or month_of_story): the week that holds most of the days the ordinal names, as a day of it (the
    4th for the first week, three days before the month's end for the last: words.tsv week_of_month)."""
    step = _W_WEEK_OF_MONTH.get(g["ord"].lower())
    if step is None:
        return None
    if g.get("month"):
        found = _month_named(ctx, g, span)
        if found is None or "X" in found.value:
            return found and Found("DATE", found.value + "-XX", anchor=found.anchor)
        year, month = int(found.value[:4]), int(found.value[5:7])
        anchor = found.anchor
    elif ctx.dct is None:
        return Found("DATE", "XXXX-XX-XX", anchor="unresolved")
    else:
        first = cal.shift(ctx.dct.replace(day=1), "month", STEP.get((g.get("mdir") or "").lower(), 0))
        year, month, anchor = first.year, first.month, "relative"
    offset = int(step)
    if offset > 0:
        day = dt.date(year, month, offset)
    else:
        day = cal.shift(dt.date(year, month, 1), "month", 1) + dt.timedelta(days=offset)
    return Found("DATE", day.isoformat(), anchor=anchor)


_W_WEEKDAY_OF_MONTH = role_words("weekday_of_month")


def _weekday_of_month(ctx: Context, g: dict, span) -> Found | None:
    """ "the first Tuesday of November", "the last Sunday in March 2024" (groups ord, weekday, month, year):
    the month placed as a month alone is, then the day counted in it (words.tsv weekday_of_month); a
    month that cannot be placed gives a day of no known date."""
    nth = _W_WEEKDAY_OF_MONTH.get(g["ord"].lower())
    if nth is None:
        return None
    found = _month_named(ctx, g, span)
    if found is None or "X" in found.value:
        return found and Found("DATE", found.value + "-XX", anchor=found.anchor)
    year, month, weekday = int(found.value[:4]), int(found.value[5:7]), _weekday(g["weekday"])
    nth = int(nth)
    if nth > 0:
        day = cal.weekday_near(dt.date(year, month, 1), weekday, 1) + dt.timedelta(weeks=nth - 1)
    else:
        day = cal.weekday_near(cal.shift(dt.date(year, month, 1), "month", 1) - dt.timedelta(days=1), weekday, -1)
    if day.month != month:
        return None  # "the fifth Monday of February" of a year that has four
    return Found("DATE", day.isoformat(), anchor=found.anchor)


# The procedures templates call.  The helpers above are the engine's own; a template names one of
# these and, for calendar, count and year, by its first argument the kind of thing to compute.
def _weekday_after(ctx: Context, g: dict, span) -> Found | None:
    """The day of a weekday that follows a clock time's conversion (groups after_weekday, after_dir: "3 p.m. (2000
    GMT) Tuesday", "6 p.m. last Sunday"), which TimeML tags apart but which gives the clock time its day."""
    return _weekday_date(ctx, dict(g, weekday=g["after_weekday"], dir=g.get("after_dir")), span)


def _day_after(ctx: Context, g: dict, span) -> Found | None:
    """The day of a month named later in a clock time's clause (groups after_month, after_day, after_year: "5:34 a.m.
    Baghdad time on March 20, 2003"; after_day2, after_month2, after_year2: "10 a.m. on 27 July 1953"), which TimeML
    tags apart but which gives the clock time its day."""
    if g.get("after_month") is None:
        return _day_of_month(ctx, dict(g, month=g["after_month2"], day=g["after_day2"], year=g.get("after_year2"),
                                       ofdir=None), span)
    return _day_of_month(ctx, dict(g, month=g["after_month"], day=g["after_day"], year=g.get("after_year"), ofdir=None),
                         span)


def _day_alone(ctx: Context, g: dict, span) -> Found | None:
    """A day of the month without its month ("on the 12th", group day): of the month last spoken of, else
    of the DCT's; a day after the DCT is of the month before unless the sentence looks ahead."""
    day = int(_DIGITS.match(g["day"]).group())
    last = ctx.last
    if last is not None and last[1] in ("day", "month") and span[0] - (ctx.last_at or 0) <= DAY_ALONE_REACH:
        candidate = _safe_date(last[0].year, last[0].month, day)
        return Found("DATE", candidate.isoformat(), anchor="relative") if candidate.day == day else None
    if ctx.dct is None or not ctx.known("month"):
        return None
    candidate = _safe_date(ctx.dct.year, ctx.dct.month, day)
    if ctx.known("day") and candidate > ctx.dct and direction(ctx, *span, default=-1) <= 0:
        earlier = cal.shift(ctx.dct.replace(day=1), "month", -1)
        candidate = _safe_date(earlier.year, earlier.month, day)
    return Found("DATE", candidate.isoformat(), anchor="relative") if candidate.day == day else None


# How far after the last date spoken of a day alone ("on the 12th") is still of its month.
DAY_ALONE_REACH = 600


_CALENDAR = {"day": _day_of_month, "range_end": _range_end_day, "range_start": _range_start_day, "day_alone": _day_alone,
             "month": _named_month, "season": _named_season, "weekday": _weekday_date, "holiday": _named_holiday,
             "day_beside": _day_beside, "weekday_after": _weekday_after, "day_after": _day_after,
             "week_of_month": _week_of_month, "weekday_of_month": _weekday_of_month}


@procedure
def calendar(ctx: Context, g: dict, span, kind: str) -> Found | None:
    """A calendar name placed in its year (``kind``: day of a month, range_end, month, season, weekday,
    holiday, day_beside: the day before or after a named one, week_of_month: "the first week of
    February"): of the year named, of the story, or the
    occurrence the sentence points to.  The rows refuse what is no such name ("the fall of Saigon").

    A procedure because the year comes from outside the match: the tense of the sentence, the
    story's date and the DCT, and each calendar repeats differently (weeks, years, Easter)."""
    return _CALENDAR[kind](ctx, g, span)


calendar.check_arguments = _kinds(_CALENDAR, "calendar name")

_COUNT = {"offset": _offset, "direction": _relative_unit, "year_back": _year_earlier, "reported": _reported_quarter}


@procedure
def count(ctx: Context, g: dict, span, kind: str, first: str | None = None, second: str | None = None) -> Found | None:
    """A unit counted from what the scan remembers (``kind``): offset ("two days later", "a year
    earlier" after a quarter's results), direction[(dir,unit)] ("last week", "the next day", "the
    weekend" by the tense), year_back ("the year-ago quarter"), reported (the quarter reported on).
    A unit counted from the DCT or the story's day alone is a template field ({dct.year-1}).

    A procedure because the anchor is the state of the scan (the date of the story, the quarter
    spoken of), which it also moves, and because the count depends on more than the words: a
    comparison with the quarter reported on, a date known only to its year, the tense."""
    function = _COUNT[kind]
    if first is None:
        return function(ctx, g, span)
    return function(ctx, g, span, first, second) if second is not None else function(ctx, g, span, first)


def _check_direction(direction: str | None = None, unit: str | None = None) -> str | None:
    return None if (direction is None) == (unit is None) else "count(direction) takes no argument or DIR,UNIT"


# The arguments each kind of count takes after its name: how they are checked.
_COUNT_ARGUMENTS = {"direction": _check_direction}


def _check_count(kind: str, first: str | None = None, second: str | None = None) -> str | None:
    if kind not in _COUNT:
        return f"no count {kind!r} (there are {', '.join(_COUNT)})"
    check = _COUNT_ARGUMENTS.get(kind)
    if check is not None:
        return check(first, second)
    return None if first is None else f"count({kind}) takes no more arguments"


count.check_arguments = _check_count

@procedure
def units(ctx: Context, g: dict, span) -> str:
    """So many units (groups num, alternate, half, half2, unit): "two and a half days", "every two weeks",
    "every other week"; without a number one unit ("per day"), or some of them for a plural ("in recent
    years": PXY).

    A procedure because numbers are read as quantities (number words, "and a half") and a unit is a
    multiple of another (a decade is ten years, a fortnight two weeks)."""
    if g.get("num"):
        amount = _number(g["num"])
    elif g.get("alternate"):  # "every other week": one in two
        amount = 2
    else:
        amount = None if g["unit"].lower() in UNIT_PLURALS else 1
    if amount is not None and (g.get("half") or g.get("half2")):
        amount += 0.5
    value = format_duration(amount, *_unit(g["unit"]))
    if amount is not None and g.get("num2") and cal.finer(_unit(g["unit2"])[2], _unit(g["unit"])[2]):
        # "three hours and nine minutes", "two years and six months": one length, PT3H9M, P2Y6M
        value = joined_durations(value, format_duration(_number(g["num2"]), *_unit(g["unit2"])))
    return value


_YEAR = {"cue": _year_by_cue, "range_start": _range_start_year, "range_end": _range_end_year, "of_unit": _year_of_unit}


@procedure
def year(ctx: Context, g: dict, span, kind: str) -> Found | str | None:
    """A number read as a year (``kind``): cue (only where a word before, a possessive, words after or a
    heading make it one), range_start and range_end ("1939-1945", "1995-96"), of_unit ("the 2008 season").

    A procedure because what makes a number a year is the text around it and the other end of a range."""
    return _YEAR[kind](ctx, g, span)


year.check_arguments = _kinds(_YEAR, "year")


_DAY_START_BEFORE = context_pattern("day_start_before")


@procedure
def clock(ctx: Context, g: dict, span) -> str | None:
    """The time of day of a clock time or a word (groups clock, noon), as THH:MM: "9 a.m.", "noon";
    nothing for a number that is no time ("two in the morning session").  The rows give its day.

    A procedure because a clock time is read by a 12-hour arithmetic of its own (12 a.m. is 00:00), and
    without "a.m." or "p.m." only a word before it ("at two") makes it a time."""
    if g.get("noon"):
        hour, minute = _W_CLOCK_WORD[g["noon"].lower()], 0
        if hour == 24 and not (g.get("weekday") or g.get("month") or g.get("after_month2")) \
                and _DAY_START_BEFORE.search(ctx.text, max(0, span[0] - 10), span[0]) \
                and not _named_just_before(ctx, span[0]):
            # "shortly after midnight": the start of the day; not after a day or a time of it named in the sentence
            # ("at 4.45pm and then, shortly after midnight"), nor in "after midnight Wednesday", which ends them.
            hour = 0
    else:
        m = _CLOCK.match(g["clock"])
        hour, minute = int(m.group("hour")), int(m.group("minute") or 0)
        if hour > 12 or hour == 0:
            return None
        if m.group("am") is None and m.group("pm") is None and \
                not _AT_BEFORE.search(ctx.text, max(0, span[0] - 10), span[0]):
            return None  # "two in the morning session": a count, not a clock time
        morning = m.group("am") is not None or (m.group("pm") is None and m.group("morning") is not None)
        if m.group("am") is None and m.group("pm") is None and m.group("morning") is None \
                and (part := _PART_OF_DAY_AFTER.match(ctx.text, span[1])) is not None:
            morning = part.group(1).lower() == "morning"  # "at 11 o'clock that morning"
        if not morning and hour != 12:
            hour += 12
        elif morning and hour == 12:
            hour = 0
    return f"T{hour:02d}:{minute:02d}"


@procedure
def not_a_name(ctx: Context, g: dict, span) -> str | None:
    """A month named alone (group month) that is not part of a name: "March", not "may" nor "Ivy March"
    nor "The March of Dimes".

    A procedure because a name shows in the capitals of the words before the match, and a capital
    that opens a sentence ("The March accession") shows none."""
    return _month_not_in_name(ctx, g, span)
