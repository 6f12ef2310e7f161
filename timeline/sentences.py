"""Splitting text into sentences, keeping each sentence's character offsets.

Web copies put headlines, captions and paragraphs on lines of their own, so a line
break ends a sentence unless the line plainly runs on (hard-wrapped text: the line
ends inside a clause and the next begins in lower case). A full stop does not end a
sentence after an abbreviation, an initial, or a day number written the German way
before a month name ("On the morning of 6. August, ...").

A "sentence" longer than MAX_SENTENCE characters (text copied without full stops, a list of
dates) is cut into pieces of at most that length, at a line break if it holds one, else at
the last clause mark or space before the limit, so every later stage works on bounded units.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .temporal.lexicon import current_language

# Candidate boundaries: terminal punctuation (with closing quotes/brackets) and spaces,
# or a line break. Both begin with a space or a closing mark, which the search tests first.
# A line break's blanks are taken from where they begin: tried from each blank of a long run
# without one, the search would read the rest of the run each time (quadratic in the run).
# A report's footnote number copied onto the full stop before it ("hit the hospital.24 Witnesses
# said", "on 12 June 2016.23 The next day") is between sentences too: after a word or a year, before
# a capital (after a digit it is a decimal, "2.5 Million"); so are an encyclopedia's notes after a full stop
# ("took the town of Laukkai.[3] On 5 January").
_BOUNDARY = re.compile(r"(?=[\s\"'”’)\]0-9\[])(?:(?<=[.!?…])(?:\[[0-9a-z]{1,4}\])*[\"'”’)\]]*\s+"
                       r"|(?<!\s)\s*\n\s*"
                       r"|(?:(?<=[^\W\d_][.!?])|(?<=(?<![0-9.,])[0-9]{4}[.!?]))[\"'”’)\]]*[0-9]{1,3}(?:[ \t]+(?=[\"“]?[A-Z])|[ \t]*\n\s*|[ \t]*\Z))")
# What may open a sentence after terminal punctuation.
_OPENER = re.compile(r"[\"'“‘(\[]?[A-Z0-9À-ÖØ-Þ]")
# Abbreviations after which a full stop does not end a sentence: those the tagger knows (words.tsv,
# abbreviation), the splitter's own (sentence_abbreviation), and the month and weekday abbreviations.
_LANGUAGE = current_language()
ABBREVIATIONS = frozenset(
    word.lower() for role in ("abbreviation", "sentence_abbreviation") for word in _LANGUAGE.words.get(role, ())
) | set(_LANGUAGE.month_abbreviations) | set(_LANGUAGE.weekday_abbreviations)
MONTH_NAMES = tuple(_LANGUAGE.months)
_ORDINAL_BEFORE_MONTH = re.compile(r"\b\d{1,2}\.$")
_MONTH_AHEAD = re.compile(r"\s*(%s)\b" % "|".join(MONTH_NAMES), re.IGNORECASE)
_LAST_WORD = re.compile(r"([\w.]+)\.$")
_RUNS_ON_END = re.compile(r"[\w,;:\-–]$")
_OPENERS = frozenset(word.lower() for word in _LANGUAGE.words.get("sentence_opener", ()))
_FIRST_WORD = re.compile(r"[\"'“‘(]?([A-Z][a-z]*)\b")
# Longer than any sentence of the news corpora measured (TempEval-3 silver: 537 characters at most).
MAX_SENTENCE = 1000
# Where an overlong sentence is cut, best first: a line break, a clause mark, a space.
_CUTS = ("\n", "; ", ", ", " ")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    # Whether this is a later piece of an overlong sentence (see MAX_SENTENCE): it goes on from the
    # piece before it, whose words it may not repeat ("Clashes were reported on 1 May, ... 26 May").
    continues: bool = False


def _is_boundary(text: str, boundary: re.Match, limit: int) -> bool:
    """Whether the candidate ``boundary`` really ends a sentence."""
    before = text[max(0, boundary.start() - 40):boundary.start()]
    after = text[boundary.end():min(limit, boundary.end() + 40)]
    separator = boundary.group()
    if "\n" in separator:
        if separator.count("\n") > 1:
            return True
        # A hard-wrapped line runs on: it ends inside a clause and the next line goes on in lower case.
        return not (_RUNS_ON_END.search(before) and after[:1].islower())
    if not after and boundary.end() >= limit:
        return True  # the end of the text: a footnote number after the last full stop is no sentence
    if not _OPENER.match(after):
        return False
    if before.endswith("."):
        if _ORDINAL_BEFORE_MONTH.search(before) and _MONTH_AHEAD.match(after):
            return False
        word = _LAST_WORD.search(before)
        if word:
            token = word.group(1).lower()
            if token in ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
                # "at 3 a.m. Some soldiers": a word that opens sentences and follows no abbreviation inside one
                opener = _FIRST_WORD.match(after)
                return opener is not None and len(token) > 1 and opener.group(1).lower() in _OPENERS
    return True


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[Sentence]:
    """Sentences of ``text[start:end]`` with offsets into ``text``."""
    end = len(text) if end is None else end
    sentences: list[Sentence] = []
    position = start
    for boundary in _BOUNDARY.finditer(text, start, end):
        if boundary.start() <= position or not _is_boundary(text, boundary, end):
            continue
        _add(sentences, text, position, boundary.start())
        position = boundary.end()
    _add(sentences, text, position, end)
    return sentences


def _add(sentences: list[Sentence], text: str, start: int, end: int, continues: bool = False) -> None:
    while True:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end - start <= MAX_SENTENCE:
            break
        cut = _cut(text, start, start + MAX_SENTENCE)
        _add(sentences, text, start, cut, continues)
        start, continues = cut, True
    if end > start:
        sentences.append(Sentence(start, end, text[start:end], continues))


def _cut(text: str, start: int, limit: int) -> int:
    """Where to end a piece of an overlong sentence that starts at ``start``: after the last
    line break, clause mark or space in its second half, else at ``limit``."""
    for mark in _CUTS:
        found = text.rfind(mark, start + MAX_SENTENCE // 2, limit)
        if found >= 0:
            return found + len(mark)
    return limit
