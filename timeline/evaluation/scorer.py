"""TempEval-3 Task A scores for TIMEX3 extraction and normalisation.

Strict match: same start and end.  Relaxed match: spans overlap, each gold span
matched to at most one system span and vice versa.  The F1 of an attribute
(``value``, ``type``) is the relaxed F1 times the share of relaxed matches whose
attribute agrees (UzZaman et al., 2013).  "DATE value F1" is the value F1 with
both sides restricted to expressions typed DATE.  A gold expression without a value
or type (WikiWars keeps the TIMEX2 ones that had no VAL) counts for the span scores
only: the shares are taken over the relaxed matches whose gold has the attribute.
"""
from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Protocol, Sequence


class Span(Protocol):
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(frozen=True)
class Match:
    """A gold span and the system span matched to it (either may be None)."""

    document: str
    gold: Span | None
    system: Span | None


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@dataclass
class Scores:
    """Counts over a corpus, and the measures derived from them."""

    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0
    type: int = 0
    valued: int = 0  # relaxed matches whose gold has a value
    typed: int = 0  # relaxed matches whose gold has a type
    matches: list[Match] = field(default_factory=list, repr=False)

    def add(self, other: "Scores") -> None:
        self.gold += other.gold
        self.system += other.system
        self.strict += other.strict
        self.relaxed += other.relaxed
        self.value += other.value
        self.type += other.type
        self.valued += other.valued
        self.typed += other.typed
        self.matches.extend(other.matches)

    @property
    def strict_precision(self) -> float:
        return _ratio(self.strict, self.system)

    @property
    def strict_recall(self) -> float:
        return _ratio(self.strict, self.gold)

    @property
    def strict_f1(self) -> float:
        return _f1(self.strict_precision, self.strict_recall)

    @property
    def relaxed_precision(self) -> float:
        return _ratio(self.relaxed, self.system)

    @property
    def relaxed_recall(self) -> float:
        return _ratio(self.relaxed, self.gold)

    @property
    def relaxed_f1(self) -> float:
        return _f1(self.relaxed_precision, self.relaxed_recall)

    @property
    def value_accuracy(self) -> float:
        return _ratio(self.value, self.valued)

    @property
    def type_accuracy(self) -> float:
        return _ratio(self.type, self.typed)

    @property
    def value_f1(self) -> float:
        return self.relaxed_f1 * self.value_accuracy

    @property
    def type_f1(self) -> float:
        return self.relaxed_f1 * self.type_accuracy


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _contains(a: Span, b: Span) -> bool:
    return a.start <= b.start and b.end <= a.end and (a.start, a.end) != (b.start, b.end)


def match_spans(document: str, gold: Sequence[Span], system: Sequence[Span]) -> list[Match]:
    """Pair overlapping spans one to one, in text order; unpaired spans get a None partner.

    An exact match is preferred to a mere overlap, so one long system span that
    overlaps two gold spans is paired with the one it fits best.  Gold may nest
    (WikiWars annotates both levels): a gold span that holds another looks for an
    overlapping partner after all the others, and of gold spans with the very same
    extent, the one whose value the system span has is paired with it.
    """
    gold = sorted(gold, key=lambda s: (s.start, s.end))
    system = sorted(system, key=lambda s: (s.start, s.end))
    paired_system: set[int] = set()
    partner: dict[int, int] = {}
    exact: dict[tuple[int, int], list[int]] = {}
    for s_index, s in enumerate(system):
        exact.setdefault((s.start, s.end), []).append(s_index)
    same_extent = sorted((g.value != system[s_index].value, g_index, s_index)
                         for g_index, g in enumerate(gold) for s_index in exact.get((g.start, g.end), ()))
    for _, g_index, s_index in same_extent:
        if g_index not in partner and s_index not in paired_system:
            partner[g_index] = s_index
            paired_system.add(s_index)
    starts = [g.start for g in gold]
    containers = {i for i, g in enumerate(gold)
                  if any(_contains(g, gold[j]) for j in range(bisect_left(starts, g.start), bisect_left(starts, g.end)))}
    order = [i for i in range(len(gold)) if i not in containers] + sorted(containers)
    for g_index in order:
        if g_index in partner:
            continue
        g = gold[g_index]
        for s_index, s in enumerate(system):
            if s.start >= g.end:
                break
            if s_index not in paired_system and _overlaps(g, s):
                partner[g_index] = s_index
                paired_system.add(s_index)
                break
    matches = [Match(document, g, system[partner[i]] if i in partner else None) for i, g in enumerate(gold)]
    matches += [Match(document, None, s) for i, s in enumerate(system) if i not in paired_system]
    return matches


def score_spans(document: str, gold: Sequence[Span], system: Sequence[Span]) -> Scores:
    """Scores for one document."""
    matches = match_spans(document, gold, system)
    scores = Scores(gold=len(gold), system=len(system), matches=matches)
    for m in matches:
        if m.gold is None or m.system is None:
            continue
        scores.relaxed += 1
        scores.strict += (m.gold.start, m.gold.end) == (m.system.start, m.system.end)
        if m.gold.value:
            scores.valued += 1
            scores.value += m.gold.value == m.system.value
        if m.gold.type:
            scores.typed += 1
            scores.type += m.gold.type == m.system.type
    return scores


def score_document(document: str, gold: Sequence[Span], system: Sequence[Span]) -> tuple[Scores, Scores]:
    """One document's scores: all types, and DATE only."""
    return (score_spans(document, gold, system),
            score_spans(document, [g for g in gold if g.type == "DATE"], [s for s in system if s.type == "DATE"]))


def score_documents(pairs: Iterable[tuple[str, Sequence[Span], Sequence[Span]]]) -> tuple[Scores, Scores]:
    """Corpus scores over ``(document, gold, system)`` triples: all types, and DATE only."""
    total, dates = Scores(), Scores()
    for document, gold, system in pairs:
        document_total, document_dates = score_document(document, gold, system)
        total.add(document_total)
        dates.add(document_dates)
    return total, dates


def top_errors(scores: Scores, limit: int = 20) -> dict[str, list[tuple[str, int]]]:
    """The most frequent errors by kind: missed, spurious, wrong extent, wrong value, wrong type."""
    kinds: dict[str, Counter] = {k: Counter() for k in ("missed", "spurious", "extent", "value", "type")}
    for m in scores.matches:
        if m.system is None:
            kinds["missed"][f"{m.gold.text!r} {m.gold.type} {m.gold.value}"] += 1
        elif m.gold is None:
            kinds["spurious"][f"{m.system.text!r} {m.system.type} {m.system.value}"] += 1
        else:
            if (m.gold.start, m.gold.end) != (m.system.start, m.system.end):
                kinds["extent"][f"gold {m.gold.text!r} / ours {m.system.text!r}"] += 1
            if m.gold.value != m.system.value:
                kinds["value"][f"{m.gold.text!r}: gold {m.gold.value} / ours {m.system.value}"] += 1
            if m.gold.type != m.system.type:
                kinds["type"][f"{m.gold.text!r}: gold {m.gold.type} / ours {m.system.type}"] += 1
    return {kind: counter.most_common(limit) for kind, counter in kinds.items()}
