"""Feeds: entries as documents, and one line for a feed that cannot be read."""
from __future__ import annotations


import pytest

from timeline.documents import read_documents
from timeline.readers import InputError, read, sniff
from timeline.readers.feed import markup_text

ENTRIES = [
    ("Missiles strike the port", "https://news.example/port", "Fri, 04 Nov 2016 09:15:00 +0200",
     "2016-11-04T09:15", "<p>Missiles struck the port of Odesa on Thursday.</p><script>steal()</script>"
     "<p>Two cranes burned.</p>"),
    ("Talks resume in Minsk", "https://news.example/talks", "Sat, 05 Nov 2016 01:30:00 +0300",
     "2016-11-05T01:30", "Negotiators met in Minsk on Friday evening."),
    ("Ceasefire declared", "https://news.example/ceasefire", "Mon, 07 Nov 2016 18:00:00 GMT",
     "2016-11-07T18:00", "A ceasefire was declared on Sunday &amp; held overnight."),
]


def rss(entries=ENTRIES) -> bytes:
    items = "".join(
        f"<item><title>{title}</title><link>{link}</link><pubDate>{date}</pubDate>"
        f"<description><![CDATA[{text}]]></description></item>"
        for title, link, date, _, text in entries)
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>Black Sea News</title>'
            f"<link>https://news.example/</link><language>en-gb</language>{items}</channel></rss>").encode()


def atom() -> bytes:
    atom_dates = ["2016-11-04T09:15:00+02:00", "2016-11-05T01:30:00+03:00", "2016-11-07T18:00:00Z"]
    entries = "".join(
        f'<entry><title>{title}</title><link rel="alternate" href="{link}"/><id>{link}</id>'
        f"<published>{date}</published><updated>2016-12-01T00:00:00Z</updated>"
        f'<author><name>Olena K.</name></author><content type="html">{_escape(text)}</content></entry>'
        for (title, link, _, _, text), date in zip(ENTRIES, atom_dates))
    return ('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="uk">'
            f"<title>Black Sea News</title><id>urn:x</id><updated>2016-12-01T00:00:00Z</updated>{entries}</feed>"
            ).encode()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@pytest.mark.parametrize("make", [rss, atom])
def test_a_feed_gives_one_reading_per_entry(make):
    data = make()
    assert sniff(data, "feed.xml") == "feed"
    readings = read(data, "feed.xml")
    assert [r.title for r in readings] == [e[0] for e in ENTRIES]
    assert [r.url for r in readings] == [e[1] for e in ENTRIES]
    # The date as written, in its own time zone: not moved to the day before in UTC.
    assert [r.published for r in readings] == [e[3] for e in ENTRIES]
    assert {r.published_from for r in readings} == {"feed entry"}
    assert {r.source for r in readings} == {"Black Sea News"}
    assert readings[0].text == "Missiles struck the port of Odesa on Thursday.\n\nTwo cranes burned."
    assert readings[2].text == "A ceasefire was declared on Sunday & held overnight."
    assert not any(r.warnings for r in readings)
    if make is atom:
        assert {r.author for r in readings} == {"Olena K."} and {r.language for r in readings} == {"uk"}
    else:
        assert {r.language for r in readings} == {"en-gb"}


def test_feed_file_gives_three_documents(tmp_path):
    (tmp_path / "news.rss").write_bytes(rss())
    problems = []
    documents = list(read_documents([str(tmp_path / "news.rss")], problems=problems))
    assert problems == []
    assert [d.name for d in documents] == ["news.rss#1", "news.rss#2", "news.rss#3"]
    assert [d.published for d in documents] == [e[3] for e in ENTRIES]
    assert [d.published_from for d in documents] == ["feed entry"] * 3
    assert [d.title for d in documents] == [e[0] for e in ENTRIES]
    assert [d.url for d in documents] == [e[1] for e in ENTRIES]


def test_an_entry_without_text_is_left_out_with_a_warning(tmp_path):
    entries = [ENTRIES[0], ("Only a headline", "https://news.example/h", ENTRIES[1][2], "", ""), ENTRIES[2]]
    (tmp_path / "news.rss").write_bytes(rss(entries))
    problems = []
    documents = list(read_documents([str(tmp_path / "news.rss")], problems=problems))
    assert [d.name for d in documents] == ["news.rss#1", "news.rss#3"]
    assert [str(p) for p in problems] == [
        f"{tmp_path / 'news.rss'}#2: is entry 2 of the feed ('Only a headline'), which has no text; it is left out"]
    assert not problems[0].skipped


def test_broken_and_empty_feeds_are_refused_in_one_line():
    with pytest.raises(InputError, match=r"^is a feed that is not well-formed XML \(.+\); save it again or check"):
        read(b'<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Cut off', "cut.rss")
    with pytest.raises(InputError, match="^is a feed without entries$"):
        read(b'<rss version="2.0"><channel><title>Quiet</title></channel></rss>', "quiet.rss")
    with pytest.raises(InputError, match="^is a feed whose entries have no text"):
        read(rss([("Headline", "https://news.example/h", ENTRIES[0][2], "", "")]), "titles.rss")


def test_markup_text_keeps_paragraphs_and_drops_scripts():
    markup = ("<div><h2>Title</h2><p>One  <b>bold</b>\n word.</p><style>p{}</style><ul><li>a</li><li>b</li></ul>"
              "<p>Line<br>break &eacute;</p><script>x()</script></div>")
    assert markup_text(markup) == "Title\n\nOne bold word.\n\na\nb\n\nLine\nbreak é"
