"""Choosing the format and where it goes."""
from test_export_samples import export, sample_timeline


def test_format_comes_from_the_output_suffix(tmp_path):
    for name, start in (("out.csv", b"date,start"), ("out.ics", b"BEGIN:VCALENDAR"), ("out.md", b"# Sample"),
                        ("out.html", b"<!DOCTYPE html>"), ("out.timeline.json", b"{\"title\": "),
                        ("out.json", b"{\n  \"format\""), ("out.xlsx", b"PK")):
        result, _ = export(tmp_path, sample_timeline(), "-o", str(tmp_path / name))
        assert result.exit_code == 0, (name, result.stderr)
        assert (tmp_path / name).read_bytes().startswith(start), name


def test_unknown_format_or_suffix_is_a_clear_error(tmp_path):
    result, _ = export(tmp_path, sample_timeline(), "-f", "pdf")
    assert result.exit_code == 1 and "unknown format 'pdf'" in result.stderr and "csv" in result.stderr
    result, _ = export(tmp_path, sample_timeline(), "-o", str(tmp_path / "out.pdf"))
    assert result.exit_code == 1 and "cannot tell the format" in result.stderr and "-f" in result.stderr


def test_dash_is_standard_output_and_table_is_the_default(tmp_path):
    result, output = export(tmp_path, sample_timeline(), "-o", "-", "-f", "csv")
    assert result.exit_code == 0 and output.startswith(b"date,start")
    result, output = export(tmp_path, sample_timeline())
    assert result.exit_code == 0 and output.splitlines()[0].split() == [b"date", b"title", b"outlet", b"document"]
    # The table's former columns and dates, asked for.
    result, output = export(tmp_path, sample_timeline(), "--columns", "date,title,document", "--dates", "iso")
    assert result.exit_code == 0 and output.split()[:3] == [b"date", b"title", b"document"]
    assert b"2016-W43-WE" in output


def test_unwritable_output_is_a_one_line_error(tmp_path):
    (tmp_path / "file").write_text("")
    result, _ = export(tmp_path, sample_timeline(), "-o", str(tmp_path / "file" / "out.csv"))
    assert result.exit_code == 1 and "cannot write" in result.stderr and "Traceback" not in result.stderr


def test_failed_export_leaves_the_previous_file(tmp_path):
    target = tmp_path / "out.csv"
    target.write_text("previous")
    result, _ = export(tmp_path, sample_timeline(), "-o", str(target), "--columns", "nope")
    assert result.exit_code == 2 and target.read_text() == "previous"


def test_every_builtin_format_writes_an_empty_chronology(tmp_path):
    import csv
    import io
    import json

    import icalendar
    import openpyxl

    from timeline.chronology import Timeline

    empty = Timeline(events=(), documents=(), title="Nothing yet")
    readers = {
        "json": lambda data: json.loads(data)["events"] == [],
        "csv": lambda data: len(list(csv.reader(io.StringIO(data.decode())))) == 1,
        "xlsx": lambda data: openpyxl.load_workbook(io.BytesIO(data))["Events"].max_row == 1,
        "ics": lambda data: icalendar.Calendar.from_ical(data).walk("VEVENT") == [],
        # The default columns that no event fills are left out: none is filled here.
        "table": lambda data: data.split()[:2] == [b"date", b"title"],
        "markdown": lambda data: data.startswith(b"# Nothing yet"),
        "html": lambda data: b"0 events" in data,
        "timelinejs": lambda data: json.loads(data)["events"] == [],
        "geojson": lambda data: json.loads(data) == {"type": "FeatureCollection", "features": []},
        "kml": lambda data: b"<Placemark>" not in data and b"<name>Nothing yet</name>" in data,
        "acled": lambda data: len(list(csv.reader(io.StringIO(data.decode())))) == 1,
    }
    for name, check in readers.items():
        output = tmp_path / f"empty-{name}"
        result, _ = export(tmp_path, empty, "-f", name, "-o", str(output))
        assert result.exit_code == 0, (name, result.stderr)
        assert check(output.read_bytes()), name
