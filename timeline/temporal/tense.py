"""Tense of the clause around an expression: whether it speaks of the past or the future
(``direction``), from the cue words and clause ends found once per block of text."""

from __future__ import annotations

import bisect
import re

from .firstchars import with_lookahead
from .rules import alternation
from .vocabulary import (LANGUAGE, AHEAD_OF, FUTURE_AUXILIARIES, FUTURE_CUES, IRREGULAR_PAST, MONTHS, NOT_PAST_FORMS, PAST_CUES,
                         PLANS, REPORTING, SCHEDULED)
from .context import Context, context_pattern, context_text, role_words

# One scan finds tense cues: group "future" for words pointing ahead, "past" for past forms.
# Case-sensitive on purpose (lower case and capitalised forms listed): far faster to scan than IGNORECASE.
_CUES = with_lookahead(re.compile(
    r"(?<![A-Za-z'])(?:(?P<future>" + alternation(list(FUTURE_CUES) + [c.capitalize() for c in FUTURE_CUES
                                                                     if c not in MONTHS] + list(SCHEDULED)
                                                  + list(AHEAD_OF) + [c.capitalize() for c in AHEAD_OF])
    + r")|(?P<past>" + alternation(list(PAST_CUES) + [c.capitalize() for c in PAST_CUES])
    + r")|(?P<ed>" + context_text("regular_past") + "|" + alternation(IRREGULAR_PAST)
    + r"))(?![A-Za-z])"))
_NOT_A_VERB_BEFORE = context_pattern("not_a_verb_before")
# The past cues that are also participles ("announced", "told", "made"), which "be" before makes passive.
_PARTICIPLE_CUES = frozenset(word for word in PAST_CUES if word.endswith("ed") or word in LANGUAGE.past_forms)
_NOT_SCHEDULED_BEFORE = context_pattern("not_scheduled_before")
_ADJECTIVES_AFTER_DETERMINER = frozenset(role_words("adjective_after_determiner"))
_DETERMINER_BEFORE = context_pattern("determiner_before")
_COMPARATIVE_AFTER = context_pattern("comparative_after")
_QUOTATION_END_BEFORE = context_pattern("quotation_end_before")
_MODAL_PERFECT_AFTER = context_pattern("modal_perfect_after")
_PERFECT_MODALS = frozenset(role_words("perfect_modal"))
_CLAUSE_OPENER_BETWEEN = context_pattern("clause_opener_between")
_ADVERB_ADJECTIVE_BEFORE = context_pattern("adverb_adjective_before")
_NOT_A_PAST_ENDING = context_pattern("not_a_past_ending")
_ADJECTIVE_OF_SUBJECT_AFTER = context_pattern("adjective_of_subject_after")
_REPORTING_WORDS = frozenset(word.lower() for word in REPORTING)
# Auxiliaries that put the whole clause in the future ("will hold a meeting ... on Friday"): one
# before the expression wins over cues after it, unless a past form stands between them.
_NEW_CLAUSE = context_pattern("new_clause")
_TO_AFTER = context_pattern("to_after")
_CAUSE_AFTER = context_pattern("cause_after")
_PLUPERFECT_BEFORE = context_pattern("pluperfect_before")
_PLACE_BEFORE_TO, _CAUSE_BEFORE_TO = role_words("place_before_to"), role_words("cause_before_to")
# A reporting verb after the expression ("will meet Friday, officials said") says nothing of its tense.
REPORTING_VERB = re.compile(r"\b(?:" + "|".join(map(re.escape, REPORTING)) + r")\b", re.IGNORECASE)
_TOWARDS = context_pattern("towards")
_SINCE_IN_CLAUSE = context_pattern("since_in_clause")
_PRESENT_PROGRESSIVE = with_lookahead(context_pattern("present_progressive"))
_RELATIVE_CLAUSE_OPEN = context_pattern("relative_clause_open")
_INFINITIVE = context_pattern("infinitive")
_PAST_FINITE = context_pattern("past_finite")
_FUTURE_FINITE = context_pattern("future_finite")
_AHEAD_BETWEEN = context_pattern("ahead_between")
_ONSET_BEFORE = context_pattern("onset_before")
_MANNER_BEFORE = context_pattern("manner_before")
_ANAPHORIC_AFTER_THE, _THE_BEFORE = frozenset(LANGUAGE.cues["anaphoric_after_the"]), context_pattern("the_before")
_TIME_WORD_AFTER = re.compile(r"\s+(?:%s)\b" % alternation(
    [*LANGUAGE.units, *LANGUAGE.unit_plurals, *LANGUAGE.parts_of_day, *LANGUAGE.seasons]), re.IGNORECASE)
_NAME_BESIDE_AFTER, _NAME_BESIDE_BEFORE = context_pattern("name_beside_after"), context_pattern("name_beside_before")
_LASTING_PAST = role_words("lasting_past")
_SUSPENDED_UNTIL = context_pattern("suspended_until_before")
_LASTING_PRESENT = re.compile(r"\b(?:%s)\b" % "|".join(map(re.escape, role_words("lasting_present"))), re.IGNORECASE)
_ABBREVIATIONS = tuple(role_words("abbreviation"))
_CLAUSE_END = re.compile(r"[;:!?]\s|\.(?<![A-Z]\.)" + "".join(rf"(?<!\b{a}\.)" for a in _ABBREVIATIONS)
                         + r"\s(?!\s*[a-z])|\n")


# The cues a clause's direction is read from, nearest first and a future cue first on a tie: a plan
# made in the past ("planned a rally on Saturday") says nothing of whether its day is behind or ahead.
_RANK = {"past": 1, "plan": 2}
_PLANNING = frozenset({"future", "plan", "auxiliary", "arrangement"})
_VERB_KINDS = frozenset({"past", "future", "plan", "auxiliary", "ahead_of"})
_PAST_OF_BE = context_pattern("past_of_be")

_BLOCK = 1024


def _marks(ctx: Context, block: int) -> list[tuple[int, int, str]]:
    """Tense cues and clause ends starting in one block of the text, found once per block.

    Cached so that a text dense with expressions is still scanned only once.
    """
    marks = ctx.marks.get(block)
    if marks is None:
        low, high = block * _BLOCK, (block + 1) * _BLOCK
        text = ctx.text
        marks = []
        for m in _CUES.finditer(text, low, high + 40):
            m_start = m.start()
            if m_start >= high:
                break
            kind = m.lastgroup
            if m_start and text[m_start - 1] == "-":
                continue  # "a smaller-than-expected rise", "a long-awaited vote": part of an adjective, no verb
            if kind == "ed":
                # "will be named" looks ahead; "need", "hundred" are not past forms.
                # The tests are pure: the cheapest first, the search of the 30 characters before last.
                if m.group() in NOT_PAST_FORMS or text.startswith("-", m.end()) \
                        or _NOT_A_PAST_ENDING.search(m.group()) \
                        or _NOT_A_VERB_BEFORE.search(text, max(0, m_start - 8), m_start) \
                        or (_ADJECTIVE_OF_SUBJECT_AFTER.match(text, m.end())
                            and m.group().lower() not in _REPORTING_WORDS) \
                        or _ADVERB_ADJECTIVE_BEFORE.search(text, max(0, m_start - 30), m_start):
                    continue  # "a closed-door meeting", "unleaded petrol will be": an adjective
                kind = "plan" if m.group() in PLANS else "past"
            elif kind == "future" and m.group().lower() in _ANAPHORIC_AFTER_THE \
                    and _THE_BEFORE.search(text, max(0, m_start - 5), m_start) \
                    and _TIME_WORD_AFTER.match(text, m.end()):
                continue  # "and the next year she appeared": from the story's time ("the next match" looks ahead)
            elif kind == "future" and m.group()[0].isupper() and (
                    _NAME_BESIDE_AFTER.match(text, m.end())
                    or _NAME_BESIDE_BEFORE.search(text, max(0, m_start - 30), m_start)):
                continue  # "the National Planning Committee", "Will Smith": a word of a name, no verb
            elif kind == "past" and _COMPARATIVE_AFTER.match(text, m.end()):
                continue  # "no earlier than Monday": a comparison, no past
            elif kind == "past" and m.group().lower() in _ADJECTIVES_AFTER_DETERMINER \
                    and _DETERMINER_BEFORE.search(text, max(0, m_start - 8), m_start):
                continue  # "is to compete with its last rival on Thursday": "last" is "final", no past
            elif kind == "past" and m.group().lower() in _PARTICIPLE_CUES \
                    and _NOT_A_VERB_BEFORE.search(text, max(0, m_start - 8), m_start):
                continue  # "will be announced", "is to be made": a passive participle, no past tense
            elif kind == "future" and m.group().lower() in _PERFECT_MODALS and _MODAL_PERFECT_AFTER.match(text, m.end()):
                kind = "past"  # "would have risen in October": a perfect after a modal looks back
            elif kind == "future" and m.group().lower() in AHEAD_OF:
                kind = "ahead_of"
            elif kind == "future" and m.group() in SCHEDULED and (text.startswith("-", m.end())
                                                                   or _NOT_SCHEDULED_BEFORE.search(text, max(0, m_start - 12), m_start)):
                continue  # "agreed to meet Monday", "the start of trading", "open-air": no verb of the day
            elif kind == "future" and m.group().lower() in _PLACE_BEFORE_TO and _TO_AFTER.match(text, m.end()):
                continue  # "next to the embassy": a place
            elif kind == "future" and m.group().lower() in _CAUSE_BEFORE_TO and _CAUSE_AFTER.match(text, m.end()):
                continue  # "due to injuries": a cause, not a schedule
            elif kind == "future" and _PLUPERFECT_BEFORE.search(text, max(0, m_start - 20), m_start):
                kind = "past"  # "had been due to expire Friday": a plan seen from the past, now past
            elif kind == "future" and m.group().lower() in FUTURE_AUXILIARIES:
                kind = "auxiliary"
            marks.append((m_start, m.end(), kind))
        marks += [(m.start(), m.end(), "clause") for m in _CLAUSE_END.finditer(text, low, high + 2) if m.start() < high]
        marks.sort()
        # "were" or "was" right before a word of plan or schedule ("were planning to", "was expected to",
        # "was due") only puts the plan in the past: the plan's word says where its day lies.
        marks = [mark for mark, following in zip(marks, marks[1:] + [None])
                 if not (mark[2] == "past" and following is not None and following[2] in _PLANNING
                         and following[0] - mark[1] <= 1 and _PAST_OF_BE.fullmatch(text, mark[0], mark[1]))]
        if len(ctx.marks) > 8:  # the scan only moves forward: forget blocks left behind
            for old in [b for b in ctx.marks if b < block - 2]:
                del ctx.marks[old]
        ctx.marks[block] = marks
    return marks


def direction(ctx: Context, start: int, end: int, default: int = -1, yearly: bool = False) -> int:
    """+1 when the clause around a span speaks of the future, -1 of the past; ``default`` when nothing says.

    The nearest cue word wins; a future cue wins a tie ("expected" is both a
    past form and a cue for the future).  For a date that comes back every year
    (a month, a day of a month), a past verb governing an infinitive says
    nothing (0): "agreed to buy the line in February" may speak of next February.
    """
    text = ctx.text
    low, high = max(0, start - 80), end + 50
    marks = []
    for block in range(low // _BLOCK, high // _BLOCK + 1):
        block_marks = _marks(ctx, block)
        first = bisect.bisect_left(block_marks, (low,))
        last = bisect.bisect_right(block_marks, (high,))
        marks += block_marks[first:last]
    # A present progressive before a date is an arrangement ahead ("is leaving the bank in June"): with a date
    # behind it would not be English.  Looked for here, before the date only, not in the scan of whole blocks.
    arrangements = [(m.start(), m.end(), "arrangement") for m in _PRESENT_PROGRESSIVE.finditer(text, low, start)]
    if arrangements:
        marks = sorted(marks + arrangements)
    for m_start, m_end, kind in marks:
        if kind == "clause":
            if m_end <= start:
                low = max(low, m_end)
            elif m_start >= end:
                high = min(high, m_start)
                break
    if _RELATIVE_CLAUSE_OPEN.search(text, low, start):
        comma = text.find(",", end, high)
        if comma >= 0:
            high = comma
    if _TOWARDS.search(text, max(low, start - 25), start):
        # A deadline: the nearest occurrence, unless the clause is in a past tense ("had filed by Wednesday")
        # or in the future ("will remain until January").
        clause = text[low:high]
        if _SUSPENDED_UNTIL.search(text, max(low, start - 60), start):
            return 1  # "leave was canceled until Friday": put off until a day ahead of the telling
        past = None
        for past in _PAST_FINITE.finditer(text, low, start):
            pass
        if past is not None and not _AHEAD_BETWEEN.search(text, past.end(), start) \
                or past is None and _PAST_FINITE.search(text, start, high):
            return -1  # not "was hopeful that the process would be concluded by Wednesday": ahead of that past
        if _FUTURE_FINITE.search(clause):
            return 1
        # "fighting continued through the weekend", "stayed until Sunday": a past verb of lasting that governs
        # the phrase itself, not through an infinitive or a modal, puts the end of its time in the past.
        verbs = [m for m in marks if m[2] in _VERB_KINDS and m[0] >= low and m[1] <= start]
        if verbs and text[verbs[-1][0]:verbs[-1][1]].lower() in _LASTING_PAST \
                and not _AHEAD_BETWEEN.search(text, verbs[-1][1], start):
            return -1
        # "the truce holds until March": a verb of lasting in the present governs it, the end lies ahead.
        if not verbs and _LASTING_PRESENT.search(text, low, start):
            return 1
        # "officials hope to finish the road by June": a word of the future before the deadline in its clause
        return 1 if any(kind in _PLANNING and kind != "plan" and m_start >= low and m_end <= start
                        for m_start, m_end, kind in marks) else 0
    since = _SINCE_IN_CLAUSE.search(text, low, start)
    if since and not any(kind in _PLANNING and m_start >= since.start() and m_end <= start
                         for m_start, m_end, kind in marks):
        return -1  # unless the clause looks ahead: "since the talks will resume on Monday" gives a cause
    auxiliary = False
    for m_start, m_end, kind in marks:
        if kind == "clause" or m_start < low or m_end > start:
            continue
        if kind == "auxiliary":
            auxiliary = m_end
        elif kind == "past":
            auxiliary = False
    if auxiliary and not _NEW_CLAUSE.search(text, auxiliary, start):
        return 1
    best = None
    best_end = best_start = None
    for m_start, m_end, kind in marks:
        if kind == "clause" or m_start < low:
            continue
        if m_end <= start:
            if kind == "ahead_of" and "," in text[m_end:start]:
                continue  # "ahead of the poll, on Tuesday it reached agreement": another phrase
            candidate = (start - m_end, _RANK.get(kind, 0))
            if best is None or candidate <= best:
                best, best_end, best_start = candidate, m_end, m_start
        elif m_start >= end and m_end <= high:
            if kind == "ahead_of" or _MANNER_BEFORE.search(text, max(end, m_start - 8), m_start):
                continue  # "on Tuesday ahead of the vote": what lies ahead is the vote; "from Friday as planned"
            if _CLAUSE_OPENER_BETWEEN.search(text, end, m_start):
                break  # "in October, which is expected to last": the cue is another clause's
            if kind == "past" and REPORTING_VERB.fullmatch(text, m_start, m_end) and (
                    len(text[m_end:high].split()) <= 2 or _QUOTATION_END_BEFORE.search(text, max(end, m_start - 30), m_start)):
                continue
            # The verb that governs a time phrase mostly comes before it: words after count double.
            candidate = (2 * (m_start - end) + 3, _RANK.get(kind, 0))
            if best is None or candidate < best:
                best, best_end = candidate, None
            break
    if _ONSET_BEFORE.search(text, max(low, start - 30), start):
        if best is None:
            return 1  # "with production starting in December", no tense cue in the clause: an arrangement ahead
        if best_end is not None and best[1] == _RANK["past"] and text[best_start:best_end].lower() in _REPORTING_WORDS:
            return default  # "announced three days of mourning starting on Wednesday": the saying is past, not the onset
    if best is None or best[1] == _RANK["plan"]:
        return default
    if yearly and best[1] == 1 and best_end is not None and _INFINITIVE.search(text, best_end, start):
        return 0
    return 1 if best[1] == 0 else -1
