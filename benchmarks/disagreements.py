"""Where the tagger and a corpus's labels disagree, grouped by the shape of the expression.

    python benchmarks/disagreements.py ../shared/corpora/tempeval3/silver [--kind value] [--top 30] [--examples 3]

For a folder of TimeML files (machine-labelled silver data as well as gold), lists
four kinds of disagreement: ``value`` (same span, another value), ``overlap`` (a
label whose span ours only overlaps), ``missed`` (a label we do not touch) and
``extra`` (our tag where the corpus has none).  Each is grouped by a coarse
pattern, the expression lower-cased with every digit written 9, and its type
("nov. 99|DATE"), largest group first, with example sentences.  Machine labels
are often wrong: a group is a place to read, not a score.
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from timeline.evaluation.timeml import read_corpus  # noqa: E402
from timeline.temporal import tag  # noqa: E402

KINDS = ("value", "overlap", "missed", "extra")


def shape(text: str, type_: str) -> str:
    """The group of an expression: lower case, digits as 9, and its type."""
    return re.sub(r"[0-9]", "9", text.lower()) + "|" + type_


def sentence(text: str, start: int, end: int, width: int = 220) -> str:
    """The line around a span, the span in [[ ]], cut to about ``width`` characters."""
    low = max(text.rfind("\n", 0, start) + 1, start - width // 2)
    high = text.find("\n", end)
    high = min(len(text) if high < 0 else high, end + width // 2)
    return (text[low:start] + "[[" + text[start:end] + "]]" + text[end:high]).strip()


def disagreements(folder: str, counts: dict):
    """(kind, group, document, DCT, corpus type:value, our type:value, sentence) for every disagreement;
    ``counts`` gets the number of documents, labels and our tags."""
    for doc in read_corpus(folder):
        labels = {(t.start, t.end): t for t in doc.timexes}
        ours = {(t.start, t.end): t for t in tag(doc.text, dct=doc.dct)}
        counts["documents"] += 1
        counts["labels"] += len(labels)
        counts["ours"] += len(ours)
        for span, label in labels.items():
            found = ours.get(span)
            if found is None:
                over = [t for (s, e), t in ours.items() if s < span[1] and e > span[0]]
                kind, found = ("overlap", over[0]) if over else ("missed", None)
            elif found.value == label.value:
                continue
            else:
                kind = "value"
            mine = f"{found.type}:{found.value} ({found.text})" if found else "-"
            yield (kind, shape(label.text, label.type), doc.name, doc.dct, f"{label.type}:{label.value}", mine,
                   sentence(doc.text, *span))
        for span, found in ours.items():
            if not any(s < span[1] and e > span[0] for s, e in labels):
                yield ("extra", shape(found.text, found.type), doc.name, doc.dct, "-", f"{found.type}:{found.value}",
                       sentence(doc.text, *span))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("--kind", choices=KINDS, action="append", help="kinds to list (default: all)")
    parser.add_argument("--top", type=int, default=30, help="groups listed for each kind")
    parser.add_argument("--examples", type=int, default=3, help="examples shown for each group")
    args = parser.parse_args()
    groups = defaultdict(lambda: defaultdict(list))
    counts = Counter()
    for row in disagreements(args.folder, counts):
        groups[row[0]][row[1]].append(row)
    print(f"{counts['documents']} documents, {counts['labels']} labels, {counts['ours']} tags of ours")
    for kind in args.kind or KINDS:
        total = sum(len(rows) for rows in groups[kind].values())
        print(f"\n{kind}: {total} in {len(groups[kind])} groups")
        for group, rows in sorted(groups[kind].items(), key=lambda item: (-len(item[1]), item[0]))[:args.top]:
            print(f"{len(rows):6d}  {group}")
            for _, _, name, dct, label, mine, text in rows[:args.examples]:
                print(f"          {name} DCT {dct}  corpus {label}  ours {mine}\n            {text}")


if __name__ == "__main__":
    main()
