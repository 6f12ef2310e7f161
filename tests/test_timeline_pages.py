"""Pages laid out as timelines: a date alone on a line heads what happened then.

Encyclopedia timelines, live blogs and wire chronologies put each day's date on a line of its own,
then the entries of that day as paragraphs or list items. The date dates the entries; it is no
happening of its own, and a text copied without its page's date still gets its dates from it.
"""
from timeline.documents import Document
from timeline.pipeline import process_document
from timeline.readers.dateline import find_dateline
from timeline.temporal import tag

TIMELINE = """Timeline of the conflict in the north (March–April 2019)

The following is a timeline of the fighting in the northern provinces from March to April 2019, with the
casualty counts reported by monitors and the agencies working in the region at the time.

March 2019[edit]

2 March[edit]

  • Government forces shelled the outskirts of Khan Sheikhoun, killing four civilians.[1]
  • Rebels attacked an army checkpoint near Morek.[2]

5 March[edit]

9 March[edit]

An air strike hit the market of Maarat al-Numan. Monitors said at least 12 people died.[3]

Aid convoys reached the town of Saraqib after a week of talks.[4]

April 2019[edit]

14 April

Turkish troops set up an observation post near Jisr al-Shughur.
"""


def _events(text, published=None):
    return process_document(Document(name="timeline.txt", text=text, published=published)).events


def _values(text, dct):
    """What the tagger finds in ``text`` and its values."""
    return [(e.text, e.value) for e in tag(text, dct=dct)]


def test_each_entry_takes_the_date_of_the_heading_above_it():
    events = _events(TIMELINE)
    assert [(e.date, e.title) for e in events if len(e.date) == 10] == [
        ("2019-03-02", "Government forces shelled the outskirts of Khan Sheikhoun, killing four civilians"),
        ("2019-03-02", "Rebels attacked an army checkpoint near Morek"),
        ("2019-03-09", "An air strike hit the market of Maarat al-Numan"),
        ("2019-03-09", "Aid convoys reached the town of Saraqib after a week of talks"),
        ("2019-04-14", "Turkish troops set up an observation post near Jisr al-Shughur"),
    ]
    # What is not an entry is the page's title and introduction, dated by the span they name.
    assert {e.date for e in events if len(e.date) != 10} == {"2019-03/2019-04"}


def test_headings_date_what_they_head_and_are_no_events_of_their_own():
    events = _events(TIMELINE, published="2019-05-01")
    dated = {(e.date, e.title) for e in events if len(e.date) == 10}
    assert ("2019-03-02", "Rebels attacked an army checkpoint near Morek") in dated
    assert ("2019-04-14", "Turkish troops set up an observation post near Jisr al-Shughur") in dated
    assert not [e for e in events if e.title.strip(" []") in ("5 March", "March 2019", "2 March", "14 April", "edit")]
    assert all("5 March" not in e.sentence for e in events)  # a heading with nothing below it tells nothing
    assert all(not e.title.startswith(("•", "*")) for e in events)


def test_an_entry_with_a_date_of_its_own_keeps_it():
    text = TIMELINE.replace("Aid convoys reached the town of Saraqib", "On 11 March aid convoys reached the town of Saraqib")
    events = {e.title: e.date for e in _events(text)}
    assert events["Aid convoys reached the town of Saraqib after a week of talks"] == "2019-03-11"
    assert events["An air strike hit the market of Maarat al-Numan"] == "2019-03-09"


def test_a_date_heading_below_the_article_text_is_not_the_page_date():
    text = ("Shifting front lines\n\n" + "As talks began in Geneva in February, government forces launched their most "
            "intense offensive of the war, breaking a three-year siege of two villages and taking them within three "
            "kilometres of their objective, while tens of thousands fled towards the border and the talks fell apart. "
            * 2 + "\n\nFeb. 5, 2016\n\nGovernment forces launched an offensive north of the city.\n")
    assert find_dateline(text) is None
    labelled = text.replace("Feb. 5, 2016", "Published Feb. 5, 2016")
    assert find_dateline(labelled).published == "2016-02-05"
    events = {e.title: e.date for e in _events(text)}
    assert events["Government forces launched an offensive north of the city"] == "2016-02-05"


def test_a_list_of_days_before_publication_crosses_the_new_year_and_keeps_each_first_clause():
    text = ("Key dates in the battle for the capital\n\nAFP, Thursday 26 Mar 2015\n\n"
            "Here are the key dates since the rebels overran the capital in September 2014, with the toll of each "
            "day as the monitors and the hospitals of the city reported it to the agencies at the time.\n\n"
            "October 14\n\nRebels seize the Red Sea port of Hodeida.\n\n"
            "January 20\n\nRebels attack the residence and seize the palace, and the president resigns two days later.\n")
    events = _events(text)
    assert [(e.date, e.title) for e in events if len(e.date) == 10] == [
        ("2014-10-14", "Rebels seize the Red Sea port of Hodeida"),
        ("2015-01-20", "Rebels attack the residence and seize the palace"),
        ("2015-01-22", "The president resigns"),
    ]


def test_a_date_alone_that_ends_a_sentence_is_no_heading():
    text = ("Officials cut the list of entries from 662 to six. The committee approved the choice in\n\nAugust.\n\n"
            "Mascots are the most marketable symbols of the games.\n")
    events = _events(text, published="2005-11-11")
    assert not [e for e in events if e.title.startswith("Mascots") and e.date == "2005-08"]


def test_two_days_joined_by_a_slash_are_one_entry():
    text = ("Here is a timeline on the revolt since the first protests began in February.\n\n"
            "Feb 15/16, 2011 - A riot in Benghazi is triggered by the arrest of a rights activist.\n\n"
            "Feb. 17 - Activists designate a day of rage.\n")
    events = [(e.date, e.title) for e in _events(text, published="2011-07-29") if e.date.startswith("2011-02-1")]
    assert events == [("2011-02-15/2011-02-16", "A riot in Benghazi is triggered by the arrest of a rights activist"),
                      ("2011-02-17", "Activists designate a day of rage")]


def test_lines_below_an_entry_without_a_date_of_their_own_are_of_its_day():
    text = ("Key events in the crisis, as the agencies reported them from the capital and the east of the country, "
            "day by day since the first protests in the middle of February.\n\n"
            "- April 27: Rebels backed by air strikes say they secured the port of Misrata.\n\n"
            "Nato allies agree to establish a civilian post in Benghazi.\n\n"
            "— The government refuses to acknowledge the protests in the streets of Tripoli.\n\n"
            "- April 28: Blasts rock Tripoli.\n")
    assert [(e.date, e.title) for e in _events(text, published="2011-05-16") if e.date.startswith("2011-04")] == [
        ("2011-04-27", "Rebels backed by air strikes say they secured the port of Misrata"),
        ("2011-04-27", "Nato allies agree to establish a civilian post in Benghazi"),
        ("2011-04-27", "The government refuses to acknowledge the protests in the streets of Tripoli"),
        ("2011-04-28", "Blasts rock Tripoli"),
    ]


def test_days_of_the_week_in_a_look_back_are_of_each_entry_s_week():
    """An anniversary piece quotes what was reported each day, twenty years before it was written."""
    text = ("Sarajevo: a look back at the first weeks of the siege\n\n"
            "Twenty years ago, the war began with the siege of the capital, which became the longest siege of a city "
            "in modern history. Here is a look back at what the wire services were reporting in its first weeks.\n\n"
            "April 7, 1992:\n\nIgnoring threats, the European Community announced Monday that it will recognize "
            "the independence of the republic.\n\n"
            "April 9, 1992:\n\nTroops stepped up attacks on the capital on Wednesday with sniper fire.\n")
    events = _events(text, published="2012-04-06")
    assert [(e.date, e.expression) for e in events] == [
        ("1992", "Twenty years ago"), ("1992-04-06", "Monday"), ("1992-04-08", "Wednesday")]


def test_clock_times_of_a_live_blog_are_of_the_day_heading_them():
    text = ("Live: the war in Ukraine\n\nFollow our live updates on the invasion. Our correspondents in Kyiv, "
            "Kharkiv and Lviv report on the fighting, the sanctions and the talks as the news comes in, with the "
            "figures the United Nations gives for the people who fled.\n\n"
            "March 23, 2022\n\n8:15 a.m. Explosions in Kyiv after curfew was lifted\n\n"
            "Kyiv dawned with a series of explosions, shortly after the curfew was lifted at 7 a.m. local time.\n\n"
            "March 22, 2022\n\n8:40 p.m. U.S. imposes more sanctions against Russia\n")
    events = _events(text, published="2022-02-24")
    assert sorted((e.date, e.expression) for e in events if e.expression) == [
        ("2022-03-22T20:40", "8:40 p.m."), ("2022-03-23T07:00", "7 a.m. local time"), ("2022-03-23T08:15", "8:15 a.m.")]


def test_the_body_below_a_list_of_key_dates_is_of_the_writers_days():
    """An entry that holds its text on its line dates that line only; the explainer's body below the list
    speaks of the week it was published in."""
    text = ("Sudan's war: what you need to know\n\nPublished On 15 Apr 2025\n\nKey dates\n\n"
            "April 15, 2023 - Fighting erupts in Khartoum between the army and the RSF.\n"
            "March 21, 2025 - Army recaptures the presidential palace on Friday.\n\n"
            "What is the humanitarian situation?\n\n"
            "A conference on Sudan is due to open in London on Tuesday. \"The world has looked away for too long,\" "
            "the British foreign secretary said on Saturday ahead of the meeting.\n")
    found = _values(text, "2025-04-15")
    assert ("Friday", "2025-03-21") in found  # on the entry's line: the entry's week
    assert ("Tuesday", "2025-04-15") in found and ("Saturday", "2025-04-12") in found


def test_entries_without_a_year_under_a_year_heading_are_of_that_year():
    text = ("Timeline of spaceflight, 1957-1962\n\n1958\n\n"
            "29 July – President Eisenhower signs the National Aeronautics and Space Act.\n\n1959\n\n"
            "2 January – Luna 1 becomes the first spacecraft to reach escape velocity.\n"
            "12 September – Luna 2 is launched and strikes the Moon two days later.\n")
    found = _values(text, "2012-05-01")
    assert ("29 July", "1958-07-29") in found and ("2 January", "1959-01-02") in found
    assert ("12 September", "1959-09-12") in found and ("two days later", "1959-09-14") in found


def test_a_label_before_a_colon_with_its_date_heads_the_list_below_and_is_no_happening():
    text = ("English Premiership results on Tuesday:\n\n"
            "Chelsea 2 (Drogba 38, 72) Reading 2 (Lita 67, Essien 85-og)\n\n"
            "Tottenham 2 (Defoe 58, 77) Aston Villa 1 (Barry 81)\n")
    events = _events(text, published="2006-12-26")
    assert [(e.date, e.title) for e in events] == [
        ("2006-12-26", "Chelsea 2 Reading 2"), ("2006-12-26", "Tottenham 2 Aston Villa 1")]


def test_a_live_blog_post_is_of_its_day_heading_not_of_a_day_it_names():
    """A post's time is its own ("6:05 a.m. -- trucks entered Gaza on Sunday" was posted on Monday), a post after one
    that names an old date is not of that date, and "tonight" in a post is the night of the day heading it."""
    text = ("Ceasefire live: hostages home, prisoners freed as the truce holds\n\n"
            "Monday, January 20\n\n"
            "6:05 a.m. -- Aid officials say 630 trucks entered Gaza on Sunday, the most in a single day since the war "
            "began on October 7, 2023.\n\n"
            "1:30 a.m. -- Buses carrying 90 prisoners have arrived in the West Bank town of Beitunia.\n\n"
            "Sunday, January 19\n\n"
            "11:50 p.m. -- That's all from us tonight. We will be back early tomorrow with the prisoner release.\n")
    found = _values(text, "2025-01-20")
    assert ("6:05 a.m.", "2025-01-20T06:05") in found and ("Sunday", "2025-01-19") in found
    assert ("1:30 a.m.", "2025-01-20T01:30") in found
    assert ("11:50 p.m.", "2025-01-19T23:50") in found and ("tonight", "2025-01-19TNI") in found
    assert ("early tomorrow", "2025-01-20") in found


def test_a_posts_stamp_heads_the_post_and_is_no_happening():
    """A channel's posts copied with their stamps ("KhersonFront, [12.11.2024 08:14]"): each stamp dates its post."""
    text = ("Kherson Frontline Channel\n\n"
            "KhersonFront, [12.11.2024 08:14]\n"
            "Overnight the enemy shelled the Dniprovskyi district of Kherson. A 67-year-old man was wounded.\n\n"
            "KhersonFront, [13.11.2024 07:02]\n"
            "Russian forces tried to land on Karantynnyi island and were repelled.\n")
    events = _events(text)
    assert [(e.date, e.title) for e in events] == [
        ("2024-11-12", "The enemy shelled the Dniprovskyi district of Kherson"),
        ("2024-11-13", "Russian forces tried to land on Karantynnyi island and were repelled")]


def test_a_post_tells_of_the_past_of_its_stamp_not_of_the_first_posts_day():
    """A channel dated by its first post: what a later post reports is no plan ahead of that day."""
    text = ("Syria Front Monitor, [27.11.2024 07:14]\n"
            "Heavy clashes on the western Aleppo countryside fronts this morning.\n\n"
            "Syria Front Monitor, [05.12.2024 16:30]\n"
            "Opposition fighters entered Hama this afternoon after days of fighting.\n\n"
            "Syria Front Monitor, [05.12.2024 18:00]\n"
            "The opposition will hold talks in Doha on Saturday.\n")
    events = _events(text, "2024-11-27")
    assert [(e.date, e.future) for e in events] == [
        ("2024-11-27TMO", False), ("2024-12-05TAF", False), ("2024-12-07", True)]


def test_a_posts_yesterday_tonight_and_days_ago_are_counted_from_its_stamp():
    text = ("Kherson Frontline Channel\n\n"
            "KhersonFront, [13.11.2024 11:20]\n"
            "Power is back in the city centre after yesterday's strike on the substation.\n\n"
            "KhersonFront, [14.11.2024 22:10]\n"
            "Tonight an aerial bomb hit a five-storey building in Korabel. Two days ago a drone hit a bus.\n")
    for dct in (None, "2024-11-18"):
        found = _values(text, dct)
        assert ("yesterday", "2024-11-12") in found, dct
        assert ("Tonight", "2024-11-14TNI") in found and ("Two days ago", "2024-11-12") in found, dct


def test_entries_without_a_year_follow_the_last_entry_with_one_not_an_earlier_year_alone():
    text = ("Key dates\n\nLate 2021 - M23 takes up arms again.\n4 January 2025 - M23 captures Masisi town.\n"
            "21 January - Minova falls.\n28 January - Protesters attack embassies in Kinshasa.\n")
    found = _values(text, "2025-01-29")
    assert ("Late 2021", "2021") in found and ("4 January 2025", "2025-01-04") in found
    assert ("21 January", "2025-01-21") in found and ("28 January", "2025-01-28") in found


def test_a_chat_messages_stamp_dates_its_relative_words_and_leaves_its_title():
    text = ("[13/03/2025, 22:47] Amina (Goma desk): Heavy gunfire heard in Sake tonight, people fleeing.\n"
            "[13/03/2025, 23:10] Amina (Goma desk): <Media omitted>\n"
            "[14/03/2025, 07:02] Patrick K: Good morning all\n"
            "[14/03/2025, 09:15] Patrick K: A displacement camp at Bulengo was hit by a shell yesterday afternoon.\n"
            "15/03/2025, 12:45 - Grace N: Yesterday evening a youth group protested in front of the base.\n")
    events = _events(text)
    assert [(e.date, e.title) for e in events] == [
        ("2025-03-13TNI", "Heavy gunfire heard in Sake, people fleeing"),
        ("2025-03-13TAF", "A displacement camp at Bulengo was hit by a shell"),
        ("2025-03-14TEV", "A youth group protested in front of the base")]
