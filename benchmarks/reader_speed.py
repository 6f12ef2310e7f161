"""How fast the readers read: documents per second and MB per second for each kind, on one core.

    python benchmarks/reader_speed.py                 # 200 generated copies of an article per kind
    python benchmarks/reader_speed.py corpus/         # every document of a folder, by kind

Times ``timeline.readers.read`` alone (sniffing included, no pipeline) over the bytes of each
document, already in memory. Without a folder, an article of about 3 KB of text is written as
plain text, a simple HTML page, a PDF (fpdf2) and a Word file (python-docx), ``--copies`` times
each. MB/s counts the bytes of the files, so a PDF's figure is not comparable to a text file's:
documents per second is the figure to compare. Wall-clock on a shared machine: the best of
``--repeat`` runs is reported.
"""
from __future__ import annotations

import argparse
import html
import importlib.util
import io
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from timeline import readers  # noqa: E402
from timeline.documents import find_inputs  # noqa: E402

MB = 1_000_000
KINDS = ("text", "html", "pdf", "docx")
TITLE = "Rebels take Khan Touman south of Aleppo"
PARAGRAPHS = [
    "BEIRUT, 7 May 2016",
    "On 6 May 2016, rebels captured Khan Touman, a town south of Aleppo, after a day of heavy fighting with "
    "government forces and allied militias, a monitoring group said.",
    "The Syrian Observatory for Human Rights said that at least 73 fighters were killed in the battle for the "
    "town, which had been held by government forces since December 2015.",
    "On 8 May 2016, government forces launched a counter-attack from the south, but the rebels held their "
    "positions around the town and the nearby village of al-Khalediya.",
    "On 12 May 2016, a car bomb exploded near a field hospital in the west of Aleppo, killing at least ten "
    "people, the Syrian Civil Defence said in a statement.",
] * 5


def article_as(kind: str) -> bytes:
    """The generated article written as a document of ``kind``."""
    if kind == "text":
        return "\n\n".join([TITLE, *PARAGRAPHS]).encode("utf-8")
    if kind == "html":
        body = "".join(f"<p>{html.escape(p)}</p>\n" for p in PARAGRAPHS)
        return (f"<!DOCTYPE html>\n<html><head><meta charset='utf-8'><title>{TITLE}</title></head>\n"
                f"<body><article><h1>{TITLE}</h1>\n{body}</article></body></html>\n").encode("utf-8")
    if kind == "pdf":
        from fpdf import FPDF

        pdf = FPDF()
        pdf.set_title(TITLE)
        pdf.add_page()
        pdf.set_font("Helvetica", "B", 16)
        pdf.multi_cell(0, 8, TITLE, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", size=11)
        for paragraph in PARAGRAPHS:
            pdf.multi_cell(0, 6, paragraph, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
        return bytes(pdf.output())
    if kind == "docx":
        import docx

        document = docx.Document()
        document.core_properties.title = TITLE
        document.add_heading(TITLE, level=1)
        for paragraph in PARAGRAPHS:
            document.add_paragraph(paragraph)
        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()
    raise ValueError(kind)


def generated(copies: int) -> dict[str, list[tuple[str, bytes]]]:
    """``copies`` documents of each kind (the same bytes: each read is a whole read)."""
    return {kind: [(f"article.{kind}", article_as(kind))] * copies
            for kind in KINDS if kind != "html" or html_reader_present()}


def html_reader_present() -> bool:
    return importlib.util.find_spec("timeline.readers.html") is not None


def corpus(folder: str) -> dict[str, list[tuple[str, bytes]]]:
    """The documents of a folder by kind (the kind ``sniff`` gives; mhtml counts as html)."""
    found: dict[str, list[tuple[str, bytes]]] = {}
    for item in find_inputs([folder]):
        data = item.path.read_bytes()
        try:
            kind = readers.sniff(data, item.name)
        except readers.InputError:
            continue
        found.setdefault({"mhtml": "html"}.get(kind, kind), []).append((item.name, data))
    return found


def timed_run(documents: list[tuple[str, bytes]]) -> tuple[float, int]:
    """Seconds to read every document, and how many could not be read."""
    refused = 0
    start = time.perf_counter()
    for name, data in documents:
        try:
            readers.read(data, name)
        except readers.InputError:
            refused += 1
    return time.perf_counter() - start, refused


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", help="folder of documents (default: generated articles)")
    parser.add_argument("--copies", type=int, default=200, help="generated documents of each kind")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each timing; the fastest is reported")
    args = parser.parse_args()

    by_kind = corpus(args.corpus) if args.corpus else generated(args.copies)
    if not html_reader_present():
        print("html: skipped, timeline/readers/html.py is not present")
    print(f"{'kind':6} {'documents':>10} {'MB':>8} {'seconds':>9} {'docs/s':>9} {'MB/s':>8} {'refused':>8}")
    for kind in KINDS:
        documents = by_kind.get(kind)
        if not documents or kind == "html" and not html_reader_present():
            continue
        timed_run(documents[:1])  # imports the reader's library outside the clock
        size = sum(len(data) for _, data in documents)
        seconds, refused = min(timed_run(documents) for _ in range(max(1, args.repeat)))
        print(f"{kind:6} {len(documents):>10} {size / MB:>8.2f} {seconds:>9.4f} "
              f"{len(documents) / seconds:>9.1f} {size / MB / seconds:>8.2f} {refused:>8}")


if __name__ == "__main__":
    main()
