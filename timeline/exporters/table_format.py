"""Terminal tables through tabulate."""
from __future__ import annotations

from typing import Any, BinaryIO

from tabulate import tabulate

from ..chronology import Timeline
from ..hookspecs import hookimpl
from .base import Exporter

TABLE_COLUMNS = ("date", "title", "document")


def write_table(timeline: Timeline, stream: BinaryIO, options: dict[str, Any]) -> None:
    rows = [(e.date, e.title, e.document) for e in timeline.events]
    text = tabulate(rows, headers=TABLE_COLUMNS, tablefmt=options.get("table_format") or "simple",
                    disable_numparse=True, maxcolwidths=[None, 70, 30])
    stream.write(text.encode("utf-8") + b"\n")


@hookimpl
def register_exporters(register):
    register(Exporter(name="table", write=write_table, suffixes=(".txt",),
                      description="A table for the terminal (any tabulate format with -t)"))
