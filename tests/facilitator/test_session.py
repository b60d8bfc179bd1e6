"""The rules of a hosted session: room, votes, timer, decisions; every event logged."""

from __future__ import annotations

import pytest

from roleplay.engine._session_log import read_session_log
from roleplay.facilitator._room import JoinRefused
from roleplay.facilitator._session import ActionError
from tests.facilitator.conftest import FakeClock, MakeSession, to_vote


def _types(session: object) -> list[str]:
    log = read_session_log(session.log.path)  # type: ignore[attr-defined]
    return [e["type"] for e in log.events]


def test_join_gives_a_token_that_lets_the_phone_back_in(make_session: MakeSession) -> None:
    session = make_session()
    ann, token = session.join("Ann", "device-1")
    assert ann.id == "p1" and len(token) >= 22
    assert session.room.by_token(token) is ann
    assert session.room.by_token("x" * 22) is None
    log = read_session_log(session.log.path)
    join = log.events[-1]
    assert join["type"] == "join" and token not in str(join)
    assert join["token_hash"].startswith("sha256:")


def test_names_are_cleaned_deduplicated_or_generated(make_session: MakeSession) -> None:
    session = make_session()
    first, _ = session.join("  Ann  ", None)
    second, _ = session.join("ann", None)
    blank, _ = session.join("\u200b\n", None)
    rude, _ = session.join("sh1t head", None)
    long, _ = session.join("A" * 80, None)
    assert (first.nickname, second.nickname) == ("Ann", "ann 2")
    assert " " in blank.nickname and " " in rude.nickname and "sh" not in rude.nickname.lower()
    assert len(long.nickname) == 24


def test_lock_late_join_and_cap(make_session: MakeSession) -> None:
    session = make_session(cap=2, late_join=False)
    session.join("A", None)
    session.change_settings({"locked": True})
    with pytest.raises(JoinRefused) as locked:
        session.join("B", None)
    assert locked.value.code == "locked"
    session.change_settings({"locked": False})
    session.join("B", None)
    with pytest.raises(JoinRefused, match="full"):
        session.join("C", None)
    session.change_settings({"cap": 5})
    session.start()
    with pytest.raises(JoinRefused) as late:
        session.join("C", None)
    assert late.value.code == "late"
    with pytest.raises(ActionError, match="cap must be"):
        session.change_settings({"cap": "many"})


def test_kick_drops_the_token_and_ban_refuses_the_device(make_session: MakeSession) -> None:
    session = make_session()
    kicked, kicked_token = session.join("Kim", "phone-k")
    banned, _ = session.join("Bo", "phone-b")
    session.remove(kicked.id, ban=False)
    session.remove(banned.id, ban=True)
    assert session.room.by_token(kicked_token) is None
    session.join("Kim again", "phone-k")
    with pytest.raises(JoinRefused) as refused:
        session.join("Bo again", "phone-b")
    assert refused.value.code == "banned"
    sent = session.flush()
    assert any(o.to == kicked.id and o.close for o in sent)
    assert _types(session)[-4:] == ["join", "kick", "ban", "join"]


def test_one_vote_per_participant_and_a_change_replaces(make_session: MakeSession) -> None:
    session = make_session()
    ann, _ = session.join("Ann", None)
    session.join("Bo", None)
    to_vote(session)
    assert session.round is not None and session.round.decision == 1
    session.vote(ann.id, 1, "order")
    session.vote(ann.id, 1, "order")  # a duplicate changes nothing
    session.vote(ann.id, 1, "ask_jo")
    assert session.round.tally() == {"ask_jo": 1, "order": 0, "threaten": 0, "invoice_first": 0}
    votes = read_session_log(session.log.path).of_type("vote")
    assert [(v["choice"], v["change"]) for v in votes] == [("order", False), ("ask_jo", True)]
    with pytest.raises(ActionError, match="closed"):
        session.vote(ann.id, 2, "ask_jo")
    with pytest.raises(ActionError, match="not offered"):
        session.vote(ann.id, 1, "idea.1")


def test_a_burst_of_votes_makes_one_progress_message(
    make_session: MakeSession, fake_clock: FakeClock
) -> None:
    from roleplay.facilitator._session import PROGRESS_INTERVAL

    session = make_session(auto_close=False)
    players = [session.join(f"P{i}", None)[0] for i in range(20)]
    to_vote(session)
    session.flush()
    for player in players[:10]:
        session.vote(player.id, 1, "ask_jo")
    assert session.flush() == []  # too soon after the last update
    for player in players[10:]:
        session.vote(player.id, 1, "ask_jo")
    fake_clock.now += PROGRESS_INTERVAL + 0.01
    sent = session.flush()
    progress = [o.message for o in sent if o.message["type"] == "progress"]
    assert progress == [{"type": "progress", "decision": 1, "voted": 20, "eligible": 20}]
    assert session.flush() == []


def test_the_timer_closes_the_vote_and_can_pause_extend_or_end(
    make_session: MakeSession, fake_clock: FakeClock
) -> None:
    session = make_session(timer=60)
    session.join("Ann", None)
    to_vote(session)
    fake_clock.now += 30
    session.timer_action("pause")
    fake_clock.now += 100
    session.tick()
    assert session.phase == "vote"
    session.timer_action("resume")
    session.timer_action("extend")
    assert session.round is not None and session.round.timer.remaining() == pytest.approx(60)
    fake_clock.now += 59
    session.tick()
    assert session.phase == "vote"
    fake_clock.now += 1
    session.tick()
    assert session.phase == "closed" and session.round.close_reason == "timer"
    timers = read_session_log(session.log.path).of_type("timer")
    assert [t["action"] for t in timers] == ["pause", "resume", "extend"]
    assert timers[0]["deadline"] is None and timers[0]["remaining"] == pytest.approx(30)


def test_a_vote_after_the_deadline_is_refused_even_before_the_next_tick(
    make_session: MakeSession, fake_clock: FakeClock
) -> None:
    session = make_session(timer=30)
    ann = session.join("Ann", None)[0].id
    bo = session.join("Bo", None)[0].id
    to_vote(session)
    assert session.round is not None
    decision, first = session.round.decision, session.round.choice_ids[0]
    session.vote(ann, decision, first)
    fake_clock.now += 30  # no tick since: the deadline has passed all the same
    with pytest.raises(ActionError) as late:
        session.vote(bo, decision, first)
    assert late.value.code == "vote_closed" and str(late.value).startswith("Time's up")
    assert session.phase == "closed" and session.round.close_reason == "timer"
    (closed,) = read_session_log(session.log.path).of_type("vote_close")
    assert (closed["voters"], closed["reason"]) == (1, "timer")


def test_the_vote_closes_when_everyone_has_voted(make_session: MakeSession) -> None:
    session = make_session()
    ann, _ = session.join("Ann", None)
    bo, _ = session.join("Bo", None)
    to_vote(session)
    session.vote(ann.id, 1, "order")
    assert session.phase == "vote"
    session.vote(bo.id, 1, "order")
    assert session.phase == "closed"
    close = read_session_log(session.log.path).of_type("vote_close")[-1]
    assert (close["voters"], close["eligible"], close["reason"]) == (2, 2, "all_voted")


def test_the_majority_is_played_and_recorded_with_its_effects(make_session: MakeSession) -> None:
    session = make_session()
    voters = [session.join(f"P{i}", None)[0] for i in range(3)]
    to_vote(session)
    for player, choice in zip(voters, ["order", "order", "ask_jo"], strict=True):
        session.vote(player.id, 1, choice)
    session.next()  # play
    assert session.runner.state.history[-1].choice_id == "order"
    decision = read_session_log(session.log.path).of_type("decision")[-1]
    assert decision["how"] == "majority" and decision["tally"]["order"] == 2
    assert decision["deltas"] == {"compliance": 3, "trust": -1}
    assert decision["family"] and decision["meters_after"]["compliance"] == 5


def test_a_tie_needs_the_facilitator_and_an_override_is_recorded(
    make_session: MakeSession,
) -> None:
    session = make_session()
    ann, _ = session.join("Ann", None)
    bo, _ = session.join("Bo", None)
    to_vote(session)
    session.vote(ann.id, 1, "order")
    session.vote(bo.id, 1, "ask_jo")
    with pytest.raises(ActionError) as tie:
        session.next()
    assert tie.value.code == "needs_pick"
    session.play("ask_jo")
    assert read_session_log(session.log.path).of_type("decision")[-1]["how"] == "tie"
    to_vote(session)
    session.vote(ann.id, 2, "idea.1")
    session.play("back_to_jo")
    log = read_session_log(session.log.path)
    override = log.of_type("override")[-1]
    assert (override["majority"], override["choice"]) == ("idea.1", "back_to_jo")
    assert log.of_type("decision")[-1]["how"] == "override"


def test_no_votes_and_a_show_of_hands(make_session: MakeSession) -> None:
    session = make_session()
    to_vote(session)
    with pytest.raises(ActionError, match="nobody voted"):
        session.play()
    session.play("ask_jo")
    assert read_session_log(session.log.path).of_type("decision")[-1]["how"] == "facilitator"
    session.show_of_hands({"idea.1": 3, "idea.2": 7, "idea.3": 1, "back_to_jo": 0})
    decision = read_session_log(session.log.path).of_type("decision")[-1]
    assert (decision["how"], decision["choice"], decision["tally"]["idea.2"]) == (
        "show_of_hands",
        "idea.2",
        7,
    )


def test_auto_advance_plays_the_majority_at_close(make_session: MakeSession) -> None:
    session = make_session(auto_advance=True)
    ann, _ = session.join("Ann", None)
    to_vote(session)
    session.vote(ann.id, 1, "order")
    assert session.runner.state.history[-1].choice_id == "order"
    assert session.phase == "story"


def test_tally_and_meters_stay_hidden_until_revealed(make_session: MakeSession) -> None:
    from roleplay.facilitator._views import phone_snapshot

    session = make_session()
    ann, _ = session.join("Ann", None)
    bo, _ = session.join("Bo", None)
    to_vote(session)
    session.vote(ann.id, 1, "order")
    snapshot = phone_snapshot(session, ann.id)
    assert snapshot["tally"] is None and snapshot["my_vote"] == "order"
    assert snapshot["progress"] == {"decision": 1, "voted": 1, "eligible": 2}
    assert "meters" not in snapshot and "technique" not in str(snapshot["decision"])
    with pytest.raises(ActionError):
        session.reveal("tally")
    session.close_vote()
    session.reveal("tally")
    assert phone_snapshot(session, bo.id)["tally"] == {
        "ask_jo": 0,
        "order": 1,
        "threaten": 0,
        "invoice_first": 0,
    }


def test_road_not_taken_leaves_the_session_unchanged(make_session: MakeSession) -> None:
    session = make_session()
    to_vote(session)
    session.play("threaten")
    before = session.runner.state.to_json()
    session.show_preview("ask_jo")
    assert session.preview is not None and session.preview.path[0] == "idea"
    assert any("rota" in line.text for line in session.preview.lines)
    assert session.runner.state.to_json() == before
    session.end_preview()
    previews = read_session_log(session.log.path).of_type("preview")
    assert [p["action"] for p in previews] == ["start", "end"]
    assert previews[0]["choice"] == "ask_jo" and previews[0]["decision"] == 1


def test_discussion_card_and_rewind_are_logged(make_session: MakeSession) -> None:
    session = make_session()
    to_vote(session)
    with pytest.raises(ActionError, match="5 to 3600"):
        session.discuss(-1)
    session.discuss(90)
    assert session.discussion is not None and session.discussion.timer is not None
    session.discuss()
    assert session.discussion is None
    session.play("order")
    session.rewind()
    assert session.runner.state.history == [] and session.phase == "story"
    assert session.round is None
    types = _types(session)
    assert types.count("discussion") == 2 and types[-1] == "rewind"


def test_a_whole_session_ends_with_an_ending_event(make_session: MakeSession) -> None:
    session = make_session()
    ann, _ = session.join("Ann", None)
    for _ in range(60):
        if session.phase == "vote":
            choice = session.round.choices[0].id  # type: ignore[union-attr]
            session.vote(ann.id, session.round.decision, choice)  # type: ignore[union-attr]
        if session.phase == "ending":
            break
        session.next()
    assert session.phase == "ending"
    session.end()
    types = _types(session)
    assert types[0] == "session_start" and types[-2:] == ["ending", "session_end"]
