"""The play screen's reading controls as actions: read on, look back, skip, auto-advance and
hiding the interface. Mixed into the play screen, which provides what is declared here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from roleplay.learner.desktop.scenes.play.reading import Next, Reading
from roleplay.learner.desktop.scenes.play.typewriter import Typewriter

if TYPE_CHECKING:
    from roleplay import Line, View
    from roleplay.gui.app import App
    from roleplay.learner.desktop.session import Session


class ReadingControls:
    """Skip, auto-advance, look-back and hide, on top of the play screen's :meth:`proceed`."""

    app: App
    session: Session
    view: View
    reading: Reading
    typewriter: Typewriter
    live_entry: int  # the backlog entry of the line being read
    beat_start: int  # the first backlog entry of this beat
    line_read: bool  # the line being read had been read before

    @property
    def choosing(self) -> bool:
        """True while the choices wait for the player (the play screen says)."""
        raise NotImplementedError

    @property
    def line(self) -> Line | None:
        """The line being read (the play screen says)."""
        raise NotImplementedError

    @property
    def line_done(self) -> bool:
        """True once the line is fully shown (the play screen says)."""
        raise NotImplementedError

    def proceed(self) -> None:
        """Finish the line or go on (the play screen does it)."""
        raise NotImplementedError

    def advance(self) -> None:
        """Read on by input: forward one line when looking back, else :meth:`proceed`."""
        if self.reading.reviewing:
            self.reading.look_forward(self.live_entry)
        else:
            self.proceed()

    @property
    def _may_read_on(self) -> bool:
        """True when skip or auto-advance may move on by themselves."""
        reading = self.reading
        at_end = self.typewriter.at_last_line and self.view.ending is not None
        return not (self.choosing or reading.reviewing or reading.hidden or at_end)

    def look_back(self) -> None:
        """Show the line before the one shown (in assessment mode, within this beat only)."""
        practice = self.session.mode == "practice"
        first = 0 if practice else self.beat_start
        if not self.reading.look_back(self.live_entry, first):
            where = "" if practice else " in this scene (assessment mode)"
            self.app.toast(f"Nothing earlier to look back at{where}")

    def stop_looking_back(self) -> None:
        """Return to the line being read."""
        self.reading.review = None

    def toggle_skip(self) -> None:
        """Start or stop skipping the lines read before (never past a choice)."""
        reading = self.reading
        if reading.skip_toggled:
            reading.stop_skipping()
            self.app.toast("Skipping stopped")
        else:
            reading.skip_toggled = True
            self.app.toast("Skipping lines you have read  ·  Tab stops")

    def hold_skip(self, held: bool) -> None:
        """Skip read lines while Ctrl is held."""
        self.reading.skip_held = held and not self.choosing

    def toggle_auto(self) -> None:
        """Start or stop auto-advance (its speed is a setting)."""
        self.reading.auto = not self.reading.auto
        self.app.toast("Auto-advance on  ·  A stops" if self.reading.auto else "Auto-advance off")

    def set_hidden(self, hidden: bool) -> None:
        """Hide everything but the scene (any key or click shows it again)."""
        self.reading.hidden = hidden
        self.app.toast_left = 0.0 if hidden else self.app.toast_left

    def _read_on(self, dt: float) -> None:
        line = self.line
        wait = self.app.settings.auto_wait(len(line.text) if line else 0)
        after = self.reading.tick(
            dt,
            ready=self._may_read_on,
            line_done=self.line_done,
            line_read=self.line_read,
            auto_wait=wait,
        )
        if after is Next.PROCEED:
            self.proceed()
        elif after is Next.UNREAD:
            self.app.toast("Skipping stopped: this line is new to you")
