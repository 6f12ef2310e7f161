"""timeline: turn news articles into sourced chronologies."""
from .hookspecs import hookimpl

__version__ = "0.1.0"

__all__ = ["hookimpl", "__version__"]
