"""The HTML, CSS and script of the story map page (no network, no libraries)."""

from __future__ import annotations

import html
from string import Template

_PAGE = Template(
    """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Story map: $title</title>
<style>
* { box-sizing: border-box; }
html, body { margin: 0; height: 100%; font: 14px/1.45 system-ui, sans-serif; color: #111827; }
body { display: grid; grid-template-rows: auto 1fr; grid-template-columns: 1fr 26rem; }
header { grid-column: 1 / -1; display: flex; gap: 1rem; align-items: center; flex-wrap: wrap;
  padding: .5rem 1rem; background: #1f2937; color: #f9fafb; }
header h1 { font-size: 1rem; margin: 0; }
header button { font: inherit; padding: .15rem .6rem; border-radius: .3rem; border: 0;
  background: #374151; color: #f9fafb; cursor: pointer; }
header button:focus-visible { outline: 2px solid #fbbf24; }
.legend { display: flex; gap: .9rem; flex-wrap: wrap; font-size: .8rem; }
.legend span { display: inline-flex; align-items: center; gap: .3rem; }
.legend i { display: inline-block; width: 1.8rem; border-top: 2px solid #e5e7eb; }
.legend i.dashed { border-top-style: dashed; } .legend i.dotted { border-top-style: dotted; }
.legend b { display: inline-block; width: .9rem; height: .9rem; border-radius: .2rem; }
#viewport { overflow: hidden; background: #f9fafb; cursor: grab; position: relative; }
#viewport.dragging { cursor: grabbing; }
#map { display: block; user-select: none; }
#map g.node { cursor: pointer; }
#map g.node:hover polygon, #map g.node:hover ellipse, #map g.node:hover path { stroke-width: 2.5; }
#map g.node.selected polygon, #map g.node.selected ellipse { stroke: #db2777; stroke-width: 4; }
#map g.node.unreachable polygon, #map g.node.unreachable ellipse { stroke-dasharray: 4 3;
  opacity: .55; }
#map g.edge.dim, #map g.node.dim { opacity: .25; }
aside { overflow: auto; padding: 1rem; border-left: 1px solid #d1d5db; background: #fff; }
aside h2 { font-size: 1.1rem; margin: 0 0 .3rem; }
aside h3 { font-size: .8rem; text-transform: uppercase; letter-spacing: .05em; color: #4b5563;
  margin: 1rem 0 .3rem; }
aside .tag { display: inline-block; font-size: .75rem; padding: 0 .4rem; border-radius: .6rem;
  background: #e5e7eb; margin-right: .3rem; }
aside .tag.goal { background: #fde047; } aside .tag.warn { background: #fed7aa; }
aside .tag.error { background: #fecaca; }
.line { margin: .2rem 0; } .line .who { font-weight: 600; }
.choice { border: 1px solid #e5e7eb; border-radius: .4rem; padding: .45rem .6rem; margin: .4rem 0; }
.choice.locked { border-style: dotted; } .choice.hidden { border-style: dashed; }
.choice .text { font-weight: 600; }
.meta { font-size: .85rem; color: #374151; }
.meta code, aside code { background: #f3f4f6; padding: 0 .2rem; border-radius: .2rem; }
.fam-influence { color: #15803d; } .fam-persuasion { color: #1d4ed8; }
.fam-pressure { color: #c2410c; } .fam-manipulation { color: #b91c1c; }
.note { font-size: .85rem; margin: .3rem 0; }
a.jump { color: #1d4ed8; cursor: pointer; text-decoration: underline; }
@media (max-width: 900px) { body { grid-template-columns: 1fr; grid-template-rows: auto 60vh auto; }
  aside { border-left: 0; border-top: 1px solid #d1d5db; } }
</style>
</head>
<body>
<header>
  <h1>Story map: $title</h1>
  <button id="zoom-in" title="Zoom in (+)">+</button>
  <button id="zoom-out" title="Zoom out (-)">&minus;</button>
  <button id="zoom-fit" title="Fit the whole story (0)">Fit</button>
  <div class="legend">
    <span><b style="background:#dbeafe"></b>decision</span>
    <span><b style="background:#f3f4f6"></b>narration</span>
    <span><b style="background:#fde68a"></b>ends by the rules</span>
    <span><b style="background:#fde047"></b>goal ending</span>
    <span><b style="background:#bbf7d0"></b>ending</span>
    <span><i></i>always offered</span>
    <span><i class="dashed"></i>hidden unless its condition holds</span>
    <span><i class="dotted"></i>shown locked until its condition holds</span>
  </div>
</header>
<div id="viewport">$svg</div>
<aside id="panel" aria-live="polite">
  <h2>$title</h2>
  <p>Click a node or an ending to read its lines, choices, conditions, effects, techniques
  and lint notes. Drag to pan, scroll to zoom.</p>
</aside>
<script type="application/json" id="map-data">$data</script>
<script>
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("map-data").textContent);
  var svg = document.getElementById("map");
  var viewport = document.getElementById("viewport");
  var panel = document.getElementById("panel");
  var full = svg.viewBox.baseVal;
  var home = {x: full.x, y: full.y, w: full.width, h: full.height};
  var view = Object.assign({}, home);

  function apply() { svg.setAttribute("viewBox", [view.x, view.y, view.w, view.h].join(" ")); }
  function zoom(factor, cx, cy) {
    var rect = svg.getBoundingClientRect();
    var px = cx === undefined ? 0.5 : (cx - rect.left) / rect.width;
    var py = cy === undefined ? 0.5 : (cy - rect.top) / rect.height;
    var w = Math.min(Math.max(view.w * factor, home.w / 40), home.w * 4);
    var h = w * view.h / view.w;
    view.x += (view.w - w) * px; view.y += (view.h - h) * py; view.w = w; view.h = h;
    apply();
  }
  function fit() { view = Object.assign({}, home); apply(); }
  viewport.addEventListener("wheel", function (e) {
    e.preventDefault(); zoom(e.deltaY > 0 ? 1.15 : 1 / 1.15, e.clientX, e.clientY);
  }, {passive: false});
  var drag = null;
  viewport.addEventListener("pointerdown", function (e) {
    drag = {x: e.clientX, y: e.clientY, vx: view.x, vy: view.y, moved: false};
  });
  window.addEventListener("pointermove", function (e) {
    if (!drag) { return; }
    var rect = svg.getBoundingClientRect();
    var dx = e.clientX - drag.x, dy = e.clientY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 4) { drag.moved = true; viewport.classList.add("dragging"); }
    var scale = Math.max(view.w / rect.width, view.h / rect.height);
    view.x = drag.vx - dx * scale; view.y = drag.vy - dy * scale; apply();
  });
  window.addEventListener("pointerup", function () {
    viewport.classList.remove("dragging");
    setTimeout(function () { drag = null; }, 0);
  });
  document.getElementById("zoom-in").onclick = function () { zoom(1 / 1.3); };
  document.getElementById("zoom-out").onclick = function () { zoom(1.3); };
  document.getElementById("zoom-fit").onclick = fit;
  window.addEventListener("keydown", function (e) {
    if (e.key === "+" || e.key === "=") { zoom(1 / 1.3); }
    else if (e.key === "-") { zoom(1.3); }
    else if (e.key === "0") { fit(); }
    else if (e.key === "Escape") { select(null); }
  });

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }
  function add(parent, tag, cls, text) {
    var n = el(tag, cls, text); parent.appendChild(n); return n;
  }
  function jump(parent, target) {
    var link = add(parent, "a", "jump", target.replace(/^ending:/, "ending "));
    link.onclick = function () { select(target); };
    return link;
  }
  function jumps(parent, label, targets) {
    var p = add(parent, "p", "meta", label + " ");
    if (!targets.length) { add(p, "span", "", "nowhere"); }
    targets.forEach(function (t, i) {
      if (i) { p.appendChild(document.createTextNode(", ")); }
      jump(p, t);
    });
  }
  function notes(parent, list) {
    if (!list.length) { return; }
    add(parent, "h3", "", "Lint notes");
    list.forEach(function (n) {
      var p = add(parent, "p", "note");
      add(p, "span", "tag " + (n.severity === "error" ? "error" : "warn"), n.code);
      p.appendChild(document.createTextNode("line " + n.line + ": " + n.message));
      if (n.hint) { add(p, "div", "meta", "hint: " + n.hint); }
    });
  }
  function condition(parent, source, words) {
    if (!source) { return; }
    var p = add(parent, "div", "meta", "if ");
    add(p, "code", "", source);
    if (words) { p.appendChild(document.createTextNode(" (" + words + ")")); }
  }
  function lines(parent, list) {
    list.forEach(function (line) {
      var p = add(parent, "p", "line");
      if (line.speaker) {
        var mood = line.expression ? " (" + line.expression + ")" : "";
        add(p, "span", "who", line.speaker + mood + ": ");
      }
      add(p, "span", "", line.text);
      condition(p, line["if"], line.if_words);
    });
  }
  function effects(choice) {
    var parts = Object.keys(choice.effects).map(function (k) {
      var v = choice.effects[k]; return k + " " + (v > 0 ? "+" : "") + v;
    });
    Object.keys(choice.set).forEach(function (k) {
      parts.push("flags." + k + " = " + choice.set[k]);
    });
    return parts.join(", ");
  }
  function choiceBox(parent, c) {
    var kind = c["if"] ? (c.show_locked ? " locked" : " hidden") : "";
    var box = add(parent, "div", "choice" + kind);
    add(box, "div", "text", c.n + ". " + c.text);
    var t = add(box, "div", "meta", "technique ");
    add(t, "code", "", c.technique);
    if (c.family) {
      var ethics = c.ethical ? ", ethical" : ", not ethical";
      add(t, "span", "fam-" + c.family, " " + c.family + ethics);
    }
    condition(box, c["if"], c.if_words);
    if (c["if"]) {
      var shown = "shown locked: " + (c.locked_hint || "(no hint)");
      add(box, "div", "meta", c.show_locked ? shown : "hidden until it holds");
    }
    if (c.once) { add(box, "div", "meta", "once: disappears after it is chosen"); }
    var fx = effects(c);
    if (fx) { add(box, "div", "meta", "effects: " + fx); }
    if (c.feedback) { add(box, "div", "meta", "feedback: " + c.feedback); }
    if (c.reaction.length) { lines(add(box, "div", "meta"), c.reaction); }
    var next = add(box, "div", "meta", "next: "); jump(next, c.next);
  }
  function showNode(n) {
    add(panel, "h2", "", n.id);
    var tags = add(panel, "p");
    add(tags, "span", "tag", n.kind);
    if (n.start) { add(tags, "span", "tag", "start"); }
    if (!n.reachable) { add(tags, "span", "tag warn", "unreachable"); }
    if (n.background) { add(panel, "p", "meta", "background: " + n.background); }
    var meters = Object.keys(n.meters).map(function (k) {
      return k + " " + n.meters[k].join("..");
    });
    if (meters.length) { add(panel, "p", "meta", "meters on arrival: " + meters.join(", ")); }
    jumps(panel, "reached from:", n.from);
    add(panel, "h3", "", "Lines"); lines(panel, n.lines);
    if (n.discussion) { add(panel, "h3", "", "Discussion"); add(panel, "p", "", n.discussion); }
    if (n.choices.length) {
      add(panel, "h3", "", "Choices");
      n.choices.forEach(function (c) { choiceBox(panel, c); });
    }
    if (n.next) { add(panel, "h3", "", "Next"); jump(add(panel, "p"), n.next); }
    if (n.ending) { add(panel, "h3", "", "Ends at"); jump(add(panel, "p"), "ending:" + n.ending); }
    if (n.end) { add(panel, "h3", "", "Ends"); add(panel, "p", "meta", "by the ending rules"); }
    notes(panel, n.notes);
  }
  function showEnding(e) {
    add(panel, "h2", "", e.title);
    var tags = add(panel, "p");
    add(tags, "span", "tag" + (e.goal ? " goal" : ""), e.goal ? "goal ending" : "ending");
    add(tags, "span", "tag", e.id);
    if (e.reachable === false) { add(tags, "span", "tag error", "unreachable"); }
    if (e.when) { condition(panel, e.when, e.when_words); }
    else { add(panel, "p", "meta", "the fallback ending"); }
    if (e.witness) { add(panel, "p", "meta", "reached by choices " + e.witness.join(" ")); }
    jumps(panel, "reached from:", e.from);
    add(panel, "h3", "", "Text"); add(panel, "p", "", e.text);
    if (e.debrief) { add(panel, "h3", "", "Debrief"); add(panel, "p", "", e.debrief); }
    notes(panel, e.notes);
  }
  function select(target) {
    Array.prototype.forEach.call(svg.querySelectorAll("g.node.selected"), function (g) {
      g.classList.remove("selected");
    });
    panel.textContent = "";
    if (!target) { add(panel, "p", "", "Click a node or an ending."); return; }
    var isEnding = target.indexOf("ending:") === 0;
    var id = isEnding ? "x-" + target.slice(7) : "n-" + target;
    var box = document.getElementById(id);
    if (box) { box.classList.add("selected"); }
    if (isEnding) {
      showEnding(data.endings.filter(function (e) { return "ending:" + e.id === target; })[0]);
    } else { showNode(data.nodes[target]); }
  }
  svg.addEventListener("click", function (e) {
    if (drag && drag.moved) { return; }
    var g = e.target.closest("g.node");
    if (!g) { return; }
    var id = g.id;
    select(id.indexOf("x-") === 0 ? "ending:" + id.slice(2) : id.slice(2));
  });
  window.storyMap = {select: select, zoom: zoom, fit: fit};
  apply();
})();
</script>
</body>
</html>
"""
)


def page(title: str, svg: str, data: str) -> str:
    """The map page: ``svg`` inline, ``data`` (JSON, already safe inside a script element)."""
    return _PAGE.substitute(title=html.escape(title), svg=svg, data=data)
