"""Reading documents: files, folders and standard input, with their metadata.

Metadata comes from three places, weakest first: a sidecar CSV in the document's
folder (``articles.csv`` or ``metadata.csv``, one row per file, keyed by the ``file``
column), front matter at the top of the file (a ``---`` block of ``key: value``
lines), and values given on the command line (``--published``), which override.
"""
from __future__ import annotations

import csv
import re
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable, Iterator

SIDECAR_NAMES = ("articles.csv", "metadata.csv", "timeline.csv")
DOCUMENT_SUFFIXES = (".txt", ".md")
METADATA_FIELDS = ("title", "source", "url", "published", "language")

# A publication date: a year, a year and month, a day, optionally a time.
PUBLISHED_PATTERN = re.compile(r"^\d{4}(-\d{2}(-\d{2}([T ]\d{2}:\d{2}(:\d{2})?)?)?)?$")


@dataclass(frozen=True)
class Document:
    """One article: its text (as read, unchanged) and its metadata.

    ``name`` is what messages and exports call the document (the file name,
    or ``<stdin>``); ``path`` is where it was read from, if anywhere.
    ``published`` is the document creation time as a partial ISO date
    (``2016-05-06``, ``2017-04``) or None when unknown.
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

    def metadata(self) -> dict[str, str | None]:
        return {
            "name": self.name,
            "title": self.title,
            "source": self.source,
            "url": self.url,
            "published": self.published,
            "language": self.language,
            **dict(self.extra),
        }


@dataclass(frozen=True)
class Problem:
    """Something wrong with one input; the run reports it and goes on."""

    name: str
    message: str

    def __str__(self) -> str:
        return f"{self.name}: {self.message}"


class MetadataError(ValueError):
    pass


def normalise_published(value: str | None) -> str | None:
    """Return a partial ISO date from a user's value, or raise MetadataError."""
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    if not PUBLISHED_PATTERN.match(value):
        raise MetadataError(
            f"publication date {value!r} is not an ISO date (YYYY, YYYY-MM, YYYY-MM-DD)"
        )
    date_part = value[:10]
    parts = [int(p) for p in date_part.split("-")]
    if len(parts) >= 2 and not 1 <= parts[1] <= 12:
        raise MetadataError(f"publication date {value!r} has no month {parts[1]}")
    if len(parts) == 3:
        import datetime

        try:
            datetime.date(*parts)
        except ValueError as error:
            raise MetadataError(f"publication date {value!r}: {error}") from None
    return value.replace(" ", "T")


def split_front_matter(text: str) -> tuple[dict[str, str], int]:
    """Parse a leading ``---`` block of ``key: value`` lines.

    Returns the metadata and the offset where the body starts (0 when there is
    no front matter).  Raises MetadataError when the block is not closed or a
    line is not ``key: value``.
    """
    if not text.startswith("---"):
        return {}, 0
    first_newline = text.find("\n")
    if first_newline < 0 or text[:first_newline].strip() != "---":
        return {}, 0
    metadata: dict[str, str] = {}
    position = first_newline + 1
    while position < len(text):
        end = text.find("\n", position)
        line_end = len(text) if end < 0 else end
        line = text[position:line_end].rstrip("\r")
        next_position = line_end + 1
        if line.strip() in ("---", "..."):
            return metadata, min(next_position, len(text))
        if line.strip() and not line.lstrip().startswith("#"):
            key, colon, value = line.partition(":")
            if not colon or not key.strip():
                raise MetadataError(f"front matter line {line!r} is not 'key: value'")
            metadata[key.strip().lower()] = value.strip().strip("'\"")
        position = next_position
    raise MetadataError("front matter opened with '---' is never closed")


def read_sidecar(path: Path) -> dict[str, dict[str, str]]:
    """Read a metadata CSV: a ``file`` column and any of the metadata fields."""
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        if not reader.fieldnames or "file" not in reader.fieldnames:
            raise MetadataError(f"{path}: a metadata sidecar needs a 'file' column")
        rows: dict[str, dict[str, str]] = {}
        for row in reader:
            name = (row.get("file") or "").strip()
            if name:
                rows[name] = {k: (v or "").strip() for k, v in row.items() if k}
        return rows


def find_inputs(paths: Iterable[str]) -> Iterator[Path | str]:
    """Expand folders into their documents (recursively, sorted); keep ``-``."""
    for raw in paths:
        if raw == "-":
            yield "-"
            continue
        path = Path(raw)
        if path.is_dir():
            yield from sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES
            )
        else:
            yield path


def make_document(
    name: str,
    text: str,
    *,
    path: str | None = None,
    sidecar_row: dict[str, str] | None = None,
    overrides: dict[str, str | None] | None = None,
) -> Document:
    """Combine text and metadata from the sidecar, front matter and overrides."""
    metadata: dict[str, str] = dict(sidecar_row or {})
    front, body_start = split_front_matter(text)
    metadata.update(front)
    for key, value in (overrides or {}).items():
        if value is not None:
            metadata[key] = value
    if body_start:
        # Keep offsets meaningful: the document text is the body after the front matter.
        text = text[body_start:]
    published = normalise_published(metadata.get("published") or metadata.get("date"))
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
    )


def read_documents(
    paths: Iterable[str],
    *,
    published: str | None = None,
    problems: list[Problem] | None = None,
) -> Iterator[Document]:
    """Yield each readable document; append a Problem for each one that is not."""
    problems = problems if problems is not None else []
    overrides = {"published": normalise_published(published)} if published else {}
    sidecars: dict[Path, dict[str, dict[str, str]]] = {}
    for item in find_inputs(paths):
        if item == "-":
            text = sys.stdin.read()
            try:
                yield make_document("<stdin>", text, overrides=overrides)
            except MetadataError as error:
                problems.append(Problem("<stdin>", str(error)))
            continue
        path = item
        if not path.exists():
            problems.append(Problem(str(path), "no such file or folder"))
            continue
        folder = path.parent
        if folder not in sidecars:
            sidecars[folder] = {}
            for sidecar_name in SIDECAR_NAMES:
                sidecar = folder / sidecar_name
                if sidecar.is_file():
                    try:
                        sidecars[folder] = read_sidecar(sidecar)
                    except (MetadataError, UnicodeDecodeError, csv.Error) as error:
                        problems.append(Problem(str(sidecar), str(error)))
                    break
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            problems.append(Problem(str(path), "is not UTF-8 text; skipped"))
            continue
        except OSError as error:
            problems.append(Problem(str(path), f"cannot be read ({error.strerror}); skipped"))
            continue
        try:
            yield make_document(
                path.name,
                text,
                path=str(path),
                sidecar_row=sidecars[folder].get(path.name),
                overrides=overrides,
            )
        except MetadataError as error:
            problems.append(Problem(str(path), str(error)))


def with_published(document: Document, published: str | None) -> Document:
    return replace(document, published=normalise_published(published))
