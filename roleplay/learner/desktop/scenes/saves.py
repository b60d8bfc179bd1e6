"""Save / Load screen: 9 slots with thumbnail, scenario, scene and date; plus autosaves."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

import pygame

from roleplay.gui.chrome import draw_backdrop, draw_key_hints
from roleplay.gui.painter import LOGICAL_W, FRect, Painter
from roleplay.gui.scene import Scene
from roleplay.gui.widgets import Button, FocusGroup, draw_button, draw_title
from roleplay.learner.desktop import saves
from roleplay.learner.desktop.library import shared_library
from roleplay.learner.desktop.navigation import resume_save

if TYPE_CHECKING:
    from roleplay import SaveInfo
    from roleplay.gui.app import App
    from roleplay.learner.desktop.saves import Slot
    from roleplay.learner.desktop.session import Session

COLUMNS = 3
CARD_W = 368
CARD_H = 162
GAP_X = 24
GAP_Y = 18
GRID_LEFT = (LOGICAL_W - COLUMNS * CARD_W - (COLUMNS - 1) * GAP_X) / 2
GRID_TOP = 150
THUMB = (176, 99)


class SavesScene(Scene):
    """Pick a slot to save ``session`` into (saving=True) or a save to load."""

    def __init__(
        self,
        app: App,
        saving: bool,
        session: Session | None = None,
        thumbnail: Callable[[], pygame.Surface] | None = None,
    ) -> None:
        """Open in save mode (for session, pictured by thumbnail) or load mode."""
        super().__init__(app)
        self.saving = saving
        self.session = session
        self.thumbnail = thumbnail
        self.page = "slots"
        self.slots: list[Slot] = []
        self.grid = FocusGroup(on_focus=self._announce)
        self.tabs: list[Button] = []
        self._thumbs: dict[tuple[str, float, tuple[int, int]], pygame.Surface | None] = {}

    def enter(self) -> None:
        """Re-read the save folder (files may have changed)."""
        self._thumbs.clear()
        self.slots = saves.list_slots() if self.page == "slots" else saves.list_autosaves()[:9]
        buttons = []
        for index, slot in enumerate(self.slots):
            row, col = divmod(index, COLUMNS)
            rect = FRect(
                GRID_LEFT + col * (CARD_W + GAP_X),
                GRID_TOP + row * (CARD_H + GAP_Y),
                CARD_W,
                CARD_H,
            )
            enabled = self.saving or slot.info is not None
            buttons.append(
                Button(slot.title, rect, partial(self._pick, slot), enabled, key=slot.path.stem)
            )
        self.grid.set_buttons(buttons)
        self.tabs = []
        if not self.saving:
            for index, (key, label) in enumerate(
                (("slots", "Save slots"), ("autosaves", "Quick & auto"))
            ):
                rect = FRect(LOGICAL_W - 64 - (2 - index) * 170, 52, 160, 40)
                self.tabs.append(
                    Button(
                        label,
                        rect,
                        partial(self._switch, key),
                        style="primary" if key == self.page else "quiet",
                        size=16,
                        key=key,
                    )
                )

    def _switch(self, page: str) -> None:
        self.page = page
        self.grid.focus = 0
        self.enter()

    def _announce(self, button: Button) -> None:
        slot = self.slots[self.grid.focus]
        detail = slot.info.scenario_title if slot.info else slot.error or "empty"
        self.app.voice.say(f"{button.label}: {detail}")

    def _pick(self, slot: Slot) -> None:
        if not self.saving:
            if slot.info is not None:
                resume_save(self.app, slot.path)
        elif slot.empty:
            self._save(slot)
        else:
            self._confirm(f"Overwrite {slot.title}?", "Overwrite", lambda: self._save(slot))

    def _confirm(self, question: str, yes: str, action: Callable[[], None]) -> None:
        """Ask a yes/no question; act only when the dialog dismisses with True."""

        def answered(yes: bool) -> None:
            if yes:
                action()

        self.app.push("confirm", question=question, yes=yes, on_dismiss=answered)

    def _save(self, slot: Slot) -> None:
        if self.session is None:
            self.app.toast("Start a scenario first, then save")
            return
        if self.session.mode == "assessment":  # its one save is the autosave (see ``saves``)
            self.app.toast(saves.ONE_SAVE_PER_RUN)
            return
        picture = self.thumbnail() if self.thumbnail is not None else None
        try:
            saves.write_save(slot.path, self.session, picture, label=slot.title)
        except OSError as exc:
            self.app.toast(f"Could not save: {exc}")
            return
        self.app.toast(f"Saved to {slot.title}")
        self.enter()

    def _delete(self) -> None:
        slot = self.slots[self.grid.focus] if self.slots else None
        if slot is None or slot.empty:
            return

        def delete() -> None:
            saves.delete_slot(slot.path)
            self.enter()

        self._confirm(f"Delete {slot.title}?", "Delete", delete)

    def handle_event(self, event: pygame.event.Event) -> None:
        """Arrows move in the grid, Enter picks, Delete removes, Tab switches page, Esc back."""
        logical = self.app.logical(event)
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_ESCAPE:
                self.dismiss()
                return
            if event.key == pygame.K_DELETE:
                self._delete()
                return
            if event.key == pygame.K_TAB and self.tabs:
                self._switch("autosaves" if self.page == "slots" else "slots")
                return
            if event.key in (pygame.K_UP, pygame.K_DOWN):
                self._move_row(-1 if event.key == pygame.K_UP else 1)
                return
        if logical is not None and event.type == pygame.MOUSEBUTTONUP:
            for tab in self.tabs:
                if tab.rect.collidepoint(logical):
                    tab.activate()
                    return
        self.grid.handle(event, logical)

    def _move_row(self, step: int) -> None:
        target = self.grid.focus + step * COLUMNS
        if 0 <= target < len(self.grid.buttons):
            self.grid.focus = target
            self._announce(self.grid.buttons[target])

    def draw(self, painter: Painter) -> None:
        """Heading, tabs and the slot grid."""
        draw_backdrop(painter, "title", dim=215)
        if self.saving:
            draw_title(
                painter, "Save", "Pick a slot. Your progress is also autosaved after every choice."
            )
        else:
            draw_title(painter, "Load", "Pick a save to resume exactly where you were.")
        for tab in self.tabs:
            draw_button(painter, tab, False)
        for index, (slot, button) in enumerate(zip(self.slots, self.grid.buttons, strict=True)):
            self._draw_slot(painter, slot, button.rect, index == self.grid.focus)
        if not self.slots:
            painter.text(
                "No quick save or autosave yet.",
                (LOGICAL_W / 2, 330),
                20,
                painter.theme.text_muted,
                anchor="center",
            )
        hints = "Arrows move   ·   Enter " + ("save here" if self.saving else "load")
        tabs = "Tab quick & autosaves   ·   " if self.tabs else ""
        hints += "   ·   Delete removes   ·   " + tabs
        draw_key_hints(painter, hints + "Esc back")

    def _draw_slot(self, painter: Painter, slot: Slot, rect: FRect, focused: bool) -> None:
        theme = painter.theme
        usable = self.saving or slot.info is not None
        painter.rect(rect, theme.panel_raised if focused else theme.panel, radius=14)
        painter.rect(rect, theme.panel_border, radius=14, width=1)
        if focused:
            ring = theme.focus if usable else theme.text_disabled
            painter.rect(rect.inflate(8, 8), (*ring, 255), radius=17, width=2.5)
        if slot.empty:
            _draw_empty_slot(painter, slot.title, rect, self.saving)
            return
        thumb = FRect(rect.left + 14, rect.top + 14, *THUMB)
        self._draw_thumb(painter, slot, thumb)
        text = FRect(thumb.right + 14, rect.top, rect.right - thumb.right - 28, rect.height)
        title_color = theme.accent if usable else theme.text_disabled
        painter.text(slot.title, (text.left, text.top + 12), 17, title_color, "bold")
        if slot.info is not None:
            _draw_save_info(painter, slot.info, text, self.scene_title(slot.info))
        else:
            painter.text("Cannot be loaded", (text.left, text.top + 40), 15, theme.bad, "bold")
            error = FRect(text.left, text.top + 62, text.width, 90)
            painter.paragraph(slot.error, error, 13, theme.text_disabled, max_lines=4)

    def scene_title(self, info: SaveInfo) -> str:
        """Where the save was made, in the scenario's words (never a node id)."""
        if info.ended:
            return "Ending reached"
        if info.scene_title:
            return info.scene_title
        scenario = shared_library(self.app).by_id(info.scenario_id)
        title = scenario.nearest_title([info.node]) if scenario is not None else None
        return title or "In progress"

    def _draw_thumb(self, painter: Painter, slot: Slot, rect: FRect) -> None:
        theme = painter.theme
        image = self._thumbnail(slot, painter.scale, painter.viewport.to_pixels(rect).size)
        if image is None:
            painter.rect(rect, (*theme.backdrop, 255), radius=8)
            label = "corrupt" if slot.error else "no picture" if slot.info else ""
            if label:
                painter.text(label, rect.center, 13, theme.text_disabled, anchor="center")
            return
        painter.blit_pixels(image, rect)
        painter.rect(rect, theme.panel_border, radius=2, width=1)

    def _thumbnail(self, slot: Slot, scale: float, size: tuple[int, int]) -> pygame.Surface | None:
        key = (str(slot.path), scale, size)
        if key not in self._thumbs:
            self._thumbs[key] = _load_thumb(slot, size)
        return self._thumbs[key]


def _draw_save_info(painter: Painter, info: SaveInfo, text: FRect, where: str) -> None:
    """Scenario title, where in it, decisions and date of a readable save."""
    theme = painter.theme
    title = FRect(text.left, text.top + 38, text.width, 48)
    y = title.top + painter.paragraph(
        info.scenario_title, title, 16, theme.text, "bold", max_lines=2
    )
    where_rect = FRect(text.left, y + 2, text.width, 22)
    painter.paragraph(where, where_rect, 14, theme.text_muted, max_lines=1)
    bottom = text.bottom
    decisions = "1 decision" if info.decisions == 1 else f"{info.decisions} decisions"
    when = saves.friendly_time(info.saved_at)
    for line, top in ((decisions, bottom - 46), (when, bottom - 26)):
        painter.paragraph(
            line, FRect(text.left, top, text.width, 22), 14, theme.text_muted, max_lines=1
        )


def _draw_empty_slot(painter: Painter, title: str, rect: FRect, saving: bool) -> None:
    """An empty slot: its name and what Enter does there, centred in the card."""
    theme = painter.theme
    x, y = rect.centerx, rect.centery
    painter.text(title, (x, y - 4), 17, theme.text_muted, "bold", anchor="midbottom")
    hint = "Empty  ·  Enter saves here" if saving else "Empty"
    painter.text(hint, (x, y + 4), 15, theme.text_disabled, "italic", anchor="midtop")


def _load_thumb(slot: Slot, size: tuple[int, int]) -> pygame.Surface | None:
    if slot.info is None or not slot.thumbnail.is_file():
        return None
    try:
        image = pygame.image.load(str(slot.thumbnail)).convert()
    except (pygame.error, OSError):
        return None
    return pygame.transform.smoothscale(image, size)
