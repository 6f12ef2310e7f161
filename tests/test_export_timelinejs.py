import json

import jsonschema
from click.testing import CliRunner
from test_export_samples import export, sample_timeline

from timeline.cli import cli

# Knight Lab's TimelineJS JSON format (https://timeline.knightlab.com/docs/json-format.html), as a schema.
INTEGER = {"anyOf": [{"type": "integer"}, {"type": "string", "pattern": "^-?[0-9]+$"}]}
DATE = {
    "type": "object",
    "required": ["year"],
    "properties": {
        "year": INTEGER,
        "month": {"anyOf": [{"type": "integer", "minimum": 1, "maximum": 12}, {"type": "string"}]},
        "day": {"anyOf": [{"type": "integer", "minimum": 1, "maximum": 31}, {"type": "string"}]},
        "hour": {"type": "integer", "minimum": 0, "maximum": 23},
        "minute": {"type": "integer", "minimum": 0, "maximum": 59},
        "second": {"type": "integer", "minimum": 0, "maximum": 59},
        "millisecond": {"type": "integer"},
        "display_date": {"type": "string"},
    },
    "dependentRequired": {"day": ["month"], "hour": ["day"], "minute": ["hour"]},
    "additionalProperties": False,
}
TEXT = {"type": "object", "properties": {"headline": {"type": "string"}, "text": {"type": "string"}},
        "additionalProperties": False}
SLIDE = {
    "type": "object",
    "properties": {
        "start_date": DATE, "end_date": DATE, "text": TEXT, "group": {"type": "string"},
        "display_date": {"type": "string"}, "unique_id": {"type": "string"}, "autolink": {"type": "boolean"},
        "media": {"type": "object", "required": ["url"]},
        "background": {"type": "object"},
    },
    "additionalProperties": False,
}
SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["events"],
    "properties": {
        "title": SLIDE,
        "events": {"type": "array", "items": dict(SLIDE, required=["start_date"])},
        "eras": {"type": "array"},
        "scale": {"enum": ["human", "cosmological"]},
    },
    "additionalProperties": False,
}


def test_timelinejs_json_matches_the_schema_and_keeps_partial_dates(tmp_path):
    result, output = export(tmp_path, sample_timeline(), "-f", "timelinejs")
    assert result.exit_code == 0, result.stderr
    data = json.loads(output)
    jsonschema.validate(data, SCHEMA)
    by_text = {e["text"]["text"]: e for e in data["events"]}
    find = lambda words: next(e for t, e in by_text.items() if words in t)
    assert find("The fighting began in 2015")["start_date"] == {"year": 2015}
    august = find("August was the worst month")
    assert august["start_date"] == {"year": 2016, "month": 8} and "end_date" not in august
    late = find("In late August")
    assert late["display_date"] == "late August 2016" and late["end_date"] == {"year": 2016, "month": 8, "day": 31}
    assert find("Over the summer")["display_date"] == "summer 2016"
    assert find("At 9 a.m.")["start_date"] == {"year": 2016, "month": 11, "day": 4, "hour": 9, "minute": 0}
    day = find("Rebels launched")
    assert day["start_date"] == {"year": 2016, "month": 11, "day": 3} and "end_date" not in day
    assert 'href="https://example.org/a"' in day["text"]["text"] and 'href="https://example.net/b"' in day["text"]["text"]
    assert "&lt;b&gt;bold&lt;/b&gt;" in find("line break")["text"]["text"]  # article text never becomes HTML
    assert len({e["unique_id"] for e in data["events"]}) == len(data["events"])


def test_timelinejs_suffix_is_recognised(seeds_dir, tmp_path):
    output = tmp_path / "seeds.timeline.json"
    result = CliRunner().invoke(cli, ["build", str(seeds_dir), "-o", str(output)])
    assert result.exit_code == 0, result.stderr
    jsonschema.validate(json.loads(output.read_text()), SCHEMA)
    plain = tmp_path / "seeds.json"
    CliRunner().invoke(cli, ["build", str(seeds_dir), "-o", str(plain)])
    assert json.loads(plain.read_text())["format"] == "timeline"
