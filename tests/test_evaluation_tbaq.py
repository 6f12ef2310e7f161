"""The tagger against the TempEval-3 TBAQ gold (256 documents): the targets of the project."""
import pytest

from timeline.evaluation import evaluate_corpus
from timeline.temporal import is_well_formed

from conftest import SHARED

TBAQ = SHARED / "corpora" / "tempeval3" / "tbaq"


@pytest.fixture(scope="module")
def tbaq():
    result = evaluate_corpus(TBAQ)
    assert result.documents == 256 and not result.problems
    return result


def test_every_tagged_value_is_well_formed(tbaq):
    bad = [m.system.value for m in tbaq.total.matches if m.system is not None and not is_well_formed(m.system.value)]
    assert bad == []


def test_strict_span_f1(tbaq):
    assert tbaq.total.strict_f1 >= 0.86


def test_relaxed_span_f1(tbaq):
    assert tbaq.total.relaxed_f1 >= 0.93


def test_value_f1_is_not_below_the_issue_floor(tbaq):
    # Issue 19: narratives may be read better, news never worse than value F1 0.8359 (DATE 0.8479), measured 7 December 2026.
    assert tbaq.total.value_f1 >= 0.8359
    assert tbaq.dates.value_f1 >= 0.8479


@pytest.mark.xfail(strict=True, reason="measured value F1 0.8359, target 0.85")
def test_value_f1(tbaq):
    assert tbaq.total.value_f1 >= 0.85


@pytest.mark.xfail(strict=True, reason="measured DATE value F1 0.8479, target 0.88")
def test_date_value_f1(tbaq):
    assert tbaq.dates.value_f1 >= 0.88
