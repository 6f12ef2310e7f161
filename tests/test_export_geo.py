"""The map formats (geojson, kml) and the ACLED-style CSV, each read back by its real reader."""
import csv
import io
import json
import xml.etree.ElementTree as ET

import geojson
import pytest
from click.testing import CliRunner
from test_export_samples import LOCATED_IN_CODED, coded_timeline, export, sample_timeline

from timeline.cli import cli

KML = "{http://www.opengis.net/kml/2.2}"


def _features(data: bytes) -> list:
    collection = geojson.loads(data.decode("utf-8"))
    assert collection.is_valid, collection.errors()
    assert collection["type"] == "FeatureCollection"
    return collection["features"]


def test_geojson_has_a_point_per_located_event_longitude_first(tmp_path):
    result, output = export(tmp_path, coded_timeline(), "-f", "geojson")
    assert result.exit_code == 0, result.stderr
    features = _features(output)
    assert len(features) == LOCATED_IN_CODED
    clash = next(f for f in features if f["properties"]["event_type"] == "Battles")
    assert clash["geometry"] == {"type": "Point", "coordinates": [37.1343, 36.2021]}
    expected = {"date": "2016-11-03", "start": "2016-11-03", "end": "2016-11-03", "sub_event_type": "Armed clash",
                "actor1": "Rebels", "actor2": "Government forces", "fatalities": 12, "location": "Aleppo",
                "geo_precision": "town", "sources": ["a.txt", "b.txt"], "url": "https://example.org/a",
                "planned": False}
    assert {k: clash["properties"][k] for k in expected} == expected
    assert clash["properties"]["sentence"].startswith("Rebels launched an offensive")
    planned = next(f for f in features if f["properties"]["planned"])
    assert planned["properties"]["fatalities"] == 0 and planned["properties"]["geo_precision"] == "country"
    # The events without coordinates (no place, or a place not on the map) are counted on stderr.
    total = len(coded_timeline().events)
    assert f"geojson: {total - LOCATED_IN_CODED} of {total} events left out: their place has no coordinates" \
        in result.stderr


def test_geojson_of_an_uncoded_chronology_is_an_empty_valid_collection(tmp_path):
    result, output = export(tmp_path, sample_timeline(), "-o", str(tmp_path / "out.geojson"))
    assert result.exit_code == 0, result.stderr
    assert _features((tmp_path / "out.geojson").read_bytes()) == []
    assert "left out" in result.stderr


def test_kml_placemarks_with_time_spans_and_points(tmp_path):
    path = tmp_path / "map.kml"
    result, _ = export(tmp_path, coded_timeline(), "-o", str(path))
    assert result.exit_code == 0, result.stderr
    root = ET.parse(path).getroot()
    assert root.tag == f"{KML}kml"
    placemarks = root.findall(f"{KML}Document/{KML}Placemark")
    assert len(placemarks) == LOCATED_IN_CODED
    clash = next(p for p in placemarks if p.findtext(f"{KML}name").startswith("Rebels launched"))
    assert clash.findtext(f"{KML}Point/{KML}coordinates") == "37.1343,36.2021"
    assert clash.findtext(f"{KML}TimeSpan/{KML}begin") == "2016-11-03"
    assert clash.findtext(f"{KML}TimeSpan/{KML}end") == "2016-11-03"
    description = clash.findtext(f"{KML}description")
    assert "Type: Battles / Armed clash" in description and "Rebels against Government forces" in description
    assert "Fatalities: 12" in description
    data = {d.get("name"): d.findtext(f"{KML}value") for d in clash.iter(f"{KML}Data")}
    assert data["event_type"] == "Battles" and data["location"] == "Aleppo"
    styles = {p.findtext(f"{KML}styleUrl") for p in placemarks}
    assert styles == {"#event", "#planned"}


def test_kml_reads_back_with_fastkml(tmp_path):
    fastkml = pytest.importorskip("fastkml")
    result, output = export(tmp_path, coded_timeline(), "-f", "kml")
    assert result.exit_code == 0, result.stderr
    document = fastkml.KML.from_string(output)
    placemarks = list(document.features[0].features)
    assert len(placemarks) == LOCATED_IN_CODED
    points = {(p.geometry.x, p.geometry.y) for p in placemarks}
    assert (37.1343, 36.2021) in points
    assert all(p.times.begin is not None for p in placemarks)


def _acled(output: bytes, excel=False) -> list[dict]:
    text = output.decode("utf-8-sig" if excel else "utf-8")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_acled_csv_columns_and_codes(tmp_path):
    result, output = export(tmp_path, coded_timeline(), "-f", "acled")
    assert result.exit_code == 0, result.stderr
    rows = _acled(output)
    assert list(rows[0]) == ["event_date", "year", "time_precision", "event_type", "sub_event_type", "actor1",
                             "actor2", "country", "admin1", "location", "latitude", "longitude", "geo_precision",
                             "source", "notes", "fatalities"]
    assert len(rows) == len(coded_timeline().events)
    clash = next(r for r in rows if r["event_type"] == "Battles")
    assert clash == {"event_date": "2016-11-03", "year": "2016", "time_precision": "1", "event_type": "Battles",
                     "sub_event_type": "Armed clash", "actor1": "Rebels", "actor2": "Government forces",
                     "country": "Syria", "admin1": "Aleppo", "location": "Aleppo", "latitude": "36.2021",
                     "longitude": "37.1343", "geo_precision": "1", "source": "Wire; b.txt",
                     "notes": "Rebels launched an offensive on Thursday in Aleppo, Syria.", "fatalities": "12"}
    by_note = {r["notes"]: r for r in rows}
    assert by_note["Last weekend the convoy waited."]["time_precision"] == "2"
    assert by_note["In late August the road was cut."]["time_precision"] == "3"
    assert by_note["In late August the road was cut."]["geo_precision"] == "1"
    assert by_note["Over the summer prices tripled."]["geo_precision"] == "2"
    assert by_note["At 9 a.m. on Friday the pause began."]["geo_precision"] == "3"
    assert by_note["At 9 a.m. on Friday the pause began."]["time_precision"] == "1"
    uncoded = by_note["The fighting began in 2015."]
    assert (uncoded["event_type"], uncoded["location"], uncoded["geo_precision"], uncoded["fatalities"]) == \
        ("", "", "", "0")


def test_acled_excel_neutralises_formulas(tmp_path):
    result, output = export(tmp_path, coded_timeline(), "-f", "acled", "--excel")
    assert result.exit_code == 0, result.stderr
    assert output.startswith(b"\xef\xbb\xbf")
    rows = _acled(output, excel=True)
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r", "\n")), value
    assert any(r["actor1"] == "'=cmd|' /C calc'!A0" for r in rows)


def test_map_formats_from_articles_whose_fields_are_empty(seeds_dir, tmp_path):
    for name in ("map.geojson", "map.kml", "events.acled.csv"):
        result = CliRunner().invoke(cli, ["build", str(seeds_dir), "-o", str(tmp_path / name)])
        assert result.exit_code == 0, result.stderr
    features = _features((tmp_path / "map.geojson").read_bytes())
    placemarks = ET.parse(tmp_path / "map.kml").getroot().findall(f"{KML}Document/{KML}Placemark")
    assert len(features) == len(placemarks)
    rows = _acled((tmp_path / "events.acled.csv").read_bytes())
    assert rows and all(r["event_date"] and r["notes"] for r in rows)
    saved = json.loads(CliRunner().invoke(cli, ["build", str(seeds_dir), "-f", "json"]).stdout)
    assert len(rows) == len(saved["events"])
