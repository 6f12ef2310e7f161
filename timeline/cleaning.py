"""Cleaning: which parts of a web copy are article text.

Cleaning never changes the text (offsets must point into the document as read);
it returns the spans that are kept and what was dropped, with the reason. What
counts as not-article is data: ``data/cleaning.tsv``, extended by user files of
the same form (see :func:`load_rules`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable

ACTIONS = ("end", "line")
# An "end" marker only ends the article once this much article text stands above it;
# higher up it is navigation ("Comments" in a menu) and only its own line goes.
MIN_ARTICLE_BEFORE_END = 200


@dataclass(frozen=True)
class Rule:
    """One cleaning rule: ``action`` (end/line), the ``reason`` reported, a whole-line pattern."""

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


def _first_rule(rules: tuple[Rule, ...], any_rule: re.Pattern | None, line: str) -> Rule | None:
    stripped = line.strip()
    if any_rule is not None and not any_rule.fullmatch(stripped):
        return None
    return next((r for r in rules if r.matches(stripped)), None)


def clean(text: str, rules: tuple[Rule, ...] | None = None) -> Cleaned:
    """Spans of ``text`` that are article text, and the dropped ones with reasons."""
    rules = default_rules() if rules is None else rules
    any_rule = _any_rule(rules)
    dropped: list[Dropped] = []
    kept: list[tuple[int, int]] = []
    kept_chars = 0
    for start, end in _lines(text):
        line = text[start:end]
        if not line.strip():
            continue
        rule = _first_rule(rules, any_rule, line)
        if rule is not None and rule.action == "end" and kept_chars >= MIN_ARTICLE_BEFORE_END:
            dropped.append(Dropped(start, len(text), rule.reason))
            break
        if rule is not None:
            dropped.append(Dropped(start, end, rule.reason))
            continue
        if kept and text[kept[-1][1]:start].strip() == "" and text.count("\n", kept[-1][1], start) == 1:
            kept[-1] = (kept[-1][0], end)
        else:
            kept.append((start, end))
        kept_chars += len(line.strip())
    return Cleaned(tuple(kept), tuple(dropped))


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
