"""HTML: one self-contained page with a zoomable visual timeline, the events and their sources.

Everything is inline (CSS, script, data); a Content-Security-Policy forbids the
page to load anything, so it works offline and opening it contacts no one.  The
list of events is plain HTML (readable, printable and searchable without
script); the script adds the visual timeline above it: drag to pan, wheel or
the buttons to zoom, click a mark to go to its event.

Text from documents is escaped, and only http and https addresses become links.
The policy lets only the page's own script and style run, named by their hashes,
and the markup has no inline event handlers: a script or handler that a document
smuggled in would not run even if escaping failed.
"""
from __future__ import annotations

import base64
import datetime as dt
import hashlib
import html
import importlib.resources
import json
from typing import Any, BinaryIO, Iterator, Mapping

from ..chronology import Timeline
from ..hookspecs import hookimpl
from ..links import web_address
from .base import Exporter, write_pieces
from .records import display_date, event_time, mention_names, source_references


ASSETS = importlib.resources.files(__package__) / "assets"
# Kept in files of their own (an editor and a linter see CSS and JavaScript), still inlined into the one
# page; the policy's hashes are computed from these very texts.
STYLE = (ASSETS / "timeline.css").read_text(encoding="utf-8")
SCRIPT = (ASSETS / "timeline.js").read_text(encoding="utf-8")


def _source_hash(text: str) -> str:
    """A CSP source expression that allows exactly the inline element whose content is ``text``."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def content_security_policy(script: str = SCRIPT, style: str = STYLE) -> str:
    """The page's policy: nothing loaded from anywhere, and only the page's own script and style
    run, named by their hashes; an element injected by a document's text would not run even if
    escaping failed somewhere. No base or form target either, so no injected element redirects links."""
    return (f"default-src 'none'; script-src {_source_hash(script)}; style-src {_source_hash(style)}; "
            "img-src data:; base-uri 'none'; form-action 'none'")


CONTENT_SECURITY_POLICY = content_security_policy()


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


_SCRIPT_JSON_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                                      "\u2028": "\\u2028", "\u2029": "\\u2029"})


def _script_json(value: Any) -> str:
    """JSON that cannot close the <script> element it sits in (no ``<``, ``>`` or ``&``), and
    without the line and paragraph separators that older JavaScript parsers take for line ends."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_JSON_ESCAPES)


def _linked(label: str, url: str) -> str:
    """``label`` as a link to ``url`` when it is a web address; otherwise both as text."""
    address = web_address(url)
    if address:
        return f'<a href="{_e(address)}" rel="noopener noreferrer">{_e(label or address)}</a>'
    shown = f' <span class="url">{_e(url)}</span>' if url else ""
    return _e(label) + shown


def _source_links(event, documents) -> str:
    links = []
    for source in source_references(event, documents):
        label = source.title or source.document
        text = _linked(label, source.url)
        if source.publisher:
            text += f" ({_e(source.publisher)})"
        if label != source.document:
            text += f' <span class="file">{_e(source.document)}</span>'
        links.append(text)
    return "; ".join(links)


def _iso(event) -> str:
    clock = event_time(event)
    if clock is not None:
        return dt.datetime.combine(event.start, clock).isoformat(timespec="minutes")
    return event.start.isoformat()


def _timeline_data(events) -> Iterator[str]:
    """The events the script draws, as JSON written piece by piece."""
    yield '{"events":['
    for index, event in enumerate(events):
        item = {"start": event.start.isoformat(), "end": event.end.isoformat(), "date": display_date(event),
                "label": event.title, "coarse": event.precision not in ("day", "time")}
        yield ("," if index else "") + _script_json(item)
    yield "]}"


def _event_item(index: int, event, documents) -> str:
    mentions = []
    places, actors = mention_names(event.places), mention_names(event.actors)
    if places:
        mentions.append("Places: " + _e(", ".join(places)))
    if actors:
        mentions.append("Actors: " + _e(", ".join(actors)))
    return (
        f'<li id="event-{index}" class="event" data-start="{event.start.isoformat()}" '
        f'data-end="{event.end.isoformat()}" data-precision="{_e(event.precision)}">'
        f'<time datetime="{_iso(event)}">{_e(display_date(event))}</time>'
        f'<span class="precision">{_e(event.precision)}, {_e(event.date_source)}</span>'
        f'<p class="sentence">{_e(event.sentence)}</p>'
        + (f'<p class="mentions">{" · ".join(mentions)}</p>' if mentions else "")
        + f'<p class="sources">Source: {_source_links(event, documents)}</p></li>\n'
    )


def html_pieces(timeline: Timeline) -> Iterator[str]:
    """The page, piece by piece, so a page of any size is written with flat memory."""
    documents = {d.name: d for d in timeline.documents}
    events = timeline.events
    span = f"{display_date(events[0])} to {display_date(events[-1])}" if events else "no events"
    count_documents = len(timeline.documents) or len({e.document for e in events})
    yield "\n".join([
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy(SCRIPT, STYLE)}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="timeline">',
        f"<title>{_e(timeline.title)}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{_e(timeline.title)}</h1>",
        f'<p class="summary">{len(events)} events from {count_documents} documents, {_e(span)}</p>',
        "</header>",
        '<section id="timeline" aria-label="Visual timeline">',
        '<div class="controls"><button id="zoom-in" type="button" title="Zoom in (+)">+</button>'
        '<button id="zoom-out" type="button" title="Zoom out (-)">−</button>'
        '<button id="zoom-fit" type="button">Fit</button>'
        '<span class="hint">Drag to pan · wheel or +/− to zoom · click a mark for its event</span></div>',
        '<div id="viewport" role="region" aria-label="Events along time" tabindex="0"></div>',
        "</section>",
        "<main>",
        '<h2 id="events-heading">Events</h2>',
        '<ol class="events" aria-labelledby="events-heading">',
        "",
    ])
    for index, event in enumerate(events):
        yield _event_item(index, event, documents)
    yield ("</ol>\n<h2 id=\"documents-heading\">Documents</h2>\n"
           '<table class="documents"><thead><tr><th>Document</th><th>Title</th><th>Source</th>'
           "<th>Published</th></tr></thead><tbody>\n")
    for document in timeline.documents:
        title = _linked(document.title, document.url)
        yield (f"<tr><td>{_e(document.name)}</td><td>{title}</td><td>{_e(document.source)}</td>"
               f"<td>{_e(document.published or '')}</td></tr>\n")
    yield '</tbody></table>\n</main>\n<script type="application/json" id="timeline-data">'
    yield from _timeline_data(events)
    yield f"</script>\n<script>{SCRIPT}</script>\n</body>\n</html>\n"


def render_html(timeline: Timeline) -> str:
    return "".join(html_pieces(timeline))


def write_html(timeline: Timeline, stream: BinaryIO, options: Mapping[str, Any]) -> None:
    write_pieces(stream, html_pieces(timeline))


@hookimpl
def register_exporters(register):
    register(Exporter(name="html", write=write_html, suffixes=(".html", ".htm"),
                      description="One self-contained web page: a zoomable timeline, the events and their sources"))
