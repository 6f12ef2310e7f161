import pytest
import tabulate
from test_export_samples import export, sample_timeline

from timeline.chronology import Timeline
from timeline.exporters.records import event_record
from timeline.exporters.table_format import write_table


def _render(timeline, **options):
    import io

    stream = io.BytesIO()
    write_table(timeline, stream, options)
    return stream.getvalue().decode("utf-8")


@pytest.mark.parametrize("table_format", ["simple", "grid", "github", "psql", "fancy_grid", "pipe", "rst"])
@pytest.mark.parametrize("width", [60, 100, 160])
def test_table_fits_the_terminal(table_format, width):
    timeline = sample_timeline().between()
    text = _render(timeline, table_format=table_format, width=width, columns="date,title,places,document")
    assert max(len(line) for line in text.splitlines()) <= width
    assert "Rebels launched an offensive" in " ".join(text.split()).replace("| ", "").replace(" |", "") or \
        "Rebels" in text


def test_columns_choose_what_is_shown(tmp_path):
    result, output = export(tmp_path, sample_timeline(), "--columns", "precision,places", "-t", "github")
    assert result.exit_code == 0, result.stderr
    header = output.decode().splitlines()[0]
    assert header.split("|")[1].strip() == "precision" and header.split("|")[2].strip() == "places"
    assert "Aleppo; Syria" in output.decode()


def test_numbers_in_text_are_not_reformatted():
    base = sample_timeline().events[0]
    from dataclasses import replace

    timeline = Timeline(events=(replace(base, title="1e3"), replace(base, title="0012")))
    text = _render(timeline, width=120)
    assert "1e3" in text and "0012" in text and "1000" not in text


def test_every_tabulate_format_is_accepted(tmp_path):
    for table_format in tabulate.tabulate_formats:
        result, output = export(tmp_path, sample_timeline(), "-t", table_format)
        assert result.exit_code == 0, (table_format, result.stderr)
        assert output
    bad, _ = export(tmp_path, sample_timeline(), "-t", "no-such-style")
    assert bad.exit_code == 2


def test_record_of_an_event_without_mentions():
    record = event_record(sample_timeline().events[0])
    assert record["places"] == "" and record["actors"] == "" and record["sources"] == "a.txt"


def _coded_timeline():
    from dataclasses import replace

    from timeline.events import Casualties, Location, Mention

    events = sample_timeline().events
    coded = replace(events[6], event_type="Battles", actor1=Mention("Rebels", "Rebels"),
                    location=Location("Aleppo", latitude=36.2, longitude=37.16, precision="town"),
                    fatalities=Casualties(12, "at least"))
    planned = replace(events[7], future=True)
    return Timeline.build(sample_timeline().documents, [*events[:6], coded, planned, *events[8:]])


def test_default_table_says_dates_as_people_do_and_marks_planned_events():
    text = _render(_coded_timeline(), width=200)
    assert "weekend of 29-30 Oct 2016" in text and "late Aug 2016" in text
    assert "2016-W43-WE" not in text and "2016-11-04T09:00" not in text
    header = text.splitlines()[0].split()
    assert header == ["date", "planned", "title", "event_type", "location", "fatalities", "outlet", "document"]
    row = next(line for line in text.splitlines() if "Rebels launched" in line)
    assert "Battles" in row and "Aleppo" in row and "12" in row and "Wire" in row
    assert "planned" in next(line for line in text.splitlines() if "9 a.m. on Friday" in line)


def test_default_table_leaves_out_columns_nothing_fills():
    header = _render(sample_timeline(), width=200).splitlines()[0].split()
    assert header == ["date", "title", "outlet", "document"]


def test_iso_dates_and_chosen_columns_are_kept_as_asked(tmp_path):
    result, output = export(tmp_path, _coded_timeline(), "--dates", "iso", "--columns",
                            "date,planned,modifier,outlet,published,event_type")
    assert result.exit_code == 0, result.stderr
    text = output.decode()
    assert text.splitlines()[0].split() == ["date", "planned", "modifier", "outlet", "published", "event_type"]
    assert "2016-W43-WE" in text and "late" in text and "2016-11-05" in text and "unknown" in text
