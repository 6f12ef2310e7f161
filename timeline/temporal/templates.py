"""Value templates: the VALUE column of rules.tsv, read by one resolver.

A template says how the named groups of a rule's match become a TIMEX3 value,
in the spirit of HeidelTime's ``UNDEF-REF-year-PLUS-0-%normMonth(group(1))``.
The language is described at the top of ``resources/en/rules.tsv``; in short::

    TEMPLATE    [<dct> ]ALTERNATIVE[ | ALTERNATIVE ...]
    ALTERNATIVE [TYPE:]PIECES[~MOD[,MOD ...]]  or  CONDITIONS NOTHING (the rule refuses the match)
    PIECES      literal text and fields in braces:
                {group}            the words of a named group, as matched
                {group:table}      those words looked up in a table (month, season, a words.tsv role...)
                {?group}           nothing, but the group must have matched (!?: must not have)
                {group:table=V}    nothing, but the table gives V for the group's words (V/W: either; *: any; !: not;
                                   <N, >N: a number below, above N)
                {[group}           the tag starts at the group; group[ after it, ]group ends before it,
                                   group] ends with it, [group] is the group
                {^role}            nothing, but the word before the match is in the role (!^: is not)
                {@procedure(a,b)}  what a named procedure of the engine makes of the match (!@: refuses);
                                   {@procedure:week}: its value written at that precision
                {dct.UNIT+N}       the UNIT (day, month, year...) N units away from the document's date
                                   (in a story, the story's); {story.UNIT+N}: from the date last spoken of
                                   when it is known to the UNIT, else as dct; {near.UNIT+N}: as story
                                   where the text tells a story or that date is named a short way back in
                                   the same sentence, else as dct; {last.UNIT+N}: from the date
                                   last spoken of, not placed in time without one; {dct/story.UNIT+N}: from
                                   the first anchor the text has (a DCT, a date spoken of).  UNIT or N may be
                                   (group:table): what a table says of a group's words ({dct.day+(deictic:day_step)})
    MOD         {group:table} or a TimeML mod in capitals; the first whose group matched and whose
                table says something gives the mod; "~" alone: no mod

This module parses templates (a bad one is a ``LexiconError`` naming the file
and line) and evaluates them; the engine gives it the tables and procedures.
"""
from __future__ import annotations

import inspect
import re
from dataclasses import dataclass
from typing import Callable

from .lexicon import MODS, TIMEX_TYPES, LexiconError
from .values import PRECISIONS, UNKNOWN_VALUES

LITERAL, GROUP, BEFORE, PROCEDURE, TEST, SPAN, COUNTED = range(7)
REFUSAL = "NOTHING"  # the value of an alternative that refuses the match (a negative rule)
_FIELD = re.compile(r"\{([^{}]*)\}|([^{}]+)")
# {group:table=VALUE}, {!group:table=VALUE}: a test of what a table says of a group's words.
_TEST = re.compile(r"(!?)([a-z0-9_]+):([A-Za-z0-9_]+)([=<>])([A-Za-z0-9_.*/-]*)")
# {[group}, {group[}, {]group}, {group]}, {[group]}: where the tag starts and ends, by a group.
_SPAN = re.compile(r"(\[?)(\]?)([a-z0-9_]+)(\[?)(\]?)")
_LITERAL = re.compile(r"[A-Z0-9_:.-]+")
# {dct.year-1}, {story.day+0}, {dct.day+(deictic:day_step)}, {story.(unit:unit)+(dir:step)}: a unit counted
# from an anchor.
_COUNTED = re.compile(r"((?:dct|story|near|last)(?:/(?:dct|story|near|last))*)\.(?:([a-z]+)|\(([a-z0-9_]+):([A-Za-z0-9_]+)\))"
                      r"([+-])(?:([0-9]+)|\(([a-z0-9_]+):([A-Za-z0-9_]+)\))")
_PROCEDURE = re.compile(r"(!?)@([a-z_]+)(?:\(([^()]*)\))?(?::([a-z]+))?")


@dataclass(frozen=True)
class Alternative:
    type: str | None
    pieces: tuple           # (kind, ...) tuples, evaluated left to right
    mods: tuple | None      # ((group, table) | (None, MOD)), None: the procedure's own mod
    needs: tuple            # groups that must have matched for the alternative to apply
    absent: tuple           # groups that must not have matched
    sole: tuple | None      # (procedure, args) when the alternative is that procedure's value as it is
    refuses: bool = False   # NOTHING: when the alternative applies, the rule refuses the match


@dataclass(frozen=True)
class Template:
    text: str
    alternatives: tuple
    own_days: bool          # <dct>: always resolved against the DCT, even inside a story


def parse(text: str, where: str, groups: set, tables: set, procedures: dict, roles: set) -> Template:
    """The template ``text`` of the rule at ``where`` whose pattern has the named ``groups``."""
    def fail(message: str):
        raise LexiconError(f"{where}: bad value template {text!r}: {message}")

    body = text.strip()
    own_days = body.startswith("<dct>")
    if own_days:
        body = body[len("<dct>"):].strip()
    if not body:
        fail("it is empty")
    alternatives = []
    for alternative in body.split(" | "):
        alternative = alternative.strip()
        type_ = None
        head, colon, rest = alternative.partition(":")
        if colon and head in TIMEX_TYPES:
            type_, alternative = head, rest
        value, tilde, mod_text = alternative.partition("~")
        refuses = value.endswith(REFUSAL) and not value.endswith("_" + REFUSAL)
        if refuses:
            if type_ is not None or tilde:
                fail(f"an alternative that gives {REFUSAL} has no type nor mod")
            value = value[:-len(REFUSAL)]
        mods = None
        if tilde and not mod_text.strip():
            mods = ()  # "~" alone: no mod, whatever the procedure says
        elif tilde:
            mods = []
            for item in mod_text.split(","):
                item = item.strip()
                field = re.fullmatch(r"\{([a-z0-9_]+):([A-Za-z0-9_]+)\}", item)
                if field:
                    group, table = field.groups()
                    if group not in groups:
                        fail(f"the pattern has no group named {group!r}")
                    if table not in tables and not table.isupper():
                        fail(f"no table named {table!r}")
                    mods.append((group, table))
                elif item in MODS:
                    mods.append((None, item))
                else:
                    fail(f"{item!r} is not a TimeML mod nor a {{group:table}} field")
            mods = tuple(mods)
        pieces, needs, absent = [], [], []
        position = 0
        for match in _FIELD.finditer(value):
            if match.start() != position:
                fail(f"unbalanced braces near {value[position:]!r}")
            position = match.end()
            if match.group(2) is not None:
                if not _LITERAL.fullmatch(match.group(2)):
                    fail(f"literal text {match.group(2)!r} may hold only capitals, digits and - _ : .")
                pieces.append((LITERAL, match.group(2)))
                continue
            field = match.group(1).strip()
            procedure = _PROCEDURE.fullmatch(field)
            if procedure:
                negated, name, args, precision = procedure.groups()
                if precision is not None and (negated or precision not in PRECISIONS):
                    fail(f"{precision!r} is not a precision ({', '.join(PRECISIONS)})")
                if name not in procedures:
                    fail(f"no procedure named {name!r} (there are {', '.join(sorted(procedures))})")
                args = tuple(a.strip() for a in args.split(",")) if args else ()
                problem = _arguments_problem(procedures[name], args)
                if problem:
                    fail(f"@{name}: {problem}")
                pieces.append((PROCEDURE, procedures[name], args, bool(negated), precision))
            elif field[:1] in "^!" and field.lstrip("!")[:1] == "^":
                role = field.lstrip("!")[1:]
                if role not in roles:
                    fail(f"no word list named {role!r}")
                pieces.append((BEFORE, role, field.startswith("!")))
            elif _COUNTED.fullmatch(field):
                anchor, unit, unit_group, unit_table, sign, amount, amount_group, amount_table = \
                    _COUNTED.fullmatch(field).groups()
                if unit is not None and unit not in UNKNOWN_VALUES:
                    fail(f"{{{field}}}: {unit!r} is not a unit ({', '.join(UNKNOWN_VALUES)})")
                for group, table in ((unit_group, unit_table), (amount_group, amount_table)):
                    if group is not None and group not in groups:
                        fail(f"the pattern has no group named {group!r}")
                    if table is not None and table not in tables:
                        fail(f"no table named {table!r}")
                pieces.append((COUNTED, tuple(anchor.split("/")), unit, unit_group, unit_table, -1 if sign == "-" else 1,
                               None if amount is None else int(amount), amount_group, amount_table))
            elif _TEST.fullmatch(field):
                negated, group, table, relation, wanted = _TEST.fullmatch(field).groups()
                if group not in groups:
                    fail(f"the pattern has no group named {group!r}")
                if table not in tables:
                    fail(f"no table named {table!r}")
                if not wanted:
                    fail(f"{{{field}}} tests no value (write {group}:{table}=* for any)")
                if relation != "=":
                    try:
                        wanted = float(wanted)
                    except ValueError:
                        fail(f"{{{field}}} compares with {wanted!r}, which is no number")
                else:
                    wanted = frozenset(wanted.split("/"))
                pieces.append((TEST, group, table, relation, wanted, bool(negated)))
            elif field[:1] in "[]" or field[-1:] in "[]":
                span = _SPAN.fullmatch(field)
                if span is None or span.group(3) not in groups:
                    fail(f"{{{field}}}: a span field is [group, group[, ]group, group] or [group] "
                         "with a group of the pattern")
                opens_before, closes_before, group, opens_after, closes_after = span.groups()
                marks = (bool(opens_before), bool(closes_before), bool(opens_after), bool(closes_after))
                if marks not in ((True, False, False, False), (False, False, True, False), (False, True, False, False),
                                 (False, False, False, True), (True, False, False, True)):
                    fail(f"{{{field}}}: a span field is [group, group[, ]group, group] or [group]")
                # Where the tag starts (the group's start or end) and where it ends, None: unchanged.
                start = 0 if opens_before else 1 if opens_after else None
                end = 0 if closes_before else 1 if closes_after else None
                pieces.append((SPAN, group, start, end))
            elif field.lstrip("!").startswith("?"):
                group = field.lstrip("!")[1:]
                if group not in groups:
                    fail(f"the pattern has no group named {group!r}")
                (absent if field.startswith("!") else needs).append(group)
            else:
                group, _, table = field.partition(":")
                if group not in groups:
                    fail(f"the pattern has no group named {group!r}")
                if table and table not in tables:
                    fail(f"no table named {table!r}")
                needs.append(group)
                pieces.append((GROUP, group, table or None))
        if position != len(value) or not (pieces or refuses):
            fail("unbalanced braces" if pieces else "an alternative gives no value")
        if refuses and any(piece[0] in (LITERAL, GROUP) for piece in pieces):
            fail(f"an alternative that gives {REFUSAL} has no value of its own")
        sole = None
        if len(pieces) == 1 and pieces[0][0] == PROCEDURE and not pieces[0][3] and pieces[0][4] is None \
                and type_ is None and mods is None and not needs and not absent:
            sole = pieces[0][1:3]
        if refuses:
            sole = None
        alternatives.append(Alternative(type_, tuple(pieces), mods, tuple(needs), tuple(absent), sole, refuses))
    return Template(text, tuple(alternatives), own_days)


def _arguments_problem(function: Callable, args: tuple) -> str | None:
    """What is wrong with the arguments a template gives a procedure (after ctx, groups and span)."""
    parameters = list(inspect.signature(function).parameters.values())[3:]
    least = sum(1 for p in parameters if p.default is inspect.Parameter.empty)
    if not least <= len(args) <= len(parameters):
        return f"takes {least}" + (f" to {len(parameters)}" if len(parameters) > least else "") + \
            f" arguments, not {len(args)}"
    check = getattr(function, "check_arguments", None)
    return check(*args) if check else None


def group_names(pattern: str) -> set:
    return set(re.findall(r"\(\?P<([a-z0-9_]+)>", pattern))
