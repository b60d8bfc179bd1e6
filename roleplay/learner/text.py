"""Terminal play: lines are printed, numbers are read at choices (and knowledge-check questions).

Choices are shown in the order the playthrough's seed gives them (``--seed`` repeats an order);
a scenario's knowledge check is asked before and after play, and the debrief shows why the
ending was reached, what the goal still needed, the expert's road and the check's results.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import TextIO

from roleplay.engine._knowledge import CheckQuestionView
from roleplay.engine._runtime import Runner
from roleplay.engine._scenario import Scenario
from roleplay.engine._shuffle import new_seed
from roleplay.engine._view import Line, View
from roleplay.learner._text_debrief import print_check_results, print_debrief

#: Finds the expert's road for a debrief: (scenario, the learner's choice ids) -> ids or None.
ExpertFinder = Callable[[Scenario, Sequence[str]], Sequence[str] | None]


class InputEnded(Exception):
    """Standard input closed before the scenario reached an ending."""


def _format_line(line: Line) -> str:
    if line.name is None:
        return f"  {line.text}"
    mood = f" ({line.expression})" if line.expression and line.expression != "neutral" else ""
    return f"{line.name}{mood}: {line.text}"


def _print_choices(view: View, out: TextIO) -> None:
    for choice in view.choices:
        if choice.available:
            print(f"  {choice.number}. {choice.text}", file=out)
        else:
            hint = f" [{choice.locked_hint}]" if choice.locked_hint else ""
            print(f"  {choice.number}. (locked) {choice.text}{hint}", file=out)


def _read_number(count: int, lines: Iterator[str], out: TextIO) -> int:
    """Read until a number from 1 to ``count`` is given; return it."""
    while True:
        print(f"Choose 1-{count}:", file=out, flush=True)
        raw = next(lines, None)
        if raw is None:
            raise InputEnded
        text = raw.strip()
        if text.isascii() and text.isdigit() and 1 <= int(text) <= count:
            return int(text)
        print(f"'{text}' is not a choice. Enter a number from 1 to {count}.", file=out)


def _ask(view: View, lines: Iterator[str], out: TextIO) -> int:
    """Read until an available choice's number is given; return its 0-based index."""
    while True:
        number = _read_number(len(view.choices), lines, out)
        choice = view.choices[number - 1]
        if choice.available:
            return number - 1
        hint = (choice.locked_hint or "its condition does not hold yet").rstrip(".")
        print(f"Choice {number} is locked: {hint}. Pick another.", file=out)


def _ask_check(
    questions: tuple[CheckQuestionView, ...], heading: str, lines: Iterator[str], out: TextIO
) -> list[int]:
    """Ask the knowledge check; return the answers as option indices as written."""
    print(f"\n{heading}", file=out)
    answers = []
    for question in questions:
        print(f"\n{question.number}. {question.question}", file=out)
        for option in question.options:
            print(f"  {option.number}. {option.text}", file=out)
        number = _read_number(len(question.options), lines, out)
        answers.append(question.options[number - 1].index)
    return answers


def play_text(
    scenario: Scenario,
    source: TextIO,
    out: TextIO,
    *,
    as_json: bool = False,
    seed: int | None = None,
    check: bool = True,
    expert: ExpertFinder | None = None,
) -> tuple[int, list[str]]:
    """Play ``scenario`` reading numbers from ``source``; return (exit code, choice ids taken).

    ``seed`` orders the choices (a fresh one when None); ``check`` asks the scenario's knowledge
    check before and after play; ``expert`` finds the expert's road for the debrief.
    """
    runner = Runner(scenario, seed=new_seed() if seed is None else seed)
    lines = iter(source.readline, "")
    print(f"== {scenario.title} ==", file=out)
    questions = runner.check_questions() if check else ()
    try:
        if questions:
            heading = "Before you start, what do you think? (asked again at the end)"
            runner.answer_check("before", _ask_check(questions, heading, lines, out))
        _play(runner, lines, out)
        _print_ending(runner, out)
        if questions:
            heading = "Now that you have played: the same questions again."
            runner.answer_check("after", _ask_check(questions, heading, lines, out))
    except InputEnded:
        print("Input ended before the scenario did.", file=sys.stderr)
        if as_json:
            print(json.dumps(_result(runner)), flush=True)
        return 1, _taken(runner)
    _debrief(runner, expert, out)
    if as_json:
        print(json.dumps(_result(runner)), flush=True)
    return 0, _taken(runner)


def _play(runner: Runner, lines: Iterator[str], out: TextIO) -> None:
    """Play from the start to an ending (raises InputEnded when the input runs out)."""
    while True:
        view = runner.view()
        for line in view.lines:
            print(_format_line(line), file=out)
        if view.ending is not None:
            return
        if view.can_advance:
            runner.advance()
            continue
        print(file=out)
        _print_choices(view, out)
        index = _ask(view, lines, out)
        print(f"> {view.choices[index].text}", file=out)
        runner.choose(index)


def _taken(runner: Runner) -> list[str]:
    return [step.choice_id for step in runner.state.history]


def _result(runner: Runner) -> dict[str, object]:
    """The JSON result: the ending is null when the input ended first."""
    from roleplay.engine._knowledge import check_results

    result: dict[str, object] = {
        "scenario": runner.scenario.id,
        "ending": runner.state.ending,
        "meters": runner.state.meters,
        "path": runner.state.path,
        "choices": _taken(runner),
        "seed": runner.state.seed,
    }
    results = check_results(runner.scenario, runner.state)
    if results is not None:
        result["check"] = {
            "before": results.score_before,
            "after": results.score_after,
            "total": results.total,
        }
    return result


def _print_ending(runner: Runner, out: TextIO) -> None:
    ending = runner.ending_view()
    assert ending is not None
    print(f"\n*** {ending.title} ***\n{ending.text}\n", file=out)
    print(f"ENDING: {ending.id}", file=out)
    for meter_id, value in runner.state.meters.items():
        meter = runner.scenario.meters[meter_id]
        print(f"  {meter.label}: {value} ({meter.min}-{meter.max})", file=out)
    out.flush()


def _debrief(runner: Runner, expert: ExpertFinder | None, out: TextIO) -> None:
    """The teaching: why this ending, each decision, the expert's road, the check."""
    from roleplay.engine._debrief import build_debrief

    road = expert(runner.scenario, _taken(runner)) if expert is not None else None
    debrief = build_debrief(runner.scenario, runner.state, expert_path=road)
    print_debrief(debrief, out)
    if debrief.knowledge is not None:
        print_check_results(debrief.knowledge, out)
    out.flush()
