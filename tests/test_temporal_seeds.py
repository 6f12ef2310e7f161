"""The seed articles: every date expression found, resolved against the article's own date."""
from pathlib import Path

import pytest

from timeline.temporal import tag

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def expressions(prefix: str, dct: str | None) -> dict[str, list]:
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    text = path.read_text(encoding="utf-8")
    found: dict[str, list] = {}
    for e in tag(text, dct=dct):
        assert text[e.start:e.end] == e.text
        found.setdefault(e.text, []).append(e)
    return found


def only(found, text):
    assert text in found, f"{text!r} not found in {sorted(found)}"
    return found[text][0]


def test_seed_000_day_month_and_relative_past():
    found = expressions("000", "2016-05-06")
    assert (only(found, "6 May").value, only(found, "6 May").anchor) == ("2016-05-06", "relative")
    ago = only(found, "over a month ago")
    assert (ago.type, ago.value, ago.mod) == ("DATE", "2016-04", "BEFORE")
    assert only(found, "2015").value == "2015"  # "2015's conquest"
    assert not any(t.startswith("15") for t in found)  # "15km southwest"


def test_seed_001_european_dates_and_yesterday():
    found = expressions("001", "2016-08-07")
    assert [e.value for e in found["6. August"]] == ["2016-08-06", "2016-08-06"]
    assert only(found, "yesterday").value == "2016-08-06"
    night = only(found, "last night")
    assert (night.type, night.value) == ("TIME", "2016-08-06TNI")
    two_day = only(found, "two-day")
    assert (two_day.type, two_day.value) == ("DURATION", "P2D")
    assert "august" not in found  # the lower-case word before "6. August" is not a second date


def test_seed_002_partial_creation_date_and_no_money():
    found = expressions("002", "2017-04")
    assert only(found, "April 8").value == "2017-04-08"
    assert only(found, "the coming weeks").type == "DURATION"
    assert not any("$" in t or t.startswith(("0", "2,500", "5,000", "1,489")) for t in found)
    assert "90" not in found and "2" not in found


def test_seed_003_weekdays_by_tense_and_numbers_that_are_not_dates():
    found = expressions("003", "2016-11-04")  # a Friday
    assert {e.value for e in found["Thursday"]} == {"2016-11-03"}
    assert only(found, "Thursday night").value == "2016-11-03TNI"
    assert only(found, "last weekend").value == "2016-W43-WE"
    late = only(found, "late August")
    assert (late.value, late.mod) == ("2016-08", "LATE")
    assert only(found, "Friday night").value == "2016-11-04TNI"
    assert only(found, "Wednesday").value == "2016-11-02"
    clock = only(found, "9 a.m. local time on Friday")
    assert (clock.type, clock.value) == ("TIME", "2016-11-04T09:00")
    assert only(found, "September 19").value == "2016-09-19"
    assert only(found, "October 18").value == "2016-10-18"
    assert only(found, "2013").value == "2013"
    month = only(found, "more than a month")
    assert (month.type, month.value, month.mod) == ("DURATION", "P1M", "MORE_THAN")
    assert only(found, "the next months").type == "DURATION"
    for number in ("1070", "3000", "11-16", "12", "200", "600", "55", "17", "300", "25,000", "40"):
        assert not any(number in t for t in found), number


def test_seed_004_end_of_month_and_vague_durations():
    found = expressions("004", "2020-10-27")
    end = only(found, "the end of the month")
    assert (end.value, end.mod) == ("2020-10", "END")
    assert only(found, "a few days").value == "PXD"
    assert only(found, "years").value == "PXY"
    assert "A second" not in found and "a second" not in found


@pytest.mark.parametrize("prefix", ["000", "001", "003"])
def test_without_a_creation_date_relative_values_stay_unresolved(prefix):
    for items in expressions(prefix, None).values():
        for e in items:
            if e.anchor == "relative":
                pytest.fail(f"{e.text!r} resolved without a creation date: {e.value}")
            if e.anchor == "unresolved" and e.type in ("DATE", "TIME") and not e.value.endswith("_REF"):
                assert "X" in e.value, e
