"""The classes of wrong values, on hand-made gold and tagger pairs."""
import datetime as dt

import pytest

from timeline.evaluation.errors import CLASSES, Context, context_of, error_classes
from timeline.evaluation.scorer import score_spans
from timeline.evaluation.timeml import GoldTimex, parse_timeml

STORY = Context(dt.date(2009, 12, 19), frozenset({1939, 1940, 1944}))


def classes_of(gold_text, gold_value, our_text, our_value, gold_type="DATE", our_type="DATE", context=STORY):
    """The class of one wrong value: the gold span at 0, ours at the start of the gold's words it has."""
    start = gold_text.index(our_text)
    gold = GoldTimex(0, len(gold_text), gold_text, gold_type, gold_value)
    ours = GoldTimex(start, start + len(our_text), our_text, our_type, our_value)
    classes = error_classes(score_spans("d", [gold], [ours]), {"d": context})
    return [name for name in CLASSES for _ in classes.wrong[name]]


@pytest.mark.parametrize("gold_text, gold, ours", [
    ("September", "1940-09", "2009-09"),  # a yearless date given the DCT's year
    ("the winter", "BC0479-WI", "2009-WI"),
])
def test_anchoring(gold_text, gold, ours):
    assert classes_of(gold_text, gold, gold_text, ours) == ["anchoring"]


def test_a_weekday_a_week_off_is_anchoring():
    news = Context(dt.date(1998, 8, 10))
    assert classes_of("Friday", "1998-08-07", "Friday", "1998-08-14", context=news) == ["anchoring"]


def test_extent_for_a_wrong_value_and_for_gold_missed_or_tagged_without_gold():
    assert classes_of("August of that year", "1940-08", "August", "2009-08") == ["extent"]
    gold = [GoldTimex(0, 4, "1861", "DATE", "1861")]
    ours = [GoldTimex(10, 14, "fall", "DATE", "2009-FA")]
    classes = error_classes(score_spans("d", gold, ours), {})
    assert classes.wrong_values == 0 and [t.text for t in classes.missed] == ["1861"]
    assert [t.text for t in classes.spurious] == ["fall"]


@pytest.mark.parametrize("gold_text, gold, ours", [
    ("June 1944", "1944-06", "1944-06-06"),
    ("1944", "1944", "1944-SU"),
    ("490 BC", "BC0490", "BC0490-09"),
])
def test_granularity(gold_text, gold, ours):
    assert classes_of(gold_text, gold, gold_text, ours) == ["granularity"]


@pytest.mark.parametrize("gold_text, gold, ours, gold_type, our_type", [
    ("now", "PRESENT_REF", "2009-12-19", "DATE", "DATE"),
    ("years", "PXY", "P1Y", "DURATION", "DURATION"),
    ("that week", "1944-W23", "1944-06-06", "DATE", "DATE"),
    ("the 1940s", "194", "194X", "DATE", "DATE"),
    ("the 1940s", "194X", "194", "DATE", "DATE"),
])
def test_convention(gold_text, gold, ours, gold_type, our_type):
    assert classes_of(gold_text, gold, gold_text, ours, gold_type, our_type) == ["convention"]


def test_a_year_far_from_the_dct_is_a_gold_error_only_if_the_story_never_writes_it():
    news = Context(dt.date(1998, 2, 19))
    assert classes_of("the fourth quarter", "1989-Q4", "the fourth quarter", "1997-Q4", context=news) == ["gold"]
    story = Context(dt.date(1998, 2, 19), frozenset({1989}))
    assert classes_of("the fourth quarter", "1989-Q4", "the fourth quarter", "1997-Q4", context=story) == ["anchoring"]


def test_gold_without_a_value_is_no_wrong_value_and_right_values_are_none():
    gold = [GoldTimex(0, 4, "1944", "DATE", "1944"), GoldTimex(5, 15, "dry season", "", "")]
    classes = error_classes(score_spans("d", gold, [GoldTimex(0, 4, "1944", "DATE", "1944"),
                                                      GoldTimex(5, 15, "dry season", "DATE", "2009-SU")]), {})
    assert classes.wrong_values == 0 and classes.share("anchoring") == 0.0


def test_the_context_of_a_document_is_its_dct_and_the_years_it_writes():
    doc = parse_timeml('<TimeML><DCT><TIMEX3 tid="t0" type="TIME" value="2009-12-19T17:00:00">x</TIMEX3></DCT>'
                       '<TEXT>In 1939, and 12000 men by 490 BC.</TEXT></TimeML>')
    assert context_of(doc) == Context(dt.date(2009, 12, 19), frozenset({1939}))
