"""Saved games for the terminal player and ``roleplay play``: the autosave, save files, resuming.

Each scenario has one autosave, shared with the desktop game (its Continue picks it up). The
terminal player writes it after every decision, at the ending and when the player leaves (``q``,
the end of input, Ctrl-C), so it always holds the latest point. Saves are written atomically by
the engine's save API.

Assessment runs follow the desktop game's rule (``roleplay.learner.desktop.saves``): a run goes
on only from its autosave and only from the furthest point it reached, which the ledger of runs
remembers (every autosave here records it too); a new game gets a run id of its own.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from roleplay.engine._files import FileProblem, read_json_bounded
from roleplay.engine._runtime import Runner
from roleplay.engine._saves import MAX_SAVE_BYTES, SaveInfo, load_game, read_save_info, save_game
from roleplay.engine._scenario import Scenario
from roleplay.engine._state import GameState

#: How a save file is told from a scenario that is not named ``.json``: what it starts with.
_SNIFF_BYTES = 64
_YES = ("", "y", "yes")
_NO = ("n", "no")


def autosave_file(scenario_id: str) -> Path:
    """The autosave of a scenario (the one the desktop game's Continue resumes)."""
    from roleplay.learner.desktop.saves import autosave_path

    return autosave_path(scenario_id)


@dataclass(frozen=True)
class SavedGame:
    """A save file: its header and the state it holds, adapted to the scenario as loaded."""

    path: Path
    info: SaveInfo
    state: GameState

    @property
    def decision(self) -> int:
        """The decision the player was at (1-based): one more than the decisions made."""
        return len(self.state.history) + 1

    @property
    def assessment(self) -> bool:
        """True for a game played in assessment mode."""
        return self.state.mode == "assessment"

    def describe(self, now: datetime | None = None) -> str:
        """Where it was left and when, e.g. ``decision 3, 2 min ago``."""
        when = time_ago(self.info.saved_at, now)
        return f"decision {self.decision}" + (f", {when}" if when else "")


def read_saved_game(path: Path, scenario: Scenario) -> SavedGame:
    """The save in ``path`` for ``scenario``; raises SaveError (corrupt, another scenario's,
    made in a scene the scenario no longer has)."""
    info = read_save_info(path)
    return SavedGame(path, info, load_game(path, scenario))


def find_autosave(scenario: Scenario) -> SavedGame | None:
    """The scenario's autosave, or None when there is none; SaveError when it cannot be read."""
    path = autosave_file(scenario.id)
    if not path.exists():
        return None
    return read_saved_game(path, scenario)


def assessment_problem(saved: SavedGame) -> str:
    """Why the assessment run in ``saved`` cannot go on from it ("" when it can, and for
    practice): only from the run's autosave, and only at the furthest point it reached."""
    from roleplay.learner.desktop import saves

    info, name = saved.info, saved.path.name
    own = is_autosave(saved.path, info.scenario_id)
    refusal = saves.assessment_refusal(
        saves.autosave_path(info.scenario_id) if own else saved.path, info
    )
    if refusal == saves.NOT_THE_RUNS_SAVE:
        return (
            f"{name} holds an assessment run, which goes on only from its autosave, never from "
            f"an earlier save (roleplay play --text {info.scenario_id} --continue)"
        )
    if refusal == saves.RUN_HAS_MOVED_ON:
        return (
            f"{name} holds an assessment run at decision {saved.decision}, but the run has gone "
            "further since: its first choices stand (--new starts a new run)"
        )
    return refusal


def is_autosave(path: Path, scenario_id: str) -> bool:
    """True when ``path`` is the autosave of ``scenario_id`` (not a slot or a copy elsewhere)."""
    try:
        return path.resolve() == autosave_file(scenario_id).resolve()
    except OSError:
        return False


def is_save_file(path: Path) -> bool:
    """True when ``path`` holds (or, named ``.json``, should hold) a saved game, not a scenario.

    A ``.json`` file is a save unless it is readable JSON without a save's ``state``; any other
    file is one when it is JSON holding ``scenario_id`` and ``state`` (scenarios are YAML).
    """
    named_json = path.suffix.lower() == ".json"
    if not named_json and not _starts_like_json(path):
        return False
    try:
        data = read_json_bounded(path, MAX_SAVE_BYTES)
    except FileProblem:
        return named_json  # a damaged save: reading it as one says what is wrong
    if not isinstance(data, dict):
        return named_json
    return "state" in data and ("scenario_id" in data or named_json)


def _starts_like_json(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            start = handle.read(_SNIFF_BYTES)
    except OSError:
        return False
    return start.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{")


def time_ago(saved_at: str, now: datetime | None = None) -> str:
    """``just now``, ``2 min ago``, ``3 h ago``, ``2 days ago`` or the date ("" if unreadable)."""
    try:
        moment = datetime.fromisoformat(saved_at)
    except ValueError:
        return ""
    if moment.tzinfo is None:
        moment = moment.astimezone()
    seconds = ((now or datetime.now(UTC)) - moment).total_seconds()
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        return f"{int(seconds // 60)} min ago"
    if seconds < 86400:
        return f"{int(seconds // 3600)} h ago"
    days = int(seconds // 86400)
    if days < 7:
        return "1 day ago" if days == 1 else f"{days} days ago"
    return "on " + moment.astimezone().strftime("%d %b %Y").lstrip("0")


def ask_to_continue(saved: SavedGame, answers: Iterator[str], say: Callable[[str], None]) -> bool:
    """Ask whether to continue ``saved`` (Enter means yes) until answered y or n.

    Raises EOFError when the input ends first.
    """
    game = "your assessment" if saved.assessment else ""
    question = f"Continue {game} where you left off ({saved.describe()})? [Y/n]"
    while True:
        say(" ".join(question.split()))
        answer = next(answers, None)
        if answer is None:
            raise EOFError
        text = answer.strip().lower()
        if text in _YES or text in _NO:
            return text in _YES
        say("Answer y to continue that game or n to start a new one (it replaces the autosave).")


class Autosaver:
    """Keeps a run's autosave at its latest point and says where it is when the player leaves.

    ``resumed`` is True when the run continues a save: writing over the autosave is then always
    safe. A new run writes it only once a decision has been made, so leaving at the very start
    keeps an older game's autosave.
    """

    def __init__(self, runner: Runner, *, resumed: bool = False) -> None:
        """Follow ``runner`` (a run without an id gets one); nothing is written yet."""
        if not runner.state.run_id:
            runner.state.run_id = uuid.uuid4().hex
        self.runner = runner
        self.wrote = resumed
        self.failure = ""  # why the last write failed ("" when it did not)
        self.path: Path | None = None

    def save(self) -> bool:
        """Write the autosave now (and an assessment run's progress to the ledger); False, with
        :attr:`failure` set, when it cannot be."""
        from roleplay.learner.desktop import runs

        runner = self.runner
        try:
            self.path = autosave_file(runner.scenario.id)
            save_game(self.path, runner.scenario, runner.state, label="Autosave")
            runs.record_progress(runner.state)
        except OSError as exc:  # a full disk or a read-only data folder
            self.failure = exc.strerror or str(exc)
            return False
        self.wrote, self.failure = True, ""
        return True

    def keep(self) -> str:
        """Write the autosave when the player stops here (``q``): what to tell them."""
        return self.where() if self.save() else f"Could not save for later: {self.failure}."

    def keep_on_leaving(self) -> str:
        """Like :meth:`keep` when input ends or Ctrl-C is pressed, except that a new run with
        no decision made leaves the autosave alone."""
        if not self.wrote and not self.runner.state.history:
            return "Nothing was saved: no decision had been made yet."
        return self.keep()

    def where(self) -> str:
        """Where the game was saved and how to continue it."""
        state = self.runner.state
        if state.ending is not None:
            return f"Saved the finished game in {self.path}."
        return (
            f"Saved your place (decision {len(state.history) + 1}) in {self.path}. Play this "
            "scenario again to continue it (with piped input, add --continue); the desktop "
            "game's Continue picks it up too."
        )
