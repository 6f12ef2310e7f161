import datetime as dt
from pathlib import Path

from timeline import quality
from timeline.events import Event
from timeline.quality import Gold, GoldEvent, check, ratchet, score

GOLD = Path(__file__).parent / "gold"


def _event(sentence, date, future=False):
    from timeline.temporal import interval_of

    interval = interval_of(date)
    return Event(date, interval.start, interval.end, interval.precision, "t", sentence, "doc", (0, 1), "explicit",
                 future=future)


def _gold():
    return Gold("g", Path("doc"), (
        GoldEvent("a", "took the town", ("2016-05-06",), "day"),
        GoldEvent("b", "said on Wednesday", ("2016-11-02",), "day"),
        GoldEvent("c", "said on Wednesday", ("2016-11-04",), None, future=True),
        GoldEvent("d", "since 2013", ("2013",), required=False),
    ))


def test_score_counts_found_wrong_missing_and_spurious():
    events = [
        _event("Rebels took the town on 6 May.", "2016-05-06"),
        _event("Putin said on Wednesday that a pause would start on Friday.", "2016-11-02"),
        _event("Putin said on Wednesday that a pause would start on Friday.", "2016-11-05", future=True),
        _event("Notify of new replies.", "2016-11-01"),
    ]
    result = score(_gold(), events)
    assert result.found == ["a", "b"]
    assert result.wrong == [("c", "2016-11-05 future")]
    assert result.missing == []
    assert len(result.spurious) == 1


def test_missing_required_and_wrong_future_flag():
    events = [_event("Putin said on Wednesday that a pause would start on Friday.", "2016-11-04", future=False)]
    result = score(_gold(), events)
    assert "a" in result.missing and "b" in result.missing
    assert result.wrong == [("c", "2016-11-04")]


def test_same_days_at_same_precision_count_as_right():
    gold = Gold("g", Path("doc"), (GoldEvent("x", "fighting", ("2016-08-06",), "day"),))
    result = score(gold, [_event("Fighting went on last night.", "2016-08-06TNI")])
    assert result.found == ["x"]


def test_check_fails_on_lost_event_and_ratchet_never_lowers():
    good = quality.Score("g", required=2, found=["a", "b"])
    worse = quality.Score("g", required=2, found=["a"], spurious=[("2016", "x")])
    thresholds = ratchet([good], {})
    assert check([good], thresholds) == []
    failures = check([worse], thresholds)
    assert any("no longer found" in f and "b" in f for f in failures)
    assert any("should not exist" in f for f in failures)
    assert ratchet([worse], thresholds)["g"] == {"found": ["a", "b"], "max_wrong": 0, "max_spurious": 0}


def test_gold_chronologies_do_not_regress():
    """The pipeline on every gold document stays at (or above) the recorded level."""
    scores = quality.evaluate(GOLD)
    assert len(scores) >= 10
    failures = check(scores, quality.load_thresholds(GOLD))
    assert failures == [], "\n".join(failures)


def test_every_gold_file_has_thresholds_and_a_readable_document():
    thresholds = quality.load_thresholds(GOLD)
    for gold in quality.load_golds(GOLD):
        assert gold.name in thresholds
        assert gold.document.exists()
        assert any(e.required for e in gold.events)


def test_analyst_fields_scored_right_wrong_and_missing():
    from timeline.events import Casualties, Location, Mention
    from dataclasses import replace

    gold = Gold("g", Path("doc"), (
        GoldEvent("a", "took the town", ("2016-05-06",), "day",
                  fields=(("type", ("Battles",)), ("actor1", ("Rebels",)), ("fatalities", (None,)),
                          ("place", ("Khan Tuman", "Aleppo")))),
    ))
    event = replace(_event("Rebels took the town on 6 May.", "2016-05-06"), event_type="Battles",
                    fatalities=Casualties(4), location=Location("Aleppo"))
    result = score(gold, [event])
    assert result.fields["type"].right == 1 and result.fields["place"].right == 1
    assert result.fields["actor1"].missing == ["a"]
    assert result.fields["fatalities"].wrong == [("a", "4")]  # a figure where the text gives none
    thresholds = ratchet([result], {})
    assert thresholds["g"]["fields"]["fatalities"] == {"right": 0, "max_wrong": 1}
    better = score(gold, [replace(event, fatalities=None, actor1=Mention("Rebels", "Rebels"))])
    assert check([better], thresholds) == []
    worse = score(gold, [replace(event, event_type="unknown")])
    assert any("type right for 0" in f for f in check([worse], thresholds))
