"""Run the tagger over a folder of TimeML files and report TempEval-3 Task A scores."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..temporal import tag as default_tag
from .scorer import Scores, score_documents, top_errors
from .timeml import read_corpus


@dataclass
class Evaluation:
    documents: int
    total: Scores
    dates: Scores
    problems: list[str] = field(default_factory=list)

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

    def errors(self, limit: int = 20) -> dict[str, list[tuple[str, int]]]:
        return top_errors(self.total, limit)


def evaluate_corpus(folder: str | Path, tag: Callable = default_tag) -> Evaluation:
    """Tag the text of every ``*.tml`` under ``folder`` with its DCT and score against the gold TIMEX3s."""
    problems: list[str] = []
    documents = read_corpus(folder, problems)
    total, dates = score_documents((doc.name, doc.timexes, tag(doc.text, dct=doc.dct)) for doc in documents)
    return Evaluation(len(documents), total, dates, problems)
