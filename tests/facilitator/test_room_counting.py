"""Who "N of M voted" counts (phones here, or back within a grace period, plus anyone whose vote
is in), and what phones are told once a decision is played (honestly: the room's choice, an
override or a tie) and about the situation they vote on."""

from __future__ import annotations

from types import SimpleNamespace

from roleplay.engine._session_log import read_session_log
from roleplay.facilitator._room import AWAY_GRACE
from roleplay.facilitator._views import phone_snapshot, progress
from tests.facilitator.conftest import FakeClock, MakeSession, to_vote


def test_a_phone_gone_past_the_grace_is_not_waited_for(
    make_session: MakeSession, fake_clock: FakeClock
) -> None:
    session = make_session()
    ann, bo, cy = (session.join(name, None)[0] for name in ("Ann", "Bo", "Cy"))
    for person in (ann, bo, cy):
        session.set_connected(person.id, +1)
    to_vote(session)
    session.vote(ann.id, 1, "order")
    session.vote(bo.id, 1, "order")
    session.set_connected(cy.id, -1)  # Cy's tab closed without Leave
    fake_clock.now += 10
    session.tick()
    assert session.phase == "vote"  # a phone that sleeps briefly is still waited for
    assert progress(session)["eligible"] == 3
    fake_clock.now += AWAY_GRACE
    session.tick()
    assert session.phase == "closed" and session.round is not None
    assert session.round.close_reason == "all_voted"
    closed = read_session_log(session.log.path).of_type("vote_close")[-1]
    assert (closed["voters"], closed["eligible"]) == (2, 3)  # the report still counts Cy


def test_a_vote_cast_before_a_disconnect_still_counts(
    make_session: MakeSession, fake_clock: FakeClock
) -> None:
    session = make_session(auto_close=False)
    ann, bo = (session.join(name, None)[0] for name in ("Ann", "Bo"))
    for person in (ann, bo):
        session.set_connected(person.id, +1)
    to_vote(session)
    session.vote(ann.id, 1, "ask_jo")
    session.set_connected(ann.id, -1)
    session.set_connected(bo.id, -1)
    fake_clock.now += AWAY_GRACE + 1
    session.tick()
    assert (progress(session)["voted"], progress(session)["eligible"]) == (1, 1)
    session.set_connected(bo.id, +1)  # Bo is back: counted again
    assert progress(session)["eligible"] == 2


def test_the_played_snapshot_names_the_choices_and_says_how(make_session: MakeSession) -> None:
    session = make_session()
    ann, _ = session.join("Ann", None)
    bo, _ = session.join("Bo", None)
    to_vote(session)
    session.vote(ann.id, 1, "order")
    session.vote(bo.id, 1, "ask_jo")
    session.play("ask_jo")  # a tie, settled by the facilitator
    played = phone_snapshot(session, ann.id)["played"]
    assert played["how"] == "tie"
    assert played["words"].startswith("Tie: the facilitator picked “")
    assert {c["id"] for c in played["choices"]} >= {"order", "ask_jo"}
    snapshot = phone_snapshot(session, ann.id)
    assert snapshot["my_vote"] == "order" and snapshot["decision"] is None

    to_vote(session)
    session.vote(ann.id, 2, "idea.1")
    session.play("back_to_jo")  # against the room's majority
    words = phone_snapshot(session, bo.id)["played"]["words"]
    assert words.startswith("The facilitator chose “") and "(the room's vote: “" in words
    assert "The room chose" not in words


def test_the_majority_is_the_room_s_choice(make_session: MakeSession) -> None:
    session = make_session()
    ann, _ = session.join("Ann", None)
    to_vote(session)
    session.vote(ann.id, 1, "order")
    session.play()
    played = phone_snapshot(session, ann.id)["played"]
    assert played["how"] == "majority" and played["words"].startswith("The room chose “")


def test_the_vote_snapshot_carries_the_line_before_the_decision(
    make_session: MakeSession,
) -> None:
    session = make_session()
    to_vote(session)
    situation = phone_snapshot(session, None)["decision"]["situation"]
    last = session.view.lines[-1]
    assert situation == {"speaker": last.name, "text": last.text[:200]}
    assert phone_snapshot(session, None)["big_screen"] is True


def test_the_projector_banner_says_when_the_facilitator_overrode(
    make_session: MakeSession,
) -> None:
    from roleplay.facilitator.desktop.staging import banner_text

    session = make_session(late_join=False)
    runtime = SimpleNamespace(session=session, short_link="")
    ann, _ = session.join("Ann", None)
    to_vote(session)
    session.vote(ann.id, 1, "order")
    session.play("ask_jo")
    assert banner_text(runtime) == "The facilitator's choice · the room voted otherwise"
    to_vote(session)
    session.vote(ann.id, 2, "idea.1")
    session.play()
    assert banner_text(runtime) == "The room's choice"


def test_next_waits_for_a_pick_on_a_tie_and_plays_a_clear_majority(
    make_session: MakeSession,
) -> None:
    from roleplay.facilitator._remote import next_label, primary

    session = make_session(auto_close=False)
    ann, bo = (session.join(name, None)[0] for name in ("Ann", "Bo"))
    to_vote(session)
    assert next_label(session) == "Play the majority"  # open: closing may still settle it
    session.vote(ann.id, 1, "order")
    session.vote(bo.id, 1, "ask_jo")
    session.close_vote("facilitator")
    assert next_label(session) == "Tie: play one of the tied choices"
    assert primary(session) == {
        "label": "Tie: play one of the tied choices",
        "action": "",
        "waiting": "pick",
    }
    session.play("order")  # the facilitator's pick settles it
    assert session.decided
