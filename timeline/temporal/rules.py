"""The tagger's patterns, as rows of the language's ``rules.tsv``: a regular expression written
with macros, and the value template that turns its match into a TIMEX3 type and value.

Rules are tried as one compiled alternation, left to right in the table at each
position, so longer and more specific rules come first.  The macros are the word
lists of the language's files, written here as tries, and the patterns of its
``patterns.tsv``.  Patterns are matched case-insensitively except inside the month
and weekday macros, which are case-sensitive so that "may", "march" and "sun" stay words.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .values import REFERENCE_VALUES
from .vocabulary import (LANGUAGE, AMBIGUOUS_MONTHS, HOLIDAYS, MONTH_ABBREVIATIONS, MONTH_NAMES, NUMBERS, ORDINAL_WORDS,
                         MULTIPLIERS, ORDINALS, PARTS_OF_DAY, REFERENCES, SEASONS, SET_WORDS, TENS, UNIT_PLURALS, UNITS,
                         UNITS_WORDS, WEEKDAY_ABBREVIATIONS, WEEKDAY_NAMES)


def alternation(words) -> str:
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


def _holiday_spellings(name: str) -> list[str]:
    """How a text capitalises a holiday of holidays.tsv: each word ("Good Friday", "Lunar New Year"), and each but its
    particles ("Eid al-Fitr", "Eid ul-Adha": words.tsv name_particle)."""
    particles = LANGUAGE.words.get("name_particle", {})
    every = " ".join("-".join(q.capitalize() for q in p.split("-")) for p in name.split(" "))
    but = " ".join("-".join(q if q in particles else q.capitalize() for q in p.split("-")) for p in name.split(" "))
    return [every] if but == every else [every, but]


def _cased(words) -> list[str]:
    return [w.capitalize() for w in words] + [w.upper() for w in words]


_FULL_MONTHS = list(MONTH_NAMES)
_ABBREVIATED = list(MONTH_ABBREVIATIONS)
_FULL_WEEKDAYS = list(WEEKDAY_NAMES)

_number_words = [w for w in NUMBERS] + [f"{t}-{u}" for t in TENS for u in UNITS_WORDS] + \
    [f"{t} {u}" for t in TENS for u in UNITS_WORDS]
# "two hundred", "fifteen thousand": a single number word below a hundred times a multiplier.
_number_words += [f"{n}{sep}{m}" for n, value in NUMBERS.items() if " " not in n and n not in MULTIPLIERS
                  and isinstance(value, int) and 1 < value < 100 for m in MULTIPLIERS for sep in (" ", "-")]
_unit_words = list(UNITS) + list(UNIT_PLURALS)

MACROS = {
    # Case-sensitive names: "May" is a month, "may" a verb.
    "MONTH": "(?-i:" + alternation(_cased(_FULL_MONTHS) + [a.capitalize() + "." for a in _ABBREVIATED]
                                    + _cased(_ABBREVIATED)) + r"(?![a-z]))",
    # After a day number a month in lower case is still a month ("the 6 july", as translations write).
    "LOWMONTH": "(?-i:" + alternation(_FULL_MONTHS) + r"(?![a-z]))",
    "MONTHNAME": "(?-i:" + alternation(_cased(_FULL_MONTHS)) + r"(?![a-z]))",
    "SAFEMONTH": "(?-i:" + alternation(_cased([m for m in _FULL_MONTHS if m.capitalize() not in AMBIGUOUS_MONTHS])) + r"(?![a-z]))",
    "WEEKDAY": "(?-i:" + alternation(_cased(_FULL_WEEKDAYS)) + r"(?![a-z]))",
    # A weekday written before a date may be abbreviated: "Mon 2 June", "Wed., June 4".
    "DAYNAME": "(?-i:" + alternation(_cased(_FULL_WEEKDAYS) + [a.capitalize() + "." for a in WEEKDAY_ABBREVIATIONS]
                                     + _cased(WEEKDAY_ABBREVIATIONS)) + r"(?![a-z]))",
    "WEEKDAYS": "(?-i:" + alternation(_cased(LANGUAGE.weekday_plurals)) + ")",
    # No count of three digits or more is written with a leading zero: "0430 hours" is a clock time ("1 hour 08
    # minutes" is a count).
    "NUM": r"(?:[0-9]{1,3}(?:,[0-9]{3})+|(?!0[0-9]{2})[0-9]+(?:\.[0-9]+|\s+1/2|½)?|" + alternation(_number_words) + r")(?![0-9])",
    "UNIT": alternation(_unit_words) + r"\b",
    "ORD": alternation([o for o, value in ORDINALS.items() if value > 0]),
    "ORDWORD": alternation(ORDINAL_WORDS),
    # A season before a capitalised word is part of a name ("Spring Festival", "Winter Olympics") or qualifies it ("the
    # 2008 summer Olympiad"), except one in lower case after a determiner or a word of its time: "in the autumn Edward
    # renewed his claim", "The following spring Hannibal", "by late autumn Ukraine's commander".
    "SEASON": r"(?:(?:(?<=the )|(?<=that )|(?<=this )|(?<=last )|(?<=next )|(?<=following )|(?<=previous )|(?<=late )"
              r"|(?<=early ))(?-i:" + alternation(SEASONS) + r")\b|"
              + alternation(SEASONS) + r"\b(?!\s+(?-i:[A-Z][a-z])))",
    "POD": alternation(PARTS_OF_DAY) + r"\b",
    "REF": alternation([w for w, v in REFERENCES.items() if v]) + r"\b",
    # The words of each value: PRESENTREF, PASTREF, FUTUREREF.
    **{value.replace("_", ""): alternation([w for w, v in REFERENCES.items() if v == value]) + r"\b"
       if value in REFERENCES.values() else "(?!)" for value in REFERENCE_VALUES},
    "SETWORD": alternation(SET_WORDS) + r"\b",
    "HOLIDAY": "(?-i:" + alternation([spelling for h in HOLIDAYS for spelling in _holiday_spellings(h)]) + r")\b",
}


@dataclass(frozen=True)
class Rule:
    """A pattern, the value template that reads its match, and the kinds of token a match can start with.

    ``type`` is the TIMEX3 type of the values the template writes without naming
    one; a procedure the template calls may say otherwise (an age is rejected, a
    rate dropped).

    ``starts`` lets the engine try a rule only where it can match: at a
    ``digit``, at a month or weekday ``name``, or at a ``word`` of the tagger's
    vocabulary (the token classes of ``tagger._word_class``).
    """

    name: str
    pattern: str
    value: str
    type: str = "DATE"
    starts: frozenset = frozenset({"word"})
    where: str = ""  # the file and line of the rule


MACROS.update(LANGUAGE.patterns)

RULES = [Rule(row.name, row.pattern, row.value, row.type, row.starts, row.where) for row in LANGUAGE.rules]
