"""What the scan knows of one document (``Context``), what a template makes of a match (``Found``),
and the language's contexts.tsv and words.tsv as the tagger reads them."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from . import calendar_math as cal
from .lexicon import LexiconError
from .rules import MACROS
from .vocabulary import LANGUAGE


MACRO_FIELD = re.compile(r"\{([A-Z]+)\}")


def context_text(name: str) -> str:
    """The pattern of the language's ``contexts.tsv`` named ``name``, macros written out; one the
    language does not list never matches."""
    def macro(match: re.Match) -> str:
        if match.group(1) not in MACROS:
            raise LexiconError(f"contexts.tsv: {name}: no pattern or word list named {{{match.group(1)}}}")
        return MACROS[match.group(1)]

    return MACRO_FIELD.sub(macro, LANGUAGE.contexts.get(name, "(?!)"))


def context_pattern(name: str) -> re.Pattern:
    """The context of the language's ``contexts.tsv`` named ``name``, compiled."""
    try:
        return re.compile(context_text(name))
    except re.error as error:
        raise LexiconError(f"contexts.tsv: {name}: bad pattern ({error})") from None


def role_words(role: str) -> dict:
    """The words of the language's ``words.tsv`` in ``role``, with what each says there."""
    return LANGUAGE.words.get(role, {})


@dataclass
class Found:
    """What a template makes of a match."""

    type: str
    value: str
    mod: str | None = None
    anchor: str = "explicit"
    start: int | None = None
    end: int | None = None
    remember: bool = True  # False: a comparison ("a year earlier") that does not move the story's date


QUARTER_REACH = 600  # characters over which "the quarter", "a year earlier" refer to a quarter named before


@dataclass
class Context:
    """What the scan knows while it reads one document."""

    text: str
    dct: dt.date | None
    dct_granularity: str | None
    last: tuple[dt.date, str] | None = None
    last_at: int | None = None  # where the last date spoken of ends
    previous_last: tuple[dt.date, str] | None = None  # the date spoken of before it
    last_names_thing: bool = False  # whether the last date is a year qualifying a noun ("the 1975 agreement")
    in_story: bool = False  # while a template reads an expression where the text tells a story
    last_quarter: tuple[dt.date, int, bool] | None = None  # the quarter last spoken of, where, and if fiscal
    story: tuple[int, int] | None = None  # the year the text has reached (named or counted to), and where
    dct_plausible: bool = True  # whether the text names a year near the DCT's, or none at all
    writer_days: bool = True  # whether a text whose DCT is implausible has words of its writer's days besides "today"
    narrative: bool = False  # while a template reads the story's date in place of the DCT
    numeric_orders: dict = field(default_factory=dict)  # separator -> "day" or "month" first, as the text shows
    story_mentions: int = 0  # dates in a row that named or counted to the story's year
    day_before_look_ahead: tuple[dt.date, int] | None = None  # the story's day, and where a far later year was named
    last_entry: dt.date | None = None  # the day or month of the last entry of a chronology (a date opening its line)
    # The day of the last entry dated to the day, where its reach ends, and whether it heads what is below it
    # (a date on a line of its own) or holds its text on its line ("April 15, 2023 - Fighting erupts").
    entry_day: tuple[dt.date, int, bool] | None = None
    near_entry: dt.date | None = None  # that day, for an expression a short way after it (set per expression)

    def recent_quarter(self, position: int) -> dt.date | None:
        """The first day of the quarter mentioned in the last few sentences, if any."""
        if self.last_quarter is not None and position - self.last_quarter[1] <= QUARTER_REACH:
            return self.last_quarter[0]
        return None

    def recent_fiscal(self, position: int) -> bool:
        """Whether the quarter mentioned in the last few sentences was named as a fiscal one."""
        return self.recent_quarter(position) is not None and self.last_quarter[2]
    marks: dict = field(default_factory=dict)
    memo: dict = field(default_factory=dict)  # steps already worked out in this text (see _tag)
    section_year: int | None = None  # the year the last heading named ("1917" above a section)
    written_days: dict = field(default_factory=dict)  # (month, day) -> the year the text last wrote it with
    years_named: dict = field(default_factory=dict)  # a year the text wrote -> where it last wrote it
    read_far: bool = False  # a template read the text far from its expression (its step cannot be replayed)

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


# The time a narrative has reached.  A date without a year ("On 12 September", "that summer", "the
# following year") is read against the year the text last named when the text is telling a story: the
# year named is far from the DCT's and near enough before the expression.  How far the story's year
# carries depends on whether the publication year is plausible at all: a text whose explicit years are
# all far from the DCT is a narrative throughout; one that names years near the DCT speaks of its own
# days, and an older year carries only a short way.  The numbers are the language's (words.tsv).
_NARRATIVE = {word: int(value) for word, value in role_words("narrative").items()}
STORY_GAP = _NARRATIVE.get("gap", 2)  # years between the story's and the DCT's for the story to count
STORY_GAP_NEWS = _NARRATIVE.get("gap_news", 2)  # ... in a text that speaks of its own days
STORY_REACH = _NARRATIVE.get("reach", 3000)  # characters a year carries when the DCT's year is implausible
STORY_REACH_NEWS = _NARRATIVE.get("reach_news", 300)  # ... when the text names years near the DCT's
NEAR_DCT = _NARRATIVE.get("near_dct", 1)  # years from the DCT's that make the DCT plausible
STORY_MIN_YEARS = _NARRATIVE.get("min_years", 3)  # explicit years a text needs to make its DCT implausible
STORY_CUE_WEIGHT = _NARRATIVE.get("cue_weight", 5)  # explicit years one word of the writer's days outweighs
STORY_CONFIRM = _NARRATIVE.get("confirm", 2)  # dates in a row of one year that make it the story's in such a text
FOLLOW_REACH = _NARRATIVE.get("follow_reach", 120)  # characters after a dated day over which a yearless day follows it
FOLLOW_REACH_SENTENCE = _NARRATIVE.get("follow_reach_sentence", 300)  # ... when both are in one sentence
FOLLOW_DAYS = _NARRATIVE.get("follow_days", 62)  # days after that day within which it does
RETURN_GAP = _NARRATIVE.get("return_gap", 3)  # years ahead of the story's day that make a look ahead in passing
RETURN_REACH = _NARRATIVE.get("return_reach", 1000)  # characters after that look over which the story's day holds
NEAR_REACH = _NARRATIVE.get("near_reach", 120)  # characters back over which news gives a clock time the day named
NEAR_DAYS = _NARRATIVE.get("near_days", 31)  # days from the DCT's within which a day named is of the writer's weeks
STORY_TURN = _NARRATIVE.get("turn", 6)  # months back from the story's month past which a month is of the next year
