"""The expert's road beside the learner's: from the first decision where they part, what each
said, the technique, what it moved and why it worked (or did not), row by row.

Opened from the debrief as ``app.push("expert", debrief=...)``; Esc or Back returns to it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pygame

from roleplay.gui.chrome import draw_backdrop
from roleplay.gui.painter import LOGICAL_H, LOGICAL_W, FRect, Painter
from roleplay.gui.scene import Scene
from roleplay.gui.widgets import Button, FocusGroup, Scroller, draw_buttons
from roleplay.reports import family_label, family_rgb

if TYPE_CHECKING:
    from roleplay import Debrief, Decision
    from roleplay.engine._debrief import ExpertPath
    from roleplay.gui.app import App

LEFT = 80
GAP = 32
COLUMN_W = (LOGICAL_W - 2 * LEFT - GAP) / 2
HEAD_TOP = 150  # the column headings
VIEW = FRect(0, 214, LOGICAL_W, 396)
BAR_TOP = 620
PAD = 20
ROW_GAP = 14


class ExpertScene(Scene):
    """Two columns, "What you did" and "What the expert did", scrolled together."""

    def __init__(self, app: App, debrief: Debrief) -> None:
        """Compare the learner's road in ``debrief`` with its expert's road."""
        super().__init__(app)
        if debrief.expert is None:
            raise ValueError("the debrief has no expert's road to show")
        self.debrief = debrief
        self.road: ExpertPath = debrief.expert
        self.scroller = Scroller(view_height=VIEW.height, step=60)
        back = FRect(LOGICAL_W / 2 - 150, BAR_TOP + 16, 300, 50)
        self.buttons = FocusGroup(
            [Button("Back to the debrief", back, self.dismiss, style="primary", key="back")]
        )
        self.app.voice.say(self._spoken())

    def _spoken(self) -> str:
        parts = [self.subtitle()]
        for who, road in (("You", self.road.learner), ("The expert", self.road.expert)):
            said = ". ".join(f"{d.choice_text} ({d.technique_label})" for d in road)
            parts.append(f"{who}: {said}")
        return ". ".join(parts)

    def subtitle(self) -> str:
        """Where the roads part and where each led."""
        road, ending = self.road, self.debrief.ending
        same = road.diverges_at
        if same == 0:
            shared = "You chose differently from the first decision."
        elif same == 1:
            shared = "Decision 1 was the same."
        elif same == 2:
            shared = "Decisions 1 and 2 were the same."
        else:
            shared = f"Decisions 1 to {same} were the same."
        reached = ending.title if ending else "no ending yet"
        return f"{shared} You reached {reached}; the expert's road leads to {road.ending_title}."

    # -- layout ------------------------------------------------------------------------------
    def rows(self, painter: Painter) -> list[tuple[float, Decision | None, Decision | None]]:
        """Each row's height and the two decisions side by side (None where a road ended)."""
        learner, expert = self.road.learner, self.road.expert
        rows = []
        for index in range(max(len(learner), len(expert))):
            mine = learner[index] if index < len(learner) else None
            theirs = expert[index] if index < len(expert) else None
            height = max(self._card_height(painter, d) for d in (mine, theirs))
            rows.append((height, mine, theirs))
        return rows

    def _card_height(self, painter: Painter, decision: Decision | None) -> float:
        if decision is None:
            return 0.0
        return card_height(painter, decision, self.debrief.meter_labels, _size(painter))

    # -- input -------------------------------------------------------------------------------
    def handle_event(self, event: pygame.event.Event) -> None:
        """Up/Down/PgUp/PgDn/wheel scroll; Esc, Backspace or Enter go back."""
        rows = self.rows(self.app.painter)
        self.scroller.content_height = sum(h + ROW_GAP for h, _, _ in rows) + 8
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_ESCAPE, pygame.K_BACKSPACE):
            self.dismiss()
            return
        if self.scroller.handle(event):
            return
        self.buttons.handle(event, self.app.logical(event))

    # -- drawing -----------------------------------------------------------------------------
    def draw(self, painter: Painter) -> None:
        """Heading, the two columns' titles, the scrolled rows, the button bar."""
        theme = painter.theme
        draw_backdrop(painter, "title", dim=235)
        title = self.debrief.scenario_title.upper()
        painter.text(f"THE EXPERT'S ROAD · {title}", (LEFT, 30), 14, theme.accent, "bold")
        heading = f"From decision {self.road.diverges_at + 1}: your road and the expert's"
        painter.text(heading, (LEFT, 54), 30, theme.text, "bold")
        sub = FRect(LEFT, 100, LOGICAL_W - 2 * LEFT, 44)
        painter.paragraph(self.subtitle(), sub, 17, theme.text_muted, max_lines=2)
        reached = self.debrief.ending.title if self.debrief.ending else "no ending yet"
        self._column_head(painter, LEFT, "What you did", f"Ended in: {reached}", theme.text_muted)
        right = LEFT + COLUMN_W + GAP
        leads = f"Leads to: {self.road.ending_title}"
        self._column_head(painter, right, "What the expert did", leads, theme.good)
        painter.clip(VIEW)
        y = VIEW.top - self.scroller.offset
        for height, mine, theirs in self.rows(painter):
            if y + height >= VIEW.top and y <= VIEW.bottom:
                self._row(painter, y, height, mine, theirs)
            y += height + ROW_GAP
        painter.clip(None)
        self.scroller.draw_bar(painter, FRect(LOGICAL_W - 26, VIEW.top, 6, VIEW.height))
        painter.line((0, BAR_TOP), (LOGICAL_W, BAR_TOP), theme.grid, 1)
        draw_buttons(painter, self.buttons)
        hints = "Up/Down scroll   ·   Esc back to the debrief"
        painter.text(
            hints, (LOGICAL_W / 2, LOGICAL_H - 10), 14, theme.text_muted, anchor="midbottom"
        )

    def _column_head(
        self, painter: Painter, x: float, title: str, ending: str, color: tuple[int, ...]
    ) -> None:
        painter.text(title, (x, HEAD_TOP), 21, painter.theme.text, "bold")
        painter.paragraph(ending, FRect(x, HEAD_TOP + 30, COLUMN_W, 26), 16, color, "bold", 1)

    def _row(
        self,
        painter: Painter,
        y: float,
        height: float,
        mine: Decision | None,
        theirs: Decision | None,
    ) -> None:
        labels, size = self.debrief.meter_labels, _size(painter)
        for x, decision in ((LEFT, mine), (LEFT + COLUMN_W + GAP, theirs)):
            rect = FRect(x, y, COLUMN_W, height)
            if decision is None:
                painter.rect(rect, painter.theme.panel_border, radius=14, width=1)
                painter.text("This road had ended.", rect.center, 15, painter.theme.text_muted,
                             "italic", anchor="center")  # fmt: skip
            else:
                draw_card(painter, decision, labels, rect, size)
        if mine is not None and theirs is not None and mine.choice_id == theirs.choice_id:
            corner = (LEFT + 2 * COLUMN_W + GAP - PAD, y + PAD)
            painter.text("SAME CHOICE", corner, 13, painter.theme.text_muted, "bold", "topright")


def _size(painter: Painter) -> float:
    return 17 * painter.text_scale


def _deltas(decision: Decision, labels: dict[str, str]) -> list[tuple[str, bool]]:
    return [
        (f"{'+' if delta > 0 else '−'}{abs(delta)} {labels.get(meter, meter)}", delta > 0)
        for meter, delta in decision.deltas.items()
    ]


def _technique(decision: Decision) -> str:
    text = f"{decision.technique_label} · {family_label(decision.family)}"
    return text if decision.ethical else f"{text} · not ethical"


def card_height(painter: Painter, decision: Decision, labels: dict[str, str], size: float) -> float:
    """Logical height of one decision card in a column."""
    inner = COLUMN_W - 2 * PAD
    height = PAD + painter.line_height(13, "bold") + 6
    height += painter.text_height(f"“{decision.choice_text}”", size, inner, "bold") + 8
    height += painter.text_height(_technique(decision), 15, inner - 18, "bold") + 4
    height += painter.line_height(15, "bold") + 8
    if decision.feedback:
        height += painter.text_height(decision.feedback, size * 0.88, inner)
    return height + PAD


def draw_card(
    painter: Painter, decision: Decision, labels: dict[str, str], rect: FRect, size: float
) -> None:
    """One decision: what was said, the technique and family, what it moved, the feedback."""
    theme = painter.theme
    painter.rect(rect, theme.panel, radius=14)
    painter.rect(rect, theme.panel_border, radius=14, width=1)
    x, inner = rect.left + PAD, rect.width - 2 * PAD
    y = rect.top + PAD
    painter.text(f"DECISION {decision.index + 1}", (x, y), 13, theme.accent, "bold")
    y += painter.line_height(13, "bold") + 6
    quote = f"“{decision.choice_text}”"
    y += painter.paragraph(quote, FRect(x, y, inner, 600), size, theme.text, "bold") + 8
    color = theme.bad if not decision.ethical else family_rgb(decision.family, dark=True)
    painter.circle((x + 6, y + painter.line_height(15, "bold") / 2), 5, color)
    technique = FRect(x + 18, y, inner - 18, 200)
    y += painter.paragraph(_technique(decision), technique, 15, theme.text_muted, "bold") + 4
    _draw_deltas(painter, _deltas(decision, labels), x, y)
    y += painter.line_height(15, "bold") + 8
    if decision.feedback:
        painter.paragraph(decision.feedback, FRect(x, y, inner, 600), size * 0.88, theme.text_muted)


def _draw_deltas(painter: Painter, deltas: Sequence[tuple[str, bool]], x: float, y: float) -> None:
    theme = painter.theme
    if not deltas:
        painter.text("no meter changed", (x, y), 15, theme.text_disabled, "italic")
        return
    for text, up in deltas:
        x = painter.text(text, (x, y), 15, theme.good if up else theme.bad, "bold").right + 16
