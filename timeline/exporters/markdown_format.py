"""Markdown: the chronology as a list under year headings, each event with its sources.

With ``--columns`` it is a pipe table of those columns instead.  Text from the
articles is escaped, so a sentence can never turn into a link, heading or HTML, and
only http and https addresses become links.
"""
from __future__ import annotations

import itertools
import re
from typing import Any, BinaryIO, Iterator, Mapping

from ..chronology import Timeline
from ..hookspecs import hookimpl
from ..links import web_address
from .base import Exporter, selected_columns, write_pieces
from .records import (DATES_OPTION, KNOWN_COLUMNS, bidi_isolated, display_date, event_record, printable,
                      source_references)

# Characters Markdown acts on; "&" too, or "&lt;" in a document's text would show as "<".
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~&])")
# What a link destination in <...> may not hold as it is: its brackets, and a backslash, which
# escapes the next character (a final one would escape the closing ">" and undo the link).
# Written as renderers write them into the href (markdown-it, commonmark.js: %-encoded).
_DESTINATION = str.maketrans({"<": "%3C", ">": "%3E", "\\": "%5C"})


def escape(text: Any) -> str:
    """Markdown-safe text on one line, without terminal control sequences, its direction marks
    kept to itself (see records.bidi_isolated)."""
    return _SPECIAL.sub(r"\\\1", bidi_isolated(" ".join(printable(str(text)).split())))


def _link(label: str, url: str) -> str:
    """A link when ``url`` is a web address; any other address is shown as text after the label."""
    address = web_address(url)
    if not address:
        return escape(label) + (f" ({escape(url)})" if url else "")
    # "&" escaped too: renderers read "&amp;" in a destination as "&", which would change the address.
    return f"[{escape(label)}](<{address.translate(_DESTINATION).replace('&', chr(92) + '&')}>)"


def _list(timeline: Timeline) -> Iterator[str]:
    documents = {d.name: d for d in timeline.documents}
    yield f"# {escape(timeline.title)}\n"
    year = None
    for event in timeline.events:
        if event.start.year != year:
            year = event.start.year
            yield f"\n## {year}\n\n"
        yield f"- **{escape(display_date(event))}** {escape(event.sentence)}\n"
        sources = [_link(s.title or s.publisher or s.document, s.url) for s in source_references(event, documents)]
        if sources:
            yield f"  — {'; '.join(sources)}\n"


def _table(timeline: Timeline, columns: tuple[str, ...], dates: str) -> Iterator[str]:
    documents = {d.name: d for d in timeline.documents}
    yield f"# {escape(timeline.title)}\n\n"
    yield "| " + " | ".join(columns) + " |\n"
    yield "|" + "|".join("---" for _ in columns) + "|\n"
    for event in timeline.events:
        record = event_record(event, documents, dates)
        yield "| " + " | ".join(escape(record[c]) for c in columns) + " |\n"


# The last line of every Markdown chronology: invisible when rendered, it tells a later build that
# the file is a chronology timeline wrote, not an article (an output saved among the articles).
WRITTEN_BY = "<!-- written by timeline -->\n"


def write_markdown(timeline: Timeline, stream: BinaryIO, options: Mapping[str, Any]) -> None:
    if options.get("columns"):
        pieces = _table(timeline, selected_columns(options, KNOWN_COLUMNS, KNOWN_COLUMNS), options.get("dates") or "human")
    else:
        pieces = _list(timeline)
    write_pieces(stream, itertools.chain(pieces, ("\n" + WRITTEN_BY,)))


@hookimpl
def register_exporters(register):
    register(Exporter(name="markdown", write=write_markdown, suffixes=(".md",), options=(DATES_OPTION,),
                      description="Markdown: events under year headings with their sources (--columns: a table)"))
