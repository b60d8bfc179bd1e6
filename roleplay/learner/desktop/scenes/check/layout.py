"""Where the knowledge check's parts go, and drawing them: the question, its answers as large
buttons, and once answered, whether it was right and why.

Positions are in content coordinates (0 at the top of the scrolled area); the scene scrolls
them into the view between the fixed header and the button bar.
"""

from __future__ import annotations

from dataclasses import dataclass

from roleplay.engine._knowledge import CheckQuestionView
from roleplay.engine._model import CheckQuestion
from roleplay.gui.painter import LOGICAL_W, FRect, Painter

LEFT = 140
WIDTH = LOGICAL_W - 2 * LEFT
#: The scrolled area, between the header and the button bar.
VIEW = FRect(0, 94, LOGICAL_W, 522)
QUESTION_SIZE = 26
OPTION_SIZE = 19
FEEDBACK_SIZE = 18
BADGE_W = 56  # the answer's number, left of its text
TAG_W = 140  # room right of the text for "Right answer" / "Your answer"
OPTION_PAD_Y = 14
OPTION_GAP = 10
FEEDBACK_PAD = 22


@dataclass(frozen=True)
class Feedback:
    """What is said once the question is answered."""

    right: bool
    verdict: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class CheckLayout:
    """The question's lines, each answer's box and the feedback panel (content coordinates)."""

    question: tuple[str, ...]
    question_size: float
    options: tuple[FRect, ...]
    option_lines: tuple[tuple[str, ...], ...]
    option_size: float
    feedback: FRect | None
    feedback_size: float
    height: float


def feedback_for(spec: CheckQuestion, chosen: int) -> Feedback:
    """Right or not, the chosen answer's explanation and, when wrong, the right one's."""
    option = spec.options[chosen]
    if option.correct:
        return Feedback(True, "Right.", (option.explain,))
    right = next(o for o in spec.options if o.correct)
    return Feedback(
        False, "Not quite.", (option.explain, f"The right answer, marked above: {right.explain}")
    )


def layout_check(
    painter: Painter, question: CheckQuestionView, feedback: Feedback | None
) -> CheckLayout:
    """Lay the question out top to bottom at the painter's text size."""
    scale = painter.text_scale
    q_size, o_size, f_size = QUESTION_SIZE * scale, OPTION_SIZE * scale, FEEDBACK_SIZE * scale
    lines = painter.wrap(question.question, q_size, WIDTH, "bold")
    y = len(lines) * painter.line_height(q_size, "bold") + 28
    rects, option_lines = [], []
    text_w = WIDTH - 16 - BADGE_W - TAG_W
    for option in question.options:
        wrapped = painter.wrap(option.text, o_size, text_w, "bold")
        height = max(56.0, len(wrapped) * painter.line_height(o_size, "bold") + 2 * OPTION_PAD_Y)
        rects.append(FRect(LEFT, y, WIDTH, height))
        option_lines.append(wrapped)
        y += height + OPTION_GAP
    panel = None
    if feedback is not None:
        height = _feedback_height(painter, feedback, f_size)
        panel = FRect(LEFT, y + 6, WIDTH, height)
        y = panel.bottom
    return CheckLayout(
        lines, q_size, tuple(rects), tuple(option_lines), o_size, panel, f_size, y + 4
    )


def _feedback_height(painter: Painter, feedback: Feedback, size: float) -> float:
    inner = WIDTH - 2 * FEEDBACK_PAD
    height = 2 * FEEDBACK_PAD + painter.line_height(22, "bold") + 6
    for paragraph in feedback.paragraphs:
        height += painter.text_height(paragraph, size, inner) + 8
    return height


def draw_question(painter: Painter, layout: CheckLayout, top: float) -> None:
    """The question's lines from ``top`` (screen y of the content's 0)."""
    line_h = painter.line_height(layout.question_size, "bold")
    for index, line in enumerate(layout.question):
        y = top + index * line_h
        painter.text(line, (LEFT, y), layout.question_size, painter.theme.text, "bold")


@dataclass(frozen=True)
class OptionLook:
    """How one answer is shown: focused, and after answering whether it was picked or right."""

    focused: bool
    answered: bool
    picked: bool
    right: bool


def draw_option(
    painter: Painter,
    rect: FRect,
    number: int,
    lines: tuple[str, ...],
    size: float,
    look: OptionLook,
) -> None:
    """One answer: a large button with its number, marked once the question is answered."""
    theme = painter.theme
    fill = theme.panel_raised if look.focused and not look.answered else theme.panel
    painter.rect(rect, fill, radius=14)
    edge, width = theme.panel_border, 1.0
    if look.answered and (look.right or look.picked):
        edge, width = (*(theme.good if look.right else theme.bad), 255), 3.0
    painter.rect(rect, edge, radius=14, width=width)
    if look.focused and not look.answered:
        painter.rect(rect.inflate(8, 8), (*theme.focus, 255), radius=17, width=2.5)
    dim = look.answered and not (look.right or look.picked)
    color = theme.text_muted if dim else theme.text
    badge = FRect(rect.left + 16, rect.centery - 18, 36, 36)
    painter.rect(badge, theme.panel_border if dim else (*theme.accent, 255), radius=18)
    painter.text(str(number), badge.center, 18, theme.accent_text, "bold", anchor="center")
    line_h = painter.line_height(size, "bold")
    y = rect.centery - len(lines) * line_h / 2
    for line in lines:
        painter.text(line, (rect.left + 16 + BADGE_W, y), size, color, "bold")
        y += line_h
    tag = "Right answer" if look.answered and look.right else ""
    tag = tag or ("Your answer" if look.answered and look.picked else "")
    if tag:
        tag_color = theme.good if look.right else theme.bad
        painter.text(tag, (rect.right - 20, rect.centery), 15, tag_color, "bold", anchor="midright")


def draw_feedback(painter: Painter, rect: FRect, feedback: Feedback, size: float) -> None:
    """Right or not, in words and colour, and the explanations."""
    theme = painter.theme
    accent = theme.good if feedback.right else theme.bad
    painter.rect(rect, theme.panel_raised, radius=14)
    painter.rect(FRect(rect.left, rect.top, 6, rect.height), (*accent, 255), radius=3)
    x, y = rect.left + FEEDBACK_PAD, rect.top + FEEDBACK_PAD
    painter.text(feedback.verdict, (x, y), 22, accent, "bold")
    y += painter.line_height(22, "bold") + 6
    inner = rect.width - 2 * FEEDBACK_PAD
    for paragraph in feedback.paragraphs:
        y += painter.paragraph(paragraph, FRect(x, y, inner, 400), size, theme.text) + 8
