"""Each output read back by its real reader, and what a hostile document must never make of it.

Shared by tests/test_hostile_outputs.py (documents built through the command line) and
tests/test_export_properties.py (any text, through every exporter). Each ``read_*``
function parses one output and asserts that nothing in it is active: no script or
event handler but the page's own, no link to anything but http or https, no
spreadsheet formula, no calendar property or event that the data did not ask for.
"""
import base64
import csv
import hashlib
import html.parser
import io
import json
import re

import icalendar
import jsonschema
import openpyxl
from markdown_it import MarkdownIt
from test_export_timelinejs import SCHEMA as TIMELINEJS_SCHEMA

# What browsers ignore inside a URL's scheme (the WHATWG URL parser strips leading C0 controls and
# spaces, and tabs and line breaks anywhere), so "java\tscript:" is javascript: to them.
_URL_IGNORED = re.compile(r"[\t\n\r]")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "srcset", "poster", "data", "background",
                  "ping", "cite", "longdesc", "manifest", "codebase", "archive"}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
SIGNED_NUMBER = re.compile(r"[+-]\d+(?:\.\d+)?")
# The page's own markup: any other element in it came from a document.
PAGE_ELEMENTS = {"html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "p", "section", "div",
                 "button", "span", "main", "ol", "li", "time", "table", "thead", "tbody", "tr", "th", "td", "a",
                 "script", "form", "label", "input", "select", "option", "svg", "g", "path", "circle"}


def open_direction_marks(text: str) -> list[str]:
    """The direction marks (embeddings, overrides, isolates) ``text`` leaves open at its end, as the
    Unicode bidirectional algorithm pairs them: each one would turn the text after it around."""
    open_marks: list[str] = []
    for character in text:
        if character in "\u202a\u202b\u202d\u202e":
            open_marks.append("embedding")
        elif character in "\u2066\u2067\u2068":
            open_marks.append("isolate")
        elif character == "\u202c" and open_marks and open_marks[-1] == "embedding":
            open_marks.pop()
        elif character == "\u2069" and "isolate" in open_marks:
            while open_marks.pop() != "isolate":
                pass
    return open_marks


def link_scheme(url: str) -> str:
    """The scheme a browser sees in ``url`` ('' for a relative one)."""
    cleaned = _URL_IGNORED.sub("", url.lstrip("".join(map(chr, range(33)))))
    match = re.match(r"([a-zA-Z][a-zA-Z0-9+.-]*):", cleaned)
    return match.group(1).lower() if match else ""


def assert_web_link(url: str) -> None:
    assert link_scheme(url) in ("http", "https"), f"a link to {url!r}"


class Elements(html.parser.HTMLParser):
    """Every element of an HTML text, its attributes, and the text of its scripts."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._script: list[str] | None = None
        self.texts: list[str] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.elements.append((tag, attributes))
        if tag == "script":
            self._script = []
            self.scripts.append((attributes, ""))

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)
        else:
            self.texts.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts[-1] = (self.scripts[-1][0], "".join(self._script))
            self._script = None

    def tags(self) -> set[str]:
        return {tag for tag, _ in self.elements}

    def count(self, tag: str, **attributes: str) -> int:
        return sum(1 for t, a in self.elements if t == tag and all(a.get(k) == v for k, v in attributes.items()))


def assert_inert_markup(elements: Elements, allowed: set[str]) -> None:
    """Only the ``allowed`` elements, no event handler attribute, links only to web addresses, and
    no text that turns the text after it around (a direction mark left open)."""
    assert elements.tags() <= allowed, f"unexpected elements: {elements.tags() - allowed}"
    for text in elements.texts:
        assert not open_direction_marks(text), ascii(text)
    for tag, attributes in elements.elements:
        for name, value in attributes.items():
            assert not name.startswith("on"), f"<{tag} {name}=...>"
            if name in URL_ATTRIBUTES and value is not None:
                assert_web_link(value)


def read_html_page(data: bytes) -> dict:
    """The page's own two scripts and nothing else that runs; returns the events of its embedded data."""
    text = data.decode("utf-8")
    page = Elements(text)
    assert_inert_markup(page, PAGE_ELEMENTS)
    metas = [a for t, a in page.elements if t == "meta"]
    assert not any((a.get("http-equiv") or "").lower() == "refresh" for a in metas)
    policies = [a["content"] for a in metas if (a.get("http-equiv") or "").lower() == "content-security-policy"]
    assert len(policies) == 1 and "default-src 'none'" in policies[0] and "unsafe-inline" not in policies[0]
    assert len(page.scripts) == 2, [a for a, _ in page.scripts]
    (data_attributes, data_text), (code_attributes, code) = page.scripts
    assert data_attributes == {"type": "application/json", "id": "timeline-data"} and code_attributes == {}
    digest = base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in policies[0]
    assert "\u2028" not in data_text and "\u2029" not in data_text
    embedded = json.loads(data_text)
    assert page.count("li", **{"class": "event"}) == len(embedded["events"])
    return embedded


def read_html_fragment(text: str, allowed: set[str]) -> Elements:
    fragment = Elements(text)
    assert_inert_markup(fragment, allowed)
    assert not fragment.scripts
    return fragment


def read_markdown(data: bytes, events: int, table: bool = False) -> Elements:
    """CommonMark with raw HTML on (as most renderers have it): one list item or row per event."""
    text = data.decode("utf-8")
    destinations = re.findall(r"\]\(<([^>]*)>\)", text)
    for destination in destinations:  # renderers differ in the links they refuse
        assert_web_link(destination)
    parser = MarkdownIt("commonmark").enable("table")
    rendered = parser.render(text)
    allowed = {"h1", "h2", "ul", "li", "strong", "a", "p", "table", "thead", "tbody", "tr", "th", "td"}
    elements = read_html_fragment(rendered, allowed)
    # Each link written is read as that link (not as text, nor as an autolink made of its address).
    links = [token.markup for block in parser.parse(text) for token in block.children or () if token.type == "link_open"]
    assert links == [""] * len(destinations), links
    if table:
        assert elements.count("tr") == events + 1
    else:
        assert elements.count("li") == events
    return elements


def read_timelinejs(data: bytes, events: int) -> dict:
    """The schema, one slide per event, and every field TimelineJS shows as HTML inert."""
    loaded = json.loads(data.decode("utf-8"))
    jsonschema.validate(loaded, TIMELINEJS_SCHEMA)
    assert len(loaded["events"]) == events
    for slide in [loaded["title"], *loaded["events"]]:
        for field in (slide["text"].get("headline", ""), slide["text"].get("text", ""),
                      slide.get("display_date", ""), slide.get("group", "")):
            read_html_fragment(field, {"p", "a"})
    return loaded


def read_csv(data: bytes, events: int, excel: bool) -> list[list[str]]:
    text = data.decode("utf-8-sig" if excel else "utf-8")
    assert data.startswith(b"\xef\xbb\xbf") == excel
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert len(rows) == events + 1 and len({len(r) for r in rows}) == 1
    if excel:
        for row in rows[1:]:
            for cell in row:
                # A spreadsheet runs a cell that starts so (after the blanks it may trim) as a
                # formula, unless it is a signed number.
                cell = cell.lstrip(" ")
                assert not cell.startswith(FORMULA_STARTS) or SIGNED_NUMBER.fullmatch(cell), cell
        # Where the list separator is ";", a spreadsheet splits each line at every ";" (the quotes
        # around our comma-separated cells no longer open a cell): no piece may start a formula.
        for line in re.split(r"\r\n|\r|\n", text):
            for piece in line.split(";"):
                piece = piece.lstrip(' \t"')
                assert not piece.startswith(FORMULA_STARTS) or re.match(r"[+-]\d+(?:\.\d+)?(?:[,\s]|$)", piece), piece[:80]
    return rows


def read_acled(data: bytes, events: int, excel: bool = False) -> list[list[str]]:
    """ACLED's columns, one row per event (as CSV)."""
    rows = read_csv(data, events, excel)
    assert rows[0][0] == "event_date" and {"event_type", "notes", "fatalities"} <= set(rows[0]), rows[0]
    return rows


def excel_shows(value: str) -> str:
    """The text Excel shows for a cell's string: OOXML's ST_Xstring reads "_x" four hex digits "_"
    as the character of that code (openpyxl does not)."""
    return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda match: chr(int(match.group(1), 16)), value)


def read_xlsx(data: bytes, events: int) -> openpyxl.Workbook:
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    assert workbook["Events"].max_row == events + 1
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):  # no control character is shown either
                    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", excel_shows(cell.value)), cell.value
                if cell.hyperlink is not None:
                    assert_web_link(cell.hyperlink.target or "")
    return workbook


CALENDAR_PROPERTIES = {"PRODID", "VERSION", "CALSCALE", "X-WR-CALNAME", "NAME"}
EVENT_PROPERTIES = {"UID", "DTSTAMP", "DTSTART", "DTEND", "TRANSP", "SUMMARY", "DESCRIPTION", "URL", "LOCATION",
                    "CATEGORIES", "GEO"}


def read_ics(data: bytes, events: int) -> icalendar.Calendar:
    """One VEVENT per event, each with only the properties the exporter writes, on lines of their own."""
    calendar = icalendar.Calendar.from_ical(data)
    assert set(calendar.keys()) <= CALENDAR_PROPERTIES
    assert [c.name for c in calendar.subcomponents] == ["VEVENT"] * events
    for entry in calendar.subcomponents:
        assert set(entry.keys()) <= EVENT_PROPERTIES, set(entry.keys()) - EVENT_PROPERTIES
        assert not entry.subcomponents
        if "URL" in entry:
            assert_web_link(str(entry["URL"]))
    assert not re.search(rb"[\x00-\x08\x0a-\x1f\x7f]", data.replace(b"\r\n", b"")), "a control character"
    # Nor a C1 control, NEL, LS or PS: a reader splitting lines as Unicode does (str.splitlines) ends a line there.
    assert not re.search("[\x80-\x9f\u2028\u2029]", data.decode("utf-8")), "a C1 control or a Unicode line break"
    lines = re.sub(rb"\r\n[ \t]", b"", data).split(b"\r\n")
    assert lines[-1] == b"" and all(lines[:-1])
    assert lines.count(b"BEGIN:VEVENT") == lines.count(b"END:VEVENT") == events
    for line in lines[:-1]:
        name = re.match(rb"[A-Za-z0-9-]+", line).group(0).decode().upper()
        assert name in CALENDAR_PROPERTIES | EVENT_PROPERTIES | {"BEGIN", "END"}, line
    return calendar


_TERMINAL_CONTROLS = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def read_table(data: bytes) -> str:
    """Nothing a terminal would act on: no escape sequence or other control character but line ends."""
    text = data.decode("utf-8")
    assert not _TERMINAL_CONTROLS.search(text), repr(_TERMINAL_CONTROLS.search(text).group(0))
    return text


def read_geojson(data: bytes, located: int) -> dict:
    """RFC 7946 by python-geojson's validation: one Point per located event, links only to web addresses."""
    import geojson

    collection = geojson.loads(data.decode("utf-8"))
    assert collection.is_valid, collection.errors()
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) == located
    for feature in collection["features"]:
        assert feature["geometry"]["type"] == "Point"
        longitude, latitude = feature["geometry"]["coordinates"]
        assert -180 <= longitude <= 180 and -90 <= latitude <= 90
        if feature["properties"]["url"]:
            assert_web_link(feature["properties"]["url"])
    return collection


KML_NAMESPACE = "{http://www.opengis.net/kml/2.2}"
KML_PLACEMARK_CHILDREN = {"name", "description", "TimeSpan", "styleUrl", "ExtendedData", "Point"}


def read_kml(data: bytes, located: int):
    """Well-formed XML in the KML 2.2 namespace, one Placemark per located event, with only the
    elements the exporter writes (text cannot add one) and nothing that fetches anything."""
    import xml.etree.ElementTree as ET

    root = ET.fromstring(data)
    assert root.tag == f"{KML_NAMESPACE}kml"
    placemarks = root.findall(f"{KML_NAMESPACE}Document/{KML_NAMESPACE}Placemark")
    assert len(placemarks) == located
    for placemark in placemarks:
        children = {child.tag.removeprefix(KML_NAMESPACE) for child in placemark}
        assert children <= KML_PLACEMARK_CHILDREN, children
        longitude, latitude = map(float, placemark.findtext(f"{KML_NAMESPACE}Point/{KML_NAMESPACE}coordinates").split(","))
        # A description is HTML to Google Earth (a browser engine that runs scripts) and ArcGIS.
        read_html_fragment(placemark.findtext(f"{KML_NAMESPACE}description") or "", {"br", "b"})
        assert -180 <= longitude <= 180 and -90 <= latitude <= 90
    assert not any(element.tag.endswith(("href", "Link", "NetworkLink")) for element in root.iter())
    # Google Earth's default balloon puts the name and ExtendedData values into HTML unescaped: every
    # style's balloon must be the description alone.
    styles = root.findall(f"{KML_NAMESPACE}Document/{KML_NAMESPACE}Style")
    assert styles and all(style.findtext(f"{KML_NAMESPACE}BalloonStyle/{KML_NAMESPACE}text") == "$[description]"
                          for style in styles)
    return root
