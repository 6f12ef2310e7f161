"""Which addresses from documents may become links: http and https ones, nothing else.

A document's url is written by whoever wrote the page, feed or sidecar. As a link,
``javascript:`` runs script in the page that shows it, ``data:`` and ``file:`` open
what the author chose, and a line break in an address starts a new line in formats
made of lines (an iCalendar property, a Markdown link).  So an address is a link
only when it is ``http://`` or ``https://`` with a host and holds no white space or
control character; any other is kept and shown as text.  Documents are checked
when they are read (a warning names the document) and every exporter checks again,
since a saved chronology may have been edited by hand.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

LINK_SCHEMES = ("http", "https")
# White space and control characters, the C1 ones and the line and paragraph separators included:
# browsers drop some of them inside a scheme ("java\tscript:"), and formats made of lines break on others.
_UNSAFE_CHARACTER = re.compile(r"[\s\x00-\x1f\x7f-\x9f\u2028\u2029]")
_SHOWN = 80


def web_address(url: str | None) -> str:
    """``url`` when it may be a link (http or https, a host, no white space or control
    character), else the empty string."""
    if not url or _UNSAFE_CHARACTER.search(url):
        return ""
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. an unbalanced "[" where an IPv6 host would be
        return ""
    if parts.scheme.lower() not in LINK_SCHEMES or not parts.hostname:
        return ""
    return url


def address_problem(url: str | None) -> str | None:
    """Why ``url`` will not be a link, for a warning about the document it came from; None when
    it will be (or there is none)."""
    if not url or web_address(url):
        return None
    shown = url if len(url) <= _SHOWN else url[:_SHOWN] + "…"
    if _UNSAFE_CHARACTER.search(url):
        reason = "holds white space or control characters"
    else:
        reason = "is not an http or https address with a host"
    return f"url {shown!r} {reason}; it is kept as text, never made a link"
