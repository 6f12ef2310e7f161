"""Excel workbooks through openpyxl: Events, Documents and Events per month (with a bar chart).

What Excel demands and how we meet it:

- ``start`` and ``end`` are real date cells shown at the event's precision
  (``yyyy``, ``mmm yyyy``, ``yyyy-mm-dd``, ``yyyy-mm-dd hh:mm``); the TIMEX3 value
  stays beside them as text in ``date``.  Days Excel cannot hold (before
  1 March 1900, where its calendar is wrong) are written as ISO text.
- Every other value is written as a string cell, so a sentence that starts with
  ``=``, ``+``, ``-`` or ``@`` is never run as a formula.  Control characters
  (which make openpyxl raise) are stripped and text longer than a cell holds
  (32,767 characters) is cut with a marker.
- The workbook is written in write-only mode: rows stream to disk, so memory
  does not grow with the number of events.  Column widths come from one pass
  over the events before the first row, as write-only mode requires.
- Only http and https addresses become hyperlinks (a ``file:`` link opens what
  the document's author chose); any other address is shown as text.
- Excel keeps at most 65,530 hyperlinks per sheet: above that many events the
  url column stays plain text (the Documents sheet still links every source).
- Excel does not size rows to wrapped text it did not lay out itself: each Events row
  gets the height of its longest wrapped cell (in lines at the column's width, at most
  ``MAX_ROW_LINES``).  The sheet prints landscape, fitted to the page's width, with the
  header row repeated on every page.
- ``latitude``, ``longitude`` and ``fatalities`` are number cells, so a filter can ask
  for "more than 10 killed"; the header row has filters on every column (type, actor, place ...).
- ``fingerprint`` is a hidden column: Excel and LibreOffice keep it, with its row, through
  edits and sorting, and `timeline import` reads it back (see records.fingerprint).
"""
from __future__ import annotations

import contextlib
import datetime as dt
import errno
import functools
import math
import os
import re
from collections import Counter
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, BinaryIO, Mapping

from ..chronology import Timeline
from ..events import Event
from ..hookspecs import hookimpl
from ..links import web_address
from .base import Exporter, report
from .records import COLUMNS, event_record, event_time

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment

EXCEL_CELL_LIMIT = 32767
EXCEL_HYPERLINK_LIMIT = 65530
TRUNCATION_MARKER = " …[cut: longer than an Excel cell]"
EXCEL_FIRST_DAY = dt.date(1900, 3, 1)
# Characters XML 1.0 cannot carry (openpyxl raises IllegalCharacterError on the first group).
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

DATE_FORMATS = {
    "century": "yyyy", "decade": "yyyy", "year": "yyyy",
    "half": "mmm yyyy", "quarter": "mmm yyyy", "season": "mmm yyyy", "month": "mmm yyyy",
    "week": "yyyy-mm-dd", "day": "yyyy-mm-dd", "time": "yyyy-mm-dd hh:mm",
}
EVENT_HEADERS = ("start", "end") + tuple(c for c in COLUMNS if c not in ("start", "end"))
WRAPPED = {"title", "sentence"}
MAX_WIDTHS = {"title": 50, "sentence": 80, "expression": 30}
DEFAULT_MAX_WIDTH = 40
LINE_HEIGHT = 15  # points: one line of Calibri 11
MAX_ROW_LINES = 12
NUMBER_COLUMNS = {"offset_start", "offset_end", "latitude", "longitude", "fatalities"}
HIDDEN_COLUMNS = {"fingerprint"}
MONTHS_FILLED = 1200  # a chart with every month in between, up to a century of them



@functools.lru_cache(maxsize=1)
def _openpyxl() -> SimpleNamespace:
    """openpyxl and the styles of this workbook, imported when a workbook is written: importing
    openpyxl takes a tenth of a second that every other command would pay."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import TYPE_STRING
    from openpyxl.chart import BarChart, Reference
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.dimensions import RowDimension
    from openpyxl.worksheet.hyperlink import Hyperlink

    return SimpleNamespace(
        Workbook=Workbook, WriteOnlyCell=WriteOnlyCell, TYPE_STRING=TYPE_STRING, BarChart=BarChart,
        Reference=Reference, get_column_letter=get_column_letter, Hyperlink=Hyperlink, RowDimension=RowDimension,
        header_font=Font(bold=True, color="FFFFFF"), header_fill=PatternFill("solid", fgColor="305496"),
        header_alignment=Alignment(vertical="center"), wrap=Alignment(wrap_text=True, vertical="top"),
        top=Alignment(vertical="top"), link_font=Font(color="0563C1", underline="single"),
    )


# Excel reads "_x" four hex digits "_" in a cell's text as the character of that code (OOXML's
# ST_Xstring: how it writes a line break, "_x000D_"), so "_x0041_" in a title showed as "A" and
# "_x0007_" as a control character; the underscore that starts one is itself written so, "_x005F_".
# openpyxl neither writes nor reads these escapes: they are made here (Cells.text) and undone on import.
_LOOKS_ESCAPED = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")


def from_cell_text(text: str) -> str:
    """The text of a cell as Excel or Cells.text wrote it, its escaped characters undone."""
    return _ESCAPED.sub(lambda match: chr(int(match.group(1), 16)), text) if "_x" in text else text


def excel_text(value: Any) -> str:
    """Text as an Excel cell can hold it: no illegal characters, at most 32,767 UTF-16 units."""
    text = _ILLEGAL.sub("", str(value))
    if len(text) * 2 > EXCEL_CELL_LIMIT and len(text.encode("utf-16-le")) // 2 > EXCEL_CELL_LIMIT:
        keep = EXCEL_CELL_LIMIT - len(TRUNCATION_MARKER)
        while len(text[:keep].encode("utf-16-le")) // 2 > EXCEL_CELL_LIMIT - len(TRUNCATION_MARKER):
            keep -= 1
        text = text[:keep] + TRUNCATION_MARKER
    return text


def excel_day(event: Event, day: dt.date) -> dt.date | dt.datetime | None:
    """The value of a date cell, or None when Excel cannot show the day."""
    if day < EXCEL_FIRST_DAY:
        return None
    clock = event_time(event)
    if clock is not None and day == event.start:
        return dt.datetime.combine(day, clock)
    return day


class _Cells:
    """Builds write-only cells with the styles this workbook uses.

    Each style is built once and its style ids shared by every cell that uses it: setting
    fonts and alignments cell by cell makes openpyxl hash them again for every cell.
    """

    def __init__(self, sheet):
        self.sheet = sheet
        self.styles: dict[tuple, Any] = {}
        self.xl = _openpyxl()

    def _styled(self, cell: WriteOnlyCell, settings: tuple) -> WriteOnlyCell:
        key = tuple((attribute, id(value) if not isinstance(value, str) else value) for attribute, value in settings)
        style = self.styles.get(key)  # keyed by identity: hashing openpyxl style objects is slow
        if style is None:
            template = self.xl.WriteOnlyCell(self.sheet)
            for attribute, value in settings:
                setattr(template, attribute, value)
            style = self.styles[key] = template._style
        cell._style = style  # written out at once and never changed: sharing is safe
        return cell

    def header(self, value: str) -> WriteOnlyCell:
        return self._styled(self.text(value), (("font", self.xl.header_font), ("fill", self.xl.header_fill),
                                                ("alignment", self.xl.header_alignment)))

    def text(self, value: Any, alignment: Alignment | None = None) -> WriteOnlyCell:
        cell = self.xl.WriteOnlyCell(self.sheet)
        text = excel_text(value)
        cell.value = _LOOKS_ESCAPED.sub("_x005F_", text) if "_x" in text else text  # shown as written
        cell.data_type = self.xl.TYPE_STRING  # after the value: never a formula, whatever the text begins with
        if alignment is not None:
            self._styled(cell, (("alignment", alignment),))
        return cell

    def number(self, value: int | float | None) -> WriteOnlyCell:
        return self.xl.WriteOnlyCell(self.sheet, value=value)

    def day(self, value: dt.date | None, iso: str, number_format: str) -> WriteOnlyCell:
        if value is None:
            return self.text(iso, self.xl.top)
        cell = self.xl.WriteOnlyCell(self.sheet, value=value)
        return self._styled(cell, (("number_format", number_format), ("alignment", self.xl.top)))

    def link(self, url: str, label: str | None = None) -> WriteOnlyCell:
        cell = self.text(label if label is not None else url, self.xl.top)
        if web_address(url) and len(url) < 2080:  # Excel's limit on a link's address
            cell.hyperlink = self.xl.Hyperlink(ref="", target=excel_text(url))
            self._styled(cell, (("font", self.xl.link_font), ("alignment", self.xl.top)))
        return cell


def _month(day: dt.date) -> tuple[int, int]:
    return day.year, day.month


def _survey(timeline: Timeline):
    """One pass before writing: column widths, events per document, events per month."""
    widths = {h: len(h) + 2 for h in EVENT_HEADERS}
    per_document: Counter = Counter()
    per_month: Counter = Counter()
    spanning = 0
    documents = {d.name: d for d in timeline.documents}
    for event in timeline.events:
        record = event_record(event, documents)
        for name in EVENT_HEADERS:
            if name in ("start", "end"):
                continue
            limit = MAX_WIDTHS.get(name, DEFAULT_MAX_WIDTH)
            if widths[name] < limit:
                widths[name] = min(limit, max(widths[name], len(str(record[name])) + 2))
        per_document[event.document] += 1
        if _month(event.start) == _month(event.end):
            per_month[_month(event.start)] += 1
        else:
            spanning += 1
    widths["start"] = widths["end"] = 17 if any(e.precision == "time" for e in timeline.events) else 12
    return widths, per_document, per_month, spanning


def row_lines(record: Mapping[str, object], widths: Mapping[str, float]) -> int:
    """How many lines the row's wrapped cells take at their columns' widths (a character a unit)."""
    lines = 1
    for name in WRAPPED:
        usable = max(1, int(widths[name]) - 2)
        text = str(record[name])
        if len(text) > usable or "\n" in text:
            lines = max(lines, sum(math.ceil(len(part) / usable) or 1 for part in text[:usable * MAX_ROW_LINES].split("\n")))
    return min(lines, MAX_ROW_LINES)


def _page_setup(sheet) -> None:
    """Printed landscape, as wide as the page, the header row on every page."""
    sheet.page_setup.orientation = "landscape"
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages down as it takes
    sheet.print_title_rows = "1:1"


def _write_events(workbook: Workbook, timeline: Timeline, widths: dict, links: bool) -> None:
    sheet = workbook.create_sheet("Events")
    cells = _Cells(sheet)
    xl = cells.xl
    get_column_letter = xl.get_column_letter
    for index, name in enumerate(EVENT_HEADERS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = widths[name]
        # Read back by `timeline import`, not by people: hidden, so that it is not edited by mistake.
        sheet.column_dimensions[get_column_letter(index)].hidden = name in HIDDEN_COLUMNS
    sheet.freeze_panes = "B2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(EVENT_HEADERS))}{len(timeline.events) + 1}"
    _page_setup(sheet)
    sheet.append([cells.header(name) for name in EVENT_HEADERS])
    documents = {d.name: d for d in timeline.documents}
    for row_number, event in enumerate(timeline.events, start=2):
        record = event_record(event, documents)
        lines = row_lines(record, widths)
        if lines > 1:  # set before the row is written: write-only mode writes each row once
            sheet.row_dimensions[row_number] = xl.RowDimension(sheet, index=row_number, ht=lines * LINE_HEIGHT)
        number_format = DATE_FORMATS.get(event.precision, "yyyy-mm-dd")
        row = [
            cells.day(excel_day(event, event.start), record["start"], number_format),
            cells.day(excel_day(event, event.end), record["end"], number_format),
        ]
        for name in EVENT_HEADERS[2:]:
            if name in ("offset_start", "offset_end"):
                row.append(cells.number(record[name]))
            elif name in NUMBER_COLUMNS:
                value = record[name]
                row.append(cells.number((float(value) if name != "fatalities" else int(value)) if value != "" else None))
            elif name == "url" and links:
                row.append(cells.link(record[name]))
            else:
                row.append(cells.text(record[name], xl.wrap if name in WRAPPED else xl.top))
        sheet.append(row)
        sheet.row_dimensions.pop(row_number, None)  # written: memory stays flat however many rows


# Columns of the Documents sheet for the documents' metadata, the usual fields first; a document's other
# fields, beyond them, are written together in one last column (see _write_documents).
MAX_METADATA_COLUMNS = 100
MORE_METADATA = "more metadata"


def _write_documents(workbook: Workbook, timeline: Timeline, per_document: Counter) -> None:
    """A row per document: its metadata, a column per field, and its count of events.

    Fields beyond the usual ones come from sidecar columns or a hand-edited chronology, and need not be
    shared: a column each for the first of them (MAX_METADATA_COLUMNS in all), the others of a document
    together in one last column. A column for every field, where each of thousands of documents has a
    field of its own, would make a sheet of documents times fields: quadratic in the input.
    """
    sheet = workbook.create_sheet("Documents")
    cells = _Cells(sheet)
    get_column_letter = cells.xl.get_column_letter
    metadata = [document.metadata() for document in timeline.documents]  # made once: each call builds it
    widths = dict.fromkeys(["name", "title", "source", "url", "published", "language"], 0)
    more_width = 0
    for fields in metadata:
        more = 0
        for name, value in fields.items():
            if name in widths or len(widths) < MAX_METADATA_COLUMNS:
                widths[name] = max(widths.get(name, 0), len(str(value or "")))
            else:
                more += len(f"{name}: {value}; ")
        more_width = max(more_width, more)
    columns = list(widths)
    headers = [*columns, *([MORE_METADATA] if more_width else []), "events"]
    widths.update({MORE_METADATA: more_width, "events": 0})
    for index, name in enumerate(headers, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(max(len(name), widths[name]) + 2, 60)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{len(timeline.documents) + 1}"
    sheet.append([cells.header(h) for h in headers])
    in_columns = set(columns)
    for document, fields in zip(timeline.documents, metadata):
        row = [cells.link(fields.get("url") or "") if name == "url" else cells.text(fields.get(name) or "", cells.xl.top)
               for name in columns]
        if more_width:
            row.append(cells.text("; ".join(f"{name}: {value}" for name, value in fields.items()
                                            if name not in in_columns), cells.xl.top))
        row.append(cells.number(per_document.get(document.name, 0)))
        sheet.append(row)


def _months_to_show(per_month: Counter) -> list[tuple[int, int]]:
    if not per_month:
        return []
    first, last = min(per_month), max(per_month)
    span = (last[0] - first[0]) * 12 + last[1] - first[1] + 1
    if span > MONTHS_FILLED:
        return sorted(per_month)
    months, (year, month) = [], first
    for _ in range(span):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _write_months(workbook: Workbook, per_month: Counter, spanning: int) -> None:
    sheet = workbook.create_sheet("Events per month")
    cells = _Cells(sheet)
    sheet.column_dimensions["A"].width = 12
    sheet.column_dimensions["B"].width = 10
    sheet.freeze_panes = "A2"
    months = _months_to_show(per_month)
    note = (f"Not counted: {spanning} events whose dates span more than one month (years, seasons, ...)"
            if spanning else "")
    sheet.append([cells.header("month"), cells.header("events"), None, cells.text(note)])
    for year, month in months:
        day = dt.date(year, month, 1)
        month_cell = cells.day(day if day >= EXCEL_FIRST_DAY else None, f"{year:04d}-{month:02d}", "mmm yyyy")
        sheet.append([month_cell, cells.number(per_month.get((year, month), 0))])
    if months:
        BarChart, Reference = cells.xl.BarChart, cells.xl.Reference
        chart = BarChart()
        chart.type = "col"
        chart.title = "Events per month"
        chart.y_axis.title = "events"
        chart.x_axis.number_format = "mmm yyyy"
        chart.legend = None
        chart.add_data(Reference(sheet, min_col=2, min_row=1, max_row=len(months) + 1), titles_from_data=True)
        chart.set_categories(Reference(sheet, min_col=1, min_row=2, max_row=len(months) + 1))
        chart.width = min(max(16, len(months) * 0.6), 60)
        chart.height = 9
        sheet.add_chart(chart, "D3")


def write_xlsx(timeline: Timeline, stream: BinaryIO, options: Mapping[str, Any]) -> None:
    widths, per_document, per_month, spanning = _survey(timeline)
    links = len(timeline.events) <= EXCEL_HYPERLINK_LIMIT
    if not links:
        report(options, f"xlsx: {len(timeline.events):,} events are more than the {EXCEL_HYPERLINK_LIMIT:,} links "
                        "Excel keeps on a sheet; the Events url column is plain text (Documents keeps the links)")
    workbook = _openpyxl().Workbook(write_only=True)
    try:
        workbook.properties.title = excel_text(timeline.title)
        workbook.properties.creator = "timeline"
        _write_events(workbook, timeline, widths, links)
        _write_documents(workbook, timeline, per_document)
        _write_months(workbook, per_month, spanning)
        _save(workbook, stream)
    except Exception as error:
        _discard(workbook)
        if "IO_ENOSPC" in str(error):  # lxml's word for a full disk, where Python's is an OSError
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)) from None
        raise


def _save(workbook, stream: BinaryIO) -> None:
    """What Workbook.save does, with the archive closed when writing fails: left open, it tries to
    write its end again when collected, and prints a traceback of its own after the error line."""
    from zipfile import ZIP_DEFLATED, ZipFile

    from openpyxl.writer.excel import ExcelWriter

    archive = ZipFile(stream, "w", ZIP_DEFLATED, allowZip64=True)
    workbook.properties.modified = dt.datetime.now(tz=dt.timezone.utc).replace(tzinfo=None)
    try:
        ExcelWriter(workbook, archive).save()
    except BaseException:
        with contextlib.suppress(Exception):
            archive.close()
        raise


def _discard(workbook) -> None:
    """Close and remove the temporary files of a workbook that will not be saved: left to the
    garbage collector, each write-only sheet's writer prints its own "Exception ignored" traceback."""
    for sheet in getattr(workbook, "_sheets", ()):
        writer = getattr(sheet, "_writer", None)
        for generator in (getattr(sheet, "_rows", None), getattr(writer, "xf", None)):
            with contextlib.suppress(Exception):
                if generator is not None:
                    generator.close()
        with contextlib.suppress(Exception):
            if writer is not None and isinstance(writer.out, str):
                os.unlink(writer.out)


@hookimpl
def register_exporters(register):
    register(Exporter(name="xlsx", write=write_xlsx, suffixes=(".xlsx",), binary=True,
                      description="Excel workbook: events with real date cells, documents, events per month chart"))
