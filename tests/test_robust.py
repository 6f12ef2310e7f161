"""Whatever the input, the pipeline does not crash and every event points into its document."""
import datetime as dt

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from timeline.build import process_chunk
from timeline.cli import cli
from timeline.documents import Document, MetadataError, Problem, Source, find_sources, make_document, read_documents
from timeline.pipeline import Options, process_document

# Pieces that exercise the tagger, the sentence splitter and the cleaner, mixed with anything at all.
PIECES = [
    "6 May", "on Thursday", "yesterday", "last weekend", "late August", "April 8, ", "since 2013", "2016",
    "over a month ago", "Friday night", "6. August", "1070 Housing", "2,500 $", "15km", "Mr. ", "U.S. ",
    ". ", "! ", "? ", "\n", "\n\n", "\r\n", "---\n", "title: x\n", "Comments\n", "Share\n", "“", "”",
    "2016-W43-WE", "19 September 2016", "31 February", "the 1990s", "9999", "0000", "\u2028", "\x00", "\ufeff",
]
texts = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=12)), max_size=40).map("".join)
published = st.one_of(
    st.none(),
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)).map(dt.date.isoformat),
    st.integers(1, 9999).map(lambda y: f"{y:04d}"),
    st.tuples(st.integers(1, 9999), st.integers(1, 12)).map(lambda ym: f"{ym[0]:04d}-{ym[1]:02d}"),
)
metadata = st.dictionaries(
    st.sampled_from(["title", "source", "url", "language", "tags", "published"]), st.text(max_size=20), max_size=4
)

PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check_events(document: Document, result) -> None:
    for event in result.events:
        start, end = event.offset
        assert 0 <= start < end <= len(document.text)
        assert document.text[start:end] == event.sentence
        assert event.document == document.name
        assert event.start <= event.end


@PROPERTY
@given(text=texts, published=published)
def test_any_text_and_date_gives_events_that_point_into_the_document(text, published):
    document = Document(name="a.txt", text=text, published=published)
    check_events(document, process_document(document, Options()))


@PROPERTY
@given(text=texts, front=metadata, sidecar=metadata, override=published)
def test_any_metadata_either_makes_a_document_or_says_why(text, front, sidecar, override):
    head = "---\n" + "".join(f"{k}: {v}\n" for k, v in front.items()) + "---\n" if front else ""
    try:
        document = make_document("a.md", head + text, sidecar_row=sidecar, overrides={"published": override})
    except MetadataError as error:
        assert str(error)
        return
    check_events(document, process_document(document, Options()))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.one_of(st.binary(max_size=300), texts.map(lambda t: t.encode("utf-8", "surrogatepass")),
                      texts.map(lambda t: t.encode("utf-16")), texts.map(lambda t: t.encode("cp1252", "ignore"))))
def test_any_bytes_in_a_file_give_a_document_or_a_problem(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("input")
    (folder / "article.txt").write_bytes(data)
    problems: list[Problem] = []
    documents = list(read_documents([str(folder)], published="2016-11-04", problems=problems))
    assert len(documents) + sum(p.skipped for p in problems) == 1
    assert all(p.message and "\n" not in p.message for p in problems)
    for outcome in process_chunk(list(find_sources([str(folder)], published="2016-11-04")), Options()):
        if outcome.result is not None:
            check_events(documents[0], outcome.result)


# File names as the file system gives them: any bytes but "/" and NUL (not UTF-8 either).
file_names = st.tuples(st.binary(min_size=1, max_size=10).filter(lambda b: b"/" not in b and b"\0" not in b),
                       st.sampled_from([b".txt", b".md", b".TXT", b".csv"])).map(b"".join)
file_bytes = st.one_of(st.binary(max_size=200), texts.map(lambda t: t.encode("utf-8", "surrogatepass")),
                       texts.map(lambda t: t.encode("utf-16")), texts.map(lambda t: t.encode("cp1252", "ignore")))
sidecar_values = st.one_of(st.text(max_size=12), st.sampled_from(["2016-05-06", "2016-13", "2016", "", '"', ";"]))


@settings(max_examples=40, deadline=None)
@given(files=st.dictionaries(file_names, file_bytes, min_size=1, max_size=4),
       rows=st.lists(st.tuples(st.one_of(file_names.map(lambda b: b.decode("utf-8", "replace")), st.text(max_size=8)),
                               sidecar_values, sidecar_values), max_size=4),
       delimiter=st.sampled_from([",", ";", "\t"]), output=st.sampled_from(["json", "csv", "ics"]))
@example(files={b"\n.txt": b"1\tMay", b"caf\xe9.md": b""}, rows=[("caf\ufffd.md", "2016", "")], delimiter=",",
         output="json")
def test_any_folder_gives_a_readable_chronology_and_no_traceback(files, rows, delimiter, output):
    """The whole command on a folder of anything: names, bytes, a sidecar with any rows."""
    import csv
    import json
    import os
    import tempfile

    import icalendar

    with tempfile.TemporaryDirectory() as temporary:
        folder = os.path.join(temporary, "in")
        os.mkdir(folder)
        for name, data in files.items():
            with open(os.path.join(os.fsencode(folder), name), "wb") as stream:
                stream.write(data)
        lines = [delimiter.join(["file", "published", "title"])] + [delimiter.join(row) for row in rows]
        with open(os.path.join(folder, "articles.csv"), "w", encoding="utf-8", errors="surrogatepass") as stream:
            stream.write("\n".join(lines))
        target = os.path.join(temporary, f"out.{output}")
        result = CliRunner().invoke(cli, ["build", folder, "-q", "-j", "1", "-o", target])
        assert result.exit_code in (0, 1), result.output
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
        assert "Traceback" not in result.output
        # One line per problem (a name with a line break in it is escaped); an exporter may report too.
        assert all(line.startswith(("Skipped: ", "Warning: ", f"{output}: ")) or "skipped" in line
                   for line in result.stderr.splitlines())
        with open(target, "rb") as stream:
            data = stream.read()
    if output == "json":
        saved = json.loads(data.decode("utf-8"))
        names = {d["name"] for d in saved["documents"]}
        assert all(e["document"] in names for e in saved["events"])
    elif output == "csv":
        list(csv.DictReader(data.decode("utf-8").splitlines(keepends=True)))
    else:
        icalendar.Calendar.from_ical(data)


@pytest.mark.parametrize("published", ["0001-01", "9999-12-31"])
def test_a_publication_date_at_the_ends_of_the_calendar(published):
    document = Document(name="a.txt", text="6 May", published=published)
    check_events(document, process_document(document, Options()))


def test_a_failure_on_one_document_is_reported_and_the_run_goes_on(tmp_path, monkeypatch):
    from timeline import build as build_module

    for name, day in (("a", 6), ("b", 7), ("c", 8)):
        (tmp_path / f"{name}.txt").write_text(f"On {day} May 2016 rebels took town {name}.")

    def fails_on_b(document, options):
        if document.name == "b.txt":
            raise ValueError("day is out of range for month")
        return process_document(document, options)

    monkeypatch.setattr(build_module, "process_document", fails_on_b)
    result = CliRunner().invoke(cli, ["build", str(tmp_path), "-f", "csv", "-q", "--published", "2016", "-j", "1"])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"Skipped: {tmp_path / 'b.txt'}: processing failed (ValueError: day is out of range for month); "
        "this is a bug in timeline, please report it with this file")
    assert "took town a." in result.stdout and "took town c." in result.stdout
    strict = CliRunner().invoke(cli, ["build", str(tmp_path), "-q", "--published", "2016", "-j", "1", "--strict"])
    assert strict.exit_code == 1 and "processing failed" in strict.stderr


def test_a_folder_that_cannot_be_listed_is_skipped_with_a_message_and_the_run_goes_on(tmp_path, unlistable):
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "b.txt").write_text("On 7 May 2016 rebels took town b.")
    (tmp_path / "a.txt").write_text("On 6 May 2016 rebels took town a.")
    unlistable(tmp_path / "locked")
    result = CliRunner().invoke(cli, ["build", str(tmp_path), "-f", "csv", "-q", "--published", "2016", "-j", "1"])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"Skipped: {tmp_path / 'locked'}: is a folder that cannot be listed (permission denied); "
        "the documents in it are left out, check its permissions")
    assert "took town a." in result.stdout
    strict = CliRunner().invoke(cli, ["build", str(tmp_path), "-q", "--published", "2016", "-j", "1", "--strict"])
    assert strict.exit_code == 1 and "cannot be listed" in strict.stderr


@pytest.mark.parametrize("suffix", ["json", "csv", "xlsx", "ics"])
def test_file_names_and_titles_that_are_not_utf8_are_written_readably(tmp_path, suffix):
    """A name from a Windows archive ("caf\xe9.txt" in Latin-1) is kept by Python as lone
    surrogates, which no output can encode: it is written with U+FFFD in their place."""
    import csv
    import json
    import os

    import icalendar
    import openpyxl

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / os.fsdecode(b"caf\xe9.txt")).write_text("On 6 May 2016 rebels took the town.")
    output = tmp_path / f"out.{suffix}"
    result = CliRunner().invoke(cli, ["build", str(tmp_path / "in"), "-q", "-j", "1", "--published", "2016",
                                      "--title", "R\udcfcckblick", "-o", str(output)])
    assert (result.exit_code, result.output) == (0, "")
    name, title = "caf\ufffd.txt", "R\ufffdckblick"
    if suffix == "json":
        saved = json.loads(output.read_text(encoding="utf-8"))
        assert saved["title"] == title and [e["document"] for e in saved["events"]] == [name]
    elif suffix == "csv":
        with open(output, newline="", encoding="utf-8") as stream:
            assert [row["document"] for row in csv.DictReader(stream)] == [name]
    elif suffix == "xlsx":
        sheet = openpyxl.load_workbook(output).active
        rows = list(sheet.iter_rows(values_only=True))
        assert rows[1][rows[0].index("document")] == name
    else:
        calendar = icalendar.Calendar.from_ical(output.read_bytes())
        assert str(calendar.get("X-WR-CALNAME")) == title
        assert name in str(next(iter(calendar.walk("VEVENT"))).get("DESCRIPTION"))


def test_the_command_line_never_shows_a_traceback_for_bad_input(tmp_path):
    (tmp_path / "articles.csv").write_bytes(b"file,published\n\xff\xfe,2016-99\n\"unclosed,\n")
    (tmp_path / "a.txt").write_bytes(b"\xff\xfe\x00")
    (tmp_path / "b.md").write_text("---\ntitle: never closed\n")
    (tmp_path / "c.txt").write_text("---\npublished: someday\n---\nOn Thursday it rained.")
    result = CliRunner().invoke(cli, ["build", str(tmp_path), str(tmp_path / "nothing"), "-f", "json", "-q"])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert all(line.startswith(("Skipped: ", "Warning: ")) or "skipped" in line for line in result.stderr.splitlines())


def test_a_source_is_small_plain_data_a_worker_can_read():
    import pickle

    source = next(find_sources(["-"]))
    assert pickle.loads(pickle.dumps(source)) == source and isinstance(source, Source)
