"""CSV (RFC 4180, UTF-8), one row per event."""
from __future__ import annotations

import csv
import io
from typing import Any, BinaryIO

from ..chronology import Timeline
from ..hookspecs import hookimpl
from .base import Exporter
from .records import COLUMNS, event_record


def write_csv(timeline: Timeline, stream: BinaryIO, options: dict[str, Any]) -> None:
    text = io.TextIOWrapper(stream, encoding="utf-8", newline="", write_through=True)
    writer = csv.DictWriter(text, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for event in timeline.events:
        writer.writerow(event_record(event))
    text.flush()
    text.detach()


@hookimpl
def register_exporters(register):
    register(Exporter(name="csv", write=write_csv, suffixes=(".csv",),
                      description="CSV, one row per event (RFC 4180, UTF-8)"))
