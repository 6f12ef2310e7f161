"""Plain text: bytes decoded in the encodings articles come in.

UTF-8 first; byte-order marks (UTF-8, UTF-16, UTF-32); UTF-16 without a mark by its zero
bytes; otherwise Windows-1252 or Latin-1, told apart by the bytes 0x80-0x9F.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from .base import NOT_ARTICLES, InputError, Reading

# Byte-order marks, longest first (the UTF-32 LE mark starts with the UTF-16 LE one).
BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32 LE (byte-order mark)"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32 BE (byte-order mark)"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8 with a byte-order mark"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16 LE (byte-order mark)"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16 BE (byte-order mark)"),
)
# Formats that are not text, by their first bytes, with what to do instead: what text read as such
# (a sidecar, say) must not be. PDF and Word files have readers of their own (see sniff).
FILE_SIGNATURES = (
    (b"%PDF", "a PDF file", "extract its text first (e.g. pdftotext)"),
    (b"PK\x03\x04", "a ZIP archive (or .docx/.odt)", "save the article as plain text"),
    *NOT_ARTICLES,
)
# Bytes 0x80-0x9F that Windows-1252 leaves undefined; in Latin-1 the whole range is control codes.
CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")
# Control characters that do not occur in text (tab, line feed, form feed, carriage return do).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_C1_BYTES = re.compile(rb"[\x80-\x9f]")


@dataclass(frozen=True)
class Decoded:
    """Text decoded from bytes, and what was assumed when it was not plain UTF-8."""

    text: str
    encoding: str
    assumed: str | None = None


def decode(data: bytes) -> Decoded:
    """Decode an input's bytes, detecting the encodings articles come in.

    UTF-8 first; byte-order marks (UTF-8, UTF-16, UTF-32); UTF-16 without a mark by
    its zero bytes; otherwise Windows-1252 or Latin-1, told apart by the bytes
    0x80-0x9F (printable in Windows-1252, control codes in Latin-1). Raises
    InputError for binary data.
    """
    for mark, encoding, label in BYTE_ORDER_MARKS:
        if data.startswith(mark):
            try:
                text = data[len(mark):].decode(encoding)
            except UnicodeDecodeError:
                raise InputError(f"starts with a {label} but is not valid {label.split()[0]}; "
                                 "save it as UTF-8") from None
            _refuse_binary(text)
            return Decoded(text, encoding, f"read as {label}")
    for signature, kind, action in FILE_SIGNATURES:
        if data.startswith(signature):
            raise InputError(f"is {kind}, not text; {action}")
    if b"\x00" in data:
        utf16 = _utf16_without_mark(data)
        if utf16 is None:
            raise InputError("is binary, not text (it contains zero bytes); convert it to plain text")
        return utf16
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        return _decode_legacy(data, error)
    _refuse_binary(text)
    return Decoded(text, "utf-8")


def _refuse_binary(text: str) -> None:
    sample = text[:65536]
    if sample and len(_CONTROL.findall(sample)) > max(2, len(sample) // 100):
        raise InputError("is binary, not text (it is full of control codes); convert it to plain text")


def _utf16_without_mark(data: bytes) -> Decoded | None:
    """UTF-16 saved without a byte-order mark: ASCII text has a zero in every other byte."""
    sample = data[:4096] if len(data) % 2 == 0 else b""
    if len(sample) < 2:
        return None
    pairs = len(sample) // 2
    for encoding, zero_at in (("utf-16-le", 1), ("utf-16-be", 0)):
        if sample[zero_at::2].count(0) >= 0.5 * pairs and sample[1 - zero_at::2].count(0) == 0:
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                return None
            _refuse_binary(text)
            return Decoded(text, encoding, f"read as {encoding.upper()} (no byte-order mark; guessed)")
    return None


def _decode_legacy(data: bytes, error: UnicodeDecodeError) -> Decoded:
    """Bytes that are not UTF-8: a cut-off last character, mostly UTF-8, or an 8-bit encoding."""
    if (error.reason == "unexpected end of data" and error.start >= len(data) - 3
            and not data[:error.start].isascii()):
        text = data.decode("utf-8", errors="replace")
        _refuse_binary(text)
        return Decoded(text, "utf-8", "read as UTF-8; its last character is cut off")
    replaced = data.decode("utf-8", errors="replace")
    bad = replaced.count("\ufffd")
    wide = sum(1 for c in replaced if c > "\x7f" and c != "\ufffd")
    if wide > 4 * bad:
        # Mostly valid UTF-8 with a few stray bytes: an 8-bit reading would garble the rest.
        _refuse_binary(replaced)
        return Decoded(replaced, "utf-8", f"read as UTF-8 with {bad} invalid byte(s) replaced by \ufffd")
    c1 = set(_C1_BYTES.findall(data))
    if c1 and not (c1 & {bytes([b]) for b in CP1252_UNDEFINED}):
        encoding, label = "cp1252", "Windows-1252"
    elif c1:
        encoding, label = "latin-1", "Latin-1 (ISO-8859-1)"
    else:
        # Without 0x80-0x9F bytes the two give the same text.
        encoding, label = "cp1252", "Windows-1252 (Latin-1)"
    text = data.decode(encoding, errors="replace")
    _refuse_binary(text)
    assumed = f"is not UTF-8; read as {label}"
    letters = sum(1 for c in text[:65536] if c.isalpha())
    accented = sum(1 for c in text[:65536] if c.isalpha() and c > "\x7f")
    if letters and accented > 0.2 * letters:
        assumed += " but much of it is not Latin script: it may be in another encoding"
    return Decoded(text, encoding, assumed + "; if letters look wrong, convert the file to UTF-8")



def read(data: bytes, name: str = "") -> list[Reading]:
    """Plain text as it is: front matter, sidecars and datelines are read by the documents layer."""
    decoded = decode(data)
    return [Reading(decoded.text, warnings=(decoded.assumed,) if decoded.assumed else ())]
