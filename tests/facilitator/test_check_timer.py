"""The room's timer on knowledge-check questions: the deadline reaches the phones, answers close
when the time is up (logged with reason "timer"), a late answer is refused, the facilitator's
timer controls work on a question, and a session resumes from logs with and without deadlines."""

from __future__ import annotations

import asyncio
import json
from datetime import datetime
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from roleplay.engine._scenario import Scenario
from roleplay.engine._session_log import read_session_log
from roleplay.facilitator._controls import HostSession
from roleplay.facilitator._resume import resume_session, start_session
from roleplay.facilitator._room import RoomSettings
from roleplay.facilitator._session import ActionError
from roleplay.facilitator._views import host_state, phone_snapshot
from roleplay.facilitator.desktop.check import answered_text
from roleplay.facilitator.desktop.pointer import next_label
from roleplay.reports._sessions import read_session
from tests.facilitator.conftest import FakeClock, MakeSession
from tests.facilitator.hosting import connect, join, running_host

RIGHT = "option-2"  # the sample's right answer


def _events(session: HostSession, *kinds: str) -> list[dict[str, Any]]:
    return read_session_log(session.log.path).of_type(*kinds)


def _asked(session: HostSession) -> Any:
    assert session.check_round is not None
    return session.check_round


def _one_answer_in(make_session: MakeSession, **settings: object) -> tuple[HostSession, str]:
    """A session at the check's first question, answered by Ann (kept open: no auto_close)."""
    session = make_session(check=True, auto_close=False, **settings)
    ann = session.join("Ann", None)[0].id
    session.next()
    session.answer(ann, "before", 1, RIGHT)
    return session, ann


def test_a_question_has_the_room_timer_and_closes_when_the_time_is_up(
    make_session: MakeSession, fake_clock: FakeClock
) -> None:
    session = make_session(check=True, timer=45)
    ann = session.join("Ann", None)[0].id
    bo = session.join("Bo", None)[0].id
    session.next()  # Start: the first question
    shown = phone_snapshot(session, ann)["check"]
    assert shown["remaining"] == pytest.approx(45) and not shown["paused"]
    deadline = datetime.fromisoformat(shown["deadline"])  # ISO wall time, as a vote's
    assert (deadline - fake_clock.wall()).total_seconds() == pytest.approx(45)
    (opened,) = _events(session, "check_open")
    assert opened["seconds"] == 45 and opened["deadline"] == shown["deadline"]
    banner = answered_text(session, _asked(session))  # on the projector
    assert banner == "Answer on your phone · 0 of 2 answered · 0:45 left"

    session.answer(ann, "before", 1, RIGHT)
    fake_clock.now += 44.5
    session.tick()
    assert _asked(session).open  # half a second left
    fake_clock.now += 0.5
    with pytest.raises(ActionError) as late:  # after the deadline, before the next tick
        session.answer(bo, "before", 1, RIGHT)
    assert late.value.code == "check_closed" and str(late.value).startswith("Time's up")

    asked = _asked(session)
    assert not asked.open and not asked.revealed and asked.close_reason == "timer"
    (closed,) = _events(session, "check_close")
    assert (closed["reason"], closed["voters"], closed["eligible"]) == ("timer", 1, 2)
    assert _events(session, "check_answer")[-1]["player"] == ann  # Bo's never counted
    phone = phone_snapshot(session, bo)["check"]
    assert phone["reason"] == "timer" and not phone["open"] and phone["remaining"] is None
    assert phone["correct"] is None and phone["tally"] is None  # the answer waits for Next
    assert answered_text(session, asked) == "Time's up · 1 of 2 answered"
    assert next_label(session) == "Reveal the answer"

    session.next()  # Next reveals, as after a vote the facilitator reveals and plays
    assert asked.revealed and phone_snapshot(session, bo)["check"]["correct"] == RIGHT
    (reveal,) = [e for e in _events(session, "reveal") if e["what"] == "check"]
    assert (reveal["phase"], reveal["question"]) == ("before", 1)
    session.next()
    assert session.phase == "story"
    assert session.check_summary()["before"] == 100


def test_without_a_timer_a_question_has_no_deadline_and_stays_open(
    make_session: MakeSession, fake_clock: FakeClock
) -> None:
    session = make_session(check=True, auto_close=False, timer=None)
    ann = session.join("Ann", None)[0].id
    session.next()
    shown = phone_snapshot(session, ann)["check"]
    assert shown["deadline"] is None and shown["remaining"] is None
    (opened,) = _events(session, "check_open")
    assert opened["deadline"] is None and opened["seconds"] is None
    fake_clock.now += 10_000
    session.tick()
    assert _asked(session).open
    assert session.answer(ann, "before", 1, RIGHT)["type"] == "answer_ack"
    assert answered_text(session, _asked(session)) == "Answer on your phone · 1 of 1 answered"
    assert _events(session, "check_close") == []


def test_auto_advance_reveals_the_answer_when_the_time_is_up(
    make_session: MakeSession, fake_clock: FakeClock
) -> None:
    session = make_session(check=True, auto_close=False, timer=30, auto_advance=True)
    ann = session.join("Ann", None)[0].id
    session.next()
    session.answer(ann, "before", 1, "option-1")
    fake_clock.now += 30
    session.tick()
    asked = _asked(session)
    assert asked.revealed and asked.close_reason == "timer"
    assert phone_snapshot(session, ann)["check"]["correct"] == RIGHT
    assert [e["type"] for e in _events(session, "check_close", "reveal")] == [
        "check_close",
        "reveal",
    ]


def test_the_timer_controls_pause_extend_and_end_a_question(
    make_session: MakeSession, fake_clock: FakeClock
) -> None:
    session = make_session(check=True, timer=60)
    session.join("Ann", None)
    session.next()
    fake_clock.now += 20
    session.timer_action("pause")
    assert phone_snapshot(session, None)["check"]["paused"]
    fake_clock.now += 500
    session.tick()
    assert _asked(session).open  # paused: no time passes
    session.timer_action("resume")
    session.timer_action("extend")
    assert session.active_timer() is not None
    assert _asked(session).timer.remaining() == pytest.approx(70)
    session.timer_action("end_now")
    assert not _asked(session).open and _asked(session).close_reason == "facilitator"
    timers = _events(session, "timer")
    assert [(t["action"], t["decision"], t["phase"], t["question"]) for t in timers] == [
        (action, None, "before", 1) for action in ("pause", "resume", "extend", "end_now")
    ]
    assert timers[0]["deadline"] is None and timers[0]["remaining"] == pytest.approx(40)
    assert _events(session, "check_close")[0]["reason"] == "facilitator"
    with pytest.raises(ActionError) as closed:
        session.timer_action("pause")
    assert closed.value.code == "no_check"


# --- resuming -----------------------------------------------------------------------------------
def test_resume_brings_an_open_question_back_paused_with_its_time_left(
    make_session: MakeSession, sample: Scenario, fake_clock: FakeClock
) -> None:
    session, ann = _one_answer_in(make_session, timer=60)
    fake_clock.now += 15
    session.timer_action("extend")  # 75 s left
    fake_clock.now += 25
    session.timer_action("pause")  # 50 s left
    # The process dies here.
    resumed, warnings = resume_session(session.log.path, sample, clock=fake_clock.clock())
    assert warnings == []
    timer = _asked(resumed).timer
    assert timer is not None and timer.paused and timer.remaining() == pytest.approx(50)
    assert phone_snapshot(resumed, ann)["check"]["paused"]
    resumed.timer_action("resume")
    fake_clock.now += 50
    resumed.tick()
    assert _asked(resumed).close_reason == "timer"
    assert _events(resumed, "check_close")[-1]["reason"] == "timer"


def test_resume_counts_the_time_left_from_the_deadline_in_the_log(
    sample: Scenario, tmp_path: Path
) -> None:
    """With the real clock: the log's deadline and the time of its last event give the time
    that was left (not the 15 s a resumed question gets at least)."""
    room = RoomSettings()
    room.update({"timer": 600})
    session = start_session(sample, code="KQZW", settings=room, log_path=tmp_path / "l.jsonl")
    session.next()
    session.join("Ann", None)
    resumed, _ = resume_session(session.log.path, sample)
    timer = _asked(resumed).timer
    assert timer is not None and timer.paused
    left = timer.remaining()
    assert left is not None and 300 < left <= 600


def test_resume_after_the_time_was_up_waits_for_the_reveal(
    make_session: MakeSession, sample: Scenario, fake_clock: FakeClock
) -> None:
    session = make_session(check=True, auto_close=False, timer=20)
    ann = session.join("Ann", None)[0].id
    session.next()
    session.answer(ann, "before", 1, "option-3")
    fake_clock.now += 21
    session.tick()
    resumed, _ = resume_session(session.log.path, sample, clock=fake_clock.clock())
    asked = _asked(resumed)
    assert not asked.open and asked.time_up and asked.answers == {ann: "option-3"}
    assert phone_snapshot(resumed, ann)["check"]["reason"] == "timer"
    resumed.next()  # reveal
    again, _ = resume_session(session.log.path, sample, clock=fake_clock.clock())
    assert _asked(again).revealed and host_state(again)["check"]["revealed"]
    again.next()
    assert again.phase == "story"


def test_a_log_written_before_questions_were_timed_still_resumes(
    make_session: MakeSession, sample: Scenario, fake_clock: FakeClock
) -> None:
    session, ann = _one_answer_in(make_session, timer=60)
    session.log.close()
    lines = session.log.path.read_text(encoding="utf-8").splitlines()
    old = []
    for line in lines:  # as an older roleplay wrote it: check_open has no deadline or seconds
        event = json.loads(line)
        if event["type"] == "check_open":
            del event["deadline"], event["seconds"]
        old.append(json.dumps(event))
    session.log.path.write_text("\n".join(old) + "\n", encoding="utf-8")

    resumed, warnings = resume_session(session.log.path, sample, clock=fake_clock.clock())
    assert warnings == [] and resumed.phase == "check"
    asked = _asked(resumed)
    assert asked.open and asked.timer is None and asked.answers == {ann: RIGHT}
    assert phone_snapshot(resumed, ann)["check"]["deadline"] is None
    fake_clock.now += 10_000
    resumed.tick()
    assert asked.open  # untimed, as it was: the facilitator reveals
    resumed.next()
    assert asked.revealed and _events(resumed, "check_close")[-1]["reason"] == "revealed"


def test_the_session_report_reads_a_question_closed_by_the_timer(
    make_session: MakeSession, fake_clock: FakeClock
) -> None:
    session = make_session(check=True, timer=20)
    ann = session.join("Ann", None)[0].id
    session.join("Bo", None)
    session.next()
    session.answer(ann, "before", 1, RIGHT)
    fake_clock.now += 20
    session.tick()
    session.next()
    session.next()
    session.end()
    session.log.close()
    (question,) = read_session(session.log.path).check
    assert (question.reason, question.right, question.voters, question.eligible) == (
        "timer",
        1,
        1,
        2,
    )


# --- over the real server -------------------------------------------------------------------
def test_the_deadline_reaches_the_phones_and_a_late_answer_is_refused(
    sample: Scenario, tmp_path: Path, fake_clock: FakeClock
) -> None:
    async def play(base: str, host_token: str) -> None:
        async with aiohttp.ClientSession() as http:
            host = await connect(http, base)
            await host.send(type="hello_host", token=host_token)
            await host.expect("host_state")
            ann = await join(http, base, "Ann")
            bo = await join(http, base, "Bo")
            await host.send(type="command", action="next", ref=1)
            assert (await host.expect("done", ref=1))["phase"] == "check"
            asked = (await bo.expect("snapshot", phase="check"))["check"]
            assert asked["remaining"] == pytest.approx(30) and asked["open"]
            deadline = datetime.fromisoformat(asked["deadline"])
            assert (deadline - fake_clock.wall()).total_seconds() == pytest.approx(30)
            await ann.send(type="answer", phase="before", question=1, option=RIGHT)
            await ann.expect("answer_ack", option=RIGHT)
            fake_clock.now += 31
            closed = (await bo.expect("snapshot", phase="check"))["check"]
            while closed["open"]:
                closed = (await bo.expect("snapshot", phase="check"))["check"]
            assert closed["reason"] == "timer" and not closed["revealed"]
            await bo.send(type="answer", phase="before", question=1, option=RIGHT)
            refused = await bo.expect("error")
            assert refused["code"] == "check_closed" and refused["message"].startswith("Time's up")

    clock = fake_clock.clock()
    with running_host(sample, tmp_path / "s.jsonl", check=True, timer=30, clock=clock) as runtime:
        asyncio.run(play(f"http://127.0.0.1:{runtime.server.port}", runtime.session.host_token))
    log = read_session_log(tmp_path / "s.jsonl")
    (opened,) = log.of_type("check_open")
    assert opened["seconds"] == 30 and opened["deadline"] is not None
    (closed,) = log.of_type("check_close")
    assert (closed["reason"], closed["voters"]) == ("timer", 1)
    assert [a["player"] for a in log.of_type("check_answer")] == ["p1"]


def test_everyone_answering_closes_the_question_as_it_closes_a_vote(
    make_session: MakeSession,
) -> None:
    session = make_session(check=True, timer=60)
    ann = session.join("Ann", None)[0].id
    bo = session.join("Bo", None)[0].id
    session.next()
    session.answer(ann, "before", 1, RIGHT)
    assert _asked(session).open  # one of two
    session.answer(bo, "before", 1, "option-1")
    asked = _asked(session)
    assert not asked.open and not asked.revealed and asked.all_answered
    (closed,) = _events(session, "check_close")
    assert (closed["reason"], closed["voters"], closed["eligible"]) == ("all_answered", 2, 2)
    assert answered_text(session, asked) == "Everyone has answered · 2 of 2 answered"
    assert phone_snapshot(session, bo)["check"]["reason"] == "all_answered"
    assert next_label(session) == "Reveal the answer"
    session.next()
    assert asked.revealed and phone_snapshot(session, bo)["check"]["correct"] == RIGHT


def test_everyone_answering_reveals_at_once_with_auto_advance(make_session: MakeSession) -> None:
    session = make_session(check=True, timer=60, auto_advance=True)
    ann = session.join("Ann", None)[0].id
    session.next()
    session.answer(ann, "before", 1, RIGHT)
    assert _asked(session).revealed


def test_without_auto_close_the_question_stays_open_when_everyone_answered(
    make_session: MakeSession,
) -> None:
    kept_open = make_session(check=True, timer=60, auto_close=False)
    bo = kept_open.join("Bo", None)[0].id
    kept_open.next()
    kept_open.answer(bo, "before", 1, RIGHT)
    kept_open.answer(bo, "before", 1, "option-1")  # still open: a change is taken
    assert _asked(kept_open).open and _asked(kept_open).answers == {bo: "option-1"}
