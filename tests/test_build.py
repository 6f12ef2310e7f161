import datetime as dt
import json

from click.testing import CliRunner

from timeline import build as build_module
from timeline import executors, merging
from timeline.build import Outcome, build_timeline, process, process_documents
from timeline.cli import cli
from timeline.documents import Document, find_sources, read_documents
from timeline.executors import PoolExecutor, SerialExecutor, make_executor
from timeline.temporal import tagger

NO_DATE = "The army said yesterday that the town fell. Fighting went on last weekend, witnesses said.\n"


def run(*args):
    return CliRunner().invoke(cli, ["build", *map(str, args)])


def chronology(*args):
    result = run(*args, "-f", "json", "-q")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_the_pool_gives_the_same_chronology_in_the_same_order(seeds_dir):
    serial = build_timeline(read_documents([str(seeds_dir)]), executor=SerialExecutor())
    pool = PoolExecutor(2)
    try:
        parallel = build_timeline(find_sources([str(seeds_dir)]), executor=pool)
    finally:
        pool.close()
    assert parallel == serial and len(serial.events) > 10


def test_the_tagger_is_compiled_once_before_the_workers_start(seeds_dir, monkeypatch):
    # Workers forked afterwards share the compiled patterns instead of each compiling them.
    monkeypatch.setattr(tagger, "_SINGLE", {})
    monkeypatch.setattr(tagger, "_PREFIX_INDEX", [])
    assert chronology(seeds_dir, "--jobs", "2")["events"]
    assert set(tagger._SINGLE) == {i for rules in tagger._CLASS_RULES.values() for i in rules}
    assert tagger._PREFIX_INDEX


def test_what_the_build_loads_first_is_loaded_without_the_cycle_collector(seeds_dir, monkeypatch):
    # A full collection while the patterns compile would walk the whole gazetteer just loaded.
    import gc

    seen = []
    original = tagger.compile_patterns
    monkeypatch.setattr(executors, "load_gazetteer", lambda *args: seen.append(gc.isenabled()))
    monkeypatch.setattr(tagger, "compile_patterns", lambda: seen.append(gc.isenabled()) or original())
    assert gc.isenabled()
    assert chronology(seeds_dir, "--jobs", "1")["events"]
    assert seen == [False, False] and gc.isenabled()


def test_jobs_on_the_command_line_give_the_same_chronology(seeds_dir):
    assert chronology(seeds_dir, "--jobs", "1") == chronology(seeds_dir, "--jobs", "2")


def test_reports_compared_by_the_workers_give_the_same_chronology(alike_reports, monkeypatch):
    # However few the reports, the workers compare them (each a stretch of time) and this process joins.
    monkeypatch.setattr(merging, "PARALLEL_SWEEP_REPORTS", 1)
    calls = []
    original = merging._parts
    monkeypatch.setattr(merging, "_parts", lambda *args: calls.append(args) or original(*args))
    shared = chronology(alike_reports, "--published", "2016-07-01", "--jobs", "2")
    assert calls
    assert shared == chronology(alike_reports, "--published", "2016-07-01", "--jobs", "1")
    assert [(e["date"], len(e["sources"])) for e in shared["events"]] == [
        ("2016-05-06", 2), ("2016-05-09", 1), ("2016-06", 1)]


def test_results_keep_input_order_and_carry_no_text(monkeypatch):
    monkeypatch.setattr(build_module, "CHUNK_DOCUMENTS", 3)
    documents = [Document(name=f"{n}.txt", text=f"Report {n}: shelling on 6 May 2016.", published="2016-05-07")
                 for n in range(20)]
    pool = PoolExecutor(2)
    try:
        results = list(process_documents(documents, executor=pool))
    finally:
        pool.close()
    assert [r.document.name for r in results] == [d.name for d in documents]
    assert all(r.document.text == "" and len(r.events) == 1 for r in results)


def test_documents_are_read_only_as_fast_as_workers_take_them(monkeypatch):
    """Streaming: a bounded number of documents is in flight, whatever the corpus size."""
    monkeypatch.setattr(build_module, "CHUNK_DOCUMENTS", 2)
    taken = []

    def corpus():
        for n in range(1000):
            taken.append(n)
            yield Document(name=f"{n}.txt", text="On 6 May 2016 it rained.", published="2016")

    results = process_documents(corpus(), executor=SerialExecutor())
    next(results)
    assert len(taken) <= 2 * build_module.CHUNKS_AHEAD + 2


def test_problems_arrive_in_input_order_with_the_results(tmp_path):
    (tmp_path / "a.txt").write_text("On 6 May 2016 it rained.")
    (tmp_path / "b.txt").write_bytes(b"")
    (tmp_path / "c.txt").write_text("On 7 May 2016 it rained.")
    pool = PoolExecutor(2)
    try:
        outcomes = list(process(find_sources([str(tmp_path)], published="2016"), executor=pool))
    finally:
        pool.close()
    assert [(o.result.document.name if o.result else None, [p.name[-5:] for p in o.problems])
            for o in outcomes] == [("a.txt", []), (None, ["b.txt"]), ("c.txt", [])]


def test_default_jobs_is_the_number_of_cores(monkeypatch):
    monkeypatch.setattr(executors, "default_jobs", lambda: 1)
    assert isinstance(make_executor(), SerialExecutor)
    executor = make_executor("local", 2)
    try:
        assert isinstance(executor, PoolExecutor) and executor.workers == 2
    finally:
        executor.close()


def test_a_document_without_a_date_warns_once_and_never_uses_today(tmp_path):
    (tmp_path / "undated.txt").write_text(NO_DATE)
    (tmp_path / "dated.txt").write_text("---\npublished: 2016-11-04\n---\n" + NO_DATE)
    result = run(tmp_path, "-f", "json", "-q")
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if "undated.txt" in line]
    assert len(warnings) == 1
    assert all(way in warnings[0] for way in ("articles.csv", "front matter", "--published"))
    assert "dated.txt" not in result.stderr.replace("undated.txt", "")
    today = dt.date.today().isoformat()
    events = json.loads(result.stdout)["events"]
    assert not [e for e in events if e["document"] == "undated.txt" and today in (e["start"], e["end"])]
    assert {e["document"] for e in events} == {"dated.txt"}


def test_bad_inputs_are_each_one_line_and_the_run_goes_on_with_exit_status_1(tmp_path):
    (tmp_path / "good.txt").write_text("On 6 May 2016 rebels took Khan Touman.")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    (tmp_path / "latin.txt").write_bytes("Le café fut bombardé le 6 May 2016.".encode("latin-1"))
    result = run(tmp_path, tmp_path / "missing.txt", "--published", "2016-05-07", "-f", "csv", "-q")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert [line.split(":")[0] for line in lines[:4]] == ["Skipped", "Skipped", "Warning", "Skipped"]
    assert len(lines) == 5 and "empty.txt" in lines[0] and "image.txt" in lines[1] and "latin.txt" in lines[2]
    assert "missing.txt" in lines[3] and "3 input(s) skipped" in lines[4]
    assert "Traceback" not in result.output
    assert "Khan Touman" in result.stdout and "café" in result.stdout


def test_strict_stops_at_the_first_problem_and_writes_nothing(tmp_path):
    (tmp_path / "a.txt").write_text("On 6 May 2016 rebels took Khan Touman.")
    (tmp_path / "b.txt").write_bytes(b"")
    (tmp_path / "c.txt").write_bytes(b"")
    output = tmp_path / "out.json"
    result = run(tmp_path, "--published", "2016", "--strict", "-o", output, "-q")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "b.txt: is empty" in result.stderr and "--strict" in result.stderr
    assert not output.exists()


def test_a_clean_run_exits_0_and_quiet_or_no_terminal_shows_no_progress(seeds_dir):
    for quiet in ((), ("--quiet",)):
        result = run(seeds_dir, "-f", "csv", *quiet)
        assert result.exit_code == 0
        assert "Building" not in result.stderr


def test_the_progress_bar_counts_documents_and_events(seeds_dir, monkeypatch):
    import sys

    from timeline import reporting

    shown = []
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    progress = reporting.Progress([str(seeds_dir)], quiet=False)
    assert progress.bar is not None and progress.bar.length == 5
    progress.bar.render_progress = lambda: shown.append(progress._describe(None))
    progress.bar.update = lambda n, item: shown.append(progress._describe(item))
    build_timeline(read_documents([str(seeds_dir)]), on_result=progress, merge=True, on_merge=progress.merging)
    assert progress.documents == 5 and shown[-1].startswith(f"{progress.events} events, ")
    assert "docs/s" in shown[-1]
    assert progress.bar.label == f"Merging {progress.events} events"  # said before merging starts
    assert reporting.Progress([str(seeds_dir)], quiet=True).bar is None


def test_a_scheduler_without_the_dask_executor_is_a_usage_error(seeds_dir):
    result = run(seeds_dir, "--scheduler", "tcp://127.0.0.1:8786")
    assert result.exit_code == 2 and "--executor dask" in result.stderr


def test_outcome_is_plain_data():
    assert Outcome(None).problems == ()


def test_every_build_option_the_readme_shows_exists():
    import re
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    commands = [line.split("#")[0] for line in readme.splitlines() if line.lstrip().startswith("timeline build")]
    shown = set(re.findall(r"(--[a-z][a-z-]+)", "\n".join(commands)))
    help_text = CliRunner().invoke(cli, ["build", "--help"]).output
    assert {"--executor", "--scheduler", "--published"} <= shown
    assert [option for option in sorted(shown) if option not in help_text] == []
