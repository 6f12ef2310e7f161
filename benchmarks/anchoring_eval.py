"""How well the events stage picks the dates that place happenings, measured on TimeBank/AQUAINT.

The gold TIMEX3 of each TimeML file are given to the events stage as if a perfect tagger had
found them (so only the events stage is measured). TimeBank links events to times (TLINK
IS_INCLUDED, DURING, SIMULTANEOUS, ...): a DATE/TIME linked that way to an event of its own
sentence places a happening there. The script prints

- recall: of those anchoring dates, the share that gives an event;
- unlinked events: events whose date TimeBank links to no event of the sentence (TLINKs are
  sparse, so this is an upper bound on events that should not exist);
- two happenings: sentences with two anchoring dates of different values for different events,
  and the share of them that give two events or more.

    python benchmarks/anchoring_eval.py ../shared/corpora/tempeval3/tbaq
"""
from __future__ import annotations

import argparse
import html
import re
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # this checkout's timeline

from timeline.cleaning import clean  # noqa: E402
from timeline.documents import Document  # noqa: E402
from timeline.events import extract_events  # noqa: E402
from timeline.sentences import split_sentences  # noqa: E402
from timeline.temporal import TemporalExpression  # noqa: E402

ANCHORING = {"IS_INCLUDED", "INCLUDES", "DURING", "DURING_INV", "SIMULTANEOUS", "BEGINS", "ENDS", "BEGUN_BY",
             "ENDED_BY"}
_TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
_ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')


def parse(path: Path):
    """Text of <TEXT>, its TIMEX3 and EVENT spans, the DCT and the TLINKs of one TimeML file."""
    raw = path.read_text(encoding="utf-8")
    dct = re.search(r'<DCT>.*?value="([^"]+)"', raw, re.S)
    body = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.S)
    text_parts: list[str] = []
    length = 0
    open_tags: list[tuple[str, dict, int]] = []
    timexes, events = {}, {}
    position = 0
    source = body.group(1)
    for match in _TAG.finditer(source):
        chunk = html.unescape(source[position:match.start()])
        text_parts.append(chunk)
        length += len(chunk)
        position = match.end()
        closing, name, attributes = match.groups()
        if not closing:
            open_tags.append((name, dict(_ATTRIBUTE.findall(attributes)), length))
        elif open_tags:
            tag, attrs, start = open_tags.pop()
            if tag == "TIMEX3":
                timexes[attrs["tid"]] = (start, length, attrs)
            elif tag == "EVENT":
                events[attrs["eid"]] = (start, length, attrs)
    text_parts.append(html.unescape(source[position:]))
    text = "".join(text_parts)
    instances = {a["eiid"]: a["eventID"] for a in (dict(_ATTRIBUTE.findall(m)) for m in re.findall(r"<MAKEINSTANCE([^>]*)>", raw))}
    links = []
    for attributes in re.findall(r"<TLINK([^>]*)>", raw):
        a = dict(_ATTRIBUTE.findall(attributes))
        time = a.get("timeID") or a.get("relatedToTime")
        event = instances.get(a.get("eventInstanceID") or a.get("relatedToEventInstance") or "")
        if time and event and a.get("relType") in ANCHORING:
            links.append((time, event))
    return text, (dct.group(1)[:10] if dct else None), timexes, events, links


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    args = parser.parse_args()
    files = sorted(Path(args.folder).rglob("*.tml"))
    anchored = used_anchored = events_total = unlinked = 0
    pair_sentences = pair_sentences_split = 0
    for path in files:
        text, dct, timexes, event_spans, links = parse(path)
        expressions = [
            TemporalExpression(s, e, text[s:e], a.get("type", "DATE"), a.get("value", ""), a.get("mod"), "relative")
            for s, e, a in timexes.values() if a.get("functionInDocument") != "CREATION_TIME"
        ]
        document = Document(name=path.name, text=text, published=dct)
        cleaned = clean(text)
        sentences = [s for a, b in cleaned.kept for s in split_sentences(text, a, b)]
        found = extract_events(document, sentences, expressions)
        used = defaultdict(set)  # sentence start -> expression texts that gave events
        per_sentence = defaultdict(int)
        for event in found:
            if event.date_source == "publication":
                continue
            events_total += 1
            per_sentence[event.offset[0]] += 1
            for part in event.expression.split(" … "):
                used[event.offset[0]].add(part)
        for sentence in sentences:
            inside = {tid: (s, e, a) for tid, (s, e, a) in timexes.items()
                      if sentence.start <= s and e <= sentence.end and a.get("type") in ("DATE", "TIME")
                      and a.get("functionInDocument") != "CREATION_TIME"}
            linked: dict[str, set[str]] = defaultdict(set)
            for tid, eid in links:
                if tid in inside and eid in event_spans and sentence.start <= event_spans[eid][0] < sentence.end:
                    linked[tid].add(eid)
            for tid in linked:
                anchored += 1
                if text[inside[tid][0]:inside[tid][1]] in used[sentence.start]:
                    used_anchored += 1
            for text_used in used[sentence.start]:
                if not any(text[inside[t][0]:inside[t][1]] == text_used for t in linked):
                    unlinked += 1
            values = {inside[t][2].get("value") for t in linked}
            events_linked = [frozenset(v) for v in linked.values()]
            if len(values) >= 2 and len(set(events_linked)) >= 2:
                pair_sentences += 1
                if per_sentence[sentence.start] >= 2:
                    pair_sentences_split += 1
    print(f"files: {len(files)}")
    print(f"anchoring dates (TLINK to an event of the sentence): {anchored}; giving an event: {used_anchored} "
          f"({100 * used_anchored / max(anchored, 1):.1f} %)")
    print(f"events (not publication-dated): {events_total}; whose date TimeBank links to no event of the "
          f"sentence: {unlinked} ({100 * unlinked / max(events_total, 1):.1f} %, upper bound)")
    print(f"sentences with two anchoring dates for different events: {pair_sentences}; "
          f"giving two events or more: {pair_sentences_split} ({100 * pair_sentences_split / max(pair_sentences, 1):.1f} %)")


if __name__ == "__main__":
    sys.exit(main())
