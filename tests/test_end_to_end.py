"""The seed chronology through the command line, read back by each format's real reader."""
import csv
import io
import json
from pathlib import Path

import icalendar
import openpyxl
import pytest
from click.testing import CliRunner

from timeline.cli import cli

# (document prefix, words of the evidence sentence, date value, first day, last day, precision)
SEED_EVENTS = [
    ("000", "captured the southern Aleppo towns", "2016-05-06", "2016-05-06", "2016-05-06", "day"),
    ("001", "even sources close to the regime had to report the loss", "2016-08-06", "2016-08-06", "2016-08-06", "day"),
    ("001", "did not subside last night", "2016-08-06TNI", "2016-08-06", "2016-08-06", "day"),
    ("001", "Already yesterday they started artillery shelling", "2016-08-06", "2016-08-06", "2016-08-06", "day"),
    ("002", "ISIS launched an offensive from Al-Alyaniyah", "2017-04-08", "2017-04-08", "2017-04-08", "day"),
    ("003", "Rebels launched the second stage of their offensive", "2016-11-03", "2016-11-03", "2016-11-03", "day"),
    ("003", "the territory taken by rebels last weekend", "2016-W43-WE", "2016-10-29", "2016-10-30", "week"),
    ("003", "reimposed the siege in late August", "2016-08", None, "2016-08-31", "month"),
    ("003", "There were varying reports on Thursday night", "2016-11-03TNI", "2016-11-03", "2016-11-03", "day"),
    ("003", "President Vladimir Putin said on Wednesday", "2016-11-02", "2016-11-02", "2016-11-02", "day"),
    ("003", "escalated attacks from September 19", "2016-09-19", "2016-09-19", "2016-09-19", "day"),
    ("003", "On October 18, Moscow declared a pause", "2016-10-18", "2016-10-18", "2016-10-18", "day"),
    ("003", "documented 55 deaths on Thursday", "2016-11-03", "2016-11-03", "2016-11-03", "day"),
    ("003", "Aftermath of an attack on Atareb", "2016-11-04", "2016-11-04", "2016-11-04", "day"),
    ("003", "The Islamic State destroyed a Russian helicopter", "2016-11-03", "2016-11-03", "2016-11-03", "day"),
]


@pytest.fixture(scope="module")
def seed_json():
    seeds = Path(__file__).resolve().parent.parent / "seeds"
    result = CliRunner().invoke(cli, ["build", str(seeds), "-f", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _events_for(data, document_prefix, words):
    return [e for e in data["events"] if e["document"].startswith(document_prefix) and words in e["sentence"]]


@pytest.mark.parametrize("document,words,value,first,last,precision", SEED_EVENTS)
def test_every_dated_seed_happening_has_its_date(seed_json, document, words, value, first, last, precision):
    matches = _events_for(seed_json, document, words)
    assert matches, f"no event for {words!r}"
    dated = [e for e in matches if e["date"] == value]
    assert dated, f"{words!r}: dates {[e['date'] for e in matches]}, expected {value}"
    event = dated[0]
    if first:
        assert event["start"] == first
    assert event["end"] == last
    assert event["precision"] == precision
    assert event["date_source"] in ("explicit", "relative")


def test_lead_event_of_an_article_without_dates_comes_from_publication(seed_json):
    events = [e for e in seed_json["events"] if e["document"].startswith("004")]
    assert any(e["date_source"] == "publication" and e["date"] == "2020-10-27" for e in events)


NOT_DATES = ("1070", "3000", "2,500", "5,000", "1,489", "0 $", "15km", "11-16", "25,000", "600", "55", "17", "300",
             "160", "70", "100", "40 km", "25 miles")


def test_numbers_that_are_not_dates_are_not_tagged(seeds_dir):
    from timeline import temporal
    from timeline.documents import read_documents

    for document in read_documents([str(seeds_dir)]):
        for expression in temporal.tag(document.text, dct=document.published):
            assert not any(number in expression.text for number in NOT_DATES), (document.name, expression)


def test_nothing_from_reader_comments(seed_json):
    for event in seed_json["events"]:
        assert "Solomon Krupacek" not in event["sentence"]
        assert "after 1 year of my permanent critics" not in event["sentence"]


def test_json_contract(seed_json):
    assert {d["name"] for d in seed_json["documents"]} == {
        "000_5197954e2fd5eb41.txt", "001_4ab27a3fd0262cc6.txt", "002_9b3fe07904c77ad0.txt",
        "003_57ef6752fde517cb.txt", "004_2ac68b9a5e582cfe.txt"}
    keys = {"date", "start", "end", "precision", "title", "sentence", "document", "offset", "date_source"}
    for event in seed_json["events"]:
        assert keys <= set(event)
        assert event["precision"] in ("year", "quarter", "season", "month", "week", "day", "time")
    starts = [(e["start"], e["end"]) for e in seed_json["events"]]
    assert starts == sorted(starts)


def test_offsets_point_at_the_sentence(seed_json, seeds_dir):
    for event in seed_json["events"]:
        text = (seeds_dir / event["document"]).read_text(encoding="utf-8")
        start, end = event["offset"]
        assert text[start:end] == event["sentence"]


def test_every_format_opens_in_its_reader(tmp_path, seeds_dir, seed_json):
    runner = CliRunner()
    for suffix in ("csv", "xlsx", "ics", "json"):
        result = runner.invoke(cli, ["build", str(seeds_dir), "-o", str(tmp_path / f"t.{suffix}")])
        assert result.exit_code == 0, result.output
    count = len(seed_json["events"])
    rows = list(csv.DictReader(io.StringIO((tmp_path / "t.csv").read_text(encoding="utf-8-sig"))))
    assert len(rows) == count
    assert rows[0]["date"] == seed_json["events"][0]["date"]
    workbook = openpyxl.load_workbook(tmp_path / "t.xlsx")
    sheet = workbook.worksheets[0]
    assert sheet.max_row - 1 == count
    calendar = icalendar.Calendar.from_ical((tmp_path / "t.ics").read_bytes())
    vevents = calendar.walk("VEVENT")
    assert vevents and all("UID" in v and "DTSTAMP" in v for v in vevents)
    assert json.loads((tmp_path / "t.json").read_text(encoding="utf-8")) == seed_json


@pytest.mark.parametrize("arguments", [["plugins"], ["plugins", "--all"]])
def test_plugins_lists_builtins_and_the_example(seeds_dir, monkeypatch, arguments):
    monkeypatch.chdir(seeds_dir.parent)  # ./plugins holds the example plugin
    result = CliRunner().invoke(cli, [*arguments, "--plugins-dir", "plugins"], env={"TIMELINE_LOAD_PLUGINS": ""})
    assert result.exit_code == 0, result.output
    for name in ("json", "csv", "xlsx", "ics", "table"):
        assert name in result.output
    assert "markdown_exporter" in result.output and "example-markdown" in result.output
