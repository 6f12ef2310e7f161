"""Markdown: the chronology as a list under year headings, each event with its sources.

With ``--columns`` it is a pipe table of those columns instead.  Text from the
articles is escaped, so a sentence can never turn into a link, heading or HTML.
"""
from __future__ import annotations

import re
from typing import Any, BinaryIO, Mapping

from ..chronology import Timeline
from ..hookspecs import hookimpl
from .base import Exporter, selected_columns
from .records import COLUMNS, display_date, event_record, source_references

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def escape(text: Any) -> str:
    """Markdown-safe text on one line."""
    return _SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def _link(label: str, url: str) -> str:
    if not url:
        return escape(label)
    return f"[{escape(label)}](<{url.replace('<', '%3C').replace('>', '%3E').replace(' ', '%20')}>)"


def _list(timeline: Timeline) -> list[str]:
    documents = {d.name: d for d in timeline.documents}
    lines = [f"# {escape(timeline.title)}", ""]
    year = None
    for event in timeline.events:
        if event.start.year != year:
            year = event.start.year
            lines += ["", f"## {year}", ""]
        sources = [_link(s.title or s.publisher or s.document, s.url) for s in source_references(event, documents)]
        lines.append(f"- **{escape(display_date(event))}** {escape(event.sentence)}")
        if sources:
            lines.append(f"  — {'; '.join(sources)}")
    return lines


def _table(timeline: Timeline, columns: tuple[str, ...]) -> list[str]:
    lines = ["| " + " | ".join(columns) + " |", "|" + "|".join("---" for _ in columns) + "|"]
    for event in timeline.events:
        record = event_record(event)
        lines.append("| " + " | ".join(escape(record[c]) for c in columns) + " |")
    return lines


def write_markdown(timeline: Timeline, stream: BinaryIO, options: Mapping[str, Any]) -> None:
    if options.get("columns"):
        lines = [f"# {escape(timeline.title)}", ""] + _table(timeline, selected_columns(options, COLUMNS, COLUMNS))
    else:
        lines = _list(timeline)
    stream.write(("\n".join(lines).replace("\n\n\n", "\n\n") + "\n").encode("utf-8"))


@hookimpl
def register_exporters(register):
    register(Exporter(name="markdown", write=write_markdown, suffixes=(".md",),
                      description="Markdown: events under year headings with their sources (--columns: a table)"))
