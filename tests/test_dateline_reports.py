"""Reports copied as plain text are dated by their header ("Situation Report No. 50 (as of 21
August 2014)"), and their "yesterday", weekdays and yearless dates resolve against that date."""
import json

import pytest
from click.testing import CliRunner

from timeline.cli import cli
from timeline.readers.dateline import find_dateline

# Name: (text, the date of its header, the date each of its relative expressions resolves to).
REPORTS = {
    "ocha_sitrep.txt": (
        "Sudan: Situation Report No. 50 (as of 21 August 2014)\n\n"
        "HIGHLIGHTS\n"
        "Fighting between armed groups broke out yesterday in Um Dukhun, displacing some 3,000 people.\n"
        "On Tuesday, an inter-agency mission reached Nyala to assess the needs of new arrivals.\n"
        "Humanitarian partners delivered food to 12,000 people in Kalma camp on 14 August.\n",
        "2014-08-21", {"yesterday": "2014-08-20", "Tuesday": "2014-08-19", "14 August": "2014-08-14"}),
    "ocha_update.txt": (
        "Syrian Arab Republic\n"
        "Humanitarian Update — as at 3 March 2023\n\n"
        "Aftershocks damaged more buildings in Jandairis yesterday, according to local authorities.\n"
        "On Monday, the Bab al-Hawa crossing reopened for aid convoys.\n"
        "A second convoy of 14 trucks crossed into the north-west on 24 February.\n",
        "2023-03-03", {"yesterday": "2023-03-02", "Monday": "2023-02-27", "24 February": "2023-02-24"}),
    "flash_update.txt": (
        "Gaza: Flash Update #12 | 14 May 2024\n\n"
        "Israeli forces shelled the eastern neighbourhoods of Rafah yesterday, residents said.\n"
        "On Sunday, the Kerem Shalom crossing was closed to aid trucks.\n"
        "Some 450,000 people have fled Rafah since 6 May.\n",
        "2024-05-14", {"yesterday": "2024-05-13", "Sunday": "2024-05-12", "6 May": "2024-05-06"}),
    "unicef_period.txt": (
        "UNICEF Yemen Humanitarian Situation Report No. 40\n"
        "Reporting Period: 1-7 October 2023\n\n"
        "Situation in Numbers\n"
        "Heavy rains flooded camps for displaced people in Marib yesterday.\n"
        "On Wednesday, UNICEF delivered water trucks to 20 sites in Hajjah.\n"
        "A cholera outbreak was confirmed in Taiz on 28 September.\n",
        "2023-10-07", {"yesterday": "2023-10-06", "Wednesday": "2023-10-04", "28 September": "2023-09-28"}),
    "isw_assessment.txt": (
        "Iran Update Special Report: Israel-Hamas War, October 10, 2023\n"
        "Ashka Jhaveri, Amin Soltani, and Brian Carter\n\n"
        "Hamas fired rockets at Ashkelon yesterday, the Israel Defense Forces said.\n"
        "Israeli aircraft struck targets in the Shati refugee camp on Monday.\n"
        "Lebanese Hezbollah fired anti-tank missiles at an Israeli position on October 8.\n",
        "2023-10-10", {"yesterday": "2023-10-09", "Monday": "2023-10-09", "October 8": "2023-10-08"}),
    "acled_overview.txt": (
        "Regional Overview: Africa\n"
        "Data as of 12 February 2024\n\n"
        "Al-Shabaab militants attacked an army base near Beledweyne yesterday.\n"
        "On Saturday, protesters clashed with police in Dakar over the postponed election.\n"
        "M23 rebels shelled the outskirts of Sake on 7 February.\n",
        "2024-02-12", {"yesterday": "2024-02-11", "Saturday": "2024-02-10", "7 February": "2024-02-07"}),
    "weekly_monitor.txt": (
        "Myanmar Conflict Monitor: Weekly report, week ending 9 June 2023\n\n"
        "Resistance forces attacked a police station in Sagaing Region yesterday.\n"
        "On Tuesday, military aircraft bombed a village in Kachin State.\n"
        "Fighting in Kayah State displaced 2,000 people on 2 June.\n",
        "2023-06-09", {"yesterday": "2023-06-08", "Tuesday": "2023-06-06", "2 June": "2023-06-02"}),
    "unhcr_operational.txt": (
        "Ethiopia: Operational Update, 1 – 31 January 2024\n"
        "UNHCR\n\n"
        "Refugees from Sudan continued to arrive in Metema; 1,200 crossed the border yesterday.\n"
        "On Friday, a new relocation site opened at Aftit.\n"
        "Clashes near Gondar on 22 January delayed a convoy.\n",
        "2024-01-31", {"yesterday": "2024-01-30", "Friday": "2024-01-26", "22 January": "2024-01-22"}),
    "reliefweb_flash.txt": (
        "Nigeria: North-east Nigeria Flash Update No. 3 - Attacks in Borno (as of 30 June 2024)\n\n"
        "Suicide bombers struck a wedding and a hospital in Gwoza yesterday, killing at least 32 people.\n"
        "On Thursday, humanitarian partners sent medical teams to Gwoza.\n"
        "A curfew was declared in Gwoza on 29 June.\n",
        "2024-06-30", {"yesterday": "2024-06-29", "Thursday": "2024-06-27", "29 June": "2024-06-29"}),
    "ocha_flash_fields.txt": (  # header fields as a PDF joins them, with blanks (non-breaking ones too)
        "Sudan: Attacks on Zamzam Camp\nFlash Update No. 3\n"
        "Date of issue: 14 April 2025 \u00a0 Reporting period: 10 - 14 April 2025 \u00a0 Next update: 17 April 2025\n\n"
        "Armed men attacked the camp's market yesterday, residents said.\n"
        "On Friday, the RSF launched a ground assault on the camp.\n"
        "Aid partners reached Tawila on 12 April.\n",
        "2025-04-14", {"yesterday": "2025-04-13", "Friday": "2025-04-11", "12 April": "2025-04-12"}),
    "ocha_period_months.txt": (
        "Yemen: Humanitarian Update Issue 9 (25 September – 1 October 2023)\n\n"
        "Floods swept through a camp in Hodeidah yesterday.\n"
        "On Thursday, partners distributed tents to 400 families.\n"
        "Cholera cases rose in Ibb after 20 September.\n",
        "2023-10-01", {"yesterday": "2023-09-30", "Thursday": "2023-09-28", "20 September": "2023-09-20"}),
}


def build_json(*paths) -> dict:
    result = CliRunner().invoke(cli, ["build", *map(str, paths), "-f", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize("name", REPORTS)
def test_a_report_is_dated_by_its_header(tmp_path, name):
    text, published, expected = REPORTS[name]
    (tmp_path / name).write_text(text, encoding="utf-8")
    chronology = build_json(tmp_path / name)
    [document] = chronology["documents"]
    assert (document["published"], document["published_from"]) == (published, "dateline")
    dated = {e["expression"]: e["date"] for e in chronology["events"]}
    assert {expression: dated.get(expression) for expression in expected} == expected


@pytest.mark.parametrize("name", REPORTS)
def test_the_date_of_a_report_header_is_no_event(tmp_path, name):
    text, _, expected = REPORTS[name]
    (tmp_path / name).write_text(text, encoding="utf-8")
    header = text[:text.index("\n\n")]
    events = build_json(tmp_path / name)["events"]
    assert [e["sentence"] for e in events if e["sentence"] in header] == []
    assert sorted(e["expression"] for e in events) == sorted(expected)


def test_a_sidecar_date_beats_a_report_header(tmp_path):
    text = REPORTS["flash_update.txt"][0]
    (tmp_path / "flash.txt").write_text(text, encoding="utf-8")
    (tmp_path / "articles.csv").write_text("file,published\nflash.txt,2024-05-16\n", encoding="utf-8")
    chronology = build_json(tmp_path)
    [document] = chronology["documents"]
    assert (document["published"], document["published_from"]) == ("2024-05-16", "sidecar")
    assert {e["expression"]: e["date"] for e in chronology["events"]}["yesterday"] == "2024-05-15"


HEADER = "Gaza: Flash Update #12 | 14 May 2024"
BODY = "Israeli forces shelled the eastern neighbourhoods of Rafah yesterday, residents said."


@pytest.mark.parametrize("text, expected", [
    # A labelled dateline, published or updated, is the page's own and wins over the report's header.
    (f"{HEADER}\nPublished 16 May 2024\n\n{BODY}", "2024-05-16"),
    (f"{HEADER}\nUpdated 17 May 2024\n\n{BODY}", "2024-05-17"),
    # A report's date of issue, after its reporting period, is the report's own.
    ("Monthly Incident Report - North-West Region\nReporting period: 1-30 April 2024\nPrepared by: Monitoring Network\n"
     f"Date of issue: 7 May 2024\n\n{BODY}", "2024-05-07"),
    (f"Weekly report, week ending 9 June 2023\nBy Jane Doe | 12 June 2023\n\n{BODY}", "2023-06-12"),
    # A headline that holds a date is no report's header: the real dateline dates the text.
    (f"Clashes on 3 March 2023 kill 12\nPublished 5 March 2023\n\n{BODY}", "2023-03-05"),
    (f"Clashes on 3 March 2023 kill 12\n\n{BODY}", None),
    ("Ghouta remembered - 21 August 2013\n\n" + BODY, None),
    # The date ends the header; under a label it follows the report's title or a mark, or stands alone.
    (f"As of 3 March 2023, 12 people had been killed in the fighting.\n\n{BODY}", None),
    (f"The toll stands at 40 as of 3 March 2023\n\n{BODY}", None),
    (f"The toll stands at 40, as of 3 March 2023\n\n{BODY}", None),
    (f"the toll in the latest situation report, 3 March 2023\n\n{BODY}", None),
    (f"Key figures (as at 3 March 2023)\n\n{BODY}", "2023-03-03"),
    (f"Situation report | As of Friday, 9 June 2023, 17:00 hrs\n\n{BODY}", "2023-06-09"),
    (f"Situation report, Thursday, 9 June 2023\n\n{BODY}", None),  # 9 June 2023 was a Friday
    # Without a label, the title names a report and its date is full.
    (f"Flash Update #12 | 14 May\n\n{BODY}", None),
    (f"Situation Report No. 4 (as of 21 August)\n© 2014 OCHA\n\n{BODY}", "2014-08-21"),
    (f"Iran Update, September 30 - October 7, 2023\n\n{BODY}", "2023-10-07"),
    (f"Humanitarian Bulletin | Issue 5 | 1 – 31 January 2024\n\n{BODY}", "2024-01-31"),
    # A period dates a report's header only.
    (f"1-7 October 2023\n\n{BODY}", None),
    (f"Posted 1-7 October 2023\n\n{BODY}", None),
    # A PDF joins a header's fields with runs of blanks (non-breaking too) or tabs: a labelled date among them counts,
    # before the reporting period's end; a table's row gives its date alone, which does not.
    ("Flash Update No. 3\nDate of issue: 14 April 2025 \u00a0 Reporting period: 10 - 14 April 2025 \u00a0 Next "
     f"update: 17 April 2025\n\n{BODY}", "2025-04-14"),
    (f"Situation Update #280\nDate of issue: 2 April 2025   Reporting period: 25 March - 1 April 2025\n\n{BODY}",
     "2025-04-02"),
    (f"Chronology\nDate\tWhat happened\n12 May 2016\tA car bomb exploded near a field hospital.\n\n{BODY}", None),
    # Fields beside a date in the middle of a header line are labels of a few words; a title's are prose.
    (f"MINISTRY OF FOREIGN AFFAIRS\nPress Service  |  9 July 2024, 10:15  |  No. 412/24\n\n{BODY}", "2024-07-09"),
    (f"Rebels seize the town | 9 July 2024 | Army says it will retake it within days\n\n{BODY}", None),
    # Below a paragraph of the body, a report's header is another report's, quoted.
    ("Aid reaches Rafah\n\n" + BODY * 5 + "\n" + HEADER + "\n", None),
])
def test_report_headers(text, expected):
    found = find_dateline(text)
    assert (found.published if found else None) == expected


@pytest.mark.parametrize("stamp", ["January 26, 2025 9:14 PM GMT+1 Updated 3 hours ago", "Published 26 January 2025"])
def test_a_pages_stamp_dates_the_page_and_is_no_event(tmp_path, stamp):
    text = (f"Congo's M23 rebels close in on Goma | Reuters\n\nBy Reuters Staff\n{stamp}\n\n"
            "GOMA, Jan 26 (Reuters) - Rebels told soldiers to lay down their weapons on Sunday.\n")
    (tmp_path / "goma.txt").write_text(text, encoding="utf-8")
    chronology = build_json(tmp_path / "goma.txt")
    assert chronology["documents"][0]["published"] == "2025-01-26"
    assert [(e["date"], e["expression"]) for e in chronology["events"]] == [("2025-01-26", "Sunday")]
