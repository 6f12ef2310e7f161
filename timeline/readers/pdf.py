"""PDF: the text layer of every page, as readable text, with the document's title, author and date.

Read with pypdf (pure Python, no system library). Page by page, lines come back in the
order of the content stream with their height on the page; from them:

- repeated page headers and footers (the same line, digits aside, at the top or bottom of
  most pages) and page numbers ("3", "Page 3 of 10") are left out;
- the lines of a paragraph are joined with a space, and a word hyphenated at a line end
  is joined back ("govern-" + "ment"): the sentence splitter takes a line break before a
  capital for the end of a sentence, so a wrapped line must not end in one. A line shorter
  than most of the page's lines (a headline, a dateline, the last line of a paragraph)
  keeps its line break; a wider gap than the page's line spacing starts a paragraph, after a
  blank line; pages are separated by a blank line, unless a page ends inside a sentence.

The publication date: ``/CreationDate`` (or XMP ``xmp:CreateDate``) is the day the file was
made, which is the printing day of a page printed from a browser. It is returned, as a day
with ``published_from = "pdf metadata"``, only when it is plausible (see ``created.py``:
not made by a browser or print driver, not before 1993 nor in the future, and the text
does not open with a dateline, which the documents layer then uses instead).

Files that cannot be used raise InputError: encrypted ones that need a password, scans
without a text layer (they need OCR), damaged or cut-off ones. pypdf's own warnings about
repairable damage are silenced: the text read is what counts.
"""
from __future__ import annotations

import contextlib
import io
import logging
import re
import warnings
from collections import Counter
from dataclasses import dataclass

from .base import InputError, Reading
from .created import creation_date, usable_title

# The year PDF appeared: an earlier creation date is a wrong clock.
PDF_EARLIEST_YEAR = 1993
# Lines at each end of a page that may be a running header or footer.
EDGE_LINES = 2
# A line this wide (in characters, against the page's widest lines) fills the measure: it wraps.
FULL_LINE = 0.7
# A gap this much wider than the page's usual line spacing separates paragraphs.
PARAGRAPH_GAP = 1.3
# Operations (text, positions, paths, forms shown) a PDF's pages may hold in all: an article's have
# tens of thousands, a long report's a million. Pages that share one content stream, or show one form
# thousands of times, make a file of kilobytes hours of work (about 12 microseconds an operation): the
# pages past this many are not read, and the reading says so.
MAX_OPERATIONS = 2_000_000
# A page number alone on its line: "3", "- 3 -", "Page 3", "Page 3 of 10", "3 / 10", "p. 3".
PAGE_NUMBER = re.compile(r"^[-–—\s]*(?:(?:page|p\.|pg\.?)\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?[-–—\s]*$",
                         re.IGNORECASE)
# Typographic ligatures that PDF fonts map to one character: searching the text for "fighting" must find it.
LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"})
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_SENTENCE_END = re.compile(r"[.!?…:][\"'”’)\]]*$")
_HYPHENATED = re.compile(r"[^\W\d_][-\xad]$")


@dataclass
class Line:
    """One line of a page, with the height of its baseline on the page (None when unknown)."""

    text: str
    y: float | None = None


def read(data: bytes, name: str = "") -> list[Reading]:
    """The text of a PDF and the metadata it carries. Raises InputError when it cannot be used."""
    with _quiet_pypdf():
        import pypdf

        try:
            document = pypdf.PdfReader(io.BytesIO(data))
            _unlock(document, pypdf)
            pages = list(document.pages)
        except InputError:
            raise
        except MemoryError:
            raise
        except Exception as error:  # pypdf raises many kinds (and KeyError, ValueError...) on damaged files
            raise InputError(f"is a damaged PDF ({_why(error)}); save it again") from None
        if not pages:
            raise InputError("is a PDF without pages; save it again")
        if b"%%EOF" not in data[-4096:]:
            raise InputError("is a damaged PDF (it is cut off: its end is missing); save it again")
        lines, unread, oversized, beyond = [], [], [], []
        budget = _Operations(MAX_OPERATIONS)
        for number, page in enumerate(pages, 1):
            try:
                if budget.spent:
                    raise _TooManyOperations
                lines.append(_page_lines(page, budget.count))
            except MemoryError:
                raise
            except pypdf.errors.LimitReachedError:  # a page's streams unpack to more than pypdf reads
                lines.append([])
                oversized.append(number)
            except _TooManyOperations:
                lines.append([])
                beyond.append(number)
            except Exception:
                lines.append([])
                unread.append(number)
        metadata = _metadata(document)
    empty = [number for number, page in enumerate(lines, 1) if not any(line.text.strip() for line in page)]
    oversized_note = (f"has pages whose contents unpack to more than any article's ({_pages(oversized)}); if "
                      "it is one, save its text as a .txt file and give that") if oversized else ""
    beyond_note = (f"has more to draw than any article ({MAX_OPERATIONS:,} operations), so {_pages(beyond)} "
                   "were not read; if it is one, split it or save its text as a .txt file") if beyond else ""
    if len(empty) == len(pages):
        if oversized:
            raise InputError(oversized_note)
        if beyond:
            raise InputError(beyond_note)
        if unread:
            raise InputError("is a damaged PDF (no page could be read); save it again")
        raise InputError("is a scanned PDF without a text layer; it needs OCR first (e.g. ocrmypdf)")
    text = page_text(lines)
    notes = []
    if unread:
        notes.append(f"has pages that could not be read ({_pages(unread)}); their text is missing; "
                         "save the PDF again to read them")
    if oversized:
        notes.append(oversized_note)
    if beyond:
        notes.append(beyond_note)
    scanned = [number for number in empty if number not in unread and number not in oversized and number not in beyond]
    if scanned:
        notes.append(f"has pages without a text layer ({_pages(scanned)}); their text is missing, "
                         "OCR them first (e.g. ocrmypdf) to read them")
    published = creation_date(metadata["created"], text, earliest=PDF_EARLIEST_YEAR, made_by=metadata["made_by"])
    return [Reading(text, title=metadata["title"], author=metadata["author"], published=published,
                    published_from="pdf metadata" if published else "", warnings=tuple(notes))]


def page_text(pages: list[list[Line]]) -> str:
    """The text of the pages' lines: page furniture left out, paragraphs rebuilt, pages apart by a
    blank line, unless a page ends inside a sentence that the next page goes on with."""
    parts: list[str] = []
    last_line = ""
    for lines in without_headers_and_footers(pages):
        if not lines:
            continue
        text = _join_lines(lines)
        if parts:
            if _runs_on(last_line, _measure(previous), text) and not _SENTENCE_END.search(last_line):
                parts[-1], separator = _wrap(parts[-1], text)
            else:
                separator = "\n\n"
            parts.append(separator)
        parts.append(text)
        previous, last_line = lines, lines[-1].text.strip()
    return "".join(parts)


def without_headers_and_footers(pages: list[list[Line]]) -> list[list[Line]]:
    """Leave out page numbers at the top or bottom of a page, and lines repeated there on most pages.

    Furniture is peeled from each end of a page inwards, so a line is left out only when all the
    lines between it and the edge are furniture too.
    """
    pages = [[line for line in lines if line.text.strip()] for lines in pages]
    seen = Counter(key for lines in pages for key in {_furniture_key(lines[i].text) for i in _edges(lines)})
    repeated = {key for key, count in seen.items() if count >= 2 and count >= 0.6 * len(pages)}

    def furniture(line: Line) -> bool:
        return bool(PAGE_NUMBER.match(line.text.strip())) or _furniture_key(line.text) in repeated

    kept = []
    for lines in pages:
        start, end = 0, len(lines)
        while start < min(EDGE_LINES, end) and furniture(lines[start]):
            start += 1
        while end > max(start, len(lines) - EDGE_LINES) and furniture(lines[end - 1]):
            end -= 1
        if start >= end:
            # Every line of the page repeats on most pages but for its numbers: the short pages of a
            # report written to one template ("Daily report 12. Rebels attacked ... on 3 May 2016"),
            # whose text is the body, not furniture around one. Only page numbers go.
            kept.append([line for line in lines if not PAGE_NUMBER.match(line.text.strip())])
            continue
        kept.append(lines[start:end])
    return kept


def _edges(lines: list[Line]) -> set[int]:
    """The indexes of the first and last lines of a page, where headers and footers stand."""
    return set(range(min(EDGE_LINES, len(lines)))) | set(range(max(0, len(lines) - EDGE_LINES), len(lines)))


def _furniture_key(line: str) -> str:
    # Digits aside: "Page 3 of 10" and a header with the page's date repeat with other numbers.
    return re.sub(r"\d+", "#", " ".join(line.lower().split()))


def _join_lines(lines: list[Line]) -> str:
    """One page's lines as paragraphs: wrapped lines joined, short lines kept, wide gaps blank lines."""
    measure = _measure(lines)
    spacing = _usual_spacing(lines)
    parts = [lines[0].text.strip()]
    for previous, line in zip(lines, lines[1:]):
        before, after = previous.text.strip(), line.text.strip()
        gap = None if previous.y is None or line.y is None else previous.y - line.y
        if spacing and gap is not None and (gap <= 0 or gap > PARAGRAPH_GAP * spacing):
            separator = "\n\n"
        elif _runs_on(before, measure, after):
            parts[-1], separator = _wrap(parts[-1], after)
        else:
            separator = "\n"
        parts.append(separator)
        parts.append(after)
    return "".join(parts)


def _measure(lines: list[Line]) -> int:
    """The width (in characters) the long lines of a page reach: on a full page not the single
    widest, which may be a web address."""
    widths = sorted(len(line.text.strip()) for line in lines)
    return widths[int(0.9 * (len(widths) - 1))] if len(widths) >= 10 else widths[-1]


def _runs_on(before: str, measure: int, after: str) -> bool:
    """Whether a line goes on in the next: it fills the measure (a wrapped line), or it ends in a
    soft hyphen."""
    return len(before) >= FULL_LINE * measure or before.endswith("\xad") and after[:1].islower()


def _wrap(before: str, after: str) -> tuple[str, str]:
    """The end of a wrapped line and what joins it to the next: a hyphenated word is joined back."""
    if _HYPHENATED.search(before) and after[:1].islower():
        return before[:-1], ""  # "govern-" + "ment"
    if before.endswith("-") and not before.endswith(" -"):
        return before, ""  # "Franco-" + "German", "2015-" + "2016": the hyphen stays
    return before, " "


def _usual_spacing(lines: list[Line]) -> float | None:
    """The page's usual distance between consecutive baselines (the median), if known."""
    gaps = sorted(a.y - b.y for a, b in zip(lines, lines[1:])
                  if a.y is not None and b.y is not None and a.y - b.y > 0)
    return gaps[len(gaps) // 2] if gaps else None


class _TooManyOperations(Exception):
    """The pages read so far hold more operations than MAX_OPERATIONS."""


class _Operations:
    """How many operations of content streams the pages read have held, against a budget."""

    def __init__(self, budget: int):
        self.left = budget

    @property
    def spent(self) -> bool:
        return self.left < 0

    def count(self, *_operation) -> None:
        """Count one operation (pypdf's visitor before each); raise once the budget is spent, and at
        each operation after it (pypdf goes on after a failure inside a form)."""
        self.left -= 1
        if self.left < 0:
            raise _TooManyOperations


def _page_lines(page, count=None) -> list[Line]:
    """The lines of a page's text layer, with the height of each line on the page; ``count`` is
    called before each operation of its content (and of the forms it shows)."""
    lines = [Line("")]

    def visit(text, matrix, text_matrix, font, size):
        pieces = text.translate(LIGATURES).replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").split("\n")
        for number, piece in enumerate(pieces):
            if number:
                lines.append(Line(""))
            piece = _CONTROL.sub("", piece)
            if piece.strip() and lines[-1].y is None:
                # Height of the text origin: text matrix then current transformation matrix.
                lines[-1].y = text_matrix[4] * matrix[1] + text_matrix[5] * matrix[3] + matrix[5]
            lines[-1].text += piece

    page.extract_text(visitor_text=visit, visitor_operand_before=count)
    return [line for line in lines if line.text.strip()]


def _unlock(document, pypdf) -> None:
    """Open an encrypted PDF that needs no password to read (only one to edit or print)."""
    if not document.is_encrypted:
        return
    try:
        opened = document.decrypt("")
    except pypdf.errors.DependencyError:
        raise InputError("is an encrypted PDF that needs the 'cryptography' package to open; install it "
                         "(pip install cryptography) or save an unlocked copy") from None
    if not opened:
        raise InputError("is an encrypted PDF; save an unlocked copy")


def _metadata(document) -> dict:
    """Title, author, creation time and producing programs from the document information and XMP."""
    found = {"title": "", "author": "", "created": None, "made_by": ""}
    try:
        info = document.metadata
        if info is not None:
            found["title"] = usable_title(info.title)
            found["author"] = _plain(info.author)
            found["made_by"] = f"{_plain(info.producer)} {_plain(info.creator)}"
            found["created"] = info.creation_date
    except MemoryError:
        raise
    except Exception:
        pass  # metadata that does not parse is metadata the document does not give
    try:
        xmp = document.xmp_metadata
        if xmp is not None:
            found["title"] = found["title"] or usable_title(next(iter((xmp.dc_title or {}).values()), ""))
            found["author"] = found["author"] or ", ".join(filter(None, map(_plain, xmp.dc_creator or [])))
            found["created"] = found["created"] or xmp.xmp_create_date
            found["made_by"] += " " + " ".join(_plain(v) for v in (xmp.pdf_producer, xmp.xmp_creator_tool))
    except MemoryError:
        raise
    except Exception:
        pass
    return found


def _plain(value) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def _pages(numbers: list[int]) -> str:
    shown = ", ".join(map(str, numbers[:10]))
    return f"page {shown}" if len(numbers) == 1 else f"pages {shown}{', ...' if len(numbers) > 10 else ''}"


def _why(error: Exception) -> str:
    """The reason pypdf gives, short and on one line."""
    why = " ".join(str(error).split()) or type(error).__name__
    return why[:80].rstrip(" .;:") + ("..." if len(why) > 80 else "")


@contextlib.contextmanager
def _quiet_pypdf():
    """pypdf logs and warns about damage it repairs; the reader reports what matters itself."""
    logger = logging.getLogger("pypdf")  # the parent of the loggers of pypdf's modules
    level = logger.level
    logger.setLevel(logging.CRITICAL + 1)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)
