"""The HTML debrief from templates: self-contained, dark/light aware, printable, with facts."""

from __future__ import annotations

import re
from datetime import datetime
from itertools import pairwise

from roleplay import build_debrief, load_scenario, replay
from roleplay.reports._html import REPORT_CSS, render_debrief_html
from tests.records.conftest import SCENARIOS


def _page() -> str:
    scenario = load_scenario(SCENARIOS / "sample_rota.yaml")
    debrief = build_debrief(scenario, replay(scenario, [1, 1, 1]).state)
    return render_debrief_html(
        debrief,
        played_on=datetime(2026, 3, 4, 9, 30),
        mode="assessment",
        taken_back=2,
        scenario_version=scenario.content_hash,
    )


def test_the_debrief_states_date_mode_taken_back_and_version() -> None:
    html = _page()
    facts = dict(re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", html))
    assert facts["Played"] == "04 March 2026, 09:30"
    assert facts["Mode"] == "Assessment"
    assert facts["Choices taken back"] == "2"
    assert facts["Scenario version"] == load_scenario(SCENARIOS / "sample_rota.yaml").content_hash


def test_the_page_needs_nothing_outside_itself() -> None:
    html = _page()
    assert "<script" not in html and "<link" not in html and "@import" not in html
    assert not re.search(r"""(src|href)=["'](?!#)""", html)
    assert "prefers-color-scheme: dark" in REPORT_CSS and "@media print" in REPORT_CSS
    assert html.count("<svg") == 1 and "Meter values after each decision" in html


def test_headings_are_in_order() -> None:
    levels = [int(n) for n in re.findall(r"<h([1-6])", _page())]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in pairwise(levels))
