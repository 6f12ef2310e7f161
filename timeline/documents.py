"""Reading documents: files, folders and standard input, with their metadata.

Metadata comes from three places, weakest first: a sidecar CSV in the document's
folder (``articles.csv`` or ``metadata.csv``, one row per file, keyed by the ``file``
column), front matter at the top of the file (a ``---`` block of ``key: value``
lines), and values given on the command line (``--published``), which override.

Bad input never stops a run: each input that cannot be used becomes a ``Problem``
naming the file and what to do, and reading goes on with the next one.
"""
from __future__ import annotations

import csv
import datetime
import io
import os
import re
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable, Iterator

from .readers import READABLE_SUFFIXES, Reading, read as read_kind
from .readers.base import InputError
from .readers.dateline import find_dateline
from .readers.text import Decoded, decode  # noqa: F401 (part of this module's interface)

SIDECAR_NAMES = ("articles.csv", "metadata.csv")
# What a folder walk takes: every kind a reader reads (the content still decides how).
DOCUMENT_SUFFIXES = READABLE_SUFFIXES
METADATA_FIELDS = ("title", "source", "url", "published", "language")
# Articles are kilobytes; a larger input is almost always a dump or a wrong file, and
# would hold the whole run up (the pipeline needs the whole text of a document at once).
DEFAULT_MAX_SIZE = 10 * 1024 * 1024

# A publication date: a year, a year and month, a day, optionally a time (seconds,
# fractions and a time zone are accepted; the zone is dropped, dates are calendar days).
PUBLISHED_PATTERN = re.compile(
    r"^(?P<date>\d{4}(?:-\d{2}(?:-\d{2})?)?)"
    r"(?:[T ](?P<time>\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?$"
)

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


_ESCAPED = {code: repr(chr(code))[1:-1] for code in (*range(32), 127)}


def one_line(message: str) -> str:
    """A message with its control characters escaped (a file name may hold a line break), so
    that it is one line on the terminal: each problem is one line."""
    return message.translate(_ESCAPED)


class MetadataError(ValueError):
    pass


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
    try:
        decoded = decode(path.read_bytes())
    except InputError as error:
        raise MetadataError(f"{error}; the sidecar is ignored") from None
    if decoded.assumed:
        problems.append(Problem(str(path), decoded.assumed, skipped=False))
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
    try:
        columns = [c.strip().lower() for c in next(reader)]
        rows: dict[str, dict[str, str]] = {}
        first_line = lines if lines is not None else {}
        for values in reader:
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
    except csv.Error as error:
        problems.append(Problem(f"{path}:{reader.line_num}", f"{error}; the rest of the sidecar is ignored"))
    return rows


@dataclass(frozen=True)
class Input:
    """One input to read: a file (with the name documents call it by) or ``-``; ``listed``
    when it was found by listing a folder (whose every document is then an input)."""

    path: Path | None
    name: str
    listed: bool = False


def find_inputs(paths: Iterable[str], problems: list[Problem] | None = None) -> Iterator[Input]:
    """Expand folders into their documents (recursively, sorted); keep ``-``.

    A document found in a folder is named by its path inside that folder, so
    ``a/1.txt`` and ``b/1.txt`` stay apart; a file given directly by its file name.
    A folder that cannot be listed is passed over, with a Problem in ``problems``.
    """
    for raw in paths:
        if raw == "-":
            yield Input(None, "<stdin>")
            continue
        path = Path(raw)
        if path.is_dir():
            unlisted: list[tuple[str, OSError]] = []
            inside = sorted(_documents_inside(raw, unlisted=unlisted))
            for folder, error in unlisted if problems is not None else ():
                problems.append(Problem(folder, _unlisted(error)))  # one by one: a report may print each
            for parts in inside:
                yield Input(path.joinpath(*parts), readable_name("/".join(parts)), listed=True)
        else:
            yield Input(path, readable_name(path.name))


def readable_name(name: str) -> str:
    """A file name as text every output can write: the bytes of a name that are not UTF-8 (a
    name from a Windows archive), which Python keeps as lone surrogates, become U+FFFD."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _unlisted(error: OSError) -> str:
    if isinstance(error, PermissionError):
        why, fix = "permission denied", "check its permissions"
    else:
        why, fix = error.strerror or str(error), "check the folder"
    return f"is a folder that cannot be listed ({why}); the documents in it are left out, {fix}"


def _documents_inside(folder: str, unlisted: list[tuple[str, OSError]] | None = None) -> Iterator[tuple[str, ...]]:
    """The path inside ``folder`` (as parts) of each document file below it, at any depth (in no
    set order); each folder that cannot be listed is added to ``unlisted`` with why.

    Like Path.rglob, it lists links to files but does not enter links to folders (which may
    loop); a link to nothing is listed, for reading it to say so. os.scandir knows each
    entry's type without asking the file system again, and parts sort as paths do ("a/b"
    before "a-b/c"), more quickly than Path objects (24,520 files: 0.18 s). Folders wait
    in a list, not in nested calls: a tree deeper than Python's recursion limit is listed too.
    """
    waiting: list[tuple[str, ...]] = [()]
    while waiting:
        parts = waiting.pop()
        where = os.path.join(folder, *parts)
        try:
            with os.scandir(where) as entries:
                found = [(entry.name, _is(entry.is_dir, follow_symlinks=False),
                          _is(entry.is_file) or _is(entry.is_symlink) and not os.path.exists(entry.path))
                         for entry in entries]
        except OSError as error:
            if unlisted is not None:
                unlisted.append((where, error))
            continue
        for name, is_folder, is_file in found:
            if is_folder:
                waiting.append((*parts, name))
            elif is_file and os.path.splitext(name)[1].lower() in DOCUMENT_SUFFIXES:
                yield (*parts, name)


def _is(test, **options) -> bool:
    try:
        return test(**options)
    except OSError:  # e.g. a link that cannot be followed
        return False


def make_document(
    name: str,
    text: str,
    *,
    path: str | None = None,
    sidecar_row: dict[str, str] | None = None,
    overrides: dict[str, str | None] | None = None,
    reading: Reading | None = None,
) -> Document:
    """Combine text and metadata, strongest last: what the reader found in the document
    (``reading``), the sidecar row, front matter and the overrides; a dateline in the
    text's first lines dates the document when none of them does."""
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
    published = normalise_published(metadata.get("published") or metadata.get("date"))
    if published is None:
        dateline = find_dateline(text)
        if dateline is not None:
            published, published_from = dateline.published, "dateline"
    extra = tuple(
        (k, v) for k, v in metadata.items() if k not in METADATA_FIELDS and k not in ("file", "date")
    )
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


def read_bytes(path: Path, max_size: int | None = DEFAULT_MAX_SIZE) -> bytes:
    """The bytes of a file, never more than ``max_size`` of them (None: no limit)."""
    with open(path, "rb") as handle:
        if not max_size:
            data = handle.read()
        else:
            # Asking for max_size + 1 bytes at once sets that much memory aside for every file, a
            # cost larger than reading a short article: ask for what its size says, then read on
            # if there is more (a file that grew, or one whose size is not known, like a pipe).
            size = os.fstat(handle.fileno()).st_size
            data = handle.read(min(size, max_size) + 1)
            if len(data) > size:
                data += handle.read(max_size + 1 - len(data))
    if max_size and len(data) > max_size:
        raise InputError(_too_large(path.stat().st_size if path.is_file() else len(data), max_size))
    return data


def _too_large(size: int, max_size: int) -> str:
    return (f"is {_megabytes(size)}, more than the {_megabytes(max_size)} limit; split it into "
            "articles, or raise the limit with --max-size")


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


def input_bytes(item: Input, max_size: int | None = DEFAULT_MAX_SIZE) -> bytes:
    """The bytes of one input; raise InputError saying what to do when it cannot be read."""
    if item.path is None:
        stream = sys.stdin.buffer
        data = stream.read(-1 if not max_size else max_size + 1)
        if max_size and len(data) > max_size:
            raise InputError(f"is more than the {_megabytes(max_size)} limit; raise it with --max-size")
        return data
    try:
        return read_bytes(item.path, max_size)
    except FileNotFoundError:
        if item.path.is_symlink():
            raise InputError(f"is a link to {os.readlink(item.path)}, which does not exist; "
                             "fix or remove the link") from None
        raise InputError("no such file or folder; check the path") from None
    except IsADirectoryError:
        raise InputError("is a folder that cannot be listed; check the path") from None
    except PermissionError:
        raise InputError("cannot be read (permission denied); check its permissions") from None
    except OSError as error:
        raise InputError(f"cannot be read ({error.strerror or error}); check the file") from None


def read_input(item: Input, max_size: int | None = DEFAULT_MAX_SIZE) -> list[Reading]:
    """Read one input with the reader of its kind; raise InputError saying what to do when it
    cannot be used. A feed gives one Reading per entry, every other kind one."""
    data = input_bytes(item, max_size)
    if not data:
        raise InputError("is empty")
    readings = read_kind(data, item.name)
    if not any(r.text.strip() for r in readings):
        raise InputError("holds no text, only blank space")
    return readings


@dataclass(frozen=True)
class Source:
    """A document still to be read: where it is, its name, and the metadata known
    before reading it. Small and picklable, so a worker process can read it."""

    input: Input
    sidecar_row: tuple[tuple[str, str], ...] = ()
    overrides: tuple[tuple[str, str], ...] = ()
    max_size: int | None = DEFAULT_MAX_SIZE

    @property
    def label(self) -> str:
        return "<stdin>" if self.input.path is None else str(self.input.path)

    def read(self) -> tuple[tuple[Document, ...], tuple[Problem, ...]]:
        """The documents in this input (none when it cannot be used; a feed holds several)
        and the problems met reading them."""
        try:
            readings = read_input(self.input, self.max_size)
        except InputError as error:
            return (), (Problem(self.label, str(error)),)
        documents: list[Document] = []
        problems: list[Problem] = []
        several = len(readings) > 1
        for number, reading in enumerate(readings, 1):
            name = f"{self.input.name}#{number}" if several else self.input.name
            label = f"{self.label}#{number}" if several else self.label
            problems.extend(Problem(label, warning, skipped=False) for warning in reading.warnings)
            if not reading.text.strip():
                problems.append(Problem(label, "holds no text"))
                continue
            try:
                documents.append(make_document(
                    name,
                    reading.text,
                    path=None if self.input.path is None else str(self.input.path),
                    sidecar_row=dict(self.sidecar_row) if not several else None,
                    overrides=dict(self.overrides),
                    reading=reading,
                ))
            except MetadataError as error:
                problems.append(Problem(label, str(error)))
        return tuple(documents), tuple(problems)


def find_sources(
    paths: Iterable[str],
    *,
    published: str | None = None,
    problems: list[Problem] | None = None,
    max_size: int | None = DEFAULT_MAX_SIZE,
) -> Iterator[Source]:
    """Each input with its sidecar metadata, not yet read; sidecar problems go to ``problems``.

    Once every input is given, a sidecar row that no document of its folder used (a typo in
    a file name leaves a document without its date) is a warning, when the whole folder was read.
    """
    problems = problems if problems is not None else []
    overrides = (("published", normalise_published(published)),) if published else ()
    sidecars: dict[Path, _Sidecar] = {}
    for item in _each_input(paths, problems):
        sidecar_row: dict[str, str] = {}
        if item.path is not None:
            folder = item.path.parent
            if folder not in sidecars:
                sidecars[folder] = _folder_sidecar(folder, problems)
            sidecar = sidecars[folder]
            sidecar_row = sidecar.rows.get(item.path.name, {})
            sidecar.used.add(item.path.name)
            sidecar.listed = sidecar.listed or item.listed
        yield Source(item, tuple(sidecar_row.items()), overrides, max_size)
    for folder, sidecar in sidecars.items():
        for name in sidecar.rows if sidecar.listed else ():
            if name not in sidecar.used:
                problems.append(Problem(f"{sidecar.path}:{sidecar.lines[name]}", _unused_row(name, folder),
                                        skipped=False))


def _unused_row(name: str, folder: Path) -> str:
    if os.path.splitext(name)[1].lower() not in DOCUMENT_SUFFIXES:
        why = "which is not a kind of document timeline reads"
    else:
        why = f"which is not a document in {folder}"
    return f"is a row for {name!r}, {why}; its metadata is used by no document (check the file name)"


@dataclass
class _Sidecar:
    """A folder's metadata rows (by file name), where each came from, and which were used."""

    path: Path | None = None
    rows: dict[str, dict[str, str]] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)
    listed: bool = False  # whether the folder's documents were found by listing it


def _each_input(paths: Iterable[str], problems: list[Problem]) -> Iterator[Input]:
    """Each input once: a file reached twice (named, and inside a folder also named) is read once."""
    seen: set[str] = set()
    for raw in paths:
        found = False
        reported = len(problems)
        for item in find_inputs([raw], problems):
            found = True
            if item.path is not None:
                where = os.path.realpath(item.path)
                if where in seen:
                    continue
                seen.add(where)
            yield item
        if not found and len(problems) == reported:
            problems.append(Problem(raw, "is a folder without any document timeline reads (text, web pages, "
                                    "PDF, Word, feeds); check the path"))


def read_documents(
    paths: Iterable[str],
    *,
    published: str | None = None,
    problems: list[Problem] | None = None,
    max_size: int | None = DEFAULT_MAX_SIZE,
) -> Iterator[Document]:
    """Yield each readable document; append a Problem for each one that is not.

    Documents are read one at a time, as they are asked for, so a large corpus is
    never held in memory. Warnings (an assumed encoding) are Problems with
    ``skipped=False``; the document is still yielded.
    """
    problems = problems if problems is not None else []
    for source in find_sources(paths, published=published, problems=problems, max_size=max_size):
        documents, found = source.read()
        problems.extend(found)
        yield from documents


def _folder_sidecar(folder: Path, problems: list[Problem]) -> _Sidecar:
    for sidecar_name in SIDECAR_NAMES:
        sidecar = folder / sidecar_name
        if sidecar.is_file():
            lines: dict[str, int] = {}
            try:
                return _Sidecar(sidecar, read_sidecar(sidecar, problems, lines), lines)
            except MetadataError as error:
                problems.append(Problem(str(sidecar), str(error)))
            except OSError as error:
                problems.append(Problem(str(sidecar), f"cannot be read ({error.strerror}); "
                                        "the sidecar is ignored"))
            return _Sidecar()
    return _Sidecar()


def with_published(document: Document, published: str | None) -> Document:
    return replace(document, published=normalise_published(published))
