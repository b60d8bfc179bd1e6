"""The debrief: what happened, why this ending and what the goal still needed, the expert's road,
the knowledge check, the hidden meters, profile and each decision; exports (HTML, learning record).

The page's teaching blocks are in ``page``; the expert's road side by side is its own screen
("expert"), and the road itself is found in the background (:mod:`..expert`) when the game was
given a finder.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from roleplay.gui import storage
from roleplay.gui.chrome import draw_backdrop
from roleplay.gui.painter import LOGICAL_H, LOGICAL_W, FRect, Painter
from roleplay.gui.scene import Scene
from roleplay.gui.widgets import Button, FocusGroup, Scroller, draw_buttons
from roleplay.learner.desktop import progress
from roleplay.learner.desktop.expert import ExpertSearch
from roleplay.learner.desktop.navigation import open_library, start_session
from roleplay.learner.desktop.records import export_learning_record
from roleplay.learner.desktop.scenes.debrief import page, story
from roleplay.learner.desktop.scenes.debrief.page import Block
from roleplay.learner.desktop.session import Session

if TYPE_CHECKING:
    from roleplay import Debrief
    from roleplay.gui.app import App
    from roleplay.learner.text import ExpertFinder

VIEW = FRect(0, 0, LOGICAL_W, 612)
BAR_TOP = 616
BUTTON_SIZE = 18


class DebriefScene(Scene):
    """Scrollable debrief page with a fixed button bar."""

    def __init__(self, app: App, session: Session, expert: ExpertFinder | None = None) -> None:
        """Build the debrief of a finished (or abandoned) session; ``expert`` finds the
        expert's road (in the background) for a finished one."""
        from roleplay import build_debrief

        super().__init__(app)
        self.session = session
        self.debrief: Debrief = build_debrief(session.scenario, session.runner.state)
        self.found = progress.endings_found(session.scenario.id)
        self.scroller = Scroller(view_height=VIEW.height - 24, step=60)
        self.export_path: Path | None = None
        self.covered = False
        self.search: ExpertSearch | None = None
        self.search_read = False  # the search's answer has been taken in
        state = session.runner.state
        if expert is not None and state.ending is not None and state.origin is None:
            taken = [step.choice_id for step in state.history]
            self.search = ExpertSearch(expert, session.scenario, taken)
        self.buttons = FocusGroup(self._bar(), on_focus=lambda b: self.app.voice.say(b.label))
        ending = self.debrief.ending
        if ending is not None:
            self.app.voice.say(f"Debrief. {ending.title}. {ending.debrief}")

    def _bar(self) -> list[Button]:
        entries = [
            ("replay", "Replay", self.replay, True),
            ("road", "Road not taken", self.road, bool(self.debrief.decisions)),
            ("expert", "Expert's road", self.open_expert, self._expert_differs),
            ("export", "Export HTML", self.export, True),
            ("record", "Export learning record", self.export_record, True),
            ("library", "Library", lambda: open_library(self.app), True),
        ]
        if self.app.designer:  # designer mode only: learners do not write tests
            entries.insert(4, ("save_test", "Save as test", self.save_test, True))
        painter, gap = self.app.painter, 12
        labels = [painter.text_width(e[1], BUTTON_SIZE, "bold") for e in entries]
        padding = 48.0
        while padding > 16 and sum(labels) + len(labels) * padding + gap * len(labels) > LOGICAL_W:
            padding -= 8  # a bar with more buttons (designer mode) still fits the screen
        widths = [max(120.0 if padding == 48 else 90.0, w + padding) for w in labels]
        left = (LOGICAL_W - sum(widths) - gap * (len(entries) - 1)) / 2
        buttons = []
        for (key, label, action, enabled), width in zip(entries, widths, strict=True):
            rect = FRect(left, BAR_TOP + 16, width, 50)
            buttons.append(Button(label, rect, action, enabled, size=BUTTON_SIZE, key=key))
            left += width + gap
        return buttons

    @property
    def _expert_differs(self) -> bool:
        road = self.debrief.expert
        return road is not None and bool(road.learner or road.expert)

    @property
    def searching(self) -> bool:
        """True while the expert's road is still being worked out."""
        return self.search is not None and not self.search_read

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

    def open_expert(self) -> None:
        """Show the expert's road beside the learner's, from where they part."""
        if self._expert_differs:
            self.app.push("expert", debrief=self.debrief)

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

    def export_record(self) -> Path | None:
        """Write this game's xAPI statements (JSON Lines) into the exports folder and say
        where (None on failure)."""
        try:
            path, count = export_learning_record(self.app, self.session)
        except OSError as exc:
            self.app.toast(f"Could not export: {storage.describe_os_error(exc)}")
            return None
        self.export_path = path
        self.app.toast(f"Learning record ({count} statements) saved to {_short(path)}", 4.0)
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
        """Up/Down/PgUp/PgDn scroll; Left/Right/Tab choose a button; Enter activates; E shows
        the expert's road."""
        self.scroller.content_height = sum(h for h, _ in self._blocks(self.app.painter))
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_ESCAPE:
                open_library(self.app)
                return
            if event.key == pygame.K_e:
                self.open_expert()
                return
            if event.key in (pygame.K_UP, pygame.K_DOWN):
                self.scroller.handle(event)
                return
        if self.scroller.handle(event):
            return
        self.buttons.handle(event, self.app.logical(event))

    def update(self, dt: float) -> bool:
        """Take the expert's road in once it has been found; animate while it is looked for."""
        search = self.search
        if search is None or self.search_read:
            return False
        if not search.done:
            return True
        self.search_read = True
        if search.road is not None:
            from roleplay import build_debrief

            state = self.session.runner.state
            self.debrief = build_debrief(self.session.scenario, state, expert_path=search.road)
            self.buttons.set_buttons(self._bar())
        self.app.dirty = True
        return False

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
        bottom = (LOGICAL_W / 2, LOGICAL_H - 10)
        if self.export_path is not None:
            saved = f"Saved to {self.export_path}"
            painter.text(saved, bottom, 14, theme.good, "bold", anchor="midbottom")
        elif not self.covered:
            hints = "Up/Down scroll   ·   Left/Right buttons   ·   Enter select"
            if self._expert_differs:
                hints += "   ·   E expert's road"
            painter.text(hints, bottom, 14, theme.text_muted, anchor="midbottom")

    def _blocks(self, painter: Painter) -> list[Block]:
        debrief = self.debrief
        size = 18 * painter.text_scale
        blocks: list[Block] = [story.header_block(painter, debrief, size)]
        blocks.append(page.why_block(painter, debrief, size))
        near = page.near_miss_block(painter, debrief, size)
        if near is not None:
            blocks.append(near)
        if self.search is not None or debrief.expert is not None:
            blocks.append(page.expert_block(painter, debrief.expert, self.searching, size))
        check = debrief.knowledge
        asked = tuple(self.session.runner.state.check)
        if check is not None and asked:
            blocks.extend(page.knowledge_blocks(painter, check, asked, size))
        blocks.extend(story.meter_blocks(debrief))
        blocks.append(story.endings_block(self.session.scenario.endings, set(self.found)))
        blocks.append(page.heading_block("Decision by decision"))
        blocks.extend(
            story.decision_block(painter, decision, debrief.meter_labels, size)
            for decision in debrief.decisions
        )
        if not debrief.decisions:
            blocks.append(page.text_block(painter, "No decisions were made.", size))
        return blocks


def _short(path: Path) -> str:
    """A path short enough for a notice: the folder's last part and the file name."""
    return str(Path(path.parent.name) / path.name)
