"""The language folder: its files read as tables, bad rows named by file and line, and a linguist's
edit (a copy of the folder with a row added) taken up by the tagger without a change to the code."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from timeline.temporal import tag
from timeline.temporal.lexicon import LexiconError, load_language
from timeline.temporal.vocabulary import MONTHS, UNITS

from conftest import ENGLISH, ROOT


def add_row(folder: Path, name: str, row: str) -> None:
    with open(folder / name, "a", encoding="utf-8") as file:
        file.write(row + "\n")


def tag_with(folder: Path, cases: list[tuple[str, str]]) -> list[list[tuple[str, str, str]]]:
    """What the tagger finds in each (text, dct) when ``TIMELINE_LANGUAGE`` names ``folder``."""
    code = ("import json, sys\nfrom timeline.temporal import tag\n"
            "print(json.dumps([[(e.text, e.type, e.value) for e in tag(text, dct)] for text, dct in json.loads(sys.argv[1])]))")
    env = {**os.environ, "TIMELINE_LANGUAGE": str(folder)}
    result = subprocess.run([sys.executable, "-c", code, json.dumps(cases)], cwd=ROOT, env=env,
                            capture_output=True, text=True, check=True)
    return [[tuple(e) for e in found] for found in json.loads(result.stdout)]


def test_the_english_folder_is_what_the_tagger_reads():
    english = load_language()
    assert english.months is MONTHS and english.units is UNITS
    assert load_language(ENGLISH).months == MONTHS
    assert english.units["fortnight"] == ("W", 2, "week")
    assert english.unit_plurals["centuries"] == "century"
    assert english.holidays["election day"].day == 2


def test_an_unknown_unit_is_no_error():
    assert tag("It began a semester ago.", dct="1998-01-08") == []


def test_a_unit_a_holiday_and_an_abbreviation_are_each_one_row(copy_of_english):
    add_row(copy_of_english, "units.tsv", "semester\tM\t6\thalf\tsemesters")
    add_row(copy_of_english, "holidays.tsv", "good friday\teaster\t-2")
    add_row(copy_of_english, "months.tsv", "febr\t2\tabbreviation")
    found = tag_with(copy_of_english, [("It began a semester ago.", "1998-01-08"),
                                       ("It lasted two semesters.", "1998-01-08"),
                                       ("They marched on Good Friday 1998.", "1998-01-08"),
                                       ("It opened on Febr. 3, 1998.", "1998-01-08")])
    assert found == [[("a semester ago", "DATE", "1997-07")],
                     [("two semesters", "DURATION", "P12M")],
                     [("Good Friday 1998", "DATE", "1998-04-10")],
                     [("Febr. 3, 1998", "DATE", "1998-02-03")]]


def test_a_holiday_of_a_lunar_calendar_is_a_row_of_its_dates_under_its_names(copy_of_english):
    add_row(copy_of_english, "holidays.tsv", "vesak|buddha day\tdates\t2023-05-04 2024-05-22 2025-05-12 2026-05-01")
    found = tag_with(copy_of_english, [("Pilgrims gathered for Vesak.", "2025-05-20"),
                                       ("Temples were decked out for Buddha Day 2024.", "2025-05-20")])
    assert found == [[("Vesak", "DATE", "2025-05-12")], [("Buddha Day 2024", "DATE", "2024-05-22")]]


@pytest.mark.parametrize("name, row, message", [
    ("units.tsv", "semester\tM\tsix\thalf", "units.tsv:{line}: HOW MANY must be a whole number, not 'six'"),
    ("units.tsv", "semester\tMO\t6\thalf", "units.tsv:{line}: LETTER must be one of"),
    ("months.tsv", "febr", "months.tsv:{line}: expected WORD<tab>NUMBER<tab>FORM[<tab>NOTE]"),
    ("months.tsv", "febr\t13\tabbreviation", "months.tsv:{line}: NUMBER must be between 1 and 12, not 13"),
    ("holidays.tsv", "good friday\teaster\tsunday", "holidays.tsv:{line}: DAYS must be a whole number"),
    ("holidays.tsv", "labour day\tnth\t9 1", "holidays.tsv:{line}: an nth holiday's WHEN is MONTH WEEKDAY N"),
    ("holidays.tsv", "vesak\tdates\t2024-5-23", "holidays.tsv:{line}: a dates holiday's WHEN is its dates"),
    ("cues.tsv", "shall\tmodal", "cues.tsv:{line}: KIND must be one of"),
    ("seasons.tsv", "summer\tSU\t6-9", "seasons.tsv:{line}: the months of SU are already given as 6-8"),
    ("patterns.tsv", "WHEN\t(?:{NOWHERE})", "patterns.tsv:{line}: {{NOWHERE}} is no pattern written above this one"),
])
def test_a_bad_row_is_named_by_file_and_line(copy_of_english, name, row, message):
    add_row(copy_of_english, name, row)
    line = len((copy_of_english / name).read_text(encoding="utf-8").splitlines())
    with pytest.raises(LexiconError) as error:
        load_language(copy_of_english)
    assert str(error.value).startswith(f"{copy_of_english}/" + message.format(line=line)), str(error.value)


def test_a_missing_file_is_named(copy_of_english):
    (copy_of_english / "seasons.tsv").unlink()
    with pytest.raises(LexiconError, match="seasons.tsv: cannot read"):
        load_language(copy_of_english)


def test_every_stage_reads_its_calendar_words_and_verbs_from_the_language():
    from timeline import events, gazetteer, sentences, titles

    english = load_language()
    assert set(english.month_abbreviations) | set(english.weekday_abbreviations) <= sentences.ABBREVIATIONS
    assert set(sentences.MONTH_NAMES) == set(MONTHS)
    assert gazetteer.CALENDAR_WORDS == english.month_names + english.weekday_names
    assert titles.IRREGULAR_PAST is english.past_forms and titles.SPEECH_VERBS is english.cues["speech"]
    assert all(f"|{verb}|" in titles.PAST_OR_AUX for verb in english.cues["finite_verb"])
    assert titles.CLAUSE_OPENERS is english.cues["clause_opener"]
    assert titles.CLAUSE_OPENERS_AFTER_COMMA is english.cues["clause_opener_after_comma"]
    assert titles.DATE_PREPOSITIONS is english.cues["date_lead_in"]
    assert events.HABITUAL.search("It opens every thursday")
    # The tagger reads a past form as a tense cue only where its row says so ("hit" is also a present).
    assert set(english.past_tense_cues) < set(english.past_forms)


@pytest.mark.parametrize("row, message", [
    ("fortnightly\tword\tfortnightly\tSET\tfortnightly", "rules.tsv:{line}: bad value template 'fortnightly': literal text"),
    ("fortnightly\tword\t{@fortnightly}\tSET\tfortnightly", "rules.tsv:{line}: bad value template '{{@fortnightly}}': no procedure named 'fortnightly'"),
    ("fortnightly\tword\t{@calendar(fortnight)}\tDATE\tfortnightly", "rules.tsv:{line}: bad value template '{{@calendar(fortnight)}}': @calendar: no calendar name 'fortnight'"),
    ("fortnight\tword\t{dct.fortnight-1}\tDATE\tfortnight", "rules.tsv:{line}: bad value template '{{dct.fortnight-1}}': {{dct.fortnight-1}}: 'fortnight' is not a unit"),
    ("fortnight\tword\t{dct.(unit:units)-1}\tDATE\t(?P<unit>fortnight)", "rules.tsv:{line}: bad value template '{{dct.(unit:units)-1}}': no table named 'units'"),
    ("fortnight\tword\t{story.week-(num:number)}\tDATE\t(?P<unit>fortnight)", "rules.tsv:{line}: bad value template '{{story.week-(num:number)}}': the pattern has no group named 'num'"),
    ("fortnight\tword\t{@count}\tDATE\tfortnight", "rules.tsv:{line}: bad value template '{{@count}}': @count: takes 1 to 3 arguments, not 0"),
    ("fortnightly\tword\t{!?every}P2W\tSET\tfortnightly", "rules.tsv:{line}: bad value template '{{!?every}}P2W': the pattern has no group named 'every'"),
    ("fortnightly\tword\t{every:set}\tSET\t(?P<setword>fortnightly)", "rules.tsv:{line}: bad value template '{{every:set}}': the pattern has no group named 'every'"),
    ("fortnightly\tword\t{setword:sets}\tSET\t(?P<setword>fortnightly)", "rules.tsv:{line}: bad value template '{{setword:sets}}': no table named 'sets'"),
    ("fortnightly\tword\t{setword:set}~SOON\tSET\t(?P<setword>fortnightly)", "rules.tsv:{line}: bad value template '{{setword:set}}~SOON': 'SOON' is not a TimeML mod"),
    ("fortnightly\tword\t{^fortnight_before}P2W\tSET\tfortnightly", "rules.tsv:{line}: bad value template '{{^fortnight_before}}P2W': no word list named 'fortnight_before'"),
    ("fortnightly\tword\t{setword:set\tSET\t(?P<setword>fortnightly)", "rules.tsv:{line}: bad value template '{{setword:set': unbalanced braces"),
    ("fortnightly\tword\t{setword:set}\tSET\t(?P<setword>{FORTNIGHTLY})", "rules.tsv:{line}: no pattern or word list named {{FORTNIGHTLY}}"),
    ("fortnightly\tword\t{setword:set}\tSET\t(?P<setword>fortnightly", "rules.tsv:{line}: bad pattern"),
    ("fortnightly\tweekday\t{setword:set}\tSET\tfortnightly", "rules.tsv:{line}: STARTS must be one of word, digit, name"),
    ("fortnightly\tword\tDURATION:{?setword}NOTHING\tSET\t(?P<setword>fortnightly)", "rules.tsv:{line}: bad value template 'DURATION:{{?setword}}NOTHING': an alternative that gives NOTHING has no type nor mod"),
    ("fortnightly\tword\tP2WNOTHING\tSET\t(?P<setword>fortnightly)", "rules.tsv:{line}: bad value template 'P2WNOTHING': an alternative that gives NOTHING has no value of its own"),
    ("fortnightly\tword\t{every:set=P2W}P2W\tSET\t(?P<setword>fortnightly)", "rules.tsv:{line}: bad value template '{{every:set=P2W}}P2W': the pattern has no group named 'every'"),
    ("fortnightly\tword\t{setword:sets=P2W}P2W\tSET\t(?P<setword>fortnightly)", "rules.tsv:{line}: bad value template '{{setword:sets=P2W}}P2W': no table named 'sets'"),
    ("fortnightly\tword\t{setword:set=}P2W\tSET\t(?P<setword>fortnightly)", "rules.tsv:{line}: bad value template '{{setword:set=}}P2W': {{setword:set=}} tests no value"),
    ("fortnightly\tword\t{setword:number<few}P2W\tSET\t(?P<setword>fortnightly)", "rules.tsv:{line}: bad value template '{{setword:number<few}}P2W': {{setword:number<few}} compares with 'few', which is no number"),
    ("fortnightly\tword\t{[every}P2W\tSET\t(?P<setword>fortnightly)", "rules.tsv:{line}: bad value template '{{[every}}P2W': {{[every}}: a span field is"),
    ("fortnightly\tword\t{[setword[}P2W\tSET\t(?P<setword>fortnightly)", "rules.tsv:{line}: bad value template '{{[setword[}}P2W': {{[setword[}}: a span field is"),
])
def test_a_bad_rule_is_named_by_file_and_line(copy_of_english, row, message):
    rules = copy_of_english / "rules.tsv"
    rules.write_text(row + "\n" + rules.read_text(encoding="utf-8"), encoding="utf-8")
    code = "from timeline.temporal import tagger; tagger.compile_patterns()"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                            env={**os.environ, "TIMELINE_LANGUAGE": str(copy_of_english)})
    assert result.returncode != 0
    assert f"LexiconError: {rules}:" + message.format(line=1)[len("rules.tsv:"):] in result.stderr, result.stderr


def test_a_zone_written_once_is_read_after_clock_times_of_12_and_24_hours(copy_of_english):
    patterns = copy_of_english / "patterns.tsv"
    rows = patterns.read_text(encoding="utf-8").splitlines()
    rows = [row.replace("|local\\s+time)", "|(?-i:MMT)|local\\s+time)") if row.startswith("ZONE\t") else row
            for row in rows]
    patterns.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert tag_with(copy_of_english, [("The curfew began at 4 p.m. MMT.", "2021-03-01"),
                                      ("The curfew began at 1600 MMT.", "2021-03-01")]) == [
        [("4 p.m. MMT", "TIME", "2021-03-01T16:00")], [("1600 MMT", "TIME", "2021-03-01T16:00")]]


def test_a_rule_is_one_row(copy_of_english):
    rules = copy_of_english / "rules.tsv"
    rules.write_text("fortnightly\tword\t{@units}\tSET\t(?P<num>two)\\s+(?P<unit>weeks)\\s+running\n"
                     + rules.read_text(encoding="utf-8"), encoding="utf-8")
    assert tag_with(copy_of_english, [("It met two weeks running.", "1998-01-08")]) == [
        [("two weeks running", "SET", "P2W")]]


def test_a_rule_s_value_is_a_template(copy_of_english):
    """A rule whose value is all in its template: a literal, and fields that look groups up in tables."""
    rules = copy_of_english / "rules.tsv"
    rules.write_text("every_other\tword\tP2W\tSET\tevery\\s+other\\s+week\\b\n"
                     "month_after\tname\t{year:year}-{month:month}~START\tDATE\t(?P<month>{MONTHNAME})\\s+after\\s+(?P<year>{YEAR})\n"
                     + rules.read_text(encoding="utf-8"), encoding="utf-8")
    assert tag_with(copy_of_english, [("They meet every other week.", "1998-01-08"),
                                      ("It reopened March after 1998.", "1998-01-08")]) == [
        [("every other week", "SET", "P2W")], [("March after 1998", "DATE", "1998-03")]]


def test_a_template_chooses_among_alternatives(copy_of_english):
    """The first alternative that applies: one needing the word before the match in a list of
    words.tsv, one with a type of its own, one counting weeks back from the DCT."""
    rules = copy_of_english / "rules.tsv"
    rules.write_text("fortnight_word\tword\t{^since}{dct.week-2} | DURATION:P2W\tDATE\tfortnight\\b\n"
                     + rules.read_text(encoding="utf-8"), encoding="utf-8")
    assert tag_with(copy_of_english, [("It has rained since fortnight.", "1998-01-08"),
                                      ("It rained fortnight long.", "1998-01-08")]) == [
        [("fortnight", "DATE", "1997-W52")], [("fortnight", "DURATION", "P2W")]]


def test_a_new_row_counts_units_from_an_anchor(copy_of_english):
    """Rows (and the words the scan stops at) that count units from the DCT ({dct.day+2}), by what a new word list of words.tsv says of
    a group ({dct.week+(dir:sennight_step)}), from the story's day ({story.day+1}) and from the date
    last spoken of ({last.year+0}) change what the tagger finds, with no change to the code."""
    texts = [("It ends overmorrow.", "1998-01-08"), ("It ends next sennight.", "1998-01-08"),
             ("On 3 March 1998 they met. On the morrow they left.", "1998-06-10"),
             ("In 1995 they met. In that year's summer they left.", "1998-06-10")]
    before = tag_with(copy_of_english, texts)
    assert before[0] == [] and before[1] == [] and ("the morrow", "DATE", "1998-03-04") not in before[2]
    assert ("that year's summer", "DATE", "1995-SU") not in before[3]
    rules = copy_of_english / "rules.tsv"
    rules.write_text("overmorrow\tword\t<dct> {dct.day+2}\tDATE\tovermorrow\\b\n"
                     "sennight_dir\tword\t{dct.week+(dir:sennight_step)}\tDATE\t(?P<dir>this|next)\\s+sennight\\b\n"
                     "morrow\tword\t{story.day+1}\tDATE\tthe\\s+morrow\\b\n"
                     "season_of_that_year\tword\t{last.year+0}-{season:season}\tDATE\t"
                     "that\\s+year's\\s+(?P<season>{SEASON})\\b\n"
                     + rules.read_text(encoding="utf-8"), encoding="utf-8")
    add_row(copy_of_english, "scan.tsv", "overmorrow\ttime")
    add_row(copy_of_english, "scan.tsv", "morrow\ttime")
    add_row(copy_of_english, "scan.tsv", "sennight\ttime")
    add_row(copy_of_english, "words.tsv", "sennight_step\tthis\t0")
    add_row(copy_of_english, "words.tsv", "sennight_step\tnext\t2")
    after = tag_with(copy_of_english, texts + [("In that year's summer they left.", "1998-06-10")])
    assert after[0] == [("overmorrow", "DATE", "1998-01-10")]
    assert after[1] == [("next sennight", "DATE", "1998-W04")]
    assert ("the morrow", "DATE", "1998-03-04") in after[2]
    assert ("that year's summer", "DATE", "1995-SU") in after[3]
    assert after[4] == [("that year's summer", "DATE", "XXXX-SU")]  # no date spoken of before


def test_a_row_says_a_match_is_no_expression(copy_of_english):
    """A guard of contexts.tsv around the match refuses it ({@around(CONTEXT,REACH)}...NOTHING), and a
    span field ({[week}) leaves the first word out of the tag."""
    texts = [("It happened around midweek.", "1998-01-08"), ("The Midweek Herald reported it.", "1998-01-08")]
    assert tag_with(copy_of_english, texts) == [[], []]
    add_row(copy_of_english, "scan.tsv", "midweek\ttime")
    add_row(copy_of_english, "contexts.tsv", "herald_name\tMidweek\\s+Herald")
    rules = copy_of_english / "rules.tsv"
    rules.write_text("midweek\tword\t{@around(herald_name,20)}NOTHING | {[week}{dct.week+0}~\tDATE\t"
                     "(?:around\\s+)?mid(?P<week>week)\\b\n" + rules.read_text(encoding="utf-8"), encoding="utf-8")
    assert tag_with(copy_of_english, texts) == [[("week", "DATE", "1998-W02")], []]


TOY = Path(__file__).resolve().parent / "toy_language"


def test_the_engine_holds_no_english():
    """A toy language of two months, a weekday and two rules: the engine finds and normalises its
    expressions from its folder alone, and finds nothing in English text."""
    toy = load_language(TOY)
    assert toy.months == {"frimo": 1, "sekundo": 2} and toy.weekdays == {"lundo": 1}
    assert [rule.name for rule in toy.rules] == ["day_month", "weekday"]
    found = tag_with(TOY, [("Ili venis la 3 Frimo 2016.", "2016-03-10"),
                           ("Ili venis la 14 Sekundo.", "2016-03-10"),
                           ("Ili venis Lundo.", "2016-03-10"),
                           ("They came on 3 January 2016, a Monday, two days later.", "2016-03-10")])
    assert found == [[("3 Frimo 2016", "DATE", "2016-01-03")],
                     [("14 Sekundo", "DATE", "2016-02-14")],
                     [("Lundo", "DATE", "2016-03-07")],
                     []]


def test_a_bad_language_file_is_one_line_on_the_command_line(copy_of_english, tmp_path):
    rules = copy_of_english / "rules.tsv"
    rules.write_text("fortnightly\tword\t{@fortnightly}\tSET\tfortnightly\n" + rules.read_text(encoding="utf-8"),
                     encoding="utf-8")
    article = tmp_path / "article.txt"
    article.write_text("It rained on Friday.\n", encoding="utf-8")
    script = Path(sys.executable).with_name("timeline")  # the installed command, as users run it
    for command in ([sys.executable, "-m", "timeline"], [str(script)]):
        result = subprocess.run([*command, "tag", str(article), "--dct", "2016-01-01"], cwd=ROOT, capture_output=True,
                                text=True, env={**os.environ, "TIMELINE_LANGUAGE": str(copy_of_english)})
        assert result.returncode == 1 and "Traceback" not in result.stderr, (command, result.stderr)
        assert result.stderr.startswith(f"Error: {rules}:1: bad value template"), (command, result.stderr)


def test_a_reference_word_is_one_row(copy_of_english):
    """A word of the past added to references.tsv is tagged, and left out after an auxiliary as its
    value's rule says ("has of late risen")."""
    references = copy_of_english / "references.tsv"
    references.write_text(references.read_text(encoding="utf-8") + "of late\tPAST_REF\n", encoding="utf-8")
    assert tag_with(copy_of_english, [("Prices rose of late.", "1998-01-08"),
                                      ("Prices have of late risen.", "1998-01-08")]) == [
        [("of late", "DATE", "PAST_REF")], []]


def test_an_alternative_may_need_a_group_not_to_have_matched(copy_of_english):
    """{!?group}: the rule refuses the match when the group matched, and the rules after it are tried."""
    rules = copy_of_english / "rules.tsv"
    rules.write_text("weeks_running\tword\t{!?hardly}P2W\tSET\t(?P<num>two)\\s+weeks\\s+running(?P<hardly>\\s+at\\s+best)?\n"
                     + rules.read_text(encoding="utf-8"), encoding="utf-8")
    assert tag_with(copy_of_english, [("It met two weeks running.", "1998-01-08"),
                                      ("It met two weeks running at best.", "1998-01-08")]) == [
        [("two weeks running", "SET", "P2W")], [("two weeks", "DURATION", "P2W")]]


def test_an_alternative_may_test_what_a_table_says_of_a_group(copy_of_english):
    """{group:table=VALUE}: the table must give VALUE ({!...}: must not; * for any word it lists)."""
    rules = copy_of_english / "rules.tsv"
    rules.write_text("weeks_running\tword\t{dir:step=5/1}P2W | {!dir:back=*}P3W\tSET\t(?P<dir>\\w+)\\s+weeks\\s+running\n"
                     + rules.read_text(encoding="utf-8"), encoding="utf-8")
    assert tag_with(copy_of_english, [("It met coming weeks running.", "1998-01-08"),
                                      ("It met this weeks running.", "1998-01-08"),
                                      ("It met past weeks running.", "1998-01-08")]) == [
        [("coming weeks running", "SET", "P2W")], [("this weeks running", "SET", "P3W")],
        [("past weeks", "DATE", "PAST_REF")]]


def test_an_alternative_may_set_the_span_of_the_tag(copy_of_english):
    """{[group]}, {group[}, {]group}: the tag is a part of the match, as TimeML annotators mark it."""
    rules = copy_of_english / "rules.tsv"
    rules.write_text("fortnight_ago\tword\t{[when]}P2W\tDURATION\t(?:a\\s+)?(?P<when>fortnight)\\s+of\\s+talks\n"
                     "fortnight_after\tword\t{lead[}P2W\tDURATION\t(?P<lead>a\\s+solid\\s+)fortnight\\b\n"
                     "fortnight_before\tword\t{]tail}P2W\tDURATION\t(?:a\\s+)?fortnight(?P<tail>\\s+running)\n"
                     + rules.read_text(encoding="utf-8"), encoding="utf-8")
    assert tag_with(copy_of_english, [("After a fortnight of talks it ended.", "1998-01-08"),
                                      ("After a solid fortnight it ended.", "1998-01-08"),
                                      ("It met a fortnight running.", "1998-01-08")]) == [
        [("fortnight", "DURATION", "P2W")], [("fortnight", "DURATION", "P2W")], [("a fortnight", "DURATION", "P2W")]]


def test_a_mod_falls_back_when_its_table_says_nothing(copy_of_english):
    """~{group:table},MOD: a table with no entry for the group's words leaves the mod to the next choice."""
    rules = copy_of_english / "rules.tsv"
    rules.write_text("weeks_running\tword\tP2W~{dir:approx_word},END\tDURATION\t(?P<dir>\\w+)\\s+weeks\\s+running\n"
                     + rules.read_text(encoding="utf-8"), encoding="utf-8")
    add_row(copy_of_english, "words.tsv", "approx_word\tabout\tAPPROX")
    code = ("import json, sys\nfrom timeline.temporal import tag\n"
            "print(json.dumps([(e.text, e.mod) for t in sys.argv[1:] for e in tag(t, '1998-01-08')]))")
    result = subprocess.run([sys.executable, "-c", code, "It met about weeks running.", "It met this weeks running."],
                            cwd=ROOT, env={**os.environ, "TIMELINE_LANGUAGE": str(copy_of_english)},
                            capture_output=True, text=True, check=True)
    assert json.loads(result.stdout) == [["about weeks running", "APPROX"], ["this weeks running", "END"]]


def test_an_alternative_may_refuse_the_match(copy_of_english):
    """NOTHING: a negative rule; when its conditions hold the rule refuses and the rules after it are tried."""
    rules = copy_of_english / "rules.tsv"
    rules.write_text("weeks_running\tword\t{?hardly}NOTHING | P2W\tSET\t(?P<num>two)\\s+weeks\\s+running(?P<hardly>\\s+at\\s+best)?\n"
                     + rules.read_text(encoding="utf-8"), encoding="utf-8")
    assert tag_with(copy_of_english, [("It met two weeks running.", "1998-01-08"),
                                      ("It met two weeks running at best.", "1998-01-08")]) == [
        [("two weeks running", "SET", "P2W")], [("two weeks", "DURATION", "P2W")]]


def test_an_alternative_may_compare_a_number(copy_of_english):
    """{group:table<N}, {group:table>N}: a number below or above N; words that are no number fail both."""
    rules = copy_of_english / "rules.tsv"
    rules.write_text("weeks_running\tword\t{num:number<3}P2W | {num:number>9}P3W | P4W\tSET\t(?P<num>\\w+)\\s+weeks\\s+running\n"
                     + rules.read_text(encoding="utf-8"), encoding="utf-8")
    assert tag_with(copy_of_english, [("It met two weeks running.", "1998-01-08"),
                                      ("It met twelve weeks running.", "1998-01-08"),
                                      ("It met five weeks running.", "1998-01-08"),
                                      ("It met several weeks running.", "1998-01-08")]) == [
        [("two weeks running", "SET", "P2W")], [("twelve weeks running", "SET", "P3W")],
        [("five weeks running", "SET", "P4W")], [("several weeks running", "SET", "P4W")]]
