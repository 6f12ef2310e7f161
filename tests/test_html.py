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
