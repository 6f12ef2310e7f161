(function () {
  "use strict";
  var DAY = 86400000;
  var data = JSON.parse(document.getElementById("timeline-data").textContent);
  var viewport = document.getElementById("viewport");
  var events = data.events.map(function (e, i) {
    return { i: i, start: Date.parse(e.start + "T00:00:00Z"), end: Date.parse(e.end + "T00:00:00Z") + DAY,
             label: e.label, date: e.date, coarse: e.coarse, planned: e.planned, type: e.type,
             actors: e.actors || [], place: e.place, text: e.text || "" };
  });
  var passes = events.map(function () { return true; });
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
    var visible = events.filter(function (e) { return passes[e.i] && e.end >= view.from && e.start <= view.to; });
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
    // Labels are placed by their measured widths: each mark goes in the first row where its label
    // (or, near the right edge, the label drawn before it) clears every label already in that row.
    var placed = visible.map(function (e) {
      var left = x(e.start), right = Math.max(x(e.end), left + 10);
      var el = document.createElement("div");
      el.className = "marker" + (e.coarse ? " coarse" : "") + (e.planned ? " planned" : "");
      el.dataset.index = String(e.i);
      el.tabIndex = 0;
      el.title = e.date + ": " + e.label + (e.planned ? " (planned)" : "");
      var bar = document.createElement("span");
      bar.className = "bar";
      bar.style.width = Math.max(10, right - left) + "px";
      var label = document.createElement("span");
      label.className = "label";
      label.textContent = e.date + " · " + e.label;
      el.appendChild(bar);
      el.appendChild(label);
      el.style.left = "0px";
      el.style.top = "0px";
      frag.appendChild(el);
      return { el: el, left: left, right: right };
    });
    viewport.replaceChildren(frag);
    var widths = placed.map(function (item) { return item.el.offsetWidth; });  // one layout for all
    placed.forEach(function (item, k) {
      var left = item.left, right = item.right, full = widths[k];
      var flip = left + full > w && right - full >= 0;
      var from = flip ? right - full : left, to = from + full;
      var lane = 0;
      while (lane < lanes.length && lanes[lane] > from) lane++;
      var el = item.el;
      if (lane >= laneCount) {
        // No free row: the mark joins the row kept above the axis, without its label (its tooltip keeps it).
        el.classList.add("crowded");
        lane = laneCount;
      } else {
        lanes[lane] = to + 6;
      }
      if (flip) { el.classList.add("flip"); el.style.left = ""; el.style.right = (w - right) + "px"; }
      else el.style.left = left + "px";
      el.style.top = (6 + lane * 26) + "px";
      shown++;
    });
    viewport.dataset.overlaps = String(labelOverlaps());
    viewport.dataset.shown = String(shown);
    document.body.dataset.rendered = String(shown);
  }

  // Labels that overlap as laid out (a check of the placement; 0 is what it must be).
  function labelOverlaps() {
    var boxes = [].map.call(viewport.querySelectorAll(".marker:not(.crowded) .label"), function (label) {
      return label.getBoundingClientRect();
    }).sort(function (a, b) { return a.top - b.top || a.left - b.left; });
    var count = 0;
    for (var k = 1; k < boxes.length; k++) {
      for (var j = k - 1; j >= 0 && boxes[j].top === boxes[k].top; j--) {
        if (boxes[j].right > boxes[k].left + 0.5 && boxes[k].right > boxes[j].left + 0.5) count++;
      }
    }
    return count;
  }

  var inputs = {
    text: document.getElementById("filter-text"), type: document.getElementById("filter-type"),
    actor: document.getElementById("filter-actor"), place: document.getElementById("filter-place"),
    from: document.getElementById("filter-from"), to: document.getElementById("filter-to")
  };
  var listItems = document.querySelectorAll("ol.events li.event");
  var dots = document.querySelectorAll("#map .map-marker");

  function applyFilters() {
    var words = inputs.text.value.toLowerCase().split(/\s+/).filter(Boolean);
    var type = inputs.type.value, actor = inputs.actor.value, place = inputs.place.value;
    var from = inputs.from.value ? Date.parse(inputs.from.value + "T00:00:00Z") : -Infinity;
    var to = inputs.to.value ? Date.parse(inputs.to.value + "T00:00:00Z") + DAY : Infinity;
    var count = 0;
    events.forEach(function (e) {
      var ok = (!type || e.type === type) && (!actor || e.actors.indexOf(actor) >= 0) && (!place || e.place === place)
        && e.end > from && e.start < to && words.every(function (word) { return e.text.indexOf(word) >= 0; });
      passes[e.i] = ok;
      if (ok) count++;
      if (listItems[e.i]) listItems[e.i].hidden = !ok;
    });
    dots.forEach(function (dot) { dot.classList.toggle("filtered-out", !passes[Number(dot.dataset.index)]); });
    document.getElementById("filter-count").textContent = count === events.length ? "" : count + " of " + events.length + " events";
    document.body.dataset.matching = String(count);
    render();
  }
  Object.keys(inputs).forEach(function (name) { inputs[name].addEventListener("input", applyFilters); });
  document.getElementById("filters").addEventListener("submit", function (ev) { ev.preventDefault(); });

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
    dots.forEach(function (dot) { dot.classList.toggle("selected", dot.dataset.index === marker.dataset.index); });
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
  var map = document.getElementById("map-svg");
  if (map) map.addEventListener("click", function (ev) {
    var dot = ev.target.closest(".map-marker");
    if (dot) select(dot);
  });
  window.addEventListener("resize", render);
  render();
})();
