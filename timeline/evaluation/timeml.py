"""Reading TimeML (.tml) files: the text, the creation date and the gold TIMEX3 spans.

The text of a document is the character data of ``<TEXT>`` with every tag removed;
a TIMEX3 span is a pair of character offsets into that text (end exclusive).
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class GoldTimex:
    """A TIMEX3 annotated by hand: where it is and what it says."""

    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None = None


@dataclass(frozen=True)
class TimemlDocument:
    name: str
    text: str
    dct: str | None
    timexes: tuple[GoldTimex, ...]


class TimemlError(ValueError):
    """A file that is not TimeML as TempEval-3 distributes it."""


def _collect(element: ET.Element, parts: list[str], offset: int, timexes: list[GoldTimex]) -> int:
    """Append the character data under ``element`` to ``parts``; record TIMEX3 spans."""
    if element.text:
        parts.append(element.text)
        offset += len(element.text)
    for child in element:
        start = offset
        offset = _collect(child, parts, offset, timexes)
        if child.tag == "TIMEX3":
            text = "".join(child.itertext())
            timexes.append(GoldTimex(start, offset, text, child.get("type", ""), child.get("value", ""),
                                     child.get("mod") or None))
        if child.tail:
            parts.append(child.tail)
            offset += len(child.tail)
    return offset


def parse_timeml(content: str | bytes, name: str = "<string>") -> TimemlDocument:
    """Parse one TimeML document given as a string or bytes."""
    try:
        root = ET.fromstring(content)
    except ET.ParseError as error:
        raise TimemlError(f"{name}: not well-formed XML ({error})") from None
    text_element = root.find(".//TEXT")
    if text_element is None:
        raise TimemlError(f"{name}: no <TEXT> element")
    dct = None
    dct_timex = root.find(".//DCT/TIMEX3")
    if dct_timex is not None:
        dct = dct_timex.get("value") or None
    parts: list[str] = []
    timexes: list[GoldTimex] = []
    _collect(text_element, parts, 0, timexes)
    return TimemlDocument(name, "".join(parts), dct, tuple(sorted(timexes, key=lambda t: (t.start, t.end))))


def read_timeml(path: str | Path) -> TimemlDocument:
    path = Path(path)
    return parse_timeml(path.read_bytes(), path.name)


def read_corpus(folder: str | Path, problems: list[str] | None = None) -> list[TimemlDocument]:
    """Every ``*.tml`` under ``folder`` (recursively), in name order; unreadable files go to ``problems``."""
    folder = Path(folder)
    paths = [folder] if folder.is_file() else sorted(folder.rglob("*.tml"))
    documents = []
    for path in paths:
        try:
            documents.append(read_timeml(path))
        except (OSError, TimemlError) as error:
            if problems is None:
                raise
            problems.append(str(error) if isinstance(error, TimemlError) else f"{path}: {error.strerror}")
    return documents
