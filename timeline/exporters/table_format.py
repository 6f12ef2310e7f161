"""Terminal tables through tabulate, wrapped to fit the terminal's width."""
from __future__ import annotations

import re
import shutil
from typing import Any, BinaryIO, Mapping, Sequence

from tabulate import tabulate

from ..chronology import Timeline
from ..hookspecs import hookimpl
from .base import Exporter, selected_columns
from .records import DATES_OPTION, KNOWN_COLUMNS, event_record

# What an analyst looks at first: when (and whether it is still to come), what, what kind, where,
# the toll and who reported it. A column of the default that is empty in every row is left out.
TABLE_COLUMNS = ("date", "planned", "title", "event_type", "location", "fatalities", "outlet", "document")
EMPTY_CELLS = ("", "unknown")
# Columns short enough never to wrap; the others share what the terminal has left (dates said as
# people say them, "weekend of 29-30 Oct 2016", wrap between words in a narrow terminal).
NARROW_COLUMNS = {"start", "end", "precision", "offset_start", "offset_end", "date_source", "mod", "future",
                  "planned", "latitude", "longitude", "fatalities", "modifier", "published"}
MIN_WRAPPED_WIDTH = 12


# Control characters: ESC starts terminal escape sequences (colours, cursor moves, window titles,
# links), so text from a document could rewrite what the terminal shows; C1 controls, too. And the
# direction marks (embeddings, overrides, isolates): in a terminal that lays out bidirectional text,
# one left open in a cell turns the rest of its row around, the cells of other columns with it.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def terminal_text(value: object) -> str:
    """Text on one line with nothing a terminal would act on."""
    return _CONTROL.sub("", " ".join(str(value).split()))


def _render(rows, headers, table_format, widths):
    return tabulate(rows, headers=headers, tablefmt=table_format, disable_numparse=True, maxcolwidths=widths)


def column_widths(rows: Sequence[Sequence[str]], headers: Sequence[str], table_format: str, width: int) -> list:
    """Widths (None: no wrapping) that make the table fit ``width`` characters where it can."""
    natural = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(headers)]
    # What the format adds around the cells (borders, padding), measured on one row of known widths.
    sample = _render([["x" * max(n, 1) for n in natural]], headers, table_format, None)
    overhead = max(len(line) for line in sample.splitlines()) - sum(max(n, 1) for n in natural)
    available = width - overhead
    if sum(natural) <= available:
        return [None] * len(headers)
    fixed = sum(n for n, h in zip(natural, headers) if h in NARROW_COLUMNS)
    wrapped = [i for i, h in enumerate(headers) if h not in NARROW_COLUMNS]
    if not wrapped:
        return [None] * len(headers)
    budget = max(available - fixed, MIN_WRAPPED_WIDTH * len(wrapped))
    widths: list = [None] * len(headers)
    # Give each wrapped column its share, handing back what narrow ones do not use.
    remaining = sorted(wrapped, key=lambda i: natural[i])
    while remaining:
        share = budget // len(remaining)
        i = remaining.pop(0)
        widths[i] = max(MIN_WRAPPED_WIDTH, min(natural[i], share))
        budget -= widths[i]
    return widths


def write_table(timeline: Timeline, stream: BinaryIO, options: Mapping[str, Any]) -> None:
    """The table; dates as people say them unless ``--dates iso``: the TIMEX3 codes
    (``2016-W43-WE``, ``2016-11-03TNI``) mean nothing to most readers of a terminal."""
    headers = selected_columns(options, TABLE_COLUMNS, KNOWN_COLUMNS)
    table_format = options.get("table_format") or "simple"
    dates = options.get("dates") or "human"
    documents = {d.name: d for d in timeline.documents}
    rows = []
    for event in timeline.events:
        record = event_record(event, documents, dates)
        rows.append([terminal_text(record[c]) for c in headers])
    if not options.get("columns"):
        kept = [i for i, h in enumerate(headers) if h in ("date", "title") or any(r[i] not in EMPTY_CELLS for r in rows)]
        headers = tuple(headers[i] for i in kept)
        rows = [[r[i] for i in kept] for r in rows]
    width = options.get("width") or shutil.get_terminal_size(fallback=(100, 24)).columns
    widths = column_widths(rows, headers, table_format, width)
    text = _render(rows, headers, table_format, widths if any(widths) else None)
    stream.write(text.encode("utf-8") + b"\n")


@hookimpl
def register_exporters(register):
    register(Exporter(name="table", write=write_table, suffixes=(".txt",), options=(DATES_OPTION,),
                      description="A table that fits the terminal (any tabulate format with -t, --columns)"))
