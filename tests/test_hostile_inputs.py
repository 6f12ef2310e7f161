"""Inputs written to attack the paths a hostile corpus of plain-text documents does not reach:
spreadsheets and saved chronologies read back, Word archives, feeds.

Each problem is one line on stderr that a terminal acts on nothing in, and the run goes on.
"""
import csv
import io
import json
import re
import sqlite3
import struct
import zipfile
import zlib

import docx
import pytest
from click.testing import CliRunner
from output_readers import open_direction_marks, read_ics, read_table
from pattern_shapes import blank_runs_meet
from zip_parts import padded_zip

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



def test_a_mangled_fingerprint_skips_its_row_in_one_line(seeds_dir, tmp_path):
    """A fingerprint cell that is not as exported (control characters, cut short) cannot tell an edit
    from a value the database changed since: its row is skipped in one line; the others are applied."""
    db = tmp_path / "war.db"
    run("build", seeds_dir, "-q", "-o", db)
    rows = list(csv.DictReader(io.StringIO(run("export", db, "-f", "csv").stdout)))
    for row in rows[:3]:
        row["title"] = "Edited " + row["id"]
    rows[0]["fingerprint"] = ESCAPES
    rows[1]["fingerprint"] = rows[1]["fingerprint"][:-3]
    edited = tmp_path / "edited.csv"
    with edited.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    result = run("import", db, edited, code=1)
    assert_one_line_each(result.stderr, 2)
    assert f"row 2 (id {rows[0]['id']}): its fingerprint cell ('\\x1b]0;pwned" in result.stderr
    assert f"row 3 (id {rows[1]['id']}): its fingerprint cell" in result.stderr
    assert ": 1 correction(s) from" in result.stdout and "; 2 row(s) skipped" in result.stdout
    titles = {e["id"]: e["title"] for e in json.loads(run("export", db, "-f", "json").stdout)["events"]}
    assert [titles[row["id"]] == "Edited " + row["id"] for row in rows[:3]] == [False, False, True]

def test_a_saved_chronology_quoted_in_an_error_sends_the_terminal_nothing(seeds_dir, tmp_path):
    saved = json.loads(run("build", seeds_dir, "-q", "-f", "json").stdout)
    saved["events"][0].update(id=ESCAPES, date="no date")
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(saved), encoding="utf-8")
    result = run("export", edited, "-f", "csv", code=1)
    assert_one_line_each(result.stderr, 1)
    assert result.stderr.startswith(f"Error: {edited}: not a saved timeline") and "\\x1b]0;pwned" in result.stderr


def _png() -> bytes:
    """A one-pixel PNG."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00" * 4)) + chunk(b"IEND", b""))


def _word_bomb(part_kind: str, unpacked: int) -> bytes:
    """A Word file with a picture, whose picture (``picture``) or body renamed so that its name does
    not end in .xml (``renamed body``) unpacks to ``unpacked`` more bytes, deflated to a few hundred KB."""
    document = docx.Document()
    document.add_paragraph("Rebels shelled the airport of Aleppo on 3 May 2016. " * 20)
    document.add_picture(io.BytesIO(_png()))
    saved = io.BytesIO()
    document.save(saved)
    renamed = {"word/document.xml": "word/document.bin", "word/_rels/document.xml.rels": "word/_rels/document.bin.rels"}
    if part_kind == "picture":
        (picture,) = [name for name in zipfile.ZipFile(saved).namelist() if name.startswith("word/media/")]
        return padded_zip(saved.getvalue(), picture, unpacked, bytes(1 << 20))

    def edit(name: str, body: bytes) -> bytes:
        return body.replace(b"word/document.xml", b"word/document.bin") if name in ("_rels/.rels", "[Content_Types].xml") \
            else body

    return padded_zip(saved.getvalue(), "word/document.bin", unpacked, b"<w:p><w:r><w:t>A</w:t></w:r></w:p>" * 30_000,
                      b"</w:body>", rename=lambda name: renamed.get(name, name), edit=edit)


@pytest.mark.parametrize("part_kind", ["picture", "renamed body"])
def test_a_word_file_whose_parts_unpack_to_far_more_than_it_is_refused_whatever_their_names(tmp_path, part_kind):
    from timeline.readers import word

    (tmp_path / "bomb.docx").write_bytes(_word_bomb(part_kind, 2 * word.MAX_UNPACKED_XML))
    assert (tmp_path / "bomb.docx").stat().st_size < 1024 * 1024
    (tmp_path / "note.txt").write_text("On 20 May 2016, rebels shelled the airport of Aleppo.\n", encoding="utf-8")
    result = run("build", tmp_path, "-f", "csv", "-q", code=1)
    assert re.search(r"^Skipped: \S+bomb\.docx: unpacks to 1[23]\d MB, more than any article with its pictures; "
                     r"if it is one, save its text as a \.txt file and give that$", result.stderr, re.M), result.stderr
    assert "2016-05-20" in result.stdout


def test_a_word_file_with_a_picture_is_read():
    """The bound on what a Word file unpacks to leaves a real one with its pictures alone."""
    from timeline import readers

    (reading,) = readers.read(_word_bomb("picture", 0), "pictured.docx")
    assert "3 May 2016" in reading.text


def test_a_workbook_that_unpacks_to_far_more_than_it_is_refused_at_once(seeds_dir, tmp_path):
    """A sheet padded with rows deflates a thousand to one: openpyxl would read it for minutes."""
    from timeline import spreadsheets

    db, exported, padded = tmp_path / "war.db", tmp_path / "war.xlsx", tmp_path / "padded.xlsx"
    run("build", seeds_dir, "-q", "-o", db)
    run("export", db, "-o", exported)
    rows = b'<row><c t="inlineStr"><is><t> </t></is></c></row>' * 20_000
    padded.write_bytes(padded_zip(exported.read_bytes(), "xl/worksheets/sheet1.xml", spreadsheets.MAX_UNPACKED, rows,
                                  b"</sheetData>"))
    result = run("import", db, padded, code=1)
    assert_one_line_each(result.stderr, 1)
    assert re.fullmatch(r"Error: \S+padded\.xlsx: a workbook that unpacks to 6\d MB, \d{3,} times its size, more "
                        r"than a chronology's; export one with `timeline export DB -o FILE\.xlsx` and edit that\n",
                        result.stderr), result.stderr
    assert "0 correction(s)" in run("import", db, exported).stdout  # the workbook as exported is read


FILLER = " The roads stayed closed while the region waited for news of the convoy." * 3
# An entry link for each way a feed's address is not a web one (what feedparser leaves of it).
ENTRY_LINKS = {"java&#9;script:alert(1)": "java\tscript:alert(1)", "JaVaScRiPt:alert(1)": "JaVaScRiPt:alert(1)",
               "data:text/html,x": "data:text/html,x", "//evil.example/x": "//evil.example/x", "../x": "../x",
               "http:evil.example": "http:evil.example"}


def test_each_feed_entry_link_that_is_no_web_address_is_a_warning_naming_the_entry(tmp_path):
    items = "".join(f"<item><title>Entry {number}</title><link>{link}</link>"
                    f"<description>Rebels attacked Idlib on {number} May 2016.{FILLER}</description></item>"
                    for number, link in enumerate([*ENTRY_LINKS, "https://example.org/a"], 1))
    (tmp_path / "feed.xml").write_text(f'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
                                       f"<title>Feed</title>{items}</channel></rss>\n", encoding="utf-8")
    result = run("build", tmp_path / "feed.xml", "-f", "json", "-q", "--published", "2016-05-30")
    urls = {d["name"]: d["url"] for d in json.loads(result.stdout)["documents"]}
    assert list(urls.values()) == [""] * len(ENTRY_LINKS) + ["https://example.org/a"]
    assert_one_line_each(result.stderr, len(ENTRY_LINKS))
    for number, shown in enumerate(ENTRY_LINKS.values(), 1):
        assert (f"Warning: {tmp_path / 'feed.xml'}#{number}: gives the entry address {shown!r}, which is not a web "
                "address; it is left out") in result.stderr, result.stderr


# A saved chronology edited by hand: each value of another JSON type than its field's, and a number
# Python will not read (more digits than sys.get_int_max_str_digits()).
EDITS = {
    "a latitude as text": (lambda e: e.update(location={"name": "x", "text": "x", "latitude": "12", "longitude": 3}),
                           "field 'location': field 'latitude': text '12', not a number"),
    "a place that is text": (lambda e: e.update(places="Aleppo"), "field 'places': text 'Aleppo', not a list"),
    "an offset of one number": (lambda e: e.update(offset=[3]), "field 'offset': a list, not 2 values"),
    "a count as true": (lambda e: e.update(fatalities={"count": True, "text": "x"}),
                        "field 'fatalities': field 'count': true, not a whole number"),
    "a count of 5,000 digits": (lambda e: e.update(fatalities={"count": "DIGITS", "text": "x"}),
                                "it holds a number of thousands of digits, more than any field takes"),
}


@pytest.mark.parametrize("edit", list(EDITS))
@pytest.mark.parametrize("format_name", ["json", "geojson", "html", "xlsx"])
def test_a_hand_edited_value_of_the_wrong_type_is_one_line_naming_its_field(seeds_dir, tmp_path, edit, format_name):
    change, said = EDITS[edit]
    saved = json.loads(run("build", seeds_dir, "-q", "-f", "json").stdout)
    change(saved["events"][0])
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(saved).replace('"DIGITS"', "9" * 5000), encoding="utf-8")
    output = tmp_path / f"out.{format_name}"
    result = run("export", edited, "-f", format_name, "-o", output, code=1)
    assert_one_line_each(result.stderr, 1)
    assert result.stderr.startswith(f"Error: {edited}: not a saved timeline (") and said in result.stderr, result.stderr
    assert not output.exists()


# A chronology database edited by hand (sqlite3, a Datasette with writes): a value its column cannot give back.
COLUMN_EDITS = {
    "location": ('{"name": "x", "text": "x", "latitude": "abc", "longitude": 3}', "field 'latitude': text 'abc'"),
    "places": ("not JSON", "Expecting value"),
    "start": ("yesterday", "Invalid isoformat string"),
    "offset": ("[1]", "a list, not 2 values"),
}


@pytest.mark.parametrize("column", list(COLUMN_EDITS))
def test_a_database_edited_by_hand_is_one_line_naming_the_event_and_column(seeds_dir, tmp_path, column):
    value, said = COLUMN_EDITS[column]
    db = tmp_path / "war.db"
    run("build", seeds_dir, "-q", "-o", db)
    with sqlite3.connect(db) as connection:
        (identity,) = connection.execute("SELECT min(id) FROM events").fetchone()
        connection.execute(f'UPDATE events SET "{column}" = ? WHERE id = ?', (value, identity))
    connection.close()
    for command in (["export", db, "-f", "geojson", "-o", tmp_path / "out.geojson"], ["edit", db, identity, "--note", "x"]):
        result = run(*command, code=1)
        assert_one_line_each(result.stderr, 1)
        assert result.stderr.startswith(f"Error: {db}: event '{identity}': column '{column}' holds ") and said in result.stderr
    assert not (tmp_path / "out.geojson").exists()


def test_a_file_name_with_direction_marks_does_not_turn_its_message_around(tmp_path):
    """"\\u202etxt.exe" shows as "exe.txt": the name, and the rest of its line after it, would read reversed."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "\u202egnp.exe\u2067.txt").write_text("", encoding="utf-8")
    (folder / "\u2066note\u200f.txt").write_text("On 20 May 2016, rebels shelled the airport of Aleppo.\n",
                                                  encoding="utf-8")
    result = run("build", folder, "-f", "csv", "-q", code=1)
    assert_one_line_each(result.stderr, 3)  # the empty file, the undated one, the count of skipped inputs
    for line in result.stderr.splitlines():
        assert not open_direction_marks(line) and not re.search("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]", line)
    assert "Skipped: " + str(folder / "\\u202egnp.exe\\u2067.txt") + ": is empty" in result.stderr
    assert "2016-05-20" in result.stdout


def test_what_cleaning_dropped_is_listed_with_nothing_a_terminal_acts_on(tmp_path):
    """-v quotes the lines cleaning dropped, which are the document's words: a caption may hold escapes."""
    text = ("Rebels shelled Aleppo on 3 May 2016, killing five people in the old market. " * 6
            + f"\nPhoto: {ESCAPES} \u202egnp.exe\n")
    article = tmp_path / "article.txt"
    article.write_text(text, encoding="utf-8")
    result = run("build", article, "-v", "-f", "csv", "--published", "2016-05-09")
    read_table(result.stderr.encode("utf-8"))
    assert result.stderr.splitlines()[1:] == [
        f"  caption @{text.index('Photo')}: Photo: \\x1b]0;pwned\\x07\\x1b[2J\\x9b31m \\u202egnp.exe"]
    assert "2016-05-03" in result.stdout


def test_tag_as_a_table_sends_the_terminal_nothing_from_the_document(tmp_path):
    """An expression's words are the document's: a NEL or a line separator in them would break
    their row. (As JSON lines they are written as escapes.)"""
    article = tmp_path / "article.txt"
    article.write_text("Rebels attacked the town after a siege that lasted for weeks. " * 3 + "They came back on "
                       "4\u2028May 2016, and on Monday, the 5 May\u0085 2016.\n", encoding="utf-8")
    table = run("tag", article, "--dct", "2016-05-30", "--format", "table").stdout
    read_table(table.encode("utf-8"))
    assert len(table.splitlines()) == 2 + len(run("tag", article, "--dct", "2016-05-30").stdout.splitlines())
    assert "4\\u2028May 2016" in table and "Monday, the 5 May\\x85 2016" in table


def test_a_calendar_read_line_by_line_as_unicode_does_holds_no_smuggled_event(tmp_path):
    """NEL, LS and PS end a line for str.splitlines: a sentence or a title holding "<NEL>BEGIN:VEVENT"
    must not start an event there. A document's text keeps LS and PS; a title edited by hand, in a
    saved chronology or an imported spreadsheet, may hold any of them."""
    smuggled = "\x85END:VEVENT\u2028BEGIN:VEVENT\u2029SUMMARY:smuggled\x85URL:javascript:alert(1)\x85"
    (tmp_path / "siege.txt").write_text(f"Rebels shelled Aleppo on 3 May 2016{smuggled.replace(chr(0x85), chr(0x2028))}.\n",
                                        encoding="utf-8")
    saved = json.loads(run("build", tmp_path / "siege.txt", "-f", "json", "-q", "--published", "2016-05-30").stdout)
    assert len(saved["events"]) == 1 and "\u2028BEGIN:VEVENT" in saved["events"][0]["sentence"]
    saved["events"][0]["title"] = f"Siege{smuggled}"
    (tmp_path / "edited.json").write_text(json.dumps(saved), encoding="utf-8")
    target = tmp_path / "siege.ics"
    run("export", tmp_path / "edited.json", "-f", "ics", "-o", target)
    calendar = read_ics(target.read_bytes(), 1)
    assert str(calendar.subcomponents[0]["SUMMARY"]).startswith("Siege\nEND:VEVENT\nBEGIN:VEVENT\n")
    lines = re.sub(r"\r\n[ \t]", "", target.read_bytes().decode("utf-8")).splitlines()  # unfolded
    assert [line for line in lines if line.startswith(("BEGIN:", "END:", "SUMMARY:", "URL:"))] == [
        "BEGIN:VCALENDAR", "BEGIN:VEVENT", f"SUMMARY:{calendar.subcomponents[0]['SUMMARY'].to_ical().decode()}",
        "END:VEVENT", "END:VCALENDAR"]


def test_a_page_of_more_elements_than_any_article_is_refused_at_once(tmp_path):
    """trafilatura's time grows faster than a page's elements: 3 MB of them would hold the run for minutes."""
    from timeline.readers import html

    filler = "<p><span>x</span></p>" * (html.MAX_ELEMENTS // 2 + 1)
    (tmp_path / "page.html").write_text(
        '<!DOCTYPE html><html lang="en"><head><title>T</title><meta property="og:type" content="article"></head>'
        f"<body><article><p>Rebels shelled Aleppo on 3 May 2016.{FILLER}</p>{filler}</article></body></html>",
        encoding="utf-8")
    (tmp_path / "note.txt").write_text("On 20 May 2016, rebels shelled the airport of Aleppo.\n", encoding="utf-8")
    result = run("build", tmp_path, "-f", "csv", "-q", code=1)
    assert f"Skipped: {tmp_path / 'page.html'}: has 100,009 elements, more than any article page (100,000); if it is " \
           "one, save its text as a .txt file and give that\n" in result.stderr, result.stderr
    assert "2016-05-20" in result.stdout


def _page_around(body: str) -> str:
    return ('<!DOCTYPE html><html lang="en"><head><title>T</title><meta property="og:type" content="article">'
            '<meta property="article:published_time" content="2016-05-06">'
            f"</head><body>{body}</body></html>")


def test_a_tag_of_thousands_of_attributes_is_read_without_those_past_the_bound(tmp_path):
    """libxml2 compares each attribute of a tag with every one before it: 200,000 on one tag held a
    build for 130 s. Quoted values holding '>' do not end the count."""
    from timeline.readers import markup

    names = [f'data-a{i}=">"' for i in range(5_000)]
    attributes = " ".join(names)
    (tmp_path / "page.html").write_text(
        _page_around(f"<article><div {attributes}><p>Rebels shelled Aleppo on 3 May 2016.{FILLER}</p></div>"
                     "</article>"), encoding="utf-8")
    result = run("build", tmp_path / "page.html", "-f", "csv", "-q")
    assert result.stderr == (f"Warning: {tmp_path / 'page.html'}: has a tag with 5,000 attributes; read without "
                             "those after the first 1,000\n"), result.stderr
    assert "2016-05-03" in result.stdout

    warnings = []
    bounded = markup.bounded_attributes(f"<p>x</p><div {attributes} id='last'>y</div>", warnings)
    assert bounded == f"<p>x</p><div {' '.join(names[:1_000])}>y</div>"
    assert len(warnings) == 1


def test_scripts_and_comments_are_no_tags_to_bound():
    from timeline.readers import markup

    code = "<script>var a = b <c " + " x" * 5_000 + ";</script><!-- <d " + " y" * 5_000 + " -->"
    warnings = []
    assert markup.bounded_attributes(f"<p>{code}</p>", warnings) == f"<p>{code}</p>" and not warnings


def test_a_feed_item_of_thousands_of_attributes_is_read_without_those_past_the_bound(tmp_path):
    """feedparser looks each attribute up among all of a tag's: 200,000 on one item held a build for 6 minutes."""
    from timeline.readers import markup

    attributes = " ".join(f'a{i}="x"' for i in range(5_000))
    (tmp_path / "feed.rss").write_bytes(
        ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T</title>'
         f"<item {attributes}><title>Rebels shelled Aleppo</title><link>https://example.org/a</link>"
         "<pubDate>Tue, 03 May 2016 10:00:00 GMT</pubDate><description>Rebels shelled Aleppo on 3 May 2016, killing "
         "five people in the old city.</description></item></channel></rss>").encode("utf-8"))
    result = run("build", tmp_path / "feed.rss", "-f", "csv", "-q")
    assert result.stderr == (f"Warning: {tmp_path / 'feed.rss'}: has a tag with 5,000 attributes; read "
                             "without those after the first 1,000\n"), result.stderr
    assert "2016-05-03" in result.stdout
    warnings = []  # a feed in UTF-16 is bounded too
    wide = f"<item {attributes}>x</item>".encode("utf-16")
    assert markup.bounded_attributes(wide, warnings).decode("utf-16").count('="x"') == 1_000 and warnings


@pytest.mark.parametrize("before, message", [
    ("", "Skipped: {page}: has elements nested more than 256 deep, deeper than any article page; if it is one, "
         "save its text as a .txt file and give that\n"),
    (f"<p>Rebels shelled Aleppo on 3 May 2016.{FILLER}</p>",
     "Warning: {page}: has elements nested more than 256 deep; read only as far as they start\n"),
])
def test_a_page_nested_deeper_than_the_parser_reads_says_so(tmp_path, before, message):
    """lxml stops at 256 nested elements and keeps nothing after them; 'without any text' misled."""
    deep = "<div>" * 300 + f"<p>Rebels shelled Homs on 5 May 2016.{FILLER}</p>" + "</div>" * 300
    (tmp_path / "page.html").write_text(_page_around(f"<article>{before}{deep}</article>"), encoding="utf-8")
    result = run("build", tmp_path / "page.html", "-f", "csv", "-q", code=1 if not before else 0)
    assert result.stderr.startswith(message.format(page=tmp_path / "page.html")), result.stderr
    assert ("2016-05-03" in result.stdout) == bool(before)


# Patterns in which two runs of blanks may meet, seen when the test was written: bounded (at most 30 or 40
# characters), anchored at a line's start, or tried where a rare word stands. Not measured one by one.
BLANK_RUNS_MEET = {"coding.DATELINE", "events.DATELINE", "titles.DATELINE", "events._SECTION_AFTER",
                   "events._CLOCK_ALONE", "readers.html._META_CHARSET", "temporal.tagger._FOLLOWED_IN_CLAUSE",
                   "titles.ATTRIBUTION", "titles._ATTRIBUTION_LOWER", "titles.INSERTION", "titles.TRAILING_ATTRIBUTION",
                   "titles._COORDINATED_VERB_DATE"}


def test_no_new_pattern_lets_two_runs_of_blanks_meet():
    """A sentence may hold hundreds of blanks in a row. Where "\\s*,?\\s*" is tried before them, the matcher
    shares the run between the two runs in every way: 1 MB of sentences each with 900 blanks took 13 seconds
    to build, 1.4 seconds once the toll, same-time and trailing-joiner patterns were written without it."""
    import importlib
    import pkgutil

    import timeline

    meeting = set()
    for module in pkgutil.walk_packages(timeline.__path__, "timeline."):
        for name, value in vars(importlib.import_module(module.name)).items():
            if isinstance(value, re.Pattern) and blank_runs_meet(value):
                meeting.add(f"{module.name.removeprefix('timeline.')}.{name}")
    assert blank_runs_meet(re.compile(r"\s*[,;]?\s*(?:killing)\b"))
    assert not blank_runs_meet(re.compile(r"\s*(?:[,;]\s*)?(?:killing)\b"))
    assert meeting <= BLANK_RUNS_MEET, sorted(meeting - BLANK_RUNS_MEET)
