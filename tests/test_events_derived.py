"""Happenings dated from other happenings ("two days after X"), and deadlines ("by Friday")."""
import pytest

from timeline.derived import find_relations, offset_date, parse_words, RelationsError
from timeline.documents import Document
from timeline.events import extract_events
from timeline.pipeline import process_document
from timeline.sentences import split_sentences
from timeline.temporal import TemporalExpression
from timeline.temporal.values import interval_of


def _expr(text, phrase, value, type_="DATE", mod=None, anchor="explicit"):
    start = text.index(phrase)
    return TemporalExpression(start, start + len(phrase), phrase, type_, value, mod, anchor)


def _events(text, expressions, published="2019-06-30"):
    document = Document(name="doc.txt", text=text, published=published)
    return extract_events(document, split_sentences(text), expressions)


def _built(text, published):
    return process_document(Document(name="doc.txt", text=text, published=published)).events


def _by_source(events, source):
    return [e for e in events if e.date_source == source]


def test_a_noun_phrase_after_an_offset_is_dated_from_the_sentence_date():
    text = "Militia leaders signed the truce on 14 March 2019, three days after a mortar strike on the airport."
    events = _events(text, [_expr(text, "14 March 2019", "2019-03-14"),
                            _expr(text, "three days", "P3D", "DURATION")])
    main, = _by_source(events, "explicit")
    derived, = _by_source(events, "derived")
    assert (main.date, main.title) == ("2019-03-14", "Militia leaders signed the truce")
    assert (derived.date, derived.precision) == ("2019-03-11", "day")
    assert derived.title == "Mortar strike on the airport"
    assert derived.expression == "three days after"
    assert derived.sentence == text and not derived.future


def test_a_clause_after_an_offset_names_its_own_happening():
    text = "On 2 May 2019 the air force struck Kafr Nabl, a week after gunmen ambushed a patrol near Saraqib."
    events = _events(text, [_expr(text, "2 May 2019", "2019-05-02"), _expr(text, "a week", "P1W", "DURATION")])
    derived, = _by_source(events, "derived")
    assert (derived.date, derived.title) == ("2019-04-25", "Gunmen ambushed a patrol near Saraqib")
    assert _by_source(events, "explicit")[0].title == "The air force struck Kafr Nabl"


def test_before_puts_the_named_happening_later():
    text = "Envoys met in Astana on 10 June 2019, two weeks before the vote on the new constitution."
    events = _events(text, [_expr(text, "10 June 2019", "2019-06-10"), _expr(text, "two weeks", "P2W", "DURATION")])
    derived, = _by_source(events, "derived")
    assert (derived.date, derived.title) == ("2019-06-24", "Vote on the new constitution")


def test_the_offset_may_come_first_and_the_date_after_it():
    text = "Two days after the fall of Manbij, on 9 August 2019, the coalition moved south."
    events = _events(text, [_expr(text, "Two days", "P2D", "DURATION"), _expr(text, "9 August 2019", "2019-08-09")])
    derived, = _by_source(events, "derived")
    assert (derived.date, derived.title) == ("2019-08-07", "Fall of Manbij")


def test_a_sentence_without_a_date_counts_from_the_happening_before_it():
    text = ("Government jets bombed Khan Sheikhoun on 4 April 2019. The raids came two days after insurgents "
            "overran an army post near Taybat al-Imam.")
    events = _events(text, [_expr(text, "4 April 2019", "2019-04-04"), _expr(text, "two days", "P2D", "DURATION")])
    derived, = _by_source(events, "derived")
    assert (derived.date, derived.title) == ("2019-04-02", "Insurgents overran an army post near Taybat al-Imam")


def test_a_dated_phrase_dates_the_undated_happening_of_its_sentence():
    text = "Loyalist troops entered the village three days after the rebels withdrew on 3 June 2019."
    events = _events(text, [_expr(text, "three days", "P3D", "DURATION"), _expr(text, "3 June 2019", "2019-06-03")])
    own, = _by_source(events, "explicit")
    derived, = _by_source(events, "derived")
    assert (own.date, own.title) == ("2019-06-03", "The rebels withdrew")
    assert (derived.date, derived.title) == ("2019-06-06", "Loyalist troops entered the village")


def test_an_abbreviation_or_an_initial_does_not_end_the_words_of_a_happening():
    text = "The attack came less than two weeks after U.S. President Donald J. Trump met Vladimir Putin in Alaska."
    relation, = find_relations(text, [_expr(text, "less than two weeks", "P2W", "DURATION", mod="LESS_THAN")])
    assert text[relation.phrase[0]:relation.phrase[1]] == "U.S. President Donald J. Trump met Vladimir Putin in Alaska"


@pytest.mark.parametrize("text, offset, date, published, own, derived", [
    ("The fall of the city came a day after the RSF announced that it had captured Bara, a town in North Kordofan, "
     "on Saturday.", ("a day", "P1D"), ("Saturday", "2025-10-25"), "2025-10-27",
     ("2025-10-25", "The RSF announced that it had captured Bara, a town in North Kordofan"),
     ("2025-10-26", "The fall of the city came")),
    # the rest of the phrase may come between the apposition and the date
    ("The coup came two months after jihadists killed 53 people, most of them gendarmes, at Inata in November 2021.",
     ("two months", "P2M"), ("November 2021", "2021-11"), "2023-08-01",
     ("2021-11", "Jihadists killed 53 people at Inata"), ("2022-01", "The coup came")),
])
def test_a_date_after_an_apposition_is_the_phrases_own(text, offset, date, published, own, derived):
    events = _events(text, [_expr(text, offset[0], offset[1], "DURATION"), _expr(text, *date)], published)
    mine, = _by_source(events, "explicit")
    counted, = _by_source(events, "derived")
    assert ((mine.date, mine.title), (counted.date, counted.title)) == (own, derived)


def test_a_date_right_after_the_comma_may_be_the_sentences_own():
    # a date right after the comma may as well be the sentence's own: the phrase ends at the comma
    text = "The talks began a week after the truce, on Monday."
    events = _events(text, [_expr(text, "a week", "P1W", "DURATION"), _expr(text, "Monday", "2025-10-27")],
                     "2025-10-28")
    assert [(e.date, e.date_source) for e in events] == [("2025-10-20", "derived"), ("2025-10-27", "explicit")]


@pytest.mark.parametrize("text", [
    "Fighting raged for two days before the garrison surrendered on 3 June 2019.",
    "On 3 June 2019 the convoy reached Idlib, two days after that.",
    "On 3 June 2019 officials said the work was done days after the storm.",
])
def test_no_derived_happening_without_an_offset_and_a_named_happening(text):
    expressions = [_expr(text, "3 June 2019", "2019-06-03")]
    for phrase, value in (("two days", "P2D"), ("days", "PXD")):
        if phrase in text:
            expressions.append(_expr(text, phrase, value, "DURATION"))
            break
    assert not _by_source(_events(text, expressions), "derived")


def test_hours_give_the_same_day_about():
    text = "On 12 May 2019 gunmen stormed the prison, hours after a car bomb exploded at its gate."
    events = _events(text, [_expr(text, "12 May 2019", "2019-05-12"), _expr(text, "hours", "PTXH", "DURATION")])
    derived, = _by_source(events, "derived")
    assert (derived.date, derived.mod, derived.title) == ("2019-05-12", "APPROX", "A car bomb exploded at its gate")


def test_offsets_coarser_than_days():
    day = interval_of("2019-05-12")
    assert offset_date(day, "P1M", -1) == ("2019-04", None)
    assert offset_date(day, "P2Y", -1) == ("2017", None)
    assert offset_date(day, "P1Y", -1, approximate=True) == ("2018", "APPROX")
    assert offset_date(interval_of("2019-05"), "P2D", -1) is None  # two days from a month: unknown
    assert offset_date(day, "PXD", -1) is None  # "days after": how many is not said
    assert offset_date(day, "PT48H", 1) == ("2019-05-14", None)


def test_the_day_after_is_an_offset_of_its_own():
    text = "The UN suspended its flights on 20 July 2019, the day after the shelling of the airfield."
    relations = find_relations(text, [_expr(text, "20 July 2019", "2019-07-20")])
    assert [(r.duration, text[slice(*r.phrase)]) for r in relations] == [("P1D", "the shelling of the airfield")]
    derived, = _by_source(_events(text, [_expr(text, "20 July 2019", "2019-07-20")]), "derived")
    assert (derived.date, derived.title) == ("2019-07-19", "Shelling of the airfield")


def test_two_offsets_in_a_row_each_name_their_own_happening():
    text = "Deputies took their seats on 9 May 2019, a day after the court approved the list and two years after the vote."
    relations = find_relations(text, [_expr(text, "9 May 2019", "2019-05-09"), _expr(text, "a day", "P1D", "DURATION"),
                                      _expr(text, "two years", "P2Y", "DURATION")])
    assert [text[slice(*r.phrase)] for r in relations] == ["the court approved the list", "the vote"]


def test_with_the_real_tagger():
    text = ("Rebel commanders accepted the evacuation deal on 21 May 2019, a day after a suspected chlorine "
            "attack on the town.\n\nThe shelling came two days after insurgents attacked a checkpoint near Kafr Zita.")
    events = _built(text, "2019-05-22")
    derived = [(e.date, e.title) for e in _by_source(events, "derived")]
    assert ("2019-05-20", "Suspected chlorine attack on the town") in derived
    assert ("2019-05-19", "Insurgents attacked a checkpoint near Kafr Zita") in derived


def test_a_deadline_is_on_or_before_its_date():
    text = "The militias must hand over their heavy weapons by 15 October 2019."
    event, = _events(text, [_expr(text, "15 October 2019", "2019-10-15")], published="2019-09-20")
    assert (event.date, event.mod, event.future) == ("2019-10-15", "ON_OR_BEFORE", True)
    assert event.title == "The militias must hand over their heavy weapons"


@pytest.mark.parametrize("text, phrase", [
    ("Fighters were given until Sunday to leave the old city.", "Sunday"),
    ("The council asked for the report no later than 3 October 2019.", "3 October 2019"),
])
def test_other_deadlines(text, phrase):
    event, = _events(text, [_expr(text, phrase, "2019-10-03")], published="2019-09-20")
    assert event.mod == "ON_OR_BEFORE"


def test_by_before_a_possessive_date_is_no_deadline():
    text = "The depot was hit by Sunday's strike on 3 October 2019."
    events = _events(text, [_expr(text, "Sunday", "2019-09-29"), _expr(text, "3 October 2019", "2019-10-03")])
    assert all(e.mod is None for e in events)


def test_a_deadline_shows_in_the_exports():
    from timeline.exporters.records import event_record

    text = "The militias must hand over their heavy weapons by 15 October 2019."
    event, = _events(text, [_expr(text, "15 October 2019", "2019-10-15")], published="2019-09-20")
    record = event_record(event)
    assert record["mod"] == "ON_OR_BEFORE" and record["modifier"] == "on or before"


def test_a_bad_relations_file_names_its_line():
    with pytest.raises(RelationsError, match="mine.tsv:2"):
        parse_words(["earlier\tafter", "offset\tthe day"], "mine.tsv")


def test_a_new_story_of_the_page_is_no_context():
    text = ("Government jets bombed Khan Sheikhoun on 4 April 2019.\n\nThe raids came two days after "
            "insurgents overran an army post near Taybat al-Imam.")
    expressions = [_expr(text, "4 April 2019", "2019-04-04"), _expr(text, "two days", "P2D", "DURATION")]
    document = Document(name="doc.txt", text=text, published="2019-06-30")
    story_start = text.index("The raids") - 1  # where cleaning dropped an entry's time stamp
    events = extract_events(document, split_sentences(text), expressions, story_starts=[story_start])
    assert not _by_source(events, "derived")
    assert _by_source(_events(text, expressions), "derived")


def test_without_a_date_only_a_sentence_that_speaks_again_of_the_last_happening_uses_it():
    text = ("Government jets bombed Khan Sheikhoun on 4 April 2019. A depot in Hama was seized eight days "
            "after the siege of Kafr Nabl.")
    events = _events(text, [_expr(text, "4 April 2019", "2019-04-04"), _expr(text, "eight days", "P8D", "DURATION")])
    assert not _by_source(events, "derived")


def test_words_that_open_no_happening_after_a_signal():
    text = "The garrison surrendered on 3 June 2019 and the day following saw the fall of the citadel."
    assert not find_relations(text, [_expr(text, "3 June 2019", "2019-06-03")])


def test_a_deadline_of_a_month():
    text = "The envoy said the last troops would be home by July 2019."
    event, = _events(text, [_expr(text, "July 2019", "2019-07")], published="2019-03-01")
    assert (event.mod, event.future) == ("ON_OR_BEFORE", True)


def test_a_happening_dated_the_same_day_as_its_sentence_has_an_id_of_its_own():
    text = "Gunmen stormed the prison in Hama on 12 May 2019, hours after a car bomb exploded at its gate."
    events = _built(text, "2019-05-13")
    assert sorted(e.date_source for e in events) == ["derived", "explicit"]
    assert len({e.id for e in events}) == 2


def test_an_offset_in_a_relative_clause_does_not_count_from_a_date_outside_it():
    text = "The talks, which began two weeks after the truce, ended in Astana on 14 June 2019."
    events = _events(text, [_expr(text, "two weeks", "P2W", "DURATION"), _expr(text, "14 June 2019", "2019-06-14")])
    assert not _by_source(events, "derived")
    assert [e.title for e in events] == ["The talks ended in Astana"]


def test_no_offset_counts_from_a_clock_time_alone():
    text = "A patrol saw the car at 6 a.m. ten days before the ambush on the Hama road."
    events = _events(text, [_expr(text, "6 a.m.", "2019-04-08T06:00", "TIME"), _expr(text, "ten days", "P10D", "DURATION")])
    assert not _by_source(events, "derived")


def test_the_named_happening_goes_on_over_an_apposition():
    text = ("The governor resigned on 3 July 2019, a day after Ahmad Khalil, the head of the city council, "
            "accused him of fraud.")
    expressions = [_expr(text, "3 July 2019", "2019-07-03"), _expr(text, "a day", "P1D", "DURATION")]
    derived, = _by_source(_events(text, expressions, published="2019-07-10"), "derived")
    assert derived.title == "Ahmad Khalil accused him of fraud"


def test_a_deadline_is_told_as_its_words_alone_would_tell_it():
    """is_deadline passes over a date after a comma or a bracket without a search: the same answer as
    the deadline words' pattern gives, whatever stands before the date."""
    import random

    from timeline.derived import is_deadline, relation_words

    pieces = ["by", "BY", "no later than", "given", "until", "had", "them", "3 May", ",", "(", ";", "_", "x1",
              " ", "  ", "\t", "\u00a0", "\n", "Friday"]
    generator = random.Random(11)
    pattern = relation_words().deadline
    for _ in range(4000):
        before = "".join(generator.choice(pieces) + generator.choice(["", " "]) for _ in range(generator.randint(0, 8)))
        sentence = before + "Friday night"
        start = len(before)
        expected = not sentence.startswith(("'s", "’s"), start + 6) and bool(
            pattern.search(sentence, max(0, start - 40), start))
        assert is_deadline(sentence, start, start + 6) == expected, repr(before)
