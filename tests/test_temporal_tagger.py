"""The tagger on small cases: values, extents, resolution by tense and anchor, and what is not a date."""
import re

import pytest

from timeline.temporal import is_well_formed, tag
from timeline.temporal.vocabulary import UNITS


def one(source, dct="1998-01-08", **expected):
    found = tag(source, dct=dct)
    assert len(found) == 1, found
    e = found[0]
    assert source[e.start:e.end] == e.text
    for key, value in expected.items():
        assert getattr(e, key) == value, (key, e)
    return e


def values(text, dct="1998-01-08"):
    return [(e.text, e.value) for e in tag(text, dct=dct)]


# DCT 1998-01-08 is a Thursday.
@pytest.mark.parametrize("text, span, type_, value", [
    ("It happened on January 8, 1998.", "January 8, 1998", "DATE", "1998-01-08"),
    ("Sales rose in October 1997.", "October 1997", "DATE", "1997-10"),
    ("Profit fell in the first quarter.", "the first quarter", "DATE", "1998-Q1"),
    ("It was hot in the summer of 1998.", "the summer of 1998", "DATE", "1998-SU"),
    ("They met last week.", "last week", "DATE", "1998-W01"),
    ("Prices fell sharply in the 1990s.", "the 1990s", "DATE", "199"),
    ("He has worked there for years.", "years", "DURATION", "PXY"),
    ("The talks lasted three days.", "three days", "DURATION", "P3D"),
    ("The flight takes two hours.", "two hours", "DURATION", "PT2H"),
    ("It was a fortnight of rain.", "a fortnight", "DURATION", "P2W"),
    ("The market opens at 9 a.m. today.", "9 a.m. today", "TIME", "1998-01-08T09:00"),
    ("The paper comes out daily.", "daily", "SET", "P1D"),
    ("The club meets every Monday.", "every Monday", "SET", "XXXX-WXX-1"),
    ("Prices are high now.", "now", "DATE", "PRESENT_REF"),
    ("He left yesterday.", "yesterday", "DATE", "1998-01-07"),
    ("It was announced last weekend.", "last weekend", "DATE", "1998-W01-WE"),
    ("The company was founded in 1949.", "1949", "DATE", "1949"),
    ("Shares rose in the past three years.", "the past three years", "DURATION", "P3Y"),
])
def test_values_and_extents(text, span, type_, value):
    e = one(text, text=span, type=type_, value=value)
    assert is_well_formed(e.value)


@pytest.mark.parametrize("text, mod", [
    ("It began in late August.", "LATE"),
    ("It began in early 1997.", "EARLY"),
    ("It lasted more than a month.", "MORE_THAN"),
    ("It lasted less than a week.", "LESS_THAN"),
    ("It lasted around three weeks.", "APPROX"),
    ("It lasted at most two days.", "EQUAL_OR_LESS"),
    ("It ends at the end of the month.", "END"),
    ("It began at the beginning of the year.", "START"),
])
def test_modifiers(text, mod):
    assert one(text).mod == mod


def test_weekday_follows_the_tense():
    assert values("The minister said on Monday that talks failed.") == [("Monday", "1998-01-05")]
    assert values("The minister will travel to Paris on Monday.") == [("Monday", "1998-01-12")]
    assert values("They meet next Friday.") == [("next Friday", "1998-01-09")]
    assert values("They met last Thursday.") == [("last Thursday", "1998-01-01")]
    assert values("He spoke Thursday.") == [("Thursday", "1998-01-08")]


def test_bare_month_is_the_nearest_in_the_direction_of_the_sentence():
    assert values("The vote was held in October.") == [("October", "1997-10")]
    assert values("The vote will be held in October.") == [("October", "1998-10")]


def test_relative_to_the_last_mentioned_date():
    assert values("The treaty was signed on March 3, 1990. Two days later, it was ratified.") == [
        ("March 3, 1990", "1990-03-03"), ("Two days later", "1990-03-05")]
    assert values("The war began in 1939. That year, ships were sunk.") == [("1939", "1939"), ("That year", "1939")]
    assert values("He arrived on March 3, 1990 and left the following week.")[-1] == ("the following week", "1990-W10")


def test_partial_creation_date():
    assert values("Fighting on April 8 was heavy.", dct="2017-04") == [("April 8", "2017-04-08")]
    e = one("He left yesterday.", dct="2017-04")
    assert e.anchor == "unresolved" and "X" in e.value
    assert values("It happened last month.", dct="2017-04") == [("last month", "2017-03")]


def test_no_creation_date_leaves_relative_values_unresolved():
    e = one("They met on Thursday.", dct=None, value="XXXX-WXX-4")
    assert e.anchor == "unresolved"
    assert one("It happened on April 8.", dct=None).value == "XXXX-04-08"
    explicit = one("It happened on April 8, 2016.", dct=None)
    assert (explicit.value, explicit.anchor) == ("2016-04-08", "explicit")
    assert one("They met yesterday.", dct=None).anchor == "unresolved"


def test_anchor_says_how_the_value_was_found():
    assert one("It happened on April 8, 2016.").anchor == "explicit"
    assert one("It happened on Thursday.").anchor == "relative"


@pytest.mark.parametrize("text", [
    "Rebels hold the 1070 Housing complex.",
    "Fighters entered the 3000 Housing area.",
    "Donate 2,500 $ to the fund.",
    "The town is 15km southwest of the city.",
    "south-hama-aid-convoy-11-16",
    "Robinson Crusoe's Friday was loyal.",
    "May I ask you something?",
    "Protesters march on the capital.",
    "The sun rose over the hills.",
    "They took road 90 after the victory.",
    "He paid $1998 for the car.",
    "Around 2000 people attended.",
    "There were 1500 soldiers.",
    "See file report_2016_11_03.pdf for details.",
    "A second strike was reported.",
])
def test_things_that_are_not_dates(text):
    assert [(e.text, e.value) for e in tag(text, dct="2016-11-04") if e.type in ("DATE", "TIME")] == []


def test_friday_prayers_are_a_date():
    assert values("Thousands attended Friday prayers.", dct="2016-11-04") == [("Friday", "2016-11-04")]


def test_years_need_a_context_that_makes_them_years():
    assert values("Unemployment fell in 1998.") == [("1998", "1998")]
    assert values("Since 1990, prices rose.") == [("1990", "1990")]
    assert values("The 1996 law was repealed.") == [("1996", "1996")]
    assert values("He scored 1998 points.") == []


def test_fortnight_is_one_table_line():
    assert UNITS["fortnight"] == ("W", 2, "week")


def test_rates_and_ages_are_not_durations():
    assert values("He earns $500 million a year.") == []
    assert values("There are four flights a week.") == []
    assert values("The 52-year-old doctor and a man 37 years old.") == []
    assert values("It takes a week to heal.") == [("a week", "P1W")]


@pytest.mark.parametrize("text", ["Aid will reach 150 billion (dollars) a year.",
                                  "She earns 4,000 yuan (493 US dollars) a month.",
                                  "It runs one flight a day.", "Quakes strike at least six a day."])
def test_rates_after_a_conversion_or_a_count_are_not_durations(text):
    assert values(text) == []


def test_a_parenthesis_before_an_offset_leaves_it_a_date():
    assert values("They met (in Paris) a week later.") == [("a week later", "1998-W03")]


def test_quarters_follow_the_report():
    text = "Profit rose in the third quarter. Sales were $5 million, up from $4 million a year earlier."
    assert values(text, dct="1989-10-26") == [("the third quarter", "1989-Q3"), ("a year earlier", "1988-Q3")]
    assert values("Net fell in the quarter ended Sept. 30.", dct="1989-10-26")[0] == ("the quarter", "1989-Q3")
    assert values("Sales rose in the latest quarter.", dct="1989-11-02") == [("the latest quarter", "1989-Q3")]


def test_seasons_centuries_holidays_and_year_end():
    assert values("Hiring began last fall.", dct="1998-02-06") == [("last fall", "1997-FA")]
    assert values("It was built in the 11th century.") == [("the 11th century", "10")]
    assert values("Polls open on Election Day.", dct="1998-10-26") == [("Election Day", "1998-11-03")]
    e = one("The deal should close by year-end.", dct="1989-11-02")
    assert (e.value, e.mod) == ("1989", "END")


def test_fractions_of_units_go_to_the_next_unit():
    assert values("They stayed 2 1/2 years.") == [("2 1/2 years", "P2Y6M")]
    assert values("The talks lasted 1.5 hours.") == [("1.5 hours", "PT1H30M")]


def test_parts_of_days():
    assert values("Shares fell by mid-afternoon yesterday.", dct="1989-11-02") == [
        ("mid-afternoon yesterday", "1989-11-01TAF")]
    assert values("He left at midday.", dct="1989-11-02") == [("midday", "1989-11-02T12:00")]
    assert values("It expired at midnight Friday.", dct="1989-10-30") == [("midnight Friday", "1989-10-27T24:00")]


def test_repeated_phrases_are_resolved_at_their_own_place():
    """A phrase met again in the same words is worked out once, yet each copy keeps its own
    offsets, and a copy after a new date counts from that date."""
    unit = "On Friday, January 6 the talks ended. Two days later, talks resumed. "
    text = unit * 50 + "On March 3 the talks ended. Two days later, talks resumed. " + unit * 3
    found = tag(text, dct="2017-01-10")
    assert all(text[e.start:e.end] == e.text for e in found)
    later = [e for e in found if e.text == "Two days later"]
    assert len(later) == 54
    assert {e.value for e in later[:50]} == {"2017-01-08"}
    assert later[50].value == "2017-03-05"
    assert {e.value for e in later[51:]} == {"2017-01-08"}
    assert [e.start for e in later[:3]] == [text.index("Two"), len(unit) + text.index("Two"),
                                            2 * len(unit) + text.index("Two")]


def test_future_auxiliary_before_the_expression_wins():
    text = "The council will hold a closed-door meeting on the situation on Friday, diplomats said."
    assert [(e.text, e.value) for e in tag(text, dct="2016-12-15")] == [("Friday", "2016-12-16")]


def test_the_next_day_counts_from_the_day_of_the_story():
    text = "Fighters entered the town on Thursday and declared it cleared the next day."
    assert [(e.text, e.value) for e in tag(text, dct="2018-12-15")] == [
        ("Thursday", "2018-12-13"), ("the next day", "2018-12-14")]


def test_day_number_before_a_lower_case_month():
    found = tag("An agreement was concluded the 6 july in the night.", dct="2018-07-07")
    assert [(e.text, e.type, e.value) for e in found] == [("the 6 july in the night", "TIME", "2018-07-06TNI")]
    assert [e.text for e in tag("Up to 6 may be hurt.", dct="2018-07-07")] == []


def test_early_morning_is_a_part_of_the_day():
    found = tag("Evacuations began in the early morning.", dct="2016-12-15")
    assert [(e.text, e.type, e.value, e.mod) for e in found] == [("the early morning", "TIME", "2016-12-15TMO", "START")]


def test_an_ordinal_before_a_noun_is_no_time():
    assert tag("A second convoy of buses has left.", dct="2016-12-15") == []
    assert [e.value for e in tag("Wait a second.", dct="2016-12-15")] == ["PT1S"]


def test_now_as_a_discourse_marker_is_no_time():
    assert tag("Now, he says, the talks are over.", dct="2016-12-15") == []
    assert [e.value for e in tag("Now officials are investigating.", dct="2016-12-15")] == ["PRESENT_REF"]
    assert [e.value for e in tag("The talks are now over.", dct="2016-12-15")] == ["PRESENT_REF"]


def test_recent_years_is_a_stretch_of_some_years():
    found = tag("Prices rose in recent years.", dct="2016-12-15")
    assert [(e.text, e.type, e.value) for e in found] == [("recent years", "DURATION", "PXY")]


def test_remembered_steps_give_what_a_fresh_reading_gives(monkeypatch):
    import random

    from timeline.temporal import tagger

    filler = ("The ministers of the region met the envoys of the council and the delegates of the parties "
              "to the conflict in the capital and agreed on the terms of a text. ") * 4
    sentences = ["The talks ended on Friday. ", "He will meet them on Monday. ", "On March 3, 1998 it began. ",
                 "On May 9, 1997 it began. ", "Profit rose in the third quarter. ", "the 6 july in the night. ",
                 "Now, he says, it is over. ", "Sales rose 5% from a year earlier. ", "in recent years. ",
                 # The same words far from the date they count from: only what the scan remembers differs.
                 filler + "Two days later, talks resumed. That day was calm. " + filler]
    random.seed(3)
    text = "".join(random.choice(sentences) for _ in range(1500))
    remembered = tag(text, dct="1998-03-04")

    class Forgetful(dict):
        def __setitem__(self, key, value):
            pass

    fresh_context = tagger.Context.__init__

    def forgetful_context(self, *args, **kwargs):
        fresh_context(self, *args, **kwargs)
        self.memo = Forgetful()

    monkeypatch.setattr(tagger.Context, "__init__", forgetful_context)
    assert tag(text, dct="1998-03-04") == remembered
    assert len({e.value for e in remembered if e.text == "Two days later"}) > 1


def test_modals_of_ability_say_nothing_of_the_future():
    found = tag("Neither he nor his grandparents could be located Wednesday in their hometown.", dct="2000-01-06")
    assert [(e.text, e.value) for e in found] == [("Wednesday", "2000-01-05")]


def test_earlier_and_later_stay_outside_a_named_day():
    found = tag("Earlier Friday, the council met.", dct="2016-12-17")
    assert [(e.text, e.value) for e in found] == [("Friday", "2016-12-16")]


def test_a_possessive_stays_outside_a_quarter():
    found = tag("The company said its  fourth quarter was weak.", dct="1989-11-02")
    assert [e.text for e in found] == ["fourth quarter"]


def test_year_ago_before_a_thing_is_tagged_alone():
    found = tag("Profit rose in the third quarter, above the year-ago results.", dct="1989-11-02")
    assert [(e.text, e.value) for e in found] == [("the third quarter", "1989-Q3"), ("year-ago", "1988-Q3")]


def test_after_months_of_talks_is_no_time():
    assert tag("After months of talks, they agreed.", dct="2016-12-15") == []
    assert tag("after months of talks, they agreed.", dct="2016-12-15") == []
    assert [e.value for e in tag("The talks lasted months.", dct="2016-12-15")] == ["PXM"]


def test_offsets_in_decades_and_centuries_count_years():
    assert values("It happened a decade ago.", dct="1999-03-12") == [("a decade ago", "1989")]
    assert values("The town was founded two centuries ago.", dct="1999-03-12") == [("two centuries ago", "1799")]
    e = one("The dispute began more than four decades ago.", dct="2000-04-01")
    assert (e.value, e.mod) == ("1960", "BEFORE")


def test_a_month_after_by_is_the_nearest_one_the_later_on_a_tie():
    assert values("Qantas will double its flights by August.", dct="1998-02-13") == [("August", "1998-08")]
    assert values("Unemployment stood at 4.2 percent by September.", dct="2005-11-16") == [("September", "2005-09")]


def test_a_past_verb_before_an_infinitive_does_not_date_a_month():
    assert values("The company agreed to purchase the line in February.", dct="1989-10-30") == [
        ("February", "1990-02")]
    assert values("The company purchased the line in February.", dct="1989-10-30") == [("February", "1989-02")]
    # A weekday stays with the past verb: "began to throng the shops on Monday".
    assert values("Residents began to throng the shops on Monday.") == [("Monday", "1998-01-05")]


def test_a_deadline_in_the_future_tense_looks_ahead():
    assert values("A UN presence will remain in the region until January.", dct="1997-04-19") == [
        ("January", "1998-01")]


def test_has_decided_to_admit_in_early_march_is_the_coming_march():
    assert values("NATO has decided to admit Poland in early March.", dct="1999-02-10") == [
        ("early March", "1999-03")]


def test_an_edge_word_before_a_full_date_stays_outside():
    assert values("A hearing beginning August 19.", dct="1997-04-11") == [("August 19", "1997-08-19")]


def test_the_next_morning_counts_from_the_day_of_the_story():
    assert values("He was arrested on Feb. 22. He appeared in court the next morning.", dct="2000-02-24") == [
        ("Feb. 22", "2000-02-22"), ("the next morning", "2000-02-23TMO")]


def test_a_plan_in_the_pluperfect_looks_back():
    assert values("The offer had been due to expire Friday.", dct="1989-10-30") == [("Friday", "1989-10-27")]
    assert values("The visit had been scheduled for Sunday.", dct="2006-12-23") == [("Sunday", "2006-12-17")]
    assert values("The offer is due to expire Friday.", dct="1989-10-30") == [("Friday", "1989-11-03")]


def test_plan_to_points_ahead():
    assert values("Organisations plan to hold a rally Sunday.", dct="1997-04-04") == [("Sunday", "1997-04-06")]


def test_this_season_is_the_season_of_the_creation_year():
    assert values("Parties pledge to take part in talks this summer.", dct="1998-03-22") == [("this summer", "1998-SU")]
    assert values("Sales were weak this spring.", dct="1998-10-22") == [("this spring", "1998-SP")]


def test_the_last_half_of_a_year_is_its_second_half():
    assert values("Profit fell in the last half of 1989.", dct="1989-10-26") == [("the last half of 1989", "1989-H2")]
    assert values("Loans since the latter half of 2003.", dct="2005-11-17") == [("the latter half of 2003", "2003-H2")]


@pytest.mark.parametrize("text, span, type_, value", [
    ("They talked for two and a half years.", "two and a half years", "DURATION", "P2Y6M"),
    ("It took a minute and a half.", "a minute and a half", "DURATION", "PT1M30S"),
    ("The index fell for three trading days.", "three trading days", "DURATION", "P3D"),
    ("She was injured a year and a half ago.", "a year and a half ago", "DATE", "1996-07"),
])
def test_halves_and_trading_days(text, span, type_, value):
    one(text, dct="1998-01-08", text=span, type=type_, value=value)


def test_an_hour_later_is_a_duration_with_later_left_out():
    assert values("An hour later he left.") == [("An hour", "PT1H")]
    assert values("But a minute and a half later, a pilot called in.") == [("a minute and a half", "PT1M30S")]
    assert values("The shop opened two days later.") == [("two days later", "1998-01-10")]


def test_a_full_stop_after_an_initial_or_title_ends_no_clause():
    # "U.S." does not cut "slated" off from the month it dates.
    assert values("They spoke of the slated visit of U.S. Commerce Secretary Daley in September.",
                  dct="1998-08-26") == [("September", "1998-09")]
    assert values("Mr. Schwarz will succeed Daniel P. Davison Feb. 1.", dct="1989-10-26") == [("Feb. 1", "1990-02-01")]


def test_next_to_is_a_place_not_a_time():
    assert values("Bombs exploded next to the U.S. embassies in Kenya and Tanzania on Friday.",
                  dct="1998-08-08") == [("Friday", "1998-08-07")]


def test_half_an_hour():
    assert values("It took half an hour.") == [("half an hour", "PT30M")]


def test_the_week_of_a_day_and_a_week_or_so_ago():
    assert values("A hearing is set for the week of March 6.", dct="2000-02-24") == [("the week of March 6", "2000-W10")]
    e = one("It happened a week or so ago.", dct="2000-02-24")
    assert (e.text, e.value, e.mod) == ("a week or so ago", "2000-W07", "APPROX")


def test_the_past_decade_is_a_stretch_of_ten_years():
    e = one("Threats became routine over the past decade.", dct="1998-10-25")
    assert (e.text, e.type, e.value) == ("the past decade", "DURATION", "P10Y")
    assert values("Prices rose in the last decade.", dct="1998-10-25") == [("the last decade", "198")]


def test_a_bare_month_just_ahead_with_no_cue_is_the_coming_one():
    assert values("The case is heard in May in the appeals court.", dct="2000-03-29") == [("May", "2000-05")]
    assert values("The case is heard in August in the appeals court.", dct="2000-03-29") == [("August", "1999-08")]


def test_a_weekday_a_day_or_two_ahead_with_no_cue_is_the_coming_one():
    # DCT 1998-01-08 is a Thursday.
    assert values("A mass Saturday in front of 50,000 young people.") == [("Saturday", "1998-01-10")]
    assert values("A mass Monday in front of 50,000 young people.") == [("Monday", "1998-01-05")]


def test_irregular_past_forms_and_present_passives():
    # DCT 1998-01-08 is a Thursday: with no cue, Friday would be the coming one.
    assert values("On Friday, EU leaders sent a signal to Belgrade.", dct="1998-01-08") == [("Friday", "1998-01-02")]
    assert values("Elections for the next term are held on July 20.", dct="1997-04-02") == [("July 20", "1997-07-20")]


def test_numbers_with_thousands_separators():
    e = one("The prophet made the journey more than 1,400 years ago.", dct="2006-12-28")
    assert (e.text, e.value, e.mod) == ("more than 1,400 years ago", "0606", "BEFORE")
    assert values("Police are trawling through 10,000 hours of footage.") == [("10,000 hours", "PT10000H")]


def test_a_year_before_a_singular_unit_names_it():
    assert values("He scored ten goals in the 2008 season.") == [("the 2008 season", "2008")]
    assert values("He won the title in the 1985/86 season.") == [("1985/86 season", "1985")]
    assert values("Profit rose in the third quarter. It earned $3 in the 1988 quarter.", dct="1989-10-30") == [
        ("the third quarter", "1989-Q3"), ("the 1988 quarter", "1988-Q3")]
    assert values("The wall stood for 2000 years.") == [("2000 years", "P2000Y")]


def test_a_season_in_a_name_is_not_a_date():
    assert values("Families gathered during the Spring Festival holiday.") == []
    assert values("Skiers trained for the Winter Olympics.") == []
    assert values("It rained last summer.") == [("last summer", "1997-SU")]


def test_a_comparison_with_the_quarter_is_not_the_date_the_story_moves_to():
    filler = " The company makes steel and sells it to carmakers." * 14
    text = "Profit rose in the third quarter, up from $4 million a year ago." + filler + \
        " In the year-earlier period, it earned $3."
    assert values(text, dct="1989-10-26")[-1] == ("the year-earlier period", "1988-Q3")


def test_a_quarter_still_ahead_is_not_the_one_reported_on():
    text = "Profit rose in the third quarter. Analysts expect losses through the third quarter of 1990. " \
        "In the year-ago period, it earned $3."
    assert values(text, dct="1989-10-26")[-1] == ("the year-ago period", "1988-Q3")


@pytest.mark.parametrize("beside", ["After a flat second quarter", "Compared with the second quarter",
                                    "Up from the second quarter"])
def test_a_quarter_set_beside_the_reported_one_is_not_the_one_reported_on(beside):
    text = f"Profit rose in the third quarter. {beside}, sales grew. In the year-earlier period, it earned $3."
    assert values(text, dct="1989-11-01")[-1] == ("the year-earlier period", "1988-Q3")
    assert values("Profit rose in the second quarter. In the year-earlier period, it earned $3.",
                  dct="1989-11-01")[-1] == ("the year-earlier period", "1988-Q2")


def test_a_weekday_with_a_part_of_the_day_in_the_plural_recurs():
    assert values("Flights leave on Monday and Tuesday nights.", dct="1998-02-13") == [
        ("Monday", "XXXX-WXX-1TNI"), ("Tuesday nights", "XXXX-WXX-2TNI")]
    assert one("She swims on Sunday mornings.", type="SET").value == "XXXX-WXX-7TMO"
    assert values("They met on Monday and Tuesday.", dct="1998-02-13") == [
        ("Monday", "1998-02-09"), ("Tuesday", "1998-02-10")]
    assert one("It happened on Tuesday night.", dct="1998-02-13", type="TIME").value == "1998-02-10TNI"


def test_the_quarter_a_year_ago_is_one_expression_a_year_back():
    text = "Profit rose in the second quarter. For the quarter a year earlier, it earned $3."
    assert values(text, dct="1989-10-26") == [("the second quarter", "1989-Q2"), ("the quarter a year earlier", "1988-Q2")]
    assert values("For the quarter a year ago, it earned $3.", dct="1989-10-26") == [("the quarter a year ago", "1988-Q3")]


@pytest.mark.parametrize("text, span", [("Holders buy at the then current price.", "then current"),
                                        ("The then-current chairman resigned.", "then-current")])
def test_the_then_current_is_a_past_present(text, span):
    one(text, dct="1989-10-26", text=span, value="PAST_REF")


@pytest.mark.parametrize("text", ["He told the daily Le Figaro.", "It said the weekly Welt am Sonntag was wrong.",
                                  "The daily Asahi Shimbun reported it."])
def test_the_daily_before_a_name_is_a_newspaper(text):
    assert values(text) == []


def test_the_daily_before_a_common_noun_is_still_a_set():
    assert values("They publish the daily report.") == [("daily", "P1D")]


def test_the_year_ago_quarter_alone_is_the_last_completed_quarter_a_year_back():
    assert values("In the year-ago quarter, it earned $3.", dct="1989-10-26") == [("the year-ago quarter", "1988-Q3")]


def test_a_part_of_the_day_after_an_early_weekday_belongs_to_it():
    e = one("The marches began early Friday morning in Havana.", dct="2000-01-28")
    assert (e.text, e.type, e.value) == ("early Friday morning", "TIME", "2000-01-28TMO")


def test_quarters_in_the_plural_with_a_direction_or_an_amount():
    assert values("It doesn't bode well for coming quarters.", dct="1989-10-26") == [("coming quarters", "FUTURE_REF")]
    assert values("It made a profit after several quarters of losses.") == [("several quarters", "PXQ")]
    assert values("The plan was criticised in some quarters.") == []
    assert values("Three quarters of the vote went to him.") == []


def test_the_near_term_is_the_future():
    assert values("We don't minimize the challenges of the near term.") == [("the near term", "FUTURE_REF")]
    assert values("It will weigh on near-term earnings.") == []


def test_the_future_of_something_is_its_prospects_not_a_time():
    assert values("Ministers discussed the future of the talks.") == []
    assert values("Prices will rise in the future.") == [("the future", "FUTURE_REF")]


def test_the_future_before_a_noun_is_an_adjective():
    assert values("We will give the future garrison every assistance.") == []
    assert values("He met the future SAR chief.") == []
    assert values("The future looks bright.") == [("The future", "FUTURE_REF")]
    assert values("It is good for the future and for peace.") == [("the future", "FUTURE_REF")]


def test_a_day_or_month_with_a_year_named_relative_to_the_dct():
    assert values("The accounts were opened on June 21 last year.", dct="2006-11-22") == [
        ("June 21 last year", "2005-06-21")]
    assert values("He was arrested on 3 October last year.", dct="2006-11-22") == [("3 October last year", "2005-10-03")]
    assert values("It has had 40 attacks since mid-March of last year.", dct="2006-11-04") == [
        ("mid-March of last year", "2005-03")]


def test_in_a_year_or_two_is_some_time_ahead():
    assert values("You may, in a year or two, save a few more lives.") == [("a year or two", "FUTURE_REF")]
    assert values("It took him a year or two to settle.") == [("a year", "P1Y")]


def test_due_to_before_a_noun_is_a_cause_not_a_schedule():
    # DCT 2005-11-15 is a Tuesday.
    assert values("Agassi and Nadal pulled out due to injuries on Monday.", dct="2005-11-15") == [("Monday", "2005-11-14")]
    assert values("The ship is due to arrive on Monday.", dct="2005-11-15") == [("Monday", "2005-11-21")]


def test_a_season_of_a_year_in_words():
    assert values("Prices fell to the level we saw in the winter of nineteen ninety-four.", dct="1998-02-23") == [
        ("the winter of nineteen ninety-four", "1994-WI")]
    assert values("He was born in nineteen o five.") == [("nineteen o five", "1905")]


def test_a_clock_time_told_by_the_part_of_the_day():
    assert values("The shop closes at 11 at night.", dct="2000-04-05") == [("11 at night", "2000-04-05T23:00")]
    assert values("He will leave at 4 in the morning.", dct="2000-04-05") == [("4 in the morning", "2000-04-05T04:00")]
    assert values("Two in the morning session won.", dct="2000-04-05") == []


def test_high_noon_is_a_showdown_not_a_clock_time():
    assert values("For the people of Poland, high noon comes today.", dct="1999-03-12") == [("today", "1999-03-12")]
    assert values("We meet at noon.", dct="1999-03-12") == [("noon", "1999-03-12T12:00")]


def test_in_the_morning_is_that_part_of_the_day_of_the_story():
    text = "Shares fell on Friday. Dealers placed heavy buy orders in the morning."
    assert values(text, dct="1989-10-30") == [("Friday", "1989-10-27"), ("the morning", "1989-10-27TMO")]
    assert values("He read the morning papers.", dct="1989-10-30") == []
    assert values("She chaired it in the morning session.", dct="1989-10-30") == []


def test_recently_after_an_auxiliary_qualifies_the_verb():
    assert values("The search was recently extended to Mexico.") == []
    assert values("They have recently moved to Washington.") == []
    assert values("Magna recently cut its dividend.") == [("recently", "PAST_REF")]


def test_a_daily_that_reports_or_is_named_is_a_newspaper():
    assert values("The conservative daily said on Friday that talks failed.", dct="2005-11-15") == [
        ("Friday", "2005-11-11")]
    assert values("The report appeared in China Daily and the Daily Telegraph.") == []
    assert values("Flights run daily.") == [("daily", "P1D")]


def test_per_day_after_a_quantity_is_a_rate():
    assert values("Iraq pumps two million barrels per day.") == []
    assert values("The drug is taken twice per day.") == [("per day", "P1D")]


def test_that_day_with_no_day_named_before_is_no_date():
    assert values("Market makers suffer losses on trades made that day.", dct="1989-10-30") == []
    assert values("The bomb exploded on Oct. 23. Police arrived that day.", dct="1989-10-30") == [
        ("Oct. 23", "1989-10-23"), ("that day", "1989-10-23")]


def test_the_rules_after_a_refusal_are_tried_as_their_alternation_would():
    # When the first rule that matches refuses, the next is the first of the later rules that
    # matches: tried one by one, they must find what one alternation of them finds.
    from timeline.temporal import tagger

    text = ("On 6 May 2016, two days later, late last August and early 2015, the 1990s, Tuesday night, "
            "the second quarter a year ago, 10:30 a.m. on Friday, mid-March, next week, 3 years, daily, "
            "last weekend, Sept. 27, the then current price, this spring, since 2011 until now.")
    starts = [m.start() for m in re.finditer(r"(?<![\w'’])\w", text)]
    compared = 0
    for cls, rules in tagger._CLASS_RULES.items():
        for index in rules[:-1]:
            alternation = tagger._compile([i for i in rules if i > index])
            for start in starts:
                expected = alternation.match(text, start, start + tagger.MATCH_REACH)
                found = tagger._later_match(cls, index, text, start, start + tagger.MATCH_REACH)
                assert (found and (found.lastgroup, found.span())) == (expected and (expected.lastgroup, expected.span()))
                compared += expected is not None
    assert compared > 100
