"""The shape of a regular expression, read from its parse: where its matcher can be slow whatever the machine."""
import re

try:
    from re import _constants as C, _parser as P
except ImportError:  # Python 3.10
    import sre_constants as C
    import sre_parse as P

REPEATS = {C.MAX_REPEAT, C.MIN_REPEAT} | ({C.POSSESSIVE_REPEAT} if hasattr(C, "POSSESSIVE_REPEAT") else set())
BLANKS = (ord(" "), ord("\t"))


def _matches_a_blank(items) -> bool:
    if len(items) != 1:
        return False
    op, av = items[0]
    if op is C.LITERAL:
        return av in BLANKS
    if op is C.NOT_LITERAL:
        return av not in BLANKS
    if op is C.ANY:
        return True
    if op is C.IN:
        negated = any(o is C.NEGATE for o, _ in av)
        has = any(o is C.CATEGORY and a in (C.CATEGORY_SPACE, C.CATEGORY_NOT_WORD) or o is C.LITERAL and a in BLANKS
                  or o is C.RANGE and a[0] <= BLANKS[0] <= a[1] for o, a in av)
        return has != negated
    return False


def _blank_run(item) -> bool:
    op, av = item
    return op in REPEATS and av[1] > 1 and _matches_a_blank(list(av[2]))


def _may_be_empty(item) -> bool:
    op, av = item
    if op in REPEATS:
        return av[0] == 0 or all(map(_may_be_empty, av[2]))
    if op is C.SUBPATTERN:
        return all(map(_may_be_empty, av[-1]))
    if op is C.BRANCH:
        return any(all(map(_may_be_empty, branch)) for branch in av[1])
    return op in (C.AT, C.ASSERT, C.ASSERT_NOT)


def _meeting(items) -> bool:
    items = list(items)
    for index, item in enumerate(items):
        if _blank_run(item):
            for later in items[index + 1:]:
                if _blank_run(later):
                    return True
                if not _may_be_empty(later):
                    break
        op, av = item
        inner = ([av[2]] if op in REPEATS else [av[-1]] if op is C.SUBPATTERN else av[1] if op is C.BRANCH
                 else [av[1]] if op in (C.ASSERT, C.ASSERT_NOT) else [])
        if any(map(_meeting, inner)):
            return True
    return False


def blank_runs_meet(pattern: re.Pattern) -> bool:
    """Whether two runs that may take blanks can meet in ``pattern`` with only what may match nothing
    between them (``\\s*,?\\s*``): on a long run of blanks that the rest does not follow, the matcher
    tries each way to share the run between them, the square of its length, from each place it starts."""
    source = pattern.pattern if isinstance(pattern.pattern, str) else pattern.pattern.decode("latin-1")
    return _meeting(P.parse(source, pattern.flags))
