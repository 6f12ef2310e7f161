"""Temporal tagger: find TIMEX3 expressions in a text and normalise them.

The engine scans the text once for anchor tokens (digits and the words of the
vocabulary tables, found by one case-sensitive trie in C), and only there tries
the rules of ``rules.RULES`` that can start with that kind of token, compiled
as one alternation per token class.  A match goes to ``resolver.resolve``, which reads
its rule's value template (``templates``): the words of the match looked up in
the language's tables, and the ``procedures``, which resolve relative
expressions against the document creation time (DCT) or, for anaphoric ones
("two days later", "that year"), against the last date mentioned; the tense of the clause
(``tense.direction``) decides between the last and the next occurrence.  Time is
linear in the length of the text.  What happens at a place depends only on a
bounded window of text around it and on what the scan remembers (the last
date, the quarter spoken of), so each step is remembered under exactly that:
a phrase repeated in the same surroundings is matched and normalised once.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, deque

from .. import collector
from .expressions import TemporalExpression, make_expression
from .lexicon import LexiconError, alternatives
from .rules import MACROS, RULES, Rule, alternation
from .values import is_well_formed, parse_dct, value_start
from .vocabulary import (HOLIDAYS, LANGUAGE, LEAD_DISTANCE, LEAD_WORDS, MONTHS, NUMBERS, ORDINALS, PARTS_OF_DAY,
                         REFERENCES, REPORTING, SEASONS, SET_WORDS, TIME_WORDS, UNIT_PLURALS, UNITS, WEEKDAYS)
from .context import (Context, Found, NEAR_DCT, STORY_CONFIRM, STORY_CUE_WEIGHT, STORY_GAP, STORY_GAP_NEWS, STORY_MIN_YEARS,
                      FOLLOW_REACH, NEAR_REACH, RETURN_GAP, STORY_REACH, STORY_REACH_NEWS, MACRO_FIELD, context_pattern,
                      context_text, role_words)
from .firstchars import head, prefixes, with_lookahead
from .tense import direction
from .procedures import PREVIOUS_WORD, heading_year, is_entry_date, is_stamp_end
from .resolver import TEMPLATES, resolve

_GROUP = re.compile(r"\(\?P<([a-z0-9_]+)>")


def _expand(rule_index: int, pattern: str) -> str:
    def macro(match: re.Match) -> str:
        if match.group(1) not in MACROS:
            raise LexiconError(f"{RULES[rule_index].where}: no pattern or word list named {{{match.group(1)}}}")
        return MACROS[match.group(1)]

    pattern = MACRO_FIELD.sub(macro, pattern)
    return _GROUP.sub(lambda m: f"(?P<r{rule_index}_{m.group(1)}>", pattern)


_EXPANDED = [_expand(i, rule.pattern) for i, rule in enumerate(RULES)]


TOKEN_CLASSES = ("digit", "name", "word")


def _compile(indices) -> re.Pattern:
    """One alternation of the given rules, in table order; a match must start where a word starts."""
    body = "|".join(f"(?P<R{i}>{_EXPANDED[i]})" for i in indices)
    try:
        return re.compile(r"(?<![\w'’])(?:" + body + ")", re.IGNORECASE)
    except re.error:
        for i in indices:  # name the rule at fault
            try:
                re.compile(_EXPANDED[i], re.IGNORECASE)
            except re.error as error:
                raise LexiconError(f"{RULES[i].where}: bad pattern ({error})") from None
        raise


_CLASS_RULES = {cls: tuple(i for i, rule in enumerate(RULES) if cls in rule.starts) for cls in TOKEN_CLASSES}
_SINGLE: dict[int, re.Pattern] = {}  # each rule alone, compiled on first use

# Where a match may begin, only the rules whose pattern can begin with the first characters there are
# tried: each rule's possible beginnings (``firstchars.prefixes``, up to PREFIX_LENGTH characters, case
# ignored and a run of white space read as one space) are indexed once, and the rules worth trying
# after each beginning met are remembered.  The rules are tried one by one in table order, so the first
# that matches is the one that one alternation of all the rules of the token class would find.
PREFIX_LENGTH = 6
_PREFIX_INDEX: list = []  # [rules that may begin anywhere (a bit mask), {beginning: bit mask of rules}]
_RULES_AT: dict[tuple[str, str], tuple[int, ...]] = {}
_RULES_AT_SIZE = 100_000


def _prefix_index() -> list:
    """The index of the rules' beginnings, built on first use."""
    if not _PREFIX_INDEX:
        anywhere, index = 0, {}
        for i, pattern in enumerate(_EXPANDED):
            try:
                heads = prefixes(pattern, PREFIX_LENGTH, re.IGNORECASE)
            except re.error:
                _single(i)  # names the rule at fault
                raise
            if heads is None:
                anywhere |= 1 << i
                continue
            for beginning in heads:
                index[beginning] = index.get(beginning, 0) | 1 << i
        _PREFIX_INDEX[:] = [anywhere, index]
    return _PREFIX_INDEX


def _rules_at(cls: str, text: str, start: int, limit: int) -> tuple[int, ...]:
    """The rules of a token class whose match can begin at ``start``, in table order."""
    key = head(text, start, limit, PREFIX_LENGTH)
    if key is None:  # near the end of the text, or a character outside ASCII: every rule of the class
        return _CLASS_RULES[cls]
    rules = _RULES_AT.get((cls, key))
    if rules is None:
        anywhere, index = _PREFIX_INDEX or _prefix_index()
        mask = anywhere
        for length in range(1, PREFIX_LENGTH + 1):
            mask |= index.get(key[:length], 0)
        rules = tuple(i for i in _CLASS_RULES[cls] if mask >> i & 1)
        if len(_RULES_AT) >= _RULES_AT_SIZE:
            _RULES_AT.clear()
        _RULES_AT[(cls, key)] = rules
    return rules


def compile_patterns() -> None:
    """Compile the rules' patterns now rather than at the first text tagged."""
    _prefix_index()
    for cls in TOKEN_CLASSES:
        for index in _CLASS_RULES[cls]:
            _SINGLE.get(index) or _single(index)


def _first_match(rules: tuple[int, ...], text: str, start: int, limit: int) -> re.Match | None:
    """The match at ``start`` of the first of ``rules`` that matches there: what one alternation of them
    would find, since an alternation takes its first alternative that matches."""
    for index in rules:
        match = (_SINGLE.get(index) or _single(index)).match(text, start, limit)
        if match is not None:
            return match
    return None


def _later_match(cls: str, index: int, text: str, start: int, limit: int,
                 rules: tuple[int, ...] | None = None) -> re.Match | None:
    """The match at ``start`` of the first rule of a token class (or of ``rules``) after ``index``."""
    return _first_match(tuple(later for later in (_CLASS_RULES[cls] if rules is None else rules) if later > index),
                        text, start, limit)


def _single(index: int) -> re.Pattern:
    pattern = _SINGLE[index] = _compile((index,))
    return pattern


# The scanner's view of words: a time word or digit anchors an attempt; a lead word is tried when
# one follows closely; every other word is skipped without running a single rule.
_NAMES = set(MONTHS) | set(WEEKDAYS) | set(LANGUAGE.weekday_plurals)
_TIME_WORDS = (set(TIME_WORDS) | set(UNITS) | set(UNIT_PLURALS) | set(SEASONS)
               | set(PARTS_OF_DAY) | {w.split()[-1] for w in REFERENCES} | set(SET_WORDS)
               | {h for h in HOLIDAYS if " " not in h} | {h.split()[-1] for h in HOLIDAYS})
_LEAD_WORDS = (set(LEAD_WORDS) | {w.split()[0] for w in NUMBERS} | set(NUMBERS) | set(ORDINALS)
               | {h.split()[0] for h in HOLIDAYS}
               | {w.split()[0] for w in REFERENCES}) - _TIME_WORDS


# Each rule's own groups: (name in the template, name in the compiled alternation).
_RULE_GROUPS = [tuple((name, f"r{i}_{name}") for name in re.findall(r"\(\?P<([a-z0-9_]+)>", rule.pattern))
                for i, rule in enumerate(RULES)]


def _groups(match: re.Match, index: int) -> dict:
    group = match.group
    groups = {}
    for short, full in _RULE_GROUPS[index]:
        value = group(full)
        if value is not None:
            groups[short] = value
    groups["_text"] = group()
    groups["_span"] = lambda name: match.span(f"r{index}_{name}")  # where a group is, for a template's span
    return groups


_WELL_FORMED: dict[str, bool] = {}


def _well_formed(value: str) -> bool:
    """``is_well_formed``, remembered: the same values come back again and again."""
    known = _WELL_FORMED.get(value)
    if known is None:
        known = is_well_formed(value)
        if len(_WELL_FORMED) < 100_000:
            _WELL_FORMED[value] = known
    return known


_DAY_GROUPS = frozenset({"month", "after_month", "after_month2"})
STORY_WEEK_REACH = FOLLOW_REACH  # characters after a day of a history over which a bare weekday is of its week


def _in_story_week(ctx: Context, story: int, start: int) -> bool:
    """Whether a bare weekday at ``start`` is of the week a history has reached: the text is no news of its own
    days, and the story's last date, a day of its year, was named a short way before."""
    last = ctx.last
    return not ctx.dct_plausible and last is not None and last[1] == "day" and last[0].year == story \
        and ctx.last_at is not None and 0 <= start - ctx.last_at <= STORY_WEEK_REACH


def _apply(ctx: Context, rule_index: int, match: re.Match, start: int, end: int,
           story: int | None = None) -> Found | None:
    rule: Rule = RULES[rule_index]
    saved = ctx.dct, ctx.dct_granularity
    groups = _groups(match, rule_index)
    # A clock time with its month and day ("9:34 p.m., March 19", "at 4 a.m. on Sunday, 24 February") is a date of
    # the story like any other.
    own_days = story is not None and ((TEMPLATES[rule_index].own_days and not _DAY_GROUPS & groups.keys())
                                      or (_OWN_TIME.search(match.group())
                                          and not _story_demonstrative(ctx, match.group(), start)))
    if own_days and "weekday" in groups and _in_story_week(ctx, story, start):
        own_days = False  # "On Sunday, 13 September ... On Wednesday the governor ordered": the story's week
    if story is not None and not own_days and ctx.dct is not None and ((
            ctx.dct_plausible
            and (direction(ctx, start, end, default=0) > 0 or _REPORTED_ON.search(ctx.text, max(0, start - 40), start)
                 or _counted_to_now(ctx.text, start, end)))
            or ("month" in groups and story < ctx.dct.year and _will_before(ctx.text, start)
                and direction(ctx, start, end, default=0) >= 0)):
        # A text that speaks of its own days looks ahead from them, not from a year it told of before ("the
        # run-off on April 27", "Australia play Brazil on June 18" after a look back at 2002), and reports
        # what was said in them ("his daughter said on November 16 that ..." after a look back at 1975).
        story = None
    if story is not None and not own_days:
        # In a narrative, the story's date stands where the DCT would: "in April" is April of that year,
        # "the end of the month" the end of the month last named.
        last = ctx.last
        if last is not None and last[0].year == story and last[1] in _STORY_GRANULARITY:
            ctx.dct, ctx.dct_granularity = last[0], _STORY_GRANULARITY[last[1]]
        else:
            ctx.dct, ctx.dct_granularity = dt.date(story, 1, 1), "year"
        ctx.narrative = True
    elif (own_days and not ctx.dct_plausible and abs(story - ctx.dct.year) > STORY_GAP
          and _in_quotation(ctx.text, start)):
        # A text whose DCT is not its writer's time (a history saved years later), in a part that tells of
        # years well before it: "today", "tonight", "15 months ago" in a quotation speak of a day the text
        # does not give.
        ctx.dct, ctx.dct_granularity = None, None
    ctx.in_story = story is not None
    try:
        found = resolve(ctx, TEMPLATES[rule_index], groups, (start, end), rule.type)
    except (OverflowError, ValueError):
        return None  # a date beyond the calendar (a DCT near year 1 or 9999): nothing to say
    finally:
        ctx.dct, ctx.dct_granularity = saved
        ctx.narrative = ctx.in_story = False
    if found is not None and found.value[:1] in "6789":
        found.value = _out_of_proxy(found.value)
    if found is not None and own_days:
        found.remember = False  # "two years ago" in a quote inside a story: the story stays where it was
    if found is None or not _well_formed(found.value):
        return None  # e.g. year 10000 from a DCT at the end of year 9999
    if _quoted_title(ctx.text, start if found.start is None else found.start, end if found.end is None else found.end):
        return None
    tag_end = end if found.end is None else found.end
    compound = _COMPARISON_COMPOUND_AFTER.match(ctx.text, tag_end)
    if compound and re.search(r"(?i)(?<![a-z])%ss?\Z" % compound.group("unit"), ctx.text[max(0, tag_end - 10):tag_end]):
        return None  # "a year-on-year rise", "the quarter-to-quarter comparison": a kind of comparison, no time
    return found


_STORY_DEMONSTRATIVE = context_pattern("story_demonstrative")
_YEAR_FRAME_BEFORE = context_pattern("year_frame_before")
_COMPARISON_COMPOUND_AFTER = context_pattern("comparison_compound_after")


def _story_demonstrative(ctx: Context, words: str, start: int) -> bool:
    """Whether "this day", "this morning" at ``start`` point at the story's day: in a text whose DCT is not
    its writer's time, outside a quotation (where they are the speaker's)."""
    return (not ctx.dct_plausible and _STORY_DEMONSTRATIVE.search(words) is not None
            and not _in_quotation(ctx.text, start))


_TITLE_QUOTE_BEFORE = context_pattern("title_quote_before")
_TITLE_QUOTE_AFTER = context_pattern("title_quote_after")
_TITLE_WORD_AFTER = context_pattern("title_word_after")


def _quoted_title(text: str, start: int, end: int) -> bool:
    """Whether words from ``start`` to ``end`` are a title in quotation marks: two words or more, each
    capitalised, right after an opening mark and before a closing one or a small word a title capitalises."""
    # The mark before first: a search of four characters, where most dates have none, costs less than
    # splitting the words of every date.
    if not _TITLE_QUOTE_BEFORE.search(text, max(0, start - 4), start):
        return False
    words = text[start:end].split()
    if len(words) < 2 or not all(word[:1].isupper() for word in words):
        return False
    return bool(_TITLE_QUOTE_AFTER.match(text, end) or _TITLE_WORD_AFTER.match(text, end))


# A year before Christ has no ``datetime.date``: the scan carries it as the year BC_PROXY - year, so that a
# story counting forward ("the following year", "the winter") still counts forward, and writes it back as
# TIMEX2 does (``BC0479``) when a value comes out. BC_PROXY ends in 9s so that the decades and centuries
# before Christ fall on the carried ones: 499-490 BC (the decade BC049) are carried as 8500-8509 (850),
# and 499-400 BC (the century BC04) as 8500-8599 (85), so "the following decade" after 490 BC is BC048.
BC_PROXY = 8999
BC_PROXY_LOW = 6000  # carried years from here on stand for years before Christ
_BC_VALUE = re.compile(r"BC([0-9]{2,4})(?![0-9])")


def _into_proxy(value: str) -> str:
    """ "BC0490-08" as the scan carries it ("8509-08"), a decade "BC049" as "850", a century "BC04" as
    "85"; any other value as it is."""
    bc = _BC_VALUE.match(value)
    if bc is None:
        return value
    digits, number = len(bc.group(1)), int(bc.group(1))
    carried = BC_PROXY // 10 ** (4 - digits) - number
    if number == 0 or carried < BC_PROXY_LOW // 10 ** (4 - digits):
        return value
    return f"{carried:0{digits}d}{value[bc.end():]}"


def _out_of_proxy(value: str) -> str:
    """A value counted from a carried year before Christ, written as TIMEX2 writes it ("8520" -> "BC0479",
    a decade "851" -> "BC048", a century "85" -> "BC04")."""
    digits = len(value) if value.isdigit() and len(value) in (2, 3) else 4 if value[:4].isdigit() else 0
    if not digits or int(value[:digits]) < BC_PROXY_LOW // 10 ** (4 - digits):
        return value
    return f"BC{BC_PROXY // 10 ** (4 - digits) - int(value[:digits]):0{digits}d}{value[digits:]}"


def _remembered(found: Found) -> tuple[dt.date, str] | None:
    """The last date a reader would count from ("two days later", "that year") after ``found``, if it sets one."""
    if found.type not in ("DATE", "TIME") or found.anchor == "unresolved" or not found.remember:
        return None
    parsed = _PARSED.get(found.value, False)
    if parsed is False:
        parsed = value_start(_into_proxy(found.value)) or _year_of_part(_into_proxy(found.value))
        if len(_PARSED) < 100_000:
            _PARSED[found.value] = parsed
    return parsed


_PARSED: dict[str, tuple[dt.date, str] | None] = {}
_PART_OF_YEAR = re.compile(r"([0-9]{4})-(?:SP|SU|FA|AU|WI|H[12])\Z")


def _year_of_part(value: str) -> tuple[dt.date, str] | None:
    """The year of a season or a half of a year ("the spring of 1453"), as a part of a year: the
    story has reached that year after it (see _tag_at), though no day counts from it ("two days later")."""
    match = _PART_OF_YEAR.match(value)
    return (dt.date(int(match.group(1)), 1, 1), PART_OF_YEAR) if match else None


PART_OF_YEAR = "part of year"
_ACROSS_YEARS = re.compile(r"[0-9]{4}\s?[-–/]\s?[0-9]{2}")


_VOCABULARY = _NAMES | _TIME_WORDS | _LEAD_WORDS


def _forms(word: str) -> tuple[str, ...]:
    """The forms of a vocabulary word the scan meets: lower case, capitalised, upper case, and each part of
    a hyphenated word capitalised ("D-Day") or all but a first in lower case ("Eid al-Fitr")."""
    first, _, rest = word.partition("-")
    return (word, word.capitalize(), word.upper(), "-".join(part.capitalize() for part in word.split("-")),
            first + "-" + "-".join(part.capitalize() for part in rest.split("-")) if rest else word)
# One case-sensitive scan (each word in lower case, capitalised and upper case: far faster than
# IGNORECASE).  A number anchors an attempt by itself only when it looks like a year (or the end of a
# range, "1995-96", "April 6-7"), a date or one of the language's anchor_number (a clock time, an
# ordinal day); other numbers ("2,500", "15km") need a time word soon after ("15 years").
_INTERESTING = with_lookahead(re.compile(
    r"(?<![^\W_])(?:(?P<anchor>(?:1[0-9]|20)[0-9]{2}(?![0-9])|(?<=[0-9][-–/])[0-9]{1,2}(?![0-9])|[0-9]{1,4}(?=[-/.][0-9])"
    r"|" + context_text("anchor_number") + ")"
    r"|(?P<number>[0-9]+)"
    r"|(?P<word>" + alternation({form for word in _VOCABULARY for form in _forms(word)})
    + r"(?![^\W_])))"))


def _word_class(word: str) -> tuple[str, bool] | None:
    """The token class of a vocabulary word as written, and whether it anchors an attempt by itself."""
    lower = word.lower()
    if lower in _NAMES and word[0].isupper():
        return "name", True
    if lower in _TIME_WORDS:
        return "word", True
    if lower in _LEAD_WORDS:
        return "word", False
    return None


# Every form the scan can meet (lower case, capitalised, upper case), classed once.
_WORD_CLASSES = {form: _word_class(form) for word in _VOCABULARY
                 for form in _forms(word)}
LEAD_REACH = 8 * LEAD_DISTANCE  # characters a lead word may stand before the word it leads to


def _candidates(text: str, low: int, high: int):
    """Positions where an expression may start, in text order, with the class of the token there.

    One scan picks out digits and the words of the tagger's vocabulary (in C);
    all other words are never looked at again.
    """
    pending: deque[tuple[int, int, str]] = deque()  # lead words waiting for a time word to follow them
    word_classes = _WORD_CLASSES
    for match in _INTERESTING.finditer(text, low, high):
        start = match.start()
        kind = match.lastgroup
        if kind == "anchor":
            cls, anchors = "digit", True
        elif kind == "number":
            cls, anchors = "digit", False
        else:
            known = word_classes.get(match.group())
            if known is None:
                continue
            cls, anchors = known
        if not anchors:
            while pending and start - pending[0][1] > LEAD_REACH:
                pending.popleft()
            pending.append((start, match.end(), cls))
            continue
        if pending:
            for lead_start, lead_end, lead_cls in pending:
                if start - lead_end <= LEAD_REACH:
                    if lead_cls == "digit" and lead_start and text[lead_start - 1] in "'’":
                        yield lead_start - 1, lead_cls  # "'80s"
                    yield lead_start, lead_cls
            pending.clear()
        if cls == "digit" and start and text[start - 1] in "'’":
            yield start - 1, cls
        yield start, cls


_STORY_GRANULARITY = {"year": "year", "season": "month", "quarter": "month", "half": "month", "month": "month",
                      "week": "day", "weekend": "day", "day": "day"}
# "490 BC": an era right after a number (a search from the digits skips the rest of the text in C)
_ERA_AFTER_NUMBER = re.compile(r"[0-9]\s?(?:" + MACROS.get("ERA", "(?!)") + ")")
_YEAR_MENTION = with_lookahead(re.compile(r"(?<![\w.,$£€-])(1[0-9]{3}|20[0-9]{2})(?![\w%]|[.,][0-9])"))


_OWN_DAYS_CUE = with_lookahead(context_pattern("own_days"))
_PRESENT_PERFECT_SINCE_BEFORE = context_pattern("present_perfect_since_before")
_PRESENT_PERFECT_AFTER = context_pattern("present_perfect_after")


def _counted_to_now(text: str, start: int, end: int) -> bool:
    """Whether a date at ``start``..``end`` is what a present perfect counts from up to the writer's days ("have
    launched drones since November", "Since November, the Houthis have launched")."""
    before = _PRESENT_PERFECT_SINCE_BEFORE.search(text, max(0, start - 60), start)
    if before is None:
        return False
    return before.group("perfect") is not None or _PRESENT_PERFECT_AFTER.match(text, end) is not None


# A verb of reporting right before a date, perhaps with its hearer and "on": "said on November 16", "told
# reporters Tuesday".
_REPORTED_ON = re.compile(r"\b(?:" + alternation(REPORTING) + r")\s+(?:[a-z]+\s+){0,2}?(?:on\s+)?\Z")
_OWN_TIME = context_pattern("own_time")


def _dct_plausible(text: str, dct: dt.date | None) -> bool:
    """Whether the text's explicit years leave its DCT plausible: none at all, or enough of them near it
    and of words of the writer's days ("yesterday", "on Tuesday") beside the years far from it."""
    if dct is None:
        return True
    # Each year counted once with how often it comes (a list of dates names the same years thousands of
    # times); "490 BC" counts as a year -1, far from any DCT.
    years = Counter(_YEAR_MENTION.findall(text))
    eras = sum(1 for _ in _ERA_AFTER_NUMBER.finditer(text))
    total = sum(years.values()) + eras
    if total < STORY_MIN_YEARS:
        return True
    near = sum(count for year, count in years.items() if abs(int(year) - dct.year) <= NEAR_DCT)
    near += eras if abs(-1 - dct.year) <= NEAR_DCT else 0
    if near * STORY_CUE_WEIGHT >= total - near:
        return True
    # A closing paragraph on a history's legacy ("Last week veterans marked the anniversary") speaks of the writer's
    # days but says nothing of the story before it: the words of the last paragraph do not count.
    last_paragraph = text.rstrip().rfind("\n")
    cues = sum(1 for cue in _OWN_DAYS_CUE.finditer(text, 0, last_paragraph if last_paragraph > 0 else len(text))
               if not _weekday_of_another_year(text, cue, dct))
    return (near + cues) * STORY_CUE_WEIGHT >= total - near


_WEEKDAY_WITH_DATE = context_pattern("weekday_with_date")


def _writer_days(text: str, dct: dt.date) -> bool:
    """Whether the text has a word of its writer's days other than "today" (a weekday of the DCT's weeks,
    "yesterday", "last week"): a report that tells of a life ("heart surgery in Santiago Sunday ... divides Chile
    even today"), whose "today" is its day, not a history saved later."""
    return any(cue.group().lower() not in _PRESENT_DAY and not _weekday_of_another_year(text, cue, dct)
               for cue in _OWN_DAYS_CUE.finditer(text))


_PRESENT_DAY = frozenset(role_words("present_day"))  # "today": the word of the day the writer speaks in


def _weekday_of_another_year(text: str, cue: re.Match, dct: dt.date) -> bool:
    """Whether a weekday written with a day of a month ("Thursday, 2 August") is not that day's weekday
    where the DCT's days would put it (the nearest such day): it names a day of another year, no week of
    the writer's."""
    weekday = WEEKDAYS.get(cue.group().lower())
    dated = _WEEKDAY_WITH_DATE.match(text, cue.end()) if weekday else None
    if dated is None:
        return False
    month = MONTHS.get((dated.group("month") or dated.group("month2")).lower().rstrip("."))
    if month is None:
        return False
    day = int(dated.group("day") or dated.group("day2"))
    days = []
    for year in (dct.year - 1, dct.year, dct.year + 1):
        try:
            days.append(dt.date(year, month, day))
        except ValueError:  # 29 February, 31 April
            pass
    if not days:
        return False
    nearest = min(days, key=lambda day_: abs(day_ - dct))
    return nearest.isoweekday() != weekday


_OPENING_QUOTES = "\u201c\u00ab"
_CLOSING_QUOTES = "\u201d\u00bb"


_PRESENT_FUTURE = with_lookahead(context_pattern("present_future"))  # searched before many dates
_CLAUSE_BREAK = re.compile(r"[.;:!?\n]")


def _will_before(text: str, start: int) -> bool:
    """Whether a future of the writer's present ("will", "shall", "is expected to", not "would" or "was
    expected to") stands before ``start`` in its clause, outside a quotation: "Japan will play them in Dortmund
    on June 22" after a look back at 2002, "is expected to hand over power on May 29" after "in office since
    May 1999" speak of the June and May ahead even where most of the text's years are far from its DCT."""
    low = max(0, start - 120)
    for brk in _CLAUSE_BREAK.finditer(text, low, start):
        low = brk.end()
    return bool(_PRESENT_FUTURE.search(text, low, start)) and not _in_quotation(text, start)


def _in_quotation(text: str, start: int) -> bool:
    """Whether ``start`` lies inside a quotation opened in its paragraph: after an odd number of straight
    double quotes, or after an opening curly quote not yet closed."""
    line_start = text.rfind("\n", 0, start) + 1
    if text.count('"', line_start, start) % 2:
        return True
    opened = max(text.rfind(mark, line_start, start) for mark in _OPENING_QUOTES)
    closed = max(text.rfind(mark, line_start, start) for mark in _CLOSING_QUOTES)
    return opened > closed


def _story_weight(text: str, start: int, end: int, granularity: str) -> int:
    """How much one date says that the text tells a story in its year: a section headed by a year sets the
    scene at once, a year named in passing only with others."""
    return STORY_CONFIRM if granularity == "year" and heading_year(text, start, end) else 1


def _of_writers_days(ctx: Context, story: int | None, anchor: str, last: tuple[dt.date, str]) -> bool:
    """Whether a relative expression inside a story was read from the writer's days ("today" in a quote,
    "that morning" counted from the DCT): it then moves neither the story nor the date counted from."""
    return (story is not None and anchor == "relative" and ctx.dct is not None
            and abs(last[0].year - ctx.dct.year) < STORY_GAP)


def _back_to_own_days(ctx: Context, value: str) -> bool:
    """Whether an expression of ``value`` speaks of the writer's days while the story is in a year well before."""
    return (value[:4].isdigit() and abs(int(value[:4]) - ctx.dct.year) < STORY_GAP_NEWS
            and ctx.dct.year - ctx.story[0] >= STORY_GAP_NEWS)


def _planned(ctx: Context, story: int | None, start: int, end: int, last: tuple[dt.date, str]) -> bool:
    """Whether a year named inside a story is one planned or foreseen from it ("would be exposed for a
    campaign planned in 1976"): the story stays where it was."""
    if story is None:
        return False
    if _FIXED_FOR_BEFORE.search(ctx.text, max(0, start - 30), start) is not None:
        return True  # "to share power until independence, fixed for November 11. Fighting broke out in March"
    return last[0].year > story and (
        direction(ctx, start, end, default=0) > 0 or _PLAN_DATE_BEFORE.search(ctx.text, max(0, start - 60), start) is not None)


_PLAN_DATE_BEFORE = context_pattern("plan_date_before")
_FIXED_FOR_BEFORE = context_pattern("fixed_for_before")
_LOOK_BACK_BEFORE = frozenset(role_words("look_back_before"))
_PERFECT_SINCE_IN_CLAUSE = context_pattern("perfect_since_in_clause")
# How far before a date the perfect and "since" of its clause are looked for.
SINCE_REACH = 120
_PLUPERFECT_IN_CLAUSE = context_pattern("pluperfect_in_clause")
_UNTIL_IN_CLAUSE = context_pattern("until_in_clause")
_FOLLOWED_IN_CLAUSE = context_pattern("followed_in_clause")
_ASIDE_AFTER_COMMA = context_pattern("aside_after_comma")
_IN_BRACKETS = context_pattern("in_brackets")
_COMPARED_IN_CLAUSE = context_pattern("compared_in_clause")
_SOURCE_YEAR_BEFORE = re.compile(r"(?i)\b(?:%s)\s+(?:in\s+)?\Z" % alternatives(role_words("source_year_before")))


def _aside(ctx: Context, story: int | None, start: int, last: tuple[dt.date, str], end: int | None = None) -> bool:
    """Whether a year named inside a story only looks aside from it: back to where a state began ("part of
    the empire since 513 BC") or to what had happened before ("forces that had invaded Burma in late 1943"),
    ahead to where a state ended ("a siege that lasted until February 1945") or in a noun and its participle
    set off by a comma (", an event painted by Goya six years later").  The story stays where it was."""
    if story is None:
        # A text of its own days: a year it looks back to ("the sharpest fall since December 1986") does
        # not become the time it has reached, nor do the months after it ("fell in March") fall in it.
        # With no DCT at all, any year looked back to is one.
        # But a date a clause of its own happening follows is one the text tells of ("held since June 17, 1994, when
        # he was arrested ... Nicole Brown Simpson and Ronald Goldman were stabbed to death five days earlier").
        return (ctx.dct is None or last[0].year < ctx.dct.year) and _looks_back(ctx.text, start) \
            and not (end is not None and _WHEN_AFTER.match(ctx.text, end))
    if last[0].year == story:
        return False
    low = max(0, start - CONTEXT_REACH)
    if _IN_BRACKETS.search(ctx.text, low, start):
        return True  # "(as of December 5, 2006)": a remark beside the story
    if _COMPARED_IN_CLAUSE.search(ctx.text, low, start) or _SOURCE_YEAR_BEFORE.search(ctx.text, low, start):
        return True  # "surpassing the May 2007 high", "a study declassified in 2005": beside the story
    if last[0].year > story:
        return (_UNTIL_IN_CLAUSE.search(ctx.text, low, start) is not None
                or _ASIDE_AFTER_COMMA.search(ctx.text, low, start) is not None)
    if _looks_back(ctx.text, start, in_clause=True):
        # Once the story has a year: before it, the period looked back from is the time the text
        # has reached ("Key dates since the rebels overran the capital in September 2014: ...").
        return True
    return (_PLUPERFECT_IN_CLAUSE.search(ctx.text, low, start) is not None
            or _FOLLOWED_IN_CLAUSE.search(ctx.text, low, start) is not None)


_WHEN_AFTER = context_pattern("when_after")
_MODIFIER_YEAR_BEFORE = context_pattern("modifier_year_before")
_MODIFIER_YEAR_AFTER = context_pattern("modifier_year_after")
_RANGE_START_YEAR_AFTER = context_pattern("range_start_year_after")


def _modifier_year(text: str, start: int, end: int, granularity: str, ranges: bool = True) -> bool:
    """Whether a year from ``start`` to ``end`` qualifies a noun ("the 1994 peace accords", "his 1973-1990
    regime") or, with ``ranges``, opens a range ("ruled from 1973 to 1990"): it names a thing of that year or
    where a span began, not the time the text has reached.  A story goes on from a range it names ("From
    1914 to 1918 ... In August"), a text of its own days does not."""
    if granularity != "year" or end - start != 4 or not text[start:end].isdigit():
        return False
    if _RANGE_START_YEAR_AFTER.match(text, end):
        return ranges
    return (_MODIFIER_YEAR_AFTER.match(text, end) is not None
            and _MODIFIER_YEAR_BEFORE.search(text, max(0, start - 30), start) is not None)


def _looks_back(text: str, start: int, in_clause: bool = False) -> bool:
    """Whether the word before ``start`` looks back from the time spoken of ("since"), or with
    ``in_clause`` the clause it is in does ("have been killed since the conflict began in December 2013")."""
    previous = PREVIOUS_WORD.search(text, max(0, start - 25), start)
    if previous is not None and previous.group(1).lower() in _LOOK_BACK_BEFORE:
        return True
    return in_clause and _PERFECT_SINCE_IN_CLAUSE.search(text, max(0, start - SINCE_REACH), start) is not None


def _story_reference(ctx: Context, start: int) -> int | None:
    """The story's year when an expression at ``start`` should read its date from it, else None."""
    story = ctx.story
    if story is not None and ctx.dct is None:
        # A text with no date of its own (no DCT) has only its story's: the years it names stand in for it.
        return story[0] if start - story[1] <= STORY_REACH else None
    if story is None or abs(story[0] - ctx.dct.year) < STORY_GAP:
        return None
    if ctx.dct.year < story[0] < BC_PROXY_LOW:
        return None  # no text tells a story of the years after it was written: "by 2010" is a plan
    if not ctx.dct_plausible:
        reach = STORY_REACH
    elif ctx.dct.year - story[0] < STORY_GAP_NEWS:
        # A text that speaks of its own days tells no story of the years just behind it: "the same period
        # of 2005" in a report of 2006 is a comparison.
        return None
    else:
        # A text that also speaks of its own days: an older year carries only once the text dwells on it.
        reach = STORY_REACH_NEWS if ctx.story_mentions >= STORY_CONFIRM else 0
    return story[0] if start - story[1] <= reach else None


def tag(text: str, dct: str | None = None, spans=None) -> list[TemporalExpression]:
    """Every temporal expression in ``text``, resolved against ``dct`` (a partial ISO date or None).

    ``spans`` (pairs of offsets, in text order) limits the tagging to those parts of the text, as
    cleaning keeps them: an expression lies inside one span, and a relative one ("two days later")
    counts only from dates found in the spans.  Offsets are still into ``text``.
    """
    # The scan makes many small objects and no reference cycles: pausing the cyclic garbage
    # collector keeps the time linear in the length of the text (it would otherwise rescan
    # the growing list of results again and again).
    with collector.paused():
        return _tag(text, dct, [(0, len(text))] if spans is None else spans)


def _tag(text: str, dct: str | None, spans) -> list[TemporalExpression]:
    day, granularity = parse_dct(dct)
    ctx = Context(text, day, granularity)
    ctx.dct_plausible = _dct_plausible(text, day)
    if not ctx.dct_plausible:
        ctx.writer_days = _writer_days(text, day)
    found: list[TemporalExpression] = []
    memo = ctx.memo
    position = 0
    for low, high in spans:
        position = max(position, low)
        for start, cls in _candidates(text, low, high):
            if start < position:
                continue
            position = _tag_at(ctx, found, memo, start, cls, high, position)
    return found


# The dates that date an entry of a chronology, which the next entry's date is read near.
_ENTRY_GRANULARITIES = frozenset({"day", "month"})
# How far after the date of an entry its text may name a day of the week of that date's week (an entry of a
# few paragraphs).
ENTRY_REACH = 1000


def _entry_reach(text: str, day: dt.date, end: int) -> tuple[dt.date, int, bool]:
    """The day of a chronology's entry that ends at ``end``, how far it dates what follows, and whether it heads
    it: ENTRY_REACH characters below a date on a line of its own ("April 7, 1992:" above its story), only its own
    line after a date that holds its text ("April 15, 2023 - Fighting erupts"; the body below a list of key dates
    is the writer's again)."""
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    if text[end:line_end].strip(" \t:-–—") and not is_stamp_end(text, end):
        return day, line_end, False
    return day, end + ENTRY_REACH, True  # (a post's stamp heads its post: "KhersonFront, [12.11.2024 08:14]")


def _tag_at(ctx: Context, found: list, memo: dict, start: int, cls: str, high: int, position: int) -> int:
    """Tag at one candidate ``start`` (a match ends by ``high``); the position the scan goes on from."""
    text = ctx.text
    # Everything a step depends on: the text around it, the last date mentioned, the quarter spoken of.
    window = start - CONTEXT_REACH if start > CONTEXT_REACH else 0
    reach = min(MATCH_REACH, high - start)
    story = _story_reference(ctx, start)
    last_at = ctx.last_at - window if ctx.last_at is not None and ctx.last_at >= window else None
    entry = ctx.entry_day
    ctx.near_entry = entry[0] if entry is not None and start <= entry[1] else None
    key = (cls, start - window, reach, text[window:start + MATCH_REACH + CONTEXT_REACH], ctx.last, last_at, ctx.last_entry,
           ctx.section_year,
           ctx.near_entry, ctx.recent_quarter(start), ctx.recent_fiscal(start), story, ctx.day_before_look_ahead)
    step = memo.get(key)
    if step is None:
        step, replayable = _step(ctx, cls, start, start + reach, story)
        if replayable:
            if len(memo) >= _MEMO_SIZE:
                memo.clear()
            memo[key] = step
    if step is _NOTHING:
        return position
    span_start, span_end, words, type_, value, mod, anchor, advance, last, new_quarter = step
    if last is not None and last[1] == PART_OF_YEAR and _ACROSS_YEARS.search(words or ""):
        # A season written across two years ("the winter of 1775–76") brings the story to the turn of them:
        # "on 4 March" after it is of the second.
        last = (last[0].replace(month=12), "month")
    elif last is not None and last[1] == PART_OF_YEAR:
        # A season of the year the text has reached says no more than the date it reached ("June 479 BC ...
        # that summer ... that same day"); of another year, it moves the story there.
        last = ctx.last if ctx.last is not None and ctx.last[0].year == last[0].year else (last[0], "year")
    elif last is not None and last[1] == "year" and story is not None and ctx.last is not None \
            and ctx.last[1] in ("month", "day") and ctx.last[0].year == last[0].year \
            and not _YEAR_FRAME_BEFORE.search(text, max(0, start + span_start - 12), start + span_start):
        # So does its year named in passing ("In December 1981 Galtieri took power. The withdrawal of HMS
        # Endurance, announced in 1981, ... On 19 March": of 1982); a year opening its sentence frames anew.
        last = ctx.last
    if new_quarter is not None:
        ctx.last_quarter = (new_quarter[0], start, new_quarter[1])
    if words is not None:
        found.append(make_expression(start + span_start, start + span_end, words, type_, value, mod, anchor))
        if last is not None and anchor == "explicit":
            if last[1] == "day":
                ctx.written_days[last[0].month, last[0].day] = last[0].year  # "October 7, 2023 ... on October 7"
            ctx.years_named[last[0].year] = start + span_start
        if ctx.story is not None and ctx.dct is not None and ctx.dct_plausible and _back_to_own_days(ctx, value):
            ctx.story = None  # news back in its own days ("in August of last year") tells no older story any longer
        if last is not None and anchor == "explicit" and last[1] == "year" \
                and heading_year(text, start + span_start, start + span_end):
            ctx.section_year = last[0].year
        if last is not None and last[1] in _ENTRY_GRANULARITIES and is_entry_date(text, start + span_start, start + span_end):
            ctx.last_entry = last[0]  # the next entry's date without its year is read near it
            if anchor == "explicit" and ctx.section_year not in (None, last[0].year):
                ctx.section_year = None  # "Late 2021 - ... / 4 January 2025 - ... / 21 January - ...": the entry's year
            # and the days of the week its text names are those around its day ("April 7, 1992: The European
            # Community announced Monday ..." in a look back from 2012)
            ctx.entry_day = _entry_reach(text, last[0], start + span_end) if last[1] == "day" else None
        if last is not None and not _of_writers_days(ctx, story, anchor, last) \
                and not _planned(ctx, story, start + span_start, start + span_end, last) \
                and not _aside(ctx, story, start + span_start, last, start + span_end):
            # A year named far ahead of the day the story has reached may be a look ahead in passing.
            ahead = (anchor == "explicit" and story is not None and ctx.last is not None and ctx.last[1] == "day"
                     and ctx.last[0].year == story and last[0].year - story >= RETURN_GAP)
            ctx.day_before_look_ahead = (ctx.last[0], start) if ahead else None
            ctx.previous_last, ctx.last, ctx.last_at = ctx.last, last, start + span_end
            ctx.last_names_thing = _modifier_year(text, start + span_start, start + span_end, last[1], ranges=False)
            # A date counted from the story's ("Two days later" after "on 15 February 2011") dwells in it too; not
            # one in the pluperfect, a look back from the writer's days ("had fled in June 1998 and returned
            # later that year").
            counted_in_story = anchor == "relative" and ctx.story is not None and last[0].year == ctx.story[0] \
                and _PLUPERFECT_IN_CLAUSE.search(text, max(0, start - CONTEXT_REACH), start) is None
            if (anchor == "explicit" or (story is not None and anchor == "relative") or counted_in_story) \
                    and not _modifier_year(text, start + span_start, start + span_end, last[1], ctx.dct_plausible):
                year = last[0].year
                weight = _story_weight(text, start + span_start, start + span_end, last[1])
                # A date counted within the story ("the next month", "in January") carries it on.
                same = anchor == "relative" or (ctx.story and ctx.story[0] == year)
                ctx.story_mentions = weight + (ctx.story_mentions if same else 0)
                ctx.story = (year, start)
    return start + advance


# A match may run this many characters (far longer than any expression); procedures read at most
# CONTEXT_REACH characters on either side of it (tense cues, the word before a year, "ended Sept. 30"
# after "the quarter").  What the tagger does at a place therefore depends only on that window of
# text and on what it remembers (the last date, the quarter spoken of), so a phrase met again in
# the same surroundings is worked out once.
MATCH_REACH = 200
CONTEXT_REACH = 120
if NEAR_REACH > CONTEXT_REACH:
    raise LexiconError(f"words.tsv: narrative near_reach {NEAR_REACH} is more than {CONTEXT_REACH}, "
                       "the characters the tagger reads before an expression")
_MEMO_SIZE = 4096
_NOTHING = ()


def _step(ctx: Context, cls: str, start: int, limit: int, story: int | None = None):
    """What the tagger finds at ``start`` (a tuple of the expression's parts, relative to ``start``), and
    whether it can be replayed elsewhere.

    The step is ``_NOTHING`` when no rule matches or all refuse.  It is not
    replayable when a refusing procedure left a side effect, or one that
    is not tied to ``start``.
    """
    text = ctx.text
    rules = _rules_at(cls, text, start, limit)
    match = _first_match(rules, text, start, limit)
    if match is None:
        return _NOTHING, True
    before = ctx.last_quarter
    ctx.read_far = False
    index = int(match.lastgroup[1:])
    end = match.end()
    result = _apply(ctx, index, match, start, end, story)
    while result is None:
        # The first rule that matched refused: give the rules after it a chance here.
        match = _later_match(cls, index, text, start, limit, rules)
        if match is None:
            break
        index = int(match.lastgroup[1:])
        end = match.end()
        result = _apply(ctx, index, match, start, end, story)
    new_quarter = None
    replayable = not ctx.read_far
    if ctx.last_quarter is not before:
        new_quarter = (ctx.last_quarter[0], ctx.last_quarter[2])
        replayable = replayable and ctx.last_quarter[1] == start and result is not None
    if result is None:
        return _NOTHING, replayable
    span_start = result.start if result.start is not None else start
    span_end = result.end if result.end is not None else end
    while span_end > span_start and text[span_end - 1] in " \t\n,":
        span_end -= 1
    words = text[span_start:span_end] if span_end > span_start else None
    return (span_start - start, span_end - start, words, result.type, result.value, result.mod, result.anchor,
            max(end, start + 1) - start, _remembered(result), new_quarter if replayable else None), replayable
