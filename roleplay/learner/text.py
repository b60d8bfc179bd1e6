"""Terminal play: lines are printed, wrapped to the terminal; numbers are read at choices.

At a choice the player may also type a command: ``help``, ``h`` (history), ``b`` (take back
the last choice, practice mode) or ``q`` (quit, saving an autosave the desktop game's Continue
picks up). Choices are shown in the order the playthrough's seed gives them (``--seed`` repeats
an order); a scenario's knowledge check is asked before and after play, and the debrief shows
why the ending was reached, what the goal still needed, the expert's road and the check.
"""

from __future__ import annotations

import json
import shutil
import sys
import textwrap
from collections.abc import Callable, Iterator, Sequence
from typing import TextIO

from roleplay.engine._knowledge import CheckQuestionView
from roleplay.engine._runtime import Runner
from roleplay.engine._scenario import Scenario
from roleplay.engine._shuffle import new_seed
from roleplay.engine._state import GameState, Mode
from roleplay.engine._view import Line, View
from roleplay.learner._text_debrief import (
    hanging,
    print_check_results,
    print_debrief,
    print_ending,
)

#: Finds the expert's road for a debrief: (scenario, the learner's choice ids) -> ids or None.
ExpertFinder = Callable[[Scenario, Sequence[str]], Sequence[str] | None]

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
        hang = hanging(choice.number)
        if choice.available:
            _say(f"{choice.number}. {choice.text}", out, indent="  ", hang=hang)
        else:
            hint = f" [{choice.locked_hint}]" if choice.locked_hint else ""
            _say(f"{choice.number}. (locked) {choice.text}{hint}", out, indent="  ", hang=hang)


def _ask(view: View, lines: Iterator[str], out: TextIO) -> int | str:
    """Read until a valid, available 1-based number (returned 0-based) or a command."""
    count = len(view.choices)
    while True:
        print(f"Choose 1-{count} (or help):", file=out, flush=True)
        raw = next(lines, None)
        if raw is None:
            raise InputEnded
        if raw is TOO_LONG:
            too_long = f"That line is over {MAX_ANSWER_CHARS} characters."
            _say(f"{too_long} Enter a number from 1 to {count}.", out, hang="")
            continue
        text = raw.strip()
        if text.lower() in COMMANDS:
            return COMMANDS[text.lower()]
        if not (text.isascii() and text.isdigit() and len(text) < 6) or not 1 <= int(text) <= count:
            _say(
                f"'{text}' is not a choice. Enter a number from 1 to {count}, or help.",
                out,
                hang="",
            )
            continue
        choice = view.choices[int(text) - 1]
        if not choice.available:
            hint = (choice.locked_hint or "its condition does not hold yet").rstrip(".")
            _say(f"Choice {text} is locked: {hint}. Pick another.", out, hang="")
            continue
        return int(text) - 1


class _Game:
    """One terminal playthrough: the runner and what was said."""

    def __init__(
        self,
        scenario: Scenario,
        out: TextIO,
        mode: Mode,
        seed: int | None,
        state: GameState | None,
    ) -> None:
        self.runner = (
            Runner(scenario, mode=mode, seed=seed) if state is None else Runner(scenario, state)
        )
        self.out = out
        self.said: list[str] = []
        self.place: str | None = None  # the place title last shown

    @property
    def taken(self) -> list[str]:
        """The ids of the choices taken (taken-back ones are gone)."""
        return [step.choice_id for step in self.runner.state.history]

    def show(self, view: View) -> None:
        if view.title and view.title != self.place:  # a new place: say where we are
            self.place = view.title
            print(file=self.out)
            _say(f"-- {view.title} --", self.out, hang="   ")
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
                self.runner.choose(answer)  # taken before the echo, which may meet a closed pipe
                self.said.append(f"> {view.choices[answer].text}")
                _say(f"> {view.choices[answer].text}", self.out)
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


def _read_number(count: int, lines: Iterator[str], out: TextIO) -> int:
    """Read until a number from 1 to ``count`` is given; return it."""
    while True:
        print(f"Choose 1-{count}:", file=out, flush=True)
        raw = next(lines, None)
        if raw is None:
            raise InputEnded
        text = "" if raw is TOO_LONG else raw.strip()
        if COMMANDS.get(text.lower()) == "quit":
            raise Quit
        if text.isascii() and text.isdigit() and len(text) < 6 and 1 <= int(text) <= count:
            return int(text)
        print(f"That is not an answer. Enter a number from 1 to {count}.", file=out)


def _ask_check(
    questions: tuple[CheckQuestionView, ...], heading: str, lines: Iterator[str], out: TextIO
) -> list[int]:
    """Ask the knowledge check; return the answers as option indices as written."""
    print(file=out)
    _say(heading, out, hang="")
    answers = []
    for question in questions:
        print(file=out)
        _say(f"{question.number}. {question.question}", out, hang=hanging(question.number))
        for option in question.options:
            _say(f"{option.number}. {option.text}", out, indent="  ", hang=hanging(option.number))
        number = _read_number(len(question.options), lines, out)
        answers.append(question.options[number - 1].index)
    return answers


def play_text(
    scenario: Scenario,
    source: TextIO,
    out: TextIO,
    *,
    as_json: bool = False,
    mode: Mode = "practice",
    state: GameState | None = None,
    seed: int | None = None,
    shuffle: bool = True,
    check: bool = True,
    expert: ExpertFinder | None = None,
) -> tuple[int, list[str]]:
    """Play ``scenario`` reading choices from ``source``; return (exit code, choice ids taken).

    Exit code 0 at an ending, when the player quits (saved) or when ``out`` is closed by its
    reader (``| head``: the choices so far are returned), 1 when the input ends first.
    ``state`` starts elsewhere than the scenario's start (see :func:`roleplay.start_state`).
    ``seed`` orders the choices (a fresh one when None; ``shuffle=False`` shows them as
    written); ``check`` asks the scenario's knowledge check before and after play; ``expert``
    finds the expert's road for the debrief.
    """
    if seed is None and shuffle:
        seed = new_seed()
    game = _Game(scenario, out, mode, seed, state)
    lines = read_answers(source)
    _say(f"== {scenario.title} ==", out, hang="   ")
    if game.runner.state.origin is not None:
        print(f"(starting at node '{game.runner.state.node}')", file=out)
    questions = game.runner.check_questions() if check and state is None else ()
    code = _session(game, lines, questions, expert)
    if code is None:
        return 0, game.taken  # the reader went away (| head): what was played so far stands
    if as_json:
        print(json.dumps(_result(game.runner)), flush=True)
    return code, game.taken


def _session(
    game: _Game,
    lines: Iterator[str],
    questions: tuple[CheckQuestionView, ...],
    expert: ExpertFinder | None,
) -> int | None:
    """Check, play, ending, check again, debrief: the exit code (None: the output was closed)."""
    runner, out = game.runner, game.out
    try:
        if questions:
            heading = "Before you start, what do you think? (You will be asked again at the end.)"
            runner.answer_check("before", _ask_check(questions, heading, lines, out))
        _play(game, lines)
        print_ending(runner, out, _width())
        if questions:
            heading = "Now that you have played: the same questions again."
            runner.answer_check("after", _ask_check(questions, heading, lines, out))
        _debrief(runner, expert, out)
    except InputEnded:
        print("Input ended before the scenario did.", file=sys.stderr)
        return 1
    except Quit:
        return 0 if game.save_for_later() else 1
    except BrokenPipeError:
        return None
    return 0


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
    from roleplay.engine._knowledge import check_results

    result: dict[str, object] = {
        "scenario": runner.scenario.id,
        "ending": runner.state.ending,
        "meters": runner.state.meters,
        "path": runner.state.path,
        "choices": [step.choice_id for step in runner.state.history],
        "seed": runner.state.seed,
    }
    results = check_results(runner.scenario, runner.state)
    if results is not None and runner.state.check:
        result["check"] = {
            "before": results.score_before,
            "after": results.score_after,
            "total": results.total,
        }
    return result


def _debrief(runner: Runner, expert: ExpertFinder | None, out: TextIO) -> None:
    """The teaching: why this ending, each decision, the expert's road, the check."""
    from roleplay.engine._debrief import build_debrief

    taken = [step.choice_id for step in runner.state.history]
    road = expert(runner.scenario, taken) if expert is not None else None
    debrief = build_debrief(runner.scenario, runner.state, expert_path=road)
    print_debrief(debrief, out, _width())
    if debrief.knowledge is not None:
        print_check_results(debrief.knowledge, out, _width())
    out.flush()
