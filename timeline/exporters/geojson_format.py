"""GeoJSON (RFC 7946): a FeatureCollection with one Point feature per event that has coordinates.

- Positions are ``[longitude, latitude]`` (RFC 7946 section 3.1.1: easting first), in WGS 84
  decimal degrees, which is the only coordinate system RFC 7946 allows (no ``crs`` member).
- Properties are the columns an analyst filters on (``records.map_properties``): date, start,
  end, precision, title, sentence, planned, event type and sub-type, actors, fatalities (a
  number, or null when none was reported), place, its region, country and precision, sources
  and url (only an http or https address; any other is left out, since map viewers make it a link).
- Events without coordinates cannot be features: they are left out, and how many is said on
  stderr, so a map never silently drops part of a chronology.
"""
from __future__ import annotations

import json
from typing import Any, BinaryIO, Iterator, Mapping

from ..chronology import Timeline
from ..hookspecs import hookimpl
from .base import Exporter, write_pieces
from .records import located_events, map_properties


def feature(event, documents: Mapping[str, Any]) -> dict[str, Any]:
    """The event as a GeoJSON Point feature."""
    location = event.location
    return {"type": "Feature",
            "geometry": {"type": "Point", "coordinates": [location.longitude, location.latitude]},
            "properties": map_properties(event, documents)}


def geojson_pieces(timeline: Timeline, options: Mapping[str, Any]) -> Iterator[str]:
    documents = {d.name: d for d in timeline.documents}
    yield '{"type": "FeatureCollection", "features": ['
    for index, event in enumerate(located_events(timeline, options, "geojson")):
        yield ("," if index else "") + "\n" + json.dumps(feature(event, documents), ensure_ascii=False)
    yield "\n]}\n"


def write_geojson(timeline: Timeline, stream: BinaryIO, options: Mapping[str, Any]) -> None:
    write_pieces(stream, geojson_pieces(timeline, options))


@hookimpl
def register_exporters(register):
    register(Exporter(name="geojson", write=write_geojson, suffixes=(".geojson",),
                      description="GeoJSON (RFC 7946): a point per located event, its columns as properties"))
