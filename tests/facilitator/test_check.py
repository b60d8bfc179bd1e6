"""The knowledge check in a hosted session: asked before the story and after the ending, one
answer per participant (changeable until the reveal), revealed by the facilitator, logged, and
resumed from the log mid-question."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from roleplay.engine._scenario import Scenario
from roleplay.engine._session_log import read_session_log
from roleplay.facilitator._controls import HostSession
from roleplay.facilitator._protocol import Command, handle, parse_message
from roleplay.facilitator._resume import resume_session
from roleplay.facilitator._session import ActionError
from roleplay.facilitator._views import host_state, phone_snapshot
from tests.facilitator.conftest import MakeSession
from tests.facilitator.hosting import connect, join, running_host

RIGHT = "option-2"  # the sample's right answer: "Ask the people who carried the load…"


def _events(session: HostSession, *kinds: str) -> list[dict[str, Any]]:
    return read_session_log(session.log.path).of_type(*kinds)


def _room(session: HostSession, count: int = 3) -> list[str]:
    return [session.join(name, None)[0].id for name in ("Ann", "Bo", "Cy", "Di")[:count]]


def play_to_ending(session: HostSession) -> None:
    """Next through the story, picking the first choice at every decision."""
    for _ in range(80):
        if session.phase == "ending":
            return
        if session.phase in ("vote", "closed") and session.round is not None:
            session.play(session.round.choice_ids[0])
        else:
            session.next()
    raise AssertionError("the story never ended")


def test_start_asks_the_check_before_the_story_and_the_reveal_shows_why(
    make_session: MakeSession,
) -> None:
    session = make_session(check=True)
    ann, bo, cy = _room(session)
    session.next()  # Start
    assert session.phase == "check" and session.check_round is not None
    snapshot = phone_snapshot(session, ann)
    check = snapshot["check"]
    assert check["phase"] == "before" and (check["number"], check["count"]) == (1, 1)
    assert [o["id"] for o in check["options"]] == ["option-1", "option-2", "option-3"]
    assert check["open"] and check["tally"] is None and check["correct"] is None
    assert "explain" in check and check["explain"] is None  # nothing given away on phones
    assert host_state(session)["check"]["correct"] == RIGHT  # the facilitator sees it

    session.answer(ann, "before", 1, "option-1")
    ack = session.answer(ann, "before", 1, RIGHT)  # a change replaces the first answer
    assert (ack["answered"], ack["eligible"]) == (1, 3)
    session.answer(bo, "before", 1, "option-3")
    assert session.answer(bo, "before", 1, "option-3")["answered"] == 2  # the same: no event
    assert phone_snapshot(session, ann)["my_answer"] == RIGHT
    assert session.flush()[-1].message["type"] == "host_state"
    progress = [o.message for o in session.flush() if o.message["type"] == "progress"]
    assert progress == [] or progress[-1]["check"] == {"phase": "before", "question": 1}

    session.next()  # Next reveals
    revealed = phone_snapshot(session, cy)["check"]
    assert revealed["revealed"] and not revealed["open"] and revealed["correct"] == RIGHT
    assert revealed["tally"] == {"option-1": 0, "option-2": 1, "option-3": 1}
    assert "evidence" in revealed["explain"][RIGHT]
    with pytest.raises(ActionError) as late:
        session.answer(cy, "before", 1, RIGHT)
    assert late.value.code == "check_closed"
    session.next()  # the last question: on to the story
    assert session.phase == "story" and phone_snapshot(session, ann)["check"] is None

    answers = _events(session, "check_answer")
    assert [(a["player"], a["option"], a["change"]) for a in answers] == [
        (ann, "option-1", False),
        (ann, RIGHT, True),
        (bo, "option-3", False),
    ]
    (closed,) = _events(session, "check_close")
    assert closed["tally"] == revealed["tally"] and closed["correct"] == RIGHT
    assert (closed["voters"], closed["eligible"], closed["reason"]) == (2, 3, "revealed")
    (ended,) = _events(session, "check_end")
    assert (ended["phase"], ended["reason"], ended["asked"]) == ("before", "done", 1)


def test_after_the_ending_next_asks_the_check_again_and_the_ending_shows_both_scores(
    make_session: MakeSession,
) -> None:
    session = make_session(check=True)
    ann, bo = _room(session, 2)
    session.next()
    session.answer(ann, "before", 1, "option-1")
    session.answer(bo, "before", 1, RIGHT)
    session.next()
    session.next()
    play_to_ending(session)
    assert phone_snapshot(session, ann)["check_summary"] == {"before": 50, "after": None}
    session.next()  # the ending card is up: Next asks the check "after"
    assert session.phase == "check" and session.check_round is not None
    assert session.check_round.phase == "after"
    session.answer(ann, "after", 1, RIGHT)
    session.answer(bo, "after", 1, RIGHT)
    session.reveal("check")  # R / "Reveal answer" does what Next would
    session.next()
    assert session.phase == "ending"
    assert phone_snapshot(session, bo)["check_summary"] == {"before": 50, "after": 100}
    session.next()  # asked once: nothing more to do
    assert session.phase == "ending"
    assert [e["phase"] for e in _events(session, "check_end")] == ["before", "after"]


def test_skipping_keeps_the_answers_given_and_asks_no_more(make_session: MakeSession) -> None:
    session = make_session(check=True)
    ann, _bo = _room(session, 2)
    session.next()
    session.answer(ann, "before", 1, RIGHT)
    session.skip_check()
    assert session.phase == "story" and session.check_round is None
    (closed,) = _events(session, "check_close")
    assert (closed["reason"], closed["voters"], closed["tally"][RIGHT]) == ("skipped", 1, 1)
    assert _events(session, "check_end")[-1]["reason"] == "skipped"
    with pytest.raises(ActionError) as nothing:
        session.skip_check()
    assert nothing.value.code == "no_check"


def test_the_check_can_be_turned_off(make_session: MakeSession) -> None:
    session = make_session(check=True)
    session.change_settings({"check": False})
    session.next()
    assert session.phase == "story" and _events(session, "check_open") == []
    play_to_ending(session)
    session.next()
    assert session.phase == "ending"
    assert read_session_log(session.log.path).of_type("settings")[-1]["changes"] == {"check": False}


def test_answers_are_checked_and_a_removed_participant_loses_theirs(
    make_session: MakeSession,
) -> None:
    session = make_session(check=True)
    ann, bo, _cy = _room(session, 3)  # Cy does not answer: the question stays open
    with pytest.raises(ActionError) as not_yet:
        session.answer(ann, "before", 1, RIGHT)
    assert not_yet.value.code == "check_closed"
    session.next()
    for phase, question, option, code in (
        ("after", 1, RIGHT, "check_closed"),
        ("before", 2, RIGHT, "check_closed"),
        ("before", 1, "option-9", "bad_option"),
        ("before", 1, 2, "bad_option"),
    ):
        with pytest.raises(ActionError) as refused:
            session.answer(ann, phase, question, option)
        assert refused.value.code == code
    session.answer(ann, "before", 1, RIGHT)
    session.answer(bo, "before", 1, RIGHT)
    session.remove(bo, ban=False)
    assert session.check_round is not None and session.check_round.answers == {ann: RIGHT}
    for refused_action in (session.rewind, session.discuss, lambda: session.reveal("tally")):
        with pytest.raises(ActionError) as busy:
            refused_action()
        assert busy.value.code == "in_check"


def test_phone_messages_reach_the_check_through_the_protocol(make_session: MakeSession) -> None:
    session = make_session(check=True)
    ann = _room(session, 1)[0]
    session.next()
    raw = '{"type": "answer", "phase": "before", "question": 1, "option": "option-2"}'
    reply = handle(session, Command(1, parse_message(raw), player=ann))
    assert reply.messages[0]["type"] == "answer_ack"
    host = Command(2, {"type": "command", "action": "skip_check"}, host=True)
    assert handle(session, host).messages[0] == {"type": "done", "action": "skip_check",
                                                  "phase": "story"}  # fmt: skip
    again = handle(session, Command(1, parse_message(raw), player=ann))
    assert again.messages[0]["code"] == "check_closed"


def test_resume_mid_question_keeps_the_answers_and_the_shown_order(
    make_session: MakeSession, sample: Scenario, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("roleplay.engine._shuffle.new_seed", lambda: 99)
    session = make_session(check=True)
    ann, bo, cy = _room(session)
    session.next()
    shown = session.check_round.option_ids if session.check_round else ()
    assert shown != ("option-1", "option-2", "option-3")  # this seed shuffles the answers
    session.answer(ann, "before", 1, "option-1")
    session.answer(ann, "before", 1, RIGHT)
    session.answer(bo, "before", 1, "option-3")
    # The process dies here.

    resumed, warnings = resume_session(session.log.path, sample)
    assert warnings == [] and resumed.phase == "check"
    asked = resumed.check_round
    assert asked is not None and asked.open and asked.option_ids == shown
    assert asked.answers == {ann: RIGHT, bo: "option-3"}
    assert phone_snapshot(resumed, ann)["my_answer"] == RIGHT
    resumed.answer(cy, "before", 1, RIGHT)
    resumed.next()
    resumed.next()
    assert resumed.phase == "story"
    closed = _events(resumed, "check_close")[-1]
    assert list(closed["tally"]) == list(shown)  # in the order the room saw them
    assert closed["tally"] == {"option-3": 1, "option-1": 0, RIGHT: 2}
    assert [o.text for o in resumed.runner.check_questions()[0].options] == [
        o.text for o in asked.options
    ]

    again, _ = resume_session(session.log.path, sample)
    assert again.phase == "story" and again.checks_done == {"before"}
    assert again.check_scores == {("before", 1): (2, 3)}


def test_resume_after_the_reveal_shows_the_reveal_again(
    make_session: MakeSession, sample: Scenario
) -> None:
    session = make_session(check=True)
    ann, _bo = _room(session, 2)
    session.next()
    session.answer(ann, "before", 1, "option-3")
    session.next()
    resumed, _ = resume_session(session.log.path, sample)
    asked = resumed.check_round
    assert resumed.phase == "check" and asked is not None
    assert asked.revealed and not asked.open and asked.answers == {ann: "option-3"}
    assert phone_snapshot(resumed, ann)["check"]["correct"] == RIGHT
    resumed.next()
    assert resumed.phase == "story"


# --- over real sockets ----------------------------------------------------------------------
def test_phones_answer_over_the_socket_and_the_remote_reveals(
    sample: Scenario, tmp_path: Path
) -> None:
    async def play(base: str, host_token: str) -> None:
        async with aiohttp.ClientSession() as http:
            host = await connect(http, base)
            await host.send(type="hello_host", token=host_token)
            await host.expect("host_state")
            ann = await join(http, base, "Ann")
            bo = await join(http, base, "Bo")
            token = (await ann.expect("welcome"))["token"]
            await host.send(type="command", action="next", ref=1)
            assert (await host.expect("done", ref=1))["phase"] == "check"
            asked = (await ann.expect("snapshot", phase="check"))["check"]
            assert asked["question"].startswith("Tom says") and asked["correct"] is None
            await ann.send(type="answer", phase="before", question=1, option="option-1")
            await ann.expect("answer_ack", option="option-1")
            await bo.expect("progress", voted=1, eligible=2)
            await ann.send(type="answer", phase="before", question=1, option=RIGHT)
            await ann.expect("answer_ack", option=RIGHT)
            state = await host.expect("host_state")
            while state["check"]["tally"][RIGHT] != 1:
                state = await host.expect("host_state")
            assert state["check"]["correct"] == RIGHT and state["progress"]["voted"] == 1
            await ann.ws.close()
            again = await connect(http, base)
            await again.send(type="rejoin", room="KQZW", token=token)
            restored = await again.expect("snapshot")
            assert restored["phase"] == "check" and restored["my_answer"] == RIGHT
            await host.send(type="command", action="reveal", what="check", ref=2)
            await host.expect("done", ref=2)
            shown = (await bo.expect("snapshot", phase="check"))["check"]
            assert shown["revealed"] and shown["correct"] == RIGHT
            assert shown["tally"] == {"option-1": 0, RIGHT: 1, "option-3": 0}
            await bo.send(type="answer", phase="before", question=1, option=RIGHT)
            assert (await bo.expect("error"))["code"] == "check_closed"

    with running_host(sample, tmp_path / "s.jsonl", check=True) as runtime:
        asyncio.run(play(f"http://127.0.0.1:{runtime.server.port}", runtime.session.host_token))
    kinds = [e["type"] for e in read_session_log(tmp_path / "s.jsonl").events]
    assert kinds[-3:] == ["check_answer", "check_close", "session_end"]
