"""Excel workbooks through openpyxl."""
from __future__ import annotations

import datetime as dt
import re
from typing import Any, BinaryIO

from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING

from ..chronology import Timeline
from ..hookspecs import hookimpl
from .base import Exporter
from .records import COLUMNS, event_record

EXCEL_CELL_LIMIT = 32767
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
EXCEL_FIRST_DAY = dt.date(1900, 3, 1)


def excel_text(value: str) -> str:
    value = _CONTROL.sub("", value)
    if len(value) > EXCEL_CELL_LIMIT:
        value = value[: EXCEL_CELL_LIMIT - 1] + "…"
    return value


def write_xlsx(timeline: Timeline, stream: BinaryIO, options: dict[str, Any]) -> None:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Events")
    sheet.append(["day"] + list(COLUMNS))
    for event in timeline.events:
        record = event_record(event)
        row = [event.start if event.start >= EXCEL_FIRST_DAY else None]
        for column in COLUMNS:
            row.append(record[column])
        sheet.append(_cells(sheet, row))
    workbook.save(stream)


def _cells(sheet, row):
    from openpyxl.cell import WriteOnlyCell

    cells = []
    for value in row:
        cell = WriteOnlyCell(sheet, value=None)
        if isinstance(value, str):
            cell.value = excel_text(value)
            cell.data_type = TYPE_STRING
        else:
            cell.value = value
            if isinstance(value, dt.date):
                cell.number_format = "yyyy-mm-dd"
        cells.append(cell)
    return cells


@hookimpl
def register_exporters(register):
    register(Exporter(name="xlsx", write=write_xlsx, suffixes=(".xlsx",), binary=True,
                      description="Excel workbook with real date cells"))
