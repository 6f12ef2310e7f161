"""The tagger's patterns: each rule is a regular expression written with macros, and the
normaliser that turns its match into a TIMEX3 type and value.

Rules are tried as one compiled alternation, left to right in this table at each
position, so longer and more specific rules come first.  Patterns are matched
case-insensitively except inside the month and weekday macros, which are
case-sensitive so that "may", "march" and "sun" stay words.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .vocabulary import (AMBIGUOUS_MONTHS, HOLIDAYS, MONTH_ABBREVIATIONS, MONTH_NAMES, NUMBERS, ORDINAL_WORDS,
                         ORDINALS, PARTS_OF_DAY, REFERENCES, SEASONS, SET_WORDS, TENS, UNIT_PLURALS, UNITS,
                         UNITS_WORDS, WEEKDAY_NAMES)


def _alternation(words) -> str:
    """A regex matching any of ``words``, written as a trie so that a failing attempt stops at once.

    A plain ``a|b|c`` alternation is tried branch by branch at every position,
    which makes one scan over hundreds of names slow; a trie shares prefixes.
    Longer words are preferred to their prefixes ("Sept" before "Sep"); a space
    in a word matches any run of blanks.
    """
    trie: dict = {}
    for word in set(words):
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def render(node: dict) -> str:
        branches = []
        ends_here = "" in node
        for char in sorted(k for k in node if k):
            piece = r"\s+" if char == " " else re.escape(char)
            branches.append(piece + render(node[char]))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends_here:
            return "(?:" + body + ")?"
        return body

    return "(?:" + render(trie) + ")"


def _cased(words) -> list[str]:
    return [w.capitalize() for w in words] + [w.upper() for w in words]


_FULL_MONTHS = list(MONTH_NAMES)
_ABBREVIATED = list(MONTH_ABBREVIATIONS)
_FULL_WEEKDAYS = list(WEEKDAY_NAMES)

_number_words = [w for w in NUMBERS] + [f"{t}-{u}" for t in TENS for u in UNITS_WORDS] + \
    [f"{t} {u}" for t in TENS for u in UNITS_WORDS]
_unit_words = list(UNITS) + list(UNIT_PLURALS)

MACROS = {
    # Case-sensitive names: "May" is a month, "may" a verb.
    "MONTH": "(?-i:" + _alternation(_cased(_FULL_MONTHS) + [a.capitalize() + "." for a in _ABBREVIATED]
                                    + _cased(_ABBREVIATED)) + r"(?![a-z]))",
    # After a day number a month in lower case is still a month ("the 6 july", as translations write).
    "LOWMONTH": "(?-i:" + _alternation(_FULL_MONTHS) + r"(?![a-z]))",
    "MONTHNAME": "(?-i:" + _alternation(_cased(_FULL_MONTHS)) + r"(?![a-z]))",
    "SAFEMONTH": "(?-i:" + _alternation(_cased([m for m in _FULL_MONTHS if m.capitalize() not in AMBIGUOUS_MONTHS])) + r"(?![a-z]))",
    "WEEKDAY": "(?-i:" + _alternation(_cased(_FULL_WEEKDAYS)) + r"(?![a-z]))",
    "WEEKDAYS": "(?-i:" + _alternation([w + "s" for w in _cased(_FULL_WEEKDAYS)]) + ")",
    "DAY": r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![0-9])",
    "YEAR": r"(?:1[0-9]{3}|20[0-9]{2})(?![0-9])(?!\s*(?:%|percent|per\b))",
    "YEARX": r"(?:1[5-9][0-9]{2}|20[0-9]{2})(?![0-9,.]?[0-9])",
    "NUM": r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+(?:\.[0-9]+|\s+1/2|½)?|" + _alternation(_number_words) + r")(?![0-9])",
    "UNIT": _alternation(_unit_words) + r"\b",
    "ORD": _alternation([o for o, value in ORDINALS.items() if value > 0]),
    "ORDWORD": _alternation(ORDINAL_WORDS),
    # A season before a capitalised word is part of a name: "Spring Festival", "Winter Olympics".
    "SEASON": _alternation(SEASONS) + r"\b(?!\s+(?-i:[A-Z][a-z]))",
    "POD": _alternation(PARTS_OF_DAY) + r"\b",
    "APPROX": r"(?:(?:nearly|almost|around|approximately|roughly|some|more\s+than|less\s+than|fewer\s+than|"
              r"at\s+least|at\s+most|up\s+to|no\s+more\s+than|no\s+less\s+than|well\s+over|just\s+over|"
              r"just\s+under|close\s+to|upwards\s+of|over(?=\s+(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|[0-9])\b))\s+)",
    "EDGE": r"(?:(?:the\s+)?(?:very\s+)?(?:early|late|mid|middle|beginning|start|end|earlier|later)"
            r"(?:\s+(?:part|half|days|weeks|months)\s+of)?(?:\s+of)?(?:\s+|-)"
            r"|(?:the\s+)?(?:first|second|last|final)\s+half\s+of\s+|the\s+turn\s+of\s+(?:the\s+)?)",
    "TZ": r"(?:\s*\(?(?:local\s+time|[ECMP][SD]T|GMT|UTC|Z)\)?)",
    "CLOCK": r"(?:[01]?[0-9]|2[0-3])(?:[:.][0-5][0-9])?\s*(?:a\.m\.|p\.m\.|a\.m|p\.m|am\b|pm\b"
             r"|(?<=[0-9])\s+(?:in\s+the\s+(?:morning|afternoon|evening)|at\s+night)\b)",
    "REF": _alternation([w for w, v in REFERENCES.items() if v]) + r"\b",
    "SETWORD": _alternation(SET_WORDS) + r"\b",
    "HOLIDAY": "(?-i:" + _alternation([" ".join(p.capitalize() for p in h.split(" "))
                                       for h in HOLIDAYS]) + r")\b",
    # A year as broadcast transcripts write it: "nineteen ninety-six", "nineteen o five".
    "SPOKENYEAR": r"(?:nineteen|eighteen)(?:\s+|-)(?:(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|"
                  r"eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
                  r"(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine)\b)?|o[-\s](?:one|two|three|four|five|six|"
                  r"seven|eight|nine))\b",
    "DIR": r"(?:last|this|next|past|coming|previous|following|current|same|that|recent|upcoming|latest|prior|final)",
}


@dataclass(frozen=True)
class Rule:
    """A pattern, the normaliser that reads its match, and the kinds of token a match can start with.

    ``type`` is the TIMEX3 type the rule mostly yields, for the reader of this
    table; the normaliser has the last word (an age is rejected, a rate dropped).

    ``starts`` lets the engine try a rule only where it can match: at a
    ``digit``, at a month or weekday ``name``, or at a ``word`` of the tagger's
    vocabulary (the token classes of ``tagger.token_class``).
    """

    name: str
    pattern: str
    normaliser: str
    type: str = "DATE"
    starts: frozenset = frozenset({"word"})


RULES = [
    # Dates with a clock time.
    Rule("clock_date", r"(?P<approx>{APPROX})?(?P<clock>{CLOCK}){TZ}?(?:,?\s+(?:on\s+)?(?:(?P<weekday>{WEEKDAY})|(?P<deictic>today|yesterday|tomorrow|tonight)|(?P<month>{MONTH})\s+(?P<day>{DAY})(?:,?\s+(?P<year>{YEAR}))?))?", "clock", "TIME", starts=frozenset({"word", "digit"})),
    Rule("iso_datetime", r"\b(?P<year>{YEAR})-(?P<monthnum>0[1-9]|1[0-2])-(?P<day>{DAY})T(?P<clock>[0-2][0-9]:[0-5][0-9])", "numeric_date", "TIME", starts=frozenset({"digit"})),
    Rule("iso_date", r"\b(?P<year>{YEAR})-(?P<monthnum>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12][0-9]|3[01])(?![0-9-])", "numeric_date", starts=frozenset({"digit"})),
    Rule("slash_date", r"\b(?P<monthnum>0?[1-9]|1[0-2])/(?P<day>0?[1-9]|[12][0-9]|3[01])/(?P<year>[12][0-9]{3}|[0-9]{2})(?![0-9/])", "numeric_date", starts=frozenset({"digit"})),
    # Weekday, day and month, year: "Friday, Aug. 7, 1998", "6 May", "6. August", "the 6th of May".
    Rule("day_month", r"(?:(?P<weekday>{WEEKDAY}),?\s+)?(?:the\s+)?(?P<day>{DAY})\.?\s+(?:of\s+)?(?P<month>{MONTH}|{LOWMONTH})(?:,?\s+(?P<year>{YEAR})|,?\s+(?:of\s+)?(?P<ofdir>this|last|next)\s+year\b)?(?:\s+in\s+the\s+(?P<pod>night|morning|afternoon|evening)\b)?", "date", starts=frozenset({"word", "digit", "name"})),
    Rule("week_of", r"the\s+week\s+of\s+(?P<month>{MONTH})\s+(?P<day>{DAY})(?:,?\s+(?P<year>{YEAR}))?", "week_of"),
    Rule("month_day", r"(?:(?P<weekday>{WEEKDAY}),?\s+)?(?P<month>{MONTH})\s+(?:the\s+)?(?P<day>{DAY})(?!\.\s*{MONTH})(?!,?[0-9]{3})(?:,?\s+(?P<year>{YEAR})|,?\s+(?:of\s+)?(?P<ofdir>this|last|next)\s+year\b)?", "date", starts=frozenset({"name"})),
    Rule("spoken_year", r"(?:(?P<month>{MONTHNAME})\s+)?(?P<year>{SPOKENYEAR})", "spoken_year", starts=frozenset({"name", "word"})),
    Rule("month_rel_year", r"(?P<edge>{EDGE})?(?P<month>{MONTHNAME})\s+(?:of\s+)?(?P<ofdir>this|last|next)\s+year\b", "month", starts=frozenset({"name", "word"})),
    Rule("month_year", r"(?P<edge>{EDGE})?(?P<month>{MONTHNAME})\s*,?\s+(?:of\s+)?(?P<year>{YEAR})", "month", starts=frozenset({"name", "word"})),
    # Holidays: "Thanksgiving Day", "Christmas 1998".
    Rule("holiday", r"(?P<holiday>{HOLIDAY})(?:\s+(?P<year>{YEAR}))?", "holiday", starts=frozenset({"word", "name"})),
    # Quarters and halves: "the third quarter", "third-quarter", "the fiscal first quarter of 1990".
    Rule("quarter", r"(?:(?P<det>the|this|last|next|that|its|a)\s+(?=(?:\S+\s+){0,3}?(?:first|second|third|fourth|1st|2nd|3rd|4th)\s))?(?:(?P<qyear>{YEAR})(?:'s)?\s+|(?P<ofdir2>this|last|next)\s+year's\s+)?(?:(?P<qdir>latest|last|current|same|previous|prior|comparable|corresponding|year-earlier|year-ago|fiscal|calendar)\s+){0,2}(?P<ord>{ORD})(?:-|\s+)(?:fiscal\s+)?(?P<part>quarter|half)(?:\s+(?:of\s+)?(?:fiscal\s+)?(?P<year>{YEAR})|\s+of\s+(?P<ofdir>this|last|next)\s+year)?", "quarter", starts=frozenset({"word", "digit"})),
    # "the quarter a year ago": the quarter spoken of, one year back (before "the quarter" alone).
    Rule("quarter_year_ago", r"the\s+(?P<noun>quarter|period)\s+a\s+year\s+(?:ago|earlier)\b", "year_earlier"),
    Rule("the_quarter", r"(?:the|that)\s+(?:latest\s+|most\s+recent\s+|same\s+|comparable\s+|recent\s+)?(?:fiscal\s+)?quarter\b(?!ly|s)|the\s+latest\s+period\b", "the_quarter"),
    Rule("year_end", r"(?:(?P<approx>around|about)\s+)?(?:the\s+)?year(?:-|\s+|'s\s+)end\b", "year_end"),
    Rule("the_year", r"the\s+(?:full\s+)?year\b(?!-|\s+(?:ago|earlier|before|later|after|two|2000|19|20))", "the_year"),
    Rule("century", r"(?:the\s+)?(?P<ord>[0-9]{1,2})(?:st|nd|rd|th)\s+century\b|(?:the\s+)?(?P<ordword>{ORDWORD})\s+century\b", "century", starts=frozenset({"word", "digit"})),
    Rule("last_half", r"(?:the\s+)?(?P<ord>last|final|latter)\s+half\s+of\s+(?P<year>{YEAR})", "half_span"),
    Rule("ordinal_quarters", r"(?:the\s+)?(?P<ord>{ORD})\s+(?:two|three)\s+quarters\s+of\s+(?P<year>{YEAR})", "half_span"),
    # Decades: "the 1990s", "the '80s", "mid-1990s", "the late 1980s".
    Rule("decade_word", r"(?P<edge>{EDGE})?the\s+(?:(?P<edge2>early|late|mid)[-\s]+)?(?P<decword>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b", "decade"),
    Rule("decade", r"(?P<edge>{EDGE})?(?:the\s+)?(?:(?P<century>1[0-9]|20)(?P<decade>[0-9])0|'(?P<short>[0-9])0)'?s\b", "decade", starts=frozenset({"word", "digit"})),
    # Seasons: "last fall", "the summer of 1998", "early spring".
    Rule("season", r"(?P<edge>{EDGE})?(?:(?:(?P<dir>{DIR})|the|(?P<qyear>{YEAR})(?:'s)?)\s+)?(?P<season>{SEASON})(?:\s+(?:of\s+)?(?P<year>{YEAR}|{SPOKENYEAR}))?", "season", starts=frozenset({"word", "digit"})),
    # Anchored offsets: "two days later", "a year ago", "almost four years ago".
    Rule("offset", r"(?P<approx>{APPROX})?(?P<num>{NUM})(?P<half>\s+and\s+a\s+half)?[-\s]+(?P<unit>{UNIT})(?P<half2>\s+and\s+a\s+half)?(?P<orso>\s+or\s+so)?\s+(?P<offset>ago|earlier|later|before|after|from\s+now|hence|back)\b(?!\s+(?:the|a|an|his|her|its|their|he|she|it|they|we|I)\b)", "offset", starts=frozenset({"word", "digit"})),
    Rule("year_earlier", r"(?:the\s+)?year-(?:earlier|ago)(?:\s+(?P<noun>quarter|period|level|month|week|results?))?|(?P<noun2>a\s+)?(?:the\s+)?(?:same|comparable|corresponding)\s+(?:period|quarter|time)\s+(?:a|last|the\s+previous)\s+year", "year_earlier"),
    # Relative units: "last week", "this year", "the following month", "earlier this year", "early next year".
    Rule("relative_unit", r"(?P<edge>{EDGE})?(?:the\s+)?(?P<dir>{DIR})\s+(?:fiscal\s+)?(?P<unit>year|quarter|month|week|weekend|day|decade|century|half|night|morning|afternoon|evening|season)\b(?!-)", "relative_unit"),
    Rule("edge_of_unit", r"(?P<edge>(?:the\s+)?(?:very\s+)?(?:beginning|start|end|middle|rest|remainder)\s+of\s+)(?P<det>the|this|that)\s+(?P<unit>year|month|week|quarter|decade|century|day)\b", "edge_of_unit"),
    Rule("relative_weekday", r"(?P<dir>last|this|next|past|coming|previous|following|that)\s+(?P<weekday>{WEEKDAY})(?:\s+(?P<pod>{POD}))?", "weekday"),
    Rule("relative_month", r"(?P<edge>{EDGE})?(?P<dir>last|this|next|past|coming|previous|following|that)\s+(?P<month>{MONTHNAME})", "month"),
    Rule("edge_relative", r"(?P<edge>(?:early|late|mid|earlier|later)(?:\s+|-))(?P<dir>this|last|next)\s+(?P<unit>year|month|week|decade|century|quarter)", "relative_unit"),
    Rule("edge_year", r"(?P<edge>{EDGE})(?:fiscal\s+)?(?P<year>{YEARX})", "year"),
    Rule("month_edge", r"(?P<edge>{EDGE})(?P<month>{MONTHNAME})(?!\.?\s+[0-9])", "month"),
    # "in a year or two": some time ahead, not a length of time.
    Rule("or_two", r"(?:a|an|one)\s+(?:day|week|month|year)\s+or\s+two\b(?!\s+(?:ago|later|earlier|before|after|of)\b)", "or_two"),
    # Durations: "the past three years", "more than four hours", "27-year", "the first nine months".
    Rule("duration", r"(?P<approx>{APPROX})?(?:(?P<det>the)\s+(?!{NUM}-))?(?:(?P<dir>past|last|next|coming|first|latest|previous|final|following|initial|remaining|recent|same|other)\s+)?(?P<num>{NUM})(?P<half>\s+and\s+a\s+half)?(?:-|\s+)(?:(?:more|additional|straight|consecutive|full|trading|business|working)\s+)?(?P<unit>{UNIT})(?!-(?:earlier|ago|end|to-))(?P<half2>\s+and\s+a\s+half\b)?(?:-(?:old|long))?", "duration", "DURATION", starts=frozenset({"word", "digit"})),
    Rule("plural_units", r"(?P<approx>{APPROX})?(?:(?P<det>the)\s+(?=(?:past|last|next|coming|recent|previous|following|first)\s))?(?:(?P<dir>past|last|next|coming|recent|previous|following|first)\s+)?(?P<unit>seconds|minutes|hours|days|weeks|months|quarters|years|decades|centuries)\b", "plural_units", "DURATION"),
    # Parts of days: "Friday night", "this morning", "last night", "tonight".
    # A part of the day in the plural recurs: "Tuesday nights", and "Monday" in "Monday and Tuesday nights".
    Rule("weekday_pods", r"(?P<weekday>{WEEKDAY})(?:\s+(?P<pods>mornings|afternoons|evenings|nights)\b"
         r"|(?=\s+(?:and|or)\s+{WEEKDAY}\s+(?P<podsafter>mornings|afternoons|evenings|nights)\b))", "set", "SET",
         starts=frozenset({"name"})),
    Rule("weekday_pod", r"(?P<weekday>{WEEKDAY})\s+(?P<pod>{POD})", "weekday", "TIME", starts=frozenset({"name"})),
    Rule("deictic_pod", r"(?P<deictic>this|last|yesterday|tomorrow|today)\s+(?P<pod>{POD})|(?P<tonight>tonight)\b", "deictic", "TIME"),
    Rule("the_pod", r"the\s+(?P<pod>morning|afternoon|evening)\b(?!\s+of\b)", "the_pod", "TIME"),
    Rule("pod_edge", r"(?:the\s+)?(?P<edge>early|late|mid)[-\s]?(?P<pod>morning|afternoon|evening)(?:\s+(?P<deictic>yesterday|today|tomorrow)|\s+(?:on\s+)?(?P<weekday>{WEEKDAY}))?", "pod_edge", "TIME"),
    # "High noon" is a showdown (and a film), not twelve o'clock.
    Rule("noon", r"(?<!high )(?<!High )(?<!HIGH )(?P<noon>noon|midnight|midday)(?:\s+(?P<weekday>{WEEKDAY}))?", "clock", "TIME"),
    # Sets: "daily", "every day", "each Thursday", "Tuesday nights".
    Rule("set_word", r"\b(?P<setword>{SETWORD})", "set", "SET"),
    Rule("set_every", r"(?:every|each|per)\s+(?:(?P<num>{NUM})\s+)?(?:(?P<unit>{UNIT})|(?P<weekday>{WEEKDAY})|(?P<month>{MONTHNAME}))", "set", "SET", starts=frozenset({"word"})),
    Rule("set_weekdays", r"(?P<weekday>{WEEKDAYS})(?:\s+(?P<pod>{POD}))?", "set", "SET", starts=frozenset({"name"})),
    # Weekdays, deictic days and bare months.
    Rule("weekday", r"(?<!'s )(?<!’s )(?:(?P<edge>early|late|earlier|later)\s+)?(?P<weekday>{WEEKDAY})(?:\s+(?P<pod>{POD}))?", "weekday", starts=frozenset({"word", "name"})),
    Rule("deictic_day", r"(?:(?P<edge>early|late|earlier|later)\s+)?\b(?P<deictic>today|yesterday|tomorrow|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow)\b", "deictic"),
    Rule("bare_month", r"(?P<month>{MONTHNAME})(?!\s+(?-i:[A-Z0-9]))(?!-)", "bare_month", starts=frozenset({"name"})),
    Rule("fiscal_year", r"(?:(?P<det>the)\s+)?fiscal(?:\s+year)?\s+(?P<year>{YEAR})|(?:the\s+)?(?P<fy>fiscal\s+year)\b", "fiscal"),
    Rule("the_weekend", r"the\s+weekend\b", "the_weekend"),
    Rule("year_words", r"the\s+year\s+(?:two\s+thousand|2000)(?:\s+and\s+\w+)?", "year2000"),
    Rule("prefixed_year", r"(?P<prefix>pre|post|mid)-(?P<year>{YEARX})(?![0-9])", "year"),
    Rule("year", r"(?<![0-9$#£€.,/:-])(?<!\bNo\. )(?P<year>{YEARX})(?:'s)?(?![0-9/:-])", "year", starts=frozenset({"digit"})),
    # "the then current price", "the then-current chairman": the present of a time gone by.
    Rule("reference", r"(?<![-\w])(?:(?P<then>then)(?:\s+|-)(?=current\b))?(?P<ref>{REF})(?![-\w])", "reference"),
]
