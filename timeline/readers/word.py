"""Word (.docx): the paragraphs of the body in order, with the title, author and date of the file.

Read with python-docx. Each paragraph, heading or list item is a line, paragraphs apart
by a blank line; a table is a line per row, cells apart by a tab. Page headers and footers, footnotes, comments and text boxes are
page furniture or asides and are left out.

Title: the core properties' title, else the first paragraph styled Title or Heading.
The publication date: the core properties' ``created`` is the day the file was made (by
the newsroom, or by whoever pasted the article into Word), so it is a weak fallback used
on the same terms as a PDF's creation date (see ``created.py``): only a plausible day, and
never when the text opens with a dateline, with ``published_from = "word metadata"``.
"""
from __future__ import annotations

import io
import zipfile

from .base import InputError, Reading
from .created import creation_date, usable_title

# The year .docx appeared (Office 2007): an earlier creation date is a wrong clock.
DOCX_EARLIEST_YEAR = 2006
# What python-docx's own template says about every file made from it without saying more.
TEMPLATE_AUTHOR = "python-docx"
# A Word file is a ZIP archive: a megabyte of it can unpack to gigabytes of XML, which would hold the
# run for hours. A long report's XML is a few megabytes; more than this is no article.
MAX_UNPACKED_XML = 64 * 1024 * 1024
# A cell merged down a table is repeated in each of its rows when it is this short (a date, a place): a
# longer one is written once, in its first row, as a long text merged down thousands of rows would make
# a small file's text gigabytes long.
MAX_REPEATED_CELL = 200


def read(data: bytes, name: str = "") -> list[Reading]:
    """The text of a Word file and the metadata it carries. Raises InputError when it cannot be used."""
    import docx

    _check_unpacked_size(data)
    try:
        document = docx.Document(io.BytesIO(data))
        paragraphs = list(_paragraphs(document))
        properties = document.core_properties
        title, author, created = properties.title, properties.author, properties.created
        title = usable_title(title) or _first_heading(document, paragraphs)
    except MemoryError:
        raise
    except Exception:  # a cut-off ZIP, a missing part, XML that does not parse: the file is damaged
        raise InputError("is a damaged Word file; open and save it again") from None
    text = "\n\n".join(text for text, _ in paragraphs)
    if author == TEMPLATE_AUTHOR:
        author, created = "", None  # python-docx's template date, not the file's
    published = creation_date(created, text, earliest=DOCX_EARLIEST_YEAR)
    return [Reading(text, title=title, author=" ".join((author or "").split()), published=published,
                    published_from="word metadata" if published else "")]


def _check_unpacked_size(data: bytes) -> None:
    """Refuse a file whose XML parts say they unpack to more than MAX_UNPACKED_XML, or whose parts
    together unpack to more than that beyond the file's own size (a part that unpacks to more than
    it says fails its checksum, and the file is damaged).

    The second bound holds whatever the parts are named: python-docx parses a part as XML by the
    content type the archive gives it, not by its name, and loads each image it links to whole.
    Pictures are compressed already, so a real file unpacks to little more than its XML and itself.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return  # python-docx says the file is damaged
    unpacked = sum(part.file_size for part in parts if part.filename.endswith(".xml"))
    if unpacked > MAX_UNPACKED_XML:
        raise InputError(f"unpacks to {_megabytes(unpacked)} MB of XML, more than any article; if it "
                         "is one, save its text as a .txt file and give that")
    unpacked = sum(part.file_size for part in parts)
    if unpacked > MAX_UNPACKED_XML + len(data):
        raise InputError(f"unpacks to {_megabytes(unpacked)} MB, more than any article with its pictures; if "
                         "it is one, save its text as a .txt file and give that")


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:,.0f}"


def _paragraphs(container):
    """Each paragraph's text (without empty ones) and style name, in the order of the body."""
    for block in container.iter_inner_content():
        if hasattr(block, "rows"):
            yield from _table(block)
        else:
            text = block.text.strip()
            if text:
                yield text, _style(block)


def _table(table):
    """A table as one block: a line per row, its cells apart by a tab.

    A row keeps its cells on one line because chronologies are often tables ("6 May 2016",
    "Rebels captured Khan Touman"): the date and the happening stay in one sentence. For the
    same reason a short cell merged down several rows (a date over its happenings) is in each of
    its rows, and a cell merged across columns once.

    The rows are read from the table's XML, each cell's place in the grid counted as the row goes:
    python-docx's cells of a row repeat a cell once per column it spans (a span of two billion is a
    few bytes), and find a cell merged down by climbing the rows above it, a search of the table at
    each step (cubic in the rows, and too deep a recursion past a thousand).
    """
    from docx.table import _Cell

    rows = []
    above: dict[int, tuple] = {}  # by grid column: the cell that starts there in the row above, and its text
    for row in table.rows:
        tr = row._tr
        column = tr.grid_before
        cells, starting, shown = [], {}, set()
        for tc in tr.tc_lst:
            if tc.vMerge == "continue" and column in above:
                top, text = above[column]  # merged down from the row above: that cell's
                repeated = len(text) <= MAX_REPEATED_CELL
            else:
                top = tc
                text = " ".join(" ".join(part.split()) for part, _ in _paragraphs(_Cell(tc, table)))
                repeated = True
            starting[column] = (top, text)
            if repeated and id(top) not in shown:
                shown.add(id(top))
                cells.append(text)
            column += max(1, tc.grid_span)
        above = starting
        line = "\t".join(cells).strip()
        if line:
            rows.append(line)
    if rows:
        yield "\n".join(rows), ""


def _style(paragraph) -> str:
    # The style's id, read off the paragraph: resolving its name walks all the styles each time.
    return paragraph._p.style or ""


def _first_heading(document, paragraphs) -> str:
    """The first paragraph styled Title or Heading (by the style's name, which the id may not say)."""
    names: dict[str, str] = {}
    for text, style in paragraphs:
        if style and style not in names:
            found = document.styles.element.get_by_id(style)
            names[style] = found.name_val or "" if found is not None else ""
        if style and names[style].lower().startswith(("title", "heading")):
            return usable_title(text)
    return ""
