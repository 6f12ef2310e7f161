"""Documents and the problems met reading them: the plain data that reading hands on.

Inputs are found and read by timeline.inputs, their metadata by timeline.metadata; the public
names of both can be imported from here too.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Document:
    """One article: its text (as read, unchanged) and its metadata.

    ``name`` is what messages and exports call the document (the file name, its
    path inside a folder given on the command line, or ``<stdin>``); ``path`` is where
    it was read from, if anywhere. ``published`` is the document creation time as a
    partial ISO date (``2016-05-06``, ``2017-04``) or None when unknown, and
    ``published_from`` says where it was found (``command line``, ``sidecar``, ``front matter``,
    the document's own metadata such as ``page metadata``, or ``dateline``).
    """

    name: str
    text: str
    title: str = ""
    source: str = ""
    url: str = ""
    published: str | None = None
    language: str = "en"
    path: str | None = None
    extra: tuple[tuple[str, str], ...] = ()
    published_from: str | None = None
    content_hash: str = ""  # of what its events follow from (see timeline.identity), once processed

    def metadata(self) -> dict[str, str | None]:
        return {
            "name": self.name,
            "title": self.title,
            "source": self.source,
            "url": self.url,
            "published": self.published,
            "published_from": self.published_from,
            "language": self.language,
            **dict(self.extra),
        }


@dataclass(frozen=True)
class Problem:
    """Something wrong with one input; the run reports it and goes on.

    ``skipped`` is True when the input (a document, or a sidecar row) was left out,
    False for a warning about an input that was still read (e.g. an assumed encoding).
    """

    name: str
    message: str
    skipped: bool = True

    def __str__(self) -> str:
        return one_line(readable_name(f"{self.name}: {self.message}"))


# C0 and C1 control characters and the line and paragraph separators: each breaks a line somewhere
# (U+0085, U+2028 and U+2029 for Python's splitlines and many terminals and editors). And the
# direction marks: an override or isolate left open in a file name ("\u202etxt.exe") turns the rest
# of the line around, so that the name and the message after it read as something else.
_DIRECTION_MARKS = (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))
_ESCAPED = {code: ascii(chr(code))[1:-1] for code in (*range(32), *range(127, 160), 0x2028, 0x2029, *_DIRECTION_MARKS)}


def one_line(message: str) -> str:
    """A message with its control characters, line separators and direction marks escaped (a file
    name may hold a line break), so that it is one line on the terminal, read in the order it is
    written: each problem is one line."""
    return message.translate(_ESCAPED)


def readable_name(name: str) -> str:
    """A file name as text every output can write: the bytes of a name that are not UTF-8 (a
    name from a Windows archive), which Python keeps as lone surrogates, become U+FFFD."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


# The public names of reading, importable from here (where they were once defined) as from their modules.
_MOVED = {
    **dict.fromkeys(("METADATA_FIELDS", "PUBLISHED_PATTERN", "MetadataError", "ONE_LINE_FIELDS", "PUBLISHED_YEARS",
                     "on_one_line", "normalise_published", "split_front_matter", "read_sidecar", "make_document"),
                    "timeline.metadata"),
    **dict.fromkeys(("SIDECAR_NAMES", "DOCUMENT_SUFFIXES", "UNUSED_ROWS_LISTED", "DEFAULT_MAX_SIZE", "Input",
                     "find_inputs", "read_bytes", "input_bytes", "read_input", "Source", "find_sources",
                     "read_documents"), "timeline.inputs"),
    **dict.fromkeys(("Decoded", "decode"), "timeline.readers.text"),
    "InputError": "timeline.readers.base",
}


def __getattr__(name):
    """The names that moved to timeline.metadata and timeline.inputs, imported when first asked for
    (they import this module: importing them up front would be a cycle)."""
    if name in _MOVED:
        import importlib

        return getattr(importlib.import_module(_MOVED[name]), name)
    raise AttributeError(f"module 'timeline.documents' has no attribute {name!r}")
