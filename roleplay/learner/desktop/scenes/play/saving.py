"""The play screen's saving: the autosave after every step, quick save and quick load, and the
save and load screens. Mixed into the play screen, which provides what is declared here.

Assessment mode keeps an honest record of first choices, so it has no way back (see ``saves``):
S writes the run's one save (the autosave, always where the player is), the save slots are not
offered, and L, like Backspace, says why it is off.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from roleplay.learner.desktop import navigation, saves

if TYPE_CHECKING:
    import pygame

    from roleplay.gui.app import App
    from roleplay.learner.desktop.readlog import ReadLog
    from roleplay.learner.desktop.scenes.play.reading import Reading
    from roleplay.learner.desktop.session import Session


class SavingControls:
    """Autosave, quick save and load, and the Save/Load screens of the play screen."""

    app: App
    session: Session
    reading: Reading
    read_log: ReadLog

    def thumbnail(self) -> pygame.Surface:
        """The stage as a small picture for save slots (the play screen renders it)."""
        raise NotImplementedError

    @property
    def assessed(self) -> bool:
        """True in assessment mode: one save per run, no loading back."""
        return self.session.mode == "assessment"

    def _autosave(self) -> bool:
        """Write the autosave (and the lines read); a notice and False when it fails."""
        try:
            saves.write_autosave(self.session, self.thumbnail())
            self.read_log.save()
        except OSError as exc:
            self.app.toast(f"Autosave failed: {exc}")
            return False
        return True

    def quick_save(self) -> None:
        """Save to the quick slot at once (L loads it back); an assessment run's own save."""
        if self.assessed:
            if self._autosave():
                self.app.toast(saves.RUN_SAVED)
            return
        try:
            saves.write_save(saves.quicksave_path(), self.session, self.thumbnail(), "Quick save")
        except OSError as exc:
            self.app.toast(f"Could not quick save: {exc}")
            return
        self.app.toast("Quick saved  ·  L loads it")

    def quick_load(self) -> None:
        """Load the quick slot, after asking (in assessment mode: say why not)."""
        self.reading.stop_skipping()
        if self.assessed:
            self.app.toast(saves.NO_LOADING_BACK)
            return
        navigation.quick_load(self.app)

    def open_saves(self, saving: bool) -> None:
        """Open the Save (or Load) screen."""
        if saving:
            self.app.push("saves", saving=True, session=self.session, thumbnail=self.thumbnail)
        else:
            self.app.push("saves", saving=False)
