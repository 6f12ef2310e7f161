"""Every stage reads its English words from the language folder: a word added to a copy of
``resources/en`` changes what titles, events and the gazetteer do, without a change to the code."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT


def add_cue(folder: Path, words: str, kind: str) -> None:
    with open(folder / "cues.tsv", "a", encoding="utf-8") as file:
        file.write(f"{words}\t{kind}\n")


def run_with(folder: Path, code: str, *arguments: str):
    """The JSON ``code`` prints with ``arguments`` as sys.argv[1:], when ``TIMELINE_LANGUAGE`` names ``folder``."""
    result = subprocess.run([sys.executable, "-c", "import json, sys\n" + code, *arguments], cwd=ROOT,
                            env={**os.environ, "TIMELINE_LANGUAGE": str(folder)},
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


TIDY = "from timeline.titles import tidy_title\nprint(json.dumps([tidy_title(t) for t in sys.argv[1:]]))"


@pytest.mark.parametrize("words, kind, clause, before, after", [
    ("stressed", "trailing_attribution", "Rebels withdrew from the northern town, officials stressed",
     "Rebels withdrew from the northern town, officials stressed", "Rebels withdrew from the northern town"),
    ("purportedly", "hedge", "Rebels purportedly withdrew from the northern town",
     "Rebels purportedly withdrew from the northern town", "Rebels withdrew from the northern town"),
    ("quoting", "attribution", "Rebels withdrew from the northern town quoting local officials.",
     "Rebels withdrew from the northern town quoting local officials", "Rebels withdrew from the northern town"),
    ("besides", "leading_adverbial", "Besides, rebels withdrew from the northern town",
     "Besides, rebels withdrew from the northern town", "Rebels withdrew from the northern town"),
    ("beyond", "leading_phrase", "Beyond the river, rebels withdrew from the northern town",
     "Beyond the river, rebels withdrew from the northern town", "Rebels withdrew from the northern town"),
    ("whereupon", "leading_connective", "whereupon rebels withdrew from the northern town",
     "Whereupon rebels withdrew from the northern town", "Rebels withdrew from the northern town"),
])
def test_a_word_added_to_a_headline_list_changes_the_headline(copy_of_english, words, kind, clause, before, after):
    assert run_with(copy_of_english, TIDY, clause) == [before]
    add_cue(copy_of_english, words, kind)
    assert run_with(copy_of_english, TIDY, clause) == [after]


def test_a_hearer_verb_takes_who_heard_it(copy_of_english):
    clause = "Rebels withdrew from the northern town, officials assured reporters"
    add_cue(copy_of_english, "assured", "trailing_attribution")
    assert run_with(copy_of_english, TIDY, clause) == [clause]
    add_cue(copy_of_english, "assured", "hearer_verb")
    assert run_with(copy_of_english, TIDY, clause) == ["Rebels withdrew from the northern town"]


CLAUSES = ("from timeline.titles import clause_bounds\n"
           "print(json.dumps([[t[a:b] for a, b in clause_bounds(t)] for t in sys.argv[1:]]))")


@pytest.mark.parametrize("words, kind, sentence, cut", [
    ("yesterday", "speech_lead", "The army said yesterday that rebels withdrew from the town.", "The army said yesterday "),
    ("our", "speech_subject", "The army said on Tuesday our troops entered the town.", "The army said on Tuesday "),
    ("once", "temporal_conjunction", "The army entered the town once rebels withdrew from it.", "The army entered the town "),
    ("or", "coordinator", "Rebels withdrew from the town, or the army entered it.", "Rebels withdrew from the town, "),
    ("some", "subject_determiner", "Rebels withdrew from the town, and some soldiers entered it.",
     "Rebels withdrew from the town, "),
])
def test_a_word_added_to_a_clause_list_cuts_the_sentence(copy_of_english, words, kind, sentence, cut):
    assert run_with(copy_of_english, CLAUSES, sentence) == [[sentence]]
    add_cue(copy_of_english, words, kind)
    assert run_with(copy_of_english, CLAUSES, sentence) == [[cut, sentence[len(cut):]]]


def test_a_relative_pronoun_added_drops_its_clause_from_the_headline(copy_of_english):
    code = ("from timeline.titles import make_title\n"
            "t = sys.argv[1]\nprint(json.dumps(make_title(t, (t.index('on Monday'), t.index('on Monday') + 9))))")
    # ("whose" is among the language's own since it titles the happening of its clause; "whom" is not.)
    sentence = ("The militias, whom the government and its allies in the north have long wanted as partners in a truce, "
                "have withdrawn from the town on Monday.")
    assert "partners" in run_with(copy_of_english, code, sentence)
    add_cue(copy_of_english, "whom", "relative_pronoun")
    assert "partners" not in run_with(copy_of_english, code, sentence)


RANGES = ("from timeline.documents import Document\nfrom timeline.events import extract_events\n"
          "from timeline.sentences import split_sentences\nfrom timeline.temporal import TemporalExpression\n"
          "text = sys.argv[1]\n"
          "found = [TemporalExpression(text.index(d), text.index(d) + len(d), d, 'DATE', v) "
          "for d, v in (('3 May', '2016-05-03'), ('5 May', '2016-05-05'))]\n"
          "document = Document(name='doc.txt', text=text, published='2016-05-20', url='http://x')\n"
          "print(json.dumps([(e.start.isoformat(), e.end.isoformat()) "
          "for e in extract_events(document, split_sentences(text), found)]))")


@pytest.mark.parametrize("words, kind, sentence", [
    ("up to", "range_joiner", "The talks ran from 3 May up to 5 May in Geneva."),
    ("starting", "range_opener", "The talks ran starting 3 May to 5 May in Geneva."),
])
def test_a_word_added_to_a_range_list_makes_two_dates_one_range(copy_of_english, words, kind, sentence):
    assert ["2016-05-03", "2016-05-05"] not in run_with(copy_of_english, RANGES, sentence)
    add_cue(copy_of_english, words, kind)
    assert run_with(copy_of_english, RANGES, sentence) == [["2016-05-03", "2016-05-05"]]


def test_a_word_added_to_the_coming_period_list_puts_a_span_ahead(copy_of_english):
    code = ("from timeline.events import is_future_reference\nfrom timeline.temporal import TemporalExpression\n"
            "print(json.dumps(is_future_reference(TemporalExpression(0, 21, sys.argv[1], 'DURATION', 'PXW'))))")
    assert run_with(copy_of_english, code, "the approaching weeks") is False
    add_cue(copy_of_english, "approaching", "coming_period")
    assert run_with(copy_of_english, code, "the approaching weeks") is True


PLACES = ("from timeline.gazetteer import load_gazetteer\n"
          "print(json.dumps([m.text for m in load_gazetteer().find(sys.argv[1])[0]]))")


@pytest.mark.parametrize("words, kind, sentence, place", [
    ("beside", "place_preposition", "Fighters gathered beside Tell Hamam.", "Tell Hamam"),
    ("as well as", "place_joiner", "Air strikes on Kafr Sajna as well as al-Tah killed four.", "al-Tah"),
])
def test_a_word_added_to_a_place_list_makes_a_name_a_place(copy_of_english, words, kind, sentence, place):
    assert place not in run_with(copy_of_english, PLACES, sentence)
    add_cue(copy_of_english, words, kind)
    assert place in run_with(copy_of_english, PLACES, sentence)


def test_an_abbreviation_added_for_the_tagger_is_one_for_the_sentence_splitter_too(copy_of_english):
    code = ("from timeline.sentences import split_sentences\nfrom timeline.temporal.tense import _CLAUSE_END\n"
            "print(json.dumps([[s.text for s in split_sentences(sys.argv[1])], 'Cmdt' in _CLAUSE_END.pattern]))")
    text = "Troops led by Cmdt. Jones entered the town. Few were hurt."
    assert run_with(copy_of_english, code, text) == [["Troops led by Cmdt.", "Jones entered the town.", "Few were hurt."],
                                                     False]
    with open(copy_of_english / "words.tsv", "a", encoding="utf-8") as file:
        file.write("abbreviation\tCmdt\n")
    assert run_with(copy_of_english, code, text) == [["Troops led by Cmdt. Jones entered the town.", "Few were hurt."],
                                                     True]


ACTORS = ("from timeline.documents import Document\nfrom timeline.pipeline import process_document\n"
          "event = process_document(Document('doc.txt', sys.argv[1], published='2020-10-27')).events[0]\n"
          "print(json.dumps([event.actor1 and event.actor1.name, event.actor2 and event.actor2.name]))")


@pytest.mark.parametrize("words, kind, sentence, before, after", [
    ("got", "passive_auxiliary", "Rebels got attacked by the Islamic State in Saraqib on Monday.",
     ["Rebels", None], ["Islamic State", "Rebels"]),
    ("stressed", "source_verb", "The SDF stressed on Monday that rebels had captured the village of Umm Hadid.",
     ["Syrian Democratic Forces", "Rebels"], [None, "Rebels"]),
])
def test_a_word_added_to_an_actor_list_changes_who_acted(copy_of_english, words, kind, sentence, before, after):
    assert run_with(copy_of_english, ACTORS, sentence) == before
    add_cue(copy_of_english, words, kind)
    assert run_with(copy_of_english, ACTORS, sentence) == after


# One row per cue kind a stage reads (module, name of its pattern, kind, word added, text): the pattern's
# verdict on the text before and after the word is added to a copy of cues.tsv.
STAGE_WORDS = [
    ("events", "HABITUAL", "habitual", "ordinarily", "Rebels ordinarily attack on Fridays", False, True),
    ("events", "HABITUAL", "recurrence", "every other", "The market opens every other week", False, True),
    ("events", "HABITUAL", "recurring_period", "fortnight", "The market opens every fortnight", False, True),
    ("events", "GENERIC_TIME", "generic_time", "was when", "Dawn was when the shelling began", False, True),
    ("events", "COMPARISON_LEAD_IN", "comparison", "relative to", "exports rose relative to the level of ", False, True),
    ("events", "COMPARISON_DATE", "compared_period", "decade-ago", "the decade-ago level", False, True),
    ("events", "FUTURE", "planned", "is poised to", "The army is poised to enter the town", False, True),
    ("events", "SPAN_OF_TIME", "span_unit", "fortnights", "They held the town for two fortnights", False, True),
    ("events", "_SAME_TIME_BETWEEN", "same_time_joiner", "around", " around ", False, True),
    ("gazetteer", "PLACE_CUE", "place_cue", "hamlet called", "fighters entered the hamlet called ", False, True),
    ("gazetteer", "PLACE_CUE", "attack_noun", "sortie", "a sortie on ", False, True),
    ("gazetteer", "PLACE_CUE", "attack_verb", "torched", "militants torched ", False, True),
    ("gazetteer", "LOCATIVE", "locative", "beyond", "they fled beyond ", False, True),
    ("gazetteer", "LOCATIVE", "region_part", "upper", "fighting in upper ", False, True),
    ("gazetteer", "_KIND_AFTER", "region_kind", "canton", " canton", False, True),
    ("gazetteer", "_KIND_WORD", "kind_suffix", "bridge", " Manbij bridge", False, True),
    ("gazetteer", "_MODIFIED_AFTER", "frame_word", "tomorrow", " tomorrow", True, False),
    ("gazetteer", "_HELD_BY", "community", "Yazidi", "Yazidi villages", False, True),
    ("gazetteer", "_MADE_BY", "made_by", "besieged", "regime-besieged", False, True),
    ("gazetteer", "_ADJECTIVE_ENDING", "adjective_ending", "i", "Yemeni", False, True),
    ("coding", "_ACCORDING_BEFORE", "source_lead", "as stated by", "as stated by ", False, True),
    ("coding", "_TOLL_CLAUSE_AFTER", "toll_participle", "maiming", ", maiming", False, True),
    ("coding", "_AGENT_NOUN_AFTER", "weapon", "mortars", " mortars", False, True),
    ("coding", "_FACILITY_AFTER", "facility", "bank", " central bank", False, True),
    ("coding", "_DESTINATION_BEFORE", "way_out", "convoys", "convoys headed to ", False, True),
    ("coding", "_NOT_SUBJECT_BEFORE", "not_subject_before", "alongside", "alongside ", False, True),
    ("coding", "_HOLDER_BEFORE", "holding_verb", "surrounded", "surrounded by ", False, True),
    ("coding", "_ONE_CASUALTY", "person_noun", "imam", "killing a local imam", False, True),
    ("titles", "LEADING_ADVERBIALS", "leading_source", "citing", "Citing officials, rebels withdrew", False, True),
    ("titles", "SUBJECTLESS", "infinitive_marker", "in order to", "in order to retake the town", False, True),
    ("titles", "_COORDINATED", "same_subject_coordinator", "then", ", then captured the town", False, True),
]
VERDICTS = ("import importlib\n"
            "cases = json.loads(sys.argv[1])\n"
            "print(json.dumps([bool(getattr(importlib.import_module('timeline.' + m), p).search(t)) "
            "for m, p, _, _, t, _, _ in cases]))")


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory):
    """What each pattern of STAGE_WORDS says of its text with the English folder, then with all the
    words of STAGE_WORDS added to a copy of it (one run each: a run imports every stage)."""
    from conftest import ENGLISH
    import shutil

    folder = tmp_path_factory.mktemp("lexicon") / "en"
    shutil.copytree(ENGLISH, folder)
    before = run_with(folder, VERDICTS, json.dumps(STAGE_WORDS))
    for _, _, kind, words, _, _, _ in STAGE_WORDS:
        add_cue(folder, words, kind)
    return before, run_with(folder, VERDICTS, json.dumps(STAGE_WORDS))


@pytest.mark.parametrize("case", range(len(STAGE_WORDS)), ids=[f"{m}.{p}.{k}" for m, p, k, *_ in STAGE_WORDS])
def test_a_word_added_to_a_stage_list_changes_what_the_stage_reads(verdicts, case):
    module, pattern, kind, words, text, before, after = STAGE_WORDS[case]
    assert (verdicts[0][case], verdicts[1][case]) == (before, after), (module, pattern, kind, words, text)


@pytest.mark.parametrize("word, kind, test", [
    ("despite", "phrase_cut", "' ' + WORD + ' ' in titles.PHRASE_CUTS"),  # where a long headline may end
    ("beside", "last_resort_cut", "' ' + WORD + ' ' in titles.LAST_RESORT_CUTS"),
    ("sale", "common_word", "WORD in gazetteer.COMMON_WORDS"),
    ("sultan", "not_place_word", "WORD in gazetteer.NOT_PLACE_WORDS"),
    ("beyond", "function_word", "WORD in gazetteer._FUNCTION_WORDS"),
    ("bin", "name_connector", "WORD in gazetteer._NAME_CONNECTORS"),
])
def test_a_word_added_to_a_stage_word_set_is_in_it(copy_of_english, word, kind, test):
    code = f"from timeline import gazetteer, titles\nWORD = sys.argv[1]\nprint(json.dumps({test}))"
    assert run_with(copy_of_english, code, word) is False
    add_cue(copy_of_english, word, kind)
    assert run_with(copy_of_english, code, word) is True


def test_words_added_to_the_relation_lists_change_where_a_happening_is_named(copy_of_english):
    code = ("from timeline import derived\n"
            "print(json.dumps([bool(derived._apposition().match(sys.argv[1])), derived._TRAILING_JOIN.sub('', sys.argv[2])]))")
    arguments = (", attorney for the family, must", "the army struck the town yet")
    assert run_with(copy_of_english, code, *arguments) == [False, "the army struck the town yet"]
    add_cue(copy_of_english, "must", "apposition_auxiliary")
    add_cue(copy_of_english, "yet", "trailing_joiner")
    assert run_with(copy_of_english, code, *arguments) == [True, "the army struck the town"]


def test_a_kind_of_place_added_gives_its_category(copy_of_english):
    code = ("from timeline.gazetteer import _KIND_CATEGORY, _PLURAL_KIND\n"
            "print(json.dumps([_KIND_CATEGORY.get('canton'), bool(_PLURAL_KIND.match(' Cantons'))]))")
    assert run_with(copy_of_english, code) == [None, False]
    add_cue(copy_of_english, "canton", "area_kind")
    with open(copy_of_english / "words.tsv", "a", encoding="utf-8") as file:
        file.write("plural_place_kind\tCantons\tCanton\n")
    assert run_with(copy_of_english, code) == ["area", True]


def test_a_misspelt_kind_of_a_stage_word_is_one_line_naming_the_file_and_line(copy_of_english, tmp_path):
    add_cue(copy_of_english, "fortnights", "span_units")
    lines = (copy_of_english / "cues.tsv").read_text(encoding="utf-8").count("\n")
    article = tmp_path / "article.txt"
    article.write_text("Rebels held the town for two fortnights.\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "timeline", "build", str(article), "--published", "2016-01-01"],
                            cwd=ROOT, capture_output=True, text=True,
                            env={**os.environ, "TIMELINE_LANGUAGE": str(copy_of_english)})
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert result.stderr.startswith(f"Error: {copy_of_english / 'cues.tsv'}:{lines}: KIND must be one of"), result.stderr
    assert result.stderr.count("\n") == 1, result.stderr


TOY = ROOT / "tests" / "toy_language"


def test_every_stage_runs_a_build_in_a_language_without_their_words(tmp_path):
    """The toy language lists no cue words of the stages: each stage imports and a build runs, and the
    English words of the stages have no effect ("usually" makes no habit, "will" no plan, ", officials
    said" stays in the headline, "on" before a date too)."""
    (tmp_path / "a.txt").write_text("Ribeloj atakis la urbon je 3 Frimo 2016.\n"
                                    "Rebels usually attacked the town on 3 Frimo 2016, officials said.\n"
                                    "Rebels will attack the town on 14 Sekundo 2016.\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "timeline", "build", str(tmp_path), "--published", "2016-03-01",
                             "-f", "json"], cwd=ROOT, capture_output=True, text=True,
                            env={**os.environ, "TIMELINE_LANGUAGE": str(TOY)})
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    events = [(e["date"], e["title"], e["future"]) for e in json.loads(result.stdout)["events"]]
    assert events == [("2016-01-03", "Ribeloj atakis la urbon je", False),
                      ("2016-01-03", "Rebels usually attacked the town on, officials said", False),
                      ("2016-02-14", "Rebels will attack the town on", False)]
