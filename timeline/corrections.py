"""Corrections: what an analyst changes in a chronology, kept apart from what the machine found.

A correction sets one field of one event (``status``, ``date``, ``title``, ``event_type``,
``location``, ``actor1``, ``actor2``, ``notes``) or adds an event by hand (``added``), with
who made it and when. Corrections are applied in the order they were made, the last one of a
field winning, so applying one more to an event already corrected gives what applying them
all again would: that is what lets them survive `timeline add` and a rebuild.
"""
from __future__ import annotations

import datetime as dt
import getpass
import hashlib
import json
from dataclasses import dataclass, replace
from typing import Any, Iterable

from .events import Event, Location, Mention
from .temporal.values import value_interval

FIELDS = ("status", "date", "title", "event_type", "location", "actor1", "actor2", "notes")
ADDED = "added"
STATUSES = ("keep", "reject")


class CorrectionError(ValueError):
    """A correction that cannot be made (a date that is no date, an unknown status)."""


@dataclass(frozen=True)
class Correction:
    """One change to one event: ``value`` is the field's new value as text."""

    event_id: str
    field: str
    value: str
    by: str = ""
    at: str = ""


def analyst() -> str:
    """Who is correcting, when not said: the login name."""
    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers
        return "unknown"


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


def checked(field: str, value: str) -> str:
    """``value`` as the field takes it; raises CorrectionError for one it cannot take."""
    value = value.strip()
    if field == "status":
        if value.lower() not in STATUSES:
            raise CorrectionError(f"status {value!r} is not one of {', '.join(STATUSES)}")
        return value.lower()
    if field == "date":
        if value_interval(value) is None:
            raise CorrectionError(f"date {value!r} is not a date value (2016-11-04, 2016-11, 2016-W44, 2016, "
                                  "or a range 2016-11-04/2016-11-06)")
        return value
    if field in ("title", "event_type") and not value:
        raise CorrectionError(f"{field} cannot be empty")
    return value


def apply(event: Event, correction: Correction) -> Event:
    """The event with one correction made."""
    field, value = correction.field, correction.value
    if field == "status":
        event = replace(event, status=value)
    elif field == "date":
        days = value_interval(value)
        if days is None:  # refused when made; a stored one is skipped rather than fail every export
            return event
        event = replace(event, date=value, start=days.start, end=days.end, precision=days.precision, mod=None)
    elif field == "title":
        event = replace(event, title=value)
    elif field == "event_type":
        event = replace(event, event_type=value)
    elif field == "location":
        event = replace(event, location=Location(name=value, text=value) if value else None)
    elif field in ("actor1", "actor2"):
        event = replace(event, **{field: Mention(text=value, name=value) if value else None})
    elif field == "notes":
        event = replace(event, notes=value)
    else:
        return event
    done = [name for name in event.corrected.split("; ") if name]
    if field not in done:
        done.append(field)
    return replace(event, corrected="; ".join(done))


def apply_all(event: Event, corrections: Iterable[Correction]) -> Event:
    for correction in corrections:
        event = apply(event, correction)
    return event


def added_event(date: str, title: str, source: str, sentence: str = "", by: str = "", at: str = "") -> Correction:
    """The correction that adds an event by hand: its date, title and source (a document or address)."""
    date = checked("date", date)
    title = checked("title", title)
    if not source.strip():
        raise CorrectionError("an event added by hand needs a --source (a document name or an address)")
    identity = "h" + hashlib.sha256(f"{date}\0{title}\0{source}\0{at}".encode()).hexdigest()[:11]
    url = source if source.startswith(("http://", "https://")) else ""
    value = {"date": date, "title": title, "sentence": sentence or title, "document": source, "url": url}
    return Correction(identity, ADDED, json.dumps(value, ensure_ascii=False), by, at)


def event_added(correction: Correction) -> Event:
    """The event a correction ``added`` made."""
    value: dict[str, Any] = json.loads(correction.value)
    days = value_interval(value["date"])
    return Event(date=value["date"], start=days.start, end=days.end, precision=days.precision,
                 title=value["title"], sentence=value["sentence"], document=value["document"], offset=(0, 0),
                 date_source="analyst", url=value.get("url", ""), id=correction.event_id, corrected=ADDED)
