"""Lint metrics: the solver on every shipped scenario, and whole lints at realistic scale.

``lint_shipped_max_s`` is the solver's regression guard: the slowest full exploration among the
shipped scenarios. The ``lint_realistic_*`` metrics run the whole ``roleplay lint`` command on
the 1k-node peer story (two 0..10 meters, five flags, conditions, no resets), as a designer
would, and say when it does not finish.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from harness import Result, median, memo, python_env, runs, spawn, spread, work_dir
from peers import story

ROOT = Path(__file__).resolve().parent.parent
CAP_S = 300.0

_LINT = """
import json, sys, time
from roleplay.authoring._lint import lint_file
t = time.perf_counter()
report = lint_file(sys.argv[1])
assert report.exploration is not None and report.exploration.complete, "incomplete"
print(json.dumps([report.exploration.seconds, report.exploration.states,
                  time.perf_counter() - t]))
"""


def generated_scenario(nodes: int = 2000) -> str:
    """The peer story as roleplay YAML (bench_designer's slip-hint metric parses it)."""
    return story.roleplay_yaml(story.build(nodes))


def _lint(path: Path) -> tuple[float, int, float]:
    """(seconds of the full exploration, states, seconds of the whole lint) in a fresh
    process."""
    out = subprocess.run(
        [sys.executable, "-c", _LINT, str(path)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout
    seconds, states, total = json.loads(out)
    return float(seconds), int(states), float(total)


def _medians(path: Path) -> tuple[float, float]:
    """Median seconds of the exploration and of the whole lint (``lint_file``)."""
    found = [_lint(path) for _ in range(runs())]
    return median([f[0] for f in found]), median([f[2] for f in found])


def shipped_max() -> Result:
    """The slowest full exploration among the shipped scenarios that load."""
    sys.path.insert(0, str(ROOT))
    from roleplay import check_scenario_file, find_scenarios

    paths = [path for path in find_scenarios() if check_scenario_file(path)[0]]
    times = {path.stem: _medians(path) for path in paths}
    if not times:
        return Result(0.0, "s", "no shipped scenario")
    slowest = max(times, key=lambda name: times[name][0])
    explored, whole = times[slowest]
    note = f"{len(times)} shipped scenarios; slowest {slowest}, whole lint_file {whole:.2f} s"
    return Result(explored, "s", note)


@memo
def _realistic() -> dict[str, list[float]]:
    """Whole ``roleplay lint --json`` runs on the 1k peer story, and plain loads to subtract."""
    path = story.write(work_dir("peers"), 1000)[0]
    out: dict[str, list[float]] = {"seconds": [], "peak_mb": [], "states": [], "code": []}
    out["cpu"] = []
    out.update({"complete": [], "quarter_peak_mb": [], "quarter_states": []})
    command = [sys.executable, "-m", "roleplay", "lint", "--json", str(path)]
    for _ in range(runs()):
        lint = spawn(command, python_env(), timeout=CAP_S, check=False)
        quarter = spawn([*command, "--max-states", "250000"], python_env(), check=False)
        out["quarter_peak_mb"].append(quarter.peak_mb)
        out["quarter_states"].append(float(quarter.data.get("states", 0)))
        out["seconds"].append(lint.wall_s)
        out["cpu"].append(lint.cpu_s)
        out["peak_mb"].append(lint.peak_mb)
        out["code"].append(float(lint.returncode))
        out["states"].append(float(lint.data.get("states", 0)))
        out["complete"].append(1.0 if lint.data.get("complete") else 0.0)
    return out


def _outcome() -> str:
    found = _realistic()
    states = median(found["states"])
    codes = sorted({int(c) for c in found["code"]})
    if min(found["complete"], default=0.0) == 1.0:
        return f"complete, {states:,.0f} states, exit {codes}"
    if -9 in codes:
        return f"killed at the {CAP_S:.0f} s cap, exit {codes}"
    return f"INCOMPLETE: stopped at {states:,.0f} states (the state cap), exit {codes}"


def realistic_seconds() -> Result:
    """Whole ``roleplay lint`` of the 1k peer story, wall clock from process start to exit."""
    values = _realistic()["seconds"]
    cpu = median(_realistic()["cpu"])
    return Result(median(values), "s", f"{_outcome()}; {spread(values)}; CPU {cpu:.2f} s")


def bytes_per_state() -> Result:
    """Marginal memory of one explored state: the peak of a whole lint minus the peak of one
    capped at 250,000 states, over the difference in states explored."""
    found = _realistic()
    extra = median(found["peak_mb"]) - median(found["quarter_peak_mb"])
    states = median(found["states"]) - median(found["quarter_states"])
    if states <= 0:
        return Result(float("nan"), "B/state", "the scenario has under 250,000 states")
    return Result(
        extra * 1048576 / states, "B/state", f"{extra:.0f} MB more for {states:,.0f} more states"
    )


def peak_mb() -> Result:
    """Peak resident memory of the whole ``roleplay lint`` process."""
    values = _realistic()["peak_mb"]
    return Result(median(values), "MB", f"{_outcome()}; {spread(values)}")


METRICS: dict[str, Callable[[], Result]] = {
    "lint_shipped_max_s": shipped_max,
    "lint_realistic_1k_s": realistic_seconds,
    "lint_bytes_per_state": bytes_per_state,
    "lint_peak_mb": peak_mb,
}

if __name__ == "__main__":
    for name, metric in METRICS.items():
        print(name, json.dumps(metric().to_json()))
