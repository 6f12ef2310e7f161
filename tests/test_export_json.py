import io
import json

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from test_export_samples import export, sample_timeline

from timeline.chronology import Timeline
from timeline.cli import cli
from timeline.events import Event, Mention, Source
from timeline.exporters import json_format
from timeline.exporters.json_format import event_to_dict, read_timeline, timeline_to_dict, write_json


def _bytes(timeline):
    stream = io.BytesIO()
    write_json(timeline, stream, {})
    return stream.getvalue()


def test_streamed_json_is_one_object_with_one_event_per_line():
    timeline = sample_timeline()
    text = _bytes(timeline).decode("utf-8")
    assert json.loads(text) == timeline_to_dict(timeline)
    event_lines = [line for line in text.splitlines() if line.startswith('    {"date": ')]
    assert len(event_lines) == len(timeline.events)
    assert [json.loads(line.rstrip(",")) for line in event_lines] == timeline_to_dict(timeline)["events"]
    empty = Timeline(events=(), documents=(), title="Empty")
    assert json.loads(_bytes(empty)) == timeline_to_dict(empty)


def test_json_round_trip_keeps_every_field():
    timeline = sample_timeline()
    again = read_timeline(io.BytesIO(_bytes(timeline)))
    assert again.events == timeline.events
    assert again.title == timeline.title
    assert [d.metadata() for d in again.documents] == [d.metadata() for d in timeline.documents]


def test_json_export_to_json_is_byte_identical(tmp_path):
    timeline = sample_timeline()
    result, output = export(tmp_path, timeline, "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert output == (tmp_path / "saved.json").read_bytes()


def test_seed_chronology_survives_build_then_export(seeds_dir, tmp_path):
    runner = CliRunner()
    built = runner.invoke(cli, ["build", str(seeds_dir), "-o", str(tmp_path / "seeds.json")])
    assert built.exit_code == 0, built.stderr
    exported = runner.invoke(cli, ["export", str(tmp_path / "seeds.json"), "-f", "json"])
    assert exported.exit_code == 0, exported.stderr
    assert exported.stdout_bytes == (tmp_path / "seeds.json").read_bytes()
    data = json.loads(exported.stdout)
    for event in data["events"]:
        assert {"date", "start", "end", "precision", "title", "sentence", "document", "offset",
                "date_source"} <= set(event)


def test_export_reads_standard_input(tmp_path):
    data = _bytes(sample_timeline())
    result = CliRunner().invoke(cli, ["export", "-", "-f", "json"], input=data)
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes == data


def test_export_of_something_else_is_a_one_line_error(tmp_path):
    runner = CliRunner()
    for name, content in (("bad.json", "{not json"), ("list.json", "[1, 2]"),
                          ("event.json", '{"events": [{"date": "2016"}]}')):
        (tmp_path / name).write_text(content)
        result = runner.invoke(cli, ["export", str(tmp_path / name), "-f", "csv"])
        assert result.exit_code == 1
        assert "Traceback" not in result.stderr
        assert name in result.stderr and "not a saved timeline" in result.stderr
    missing = runner.invoke(cli, ["export", str(tmp_path / "missing.json")])
    assert missing.exit_code == 1 and "missing.json" in missing.stderr


def test_other_layouts_of_the_same_json_are_read_too(tmp_path):
    timeline = sample_timeline()
    data = timeline_to_dict(timeline)
    for text in (json.dumps(data, indent=2), json.dumps(data), json.dumps(data, indent=4, ensure_ascii=True),
                 _bytes(timeline).decode().replace('    {"date"', '    {"date"', 1) + "\n\n"):
        again = read_timeline(io.BytesIO(text.encode()))
        assert again.events == timeline.events and again.title == timeline.title
    # A file edited by hand after an event line still reads, through the whole-document parser.
    edited = _bytes(timeline).decode().replace(',\n    {"date"', ',\n\n    {"date"', 1)
    assert read_timeline(io.BytesIO(edited.encode())).events == timeline.events


def test_bad_event_in_the_line_layout_names_the_event():
    text = _bytes(sample_timeline()).decode().replace('"start": "2015-01-01"', '"start": "not a day"', 1)
    import pytest

    from timeline.exporters.json_format import SavedTimelineError

    with pytest.raises(SavedTimelineError, match="event 1"):
        read_timeline(io.BytesIO(text.encode()))


def test_what_is_not_a_saved_timeline_says_why():
    import pytest

    from timeline.exporters.json_format import SavedTimelineError

    deep = "[" * 100_000 + "]" * 100_000
    saved = _bytes(sample_timeline()).decode()
    assert saved.count('\n    {"date": ') == len(sample_timeline().events)
    for text, why in [
        (deep, "nested too deeply"),  # parsed whole
        (saved.replace('\n    {"date": ', '\n    {"deep": ' + deep + ', "date": ', 1), "nested too deeply"),  # by line
        ('{"format": "timeline", "version": 99}', "version 99 is newer"),
        ('{"format": "other", "events": []}', "format is 'other'"),
        ("[1, 2]", '"events" list'),
    ]:
        with pytest.raises(SavedTimelineError, match=why):
            read_timeline(io.BytesIO(text.encode()))


def test_our_own_layout_is_read_line_by_line(monkeypatch):
    from timeline.exporters import json_format

    timeline = sample_timeline()
    data = _bytes(timeline)

    def whole_document_parse(stream):
        raise AssertionError("the file was parsed whole")

    monkeypatch.setattr(json_format.json, "load", whole_document_parse)
    assert read_timeline(io.BytesIO(data)).events == timeline.events
    empty = _bytes(Timeline(events=(), documents=(), title="Empty"))
    monkeypatch.undo()
    assert read_timeline(io.BytesIO(empty)).events == ()


TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
ODD = st.one_of(st.none(), st.integers(), st.booleans(), st.floats(allow_nan=False), TEXT, st.lists(st.integers()))


def maybe(strategy):
    """Mostly values of the declared type, sometimes a value of another."""
    return st.one_of(strategy, strategy, strategy, ODD)


MENTIONS = st.builds(Mention, maybe(TEXT), maybe(TEXT), maybe(TEXT))
SOURCES = st.builds(Source, maybe(TEXT), maybe(st.tuples(st.integers(), st.integers())), maybe(TEXT), maybe(TEXT))
EVENTS = st.builds(
    Event, date=maybe(TEXT), start=maybe(st.dates()), end=maybe(st.dates()), precision=maybe(TEXT), title=maybe(TEXT),
    sentence=maybe(TEXT), document=maybe(TEXT), offset=maybe(st.tuples(st.integers(), st.integers())),
    date_source=maybe(TEXT), expression=maybe(TEXT), mod=maybe(st.none() | TEXT), future=maybe(st.booleans()),
    url=maybe(TEXT), places=maybe(st.lists(maybe(MENTIONS), max_size=3).map(tuple)),
    actors=maybe(st.lists(MENTIONS, max_size=3).map(tuple)), sources=maybe(st.lists(maybe(SOURCES), max_size=3).map(tuple)))


@settings(max_examples=400, deadline=None)
@given(EVENTS)
def test_an_event_is_written_as_the_standard_encoder_writes_its_dict(event):
    # The writer made from the fields' types gives the encoder's bytes, whatever the values hold.
    expected = json.JSONEncoder(ensure_ascii=False).encode(event_to_dict(event))
    assert json_format._text_writer(Event)(event) == expected
