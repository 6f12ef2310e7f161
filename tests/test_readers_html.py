"""Saved web pages and MHTML files: the article's text without the page around it, and the page's metadata."""
import json
import re
import time
from email.mime.image import MIMEImage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText

import pytest
from click.testing import CliRunner
from operations import list_items_moved

from timeline.cli import cli
from timeline.documents import Problem, read_documents
from timeline.readers import InputError, Reading, read, sniff

ARTICLE_SENTENCES = (
    "Rebel fighters captured the southern Aleppo town of Khan Touman on Thursday after a day of heavy fighting "
    "with government forces and their allies.",
    "The Syrian Observatory for Human Rights said at least 73 fighters were killed on both sides in the battle "
    "for the town, which lies close to the main highway linking Aleppo and Damascus.",
    "Government forces had held Khan Touman since December, when they advanced with the support of Russian air "
    "strikes and Iranian-backed militias.",
    "Residents who fled the fighting said the shelling began before dawn and continued until late in the evening.",
    "A spokesman for one of the rebel groups said the offensive would continue towards the villages south of the "
    "city in the coming days.",
)
# What surrounds the article on the page, none of which is article text.
FURNITURE = ("cookie", "2047", "Accept all", "analytics", "pageDate", "dataLayer", "2019-01-01", "2020-02-02",
             "NewsArticle", "@context", "Middle East", "Subscribe", "Smoke rises", "Air strike hits Aleppo hospital",
             "partial withdrawal", "Solomon Krupacek", "propaganda", "Observer99", "Another sad day",
             "Ceasefire collapses", "Most read", "All rights reserved", "Privacy policy", "2024")
HEADLINE = "Rebels retake Khan Touman south of Aleppo"
URL = "https://levant-observer.example/2016/05/06/khan-touman"


def article_page(charset="utf-8", head_extra="", sentences=ARTICLE_SENTENCES) -> str:
    """A news article as a browser saves it: metadata in the head, then menus, a cookie banner,
    a caption, a related-links block, comments and a footer around the article's paragraphs."""
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": HEADLINE,
          "datePublished": "2016-05-06T14:20:00+03:00", "dateModified": "2016-05-09T08:00:00+03:00",
          "author": {"@type": "Person", "name": "Leila Haddad"},
          "publisher": {"@type": "Organization", "name": "Levant Observer"}}
    first, *middle, last = [f"<p>{s}</p>" for s in sentences]
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="{charset}">
<title>{HEADLINE} - Levant Observer</title>
<meta property="og:title" content="{HEADLINE} - Levant Observer">
<meta property="og:site_name" content="Levant Observer">
<meta property="og:url" content="{URL}">
<meta property="article:published_time" content="2016-05-06T14:20:00+03:00">
<meta property="article:modified_time" content="2016-05-09T08:00:00+03:00">
<link rel="canonical" href="{URL}">
{head_extra}
<script type="application/ld+json">{json.dumps(ld)}</script>
<script>var analytics = {{"pageDate": "2019-01-01", "section": "middle-east"}}; window.dataLayer = [];</script>
</head>
<body>
<div id="cookie-banner" class="cookie-consent">We use cookies to improve your experience. This cookie expires 2047.
<button>Accept all cookies</button></div>
<header class="site-header"><nav class="main-nav"><ul>
<li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/middle-east">Middle East</a></li>
<li><a href="/opinion">Opinion</a></li><li><a href="/subscribe">Subscribe</a></li></ul></nav></header>
<main>
<article>
<header class="article-header">
<h1>{HEADLINE}</h1>
<p class="byline">By <span class="author">Leila Haddad</span> · <time datetime="2016-05-06T14:20:00+03:00">6 May 2016</time></p>
</header>
<figure><img src="/img/khan-touman.jpg" alt="Smoke over the town">
<figcaption>Smoke rises over the hilltop village in a photo distributed by activists.</figcaption></figure>
<div class="article-body">
{first}
{"".join(middle)}
<div class="related-articles"><h3>Related</h3><ul>
<li><a href="/2016/04/28/aleppo-hospital">Air strike hits Aleppo hospital on 28 April 2016</a></li>
<li><a href="/2016/03/14/withdrawal">Russia announces partial withdrawal on 14 March 2016</a></li></ul></div>
{last}
</div>
</article>
<section id="comments" class="comments">
<h2>Comments</h2>
<div class="comment"><span class="comment-author">Solomon Krupacek</span> <span class="comment-date">7 May 2016</span>
<p>This is propaganda, the town fell on 2 May 2016 already.</p></div>
<div class="comment"><span class="comment-author">Observer99</span> <span class="comment-date">8 May 2016</span>
<p>Another sad day for the people of Aleppo province.</p></div>
</section>
</main>
<aside class="sidebar"><h3>Most read</h3><ul><li><a href="/a">Ceasefire collapses in Idlib on 3 March 2017</a></li></ul></aside>
<footer class="site-footer"><p>© 2024 Levant Observer Media Ltd. All rights reserved.</p>
<p><a href="/privacy">Privacy policy</a> · <a href="/terms">Terms of use</a></p></footer>
<script>document.querySelectorAll('.x').forEach(function(e){{ e.dataset.when = "2020-02-02"; }});</script>
</body>
</html>"""


def div_soup_page() -> str:
    """An article in markup without telling class names: an inline "Read more" line, a caption
    paragraph, comments in a widget, a table of figures."""
    return f"""<html><head><title>Idlib market strike kills twelve | Northern Dispatch</title>
<meta name="date" content="2016-05-09"></head><body>
<div id="top"><a href="/">Northern Dispatch</a> <a href="/news">News</a> <a href="/video">Video</a></div>
<div id="c1"><div id="c2">
<h1>Idlib market strike kills twelve</h1>
<div><img src="m.jpg"><p class="wp-caption-text">Photo: the market after the strike, 9 May 2016.</p></div>
<p>Government aircraft struck the crowded vegetable market in the centre of Idlib on Monday morning, killing at
least twelve people and wounding dozens more, local rescue workers said.</p>
<p>Read more: <a href="/2016/05/01/idlib">Idlib hospital bombed on 1 May 2016</a></p>
<p>The White Helmets civil defence group said its teams pulled seven people alive from the rubble of two
buildings that collapsed on the market square.</p>
<table><tr><th>Town</th><th>Killed</th></tr><tr><td>Idlib city</td><td>12</td></tr>
<tr><td>Saraqib</td><td>3</td></tr></table>
<p>Residents said the aircraft returned in the afternoon and struck the road leading to the main hospital,
slowing the evacuation of the wounded.</p>
</div></div>
<div id="disqus_thread"><div class="post"><p>Posted by Abu Omar on 10 May 2016: they struck it twice before.</p></div></div>
<div id="bottom">Copyright 2021 Northern Dispatch. Contact us.</div>
</body></html>"""


BLOG_SENTENCES = (
    "Satellite images taken on 3 March 2017 show fresh craters along the road north of Saraqib.",
    "We compared them with footage posted by local activists the same evening and located the impacts to "
    "within a few metres of the bridge.",
    "Three things stand out in the footage:",
    "the aircraft approached from the east;",
    "the second strike came eleven minutes after the first;",
    "an ambulance was hit on the bridge itself.",
    "The munitions remnants match those documented near Maarat al-Numan in February, which points to the same "
    "unit carrying out both attacks.",
)


def blog_page() -> str:
    """An open-source investigation on a blog: a list and a quote in the post; share buttons, an author
    box, a newsletter form and reader comments in plain divs around it."""
    first, second, intro, *items, last = BLOG_SENTENCES
    return f"""<html><head><meta charset="utf-8"><title>Tracing the Saraqib bridge strike</title>
<meta property="og:type" content="article"><meta name="author" content="Open Source Desk">
<meta itemprop="datePublished" content="2017-03-05"></head><body>
<div class="topbar"><a href="/">Home</a> | <a href="/investigations">Investigations</a> | <a href="/about">About</a></div>
<div class="wrap"><div class="post">
<h1 class="post-title">Tracing the Saraqib bridge strike</h1>
<div class="share"><a href="#">Share on Facebook</a> <a href="#">Tweet</a> <a href="#">Email</a></div>
<div class="post-content">
<p>{first}</p><p>{second}</p><p>{intro}</p>
<ul>{"".join(f"<li>{item}</li>" for item in items)}</ul>
<blockquote><p>{last}</p></blockquote>
</div>
<div class="author-box"><img src="a.png"><p>Open Source Desk investigates attacks on civilians using open
sources. Follow us for more investigations into the war published every week since 2014.</p></div>
<div class="newsletter"><p>Get our investigations by email every Friday.</p><input type="email"><button>Sign up</button></div>
</div>
<div class="responses"><h3>12 responses</h3>
<div class="response"><b>Karim</b> on 6 March 2017 at 10:02<p>Great work, the bridge was hit again on 9 March 2017.</p></div>
<div class="response"><b>Jo</b> on 7 March 2017 at 18:40<p>Which satellite provider was it?</p></div></div>
</div></body></html>"""


def _page(body: str, head: str = "", lang: str = "en") -> str:
    return f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">{head}</head><body>{body}</body></html>'


JSON_LD_ONLY = _page(
    "<article><h1>Ceasefire announced for Idlib</h1>"
    + "".join(f"<p>{s}</p>" for s in ARTICLE_SENTENCES[1:4]) + "</article>",
    head='<title>Ceasefire announced for Idlib</title><script type="application/ld+json">'
         '{"@context": "https://schema.org", "@graph": [{"@type": "WebSite", "name": "Wire Desk"}, '
         '{"@type": "NewsArticle", "datePublished": "2017-03-04T09:05:00Z", "headline": "Ceasefire announced"}]}'
         '</script>')
TIME_ONLY = _page(
    '<article><header><h1>Offensive from Al-Alyaniyah</h1><time datetime="2017-04-08">8 April</time></header>'
    + "".join(f"<p>{s}</p>" for s in ARTICLE_SENTENCES[:3]) + "</article><footer>© 2023 Desert Post</footer>",
    head="<title>Offensive from Al-Alyaniyah</title>")
FRENCH = _page(
    "<article><h1>Les rebelles reprennent Khan Touman</h1>"
    "<p>Les combattants rebelles ont pris jeudi la ville de Khan Touman, au sud d'Alep, après une journée de "
    "violents combats contre les forces gouvernementales et leurs alliés.</p>"
    "<p>L'Observatoire syrien des droits de l'homme a fait état d'au moins 73 combattants tués des deux côtés "
    "dans la bataille pour cette ville proche de l'autoroute reliant Alep à Damas.</p></article>",
    head='<title>Les rebelles reprennent Khan Touman</title><meta property="og:locale" content="fr_FR">'
         '<meta property="article:published_time" content="2016-05-06T18:00:00+02:00">', lang="fr")
HOME_PAGE = _page(
    "<nav>" + "".join(f'<a href="/s{i}">Section {i}</a> ' for i in range(8)) + "</nav><main>"
    + "".join(f'<div class="teaser"><h2><a href="/2016/05/{i:02d}/story">Story number {i} about the war '
              f"in Syria on {i} May</a></h2><p>Fighting went on around the city for a day more as government "
              "forces pressed their attack on the districts held by rebels, monitors said.</p></div>"
              for i in range(1, 33)) + "</main><footer>© 2024 Front Page</footer>",
    head="<title>Front Page - News from Syria</title>")
# A home page whose teasers are <article> elements, each linking to its story by a headline.
HOME_PAGE_OF_ARTICLES = HOME_PAGE.replace('<div class="teaser">', "<article>").replace("</p></div>", "</p></article>")
# A live blog: its entries are sibling <article> elements, each with its time, perhaps a heading, and paragraphs,
# linking nowhere else; the first is long enough to pass for a whole article.
LIVE_BLOG_ENTRIES = (
    ("14:40", "President to speak", "The president's office said he would address the nation for the first time "
                                    "since the rebels entered the city. He has not spoken in public since returning "
                                    "early from the economic forum in Davos last week, and his ministers have given "
                                    "no word on what he will say to the country tonight."),
    ("12:20", "", "Inmates escaped from the central prison on Monday as the rebels advanced, and local sources said "
                  "a fire broke out in the women's wing. The UN said the figure could not yet be verified."),
    ("10:12", "Embassies attacked", "Protesters attacked four embassies in the capital on Tuesday morning, setting "
                                    "fires at two of them. The foreign minister called the attacks unacceptable."),
    ("08:10", "", "The capital severed diplomatic relations with its neighbour on Sunday, the foreign ministry said, "
                  "and recalled the last of its staff."),
)
LIVE_BLOG = _page(
    "<main><h1>Goma live: rebels in the city</h1><div class='live-blog'>"
    + "".join(f'<article id="block-{i}" class="block"><header class="block-time">'
              f'<time datetime="2025-01-28T{clock}:00Z">{clock} GMT</time></header>'
              + (f'<h2 class="block-title">{heading}</h2>' if heading else "")
              + f'<div class="block-elements"><p>{sentence}</p></div>'
              f'<footer class="block-footer"><a href="#block-{i}">Share</a></footer></article>'
              for i, (clock, heading, sentence) in enumerate(LIVE_BLOG_ENTRIES))
    + "</div></main>",
    head='<title>Goma live: rebels in the city</title><meta property="article:published_time" '
         'content="2025-01-28T06:30:00Z">')
LOGIN_PAGE = _page(
    '<main><h1>Sign in to continue reading</h1><form action="/login" method="post">'
    '<label>Email <input type="email" name="email"></label><label>Password <input type="password" name="pw"></label>'
    "<button>Sign in</button></form><p>Subscribers get unlimited access to our reporting from the region.</p>"
    '<p><a href="/subscribe">Subscribe now</a></p></main>', head="<title>Sign in | The Gazette</title>")
ERROR_PAGE = _page('<h1>404 - Page not found</h1><p>Sorry, the page you asked for does not exist.</p>'
                   '<p><a href="/">Go to the home page</a></p>', head="<title>Page not found</title>")
PAYWALL_STUB = _page(
    f"<article><h1>Talks resume in Geneva</h1><p>Talks between the government and the opposition resumed in "
    f"Geneva on Wednesday.</p><div class='paywall'>Subscribe to read the full article.</div></article>",
    head="<title>Talks resume in Geneva</title>")


def read_one(page, name="page.html") -> Reading:
    data = page.encode("utf-8") if isinstance(page, str) else page
    readings = read(data, name)
    assert len(readings) == 1
    return readings[0]


def test_article_page_gives_its_paragraphs_and_nothing_around_them():
    reading = read_one(article_page())
    for sentence in ARTICLE_SENTENCES:
        assert sentence in reading.text
    for word in FURNITURE:
        assert word not in reading.text, word
    assert "<" not in reading.text and "{" not in reading.text
    assert reading.text.startswith(ARTICLE_SENTENCES[0])  # no headline, no byline before the body
    assert reading.text.count("\n\n") == len(ARTICLE_SENTENCES) - 1  # one paragraph a line, a blank line between


def test_article_page_metadata():
    reading = read_one(article_page())
    assert reading.title == HEADLINE
    assert reading.source == "Levant Observer"
    assert reading.url == URL
    assert reading.published == "2016-05-06T14:20"
    assert reading.published_from == "page metadata"
    assert reading.author == "Leila Haddad"
    assert reading.language == "en"
    assert reading.warnings == ()


def test_page_without_telling_markup():
    reading = read_one(div_soup_page())
    assert reading.text.startswith("Government aircraft struck the crowded vegetable market")
    assert "slowing the evacuation of the wounded." in reading.text
    assert "pulled seven people alive" in reading.text
    for word in ("Read more", "hospital bombed", "Photo:", "Abu Omar", "Copyright", "Video", "Contact"):
        assert word not in reading.text, word
    assert reading.title == "Idlib market strike kills twelve"
    assert reading.source == "Northern Dispatch"  # the <title>'s suffix, found as the site has no og:site_name
    assert (reading.published, reading.published_from) == ("2016-05-09", "page metadata")


def test_a_site_named_otherwise_in_its_metadata_is_left_out_of_the_title():
    # og:site_name "UNOHC", the <title> ending in the site's full name: the part the <h1> repeats is the headline.
    page = _page("<article><h1>Myanmar: UN scales up response</h1>"
                 "<p>The United Nations said on Sunday that it was sending more teams to Mandalay after the earthquake "
                 "that struck central Myanmar on Friday, collapsing bridges, hospitals and homes across the region.</p>"
                 "<p>Rescue workers in Sagaing dug through the rubble of a monastery with their hands, and the death "
                 "toll rose above 1,600 as communication lines were slowly restored in the north.</p>"
                 "<p>Aid agencies warned that damaged roads and the monsoon season would slow deliveries of food, "
                 "water and medicine to the hardest-hit districts in the coming weeks.</p></article>",
                 head="<title>Myanmar: UN scales up response | UN Office for Humanitarian Coordination</title>"
                      '<meta property="og:site_name" content="UNOHC">')
    reading = read_one(page)
    assert (reading.title, reading.source) == ("Myanmar: UN scales up response", "UNOHC")


def test_an_encyclopedia_page_leaves_out_its_summary_box_navigation_and_notes():
    page = _page("<div id='content'><h1>Operation 1027</h1>"
                 "<table class='infobox'><tr><th>Date</th><td>27 October 2023 – present</td></tr>"
                 "<tr><th>Casualties</th><td>(per UN, as of 2024)</td></tr></table>"
                 "<p>Operation 1027 is an offensive launched by the Three Brotherhood Alliance in northern Shan "
                 "State.</p>"
                 "<p>It began on 27 October 2023.<sup class='reference'><a href='#n3'>[3]</a></sup> The alliance took "
                 "the border town of Chinshwehaw within days and cut the main trade routes to China.</p>"
                 "<p>On 5 January 2024 the MNDAA captured Laukkai, the capital of the Kokang zone, after weeks of "
                 "fighting around the town.</p>"
                 "<div class='navbox'>Myanmar civil war (2021–present) · 2021 coup · Spring Revolution</div>"
                 "<ol class='references'><li id='n3'>Army loses border post. 30 October 2023.</li></ol></div>",
                 head="<title>Operation 1027 - Wikipedia</title>")
    reading = read_one(page)
    assert "On 5 January 2024 the MNDAA captured Laukkai" in reading.text
    assert "It began on 27 October 2023." in reading.text
    for word in ("present", "as of 2024", "[3]", "2021 coup", "30 October 2023"):
        assert word not in reading.text, word


WIKI_LD = ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "Article", '
           '"name": "Operation 1027", "datePublished": "2023-10-28T02:14:09Z", "dateModified": "2025-12-03T14:22:10Z", '
           '"publisher": {"@type": "Organization", "name": "Wikimedia Foundation, Inc."}}</script>')
WIKI_BODY = ("<h1>Operation 1027</h1><p>Operation 1027 is an offensive launched by the Three Brotherhood Alliance in "
             "northern Shan State on 27 October 2023.</p><p>On 5 January 2024 the MNDAA captured Laukkai, the capital "
             "of the Kokang zone, after weeks of fighting around the town, and as of 2025 it still holds the town.</p>")


@pytest.mark.parametrize("mark", ['<meta name="generator" content="MediaWiki 1.45.0-wmf.3">',
                                  '<footer><ul><li id="footer-info-lastmod">This page was last edited on 3 December '
                                  "2025, at 14:22.</li></ul></footer>"])
def test_a_wiki_page_is_dated_by_its_last_edit_and_named_by_its_site(mark):
    # A wiki's page is written over for years: its text speaks of the day of its last edit, not of its first.
    head = "<title>Operation 1027 - Wikipedia</title>" + WIKI_LD + (mark if mark.startswith("<meta") else "")
    page = _page(WIKI_BODY + ("" if mark.startswith("<meta") else mark), head=head)
    reading = read_one(page)
    assert (reading.published, reading.source) == ("2025-12-03T14:22", "Wikipedia")
    # An article with the same metadata is dated by its first publication, named by its publisher.
    article = read_one(_page(WIKI_BODY, head=head.replace("Article", "NewsArticle").replace(" - Wikipedia", "")
                             .replace(mark, "")))
    assert (article.published, article.source) == ("2023-10-28T02:14", "Wikimedia Foundation, Inc.")


def test_blog_post_keeps_its_list_and_quote_and_leaves_out_its_responses():
    reading = read_one(blog_page())
    for sentence in BLOG_SENTENCES:
        assert sentence in reading.text
    for word in ("Facebook", "Tweet", "Follow us", "every week since 2014", "Friday", "Sign up", "responses",
                 "Karim", "hit again", "satellite provider"):
        assert word not in reading.text, word
    assert reading.text.startswith(BLOG_SENTENCES[0])
    assert (reading.published, reading.author, reading.language) == ("2017-03-05", "Open Source Desk", "")


def test_live_blog_keeps_every_entry_not_only_the_first():
    reading = read_one(LIVE_BLOG)
    for _clock, _heading, sentence in LIVE_BLOG_ENTRIES:
        assert sentence in reading.text


@pytest.mark.parametrize("page, published, title, source", [
    (JSON_LD_ONLY, "2017-03-04T09:05", "Ceasefire announced", "Wire Desk"),
    (TIME_ONLY, "2017-04-08", "Offensive from Al-Alyaniyah", ""),
])
def test_date_from_the_only_markup_that_gives_one(page, published, title, source):
    reading = read_one(page)
    assert (reading.published, reading.published_from) == (published, "page metadata")
    assert reading.title == title and reading.source == source
    assert "2023" not in reading.text


def test_dates_only_in_the_text_are_left_to_the_dateline():
    # htmldate's search of the visible text takes a comment's date or a copyright year (as 1 January).
    page = _page("<article><h1>Shelling in Daraa</h1>"
                 + "".join(f"<p>{s}</p>" for s in ARTICLE_SENTENCES[:3])
                 + '</article><div class="comments"><p>Posted 3 June 2019</p></div><footer>© 2021 Foo</footer>')
    reading = read_one(page)
    assert reading.published is None and reading.published_from == ""


def test_modified_date_is_not_taken_when_the_published_date_is_there():
    page = article_page(head_extra='<meta name="last-modified" content="2016-05-01">'
                                   '<meta http-equiv="last-modified" content="2016-05-01">')
    assert read_one(page).published == "2016-05-06T14:20"


def test_french_page_is_read_with_its_language():
    reading = read_one(FRENCH)
    assert reading.language == "fr"
    assert reading.text.startswith("Les combattants rebelles ont pris jeudi")
    assert reading.published == "2016-05-06T18:00"


@pytest.mark.parametrize("page, words", [
    (HOME_PAGE, "without an article"),
    (HOME_PAGE_OF_ARTICLES, "without an article"),
    (LOGIN_PAGE, "login or subscription page"),
    (ERROR_PAGE, "error page"),
    (PAYWALL_STUB, "without an article"),
    (_page(""), "without any text"),
    ("<html><head><title>x</title></head><body><script>var a = 1;</script></body></html>", "without any text"),
])
def test_pages_without_an_article_are_refused_in_one_line(page, words):
    with pytest.raises(InputError) as error:
        read_one(page)
    message = str(error.value)
    assert words in message and "\n" not in message and message.startswith("is ")
    assert "; save" in message


def test_mhtml_file_is_read_as_the_page_inside():
    page = MIMEMultipart("related", type="text/html")
    page["Subject"] = HEADLINE
    page["Snapshot-Content-Location"] = URL
    page["MIME-Version"] = "1.0"
    html = MIMEText(article_page().replace(f'<link rel="canonical" href="{URL}">', "")
                    .replace(f'<meta property="og:url" content="{URL}">', ""), "html", "utf-8")
    html["Content-Location"] = URL + "?from=mhtml"
    page.attach(html)
    image = MIMEImage(b"\x89PNG\r\n\x1a\n" + bytes(64), "png")
    image["Content-Location"] = "https://levant-observer.example/img/khan-touman.jpg"
    page.attach(image)
    data = page.as_bytes()
    assert sniff(data, "page.mhtml") == "mhtml"
    reading = read_one(data, "page.mhtml")
    for sentence in ARTICLE_SENTENCES:
        assert sentence in reading.text
    assert "Solomon Krupacek" not in reading.text
    assert reading.url == URL + "?from=mhtml"  # the part's Content-Location, as the page gives no address
    assert reading.published == "2016-05-06T14:20"


def test_mhtml_quoted_printable_in_its_charset():
    import email.charset

    charset = email.charset.Charset("windows-1252")
    charset.body_encoding = email.charset.QP
    message = MIMEMultipart("related")
    html = MIMEText(None, "html", charset)
    html.set_payload(article_page(charset="windows-1252").replace("Government forces", "Café owners"), charset)
    message.attach(html)
    data = message.as_bytes()
    assert b"quoted-printable" in data.lower()
    reading = read_one(data, "page.mht")
    assert "Café owners had held Khan Touman" in reading.text


def test_windows_1252_page_with_accents():
    page = article_page(charset="windows-1252").replace("Residents who fled", "Résidents of Ma’arrat who fled")
    reading = read_one(page.encode("cp1252"))
    assert "Résidents of Ma’arrat who fled" in reading.text
    assert reading.warnings == ()


def test_undeclared_charset_falls_back_and_says_so():
    page = article_page().replace('<meta charset="utf-8">', "").replace("Residents", "Résidents")
    reading = read_one(page.encode("cp1252"))
    assert "Résidents who fled" in reading.text
    assert reading.warnings and "Windows-1252" in reading.warnings[0]
    reading = read_one(b"\xef\xbb\xbf" + article_page().replace("Residents", "Résidents").encode("utf-8"))
    assert "Résidents who fled" in reading.text


@pytest.mark.parametrize("address", ["javascript:alert(1)", "data:text/html,<b>x</b>"])
def test_canonical_address_that_is_not_a_web_address_is_dropped(address):
    page = article_page().replace(f'<link rel="canonical" href="{URL}">', f'<link rel="canonical" href="{address}">')
    page = page.replace(f'<meta property="og:url" content="{URL}">', "")
    reading = read_one(page)
    assert reading.url == ""
    assert len(reading.warnings) == 1 and "not a web address" in reading.warnings[0]
    assert reading.source == "Levant Observer"


def test_source_is_the_domain_when_the_page_names_no_site():
    page = _page("<article>" + "".join(f"<p>{s}</p>" for s in ARTICLE_SENTENCES) + "</article>",
                 head='<link rel="canonical" href="https://www.syria-wire.example/a/1"><title>Khan Touman</title>')
    reading = read_one(page)
    assert reading.source == "syria-wire.example" and reading.url == "https://www.syria-wire.example/a/1"


@pytest.mark.parametrize("cut", [0.3, 0.6, 0.9])
def test_truncated_and_broken_pages_are_still_read(cut):
    page = article_page().encode("utf-8")
    data = page[:int(len(page) * cut)]
    try:
        readings = read(data, "cut.html")
    except InputError as error:
        assert "\n" not in str(error)
    else:
        assert readings[0].text == "" or ARTICLE_SENTENCES[0] in readings[0].text
    broken = article_page().replace("</p>", "").replace("</div>", "<div><span>").replace("<article>", "<td>")
    assert ARTICLE_SENTENCES[2] in read_one(broken).text


def test_huge_page_is_read_in_seconds():
    # What makes saved pages large: the app's state inlined as JSON, inline SVG icons, ad slots, menus.
    state = json.dumps({"items": [{"id": i, "headline": f"Teaser {i}", "date": "2016-05-01"} for i in range(40000)]})
    icons = "".join(f'<svg viewBox="0 0 24 24"><path d="M{i} 0L24 {i}Z"/></svg>' for i in range(10000))
    slots = "".join(f'<div class="ad-slot" id="ad{i}"><span>Advertisement</span></div>' for i in range(10000))
    menu = "".join(f'<li><a href="/topic/{i}">Topic {i}</a></li>' for i in range(5000))
    page = article_page().replace("<aside class=\"sidebar\">", f"<aside class=\"sidebar\">{slots}<ul>{menu}</ul>")
    page = page.replace("</body>", f"{icons}<script id=\"state\" type=\"application/json\">{state}</script></body>")
    data = page.encode("utf-8")
    assert len(data) > 4_000_000
    start = time.perf_counter()
    reading = read_one(data)
    assert time.perf_counter() - start < 30
    assert reading.text.startswith(ARTICLE_SENTENCES[0]) and "Teaser" not in reading.text
    assert "Advertisement" not in reading.text and "Topic" not in reading.text


def test_plain_text_does_not_load_trafilatura():
    import subprocess
    import sys

    code = ("import sys; from timeline.readers import read; read(b'Rebels attacked Atareb.', 'a.txt'); "
            "print('trafilatura' in sys.modules, 'lxml.html' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True).stdout.split() == ["False", "False"]


@pytest.fixture
def saved_pages(tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "khan-touman.html").write_text(article_page(), encoding="utf-8")
    (folder / "idlib-market.htm").write_text(div_soup_page(), encoding="utf-8")
    (folder / "home.html").write_text(HOME_PAGE, encoding="utf-8")
    return folder


def test_folder_of_saved_pages_gives_documents_with_the_pages_dates(saved_pages):
    problems: list[Problem] = []
    documents = {d.name: d for d in read_documents([str(saved_pages)], problems=problems)}
    assert set(documents) == {"khan-touman.html", "idlib-market.htm"}
    article = documents["khan-touman.html"]
    assert (article.published, article.published_from) == ("2016-05-06T14:20", "page metadata")
    assert (article.title, article.source, article.url) == (HEADLINE, "Levant Observer", URL)
    assert documents["idlib-market.htm"].published == "2016-05-09"
    assert [(p.name.endswith("home.html"), "without an article" in p.message) for p in problems] == [(True, True)]


def test_sidecar_overrides_the_page_metadata(saved_pages):
    (saved_pages / "articles.csv").write_text("file,published,title\nkhan-touman.html,2016-05-07,Own title\n")
    documents = {d.name: d for d in read_documents([str(saved_pages)])}
    article = documents["khan-touman.html"]
    assert (article.published, article.published_from, article.title) == ("2016-05-07", "sidecar", "Own title")
    assert article.source == "Levant Observer"


def test_chronology_from_saved_pages_has_no_event_from_the_page_around_the_article(saved_pages):
    result = CliRunner().invoke(cli, ["build", str(saved_pages), "-f", "json"])
    assert result.exit_code == 1, result.output  # the home page was left out, and said so
    assert "home.html: is a web page without an article" in result.stderr
    data = json.loads(result.stdout)
    assert {d["name"]: d["published"] for d in data["documents"]} == {
        "khan-touman.html": "2016-05-06T14:20", "idlib-market.htm": "2016-05-09"}
    events = data["events"]
    assert {e["document"] for e in events} == {"khan-touman.html", "idlib-market.htm"}
    assert any("Khan Touman" in e["sentence"] and e["date"] == "2016-05-05" for e in events)
    furniture = re.compile(r"<|>|\{|cookie|2047|2024|2021|Krupacek|Abu Omar|hospital bombed|Air strike hits|"
                           r"withdrawal|Ceasefire collapses|Read more|Related|Photo:|Copyright", re.I)
    for event in events:
        assert not furniture.search(event["sentence"]), event["sentence"]


@pytest.mark.parametrize("before", [
    "<!-- saved from url=(0054)https://levant-observer.example/2016/05/06/khan-touman -->\n",
    '<?xml version="1.0" encoding="utf-8"?>\n',
])
def test_pages_as_browsers_and_xhtml_save_them(before):
    data = (before + article_page().replace("<!DOCTYPE html>\n", "")).encode("utf-8")
    assert sniff(data, "page.html") == "html"
    assert read_one(data).text.startswith(ARTICLE_SENTENCES[0])


def test_mhtml_as_chrome_writes_it():
    import quopri

    body = quopri.encodestring(article_page().encode("utf-8")).replace(b"\n", b"\r\n")
    data = (b"From: <Saved by Blink>\r\nSnapshot-Content-Location: " + URL.encode() + b"\r\n"
            b"Subject: =?utf-8?Q?Rebels_retake?=\r\nDate: Fri, 6 May 2016 12:00:00 -0000\r\nMIME-Version: 1.0\r\n"
            b'Content-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="----MultipartBoundary--x"\r\n\r\n'
            b"------MultipartBoundary--x\r\nContent-Type: text/html\r\nContent-ID: <frame-1@mhtml.blink>\r\n"
            b"Content-Transfer-Encoding: quoted-printable\r\nContent-Location: " + URL.encode() + b"\r\n\r\n"
            + body + b"\r\n------MultipartBoundary--x--\r\n")
    assert sniff(data, "page.mhtml") == "mhtml"
    reading = read_one(data, "page.mhtml")
    assert reading.text.startswith(ARTICLE_SENTENCES[0]) and reading.url == URL and reading.author == "Leila Haddad"


def test_json_ld_of_many_objects_is_read_in_time_linear_in_them():
    """JSON-LD was walked as a queue kept in a list: 1 MB of objects before the article's took 6 seconds
    to read, 4 MB would take minutes."""
    import lxml.html

    from timeline.readers.html import _json_ld_article

    objects = [{"@type": "Thing"}] * 2000 + [{"@type": "NewsArticle", "author": {"name": "Leila Haddad"}}]
    tree = lxml.html.document_fromstring(article_page(head_extra=f'<script type="application/ld+json">'
                                                                  f'{json.dumps(objects)}</script>'))
    (article, _site), moved = list_items_moved(_json_ld_article, tree)
    assert article["author"] == {"name": "Leila Haddad"}
    assert moved <= 2 * len(objects), moved


def test_json_ld_nested_deeper_than_any_metadata_is_passed_over_and_the_article_read():
    """JSON nested a hundred thousand deep is no page's metadata: reading it ran out of stack, and the
    whole page, article and all, was skipped."""
    nested = "[" * 100_000 + "]" * 100_000
    (reading,) = read(article_page(head_extra=f'<script type="application/ld+json">{nested}</script>').encode(),
                      "page.html")
    assert reading.text.startswith(ARTICLE_SENTENCES[0]) and reading.author == "Leila Haddad"


def test_a_page_with_control_characters_around_a_block_left_out_is_read():
    """lxml keeps a vertical tab or \\x01 of a scraped page in its tree but refuses it in any text it is
    asked to set: leaving out a "Read more" block, whose text around it is joined, failed the page."""
    block = '<p>Read more: <a href="/siege">Another story about the siege today</a></p>\x0b\x01 after\ufffe'
    page = article_page().replace('<div class="article-body">', f'<div class="article-body">{block}', 1)
    (reading,) = read(page.encode(), "page.html")
    assert "siege today" not in reading.text and reading.text.startswith("after\n\n" + ARTICLE_SENTENCES[0])
