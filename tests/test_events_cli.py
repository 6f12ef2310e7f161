"""The build options of the events stage (-v, --names, --no-merge, --clean-rules) and `timeline quality`."""
import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from timeline.cli import cli

GOLD = Path(__file__).parent / "gold"


def _build(*args):
    return CliRunner().invoke(cli, ["build", *args])


def test_verbose_reports_what_cleaning_dropped_per_document(seeds_dir):
    result = _build(str(seeds_dir), "-f", "json", "-v")
    assert result.exit_code == 0, result.output
    assert "002_9b3fe07904c77ad0.txt: dropped" in result.stderr
    assert "comments: 1 span" in result.stderr and "money figure: 4 spans" in result.stderr
    assert "000_5197954e2fd5eb41.txt: dropped caption: 6 spans" in result.stderr


def test_seed_chronology_has_lead_events_places_and_no_junk(seeds_dir):
    data = json.loads(_build(str(seeds_dir), "-f", "json").stdout)
    events = data["events"]
    by_document = {}
    for event in events:
        by_document.setdefault(event["document"], []).append(event)
    assert len(by_document) == 5, "every article has at least one event"
    strike = by_document["004_2ac68b9a5e582cfe.txt"]
    assert [(e["date"], e["date_source"]) for e in strike] == [("2020-10-27", "publication")]
    for event in events:
        for junk in ("Source.", "PHOTO:", "Notify of", "Click to see", "south-hama"):
            assert junk not in event["sentence"]
        assert len(event["title"]) < len(event["sentence"]) or len(event["sentence"]) < 80


def test_names_file_and_bad_names_file(tmp_path, seeds_dir):
    names = tmp_path / "names.tsv"
    names.write_text("place\tarea\tSouthern Aleppo\tsouth of the former syrian economic capital\n", encoding="utf-8")
    result = _build(str(seeds_dir / "001_4ab27a3fd0262cc6.txt"), "-f", "json", "--names", str(names))
    assert result.exit_code == 0, result.output
    result = _build(str(seeds_dir), "--names", str(tmp_path / "nope.tsv"))
    assert result.exit_code == 1
    assert "nope.tsv" in result.stderr and "Traceback" not in result.output


def test_no_merge_keeps_reports_apart(tmp_path):
    text = "Rebels captured the town of Khan Tuman on 6 May after suicide attacks, activists said.\n"
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(text, encoding="utf-8")
    merged = json.loads(_build(str(tmp_path), "--published", "2016-05-07", "-f", "json").stdout)["events"]
    apart = json.loads(_build(str(tmp_path), "--published", "2016-05-07", "-f", "json", "--no-merge").stdout)["events"]
    assert len(apart) == 2 and len(merged) == 1


def test_clean_rules_option(tmp_path):
    (tmp_path / "a.txt").write_text("Rebels took the town on 6 May.\nSponsored: a hotel in Beirut opened on 3 May.\n",
                                    encoding="utf-8")
    rules = tmp_path / "rules.tsv"
    rules.write_text("line\tadvert\tsponsored:.*\n", encoding="utf-8")
    result = _build(str(tmp_path / "a.txt"), "--published", "2016-05-07", "-f", "json", "--clean-rules", str(rules), "-v")
    sentences = [e["sentence"] for e in json.loads(result.stdout)["events"]]
    assert sentences == ["Rebels took the town on 6 May."]
    assert "advert: 1 span" in result.stderr


def test_quality_command_prints_scores_and_checks_thresholds(tmp_path):
    result = CliRunner().invoke(cli, ["quality", str(GOLD)])
    assert result.exit_code == 0, result.output + result.stderr
    assert "TOTAL" in result.stdout and "seed_004_idlib_strike" in result.stdout
    folder = tmp_path / "gold"
    shutil.copytree(GOLD, folder)
    thresholds = json.loads((folder / "thresholds.json").read_text())
    thresholds["seed_004_idlib_strike"]["found"].append("an-event-never-found")
    (folder / "thresholds.json").write_text(json.dumps(thresholds))
    for gold in folder.glob("*.json"):
        text = gold.read_text().replace('"document": "../../seeds/', f'"document": "{GOLD.parent.parent}/seeds/')
        gold.write_text(text)
    result = CliRunner().invoke(cli, ["quality", str(folder)])
    assert result.exit_code == 1
    assert "an-event-never-found" in result.stderr


def test_verbose_lists_each_dropped_span(seeds_dir):
    result = _build(str(seeds_dir / "003_57ef6752fde517cb.txt"), "-f", "json", "-v")
    assert "  cross-link @" in result.stderr and "See Syria Developing" in result.stderr
    assert "  file name @" in result.stderr and "south-hama-aid-convoy-11-16" in result.stderr
