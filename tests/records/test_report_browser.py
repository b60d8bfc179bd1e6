"""The reports as a reader sees them: headless Chromium (Debian's, through Playwright).

Set ROLEPLAY_UPDATE_SCREENSHOTS=1 to refresh docs/screenshots/report-*.png from these runs.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from roleplay.cli import main
from tests.records.conftest import ROOT

pytestmark = pytest.mark.browser
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium, headless; the test fails (never skips) when it is missing."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "install Debian's chromium (apt-get install chromium)"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()


def _open(browser: Any, html: Path, **options: Any) -> Any:
    page = browser.new_page(viewport={"width": 1100, "height": 900}, **options)
    page.goto(html.as_uri())
    return page


def _shot(page: Any, tmp_path: Path, name: str) -> Path:
    target = tmp_path / name
    page.screenshot(path=str(target), full_page=True)
    assert target.stat().st_size > 20_000
    if os.environ.get("ROLEPLAY_UPDATE_SCREENSHOTS"):
        shutil.copy(target, ROOT / "docs" / "screenshots" / name)
    return target


def test_one_session_report_in_the_browser(
    browser: Any, session_logs: list[Path], tmp_path: Path
) -> None:
    report = tmp_path / "report.html"
    assert main(["report", str(session_logs[0]), "-o", str(report)]) == 0
    page = _open(browser, report)
    assert page.get_by_role("heading", level=1).inner_text().startswith("Session report")
    for name in ("The path and the votes", "How the hidden meters moved", "Roads not taken",
                 "Discussion prompts used", "Why this ending"):  # fmt: skip
        assert page.get_by_role("heading", name=name).is_visible(), name
    assert page.get_by_role("table", name="Votes at decision 3 (4 of 4 voted)").is_visible()
    assert page.get_by_role("img", name="Votes at decision 1").is_visible()
    assert page.locator("svg.chart").count() >= 4
    assert page.get_by_text("the facilitator overrode the vote").is_visible()
    _shot(page, tmp_path, "report-one-group.png")
    page.emulate_media(media="print")
    assert page.get_by_role("table", name="Meter values after each decision").is_visible()
    page.close()


def test_two_sessions_in_the_browser(
    browser: Any, session_logs: list[Path], tmp_path: Path
) -> None:
    report = tmp_path / "compare.html"
    assert main(["report", *map(str, session_logs), "-o", str(report)]) == 0
    page = _open(browser, report)
    assert page.get_by_role("heading", level=1).inner_text() == "2 sessions side by side"
    paths = page.get_by_role("table", name="What each group played at each decision")
    assert paths.is_visible()
    assert paths.locator("td.diverged").count() > 0
    assert page.get_by_role("columnheader", name="Group 2 (ABCD)").is_visible()
    assert page.get_by_role("heading", name="Where the groups split most").is_visible()
    checks = page.get_by_role("table", name="Each group's share of right answers")
    assert checks.is_visible()
    assert [checks.locator("tbody tr").nth(i).inner_text().split("\t") for i in (0, 1)] == [
        ["Group 1 (KQZW)", "25 %", "75 %", "+50 points"],
        ["Group 2 (ABCD)", "40 %", "no answers", ""],
    ]
    assert page.get_by_role("img", name="Right answers per group, before and after").is_visible()
    _shot(page, tmp_path, "report-two-groups.png")
    page.close()


def test_the_knowledge_check_section_shows_before_and_after(
    browser: Any, session_logs: list[Path], tmp_path: Path
) -> None:
    report = tmp_path / "report.html"
    assert main(["report", str(session_logs[0]), "-o", str(report)]) == 0
    page = _open(browser, report)
    heading = page.get_by_role("heading", name="Knowledge check: before and after")
    assert heading.is_visible()
    summary = page.get_by_text("Right answers: 25 % before the story")
    assert summary.is_visible() and "75 % after the story" in summary.inner_text()
    chart = page.get_by_role("img", name="Right answers to question 1, before and after")
    assert chart.is_visible()
    description = chart.locator("desc").text_content() or ""
    assert "before the story: 25 %" in description and "after the story: 75 %" in description
    values = chart.locator("text.value")
    assert values.all_text_contents() == ["25 %", "75 %"] and values.nth(1).is_visible()
    table = page.get_by_role("table", name="Answers to question 1")
    rows = [r.split("\t") for r in table.locator("tbody tr").all_inner_texts()]
    assert rows[0][:3] == ["Announce the rota and put everyone's name on it.", "2 (50 %)",
                           "1 (25 %)"]  # fmt: skip
    assert rows[1][0].endswith("right answer") and rows[1][1:3] == ["1 (25 %)", "3 (75 %)"]
    assert "what makes an agreement stick" in rows[1][3]
    assert rows[-1][:3] == ["Right answers", "1 of 4 (25 %)", "3 of 4 (75 %)"]
    assert page.get_by_text("25 % → 75 % right").is_visible()  # in the facts at the top
    target = tmp_path / "report-check.png"
    page.locator("section.check").screenshot(path=str(target))
    assert target.stat().st_size > 20_000
    if os.environ.get("ROLEPLAY_UPDATE_SCREENSHOTS"):
        shutil.copy(target, ROOT / "docs" / "screenshots" / "report-check.png")
    page.emulate_media(media="print")
    assert table.is_visible()
    page.close()


def test_dark_scheme_is_followed(browser: Any, session_logs: list[Path], tmp_path: Path) -> None:
    report = tmp_path / "report.html"
    assert main(["report", str(session_logs[0]), "-o", str(report)]) == 0
    page = _open(browser, report, color_scheme="dark")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    ink = page.evaluate("getComputedStyle(document.body).color")
    assert background == "rgb(19, 22, 29)" and ink == "rgb(233, 236, 242)"
    page.close()
