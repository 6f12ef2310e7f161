"""The chronology database: build, add, edit, import an edited workbook, add again, export;
corrections present at every step and every format read back by its real reader."""
import csv
import io
import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import icalendar
import openpyxl
import pytest
from click.testing import CliRunner

from timeline import database
from timeline.cli import cli

from conftest import ALIKE_REPORTS
from output_readers import (read_acled, read_geojson, read_html_page, read_kml, read_markdown, read_table,
                            read_timelinejs)

ROOT = Path(__file__).resolve().parent.parent


def run(*arguments, code=0):
    result = CliRunner().invoke(cli, [str(a) for a in arguments])
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    return result


def _corpus(folder: Path, names: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "articles.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["file", "published"])
        for name, text in names.items():
            (folder / name).write_text(text, encoding="utf-8")
            writer.writerow([name, "2016-06-30"])
    return folder


def _seeds_split(seeds_dir, tmp_path):
    """The seeds and the alike reports in two folders, and all of them in a third."""
    first, second, whole = tmp_path / "first", tmp_path / "second", tmp_path / "whole"
    for folder in (first, whole):
        shutil.copytree(seeds_dir, folder, dirs_exist_ok=True)
    _corpus(second, ALIKE_REPORTS)
    with (whole / "articles.csv").open("a", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        for name, text in ALIKE_REPORTS.items():
            (whole / name).write_text(text, encoding="utf-8")
            writer.writerow([name] + [""] * 3 + ["2016-06-30", "en", ""])
    return first, second, whole


def _json(db, *extra):
    return json.loads(run("export", db, "-f", "json", *extra).stdout)["events"]


def _without_id(event):
    return {k: v for k, v in event.items() if k not in ("id",)} | {
        "sources": [{k: v for k, v in s.items()} for s in event["sources"]]}


def test_add_gives_the_chronology_of_a_full_build(seeds_dir, tmp_path):
    first, second, whole = _seeds_split(seeds_dir, tmp_path)
    run("build", first, "-q", "-o", tmp_path / "grown.db")
    first_ids = {e["id"] for e in _json(tmp_path / "grown.db")}
    added = run("add", tmp_path / "grown.db", second)
    assert "3 document(s)" in added.stdout and "merged" in added.stdout
    run("build", whole, "-q", "-o", tmp_path / "full.db")
    grown, full = _json(tmp_path / "grown.db"), _json(tmp_path / "full.db")
    assert [_without_id(e) for e in grown] == [_without_id(e) for e in full]
    assert any(e["sources"] for e in full)  # reports were merged
    # Ids: those of a full build, except that an event keeps the id it had when a new document
    # brings it an earlier report (so that corrections stay with it).
    kept = [(g["id"], f["id"]) for g, f in zip(grown, full) if g["id"] != f["id"]]
    assert all(old in first_ids and new not in first_ids for old, new in kept)
    assert len(kept) < len(grown) // 4
    # Adding the same documents again reads nothing.
    again = run("add", tmp_path / "grown.db", second)
    assert "read 0 document(s)" in again.stdout and "3 already there" in again.stdout


def test_an_add_in_another_order_gives_the_same_chronology(seeds_dir, tmp_path):
    first, second, whole = _seeds_split(seeds_dir, tmp_path)
    run("build", second, "-q", "-o", tmp_path / "a.db")
    run("add", tmp_path / "a.db", first)
    run("build", first, "-q", "-o", tmp_path / "b.db")
    run("add", tmp_path / "b.db", second)
    # The same events; only an id given before a document with an earlier report came may differ.
    assert [_without_id(e) for e in _json(tmp_path / "a.db")] == [_without_id(e) for e in _json(tmp_path / "b.db")]


def _edit_workbook(path: Path, changes: dict[str, dict[str, str]], extra_rows=()):
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["Events"]
    header = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        identity = row[header.index("id")].value
        for column, value in changes.get(identity, {}).items():
            row[header.index(column)].value = value
    for extra in extra_rows:
        sheet.append([extra.get(name) for name in header])
    workbook.save(path)


def test_the_daily_loop_keeps_corrections_at_every_step(seeds_dir, tmp_path):
    first, second, whole = _seeds_split(seeds_dir, tmp_path)
    db = tmp_path / "war.db"
    run("build", first, "-q", "-o", db)
    events = _json(db)
    fixed, rejected, noted = events[2]["id"], events[4]["id"], events[6]["id"]
    run("add", db, second)
    edited = run("edit", db, fixed, "--date", "2016-11-04", "--title", "Fixed by hand", "--note", "checked",
                 "--by", "ana")
    assert "Fixed by hand" in edited.stdout
    run("edit", db, "--add", "--date", "2016-11-05", "--title", "Convoy hit", "--source", "https://example.org/c")
    # The analyst works in the workbook, then imports it.
    run("export", db, "-o", tmp_path / "war.xlsx")
    _edit_workbook(tmp_path / "war.xlsx", {rejected: {"status": "reject"}, noted: {"notes": "ask the bureau"}},
                   extra_rows=[{"id": "nosuchid", "status": "reject"}, {"id": events[8]["id"], "date": "Nov 4th"}])
    imported = run("import", db, tmp_path / "war.xlsx", "--by", "ben", code=1)
    skipped = [line for line in imported.stderr.splitlines() if line.startswith("Skipped")]
    assert len(skipped) == 2 and "nosuchid" in skipped[0] and "Nov 4th" in skipped[1]
    assert "2 correction(s)" in imported.stdout
    # New documents, and a full rebuild into the same database: the corrections stay.
    (second / "d.txt").write_text("Shelling hit the market in Idlib on 9 May 2016, killing twelve.\n", encoding="utf-8")
    run("add", db, second)
    for step in ("after add", "after rebuild"):
        _check_corrected(db, tmp_path, fixed, rejected, noted)
        run("build", whole, "-q", "-o", db)
    rows = sqlite3.connect(db).execute("SELECT event_id, field, by FROM corrections").fetchall()
    assert (fixed, "date", "ana") in rows and (rejected, "status", "ben") in rows


def _check_corrected(db, tmp_path, fixed, rejected, noted):
    events = {e["id"]: e for e in _json(db)}
    assert rejected not in events
    assert rejected in {e["id"] for e in _json(db, "--include-rejected")}
    assert (events[fixed]["date"], events[fixed]["start"], events[fixed]["precision"]) == ("2016-11-04", "2016-11-04", "day")
    assert events[fixed]["title"] == "Fixed by hand" and events[fixed]["notes"] == "checked"
    assert "date" in events[fixed]["corrected"] and events[noted]["notes"] == "ask the bureau"
    assert any(e["title"] == "Convoy hit" and e["corrected"].startswith("added") for e in events.values())
    rows = list(csv.DictReader(io.StringIO(run("export", db, "-f", "csv").stdout)))
    by_id = {r["id"]: r for r in rows}
    assert by_id[fixed]["date"] == "2016-11-04" and "title" in by_id[fixed]["corrected"] and rejected not in by_id
    run("export", db, "-o", tmp_path / "check.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "check.xlsx")["Events"]
    header = [c.value for c in sheet[1]]
    cells = {row[header.index("id")]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert cells[fixed][header.index("title")] == "Fixed by hand" and rejected not in cells
    run("export", db, "-o", tmp_path / "check.ics")
    calendar = icalendar.Calendar.from_ical((tmp_path / "check.ics").read_bytes())
    uids = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    assert str(uids[f"{fixed}@timeline"]["summary"]) == "Fixed by hand"
    assert f"{rejected}@timeline" not in uids
    _check_other_formats(db, events, fixed, rejected)


def _check_other_formats(db, events, fixed, rejected):
    """Every other format, read back by its reader: the corrected chronology, rejected events left out."""
    count = len(events)
    located = sum(1 for e in events.values() if e.get("location") and e["location"].get("latitude") is not None)

    def exported(name, *options):
        return run("export", db, "-f", name, *options).stdout_bytes

    page = read_html_page(exported("html"))
    assert len(page["events"]) == count and "Fixed by hand" in {e["label"] for e in page["events"]}
    slides = read_timelinejs(exported("timelinejs"), count)
    assert "Fixed by hand" in {e["text"]["headline"] for e in slides["events"]}
    markdown = exported("markdown").decode("utf-8")
    read_markdown(markdown.encode("utf-8"), count)
    assert f"**4 November 2016** {events[fixed]['sentence'][:20]}" in markdown  # the date corrected
    table = read_table(exported("table", "--columns", "id,date,title"))
    assert any(fixed in line and "4 Nov 2016" in line and "Fixed by hand" in line for line in table.splitlines())
    assert rejected not in table
    rows = read_acled(exported("acled"), count)
    date, notes = rows[0].index("event_date"), rows[0].index("notes")
    assert any(row[date] == "2016-11-04" and row[notes].startswith(events[fixed]["sentence"][:20]) for row in rows)
    read_geojson(exported("geojson"), located)
    read_kml(exported("kml"), located)


def test_import_reads_an_edited_csv(seeds_dir, tmp_path):
    db = tmp_path / "war.db"
    run("build", seeds_dir, "-q", "-o", db)
    rows = list(csv.DictReader(io.StringIO(run("export", db, "-f", "csv").stdout)))
    rows[0]["status"], rows[1]["date"], rows[2]["date"] = "reject", "2016-08", "yesterday"
    with (tmp_path / "edited.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    result = run("import", db, tmp_path / "edited.csv", code=1)
    assert "row 4" in result.stderr and "yesterday" in result.stderr
    events = {e["id"]: e for e in _json(db, "--include-rejected")}
    assert events[rows[0]["id"]]["status"] == "reject"
    assert (events[rows[1]["id"]]["start"], events[rows[1]["id"]]["end"]) == ("2016-08-01", "2016-08-31")


SHEETS = [".xlsx", ".csv"]


def _sheet_ids(path: Path) -> list[str]:
    """The ids of an exported spreadsheet's rows, in order (the first is on row 2)."""
    if path.suffix == ".xlsx":
        sheet = openpyxl.load_workbook(path)["Events"]
        header = [c.value for c in sheet[1]]
        return [row[header.index("id")] for row in sheet.iter_rows(min_row=2, values_only=True)]
    return [row["id"] for row in csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig")))]


def _edit_sheet(path: Path, changes: dict[str, dict[str, str]], delete_columns=()):
    """Edit a spreadsheet as an analyst does: cells found by the row's id and the column's name, in
    openpyxl for a workbook, in a CSV file rewritten whole otherwise; ``delete_columns`` removed."""
    if path.suffix == ".xlsx":
        _edit_workbook(path, changes)
        workbook = openpyxl.load_workbook(path)
        sheet = workbook["Events"]
        for name in delete_columns:
            sheet.delete_cols([c.value for c in sheet[1]].index(name) + 1)
        workbook.save(path)
        return
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    for row in rows:
        row.update(changes.get(row["id"], {}))
    columns = [name for name in rows[0] if name not in delete_columns]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


@pytest.mark.parametrize("suffix", SHEETS)
def test_an_old_copy_of_a_spreadsheet_undoes_no_later_correction(seeds_dir, tmp_path, suffix):
    """Cells an analyst left as they were exported are no corrections: what was corrected since, by
    `timeline edit` or by importing another copy, stays; what was edited in this copy lands."""
    db, old, other = tmp_path / "war.db", tmp_path / f"old{suffix}", tmp_path / f"other{suffix}"
    run("build", seeds_dir, "-q", "-o", db)
    run("export", db, "-o", old)
    run("export", db, "-o", other)
    rejected, retitled, redated, noted, edited = _sheet_ids(old)[1:6]
    _edit_sheet(other, {redated: {"date": "2016-11-04"}, noted: {"notes": "ask the bureau"}})
    assert ": 2 correction(s) from" in run("import", db, other).stdout
    run("edit", db, rejected, "--reject")
    run("edit", db, retitled, "--title", "Fixed in the database")
    _edit_sheet(old, {edited: {"title": "Edited in the old copy", "status": "reject"}})
    result = run("import", db, old)
    events = {e["id"]: e for e in _json(db, "--include-rejected")}
    assert events[rejected]["status"] == "reject"
    assert events[retitled]["title"] == "Fixed in the database"
    assert events[redated]["date"] == "2016-11-04" and events[noted]["notes"] == "ask the bureau"
    assert (events[edited]["title"], events[edited]["status"]) == ("Edited in the old copy", "reject")
    assert ": 2 correction(s) from" in result.stdout and "(1 event(s))" in result.stdout
    # The notes of the old workbook are empty cells (none), of the old CSV file empty text (one more).
    assert f"; {4 if suffix == '.csv' else 3} cell(s) changed in {db} since the export, not in the spreadsheet, " \
           "left as they are" in result.stdout
    assert result.stderr == ""


@pytest.mark.parametrize("suffix", SHEETS)
def test_a_cell_changed_in_the_spreadsheet_and_in_the_database_since_is_a_conflict(seeds_dir, tmp_path, suffix):
    db, sheet = tmp_path / "war.db", tmp_path / f"war{suffix}"
    run("build", seeds_dir, "-q", "-o", db)
    run("export", db, "-o", sheet)
    ids = _sheet_ids(sheet)
    retitled, redated, edited = ids[2], ids[4], ids[6]
    run("edit", db, retitled, "--title", "Database title")
    run("edit", db, redated, "--date", "2016-11-04")
    _edit_sheet(sheet, {retitled: {"title": "Sheet title"}, redated: {"date": "2016-11-05"},
                        edited: {"notes": "checked"}})
    result = run("import", db, sheet, code=1)
    assert result.stderr.splitlines() == [
        f"Conflict: {sheet}: row 4 (id {retitled}): title was changed in {db} since the export (to 'Database title') "
        f"and in the spreadsheet (to 'Sheet title'); {db} keeps its value: to apply the spreadsheet's, use "
        f"`timeline edit {db} {retitled} --title 'Sheet title'`",
        f"Conflict: {sheet}: row 6 (id {redated}): date was changed in {db} since the export (to '2016-11-04') "
        f"and in the spreadsheet (to '2016-11-05'); {db} keeps its value: to apply the spreadsheet's, use "
        f"`timeline edit {db} {redated} --date 2016-11-05`"]
    assert ": 1 correction(s) from" in result.stdout and "; 2 conflict(s)" in result.stdout
    events = {e["id"]: e for e in _json(db, "--include-rejected")}
    assert events[retitled]["title"] == "Database title" and events[redated]["date"] == "2016-11-04"
    assert events[edited]["notes"] == "checked"


@pytest.mark.parametrize("suffix", SHEETS)
def test_a_spreadsheet_without_fingerprints_imports_as_before(seeds_dir, tmp_path, suffix):
    """A spreadsheet exported by an earlier version (no fingerprint column): every cell that differs
    from the database is applied, as it always was, and a note says so."""
    db, sheet = tmp_path / "war.db", tmp_path / f"war{suffix}"
    run("build", seeds_dir, "-q", "-o", db)
    run("export", db, "-o", sheet)
    rejected, edited = _sheet_ids(sheet)[1:3]
    _edit_sheet(sheet, {rejected: {"status": "reject"}, edited: {"title": "Edited by hand"}},
                delete_columns=["fingerprint"])
    result = run("import", db, sheet)
    assert ": 2 correction(s) from" in result.stdout
    assert result.stderr.startswith(f"Note: {sheet} has no fingerprint column") and len(result.stderr.splitlines()) == 1
    events = {e["id"]: e for e in _json(db, "--include-rejected")}
    assert events[rejected]["status"] == "reject" and events[edited]["title"] == "Edited by hand"


@pytest.mark.parametrize("suffix", SHEETS)
def test_an_add_between_export_and_import_leaves_the_rows_it_did_not_change_alone(seeds_dir, tmp_path, suffix):
    """New documents merged after the export change a few events: the spreadsheet's cells of those
    keep the database's new values, and the analyst's edits of the others land."""
    first, second, _ = _seeds_split(seeds_dir, tmp_path)
    db, sheet = tmp_path / "war.db", tmp_path / f"war{suffix}"
    run("build", first, "-q", "-o", db)
    before = {e["id"]: e for e in _json(db)}
    run("export", db, "-o", sheet)
    assert "merged into events already there" in run("add", db, second).stdout
    after = {e["id"]: e for e in _json(db)}
    changed = [(i, name) for i in before for name in ("date", "title", "event_type") if before[i][name] != after[i][name]]
    assert 0 < len(changed) < len(before) // 4
    rejected, edited = [i for i in _sheet_ids(sheet) if i not in {i for i, _ in changed}][1:3]
    _edit_sheet(sheet, {rejected: {"status": "reject"}, edited: {"title": "Edited by hand"}})
    result = run("import", db, sheet)
    assert ": 2 correction(s) from" in result.stdout and result.stderr == ""
    assert f"; {len(changed)} cell(s) changed in {db} since the export" in result.stdout
    events = {e["id"]: e for e in _json(db, "--include-rejected")}
    assert events[rejected]["status"] == "reject" and events[edited]["title"] == "Edited by hand"
    assert all(events[i][name] == after[i][name] for i, name in changed)


def test_files_that_are_not_a_chronology_database_are_refused(tmp_path, seeds_dir):
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    for command in (["export", other, "-f", "csv"], ["add", other, seeds_dir], ["edit", other, "x", "--reject"]):
        result = run(*command, code=1)
        assert "not made by timeline" in result.stderr
    run("build", seeds_dir, "-q", "-o", tmp_path / "war.db")
    connection = sqlite3.connect(tmp_path / "war.db")
    connection.execute(f"PRAGMA user_version = {database.SCHEMA_VERSION + 1}")
    connection.close()
    assert "newer version of timeline" in run("export", tmp_path / "war.db", code=1).stderr


def test_exporting_a_workbook_says_it_is_imported(tmp_path, seeds_dir):
    run("build", seeds_dir, "-q", "-o", tmp_path / "chronology.xlsx")
    result = run("export", tmp_path / "chronology.xlsx", code=1)
    assert "timeline import DB" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def _dump(path):
    connection = sqlite3.connect(path)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def test_an_interrupted_add_leaves_the_database_as_it_was(seeds_dir, tmp_path, monkeypatch):
    first, second, _ = _seeds_split(seeds_dir, tmp_path)
    db = tmp_path / "war.db"
    run("build", first, "-q", "-o", db)
    before = _dump(db)

    def broken(connection, reports, corrections):
        connection.execute("DELETE FROM events")
        raise KeyboardInterrupt

    monkeypatch.setattr(database, "_merge_and_store", broken)
    with pytest.raises(KeyboardInterrupt):
        database.add(db, *_processed(second))
    assert _dump(db) == before


def _processed(folder):
    from timeline.build import build_timeline
    from timeline.documents import find_sources

    timeline = build_timeline(find_sources([str(folder)]), merge=False)
    return timeline.documents, timeline.events


WRITER = """
import sys
from timeline import database
from timeline.build import build_timeline
from timeline.documents import find_sources
timeline = build_timeline(find_sources([sys.argv[2]]), merge=False)
database.add(sys.argv[1], timeline.documents, timeline.events)
"""


def test_two_writers_at_once_both_land(tmp_path, seeds_dir):
    db = tmp_path / "war.db"
    run("build", seeds_dir, "-q", "-o", db)
    folders = [_corpus(tmp_path / f"new{k}", {f"w{k}{name}": text for name, text in ALIKE_REPORTS.items()})
               for k in range(2)]
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(db), str(folder)], cwd=ROOT,
                                stderr=subprocess.PIPE, text=True) for folder in folders]
    for writer in writers:
        assert writer.wait(timeout=300) == 0, writer.stderr.read()
    connection = sqlite3.connect(db)
    assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    names = {row[0] for row in connection.execute("SELECT name FROM documents")}
    assert {f"w{k}{name}" for k in range(2) for name in ALIKE_REPORTS} <= names
    assert connection.execute("SELECT count(*) FROM reports WHERE event_id IS NULL "
                              "OR event_id NOT IN (SELECT id FROM events)").fetchone()[0] == 0
