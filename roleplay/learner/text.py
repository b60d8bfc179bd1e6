"""Terminal play: lines are printed, wrapped to the terminal; numbers are read at choices.

At a choice the player may also type a command: ``help``, ``h`` (history), ``b`` (take back
the last choice, practice mode) or ``q`` (save and quit). Choices are shown in the order the
playthrough's seed gives them (``--seed`` repeats an order); a scenario's knowledge check is
asked before and after play, and the debrief shows why the ending was reached, what the goal
still needed, the expert's road and the check.

The scenario's autosave (the desktop game's too, see :mod:`roleplay.learner._autosave`) is
written after every decision and at the ending, and again on ``q``, at the end of input and on
Ctrl-C, each time saying where; a saved game is continued by passing it as ``saved``.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from typing import TextIO

from roleplay.engine._knowledge import CheckQuestionView
from roleplay.engine._runtime import Runner
from roleplay.engine._scenario import Scenario
from roleplay.engine._shuffle import new_seed
from roleplay.engine._state import GameState, Mode
from roleplay.engine._view import Line, View
from roleplay.learner._autosave import Autosaver, SavedGame, ask_to_continue
from roleplay.learner._text_debrief import ExpertFinder as ExpertFinder
from roleplay.learner._text_debrief import hanging, json_result, print_ending, print_full_debrief
from roleplay.learner._text_io import MAX_ANSWER_CHARS as MAX_ANSWER_CHARS
from roleplay.learner._text_io import TOO_LONG, InputEnded, Quit
from roleplay.learner._text_io import read_answers as read_answers
from roleplay.learner._text_io import say as _say
from roleplay.learner._text_io import terminal_width as _width

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
    "b takes back your last choice (practice mode); q saves and quits (play the scenario "
    "again to continue; so does the desktop game's Continue); help shows this."
)


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
        *,
        resumed: bool = False,
    ) -> None:
        self.runner = (
            Runner(scenario, mode=mode, seed=seed) if state is None else Runner(scenario, state)
        )
        self.out = out
        self.said = [f"> {step.choice_text}" for step in self.runner.state.history]
        self.place: str | None = None  # the place title last shown
        self.beat_said = 0  # where the lines of the beat last shown begin in ``said``
        self.decided_at = list(range(len(self.said)))  # that place, for each decision taken
        self.autosave = Autosaver(self.runner, resumed=resumed)
        self.autosave_failed = False  # said once, not at every decision

    @property
    def taken(self) -> list[str]:
        """The ids of the choices taken (taken-back ones are gone)."""
        return [step.choice_id for step in self.runner.state.history]

    def show(self, view: View) -> None:
        if view.title and view.title != self.place:  # a new place: say where we are
            self.place = view.title
            print(file=self.out)
            _say(f"-- {view.title} --", self.out, hang="   ")
        self.beat_said = len(self.said)
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
                self.decided_at.append(self.beat_said)
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
        if self.decided_at:  # what was said from that decision's lines on is said again
            del self.said[self.decided_at.pop() :]
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

    def announce_start(self, resumed: bool) -> None:
        """Say when the run does not begin at the scenario's start."""
        state = self.runner.state
        if state.origin is not None and not state.history:
            print(f"(starting at node '{state.node}')", file=self.out)
        elif resumed and state.ending is not None:
            print("(continuing a finished game: its ending and debrief)", file=self.out)
        elif resumed:
            where = f"decision {len(state.history) + 1}"
            print(f"(continuing where you left off: {where})", file=self.out)

    def keep_autosave(self) -> None:
        """Write the autosave after a decision or at the ending; say once when it fails."""
        if not self.autosave.save() and not self.autosave_failed:
            self.autosave_failed = True
            failure = self.autosave.failure
            _say(f"(Autosave failed: {failure}. Type q to try saving again.)", self.out, hang="")

    def quit(self) -> int:
        """``q``: save for later and say where (1 when the save could not be written)."""
        _say(self.autosave.keep(), self.out, hang="")
        return 1 if self.autosave.failure else 0

    def leave(self, why: str, code: int) -> int:
        """Input ended or Ctrl-C was pressed: say so, save what there is to keep and say where."""
        print(why, file=sys.stderr)
        try:
            _say(self.autosave.keep_on_leaving(), sys.stderr, hang="")
        except KeyboardInterrupt:
            print("Interrupted again: not saved.", file=sys.stderr)
            return 130
        return code


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
    saved: SavedGame | None = None,
    ask: bool = False,
) -> tuple[int, list[str]]:
    """Play ``scenario`` reading choices from ``source``; return (exit code, choice ids taken).

    Exit code 0 at an ending, when the player quits (saved) or when ``out`` is closed by its
    reader (``| head``: the choices so far are returned), 1 when the input ends first, 130 on
    Ctrl-C. ``state`` starts elsewhere than the start (:func:`roleplay.start_state`); ``saved``
    continues a saved game (its place, order and mode), asking first with ``ask``. ``seed``
    orders a new game's choices (None: a fresh order; ``shuffle=False``: as written); ``check``
    asks the knowledge check before and after play; ``expert`` finds the expert's road.
    """
    lines = read_answers(source)
    _say(f"== {scenario.title} ==", out, hang="   ")
    try:
        resumed = saved is not None and (not ask or _wants_to_continue(saved, lines, out))
    except (EOFError, KeyboardInterrupt) as stop:
        return _stopped_before_play(stop), []
    state = saved.state if saved is not None and resumed else state
    seed = new_seed() if seed is None and shuffle else seed
    game = _Game(scenario, out, mode, seed, state, resumed=resumed)
    game.announce_start(resumed)
    code = _session(game, lines, check, expert)
    if code is None:
        return 0, game.taken  # the reader went away (| head): what was played so far stands
    if as_json:
        print(json.dumps(json_result(game.runner)), flush=True)
    return code, game.taken


def _wants_to_continue(saved: SavedGame, lines: Iterator[str], out: TextIO) -> bool:
    """Ask whether to continue ``saved`` (EOFError when the input ends first)."""

    def say(text: str) -> None:
        _say(text, out, hang="")
        out.flush()

    return ask_to_continue(saved, lines, say)


def _stopped_before_play(stop: BaseException) -> int:
    """The input ended or Ctrl-C was pressed at the question: say so; the exit code."""
    if isinstance(stop, KeyboardInterrupt):
        print("\nInterrupted; nothing was changed.", file=sys.stderr)
        return 130
    print("Input ended before the scenario did; nothing was changed.", file=sys.stderr)
    return 1


def _session(
    game: _Game, lines: Iterator[str], check: bool, expert: ExpertFinder | None
) -> int | None:
    """Check, play, ending, check again, debrief: the exit code (None: the output was closed)."""
    runner, out = game.runner, game.out
    try:
        if check:
            _check_when_due(game, "before", lines)
        _play(game, lines)
        game.keep_autosave()
        print_ending(runner, out, _width())
        if check and _check_when_due(game, "after", lines):
            game.keep_autosave()
        print_full_debrief(runner, expert, out, _width())
    except InputEnded:
        return game.leave("Input ended before the scenario did.", 1)
    except KeyboardInterrupt:
        return game.leave("\nInterrupted.", 130)
    except Quit:
        return game.quit()
    except BrokenPipeError:
        return None
    return 0


def _check_when_due(game: _Game, phase: str, lines: Iterator[str]) -> bool:
    """Ask the knowledge check ``before`` a new game's first decision or ``after`` its ending;
    never twice, nor in a run begun partway in. True when it was asked."""
    runner = game.runner
    state = runner.state
    first_time = phase not in state.check and state.origin is None
    due = first_time and (phase == "after" or not state.history)
    questions = runner.check_questions() if due else ()
    if not questions:
        return False
    heading = (
        "Before you start, what do you think? (You will be asked again at the end.)"
        if phase == "before"
        else "Now that you have played: the same questions again."
    )
    runner.answer_check(phase, _ask_check(questions, heading, lines, game.out))
    return True


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
        game.keep_autosave()
