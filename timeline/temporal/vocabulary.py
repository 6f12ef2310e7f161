"""The tagger's word knowledge, kept as plain tables (like HeidelTime's resource files).

Adding a word is adding a line: "fortnight" is a unit of two weeks in ``UNITS``;
a new holiday is one line in ``FIXED_HOLIDAYS`` or ``WEEKDAY_HOLIDAYS``.
"""
from __future__ import annotations

# Month names and the abbreviations news agencies use; keys are lower case.
MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
# Month names that are also ordinary words: they count as months only with a day, a year or a cue.
AMBIGUOUS_MONTHS = ("May", "March")

WEEKDAYS = {
    "monday": 1, "mon": 1, "tuesday": 2, "tue": 2, "tues": 2, "wednesday": 3, "wed": 3,
    "thursday": 4, "thu": 4, "thur": 4, "thurs": 4, "friday": 5, "fri": 5,
    "saturday": 6, "sat": 6, "sunday": 7, "sun": 7,
}

# Number words; "a"/"an" count as one ("a year ago").  None: an unspecified amount (TIMEX3 "X").
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "a hundred": 100, "one hundred": 100, "a thousand": 1000,
    "a couple of": 2, "a couple": 2, "a dozen": 12, "half a": 0.5, "half an": 0.5, "a half": 0.5,
    "several": None, "a few": None, "few": None, "many": None, "couple of": 2,
    "a number of": None, "numerous": None, "dozens of": None, "hundreds of": None,
}
TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
UNITS_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")

ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
    "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "last": -1, "final": -1,
}

# Units of time: word -> (TIMEX3 duration letter, how many of it, calendar granularity).
UNITS = {
    "second": ("S", 1, "second"), "minute": ("M", 1, "minute"), "hour": ("H", 1, "hour"),
    "day": ("D", 1, "day"), "night": ("D", 1, "day"), "week": ("W", 1, "week"),
    "fortnight": ("W", 2, "week"), "weekend": ("WE", 1, "weekend"),
    "month": ("M", 1, "month"), "quarter": ("Q", 1, "quarter"), "year": ("Y", 1, "year"),
    "decade": ("Y", 10, "decade"), "century": ("Y", 100, "century"), "millennium": ("Y", 1000, "millennium"),
    "season": ("Q", 1, "quarter"),
}
UNIT_PLURALS = {"centuries": "century", "millennia": "millennium"}

SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}

PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI",
                "midday": "MI", "noon": "MI", "daytime": "DT"}

# Words that name the present, past or future without a date.
REFERENCES = {
    "now": "PRESENT_REF", "currently": "PRESENT_REF", "current": "PRESENT_REF",
    "at present": "PRESENT_REF", "these days": "PRESENT_REF", "nowadays": "PRESENT_REF",
    "recently": "PAST_REF", "the past": "PAST_REF", "lately": "PAST_REF",
    "the future": "FUTURE_REF", "the near future": "FUTURE_REF", "the near term": "FUTURE_REF",
}

# Sets: word -> (value, quantity word as written in TIMEX3).
SET_WORDS = {
    "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "biweekly": "P2W", "monthly": "P1M",
    "yearly": "P1Y", "hourly": "PT1H",
}

# Holidays on a fixed day of the year: name -> "MM-DD".
FIXED_HOLIDAYS = {
    "new year's day": "01-01", "new year's eve": "12-31", "christmas": "12-25", "christmas day": "12-25",
    "christmas eve": "12-24", "valentine's day": "02-14", "independence day": "07-04",
    "halloween": "10-31", "veterans day": "11-11", "boxing day": "12-26", "may day": "05-01",
    "bastille day": "07-14", "st. patrick's day": "03-17", "new year": "01-01",
}
# Holidays on the nth weekday of a month: name -> (month, ISO weekday, n; -1 = last[, counting from day]).
WEEKDAY_HOLIDAYS = {
    "thanksgiving": (11, 4, 4), "thanksgiving day": (11, 4, 4), "labor day": (9, 1, 1),
    "memorial day": (5, 1, -1), "martin luther king day": (1, 1, 3), "presidents day": (2, 1, 3),
    "presidents' day": (2, 1, 3), "mother's day": (5, 7, 2), "father's day": (6, 7, 3),
    "columbus day": (10, 1, 2), "election day": (11, 2, 1, 2),
}

# Cue words that point a bare weekday or month to the future; otherwise news speaks of the past.
# Finite forms only: an infinitive ("to resume") takes its tense from the verb that governs it.
# Modals of ability or duty ("could", "can", "must") say nothing of when: "could not be reached Wednesday".
FUTURE_CUES = (
    "will", "'ll", "shall", "going to", "plan to", "plans to", "planned to", "planned for", "planning", "scheduled",
    "expected", "expects", "is to", "are to", "due", "would", "next", "upcoming", "tomorrow", "payable",
    "effective", "as early as", "as soon as", "set for", "set to", "slated", "to be held", "intends", "hopes",
    "aims", "should", "may", "might",
)
PAST_CUES = (
    "said", "was", "were", "had", "did", "ago", "last", "yesterday", "earlier", "announced", "told", "since",
    "reported", "killed", "began", "started", "ended", "died", "took", "came", "went", "made",
)
# Irregular past forms, read like the regular ones the scan finds by their -ed: not after "be", "a", "the"
# ("will be held", "the lost votes").
IRREGULAR_PAST = (
    "sent", "met", "held", "left", "led", "gave", "fell", "rose", "won", "lost", "brought", "bought",
    "fought", "spoke", "saw", "wrote", "chose", "drove", "flew", "threw", "grew", "knew", "stood", "broke",
    "became", "got", "struck", "sought", "caught", "taught", "paid", "kept", "felt", "heard", "meant",
    "ran", "sat", "sold", "swore", "tore", "woke", "withdrew", "overthrew", "arose", "forbade", "fled",
)

# Words that name a time on their own, besides the names, units, seasons, parts of day, references,
# sets and holidays above; the scanner anchors on these and on digits.
TIME_WORDS = (
    "today", "yesterday", "tomorrow", "tonight", "past", "future", "present", "noon", "midnight", "eve",
    "fiscal", "nineteen", "mid", "period", "year-end", "nineties", "eighties", "seventies", "sixties",
    "fifties", "forties", "thirties", "twenties",
    "century", "pre", "post",
)
# Words that can begin an expression without naming a time ("the past three years", "more than a
# month", "early next week"): tried only when a time word or a digit follows within a few words.
LEAD_WORDS = (
    "the", "a", "an", "this", "that", "its", "last", "next", "early", "late", "earlier", "later", "more",
    "less", "fewer", "about", "around", "nearly", "almost", "approximately", "roughly", "some", "over",
    "at", "up", "no", "just", "well", "close", "upwards", "very", "each", "every", "per", "several", "few",
    "many", "couple", "first", "second", "third", "fourth", "1st", "2nd", "3rd", "4th", "coming",
    "previous", "following", "recent", "same", "latest", "prior", "final", "middle", "beginning", "start",
    "end", "half", "initial", "remaining", "other", "year", "turn", "numerous", "dozens", "hundreds",
    "dozen", "number", "comparable", "corresponding", "upcoming", "right", "these", "at", "thousand", "then",
)
LEAD_DISTANCE = 3  # how many words a lead word may stand before the time word it leads to
