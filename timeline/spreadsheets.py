"""Reading back the spreadsheets timeline writes (xlsx, csv), as an analyst edited them.

Rows come back as text by column name, whatever a spreadsheet made of a cell: a date typed
into a cell becomes its ISO day, a number its digits, and the leading ``'`` that ``--excel``
puts before a would-be formula is taken off again. changes_of_row tells what the analyst
changed in a row from what the database changed since it was exported.
"""
from __future__ import annotations

import csv
import datetime as dt
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from .events import Event
from .exporters.csv_format import restore_formula
from .exporters.records import DIGEST_SIZE, EDITABLE, cell_digest, fingerprint, printable
from .exporters.xlsx_format import from_cell_text

EVENTS_SHEET = "Events"
FINGERPRINT = "fingerprint"
_DIGEST = f"[0-9a-f]{{{2 * DIGEST_SIZE}}}"
_FINGERPRINT = re.compile(rf"{_DIGEST}(?:\.{_DIGEST}){{{len(EDITABLE) - 1}}}")


class SpreadsheetError(ValueError):
    """A file that is not a spreadsheet timeline can read back."""


def _text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(timespec="minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return from_cell_text(str(value))


def _unguarded(value: str | None) -> str | None:
    return restore_formula(value) if value else value


def read_rows(path: str | Path) -> list[tuple[int, dict[str, str | None]]]:
    """(row number as the spreadsheet shows it, {column: text}) for each row under the header."""
    path = Path(path)
    with open(path, "rb") as stream:
        zipped = stream.read(4) == b"PK\x03\x04"
    if zipped:
        return _xlsx_rows(path)
    try:
        with open(path, encoding="utf-8-sig", newline="") as stream:
            reader = csv.reader(stream)
            header = next(reader, None)
            if not header or "id" not in header:
                raise SpreadsheetError("no header row with an 'id' column: export one with `timeline export DB -f csv`")
            return [(number, {name: _unguarded(value) for name, value in zip(header, row)})
                    for number, row in enumerate(reader, start=2) if any(cell.strip() for cell in row)]
    except (UnicodeDecodeError, csv.Error) as error:
        raise SpreadsheetError(f"not a CSV file timeline can read ({error})") from None


# A workbook is a ZIP archive whose sheets may unpack to far more than the file: openpyxl reads about
# a megabyte of sheet a second, so 800 KB unpacking to 256 MB held an import for 200 s. Sheets that
# timeline writes deflate about 7 to 1; more than MAX_PACKING to 1, past MAX_UNPACKED, is no workbook
# an analyst edited.
MAX_UNPACKED = 64 * 1024 * 1024
MAX_PACKING = 100


def _check_unpacked_size(path: Path) -> None:
    """Raise SpreadsheetError for a workbook that says it unpacks to more than MAX_UNPACKED and
    MAX_PACKING times its size (a part that unpacks to more than it says fails its checksum)."""
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(part.file_size for part in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return  # openpyxl says what is wrong with it
    if unpacked > max(MAX_UNPACKED, MAX_PACKING * path.stat().st_size):
        raise SpreadsheetError(f"a workbook that unpacks to {unpacked / 1024 / 1024:,.0f} MB, "
                               f"{unpacked / path.stat().st_size:,.0f} times its size, more than a chronology's; "
                               "export one with `timeline export DB -o FILE.xlsx` and edit that")


def _xlsx_rows(path: Path) -> list[tuple[int, dict[str, str | None]]]:
    import openpyxl

    _check_unpacked_size(path)
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged workbook
        raise SpreadsheetError(f"not a workbook openpyxl can read ({type(error).__name__}: {error})") from None
    try:
        sheet = workbook[EVENTS_SHEET] if EVENTS_SHEET in workbook.sheetnames else workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = [_text(cell) for cell in next(rows, ())]
        if "id" not in header:
            raise SpreadsheetError(f"sheet {sheet.title!r} has no 'id' column: export one with "
                                   "`timeline export DB -o FILE.xlsx`")
        found = []
        for number, row in enumerate(rows, start=2):
            values = [_text(cell) for cell in row]
            if any(v and v.strip() for v in values):
                found.append((number, {name: value for name, value in zip(header, values) if name}))
        return found
    finally:
        workbook.close()


@dataclass
class RowChanges:
    """What a row of an edited spreadsheet asks of its event, by field: ``changes`` to make (the
    cell's text), ``conflicts`` (the cell's text: changed both in the spreadsheet and in the
    database since the export), and ``kept``, the fields the database changed since the export
    where the spreadsheet holds the value exported, which the database keeps."""

    changes: dict[str, str] = field(default_factory=dict)
    conflicts: dict[str, str] = field(default_factory=dict)
    kept: list[str] = field(default_factory=list)


def changes_of_row(row: dict[str, str | None], event: Event) -> RowChanges:
    """The cells of EDITABLE in ``row`` that differ from ``event``, the event as the database now has it.

    A row with a fingerprint (see records.fingerprint) has each cell compared with what was
    exported too. A row without one (from a spreadsheet of an earlier version, or typed by hand)
    has every cell that differs taken as a change. Raises SpreadsheetError for a fingerprint that
    is not one timeline wrote: what was edited in the row cannot be told from what is stale."""
    exported = None
    text = (row.get(FINGERPRINT) or "").strip().lower()
    if text:
        if not _FINGERPRINT.fullmatch(text):
            raise SpreadsheetError(f"its {FINGERPRINT} cell ({text!r}) is not as exported, so what was edited "
                                   "cannot be told from what the database changed since; export again and redo "
                                   "the row's edits there, or make them with `timeline edit`")
        exported = dict(zip(EDITABLE, text.split(".")))
        now = dict(zip(EDITABLE, fingerprint(event).split(".")))
    found = RowChanges()
    for name in EDITABLE:
        value = row.get(name)
        if name == "status":
            value = value or "keep"
        if value is None:
            continue
        present = getattr(event, name) or ""
        # A cell as it was written (records.printable: no terminal control) is no change either.
        if value.strip() in (present, printable(present).strip()):
            continue
        if exported is None or exported[name] == now[name]:
            found.changes[name] = value
        elif cell_digest(name, value) == exported[name]:
            found.kept.append(name)
        else:
            found.conflicts[name] = value
    return found
