"""The quality harness: the chronology we produce, judged against chronologies written by hand.

A gold file (JSON) names a document and the events a careful analyst would list:

    {"document": "articles/wire.md",            # relative to the gold file
     "events": [{"id": "entered", "key": "entered the town on Thursday",
                 "date": "2018-12-13", "precision": "day",   # date may be a list of accepted values
                 "required": true, "future": false}]}

A gold entry may also give what an analyst codes: ``type`` and ``sub_type`` (ACLED's), ``actor1``,
``actor2``, ``fatalities`` and ``place`` (a value, ``null`` for none, or a list of accepted values);
each is scored on the events found: right, wrong or missing (:func:`field_rows`).

An event of ours belongs to a gold entry when the entry's ``key`` phrase is in its
sentence (several entries may share a sentence: two happenings). The score counts
required events found with the right date, events with a wrong date (or a wrong
``future`` flag), required events missing, and events that should not exist (no gold
entry at all: captions, comments, durations, habits). ``thresholds.json`` beside the
gold files holds the level reached so far; :func:`check` reports any regression and
:func:`ratchet` raises the level, never lowers it.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from .documents import Problem
from .events import Event
from .inputs import read_documents
from .pipeline import Options, process_document
from .temporal import interval_of

THRESHOLDS_FILE = "thresholds.json"


class GoldError(ValueError):
    """A gold file that cannot be used; the message names the file."""


@dataclass(frozen=True)
class GoldEvent:
    id: str
    key: str
    dates: tuple[str, ...] = ()
    precision: str | None = None
    required: bool = True
    future: bool | None = None
    # What an analyst codes, field -> accepted values (None: the text gives none); a field not
    # given is not judged.
    fields: tuple[tuple[str, tuple], ...] = ()

    def date_matches(self, event: Event) -> bool:
        """Right date: one of the accepted values, or the same days at the same precision."""
        if not self.dates:
            return True
        if event.date in self.dates:
            return True
        for value in self.dates:
            interval = interval_of(value)
            if interval and (interval.start, interval.end) == (event.start, event.end):
                if (self.precision or interval.precision) == event.precision:
                    return True
        return False


@dataclass(frozen=True)
class Gold:
    name: str
    document: Path
    events: tuple[GoldEvent, ...]
    description: str = ""


# The analyst's fields of a gold event: gold key -> how to read it off an Event.
FIELDS = {
    "type": lambda e: e.event_type,
    "sub_type": lambda e: e.sub_event_type or None,
    "actor1": lambda e: e.actor1.name if e.actor1 else None,
    "actor2": lambda e: e.actor2.name if e.actor2 else None,
    "fatalities": lambda e: e.fatalities.count if e.fatalities else None,
    "place": lambda e: e.location.name if e.location else None,
}


@dataclass
class FieldScore:
    """One analyst field over the events found: right, wrong (a value the gold does not accept,
    a figure where the text gives none) and missing (no value where the gold has one)."""

    right: int = 0
    wrong: list[tuple[str, str]] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


@dataclass
class Score:
    """How one document's events compare with its gold chronology."""

    name: str
    required: int = 0
    found: list[str] = field(default_factory=list)
    wrong: list[tuple[str, str]] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    spurious: list[tuple[str, str]] = field(default_factory=list)
    fields: dict[str, FieldScore] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {
            "name": self.name, "required": self.required, "found": len(self.found), "wrong": len(self.wrong),
            "missing": len(self.missing), "spurious": len(self.spurious),
        }


def _normal(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", text).strip().lower()


def load_gold(path: Path) -> Gold:
    """One gold file."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        events = []
        for item in data["events"]:
            date = item.get("date")
            dates = tuple(date) if isinstance(date, list) else ((date,) if date else ())
            coded = tuple(
                (name, tuple(item[name]) if isinstance(item[name], list) else (item[name],))
                for name in FIELDS if name in item
            )
            events.append(GoldEvent(
                id=str(item["id"]), key=item["key"], dates=dates, precision=item.get("precision"),
                required=bool(item.get("required", True)), future=item.get("future"), fields=coded,
            ))
        ids = [e.id for e in events]
        if len(ids) != len(set(ids)):
            raise GoldError(f"{path}: event ids are not unique")
        return Gold(path.stem, (path.parent / data["document"]).resolve(), tuple(events), data.get("description", ""))
    except (OSError, ValueError, KeyError, TypeError) as error:
        if isinstance(error, GoldError):
            raise
        raise GoldError(f"{path}: not a gold file ({error})") from None


def load_golds(folder: Path) -> list[Gold]:
    return [load_gold(path) for path in sorted(Path(folder).glob("*.json")) if path.name != THRESHOLDS_FILE]


def score(gold: Gold, events: Iterable[Event]) -> Score:
    """Compare one document's events with its gold entries."""
    result = Score(gold.name, required=sum(e.required for e in gold.events))
    claimed: dict[str, Event] = {}
    wrong: dict[str, Event] = {}
    for event in events:
        sentence = _normal(event.sentence)
        candidates = [g for g in gold.events if _normal(g.key) in sentence]
        if not candidates:
            result.spurious.append((event.date, event.sentence))
            continue
        right = [g for g in candidates if g.date_matches(event) and g.id not in claimed]
        if right:
            chosen = right[0]
            if chosen.future is not None and chosen.future != event.future:
                wrong.setdefault(chosen.id, event)
            else:
                claimed[chosen.id] = event
            continue
        if any(g.date_matches(event) for g in candidates):
            continue  # a second report of an entry already found
        open_entries = [g for g in candidates if g.id not in claimed] or candidates
        wrong.setdefault(open_entries[0].id, event)
    for entry in gold.events:
        if entry.id in claimed:
            _score_fields(result, entry, claimed[entry.id])
            if entry.required:
                result.found.append(entry.id)
        elif entry.id in wrong:
            event = wrong[entry.id]
            result.wrong.append((entry.id, f"{event.date}{' future' if event.future else ''}"))
        elif entry.required:
            result.missing.append(entry.id)
    return result


def _score_fields(result: Score, entry: GoldEvent, event: Event) -> None:
    for name, accepted in entry.fields:
        tally = result.fields.setdefault(name, FieldScore())
        ours = FIELDS[name](event)
        if ours in accepted:
            tally.right += 1
        elif ours is None:
            tally.missing.append(entry.id)
        else:
            tally.wrong.append((entry.id, str(ours)))


def field_rows(scores: Iterable[Score]) -> list[dict]:
    """Per analyst field over all documents: right, wrong, missing and the share right."""
    rows = []
    for name in FIELDS:
        right = wrong = missing = 0
        for result in scores:
            tally = result.fields.get(name)
            if tally is not None:
                right, wrong, missing = right + tally.right, wrong + len(tally.wrong), missing + len(tally.missing)
        total = right + wrong + missing
        if total:
            rows.append({"field": name, "right": right, "wrong": wrong, "missing": missing,
                         "share right": f"{right / total:.0%}"})
    return rows


def evaluate(folder: Path, options: Options = Options()) -> list[Score]:
    """Score every gold file in ``folder`` against the pipeline's events for its document."""
    scores = []
    for gold in load_golds(folder):
        problems: list[Problem] = []
        documents = list(read_documents([str(gold.document)], problems=problems))
        if problems or not documents:
            raise GoldError(f"{gold.name}: cannot read {gold.document} ({'; '.join(map(str, problems))})")
        result = process_document(documents[0], options)
        scores.append(score(gold, result.events))
    return scores


def load_thresholds(folder: Path) -> dict:
    path = Path(folder) / THRESHOLDS_FILE
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def check(scores: Iterable[Score], thresholds: dict) -> list[str]:
    """Regressions against ``thresholds``: events found before and now lost, more wrong or spurious."""
    failures = []
    for result in scores:
        level = thresholds.get(result.name)
        if level is None:
            failures.append(f"{result.name}: no thresholds recorded (run `timeline quality --update`)")
            continue
        lost = sorted(set(level.get("found", [])) - set(result.found))
        if lost:
            failures.append(f"{result.name}: required events no longer found with the right date: {', '.join(lost)}")
        if len(result.wrong) > level.get("max_wrong", 0):
            failures.append(f"{result.name}: {len(result.wrong)} events with a wrong date (at most {level['max_wrong']}): {result.wrong}")
        if len(result.spurious) > level.get("max_spurious", 0):
            failures.append(
                f"{result.name}: {len(result.spurious)} events that should not exist (at most {level['max_spurious']}): "
                + "; ".join(f"{d} {s[:60]!r}" for d, s in result.spurious)
            )
        for name, reached in level.get("fields", {}).items():
            tally = result.fields.get(name, FieldScore())
            if tally.right < reached.get("right", 0):
                failures.append(f"{result.name}: {name} right for {tally.right} events (at least {reached['right']}); "
                                f"wrong {tally.wrong}, missing {tally.missing}")
            if len(tally.wrong) > reached.get("max_wrong", 0):
                failures.append(f"{result.name}: {name} wrong for {len(tally.wrong)} events (at most {reached['max_wrong']}): {tally.wrong}")
    return failures


def ratchet(scores: Iterable[Score], thresholds: dict) -> dict:
    """Thresholds raised to the level of ``scores``; a level once reached is never lowered."""
    updated = dict(thresholds)
    for result in scores:
        level = thresholds.get(result.name)
        if level is None:
            updated[result.name] = {
                "found": sorted(result.found), "max_wrong": len(result.wrong), "max_spurious": len(result.spurious),
            }
            level = {}
        else:
            updated[result.name] = {
                "found": sorted(set(level.get("found", [])) | set(result.found)),
                "max_wrong": min(level.get("max_wrong", 0), len(result.wrong)),
                "max_spurious": min(level.get("max_spurious", 0), len(result.spurious)),
            }
        fields = {}
        for name, tally in result.fields.items():
            reached = level.get("fields", {}).get(name)
            if reached is None:
                fields[name] = {"right": tally.right, "max_wrong": len(tally.wrong)}
            else:
                fields[name] = {"right": max(reached["right"], tally.right),
                                "max_wrong": min(reached["max_wrong"], len(tally.wrong))}
        if fields:
            updated[result.name]["fields"] = dict(sorted(fields.items()))
    return updated


def save_thresholds(folder: Path, thresholds: dict) -> None:
    path = Path(folder) / THRESHOLDS_FILE
    path.write_text(json.dumps(thresholds, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def summary_rows(scores: Iterable[Score]) -> list[dict]:
    rows = [s.as_dict() for s in scores]
    total = {"name": "TOTAL"}
    for column in ("required", "found", "wrong", "missing", "spurious"):
        total[column] = sum(r[column] for r in rows)
    return rows + [total]
