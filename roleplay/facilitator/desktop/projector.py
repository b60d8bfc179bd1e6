"""What the room sees: the lobby with the code and QR, the knowledge check, the story, "N of M
voted", the reveal, the discuss card, the road not taken and the ending. Meters only when the
facilitator reveals.

The mouse: a click moves the story on (like Space) and closes a card; a click on a choice plays
it (Shift+click or a right click previews it); moving the mouse shows a small toolbar for a few
seconds, so nothing but the story is on the screen while the room watches."""

from __future__ import annotations

import math
from functools import partial
from typing import TYPE_CHECKING

from roleplay.facilitator.desktop.check import answered_text, draw_check_projector
from roleplay.facilitator.desktop.common import bar, draw_qr, panel, plural, timer_text
from roleplay.facilitator.desktop.pointer import HitMap, draw_controls, facilitator_controls
from roleplay.facilitator.desktop.staging import (
    BANNER_SIZE,
    DISCUSS_HEAD,
    DISCUSS_LINES,
    DISCUSS_SIZES,
    TOOLBAR,
    TOOLBAR_BACKING,
    DiscussCard,
    banner_rect,
    banner_text,
    discuss_card,
    meters_rect,
    projector_room,
    shown_line,
    stage_box,
    stage_people,
    vote_choices,
    vote_layout,
    voting,
)
from roleplay.gui.cast import stage_background
from roleplay.gui.figures import draw_figures
from roleplay.gui.painter import LOGICAL_H, LOGICAL_W, FRect, Painter
from roleplay.gui.stage import draw_choices, draw_dialogue

if TYPE_CHECKING:
    from roleplay.facilitator._controls import HostSession
    from roleplay.facilitator._host import HostRuntime
    from roleplay.facilitator.desktop.controls import Controls

HELP_LINES = (
    "Phones and laptop must be on the same Wi-Fi. Mobile data will not work.",
    "Guest or conference Wi-Fi often isolates devices: the page never loads.",
    "Workaround: turn on the laptop's hotspot (or a spare phone's), ask everyone to join it,",
    "then press A until the link shows the hotspot's address. No internet is needed.",
    "Still stuck? Disconnect the laptop's VPN, and allow Python through its firewall.",
)

PROJECTOR_CONTROLS = (
    "next", "close_vote", "extend", "reveal", "skip_check", "discuss", "meters", "help", "lock",
)  # fmt: skip


def draw_projector(
    painter: Painter,
    runtime: HostRuntime,
    controls: Controls,
    hits: HitMap,
    hover: tuple[float, float] | None = None,
    *,
    toolbar: bool = False,
) -> None:
    """Draw the projector view for the session's phase (clickable areas go into ``hits``)."""
    session = runtime.session
    hits.clear()
    if session.phase == "lobby":
        draw_lobby(painter, runtime, controls, hits)
    elif session.phase == "ended":
        _centered(painter, "The session is over", "Thank you for taking part.")
    elif session.phase == "check" and session.check_round is not None:
        hits.add(FRect(0, 0, LOGICAL_W, LOGICAL_H), lambda: controls.run("next"), label="stage")
        _draw_backdrop(painter, session)
        draw_check_projector(painter, session)
        _banner(painter, answered_text(session, session.check_round))
        if session.meters_revealed:
            _draw_meters(painter, session)
    else:
        if session.phase == "story":
            hits.add(FRect(0, 0, LOGICAL_W, LOGICAL_H), lambda: controls.run("next"), label="stage")
        _draw_stage(painter, runtime, controls, hits, (hover, toolbar))
        _draw_banner(painter, runtime)
        _draw_cards(painter, session, controls, hits)
    if controls.help_card:
        _draw_help(painter, runtime)
        hits.clear()
        hits.add(FRect(0, 0, LOGICAL_W, LOGICAL_H), controls.toggle_help, label="close card")
    if toolbar and session.phase != "ended":
        items = [c for c in facilitator_controls(controls) if c.key in PROJECTOR_CONTROLS]
        painter.rect(TOOLBAR_BACKING, (*painter.theme.panel[:3], 235), radius=14)
        draw_controls(painter, hits, items, TOOLBAR, hover, size=16)


def _draw_cards(painter: Painter, session: HostSession, controls: Controls, hits: HitMap) -> None:
    """The ending, revealed meters, and the discuss and road-not-taken cards (a click closes
    the card on top)."""
    if session.phase == "ending":
        _draw_ending(painter, session)
    if session.meters_revealed:
        _draw_meters(painter, session)
    whole = FRect(0, 0, LOGICAL_W, LOGICAL_H)
    if session.discussion is not None:
        _draw_discussion(painter, session)
        hits.clear()
        hits.add(whole, lambda: controls.run("discuss"), label="close card")
    if session.preview is not None:
        _draw_preview(painter, session)
        hits.clear()
        hits.add(whole, lambda: controls.run("end_preview"), label="close card")


def draw_lobby(painter: Painter, runtime: HostRuntime, controls: Controls, hits: HitMap) -> None:
    """The room code, the join link and QR, who is in, and the room's rules."""
    theme = painter.theme
    session = runtime.session
    room = session.room
    painter.text("Join the session", (64, 48), 44, theme.text, "bold")
    painter.text(session.scenario.title, (66, 108), 22, theme.text_muted)
    painter.text("Room code", (66, 170), 22, theme.text_muted)
    painter.text(" ".join(room.code), (60, 196), 110, theme.accent, "bold")
    count = len(room.participants)
    if count >= room.settings.cap:
        full = f"Room full ({plural(room.settings.cap, 'place')})"
        painter.text(full, (66, 350), 22, theme.bad, "bold")
    else:
        painter.text("Scan the code or open", (66, 350), 22, theme.text_muted)
    painter.text(runtime.short_link, (66, 380), 30, theme.text, "bold")
    if room.settings.teams:
        who = plural(count, "team") + " in the room"
    else:
        who = f"{count} {'person' if count == 1 else 'people'} in the room"
    painter.text(who, (66, 444), 30, theme.text, "bold")
    if not room.settings.anonymous and count:
        names = "   ".join(room.names()[-40:])
        painter.paragraph(names, FRect(66, 490, 700, 130), 20, theme.text_muted, max_lines=4)
    rules = _room_rules(session)
    painter.text(rules, (66, LOGICAL_H - 52), 19, theme.text_muted)
    draw_qr(painter, runtime.join_url, FRect(820, 120, 400, 400))
    painter.text("H: phones can't connect?", (1020, 548), 18, theme.text_muted, anchor="midtop")
    hits.add(FRect(880, 540, 280, 36), controls.toggle_help, label="help")


def _room_rules(session: HostSession) -> str:
    settings = session.room.settings
    full = len(session.room.participants) >= settings.cap
    parts = [
        "Room locked" if settings.locked else ("Room full" if full else "Room open"),
        "late joining on" if settings.late_join else "late joining off",
        f"up to {settings.cap}",
        "names hidden" if settings.anonymous else "names shown",
    ]
    if settings.teams:
        parts.append("one phone per team")
    return " · ".join(parts)


def _draw_backdrop(painter: Painter, session: HostSession) -> None:
    """The scene's background for the line on the projector."""
    view = session.view
    index = max(0, min(session.line, len(view.lines) - 1))
    background = session.scenario.background_path(stage_background(view, index))
    painter.clear()
    painter.image(background, FRect(0, 0, LOGICAL_W, LOGICAL_H), fit="cover", anchor="center")


def _draw_stage(
    painter: Painter,
    runtime: HostRuntime,
    controls: Controls,
    hits: HitMap,
    pointer: tuple[tuple[float, float] | None, bool],
) -> None:
    """The scene, the people on it (clear of the panels drawn over it), the line and, while
    the room votes, the choices; ``pointer``: where the mouse is and whether the toolbar is
    shown."""
    session = runtime.session
    hover, toolbar = pointer
    _draw_backdrop(painter, session)
    line = shown_line(session)
    if line is None:
        return
    figures, staging = stage_people(session)
    draw_figures(painter, figures, staging, room=projector_room(painter, runtime, toolbar))
    box = stage_box(painter, session)
    draw_dialogue(painter, line, math.inf, box)
    if voting(session) and discuss_card(painter, session) is None:
        # a parked (hidden) pointer rings no choice: the room could take it for a hint
        _draw_vote(painter, session, controls, hits, hover if toolbar else None, box)


def _draw_vote(
    painter: Painter,
    session: HostSession,
    controls: Controls,
    hits: HitMap,
    hover: tuple[float, float] | None,
    box: FRect,
) -> None:
    """The choices being voted on above the dialogue ``box`` (clickable, the one under the
    mouse ringed), and the tally once revealed."""
    choices = vote_choices(session)
    layout = vote_layout(painter, session, box)
    pointed = next(
        (i for i, r in enumerate(layout.rects) if hover is not None and r.collidepoint(hover)), -1
    )
    draw_choices(painter, choices, layout, pointed, 0)
    for choice, rect in zip(choices, layout.rects, strict=True):
        hits.add(
            rect,
            partial(controls.choose, choice.id),
            alternate=partial(controls.choose, choice.id, preview=True),
            label=f"choice:{choice.id}",
        )
    if session.round is not None and session.round.revealed:
        _draw_tally(painter, session, layout.rects)


def _draw_tally(painter: Painter, session: HostSession, rects: tuple[FRect, ...]) -> None:
    current = session.round
    assert current is not None
    tally = current.tally()
    total = max(1, sum(tally.values()))
    for choice_id, rect in zip(current.choice_ids, rects, strict=False):
        count = tally[choice_id]
        track = FRect(rect.left + 62, rect.bottom - 10, rect.width - 190, 6)
        bar(painter, track, count / total, painter.theme.accent)
        painter.text(
            plural(count, "vote"),
            (rect.right - 16, rect.bottom - 7),
            18,
            painter.theme.accent,
            "bold",
            anchor="midright",
        )


def _draw_banner(painter: Painter, runtime: HostRuntime) -> None:
    text = banner_text(runtime)
    if text:
        _banner(painter, text)


def _banner(painter: Painter, text: str) -> None:
    """A pill at the top right: votes or answers so far, or the join link."""
    theme = painter.theme
    box = banner_rect(painter, text)
    painter.rect(box, (*theme.panel_raised[:3], 245), radius=24)
    painter.rect(box, (*theme.accent, 255), radius=24, width=2)
    painter.text(text, box.center, BANNER_SIZE, theme.text, "bold", anchor="center")


def _card(painter: Painter, title: str, height: float = 360) -> FRect:
    painter.veil(painter.theme.scrim[:3], painter.theme.scrim[3])
    rect = FRect(140, (LOGICAL_H - height) / 2, LOGICAL_W - 280, height)
    panel(painter, rect, 22)
    painter.text(title, (rect.left + 48, rect.top + 36), 34, painter.theme.accent, "bold")
    return rect


def _draw_discussion(painter: Painter, session: HostSession) -> None:
    """The discuss card: beside the people on the story's stage (they stay in sight while the
    room talks about them), else centred over the ending."""
    shown = session.discussion
    assert shown is not None
    beside = discuss_card(painter, session)
    if beside is not None:
        rect, size, lines = _side_card(painter, beside), beside.size, beside.lines
    else:
        rect, size, lines = _card(painter, "Discuss"), DISCUSS_SIZES[0], DISCUSS_LINES
    body = FRect(rect.left + 48, rect.top + DISCUSS_HEAD, rect.width - 96, rect.height)
    painter.paragraph(shown.prompt, body, size, painter.theme.text, max_lines=lines)
    if shown.timer is not None:
        left = timer_text(shown.timer.remaining(), shown.timer.paused)
        at = (rect.right - 48, rect.top + 44)
        painter.text(left, at, 26, painter.theme.text, "bold", anchor="topright")


def _side_card(painter: Painter, card: DiscussCard) -> FRect:
    """The discuss card's panel (opaque) and title where the choices are, the stage left
    unveiled."""
    rect = card.rect
    theme = painter.theme
    painter.rect(rect, (*theme.panel_raised[:3], 255), radius=22)
    painter.rect(rect, (*theme.accent, 255), radius=22, width=2)
    painter.text("Discuss", (rect.left + 48, rect.top + 36), 34, painter.theme.accent, "bold")
    return rect


def _draw_preview(painter: Painter, session: HostSession) -> None:
    shown = session.preview
    assert shown is not None
    rect = _card(painter, "The road not taken", 440)
    theme = painter.theme
    top = rect.top + 96
    top += painter.paragraph(
        f"If the room had chosen: {shown.choice_text}",
        FRect(rect.left + 48, top, rect.width - 96, 100),
        24,
        theme.text,
        "bold",
        max_lines=3,
    )
    for line in shown.lines[:3]:
        text = f"{line.name}: {line.text}" if line.name else line.text
        top += 12 + painter.paragraph(
            text,
            FRect(rect.left + 48, top + 12, rect.width - 96, 80),
            21,
            theme.text_muted,
            max_lines=2,
        )
    if shown.ending is not None:
        painter.text(
            f"It would have ended: {shown.ending.title}",
            (rect.left + 48, rect.bottom - 56),
            22,
            theme.accent,
            "bold",
        )


def _draw_ending(painter: Painter, session: HostSession) -> None:
    ending = session.runner.ending_view()
    if ending is None:
        return
    rect = _card(painter, ending.title, 400)
    summary = check_summary_text(session)
    body = FRect(rect.left + 48, rect.top + 100, rect.width - 96, rect.height - 130)
    painter.paragraph(ending.text, body, 24, painter.theme.text, max_lines=7 if summary else 8)
    if summary:
        painter.text(summary, (rect.left + 48, rect.bottom - 52), 22, painter.theme.accent, "bold")


def check_summary_text(session: HostSession) -> str:
    """'Knowledge check, right answers: 40 % before the story → 85 % after' ('' if not asked)."""
    summary = session.check_summary()
    words = (("before", "before the story"), ("after", "after"))
    shown = [f"{summary[p]} % {w}" for p, w in words if summary[p] is not None]
    return "Knowledge check, right answers: " + " → ".join(shown) if shown else ""


def _draw_meters(painter: Painter, session: HostSession) -> None:
    meters = session.scenario.meters
    values = session.runner.state.meters
    rect = meters_rect(session)
    panel(painter, rect)
    for index, (meter_id, meter) in enumerate(meters.items()):
        top = rect.top + 20 + index * 44
        value = values.get(meter_id, meter.initial)
        painter.text(f"{meter.label}: {value}", (rect.left + 20, top), 19, painter.theme.text)
        span = max(1, meter.max - meter.min)
        track = FRect(rect.left + 20, top + 26, rect.width - 40, 8)
        bar(painter, track, (value - meter.min) / span, painter.theme.chart[index % 5])


def _draw_help(painter: Painter, runtime: HostRuntime) -> None:
    rect = _card(painter, "Phones can't connect?", 420)
    theme = painter.theme
    for index, line in enumerate(HELP_LINES):
        painter.text(line, (rect.left + 48, rect.top + 100 + index * 40), 21, theme.text)
    painter.text(
        f"Link now: {runtime.short_link}   (Esc or a click closes this card)",
        (rect.left + 48, rect.bottom - 60),
        21,
        theme.accent,
        "bold",
    )


def _centered(painter: Painter, title: str, subtitle: str) -> None:
    theme = painter.theme
    painter.text(
        title, (LOGICAL_W / 2, LOGICAL_H / 2 - 30), 48, theme.text, "bold", anchor="center"
    )
    painter.text(
        subtitle, (LOGICAL_W / 2, LOGICAL_H / 2 + 30), 24, theme.text_muted, anchor="center"
    )
