"""Temporal tagging: TIMEX3 expressions found in text and resolved to calendar values."""
from .expressions import TemporalExpression
from .tagger import tag
from .values import Interval, interval_of, is_well_formed

__all__ = ["TemporalExpression", "Interval", "interval_of", "is_well_formed", "tag"]
