"""An example exporter plugin in a single file: the chronology as a Markdown list.

Put a file like this in a folder and name the folder with --plugins-dir (or
TIMELINE_PLUGINS_DIR): its format appears in `timeline plugins` and
`timeline build -f example-markdown`.
"""
from timeline import Exporter, hookimpl


def write_markdown(timeline, stream, options):
    lines = [f"# {timeline.title}", ""]
    for event in timeline.events:
        lines.append(f"- **{event.date}** {event.title} ({event.document})")
    stream.write(("\n".join(lines) + "\n").encode("utf-8"))


@hookimpl
def register_exporters(register):
    register(Exporter(name="example-markdown", write=write_markdown, suffixes=(".markdown",),
                      description="Markdown list (example plugin)"))
