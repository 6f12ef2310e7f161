"""Feeds (RSS 0.9x, 1.0 and 2.0, Atom): one document per entry, read by feedparser.

feedparser is the reference parser for the formats as they are found, not as specified: it
reads malformed feeds with a lenient parser, resolves relative links and removes scripts from
the HTML of entries. An entry's text is its content (``content:encoded``, Atom ``content``),
else its summary, with the HTML reduced to plain text whose paragraphs stay apart.
"""
from __future__ import annotations

import datetime
import email.utils
import io
import re
from html.parser import HTMLParser

from ..temporal.values import parse_date_time
from .base import InputError, Reading
from .markup import bounded_attributes

# Elements whose text is never shown, and elements that end a line or a paragraph.
HIDDEN = frozenset({"script", "style", "noscript", "template", "head", "title", "iframe", "object"})
PARAGRAPHS = frozenset({"p", "div", "section", "article", "blockquote", "pre", "ul", "ol", "dl", "table",
                        "h1", "h2", "h3", "h4", "h5", "h6", "figure", "figcaption", "header", "footer",
                        "aside", "address", "hr", "main", "details", "summary"})
LINES = frozenset({"br", "li", "tr", "dt", "dd"})
_WHITESPACE = re.compile(r"\s+")
_SPACE = re.compile(r"[ \t\r\f\v\u00a0]+")
_BREAKS = re.compile(r"\n\s*\n\s*")
# A numeric character reference, whose number may name no character: half of a UTF-16 pair
# ("&#xD800;") or a number past U+10FFFF. feedparser's lenient parser turns the first into a
# string no output can write and fails on the second, losing the whole feed.
_CHARACTER_REFERENCE = re.compile(rb"&#([xX][0-9a-fA-F]{1,16}|[0-9]{1,16});")
# The encoding an XML declaration names (after a UTF-8 byte-order mark, if any).
_DECLARED_ENCODING = re.compile(rb"\A(?:\xef\xbb\xbf)?<\?xml[^>]*?encoding=[\"']([^\"'>]*)")


class _TextOfMarkup(HTMLParser):
    """The visible text of an HTML fragment, as lines and paragraphs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0
        self.preformatted = 0

    def handle_starttag(self, tag, attrs):
        if tag == "pre":
            self.preformatted += 1
        if tag in HIDDEN:
            self.hidden += 1
        elif tag in PARAGRAPHS:
            self.parts.append("\n\n")
        elif tag in LINES:
            self.parts.append("\n")

    def handle_startendtag(self, tag, attrs):
        if tag in PARAGRAPHS or tag in LINES:
            self.parts.append("\n\n" if tag in PARAGRAPHS else "\n")

    def handle_endtag(self, tag):
        if tag == "pre":
            self.preformatted = max(0, self.preformatted - 1)
        if tag in HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in PARAGRAPHS:
            self.parts.append("\n\n")
        elif tag in ("td", "th"):
            self.parts.append(" ")

    def handle_data(self, data):
        if not self.hidden:
            # Outside <pre>, a line break in the markup is a space like any other.
            self.parts.append(data if self.preformatted else _WHITESPACE.sub(" ", data))


def markup_text(markup: str) -> str:
    """Plain text of an HTML fragment: tags dropped, scripts and styles left out, blank lines
    between paragraphs, one line per ``<br>`` or list item, runs of spaces made one."""
    parser = _TextOfMarkup()
    parser.feed(markup)
    parser.close()
    lines = [_SPACE.sub(" ", line).strip() for line in "".join(parser.parts).split("\n")]
    return _BREAKS.sub("\n\n", "\n".join(lines)).strip()


def read(data: bytes, name: str = "") -> list[Reading]:
    """One Reading per entry of the feed in ``data``; an entry without text is an empty Reading
    with a warning (it is left out, the rest of the feed is read). ``name`` is the feed's address
    when it was fetched (relative links are resolved against it)."""
    import feedparser

    # The media type that lets the XML declaration name the encoding (RFC 7303).
    headers = {"content-type": "application/xml"}
    if re.match(r"https?://", name, re.I):
        headers["content-location"] = name
    # A stream, never the bytes themselves: given a string, feedparser would open it as a path or a URL.
    warnings: list[str] = []
    data = bounded_attributes(data, warnings)
    parsed = feedparser.parse(io.BytesIO(_characters_only(_ascii_declaration(data))), response_headers=headers)
    if parsed.bozo and not parsed.entries:
        why = _parse_error(parsed) or "unreadable"
        raise InputError(f"is a feed that is not well-formed XML ({why}); save it again or check the link")
    if not parsed.entries:
        raise InputError("is a feed without entries")
    feed = parsed.feed
    source = _one_line(feed.get("title", ""))
    readings = [_entry_reading(entry, number, source, feed.get("language", ""))
                for number, entry in enumerate(parsed.entries, 1)]
    if not any(reading.text for reading in readings):
        raise InputError("is a feed whose entries have no text, only titles and links; "
                         "give the links of the articles instead")
    first = next(index for index, reading in enumerate(readings) if reading.text)
    for warning in warnings:
        readings[first] = _with_warning(readings[first], warning)
    if parsed.bozo:
        why = _parse_error(parsed)
        readings[first] = _with_warning(readings[first], f"is part of a feed that is not well-formed XML ({why}); "
                                        "it was read leniently, entries may be missing")
    return readings


def _ascii_declaration(data: bytes) -> bytes:
    """``data`` with the encoding its XML declaration names written in ASCII (a damaged byte as an escape):
    feedparser fails on the whole feed when the name is not UTF-8, and reads it leniently when the name is
    one of no encoding."""
    declared = _DECLARED_ENCODING.match(data)
    if declared is None or declared.group(1).isascii():
        return data
    name = declared.group(1).decode("ascii", "backslashreplace").encode("ascii")
    return data[:declared.start(1)] + name + data[declared.end(1):]


def _characters_only(data: bytes) -> bytes:
    """``data`` with each reference to a number that is no character made U+FFFD's."""
    if b"&#" not in data:
        return data
    return _CHARACTER_REFERENCE.sub(_character_or_replacement, data)


def _character_or_replacement(match: re.Match) -> bytes:
    digits = match.group(1)
    number = int(digits[1:], 16) if digits[:1] in (b"x", b"X") else int(digits)
    return match.group(0) if number <= 0x10FFFF and not 0xD800 <= number <= 0xDFFF else b"&#xFFFD;"


def _entry_reading(entry, number: int, source: str, language: str) -> Reading:
    content = _entry_content(entry)
    title = _one_line(markup_text(entry.get("title", "")))
    if content is None:
        text = ""
    else:
        value, kind, content_language = content
        text = markup_text(value) if "html" in kind else value.strip()
        language = content_language or language
    link = entry.get("link", "").strip()
    author = entry.get("author_detail", {}).get("name") or entry.get("author", "")
    published = _entry_published(entry)
    web = bool(re.match(r"https?://", link, re.I))
    reading = Reading(
        text=text,
        title=title,
        source=source,
        url=link if web else "",
        published=published,
        published_from="feed entry" if published else "",
        language=language,
        author=_one_line(author),
    )
    if not text:
        what = f"{title!r}" if title else "without a title"
        return _with_warning(reading, f"is entry {number} of the feed ({what}), which has no text; it is left out")
    if link and not web:  # a javascript: or data: link, or one relative to an address the feed does not give
        return _with_warning(reading, f"gives the entry address {link[:60]!r}, which is not a web address; "
                                      "it is left out")
    return reading


def _entry_content(entry) -> tuple[str, str, str] | None:
    """The entry's fullest text with its media type and language: its content, else its summary."""
    for part in entry.get("content", ()):
        if part.get("value", "").strip():
            return part["value"], part.get("type", "text/html"), part.get("language") or ""
    detail = entry.get("summary_detail") or {}
    summary = entry.get("summary", "")
    if summary.strip():
        return summary, detail.get("type", "text/html"), detail.get("language") or ""
    return None


def _entry_published(entry) -> str | None:
    """The entry's publication date (else its last update) as written in the feed, in the time zone
    it is written in: an article published at 01:00 in Kyiv is dated that day, not the day before
    in UTC. feedparser's own parse, in UTC, is the fallback for formats read here is not."""
    for key in ("published", "updated", "created"):
        written = entry.get(key, "").strip()
        if not written:
            continue
        moment = _parse_written(written)
        if moment is not None:
            return moment
        parsed = entry.get(f"{key}_parsed")
        if parsed:
            return datetime.datetime(*parsed[:5]).strftime("%Y-%m-%dT%H:%M")
    return None


def _parse_written(written: str) -> str | None:
    try:  # RFC 822, as RSS 2.0 writes it: "Fri, 04 Nov 2016 10:30:00 +0200"
        moment = email.utils.parsedate_to_datetime(written)
    except (TypeError, ValueError, IndexError):
        moment = None
    if moment is not None:
        return moment.strftime("%Y-%m-%dT%H:%M")
    parsed = parse_date_time(written)  # RFC 3339, as Atom writes it
    if parsed is None:
        return None
    day, time = parsed
    return f"{day}T{time}" if time else day


def _parse_error(parsed) -> str:
    """What the XML parser said, with the place it says it ("<unknown>:2:36: ...") made readable."""
    said = _one_line(str(parsed.get("bozo_exception", "")))
    place = re.match(r"<unknown>:(\d+):(\d+): (.*)", said)
    return f"{place[3]} at line {place[1]}, column {place[2]}" if place else said


def _with_warning(reading: Reading, warning: str) -> Reading:
    from dataclasses import replace

    return replace(reading, warnings=(*reading.warnings, warning))


def _one_line(text: str) -> str:
    return " ".join(text.split())
