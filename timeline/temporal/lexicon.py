"""A language's words, read from its folder of TSV files (``resources/en/`` for English).

Every stage reads its month and weekday names, past forms and cue words here,
so a word added to a file is known to the sentence splitter, the titles, the
events and the tagger at once.  A row that cannot be read raises
``LexiconError`` naming the file and line, as the cleaning rules and the names
file do.  ``load_language(folder)`` reads a copy of a folder (a linguist's edit);
``TIMELINE_LANGUAGE`` names the folder the tagger uses instead of English.
"""
from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Callable, Iterable

from .values import PART_OF_DAY_CODES, REFERENCE_VALUES, SEASON_CODES, TIMEX_UNIT_LETTERS

ENGLISH = "en"
GRANULARITIES = ("millennium", "century", "decade", "year", "half", "quarter", "season", "month",
                 "week", "weekend", "day", "hour", "minute", "second")
CUE_KINDS = ("future", "past", "future_auxiliary", "scheduled", "plan", "ahead_of", "not_past", "reporting", "speech",
             "month_cue", "year_cue", "finite_verb", "clause_opener", "clause_opener_after_comma", "date_lead_in",
             "leading_adverbial", "leading_label", "leading_phrase", "leading_connective", "attribution", "hedge",
             "trailing_attribution", "hearer_verb", "relative_pronoun", "opening_relative", "verb_after_relative",
             "speech_lead",
             "speech_subject", "temporal_conjunction", "coordinator", "subject_determiner", "range_joiner",
             "range_opener", "range_mark", "coming_period", "place_preposition", "place_joiner",
             "modifier_participle", "source_verb", "passive_auxiliary", "anaphoric_after_the")
# The cue words of the events stage (events.py).
CUE_KINDS += ("habitual", "recurrence", "recurring_period", "generic_time", "comparison", "comparative",
              "deadline_comparative", "comparative_lead", "compared_period", "planned", "conditional",
              "conditional_perfect", "perfect_auxiliary", "passive_perfect", "participle_ending", "past_ending",
              "past_state", "article", "definite_article", "span_lead", "span_quantifier", "span_unit", "local_time",
              "same_time_joiner", "page_section", "superlative", "compared_offset", "offset_lead", "superlative_period",
              "other_happening")
# The cue words of the gazetteer (gazetteer.py).
CUE_KINDS += ("place_cue", "attack_noun", "attack_preposition", "attack_verb", "control_phrase", "locative",
              "region_part", "frame_word", "region_kind", "area_kind", "settlement_kind", "kind_suffix", "made_by",
              "held_by", "community", "adjective_ending", "common_word", "not_place_word", "name_connector",
              "function_word", "name_joiner")
# The cue words of actor coding (coding.py).
CUE_KINDS += ("modifier_noun", "not_subject_before", "source_lead", "agent_preposition", "holding_verb",
              "agent_attack", "weapon", "sides_opener", "sides_joiner", "continuation", "toll_auxiliary",
              "toll_filler", "injury_adjective", "disjunction", "toll_verb", "not_one_person", "person_noun",
              "way_out", "destination_preposition", "destination_modifier", "destination_stop", "origin_preposition",
              "facility", "toll_participle", "complementizer", "pronoun_subject", "present_participle_ending")
# More cue words of the headlines (titles.py).
CUE_KINDS += ("leading_source", "date_filler", "date_list_joiner", "infinitive_marker", "same_subject_coordinator",
              "phrase_cut", "last_resort_cut", "verb_particle", "stacked_preposition",
              "possessive_relative", "adverb_ending")
# The cue words of the relations between happenings (derived.py).
CUE_KINDS += ("trailing_joiner", "apposition_auxiliary")
TOKEN_CLASSES = ("word", "digit", "name")
TIMEX_TYPES = ("DATE", "TIME", "DURATION", "SET")
MODS = ("START", "MID", "END", "EARLY", "LATE", "MORE_THAN", "LESS_THAN", "EQUAL_OR_MORE", "EQUAL_OR_LESS",
        "APPROX", "BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER")


def alternatives(words: Iterable[str]) -> str:
    """The pattern ``a|b|...`` matching any of ``words`` as written, tried in their order; with no
    words, one that matches nothing, so a language without words for a feature does not use it."""
    words = list(words)
    return "|".join(map(re.escape, words)) if words else "(?!)"


def phrases(words: Iterable[str]) -> str:
    """As :func:`alternatives`, each space between the words of a phrase standing for any spaces."""
    words = list(words)
    return "|".join(r"\s+".join(map(re.escape, word.split(" "))) for word in words) if words else "(?!)"


def first_letters(words: Iterable[str]) -> str:
    """The class ``[...]`` of the first characters of ``words`` (a search passes most places without
    trying each word); with no words, a pattern that matches nothing."""
    firsts = sorted({word[0] for word in words if word})
    return "[%s]" % "".join(map(re.escape, firsts)) if firsts else "(?!)"


class LexiconError(ValueError):
    """A language file that cannot be read; the message names the file and line."""


# A pattern may use one written above it: {ZONE} in TZ.
_PATTERN_NAME = re.compile(r"\{([A-Z]+)\}")


def _pattern_above(patterns: dict[str, str], name: str, where: str) -> str:
    if name not in patterns:
        raise LexiconError(f"{where}: {{{name}}} is no pattern written above this one")
    return patterns[name]


@dataclass(frozen=True)
class Holiday:
    """When a holiday falls: on a fixed ``month``/``day``; on the ``n``th ISO ``weekday`` of
    ``month`` counted from ``day`` (n = -1: the last); ``days`` after Easter Sunday; or on the
    ``dates`` a lunar calendar gives it, one a year (two in the odd year an Islamic one comes twice)."""

    kind: str
    month: int = 0
    day: int = 1
    weekday: int = 0
    n: int = 0
    days: int = 0
    dates: tuple = ()


@dataclass(frozen=True)
class Language:
    """The words of one language, as its folder lists them (keys in lower case, in file order)."""

    folder: str
    months: dict            # word -> month number
    month_names: tuple      # full names, then abbreviations below
    month_abbreviations: tuple
    ambiguous_months: tuple  # names that are also everyday words ("may", "march")
    weekdays: dict          # word -> ISO weekday
    weekday_names: tuple
    weekday_abbreviations: tuple
    weekday_plurals: dict   # plural -> ISO weekday ("tuesdays": 2), for sets ("Tuesday nights")
    numbers: dict           # words -> value (None: unspecified)
    tens: tuple
    ones: tuple
    ordinals: dict          # word -> value (-1: the last)
    units: dict             # word -> (TIMEX3 letter, how many, granularity)
    unit_plurals: dict      # plural -> unit word
    seasons: dict           # word -> TIMEX3 code
    season_months: dict     # code -> the months it covers, in order ((12, 1, 2) for a winter)
    season_names: dict      # code -> the word of the row that gives its months, the season's name in displays
    parts_of_day: dict
    references: dict
    sets: dict
    holidays: dict          # name -> Holiday
    cues: dict              # kind -> tuple of words
    past_forms: tuple       # every past form not in -ed
    past_tense_cues: tuple  # those the tagger reads as a past tense
    time_words: tuple
    lead_words: tuple
    edge_mods: tuple        # (words, mod), first match wins
    approx_mods: tuple
    patterns: dict          # name -> regular expression, used in rules as {NAME}
    rules: tuple            # RuleRow, in the order they are tried
    contexts: dict          # name -> regular expression the engine tests around a match
    words: dict             # role -> {word: value (None when the row gives none)}
    multipliers: tuple = ()  # number words that multiply the one before them ("two hundred", "three thousand")


@dataclass(frozen=True)
class RuleRow:
    """One row of rules.tsv, with the file and line it came from (for errors found later)."""

    name: str
    starts: frozenset
    value: str              # the value template (see templates.py)
    type: str
    pattern: str
    where: str


def _rows(text: str, origin: str, columns: tuple[int, int], expected: str) -> Iterable[tuple[str, list[str]]]:
    """The cells of each row (``#`` comments and blank lines skipped), with ``origin:line`` for errors."""
    low, high = columns
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip("\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = [p.strip() for p in line.split("\t")]
        while len(parts) > low and not parts[-1]:
            parts.pop()
        where = f"{origin}:{number}"
        if not low <= len(parts) <= high or not all(parts[:low]):
            raise LexiconError(f"{where}: expected {expected}")
        yield where, parts


def _int(cell: str, where: str, what: str, low: int | None = None, high: int | None = None) -> int:
    try:
        value = int(cell)
    except ValueError:
        raise LexiconError(f"{where}: {what} must be a whole number, not {cell!r}") from None
    if (low is not None and value < low) or (high is not None and value > high):
        raise LexiconError(f"{where}: {what} must be between {low} and {high}, not {value}")
    return value


def _one_of(cell: str, choices: Iterable[str], where: str, what: str) -> str:
    choices = tuple(choices)
    if cell not in choices:
        raise LexiconError(f"{where}: {what} must be one of {', '.join(choices)}, not {cell!r}")
    return cell


def _names(text: str, origin: str, high: int) -> tuple[dict, list, list, list, dict]:
    """Month or weekday names: WORD, NUMBER, FORM[, NOTE]; plurals ("Tuesdays") apart."""
    numbers, names, abbreviations, ambiguous, plurals = {}, [], [], [], {}
    for where, (word, number, form, *note) in _rows(text, origin, (3, 4), "WORD<tab>NUMBER<tab>FORM[<tab>NOTE]"):
        word = word.lower()
        form = _one_of(form, ("name", "abbreviation", "plural"), where, "FORM")
        if form == "plural":
            plurals[word] = _int(number, where, "NUMBER", 1, high)
            continue
        numbers[word] = _int(number, where, "NUMBER", 1, high)
        (names if form == "name" else abbreviations).append(word)
        if note and _one_of(note[0], ("ambiguous",), where, "NOTE"):
            ambiguous.append(word)
    return numbers, names, abbreviations, ambiguous, plurals


def _codes(text: str, origin: str, codes: tuple, what: str) -> dict:
    return {words.lower(): _one_of(code, codes, where, what)
            for where, (words, code) in _rows(text, origin, (2, 2), f"WORDS<tab>{what}")}


def _holiday(kind: str, when: str, where: str) -> Holiday:
    fields = when.split()
    if kind == "fixed":
        month, _, day = when.partition("-")
        if not (len(fields) == 1 and month.isdigit() and day.isdigit()):
            raise LexiconError(f"{where}: a fixed holiday's WHEN is MM-DD, not {when!r}")
        return Holiday("fixed", _int(month, where, "MM", 1, 12), _int(day, where, "DD", 1, 31))
    if kind == "nth":
        if len(fields) not in (3, 4):
            raise LexiconError(f"{where}: an nth holiday's WHEN is MONTH WEEKDAY N [FROM-DAY], not {when!r}")
        month = _int(fields[0], where, "MONTH", 1, 12)
        weekday = _int(fields[1], where, "WEEKDAY", 1, 7)
        n = _int(fields[2], where, "N", -1, 5)
        day = _int(fields[3], where, "FROM-DAY", 1, 28) if len(fields) == 4 else 1
        return Holiday("nth", month, day, weekday, n)
    if kind == "dates":
        try:
            dates = tuple(sorted(dt.date.fromisoformat(field) for field in fields))
        except ValueError:
            dates = ()
        if not dates:
            raise LexiconError(f"{where}: a dates holiday's WHEN is its dates, YYYY-MM-DD apart by spaces, not {when!r}")
        return Holiday("dates", dates=dates)
    if len(fields) != 1:
        raise LexiconError(f"{where}: an easter holiday's WHEN is DAYS after Easter Sunday, not {when!r}")
    return Holiday("easter", days=_int(fields[0], where, "DAYS", -70, 70))


def parse_language(read: Callable[[str], str], folder: str) -> Language:
    """A language from its files; ``read(name)`` gives the text of one file of the folder."""
    def origin(name: str) -> str:
        return f"{folder}/{name}" if folder != ENGLISH else name

    months, month_names, month_abbreviations, ambiguous, _ = _names(read("months.tsv"), origin("months.tsv"), 12)
    weekdays, weekday_names, weekday_abbreviations, _, weekday_plurals = _names(read("weekdays.tsv"),
                                                                               origin("weekdays.tsv"), 7)

    numbers, tens, ones, multipliers = {}, [], [], []
    for where, (words, value, *combines) in _rows(read("numbers.tsv"), origin("numbers.tsv"), (2, 3),
                                                 "WORDS<tab>VALUE[<tab>COMBINES]"):
        if value == "X":
            numbers[words.lower()] = None
        else:
            try:
                numbers[words.lower()] = float(value) if "." in value else int(value)
            except ValueError:
                raise LexiconError(f"{where}: VALUE must be a number or X, not {value!r}") from None
        if combines:
            kind = _one_of(combines[0], ("tens", "ones", "multiplies"), where, "COMBINES")
            {"tens": tens, "ones": ones, "multiplies": multipliers}[kind].append(words.lower())

    ordinals = {word.lower(): _int(value, where, "VALUE", -1)
                for where, (word, value) in _rows(read("ordinals.tsv"), origin("ordinals.tsv"), (2, 2),
                                                  "WORD<tab>VALUE")}

    units, unit_plurals = {}, {}
    for where, (word, letter, many, granularity, *plurals) in _rows(
            read("units.tsv"), origin("units.tsv"), (4, 5),
            "WORD<tab>LETTER<tab>HOW MANY<tab>GRANULARITY[<tab>PLURALS]"):
        word = word.lower()
        units[word] = (_one_of(letter, TIMEX_UNIT_LETTERS, where, "LETTER"), _int(many, where, "HOW MANY", 1),
                       _one_of(granularity, GRANULARITIES, where, "GRANULARITY"))
        for plural in (plurals[0].split("|") if plurals else ()):
            if plural.strip():
                unit_plurals[plural.strip().lower()] = word

    holidays = {}
    for where, (name, kind, when) in _rows(read("holidays.tsv"), origin("holidays.tsv"), (3, 3),
                                           "NAME<tab>KIND<tab>WHEN"):
        holiday = _holiday(_one_of(kind, ("fixed", "nth", "easter", "dates"), where, "KIND"), when, where)
        for spelling in name.split("|"):  # "eid al-fitr|eid ul-fitr": names of one holiday
            if spelling.strip():
                holidays[spelling.strip().lower()] = holiday

    cues: dict[str, list[str]] = {kind: [] for kind in CUE_KINDS}
    for where, (words, kind) in _rows(read("cues.tsv"), origin("cues.tsv"), (2, 2), "WORDS<tab>KIND"):
        cues[_one_of(kind, CUE_KINDS, where, "KIND")].append(words)

    past_forms, past_tense_cues = [], []
    for where, (form, cue) in _rows(read("past_forms.tsv"), origin("past_forms.tsv"), (2, 2),
                                    "FORM<tab>TENSE CUE"):
        past_forms.append(form)
        if _one_of(cue, ("yes", "no"), where, "TENSE CUE") == "yes":
            past_tense_cues.append(form)

    scan: dict[str, list[str]] = {"time": [], "lead": []}
    for where, (word, kind) in _rows(read("scan.tsv"), origin("scan.tsv"), (2, 2), "WORD<tab>KIND"):
        scan[_one_of(kind, scan, where, "KIND")].append(word.lower())

    mods: dict[str, list[tuple[str, str]]] = {"edge": [], "approx": []}
    for where, (words, kind, mod) in _rows(read("mods.tsv"), origin("mods.tsv"), (3, 3), "WORDS<tab>KIND<tab>MOD"):
        mods[_one_of(kind, mods, where, "KIND")].append((words.lower(), _one_of(mod, MODS, where, "MOD")))

    seasons, season_months, season_names = {}, {}, {}
    for where, (word, code, *span) in _rows(read("seasons.tsv"), origin("seasons.tsv"), (2, 3),
                                              "WORD<tab>CODE[<tab>MONTHS]"):
        seasons[word.lower()] = _one_of(code, SEASON_CODES, where, "CODE")
        if span:
            first, _, last = span[0].partition("-")
            first, last = _int(first, where, "MONTHS", 1, 12), _int(last or first, where, "MONTHS", 1, 12)
            covered = tuple((first - 1 + k) % 12 + 1 for k in range((last - first) % 12 + 1))
            if season_months.get(code, covered) != covered:
                raise LexiconError(f"{where}: the months of {code} are already given as "
                                   f"{season_months[code][0]}-{season_months[code][-1]}")
            season_months[code] = covered
            season_names.setdefault(code, word.lower())
    taken = [month for covered in season_months.values() for month in covered]
    if len(taken) != len(set(taken)):
        raise LexiconError(f"{origin('seasons.tsv')}: a month is in two seasons")

    patterns = {}
    for where, (name, pattern) in _rows(read("patterns.tsv"), origin("patterns.tsv"), (2, 2), "NAME<tab>PATTERN"):
        if not name.isupper() or not name.isalpha():
            raise LexiconError(f"{where}: NAME must be a word in capitals, not {name!r}")
        patterns[name] = _PATTERN_NAME.sub(lambda m: _pattern_above(patterns, m.group(1), where), pattern)

    contexts = {}
    for where, (name, pattern) in _rows(read("contexts.tsv"), origin("contexts.tsv"), (2, 2), "NAME<tab>PATTERN"):
        if name in contexts:
            raise LexiconError(f"{where}: a context named {name!r} is already defined")
        contexts[name] = pattern

    words: dict[str, dict] = {}
    for where, (role, listed, *value) in _rows(read("words.tsv"), origin("words.tsv"), (2, 3),
                                               "SET<tab>WORDS[<tab>VALUE]"):
        meaning = (int(value[0]) if value[0].lstrip("-").isdigit() else value[0]) if value else None
        for word in listed.split("|"):
            words.setdefault(role, {})[" ".join(word.split())] = meaning

    rules, names = [], set()
    for where, (name, starts, value, type_, pattern) in _rows(
            read("rules.tsv"), origin("rules.tsv"), (5, 5), "NAME<tab>STARTS<tab>VALUE<tab>TYPE<tab>PATTERN"):
        kinds = frozenset(kind.strip() for kind in starts.split(","))
        for kind in kinds:
            _one_of(kind, TOKEN_CLASSES, where, "STARTS")
        if name in names:
            raise LexiconError(f"{where}: a rule named {name!r} is already defined")
        names.add(name)
        rules.append(RuleRow(name, kinds, value, _one_of(type_, TIMEX_TYPES, where, "TYPE"), pattern, where))

    return Language(
        folder=folder, months=months, month_names=tuple(month_names),
        month_abbreviations=tuple(month_abbreviations), ambiguous_months=tuple(ambiguous),
        weekdays=weekdays, weekday_names=tuple(weekday_names), weekday_abbreviations=tuple(weekday_abbreviations), weekday_plurals=weekday_plurals,
        numbers=numbers, tens=tuple(tens), ones=tuple(ones), multipliers=tuple(multipliers), ordinals=ordinals,
        units=units,
        unit_plurals=unit_plurals,
        seasons=seasons, season_months=season_months, season_names=season_names,
        parts_of_day=_codes(read("parts_of_day.tsv"), origin("parts_of_day.tsv"), PART_OF_DAY_CODES, "CODE"),
        references=_codes(read("references.tsv"), origin("references.tsv"), REFERENCE_VALUES, "VALUE"),
        sets={word.lower(): value for _, (word, value) in _rows(read("sets.tsv"), origin("sets.tsv"), (2, 2),
                                                                 "WORD<tab>VALUE")},
        holidays=holidays, cues={kind: tuple(words) for kind, words in cues.items()},
        past_forms=tuple(past_forms), past_tense_cues=tuple(past_tense_cues),
        time_words=tuple(scan["time"]), lead_words=tuple(scan["lead"]),
        edge_mods=tuple(mods["edge"]), approx_mods=tuple(mods["approx"]),
        patterns=patterns, rules=tuple(rules), contexts=contexts, words=words,
    )


def load_language(folder: str | os.PathLike | None = None) -> Language:
    """The language in ``folder`` (a path), or the built-in English one when None (read once each)."""
    return _load_language(ENGLISH if folder is None else str(folder))


@lru_cache(maxsize=8)
def _load_language(folder: str) -> Language:
    if folder == ENGLISH:
        package = resources.files("timeline.temporal").joinpath("resources").joinpath(ENGLISH)
        return parse_language(lambda name: package.joinpath(name).read_text(encoding="utf-8"), ENGLISH)
    path = Path(folder)

    def read(name: str) -> str:
        try:
            return (path / name).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise LexiconError(f"{path / name}: cannot read ({error})") from None

    return parse_language(read, str(path))


def current_language() -> Language:
    """The language the tagger uses: the folder named by ``TIMELINE_LANGUAGE``, else English."""
    return load_language(os.environ.get("TIMELINE_LANGUAGE") or None)
