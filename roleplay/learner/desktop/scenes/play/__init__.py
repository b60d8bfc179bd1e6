"""The play screen: stage, typewriter dialogue, choices, quick menu, rewind and autosave.

Its parts live beside it: ``typewriter`` (which line, how much typed), ``controls`` (keys and
mouse) and ``overlays`` (quick menu, mode badge, discussion prompt, hot-reload problems).
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from roleplay.gui import stage
from roleplay.gui.chrome import FULL, draw_gradient
from roleplay.gui.painter import Painter
from roleplay.gui.scene import Scene
from roleplay.learner.desktop import progress, saves
from roleplay.learner.desktop.scenes.play import controls, overlays
from roleplay.learner.desktop.scenes.play.typewriter import Typewriter

if TYPE_CHECKING:
    from roleplay import Line, Runner, View
    from roleplay.gui.app import App
    from roleplay.gui.painter import FRect
    from roleplay.learner.desktop.session import Session

FADE_S = 0.3
REACT_S = 0.5
SHAKE_S = 0.35


class PlayScene(Scene):
    """Shows one beat at a time: lines with a typewriter, then choices or continue."""

    full_bleed = True

    def __init__(self, app: App, session: Session) -> None:
        """Play session from its current node (and line, for a resumed save)."""
        super().__init__(app)
        self.session = session
        self.view: View = session.runner.view()
        self.typewriter = Typewriter()
        self.fade = self.react = self.shake = 0.0
        self.choice_focus = 0
        self.choices_announced = False
        self.quick = overlays.QuickMenu()
        self.hot_reload = overlays.HotReload(session.scenario)
        self._layer: tuple[object, pygame.Surface] | None = None
        self._background: Path | None = None
        self._portrait: Path | None = None
        session.runner.subscribe(ending_reached=self._ending_reached)
        resume_at = session.runner.state.line
        self._load_view(fade=True)
        if 0 < resume_at < len(self.view.lines):
            self._start_line(resume_at)

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

    def _load_view(self, fade: bool = False) -> None:
        old_background = self.view.background
        self.view = self.runner.view()
        self._background = self.session.scenario.background_path(self.view.background)
        self.typewriter.load(self.view.lines)
        self.choice_focus = self._first_available()
        self.choices_announced = False
        if fade or self.view.background != old_background:
            self.fade = 0.0 if self.app.settings.reduced_motion else FADE_S
        self._prepare_images()
        self._start_line(0)

    def _prepare_images(self) -> None:
        """Rasterise this beat's background and portraits now, not in the middle of a line."""
        painter = self.app.painter
        scenario = self.session.scenario
        painter.warm(self._background, FULL, "cover")
        for line in self.view.lines:
            if line.speaker:
                portrait = scenario.portrait_path(line.speaker, line.expression)
                painter.warm(portrait, stage.PORTRAIT_BOX, "contain")

    def _first_available(self) -> int:
        for index, choice in enumerate(self.view.choices):
            if choice.available:
                return index
        return 0

    def _start_line(self, index: int) -> None:
        self.runner.set_line(index)
        line = self.typewriter.show(index, self.app.settings.chars_per_second)
        self._portrait = None
        if line is not None and line.speaker:
            self._portrait = self.session.scenario.portrait_path(line.speaker, line.expression)
        if line is None:
            self._announce_choices()
            return
        self.session.log_line(line.name, line.text)
        self.app.voice.say(f"{line.name}: {line.text}" if line.name else line.text)
        if line.is_reaction and not self.app.settings.reduced_motion and self.fade <= 0:
            self.react = REACT_S
        if self.typewriter.done:
            self._announce_choices()

    def _announce_choices(self) -> None:
        if self.choosing and not self.choices_announced:
            self.choices_announced = True
            spoken = ". ".join(
                f"{c.number}: {c.text}" + ("" if c.available else f" (locked: {c.locked_hint})")
                for c in self.view.choices
            )
            self.app.voice.say(f"Choices. {spoken}")

    # -- actions -----------------------------------------------------------------------------
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
            self.app.push("ending", session=self.session)

    def choose(self, index: int) -> bool:
        """Pick choice index (0-based); a locked choice shakes and says its hint."""
        if not self.choosing or not 0 <= index < len(self.view.choices):
            return False
        choice = self.view.choices[index]
        self.choice_focus = index
        if not choice.available:
            self.shake = 0.0 if self.app.settings.reduced_motion else SHAKE_S
            self.app.toast(choice.locked_hint or "This choice is locked")
            return False
        self.runner.choose(index)
        self._load_view()
        self._autosave()
        return True

    def focus_choice(self, index: int, speak: bool) -> None:
        """Focus a choice (wrapping around); say it when speak."""
        self.choice_focus = index % len(self.view.choices)
        if speak:
            choice = self.view.choices[self.choice_focus]
            locked = "" if choice.available else f" (locked: {choice.locked_hint})"
            self.app.voice.say(f"{choice.number}: {choice.text}{locked}")

    def show_choosing(self) -> None:
        """Jump to the beat's last line, fully revealed, with no fade (storyboards, tests)."""
        self.typewriter.show_last_line_whole()
        self.fade = self.react = 0.0

    def rewind(self) -> bool:
        """Take back the last choice (practice mode only)."""
        if self.session.mode != "practice":
            self.app.toast("Rewind is off in assessment mode")
            return False
        if not self.session.rewind():
            self.app.toast("Nothing to take back yet")
            return False
        self._load_view(fade=True)
        self.app.toast("Took back your last choice")
        return True

    def _autosave(self) -> None:
        path = saves.autosave_path(self.session.scenario.id)
        try:
            saves.write_save(path, self.session, self.thumbnail(), label="Autosave")
        except OSError as exc:
            self.app.toast(f"Autosave failed: {exc}")

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

    def _open_saves(self, saving: bool) -> None:
        if saving:
            self.app.push("saves", saving=True, session=self.session, thumbnail=self.thumbnail)
        else:
            self.app.push("saves", saving=False)

    def _menu_entries(self) -> list[overlays.MenuEntry]:
        entries: list[overlays.MenuEntry] = [
            ("History", self.open_history),
            ("Save", lambda: self._open_saves(True)),
            ("Load", lambda: self._open_saves(False)),
            ("Settings", lambda: self.app.push("settings")),
            ("Menu", self.open_pause),
        ]
        if self.session.mode == "practice":
            entries.insert(0, ("Rewind", self.rewind))
        return entries

    def enter(self) -> None:
        """Coming back from a menu: settings may have changed the text speed."""
        if self.app.settings.chars_per_second <= 0:
            self.typewriter.finish()
        self.quick.build(self.app.painter, self._menu_entries())

    # -- input -------------------------------------------------------------------------------
    def handle_event(self, event: pygame.event.Event) -> None:
        """Keyboard and mouse: see the key hints drawn on screen and ``controls``."""
        logical = self.app.logical(event)
        self.quick.build(self.app.painter, self._menu_entries())
        if logical is not None and self.quick.handle_mouse(event, logical):
            return
        controls.handle_event(self, event, logical)

    def choice_rects(self) -> tuple[FRect, ...]:
        """The on-screen rectangles of the choices (logical coordinates)."""
        return self._choice_layout(self.app.painter).rects

    def _choice_layout(self, painter: Painter) -> stage.ChoiceLayout:
        line = self.line
        box = stage.dialogue_box(painter, line.text if line else "")
        return stage.layout_choices(painter, self.view.choices, box.top - 30)

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
        keep_line = self.typewriter.index
        if not self.session.reload(edited):
            hot.node_gone(self.view.node_id)
            return
        hot.problems = ()
        self._load_view()
        if 0 < keep_line < len(self.view.lines):
            self._start_line(keep_line)
        self.app.toast(f"Reloaded {hot.watcher.path.name}")

    def hide_problems(self) -> None:
        """Hide the hot-reload problems panel (it comes back with the next broken edit)."""
        self.hot_reload.problems = ()

    # -- frame -------------------------------------------------------------------------------
    def update(self, dt: float) -> bool:
        """Typewriter, fade, reaction bounce, locked-choice shake; hot reload polling."""
        self.check_reload()
        animating = not self.typewriter.done
        if self.typewriter.tick(dt, self.app.settings.chars_per_second):
            self._announce_choices()
        for name in ("fade", "react", "shake"):
            value = getattr(self, name)
            if value > 0:
                setattr(self, name, max(0.0, value - dt))
                animating = True
        return animating

    def draw(self, painter: Painter) -> None:
        """Background, portrait, dialogue, choices, quick menu and mode badge.

        While only the typewriter moves, everything but the dialogue text comes from a
        memoised picture of the stage (a pure cache: the same inputs give the same pixels).
        """
        if painter.thumbnail or self.react > 0 or self.shake > 0:
            self._draw_stage(painter, math.inf if painter.thumbnail else self.typewriter.revealed)
            return
        painter.surface.blit(self._stage_layer(painter), (0, 0))
        line = self.line
        if line is not None:
            box = stage.dialogue_box(painter, line.text)
            stage.draw_dialogue_text(painter, line, self.typewriter.revealed, box)
        if self.fade > 0:
            painter.veil(painter.theme.backdrop, round(255 * self.fade / FADE_S))
        self.hot_reload.draw(painter)

    def _stage_layer(self, painter: Painter) -> pygame.Surface:
        key = (
            painter.surface.get_size(),
            painter.viewport,
            painter.theme.name,
            painter.text_scale,
            id(self.view),
            self.typewriter.index,
            self.choosing,
            self.line_done,
            self.choice_focus,
            self.quick.state,
        )
        if self._layer is None or self._layer[0] != key:
            layer = pygame.Surface(painter.surface.get_size())
            layer_painter = Painter(
                layer, painter.viewport, painter.res, painter.theme, painter.text_scale
            )
            layer_painter.clear()
            self._draw_stage(layer_painter, 0.0, fade=False)
            self._layer = (key, layer)
        return self._layer[1]

    def _draw_stage(self, painter: Painter, revealed: float, fade: bool = True) -> None:
        if not painter.image(self._background, FULL, fit="cover", anchor="center"):
            draw_gradient(painter)
        line = self.line
        if line is not None and line.speaker:
            lift = 14 * math.sin(math.pi * self.react / REACT_S) if self.react else 0.0
            stage.draw_portrait(painter, self._portrait, line.name or "", lift)
        self._draw_dialogue(painter, line, revealed)
        if not painter.thumbnail:
            overlays.draw_mode_badge(painter, self.session.mode == "practice")
            if self.view.discussion and self.choosing:
                overlays.draw_discussion(painter, self.view.discussion)
            self.quick.draw(painter)
        if fade and self.fade > 0:
            painter.veil(painter.theme.backdrop, round(255 * self.fade / FADE_S))

    def _draw_dialogue(self, painter: Painter, line: Line | None, revealed: float) -> None:
        if line is None:
            return
        box = stage.dialogue_box(painter, line.text)
        stage.draw_dialogue(painter, line, revealed, box)
        if self.choosing and not painter.thumbnail:
            layout = self._choice_layout(painter)
            shake = 8 * math.sin(self.shake * 40) if self.shake else 0.0
            stage.draw_choices(painter, self.view.choices, layout, self.choice_focus, shake)
        elif self.line_done and not painter.thumbnail:
            stage.draw_more_marker(painter, box)
