"""`timeline tag` and `timeline evaluate` from the command line."""
import json

from click.testing import CliRunner

from timeline.cli import cli

from conftest import SEEDS, SHARED


def test_tag_prints_one_json_object_per_expression_with_exact_offsets(tmp_path):
    path = tmp_path / "a.txt"
    content = "Née à Paris, elle est arrivée on Thursday — and left 6 May.\n"
    path.write_bytes(content.encode("utf-8"))
    result = CliRunner().invoke(cli, ["tag", str(path), "--dct", "2016-11-04"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["text"], r["type"], r["value"]) for r in records] == [
        ("Thursday", "DATE", "2016-11-03"), ("6 May", "DATE", "2016-05-06")]
    for r in records:
        assert content[r["start"]:r["end"]] == r["text"]
        assert set(r) == {"start", "end", "text", "type", "value"}


def test_tag_adds_mod_and_file_when_several_files(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("It began in late August.", encoding="utf-8")
    b.write_text("Nothing here.", encoding="utf-8")
    result = CliRunner().invoke(cli, ["tag", str(a), str(b), "--dct", "2016-11-04"])
    assert result.exit_code == 0, result.output
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert record["mod"] == "LATE" and record["file"] == str(a)


def test_tag_dct_file_gives_each_file_its_date(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("He left yesterday.", encoding="utf-8")
    b.write_text("He left yesterday.", encoding="utf-8")
    dates = tmp_path / "dates.tsv"
    dates.write_text(f"{a}\t2016-11-04\nb.txt\t2017-01-01\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["tag", str(a), str(b), "--dct-file", str(dates)])
    assert result.exit_code == 0, result.output
    values = {json.loads(line)["file"]: json.loads(line)["value"] for line in result.stdout.splitlines()}
    assert values == {str(a): "2016-11-03", str(b): "2016-12-31"}


def test_tag_rejects_a_bad_dct_file_line_without_traceback(tmp_path):
    a = tmp_path / "a.txt"
    a.write_text("x", encoding="utf-8")
    dates = tmp_path / "dates.tsv"
    dates.write_text("a.txt 2016-11-04\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["tag", str(a), "--dct-file", str(dates)])
    assert result.exit_code == 2 and "dates.tsv:1" in result.output and "Traceback" not in result.output


def test_tag_table_format_on_a_seed():
    seed = next(SEEDS.glob("003_*.txt"))
    result = CliRunner().invoke(cli, ["tag", str(seed), "--dct", "2016-11-04", "--format", "table"])
    assert result.exit_code == 0, result.output
    assert "2016-W43-WE" in result.stdout and "2016-11-03TNI" in result.stdout


def test_tag_bad_dct_is_a_usage_error():
    seed = next(SEEDS.glob("003_*.txt"))
    result = CliRunner().invoke(cli, ["tag", str(seed), "--dct", "04/11/2016"])
    assert result.exit_code == 2 and "not an ISO date" in result.output


def test_evaluate_prints_the_score_table_and_errors():
    folder = SHARED / "corpora" / "tempeval3" / "tbaq" / "AQUAINT"
    result = CliRunner().invoke(cli, ["evaluate", str(folder), "--errors", "3"])
    assert result.exit_code == 0, result.output
    for row in ("strict span", "relaxed span", "value", "type", "DATE value", "most frequent missed"):
        assert row in result.stdout


def test_evaluate_on_a_folder_without_timeml_says_so(tmp_path):
    (tmp_path / "broken.tml").write_text("<TimeML><TEXT>On <TIMEX3 tid='t1'>1998</TEXT>")
    result = CliRunner().invoke(cli, ["evaluate", str(tmp_path)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "broken.tml: not well-formed XML" in result.stderr
    assert f"{tmp_path}: no TimeML document (.tml) could be read there" in result.stderr
