"""Where the tagger's TIMEX3 values go wrong, by kind, and what changing a convention would cost.

    python benchmarks/value_errors.py ../shared/corpora/tempeval3/tbaq [--examples 3]

Every relaxed match whose value differs from the gold is put in the first
category of ``CATEGORIES`` whose patterns fit the shape of the gold text and the
two values.  A category is one of three kinds:

- ``convention``: gold and tagger write the same reading differently (``1989-WXX``
  against ``1989-W43`` for "last week").  For these the script counts what
  flipping the tagger's convention would lose: the matches that are right now,
  whose text has the same shape (a signature such as ``last week`` or
  ``N year ago``) and whose value the tagger writes the way it wrote the wrong
  one (the same value shape, ``9999-W99``).  A flip gains at most the errors
  whose gold values, for each text signature, share the commonest shape.
- ``gold``: the gold value contradicts its own text (a date that is not on the
  weekday the text names, "13 years" valued ``P12Y``, an unpadded week).
- ``ours``: the tagger read the text differently (another extent, another
  anchor or date): fixable by better rules, not by a convention.

It prints the table for all types and for DATE only (the scorer's "DATE value
F1"), then upper bounds: value F1 if every convention category whose flip gains
more than it loses were flipped (also decided signature by signature, where a
signature has two errors or more), and if in addition every ``ours`` error were
fixed; last, what DATE-only scores lose to type disagreements.
"""
from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from timeline.evaluation import evaluate_corpus, read_corpus  # noqa: E402
from timeline.evaluation.scorer import Scores  # noqa: E402
from timeline.temporal.values import interval_of  # noqa: E402
from timeline.temporal.vocabulary import MONTHS, NUMBERS, UNITS, UNIT_PLURALS, WEEKDAYS  # noqa: E402


def _words(words) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


MONTH = rf"\b(?:{_words(MONTHS)})\b\.?"
WEEKDAY = rf"\b(?:{_words(w for w in WEEKDAYS if w.endswith('day'))})\b"
PART_OF_DAY = r"T(?:MO|MI|AF|EV|NI|DT)"
OFFSET_WORDS = r"\b(?:ago|earlier|later|before|after|previous|prior|year-ago|year-earlier|since|from)\b"

# The shape of a text: names, numbers and years replaced by placeholders, units in the singular.
SIGNATURE = [
    (r"\b(?:1[5-9]|20)[0-9]0'?s\b|'[0-9]0s\b", "DECADE"),
    (r"\b(?:1[5-9]|20)[0-9]{2}\b", "YEAR"),
    (MONTH, "MONTH"),
    (WEEKDAY, "WEEKDAY"),
    (r"\b[0-9]{1,2}(?:[:.][0-9]{2})?\s*(?:a\.?m\.?|p\.?m\.?)", "CLOCK"),
    (r"\b[0-9]+(?:[.,][0-9]+)?(?:st|nd|rd|th)?\b", "N"),
    (rf"\b(?:{_words(w for w, n in NUMBERS.items() if n is not None)})\b", "N"),
    (rf"\b(?:{_words(w for w, n in NUMBERS.items() if n is None)})\b", "X"),
    (r"\bN(?:[-\s]N)+\b", "N"),
    (r"\b(second|minute|hour|day|week|month|quarter|year|decade)s\b", r"\1"),
    (r"\bcenturies\b", "century"),
    (r"^\W+|\W+$", ""),
    (r"^(?:(?:the|early|late|mid|earlier|later|on|in|at)\b[\s-]*)+", ""),
    (r"\s+", " "),
]
SIGNATURE = [(re.compile(pattern, re.IGNORECASE), replacement) for pattern, replacement in SIGNATURE]


def signature(text: str) -> str:
    """The shape of an expression's text: "two weeks ago" and "a week ago" are both ``N week ago``."""
    for pattern, replacement in SIGNATURE:
        text = pattern.sub(replacement, text)
    return text.lower()


def value_shape(value: str) -> str:
    """The shape of a value: ``1998-W33`` is ``9999-W99``."""
    return re.sub(r"[0-9]", "9", value)


# Durations as a number of days, to tell "P10Y" and "P1DE" (the same length) from "P12Y" and "13 years".
DAYS_PER = {"Y": 365.25, "M": 30.44, "W": 7, "D": 1, "Q": 91.3, "E": 3652.5, "DE": 3652.5, "C": 36525, "CE": 36525,
            "L": 365250, "ML": 365250, "H": 1 / 24, "TM": 1 / 1440, "S": 1 / 86400, "WE": 2}
_DURATION = re.compile(r"^P(?:(?P<n>[0-9.]+|X)(?P<unit>DE|CE|ML|WE|[YMWDQECL]))?(?:T(?P<tn>[0-9.]+|X)(?P<tunit>[HMS]))?$")


def duration_days(value: str) -> float | None:
    """The length of a one-unit TIMEX3 duration in days (None: not one, or X units)."""
    m = _DURATION.match(value)
    if not m or not (m["unit"] or m["tunit"]):
        return None
    n, unit = (m["n"], m["unit"]) if m["unit"] else (m["tn"], "T" + m["tunit"] if m["tunit"] == "M" else m["tunit"])
    if n == "X":
        return None
    return float(n) * DAYS_PER[unit]


def duration_unit(value: str) -> str | None:
    m = _DURATION.match(value)
    if not m:
        return None
    return m["unit"] or ("T" + m["tunit"] if m["tunit"] else None)


_COUNT = re.compile(rf"^(?:(?:the|about|some|nearly|almost|over|for|past|last|next)\s+)*"
                    rf"(?P<n>[0-9]+|{_words(w for w, n in NUMBERS.items() if n is not None)})[\s-]+"
                    rf"(?P<unit>{_words(list(UNITS) + list(UNIT_PLURALS))})s?$", re.IGNORECASE)


def _text_days(text: str) -> float | None:
    """The length "13 years", "six months", "the past two days" says in days, if it is that simple."""
    m = _COUNT.match(text.strip())
    if not m:
        return None
    word = m["n"].lower()
    n = int(word) if word.isdigit() else NUMBERS[word]
    unit = m["unit"].lower()
    letter, multiple, _ = UNITS[UNIT_PLURALS.get(unit, unit)]
    letter = "TM" if unit.startswith("minute") else letter
    return n * multiple * DAYS_PER[letter]


def _first_day(value: str) -> dt.date | None:
    interval = interval_of(value.split("T")[0])
    return interval.start if interval else None


# How a gold value can contradict its own text: each check takes the gold text, the gold value and the DCT.
def _wrong_weekday(text, gold, dct):
    names = re.findall(WEEKDAY, text, re.IGNORECASE)
    if len(names) != 1 or re.search(OFFSET_WORDS, text, re.IGNORECASE) or not re.match(r"^\d{4}-\d\d-\d\d", gold):
        return False
    day = _first_day(gold)
    return day is not None and day.isoweekday() != WEEKDAYS[names[0].lower()]


def _wrong_year(text, gold, dct):
    years = re.findall(r"(?<![0-9'])((?:1[5-9]|20)[0-9]{2})(?!s|[0-9])", text)
    return (len(years) == 1 and re.match(r"^\d{4}", gold) is not None and gold[:4] != years[0]
            and not re.search(OFFSET_WORDS, text, re.IGNORECASE))


def _wrong_month(text, gold, dct):
    months = re.findall(MONTH, text, re.IGNORECASE)
    m = re.match(r"^\d{4}-(\d\d)", gold)
    return (len(months) == 1 and m is not None and not re.search(OFFSET_WORDS, text, re.IGNORECASE)
            and MONTHS[months[0].lower().rstrip(".")] != int(m.group(1)))


def _wrong_length(text, gold, dct):
    said, valued = _text_days(text), duration_days(gold)
    return said is not None and valued is not None and abs(said - valued) > 0.05 * said


def _far_from_dct(text, gold, dct):
    """A relative expression ("fourth quarter") valued years away from the DCT, with no year in its text."""
    return (dct is not None and re.match(r"^\d{4}", gold) is not None and abs(int(gold[:4]) - dct.year) >= 5
            and not re.search(r"[0-9]|\b(?:decade|century|centuries|ago|years|earlier|later)\b", text, re.IGNORECASE))


CONTRADICTIONS = (_wrong_weekday, _wrong_year, _wrong_month, _wrong_length, _far_from_dct)


@dataclass
class Error:
    """A relaxed match with a wrong value, as the categories see it."""

    document: str
    gold_text: str
    our_text: str
    gold: str
    ours: str
    gold_type: str
    our_type: str
    dct: dt.date | None


# Relations between the two values that a regex cannot say.
def _x_padded(e: Error) -> bool:
    return e.gold.startswith(e.ours) and set(e.gold[len(e.ours):]) <= set("X-")


def _ours_plus_part(e: Error) -> bool:
    return re.sub(PART_OF_DAY + "$", "", e.ours) == e.gold


def _same_day_other_part(e: Error) -> bool:
    return e.gold.split("T")[0] == e.ours.split("T")[0]


def _contradicts(e: Error) -> bool:
    return any(check(e.gold_text, e.gold, e.dct) for check in CONTRADICTIONS)


def _same_length(e: Error) -> bool:
    a, b = duration_days(e.gold), duration_days(e.ours)
    if a is None or b is None:
        return "X" in e.gold and "X" in e.ours and duration_unit(e.gold) != duration_unit(e.ours)
    return abs(a - b) <= 0.05 * max(a, b)


def _weeks_apart(e: Error) -> bool:
    a, b = _first_day(e.gold), _first_day(e.ours)
    days = len(e.gold.split("T")[0]) == len(e.ours.split("T")[0]) == 10
    return days and a is not None and b is not None and a != b and (a - b).days % 7 == 0


def _nested(e: Error) -> bool:
    """One value's interval holds the other's, at another precision ("1989" and "1989-12-31")."""
    a, b = interval_of(e.gold.split("T")[0]), interval_of(e.ours.split("T")[0])
    return (a is not None and b is not None and a.precision != b.precision
            and (a.start <= b.start and b.end <= a.end or b.start <= a.start and a.end <= b.end))


_LIGHT_WORDS = re.compile(r"\b(?:the|a|an|on|in|at|that|this|early|late|mid|morning|afternoon|evening|night|"
                          r"s)\b|[^\w]", re.IGNORECASE)


def _other_extent(e: Error) -> bool:
    """The two spans differ by words that carry a value ("Three days" / "Three days later")."""
    return _LIGHT_WORDS.sub("", e.gold_text).lower() != _LIGHT_WORDS.sub("", e.our_text).lower()


def _same_shape(e: Error) -> bool:
    return value_shape(e.gold) == value_shape(e.ours)


@dataclass(frozen=True)
class Category:
    name: str
    kind: str  # "convention", "gold" or "ours"
    text: str = ""  # regex on the gold text
    gold: str = ""  # regex on the gold value
    ours: str = ""  # regex on our value
    relation: object = None  # a test of the two values a regex cannot write
    shape: str = ""  # regex on the gold text of the right values a flip would change (default: same signature)

    def fits(self, e: Error) -> bool:
        return (re.search(self.text, e.gold_text, re.IGNORECASE) is not None
                and re.search(self.gold, e.gold) is not None and re.search(self.ours, e.ours) is not None
                and (self.relation is None or self.relation(e)))


YEAR_AGO = r"\byear(?:s)?\b.*\b(?:ago|earlier)\b|\byear-(?:ago|earlier)\b|\blast year\b|\b(?:period|quarter)\b"
CATEGORIES = [
    # The gold contradicts itself.
    Category("gold: unpadded week (2000-W7)", "gold", gold=r"-W\d(?!\d)"),
    Category("gold: value contradicts its text", "gold", relation=_contradicts),
    # Both read the same time; they write it differently.
    Category("clock hour without minutes (T17)", "convention", gold=r"T\d\d$", ours=r"T\d\d:\d\d$",
             shape=r"\d|noon|midnight"),
    Category("part of day left out (TNI, TMO)", "convention", ours=PART_OF_DAY + "$", relation=_ours_plus_part,
             shape=r"morning|afternoon|evening|night"),
    Category("other part of day (TEV for night)", "convention", gold=PART_OF_DAY + "$", ours=PART_OF_DAY + "$",
             relation=_same_day_other_part, shape=r"morning|afternoon|evening|night"),
    Category("week of year vs WXX", "convention", text=r"\bweeks?\b", gold=r"^\d{4}-WXX$", ours=r"^\d{4}-W\d\d$"),
    Category("week valued as month or day", "convention", text=r"\bweeks?\b", gold=r"^\d{4}-\d\d(-\d\d|-XX)?$",
             ours=r"^\d{4}-W\d\d$"),
    Category("year-ago: year vs quarter", "convention", text=YEAR_AGO, gold=r"^\d{4}$", ours=r"^\d{4}-Q\d$"),
    Category("year-ago: quarter vs year", "convention", text=YEAR_AGO, gold=r"^\d{4}-Q\d$", ours=r"^\d{4}$"),
    Category("quarter: QX vs Qn", "convention", gold=r"-QX$", ours=r"-Q\d$"),
    Category("year-ago: day or month vs year/quarter", "convention", text=YEAR_AGO,
             gold=r"^\d{4}-\d\d(-\d\d)?$", ours=r"^\d{4}(-Q\d)?$"),
    Category("year vs year-XX (1949 / 1949-XX)", "convention", ours=r"^\d{4}$", relation=_x_padded),
    Category("decade/century: 198 vs 198X", "convention", ours=r"^\d{2,3}$", relation=_x_padded,
             shape=r"\d0'?s\b|century|decade|ties\b"),
    Category("date vs date-XX (1998-04 / 1998-04-XX)", "convention", relation=_x_padded),
    Category("PAST_REF/FUTURE_REF vs PnX duration", "convention", gold=r"_REF$", ours=r"^P.*X"),
    Category("PnX duration vs PAST_REF/FUTURE_REF", "convention", gold=r"^P.*X", ours=r"_REF$"),
    Category("duration in other units (P1DE / P10Y)", "convention", gold=r"^P", ours=r"^P", relation=_same_length),
    # Readings of a different extent.
    Category("extent: other words, other value", "ours", relation=_other_extent),
    Category("date valued as a duration (P1W for last week)", "convention", gold=r"^P", ours=r"^\d"),
    Category("duration valued as a date (weeks: 1998-10)", "convention", gold=r"^\d|_REF$", ours=r"^P"),
    Category("granularity: one value holds the other", "convention", relation=_nested),
    Category("weekday a week off (direction, story date)", "ours", text=WEEKDAY, relation=_weeks_apart),
    Category("anchoring: another date of the same kind", "ours", relation=_same_shape),
    Category("other", "ours"),
]


def classify(scores: Scores, dcts) -> tuple[dict[str, list[Error]], list[tuple[str, str]]]:
    """The wrong values by category, and the (gold text, our value) of every right one."""
    errors: dict[str, list[Error]] = defaultdict(list)
    right = []
    for m in scores.matches:
        if m.gold is None or m.system is None:
            continue
        if m.gold.value == m.system.value:
            right.append((m.gold.text, m.system.value))
            continue
        e = Error(m.document, m.gold.text, m.system.text, m.gold.value, m.system.value, m.gold.type, m.system.type,
                  dcts.get(m.document))
        category = next(c for c in CATEGORIES if c.fits(e))
        errors[category.name].append(e)
    return errors, right


def flip_losses(category: Category, errors: list[Error], right: list) -> int:
    """How many right values a flip would change: those whose value has the shape of ours in an error, and
    whose text has the shape the category names, or else the signature of an error's text."""
    values = {value_shape(e.ours) for e in errors}
    if category.shape:
        shape = re.compile(category.shape, re.IGNORECASE)
        return sum(1 for text, value in right if value_shape(value) in values and shape.search(text))
    signatures = {(signature(e.gold_text), value_shape(e.ours)) for e in errors}
    return sum(1 for text, value in right if (signature(text), value_shape(value)) in signatures)


def flip_gain(errors: list[Error]) -> int:
    """The errors one flip can mend: per text signature, those whose gold values have the commonest shape."""
    shapes = defaultdict(Counter)
    for e in errors:
        shapes[signature(e.gold_text)][value_shape(e.gold)] += 1
    return sum(max(counts.values()) for counts in shapes.values())


def report(title: str, scores: Scores, dcts, examples: int) -> None:
    errors, right = classify(scores, dcts)
    print(f"\n{title}: {scores.relaxed} relaxed matches, {scores.value} right values, "
          f"{scores.relaxed - scores.value} wrong; value F1 {scores.value_f1:.4f}")
    print(f"{'category':46} {'kind':10} {'errors':>6} {'docs':>4} {'gain':>5} {'loses':>5} {'net':>5}")
    gains = Counter()
    for category in CATEGORIES:
        found = errors.get(category.name, [])
        if not found:
            continue
        documents = len({e.document for e in found})
        if category.kind == "convention":
            lose = flip_losses(category, found, right)
            gain = flip_gain(found)
            gains["flip"] += max(gain - lose, 0)
            # The same flip decided for each text shape alone, where it has at least two errors.
            by_signature = defaultdict(list)
            for e in found:
                by_signature[signature(e.gold_text)].append(e)
            gains["flip each shape"] += sum(max(flip_gain(group) - flip_losses(Category("", ""), group, right), 0)
                                            for group in by_signature.values() if len(group) >= 2)
            print(f"{category.name:46} {category.kind:10} {len(found):6d} {documents:4d} {gain:5d} {lose:5d} "
                  f"{gain - lose:+5d}")
        else:
            gains[category.kind] += len(found)
            print(f"{category.name:46} {category.kind:10} {len(found):6d} {documents:4d}")
        for e in found[:examples]:
            print(f"      {e.gold_text!r} gold {e.gold} / ours {e.our_text!r} {e.ours}  ({e.document})")

    def bound(gain: int) -> str:
        right_values = scores.value + gain
        return f"{scores.relaxed_f1 * right_values / scores.relaxed if scores.relaxed else 0.0:.4f} (+{gain})"

    print(f"value F1 now {scores.value_f1:.4f}")
    print(f"  flipping each convention category that gains more than it loses: {bound(gains['flip'])}")
    print(f"  the same, deciding each text shape with two errors or more alone:  {bound(gains['flip each shape'])}")
    print(f"  flipping by category and fixing every 'ours' error:               {bound(gains['flip'] + gains['ours'])}")
    print(f"  every value right (relaxed F1; {gains['gold']} gold errors):             {scores.relaxed_f1:.4f}")


def date_types(total: Scores, dates: Scores) -> None:
    """What DATE-only scores lose to type disagreements: a gold DATE we type TIME is no DATE match at all."""
    theirs = sum(1 for m in total.matches if m.gold and m.system and m.gold.type == "DATE" != m.system.type)
    ours = sum(1 for m in total.matches if m.gold and m.system and m.system.type == "DATE" != m.gold.type)
    same = sum(1 for m in total.matches if m.gold and m.system and m.gold.type == "DATE" != m.system.type
               and m.gold.value == m.system.value)
    system = dates.system + theirs - ours
    relaxed = dates.relaxed + theirs
    precision, recall = relaxed / system, relaxed / dates.gold
    f1 = 2 * precision * recall / (precision + recall)
    print(f"\nDATE only, types: {theirs} gold DATEs matched by an expression we type otherwise "
          f"({same} with the gold's value), {ours} of our DATEs matched to gold of another type.")
    print(f"  with every type agreeing, DATE relaxed F1 {dates.relaxed_f1:.4f} -> {f1:.4f}; DATE value F1 "
          f"{dates.value_f1:.4f} -> {f1 * (dates.value + same) / relaxed:.4f} (values as they are)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", help="folder of TimeML (.tml) files")
    parser.add_argument("--examples", type=int, default=0, help="errors to show under each category")
    args = parser.parse_args()
    result = evaluate_corpus(args.corpus)
    dcts = {}
    for doc in read_corpus(args.corpus, problems=[]):
        interval = interval_of(doc.dct[:10]) if doc.dct else None
        dcts[doc.name] = interval.start if interval else None
    report("All types", result.total, dcts, args.examples)
    report("DATE only", result.dates, dcts, args.examples)
    date_types(result.total, result.dates)


if __name__ == "__main__":
    main()
