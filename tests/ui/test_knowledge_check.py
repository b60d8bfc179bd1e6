"""The knowledge check on the desktop: asked before a new game and again after its ending, by
keys or the mouse, skippable, never asked twice (a resumed save keeps the answers)."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest
from harness import FIXTURES, answer_check, click, make_app, move_mouse, press, step, wait

from roleplay import load_scenario
from roleplay.gui.settings import TEXT_SIZES
from roleplay.learner.desktop import saves
from roleplay.learner.desktop.navigation import resume_save, start_session
from roleplay.learner.desktop.scenes.check import GUARD_S, CheckScene
from roleplay.learner.desktop.scenes.check.layout import VIEW
from roleplay.learner.desktop.scenes.debrief import DebriefScene
from roleplay.learner.desktop.scenes.ending import EndingScene
from roleplay.learner.desktop.scenes.play import PlayScene
from roleplay.learner.desktop.session import Session

CHECK = """
check:
  - question: Marcus is sceptical. What should come first?
    shuffle: false
    options:
      - text: A polished deck.
        explain: A deck from someone he does not trust is checked, not believed.
      - text: Asking what he needs to see.
        correct: true
        explain: Listening first makes him a co-designer.
      - text: Telling him the board agrees.
        explain: Claiming support you do not have is found out.
  - question: When does an honest push land?
    shuffle: false
    options:
      - text: When the relationship can carry it.
        correct: true
        explain: Push after pull has built the trust to hear it.
      - text: As early as possible.
        explain: Pushed too early, the same ask is parked.
"""


@pytest.fixture
def checked(tmp_path: Path) -> Path:
    """The mini scenario with a two-question knowledge check, in a folder of its own."""
    folder = tmp_path / "scenarios"
    folder.mkdir()
    path = folder / "mini.yaml"
    path.write_text((FIXTURES / "mini.yaml").read_text(encoding="utf-8") + CHECK, "utf-8")
    return path


def _start(app, path: Path) -> CheckScene:  # type: ignore[no-untyped-def]
    start_session(app, Session.new(load_scenario(path)))
    step(app)
    scene = app.stack.top
    assert isinstance(scene, CheckScene) and scene.phase == "before"
    return scene


def _play_to_ending(app, choices: tuple[int, ...] = (pygame.K_1, pygame.K_1)) -> None:  # type: ignore[no-untyped-def]
    keys = list(choices)
    for _ in range(200):
        top = app.stack.top
        if isinstance(top, EndingScene):
            return
        if isinstance(top, PlayScene) and top.choosing:
            wait(app, 0.45)
            press(app, keys.pop(0))
        else:
            press(app, pygame.K_SPACE)
    raise AssertionError("the ending never came")


def test_a_new_game_asks_first_and_the_keys_answer_after_the_guard(app, checked) -> None:  # type: ignore[no-untyped-def]
    scene = _start(app, checked)
    assert scene.question.number == 1 and len(scene.question.options) == 3
    press(app, pygame.K_2)  # a key already on its way down when the question appeared
    assert not scene.answered
    wait(app, GUARD_S + 0.05)
    press(app, pygame.K_3)
    assert scene.answered and scene.feedback is not None
    assert not scene.feedback.right and scene.feedback.verdict == "Not quite."
    assert "found out" in scene.feedback.paragraphs[0]
    assert "Listening first" in scene.feedback.paragraphs[1]  # why the right one is right
    press(app, pygame.K_1)  # answered: another number changes nothing
    assert scene.chosen == 2
    press(app, pygame.K_RETURN)  # Next, but still inside the guard
    assert scene.question.number == 1
    wait(app, GUARD_S + 0.05)
    press(app, pygame.K_RETURN)
    assert scene.question.number == 2 and not scene.answered
    wait(app, GUARD_S + 0.05)
    press(app, pygame.K_DOWN)
    press(app, pygame.K_UP)
    press(app, pygame.K_UP)  # wraps round to the last answer
    assert scene.focus == 1
    press(app, pygame.K_DOWN)
    press(app, pygame.K_RETURN)  # Enter answers the focused one
    assert scene.feedback is not None and scene.feedback.right
    assert scene.next_button.label == "Start playing"
    wait(app, GUARD_S + 0.05)
    press(app, pygame.K_RETURN)
    play = app.stack.top
    assert isinstance(play, PlayScene)
    assert play.session.runner.state.check == {"before": [2, 0]}
    assert not play.session.check_due("before")


def test_the_mouse_answers_and_moves_on(app, checked) -> None:  # type: ignore[no-untyped-def]
    scene = _start(app, checked)
    wait(app, GUARD_S + 0.05)
    rects = scene.option_rects()
    move_mouse(app, rects[2].center)
    assert scene.focus == 2
    click(app, rects[1].center)
    assert scene.answered and scene.feedback is not None and scene.feedback.right
    wait(app, GUARD_S + 0.05)
    click(app, scene.next_button.rect.center)
    assert scene.question.number == 2
    wait(app, GUARD_S + 0.05)
    click(app, scene.option_rects()[1].center)
    assert scene.feedback is not None and not scene.feedback.right
    wait(app, GUARD_S + 0.05)
    click(app, scene.next_button.rect.center)
    assert isinstance(app.stack.top, PlayScene)
    assert app.stack.top.session.runner.state.check == {"before": [1, 1]}


def test_skip_keeps_what_was_answered_and_plays(app, checked) -> None:  # type: ignore[no-untyped-def]
    _start(app, checked)
    wait(app, GUARD_S + 0.05)
    press(app, pygame.K_2)
    wait(app, GUARD_S + 0.05)
    press(app, pygame.K_RETURN)
    press(app, pygame.K_ESCAPE)  # skip the second question
    play = app.stack.top
    assert isinstance(play, PlayScene)
    assert play.session.runner.state.check == {"before": [1, -1]}


def test_skipping_with_the_button_records_no_score(app, checked) -> None:  # type: ignore[no-untyped-def]
    scene = _start(app, checked)
    click(app, scene.skip_button.rect.center)
    play = app.stack.top
    assert isinstance(play, PlayScene)
    session = play.session
    assert session.runner.state.check == {"before": [-1, -1]}
    from roleplay import build_debrief

    knowledge = build_debrief(session.scenario, session.runner.state).knowledge
    assert knowledge is not None and knowledge.score_before is None


def test_after_the_ending_the_same_questions_then_the_debrief(app, checked) -> None:  # type: ignore[no-untyped-def]
    _start(app, checked)
    answer_check(app, 1)  # before: 1 of 2 right (the second question)
    _play_to_ending(app)
    ending = app.stack.top
    assert isinstance(ending, EndingScene) and ending.buttons.buttons[0].label == "Continue"
    press(app, pygame.K_RETURN)
    after = app.stack.top
    assert isinstance(after, CheckScene) and after.phase == "after"
    assert answer_check(app, 2) == 2  # after: the first right, the second not
    debrief = app.stack.top
    assert isinstance(debrief, DebriefScene)
    check = debrief.debrief.knowledge
    assert check is not None
    assert (check.score_before, check.score_after) == (1, 1)
    assert [q.before for q in check.questions] == [0, 0]
    assert [q.after for q in check.questions] == [1, 1]


def test_a_resumed_save_is_not_asked_again(checked) -> None:  # type: ignore[no-untyped-def]
    app = make_app(scenarios=checked.parent)  # the library holds the scenario with the check
    _start(app, checked)
    answer_check(app, 2)
    play = app.stack.top
    assert isinstance(play, PlayScene)
    press(app, pygame.K_s)  # quick save
    assert saves.quicksave_path().is_file()
    app.reset("title")
    assert resume_save(app, saves.quicksave_path())
    step(app)
    resumed = app.stack.top
    assert isinstance(resumed, PlayScene)  # straight into play: no check
    assert resumed.session.scenario.spec.check
    assert resumed.session.runner.state.check == {"before": [1, 1]}
    pygame.display.quit()


def test_a_save_without_decisions_yet_but_answered_plays_on(tmp_path, checked) -> None:  # type: ignore[no-untyped-def]
    from roleplay import Runner, load_game, save_game

    scenario = load_scenario(checked)
    runner = Runner(scenario)
    runner.answer_check("before", [1, 0])
    save_game(tmp_path / "slot.json", scenario, runner.state)
    session = Session.from_save(tmp_path / "slot.json", scenario)
    assert not session.check_due("before") and not session.check_due("after")
    assert load_game(tmp_path / "slot.json", scenario).check == {"before": [1, 0]}


def test_a_scenario_without_a_check_starts_playing(app) -> None:  # type: ignore[no-untyped-def]
    start_session(app, Session.new(load_scenario(FIXTURES / "mini.yaml")))
    step(app)
    assert isinstance(app.stack.top, PlayScene)


@pytest.mark.parametrize("text_size", range(len(TEXT_SIZES)))
def test_answers_fit_and_the_feedback_scrolls_into_view(checked, text_size: int) -> None:  # type: ignore[no-untyped-def]
    app = make_app(scenarios=checked.parent)
    app.settings.text_size = text_size
    app.apply_settings()
    scene = _start(app, checked)
    wait(app, GUARD_S + 0.05)
    press(app, pygame.K_3)
    layout = scene.layout(app.painter)
    for upper, lower in zip(layout.options, layout.options[1:], strict=False):
        assert upper.bottom < lower.top
    assert all(r.left >= 0 and r.right <= 1280 for r in layout.options)
    assert layout.feedback is not None
    bottom = VIEW.top - scene.scroller.offset + layout.feedback.bottom
    assert bottom <= VIEW.bottom  # the explanation can be read without scrolling by hand
    pygame.display.quit()
