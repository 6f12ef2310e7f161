import datetime as dt
import io
import zipfile

import openpyxl
from operations import lines_run
from test_export_samples import HOSTILE_SENTENCES, export, sample_timeline

from timeline.exporters import xlsx_format
from timeline.exporters.xlsx_format import EXCEL_CELL_LIMIT, EVENT_HEADERS, TRUNCATION_MARKER


def _workbook(tmp_path, timeline=None, *args):
    output = tmp_path / "out.xlsx"
    result, _ = export(tmp_path, sample_timeline() if timeline is None else timeline, "-o", str(output), *args)
    assert result.exit_code == 0, result.stderr
    return openpyxl.load_workbook(output), output, result


def _events(sheet):
    rows = list(sheet.iter_rows())
    header = [c.value for c in rows[0]]
    return header, [dict(zip(header, row)) for row in rows[1:]]


def test_workbook_has_events_documents_and_month_sheets(tmp_path):
    workbook, _, _ = _workbook(tmp_path)
    assert workbook.sheetnames == ["Events", "Documents", "Events per month"]
    events = workbook["Events"]
    header, rows = _events(events)
    assert tuple(header) == EVENT_HEADERS
    assert len(rows) == len(sample_timeline().events)
    assert events.freeze_panes == "B2"
    assert events.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(len(header))}{len(rows) + 1}"
    assert all(c.font.bold for c in next(events.iter_rows(max_row=1)))
    assert events.column_dimensions["F"].width == 80  # the sentence column, wrapped
    sentence = next(r["sentence"] for r in rows if "Aleppo" in (r["sentence"].value or ""))
    assert sentence.alignment.wrap_text



def test_the_fingerprint_column_is_hidden_and_the_others_are_not(tmp_path):
    workbook, _, _ = _workbook(tmp_path)
    events = workbook["Events"]
    header, rows = _events(events)
    letters = {name: openpyxl.utils.get_column_letter(index) for index, name in enumerate(header, start=1)}
    assert [name for name, letter in letters.items() if events.column_dimensions[letter].hidden] == ["fingerprint"]
    assert all(row["fingerprint"].data_type == "s" and len(row["fingerprint"].value) == 34 for row in rows)

def test_dates_are_real_date_cells_formatted_by_precision(tmp_path):
    workbook, _, _ = _workbook(tmp_path)
    _, rows = _events(workbook["Events"])
    by_date = {r["date"].value: r for r in rows}
    day = by_date["2016-11-03"]["start"]
    assert day.is_date and day.value.date() == dt.date(2016, 11, 3) and day.number_format == "yyyy-mm-dd"
    assert by_date["2015"]["start"].number_format == "yyyy"
    assert by_date["2016-SU"]["start"].number_format == "mmm yyyy"
    assert by_date["2016-SU"]["end"].value.date() == dt.date(2016, 8, 31)
    timed = by_date["2016-11-04T09:00"]["start"]
    assert timed.value == dt.datetime(2016, 11, 4, 9, 0) and "hh:mm" in timed.number_format
    old = by_date["1850-03-05"]["start"]
    assert old.data_type == "s" and old.value == "1850-03-05"  # before Excel's calendar: ISO text


def test_no_text_becomes_a_formula(tmp_path):
    workbook, path, _ = _workbook(tmp_path)
    _, rows = _events(workbook["Events"])
    cells = {r["sentence"].value: r["sentence"] for r in rows}
    for hostile in HOSTILE_SENTENCES:
        assert hostile.strip() in {k.strip() for k in cells}
        assert cells[next(k for k in cells if k.strip() == hostile.strip())].data_type == "s"
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name)


def test_control_characters_stripped_and_long_text_cut(tmp_path):
    workbook, _, _ = _workbook(tmp_path)
    _, rows = _events(workbook["Events"])
    sentences = [r["sentence"].value for r in rows]
    assert "Bell and control characters." in sentences
    long = next(s for s in sentences if s.startswith("Long word"))
    assert len(long) <= EXCEL_CELL_LIMIT and long.endswith(TRUNCATION_MARKER)


def test_hyperlinks_documents_and_months(tmp_path):
    workbook, _, _ = _workbook(tmp_path)
    _, rows = _events(workbook["Events"])
    linked = [r["url"] for r in rows if r["url"].value]
    assert linked and all(c.hyperlink is not None and c.hyperlink.target == c.value for c in linked)
    header, documents = _events(workbook["Documents"])
    assert header[:6] == ["name", "title", "source", "url", "published", "language"] and "notes" in header
    first = documents[0]
    assert first["url"].hyperlink.target == "https://example.org/a"
    assert first["events"].value == sum(1 for e in sample_timeline().events if e.document == "a.txt")
    months = workbook["Events per month"]
    values = list(months.iter_rows(values_only=True))
    assert values[0][:2] == ("month", "events")
    counts = {row[0]: row[1] for row in values[1:] if isinstance(row[0], dt.datetime)}
    assert counts[dt.datetime(2016, 11, 1)] == sum(
        1 for e in sample_timeline().events if (e.start.year, e.start.month) == (2016, 11))
    assert "Not counted: 2 events" in values[0][3]  # 2015 and the summer span several months
    assert len(months._charts) == 1
    # 1850 to 2016 is too long to list every month: only months with events are listed ...
    assert dt.datetime(2016, 9, 1) not in counts and values[1][0] == "1850-03"
    # ... but over a shorter span the months between are shown, with 0, so the chart keeps time's shape.
    recent, _, _ = _workbook(tmp_path, sample_timeline().between(since=dt.date(2000, 1, 1)))
    months = {row[0]: row[1] for row in recent["Events per month"].iter_rows(min_row=2, values_only=True)}
    assert months[dt.datetime(2016, 9, 1)] == 0 and months[dt.datetime(2016, 8, 1)] == 2


def test_more_events_than_excel_links_leaves_url_as_text(tmp_path, monkeypatch):
    monkeypatch.setattr(xlsx_format, "EXCEL_HYPERLINK_LIMIT", 3)
    stream = io.BytesIO()
    messages = []
    xlsx_format.write_xlsx(sample_timeline(), stream, {"report": messages.append})
    _, rows = _events(openpyxl.load_workbook(stream)["Events"])
    assert all(r["url"].hyperlink is None for r in rows)
    assert messages and "links" in messages[0]


def test_xlsx_without_output_goes_to_exports(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from timeline.cli import cli
    from timeline.exporters.json_format import write_json

    monkeypatch.chdir(tmp_path)
    with open("saved.json", "wb") as stream:
        write_json(sample_timeline(), stream, {})
    result = CliRunner().invoke(cli, ["export", "saved.json", "-f", "xlsx"])
    assert result.exit_code == 0
    assert "exports/timeline.xlsx" in result.stderr
    assert openpyxl.load_workbook(tmp_path / "exports" / "timeline.xlsx").sheetnames[0] == "Events"


def test_coded_columns_filter_rows_that_fit_and_a_landscape_page(tmp_path):
    from test_export_samples import coded_timeline

    from timeline.exporters.xlsx_format import LINE_HEIGHT

    workbook, _, _ = _workbook(tmp_path, coded_timeline())
    sheet = workbook["Events"]
    header, rows = _events(sheet)
    for name in ("event_type", "sub_event_type", "actor1", "actor2", "location", "latitude", "longitude",
                 "fatalities", "outlet", "published"):
        assert name in header
    clash = next(r for r in rows if r["event_type"].value == "Battles")
    assert (clash["actor1"].value, clash["actor2"].value, clash["location"].value) == \
        ("Rebels", "Government forces", "Aleppo")
    assert (clash["latitude"].value, clash["longitude"].value, clash["fatalities"].value) == (36.2021, 37.1343, 12)
    assert clash["fatalities"].data_type == "n" and clash["outlet"].value == "Wire"
    uncoded = rows[0]
    assert uncoded["event_type"].value == "unknown" and uncoded["latitude"].value is None
    # Filters on the whole header, so analysts filter by type, actor and place.
    assert sheet.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(len(header))}{len(rows) + 1}"
    # Rows tall enough for their wrapped text: one line for a short title, more for a long sentence.
    long_row = next(i for i, r in enumerate(rows, start=2) if r["sentence"].value.startswith("Long word"))
    short_row = next(i for i, r in enumerate(rows, start=2) if r["sentence"].value == "The fighting began in 2015.")
    assert sheet.row_dimensions[long_row].height >= 10 * LINE_HEIGHT
    assert sheet.row_dimensions[short_row].height is None
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToWidth == 1
    assert sheet.page_setup.fitToHeight == 0 and sheet.print_title_rows == "$1:$1"


def test_documents_each_with_a_field_of_their_own_make_a_sheet_linear_in_them(tmp_path):
    """A column for every field of every document made a sheet of documents times fields: 2,000 documents,
    each with a field of its own in a hand-edited chronology, took 42 seconds to export, 8,000 would take
    ten minutes. The fields past the sheet's columns are written together, in one last column."""
    from collections import Counter

    from timeline.chronology import Timeline
    from timeline.documents import Document

    def documents_sheet(count):
        documents = tuple(Document(f"d{number}.txt", "", extra=((f"field {number}", "x"),)) for number in range(count))
        workbook = openpyxl.Workbook(write_only=True)
        _, work = lines_run(xlsx_format._write_documents, workbook, Timeline((), documents), Counter())
        workbook.save(tmp_path / "documents.xlsx")
        return list(openpyxl.load_workbook(tmp_path / "documents.xlsx")["Documents"].iter_rows(values_only=True)), work

    (few, work_few), (many, work_many) = documents_sheet(150), documents_sheet(600)
    header = many[0]
    assert work_many <= 5 * work_few, (work_few, work_many)
    assert len(header) == xlsx_format.MAX_METADATA_COLUMNS + 2 and header[-2:] == ("more metadata", "events")
    assert header[7:9] == ("field 0", "field 1") and many[1][7] == "x" and not many[1][-2]
    assert many[-1][-2:] == ("field 599: x", 0)
