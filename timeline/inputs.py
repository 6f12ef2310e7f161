"""Finding and reading inputs: files, folders (with their sidecars), web addresses and
standard input, each read into documents by the reader of its kind.

Bad input never stops a run: each input that cannot be used becomes a ``Problem``
naming the file and what to do, and reading goes on with the next one.
"""
from __future__ import annotations

import os
import stat
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable, Iterator

from .documents import Document, Problem, readable_name
from .metadata import MetadataError, make_document, normalise_published, read_sidecar
from .readers import READABLE_SUFFIXES, Reading, read as read_kind
from .readers.base import InputError
from .readers.language import not_english
from .readers.web import fetch, is_address

SIDECAR_NAMES = ("articles.csv", "metadata.csv")
# What a folder walk takes: every kind a reader reads (the content still decides how).
DOCUMENT_SUFFIXES = READABLE_SUFFIXES
# A page saved "complete" by a browser has its resources in a folder named after it, "NAME_files" (a German
# Firefox writes "NAME-Dateien", a French one "NAME_fichiers"...), beside NAME.html.
PAGE_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
PAGE_RESOURCE_FOLDERS = ("_files", "-Dateien", "_fichiers", "_archivos", "_arquivos", "_bestanden", "_file")
# Sidecar rows that name no document are each a warning up to this many, then one line in all.
UNUSED_ROWS_LISTED = 5
# Articles are kilobytes; a larger input is almost always a dump or a wrong file, and
# would hold the whole run up (the pipeline needs the whole text of a document at once).
DEFAULT_MAX_SIZE = 10 * 1024 * 1024


@dataclass(frozen=True)
class Input:
    """One input to read: a file (with the name documents call it by), ``-``, or a web address
    (``url``, also its name); ``listed`` when it was found by listing a folder (whose every
    document is then an input)."""

    path: Path | None
    name: str
    listed: bool = False
    url: str | None = None


def find_inputs(paths: Iterable[str], problems: list[Problem] | None = None,
                follow_links: bool = False) -> Iterator[Input]:
    """Expand folders into their documents (recursively, sorted); keep ``-``.

    A document found in a folder is named by its path inside that folder, so
    ``a/1.txt`` and ``b/1.txt`` stay apart; a file given directly by its file name.
    A folder that cannot be listed is passed over, with a Problem in ``problems``, and so
    is a link in a folder to a file outside it, unless ``follow_links``. An address
    (``https://...``) that is not also a path is a page to fetch.
    """
    for raw in paths:
        if raw == "-":
            yield Input(None, "<stdin>")
            continue
        if is_address(raw) and not os.path.lexists(raw):
            yield Input(None, raw, url=raw)
            continue
        path = Path(raw)
        if path.is_dir():
            unlisted: list[tuple[str, OSError]] = []
            outside: list[tuple[tuple[str, ...], str]] | None = None if follow_links else []
            inside = sorted(_documents_inside(raw, unlisted=unlisted, outside=outside))
            for folder, error in unlisted if problems is not None else ():
                problems.append(Problem(folder, _unlisted(error)))  # one by one: a report may print each
            for parts, target in sorted(outside or ()) if problems is not None else ():
                problems.append(Problem(str(path.joinpath(*parts)), f"is a link to {target}, outside the "
                                        "folder; left out (give --follow-links to read such links)"))
            for parts in inside:
                yield Input(path.joinpath(*parts), readable_name("/".join(parts)), listed=True)
        else:
            yield Input(path, readable_name(path.name))


def _unlisted(error: OSError) -> str:
    if isinstance(error, PermissionError):
        why, fix = "permission denied", "check its permissions"
    else:
        why, fix = error.strerror or str(error), "check the folder"
    return f"is a folder that cannot be listed ({why}); the documents in it are left out, {fix}"


def _documents_inside(folder: str, unlisted: list[tuple[str, OSError]] | None = None,
                      outside: list[tuple[tuple[str, ...], str]] | None = None) -> Iterator[tuple[str, ...]]:
    """The path inside ``folder`` (as parts) of each document file below it, at any depth (in no
    set order); each folder that cannot be listed is added to ``unlisted`` with why.

    Like Path.rglob, it lists links to files but does not enter links to folders (which may
    loop); a link to nothing is listed, for reading it to say so, and so is a named pipe or a
    device with a document's suffix, for reading to refuse it. When ``outside`` is given, a link
    to a file outside ``folder`` is not listed but added there with its target: a folder taken
    from elsewhere must not read, say, a private file that a link in it points to.
    os.scandir knows each entry's type without asking the file system again, and parts sort as
    paths do ("a/b" before "a-b/c"), more quickly than Path objects. Folders wait in a list, not
    in nested calls: a tree deeper than Python's recursion limit is listed too.
    """
    root = os.path.realpath(folder) if outside is not None else ""
    waiting: list[tuple[str, ...]] = [()]
    while waiting:
        parts = waiting.pop()
        where = os.path.join(folder, *parts)
        try:
            with os.scandir(where) as entries:
                found = [(entry.name, entry.path, _is(entry.is_dir, follow_symlinks=False),
                          _is(entry.is_symlink), _is(entry.is_file) or _is(entry.is_symlink) or _special(entry))
                         for entry in entries]
        except OSError as error:
            if unlisted is not None:
                unlisted.append((where, error))
            continue
        pages = {os.path.splitext(name)[0] for name, _path, is_folder, _link, _file in found
                 if not is_folder and os.path.splitext(name)[1].lower() in PAGE_SUFFIXES}
        for name, path, is_folder, is_link, is_file in found:
            if is_folder and _resources_of_page(name, pages):
                continue
            if is_folder:
                waiting.append((*parts, name))
            elif is_file and os.path.splitext(name)[1].lower() in DOCUMENT_SUFFIXES:
                if is_link and root and os.path.exists(path):
                    target = os.path.realpath(path)
                    if os.path.commonpath((root, target)) != root:
                        outside.append(((*parts, name), target))
                        continue
                yield (*parts, name)


def _resources_of_page(folder: str, pages: set[str]) -> bool:
    """Whether a folder is the one a browser saves a page's pictures, scripts and frames in beside the page
    ("Rebels take Goma_files" beside "Rebels take Goma.html"): none of it is an article of its own."""
    return any(folder.endswith(suffix) and folder[:-len(suffix)] in pages for suffix in PAGE_RESOURCE_FOLDERS)


def _special(entry: os.DirEntry) -> bool:
    """A named pipe, socket or device (neither a file, a folder nor a link)."""
    return not _is(entry.is_dir, follow_symlinks=False) and not _is(entry.is_symlink) and not _is(entry.is_file)


def _is(test, **options) -> bool:
    try:
        return test(**options)
    except OSError:  # e.g. a link that cannot be followed
        return False


def read_bytes(path: Path, max_size: int | None = DEFAULT_MAX_SIZE) -> bytes:
    """The bytes of a file, never more than ``max_size`` of them (None: no limit).

    Only regular files are read, and the pipe a shell makes for ``<(command)``: a named pipe
    would wait for a writer for ever, and a device such as /dev/zero never ends. Each is opened
    without waiting, then refused.
    """
    with open(path, "rb", opener=_open_without_waiting) as handle:
        status = os.fstat(handle.fileno())
        if stat.S_ISFIFO(status.st_mode) and os.path.basename(os.path.realpath(path)).startswith("pipe:["):
            os.set_blocking(handle.fileno(), True)  # a pipe from the shell: its writer is running
        elif not stat.S_ISREG(status.st_mode):
            raise InputError(_not_a_file(status.st_mode))
        if not max_size:
            data = handle.read()
        else:
            # Asking for max_size + 1 bytes at once sets that much memory aside for every file, a
            # cost larger than reading a short article: ask for what its size says, then read on
            # if there is more (a file that grew, or a pipe, whose size is not known).
            size = status.st_size
            data = handle.read(min(size, max_size) + 1)
            if len(data) > size:
                data += handle.read(max_size + 1 - len(data))
    if max_size and len(data) > max_size:
        raise InputError(_too_large(path.stat().st_size if path.is_file() else len(data), max_size))
    return data


def _open_without_waiting(path: str, flags: int) -> int:
    return os.open(path, flags | os.O_NONBLOCK)


def _not_a_file(mode: int) -> str:
    kind = ("a named pipe (FIFO)" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode)
            else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "not a regular file")
    return (f"is {kind}, not a file; timeline reads only files: save what it holds to a file, "
            "or pipe it into 'timeline build -'")


def _too_large(size: int, max_size: int) -> str:
    return (f"is {_megabytes(size)}, more than the {_megabytes(max_size)} limit; split it into "
            "articles, or raise the limit with --max-size")


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


def input_bytes(item: Input, max_size: int | None = DEFAULT_MAX_SIZE, offline: bool = False) -> bytes:
    """The bytes of one input (a page from the cache, or fetched unless ``offline``); raise
    InputError saying what to do when it cannot be read."""
    if item.url is not None:
        return fetch(item.url, max_size, offline=offline).body
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


def read_input(item: Input, max_size: int | None = DEFAULT_MAX_SIZE, offline: bool = False) -> list[Reading]:
    """Read one input with the reader of its kind; raise InputError saying what to do when it
    cannot be used. A feed gives one Reading per entry, every other kind one. A fetched page
    is read under the address it ended at, which is its url when the page names none."""
    if item.url is not None:
        page = fetch(item.url, max_size, offline=offline)
        data, name = page.body, page.url
    else:
        data, name = input_bytes(item, max_size), item.name
    if not data:
        raise InputError("is empty")
    readings = read_kind(data, name)
    if not any(r.text.strip() for r in readings):
        raise InputError("holds no text, only blank space")
    text_size = sum(len(r.text) for r in readings)
    if max_size and text_size > max_size:
        # A compressed file (a PDF's streams, a Word file's ZIP) may hold more text than its size.
        raise InputError(f"holds {_megabytes(text_size)} of text, more than the {_megabytes(max_size)} limit; "
                         "split it into smaller files or raise the limit with --max-size")
    if item.url is not None and len(readings) == 1 and not readings[0].url:
        readings = [replace(readings[0], url=name)]
    return readings


@dataclass(frozen=True)
class Source:
    """A document still to be read: where it is, its name, and the metadata known
    before reading it. Small and picklable, so a worker process can read it."""

    input: Input
    sidecar_row: tuple[tuple[str, str], ...] = ()
    overrides: tuple[tuple[str, str], ...] = ()
    max_size: int | None = DEFAULT_MAX_SIZE
    offline: bool = False  # read web pages from the cache only

    @property
    def label(self) -> str:
        if self.input.url is not None:
            return self.input.url
        return "<stdin>" if self.input.path is None else str(self.input.path)

    def read(self) -> tuple[tuple[Document, ...], tuple[Problem, ...]]:
        """The documents in this input (none when it cannot be used; a feed holds several)
        and the problems met reading them."""
        try:
            readings = read_input(self.input, self.max_size, self.offline)
        except InputError as error:
            return (), (Problem(self.label, str(error)),)
        except (MemoryError, RecursionError) as error:
            return (), (Problem(self.label, f"is too large or too deeply nested to read ({type(error).__name__}); "
                                "split it or save it again"),)
        except Exception as error:
            # A reader's bug met on one file must not end a run over many: it is reported with what it
            # was, as a skipped input, as a bug met while processing a document is.
            return (), (Problem(self.label, f"reading failed ({type(error).__name__}: {error}); this is a bug in "
                                "timeline, please report it with this file"),)
        documents: list[Document] = []
        problems: list[Problem] = []
        several = len(readings) > 1
        for number, reading in enumerate(readings, 1):
            name = f"{self.input.name}#{number}" if several else self.input.name
            label = f"{self.label}#{number}" if several else self.label
            problems.extend(Problem(label, warning, skipped=False) for warning in reading.warnings)
            if not reading.text.strip():
                if not reading.warnings:  # else they say why it is left out (a feed entry with a title only)
                    problems.append(Problem(label, "holds no text"))
                continue
            said: list[str] = []
            try:
                document = make_document(
                    name,
                    reading.text,
                    path=None if self.input.path is None else str(self.input.path),
                    sidecar_row=dict(self.sidecar_row) if not several else None,
                    overrides=dict(self.overrides),
                    reading=reading,
                    warnings=said,
                )
            except MetadataError as error:
                problems.append(Problem(label, str(error)))
                continue
            problems.extend(Problem(label, message, skipped=False) for message in said)
            documents.append(document)
            foreign = not_english(document.text, document.language)
            if foreign:
                problems.append(Problem(label, f"{foreign}; timeline reads English, so dates and names in it "
                                        "may be missed", skipped=False))
        return tuple(documents), tuple(problems)


def find_sources(
    paths: Iterable[str],
    *,
    published: str | None = None,
    problems: list[Problem] | None = None,
    max_size: int | None = DEFAULT_MAX_SIZE,
    follow_links: bool = False,
    offline: bool = False,
) -> Iterator[Source]:
    """Each input with its sidecar metadata, not yet read; sidecar problems go to ``problems``.
    With ``offline``, web pages are read from the cache only.

    Once every input is given, a sidecar row that no document of its folder used (a typo in
    a file name leaves a document without its date) is a warning, when the whole folder was read.
    """
    problems = problems if problems is not None else []
    overrides = (("published", normalise_published(published)),) if published else ()
    sidecars: dict[Path, _Sidecar] = {}
    for item in _each_input(paths, problems, follow_links):
        sidecar_row: dict[str, str] = {}
        if item.path is not None:
            folder = item.path.parent
            if folder not in sidecars:
                sidecars[folder] = _folder_sidecar(folder, problems)
            sidecar = sidecars[folder]
            sidecar_row = sidecar.rows.get(item.path.name, {})
            sidecar.used.add(item.path.name)
            sidecar.listed = sidecar.listed or item.listed
        yield Source(item, tuple(sidecar_row.items()), overrides, max_size, offline)
    for folder, sidecar in sidecars.items():
        unused = [name for name in sidecar.rows if sidecar.listed and name not in sidecar.used]
        if len(unused) > UNUSED_ROWS_LISTED:
            # A sidecar for a larger corpus than the folder holds: one line, not one per row.
            shown = ", ".join(f"{name!r} (line {sidecar.lines[name]})" for name in unused[:3])
            problems.append(Problem(str(sidecar.path), f"has {len(unused)} rows that name no document of "
                                    f"{folder}: {shown}, ...; their metadata is used by no document "
                                    "(check the file names)", skipped=False))
            continue
        for name in unused:
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


def _each_input(paths: Iterable[str], problems: list[Problem], follow_links: bool = False) -> Iterator[Input]:
    """Each input once: a file reached twice (named, and inside a folder also named) is read once."""
    seen: set[str] = set()
    for raw in paths:
        found = False
        reported = len(problems)
        for item in find_inputs([raw], problems, follow_links):
            found = True
            if item.path is not None or item.url is not None:
                where = item.url or os.path.realpath(item.path)
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
    follow_links: bool = False,
) -> Iterator[Document]:
    """Yield each readable document; append a Problem for each one that is not.

    Documents are read one at a time, as they are asked for, so a large corpus is
    never held in memory. Warnings (an assumed encoding) are Problems with
    ``skipped=False``; the document is still yielded.
    """
    problems = problems if problems is not None else []
    for source in find_sources(paths, published=published, problems=problems, max_size=max_size,
                               follow_links=follow_links):
        documents, found = source.read()
        for problem in found:  # one by one: a report may print each (see the CLI's problem report)
            problems.append(problem)
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


