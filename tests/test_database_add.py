"""`add` merges again only what new documents touch, and gives the chronology of a full build."""
import datetime as dt
import random
import sqlite3
from dataclasses import replace

import pytest

from timeline import database
from timeline.documents import Document
from timeline.events import Event, Mention
from timeline.identity import content_hash, report_id

# The same vocabulary of random reports as the merging index's exactness test.
from test_chronology_merge_index import ACTORS, PLACES, SPANS, WORDS


def report(sentence, start, days, precision, document, offset, places=(), actors=()):
    event = Event(date=f"{start}/{days}", start=start, end=start + dt.timedelta(days=days), precision=precision,
                  title=sentence[:40], sentence=sentence, document=document, offset=(offset, offset + 1),
                  date_source="explicit", places=tuple(Mention(p, p, "city") for p in places),
                  actors=tuple(Mention(a, a, "actor") for a in actors))
    return replace(event, id=report_id(event))


def random_reports(rng, documents, count):
    """Reports of a few happenings spread over a year, worded with some of their words and some
    others (so that overlaps take every value around the thresholds), some reprinted elsewhere
    or repeated in the same document."""
    happenings = [(rng.sample(WORDS, 10), dt.date(2016, 1, 1) + dt.timedelta(days=rng.randrange(365)))
                  for _ in range(12)]
    found = []
    for n in range(count):
        words, day = rng.choice(happenings)
        days, precision = rng.choice(SPANS)
        start = day - dt.timedelta(days=rng.randrange(days + 1) if days < 100 else 0) + dt.timedelta(
            days=rng.randrange(3))
        sentence = " ".join(dict.fromkeys(rng.sample(words, rng.randrange(1, 11)) + rng.sample(WORDS, rng.randrange(0, 6))))
        found.append(report(sentence, start, days, precision, rng.choice(documents), n,
                            rng.sample(PLACES, rng.choice([0, 0, 1, 1, 2])), rng.sample(ACTORS, rng.choice([0, 0, 1, 2]))))
        if rng.random() < 0.2:
            found.append(replace(found[rng.randrange(len(found))], document=rng.choice(documents), offset=(-n, -n)))
    return found


def documents_of(names, version=""):
    return [Document(name, "", published="2016-12-31", content_hash=content_hash(Document(name, name + version)))
            for name in names]


def chronology(path):
    """Each event (its row but the id) with the reports it is made of; and the ids."""
    connection = sqlite3.connect(path)
    try:
        members = {}
        for event_id, document, offset in connection.execute("SELECT event_id, document, \"offset\" FROM reports"):
            members.setdefault(event_id, []).append((document, offset))
        events = sorted((row[1:], sorted(members.get(row[0], []))) for row in connection.execute("SELECT * FROM events"))
        ids = {row[0] for row in connection.execute("SELECT id FROM events")}
        orphans = connection.execute("SELECT count(*) FROM reports WHERE event_id NOT IN (SELECT id FROM events) "
                                     "OR event_id IS NULL").fetchone()[0]
    finally:
        connection.close()
    assert orphans == 0
    return events, ids


@pytest.mark.parametrize("seed", range(40))
def test_add_gives_what_a_full_build_gives(seed, tmp_path):
    # Old documents, then new ones and one old document changed (some of its reports gone, others
    # new): the chronology of a full build of them all, the ids kept by add aside.
    rng = random.Random(seed)
    names = [f"d{k}.txt" for k in range(10)]
    old, new = names[:6], names[6:]
    changed = rng.choice(old)
    reports = random_reports(rng, names, rng.randrange(20, 140))
    rewritten = [r for r in reports if r.document == changed and rng.random() < 0.5]
    rewritten += random_reports(random.Random(seed + 1000), [changed], 8)
    database.build(tmp_path / "grown.db", documents_of(old), [r for r in reports if r.document in old])
    _, ids_before = chronology(tmp_path / "grown.db")
    documents = documents_of([n for n in names if n != changed]) + documents_of([changed], "v2")
    summary = database.add(tmp_path / "grown.db", documents, [r for r in reports if r.document in new] + rewritten)
    assert (summary.documents, summary.changed_documents, summary.unchanged_documents) == (len(new) + 1, 1, len(old) - 1)
    database.build(tmp_path / "full.db", documents, [r for r in reports if r.document != changed] + rewritten)
    (grown, grown_ids), (full, full_ids) = chronology(tmp_path / "grown.db"), chronology(tmp_path / "full.db")
    assert grown == full
    # An id differs from a full build's only where add kept one it had given (or its -2, -3 ...
    # when an event it was given to came apart).
    stem = lambda identity: identity.partition("-")[0]  # noqa: E731
    assert {stem(i) for i in grown_ids - full_ids} <= {stem(i) for i in ids_before}


def rowids(path):
    connection = sqlite3.connect(path)
    try:
        return dict(connection.execute("SELECT id, rowid FROM events"))
    finally:
        connection.close()


def test_add_joins_old_events_and_writes_only_the_events_that_change(tmp_path):
    day = dt.date(2016, 5, 6)
    merged = [report("rebels captured town Khan Tuman after fighting", day, 0, "day", name, 1, ["Aleppo"], ["Russia"])
              for name in ("a.txt", "b.txt")]
    alone = report("airstrike hit market Idlib killing twelve", day, 0, "day", "a.txt", 2, ["Idlib"])
    others = [report(f"envoy {word} talks resumed ceasefire", day + dt.timedelta(days=k), 0, "day", "c.txt", k)
              for k, word in enumerate(WORDS[:20])]
    db = tmp_path / "war.db"
    database.build(db, documents_of(["a.txt", "b.txt", "c.txt"]), merged + [alone] + others)
    before = rowids(db)
    merged_id, alone_id = min(r.id for r in merged), alone.id
    assert merged_id in before and alone_id in before
    # A third report of the merged event (dated earlier than its others) and a second of the lone one.
    third = report("rebels captured Khan Tuman town", day - dt.timedelta(days=1), 1, "day", "d.txt", 1, ["Aleppo"])
    second = report("strike hit the market Idlib killing twelve", day, 0, "day", "d.txt", 2, ["Idlib"])
    summary = database.add(db, documents_of(["d.txt"]), [third, second])
    assert summary.merged_reports == 2 and summary.new_events == []
    assert sorted(summary.changed_events) == sorted([merged_id, alone_id])
    after = rowids(db)
    assert set(after) == set(before)  # ids kept, though the third report is the earliest
    assert {i for i in after if after[i] != before[i]} == {merged_id, alone_id}  # the others not written
    connection = sqlite3.connect(db)
    members = dict(connection.execute("SELECT event_id, count(*) FROM reports GROUP BY event_id"))
    connection.close()
    assert (members[merged_id], members[alone_id]) == (3, 2)


def test_add_finds_a_reprint_of_a_report_repeated_in_its_document(tmp_path):
    # Reports without a word that tells what happened merge only when identical (a reprint): the
    # reprint joins the first of two identical ones in a document, whichever document came first.
    day = dt.date(2016, 5, 6)
    first, again = (report("It was there.", day, 0, "day", "a.txt", offset) for offset in (1, 5))
    reprint = report("It was there.", day, 0, "day", "b.txt", 3)
    database.build(tmp_path / "grown.db", documents_of(["a.txt"]), [again, first])
    database.add(tmp_path / "grown.db", documents_of(["b.txt"]), [reprint])
    database.build(tmp_path / "full.db", documents_of(["a.txt", "b.txt"]), [reprint, again, first])
    grown, full = chronology(tmp_path / "grown.db")[0], chronology(tmp_path / "full.db")[0]
    assert grown == full and any(len(members) == 2 for _, members in full)


def test_add_makes_the_index_of_dates_in_a_database_made_before_it(tmp_path):
    day = dt.date(2016, 5, 6)
    first = report("rebels captured town Khan Tuman after fighting", day, 0, "day", "a.txt", 1, ["Aleppo"])
    second = report("rebels captured the town of Khan Tuman", day, 0, "day", "b.txt", 1, ["Aleppo"])
    db = tmp_path / "war.db"
    database.build(db, documents_of(["a.txt"]), [first])
    connection = sqlite3.connect(db)
    connection.execute("DROP INDEX reports_days")
    connection.close()
    assert database.add(db, documents_of(["b.txt"]), [second]).merged_reports == 1
    connection = sqlite3.connect(db)
    plan = " ".join(str(row) for row in connection.execute(
        "EXPLAIN QUERY PLAN SELECT number FROM reports WHERE " + database._SPAN_CLASS + " = 0 AND start = '2016' "
        "AND \"end\" >= '2016'"))
    connection.close()
    assert "COVERING INDEX reports_days" in plan
