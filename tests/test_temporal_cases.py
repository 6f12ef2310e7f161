"""The tagger's cases, kept as rows of the language folder (``resources/en/cases.tsv``) beside its words.

Consecutive rows with the same text and creation date list every expression the
tagger must find there, in order; a comment line starts a new case.
"""
from pathlib import Path

import pytest

from timeline.temporal import is_well_formed, tag

CASES = Path(__file__).resolve().parent.parent / "timeline" / "temporal" / "resources" / "en" / "cases.tsv"
COLUMNS = ("text", "dct", "span", "type", "value", "mod")


def read_cases(path: Path) -> list[tuple[str, dict, list[dict]]]:
    """(file:line, {text, dct}, expected expressions) for each case of a case table."""
    cases = []
    current = None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            current = None
            continue
        cells = dict(zip(COLUMNS, line.split("\t")))
        if len(line.split("\t")) > len(COLUMNS) or not cells.get("text") or not cells.get("dct"):
            raise ValueError(f"{path.name}:{number}: expected TEXT<tab>DCT[<tab>SPAN<tab>TYPE<tab>VALUE<tab>MOD]")
        dct = None if cells["dct"] == "-" else cells["dct"]
        if current is None or (current[1]["text"], current[1]["dct"]) != (cells["text"], dct):
            current = (f"{path.name}:{number}", {"text": cells["text"], "dct": dct}, [])
            cases.append(current)
        elif not cells.get("span") or not current[2]:
            raise ValueError(f"{path.name}:{number}: a row that finds nothing must be its case's only row")
        if cells.get("span"):
            current[2].append(cells)
    return cases


@pytest.mark.parametrize("where, given, expected", read_cases(CASES), ids=lambda x: x if isinstance(x, str) else "")
def test_case(where, given, expected):
    found = tag(given["text"], dct=given["dct"])
    assert [e.text for e in found] == [row["span"] for row in expected], (where, found)
    for expression, row in zip(found, expected):
        assert given["text"][expression.start:expression.end] == expression.text
        assert is_well_formed(expression.value), (where, expression)
        for field in ("type", "value", "mod"):
            if row.get(field):
                assert getattr(expression, field) == row[field], (where, field, expression)
