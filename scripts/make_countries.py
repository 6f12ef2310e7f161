"""Make timeline/data/countries.geojson, the base map of the html page, from Natural Earth.

Natural Earth's 1:110m Admin 0 countries (public domain, naturalearthdata.com), as geopandas
0.14 ships it (``geopandas/datasets/naturalearth_lowres``): unzip that folder from the wheel
(``pip download geopandas==0.14.4 --no-deps``) and run

    python scripts/make_countries.py path/to/naturalearth_lowres.shp

Needs pyshp. Coordinates are rounded to 0.01 degree (about a kilometre, finer than the
1:110m outlines themselves), which keeps the file small.
"""
import json
import sys
from pathlib import Path

import shapefile

OUTPUT = Path(__file__).resolve().parent.parent / "timeline" / "data" / "countries.geojson"


def _ring(points):
    ring = []
    for x, y in points:
        point = [round(x, 2), round(y, 2)]
        if not ring or ring[-1] != point:
            ring.append(point)
    return ring


def main(path: str) -> None:
    reader = shapefile.Reader(path)
    names = [field[0] for field in reader.fields[1:]]
    features = []
    for record, shape in zip(reader.records(), reader.shapes()):
        fields = dict(zip(names, record))
        geometry = shape.__geo_interface__  # pyshp tells outer rings from holes
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        polygons = [[_ring(ring) for ring in polygon] for polygon in polygons]
        polygons = [[ring for ring in polygon if len(ring) >= 4] for polygon in polygons if len(polygon[0]) >= 4]
        features.append({"type": "Feature", "properties": {"name": fields["name"], "iso_a3": fields["iso_a3"]},
                         "geometry": {"type": "MultiPolygon", "coordinates": polygons}})
    collection = {"type": "FeatureCollection", "features": features}
    OUTPUT.write_text(json.dumps(collection, separators=(",", ":"), ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{OUTPUT}: {len(features)} countries, {OUTPUT.stat().st_size:,} bytes")


if __name__ == "__main__":
    main(sys.argv[1])
