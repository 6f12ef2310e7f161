from timeline.sentences import _BOUNDARY, MAX_SENTENCE, split_sentences


def _texts(text):
    return [s.text for s in split_sentences(text)]


def test_german_day_number_before_month_does_not_end_a_sentence():
    text = "On the morning of 6. August, the base fell. Fighting went on."
    assert _texts(text) == ["On the morning of 6. August, the base fell.", "Fighting went on."]


def test_a_word_that_opens_sentences_after_an_abbreviation_begins_the_next_one():
    text = ("The deadline expired at 3 a.m. Some soldiers handed over their weapons. Rally's has 160 restaurants "
            "in the U.S. The company went public. He arrived at 3 a.m. Monday.")
    assert _texts(text) == ["The deadline expired at 3 a.m.", "Some soldiers handed over their weapons.",
                            "Rally's has 160 restaurants in the U.S.", "The company went public.",
                            "He arrived at 3 a.m. Monday."]


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


def test_text_without_full_stops_is_cut_into_bounded_pieces():
    text = " ".join(f"word{number}" for number in range(5000))
    sentences = split_sentences(text)
    assert all(len(s.text) <= MAX_SENTENCE for s in sentences)
    assert all(text[s.start:s.end] == s.text for s in sentences)
    # Cut between words: every word is whole in one piece.
    assert " ".join(s.text for s in sentences) == text


def test_an_overlong_list_of_dates_is_cut_after_a_comma():
    text = "Clashes were reported on " + ", ".join(f"{day} May 2016" for day in range(1, 29)) * 10 + "."
    sentences = split_sentences(text)
    assert len(sentences) > 1 and all(len(s.text) <= MAX_SENTENCE for s in sentences)
    assert all(s.text.endswith(",") for s in sentences[:-1])
    # The pieces after the first go on from the one before; the sentence after them does not.
    assert [s.continues for s in sentences] == [False] + [True] * (len(sentences) - 1)
    assert not split_sentences(text + " Next one.")[-1].continues


def test_a_footnote_number_on_a_full_stop_ends_the_sentence_and_belongs_to_none():
    text = ("HRW documented an attack on the market on 12 June 2016.23 The next day, a strike hit the hospital.24 "
            "Witnesses said the planes returned at 10 a.m.25\n\nIn late July, researchers visited the site.3")
    assert [s.text for s in split_sentences(text)] == [
        "HRW documented an attack on the market on 12 June 2016.", "The next day, a strike hit the hospital.",
        "Witnesses said the planes returned at 10 a.m.", "In late July, researchers visited the site."]
    # After a digit the number is a decimal; after an abbreviation or an initial, part of a name.
    for kept in ("Rates rose 2.5 Percent in May.", "He lives at No.10 Downing Street.", "See Fig.3 Below."):
        assert [s.text for s in split_sentences(kept)] == [kept]


def test_an_encyclopedia_note_after_a_full_stop_ends_the_sentence_and_belongs_to_none():
    text = "The alliance took the border town of Laukkai.[3] On 5 January 2024 it fell.[12][13] Peace came."
    assert [s.text for s in split_sentences(text)] == [
        "The alliance took the border town of Laukkai.", "On 5 January 2024 it fell.", "Peace came."]


def test_a_run_of_blanks_is_searched_for_a_line_break_from_its_first_blank_only():
    """A copy may pad a line with a hundred thousand blanks. Begun again from each blank of a run
    without a line break, the search would read the rest of the run each time: its time would grow
    with the square of the run (100 KB of blanks held a build for 15 seconds, 1 MB for half an hour)."""
    text = "Rebels attacked" + " \t" * 50 + "\nAid came."
    first = len("Rebels attacked")
    assert _BOUNDARY.match(text, first).group() == " \t" * 50 + "\n"
    assert all(_BOUNDARY.match(text, inside) is None for inside in range(first + 1, text.index("\n")))
    padded = "Rebels attacked" + " \t" * 50_000 + "Aid came. Talks began.\nA new line."
    assert [s.text.split()[0] for s in split_sentences(padded) if not s.continues] == ["Rebels", "Talks", "A"]
