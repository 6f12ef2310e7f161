"""What this machine charges for running two busy processes at once.

    python benchmarks/parallel_cost.py ../shared/corpora/tempeval3/silver --repeat 7

The speed-up of `timeline build --jobs 2` is bounded by the build (start-up, merging and
writing run in one process: see build_phases.py) and by the machine: two processes on two
cores may each run slower than one alone, when they share caches, memory bandwidth or a
physical core under a hypervisor. This measures the machine's part, with no build around it.

The corpus is extracted as build_speed.py does and read with timeline's own reader. The rules,
gazetteer and patterns are loaded once by the build's own ``prepare``, as `timeline build` loads
them before it forks its workers. Then, in each round, processes forked from here do the same whole work:

- alone: one process runs the per-document pipeline over every document (in chunks, as a
  worker of the build does);
- pair: two processes start together, each running that same whole work;
- and, as a control, the same with a loop of plain arithmetic that touches almost no memory.

Each process reports its CPU time, its wall time and the number of events it found (the same
in all of them, or the work was not the same). A process of the pair that needs more
CPU time than the one alone pays for sharing the machine; the pair doing twice the work, against
the one alone doing it once, is the most speed-up two jobs can give this work here, before any
cost of the build itself. Alone and pair take turns, the order swapped every round, and the
medians are printed.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
import traceback
from pathlib import Path

ARITHMETIC_STEPS = 16_000_000  # about a second: long enough to outlast the scheduler's noise


def pipeline_work(documents) -> int:
    """The work of the build's workers: every document through the pipeline, chunk by chunk."""
    from timeline.build import process
    from timeline.executors import SerialExecutor

    events = 0
    for outcome in process(documents, executor=SerialExecutor()):
        if outcome.result is not None:
            events += len(outcome.result.events)
    return events


def arithmetic_work(_documents) -> int:
    total = 0
    for step in range(ARITHMETIC_STEPS):
        total += step * step % 7
    return total


def run_forked(work, documents, count: int) -> list[dict]:
    """Fork ``count`` processes that start ``work`` together; each reports its CPU time, wall time and result."""
    go_read, go_write = os.pipe()
    children = []
    for _ in range(count):
        report_read, report_write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: wait for the start, work, report, and leave without tearing down
            status = 1
            try:
                os.close(report_read)
                os.close(go_write)
                os.read(go_read, 1)
                cpu, wall = time.process_time(), time.perf_counter()
                result = work(documents)
                report = {"cpu": time.process_time() - cpu, "wall": time.perf_counter() - wall, "result": result}
                os.write(report_write, json.dumps(report).encode())
                status = 0
            except BaseException:
                traceback.print_exc()
            finally:
                os._exit(status)
        os.close(report_write)
        children.append((pid, report_read))
    os.close(go_read)
    os.write(go_write, b"x" * count)  # each child reads one byte: all start at once
    os.close(go_write)
    reports = []
    for pid, report_read in children:
        with os.fdopen(report_read, "rb") as stream:
            data = stream.read()
        _, status = os.waitpid(pid, 0)
        if status != 0 or not data:
            sys.exit("a measuring process failed")
        reports.append(json.loads(data))
    return reports


def measure(work, documents, repeat: int) -> list[tuple[dict, list[dict]]]:
    rounds = []
    for number in range(repeat):
        if number % 2 == 0:
            alone = run_forked(work, documents, 1)[0]
            pair = run_forked(work, documents, 2)
        else:
            pair = run_forked(work, documents, 2)
            alone = run_forked(work, documents, 1)[0]
        rounds.append((alone, pair))
    return rounds


def summary(name: str, rounds: list[tuple[dict, list[dict]]]) -> str:
    results = {alone["result"] for alone, _ in rounds} | {p["result"] for _, pair in rounds for p in pair}
    if len(results) != 1:
        sys.exit(f"{name}: the processes did not do the same work ({sorted(results)})")
    alone_cpu = statistics.median(alone["cpu"] for alone, _ in rounds)
    pair_cpu = statistics.median(statistics.mean(p["cpu"] for p in pair) for _, pair in rounds)
    ratios = [statistics.mean(p["cpu"] for p in pair) / alone["cpu"] for alone, pair in rounds]
    # Twice the work in the time the pair took, against the work once in the time of the one alone.
    speedups = [2 * alone["wall"] / max(p["wall"] for p in pair) for alone, pair in rounds]
    return (f"{name:<10} {len(rounds):>6} {alone_cpu:>9.3f} {pair_cpu:>9.3f} {statistics.median(ratios):>10.3f} "
            f"{min(ratios):>6.3f} {max(ratios):>6.3f} {statistics.median(speedups):>8.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path, help="folder of TimeML .tml files")
    parser.add_argument("--repeat", type=int, default=5, help="rounds of alone and pair; medians are printed (default: 5)")
    arguments = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # this checkout's timeline
    from build_speed import extract_corpus

    from timeline.executors import prepare
    from timeline.documents import read_documents

    workdir = Path(tempfile.mkdtemp(prefix="timeline-parallel-"))
    try:
        count, size = extract_corpus(arguments.corpus, workdir / "corpus")
        documents = list(read_documents([str(workdir / "corpus")]))
        prepare()
        print(f"corpus {arguments.corpus}: {count} documents, {size / 1e6:.1f} MB of text; "
              f"{len(os.sched_getaffinity(0))} cores; medians of {arguments.repeat} round(s); CPU seconds per process")
        print(f"{'work':<10} {'rounds':>6} {'alone cpu':>9} {'pair cpu':>9} {'pair/alone':>10} "
              f"{'min':>6} {'max':>6} {'speed-up':>8}")
        print(summary("pipeline", measure(pipeline_work, documents, arguments.repeat)))
        print(summary("arithmetic", measure(arithmetic_work, documents, arguments.repeat)))
        print("pair/alone: CPU time of a process of the pair over that of the process alone, round by round "
              "(median, min, max); speed-up: twice the work by the pair against once by the one alone, "
              "in wall time (median): the most two jobs can give that work here")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
