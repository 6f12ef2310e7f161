import datetime as dt

import icalendar
from click.testing import CliRunner
from test_export_samples import export, sample_timeline

from timeline.cli import cli


def _calendar(data: bytes):
    calendar = icalendar.Calendar.from_ical(data)
    return calendar, {str(e["summary"]): e for e in calendar.walk("VEVENT")}


def test_day_events_are_all_day_and_timed_events_floating(tmp_path):
    result, output = export(tmp_path, sample_timeline(), "-f", "ics", "--title", "Aleppo, autumn 2016")
    assert result.exit_code == 0, result.stderr
    calendar, events = _calendar(output)
    assert str(calendar["x-wr-calname"]) == "Aleppo, autumn 2016"
    day = next(e for s, e in events.items() if s.startswith("Rebels launched"))
    start, end = day.decoded("dtstart"), day.decoded("dtend")
    assert type(start) is dt.date and start == dt.date(2016, 11, 3) and end == dt.date(2016, 11, 4)
    assert b"DTSTART;VALUE=DATE:20161103" in day.to_ical()
    assert str(day["location"]) == "Aleppo; Syria"
    assert [str(c) for c in day["categories"].cats] == ["Rebels", "day"]
    assert "Rebels launched an offensive" in str(day["description"]) and "Siege lifted" in str(day["description"])
    assert str(day["url"]) == "https://example.org/a"
    timed = next(e for s, e in events.items() if s.startswith("At 9 a.m."))
    assert timed.decoded("dtstart") == dt.datetime(2016, 11, 4, 9, 0) and timed.decoded("dtstart").tzinfo is None
    for event in events.values():
        assert event["uid"] and event.decoded("dtstamp").tzinfo is not None
        assert str(event["transp"]) == "TRANSPARENT"


def test_coarser_events_only_with_ics_ranges_and_counted_on_stderr(tmp_path):
    timeline = sample_timeline()
    coarse = [e for e in timeline.events if e.precision not in ("day", "time")]
    result, output = export(tmp_path, timeline, "-f", "ics")
    _, events = _calendar(output)
    assert len(events) == len(timeline.events) - len(coarse)
    assert f"left out {len(coarse)} events" in result.stderr and "--ics-ranges" in result.stderr
    result, output = export(tmp_path, timeline, "-f", "ics", "--ics-ranges")
    assert "left out" not in result.stderr
    calendar, _ = _calendar(output)
    vevents = calendar.walk("VEVENT")
    assert len(vevents) == len(timeline.events)
    summer = next(e for e in vevents if str(e["summary"]).startswith("Over the summer"))
    assert summer.decoded("dtstart") == dt.date(2016, 6, 1) and summer.decoded("dtend") == dt.date(2016, 9, 1)


def test_uids_unique_within_a_calendar(tmp_path):
    _, output = export(tmp_path, sample_timeline(), "-f", "ics", "--ics-ranges")
    calendar, _ = _calendar(output)
    uids = [str(e["uid"]) for e in calendar.walk("VEVENT")]
    assert len(uids) == len(set(uids))


def test_building_the_seeds_twice_gives_the_same_uids(seeds_dir, tmp_path):
    runner = CliRunner()
    uid_sets = []
    for run in range(2):
        output = tmp_path / f"run{run}.ics"
        result = runner.invoke(cli, ["build", str(seeds_dir), "-o", str(output)])
        assert result.exit_code == 0, result.stderr
        calendar = icalendar.Calendar.from_ical(output.read_bytes())
        uid_sets.append({str(e["uid"]) for e in calendar.walk("VEVENT")})
    assert uid_sets[0] and uid_sets[0] == uid_sets[1]


def test_uid_follows_the_event_not_its_position(tmp_path):
    timeline = sample_timeline()
    _, whole = export(tmp_path, timeline, "-f", "ics")
    _, part = export(tmp_path, timeline.between(since=dt.date(2016, 11, 4)), "-f", "ics")
    uids = lambda data: {str(e["summary"]): str(e["uid"]) for e in icalendar.Calendar.from_ical(data).walk("VEVENT")}
    whole_uids, part_uids = uids(whole), uids(part)
    assert part_uids and all(whole_uids[summary] == uid for summary, uid in part_uids.items())


def test_source_date_epoch_fixes_dtstamp(tmp_path):
    _, output = export(tmp_path, sample_timeline(), "-f", "ics", env={"SOURCE_DATE_EPOCH": "1478217600"})
    calendar = icalendar.Calendar.from_ical(output)
    assert {e.decoded("dtstamp") for e in calendar.walk("VEVENT")} == {
        dt.datetime(2016, 11, 4, tzinfo=dt.timezone.utc)}


def test_event_type_in_categories_and_place_as_location_and_geo(tmp_path):
    from test_export_samples import coded_timeline

    result, output = export(tmp_path, coded_timeline(), "-f", "ics", "--ics-ranges")
    assert result.exit_code == 0, result.stderr
    _, entries = _calendar(output)
    clash = entries["Rebels launched an offensive on Thursday in Aleppo, Syria."]
    assert [str(c) for c in clash["CATEGORIES"].cats] == ["Battles", "Armed clash", "Rebels", "Government forces", "day"]
    assert str(clash["LOCATION"]) == "Aleppo"
    assert (clash["GEO"].latitude, clash["GEO"].longitude) == (36.2021, 37.1343)
    assert "GEO:36.2021;37.1343" in output.decode()
    assert "Fatalities: 12 (at least)" in str(clash["DESCRIPTION"])
    nowhere = entries["Bell and control characters."]
    assert str(nowhere["LOCATION"]) == "Nowhere" and "GEO" not in nowhere
    uncoded = entries["The fighting began in 2015."]
    assert "GEO" not in uncoded and [str(c) for c in uncoded["CATEGORIES"].cats] == ["year"]


def test_a_return_before_a_next_line_stays_two_line_breaks():
    """Found by the property tests: "\\r" then NEL became "\\r\\n", one break, once NEL was a line feed."""
    from timeline.exporters.ics_format import calendar_text

    assert calendar_text("Siege\r\x85lifted") == "Siege\n\nlifted"
    assert calendar_text("Siege\r\nlifted\rat dawn\u2028") == "Siege\nlifted\nat dawn\n"
