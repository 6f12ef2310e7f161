import io
import json

from click.testing import CliRunner
from test_export_samples import export, sample_timeline

from timeline.chronology import Timeline
from timeline.cli import cli
from timeline.exporters.json_format import read_timeline, timeline_to_dict, write_json


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
