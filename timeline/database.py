"""The chronology database: one SQLite file an analyst keeps for weeks (see docs/database.md).

It holds the documents read (with the content hash that tells a changed one), every report
the machine found (``reports``, each with the event it is part of), the merged chronology
(``events``, with the analyst's corrections applied), their places and actors, and the
corrections themselves, kept apart so that `timeline add` and a full rebuild apply them
again. Columns follow the fields of Event and Document (values that are not plain text or
numbers as JSON), so a field added to them is kept without a change of schema.

`add` reads only new or changed documents and merges again only the stored reports that
merging links to theirs (see _related_reports), found through an index of the days each
report covers, and writes only the events that change: its work follows the new documents,
not the size of the database. Every write is one transaction (an interrupted one leaves the
file as it was); writers wait for each other through SQLite's lock.
"""
from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import json
import sqlite3
import types
import typing
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from . import merging
from .chronology import Timeline, merge_events
from .documents import Document
from .events import Event, Mention
from .exporters.json_format import converter, to_json
from . import corrections as corrections_module

SCHEMA_VERSION = 1
APPLICATION_ID = 0x746C6E65  # "tlne": marks a file made by timeline (PRAGMA application_id)
SQLITE_MAGIC = b"SQLite format 3\x00"
SUFFIXES = (".db", ".sqlite", ".sqlite3")
BUSY_TIMEOUT_SECONDS = 120.0  # how long a writer waits for another to finish

# Fields of the analyst's, not the machine's: reports do not have them.
ANALYST_FIELDS = ("status", "notes", "corrected")


class DatabaseError(Exception):
    """A file that is not a chronology database this version can use."""


def is_database(path: str | Path) -> bool:
    """Whether ``path`` is an SQLite file (by its first bytes, whatever its name)."""
    try:
        with open(path, "rb") as stream:
            return stream.read(16) == SQLITE_MAGIC
    except OSError:
        return False


def is_database_name(path: str) -> bool:
    return Path(path).suffix.lower() in SUFFIXES


# --- columns made from the dataclasses ------------------------------------------------------

@dataclass(frozen=True)
class _Column:
    name: str
    sql_type: str
    to_sql: Callable[[Any], Any]
    from_sql: Callable[[Any], Any]


def _json_text(value: Any) -> str | None:
    return None if value is None else json.dumps(to_json(value), ensure_ascii=False)


def _column(name: str, hint: Any) -> _Column:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    optional = origin in (typing.Union, types.UnionType) and type(None) in args and len(args) == 2
    inner = next((a for a in args if a is not type(None)), hint) if optional else hint
    if inner is str:
        return _Column(name, "TEXT", lambda v: v, lambda v: v)
    if inner is bool:
        return _Column(name, "INTEGER", lambda v: None if v is None else int(v),
                       lambda v: None if v is None else bool(v))
    if inner is int:
        return _Column(name, "INTEGER", lambda v: v, lambda v: v)
    if inner is float:
        return _Column(name, "REAL", lambda v: v, lambda v: v)
    if inner is dt.date:
        return _Column(name, "TEXT", lambda v: None if v is None else v.isoformat(),
                       lambda v: None if v is None else dt.date.fromisoformat(v))
    convert = converter(hint)

    def from_json(text: str) -> Any:
        return convert(json.loads(text))

    if _immutable(inner):
        # The same places, actors, locations come again and again: read each text once.
        from_json = functools.lru_cache(maxsize=1 << 12)(from_json)
    return _Column(name, "TEXT", _json_text, lambda v: None if v is None else from_json(v))


def _immutable(hint: Any) -> bool:
    """Whether values of ``hint`` cannot change (so that one may be shared): tuples, frozen dataclasses."""
    if typing.get_origin(hint) is tuple:
        return True
    return dataclasses.is_dataclass(hint) and hint.__dataclass_params__.frozen


def _columns(cls: type, leave_out: tuple[str, ...] = ()) -> list[_Column]:
    hints = typing.get_type_hints(cls)
    return [_column(f.name, hints[f.name]) for f in dataclasses.fields(cls) if f.name not in leave_out]


EVENT_COLUMNS = _columns(Event, ("id",))
REPORT_COLUMNS = _columns(Event, ("id", *ANALYST_FIELDS))
DOCUMENT_COLUMNS = _columns(Document, ("name", "text"))
REFERENCES = {"document": "REFERENCES documents(name)"}

DESCRIPTIONS = {
    ("documents", "name"): "The document's name (its path inside the folder given)",
    ("documents", "content_hash"): "SHA-256 of its publication date and text: a changed document is read again",
    ("events", "id"): "Stable id: the same across `timeline add` and rebuilds while the evidence is the same",
    ("events", "date"): "TIMEX3-style value: 2016-11-03, 2016-08, 2016-W43 ...",
    ("events", "start"): "First day the date covers (ISO)",
    ("events", "end"): "Last day the date covers (ISO, inclusive)",
    ("events", "precision"): "century ... day, time",
    ("events", "title"): "Short headline of the event",
    ("events", "sentence"): "The evidence, verbatim",
    ("events", "document"): "The document of the report that speaks for the event",
    ("events", "offset"): "[start, end] of the sentence in the document's text",
    ("events", "sources"): "The other reports of the same happening (JSON)",
    ("events", "event_type"): "ACLED event type",
    ("events", "status"): "keep or reject (an analyst's verdict)",
    ("events", "notes"): "The analyst's notes",
    ("events", "corrected"): "Fields an analyst corrected, or 'added' for an event added by hand",
    ("reports", "id"): "The report's id (a hash of its sentence and date)",
    ("reports", "event_id"): "The event this report is part of",
    ("places", "event_id"): "The event the place is named in",
    ("actors", "role"): "actor1, actor2, or mentioned",
    ("corrections", "field"): "What was corrected: status, date, title, event_type, location, actor1, actor2, "
                              "notes, or added (an event added by hand)",
    ("corrections", "value"): "The new value (JSON)",
    ("corrections", "by"): "Who made the correction",
    ("corrections", "at"): "When (UTC, ISO 8601)",
}


def _definitions(columns: list[_Column]) -> str:
    return ", ".join(f'"{c.name}" {c.sql_type} {REFERENCES.get(c.name, "")}'.rstrip() for c in columns)


def _fts(table: str, columns: tuple[str, ...]) -> list[str]:
    """A full-text index over ``columns`` of ``table``, kept in step by triggers; Datasette finds it
    by its ``content="table"`` and offers ``?_search=``."""
    names = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    return [
        f'CREATE VIRTUAL TABLE {table}_fts USING fts5({names}, content="{table}")',
        f"CREATE TRIGGER {table}_ai AFTER INSERT ON {table} BEGIN "
        f"INSERT INTO {table}_fts(rowid, {names}) VALUES (new.rowid, {new}); END",
        f"CREATE TRIGGER {table}_ad AFTER DELETE ON {table} BEGIN "
        f"INSERT INTO {table}_fts({table}_fts, rowid, {names}) VALUES ('delete', old.rowid, {old}); END",
        f"CREATE TRIGGER {table}_au AFTER UPDATE ON {table} BEGIN "
        f"INSERT INTO {table}_fts({table}_fts, rowid, {names}) VALUES ('delete', old.rowid, {old}); "
        f"INSERT INTO {table}_fts(rowid, {names}) VALUES (new.rowid, {new}); END",
    ]


# Reports are found by their dates through one index of how many days they cover (in classes),
# the first of them and the last: the reports whose dates overlap a stretch of time are, in each
# class, those that start at most the class's longest span before it, read from the index alone.
SPAN_CLASSES = (1, 8, 32, 100, 370)  # a class's spans are shorter than this many days; the last one has the rest
_SPAN = 'julianday("end") - julianday(start)'
_SPAN_CLASS = ("(CASE " + " ".join(f"WHEN {_SPAN} < {bound} THEN {k}" for k, bound in enumerate(SPAN_CLASSES))
               + f" ELSE {len(SPAN_CLASSES)} END)")
REPORTS_BY_SPAN = f'CREATE INDEX IF NOT EXISTS reports_days ON reports({_SPAN_CLASS}, start, "end")'


def _schema() -> list[str]:
    return [
        "CREATE TABLE timeline_info (key TEXT PRIMARY KEY, value TEXT)",
        "CREATE TABLE column_descriptions (table_name TEXT, column_name TEXT, description TEXT, "
        "PRIMARY KEY (table_name, column_name))",
        f'CREATE TABLE documents (name TEXT PRIMARY KEY, {_definitions(DOCUMENT_COLUMNS)})',
        f'CREATE TABLE events (id TEXT PRIMARY KEY, {_definitions(EVENT_COLUMNS)})',
        "CREATE TABLE reports (number INTEGER PRIMARY KEY, id TEXT, event_id TEXT REFERENCES events(id), "
        f"{_definitions(REPORT_COLUMNS)})",
        "CREATE TABLE places (event_id TEXT REFERENCES events(id), name TEXT, text TEXT, kind TEXT)",
        "CREATE TABLE actors (event_id TEXT REFERENCES events(id), role TEXT, name TEXT, text TEXT, kind TEXT)",
        "CREATE TABLE corrections (number INTEGER PRIMARY KEY, event_id TEXT REFERENCES events(id), "
        "field TEXT, value TEXT, by TEXT, at TEXT)",
        "CREATE INDEX reports_event ON reports(event_id)",
        "CREATE INDEX reports_document ON reports(document)",
        REPORTS_BY_SPAN,
        'CREATE INDEX events_start ON events(start, "end")',
        "CREATE INDEX places_event ON places(event_id)",
        "CREATE INDEX actors_event ON actors(event_id)",
        "CREATE INDEX corrections_event ON corrections(event_id)",
        *_fts("events", ("title", "sentence")),
        *_fts("reports", ("sentence",)),
        *_fts("documents", ("title",)),
    ]


# --- opening ----------------------------------------------------------------------------------

def connect(path: str | Path, create: bool = False) -> sqlite3.Connection:
    """Open a chronology database (``create``: make it when it is not there or empty).

    Raises DatabaseError for a file that is not one timeline made, or one made by a newer version."""
    path = Path(path)
    exists = path.exists() and path.stat().st_size > 0
    if not exists and not create:
        raise DatabaseError(f"{path}: no such chronology database; make one with `timeline build FOLDER -o {path}`")
    if exists and not is_database(path):
        raise DatabaseError(f"{path}: not an SQLite database")
    connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
    try:
        connection.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
        application, version = (connection.execute("PRAGMA application_id").fetchone()[0],
                                 connection.execute("PRAGMA user_version").fetchone()[0])
        tables = connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if application != APPLICATION_ID and (tables or not create):
            raise DatabaseError(f"{path}: an SQLite database not made by timeline; "
                                "give a new file name to make a chronology database")
        if version > SCHEMA_VERSION:
            raise DatabaseError(f"{path}: made by a newer version of timeline (schema {version}; "
                                f"this one reads up to {SCHEMA_VERSION}); upgrade timeline")
        if not tables:
            with transaction(connection):
                if connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0:
                    _create(connection)
    except sqlite3.DatabaseError as error:
        connection.close()
        raise DatabaseError(f"{path}: {error}") from None
    except BaseException:
        connection.close()
        raise
    return connection


def _create(connection: sqlite3.Connection) -> None:
    for statement in _schema():
        connection.execute(statement)
    connection.executemany("INSERT INTO column_descriptions VALUES (?, ?, ?)",
                           [(table, column, text) for (table, column), text in DESCRIPTIONS.items()])
    connection.execute("INSERT INTO timeline_info VALUES ('made_by', 'timeline')")
    connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


@contextlib.contextmanager
def transaction(connection: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write, all or nothing: it takes the write lock at once (waiting for another writer)."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield connection
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


# --- rows -------------------------------------------------------------------------------------

def _document_row(document: Document) -> tuple:
    return (document.name, *(c.to_sql(getattr(document, c.name)) for c in DOCUMENT_COLUMNS))


def _document_of(row: tuple) -> Document:
    return Document(row[0], "", **_fields(DOCUMENT_COLUMNS, row[1:], f"document {row[0]!r}"))


def _report_of(row: tuple) -> tuple[int, str | None, Event]:
    """(number, event id, the report as an Event with its report id) of a reports row."""
    number, report, event_id, *values = row
    return number, event_id, Event(id=report, **_fields(REPORT_COLUMNS, values, f"report {report!r}"))


def _event_of(row: tuple) -> Event:
    return Event(id=row[0], **_fields(EVENT_COLUMNS, row[1:], f"event {row[0]!r}"))


def _fields(columns: list[_Column], values, what: str) -> dict[str, Any]:
    """The fields of a row by name. A value that cannot be read back (a database edited by hand:
    JSON that is not, a latitude given as text, a day that is no date) raises DatabaseError
    naming the row and its column, rather than reaching an exporter."""
    try:
        return {c.name: c.from_sql(v) for c, v in zip(columns, values)}
    except (TypeError, ValueError, RecursionError):
        pass
    for column, value in zip(columns, values):
        try:
            column.from_sql(value)
        except (TypeError, ValueError, RecursionError) as error:
            shown = value if not isinstance(value, str) or len(value) <= 60 else value[:60] + "…"
            raise DatabaseError(f"{what}: column {column.name!r} holds {shown!r}, which cannot be read "
                                f"({error}); correct it, or rebuild the chronology") from None
    raise AssertionError("a row read once and not again")


_REPORT_SELECT = "SELECT number, id, event_id, " + ", ".join(f'"{c.name}"' for c in REPORT_COLUMNS) + " FROM reports"
_EVENT_SELECT = "SELECT id, " + ", ".join(f'"{c.name}"' for c in EVENT_COLUMNS) + " FROM events"
def _overlapping(connection: sqlite3.Connection, start: dt.date, end: dt.date) -> list[int]:
    """The numbers of the stored reports whose dates overlap ``start``..``end``: in each class of
    spans (see SPAN_CLASSES), those that start in the stretch, or at most the class's longest span
    before it, and end in it or after."""
    last = len(SPAN_CLASSES)
    query = " UNION ALL ".join(
        [f'SELECT number FROM reports WHERE {_SPAN_CLASS} = {k} AND start BETWEEN ? AND ? AND "end" >= ?'
         for k in range(last)]
        + [f'SELECT number FROM reports WHERE {_SPAN_CLASS} = {last} AND start <= ? AND "end" >= ?'])
    values: list[str] = []
    for bound in SPAN_CLASSES:
        earliest = start - dt.timedelta(days=min(bound - 1, start.toordinal() - 1))
        values += [earliest.isoformat(), end.isoformat(), start.isoformat()]
    return [number for number, in connection.execute(query, [*values, end.isoformat(), start.isoformat()])]


def _event_row(event: Event) -> tuple:
    return (event.id, *(c.to_sql(getattr(event, c.name)) for c in EVENT_COLUMNS))


def _insert_reports(connection: sqlite3.Connection, events: Iterable[Event]) -> None:
    names = ", ".join(f'"{c.name}"' for c in REPORT_COLUMNS)
    marks = ", ".join("?" * (len(REPORT_COLUMNS) + 1))
    connection.executemany(f"INSERT INTO reports (id, {names}) VALUES ({marks})",
                           ((e.id, *(c.to_sql(getattr(e, c.name)) for c in REPORT_COLUMNS)) for e in events))


def _insert_documents(connection: sqlite3.Connection, documents: Iterable[Document]) -> None:
    marks = ", ".join("?" * (len(DOCUMENT_COLUMNS) + 1))
    connection.executemany(f"INSERT OR REPLACE INTO documents VALUES ({marks})", map(_document_row, documents))


def _store_event(connection: sqlite3.Connection, event: Event, row: tuple | None = None) -> None:
    marks = ", ".join("?" * (len(EVENT_COLUMNS) + 1))
    connection.execute(f"INSERT INTO events VALUES ({marks})", row or _event_row(event))
    connection.executemany("INSERT INTO places VALUES (?, ?, ?, ?)",
                           [(event.id, m.name, m.text, m.kind) for m in event.places])
    actors = [("mentioned", m) for m in event.actors]
    actors += [(role, m) for role, m in (("actor1", event.actor1), ("actor2", event.actor2)) if m is not None]
    connection.executemany("INSERT INTO actors VALUES (?, ?, ?, ?, ?)",
                           [(event.id, role, m.name, m.text, m.kind) for role, m in actors])


def _delete_events(connection: sqlite3.Connection, ids: Iterable[str]) -> None:
    rows = [(i,) for i in ids]
    connection.executemany("DELETE FROM events WHERE id = ?", rows)
    connection.executemany("DELETE FROM places WHERE event_id = ?", rows)
    connection.executemany("DELETE FROM actors WHERE event_id = ?", rows)


# --- merging and storing ----------------------------------------------------------------------

def _canonical(event: Event) -> tuple:
    return (event.start, event.end, event.id, event.document, event.offset)


def _merge_and_store(connection: sqlite3.Connection, reports: list[tuple[int, str | None, Event]],
                     replaced: dict[str, tuple] | None) -> dict[str, list[int]]:
    """Merge ``reports`` (number, former event id, report), store their events with the corrections
    made to them, and point each report to its event; returns each event's report numbers.

    ``replaced`` holds the stored rows of the events the reports were part of, by id: an event
    that comes out the same is not written again, and those that are gone are deleted; None
    when the events table is empty (a full build).

    An event keeps the id it had when any of its reports was part of one (the id of its earliest
    such report's event), so corrections stay with it when a new document brings another report;
    an event of new reports only takes the id of its earliest report (see timeline.identity),
    unless another event of the database has it."""
    reports = sorted(reports, key=lambda item: _canonical(item[2]))
    position = {n: k for k, (n, _, _) in enumerate(reports)}
    former_of = {n: former for n, former, _ in reports}
    by_main: dict[tuple, list[int]] = {}
    by_source: dict[tuple, list[int]] = {}
    for n, _, e in reports:
        by_main.setdefault((e.document, e.offset, e.date), []).append(n)
        by_source.setdefault((e.document, e.offset, e.id), []).append(n)

    def taken_elsewhere(identity: str) -> bool:
        return replaced is not None and identity not in replaced and connection.execute(
            "SELECT 1 FROM events WHERE id = ?", (identity,)).fetchone() is not None

    used: set[int] = set()
    merged: dict[str, tuple[Event, list[int]]] = {}
    for event in sorted(merge_events(e for _, _, e in reports), key=_canonical):
        numbers = []
        for source in event.sources:
            number = next((n for n in by_source.get((source.document, source.offset, source.id), ()) if n not in used),
                          None)
            if number is not None:
                used.add(number)
                numbers.append(number)
        main = next((n for n in by_main.get((event.document, event.offset, event.date), ()) if n not in used), None)
        if main is not None:
            used.add(main)
            numbers.append(main)
        numbers.sort(key=position.__getitem__)
        former = [former_of[n] for n in numbers if former_of[n]]
        identity = former[0] if former else event.id
        while identity in merged or taken_elsewhere(identity):  # the same evidence twice: keep ids unique
            identity = _next_id(identity)
        merged[identity] = (replace(event, id=identity), numbers)
    corrections = _corrections(connection, None if replaced is None else list(merged))
    replaced = replaced or {}
    for identity, (event, _) in merged.items():
        event = corrections_module.apply_all(event, corrections.get(identity, ()))
        row = _event_row(event)
        if replaced.get(identity) == row:
            continue
        if identity in replaced:
            _delete_events(connection, [identity])
        _store_event(connection, event, row)
    _delete_events(connection, [identity for identity in replaced if identity not in merged])
    connection.executemany("UPDATE reports SET event_id = ? WHERE number = ?",
                           [(identity, n) for identity, (_, numbers) in merged.items() for n in numbers
                            if former_of[n] != identity])
    return {identity: numbers for identity, (_, numbers) in merged.items()}


def _next_id(identity: str) -> str:
    stem, _, count = identity.partition("-")
    return f"{stem}-{int(count or 1) + 1}"


# --- corrections ------------------------------------------------------------------------------

def _corrections(connection: sqlite3.Connection,
                 identities: list[str] | None = None) -> dict[str, list[corrections_module.Correction]]:
    """The corrections made (to the events of ``identities`` only, when given), in order, by event."""
    query = "SELECT event_id, field, value, by, at FROM corrections"
    values: tuple = ()
    if identities is not None:
        query += " WHERE event_id IN (SELECT value FROM json_each(?))"
        values = (json.dumps(identities),)
    found: dict[str, list[corrections_module.Correction]] = {}
    for row in connection.execute(query + " ORDER BY number", values):
        found.setdefault(row[0], []).append(corrections_module.Correction(*row))
    return found


def _store_added(connection: sqlite3.Connection, corrections: dict[str, list], present: set[str] | None = None) -> int:
    """Store the events added by hand (with their later corrections) that are not stored yet."""
    count = 0
    for identity, made in corrections.items():
        added = [c for c in made if c.field == corrections_module.ADDED]
        if not added or (present is not None and identity in present):
            continue
        event = corrections_module.event_added(added[0])
        _store_event(connection, corrections_module.apply_all(event, [c for c in made if c is not added[0]]))
        count += 1
    return count


@dataclass
class Summary:
    """What a build or an add did: documents read (and changed, and skipped as already read),
    events new, reports merged into events that were there, events changed or gone, and the
    corrections whose event is no longer in the chronology."""

    documents: int = 0
    changed_documents: int = 0
    unchanged_documents: int = 0
    reports: int = 0
    events: int = 0
    new_events: list[str] = field(default_factory=list)
    merged_reports: int = 0
    changed_events: list[str] = field(default_factory=list)
    gone_events: list[str] = field(default_factory=list)
    orphaned_corrections: list[str] = field(default_factory=list)


def _orphans(connection: sqlite3.Connection) -> list[str]:
    return [row[0] for row in connection.execute(
        "SELECT DISTINCT event_id FROM corrections WHERE event_id NOT IN (SELECT id FROM events) ORDER BY event_id")]


def build(path: str | Path, documents: Iterable[Document], reports: Iterable[Event], title: str = "Timeline") -> Summary:
    """Write a full chronology of ``documents`` and their (unmerged) ``reports`` into the database at
    ``path``, made when needed; the corrections already there are kept and applied again, and
    events keep the ids they had."""
    documents, reports = list(documents), list(reports)
    connection = connect(path, create=True)
    try:
        with transaction(connection):
            former = dict(connection.execute("SELECT id, event_id FROM reports WHERE event_id IS NOT NULL"))
            for table in ("events", "places", "actors", "reports", "documents"):
                connection.execute(f"DELETE FROM {table}")
            _insert_documents(connection, documents)
            _insert_reports(connection, reports)
            rows = [_report_of(row) for row in connection.execute(_REPORT_SELECT)]
            rows = [(n, former.get(e.id), e) for n, _, e in rows]
            members = _merge_and_store(connection, rows, None)
            _store_added(connection, _corrections(connection))
            connection.execute("INSERT OR REPLACE INTO timeline_info VALUES ('title', ?)", (title,))
            summary = Summary(documents=len(documents), reports=len(reports), events=len(members),
                              orphaned_corrections=_orphans(connection))
    finally:
        connection.close()
    return summary


def seen_documents(path: str | Path) -> dict[str, str]:
    """The content hash of each document in the database, by name."""
    connection = connect(path)
    try:
        return dict(connection.execute("SELECT name, content_hash FROM documents"))
    finally:
        connection.close()


# What merging.related reads of a stored report, read straight from its columns: it is read for
# every report whose dates overlap a related one's, most of them not related.
_COMPARED_SELECT = 'SELECT number, document, future, start, "end", precision, sentence, places, actors FROM reports'


@functools.lru_cache(maxsize=1 << 12)
def _mentions(text: str | None) -> tuple[Mention, ...]:
    return tuple(Mention(**mention) for mention in json.loads(text)) if text else ()


def _compared(row: tuple) -> merging.Compared:
    _, document, future, start, end, precision, sentence, places, actors = row
    return merging.compared(types.SimpleNamespace(
        document=document, future=bool(future), start=dt.date.fromisoformat(start), end=dt.date.fromisoformat(end),
        precision=precision, sentence=sentence, places=_mentions(places), actors=_mentions(actors)))


@functools.lru_cache(maxsize=1 << 12)
def _place_names(text: str | None) -> frozenset[str]:
    return frozenset(m.name for m in _mentions(text))


def _related_reports(connection: sqlite3.Connection, seeds: Iterable[Event], found: set[int]) -> None:
    """Add to ``found`` (report numbers) every stored report linked to one of ``seeds`` or of
    ``found`` by a chain of related reports (see merging.related): merging them with the seeds,
    or without those of ``found`` that go, changes no other event.

    Related reports have overlapping dates, so only those are looked at (see _overlapping, once
    for each stretch of dates); of each, its places first, then, unless both name places and
    none the same (they are then neither alike nor the same report), what merging.related
    compares; each read once."""
    by_dates: dict[tuple[dt.date, dt.date], list[int]] = {}
    places_of: dict[int, frozenset[str]] = {}
    compared: dict[int, merging.Compared] = {}

    def read(query: str, numbers: list[int]) -> sqlite3.Cursor:
        return connection.execute(query + " WHERE number IN (SELECT value FROM json_each(?))", (json.dumps(numbers),))

    pending = [merging.compared(e) for e in seeds]
    pending += [_compared(row) for row in read(_COMPARED_SELECT, sorted(found))]
    while pending:
        report = pending.pop()
        overlapping = by_dates.get((report.start, report.end))
        if overlapping is None:
            overlapping = by_dates[report.start, report.end] = _overlapping(connection, report.start, report.end)
            unread = [number for number in overlapping if number not in places_of]
            places_of.update((number, _place_names(text))
                             for number, text in read("SELECT number, places FROM reports", unread))
        places = report.report.places
        candidates = [number for number in overlapping if number not in found
                      and (not places or not places_of[number] or places & places_of[number])]
        unread = [number for number in candidates if number not in compared]
        compared.update((row[0], _compared(row)) for row in read(_COMPARED_SELECT, unread))
        for number in candidates:
            if number not in found and merging.related(report, compared[number]):
                found.add(number)
                pending.append(compared[number])


def _event_rows(connection: sqlite3.Connection, identities: Iterable[str]) -> dict[str, tuple]:
    rows = connection.execute(_EVENT_SELECT + " WHERE id IN (SELECT value FROM json_each(?))",
                              (json.dumps(sorted(identities)),))
    return {row[0]: row for row in rows}


def add(path: str | Path, documents: Iterable[Document], reports: Iterable[Event]) -> Summary:
    """Add new and changed ``documents`` with their (unmerged) ``reports``, merging them into the
    chronology: the result is the chronology a full build of every document gives (ids kept)."""
    documents, reports = list(documents), list(reports)
    connection = connect(path)
    summary = Summary()
    try:
        with transaction(connection):
            connection.execute(REPORTS_BY_SPAN)  # made once in a database from before it
            seen = {d.name: row[0] for d in documents
                    for row in connection.execute("SELECT content_hash FROM documents WHERE name = ?", (d.name,))}
            fresh = [d for d in documents if seen.get(d.name) != d.content_hash]
            names = {d.name for d in fresh}
            summary.unchanged_documents = len(documents) - len(fresh)
            summary.changed_documents = sum(1 for d in fresh if d.name in seen)
            summary.documents = len(fresh)
            new_reports = [e for e in reports if e.document in names]
            summary.reports = len(new_reports)
            if not fresh:
                summary.events = connection.execute("SELECT count(*) FROM events").fetchone()[0]
                return summary
            changed = [n for n in names if n in seen]
            going = {number for name in changed
                     for number, in connection.execute("SELECT number FROM reports WHERE document = ?", (name,))}
            numbers = set(going)
            _related_reports(connection, new_reports, numbers)
            related = [_report_of(row) for row in connection.execute(
                _REPORT_SELECT + " WHERE number IN (SELECT value FROM json_each(?))", (json.dumps(sorted(numbers)),))]
            old_members: dict[str, set[str]] = {}
            for _, former, e in related:
                if former:
                    old_members.setdefault(former, set()).add(e.id)
            replaced = _event_rows(connection, old_members)
            connection.executemany("DELETE FROM reports WHERE document = ?", [(n,) for n in changed])
            _insert_documents(connection, fresh)
            first_new = connection.execute("SELECT coalesce(max(number), 0) FROM reports").fetchone()[0]
            _insert_reports(connection, new_reports)
            rows = [(number, former, e) for number, former, e in related if number not in going]
            added = [_report_of(row) for row in connection.execute(_REPORT_SELECT + " WHERE number > ?", (first_new,))]
            by_number = {n: e.id for n, _, e in rows + added}
            members = _merge_and_store(connection, rows + added, replaced)
            for identity, numbers in members.items():
                if identity not in old_members:
                    summary.new_events.append(identity)
                    continue
                summary.merged_reports += sum(1 for n in numbers if n > first_new)
                if {by_number[n] for n in numbers} != old_members[identity]:
                    summary.changed_events.append(identity)
            summary.gone_events = sorted(set(old_members) - set(members))
            summary.events = connection.execute("SELECT count(*) FROM events").fetchone()[0]
            summary.orphaned_corrections = _orphans(connection)
    finally:
        connection.close()
    return summary


# --- reading and correcting -------------------------------------------------------------------

def read_timeline(path: str | Path, include_rejected: bool = False) -> Timeline:
    """The corrected chronology in the database (events rejected by an analyst left out unless asked for)."""
    connection = connect(path)
    try:
        documents = [_document_of(row) for row in connection.execute(
            "SELECT name, " + ", ".join(f'"{c.name}"' for c in DOCUMENT_COLUMNS) + " FROM documents ORDER BY name")]
        where = "" if include_rejected else " WHERE status IS NOT 'reject'"
        events = [_event_of(row) for row in connection.execute(_EVENT_SELECT + where)]
        title = connection.execute("SELECT value FROM timeline_info WHERE key = 'title'").fetchone()
    except DatabaseError as error:
        raise DatabaseError(f"{path}: {error}") from None
    finally:
        connection.close()
    events.sort(key=lambda e: e.id)  # ties in Timeline.build's order are then broken the same way every time
    return Timeline.build(documents, events, title=title[0] if title else "Timeline")


def event(path: str | Path, identity: str) -> Event | None:
    connection = connect(path)
    try:
        row = connection.execute(_EVENT_SELECT + " WHERE id = ?", (identity,)).fetchone()
        return _event_of(row) if row else None
    except DatabaseError as error:
        raise DatabaseError(f"{path}: {error}") from None
    finally:
        connection.close()


def correct(path: str | Path, corrections: list[corrections_module.Correction]) -> list[str]:
    """Record ``corrections`` and make them in the events, in one transaction; returns the ids of
    those whose event is not in the database (they are not recorded)."""
    connection = connect(path)
    unknown = []
    try:
        with transaction(connection):
            for correction in corrections:
                if correction.field == corrections_module.ADDED:
                    _record(connection, correction)
                    _store_added(connection, {correction.event_id: [correction]})
                    continue
                row = connection.execute(_EVENT_SELECT + " WHERE id = ?", (correction.event_id,)).fetchone()
                if row is None:
                    unknown.append(correction.event_id)
                    continue
                _record(connection, correction)
                corrected = corrections_module.apply(_event_of(row), correction)
                _delete_events(connection, [correction.event_id])
                _store_event(connection, corrected)
    finally:
        connection.close()
    return unknown


def _record(connection: sqlite3.Connection, correction: corrections_module.Correction) -> None:
    connection.execute("INSERT INTO corrections (event_id, field, value, by, at) VALUES (?, ?, ?, ?, ?)",
                       (correction.event_id, correction.field, correction.value, correction.by, correction.at))
