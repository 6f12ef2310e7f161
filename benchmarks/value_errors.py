"""Where the tagger's TIMEX3 values go wrong, by kind, and what changing a convention would cost.

    python benchmarks/value_errors.py ../shared/corpora/tempeval3/tbaq [--examples 3]

Every relaxed match whose value differs from the gold is put in the first
category of ``CATEGORIES`` (``timeline/evaluation/errors.py``, which also gives
each category its class for ``timeline evaluate``) whose patterns fit the shape
of the gold text and the two values.  A category is one of three kinds:

- ``convention``: gold and tagger write the same reading differently (``1989-WXX``
  against ``1989-W43`` for "last week").  For these the script counts what
  flipping the tagger's convention would lose: the matches that are right now,
  whose text has the same shape (a signature such as ``last week`` or
  ``N year ago``) and whose value the tagger writes the way it wrote the wrong
  one (the same value shape, ``9999-W99``).  A flip gains at most the errors
  whose gold values, for each text signature, share the commonest shape.
- ``gold``: the gold value contradicts its own text (a date that is not on the
  weekday the text names, "13 years" valued ``P12Y``, an unpadded week).
- ``ours``: the tagger read the text differently (another extent, another
  anchor or date): fixable by better rules, not by a convention.

It prints the table for all types and for DATE only (the scorer's "DATE value
F1"), then upper bounds: value F1 if every convention category whose flip gains
more than it loses were flipped (also decided signature by signature, where a
signature has two errors or more), and if in addition every ``ours`` error were
fixed; last, what DATE-only scores lose to type disagreements.
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from timeline.evaluation import evaluate_corpus  # noqa: E402
from timeline.evaluation.errors import CATEGORIES, Category, Error, classify, signature, value_shape  # noqa: E402
from timeline.evaluation.scorer import Scores  # noqa: E402


def flip_losses(category: Category, errors: list[Error], right: list) -> int:
    """How many right values a flip would change: those whose value has the shape of ours in an error, and
    whose text has the shape the category names, or else the signature of an error's text."""
    values = {value_shape(e.ours) for e in errors}
    if category.shape:
        shape = re.compile(category.shape, re.IGNORECASE)
        return sum(1 for text, value in right if value_shape(value) in values and shape.search(text))
    signatures = {(signature(e.gold_text), value_shape(e.ours)) for e in errors}
    return sum(1 for text, value in right if (signature(text), value_shape(value)) in signatures)


def flip_gain(errors: list[Error]) -> int:
    """The errors one flip can mend: per text signature, those whose gold values have the commonest shape."""
    shapes = defaultdict(Counter)
    for e in errors:
        shapes[signature(e.gold_text)][value_shape(e.gold)] += 1
    return sum(max(counts.values()) for counts in shapes.values())


def report(title: str, scores: Scores, contexts, examples: int) -> None:
    errors, right = classify(scores, contexts)
    print(f"\n{title}: {scores.relaxed} relaxed matches, {scores.value} right values, "
          f"{scores.relaxed - scores.value} wrong; value F1 {scores.value_f1:.4f}")
    print(f"{'category':46} {'kind':10} {'errors':>6} {'docs':>4} {'gain':>5} {'loses':>5} {'net':>5}")
    gains = Counter()
    for category in CATEGORIES:
        found = errors.get(category.name, [])
        if not found:
            continue
        documents = len({e.document for e in found})
        if category.kind == "convention":
            lose = flip_losses(category, found, right)
            gain = flip_gain(found)
            gains["flip"] += max(gain - lose, 0)
            # The same flip decided for each text shape alone, where it has at least two errors.
            by_signature = defaultdict(list)
            for e in found:
                by_signature[signature(e.gold_text)].append(e)
            gains["flip each shape"] += sum(max(flip_gain(group) - flip_losses(Category("", ""), group, right), 0)
                                            for group in by_signature.values() if len(group) >= 2)
            print(f"{category.name:46} {category.kind:10} {len(found):6d} {documents:4d} {gain:5d} {lose:5d} "
                  f"{gain - lose:+5d}")
        else:
            gains[category.kind] += len(found)
            print(f"{category.name:46} {category.kind:10} {len(found):6d} {documents:4d}")
        for e in found[:examples]:
            print(f"      {e.gold_text!r} gold {e.gold} / ours {e.our_text!r} {e.ours}  ({e.document})")

    def bound(gain: int) -> str:
        right_values = scores.value + gain
        return f"{scores.relaxed_f1 * right_values / scores.relaxed if scores.relaxed else 0.0:.4f} (+{gain})"

    print(f"value F1 now {scores.value_f1:.4f}")
    print(f"  flipping each convention category that gains more than it loses: {bound(gains['flip'])}")
    print(f"  the same, deciding each text shape with two errors or more alone:  {bound(gains['flip each shape'])}")
    print(f"  flipping by category and fixing every 'ours' error:               {bound(gains['flip'] + gains['ours'])}")
    print(f"  every value right (relaxed F1; {gains['gold']} gold errors):             {scores.relaxed_f1:.4f}")


def date_types(total: Scores, dates: Scores) -> None:
    """What DATE-only scores lose to type disagreements: a gold DATE we type TIME is no DATE match at all."""
    theirs = sum(1 for m in total.matches if m.gold and m.system and m.gold.type == "DATE" != m.system.type)
    ours = sum(1 for m in total.matches if m.gold and m.system and m.system.type == "DATE" != m.gold.type)
    same = sum(1 for m in total.matches if m.gold and m.system and m.gold.type == "DATE" != m.system.type
               and m.gold.value == m.system.value)
    system = dates.system + theirs - ours
    relaxed = dates.relaxed + theirs
    precision, recall = relaxed / system, relaxed / dates.gold
    f1 = 2 * precision * recall / (precision + recall)
    print(f"\nDATE only, types: {theirs} gold DATEs matched by an expression we type otherwise "
          f"({same} with the gold's value), {ours} of our DATEs matched to gold of another type.")
    print(f"  with every type agreeing, DATE relaxed F1 {dates.relaxed_f1:.4f} -> {f1:.4f}; DATE value F1 "
          f"{dates.value_f1:.4f} -> {f1 * (dates.value + same) / relaxed:.4f} (values as they are)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", help="folder of TimeML (.tml) files")
    parser.add_argument("--examples", type=int, default=0, help="errors to show under each category")
    args = parser.parse_args()
    result = evaluate_corpus(args.corpus)
    print(f"{result.documents} documents")
    report("All types", result.total, result.contexts, args.examples)
    report("DATE only", result.dates, result.contexts, args.examples)
    date_types(result.total, result.dates)


if __name__ == "__main__":
    main()
