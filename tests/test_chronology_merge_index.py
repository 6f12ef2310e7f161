"""Merging through the word-and-date index finds exactly what comparing every pair finds."""
import datetime as dt
import random

import pytest

from timeline.chronology import merge_events, same_happening
from timeline.events import Event, Mention

WORDS = "rebels captured town army shelled convoy aid village border crossing killed fighters airstrike".split()
PLACES = ["Aleppo", "Idlib", "Hama"]
SPANS = [(0, "day"), (0, "day"), (0, "day"), (6, "week"), (30, "month"), (364, "year"), (3652, "decade")]


def merge_by_every_pair(events):
    """The reference: every pair with overlapping dates, in order, one report per document."""
    ordered = sorted(events, key=lambda e: (e.start, e.end))
    group = list(range(len(ordered)))
    for i, event in enumerate(ordered):
        for j in range(i + 1, len(ordered)):
            other = ordered[j]
            if other.start > event.end:
                break
            gi, gj = group[i], group[j]
            if gi == gj or not same_happening(event, other):
                continue
            members = [k for k in range(len(ordered)) if group[k] in (gi, gj)]
            if len({ordered[k].document for k in members}) == len(members):
                group = [gi if g == gj else g for g in group]
    groups = {}
    for i, event in enumerate(ordered):
        groups.setdefault(group[i], []).append(event)
    return sorted(sorted((e.document, e.offset) for e in g) for g in groups.values())


def random_events(rng, count):
    events = []
    for n in range(count):
        days, precision = rng.choice(SPANS)
        start = dt.date(2016, 1, 1) + dt.timedelta(days=rng.randrange(90))
        sentence = " ".join(rng.sample(WORDS, rng.randrange(2, 7)))
        place = rng.choice(PLACES + [None, None])
        events.append(Event(
            date="x", start=start, end=start + dt.timedelta(days=days), precision=precision, title=sentence,
            sentence=sentence, document=f"d{rng.randrange(8)}.txt", offset=(n, n + 1), date_source="explicit",
            places=(Mention(place, place),) if place else ()))
    return events


def groups_of(merged):
    return sorted(sorted([(e.document, e.offset)] + [(s.document, s.offset) for s in e.sources]) for e in merged)


@pytest.mark.parametrize("seed", range(40))
def test_index_merge_equals_every_pair_merge(seed):
    rng = random.Random(seed)
    events = random_events(rng, rng.randrange(2, 120))
    assert groups_of(merge_events(events)) == merge_by_every_pair(events)
