"""The desktop debrief teaches: why this ending in plain words and what the goal still needed,
the knowledge check before and after, the expert's road beside the learner's, and the learning
record exported as valid xAPI."""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from pathlib import Path

import pygame
import pytest
from harness import answer_check, click, press, step, wait
from test_knowledge_check import CHECK

from roleplay import Scenario, load_scenario
from roleplay.authoring.solver import expert_path
from roleplay.gui import storage
from roleplay.gui.app import App
from roleplay.learner.desktop import create_app
from roleplay.learner.desktop.navigation import start_session
from roleplay.learner.desktop.scenes.debrief import DebriefScene
from roleplay.learner.desktop.scenes.ending import EndingScene
from roleplay.learner.desktop.scenes.expert import ExpertScene
from roleplay.learner.desktop.scenes.play import PlayScene
from roleplay.learner.desktop.session import Session
from tests.records.conftest import statement_errors

FIXTURES = Path(__file__).parent / "fixtures"


def _solver(scenario: Scenario, taken: Sequence[str]) -> Sequence[str] | None:
    return expert_path(scenario, taken)


@pytest.fixture
def scenario(tmp_path: Path) -> Scenario:
    """The mini scenario with a knowledge check."""
    path = tmp_path / "mini.yaml"
    path.write_text((FIXTURES / "mini.yaml").read_text(encoding="utf-8") + CHECK, "utf-8")
    return load_scenario(path)


def drawn_texts(app: App) -> list[str]:
    """Every piece of text drawn in one frame of the top scene."""
    texts: list[str] = []
    painter = app.painter
    text, paragraph = painter.text, painter.paragraph

    def spy_text(value: str, *args, **kwargs):  # type: ignore[no-untyped-def]
        texts.append(value)
        return text(value, *args, **kwargs)

    def spy_paragraph(value: str, *args, **kwargs):  # type: ignore[no-untyped-def]
        texts.append(value)
        return paragraph(value, *args, **kwargs)

    painter.text, painter.paragraph = spy_text, spy_paragraph  # type: ignore[method-assign]
    try:
        app.dirty = True
        app.step(0)
    finally:
        del painter.text, painter.paragraph
    return texts


def whole_page(app: App, scene: DebriefScene) -> str:
    """All text of the debrief, read page by page (PageDown) from the top."""
    press(app, pygame.K_HOME)
    seen = drawn_texts(app)
    while scene.scroller.offset < scene.scroller.max_offset:
        press(app, pygame.K_PAGEDOWN)
        seen += drawn_texts(app)
    return "\n".join(seen)


def _to_debrief(app: App, scenario: Scenario, keys: tuple[int, int]) -> DebriefScene:
    start_session(app, Session.new(scenario))
    step(app)
    answer_check(app, 1)
    pending = list(keys)
    for _ in range(200):
        top = app.stack.top
        if isinstance(top, EndingScene):
            break
        if isinstance(top, PlayScene) and top.choosing:
            wait(app, 0.45)
            press(app, pending.pop(0))
        else:
            press(app, pygame.K_SPACE)
    press(app, pygame.K_RETURN)
    answer_check(app, 2)
    debrief = app.stack.top
    assert isinstance(debrief, DebriefScene)
    return debrief


@pytest.fixture
def played(scenario: Scenario):  # type: ignore[no-untyped-def]
    """A game with the solver as expert, played to the stalled ending (push, then threaten)."""
    app = create_app((1280, 720), scenarios_dir=FIXTURES, expert=_solver)
    app.reset("title")
    debrief = _to_debrief(app, scenario, (pygame.K_2, pygame.K_2))
    assert debrief.search is not None and debrief.search.wait(60)
    step(app)
    yield app, debrief
    pygame.display.quit()


def test_why_near_miss_and_the_check_before_and_after_are_on_the_page(played) -> None:  # type: ignore[no-untyped-def]
    app, debrief = played
    assert debrief.debrief.ending is not None and debrief.debrief.ending.id == "stalled"
    page = whole_page(app, debrief)
    assert "Why this ending" in page
    for reason in debrief.debrief.why:
        assert reason.text in page
    assert "WHAT GENUINE BUY-IN STILL NEEDED" in page
    near = debrief.debrief.near_miss
    assert near is not None and near.missing
    assert (
        "Trust was 0 but needed at least 8; "
        "“Yes, and the board already agrees with me” (decision 1)" in page
    )
    assert "is at least" not in page and "it is not true" not in page  # no generated rule text
    assert "Knowledge check" in page
    assert "Before you played: 1 of 2   ·   After playing: 1 of 2" in page
    assert "Before: A polished deck. (not right)" in page
    assert "After: Asking what he needs to see. (right)" in page
    assert "Listening first makes him a co-designer." in page  # the right answer explained


def test_the_expert_road_side_by_side_from_where_the_roads_part(played) -> None:  # type: ignore[no-untyped-def]
    app, debrief = played
    road = debrief.debrief.expert
    assert road is not None and road.ending_id == "buy_in" and road.diverges_at == 0
    assert [d.choice_id for d in road.learner] == ["push", "threaten"]
    assert [d.choice_id for d in road.expert] == ["ask", "share"]
    differ = "You and the expert chose differently from the first decision"
    assert differ in whole_page(app, debrief)
    expert_button = next(b for b in debrief.buttons.buttons if b.key == "expert")
    assert expert_button.enabled
    click(app, expert_button.rect.center)
    scene = app.stack.top
    assert isinstance(scene, ExpertScene)
    shown = "\n".join(drawn_texts(app))
    assert "What you did" in shown and "What the expert did" in shown
    assert "Leads to: Genuine buy-in" in shown and "Ended in: Stalled" in shown
    assert "“Yes, and the board already agrees with me.”" in shown
    assert "“Before I answer: what would you need to see to be comfortable?”" in shown
    assert "Asking first turned a sceptic into a co-designer." in shown  # why the expert's works
    press(app, pygame.K_ESCAPE)
    assert app.stack.top is debrief
    press(app, pygame.K_e)
    assert isinstance(app.stack.top, ExpertScene)


def test_export_learning_record_writes_valid_xapi_with_the_check(played) -> None:  # type: ignore[no-untyped-def]
    app, debrief = played
    button = next(b for b in debrief.buttons.buttons if b.key == "record")
    click(app, button.rect.center)
    path = debrief.export_path
    assert path is not None and path.parent == storage.exports_dir() and path.suffix == ".jsonl"
    assert path.name in app.toast_text
    statements = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert all(statement_errors(s) == [] for s in statements)
    verbs = [s["verb"]["display"]["en-US"] for s in statements]
    assert verbs[0] == "initialized" and verbs[-1] == "terminated" and "completed" in verbs
    checks = [s for s in statements if ":check:" in s["object"]["id"]]
    assert [s["context"]["extensions"]["urn:roleplay:xapi:check-phase"] for s in checks] == [
        "before", "before", "after", "after",
    ]  # fmt: skip
    assert [s["result"]["success"] for s in checks] == [False, True, True, False]
    decisions = [s for s in statements if ":node:" in s["object"]["id"]]
    assert [s["result"]["response"] for s in decisions] == ["push", "threaten"]
    actor = statements[0]["actor"]["account"]["name"]
    assert actor.startswith("learner-")
    stored = json.loads((storage.config_dir() / "records.json").read_text(encoding="utf-8"))
    assert stored["account"]["name"] == actor  # the same anonymous learner next time


def test_the_account_set_in_records_json_is_the_actor(played) -> None:  # type: ignore[no-untyped-def]
    _app, debrief = played
    settings = {"account": {"name": "emp-0042", "homePage": "https://hr.example.org"}, "x": 1}
    (storage.config_dir() / "records.json").write_text(json.dumps(settings), encoding="utf-8")
    path = debrief.export_record()
    assert path is not None
    first = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
    assert first["actor"]["account"] == {"homePage": "https://hr.example.org", "name": "emp-0042"}
    stored = json.loads((storage.config_dir() / "records.json").read_text(encoding="utf-8"))
    assert stored == settings  # left as it was


def test_while_the_road_is_worked_out_the_page_says_so(scenario: Scenario) -> None:
    release = threading.Event()

    def slow(found: Scenario, taken: Sequence[str]) -> Sequence[str] | None:
        release.wait(30)
        return expert_path(found, taken)

    app = create_app((1280, 720), scenarios_dir=FIXTURES, expert=slow)
    app.reset("title")
    debrief = _to_debrief(app, scenario, (pygame.K_2, pygame.K_2))
    step(app, 3)
    assert debrief.searching
    assert "Working out the expert's road" in whole_page(app, debrief)
    assert not next(b for b in debrief.buttons.buttons if b.key == "expert").enabled
    press(app, pygame.K_e)
    assert app.stack.top is debrief
    release.set()
    assert debrief.search is not None and debrief.search.wait(60)
    step(app)
    assert not debrief.searching and debrief.debrief.expert is not None
    assert next(b for b in debrief.buttons.buttons if b.key == "expert").enabled
    pygame.display.quit()


def test_without_a_finder_there_is_no_expert_section(app, scenario) -> None:  # type: ignore[no-untyped-def]
    debrief = _to_debrief(app, scenario, (pygame.K_1, pygame.K_1))
    assert debrief.search is None and debrief.debrief.expert is None
    page = whole_page(app, debrief)
    assert "The expert's road" not in page and "Knowledge check" in page
    assert not next(b for b in debrief.buttons.buttons if b.key == "expert").enabled
