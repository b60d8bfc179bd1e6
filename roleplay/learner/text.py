"""Terminal play: lines are printed, wrapped to the terminal; numbers are read at choices.

At a choice the player may also type a command: ``help``, ``h`` (history), ``b`` (take back
the last choice, practice mode) or ``q`` (quit, saving an autosave the desktop game's Continue
picks up).
"""

from __future__ import annotations

import json
import shutil
import sys
import textwrap
from collections.abc import Iterator
from typing import TextIO

from roleplay.engine._runtime import Runner
from roleplay.engine._scenario import Scenario
from roleplay.engine._state import GameState, Mode
from roleplay.engine._view import Line, View

#: Longest input line read as an answer; a longer one is refused (and never held whole).
MAX_ANSWER_CHARS = 100
#: Stands for a line that was too long to be an answer.
TOO_LONG = "\x00too long"
_SKIP_CHARS = 1 << 16
MIN_WIDTH = 30
COMMANDS = {
    "help": "help",
    "?": "help",
    "h": "history",
    "history": "history",
    "b": "back",
    "back": "back",
    "q": "quit",
    "quit": "quit",
}
HELP = (
    "Type the number of a choice to pick it. Commands: h shows what was said so far; "
    "b takes back your last choice (practice mode); q saves and quits (the desktop game's "
    "Continue picks it up); help shows this."
)


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


class Quit(Exception):
    """The player typed q: the game was saved for later."""


def _width() -> int:
    """The terminal's width in columns (80 when output is not a terminal)."""
    return max(MIN_WIDTH, shutil.get_terminal_size((80, 24)).columns)


def _say(text: str, out: TextIO, indent: str = "", hang: str = "  ") -> None:
    """Print text wrapped at word boundaries to the terminal width."""
    width = _width()
    wrapped = textwrap.fill(
        text,
        width,
        initial_indent=indent,
        subsequent_indent=indent + hang,
        break_long_words=False,
        break_on_hyphens=False,
    )
    print(wrapped, file=out)


def _format_line(line: Line) -> str:
    if line.name is None:
        return f"  {line.text}"
    mood = f" ({line.expression})" if line.expression and line.expression != "neutral" else ""
    return f"{line.name}{mood}: {line.text}"


def _print_choices(view: View, out: TextIO) -> None:
    if view.discussion:
        _say(f"Think about it: {view.discussion}", out)
        print(file=out)
    for choice in view.choices:
        if choice.available:
            _say(f"{choice.number}. {choice.text}", out, indent="  ", hang="   ")
        else:
            hint = f" [{choice.locked_hint}]" if choice.locked_hint else ""
            _say(f"{choice.number}. (locked) {choice.text}{hint}", out, indent="  ", hang="   ")


def _ask(view: View, lines: Iterator[str], out: TextIO) -> int | str:
    """Read until a valid, available 1-based number (returned 0-based) or a command."""
    count = len(view.choices)
    while True:
        print(f"Choose 1-{count} (or help):", file=out, flush=True)
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
        if text.lower() in COMMANDS:
            return COMMANDS[text.lower()]
        if not (text.isascii() and text.isdigit() and len(text) < 6) or not 1 <= int(text) <= count:
            print(f"'{text}' is not a choice. Enter a number from 1 to {count}, or help.", file=out)
            continue
        choice = view.choices[int(text) - 1]
        if not choice.available:
            hint = (choice.locked_hint or "its condition does not hold yet").rstrip(".")
            print(f"Choice {text} is locked: {hint}. Pick another.", file=out)
            continue
        return int(text) - 1


class _Game:
    """One terminal playthrough: the runner, what was said, and the numbers chosen."""

    def __init__(
        self, scenario: Scenario, out: TextIO, mode: Mode, state: GameState | None = None
    ) -> None:
        self.runner = Runner(scenario, mode=mode) if state is None else Runner(scenario, state)
        self.out = out
        self.said: list[str] = []
        self.numbers: list[int] = []

    def show(self, view: View) -> None:
        for line in view.lines:
            text = _format_line(line)
            self.said.append(text)
            narration = line.name is None
            _say(
                text.lstrip(),
                self.out,
                indent="  " if narration else "",
                hang="" if narration else "  ",
            )

    def decide(self, view: View, lines: Iterator[str]) -> bool:
        """Ask until a choice is taken (True) or taken back (False); raises Quit, InputEnded."""
        while True:
            answer = _ask(view, lines, self.out)
            if isinstance(answer, int):
                self.numbers.append(answer + 1)
                self.said.append(f"> {view.choices[answer].text}")
                _say(f"> {view.choices[answer].text}", self.out)
                self.runner.choose(answer)
                return True
            if answer == "quit":
                raise Quit
            if answer == "back" and self._take_back():
                return False
            if answer == "history":
                self._history()
            elif answer == "help":
                _say(HELP, self.out, hang="")

    def _take_back(self) -> bool:
        runner = self.runner
        if runner.state.mode != "practice":
            print("Taking back is off in assessment mode.", file=self.out)
            return False
        if not runner.can_rewind:
            print("There is no choice to take back yet.", file=self.out)
            return False
        runner.rewind()
        self.numbers.pop()
        print("Took back your last choice.\n", file=self.out)
        return True

    def _history(self) -> None:
        print("--- so far ---", file=self.out)
        for text in self.said:
            narration = text.startswith("  ")
            _say(
                text.lstrip(),
                self.out,
                indent="  " if narration else "",
                hang="" if narration else "  ",
            )
        print("---", file=self.out)

    def save_for_later(self) -> bool:
        """Write the autosave the desktop game's Continue resumes; False when it cannot be."""
        from roleplay.engine._saves import save_game
        from roleplay.learner.desktop.saves import autosave_path

        path = autosave_path(self.runner.scenario.id)
        try:
            save_game(path, self.runner.scenario, self.runner.state, label="Autosave")
        except OSError as exc:  # a full disk or a read-only data folder
            _say(f"Could not save for later: {exc.strerror or exc}.", self.out)
            return False
        _say(f"Saved. Continue on the desktop game's title screen picks it up ({path}).", self.out)
        return True


def play_text(
    scenario: Scenario,
    source: TextIO,
    out: TextIO,
    *,
    as_json: bool = False,
    mode: Mode = "practice",
    state: GameState | None = None,
) -> tuple[int, list[int]]:
    """Play ``scenario`` reading choices from ``source``; return (exit code, numbers chosen).

    Exit code 0 at an ending or when the player quits (saved), 1 when the input ends first.
    ``state`` starts elsewhere than the scenario's start (see :func:`roleplay.start_state`).
    """
    game = _Game(scenario, out, mode, state)
    lines = read_answers(source)
    print(f"== {scenario.title} ==", file=out)
    if game.runner.state.origin is not None:
        print(f"(starting at node '{game.runner.state.node}')", file=out)
    code = 0
    try:
        _play(game, lines)
    except InputEnded:
        print("Input ended before the scenario did.", file=sys.stderr)
        code = 1
    except Quit:
        code = 0 if game.save_for_later() else 1
    if game.runner.is_over:
        _print_ending(game.runner, out)
    if as_json:
        print(json.dumps(_result(game.runner)), flush=True)
    return code, game.numbers


def _play(game: _Game, lines: Iterator[str]) -> None:
    """Show beats and ask at decisions until an ending (raises InputEnded or Quit)."""
    runner = game.runner
    while True:
        view = runner.view()
        game.show(view)
        if view.ending is not None:
            return
        if view.can_advance:
            runner.advance()
            continue
        print(file=game.out)
        _print_choices(view, game.out)
        game.decide(view, lines)


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
    print(f"\n*** {ending.title} ***", file=out)
    _say(ending.text, out, hang="")
    print(file=out)
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
        _say(ending.debrief, out, hang="")
    _say(f"Why this ending: {debrief.rule_text}.", out, hang="")
    for decision in debrief.decisions:
        changes = ", ".join(
            f"{debrief.meter_labels.get(k, k)} {v:+d}" for k, v in decision.deltas.items()
        )
        print(file=out)
        _say(f"{decision.index + 1}. {decision.choice_text}", out, hang="   ")
        technique = f"{decision.technique_label} ({decision.family})"
        _say(technique + (f"; {changes}" if changes else ""), out, indent="   ", hang="")
        if decision.feedback:
            _say(decision.feedback, out, indent="   ", hang="")
    profile = ", ".join(f"{family} {count}" for family, count in debrief.profile.items())
    print(file=out)
    _say(f"Your influence profile: {profile}", out)
