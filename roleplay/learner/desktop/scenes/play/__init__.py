"""The play screen: stage, typewriter dialogue, choices, reading controls, rewind and autosave.

Its parts live beside it: ``typewriter`` (which line, how much typed), ``reading`` (skip, auto,
looking back, the choice guard), ``cast`` and ``scenery`` (who is on stage, dissolves),
``controls`` (keys and mouse), ``drawing`` and ``overlays`` (what is drawn over the stage),
``saving`` (autosave, quick save and load; assessment mode's one save per run).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from roleplay.gui import stage
from roleplay.gui.cast import stage_background, stage_figures
from roleplay.gui.painter import Painter
from roleplay.gui.scene import Scene
from roleplay.learner.desktop import progress, saves
from roleplay.learner.desktop.readlog import ReadLog, line_key
from roleplay.learner.desktop.scenes.play import controls, drawing, overlays
from roleplay.learner.desktop.scenes.play.choosing import ChoiceList, spoken_choices
from roleplay.learner.desktop.scenes.play.designer import Designer
from roleplay.learner.desktop.scenes.play.reading import Reading
from roleplay.learner.desktop.scenes.play.reading_controls import ReadingControls
from roleplay.learner.desktop.scenes.play.saving import SavingControls
from roleplay.learner.desktop.scenes.play.scenery import (
    FADE_S,
    REACT_S,
    SHAKE_S,
    Picture,
    Scenery,
    warm_picture,
)
from roleplay.learner.desktop.scenes.play.typewriter import Typewriter

if TYPE_CHECKING:
    from collections.abc import Sequence

    from roleplay import GameState, Line, Runner, View
    from roleplay.gui.app import App
    from roleplay.gui.painter import FRect
    from roleplay.learner.desktop.session import Session


class PlayScene(ReadingControls, SavingControls, Scene):
    """Shows one beat at a time: lines with a typewriter, then choices or continue."""

    full_bleed = True

    def __init__(self, app: App, session: Session) -> None:
        """Play session from its current node (and line, for a resumed save)."""
        super().__init__(app)
        self.session = session
        self.view: View = session.runner.view()
        self.typewriter = Typewriter()
        self.reading = Reading()
        self.scenery = Scenery()
        self.read_log = ReadLog(session.scenario.id)
        self.fade = self.react = self.shake = 0.0
        self.choices = ChoiceList()
        self.choices_announced = False
        self.line_read = False
        self.live_entry = self.beat_start = 0
        self.pointer: tuple[float, float] | None = None
        self.covered = False  # a menu is open over the screen: no quick menu under it
        self.quick = overlays.QuickMenu()
        self.hot_reload = overlays.HotReload(session.scenario)
        self.layer_cache: tuple[object, pygame.Surface] | None = None
        session.runner.subscribe(ending_reached=self._ending_reached)
        resume_at = session.runner.state.line
        self._load_view(fade=True)
        if 0 < resume_at < len(self.view.lines):
            self._start_line(resume_at)
        self.designer = Designer(self)

    # -- what is shown -----------------------------------------------------------------------
    @property
    def runner(self) -> Runner:
        """The engine runner being played."""
        return self.session.runner

    @property
    def line(self) -> Line | None:
        """The line being shown, or None when the node has no lines."""
        return self.typewriter.line

    @property
    def line_index(self) -> int:
        """The index of the line being shown in the beat."""
        return self.typewriter.index

    @property
    def line_done(self) -> bool:
        """True when the current line is fully revealed."""
        return self.typewriter.done

    @property
    def choosing(self) -> bool:
        """True when the choices are shown and waiting for the player."""
        tw = self.typewriter
        return bool(self.view.choices) and tw.at_last_line and tw.done

    @property
    def showing_problems(self) -> bool:
        """True while the hot-reload problems panel is shown."""
        return bool(self.hot_reload.problems)

    def _ending_reached(self, ending_id: str) -> None:
        progress.record_ending(self.session.scenario.id, ending_id)

    def _load_view(self, fade: bool = False, at_choices: bool = False) -> None:
        """Show the runner's beat from its first line (``at_choices``: back at its choices)."""
        self.view = self.runner.view()
        self.typewriter.load(self.view.lines)
        self.choices.reset()
        self.choices_announced = False
        if fade:
            self.fade = 0.0 if self.app.settings.reduced_motion else FADE_S
        self.beat_start = len(self.session.backlog)
        for index in range(len(self.view.lines)):
            warm_picture(self.app.painter, self._picture(index))
        if at_choices:
            self._back_at_choices()
        else:
            self._start_line(0)

    def _back_at_choices(self) -> None:
        """The beat as it was left at its choices: every line read (in the backlog, once), the
        last one whole on screen, the choices waiting (a choice taken back, Ren'Py's rollback)."""
        lines, backlog = self.view.lines, self.session.backlog
        tail = [(e.name, e.text) for e in backlog[len(backlog) - len(lines) :] if e.kind == "line"]
        if tail != [(line.name, line.text) for line in lines]:  # shown before a save was loaded
            for line in lines:
                self.session.log_line(line.name, line.text, read_before=True)
        self.beat_start = len(backlog) - len(lines)
        if lines:
            self.live_entry = len(backlog) - 1
        self.typewriter.show_last_line_whole()
        self.runner.set_line(self.typewriter.index)
        self.reading.review = None
        self.line_read = True
        self.scenery.show(self._picture(self.typewriter.index), instant=True)
        self._announce_choices()

    def _picture(self, index: int) -> Picture:
        scenario = self.session.scenario
        figures = stage_figures(scenario, self.view, index)
        background = scenario.background_path(stage_background(self.view, index))
        return Picture(background, figures, choosing=self.choosing)

    @property
    def _instant(self) -> bool:
        return self.app.settings.reduced_motion or self.fade > 0 or self.reading.skipping

    def _start_line(self, index: int) -> None:
        self.runner.set_line(index)
        line = self.typewriter.show(index, self.app.settings.chars_per_second)
        self.reading.review = None
        self.scenery.show(self._picture(index), self._instant)
        if line is None:
            self._announce_choices()
            return
        key = line_key(self.view.node_id, line)
        self.line_read = key in self.read_log
        self.read_log.mark(key)
        self.session.log_line(line.name, line.text, self.line_read)
        self.live_entry = len(self.session.backlog) - 1
        self.app.voice.say(f"{line.name}: {line.text}" if line.name else line.text)
        if self.reading.skipping:
            self.typewriter.finish()
        elif line.is_reaction and not self.app.settings.reduced_motion and self.fade <= 0:
            self.react = REACT_S
        if self.typewriter.done:
            self._announce_choices()

    def _announce_choices(self) -> None:
        if self.choosing and not self.choices_announced:
            self.choices_announced = True
            self.scenery.show(self._picture(self.typewriter.index), self._instant)
            self.reading.choices_appeared()
            self.app.voice.say(spoken_choices(self.view.choices))

    # -- reading on --------------------------------------------------------------------------
    def proceed(self) -> None:
        """Complete the line, else go to the next line, next node or the ending."""
        if not self.typewriter.done:
            self.typewriter.finish()
            self._announce_choices()
        elif not self.typewriter.at_last_line:
            self._start_line(self.typewriter.index + 1)
            self._autosave()
        elif self.view.choices:
            return
        elif self.view.can_advance:
            self.runner.advance()
            self._load_view()
            self._autosave()
        elif self.view.ending is not None:
            self.reading.stop_skipping()
            self.app.push("ending", session=self.session)

    # -- choosing ----------------------------------------------------------------------------
    def choose(self, index: int) -> bool:
        """Pick choice index (0-based); a locked choice shakes and says its hint."""
        if not self.choosing or not 0 <= index < len(self.view.choices):
            return False
        choice = self.view.choices[index]
        if not choice.available:
            self.choices.focus = index
            self.shake = 0.0 if self.app.settings.reduced_motion else SHAKE_S
            self.app.toast(choice.locked_hint or "This choice is locked")
            return False
        self.runner.choose(index)
        self._load_view()
        self._autosave()
        return True

    def take_choice(self, index: int) -> bool:
        """Pick a choice by input; ignored just after the choices appear or when looking back."""
        if self.reading.guarded or self.reading.reviewing:
            return False
        return self.choose(index)

    @property
    def choice_focus(self) -> int:
        """The highlighted choice (0-based), or -1 while none is."""
        return self.choices.focus

    def focus_choice(self, index: int, speak: bool) -> None:
        """Highlight a choice (wrapping around), scroll it into view; say it when speak."""
        self.choices.highlight(index, self.choice_layout(self.app.painter))
        if speak:
            choice = self.view.choices[self.choices.focus]
            locked = "" if choice.available else f" (locked: {choice.locked_hint})"
            self.app.voice.say(f"{choice.number}: {choice.text}{locked}")

    def move_focus(self, step: int) -> None:
        """Move the highlight by step; from none, to the first (or last) choice."""
        if self.view.choices:
            self.focus_choice(self.choices.step_from(step, len(self.view.choices)), speak=True)

    def choice_layout(self, painter: Painter) -> stage.ChoiceLayout:
        """Where the choices go and at what text size."""
        return self.choices.layout(painter, self.view, self.line)

    def choice_rects(self) -> tuple[FRect, ...]:
        """The on-screen rectangles of the choices (logical coordinates, scrolled)."""
        return self.choices.rects(self.choice_layout(self.app.painter))

    def choice_at(self, logical: tuple[float, float]) -> int | None:
        """The choice under a logical point (only its visible part counts)."""
        return self.choices.at(self.choice_layout(self.app.painter), logical)

    def scroll_choices(self, amount: float) -> bool:
        """Scroll an overflowing choice list when the pointer is over it."""
        return self.choices.scroll(self.choice_layout(self.app.painter), amount, self.pointer)

    def show_choosing(self) -> None:
        """Jump to the beat's last line, fully revealed, with no fade (storyboards, tests)."""
        self.typewriter.show_last_line_whole()
        self.scenery.show(self._picture(self.typewriter.index), instant=True)
        self.fade = self.react = 0.0

    def rewind(self) -> bool:
        """Take back the last choice (practice mode only), back at its choices."""
        if self.session.mode != "practice":
            self.app.toast("Rewind is off in assessment mode")
            return False
        if not self.session.rewind():
            self.app.toast("Nothing to take back yet")
            return False
        self.reading.stop_skipping()
        self._load_view(fade=True, at_choices=True)
        self._autosave()
        self.app.toast("Took back your last choice")
        return True

    # -- saving (the rest: ``saving``) -------------------------------------------------------
    def thumbnail(self) -> pygame.Surface:
        """Render the stage (without menus) as a small picture for save slots."""
        return self.app.render_offscreen(self, saves.THUMB_SIZE)

    # -- other screens -----------------------------------------------------------------------
    def open_pause(self) -> None:
        """Open the Esc menu; it may ask for the history on its way out."""
        self.app.push(
            "pause", session=self.session, thumbnail=self.thumbnail, on_dismiss=self._after_pause
        )

    def _after_pause(self, wanted: str | None) -> None:
        if wanted == "history":
            self.open_history()

    def open_history(self) -> None:
        """Open the scrollable backlog."""
        self.app.push("history", session=self.session)

    def enter(self) -> None:
        """Coming back from a menu: settings may have changed the text speed."""
        self.covered = False
        if self.app.settings.chars_per_second <= 0:
            self.typewriter.finish()
            self._announce_choices()
        self.quick.build(self.app.painter, drawing.menu_entries(self))

    def exit(self) -> None:
        """Covered by a menu or closed: skipping and Ctrl stop, read lines are written."""
        self.covered = True
        self.reading.stop_skipping()
        self.read_log.save()

    # -- input -------------------------------------------------------------------------------
    def handle_event(self, event: pygame.event.Event) -> None:
        """Keyboard and mouse: see the key hints drawn on screen and ``controls``."""
        logical = self.app.logical(event)
        self.quick.build(self.app.painter, drawing.menu_entries(self))
        hidden = self.reading.hidden
        if logical is not None and not hidden and self.quick.handle_mouse(event, logical):
            return
        if not hidden and self.designer.handle_event(event, logical):
            return
        controls.handle_event(self, event, logical)

    def interactive_rects(self, painter: Painter) -> Sequence[FRect]:
        """The choices (while choosing), the quick menu and the designer panel."""
        rects = list(self.designer.interactive_rects(painter))
        if not self.reading.hidden:
            rects += [button.rect for button in self.quick.group.buttons]
        if self.choosing and not self.reading.reviewing and not self.reading.hidden:
            rects += self.choices.rects(self.choice_layout(painter))
        return rects

    # -- hot reload --------------------------------------------------------------------------
    def check_reload(self, force: bool = False) -> None:
        """Reload the scenario when its file changed (or now, with force), keeping the place."""
        hot = self.hot_reload
        if hot.watcher is None:
            if force:
                self.app.toast("This scenario has no file to reload")
            return
        problems = hot.problems
        edited = hot.check(force)
        if hot.problems != problems:
            self.app.dirty = True
        if edited is None:
            return
        self.app.dirty = True
        if not self.session.reload(edited):
            hot.node_gone(self.view.node_id)
            return
        hot.problems = ()
        self.reshow()
        self.app.toast(f"Reloaded {hot.watcher.path.name}")

    def reshow(self) -> None:
        """Work out what is shown again (an edit, a meter set by hand), keeping the line."""
        keep_line = self.typewriter.index
        self._load_view()
        if 0 < keep_line < len(self.view.lines):
            self._start_line(keep_line)

    def restart_at(self, state: GameState) -> None:
        """Play on from ``state`` (designer mode's jump): a new run begins there."""
        self.reading.stop_skipping()
        self.runner.state = state
        self.session.backlog.clear()
        self._load_view(fade=True)
        self._autosave()

    def hide_problems(self) -> None:
        """Hide the hot-reload problems panel (it comes back with the next broken edit)."""
        self.hot_reload.problems = ()

    # -- frame -------------------------------------------------------------------------------
    def update(self, dt: float) -> bool:
        """Typewriter, dissolves, fades, reading controls; hot reload polling."""
        self.check_reload()
        self.designer.update()
        animating = not self.typewriter.done
        if self.typewriter.tick(dt, self.app.settings.chars_per_second):
            self._announce_choices()
        for name in ("fade", "react", "shake"):
            value = getattr(self, name)
            if value > 0:
                setattr(self, name, max(0.0, value - dt))
                animating = True
        animating = self.scenery.update(dt) or animating
        self._read_on(dt)
        return animating or self.reading.busy

    def draw(self, painter: Painter) -> None:
        """Scenery, dialogue, choices, quick menu and status (see ``drawing``)."""
        drawing.draw_play(self, painter)
