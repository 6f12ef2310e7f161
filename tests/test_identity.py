"""Stable event ids: the same evidence gives the same id, whatever order documents come in."""
import csv
import json
import shutil

import icalendar
from click.testing import CliRunner

from timeline.build import build_timeline
from timeline.chronology import merge_events
from timeline.cli import cli
from timeline.documents import Document
from timeline.pipeline import process_document

from conftest import ALIKE_REPORTS


def _events(names):
    return [e for name in names for e in process_document(Document(name=name, text=ALIKE_REPORTS[name],
                                                                     published="2016-06-30")).events]


def _key(event):
    return (event.id, event.date, event.document, event.sentence, tuple(s.document for s in event.sources))


def test_merging_gives_the_same_events_and_ids_in_any_order_of_documents():
    orders = (["a.txt", "b.txt", "c.txt"], ["c.txt", "b.txt", "a.txt"], ["b.txt", "a.txt", "c.txt"])
    results = [sorted(map(_key, merge_events(_events(order)))) for order in orders]
    assert results[0] == results[1] == results[2]
    assert len({key[0] for key in results[0]}) == len(results[0])  # ids are unique
    merged = [key for key in results[0] if key[4]]
    assert merged  # some reports were merged


def test_a_merged_event_takes_the_id_of_its_earliest_report():
    merged = [e for e in merge_events(_events(["a.txt", "b.txt", "c.txt"])) if e.sources]
    for event in merged:
        ids = {event.id, *(s.id for s in event.sources)}
        assert event.id == min(ids) or event.id in ids


def _uids(folder, tmp_path, name):
    result = CliRunner().invoke(cli, ["build", str(folder), "-q", "-o", str(tmp_path / name)])
    assert result.exit_code in (0, 1), result.output
    calendar = icalendar.Calendar.from_ical((tmp_path / name).read_bytes())
    return {str(e["uid"]) for e in calendar.walk("VEVENT")}


def test_a_reprint_whose_name_sorts_first_changes_no_uid(seeds_dir, tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(seeds_dir, corpus)
    before = _uids(corpus, tmp_path, "before.ics")
    rows = list(csv.DictReader((corpus / "articles.csv").open(encoding="utf-8")))
    original = rows[1]
    shutil.copy(corpus / original["file"], corpus / "0_reprint.txt")
    with (corpus / "articles.csv").open("a", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writerow(dict(original, file="0_reprint.txt", source="Another outlet"))
    after = _uids(corpus, tmp_path, "after.ics")
    assert before and before == after


def test_ids_are_in_json_and_the_same_in_the_calendar(seeds_dir, tmp_path):
    timeline = build_timeline([Document(name=n, text=t, published="2016-06-30") for n, t in ALIKE_REPORTS.items()],
                              merge=True)
    assert all(e.id for e in timeline.events)
    result = CliRunner().invoke(cli, ["build", str(seeds_dir), "-q", "-f", "json"])
    events = json.loads(result.stdout)["events"]
    assert all(e["id"] for e in events) and len({e["id"] for e in events}) == len(events)
