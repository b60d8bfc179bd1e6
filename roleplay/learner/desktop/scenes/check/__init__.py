"""The knowledge check: the scenario's questions one at a time, before play and again after it.

Opened as ``app.push("check", session=..., phase="before" | "after")``. Each question's answers
are large buttons (number keys, arrows and Enter, or the mouse); once answered, the screen says
whether it was right and why, and Next moves on. The answers go into the game state
(``runner.answer_check``), so a save keeps them; the scene dismisses with True, or with False
when the learner skipped (what was not answered is kept as unanswered, and a check skipped as
a whole has no score).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from roleplay.engine._knowledge import UNANSWERED
from roleplay.gui.chrome import draw_backdrop, draw_key_hints
from roleplay.gui.painter import LOGICAL_H, LOGICAL_W, FRect, Painter
from roleplay.gui.scene import Scene
from roleplay.gui.widgets import ACTIVATE, NAV_NEXT, NAV_PREV, Button, Scroller, draw_button
from roleplay.learner.desktop.scenes.check.layout import (
    LEFT,
    VIEW,
    WIDTH,
    CheckLayout,
    Feedback,
    OptionLook,
    draw_feedback,
    draw_option,
    draw_question,
    feedback_for,
    layout_check,
)

if TYPE_CHECKING:
    from roleplay.engine._knowledge import CheckQuestionView
    from roleplay.engine._model import CheckQuestion
    from roleplay.gui.app import App
    from roleplay.learner.desktop.session import Session

#: After a question appears or is answered, answering and Next wait this long (a key pressed
#: for what was shown a moment before must not answer what is shown now).
GUARD_S = 0.4
BAR_TOP = 620
PHASES = {
    "before": (
        "BEFORE YOU PLAY",
        "What do you think? You will be asked the same questions again at the end.",
    ),
    "after": ("AFTER PLAYING", "The same questions again, now that you have played."),
}
NUMBER_KEYS = {getattr(pygame, f"K_{n}"): n for n in range(1, 10)}
NUMBER_KEYS.update({getattr(pygame, f"K_KP{n}"): n for n in range(1, 10)})


class CheckScene(Scene):
    """One question at a time; answers are kept in the runner when the check is done."""

    full_bleed = True

    def __init__(self, app: App, session: Session, phase: str) -> None:
        """Ask ``session``'s scenario's questions for ``phase`` ("before" or "after")."""
        super().__init__(app)
        self.session = session
        self.phase = phase
        self.questions = session.runner.check_questions()
        self.answers: list[int] = []  # option indices as written, one per question done
        self.chosen: int | None = None  # shown position of the current question's answer
        self.focus = 0
        self.guard = GUARD_S
        self.scroller = Scroller(view_height=VIEW.height, step=60)
        self.skip_button = Button(
            "Skip", FRect(LEFT, BAR_TOP + 14, 150, 50), self.skip, style="quiet", key="skip"
        )
        self.next_button = Button(
            "Next",
            FRect(LEFT + WIDTH - 240, BAR_TOP + 14, 240, 50),
            self.next,
            enabled=False,
            style="primary",
            key="next",
        )
        self._announce()

    # -- what is shown -----------------------------------------------------------------------
    @property
    def question(self) -> CheckQuestionView:
        """The question being asked."""
        return self.questions[len(self.answers)]

    @property
    def spec(self) -> CheckQuestion:
        """The current question as written (which answer is right, the explanations)."""
        return self.session.scenario.spec.check[self.question.number - 1]

    @property
    def answered(self) -> bool:
        """True once the current question has an answer (its feedback is shown)."""
        return self.chosen is not None

    @property
    def feedback(self) -> Feedback | None:
        """Whether the answer was right and why (None before answering)."""
        if self.chosen is None:
            return None
        return feedback_for(self.spec, self.question.options[self.chosen].index)

    def layout(self, painter: Painter) -> CheckLayout:
        """The current question laid out for ``painter``."""
        return layout_check(painter, self.question, self.feedback)

    def option_rects(self) -> tuple[FRect, ...]:
        """The answers' boxes on screen (logical coordinates, scrolled)."""
        top = VIEW.top - self.scroller.offset
        return tuple(r.move(0, top) for r in self.layout(self.app.painter).options)

    def _announce(self) -> None:
        question = self.question
        total = len(self.questions)
        options = ". ".join(f"{o.number}: {o.text}" for o in question.options)
        self.app.voice.say(f"Question {question.number} of {total}. {question.question} {options}")

    # -- answering ---------------------------------------------------------------------------
    def answer(self, shown: int) -> bool:
        """Answer with the option shown at ``shown`` (0-based); False when not taken now."""
        if self.answered or self.guard > 0 or not 0 <= shown < len(self.question.options):
            return False
        self.chosen = self.focus = shown
        self.guard = GUARD_S
        self._label_next()
        feedback = self.feedback
        assert feedback is not None
        self._measure()
        self.scroller.to_end()
        self.app.voice.say(f"{feedback.verdict} {' '.join(feedback.paragraphs)}")
        return True

    def next(self) -> None:
        """Keep the answer and show the next question, or finish after the last one."""
        if self.chosen is None or self.guard > 0:
            return
        self.answers.append(self.question.options[self.chosen].index)
        if len(self.answers) == len(self.questions):
            self._finish(done=True)
            return
        self.chosen = None
        self.focus = 0
        self.guard = GUARD_S
        self.scroller.offset = 0.0
        self.next_button.enabled = False
        self._announce()

    def skip(self) -> None:
        """Stop asking: an answer already given is kept, the rest are left unanswered."""
        if self.chosen is not None:
            self.answers.append(self.question.options[self.chosen].index)
        self.answers += [UNANSWERED] * (len(self.questions) - len(self.answers))
        self._finish(done=False)

    def _finish(self, done: bool) -> None:
        self.session.runner.answer_check(self.phase, self.answers)
        self.dismiss(done)

    def _label_next(self) -> None:
        """Next is live once answered; after the last question it says where it leads."""
        self.next_button.enabled = True
        if len(self.answers) < len(self.questions) - 1:
            self.next_button.label = "Next"
        else:
            self.next_button.label = (
                "Start playing" if self.phase == "before" else "See the debrief"
            )

    def _measure(self) -> None:
        self.scroller.content_height = self.layout(self.app.painter).height

    def _show_focus(self) -> None:
        """Scroll so that the focused answer is in view."""
        rect = self.layout(self.app.painter).options[self.focus]
        offset = self.scroller.offset
        if rect.top < offset:
            self.scroller.scroll(rect.top - offset)
        elif rect.bottom > offset + VIEW.height:
            self.scroller.scroll(rect.bottom - offset - VIEW.height)

    # -- input -------------------------------------------------------------------------------
    def handle_event(self, event: pygame.event.Event) -> None:
        """Number keys answer; arrows move; Enter answers, then goes on; Esc skips."""
        self._measure()
        if event.type == pygame.KEYDOWN:
            self._key(event)
        elif event.type == pygame.MOUSEWHEEL:
            self.scroller.handle(event)
        else:
            logical = self.app.logical(event)
            if logical is not None:
                self._mouse(event, logical)

    def _key(self, event: pygame.event.Event) -> None:
        count = len(self.question.options)
        if event.key == pygame.K_ESCAPE:
            self.skip()
        elif event.key in NUMBER_KEYS:
            self.answer(NUMBER_KEYS[event.key] - 1)
        elif event.key in ACTIVATE:
            if self.answered:
                self.next()
            else:
                self.answer(self.focus)
        elif not self.answered and event.key in (*NAV_PREV, *NAV_NEXT):
            self.focus = (self.focus + (-1 if event.key in NAV_PREV else 1)) % count
            self._show_focus()
            option = self.question.options[self.focus]
            self.app.voice.say(f"{option.number}: {option.text}")
        else:
            self.scroller.handle(event)

    def _mouse(self, event: pygame.event.Event, logical: tuple[float, float]) -> None:
        inside = VIEW.collidepoint(logical)
        hit = next(
            (i for i, r in enumerate(self.option_rects()) if inside and r.collidepoint(logical)),
            None,
        )
        if event.type == pygame.MOUSEMOTION and hit is not None and not self.answered:
            self.focus = hit
        if event.type != pygame.MOUSEBUTTONUP or event.button != 1:
            return
        if hit is not None:
            self.answer(hit)
        elif self.skip_button.rect.collidepoint(logical):
            self.skip()
        elif self.answered and self.next_button.rect.collidepoint(logical):
            self.next()

    def update(self, dt: float) -> bool:
        """Count the input guard down."""
        if self.guard <= 0:
            return False
        self.guard = max(0.0, self.guard - dt)
        return True

    # -- drawing -----------------------------------------------------------------------------
    def draw(self, painter: Painter) -> None:
        """Header, the scrolled question and answers, the button bar and key hints."""
        theme = painter.theme
        draw_backdrop(painter, "title", dim=235)
        self._draw_header(painter)
        layout = self.layout(painter)
        painter.clip(VIEW)
        top = VIEW.top - self.scroller.offset
        draw_question(painter, layout, top)
        self._draw_options(painter, layout, top)
        feedback = self.feedback
        if feedback is not None and layout.feedback is not None:
            draw_feedback(painter, layout.feedback.move(0, top), feedback, layout.feedback_size)
        painter.clip(None)
        track = FRect(LOGICAL_W - 26, VIEW.top, 6, VIEW.height)
        self.scroller.draw_bar(painter, track)
        painter.line((0, BAR_TOP), (LOGICAL_W, BAR_TOP), theme.grid, 1)
        draw_button(painter, self.skip_button, focused=False)
        draw_button(painter, self.next_button, focused=self.answered)
        draw_key_hints(painter, self._hints(), y=LOGICAL_H - 32)

    def _hints(self) -> str:
        if self.answered:
            return "Enter: next   ·   Up/Down scroll   ·   Esc skip the rest"
        count = len(self.question.options)
        return f"1-{count} answer   ·   Arrows move   ·   Enter choose   ·   Esc skip"

    def _draw_header(self, painter: Painter) -> None:
        theme = painter.theme
        label, intro = PHASES.get(self.phase, PHASES["before"])
        title = self.session.scenario.title.upper()
        painter.text(f"KNOWLEDGE CHECK · {label} · {title}", (LEFT, 30), 14, theme.accent, "bold")
        progress = f"Question {self.question.number} of {len(self.questions)}"
        painter.text(progress, (LEFT + WIDTH, 28), 17, theme.text, "bold", anchor="topright")
        painter.paragraph(intro, FRect(LEFT, 56, WIDTH, 30), 18, theme.text_muted, max_lines=1)

    def _draw_options(self, painter: Painter, layout: CheckLayout, top: float) -> None:
        right = next(i for i, o in enumerate(self.question.options) if self._is_right(o.index))
        for shown, rect in enumerate(layout.options):
            look = OptionLook(
                focused=shown == self.focus,
                answered=self.answered,
                picked=shown == self.chosen,
                right=shown == right,
            )
            number = self.question.options[shown].number
            lines = layout.option_lines[shown]
            draw_option(painter, rect.move(0, top), number, lines, layout.option_size, look)

    def _is_right(self, index: int) -> bool:
        return self.spec.options[index].correct
