"""The characters a regular expression can begin a match with, read from its parsed form.

The tagger tries many rules at each place where an expression may start; a rule whose pattern
cannot begin with the character found there need not be tried at all.  ``first_chars`` answers
for one pattern, conservatively: a set of lower-case ASCII characters (matched ignoring case), or
None when the pattern may begin with anything (a character class too wide to list, a
back-reference, an empty match).  Zero-width parts (anchors, lookarounds) only narrow what can
match and are stepped over, so the answer may be too wide but is never too narrow.
"""

from __future__ import annotations

import functools
import re

try:  # Python 3.11 and later
    from re import _constants as _sre
    from re import _parser as _sre_parse
except ImportError:  # pragma: no cover - older Pythons
    import sre_constants as _sre  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]

ASCII = [chr(code) for code in range(128)]
_WIDEST_RANGE = 2048  # a character range wider than this is taken as "anything"
_CATEGORIES = {
    _sre.CATEGORY_DIGIT: r"\d", _sre.CATEGORY_UNI_DIGIT: r"\d",
    _sre.CATEGORY_NOT_DIGIT: r"\D", _sre.CATEGORY_UNI_NOT_DIGIT: r"\D",
    _sre.CATEGORY_SPACE: r"\s", _sre.CATEGORY_UNI_SPACE: r"\s",
    _sre.CATEGORY_NOT_SPACE: r"\S", _sre.CATEGORY_UNI_NOT_SPACE: r"\S",
    _sre.CATEGORY_WORD: r"\w", _sre.CATEGORY_UNI_WORD: r"\w",
    _sre.CATEGORY_NOT_WORD: r"\W", _sre.CATEGORY_UNI_NOT_WORD: r"\W",
}
_REPEATS = {_sre.MAX_REPEAT, _sre.MIN_REPEAT} | ({_sre.POSSESSIVE_REPEAT} if hasattr(_sre, "POSSESSIVE_REPEAT") else set())
_ZERO_WIDTH = {_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT}


_SPACE = re.compile(r"\s")
SPACES = re.compile(r"\s+")  # a run of white space counts as one space in a prefix


def _canonical(ch: str) -> str:
    return " " if _SPACE.fullmatch(ch) else ch.lower()


@functools.lru_cache(maxsize=None)
def _folded(code: int) -> frozenset[str]:
    """The ASCII characters (lower case, white space as a space) that the character ``code`` matches
    when case is ignored."""
    pattern = re.compile(re.escape(chr(code)), re.IGNORECASE)
    return frozenset(_canonical(ch) for ch in ASCII if pattern.fullmatch(ch))


@functools.lru_cache(maxsize=None)
def _category(regex: str) -> frozenset[str]:
    pattern = re.compile(regex, re.IGNORECASE)
    return frozenset(_canonical(ch) for ch in ASCII if pattern.fullmatch(ch))


def _in(items) -> frozenset[str] | None:
    """The characters of a character class ``[...]``, or None."""
    chars: set[str] = set()
    for op, av in items:
        if op == _sre.LITERAL:
            chars |= _folded(av)
        elif op == _sre.RANGE:
            low, high = av
            if high - low > _WIDEST_RANGE:
                return None
            for code in range(low, high + 1):
                chars |= _folded(code)
        elif op == _sre.CATEGORY and av in _CATEGORIES:
            chars |= _category(_CATEGORIES[av])
        else:  # a negated class, or one this module does not read
            return None
    return frozenset(chars)


def _sequence(items) -> tuple[frozenset[str] | None, bool]:
    """What a sequence of parsed items can begin with, and whether it can match the empty string."""
    chars: set[str] = set()
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue
        if op == _sre.LITERAL:
            first, empty = _folded(av), False
        elif op == _sre.IN:
            first, empty = _in(av), False
        elif op == _sre.SUBPATTERN:
            first, empty = _sequence(av[-1])
        elif op == getattr(_sre, "ATOMIC_GROUP", None):
            first, empty = _sequence(av)
        elif op == _sre.BRANCH:
            first, empty = frozenset(), False
            for branch in av[1]:
                branch_first, branch_empty = _sequence(branch)
                first = None if first is None or branch_first is None else first | branch_first
                empty = empty or branch_empty
        elif op in _REPEATS:
            low, _high, body = av
            first, empty = _sequence(body)
            empty = empty or low == 0
        else:  # any character, a back-reference, a conditional: anything
            return None, False
        if first is None:
            return None, False
        chars |= first
        if not empty:
            return frozenset(chars), False
    return frozenset(chars), True


def first_chars(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """The lower-case ASCII characters a match of ``pattern`` can begin with (case ignored), or None
    when it may begin with any character or match the empty string."""
    first, empty = _sequence(_sre_parse.parse(pattern, flags))
    return None if empty else first


_CAP = 20_000  # more prefixes than this: the pattern is taken to begin with anything


# In a prefix every digit is written 0 (``head`` writes the text's so): "[0-9]{1,4}" begins with one of
# four prefixes, not one of 11,110, so that what follows the digits still tells rules apart ("1 January"
# is no "1 BC").
_ZERO_DIGITS = str.maketrans("123456789", "000000000")


def _digits_as_zero(chars) -> set[str]:
    return {ch.translate(_ZERO_DIGITS) for ch in chars}


def _item_prefixes(op, av, k: int, at_end: bool = False):
    """(exact, open) prefixes of one parsed item within ``k`` characters, or None for anything: an exact
    one is a whole match of the item, an open one may go on. ``at_end``: nothing of the pattern
    follows the item (see _seq_prefixes)."""
    if op == _sre.LITERAL:
        return _digits_as_zero(_folded(av)), set()
    if op == _sre.IN:
        chars = _in(av)
        return None if chars is None else (_digits_as_zero(chars), set())
    if op == _sre.SUBPATTERN:
        return _seq_prefixes(av[-1], k, at_end)
    if op == getattr(_sre, "ATOMIC_GROUP", None):
        return _seq_prefixes(av, k, at_end)
    if op == _sre.BRANCH:
        exact: set[str] = set()
        opened: set[str] = set()
        for branch in av[1]:
            found = _seq_prefixes(branch, k, at_end)
            if found is None:
                return None
            exact |= found[0]
            opened |= found[1]
        return exact, opened
    if op in _REPEATS:
        low, high, body = av
        found = _seq_prefixes(body, k)
        if found is None:
            return None
        body_exact, body_open = found
        exact = {""} if low == 0 else set()
        if body_exact == {" "} and not body_open:  # a run of white space: one space
            return exact | {" "}, set()
        if len(body_exact) == 1 and not body_open and "" not in body_exact:
            # One string repeated ("0" for a digit): each count that fits, then any longer run.
            (unit,) = body_exact
            for count in range(max(low, 1), high + 1):
                run = unit * count
                if len(run) >= k:
                    return exact, {run[:k]}
                exact.add(run)
            return exact, set()
        opened = set(body_open)
        if low <= 1:
            exact |= body_exact
        if high != 1:
            opened |= body_exact  # one pass of the body, then anything: wider than the truth, never narrower
        return exact, opened
    return None


def _join(head: str, tail: str) -> str:
    return head + tail[1:] if tail[:1] == " " and head[-1:] == " " else head + tail


def _seq_prefixes(items, k: int, at_end: bool = False):
    """(exact, open) prefixes of a sequence of parsed items. ``at_end``: nothing of the pattern follows
    the sequence, so a look-ahead after its last item tells how the text goes on after the match ("1"
    of "1 January" is no day of "1-3 May"): the prefixes go on with the look-ahead's."""
    items = list(items)
    last = max((i for i, (op, _) in enumerate(items) if op not in _ZERO_WIDTH), default=-1)
    exact = {""}
    opened: set[str] = set()
    looked = False  # a look-ahead read already: a second one speaks of the same place
    for position, (op, av) in enumerate(items):
        ahead = (at_end and not looked and position > last and op == _sre.ASSERT and av[0] == 1)
        if op in _ZERO_WIDTH and not ahead:
            continue
        looked = looked or ahead
        following: set[str] = set()
        for head in exact:
            room = k - len(head)
            if room <= 0:
                opened.add(head)
                continue
            if ahead:
                found = _seq_prefixes(av[1], room)
            else:
                found = _item_prefixes(op, av, room, at_end and position == last)
            if found is None:
                opened.add(head)
                continue
            following |= {_join(head, tail) for tail in found[0]}
            opened |= {_join(head, tail) for tail in found[1]}
        exact = following
        if len(exact) + len(opened) > _CAP:
            return None
    return exact, {head[:k] for head in opened}


def prefixes(pattern: str, length: int, flags: int = 0) -> frozenset[str] | None:
    """Lower-case ASCII strings of at most ``length`` characters, one of which begins every match of
    ``pattern`` (case ignored, a run of white space read as one space, every digit written 0: see
    ``head``); None when a match may begin with anything or be empty."""
    found = _seq_prefixes(_sre_parse.parse(pattern, flags), length, at_end=True)
    if found is None:
        return None
    heads = found[0] | found[1]
    return None if "" in heads else frozenset(heads)


def head(text: str, start: int, end: int, length: int) -> str | None:
    """The first ``length`` characters from ``start`` (up to ``end``) as ``prefixes`` writes them (lower
    case, white space as one space, digits as 0), or None when there are fewer or one is not ASCII."""
    window = text[start:min(end, start + 4 * length)]
    if not window.isascii():
        return None
    key = window[:length]
    if len(key) == length and key.isprintable() and "  " not in key:
        key = key.lower()  # no white space to fold among them (the usual case, found without a substitution)
    else:
        key = SPACES.sub(" ", window.lower())[:length]
        if len(key) != length:
            return None
    written = _WRITTEN.get(key)
    if written is None:  # a translation costs ten times a look-up, and the same keys come back
        written = key.translate(_ZERO_DIGITS)
        if len(_WRITTEN) < 1 << 16:
            _WRITTEN[key] = written
    return written


_WRITTEN: dict[str, str] = {}  # keys as head writes them, digits as 0


def with_lookahead(pattern: re.Pattern) -> re.Pattern:
    """``pattern`` behind a look-ahead at the characters its matches can begin with (both cases, and any
    character outside ASCII): the same matches, but a search skips faster over places where it cannot
    begin.  A pattern that may begin with anything comes back as it is."""
    first = first_chars(pattern.pattern, pattern.flags | re.IGNORECASE)
    if first is None:
        return pattern
    chars = "".join(sorted({re.escape(ch) for ch in first - {" "}} | {re.escape(ch.upper()) for ch in first - {" "}}))
    if " " in first:
        chars += r"\s"  # any white space, read as a space by ``_folded``
    return re.compile(f"(?=[{chars}\\x80-\\U0010ffff])(?:{pattern.pattern})", pattern.flags)


def for_lower_ascii(pattern: re.Pattern) -> re.Pattern | None:
    """``pattern`` (matched ignoring case) as a pattern for the lower case of an ASCII text, matched with
    case: on ``text.lower()`` of an ASCII ``text`` it finds the same matches at the same places, several
    times faster (ignoring case, the engine folds every character it reads).  None when that would not
    hold or gain: the pattern does not ignore case, or it names an upper-case ASCII letter ([A-Z] would
    read otherwise), a character outside ASCII that some ASCII character matches ignoring case (as k
    matches the Kelvin sign), a range reaching outside ASCII (too wide to tell), or a part that minds
    case (``(?-i:...)``)."""
    source = pattern.pattern
    if not pattern.flags & re.IGNORECASE or not isinstance(source, str):
        return None
    try:
        parsed = _sre_parse.parse(source, pattern.flags)
    except Exception:  # pragma: no cover - a pattern that compiled parses
        return None
    if not _alike_in_lower_ascii(parsed):
        return None
    return re.compile(source, pattern.flags & ~re.IGNORECASE)


def _alike_in_lower_ascii(items) -> bool:
    """Whether the parsed pattern ``items`` matches the lower case of an ASCII text the same with and
    without ignoring case: every character it names is lower case or outside ASCII and matched by no
    ASCII character (then it cannot match there either way)."""
    for op, av in items:
        if op in (_sre.LITERAL, _sre.NOT_LITERAL):
            if not _alike_character(av):
                return False
        elif op == _sre.RANGE:
            low, high = av
            if high >= 128 or any(chr(code).isupper() for code in range(low, high + 1)):
                return False
        elif op == _sre.IN:
            if not _alike_in_lower_ascii(av):
                return False
        elif op == _sre.BRANCH:
            if not all(_alike_in_lower_ascii(branch) for branch in av[1]):
                return False
        elif op == _sre.SUBPATTERN:
            _group, add_flags, del_flags, body = av
            if (add_flags | del_flags) & re.IGNORECASE or not _alike_in_lower_ascii(body):
                return False  # (?-i:[a-z]) minds case: it would take the lower case of an A
        elif op in _REPEATS:
            if not _alike_in_lower_ascii(av[2]):
                return False
        elif op in (_sre.ASSERT, _sre.ASSERT_NOT):
            if not _alike_in_lower_ascii(av[1]):
                return False
        elif op == getattr(_sre, "ATOMIC_GROUP", None):
            if not _alike_in_lower_ascii(av):
                return False
        elif op == _sre.GROUPREF_EXISTS:
            if not all(branch is None or _alike_in_lower_ascii(branch) for branch in av[1:]):
                return False
    return True


def _alike_character(code: int) -> bool:
    if code < 128:
        return not chr(code).isupper()
    return not _folded(code)


def search_ignoring_case(pattern: re.Pattern, lowered: re.Pattern | None, text: str) -> bool:
    """Whether ``pattern`` finds a match in ``text``; ``lowered`` is ``for_lower_ascii(pattern)``."""
    if lowered is not None and text.isascii():
        return lowered.search(text.lower()) is not None
    return pattern.search(text) is not None
