"""The real phone page in headless Chromium (Debian's, driven by Playwright): join from the QR
link, vote, change the vote, lose the network, reload; names escaped; accessibility checks."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from concurrent.futures import Future
from pathlib import Path
from typing import Any

import pytest

from roleplay.engine._scenario import Scenario
from roleplay.engine._session_log import read_session_log
from roleplay.facilitator._host import HostRuntime
from roleplay.facilitator._protocol import Command, Reply
from tests.facilitator.conftest import PHONE, FakeClock
from tests.facilitator.hosting import running_host

pytestmark = pytest.mark.browser


def command(runtime: HostRuntime, action: str, **fields: Any) -> dict[str, Any]:
    """Send a facilitator command through the game loop's queue, as the host remote does."""
    reply: Future[Reply] = Future()
    runtime.commands.put(
        Command(0, {"type": "command", "action": action, **fields}, host=True, reply=reply)
    )
    return reply.result(5).messages[0]


def open_vote(runtime: HostRuntime) -> None:
    for _ in range(30):
        if command(runtime, "next")["phase"] == "vote":
            return
    raise AssertionError("no vote opened")


def join_from_qr_link(page: Any, runtime: HostRuntime, name: str) -> None:
    page.goto(runtime.join_url)
    assert page.input_value("#room") == "KQZW"
    page.get_by_label("Your name in the room").fill(name)
    page.get_by_role("button", name="Join").click()
    page.wait_for_selector("#room-view:not([hidden])")


def choice(page: Any, text: str) -> Any:
    return page.locator("button.choice", has_text=text)


def test_join_vote_change_offline_and_reload_keep_the_vote(browser: Any, host: HostRuntime) -> None:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    join_from_qr_link(page, host, "Ann")
    open_vote(host)
    choice(page, "What would a fair system").click()
    page.wait_for_selector("#live:has-text('Vote recorded')")
    choice(page, "There will be a rota").click()
    page.wait_for_selector("#live:has-text('rota')")
    assert choice(page, "There will be a rota").get_attribute("aria-pressed") == "true"
    assert choice(page, "What would a fair system").get_attribute("aria-pressed") == "false"
    page.wait_for_selector("#progress:has-text('1 of 1 voted')")
    shots = Path(os.environ.get("ROLEPLAY_SCREENSHOT_DIR") or host.session.log.path.parent)
    page.screenshot(path=str(shots / "host_phone.png"), full_page=True)

    context.set_offline(True)
    page.evaluate("window.dispatchEvent(new Event('offline'))")
    page.wait_for_selector("#connection[data-state='offline']")
    context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    page.wait_for_selector("#connection[data-state='online']")
    page.reload()
    page.wait_for_selector("button.choice[aria-pressed='true']")
    assert choice(page, "There will be a rota").get_attribute("aria-pressed") == "true"
    assert "Your vote" in choice(page, "There will be a rota").inner_text()
    context.close()
    votes = read_session_log(host.session.log.path).of_type("vote")
    assert [(v["choice"], v["change"]) for v in votes] == [("ask_jo", False), ("order", True)]


def test_a_vote_made_offline_is_sent_on_reconnect(browser: Any, host: HostRuntime) -> None:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    join_from_qr_link(page, host, "Bo")
    open_vote(host)
    page.wait_for_selector("button.choice")
    context.set_offline(True)
    page.evaluate("window.dispatchEvent(new Event('offline'))")
    choice(page, "What would a fair system").click()
    assert "Sending" in choice(page, "What would a fair system").inner_text()
    context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    page.wait_for_selector(
        "button.choice .mark:text-is('Your vote')"
    )  # acknowledged, not 'Sending your vote…'
    context.close()
    votes = read_session_log(host.session.log.path).of_type("vote")
    assert [v["choice"] for v in votes] == ["ask_jo"]


def test_a_nickname_with_markup_arrives_escaped(browser: Any, host: HostRuntime) -> None:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    join_from_qr_link(page, host, "<b>Ann</b>")
    assert page.text_content("#you-name") == "<b>Ann</b>"
    assert page.locator("#you-name b").count() == 0
    remote = context.new_page()
    remote.goto(host.host_url)
    remote.wait_for_selector("#people .card-text")
    assert remote.locator("#people .card-text").first.text_content() == "<b>Ann</b>"
    assert remote.locator("#people b").count() == 0
    assert "#" not in remote.url  # the host token leaves the address bar at once
    context.close()


# --- accessibility ---------------------------------------------------------------------
A11Y_SCRIPT = (Path(__file__).parent / "a11y_check.js").read_text(encoding="utf-8")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("zoom", [1, 2])
def test_the_phone_page_passes_accessibility_checks(
    browser: Any, host: HostRuntime, scheme: str, zoom: int
) -> None:
    """Labels, 48 px targets, 4.5:1 contrast, lang, and no sideways scrolling at 200 % zoom
    (a 390 px phone at 200 % lays out like a 195 px wide window)."""
    viewport = {"width": PHONE["width"] // zoom, "height": PHONE["height"] // zoom}
    context = browser.new_context(viewport=viewport, color_scheme=scheme)
    page = context.new_page()
    page.goto(host.join_url)
    page.wait_for_selector("#join-view")
    report = page.evaluate(A11Y_SCRIPT)
    assert report == {"lang": "en", "problems": []}
    page.get_by_label("Your name in the room").fill("Cy")
    page.get_by_role("button", name="Join").click()
    page.wait_for_selector("#room-view:not([hidden])")
    open_vote(host)
    page.wait_for_selector("button.choice")
    choice(page, "What would a fair system").click()
    page.wait_for_selector(
        "button.choice .mark:text-is('Your vote')"
    )  # acknowledged, not 'Sending your vote…'
    assert page.evaluate(A11Y_SCRIPT)["problems"] == []
    assert page.get_attribute("#live", "aria-live") == "polite"
    context.close()


# --- team mode and the host remote's show of hands ------------------------------------------
@pytest.fixture
def team_host(sample: Scenario, tmp_path: Path) -> Iterator[HostRuntime]:
    """A running host in team mode: one phone per table."""
    with running_host(
        sample, tmp_path / "teams.jsonl", timer=None, auto_close=False, teams=True
    ) as runtime:
        yield runtime


def test_team_mode_speaks_to_the_table(browser: Any, team_host: HostRuntime) -> None:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(team_host.join_url)
    # the link read out on the projector asks for the table's name too
    assert "&teams=1" in team_host.join_url and team_host.short_link.endswith("&teams=1")
    page.get_by_label("Your table's name").fill("Table 3")
    page.get_by_role("button", name="Join").click()
    page.wait_for_selector("#room-view:not([hidden])")
    assert page.text_content(".you") == "Your table: Table 3"
    open_vote(team_host)
    page.wait_for_selector("button.choice")
    assert page.text_content("#vote-title") == "Which would your table choose?"
    assert "Agree at your table" in page.text_content("#vote-help")
    # A phone that typed the link without the team flag learns team mode from the snapshot.
    other = browser.new_context(viewport=PHONE)
    typed = other.new_page()
    typed.goto("http://" + team_host.short_link.removesuffix("&teams=1"))
    typed.get_by_label("Your name in the room").fill("Table 4")
    typed.get_by_role("button", name="Join").click()
    typed.wait_for_selector("#room-view:not([hidden])")
    typed.wait_for_selector(".you:has-text('Your table: Table 4')")
    assert typed.text_content("#vote-title") == "Which would your table choose?"
    other.close()
    context.close()


def test_the_phone_page_says_you_without_teams(browser: Any, host: HostRuntime) -> None:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    join_from_qr_link(page, host, "Di")
    assert page.text_content(".you") == "You are Di"
    open_vote(host)
    page.wait_for_selector("button.choice")
    assert page.text_content("#vote-title") == "Which would you choose?"
    context.close()


def to_hands(remote: Any) -> None:
    """Press Next on the host remote until the show-of-hands form appears."""
    for _ in range(10):
        if remote.locator("#hands").is_visible():
            return
        remote.click("#next")
        remote.wait_for_timeout(150)
    raise AssertionError("the show of hands never appeared")


def test_a_show_of_hands_from_the_host_remote(browser: Any, host: HostRuntime) -> None:
    """No phones: the facilitator types the counts on the host remote, or picks on a tie."""
    context = browser.new_context(viewport=PHONE)
    remote = context.new_page()
    remote.goto(host.host_url)
    remote.wait_for_selector("#connection[data-state='online']")
    to_hands(remote)
    assert host.session.phase == "story" and host.session.round is None  # no vote was opened
    remote.get_by_role("spinbutton", name="Jo, you've carried this").fill("4")
    remote.get_by_role("spinbutton", name="There will be a rota").fill("9")
    remote.get_by_role("button", name="Play the show of hands").click()
    remote.wait_for_selector("#hands", state="hidden")
    decision = read_session_log(host.session.log.path).of_type("decision")[-1]
    assert (decision["how"], decision["choice"]) == ("show_of_hands", "order")
    assert decision["tally"] == {"ask_jo": 4, "order": 9, "threaten": 0, "invoice_first": 0}

    # A tie cannot be played as it is: the remote says so, and "Pick this" settles it.
    to_hands(remote)
    fields = remote.locator("#hands-fields input")
    fields.nth(0).fill("3")
    fields.nth(1).fill("3")
    remote.get_by_role("button", name="Play the show of hands").click()
    remote.wait_for_selector("#error:not(:empty)")
    assert "tie" in (remote.text_content("#error") or "").lower()
    picked = fields.nth(1).get_attribute("data-choice")
    remote.locator("#hands-fields button").nth(1).click()
    remote.wait_for_selector("#hands", state="hidden")
    decision = read_session_log(host.session.log.path).of_type("decision")[-1]
    assert (decision["how"], decision["choice"]) == ("show_of_hands", picked)
    assert sorted(decision["tally"].values())[-2:] == [3, 3]
    assert remote.evaluate(A11Y_SCRIPT)["problems"] == []
    context.close()


# --- the knowledge check ----------------------------------------------------------------
@pytest.fixture
def check_host(sample: Scenario, tmp_path: Path) -> Iterator[HostRuntime]:
    """A running host that asks the sample's knowledge check."""
    with running_host(sample, tmp_path / "check.jsonl", timer=None, check=True) as runtime:
        yield runtime


def wait_acknowledged(page: Any) -> None:
    """The answer was acknowledged: its mark says "Your answer", not "Sending your answer…"."""
    page.locator("#options .mark", has_text=re.compile(r"^Your answer$")).wait_for()


def option(page: Any, text: str) -> Any:
    return page.locator("#options button.choice", has_text=text)


def test_phones_answer_the_check_change_it_and_see_the_reveal(
    browser: Any, check_host: HostRuntime
) -> None:
    context = browser.new_context(viewport=PHONE)
    ann, bo = context.new_page(), browser.new_context(viewport=PHONE).new_page()
    join_from_qr_link(ann, check_host, "Ann")
    join_from_qr_link(bo, check_host, "Bo")
    assert command(check_host, "next")["phase"] == "check"
    ann.wait_for_selector("#check-area:not([hidden])")
    assert ann.text_content("#status-title") == "Knowledge check"
    assert ann.text_content("#check-label") == "Before the story · question 1 of 1"
    assert ann.text_content("#check-question", timeout=2000).startswith("Tom says")
    numbers = [t.split(" ", 1)[0] for t in ann.locator("#options button.choice").all_inner_texts()]
    assert numbers == ["1.", "2.", "3."]  # numbered as on the projector
    option(ann, "Report Tom's mugs").click()
    wait_acknowledged(ann)
    option(ann, "Ask the people who carried the load").click()
    wait_acknowledged(ann)
    assert option(ann, "Ask the people").get_attribute("aria-pressed") == "true"
    assert option(ann, "Report Tom's mugs").get_attribute("aria-pressed") == "false"
    option(bo, "Announce the rota").click()
    ann.wait_for_selector("#progress:has-text('2 of 2 answered')")
    assert ann.locator("#check-result").is_hidden()
    assert "Right answer" not in ann.inner_text("#options")  # nothing given away before
    ann.reload()  # a reload mid-question keeps the answer
    ann.wait_for_selector("#options button[aria-pressed='true']")
    assert "Your answer" in option(ann, "Ask the people").inner_text()

    remote = context.new_page()
    remote.goto(check_host.host_url)
    remote.wait_for_selector("#check:not([hidden])")
    assert "✓ right: Ask the people" in remote.inner_text("#check-options")
    remote.get_by_role("button", name="Reveal answer").click()
    ann.wait_for_selector("#check-result:not([hidden])")
    assert ann.text_content("#check-verdict") == "Right!"
    marked = option(ann, "Ask the people").inner_text()
    assert "Right answer · Your answer · 1 of 2 answers" in marked
    assert "evidence" in (ann.text_content("#check-why") or "")
    bo.wait_for_selector("#check-result:not([hidden])")
    assert bo.text_content("#check-verdict") == "Not this time"
    assert bo.text_content("#check-mine") == (
        "Your answer, “Announce the rota and put everyone's name on it”: An instruction gets "
        "compliance: people do what the rota says and no more."
    )
    assert bo.locator("#options button:disabled").count() == 3
    # Bo's own (wrong) answer no longer looks picked and right: the right one is marked instead
    assert "wrong" in (option(bo, "Announce the rota").get_attribute("class") or "")
    assert "right" in (option(bo, "Ask the people").get_attribute("class") or "")
    assert "✓ Right answer · 1 of 2 answers" in option(bo, "Ask the people").inner_text()
    shots = Path(os.environ.get("ROLEPLAY_SCREENSHOT_DIR") or check_host.session.log.path.parent)
    bo.screenshot(path=str(shots / "host_phone_check.png"), full_page=True)
    assert bo.evaluate(A11Y_SCRIPT)["problems"] == []
    remote.click("#next")
    ann.wait_for_selector("#check-area", state="hidden")
    assert ann.text_content("#status-title") == "Watch the big screen"
    context.close()
    closed = read_session_log(check_host.session.log.path).of_type("check_close")[-1]
    assert closed["tally"] == {"option-1": 1, "option-2": 1, "option-3": 0}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_check_on_the_phone_passes_accessibility_checks(
    browser: Any, check_host: HostRuntime, scheme: str
) -> None:
    context = browser.new_context(viewport=PHONE, color_scheme=scheme)
    page = context.new_page()
    join_from_qr_link(page, check_host, "Cy")
    command(check_host, "next")
    page.wait_for_selector("#options button.choice")
    assert page.evaluate(A11Y_SCRIPT)["problems"] == []
    option(page, "Announce the rota").click()
    wait_acknowledged(page)
    assert page.evaluate(A11Y_SCRIPT)["problems"] == []
    command(check_host, "reveal", what="check")
    page.wait_for_selector("#check-result:not([hidden])")
    assert page.evaluate(A11Y_SCRIPT)["problems"] == []
    assert "Not this time" in (page.text_content("#live") or "")
    context.close()


def test_an_answer_made_offline_is_sent_on_reconnect(browser: Any, check_host: HostRuntime) -> None:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    join_from_qr_link(page, check_host, "Di")
    command(check_host, "next")
    page.wait_for_selector("#options button.choice")
    context.set_offline(True)
    page.evaluate("window.dispatchEvent(new Event('offline'))")
    option(page, "Announce the rota").click()
    assert "Sending your answer" in option(page, "Announce the rota").inner_text()
    context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    wait_acknowledged(page)
    assert "Your answer" in option(page, "Announce the rota").inner_text()
    context.close()
    answers = read_session_log(check_host.session.log.path).of_type("check_answer")
    assert [a["option"] for a in answers] == ["option-1"]


def test_the_remote_turns_the_check_off_and_skips_it(browser: Any, check_host: HostRuntime) -> None:
    """The host remote's checkbox turns the check off before the start; with it on, "Skip the
    check" ends the phase and the story begins."""
    context = browser.new_context(viewport=PHONE)
    remote = context.new_page()
    remote.goto(check_host.host_url)
    box = remote.get_by_label("Ask the knowledge check before and after the story")
    box.wait_for()
    assert box.is_checked() and remote.locator("#check").is_hidden()
    box.uncheck()
    for _ in range(50):
        if not check_host.session.room.settings.check:
            break
        remote.wait_for_timeout(100)
    assert check_host.session.room.settings.check is False
    box.check()
    remote.click("#next")
    remote.wait_for_selector("#check:not([hidden])")
    assert "0 of 0 answered" in remote.inner_text("#progress")
    end_now = remote.locator('[data-action="end_now"]')
    assert end_now.inner_text() == "End question now"  # the timer buttons act on the question
    remote.get_by_role("button", name="Skip the check").click()
    remote.wait_for_selector("#check", state="hidden")
    assert check_host.session.phase == "story"
    assert remote.get_by_role("button", name="Skip the check").is_hidden()
    assert end_now.is_hidden()  # no question, no vote open: nothing to end
    assert remote.evaluate(A11Y_SCRIPT)["problems"] == []
    context.close()
    ended = read_session_log(check_host.session.log.path).of_type("check_end")
    assert [(e["phase"], e["reason"]) for e in ended] == [("before", "skipped")]


# --- the room's timer on a knowledge-check question -------------------------------------------
@pytest.fixture
def timed_check_host(
    sample: Scenario, tmp_path: Path, fake_clock: FakeClock
) -> Iterator[HostRuntime]:
    """A host that asks the check with a 30 s timer on a clock the test moves by hand (and
    keeps a question open after everyone answered: one phone answers here)."""
    with running_host(
        sample,
        tmp_path / "timed.jsonl",
        timer=30,
        check=True,
        auto_close=False,
        clock=fake_clock.clock(),
    ) as runtime:
        yield runtime


def test_the_phone_counts_a_question_down_and_says_when_time_is_up(
    browser: Any, timed_check_host: HostRuntime, fake_clock: FakeClock
) -> None:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    join_from_qr_link(page, timed_check_host, "Ann")
    assert command(timed_check_host, "next")["phase"] == "check"
    page.wait_for_selector("#check-area:not([hidden])")
    timer = page.locator("#timer")
    timer.wait_for(state="visible")
    assert re.fullmatch(r"(30|29|28) s left", timer.inner_text())  # the vote's countdown
    option(page, "Ask the people who carried the load").click()
    wait_acknowledged(page)
    assert page.locator("#options button:disabled").count() == 0

    fake_clock.now += 31  # the deadline passes on the host
    page.wait_for_selector('#status-title:text-is("Time\'s up")')
    assert timer.is_hidden()  # "Time's up" is said once, by the heading
    assert "Waiting for the facilitator" in (page.text_content("#status-text") or "")
    assert page.locator("#options button:disabled").count() == 3  # answers are locked
    assert page.locator("#check-help").is_hidden() and page.locator("#check-result").is_hidden()
    assert "Your answer" in option(page, "Ask the people").inner_text()  # kept, not revealed
    assert page.evaluate(A11Y_SCRIPT)["problems"] == []

    command(timed_check_host, "next")  # the facilitator reveals, as after a vote's timer
    page.wait_for_selector("#check-result:not([hidden])")
    assert page.text_content("#check-verdict") == "Right!"
    assert timer.is_hidden()
    context.close()
    closed = read_session_log(timed_check_host.session.log.path).of_type("check_close")
    assert [(c["reason"], c["voters"]) for c in closed] == [("timer", 1)]
