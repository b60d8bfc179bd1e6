"""Self-contained HTML reports from Jinja2 templates (inline CSS and SVG, no scripts, no pygame).

``render_debrief_html`` builds a solo debrief page; the pieces (``meter_chart_svg``,
``meter_table_html``, ``decision_table_html``, ``profile_bars_html``, ``ending_html``,
``html_page``) are public so other reports reuse them. The templates live in ``templates/``
beside this module and autoescape everything, so text from a scenario or a player is always
escaped. Pages follow the reader's light or dark scheme and print cleanly.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from markupsafe import Markup

from roleplay.reports._families import (
    FAMILY_COLORS,
    FAMILY_COLORS_ON_DARK,
    family_label,
    family_note,
)

if TYPE_CHECKING:
    from roleplay.engine._debrief import Debrief, Decision

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

TEMPLATES = Path(__file__).resolve().parent / "templates"
SERIES_CLASSES = 6


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The Jinja2 environment of the report templates (autoescaping, strict undefined)."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


def _macro(name: str) -> Callable[..., Markup]:
    module = environment().get_template("macros.html.j2").module
    macro: Callable[..., Markup] = getattr(module, name)
    return macro


REPORT_CSS = (
    environment().get_template("report.css").render(light=FAMILY_COLORS, dark=FAMILY_COLORS_ON_DARK)
)


def html_page(title: str, body: str, *, css: str = REPORT_CSS) -> str:
    """Wrap body HTML (trusted markup) in a complete, self-contained document with inline CSS."""
    return render("base.html.j2", title=title, body=Markup(body), css=css)


def render(template: str, **values: Any) -> str:
    """Render one of the report templates."""
    return environment().get_template(template).render(css=values.pop("css", REPORT_CSS), **values)


@dataclass(frozen=True)
class Series:
    """One line of a line chart."""

    name: str
    css: str
    coords: str
    points: tuple[tuple[str, str], ...]
    change: str


@dataclass(frozen=True)
class LineChart:
    """Geometry of a line chart, drawn by the ``line_chart`` macro."""

    key: str
    title: str
    desc: str
    width: int
    height: int
    left: int
    right: int
    grid: tuple[tuple[float, str], ...]
    xlabels: tuple[tuple[str, str], ...]
    series: tuple[Series, ...]


def line_chart(
    values: Mapping[str, Sequence[int]],
    labels: Mapping[str, str],
    ranges: Mapping[str, tuple[int, int]],
    *,
    key: str = "chart",
    title: str = "Hidden meters across the decisions",
    width: int = 880,
    height: int = 300,
) -> LineChart:
    """Lay out one line per meter (each on its own range) over the decisions."""
    steps = max(max((len(v) for v in values.values()), default=1) - 1, 1)
    left, right, top, bottom = 56, 24, 20, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    grid = tuple(
        (round(top + plot_h * (1 - f), 1), label)
        for f, label in ((0.0, "low"), (0.5, ""), (1.0, "high"))
    )
    xlabels = tuple(
        (f"{left + plot_w * step / steps:.1f}", "start" if step == 0 else str(step))
        for step in range(steps + 1)
    )
    series = []
    for index, (meter, points) in enumerate(values.items()):
        low, high = ranges.get(meter, (0, 10))
        span = max(high - low, 1)
        xy = tuple(
            (f"{left + plot_w * i / steps:.1f}", f"{top + plot_h * (1 - (v - low) / span):.1f}")
            for i, v in enumerate(points)
        )
        name = labels.get(meter, meter)
        change = f"{points[0]} → {points[-1]}" if points else ""
        coords = " ".join(f"{x},{y}" for x, y in xy)
        series.append(Series(name, f"s{index % SERIES_CLASSES}", coords, xy, change))
    desc = ", ".join(f"{s.name} from {s.change.replace(' → ', ' to ')}" for s in series)
    return LineChart(
        key, title, desc or "No meters.", width, height, left, left + plot_w, grid, xlabels,
        tuple(series),
    )  # fmt: skip


def meter_rows(values: Mapping[str, Sequence[int]]) -> list[tuple[str, list[int | str]]]:
    """The chart's numbers as table rows: Start, After decision 1, ..."""
    steps = max((len(v) for v in values.values()), default=0)
    return [
        (
            "Start" if step == 0 else f"After decision {step}",
            [v[step] if step < len(v) else "" for v in values.values()],
        )
        for step in range(steps)
    ]


def _meter_chart(debrief: Debrief, width: int, height: int) -> LineChart:
    return line_chart(
        debrief.meter_series, debrief.meter_labels, debrief.meter_ranges, width=width,
        height=height,
    )  # fmt: skip


def meter_chart_svg(debrief: Debrief, *, width: int = 880, height: int = 300) -> str:
    """An inline SVG line chart of every meter across the decisions (own range per meter)."""
    return str(_macro("line_chart")(_meter_chart(debrief, width, height)))


def meter_table_html(debrief: Debrief) -> str:
    """The chart's numbers as a table (for screen readers and exact values)."""
    names = [debrief.meter_labels.get(m, m) for m in debrief.meter_series]
    return str(_macro("meter_table")(meter_rows(debrief.meter_series), names))


def decision_rows(debrief: Debrief) -> list[dict[str, Any]]:
    """Each decision of a debrief as the ``decision_table`` macro wants it."""
    return [
        {
            "number": d.index + 1,
            "text": d.choice_text,
            "technique": d.technique_label,
            "ethical": d.ethical,
            "family": family_label(d.family),
            "deltas": [(debrief.meter_labels.get(k, k), v) for k, v in d.deltas.items()],
            "feedback": d.feedback,
        }
        for d in debrief.decisions
    ]


def decision_table_html(debrief: Debrief) -> str:
    """A table of every decision: choice, technique, family, meter changes and feedback."""
    return str(_macro("decision_table")(decision_rows(debrief)))


def profile(counts: Mapping[str, int]) -> list[dict[str, Any]]:
    """Technique-family counts as labelled bars."""
    total = max(sum(counts.values()), 1)
    return [
        {
            "family": family,
            "label": family_label(family),
            "note": family_note(family),
            "count": count,
            "percent": round(100 * count / total),
        }
        for family, count in counts.items()
    ]


def profile_bars_html(debrief: Debrief) -> str:
    """How often each technique family was chosen, as labelled bars."""
    return str(_macro("profile_bars")(profile(debrief.profile)))


def ending_html(debrief: Debrief) -> str:
    """The ending's title and text, the concept it illustrates, and the rule that picked it."""
    ending = debrief.ending
    rule = debrief.rule_text or (ending.rule if ending else "")
    return str(_macro("ending")(ending, rule))


def render_debrief_html(
    debrief: Debrief,
    *,
    title: str | None = None,
    played_on: datetime | None = None,
    mode: str | None = None,
    taken_back: int | None = None,
    scenario_version: str | None = None,
) -> str:
    """A complete, printable, accessible HTML page for one playthrough's debrief.

    The page states when it was played (default: now), the mode, how many choices were taken
    back and the scenario version when they are given.
    """
    when = played_on or datetime.now().astimezone()
    facts = [
        ("Played", when.strftime("%d %B %Y, %H:%M")),
        *([("Mode", mode.capitalize())] if mode else []),
        ("Decisions", str(len(debrief.decisions))),
        *([("Choices taken back", str(taken_back))] if taken_back is not None else []),
        *([("Scenario version", scenario_version)] if scenario_version else []),
    ]
    chart = _meter_chart(debrief, 880, 300)
    ending = debrief.ending
    return render(
        "debrief.html.j2",
        title=title or f"Debrief: {debrief.scenario_title}",
        scenario_title=debrief.scenario_title,
        ending=ending,
        rule=debrief.rule_text or (ending.rule if ending else ""),
        facts=facts,
        chart=chart,
        table_rows=meter_rows(debrief.meter_series),
        table_meters=[s.name for s in chart.series],
        profile=profile(debrief.profile),
        decisions=decision_rows(debrief),
        endings_total=debrief.endings_total,
        expert=expert_view(debrief),
        knowledge=knowledge_view(debrief),
    )


def expert_view(debrief: Debrief) -> dict[str, Any] | None:
    """The expert's road beside the learner's, row by row from where they part."""
    road = debrief.expert
    if road is None:
        return None
    length = max(len(road.learner), len(road.expert))
    rows = [
        {
            "number": road.diverges_at + i + 1,
            "learner": _road_step(road.learner, i),
            "expert": _road_step(road.expert, i),
        }
        for i in range(length)
    ]
    return {
        "title": road.ending_title,
        "diverges_at": road.diverges_at,
        "rows": rows,
        "learner": road.learner,
        "expert": road.expert,
    }


def _road_step(decisions: Sequence[Decision], index: int) -> dict[str, str] | None:
    if index >= len(decisions):
        return None
    decision = decisions[index]
    return {"text": decision.choice_text, "technique": decision.technique_label}


def knowledge_view(debrief: Debrief) -> dict[str, Any] | None:
    """The knowledge check: scores before and after, and each question's answers explained."""
    check = debrief.knowledge
    if check is None or (check.score_before is None and check.score_after is None):
        return None  # no check in the scenario, or the learner was not asked
    questions = [
        {
            "question": q.question,
            "options": [
                {
                    "text": text,
                    "explain": q.explanations[i],
                    "correct": i == q.correct,
                    "before": i == q.before,
                    "after": i == q.after,
                }
                for i, text in enumerate(q.options)
            ],
        }
        for q in check.questions
    ]
    return {
        "before": check.score_before,
        "after": check.score_after,
        "total": check.total,
        "questions": questions,
    }
