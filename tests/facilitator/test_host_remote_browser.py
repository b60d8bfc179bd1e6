"""The host remote in headless Chromium (Debian's, driven by Playwright) at phone widths: no
sideways scrolling, only the controls that apply, a big button that says what it does, and a
final screen with the report command once the session has ended."""

from __future__ import annotations

import os
import re
import socket
from concurrent.futures import Future
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from roleplay.engine._scenario import Scenario
from roleplay.facilitator._host import HostRuntime
from roleplay.facilitator._protocol import Command, Reply
from roleplay.reports._live import LrsSettings
from tests.facilitator.hosting import running_host
from tests.facilitator.test_phone_browser import command, open_vote

pytestmark = pytest.mark.browser

OVERFLOW = "document.documentElement.scrollWidth - window.innerWidth"
# Every visible button's size and whether it lies inside the viewport, left to right
BUTTONS = """() => [...document.querySelectorAll('button')].filter((b) => b.offsetParent !== null)
  .map((b) => { const r = b.getBoundingClientRect();
    return {label: b.textContent, w: r.width, h: r.height,
            inside: r.left >= 0 && r.right <= innerWidth}; })"""
SHOWN = """() => [...document.querySelectorAll('[data-control]')].filter((b) => !b.hidden)
  .map((b) => b.dataset.control)"""


def remote_page(browser: Any, runtime: HostRuntime, width: int) -> Any:
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(runtime.host_url)
    page.wait_for_selector("#connection[data-state='online']")
    return page


def wait_label(page: Any, label: str) -> None:
    expect(page.locator("#next")).to_have_text(label)


@pytest.mark.parametrize("width", [390, 320])
def test_the_decision_fits_a_phone_with_big_targets(
    browser: Any, host: HostRuntime, width: int
) -> None:
    page = remote_page(browser, host, width)
    open_vote(host)
    page.wait_for_selector("#decision:not([hidden])")
    command(host, "close_vote")
    wait_label(page, "No votes: play a choice")
    page.wait_for_selector("[data-control='reveal_tally']:not([hidden])")
    assert page.evaluate(OVERFLOW) <= 0  # no sideways scrolling: the browser does not zoom out
    buttons = page.evaluate(BUTTONS)
    plays = [b for b in buttons if b["label"] in ("Play this", "Preview")]
    assert len(plays) == 2 * len(host.session.round.choices)  # type: ignore[union-attr]
    for button in buttons:
        assert button["inside"], button
        assert button["h"] >= 44 and button["w"] >= 44, button
    shots = os.environ.get("ROLEPLAY_SCREENSHOT_DIR")
    if shots and width == 390:
        page.screenshot(path=str(Path(shots) / "host_remote_decision.png"), full_page=True)
    page.get_by_role("button", name="Play: " + host.session.round.choices[1].text).click()  # type: ignore[union-attr]
    page.wait_for_selector("#decision", state="hidden")
    assert host.session.decided
    page.context.close()


def test_only_the_controls_of_the_phase_show(browser: Any, host: HostRuntime) -> None:
    page = remote_page(browser, host, 390)
    wait_label(page, "Start")
    assert page.evaluate(SHOWN) == []  # the lobby: nothing to close, reveal or take back
    page.click("#next")
    wait_label(page, "Next line")
    assert "close_vote" not in page.evaluate(SHOWN)
    open_vote(host)
    wait_label(page, "Play the majority")
    page.wait_for_selector("[data-control='close_vote']:not([hidden])")
    shown = page.evaluate(SHOWN)
    assert "close_vote" in shown and "meters" in shown
    for absent in ("reveal_tally", "end_preview", "rewind", "resume", "reveal_check"):
        assert absent not in shown
    page.click("[data-control='close_vote']")
    page.wait_for_selector("[data-control='reveal_tally']:not([hidden])")
    assert "close_vote" not in page.evaluate(SHOWN)
    wait_label(page, "No votes: play a choice")  # nobody voted: the big button waits for a pick
    assert page.is_disabled("#next")
    page.get_by_role("button", name="Preview: " + host.session.round.choices[0].text).click()  # type: ignore[union-attr]
    page.wait_for_selector("[data-control='end_preview']:not([hidden])")
    page.click("[data-control='end_preview']")
    page.wait_for_selector("[data-control='end_preview']", state="hidden")
    page.get_by_role("button", name="Play: " + host.session.round.choices[0].text).click()  # type: ignore[union-attr]
    page.wait_for_selector("[data-control='rewind']:not([hidden])")
    page.context.close()


def test_the_end_leaves_a_final_screen_with_the_report_command(
    browser: Any, host: HostRuntime
) -> None:
    page = remote_page(browser, host, 390)
    for _ in range(60):
        phase = command(host, "next").get("phase")
        if phase is None:  # a vote with no votes: the facilitator picks
            phase = command(host, "play", choice=host.session.round.choices[0].id)["phase"]  # type: ignore[union-attr]
        if phase == "ending":
            break
    wait_label(page, "End and report")
    page.on("dialog", lambda dialog: dialog.accept())
    page.click("#next")
    page.wait_for_selector("#over:not([hidden])")
    log = str(host.session.log.path)
    assert page.text_content("#over-log") == log
    assert page.text_content("#over-command") == f"roleplay report {log} -o report.html"
    assert page.locator("#next").is_hidden() and page.locator("#end").is_hidden()
    shots = os.environ.get("ROLEPLAY_SCREENSHOT_DIR")
    if shots:
        page.screenshot(path=str(Path(shots) / "host_remote_end.png"), full_page=True)
    assert host.session.phase == "ended"
    page.context.close()


def phone_join(runtime: HostRuntime, name: str) -> dict[str, Any]:
    """A phone's join through the game loop's queue, as the web server sends it."""
    reply: Future[Reply] = Future()
    message = {"type": "join", "room": "KQZW", "nickname": name}
    runtime.commands.put(Command(0, message, reply=reply))
    return reply.result(5).messages[0]


def test_a_full_room_and_unsent_records_show_on_the_remote(
    browser: Any, sample: Scenario, tmp_path: Path
) -> None:
    with socket.socket() as closed:  # a port nothing listens on: the LRS is unreachable
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    lrs = LrsSettings(f"http://127.0.0.1:{port}/xAPI/", "u", "p", tmp_path / "outbox")
    log = tmp_path / "s.jsonl"
    with running_host(sample, log, lrs=lrs, timer=None, cap=1, teams=True) as runtime:
        page = remote_page(browser, runtime, 390)
        assert phone_join(runtime, "Table 1")["type"] == "welcome"
        assert phone_join(runtime, "Table 2")["code"] == "full"
        expect(page.locator("#room-status")).to_contain_text("Room full (1 place) · 1 turned away")
        expect(page.locator("#people-title")).to_have_text("Teams (1)")
        expect(page.locator("#records")).to_contain_text(
            re.compile(r"Learning records: 0 sent, \d+ waiting \(LRS unreachable since \d\d:\d\d\)")
        )
        page.context.close()
