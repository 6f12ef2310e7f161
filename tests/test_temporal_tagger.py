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


def test_relative_to_the_last_mentioned_date():
    assert values("He arrived on March 3, 1990 and left the following week.")[-1] == ("the following week", "1990-W10")


def test_partial_creation_date():
    e = one("He left yesterday.", dct="2017-04")
    assert e.anchor == "unresolved" and "X" in e.value


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


def test_fortnight_is_one_table_line():
    assert UNITS["fortnight"] == ("W", 2, "week")


@pytest.mark.parametrize("text", ["Aid will reach 150 billion (dollars) a year.",
                                  "She earns 4,000 yuan (493 US dollars) a month.",
                                  "It runs one flight a day.", "Quakes strike at least six a day."])
def test_rates_after_a_conversion_or_a_count_are_not_durations(text):
    assert values(text) == []


def test_quarters_follow_the_report():
    text = "Profit rose in the third quarter. Sales were $5 million, up from $4 million a year earlier."
    assert values(text, dct="1989-10-26") == [("the third quarter", "1989-Q3"), ("a year earlier", "1988-Q3")]
    assert values("Net fell in the quarter ended Sept. 30.", dct="1989-10-26")[0] == ("the quarter", "1989-Q3")


def test_seasons_centuries_holidays_and_year_end():
    e = one("The deal should close by year-end.", dct="1989-11-02")
    assert (e.value, e.mod) == ("1989", "END")


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

    from timeline.temporal.context import Context

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

    fresh_context = Context.__init__

    def forgetful_context(self, *args, **kwargs):
        fresh_context(self, *args, **kwargs)
        self.memo = Forgetful()

    monkeypatch.setattr(Context, "__init__", forgetful_context)
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
    e = one("The dispute began more than four decades ago.", dct="2000-04-01")
    assert (e.value, e.mod) == ("1960", "BEFORE")


@pytest.mark.parametrize("text, span, type_, value", [
    ("They talked for two and a half years.", "two and a half years", "DURATION", "P2Y6M"),
    ("It took a minute and a half.", "a minute and a half", "DURATION", "PT1M30S"),
    ("The index fell for three trading days.", "three trading days", "DURATION", "P3D"),
    ("She was injured a year and a half ago.", "a year and a half ago", "DATE", "1996-07"),
])
def test_halves_and_trading_days(text, span, type_, value):
    one(text, dct="1998-01-08", text=span, type=type_, value=value)


def test_the_week_of_a_day_and_a_week_or_so_ago():
    e = one("It happened a week or so ago.", dct="2000-02-24")
    assert (e.text, e.value, e.mod) == ("a week or so ago", "2000-W07", "APPROX")


def test_the_past_decade_is_a_stretch_of_ten_years():
    e = one("Threats became routine over the past decade.", dct="1998-10-25")
    assert (e.text, e.type, e.value) == ("the past decade", "DURATION", "P10Y")


def test_numbers_with_thousands_separators():
    e = one("The prophet made the journey more than 1,400 years ago.", dct="2006-12-28")
    assert (e.text, e.value, e.mod) == ("more than 1,400 years ago", "0606", "BEFORE")


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
    assert one("She swims on Sunday mornings.", type="SET").value == "XXXX-WXX-7TMO"
    assert one("It happened on Tuesday night.", dct="1998-02-13", type="TIME").value == "1998-02-10TNI"


def test_the_quarter_a_year_ago_is_one_expression_a_year_back():
    text = "Profit rose in the second quarter. For the quarter a year earlier, it earned $3."
    assert values(text, dct="1989-10-26") == [("the second quarter", "1989-Q2"), ("the quarter a year earlier", "1988-Q2")]


@pytest.mark.parametrize("text, span", [("Holders buy at the then current price.", "then current"),
                                        ("The then-current chairman resigned.", "then-current")])
def test_the_then_current_is_a_past_present(text, span):
    one(text, dct="1989-10-26", text=span, value="PAST_REF")


@pytest.mark.parametrize("text", ["He told the daily Le Figaro.", "It said the weekly Welt am Sonntag was wrong.",
                                  "The daily Asahi Shimbun reported it."])
def test_the_daily_before_a_name_is_a_newspaper(text):
    assert values(text) == []


def test_a_part_of_the_day_after_an_early_weekday_belongs_to_it():
    e = one("The marches began early Friday morning in Havana.", dct="2000-01-28")
    assert (e.text, e.type, e.value) == ("early Friday morning", "TIME", "2000-01-28TMO")


def test_in_the_morning_is_that_part_of_the_day_of_the_story():
    text = "Shares fell on Friday. Dealers placed heavy buy orders in the morning."
    assert values(text, dct="1989-10-30") == [("Friday", "1989-10-27"), ("the morning", "1989-10-27TMO")]


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


def test_only_the_spans_given_are_tagged_and_anchor():
    text = "Rebels took the town on 3 March 2016. Photo taken on 10 May 2015. The army shelled it two days later."
    kept = [(0, 37), (66, len(text))]
    assert [(e.text, e.value) for e in tag(text, "2016-03-20")] == [
        ("3 March 2016", "2016-03-03"), ("10 May 2015", "2015-05-10"), ("two days later", "2015-05-12")]
    found = tag(text, "2016-03-20", spans=kept)
    assert [(e.text, e.value) for e in found] == [("3 March 2016", "2016-03-03"), ("two days later", "2016-03-05")]
    assert all(text[e.start:e.end] == e.text for e in found)


def test_a_year_heading_a_section_is_a_year_and_a_number_in_a_sentence_is_not():
    text = "1918\n\nIn January the army moved.\n\n2003: Invasion\n\nAnaconda Plan and blockade, 1861\nIt cost 1500 lives."
    assert [(e.text, e.value) for e in tag(text, dct="2009-12-19") if e.value[:1].isdigit()] == [
        ("1918", "1918"), ("January", "1918-01"), ("2003", "2003"), ("1861", "1861")]


FALKLANDS = ("The Falklands War was fought in 1982 between Argentina and the United Kingdom over islands held by "
             "Britain since 1833. Tension had grown through the 1960s and 1970s, and a junta took power in December "
             "1981.\n\nOn 19 March scrap-metal workers raised the Argentine flag on South Georgia. Argentine forces "
             "landed on 2 April, and the Security Council passed Resolution 502 on 3 April. On 14 June the garrison "
             "surrendered.\n\nCivilian rule returned to Argentina in December 1983, and the two countries restored "
             "relations in February 1990.\n\nLast week veterans from both countries marked the anniversary, and next "
             "year's commemoration is expected to draw larger crowds.")
IRAN_IRAQ = ("The Iran-Iraq War lasted from September 1980 to August 1988. It began with the Iraqi invasion of Iran on "
             "22 September 1980.\n\nUnder the Algiers Agreement of 6 March 1975 Iraq accepted a border along the river. "
             "After the Iranian Revolution of 1979, Saddam Hussein saw an opportunity. Border clashes grew more "
             "frequent during the summer of 1980, and on 17 September Saddam tore up the 1975 agreement on television."
             "\n\nIraqi aircraft struck Iranian airfields on the afternoon of 22 September, and ground forces crossed "
             "the border the following morning. Khorramshahr fell in late October.")
WORLD_WAR = ("1916\n\nThe Germans attacked at Verdun on 21 February 1916, and on 1 July the Somme offensive opened. "
             "In 1916 the war was stalemate.\n\n1917\n\nThe year 1917 brought revolution in Russia. The tsar abdicated "
             "in March, and in November the Bolsheviks seized power. Germany resumed submarine warfare on 1 February, "
             "and on 6 April the United States declared war.\n\nIn 1918 the war of movement returned. The armistice "
             "came on 11 November, and on 12 January the delegates met in Paris.")


@pytest.mark.parametrize("text,dct,expected", [
    # a closing paragraph of the writer's days does not make a history news; it is still of the writer's week
    (FALKLANDS, "2011-06-20", [("19 March", "1982-03-19"), ("14 June", "1982-06-14"), ("Last week", "2011-W24")]),
    # a year that qualifies a noun ("the 1975 agreement") does not move a story back
    (IRAN_IRAQ, "2025-03-04", [("22 September", "1980-09-22"), ("the following morning", "1980-09-23TMO"),
                               ("late October", "1980-10"), ("1975", "1975")]),
    # a story under a year heading does not move on to the next year; without a heading it does
    (WORLD_WAR, "2024-11-02", [("1 February", "1917-02-01"), ("6 April", "1917-04-06"), ("12 January", "1919-01-12")]),
], ids=["closing paragraph", "year of a noun", "year heading"])
def test_a_story_reads_its_yearless_dates_from_its_own_years(text, dct, expected):
    found = values(text, dct=dct)
    assert [pair for pair in expected if pair not in found] == []


def test_a_year_that_opens_a_heading_line_is_a_year_and_moves_the_story():
    text = ("The last troops left in August 1971.\n\n1972 election and Paris Peace Accords\n\n"
            "In October the talks resumed.\n\n1968 Tet Offensive\n\nThe war widened.")
    assert values(text, dct="2009-12-19") == [
        ("August 1971", "1971-08"), ("1972", "1972"), ("October", "1972-10"), ("1968", "1968")]
    # a headline of a count is no year: a plural noun follows it
    assert tag("Troops moved.\n\n2000 Syrian refugees arrive\n\nThe war.", dct="2009-12-19") == []


def test_a_month_heading_its_section_is_of_the_year_the_text_has_reached():
    # A page of a year's chronology, first written in the January after the year it lists.
    text = ("This is a timeline of the civil war in 2024.\n\nJune\n\n- 5 June – Fighters attacked the village of "
            "Wad al-Noura.\n\nAugust\n\n- 1 August – Famine was declared in Zamzam camp.")
    assert values(text, dct="2024-01-03") == [("2024", "2024"), ("June", "2024-06"), ("5 June", "2024-06-05"),
                                              ("August", "2024-08"), ("1 August", "2024-08-01")]


@pytest.mark.parametrize("month,number", [("March", 3), ("May", 5), ("July", 7)])
def test_a_month_that_opens_a_line_before_a_colon_labels_what_follows(month, number):
    text = f"2012: Rebels seize the east of the city\n\n{month}: Fighters take the old town, dividing the city.\n"
    assert (month, f"2012-{number:02d}") in values(text, dct=None)


def test_a_month_on_a_line_below_a_name_is_no_part_of_it():
    assert values("Rebels seize eastern Aleppo\nJuly brought the siege.", dct="2012-09-01") == [("July", "2012-07")]
    assert values("March on the capital was planned.", dct="2012-09-01") == []  # "March" alone may be a word


CHRONOLOGY = ("Oct 22 (Reuters) - Here is a timeline of the year since the death of the former ruler.\n\n"
              "Oct. 20, 2011 - The former ruler is captured and killed as fighters take his hometown, ending a "
              "two-month siege.\n\nOct. 23 - The council declares the liberation of the country.\n\n"
              "Nov. 19 - His son is captured near a desert town by fighters from the west.\n\n"
              "March 31 - Tribal violence kills 147 people in the south.\n")


def test_the_entries_of_a_chronology_follow_the_entry_before_not_the_dct():
    found = dict(values(CHRONOLOGY, dct="2012-10-22"))
    assert (found["Oct. 23"], found["Nov. 19"], found["March 31"]) == ("2011-10-23", "2011-11-19", "2012-03-31")


def test_a_chronology_that_runs_back_in_time_is_read_back():
    text = "Key dates, newest first:\n\nMarch 3, 2016: Talks resume.\n\nFebruary 27: A truce begins.\n\nDecember 30: Talks fail.\n"
    found = dict(values(text, dct="2016-03-05"))
    assert (found["February 27"], found["December 30"]) == ("2016-02-27", "2015-12-30")


def test_a_date_inside_a_sentence_is_no_entry():
    text = "Oct. 20, 2011 - The former ruler is captured.\n\nThe council said on Oct. 18 it would meet.\n"
    assert dict(values(text, dct="2012-10-22"))["Oct. 18"] == "2012-10-18"
    entry = text.replace("The council said on Oct. 18 it would meet.", "Oct. 18 - The council meets.")
    assert dict(values(entry, dct="2012-10-22"))["Oct. 18"] == "2011-10-18"
