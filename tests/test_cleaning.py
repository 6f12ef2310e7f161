import itertools
import re
from pathlib import Path

import pytest
from operations import lines_run

from timeline.cleaning import RulesError, clean, load_rules, parse_rules, summarise_dropped

ARTICLE = "Rebels captured the town on 6 May after a week of fighting. " * 5


def _kept_text(text, cleaned):
    return "\n".join(text[s:e] for s, e in cleaned.kept)


def test_comment_thread_is_dropped_with_everything_below():
    text = ARTICLE + "\n\nNotify of\nNewest Most Voted\nBill\nThe rebels started this on April 26.\n"
    cleaned = clean(text)
    assert "April 26" not in _kept_text(text, cleaned)
    assert cleaned.dropped[-1].reason == "comments"
    assert cleaned.dropped[-1].end == len(text)


@pytest.mark.parametrize("marker", ["Leave a Reply", "View all comments", "Comments", "12 Comments"])
def test_each_comment_marker_ends_the_article(marker):
    text = ARTICLE + f"\n{marker}\nGreat article, thanks.\n"
    assert "Great article" not in _kept_text(text, clean(text))


@pytest.mark.parametrize("heading", ["References", "Notes", "Sources", "External links", "References[edit]",
                                     "See also"])
def test_the_notes_and_sources_that_end_an_encyclopedia_page_are_no_article(heading):
    text = ARTICLE + f"\n{heading}\n^ \"Army retakes the district\". Reuters. 4 September 2016.\n"
    cleaned = clean(text)
    assert "4 September 2016" not in _kept_text(text, cleaned)
    assert cleaned.dropped[-1].reason == "references"


@pytest.mark.parametrize("marker", ["# # #", "###", "-ENDS-", "– ENDS –", "About UNICEF", "Notes to editors",
                                    "For more information please contact:", "Media contacts"])
def test_what_follows_a_press_release_is_no_article(marker):
    text = ARTICLE + f"\n{marker}\nUNICEF works in 190 countries and was founded on 11 December 1946.\n"
    cleaned = clean(text)
    assert "1946" not in _kept_text(text, cleaned)
    assert cleaned.dropped[-1].reason == "press release end"


@pytest.mark.parametrize("marker", ["Related topics", "More on this story", "Top stories", "Most read",
                                    "Related coverage", "Sponsored content"])
def test_the_lists_of_other_stories_that_end_a_news_page_are_no_article(marker):
    text = ARTICLE + f"\n{marker}\n- Gaza hospital running out of fuel, WHO warns 5 January 2024\n"
    cleaned = clean(text)
    assert "5 January 2024" not in _kept_text(text, cleaned)
    assert cleaned.dropped[-1].reason == "related stories"


@pytest.mark.parametrize("line", ["About 40 people were killed on Tuesday.", "About the same time, rebels left."])
def test_a_sentence_opening_with_about_is_the_article(line):
    text = ARTICLE + f"\n{line}\n"
    assert line in _kept_text(text, clean(text))


def test_a_comments_link_above_the_article_drops_only_its_line():
    text = "Comments\n" + ARTICLE
    cleaned = clean(text)
    assert ARTICLE.strip() in _kept_text(text, cleaned)
    assert [d.reason for d in cleaned.dropped] == ["comments"]


@pytest.mark.parametrize("line,reason", [
    ("2,500 $", "money figure"),
    ("$5", "money figure"),
    ("Click to see the full-size image", "image link"),
    ("south-hama-aid-convoy-11-16", "file name"),
    ("idlib-live-map-0508.jpg", "file name"),
    ("Support SouthFront", "support line"),
    ("Share on Facebook", "support line"),
    ("We've been working hard to bring you independent news from Ukraine. Become a member today.", "support line"),
    ("PHOTO: Rebel fighters preparing for a ground assault near Aleppo on Thursday", "caption"),
    ("A graphic depicting the new roster. Source.", "caption"),
    ("map of the attack. source (pro-rebel).", "caption"),
    ("See Syria Developing: Rebels Launch 2nd Stage of Aleppo Offensive", "cross-link"),
    ("16:40", "timestamp"),
    ("02:02 PM BST", "timestamp"),
    ("Families flee from the north of the city after the warning on Friday, Oct. 13, 2023, a week into the "
     "bombardment that has cut water and power to the whole of the strip and most of its hospitals. - AP Photo/Jane Doe",
     "caption"),
    ("LATEST", "section label"),
    ("This article was updated on 17 February 2025 to correct the name of the Humanitarian Coordinator.",
     "editorial note"),
    ("Editor's note: This story has been updated to include a statement from the army.", "editorial note"),
    ("© 2024 Newswire. All rights reserved.", "copyright"),
    ("Terms of Service Privacy Policy Cookie Policy © 2025 X Corp.", "copyright"),
    ("Get a look at tomorrow's news today: sign up for our newsletter.", "support line"),
    ("5 Interviews with local authorities and mine operators, Goma, 2 and 8 May 2024.", "citation"),
    ("1 Human Rights Watch telephone interview with a resident of Pazigyi, April 16, 2023.", "citation"),
    ('3 "Joint communiqué," Alliance of Sahel States, 28 January 2024.', "citation"),
    ("1 See UN OCHA, Hostilities in the Gaza Strip and Israel, Flash Update No. 104, 25 January 2024.", "citation"),
    ("Crisis Group interview, Ouagadougou, September 2024.", "citation"),
    ("Source: Baltic Dispatch, https://balticdispatch.example.eu/russia/prigozhin-plane-crash-tver-region-2023 "
     "(accessed 3 September 2023)", "citation"),
])
def test_line_rules(line, reason):
    text = ARTICLE + "\n" + line + "\n" + ARTICLE
    cleaned = clean(text)
    assert [d.reason for d in cleaned.dropped] == [reason]
    assert line not in _kept_text(text, cleaned)


@pytest.mark.parametrize("line", [
    "Support for the offensive grew among the tribes on Monday.",
    "He became a member of parliament in 2019.",
    "Finland applied in May 2022 to become a member.",
    "Related fighting broke out in Hama on Friday.",
    "More than 600 civilians were killed: the UN said on Friday that most were children.",
    "Shelling of artillery base",
    # dated lines that begin like a byline, a timeline entry or a page date
    "By Friday night, rebels had taken the hill.",
    "July 2012 - Rebels launch an offensive on Aleppo.",
    "Updated figures show 55 deaths on Thursday, the monitor said, after a week of shelling in the city.",
    "The report was updated on Monday with 12 more deaths.",
    "The copyright 2019 law was passed on Monday, and judges in five states said it would take effect.",
    # numbered lines of happenings, and interviews that are news
    "2 The state of emergency was extended by Parliament in February 2024.",
    "In an interview, the minister said troops had left Goma on Friday.",
])
def test_article_lines_that_look_like_rules_are_kept(line):
    text = ARTICLE + "\n" + line + "\n"
    assert line in _kept_text(text, clean(text))


def test_cleaning_never_alters_text_and_spans_point_into_it():
    text = "Headline\n\n" + ARTICLE + "\n0 $\n" + ARTICLE
    cleaned = clean(text)
    for start, end in cleaned.kept:
        assert text[start:end].strip() == text[start:end].strip()
        assert 0 <= start < end <= len(text)
    for dropped in cleaned.dropped:
        assert text[dropped.start:dropped.end].strip() == "0 $"


def test_user_rules_extend_the_built_in_ones(tmp_path: Path):
    rules = tmp_path / "rules.tsv"
    rules.write_text("# mine\nline\tnewsletter\tget our newsletter.*\nend\tfooter\tabout the author\n", encoding="utf-8")
    text = ARTICLE + "\nGet our newsletter every morning\n" + ARTICLE + "\nAbout the author\nShe wrote on 3 May.\n"
    cleaned = clean(text, load_rules(str(rules)))
    reasons = [d.reason for d in cleaned.dropped]
    assert reasons == ["newsletter", "footer"]
    assert "3 May" not in _kept_text(text, cleaned)


def test_bad_rules_file_names_file_and_line(tmp_path: Path):
    rules = tmp_path / "bad.tsv"
    rules.write_text("line\tok\tfine\ndrop this\n", encoding="utf-8")
    with pytest.raises(RulesError, match=r"bad.tsv:2"):
        load_rules(str(rules))
    with pytest.raises(RulesError, match="bad pattern"):
        parse_rules(["line\tx\t(unclosed"], "x.tsv")


def test_summary_counts_reasons():
    text = ARTICLE + "\n0 $\n5 $\n" + ARTICLE
    assert summarise_dropped(clean(text).dropped, text) == "money figure: 2 spans, 6 chars"
    assert summarise_dropped((), text) == "nothing"


def test_seed_captions_comments_and_widgets_are_dropped(seeds_dir):
    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        kept = _kept_text(text, clean(text))
        for junk in ("Source.", "source (pro-rebel)", "Notify of", "Bill Wilson", "2,500 $", "PHOTO:",
                     "Click to see", "south-hama-aid-convoy", "Support SouthFront"):
            assert junk not in kept, (path.name, junk)


@pytest.mark.parametrize("line", [
    "Smoke rises over Idlib on Tuesday. (AFP Photo/Omar Haj Kadour)",
    "Photo by Omar Haj Kadour/AFP",
    "Smoke over Idlib. Omar Haj Kadour/Getty Images",
    "Aftermath of a reported air strike in Aleppo's Halak district (1 May 2014) Image copyright AFP",
    "Image caption The market was packed with shoppers at the time of the air strike",
    "Image source, Reuters",
    "Protesters shout slogans in Tahrir Square in Cairo December 23, 2011. REUTERS/Mohamed Abd El-Ghany",
])
def test_photo_credits_are_captions(line):
    text = ARTICLE + "\n" + line + "\n" + ARTICLE
    assert [d.reason for d in clean(text).dropped] == ["caption"]


@pytest.mark.parametrize("line,reason", [
    ("Updated: 12 March 2019 14:05 GMT", "page metadata"),
    ("Published on 14 December 2018", "page metadata"),
    ("By John Smith, Levant Wire", "page metadata"),
    ("By Ahmad al-Khatib and Sara Jones", "page metadata"),
    ("Source: Thomson Reuters Foundation - Fri, 29 Jul 2011 14:38 GMT", "page metadata"),
    ("Author: Reuters", "page metadata"),
])
def test_page_metadata_and_bylines_are_not_article(line, reason):
    text = ARTICLE + "\n" + line + "\n" + ARTICLE
    assert [d.reason for d in clean(text).dropped] == [reason]


PAGE_DATES = ["Thursday, 14 December 2018", "12/14/2018 10:32 am", "14 December", "Sat Jan 14, 2012 1:53am IST"]


@pytest.mark.parametrize("line", PAGE_DATES)
def test_a_date_alone_in_the_head_of_a_page_is_not_article(line):
    text = "Rebels take the town\n" + line + "\n" + ARTICLE
    assert [d.reason for d in clean(text).dropped] == ["page date"]


@pytest.mark.parametrize("line", PAGE_DATES)
def test_a_date_alone_below_the_article_text_heads_a_section(line):
    """A timeline or a live blog puts each day's date on a line above what happened that day."""
    text = ARTICLE + "\n" + line + "\n" + ARTICLE
    cleaned = clean(text)
    assert cleaned.dropped == ()
    assert any(start <= text.index(line) and text.index(line) + len(line) <= end for start, end in cleaned.kept)


def test_a_dateline_alone_on_its_line_is_dropped():
    text = ARTICLE + "\nBRUSSELS, December 2 (Xinhua) --\n" + ARTICLE
    assert [d.reason for d in clean(text).dropped] == ["dateline"]


@pytest.mark.parametrize("pattern", [
    r"(\w+) \1 chant",  # a backreference: the rules cannot be joined into one pattern
    r"(?P<word>\w+) (?P=word) chant",
    r"(?s)\w+ \w+ chant",  # a flag inside: the same
    r"\w+ \w+ chant",
])
def test_user_rules_of_any_form_drop_their_lines_and_the_first_rule_wins(pattern):
    rules = parse_rules(["line\twidget\t(share|like) this", f"line\tchant\t{pattern}", "line\tlater\tthe chant.*"], "mine.tsv")
    text = ARTICLE + "\nwar war chant\n" + ARTICLE + "\nShare this\nThe chant of war rose on 3 May.\n"
    cleaned = clean(text, rules)
    assert [d.reason for d in cleaned.dropped] == ["chant", "widget", "later"]
    assert "3 May" not in _kept_text(text, cleaned) and "Rebels captured" in _kept_text(text, cleaned)


def test_a_dropped_caption_does_not_anchor_the_next_sentence():
    from timeline.documents import Document
    from timeline.pipeline import process_document

    text = ("Rebels took the town on 3 March 2016.\n\n"
            "PHOTO: Rebel fighters preparing for a ground assault near Aleppo on 10 May 2015\n\n"
            "The army shelled the town two days later.\n")
    result = process_document(Document(name="a.txt", text=text, published="2016-03-20"))
    assert [event.date for event in result.events] == ["2016-03-03", "2016-03-05"]


# The page date rule as first written (with the time zones added since): numbers of up to four digits, which
# a failing match may cut in every way. The shipped rule reads a digit at a time; it must drop exactly the same lines.
_PAGE_DATE_AS_WRITTEN = re.compile(
    r"(?=.*\d)(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may"
    r"|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|\d{1,4}(?:st|nd|rd|th)?"
    r"|[:.,/\-–]|am|pm|gmt|utc|bst|wet|west|est|cest|eest|edt|ct|cst|cdt|mst|msk|mdt|ast|ist|pt|pst|pdt|et|\s){3,}",
    re.IGNORECASE)
# Pieces whose joins are where the two could differ: numbers of every length with and without their
# suffix, a suffix that begins a weekday ("1thursday"), a month that may take a weekday's first letter
# ("septuesday"), counts of pieces on either side of three, and words that end any match.
_PAGE_DATE_PIECES = ("1", "12", "2016", "12345", "st", "th", "ursday", "thursday", "Tuesday", "sep", "sept", "t",
                     "June", "jun", "e", " ", "  ", ":", "–", "am", "GMT", "IST", "est", "x", "Rebels")


def test_the_page_date_rule_drops_the_lines_it_dropped_as_first_written():
    rule = next(r for r in load_rules(None) if r.reason == "page date")
    lines = ["".join(parts) for size in (1, 2, 3) for parts in itertools.product(_PAGE_DATE_PIECES, repeat=size)]
    lines += ["1 January 2011: Rebels captured Aleppo.", "Monday, 12 March 2016 10:45 GMT", "2016-05-09 10:00 utc",
              "Posted 3rd sept 2014", "12 12 12", "12.", "1.", "12345 x", "Thursday 1thursday 2"]
    differ = [line for line in lines if rule.matches(line) != bool(_PAGE_DATE_AS_WRITTEN.fullmatch(line.strip()))]
    assert not differ
    assert sum(rule.matches(line) for line in lines) > 1000  # the pieces make page dates, not only text


def test_the_joined_test_of_a_whole_line_agrees_with_the_rules_one_by_one():
    import random

    from timeline.cleaning import LINE_ACTIONS, _any_line

    rules = tuple(rule for rule in load_rules(None) if rule.action in LINE_ACTIONS)
    words = ["Photo", "PHOTO:", "AFP", "Getty Images", "click", "to", "enlarge", "Share", "on", "Facebook",
             "By", "John", "Smith", "BEIRUT,", "Dec", "14", "(Reuters)", "—", "comments", "(3)", "Read", "more:",
             "Rebels", "took", "Aleppo", "12:30", "GMT", "Updated", "Advertisement", "x-y-z", "$5", "é", "\u212a"]
    generator = random.Random(3)
    lines = [" ".join(generator.choice(words) for _ in range(generator.randint(1, 7))) for _ in range(4000)]
    joined = _any_line(rules)
    assert joined is not None
    for line in lines:
        assert joined.fullmatch(line) == any(rule.matches(line) for rule in rules), line


def test_a_caption_seen_again_without_its_credit_goes_with_it():
    """A page copy gives a photo's text above it and again as its caption with the credit below it."""
    caption = "The ruins of a market in the old town after an air strike on 22 March 2017."
    text = f"{caption}\n\nRuins and rubble\n\n{caption} © Jane Doe/Agency\n\n{ARTICLE}\n"
    cleaned = clean(text)
    assert [d.reason for d in cleaned.dropped] == ["caption", "caption"]
    assert [d.start for d in cleaned.dropped] == [0, text.index(caption, 1)]
    assert "22 March 2017" not in _kept_text(text, cleaned)
    short = "Ruins of the market."  # too short to be told from a line of the article
    text = f"{short}\n\n{short} © Jane Doe/Agency\n\n{ARTICLE}\n"
    assert [d.start for d in clean(text).dropped] == [text.index(short, 1)]


def test_a_page_of_captions_that_open_alike_is_cleaned_in_time_linear_in_its_captions():
    """Each paragraph was compared to every caption opening with the same words: 2 MB of a gallery's
    captions, each beside a line that opens like it, took 10 seconds to clean, 8 MB would take minutes."""
    def page(photos):
        return "".join(f"The ruins of a market in the old city of Aleppo were seen, said witness {number}.\n"
                       f"The ruins of a market in the old city of Aleppo were seen after strike {number}. (AFP photo)\n"
                       for number in range(photos))

    clean(page(10))  # the rules are compiled at the first call
    (few, work_few), (many, work_many) = lines_run(clean, page(100)), lines_run(clean, page(400))
    assert [len(few.kept), len(few.dropped), len(many.kept), len(many.dropped)] == [100, 100, 400, 400]
    assert work_many <= 5 * work_few, (work_few, work_many)
