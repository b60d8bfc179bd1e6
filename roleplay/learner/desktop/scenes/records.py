"""Learning records: the LRS that solo play sends xAPI statements to, and whether it does.

Four fields (address, user name, password, the learner's account name) and an on/off switch.
A field is checked and saved when the learner leaves it; a problem is shown under the field it
is about, and sending stays off (or pauses) until it is fixed. "Test connection" asks the LRS
in a background thread, so the screen never freezes. Fields an organisation pre-set with an
environment variable are shown locked.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

import pygame

from roleplay.gui.chrome import draw_backdrop, draw_key_hints
from roleplay.gui.painter import LOGICAL_W, FRect, Painter
from roleplay.gui.records_settings import (
    RecordsSetup,
    endpoint_problem,
    records_setup,
    store_password,
)
from roleplay.gui.scene import Scene
from roleplay.gui.textfield import TextField, draw_text_field
from roleplay.gui.widgets import Button, draw_button, draw_title
from roleplay.learner.desktop.records import solo_records

if TYPE_CHECKING:
    from roleplay.gui.app import App

LEFT = 160
WIDTH = LOGICAL_W - 320
FIELD_H = 44
SWITCH_TOP = 128
FIELDS_TOP = 236
FIELD_STEP = 92
TEST_TIMEOUT = 5.0
#: (key, label, placeholder, secret)
FIELDS = (
    ("endpoint", "LRS address", "https://lrs.example.org/xAPI", False),
    ("user", "LRS user name", "the user your LRS administrator gave you", False),
    ("password", "LRS password", "kept apart from the settings file", True),
    ("account", "Your account name", "how your organisation's system knows you", False),
)


class RecordsScene(Scene):
    """The learning-record settings (pushed from Settings; dismisses with nothing)."""

    def __init__(self, app: App) -> None:
        """Build the switch, the four fields and the buttons from the settings in force."""
        super().__init__(app)
        setup = records_setup(app.settings.records)
        self.enabled = setup.enabled
        self.fields = _fields(setup)
        buttons_top = FIELDS_TOP + len(FIELDS) * FIELD_STEP + 6
        self.switch = Button(
            "Send learning records", FRect(LEFT, SWITCH_TOP, WIDTH, 60), self.toggle, key="enabled"
        )
        self.test_button = Button(
            "Test connection", FRect(LEFT, buttons_top, 240, 46), self.test_connection, key="test"
        )
        self.back = Button(
            "Back",
            FRect(LEFT + 260, buttons_top, 160, 46),
            self.dismiss,
            style="primary",
            key="back",
        )
        self.order: list[TextField | Button] = [
            self.switch,
            *self.fields,
            self.test_button,
            self.back,
        ]
        self.focus = 0
        self.message = ""  # the outcome of the last test or toggle
        self.message_ok = True
        self._test: _ConnectionTest | None = None

    # --- state ----------------------------------------------------------------------------
    @property
    def focused(self) -> TextField | Button:
        """The widget with the keyboard focus."""
        return self.order[self.focus]

    def field(self, key: str) -> TextField:
        """The field for one setting."""
        return next(f for f in self.fields if f.key == key)

    def current_setup(self) -> RecordsSetup:
        """The settings in force as saved."""
        return records_setup(self.app.settings.records)

    def commit(self) -> None:
        """Save what the fields hold (the password apart) and show what is wrong, by field."""
        records = self.app.settings.records
        for field in self.fields:
            if field.locked:
                continue
            if field.key == "password":
                if field.text != self.current_setup().password:
                    store_password(field.text)
            else:
                setattr(records, field.key, field.text.strip())
        self.app.apply_settings()
        self._show_problems(self.current_setup(), only_filled=not self.enabled)
        solo_records(self.app).configure(self.current_setup())

    def _show_problems(self, setup: RecordsSetup, *, only_filled: bool) -> None:
        problems = setup.problems()
        for field in self.fields:
            text = problems.get(field.key, "")
            field.error = "" if only_filled and not field.text else text

    def toggle(self) -> None:
        """Switch sending on (when every field is usable) or off."""
        self.commit()
        setup = self.current_setup()
        if not self.enabled and setup.problems():
            self._show_problems(setup, only_filled=False)
            self._say("Sending stays off: fix the fields marked below.", ok=False)
            return
        self.enabled = not self.enabled
        self.app.settings.records.enabled = self.enabled
        self.commit()
        self._say("Sending is on." if self.enabled else "Sending is off.", ok=True)

    def test_connection(self) -> None:
        """Ask the LRS, in the background, whether it answers and takes these credentials."""
        self.commit()
        setup = self.current_setup()
        problem = endpoint_problem(setup.endpoint)
        if problem:
            self.field("endpoint").error = problem
            self._say("Fix the address first.", ok=False)
            return
        if self._test is not None and not self._test.done.is_set():
            return
        self._test = _ConnectionTest(setup)
        self._say(f"Contacting {setup.endpoint} …", ok=True)

    def _say(self, text: str, *, ok: bool) -> None:
        self.message, self.message_ok = text, ok
        self.app.voice.say(text)

    # --- input ----------------------------------------------------------------------------
    def move_focus(self, step: int) -> None:
        """Move the focus (saving the field left)."""
        if isinstance(self.focused, TextField):
            self.commit()
        self.focus = (self.focus + step) % len(self.order)
        widget = self.focused
        label = widget.label
        self.app.voice.say(
            f"{label}: {widget.text if not widget.secret else 'hidden'}"
            if isinstance(widget, TextField)
            else label
        )

    def handle_event(self, event: pygame.event.Event) -> None:
        """Tab/Up/Down move, Enter acts, typing edits the focused field, Esc saves and goes back."""
        if event.type == pygame.KEYDOWN and self._handle_key(event):
            return
        focused = self.focused
        if isinstance(focused, TextField) and focused.handle(event):
            return
        logical = self.app.logical(event)
        if event.type == pygame.MOUSEBUTTONUP and event.button == 1 and logical is not None:
            self._click(logical)

    def _handle_key(self, event: pygame.event.Event) -> bool:
        key = event.key
        if key == pygame.K_ESCAPE:
            self.leave()
        elif key == pygame.K_TAB:
            self.move_focus(-1 if event.mod & pygame.KMOD_SHIFT else 1)
        elif key in (pygame.K_UP, pygame.K_DOWN):
            self.move_focus(-1 if key == pygame.K_UP else 1)
        elif key in (pygame.K_RETURN, pygame.K_KP_ENTER) or (
            key == pygame.K_SPACE and isinstance(self.focused, Button)
        ):
            self._activate()
        else:
            return False
        return True

    def _activate(self) -> None:
        focused = self.focused
        if isinstance(focused, TextField):
            self.move_focus(1)
        elif focused is self.back:
            self.leave()
        else:
            focused.activate()

    def _click(self, logical: tuple[float, float]) -> None:
        for index, widget in enumerate(self.order):
            if not widget.rect.collidepoint(logical):
                continue
            if index != self.focus:
                if isinstance(self.focused, TextField):
                    self.commit()
                self.focus = index
            if isinstance(widget, TextField):
                widget.place_caret(logical[0], self._measure)
            else:
                self._activate()
            return

    def _measure(self, text: str) -> float:
        from roleplay.gui.textfield import TEXT_SIZE

        return self.app.painter.text_width(text, TEXT_SIZE)

    def leave(self) -> None:
        """Save and go back to Settings."""
        self.commit()
        self.dismiss()

    def update(self, dt: float) -> bool:
        """Pick up the outcome of a connection test (polled while it runs)."""
        test = self._test
        if test is not None and test.done.is_set():
            self._test = None
            self._say(test.message, ok=test.ok)
            self.app.dirty = True
        return self._test is not None

    # --- drawing --------------------------------------------------------------------------
    def draw(self, painter: Painter) -> None:
        """The switch, the fields, the buttons, the outcome line and the sending status."""
        draw_backdrop(painter, "title", dim=215)
        draw_title(
            painter,
            "Learning records",
            "Send your solo runs to your organisation's learning record store (xAPI).",
        )
        self._draw_switch(painter)
        for field in self.fields:
            draw_text_field(painter, field, field is self.focused)
            if field.locked:
                painter.text(
                    "set by your organisation",
                    (field.rect.right, field.rect.top - 22),
                    14,
                    painter.theme.text_muted,
                    anchor="topright",
                )
        draw_button(painter, self.test_button, self.focused is self.test_button)
        draw_button(painter, self.back, self.focused is self.back)
        self._draw_status(painter)
        draw_key_hints(
            painter,
            "Tab/Up/Down move   ·   type to edit   ·   Enter next or act   ·   Esc save and back",
        )

    def _draw_switch(self, painter: Painter) -> None:
        theme = painter.theme
        rect = self.switch.rect
        focused = self.focused is self.switch
        painter.rect(rect, theme.panel_raised if focused else theme.panel, radius=12)
        if focused:
            painter.rect(rect.inflate(6, 6), (*theme.focus, 255), radius=15, width=2.5)
        painter.text(self.switch.label, (rect.left + 24, rect.top + 8), 20, theme.text, "bold")
        painter.text(
            solo_records(self.app).summary(), (rect.left + 24, rect.top + 35), 14, theme.text_muted
        )
        track = FRect(rect.right - 90, rect.centery - 15, 64, 30)
        painter.rect(
            track, (*(theme.accent if self.enabled else theme.text_disabled), 255), radius=15
        )
        knob = track.right - 15 if self.enabled else track.left + 15
        painter.circle(
            (knob, track.centery), 11, theme.accent_text if self.enabled else theme.backdrop
        )
        painter.text(
            "On" if self.enabled else "Off",
            (track.left - 14, track.centery),
            16,
            theme.text,
            "bold",
            anchor="midright",
        )

    def _draw_status(self, painter: Painter) -> None:
        theme = painter.theme
        top = self.back.rect.bottom + 14
        if self.message:
            color = theme.text if self.message_ok else theme.bad
            painter.text(self.message, (LEFT, top), 16, color, "bold")


def _fields(setup: RecordsSetup) -> list[TextField]:
    """One field per setting, filled with its value in force (locked when preset)."""
    fields = []
    for index, (key, label, hint, secret) in enumerate(FIELDS):
        rect = FRect(LEFT, FIELDS_TOP + index * FIELD_STEP, WIDTH, FIELD_H)
        field = TextField(label, rect, key=key, secret=secret, placeholder=hint)
        field.locked = key in setup.preset
        field.set_text(str(getattr(setup, key)))
        fields.append(field)
    return fields


class _ConnectionTest:
    """One "Test connection" running in its own thread; ``done`` is set when it has answered."""

    def __init__(self, setup: RecordsSetup) -> None:
        self.done = threading.Event()
        self.ok = False
        self.message = ""
        thread = threading.Thread(
            target=self._run, args=(setup,), name="roleplay-lrs-test", daemon=True
        )
        thread.start()

    def _run(self, setup: RecordsSetup) -> None:
        from roleplay.reports._lrs import LrsClient, check_connection

        try:
            client = LrsClient(setup.endpoint, setup.user, setup.password, timeout=TEST_TIMEOUT)
            outcome = check_connection(client)
            self.ok, self.message = outcome.ok, outcome.message
        except ValueError as problem:
            self.ok, self.message = False, str(problem)
        finally:
            self.done.set()
