"""The benchmarks that reach into timeline run (a renamed stage or function would break them
unseen): build_phases.py puts clocks on the build, parallel_cost.py runs its per-document work,
reader_speed.py reads each kind of document; each on a tiny corpus, with its figures read back."""
import re
import subprocess
import sys
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"

TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>{name}</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2016-05-09" functionInDocument="CREATION_TIME">2016-05-09</TIMEX3></DCT>
<TITLE>Shelling near {place}</TITLE>
<TEXT>
Rebels shelled {place} on <TIMEX3 tid="t1" type="DATE" value="2016-05-06">6 May</TIMEX3>, witnesses said.
Talks resumed <TIMEX3 tid="t2" type="DATE" value="2016-05-07">on Saturday</TIMEX3> in Geneva.
</TEXT>
</TimeML>
"""


def run_benchmark(folder: Path, script: str, places: tuple[str, ...], *arguments: str) -> str:
    """Run ``script`` on a corpus of one small document per place; return what it printed."""
    for number, place in enumerate(places):
        (folder / f"d{number}.tml").write_text(TML.format(name=f"d{number}", place=place), encoding="utf-8")
    finished = subprocess.run([sys.executable, str(BENCHMARKS / script), str(folder), *arguments],
                              capture_output=True, text=True, timeout=120)
    assert finished.returncode == 0, finished.stderr
    assert f"{len(places)} documents" in finished.stdout
    return finished.stdout


def table_rows(printed: str, names: tuple[str, ...], width: int) -> dict[str, list[float]]:
    """The figures of the printed table's rows that start with one of ``names``."""
    rows = {}
    for line in printed.splitlines():
        fields = line.split()
        if fields and fields[0] in names and len(fields) == width:
            rows[fields[0]] = [float(f) for f in fields[1:]]
    assert set(rows) == set(names)
    return rows


def test_build_phases_tile_each_run(tmp_path):
    printed = run_benchmark(tmp_path, "build_phases.py", ("Atareb", "Aleppo", "Idlib"), "--jobs", "1,2", "--repeat", "1")
    for start, documents, merging, writing, exit_, _, cpu in table_rows(printed, ("1", "2"), 8).values():
        # Every clock fired, in the order of the build: the output is written after the last document.
        assert min(start, merging, exit_) >= 0 and documents > 0 and writing > 0 and cpu > 0
    assert re.search(r"2 jobs: speed-up \d+\.\d\d in all", printed)


def test_parallel_cost_compares_the_same_work_alone_and_in_pairs(tmp_path):
    printed = run_benchmark(tmp_path, "parallel_cost.py", ("Atareb", "Aleppo"), "--repeat", "2")
    for rounds, alone, pair, ratio, low, high, speedup in table_rows(printed, ("pipeline", "arithmetic"), 8).values():
        # Two rounds ran, each process did work, and the figures agree with one another.
        assert rounds == 2 and alone > 0 and pair > 0 and speedup > 0
        assert low <= ratio <= high


def test_reader_speed_reads_each_kind_it_generates():
    finished = subprocess.run([sys.executable, str(BENCHMARKS / "reader_speed.py"), "--copies", "2", "--repeat", "1"],
                              capture_output=True, text=True, timeout=120)
    assert finished.returncode == 0, finished.stderr
    html_skipped = "html: skipped" in finished.stdout
    kinds = ("text", "pdf", "docx") if html_skipped else ("text", "html", "pdf", "docx")
    for documents, megabytes, seconds, per_second, _, refused in table_rows(finished.stdout, kinds, 7).values():
        # Every generated document was read, at some rate.
        assert documents == 2 and refused == 0 and megabytes > 0 and seconds >= 0 and per_second > 0


def test_add_speed_prints_its_table_on_a_tiny_database():
    finished = subprocess.run([sys.executable, str(BENCHMARKS / "add_speed.py"), "--events", "200", "--new", "2,4"],
                              capture_output=True, text=True, timeout=300)
    assert finished.returncode == 0, finished.stderr
    header, *lines = finished.stdout.splitlines()
    assert "add (s)" in header and "add peak MB" in header
    rows = [[cell.strip() for cell in line.split("|")] for line in lines]
    assert [(row[0], row[2]) for row in rows] == [("200", "2"), ("200", "4")]
    assert all(len(row) == len(header.split("|")) and all(float(value) >= 0 for value in row[2:]) for row in rows)
    assert all(float(row[-2]) > 0 and float(row[-1]) > 0 for row in rows)  # peak memory, in MB


def test_shapes_builds_each_shape_and_compares_it_with_news(tmp_path):
    finished = subprocess.run([sys.executable, str(BENCHMARKS / "shapes.py"), "--sizes", "0.02", "--keep", str(tmp_path)],
                              capture_output=True, text=True, timeout=300)
    assert finished.returncode == 0, finished.stderr
    shapes = ("news", "one_line", "no_punct", "short_lines", "dense_dates", "dense_names", "timeline_page",
              "front_matter")
    rows = table_rows(finished.stdout, shapes, 8)
    for megabytes, seconds, ratio, cpu, cpu_ratio, peak, events in rows.values():
        # Every shape was made at the size asked for, built, and found events in.
        assert 0.015 <= megabytes <= 0.03 and seconds > 0 and ratio > 0 and peak > 0 and events >= 1
        assert 0 < cpu and cpu_ratio > 0
    assert rows["news"][2] == rows["news"][4] == 1.0
    assert len(list(tmp_path.glob("*-0.02MB.txt"))) == len(shapes)


def test_disagreements_groups_a_label_whose_span_ours_only_overlaps(tmp_path):
    printed = run_benchmark(tmp_path, "disagreements.py", ("Atareb", "Aleppo"), "--examples", "1")
    # Both documents label "on Saturday" where the tagger tags "Saturday": one group of two overlaps.
    assert "2 documents, 4 labels" in printed
    assert re.search(r"overlap: 2 in 1 groups\n\s+2  on saturday\|DATE", printed)
    assert "[[on Saturday]]" in printed
