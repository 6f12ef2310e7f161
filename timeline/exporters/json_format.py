"""JSON: the lossless format other tools rely on."""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any, BinaryIO

from ..chronology import Timeline
from ..documents import Document
from ..events import Event, Mention, Source
from ..hookspecs import hookimpl
from .base import Exporter

FORMAT_VERSION = 1


def event_to_dict(event: Event) -> dict[str, Any]:
    return {
        "date": event.date,
        "start": event.start.isoformat(),
        "end": event.end.isoformat(),
        "precision": event.precision,
        "title": event.title,
        "sentence": event.sentence,
        "document": event.document,
        "offset": list(event.offset),
        "date_source": event.date_source,
        "expression": event.expression,
        "mod": event.mod,
        "future": event.future,
        "url": event.url,
        "places": [dataclasses.asdict(m) for m in event.places],
        "actors": [dataclasses.asdict(m) for m in event.actors],
        "sources": [dict(dataclasses.asdict(s), offset=list(s.offset)) for s in event.sources],
    }


def event_from_dict(data: dict[str, Any]) -> Event:
    return Event(
        date=data["date"],
        start=dt.date.fromisoformat(data["start"]),
        end=dt.date.fromisoformat(data["end"]),
        precision=data["precision"],
        title=data["title"],
        sentence=data["sentence"],
        document=data["document"],
        offset=tuple(data["offset"]),
        date_source=data["date_source"],
        expression=data.get("expression", ""),
        mod=data.get("mod"),
        future=bool(data.get("future", False)),
        url=data.get("url", ""),
        places=tuple(Mention(**m) for m in data.get("places", ())),
        actors=tuple(Mention(**m) for m in data.get("actors", ())),
        sources=tuple(Source(**dict(s, offset=tuple(s["offset"]))) for s in data.get("sources", ())),
    )


def document_to_dict(document: Document) -> dict[str, Any]:
    return document.metadata()


def document_from_dict(data: dict[str, Any]) -> Document:
    known = {"name", "title", "source", "url", "published", "language"}
    return Document(
        name=data["name"],
        text="",
        title=data.get("title") or "",
        source=data.get("source") or "",
        url=data.get("url") or "",
        published=data.get("published"),
        language=data.get("language") or "en",
        extra=tuple((k, v) for k, v in data.items() if k not in known),
    )


def timeline_to_dict(timeline: Timeline) -> dict[str, Any]:
    return {
        "format": "timeline",
        "version": FORMAT_VERSION,
        "title": timeline.title,
        "documents": [document_to_dict(d) for d in timeline.documents],
        "events": [event_to_dict(e) for e in timeline.events],
    }


def timeline_from_dict(data: dict[str, Any]) -> Timeline:
    return Timeline(
        events=tuple(event_from_dict(e) for e in data["events"]),
        documents=tuple(document_from_dict(d) for d in data.get("documents", ())),
        title=data.get("title", "Timeline"),
    )


def write_json(timeline: Timeline, stream: BinaryIO, options: dict[str, Any]) -> None:
    text = json.dumps(timeline_to_dict(timeline), ensure_ascii=False, indent=2)
    stream.write(text.encode("utf-8") + b"\n")


@hookimpl
def register_exporters(register):
    register(Exporter(name="json", write=write_json, suffixes=(".json",),
                      description="Lossless JSON: documents and events (the format `timeline export` reads)"))
