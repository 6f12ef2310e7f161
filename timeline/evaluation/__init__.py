"""Measuring the temporal tagger the way TempEval-3 Task A does, on TimeML corpora."""
from .runner import Evaluation, evaluate_corpus
from .scorer import Match, Scores, score_documents, top_errors
from .timeml import GoldTimex, TimemlDocument, read_corpus, read_timeml

__all__ = [
    "GoldTimex", "TimemlDocument", "read_timeml", "read_corpus",
    "Evaluation", "evaluate_corpus", "Match", "Scores", "score_documents", "top_errors",
]
