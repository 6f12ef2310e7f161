"""Time and memory of the exporters on large synthetic chronologies.

Each measurement runs in its own process: the events are built first, then the
exporter writes them to a temporary file while a thread samples the resident
set size (RSS).  "extra MB" is the peak RSS during the write minus the RSS just
before it, i.e. what the exporter itself needs on top of the events.

    python benchmarks/export_memory.py                      # the default set
    python benchmarks/export_memory.py --format xlsx --events 200000
    python benchmarks/export_memory.py --format csv --format json --events 1000000

Figures are noisy on a shared machine; run twice before quoting them.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

DEFAULT_RUNS = [("xlsx", n) for n in (25_000, 50_000, 100_000, 200_000)] + [
    (fmt, 1_000_000) for fmt in ("csv", "json")] + [("json-read", 1_000_000), ("ics", 200_000), ("html", 200_000)]
PRECISIONS = [("day", 70), ("month", 12), ("year", 8), ("week", 5), ("time", 5)]
WORDS = ("rebels government forces shelled the city convoy aid talks ceasefire border district hospital "
         "market bridge road airport offensive withdrew captured announced reported killed civilians").split()


def _rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def synthetic_timeline(count: int, seed: int = 7):
    """A chronology of ``count`` events from 1,000 documents, with every precision."""
    from timeline.chronology import Timeline
    from timeline.documents import Document
    from timeline.events import Event, Mention

    rng = random.Random(seed)
    documents = [Document(name=f"article-{i:04d}.txt", text="", title=f"Report {i}", source="Wire",
                          url=f"https://example.org/{i}", published="2020-01-01") for i in range(1000)]
    sentences = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(12, 40))).capitalize() + "."
                 for _ in range(5000)]
    places = [Mention("Aleppo", "Aleppo", "city"), Mention("Idlib", "Idlib", "province")]
    kinds = [p for p, weight in PRECISIONS for _ in range(weight)]
    first = dt.date(2000, 1, 1).toordinal()
    events = []
    for index in range(count):
        day = dt.date.fromordinal(first + rng.randrange(7300))
        precision = rng.choice(kinds)
        if precision == "month":
            value, start = f"{day:%Y-%m}", day.replace(day=1)
            end = (start.replace(month=start.month % 12 + 1, year=start.year + start.month // 12)
                   - dt.timedelta(days=1))
        elif precision == "year":
            value, start, end = f"{day.year}", dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
        elif precision == "week":
            year, week, _ = day.isocalendar()
            start = dt.date.fromisocalendar(year, week, 1)
            value, end = f"{year}-W{week:02d}", start + dt.timedelta(days=6)
        elif precision == "time":
            value, start, end = f"{day.isoformat()}T{rng.randrange(24):02d}:00", day, day
        else:
            value, start, end = day.isoformat(), day, day
        sentence = sentences[index % len(sentences)]
        document = documents[index % len(documents)]
        events.append(Event(date=value, start=start, end=end, precision=precision, title=sentence[:90],
                            sentence=sentence, document=document.name, offset=(index, index + len(sentence)),
                            date_source="explicit", expression=value, url=document.url,
                            places=tuple(places[: index % 3])))
    return Timeline.build(documents, events, title="Benchmark")


def measure(format_name: str, count: int) -> dict:
    """Build ``count`` events, then time and sample the memory of one export."""
    from timeline.exporters.base import write_timeline
    from timeline.plugins import load_plugins

    timeline = synthetic_timeline(count)
    registry = load_plugins(None, entry_points=False)
    baseline = _rss_mb()
    peak = [baseline]
    done = threading.Event()

    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], _rss_mb())
            time.sleep(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / f"out.{format_name}"
        messages: list[str] = []
        sampler.start()
        began = time.perf_counter()
        if format_name == "json-read":
            from timeline.exporters.json_format import read_timeline, write_json

            with open(path, "wb") as stream:
                write_json(timeline, stream, {})
            del timeline
            baseline = peak[0] = _rss_mb()
            began = time.perf_counter()
            with open(path, "rb") as stream:
                read_back = read_timeline(stream)
            assert len(read_back.events) == count
        else:
            options = {"report": messages.append, "table_format": "simple", "columns": None}
            with open(path, "wb") as stream:
                write_timeline(registry.exporters[format_name], timeline, stream, options)  # as the CLI does
        seconds = time.perf_counter() - began
        done.set()
        sampler.join()
        size = path.stat().st_size
    return {"format": format_name, "events": count, "seconds": round(seconds, 2),
            "events_per_second": round(count / seconds), "extra_mb": round(peak[0] - baseline, 1),
            "rss_before_mb": round(baseline, 1), "output_mb": round(size / 1e6, 1), "messages": messages}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--format", action="append", help="format to measure (repeatable); json-read reads JSON back")
    parser.add_argument("--events", type=int, action="append", help="number of events (repeatable)")
    parser.add_argument("--one", nargs=2, metavar=("FORMAT", "EVENTS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one[0], int(args.one[1]))))
        return
    runs = DEFAULT_RUNS
    if args.format or args.events:
        runs = [(f, n) for f in (args.format or ["xlsx"]) for n in (args.events or [200_000])]
    print(f"{'format':<10} {'events':>9} {'seconds':>8} {'events/s':>9} {'extra MB':>9} {'RSS before':>10} {'output MB':>9}")
    for format_name, count in runs:
        result = subprocess.run([sys.executable, __file__, "--one", format_name, str(count)],
                                capture_output=True, text=True)
        if result.returncode:
            print(f"{format_name:<10} {count:>9} failed: {result.stderr.strip().splitlines()[-1]}")
            continue
        r = json.loads(result.stdout)
        print(f"{r['format']:<10} {r['events']:>9,} {r['seconds']:>8} {r['events_per_second']:>9,} "
              f"{r['extra_mb']:>9} {r['rss_before_mb']:>10} {r['output_mb']:>9}")
        for message in r["messages"]:
            print(f"{'':<10} note: {message}")


if __name__ == "__main__":
    main()
