"""JSON: the lossless format other tools rely on, and the one `timeline export` reads back.

The object holds ``format``, ``version``, ``title``, ``documents`` (each with its
metadata) and ``events`` in chronological order, one event per line.  Every
field of ``Event`` is written (dates as ISO text, offsets as ``[start, end]``,
places/actors/sources as lists of objects), so JSON -> Timeline -> JSON gives the
same bytes back.  Events are written one at a time, so memory does not grow with
the output.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import io
import json
import math
import operator
import re
import types
import typing
from typing import Any, BinaryIO, Callable, Iterable, Mapping

from .. import collector
from ..chronology import Timeline
from ..documents import Document
from ..events import Event
from ..hookspecs import hookimpl
from ..temporal.values import value_interval
from .base import Exporter

FORMAT_NAME = "timeline"
FORMAT_VERSION = 1
DOCUMENT_FIELDS = ("name", "title", "source", "url", "published", "language")


class SavedTimelineError(ValueError):
    """The input is not a chronology this version can read."""


_PLAIN = (str, int, float, bool, type(None))
_FIELDS: dict[type, tuple[str, ...]] = {}


def to_json(value: Any) -> Any:
    """A dataclass (and what it holds) as JSON values: dates as ISO text, tuples as lists."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is dt.date:
        return value.isoformat()
    if kind is tuple or kind is list:
        return [to_json(item) for item in value]
    names = _FIELDS.get(kind)
    if names is None:
        if not dataclasses.is_dataclass(value):
            return value
        names = _FIELDS[kind] = tuple(f.name for f in dataclasses.fields(value))
    return {name: to_json(getattr(value, name)) for name in names}


def _identity(value: Any) -> Any:
    return value


class _Unwritten(Exception):
    """A value is not of the type its field declares: to_json and the encoder write it instead."""


def _unwritten(*_: Any) -> str:
    raise _Unwritten


def _text_parts(hint: Any, name: str, helpers: dict[str, Any]) -> tuple[str, str]:
    """Python expressions, for the value ``name`` of type ``hint``: a test that it is of that type
    exactly, and its JSON text as the standard encoder writes it (separators ", " and ": ", no
    ASCII escapes). Raises TypeError for a type these do not cover."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if hint is str:
        return f"type({name}) is str", f"_string({name})"
    if hint is bool:
        return f"type({name}) is bool", f"_BOOLEAN[{name}]"
    if hint is int:
        return f"type({name}) is int", f"_int({name})"
    if hint is float:
        return f"(type({name}) is float and _finite({name}))", f"_float({name})"
    if hint is dt.date:
        return f"type({name}) is _date", f"_string({name}.isoformat())"
    if origin in (typing.Union, types.UnionType) and len(args) == 2 and type(None) in args:
        inner = next(a for a in args if a is not type(None))
        if dataclasses.is_dataclass(inner):
            helper = helpers.setdefault(f"_write_{inner.__name__}", _text_writer(inner, strict=True))
            return "True", f"(_NULL if {name} is None else {helper.__name__}({name}))"
        test, text = _text_parts(inner, name, helpers)
        return f"({name} is None or {test})", f"(_NULL if {name} is None else {text})"
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis and dataclasses.is_dataclass(args[0]):
        helper = helpers.setdefault(f"_write_{args[0].__name__}", _text_writer(args[0], strict=True))
        return f"type({name}) is tuple", f"(_array(map({helper.__name__}, {name})) if {name} else _EMPTY)"
    if origin is tuple and args and Ellipsis not in args:
        parts = [_text_parts(a, f"{name}[{k}]", helpers) for k, a in enumerate(args)]
        test = " and ".join([f"type({name}) is tuple and len({name}) == {len(args)}", *(t for t, _ in parts)])
        return f"({test})", f"_array(({', '.join(x for _, x in parts)},))"
    raise TypeError(f"no JSON text for {hint!r}")


def _array(texts: Iterable[str]) -> str:
    return "[" + ", ".join(texts) + "]"


@functools.lru_cache(maxsize=None)
def _text_writer(cls: type, strict: bool = False) -> Callable[[Any], str]:
    """A function writing an instance of the dataclass ``cls`` as the JSON text that the standard
    encoder gives for to_json of it, byte for byte, made once per class from its fields' types:
    quicker than making the dict and encoding it, which is most of writing a chronology.
    A value not of its field's type is written the standard way (``strict``: raises _Unwritten,
    for the class that holds it to do so)."""
    encode = json.JSONEncoder(ensure_ascii=False).encode
    names = [f.name for f in dataclasses.fields(cls)]
    hints = typing.get_type_hints(cls)
    helpers: dict[str, Any] = {}
    try:
        parts = [_text_parts(hints[name], f"v{k}", helpers) for k, name in enumerate(names)]
    except TypeError:
        return _unwritten if strict else (lambda value: encode(to_json(value)))
    variables = ", ".join(f"v{k}" for k in range(len(names))) + ("," if len(names) == 1 else "")
    fields = ", ".join(f'"{name}": {{{text}}}' for name, (_, text) in zip(names, parts))
    otherwise = "_unwritten()" if strict else "_encode(to_json(value))"
    source = "\n".join([
        f"def _write_{cls.__name__}(value):",
        "    try:",
        "        if type(value) is not _cls:",
        "            raise _Unwritten",
        f"        {variables} = _get(value)",
        f"        if not ({' and '.join(test for test, _ in parts)}):",
        "            raise _Unwritten",
        f"        return f'{{{{{fields}}}}}'",
        "    except _Unwritten:",
        f"        return {otherwise}",
    ])
    namespace = dict(helpers, _cls=cls, _encode=encode, to_json=to_json, _Unwritten=_Unwritten,
                     _unwritten=_unwritten, _string=json.encoder.encode_basestring, _int=int.__repr__,
                     _float=float.__repr__, _finite=math.isfinite,
                     _date=dt.date, _BOOLEAN={True: "true", False: "false"}, _NULL="null", _EMPTY="[]", _array=_array,
                     _get=operator.attrgetter(*names) if len(names) > 1 else (lambda value: (getattr(value, names[0]),)))
    exec(source, namespace)  # code made here from a dataclass's field names and types only
    return namespace[f"_write_{cls.__name__}"]


@functools.lru_cache(maxsize=None)
def converter(hint: Any) -> Callable[[Any], Any]:
    """A function turning a JSON value back into the type a dataclass field declares (built once per type).

    A value of another JSON type raises TypeError naming the field: a chronology edited by hand (a
    latitude given as text, a count as a 5,000-digit number's text) is refused where it is read,
    not met by an exporter comparing it with a number."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        if len(inner) != 1:
            return _identity
        convert = converter(inner[0])
        return lambda value: None if value is None else convert(value)
    if hint is dt.date:
        return lambda value: None if value is None else dt.date.fromisoformat(value)
    if hint in _SCALARS:
        return _scalar(hint)
    if dataclasses.is_dataclass(hint):
        names = {f.name for f in dataclasses.fields(hint)}
        fields = {k: converter(v) for k, v in typing.get_type_hints(hint).items() if k in names}

        def build(value: Any) -> Any:
            if value is None:
                return None
            if not isinstance(value, dict):
                raise TypeError(f"{_shown(value)}, not an object")
            made = {}
            for name, item in value.items():
                if name in fields:
                    try:
                        made[name] = fields[name](item)
                    except (TypeError, ValueError) as error:
                        raise TypeError(f"field {name!r}: {error}") from None
            return hint(**made)

        return build
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            item = converter(args[0])
            return lambda value: None if value is None else tuple(item(v) for v in _array_of(value))
        if args:
            items = [converter(a) for a in args]

            def fixed(value: Any) -> Any:
                if value is None:
                    return None
                if len(_array_of(value)) != len(items):
                    raise TypeError(f"{_shown(value)}, not {len(items)} values")
                return tuple(c(v) for c, v in zip(items, value))

            return fixed
        return lambda value: None if value is None else tuple(_array_of(value))
    return _identity


# The JSON types a field of each Python type takes: a whole number is a float too, true is no number.
_SCALARS = {str: ((str,), "text"), int: ((int,), "a whole number"), float: ((int, float), "a number"),
            bool: ((bool,), "true or false")}


def _scalar(hint: type) -> Callable[[Any], Any]:
    kinds, said = _SCALARS[hint]

    def convert(value: Any) -> Any:
        if type(value) not in kinds:
            raise TypeError(f"{_shown(value)}, not {said}")
        return float(value) if hint is float else value

    return convert


def _array_of(value: Any) -> list:
    if not isinstance(value, (list, tuple)):
        raise TypeError(f"{_shown(value)}, not a list")
    return value


def _shown(value: Any) -> str:
    """A JSON value in an error: its type, and its start when it is text or a number."""
    if isinstance(value, str):
        return f"text {value[:40]!r}"
    if isinstance(value, (bool, type(None))):
        return json.dumps(value)
    if isinstance(value, (int, float)):
        return "a number" if isinstance(value, int) and value.bit_length() > 64 else f"the number {value!r}"
    return "a list" if isinstance(value, list) else "an object"


_REQUIRED = tuple(f.name for f in dataclasses.fields(Event)
                  if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING)


def checked_event(item: Any, index: int) -> Event:
    """An event read from a chronology that may have been edited by hand, checked field by field.

    The ``date`` value decides the days: ``start`` and ``end`` missing, or outside the days the
    value covers (the date was edited and they were not), are made again from it with its
    precision. Anything else missing or unreadable raises SavedTimelineError naming the event
    (its index and id) and the field, in one line.
    """
    if not isinstance(item, dict):
        raise SavedTimelineError(f"event {index}: not an object")
    where = f"event {index}" + (f" (id {item['id']})" if isinstance(item.get("id"), str) and item["id"] else "")
    date = item.get("date")
    if not isinstance(date, str) or not date:
        raise SavedTimelineError(f"{where}: field 'date' is {'missing' if date is None else repr(date)}; "
                                 "give a TIMEX date value such as 2016-11-04")
    covered = value_interval(date)  # a modifier (LATE ...) narrows the days only by a rule of thumb
    if covered is None:
        raise SavedTimelineError(f"{where}: field 'date' is {date!r}, not a date value "
                                 "(2016-11-04, 2016-11, 2016-W44, 2016 ...)")
    given = {}
    for name in ("start", "end"):
        value = item.get(name)
        if value is None:
            continue
        try:
            given[name] = dt.date.fromisoformat(value)
        except (TypeError, ValueError):
            raise SavedTimelineError(f"{where}: field {name!r} is {value!r}, not an ISO date (YYYY-MM-DD)") from None
    if len(given) < 2 or not covered.start <= given["start"] <= given["end"] <= covered.end:
        days = value_interval(date, item.get("mod") if isinstance(item.get("mod"), str) else None) or covered
        item = dict(item, start=days.start.isoformat(), end=days.end.isoformat(), precision=days.precision)
    missing = [name for name in _REQUIRED if item.get(name) is None]
    if missing:
        raise SavedTimelineError(f"{where}: field {missing[0]!r} is missing")
    try:
        return event_from_dict(item)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise SavedTimelineError(f"{where}: {type(error).__name__}: {error}") from None


def event_to_dict(event: Event) -> dict[str, Any]:
    return to_json(event)


def event_from_dict(data: Mapping[str, Any]) -> Event:
    return converter(Event)(data)


def document_to_dict(document: Document) -> dict[str, Any]:
    return document.metadata()


def document_from_dict(data: Mapping[str, Any]) -> Document:
    return Document(
        name=data["name"],
        text="",
        title=data.get("title") or "",
        source=data.get("source") or "",
        url=data.get("url") or "",
        published=data.get("published"),
        language=data.get("language") or "en",
        extra=tuple((k, v) for k, v in data.items() if k not in DOCUMENT_FIELDS),
    )


def _head(timeline: Timeline) -> dict[str, Any]:
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "title": timeline.title,
        "documents": [document_to_dict(d) for d in timeline.documents],
    }


def timeline_to_dict(timeline: Timeline) -> dict[str, Any]:
    return dict(_head(timeline), events=[event_to_dict(e) for e in timeline.events])


def timeline_from_dict(data: Mapping[str, Any]) -> Timeline:
    if not isinstance(data, dict):
        raise SavedTimelineError("expected an object with an \"events\" list")
    if data.get("format", FORMAT_NAME) != FORMAT_NAME:
        raise SavedTimelineError(f"format is {data.get('format')!r}, not {FORMAT_NAME!r}")
    if not isinstance(data.get("version", FORMAT_VERSION), int) or data.get("version", FORMAT_VERSION) > FORMAT_VERSION:
        raise SavedTimelineError(f"version {data.get('version')!r} is newer than this timeline reads ({FORMAT_VERSION})")
    if not isinstance(data.get("events"), list):
        raise SavedTimelineError("expected an object with an \"events\" list")
    events = [checked_event(item, index) for index, item in enumerate(data["events"])]
    try:
        documents = tuple(document_from_dict(d) for d in data.get("documents", ()))
    except (KeyError, TypeError, AttributeError) as error:
        raise SavedTimelineError(f"documents: {type(error).__name__}: {error}") from None
    return Timeline(events=tuple(events), documents=documents, title=data.get("title", "Timeline"))


def read_timeline(stream: BinaryIO) -> Timeline:
    """Read a chronology written by the json format.

    A file as ``write_json`` lays it out (one event per line) is read line by line, so
    only the events are kept in memory, not the whole parsed document as well; any
    other layout of the same JSON (pretty-printed by another tool, say) is parsed whole.
    """
    # Every object built here lives on and none forms a cycle: collections would walk them for nothing.
    with collector.paused():
        return _read(stream)


def _read(stream: BinaryIO) -> Timeline:
    if stream.seekable():
        start = stream.tell()
        try:
            timeline = _read_line_by_line(stream)
        except _OtherLayout:
            timeline = None
        if timeline is not None:
            return timeline
        stream.seek(start)
    try:
        raw = stream.read()
        data = json.loads(raw, parse_constant=_refuse_constant)
        if not _ASCII_JSON_START.match(raw) or _SURROGATE_ESCAPE_BYTES.search(raw):
            data = without_lone_surrogates(data)
    except SavedTimelineError:
        raise
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise SavedTimelineError(str(error)) from None
    except ValueError:  # Python reads no integer of more digits than sys.get_int_max_str_digits()
        raise SavedTimelineError("it holds a number of thousands of digits, more than any field takes") from None
    except RecursionError:
        raise SavedTimelineError("its values are nested too deeply to be read") from None
    return timeline_from_dict(data)


# JSON may escape half of a UTF-16 pair on its own ("\\ud800"), which Python reads as a string that
# no UTF-8 output can write: every exporter would fail on it. Such escapes are searched for in the
# text (cheap), and only then are the strings read walked and each lone half made U+FFFD.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_SURROGATE_ESCAPE_BYTES = re.compile(rb"\\u[dD][89a-fA-F]")
_ASCII_JSON_START = re.compile(rb"\s*[\[{]")  # UTF-8 or ASCII, which the bytes search reads right
_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")


def without_lone_surrogates(value: Any) -> Any:
    """``value`` read from JSON, with every lone surrogate in its strings made U+FFFD."""
    if isinstance(value, str):
        return _LONE_SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [without_lone_surrogates(item) for item in value]
    if isinstance(value, dict):
        return {without_lone_surrogates(key): without_lone_surrogates(item) for key, item in value.items()}
    return value


def _loads(line: str) -> Any:
    """One piece of a chronology's JSON, its strings all writable as UTF-8."""
    data = json.loads(line, parse_constant=_refuse_constant)
    return without_lone_surrogates(data) if _SURROGATE_ESCAPE.search(line) else data


def _refuse_constant(name: str):
    """NaN and Infinity are not JSON (RFC 8259): Python reads and writes them, other readers fail."""
    raise SavedTimelineError(f"it holds {name}, which is not a JSON value; write a number or null")


class _OtherLayout(Exception):
    """The file is not laid out as write_json writes it."""


EVENTS_OPENING = '  "events": [\n'


def _read_line_by_line(stream: BinaryIO) -> Timeline:
    lines = io.TextIOWrapper(stream, encoding="utf-8", errors="strict", newline="\n")
    try:
        head = []
        for line in lines:
            if line == EVENTS_OPENING:
                break
            head.append(line)
            if len(head) > 100_000:
                raise _OtherLayout
        else:
            raise _OtherLayout
        try:
            data = _loads("".join(head).rstrip().rstrip(",") + "}")
        except SavedTimelineError:
            raise
        except (ValueError, RecursionError):
            raise _OtherLayout from None
        data["events"] = []
        header = timeline_from_dict(data)
        events = []
        for index, line in enumerate(lines):
            if line == "  ]\n":
                break
            if not line.startswith("    {"):
                raise _OtherLayout
            try:
                item = _loads(line.rstrip().rstrip(","))
            except SavedTimelineError:
                raise
            except (ValueError, RecursionError):
                raise _OtherLayout from None
            events.append(checked_event(item, index))
        else:
            raise _OtherLayout
        if "".join(lines).strip() != "}":
            raise _OtherLayout
    except UnicodeDecodeError as error:
        raise SavedTimelineError(str(error)) from None
    finally:
        lines.detach()
    return Timeline(events=tuple(events), documents=header.documents, title=header.title)


def write_json(timeline: Timeline, stream: BinaryIO, options: Mapping[str, Any]) -> None:
    """Write the chronology with one event per line: quick to write, grep and diff, and still one JSON object."""
    head = json.dumps(_head(timeline), ensure_ascii=False, indent=2)
    if not timeline.events:
        stream.write((head[:-2] + ',\n  "events": []\n}\n').encode("utf-8"))
        return
    stream.write((head[:-2] + ',\n  "events": [').encode("utf-8"))
    write_event = _text_writer(Event)  # as the encoder writes event_to_dict(event), without indent
    separator = "\n    "
    batch: list[str] = []
    for event in timeline.events:
        batch.append(separator)
        batch.append(write_event(event))
        separator = ",\n    "
        if len(batch) >= 2000:
            stream.write("".join(batch).encode("utf-8"))
            batch.clear()
    batch.append("\n  ]\n}\n")
    stream.write("".join(batch).encode("utf-8"))


@hookimpl
def register_exporters(register):
    register(Exporter(name="json", write=write_json, suffixes=(".json",),
                      description="Lossless JSON: documents and events (the format `timeline export` reads)"))
