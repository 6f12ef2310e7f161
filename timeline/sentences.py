"""Splitting text into sentences, keeping each sentence's character offsets."""
from __future__ import annotations

import re
from dataclasses import dataclass

# A sentence ends at . ! or ? followed by space and an upper-case letter, digit or quote,
# or at a blank line / line break (web copies put headlines and captions on lines of their own).
_BOUNDARY = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])|\n\s*")
# Abbreviations after which a full stop does not end a sentence.
ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen col lt sgt capt maj st jr sr inc co corp ltd vs etc no jan feb mar apr jun "
    "jul aug sep sept oct nov dec a.m p.m u.s u.n e.g i.e approx est dept gov sen rep".split()
)


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[Sentence]:
    """Sentences of ``text[start:end]`` with offsets into ``text``."""
    end = len(text) if end is None else end
    sentences: list[Sentence] = []
    position = start
    for boundary in _BOUNDARY.finditer(text, start, end):
        if boundary.group().startswith((".",)) or text[boundary.start() - 1 : boundary.start()] == ".":
            word = re.search(r"([\w.]+)\.$", text[max(start, boundary.start() - 12) : boundary.start()])
            if word and word.group(1).lower() in ABBREVIATIONS and "\n" not in boundary.group():
                continue
        _add(sentences, text, position, boundary.start())
        position = boundary.end()
    _add(sentences, text, position, end)
    return sentences


def _add(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        sentences.append(Sentence(start, end, text[start:end]))
