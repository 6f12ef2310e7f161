"""CSV (RFC 4180: comma, double quotes, CRLF; UTF-8), one row per event, columns as in records.COLUMNS.

``--excel`` makes a file for spreadsheets: a UTF-8 byte order mark (so Excel
reads the accents right) and the OWASP defence against CSV injection: a cell
that starts with ``=``, ``+``, ``-``, ``@``, tab, CR or LF gets a leading ``'`` so it
is shown as text and never run as a formula.  So does what follows a ``;`` or a line
break inside a cell: a spreadsheet whose list separator is ``;`` (most of Europe's
locales) splits a line at every ``;`` and knows nothing of the commas' quotes, so
"left;=HYPERLINK(...)" would give a cell of its own that starts with ``=``.  It is a
switch, not the default, because it changes the data: real titles begin with "-".
"""
from __future__ import annotations

import functools
import io
import itertools
import operator
import re
from typing import Any, BinaryIO, Mapping

import click

from ..chronology import Timeline
from ..hookspecs import hookimpl
from .base import Exporter, selected_columns
from .records import (COLUMNS, KNOWN_COLUMNS, OWN_NAMES, RECORD_NAMES, event_record, own_values, printable,
                      record_values, shared_fields)

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")

EXCEL_OPTION = click.Option(
    ["--excel"], is_flag=True, default=False,
    help="-f csv and acled for spreadsheets: UTF-8 BOM, and cells starting (after blanks) with = + - @ tab CR LF "
         "(or holding one of = + - @ after a ; or a line break) get a ' before it (OWASP CSV injection defence).",
)


# A signed decimal number ("-33.86", a western longitude) is a number to a spreadsheet, not a formula.
_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")


# Where a spreadsheet that splits lines at ";" starts a cell inside ours: after a ";" or a line
# break, and past the blanks and the quote that may open it.
_INNER_CELL = re.compile(r"([;\r\n][ \t\"]*)(?=[=+\-@])")
_INNER_GUARD = re.compile(r"([;\r\n][ \t\"]*)'(?=[=+\-@])")


def neutralise_formula(value: str) -> str:
    """Prefix a cell a spreadsheet would run as a formula with ``'``, and each part of it that one
    splitting at ``;`` would make a cell; a plain number stays a number."""
    head = value.lstrip(" ")  # a spreadsheet that trims the blanks of a cell on import runs " =1+1"
    if head.startswith(FORMULA_TRIGGERS) and not _NUMBER.fullmatch(head):
        value = "'" + value
    if ";" in value or "\n" in value or "\r" in value:
        value = _INNER_CELL.sub(r"\1'", value)
    return value


def restore_formula(value: str) -> str:
    """The text ``neutralise_formula`` guarded, as it was (for reading back an edited spreadsheet)."""
    if value.startswith("'") and value[1:].lstrip(" ").startswith(FORMULA_TRIGGERS):
        value = value[1:]
    if "'" in value and (";" in value or "\n" in value or "\r" in value):
        value = _INNER_GUARD.sub(r"\1", value)
    return value


def write_csv(timeline: Timeline, stream: BinaryIO, options: Mapping[str, Any]) -> None:
    columns = selected_columns(options, COLUMNS, KNOWN_COLUMNS)
    documents = {d.name: d for d in timeline.documents}
    if options.get("excel"):
        records = (event_record(event, documents) for event in timeline.events)
        write_rows(stream, columns, (list(map(str, map(record.__getitem__, columns))) for record in records), True)
        return
    # Each cell as event_record gives it (printable: it leaves a text without control characters as it
    # is, and makes each text printable on its own), found and quoted once per text (see _printable_cell).
    cells = [str if column in _MADE_PLAIN else _fresh_cell if column in _NEW_EACH_ROW else _printable_cell
             for column in columns]
    picked = [RECORD_NAMES.index(column) for column in columns]
    pick = operator.itemgetter(*picked) if len(picked) > 1 else lambda values: (values[picked[0]],)
    # The events of a sentence that holds several (a list of dates gives hundreds, spread over the
    # chronology by their dates) differ in their own cells alone (records.OWN_NAMES): from a sentence's
    # second row on, the cells of its last row are kept, and a row whose shared fields are those of that
    # row (the same objects) makes its own cells only. A sentence met once is only noted (most have one event).
    own = [(position, OWN_NAMES.index(column), cells[position])
           for position, column in enumerate(columns) if column in OWN_NAMES]
    last_rows: dict[str, tuple[tuple, list[str]] | None] = {}

    def row_line(event) -> str:
        document = documents.get(event.document)
        last = last_rows.get(event.sentence, _UNSEEN)
        if last is _UNSEEN:
            last_rows[event.sentence] = None
            values = pick(record_values(event, document))
            try:
                return ",".join(map(operator.call, cells, values))
            except TypeError:  # a value that is not text (None from an edited database): as str() writes it
                return ",".join(map(operator.call, cells, map(str, values)))
        fields = shared_fields(event, document)
        if last is None or not all(map(operator.is_, last[0], fields)):  # the same objects: the same cells
            line = _cells(cells, pick(record_values(event, document)))
            last_rows[event.sentence] = (fields, line)
            return ",".join(line)
        line = last[1].copy()
        values = own_values(event)
        for position, index, cell in own:
            value = values[index]
            line[position] = cell(value if isinstance(value, str) else str(value))
        return ",".join(line)

    lines = map(row_line, timeline.events)
    if len(columns) == 1:
        lines = (line or '""' for line in lines)  # as _line writes a row of one empty cell
    _write_lines(stream, itertools.chain([_line(columns)], (line + "\r\n" for line in lines)), False)


_UNSEEN = object()  # a sentence write_csv has met no row of


def _cells(cells: list, values) -> list[str]:
    """Each of ``values`` made a cell by the function of its column in ``cells`` (a value that is not
    text, None from an edited database, as str() writes it)."""
    try:
        return list(map(operator.call, cells, values))
    except TypeError:
        return list(map(operator.call, cells, map(str, values)))


def write_rows(stream: BinaryIO, header, rows, excel: bool) -> None:
    """A header and rows of text as RFC 4180 CSV; ``excel``: BOM and formula cells neutralised.

    The bytes are those of ``csv.writer`` (QUOTE_MINIMAL, lines ended by CRLF), made here: its
    writer reads every character of every cell again for each row, and the events of a
    sentence repeat it (a list of dates gives hundreds of rows of the same long sentence),
    where a cell written before is quoted once (see _cell)."""
    lines = (_line([neutralise_formula(cell) for cell in row] if excel else row)
             for row in itertools.chain([header], rows))
    _write_lines(stream, lines, excel)


def _write_lines(stream: BinaryIO, lines, excel: bool) -> None:
    """Lines of CSV text to ``stream`` in UTF-8 (``excel``: after a byte order mark)."""
    text = io.TextIOWrapper(stream, encoding="utf-8-sig" if excel else "utf-8", newline="", write_through=False)
    write = text.write
    for line in lines:
        write(line)
    text.flush()
    text.detach()


# A cell with one of these characters is quoted (csv.QUOTE_MINIMAL: the delimiter, the quote
# character and those of the line terminator), its quotes doubled.
_NEEDS_QUOTES = re.compile(r'[",\r\n]')


@functools.lru_cache(maxsize=4096)
def _cell(value: str) -> str:
    """A cell as the csv module writes it (a text is quoted once, however many rows repeat it)."""
    if _NEEDS_QUOTES.search(value):
        return '"' + value.replace('"', '""') + '"'
    return value


# Columns whose text record_values makes of digits and fixed words alone (ISO days, offsets, "true",
# a fingerprint's hex digits and dots): printable and with nothing to quote as they are, so not looked
# up (each row has new ones).
_MADE_PLAIN = frozenset({"start", "end", "offset_start", "offset_end", "future", "planned", "latitude", "longitude",
                         "fingerprint"})


@functools.lru_cache(maxsize=4096)
def _printable_cell(value: str) -> str:
    """A text as event_record makes it (see records.printable), as the csv module writes it."""
    return _cell(printable(value))


# Columns whose text differs from row to row (a date's value and words, a report's id): a cache of
# them only misses. A text of word characters, spaces and the marks of dates has no control
# character to take out and nothing to quote: it is its own cell, told by one match.
_NEW_EACH_ROW = frozenset({"date", "expression", "id"})
_PLAIN_TEXT = re.compile(r"[\w ./:+-]*")


def _fresh_cell(value: str) -> str:
    """``_printable_cell(value)`` for a column of _NEW_EACH_ROW."""
    return value if _PLAIN_TEXT.fullmatch(value) else _printable_cell(value)


def _line(row) -> str:
    """A row as the csv module writes it: numbers as text, None as an empty cell."""
    if set(map(type, row)) == {str}:
        cells = row  # as the rows of write_csv are: no cell to convert
    else:
        cells = [cell if isinstance(cell, str) else "" if cell is None else str(cell) for cell in row]
    if len(cells) == 1 and cells[0] == "":
        return '""\r\n'  # as csv writes a row of one empty cell: a blank line would be no row
    return ",".join(map(_cell, cells)) + "\r\n"


@hookimpl
def register_exporters(register):
    register(Exporter(name="csv", write=write_csv, suffixes=(".csv",), options=(EXCEL_OPTION,),
                      description="CSV, one row per event (RFC 4180, UTF-8); --excel for spreadsheets"))
