"""Merging reports: several articles often report the same happening; :func:`merge_events`
makes one event of them (overlapping dates, a shared place or actor, similar wording), the
other reports kept as ``sources``.
"""
from __future__ import annotations

import bisect
import collections
import datetime as dt
import functools
import heapq
import itertools
import math
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Iterable, Iterator, NamedTuple

from . import collector
from .events import Event, Mention, Source
from .identity import earliest_report

if TYPE_CHECKING:
    from .executors import Executor

# Reports are the same happening when their dates overlap and this similar (0..1, see _similarity):
# the share of their words in common, plus a bonus for each of these they have in common.
MERGE_THRESHOLD = 0.4
MIN_WORD_OVERLAP = 0.15
BONUS = {"day": 0.15, "place": 0.15, "actor": 0.1}
PRECISION_RANK = {p: i for i, p in enumerate(
    ("century", "decade", "year", "half", "quarter", "season", "month", "week", "day", "time"))}
SOURCE_RANK = {"explicit": 2, "relative": 1, "derived": 1, "publication": 0}
STOPWORDS = frozenset(
    "the a an and or but of in on at to for from by with as is are was were be been has have had that this these "
    "those its their his her they them it which who whom when where while after before over under into than then "
    "there also said says say not no more most some any all both one two three four five six seven eight nine ten "
    "would will could should can may might about against between during since until near west east north south "
    "reportedly according".split()
)


@functools.lru_cache(maxsize=1 << 16)
def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


_WORD = re.compile(r"[a-z]{3,}")


@functools.lru_cache(maxsize=1 << 14)
def content_words(text: str) -> frozenset[str]:
    """The words of a sentence that say what happened (stop words out, crude stems).

    Remembered for the last sentences: a reprinted story brings the same ones again."""
    return frozenset(map(_stem, set(_WORD.findall(text.lower())) - STOPWORDS))


class _Report(NamedTuple):
    """What merging compares of an event, computed once per event (a tuple: made, hashed and
    compared in C, for each of the events of a list of dates)."""

    words: frozenset[str]
    places: frozenset[str]
    actors: frozenset[str]  # named actors only: "civilians" or "rebels" tell no happening from another
    day: tuple[dt.date, dt.date] | None  # its dates when they name a day (or a time on it)

    @classmethod
    def of(cls, event: Event, like: "_Report | None" = None) -> "_Report":
        """What merging compares of ``event``; ``like``, that of an event with the same sentence, places
        and actors, whose words and names it shares."""
        day = (event.start, event.end) if event.precision in ("day", "time") else None
        if like is not None:
            return cls(like.words, like.places, like.actors, day)
        return cls(content_words(event.sentence), frozenset(m.name for m in event.places),
                   frozenset(m.name for m in event.actors if not _category(m)), day)


def _category(actor: Mention) -> bool:
    """An actor that is a category, not a name (names.tsv gives it its category as its name)."""
    return actor.name.casefold() == actor.kind.casefold()


def _shared(report_a: "_Report", report_b: "_Report") -> frozenset[str]:
    """Which of BONUS two reports have in common: the same day, a place, an actor."""
    shared = set()
    if report_a.day is not None and report_a.day == report_b.day:
        shared.add("day")
    if report_a.places & report_b.places:
        shared.add("place")
    if report_a.actors & report_b.actors:
        shared.add("actor")
    return frozenset(shared)


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
    if report_a.places and report_b.places and not report_a.places & report_b.places:
        return 0.0  # both say where, and not the same place
    if report_a.actors and report_b.actors and not report_a.actors & report_b.actors:
        return 0.0  # both say who, and not the same actor: two sides' attacks on one day are two happenings
    return overlap + sum(BONUS[name] for name in _shared(report_a, report_b))


def same_happening(a: Event, b: Event, report_a: _Report | None = None, report_b: _Report | None = None) -> bool:
    """Two reports of one happening: different documents, overlapping dates, similar enough.

    (Merging also gives it the plain form of a report, _Item, with what it reads.)
    """
    if a.document == b.document or a.future != b.future:
        return False
    if a.start > b.end or b.start > a.end:
        return False
    return _similarity(a, b, report_a, report_b) >= MERGE_THRESHOLD


def _signature(event: Event | Compared, report: _Report) -> tuple:
    """What makes two reports the same report (a story reprinted): dates, wording, places, actors."""
    return (event.start, event.end, event.precision, event.future, report)


class Compared(NamedTuple):
    """What merging reads of a report to tell whether another is related to it (see related)."""

    document: str
    future: bool
    start: dt.date
    end: dt.date
    precision: str
    report: _Report


def compared(event: Event) -> Compared:
    """What related compares of ``event`` (anything with the fields of an Event it reads: its
    document, future, start, end, precision, sentence, places and actors), made once."""
    return Compared(event.document, event.future, event.start, event.end, event.precision, _Report.of(event))


def related(a: Compared, b: Compared) -> bool:
    """Whether merging can put two reports together: they are alike (same_happening) or the
    same report (see _distinct_reports). Reports linked by no chain of related ones never change
    each other's event (_join only joins alike reports), which lets a chronology database merge
    again only the reports related, directly or not, to new ones."""
    return same_happening(a, b, a.report, b.report) or _signature(a, a.report) == _signature(b, b.report)


def _best_first(events: list[Event]) -> list[Event]:
    return sorted(events, key=lambda e: (-PRECISION_RANK.get(e.precision, 0), -SOURCE_RANK.get(e.date_source, 0)))


def _combine(events: list[Event]) -> Event:
    """One event of the reports of a happening (in time order, then by id): the best dated speaks
    for it, the others become its sources, and it takes the id of the earliest (see timeline.identity)."""
    main, *others = _best_first(events)
    sources = list(main.sources)
    for other in others:
        sources.append(Source(other.document, other.offset, other.sentence, other.url, other.id))
        sources.extend(other.sources)
    places = {m.name: m for e in [main, *others] for m in e.places}
    actors = {m.name: m for e in [main, *others] for m in e.actors}
    return replace(main, sources=tuple(sources), places=tuple(places.values()), actors=tuple(actors.values()),
                   id=earliest_report(events).id)


def _word_threshold(shared: frozenset[str]) -> float:
    """The least word overlap at which two reports sharing ``shared`` (see BONUS) can merge."""
    return round(max(MIN_WORD_OVERLAP, MERGE_THRESHOLD - sum(BONUS[name] for name in shared)), 9)


def _blocks() -> list[tuple[tuple[str, ...], float]]:
    """The ways two reports can be similar enough: what they share, and the word overlap they then need.

    A pair that shares the set S needs overlap of at least _word_threshold(S); it is found
    through any block B within S that needs no more overlap than S does, so only the smallest
    such sets are kept (e.g. none, actor, day, place, day+actor, ...).
    """
    names = sorted(BONUS)
    subsets = [frozenset(n for k, n in enumerate(names) if mask >> k & 1) for mask in range(1 << len(names))]
    kept = [s for s in subsets
            if not any(other < s and _word_threshold(other) == _word_threshold(s) for other in subsets)]
    return [(tuple(sorted(s)), _word_threshold(s)) for s in sorted(kept, key=len)]


BLOCKS = _blocks()


# Two reports are compared only when the first words of both share this many words (or as many
# as their overlap must have, when that is fewer): the more, the fewer comparisons.
PREFIX_WORDS_SHARED = 2


def _prefix(words: tuple[int, ...], threshold: float) -> tuple[tuple[int, ...], int]:
    """The first words (in a fixed order, the same for every report) and a count k such that two
    sets of words with Jaccard overlap >= threshold share at least k of their first words.

    They share at least a = ceil(threshold * n) words; the k-th of those (in the order) has at
    least a - k shared words after it, so it comes within the first n - a + k (prefix filtering).
    The small margin keeps a on the safe side of rounding.
    """
    least = max(1, math.ceil(threshold * len(words) - 1e-9))
    shared = min(PREFIX_WORDS_SHARED, least)
    return words[: len(words) - least + shared], shared


class _Item(NamedTuple):
    """A distinct report as the sweep reads it, in plain values that are quick to send to a
    worker process: its number in time order, its first and last day (ordinals), its document
    (a number), whether it looks ahead, its words (as numbers; in the sweep, their ranks, rarest
    first: see _prefix), its places and actors, and whether its dates name a day. It has what
    same_happening reads."""

    number: int
    start: int
    end: int
    document: int
    future: bool
    words: tuple[int, ...]
    places: tuple[str, ...]
    actors: tuple[str, ...]
    day: bool

    def report(self) -> _Report:
        return _Report(frozenset(self.words), frozenset(self.places), frozenset(self.actors),
                       (self.start, self.end) if self.day else None)


@dataclass
class _Reports:
    """Distinct reports in time order: each one's events (with their number in arrival), its
    documents and what it says (as _Item); and the rank of each word (by its number) in the
    order of words for prefixes, rarest first."""

    members: list[list[tuple[int, Event]]]
    documents: list[set[str] | frozenset[str]]
    items: list[_Item]
    order: list[int]


def _distinct_reports(events: Iterable[Event]) -> _Reports:
    """Identical reports (same dates, wording, places and actors), one per document, become one.

    Events are read as they come: when they stream in from the documents being processed,
    this work overlaps that, and so does making each distinct report's _Item (all but its
    number in time order, known at the end).
    """
    members: list[list[tuple[int, Event]]] = []
    documents: list[set[str] | frozenset[str]] = []
    rows: list[tuple] = []
    by_signature: dict[tuple, list[int]] = {}
    document_numbers: dict[str, int] = {}
    # Words are numbered as they first come: numbers are quicker to send and to compare.
    word_numbers: collections.defaultdict[str, int] = collections.defaultdict(itertools.count().__next__)
    frequency: collections.Counter[int] = collections.Counter()
    # The events of a sentence come one after another, with the same sentence, places and actors (the
    # same objects): their words and names are found once, for the first (a list of dates has hundreds).
    last: tuple = (None, None, None, None, None)
    alone: dict[str, frozenset[str]] = {}
    names: tuple = (None, None, (), ())  # the last report's places and actors, and each sorted
    for arrival, event in enumerate(events):
        if event.sentence is last[0] and event.places is last[1] and event.actors is last[2]:
            report = _Report.of(event, like=last[3])
        else:
            report = _Report.of(event)
            last = (event.sentence, event.places, event.actors, report, None)
        same = by_signature.setdefault(_signature(event, report), [])
        # The first of them its document is not in yet: a document's reports fill them in order,
        # so those holding it come first, and bisection finds the first (a page that repeats one
        # report would make a scan of them all, per report, grow with their square).
        low, high = 0, len(same)
        while low < high:
            middle = (low + high) // 2
            if event.document in documents[same[middle]]:
                low = middle + 1
            else:
                high = middle
        number = same[low] if low < len(same) else None
        if number is None:
            number = len(members)
            same.append(number)
            members.append([])
            # Most reports come from one document: they share one set of it, which a report copies when
            # a second document brings it too (below).
            documents.append(alone.get(event.document) or alone.setdefault(event.document, frozenset((event.document,))))
            if last[4] is None or last[3].words is not report.words:
                last = (*last[:4], tuple(map(word_numbers.__getitem__, report.words)))
            words = last[4]
            if names[0] is not report.places or names[1] is not report.actors:  # sorted once for a sentence's
                names = (report.places, report.actors, tuple(sorted(report.places)), tuple(sorted(report.actors)))
            rows.append((event.start.toordinal(), event.end.toordinal(),
                         document_numbers.setdefault(event.document, len(document_numbers)), event.future,
                         words, names[2], names[3], report.day is not None))
            frequency.update(words)
        members[number].append((arrival, event))
        if event.document not in documents[number]:
            documents[number] = documents[number] | {event.document}
    # In time order, then by the smallest id of each (see timeline.identity): the order reports are
    # joined in, and so the chronology, does not depend on the order the documents came in.
    order = [(row[0], row[1], events[0][1].id if len(events) == 1 else min(e.id for _, e in events))
             for row, events in zip(rows, members)]
    in_time = sorted(range(len(members)), key=order.__getitem__)
    rank = [0] * len(word_numbers)
    for position, word in enumerate(sorted(range(len(word_numbers)), key=frequency.__getitem__)):
        rank[word] = position
    return _Reports([members[n] for n in in_time], [documents[n] for n in in_time],
                    [_Item(position, *rows[n]) for position, n in enumerate(in_time)], rank)


def _block_keys(item: _Item) -> list[tuple[list[tuple], int]]:
    """For each of BLOCKS, the keys under which a report meets the reports it may merge with through
    that block (what the block shares: the day, a place, an actor; and a word of its prefix), and
    how many of them two such reports share at least (see _prefix)."""
    values = {"day": [(item.start, item.end)] if item.day else [], "place": item.places, "actor": item.actors}
    blocks = []
    for number, (shared, threshold) in enumerate(BLOCKS):
        combinations: list[tuple] = [(number,)]
        for name in shared:
            combinations = [key + (value,) for key in combinations for value in values[name]]
        prefix, least = _prefix(item.words, threshold)
        blocks.append(([key + (word,) for key in combinations for word in prefix], least))
    return blocks


def _alike_earlier(items: list[_Item] | list[tuple], first: int, order: list[int]) -> list[tuple[int, list[int]]]:
    """For each item from ``first`` on, the earlier items it is alike (see same_happening), by number.

    Items (or plain tuples of their fields) are in time order; those before ``first`` are only
    there to be met (they are the ones whose dates reach ``items[first]``). Their words are
    replaced by their ranks in ``order`` (rarest first: see _prefix) first, here, so that a
    worker does it for its own part. A sweep through time keeps in its index only the items
    whose dates reach the current one (memory follows the busiest stretch of time), and an
    item meets only those that share a key with it (see _block_keys): the others cannot be
    alike enough.
    """
    with collector.paused():  # here or in a worker (see timeline.collector)
        rank = order.__getitem__
        ranked = [_Item(number, start, end, document, future, tuple(sorted(map(rank, words))), *rest)
                  for number, start, end, document, future, words, *rest in items]
        return _sweep(ranked, first)


# The most earlier reports a report is compared with. The most that share enough keys with one in the
# 2,452 articles of TempEval-3 silver is 34; a thousand copies of a story would each meet all the others,
# and the comparisons would grow with the square of the copies.
MAX_COMPARED = 200


def _sweep(items: list[_Item], first: int) -> list[tuple[int, list[int]]]:
    index: dict[tuple, set[int]] = {}
    active: dict[int, list[tuple[list[tuple], int]]] = {}  # position: its keys and counts per block
    ending: list[tuple[int, int]] = []  # active items' last days (ordinals) and positions
    alike: list[tuple[int, list[int]]] = []
    reports: dict[int, _Report] = {}  # made when first compared
    for position, item in enumerate(items):
        while ending and ending[0][0] < item.start:
            _, gone = heapq.heappop(ending)
            reports.pop(gone, None)
            for keys, _ in active.pop(gone):
                for key in keys:
                    keyed = index[key]
                    keyed.discard(gone)
                    if not keyed:
                        del index[key]
        blocks = _block_keys(item)
        if position >= first:
            found: dict[int, int] = {}  # an earlier report that may be alike: the most keys it shares
            for block, (keys, least) in enumerate(blocks):
                keyed = [hit for hit in map(index.get, keys) if hit]
                if not keyed:
                    continue
                hits = collections.Counter(itertools.chain.from_iterable(keyed))
                for other, count in hits.items():
                    if (count >= least or count >= active[other][block][1]) and count > found.get(other, 0):
                        found[other] = count
            if len(found) > MAX_COMPARED:
                # Thousands of reports alike (one wire story in a thousand papers) would each be compared
                # with all the others: those sharing the most keys, the latest first, are enough to join them.
                found = dict(sorted(found.items(), key=lambda hit: (-hit[1], -hit[0]))[:MAX_COMPARED])
            report = reports[position] = item.report()
            others = []
            for other in sorted(found):
                if other not in reports:
                    reports[other] = items[other].report()
                if same_happening(item, items[other], report, reports[other]):
                    others.append(items[other].number)
            if others:
                alike.append((item.number, others))
        active[position] = blocks
        heapq.heappush(ending, (item.end, position))
        for keys, _ in blocks:
            for key in keys:
                index.setdefault(key, set()).add(position)
    return alike


# A part of the sweep sent to a worker has at least this many reports of its own (fewer cost more
# to send than to compare: a small merge runs here) and at most PART_REPORTS (a few MB, however few
# the workers: Dask warns about larger messages).
PARALLEL_SWEEP_REPORTS = 2000
PART_REPORTS = 50_000


def _join(distinct: _Reports, executor: Executor | None = None) -> list[int]:
    """The happening of each distinct report, as the number of one of its reports.

    Reports are taken in time order; each joins the happening of the earlier reports it is
    alike (see _alike_earlier), in order, unless a document would then give the happening
    two reports. Finding the alike pairs is the costly part: with an ``executor`` of several
    workers, each finds them for a stretch of time (see _parts); joining is done here.
    """
    documents, items, order = distinct.documents, distinct.items, distinct.order
    workers = getattr(executor, "workers", 1)
    count = max(-(-len(items) // PART_REPORTS), min(workers, len(items) // PARALLEL_SWEEP_REPORTS))
    if len({item.document for item in items}) < 2:
        alike = []  # reports of one document are never alike (same_happening): nothing to compare
    elif workers > 1 and count > 1:
        # Sent as plain tuples, which pickle faster (_alike_earlier makes them items again).
        futures = [executor.submit(_alike_earlier, list(map(tuple, part)), first, order)
                   for part, first in _parts(items, count)]
        alike = [pair for future in futures for pair in future.result()]
    else:
        alike = _alike_earlier(items, 0, order)
    if not alike:
        return list(range(len(items)))  # each report its own happening
    parent = list(range(len(items)))
    # Who and where each happening names: a report alike to one happening's report is not joined
    # to it when the happening already names other actors, or other places, and none of its own.
    # (A report naming no one is alike to many: it must not chain them all into one happening.)
    actors = [set(item.actors) for item in items]
    places = [set(item.places) for item in items]

    def root(n: int) -> int:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    def apart(mine: int, theirs: int) -> bool:
        return (documents[mine] & documents[theirs]
                or actors[mine] and actors[theirs] and not actors[mine] & actors[theirs]
                or places[mine] and places[theirs] and not places[mine] & places[theirs])

    for number, others in alike:
        for other in others:
            mine, theirs = root(number), root(other)
            if mine == theirs or apart(mine, theirs):
                continue
            parent[mine] = theirs
            for kept in (documents, actors, places):
                kept[theirs] |= kept[mine]
                kept[mine] = set()
    return [root(n) for n in range(len(items))]


# What an item costs the sweep, counted in the active items (those whose dates reach it) it
# meets: a fixed part (making its keys, comparing what they find) worth about this many, and
# more the busier its stretch of time. Cut by count alone, the busier stretches take longer and
# the other workers wait; cut by this cost (its weight fitted on the silver corpus), they take about
# as long.
ITEM_COST_IN_ACTIVE = 200


def _bounds(items: list[_Item], count: int) -> list[int]:
    """Where ``count`` stretches of ``items`` begin and end, each of about the same cost to sweep
    (see ITEM_COST_IN_ACTIVE); evenly by count when a stretch would have over PART_REPORTS."""
    ending: list[int] = []
    cost = []
    total = 0
    for item in items:
        while ending and ending[0] < item.start:
            heapq.heappop(ending)
        heapq.heappush(ending, item.end)
        total += ITEM_COST_IN_ACTIVE + len(ending)
        cost.append(total)
    bounds = [0, *(bisect.bisect_right(cost, total * k / count) for k in range(1, count)), len(items)]
    if any(high - low > PART_REPORTS for low, high in zip(bounds, bounds[1:])):
        return [len(items) * k // count for k in range(count + 1)]
    return bounds


def _parts(items: list[_Item], count: int) -> Iterator[tuple[list[_Item], int]]:
    """``items`` in ``count`` stretches of time (see _bounds), each as (the items it needs, where
    its own begin): its own items after the earlier ones whose dates reach its first."""
    bounds = _bounds(items, count)
    for low, high in zip(bounds, bounds[1:]):
        if low == high:
            continue
        reach = items[low].start
        earlier = [item for item in items[:low] if item.end >= reach]
        yield earlier + items[low:high], len(earlier)


def merge_events(events: Iterable[Event], executor: Executor | None = None) -> list[Event]:
    """One event per happening: reports of the same happening in several documents become one.

    Identical reports from different documents (a story reprinted by several outlets) are
    joined first (_distinct_reports), then reports alike enough (_join), with the workers of
    ``executor`` (see timeline.executors) when it has several. The result is the same either way.
    """
    # Merging makes millions of small objects (reports, the keys of its index) and no cycles.
    with collector.paused():
        alone, rest = _of_one_document(collector.collecting_rarely(events))
        if rest is None:
            # The reports of one document are never the same report nor alike (see _distinct_reports
            # and same_happening): each is its own happening, in the order _merged gives them.
            return sorted(alone, key=_in_time)
        return _merged(itertools.chain(alone, rest), executor)


def _in_time(event: Event) -> tuple:
    """Where a happening of one report comes in the chronology (see the order of _distinct_reports)."""
    return event.start, event.end, event.id


def _of_one_document(events: Iterator[Event]) -> tuple[list[Event], Iterator[Event] | None]:
    """The events as long as they come from one document, and the rest of ``events`` from the
    first of another on (None when there is no other: then nothing was left unread)."""
    alone: list[Event] = []
    for event in events:
        if alone and event.document != alone[0].document:
            return alone, itertools.chain([event], events)
        alone.append(event)
    return alone, None


def _merged(events: Iterable[Event], executor: Executor | None = None) -> list[Event]:
    """merge_events for reports of any documents, with the collector paused."""
    distinct = _distinct_reports(events)
    groups: dict[int, list[tuple[int, Event]]] = {}
    for happening, events_of in zip(_join(distinct, executor), distinct.members):
        groups.setdefault(happening, []).extend(events_of)
    # Each happening's reports in time order, then by id, then in the order they came (most are alone).
    return [_combine([e for _, e in sorted(group, key=lambda pair: (pair[1].start, pair[1].end, pair[1].id,
                                                                    pair[0]))])
            if len(group) > 1 else group[0][1] for group in groups.values()]
