"""Feeds and web addresses: entries as documents, pages fetched from a server on 127.0.0.1
through the cache, and one line for each way a fetch fails."""
from __future__ import annotations

import importlib.util
import json
import re
import socket
import sys
import types
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from click.testing import CliRunner

from timeline import __version__
from timeline.cli import cli
from timeline.documents import Input, find_inputs, read_documents
from timeline.readers import InputError, Reading, read, sniff
from timeline.readers import web
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
PAGE = (b"<!DOCTYPE html><html><head><title>Port hit again</title></head><body><article>"
        b"<p>A missile struck the port of Odesa on Thursday 3 November 2016, officials said.</p>"
        b"<p>The strike hit a grain terminal and two warehouses near the harbour entrance, the regional "
        b"governor told reporters, and fires burned through the night before crews brought them under control.</p>"
        b"<p>Port workers said the terminal had reopened only a week earlier after repairs to its cranes.</p>"
        b"</article></body></html>")
ARTICLE = (b"---\ntitle: Port hit again\npublished: 2016-11-04\n---\n"
           b"A missile struck the port of Odesa on Thursday, officials said.\n")


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


def test_a_feed_declaring_an_encoding_name_that_is_not_utf8_is_read_leniently():
    """A damaged byte in the encoding's name made feedparser fail on the whole feed (a bug report)."""
    data = rss().replace(b'encoding="utf-8"', b'encoding="utf\x908"', 1)
    assert b'encoding="utf\x908"' in data
    readings = read(data, "news.rss")
    assert len(readings) == len(ENTRIES) and readings[0].text.startswith("Missiles struck the port of Odesa")
    assert "document declared as utf\\x908" in readings[0].warnings[0]


def test_markup_text_keeps_paragraphs_and_drops_scripts():
    markup = ("<div><h2>Title</h2><p>One  <b>bold</b>\n word.</p><style>p{}</style><ul><li>a</li><li>b</li></ul>"
              "<p>Line<br>break &eacute;</p><script>x()</script></div>")
    assert markup_text(markup) == "Title\n\nOne bold word.\n\na\nb\n\nLine\nbreak é"


def test_arguments_that_are_addresses_become_web_inputs(tmp_path):
    (tmp_path / "a.txt").write_text("text")
    found = list(find_inputs(["https://news.example/a?b=1", "HTTP://news.example/", "ftp://x/y",
                              str(tmp_path / "a.txt")]))
    assert [(i.url, i.name, i.path) for i in found[:3]] == [
        ("https://news.example/a?b=1", "https://news.example/a?b=1", None),
        ("HTTP://news.example/", "HTTP://news.example/", None),
        ("ftp://x/y", "ftp://x/y", None)]
    assert found[3].url is None and found[3].path == tmp_path / "a.txt"
    assert web.user_agent() == f"timeline/{__version__} (+https://pypi.org/project/news-timeline)"


class Site:
    """A web server on 127.0.0.1 with a page for every case, counting the requests it gets."""

    def __init__(self):
        self.requests: list[tuple[str, str]] = []
        self.stopping = threading.Event()
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                site.requests.append((self.path, self.headers.get("User-Agent", "")))
                route = site.routes.get(self.path.split("?")[0])
                if route is None:
                    return self.answer(404, b"<html><body>Not here</body></html>", "text/html")
                route(self)

            def answer(self, status, body=b"", content_type="text/plain; charset=utf-8", headers=(), length=True):
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                for name, value in headers:
                    self.send_header(name, value)
                if length:
                    self.send_header("Content-Length", str(len(body)))
                else:
                    self.send_header("Connection", "close")
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        def slow(handler):
            site.stopping.wait(3)  # longer than the read timeout the tests set
            if not site.stopping.is_set():
                handler.answer(200, ARTICLE)

        def huge_unannounced(handler):
            handler.close_connection = True
            handler.answer(200, b"word " * 40_000, length=False)

        self.routes = {
            "/article.txt": lambda h: h.answer(200, ARTICLE),
            "/feed.xml": lambda h: h.answer(200, rss(), "application/rss+xml"),
            "/page.html": lambda h: h.answer(200, PAGE, "text/html; charset=utf-8"),
            "/to-page": lambda h: h.answer(302, b"", headers=[("Location", "/page.html")]),
            "/to-missing": lambda h: h.answer(307, b"", headers=[("Location", "/missing")]),
            "/to-ftp": lambda h: h.answer(301, b"", headers=[("Location", "ftp://127.0.0.1/file")]),
            "/to-metadata": lambda h: h.answer(302, b"", headers=[("Location", "http://169.254.169.254/latest/")]),
            "/to-localhost": lambda h: h.answer(302, b"", headers=[
                ("Location", f"http://localhost:{h.server.server_port}/article.txt")]),
            "/gone": lambda h: h.answer(410, b"gone"),
            "/login": lambda h: h.answer(403, b"<html><form>Sign in</form></html>", "text/html"),
            "/moved": lambda h: h.answer(301, b"", headers=[("Location", "/article.txt")]),
            "/loop-a": lambda h: h.answer(302, b"", headers=[("Location", "/loop-b")]),
            "/loop-b": lambda h: h.answer(302, b"", headers=[("Location", "/loop-a")]),
            "/slow": slow,
            "/huge": lambda h: h.answer(200, b"word " * 40_000),
            "/huge-unannounced": huge_unannounced,
            "/busy": lambda h: h.answer(503, b"busy"),
        }
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return self.base + path

    def count(self, path: str) -> int:
        return sum(1 for requested, _ in self.requests if requested == path)

    def stop(self):
        self.stopping.set()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def site(tmp_path, monkeypatch):
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(web, "READ_TIMEOUT", 0.5)
    monkeypatch.setattr(web, "CONNECT_TIMEOUT", 2.0)
    monkeypatch.setattr(web, "BACKOFF_FACTOR", 0.0)
    monkeypatch.setattr(web, "RETRIES", 2)
    running = Site()
    try:
        yield running
    finally:
        running.stop()


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def build(*args):
    return CliRunner().invoke(cli, ["build", *args, "-f", "json", "-q"], env={"TIMELINE_LOAD_PLUGINS": ""})


def documents_of(result) -> dict[str, dict]:
    return {d["name"]: d for d in json.loads(result.stdout)["documents"]}


def test_pages_are_fetched_once_then_read_from_the_cache(site, tmp_path):
    article, feed, moved = site.url("/article.txt"), site.url("/feed.xml"), site.url("/moved")
    first = build(article, feed, moved, "-j", "2")
    assert first.exit_code == 0, first.output
    assert "Skipped" not in first.stderr and "Traceback" not in first.output
    documents = documents_of(first)
    assert documents[article]["url"] == article and documents[article]["published"] == "2016-11-04"
    assert documents[article]["title"] == "Port hit again"
    # A redirect: the document's url is where the page was found.
    assert documents[moved]["url"] == article and documents[moved]["published"] == "2016-11-04"
    assert [documents[f"{feed}#{n}"]["url"] for n in (1, 2, 3)] == [e[1] for e in ENTRIES]
    assert [documents[f"{feed}#{n}"]["published"] for n in (1, 2, 3)] == [e[3] for e in ENTRIES]
    assert documents[f"{feed}#1"]["source"] == "Black Sea News"
    assert (site.count("/article.txt"), site.count("/feed.xml"), site.count("/moved")) == (2, 1, 1)
    assert {agent for _, agent in site.requests} == {web.user_agent()}
    assert web.user_agent().startswith(f"timeline/{__version__} ")

    cached = sorted(p.name for p in (tmp_path / "cache" / "pages").iterdir())
    assert len(cached) == 6 and all(name.endswith((".json", ".body")) for name in cached)
    metadata = json.loads(next((tmp_path / "cache" / "pages").glob("*.json")).read_text())
    assert {"url", "final_url", "content_type", "sha256"} <= set(metadata)

    requests = len(site.requests)
    again = build(article, feed, moved, "-j", "1")
    assert again.exit_code == 0, again.output
    assert len(site.requests) == requests, "a second run fetches nothing"
    assert documents_of(again) == documents

    site.stop()
    offline = build(article, feed, moved, "--offline")
    assert offline.exit_code == 0, offline.output
    assert documents_of(offline) == documents


def test_a_page_out_on_the_internet_may_not_redirect_to_this_machine(site, monkeypatch):
    """The test site stands in for a public one (its 127.0.0.1 is taken for a public address); its
    redirects to localhost and to a cloud machine's metadata address are refused in one line each,
    and nothing is asked of them."""
    resolve = web._addresses
    monkeypatch.setattr(web, "_addresses", lambda host: ["93.184.215.14"] if host == "127.0.0.1" else resolve(host))
    result = build(site.url("/article.txt"), site.url("/to-localhost"), site.url("/to-metadata"), "-j", "1")
    assert result.exit_code == 1 and "Traceback" not in result.output
    skipped = sorted(line for line in result.stderr.splitlines() if line.startswith("Skipped: "))
    assert skipped == [
        f"Skipped: {site.url('/to-localhost')}: redirects to http://localhost:{site.server.server_address[1]}/article.txt, an address "
        "on this machine or its local network; open it in a browser, save the page and give the file",
        f"Skipped: {site.url('/to-metadata')}: redirects to http://169.254.169.254/latest/, an address on this "
        "machine or its local network; open it in a browser, save the page and give the file",
    ]
    assert site.count("/article.txt") == 1
    # Given on this machine, the same site may redirect within it.
    monkeypatch.setattr(web, "_addresses", resolve)
    assert build(site.url("/to-localhost"), "-j", "1").exit_code == 0


def test_offline_without_the_page_in_the_cache(site):
    result = build(site.url("/article.txt"), "--offline")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"Skipped: {site.url('/article.txt')}: is not in the cache (--offline); run once without --offline")
    assert site.requests == []


def test_each_bad_address_is_one_line_and_the_run_goes_on(site):
    port = closed_port()
    bad = {
        site.url("/missing"): "returned 404 Not Found; check the link",
        site.url("/gone"): "returned 410 Gone; check the link",
        site.url("/to-missing"): f"was redirected to {site.url('/missing')}, which returned 404 Not Found; check",
        site.url("/to-ftp"): "redirects to ftp://127.0.0.1/file, which is not an http(s) link; save the page",
        site.url("/login"): "needs a login (403 Forbidden); save the page from your browser and give the file",
        site.url("/loop-a"): f"redirects in a loop (back to {site.url('/loop-a')}); open it in a browser",
        site.url("/slow"): "stopped sending for 0.5 s (read timeout); try again later",
        site.url("/huge"): "is 0.2 MB, more than the 0.1 MB limit; raise the limit with --max-size",
        site.url("/huge-unannounced"): "is larger, more than the 0.1 MB limit; raise the limit with --max-size",
        site.url("/busy"): "returned 503 Service Unavailable (3 tries); try again later",
        f"http://127.0.0.1:{port}/article": "refused the connection (127.0.0.1); check the link",
        "ftp://127.0.0.1/article.txt": "is not an http(s) link; give an http:// or https:// address",
    }
    started = time.monotonic()
    result = build(site.url("/article.txt"), *bad, "--max-size", "0.1", "-j", "2")
    elapsed = time.monotonic() - started
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    skipped = [line for line in result.stderr.splitlines() if line.startswith("Skipped: ")]
    assert len(skipped) == len(bad), result.stderr
    for url, message in bad.items():
        lines = [line for line in skipped if line.startswith(f"Skipped: {url}: ")]
        assert len(lines) == 1 and message in lines[0], (url, lines)
    assert f"{len(bad)} input(s) skipped" in result.stderr
    assert list(documents_of(result)) == [site.url("/article.txt")]
    assert site.count("/busy") == 3 and site.count("/loop-a") == 1 and site.count("/loop-b") == 1
    assert elapsed < 10
    # Nothing that failed was kept: the next run asks again.
    assert web.read_cached(site.url("/missing")) is None and web.read_cached(site.url("/huge")) is None


def test_a_cached_page_is_checked_against_its_digest(site, tmp_path):
    url = site.url("/article.txt")
    page = web.fetch(url)
    assert page.body == ARTICLE and page.url == url and page.content_type.startswith("text/plain")
    assert web.fetch(url).cached and site.count("/article.txt") == 1
    metadata_file, body_file = web.cache_paths(url)
    body_file.write_bytes(b"changed")
    assert web.read_cached(url) is None
    assert not web.fetch(url).cached and site.count("/article.txt") == 2


def test_no_cache_folder_means_every_run_fetches(site, monkeypatch):
    monkeypatch.setenv("TIMELINE_CACHE_DIR", "")
    url = site.url("/article.txt")
    assert web.fetch(url).body == ARTICLE and web.fetch(url).body == ARTICLE
    assert site.count("/article.txt") == 2
    with pytest.raises(InputError, match="not in the cache"):
        web.fetch(url, offline=True)


def test_a_path_that_looks_like_an_address_is_still_a_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "http:").mkdir()
    (tmp_path / "http:" / "x.txt").write_text("A strike on 4 November 2016.")
    [found] = find_inputs(["http://x.txt"])
    assert found.url is None and found.path.read_text().startswith("A strike")


def test_a_fetched_web_page_goes_to_the_html_reader(site, monkeypatch):
    if importlib.util.find_spec("timeline.readers.html") is None:
        # Without the HTML reader here, a stand-in that gives what it gives for a page without a canonical link.
        stand_in = types.ModuleType("timeline.readers.html")
        stand_in.read = lambda data, name: [Reading(re.sub(r"<[^>]+>", " ", data.decode()).strip(),
                                                    title="Port hit again")]
        monkeypatch.setitem(sys.modules, "timeline.readers.html", stand_in)
    page, redirect = site.url("/page.html"), site.url("/to-page")
    result = build(page, redirect, "-j", "1")
    assert result.exit_code == 0, result.output
    documents = documents_of(result)
    # The page names no canonical address: its url is the one it was fetched from, after redirects.
    assert documents[page]["url"] == page and documents[redirect]["url"] == page
    assert documents[page]["title"] == "Port hit again"
    assert web.read_cached(redirect).content_type == "text/html; charset=utf-8"
