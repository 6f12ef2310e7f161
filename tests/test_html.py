"""The html format: a self-contained page, checked as text and as Chromium renders it."""
import json
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlparse

import pytest
from click.testing import CliRunner
from test_export_samples import export, sample_timeline

from timeline.cli import cli
from timeline.exporters.records import display_date

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _chromium() -> str | None:
    for candidate in ("/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def _page(tmp_path, timeline=None, *args) -> str:
    result, output = export(tmp_path, sample_timeline() if timeline is None else timeline, "-f", "html", *args)
    assert result.exit_code == 0, result.stderr
    return output.decode("utf-8")


def test_page_is_self_contained(tmp_path):
    page = _page(tmp_path)
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert not re.search(r"<(script|img|iframe|link|embed|object|source|video|audio)\b[^>]*\b(src|href)=", page, re.I)
    assert "@import" not in page and not re.search(r"url\(", page)
    for tag in re.findall(r"<[^>]+\b(?:src|href)=\"([^\"]*)\"", page):
        assert tag.startswith(("http://", "https://")) or tag == ""


def test_article_text_is_escaped(tmp_path):
    page = _page(tmp_path)
    assert "<b>bold</b>" not in page and "&lt;b&gt;bold&lt;/b&gt;" in page
    assert 'href="javascript' not in page.lower()
    data = re.search(r'<script type="application/json" id="timeline-data">(.*?)</script>', page, re.S).group(1)
    assert "<" not in data and len(json.loads(data)["events"]) == len(sample_timeline().events)


def test_empty_timeline_page(tmp_path):
    from timeline.chronology import Timeline

    page = _page(tmp_path, Timeline(events=()))
    assert "0 events" in page


@pytest.mark.skipif(_chromium() is None, reason="Chromium is not installed (apt-get install chromium); "
                                                "the html page cannot be rendered")
def test_chromium_renders_events_dates_and_sources(seeds_dir, tmp_path):
    page_path = tmp_path / "seeds.html"
    result = CliRunner().invoke(cli, ["build", str(seeds_dir), "-o", str(page_path), "--title", "Aleppo 2016"])
    assert result.exit_code == 0, result.stderr
    saved = CliRunner().invoke(cli, ["build", str(seeds_dir), "-f", "json"])
    events = json.loads(saved.stdout)["events"]
    net_log = tmp_path / "net-log.json"
    base = [_chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1280,1200",
            "--virtual-time-budget=5000"]
    dom = subprocess.run([*base, f"--log-net-log={net_log}", "--dump-dom", page_path.as_uri()],
                         capture_output=True, text=True, timeout=120)
    assert dom.returncode == 0, dom.stderr[-2000:]
    html = dom.stdout
    # The script ran and drew one mark per event on the visual timeline, with an axis.
    assert f'data-rendered="{len(events)}"' in html
    assert html.count('class="marker') == len(events)
    assert re.search(r'class="tick"[^>]*>[^<]*2016', html)
    # The list shows every event's date, sentence and source link.
    from timeline.exporters.json_format import timeline_from_dict

    timeline = timeline_from_dict(json.loads(saved.stdout))
    for event in timeline.events:
        assert f">{display_date(event)}</time>" in html
    assert html.count('<li id="event-') == len(events)
    for url in {e["url"] for e in events if e["url"]}:
        assert f'href="{url}"' in html
    assert "Aleppo 2016" in html
    # Opening the page requested nothing from the sites it links to.
    linked_hosts = {urlparse(e["url"]).hostname for e in events if e["url"]}
    requested = set(re.findall(r'"url":\s*"([^"]+)"', net_log.read_text(errors="replace")))
    assert not {urlparse(u).hostname for u in requested} & linked_hosts
    assert not [u for u in requested if u.startswith("file:") and u != page_path.as_uri()]
    # A screenshot is kept for people to look at.
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "html-timeline.png"
    shot.unlink(missing_ok=True)
    picture = subprocess.run([*base, f"--screenshot={shot}", page_path.as_uri()],
                             capture_output=True, text=True, timeout=120)
    assert picture.returncode == 0, picture.stderr[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20000


@pytest.mark.skipif(_chromium() is None, reason="Chromium is not installed (apt-get install chromium); "
                                                "the html page cannot be rendered")
def test_chromium_shows_a_histogram_when_too_many_events_to_label(tmp_path):
    import dataclasses
    import datetime as dt

    from timeline.chronology import Timeline

    base = sample_timeline().events[6]
    events = [dataclasses.replace(base, start=base.start + dt.timedelta(days=i % 900),
                                  end=base.start + dt.timedelta(days=i % 900), offset=(i, i + 1))
              for i in range(2000)]
    page_path = tmp_path / "many.html"
    page_path.write_text(_page(tmp_path, Timeline.build((), events)))
    dom = subprocess.run([_chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}",
                          "--window-size=1280,900", "--virtual-time-budget=5000", "--dump-dom", page_path.as_uri()],
                         capture_output=True, text=True, timeout=120)
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert 'data-rendered="2000"' in dom.stdout and 'class="density"' in dom.stdout
    assert "2,000 events in view" in dom.stdout and 'class="marker' not in dom.stdout


def _render_in_chromium(tmp_path, page_path, *flags):
    """Chromium's DOM after the page's script ran, and its log (console messages, policy violations)."""
    result = subprocess.run([_chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}",
                             "--window-size=1280,1000", "--virtual-time-budget=5000", "--enable-logging=stderr",
                             "--v=0", *flags, page_path.as_uri()], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout, result.stderr


def _assert_quiet_console(log: str) -> None:
    console = [line for line in log.splitlines() if "CONSOLE" in line or "Refused to" in line or "Uncaught" in line]
    assert not console, console


def test_page_has_a_map_filters_and_planned_marks_as_text(tmp_path):
    from test_export_samples import LOCATED_IN_CODED, coded_timeline

    page = _page(tmp_path, coded_timeline())
    assert page.count('class="map-marker') == LOCATED_IN_CODED
    assert page.count('class="map-marker planned"') == 1
    assert "<title>Syria</title>" in page and "<title>Brazil</title>" not in page  # only the extent's countries
    for name in ("filter-text", "filter-type", "filter-actor", "filter-place", "filter-from", "filter-to"):
        assert f'id="{name}"' in page
    assert '<option value="Battles">Battles</option>' in page and '<option value="Rebels">' in page
    assert page.count('data-planned="true"') == 1 and 'class="planned-mark">planned<' in page
    assert "12 killed" in page


def test_map_frame_is_fitted_to_the_events_longitude_east():
    from test_export_samples import coded_timeline

    from timeline.exporters.html_format import map_frame

    frame = map_frame(coded_timeline().events)
    assert frame.west < 36.6339 and frame.east > 38.5 and frame.south < 35.0 and frame.north > 36.2021
    west_x, _ = frame.point(36.6339, 35.9306)
    east_x, _ = frame.point(38.5, 35.0)
    _, north_y = frame.point(37.1343, 36.2021)
    _, south_y = frame.point(38.5, 35.0)
    assert 0 < west_x < east_x < frame.width and 0 < north_y < south_y < frame.height


def test_page_without_located_events_says_so(tmp_path):
    page = _page(tmp_path)
    assert 'class="map-marker' not in page and "No event has a place with coordinates." in page


@pytest.mark.skipif(_chromium() is None, reason="Chromium is not installed (apt-get install chromium); "
                                                "the html page cannot be rendered")
def test_chromium_draws_the_map_with_a_marker_per_located_event(tmp_path):
    from test_export_samples import LOCATED_IN_CODED, coded_timeline

    page_path = tmp_path / "coded.html"
    page_path.write_text(_page(tmp_path, coded_timeline()), encoding="utf-8")
    dom, log = _render_in_chromium(tmp_path, page_path, "--dump-dom")
    _assert_quiet_console(log)
    assert dom.count('class="map-marker') == LOCATED_IN_CODED
    assert f'data-rendered="{len(coded_timeline().events)}"' in dom
    assert 'data-overlaps="0"' in dom
    assert dom.count('class="marker planned') + dom.count('class="marker coarse planned') == 1
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "html-map.png"
    shot.unlink(missing_ok=True)
    _, log = _render_in_chromium(tmp_path, page_path, f"--screenshot={shot}")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20000


@pytest.mark.skipif(_chromium() is None, reason="Chromium is not installed (apt-get install chromium); "
                                                "the html page cannot be rendered")
def test_chromium_never_draws_a_label_over_another(tmp_path):
    import dataclasses
    import datetime as dt

    from timeline.chronology import Timeline

    base = sample_timeline().events[6]
    events = [dataclasses.replace(base, title=f"Event number {i} with a longer title " + "x" * (i % 7) * 4,
                                  start=base.start + dt.timedelta(days=i // 3), end=base.start + dt.timedelta(days=i // 3),
                                  offset=(i, i + 1)) for i in range(60)]
    page_path = tmp_path / "crowded.html"
    page_path.write_text(_page(tmp_path, Timeline.build((), events)), encoding="utf-8")
    dom, log = _render_in_chromium(tmp_path, page_path, "--dump-dom")
    _assert_quiet_console(log)
    assert 'data-rendered="60"' in dom and 'data-overlaps="0"' in dom
    assert "crowded" in dom  # more labels than rows: some marks are drawn without theirs
