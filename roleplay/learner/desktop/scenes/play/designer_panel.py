"""Drawing designer mode's panel: what the run holds now, laid out down the left of the play
screen (clear of the choices on the right and of the dialogue box below).

Everything here is pure: :func:`layout` measures, :func:`draw_panel` paints, and the input side
(``designer``) hit-tests the same layout. Text follows the player's text size; what does not
fit scrolls.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from roleplay.gui import stage
from roleplay.gui.painter import LOGICAL_H, FRect, Painter
from roleplay.gui.widgets import Button, draw_button
from roleplay.learner.desktop.scenes.play.overlays import QUICK_H

if TYPE_CHECKING:
    from roleplay.engine._inspect import ChoiceReport, Clause

PANEL_LEFT = 16.0
PANEL_TOP = 12.0
PANEL_W = 530.0
PAD = 18.0
FOOTER_H = 84.0
#: Footer buttons: key for tests, label, shortcut.
ACTIONS = (
    ("jump", "Jump to node", "J"),
    ("save_test", "Save as test", "T"),
    ("hide", "Hide", "F12"),
)
Draw = Callable[[Painter, float], object]


@dataclass(frozen=True)
class MeterRow:
    """A meter as the panel shows it."""

    id: str
    label: str
    value: int
    low: int
    high: int
    hidden: bool


@dataclass(frozen=True)
class PanelModel:
    """Everything the panel shows, read from the run (see ``designer.Designer.model``)."""

    node_id: str
    title: str
    location: str
    status: str
    meters: tuple[MeterRow, ...]
    flags: tuple[tuple[str, bool], ...]
    visits: str
    choices: tuple[ChoiceReport, ...]
    choice_lines: dict[str, int] = field(default_factory=dict)
    selected_meter: int = 0
    notice: str = ""


@dataclass
class Layout:
    """The panel measured: blocks of content (top, height, draw), hot spots in content
    coordinates (rect, meter id, step), and the fixed parts."""

    panel: FRect
    content: FRect
    blocks: list[tuple[float, float, Draw]]
    hotspots: list[tuple[FRect, str, int]]
    buttons: list[Button]
    height: float = 0.0

    def max_scroll(self) -> float:
        """How far the content can scroll."""
        return max(0.0, self.height - self.content.height)


def panel_rect(painter: Painter, line_text: str | None) -> FRect:
    """Down the left, from the top to just above the speaker's name plate on the dialogue box
    (or above the quick menu when no line is shown)."""
    bottom: float = LOGICAL_H - QUICK_H - 16
    if line_text is not None:
        plate = max(46.0, painter.line_height(21, "bold") + 16) - 20  # how far it stands up
        bottom = min(bottom, stage.dialogue_box(painter, line_text).top - plate - 8)
    return FRect(PANEL_LEFT, PANEL_TOP, PANEL_W, max(bottom - PANEL_TOP, 260))


def layout(painter: Painter, model: PanelModel, panel: FRect) -> Layout:
    """Measure the panel's content for ``model`` inside ``panel``."""
    size = 15 * painter.text_scale
    header = painter.line_height(size * 1.3, "bold") + painter.line_height(size) * 2 + 20
    content = FRect(panel.left, panel.top + header, panel.width, panel.height - header - FOOTER_H)
    built = Layout(panel, content, [], [], _buttons(panel))
    _Builder(painter, model, built, size).build()
    return built


def _buttons(panel: FRect) -> list[Button]:
    width = (panel.width - 2 * PAD - 2 * 8) / 3
    top = panel.bottom - FOOTER_H + 10
    return [
        Button(
            f"{label}  {keys}",
            FRect(panel.left + PAD + i * (width + 8), top, width, 36),
            key=k,
            style="quiet",
            size=15,
        )
        for i, (k, label, keys) in enumerate(ACTIONS)
    ]


class _Builder:
    """Adds the content blocks one under the other."""

    def __init__(self, painter: Painter, model: PanelModel, out: Layout, size: float) -> None:
        self.painter = painter
        self.model = model
        self.out = out
        self.size = size
        self.small = size * 0.93
        self.left = out.panel.left + PAD
        self.width = out.panel.width - 2 * PAD - 10
        self.y = 0.0

    def add(self, height: float, draw: Draw) -> None:
        self.out.blocks.append((self.y, height, draw))
        self.y += height
        self.out.height = self.y

    def build(self) -> None:
        model = self.model
        muted = self.painter.theme.text_muted
        self.heading(f"Meters  ({len(model.meters)})")
        for index, meter in enumerate(model.meters):
            self.meter(meter, index == model.selected_meter)
        self.heading(f"Choices here  ({len(model.choices)})")
        for report in model.choices:
            self.choice(report)
        if not model.choices:
            self.text("none: this node moves on by itself or ends", muted)
        on = sum(value for _flag, value in model.flags)
        self.heading(f"Flags  ({on} of {len(model.flags)} true)")
        for start in range(0, len(model.flags), 2):
            self.flags(model.flags[start : start + 2])
        if not model.flags:
            self.text("none", muted)
        self.heading("Visits")
        self.text(model.visits or "none yet", self.painter.theme.text)
        self.add(12, lambda p, y: None)

    def heading(self, text: str) -> None:
        height = self.painter.line_height(self.size, "bold") + 14
        self.add(
            height, lambda p, y: p.text(text, (self.left, y + 8), self.size, p.theme.accent, "bold")
        )

    def text(
        self, text: str, color: tuple[int, ...], role: str = "regular", indent: float = 0
    ) -> None:
        rect = FRect(self.left + indent, 0, self.width - indent, 10)
        height = self.painter.text_height(text, self.small, rect.width, role) + 2

        def draw(p: Painter, y: float) -> None:
            p.paragraph(text, FRect(rect.left, y, rect.width, height), self.small, color, role)

        self.add(height, draw)

    def meter(self, meter: MeterRow, selected: bool) -> None:
        height = self.painter.line_height(self.size, "bold") + 10
        row = FRect(self.left - 6, 0, self.width + 6, height - 2)
        minus = FRect(row.right - 70, 0, 32, height - 6)
        plus = FRect(row.right - 34, 0, 32, height - 6)
        self.out.hotspots.append((minus.move(0, self.y + 2), meter.id, -1))
        self.out.hotspots.append((plus.move(0, self.y + 2), meter.id, 1))
        hidden = "hidden" if meter.hidden else "shown"
        words = f"{meter.label}  ({meter.id}, {hidden})"

        def draw(p: Painter, y: float) -> None:
            theme = p.theme
            if selected:
                p.rect(row.move(0, y), theme.panel_raised, radius=6)
            p.text(words, (self.left, y + height / 2), self.small, theme.text, anchor="midleft")
            value = f"{meter.value}  [{meter.low}–{meter.high}]"
            p.text(
                value, (minus.left - 10, y + height / 2), self.size, theme.text, "bold", "midright"
            )
            for box, sign in ((minus, "−"), (plus, "+")):
                p.rect(box.move(0, y + 2), theme.panel_border, radius=6)
                p.text(sign, box.move(0, y + 2).center, self.size, theme.text, "bold", "center")

        self.add(height, draw)

    def flags(self, pair: tuple[tuple[str, bool], ...]) -> None:
        """Two flags side by side: the name, then true (lit) or false (muted)."""
        height = self.painter.line_height(self.small) + 4
        column = self.width / 2

        def draw(p: Painter, y: float) -> None:
            for index, (flag, value) in enumerate(pair):
                left = self.left + index * column
                color = p.theme.good if value else p.theme.text_muted
                at = p.text(str(value).lower(), (left, y), self.small, color, "bold")
                p.text(flag, (at.right + 8, y), self.small, p.theme.text if value else color)

        self.add(height, draw)

    def choice(self, report: ChoiceReport) -> None:
        theme = self.painter.theme
        self.add(
            8,
            lambda p, y: p.line(
                (self.left, y + 4), (self.left + self.width, y + 4), p.theme.grid, 1
            ),
        )
        self.choice_head(report)
        self.text(f"\u201c{report.text}\u201d", theme.text_muted, "italic", indent=12)
        ethics = {True: "ethical", False: "not ethical", None: "unknown technique"}[report.ethical]
        family = f"{report.family}, " if report.family else ""
        self.text(f"technique: {report.technique_label} ({family}{ethics})", theme.text, indent=12)
        if report.condition is not None:
            verdict = "holds" if report.holds else "does not hold"
            self.text(f"if: {report.condition}  — {verdict}", theme.text, "bold", indent=12)
            for clause in report.clauses:
                self.clause(clause)
        self.text(_effects(report), theme.text, indent=12)
        if report.reason:
            self.text(report.reason, theme.bad, "bold", indent=12)

    def choice_head(self, report: ChoiceReport) -> None:
        height = self.painter.line_height(self.size, "bold") + 4
        number = f"{report.number}. " if report.number is not None else "–  "
        line = self.model.choice_lines.get(report.id)
        where = f"line {line}" if line else ""

        def draw(p: Painter, y: float) -> None:
            theme = p.theme
            at = p.text(number + report.id, (self.left, y), self.size, theme.text, "bold")
            color = theme.good if report.status == "available" else theme.bad
            tag = report.status if report.status != "used" else "used (once)"
            p.text(tag, (at.right + 12, y + 1), self.small, color, "bold")
            p.text(
                where,
                (self.left + self.width, y + 1),
                self.small,
                theme.text_muted,
                anchor="topright",
            )

        self.add(height, draw)

    def clause(self, clause: Clause) -> None:
        theme = self.painter.theme
        values = f"  ({', '.join(clause.values)})" if clause.values else ""
        mark = "holds" if clause.held else "fails"
        self.text(
            f"{mark}:  {clause.source}{values}", theme.good if clause.held else theme.bad, indent=28
        )


def _effects(report: ChoiceReport) -> str:
    parts = [f"effects: {', '.join(report.effects) or 'none'}"]
    if report.sets:
        parts.append(f"sets {', '.join(report.sets)}")
    parts.append(f"next: {report.next_id}")
    if report.once:
        parts.append("once")
    return "  ·  ".join(parts)


def draw_panel(
    painter: Painter, model: PanelModel, built: Layout, scroll: float, hover: str
) -> None:
    """The panel: header, the content scrolled by ``scroll``, scroll bar and footer."""
    theme = painter.theme
    panel = built.panel
    painter.rect(panel, (*theme.panel[:3], 255), radius=14)
    painter.rect(panel, (*theme.accent, 255), radius=14, width=1.5)
    _draw_header(painter, model, panel)
    offset = min(max(scroll, 0.0), built.max_scroll())
    painter.clip(built.content)
    for top, height, block in built.blocks:
        y = built.content.top + top - offset
        if y + height >= built.content.top and y <= built.content.bottom:
            block(painter, y)
    painter.clip(None)
    if built.max_scroll() > 0:
        track = FRect(panel.right - 12, built.content.top + 4, 5, built.content.height - 8)
        ratio = built.content.height / built.height
        bar_h = max(track.height * ratio, 24)
        bar_top = track.top + (track.height - bar_h) * (offset / built.max_scroll())
        painter.rect(track, theme.panel_border, radius=2)
        painter.rect(
            FRect(track.left, bar_top, track.width, bar_h), (*theme.text_muted, 255), radius=2
        )
    painter.line(
        (panel.left + 12, built.content.bottom),
        (panel.right - 12, built.content.bottom),
        theme.grid,
        1,
    )
    for button in built.buttons:
        draw_button(painter, button, button.key == hover)
    keys = model.notice or "M next meter  ·  + / − change it  ·  Shift+Up/Down or wheel scroll"
    painter.text(keys, (panel.left + PAD, panel.bottom - 26), 13, theme.text_muted)


def _draw_header(painter: Painter, model: PanelModel, panel: FRect) -> None:
    theme = painter.theme
    size = 15 * painter.text_scale
    left = panel.left + PAD
    y = panel.top + 12
    painter.text("DESIGNER MODE", (left, y + 2), 13, theme.accent, "bold")
    painter.text(model.status, (panel.right - PAD, y + 2), 13, theme.text_muted, anchor="topright")
    y += 20
    at = painter.text(model.node_id, (left, y), size * 1.3, theme.text, "bold")
    if model.title:
        room = panel.right - PAD - at.right - 12
        lines = painter.wrap(model.title, size, room) if room > 40 else ()
        if lines:
            painter.text(
                lines[0],
                (at.right + 12, at.bottom - 2),
                size,
                theme.text_muted,
                anchor="bottomleft",
            )
    y += painter.line_height(size * 1.3, "bold")
    painter.text(model.location, (left, y), size, theme.text_muted)
