"""Events: sentences that place a happening in time, with their date and evidence."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .documents import Document
from .sentences import Sentence
from .temporal import TemporalExpression, interval_of

DATE_SOURCES = ("explicit", "relative", "publication")


@dataclass(frozen=True)
class Mention:
    """A place or actor named in a sentence: as written, and its normalised name."""

    text: str
    name: str
    kind: str = ""


@dataclass(frozen=True)
class Source:
    """Another report of the same happening (after merging)."""

    document: str
    offset: tuple[int, int]
    sentence: str
    url: str = ""


@dataclass(frozen=True)
class Event:
    """A dated happening.

    ``date`` is the TIMEX3-style value (``2016-11-03``, ``2016-08``); ``start`` and
    ``end`` the inclusive days it covers; ``sentence`` the evidence, verbatim, at
    ``offset`` in ``document``; ``date_source`` how the date was found.
    """

    date: str
    start: dt.date
    end: dt.date
    precision: str
    title: str
    sentence: str
    document: str
    offset: tuple[int, int]
    date_source: str
    expression: str = ""
    mod: str | None = None
    future: bool = False
    url: str = ""
    places: tuple[Mention, ...] = ()
    actors: tuple[Mention, ...] = ()
    sources: tuple[Source, ...] = field(default=())

    @property
    def sort_key(self) -> tuple:
        return (self.start, self.end)


def make_title(sentence: str, limit: int = 90) -> str:
    """A short headline for a sentence."""
    text = re.sub(r"\s+", " ", sentence).strip()
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > 0 else limit].rstrip(",;: ") + "…"


def extract_events(
    document: Document, sentences: list[Sentence], expressions: list[TemporalExpression]
) -> list[Event]:
    """One event per sentence anchored to a DATE or TIME expression with a calendar value."""
    events: list[Event] = []
    index = 0
    ordered = sorted(expressions, key=lambda e: e.start)
    for sentence in sentences:
        while index < len(ordered) and ordered[index].end <= sentence.start:
            index += 1
        inside = []
        j = index
        while j < len(ordered) and ordered[j].start < sentence.end:
            if ordered[j].end <= sentence.end:
                inside.append(ordered[j])
            j += 1
        anchors = [e for e in inside if e.type in ("DATE", "TIME") and e.interval is not None]
        if not anchors:
            continue
        best = min(anchors, key=lambda e: ("day week month season quarter half year decade century".split().index(e.precision) if e.precision in "day week month season quarter half year decade century".split() else 0))
        interval = best.interval
        events.append(
            Event(
                date=best.value,
                start=interval.start,
                end=interval.end,
                precision=interval.precision,
                title=make_title(sentence.text),
                sentence=sentence.text,
                document=document.name,
                offset=(sentence.start, sentence.end),
                date_source="explicit" if best.anchor == "explicit" else "relative",
                expression=best.text,
                mod=best.mod,
                url=document.url,
            )
        )
    return events
