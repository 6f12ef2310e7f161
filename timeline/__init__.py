"""timeline: turn news articles into sourced chronologies."""
from .hookspecs import hookimpl

__version__ = "0.1.0"

__all__ = ["Event", "Exporter", "Timeline", "__version__", "hookimpl"]

_LAZY = {
    "Exporter": ("timeline.exporters.base", "Exporter"),
    "Timeline": ("timeline.chronology", "Timeline"),
    "Event": ("timeline.events", "Event"),
}


def __getattr__(name):
    """Re-export the plugin API (``from timeline import Exporter``) without importing it up front."""
    if name in _LAZY:
        import importlib

        module, attribute = _LAZY[name]
        return getattr(importlib.import_module(module), attribute)
    raise AttributeError(f"module 'timeline' has no attribute {name!r}")
