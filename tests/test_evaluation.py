"""The TimeML reader and the TempEval-3 Task A scorer, on small hand-made cases."""
import re

import pytest

from timeline.evaluation.scorer import match_spans, score_documents, score_spans, top_errors
from timeline.evaluation.timeml import GoldTimex, TimemlError, parse_timeml

TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>X1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" functionInDocument="CREATION_TIME">19980108</TIMEX3></DCT>
<TEXT>
Prices <EVENT eid="e1">rose</EVENT> &amp; fell <TIMEX3 tid="t1" type="DATE" value="1998-01-07">yesterday</TIMEX3>,
for <TIMEX3 tid="t2" type="DURATION" value="P3D" mod="MORE_THAN">more than three days</TIMEX3>.
</TEXT>
</TimeML>
"""


def T(start, end, type="DATE", value="1998", text=""):
    return GoldTimex(start, end, text, type, value)


def test_reader_strips_tags_and_unescapes_and_keeps_offsets():
    doc = parse_timeml(TML, "x.tml")
    assert doc.dct == "1998-01-08"
    assert "&amp;" not in doc.text and "rose & fell" in doc.text
    first, second = doc.timexes
    assert doc.text[first.start:first.end] == first.text == "yesterday"
    assert (first.type, first.value) == ("DATE", "1998-01-07")
    assert doc.text[second.start:second.end] == "more than three days"
    assert second.mod == "MORE_THAN"


def test_reader_rejects_broken_xml_with_the_file_name():
    with pytest.raises(TimemlError, match="bad.tml"):
        parse_timeml("<TimeML><TEXT>", "bad.tml")


def test_exact_spans_match_strictly_and_relaxed():
    s = score_spans("d", [T(0, 5)], [T(0, 5)])
    assert (s.strict, s.relaxed, s.value, s.type) == (1, 1, 1, 1)
    assert s.strict_f1 == s.relaxed_f1 == s.value_f1 == 1.0


def test_overlap_is_relaxed_not_strict():
    s = score_spans("d", [T(0, 10)], [T(4, 8)])
    assert (s.strict, s.relaxed) == (0, 1)
    assert s.strict_f1 == 0.0 and s.relaxed_f1 == 1.0


def test_touching_spans_do_not_overlap():
    s = score_spans("d", [T(0, 5)], [T(5, 9)])
    assert s.relaxed == 0 and s.relaxed_precision == 0.0 and s.relaxed_recall == 0.0


def test_relaxed_matching_is_one_to_one():
    # One long system span overlapping two gold spans counts once.
    s = score_spans("d", [T(0, 4), T(6, 10)], [T(0, 10)])
    assert s.relaxed == 1
    assert s.relaxed_precision == 1.0 and s.relaxed_recall == 0.5


def test_exact_partner_is_preferred_over_a_mere_overlap():
    matches = match_spans("d", [T(0, 10), T(12, 20)], [T(8, 14), T(12, 20)])
    pairs = {(m.gold.start if m.gold else None, m.system.start if m.system else None) for m in matches}
    assert (12, 12) in pairs and (0, 8) in pairs


def test_attribute_f1_is_relaxed_f1_times_accuracy():
    gold = [T(0, 4, value="1998"), T(10, 14, value="1999"), T(20, 24, type="DURATION", value="P1Y"), T(30, 34)]
    system = [T(0, 4, value="1998"), T(10, 13, value="2000"), T(20, 24, type="DATE", value="P1Y"), T(40, 44)]
    s = score_spans("d", gold, system)
    assert (s.relaxed, s.strict, s.value, s.type) == (3, 2, 2, 2)
    assert s.relaxed_precision == s.relaxed_recall == 0.75
    assert s.value_f1 == pytest.approx(0.75 * 2 / 3)
    assert s.type_f1 == pytest.approx(0.75 * 2 / 3)


def test_empty_sides_give_zero_not_an_error():
    s = score_spans("d", [], [])
    assert s.strict_f1 == s.relaxed_f1 == s.value_f1 == 0.0


def test_corpus_totals_and_date_only_scores():
    total, dates = score_documents([
        ("a", [T(0, 4), T(5, 9, type="DURATION", value="P1D")], [T(0, 4, value="1997"), T(5, 9, type="DURATION", value="P1D")]),
        ("b", [T(0, 4)], [T(0, 4)]),
    ])
    assert (total.gold, total.system, total.relaxed, total.value) == (3, 3, 3, 2)
    assert (dates.gold, dates.system, dates.relaxed, dates.value) == (2, 2, 2, 1)
    assert dates.value_f1 == pytest.approx(0.5)


def test_top_errors_names_each_kind():
    s = score_spans("d", [T(0, 4, text="1998"), T(10, 20, text="last week", value="1998-W01")],
                    [T(10, 14, text="last", value="1998-W02"), T(30, 34, text="1070")])
    errors = top_errors(s)
    assert errors["missed"][0][0].startswith("'1998'")
    assert errors["spurious"][0][0].startswith("'1070'")
    assert errors["extent"] and errors["value"]


NESTED = """<?xml version="1.0" encoding="UTF-8"?>
<TimeML>
<DCT><TIMEX3 tid="t0" type="TIME" value="2009-12-19T17:00:00" functionInDocument="CREATION_TIME">2009-12-19T17:00:00</TIMEX3></DCT>
<TEXT>
<TIMEX3 tid="t1" type="DATE" value="FUTURE_REF">Sometime after <TIMEX3 tid="t2" type="DATE" value="BC0490">490 BC</TIMEX3></TIMEX3>, Darius died.
<TIMEX3 tid="t3" type="" value="">a period of <TIMEX3 tid="t4" type="DURATION" value="P12M">twelve months</TIMEX3> of <EVENT eid="e1">war</EVENT></TIMEX3> followed;
the <TIMEX3 tid="t5" type="DATE" value="194">1940s</TIMEX3>, the <TIMEX3 tid="t6" type="DATE" value="19">twentieth century</TIMEX3>,
<TIMEX3 tid="t7" type="DATE" value="PRESENT_REF">now</TIMEX3>, <TIMEX3 tid="t8" type="DATE" value="PAST_REF">former</TIMEX3>,
<TIMEX3 tid="t9" type="DATE" value="1944-SU">the summer of 1944</TIMEX3>, <TIMEX3 tid="t10" type="DURATION" value="P3Y">three years</TIMEX3>
and <TIMEX3 tid="t11" type="DATE" value="BC0479-WI"><TIMEX3 tid="t12" type="DATE" value="BC0479">479 BC</TIMEX3></TIMEX3>.
</TEXT>
</TimeML>
"""


def test_reader_keeps_both_levels_of_nested_timexes_with_their_offsets():
    doc = parse_timeml(NESTED, "nested.tml")
    assert doc.dct == "2009-12-19T17:00:00"
    spans = [(doc.text[t.start:t.end], t.value) for t in doc.timexes]
    assert spans == [
        ("Sometime after 490 BC", "FUTURE_REF"), ("490 BC", "BC0490"),
        ("a period of twelve months of war", ""), ("twelve months", "P12M"),
        ("1940s", "194"), ("twentieth century", "19"), ("now", "PRESENT_REF"), ("former", "PAST_REF"),
        ("the summer of 1944", "1944-SU"), ("three years", "P3Y"),
        ("479 BC", "BC0479"), ("479 BC", "BC0479-WI"),
    ]
    assert all(doc.text[t.start:t.end] == t.text for t in doc.timexes)
    assert "<" not in doc.text and "Darius died" in doc.text


def test_values_outside_timex3_are_compared_as_written():
    # TIMEX2-style gold (BC years, decades, centuries, seasons, _REF) scores like any other value.
    doc = parse_timeml(NESTED, "nested.tml")
    s = score_spans("d", doc.timexes, doc.timexes)
    assert s.strict == s.relaxed == len(doc.timexes) == 12
    # The gold without a value ("a period of twelve months of war") counts for spans only.
    assert s.value == s.valued == s.type == s.typed == 11 and s.value_f1 == s.type_f1 == 1.0
    wrong = [GoldTimex(t.start, t.end, t.text, t.type, "2009") for t in doc.timexes]
    s = score_spans("d", doc.timexes, wrong)
    assert s.value == 0 and s.relaxed == len(doc.timexes)


def test_nested_gold_pairs_a_system_span_with_the_level_it_fits():
    doc = parse_timeml(NESTED, "nested.tml")
    inner = [t for t in doc.timexes if t.text in ("490 BC", "twelve months")]
    outer = [t for t in doc.timexes if t.text.startswith(("Sometime", "a period"))]
    # A system span a little wider than the inner gold is closer to it than to the outer one.
    system = [GoldTimex(t.start - 1, t.end, " " + t.text, t.type, t.value) for t in inner]
    s = score_spans("d", inner + outer, system)
    assert s.relaxed == 2 and s.value == 2
    assert {m.gold.text for m in s.matches if m.system is None} == {t.text for t in outer}
    # Between gold of the very same extent, the system span goes to the one whose value it has.
    winter = [t for t in doc.timexes if t.text == "479 BC"]
    for value in ("BC0479", "BC0479-WI"):
        t = winter[0]
        s = score_spans("d", winter, [GoldTimex(t.start, t.end, t.text, "DATE", value)])
        assert (s.strict, s.value) == (1, 1)


def test_a_gold_span_that_starts_with_the_one_it_holds_is_still_an_outer_level():
    gold = [T(0, 20, value="FUTURE_REF"), T(0, 6, value="BC0490")]
    s = score_spans("d", gold, [T(0, 8, value="BC0490")])
    assert s.relaxed == s.value == 1
    assert [m.gold.value for m in s.matches if m.system is None] == ["FUTURE_REF"]


def _corpus(folder, documents):
    """Write one TimeML file per (name, dct, text with TIMEX3 markup) into ``folder``."""
    for name, dct, body in documents:
        (folder / f"{name}.tml").write_text(
            f'<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="{dct}">{dct}</TIMEX3></DCT>'
            f"<TEXT>{body}</TEXT></TimeML>", encoding="utf-8")
    return folder


def _tagger_from(answers):
    """A stand-in tagger that returns, for each text, the spans listed for the word they cover."""
    def tag(text, dct=None):
        return [GoldTimex(text.index(word), text.index(word) + len(word), word, type, value)
                for word, (type, value) in answers.items() if word in text]
    return tag


def test_scores_by_document_add_up_to_the_totals_and_rank_the_worst_first(tmp_path):
    from timeline.evaluation import evaluate_corpus
    _corpus(tmp_path, [
        ("good", "1998-01-08", 'On <TIMEX3 tid="t1" type="DATE" value="1998-01-07">Wednesday</TIMEX3>.'),
        ("bad", "1998-01-08", 'In <TIMEX3 tid="t1" type="DATE" value="1944-06">June</TIMEX3> and '
                              '<TIMEX3 tid="t2" type="DATE" value="1944-07">July</TIMEX3>.'),
        ("empty", "1998-01-08", "Nothing here."),
    ])
    tag = _tagger_from({"Wednesday": ("DATE", "1998-01-07"), "June": ("DATE", "1998-06"), "July": ("DATE", "1944-07")})
    result = evaluate_corpus(tmp_path, tag=tag)
    assert set(result.by_document) == {"good.tml", "bad.tml", "empty.tml"}
    assert sum(s.gold for s in result.by_document.values()) == result.total.gold == 3
    assert sum(s.value for s in result.by_document.values()) == result.total.value == 2
    rows = result.document_table()
    assert [row[0] for row in rows] == ["bad.tml", "good.tml", "empty.tml"]
    assert rows[0] == ("bad.tml", "2", "2", "1", "2", "1.0000", "1.0000", "0.5000")
    assert rows[2][5:] == ("-", "-", "-")
    assert result.document_table(1) == rows[:1]


def test_evaluate_prints_the_documents_that_lose_the_most(tmp_path):
    from click.testing import CliRunner
    from timeline.cli import cli
    _corpus(tmp_path, [(f"d{n:02d}", "1998-01-08", f'In <TIMEX3 tid="t1" type="DATE" value="1998">1998</TIMEX3> '
                        f'and <TIMEX3 tid="t2" type="DATE" value="1996">that year</TIMEX3> {n}.') for n in range(12)])
    result = CliRunner().invoke(cli, ["evaluate", str(tmp_path), "--errors", "0"])
    assert result.exit_code == 0, result.output
    assert "the 10 documents that lose the most (--per-document for all)" in result.stdout
    assert sum(f"d{n:02d}.tml" in result.stdout for n in range(12)) == 10
    # "that year" is tagged with the DCT's year where the gold has the story's: anchoring, in every document.
    assert "wrong values by class (12 of 24 matched gold values)" in result.stdout
    assert re.search(r"anchoring +12 +100\.0% +12", result.stdout)
    assert "'that year' gold 1996 / ours 'that year' 1998" in result.stdout
    result = CliRunner().invoke(cli, ["evaluate", str(tmp_path), "--errors", "0", "--per-document"])
    assert result.exit_code == 0, result.output
    assert "by document" in result.stdout and all(f"d{n:02d}.tml" in result.stdout for n in range(12))


def test_evaluate_shows_a_document_named_with_escapes_escaped(tmp_path):
    """A downloaded corpus names its files: a name with escapes or a right-to-left override must not
    act on the terminal or turn its row around."""
    from click.testing import CliRunner
    from output_readers import read_table

    from timeline.cli import cli
    _corpus(tmp_path, [("\u202egnp\x1b]0;pwned\x07\x9b31m", "1998-01-08",
                        'In <TIMEX3 tid="t1" type="DATE" value="1996">that year</TIMEX3>.')])
    result = CliRunner().invoke(cli, ["evaluate", str(tmp_path)])
    assert result.exit_code == 0, result.output
    read_table(result.stdout.encode("utf-8"))
    assert "\u202e" not in result.stdout
    assert result.stdout.count("\\u202egnp\\x1b]0;pwned\\x07\\x9b31m.tml") == 2  # its row, and its example
