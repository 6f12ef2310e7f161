"""Temporal tagging: TIMEX3 expressions found in text and resolved to calendar values.

Where things are:
- ``resources/en/``: the words of English as TSV files (months, weekdays, numbers, units, holidays,
  tense cues...), read by ``lexicon`` (file:line errors) and seen by the engine through ``vocabulary``;
  ``contexts.tsv`` and ``words.tsv`` hold the patterns and words the procedures test around a match,
  by name, so that the engine itself holds no English.
- ``rules``: the patterns, written with macros built from the tables, each with its value template.
- ``templates``: the template language of rules.tsv's VALUE column (documented at the top of rules.tsv).
- ``tagger``: the engine, ``tag`` (one scan for anchor tokens, rules tried only there, each step
  remembered; the year a narrative has reached).
- ``context``: what the scan knows of one document (``Context``) and what a template makes of a
  match (``Found``); how contexts.tsv and words.tsv are read.
- ``tense``: ``direction``, whether the clause around an expression speaks of the past or the future.
- ``resolver``: ``resolve``, the one reader of value templates.
- ``procedures``: the procedures templates call (``{@calendar(weekday)}``, ``{@count(offset)}``, ``{@quarter}``...) and
  the tables their fields look words up in: where relative expressions are resolved.
- ``calendar_math``: shifting dates by units and writing TIMEX3 values.
- ``values``: what calendar interval a value covers (seasons by the months of ``seasons.tsv``);
  ``is_well_formed``.
"""
from .expressions import TemporalExpression
from .tagger import tag
from .values import Interval, interval_of, is_well_formed

__all__ = ["TemporalExpression", "Interval", "interval_of", "is_well_formed", "tag"]
