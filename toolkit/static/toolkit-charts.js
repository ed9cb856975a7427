/* Draws the toolkit's Vega-Lite charts with the vendored Vega bundle.
 *
 * Each chart is a <div class="toolkit-vega"> followed by
 * <script type="application/json" class="toolkit-vega-spec">. The bundle
 * (vega-bundle.js, beside this file) is loaded only on pages that have a
 * chart, and never from another host. In a self-contained HTML report the
 * bundle is inlined before this script, so window.vegaEmbed already exists.
 */
(function () {
  "use strict";
  var here = document.currentScript && document.currentScript.src
    ? document.currentScript.src.replace(/[^\/]*$/, "")
    : "";

  function loadBundle(done) {
    if (window.vegaEmbed) { done(); return; }
    var script = document.createElement("script");
    script.src = here + "vega-bundle.js";
    script.onload = done;
    script.onerror = function () { fail(document, "the chart library could not be loaded"); };
    document.head.appendChild(script);
  }

  function fail(root, reason) {
    var targets = root.querySelectorAll(".toolkit-vega:not([data-drawn])");
    for (var i = 0; i < targets.length; i++) {
      var note = document.createElement("p");
      note.className = "toolkit-vega-error";
      note.textContent = "This chart could not be drawn: " + reason + ".";
      targets[i].appendChild(note);
    }
  }

  /* Responsive charts: text is never scaled down. A chart whose plot is wider than the space
   * it has is redrawn to fit it (Vega-Lite "fit-x" autosize: the axes, labels and legend keep
   * their font size, the plot narrows, and quantitative axes get fewer ticks); on a narrow
   * screen legends go below the plot. A chart made of side-by-side views that cannot narrow
   * scrolls sideways in its box instead of shrinking its text. */
  var NARROW = 560;

  function numericWidth(view) {
    return typeof view.width === "number" ? view.width : null;
  }

  function encodings(spec) {
    var found = spec.encoding ? [spec.encoding] : [];
    (spec.layer || []).forEach(function (layer) { if (layer.encoding) { found.push(layer.encoding); } });
    return found;
  }

  function discrete(channel) {
    return channel && (channel.type === "nominal" || channel.type === "ordinal");
  }

  function categories(spec, field) {
    var values = spec.datasets ? Object.keys(spec.datasets).map(function (k) { return spec.datasets[k]; }) : [];
    var seen = {};
    values.forEach(function (rows) { (rows || []).forEach(function (row) { seen[row[field]] = true; }); });
    return Object.keys(seen).length;
  }

  /* A row of categories (x discrete, width given per step) wider than the screen. */
  function stepTooWide(spec, available) {
    if (spec.hconcat || spec.vconcat || spec.concat || spec.facet || spec.repeat) { return false; }
    if (!spec.width || typeof spec.width !== "object" || !spec.width.step) { return false; }
    var x = encodings(spec).map(function (e) { return e.x; }).filter(discrete)[0];
    if (!x) { return false; }
    return categories(spec, x.field) * spec.width.step + 60 > available;
  }

  /* A long axis title on a phone goes on several lines (Vega draws an array as lines). */
  function wrapAxisTitles(spec, most) {
    encodings(spec).forEach(function (e) {
      ["x", "y"].forEach(function (c) {
        var t = e[c] && e[c].title;
        if (typeof t !== "string" || t.length <= most + 4) { return; }
        var lines = [], line = "";
        t.split(" ").forEach(function (word) {
          if (line && (line + " " + word).length > most) { lines.push(line); line = word; }
          else { line = line ? line + " " + word : word; }
        });
        if (line) { lines.push(line); }
        e[c].title = lines;
      });
    });
  }

  /* Whether the category labels of a row, narrowed to fit, would run into each other:
   * horizontal labels as wide as their limit (Vega's default 180 px) in narrower columns. */
  function labelsTooWide(spec, available) {
    var x = encodings(spec).map(function (e) { return e.x; }).filter(discrete)[0];
    if (!x || (x.axis && x.axis.labelAngle !== undefined && x.axis.labelAngle !== 0)) { return false; }
    var limit = x.axis && typeof x.axis.labelLimit === "number" ? x.axis.labelLimit : 180;
    var column = (available - 72) / Math.max(categories(spec, x.field), 1);
    return limit > column;
  }

  /* The same chart turned a quarter: the row of categories becomes a column, read top down. */
  function vertical(spec, available) {
    var oldHeight = spec.height;
    var turned = [["x", "y"], ["x2", "y2"], ["xOffset", "yOffset"]];
    encodings(spec).forEach(function (e) {
      turned.forEach(function (pair) {
        var a = e[pair[0]], b = e[pair[1]];
        delete e[pair[0]]; delete e[pair[1]];
        if (a !== undefined) { e[pair[1]] = a; }
        if (b !== undefined) { e[pair[0]] = b; }
      });
      if (e.y && e.y.axis && e.y.axis.orient) { e.y.axis.orient = "left"; }
      if (e.x && e.x.axis && e.x.axis.orient) { e.x.axis.orient = "top"; }
    });
    var columns = encodings(spec).map(function (e) { return e.x; }).filter(discrete)[0];
    var width = typeof oldHeight === "number" ? oldHeight : Math.min(available - 170, 200);
    if (columns) {
      var n = Math.max(categories(spec, columns.field), 1);
      width = Math.max(Math.min(available - 170, n * 48), 60);
      encodings(spec).forEach(function (e) {
        if (e.x && e.x.axis !== null) {
          e.x.axis = Object.assign({}, e.x.axis || {}, {labelAngle: -90, labelLimit: 110});
        }
      });
    }
    encodings(spec).forEach(function (e) {
      if (e.y && e.y.axis !== null) {
        e.y.axis = Object.assign({}, e.y.axis || {}, {labelAngle: 0, labelLimit: Math.max(Math.round(available * 0.6), 90)});
      }
    });
    spec.width = available - 12;
    spec.autosize = {type: "fit-x", contains: "padding"};
    spec.height = {step: 40};
    return spec;
  }

  function fit(spec, available) {
    if (!available || available <= 0) { return spec; }
    var narrow = available < NARROW;
    if (narrow) {
      spec.config = spec.config || {};
      spec.config.legend = spec.config.legend || {};
      if (!spec.config.legend.orient) { spec.config.legend.orient = "bottom"; }
      spec.config.legend.labelLimit = spec.config.legend.labelLimit || available - 60;
      // One column: under a narrow plot two columns of entries run past its right edge.
      if (!spec.config.legend.columns) { spec.config.legend.columns = 1; }
      // Several legends under the plot are stacked, not set side by side past its right edge.
      if (!spec.config.legend.layout) {
        spec.config.legend.layout = {bottom: {direction: "vertical", anchor: "start"}};
      }
      // The title starts at the chart's left edge, not centred over a plot narrower than it.
      spec.config.title = Object.assign({anchor: "start", frame: "bounds"}, spec.config.title || {});
      wrapAxisTitles(spec, 24);
    }
    if (stepTooWide(spec, available)) {
      if (narrow || labelsTooWide(spec, available)) {
        spec = vertical(spec, available);
      } else {  // a row of categories wider than the column: the row narrows to fit
        spec.width = available - 12;
        spec.autosize = {type: "fit-x", contains: "padding"};
      }
    }
    var width = numericWidth(spec);
    var single = !spec.hconcat && !spec.vconcat && !spec.concat && !spec.facet && !spec.repeat;
    if (single && width !== null && width + 160 > available) {
      spec.width = Math.max(available - 12, 160);
      spec.autosize = {type: "fit-x", contains: "padding"};
      if (narrow && typeof spec.height === "number" && spec.height === width) {
        spec.height = spec.width;  // square charts (maps, grids) stay square
      }
    }
    return spec;
  }

  /* A tap shows the tooltip a mouse shows on hover: Vega listens to pointer movement only,
   * so the tap is replayed as the pointer arriving on the mark under the finger. */
  function tapShowsTooltips(target) {
    target.addEventListener("pointerup", function (event) {
      if (event.pointerType !== "touch") { return; }
      var under = document.elementFromPoint(event.clientX, event.clientY);
      if (!under || !target.contains(under)) { return; }
      ["pointerover", "pointermove", "mouseover", "mousemove"].forEach(function (type) {
        var Make = type.indexOf("pointer") === 0 && window.PointerEvent ? window.PointerEvent : MouseEvent;
        under.dispatchEvent(new Make(type, {
          bubbles: true, cancelable: true, clientX: event.clientX, clientY: event.clientY,
          pointerType: "mouse", isPrimary: true
        }));
      });
    });
  }

  function drawAll() {
    var specs = document.querySelectorAll("script.toolkit-vega-spec");
    for (var i = 0; i < specs.length; i++) {
      draw(specs[i]);
    }
  }

  function draw(specNode) {
    var target = document.getElementById(specNode.getAttribute("data-target"));
    if (!target || target.hasAttribute("data-drawn")) { return; }
    target.setAttribute("data-drawn", "pending");
    var spec = fit(JSON.parse(specNode.textContent), target.clientWidth);
    window.vegaEmbed(target.querySelector(".toolkit-vega-view"), spec, {
      renderer: "svg",
      actions: { export: true, source: false, compiled: false, editor: false },
      i18n: { PNG_ACTION: "Save as PNG", SVG_ACTION: "Save as SVG" }
    }).then(function () {
      // vega-embed's actions menu is a <summary> holding only an icon: give it a name.
      var summary = target.querySelector("details > summary");
      if (summary && !summary.getAttribute("aria-label")) {
        summary.setAttribute("aria-label", "Chart actions: save the chart as PNG or SVG");
      }
      // A layer with no data leaves an empty mark container that claims to be a graphic
      // but has nothing to name: hide it from assistive technology.
      var empty = target.querySelectorAll('g.role-mark[role="graphics-symbol"]');
      for (var k = 0; k < empty.length; k++) {
        if (!empty[k].firstElementChild && !empty[k].getAttribute("aria-label")) {
          empty[k].setAttribute("aria-hidden", "true");
        }
      }
      tapShowsTooltips(target);
      target.setAttribute("data-drawn", "yes");
      var fallback = target.querySelector(".toolkit-vega-fallback");
      if (fallback) { fallback.hidden = true; }
    }).catch(function (err) {
      target.setAttribute("data-drawn", "error");
      var note = document.createElement("p");
      note.className = "toolkit-vega-error";
      note.textContent = "This chart could not be drawn: " + err + ".";
      target.appendChild(note);
    });
  }

  function start() {
    if (document.querySelector("script.toolkit-vega-spec")) { loadBundle(drawAll); }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
