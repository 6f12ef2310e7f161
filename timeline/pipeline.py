"""The per-document pipeline: clean, split, tag, make events.

``process_document`` is a pure function of the document and the options, so a
process pool or a cluster can map it over many documents.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, replace

from . import temporal
from .cleaning import Dropped, clean, load_rules
from .documents import Document
from .coding import code_events, document_places, load_event_types
from .events import Event, Location, extract_events
from .identity import content_hash
from .sentences import split_sentences
from .titles import clauses_remembered


# What cleaning drops that starts a new story on the page (a live blog entry's time stamp).
STORY_BREAKS = frozenset({"timestamp"})


@dataclass(frozen=True)
class Options:
    """What the per-document pipeline may be told.

    ``cleaning_rules``: a file of extra cleaning rules (see ``timeline/data/cleaning.tsv``);
    ``names``: a file of extra places and actors (see ``timeline/data/names.tsv``);
    ``find_names``: whether to look for places and actors at all;
    ``event_types``: a file of extra event type rules (see ``timeline/data/event_types.tsv``).
    """

    cleaning_rules: str | None = None
    names: str | None = None
    find_names: bool = True
    event_types: str | None = None


@dataclass(frozen=True)
class DocumentResult:
    document: Document
    events: tuple[Event, ...]
    notes: tuple[str, ...] = ()
    dropped: tuple[Dropped, ...] = ()
    unresolved: int = 0  # relative expressions left unresolved (the document has no date)
    places: tuple[Location, ...] = ()  # every place the document names, in order of first mention


def _inside(spans: tuple[tuple[int, int], ...], start: int, end: int) -> bool:
    """Whether ``[start, end)`` lies inside one of ``spans`` (sorted and apart, as cleaning keeps
    them): only the last span starting at or before ``start`` can hold it."""
    index = bisect.bisect_right(spans, (start, float("inf"))) - 1
    return index >= 0 and end <= spans[index][1]


def process_document(document: Document, options: Options = Options()) -> DocumentResult:
    """Events of one document, with notes for the user and what cleaning dropped."""
    with clauses_remembered():  # events and coding read the clauses of the same sentences
        return _process_document(document, options)


def _process_document(document: Document, options: Options) -> DocumentResult:
    cleaned = clean(document.text, load_rules(options.cleaning_rules))
    sentences = [s for start, end in cleaned.kept for s in split_sentences(document.text, start, end)]
    expressions = temporal.tag(document.text, dct=document.published, spans=cleaned.kept)
    kept = [e for e in expressions if _inside(cleaned.kept, e.start, e.end)]
    finder, locate = None, _unplaced
    if options.find_names:
        from .gazetteer import load_gazetteer

        gazetteer = load_gazetteer(options.names)
        finder, locate = _once_per_text(gazetteer.find), gazetteer.locate
    story_starts = [d.end for d in cleaned.dropped if d.reason in STORY_BREAKS]
    events = extract_events(document, sentences, kept, finder, story_starts)
    events = code_events(events, sentences, document.text, finder, locate, load_event_types(options.event_types),
                         story_starts)
    unresolved = sum(1 for e in kept if e.anchor == "unresolved")
    return DocumentResult(replace(document, content_hash=content_hash(document)), tuple(events),
                          dropped=cleaned.dropped, unresolved=unresolved,
                          places=document_places(sentences, finder, locate))


def _once_per_text(find):
    """``find`` remembering its answer for each text: the events, their coding and the places of
    the document all ask for the names of the same sentences, which are found once."""
    found: dict = {}

    def find_once(text: str):
        names = found.get(text)
        if names is None:
            names = found[text] = find(text)
        return names

    return find_once


def _unplaced(mention) -> Location:
    return Location(mention.name, mention.text)
