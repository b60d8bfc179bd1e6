"""`roleplay map`: one self-contained HTML story map, checked in headless Chromium."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.test_yaml_mistakes import BASE
from tests.toolkit.conftest import Cli

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """The Debian chromium, headless (never a downloaded browser)."""
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()


def _open(browser: Browser, path: Path) -> Page:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("requestfailed", lambda request: errors.append(request.url))
    page.goto(path.as_uri())
    page.wait_for_selector("#map g.node")
    assert errors == []
    return page


def _view_box(page: Page) -> list[float]:
    return [float(v) for v in page.get_attribute("#map", "viewBox").split()]  # type: ignore[union-attr]


@pytest.fixture
def sample_map(cli: Cli, tmp_path: Path) -> Path:
    target = tmp_path / "sample.html"
    result = cli("map", "sample_rota", "-o", str(target))
    assert result.code == 0, result.err
    return target


def test_the_page_is_self_contained(sample_map: Path) -> None:
    page = sample_map.read_text(encoding="utf-8")
    assert "<svg" in page and 'id="map-data"' in page
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=", page)
    urls = set(re.findall(r"https?://[^\s\"'<>]+", page))
    assert urls <= {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}, urls


@pytest.mark.browser
def test_clicking_a_node_shows_its_lines_choices_and_techniques(
    browser: Browser, sample_map: Path
) -> None:
    page = _open(browser, sample_map)
    page.click("#n-kitchen")
    panel = page.inner_text("#panel")
    assert panel.startswith("kitchen")
    assert "The sink is full again." in panel
    assert "Tom Hale (skeptical):" in panel
    assert "active_listening influence, ethical" in panel
    assert "effects: trust +2, reputation +1, flags.asked_jo = true" in panel
    assert "once: disappears after it is chosen" in panel
    assert "meters on arrival: trust 5..7" in panel
    assert page.get_attribute("#n-kitchen", "class") == "node decision start selected"
    page.click("#panel a.jump >> text=idea")
    assert page.inner_text("#panel h2") == "idea"


@pytest.mark.browser
def test_conditions_locked_and_hidden_choices_are_told_apart(
    browser: Browser, sample_map: Path
) -> None:
    page = _open(browser, sample_map)
    locked = page.locator("#map g.edge.locked path").first
    hidden = page.locator("#map g.edge.hidden path").first
    always = page.locator("#map g.edge.choice:not(.locked):not(.hidden) path").first
    assert locked.get_attribute("stroke-dasharray") == "1,5"  # dotted
    assert hidden.get_attribute("stroke-dasharray") == "5,2"  # dashed
    assert always.get_attribute("stroke-dasharray") is None
    page.click("#n-office")
    panel = page.inner_text("#panel")
    assert 'if visited("idea") (' in panel
    assert "shown locked: You would need an agreed rota to have numbers to show." in panel
    page.click("#n-idea")
    assert "hidden until it holds" in page.inner_text("#panel")


@pytest.mark.browser
def test_goal_ending_and_other_endings_are_marked(browser: Browser, sample_map: Path) -> None:
    page = _open(browser, sample_map)
    assert "goal" in (page.get_attribute("#x-shared_kitchen", "class") or "")
    assert "goal" not in (page.get_attribute("#x-stalemate", "class") or "")
    assert "GOAL: shared_kitchen" in (page.text_content("#x-shared_kitchen") or "")
    page.click("#x-shared_kitchen")
    panel = page.inner_text("#panel")
    assert "goal ending" in panel and "reached by choices" in panel and "Debrief" in panel.title()


@pytest.mark.browser
def test_pan_and_zoom(browser: Browser, sample_map: Path) -> None:
    page = _open(browser, sample_map)
    home = _view_box(page)
    page.mouse.move(500, 400)
    page.mouse.wheel(0, -300)
    zoomed = _view_box(page)
    assert zoomed[2] < home[2]
    page.mouse.move(600, 500)
    page.mouse.down()
    page.mouse.move(700, 560, steps=5)
    page.mouse.up()
    panned = _view_box(page)
    assert panned[0] < zoomed[0] and panned[1] < zoomed[1]
    page.click("#zoom-fit")
    assert _view_box(page) == home


@pytest.mark.browser
def test_lint_notes_are_shown_on_their_node(browser: Browser, cli: Cli, tmp_path: Path) -> None:
    scenario = tmp_path / "tiny.yaml"
    scenario.write_text(BASE, encoding="utf-8")
    target = tmp_path / "tiny.html"
    assert cli("map", str(scenario), "-o", str(target)).code == 0
    page = _open(browser, target)
    page.click("#n-hello")
    panel = page.inner_text("#panel")
    assert "LINT NOTES" in panel.upper() and "RP112" in panel


def test_without_graphviz_it_says_how_to_install(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    result = cli("map", "sample_rota", "-o", str(tmp_path / "m.html"))
    assert result.code == 1
    assert "install graphviz" in result.err.lower() and "apt install graphviz" in result.err
    assert not (tmp_path / "m.html").exists()


def test_a_broken_scenario_shows_its_problems(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(BASE.replace("start: hello", "start: helo"), encoding="utf-8")
    result = cli("map", str(path), "-o", str(tmp_path / "m.html"))
    assert result.code == 1 and "RP020" in result.out
