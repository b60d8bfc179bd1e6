"""The play screen: stage, typewriter dialogue, choices, quick menu, rewind and autosave."""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from roleplay.gui import stage
from roleplay.gui.painter import LOGICAL_W, FRect, Painter
from roleplay.gui.scene import Scene
from roleplay.gui.widgets import Button, FocusGroup, draw_button
from roleplay.learner.desktop import progress, saves
from roleplay.learner.desktop.scenes.common import FULL, draw_gradient, open_saves, open_settings

if TYPE_CHECKING:
    from roleplay import Line, View
    from roleplay.gui.app import App
    from roleplay.learner.desktop.session import Session

FADE_S = 0.3
REACT_S = 0.5
SHAKE_S = 0.35
NUMBER_KEYS = {getattr(pygame, f"K_{n}"): n for n in range(1, 10)}
NUMBER_KEYS.update({getattr(pygame, f"K_KP{n}"): n for n in range(1, 10)})
MODIFIERS = {
    pygame.K_LSHIFT,
    pygame.K_RSHIFT,
    pygame.K_LCTRL,
    pygame.K_RCTRL,
    pygame.K_LALT,
    pygame.K_RALT,
    pygame.K_LGUI,
    pygame.K_RGUI,
    pygame.K_CAPSLOCK,
    pygame.K_NUMLOCK,
    pygame.K_TAB,
    pygame.K_F11,
    pygame.K_F12,
}


def start_session(app: App, session: Session) -> None:
    """Replace everything with the title + play scene for a session."""
    from roleplay.learner.desktop.scenes.title import TitleScene

    app.reset(TitleScene(app))
    app.push(PlayScene(app, session))


def resume_save(app: App, path: Path) -> bool:
    """Load a save file and start playing it; shows a notice and returns False on failure."""
    from roleplay import SaveError, read_save_info
    from roleplay.learner.desktop.scenes.library import shared_library
    from roleplay.learner.desktop.session import Session

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


class PlayScene(Scene):
    """Shows one beat at a time: lines with a typewriter, then choices or continue."""

    full_bleed = True

    def __init__(self, app: App, session: Session) -> None:
        """Play session from its current node."""
        super().__init__(app)
        self.session = session
        self.view: View = session.runner.view()
        self.line_index = 0
        self.revealed = 0.0
        self.fade = 0.0
        self.react = 0.0
        self.shake = 0.0
        self.choice_focus = 0
        self.choices_announced = False
        self.quick = FocusGroup()
        self._layer: tuple[object, pygame.Surface] | None = None
        self._background: Path | None = None
        self._portrait: Path | None = None
        self.reload_problems: tuple[str, ...] = ()
        self.watcher = self._make_watcher()
        resume_at = session.runner.state.line
        self._load_view(fade=True)
        if 0 < resume_at < len(self.view.lines):
            self.line_index = resume_at
            self._start_line()

    # -- state changes -----------------------------------------------------------------------
    @property
    def runner(self):  # type: ignore[no-untyped-def]
        """The engine runner being played."""
        return self.session.runner

    @property
    def line(self) -> Line | None:
        """The line being shown, or None when the node has no lines."""
        lines = self.view.lines
        return lines[self.line_index] if self.line_index < len(lines) else None

    @property
    def line_done(self) -> bool:
        """True when the current line is fully revealed."""
        line = self.line
        return line is None or self.revealed >= len(line.text)

    @property
    def at_last_line(self) -> bool:
        """True on the node's last line (or when it has none)."""
        return self.line_index >= len(self.view.lines) - 1

    @property
    def choosing(self) -> bool:
        """True when the choices are shown and waiting for the player."""
        return bool(self.view.choices) and self.at_last_line and self.line_done

    def _load_view(self, fade: bool = False) -> None:
        old_background = self.view.background
        self.view = self.runner.view()
        self._background = self.session.scenario.background_path(self.view.background)
        self.line_index = 0
        self.choice_focus = self._first_available()
        self.choices_announced = False
        if fade or self.view.background != old_background:
            self.fade = 0.0 if self.app.settings.reduced_motion else FADE_S
        if self.view.ending is not None:
            progress.record_ending(self.session.scenario.id, self.view.ending.id)
        self._prepare_images()
        self._start_line()

    def _prepare_images(self) -> None:
        """Rasterise this beat's background and portraits now, not in the middle of a line."""
        painter = self.app.painter
        scenario = self.session.scenario
        painter.warm(self._background, FULL, "cover")
        for line in self.view.lines:
            if line.speaker:
                painter.warm(
                    scenario.portrait_path(line.speaker, line.expression),
                    stage.PORTRAIT_BOX,
                    "contain",
                )

    def _first_available(self) -> int:
        for index, choice in enumerate(self.view.choices):
            if choice.available:
                return index
        return 0

    def _start_line(self) -> None:
        self.runner.set_line(self.line_index)
        line = self.line
        self._portrait = None
        if line is not None and line.speaker:
            self._portrait = self.session.scenario.portrait_path(line.speaker, line.expression)
        self.revealed = 0.0 if self.app.settings.chars_per_second > 0 else math.inf
        if line is None:
            self._announce_choices()
            return
        self.session.log_line(line.name, line.text)
        self.app.voice.say(f"{line.name}: {line.text}" if line.name else line.text)
        if line.is_reaction and not self.app.settings.reduced_motion and self.fade <= 0:
            self.react = REACT_S
        if self.revealed == math.inf:
            self._announce_choices()

    def _announce_choices(self) -> None:
        if self.choosing and not self.choices_announced:
            self.choices_announced = True
            spoken = ". ".join(
                f"{c.number}: {c.text}" + ("" if c.available else f" (locked: {c.locked_hint})")
                for c in self.view.choices
            )
            self.app.voice.say(f"Choices. {spoken}")

    def proceed(self) -> None:
        """Complete the line, else go to the next line, next node or the ending."""
        if not self.line_done:
            self.revealed = math.inf
            self._announce_choices()
            return
        if not self.at_last_line:
            self.line_index += 1
            self._start_line()
            self._autosave()
            return
        if self.view.choices:
            return
        if self.view.can_advance:
            self.runner.advance()
            self._load_view()
            self._autosave()
        elif self.view.ending is not None:
            from roleplay.learner.desktop.scenes.ending import EndingScene

            self.app.push(EndingScene(self.app, self.session))

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
        self.session.log_choice(choice.text)
        self.runner.choose(index)
        self._load_view()
        self._autosave()
        return True

    def show_choosing(self) -> None:
        """Jump to the beat's last line, fully revealed, with no fade (storyboards, tests)."""
        self.line_index = max(len(self.view.lines) - 1, 0)
        self.revealed = math.inf
        self.fade = 0.0
        self.react = 0.0

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

    # -- input -------------------------------------------------------------------------------
    def handle_event(self, event: pygame.event.Event) -> None:
        """Keyboard and mouse: see the key hints drawn on screen."""
        logical = self.app.logical(event)
        self._build_quick_menu()
        if event.type in (pygame.MOUSEBUTTONUP, pygame.MOUSEMOTION) and logical is not None:
            hit = self.quick.hit(logical)
            self.quick.focus = hit if hit is not None else -1
            if hit is not None:
                if event.type == pygame.MOUSEBUTTONUP and event.button == 1:
                    self.quick.buttons[hit].activate()
                return
        if event.type == pygame.KEYDOWN:
            self._handle_key(event)
        elif event.type == pygame.MOUSEWHEEL and event.y > 0:
            self.open_history()
        elif self.choosing and logical is not None:
            self._handle_choice_mouse(event, logical)
        elif event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            self.proceed()

    def _handle_key(self, event: pygame.event.Event) -> None:
        key = event.key
        if key == pygame.K_F5:
            self.check_reload(force=True)
        elif self.reload_problems and key == pygame.K_ESCAPE:
            self.reload_problems = ()
        elif key == pygame.K_ESCAPE:
            self.open_pause()
        elif key == pygame.K_BACKSPACE:
            self.rewind()
        elif key == pygame.K_h:
            self.open_history()
        elif self.choosing:
            self._handle_choice_key(key)
        elif key not in MODIFIERS:
            self.proceed()

    def _handle_choice_key(self, key: int) -> None:
        count = len(self.view.choices)
        if key in NUMBER_KEYS:
            self.choose(NUMBER_KEYS[key] - 1)
        elif key in (pygame.K_UP, pygame.K_LEFT):
            self.choice_focus = (self.choice_focus - 1) % count
            self._say_focused()
        elif key in (pygame.K_DOWN, pygame.K_RIGHT):
            self.choice_focus = (self.choice_focus + 1) % count
            self._say_focused()
        elif key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            self.choose(self.choice_focus)

    def _say_focused(self) -> None:
        choice = self.view.choices[self.choice_focus]
        locked = "" if choice.available else f" (locked: {choice.locked_hint})"
        self.app.voice.say(f"{choice.number}: {choice.text}{locked}")

    def _handle_choice_mouse(self, event: pygame.event.Event, logical: tuple[float, float]) -> None:
        for index, rect in enumerate(self.choice_rects()):
            if rect.collidepoint(logical):
                if event.type == pygame.MOUSEMOTION:
                    self.choice_focus = index
                elif event.type == pygame.MOUSEBUTTONUP and event.button == 1:
                    self.choose(index)
                return

    def choice_rects(self) -> tuple[FRect, ...]:
        """The on-screen rectangles of the choices (logical coordinates)."""
        return self._choice_layout(self.app.painter).rects

    def _choice_layout(self, painter: Painter) -> stage.ChoiceLayout:
        line = self.line
        box = stage.dialogue_box(painter, line.text if line else "")
        return stage.layout_choices(painter, self.view.choices, box.top - 30)

    # -- menus -------------------------------------------------------------------------------
    def _build_quick_menu(self) -> None:
        entries = [
            ("History", self.open_history),
            ("Save", lambda: open_saves(self.app, True)),
            ("Load", lambda: open_saves(self.app, False)),
            ("Settings", lambda: open_settings(self.app)),
            ("Menu", self.open_pause),
        ]
        if self.session.mode == "practice":
            entries.insert(0, ("Rewind", self.rewind))
        buttons, right = [], LOGICAL_W - 24
        for label, action in reversed(entries):
            width = self.app.painter.text_width(label, 15, "bold") + 26
            right -= width
            buttons.insert(
                0,
                Button(
                    label,
                    FRect(right, 18, width, 34),
                    action,
                    size=15,
                    style="quiet",
                    key=label.lower(),
                ),
            )
            right -= 8
        focus = self.quick.focus if self.quick.buttons else -1
        self.quick.buttons = buttons
        self.quick.focus = focus

    def open_pause(self) -> None:
        """Open the Esc menu."""
        from roleplay.learner.desktop.scenes.pause import PauseScene

        self.app.push(PauseScene(self.app, self))

    def open_history(self) -> None:
        """Open the scrollable backlog."""
        from roleplay.learner.desktop.scenes.history import HistoryScene

        self.app.push(HistoryScene(self.app, self.session))

    def enter(self) -> None:
        """Coming back from a menu: settings may have changed the text speed."""
        if self.app.settings.chars_per_second <= 0:
            self.revealed = math.inf
        self._build_quick_menu()

    # -- hot reload --------------------------------------------------------------------------
    def _make_watcher(self):  # type: ignore[no-untyped-def]
        path = self.session.scenario.path
        if path is None or not path.is_file():
            return None
        from roleplay.engine._watch import ScenarioWatcher

        return ScenarioWatcher(path)

    def check_reload(self, force: bool = False) -> None:
        """Reload the scenario when its file changed (or now, with force), keeping the place."""
        if self.watcher is None:
            if force:
                self.app.toast("This scenario has no file to reload")
            return
        result = self.watcher.check() if force else self.watcher.poll()
        if result is None:
            return
        self.app.dirty = True
        if not result.ok:
            self.reload_problems = tuple(
                d.format() for d in result.diagnostics if d.severity == "error"
            )
            return
        keep_line = self.line_index
        if not self.session.reload(result.scenario):
            node = self.runner.state.node
            self.reload_problems = (
                f"The scene '{node}' you are in no longer exists in the edited scenario. "
                "Go back to the library and start again, or restore the node.",
            )
            return
        self.reload_problems = ()
        self._load_view()
        if 0 < keep_line < len(self.view.lines):
            self.line_index = keep_line
            self._start_line()
        self.app.toast(f"Reloaded {self.watcher.path.name}")

    def _draw_reload_problems(self, painter: Painter) -> None:
        theme = painter.theme
        shown = self.reload_problems[:6]
        more = len(self.reload_problems) - len(shown)
        text = "\n\n".join(shown) + (f"\n\n... and {more} more" if more else "")
        rect = FRect(80, 90, LOGICAL_W - 160, 10)
        rect.height = painter.text_height(text, 15, rect.width - 48) + 110
        painter.rect(rect, (*theme.panel_raised[:3], 245), radius=14)
        painter.rect(rect, (*theme.bad, 255), radius=14, width=2)
        painter.text(
            "The edited scenario has problems",
            (rect.left + 24, rect.top + 18),
            20,
            theme.text,
            "bold",
        )
        painter.paragraph(
            text,
            FRect(rect.left + 24, rect.top + 56, rect.width - 48, rect.height - 96),
            15,
            theme.text_muted,
        )
        painter.text(
            "Fix the file and save: it reloads by itself.  F5 check now  ·  Esc hide",
            (rect.left + 24, rect.bottom - 32),
            14,
            theme.accent,
            "bold",
        )

    # -- frame -------------------------------------------------------------------------------
    def update(self, dt: float) -> bool:
        """Typewriter, fade, reaction bounce, locked-choice shake; hot reload polling."""
        self.check_reload()
        animating = False
        if not self.line_done:
            self.revealed += dt * self.app.settings.chars_per_second
            animating = True
            if self.line_done:
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
            self._draw_stage(painter, math.inf if painter.thumbnail else self.revealed)
            return
        key = (
            painter.surface.get_size(),
            painter.viewport,
            painter.theme.name,
            painter.text_scale,
            id(self.view),
            self.line_index,
            self.choosing,
            self.line_done,
            self.choice_focus,
            self.quick.focus,
            len(self.quick.buttons),
        )
        if self._layer is None or self._layer[0] != key:
            layer = pygame.Surface(painter.surface.get_size())
            layer_painter = Painter(
                layer, painter.viewport, painter.res, painter.theme, painter.text_scale
            )
            layer_painter.clear()
            self._draw_stage(layer_painter, 0.0, fade=False)
            self._layer = (key, layer)
        painter.surface.blit(self._layer[1], (0, 0))
        line = self.line
        if line is not None:
            stage.draw_dialogue_text(
                painter, line, self.revealed, stage.dialogue_box(painter, line.text)
            )
        if self.fade > 0:
            painter.veil(painter.theme.backdrop, round(255 * self.fade / FADE_S))
        if self.reload_problems and not painter.thumbnail:
            self._draw_reload_problems(painter)

    def _draw_stage(self, painter: Painter, revealed: float, fade: bool = True) -> None:
        if not painter.image(self._background, FULL, fit="cover", anchor="center"):
            draw_gradient(painter)
        line = self.line
        if line is not None and line.speaker:
            lift = 14 * math.sin(math.pi * self.react / REACT_S) if self.react else 0.0
            stage.draw_portrait(painter, self._portrait, line.name or "", lift)
        self._draw_dialogue(painter, line, revealed)
        if not painter.thumbnail:
            self._draw_chrome(painter)
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

    def _draw_chrome(self, painter: Painter) -> None:
        theme = painter.theme
        practice = self.session.mode == "practice"
        label = "Practice" if practice else "Assessment"
        width = painter.text_width(label, 14, "bold") + 28
        badge = FRect(24, 18, width, 34)
        painter.rect(badge, theme.panel, radius=17)
        painter.text(
            label,
            badge.center,
            14,
            theme.accent if practice else theme.text,
            "bold",
            anchor="center",
        )
        if self.view.discussion and self.choosing:
            self._draw_discussion(painter, self.view.discussion)
        for index, button in enumerate(self.quick.buttons):
            draw_button(painter, button, index == self.quick.focus)

    def _draw_discussion(self, painter: Painter, text: str) -> None:
        theme = painter.theme
        rect = FRect(24, 66, 500, 10)
        height = painter.text_height(text, 15, rect.width - 32, "italic") + 44
        rect.height = height
        painter.rect(rect, theme.panel, radius=12)
        painter.text("Think about it", (rect.left + 16, rect.top + 10), 13, theme.accent, "bold")
        painter.paragraph(
            text,
            FRect(rect.left + 16, rect.top + 32, rect.width - 32, height),
            15,
            theme.text_muted,
            "italic",
        )
