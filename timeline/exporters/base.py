"""What an exporter is: a named format that writes a Timeline to a byte stream."""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from typing import Any, BinaryIO, Callable, Iterable, Mapping

from .. import collector
from ..chronology import Timeline

WriteFunction = Callable[[Timeline, BinaryIO, Mapping[str, Any]], None]

FORMAT_NAME = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")


class ExportError(Exception):
    """A request the format cannot honour (an unknown column, say): the user's mistake, not a bug."""


@dataclass(frozen=True)
class Exporter:
    """An output format.

    ``write(timeline, stream, options)`` writes the whole output as bytes.
    ``suffixes`` are the file endings that select this format from ``-o``.
    ``binary`` formats are never written to a terminal; without ``-o`` they go
    to ``exports/timeline<suffix>``.  ``options`` are ``click.Option`` objects the
    format adds to ``timeline build`` and ``timeline export``; their values reach
    ``write`` in ``options`` under the option's parameter name.
    """

    name: str
    write: WriteFunction
    suffixes: tuple[str, ...] = ()
    description: str = ""
    binary: bool = False
    options: tuple[Any, ...] = field(default=())

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not FORMAT_NAME.match(self.name):
            raise ValueError(f"format name {self.name!r} must be lower-case letters, digits, '.', '_' or '-'")
        if not callable(self.write):
            raise ValueError(f"format {self.name!r}: write must be callable")
        if isinstance(self.suffixes, str):
            raise ValueError(f"format {self.name!r}: suffixes must be a tuple such as ('.md',), not a string")
        for suffix in self.suffixes:
            if not suffix.startswith("."):
                raise ValueError(f"format {self.name!r}: suffix {suffix!r} must start with '.'")


def report(options: Mapping[str, Any], message: str) -> None:
    """Tell the user something about the export (on stderr unless the caller routes it elsewhere)."""
    sink = options.get("report")
    if callable(sink):
        sink(message)
    else:
        print(message, file=sys.stderr)


def selected_columns(options: Mapping[str, Any], default: tuple[str, ...], known: tuple[str, ...]) -> tuple[str, ...]:
    """The columns chosen with ``--columns`` (comma separated), or ``default``."""
    chosen = options.get("columns")
    if not chosen:
        return default
    if isinstance(chosen, str):
        chosen = [c.strip() for c in chosen.split(",") if c.strip()]
    unknown = [c for c in chosen if c not in known]
    if unknown:
        raise ExportError(f"unknown column {', '.join(map(repr, unknown))}; columns are: {', '.join(known)}")
    return tuple(chosen)


def write_pieces(stream: BinaryIO, pieces: Iterable[str], batch: int = 2000) -> None:
    """Write text pieces as UTF-8 in batches: outputs of any size with flat memory and few writes."""
    buffered: list[str] = []
    for piece in pieces:
        buffered.append(piece)
        if len(buffered) >= batch:
            stream.write("".join(buffered).encode("utf-8"))
            buffered.clear()
    if buffered:
        stream.write("".join(buffered).encode("utf-8"))


def write_timeline(exporter: Exporter, timeline: Timeline, stream: BinaryIO, options: Mapping[str, Any]) -> None:
    """Write ``timeline`` with ``exporter``.

    The chronology lives until the write ends, so it is moved out of the garbage
    collector's sight meanwhile: otherwise every collection triggered by the
    exporter's short-lived objects walks all the events again, a large share of the time
    of a large export.
    """
    with collector.frozen():
        exporter.write(timeline, stream, options)
