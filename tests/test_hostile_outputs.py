"""Documents written to attack their readers, built through the command line into every format.

Each output is read back by its real reader (tests/output_readers.py): nothing a document
holds (its text, title, outlet, url or file name) may run, link to anything but a web
address, become a spreadsheet formula or add a calendar property or event.
"""
import csv
import json
import re
import subprocess
from urllib.parse import unquote

import pytest
from click.testing import CliRunner
from markdown_it import MarkdownIt
from output_readers import (excel_shows, read_acled, read_csv, read_geojson, read_html_page, read_ics, read_kml, read_markdown,
                            read_table, read_timelinejs, read_xlsx)
from test_export_properties import calendar_summary
from test_html import CHROMIUM_FLAGS, _chromium

from timeline.cli import cli
from timeline.documents import on_one_line
from timeline.exporters.records import printable

PAYLOAD = "document.title='pwned'"
PAGE_TITLE = "Hostile corpus"
DOCUMENTS = {
    "script.txt": (f"<script>{PAYLOAD}</script> Rebels captured the town on 6 May 2016.\n"
                   f"</script><script>{PAYLOAD}</script> Aircraft struck the market on 9 May 2016.\n"
                   f"<img src=x onerror={PAYLOAD}> Jets struck Aleppo on 10 May 2016.\n"),  # a place: on maps
    "quotes.txt": (f'"><img src=x onerror="{PAYLOAD}"> Talks resumed in Geneva on 12 May 2016.\n'
                   "' onmouseover='document.title=\"pwned\"' The convoy left on 14 May 2016.\n"),
    "separators.txt": "A ceasefire\u2028began on 16 May 2016.\u2029It held until 18 May 2016.\n",
    "formulas.txt": ('=HYPERLINK("http://example.invalid/steal","click") was posted on 20 May 2016.\n'
                     "+1 more shelling was reported on 21 May 2016.\n"
                     "-- a strike hit the bridge on 22 May 2016.\n"
                     "@everyone the bridge was closed on 23 May 2016.\n"),
    # A spreadsheet whose list separator is ";" starts a cell after each ";" and each line break.
    "semicolons.txt": ('Troops left;=HYPERLINK("http://example.invalid/steal","x"); the base on 1 May 2016.\n'
                       "Shelling went on for hours;\t\"@SUM(1+1)*cmd|' /C calc'!A0\" on 2 May 2016.\n"),
    "entities.txt": "The &lt;b&gt;army&lt;/b&gt; &#106;oined the talks on 3 May 2016.\n",  # text, not markup
    "ooxml.txt": "_x0041_ troops and _x0007_ shelling hit the bridge on 4 May 2016.\n",  # Excel's escapes
    "terminal.txt": ("The convoy waited at the crossing for most of the day while the talks went on.\n" * 12
                     + "Rebels \x1b]0;pwned\x07\x1b[31mattacked\x1b[0m Atareb on 7 May 2016.\rSpoofed\r\n"),
    "bidi.txt": "The army shelled \u202egnp.exe\u2067 the town on 5 May 2016.\n",  # text turned around
    "lines.txt": "The siege of the old town ended on 25 May 2016.\r\nAid entered on 26 May 2016.\r\n",
    f"\"><svg onload={PAYLOAD}>.txt": "Shelling resumed on 28 May 2016.\n",
    "\x1b]0;pwned\x07\x1b[2Jreport.txt": "The window title changed on 24 May 2016.\n",  # terminal escapes
}
# file: (title, source, url); every url but the last two is one that must never become a link.
SIDECAR = {
    "script.txt": (f"<script>{PAYLOAD}</script>", f"</script><script>{PAYLOAD}</script>",
                   "javascript:alert(document.domain)"),
    "quotes.txt": (f'"onmouseover="{PAYLOAD}', "<img src=x onerror=alert(1)>", " JaVaScRiPt:alert(1)"),
    "separators.txt": ("[click](javascript:alert(1))", "@SUM(1+1)*cmd|' /C calc'!A0",
                       "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="),
    "formulas.txt": ('=HYPERLINK("http://example.invalid","x")', "-2+3", "file:///etc/passwd"),
    "lines.txt": ("Siege\r\nBEGIN:VEVENT\r\nSUMMARY:smuggled\r\nEND:VEVENT", "+Wire\nURL:javascript:alert(1)",
                  "https://example.org/report?a=\"><script>x</script>&amp;b=&lt;\\"),
    f"\"><svg onload={PAYLOAD}>.txt": ("vbscript", "Outlet", "vbscript:msgbox(1)"),
    "bidi.txt": ("Report \u202egnp.exe", "\u2069\u202eOutlet \u202c\u202c\u202b", ""),
}
# Documents of other kinds, read by their own readers: their metadata is written by strangers too.
FEED = ("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\"><channel>"
        "<title>Feed &#xD800; &lt;script&gt;x&lt;/script&gt;</title><link>https://example.org/</link>"
        "<item><title>Entry &#xDC00; &#1114112; \u202egnp.exe</title><link>javascript:alert(1)</link>"
        "<pubDate>Mon, 30 May 2016 10:00:00 GMT</pubDate>"
        "<description>&lt;p&gt;Rebels attacked Idlib &amp;#xD83D; on 2 May 2016.&lt;script&gt;x&lt;/script&gt;&lt;/p&gt;"
        "</description></item></channel></rss>\n")
FILLER = " ".join(["People in the region waited for news of the convoy as the roads stayed closed."] * 6)
PAGE = ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>T &#xD800;</title>"
        "<meta property=\"og:type\" content=\"article\">"
        "<meta property=\"og:image\" content=\"data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;\">"
        "<meta property=\"og:url\" content=\"&#106;avascript:alert(1)\">"
        "<link rel=\"canonical\" href=\" &#x0A;JaVaScRiPt:alert(1)\">"
        "<script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", \"headline\": "
        "\"<a href=\\\"javascript:alert(1)\\\">x</a><!-- \\u2028 <\\/script>\", "
        "\"datePublished\": \"2016-05-30T10:00:00Z\", \"publisher\": {\"name\": \"Pub\\u2029lisher\"}}</script>"
        f"</head><body><article><h1>Heading</h1><p>Rebels shelled Aleppo on 3 May 2016. {FILLER}</p>"
        f"<p>{FILLER} <a href=\"javascript:alert(1)\">click</a></p></article></body></html>\n")
OTHER_KINDS = {"feed.xml": (FEED, "feed.xml"), "page.html": (PAGE, "page.html")}
NOT_LINKS = {"script.txt", "quotes.txt", "separators.txt", "formulas.txt", f"\"><svg onload={PAYLOAD}>.txt"}
FORMATS = [("json", ".json", ()), ("csv", ".csv", ()), ("csv", ".excel.csv", ("--excel",)),
           ("xlsx", ".xlsx", ()), ("ics", ".ics", ("--ics-ranges",)), ("markdown", ".md", ()),
           ("html", ".html", ()), ("timelinejs", ".timeline.json", ()), ("table", ".txt", ()),
           ("geojson", ".geojson", ()), ("kml", ".kml", ()), ("acled", ".acled.csv", ()),
           ("acled", ".excel.acled.csv", ("--excel",))]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile") / "corpus"
    folder.mkdir()
    for name, text in DOCUMENTS.items():
        (folder / name).write_bytes(text.encode("utf-8"))
    for name, (text, _read_as) in OTHER_KINDS.items():
        (folder / name).write_text(text, encoding="utf-8")
    with open(folder / "articles.csv", "w", newline="", encoding="utf-8") as sidecar:
        writer = csv.writer(sidecar)
        writer.writerow(["file", "title", "source", "url", "published"])
        for name, (title, source, url) in SIDECAR.items():
            writer.writerow([name, title, source, url, "2016-05-30"])
    return folder


@pytest.fixture(scope="module")
def outputs(corpus):
    """Every format built from the corpus: {suffix: (bytes, stderr)}."""
    built = {}
    for format_name, suffix, options in FORMATS:
        target = corpus.parent / f"out{suffix}"
        result = CliRunner().invoke(cli, ["build", str(corpus), "-f", format_name, "-o", str(target), "-q",
                                          "--title", PAGE_TITLE, *options], env={"TIMELINE_LOAD_PLUGINS": ""})
        assert result.exit_code == 0, (format_name, result.output)
        built[suffix] = (target.read_bytes(), result.stderr)
    return built


@pytest.fixture(scope="module")
def saved(outputs):
    return json.loads(outputs[".json"][0])


def test_every_document_was_read_with_its_metadata(saved):
    documents = {d["name"]: d for d in saved["documents"]}
    assert set(documents) == set(DOCUMENTS) | {read_as for _text, read_as in OTHER_KINDS.values()}
    for name, (title, source, url) in SIDECAR.items():
        read = (documents[name]["title"], documents[name]["source"], documents[name]["url"])
        # A sidecar's cells are trimmed, and a one-line field is put on one line where it is read.
        assert read == tuple(on_one_line(value.strip()) for value in (title, source, url))
    assert {e["document"] for e in saved["events"]} == set(documents)
    # A character reference to half of a UTF-16 pair, or past U+10FFFF, is no character: U+FFFD.
    assert documents["feed.xml"]["title"] == "Entry \ufffd \ufffd \u202egnp.exe"
    assert documents["feed.xml"]["source"] == "Feed \ufffd <script>x</script>"
    assert documents["page.html"]["url"] == ""


def test_each_url_that_will_not_be_a_link_is_a_warning_naming_its_document(outputs):
    warnings = [line for line in outputs[".json"][1].splitlines() if line.startswith("Warning:")]
    for name in NOT_LINKS:
        assert any(name in line and "never made a link" in line for line in warnings), name
    # Its address is a link; its title and outlet on several lines are each said once, made one line.
    said = [line.split(": ", 2)[2] for line in warnings if "lines.txt" in line]
    assert [message.split(" ", 2)[1] for message in said] == ["title", "source"]
    assert all(message.endswith("holds line breaks or control characters; they were made spaces")
               for message in said)
    assert all("\r" not in line and "\t" not in line for line in warnings)  # one line each


def test_csv_reads_back_cell_for_cell(outputs, saved):
    rows = read_csv(outputs[".csv"][0], len(saved["events"]), excel=False)
    # Cell for cell, but for terminal control characters (records.printable).
    assert [row[rows[0].index("title")] for row in rows[1:]] == [printable(e["title"]) for e in saved["events"]]


def test_csv_for_excel_holds_no_formula(outputs, saved):
    rows = read_csv(outputs[".excel.csv"][0], len(saved["events"]), excel=True)
    assert any(cell.startswith("'=HYPERLINK") for row in rows for cell in row)


def test_xlsx_holds_no_formula_and_links_only_to_the_web(outputs, saved):
    workbook = read_xlsx(outputs[".xlsx"][0], len(saved["events"]))
    documents = workbook["Documents"]
    links = [c.hyperlink.target for row in documents.iter_rows() for c in row if c.hyperlink is not None]
    assert links == [SIDECAR["lines.txt"][2]]
    header = [cell.value for cell in next(workbook["Events"].iter_rows())]
    shown = [excel_shows(row[header.index("sentence")].value) for row in workbook["Events"].iter_rows(min_row=2)]
    assert sorted(shown) == sorted(printable(e["sentence"]) for e in saved["events"])  # as the documents wrote them


def test_ics_has_one_vevent_per_event_and_no_smuggled_property(outputs, saved):
    calendar = read_ics(outputs[".ics"][0], len(saved["events"]))
    summaries = sorted(str(e["SUMMARY"]) for e in calendar.subcomponents)
    assert summaries == sorted(calendar_summary(e["title"]) for e in saved["events"])
    assert {str(e["URL"]) for e in calendar.subcomponents if "URL" in e} == {SIDECAR["lines.txt"][2]}


@pytest.mark.parametrize("title", ["Siege\r\nBEGIN:VEVENT\r\nSUMMARY:smuggled", "Siege\rURL:javascript:x", "a\nb"])
def test_ics_calendar_name_stays_one_property(tmp_path, corpus, saved, title):
    """The calendar's name cannot start a line of its own: --title on several lines is a usage
    error, and a saved chronology's title on several lines is written on one."""
    target = tmp_path / "titled.ics"
    result = CliRunner().invoke(cli, ["build", str(corpus), "-f", "ics", "-o", str(target), "--title", title, "-q",
                                      "--ics-ranges"],
                                env={"TIMELINE_LOAD_PLUGINS": ""})
    assert result.exit_code == 2 and "give it on one line" in result.stderr and not target.exists()
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(dict(saved, title=title)), encoding="utf-8")
    result = CliRunner().invoke(cli, ["export", str(edited), "-f", "ics", "-o", str(target), "--ics-ranges"],
                                env={"TIMELINE_LOAD_PLUGINS": ""})
    assert result.exit_code == 0, result.output
    calendar = read_ics(target.read_bytes(), len(saved["events"]))
    assert str(calendar["X-WR-CALNAME"]) == " ".join(title.split())


def test_markdown_renders_no_html_and_links_only_to_the_web(outputs, saved):
    elements = read_markdown(outputs[".md"][0], len(saved["events"]))
    hrefs = {unquote(a["href"]) for tag, a in elements.elements if tag == "a"}  # the renderer %-encodes
    assert hrefs == {SIDECAR["lines.txt"][2]}
    rendered = MarkdownIt("commonmark").render(outputs[".md"][0].decode("utf-8"))
    assert "The &amp;lt;b&amp;gt;army&amp;lt;/b&amp;gt; &amp;#106;oined" in rendered  # shown as the document wrote it


def test_html_page_runs_only_its_own_script(outputs, saved):
    embedded = read_html_page(outputs[".html"][0])
    assert [e["label"] for e in embedded["events"]] == [e["title"] for e in saved["events"]]
    page = outputs[".html"][0].decode("utf-8")
    assert page.count('href="') == page.count('href="https://example.org/report?a=&quot;&gt;&lt;script&gt;x')


def test_timelinejs_fields_hold_no_markup_of_their_own(outputs, saved):
    loaded = read_timelinejs(outputs[".timeline.json"][0], len(saved["events"]))
    texts = " ".join(e["text"]["text"] for e in loaded["events"])
    assert texts.count("<a ") == sum(1 for e in saved["events"] if e["document"] == "lines.txt")


def test_text_shows_the_control_characters_it_read_without_running_them(corpus, saved):
    """`timeline text` prints what events point into: each control character is shown by a character
    of its own (ESC as U+241B), so a document cannot set the terminal's title or clear it, and the
    offsets still hold."""
    result = CliRunner().invoke(cli, ["text", str(corpus / "terminal.txt")], env={"TIMELINE_LOAD_PLUGINS": ""})
    assert result.exit_code == 0, result.output
    printed = result.stdout_bytes.decode("utf-8")
    read_table(printed.replace("\r\n", "\n").encode("utf-8"))
    assert "Rebels \u241b]0;pwned\u2407\u241b[31mattacked" in printed and "2016.\u240dSpoofed\r\n" in printed
    for event in (e for e in saved["events"] if e["document"] == "terminal.txt"):
        start, end = event["offset"]
        assert printed[start:end] == event["sentence"].translate({0x1b: 0x241b, 0x07: 0x2407, 0x0d: 0x240d})
    metadata = CliRunner().invoke(cli, ["text", str(corpus), "--metadata"], env={"TIMELINE_LOAD_PLUGINS": ""})
    read_table(metadata.stdout_bytes)
    assert all(json.loads(line) for line in metadata.stdout.splitlines())


def _located(saved) -> int:
    return sum(1 for e in saved["events"] if (e.get("location") or {}).get("latitude") is not None)


def test_maps_and_acled_read_back_with_nothing_active(outputs, saved):
    assert _located(saved) >= 2  # Aleppo and Idlib are on the map
    read_geojson(outputs[".geojson"][0], _located(saved))
    read_kml(outputs[".kml"][0], _located(saved))
    read_acled(outputs[".acled.csv"][0], len(saved["events"]))
    read_acled(outputs[".excel.acled.csv"][0], len(saved["events"]), excel=True)


def test_table_holds_no_terminal_control(outputs):
    table = read_table(outputs[".txt"][0])
    # The title is there, wrapped in its column as the table's default columns leave it room.
    assert "Rebels" in table and "captured" in table.split("Rebels", 1)[1]
    # No direction mark that would turn a row around: the file name reads as it is written.
    assert not re.search("[\u202a-\u202e\u2066-\u2069]", table) and "gnp.exe" in table


def _exported(path, folder):
    """(format, suffix, bytes) of the saved chronology at ``path`` exported to every format."""
    for format_name, suffix, options in FORMATS:
        target = folder / f"out{suffix}"
        result = CliRunner().invoke(cli, ["export", str(path), "-f", format_name, "-o", str(target), *options],
                                    env={"TIMELINE_LOAD_PLUGINS": ""})
        assert result.exit_code == 0, (format_name, result.output)
        yield format_name, suffix, target.read_bytes()


def test_a_hand_edited_chronology_exports_without_active_links(tmp_path, saved):
    """A saved chronology is a document too: its urls are checked again on export."""
    edited = json.loads(json.dumps(saved))
    for document in edited["documents"]:
        document["url"] = "javascript:alert(document.domain)"
    for event in edited["events"]:
        event["url"] = "java\nscript:alert(1)"
        event["title"] = "\x1b]0;pwned\x07\x9b2J" + event["title"]
        for source in event.get("sources") or []:
            source["url"] = "data:text/html,<script>alert(1)</script>"
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(edited), encoding="utf-8")
    events = len(edited["events"])
    for format_name, suffix, data in _exported(path, tmp_path):
        if suffix == ".html":
            read_html_page(data)
            assert b"<a " not in data
        elif suffix == ".md":
            assert not [a for tag, a in read_markdown(data, events).elements if tag == "a"]
        elif suffix == ".timeline.json":
            assert "<a " not in json.dumps(read_timelinejs(data, events))
        elif suffix == ".ics":
            assert not [e for e in read_ics(data, events).subcomponents if "URL" in e]
        elif suffix == ".xlsx":
            workbook = read_xlsx(data, events)
            assert not [c for s in workbook.worksheets for r in s.iter_rows() for c in r if c.hyperlink]
        elif suffix == ".txt":
            read_table(data)
        elif suffix == ".geojson":
            assert not [f for f in read_geojson(data, _located(edited))["features"] if f["properties"]["url"]]
        elif suffix == ".kml":
            read_kml(data, _located(edited))
        elif suffix.endswith("acled.csv"):
            read_acled(data, events, excel="excel" in suffix)


@pytest.mark.parametrize("layout", ["as written", "one line"])
def test_a_saved_chronology_with_lone_surrogates_exports_to_every_format(tmp_path, outputs, saved, layout):
    """JSON may escape half of a UTF-16 pair on its own: it is read as U+FFFD, in the layout
    timeline writes (read line by line) as in any other."""
    written = outputs[".json"][0].decode("utf-8")
    if layout == "as written":
        edited = written.replace('"title": "', '"title": "\\ud800 ').replace('"url": "', '"url": "\\udfff')
    else:
        data = json.loads(written)
        data["title"] = "T \udcff"
        for event in data["events"]:
            event["sentence"] = "\ud83d " + event["sentence"]
            event["places"] = [{"name": "\ud800", "text": "x\udc00", "kind": "city"}]
        edited = json.dumps(data)
    assert "\\ud" in edited
    path = tmp_path / "surrogates.json"
    path.write_text(edited, encoding="utf-8")
    for format_name, suffix, data in _exported(path, tmp_path):
        if format_name == "xlsx":
            assert "\ufffd" in str([c.value for row in read_xlsx(data, len(saved["events"]))["Events"].iter_rows()
                                    for c in row])
        else:
            assert "\ufffd".encode() in data, format_name
    assert "\ufffd" in json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["events"][0]["sentence" if
                                                                                             layout != "as written" else "title"]


def _chromium_load(page_path, profile, log_errors=True):
    """The DOM Chromium made of the page, and what it logged."""
    arguments = [_chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--window-size=1280,900",
                 "--virtual-time-budget=3000"]
    if log_errors:
        arguments += ["--enable-logging=stderr", "--v=0"]
    loaded = subprocess.run([*arguments, "--dump-dom", page_path.as_uri()], capture_output=True, text=True,
                            timeout=120)
    assert loaded.returncode == 0, loaded.stderr[-2000:]
    return loaded.stdout, loaded.stderr


def _console_problems(log: str) -> list[str]:
    return [line for line in log.splitlines()
            if "CONSOLE" in line or "Content Security Policy" in line or "Refused to" in line or "Uncaught" in line]


@pytest.mark.skipif(_chromium() is None, reason="Chromium is not installed (apt-get install chromium); "
                                                "the html page cannot be rendered")
def test_chromium_runs_the_page_and_nothing_a_document_wrote(outputs, saved, tmp_path):
    page_path = tmp_path / "hostile.html"
    page_path.write_bytes(outputs[".html"][0])
    dom, log = _chromium_load(page_path, tmp_path / "profile")
    assert f"<title>{PAGE_TITLE}</title>" in dom and "pwned" not in re.search(r"<title>.*?</title>", dom).group(0)
    assert f'data-rendered="{len(saved["events"])}"' in dom  # the page's own script ran under its policy
    assert not _console_problems(log), _console_problems(log)


@pytest.mark.skipif(_chromium() is None, reason="Chromium is not installed (apt-get install chromium); "
                                                "the html page cannot be rendered")
def test_chromium_blocks_script_that_escaping_missed(outputs, saved, tmp_path):
    """Were escaping to fail, the policy would still stop an injected script and event handler."""
    page = outputs[".html"][0].decode("utf-8")
    injected = (f"<script>{PAYLOAD}</script><img src=\"data:,x\" onerror=\"{PAYLOAD}\">"
                f"<svg onload=\"{PAYLOAD}\"></svg><a id=\"trap\" href=\"javascript:{PAYLOAD}\">x</a>")
    page_path = tmp_path / "injected.html"
    page_path.write_text(page.replace("<main>", "<main>" + injected, 1), encoding="utf-8")
    dom, log = _chromium_load(page_path, tmp_path / "profile")
    assert f"<title>{PAGE_TITLE}</title>" in dom
    assert f'data-rendered="{len(saved["events"])}"' in dom
    assert any("Content Security Policy" in line for line in log.splitlines())  # the browser refused them


def test_a_reader_that_returns_lone_surrogates_gives_writable_text():
    """Any reader (a PDF's text layer, say) may hand back half of a UTF-16 pair: it becomes U+FFFD,
    one character for one so that offsets hold, with a warning."""
    from timeline.readers import Reading, without_lone_surrogates

    reading = without_lone_surrogates(Reading(text="Aleppo \ud800 on 6 May", title="T \udfff", url="https://x.org/"))
    assert (reading.text, reading.title, reading.url) == ("Aleppo \ufffd on 6 May", "T \ufffd", "https://x.org/")
    assert len(reading.warnings) == 1 and "surrogates" in reading.warnings[0]
    clean = Reading(text="Aleppo on 6 May")
    assert without_lone_surrogates(clean) is clean


@pytest.mark.parametrize("suffix, options", [(".xlsx", ()), (".csv", ("--excel",))])
def test_a_spreadsheet_imported_unedited_corrects_nothing(tmp_path, corpus, suffix, options):
    """What the spreadsheet writers guard or escape ("'" before a would-be formula, Excel's
    "_x0041_" escapes) is undone on import: an unedited sheet changes no title."""
    db = tmp_path / "war.db"
    env = {"TIMELINE_LOAD_PLUGINS": ""}
    assert CliRunner().invoke(cli, ["build", str(corpus), "-q", "-o", str(db)], env=env).exit_code == 0
    sheet = tmp_path / f"sheet{suffix}"
    assert CliRunner().invoke(cli, ["export", str(db), "-o", str(sheet), *options], env=env).exit_code == 0
    result = CliRunner().invoke(cli, ["import", str(db), str(sheet)], env=env)
    assert result.exit_code == 0 and ": 0 correction(s)" in result.stdout, result.output


@pytest.mark.parametrize("text", ["a;=1+1", 'left; "@SUM(1)', "x\n-2+3", "=1;+2", "-33.5", "plain; text", "  =1+1",
                                  " -33.5"])
def test_csv_guards_are_undone_on_import(text):
    from timeline.exporters.csv_format import neutralise_formula
    from timeline.spreadsheets import _unguarded

    assert _unguarded(neutralise_formula(text)) == text


def test_blanks_before_a_formula_do_not_hide_it():
    """A spreadsheet that trims the blanks of cells on import would run "  =1+1"."""
    from timeline.exporters.csv_format import neutralise_formula

    assert neutralise_formula("  =1+1") == "'  =1+1" and neutralise_formula(" @SUM(1)") == "' @SUM(1)"
    assert neutralise_formula(" -33.5") == " -33.5"


def test_a_plugin_file_cannot_forge_lines_or_send_escapes(tmp_path):
    """A plugin that fails is one warning line, whatever its file name and error hold."""
    folder = tmp_path / "plugins"
    folder.mkdir()
    (folder / "evil\x1b]0;pwned\x07.py").write_text('raise RuntimeError("boom\\x1b[2J\\nSkipped: forged")\n')
    (folder / "fine.py").write_text("X = 1\n")
    result = CliRunner().invoke(cli, ["plugins", "--plugins-dir", str(folder)], env={"TIMELINE_LOAD_PLUGINS": ""})
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Warning: plugin evil") and "forged" in lines[0]
    read_table(result.stdout_bytes + result.stderr_bytes)


def test_metadata_too_long_for_its_field_is_cut_and_said(tmp_path):
    """Every output repeats a document's title, outlet and url beside each event: a page's
    megabyte-long og:title must not make every output a gigabyte."""
    filler = " ".join(["People waited for news of the convoy as the roads stayed closed."] * 6)
    dated = " ".join(f"Rebels shelled Aleppo on {day} May 2016." for day in range(1, 21))
    page = ('<html><head><meta property="og:type" content="article">'
            f'<meta property="og:title" content="{"T" * 200_000}"><meta property="og:site_name" content="{"S" * 5000}">'
            f'<link rel="canonical" href="https://example.org/{"a" * 200_000}"></head>'
            f"<body><article><p>{dated} {filler}</p><p>{filler}</p></article></body></html>")
    (tmp_path / "big.html").write_text(page, encoding="utf-8")
    target = tmp_path / "out.html"
    result = CliRunner().invoke(cli, ["build", str(tmp_path / "big.html"), "-o", str(target), "-q"],
                                env={"TIMELINE_LOAD_PLUGINS": ""})
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if "big.html: its " in line]
    assert [line.split(": its ")[1].split()[0] for line in warnings] == ["title", "source", "url"]
    assert "200,000 characters long" in warnings[0] and warnings[2].endswith("it is left out")
    embedded = read_html_page(target.read_bytes())
    assert len(embedded["events"]) >= 20 and target.stat().st_size < 200_000
