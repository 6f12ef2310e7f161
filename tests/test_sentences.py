from timeline.sentences import split_sentences


def _texts(text):
    return [s.text for s in split_sentences(text)]


def test_german_day_number_before_month_does_not_end_a_sentence():
    text = "On the morning of 6. August, the base fell. Fighting went on."
    assert _texts(text) == ["On the morning of 6. August, the base fell.", "Fighting went on."]


def test_abbreviations_and_initials():
    text = "Gen. Smith met J. Doe at 9 a.m. Local time was noted. The U.S. said no."
    assert _texts(text) == ["Gen. Smith met J. Doe at 9 a.m. Local time was noted.", "The U.S. said no."]


def test_headlines_on_their_own_lines():
    text = "Rebels Take Town\nRebels took the town on Monday. Few were hurt.\n\nNext Story\nMore text."
    assert _texts(text) == ["Rebels Take Town", "Rebels took the town on Monday.", "Few were hurt.", "Next Story", "More text."]


def test_hard_wrapped_line_runs_on():
    text = "Rebels took the town of\nal-Eis on Monday, officials said.\nA new line starts here."
    assert _texts(text) == ["Rebels took the town of\nal-Eis on Monday, officials said.", "A new line starts here."]


def test_offsets_point_into_the_text():
    text = "  First one.  Second one!\n\nThird?"
    for sentence in split_sentences(text):
        assert text[sentence.start:sentence.end] == sentence.text
    sentences = split_sentences(text, 14, len(text))
    assert sentences[0].text == "Second one!"
