"""Event extraction against the tagger's contract (TemporalExpression), with expressions made by hand."""
import calendar

import pytest

from timeline.documents import Document
from timeline.events import extract_events, story_leads
from timeline.sentences import split_sentences
from timeline.temporal import TemporalExpression
from timeline.titles import make_title


def _expr(text, phrase, value, type_="DATE", mod=None, anchor="relative", occurrence=0):
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(phrase, start + 1)
    return TemporalExpression(start, start + len(phrase), phrase, type_, value, mod, anchor)


def _events(text, expressions, published="2016-11-04"):
    document = Document(name="doc.txt", text=text, published=published, url="http://x")
    return extract_events(document, split_sentences(text), expressions)


def _title_at(sentence, phrase):
    """The title ``make_title`` gives ``sentence`` for the date written ``phrase`` in it."""
    start = sentence.index(phrase)
    return make_title(sentence, (start, start + len(phrase)))


def _titles(text, phrase, value, published):
    """The titles of the events of ``text`` dated by its one expression ``phrase``."""
    return [e.title for e in _events(text, [_expr(text, phrase, value)], published)]


def test_dated_sentence_gives_an_event_with_interval_and_evidence():
    text = "Headline\n\nOn 6 May, rebels captured Khan Touman. Few were hurt."
    events = _events(text, [_expr(text, "6 May", "2016-05-06", anchor="explicit")], "2016-05-06")
    assert len(events) == 1
    event = events[0]
    assert (event.date, event.precision, event.date_source) == ("2016-05-06", "day", "explicit")
    assert text[event.offset[0]:event.offset[1]] == event.sentence == "On 6 May, rebels captured Khan Touman."
    assert event.title == "Rebels captured Khan Touman"
    assert not event.future


def test_durations_and_sets_are_not_events():
    text = "Forces have tried for more than a month to take the pocket. Every day people die."
    expressions = [_expr(text, "more than a month", "P1M", "DURATION"), _expr(text, "Every day", "P1D", "SET")]
    assert [e for e in _events(text, expressions) if e.date_source != "publication"] == []


def test_date_after_for_or_within_places_the_happening_in_that_period():
    text = "Fighters were to graduate within the next week. The company reported a loss for the third quarter."
    expressions = [_expr(text, "the next week", "2016-W45"), _expr(text, "the third quarter", "2016-Q3")]
    events = [e for e in _events(text, expressions) if e.date_source != "publication"]
    assert [(e.date, e.future) for e in events] == [("2016-W45", True), ("2016-Q3", False)]


def test_a_habit_in_another_clause_does_not_hide_a_dated_happening():
    text = "The rally was held on Nov. 25 -- along with other rallies almost every day -- in Havana."
    events = _events(text, [_expr(text, "Nov. 25", "1999-11-25")], "1999-11-30")
    assert [e.date for e in events] == ["1999-11-25"]
    text = "Protests are held every Friday in the square, usually after prayers on Friday."
    events = _events(text, [_expr(text, "Friday", "2016-11-04", occurrence=1)], "2016-11-05")
    assert [e.date_source for e in events] == ["publication"]  # the article's stand-in, not a dated event


def test_habits_and_generic_statements_are_not_events():
    text = "Towards the end of the month is when many training courses complete."
    events = _events(text, [_expr(text, "the end of the month", "2020-10", mod="END")], "2020-10-27")
    assert all(e.date_source == "publication" for e in events)
    text = "The strikes killed 70 fighters. " + text
    events = _events(text, [_expr(text, "the end of the month", "2020-10", mod="END")], "2020-10-27")
    assert [(e.date, e.date_source) for e in events] == [("2020-10-27", "publication")]


def test_two_dates_for_two_happenings_give_two_events_one_future():
    text = ("President Vladimir Putin said on Wednesday that there would be a 10-hour pause, "
            "beginning at 9 a.m. local time on Friday, for rebels to leave.")
    expressions = [
        _expr(text, "Wednesday", "2016-11-02"),
        _expr(text, "9 a.m.", "2016-11-04T09:00", "TIME"),
        _expr(text, "Friday", "2016-11-04"),
    ]
    events = _events(text, expressions, "2016-11-02")
    assert [(e.date, e.future) for e in events] == [("2016-11-02", False), ("2016-11-04T09:00", True)]
    assert events[0].title.startswith("President Vladimir Putin said")
    assert "Wednesday" not in events[0].title
    assert events[1].title.startswith("There would be a 10-hour pause")


def test_same_day_twice_is_one_event():
    text = "Counterattacks failed until the morning of 6 August. 6 August – nothing changed."
    expressions = [_expr(text, "6 August", "2016-08-06"), _expr(text, "6 August", "2016-08-06", occurrence=1)]
    assert len([e for e in _events(text, expressions, "2016-08-07") if e.date_source != "publication"]) == 2
    one = "Counterattacks failed until the morning of 6 August, 6 August."
    expressions = [_expr(one, "6 August", "2016-08-06"), _expr(one, "6 August", "2016-08-06", occurrence=1)]
    assert len(_events(one, expressions, "2016-08-07")) == 1


def test_a_range_is_one_event_covering_both_ends():
    text = "The talks ran from 3 May to 5 May in Geneva."
    expressions = [_expr(text, "3 May", "2016-05-03"), _expr(text, "5 May", "2016-05-05")]
    events = _events(text, expressions, "2016-05-20")
    assert len(events) == 1
    assert (events[0].start.isoformat(), events[0].end.isoformat()) == ("2016-05-03", "2016-05-05")


def test_two_dates_joined_by_a_dash_are_one_range_with_a_clean_title():
    # No "from" or "between" before them: a dash written close makes the range (hyphen or en dash).
    for text, first, last, value, title in [
        ("The 2011-2013 drought hit farmers in Hasakah.", "2011", "2013", "2011/2013", "The drought hit farmers in Hasakah"),
        ("He ruled the province in 1990–1995 as governor.", "1990", "1995", "1990/1995",
         "He ruled the province as governor"),
        ("Talks were held on 13–14 May in Geneva.", "13", "14 May", "2016-05-13/2016-05-14", "Talks were held in Geneva"),
    ]:
        expressions = [_expr(text, first, value.split("/")[0]), _expr(text, last, value.split("/")[1])]
        events = _events(text, expressions, "2016-05-20")
        assert [(e.date, e.title) for e in events] == [(value, title)], text


def test_a_dash_set_apart_makes_a_range_where_no_word_follows_the_second_date():
    text = "During the reporting period (1 January – 31 March 2019), at least 1,200 civilians were displaced."
    expressions = [_expr(text, "1 January", "2019-01-01"), _expr(text, "31 March 2019", "2019-03-31")]
    assert [(e.date, e.title) for e in _events(text, expressions, "2019-04-10")] == [
        ("2019-01-01/2019-03-31", "At least 1,200 civilians were displaced")]


def test_a_bare_day_before_to_and_a_date_is_a_range_without_an_opener():
    text = "During the night of 3 to 4 May, rebels advanced on the town."
    expressions = [_expr(text, "3", "2019-05-03"), _expr(text, "4 May", "2019-05-04")]
    assert [e.date for e in _events(text, expressions, "2019-05-14")] == ["2019-05-03/2019-05-04"]
    text = "Strikes hit the town on 3 and 5 May."  # two days, not the days between
    expressions = [_expr(text, "3", "2019-05-03"), _expr(text, "5 May", "2019-05-05")]
    assert [e.date for e in _events(text, expressions, "2019-05-14")] == ["2019-05-03", "2019-05-05"]


def test_dates_in_other_order_or_apart_are_no_range():
    text = "Rebels held the town until 2014 — 2015 brought its fall."  # a dash set apart parts two clauses
    expressions = [_expr(text, "2014", "2014"), _expr(text, "2015", "2015")]
    assert sorted(e.date for e in _events(text, expressions, "2017-05-20")) == ["2014", "2015"]
    text = "Rebels took the town in 2013-2012 records say."  # the second before the first: two dates
    expressions = [_expr(text, "2013", "2013"), _expr(text, "2012", "2012")]
    assert sorted(e.date for e in _events(text, expressions, "2017-05-20")) == ["2012", "2013"]


def test_a_date_between_a_subject_and_its_verb_leaves_no_comma_in_the_title():
    text = "The army, on Monday, attacked the town near Idlib, killing five."
    assert _titles(text, "Monday", "2016-05-16", "2016-05-20") == [
        "The army attacked the town near Idlib, killing five"]
    # A comma that closes an opening phrase stays: what follows it is a clause with its own subject.
    text = "When the truce ended, on Monday, rebels shelled the old city."
    events = _events(text, [_expr(text, "Monday", "2016-05-16")], "2016-05-20")
    assert "ended rebels" not in events[0].title


def test_a_headline_naming_a_section_after_its_day_dates_no_happening():
    text = "Yesterday's updates\n\nGovernment forces entered Khan Sheikhoun on Sunday evening."
    expressions = [_expr(text, "Yesterday", "2019-08-18"), _expr(text, "Sunday evening", "2019-08-18TEV", "TIME")]
    assert [e.title for e in _events(text, expressions, "2019-08-19")] == ["Government forces entered Khan Sheikhoun"]
    text = "Yesterday's attack on Idlib\n\nJets struck Idlib."  # a happening's noun: the lead below tells it
    events = _events(text, [_expr(text, "Yesterday", "2019-08-18")], "2019-08-19")
    assert [(e.date, e.title) for e in events] == [("2019-08-18", "Jets struck Idlib")]


def test_a_date_after_a_superlative_and_since_is_a_point_of_comparison():
    text = "The attack, the deadliest since January, killed 22 people on Sunday."
    expressions = [_expr(text, "January", "2019-01"), _expr(text, "Sunday", "2019-08-11")]
    assert [e.date for e in _events(text, expressions, "2019-08-13")] == ["2019-08-11"]
    text = "Violence has been at its worst since the 2003 invasion, and 40 people died on Sunday."
    expressions = [_expr(text, "2003", "2003"), _expr(text, "Sunday", "2019-08-11")]
    assert [e.date for e in _events(text, expressions, "2019-08-13")] == ["2019-08-11"]
    # A superlative further back qualifies another noun: the date after "since" is the happening's start.
    text = "The firm has been an agent for the world's biggest breeder of benign insects since 1992."
    assert [e.date for e in _events(text, [_expr(text, "1992", "1992")], "1997-04-03")] == ["1992"]


def test_a_title_keeps_the_marks_of_a_whole_quotation_and_drops_those_of_a_cut_one():
    text = 'The raid became known as the "Green Beret Affair" in 1969.'
    assert [e.title for e in _events(text, [_expr(text, "1969", "1969")], "2019-08-13")] == [
        'The raid became known as the "Green Beret Affair"']
    text = '"We will not leave our positions," a rebel commander told Reuters on Thursday.'
    title = _events(text, [_expr(text, "Thursday", "2019-08-15")], "2019-08-15")[0].title
    assert title.count('"') % 2 == 0


def test_an_undated_lead_takes_the_date_of_the_headline_right_above_it():
    text = ("Syria live\n\n14:20 GMT – Turkish convoy hit near Khan Sheikhoun\n"
            "An air strike hit a Turkish military convoy south of Maarat al-Numan, killing three civilians.\n\n"
            "12:05 GMT – Hospital struck in Kafr Nabl\n"
            "Airstrikes put the only hospital in Kafr Nabl out of service early on Monday morning.\n")
    expressions = [_expr(text, "14:20 GMT", "2019-08-19T14:20", "TIME"), _expr(text, "12:05 GMT", "2019-08-19T12:05", "TIME"),
                   _expr(text, "Monday morning", "2019-08-19TMO", "TIME")]
    events = _events(text, expressions, "2019-08-19")
    assert [(e.date, e.title[:30]) for e in events] == [
        ("2019-08-19T14:20", "An air strike hit a Turkish mi"),  # one event: the lead, at the headline's time
        ("2019-08-19T12:05", "Hospital struck in Kafr Nabl"),  # the body has a date of its own: two events
        ("2019-08-19TMO", "Airstrikes put the only hospit")]


def test_planned_happening_is_future():
    text = "Officials are due to meet in Washington on Dec. 19 to review the campaign."
    events = _events(text, [_expr(text, "Dec. 19", "2018-12-19")], "2018-12-14")
    assert events[0].future


def test_future_reference_without_calendar_value_is_dated_from_publication():
    text = "In the coming weeks the army will start an operation in the desert."
    events = _events(text, [_expr(text, "In the coming weeks", "FUTURE_REF")], "2017-04")
    assert [(e.date, e.precision, e.date_source, e.future) for e in events] == [("2017-04", "month", "publication", True)]


def test_undated_lead_is_dated_from_publication():
    text = ("Russian Air Force Strikes Rebel Headquarters in Idlib\n"
            "The Russian Air Force has carried out at least two airstrikes against a headquarters in Duwaylah. "
            "The strikes are rare.")
    events = _events(text, [], "2020-10-27")
    assert len(events) == 1
    event = events[0]
    assert (event.date, event.date_source, event.precision) == ("2020-10-27", "publication", "day")
    assert event.sentence.startswith("The Russian Air Force has carried out")
    assert event.title.startswith("The Russian Air Force has carried out at least two airstrikes")


def test_no_publication_date_means_no_publication_event():
    text = "Headline\nThe army has taken the town."
    assert _events(text, [], None) == []


def test_each_story_of_a_live_blog_has_its_lead():
    text = ("First Story\nRebels launched an offensive on Thursday.\n\n"
            "Regime Prevents Aid\nThe regime has prevented an aid convoy from reaching villages.\n\n"
            "A Sub-heading\nEvery day people die in the east.\nMedia reported gas attacks.")
    sentences = split_sentences(text)
    leads = [sentences[i].text for i in story_leads(sentences, text)]
    assert leads == ["Rebels launched an offensive on Thursday.", "The regime has prevented an aid convoy from reaching villages."]
    events = _events(text, [_expr(text, "Thursday", "2016-11-03")])
    assert [(e.date, e.date_source) for e in events] == [("2016-11-03", "relative"), ("2016-11-04", "publication")]


def test_titles_drop_attribution_parentheses_insertions_and_leading_adverbials():
    sentence = ("Ussoud Al-Shatkiah [one of the Free Syrian Army (FSA) groups backed by the US] captured "
                "the Al-Alyaniyah area, according to pro-militant sources.")
    assert make_title(sentence) == "Ussoud Al-Shatkiah captured the Al-Alyaniyah area"
    sentence = ("After several days of bitter fighting, the militias, who want to break the siege, "
                "have achieved a decisive breakthrough.")
    assert make_title(sentence) == "The militias have achieved a decisive breakthrough"
    sentence = "ISIS launched an offensive on the Al-Tanf crossing on April 8, although the attack failed."
    start = sentence.index("April 8")
    assert make_title(sentence, (start, start + 7)) == "ISIS launched an offensive on the Al-Tanf crossing"


def test_a_title_drops_a_pages_label_before_a_colon_or_a_dash():
    for label in ("Breaking:", "UPDATE -", "Exclusive:"):
        sentence = f"{label} Egypt's foreign minister arrived in Port Sudan on Tuesday for talks with the army chief."
        assert _title_at(sentence, "Tuesday") == "Egypt's foreign minister arrived in Port Sudan for talks with the army chief"
    sentence = "Update on Korabel: the death toll rose to 5 on Friday."
    assert _title_at(sentence, "Friday").startswith("Update on Korabel")
    for opening in ("⚡️ BREAKING:", "🔴 UPDATE -", "2/7"):  # an emoji before the label, a thread's numbering
        sentence = f"{opening} Drones hit the grain terminal in Odesa port on Monday."
        assert _title_at(sentence, "Monday") == "Drones hit the grain terminal in Odesa port"
    assert _title_at("24/7 coverage of the war began on Monday.", "Monday") == "24/7 coverage of the war began"


def test_a_title_drops_the_phrase_of_purpose_or_cause_that_opens_the_sentence():
    for opening in ("As part of their campaign to take the province", "As a result of the talks"):
        sentence = f"{opening}, the two armies opened a corridor on 22 March to let civilians leave."
        assert _title_at(sentence, "22 March") == "The two armies opened a corridor to let civilians leave"


def test_a_long_title_is_not_cut_between_its_subject_and_its_verb():
    sentence = ("In March 2015, a coalition of nine Arab countries led by Riyadh begins an operation in support of "
                "the exiled President Abedrabbo Mansour Hadi with air strikes on the rebels who hold the capital.")
    assert _title_at(sentence, "March 2015").startswith("A coalition of nine Arab countries led by Riyadh begins an operation")


def test_notes_in_brackets_of_an_encyclopedia_copy_do_not_change_a_title():
    plain = ("Met with fierce fighting, the advance into the city was slowed by the presence of civilians, "
             "but the prime minister declared the liberation of the eastern side on 24 January 2017.")
    noted = plain.replace("civilians, ", "civilians,[81] ").replace("Met", "[80] Met")
    titles = [_title_at(sentence, "24 January 2017") for sentence in (plain, noted)]
    assert titles[0] == titles[1] == "The prime minister declared the liberation of the eastern side"


@pytest.mark.parametrize("sentence,expression,title", [
    ("Back in January 2015, Kurdish forces advanced on the city.", "January 2015",
     "Kurdish forces advanced on the city"),
    ("Toward the end of 2003, the intensity and pace of insurgent attacks began to increase.", "the end of 2003",
     "The intensity and pace of insurgent attacks began to increase"),
    ("Archaeologists excavated ancient Olympia towards the end of the 19th century.", "the end of the 19th century",
     "Archaeologists excavated ancient Olympia"),
    ("Philippine President Gloria Arroyo was expected later in the day to inspect relief efforts.", "the day",
     "Philippine President Gloria Arroyo was expected to inspect relief efforts"),
    ("Aid workers said the attack continued into Monday.", "Monday", "Aid workers said the attack continued"),
    ("Goh will host a dinner for Kamal later Tuesday.", "Tuesday", "Goh will host a dinner for Kamal"),
    ("Howard earlier this week bowed to intensifying pressure.", "this week", "Howard bowed to intensifying pressure"),
])
def test_the_words_that_lead_into_a_date_leave_the_title_with_it(sentence, expression, title):
    assert _title_at(sentence, expression) == title


def test_titles_are_not_the_sentence_cut_at_a_length():
    sentence = ("The anti-Assad forces now hold the Dahiyat al-Assad district, to the north of the Ramouseh area "
                "where Russian and pro-Assad force reimposed the siege in late August.")
    start = sentence.index("late August")
    assert make_title(sentence, (start, start + len("late August"))) == "Russian and pro-Assad force reimposed the siege"


@pytest.mark.parametrize("sentence, expression, title", [
    ("Negotiators from Egypt, Qatar and the United States will meet in Cairo later today to resume talks on a "
     "ceasefire and hostage deal, an Egyptian official told state media.", "today",
     "Negotiators from Egypt, Qatar and the United States will meet in Cairo to resume talks on a ceasefire and "
     "hostage deal"),
    ("Acting as EU president on Saturday, Blair sealed agreement overnight on a tighter spending package for the "
     "years 2007 to 2013.", "Saturday", "Acting as EU president, Blair sealed agreement overnight on a tighter "
     "spending package"),
])
def test_a_long_title_is_not_cut_before_its_subject_and_verb(sentence, expression, title):
    # A comma after a list of names or an opening phrase, with no verb before it, leaves the subject behind.
    start = sentence.index(expression)
    assert make_title(sentence, (start, start + len(expression))) == title


def test_a_title_never_gives_its_subject_twice():
    # Found by the property test: the main clause's subject was put before a title that already held it.
    sentence = "captured Rebels Rebels Rebels Rebels Rebels Rebels Rebels Rebels Rebels captured"
    assert len(make_title(sentence, (0, 1))) <= len(sentence)


def test_future_wording_after_the_date_does_not_make_it_future():
    text = "Pakistan on Saturday described the execution as a sad event and hoped it would not worsen the situation."
    events = _events(text, [_expr(text, "Saturday", "2006-12-30")], "2006-12-30")
    assert [e.future for e in events] == [False]


def test_future_wording_in_a_quotation_closed_before_the_date_makes_no_plan():
    text = '"We will not leave our positions," a rebel commander told Reuters on Thursday.'
    assert [e.future for e in _events(text, [_expr(text, "Thursday", "2019-08-22")], "2019-08-22")] == [False]
    text = '\u201cWe will not leave,\u201d he said, adding that talks would resume on Thursday.'
    assert [e.future for e in _events(text, [_expr(text, "Thursday", "2019-08-22")], "2019-08-22")] == [True]
    text = 'A commander said: "We will hold talks on Thursday."'  # the date inside the quotation: its plan
    assert [e.future for e in _events(text, [_expr(text, "Thursday", "2019-08-22")], "2019-08-22")] == [True]


def test_a_date_after_publication_is_future():
    text = "The trade act expires on Dec. 31, 2006."
    events = _events(text, [_expr(text, "Dec. 31, 2006", "2006-12-31", anchor="explicit")], "2006-11-22")
    assert [e.future for e in events] == [True]


def test_possessive_date_titles_its_noun_phrase():
    sentence = "This comes after Jaysh al-Fatah, the coalition responsible for 2015's conquest of Idlib, announced its return."
    start = sentence.index("2015")
    assert make_title(sentence, (start, start + 4)) == "Conquest of Idlib"
    # A bare noun that is the sentence's subject: the sentence says what happened.
    assert _title_at("Tuesday's attack, blamed on the air force, struck a vegetable market in Marret Masreen.",
                     "Tuesday") == "The attack struck a vegetable market in Marret Masreen"
    assert _title_at("Rebels denied any role in Tuesday's attack.", "Tuesday") == "Attack"


def test_wire_dateline_and_trailing_attribution_are_not_in_the_title():
    sentence = "BEIRUT, Dec 14 (Levant Wire) - Government forces entered Hajin on Friday, state media reported."
    start = sentence.index("Friday")
    other = sentence.index("Dec 14")
    assert make_title(sentence, (start, start + 6), ((other, other + 6),)) == "Government forces entered Hajin"
    glued = sentence.replace(" - Government", " --Government")  # as some wires write it
    assert make_title(glued, (start, start + 6), ((other, other + 6),)) == "Government forces entered Hajin"


def test_a_stretch_ahead_after_for_is_how_long_a_state_lasts_not_a_plan():
    text = "The city became the capital in 1927, and it would remain the capital for the next decade."
    expressions = [_expr(text, "1927", "1927"), _expr(text, "the next decade", "P10Y", "DURATION")]
    assert [e.date for e in _events(text, expressions, "2009-12-19")] == ["1927"]
    # "in the coming weeks" still places a planned happening.
    text = "The government will hold talks with the rebels in the coming weeks."
    events = _events(text, [_expr(text, "the coming weeks", "PXW", "DURATION")], "2009-12-19")
    assert [(e.date, e.future) for e in events] == [("2009-12-19", True)]


def test_a_wire_dateline_on_a_line_of_its_own_is_no_happening():
    # A copied wire page puts the dateline on its own line, its dash ending it.
    text = "WASHINGTON/SANAA, Jan 12 (Reuters) -\nWarplanes struck targets across Yemen on Friday."
    expressions = [_expr(text, "Jan 12", "2024-01-12"), _expr(text, "Friday", "2024-01-12")]
    titles = [e.title for e in _events(text, expressions, "2024-01-12") if e.date_source != "publication"]
    assert titles == ["Warplanes struck targets across Yemen"]


def test_a_date_set_off_at_the_end_of_a_headline_is_a_label_not_a_happening():
    text = "Northwest Syria roundup — 20 Aug\n\nRebels Take Town on Monday\nThe army retreated."
    expressions = [_expr(text, "20 Aug", "2022-08-20"), _expr(text, "Monday", "2022-08-15")]
    events = [e for e in _events(text, expressions, "2022-08-20") if e.date_source != "publication"]
    assert [e.date for e in events] == ["2022-08-15"]


def test_an_article_with_no_dated_or_reported_happening_still_gets_one_event():
    text = "Idlib Under Fire\nRussian jets keep bombing Idlib for three days in a row. Civilians flee north."
    events = _events(text, [_expr(text, "three days", "P3D", "DURATION")], "2019-05-08")
    assert [(e.date, e.date_source, e.sentence) for e in events] == [
        ("2019-05-08", "publication", "Russian jets keep bombing Idlib for three days in a row.")]


def test_dateline_and_comparison_dates_are_no_happenings():
    text = "BEIRUT, Dec 14 (Levant Wire) - Rebels took the town yesterday, up from two towns in October."
    expressions = [_expr(text, "Dec 14", "2018-12-14"), _expr(text, "yesterday", "2018-12-13"),
                   _expr(text, "October", "2018-10")]
    assert [e.date for e in _events(text, expressions, "2018-12-14")] == ["2018-12-13"]
    text = "PORT SUDAN/ROME/NEW YORK, 12 March 2025 - The agencies warned on Wednesday that famine had spread."
    expressions = [_expr(text, "12 March 2025", "2025-03-12"), _expr(text, "Wednesday", "2025-03-12")]
    assert [(e.expression, e.title) for e in _events(text, expressions, "2025-03-12")] == [
        ("Wednesday", "The agencies warned that famine had spread")]
    text = "(Yangon/New York, 30 March 2025): The United Nations said on Sunday that aid had reached Mandalay."
    expressions = [_expr(text, "30 March 2025", "2025-03-30"), _expr(text, "Sunday", "2025-03-30")]
    assert [e.expression for e in _events(text, expressions, "2025-03-30")] == ["Sunday"]
    text = "Revenue was C$291.6 million, compared with C$252 million a year earlier."
    assert [e.date_source for e in _events(text, [_expr(text, "a year earlier", "1988")], "1989-10-30")] == ["publication"]


@pytest.mark.parametrize("text, comparison, value", [
    ("The shilling traded at 54.90 to the dollar on Monday, compared with 54.93 in February.", "February", "2019-02"),
    ("Rosneft said on Monday its net income fell 14% from a year earlier.", "a year earlier", "2018"),
    ("Troops repelled 42 assaults on Monday, the highest daily figure this month.", "this month", "2019-08"),
    ("Rebels took the town on Monday, their deepest push into the province since 2012.", "2012", "2012"),
    ("Floods displaced a million people on Monday, three times as many as a year earlier.", "a year earlier", "2018"),
])
def test_a_point_of_comparison_after_a_figure_an_offset_or_a_superlative_is_no_happening(text, comparison, value):
    expressions = sorted([_expr(text, "Monday", "2019-08-12"), _expr(text, comparison, value)], key=lambda e: e.start)
    assert [e.date for e in _events(text, expressions, "2019-08-13")] == ["2019-08-12"]


def test_each_entry_of_a_live_blog_after_a_time_stamp_has_its_lead():
    text = ("Live: Aleppo evacuation\n\n18:05\nA second convoy has left the eastern districts.\n\n"
            "16:30\nThe WHO said its teams had received 30 wounded.\nThe evacuees included children.\n")
    sentences = split_sentences(text)
    stamps = [text.index("18:05") + 5, text.index("16:30") + 5]
    leads = [sentences[i].text for i in story_leads(sentences, text, stamps)]
    assert leads == ["A second convoy has left the eastern districts.",
                     "The WHO said its teams had received 30 wounded."]


@pytest.mark.parametrize("sentence,expression,title", [
    # A clause after "since" with a verb of its own is the happening its date tells of.
    ("Gangs have expanded their reach since Prime Minister Ariel Henry resigned on 24 April 2024.", "24 April 2024",
     "Prime Minister Ariel Henry resigned"),
    ("Cyprus has been divided since Turkey invaded the northern third of the island in 1974.", "1974",
     "Turkey invaded the northern third of the island"),
    # ... also where the sentence goes on after it: the clause would otherwise be dropped as an opening phrase.
    ("He has spoken with Elian three times since he arrived in the United States on April 6, and he insisted "
     "his son wants to return to Cuba.", "April 6", "He arrived in the United States"),
    # No clause where the verb is the subject's: after a date, or after "and".
    ("Its first interest rate change since June 2004 was aimed at keeping inflation under control.", "June 2004",
     "Its first interest rate change was aimed at keeping inflation under control"),
    ("Input prices showed their sharpest fall since December 1986 and fell by 0.5 percent.", "December 1986",
     "Input prices showed their sharpest fall and fell by 0.5 percent"),
    # A verb's particle before the date's own preposition stays with the verb.
    ("The Transitional Presidential Council was sworn in on 25 April.", "25 April",
     "The Transitional Presidential Council was sworn in"),
    ("Rebels handed over on Monday the last of their heavy weapons.", "Monday",
     "Rebels handed over the last of their heavy weapons"),
    ("The protests began in early March.", "early March", "The protests began"),
])
def test_a_title_names_the_happening_of_the_clause_its_date_is_in(sentence, expression, title):
    assert _title_at(sentence, expression) == title


def test_coordinated_clauses_with_their_own_subjects_give_their_own_titles():
    text = "The committee's fifth round in January ended without progress, and the next round is planned for May."
    expressions = [_expr(text, "January", "2021-01"), _expr(text, "May", "2021-05")]
    events = _events(text, expressions, "2021-03-15")
    assert [(e.date, e.title, e.future) for e in events] == [
        ("2021-01", "The committee's fifth round ended without progress", False),
        ("2021-05", "The next round is planned", True)]


def _titles_of(text, published, *dated):
    """The titles of the events of ``text`` dated by its expressions ``dated`` (phrase, value pairs)."""
    return [e.title for e in _events(text, [_expr(text, phrase, value) for phrase, value in dated], published)]


@pytest.mark.parametrize("text, dated, published, titles", [
    ("Rebels captured Tripoli in August 2011, and Gaddafi was killed near his hometown of Sirte on October 20, 2011.",
     (("August 2011", "2011-08"), ("October 20, 2011", "2011-10-20")), "2021-02-17",
     ["Rebels captured Tripoli", "Gaddafi was killed near his hometown of Sirte"]),
    # The same subject's second verb, an adverb before it.
    ("A truce brokered by the United Nations took effect on April 2, 2022, and formally expired in October 2022.",
     (("April 2, 2022", "2022-04-02"), ("October 2022", "2022-10")), "2024-01-12",
     ["A truce brokered by the United Nations took effect", "A truce formally expired"]),
    # Not the last of a list of names, nor a name ending in -ly taken for an adverb.
    ("Ali, Omar, and Hassan were killed on Monday.", (("Monday", "2016-05-16"),), "2016-05-20",
     ["Ali and Hassan were killed"]),
    ("The minister said the talks had stalled in May, and Italy would withdraw its troops in January.",
     (("May", "2016-05"), ("January", "2017-01")), "2016-11-20",
     ["The minister said the talks had stalled", "Italy would withdraw its troops"]),
    # A date in a relative clause titles that clause, through the date's own comma and after "whose".
    ("A previous truce, which began on November 24, 2023, collapsed on December 1, 2023, after seven days.",
     (("November 24, 2023", "2023-11-24"), ("December 1, 2023", "2023-12-01")), "2025-01-19",
     ["A previous truce began", "A previous truce collapsed"]),
    ("Russia, whose air force has backed Damascus since September 2015, said it found no trace of chemicals.",
     (("September 2015", "2015-09"),), "2018-04-09", ["Russia's air force has backed Damascus"]),
])
def test_a_clause_with_its_own_subject_or_relative_pronoun_titles_its_own_date(text, dated, published, titles):
    assert _titles_of(text, published, *dated) == titles


def test_a_clause_after_and_with_its_own_date_gives_its_own_title():
    text = "The army shelled Aleppo on Monday, and on Tuesday rebels attacked Hama."
    expressions = [_expr(text, "Monday", "2016-05-16"), _expr(text, "Tuesday", "2016-05-17")]
    assert [(e.date, e.title) for e in _events(text, expressions, "2016-05-20")] == [
        ("2016-05-16", "The army shelled Aleppo"), ("2016-05-17", "Rebels attacked Hama")]
    # A gerund can be that clause's subject ("fighting resumed"); "and" before a date with no verb after it
    # parts no clause.
    text = "The talks collapsed in June, and in July fighting resumed in the north."
    expressions = [_expr(text, "June", "2016-06"), _expr(text, "July", "2016-07")]
    assert [e.title for e in _events(text, expressions, "2016-08-20")] == [
        "The talks collapsed", "Fighting resumed in the north"]
    text = "Clashes were reported in Aleppo on 1 May, and on 3 May in Idlib."
    expressions = [_expr(text, "1 May", "2016-05-01"), _expr(text, "3 May", "2016-05-03")]
    assert all(e.title.startswith("Clashes were reported") for e in _events(text, expressions, "2016-05-20"))


def test_a_relative_clause_before_any_past_verb_or_verb_of_saying_is_left_out_of_the_title():
    text = "Turkey, which backs some rebel groups, said on Monday one of its observation posts had been surrounded."
    assert _titles(text, "Monday", "2019-08-19", "2019-08-22") == [
        "Turkey said one of its observation posts had been surrounded"]
    text = "Spicer, who was freed on Wednesday, flew back to Britain and told reporters he was well."
    assert _titles(text, "Wednesday", "2019-08-21", "2019-08-22") == ["Spicer was freed"]


def test_a_date_in_a_relative_clause_after_the_subject_dates_what_that_clause_tells():
    text = "The offensive, which began in late April, has displaced more than 400,000 people."
    assert _titles(text, "late April", "2019-04", "2019-08-22") == ["The offensive began"]
    # After a verb the relative clause tells of its object, not of the subject: the title keeps the main clause.
    text = "Rebels attacked the town, which fell on Monday."
    assert _titles(text, "Monday", "2019-08-19", "2019-08-22") == ["Rebels attacked the town"]


def test_a_relative_clause_after_an_opening_phrase_is_left_out_of_the_title():
    text = ("In Tawila, which is hosting thousands of people who fled El Fasher, UNICEF has reached more than "
            "3,500 patients since late October.")
    assert _titles(text, "late October", "2025-10", "2025-11-20") == [
        "UNICEF has reached more than 3,500 patients"]
    text = "In Aleppo, where the siege had tightened, the army shelled the market on Monday."
    assert _titles(text, "Monday", "2016-11-14", "2016-11-20") == ["The army shelled the market"]
    # A quotation in a relative clause may hold a comma.
    text = 'The operation, which was called "We Are Coming, Nineveh", began on 16 October 2016.'
    assert _titles(text, "16 October 2016", "2016-10-16", "2016-11-20") == ["The operation began"]


def test_a_length_of_time_put_first_in_a_clause_leaves_the_title_whole():
    def title(sentence, date, length):
        at, other = sentence.index(date), sentence.index(length)
        return make_title(sentence, (at, at + len(date)), ((other, other + len(length)),))

    assert title("He said on Monday that in one day, rebels killed 40 soldiers.", "Monday", "one day") == (
        "He said that rebels killed 40 soldiers")
    assert title("MSF said today that in just one night, the group screened 70 children from El Fasher.",
                 "today", "one night") == "MSF said that the group screened 70 children from El Fasher"


def test_a_title_opening_with_a_participle_is_never_written_twice():
    # "Armed", "Founded" read as verbs, and so did the main clause's first word: its subject was put before
    # the title ("Armed soldiers armed soldiers abducted 60 adults").
    assert _title_at("Armed soldiers abducted 60 adults along with around 50 hospitalized Rwandan refugee children "
                     "from a village in eastern Zaire, a UN refugee agency spokeswoman said here Tuesday.",
                     "Tuesday") == ("Armed soldiers abducted 60 adults along with around 50 hospitalized Rwandan "
                                    "refugee children from a village in eastern Zaire")
    assert _title_at("Founded in 1989, APEC is a major regional forum acting as the primary regional vehicle for "
                     "promoting open trade and practical economic and technical cooperation in the Asia-Pacific "
                     "region.", "1989") == "Founded, APEC is a major regional forum acting as the primary regional vehicle"


def test_a_clock_time_s_conversion_leaves_the_title():
    assert _title_at("06:18 GMT/ 00:18 CST: Russia drops a vacuum bomb on the city of Kharkiv.", "06:18 GMT") == (
        "Russia drops a vacuum bomb on the city of Kharkiv")
    assert _title_at("0900 GMT / 1200 local time - Rebels shelled the airport.", "0900 GMT") == (
        "Rebels shelled the airport")


def test_another_date_leaves_its_article_and_the_first_half_of_a_compound():
    sentence = "In June 2024, researchers interviewed 144 people who witnessed the Oct. 7 assault in the south."
    date, other = sentence.index("June 2024"), sentence.index("Oct. 7")
    assert make_title(sentence, (date, date + len("June 2024")), ((other, other + len("Oct. 7")),)) == (
        "Researchers interviewed 144 people who witnessed the assault in the south")
    # "led" in "Hamas-led" is no verb that a subject ends before (it was "Hamas- detailed in ...").
    assert _title_at("Hamas-led groups committed war crimes during the assault, as detailed in a report released "
                     "on Wednesday.", "Wednesday").startswith("Hamas-led groups ")
    assert _title_at("Fighters broke into his house at about 11 a.m. and set it on fire.", "11 a.m.") == (
        "Fighters broke into his house and set it on fire")


def test_two_verbs_of_one_subject_each_with_its_date_give_two_titles():
    text = "On 1 February, peace talks began in Geneva but were suspended on 3 February."
    expressions = [_expr(text, "1 February", "2016-02-01"), _expr(text, "3 February", "2016-02-03")]
    assert [e.title for e in _events(text, expressions, "2016-05-20")] == [
        "Peace talks began in Geneva", "Peace talks were suspended"]
    text = "They landed on Luzon in January 1945 and seized Manila in March."
    expressions = [_expr(text, "January 1945", "1945-01"), _expr(text, "March", "1945-03")]
    assert [e.title for e in _events(text, expressions, "2016-05-20")] == ["They landed on Luzon", "They seized Manila"]
    # Without a date of its own before it, a second participle shares the first one's happening.
    text = "He was arrested and charged with murder on 3 May, and his trial began on 9 May."
    expressions = [_expr(text, "3 May", "2016-05-03"), _expr(text, "9 May", "2016-05-09")]
    assert _events(text, expressions, "2016-05-20")[0].title == "He was arrested and charged with murder"


def test_a_subordinate_clause_that_opens_the_sentence_titles_its_own_date():
    text = "When the offensive began on 30 April, the UN warned of a humanitarian catastrophe."
    assert _titles(text, "30 April", "2019-04-30", "2019-08-01") == ["The offensive began"]
    text = "After Carranza took control in 1914, Villa and other revolutionaries met at Aguascalientes."
    assert _titles(text, "1914", "1914", "2019-08-01") == ["Carranza took control"]
    # A date in the main clause titles the main clause; a comma inside the opening clause does not end it.
    text = "Although his intentions were good, Carranza failed to enforce the reforms of the 1917 Constitution."
    assert _titles(text, "1917", "1917", "2019-08-01") == ["Carranza failed to enforce the reforms of the Constitution"]
    text = "When asked if the boy's father, Juan Miguel Gonzalez, was controlled by Havana last week, she frowned."
    events = _events(text, [_expr(text, "last week", "2000-W14")], "2000-04-14")
    assert events[0].title != "Juan Miguel Gonzalez"


def test_titles_mend_the_commas_a_date_leaves_behind():
    text = "An airstrike hit a market in Maarat al-Numan on May 28, killing 12 people, including three children."
    assert _titles(text, "May 28", "2019-05-28", "2019-06-10") == [
        "An airstrike hit a market in Maarat al-Numan, killing 12 people, including three children"]
    text = "The Aug. 7, 1998, bombings killed more than 200 people."  # the comma after the year is the date's
    assert _titles(text, "Aug. 7, 1998", "1998-08-07", "1999-06-07") == ["The bombings killed more than 200 people"]


def test_a_word_in_ed_that_is_no_verb_does_not_split_the_subject():
    # "United" and "hundred" end in -ed but are no past forms (cues.tsv, not_past).
    text = ("On 27 February, United States President Barack Obama gave a speech in North Carolina announcing that "
            "the combat mission would end by 31 August.")
    expressions = [_expr(text, "27 February", "2009-02-27"), _expr(text, "31 August", "2010-08-31")]
    events = _events(text, expressions, "2009-03-01")
    assert events[0].title == "United States President Barack Obama gave a speech"


def test_a_day_and_its_clock_time_are_one_happening_at_that_time():
    text = "The vote opens on Friday at 9 a.m. in Geneva."
    expressions = [_expr(text, "Friday", "2016-11-04"), _expr(text, "9 a.m.", "2016-11-04T09:00", "TIME")]
    events = _events(text, expressions, "2016-11-01")
    assert [(e.date, e.precision) for e in events] == [("2016-11-04T09:00", "time")]


def test_each_line_of_a_timeline_page_is_an_event_with_its_own_date():
    import datetime as dt

    from timeline.pipeline import process_document

    verbs = ("captured", "shelled", "withdrew from", "besieged", "bombed")
    places = ("Aleppo", "Idlib", "Hama", "Homs", "Daraa", "Raqqa", "Palmyra")
    first = dt.date(2011, 3, 15)
    days = [first + dt.timedelta(days=number) for number in range(5000)]
    lines = [f"{day.day} {day:%B %Y}: Rebels {verbs[number % 5]} {places[number % 7]} checkpoint {number}."
             for number, day in enumerate(days)]
    text = "Timeline of the Syrian civil war\n\n" + "\n".join(lines) + "\n"
    events = process_document(Document(name="timeline.txt", text=text, published="2025-01-01")).events
    assert len(events) == len(lines)
    for event, line, day in zip(sorted(events, key=lambda e: e.offset), lines, days):
        assert event.sentence == line
        assert (event.date, event.start, event.end) == (day.isoformat(), day, day)


def test_a_headline_stands_alone_on_its_line():
    from timeline.events import is_headline

    text = "Rebels Take Town\n  \tSecond Headline  \r\nRebels took the town. Few were hurt\n" + "More text " * 1000
    sentences = split_sentences(text)
    assert [is_headline(s, text) for s in sentences[:4]] == [True, True, False, False]


def test_every_comparison_lead_in_holds_one_of_its_words():
    # COMPARISON_WORDS lets _is_reference skip the pattern: each of its matches must hold one of them,
    # whatever the case ("Compared with", "VERSUS", the long s of "verſus" that IGNORECASE reads as s).
    from timeline.events import COMPARISON_LEAD_IN, COMPARISON_WORDS

    lead_ins = ["compared with the figure of ", "Compared to ", "up from 40 in ", "DOWN FROM three in ",
                "versus ", "verſus ", "vs. ", "more than ", "fewer than in ", "Higher THAN during "]
    for words in lead_ins:
        assert COMPARISON_LEAD_IN.search(words), words
        assert any(word in words.casefold() for word in COMPARISON_WORDS), words
    text = "Revenue was C$291.6 million, verſus C$252 million a year earlier."
    assert [e.date_source for e in _events(text, [_expr(text, "a year earlier", "1988")], "1989-10-30")] == ["publication"]


def test_few_words_counts_words_as_the_regex_module_finds_them():
    import re

    from timeline.titles import _few_words

    texts = ["", "On 6 May", "On 6 May,", "a b c d", "a b c d e", "\0, " * 300 + "5 March 2011, " + "\0, " * 30,
             "Rebels captured the town", "é ß 1 _ x", "  - -- one two three four five", "abcdefghij"]
    for text in texts:
        assert _few_words(text) == (len(re.findall(r"\w+", text)) < 5), repr(text)


def test_dates_in_a_list_are_each_a_happening_with_a_clean_title():
    # "," joins one time's parts ("Friday, 6 May"), but two times that do not meet are two happenings.
    text = "Shelling was reported on 1 May 2016, 2 May 2016, 3 May 2016 and 4 May 2016 in Aleppo."
    days = ["1 May 2016", "2 May 2016", "3 May 2016", "4 May 2016"]
    expressions = [_expr(text, day, f"2016-05-0{n}", anchor="explicit") for n, day in enumerate(days, 1)]
    events = _events(text, expressions, "2016-05-09")
    assert [e.date for e in events] == ["2016-05-01", "2016-05-02", "2016-05-03", "2016-05-04"]
    assert {e.title for e in events} == {"Shelling was reported in Aleppo"}


def test_a_list_of_dates_cut_in_pieces_keeps_its_title_in_every_piece():
    # Past MAX_SENTENCE characters a sentence is cut; a piece holding only dates goes on from the one before.
    dates = [(day, month) for month in range(1, 10) for day in range(1, 29)]
    days = [f"{day} {calendar.month_name[month]} 2016" for day, month in dates]
    text = "Clashes were reported on " + ", ".join(days) + ". Markets opened on 9 October 2016."
    expressions = [_expr(text, written, f"2016-{month:02d}-{day:02d}", anchor="explicit")
                   for written, (day, month) in zip(days + ["9 October 2016"], dates + [(9, 10)])]
    events = _events(text, expressions, "2016-07-10")
    assert len({e.offset for e in events}) > 3 and len(events) == len(days) + 1
    assert {e.title for e in events[:-1]} == {"Clashes were reported"}
    assert events[-1].title == "Markets opened"
    # A sentence of dates alone that continues nothing is still its own title.
    alone = "1 May 2016, 2 May 2016"
    assert _events(alone, [_expr(alone, "1 May 2016", "2016-05-01"), _expr(alone, "2 May 2016", "2016-05-02")])[0].title


def test_a_weekday_and_its_date_joined_by_a_comma_are_one_happening():
    text = "Rebels captured Idlib on Friday, 6 May 2016."
    expressions = [_expr(text, "Friday", "2016-05-06"), _expr(text, "6 May 2016", "2016-05-06", anchor="explicit")]
    events = _events(text, expressions, "2016-05-09")
    assert [e.date for e in events] == ["2016-05-06"]


def test_titles_lose_the_separators_of_dates_taken_out():
    from timeline.titles import tidy_title
    assert tidy_title("Shelling was reported , , in Aleppo") == "Shelling was reported in Aleppo"
    assert tidy_title("The first time, , half-a-million people came") == "The first time, half-a-million people came"
    assert tidy_title("He graduated from the Military Academy , joining the army") == \
        "He graduated from the Military Academy, joining the army"


def test_the_dates_of_a_list_leave_no_joiner_in_the_title():
    text = ("Clashes were reported on " + ", ".join(f"{day} May 2016" for day in range(1, 9))
            + " or 9 May 2016 in Aleppo, and ended on 10 May 2016.")
    expressions = [_expr(text, f"{day} May 2016", f"2016-05-{day:02d}", anchor="explicit") for day in range(1, 11)]
    titles = [e.title for e in _events(text, expressions, "2016-06-01")]
    assert titles[:9] == ["Clashes were reported in Aleppo"] * 9
    # "ended" alone is no headline: the main clause's, without the list and its joiners either.
    assert titles[9] == "Clashes were reported in Aleppo"


def test_a_date_of_a_list_compared_with_is_no_happening_and_the_others_are():
    # The comparison word is looked for once in a sentence of several dates, then before each of them.
    text = "Exports reached records on 3 May 2016 and 4 May 2016, up from a low on 2 May 2015, in Aleppo."
    days = [("3 May 2016", "2016-05-03"), ("4 May 2016", "2016-05-04"), ("2 May 2015", "2015-05-02")]
    events = _events(text, [_expr(text, day, value, anchor="explicit") for day, value in days], "2016-05-09")
    assert [e.date for e in events] == ["2016-05-03", "2016-05-04"]
    plain = text.replace("up from", "and")
    events = _events(plain, [_expr(plain, day, value, anchor="explicit") for day, value in days], "2016-05-09")
    assert [e.date for e in events] == ["2015-05-02", "2016-05-03", "2016-05-04"]


def test_the_day_of_a_saying_makes_no_second_report_of_a_happening_dated_itself():
    text = ("Three peacekeepers were killed in the fighting on Friday, their governments said on Saturday. "
            "President Putin said on Wednesday that there would be a pause on Friday.")
    expressions = [_expr(text, "Friday", "2025-01-24"), _expr(text, "Saturday", "2025-01-25"),
                   _expr(text, "Wednesday", "2025-01-22"), _expr(text, "Friday", "2025-01-24", occurrence=1)]
    dated = [(e.date, e.title) for e in _events(text, expressions, "2025-01-25")]
    assert ("2025-01-24", "Three peacekeepers were killed in the fighting") in dated
    assert not any(date == "2025-01-25" for date, _ in dated)
    assert any(date == "2025-01-22" and title.startswith("President Putin said") for date, title in dated)


def test_a_century_that_qualifies_a_noun_dates_no_happening():
    text = "Workers left the bridge, named after the 15th-century navigator, unfinished in March 1997."
    expressions = [_expr(text, "15th-century", "14"), _expr(text, "March 1997", "1997-03")]
    assert [e.date for e in _events(text, expressions, "1997-04-10")] == ["1997-03"]


def test_a_date_and_a_finer_one_beside_it_are_one_time_of_one_happening():
    text = ("Less than a month later, on September 17, JNIM struck inside Bamako. "
            "Four years later, in April 1998, the second summit took place in Santiago. "
            "Rebels took Goma on Monday, in January 2025, and Bukavu on 16 February.")
    expressions = [_expr(text, "Less than a month later", "2024-09", mod="BEFORE"),
                   _expr(text, "September 17", "2024-09-17"), _expr(text, "Four years later", "1998"),
                   _expr(text, "April 1998", "1998-04"), _expr(text, "Monday", "2025-01-27"),
                   _expr(text, "January 2025", "2025-01"), _expr(text, "16 February", "2025-02-16")]
    dated = sorted((e.date, e.expression) for e in _events(text, expressions, "2025-02-20"))
    assert dated == [("1998-04", "April 1998"), ("2024-09-17", "September 17"), ("2025-01-27", "Monday"),
                     ("2025-02-16", "16 February")]


def test_the_day_of_a_saying_dates_what_it_tells_when_the_other_date_is_of_another_happening():
    text = ("Sudan's army said on Friday that it had taken full control of the Republican Palace in Khartoum, nearly "
            "two years after it was overrun by the Rapid Support Forces in April 2023.")
    expressions = [_expr(text, "Friday", "2025-03-21"), _expr(text, "April 2023", "2023-04")]
    dated = [(e.date, e.title) for e in _events(text, expressions, "2025-03-22")]
    assert [date for date, _ in dated] == ["2023-04", "2025-03-21"]
    assert "Republican Palace" in dict(dated)["2025-03-21"]
