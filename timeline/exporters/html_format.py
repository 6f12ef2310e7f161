"""HTML: one self-contained page with a zoomable visual timeline, the events and their sources.

Everything is inline (CSS, script, data); a Content-Security-Policy forbids the
page to load anything, so it works offline and opening it contacts no one.  The
list of events is plain HTML (readable, printable and searchable without
script); the script adds the visual timeline above it: drag to pan, wheel or
the buttons to zoom, click a mark to go to its event.  Labels are placed by their
measured widths in rows, so none is drawn over another.  Beside it, a map drawn as
inline SVG from the country outlines the package ships (no tiles, nothing fetched),
in an equirectangular projection fitted to the located events, with a marker per
event (planned ones hollow and dashed).  Filters by type, actor, place and dates and
a search over titles and sentences narrow the list, the timeline and the map at once.

Text from documents is escaped, and only http and https addresses become links.
The policy lets only the page's own script and style run, named by their hashes,
and the markup has no inline event handlers: a script or handler that a document
smuggled in would not run even if escaping failed.
"""
from __future__ import annotations

import base64
import datetime as dt
import functools
import hashlib
import html
import importlib.resources
import json
import math
from dataclasses import dataclass
from typing import Any, BinaryIO, Iterator, Mapping

from ..chronology import Timeline
from ..hookspecs import hookimpl
from ..links import web_address
from .base import Exporter, write_pieces
from .records import (bidi_isolated, display_date, event_time, has_coordinates, mention_name, mention_names,
                      source_references)


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


def _text(value: Any) -> str:
    """A document's text as the content of an element, laid out beside other text: escaped, its
    direction marks kept to itself (records.bidi_isolated)."""
    return html.escape(bidi_isolated(str(value)), quote=True)


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
        return f'<a href="{_e(address)}" rel="noopener noreferrer">{_text(label or address)}</a>'
    shown = f' <span class="url">{_text(url)}</span>' if url else ""
    return _text(label) + shown


def _source_links(event, documents) -> str:
    links = []
    for source in source_references(event, documents):
        label = source.title or source.document
        text = _linked(label, source.url)
        if source.publisher:
            text += f" ({_text(source.publisher)})"
        if label != source.document:
            text += f' <span class="file">{_text(source.document)}</span>'
        links.append(text)
    return "; ".join(links)


def _iso(event) -> str:
    clock = event_time(event)
    if clock is not None:
        return dt.datetime.combine(event.start, clock).isoformat(timespec="minutes")
    return event.start.isoformat()


MAP_WIDTH = 480
MIN_MAP_SPAN = 2.0  # degrees: a map of one town still shows its surroundings


@functools.lru_cache(maxsize=1)
def country_outlines() -> tuple[tuple[str, tuple[float, float, float, float], tuple], ...]:
    """Natural Earth's 1:110m country outlines (public domain; see scripts/make_countries.py):
    name, bounding box (west, south, east, north) and polygons (lists of rings of [lon, lat])."""
    data = json.loads((importlib.resources.files("timeline") / "data" / "countries.geojson").read_text("utf-8"))
    countries = []
    for feature in data["features"]:
        polygons = feature["geometry"]["coordinates"]
        points = [point for polygon in polygons for point in polygon[0]]
        box = (min(p[0] for p in points), min(p[1] for p in points), max(p[0] for p in points), max(p[1] for p in points))
        countries.append((feature["properties"]["name"], box, polygons))
    return tuple(countries)


@dataclass(frozen=True)
class MapFrame:
    """An equirectangular projection fitted to the events' extent: x grows with longitude (scaled by
    the cosine of the middle latitude, so shapes are not stretched), y falls with latitude."""

    west: float
    south: float
    east: float
    north: float
    width: float = MAP_WIDTH

    @property
    def x_scale(self) -> float:
        return self.width / (self.east - self.west)

    @property
    def y_scale(self) -> float:
        return self.x_scale / max(0.2, math.cos(math.radians((self.north + self.south) / 2)))

    @property
    def height(self) -> float:
        return (self.north - self.south) * self.y_scale

    def point(self, longitude: float, latitude: float) -> tuple[float, float]:
        return round((longitude - self.west) * self.x_scale, 1), round((self.north - latitude) * self.y_scale, 1)


def map_frame(events) -> MapFrame | None:
    """The frame holding every located event with a margin, or None when none is located."""
    points = [(e.location.longitude, e.location.latitude) for e in events if has_coordinates(e)]
    if not points:
        return None
    west, east = min(p[0] for p in points), max(p[0] for p in points)
    south, north = min(p[1] for p in points), max(p[1] for p in points)
    margin = max(MIN_MAP_SPAN / 2, (east - west) * 0.1, (north - south) * 0.1)
    return MapFrame(max(-180, west - margin), max(-90, south - margin), min(180, east + margin), min(90, north + margin))


def _ring_path(frame: MapFrame, ring) -> str:
    points = [frame.point(lon, lat) for lon, lat in ring]
    return "M" + "L".join(f"{x:g},{y:g}" for x, y in points) + "Z"


def map_svg(events) -> str:
    """The map beside the timeline, as inline SVG: country outlines of the extent and one marker per
    located event (hollow and dashed when planned). Nothing is fetched: it is all in the page."""
    frame = map_frame(events)
    if frame is None:
        return '<p class="no-map">No event has a place with coordinates.</p>'
    parts = [f'<svg id="map-svg" viewBox="0 0 {frame.width:g} {frame.height:.1f}" role="img" '
             f'aria-label="Map of the located events"><g class="countries">']
    for name, (west, south, east, north), polygons in country_outlines():
        if east < frame.west or west > frame.east or north < frame.south or south > frame.north:
            continue
        path = "".join(_ring_path(frame, ring) for polygon in polygons for ring in polygon)
        parts.append(f'<path d="{path}"><title>{_e(name)}</title></path>')
    parts.append('</g><g class="map-points">')
    for index, event in enumerate(events):
        if not has_coordinates(event):
            continue
        x, y = frame.point(event.location.longitude, event.location.latitude)
        planned = " planned" if event.future else ""
        place = mention_name(event.location)
        parts.append(f'<circle class="map-marker{planned}" data-index="{index}" cx="{x:g}" cy="{y:g}" r="5">'
                     f'<title>{_text(display_date(event))}: {_text(event.title)} ({_text(place)})</title></circle>')
    parts.append("</g></svg>")
    return "".join(parts)


def _filter_choices(events) -> dict[str, list[str]]:
    choices: dict[str, set[str]] = {"type": set(), "actor": set(), "place": set()}
    for event in events:
        item = _filter_fields(event)
        choices["type"].add(item["type"])
        choices["actor"].update(item["actors"])
        if item["place"]:
            choices["place"].add(item["place"])
    return {name: sorted(values) for name, values in choices.items()}


def _filter_fields(event) -> dict[str, Any]:
    actors = [name for name in (mention_name(event.actor1), mention_name(event.actor2)) if name]
    actors += [name for name in mention_names(event.actors) if name not in actors]
    place = mention_name(event.location) if event.location is not None else ""
    return {"type": event.event_type or "unknown", "actors": actors,
            "place": place or (mention_names(event.places) or [""])[0]}


def _select(name: str, label: str, values: list[str]) -> str:
    options = "".join(f'<option value="{_e(v)}">{_text(v)}</option>' for v in values)
    return (f'<label>{label} <select id="filter-{name}" data-filter="{name}"><option value="">all</option>'
            f"{options}</select></label>")


def _filters(events) -> str:
    choices = _filter_choices(events)
    return (
        '<form id="filters" class="filters" role="search" aria-label="Filter the events">'
        '<label>Search <input id="filter-text" type="search" placeholder="words in titles and sentences"></label>'
        + _select("type", "Type", choices["type"]) + _select("actor", "Actor", choices["actor"])
        + _select("place", "Place", choices["place"])
        + '<label>From <input id="filter-from" type="date"></label><label>to <input id="filter-to" type="date"></label>'
        '<span id="filter-count" class="hint"></span></form>'
    )


def _timeline_data(events) -> Iterator[str]:
    """The events the script draws, as JSON written piece by piece."""
    yield '{"events":['
    for index, event in enumerate(events):
        item = {"start": event.start.isoformat(), "end": event.end.isoformat(), "date": display_date(event),
                "label": event.title, "coarse": event.precision not in ("day", "time"), "planned": event.future,
                **_filter_fields(event), "text": f"{event.title} {event.sentence}".lower()}
        yield ("," if index else "") + _script_json(item)
    yield "]}"


def _event_item(index: int, event, documents) -> str:
    mentions = []
    places, actors = mention_names(event.places), mention_names(event.actors)
    if places:
        mentions.append("Places: " + ", ".join(map(_text, places)))
    if actors:
        mentions.append("Actors: " + ", ".join(map(_text, actors)))
    planned = ' data-planned="true"' if event.future else ""
    coded = [x for x in (event.event_type if event.event_type != "unknown" else "", event.sub_event_type) if x]
    if event.fatalities is not None:
        coded.append(f"{event.fatalities.count} killed")
    return (
        f'<li id="event-{index}" class="event"{planned} data-start="{event.start.isoformat()}" '
        f'data-end="{event.end.isoformat()}" data-precision="{_e(event.precision)}">'
        f'<time datetime="{_iso(event)}">{_text(display_date(event))}</time>'
        + ('<span class="planned-mark">planned</span>' if event.future else "")
        + f'<span class="precision">{_text(event.precision)}, {_text(event.date_source)}</span>'
        + (f'<span class="coded">{" · ".join(map(_text, coded))}</span>' if coded else "")
        + f'<p class="sentence">{_text(event.sentence)}</p>'
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
        f"<title>{_text(timeline.title)}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{_text(timeline.title)}</h1>",
        f'<p class="summary">{len(events)} events from {count_documents} documents, {_text(span)}</p>',
        "</header>",
        _filters(events),
        '<div class="views">',
        '<section id="timeline" aria-label="Visual timeline">',
        '<div class="controls"><button id="zoom-in" type="button" title="Zoom in (+)">+</button>'
        '<button id="zoom-out" type="button" title="Zoom out (-)">−</button>'
        '<button id="zoom-fit" type="button">Fit</button>'
        '<span class="hint">Drag to pan · wheel or +/− to zoom · click a mark for its event</span></div>',
        '<div id="viewport" role="region" aria-label="Events along time" tabindex="0"></div>',
        "</section>",
        f'<section id="map" aria-label="Map of the events">{map_svg(events)}</section>',
        "</div>",
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
        yield (f"<tr><td>{_text(document.name)}</td><td>{title}</td><td>{_text(document.source)}</td>"
               f"<td>{_text(document.published or '')}</td></tr>\n")
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
