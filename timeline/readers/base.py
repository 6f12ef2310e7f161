"""What every reader returns, and the error a reader raises for a document it cannot use.

A reader takes the bytes of one file (a saved web page, a PDF, a feed, plain text) and
returns the text it read with the metadata it found in the document itself. Offsets of
events always point into ``Reading.text``, so any event can be checked by hand against
what the reader saw (``timeline text FILE`` prints it).
"""
from __future__ import annotations

from dataclasses import dataclass


# Files that are not articles (and that no reader reads), by their first bytes, with what to do instead.
NOT_ARTICLES = (
    (b"\xd0\xcf\x11\xe0", "an old Office document (.doc)", "save it as .docx or plain text"),
    (b"{\\rtf", "an RTF document", "save it as plain text or .docx"),
    (b"\x89PNG", "a PNG image", "leave it out"),
    (b"\xff\xd8\xff", "a JPEG image", "leave it out"),
    (b"GIF8", "a GIF image", "leave it out"),
    (b"\x1f\x8b", "a gzip archive", "decompress it first"),
    (b"7z\xbc\xaf", "a 7-Zip archive", "extract it first"),
    (b"Rar!", "a RAR archive", "extract it first"),
    (b"SQLite format 3\x00", "an SQLite database", "leave it out"),
)


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
