"""``--resume``: a session rebuilt from its log carries on where it stopped."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from roleplay.engine._scenario import Scenario
from roleplay.engine._session_log import SessionLogError, read_session_log
from roleplay.facilitator._controls import HostSession
from roleplay.facilitator._resume import resume_session
from roleplay.facilitator._room import JoinRefused
from tests.facilitator.conftest import FakeClock, MakeSession, to_vote


def test_resume_mid_vote_keeps_tokens_votes_and_decisions(
    make_session: MakeSession, sample: Scenario, fake_clock: FakeClock
) -> None:
    session = make_session(timer=60)
    ann, ann_token = session.join("Ann", "phone-a")
    bo, _ = session.join("Bo", "phone-b")
    kim, kim_token = session.join("Kim", "phone-k")
    session.remove(kim.id, ban=True)
    to_vote(session)
    session.vote(ann.id, 1, "ask_jo")
    session.vote(bo.id, 1, "ask_jo")  # everyone voted: closes
    session.next()
    to_vote(session)
    session.vote(ann.id, 2, "idea.1")
    session.vote(ann.id, 2, "idea.2")
    fake_clock.now += 20
    session.timer_action("pause")
    # The process dies here: nothing is closed.

    resumed, warnings = resume_session(session.log.path, sample, clock=fake_clock.clock())
    assert warnings == []
    assert resumed.room.by_token(ann_token) is not None
    assert resumed.room.by_token(kim_token) is None
    with pytest.raises(JoinRefused):
        resumed.join("Kim", "phone-k")
    assert [s.choice_id for s in resumed.runner.state.history] == ["ask_jo"]
    assert resumed.phase == "vote" and resumed.round is not None
    assert resumed.round.decision == 2 and resumed.round.votes == {ann.id: "idea.2"}
    assert resumed.round.timer.paused and resumed.round.timer.remaining() == pytest.approx(40)
    resumed.vote(bo.id, 2, "idea.2")
    resumed.next()
    log = read_session_log(session.log.path)
    assert [e["type"] for e in log.events].count("resume") == 1
    assert log.of_type("decision")[-1]["tally"]["idea.2"] == 2
    seqs = [e["seq"] for e in log.events]
    assert seqs == list(range(1, len(seqs) + 1))


def test_resume_after_a_rewind_and_a_closed_vote(
    make_session: MakeSession, sample: Scenario
) -> None:
    session = make_session()
    ann, _ = session.join("Ann", None)
    to_vote(session)
    session.vote(ann.id, 1, "order")
    session.next()
    session.rewind()
    session.open_vote()
    session.vote(ann.id, 1, "threaten")
    session.reveal("tally")
    resumed, _ = resume_session(session.log.path, sample)
    assert resumed.runner.state.history == []
    assert resumed.phase == "closed" and resumed.round is not None
    assert resumed.round.revealed and resumed.round.tally()["threaten"] == 1


def test_resume_in_the_lobby_and_after_the_end(make_session: MakeSession, sample: Scenario) -> None:
    session = make_session()
    session.join("Ann", None)
    resumed, _ = resume_session(session.log.path, sample)
    assert resumed.phase == "lobby" and resumed.room.names() == ["Ann"]
    resumed.end()
    again, _ = resume_session(session.log.path, sample)
    assert again.phase == "ended"


def test_resume_refuses_another_scenario(
    make_session: MakeSession, tiny_path: Path, tmp_path: Path
) -> None:
    from roleplay import load_scenario

    session = make_session()
    with pytest.raises(SessionLogError, match="played scenario 'sample_rota'"):
        resume_session(session.log.path, load_scenario(tiny_path))


def test_resume_skips_a_partial_last_line(make_session: MakeSession, sample: Scenario) -> None:
    session = make_session()
    session.join("Ann", None)
    with session.log.path.open("ab") as handle:
        handle.write(b'{"seq":3,"time":"2025-')
    resumed, warnings = resume_session(session.log.path, sample)
    assert "incomplete" in warnings[0] and resumed.room.names() == ["Ann"]
    resumed.join("Bo", None)
    assert read_session_log(session.log.path).warnings == ()


def _shown_order(session: HostSession) -> list[str]:
    assert session.round is not None
    return list(session.round.choice_ids)


def test_a_resumed_session_shows_the_choices_in_the_same_shuffled_order(
    make_session: MakeSession, sample: Scenario, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The room sees the same order after ``--resume`` as before the laptop restarted."""
    seeds = iter([7, 1234567])  # the session's seed, then what a new seed would be
    monkeypatch.setattr("roleplay.engine._shuffle.new_seed", lambda: next(seeds))
    session = make_session()
    ann, _ = session.join("Ann", None)
    to_vote(session)
    session.vote(ann.id, 1, "ask_jo")
    session.next()
    to_vote(session)
    second = _shown_order(session)
    assert read_session_log(session.log.path).start["seed"] == 7
    written = [c.id for c in sample.nodes[session.runner.state.node].choices]
    assert second != written  # the seed really shuffles this decision

    resumed, warnings = resume_session(session.log.path, sample)
    assert warnings == []
    assert resumed.runner.state.seed == 7
    assert _shown_order(resumed) == second
    assert [c.id for c, _ok in resumed.runner.visible_choices()] == second


def test_an_old_log_without_a_seed_resumes_with_a_warning(
    make_session: MakeSession, sample: Scenario
) -> None:
    session = make_session()
    session.join("Ann", None)
    session.log.close()
    path = session.log.path
    lines = path.read_text(encoding="utf-8").splitlines()
    start = json.loads(lines[0])
    del start["seed"]
    path.write_text("\n".join([json.dumps(start), *lines[1:]]) + "\n", encoding="utf-8")
    resumed, warnings = resume_session(path, sample)
    assert resumed.room.names() == ["Ann"]
    assert any("different order" in w for w in warnings)
