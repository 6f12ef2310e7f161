"""Lines that run a headline, captions, a dateline and the body together (copies that lost their
line breaks and full stops): cut into pieces, so that a caption's date does not date the lead."""
import pytest
from operations import lines_run

from timeline.cleaning import clean, parse_rules
from timeline.documents import Document
from timeline.pipeline import process_document
from timeline.sentences import split_sentences


def _kept(text, cleaned):
    return [text[s:e] for s, e in cleaned.kept]


def _events(text, published="2021-03-12"):
    return process_document(Document(name="run.txt", text=text, published=published)).events


RUN = ("Insurgents Abandon Hill Positions Near Tal Rifaat Displaced families wait at a checkpoint near Azaz on "
       "4 March 2021 (AFP Photo/Staff) ALEPPO (Reuters) - Insurgents withdrew from three hill positions near "
       "Tal Rifaat on Wednesday after heavy shelling, a monitoring group said")


def test_a_caption_run_into_the_line_is_dropped_and_the_rest_kept_apart():
    cleaned = clean(RUN)
    assert [d.reason for d in cleaned.dropped] == ["caption"]
    assert RUN[cleaned.dropped[0].start:cleaned.dropped[0].end].endswith("(AFP Photo/Staff)")
    kept = _kept(RUN, cleaned)
    assert kept[0] == "Insurgents Abandon Hill Positions Near Tal Rifaat"
    assert kept[1].startswith("ALEPPO (Reuters) - Insurgents withdrew")


def test_the_lead_is_dated_by_the_body_not_by_the_caption():
    events = _events(RUN)
    assert [e.date for e in events] == ["2021-03-10"]
    assert events[0].title.startswith("Insurgents withdrew from three hill positions near Tal Rifaat")


def test_a_headline_runs_into_a_dateline_with_a_country():
    text = ("Turkish Drones Strike Supply Depot In Ain Issa AIN ISSA, Syria — Turkish drones struck a fuel depot "
            "outside the town on Monday night, local officials said")
    cleaned = clean(text)
    assert not cleaned.dropped
    sentences = [s.text for start, end in cleaned.kept for s in split_sentences(text, start, end)]
    assert sentences[0] == "Turkish Drones Strike Supply Depot In Ain Issa"
    assert sentences[1].startswith("AIN ISSA, Syria — Turkish drones struck")
    event, = _events(text, "2021-03-10")
    assert event.date.startswith("2021-03-08") and event.title.startswith("Turkish drones struck a fuel depot")


def test_a_credit_ends_a_caption_that_the_body_follows():
    text = ("A damaged school in Ariha on 2 February 2021 (Photo by Local Council) Two shells hit the market "
            "in Ariha on 9 March 2021, killing four people")
    events = _events(text)
    assert [e.date for e in events] == ["2021-03-09"]


@pytest.mark.parametrize("line", [
    "The WHO (World Health Organization) said on Monday that the clinics had reopened.",
    "Officials in IDLIB, the last rebel province, said the convoy had arrived.",
    "A statement by the SDF (Syrian Democratic Forces) on 3 March said the road was open.",
])
def test_ordinary_lines_are_not_cut(line):
    cleaned = clean(line)
    assert cleaned.kept == ((0, len(line)),) and not cleaned.dropped


def test_a_line_is_cut_only_inside_not_at_its_start():
    text = "BEIRUT (Reuters) - Rebels shelled a government post near Kinsabba on Tuesday."
    assert clean(text).kept == ((0, len(text)),)


def test_users_add_cut_rules():
    rules = parse_rules(["before\tbulletin\t(?-i:BULLETIN \\d+:)", "line\tbulletin\tBULLETIN \\d+:.*"], "mine.tsv")
    text = ("Shelling resumed near Jisr al-Shughur on 3 March 2021 BULLETIN 12: an earlier convoy left on 1 March 2021 "
            "BULLETIN 13: the road reopened")
    cleaned = clean(text, rules)
    assert [d.reason for d in cleaned.dropped] == ["bulletin"]
    # The last piece a label opens runs to the line's end, where the body may go on: it stays.
    assert _kept(text, cleaned) == ["Shelling resumed near Jisr al-Shughur on 3 March 2021", "BULLETIN 13: the road reopened"]


def test_a_caption_that_ends_with_a_credit_label():
    text = ("Civil defence workers search the rubble of a bakery in Atareb on 1 March 2021 Photo: Aref Watad/AFP "
            "Two air strikes hit Atareb on Thursday, killing five people")
    cleaned = clean(text)
    assert [d.reason for d in cleaned.dropped] == ["caption"]
    assert _kept(text, cleaned) == ["Two air strikes hit Atareb on Thursday, killing five people"]
    assert [e.date for e in _events(text)] == ["2021-03-11"]


def test_a_credit_label_then_a_dateline():
    text = ("Rebels Lose Hilltop Village Fighters rest near Kabani on 2 March 2021 Photo: AFP BEIRUT (Reuters) - "
            "Government forces captured the village of Kabani on Tuesday, a monitor said")
    cleaned = clean(text)
    assert _kept(text, cleaned)[0] == "Rebels Lose Hilltop Village"
    assert _kept(text, cleaned)[-1].startswith("BEIRUT (Reuters) - Government forces captured")
    assert [e.date for e in _events(text)] == ["2021-03-09"]


def test_a_dated_dateline_run_into_the_line_dates_nothing():
    text = ("Jets Pound Rebel Towns South Of Idlib BEIRUT, March 9 (Reuters) - Russian jets struck four towns "
            "south of Idlib on Sunday, a war monitor said")
    events = _events(text, "2021-03-09")
    assert [e.date for e in events] == ["2021-03-07"]
    assert events[0].title.startswith("Russian jets struck four towns")


def test_a_dateline_stripped_of_its_punctuation_is_cut_out_with_the_caption_before_it():
    text = ("Syrian army pushes into rebel-held Idlib town Photo: Smoke rises over Khan Sheikhoun on Aug 12 2019 AFP "
            "BEIRUT Aug 19 Reuters Syrian government forces advanced into the town of Khan Sheikhoun on Monday after "
            "days of air strikes a war monitor said")
    cleaned = clean(text)
    # The caption's credit ("AFP") may go with either piece: both go.
    assert [d.reason for d in cleaned.dropped] == ["caption", "dateline"]
    assert text[cleaned.dropped[0].start:cleaned.dropped[1].end] == (
        "Photo: Smoke rises over Khan Sheikhoun on Aug 12 2019 AFP BEIRUT Aug 19 Reuters")
    assert text[cleaned.dropped[1].start:cleaned.dropped[1].end].endswith("BEIRUT Aug 19 Reuters")
    events = _events(text, "2019-08-19")
    dated = [e for e in events if e.date_source != "publication"]
    assert [e.date for e in dated] == ["2019-08-19"]
    assert dated[0].title.startswith("Syrian government forces advanced into the town of Khan Sheikhoun")
    # A city in capitals before a date in a sentence is no dateline without an agency after the date.
    assert not clean("Talks in GENEVA Aug 19 ended without a deal and resume in September").dropped
    text = "Syrian Army Pushes Into Idlib Town BEIRUT Aug 19 Reuters Syrian forces advanced on Monday a monitor said"
    assert [(d.reason, text[d.start:d.end]) for d in clean(text).dropped] == [("dateline", "BEIRUT Aug 19 Reuters")]


def test_a_caption_label_run_into_the_line_goes_when_more_follows():
    text = ("Rebels Shell Government Post Near Kinsabba Photo: A fighter fires a mortar near Kinsabba on 1 March 2021 "
            "LATAKIA, Syria — Rebels shelled a government post near Kinsabba on Monday, state media said")
    cleaned = clean(text)
    assert [d.reason for d in cleaned.dropped] == ["caption"]
    assert [e.date for e in _events(text, "2021-03-10")] == ["2021-03-08"]


def test_a_caption_label_that_ends_the_line_leaves_what_follows_it():
    text = "Rebels shelled a government post near Kinsabba on Monday Photo: a mortar crew near Kinsabba on Monday"
    assert not clean(text).dropped


def test_a_line_of_thousands_of_captions_and_datelines_is_cut_in_time_linear_in_its_length():
    """Each cut was tested against every caption of the line, and the line copied twice for each:
    one line of 1.6 MB of captions and datelines run together took 44 seconds to clean."""
    def line(copies):
        return "Rebels shelled the town (AFP photo) BEIRUT (Reuters) - troops moved on " * copies + "on 5 May 2016."

    clean(line(2))  # the rules are compiled at the first call
    (few, work_few), (many, work_many) = lines_run(clean, line(100)), lines_run(clean, line(400))
    assert [len(few.dropped), len(many.dropped)] == [100, 400]
    assert work_many <= 5 * work_few, (work_few, work_many)
