"""The benchmarks that reach into timeline run (a renamed stage or function would break them
unseen): build_phases.py puts clocks on the build, parallel_cost.py runs its per-document work;
each on a tiny corpus, with its figures read back."""
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


def test_build_phases_tile_each_run(tmp_path):
    for name, place in (("a", "Atareb"), ("b", "Aleppo"), ("c", "Idlib")):
        (tmp_path / f"{name}.tml").write_text(TML.format(name=name, place=place), encoding="utf-8")
    finished = subprocess.run([sys.executable, str(BENCHMARKS / "build_phases.py"), str(tmp_path), "--jobs", "1,2",
                               "--repeat", "1"], capture_output=True, text=True, timeout=120)
    assert finished.returncode == 0, finished.stderr
    assert "3 documents" in finished.stdout
    rows = {}
    for line in finished.stdout.splitlines():
        fields = line.split()
        if fields and fields[0] in ("1", "2") and len(fields) == 8:
            rows[int(fields[0])] = [float(f) for f in fields[1:]]
    assert set(rows) == {1, 2}
    for start, documents, merging, writing, exit_, _, cpu in rows.values():
        # Every clock fired, in the order of the build: the output is written after the last document.
        assert min(start, merging, exit_) >= 0 and documents > 0 and writing > 0 and cpu > 0
    assert re.search(r"2 jobs: speed-up \d+\.\d\d in all", finished.stdout)


def test_parallel_cost_compares_the_same_work_alone_and_in_pairs(tmp_path):
    for name, place in (("a", "Atareb"), ("b", "Aleppo")):
        (tmp_path / f"{name}.tml").write_text(TML.format(name=name, place=place), encoding="utf-8")
    finished = subprocess.run([sys.executable, str(BENCHMARKS / "parallel_cost.py"), str(tmp_path), "--repeat", "2"],
                              capture_output=True, text=True, timeout=120)
    assert finished.returncode == 0, finished.stderr
    assert "2 documents" in finished.stdout
    rows = {}
    for line in finished.stdout.splitlines():
        fields = line.split()
        if fields and fields[0] in ("pipeline", "arithmetic") and len(fields) == 8:
            rows[fields[0]] = [float(f) for f in fields[1:]]
    assert set(rows) == {"pipeline", "arithmetic"}
    for rounds, alone, pair, ratio, low, high, speedup in rows.values():
        # Two rounds ran, each process did work, and the figures agree with one another.
        assert rounds == 2 and alone > 0 and pair > 0 and speedup > 0
        assert low <= ratio <= high
