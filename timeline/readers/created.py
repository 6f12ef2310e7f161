"""A file's creation date as a weak stand-in for the publication date of the article it holds.

PDF and Word files carry the day the file was made, which is the day an article was
published only when the newsroom itself made the file. An article printed to PDF from a
browser, or pasted into Word, carries the day of the printing or the pasting, months or
years later; resolving "on Thursday" against that day gives wrong dates that look right.
So the creation date is used only when nothing better can be had and nothing says it is
wrong: never when the text opens with a dateline (the documents layer reads datelines
only when no other date is given, so a creation date would hide it), never when the
program that made the file prints web pages, never before the format existed nor in the
future. A date that passes is a day, never a time, and says where it came from
(``pdf metadata``, ``word metadata``) in every output.
"""
from __future__ import annotations

import datetime
import re

from .dateline import find_dateline

# Programs that make files from what was on screen (browsers, print-to-PDF drivers): the
# file's date is the day it was printed, not when the article appeared.
PRINTED_BY = re.compile(
    r"skia|chrom|mozilla|firefox|safari|webkit|quartz pdfcontext|wkhtmltopdf|print to pdf|"
    r"microsoft: print|cairo|princexml|\bprince\b|headless|puppeteer|playwright|weasyprint",
    re.IGNORECASE,
)


def creation_date(
    when: datetime.datetime | datetime.date | None,
    text: str,
    *,
    earliest: int,
    made_by: str = "",
    today: datetime.date | None = None,
) -> str | None:
    """The day ``when`` as a partial ISO date when it may stand for the publication date of
    ``text``, else None. ``earliest`` is the year the file format appeared; ``made_by`` the
    names of the programs that wrote the file."""
    if when is None:
        return None
    day = when.date() if isinstance(when, datetime.datetime) else when
    today = today or datetime.date.today()
    if day.year < earliest or day > today + datetime.timedelta(days=1):
        return None
    if made_by and PRINTED_BY.search(made_by):
        return None
    if find_dateline(text) is not None:
        return None
    return day.isoformat()


# Titles that programs write by themselves: "Microsoft Word - report.docx", "Untitled", a file name.
_JUNK_TITLE = re.compile(
    r"^\s*(?:microsoft (?:word|powerpoint|excel) - .*|untitled\b.*|document\s*\d*|"
    r"(?:powerpoint )?presentation|slide \d+|title|no title|"
    r".*\.(?:docx?|pdf|txt|rtf|odt|html?|indd|qxd|pages|ps|eps|tex|dvi))\s*$",
    re.IGNORECASE,
)


def usable_title(title: object) -> str:
    """``title`` with spaces tidied, or an empty string when a program, not a person, wrote it."""
    if not isinstance(title, str):
        return ""
    title = " ".join(title.split())
    if not title or _JUNK_TITLE.match(title) or not any(c.isalpha() for c in title):
        return ""
    return title
