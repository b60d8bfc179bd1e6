"""What only the facilitator sees: hidden meters, each choice's technique, effects and votes,
the discussion prompt, the guide's notes, the participants, the host remote's QR code, and a
row of buttons for every control. Choices, people and buttons can be clicked."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from roleplay.facilitator._remote import records_line
from roleplay.facilitator.desktop.check import draw_check_desk
from roleplay.facilitator.desktop.common import bar, draw_qr, plural, timer_text
from roleplay.facilitator.desktop.hands import draw_hands
from roleplay.facilitator.desktop.pointer import (
    HitMap,
    draw_controls,
    draw_hit_button,
    facilitator_controls,
)
from roleplay.gui.painter import LOGICAL_H, LOGICAL_W, FRect, Painter
from roleplay.gui.widgets import Button

if TYPE_CHECKING:
    from roleplay.engine._view import ChoiceView
    from roleplay.facilitator._controls import HostSession
    from roleplay.facilitator._host import HostRuntime
    from roleplay.facilitator.desktop.controls import Controls

LEFT = FRect(32, 96, 720, LOGICAL_H - 210)
RIGHT = FRect(776, 96, LOGICAL_W - 808, LOGICAL_H - 210)
BAR = FRect(32, LOGICAL_H - 96, LOGICAL_W - 64, 40)
KEYS = (
    "Click a choice to play it (Shift+click or right click: preview) · Space next · 1-9 play · "
    "Shift+1-9 preview · C close · P pause · + 30 s · R reveal · M meters · D discuss · "
    "S show of hands · Backspace take back · L lock · Up/Down K/B remove/ban · Q end · "
    "knowledge check: Space reveal/next, R reveal, X skip"
)


def draw_desk(
    painter: Painter,
    runtime: HostRuntime,
    controls: Controls,
    notes: str,
    hits: HitMap,
    hover: tuple[float, float] | None = None,
) -> None:
    """The facilitator view; its buttons, choices and people go into ``hits``."""
    painter.clear()
    hits.clear()
    session = runtime.session
    theme = painter.theme
    painter.text(_header(session), (32, 24), 24, theme.text, "bold")
    painter.text(runtime.join_url, (32, 60), 17, theme.text_muted)
    if runtime.records is not None:
        status = records_line(runtime.records.status())
        shown = status if len(status) <= 70 else status[:69] + "…"
        painter.text(shown, (LOGICAL_W - 32, 60), 17, theme.text_muted, anchor="topright")
    if session.phase == "check" and session.check_round is not None:
        top = LEFT.top + draw_check_desk(painter, session, LEFT)
    else:
        top = _draw_line(painter, session, LEFT.top)
        top = _draw_choices(painter, session, controls, hits, top + 12, hover)
    if session.view.discussion and session.phase != "check":
        top += 10 + _note(painter, "Discussion prompt", session.view.discussion, top + 10, 3)
    if notes and session.phase != "check":
        room = int((BAR.top - 12 - (top + 34)) // painter.line_height(18))
        if room >= 1:
            _note(painter, "From the facilitator guide", notes, top + 10, room)
    right = _draw_meters(painter, session, RIGHT.top)
    right = _draw_people(painter, session, controls, hits, right + 16, hover)
    _draw_remote(painter, runtime, right + 16)
    draw_controls(painter, hits, facilitator_controls(controls), BAR, hover)
    footer = controls.message or KEYS
    color = theme.bad if controls.message else theme.text_muted
    painter.paragraph(footer, FRect(32, LOGICAL_H - 46, LOGICAL_W - 64, 40), 15, color, max_lines=2)
    if controls.hands is not None:
        draw_hands(painter, controls, hits, hover)


def _header(session: HostSession) -> str:
    parts = [f"Facilitator · room {session.room.code}", session.phase]
    current = session.round
    asked = session.check_round
    if session.phase == "check" and asked is not None:
        parts.append(f"{len(asked.answers)} of {session.eligible()} answered")
        if asked.open and asked.timer is not None:
            parts.append(timer_text(asked.timer.remaining(), asked.timer.paused))
        elif asked.waiting_why:
            parts.append(asked.waiting_why.lower())
    elif current is not None and not session.decided:
        parts.append(f"{len(current.votes)} of {session.eligible()} voted")
        left = timer_text(current.timer.remaining(), current.timer.paused)
        if current.open and left:
            parts.append(left)
        if current.revealed:
            parts.append("tally shown")
    else:
        parts.append(plural(len(session.room.participants), "participant"))
    if session.meters_revealed:
        parts.append("meters shown")
    full = room_full_text(session)
    return " · ".join([*parts, full] if full else parts)


def _draw_line(painter: Painter, session: HostSession, top: float) -> float:
    lines = session.view.lines
    if not lines:
        return top
    index = min(session.line, len(lines) - 1)
    line = lines[index]
    text = f"{line.name}: {line.text}" if line.name else line.text
    label = f"On the projector (line {index + 1} of {len(lines)}, node {session.view.node_id})"
    return top + _note(painter, label, text, top, 3)


def _note(painter: Painter, title: str, text: str, top: float, lines: int) -> float:
    theme = painter.theme
    painter.text(title, (LEFT.left, top), 16, theme.accent, "bold")
    used = painter.paragraph(
        text, FRect(LEFT.left, top + 24, LEFT.width, 200), 18, theme.text, max_lines=lines
    )
    return used + 30


def _draw_choices(
    painter: Painter,
    session: HostSession,
    controls: Controls,
    hits: HitMap,
    top: float,
    hover: tuple[float, float] | None,
) -> float:
    current = session.round if session.round and not session.decided else None
    tally = current.tally() if current is not None else None
    for number, choice in enumerate((c for c in session.view.choices if c.available), 1):
        rect = FRect(LEFT.left, top, LEFT.width, 66)
        hits.add(
            rect,
            partial(controls.choose, choice.id),
            alternate=partial(controls.choose, choice.id, preview=True),
            label=f"choice:{choice.id}",
        )
        _choice_row(painter, session, choice, number, rect, hover, tally)
        if session.phase in ("vote", "closed"):
            _preview_button(painter, controls, hits, choice.id, rect, hover)
        top += rect.height + 8
    return top


def _choice_row(
    painter: Painter,
    session: HostSession,
    choice: ChoiceView,
    number: int,
    rect: FRect,
    hover: tuple[float, float] | None,
    tally: dict[str, int] | None,
) -> None:
    """One choice: its number, text, technique and effects, and its votes during a vote."""
    theme = painter.theme
    index = session.scenario.choice_index
    effects = index[choice.id].spec.effects if choice.id in index else {}
    change = ", ".join(f"{m} {d:+d}" for m, d in effects.items()) or "no meter change"
    hovered = hover is not None and rect.collidepoint(hover)
    painter.rect(rect, theme.panel_raised if hovered else theme.panel, radius=10)
    painter.rect(rect, theme.focus if hovered else theme.panel_border, radius=10, width=1)
    painter.text(f"{number}", (rect.left + 14, rect.top + 10), 18, theme.accent, "bold")
    text_box = FRect(rect.left + 40, rect.top + 8, rect.width - 170, 24)
    painter.paragraph(choice.text, text_box, 16, theme.text, max_lines=1)
    detail = f"{choice.technique} ({choice.family}) · {change}"
    painter.text(detail, (rect.left + 40, rect.top + 36), 15, theme.text_muted)
    if tally is not None:
        count = tally.get(choice.id, 0)
        votes = (rect.right - 14, rect.top + 10)
        painter.text(plural(count, "vote"), votes, 17, theme.text, "bold", anchor="topright")
        track = FRect(rect.right - 120, rect.top + 42, 106, 8)
        bar(painter, track, count / max(1, sum(tally.values())), theme.accent)


def _preview_button(
    painter: Painter,
    controls: Controls,
    hits: HitMap,
    choice: str,
    row: FRect,
    hover: tuple[float, float] | None,
) -> None:
    """A small "Preview" button on a choice's row: the road not taken."""
    box = FRect(row.right - 214, row.top + 31, 82, 28)
    action = partial(controls.choose, choice, preview=True)
    button = Button("Preview", box, action, style="quiet", size=14)
    draw_hit_button(painter, hits, button, hover, f"preview:{choice}")


def _draw_meters(painter: Painter, session: HostSession, top: float) -> float:
    theme = painter.theme
    hidden = "" if session.meters_revealed else " (hidden from the room)"
    painter.text("Meters" + hidden, (RIGHT.left, top), 16, theme.accent, "bold")
    values = session.runner.state.meters
    for index, (meter_id, meter) in enumerate(session.scenario.meters.items()):
        row = top + 28 + index * 38
        value = values.get(meter_id, meter.initial)
        painter.text(f"{meter.label} {value}", (RIGHT.left, row), 17, theme.text)
        span = max(1, meter.max - meter.min)
        bar(
            painter,
            FRect(RIGHT.left + 170, row + 7, RIGHT.width - 170, 8),
            (value - meter.min) / span,
            theme.chart[index % 5],
        )
    return top + 28 + 38 * len(session.scenario.meters)


def _draw_people(
    painter: Painter,
    session: HostSession,
    controls: Controls,
    hits: HitMap,
    top: float,
    hover: tuple[float, float] | None,
) -> float:
    theme = painter.theme
    people = list(session.room.participants.values())
    painter.text(people_heading(session), (RIGHT.left, top), 16, theme.accent, "bold")
    if not people:
        painter.text("Nobody yet", (RIGHT.left, top + 28), 17, theme.text_muted)
        return top + 56
    for offset, (label, ban) in enumerate((("Remove", False), ("Ban", True))):
        box = FRect(RIGHT.right - 168 + offset * 88, top - 6, 80, 28)
        action = partial(controls.remove_selected, ban=ban)
        draw_hit_button(painter, hits, Button(label, box, action, size=14), hover, label.lower())
    selected = min(controls.selected, len(people) - 1)
    first = max(0, min(selected - 3, len(people) - 7))
    for row, person in enumerate(people[first : first + 7]):
        y = top + 28 + row * 26
        mark = "> " if first + row == selected else "   "
        state = "" if person.connections else "  (offline)"
        color = theme.focus if first + row == selected else theme.text
        painter.text(f"{mark}{person.nickname}{state}", (RIGHT.left, y), 17, color)
        line = FRect(RIGHT.left, y - 2, RIGHT.width - 180, 26)
        hits.add(line, partial(controls.select, person.id), label=f"person:{person.id}")
    return top + 28 + 26 * min(7, len(people))


def people_heading(session: HostSession) -> str:
    """'Participants (3)', or 'Teams (3)' in team mode."""
    room = session.room
    return f"{'Teams' if room.settings.teams else 'Participants'} ({len(room.participants)})"


def room_full_text(session: HostSession) -> str:
    """'Room full (30 places)' at the cap, and how many joins it turned away ('' if neither)."""
    room = session.room
    parts = []
    if len(room.participants) >= room.settings.cap:
        parts.append(f"Room full ({plural(room.settings.cap, 'place')})")
    if session.refused_full:
        parts.append(f"{session.refused_full} turned away")
    return " · ".join(parts)


def _draw_remote(painter: Painter, runtime: HostRuntime, top: float) -> None:
    theme = painter.theme
    side = min(150.0, BAR.top - 12 - top - 24)
    if side < 80:
        return
    draw_qr(painter, runtime.host_url, FRect(RIGHT.left, top + 24, side, side))
    painter.text(
        "Host remote: scan with your phone.", (RIGHT.left + side + 16, top + 30), 16, theme.text
    )
    painter.text(
        "Keep it private: it controls", (RIGHT.left + side + 16, top + 54), 15, theme.text_muted
    )
    painter.text("the session.", (RIGHT.left + side + 16, top + 74), 15, theme.text_muted)
