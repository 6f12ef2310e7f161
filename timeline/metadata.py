"""The metadata of a document: its title, source, address, publication date and language.

Metadata comes from three places, weakest first: a sidecar CSV in the document's
folder (``articles.csv`` or ``metadata.csv``, one row per file, keyed by the ``file``
column), front matter at the top of the file (a ``---`` block of ``key: value``
lines), and values given on the command line (``--published``), which override.
"""
from __future__ import annotations

import csv
import datetime
import io
import re
from pathlib import Path

from .documents import Document, Problem
from .links import address_problem
from .readers import Reading
from .readers.base import InputError
from .readers.dateline import find_dateline
from .readers.text import Decoded, decode
from .temporal.values import DATE_TIME

METADATA_FIELDS = ("title", "source", "url", "published", "language")

# A publication date: a year, a year and month, a day, optionally a time (the value grammar's).
PUBLISHED_PATTERN = DATE_TIME


class MetadataError(ValueError):
    pass


# Metadata written on one line in every output (a calendar's property, a table's cell).
ONE_LINE_FIELDS = ("title", "source", "url", "language", "author")
# The longest value each one-line field may have. Every output repeats a document's title, outlet
# and url beside each of its events: a page whose og:title held a megabyte would make outputs of a
# gigabyte. No headline or outlet is this long; an address this long is no link (browsers and
# Excel give up near 2,000 characters) and, cut, would be a wrong one, so it is left out.
FIELD_LIMITS = {"title": 1000, "source": 300, "author": 300, "language": 35, "url": 4096}
# Control characters, line and paragraph separators: none belongs in a one-line field.
_NOT_ONE_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
# Publication dates a calendar, a spreadsheet and date arithmetic can all hold.
PUBLISHED_YEARS = (1000, 2999)


def on_one_line(value: str) -> str:
    """``value`` with each run of control characters and line breaks made one space."""
    return _NOT_ONE_LINE.sub(" ", value).strip() if _NOT_ONE_LINE.search(value) else value


def normalise_published(value: str | None) -> str | None:
    """Return a partial ISO date from a user's value, or raise MetadataError."""
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    match = PUBLISHED_PATTERN.match(value)
    if not match:
        raise MetadataError(
            f"publication date {value!r} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)"
        )
    parts = [int(p) for p in match["date"].split("-")]
    if not PUBLISHED_YEARS[0] <= parts[0] <= PUBLISHED_YEARS[1]:
        raise MetadataError(f"publication date {value!r} is not between the years {PUBLISHED_YEARS[0]} and "
                            f"{PUBLISHED_YEARS[1]}")
    if len(parts) >= 2 and not 1 <= parts[1] <= 12:
        raise MetadataError(f"publication date {value!r} has no month {parts[1]}")
    if len(parts) == 3:
        try:
            datetime.date(*parts)
        except ValueError as error:
            raise MetadataError(f"publication date {value!r}: {error}") from None
    if match["time"]:
        hour, minute = int(match["time"][:2]), int(match["time"][3:5])
        if hour > 23 or minute > 59:
            raise MetadataError(f"publication date {value!r} has no time {match['time']}")
        return f"{match['date']}T{match['time']}"
    return match["date"]


def split_front_matter(text: str) -> tuple[dict[str, str], int]:
    """Parse a leading ``---`` block of ``key: value`` lines.

    Returns the metadata and the offset where the body starts (0 when there is
    no front matter). Indented lines and ``- item`` lines continue the value of the
    key above them (YAML lists), comments start with ``#``. Raises MetadataError
    when the block is not closed or a line is not ``key: value``.
    """
    if not text.startswith("---"):
        return {}, 0
    first_newline = text.find("\n")
    if first_newline < 0 or text[:first_newline].strip() != "---":
        return {}, 0
    # Values as lists of parts, joined once at the end: a long YAML list grows in linear time.
    metadata: dict[str, list[str]] = {}
    key = None
    position = first_newline + 1
    number = 1
    while position < len(text):
        end = text.find("\n", position)
        line_end = len(text) if end < 0 else end
        line = text[position:line_end].rstrip("\r")
        next_position = line_end + 1
        number += 1
        if line.strip() in ("---", "..."):
            return {name: ", ".join(filter(None, parts)) for name, parts in metadata.items()}, min(next_position, len(text))
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            if key is not None and (line[:1].isspace() or stripped.startswith("- ")):
                item = stripped[2:] if stripped.startswith("- ") else stripped
                metadata[key].append(_unquote(item))
            else:
                name, colon, value = line.partition(":")
                if not colon or not name.strip() or " " in name.strip():
                    if not re.search(r"^(---|\.\.\.)[ \t]*\r?$", text[position:], re.MULTILINE):
                        break
                    raise MetadataError(
                        f"front matter line {number} ({stripped[:40]!r}) is not 'key: value'; "
                        "fix it or remove the front matter"
                    )
                key = name.strip().lower()
                metadata[key] = [_unquote(value.strip())]
        position = next_position
    raise MetadataError("front matter opened with '---' is never closed; add a '---' line after it")


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value


def read_sidecar(
    path: Path, problems: list[Problem] | None = None, lines: dict[str, int] | None = None
) -> dict[str, dict[str, str]]:
    """Read a metadata CSV: a ``file`` column and any of the metadata fields.

    A bad row (a bad date, too many fields, no file name, a second row for a file)
    is left out with a Problem naming the file and line; the other rows are kept (and
    the line of each, by file name, put in ``lines``).
    Comma, semicolon and tab separated files are read (spreadsheets write all three),
    in any encoding ``decode`` detects. Raises MetadataError when the sidecar cannot
    be used at all.
    """
    problems = problems if problems is not None else []
    decoded = _decode_sidecar(path, problems)
    header = decoded.text.split("\n", 1)[0]
    delimiter = next(
        (d for d in ",;\t" if "file" in (c.strip().strip('"').lower() for c in header.split(d))), None
    )
    if delimiter is None:
        raise MetadataError(
            "a metadata sidecar needs a 'file' column (and any of "
            f"{', '.join(METADATA_FIELDS)}); the sidecar is ignored"
        )
    reader = csv.reader(io.StringIO(decoded.text, newline=""), delimiter=delimiter)
    rows: dict[str, dict[str, str]] = {}
    first_line = lines if lines is not None else {}
    try:
        columns = [c.strip().lower() for c in next(reader)]
    except csv.Error as error:
        raise MetadataError(f"its header cannot be read ({error}); the sidecar is ignored") from None
    while True:
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as error:  # e.g. a field over the size limit: the reader goes on after it
            problems.append(Problem(f"{path}:{reader.line_num}", f"{error}; row ignored"))
            continue
        line = reader.line_num
        if not any(v.strip() for v in values):
            continue
        where = f"{path}:{line}"
        if len(values) > len(columns):
            problems.append(Problem(where, f"has {len(values)} fields but the header has "
                                    f"{len(columns)}; row ignored (quote values that contain "
                                    f"{'commas' if delimiter == ',' else 'the separator'})"))
            continue
        row = {c: v.strip() for c, v in zip(columns, values) if c}
        name = row.get("file", "")
        if not name:
            problems.append(Problem(where, "has no file name; row ignored"))
            continue
        if name in rows:
            problems.append(Problem(where, f"is a second row for {name!r} (the first is on line "
                                    f"{first_line[name]}); this one is ignored"))
            continue
        try:
            row["published"] = normalise_published(row.get("published") or row.get("date")) or ""
        except MetadataError as error:
            problems.append(Problem(where, f"{error}; row ignored, fix the date"))
            continue
        row.pop("date", None)
        rows[name] = row
        first_line[name] = line
    return rows


def _decode_sidecar(path: Path, problems: list[Problem]) -> Decoded:
    """A sidecar's text. A line holding a zero byte (a spreadsheet's stray binary) is left out
    with a Problem, blank, so that line numbers still match; the other rows are kept."""
    data = path.read_bytes()
    try:
        decoded = decode(data)
    except InputError as error:
        lines = data.split(b"\n")
        zero = [number for number, line in enumerate(lines, 1) if b"\x00" in line]
        if not zero or len(zero) * 2 > len(lines):
            raise MetadataError(f"{error}; the sidecar is ignored") from None
        for number in zero:
            problems.append(Problem(f"{path}:{number}", "holds a zero byte (binary data); row ignored"))
        try:
            decoded = decode(b"\n".join(b"" if b"\x00" in line else line for line in lines))
        except InputError as error:
            raise MetadataError(f"{error}; the sidecar is ignored") from None
    if decoded.assumed:
        problems.append(Problem(str(path), decoded.assumed, skipped=False))
    return decoded


def make_document(
    name: str,
    text: str,
    *,
    path: str | None = None,
    sidecar_row: dict[str, str] | None = None,
    overrides: dict[str, str | None] | None = None,
    reading: Reading | None = None,
    warnings: list[str] | None = None,
) -> Document:
    """Combine text and metadata, strongest last: what the reader found in the document
    (``reading``), the sidecar row, front matter and the overrides; a dateline in the
    text's first lines dates the document when none of them does. What the user should know
    about the metadata (a one-line field holding line breaks, a url that will not be a link) is
    appended to ``warnings``."""
    origins = [("metadata", {k: v for k, v in _reading_metadata(reading).items() if v}),
               ("sidecar", {k: v for k, v in (sidecar_row or {}).items() if v != ""})]
    front, body_start = split_front_matter(text)
    if "date" in front and "published" not in front:
        front["published"] = front.pop("date")
    origins.append(("front matter", front))
    origins.append(("command line", {k: v for k, v in (overrides or {}).items() if v is not None}))
    metadata: dict[str, str] = {}
    published_from = None
    for origin, values in origins:
        metadata.update(values)
        if values.get("published") or values.get("date"):
            published_from = reading.published_from if origin == "metadata" and reading else origin
    if body_start:
        # Keep offsets meaningful: the document text is the body after the front matter.
        text = text[body_start:]
    for key in ONE_LINE_FIELDS:
        value = metadata.get(key)
        if value and on_one_line(value) != value:
            metadata[key] = on_one_line(value)
            if warnings is not None:
                warnings.append(f"its {key} {value[:60]!r} holds line breaks or control characters; "
                                "they were made spaces")
        value = metadata.get(key)
        if value and len(value) > FIELD_LIMITS[key]:
            metadata[key] = "" if key == "url" else value[:FIELD_LIMITS[key] - 1] + "…"
            if warnings is not None:
                done = "it is left out" if key == "url" else "it was cut"
                warnings.append(f"its {key} {value[:60]!r}... is {len(value):,} characters long, more than "
                                f"a {key} holds ({FIELD_LIMITS[key]:,}); {done}")
    published = normalise_published(metadata.get("published") or metadata.get("date"))
    if published is None:
        dateline = find_dateline(text, language=metadata.get("language") or "")
        if dateline is not None:
            published, published_from = dateline.published, "dateline"
    extra = tuple(
        (k, v) for k, v in metadata.items() if k not in METADATA_FIELDS and k not in ("file", "date")
    )
    url_problem = address_problem(metadata.get("url"))
    if url_problem and warnings is not None:
        warnings.append(url_problem)
    return Document(
        name=name,
        text=text,
        title=metadata.get("title", ""),
        source=metadata.get("source", ""),
        url=metadata.get("url", ""),
        published=published,
        language=metadata.get("language") or "en",
        path=path,
        extra=extra,
        published_from=published_from if published else None,
    )


def _reading_metadata(reading: Reading | None) -> dict[str, str]:
    if reading is None:
        return {}
    return {"title": reading.title, "source": reading.source, "url": reading.url,
            "published": reading.published or "", "language": reading.language, "author": reading.author}
