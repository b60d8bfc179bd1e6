"""The knowledge check: a scenario's multiple-choice questions, asked before and after play.

Answers are kept in the game state (``state.check[phase]``, one option index per question, in
the order the options are written; -1 for a question left unanswered), so a save keeps them and
the debrief can compare before with after. A phase whose every answer is -1 was skipped: it has
no score.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from roleplay.engine._errors import ChoiceError
from roleplay.engine._scenario import Scenario
from roleplay.engine._shuffle import shuffled
from roleplay.engine._state import CHECK_PHASES, GameState

UNANSWERED = -1


@dataclass(frozen=True, slots=True)
class CheckOptionView:
    """An answer to show: its 1-based number on screen and its index as written."""

    number: int
    index: int
    text: str


@dataclass(frozen=True, slots=True)
class CheckQuestionView:
    """A question to show with its answers in the order this playthrough shows them."""

    number: int
    question: str
    options: tuple[CheckOptionView, ...]


@dataclass(frozen=True, slots=True)
class QuestionResult:
    """One question as the debrief explains it (answers are option indices as written)."""

    question: str
    options: tuple[str, ...]
    explanations: tuple[str, ...]
    correct: int
    before: int | None
    after: int | None


@dataclass(frozen=True, slots=True)
class KnowledgeCheck:
    """The knowledge check's results: per question, and scores before and after play."""

    questions: tuple[QuestionResult, ...]
    score_before: int | None
    score_after: int | None

    @property
    def total(self) -> int:
        """How many questions there are."""
        return len(self.questions)


def check_questions(scenario: Scenario, seed: int | None) -> tuple[CheckQuestionView, ...]:
    """The scenario's questions, each with its answers in the order ``seed`` shows them."""
    views = []
    for number, question in enumerate(scenario.spec.check, start=1):
        indexed = list(enumerate(question.options))
        if question.shuffle:
            indexed = shuffled(indexed, seed, f"check:{number}", lambda pair: str(pair[0]))
        options = tuple(
            CheckOptionView(shown, index, option.text)
            for shown, (index, option) in enumerate(indexed, start=1)
        )
        views.append(CheckQuestionView(number, question.question, options))
    return tuple(views)


def answer_check(scenario: Scenario, state: GameState, phase: str, answers: Sequence[int]) -> None:
    """Keep the answers of one phase ("before" or "after"): option indices as written.

    Raises :class:`ChoiceError` for an unknown phase or an answer that is not an option.
    """
    if phase not in CHECK_PHASES:
        raise ChoiceError(f"the knowledge check is taken 'before' or 'after', not {phase!r}")
    questions = scenario.spec.check
    if len(answers) != len(questions):
        raise ChoiceError(f"expected {len(questions)} answers, got {len(answers)}")
    for number, (answer, question) in enumerate(zip(answers, questions, strict=True), start=1):
        if answer != UNANSWERED and not 0 <= answer < len(question.options):
            raise ChoiceError(f"question {number} has no answer {answer + 1}")
    state.check[phase] = [int(a) for a in answers]


def check_results(scenario: Scenario, state: GameState) -> KnowledgeCheck | None:
    """The knowledge check's results in ``state`` (None when the scenario has no check)."""
    questions = scenario.spec.check
    if not questions:
        return None
    results = []
    for number, question in enumerate(questions):
        correct = next(i for i, o in enumerate(question.options) if o.correct)
        results.append(
            QuestionResult(
                question.question,
                tuple(o.text for o in question.options),
                tuple(o.explain for o in question.options),
                correct,
                _answer(state, "before", number),
                _answer(state, "after", number),
            )
        )
    return KnowledgeCheck(
        tuple(results), _score(state, "before", results), _score(state, "after", results)
    )


def _answer(state: GameState, phase: str, number: int) -> int | None:
    answers = state.check.get(phase)
    if answers is None or number >= len(answers) or answers[number] == UNANSWERED:
        return None
    return answers[number]


def _score(state: GameState, phase: str, results: Sequence[QuestionResult]) -> int | None:
    """Right answers in ``phase``; None when it was not asked or was skipped as a whole."""
    taken = [r.before if phase == "before" else r.after for r in results]
    if phase not in state.check or all(answer is None for answer in taken):
        return None
    return sum(answer == r.correct for answer, r in zip(taken, results, strict=True))
