"""Property tests: on any input the tagger never raises, its spans are exact, its values well-formed."""
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline.temporal import is_well_formed, tag
from timeline.temporal.vocabulary import MONTHS, NUMBERS, REFERENCES, UNITS, WEEKDAYS

# Words the tagger reacts to, mixed with arbitrary text, so that the rules actually fire.
_WORDS = sorted(set(MONTHS) | {m.capitalize() for m in MONTHS} | {w.capitalize() for w in WEEKDAYS}
                | set(NUMBERS) | set(UNITS) | {u + "s" for u in UNITS} | set(REFERENCES)
                | {"last", "next", "this", "the", "ago", "later", "early", "late", "mid-", "1998", "2016",
                   "'80s", "1990s", "6.", "12:30", "9", "a.m.", "p.m.", "fiscal", "quarter", "third", "since",
                   "in", "on", "will", "said", "yesterday", "today", "tonight", "night", "more than", "$",
                   "2,500", "11-16", "-", ",", ".", "\n"})
_TEXT = st.lists(st.one_of(st.sampled_from(_WORDS), st.text(max_size=8)), max_size=40).map(" ".join)
_DCT = st.one_of(st.none(), st.sampled_from(["2016-11-04", "2017-04", "1998", "1998-01-08T09:00", "0001-01-01",
                                             "9999-12-31", "not a date"]))


def _check(text, dct):
    for e in tag(text, dct=dct):
        assert 0 <= e.start < e.end <= len(text)
        assert text[e.start:e.end] == e.text
        assert e.type in ("DATE", "TIME", "DURATION", "SET")
        assert is_well_formed(e.value), (e.text, e.value)
        assert e.anchor in ("explicit", "relative", "unresolved")
        e.interval  # never raises


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(), dct=_DCT)
def test_any_unicode_text(text, dct):
    _check(text, dct)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_TEXT, dct=_DCT)
def test_text_made_of_temporal_words(text, dct):
    _check(text, dct)
