"""What every reader returns, and the error a reader raises for a document it cannot use.

A reader takes the bytes of one file (a saved web page, a PDF, a feed, plain text) and
returns the text it read with the metadata it found in the document itself. Offsets of
events always point into ``Reading.text``, so any event can be checked by hand against
what the reader saw (``timeline text FILE`` prints it).
"""
from __future__ import annotations

from dataclasses import dataclass


class InputError(ValueError):
    """An input that cannot be read as a document; the message says what to do, in one line
    that follows the file's name ("is a scanned PDF without text; it needs OCR first")."""


@dataclass(frozen=True)
class Reading:
    """One document as a reader found it.

    ``published`` is a partial ISO date (``2016-05-06``, optionally with ``THH:MM``) and
    ``published_from`` says where in the document it was written (``page metadata``,
    ``feed entry``, ``pdf metadata``...). Empty strings stand for what the document does not say.
    ``warnings`` are one-line messages about a document that was still read.
    """

    text: str
    title: str = ""
    source: str = ""
    url: str = ""
    published: str | None = None
    published_from: str = ""
    language: str = ""
    author: str = ""
    warnings: tuple[str, ...] = ()
