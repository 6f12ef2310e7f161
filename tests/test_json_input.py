"""A chronology edited by hand is read field by field: a missing or wrong field is one line naming the
event and the field, and an edited date carries its days with it."""
import datetime as dt
import json

from click.testing import CliRunner

from timeline.cli import cli


def _saved(seeds_dir, tmp_path):
    result = CliRunner().invoke(cli, ["build", str(seeds_dir), "-q", "-o", str(tmp_path / "saved.json")])
    assert result.exit_code == 0, result.output
    return (tmp_path / "saved.json").read_text(encoding="utf-8")


def _edit(text, index, change):
    data = json.loads(text)
    change(data["events"][index])
    return data


def _export(tmp_path, data, *arguments):
    path = tmp_path / "edited.json"
    # Both layouts: as timeline writes it (read line by line) and as another tool would.
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    return CliRunner().invoke(cli, ["export", str(path), *arguments])


def test_an_edited_date_brings_its_days_and_precision(seeds_dir, tmp_path):
    saved = _saved(seeds_dir, tmp_path)

    def edit(event):
        event["date"] = "2016-11"
        event["mod"] = None

    data = _edit(saved, 0, edit)
    result = _export(tmp_path, data, "-f", "json")
    assert result.exit_code == 0, result.output
    event = next(e for e in json.loads(result.stdout)["events"] if e["id"] == data["events"][0]["id"])
    assert (event["start"], event["end"], event["precision"]) == ("2016-11-01", "2016-11-30", "month")


def test_a_deleted_start_is_made_again_from_the_date(seeds_dir, tmp_path):
    saved = _saved(seeds_dir, tmp_path)
    data = _edit(saved, 2, lambda event: event.pop("start"))
    result = _export(tmp_path, data, "-f", "json")
    assert result.exit_code == 0, result.output
    original = json.loads(saved)["events"][2]
    again = next(e for e in json.loads(result.stdout)["events"] if e["id"] == original["id"])
    assert again["start"] == original["start"]


def test_wrong_or_missing_fields_are_one_line_naming_event_and_field(seeds_dir, tmp_path):
    saved = _saved(seeds_dir, tmp_path)
    cases = [
        (lambda e: e.update(date="4 November 2016"), "'date'"),
        (lambda e: e.update(start="04/11/2016"), "'start'"),
        (lambda e: e.pop("title"), "'title'"),
        (lambda e: e.pop("date"), "'date'"),
    ]
    for change, field in cases:
        data = _edit(saved, 3, change)
        for layout in (json.dumps(data, indent=2), _line_layout(saved, data)):
            (tmp_path / "edited.json").write_text(layout, encoding="utf-8")
            result = CliRunner().invoke(cli, ["export", str(tmp_path / "edited.json"), "-f", "csv"])
            assert result.exit_code == 1
            assert "Traceback" not in result.output
            message = result.stderr.strip()
            assert len(message.splitlines()) == 1
            assert "event 3" in message and data["events"][3]["id"] in message and field in message


def _line_layout(saved, data):
    """The file as timeline writes it, with event 3 edited in its line."""
    lines = saved.split("\n")
    original = json.loads(saved)["events"][3]
    index = next(i for i, line in enumerate(lines) if line.strip().rstrip(",") == json.dumps(original, ensure_ascii=False))
    lines[index] = "    " + json.dumps(data["events"][3], ensure_ascii=False) + ","
    return "\n".join(lines)


def test_an_edited_start_inside_its_date_is_kept(seeds_dir, tmp_path):
    saved = _saved(seeds_dir, tmp_path)
    data = json.loads(saved)
    month = next((i for i, e in enumerate(data["events"]) if e["precision"] == "month"), None)
    if month is None:
        return
    start = dt.date.fromisoformat(data["events"][month]["start"])
    data["events"][month]["start"] = (start + dt.timedelta(days=1)).isoformat()
    result = _export(tmp_path, data, "-f", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["events"][month]["start"] == data["events"][month]["start"]
