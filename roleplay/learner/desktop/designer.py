"""Designer mode's shared parts: who may switch it on, and "Save as test".

Designer mode (``roleplay play --designer``, or F12 while playing) shows the designer overlay on
the play screen and offers "Save as test" there and in the debrief. A learner in assessment mode
cannot switch it on (the hidden meters and jumping would void the assessment) unless the game
was started with ``--designer``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from roleplay.gui import storage

if TYPE_CHECKING:
    from roleplay.gui.app import App
    from roleplay.learner.desktop.session import Session

#: Told when F12 is pressed in assessment mode without ``--designer``.
ASSESSMENT_REFUSAL = "Designer mode is off in assessment mode (start with --designer)"


class NotRecorded(Exception):
    """Why this run cannot be saved as a playthrough test, in words for the designer."""


def designer_allowed(app: App, session: Session) -> bool:
    """True when designer mode may be switched on for this session."""
    return session.mode == "practice" or app.designer_launched


def record_test(session: Session) -> Path:
    """Write the run so far as a playthrough test (``*.playthrough.yaml``) into the exports
    folder and return its path: its choices, and the path, meters and flags it reached, with
    the ending when there is one. Never overwrites an earlier test.

    Raises :class:`NotRecorded` when the run cannot be replayed from the scenario's start
    (it began at another node or with set meters) or the file cannot be written.
    """
    from roleplay import RoleplayError, record_state

    state = session.runner.state
    if state.origin is not None:
        raise NotRecorded(
            f"This run began at '{state.origin.node}' (a jump or --from); a test replays from "
            "the start, so play from the start to record one"
        )
    scenario = session.scenario
    stop = state.ending or f"at_{state.node}"
    try:
        path = _free_name(storage.exports_dir(), f"{scenario.id}.{stop}")
        record_state(path, scenario, [step.choice_id for step in state.history])
    except (RoleplayError, OSError) as exc:
        reason = storage.describe_os_error(exc) if isinstance(exc, OSError) else str(exc)
        raise NotRecorded(f"Could not save the test: {reason}") from exc
    return path


def _free_name(folder: Path, stem: str) -> Path:
    """``folder/stem.playthrough.yaml``, or with ``-2``, ``-3``... when taken."""
    path = folder / f"{stem}.playthrough.yaml"
    number = 2
    while path.exists():
        path = folder / f"{stem}-{number}.playthrough.yaml"
        number += 1
    return path
