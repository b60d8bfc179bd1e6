"""Terminal play: lines are printed, numbers are read at choices only."""

from __future__ import annotations

import json
import sys
import textwrap
from collections.abc import Iterator
from typing import TextIO

from roleplay.engine._runtime import Runner
from roleplay.engine._scenario import Scenario
from roleplay.engine._view import Line, View

#: Longest input line read as an answer; a longer one is refused (and never held whole).
MAX_ANSWER_CHARS = 100
#: Stands for a line that was too long to be an answer.
TOO_LONG = "\x00too long"
_SKIP_CHARS = 1 << 16


class InputEnded(Exception):
    """Standard input closed before the scenario reached an ending."""


def read_answers(source: TextIO) -> Iterator[str]:
    """Each input line, or :data:`TOO_LONG` for a line over :data:`MAX_ANSWER_CHARS`.

    Lines are read with a size limit and the rest of a long line is skipped in pieces, so a
    200 MB line costs no more memory than a short one. Bytes that are not UTF-8 become U+FFFD.
    """
    reconfigure = getattr(source, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(errors="replace")
    while True:
        line = source.readline(MAX_ANSWER_CHARS + 1)
        if not line:
            return
        if len(line) <= MAX_ANSWER_CHARS or line.endswith("\n"):
            yield line
            continue
        while line and not line.endswith("\n"):
            line = source.readline(_SKIP_CHARS)
        yield TOO_LONG


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


def _ask(view: View, lines: Iterator[str], out: TextIO) -> int:
    """Read until a valid, available 1-based number is given; return the 0-based index."""
    count = len(view.choices)
    while True:
        print(f"Choose 1-{count}:", file=out, flush=True)
        raw = next(lines, None)
        if raw is None:
            raise InputEnded
        if raw is TOO_LONG:
            print(
                f"That line is over {MAX_ANSWER_CHARS} characters. "
                f"Enter a number from 1 to {count}.",
                file=out,
            )
            continue
        text = raw.strip()
        if not (text.isascii() and text.isdigit() and len(text) < 6) or not 1 <= int(text) <= count:
            print(f"'{text}' is not a choice. Enter a number from 1 to {count}.", file=out)
            continue
        choice = view.choices[int(text) - 1]
        if not choice.available:
            hint = (choice.locked_hint or "its condition does not hold yet").rstrip(".")
            print(f"Choice {text} is locked: {hint}. Pick another.", file=out)
            continue
        return int(text) - 1


def play_text(
    scenario: Scenario, source: TextIO, out: TextIO, *, as_json: bool = False
) -> tuple[int, list[int]]:
    """Play ``scenario`` reading choices from ``source``; return (exit code, numbers chosen)."""
    runner = Runner(scenario)
    lines = read_answers(source)
    numbers: list[int] = []
    print(f"== {scenario.title} ==", file=out)
    while True:
        view = runner.view()
        for line in view.lines:
            print(_format_line(line), file=out)
        if view.ending is not None:
            break
        if view.can_advance:
            runner.advance()
            continue
        print(file=out)
        _print_choices(view, out)
        try:
            index = _ask(view, lines, out)
        except InputEnded:
            print("Input ended before the scenario did.", file=sys.stderr)
            if as_json:
                print(json.dumps(_result(runner)), flush=True)
            return 1, numbers
        numbers.append(index + 1)
        print(f"> {view.choices[index].text}", file=out)
        runner.choose(index)
    _print_ending(runner, out)
    if as_json:
        print(json.dumps(_result(runner)), flush=True)
    return 0, numbers


def _result(runner: Runner) -> dict[str, object]:
    """The JSON result: the ending is null when the input ended first."""
    return {
        "scenario": runner.scenario.id,
        "ending": runner.state.ending,
        "meters": runner.state.meters,
        "path": runner.state.path,
    }


def _print_ending(runner: Runner, out: TextIO) -> None:
    ending = runner.ending_view()
    assert ending is not None
    print(f"\n*** {ending.title} ***\n{ending.text}\n", file=out)
    print(f"ENDING: {ending.id}", file=out)
    for meter_id, value in runner.state.meters.items():
        meter = runner.scenario.meters[meter_id]
        print(f"  {meter.label}: {value} ({meter.min}-{meter.max})", file=out)
    _print_debrief(runner, out)
    out.flush()


def _print_debrief(runner: Runner, out: TextIO) -> None:
    """The teaching: why this ending, then each decision's technique, effect and feedback."""
    from roleplay.engine._debrief import build_debrief

    debrief = build_debrief(runner.scenario, runner.state)
    ending = debrief.ending
    assert ending is not None
    print("\nDEBRIEF", file=out)
    if ending.debrief:
        print(textwrap.fill(ending.debrief, 88), file=out)
    print(textwrap.fill(f"Why this ending: {debrief.rule_text}.", 88), file=out)
    for decision in debrief.decisions:
        changes = ", ".join(
            f"{debrief.meter_labels.get(k, k)} {v:+d}" for k, v in decision.deltas.items()
        )
        print(f"\n{decision.index + 1}. {decision.choice_text}", file=out)
        print(
            f"   {decision.technique_label} ({decision.family})"
            + (f"; {changes}" if changes else ""),
            file=out,
        )
        if decision.feedback:
            print(textwrap.indent(textwrap.fill(decision.feedback, 84), "   "), file=out)
    profile = ", ".join(f"{family} {count}" for family, count in debrief.profile.items())
    print(f"\nYour influence profile: {profile}", file=out)
