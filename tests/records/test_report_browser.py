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
    _shot(page, tmp_path, "report-two-groups.png")
    page.close()


def test_dark_scheme_is_followed(browser: Any, session_logs: list[Path], tmp_path: Path) -> None:
    report = tmp_path / "report.html"
    assert main(["report", str(session_logs[0]), "-o", str(report)]) == 0
    page = _open(browser, report, color_scheme="dark")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    ink = page.evaluate("getComputedStyle(document.body).color")
    assert background == "rgb(19, 22, 29)" and ink == "rgb(233, 236, 242)"
    page.close()
