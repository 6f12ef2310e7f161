import json
import time

import pytest
from click.testing import CliRunner

from timeline.cli import cli
from timeline.documents import make_document
from timeline.readers.dateline import (
    HEAD_LINES,
    DatelineWordsError,
    find_dateline,
    parse_dateline_words,
)

TITLE = "Rebels push into the southern countryside as talks stall"
BODY = ("Opposition fighters said they had taken two villages overnight, and the army said "
        "it was sending reinforcements from Hama.")


def head(*lines: str) -> str:
    return "\n".join((TITLE, *lines, "", BODY, ""))


@pytest.mark.parametrize("text, expected", [
    # Forms pages print.
    (head("Wed 05 Apr 2017"), "2017-04-05"),
    (head("Published October 31 2014"), "2014-10-31"),
    (head("Published: 31st October 2014"), "2014-10-31"),
    (head("24.08.2013"), "2013-08-24"),
    (head("16-09-2013"), "2013-09-16"),
    (head("Monday 12 March 2018 10.42 GMT"), "2018-03-12"),
    (head("Updated 2017-04-05T10:00Z"), "2017-04-05"),
    (head("March 3, 2018 at 4:15 pm"), "2018-03-03"),
    (head("By John Smith | 5 April 2017"), "2017-04-05"),
    (head("By Ahmad al-Khatib and Sara Jones", "5 April 2017"), "2017-04-05"),
    (head("Posted on 2016-11-04 by admin"), "2016-11-04"),
    (head("AFP, Friday 7 April 2017"), "2017-04-07"),
    (head("Middle East | Thu, Apr 6, 2017"), "2017-04-06"),
    (head("Published:", "April 2017"), "2017-04"),
    (head("05.04.17"), "2017-04-05"),
    (head("Fri 4 Nov 2016 - 08:30 EET"), "2016-11-04"),
    (head("Posted 5 April 2017, Wednesday, 4 pm"), "2017-04-05"),
    (head("Posted 5 April 2017, Thursday, 4 pm"), None),
    (head("Updated 5 April 2017 10:00 (GMT+3)"), "2017-04-05"),
    # Wire datelines open the body's first line.
    ("BEIRUT, Oct. 27, 2014 (Reuters) - Syrian rebels shelled a government-held district.", "2014-10-27"),
    (head("DAMASCUS, Friday, 7 April 2017 (SANA) - The army said its units advanced."), "2017-04-07"),
    ("QAMISHLI, Syria, March 12 2018 (AP) — Kurdish officials said the border was shut.", "2018-03-12"),
    ("GOMA, Democratic Republic of Congo, Jan 24, 2025 (Reuters) - Rebels seized the town of Sake on Thursday.",
     "2025-01-24"),
    (head("PRESS RELEASE | GENEVA, 12 March 2024"), "2024-03-12"),
    (head("PORT SUDAN/ROME/NEW YORK, 12 March 2025 - The agencies warned on Wednesday."), "2025-03-12"),
    (head("News - BEIRUT, 5 April 2017"), "2017-04-05"),
    # In brackets, as reports write it.
    (head("(Beirut, June 10, 2019) – Strikes on markets killed at least 47 civilians in May."), "2019-06-10"),
    (head("(The talks of June 10, 2019) – what they agreed."), None),
    # A wire dateline without a year takes it only from firm evidence beside it.
    ("BEIRUT, Oct. 27 (Reuters) - Syrian rebels shelled a government-held district.", None),
    (head("Updated 28 October 2014", "BEIRUT, Oct. 27 (Reuters) - Syrian rebels shelled the district."),
     "2014-10-27"),
    (head("Updated 2 January 2015", "BEIRUT, Dec. 31 (Reuters) - Syrian rebels shelled the district."),
     "2014-12-31"),
    (head("© 2014 Reuters", "BEIRUT, Oct. 27 (Reuters) - Syrian rebels shelled the district."), "2014-10-27"),
    (head("BEIRUT, Oct. 27 (Reuters) - Rebels said on 6 May 2013 that they had taken the town."), None),
    # Published wins over updated, whichever comes first.
    (head("Updated 6 April 2017", "Published 5 April 2017"), "2017-04-05"),
    (head("Published 5 April 2017, last modified 9 April 2017"), "2017-04-05"),
    (head("Last updated: 3 hours ago | Posted 5 April 2017"), "2017-04-05"),
    (head("April 5, 2017 / 4:15 PM / Updated 2 hours ago"), "2017-04-05"),
    (head("February 4, 2025 2:17 PM GMT Updated 2 hours ago"), "2025-02-04"),
    (head("Updated 17 June 2025, 16:48 EAT"), "2025-06-17"),
    (head("Updated 9 April 2017"), "2017-04-09"),
    # Numeric dates whose order only evidence tells.
    (head("12/03/2018"), None),
    (head("03/04/2017"), None),
    (head("6-09-2013"), None),
    (head("12/25/2017"), "2017-12-25"),
    (head("25/12/2017"), "2017-12-25"),
    (head("Posted 12/03/2018 | Updated 13/03/2018"), "2018-03-12"),
    (head("Tue 03/04/2018"), "2018-04-03"),
    # Not datelines, or not plausible ones.
    (head("Last updated 3 hours ago"), None),
    (head("Updated 35 minutes ago"), None),
    (head("Wed 06 Apr 2017"), None),
    (head("Wed 06 Apr 2017", "Published 6 April 2017"), "2017-04-06"),
    (head("31 February 2017"), None),
    (head("5 April 1850"), None),
    (head("5 April 2999"), None),
    (head("13/13/2017"), None),
    (head("On 6 May, the Jaysh al-Fatah rebel coalition captured the southern towns."), None),
    (head("On 6 May 2016, rebels captured the southern towns after a week of fighting."), None),
    ("The 2011 uprising, ten years on\n\n" + BODY, None),
    ("Syria's war: what changed after March 2011\n\n" + BODY, None),
    (head("Rebels seized the town on Thursday, 5 April 2017, and held it for a week."), None),
    (head("April 2017"), None),
    ("Ghouta remembered - 21 August 2013\n\n" + BODY, None),
    ("Published 5 April 2017\n" + BODY, "2017-04-05"),
    (head(*(["The army said fighting went on."] * 28), "5 April 2017"), None),
    ("", None),
    ("5 April", None),
])
def test_datelines(text, expected):
    found = find_dateline(text)
    assert (found.published if found else None) == expected


def test_a_dateline_gives_where_it_stands():
    text = head("Published 5 April 2017")
    found = find_dateline(text)
    assert text[found.start:found.end] == "Published 5 April 2017"
    wire = "BEIRUT, Oct. 27, 2014 (Reuters) - Syrian rebels shelled a district."
    found = find_dateline(wire)
    assert wire[found.start:found.end] == "BEIRUT, Oct. 27, 2014 (Reuters) -"


@pytest.mark.parametrize("language, expected", [
    ("de", "2018-03-12"), ("en-GB", "2018-03-12"), ("en-US", "2018-12-03"), ("en", None), ("", None),
])
def test_the_language_orders_day_and_month_when_the_text_does_not(language, expected):
    found = find_dateline(head("12/03/2018"), language=language)
    assert (found.published if found else None) == expected


def test_a_dateline_below_the_head_is_not_read():
    lines = [f"Line {n} of a long page header." for n in range(HEAD_LINES)]
    assert find_dateline(head(*lines, "5 April 2017")) is None
    assert find_dateline(head(*lines[:2], "5 April 2017")).published == "2017-04-05"


def test_a_copied_menu_takes_no_line_of_the_head():
    # A page copied from the browser brings its menu, an item a line, above the title and the date line.
    menu = ["Skip to main content", "World", "Middle East", "Africa", "Americas", "Business", "Markets", "Sign In",
            "Subscribe", "Middle East"]
    text = head(*menu, "Syrian rebels launch biggest offensive in years", "By Staff Reporter",
                "Published: 30 November 2024 18:40 GMT")
    assert find_dateline(text).published == "2024-11-30"
    # lines of a header's own words still count
    lines = [f"Line {n} of a long page header." for n in range(HEAD_LINES)]
    assert find_dateline(head(*menu, *lines, "Published: 30 November 2024")) is None


def test_a_copied_stamp_with_its_clock_and_label_glued_on_is_read():
    # A copy of a page's stamp loses the spaces between its pieces: "20244:12 PM GMTUpdated".
    text = head("Syrian rebels launch offensive", "November 28, 20244:12 PM GMTUpdated 2 hours ago")
    found = find_dateline(text)
    assert found.published == "2024-11-28"
    assert text[found.start:found.end].startswith("November 28, 2024")


def test_a_dateline_run_into_the_title_after_it_is_read():
    # A report printed to PDF gives its dateline and the title of its first section on one line.
    text = "Dakar/Brussels, 10 October 2024 What's new? The junta has tightened its grip.\n\n" + BODY
    found = find_dateline(text)
    assert found.published == "2024-10-10"
    assert text[found.start:found.end].rstrip() == "Dakar/Brussels, 10 October 2024"
    # Not a date without its year or its day, nor one a place does not open.
    for line in ("Dakar, 10 October What's new?", "Dakar, October 2024 What's new?", "On 10 October 2024 Rebels"):
        assert find_dateline(line + "\n\n" + BODY) is None


def test_a_cut_line_gives_no_date_from_its_cut_end():
    # Only the head is read: a date the cut splits ("2017-04-1" of "2017-04-15") is not taken.
    text = "Posted " + " " * 985 + "2017-04-15 " + "x" * 100
    assert find_dateline(text) is None


@pytest.mark.parametrize("text", [
    "BEIRUT, Oct. 27 (Reuters) - " + "a" * 10_000_000,
    "5 April 2017 " * 800_000,
    ("By " + "Smith " * 60 + "| ") * 30_000,
    "1." * 5_000_000,
    "\n" * 10_000_000 + "Wed 05 Apr 2017",
])
def test_a_huge_text_is_read_only_at_its_head(text):
    find_dateline("warm up 5 April 2017")
    began = time.perf_counter()
    find_dateline(text)
    assert time.perf_counter() - began < 0.1


def test_dateline_words_name_their_line_when_wrong():
    with pytest.raises(DatelineWordsError, match="mine.tsv:2"):
        parse_dateline_words(["published\tposted", "publishd\tposted"], "mine.tsv")
    assert parse_dateline_words(["# a comment", "", "updated\tLast Updated|edited"]) == {
        "last updated": "updated", "edited": "updated"}


def test_front_matter_and_sidecar_beat_a_dateline():
    text = "---\npublished: 2017-04-03\n---\n" + head("Published 5 April 2017")
    document = make_document("a.txt", text)
    assert (document.published, document.published_from) == ("2017-04-03", "front matter")
    document = make_document("a.txt", head("Published 5 April 2017"), sidecar_row={"published": "2017-04-04"})
    assert (document.published, document.published_from) == ("2017-04-04", "sidecar")
    document = make_document("a.txt", head("Published 5 April 2017"))
    assert (document.published, document.published_from) == ("2017-04-05", "dateline")
    document = make_document("a.txt", head("12/03/2018"), sidecar_row={"language": "en-US"})
    assert (document.published, document.published_from) == ("2018-12-03", "dateline")


# Short articles whose relative dates ("on Thursday", "yesterday") need the publication date.
ARTICLES = {
    "khan_tuman.txt": ("2016-05-07", "Rebels take Khan Tuman south of Aleppo\n"
                       "By Staff Writer | Sat 7 May 2016\n\n"
                       "Rebel groups captured the town of Khan Tuman on Friday after heavy fighting.\n"
                       "Government aircraft struck the town of Atareb yesterday, killing nine people.\n"),
    "palmyra.txt": ("2017-03-03", "Army re-enters Palmyra\n"
                    "Published March 3, 2017 at 4:15 pm\n\n"
                    "The Syrian army entered Palmyra on Thursday, a military source said.\n"
                    "Islamic State fighters withdrew from the citadel last week.\n"),
    "idlib.txt": ("2017-04-05", "Dozens killed in Idlib strike\n"
                  "Wed 05 Apr 2017\n\n"
                  "A strike hit the town of Khan Sheikhoun yesterday, killing dozens of people.\n"
                  "The Security Council will meet on Thursday to discuss the attack.\n"),
    "aleppo.txt": ("2016-11-04", "Rebels attack again in Aleppo\n"
                   "Posted on 2016-11-04 by admin\n\n"
                   "Rebels launched the second stage of their offensive near Aleppo on Thursday.\n"
                   "The area is next to the district taken by rebels last weekend.\n"),
    "ghouta.txt": ("2014-10-27", "BEIRUT, Oct. 27, 2014 (Reuters) - Government forces shelled the town of "
                   "Douma on Sunday, killing at least seven people, activists said.\n"
                   "Rebels fired mortars at Damascus two days ago.\n"),
}


def build_json(folder) -> dict:
    result = CliRunner().invoke(cli, ["build", str(folder), "-f", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_datelines_give_the_chronology_a_sidecar_gives(tmp_path):
    plain, described = tmp_path / "plain", tmp_path / "described"
    for folder in (plain, described):
        folder.mkdir()
        for name, (_, text) in ARTICLES.items():
            (folder / name).write_text(text, encoding="utf-8")
    (described / "articles.csv").write_text(
        "file,published\n" + "".join(f"{name},{date}\n" for name, (date, _) in ARTICLES.items()), encoding="utf-8")

    from_datelines, from_sidecar = build_json(plain), build_json(described)

    assert from_datelines["events"] == from_sidecar["events"]
    assert len(from_datelines["events"]) >= len(ARTICLES)
    for documents, origin in ((from_datelines["documents"], "dateline"), (from_sidecar["documents"], "sidecar")):
        assert {d["name"]: d["published"] for d in documents} == {n: date for n, (date, _) in ARTICLES.items()}
        assert {d["published_from"] for d in documents} == {origin}
    dated = {(e["document"], e["expression"]): e["date"] for e in from_datelines["events"]}
    assert dated["idlib.txt", "yesterday"] == "2017-04-04"
    assert dated["palmyra.txt", "Thursday"] == "2017-03-02"
