"""Designer mode's "Jump to node": a filterable list of node ids; it dismisses with the id picked
(or None). Type to filter, Up/Down (or the mouse) to pick, Enter to jump, Esc to cancel."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from roleplay.gui.chrome import draw_scrim
from roleplay.gui.painter import LOGICAL_H, LOGICAL_W, FRect, Painter
from roleplay.gui.scene import Scene

if TYPE_CHECKING:
    from roleplay import Scenario
    from roleplay.gui.app import App

PANEL = FRect((LOGICAL_W - 760) / 2, 60, 760, LOGICAL_H - 120)
LIST_TOP = PANEL.top + 150
LIST_BOTTOM = PANEL.bottom - 24
ROW_SIZE = 17
MAX_FILTER = 60


def node_label(scenario: Scenario, node_id: str) -> str:
    """What a node is, after its id: its title or first line, and whether it ends the story."""
    node = scenario.nodes[node_id]
    about = node.spec.title or (node.lines[0].spec.text if node.lines else "")
    if node.ending_id is not None:
        about = f"ending '{node.ending_id}'  ·  {about}"
    elif node.spec.end:
        about = f"end  ·  {about}"
    return " ".join(about.split())


def matching(scenario: Scenario, typed: str) -> list[str]:
    """Node ids that match what was typed: ids starting with it, then ids containing it, then
    nodes whose title or first line contains it (each in the scenario's order)."""
    wanted = typed.strip().lower()
    ids = list(scenario.nodes)
    if not wanted:
        return ids
    starts = [n for n in ids if n.lower().startswith(wanted)]
    contains = [n for n in ids if wanted in n.lower() and n not in starts]
    seen = set(starts) | set(contains)
    about = [n for n in ids if n not in seen and wanted in node_label(scenario, n).lower()]
    return starts + contains + about


class JumpScene(Scene):
    """The node picker over the play screen."""

    opaque = False

    def __init__(self, app: App, scenario: Scenario, current: str) -> None:
        """List the nodes of ``scenario``, the one the player is at (``current``) selected."""
        super().__init__(app)
        self.scenario = scenario
        self.current = current
        self.typed = ""
        self.matches = matching(scenario, "")
        self.selected = self.matches.index(current) if current in self.matches else 0
        self.first = 0  # the first row shown
        self._keep_selected_shown()
        self.app.voice.say("Jump to node. Type to filter, Enter to jump.")

    # -- input -------------------------------------------------------------------------------
    def handle_event(self, event: pygame.event.Event) -> None:
        """Typing filters; Up/Down/PageUp/PageDown pick; Enter jumps; Esc cancels."""
        if event.type == pygame.TEXTINPUT:
            self._filter(self.typed + event.text)
        elif event.type == pygame.KEYDOWN:
            self._key(event.key)
        elif event.type == pygame.MOUSEWHEEL:
            self._scroll(-event.y * 3)
        elif event.type in (pygame.MOUSEMOTION, pygame.MOUSEBUTTONUP):
            self._pointer(event)

    def _key(self, key: int) -> None:
        page = max(self._rows_shown() - 1, 1)
        moves = {pygame.K_UP: -1, pygame.K_DOWN: 1, pygame.K_PAGEUP: -page, pygame.K_PAGEDOWN: page}
        if key == pygame.K_ESCAPE:
            self.dismiss(None)
        elif key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            if self.matches:
                self.dismiss(self.matches[self.selected])
        elif key == pygame.K_BACKSPACE:
            self._filter(self.typed[:-1])
        elif key in moves and self.matches:
            self.selected = min(max(self.selected + moves[key], 0), len(self.matches) - 1)
            self._keep_selected_shown()
            self.app.voice.say(self.matches[self.selected])

    def _pointer(self, event: pygame.event.Event) -> None:
        logical = self.app.logical(event)
        row = self._row_at(logical) if logical is not None else None
        if row is None:
            if event.type == pygame.MOUSEBUTTONUP and event.button == 3:
                self.dismiss(None)
            return
        self.selected = row
        if event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            self.dismiss(self.matches[row])

    def _filter(self, typed: str) -> None:
        self.typed = typed[:MAX_FILTER]
        self.matches = matching(self.scenario, self.typed)
        self.selected = 0
        self.first = 0

    def _scroll(self, rows: int) -> None:
        most = max(len(self.matches) - self._rows_shown(), 0)
        self.first = min(max(self.first + rows, 0), most)

    def _keep_selected_shown(self) -> None:
        shown = self._rows_shown()
        if self.selected < self.first:
            self.first = self.selected
        elif self.selected >= self.first + shown:
            self.first = self.selected - shown + 1

    def _row_height(self, painter: Painter) -> float:
        return painter.line_height(ROW_SIZE * painter.text_scale, "bold") + 12

    def _rows_shown(self) -> int:
        return max(int((LIST_BOTTOM - LIST_TOP) // self._row_height(self.app.painter)), 1)

    def _row_at(self, logical: tuple[float, float]) -> int | None:
        x, y = logical
        if not (PANEL.left <= x <= PANEL.right and LIST_TOP <= y < LIST_BOTTOM):
            return None
        row = self.first + int((y - LIST_TOP) // self._row_height(self.app.painter))
        return row if row < min(len(self.matches), self.first + self._rows_shown()) else None

    def interactive_rects(self, painter: Painter) -> tuple[FRect, ...]:
        """The whole panel: notices go elsewhere."""
        return (PANEL,)

    # -- drawing -----------------------------------------------------------------------------
    def draw(self, painter: Painter) -> None:
        """Heading, the filter field, and the matching nodes (selected one highlighted)."""
        theme = painter.theme
        draw_scrim(painter)
        painter.rect(PANEL, (*theme.panel[:3], 252), radius=18)
        painter.rect(PANEL, theme.panel_border, radius=18, width=1)
        left = PANEL.left + 32
        painter.text("Jump to node", (left, PANEL.top + 24), 26, theme.text, "bold")
        hint = "Type to filter  ·  Up/Down  ·  Enter jumps, keeping meters and flags  ·  Esc"
        painter.text(hint, (left, PANEL.top + 64), 15, theme.text_muted)
        size = 18 * painter.text_scale
        field = FRect(left, PANEL.top + 94, PANEL.width - 64, painter.line_height(size) + 14)
        painter.rect(field, theme.panel_raised, radius=8)
        painter.rect(field, (*theme.focus, 255), radius=8, width=2)
        shown = self.typed + "|"
        painter.text(shown, (field.left + 14, field.centery), size, theme.text, anchor="midleft")
        self._draw_rows(painter)

    def _draw_rows(self, painter: Painter) -> None:
        theme = painter.theme
        size = ROW_SIZE * painter.text_scale
        height = self._row_height(painter)
        if not self.matches:
            painter.text(
                "No node matches.", (PANEL.left + 32, LIST_TOP + 8), size, theme.text_muted
            )
            return
        y = LIST_TOP
        for index in range(self.first, min(len(self.matches), self.first + self._rows_shown())):
            node_id = self.matches[index]
            row = FRect(PANEL.left + 20, y, PANEL.width - 40, height - 4)
            if index == self.selected:
                painter.rect(row, (*theme.accent, 255), radius=8)
            color = theme.accent_text if index == self.selected else theme.text
            muted = theme.accent_text if index == self.selected else theme.text_muted
            at = painter.text(node_id, (row.left + 12, row.centery), size, color, "bold", "midleft")
            about = node_label(self.scenario, node_id)
            if node_id == self.current:
                about = f"you are here  ·  {about}"
            room = row.right - at.right - 28
            lines = painter.wrap(about, size * 0.9, room) if room > 40 else ()
            if lines:
                text = lines[0] + ("…" if len(lines) > 1 else "")
                painter.text(
                    text, (at.right + 16, row.centery), size * 0.9, muted, anchor="midleft"
                )
            y += height
        more = len(self.matches) - (self.first + self._rows_shown())
        if more > 0 or self.first:
            note = f"{len(self.matches)} nodes  ·  wheel or PageDown for more"
            painter.text(
                note, (PANEL.right - 24, PANEL.top + 30), 14, theme.text_muted, anchor="topright"
            )
