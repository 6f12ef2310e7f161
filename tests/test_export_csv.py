import csv
import io
from dataclasses import replace

from click.testing import CliRunner
from test_export_samples import HOSTILE_SENTENCES, LONG_SENTENCE, export, sample_timeline

from timeline.cli import cli
from timeline.exporters.csv_format import write_csv, write_rows
from timeline.exporters.records import COLUMNS, event_record, printable


def _rows(data: bytes, encoding="utf-8"):
    return list(csv.reader(io.StringIO(data.decode(encoding), newline="")))


def test_csv_reads_back_with_the_documented_columns(tmp_path):
    timeline = sample_timeline()
    result, output = export(tmp_path, timeline, "-f", "csv")
    assert result.exit_code == 0, result.stderr
    assert not output.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in output  # RFC 4180 line ends
    rows = _rows(output)
    assert tuple(rows[0]) == COLUMNS
    records = [dict(zip(rows[0], row)) for row in rows[1:]]
    assert len(records) == len(timeline.events)
    # Quotes, newlines and length as they are; control characters (a terminal acts on them) left out.
    assert [r["sentence"] for r in records] == [printable(e.sentence) for e in timeline.events]
    assert "Bell and control characters." in [r["sentence"] for r in records]
    assert LONG_SENTENCE in [r["sentence"] for r in records]
    aleppo = next(r for r in records if "Aleppo" in r["sentence"])
    assert aleppo["places"] == "Aleppo; Syria" and aleppo["actors"] == "Rebels"
    assert aleppo["sources"] == "a.txt; b.txt"
    assert all(r["places"] == "" for r in records if "Aleppo" not in r["sentence"])


def test_csv_excel_adds_bom_and_neutralises_formulas(tmp_path):
    result, output = export(tmp_path, sample_timeline(), "-f", "csv", "--excel")
    assert result.exit_code == 0, result.stderr
    assert output.startswith(b"\xef\xbb\xbf")
    rows = _rows(output, "utf-8-sig")
    sentences = [dict(zip(rows[0], row))["sentence"] for row in rows[1:]]
    for hostile in HOSTILE_SENTENCES:
        assert "'" + hostile in sentences
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r", "\n")) for row in rows for cell in row)
    plain = _rows(export(tmp_path, sample_timeline(), "-f", "csv")[1])
    assert any(dict(zip(plain[0], row))["sentence"].startswith("=HYPERLINK(") for row in plain[1:])


def test_columns_choose_and_order_csv_columns(tmp_path):
    result, output = export(tmp_path, sample_timeline(), "-f", "csv", "--columns", "title,date")
    assert result.exit_code == 0
    assert _rows(output)[0] == ["title", "date"]
    bad, _ = export(tmp_path, sample_timeline(), "-f", "csv", "--columns", "date,colour")
    assert bad.exit_code == 2
    assert "'colour'" in bad.stderr and "Traceback" not in bad.stderr


def test_seeds_csv_from_build(seeds_dir):
    result = CliRunner().invoke(cli, ["build", str(seeds_dir), "-f", "csv"])
    assert result.exit_code == 0
    rows = _rows(result.stdout_bytes)
    assert len(rows) > 5 and all(len(row) == len(COLUMNS) for row in rows)


def _csv_module_line(row) -> str:
    text = io.StringIO()
    csv.writer(text, lineterminator="\r\n").writerow(row)
    return text.getvalue()


def test_rows_are_written_as_the_csv_module_writes_them():
    # write_rows quotes each cell itself (once per text): the bytes must stay the csv module's.
    from timeline.exporters.csv_format import _line

    characters = [chr(c) for c in range(0x3000)] + ["\u2028", "\u2029", "\ufeff", "\U0001f600"]
    for character in characters:
        for row in (["a" + character + "b", "x"], [character], [character, ""], ["", character * 2]):
            assert _line(row) == _csv_module_line(row), repr(row)
    for row in ([], [""], ["", ""], [None], [1, 2.5, True, None, 'q"x'], ['""'], [LONG_SENTENCE, "a,b"]):
        assert _line(row) == _csv_module_line(row), repr(row)


def test_hypothesis_rows_are_written_as_the_csv_module_writes_them():
    from hypothesis import given, settings, strategies as st

    from timeline.exporters.csv_format import _line

    @settings(max_examples=300, deadline=None)
    @given(st.lists(st.text(alphabet=st.sampled_from(list('ab ,"\r\n\t\x00\'é=')) | st.characters(), max_size=12),
                    max_size=5))
    def check(row):
        assert _line(row) == _csv_module_line(row)

    check()


def test_csv_excel_keeps_signed_numbers_as_numbers():
    # A western longitude or a southern latitude is a number to a spreadsheet, not a formula:
    # a leading ' would turn it into text and off the map; "-2+3" is still a formula.
    stream = io.BytesIO()
    write_rows(stream, ("latitude", "longitude", "title"), [("-33.86", "-70.65", "-2+3"), ("+5", "-7", "-")],
               excel=True)
    rows = _rows(stream.getvalue(), "utf-8-sig")
    assert rows[1] == ["-33.86", "-70.65", "'-2+3"]
    assert rows[2] == ["+5", "-7", "'-"]


def test_csv_cells_are_the_records_text_for_any_choice_of_columns(tmp_path):
    """Rows are made from each event's columns cell by cell: the same text as event_record gives
    (control characters left out, lists joined, numbers as text), whatever columns are chosen."""
    timeline = sample_timeline()
    documents = {d.name: d for d in timeline.documents}
    for columns in (COLUMNS, ("sentence",), ("notes",), ("offset_start", "title", "latitude", "planned")):
        result, output = export(tmp_path, timeline, "-f", "csv", "--columns", ",".join(columns))
        assert result.exit_code == 0, result.stderr
        expected = io.StringIO(newline="")
        writer = csv.writer(expected)
        writer.writerow(columns)
        for event in timeline.events:
            record = event_record(event, documents)
            writer.writerow([str(record[column]) for column in columns])
        assert output.decode("utf-8") == expected.getvalue()


def test_csv_writes_a_value_that_is_not_text_as_str_does():
    """A cell that is not text (None in a field of a hand-edited database) is written as str() writes it,
    as event_record gives it, and the other cells of its row are unchanged."""
    timeline = sample_timeline()
    event = replace(timeline.events[0], notes=None, corrected=3)
    documents = {d.name: d for d in timeline.documents}
    stream = io.BytesIO()
    write_csv(replace(timeline, events=(event,)), stream, {})
    record = event_record(event, documents)
    assert _rows(stream.getvalue(), "utf-8")[1] == [str(record[column]) for column in COLUMNS]
    assert _rows(stream.getvalue(), "utf-8")[1][COLUMNS.index("notes")] == "None"


def test_record_values_give_one_value_for_each_known_column():
    from timeline.exporters.records import KNOWN_COLUMNS, RECORD_NAMES, raw_record, record_values

    event = sample_timeline().events[0]
    assert len(record_values(event)) == len(RECORD_NAMES) == len(set(RECORD_NAMES))
    assert set(KNOWN_COLUMNS) <= set(RECORD_NAMES)
    assert list(raw_record(event)) == list(RECORD_NAMES)


def test_csv_rows_of_one_sentence_are_their_own_records():
    """Events of one sentence are written from the cells of its last row but for their own: each row is
    still its event's record, whether its own cells (a date, a mod, an id, None) or a shared one (its
    type) differ from the row before."""
    timeline = sample_timeline()
    first = timeline.events[0]
    events = (first, replace(first, date="2016-05-07", expression="7 May", id="b1"),
              replace(first, mod="APPROX", future=True, id=None),
              replace(first, event_type="battles", date_source="relative", id="b2"),
              replace(first, id="b3"))
    documents = {d.name: d for d in timeline.documents}
    stream = io.BytesIO()
    write_csv(replace(timeline, events=events), stream, {})
    rows = _rows(stream.getvalue(), "utf-8")[1:]
    assert rows == [[str(event_record(event, documents)[column]) for column in COLUMNS] for event in events]
    assert [row[COLUMNS.index("event_type")] for row in rows][2:4] == [first.event_type, "battles"]


def test_own_values_are_those_record_values_gives():
    """own_values makes the values of OWN_NAMES as record_values does, for every kind of event."""
    from timeline.exporters.records import OWN_NAMES, RECORD_NAMES, own_values, record_values

    for event in sample_timeline().events:
        for variant in (event, replace(event, mod="APPROX", future=True), replace(event, mod="LATE", expression=None)):
            values = record_values(variant)
            assert own_values(variant) == tuple(values[RECORD_NAMES.index(name)] for name in OWN_NAMES)
