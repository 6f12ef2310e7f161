"""The tagger's output as a correct tagger gives it, read from tests/gold/timex/ (to test later stages alone)."""
import json
from pathlib import Path

from timeline import quality
from timeline.documents import read_documents
from timeline.temporal import TemporalExpression

GOLD = Path(__file__).parent / "gold"


def ideal_expressions() -> dict[str, list[TemporalExpression]]:
    """Document text -> its hand-made TIMEX3 expressions, for every gold file that has them."""
    by_text = {}
    for gold in quality.load_golds(GOLD):
        path = GOLD / "timex" / f"{gold.name}.json"
        if not path.exists():
            continue
        text = next(iter(read_documents([str(gold.document)]))).text
        expressions = []
        for item in json.loads(path.read_text(encoding="utf-8"))["timex"]:
            start = -1
            for _ in range(item.get("occurrence", 0) + 1):
                start = text.index(item["text"], start + 1)
            expressions.append(TemporalExpression(
                start, start + len(item["text"]), item["text"], item["type"], item["value"], item.get("mod"), "relative"))
        by_text[text] = sorted(expressions, key=lambda e: e.start)
    return by_text
