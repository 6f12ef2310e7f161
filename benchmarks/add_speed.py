"""How long `timeline add` takes for a few new documents on a large chronology database, and its memory.

    python benchmarks/add_speed.py                       # 10,000 and 100,000 events; 10 and 100 new documents
    python benchmarks/add_speed.py --events 2000 --new 5,10

The database is made of synthetic reports (dated sentences over ten years, mostly to the day,
some to the month, with places and actors) written straight into it; the new documents are
synthetic articles read through the whole pipeline, as `timeline add` reads them (reading; the
first document also loads the pipeline's word lists), then merged into the database and written
(database). Beside each
add, a full rebuild of the database from the same reports (merging and writing everything,
without reading a document again, so less than a real full build) shows what add saves: add
must grow with the new documents, not with the database.

Each build and each add runs in a process of its own, so that its peak resident memory (the
process's, imports and its input included) is its own; the memory of a bare process that has
made its input is printed first.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import resource
import shutil
import subprocess
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
LAST_DAY = dt.date(2019, 12, 31)  # the reports' dates end here (the articles are published the next day)
DAYS = 3650  # the days they cover, unless --per-day says how many reports a day


def _sentence(rng: random.Random, day: dt.date) -> tuple[str, str, str]:
    place, actor = rng.choice(PLACES), rng.choice(ACTORS)
    text = (f"{actor.capitalize()} {rng.choice(VERBS)} {rng.choice(OBJECTS)} in {place} on "
            f"{day.day} {day:%B} {day.year}, killing {rng.randint(2, 40)} people, witness {rng.randint(1, 10**6)} said.")
    return text, place, actor


def _day(rng: random.Random, days: int) -> dt.date:
    return LAST_DAY - dt.timedelta(days=rng.randrange(days))


def synthetic_reports(count: int, seed: int = 1, days: int = DAYS) -> tuple[list[Document], list[Event]]:
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
            day = _day(rng, days)
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


def new_documents(count: int, seed: int, days: int = DAYS) -> list[Document]:
    rng = random.Random(seed)
    found = []
    for number in range(count):
        lines = [_sentence(rng, _day(rng, days))[0] for _ in range(5)]
        found.append(Document(name=f"new-{seed}/{number:04d}.txt", text="\n".join(lines) + "\n", published="2020-01-01"))
    return found


def _peak_megabytes() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def _build(path: Path, size: int, days: int) -> dict:
    documents, reports = synthetic_reports(size, days=days)
    ready = _peak_megabytes()
    started = time.perf_counter()
    database.build(path, documents, reports)
    return {"seconds": time.perf_counter() - started, "peak": _peak_megabytes(), "ready": ready}


def _add(path: Path, count: int, days: int) -> dict:
    incoming = [Document(**{**d.__dict__, "content_hash": content_hash(d)})
                for d in new_documents(count, seed=count, days=days)]
    ready = _peak_megabytes()
    started = time.perf_counter()
    timeline = build_timeline(incoming, merge=False)
    reading = time.perf_counter() - started
    summary = database.add(path, timeline.documents, timeline.events)
    assert summary.documents == count
    return {"seconds": time.perf_counter() - started, "reading": reading, "peak": _peak_megabytes(), "ready": ready,
            "merged": summary.merged_reports}


def _in_a_process(step: str, path: Path, number: int, days: int) -> dict:
    """Run one step in a fresh interpreter; what it measured."""
    finished = subprocess.run([sys.executable, __file__, "--step", step, "--path", str(path), "--number", str(number),
                               "--days", str(days)], capture_output=True, text=True, check=False)
    if finished.returncode != 0:
        sys.exit(f"{step} failed:\n{finished.stderr}")
    return json.loads(finished.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", default="10000,100000", help="sizes of the database, in reports")
    parser.add_argument("--new", default="10,100", help="how many new documents each add brings")
    parser.add_argument("--per-day", type=float,
                        help="reports a day: a larger database covers more days (by default every size covers "
                             f"{DAYS} days, so a larger one is denser)")
    parser.add_argument("--days", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--step", choices=("build", "add"), help=argparse.SUPPRESS)
    parser.add_argument("--path", help=argparse.SUPPRESS)
    parser.add_argument("--number", type=int, help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.step:
        step = _build if arguments.step == "build" else _add
        print(json.dumps(step(Path(arguments.path), arguments.number, arguments.days)))
        return
    sizes = [int(x) for x in arguments.events.split(",")]
    news = [int(x) for x in arguments.new.split(",")]
    header = ("events", "days", "new docs", "add (s)", "reading (s)", "database (s)", "rebuild (s)", "add/rebuild",
              "add peak MB", "rebuild peak MB")
    widths = [max(8, len(name)) for name in header]
    print(" | ".join(name.rjust(width) for name, width in zip(header, widths)))
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            path = Path(folder) / f"base-{size}.db"
            days = round(size / arguments.per_day) if arguments.per_day else DAYS
            rebuild = _in_a_process("build", path, size, days)
            for count in news:
                copy = Path(folder) / f"add-{size}-{count}.db"
                shutil.copyfile(path, copy)
                added = _in_a_process("add", copy, count, days)
                copy.unlink()
                row = (size, days, count, f"{added['seconds']:.2f}", f"{added['reading']:.2f}",
                       f"{added['seconds'] - added['reading']:.2f}", f"{rebuild['seconds']:.2f}",
                       f"{added['seconds'] / rebuild['seconds']:.3f}", f"{added['peak']:.0f}", f"{rebuild['peak']:.0f}")
                print(" | ".join(str(value).rjust(width) for value, width in zip(row, widths)), flush=True)
            print(f"({size} events: a rebuild's process held {rebuild['ready']:.0f} MB with its input made; "
                  f"an add's {added['ready']:.0f} MB with its documents made)", file=sys.stderr)


if __name__ == "__main__":
    main()
