"""How merging reports of one happening scales with the number of events.

Takes the events of a chronology built without merging (a JSON export) and merges
k copies of them, each copy from other documents, in three ways:

- reprints: the copies are identical (a story reprinted by k outlets);
- spread: each copy moves to another year (k times the events, as dense in time);
- dense: each copy keeps its dates but its words change (k times the events in the
  same stretch of time, none identical: the hardest case for merging).

It prints the events, the seconds, events per second and the peak memory that merging
allocated here (tracemalloc, in a second run with one job, since tracing slows it down).
With ``--jobs N`` (N > 1) reports are compared in a pool of N worker processes, as
``timeline build --jobs N`` does once the documents are processed.

    timeline build ../shared/corpora/tempeval3/silver --no-merge -o events.json
    python benchmarks/merge_speed.py events.json --copies 1,2,5,10 --jobs 1,2
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import time
import tracemalloc
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from timeline.events import Event  # noqa: E402
from timeline.executors import make_executor  # noqa: E402
from timeline.exporters.json_format import timeline_from_dict  # noqa: E402
from timeline.merging import STOPWORDS, merge_events  # noqa: E402


def _shift_year(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def copies_of(events: list[Event], copies: int, kind: str) -> list[Event]:
    made = []
    for number in range(copies):
        for event in events:
            changed = replace(event, document=f"copy{number:02d}/{event.document}")
            if kind == "spread" and number:
                changed = replace(changed, start=_shift_year(event.start, 100 * number),
                                  end=_shift_year(event.end, 100 * number))
            elif kind == "dense" and number:
                # Each copy's content words start with letters of its own: no two copies share one,
                # and within a copy the words relate as in the original.
                mark = "qq" + "".join("qxzjkvwyfh"[int(digit)] for digit in str(number))
                sentence = re.sub(r"[A-Za-z]{3,}", lambda word: word.group() if word.group().lower() in STOPWORDS
                                  else mark + word.group(), event.sentence)
                changed = replace(changed, sentence=sentence)
            made.append(changed)
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("events", help="a JSON chronology built with --no-merge")
    parser.add_argument("--copies", default="1,2,5,10", help="comma-separated numbers of copies")
    parser.add_argument("--kinds", default="reprints,spread,dense")
    parser.add_argument("--jobs", default="1", help="comma-separated numbers of jobs (default: 1)")
    args = parser.parse_args()
    jobs_list = [int(j) for j in args.jobs.split(",")]
    with open(args.events, encoding="utf-8") as handle:
        events = list(timeline_from_dict(json.load(handle)).events)
    print(f"{args.events}: {len(events)} events")
    print(f"{'kind':<9} {'copies':>6} {'jobs':>4} {'events':>8} {'merged':>8} {'seconds':>8} {'events/s':>9} "
          f"{'peak MB':>8}")
    executors = {jobs: make_executor("local", jobs) for jobs in jobs_list}
    for executor in executors.values():
        executor.submit(len, ()).result()  # the workers are started before timing
    for kind in args.kinds.split(","):
        for copies in (int(c) for c in args.copies.split(",")):
            batch = copies_of(events, copies, kind)
            peak = None
            for jobs, executor in executors.items():
                started = time.perf_counter()
                merged = merge_events(batch, executor)
                elapsed = time.perf_counter() - started
                if peak is None:
                    tracemalloc.start()
                    merge_events(batch)
                    peak = tracemalloc.get_traced_memory()[1]
                    tracemalloc.stop()
                print(f"{kind:<9} {copies:>6} {jobs:>4} {len(batch):>8} {len(merged):>8} {elapsed:>8.2f} "
                      f"{len(batch) / elapsed:>9.0f} {peak / 2**20:>8.1f}", flush=True)
    for executor in executors.values():
        executor.close()
    sys.exit(0)


if __name__ == "__main__":
    main()
