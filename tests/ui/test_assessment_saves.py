"""Assessment mode is an honest record of first choices: no save or load takes a run back.

Practice mode keeps its quick save and load. Each test drives the real game with key and mouse
events; the file copies stand for what a learner can do with their save folder.
"""

from __future__ import annotations

import shutil

import pygame
from harness import center, click, press, step
from test_play import start, to_choices

from roleplay.learner.desktop import saves
from roleplay.learner.desktop.scenes.confirm import ConfirmScene
from roleplay.learner.desktop.scenes.pause import PauseScene
from roleplay.learner.desktop.scenes.play import PlayScene
from roleplay.learner.desktop.scenes.saves import SavesScene
from roleplay.learner.desktop.scenes.title import TitleScene


def quick_menu_labels(scene: PlayScene) -> list[str]:
    """The quick menu's buttons as drawn under the dialogue box."""
    return [button.label for button in scene.quick.group.buttons]


def confirm_if_asked(app) -> None:  # type: ignore[no-untyped-def]
    """Answer yes when a question is shown (as the play-tester did: Right, Enter)."""
    if isinstance(app.stack.top, ConfirmScene):
        press(app, pygame.K_RIGHT)
        press(app, pygame.K_RETURN)
        step(app, 5)


def to_title(app) -> TitleScene:  # type: ignore[no-untyped-def]
    """Leave for the title screen, as Main menu does."""
    app.reset("title")
    step(app)
    title = app.stack.top
    assert isinstance(title, TitleScene)
    return title


def test_s_1_l_does_not_take_an_assessment_run_back_and_says_why(app) -> None:  # type: ignore[no-untyped-def]
    scene = start(app, "assessment")
    to_choices(app, scene)
    press(app, pygame.K_s)
    said_on_saving = app.toast_text
    press(app, pygame.K_1)
    to_choices(app, scene)
    node = scene.session.runner.state.node
    press(app, pygame.K_l)
    said_on_loading = app.toast_text
    confirm_if_asked(app)
    now = app.stack.top
    assert isinstance(now, PlayScene)
    assert now.session.decisions == 1 and now.session.runner.state.node == node
    assert "Loading is off in assessment mode" in said_on_loading
    assert "one save" in said_on_saving
    assert not saves.quicksave_path().exists()  # S wrote the run's own save instead
    auto = saves.read_slot(saves.autosave_path("mini_pitch"), "Autosave")
    assert auto.info is not None and auto.info.decisions == 1
    labels = quick_menu_labels(now)
    assert "Q.Load" not in labels and "Q.Save" not in labels and "Back" not in labels
    assert "Save" in labels


def test_the_esc_menu_offers_no_load_in_assessment_and_saves_the_run(app) -> None:  # type: ignore[no-untyped-def]
    scene = start(app, "assessment")
    to_choices(app, scene)
    press(app, pygame.K_ESCAPE)
    pause = app.stack.top
    assert isinstance(pause, PauseScene)
    named = {button.key: button for button in pause.menu.buttons}
    assert not named["load"].enabled and "assessment" in named["load"].detail
    click(app, center(named["load"].rect))
    assert app.stack.top is pause  # nothing opened
    click(app, center(named["save"].rect))
    assert app.stack.top is pause and "one save" in app.toast_text
    assert all(slot.empty for slot in saves.list_slots())  # no slot holds the run


def test_the_save_slots_refuse_an_assessment_run(app) -> None:  # type: ignore[no-untyped-def]
    scene = start(app, "assessment")
    to_choices(app, scene)
    screen = SavesScene(app, saving=True, session=scene.session, thumbnail=scene.thumbnail)
    app.push(screen)
    press(app, pygame.K_RETURN)  # slot 1
    assert saves.list_slots()[0].empty
    assert "one save" in app.toast_text


def test_title_load_cannot_go_back_to_an_earlier_point_of_an_assessment_run(app) -> None:  # type: ignore[no-untyped-def]
    scene = start(app, "assessment")
    to_choices(app, scene)
    auto = saves.autosave_path("mini_pitch")
    early = auto.with_name("kept_by_hand.json")
    shutil.copy(auto, early)  # the learner keeps a copy of the run at its first decision
    shutil.copy(auto, saves.slot_path(1))  # ... and one in a save slot (as older games allowed)
    press(app, pygame.K_1)
    assert scene.session.decisions == 1

    title = to_title(app)
    title.menu.focus = [b.key for b in title.menu.buttons].index("load")
    press(app, pygame.K_RETURN)
    screen = app.stack.top
    assert isinstance(screen, SavesScene)
    slot = screen.slots[0]
    assert slot.info is None and "Assessment run" in slot.error  # shown on its card
    assert not screen.grid.buttons[0].enabled
    press(app, pygame.K_RETURN)
    assert app.stack.top is screen

    shutil.copy(early, auto)  # the early copy put back as the autosave
    title = to_title(app)
    assert not title.menu.buttons[0].enabled  # Continue: nothing it may resume
    app.push(SavesScene(app, saving=False))
    press(app, pygame.K_TAB)  # Quick & auto
    screen = app.stack.top
    assert isinstance(screen, SavesScene)
    (card,) = screen.slots
    assert card.info is None and "gone on" in card.error
    press(app, pygame.K_RETURN)
    assert app.stack.top is screen


def test_continue_resumes_an_assessment_run_where_it_got_to(app) -> None:  # type: ignore[no-untyped-def]
    from roleplay.learner.desktop import runs

    scene = start(app, "assessment")
    to_choices(app, scene)
    press(app, pygame.K_2)
    node = scene.session.runner.state.node
    run_id = scene.session.runner.state.run_id
    assert run_id and runs.furthest(run_id) == 1
    title = to_title(app)
    assert title.menu.focused is not None and title.menu.focused.key == "continue"
    press(app, pygame.K_RETURN)
    resumed = app.stack.top
    assert isinstance(resumed, PlayScene) and resumed.session.mode == "assessment"
    assert resumed.session.runner.state.node == node
    assert resumed.session.runner.state.run_id == run_id


def test_practice_quick_save_and_load_still_work(app) -> None:  # type: ignore[no-untyped-def]
    scene = start(app, "practice")
    assert {"Back", "Save", "Q.Save", "Q.Load"} <= set(quick_menu_labels(scene))
    to_choices(app, scene)
    press(app, pygame.K_s)
    assert "Quick saved" in app.toast_text and saves.quicksave_path().is_file()
    press(app, pygame.K_1)
    assert scene.session.decisions == 1
    press(app, pygame.K_l)
    assert isinstance(app.stack.top, ConfirmScene)
    confirm_if_asked(app)
    loaded = app.stack.top
    assert isinstance(loaded, PlayScene) and loaded is not scene
    assert loaded.session.decisions == 0 and loaded.session.runner.state.node == "intro"


def test_an_old_assessment_save_in_a_slot_is_refused_a_practice_one_loads(app) -> None:  # type: ignore[no-untyped-def]
    import json

    scene = start(app, "assessment")
    to_choices(app, scene)
    document = json.loads(saves.autosave_path("mini_pitch").read_text(encoding="utf-8"))
    document["format"] = 2  # as the game wrote before assessment runs had one save
    document["state"]["version"] = 2
    del document["state"]["run_id"]
    saves.slot_path(1).write_text(json.dumps(document), encoding="utf-8")
    document["state"]["mode"] = "practice"
    saves.slot_path(2).write_text(json.dumps(document), encoding="utf-8")
    old_run, old_practice = saves.list_slots()[:2]
    assert old_run.info is None and "Assessment run" in old_run.error
    assert old_practice.info is not None and old_practice.info.mode == "practice"
    to_title(app)
    app.push(SavesScene(app, saving=False))
    press(app, pygame.K_RIGHT)
    press(app, pygame.K_RETURN)  # slot 2
    loaded = app.stack.top
    assert isinstance(loaded, PlayScene) and loaded.session.mode == "practice"
    assert loaded.session.runner.state.run_id  # it gets one from now on


def test_the_ledger_only_goes_forward_and_stays_bounded(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from roleplay.engine._state import GameState
    from roleplay.learner.desktop import runs

    def state(run_id: str, decisions: int, mode: str = "assessment") -> GameState:
        made = GameState("s", "n", {}, {}, mode=mode, run_id=run_id)  # type: ignore[arg-type]
        made.history = [None] * decisions  # type: ignore[list-item]
        return made

    runs.record_progress(state("a", 3))
    runs.record_progress(state("a", 1))  # a lower count never lowers it
    runs.record_progress(state("p", 5, "practice"))
    runs.record_progress(state("", 5))
    assert runs.furthest("a") == 3 and runs.furthest("p") is None and runs.furthest("") is None
    monkeypatch.setattr(runs, "MAX_RUNS", 2)
    runs.record_progress(state("b", 1))
    runs.record_progress(state("a", 4))  # played again: kept as the newest
    runs.record_progress(state("c", 1))
    assert runs.furthest("b") is None and runs.furthest("a") == 4 and runs.furthest("c") == 1
    runs.ledger_path().write_text("{ not json", encoding="utf-8")
    assert runs.furthest("a") is None  # a broken ledger is read as empty, never a crash
