"""Throughput of the per-document pipeline, stage by stage, on a folder of articles.

Takes TimeML files (``*.tml``: the text of <TEXT> with its creation date) and/or plain
articles (``*.txt``, ``*.md`` with their metadata), runs clean -> sentences -> tag ->
events (with places and actors) on each, and prints documents and characters per second,
the time share of each stage, the events found and the one-off gazetteer load time.

    python benchmarks/events_bench.py ../shared/corpora/tempeval3/silver --limit 300
    python benchmarks/events_bench.py seeds tests/gold/articles
"""
from __future__ import annotations

import argparse
import html
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # this checkout's timeline

from timeline import temporal  # noqa: E402
from timeline.cleaning import clean  # noqa: E402
from timeline.documents import Document, read_documents  # noqa: E402
from timeline.events import extract_events  # noqa: E402
from timeline.gazetteer import load_gazetteer  # noqa: E402
from timeline.sentences import split_sentences  # noqa: E402



def timeml_document(path: Path) -> Document:
    raw = path.read_text(encoding="utf-8")
    dct = re.search(r'<DCT>.*?value="([\d-]+)"', raw, re.S)
    body = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.S)
    text = html.unescape(re.sub(r"<[^>]+>", "", body.group(1) if body else raw))
    return Document(name=path.name, text=text, published=dct.group(1)[:10] if dct else None)


def documents(paths: list[str], limit: int) -> list[Document]:
    found: list[Document] = []
    for name in paths:
        path = Path(name)
        tml = sorted(path.glob("*.tml")) if path.is_dir() else ([path] if path.suffix == ".tml" else [])
        found.extend(timeml_document(p) for p in tml)
        if not tml:
            found.extend(read_documents([name]))
    return found[:limit] if limit else found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--limit", type=int, default=0, help="at most this many documents")
    args = parser.parse_args()
    started = time.perf_counter()
    gazetteer = load_gazetteer()
    load_time = time.perf_counter() - started
    docs = documents(args.paths, args.limit)
    stages = dict.fromkeys(("clean", "sentences", "tag", "events"), 0.0)
    events = chars = 0
    for document in docs:
        t0 = time.perf_counter()
        cleaned = clean(document.text)
        t1 = time.perf_counter()
        sentences = [s for a, b in cleaned.kept for s in split_sentences(document.text, a, b)]
        t2 = time.perf_counter()
        expressions = temporal.tag(document.text, dct=document.published)
        t3 = time.perf_counter()
        events += len(extract_events(document, sentences, expressions, gazetteer.find))
        t4 = time.perf_counter()
        for stage, seconds in zip(stages, (t1 - t0, t2 - t1, t3 - t2, t4 - t3)):
            stages[stage] += seconds
        chars += len(document.text)
    total = sum(stages.values()) or 1e-9
    print(f"gazetteer load (once per process): {load_time:.2f} s")
    print(f"documents: {len(docs)}, characters: {chars}, events: {events}")
    print(f"pipeline: {total:.2f} s, {len(docs) / total:.1f} documents/s, {chars / total / 1000:.0f} k chars/s")
    for stage, seconds in stages.items():
        print(f"  {stage:10} {seconds:7.2f} s  {100 * seconds / total:5.1f} %")


if __name__ == "__main__":
    sys.exit(main())
