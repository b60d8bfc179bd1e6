"""Self-contained HTML debrief (inline CSS and SVG, no scripts, no pygame).

``render_debrief_html`` builds the whole page; the pieces (``meter_chart_svg``,
``meter_table_html``, ``decision_table_html``, ``profile_bars_html``, ``ending_html``,
``html_page``) are public so a facilitator's session report can reuse them. Every piece of
text from a scenario or a player goes through ``html.escape``.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from roleplay import Debrief

__all__ = [
    "REPORT_CSS",
    "decision_table_html",
    "ending_html",
    "html_page",
    "meter_chart_svg",
    "meter_table_html",
    "profile_bars_html",
    "render_debrief_html",
]

CHART_COLORS = ("#b86e00", "#1f6fb2", "#2e8b57", "#b0306a", "#6a4fb3", "#555555")
FAMILY_LABELS = {
    "influence": ("Influence", "pulling people toward a shared goal"),
    "persuasion": ("Persuasion", "pushing with reasons"),
    "pressure": ("Pressure", "pushing with power"),
    "manipulation": ("Manipulation", "pushing or pulling by deceit"),
}
FAMILY_COLORS = {
    "influence": "#2e8b57",
    "persuasion": "#1f6fb2",
    "pressure": "#b86e00",
    "manipulation": "#b0306a",
}

REPORT_CSS = """
:root { color-scheme: light; --ink: #1d2330; --muted: #505a6e; --line: #d5d9e2;
  --panel: #f5f6f9; --accent: #9a5b00; --good: #1e6b43; --bad: #a3262a; }
* { box-sizing: border-box; }
body { margin: 0; font: 17px/1.55 "Atkinson Hyperlegible", "Noto Sans", system-ui, sans-serif;
  color: var(--ink); background: #fff; }
main { max-width: 60rem; margin: 0 auto; padding: 2.5rem 1.5rem 4rem; }
h1 { font-size: 2rem; line-height: 1.2; margin: .2rem 0 1rem; }
h2 { font-size: 1.3rem; margin: 2.4rem 0 .8rem; padding-bottom: .3rem;
  border-bottom: 2px solid var(--line); }
.eyebrow { text-transform: uppercase; letter-spacing: .08em; font-size: .8rem; font-weight: 700;
  color: var(--accent); margin: 0; }
.ending-text { font-size: 1.1rem; }
.concept { background: var(--panel); border-left: 4px solid var(--accent); padding: .8rem 1.1rem;
  border-radius: 0 8px 8px 0; }
.rule { background: var(--panel); padding: .8rem 1.1rem; border-radius: 8px; }
figure { margin: 0; }
figcaption { color: var(--muted); font-size: .9rem; margin-top: .4rem; }
svg.chart { width: 100%; height: auto; background: var(--panel); border-radius: 8px; }
.legend { list-style: none; padding: 0; margin: .6rem 0 0; display: flex; flex-wrap: wrap;
  gap: .4rem 1.4rem; }
.legend li { display: flex; align-items: center; gap: .45rem; font-weight: 700; }
.swatch { width: .9rem; height: .9rem; border-radius: 50%; display: inline-block; }
table { width: 100%; border-collapse: collapse; font-size: .95rem; }
caption { text-align: left; color: var(--muted); padding-bottom: .4rem; }
th, td { text-align: left; vertical-align: top; padding: .55rem .6rem;
  border-bottom: 1px solid var(--line); }
thead th { background: var(--panel); font-size: .85rem; text-transform: uppercase;
  letter-spacing: .04em; }
td.num { white-space: nowrap; }
.up { color: var(--good); font-weight: 700; }
.down { color: var(--bad); font-weight: 700; }
.tag { display: inline-block; font-size: .8rem; padding: .05rem .5rem; border-radius: 1rem;
  background: var(--panel); border: 1px solid var(--line); white-space: nowrap; }
.tag.unethical { color: var(--bad); border-color: var(--bad); }
.bars { display: grid; grid-template-columns: 9rem 1fr 2.5rem; gap: .5rem 1rem;
  align-items: center; }
.bar { height: 1rem; background: var(--panel); border-radius: .5rem; overflow: hidden;
  border: 1px solid var(--line); }
.bar span { display: block; height: 100%; border-radius: .5rem; }
.bars .label small { display: block; color: var(--muted); font-weight: 400; }
.bars .label { font-weight: 700; }
details { margin-top: .6rem; }
summary { cursor: pointer; color: var(--muted); }
footer { color: var(--muted); font-size: .85rem; margin-top: 3rem; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem;
  color: var(--muted); font-size: .9rem; margin: .6rem 0 0; }
.facts dt { font-weight: 700; } .facts dd { margin: 0; }
@media print {
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  h2 { break-after: avoid; }
  tr, figure, .concept { break-inside: avoid; }
  details { display: none; }
}
"""


def html_page(title: str, body: str, *, css: str = REPORT_CSS) -> str:
    """Wrap body HTML in a complete, self-contained document with inline CSS."""
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{css}</style>\n</head>\n"
        f"<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )


def _color(index: int) -> str:
    return CHART_COLORS[index % len(CHART_COLORS)]


def meter_chart_svg(debrief: Debrief, *, width: int = 880, height: int = 300) -> str:
    """An inline SVG line chart of every meter across the decisions (own range per meter)."""
    series = debrief.meter_series
    steps = max(max((len(v) for v in series.values()), default=1) - 1, 1)
    left, right, top, bottom = 56, 24, 20, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    labels = ", ".join(
        f"{debrief.meter_labels.get(k, k)} from {v[0]} to {v[-1]}" for k, v in series.items() if v
    )
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="chart-title chart-desc" xmlns="http://www.w3.org/2000/svg">',
        '<title id="chart-title">Hidden meters across the decisions</title>',
        f'<desc id="chart-desc">{escape(labels or "No meters.")}</desc>',
    ]
    for fraction, label in ((0.0, "low"), (0.5, ""), (1.0, "high")):
        y = top + plot_h * (1 - fraction)
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" '
            'stroke="#d5d9e2" stroke-width="1"/>'
        )
        if label:
            parts.append(
                f'<text x="{left - 8}" y="{y + 4:.1f}" text-anchor="end" '
                f'font-size="12" fill="#505a6e">{label}</text>'
            )
    for step in range(steps + 1):
        x = left + plot_w * step / steps
        label = "start" if step == 0 else str(step)
        parts.append(
            f'<text x="{x:.1f}" y="{height - 14}" text-anchor="middle" font-size="12" '
            f'fill="#505a6e">{label}</text>'
        )
    for index, (meter, values) in enumerate(series.items()):
        low, high = debrief.meter_ranges.get(meter, (0, 10))
        span = max(high - low, 1)
        points = [
            (left + plot_w * i / steps, top + plot_h * (1 - (v - low) / span))
            for i, v in enumerate(values)
        ]
        coords = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        color = _color(index)
        name = escape(debrief.meter_labels.get(meter, meter))
        parts.append(
            f'<g><title>{name}</title><polyline points="{coords}" fill="none" '
            f'stroke="{color}" stroke-width="3" stroke-linejoin="round"/>'
        )
        parts.extend(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4.5" fill="{color}"/>' for x, y in points
        )
        parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)


def _legend_html(debrief: Debrief) -> str:
    items = []
    for index, (meter, values) in enumerate(debrief.meter_series.items()):
        name = escape(debrief.meter_labels.get(meter, meter))
        change = f"{values[0]} → {values[-1]}" if values else ""
        items.append(
            f'<li><span class="swatch" style="background:{_color(index)}" '
            f'aria-hidden="true"></span>{name} <span>{change}</span></li>'
        )
    return f'<ul class="legend">{"".join(items)}</ul>'


def meter_table_html(debrief: Debrief) -> str:
    """The chart's numbers as a table (for screen readers and exact values)."""
    meters = list(debrief.meter_series)
    head = "".join(f'<th scope="col">{escape(debrief.meter_labels.get(m, m))}</th>' for m in meters)
    steps = max((len(v) for v in debrief.meter_series.values()), default=0)
    rows = []
    for step in range(steps):
        label = "Start" if step == 0 else f"After decision {step}"
        cells = "".join(
            f"<td>{debrief.meter_series[m][step]}</td>"
            if step < len(debrief.meter_series[m])
            else "<td></td>"
            for m in meters
        )
        rows.append(f'<tr><th scope="row">{label}</th>{cells}</tr>')
    return (
        f"<table><caption>Meter values after each decision</caption><thead><tr>"
        f'<th scope="col">When</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )


def _deltas_html(debrief: Debrief, deltas: dict[str, int]) -> str:
    if not deltas:
        return '<span class="tag">no change</span>'
    parts = []
    for meter, delta in deltas.items():
        name = escape(debrief.meter_labels.get(meter, meter))
        css, sign = ("up", "+") if delta > 0 else ("down", "−")
        parts.append(f'<span class="{css}">{sign}{abs(delta)}&nbsp;{name}</span>')
    return "<br>".join(parts)


def decision_table_html(debrief: Debrief) -> str:
    """A table of every decision: choice, technique, family, meter changes and feedback."""
    rows = []
    for decision in debrief.decisions:
        family = FAMILY_LABELS.get(decision.family, (decision.family.title(), ""))[0]
        ethics = "" if decision.ethical else ' <span class="tag unethical">not ethical</span>'
        rows.append(
            "<tr>"
            f'<th scope="row">{decision.index + 1}</th>'
            f"<td>“{escape(decision.choice_text)}”</td>"
            f"<td>{escape(decision.technique_label)}{ethics}</td>"
            f'<td><span class="tag">{escape(family)}</span></td>'
            f'<td class="num">{_deltas_html(debrief, decision.deltas)}</td>'
            f"<td>{escape(decision.feedback)}</td>"
            "</tr>"
        )
    if not rows:
        rows.append('<tr><td colspan="6">No decisions were made.</td></tr>')
    return (
        "<table><caption>Each decision, the technique it used and what it changed</caption>"
        '<thead><tr><th scope="col">#</th><th scope="col">What you chose</th>'
        '<th scope="col">Technique</th><th scope="col">Family</th>'
        '<th scope="col">Meters</th><th scope="col">Feedback</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def profile_bars_html(debrief: Debrief) -> str:
    """How often each technique family was chosen, as labelled bars."""
    total = max(sum(debrief.profile.values()), 1)
    cells = []
    for family, count in debrief.profile.items():
        label, note = FAMILY_LABELS.get(family, (family.title(), ""))
        percent = round(100 * count / total)
        color = FAMILY_COLORS.get(family, "#555555")
        cells.append(
            f'<div class="label">{escape(label)}<small>{escape(note)}</small></div>'
            f'<div class="bar" role="img" aria-label="{escape(label)}: {count} of '
            f'{sum(debrief.profile.values())} decisions"><span style="width:{percent}%;'
            f'background:{color}"></span></div><div>{count}</div>'
        )
    return f'<div class="bars">{"".join(cells)}</div>'


def ending_html(debrief: Debrief) -> str:
    """The ending's title and text, the concept it illustrates, and the rule that picked it."""
    ending = debrief.ending
    if ending is None:
        return "<h1>Unfinished playthrough</h1><p>The scenario has not reached an ending.</p>"
    rule = debrief.rule_text or ending.rule
    return (
        f"<h1>{escape(ending.title)}</h1>"
        f'<p class="ending-text">{escape(ending.text)}</p>'
        f'<div class="concept"><p>{escape(ending.debrief)}</p></div>'
        "<h2>Why this ending</h2>"
        f'<p class="rule">This ending was chosen because {escape(rule)}.</p>'
    )


def _facts_html(facts: Sequence[tuple[str, str]]) -> str:
    """What a facilitator needs to read a debrief (date, mode, take-backs, version) as a list."""
    if not facts:
        return ""
    rows = "".join(f"<dt>{escape(name)}</dt><dd>{escape(value)}</dd>" for name, value in facts)
    return f'<dl class="facts">{rows}</dl>'


def render_debrief_html(
    debrief: Debrief,
    *,
    title: str | None = None,
    played_on: str | None = None,
    mode: str | None = None,
    taken_back: int | None = None,
    scenario_version: str | None = None,
) -> str:
    """Return a complete, printable, accessible HTML page for one playthrough's debrief.

    The optional facts (when it was played, in which mode, how many choices were taken back,
    which version of the scenario) are listed under the heading for a facilitator.
    """
    page_title = title or f"Debrief: {debrief.scenario_title}"
    facts = [
        (name, str(value))
        for name, value in (
            ("Played on", played_on),
            ("Mode", mode),
            ("Choices taken back", taken_back),
            ("Scenario version", scenario_version),
        )
        if value is not None
    ]
    body = (
        f'<p class="eyebrow">Debrief · {escape(debrief.scenario_title)}</p>'
        f"{_facts_html(facts)}"
        f"{ending_html(debrief)}"
        "<h2>How the hidden meters moved</h2>"
        f"<figure>{meter_chart_svg(debrief)}{_legend_html(debrief)}"
        "<figcaption>Each meter is drawn on its own scale, from its lowest to its highest "
        "possible value.</figcaption></figure>"
        f"<details><summary>Show the numbers</summary>{meter_table_html(debrief)}</details>"
        "<h2>Your influence profile</h2>"
        f"{profile_bars_html(debrief)}"
        "<h2>Decision by decision</h2>"
        f"{decision_table_html(debrief)}"
        f"<footer>Endings in this scenario: {debrief.endings_total}.</footer>"
    )
    return html_page(page_title, body)
