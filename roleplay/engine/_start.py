"""Starting a run anywhere: at a chosen node, with chosen meters and flags (``play --from``).

Designers use it to try a scene without playing up to it. :func:`start_state` builds the state,
:func:`parse_presets` reads ``NAME=VALUE`` settings as typed on the command line.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from roleplay.engine._diagnostics import did_you_mean
from roleplay.engine._errors import StartError
from roleplay.engine._runtime import Runner
from roleplay.engine._scenario import Scenario
from roleplay.engine._state import GameState, Mode, initial_state

_TRUE = frozenset({"true", "yes", "on", "1"})
_FALSE = frozenset({"false", "no", "off", "0"})


def start_state(
    scenario: Scenario,
    node: str | None = None,
    *,
    meters: Mapping[str, int] | None = None,
    flags: Mapping[str, bool] | None = None,
    mode: Mode = "practice",
) -> GameState:
    """The state of a run that starts at ``node`` (default: the scenario's start) with the
    given meters (clamped to their range) and flags; other meters and flags keep their start.

    The node is entered as a ``next`` would enter it, so its ending applies when it has one, and
    the path begins there. Rewinding such a run goes back to this state, not to the scenario's
    start. Raises :class:`StartError` naming the unknown node, meter or flag.
    """
    target = scenario.start if node is None else node
    if target not in scenario.nodes:
        raise StartError(f"there is no node '{target}'; {did_you_mean(target, scenario.nodes)}")
    state = initial_state(scenario, mode)
    for name, value in (meters or {}).items():
        meter = scenario.meters.get(name)
        if meter is None:
            raise StartError(f"there is no meter '{name}'; {did_you_mean(name, scenario.meters)}")
        state.meters[name] = min(max(int(value), meter.min), meter.max)
    for name, flag in (flags or {}).items():
        if name not in scenario.flags:
            raise StartError(f"there is no flag '{name}'; {did_you_mean(name, scenario.flags)}")
        state.flags[name] = bool(flag)
    runner = Runner(scenario, state)
    runner.jump(target)
    if target != scenario.start or meters or flags:
        runner.state.origin = runner.state.copy()
    return runner.state


def parse_presets(
    scenario: Scenario, settings: Iterable[str]
) -> tuple[dict[str, int], dict[str, bool]]:
    """Meters and flags from ``NAME=VALUE`` settings: ``trust=7``, ``meters.trust=7``,
    ``flags.owen_ordered=true`` (a bare name may be a flag too). Raises :class:`StartError`
    quoting the setting that is wrong and why."""
    meters: dict[str, int] = {}
    flags: dict[str, bool] = {}
    for setting in settings:
        try:
            kind, name, value = _split(scenario, setting)
            if kind == "meter":
                meters[name] = _meter_value(scenario, name, value)
            else:
                flags[name] = _flag_value(value)
        except StartError as error:
            raise StartError(f"{setting!r}: {error}") from None
    return meters, flags


def _split(scenario: Scenario, setting: str) -> tuple[str, str, str]:
    """("meter" | "flag", name, value) of one setting."""
    name, equals, value = (part.strip() for part in setting.partition("="))
    if not equals or not name or not value:
        raise StartError("write NAME=VALUE, e.g. trust=7 or flags.asked=true")
    prefix, dot, rest = name.partition(".")
    if dot and prefix in ("meters", "flags"):
        kind = "meter" if prefix == "meters" else "flag"
        known = scenario.meters if kind == "meter" else scenario.flags
        if rest not in known:
            raise StartError(f"there is no {kind} '{rest}'; {did_you_mean(rest, known)}")
        return kind, rest, value
    if name in scenario.meters:
        return "meter", name, value
    if name in scenario.flags:
        return "flag", name, value
    names = [*scenario.meters, *(f"flags.{flag}" for flag in scenario.flags)]
    raise StartError(f"there is no meter or flag '{name}'; {did_you_mean(name, names)}")


def _meter_value(scenario: Scenario, name: str, value: str) -> int:
    meter = scenario.meters[name]
    text = value[1:] if value[0] in "+-" else value
    if not (text.isascii() and text.isdigit()):
        raise StartError(
            f"'{value}' is not a whole number ({meter.label} goes from {meter.min} to {meter.max})"
        )
    return int(value)


def _flag_value(value: str) -> bool:
    lowered = value.lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise StartError(f"'{value}' is not true or false")
