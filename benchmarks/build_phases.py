"""Where the time of `timeline build` goes: start-up, documents, merging, writing.

    python benchmarks/build_phases.py ../shared/corpora/tempeval3/silver --jobs 1,2 --repeat 11

Extracts the corpus as build_speed.py does, then runs the real command line, each run in
a new process, with clocks on the stages the build goes through (read in this process, so
the build itself is not changed):

- start: from launching the process to the first document being processed (interpreter,
  imports, rules, gazetteer, patterns, listing, starting the workers);
- documents: until the last document is processed (in parallel with N jobs);
- merging: from there until the writing begins (reports alike are compared in the workers,
  the rest here; then the events are ordered);
- writing: the exporter writing the output (here);
- exit: from the end of writing until the process has ended.

Start, merging (but its comparing), writing and exit run in one process whatever the
number of jobs: they bound the speed-up of a short run. The median of each phase over
``--repeat`` runs is printed, the job counts taking turns, with the CPU time of the
command and its workers.
"""
from __future__ import annotations

import argparse
import functools
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # this checkout's timeline

PHASES = ("start", "documents", "merging", "writing", "exit")


def child(record: Path, arguments: list[str]) -> None:
    """Run the command line with clocks on its stages; each clock appends a line to ``record``
    (workers too: they are forked from this process after the wrappers are in place)."""
    import timeline.build as build
    import timeline.cli as cli

    def clock(name: str, started: float) -> None:
        with open(record, "a") as handle:  # one short write: lines from several processes do not mix
            handle.write(json.dumps([name, started, time.time(), os.getpid()]) + "\n")

    def wrapped(name, function):
        # Under the function's own name: the workers are sent process_chunk by name.
        @functools.wraps(function)
        def run(*args, **kwargs):
            started = time.time()
            try:
                return function(*args, **kwargs)
            finally:
                clock(name, started)
        return run

    build.process_chunk = wrapped("chunk", build.process_chunk)
    cli._write = wrapped("write", cli._write)
    sys.argv = ["timeline", *arguments]
    cli.main()


def phases(record: Path, launched: float, ended: float) -> dict[str, float]:
    clocks = [json.loads(line) for line in record.read_text().splitlines()]
    chunks = [(start, end) for name, start, end, _ in clocks if name == "chunk"]
    write_start, write_end = next((start, end) for name, start, end, _ in clocks if name == "write")
    first, last = min(start for start, _ in chunks), max(end for _, end in chunks)
    # The phases follow one another: together they are the whole run.
    return {"start": first - launched, "documents": last - first, "merging": write_start - last,
            "writing": write_end - write_start, "exit": ended - write_end, "total": ended - launched}


def run_once(folder: Path, jobs: int, workdir: Path) -> tuple[dict[str, float], float]:
    from build_speed import run_measured

    record = workdir / "clocks.jsonl"
    record.unlink(missing_ok=True)
    output = workdir / "out.json"
    command = [sys.executable, __file__, "--child", str(record), "build", str(folder), "-o", str(output),
               "--jobs", str(jobs), "--quiet"]
    launched = time.time()
    elapsed, cpu, _, status = run_measured(command)  # prints what the command said when it failed
    if status != 0:
        sys.exit("timeline build failed")
    output.unlink()
    return phases(record, launched, launched + elapsed), cpu


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        child(Path(sys.argv[2]), sys.argv[3:])
        return
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path, help="folder of TimeML .tml files")
    parser.add_argument("--jobs", default="1,2", help="comma-separated job counts (default: 1,2)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per job count; medians are printed (default: 5)")
    arguments = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from build_speed import compile_package, extract_corpus

    jobs_list = [int(j) for j in arguments.jobs.split(",")]
    workdir = Path(tempfile.mkdtemp(prefix="timeline-phases-"))
    try:
        compiled = compile_package()
        documents, size = extract_corpus(arguments.corpus, workdir / "corpus")
        print(f"corpus {arguments.corpus}: {documents} documents, {size / 1e6:.1f} MB of text; {compiled}; "
              f"medians of {arguments.repeat} run(s), in seconds")
        runs: dict[int, list[tuple[dict[str, float], float]]] = {jobs: [] for jobs in jobs_list}
        for _ in range(arguments.repeat):
            for jobs in jobs_list:
                runs[jobs].append(run_once(workdir / "corpus", jobs, workdir))
        print(f"{'jobs':>4} " + " ".join(f"{name:>9}" for name in (*PHASES, "total", "cpu")))
        medians = {}
        for jobs in jobs_list:
            medians[jobs] = {name: statistics.median(r[0][name] for r in runs[jobs]) for name in (*PHASES, "total")}
            cpu = statistics.median(r[1] for r in runs[jobs])
            print(f"{jobs:>4} " + " ".join(f"{medians[jobs][name]:>9.3f}" for name in (*PHASES, "total"))
                  + f" {cpu:>9.2f}")
        if 1 in medians:
            for jobs in jobs_list:
                if jobs > 1:
                    one, many = medians[1], medians[jobs]
                    print(f"{jobs} jobs: speed-up {one['total'] / many['total']:.2f} in all, "
                          f"{one['documents'] / many['documents']:.2f} on the documents; the phases run in one "
                          f"process (start, writing, exit) take {many['start'] + many['writing'] + many['exit']:.2f} s "
                          f"of {many['total']:.2f} s")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
