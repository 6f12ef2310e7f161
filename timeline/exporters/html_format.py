"""HTML: one self-contained page with a zoomable visual timeline, the events and their sources.

Everything is inline (CSS, script, data); a Content-Security-Policy forbids the
page to load anything, so it works offline and opening it contacts no one.  The
list of events is plain HTML (readable, printable and searchable without
script); the script adds the visual timeline above it: drag to pan, wheel or
the buttons to zoom, click a mark to go to its event.

Text from documents is escaped, and only http and https addresses become links.
The policy lets only the page's own script and style run, named by their hashes,
and the markup has no inline event handlers: a script or handler that a document
smuggled in would not run even if escaping failed.
"""
from __future__ import annotations

import base64
import datetime as dt
import hashlib
import html
import json
from typing import Any, BinaryIO, Iterator, Mapping

from ..chronology import Timeline
from ..hookspecs import hookimpl
from ..links import web_address
from .base import Exporter, write_pieces
from .records import display_date, event_time, mention_names, source_references


STYLE = """
:root { --ink: #1d2433; --muted: #5b6578; --line: #d5dae3; --accent: #305496; --mark: #c0504d; --bg: #fbfcfe; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
header, main { max-width: 1100px; margin: 0 auto; padding: 0 1.25rem; }
header h1 { margin: 1.2rem 0 0.2rem; font-size: 1.6rem; }
header p { margin: 0 0 1rem; color: var(--muted); }
#timeline { position: relative; border: 1px solid var(--line); border-radius: 6px; background: #fff; margin: 0 1.25rem 1.5rem; }
#timeline .controls { display: flex; gap: 0.4rem; align-items: center; padding: 0.4rem 0.6rem; border-bottom: 1px solid var(--line); }
#timeline button { font: inherit; border: 1px solid var(--line); background: #f4f6fa; border-radius: 4px; padding: 0.1rem 0.6rem; cursor: pointer; }
#timeline .hint { color: var(--muted); font-size: 0.85rem; margin-left: auto; }
#viewport { position: relative; height: 320px; overflow: hidden; cursor: grab; user-select: none; touch-action: none; }
#viewport.dragging { cursor: grabbing; }
.axis { position: absolute; left: 0; right: 0; bottom: 0; height: 28px; border-top: 1px solid var(--ink); }
.tick { position: absolute; bottom: 0; height: 28px; border-left: 1px solid var(--line); padding: 4px 0 0 4px; font-size: 0.75rem; color: var(--muted); white-space: nowrap; }
.marker { position: absolute; height: 22px; display: flex; align-items: center; gap: 4px; font-size: 0.78rem; white-space: nowrap; cursor: pointer; }
.marker .bar { height: 10px; min-width: 10px; border-radius: 5px; background: var(--mark); opacity: 0.85; }
.marker .label { background: rgba(255,255,255,0.9); padding: 0 3px; border-radius: 3px; overflow: hidden; text-overflow: ellipsis; max-width: 260px; }
.marker:hover .label, .marker:focus .label { outline: 1px solid var(--accent); }
.density { position: absolute; bottom: 29px; background: var(--mark); opacity: 0.6; }
.note { position: absolute; top: 6px; left: 10px; font-size: 0.85rem; color: var(--muted); }
.marker.crowded .label { display: none; }
.marker.flip { flex-direction: row-reverse; }
.marker.coarse .bar { background: var(--accent); opacity: 0.45; }
ol.events { list-style: none; padding: 0; margin: 0 0 2rem; }
ol.events li { border-left: 3px solid var(--line); padding: 0.3rem 0 0.6rem 0.9rem; margin: 0 0 0.4rem; }
ol.events li:target, ol.events li.selected { border-left-color: var(--mark); background: #fff6f5; }
ol.events time { font-weight: 600; color: var(--accent); }
.precision { font-size: 0.75rem; color: var(--muted); margin-left: 0.4rem; }
.sentence { margin: 0.15rem 0; }
.sources, .mentions { margin: 0; font-size: 0.85rem; color: var(--muted); }
.sources a { color: var(--accent); }
h2 { font-size: 1.15rem; margin: 1.5rem 0 0.6rem; }
table.documents { border-collapse: collapse; width: 100%; font-size: 0.9rem; margin-bottom: 3rem; }
table.documents th, table.documents td { text-align: left; border-bottom: 1px solid var(--line); padding: 0.3rem 0.5rem; vertical-align: top; }
@media print { #timeline { display: none; } }
"""

SCRIPT = r"""
(function () {
  "use strict";
  var DAY = 86400000;
  var data = JSON.parse(document.getElementById("timeline-data").textContent);
  var viewport = document.getElementById("viewport");
  var events = data.events.map(function (e, i) {
    return { i: i, start: Date.parse(e.start + "T00:00:00Z"), end: Date.parse(e.end + "T00:00:00Z") + DAY,
             label: e.label, date: e.date, coarse: e.coarse };
  });
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  var lo = Infinity, hi = -Infinity;
  events.forEach(function (e) { lo = Math.min(lo, e.start); hi = Math.max(hi, e.end); });
  if (!events.length) { lo = Date.UTC(2000, 0, 1); hi = lo + 365 * DAY; }
  var pad = Math.max((hi - lo) * 0.04, 3 * DAY);
  var full = { from: lo - pad, to: hi + pad };
  var view = { from: full.from, to: full.to };
  var MAX_MARKERS = 1500;
  var MIN_SPAN = 2 * DAY, MAX_SPAN = (full.to - full.from) * 4 + 3650 * DAY;

  function width() { return viewport.clientWidth || 800; }
  function x(t) { return (t - view.from) / (view.to - view.from) * width(); }

  function tickStep(span) {
    var days = span / DAY;
    if (days > 365 * 60) return { unit: "year", n: Math.ceil(days / 365 / 12 / 10) * 10 };
    if (days > 365 * 12) return { unit: "year", n: Math.ceil(days / 365 / 12) };
    if (days > 365 * 2) return { unit: "month", n: 6 };
    if (days > 200) return { unit: "month", n: 3 };
    if (days > 40) return { unit: "month", n: 1 };
    if (days > 14) return { unit: "day", n: 7 };
    return { unit: "day", n: 1 };
  }

  function ticks() {
    var step = tickStep(view.to - view.from), out = [];
    var d = new Date(view.from), t;
    if (step.unit === "year") {
      var y = Math.floor(d.getUTCFullYear() / step.n) * step.n;
      for (; (t = Date.UTC(y, 0, 1)) <= view.to; y += step.n) out.push([t, String(y)]);
    } else if (step.unit === "month") {
      var yy = d.getUTCFullYear(), m = Math.floor(d.getUTCMonth() / step.n) * step.n;
      for (; (t = Date.UTC(yy, m, 1)) <= view.to; m += step.n) {
        var dm = new Date(t);
        out.push([t, MONTHS[dm.getUTCMonth()] + " " + dm.getUTCFullYear()]);
      }
    } else {
      var start = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
      for (t = start; t <= view.to; t += step.n * DAY) {
        var dd = new Date(t);
        out.push([t, dd.getUTCDate() + " " + MONTHS[dd.getUTCMonth()] + " " + dd.getUTCFullYear()]);
      }
    }
    return out;
  }

  function render() {
    var w = width(), lanes = [], laneCount = Math.floor((viewport.clientHeight - 40) / 26);
    var frag = document.createDocumentFragment(), shown = 0;
    ticks().forEach(function (tk) {
      var el = document.createElement("div");
      el.className = "tick";
      el.style.left = x(tk[0]) + "px";
      el.textContent = tk[1];
      frag.appendChild(el);
    });
    var axis = document.createElement("div");
    axis.className = "axis";
    frag.appendChild(axis);
    var visible = events.filter(function (e) { return e.end >= view.from && e.start <= view.to; });
    if (visible.length > MAX_MARKERS) {
      // Too many to label: a histogram of how many events each stretch of the view holds.
      var buckets = Math.max(1, Math.floor(w / 4)), counts = new Array(buckets).fill(0), most = 0;
      visible.forEach(function (e) {
        var b = Math.min(buckets - 1, Math.max(0, Math.floor(x(e.start) / w * buckets)));
        most = Math.max(most, ++counts[b]);
      });
      var plot = viewport.clientHeight - 60;
      counts.forEach(function (n, b) {
        if (!n) return;
        var bar = document.createElement("div");
        bar.className = "density";
        bar.style.left = (b * w / buckets) + "px";
        bar.style.width = Math.max(1, w / buckets - 1) + "px";
        bar.style.height = Math.max(2, n / most * plot) + "px";
        bar.title = n + " events";
        frag.appendChild(bar);
      });
      var note = document.createElement("div");
      note.className = "note";
      note.textContent = visible.length.toLocaleString("en") + " events in view: zoom in to see them one by one";
      frag.appendChild(note);
      viewport.replaceChildren(frag);
      viewport.dataset.shown = "0";
      document.body.dataset.rendered = String(visible.length);
      return;
    }
    visible.forEach(function (e) {
      var left = x(e.start), right = Math.max(x(e.end), left + 10);
      var labelWidth = Math.min(260, 7 * (e.date.length + e.label.length) + 20) + 18;
      // Near the right edge the label goes before the mark, so it stays on screen.
      var flip = left + labelWidth > w && right - labelWidth >= 0;
      var from = flip ? right - labelWidth : left, to = flip ? right : Math.max(right, left + labelWidth);
      var lane = 0, crowded = false;
      while (lane < lanes.length && lanes[lane] > from) lane++;
      if (lane >= laneCount) {
        // No free lane: the mark joins the row kept above the axis, without its label (its tooltip keeps it).
        crowded = true;
      } else {
        lanes[lane] = Math.max(lanes[lane] || -Infinity, to + 6);
      }
      var el = document.createElement("div");
      el.className = "marker" + (e.coarse ? " coarse" : "") + (flip ? " flip" : "") + (crowded ? " crowded" : "");
      el.dataset.index = String(e.i);
      el.tabIndex = 0;
      if (flip) el.style.right = (w - right) + "px"; else el.style.left = left + "px";
      el.style.top = (6 + (crowded ? laneCount : lane) * 26) + "px";
      el.title = e.date + ": " + e.label;
      var bar = document.createElement("span");
      bar.className = "bar";
      bar.style.width = Math.max(10, right - left) + "px";
      var label = document.createElement("span");
      label.className = "label";
      label.textContent = e.date + " · " + e.label;
      el.appendChild(bar);
      el.appendChild(label);
      frag.appendChild(el);
      shown++;
    });
    viewport.replaceChildren(frag);
    viewport.dataset.shown = String(shown);
    document.body.dataset.rendered = String(shown);
  }

  function zoom(factor, at) {
    var span = view.to - view.from;
    var next = Math.min(MAX_SPAN, Math.max(MIN_SPAN, span * factor));
    var anchor = at === undefined ? view.from + span / 2 : at;
    var ratio = (anchor - view.from) / span;
    view.from = anchor - ratio * next;
    view.to = view.from + next;
    render();
  }

  document.getElementById("zoom-in").addEventListener("click", function () { zoom(0.5); });
  document.getElementById("zoom-out").addEventListener("click", function () { zoom(2); });
  document.getElementById("zoom-fit").addEventListener("click", function () {
    view.from = full.from; view.to = full.to; render();
  });
  viewport.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    var rect = viewport.getBoundingClientRect();
    var at = view.from + (ev.clientX - rect.left) / width() * (view.to - view.from);
    zoom(ev.deltaY < 0 ? 0.8 : 1.25, at);
  }, { passive: false });
  var drag = null;
  viewport.addEventListener("pointerdown", function (ev) {
    if (ev.target.closest(".marker")) return;
    drag = { x: ev.clientX, from: view.from, to: view.to };
    viewport.classList.add("dragging");
    viewport.setPointerCapture(ev.pointerId);
  });
  viewport.addEventListener("pointermove", function (ev) {
    if (!drag) return;
    var shift = (ev.clientX - drag.x) / width() * (drag.to - drag.from);
    view.from = drag.from - shift; view.to = drag.to - shift;
    render();
  });
  function endDrag() { drag = null; viewport.classList.remove("dragging"); }
  viewport.addEventListener("pointerup", endDrag);
  viewport.addEventListener("pointercancel", endDrag);
  function select(marker) {
    var item = document.getElementById("event-" + marker.dataset.index);
    document.querySelectorAll("ol.events li.selected").forEach(function (li) { li.classList.remove("selected"); });
    item.classList.add("selected");
    item.scrollIntoView({ behavior: "smooth", block: "center" });
  }
  viewport.addEventListener("click", function (ev) {
    var marker = ev.target.closest(".marker");
    if (marker) select(marker);
  });
  viewport.addEventListener("keydown", function (ev) {
    var marker = ev.target.closest && ev.target.closest(".marker");
    if (marker && (ev.key === "Enter" || ev.key === " ")) { ev.preventDefault(); select(marker); }
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.target.tagName === "INPUT") return;
    if (ev.key === "+" || ev.key === "=") zoom(0.5);
    else if (ev.key === "-") zoom(2);
  });
  window.addEventListener("resize", render);
  render();
})();
"""


def _source_hash(text: str) -> str:
    """A CSP source expression that allows exactly the inline element whose content is ``text``."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def content_security_policy(script: str = SCRIPT, style: str = STYLE) -> str:
    """The page's policy: nothing loaded from anywhere, and only the page's own script and style
    run, named by their hashes; an element injected by a document's text would not run even if
    escaping failed somewhere. No base or form target either, so no injected element redirects links."""
    return (f"default-src 'none'; script-src {_source_hash(script)}; style-src {_source_hash(style)}; "
            "img-src data:; base-uri 'none'; form-action 'none'")


CONTENT_SECURITY_POLICY = content_security_policy()


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


_SCRIPT_JSON_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                                      "\u2028": "\\u2028", "\u2029": "\\u2029"})


def _script_json(value: Any) -> str:
    """JSON that cannot close the <script> element it sits in (no ``<``, ``>`` or ``&``), and
    without the line and paragraph separators that older JavaScript parsers take for line ends."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_JSON_ESCAPES)


def _linked(label: str, url: str) -> str:
    """``label`` as a link to ``url`` when it is a web address; otherwise both as text."""
    address = web_address(url)
    if address:
        return f'<a href="{_e(address)}" rel="noopener noreferrer">{_e(label or address)}</a>'
    shown = f' <span class="url">{_e(url)}</span>' if url else ""
    return _e(label) + shown


def _source_links(event, documents) -> str:
    links = []
    for source in source_references(event, documents):
        label = source.title or source.document
        text = _linked(label, source.url)
        if source.publisher:
            text += f" ({_e(source.publisher)})"
        if label != source.document:
            text += f' <span class="file">{_e(source.document)}</span>'
        links.append(text)
    return "; ".join(links)


def _iso(event) -> str:
    clock = event_time(event)
    if clock is not None:
        return dt.datetime.combine(event.start, clock).isoformat(timespec="minutes")
    return event.start.isoformat()


def _timeline_data(events) -> Iterator[str]:
    """The events the script draws, as JSON written piece by piece."""
    yield '{"events":['
    for index, event in enumerate(events):
        item = {"start": event.start.isoformat(), "end": event.end.isoformat(), "date": display_date(event),
                "label": event.title, "coarse": event.precision not in ("day", "time")}
        yield ("," if index else "") + _script_json(item)
    yield "]}"


def _event_item(index: int, event, documents) -> str:
    mentions = []
    places, actors = mention_names(event.places), mention_names(event.actors)
    if places:
        mentions.append("Places: " + _e(", ".join(places)))
    if actors:
        mentions.append("Actors: " + _e(", ".join(actors)))
    return (
        f'<li id="event-{index}" class="event" data-start="{event.start.isoformat()}" '
        f'data-end="{event.end.isoformat()}" data-precision="{_e(event.precision)}">'
        f'<time datetime="{_iso(event)}">{_e(display_date(event))}</time>'
        f'<span class="precision">{_e(event.precision)}, {_e(event.date_source)}</span>'
        f'<p class="sentence">{_e(event.sentence)}</p>'
        + (f'<p class="mentions">{" · ".join(mentions)}</p>' if mentions else "")
        + f'<p class="sources">Source: {_source_links(event, documents)}</p></li>\n'
    )


def html_pieces(timeline: Timeline) -> Iterator[str]:
    """The page, piece by piece, so a page of any size is written with flat memory."""
    documents = {d.name: d for d in timeline.documents}
    events = timeline.events
    span = f"{display_date(events[0])} to {display_date(events[-1])}" if events else "no events"
    count_documents = len(timeline.documents) or len({e.document for e in events})
    yield "\n".join([
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy(SCRIPT, STYLE)}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="timeline">',
        f"<title>{_e(timeline.title)}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{_e(timeline.title)}</h1>",
        f'<p class="summary">{len(events)} events from {count_documents} documents, {_e(span)}</p>',
        "</header>",
        '<section id="timeline" aria-label="Visual timeline">',
        '<div class="controls"><button id="zoom-in" type="button" title="Zoom in (+)">+</button>'
        '<button id="zoom-out" type="button" title="Zoom out (-)">−</button>'
        '<button id="zoom-fit" type="button">Fit</button>'
        '<span class="hint">Drag to pan · wheel or +/− to zoom · click a mark for its event</span></div>',
        '<div id="viewport" role="region" aria-label="Events along time" tabindex="0"></div>',
        "</section>",
        "<main>",
        '<h2 id="events-heading">Events</h2>',
        '<ol class="events" aria-labelledby="events-heading">',
        "",
    ])
    for index, event in enumerate(events):
        yield _event_item(index, event, documents)
    yield ("</ol>\n<h2 id=\"documents-heading\">Documents</h2>\n"
           '<table class="documents"><thead><tr><th>Document</th><th>Title</th><th>Source</th>'
           "<th>Published</th></tr></thead><tbody>\n")
    for document in timeline.documents:
        title = _linked(document.title, document.url)
        yield (f"<tr><td>{_e(document.name)}</td><td>{title}</td><td>{_e(document.source)}</td>"
               f"<td>{_e(document.published or '')}</td></tr>\n")
    yield '</tbody></table>\n</main>\n<script type="application/json" id="timeline-data">'
    yield from _timeline_data(events)
    yield f"</script>\n<script>{SCRIPT}</script>\n</body>\n</html>\n"


def render_html(timeline: Timeline) -> str:
    return "".join(html_pieces(timeline))


def write_html(timeline: Timeline, stream: BinaryIO, options: Mapping[str, Any]) -> None:
    write_pieces(stream, html_pieces(timeline))


@hookimpl
def register_exporters(register):
    register(Exporter(name="html", write=write_html, suffixes=(".html", ".htm"),
                      description="One self-contained web page: a zoomable timeline, the events and their sources"))
