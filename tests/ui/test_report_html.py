"""The HTML debrief: self-contained, escaped, accessible, and free of pygame."""

from __future__ import annotations

import subprocess
import sys
from html.parser import HTMLParser

from harness import FIXTURES

from roleplay import Runner, build_debrief, load_scenario
from roleplay.reports._html import (
    decision_table_html,
    meter_chart_svg,
    profile_bars_html,
    render_debrief_html,
)


def _finished_debrief():  # type: ignore[no-untyped-def]
    scenario = load_scenario(FIXTURES / "mini.yaml")
    runner = Runner(scenario)
    runner.choose_id("push")
    runner.advance_to_decision()
    runner.choose_id("threaten")
    return build_debrief(scenario, runner.state)


class _Checker(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.external: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:  # type: ignore[no-untyped-def]
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("src", "href") and value and not value.startswith("#"):
                self.external.append(value)


def test_page_is_complete_and_self_contained() -> None:
    html = render_debrief_html(_finished_debrief())
    checker = _Checker()
    checker.feed(html)
    assert html.startswith("<!DOCTYPE html>") and '<html lang="en">' in html
    assert "<style>" in html and "@media print" in html
    assert {"svg", "polyline", "table", "caption", "h1", "h2"} <= set(checker.tags)
    assert checker.external == [] and "<script" not in html
    assert "Stalled" in html and "Veiled threat" not in html
    assert "A veiled threat wins the vote" in html


def test_everything_is_escaped() -> None:
    debrief = _finished_debrief()
    import dataclasses

    evil = dataclasses.replace(
        debrief,
        scenario_title="<script>alert(1)</script>",
        decisions=tuple(dataclasses.replace(d, choice_text="<b>&</b>") for d in debrief.decisions),
    )
    html = render_debrief_html(evil, title="<i>x</i>")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "&lt;b&gt;&amp;&lt;/b&gt;" in html and "<title>&lt;i&gt;x&lt;/i&gt;</title>" in html


def test_pieces_are_reusable() -> None:
    debrief = _finished_debrief()
    assert meter_chart_svg(debrief, width=400, height=200).startswith("<svg")
    assert decision_table_html(debrief).count("<tr>") == len(debrief.decisions) + 1
    assert "Pressure" in profile_bars_html(debrief)


def test_renderer_does_not_import_pygame() -> None:
    code = "import sys, roleplay.reports._html; print('pygame' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
