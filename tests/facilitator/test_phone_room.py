"""The phone page around a decision, in headless Chromium: what was voted on, what the room was
told once it was played (honestly, with the choices named), what a screen reader hears, the
closed vote, the end of the session and a host without a big screen."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest

from roleplay.facilitator._host import HostRuntime
from tests.facilitator.conftest import PHONE
from tests.facilitator.test_phone_browser import (
    A11Y_SCRIPT,
    choice,
    command,
    join_from_qr_link,
    open_vote,
)

pytestmark = pytest.mark.browser


def shots_dir(runtime: HostRuntime) -> Path:
    return Path(os.environ.get("ROLEPLAY_SCREENSHOT_DIR") or runtime.session.log.path.parent)


def phones(browser: Any, runtime: HostRuntime, *names: str) -> list[Any]:
    pages = []
    for name in names:
        page = browser.new_context(viewport=PHONE).new_page()
        join_from_qr_link(page, runtime, name)
        pages.append(page)
    return pages


def test_an_override_is_told_honestly_with_the_choices_named(
    browser: Any,
    host: HostRuntime,
) -> None:
    ann, bo, cy = phones(browser, host, "Ann", "Bo", "Cy")
    open_vote(host)
    ann.wait_for_selector("#live:has-text('Vote now')")
    last = host.session.view.lines[-1]
    assert f"{last.name}: " in (ann.text_content("#live") or "")  # the question is read out
    assert ann.locator("#situation").is_visible()
    assert ann.text_content("#situation-speaker") == f"{last.name}:"
    choice(ann, "What would a fair system").click()
    ann.wait_for_selector("#live:has-text('Vote recorded')")
    choice(bo, "What would a fair system").click()
    bo.wait_for_selector("#live:has-text('Vote recorded')")
    ann.wait_for_selector("#progress:has-text('2 of 3 voted')")
    assert "2 of 3" not in (ann.text_content("#live") or "")  # Bo's vote is not read out
    assert ann.get_attribute("#progress", "aria-live") is None  # the ticks are not announced

    command(host, "close_vote")
    cy.wait_for_selector("#vote-help:has-text('Voting has closed')")
    assert cy.text_content("#vote-help") == "Voting has closed. You didn't vote this time."
    assert "You voted: Jo, you've carried this. What would a fair system" in (
        ann.text_content("#vote-help") or ""
    )
    assert "Tap a choice" not in (ann.text_content("#room-view") or "")
    assert "Voting has closed" in (cy.text_content("#live") or "")
    command(host, "reveal", what="tally")
    ann.wait_for_selector("#tally-area:not([hidden])")
    assert "(your vote)" in ann.inner_text("#tally")
    assert "(your vote)" not in cy.inner_text("#tally")
    command(host, "play", choice="order")  # against the room's majority

    ann.wait_for_selector("#status-text:has-text('The facilitator chose')")
    told = ann.text_content("#status-text") or ""
    overridden = r"The facilitator chose “There will be a rota.*” \(the room's vote: “Jo, you've"
    assert re.match(overridden, told)
    assert told in (ann.text_content("#live") or "")
    tally = ann.inner_text("#tally")
    assert not re.search(r"^: ", tally, re.M)  # every count has its choice's name
    assert "There will be a rota" in tally and "What would a fair system" in tally
    assert "(your vote)" in tally
    ann.screenshot(path=str(shots_dir(host) / "host_phone_played.png"), full_page=True)
    assert ann.evaluate(A11Y_SCRIPT)["problems"] == []


def test_the_end_of_the_session_is_a_calm_final_screen(
    browser: Any,
    host: HostRuntime,
) -> None:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    join_from_qr_link(page, host, "Di")
    command(host, "end")
    page.wait_for_selector("#status-title:text-is('The session is over')")
    assert (
        "the facilitator has the session's report"
        in (page.text_content("#status-text") or "").lower()
    )
    assert page.locator("#leave").is_hidden() and page.locator("#connection").is_hidden()
    context.set_offline(True)
    page.evaluate("window.dispatchEvent(new Event('offline'))")
    context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    page.wait_for_timeout(300)
    assert page.locator("#room-view").is_visible()  # no reconnecting, no join form
    assert page.text_content("#status-title") == "The session is over"
    assert page.evaluate("localStorage.getItem('roleplay.token.KQZW')") is None
    page.screenshot(path=str(shots_dir(host) / "host_phone_ended.png"), full_page=True)
    context.close()


def test_without_a_big_screen_the_phone_shows_the_line(
    browser: Any,
    host: HostRuntime,
) -> None:
    host.session.big_screen = False  # as `roleplay host --headless`
    (page,) = phones(browser, host, "Eve")
    assert "big screen" not in (page.text_content("#room-view") or "")
    command(host, "next")
    page.wait_for_selector("#status-title:text-is('The facilitator is playing the story')")
    page.wait_for_selector("#situation:not([hidden])")
    line = host.session.view.lines[host.session.line]
    assert page.text_content("#situation-text") == line.text
    assert "big screen" not in (page.text_content("#room-view") or "")
