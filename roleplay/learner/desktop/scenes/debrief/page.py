"""The debrief page's teaching blocks: why this ending (and what the goal still needed), the
expert's road in brief, and the knowledge check before and after play.

A block is its height and a function drawing it at a y; the scene stacks them and scrolls.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from roleplay.gui.painter import LOGICAL_W, FRect, Painter

if TYPE_CHECKING:
    from roleplay import Debrief
    from roleplay.engine._debrief import ExpertPath
    from roleplay.engine._knowledge import KnowledgeCheck, QuestionResult

LEFT = 110
WIDTH = LOGICAL_W - 2 * LEFT
PAD = 24
#: A piece of the page: its height and how to draw it at a y (what drawing returns is unused).
Block = tuple[float, Callable[[Painter, float], object]]
UNFINISHED = "The scenario has not reached an ending yet."
#: What the expert's-road block says while the road is being worked out or when there is none.
EXPERT_PENDING = "Working out the expert's road to the best ending…"
EXPERT_NONE = "No road to the best ending could be worked out for this scenario."


def heading_block(text: str) -> Block:
    """A section heading."""
    return 56, lambda p, y: p.text(text, (LEFT, y + 8), 22, p.theme.text, "bold")


def text_block(painter: Painter, text: str, size: float) -> Block:
    """A muted paragraph."""
    height = painter.text_height(text, size, WIDTH) + 20
    return height, lambda p, y: p.paragraph(
        text, FRect(LEFT, y, WIDTH, height), size, p.theme.text_muted
    )


def _bullets_height(painter: Painter, items: Sequence[str], size: float, width: float) -> float:
    return sum(painter.text_height(item, size, width - 28) + 10 for item in items)


def _draw_bullets(
    p: Painter, items: Sequence[str], size: float, rect: FRect, color: tuple[int, ...]
) -> float:
    """Bulleted paragraphs inside ``rect``; returns the height used."""
    y = rect.top
    dot_y = p.line_height(size) / 2
    for item in items:
        p.circle((rect.left + 6, y + dot_y), 4, color)
        y += p.paragraph(item, FRect(rect.left + 28, y, rect.width - 28, 400), size, p.theme.text)
        y += 10
    return y - rect.top


def why_block(painter: Painter, debrief: Debrief, size: float) -> Block:
    """Why this ending: the reasons, one per part of its rule, in the learner's words."""
    reasons = [r.text for r in debrief.why] or [debrief.rule_text or UNFINISHED]
    inner = WIDTH - 2 * PAD
    body = _bullets_height(painter, reasons, size, inner)
    height = 56 + body + 2 * PAD + 14

    def draw(p: Painter, y: float) -> None:
        p.text("Why this ending", (LEFT, y + 8), 22, p.theme.text, "bold")
        box = FRect(LEFT, y + 52, WIDTH, body + 2 * PAD - 10)
        p.rect(box, p.theme.panel_raised, radius=12)
        _draw_bullets(p, reasons, size, box.inflate(-2 * PAD, -2 * PAD), p.theme.accent)

    return height, draw


def near_miss_block(painter: Painter, debrief: Debrief, size: float) -> Block | None:
    """What the nearest better ending still needed, one part a line (None when the goal
    ending was reached)."""
    near = debrief.near_miss
    if near is None:
        return None
    label = f"WHAT {near.title.upper()} STILL NEEDED"
    missing = [r.text for r in near.missing] or [near.text]
    inner = WIDTH - 2 * PAD - 6
    body = _bullets_height(painter, missing, size, inner)
    box_h = PAD + painter.line_height(14, "bold") + 10 + body + PAD - 10
    height = box_h + 24

    def draw(p: Painter, y: float) -> None:
        box = FRect(LEFT, y, WIDTH, box_h)
        p.rect(box, p.theme.panel_raised, radius=12)
        p.rect(FRect(LEFT, y, 6, box_h), (*p.theme.accent, 255), radius=3)
        x = LEFT + PAD + 6
        p.text(label, (x, y + PAD), 14, p.theme.accent, "bold")
        top = y + PAD + p.line_height(14, "bold") + 10
        _draw_bullets(p, missing, size, FRect(x, top, inner, body), p.theme.bad)

    return height, draw


def expert_summary(road: ExpertPath | None, searching: bool) -> str:
    """The expert's road in a sentence or two, pointing to the side-by-side view."""
    if road is None:
        return EXPERT_PENDING if searching else EXPERT_NONE
    if not road.learner and not road.expert:
        return f"You took a road to {road.ending_title} all the way: the expert's road is yours."
    if road.diverges_at == 0:
        parted = "You and the expert chose differently from the first decision"
    elif road.diverges_at == 1:
        parted = "Your first decision matched the expert's; you chose differently at decision 2"
    else:
        parted = (
            f"Your first {road.diverges_at} decisions matched the expert's; you chose "
            f"differently at decision {road.diverges_at + 1}"
        )
    return (
        f"{parted}, and the expert's leads to {road.ending_title}. Press E or choose "
        "Expert's road to see both side by side."
    )


def expert_block(painter: Painter, road: ExpertPath | None, searching: bool, size: float) -> Block:
    """The expert's road in brief."""
    text = expert_summary(road, searching)
    text_h = painter.text_height(text, size, WIDTH)
    height = 56 + text_h + 24

    def draw(p: Painter, y: float) -> None:
        p.text("The expert's road", (LEFT, y + 8), 22, p.theme.text, "bold")
        p.paragraph(text, FRect(LEFT, y + 52, WIDTH, text_h + 4), size, p.theme.text_muted)

    return height, draw


def _score(score: int | None, total: int, skipped: bool) -> str:
    if score is None:
        return "skipped" if skipped else "not asked"
    return f"{score} of {total}"


def knowledge_blocks(
    painter: Painter, check: KnowledgeCheck, phases: Sequence[str], size: float
) -> list[Block]:
    """The knowledge check: scores before and after, then each question answered."""
    before = _score(check.score_before, check.total, "before" in phases)
    after = _score(check.score_after, check.total, "after" in phases)
    summary = f"Before you played: {before}   ·   After playing: {after}"
    blocks: list[Block] = [heading_block("Knowledge check")]
    blocks.append(
        (44, lambda p, y: p.text(summary, (LEFT, y), 20 * p.text_scale, p.theme.accent, "bold"))
    )
    blocks.extend(
        _question_block(painter, number, question, size)
        for number, question in enumerate(check.questions, start=1)
    )
    return blocks


def _answer_lines(question: QuestionResult) -> list[tuple[str, bool | None]]:
    """("Before: answer", right?) per phase; None for right? when unanswered."""
    lines: list[tuple[str, bool | None]] = []
    for label, answer in (("Before", question.before), ("After", question.after)):
        if answer is None:
            lines.append((f"{label}: no answer", None))
        else:
            right = answer == question.correct
            verdict = "right" if right else "not right"
            lines.append((f"{label}: {question.options[answer]} ({verdict})", right))
    return lines


def _question_block(painter: Painter, number: int, question: QuestionResult, size: float) -> Block:
    inner = WIDTH - 2 * PAD
    title = f"{number}. {question.question}"
    answers = _answer_lines(question)
    right = f"The answer: {question.options[question.correct]}"
    explain = question.explanations[question.correct]
    parts = [(title, size, "bold"), *((t, size * 0.95, "bold") for t, _ in answers)]
    parts += [(right, size * 0.95, "bold"), (explain, size * 0.9, "regular")]
    body = sum(painter.text_height(t, s, inner, role) + 6 for t, s, role in parts)
    height = body + 2 * PAD + 14

    def draw(p: Painter, y: float) -> None:
        theme = p.theme
        p.rect(FRect(LEFT, y, WIDTH, height - 14), theme.panel, radius=14)
        p.rect(FRect(LEFT, y, WIDTH, height - 14), theme.panel_border, radius=14, width=1)
        x, top = LEFT + PAD, y + PAD
        top += p.paragraph(title, FRect(x, top, inner, 400), size, theme.text, "bold") + 6
        for text, ok in answers:
            color = theme.text_disabled if ok is None else (theme.good if ok else theme.bad)
            top += p.paragraph(text, FRect(x, top, inner, 400), size * 0.95, color, "bold") + 6
        top += p.paragraph(right, FRect(x, top, inner, 400), size * 0.95, theme.text, "bold")
        p.paragraph(explain, FRect(x, top + 6, inner, 400), size * 0.9, theme.text_muted)

    return height, draw
