"""A timeline plugin: the chronology as JSON Lines, one event per line (for jq, grep and streams)."""
import json

import click

from timeline import Exporter, hookimpl
from timeline.exporters.json_format import event_to_dict

FIELDS_OPTION = click.Option(
    ["--jsonl-fields"], metavar="NAME,NAME...",
    help="-f jsonl: only these event fields on each line (default: all).",
)


def write_jsonl(timeline, stream, options):
    fields = [f.strip() for f in (options.get("jsonl_fields") or "").split(",") if f.strip()]
    for event in timeline.events:
        record = event_to_dict(event)
        if fields:
            record = {name: record.get(name) for name in fields}
        stream.write(json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n")


@hookimpl
def register_exporters(register):
    register(Exporter(
        name="jsonl",
        write=write_jsonl,
        suffixes=(".jsonl",),
        description="JSON Lines: one event per line",
        options=(FIELDS_OPTION,),
    ))
