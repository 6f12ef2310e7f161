"""Cleaning: which parts of a web copy are article text.

Cleaning never changes the text (offsets must point into the document as read);
it returns the spans that are kept and what was dropped, with the reason. What
counts as not-article is data: ``data/cleaning.tsv``, extended by user files of
the same form (see :func:`load_rules`).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable

from .temporal.firstchars import for_lower_ascii

ACTIONS = ("end", "line", "head", "before", "after", "minor")
# Rules that judge a whole line, rules that cut a line that runs pieces together, and the
# words a title-case headline leaves in lower case.
LINE_ACTIONS = ("end", "line", "head")
CUT_ACTIONS = ("before", "after")
# A title-case headline at the head of a run-together line has at least this many capitalised words,
# and at most HEADLINE_MAX_WORDS words.
HEADLINE_MIN_CAPITALISED = 3
HEADLINE_MAX_WORDS = 20
# An "end" marker only ends the article once this much article text stands above it;
# higher up it is navigation ("Comments" in a menu) and only its own line goes. A "head" line
# goes only above that much article text: below it, it is the article's own (a date alone heads
# a section of a timeline).
MIN_ARTICLE_BEFORE_END = 200


@dataclass(frozen=True)
class Rule:
    """One cleaning rule: ``action`` (end/line/head, or before/after/minor), the ``reason`` reported, a pattern."""

    action: str
    reason: str
    pattern: re.Pattern

    def matches(self, line: str) -> bool:
        """Whether the whole of ``line`` (spaces around it aside) is what this rule drops."""
        return bool(self.pattern.fullmatch(line.strip()))


@dataclass(frozen=True)
class Dropped:
    start: int
    end: int
    reason: str


@dataclass(frozen=True)
class Cleaned:
    kept: tuple[tuple[int, int], ...]
    dropped: tuple[Dropped, ...]


class RulesError(ValueError):
    """A rules file that cannot be read; the message names the file and line."""


def parse_rules(lines: Iterable[str], origin: str = "<rules>") -> tuple[Rule, ...]:
    """Rules from ``ACTION<tab>REASON<tab>PATTERN`` lines (``#`` comments and blank lines skipped)."""
    rules = []
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 3 or parts[0].strip() not in ACTIONS:
            raise RulesError(f"{origin}:{number}: expected ACTION<tab>REASON<tab>PATTERN with ACTION one of {', '.join(ACTIONS)}")
        action, reason, pattern = (p.strip() for p in parts)
        try:
            compiled = re.compile(pattern, re.IGNORECASE)
        except re.error as error:
            raise RulesError(f"{origin}:{number}: bad pattern ({error})") from None
        rules.append(Rule(action, reason, compiled))
    return tuple(rules)


@lru_cache(maxsize=1)
def default_rules() -> tuple[Rule, ...]:
    text = resources.files("timeline").joinpath("data/cleaning.tsv").read_text(encoding="utf-8")
    return parse_rules(text.splitlines(), "cleaning.tsv")


@lru_cache(maxsize=32)
def load_rules(path: str | None = None) -> tuple[Rule, ...]:
    """The built-in rules, followed by those in the user's file ``path`` (if given)."""
    if path is None:
        return default_rules()
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise RulesError(f"{path}: cannot read rules ({error})") from None
    return default_rules() + parse_rules(text.splitlines(), path)


def _lines(text: str) -> Iterable[tuple[int, int]]:
    position = 0
    while position <= len(text):
        newline = text.find("\n", position)
        end = len(text) if newline < 0 else newline
        yield position, end
        if newline < 0:
            return
        position = newline + 1


_BACKREFERENCE = re.compile(r"\\[1-9]|\(\?P=")


@lru_cache(maxsize=32)
def _any_rule(rules: tuple[Rule, ...]) -> re.Pattern | None:
    """One pattern that matches a line when some rule does: most lines are article text and
    match none, which this tells at once instead of rule by rule. None when the patterns cannot
    be joined (a backreference would point elsewhere, or a flag is set inside a pattern)."""
    if not rules or any(_BACKREFERENCE.search(rule.pattern.pattern) for rule in rules):
        return None
    try:
        return re.compile("|".join(f"(?:{rule.pattern.pattern})" for rule in rules), re.IGNORECASE)
    except re.error:
        return None


class _AnyLine:
    """Whether some rule matches a whole line, told by two joined patterns: the rules whose pattern
    reads the lower case of an ASCII line alike (see for_lower_ascii), read there several times
    faster, and the others. None of them is left out: a line that either part matches is a line
    some rule matches."""

    def __init__(self, rules: tuple[Rule, ...]):
        alike = [for_lower_ascii(rule.pattern) is not None for rule in rules]
        lowered = [rule for rule, is_alike in zip(rules, alike) if is_alike]
        others = [rule for rule, is_alike in zip(rules, alike) if not is_alike]
        joined = _any_rule(tuple(lowered))
        self.lowered = for_lower_ascii(joined) if joined is not None else None
        self.others = _any_rule(tuple(others)) if others else None
        self.joined = _any_rule(rules)

    def fullmatch(self, line: str) -> bool:
        if not line.isascii():
            return self.joined.fullmatch(line) is not None
        if self.lowered is not None and self.lowered.fullmatch(line.lower()):
            return True
        return self.others is not None and self.others.fullmatch(line) is not None


@lru_cache(maxsize=32)
def _any_line(rules: tuple[Rule, ...]) -> _AnyLine | None:
    """The test of :class:`_AnyLine` for ``rules``; None when their patterns cannot be joined (see _any_rule)."""
    return _AnyLine(rules) if _any_rule(rules) is not None else None


def _first_rule(rules: tuple[Rule, ...], any_rule: _AnyLine | None, line: str) -> Rule | None:
    stripped = line.strip()
    if any_rule is not None and not any_rule.fullmatch(stripped):
        return None
    return next((r for r in rules if r.matches(stripped)), None)


def clean(text: str, rules: tuple[Rule, ...] | None = None) -> Cleaned:
    """Spans of ``text`` that are article text, and the dropped ones with reasons."""
    rules = default_rules() if rules is None else rules
    line_rules = tuple(r for r in rules if r.action in LINE_ACTIONS)
    cut_rules = tuple(r for r in rules if r.action in CUT_ACTIONS)
    minor = _minor_words(rules)
    any_rule = _any_line(line_rules)
    any_cut = _any_rule(cut_rules)
    dropped: list[Dropped] = []
    kept: list[tuple[int, int]] = []
    kept_chars = 0
    for start, end in _lines(text):
        line = text[start:end]
        if not line.strip():
            continue
        rule = _first_rule(line_rules, any_rule, line)
        if rule is not None and rule.action == "end" and kept_chars >= MIN_ARTICLE_BEFORE_END:
            dropped.append(Dropped(start, len(text), rule.reason))
            break
        if rule is not None and rule.action == "head" and kept_chars >= MIN_ARTICLE_BEFORE_END:
            rule = None  # below the article's first lines: a heading of its own
        if rule is not None:
            dropped.append(Dropped(start, end, rule.reason))
            continue
        if not cut_rules or any_cut is not None and not any_cut.search(text, start, end):
            pieces = [(start, end, False)]  # most lines: nothing to cut
        else:
            pieces = _pieces(text, start, end, cut_rules, minor)
        for number, (piece_start, piece_end, opened) in enumerate(pieces):
            # A piece a label opens ("Photo: ...") goes when another piece follows it on the line: the last
            # one runs to the line's end, where the body may have run on after the caption.
            judged = len(pieces) > 1 and not (opened and number == len(pieces) - 1)
            rule = _first_rule(line_rules, any_rule, text[piece_start:piece_end]) if judged else None
            if rule is not None and rule.action == "head" and kept_chars >= MIN_ARTICLE_BEFORE_END:
                rule = None
            if rule is not None:  # a caption or a dateline run into the line: that piece alone goes
                dropped.append(Dropped(piece_start, piece_end, rule.reason))
                continue
            if (number == 0 and kept and text[kept[-1][1]:piece_start].strip() == ""
                    and text.count("\n", kept[-1][1], piece_start) == 1):
                kept[-1] = (kept[-1][0], piece_end)
            else:
                kept.append((piece_start, piece_end))
            kept_chars += piece_end - piece_start
    if any(d.reason == CAPTION for d in dropped):
        kept = _without_caption_copies(text, kept, dropped)
        dropped.sort(key=lambda d: d.start)
    return Cleaned(tuple(kept), tuple(dropped))


CAPTION = "caption"
# A caption's text seen again without its credit is the image's own text (a page copy gives both), if this long.
MIN_CAPTION_COPY = 40


def _without_caption_copies(text: str, kept: list[tuple[int, int]], dropped: list[Dropped]) -> list[tuple[int, int]]:
    """``kept`` without the paragraphs that a dropped caption repeats before its credit: "The ruins of a
    market ... on March 22, 2017." above the photo, then the same with "© Name/Agency" below it. Each
    such paragraph is added to ``dropped``."""
    # In order: one bisection per paragraph finds a caption it begins, where a page of captions that open
    # alike would have each paragraph compared to them all.
    captions = sorted(" ".join(text[item.start:item.end].split()) for item in dropped if item.reason == CAPTION)
    remaining = []
    for start, end in kept:
        paragraph = " ".join(text[start:end].split())
        if len(paragraph) >= MIN_CAPTION_COPY and _begins_one(captions, paragraph):
            dropped.append(Dropped(start, end, CAPTION))
        else:
            remaining.append((start, end))
    return remaining


def _begins_one(ordered: list[str], text: str) -> bool:
    """Whether one of the strings of ``ordered`` (in order) begins with ``text``: the first not before it."""
    following = bisect.bisect_left(ordered, text)
    return following < len(ordered) and ordered[following].startswith(text)


@lru_cache(maxsize=32)
def _minor_words(rules: tuple[Rule, ...]) -> re.Pattern | None:
    """One pattern for the words a title-case headline leaves in lower case (rules ``minor``)."""
    patterns = [rule.pattern.pattern for rule in rules if rule.action == "minor"]
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE) if patterns else None


_WORD = re.compile(r"\S+")
_QUOTES = "\"'“”‘’:,;"


def _pieces(text: str, start: int, end: int, cut_rules: tuple[Rule, ...],
            minor: re.Pattern | None) -> list[tuple[int, int, bool]]:
    """The pieces of a line that runs a headline, captions, a dateline and the body together (a copy
    that lost its line breaks and full stops), cut where a rule ``before`` matches and after where a
    rule ``after`` matches, and after a title-case headline at its head; the line whole when no rule
    cuts it. Each piece with whether a rule ``before`` opened it."""
    cuts, ends, opening = set(), [], set()
    # A cut leaves words on both sides when it falls after the line's first one and before its last.
    line = text[start:end]
    first_word = start + len(line) - len(line.lstrip())
    last_word = start + len(line.rstrip())
    for rule in cut_rules:
        for match in rule.pattern.finditer(text, start, end):
            cut = match.start() if rule.action == "before" else match.end()
            if rule.action == "after":
                ends.append((match.start(), match.end()))
            else:
                opening.add(cut)
            if first_word < cut < last_word:
                cuts.add(cut)
    # A piece does not start inside what ends another ("Photo: AFP BEIRUT (Reuters) -": AFP is the credit's;
    # the label of "Photo: Name/AFP" opens no caption, it ends one).
    covered = _covered(ends)
    cuts = {cut for cut in cuts if not _inside(covered, cut)}
    if not cuts:
        return [(start, end, False)]
    first = min(cuts)
    headline = _headline_end(text, start, first, minor)
    if headline is not None:
        cuts.add(headline)
    bounds = [start, *sorted(cuts), end]
    pieces = []
    for a, b in zip(bounds, bounds[1:]):
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            pieces.append((a, b, a in opening))
    return pieces


def _covered(spans: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """The starts and ends of the stretches that ``spans`` cover, overlapping ones made one, in order:
    a line may run thousands of captions together, each cut tested against them all would be quadratic."""
    starts: list[int] = []
    ends: list[int] = []
    for start, end in sorted(spans):
        if starts and start <= ends[-1]:
            ends[-1] = max(ends[-1], end)
        elif start < end:
            starts.append(start)
            ends.append(end)
    return starts, ends


def _inside(covered: tuple[list[int], list[int]], position: int) -> bool:
    """Whether ``position`` is inside one of the stretches of :func:`_covered`."""
    starts, ends = covered
    index = bisect.bisect_right(starts, position) - 1
    return index >= 0 and position < ends[index]


def _headline_end(text: str, start: int, end: int, minor: re.Pattern | None) -> int | None:
    """Where a title-case headline at the head of ``text[start:end]`` ends ("Forces Retake Khan Sheikhoun
    After Five Years | Syrian soldiers ride a tank ..."): before the capitalised word that opens the first
    words in lower case; None when the piece does not open with one."""
    capitalised: list[re.Match] = []
    for number, word in enumerate(_WORD.finditer(text, start, end)):
        if number > HEADLINE_MAX_WORDS:
            return None
        token = word.group().strip(_QUOTES)
        if token[:1].isupper() or token[:1].isdigit():
            capitalised.append(word)
        elif not token or minor is not None and minor.fullmatch(token):
            continue
        else:
            if len(capitalised) - 1 >= HEADLINE_MIN_CAPITALISED and capitalised[-1].start() > start:
                return capitalised[-1].start()
            return None
    return None


def describe_dropped(dropped: Iterable[Dropped], text: str, width: int = 70) -> list[str]:
    """One line per dropped span: its reason, where it starts, and how it begins."""
    lines = []
    for item in dropped:
        snippet = " ".join(text[item.start:item.end].split())
        if len(snippet) > width:
            snippet = snippet[: width - 1] + "…"
        lines.append(f"{item.reason} @{item.start}: {snippet}")
    return lines


def summarise_dropped(dropped: Iterable[Dropped], text: str) -> str:
    """A one-line account of what cleaning dropped: reasons with counts and characters."""
    by_reason: dict[str, list[int]] = {}
    for item in dropped:
        counts = by_reason.setdefault(item.reason, [0, 0])
        counts[0] += 1
        counts[1] += len(text[item.start:item.end].strip())
    if not by_reason:
        return "nothing"
    return "; ".join(
        f"{reason}: {count} {'span' if count == 1 else 'spans'}, {chars} chars"
        for reason, (count, chars) in by_reason.items()
    )
