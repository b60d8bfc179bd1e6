"""Journeys that span several scenes: start or resume a game, leave it, quit, quick load.

Scenes call these instead of building each other; everything goes through the names the
scenes are registered under (see ``_routes``). Leaving a scenario and quitting the game are
asked first ("confirm" dismisses with True or False).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from roleplay.learner.desktop import saves
from roleplay.learner.desktop.library import shared_library
from roleplay.learner.desktop.records import solo_records
from roleplay.learner.desktop.session import Session

if TYPE_CHECKING:
    from pathlib import Path

    from roleplay import GameState, Scenario
    from roleplay.gui.app import App

QUIT_QUESTION = "Quit the game? Your place is autosaved: Continue picks it up next time."
LEAVE_QUESTION = "Leave this scenario for the main menu? Your place is autosaved."
QUICK_LOAD_QUESTION = "Load your quick save? What happened after it was made is left behind."


def start_session(app: App, session: Session) -> None:
    """Leave whatever is shown and play ``session`` (Esc-menu "library" leads to the title);
    its learning records go to the LRS as it is played when the learner set one up.

    A new game of a scenario with a knowledge check asks it first."""
    solo_records(app).follow(session)
    app.reset("title")

    def play(_answered: object = None) -> None:
        solo_records(app).resend()  # the answers before play go out at once
        app.push("play", session=session)

    if session.check_due("before"):
        app.push("check", session=session, phase="before", on_dismiss=play)
    else:
        play()


def finish_session(app: App, session: Session) -> None:
    """From the ending card on to the debrief, asking the knowledge check again first."""

    def debrief(_answered: object = None) -> None:
        solo_records(app).resend()  # the answers after play go out too
        app.replace("debrief", session=session)

    if session.check_due("after"):
        app.push("check", session=session, phase="after", on_dismiss=debrief)
    else:
        debrief()


def start_scenario(
    app: App, scenario: Scenario, mode: str = "practice", state: GameState | None = None
) -> None:
    """Play ``scenario`` from its start in ``mode``, or from ``state`` (e.g. a node a designer
    chose, see :func:`roleplay.start_state`) in the state's own mode."""
    if state is None:
        start_session(app, Session.new(scenario, mode))
        return
    from roleplay import Runner

    start_session(app, Session(scenario, Runner(scenario, state)))


def open_library(app: App) -> None:
    """Go to the scenario library, with only the title screen below it."""
    app.reset("title")
    app.push("library")


def ask(app: App, question: str, yes: str, then: Callable[[], object]) -> None:
    """Ask a yes/no question; run ``then`` only when the answer is yes."""

    def answered(agreed: object) -> None:
        if agreed is True:
            then()

    app.push("confirm", question=question, yes=yes, on_dismiss=answered)


def guard_quitting(app: App) -> None:
    """Make closing the window (or Quit) ask first; asking twice quits at once."""

    def guard(answer: Callable[[bool], None]) -> None:
        app.push("confirm", question=QUIT_QUESTION, yes="Quit", on_dismiss=answer)

    app.quit_guard = guard


def leave_scenario(app: App) -> None:
    """Ask, then go back to the title screen."""
    ask(app, LEAVE_QUESTION, "Main menu", lambda: app.reset("title"))


def quick_load(app: App) -> None:
    """Ask, then resume the quick save (a notice when there is none)."""
    path = saves.quicksave_path()
    if not path.is_file():
        app.toast("No quick save yet: press S while playing to make one")
        return
    ask(app, QUICK_LOAD_QUESTION, "Load", lambda: resume_save(app, path))


def resume_save(app: App, path: Path) -> bool:
    """Load a save file and play it; shows a notice and returns False when it cannot (or
    when assessment's rule refuses it: see ``saves.assessment_refusal``)."""
    from roleplay import SaveError, read_save_info

    try:
        info = read_save_info(path)
        refused = saves.assessment_refusal(path, info)
        if refused:
            app.toast(refused)
            return False
        scenario = shared_library(app).by_id(info.scenario_id)
        if scenario is None:
            app.toast(f"The scenario '{info.scenario_id}' of this save is not installed")
            return False
        session = Session.from_save(path, scenario)
    except SaveError as exc:
        app.toast(str(exc))
        return False
    start_session(app, session)
    return True
