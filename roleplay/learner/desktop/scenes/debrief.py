"""The debrief: what happened, why this ending, the hidden meters, profile and each decision."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from roleplay.gui import charts, storage
from roleplay.gui.chrome import draw_backdrop
from roleplay.gui.painter import LOGICAL_H, LOGICAL_W, FRect, Painter
from roleplay.gui.scene import Scene
from roleplay.gui.widgets import Button, FocusGroup, Scroller, draw_buttons
from roleplay.learner.desktop import progress
from roleplay.learner.desktop.navigation import open_library, start_session
from roleplay.learner.desktop.session import Session

if TYPE_CHECKING:
    from roleplay import Debrief, Decision
    from roleplay.gui.app import App

VIEW = FRect(0, 0, LOGICAL_W, 612)
LEFT = 110
WIDTH = LOGICAL_W - 2 * LEFT
BAR_TOP = 616
#: A piece of the page: its height and how to draw it at a y (what drawing returns is unused).
Block = tuple[float, Callable[[Painter, float], object]]


class DebriefScene(Scene):
    """Scrollable debrief page with a fixed button bar."""

    def __init__(self, app: App, session: Session) -> None:
        """Build the debrief of a finished (or abandoned) session."""
        from roleplay import build_debrief

        super().__init__(app)
        self.session = session
        self.debrief: Debrief = build_debrief(session.scenario, session.runner.state)
        self.found = progress.endings_found(session.scenario.id)
        self.scroller = Scroller(view_height=VIEW.height - 24, step=60)
        self.export_path: Path | None = None
        self.covered = False
        entries = [
            ("replay", "Replay", self.replay),
            ("road", "Road not taken", self.road),
            ("export", "Export HTML", self.export),
            ("library", "Library", lambda: open_library(self.app)),
        ]
        if app.designer:  # designer mode only: learners do not write tests
            entries.insert(3, ("save_test", "Save as test", self.save_test))
        gap = 16
        width = min(236, (LOGICAL_W - 80 - gap * (len(entries) - 1)) / len(entries))
        left = (LOGICAL_W - len(entries) * width - (len(entries) - 1) * gap) / 2
        self.buttons = FocusGroup(
            [
                Button(
                    label,
                    FRect(left + i * (width + gap), BAR_TOP + 16, width, 50),
                    action,
                    enabled=key != "road" or bool(self.debrief.decisions),
                    key=key,
                )
                for i, (key, label, action) in enumerate(entries)
            ],
            on_focus=lambda b: self.app.voice.say(b.label),
        )
        ending = self.debrief.ending
        if ending is not None:
            self.app.voice.say(f"Debrief. {ending.title}. {ending.debrief}")

    # -- actions -----------------------------------------------------------------------------
    def replay(self) -> None:
        """Play the same scenario again from the start, in the same mode."""
        start_session(self.app, Session.new(self.session.scenario, self.session.mode))

    def road(self) -> None:
        """Pick an earlier decision and replay from there in practice mode."""
        self.app.push("road", decisions=self.debrief.decisions, on_dismiss=self._replay_from)

    def _replay_from(self, decision: int | None) -> None:
        if decision is None:
            return
        start_session(self.app, self.session.replay_from(decision))
        self.app.toast(f"Practice mode: decision {decision + 1}, choose differently")

    def export(self) -> Path | None:
        """Write the HTML debrief into the exports folder and show where (None on failure)."""
        from roleplay.reports import render_debrief_html

        html = render_debrief_html(
            self.debrief,
            title=f"Debrief: {self.debrief.scenario_title}",
            mode=self.session.mode,
            taken_back=self.session.runner.state.taken_back,
            scenario_version=self.session.scenario.content_hash,
        )
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        path = storage.exports_dir() / f"{self.debrief.scenario_id}-debrief-{stamp}.html"
        try:
            storage.atomic_write_text(path, html)
        except OSError as exc:
            self.app.toast(f"Could not export: {storage.describe_os_error(exc)}")
            return None
        self.export_path = path
        self.app.toast("Debrief exported")
        return path

    def enter(self) -> None:
        """Uncovered (Road not taken closed): the key hints come back."""
        self.covered = False

    def exit(self) -> None:
        """Covered by Road not taken: its own hints replace this screen's."""
        self.covered = True

    def save_test(self) -> Path | None:
        """Record this run as a designer's playthrough test (``*.playthrough.yaml``); the
        button is there in designer mode only."""
        from roleplay.learner.desktop.designer import NotRecorded, record_test

        try:
            path = record_test(self.session)
        except NotRecorded as why:
            self.app.toast(str(why))
            return None
        self.export_path = path
        self.app.toast("Playthrough test saved")
        return path

    # -- input -------------------------------------------------------------------------------
    def handle_event(self, event: pygame.event.Event) -> None:
        """Up/Down/PgUp/PgDn scroll; Left/Right/Tab choose a button; Enter activates."""
        self.scroller.content_height = sum(h for h, _ in self._blocks(self.app.painter))
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_ESCAPE:
                open_library(self.app)
                return
            if event.key in (pygame.K_UP, pygame.K_DOWN):
                self.scroller.handle(event)
                return
        if self.scroller.handle(event):
            return
        self.buttons.handle(event, self.app.logical(event))

    # -- drawing -----------------------------------------------------------------------------
    def draw(self, painter: Painter) -> None:
        """The scrolled content, then the fixed bar."""
        theme = painter.theme
        draw_backdrop(painter, "title", dim=235)
        painter.clip(VIEW)
        y = VIEW.top + 24 - self.scroller.offset
        for height, block in self._blocks(painter):
            if y + height >= VIEW.top and y <= VIEW.bottom:
                block(painter, y)
            y += height
        painter.clip(None)
        self.scroller.draw_bar(painter, FRect(LOGICAL_W - 26, VIEW.top + 24, 6, VIEW.height - 48))
        painter.rect(FRect(0, BAR_TOP, LOGICAL_W, LOGICAL_H - BAR_TOP), (*theme.panel[:3], 250))
        painter.line((0, BAR_TOP), (LOGICAL_W, BAR_TOP), theme.grid, 1)
        draw_buttons(painter, self.buttons)
        if self.export_path is not None:
            painter.text(
                f"Saved to {self.export_path}",
                (LOGICAL_W / 2, LOGICAL_H - 10),
                14,
                theme.good,
                "bold",
                anchor="midbottom",
            )
        elif not self.covered:
            painter.text(
                "Up/Down scroll   ·   Left/Right buttons   ·   Enter select",
                (LOGICAL_W / 2, LOGICAL_H - 10),
                14,
                theme.text_muted,
                anchor="midbottom",
            )

    def _blocks(self, painter: Painter) -> list[Block]:
        debrief = self.debrief
        size = 18 * painter.text_scale
        blocks: list[Block] = [self._header(painter, size)]
        blocks.append(_section(painter, "Why this ending", _rule_sentence(debrief.rule_text), size))
        blocks.append(_heading_block("How the hidden meters moved"))
        blocks.append(
            (
                charts.chart_height(),
                lambda p, y: charts.draw_meter_chart(
                    p, debrief, FRect(LEFT, y, WIDTH, charts.CHART_H)
                ),
            )
        )
        blocks.append(_heading_block("Your influence profile"))
        blocks.append(
            (
                charts.profile_height(debrief) + 20,
                lambda p, y: charts.draw_profile(p, debrief, FRect(LEFT, y, WIDTH, 200)),
            )
        )
        blocks.append(self._endings_block(painter, size))
        blocks.append(_heading_block("Decision by decision"))
        blocks.extend(
            _decision_block(painter, decision, debrief.meter_labels, size)
            for decision in debrief.decisions
        )
        if not debrief.decisions:
            blocks.append(_text_block(painter, "No decisions were made.", size))
        return blocks

    def _header(self, painter: Painter, size: float) -> Block:
        ending = self.debrief.ending
        title = ending.title if ending else "Unfinished"
        text = ending.debrief if ending else ""
        text_h = painter.text_height(text, size, WIDTH)
        height = 30 + painter.text_height(title, 36, WIDTH, "bold") + 14 + text_h + 24

        def draw(p: Painter, y: float) -> None:
            p.text(
                f"DEBRIEF · {self.debrief.scenario_title.upper()}",
                (LEFT, y),
                14,
                p.theme.accent,
                "bold",
            )
            y += 30
            y += p.paragraph(title, FRect(LEFT, y, WIDTH, 200), 36, p.theme.text, "bold") + 14
            p.paragraph(text, FRect(LEFT, y, WIDTH, 400), size, p.theme.text_muted)

        return height, draw

    def _endings_block(self, painter: Painter, size: float) -> Block:
        endings = self.session.scenario.endings
        found = set(self.found)
        count = sum(1 for e in endings if e.id in found)
        row = 30.0
        height = 56 + len(endings) * row + 16

        def draw(p: Painter, y: float) -> None:
            theme = p.theme
            p.text(
                f"Endings found  {count} / {len(endings)}", (LEFT, y + 8), 22, theme.text, "bold"
            )
            y += 56
            for ending in endings:
                known = ending.id in found
                p.circle(
                    (LEFT + 8, y + 11),
                    6 if known else 4,
                    theme.good if known else theme.text_disabled,
                )
                label = ending.title if known else "Not found yet"
                p.text(
                    label,
                    (LEFT + 26, y),
                    17,
                    theme.text if known else theme.text_disabled,
                    "bold" if known else "italic",
                )
                y += row

        return height, draw


def _rule_sentence(rule: str) -> str:
    """The engine's reasons (already whole sentences), or a note for an unfinished play."""
    return rule or "The scenario has not reached an ending yet."


def _decision_block(
    painter: Painter, decision: Decision, labels: dict[str, str], size: float
) -> Block:
    height = charts.decision_height(painter, decision, WIDTH, size)

    def draw(p: Painter, y: float) -> None:
        charts.draw_decision(p, decision, labels, FRect(LEFT, y, WIDTH, height), size)

    return height + 14, draw


def _heading_block(text: str) -> Block:
    return 56, lambda p, y: p.text(text, (LEFT, y + 8), 22, p.theme.text, "bold")


def _text_block(painter: Painter, text: str, size: float) -> Block:
    height = painter.text_height(text, size, WIDTH) + 20
    return height, lambda p, y: p.paragraph(
        text, FRect(LEFT, y, WIDTH, height), size, p.theme.text_muted
    )


def _section(painter: Painter, heading: str, text: str, size: float) -> Block:
    text_h = painter.text_height(text, size, WIDTH - 48)
    height = 56 + text_h + 48

    def draw(p: Painter, y: float) -> None:
        p.text(heading, (LEFT, y + 8), 22, p.theme.text, "bold")
        box = FRect(LEFT, y + 52, WIDTH, text_h + 32)
        p.rect(box, p.theme.panel_raised, radius=12)
        p.paragraph(text, box.inflate(-48, -32), size, p.theme.text)

    return height, draw
