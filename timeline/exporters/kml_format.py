"""KML 2.2 (Google Earth, QGIS, ATAK): a Placemark per event that has coordinates.

- Each Placemark has the title as ``name``, a ``description`` (the sentence, then what was
  coded: type, actors, place, fatalities, sources), a ``TimeSpan`` from the first to the last
  day the date covers (so the viewer's time slider plays the chronology) and a ``Point``
  whose coordinates are ``longitude,latitude`` (KML's order, like GeoJSON's).
- ``ExtendedData`` carries the same columns as the GeoJSON properties, for tools that read them
  as attributes (QGIS does).
- Planned events use the style ``#planned`` (a paler, smaller marker), the others ``#event``;
  both tint the viewer's own marker, so opening the file fetches no icon.
- All text is XML-escaped, and the characters XML 1.0 cannot hold (most control characters)
  are removed, so any document text gives a well-formed file.  A ``description`` is HTML to its
  readers (KML 2.2; Google Earth renders it in a browser engine that runs scripts, ArcGIS in a
  web view): its text is HTML-escaped before it is XML-escaped, lines joined by ``<br>``, so
  ``<script>`` in a sentence shows as those characters and no markup of a document's reaches it.
  The balloon is the description alone (its title first, in bold): Google Earth's default one would
  put the name and the ExtendedData values into its HTML as they are.
- Events without coordinates are left out, and how many is said on stderr.
"""
from __future__ import annotations

import re
from typing import Any, BinaryIO, Iterator, Mapping
from html import escape as html_escape
from xml.sax.saxutils import escape

from ..chronology import Timeline
from ..hookspecs import hookimpl
from .base import Exporter, write_pieces
from .records import LIST_SEPARATOR, bidi_isolated, display_date, located_events, map_properties

KML_NAMESPACE = "http://www.opengis.net/kml/2.2"
# What XML 1.0 cannot carry: control characters but tab and line breaks, lone surrogates, U+FFFE/U+FFFF.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# The viewer's own marker, tinted (KML colours are aabbggrr): no icon fetched from anywhere. The
# balloon is the description alone: Google Earth's own balloon puts the name and each ExtendedData
# value into its HTML as they are, so a title or outlet holding markup would run there.
BALLOON = "<BalloonStyle><text>$[description]</text></BalloonStyle>"
STYLES = (
    f'<Style id="event"><IconStyle><color>ff4d50c0</color></IconStyle>{BALLOON}</Style>\n'
    f'<Style id="planned"><IconStyle><color>664d50c0</color><scale>0.8</scale></IconStyle>{BALLOON}</Style>\n'
)


def xml_text(value: Any) -> str:
    """Text as XML element content or an attribute value in double quotes may hold it."""
    return escape(_NOT_XML.sub("", str(value)), {'"': "&quot;"})


def description_html(text: str) -> str:
    """Text as the HTML of a description balloon: escaped, each line break a ``<br>``, the direction
    marks of each line kept to it (records.bidi_isolated)."""
    return "<br>".join(html_escape(bidi_isolated(line), quote=False) for line in text.split("\n"))


def _balloon(event, properties: Mapping[str, Any]) -> str:
    """The description's HTML: the title in bold, then the description's lines."""
    return f"<b>{html_escape(bidi_isolated(event.title), quote=False)}</b><br>" + description_html(
        _description(event, properties))


def _description(event, properties: Mapping[str, Any]) -> str:
    lines = [event.sentence.strip(), "", f"Date: {display_date(event)} ({event.date})"]
    if properties["event_type"] != "unknown":
        lines.append("Type: " + " / ".join(x for x in (properties["event_type"], properties["sub_event_type"]) if x))
    if properties["actor1"] or properties["actor2"]:
        lines.append("Actors: " + " against ".join(x for x in (properties["actor1"], properties["actor2"]) if x))
    place = ", ".join(x for x in (properties["location"], properties["admin1"], properties["country"]) if x)
    if place:
        lines.append(f"Place: {place}" + (f" ({properties['geo_precision']})" if properties["geo_precision"] else ""))
    if properties["fatalities"] is not None:
        lines.append(f"Fatalities: {properties['fatalities']}")
    lines.append("Sources: " + LIST_SEPARATOR.join(properties["sources"]))
    if properties["url"]:
        lines.append(properties["url"])
    return "\n".join(lines)


def _data(properties: Mapping[str, Any]) -> str:
    fields = []
    for name, value in properties.items():
        if name in ("title", "sentence"):
            continue
        if isinstance(value, list):
            value = LIST_SEPARATOR.join(value)
        elif isinstance(value, bool):
            value = "true" if value else "false"
        elif value is None:
            value = ""
        fields.append(f'<Data name="{name}"><value>{xml_text(value)}</value></Data>')
    return "<ExtendedData>" + "".join(fields) + "</ExtendedData>"


def placemark(event, documents: Mapping[str, Any]) -> str:
    properties = map_properties(event, documents)
    location = event.location
    return (
        f"<Placemark><name>{xml_text(event.title)}</name>"
        f"<description>{xml_text(_balloon(event, properties))}</description>"
        f"<TimeSpan><begin>{event.start.isoformat()}</begin><end>{event.end.isoformat()}</end></TimeSpan>"
        f"<styleUrl>#{'planned' if event.future else 'event'}</styleUrl>{_data(properties)}"
        f"<Point><coordinates>{location.longitude!r},{location.latitude!r}</coordinates></Point></Placemark>\n"
    )


def kml_pieces(timeline: Timeline, options: Mapping[str, Any]) -> Iterator[str]:
    documents = {d.name: d for d in timeline.documents}
    yield f'<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="{KML_NAMESPACE}">\n<Document>\n'
    yield f"<name>{xml_text(timeline.title)}</name>\n" + STYLES
    for event in located_events(timeline, options, "kml"):
        yield placemark(event, documents)
    yield "</Document>\n</kml>\n"


def write_kml(timeline: Timeline, stream: BinaryIO, options: Mapping[str, Any]) -> None:
    write_pieces(stream, kml_pieces(timeline, options))


@hookimpl
def register_exporters(register):
    register(Exporter(name="kml", write=write_kml, suffixes=(".kml",),
                      description="KML 2.2 for Google Earth and GIS: a placemark per located event, with its time span"))
