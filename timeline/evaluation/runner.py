"""Run the tagger over a folder of TimeML files and report TempEval-3 Task A scores."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..temporal import tag as default_tag
from .errors import Context, ErrorClasses, context_of, error_classes
from .scorer import Scores, score_document, top_errors
from .timeml import read_corpus


@dataclass
class Evaluation:
    documents: int
    total: Scores
    dates: Scores
    problems: list[str] = field(default_factory=list)
    by_document: dict[str, Scores] = field(default_factory=dict, repr=False)
    contexts: dict[str, Context] = field(default_factory=dict, repr=False)

    def table(self) -> list[tuple[str, str, str, str]]:
        """Rows (measure, precision, recall, F1) as printed by ``timeline evaluate``."""
        t, d = self.total, self.dates
        return [
            ("strict span", f"{t.strict_precision:.4f}", f"{t.strict_recall:.4f}", f"{t.strict_f1:.4f}"),
            ("relaxed span", f"{t.relaxed_precision:.4f}", f"{t.relaxed_recall:.4f}", f"{t.relaxed_f1:.4f}"),
            ("value", "", "", f"{t.value_f1:.4f}"),
            ("type", "", "", f"{t.type_f1:.4f}"),
            ("DATE value", "", "", f"{d.value_f1:.4f}"),
        ]

    def document_table(self, limit: int | None = None) -> list[tuple[str, ...]]:
        """Rows (document, gold, tagged, right values, lost, strict F1, relaxed F1, value F1), the documents
        that lose the most first: ``lost`` is gold + tagged - 2 x right values, what a document takes
        from the corpus value F1.  The ``limit`` first only, if given; "-" for a measure with nothing to
        measure (no gold and nothing tagged)."""
        def lost(s: Scores) -> int:
            return s.gold + s.system - 2 * s.value

        def f1(s: Scores, measure: float) -> str:
            return f"{measure:.4f}" if s.gold or s.system else "-"

        def rank(item: tuple[str, Scores]) -> tuple:
            name, s = item
            return -lost(s), not (s.gold or s.system), s.value_f1, name

        ranked = sorted(self.by_document.items(), key=rank)
        return [(name, str(s.gold), str(s.system), str(s.value), str(lost(s)),
                 f1(s, s.strict_f1), f1(s, s.relaxed_f1), f1(s, s.value_f1)) for name, s in ranked[:limit]]

    def errors(self, limit: int = 20) -> dict[str, list[tuple[str, int]]]:
        return top_errors(self.total, limit)

    def error_classes(self) -> ErrorClasses:
        """The wrong values by class (anchoring, extent, granularity, convention, gold, other)."""
        return error_classes(self.total, self.contexts)


def evaluate_corpus(folder: str | Path, tag: Callable = default_tag) -> Evaluation:
    """Tag the text of every ``*.tml`` under ``folder`` with its DCT and score against the gold TIMEX3s."""
    problems: list[str] = []
    documents = read_corpus(folder, problems)
    total, dates, by_document = Scores(), Scores(), {}
    for doc in documents:
        document_total, document_dates = score_document(doc.name, doc.timexes, tag(doc.text, dct=doc.dct))
        total.add(document_total)
        dates.add(document_dates)
        by_document[doc.name] = document_total
    return Evaluation(len(documents), total, dates, problems, by_document,
                      {doc.name: context_of(doc) for doc in documents})
