"""The tagger's word tables, as the language's folder lists them (``resources/en/*.tsv``).

Adding a word is adding a row to a file: "fortnight" is a unit of two weeks in
``units.tsv``; a new holiday is one row of ``holidays.tsv``.  The names below are
the views of those rows that the rules, templates and procedures read.
"""
from __future__ import annotations

from .lexicon import current_language

LANGUAGE = current_language()

MONTHS = LANGUAGE.months
MONTH_NAMES = LANGUAGE.month_names
MONTH_ABBREVIATIONS = LANGUAGE.month_abbreviations
# Month names that are also ordinary words: they count as months only with a day, a year or a cue.
AMBIGUOUS_MONTHS = tuple(m.capitalize() for m in LANGUAGE.ambiguous_months)
WEEKDAYS = LANGUAGE.weekdays
WEEKDAY_NAMES = LANGUAGE.weekday_names
WEEKDAY_ABBREVIATIONS = LANGUAGE.weekday_abbreviations

NUMBERS = LANGUAGE.numbers
TENS = LANGUAGE.tens
UNITS_WORDS = LANGUAGE.ones
MULTIPLIERS = LANGUAGE.multipliers

# Ordinals that count quarters and halves ("the third quarter", "the last half"); all of them name centuries.
ORDINALS = {word: value for word, value in LANGUAGE.ordinals.items() if value <= 10}
ORDINAL_WORDS = tuple(sorted((w for w, v in LANGUAGE.ordinals.items() if v > 0 and w[:1].isalpha()),
                             key=LANGUAGE.ordinals.get))

# Units of time: word -> (TIMEX3 duration letter, how many of it, calendar granularity).
UNITS = LANGUAGE.units
UNIT_PLURALS = LANGUAGE.unit_plurals  # plural -> unit

SEASONS = LANGUAGE.seasons
PARTS_OF_DAY = LANGUAGE.parts_of_day
REFERENCES = LANGUAGE.references  # words that name the present, past or future without a date
SET_WORDS = LANGUAGE.sets

HOLIDAYS = LANGUAGE.holidays

FUTURE_CUES = LANGUAGE.cues["future"]
PAST_CUES = LANGUAGE.cues["past"]
FUTURE_AUXILIARIES = frozenset(LANGUAGE.cues["future_auxiliary"])
SCHEDULED = frozenset(LANGUAGE.cues["scheduled"])  # "the trial resumes Monday": a day ahead
AHEAD_OF = frozenset(LANGUAGE.cues["ahead_of"])  # "ahead of Thursday's election": ahead, in its own phrase
PLANS = frozenset(LANGUAGE.cues["plan"])  # "planned a rally on Saturday": behind or ahead, the verb does not say
NOT_PAST_FORMS = frozenset(LANGUAGE.cues["not_past"])
REPORTING = LANGUAGE.cues["reporting"]
YEAR_CUES = frozenset(LANGUAGE.cues["year_cue"])
# Irregular past forms, read like the regular ones the scan finds by their -ed.
IRREGULAR_PAST = LANGUAGE.past_tense_cues

EDGE_MODS = LANGUAGE.edge_mods
APPROX_MODS = LANGUAGE.approx_mods

# Words that name a time on their own, besides the names, units, seasons, parts of day, references,
# sets and holidays above; the scanner anchors on these and on digits.
TIME_WORDS = LANGUAGE.time_words
# Words that can begin an expression without naming a time: tried only when a time word or a digit
# follows within a few words.
LEAD_WORDS = LANGUAGE.lead_words
LEAD_DISTANCE = 3  # how many words a lead word may stand before the time word it leads to
