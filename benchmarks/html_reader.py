"""How much of a saved page's article the web page reader keeps, and how fast it reads.

Each ``NAME.html`` (or ``.mhtml``) in the folder with a ``NAME.txt`` beside it holding the
article's body is read with each of trafilatura's trade-offs; the script prints, per setting,
word precision (the share of words read that are the article's) and recall (the share of the
article's words read), summed over the pages; then pages per second reading the largest page
with the setting the reader uses, on one core.

    python benchmarks/html_reader.py pages/ [--seconds 3]
"""
from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from pathlib import Path

import lxml.html

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # this checkout's timeline

from timeline.readers import html  # noqa: E402

WORD = re.compile(r"\w+")


def words(text: str) -> Counter:
    return Counter(w.lower() for w in WORD.findall(text))


def extracted(data: bytes, favor: str) -> str:
    """The main text of a page with one of trafilatura's trade-offs."""
    page = html.decode_page(data, None, [])
    return html._main_text(lxml.html.document_fromstring(page), "", "", favor)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--seconds", type=float, default=3.0, help="how long to time the largest page")
    options = parser.parse_args()
    pages = sorted(p for p in options.folder.iterdir() if p.suffix == ".html" and p.with_suffix(".txt").exists())
    print(f"{len(pages)} pages with their article text")
    print(f"{'setting':<10} {'precision':>9} {'recall':>7}")
    for favor in ("precision", "balanced", "recall"):
        right = read = gold = 0
        for page in pages:
            found, wanted = words(extracted(page.read_bytes(), favor)), words(page.with_suffix(".txt").read_text())
            right += sum((found & wanted).values())
            read += sum(found.values())
            gold += sum(wanted.values())
        print(f"{favor:<10} {right / max(read, 1):>9.3f} {right / max(gold, 1):>7.3f}")
    largest = max(pages, key=lambda p: p.stat().st_size)
    data = largest.read_bytes()
    count, start = 0, time.perf_counter()
    while time.perf_counter() - start < options.seconds:
        html.read(data, largest.name)
        count += 1
    elapsed = time.perf_counter() - start
    print(f"{largest.name} ({len(data) / 1024:.0f} KB): {count / elapsed:.1f} pages/s ({html.FAVOR})")


if __name__ == "__main__":
    main()
