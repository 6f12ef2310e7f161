"""Readers: the text and metadata of each kind of document, chosen by its content.

``sniff`` tells a file's kind from its first bytes (a markup root, magic bytes), not from
its suffix alone; ``read`` hands the bytes to the reader of that kind. Each reader lives in
a module of its own and is imported only when a document of its kind comes, so a run over
plain text never loads an HTML or PDF library.
"""
from __future__ import annotations

import dataclasses
import importlib
import re

from .base import NOT_ARTICLES, InputError, Reading
from .markup import WIDE_MARKS

__all__ = ["InputError", "Reading", "sniff", "read", "READABLE_SUFFIXES"]

# Suffixes a folder walk takes (the content still decides how each is read).
READABLE_SUFFIXES = (".txt", ".md", ".text", ".html", ".htm", ".xhtml", ".shtml", ".mhtml", ".mht",
                     ".pdf", ".docx", ".rss", ".atom", ".xml")
# The module that reads each kind.
READERS = {"text": "text", "html": "html", "mhtml": "html", "pdf": "pdf", "docx": "word", "feed": "feed"}

_START = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*")
# How timeline marks what it writes: an HTML page's generator, a Markdown chronology's last line.
_WRITTEN_BY = re.compile(rb"<meta\s+name=[\"']generator[\"']\s+content=[\"']timeline[\"']", re.I)
_MARKDOWN_WRITTEN_BY = b"<!-- written by timeline -->"
_MARKUP = re.compile(rb"<(!doctype\s+html|html[\s>]|head[\s>]|body[\s>]|meta\s|title>)", re.I)
_FEED = re.compile(rb"<(rss[\s>]|feed[\s>][^>]*atom|rdf:RDF[\s>])", re.I)
_MHTML = re.compile(rb"\A(?:[\w-]+:[^\n]*\r?\n)*?(?:MIME-Version|Content-Type):\s*multipart/related", re.I)


def sniff(data: bytes, name: str = "") -> str:
    """The kind of a document from its bytes: ``text``, ``html``, ``mhtml``, ``pdf``, ``docx`` or
    ``feed``. Raises InputError for a file that is not an article (an image, an archive, a
    spreadsheet or a JSON file), saying what to do instead."""
    head = data[:4096]
    for mark, encoding in WIDE_MARKS:
        if head.startswith(mark):  # a page or feed saved in UTF-16 or UTF-32: its markup read as UTF-8 would be
            head = data[:4 * 4096].decode(encoding, errors="ignore").encode("utf-8")[:4096]
            break
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        start = data[:65536]
        if b"word/" in start or (b"[Content_Types].xml" in start and name.lower().endswith(".docx")):
            return "docx"
        if b"xl/" in start:
            raise InputError("is an Excel workbook, not an article; leave it out")
        raise InputError("is a ZIP archive (not a Word .docx file); extract it first")
    for signature, kind, action in NOT_ARTICLES:
        if head.startswith(signature):
            raise InputError(f"is {kind}, not an article; {action}")
    body = head[_START.match(head).end():]
    if body.startswith(b"BEGIN:VCALENDAR"):
        raise InputError("is a calendar (iCalendar), not an article; leave it out")
    if _WRITTEN_BY.search(head) or data[-256:].rstrip().endswith(_MARKDOWN_WRITTEN_BY):
        raise InputError("is a chronology timeline wrote, not an article; keep outputs apart from the articles")
    if _MHTML.match(head):
        return "mhtml"
    if body.startswith(b"<"):
        if _FEED.search(head):
            return "feed"
        if _MARKUP.search(head):
            return "html"
    if _MARKUP.match(body):
        return "html"
    if body.startswith(b"<?xml"):
        raise InputError("is an XML file that is neither a feed nor a web page; leave it out")
    lower = name.lower()
    if body[:1] in (b"{", b"[") and _is_json(data):
        why = "a saved chronology; re-export it with 'timeline export'" if b'"events"' in head else \
            "data, not an article; leave it out"
        raise InputError(f"is a JSON file: {why}")
    if lower.endswith((".csv", ".tsv")):
        raise InputError("is a spreadsheet (CSV), not an article; name it articles.csv beside the "
                         "documents to give their metadata, or leave it out")
    return "text"


def _is_json(data: bytes) -> bool:
    import json

    try:
        json.loads(data.decode("utf-8-sig"))
    except (ValueError, UnicodeDecodeError):
        return False
    return True


def read(data: bytes, name: str = "", kind: str | None = None) -> list[Reading]:
    """Every document in ``data`` (a feed holds several, other kinds one), read by the reader
    of its kind. Raises InputError when the file cannot be used."""
    kind = kind or sniff(data, name)
    module = importlib.import_module(f"{__name__}.{READERS[kind]}")
    return [without_lone_surrogates(reading) for reading in module.read(data, name)]


# Half of a UTF-16 pair on its own is no character: no UTF-8 output can hold it. Markup makes one
# from a character reference ("&#xD800;"): a feed read leniently keeps it, so does a PDF's text.
LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")
NOT_UNICODE = ("holds character references that are no characters (lone UTF-16 surrogates); "
               "they are shown as \ufffd")


def without_lone_surrogates(reading: Reading) -> Reading:
    """``reading`` with each lone surrogate in its text and metadata made U+FFFD (one character for
    one, so offsets into the text still hold), and a warning when there was one."""
    fields = {field.name: getattr(reading, field.name) for field in dataclasses.fields(reading)
              if isinstance(getattr(reading, field.name), str)}
    if not any(LONE_SURROGATE.search(value) for value in fields.values()):
        return reading
    changed = {name: LONE_SURROGATE.sub("\ufffd", value) for name, value in fields.items()}
    return dataclasses.replace(reading, **changed, warnings=(*reading.warnings, NOT_UNICODE))
