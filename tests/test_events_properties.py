"""Titles for any sentence and any date spans: never empty, never longer than the sentence allows."""
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.titles import MASKED_DATE, MAX_TITLE_AT_COMMA, _without_masked_dates, make_title

WORDS = st.sampled_from([
    "Rebels", "captured", "the", "town", "on", "6 May", ",", "said", "that", "there", "would", "be", "a", "pause",
    "(FSA)", "[note]", "according to", "sources", "—", "--", "after", "which", "who", "2015's", "BEIRUT,", "-", "and",
    "declared", "it", "cleared", ";", "usually", "Friday", "last weekend", ".", ":", "’s", "\n",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=40).map(" ".join), st.data())
def test_make_title_never_fails_and_is_never_empty(sentence, data):
    span = None
    if data.draw(st.booleans()):
        start = data.draw(st.integers(0, len(sentence) - 1))
        span = (start, data.draw(st.integers(start + 1, len(sentence))))
    title = make_title(sentence, span)
    if sentence.strip(" ,;:—–-.!?\"'“”‘’()[]\n"):
        assert title.strip()
    assert "\0" not in title
    assert len(title) <= max(len(sentence), MAX_TITLE_AT_COMMA)


MASKED_PIECES = st.sampled_from([
    "\0", "\0\0\0", " ", "  ", "\n", ",", "on", "On", "ON", "the", "and", "as of", "the morning of", "from",
    "to", "ton", "xon", "_on", "é", "Rebels", "shelled", "until", "this", "-", "ending", "at", "1",
])


@settings(max_examples=500, deadline=None)
@given(st.lists(MASKED_PIECES, max_size=30).map("".join))
def test_masked_dates_go_with_their_lead_in_words_as_the_pattern_takes_them(text):
    assert _without_masked_dates(text) == MASKED_DATE.sub("", text)


FUTURE_WORDS = st.sampled_from([
    "will", "would", "have", "would have", "shall", "'ll", "is", "to", "is due to", "plans to", "scheduled",
    "upcoming", "in the coming", "over the coming", "willing", "wills", "x", ",", "1 May 2011", "the next", "Will",
    '"', "\u201c", "\u201d",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(FUTURE_WORDS, min_size=1, max_size=60).map(" ".join), st.data())
def test_future_wording_read_once_per_clause_is_as_read_each_time(sentence, data):
    """The dates of a clause, in order, find future wording exactly where a search of each
    clause beginning does."""
    import datetime as dt

    from timeline.events import _is_future_in, is_future

    clause_start = data.draw(st.integers(0, len(sentence)))
    ends = sorted(data.draw(st.lists(st.integers(clause_start, len(sentence)), max_size=12)))
    known: dict = {}
    for end in ends:
        found = _is_future_in(sentence, clause_start, end, dt.date(2011, 1, 1), None, known)
        assert found == is_future(sentence[clause_start:end], dt.date(2011, 1, 1), None)


def test_a_possessive_date_that_names_nothing_leaves_the_title_to_the_clause():
    # Found by the property above: the date's own noun phrase was only punctuation.
    assert make_title("Rebels , according to 2015's \n --", (0, 26)).strip()
