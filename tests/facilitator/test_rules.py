"""The small rules on their own: settling a vote, the timer, nicknames and room codes."""

from __future__ import annotations

import pytest

from roleplay.facilitator._names import (
    CODE_LETTERS,
    clean_nickname,
    is_offensive,
    new_room_code,
    valid_room_code,
)
from roleplay.facilitator._network import candidate_addresses, join_url, qr_png
from roleplay.facilitator._timer import VoteTimer
from roleplay.facilitator._votes import NeedsFacilitator, leaders, settle
from tests.facilitator.conftest import FakeClock


@pytest.mark.parametrize(
    ("tally", "pick", "expected"),
    [
        ({"a": 3, "b": 1}, None, ("a", "majority", False)),
        ({"a": 3, "b": 1}, "a", ("a", "majority", False)),
        ({"a": 3, "b": 1}, "b", ("b", "override", True)),
        ({"a": 2, "b": 2, "c": 0}, "b", ("b", "tie", False)),
        ({"a": 2, "b": 2, "c": 0}, "c", ("c", "override", True)),
        ({"a": 0, "b": 0}, "b", ("b", "facilitator", False)),
    ],
)
def test_settle(tally: dict[str, int], pick: str | None, expected: tuple[str, str, bool]) -> None:
    result = settle(tally, pick)
    assert (result.choice, result.how, result.overridden) == expected


def test_a_tie_or_no_votes_without_a_pick_needs_the_facilitator() -> None:
    with pytest.raises(NeedsFacilitator) as tie:
        settle({"a": 1, "b": 1}, None)
    assert tie.value.tied == ("a", "b")
    with pytest.raises(NeedsFacilitator, match="nobody voted"):
        settle({"a": 0}, None)
    assert leaders({"a": 0, "b": 0}) == []


def test_a_show_of_hands_is_recorded_as_such() -> None:
    assert settle({"a": 4, "b": 9}, None, show_of_hands=True).how == "show_of_hands"
    assert settle({"a": 0, "b": 0}, "a", show_of_hands=True).how == "facilitator"


def test_the_timer_counts_pauses_extends_and_expires() -> None:
    clock = FakeClock()
    timer = VoteTimer(clock.clock(), 10)
    timer.start()
    clock.now += 4
    assert timer.remaining() == pytest.approx(6)
    assert timer.pause() and not timer.pause()
    clock.now += 100
    assert timer.remaining() == pytest.approx(6) and not timer.expired()
    assert timer.deadline_iso() is None
    timer.extend()
    assert timer.resume() and timer.remaining() == pytest.approx(36)
    clock.now += 36
    assert timer.expired() and timer.remaining() == 0


def test_an_untimed_vote_never_expires_until_time_is_added() -> None:
    clock = FakeClock()
    timer = VoteTimer(clock.clock(), None)
    timer.start()
    clock.now += 1e6
    assert timer.remaining() is None and not timer.expired() and not timer.pause()
    timer.extend()
    assert timer.remaining() == pytest.approx(30)


@pytest.mark.parametrize(
    "name", ["Scunthorpe", "Essex Girl", "Dickens fan", "Hitchcock", "Arsenal", "Ann", "Calm Otter"]
)
def test_harmless_names_pass_the_filter(name: str) -> None:
    assert clean_nickname(name) == name


@pytest.mark.parametrize("name", ["sh1t", "F U C K", "big_dick", "Hitler99", "b!tch", "c0ck"])
def test_rude_names_are_refused(name: str) -> None:
    assert is_offensive(name) and clean_nickname(name) == ""


def test_names_are_trimmed_and_stripped_of_control_characters() -> None:
    assert clean_nickname("  Ann\u0000\u202e  Lee  ") == "Ann Lee"
    assert clean_nickname("x" * 100) == "x" * 24
    assert clean_nickname(42) == ""


def test_room_codes_are_four_unambiguous_letters() -> None:
    codes = {new_room_code() for _ in range(200)}
    assert all(valid_room_code(c) for c in codes) and len(codes) > 150
    assert "I" not in CODE_LETTERS and "O" not in CODE_LETTERS
    assert not valid_room_code("ABIO") and not valid_room_code("abcd")


def test_the_join_link_and_its_qr_code() -> None:
    assert join_url("192.168.1.5", 8765, "KQZW") == "http://192.168.1.5:8765/?room=KQZW"
    assert qr_png("http://192.168.1.5:8765/?room=KQZW").startswith(b"\x89PNG")
    candidates = candidate_addresses()
    assert candidates[-1] == "127.0.0.1" and len(set(candidates)) == len(candidates)
