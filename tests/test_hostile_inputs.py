"""Inputs written to attack the paths a hostile corpus of plain-text documents does not reach:
spreadsheets and saved chronologies read back, Word archives, feeds.

Each problem is one line on stderr that a terminal acts on nothing in, and the run goes on.
"""
import csv
import io
import json

from click.testing import CliRunner
from output_readers import read_table

from timeline.cli import cli

ESCAPES = "\x1b]0;pwned\x07\x1b[2J\x9b31m"  # a window title, a cleared screen, a C1 CSI


def run(*arguments, code=0):
    result = CliRunner().invoke(cli, [str(a) for a in arguments], env={"TIMELINE_LOAD_PLUGINS": ""})
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    return result


def assert_one_line_each(stderr: str, count: int) -> None:
    """``count`` lines, and nothing in them a terminal would act on."""
    read_table(stderr.encode("utf-8"))
    assert len(stderr.splitlines()) == count, stderr


def test_an_imported_spreadsheet_sends_the_terminal_nothing_to_act_on(seeds_dir, tmp_path):
    db = tmp_path / "war.db"
    run("build", seeds_dir, "-q", "-o", db)
    rows = list(csv.DictReader(io.StringIO(run("export", db, "-f", "csv").stdout)))
    rows[0]["id"] = ESCAPES
    rows[1]["date"] = f"{ESCAPES}\nnot a date"
    edited = tmp_path / "edited.csv"
    with edited.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows[:2])
    result = run("import", db, edited, code=1)
    assert_one_line_each(result.stderr, 2)
    assert "row 2 (id \\x1b]0;pwned\\x07" in result.stderr and "row 3" in result.stderr


def test_a_saved_chronology_quoted_in_an_error_sends_the_terminal_nothing(seeds_dir, tmp_path):
    saved = json.loads(run("build", seeds_dir, "-q", "-f", "json").stdout)
    saved["events"][0].update(id=ESCAPES, date="no date")
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(saved), encoding="utf-8")
    result = run("export", edited, "-f", "csv", code=1)
    assert_one_line_each(result.stderr, 1)
    assert result.stderr.startswith(f"Error: {edited}: not a saved timeline") and "\\x1b]0;pwned" in result.stderr
