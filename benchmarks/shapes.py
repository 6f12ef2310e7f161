"""How the shape of a document, not only its size, sets the time and memory of `timeline build`.

    python benchmarks/shapes.py                                   # 1 MB shapes from the seed articles
    python benchmarks/shapes.py ../shared/corpora/tempeval3/silver --sizes 1,10

Makes one document of each shape at each size (in MB of UTF-8 text): ordinary news (the
articles of the folders, .txt or TimeML .tml, one after another up to the size; see below for
sizes larger than the folders),
the same text on one line, the same text without sentence punctuation, the same words on
short lines, dense dates ("1 May 2016, 2 May 2016, ..."), dense names (places and actors of
the gazetteer with filler words), a timeline page of dated lines, and a long front matter
(a YAML list filling the size, then a short article). Each document is built by the real
command line in a fresh process (``-f csv -j 1 --max-size 0``), and the table gives its
seconds, its CPU seconds, its peak memory (the process's maximum resident set, from ``wait4``)
and events found, with each time as a multiple of ordinary news of the same size: on a shared
machine the CPU ratio is the steadier one, as other processes stretch wall time unevenly. ``--keep DIR`` leaves the
documents there (to profile one); ``--repeat N`` builds each N times, the shapes taking turns, and gives the
least time of each, which other work on the machine can only have stretched.

Where a size is larger than the folders, ordinary news reads their articles again, but a sentence met again
verbatim costs less than a new one (the tool remembers per document what it found in a sentence), which would
make the reference cheaper than real news of that size. So each further pass opens every sentence with a
connective of its own ("Meanwhile, the ministry said ...", then "Separately, ..."): the text stays ordinary
news, each sentence as much work as before, and none repeats verbatim. Give several folders (e.g. tempeval3
silver and tbaq, wikiwars dev: 4.8 MB together) to need fewer passes; a note under the table says how many.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import itertools
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable, Iterator

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from timeline.evaluation.timeml import read_corpus  # noqa: E402

MB = 1_000_000
PUBLISHED = "2016-05-09"
FILLER = ("and", "near", "with", "as", "the forces of", "outside", "while", "against")
HAPPENINGS = (
    "Rebels captured {place}", "Government forces shelled {place}", "{actor} withdrew from {place}",
    "An air strike hit a market in {place}", "{actor} announced a ceasefire around {place}",
    "Fighting broke out between {actor} and {other} near {place}", "Aid convoys reached {place}",
)


def articles(corpus: Path) -> list[str]:
    """The texts of the corpus: each TimeML document's text, else each .txt file."""
    texts = [document.text.strip() for document in read_corpus(corpus)]
    if not texts:
        texts = [path.read_text(encoding="utf-8").strip() for path in sorted(corpus.rglob("*.txt"))]
    if not texts:
        raise SystemExit(f"{corpus}: no .tml or .txt documents")
    return texts


def names() -> tuple[list[str], list[str]]:
    """Places and actors of the built-in gazetteer, as written in ``names.tsv``."""
    places, actors = [], []
    for line in (ROOT / "timeline" / "data" / "names.tsv").read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if line.startswith("#") or len(fields) < 3:
            continue
        (places if fields[0] == "place" else actors).append(fields[2])
    return places, actors


def up_to(pieces: Iterator[str], size: int) -> str:
    """Pieces joined until the text holds ``size`` bytes of UTF-8 (the last piece whole)."""
    parts, total = [], 0
    for piece in pieces:
        parts.append(piece)
        total += len(piece.encode("utf-8"))
        if total >= size:
            break
    return "".join(parts)


def days() -> Iterator[dt.date]:
    """Every day from 1 January 2011 on, then again."""
    while True:
        day = dt.date(2011, 1, 1)
        while day.year < 2031:
            yield day
            day += dt.timedelta(days=1)


def written(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


# What opens every sentence of the second, third ... pass over the articles (see the module's docstring).
CONNECTIVES = ("Meanwhile,", "Separately,", "In addition,", "Elsewhere,", "Moreover,", "Also,", "Besides,",
               "Furthermore,", "Likewise,", "Similarly,", "In other developments,", "At the same time,")
# Words that open a sentence and are written in lower case after a connective.
_COMMON_OPENERS = frozenset("a an the it its he she they we i in on at as after but and for this that these those "
                            "there when while with some many most one two".split())
# The start of a sentence: of the text, of a line, or after closing punctuation that ends a lower-case word
# (not "6. August", "U.S. Army", "Mr. Assad", "Gen. Hassan") and blanks; then its first word.
_ABBREVIATIONS = ("Mrs", "Gen", "Col", "Sgt", "Gov", "Sen", "Rep", "Capt", "Maj", "Prof", "Lt", "Jr", "Sr", "St",
                  "vs", "etc", "Inc", "Ltd", "Corp", "Jan", "Feb", "Aug", "Sept", "Oct", "Nov", "Dec")
_SENTENCE_START = re.compile(r"(^|(?<=[a-z]{2})%s[.!?][\"”’']?[ \t]+|\n\s*)([\"“‘]?)([A-Z][A-Za-z]*)"
                             % "".join(rf"(?<!\b{word})" for word in _ABBREVIATIONS))


def opened(text: str, connective: str) -> str:
    """``text`` with each of its sentences opened by ``connective`` ("Meanwhile, the army said ...")."""
    def open_sentence(match: re.Match) -> str:
        word = match.group(3)
        if word.lower() in _COMMON_OPENERS:
            word = word.lower()
        return f"{match.group(1)}{match.group(2)}{connective} {word}"

    return _SENTENCE_START.sub(open_sentence, text)


def passes(texts: list[str]) -> Iterator[str]:
    """The articles one after another, then again and again, each pass after the first with its sentences
    opened by another connective, so that no sentence of a pass is met verbatim in another."""
    for number in itertools.count():
        connective = CONNECTIVES[(number - 1) % len(CONNECTIVES)] if number else ""
        for text in texts:
            yield (opened(text, connective) if connective else text) + "\n\n"


def news(texts: list[str], size: int) -> str:
    return up_to(passes(texts), size)


def one_line(texts: list[str], size: int) -> str:
    return re.sub(r"\s*\n\s*", " ", news(texts, size))


def no_punctuation(texts: list[str], size: int) -> str:
    return re.sub(r"[.!?]", "", news(texts, size))


def short_lines(texts: list[str], size: int, width: int = 20) -> str:
    lines, line = [], ""
    for word in news(texts, size).split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return "\n".join(lines) + "\n"


def dense_dates(texts: list[str], size: int) -> str:
    # One sentence: a line of dates alone is a page's date line, which cleaning drops.
    return "Clashes were reported on " + up_to((written(day) + ", " for day in days()), size) + "\n"


def dense_names(texts: list[str], size: int) -> str:
    places, actors = names()
    words = itertools.cycle(places + actors)
    filler = itertools.cycle(FILLER)

    def sentences() -> Iterator[str]:
        for day in days():
            listed = " ".join(f"{next(words)} {next(filler)}" for _ in range(12))
            yield f"On {written(day)} {listed} {next(words)} reported clashes.\n"

    return up_to(sentences(), size)


def timeline_page(texts: list[str], size: int) -> str:
    places, actors = names()
    kinds = itertools.cycle(HAPPENINGS)

    def lines() -> Iterator[str]:
        yield "Timeline of the war\n\n"
        for number, day in enumerate(days()):
            happening = next(kinds).format(place=places[number % len(places)], actor=actors[number % len(actors)],
                                           other=actors[(number * 7 + 3) % len(actors)])
            yield f"{written(day)}: {happening}.\n"

    return up_to(lines(), size)


def front_matter(texts: list[str], size: int) -> str:
    article = texts[0][:2000] + "\n"
    items = (f"  - tag number {number}\n" for number in itertools.count())
    head = "---\ntitle: A long list\npublished: " + PUBLISHED + "\ntags:\n"
    return head + up_to(items, max(0, size - len(article) - len(head) - 4)) + "---\n" + article


SHAPES: dict[str, Callable[[list[str], int], str]] = {
    "news": news, "one_line": one_line, "no_punct": no_punctuation, "short_lines": short_lines,
    "dense_dates": dense_dates, "dense_names": dense_names, "timeline_page": timeline_page,
    "front_matter": front_matter,
}


def build(path: Path, output: Path) -> tuple[float, float, float, int]:
    """Build one document in a fresh process: its seconds, CPU seconds, peak resident MB and exit status."""
    command = [sys.executable, "-m", "timeline", "build", str(path), "-f", "csv", "-o", str(output),
               "-j", "1", "--quiet", "--max-size", "0", "--published", PUBLISHED]
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    errors = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    process.stderr.close()
    if process.returncode != 0:
        sys.stderr.write(errors.decode("utf-8", "replace")[-2000:])
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, process.returncode


def count_events(output: Path) -> int:
    try:
        with open(output, newline="", encoding="utf-8-sig") as handle:
            return max(0, sum(1 for _ in csv.reader(handle)) - 1)
    except OSError:
        return -1


def _row(shape: str, size: int, figures: tuple, news: tuple, shown: list[str]) -> None:
    """One line of the table: a shape's (least) seconds, CPU seconds, peak memory and events."""
    if shape not in shown:
        return
    elapsed, cpu, peak, events = figures
    print(f"{shape:<14} {size / MB:>6.2f} {elapsed:>8.2f} {elapsed / news[0]:>7.2f} {cpu:>7.2f} "
          f"{cpu / news[1]:>6.2f} {peak:>8.0f} {events:>7}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="*", default=[str(ROOT / "seeds")],
                        help="folders of .tml or .txt articles for ordinary news, read in this order (default: the "
                             "seed articles); beyond their size, each further pass opens every sentence with a "
                             "connective, so that none repeats verbatim")
    parser.add_argument("--sizes", default="1", help="comma-separated document sizes in MB (default: 1)")
    parser.add_argument("--shapes", default=",".join(SHAPES), help="comma-separated shapes (default: all)")
    parser.add_argument("--keep", help="write the documents to this folder and leave them there")
    parser.add_argument("--repeat", type=int, default=1,
                        help="build each document this many times, the shapes taking turns, and give the least "
                             "time of each (default: 1): on a shared machine other work only ever adds time")
    arguments = parser.parse_args()
    sizes = [float(size) for size in arguments.sizes.split(",")]
    shapes = [shape for shape in arguments.shapes.split(",") if shape]
    unknown = set(shapes) - set(SHAPES)
    if unknown:
        parser.error(f"unknown shapes {', '.join(sorted(unknown))}; known: {', '.join(SHAPES)}")
    texts = [text for corpus in arguments.corpus for text in articles(Path(corpus))]
    corpus_size = sum(len(text.encode("utf-8")) + 2 for text in texts)  # as news() joins them
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(arguments.keep or scratch)
        folder.mkdir(parents=True, exist_ok=True)
        print(f"corpus {' '.join(arguments.corpus)}: {len(texts)} articles; one document per shape and size, "
              f"built with -f csv -j 1 --max-size 0"
              f"{f'; least of {arguments.repeat} builds each, taking turns' if arguments.repeat > 1 else ''}"
              f"; load average before: {os.getloadavg()[0]:.1f}")
        print(f"{'shape':<14} {'MB':>6} {'seconds':>8} {'x news':>7} {'cpu s':>7} {'cpu x':>6} {'peak MB':>8} "
              f"{'events':>7}")
        for size in sizes:
            order = ["news"] + [s for s in shapes if s != "news"]
            paths, sizes_written = {}, {}
            for shape in order:
                text = SHAPES[shape](texts, int(size * MB))
                paths[shape] = folder / f"{shape}-{size:g}MB.txt"
                paths[shape].write_text(text, encoding="utf-8")
                sizes_written[shape] = len(text.encode("utf-8"))
            best: dict[str, tuple[float, float, float, int]] = {}
            for turn in range(max(1, arguments.repeat)):
                for shape in order:
                    output = Path(scratch) / f"{shape}-{size:g}MB.csv"
                    elapsed, cpu, peak, status = build(paths[shape], output)
                    events = count_events(output) if status == 0 else -1
                    known = best.get(shape)
                    best[shape] = (elapsed, cpu, peak, events) if known is None else (
                        min(known[0], elapsed), min(known[1], cpu), max(known[2], peak), events)
                    if turn == 0 and arguments.repeat <= 1:
                        _row(shape, sizes_written[shape], best[shape], best["news"], shapes)
            if arguments.repeat > 1:
                for shape in order:
                    _row(shape, sizes_written[shape], best[shape], best["news"], shapes)
            if not arguments.keep:
                for path in paths.values():
                    path.unlink()
            if size * MB > corpus_size:
                print(f"note: news at {size:g} MB reads the articles ({corpus_size / MB:.2f} MB) "
                      f"{size * MB / corpus_size:.1f} times, each pass after the first with its sentences opened by "
                      f"another connective, so that none repeats verbatim", flush=True)

if __name__ == "__main__":
    main()
