"""How fast `timeline build` is end to end, and how much memory it takes.

    python benchmarks/build_speed.py ../shared/corpora/tempeval3/silver
    python benchmarks/build_speed.py ../shared/corpora/tempeval3/silver --copies 10 --jobs 1,2 --repeat 5
    python benchmarks/build_speed.py --export-events 1000000 --formats csv,json

The first form extracts the text and creation date of each TimeML (.tml) file into a
temporary folder of .txt files with an articles.csv sidecar (outside the repository),
makes a folder of ten copies of it, and runs the real command line on both with 1 and
2 jobs, printing documents/s, MB/s (of text), MB/s per job and the peak memory (the
sum of the resident sets of the command and its worker processes, sampled); with
``--repeat N`` each build of the single copy runs N times, the job counts taking turns, and
the median is printed with the spread of the speed-up run by run. Timeline's modules
are compiled to bytecode first, as an installed package has them. The
second form times writing a chronology of synthetic events through each exporter.
"""
from __future__ import annotations

import argparse
import compileall
import csv
import datetime as dt
import html
import importlib.util
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent  # this checkout: its timeline is the one measured
sys.path.insert(0, str(ROOT))

DCT = re.compile(r"<DCT>.*?value=\"([^\"]+)\".*?</DCT>", re.S)
TITLE = re.compile(r"<TITLE>(.*?)</TITLE>", re.S)
TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)
TAG = re.compile(r"<[^>]+>")


def extract_corpus(corpus: Path, target: Path) -> tuple[int, int]:
    """Write each .tml's text as a .txt file and its DCT and title to articles.csv."""
    target.mkdir(parents=True, exist_ok=True)
    documents = size = 0
    with open(target / "articles.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["file", "title", "published"])
        for tml in sorted(corpus.rglob("*.tml")):
            raw = tml.read_text(encoding="utf-8", errors="replace")
            body = TEXT.search(raw)
            if not body:
                continue
            text = html.unescape(TAG.sub("", body.group(1))).strip() + "\n"
            dct = DCT.search(raw)
            title = TITLE.search(raw)
            name = tml.stem + ".txt"
            (target / name).write_text(text, encoding="utf-8")
            writer.writerow([name, html.unescape(TAG.sub("", title.group(1))).strip() if title else "",
                             dct.group(1)[:10] if dct else ""])
            documents += 1
            size += len(text.encode("utf-8"))
    return documents, size


def make_copies(source: Path, target: Path, copies: int) -> None:
    for number in range(copies):
        folder = target / f"copy{number:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        for item in source.iterdir():
            os.link(item, folder / item.name)


def descendants(pid: int) -> list[int]:
    """A process and all its descendants (a scan of /proc: about a millisecond)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as handle:
                    fields = handle.read().rsplit(")", 1)[1].split()
                children.setdefault(int(fields[1]), []).append(int(entry))
            except OSError:
                continue
    found, stack = [], [pid]
    while stack:
        current = stack.pop()
        found.append(current)
        stack.extend(children.get(current, ()))
    return found


def resident(pids: list[int]) -> int:
    """Resident bytes of these processes (those that have ended count nothing)."""
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/statm") as handle:
                total += int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except OSError:
            pass
    return total


# Memory is sampled every SAMPLE_SECONDS, and the process tree found again every RESCAN samples: the
# sampler shares the cores it measures, and a scan of /proc every 50 ms took 2% of one.
SAMPLE_SECONDS = 0.1
RESCAN = 5


def run_measured(command: list[str]) -> tuple[float, float, int, int]:
    """Run a command; return its wall time, CPU time (of it and its workers), peak tree RSS
    (bytes) and exit status. CPU time well under jobs x wall time means the machine was busy."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        rounds = 0
        while not done.is_set():
            if rounds % RESCAN == 0:
                tree = descendants(process.pid)
            peak = max(peak, resident(tree))
            rounds += 1
            done.wait(SAMPLE_SECONDS)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, errors = process.communicate()
    elapsed = time.perf_counter() - started
    done.set()
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if process.returncode != 0:
        sys.stderr.write(errors.decode("utf-8", "replace")[-2000:])
    return elapsed, cpu, peak, process.returncode


def compile_package() -> str:
    """Compile timeline's modules to bytecode, as pip does when it installs a package, and say so.

    A checkout installed in editable mode has its bytecode written on first import, unless
    PYTHONDONTWRITEBYTECODE is set: every run would then compile the modules from source
    (0.05 s of each start here), a cost an installed package never pays.
    """
    spec = importlib.util.find_spec("timeline")
    if spec is None or not spec.submodule_search_locations:
        return "timeline not importable here"
    folder = spec.submodule_search_locations[0]
    compileall.compile_dir(folder, quiet=1)
    return f"bytecode of {folder} compiled first"


def bench_build(corpus: Path, copies: int, jobs_list: list[int], workdir: Path, format_name: str,
                extra: list[str], repeat: int = 1) -> None:
    compiled = compile_package()
    single = workdir / "corpus"
    documents, size = extract_corpus(corpus, single)
    many = workdir / f"copies{copies}"
    make_copies(single, many, copies)
    print(f"corpus {corpus}: {documents} documents, {size / 1e6:.1f} MB of text; "
          f"extracted to {single} and {copies} copies in {many}; output as {format_name}; "
          f"build options: {' '.join(extra) or 'none'}; single copy: median of {repeat} run(s); "
          f"{compiled}; load average before: {os.getloadavg()[0]:.1f}")
    print(f"{'input':<12} {'jobs':>4} {'docs':>7} {'MB':>7} {'seconds':>8} {'docs/s':>8} "
          f"{'MB/s':>6} {'MB/s/job':>8} {'cpu s':>7} {'peak MB':>8} {'events':>8} {'load':>5}")
    times: dict[tuple[str, int], float] = {}
    paired: list[float] = []  # time with 1 job / time with 2 jobs, run by run
    for label, folder, factor in (("1 copy", single, 1), (f"{copies} copies", many, copies)):
        outputs = {jobs: workdir / f"out-{factor}-{jobs}.{format_name}" for jobs in jobs_list}
        runs: dict[int, list[tuple[float, float, int, int]]] = {jobs: [] for jobs in jobs_list}
        events: dict[int, int] = {}
        # Job counts take turns, run after run, so that the machine's drift over minutes falls on
        # each alike; the median run (by wall time) of `repeat` is printed, since one run on a
        # shared machine can be a slow one.
        for _ in range(repeat if factor == 1 else 1):
            for jobs in jobs_list:
                command = [sys.executable, "-m", "timeline", "build", str(folder), "-o", str(outputs[jobs]),
                           "--jobs", str(jobs), "--quiet", *extra]
                runs[jobs].append(run_measured(command))
                if runs[jobs][-1][3] == 0 and jobs not in events:  # the same chronology every run
                    events[jobs] = count_events(outputs[jobs], format_name)
                outputs[jobs].unlink(missing_ok=True)
            if factor == 1 and 1 in runs and 2 in runs:
                paired.append(runs[1][-1][0] / runs[2][-1][0])
        for jobs in jobs_list:
            elapsed, cpu, peak, status = sorted(runs[jobs])[len(runs[jobs]) // 2]
            events_found = events.get(jobs, -1) if status == 0 else -1
            times[(label, jobs)] = elapsed
            megabytes = size * factor / 1e6
            print(f"{label:<12} {jobs:>4} {documents * factor:>7} {megabytes:>7.1f} {elapsed:>8.1f} "
                  f"{documents * factor / elapsed:>8.1f} {megabytes / elapsed:>6.2f} "
                  f"{megabytes / elapsed / jobs:>8.2f} {cpu:>7.1f} {peak / 2**20:>8.0f} {events_found:>8} "
                  f"{os.getloadavg()[0]:>5.1f}", flush=True)
    for label in ("1 copy", f"{copies} copies"):
        if (label, 1) in times and (label, 2) in times:
            spread = ""
            if label == "1 copy" and len(paired) > 1:
                spread = (f" (run by run: median {statistics.median(paired):.2f}, "
                          f"from {min(paired):.2f} to {max(paired):.2f})")
            print(f"speed-up with 2 jobs on {label}: {times[(label, 1)] / times[(label, 2)]:.2f}{spread}")
    for jobs in jobs_list:
        print(f"time for {copies} copies / ({copies} x time for 1 copy), {jobs} job(s): "
              f"{times[(f'{copies} copies', jobs)] / (copies * times[('1 copy', jobs)]):.2f} (1.00 = linear)")


def count_events(output: Path, format_name: str) -> int:
    if format_name == "json":
        return len(json.loads(output.read_text(encoding="utf-8"))["events"])
    with open(output, newline="", encoding="utf-8-sig") as handle:
        return sum(1 for _ in csv.DictReader(handle))


def synthetic_timeline(count: int):
    from timeline.chronology import Timeline
    from timeline.documents import Document
    from timeline.events import Event

    documents = tuple(Document(name=f"article-{n:05d}.txt", text="", published="2016-11-04") for n in range(1000))
    first = dt.date(2000, 1, 1)
    events = []
    for n in range(count):
        day = first + dt.timedelta(days=(n * 7919) % 9000)
        sentence = f"Event {n}: forces shelled the town of Atareb on {day:%d %B %Y}, witnesses said."
        events.append(Event(date=day.isoformat(), start=day, end=day, precision="day", title=sentence[:60],
                            sentence=sentence, document=documents[n % 1000].name, offset=(n % 5000, n % 5000 + len(sentence)),
                            date_source="explicit", expression=f"{day:%d %B %Y}"))
    return Timeline.build(documents, events)


def bench_export(count: int, formats: list[str], workdir: Path) -> None:
    """Each format in its own process, so each peak memory is its own."""
    for name in formats:
        command = [sys.executable, __file__, "--export-one", name, "--export-events", str(count),
                   "--workdir", str(workdir)]
        subprocess.run(command, check=True)


def export_one(name: str, count: int, workdir: Path) -> None:
    from timeline.plugins import load_plugins

    started = time.perf_counter()
    timeline = synthetic_timeline(count)
    made = time.perf_counter() - started
    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    exporter = load_plugins(entry_points=False).exporters[name]
    path = workdir / f"events{exporter.suffixes[0] if exporter.suffixes else ''}"
    started = time.perf_counter()
    with open(path, "wb") as stream:
        exporter.write(timeline, stream, {})
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"export {count} events as {name}: {elapsed:.1f} s, {path.stat().st_size / 1e6:.0f} MB written; "
          f"peak RSS {peak / 1024:.0f} MB ({baseline / 1024:.0f} MB holding the events before writing; "
          f"making them took {made:.1f} s)", flush=True)
    path.unlink()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", type=Path, help="folder of TimeML .tml files")
    parser.add_argument("--copies", type=int, default=10)
    parser.add_argument("--jobs", default="1,2", help="comma-separated job counts (default: 1,2)")
    parser.add_argument("--format", default="json", choices=("json", "csv"), help="output format of the builds")
    parser.add_argument("--build-option", action="append", default=[], metavar="OPTION",
                        help="pass an option to timeline build, e.g. --build-option=--no-merge")
    parser.add_argument("--repeat", type=int, default=1,
                        help="run each build of the single copy this many times and report the median (default: 1)")
    parser.add_argument("--export-events", type=int, help="time exporting this many synthetic events")
    parser.add_argument("--formats", default="csv,json", help="formats for --export-events")
    parser.add_argument("--export-one", help=argparse.SUPPRESS)
    parser.add_argument("--workdir", type=Path, help="where to put the extracted corpus (default: a temporary folder)")
    arguments = parser.parse_args()
    workdir = arguments.workdir or Path(tempfile.mkdtemp(prefix="timeline-bench-"))
    try:
        if arguments.export_one:
            export_one(arguments.export_one, arguments.export_events, workdir)
        elif arguments.export_events:
            bench_export(arguments.export_events, arguments.formats.split(","), workdir)
        elif arguments.corpus:
            jobs = [int(j) for j in arguments.jobs.split(",")]
            bench_build(arguments.corpus, arguments.copies, jobs, workdir, arguments.format, arguments.build_option,
                        arguments.repeat)
        else:
            parser.error("give a corpus folder or --export-events N")
    finally:
        if arguments.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
