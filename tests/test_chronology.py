import datetime as dt

from timeline.chronology import Timeline
from timeline.merging import merge_events, same_happening
from timeline.events import Event, Mention


def _event(document, sentence, day, places=(), actors=(), precision="day", date_source="relative"):
    date = dt.date.fromisoformat(day)
    return Event(day, date, date, precision, sentence[:30], sentence, document, (0, len(sentence)), date_source,
                 places=tuple(Mention(p, p, "town") for p in places), actors=tuple(Mention(a, a, "armed group") for a in actors))


def test_reports_of_one_happening_merge_with_sources():
    a = _event("a.txt", "Rebels captured the town of Khan Tuman on Friday after suicide attacks.", "2016-05-06",
               ["Khan Tuman"], ["Jaysh al-Fatah"], date_source="explicit")
    b = _event("b.txt", "Jaysh al-Fatah captured Khan Touman on Friday, activists said.", "2016-05-06",
               ["Khan Tuman"], ["Jaysh al-Fatah"])
    c = _event("c.txt", "Government forces shelled Homs on Friday.", "2016-05-06", ["Homs"])
    merged = merge_events([a, b, c])
    assert len(merged) == 2
    main = next(e for e in merged if e.sources)
    assert main.document == "a.txt"
    assert [s.document for s in main.sources] == ["b.txt"]


def test_different_dates_places_or_same_document_do_not_merge():
    a = _event("a.txt", "Rebels captured the town of Khan Tuman.", "2016-05-06", ["Khan Tuman"])
    assert not same_happening(a, _event("b.txt", "Rebels captured the town of Khan Tuman.", "2016-05-09", ["Khan Tuman"]))
    assert not same_happening(a, _event("b.txt", "Rebels captured the town of al-Eis.", "2016-05-06", ["Al-Eis"]))
    assert not same_happening(a, _event("a.txt", "Rebels captured the town of Khan Tuman.", "2016-05-06", ["Khan Tuman"]))


def test_timeline_build_merges_only_when_asked_and_orders_events():
    a = _event("a.txt", "Rebels captured the town of Khan Tuman on Friday.", "2016-05-06", ["Khan Tuman"])
    b = _event("b.txt", "Rebels captured the town of Khan Tuman on Friday.", "2016-05-06", ["Khan Tuman"])
    early = _event("b.txt", "The offensive began.", "2016-04-01")
    assert len(Timeline.build([], [a, b, early])) == 3
    timeline = Timeline.build([], [a, b, early], merge=True)
    assert [e.date for e in timeline] == ["2016-04-01", "2016-05-06"]
    assert len(timeline.between(since=dt.date(2016, 5, 1))) == 1


def test_two_articles_on_one_happening_merge_into_one_event_with_both_sources():
    from pathlib import Path

    from timeline.documents import read_documents
    from timeline.pipeline import process_document

    articles = Path(__file__).parent / "gold" / "articles"
    documents = list(read_documents([str(articles / "wire_hajin.md"), str(articles / "brief_hajin.md")]))
    events = [e for d in documents for e in process_document(d).events]
    merged = Timeline.build(documents, events, merge=True)
    with_sources = [e for e in merged if e.sources]
    # Both report the entry on Thursday and the town declared cleared the next day (Friday).
    assert [(e.date, {e.document, *(s.document for s in e.sources)}) for e in with_sources] == [
        ("2018-12-13", {"wire_hajin.md", "brief_hajin.md"}), ("2018-12-14", {"wire_hajin.md", "brief_hajin.md"})]
    assert len(merged) == len(events) - 2
    assert all(not e.sources for e in Timeline.build(documents, events, merge=False))


def test_one_document_is_ordered_as_merging_would_order_it():
    from timeline import merging
    same = "Rebels captured the town of Khan Tuman on Friday and Saturday."
    events = [_event("a.txt", same, "2016-05-07", ["Khan Tuman"]), _event("a.txt", same, "2016-05-06", ["Khan Tuman"]),
              _event("a.txt", same, "2016-05-06", ["Khan Tuman"]),  # the same report twice in one document
              _event("a.txt", "The offensive began.", "2016-04-01"),
              _event("a.txt", "Fighting went on for a week.", "2016-05-06", precision="week"),
              _event("a.txt", "Aid reached the town.", "2016-05-06", precision="day")]
    events[4] = Event(**{**events[4].__dict__, "end": dt.date(2016, 5, 12)})
    merged = merge_events(iter(events))
    assert [id(e) for e in merged] == [id(e) for e in merging._merged(events)]
    assert [e.date for e in merged] == ["2016-04-01", "2016-05-06", "2016-05-06", "2016-05-06", "2016-05-06",
                                        "2016-05-07"]
    assert merged[-2].end == dt.date(2016, 5, 12)  # the longer interval after the days it begins with


def test_reports_after_the_first_document_are_all_merged():
    a = _event("a.txt", "Rebels captured the town of Khan Tuman on Friday after suicide attacks.", "2016-05-06",
               ["Khan Tuman"], ["Jaysh al-Fatah"])
    other = _event("a.txt", "Government forces shelled Homs on Friday.", "2016-05-06", ["Homs"])
    b = _event("b.txt", "Jaysh al-Fatah captured Khan Touman on Friday, activists said.", "2016-05-06",
               ["Khan Tuman"], ["Jaysh al-Fatah"])
    late = _event("a.txt", "Rebels captured the town of Khan Tuman after suicide attacks.", "2016-05-06",
                  ["Khan Tuman"], ["Jaysh al-Fatah"])
    merged = merge_events(iter([a, other, b, late]))
    assert len(merged) == 3
    assert [s.document for e in merged for s in e.sources] == ["b.txt"]
