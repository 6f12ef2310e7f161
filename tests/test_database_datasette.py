"""The chronology database opens as it is in Datasette: tables, foreign keys, facets, full-text search."""
import asyncio
import sqlite3

import pytest
from click.testing import CliRunner

from timeline.cli import cli

datasette_app = pytest.importorskip("datasette.app")


def test_datasette_reads_events_facets_and_search(seeds_dir, tmp_path):
    path = tmp_path / "war.db"
    assert CliRunner().invoke(cli, ["build", str(seeds_dir), "-q", "-o", str(path)]).exit_code == 0

    async def read():
        ds = datasette_app.Datasette([str(path)])
        events = (await ds.client.get("/war/events.json?_shape=objects&_size=max")).json()
        facets = (await ds.client.get("/war/events.json?_facet=event_type&_facet=precision&_facet=document")).json()
        found = (await ds.client.get("/war/events.json?_search=Touman&_shape=objects")).json()
        reports = (await ds.client.get("/war/reports.json?_search=Aleppo&_shape=objects")).json()
        keys = (await ds.client.get("/war/reports.json?_shape=objects&_labels=on&_size=1")).json()
        return events, facets, found, reports, keys

    events, facets, found, reports, keys = asyncio.run(read())
    # Every event the database holds, as sqlite itself counts them (the seeds give some two dozen).
    with sqlite3.connect(path) as connection:
        stored = connection.execute("SELECT count(*) FROM events").fetchone()[0]
    assert stored >= 20
    assert len(events["rows"]) == stored and all(row["id"] for row in events["rows"])
    assert {"precision", "document", "event_type"} <= set(facets["facet_results"])
    assert sum(f["count"] for f in facets["facet_results"]["precision"]["results"]) == stored
    assert found["rows"] and all("Touman" in row["title"] + row["sentence"] for row in found["rows"])
    assert reports["rows"]
    assert isinstance(keys["rows"][0]["event_id"], dict)  # a foreign key Datasette follows to events
