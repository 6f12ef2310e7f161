"""Cleaning: which parts of a web copy are article text.

Cleaning never changes the text (offsets must point into the document as read);
it returns the spans that are kept and what was dropped, with the reason.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# A line matching one of these ends the article: everything below is reader comments.
COMMENT_MARKERS = (
    r"Notify of", r"Newest Most Voted", r"View all comments", r"Leave a Reply", r"Comments?",
    r"\d+ Comments?", r"Inline Feedbacks",
)
# Lines dropped on their own.
LINE_RULES = (
    ("money figure", r"[\d.,]+ ?[$€£]|[$€£] ?[\d.,]+"),
    ("image link", r"Click to see the full-size image"),
    ("file name", r"[a-z0-9]+(?:-[a-z0-9]+){2,}(?:\.(?:jpe?g|png|gif|webp))?"),
    ("support line", r"Support [\w ]{1,40}|Share( this)?|Donate.*"),
)


@dataclass(frozen=True)
class Dropped:
    start: int
    end: int
    reason: str


@dataclass(frozen=True)
class Cleaned:
    kept: tuple[tuple[int, int], ...]
    dropped: tuple[Dropped, ...]


_COMMENTS = re.compile(r"^(?:%s)\s*$" % "|".join(COMMENT_MARKERS), re.MULTILINE)
_LINE_RULES = [(reason, re.compile(r"^\s*(?:%s)\s*$" % pattern)) for reason, pattern in LINE_RULES]


def clean(text: str) -> Cleaned:
    """Spans of ``text`` that are article text, and the dropped ones with reasons."""
    dropped: list[Dropped] = []
    limit = len(text)
    marker = _COMMENTS.search(text)
    if marker:
        limit = marker.start()
        dropped.append(Dropped(limit, len(text), "comments"))
    kept: list[tuple[int, int]] = []
    position = 0
    while position < limit:
        newline = text.find("\n", position, limit)
        line_end = limit if newline < 0 else newline
        line = text[position:line_end]
        reason = next((r for r, rule in _LINE_RULES if line.strip() and rule.match(line)), None)
        if reason:
            dropped.append(Dropped(position, line_end, reason))
        elif line.strip():
            if kept and kept[-1][1] >= position - 1 and text[kept[-1][1]:position].strip() == "":
                kept[-1] = (kept[-1][0], line_end)
            else:
                kept.append((position, line_end))
        position = line_end + 1
    return Cleaned(tuple(kept), tuple(sorted(dropped, key=lambda d: d.start)))
