"""Reports that must stay apart: the same day and the same few words are not the same happening."""
import json
from importlib import resources

from click.testing import CliRunner

from timeline.cli import cli
from timeline.documents import Document
from timeline.pipeline import process_document

VERBS = ("attacked", "shelled")
SENTENCE = "Fighters of {actor} {verb} a checkpoint on 6 May 2016, residents said."


def _actors() -> list[str]:
    """Every named actor of the names table that ships with timeline, that the sentence below names as one."""
    table = resources.files("timeline").joinpath("data/names.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in table.splitlines() if line.startswith("actor\t")]
    # Named actors, not categories ("Civilians", "Rebels"), which the table names by their category.
    names = [row[2].strip() for row in rows if row[2].strip().casefold() != row[1].strip().casefold()]
    return [name for name in names if name in _named(SENTENCE.format(actor=name, verb="attacked"))]


def _named(sentence: str) -> set[str]:
    """The actors that the events of ``sentence`` name, as a build finds them."""
    result = process_document(Document("a.txt", sentence + "\n", published="2016-05-07"))
    return {actor.name for event in result.events for actor in event.actors}


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
