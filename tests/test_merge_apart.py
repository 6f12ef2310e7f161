"""Reports that must stay apart: the same day and the same few words are not the same happening."""
import json
from importlib import resources

from click.testing import CliRunner

from timeline.cli import cli
from timeline.gazetteer import load_gazetteer

VERBS = ("attacked", "shelled")
SENTENCE = "Fighters of {actor} {verb} a checkpoint on 6 May 2016, residents said."


def _actors() -> list[str]:
    """Every actor of the names table that ships with timeline, that the sentence below names as one."""
    table = resources.files("timeline").joinpath("data/names.tsv").read_text(encoding="utf-8")
    names = [line.split("\t")[2].strip() for line in table.splitlines() if line.startswith("actor\t")]
    find = load_gazetteer(None).find
    return [name for name in names if find(SENTENCE.format(actor=name, verb="attacked"))[1]]


def test_short_reports_of_different_actors_on_one_day_stay_apart(tmp_path):
    actors = _actors()
    assert len(actors) > 40
    for number, actor in enumerate(actors):
        for verb in VERBS:
            (tmp_path / f"{number}-{verb}.txt").write_text(SENTENCE.format(actor=actor, verb=verb) + "\n")
    result = CliRunner().invoke(cli, ["build", str(tmp_path), "-f", "json", "--published", "2016-05-07", "-q"],
                                env={"TIMELINE_LOAD_PLUGINS": ""})
    assert result.exit_code == 0, result.output
    events = json.loads(result.stdout)["events"]
    # Each actor's two reports may be one happening; two actors' reports never are.
    for event in events:
        named = {source["document"].split("-")[0] for source in event["sources"]} | {event["document"].split("-")[0]}
        assert len(named) == 1, (event["sentence"], sorted(named))
    assert len(actors) <= len(events) <= 2 * len(actors)
