"""Stable identities: of a document's content, of one report of a happening, of an event.

An event keeps its id across runs, `timeline add` and a full rebuild as long as its
evidence is the same. A report's id is a hash of its evidence: the sentence (its
spacing aside) and the date value it gives; not of a file name, of offsets (a reprint
with another header moves them) or of the order documents were read in, so a reprint
of an article brings reports with the ids the original's have. A merged event's id is
that of its earliest-dated report (the smallest id among equals), whichever came first;
a chronology database also keeps an id once given (see timeline.database).
"""
from __future__ import annotations

import functools
import hashlib
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:
    from .documents import Document
    from .events import Event

ID_LENGTH = 12  # hex digits: 48 bits, no clash to expect below millions of reports


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def content_hash(document: Document) -> str:
    """What the events of a document follow from: its text and the date its relative dates resolve against."""
    return _digest(f"{document.published or ''}\0{document.text}")


def report_id(event: Event) -> str:
    """The id of one report: a hash of its sentence (spacing aside) and its date value; for a happening
    dated from another ("hours after a car bomb exploded"), which may share its sentence and date with
    that one, also of the words of its offset."""
    evidence = f"\0{event.date}"
    if event.date_source == "derived":
        evidence += f"\0{event.expression}"
    digest = _sentence_digest(event.sentence).copy()
    digest.update(evidence.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:ID_LENGTH]


@functools.lru_cache(maxsize=64)  # the events of a sentence come one after another
def _sentence_digest(sentence: str):
    """The hash of a report's sentence (spacing aside), to which each of its reports adds its date:
    the sentence is hashed once for all its dates (a list of dates has hundreds)."""
    return hashlib.sha256(" ".join(sentence.split()).encode("utf-8", "surrogatepass"))


def earliest_report(events: Iterable[Event]) -> Event:
    """The report whose identity a merged event takes: earliest start, then end, then smallest id."""
    return min(events, key=lambda e: (e.start, e.end, e.id))
