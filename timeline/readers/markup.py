"""Tags with more attributes than any document's, bounded before a parser reads them.

libxml2 (lxml, for web pages) compares each attribute of a tag with every one before it, and
feedparser looks each one up among all of them: one tag of 20,000 attributes takes 0.4 s in a
page and 4 s in a feed, 200,000 (a 1.9 MB file) 130 s and 6 minutes. A tag of a real page or
feed has a few dozen; those past MAX_ATTRIBUTES are dropped, in time linear in the text.
"""
from __future__ import annotations

import codecs
import re
from typing import TypeVar

MAX_ATTRIBUTES = 1_000
TOO_MANY_ATTRIBUTES = "has a tag with {count:,} attributes; read without those after the first {limit:,}"
# A start tag as far as its attributes go (each a run of non-space characters and quoted values),
# or a script, style or comment, skipped whole (to their end, or the text's when unclosed).
_TAG_OR_SKIPPED = (r"<(?:script|style)\b.*?(?:</(?:script|style)\s*>|\Z)|<!--.*?(?:-->|\Z)|"
                   r"(<[A-Za-z][^\s/>]*(?:\s+(?:[^\s\"'>]|\"[^\"]*\"|'[^']*')+)*)")
_ATTRIBUTE = r"\s+(?:[^\s\"'>]|\"[^\"]*\"|'[^']*')+"
_PATTERNS = {str: (re.compile(_TAG_OR_SKIPPED, re.I | re.S), re.compile(_ATTRIBUTE)),
             bytes: (re.compile(_TAG_OR_SKIPPED.encode(), re.I | re.S), re.compile(_ATTRIBUTE.encode()))}
# Byte-order marks of the encodings that are not ASCII's superset, whose bytes the patterns cannot read.
WIDE_MARKS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
               (codecs.BOM_UTF16_BE, "utf-16"))

Markup = TypeVar("Markup", str, bytes)


def bounded_attributes(markup: Markup, warnings: list[str]) -> Markup:
    """``markup`` with no tag of more than MAX_ATTRIBUTES attributes (a warning says so when one had);
    bytes in UTF-16 or UTF-32 with their byte-order mark come back in their encoding."""
    if isinstance(markup, bytes):
        for mark, encoding in WIDE_MARKS:
            if markup.startswith(mark):
                text = markup.decode(encoding, errors="surrogatepass")
                bounded = bounded_attributes(text, warnings)
                return markup if bounded is text else bounded.encode(encoding, errors="surrogatepass")
    tags, attribute_pattern = _PATTERNS[type(markup)]
    pieces, done, most = [], 0, 0
    for tag in tags.finditer(markup):
        if tag.end() - tag.start() < 2 * MAX_ATTRIBUTES or not tag[1]:
            continue  # too short to hold that many, or skipped whole
        attributes = [attribute.end() for attribute in attribute_pattern.finditer(tag[1])]
        if len(attributes) > MAX_ATTRIBUTES:
            pieces += [markup[done:tag.start()], tag[1][:attributes[MAX_ATTRIBUTES - 1]]]
            done, most = tag.end(), max(most, len(attributes))
    if not most:
        return markup
    warnings.append(TOO_MANY_ATTRIBUTES.format(count=most, limit=MAX_ATTRIBUTES))
    return markup[:0].join(pieces) + markup[done:]
