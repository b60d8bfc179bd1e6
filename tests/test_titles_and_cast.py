"""Node titles and casts: what the learner sees of where they are and who is in the room."""

from __future__ import annotations

from pathlib import Path

from roleplay import Runner, check_scenario_file, load_scenario_text, read_save_info, save_game
from tests.conftest import TINY

STAGED = TINY.replace(
    "  hello:\n    lines:",
    "  hello:\n    title: The kitchen\n    cast: [jo, sam]\n    lines:",
).replace(
    "  jo: {name: Jo, expressions: [neutral, pleased]}\n",
    "  jo: {name: Jo, expressions: [neutral, pleased]}\n  sam: {name: Sam}\n",
)


def test_title_is_inherited_until_another_node_sets_one() -> None:
    runner = Runner(load_scenario_text(STAGED))
    assert runner.view().title == "The kitchen"
    runner.choose_id("listen")
    assert runner.view().node_id == "done" and runner.view().title == "The kitchen"
    untitled = Runner(load_scenario_text(TINY))
    assert untitled.view().title is None


def test_cast_lists_who_is_on_stage_and_defaults_to_nobody_named() -> None:
    runner = Runner(load_scenario_text(STAGED))
    assert runner.view().cast == ("jo", "sam")
    runner.choose_id("listen")
    assert runner.view().cast == ()  # the UI shows whoever speaks


def test_unknown_cast_member_is_a_located_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(STAGED.replace("cast: [jo, sam]", "cast: [jo, sammy]"), encoding="utf-8")
    scenario, diagnostics = check_scenario_file(path)
    assert scenario is None
    [problem] = [d for d in diagnostics if d.code == "RP022"]
    assert "sammy" in problem.message and "did you mean 'sam'" in (problem.hint or "")
    assert problem.line == STAGED.splitlines().index("    cast: [jo, sam]") + 1


def test_saves_carry_the_scene_title(tmp_path: Path) -> None:
    scenario = load_scenario_text(STAGED)
    runner = Runner(scenario)
    save_game(tmp_path / "s.json", scenario, runner.state)
    assert read_save_info(tmp_path / "s.json").scene_title == "The kitchen"
    plain = load_scenario_text(TINY)
    save_game(tmp_path / "t.json", plain, Runner(plain).state)
    assert read_save_info(tmp_path / "t.json").scene_title == ""


def test_taken_back_choices_are_counted_and_saved(tmp_path: Path) -> None:
    scenario = load_scenario_text(TINY)
    runner = Runner(scenario)
    runner.choose_id("listen")
    runner.rewind()
    runner.choose_id("order")
    runner.rewind()
    assert runner.state.taken_back == 2
    save_game(tmp_path / "s.json", scenario, runner.state)
    from roleplay import load_game

    assert load_game(tmp_path / "s.json", scenario).taken_back == 2


KITCHEN, OFFICE = "backgrounds/break_room.svg", "backgrounds/open_office.svg"
MOVING = (
    STAGED.replace(
        "  hello:\n    title: The kitchen\n",
        "  hello:\n    background: kitchen\n    title: The kitchen\n",
    )
    .replace(
        "        set: {asked: true}\n        next: done\n",
        "        set: {asked: true}\n"
        "        reaction: [{speaker: sam, text: Go on.}]\n"
        "        next: done\n",
    )
    .replace(
        "  done:\n    lines: [{text: Bye.}]\n",
        "  done:\n    background: office\n    lines: [{text: Bye.}]\n",
    )
    .replace("nodes:\n", f"backgrounds: {{kitchen: {KITCHEN}, office: {OFFICE}}}\nnodes:\n")
)


def test_reaction_lines_happen_where_the_choice_was_made() -> None:
    runner = Runner(load_scenario_text(MOVING))
    assert runner.view().reaction_background is None
    runner.choose_id("listen")
    view = runner.view()
    assert view.lines[0].is_reaction and view.lines[0].speaker == "sam"
    assert view.background == "office" and view.cast == ()
    assert view.reaction_background == "kitchen" and view.reaction_cast == ("jo", "sam")
    runner.rewind()
    runner.choose_id("order")  # no reaction lines: the place of the choice still known, unused
    assert runner.view().reaction_cast == ("jo", "sam")
