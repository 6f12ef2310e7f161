"""The beginnings of a pattern's matches, by which the tagger skips the rules that cannot match at a place."""

import re

import pytest

from timeline.temporal import tagger
from timeline.temporal.firstchars import head, prefixes


@pytest.mark.parametrize("pattern, length, expected", [
    (r"the\s+year", 6, {"the ye"}),
    (r"(?:early|late)\s+(?:May|June)", 7, {"early m", "early j", "late ma", "late ju"}),
    (r"(?:early|late)\s*,?\s*May", 7, {"earlyma", "early m", "early,m", "early, ", "early ,", "latemay", "late ma",
                                         "late,ma", "late, m", "late ,m", "late , "}),
    (r"a?b", 2, {"ab", "b"}),
    # Every digit is written 0, and a repeated digit counts: "5th" begins "0t", "15th" begins "00".
    (r"[0-9]{1,2}th", 2, {"0t", "00"}),
    (r"[0-9]{1,4}\s*BC", 4, {"0 bc", "0bc", "00 b", "00bc", "000 ", "000b", "0000"}),
    (r"(?<![\w])\bDay", 3, {"day"}),
    (r"(?-i:JUNE)", 2, {"ju"}),
    (r"x+", 3, {"x", "xx", "xxx"}),
    # A look-ahead at the end of the pattern says how the text goes on; anywhere else it says nothing here.
    (r"[0-9]{1,2}(?=\s*-)", 4, {"0-", "0 -", "00-", "00 -"}),
    (r"(?:x|a(?=bc))", 3, {"x", "abc"}),
    (r"(?:a(?=b))c", 3, {"ac"}),
    (r"a(?=b)(?=c)", 3, {"ab"}),
    (r"(?:a(?=b))+", 3, {"a", "aa", "aaa"}),
])
def test_the_beginnings_of_a_pattern(pattern, length, expected):
    assert prefixes(pattern, length, re.IGNORECASE) == expected


@pytest.mark.parametrize("pattern", [r".year", r"(?:the)?", r"[^a]bc", r"(a)?\1x", r"\s*"])
def test_a_pattern_that_may_begin_with_anything_has_no_beginnings(pattern):
    assert prefixes(pattern, 4, re.IGNORECASE) is None


def test_the_head_of_a_place_reads_white_space_as_one_space_and_case_ignored():
    assert head("On  The\n\tYear", 4, 100, 6) == "the ye"
    assert head("the year", 0, 5, 6) is None  # the match may not reach past 5
    assert head("l’année", 0, 100, 3) is None  # outside ASCII: every rule is tried
    assert head("On 15 May 2016", 3, 100, 6) == "00 may"  # digits as 0, as prefixes writes them


def test_a_day_of_a_list_of_dates_tries_no_rule_that_needs_an_era_or_a_clock_after_its_number():
    text = "1 January 2011, 2 January 2011"
    tried = {tagger.RULES[i].name for i in tagger._rules_at("digit", text, 16, len(text))}
    assert "day_month" in tried
    assert not tried & {"era_year", "era_decade", "era_century", "clock24", "clock_date", "numeric_dmy",
                        "day_range_start"}


def test_every_match_of_a_rule_begins_with_one_of_its_beginnings():
    text = ("On 6 May 2016, two days later, late last August and early 2015, the 1990s, Tuesday night, "
            "the second  quarter a year ago, 10:30 a.m. on Friday, mid-March, next week, 3 years, daily, "
            "LAST WEEKEND, Sept. 27, the then current price, this spring, since 2011 until now, the\n3rd century BC, "
            "1939-1945, 24.08.2013, in the past two\tyears, a decade earlier, the following morning, Christmas Eve.")
    starts = [m.start() for m in re.finditer(r"(?<![\w'’])[\w'’]", text)]
    anywhere, index = tagger._prefix_index()
    matched = 0
    for i, pattern in enumerate(tagger._EXPANDED):
        heads = prefixes(pattern, tagger.PREFIX_LENGTH, re.IGNORECASE)
        single = tagger._single(i)
        for start in starts:
            if single.match(text, start, start + tagger.MATCH_REACH) is None:
                continue
            matched += 1
            key = head(text, start, start + tagger.MATCH_REACH, tagger.PREFIX_LENGTH)
            assert key is None or heads is None or any(key[:n] in heads for n in range(1, len(key) + 1)), (i, start)
            for cls in tagger.RULES[i].starts:
                assert i in tagger._rules_at(cls, text, start, start + tagger.MATCH_REACH)
    assert matched > 40


@pytest.mark.parametrize("pattern", [
    r"(?<![\w.,])(1[0-9]{3}|20[0-9]{2})(?![\w%])", r"\b(?:[Tt]oday|[Ll]ast week)\b", r"(?-i:BC|A\.D\.)",
    r"\s+ago", r"(?:’|')[0-9]0s", r"½|[0-9]+", r".year"])
def test_a_look_ahead_at_the_first_characters_changes_no_match(pattern):
    from timeline.temporal.firstchars import with_lookahead

    text = "In 1999,\ttoday  ago ’80s and '90s, Last week\u00a0ago, BC 1½ A.D. 2012 tomorrow.\nyear"
    plain = re.compile(pattern)
    ahead = with_lookahead(plain)
    assert [m.span() for m in ahead.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert ahead.pattern != plain.pattern or pattern == r".year"


def test_a_pattern_for_lower_ascii_finds_what_the_pattern_finds_ignoring_case():
    import random

    from timeline.gazetteer import _PLACE_CUE_AHEAD, _PLACE_CUE_LOWER
    from timeline.temporal.firstchars import for_lower_ascii, search_ignoring_case
    from timeline.titles import ATTRIBUTION, HEDGES

    words = ["According", "TO", "citing", "As", "Reported", "by", "REPORTEDLY", "allegedly", "near", "Outside",
             "village", "OF", "shelled", "the", "Town", "of", "attack", "on", ",", ".", ";", "Aleppo", "x1"]
    generator = random.Random(7)
    texts = [" ".join(generator.choice(words) for _ in range(generator.randint(0, 12))) for _ in range(3000)]
    for pattern in (ATTRIBUTION, HEDGES, _PLACE_CUE_AHEAD):
        lowered = _PLACE_CUE_LOWER if pattern is _PLACE_CUE_AHEAD else for_lower_ascii(pattern)
        assert lowered is not None
        for text in texts:
            assert [m.span() for m in lowered.finditer(text.lower())] == [m.span() for m in pattern.finditer(text)]
            assert search_ignoring_case(pattern, lowered, text) == (pattern.search(text) is not None)
    # Non-ASCII text is read by the pattern itself: the Kelvin sign is a k to it, not to lower().
    kelvin = re.compile("kelvin", re.IGNORECASE)
    assert search_ignoring_case(kelvin, for_lower_ascii(kelvin), "\u212aELVIN")


def test_no_pattern_for_lower_ascii_where_case_would_read_otherwise():
    from timeline.temporal.firstchars import for_lower_ascii

    assert for_lower_ascii(re.compile(r"[A-Z]\w+ said", re.IGNORECASE)) is None
    assert for_lower_ascii(re.compile("\u212aelvin", re.IGNORECASE)) is None  # k matches the Kelvin sign
    assert for_lower_ascii(re.compile("[\u0100-\u2200]x", re.IGNORECASE)) is None  # a range outside ASCII
    assert for_lower_ascii(re.compile(r"(?:\x41|b)c", re.IGNORECASE)) is None  # an upper-case letter escaped
    assert for_lower_ascii(re.compile("[^Q]", re.IGNORECASE)) is None
    assert for_lower_ascii(re.compile("(?-i:[a-z]+)-x", re.IGNORECASE)) is None  # minds case in part
    assert for_lower_ascii(re.compile("said")) is None  # minds case already
    assert for_lower_ascii(re.compile(r"\bsaid\s+\S", re.IGNORECASE)) is not None  # escapes are no letters
    # A character outside ASCII that no ASCII character matches reads alike: it is never in such a text.
    assert for_lower_ascii(re.compile("stra\u00dfe|rebels[\u2019']", re.IGNORECASE)) is not None


def test_clause_cuts_and_event_types_find_the_same_on_the_lower_case():
    import random

    from timeline.coding import load_event_types
    from timeline.titles import _CLAUSE_CUTS, _CLAUSE_CUTS_LOWER

    words = ["Rebels", "SAID", "said", "that", "where", "When", "after", "fighters", "Withdrew", "captured", "took",
             "control", "of", "the", "town", "air", "strike", "Shelling", "killed", "civilians", ",", "and", "sent",
             "—", ";", "rebels’", "Aleppo", "protesters", "Clashed", "entered", "Idlib", "a", "ceasefire", "agreed"]
    generator = random.Random(11)
    texts = [" ".join(generator.choice(words) for _ in range(generator.randint(1, 14))) for _ in range(3000)]
    pairs = [(pattern, lowered) for (pattern, _), (lowered, _) in zip(_CLAUSE_CUTS, _CLAUSE_CUTS_LOWER)]
    pairs += [(rule.pattern, rule.lowered) for rule in load_event_types(None)]
    assert sum(lowered is not None for _, lowered in pairs) >= 20
    for pattern, lowered in pairs:
        if lowered is None:
            continue
        for text in texts:
            assert [m.span() for m in lowered.finditer(text.lower())] == [m.span() for m in pattern.finditer(text)]
