"""How long `timeline add` takes for a few new documents on a large chronology database.

    python benchmarks/add_speed.py                       # 10,000 and 100,000 events; 10 and 100 new documents
    python benchmarks/add_speed.py --events 2000 --new 5,10

The database is made of synthetic reports (dated sentences over ten years, mostly to the day,
some to the month, with places and actors) written straight into it; the new documents are
synthetic articles read through the whole pipeline, as `timeline add` reads them. Beside each
add, a full rebuild of the database from the same reports (merging and writing everything,
without reading a document again, so less than a real full build) shows what add saves: add
must grow with the new documents, not with the database.
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from timeline import database  # noqa: E402
from timeline.build import build_timeline  # noqa: E402
from timeline.documents import Document  # noqa: E402
from timeline.events import Event, Mention  # noqa: E402
from timeline.identity import content_hash, report_id  # noqa: E402

PLACES = ["Aleppo", "Idlib", "Homs", "Hama", "Raqqa", "Deir ez-Zor", "Daraa", "Latakia", "Palmyra", "Manbij"]
ACTORS = ["rebels", "government forces", "Kurdish fighters", "Islamic State", "Russian aircraft"]
VERBS = ["shelled", "captured", "struck", "attacked", "besieged", "bombed", "surrounded", "stormed"]
OBJECTS = ["the market", "a hospital", "the airport", "a checkpoint", "the old city", "a convoy", "a school", "the bridge"]
FIRST_DAY = dt.date(2010, 1, 1)
DAYS = 3650


def _sentence(rng: random.Random, day: dt.date) -> tuple[str, str, str]:
    place, actor = rng.choice(PLACES), rng.choice(ACTORS)
    text = (f"{actor.capitalize()} {rng.choice(VERBS)} {rng.choice(OBJECTS)} in {place} on "
            f"{day.day} {day:%B} {day.year}, killing {rng.randint(2, 40)} people, witness {rng.randint(1, 10**6)} said.")
    return text, place, actor


def synthetic_reports(count: int, seed: int = 1) -> tuple[list[Document], list[Event]]:
    """``count`` reports in documents of ten, as the pipeline would make them."""
    rng = random.Random(seed)
    documents, events = [], []
    for number in range(0, count, 10):
        name = f"base/{number // 10:06d}.txt"
        document = Document(name=name, text="", published="2020-01-01")
        document = Document(name=name, text="", published="2020-01-01", content_hash=content_hash(
            Document(name=name, text=str(number), published="2020-01-01")))
        documents.append(document)
        offset = 0
        for _ in range(min(10, count - number)):
            day = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))
            text, place, actor = _sentence(rng, day)
            if rng.random() < 0.05:
                value, start, precision = f"{day:%Y-%m}", day.replace(day=1), "month"
                end = (start + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
            else:
                value, start, end, precision = day.isoformat(), day, day, "day"
            event = Event(date=value, start=start, end=end, precision=precision, title=text[:60], sentence=text,
                          document=name, offset=(offset, offset + len(text)), date_source="explicit",
                          places=(Mention(place, place, "city"),), actors=(Mention(actor, actor, "group"),))
            events.append(Event(**{**event.__dict__, "id": report_id(event)}))
            offset += len(text) + 1
    return documents, events


def new_documents(count: int, seed: int) -> list[Document]:
    rng = random.Random(seed)
    found = []
    for number in range(count):
        lines = [_sentence(rng, FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS)))[0] for _ in range(5)]
        found.append(Document(name=f"new-{seed}/{number:04d}.txt", text="\n".join(lines) + "\n", published="2020-01-01"))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", default="10000,100000", help="sizes of the database, in reports")
    parser.add_argument("--new", default="10,100", help="how many new documents each add brings")
    arguments = parser.parse_args()
    sizes = [int(x) for x in arguments.events.split(",")]
    news = [int(x) for x in arguments.new.split(",")]
    print(f"{'events':>8} {'new docs':>9} {'add (s)':>8} {'of which reading (s)':>21} {'full rebuild (s)':>17}")
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            documents, reports = synthetic_reports(size)
            path = Path(folder) / f"base-{size}.db"
            started = time.perf_counter()
            database.build(path, documents, reports)
            rebuild = time.perf_counter() - started
            for count in news:
                copy = Path(folder) / f"add-{size}-{count}.db"
                copy.write_bytes(path.read_bytes())
                incoming = [Document(**{**d.__dict__, "content_hash": content_hash(d)})
                            for d in new_documents(count, seed=count)]
                started = time.perf_counter()
                timeline = build_timeline(incoming, merge=False)
                reading = time.perf_counter() - started
                summary = database.add(copy, timeline.documents, timeline.events)
                elapsed = time.perf_counter() - started
                assert summary.documents == count
                print(f"{size:>8} {count:>9} {elapsed:>8.2f} {reading:>21.2f} {rebuild:>17.2f}")


if __name__ == "__main__":
    main()
