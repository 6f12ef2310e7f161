"""Happenings dated from other happenings, and deadlines.

"The bombardment came two days after rebels attacked an army checkpoint" dates the attack from
the bombardment; "agreed to leave on 8 April 2018, a day after a suspected gas attack" puts the gas
attack on 7 April. An offset (a duration the tagger found, or words that are one: "the day")
followed by a signal ("after", "before") and a clause or noun phrase naming a happening relates two
happenings: when one of them is dated, so is the other. "Leave Aleppo by Friday night" sets a
deadline: the happening falls on or before that day, not on it. The words are data
(``data/relations.tsv``).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterable

from .temporal import TemporalExpression
from .temporal.calendar_math import shift
from .temporal.firstchars import with_lookahead
from .temporal.lexicon import alternatives, current_language
from .temporal.values import Interval, format_value, offset_parts

KINDS = ("earlier", "later", "offset", "no_happening", "deadline", "until", "recall", "recall_subject", "not_named",
         "phrase_end", "stretch", "hedge")
# TimeML's mod for a happening that falls on or before its date (a deadline).
DEADLINE_MOD = "ON_OR_BEFORE"
MAX_PHRASE = 160
_TRAILING_JOIN = re.compile(r"(?<![\s,])[\s,]*(?:\b(?:%s)\b[\s,]*)?$" % alternatives(current_language().cues["trailing_joiner"]),
                            re.IGNORECASE)
# The units of a TIMEX3 duration an offset can be counted in: years, decades, months, weeks, days, hours, minutes.
_OFFSET_UNITS = ("Y", "DE", "M", "W", "D", "TH", "TM")
_GRANULARITY = {"Y": "year", "DE": "year", "M": "month", "W": "day", "D": "day"}
_COARSE_TO_FINE = ("year", "month", "day")


@dataclass(frozen=True)
class Words:
    """What the relation finder reads (see ``data/relations.tsv``)."""

    signal: re.Pattern  # a signal right after an offset, with a group per kind
    signal_words: tuple[str, ...]  # the first word of each signal, lower case: a sentence without one has no relation
    ends_with_signal: re.Pattern  # an offset's words that end with a signal ("two days after")
    offset: re.Pattern  # words that are an offset of their own, then a signal
    offsets: dict  # those words, lower case, to their TIMEX3 duration
    offset_words: tuple[str, ...]  # the first word of each of those, lower case
    no_happening: re.Pattern  # first words after a signal that name no happening
    deadline: re.Pattern  # the end of the words before a deadline's date
    deadline_after_word: bool  # whether each of those words ends with a word character (see is_deadline)
    recall: re.Pattern  # the words before an offset that speak again of a happening already dated
    phrase_end: re.Pattern  # where the words naming a happening end
    stretch: re.Pattern  # the end of the words before a duration that make it a stretch of time


def _alternatives(words: Iterable[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


class RelationsError(ValueError):
    """A relations file that cannot be read; the message names the file and line."""


def parse_words(lines: Iterable[str], origin: str = "<relations>") -> Words:
    """The relation words of ``KIND<tab>WORDS[<tab>VALUE]`` lines."""
    words: dict[str, list[str]] = {kind: [] for kind in KINDS}
    offsets: dict[str, str] = {}
    for number, raw in enumerate(lines, start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        parts = [p.strip() for p in raw.rstrip("\n").split("\t")]
        if len(parts) not in (2, 3) or parts[0] not in KINDS or not parts[1]:
            raise RelationsError(f"{origin}:{number}: expected KIND<tab>WORDS[<tab>VALUE], KIND one of {', '.join(KINDS)}")
        variants = [w.strip() for w in parts[1].split("|") if w.strip()]
        if parts[0] == "offset":
            if len(parts) != 3 or not offset_parts(parts[2], _OFFSET_UNITS):
                raise RelationsError(f"{origin}:{number}: an offset needs a TIMEX3 duration (P1D)")
            offsets.update((" ".join(w.lower().split()), parts[2]) for w in variants)
        words[parts[0]].extend(variants)
    signals = r"(?:(?P<earlier>%s)|(?P<later>%s))" % (_alternatives(words["earlier"]), _alternatives(words["later"]))
    deadline = r"\b(?:%s)\s+$" % _alternatives(words["deadline"])
    if words["until"]:
        deadline += r"|\b(?:%s)\s+(?:\w+\s+)?until\s+$" % _alternatives(words["until"])
    hedges = _alternatives(words["hedge"])
    return Words(
        signal=re.compile(r"\s+%s\s+" % signals, re.IGNORECASE),
        signal_words=_first_words(words["earlier"] + words["later"]),
        ends_with_signal=re.compile(r"\s%s$" % signals, re.IGNORECASE),
        offset=re.compile(r"\b(?P<offset>%s)\s+%s\s+" % (_alternatives(offsets), signals), re.IGNORECASE),
        offsets=offsets,
        offset_words=_first_words(offsets),
        no_happening=re.compile(r"(?:%s)\b" % _alternatives(words["no_happening"] + words["not_named"]), re.IGNORECASE),
        # Searched before every date: the look-ahead at its first letters skips the other places in C.
        deadline=with_lookahead(re.compile(deadline, re.IGNORECASE)),
        deadline_after_word=all(re.search(r"\w\Z", word) for word in words["deadline"]),
        recall=re.compile(r"^\W*(?:%s)\b(?:\s+[\w'’-]+){0,6}?\s+(?:%s)(?:\s+(?:%s))?\s*$"
                          % (_alternatives(words["recall_subject"]), _alternatives(words["recall"]), hedges), re.IGNORECASE),
        # A full stop ends the words, not one of an abbreviation or an initial ("U.S. President", "Donald J. Trump").
        phrase_end=re.compile(r"\s*(?:[,;:—–]|\s-{1,2}\s|(?:[!?]|%s\.)(?:[\"'”’)\]]*\s|[\"'”’)\]]*$)|\s(?=(?:%s)\b))"
                              % ("(?-i:(?<![A-Z]\\.[A-Z])(?<!\\b[A-Z]))" + "".join(
                                  rf"(?<!\b{re.escape(a)})" for a in current_language().words.get("abbreviation", ())),
                                 _alternatives(words["phrase_end"])), re.IGNORECASE),
        stretch=re.compile(r"\b(?:%s)\s+(?:(?:%s)\s+)*$" % (_alternatives(words["stretch"]), hedges), re.IGNORECASE),
    )


def _first_words(variants: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted({variant.split()[0].lower() for variant in variants}))


@lru_cache(maxsize=1)
def relation_words() -> Words:
    text = resources.files("timeline").joinpath("data/relations.tsv").read_text(encoding="utf-8")
    return parse_words(text.splitlines(), "relations.tsv")


@dataclass(frozen=True)
class Relation:
    """An offset, a signal and the words naming a happening, in a sentence (offsets into it).

    ``offset`` is where the offset starts and the signal ends ("two days after"), ``phrase`` the
    words that name the happening ("rebels attacked an army checkpoint near Morek"). ``direction``
    is -1 when that happening came before the date the offset is measured from ("after"), +1 when
    it came after it ("before"); ``duration`` the offset as a TIMEX3 duration, ``approximate`` when
    the text gives it as a bound or an estimate.
    """

    offset: tuple[int, int]
    signal_start: int
    phrase: tuple[int, int]
    duration: str
    direction: int
    approximate: bool = False  # "more than seven years after", "about a week before"

    @property
    def span(self) -> tuple[int, int]:
        """From the offset to the end of the phrase: the words a title of the other happening leaves out."""
        return self.offset[0], self.phrase[1]


def is_deadline(sentence: str, date_start: int, date_end: int) -> bool:
    """Whether the date at ``[date_start, date_end)`` of ``sentence`` is a deadline ("by Friday night")."""
    if sentence.startswith(("'s", "’s"), date_end):
        return False  # "hit by Friday's strike": the possessive names a happening
    words, low = relation_words(), max(0, date_start - 40)
    if words.deadline_after_word:
        # Its words end with a word character and spaces before the date: a date after a comma or a
        # bracket ("3 May, 4 May") is none, told without a search.
        before = date_start
        while before > low and sentence[before - 1].isspace():
            before -= 1
        if before == date_start or before == low or not (sentence[before - 1].isalnum() or sentence[before - 1] == "_"):
            return False
    return bool(words.deadline.search(sentence, low, date_start))


def named_happening(sentence: str, start: int, end: int) -> tuple[int, int] | None:
    """The words naming the happening that an offset and its signal at ``[start, end)`` of
    ``sentence`` ("two days after") date, or None when those words hold no signal."""
    if not relation_words().ends_with_signal.search(sentence, start, end):
        return None
    phrase_start = end + len(sentence[end:]) - len(sentence[end:].lstrip())
    return phrase_start, phrase_end(sentence, phrase_start)


def recalls_happening(sentence: str, relation: Relation) -> bool:
    """Whether the words of ``sentence`` before ``relation`` speak again of a happening already told
    ("The bombardment came", "It happened"): then the offset counts from that happening."""
    return bool(relation_words().recall.search(sentence, 0, relation.offset[0]))


@lru_cache(maxsize=1)
def _apposition() -> re.Pattern:
    """An apposition between commas that the verb of the clause follows: ", attorney for the family, announced"."""
    language = current_language()
    return re.compile(r",\s+[^,;:()]{1,80},\s+(?=(?:%s|%s|[a-z]{3,}(?:%s))\b)" % (
        alternatives(language.cues["apposition_auxiliary"]), alternatives(language.past_forms),
        alternatives(language.cues["past_ending"])))


def phrase_end(sentence: str, start: int) -> int:
    """Where the words naming a happening that start at ``start`` end (over an apposition between
    commas: "after Gregory Craig, attorney for the family, announced ...")."""
    limit = min(len(sentence), start + MAX_PHRASE)
    found = relation_words().phrase_end.search(sentence, start, limit)
    while found is not None and sentence.startswith(",", found.start()):
        apposition = _apposition().match(sentence, found.start())
        if apposition is None:
            break
        found = relation_words().phrase_end.search(sentence, apposition.end(), limit)
    end = found.start() if found else limit
    if not found and limit < len(sentence):
        end = sentence.rfind(" ", start, limit) if " " in sentence[start:limit] else limit
    return end


def find_relations(sentence: str, expressions: Iterable[TemporalExpression], sentence_start: int = 0) -> list[Relation]:
    """The offsets of ``sentence`` that date a happening from another ("two days after X").

    ``expressions`` are the sentence's temporal expressions, with offsets into the text the
    sentence starts at ``sentence_start`` of.
    """
    words = relation_words()
    lower = sentence.lower()
    if not any(word in lower for word in words.signal_words):
        return []
    spans = sorted(((e.start - sentence_start, e.end - sentence_start, e) for e in expressions), key=lambda s: s[:2])
    candidates: list[tuple[int, int, str, re.Match, bool]] = []
    for start, end, expression in spans:
        if expression.type != "DURATION" or not offset_parts(expression.value, _OFFSET_UNITS):
            continue
        signal = words.signal.match(sentence, end)
        if signal and not words.stretch.search(sentence, max(0, start - 40), start):
            candidates.append((start, end, expression.value, signal, bool(expression.mod)))
    if any(word in lower for word in words.offset_words):
        for match in words.offset.finditer(sentence):
            if any(s < match.end("offset") and match.start() < e for s, e, _ in spans):
                continue
            if words.stretch.search(sentence, max(0, match.start() - 40), match.start()):
                continue  # "rest for the day after campaigning"
            signal = words.signal.match(sentence, match.end("offset"))
            if signal:
                duration = words.offsets[" ".join(match.group("offset").lower().split())]
                candidates.append((match.start(), match.end("offset"), duration, signal, False))
    relations = []
    candidates.sort(key=lambda c: c[0])
    for number, (start, end, duration, signal, approximate) in enumerate(candidates):
        phrase_start = signal.end()
        if words.no_happening.match(sentence, phrase_start) or any(s <= phrase_start < e for s, e, _ in spans):
            continue  # "two days after that", "a week before 5 May": no happening named
        end_of_phrase = phrase_end(sentence, phrase_start)
        if number + 1 < len(candidates) and candidates[number + 1][0] < end_of_phrase:
            # "a day after the vote and five years after the election": the next offset ends the phrase.
            end_of_phrase = phrase_start + len(_TRAILING_JOIN.sub("", sentence[phrase_start:candidates[number + 1][0]]))
        if not re.search(r"[A-Za-z]{3}", sentence[phrase_start:end_of_phrase]):
            continue
        end_of_phrase = _with_own_date(sentence, end_of_phrase, spans)
        kind = "earlier" if signal.group("earlier") else "later"
        relations.append(Relation((start, signal.end(kind)), signal.start(kind), (phrase_start, end_of_phrase),
                                  duration, -1 if kind == "earlier" else 1, approximate))
    return relations


@lru_cache(maxsize=1)
def _date_after_apposition() -> re.Pattern:
    """What lies between a phrase cut at its comma and a date of its own: an apposition and a date's preposition
    ("after the RSF captured Bara|, a town in North Kordofan, on |Saturday"); a date right after the comma ("began
    a week after the truce, on Monday") is as often the sentence's own."""
    # (the rest of the phrase may come first: "jihadists killed 53 people, most of them gendarmes, at Inata in
    # November 2021")
    return re.compile(r",\s+[^,;:()]{1,80},\s+(?:[^\W\d][\w'’-]*\s+){0,4}?(?:(?:%s)\s+)?"
                      % alternatives(current_language().cues["date_lead_in"]), re.IGNORECASE)


def _with_own_date(sentence: str, end: int, spans) -> int:
    """The end of a happening's words, over a date of its own after an apposition: "a day after the RSF captured
    Bara, a town in North Kordofan, on Saturday" dates the capture, and the sentence's happening from it."""
    for start, date_end, expression in spans:
        if start >= end and expression.type in ("DATE", "TIME"):
            if _date_after_apposition().fullmatch(sentence, end, start):
                return date_end
            return end
    return end


def offset_date(anchor: Interval, duration: str, direction: int, approximate: bool = False) -> tuple[str, str | None] | None:
    """The value and mod of a happening ``duration`` after (``direction`` 1) or before (-1) the
    happening of ``anchor``; None when the offset is vague ("days after") or finer than what the
    anchor is known to ("two days after" a month)."""
    parts = offset_parts(duration, _OFFSET_UNITS)
    if parts is None:
        return None
    amount, unit = parts
    anchor_granularity = "day" if anchor.precision in ("day", "time") else anchor.precision
    if anchor_granularity not in _COARSE_TO_FINE:
        return None
    if unit.startswith("T"):  # hours or minutes: the same day, or as many days as whole days
        if anchor_granularity != "day":
            return None
        days = int(amount) // 24 if amount != "X" and unit == "TH" else 0
        exact = amount != "X" and days and int(amount) % 24 == 0
        day = anchor.start + dt.timedelta(days=direction * days)
        return day.isoformat(), None if exact else "APPROX"
    if amount == "X":
        return None
    count = int(amount) * (7 if unit == "W" else 10 if unit == "DE" else 1)
    granularity = _GRANULARITY[unit]
    if _COARSE_TO_FINE.index(granularity) > _COARSE_TO_FINE.index(anchor_granularity):
        return None
    try:
        day = shift(anchor.start, granularity, direction * count)
    except (OverflowError, ValueError):
        return None
    return format_value(day, granularity), "APPROX" if approximate else None
