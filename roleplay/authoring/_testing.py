"""``roleplay test``: replay playthrough files and compare each run with what it expects.

Every difference is reported, not only the first: the ending, each meter, each flag, the path,
and a choice that could not be made (with what was offered instead). A recorded choice without
an id that has moved is found by its text (:mod:`roleplay.authoring._moved_choices`) and noted.
The file format (and recording a run) is the engine's: :mod:`roleplay.engine._playthrough`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from roleplay.authoring._moved_choices import locate
from roleplay.engine._diagnostics import did_you_mean
from roleplay.engine._errors import ChoiceError
from roleplay.engine._loader import load_scenario
from roleplay.engine._playthrough import (
    IDS_ONLY_FORMAT,
    SUFFIX,
    Expectation,
    PlaythroughSpec,
    Recorded,
    RecordedChoice,
    read_playthrough,
)
from roleplay.engine._runtime import Runner
from roleplay.engine._saves import adapt_state
from roleplay.engine._scenario import CompiledChoice, Scenario


@dataclass(frozen=True)
class Outcome:
    """The result of replaying one playthrough: every difference found, in words, and notes
    that do not fail it (a recorded choice that moved and was found by its text)."""

    file: Path
    ok: bool
    problems: tuple[str, ...]
    ending: str | None
    meters: dict[str, int]
    decisions: int = 0
    node: str = ""
    notes: tuple[str, ...] = ()


@dataclass
class _Run:
    """A replay in progress: the runner, and whether it got through all the choices (a locked
    choice is taken anyway, so that what differs after it is reported too)."""

    runner: Runner
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    finished: bool = True


def check_playthrough(path: Path, *, roundtrip: bool = False) -> Outcome:
    """Replay a playthrough file and compare with its expectations.

    With ``roundtrip`` the state goes through a save and load at every decision. Raises
    PlaythroughError or ScenarioError when the file or its scenario cannot be read.
    """
    spec = read_playthrough(path, as_ids=False)
    scenario = load_scenario(path.parent / spec.scenario)
    run = _replay(scenario, spec.choices, roundtrip)
    problems = run.problems + _compare(spec.expect, run)
    state = run.runner.state
    return Outcome(
        path,
        not problems,
        tuple(problems),
        state.ending,
        dict(state.meters),
        len(state.history),
        state.node,
        tuple(run.notes + _by_place_only(spec, failed=bool(problems))),
    )


def _replay(scenario: Scenario, choices: Sequence[Recorded], roundtrip: bool) -> _Run:
    """Make the choices (ids) one by one; stop (and say why) at one that cannot be made."""
    run = _Run(Runner(scenario))
    try:
        for step, choice in enumerate(choices, start=1):
            runner = run.runner
            runner.advance_to_decision()
            if runner.is_over:
                left = [c.id if isinstance(c, RecordedChoice) else c for c in choices[step - 1 :]]
                run.problems.append(
                    f"the scenario ended after {plural(step - 1, 'decision')}; "
                    f"{plural(len(left), 'choice')} left over: {left}"
                )
                break
            if not _take(run, step, choice):
                run.finished = False
                return run
            if roundtrip:
                run.runner = _through_a_save(runner)
        run.runner.advance_to_decision()
    except ChoiceError as error:
        run.problems.append(f"at node '{run.runner.state.node}': {error}")
        run.finished = False
    return run


def _take(run: _Run, step: int, choice: Recorded) -> bool:
    """Make decision ``step``; False (with the problem said) when the choice is not there."""
    runner = run.runner
    where = f"decision {step} at node '{runner.state.node}'"
    wanted: str | int | None
    if isinstance(choice, RecordedChoice):
        located = locate(runner.node, choice)
        if located.note:
            run.notes.append(f"{where}: {located.note}")
        if located.problem:
            run.problems.append(f"{where}: {located.problem}")
        wanted = located.choice_id
    else:
        wanted = choice
    if wanted is None:
        return False
    index, problem = _find(runner.visible_choices(), wanted)
    if problem:
        run.problems.append(f"{where}: {problem}")
    if index is None:
        return False
    runner.choose(index, force=True)
    return True


def _by_place_only(spec: PlaythroughSpec, *, failed: bool) -> list[str]:
    """For a failing format 2 file naming choices by their place: why that may be the cause."""
    places = [c for c in spec.choice_refs if isinstance(c, str) and "." in c]
    if not failed or spec.format != IDS_ONLY_FORMAT or not places:
        return []
    return [
        f"this format 2 file names choices written without an id by their place ({places[0]}), "
        "so a choice inserted or moved since it was recorded changes which one it replays; "
        "give those choices ids, or record the run again (it then keeps their texts too)"
    ]


def _find(shown: list[tuple[CompiledChoice, bool]], wanted: str | int) -> tuple[int | None, str]:
    """The position of choice ``wanted`` (an id, or a 1-based number as written in a format 1
    file) among ``shown`` and why it cannot be made ('' if it can); None when it is not shown."""
    if isinstance(wanted, int):
        index = wanted - 1 if 1 <= wanted <= len(shown) else None
        missing = f"there is no choice {wanted} (choices shown: {_numbers(len(shown))})"
    else:
        index = next((i for i, (c, _ok) in enumerate(shown) if c.id == wanted), None)
        offered = ", ".join(c.id for c, _ok in shown) or "none"
        missing = f"there is no choice '{wanted}' here (choices shown: {offered})"
    if index is None:
        return None, missing
    choice, available = shown[index]
    if available:
        return index, ""
    hint = choice.spec.locked_hint or f"its condition '{choice.spec.if_}' does not hold"
    if isinstance(wanted, int):
        free = ", ".join(str(i) for i, (_c, ok) in enumerate(shown, start=1) if ok) or "none"
        which = f"choice {wanted} '{choice.text}'"
    else:
        free = ", ".join(c.id for c, ok in shown if ok) or "none"
        which = f"choice '{choice.id}' ('{choice.text}')"
    return index, (
        f"{which} is locked: {hint.rstrip('.')} (available: {free}); "
        "taken anyway to compare the rest"
    )


def _numbers(count: int) -> str:
    return "none" if count == 0 else "1" if count == 1 else f"1-{count}"


def plural(count: int, word: str) -> str:
    """``1 decision``, ``2 decisions``."""
    return f"{count} {word}{'' if count == 1 else 's'}"


def _through_a_save(runner: Runner) -> Runner:
    """A fresh runner on the state after it went through JSON, as a save and load would."""
    state = adapt_state(json.loads(json.dumps(runner.state.to_json())), runner.scenario)
    if state is None:
        raise ChoiceError(f"the state at node '{runner.state.node}' did not survive a save")
    return Runner(runner.scenario, state)


def _compare(expect: Expectation, run: _Run) -> list[str]:
    """What differs between the run and the expectation, in words (nothing when it passes)."""
    scenario = run.runner.scenario
    state = run.runner.state
    problems = _unknown_names(expect, scenario)
    if expect.ending is None and run.runner.is_over:
        problems.append(
            f"ending: expected the run to stop at node '{(expect.path or ('?',))[-1]}' before "
            f"an ending, but it reached '{state.ending}'"
        )
    elif expect.ending is not None and not run.runner.is_over:
        where = "stopped" if not run.finished else "ran out of choices"
        problems.append(
            f"ending: expected '{expect.ending}', but the run {where} at node '{state.node}' "
            "before an ending (meters and flags not compared)"
        )
    else:
        if state.ending != expect.ending:
            problems.append(f"ending: expected '{expect.ending}', reached '{state.ending}'")
        problems += _meter_differences(expect.meters, state.meters)
        problems += _flag_differences(expect.flags, state.flags)
    if expect.path is not None:
        problems += _path_differences(expect.path, state.path, finished=run.runner.is_over)
    return problems


def _unknown_names(expect: Expectation, scenario: Scenario) -> list[str]:
    """Expected endings, meters and flags the scenario does not have."""
    problems = []
    if expect.ending is not None and scenario.ending(expect.ending) is None:
        endings = [e.id for e in scenario.endings]
        problems.append(
            f"the expected ending '{expect.ending}' does not exist; "
            + did_you_mean(expect.ending, endings)
        )
    for kind, names, known in (
        ("meter", expect.meters, scenario.meters),
        ("flag", expect.flags, scenario.flags),
    ):
        problems += [
            f"the expected {kind} '{name}' does not exist; {did_you_mean(name, known)}"
            for name in names
            if name not in known
        ]
    return problems


def _meter_differences(
    wanted: Mapping[str, int | tuple[int, int]], meters: Mapping[str, int]
) -> list[str]:
    problems = []
    for meter, expected in wanted.items():
        value = meters.get(meter)
        low, high = (expected, expected) if isinstance(expected, int) else expected
        if value is not None and not low <= value <= high:
            shown = expected if isinstance(expected, int) else f"{low}..{high}"
            problems.append(f"meter '{meter}': expected {shown}, is {value}")
    return problems


def _flag_differences(wanted: Mapping[str, bool], flags: Mapping[str, bool]) -> list[str]:
    return [
        f"flag '{flag}': expected {str(expected).lower()}, is {str(flags[flag]).lower()}"
        for flag, expected in wanted.items()
        if flag in flags and flags[flag] != expected
    ]


def _path_differences(expected: Sequence[str], path: Sequence[str], *, finished: bool) -> list[str]:
    """Where the path first left the expected one (a run that stopped early is compared as far
    as it went)."""
    for index, (want, went) in enumerate(zip(expected, path, strict=False)):
        if want != went:
            return [
                f"path: step {index + 1} went to '{went}', expected '{want}' "
                f"(path: {' > '.join(path)})"
            ]
    if len(path) > len(expected):
        last = f"'{expected[-1]}'" if expected else "the start"
        return [f"path: went on past {last} to {' > '.join(path[len(expected) :])}"]
    if len(path) < len(expected) and finished:
        return [f"path: ended at '{path[-1]}', expected {' > '.join(expected[len(path) :])}"]
    return []


def find_playthroughs(root: Path) -> list[Path]:
    """Playthrough files under ``root`` (a file or folder)."""
    if root.is_file():
        return [root]
    return sorted(root.rglob(f"*{SUFFIX}"))
