"""Clauses and headlines: which part of a sentence tells a happening, said short.

A sentence often carries more than one happening ("Putin said on Wednesday that
there would be a pause ... on Friday"). :func:`clause_at` finds the clause around a
date; :func:`make_title` turns a clause into a headline (who did what where) by
dropping the date, attributions, leading adverbials, parentheses and short
insertions, never by cutting the sentence at a fixed length.
"""
from __future__ import annotations

import bisect
import contextlib
import functools
import re
import threading
from typing import Iterator

from .temporal.firstchars import for_lower_ascii, search_ignoring_case, with_lookahead
from .temporal.lexicon import alternatives, current_language, first_letters


def by_first_letter(alternatives: list[str]) -> str:
    """The pattern ``a|b|...`` of ``alternatives`` (words, or patterns that start with a letter)
    grouped by first letter, so that a match tries only those starting with the letter at hand;
    each group keeps their order, so the same alternative matches as in the plain list."""
    if not alternatives:
        return "(?!)"
    groups: dict[str, list[str]] = {}
    for alternative in alternatives:
        groups.setdefault(alternative[0], []).append(alternative[1:])
    return "|".join(f"{first}(?:{'|'.join(rests)})" for first, rests in groups.items())


# Past forms that do not end in -ed (to tell a clause from a phrase, and a report from a statement).
IRREGULAR_PAST = current_language().past_forms
# Verbs of saying: what follows them ("said that ...", "said it ...") is a clause of its own.
SPEECH_VERBS = current_language().cues["speech"]
# Words that open a subordinate or following clause when they come after a comma (or a dash).
CLAUSE_OPENERS_AFTER_COMMA = current_language().cues["clause_opener_after_comma"]
# Words that open a subordinate clause even without a comma.
CLAUSE_OPENERS = current_language().cues["clause_opener"]
# The cue words of the language by kind (cues.tsv); the patterns below keep only their structure.
_CUES = current_language().cues


# A regular past form: letters before the ending of the regular past (cues.tsv, past_ending).
_REGULAR_PAST = r"(?!(?:%s)\b)[a-z]{3,}(?:%s)" % (alternatives(_CUES["not_past"]), alternatives(_CUES["past_ending"]))


# Leading adverbials a headline does without (cues.tsv, leading_adverbial), and a leading "according to ...".
LEADING_ADVERBIALS = re.compile(
    r"^(?:(?:%s|(?:%s) [^,]{1,60}),?\s+)+" % (alternatives(_CUES["leading_adverbial"]), alternatives(_CUES["leading_source"])),
    re.IGNORECASE,
)
# A page's label before a colon or a dash opening a post (cues.tsv, leading_label): "Breaking: ...", "UPDATE - ...".
LEADING_LABEL = re.compile(r"^[^\w\s]*\s*(?:%s)\s*(?::|\s[-–—])\s+" % alternatives(_CUES["leading_label"]),
                           re.IGNORECASE)
# A thread's numbering before a post ("2/7 Drones hit ..."), and a mark or emoji alone before the text ("🔴 ").
LEADING_COUNT = re.compile(r"^(?:(?P<n>[0-9]{1,2})/(?P<of>[0-9]{1,2})\s+|[^\w\s\"'“‘(\[]+\s+)")


def _without_leading_count(text: str) -> str:
    """The text without a thread's numbering ("2/7 ", not "24/7 coverage") or a mark alone before it."""
    count = LEADING_COUNT.match(text)
    if count is None or count.group("n") and int(count.group("n")) > int(count.group("of")):
        return text
    return text[count.end():]


# A relative clause between commas that the main verb follows: "the militias, who want ..., have achieved"
# (a quotation in it may hold a comma: 'which was called "We Are Coming, Nineveh",').
# The verb may be any past form or a verb of saying ("Turkey, which backs some rebel groups, said ...").
RELATIVE_INSERTION = re.compile(
    r",\s+(?:%s)\s+(?P<body>(?:[^,;\"“]|\"[^\"\n]{0,80}\"|“[^”\n]{0,80}”){1,200}),\s+(?=(?:%s|%s|%s|[a-z]+(?:%s))\b)"
    % (alternatives(_CUES["relative_pronoun"]), alternatives(_CUES["verb_after_relative"]), alternatives(IRREGULAR_PAST),
       alternatives(SPEECH_VERBS), alternatives(_CUES["past_ending"]))
)
# A relative clause between commas after a phrase that opens the sentence ("In Tawila, which hosts thousands who
# fled, UNICEF has reached ..."): the span from its pronoun to the words after it, which go on from the phrase.
# Of a place or a thing ("which", "where"): "For coach Zico, who took over ..., being drawn ..." is no such clause.
_OPENING_RELATIVE = re.compile(r"^\W*(?:%s)\s[^,;]{1,80},\s+(?P<insertion>(?:%s)\s+(?P<body>[^,;]{1,200}),\s+)(?=\w)"
                               % (alternatives(_CUES["leading_phrase"]), alternatives(_CUES["opening_relative"])),
                               re.IGNORECASE)
# A leading adverbial phrase closed by a comma: "After several days of fighting, ...".
LEADING_PHRASE = re.compile(r"^(?:%s)\b[^,]{0,120},\s+(?=\w)" % alternatives(_CUES["leading_phrase"]), re.IGNORECASE)
# The class of first characters (here and below) lets a search pass most places without trying each alternative.
# A source a headline drops ("according to the ministry"), and words of hearsay ("reportedly").
ATTRIBUTION = re.compile(r"(?=[,\s]|%s),?\s*(?:%s)\s+[^,.;]{1,80}(?=[,.;]|$)"
                         % (first_letters(_CUES["attribution"]), alternatives(_CUES["attribution"])), re.IGNORECASE)
HEDGES = re.compile(r"\b(?=%s)(?:%s)\s+" % (first_letters(_CUES["hedge"]), alternatives(_CUES["hedge"])), re.IGNORECASE)
# Both as a headline is made: most headlines hold neither, which their lower case tells faster.
_ATTRIBUTION_LOWER = for_lower_ascii(ATTRIBUTION)
_HEDGES_LOWER = for_lower_ascii(HEDGES)
# Prepositions and phrases that lead into a date and go with it when the date is dropped.
DATE_PREPOSITIONS = _CUES["date_lead_in"]
_DATE_LEAD_WORDS = by_first_letter(DATE_PREPOSITIONS)
DATE_LEAD_IN = re.compile(r"\b(?=%s)(?:\b(?:%s)\s+)+$" % (first_letters(DATE_PREPOSITIONS), _DATE_LEAD_WORDS),
                          re.IGNORECASE)
# A verb's particle opening the lead-in words found before a date ("sworn in on", "handed over on"): it stays.
_PARTICLE = re.compile(r"(?:%s)\s+(?=(?:%s)\s)" % (alternatives(_CUES["verb_particle"]),
                                                   alternatives(_CUES["stacked_preposition"])), re.IGNORECASE)
# How far before a clause's end a verb of saying that ends it is looked for.
SPEECH_REACH = 200
# How far before a date its lead-in words are looked for (a dozen of them at least).
LEAD_IN_REACH = 200
# Another date of the sentence (masked with NULs), with the words that lead into it.
_MASKED_DATE_LEAD = r"(?:\b(?:%s|%s)\s+)" % (_DATE_LEAD_WORDS, alternatives(_CUES["date_filler"]))
_MASKED_DATE_FIRSTS = first_letters(DATE_PREPOSITIONS + _CUES["date_filler"])
MASKED_DATE = re.compile(r"(?=\x00|%s)%s*\x00+" % (_MASKED_DATE_FIRSTS, _MASKED_DATE_LEAD), re.IGNORECASE)
# The last word leading into a masked date: where none is, MASKED_DATE takes the NULs alone.
_LEAD_WORD_BEFORE_MASK = re.compile(r"(?=%s)%s\x00" % (_MASKED_DATE_FIRSTS, _MASKED_DATE_LEAD), re.IGNORECASE)
PARENTHESES = re.compile(r"\s*(?:\([^()\[\]]{0,200}\)|\[[^()\[\]]{0,200}\])")
# A short insertion between commas: an apposition or participle phrase the headline drops.
# Before "including" the commas close no insertion: ", killing 12 people, including three children" lists the
# dead, and the words before it would be left hanging.
INSERTION = re.compile(r",\s+[^,;:—–]{1,60}?,\s+(?!including\b)")
# A past form or a finite auxiliary (cues.tsv, finite_verb), or any word in -ed: the verb of a clause.
PAST_OR_AUX = r"(?:%s|%s|%s)" % (alternatives(IRREGULAR_PAST), alternatives(_CUES["finite_verb"]), _REGULAR_PAST)
_STARTS_WITH_VERB = re.compile(r"^%s\b" % PAST_OR_AUX, re.IGNORECASE)
# An adverb before such a verb ("formally expired"): a word in -ly that the sentence writes in lower case (not "Italy").
_ADVERB_FIRST = re.compile(r"^([A-Za-z]+(?:%s))\s+(?=%s\b)" % (alternatives(_CUES["adverb_ending"]), PAST_OR_AUX),
                           re.IGNORECASE)  # "formally expired"
# Not the second half of a compound: "Hamas-led", "well-armed".
_FIRST_VERB = with_lookahead(re.compile(r"(?<![\w-])%s\b(?!-)" % PAST_OR_AUX))
# A date owning a noun phrase: "2015's conquest of Idlib", "Tuesday's attack on the convoy".
POSSESSIVE_DATE = re.compile(r"['’]s\s+([^,;:.()\[\]—–]{3,100})")
# A clause that starts without a subject: an infinitive or a participle.
SUBJECTLESS = re.compile(r"^(?:(?:%s)\s|[A-Za-z]+(?:%s)\b)" % (alternatives(_CUES["infinitive_marker"]),
                                                             alternatives(_CUES["present_participle_ending"])), re.IGNORECASE)
# A gerund that is the subject of its clause, its finite verb right after it or after an "of" phrase ("Fighting
# resumed", "Shelling of the town killed five"): the clause has a subject after all. "Being" and "having" are
# auxiliaries ("Being shot dead by police") and open no subject.
_GERUND_SUBJECT = re.compile(r"^(?!(?:being|having)\b)[A-Za-z]+(?:%s)\s+(?:of\s+(?:[\w\-’']+\s+){1,4}?)?%s\b"
                             % (alternatives(_CUES["present_participle_ending"]), PAST_OR_AUX), re.IGNORECASE)
_WORD = re.compile(r"\w+")
# The marks that open an item of a list ("• Rebels captured ...", "- April 27: ...", "— Gaddafi refuses ...").
LIST_MARKS = "•·*▪◦‣-–—"
# Separators left at a title's head, and the marks of a list item.
_LEADING_MARKS = ",;:" + LIST_MARKS
_LEADING_PUNCTUATION = re.compile(r"^[%s\s]+" % re.escape(_LEADING_MARKS))
_LEADING_CONNECTIVE = re.compile(r"^(?:%s)\s+" % alternatives(_CUES["leading_connective"]), re.IGNORECASE)
_DANGLING_WORD = re.compile(r",\s+\w+$")  # a word left dangling after the date went ("..., lost")
MAX_TITLE = 110
MIN_TITLE = 20
# A longer title is cut at a comma up to this length, else at a phrase boundary under MAX_TITLE.
MAX_TITLE_AT_COMMA = 140
PHRASE_CUTS = (", ", " — ", " – ") + tuple(f" {words} " for words in _CUES["phrase_cut"])
# The cuts before a participle and its agent ("backed by"), which follow the noun they qualify.
_AGENT_CUTS = tuple(cut for cut in PHRASE_CUTS if cut.endswith(" by "))
_VERB = re.compile(r"\b%s\b" % PAST_OR_AUX, re.IGNORECASE)
# Where a title too long for the cuts above may still end: before a prepositional phrase.
LAST_RESORT_CUTS = tuple(f" {words} " for words in _CUES["last_resort_cut"])

_SPEECH = re.compile(
    r"\b(?=%s)(?:%s)\b(?:\s+(?:%s)\b[^,.;]{0,40}?)?\s+(?=%s)"
    # The class of first letters lets the search skip most words without trying every verb.
    % (first_letters(SPEECH_VERBS), by_first_letter(SPEECH_VERBS), alternatives(_CUES["speech_lead"]),
       "|".join(re.escape(word) + r"\b" for word in _CUES["speech_subject"]) or "(?!)"),
    re.IGNORECASE,
)
_AFTER_COMMA = re.compile(r"(?:,|\s[—–]|;)\s+(?=(?:%s)\b)" % alternatives(CLAUSE_OPENERS_AFTER_COMMA), re.IGNORECASE)
_PLAIN = re.compile(r"\s+(?=(?:%s)\b)" % alternatives(CLAUSE_OPENERS), re.IGNORECASE)
# "after"/"before" open a clause when a past verb follows within a few words ("after rebels withdrew").
# Not over a number, nor a verb after a coordinator: in "its first rate change since June 2004 was aimed at" and "its
# sharpest fall since December 1986 and fell by" the verb is the subject's.
_TEMPORAL_OPENER = r"(?:%s)\s+(?:(?![0-9])[\w\-’']+\s+){0,3}?(?!(?:%s)\s|[0-9])[\w\-’']+\s+(?:%s|%s)\b" % (
    alternatives(_CUES["temporal_conjunction"]), alternatives(_CUES["coordinator"]), alternatives(IRREGULAR_PAST),
    _REGULAR_PAST)
_TEMPORAL_CLAUSE = re.compile(r"\s+(?=%s)" % _TEMPORAL_OPENER, re.IGNORECASE)
_TEMPORAL_OPENING = re.compile(_TEMPORAL_OPENER, re.IGNORECASE)
# A trailing attribution: ", state media reported", ", diplomats said".
# The verb may be followed by where it was said: ", the chairman said at a news conference", ", it said in a statement".
TRAILING_ATTRIBUTION = re.compile(
    r",\s+(?:[\w.\-’']+\s+){1,5}(?:%s)(?:\s+(?:at|in|on|during)\s+(?:an?|the|its|his|her|their)\s+[\w -]{1,30})?$"
    % ("|".join(re.escape(verb) + r" [\w ]{1,30}" if verb in _CUES["hearer_verb"] else re.escape(verb)
                for verb in _CUES["trailing_attribution"]) or "(?!)"),
    re.IGNORECASE,
)
# A wire dateline: "BEIRUT, Dec 14 (Reuters) - ", "BEIRUT (Reuters) - ", or one in brackets as reports write it:
# "(Beirut, June 10, 2019) – ", "(Yangon/New York, 30 March 2025): ".
DATELINE = re.compile(r"^(?:[A-Z][A-Z.'/\- ]{2,30}(?:,\s*[^\-–—]{0,40}?|\s*\([^()]{2,30}\))?"
                      r"\s*(?:[-–—]{1,2}(?:\s+|$)|--(?=[A-Z]))"  # "(Xinhua) --The"; a line of its own: "BEIRUT (Reuters) -"
                      r"|\([A-Z][\w.'’/\- ]{1,30},[^()\n]{3,40}\)\s*(?:[-–—:]{1,2}\s+|--(?=[A-Z]))"
                      # A chat message's stamp and sender: "[13/03/2025, 22:47] Amina (Goma desk): ", "13/03/2025, 22:47 - Amina: "
                      r"|\[?[0-9]{1,4}[./-][0-9]{1,2}[./-][0-9]{2,4},?[ \t]+[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?(?:[ \t]?[APap][Mm])?"
                      r"(?:\][ \t]*|[ \t]+-[ \t]+)[^\s:\[\]][^:\n\[\]]{0,39}:[ \t]+)")
_STRONG = re.compile(r";\s+|\s+(?:[—–]|--)\s+")
# ", and the US expressed ...": a second clause with a subject of its own.
# So does a name that a verb follows within a few words (", and French jets struck ...", ", and Gaddafi was
# killed ..."), after a clause of some length: not after the short items of a list ("Ali, Omar, and Hassan were").
_COORDINATED_SUBJECT = re.compile(r",\s+(?=(?:%s)\s+(?:%s)\s)|(?<=[^,]{20}),\s+(?=(?:%s)\s+(?-i:[A-Z])[\w'’.-]*\s+"
                                  r"(?:[\w'’.-]+\s+){0,3}?%s\b)"
                                  % (alternatives(_CUES["coordinator"]), alternatives(_CUES["subject_determiner"]),
                                     alternatives(_CUES["coordinator"]), PAST_OR_AUX),
                                  re.IGNORECASE)
# ", and on Tuesday rebels attacked ...": a second clause with a date of its own (masked, as where a sentence
# has several dates) and a subject and verb after it.
_COORDINATED_DATE = re.compile(r",\s+(?=(?:%s)\s+(?:(?:%s)\s+)+\x00+\s+(?:[\w\-’']+\s+){0,4}?%s\b)"
                               % (alternatives(_CUES["coordinator"]), alternatives(DATE_PREPOSITIONS), PAST_OR_AUX),
                               re.IGNORECASE)
# "began in Geneva on 1 February but were suspended on 3 February": a second verb of the same subject, without a
# comma, each verb with a date of its own (masked, as where a sentence has several dates). The match runs from the
# first date to where the second clause begins. Without a date before it, the second verb is no happening of its
# own as often as it is ("was arrested and charged in 2015").
_COORDINATED_VERB_DATE = re.compile(r"\x00[^\x00.;:]{0,120}?\s+(?=(?:%s)\s+%s\b[^\x00.;:,]{0,120}\x00)"
                                    % (alternatives(_CUES["same_subject_coordinator"]), PAST_OR_AUX), re.IGNORECASE)
# "When the offensive began on 30 April, the UN warned ...": a subordinate clause (a verb in it) that opens the
# sentence ends at its comma; a phrase without a verb ("After heavy fighting on Monday, ...") does not.
# It ends at the comma that a subject and its verb follow ("..., the UN warned"), not at one inside it ("When
# the rebels captured Kasenga, 200 kilometres northeast of Lubumbashi, ...", "the boy's father, Juan Miguel
# Gonzalez, was"). "As" opens phrases as often ("As a person, ...").
_LEADING_CLAUSE = re.compile(
    r"^\W*(?!as\b)(?:%s)\s+(?:[^,;:()\x00]{0,80}?\s)?%s\b[^;:()]{0,160}?,\s+"
    r"(?=(?:(?:%s)\s+|(?-i:[A-Z])[\w'’.-]*\s+)(?:[\w'’.-]+\s+){0,4}?%s\b)"
    % (alternatives(CLAUSE_OPENERS + _CUES["temporal_conjunction"]), PAST_OR_AUX, alternatives(_CUES["subject_determiner"]),
       PAST_OR_AUX), re.IGNORECASE)
# ", and declared ...": a second clause with the same subject.
_COORDINATED = re.compile(r",\s+(?=(?:%s)\s+(?:(?-i:[a-z]+(?:%s))\s+)?%s\b)" % (
    alternatives(_CUES["same_subject_coordinator"]), alternatives(_CUES["adverb_ending"]), PAST_OR_AUX), re.IGNORECASE)


# Where clauses start, and the characters a pattern cannot match without (none: no such test).
_CLAUSE_CUTS = (
    (_SPEECH, ()), (_AFTER_COMMA, (",", ";", "—", "–")), (_PLAIN, ()), (_STRONG, (";", "—", "–", "--")),
    (_TEMPORAL_CLAUSE, ()), (_COORDINATED, (",",)), (_COORDINATED_SUBJECT, (",",)), (_COORDINATED_DATE, ("\0",)),
    (_COORDINATED_VERB_DATE, ("\0",)), (_LEADING_CLAUSE, (",",)),
)
# The same, each pattern read on the lower case of an ASCII sentence where it can be (see for_lower_ascii).
_CLAUSE_CUTS_LOWER = tuple((for_lower_ascii(pattern), needs) for pattern, needs in _CLAUSE_CUTS)


# Per thread, the clauses of each sentence of the document being processed (see clauses_remembered).
_remembered = threading.local()


@contextlib.contextmanager
def clauses_remembered() -> Iterator[None]:
    """Within it, the clauses of every sentence are found once: making events reads all the
    sentences of a document, then coding reads them again, too far apart for a cache of the
    last sentences on a long page. What it remembers goes with the document."""
    saved = getattr(_remembered, "clauses", None)
    _remembered.clauses = {}
    try:
        yield
    finally:
        _remembered.clauses = saved


def clause_bounds(sentence: str) -> tuple[tuple[int, int], ...]:
    """Spans of the clauses of ``sentence``, in order, covering it (remembered: the events of a
    sentence ask for its clauses several times)."""
    remembered = getattr(_remembered, "clauses", None)
    if remembered is None:
        return _recent_clause_bounds(sentence)
    bounds = remembered.get(sentence)
    if bounds is None:
        bounds = remembered[sentence] = _clause_bounds(sentence)
    return bounds


def _clause_bounds(sentence: str) -> tuple[tuple[int, int], ...]:
    cuts = {0, len(sentence)}
    lowered = sentence.lower() if sentence.isascii() else None  # same length, same places
    for (pattern, needs), (pattern_lower, _) in zip(_CLAUSE_CUTS, _CLAUSE_CUTS_LOWER):
        if needs and not any(mark in sentence for mark in needs):
            continue  # cannot match without one of these
        matches = pattern.finditer(sentence) if pattern_lower is None or lowered is None else pattern_lower.finditer(lowered)
        for match in matches:
            cuts.add(match.end())
    points = sorted(cuts)
    return tuple((a, b) for a, b in zip(points, points[1:]) if sentence[a:b].strip())


_recent_clause_bounds = functools.lru_cache(maxsize=256)(_clause_bounds)


def clause_at(sentence: str, position: int) -> tuple[int, int]:
    """The clause of ``sentence`` that holds character ``position``."""
    bounds = clause_bounds(sentence)
    index = bisect.bisect_right(bounds, (position, len(sentence) + 1)) - 1
    if index >= 0 and position < bounds[index][1]:
        return bounds[index]
    return bounds[-1] if bounds else (0, len(sentence))


_ENDS_WITH_DETERMINER = re.compile(r"\b(?:%s)\s*$" % alternatives(_CUES["subject_determiner"]), re.IGNORECASE)


def _drop_span(text: str, start: int, end: int) -> str:
    """``text`` without ``[start, end)`` and the preposition leading into it."""
    head = text[:start]
    lead_in = DATE_LEAD_IN.search(head, max(0, start - LEAD_IN_REACH))
    if lead_in:
        particle = _PARTICLE.match(head, lead_in.start())
        head = head[: particle.end() if particle else lead_in.start()]
    tail = text[end:]
    if tail.lstrip().startswith(",") and _ENDS_WITH_DETERMINER.search(head):
        tail = tail.lstrip()[1:]  # "The Aug. 7, 1998, bombings": the comma closes the date's year
    elif head.rstrip().endswith(",") and tail.lstrip().startswith(","):
        tail = tail.lstrip()[1:]
        if _STARTS_WITH_VERB.match(tail.lstrip()):
            # The date stood between a subject and its verb ("The army, on Monday, attacked ..."): the
            # subject's comma goes too, or what follows would read as an insertion of its own.
            head = head.rstrip()[:-1]
    return head.rstrip() + (" " if head.strip() and tail.strip() and not tail.lstrip().startswith((",", ".", ":", ";")) else "") + tail.lstrip()


_POSSESSIVE_RELATIVE = re.compile(r",\s+(?:%s)\s" % alternatives(_CUES["possessive_relative"]), re.IGNORECASE)


def _opening_relative(sentence: str) -> tuple[int, int] | None:
    """The span of a relative clause after the phrase that opens ``sentence`` (``_OPENING_RELATIVE``),
    or None; what is left reads "In Tawila, UNICEF has reached ..."."""
    match = _OPENING_RELATIVE.match(sentence)
    return match.span("insertion") if match else None


def _without_relative_clauses(sentence: str, date_span: tuple[int, int] | None):
    """``sentence`` without ", who/which ...," insertions before a verb, and the date span moved along.
    A date inside an insertion after a subject dates what the insertion tells of it ("The offensive,
    which began in late April, has displaced ...": "The offensive began in late April")."""
    if "," not in sentence:  # each insertion opens with one
        return sentence, date_span
    opening = _opening_relative(sentence)
    if opening and not (date_span and date_span[1] > opening[0] and date_span[0] < opening[1]):
        sentence = sentence[:opening[0]] + " " + sentence[opening[1]:]
        if date_span and date_span[0] >= opening[1]:
            shift = opening[1] - opening[0] - 1
            date_span = (date_span[0] - shift, date_span[1] - shift)
    # The date's own commas ("on November 24, 2023") close no insertion: it is read as one word.
    read = sentence if not date_span else \
        sentence[:date_span[0]] + "\x01" * (date_span[1] - date_span[0]) + sentence[date_span[1]:]
    for match in reversed(list(RELATIVE_INSERTION.finditer(read))):
        start, end = match.start(), match.end()
        if date_span and date_span[1] > start and date_span[0] < end:
            body_start, body_end = match.span("body")
            if body_start <= date_span[0] and date_span[1] <= body_end and not _FIRST_VERB.search(sentence, 0, start):
                joint = "'s " if _POSSESSIVE_RELATIVE.match(sentence, start) else " "
                shift = body_start - start - len(joint)
                return sentence[:start] + joint + sentence[body_start:body_end], (date_span[0] - shift, date_span[1] - shift)
            continue
        sentence = sentence[:start] + " " + sentence[end:]
        if date_span and date_span[0] >= end:
            shift = end - start - 1
            date_span = (date_span[0] - shift, date_span[1] - shift)
    return sentence, date_span


def make_title(
    sentence: str, date_span: tuple[int, int] | None = None, other_spans: tuple[tuple[int, int], ...] = (),
    fallback: str = "",
) -> str:
    """A short headline for the happening in ``sentence`` dated by the expression at ``date_span``.

    Spans are relative to the sentence; without ``date_span`` the main (first) clause is used.
    ``other_spans`` are the sentence's other date expressions, left out of the headline too.
    ``fallback`` is the headline when the sentence says nothing but its dates (a later piece of
    an overlong list of dates takes the headline of the piece it goes on from); without one, the
    sentence itself.
    """
    written = sentence
    if "[" in sentence:
        if (stamp := DATELINE.match(sentence)) is not None:  # a chat message's stamp is no note: its sender goes too
            sentence = " " * stamp.end() + sentence[stamp.end():]
        sentence = without_notes(sentence)
    if date_span:
        possessive = POSSESSIVE_DATE.match(sentence, date_span[1])
        if possessive:  # "2015's conquest of Idlib": the date's own noun phrase is the happening
            title = tidy_title(possessive.group(1))
            if " " in title or title and sentence[:date_span[0]].strip():
                return title
            if title:  # "Tuesday's attack, ..., struck a market": the subject of the sentence, which says more
                return _title_of_the_noun(sentence, date_span, possessive.start(1), other_spans, fallback)
            # "2015's --" names nothing: the clause says more
    members, spans = _span_facts(other_spans)
    title = _title(sentence, date_span, spans)
    if date_span and (len(title.split()) <= 1 or SUBJECTLESS.match(title) and not _GERUND_SUBJECT.match(title)):
        # "Before to resume", "Starting with ...": the clause has no subject; the main clause says more.
        title = _title(sentence, None, _all_spans(members, spans, date_span))
    elif date_span and (_STARTS_WITH_VERB.match(title) or _starts_with_adverb(title, sentence)):
        # "... and declared it cleared the next day": the subject is the main clause's.
        main = _title(sentence, None, _all_spans(members, spans, date_span))
        verb = _FIRST_VERB.search(main)
        if verb and verb.start() > 0 and not _STARTS_WITH_VERB.match(main) and not _starts_with_adverb(main, sentence):
            # (A main clause that has no subject either, its date the subject taken out: "Monday was a big
            # day ... and more developments are expected this Tuesday", has none to give.)
            joined = main[: verb.start()].rstrip() + " " + title[:1].lower() + title[1:]
            if len(joined) <= len(" ".join(sentence.split())):  # never the subject twice over
                title = joined
    return title or fallback or tidy_title(sentence) or " ".join(written.split())


def _starts_with_adverb(title: str, sentence: str) -> bool:
    """Whether ``title`` opens with an adverb in -ly before its verb, as ``sentence`` writes the word in lower case."""
    adverb = _ADVERB_FIRST.match(title)
    return adverb is not None and re.search(r"\b%s\b" % re.escape(adverb.group(1).lower()), sentence) is not None


def _title_of_the_noun(sentence: str, date_span: tuple[int, int], noun: int, other_spans, fallback: str) -> str:
    """The headline of ``sentence`` with the possessive date at ``date_span`` read as "the" before the
    noun at ``noun`` ("Tuesday's attack, blamed on ..., struck a market": "The attack struck a market")."""
    article = "The " if date_span[0] == 0 else "the "
    shift = noun - date_span[0] - len(article)
    spans = tuple((a - shift, b - shift) if a >= noun else (a, b) for a, b in other_spans if b <= date_span[0] or a >= noun)
    return make_title(sentence[:date_span[0]] + article + sentence[noun:], None, spans, fallback)


# Notes in brackets that an encyclopedia copy keeps: "civilians,[81] but", "[citation needed]", "[edit]".
_NOTE = re.compile(r"\[[^\[\]\n]{0,20}\]")


def without_notes(sentence: str) -> str:
    """``sentence`` with its short notes in brackets blanked out, every offset kept: "civilians,[81] but" reads
    as "civilians, but" to the clauses of a title."""
    return _NOTE.sub(lambda note: " " * len(note.group()), sentence)


@functools.lru_cache(maxsize=64)
def _masked(sentence: str, spans: tuple[tuple[int, int], ...]) -> str:
    """``sentence`` with the characters of each of ``spans`` (sorted) replaced by NULs (made once for
    a sentence and its dates, then shared by the events of the sentence)."""
    parts, position = [], 0
    for start, end in spans:
        start = max(start, position)
        if end > start:
            parts += (sentence[position:start], "\0" * (end - start))
            position = end
    parts.append(sentence[position:])
    return "".join(parts)


def _masked_except(sentence: str, spans: tuple[tuple[int, int], ...], date_span) -> str:
    """``sentence`` with ``spans`` (sorted) masked, except those that overlap ``date_span``."""
    masked = _masked(sentence, spans)
    if not date_span:
        return masked
    own = [span for span in spans if span[0] < date_span[1] and date_span[0] < span[1]]
    if not own:
        return masked
    if len(own) == len(spans):
        return sentence  # no other date to mask
    # Between the first and the last of its own spans, the sentence as it was, with the others masked.
    start, end = own[0][0], max(span[1] for span in own)
    others = tuple((max(a, start) - start, min(b, end) - start) for a, b in spans
                   if a < end and start < b and not (a < date_span[1] and date_span[0] < b))
    return masked[:start] + _masked(sentence[start:end], others) + masked[end:]


def _all_spans(members: frozenset, spans: tuple[tuple[int, int], ...], date_span) -> tuple[tuple[int, int], ...]:
    """All the date spans of a sentence (``spans``, in order, with ``members`` their set, as
    _span_facts gives them) and ``date_span``, once each and in order."""
    if date_span is None or date_span in members:
        return spans  # the events of a sentence share it
    return tuple(sorted(members | {date_span}))


# The date spans the events of one sentence share (one tuple, passed for each of them), as a set and
# in order: found once for the sentence, not hashed, sorted and scanned again for each of its dates
# (a list of dates has hundreds in a sentence).
_LAST_SPANS: tuple = ((), frozenset(), ())


def _span_facts(other_spans) -> tuple[frozenset, tuple[tuple[int, int], ...]]:
    """``other_spans`` as a set and in order without repeats (remembered for the last tuple asked)."""
    global _LAST_SPANS
    last = _LAST_SPANS
    if last[0] is other_spans:
        return last[1], last[2]
    members = frozenset(other_spans)
    ordered = tuple(sorted(members))
    if isinstance(other_spans, tuple):
        _LAST_SPANS = (other_spans, members, ordered)
    return members, ordered


# A run of masked characters: another date of the sentence (or dates side by side).
_MASK_RUN = re.compile(r"\x00+")


class _Analysis:
    """What the events of one sentence share for their titles: the sentence with its dateline
    blanked, every date masked and each masked run made one character (a date counts as one
    word, however long it is written), without relative insertions; the bounds of its clauses,
    found once; and where each date went (see _shared_analysis)."""

    def __init__(self, sentence: str, spans: tuple[tuple[int, int], ...]):
        dateline = DATELINE.match(sentence)
        if dateline:
            sentence = " " * dateline.end() + sentence[dateline.end():]
        self.sentence = sentence
        masked = _masked(sentence, spans)
        parts, position, length = [], 0, 0
        self.runs: dict[tuple[int, int], int] = {}  # a masked run of the sentence: its place in the text
        for run in _MASK_RUN.finditer(masked):
            parts += (masked[position:run.start()], "\0")
            length += run.start() - position
            self.runs[run.span()] = length
            length += 1
            position = run.end()
        parts.append(masked[position:])
        squeezed = "".join(parts)
        self.removed = [match.span() for match in RELATIVE_INSERTION.finditer(squeezed)]
        opening = _opening_relative(squeezed) if "," in squeezed else None
        if opening and "\0" not in squeezed[opening[0]:opening[1]] \
                and not any(start < opening[1] and opening[0] < end for start, end in self.removed):
            # A date in it dates what the clause tells ("..., which took effect in March, ..."): it stays.
            self.removed.insert(0, opening)  # it opens the sentence: before any other
        pieces, position = [], 0
        for start, end in self.removed:
            pieces += (squeezed[position:start], " ")
            position = end
        pieces.append(squeezed[position:])
        self.text = "".join(pieces)
        self.removed_ends = [end for _, end in self.removed]
        self.bounds = clause_bounds(self.text)
        # The lists of dates ("on 1 May, 2 May and 3 May"), found once: a headline drops each whole.
        self.lists = [match.span() for match in _MASKED_LIST.finditer(self.text)] if "\0" in self.text else []
        self.list_titles: dict[tuple, str] = {}  # see _title

    def listed(self, place: int) -> tuple[int, int] | tuple[()]:
        """The list of dates the date at ``place`` of the text is in, or () when it is in none."""
        index = bisect.bisect_right(self.lists, (place, len(self.text) + 1)) - 1
        return self.lists[index] if index >= 0 and place < self.lists[index][1] else ()

    def place(self, span: tuple[int, int]) -> int | None:
        """Where the date at ``span`` of the sentence is in the text, when it is masked alone (no
        other date touches it) and outside the relative insertions (else None)."""
        squeezed = self.runs.get(span)
        if squeezed is None:
            return None
        index = bisect.bisect_right(self.removed_ends, squeezed)
        if index < len(self.removed) and self.removed[index][0] <= squeezed:
            return None  # inside an insertion: only that date's own analysis keeps it
        if not index:
            return squeezed  # no insertion before it (the sentences of most dates have none)
        return squeezed - sum(end - start - 1 for start, end in self.removed[:index])

    def ends_in_speech(self, start: int, end: int) -> bool:
        return _ends_in_speech(self.text, start, end)

    def clause(self, position: int) -> tuple[int, int]:
        """The clause of the text that holds ``position`` (as clause_at)."""
        bounds = self.bounds
        index = bisect.bisect_right(bounds, (position, len(self.text) + 1)) - 1
        if index >= 0 and position < bounds[index][1]:
            return bounds[index]
        return bounds[-1] if bounds else (0, len(self.text))


@functools.lru_cache(maxsize=16)
def _shared_analysis(sentence: str, spans: tuple[tuple[int, int], ...]) -> _Analysis:
    return _Analysis(sentence, spans)


class _SentenceTitles:
    """The headlines found for the dates of one sentence with its date spans (None: its main
    clause), and the analysis they share (made when first needed)."""

    __slots__ = ("sentence", "spans", "titles", "analysis")

    def __init__(self, sentence: str, spans: tuple[tuple[int, int], ...]):
        self.sentence, self.spans, self.titles, self.analysis = sentence, spans, {}, None

    def shared_analysis(self) -> _Analysis:
        if self.analysis is None:
            self.analysis = _shared_analysis(self.sentence, self.spans)
        return self.analysis


# The events of a sentence come one after another and share its text and spans (the same objects):
# what their titles share is kept for the last sentence, found by identity, without hashing its spans.
_LAST_TITLES = _SentenceTitles("", ())


def _title(sentence: str, date_span, spans: tuple[tuple[int, int], ...]) -> str:
    """The headline of the clause of ``date_span`` (the main clause without) in ``sentence`` whose
    date spans are ``spans`` (in order, once each), remembered for the dates of the last sentence:
    they fall back on the same main clause."""
    global _LAST_TITLES
    known = _LAST_TITLES
    if known.sentence is not sentence or known.spans is not spans:
        known = _LAST_TITLES = _SentenceTitles(sentence, spans)
    title = known.titles.get(date_span)
    if title is None:
        title = known.titles[date_span] = _title_of(known, date_span)
    return title


def _title_of(known: _SentenceTitles, date_span) -> str:
    """The headline of the clause of ``date_span``, from the clauses of the sentence found once for
    all its dates (see _Analysis); the rare date that is not masked alone has the sentence analysed
    for itself."""
    sentence, spans = known.sentence, known.spans
    if date_span is not None and spans in ((), (date_span,)):
        # The sentence's only date: as written, it shares the clauses events and coding find.
        return _title_alone(sentence, date_span, spans)
    analysis = known.shared_analysis()
    if date_span is None:
        return _title_in(analysis.text, analysis.clause, None, analysis.ends_in_speech)
    place = analysis.place(date_span)
    if place is None:
        return _title_alone(sentence, date_span, spans)
    own = analysis.sentence[date_span[0]:date_span[1]]
    listed = analysis.listed(place)
    if listed:
        # A list is dropped whole, so the dates of one list in one clause share a title (but for how many
        # words the date itself has, which decides whether its clause is too short to stand alone).
        key = (analysis.clause(place), listed, len(_WORD.findall(own, 0, 60)[:5]))
        title = analysis.list_titles.get(key)
        if title is not None:
            return title
    # The text with this date written out again: positions after it move by ``shift``.
    text = _WrittenOut(analysis.text, place, own)
    shift = len(own) - 1

    def clause(position: int) -> tuple[int, int]:
        if position >= place + len(own):
            position -= shift
        elif position > place:
            position = place
        start, end = analysis.clause(position)
        return (start if start <= place else start + shift), (end if end <= place else end + shift)

    def ends_in_speech(start: int, end: int) -> bool:
        return analysis.ends_in_speech(start if start <= place else start - shift, end - shift)

    if not listed:
        return _title_in(text, clause, (place, place + len(own)), ends_in_speech, listed)
    title = analysis.list_titles[key] = _title_in(text, clause, (place, place + len(own)), ends_in_speech,
                                                  (listed[0], listed[1] + shift))
    return title


class _WrittenOut:
    """``text`` with its one character at ``place`` (a masked date) written out as ``own``, read by
    slices: only the clause a title is made of is built, not a copy of the sentence per date (a
    list of dates has hundreds in a sentence)."""

    __slots__ = ("text", "place", "own", "after")

    def __init__(self, text: str, place: int, own: str):
        self.text, self.place, self.own, self.after = text, place, own, place + len(own)

    def __len__(self) -> int:
        return len(self.text) + len(self.own) - 1

    def __getitem__(self, piece: slice) -> str:
        start, end, _ = piece.indices(len(self))
        if end <= start:
            return ""
        text, place, after, shift = self.text, self.place, self.after, len(self.own) - 1
        if end <= place:
            return text[start:end]
        if start >= after:
            return text[start - shift:end - shift]
        head = text[start:place] if start < place else ""
        tail = text[place + 1:end - shift] if end > after else ""
        return head + self.own[max(0, start - place):end - place] + tail


def _title_in(sentence: "str | _WrittenOut", clause_at, date_span, ends_in_speech, listed=None) -> str:
    """The headline of the clause of ``date_span`` in ``sentence`` (dates other than its own masked,
    relative insertions gone), ``clause_at`` giving the clause that holds a position and
    ``ends_in_speech`` whether a verb of saying ends the clause ``[start, end)`` (both read in the
    text the clauses were found in); ``listed``, the list of dates the date is in, dropped with it
    (() for none; None: looked for in the clause)."""
    position = date_span[0] if date_span else 0
    start, end = clause_at(position)
    if date_span and date_span[1] > end:  # a range across a clause's bounds ("1 January – 31 March") is one
        end = clause_at(date_span[1] - 1)[1]
    clause = sentence[start:end]
    if date_span and _few_words(clause) and (start, end) != (0, len(sentence)):
        # A date alone in its clause ("On 6 May, ...") belongs to the clause that follows.
        end = clause_at(min(len(sentence) - 1, end))[1]
        clause = sentence[start:end]
    # A match that ends at the clause's end (its lookahead needs a few characters more).
    if end < len(sentence) and ends_in_speech(start, end):
        end = clause_at(end)[1]  # "X said" is no headline: add what was said
        clause = sentence[start:end]
    if date_span:
        a, b = date_span[0] - start, date_span[1] - start
        leading = LEADING_PHRASE.match(clause) if "," in clause else None
        if leading and b < leading.end() and _TEMPORAL_OPENING.match(clause):
            # The date is in a clause the headline would drop as a leading phrase ("since he arrived in the
            # United States on April 6, and he insisted ..."): that clause is its happening.
            clause = clause[:leading.end()]
        if 0 <= a < b <= len(clause):
            if listed:
                a, b = max(0, min(a, listed[0] - start)), min(len(clause), max(b, listed[1] - start))
            elif listed is None and "\0" in clause:
                a, b = _with_listed_dates(clause, a, b)
            clause = _drop_span(clause, a, b)
    if "\0" in clause:
        clause = _without_masked_dates(_without_masked_lists(clause))
    return tidy_title(clause)


# A masked date listed after a date, or before it: joined by a comma, a list joiner or both ("1 May, 2 May
# and 3 May").
_LIST_JOINT = r"(?:\s*,\s*(?:(?:%s)\s+)?|\s+(?:%s)\s+)" % ((alternatives(_CUES["date_list_joiner"]),) * 2)
_LISTED_AFTER = re.compile(_LIST_JOINT + "\x00+", re.IGNORECASE)
_LISTED_BEFORE = re.compile("\x00+" + _LIST_JOINT + "$", re.IGNORECASE)
_MASKED_LIST = re.compile("\x00+(?:" + _LIST_JOINT + "\x00+)+", re.IGNORECASE)
# All that stands between two dates of one list.
LIST_JOINT = re.compile(_LIST_JOINT, re.IGNORECASE)


def _with_listed_dates(clause: str, start: int, end: int) -> tuple[int, int]:
    """The span ``[start, end)`` of a date in ``clause`` widened over the (masked) dates listed with it,
    so that a headline drops the list whole, with its commas and joiners ("Clashes were reported on
    1 May, 2 May and 3 May in Aleppo": "Clashes were reported in Aleppo" for each)."""
    while (after := _LISTED_AFTER.match(clause, end)) is not None:
        end = after.end()
    while (before := _LISTED_BEFORE.search(clause, max(0, start - LEAD_IN_REACH), start)) is not None:
        start = before.start()
    while start and clause[start - 1] == "\0":
        start -= 1
    return start, end


def _without_masked_lists(text: str) -> str:
    """``text`` with each list of masked dates made one, its commas and joiners gone with it."""
    return _MASKED_LIST.sub("\0", text) if "\0" in text else text


def _without_masked_dates(text: str) -> str:
    """``text`` without its masked dates and the words leading into them (``MASKED_DATE``): a
    clause of dozens of dates with no lead-in words (a list of dates) loses its NULs at once."""
    if _LEAD_WORD_BEFORE_MASK.search(text) is None:
        return text.replace("\0", "")
    return MASKED_DATE.sub(_article_of_noun, text)


# A masked date between an article and the noun it qualifies: "witnessed the \0 assault", "surpassing the \0 high";
# not before a verb, a preposition or a conjunction ("The \0 was ...", "the \0 and ...").
_ARTICLE_BEFORE_MASK = re.compile(r"\b(?:%s)\s+\x00+$" % alternatives(_CUES["article"]), re.IGNORECASE)
_NOUN_AFTER_MASK = re.compile(r"\s+(?!(?:%s|%s|%s)\b)[a-z]" % (
    PAST_OR_AUX, alternatives(DATE_PREPOSITIONS + _CUES["coordinator"] + _CUES["leading_connective"]),
    alternatives(SPEECH_VERBS)))


def _article_of_noun(match: re.Match) -> str:
    """What is left of a masked date and its lead-in words: nothing, or, when the date stood between
    an article and its noun, the words before it ("witnessed the Oct. 7 assault": "witnessed the
    assault", "arrested over the April 2 attack": "arrested over the attack")."""
    if _ARTICLE_BEFORE_MASK.search(match.group()) is None or not _NOUN_AFTER_MASK.match(match.string, match.end()):
        return ""
    return match.group().rstrip("\0").rstrip() + " "


def _ends_in_speech(text: str, start: int, end: int) -> bool:
    """Whether a verb of saying ends ``text[start:end]`` ("X said ..."; its lookahead reads a few
    characters further)."""
    return any(m.end() == end for m in _SPEECH.finditer(text, max(start, end - SPEECH_REACH), end + 8))


def _few_words(text: str) -> bool:
    """Whether ``text`` holds at most four words: a fifth is not found from its start (each run of
    word or other characters taken whole, never given back, so a run of masked dates between
    words is passed at once, and the search stops at the fifth word)."""
    return _FIVE_WORDS.match(text) is None


_FIVE_WORDS = re.compile(r"(?:\W*+\w++){5}")


def _title_alone(sentence: str, date_span, other_spans) -> str:
    """The headline of the clause of ``date_span``, the sentence analysed for this date alone."""
    dateline = DATELINE.match(sentence)
    if dateline:  # "BEIRUT, Dec 14 (Reuters) - ": not part of any clause
        sentence = " " * dateline.end() + sentence[dateline.end():]
    masked = _masked_except(sentence, tuple(sorted(other_spans)), date_span)
    sentence, date_span = _without_relative_clauses(masked, date_span)
    return _title_in(sentence, functools.partial(clause_at, sentence), date_span,
                     functools.partial(_ends_in_speech, sentence))


# Commas and semicolons after a space: what is left where a list of dates was taken out.
_ORPHAN_SEPARATORS = re.compile(r"(?:\s[,;])+(?=\s|$)")
# A word that opens a clause, before a separator left where a date was: the date was put first in that
# clause ("said that in one day, rebels killed"), and its comma goes with it.
# Not a preposition ("insurance losses after 1997, it added"): there the comma opens what follows.
_OPENER_BEFORE = re.compile(r"\b(?:%s)$" % alternatives(
    [word for word in _CUES["leading_connective"] if word not in _CUES["leading_phrase"]]), re.IGNORECASE)


def _orphan_separators(match: re.Match) -> str:
    """One separator left where one date was taken out goes back to its word ("Academy, joining");
    a run of them, where a list of dates was, goes, as one after a word that opens a clause."""
    after_separator = match.start() > 0 and match.string[match.start() - 1] in ",;"
    if len(match.group()) != 2 or after_separator:
        return ""
    return "" if _OPENER_BEFORE.search(match.string, max(0, match.start() - 10), match.start()) else match.group().strip()


# A clock time's conversion after a slash, left where the time was taken out: "06:45 GMT/ 00:45 CST: Russia drops ...".
_LEADING_CONVERSION = re.compile(r"^\s*/\s*[0-9]{1,2}[:.]?[0-9]{2}(?: ?[ap]\.?m\.?)?(?: ?(?-i:[A-Z]{2,4})\b| ?local"
                                 r"(?: time)?)?(?: ?[:\-–])? *", re.IGNORECASE)


def _without_leading_punctuation(text: str) -> str:
    first = text[:1]
    if first == "/" or first.isspace() and text.lstrip()[:1] == "/":
        text = _LEADING_CONVERSION.sub("", text)
        first = text[:1]
    return _LEADING_PUNCTUATION.sub("", text) if first and (first in _LEADING_MARKS or first.isspace()) else text


@functools.lru_cache(maxsize=256)
def tidy_title(clause: str) -> str:
    """Headline form of a clause: without hedges, attributions, parentheses and insertions."""
    text = " ".join(clause.split())
    if " ," in text or " ;" in text:  # the separators of dates taken out: "reported , , in Aleppo"
        text = _ORPHAN_SEPARATORS.sub(_orphan_separators, text)
    # Each pattern below that cannot match without a character (a capital first, a comma) is tried
    # only where the text has it: most clauses have none of what they take out.
    if "A" <= text[:1] <= "Z":
        text = DATELINE.sub("", text)
    while "(" in text or "[" in text:  # innermost first: "[one of the (FSA) groups]"
        shorter = PARENTHESES.sub("", text)
        if shorter == text:
            break
        text = shorter
    if search_ignoring_case(ATTRIBUTION, _ATTRIBUTION_LOWER, text):
        text = ATTRIBUTION.sub("", text)
    text = text.rstrip(" .:;")
    if "," in text:
        text = TRAILING_ATTRIBUTION.sub("", text)
    if search_ignoring_case(HEDGES, _HEDGES_LOWER, text):
        text = HEDGES.sub("", text)
    text = _without_leading_punctuation(text)
    if "," in text:
        text = LEADING_PHRASE.sub("", text)
    text = _LEADING_CONNECTIVE.sub("", text)
    text = LEADING_ADVERBIALS.sub("", text)
    text = LEADING_LABEL.sub("", _without_leading_count(text))
    text = _without_leading_punctuation(text)
    if "," in text:
        shorter = INSERTION.sub(" ", text, count=1)
        if shorter != text and len(_WORD.findall(shorter)) >= 4:
            text = shorter
    stripped = text.strip(" ,;:—–-.!?\"'“”‘’")
    if _unbalanced_quotes(stripped):
        # The strip took the mark that closes a quotation the title ends with ('the "Green Beret Affair"'): it stays.
        end = text.find(stripped) + len(stripped)
        if text[end:end + 1] in ('"', "”"):
            stripped += text[end]
    text = stripped
    if _unbalanced_quotes(text):
        # A quotation cut open by the clause's bounds ('Rolling Thunder" deluged the north'): its marks pair with nothing.
        text = text.replace('"', "").replace("“", "").replace("”", "")
    if "," in text:
        text = _DANGLING_WORD.sub("", text)
    if len(text) > MAX_TITLE:
        cut = text.rfind(", ", MIN_TITLE, MAX_TITLE_AT_COMMA)
        if cut >= 0 and text[cut + 2:cut + 3].isupper() and not _VERB.search(text, 0, cut):
            # "Negotiators from Egypt, | Qatar and the US will meet", "Acting as EU president, | Blair sealed": the
            # subject and its verb come after the comma; a later comma that leaves them in the title, if any.
            later = text.rfind(", ", cut + 2, MAX_TITLE_AT_COMMA)
            if later < 0 or not _VERB.search(text, cut, later):
                later = max(text.rfind(p, cut + 2, MAX_TITLE) for p in PHRASE_CUTS if p != ", ")
                if later < 0 and len(text) <= MAX_TITLE_AT_COMMA:
                    later = len(text)
            cut = later if later > cut and _VERB.search(text, cut, later) else cut
        if cut < 0:
            cut = max(text.rfind(p, MIN_TITLE, MAX_TITLE) for p in PHRASE_CUTS)
            if text.startswith(_AGENT_CUTS, cut) and not _VERB.search(text, 0, cut):
                # "A coalition of nine Arab countries | led by Riyadh begins ...": that cut leaves the subject alone.
                cut = max(text.rfind(p, MIN_TITLE, MAX_TITLE) for p in PHRASE_CUTS if p not in _AGENT_CUTS)
        if cut < MIN_TITLE:
            cut = max(text.rfind(p, MIN_TITLE, MAX_TITLE) for p in LAST_RESORT_CUTS)
        if cut >= MIN_TITLE:
            text = text[:cut].rstrip(" ,;:")
    return text[:1].upper() + text[1:]


def _unbalanced_quotes(text: str) -> bool:
    return text.count('"') % 2 == 1 or text.count("“") != text.count("”")


# An article that opens a noun phrase, and a verb form that follows one as an adjective ("a suspected attack").
_LEADING_ARTICLE = re.compile(r"^(?:%s)\s+" % alternatives(_CUES["article"]), re.IGNORECASE)
_ADJECTIVAL = re.compile(r"\b(?:%s)\s+$" % alternatives(_CUES["article"]), re.IGNORECASE)


def phrase_title(sentence: str, phrase: tuple[int, int], date_spans: tuple[tuple[int, int], ...] = ()) -> str:
    """A headline for the happening named by the words of ``sentence`` at ``phrase``: a clause ("rebels
    attacked an army checkpoint near Morek") or a noun phrase ("a suspected gas attack", without its
    article), with the dates of ``date_spans`` in it left out."""
    start, end = phrase
    text = without_notes(sentence[start:end]) if "[" in sentence else sentence[start:end]
    for a, b in sorted(date_spans, reverse=True):
        if start <= a and b <= end:
            text = _drop_span(text, a - start, b - start)
    text = tidy_title(text)
    if not any(not _ADJECTIVAL.search(text, 0, verb.start()) for verb in _FIRST_VERB.finditer(text)):
        text = _LEADING_ARTICLE.sub("", text)  # a noun phrase: "Fall of Aleppo"
    return text[:1].upper() + text[1:]
