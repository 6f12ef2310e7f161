"""PDF and Word files as analysts receive them: reports with running headers, scans, locked and
cut-off files, each made here with fpdf2 or python-docx."""
import datetime
import io
import json

import docx
import pytest
from click.testing import CliRunner
from fpdf import FPDF
from operations import lines_run
from zip_parts import padded_zip

from timeline import readers
from timeline.cli import cli
from timeline.documents import Problem, read_documents
from timeline.readers import InputError, created
from timeline.readers.pdf import Line, page_text

HEADLINE = "Rebels take Khan Touman south of Aleppo"
DATELINE = "BEIRUT, 7 May 2016"
FIRST_PAGE = [
    "On 6 May 2016, rebels captured Khan Touman, a town south of Aleppo, after a day of heavy fighting "
    "with government forces and allied militias, a monitoring group said.",
    "The Syrian Observatory for Human Rights said that at least 73 fighters were killed in the battle for "
    "the town, which had been held by government forces since December 2015.",
    "On 8 May 2016, government forces launched a counter-attack from the south, but the rebels held their "
    "positions around the town and the nearby village of al-Khalediya.",
]
SECOND_PAGE = [
    "On 12 May 2016, a car bomb exploded near a field hospital in the west of Aleppo, killing at least ten "
    "people, the Syrian Civil Defence said in a statement.",
]
HEADER = "Syria Monitor | Weekly report"
CREATED = datetime.datetime(2016, 5, 7, 9, 30, tzinfo=datetime.timezone.utc)


class Report(FPDF):
    """A report with a running header and "Page N of M" at the foot of each page."""

    def header(self):
        self.set_font("Helvetica", size=8)
        self.cell(0, 6, HEADER, new_x="LMARGIN", new_y="NEXT")
        self.ln(4)

    def footer(self):
        self.set_y(-15)
        self.set_font("Helvetica", size=8)
        self.cell(0, 10, f"Page {self.page_no()} of {{nb}}", align="C")


def make_pdf(pages=(FIRST_PAGE, SECOND_PAGE), *, title=HEADLINE, producer=None, created_at=CREATED,
             password=None) -> bytes:
    pdf = Report()
    pdf.set_title(title)
    pdf.set_author("Jane Doe")
    pdf.set_creation_date(created_at)
    if producer:
        pdf.set_producer(producer)
    for number, paragraphs in enumerate(pages):
        pdf.add_page()
        if number == 0:
            pdf.set_font("Helvetica", "B", 16)
            pdf.multi_cell(0, 8, HEADLINE, new_x="LMARGIN", new_y="NEXT")
            pdf.set_font("Helvetica", size=11)
            pdf.multi_cell(0, 6, DATELINE, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(4)
        pdf.set_font("Helvetica", size=11)
        for paragraph in paragraphs:
            pdf.multi_cell(0, 6, paragraph, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(4)
    if password:
        pdf.set_encryption(owner_password="owner", user_password=password)
    return bytes(pdf.output())


def make_scan() -> bytes:
    """A scanned page: a picture of text (here a grey block and a frame), no text layer."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_fill_color(200, 200, 200)
    pdf.rect(20, 20, 170, 120, style="F")
    pdf.rect(15, 15, 180, 260)
    return bytes(pdf.output())


def make_docx(*, title=HEADLINE, author="Jane Doe", created_at=CREATED) -> bytes:
    document = docx.Document()
    document.core_properties.title = title
    document.core_properties.author = author
    if created_at:
        document.core_properties.created = created_at
    document.add_heading(HEADLINE, level=1)
    for paragraph in FIRST_PAGE:
        document.add_paragraph(paragraph)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Date", "What happened"
    table.cell(1, 0).text = "12 May 2016"
    table.cell(1, 1).text = "A car bomb exploded near a field hospital in Aleppo."
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def read_one(data: bytes, name: str) -> readers.Reading:
    (reading,) = readers.read(data, name)
    return reading


def test_a_pdf_reads_as_its_paragraphs_without_page_furniture():
    reading = read_one(make_pdf(), "report.pdf")
    assert readers.sniff(make_pdf(), "report.pdf") == "pdf"
    assert reading.text.startswith(f"{HEADLINE}\n{DATELINE}\n\n")
    # Each paragraph comes back whole, on one line: wrapped lines are joined with a space.
    for paragraph in FIRST_PAGE + SECOND_PAGE:
        assert f"\n{paragraph}" in reading.text
    assert HEADER not in reading.text and "Page 1" not in reading.text and "of 2" not in reading.text
    assert reading.warnings == ()


def test_pdf_metadata_gives_title_author_and_a_plausible_creation_day(monkeypatch):
    monkeypatch.setattr(created, "find_dateline", lambda text: None)
    reading = read_one(make_pdf(), "report.pdf")
    assert (reading.title, reading.author) == (HEADLINE, "Jane Doe")
    assert (reading.published, reading.published_from) == ("2016-05-07", "pdf metadata")


def test_a_dateline_or_a_browser_print_outweighs_the_creation_date(monkeypatch):
    printed = read_one(make_pdf(producer="Skia/PDF m120"), "printed.pdf")
    assert (printed.published, printed.published_from) == (None, "")
    monkeypatch.setattr(created, "find_dateline", lambda text: object() if DATELINE in text[:200] else None)
    assert read_one(make_pdf(), "report.pdf").published is None


@pytest.mark.parametrize("when", [datetime.datetime(1985, 1, 1), datetime.datetime.now() + datetime.timedelta(days=30)])
def test_a_creation_date_before_pdf_existed_or_in_the_future_is_not_used(when):
    assert read_one(make_pdf(created_at=when), "report.pdf").published is None


@pytest.mark.parametrize("title", ["Microsoft Word - report.docx", "untitled", "report.pdf", "  ", "Document1"])
def test_titles_that_programs_write_are_left_out(title):
    assert read_one(make_pdf(title=title), "report.pdf").title == ""


def test_hyphenated_words_and_wrapped_lines_are_joined():
    long = "x" * 60
    lines = [Line(f"{long} the govern-", 700), Line(f"ment said {long} the Franco-", 686),
             Line(f"German talks {long} ended", 672), Line("without a deal.", 658),
             Line(f"A new paragraph {long}", 630), Line("ends here.", 616)]
    assert page_text([lines]) == (f"{long} the government said {long} the Franco-German talks {long} ended without a deal."
                                  f"\n\nA new paragraph {long} ends here.")


def test_a_short_line_keeps_its_line_break_without_positions():
    long = "words " * 15
    lines = [Line("Headline of the report"), Line("BEIRUT, 7 May 2016"), Line(long.strip()), Line("the end.")]
    assert page_text([lines]) == f"Headline of the report\nBEIRUT, 7 May 2016\n{long.strip()} the end."


def test_headers_repeated_on_most_pages_and_page_numbers_go_but_body_lines_stay():
    words = ("siege", "truce", "talks")
    pages = [[Line("Weekly report"), Line(f"Page {n} opens on the {words[n - 1]}."), Line("Said on every page."),
              Line(f"Page {n} closes on the {words[n - 1]}."), Line(f"- {n} -")] for n in range(1, 4)]
    # (Lines as wide as the page's widest run on: without positions, a paragraph is all there is.)
    assert page_text(pages) == "\n\n".join(f"Page {n} opens on the {word}. Said on every page. "
                                           f"Page {n} closes on the {word}." for n, word in enumerate(words, 1))
    # A page number is furniture only at the edge of a page.
    assert page_text([[Line("Casualties"), Line("12"), Line("were counted."), Line("3")]]).split() == [
        "Casualties", "12", "were", "counted."]


def test_short_pages_of_one_template_are_the_report_not_its_furniture():
    """Each line repeats on every page but for its numbers, so each would be a header: all the text went."""
    pages = [[Line(f"Daily report {n}."), Line(f"Rebels attacked the town on {n} May 2016."), Line(f"- {n} -")]
             for n in range(1, 6)]
    text = page_text(pages)
    assert all(f"Daily report {n}." in text and f"Rebels attacked the town on {n} May 2016." in text
               for n in range(1, 6)) and "- 3 -" not in text


@pytest.mark.parametrize("data, message", [
    (make_scan(), "is a scanned PDF without a text layer; it needs OCR first (e.g. ocrmypdf)"),
    (make_pdf(password="secret"), "is an encrypted PDF; save an unlocked copy"),
    (make_pdf()[: len(make_pdf()) // 2], "is a damaged PDF ("),
    (make_pdf()[:-40], "is a damaged PDF ("),
    (b"%PDF-1.7\n" + bytes(range(256)) * 8, "is a damaged PDF ("),
], ids=["scanned", "encrypted", "half", "end cut off", "garbage"])
def test_pdfs_that_cannot_be_read_say_what_to_do_in_one_line(data, message, capsys):
    with pytest.raises(InputError) as raised:
        readers.read(data, "bad.pdf")
    said = str(raised.value)
    assert said.startswith(message) and "\n" not in said
    if "damaged" in message:
        assert said.endswith("; save it again")
    # pypdf's warnings about the damage it met do not reach the terminal.
    assert capsys.readouterr().err == ""


def test_a_pdf_locked_only_against_editing_is_read():
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica")
    pdf.cell(0, 10, "On 6 May 2016, rebels captured Khan Touman.")
    pdf.set_encryption(owner_password="owner")
    assert read_one(bytes(pdf.output()), "locked.pdf").text == "On 6 May 2016, rebels captured Khan Touman."


def test_a_pdf_with_a_scanned_page_among_text_pages_is_read_with_a_warning():
    pdf = FPDF()
    pdf.set_font("Helvetica")
    pdf.add_page()
    pdf.cell(0, 10, "On 6 May 2016, rebels captured Khan Touman.")
    pdf.add_page()
    pdf.rect(20, 20, 100, 100, style="F")
    reading = read_one(bytes(pdf.output()), "mixed.pdf")
    assert reading.text == "On 6 May 2016, rebels captured Khan Touman."
    assert reading.warnings == ("has pages without a text layer (page 2); their text is missing, "
                                "OCR them first (e.g. ocrmypdf) to read them",)


def test_a_word_file_reads_as_its_paragraphs_and_table_rows(monkeypatch):
    monkeypatch.setattr(created, "find_dateline", lambda text: None)
    data = make_docx()
    assert readers.sniff(data, "report.docx") == "docx"
    reading = read_one(data, "report.docx")
    assert reading.text == "\n\n".join([HEADLINE, *FIRST_PAGE, "Date\tWhat happened\n12 May 2016\t"
                                        "A car bomb exploded near a field hospital in Aleppo."])
    assert (reading.title, reading.author) == (HEADLINE, "Jane Doe")
    assert (reading.published, reading.published_from) == ("2016-05-07", "word metadata")


def test_a_word_file_without_properties_takes_its_title_from_its_first_heading():
    document = docx.Document()
    document.add_paragraph("")
    document.add_heading("Shelling in Atareb", level=0)
    document.add_paragraph("Rebels shelled Atareb on 6 May 2016.")
    buffer = io.BytesIO()
    document.save(buffer)
    reading = read_one(buffer.getvalue(), "notes.docx")
    # python-docx's template says "python-docx" wrote it on 23 December 2013: neither is this file's.
    assert (reading.title, reading.author, reading.published) == ("Shelling in Atareb", "", None)


def test_a_date_merged_down_a_table_dates_each_of_its_rows():
    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(0, 2)).text = "Chronology"
    table.cell(1, 0).merge(table.cell(2, 0)).text = "6 May 2016"
    table.cell(1, 1).text, table.cell(2, 1).text = "Rebels captured Khan Touman.", "Clashes went on."
    buffer = io.BytesIO()
    document.save(buffer)
    assert read_one(buffer.getvalue(), "table.docx").text == (
        "Chronology\n6 May 2016\tRebels captured Khan Touman.\n6 May 2016\tClashes went on.")


def _word_file_of_body(body: str) -> bytes:
    """A Word file whose document body is the WordprocessingML ``body``."""
    import zipfile

    parts = zipfile.ZipFile(io.BytesIO(_saved(docx.Document())))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for part in parts.infolist():
            data = parts.read(part.filename)
            if part.filename == "word/document.xml":
                data = ('<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                        f"<w:body>{body}</w:body></w:document>").encode()
            archive.writestr(part, data)
    return buffer.getvalue()


def _cell(text: str, properties: str = "") -> str:
    return f"<w:tc><w:tcPr>{properties}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"


def _span(columns: int) -> str:
    return f'<w:gridSpan w:val="{columns}"/>'


def test_a_cell_spanning_billions_of_columns_is_read_once_with_the_work_of_one():
    """python-docx gives a cell once per column it spans: two billion of them, a few bytes of a 36 KB
    file, took 20 seconds and 3 GB of memory before failing, and more where the memory was there."""
    def read_spanning(columns):
        cells = _cell("Rebels captured Khan Touman on 5 May 2016.", _span(columns)) + _cell("Aid arrived.")
        return lines_run(read_one, _word_file_of_body(f"<w:tbl><w:tr>{cells}</w:tr></w:tbl>"), "span.docx")

    read_spanning(1)  # python-docx's modules are loaded at the first file
    (one, work_one), (many, work_many) = read_spanning(1), read_spanning(100_000)
    assert one.text == many.text == "Rebels captured Khan Touman on 5 May 2016.\tAid arrived."
    assert work_many <= 1.1 * work_one, (work_one, work_many)
    cell = _cell("On 5 May 2016.", _span(2_000_000_000))
    assert read_one(_word_file_of_body(f"<w:tbl><w:tr>{cell}</w:tr></w:tbl>"), "huge.docx").text == "On 5 May 2016."


def test_a_date_merged_down_thousands_of_rows_is_read_in_time_linear_in_them():
    """python-docx finds each cell merged down by climbing the rows above it, each climb a search of
    the table: 833 such rows (a 38 KB file) took 17 seconds to read; over a thousand were "damaged"."""
    def read_merged(rows, date="6 May 2016"):
        body = ["<w:tr>" + _cell(date, '<w:vMerge w:val="restart"/>') + _cell("Rebels captured Khan Touman.") + "</w:tr>"]
        body += ["<w:tr>" + _cell("", "<w:vMerge/>") + _cell(f"Clashes went on {row}.") + "</w:tr>" for row in range(rows)]
        return lines_run(read_one, _word_file_of_body("<w:tbl>" + "".join(body) + "</w:tbl>"), "merged.docx")

    read_merged(1)
    (few, work_few), (many, work_many) = read_merged(50), read_merged(200)
    assert many.text.splitlines()[:3] == ["6 May 2016\tRebels captured Khan Touman.", "6 May 2016\tClashes went on 0.",
                                          "6 May 2016\tClashes went on 1."]
    assert len(few.text.splitlines()) == 51 and len(many.text.splitlines()) == 201
    assert work_many <= 5 * work_few, (work_few, work_many)
    # A long text merged down is written once: repeated in every row, a small file would give gigabytes.
    long_text = "Rebels shelled the town. " * 20
    assert read_merged(3, long_text)[0].text.count(long_text.strip()) == 1


def test_a_cut_off_word_file_is_damaged():
    data = make_docx()
    with pytest.raises(InputError, match=r"^is a damaged Word file; open and save it again$"):
        readers.read(data[: len(data) // 2], "report.docx")


def _bomb(data: bytes, unpacked: int) -> bytes:
    """The Word file ``data`` with ``unpacked`` more bytes of XML in its body, deflated to a few kilobytes."""
    chunk = b"<w:p><w:r><w:t>" + b"A" * (1 << 20) + b"</w:t></w:r></w:p>"
    return padded_zip(data, "word/document.xml", unpacked, chunk, b"</w:body>")


def test_a_word_file_that_unpacks_to_more_xml_than_any_article_is_refused():
    from timeline.readers import word

    data = _bomb(make_docx(), word.MAX_UNPACKED_XML)
    assert len(data) < 1024 * 1024
    with pytest.raises(InputError, match=r"^unpacks to 65 MB of XML, more than any article; if it is one, save"):
        readers.read(data, "bomb.docx")


def test_text_beyond_the_size_limit_is_refused_even_from_a_small_file(tmp_path):
    """A compressed file may hold more text than its own size: the limit holds for the text too."""
    document = docx.Document()
    for _ in range(40):
        document.add_paragraph(" ".join(f"Rebels shelled the airport on {day} May 2016, the army said."
                                        for day in range(1, 101)))
    (tmp_path / "long.docx").write_bytes(_saved(document))
    (tmp_path / "note.txt").write_text("On 20 May 2016, rebels shelled the airport of Aleppo.\n", encoding="utf-8")
    assert (tmp_path / "long.docx").stat().st_size < 0.1 * 1024 * 1024
    result = CliRunner().invoke(cli, ["build", str(tmp_path), "-f", "csv", "--max-size", "0.1"],
                                env={"TIMELINE_LOAD_PLUGINS": ""})
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"Skipped: {tmp_path / 'long.docx'}: holds 0.2 MB of text, more than the 0.1 MB limit; split it" in result.stderr
    assert "2016-05-20" in result.stdout


def _saved(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _assembled_pdf(objects: list[bytes]) -> bytes:
    """A PDF file of ``objects`` (the first the catalog), numbered from 1, with its cross-reference table."""
    pdf, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    table = b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    return pdf + b"xref\n0 %d\n0000000000 65535 f \n%strailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, table, len(objects) + 1, len(pdf))


def _pdf_bomb(unpacked: int) -> bytes:
    """A one-page PDF whose content stream unpacks to ``unpacked`` bytes of text operators."""
    import zlib

    line = b"BT /F1 12 Tf 72 700 Td (Rebels attacked Aleppo on 5 May 2016.) Tj ET\n"
    packer = zlib.compressobj(1)
    stream = b"".join([*(packer.compress(line * 10_000) for _ in range(unpacked // (len(line) * 10_000) + 1)),
                       packer.flush()])
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(stream), stream),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    return _assembled_pdf(objects)


def _pdf_of_shared_pages(pages: int, lines: int) -> bytes:
    """A PDF of ``pages`` pages that all show one content stream of ``lines`` lines."""
    stream = b"".join(b"BT /F1 12 Tf 72 %d Td (Rebels attacked Aleppo on %d May 2016.) Tj ET\n" % (700 - 12 * (n % 50), 1 + n % 28)
                      for n in range(lines))
    kids = b" ".join(b"%d 0 R" % (5 + number) for number in range(pages))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
               b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
               *[b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R "
                 b"/Resources << /Font << /F1 4 0 R >> >> >>"] * pages]
    return _assembled_pdf(objects)


def test_pages_past_more_operations_than_any_article_holds_are_not_read(monkeypatch):
    """Pages may all show one content stream: 100 pages of one 2,000-line stream, a file of 150 KB, took
    12 seconds to read, 10,000 pages would take hours. The pages past the budget are left, and said."""
    from timeline.readers import pdf

    monkeypatch.setattr(pdf, "MAX_OPERATIONS", 5 * 100 * 3)  # each line is 5 operations: three pages
    reading = read_one(_pdf_of_shared_pages(pages=1000, lines=100), "shared.pdf")
    assert reading.text.count("Rebels attacked Aleppo") == 3 * 100  # three pages
    assert reading.warnings == ("has more to draw than any article (1,500 operations), so pages 4, 5, 6, 7, 8, "
                                "9, 10, 11, 12, 13, ... were not read; if it is one, split it or save its text "
                                "as a .txt file",)
    monkeypatch.setattr(pdf, "MAX_OPERATIONS", 10)  # not one page: the file is refused
    with pytest.raises(InputError, match=r"^has more to draw than any article \(10 operations\), so pages 1, 2, "):
        read_one(_pdf_of_shared_pages(pages=1000, lines=100), "shared.pdf")


def test_a_pdf_page_that_unpacks_to_more_than_any_article_is_said_so():
    assert "Rebels attacked Aleppo" in read_one(_pdf_bomb(1000), "small.pdf").text  # the same file, small
    data = _pdf_bomb(200 * 1024 * 1024)
    assert len(data) < 2 * 1024 * 1024
    with pytest.raises(InputError, match=r"^has pages whose contents unpack to more than any article's \(page 1\)"):
        readers.read(data, "bomb.pdf")


def write_corpus(folder):
    folder.mkdir()
    (folder / "report.pdf").write_bytes(make_pdf())
    (folder / "memo.docx").write_bytes(make_docx())
    (folder / "scan.pdf").write_bytes(make_scan())
    (folder / "locked.pdf").write_bytes(make_pdf(password="secret"))
    (folder / "note.txt").write_text("On 20 May 2016, rebels shelled the airport of Aleppo.\n", encoding="utf-8")
    return folder


def test_events_of_pdf_and_word_files_point_into_the_text_they_were_read_from(tmp_path):
    folder = write_corpus(tmp_path / "corpus")
    result = CliRunner().invoke(cli, ["build", str(folder), "-f", "json"])
    assert result.exit_code == 1, result.output
    skipped = [line for line in result.stderr.splitlines() if line.startswith("Skipped:")]
    assert sorted(skipped) == sorted([
        f"Skipped: {folder / 'locked.pdf'}: is an encrypted PDF; save an unlocked copy",
        f"Skipped: {folder / 'scan.pdf'}: is a scanned PDF without a text layer; it needs OCR first (e.g. ocrmypdf)",
    ])
    assert "Traceback" not in result.output
    events = json.loads(result.stdout)["events"]
    # Each report of a happening: the event's own, then those merged into it from other documents.
    reports = [(event["date"], report["document"], report["offset"], report["sentence"])
               for event in events for report in (event, *event["sources"])]
    dates = {(document, date) for date, document, _, _ in reports}
    for document in ("report.pdf", "memo.docx"):
        assert {(document, "2016-05-06"), (document, "2016-05-08"), (document, "2016-05-12")} <= dates
    assert ("note.txt", "2016-05-20") in dates
    # Every sentence is in the text the reader gave, where its offsets say.
    problems: list[Problem] = []
    texts = {document.name: document.text for document in read_documents([str(folder)], problems=problems)}
    for _, document, (start, end), sentence in reports:
        assert texts[document][start:end] == sentence
    documents = {document["name"]: document for document in json.loads(result.stdout)["documents"]}
    assert documents["report.pdf"]["published"] == documents["memo.docx"]["published"] == "2016-05-07"


def test_a_sentence_that_runs_on_to_the_next_page_stays_whole():
    long = " ".join(["the fighting went on"] * 4)
    first = [Line(f"Rebels said that {long}"), Line(f"and that {long} in the govern-")]
    second = [Line(f"ment held areas {long}."), Line("Next.")]
    assert page_text([first, second]) == (f"Rebels said that {long} and that {long} in the "
                                          f"government held areas {long}. Next.")
    ended = [Line(f"Rebels said that {long}"), Line(f"and that {long} in the end.")]
    assert page_text([ended, second]).count("\n\n") == 1
