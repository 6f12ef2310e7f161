"""Coding events as conflict analysts do: type, actors in roles, toll and place.

Each event is coded from its own words: the clause that holds its date (a window bounded by the
clause and by the other dates of the sentence), never the rest of the sentence or the article.
The event type follows ACLED's taxonomy from a table of trigger patterns (``data/event_types.tsv``,
extended with ``--event-types FILE``); the actor who acted and the one acted on come from the
names the gazetteer found, by their place around the verb; the toll from figures next to words of
killing and wounding (``data/casualties.tsv``, with the tagger's number words); the place from the
window, else the rest of the sentence, else the story's headline or lead, never a wire dateline.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Callable, Iterable, Sequence

try:  # the parser of the re module, to see where a rule's matches may begin
    from re import _constants as _sre, _parser as _sre_parse
except ImportError:  # Python 3.10
    import sre_constants as _sre
    import sre_parse as _sre_parse

from .derived import named_happening
from .events import (DATELINE, Casualties, Event, Location, Mention, after_story_breaks, filled, is_headline,
                     with_fields)
from .identity import report_id
from .sentences import Sentence
from .temporal.firstchars import for_lower_ascii, with_lookahead
from .temporal.lexicon import alternatives, current_language, first_letters
from .titles import LIST_JOINT, PAST_OR_AUX, SPEECH_VERBS, clause_at, clause_bounds

EVENT_TYPES = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": ("Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade"),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": ("Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                               "Headquarters or base established", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"),
}
UNKNOWN = "unknown"
CASUALTY_KINDS = ("toll", "qualifier", "upper", "amount", "source")
# How precise a place is, by its names.tsv (or geonames) category; the smaller, the more specific.
PLACE_PRECISION = {
    "town": ("town", 0), "district": ("town", 0), "base": ("town", 0), "crossing": ("town", 0),
    "road": ("town", 0), "city": ("town", 1), "area": ("region", 2), "province": ("region", 3),
    "region": ("region", 3), "country": ("country", 4),
}
# Sentences after an undated lead that may still give its toll ("at least 70 ... confirmed dead"),
# as long as none of them is a happening of its own.
LEAD_TOLL_WINDOW = 8
# The cue words of the language by kind (cues.tsv); the patterns below keep only their structure.
_CUES = current_language().cues
# An optional definite article before a name ("by the army").
_THE = r"(?:(?:%s)\s+)?" % alternatives(_CUES["definite_article"])
# Words after an actor's name that make it a modifier, not a party ("US-backed", "Turkish-led";
# cues.tsv, modifier_participle).
_MODIFIER_AFTER = re.compile(r"^[-\s](?:%s)\b|^\s+(?:%s)\b" % (alternatives(_CUES["modifier_participle"]),
                                                             alternatives(_CUES["modifier_noun"])), re.I)
# Prepositions before a name that keep it from being the one who acted ("a deal with Russia").
_NOT_SUBJECT_BEFORE = with_lookahead(re.compile(r"\b(?:%s)\s+%s$" % (alternatives(_CUES["not_subject_before"]), _THE), re.I))
# A finite verb of the clause (not the second half of "US-backed").
_VERB = with_lookahead(re.compile(r"(?<![\w-])%s\b" % PAST_OR_AUX))
# Who reports rather than acts: "according to the UN", "the Red Cross said".
_ACCORDING_BEFORE = re.compile(r"\b(?:%s)\s+%s$" % (alternatives(_CUES["source_lead"]), _THE), re.I)
_REPORTING_AFTER = re.compile(r"^\s+(?:%s)\b" % alternatives(_CUES["source_verb"]), re.I)
# How many words may stand between a passive verb and "by" for its agent ("was taken by rebels").
AGENT_REACH = 4
_BY = alternatives(_CUES["agent_preposition"])
_BY_BEFORE = re.compile(r"\b(?:%s)\s+%s$" % (_BY, _THE), re.I)
_PASSIVE = re.compile(r"^(?:%s)$" % alternatives(_CUES["passive_auxiliary"]), re.I)
# Words after a name that make it the one who struck, wherever it stands ("from Russian bombing",
# "after Turkish drone strikes"): a weapon or an attack of its own.
_AGENT_NOUN_AFTER = re.compile(r"\s+(?:[a-z]+\s+)?(?:%s)\b" % alternatives(_CUES["weapon"]))
# "held by X", "controlled by X": the side a place was taken from or struck at.
_HOLDER_BEFORE = re.compile(r"\b(?:%s)\s+(?:%s)\s+%s$" % (alternatives(_CUES["holding_verb"]), _BY, _THE), re.I)
# "air strikes by X": whoever struck, however far from the verb.
_ATTACK_BY_BEFORE = with_lookahead(re.compile(r"\b(?:%s)\s+(?:%s)\s+%s$" % (alternatives(_CUES["agent_attack"]), _BY, _THE), re.I))
_BETWEEN_BEFORE = re.compile(r"\b(?:%s)\s+%s$" % (alternatives(_CUES["sides_opener"]), _THE), re.I)
_AND_BETWEEN = re.compile(r"^\s+(?:%s)\s+%s(?:[\w-]+\s+)?$" % (alternatives(_CUES["sides_joiner"]), _THE), re.I)
# How far after its date the words of an event's happening are read (see _window).
WINDOW_REACH = 300
_AND_START = re.compile(r"^\W*(?:%s)\b" % alternatives(_CUES["continuation"]), re.I)


class EventTypesError(ValueError):
    """An event types file that cannot be read; the message names the file and line."""


@dataclass(frozen=True)
class TypeRule:
    """One row of the event types table: the type and sub-type a pattern signals."""

    event_type: str
    sub_event_type: str
    pattern: re.Pattern
    actor_categories: frozenset[str] = frozenset()
    # The pattern for the lower case of an ASCII clause, where it finds the same (see for_lower_ascii).
    lowered: re.Pattern | None = field(default=None, compare=False, repr=False)

    def __post_init__(self):
        if self.lowered is None:
            object.__setattr__(self, "lowered", for_lower_ascii(self.pattern))


def parse_event_types(lines: Iterable[str], origin: str = "<event types>") -> tuple[TypeRule, ...]:
    """Rules from ``EVENT_TYPE<tab>SUB_EVENT_TYPE<tab>PATTERN[<tab>ACTOR1 CATEGORIES]`` lines."""
    rules = []
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = [p.strip() for p in line.split("\t")]
        if len(parts) not in (3, 4) or not parts[2]:
            raise EventTypesError(f"{origin}:{number}: expected EVENT_TYPE<tab>SUB_EVENT_TYPE<tab>PATTERN[<tab>ACTOR1 CATEGORIES]")
        event_type, sub_type, pattern = parts[:3]
        if event_type not in EVENT_TYPES:
            raise EventTypesError(f"{origin}:{number}: unknown event type {event_type!r} (one of {', '.join(EVENT_TYPES)})")
        if sub_type not in EVENT_TYPES[event_type]:
            raise EventTypesError(f"{origin}:{number}: {sub_type!r} is not a sub-event type of {event_type}")
        try:
            compiled = re.compile(pattern, re.IGNORECASE)
        except re.error as error:
            raise EventTypesError(f"{origin}:{number}: bad pattern ({error})") from None
        categories = frozenset(c.strip() for c in parts[3].split(",") if c.strip()) if len(parts) == 4 else frozenset()
        rules.append(TypeRule(event_type, sub_type, compiled, categories))
    return tuple(rules)


@lru_cache(maxsize=8)
def load_event_types(path: str | None = None) -> tuple[TypeRule, ...]:
    """The user's rules of ``path`` (tried first), then the shipped table."""
    text = resources.files("timeline").joinpath("data/event_types.tsv").read_text(encoding="utf-8")
    shipped = parse_event_types(text.splitlines(), "event_types.tsv")
    if path is None:
        return shipped
    try:
        user = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise EventTypesError(f"{path}: cannot read event types ({error})") from None
    return parse_event_types(user.splitlines(), path) + shipped


@dataclass(frozen=True)
class TollWords:
    """What the toll finder reads: words of killing and wounding, qualifiers, vague amounts."""

    pattern: re.Pattern  # a figure, its qualifier and the toll word around it
    upper: re.Pattern  # a higher figure of the same toll
    number: re.Pattern
    tolls: dict
    qualifiers: dict
    amounts: dict
    sources: tuple[str, ...]
    toll: re.Pattern | None = None  # the toll words alone: a text without them has no toll


def _alternatives(words: Iterable[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def toll_words() -> TollWords:
    text = resources.files("timeline").joinpath("data/casualties.tsv").read_text(encoding="utf-8")
    rows: dict[str, dict[str, str]] = {kind: {} for kind in CASUALTY_KINDS}
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        parts = raw.split("\t")
        if len(parts) != 3 or parts[0] not in CASUALTY_KINDS:
            raise EventTypesError(f"casualties.tsv:{number}: expected KIND<tab>WORDS<tab>VALUE, KIND one of {', '.join(CASUALTY_KINDS)}")
        rows[parts[0]][parts[1].strip().lower()] = parts[2].strip()
    language = current_language()
    # Number words of the tagger that are figures ("a" and "an" are too often no figure at all).
    words = {w: v for w, v in language.numbers.items() if isinstance(v, int) and v > 1}
    compounds = r"(?:%s)[-\s](?:%s)" % (_alternatives(language.tens), _alternatives(language.ones)) if language.tens else ""
    amounts = {w: int(v) for w, v in rows["amount"].items()}
    number = (r"(?:\d{1,3}(?:,\d{3})+|\d+" + (f"|{compounds}" if compounds else "") +
              f"|{_alternatives(list(words) + list(amounts))})")
    qualifier = _alternatives(rows["qualifier"])
    toll = _alternatives(rows["toll"])
    auxiliary, filler = alternatives(_CUES["toll_auxiliary"]), alternatives(_CUES["toll_filler"])
    pattern = re.compile(
        rf"\b(?:(?P<q1>{qualifier})\s+)?(?P<n1>{number})\b(?P<between>(?:\s+[\w’'-]+){{0,4}}?)\s+(?:(?:{auxiliary})\s+)?(?P<t1>{toll})\b"
        rf"|\b(?P<t2>{toll})\s+(?:(?:{filler})\s+)?(?:(?P<q2>{qualifier})\s+)?(?P<n2>{number})\b",
        re.IGNORECASE,
    )
    upper = re.compile(rf"\b(?:{_alternatives(rows['upper'])})\s+(?P<n>{number})\b", re.IGNORECASE)
    # Every toll word of a match begins a word (after spaces or \\b): when each is written with a
    # letter first, the screen tries only where a word begins.
    screen = rf"(?=\w)\b(?:{toll})" if all(_WORD_CHARACTER.match(w) for w in rows["toll"]) else toll
    return TollWords(pattern, upper, re.compile(number, re.I), {w: v for w, v in rows["toll"].items()},
                     rows["qualifier"], amounts, tuple(rows["source"]), re.compile(screen, re.IGNORECASE))


@lru_cache(maxsize=4)
def _toll_letters(tolls: tuple[str, ...]) -> re.Pattern:
    """The toll words anywhere, even inside a word: a sentence without them has no toll in any
    of its windows, wherever a window begins (searched over every sentence with an event: the
    look-ahead at their first letters skips the other places in C)."""
    return with_lookahead(re.compile(_alternatives(tolls), re.IGNORECASE))


def _figure(text: str, words: TollWords) -> int | None:
    plain = " ".join(text.lower().split())
    if plain[:1].isdigit():
        return int(plain.replace(",", ""))
    if plain in words.amounts:
        return words.amounts[plain]
    numbers = current_language().numbers
    if plain in numbers and isinstance(numbers[plain], int):
        return numbers[plain]
    parts = re.split(r"[-\s]", plain)
    if len(parts) == 2 and all(isinstance(numbers.get(p), int) for p in parts):
        return numbers[parts[0]] + numbers[parts[1]]
    return None


@dataclass(frozen=True)
class Toll:
    kind: str  # fatalities or injuries
    casualties: Casualties
    start: int  # in the sentence


_EITHER_AFTER = re.compile(r"\s+(?:%s)\s+(?:%s)\b" % (alternatives(_CUES["disjunction"]),
                                                        alternatives(_CUES["injury_adjective"])), re.I)
_EITHER_BEFORE = re.compile(r"\b(?:%s)\s+(?:%s)\s+$" % (alternatives(_CUES["injury_adjective"]),
                                                        alternatives(_CUES["disjunction"])), re.I)


def find_tolls(text: str, words: TollWords | None = None) -> list[Toll]:
    """Reported figures of people killed and hurt in ``text``, in order."""
    words = words or toll_words()
    if words.toll is not None and not words.toll.search(text):
        return []
    found = []
    for match in words.pattern.finditer(text):
        toll_word = (match.group("t1") or match.group("t2")).lower()
        kind = words.tolls.get(toll_word, "fatalities")
        if kind == "fatalities" and (_EITHER_AFTER.match(text, match.end()) or _EITHER_BEFORE.search(text[:match.start("t1") if match.group("t1") else match.start()])):
            continue  # "killed or wounded": casualties of both kinds, no figure of the dead
        figure_text = match.group("n1") or match.group("n2")
        count = _figure(figure_text, words)
        if count is None:
            continue
        qualifier_words = (match.group("q1") or match.group("q2") or "").lower()
        qualifier = words.qualifiers.get(" ".join(qualifier_words.split()), "exact") if qualifier_words else "exact"
        if qualifier == "exact" and " ".join(figure_text.lower().split()) in words.amounts:
            qualifier = "at least"
        found.append(Toll(kind, Casualties(count, qualifier, text=match.group().strip()), match.start()))
    for match in _ONE_CASUALTY.finditer(text):
        # "killing a local commander": one, the figure the words give.
        kind = words.tolls.get(match.group("verb").lower(), "fatalities")
        if not any(t.start <= match.start() < t.start + len(t.casualties.text) for t in found):
            found.append(Toll(kind, Casualties(1, "exact", text=match.group().strip()), match.start()))
    return sorted(found, key=lambda t: t.start)


# A toll verb and one person ("killing a commander", "wounded an aid worker"), not "killed a dozen"
# or "killed a day later".
_ONE_CASUALTY = re.compile(
    r"\b(?P<verb>%s)\s+(?:%s)\s+(?!(?:%s)\b)(?:[\w-]+\s+){0,2}?(?:%s)\b" % (
        alternatives(_CUES["toll_verb"]), alternatives(current_language().words.get("one", ())),
        alternatives(_CUES["not_one_person"]), alternatives(_CUES["person_noun"])),
    re.IGNORECASE,
)


def _with_range(toll: Toll, text: str, words: TollWords) -> Toll:
    """The toll with the higher figure the text gives for it ("some say 100") as its range."""
    match = words.upper.search(text, toll.start + len(toll.casualties.text))
    if not match or match.start() - toll.start > 160:
        return toll
    high = _figure(match.group("n"), words)
    if high is None or high <= toll.casualties.count:
        return toll
    casualties = replace(toll.casualties, low=toll.casualties.count, high=high,
                         text=text[toll.start:match.end()].strip())
    return replace(toll, casualties=casualties)


@dataclass(frozen=True)
class _Name:
    mention: Mention
    start: int
    end: int


def _positioned(sentence: str, mentions: Sequence[Mention]) -> list[_Name]:
    names = []
    for mention in mentions:
        start = sentence.find(mention.text)
        if start >= 0:
            names.append(_Name(mention, start, start + len(mention.text)))
    return sorted(names, key=lambda n: n.start)


# How many first characters of a word the index of a rule table reads.
_PREFIX_LENGTH = 4
# A rule whose beginnings number more than this is tried on every window.
_MAX_PREFIXES = 20_000
_INDEXES: dict[int, tuple[tuple[TypeRule, ...], "_RuleIndex | None"]] = {}


@dataclass(frozen=True)
class _RuleIndex:
    """Which rules of a table may match a window, told by the first characters of its words.

    A rule whose every match begins at the start of a word with one of a few spellings (``\\bshell``,
    ``\\b(?:air ?strikes?|drone ...)``) can only match a window that has a word beginning so; most
    windows name no happening of the table, or one or two, and the other rules are never run.
    ``prefixes`` maps each lower-case beginning to the rules (bits, by row) that may start with it;
    ``words`` holds the words some alternatives of a rule cannot do without, where their beginning
    is not known (``\\w+ and \\w+ agreed``: " agreed"), each with the rules it stands for;
    ``always`` are the rules that may match anywhere (a pattern that does not start a word, or
    starts it with a class of letters, and names no word of its own), tried on every window."""

    prefixes: dict[str, int]
    lengths: tuple[int, ...]
    words: tuple[tuple[re.Pattern, int], ...]
    always: int
    every: int
    begun: dict[str, int] = field(default_factory=dict)  # per beginning: see _begun_rules


def _rule_index(rules: Sequence[TypeRule]) -> _RuleIndex | None:
    """The index of ``rules`` (found once per table); None when the table may change (not a tuple)."""
    if not isinstance(rules, tuple):
        return None
    kept = _INDEXES.get(id(rules))
    if kept is not None and kept[0] is rules:
        return kept[1]
    prefixes: dict[str, int] = {}
    words: dict[tuple[str, int], int] = {}
    always = 0
    for number, rule in enumerate(rules):
        needs = _needs(rule.pattern)
        if needs is None:
            always |= 1 << number
            continue
        for beginning in needs[0]:
            prefixes[beginning] = prefixes.get(beginning, 0) | 1 << number
        for word in needs[1]:
            key = (word, rule.pattern.flags & ~re.VERBOSE)
            words[key] = words.get(key, 0) | 1 << number
    # A word is looked for with the flags of its rule: it matches wherever the rule's match holds it.
    looked_for = tuple((re.compile(re.escape(word), flags), bits) for (word, flags), bits in words.items())
    index = _RuleIndex(prefixes, tuple(sorted({len(p) for p in prefixes})), looked_for, always,
                       (1 << len(rules)) - 1)
    if len(_INDEXES) >= 16:
        _INDEXES.clear()
    _INDEXES[id(rules)] = (rules, index)  # kept with its rules, so their id is not reused
    return index


def _begun_rules(beginnings: Iterable[str], index: _RuleIndex) -> int:
    """The rules (bits) of ``index`` that may begin a word of ``beginnings``, from what each
    beginning allows, remembered per beginning: the windows of a page's dated lines and of a list
    of dates share their words ("May ", "2016") but seldom all of them (each has its own day)."""
    possible = index.always
    known = index.begun
    for beginning in beginnings:
        bits = known.get(beginning)
        if bits is None:
            if len(known) >= 65536:
                known.clear()
            bits = known[beginning] = _rules_begun(beginning, index)
        possible |= bits
    return possible


def _rules_begun(beginning: str, index: _RuleIndex) -> int:
    if not beginning.isascii():
        return index.every  # letters that match others when case is ignored ("ſ" and "s"): try all
    beginning = beginning.lower()
    prefixes, possible = index.prefixes, 0
    for length in index.lengths:
        possible |= prefixes.get(beginning[:length], 0)
    return possible


# Where a word begins in a window, with the characters that follow (what a rule's match begins with).
_WORD_BEGINNINGS = re.compile(r"(?<!\w)(?=(\w.{0,%d}))" % (_PREFIX_LENGTH - 1), re.DOTALL)


class _SentenceWords:
    """Where the words of a sentence begin, with their first characters, found once: the windows of
    its dates overlap (a list of dates has dozens in one sentence). ``within(start, end)`` gives what
    ``_WORD_BEGINNINGS`` finds in ``sentence[start:end]``."""

    def __init__(self, sentence: str):
        self.sentence = sentence
        self.positions: list[int] = []
        self.beginnings: list[str] = []
        for match in _WORD_BEGINNINGS.finditer(sentence):
            self.positions.append(match.start())
            self.beginnings.append(match.group(1))

    def within(self, start: int, end: int) -> set[str]:
        if start >= end:
            return set()
        positions, beginnings, sentence = self.positions, self.beginnings, self.sentence
        first = bisect.bisect_left(positions, start)
        whole = bisect.bisect_left(positions, end - _PREFIX_LENGTH + 1, first)  # read in full before the end
        last = bisect.bisect_left(positions, end, whole)
        found = set(beginnings[first:whole])
        for number in range(whole, last):
            found.add(beginnings[number][:end - positions[number]])  # the window's end cuts it short
        if start > 0 and _WORD_CHARACTER.match(sentence, start) and _WORD_CHARACTER.match(sentence, start - 1):
            found.add(sentence[start:min(end, start + _PREFIX_LENGTH)])  # a word cut by the window's start
        return found


class _FirstWindow:
    """The word beginnings of a sentence's first window, found in the window alone (as _SentenceWords
    gives them, without finding those of the whole sentence)."""

    def __init__(self, sentence: str):
        self.sentence = sentence

    def within(self, start: int, end: int) -> set[str]:
        return set(_WORD_BEGINNINGS.findall(self.sentence[start:end]))


def _possible_rules(window: str, index: _RuleIndex, beginnings: set[str] | None = None) -> int:
    """The rules (bits) of ``index`` that may match ``window``: those that may begin one of its
    words (``beginnings``: found in it unless given), or whose words it holds."""
    if beginnings is None:
        beginnings = set(_WORD_BEGINNINGS.findall(window))
    possible = _begun_rules(beginnings, index)
    if possible == index.every:
        return possible
    for word, bits in index.words:
        if bits & ~possible and word.search(window):
            possible |= bits
    return possible


class _Unsure(Exception):
    """A pattern whose beginnings the index does not work out."""


_ANYTHING = (None, None)  # stands for whatever may follow, in a list of parsed items


# The fewest letters a word of a rule must have to stand for it (see _needs).
_MIN_WORD = 4


def _needs(pattern: re.Pattern) -> tuple[frozenset[str], frozenset[str]] | None:
    """What a window must hold for ``pattern`` to match it: a word beginning with one of the first
    set, or one of the words of the second; None when that is not known (the rule is tried always).

    Each alternative of the pattern gives either its beginnings, when each of its matches begins a
    word (the lower-case first characters, up to _PREFIX_LENGTH, fewer when a match may go on with
    any character there; only ASCII letters are spelled out: past any other character, which may
    match more than one letter when case is ignored, a beginning is cut), or a run of letters all
    its matches hold."""
    if pattern.flags & (re.ASCII | re.LOCALE):
        return None
    try:
        items = list(_sre_parse.parse(pattern.pattern, pattern.flags))
        # The parser takes what all alternatives begin with out of them ("\\b(?:a|b)" for "\\ba|\\bb").
        branches = [number for number, (op, _) in enumerate(items) if op is _sre.BRANCH]
        if len(branches) == 1:
            at = branches[0]
            alternatives = [items[:at] + list(branch) + items[at + 1:] for branch in items[at][1][1]]
        else:
            alternatives = [items]
        beginnings: set[str] = set()
        words: set[str] = set()
        for alternative in alternatives:
            first = _first_characters(alternative, _PREFIX_LENGTH) if _word_start(alternative) else {""}
            if "" not in first:
                beginnings |= first
                continue
            word = _held_word(alternative)
            if word is None:
                return None
            words.add(word)
    except (_Unsure, RecursionError):
        return None
    except Exception:  # noqa: BLE001 - a parser of another Python: no index
        return None
    return frozenset(beginnings), frozenset(words)


def _held_word(items: list) -> str | None:
    """The longest run of characters (at least _MIN_WORD) that every match of ``items`` holds, as
    written: a run of literal characters of the pattern's own sequence, outside any group."""
    best, run = "", []
    for op, value in items + [(None, None)]:
        if op is _sre.LITERAL:
            run.append(chr(value))
            continue
        if len(run) > len(best):
            best = "".join(run)
        run = []
    return best if len(best) >= _MIN_WORD else None


def _first_characters(items: list, length: int) -> set[str]:
    """What a match of ``items`` may begin with (see _beginnings); "" stands for anything."""
    if length == 0 or not items:
        return {""}
    (op, value), rest = items[0], items[1:]
    if op is None:
        return {""}
    if op is _sre.LITERAL:
        letters = _ascii_letters([(op, value)])
    elif op is _sre.IN:
        letters = _ascii_letters(value)
    elif op is _sre.SUBPATTERN:
        if value[1] & (re.ASCII | re.LOCALE) or value[2] & re.UNICODE:
            raise _Unsure
        return _first_characters(list(value[-1]) + rest, length)
    elif op is getattr(_sre, "ATOMIC_GROUP", object()):
        return _first_characters(list(value) + rest, length)
    elif op is _sre.BRANCH:
        found: set[str] = set()
        for branch in value[1]:
            found |= _first_characters(list(branch) + rest, length)
            _check(found)
        return found
    elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", object())):
        low, high, repeated = value
        once = list(repeated) + (rest if high == 1 else [_ANYTHING])
        found = _first_characters(once, length)
        if low == 0:
            found |= _first_characters(rest, length)
        return _check(found)
    elif op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
        return _first_characters(rest, length)  # takes no character
    else:
        return {""}
    if letters is None:
        return {""}
    following = _first_characters(rest, length - 1)
    return _check({letter + after for letter in letters for after in following})


def _check(found: set[str]) -> set[str]:
    if len(found) > _MAX_PREFIXES:
        raise _Unsure
    return found


def _ascii_letters(items) -> set[str] | None:
    """The lower-case ASCII characters a character or class of the parser stands for (None: others too)."""
    letters = set()
    for op, value in items:
        if op is _sre.LITERAL and value < 128:
            letters.add(chr(value).lower())
        elif op is _sre.RANGE and value[1] < 128 and value[1] - value[0] < 64:
            letters.update(chr(code).lower() for code in range(value[0], value[1] + 1))
        else:
            return None
    return letters


def _from_word_start(pattern: str) -> bool:
    """Whether every match of ``pattern`` begins with ``\\b`` and a word character (False when unsure)."""
    try:
        parsed = _sre_parse.parse(pattern, re.IGNORECASE)
    except Exception:  # noqa: BLE001 - a parser of another Python: no shortcut
        return False
    try:
        return _word_start(list(parsed))
    except Exception:  # noqa: BLE001
        return False


def _word_start(items: list) -> bool:
    if not items:
        return False
    op, value = items[0]
    if op is _sre.AT:
        return value is _sre.AT_BOUNDARY and _begins_with_word(items[1:])
    if op is _sre.BRANCH:
        return all(_word_start(list(branch)) for branch in value[1])
    return False


def _begins_with_word(items: list) -> bool:
    """Whether the first character any match of ``items`` takes is a word character."""
    if not items:
        return False
    op, value = items[0]
    if op is _sre.LITERAL:
        return _WORD_CHARACTER.match(chr(value)) is not None
    if op is _sre.IN:
        return bool(value) and all(
            (kind is _sre.LITERAL and _WORD_CHARACTER.match(chr(v)) is not None)
            or (kind is _sre.RANGE and v[1] - v[0] < 256
                and all(_WORD_CHARACTER.match(chr(c)) for c in range(v[0], v[1] + 1)))
            or (kind is _sre.CATEGORY and v is _sre.CATEGORY_WORD)
            for kind, v in value)
    if op is _sre.SUBPATTERN:
        return _begins_with_word(list(value[-1]) + items[1:])
    if op is _sre.BRANCH:
        return all(_begins_with_word(list(branch) + items[1:]) for branch in value[1])
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):
        low, _, repeated = value
        return _begins_with_word(list(repeated)) and (low >= 1 or _begins_with_word(items[1:]))
    return False


_WORD_CHARACTER = re.compile(r"\w")


def classify(window: str, rules: Sequence[TypeRule], actor1: Mention | None,
             beginnings: set[str] | None = None) -> tuple[str, str, int]:
    """The event type, sub-type and trigger position of ``window`` (first row that matches wins);
    ``beginnings``, when given, are the window's word beginnings (see _SentenceWords)."""
    index = _rule_index(rules)
    possible = _possible_rules(window, index, beginnings) if index is not None else -1
    if not possible:
        return UNKNOWN, "", -1
    category = actor1.kind if actor1 is not None else ""
    lowered = window.lower() if window.isascii() else None  # same length, same places
    for number, rule in enumerate(rules):
        if not possible >> number & 1 or rule.actor_categories and category not in rule.actor_categories:
            continue
        if lowered is not None and rule.lowered is not None:
            match = rule.lowered.search(lowered)
        else:
            match = rule.pattern.search(window)
        if match:
            return rule.event_type, rule.sub_event_type, match.start()
    return UNKNOWN, "", -1


@lru_cache(maxsize=8)
def _reporting(sources: tuple[str, ...]) -> re.Pattern | None:
    """Words after a name that make it the source of the report ("the monitor said")."""
    return re.compile(r"^\s+(?:%s)\b" % "|".join(map(re.escape, sources)), re.I) if sources else None


def _roles(window_start: int, window_end: int, sentence: str, actors: list[_Name], sources: tuple[str, ...],
           continuation: bool) -> tuple[Mention | None, Mention | None]:
    """Who acted and against whom: the subject before the verb, the object after it; a passive
    verb turns them round ("X was attacked by Y": Y acted, X was acted on)."""
    window = sentence[window_start:window_end]
    reporting = _reporting(sources)
    inside = []
    for name in actors:
        if not (window_start <= name.start and name.end <= window_end) or _MODIFIER_AFTER.match(sentence[name.end:name.end + 12]):
            continue
        after = sentence[name.end:name.end + 20]
        if _ACCORDING_BEFORE.search(sentence[max(0, name.start - 20):name.start]) or _REPORTING_AFTER.match(after) \
                or (reporting is not None and reporting.match(after)):
            continue
        inside.append(name)
    # Without a name in the window, no verb decides anything (an earlier subject may still act).
    verb = _VERB.search(window) if inside else None
    verb_at = window_start + verb.start() if verb else window_end
    verb_end = window_start + verb.end() if verb else window_end
    passive = bool(verb) and bool(_PASSIVE.match(verb.group()))
    before, after, agents, holders = [], [], [], []
    for name in inside:
        lead_in = sentence[max(0, name.start - 20):name.start]
        if _AGENT_NOUN_AFTER.match(sentence, name.end) and name.start >= verb_at:
            agents.append(name)  # "55 deaths, most of them from Russian bombing"
            continue
        if _HOLDER_BEFORE.search(sentence[max(0, name.start - 30):name.start]):
            holders.append(name)  # "the town of Hajin, held by Islamic State": the side that held it
            continue
        if _BY_BEFORE.search(lead_in):
            if name.start < verb_at or len(sentence[verb_end:name.start].split()) <= AGENT_REACH \
                    or _ATTACK_BY_BEFORE.search(sentence[max(0, name.start - 40):name.start]):
                agents.append(name)  # "was the target of frequent air strikes by the coalition"
            continue  # "a ceasefire brokered by the US": no party to this happening
        if name.start < verb_at:
            if not _NOT_SUBJECT_BEFORE.search(lead_in):
                before.append(name)
        else:
            after.append(name)
    subject = before[0].mention if before else None
    obj = after[0].mention if after else None
    if obj is None and len(before) > 1 and _BETWEEN_BEFORE.search(sentence[max(0, before[0].start - 20):before[0].start]) \
            and _AND_BETWEEN.match(sentence[before[0].end:before[1].start]):
        obj = before[1].mention  # "fighting between X and Y"
    if passive:
        actor1 = agents[0].mention if agents else None
        actor2 = subject or obj
    else:
        actor1 = subject or (agents[0].mention if agents else None)
        actor2 = obj
    if actor1 is None and continuation:
        # "X entered the town on Thursday and declared it cleared the next day": X did both.
        earlier = [a for a in actors if a.end <= window_start and not _MODIFIER_AFTER.match(sentence[a.end:a.end + 12])
                   and not _NOT_SUBJECT_BEFORE.search(sentence[max(0, a.start - 20):a.start])]
        actor1 = earlier[0].mention if earlier else None
    if actor2 is None and holders:
        actor2 = holders[0].mention
    if actor2 is not None and actor1 is not None and actor2.name == actor1.name:
        actor2 = None
    return actor1, actor2


PlaceOf = Callable[[Mention], Location]


# A place at the far end of a way out ("a supply route to Turkey", "safe passage through two corridors
# to either the Turkish border or neighbouring Idlib Province", "fled to Jordan") is not where the
# happening is. A push, a convoy or access "to" a place is about that place, and "to" before a verb
# ("to retake Aleppo") is no such word.
_DESTINATION_BEFORE = with_lookahead(re.compile(
    r"\b(?:%s)\b(?:\s+[\w'’-]+){0,4}?\s+(?:%s)\s+(?:(?:%s)\s+|(?-i:[A-Z])[\w'’-]*\s+)?"
    r"(?:(?!(?:%s)\s)[\w'’-]+,?\s+){0,5}$" % (
        alternatives(_CUES["way_out"]), alternatives(_CUES["destination_preposition"]),
        alternatives(_CUES["destination_modifier"]), alternatives(_CUES["destination_stop"])),
    re.IGNORECASE,
))
# A place that is where fire or a move came from ("from regime positions around Kafranbel") gives
# way to the place it reached.
_ORIGIN_BEFORE = re.compile(r"\b(?:%s)\s+(?:[\w'’-]+\s+){0,3}$" % alternatives(_CUES["origin_preposition"]), re.IGNORECASE)


# A name before the noun of a building or site names that site ("the Yarmouk military factory in
# Khartoum"): the place the sentence puts it in is the happening's.
_FACILITY_AFTER = re.compile(r"\s+(?:[a-z]+\s+)?(?:%s)\b" % alternatives(_CUES["facility"]))


def _rank(name: _Name, sentence: str) -> tuple:
    """How a place of the clause is preferred: not where fire came from, not a site's name, the
    most specific, the first."""
    return (bool(_ORIGIN_BEFORE.search(sentence[max(0, name.start - 50):name.start])),
            bool(_FACILITY_AFTER.match(sentence, name.end)),
            PLACE_PRECISION.get(name.mention.kind, ("town", 1))[1], name.start)


def _best_place(names: list[_Name], start: int, end: int, locate: Callable[[Mention, str], Location],
                source: str, sentence: str = "") -> Location | None:
    names = [n for n in names if not _DESTINATION_BEFORE.search(sentence[max(0, n.start - 80):n.start])]
    inside = [n for n in names if start <= n.start and n.end <= end]
    if inside:
        chosen = min(inside, key=lambda n: _rank(n, sentence))
    elif names:
        chosen = min(names, key=lambda n: min(abs(n.start - end), abs(n.end - start)))
    else:
        return None
    return locate(chosen.mention, source)


def _paragraph_place(index: int, sentences: list[Sentence], text: str, names,
                     locate: Callable[[Mention, str], Location], memo: dict[int, Location | None]) -> Location | None:
    """The place of the nearest sentence before ``index`` in its paragraph that names one: a
    report goes on about the place it has just named ("... had failed in Bosra. An agreement was
    concluded the 6 July"). ``memo`` keeps the answer found from each sentence, so that a long
    paragraph without places is walked once, not once per event."""
    walked = []
    found = None
    for number in range(index - 1, -1, -1):
        if number in memo:
            found = memo[number]
            break
        walked.append(number)
        gap = text[sentences[number].end:sentences[number + 1].start]
        if "\n\n" in gap.replace(" ", "").replace("\t", "") or is_headline(sentences[number], text):
            break
        sentence = sentences[number].text
        places = [n for n in names(number)[0]
                  if not _DESTINATION_BEFORE.search(sentence[max(0, n.start - 80):n.start])]
        if places:
            best = min(places, key=lambda n: _rank(n, sentence))
            found = locate(best.mention, "paragraph")
            break
    for number in walked:
        memo[number] = found
    return found


def _dateline_end(sentence: str) -> int:
    match = DATELINE.match(sentence)
    return match.end() if match else 0


class _Run:
    """Sentences that make one part of a story (its headlines, its lead paragraph, the page's title),
    numbers appended as they come; a sentence sees the first ``length`` of them (see _stories).
    Where the first sentence naming a place is, is looked for once and remembered: each event asks."""

    def __init__(self, numbers: list[int] | None = None):
        self.numbers = numbers if numbers is not None else []
        self.scanned = 0  # numbers before this one name no place
        self.placed: int | None = None  # position of the first number whose sentence names a place

    def first_placed(self, length: int | None, places_of: Callable[[int], list]) -> int | None:
        """The first of the run's first ``length`` numbers (all: None) whose sentence names a place."""
        limit = len(self.numbers) if length is None else min(length, len(self.numbers))
        while self.placed is None and self.scanned < limit:
            if places_of(self.numbers[self.scanned]):
                self.placed = self.scanned
            else:
                self.scanned += 1
        return self.numbers[self.placed] if self.placed is not None and self.placed < limit else None


# Per sentence: the run of its story's headlines, its lead paragraph and the page's title, each with
# how many of its numbers the sentence sees (None: all).
_Story = tuple[tuple[_Run, int | None], tuple[_Run, int | None], tuple[_Run, int | None]]


def _stories(sentences: list[Sentence], text: str, story_starts: Iterable[int]) -> list[_Story]:
    """Per sentence: the headlines of its story so far, the sentences of the story's lead paragraph
    so far and the headlines of the page's title (shared runs with lengths, not copies: a page of
    thousands of lines in one paragraph would otherwise hold the square of its length)."""
    headlines, lead, seen_body, lead_open = _Run(), _Run(), False, False
    title = _Run()  # the headlines above the first body text: the page's title
    body_ever = False
    stories: list[_Story] = []
    for number, sentence, passed in after_story_breaks(sentences, story_starts):
        if passed and seen_body:
            headlines, lead, seen_body, lead_open = _Run(), _Run(), False, False
        if is_headline(sentence, text):
            if seen_body:
                headlines, lead, seen_body, lead_open = _Run(), _Run(), False, False
            headlines.numbers.append(number)
            if not body_ever:
                title.numbers.append(number)
        else:
            if not seen_body:
                lead, lead_open = _Run([number]), True
            elif lead_open:
                gap = text[sentences[lead.numbers[-1]].end:sentence.start]
                if "\n\n" in gap.replace(" ", ""):
                    lead_open = False
                else:
                    lead.numbers.append(number)
            seen_body = body_ever = True
        seen_headlines = (headlines, len(headlines.numbers)) if headlines.numbers else (title, None)
        stories.append((seen_headlines, (lead, len(lead.numbers)), (title, None)))
    return stories


def code_events(
    events: Sequence[Event],
    sentences: list[Sentence],
    text: str,
    find_names: Callable[[str], tuple[tuple[Mention, ...], tuple[Mention, ...]]] | None,
    locate: PlaceOf,
    rules: Sequence[TypeRule],
    story_starts: Iterable[int] = (),
) -> list[Event]:
    """``events`` (of one document, in text order) with their type, actors, toll and place, and
    their ids (``report_id``): each event is built once with all it is given here."""
    if not events:
        return []
    words = toll_words()
    by_offset = {s.start: i for i, s in enumerate(sentences)}
    stories = _stories(sentences, text, story_starts)
    event_sentences = {e.offset[0] for e in events}
    names_of: dict[int, tuple[list[_Name], list[_Name]]] = {}

    def names(index: int) -> tuple[list[_Name], list[_Name]]:
        if index not in names_of:
            sentence = sentences[index].text
            if find_names is None:
                names_of[index] = ([], [])
            else:
                skip = _dateline_end(sentence)
                places, actors = find_names(" " * skip + sentence[skip:])
                names_of[index] = (_positioned(sentence, places), _positioned(sentence, actors))
        return names_of[index]

    located: dict[tuple[Mention, str], Location] = {}
    paragraph_places: dict[int, Location | None] = {}
    story_places: dict[int, Location | None] = {}

    def place(mention: Mention, source: str) -> Location:
        """Where ``mention`` is, tied to the event through ``source`` (found once: many events
        of a page share their places)."""
        key = (mention, source)
        if key not in located:
            located[key] = replace(locate(mention), location_from=source)
        return located[key]

    # Where the words of the sentence at hand begin (its events come one after another; kept for
    # that sentence alone, so that a long document does not hold them all).
    sentence_words: _SentenceWords | _FirstWindow | None = None
    toll_free: dict[int, bool] = {}  # per sentence: no toll word anywhere in it, so in none of its windows
    spans_of: dict[int, list[tuple[int, int]]] = {}
    # Per sentence, the words of happenings dated from another ("two days after | rebels attacked ..."):
    # from the offset to the end of the words naming the happening; they are no other event's words.
    related_of: dict[int, list[tuple[int, int]]] = {}
    date_spans = []  # each event's, found once
    for event in events:
        span = _date_span(event)
        date_spans.append(span)
        if span is not None:
            spans_of.setdefault(event.offset[0], []).append(span)
            named = named_happening(event.sentence, *span) if event.date_source == "derived" else None
            if named is not None:
                related_of.setdefault(event.offset[0], []).append((span[0], named[1]))
    spans_of = {offset: sorted(set(spans)) for offset, spans in spans_of.items()}
    # The sentence at hand: its index, the first date of each list (see _list_heads), what each of its
    # windows coded, and the window of each span (the dates of a list share one window, found and coded once).
    at_hand: tuple[int | None, dict, dict, dict] = (None, {}, {}, {})
    coded = []
    for event, date_span in zip(events, date_spans):
        index = by_offset.get(event.offset[0])
        sentence = event.sentence
        if index is None:
            coded.append(with_fields(event, id=report_id(event)))
            continue
        places, actors = names(index)
        spans = spans_of.get(event.offset[0], [])
        if at_hand[0] != index:
            at_hand = (index, _list_heads(sentence, spans), {}, {})
        _, heads, window_codes, windows = at_hand
        if date_span is not None and event.date_source != "derived":
            # The window follows from the date's span, or its list's first: the dates of a list share it.
            head = heads.get(date_span, date_span) if heads else date_span
            window_of = windows.get(head)
            if window_of is None:
                window_of = windows[head] = _window(event, sentence, spans, heads, date_span)
            start, end, continuation = window_of
        else:
            start, end, continuation = _window(event, sentence, spans, heads, date_span)
        key = (start, end, continuation, event.date_source)
        if key in window_codes:
            coded.append(_coded(event, window_codes[key]))
            continue
        related = [] if event.date_source == "derived" else related_of.get(event.offset[0], [])
        end = min([end] + [a for a, b in related if start < a < end])
        window = sentence[start:end]
        actor1, actor2 = _roles(start, end, sentence, actors, words.sources, continuation)
        if actor1 is None and start and _CLAUSE_OF_PRONOUN.match(sentence, start):
            # "the deadliest attack on Turkish forces since they entered Syria in 2016": the pronoun that opens
            # a clause after the main one stands for the last name before it.
            earlier = [a for a in actors if a.end <= start]
            actor1 = earlier[-1].mention if earlier else None
        if sentence_words is None or sentence_words.sentence != sentence:
            # The first window of a sentence finds its own word beginnings; a second one of the same
            # sentence (a list of dates) has those of the whole sentence found once for the rest.
            sentence_words = _FirstWindow(sentence)
        elif isinstance(sentence_words, _FirstWindow):
            sentence_words = _SentenceWords(sentence)
        event_type, sub_type, _ = classify(window, rules, actor1, sentence_words.within(start, end))
        if event_type == UNKNOWN and _SPEECH_END.search(window, max(0, len(window) - _SPEECH_END_REACH)):
            # "The SDF said on Friday | they had taken the town": the happening is in what was said.
            bounds = [b for b in clause_bounds(sentence) if b[0] >= end and not any(a <= b[0] < z for a, z in related)]
            if bounds:
                start2, end2 = bounds[0]
                event_type, sub_type, _ = classify(sentence[start2:end2], rules, actor1,
                                                   sentence_words.within(start2, end2))
                if event_type != UNKNOWN:
                    extra1, extra2 = _roles(start2, end2, sentence, actors, words.sources, False)
                    if extra1 is None and actor1 is None and _PRONOUN_START.match(sentence, start2):
                        # "The RSF said on Friday that it had taken ...": who spoke did it.
                        speakers = [a for a in actors if start <= a.start and a.end <= end]
                        extra1 = speakers[0].mention if speakers else None
                    actor1, actor2 = actor1 or extra1, actor2 or extra2
                    end = end2
        participle = _TOLL_CLAUSE_AFTER.match(sentence, end)
        if participle and not any(end <= s[0] < participle.end() for s in spans_of.get(event.offset[0], [])):
            end = max(end, clause_at(sentence, participle.end() - 1)[1])  # "..., killing two children"
        if index not in toll_free:
            toll_free[index] = not _toll_letters(tuple(words.tolls)).search(sentence)
        tolls = [] if toll_free[index] else find_tolls(_dates_blanked(sentence, start, end, spans), words)
        fatalities = next((t for t in tolls if t.kind == "fatalities"), None)
        injuries = next((t for t in tolls if t.kind == "injuries"), None)
        if fatalities is None and event.date_source == "publication":
            fatalities = _lead_toll(index, sentences, event_sentences, text, words)
        else:
            fatalities = _with_range(replace(fatalities, start=fatalities.start + start), sentence, words) if fatalities else None
        location = _best_place(places, start, end, place, "sentence", sentence)
        if location is None:
            location = _paragraph_place(index, sentences, text, names, place, paragraph_places)
        if location is None:
            if index not in story_places:  # the events of a sentence share it
                story_places[index] = _story_place(index, stories, names, place)
            location = story_places[index]
        codes = dict(event_type=event_type, sub_event_type=sub_type, actor1=actor1, actor2=actor2,
                     fatalities=fatalities.casualties if fatalities else None,
                     injuries=injuries.casualties if injuries else None, location=location)
        window_codes[key] = codes
        coded.append(_coded(event, codes))
    return coded


def _coded(event: Event, codes: dict) -> Event:
    """``with_fields(event, id=report_id(event), **codes)`` for the codes made here (fields of Event
    all), without checking their names again for each of the thousands of events of a list."""
    copy = filled(event, codes)
    copy.__dict__["id"] = report_id(event)
    return copy


# A participle clause after the happening that gives its toll ("went off in Tafas on Thursday, killing
# a commander", "clashed on Tuesday, leaving 11 fighters dead").
_TOLL_CLAUSE_AFTER = re.compile(r"\s*(?:[,;—–-]\s*)?(?:%s)\b" % alternatives(_CUES["toll_participle"]), re.IGNORECASE)
# A clause opened by a pronoun subject ("since they entered", "after it was taken", "that they had").
_CLAUSE_OF_PRONOUN = re.compile(r"\W*(?:(?:%s)\s+)?(?:%s)\b" % (
    alternatives(_CUES["complementizer"] + _CUES["temporal_conjunction"] + _CUES["clause_opener"]),
    alternatives(_CUES["pronoun_subject"])), re.IGNORECASE)
_PRONOUN_START = re.compile(r"\W*(?:(?:%s)\s+)?(?:%s)\b" % (alternatives(_CUES["complementizer"]),
                                                         alternatives(_CUES["pronoun_subject"])), re.IGNORECASE)
# The class of first letters lets the search pass most places without trying each verb.
_SPEECH_END = re.compile(r"\b(?=%s)(?:%s)\b[^,;]{0,40}$" % (first_letters(SPEECH_VERBS), alternatives(SPEECH_VERBS)),
                         re.I)
# How far before the end of a window a match of _SPEECH_END can begin (its verb, 40 characters, and
# a line break that $ lets it end before): the rest of a long window is not searched.
_SPEECH_END_REACH = max(map(len, SPEECH_VERBS), default=0) + 42


def _dates_blanked(sentence: str, start: int, end: int, spans: list[tuple[int, int]]) -> str:
    """``sentence[start:end]`` with the dates of the sentence (sorted ``spans``) in it blanked, one space
    for one character: the figures of "5 May 2016 killed 12" or "in 1908 and sentenced to death"
    are a day and a year, no toll."""
    pieces, at = [], start  # one pass, each piece copied once: a list of dates holds hundreds
    first = max(bisect.bisect_left(spans, (start,)) - 1, 0)
    for span_start, span_end in spans[first:bisect.bisect_left(spans, (end,))]:
        a, b = max(span_start, at), min(span_end, end)
        if a < b:
            pieces += (sentence[at:a], " " * (b - a))
            at = b
    pieces.append(sentence[at:end])
    return "".join(pieces)


def _date_span(event: Event) -> tuple[int, int] | None:
    """Where the event's date expression is in its sentence (None: dated from publication)."""
    if not event.expression:
        return None
    first = event.expression.split(" … ")[0]
    start = event.sentence.find(first)
    return (start, start + len(first)) if start >= 0 else None


# A participle clause that goes on telling the happening before it: ", killing nine people".
_PARTICIPLE_AFTER = re.compile(r",\s+[a-z]+(?:%s)\b[^,;:.()]{0,80}" % alternatives(_CUES["present_participle_ending"]))


def _list_heads(sentence: str, spans: list[tuple[int, int]]) -> dict[tuple[int, int], tuple[int, int]]:
    """For each of the (sorted) date spans of ``sentence`` that follows another in a list ("on 1 May,
    2 May and 3 May"), the first date of that list: the dates of a list share the words of its first
    date's happening."""
    heads: dict[tuple[int, int], tuple[int, int]] = {}
    for before, span in zip(spans, spans[1:]):
        if (before[1] <= span[0] and LIST_JOINT.fullmatch(sentence, before[1], span[0])
                and not _POSSESSIVE_AFTER.match(sentence, span[1])):
            heads[span] = heads.get(before, before)
    return heads


# A date's possessive names a happening of its own ("in 1990 and last year's tensions"): no list.
_POSSESSIVE_AFTER = re.compile(r"['’]s?\b")


_WORDS = re.compile(r"\w+")
# The most characters besides its date that a clause holding nothing but its date and a word may have.
_DATE_ALONE_REACH = 40


def _window(event: Event, sentence: str, spans: list[tuple[int, int]],
            heads: dict[tuple[int, int], tuple[int, int]] | None = None,
            span: tuple[int, int] | None | bool = False) -> tuple[int, int, bool]:
    """The words of the event's own happening: the clause of its date, cut at the other dates of
    the clause (a date closes the phrase of its happening: "began on 6 June and took it on 17
    October"), those of the first date of its list for a date listed after it (``heads``, see
    _list_heads); whether the window continues a clause whose subject is earlier. ``span``: the
    event's _date_span, when already found."""
    if span is False:
        span = _date_span(event)
    if span is None or event.date_source == "publication" and not event.expression:
        start, end = clause_at(sentence, _dateline_end(sentence))
        return start, end, False
    named = named_happening(sentence, *span) if event.date_source == "derived" else None
    if named is not None:  # "two days after rebels attacked a checkpoint": the words after the offset
        participle = _PARTICIPLE_AFTER.match(sentence, named[1])  # ", killing nine people" is its toll
        return named[0], participle.end() if participle else named[1], False
    if heads:
        span = heads.get(span, span)
    start, end = clause_at(sentence, span[0])
    if (end < len(sentence) and end - start - (span[1] - span[0]) <= _DATE_ALONE_REACH
            and len(_WORDS.findall(sentence, start, span[0])) + len(_WORDS.findall(sentence, span[1], end)) <= 1):
        # A date alone in its clause ("3 January – Government forces captured ...") dates the clause after it.
        end = clause_at(sentence, end)[1]
    # ``spans`` are sorted: the other dates of the clause are found by bisection, not by reading
    # them all for each event (a sentence may hold dozens).
    first = bisect.bisect_left(spans, (start,))
    earlier = None  # the last other date of the clause, in order, that ends before this one begins
    for index in range(bisect.bisect_left(spans, (span[0],)) - 1, first - 1, -1):
        if spans[index][1] <= span[0]:
            earlier = spans[index]
            break
    following = bisect.bisect_left(spans, (span[1],))
    later = following < len(spans) and spans[following][0] < end
    continuation = False
    if earlier:
        start, continuation = earlier[1], True
    if later and len(sentence[start:span[0]].split()) >= 3:
        end = span[1]
    if _AND_START.match(sentence[start:end]):
        continuation = True
    # A happening is told near its date: a clause of dozens of dates (or text without
    # punctuation) is not read whole for each of its dates.
    if end - span[1] > WINDOW_REACH:
        space = sentence.rfind(" ", span[1], span[1] + WINDOW_REACH)
        end = space if space >= 0 else span[1] + WINDOW_REACH
    return start, end, continuation


def _lead_toll(index: int, sentences: list[Sentence], event_sentences: set[int], text: str, words: TollWords) -> Toll | None:
    """The toll of an undated lead given in the sentences after it, before another happening."""
    for following in sentences[index + 1:index + 1 + LEAD_TOLL_WINDOW]:
        if following.start in event_sentences or is_headline(following, text):
            return None
        tolls = [t for t in find_tolls(following.text, words) if t.kind == "fatalities"]
        if tolls:
            return _with_range(tolls[0], following.text, words)
    return None


def _story_place(index: int, stories: list[_Story], names, locate) -> Location | None:
    """The place of the story's headline, else of its lead paragraph, else of the page's title."""
    for source, (run, length) in zip(("headline", "lead", "headline"), stories[index]):
        number = run.first_placed(length, lambda n: names(n)[0])
        if number is not None:
            places = names(number)[0]
            best = min(places, key=lambda n: (PLACE_PRECISION.get(n.mention.kind, ("town", 1))[1], n.start))
            return locate(best.mention, source)
    return None


def document_places(sentences: list[Sentence], find_names, locate: PlaceOf) -> tuple[Location, ...]:
    """Every place a document names (not only those of dated sentences), once each, in order."""
    if find_names is None:
        return ()
    seen: dict[str, Location] = {}
    for sentence in sentences:
        skip = _dateline_end(sentence.text)
        for mention in find_names(" " * skip + sentence.text[skip:])[0]:
            if mention.name not in seen:
                seen[mention.name] = locate(mention)
    return tuple(seen.values())
