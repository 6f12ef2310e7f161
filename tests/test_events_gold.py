"""The events stage on its own: with correct tagger output, every gold chronology is met in full."""
import pytest

from timeline import quality, temporal
from timeline.pipeline import Options

from ideal_tagging import GOLD, ideal_expressions


@pytest.fixture
def ideal_tagger(monkeypatch):
    expressions = ideal_expressions()
    monkeypatch.setattr(temporal, "tag", lambda text, dct=None, spans=None: expressions[text])
    return expressions


def test_every_gold_document_has_ideal_tagging(ideal_tagger):
    assert len(ideal_tagger) == len(quality.load_golds(GOLD))


def test_events_from_correct_tagging_meet_every_gold_chronology(ideal_tagger):
    scores = quality.evaluate(GOLD, Options())
    problems = []
    for result in scores:
        if result.missing or result.wrong or result.spurious:
            problems.append(f"{result.name}: missing {result.missing}, wrong {result.wrong}, "
                            f"should not exist {[(d, s[:60]) for d, s in result.spurious]}")
    assert problems == [], "\n".join(problems)
