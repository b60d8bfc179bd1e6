"""Journeys that span several scenes: start or resume a game, go back to the library.

Scenes call these instead of building each other; everything goes through the names the
scenes are registered under (see ``_routes``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from roleplay.learner.desktop.library import shared_library
from roleplay.learner.desktop.session import Session

if TYPE_CHECKING:
    from pathlib import Path

    from roleplay.gui.app import App


def start_session(app: App, session: Session) -> None:
    """Leave whatever is shown and play ``session`` (Esc-menu "library" leads to the title)."""
    app.reset("title")
    app.push("play", session=session)


def open_library(app: App) -> None:
    """Go to the scenario library, with only the title screen below it."""
    app.reset("title")
    app.push("library")


def resume_save(app: App, path: Path) -> bool:
    """Load a save file and play it; shows a notice and returns False when it cannot."""
    from roleplay import SaveError, read_save_info

    try:
        info = read_save_info(path)
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
