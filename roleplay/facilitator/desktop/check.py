"""The knowledge check in the host's windows: the question on the projector ("N of M answered"),
then the split, the right answer and why; in the facilitator view the same with every
explanation and the counts as they come in."""

from __future__ import annotations

from typing import TYPE_CHECKING

from roleplay.facilitator.desktop.common import bar, panel, plural, timer_text
from roleplay.gui.painter import LOGICAL_H, LOGICAL_W, FRect, Painter

if TYPE_CHECKING:
    from roleplay.facilitator._check import CheckOption, CheckRound
    from roleplay.facilitator._controls import HostSession

PHASE_WORDS = {"before": "before the story", "after": "after the story"}
CARD = FRect(80, 88, LOGICAL_W - 160, LOGICAL_H - 130)


def check_heading(asked: CheckRound) -> str:
    """'Knowledge check before the story · question 1 of 2'."""
    phase = PHASE_WORDS.get(asked.phase, asked.phase)
    return f"Knowledge check {phase} · question {asked.number} of {asked.count}"


def answered_text(session: HostSession, asked: CheckRound) -> str:
    """'Answer on your phone · 3 of 5 answered · 0:42 left' while open (the time left as a
    vote shows it); "Time's up · 3 of 5 answered" once the timer closed it, "Everyone has
    answered · 5 of 5 answered" once the last answer did; else the count."""
    counted = f"{len(asked.answers)} of {session.eligible()} answered"
    if asked.open:
        left = timer_text(asked.timer.remaining(), asked.timer.paused) if asked.timer else ""
        return " · ".join(p for p in ("Answer on your phone", counted, left) if p)
    why = asked.waiting_why
    return f"{why} · {counted}" if why else counted


def draw_check_projector(painter: Painter, session: HostSession) -> None:
    """The question and its answers; once revealed, the split, the right answer and why."""
    asked = session.check_round
    assert asked is not None
    theme = painter.theme
    painter.veil(theme.scrim[:3], theme.scrim[3])
    panel(painter, CARD, 22)
    left, width = CARD.left + 48, CARD.width - 96
    painter.text(check_heading(asked), (left, CARD.top + 28), 22, theme.accent, "bold")
    text_width = width - 80 - (250 if asked.revealed else 0)
    bottom = CARD.bottom - 24 - (100 if asked.revealed else 0)  # room for "Why: …"
    for q_size, q_lines in ((32, 3), (26, 2)):  # a long question shrinks when space is short
        q_height = min(q_lines, len(painter.wrap(asked.question, q_size, width, "bold")))
        top = CARD.top + 68 + q_height * painter.line_height(q_size, "bold")
        layout = _fit(painter, asked, text_width, bottom - top)
        if layout[3]:
            break
    painter.paragraph(
        asked.question, FRect(left, CARD.top + 68, width, 130), q_size, theme.text, "bold",
        max_lines=q_lines,
    )  # fmt: skip
    size, gap, heights, _fits = layout
    tally = asked.tally()
    total = sum(tally.values())
    for number, (option, height) in enumerate(zip(asked.options, heights, strict=True), 1):
        row = FRect(left, top + gap, width, height)
        counts = (tally[option.id], total)
        _option_row(painter, asked, option, number, row, (text_width, size), counts)
        top = row.bottom
    if asked.revealed:
        why = FRect(left, top + 22, width, CARD.bottom - top - 40)
        painter.paragraph(f"Why: {_right(asked).explain}", why, 22, theme.text, max_lines=3)


def _fit(
    painter: Painter, asked: CheckRound, text_width: float, room: float
) -> tuple[float, float, list[float], bool]:
    """Text size, gap and row heights that fit the answers in ``room`` (long answers in a long
    list get smaller type and tighter rows rather than running off the card), and whether
    they fit."""
    for size, gap, least in ((22.0, 14.0, 64.0), (19.0, 10.0, 56.0), (16.0, 6.0, 50.0)):
        heights = []
        for option in asked.options:
            lines = min(2, len(painter.wrap(option.text, size, text_width)))
            side = least + 28 if asked.revealed and option.correct else least  # "Right answer"
            heights.append(max(side, 20 + lines * painter.line_height(size)))
        if sum(heights) + gap * len(heights) <= room:
            return size, gap, heights, True
    return size, gap, heights, False


def _right(asked: CheckRound) -> CheckOption:
    return next(option for option in asked.options if option.correct)


def _option_row(
    painter: Painter,
    asked: CheckRound,
    option: CheckOption,
    number: int,
    row: FRect,
    text: tuple[float, float],
    counts: tuple[int, int],
) -> None:
    """One answer: its number and text; revealed, its share of the answers, the right one
    ringed, ticked and labelled (the label, not the colour alone, says which is right)."""
    theme = painter.theme
    right = asked.revealed and option.correct
    painter.rect(row, theme.panel_raised, radius=12)
    ring = theme.good if right else theme.panel_border
    painter.rect(row, (*ring[:3], 255), radius=12, width=4 if right else 1)
    middle = row.top + row.height / 2
    painter.text(str(number), (row.left + 28, middle), 26, theme.accent, "bold", anchor="center")
    text_width, size = text
    height = min(2, len(painter.wrap(option.text, size, text_width))) * painter.line_height(size)
    painter.paragraph(
        option.text, FRect(row.left + 58, middle - height / 2, text_width, height), size,
        theme.text, max_lines=2,
    )  # fmt: skip
    if not asked.revealed:
        return
    count, total = counts
    share = f" · {round(100 * count / total)} %" if total else ""
    label = plural(count, "answer") + share
    color = theme.good if right else theme.text_muted
    bottom = middle + (16 if right else 2)
    painter.text(label, (row.right - 18, bottom - 4), 20, color, "bold", anchor="bottomright")
    if right:
        words = FRect(row.right - 248, bottom - 54, 230, 26)
        painter.text("Right answer", words.topright, 20, theme.good, "bold", anchor="topright")
        width = painter.text_width("Right answer", 20, "bold")
        _tick(painter, (words.right - width - 30, words.top + 12), theme.good)
    track = FRect(row.right - 248, bottom + 6, 230, 10)
    bar(painter, track, count / max(total, 1), theme.good if right else theme.chart[1])


def _tick(painter: Painter, at: tuple[float, float], color: tuple[int, ...]) -> None:
    """A check mark drawn with two strokes (fonts may lack the glyph)."""
    x, y = at
    painter.line((x, y), (x + 7, y + 7), color, 4)
    painter.line((x + 7, y + 7), (x + 19, y - 7), color, 4)


def _desk_state(asked: CheckRound) -> str:
    """Where the question stands, for the facilitator's heading."""
    why = asked.waiting_why
    if why:
        return why.lower()
    return "answer shown" if asked.revealed else ("open" if asked.open else "closed")


def draw_check_desk(painter: Painter, session: HostSession, rect: FRect) -> float:
    """The facilitator's view of the question: every answer with its count so far, the right
    one marked, and each explanation; returns the height used."""
    asked = session.check_round
    assert asked is not None
    theme = painter.theme
    heading = f"{check_heading(asked)} ({_desk_state(asked)})"
    painter.text(heading, (rect.left, rect.top), 16, theme.accent, "bold")
    top = rect.top + 26
    top += painter.paragraph(
        asked.question, FRect(rect.left, top, rect.width, 80), 19, theme.text, "bold", max_lines=3
    )
    tally = asked.tally()
    total = max(1, sum(tally.values()))
    for number, option in enumerate(asked.options, start=1):
        row = FRect(rect.left, top + 10, rect.width, 80)
        painter.rect(row, theme.panel, radius=10)
        border = theme.good if option.correct else theme.panel_border
        painter.rect(row, (*border[:3], 255), radius=10, width=2 if option.correct else 1)
        mark = "Right: " if option.correct else ""
        painter.text(f"{number}", (row.left + 12, row.top + 8), 17, theme.accent, "bold")
        painter.paragraph(
            mark + option.text, FRect(row.left + 36, row.top + 8, row.width - 170, 22), 16,
            theme.text, max_lines=1,
        )  # fmt: skip
        painter.paragraph(
            option.explain, FRect(row.left + 36, row.top + 34, row.width - 170, 40), 14,
            theme.text_muted, max_lines=2,
        )  # fmt: skip
        count = tally[option.id]
        painter.text(
            plural(count, "answer"), (row.right - 12, row.top + 8), 16, theme.text, "bold",
            anchor="topright",
        )  # fmt: skip
        bar(painter, FRect(row.right - 118, row.top + 38, 106, 8), count / total, theme.accent)
        top = row.bottom
    return top - rect.top + 10
