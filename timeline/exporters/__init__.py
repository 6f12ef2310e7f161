"""Built-in exporters; each module is a plugin registered like any third-party one."""
from .base import Exporter

BUILTIN_MODULES = (
    "timeline.exporters.json_format",
    "timeline.exporters.csv_format",
    "timeline.exporters.xlsx_format",
    "timeline.exporters.ics_format",
    "timeline.exporters.table_format",
    "timeline.exporters.markdown_format",
    "timeline.exporters.html_format",
    "timeline.exporters.timelinejs_format",
    "timeline.exporters.geojson_format",
    "timeline.exporters.kml_format",
    "timeline.exporters.acled_format",
)

__all__ = ["Exporter", "BUILTIN_MODULES"]
