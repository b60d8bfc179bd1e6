"""Generated scenarios for benchmarks: N nodes, 3 choices each, conditions and effects."""

from __future__ import annotations

import random
from pathlib import Path

TECHNIQUES = ("active_listening", "evidence_and_data", "threat", "selective_data")


def scenario_text(nodes: int, seed: int = 7) -> str:
    """A valid scenario of ``nodes`` nodes with 3 choices each, ending in a few endings."""
    rng = random.Random(seed)
    out = [
        "format: 1",
        f"id: generated_{nodes}",
        f"title: Generated {nodes}",
        "summary: A generated scenario for benchmarks.",
        "learning_goals: [Speed]",
        "estimated_minutes: 60",
        "start: n0",
        "meters:",
        "  trust: {label: Trust, start: 5}",
        "  reputation: {label: Reputation, start: 5}",
        "  compliance: {label: Compliance, start: 2}",
        "flags:",
        *[f"  f{i}: {{description: Flag {i}}}" for i in range(5)],
        "characters:",
        "  jo: {name: Jo Lindqvist, role: Team lead, expressions: [neutral, pleased, annoyed]}",
        "nodes:",
    ]
    for i in range(nodes):
        out += _node(i, nodes, rng)
    out += [
        "  the_end:",
        "    lines: [{text: The end.}]",
        "    end: true",
        "endings:",
        "  - {id: best, title: Best, when: 'trust >= 8 and compliance >= 5', text: Best.}",
        "  - {id: pushed, title: Pushed, when: compliance >= 7, text: Pushed.}",
        "  - {id: fallback, title: Fallback, text: Meh.}",
    ]
    return "\n".join(out) + "\n"


def _node(i: int, total: int, rng: random.Random) -> list[str]:
    lines = [
        f"  n{i}:",
        "    lines:",
        f'      - {{speaker: jo, expression: pleased, text: "Node {i}: a line of dialogue."}}',
        f"      - text: Narration for node {i}.",
        "    choices:",
    ]
    for c in range(3):
        target = f"n{min(i + rng.randint(1, 3), total)}" if i + 1 < total else "the_end"
        if target == f"n{total}":
            target = "the_end"
        meter = rng.choice(("trust", "reputation", "compliance"))
        lines += [
            f"      - text: Option {c + 1} at node {i}.",
            f"        technique: {rng.choice(TECHNIQUES)}",
            f"        effects: {{{meter}: {rng.choice((-2, -1, 1, 2))}}}",
            f"        feedback: Why option {c + 1} works.",
            f"        next: {target}",
        ]
        if c == 2:
            lines.append(f"        if: trust >= {rng.randint(2, 6)} or flags.f{rng.randint(0, 4)}")
            lines.append(f"        set: {{f{rng.randint(0, 4)}: true}}")
    return lines


def write(folder: Path, nodes: int) -> Path:
    """Write the generated scenario into ``folder`` and return its path."""
    path = folder / f"generated_{nodes}.yaml"
    if not path.exists():
        path.write_text(scenario_text(nodes), encoding="utf-8")
    return path
