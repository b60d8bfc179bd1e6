"""The one place that knows every scene of the desktop game, by the name others open it with.

Scenes never import each other: they ask the app for a name (``app.push("saves",
saving=True)``) and hear back through ``on_dismiss`` when that scene dismisses with a result.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import TYPE_CHECKING

from roleplay.learner.desktop.scenes.check import CheckScene
from roleplay.learner.desktop.scenes.confirm import ConfirmScene
from roleplay.learner.desktop.scenes.debrief import DebriefScene
from roleplay.learner.desktop.scenes.ending import EndingScene
from roleplay.learner.desktop.scenes.expert import ExpertScene
from roleplay.learner.desktop.scenes.history import HistoryScene
from roleplay.learner.desktop.scenes.jump import JumpScene
from roleplay.learner.desktop.scenes.library import LibraryScene
from roleplay.learner.desktop.scenes.mode import ModeScene
from roleplay.learner.desktop.scenes.pause import PauseScene
from roleplay.learner.desktop.scenes.play import PlayScene
from roleplay.learner.desktop.scenes.records import RecordsScene
from roleplay.learner.desktop.scenes.road import RoadScene
from roleplay.learner.desktop.scenes.saves import SavesScene
from roleplay.learner.desktop.scenes.settings import SettingsScene
from roleplay.learner.desktop.scenes.title import TitleScene

if TYPE_CHECKING:
    from roleplay.gui.app import App
    from roleplay.gui.scene import SceneFactory
    from roleplay.learner.text import ExpertFinder

#: name -> scene factory, called as ``factory(app, **params)``; what each one dismisses with.
ROUTES: Mapping[str, SceneFactory] = {
    "title": TitleScene,  # ()
    "library": LibraryScene,  # ()
    "mode": ModeScene,  # (scenario) -> "practice" | "assessment" | None
    "play": PlayScene,  # (session)
    "pause": PauseScene,  # (session, thumbnail) -> "history" | None
    "history": HistoryScene,  # (session)
    "saves": SavesScene,  # (saving, session=None, thumbnail=None)
    "settings": SettingsScene,  # ()
    "records": RecordsScene,  # () the LRS that solo play sends learning records to
    "confirm": ConfirmScene,  # (question, yes) -> bool
    "check": CheckScene,  # (session, phase) -> True (answered) | False (skipped)
    "ending": EndingScene,  # (session)
    "debrief": DebriefScene,  # (session; expert finder bound by register_scenes)
    "expert": ExpertScene,  # (debrief)
    "road": RoadScene,  # (decisions) -> decision index | None
    "jump": JumpScene,  # (scenario, current) -> node id | None  (designer mode)
}


def register_scenes(app: App, expert: ExpertFinder | None = None) -> None:
    """Register every scene of the game with the app; ``expert`` finds the expert's road for
    the debrief (the solver, which this layer cannot import; None: no expert's road)."""
    for name, factory in ROUTES.items():
        bound = functools.partial(factory, expert=expert) if name == "debrief" else factory
        app.register(name, bound)
