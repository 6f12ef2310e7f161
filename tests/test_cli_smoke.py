import json

from click.testing import CliRunner

from timeline.cli import cli


def test_build_seeds_json_has_documents_and_ordered_events(seeds_dir):
    result = CliRunner().invoke(cli, ["build", str(seeds_dir), "-f", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert len(data["documents"]) == 5
    starts = [e["start"] for e in data["events"]]
    assert starts == sorted(starts)
    assert any(e["date"] == "2016-05-06" and "Khan Touman" in e["sentence"] for e in data["events"])
