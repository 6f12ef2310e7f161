"""The value of a match: its rule's template (``templates``) read against the groups of the match,
with the tables and procedures of ``procedures``."""

from __future__ import annotations

import re

from . import templates
from .rules import RULES
from .values import UNKNOWN_VALUES, day_exists, format_value, value_start
from .vocabulary import LANGUAGE
from .context import Context, Found
from .procedures import PROCEDURES, TABLES, PREVIOUS_WORD, counted

_ROLE_LISTS = {**{kind: frozenset(words) for kind, words in LANGUAGE.cues.items()},
               **{role: frozenset(words) for role, words in LANGUAGE.words.items()}}


_BLANKS = re.compile(r"\s*")

TEMPLATES = [templates.parse(rule.value, rule.where, templates.group_names(rule.pattern), set(TABLES),
                             PROCEDURES, set(_ROLE_LISTS)) for rule in RULES]


def resolve(ctx: Context, template: templates.Template, g: dict, span, rule_type: str) -> Found | None:
    """The value ``template`` gives the groups ``g`` of a match at ``span``: the first alternative
    whose groups matched and whose tables and procedures all say something; None when none does."""
    for alternative in template.alternatives:
        if alternative.sole is not None:  # the common case, "{@month}": the procedure's Found as it is
            function, args = alternative.sole
            result = function(ctx, g, span, *args)
            if result is None:
                continue
            if isinstance(result, Found):
                return result
            return _assemble(ctx, alternative, result, None, g, rule_type)
        # Each group looked up in C (map), not in a generator: a rule's alternatives are tried for each match.
        if alternative.needs and not all(map(g.get, alternative.needs)):
            continue
        if alternative.absent and any(map(g.get, alternative.absent)):
            continue
        parts, first, bounds = [], None, None
        for piece in alternative.pieces:
            kind = piece[0]
            if kind == templates.LITERAL:
                parts.append(piece[1])
            elif kind == templates.GROUP:
                words = g[piece[1]]
                part = words if piece[2] is None else TABLES[piece[2]](ctx, words)
                if part is None:
                    break
                parts.append(part)
            elif kind == templates.TEST:
                _, group, table, relation, wanted, negated = piece
                words = g.get(group)
                said = None if words is None else TABLES[table](ctx, words)
                if said is None:
                    holds = False
                elif relation == "=":
                    holds = "*" in wanted or said in wanted
                else:
                    try:
                        holds = float(said) < wanted if relation == "<" else float(said) > wanted
                    except ValueError:
                        holds = False
                if holds == negated:
                    break
            elif kind == templates.SPAN:
                if not g.get(piece[1]):
                    break
                bounds = (bounds or ()) + ((g["_span"](piece[1]), piece[2], piece[3]),)
            elif kind == templates.COUNTED:
                _, anchor, unit, unit_group, unit_table, sign, amount, amount_group, amount_table = piece
                if unit is None:
                    words = g.get(unit_group)
                    unit = None if words is None else TABLES[unit_table](ctx, words)
                    if unit not in UNKNOWN_VALUES:
                        break
                if amount is None:
                    words = g.get(amount_group)
                    said = None if words is None else TABLES[amount_table](ctx, words)
                    if said is None or not said.lstrip("-").isdigit():
                        break
                    amount = int(said)
                result = counted(ctx, anchor, unit, sign * amount, span[0])
                first = first or result
                parts.append(result.value)
            elif kind == templates.BEFORE:
                previous = PREVIOUS_WORD.search(ctx.text[max(0, span[0] - 25):span[0]])
                listed = previous is not None and previous.group(1).lower() in _ROLE_LISTS[piece[1]]
                if listed == piece[2]:
                    break
            else:
                _, function, args, negated, precision = piece
                result = function(ctx, g, span, *args)
                if negated:
                    if result is not None:
                        break
                    continue
                if result is None:
                    break
                if isinstance(result, Found):
                    if precision is not None:
                        if result.anchor == "unresolved":
                            break
                        result.value = format_value(value_start(result.value)[0], precision)
                    first = first or result
                    result = result.value
                parts.append(result)
        else:
            if alternative.refuses:
                return None
            found = _assemble(ctx, alternative, "".join(parts), first, g, rule_type)
            if found is not None and bounds is not None:
                for group_span, start, end in bounds:
                    if start is not None:
                        found.start = group_span[start]
                        if start:  # after the group: the tag starts at the next word, not at a blank
                            found.start = _BLANKS.match(ctx.text, found.start, span[1]).end()
                    if end is not None:
                        found.end = group_span[end]
                        if not end:  # before the group: the tag ends at the word before, not at a blank
                            found.end = _end_of_words(ctx.text, found.end)
            return found
    return None


def _end_of_words(text: str, end: int) -> int:
    """``end`` moved back over the blanks before it (as ``len(text[:end].rstrip())``, without
    copying the text up to there for every expression)."""
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def _assemble(ctx: Context, alternative: templates.Alternative, value: str, first: Found | None, g: dict,
              rule_type: str) -> Found | None:
    """The Found of an alternative that applies: its value, the type it names (else the procedure's,
    else the rule's), its mod (else the procedure's) and the anchor of its procedure; None when the
    value names a day the calendar does not have."""
    if not day_exists(value):
        return None  # "February 30 of that year"
    if first is None:
        anchor = ("relative" if ctx.dct else "unresolved") if value.endswith("_REF") else "explicit"
        found = Found(alternative.type or rule_type, value, None, anchor)
    else:
        found = first
        found.value = value
        if alternative.type:
            found.type = alternative.type
    if alternative.mods is not None:
        found.mod = None
        for group, table in alternative.mods:
            if group is None:
                found.mod = table
                break
            if g.get(group):
                found.mod = table if table.isupper() else TABLES[table](ctx, g[group])
                if found.mod is not None:
                    break  # a table that says nothing of the group's words leaves the choice to the next
    return found
