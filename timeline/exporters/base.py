"""What an exporter is: a named format that writes a Timeline to a byte stream."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, BinaryIO, Callable

from ..chronology import Timeline

WriteFunction = Callable[[Timeline, BinaryIO, dict[str, Any]], None]


@dataclass(frozen=True)
class Exporter:
    """An output format.

    ``write(timeline, stream, options)`` writes the whole output as bytes.
    ``suffixes`` are the file endings that select this format from ``-o``.
    ``binary`` formats are never written to a terminal; without ``-o`` they go
    to ``exports/timeline<suffix>``.  ``options`` are click options the format
    adds to ``timeline build`` and ``timeline export``.
    """

    name: str
    write: WriteFunction
    suffixes: tuple[str, ...] = ()
    description: str = ""
    binary: bool = False
    options: tuple[Any, ...] = field(default=())
