"""What only the facilitator sees: hidden meters, each choice's technique, effects and votes,
the discussion prompt, the guide's notes, the participants, the host remote's QR code."""

from __future__ import annotations

from typing import TYPE_CHECKING

from roleplay.facilitator.desktop.common import bar, draw_qr, panel, plural, timer_text
from roleplay.gui.painter import LOGICAL_H, LOGICAL_W, FRect, Painter

if TYPE_CHECKING:
    from roleplay.facilitator._controls import HostSession
    from roleplay.facilitator._host import HostRuntime
    from roleplay.facilitator.desktop.controls import Controls

LEFT = FRect(32, 96, 720, LOGICAL_H - 150)
RIGHT = FRect(776, 96, LOGICAL_W - 808, LOGICAL_H - 150)
KEYS = (
    "Space next · 1-9 play · Shift+1-9 preview · C close · P pause · + 30 s · R reveal · "
    "M meters · D discuss · S show of hands · Backspace take back · L lock · K/B remove/ban · Q end"
)


def draw_desk(painter: Painter, runtime: HostRuntime, controls: Controls, notes: str) -> None:
    """The facilitator view."""
    painter.clear()
    session = runtime.session
    theme = painter.theme
    painter.text(_header(session), (32, 24), 24, theme.text, "bold")
    painter.text(runtime.join_url, (32, 60), 17, theme.text_muted)
    top = _draw_line(painter, session, LEFT.top)
    top = _draw_choices(painter, session, top + 12)
    if session.view.discussion:
        top += 10 + _note(painter, "Discussion prompt", session.view.discussion, top + 10, 3)
    if notes:
        _note(painter, "From the facilitator guide", notes, top + 10, 6)
    right = _draw_meters(painter, session, RIGHT.top)
    right = _draw_people(painter, session, controls, right + 16)
    _draw_remote(painter, runtime, right + 16)
    footer = controls.message or KEYS
    color = theme.bad if controls.message else theme.text_muted
    painter.paragraph(footer, FRect(32, LOGICAL_H - 46, LOGICAL_W - 64, 40), 15, color, max_lines=2)
    if controls.hands is not None:
        _draw_hands(painter, session, controls)


def _header(session: HostSession) -> str:
    parts = [f"Facilitator · room {session.room.code}", session.phase]
    current = session.round
    if current is not None and not session.decided:
        parts.append(f"{len(current.votes)} of {len(session.room.participants)} voted")
        left = timer_text(current.timer.remaining(), current.timer.paused)
        if current.open and left:
            parts.append(left)
        if current.revealed:
            parts.append("tally shown")
    else:
        parts.append(plural(len(session.room.participants), "participant"))
    if session.meters_revealed:
        parts.append("meters shown")
    return " · ".join(parts)


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


def _draw_choices(painter: Painter, session: HostSession, top: float) -> float:
    theme = painter.theme
    index = session.scenario.choice_index
    current = session.round if session.round and not session.decided else None
    tally = current.tally() if current is not None else {}
    total = max(1, sum(tally.values()))
    for number, choice in enumerate((c for c in session.view.choices if c.available), 1):
        effects = index[choice.id].spec.effects if choice.id in index else {}
        change = ", ".join(f"{m} {d:+d}" for m, d in effects.items()) or "no meter change"
        height = 66
        rect = FRect(LEFT.left, top, LEFT.width, height)
        panel(painter, rect, 10)
        painter.text(f"{number}", (rect.left + 14, rect.top + 10), 18, theme.accent, "bold")
        painter.paragraph(
            choice.text,
            FRect(rect.left + 40, rect.top + 8, rect.width - 170, 24),
            16,
            theme.text,
            max_lines=1,
        )
        detail = f"{choice.technique} ({choice.family}) · {change}"
        painter.text(detail, (rect.left + 40, rect.top + 36), 15, theme.text_muted)
        if current is not None:
            count = tally.get(choice.id, 0)
            painter.text(
                plural(count, "vote"),
                (rect.right - 14, rect.top + 10),
                17,
                theme.text,
                "bold",
                anchor="topright",
            )
            bar(
                painter, FRect(rect.right - 120, rect.top + 42, 106, 8), count / total, theme.accent
            )
        top += height + 8
    return top


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


def _draw_people(painter: Painter, session: HostSession, controls: Controls, top: float) -> float:
    theme = painter.theme
    people = list(session.room.participants.values())
    title = f"Participants ({len(people)}) · Up/Down select, K remove, B ban"
    painter.text(title, (RIGHT.left, top), 16, theme.accent, "bold")
    if not people:
        painter.text("Nobody yet", (RIGHT.left, top + 28), 17, theme.text_muted)
        return top + 56
    selected = min(controls.selected, len(people) - 1)
    first = max(0, min(selected - 3, len(people) - 7))
    for row, person in enumerate(people[first : first + 7]):
        y = top + 28 + row * 26
        mark = "> " if first + row == selected else "   "
        state = "" if person.connections else "  (offline)"
        color = theme.focus if first + row == selected else theme.text
        painter.text(f"{mark}{person.nickname}{state}", (RIGHT.left, y), 17, color)
    return top + 28 + 26 * min(7, len(people))


def _draw_remote(painter: Painter, runtime: HostRuntime, top: float) -> None:
    theme = painter.theme
    side = min(150.0, LOGICAL_H - 60 - top - 24)
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


def _draw_hands(painter: Painter, session: HostSession, controls: Controls) -> None:
    hands = controls.hands
    assert hands is not None
    theme = painter.theme
    choices = [c for c in session.view.choices if c.available]
    rect = FRect(200, 140, LOGICAL_W - 400, 120 + 46 * len(hands.counts))
    painter.veil(theme.scrim[:3], theme.scrim[3])
    panel(painter, rect, 18)
    painter.text(
        "Show of hands: type each count, Tab for the next, Enter to play",
        (rect.left + 32, rect.top + 28),
        20,
        theme.accent,
        "bold",
    )
    for index, count in enumerate(hands.counts):
        y = rect.top + 80 + index * 46
        focused = index == hands.field
        box = FRect(rect.left + 32, y, 90, 36)
        painter.rect(box, theme.panel_raised, radius=8)
        if focused:
            painter.rect(box.inflate(6, 6), (*theme.focus, 255), radius=10, width=2.5)
        painter.text(count or "0", box.center, 20, theme.text, "bold", anchor="center")
        label = choices[index].text if index < len(choices) else ""
        painter.paragraph(
            label, FRect(box.right + 16, y + 6, rect.width - 190, 30), 17, theme.text, max_lines=1
        )
