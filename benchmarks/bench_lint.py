"""Lint metrics: the solver on every shipped scenario and on a generated 2,000-node scenario.

``python benchmarks/run.py --only lint_shipped_max_s`` (or run this file directly).
"""

from __future__ import annotations

import json
import random
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_TMP = Path(tempfile.mkdtemp(prefix="roleplay-bench-lint-"))
RUNS = 3

FAMILY_TECHNIQUES = (
    ("active_listening", "influence"),
    ("evidence_and_data", "persuasion"),
    ("direct_instruction", "pressure"),
    ("false_consensus", "manipulation"),
)
METERS = ("trust", "reputation", "compliance")
FLAGS = 5


def generated_scenario(nodes: int = 2000, seed: int = 11) -> str:
    """A valid scenario: ``nodes`` nodes in a forward web, 3 meters (0..3) and 5 flags.

    Each decision has three choices leading one to three nodes ahead, with small effects, some
    flags and some conditions, so the solver meets clamping, conditions and merging paths.
    Every ``CHAPTER`` nodes a checkpoint clamps the meters to one of three profiles (as a new
    chapter of a long scenario would), which keeps the state space exhaustively explorable.
    """
    rng = random.Random(seed)
    out = [
        "format: 1",
        f"id: generated_lint_{nodes}",
        f"title: Generated {nodes}",
        "summary: A generated scenario for the lint benchmark.",
        "learning_goals: [Speed]",
        "estimated_minutes: 60",
        "start: n0",
        "meters:",
        *[f"  {m}: {{label: {m.title()}, max: 3, start: 1}}" for m in METERS],
        "flags:",
        *[f"  f{i}: {{description: Flag {i}}}" for i in range(FLAGS)],
        "nodes:",
    ]
    for index in range(nodes - 1):
        out += _node(rng, index, nodes)
    out += [f"  n{nodes - 1}:", "    lines: [{text: The end.}]", "    end: true"]
    out += [
        "endings:",
        "  - {id: best, title: Best, when: trust >= 3 and compliance >= 2, text: Best.,"
        " debrief: Mixed approaches.}",
        "  - {id: obeyed, title: Obeyed, when: compliance >= 3, text: Obeyed., debrief: Power.}",
        "  - {id: liked, title: Liked, when: flags.f0 and reputation >= 3, text: Liked.,"
        " debrief: Rapport.}",
        "  - {id: drift, title: Drift, text: Drift., debrief: Nothing decided.}",
    ]
    return "\n".join(out) + "\n"


CHAPTER = 10


def _checkpoint(index: int) -> list[str]:
    """A chapter break: each choice clamps the meters to one of three fixed profiles."""
    lines = [f"  n{index}:", f"    lines: [{{text: Chapter {index // CHAPTER}.}}]", "    choices:"]
    profiles = (("10", "-10", "-10"), ("-10", "10", "-10"), ("-10", "-10", "10"))
    for option, (family_index, profile) in enumerate(zip((0, 2, 3), profiles, strict=True)):
        effects = ", ".join(f"{m}: {d}" for m, d in zip(METERS, profile, strict=True))
        lines.append(
            f"      - {{text: Chapter choice {option + 1}, "
            f"technique: {FAMILY_TECHNIQUES[family_index][0]}, effects: {{{effects}}}, "
            f"feedback: Why., next: n{index + 1}}}"
        )
    return lines


def _node(rng: random.Random, index: int, nodes: int) -> list[str]:
    if index % CHAPTER == CHAPTER - 1:
        return _checkpoint(index)
    lines = [f"  n{index}:", f"    lines: [{{text: Beat {index}.}}]", "    choices:"]
    for option in range(3):
        target = min(index + 1 + option, nodes - 1)
        technique = FAMILY_TECHNIQUES[(index + option) % 4][0]
        meter = METERS[rng.randrange(3)]
        parts = [
            f"text: Option {option + 1}",
            f"technique: {technique}",
            f"effects: {{{meter}: {rng.choice((-1, 1, 1))}}}",
            "feedback: Why.",
            f"next: n{target}",
        ]
        if rng.random() < 0.15:
            parts.append(f"set: {{f{rng.randrange(FLAGS)}: {rng.choice(('true', 'false'))}}}")
        if option == 2 and rng.random() < 0.3:
            parts.append(f"if: {rng.choice(METERS)} >= {rng.randrange(1, 3)}")
        lines.append("      - {" + ", ".join(parts) + "}")
    return lines


_LINT = """
import json, sys, time
from roleplay.authoring._lint import lint_file
t = time.perf_counter()
report = lint_file(sys.argv[1])
assert report.exploration is not None and report.exploration.complete, "incomplete"
print(json.dumps([report.exploration.seconds, report.exploration.states,
                  time.perf_counter() - t]))
"""


def _lint(path: Path) -> tuple[float, int]:
    """(seconds of the full exploration, states) in a fresh process."""
    out = subprocess.run(
        [sys.executable, "-c", _LINT, str(path)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout
    seconds, states, _total = json.loads(out)
    return float(seconds), int(states)


def _median_seconds(path: Path) -> float:
    return statistics.median(_lint(path)[0] for _ in range(RUNS))


def shipped_max() -> tuple[float, str]:
    """The slowest full exploration among the shipped scenarios that load."""
    sys.path.insert(0, str(ROOT))
    from roleplay import check_scenario_file, find_scenarios

    times = [_median_seconds(path) for path in find_scenarios() if check_scenario_file(path)[0]]
    return max(times, default=0.0), "s"


def _generated_path() -> Path:
    path = _TMP / "generated_lint_2000.yaml"
    if not path.exists():
        path.write_text(generated_scenario(), encoding="utf-8")
    return path


def generated_seconds() -> tuple[float, str]:
    """Full exploration time of the generated 2,000-node scenario."""
    return _median_seconds(_generated_path()), "s"


def generated_states() -> tuple[float, str]:
    """Distinct decision states in the generated 2,000-node scenario."""
    return float(_lint(_generated_path())[1]), "states"


METRICS: dict[str, Callable[[], tuple[float, str]]] = {
    "lint_shipped_max_s": shipped_max,
    "lint_generated_2k_s": generated_seconds,
    "lint_generated_2k_states": generated_states,
}

if __name__ == "__main__":
    for name, metric in METRICS.items():
        print(name, json.dumps(metric()))
