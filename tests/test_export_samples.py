"""Sample chronologies for the exporter tests: every precision and the texts that break formats."""
import datetime as dt

from timeline.chronology import Timeline
from timeline.documents import Document
from timeline.events import Event, Mention, Source

LONG_SENTENCE = "Long " + "word " * 8000 + "end."  # beyond an Excel cell's 32,767 characters
HOSTILE_SENTENCES = (
    '=HYPERLINK("http://example.invalid/steal","click")',
    "+1 more shelling was reported.",
    "-- a dash-led line from a wire service.",
    "@everyone the bridge is closed.",
    "\tTabbed start of a sentence.",
)


def make_event(date, start, end, precision, sentence, document="a.txt", offset=(0, 10), **extra):
    return Event(date=date, start=start, end=end, precision=precision, title=sentence[:90],
                 sentence=sentence, document=document, offset=offset, date_source="explicit", **extra)


def sample_timeline(title="Sample chronology") -> Timeline:
    d = dt.date
    documents = (
        Document(name="a.txt", text="", title="Siege lifted", source="Wire", url="https://example.org/a",
                 published="2016-11-05", extra=(("notes", "front page"),)),
        Document(name="b.txt", text="", title="", source="", url="", published=None),
    )
    events = [
        make_event("1850-03-05", d(1850, 3, 5), d(1850, 3, 5), "day", "A day before Excel's calendar.",
                   offset=(0, 30)),
        make_event("2015", d(2015, 1, 1), d(2015, 12, 31), "year", "The fighting began in 2015.", offset=(31, 60)),
        make_event("2016-08", d(2016, 8, 21), d(2016, 8, 31), "month", "In late August the road was cut.",
                   offset=(61, 90), mod="LATE", expression="late August"),
        make_event("2016-08", d(2016, 8, 1), d(2016, 8, 31), "month", "August was the worst month.",
                   document="b.txt", offset=(0, 27)),
        make_event("2016-W43-WE", d(2016, 10, 29), d(2016, 10, 30), "week", "Last weekend the convoy waited.",
                   offset=(91, 120), expression="last weekend"),
        make_event("2016-SU", d(2016, 6, 1), d(2016, 8, 31), "season", "Over the summer prices tripled.",
                   document="b.txt", offset=(28, 60)),
        make_event("2016-11-03", d(2016, 11, 3), d(2016, 11, 3), "day",
                   "Rebels launched an offensive on Thursday in Aleppo, Syria.", offset=(121, 180),
                   expression="Thursday", url="https://example.org/a",
                   places=(Mention("Aleppo", "Aleppo", "city"), Mention("Syria", "", "country")),
                   actors=(Mention("Rebels", "Rebels", "group"),),
                   sources=(Source("b.txt", (61, 120), "Rebels attacked on Thursday.", "https://example.net/b"),)),
        make_event("2016-11-04T09:00", d(2016, 11, 4), d(2016, 11, 4), "time",
                   "At 9 a.m. on Friday the pause began.", offset=(181, 220), expression="9 a.m. on Friday",
                   url="https://example.org/a"),
        make_event("2016-11-05", d(2016, 11, 5), d(2016, 11, 5), "day", "Bell\x07 and \x0bcontrol characters.",
                   offset=(221, 250)),
        make_event("2016-11-06", d(2016, 11, 6), d(2016, 11, 6), "day", LONG_SENTENCE, offset=(251, 40260)),
        make_event("2016-11-07", d(2016, 11, 7), d(2016, 11, 7), "day",
                   'Ünïcödé — "quoted", comma, and a\nline break <b>bold</b> & [link](javascript:alert(1)).',
                   offset=(40261, 40350)),
    ]
    for index, sentence in enumerate(HOSTILE_SENTENCES):
        events.append(make_event("2016-11-08", d(2016, 11, 8), d(2016, 11, 8), "day", sentence,
                                 document="b.txt", offset=(200 + index * 60, 250 + index * 60)))
    return Timeline.build(documents, events, title=title)


def test_sample_timeline_is_in_chronological_order():
    events = sample_timeline().events
    assert [e.start for e in events] == sorted(e.start for e in events)
    assert {e.precision for e in events} >= {"day", "time", "week", "month", "season", "year"}


def export(tmp_path, timeline, *args, env=None):
    """Save ``timeline`` as JSON and re-export it through the command line: (result, output bytes)."""
    from click.testing import CliRunner

    from timeline.cli import cli
    from timeline.exporters.json_format import write_json

    saved = tmp_path / "saved.json"
    with open(saved, "wb") as stream:
        write_json(timeline, stream, {})
    result = CliRunner().invoke(cli, ["export", str(saved), *args], env=env, catch_exceptions=False)
    return result, result.stdout_bytes


def coded_timeline(title="Coded chronology") -> Timeline:
    """The sample chronology with what an analyst codes filled in on some events: type, actors,
    place with coordinates (one place without them), toll; one planned event on the map."""
    import dataclasses

    from timeline.events import Casualties, Location

    aleppo = Location("Aleppo", "Aleppo", 36.2021, 37.1343, "Aleppo", "Syria", "town", "sentence")
    events = list(sample_timeline().events)
    changes = {
        2: dict(event_type="Violence against civilians", actor1=Mention("", "Government forces"),
                location=Location("Aleppo", "Aleppo", 36.2021, 37.1343, "Aleppo", "Syria", "region", "lead")),
        4: dict(event_type="Strategic developments", sub_event_type="Non-violent transfer of territory",
                location=Location("Idlib", "Idlib", 35.9306, 36.6339, "Idlib", "Syria", "town", "headline")),
        6: dict(event_type="Battles", sub_event_type="Armed clash", actor1=Mention("Rebels", "Rebels", "group"),
                actor2=Mention("", "Government forces"), location=aleppo,
                fatalities=Casualties(12, "at least", text="at least 12 people were killed")),
        7: dict(event_type="Explosions/Remote violence", sub_event_type="Air/drone strike", future=True,
                location=Location("Syria", "Syria", 35.0, 38.5, "", "Syria", "country", "sentence"),
                fatalities=Casualties(0)),
        8: dict(location=Location("Nowhere", "Nowhere")),  # a place the gazetteer could not put on a map
        11: dict(location=Location("Hama", "Hama", 35.1318, 36.7578, "Hama", "Syria", "town", "sentence"),
                 actor1=Mention("", "=cmd|' /C calc'!A0")),
    }
    # Indexes are of the chronological order: 2 is the summer, 4 late August, 6 the offensive.
    for index, change in changes.items():
        events[index] = dataclasses.replace(events[index], **change)
    return Timeline.build(sample_timeline().documents, events, title=title)


LOCATED_IN_CODED = 5  # events of coded_timeline() with coordinates
