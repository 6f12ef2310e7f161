"""The chronological model: events in order, with the documents they come from.

Several articles often report the same happening; :func:`merge_events` makes one
event of them (overlapping dates, a shared place or actor, similar wording), the
other reports kept as ``sources``.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import Iterable

from .documents import Document
from .events import Event, Source

# Reports are the same happening when their dates overlap and this similar (0..1, see _similarity).
MERGE_THRESHOLD = 0.4
MIN_WORD_OVERLAP = 0.15
PRECISION_RANK = {p: i for i, p in enumerate(
    ("century", "decade", "year", "half", "quarter", "season", "month", "week", "day", "time"))}
SOURCE_RANK = {"explicit": 2, "relative": 1, "publication": 0}
STOPWORDS = frozenset(
    "the a an and or but of in on at to for from by with as is are was were be been has have had that this these "
    "those its their his her they them it which who whom when where while after before over under into than then "
    "there also said says say not no more most some any all both one two three four five six seven eight nine ten "
    "would will could should can may might about against between during since until near west east north south "
    "reportedly according".split()
)


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def content_words(text: str) -> frozenset[str]:
    """The words of a sentence that say what happened (stop words out, crude stems)."""
    return frozenset(_stem(w) for w in re.findall(r"[a-z]{3,}", text.lower()) if w not in STOPWORDS)


@dataclass(frozen=True)
class _Report:
    """What merging compares of an event, computed once per event."""

    words: frozenset[str]
    places: frozenset[str]
    actors: frozenset[str]

    @classmethod
    def of(cls, event: Event) -> "_Report":
        return cls(content_words(event.sentence), frozenset(m.name for m in event.places),
                   frozenset(m.name for m in event.actors))


def _similarity(a: Event, b: Event, report_a: _Report | None = None, report_b: _Report | None = None) -> float:
    """How alike two reports are: shared wording first, then the same day, place and actors.

    Wording must overlap at least a little (MIN_WORD_OVERLAP): the same day and actor alone
    ("Russia struck ..." / "Russia said ...") are not one happening.
    """
    report_a = report_a or _Report.of(a)
    report_b = report_b or _Report.of(b)
    words_a, words_b = report_a.words, report_b.words
    if not words_a or not words_b:
        return 0.0
    overlap = len(words_a & words_b) / len(words_a | words_b)
    if overlap < MIN_WORD_OVERLAP:
        return 0.0
    places_a, places_b = report_a.places, report_b.places
    if places_a and places_b and not places_a & places_b:
        return 0.0  # both say where, and not the same place
    score = overlap
    if a.start == b.start and a.end == b.end and a.precision in ("day", "time") and b.precision in ("day", "time"):
        score += 0.15
    if places_a & places_b:
        score += 0.15
    if report_a.actors & report_b.actors:
        score += 0.1
    return score


def same_happening(a: Event, b: Event, report_a: _Report | None = None, report_b: _Report | None = None) -> bool:
    """Two reports of one happening: different documents, overlapping dates, similar enough."""
    if a.document == b.document or a.future != b.future:
        return False
    if a.start > b.end or b.start > a.end:
        return False
    return _similarity(a, b, report_a, report_b) >= MERGE_THRESHOLD


def _best_first(events: list[Event]) -> list[Event]:
    return sorted(events, key=lambda e: (-PRECISION_RANK.get(e.precision, 0), -SOURCE_RANK.get(e.date_source, 0)))


def _combine(events: list[Event]) -> Event:
    main, *others = _best_first(events)
    sources = list(main.sources)
    for other in others:
        sources.append(Source(other.document, other.offset, other.sentence, other.url))
        sources.extend(other.sources)
    places = {m.name: m for e in [main, *others] for m in e.places}
    actors = {m.name: m for e in [main, *others] for m in e.actors}
    return replace(main, sources=tuple(sources), places=tuple(places.values()), actors=tuple(actors.values()))


def _months(event: Event) -> range:
    """The months an event's days fall in, as numbers (year * 12 + month - 1)."""
    return range(event.start.year * 12 + event.start.month - 1, event.end.year * 12 + event.end.month)


def _index_keys(events: list[Event], reports: list[_Report]) -> list[list[tuple[str, int]]]:
    """For each event, the (word, month) keys under which it can meet another report of its happening.

    Two reports need overlapping dates, so they share a month, and word overlap (Jaccard) of at
    least MIN_WORD_OVERLAP, so by prefix filtering they share one of the rarest
    |x| - floor(t|x|) + 1 words of each (rarest across all events).
    """
    frequency: dict[str, int] = {}
    for report in reports:
        for word in report.words:
            frequency[word] = frequency.get(word, 0) + 1
    keys = []
    for event, report in zip(events, reports):
        words = sorted(report.words, key=lambda w: (frequency[w], w))
        prefix = words[: len(words) - int(MIN_WORD_OVERLAP * len(words)) + 1]
        keys.append([(word, month) for word in prefix for month in _months(event)])
    return keys


def merge_events(events: Iterable[Event]) -> list[Event]:
    """One event per happening: reports of the same happening in several documents become one.

    Pairs are joined in order (earliest first), and a happening takes at most one report per
    document.  Only pairs found through the (word, month) index are compared: the others
    cannot be similar enough.
    """
    ordered = sorted(events, key=lambda e: (e.start, e.end))
    reports = [_Report.of(e) for e in ordered]
    keys = _index_keys(ordered, reports)
    index: dict[tuple[str, int], list[int]] = {}
    for i, event_keys in enumerate(keys):
        for key in event_keys:
            index.setdefault(key, []).append(i)
    parent = list(range(len(ordered)))
    documents = [{e.document} for e in ordered]  # per root: the documents its reports come from

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, event_keys in enumerate(keys):
        candidates = sorted({j for key in event_keys for j in index[key] if j > i})
        for j in candidates:
            root_i, root_j = root(i), root(j)
            if root_i == root_j or documents[root_i] & documents[root_j]:
                continue
            if same_happening(ordered[i], ordered[j], reports[i], reports[j]):
                parent[root_j] = root_i
                documents[root_i] |= documents[root_j]
    groups: dict[int, list[Event]] = {}
    for i, event in enumerate(ordered):
        groups.setdefault(root(i), []).append(event)
    return [_combine(group) if len(group) > 1 else group[0] for group in groups.values()]


@dataclass(frozen=True)
class Timeline:
    """Events sorted by start, then end, then document order and position."""

    events: tuple[Event, ...]
    documents: tuple[Document, ...] = ()
    title: str = "Timeline"

    @classmethod
    def build(
        cls, documents: Iterable[Document], events: Iterable[Event], title: str = "Timeline", merge: bool = False
    ) -> "Timeline":
        """A timeline of ``events``; with ``merge``, reports of one happening become one event."""
        documents = tuple(replace(d, text="") if d.text else d for d in documents)
        order = {d.name: i for i, d in enumerate(documents)}
        events = merge_events(events) if merge else list(events)
        ordered = sorted(events, key=lambda e: (e.start, e.end, order.get(e.document, len(order)), e.offset))
        return cls(tuple(ordered), documents, title)

    def between(self, since: dt.date | None = None, until: dt.date | None = None) -> "Timeline":
        """Events whose interval overlaps [since, until]."""
        kept = tuple(
            e for e in self.events
            if (since is None or e.end >= since) and (until is None or e.start <= until)
        )
        return replace(self, events=kept)

    def __len__(self) -> int:
        return len(self.events)

    def __iter__(self):
        return iter(self.events)
