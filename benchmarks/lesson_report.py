"""What the shipped scenarios teach, measured on every path: a markdown report.

For each scenario in ``scenarios/`` the solver explores every reachable state (exactly: the
reduction only forgets what no later condition reads) and keeps the state graph. On that graph:

* **paths per ending**: the number of complete playthroughs (distinct sequences of choices, as
  the runtime offers them) that end in each ending, and their share;
* **random play**: the exact chance of each ending when every decision is a uniform pick among
  the choices on offer. With shuffled choices (the default) "always the first line shown" and
  "always the last line shown" are this same random play;
* **one-rule policies**, as ``roleplay lint --json`` reports them: each technique family where
  one is offered (any choice elsewhere: every ending such play can reach), greedy on each meter,
  and the first or last line *as written* (what a learner would get with ``--no-shuffle``).

Not run by the tests. Usage::

    python benchmarks/lesson_report.py [SCENARIO.yaml ...] > report.md
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from roleplay import Scenario, load_scenario  # noqa: E402
from roleplay.authoring._lint_lessons import lesson_findings  # noqa: E402
from roleplay.authoring.solver import explore  # noqa: E402
from roleplay.authoring.solver._paths import StateGraph  # noqa: E402

SHIPPED = ("hybrid_pitch", "no_authority", "reluctant_team", "sample_rota")
MAX_STATES = 2_000_000
NO_ENDING = "(no ending)"

#: A value per ending, in the scenario's ending order.
Vector = tuple[int, ...]
Chances = tuple[float, ...]
V = TypeVar("V")


@dataclass(frozen=True)
class ScenarioReport:
    """Everything measured on one scenario."""

    scenario_id: str
    title: str
    goals: tuple[str, ...]
    endings: tuple[str, ...]
    paths: Vector
    random_play: Chances
    policies: tuple[tuple[str, tuple[str, ...]], ...]  # (words, endings reached)
    states: int


class CountingError(RuntimeError):
    """The state graph has a loop, so paths cannot be counted."""


def _fold(graph: StateGraph, leaf: Callable[[int], V], combine: Callable[[list[V]], V]) -> V:
    """Fold the graph from its endings back to the start: a move that ends the story has the
    value ``leaf(code)``, a state ``combine`` of its moves' values. Iterative, loop-checked."""
    if graph.initial < 0:
        return leaf(graph.initial)
    done: dict[int, V] = {}
    opened: set[int] = set()
    stack = [graph.initial]
    while stack:
        state = stack[-1]
        if state in done:
            stack.pop()
            continue
        pending = [t for _p, _c, t in graph.moves(state) if t >= 0 and t not in done]
        if pending:
            if state in opened or any(t in opened for t in pending):
                raise CountingError(f"{graph.t.scenario.id}: the story loops (state {state})")
            opened.add(state)
            stack += pending
            continue
        done[state] = combine([done[t] if t >= 0 else leaf(t) for _p, _c, t in graph.moves(state)])
        opened.discard(state)
        stack.pop()
    return done[graph.initial]


def _slot(graph: StateGraph, code: int) -> int:
    """The position of an ending among the scenario's endings (the last slot: no ending)."""
    ending = graph.ending_of(code)
    return graph.ending_ids.index(ending) if ending is not None else len(graph.ending_ids)


def count_paths(graph: StateGraph) -> Vector:
    """Complete paths per ending (the last slot counts paths that reach no ending)."""
    size = len(graph.ending_ids) + 1

    def leaf(code: int) -> Vector:
        return tuple(int(i == _slot(graph, code)) for i in range(size))

    def add(values: list[Vector]) -> Vector:
        return tuple(sum(v[i] for v in values) for i in range(size))

    return _fold(graph, leaf, add)


def random_play(graph: StateGraph) -> Chances:
    """The chance of each ending when every decision is a uniform pick among what is offered."""
    size = len(graph.ending_ids) + 1

    def leaf(code: int) -> Chances:
        return tuple(float(i == _slot(graph, code)) for i in range(size))

    def average(values: list[Chances]) -> Chances:
        return tuple(sum(v[i] for v in values) / len(values) for i in range(size))

    return _fold(graph, leaf, average)


def as_written(graph: StateGraph, last: bool) -> str:
    """The ending reached by always taking the first (or last) available line as written."""
    _moves, end = graph.follow(lambda state: len(graph.options[state]) - 1 if last else 0)
    return graph.ending_of(end) or NO_ENDING


def measure(scenario: Scenario) -> ScenarioReport:
    """Explore ``scenario`` completely and measure its paths, random play and policies."""
    found = explore(scenario, max_states=MAX_STATES, graph=True)
    graph = found.graph
    if graph is None or not found.complete:
        raise CountingError(f"{scenario.id}: exploration did not complete")
    _findings, policies, _families = lesson_findings(found)
    reached: list[tuple[str, tuple[str, ...]]] = []
    for policy in policies:
        if policy.name in ("first", "last"):
            written = as_written(graph, last=policy.name == "last")
            reached.append((f"{policy.words} as written (no shuffle)", (written,)))
        else:
            reached.append((policy.words, policy.endings or (NO_ENDING,)))
    endings = tuple(graph.ending_ids)
    return ScenarioReport(
        scenario_id=scenario.id,
        title=scenario.title,
        goals=tuple(scenario.goal_endings),
        endings=endings,
        paths=count_paths(graph),
        random_play=random_play(graph),
        policies=tuple(reached),
        states=found.states,
    )


def _label(report: ScenarioReport, ending: str) -> str:
    return f"**{ending}** (goal)" if ending in report.goals else ending


def _percent(fraction: float) -> str:
    """A share as a percentage, with enough digits that a rare ending does not read as 0."""
    percent = 100.0 * fraction
    return f"{percent:.4f}%" if 0 < percent < 0.1 else f"{percent:.2f}%"


def markdown(report: ScenarioReport) -> list[str]:
    """One scenario's section of the report."""
    total = sum(report.paths)
    lines = [
        f"### {report.title} (`{report.scenario_id}`)",
        "",
        f"{total:,} complete paths ({report.states:,} states explored).",
        "",
        "| ending | paths | share of paths | random play |",
        "| --- | ---: | ---: | ---: |",
    ]
    names = (*report.endings, NO_ENDING)
    for index, ending in enumerate(names):
        count, chance = report.paths[index], report.random_play[index]
        if ending == NO_ENDING and not count:
            continue
        share = count / total if total else 0.0
        lines.append(
            f"| {_label(report, ending)} | {count:,} | {_percent(share)} | {_percent(chance)} |"
        )
    lines += ["", "| one-rule policy | endings it can reach |", "| --- | --- |"]
    for words, endings in report.policies:
        reached = ", ".join(_label(report, e) for e in endings)
        lines.append(f"| {words} | {reached} |")
    lines.append("")
    return lines


def main(argv: Sequence[str]) -> int:
    """Print the report for the scenarios named in ``argv`` (default: the shipped ones)."""
    files = [Path(a) for a in argv] or [ROOT / "scenarios" / f"{s}.yaml" for s in SHIPPED]
    out = [
        "## What the shipped scenarios teach, on every path",
        "",
        "Paths are complete playthroughs; random play picks uniformly among the choices on offer "
        "(with shuffled choices, always the first or last line *shown* is this random play).",
        "",
    ]
    for path in files:
        out += markdown(measure(load_scenario(path)))
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
