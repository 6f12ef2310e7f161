"""Properties that hold for any text: cleaning and splitting never alter it, offsets point into it."""
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.cleaning import clean
from timeline.documents import Document
from timeline.events import extract_events
from timeline.sentences import split_sentences

LINES = st.sampled_from([
    "Rebels took the town on 6. August.", "Notify of", "0 $", "PHOTO: smoke", "Comments", "", "   ",
    "map of the attack. source (pro-rebel).", "Headline Without Stop", "a.m. U.S. Gen. J. Smith said.",
    "line\twith\ttabs", "ünïcödé — “quotes” …", "south-hama-aid-convoy-11-16", "16:40",
])
TEXTS = st.one_of(st.text(max_size=400), st.lists(LINES, max_size=30).map("\n".join))


@settings(max_examples=150, deadline=None)
@given(TEXTS)
def test_cleaning_and_splitting_keep_offsets_into_the_unchanged_text(text):
    cleaned = clean(text)
    previous_end = -1
    for start, end in cleaned.kept:
        assert 0 <= start < end <= len(text) and start > previous_end
        previous_end = end
        for sentence in split_sentences(text, start, end):
            assert text[sentence.start:sentence.end] == sentence.text
            assert start <= sentence.start < sentence.end <= end
            assert sentence.text == sentence.text.strip()
    for dropped in cleaned.dropped:
        assert 0 <= dropped.start <= dropped.end <= len(text)
        assert not any(s < dropped.end and dropped.start < e for s, e in cleaned.kept)


@settings(max_examples=100, deadline=None)
@given(TEXTS, st.sampled_from([None, "2016", "2016-08", "2016-08-07"]))
def test_events_without_expressions_are_only_publication_leads(text, published):
    document = Document(name="d.txt", text=text, published=published)
    cleaned = clean(text)
    sentences = [s for a, b in cleaned.kept for s in split_sentences(text, a, b)]
    for event in extract_events(document, sentences, []):
        assert event.date_source == "publication" and published is not None
        assert text[event.offset[0]:event.offset[1]] == event.sentence
