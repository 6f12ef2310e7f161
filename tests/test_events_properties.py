"""Titles for any sentence and any date spans: never empty, never longer than the sentence allows."""
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.titles import MAX_TITLE_AT_COMMA, make_title

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
