"""Merging through the index of keys finds exactly what comparing every pair finds."""
import datetime as dt
import pickle
import random
from dataclasses import replace

import pytest

from timeline import merging
from timeline.events import Event, Mention
from timeline.merging import content_words, merge_events, same_happening

WORDS = ("rebels captured town army shelled convoy aid village border crossing killed fighters airstrike "
         "hospital market bridge checkpoint ceasefire talks envoy refugees camp wounded civilians drone tanks "
         "artillery pushed withdrew ambush patrol mortar offensive militia siege").split()
PLACES = ["Aleppo", "Idlib", "Hama"]
ACTORS = ["Russia", "Hezbollah"]
SPANS = [(0, "day"), (0, "day"), (0, "day"), (6, "week"), (30, "month"), (364, "year"), (3652, "decade")]


def merge_by_every_pair(events):
    """The reference: identical reports from different documents first, then each report
    against every earlier one whose dates overlap, in order, one report per document."""
    ordered = sorted(events, key=lambda e: (e.start, e.end))
    reports = []  # (first event, its members)
    for event in ordered:
        for first, members in reports:
            if (identical(first, event) and same_happening(first, event)
                    and event.document not in {m.document for m in members}):
                members.append(event)
                break
        else:
            reports.append((event, [event]))
    group = list(range(len(reports)))
    for i, (event, _) in enumerate(reports):
        for j in range(i):
            other = reports[j][0]
            if other.end < event.start:
                continue
            gi, gj = group[i], group[j]
            if gi == gj or not same_happening(event, other):
                continue
            documents = [m.document for k, (_, members) in enumerate(reports) if group[k] in (gi, gj) for m in members]
            if len(set(documents)) == len(documents) and not apart(reports, group, gi, gj):
                group = [gj if g == gi else g for g in group]
    groups = {}
    for i, (_, members) in enumerate(reports):
        groups.setdefault(group[i], []).extend(members)
    return sorted(sorted((e.document, e.offset) for e in g) for g in groups.values())


def apart(reports, group, gi, gj):
    """Two happenings that both name actors, or both places, and none in common stay apart."""
    def named(g, kind):
        return {m.name for k, (_, members) in enumerate(reports) if group[k] == g for e in members
                for m in getattr(e, kind)}
    return any(named(gi, kind) and named(gj, kind) and not named(gi, kind) & named(gj, kind)
               for kind in ("actors", "places"))


def identical(a, b):
    """Same dates, same words, same places and actors (a reprint)."""
    def what(e):
        return (content_words(e.sentence), e.start, e.end, e.precision, e.future,
                {m.name for m in e.places}, {m.name for m in e.actors})
    return what(a) == what(b)


def random_events(rng, count):
    """Reports of a few happenings, each worded with some of its words and some others,
    so that their overlap takes every value around the thresholds."""
    happenings = [rng.sample(WORDS, 10) for _ in range(6)]
    events = []
    for n in range(count):
        days, precision = rng.choice(SPANS)
        start = dt.date(2016, 1, 1) + dt.timedelta(days=rng.randrange(10))
        words = rng.sample(rng.choice(happenings), rng.randrange(1, 11)) + rng.sample(WORDS, rng.randrange(0, 8))
        sentence = " ".join(dict.fromkeys(words))
        places = rng.sample(PLACES, rng.choice([0, 0, 1, 1, 2]))
        actors = rng.sample(ACTORS, rng.choice([0, 0, 1, 2]))
        events.append(Event(
            date="x", start=start, end=start + dt.timedelta(days=days), precision=precision, title=sentence,
            sentence=sentence, document=f"d{rng.randrange(8)}.txt", offset=(n, n + 1), date_source="explicit",
            places=tuple(Mention(p, p) for p in places), actors=tuple(Mention(a, a, "actor") for a in actors)))
        if rng.random() < 0.2:  # reprinted elsewhere, or repeated in the same document
            events.append(replace(events[rng.randrange(len(events))], document=f"d{rng.randrange(8)}.txt",
                                  offset=(-n, -n)))
    return events


def groups_of(merged):
    return sorted(sorted([(e.document, e.offset)] + [(s.document, s.offset) for s in e.sources]) for e in merged)


@pytest.mark.parametrize("seed", range(60))
def test_index_merge_equals_every_pair_merge(seed):
    rng = random.Random(seed)
    events = random_events(rng, rng.randrange(2, 120))
    assert groups_of(merge_events(events)) == merge_by_every_pair(events)


class PicklingExecutor:
    """Runs each call here, on a pickled copy of its arguments, as if it had several workers."""

    def __init__(self, workers):
        self.workers = workers
        self.calls = 0

    def submit(self, function, *args):
        self.calls += 1
        result = function(*pickle.loads(pickle.dumps(args)))

        class Done:
            def result(self):
                return result
        return Done()


@pytest.mark.parametrize("seed", range(20))
@pytest.mark.parametrize("workers", [2, 3, 7])
def test_merge_split_among_workers_equals_every_pair_merge(seed, workers, monkeypatch):
    # Each worker sweeps a stretch of time, meeting the earlier reports whose dates reach into it.
    monkeypatch.setattr(merging, "PARALLEL_SWEEP_REPORTS", 1)
    rng = random.Random(seed)
    events = random_events(rng, rng.randrange(20, 120))
    executor = PicklingExecutor(workers)
    assert groups_of(merge_events(events, executor)) == merge_by_every_pair(events)
    assert executor.calls == workers


def test_a_large_merge_is_sent_in_parts_of_bounded_size(monkeypatch):
    monkeypatch.setattr(merging, "PARALLEL_SWEEP_REPORTS", 1)
    monkeypatch.setattr(merging, "PART_REPORTS", 10)
    events = random_events(random.Random(7), 95)
    reports = len(merging._distinct_reports(events).items)
    executor = PicklingExecutor(2)
    assert groups_of(merge_events(events, executor)) == merge_by_every_pair(events)
    assert reports > 20 and executor.calls == -(-reports // 10)  # more parts than workers, each of 10 at most


def items_of(spans):
    """Sweep items with these (first day, days) in time order, all else alike."""
    return [merging._Item(n, start, start + days, n, False, (0,), (), (), False)
            for n, (start, days) in enumerate(sorted(spans))]


def busy_later_half():
    """A thousand reports of a day each, then a thousand whose dates reach far ahead."""
    return items_of([(day, 0) for day in range(1000)] + [(1000 + n // 10, 10_000) for n in range(1000)])


def test_parts_are_balanced_by_the_cost_of_their_stretch_of_time():
    # The later half is busy: each of its items meets the many whose dates still reach it,
    # so the part that sweeps it has fewer of them; a quiet stretch is split by count.
    busy = busy_later_half()
    low, middle, high = merging._bounds(busy, 2)
    assert (low, high) == (0, 2000) and middle > 1000 + 100
    quiet = items_of([(day, 0) for day in range(2000)])
    assert merging._bounds(quiet, 4) == [0, 500, 1000, 1500, 2000]


def test_parts_balanced_by_cost_still_hold_at_most_part_reports(monkeypatch):
    monkeypatch.setattr(merging, "PART_REPORTS", 1100)
    busy = busy_later_half()
    assert merging._bounds(busy, 2) == [0, 1000, 2000]
