"""Choice order carries no answer: a per-playthrough seed shuffles it, saves and rewinds keep it."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from roleplay import Runner, load_game, load_scenario_text, replay, save_game
from roleplay.engine._shuffle import _MASK, _MULTIPLIER, choice_order, shuffled_items
from roleplay.engine._state import STATE_VERSION, GameState
from tests.conftest import TINY

FOUR = TINY.replace(
    """      - id: order
        text: Order""",
    """      - id: praise
        text: Praise
        technique: building_rapport
        next: done
      - id: ask
        text: Ask
        technique: involving_people
        next: done
      - id: order
        text: Order""",
)


def _order(runner: Runner) -> list[str]:
    return [choice.id for choice in runner.view().choices]


def test_without_a_seed_choices_are_shown_as_written() -> None:
    scenario = load_scenario_text(FOUR)
    assert _order(Runner(scenario)) == ["listen", "praise", "ask", "order"]


def test_the_seed_decides_the_order_and_the_same_seed_repeats_it() -> None:
    scenario = load_scenario_text(FOUR)
    orders = {tuple(_order(Runner(scenario, seed=seed))) for seed in range(40)}
    assert len(orders) > 5  # many different orders
    assert all(sorted(order) == ["ask", "listen", "order", "praise"] for order in orders)
    assert _order(Runner(scenario, seed=7)) == _order(Runner(scenario, seed=7))


def test_shuffle_false_keeps_the_written_order_for_the_scenario_or_one_decision() -> None:
    off = load_scenario_text(FOUR.replace("start: hello\n", "start: hello\nshuffle: false\n"))
    assert all(
        _order(Runner(off, seed=s)) == ["listen", "praise", "ask", "order"] for s in range(9)
    )
    node = FOUR.replace("  hello:\n    lines:", "  hello:\n    shuffle: false\n    lines:")
    assert _order(Runner(load_scenario_text(node), seed=3)) == ["listen", "praise", "ask", "order"]


def test_numbers_count_in_the_shown_order_ids_do_not_depend_on_it() -> None:
    scenario = load_scenario_text(FOUR)
    runner = Runner(scenario, seed=11)
    first = runner.view().choices[0]
    runner.choose(0)
    assert runner.state.history[0].choice_id == first.id
    assert replay(scenario, [1], seed=11).state.history[0].choice_id == first.id
    assert replay(scenario, ["order"], seed=11).state.ending == "fine"


def test_a_save_keeps_the_seed_and_the_order(tmp_path: Path) -> None:
    scenario = load_scenario_text(FOUR)
    runner = Runner(scenario, seed=1234)
    shown = _order(runner)
    save_game(tmp_path / "slot.json", scenario, runner.state)
    loaded = Runner(scenario, load_game(tmp_path / "slot.json", scenario))
    assert loaded.state.seed == 1234 and _order(loaded) == shown


def test_a_rewind_shows_the_same_order_again() -> None:
    scenario = load_scenario_text(FOUR)
    runner = Runner(scenario, seed=99)
    shown = _order(runner)
    runner.choose_id("ask")
    runner.rewind()
    assert runner.state.seed == 99 and _order(runner) == shown


def test_a_version_1_state_is_upgraded_and_shows_the_choices_as_written(tmp_path: Path) -> None:
    scenario = load_scenario_text(FOUR)
    old = Runner(scenario).state.to_json()
    del old["seed"], old["check"], old["run_id"]
    old["version"] = 1
    state = GameState.from_json(old)
    assert state.seed is None and state.check == {} and state.run_id == ""
    assert _order(Runner(scenario, state)) == ["listen", "praise", "ask", "order"]
    assert Runner(scenario, seed=1).state.to_json()["version"] == STATE_VERSION == 3
    newer = dict(old, version=STATE_VERSION + 1)
    with pytest.raises(ValueError, match="newer"):
        GameState.from_json(newer)


def test_an_old_save_file_still_loads(tmp_path: Path) -> None:
    scenario = load_scenario_text(FOUR)
    state = Runner(scenario).state.to_json()
    del state["seed"], state["check"], state["run_id"]
    state["version"] = 1
    document = {"format": 2, "scenario_id": "tiny", "scenario_hash": "x", "state": state}
    (tmp_path / "old.json").write_text(json.dumps(document))
    assert load_game(tmp_path / "old.json", scenario).seed is None


def test_new_learner_and_group_sessions_shuffle(tmp_path: Path) -> None:
    from roleplay.facilitator._resume import start_session
    from roleplay.learner.desktop.session import Session

    scenario = load_scenario_text(FOUR)
    assert Session.new(scenario).runner.state.seed is not None
    hosted = start_session(scenario, code="KQZW", log_path=tmp_path / "session.jsonl")
    assert hosted.runner.state.seed is not None


def test_the_runner_orders_choices_as_the_shuffle_function_does() -> None:
    scenario = load_scenario_text(FOUR)
    node = scenario.nodes[scenario.start]
    for seed in range(30):
        expected = [choice.id for choice in choice_order(node, seed)]
        assert _order(Runner(scenario, seed=seed)) == expected


def test_every_order_of_four_choices_turns_up_about_equally_often() -> None:
    scenario = load_scenario_text(FOUR)
    node = scenario.nodes[scenario.start]
    counts: dict[tuple[str, ...], int] = {}
    for seed in range(4800):
        order = tuple(choice.id for choice in choice_order(node, seed))
        counts[order] = counts.get(order, 0) + 1
    assert len(counts) == 24  # 4! orders, 200 each on average
    assert min(counts.values()) > 120 and max(counts.values()) < 290


def test_three_choices_are_ordered_exactly_as_the_general_sort_orders_them() -> None:
    rng = random.Random(4)
    pool = [rng.getrandbits(64) for _ in range(6)] + [0, 2**64 - 1]
    for _ in range(3000):
        keys = [rng.choice(pool) for _ in range(3)]  # repeats: equal ranks keep written order
        mixed = rng.choice([0, rng.getrandbits(64)])
        ranks = [((k ^ mixed) * _MULTIPLIER) & _MASK for k in keys]
        expected = tuple(i for _r, i in sorted(zip(ranks, range(3), strict=True)))
        assert shuffled_items(range(3), keys, mixed) == expected, (keys, mixed)
