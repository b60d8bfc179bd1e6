"""One random story written two ways: as a roleplay scenario (YAML) and as ink.

The story has N decision nodes with three choices each, two meters (trust and compliance,
0..10, clamped), five flags, a condition on every third choice, flag sets, dialogue and
narration of realistic length, and three endings picked by rules at the last node. Both
writers express exactly the same rules, so random play in either engine walks the same
kind of path (about N/2 decisions from the start to an ending).

The roleplay file also carries what a roleplay scenario always has and ink has no field for
(a technique id and debrief feedback on every choice, speaker metadata); that is part of the
honest load cost of the format.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

_PROSE = (
    "we could look at the rota together before anyone decides what happens next week and "
    "i hear that the last change landed badly on the early shift so maybe we start there "
    "the numbers say overtime went up again but the team says they were never asked about "
    "it which is fair and honestly i would feel the same in their place let me check the "
    "budget first then come back with two options that keep the weekend cover and give "
    "people some say in it because nobody likes being told at the last minute"
)
WORDS = tuple(_PROSE.split(" "))
TECHNIQUES = (
    "active_listening",
    "involving_people",
    "evidence_and_data",
    "logical_argument",
    "direct_instruction",
    "false_urgency",
    "selective_data",
    "insincere_flattery",
)
METERS = ("trust", "compliance")
FLAGS = 5
ENDINGS = (
    ("best", "trust >= 8 and compliance >= 5", "trust >= 8 && compliance >= 5"),
    ("pushed", "compliance >= 7", "compliance >= 7"),
)


@dataclass(frozen=True)
class StoryChoice:
    """One choice: its text, technique, a meter delta, a flag set, an optional condition."""

    text: str
    technique: str
    meter: str
    delta: int
    target: int  # index of the next node; -1 for the final node
    flag_set: int | None
    condition: tuple[str, int, int] | None  # (meter, threshold, flag) -> meter >= t or flag


@dataclass(frozen=True)
class StoryNode:
    """One decision node: a spoken line, a narration line and three choices."""

    spoken: str
    narration: str
    choices: tuple[StoryChoice, ...]


def _sentence(rng: random.Random, low: int, high: int) -> str:
    """Words from a workplace vocabulary until the text is ``low``..``high`` characters long."""
    goal = rng.randint(low, high)
    words: list[str] = []
    while sum(len(w) + 1 for w in words) < goal:
        words.append(rng.choice(WORDS))
    text = " ".join(words)
    return text[0].upper() + text[1:] + rng.choice((".", "?", "."))


def build(nodes: int, seed: int = 7) -> list[StoryNode]:
    """The random story: ``nodes`` nodes, each leading one to three nodes forward."""
    rng = random.Random(seed)
    story = []
    for index in range(nodes):
        choices = []
        for option in range(3):
            step = index + rng.randint(1, 3)
            condition = None
            if option == 2:
                condition = (rng.choice(METERS), rng.randint(2, 6), rng.randrange(FLAGS))
            choices.append(
                StoryChoice(
                    text=_sentence(rng, 20, 70),
                    technique=rng.choice(TECHNIQUES),
                    meter=rng.choice(METERS),
                    delta=rng.choice((-2, -1, 1, 2)),
                    target=step if step < nodes else -1,
                    flag_set=rng.randrange(FLAGS) if option == 2 or rng.random() < 0.1 else None,
                    condition=condition,
                )
            )
        story.append(StoryNode(_sentence(rng, 40, 140), _sentence(rng, 30, 90), tuple(choices)))
    return story


# --- roleplay YAML ---------------------------------------------------------------------------
def roleplay_yaml(story: list[StoryNode]) -> str:
    """The story as a roleplay scenario file."""
    out = [
        "format: 1",
        f"id: peer_{len(story)}",
        f"title: Peer story, {len(story)} nodes",
        "summary: A generated story written the same way as its ink twin.",
        "learning_goals: [Speed]",
        "estimated_minutes: 60",
        "start: n0",
        "meters:",
        "  trust: {label: Trust, min: 0, max: 10, start: 5}",
        "  compliance: {label: Compliance, min: 0, max: 10, start: 2}",
        "flags:",
        *[f"  f{i}: {{description: Flag {i}}}" for i in range(FLAGS)],
        "characters:",
        "  jo: {name: Jo Lindqvist, role: Team lead, expressions: [neutral, pleased]}",
        "nodes:",
    ]
    for index, node in enumerate(story):
        out += _yaml_node(index, node)
    out += [
        "  the_end:",
        '    lines: [{text: "The meeting is over."}]',
        "    end: true",
        "endings:",
        *[
            f"  - {{id: {name}, title: {name.title()}, when: '{rule}', text: {name.title()}.}}"
            for name, rule, _ in ENDINGS
        ],
        "  - {id: fallback, title: Fallback, text: Nothing was decided.}",
    ]
    return "\n".join(out) + "\n"


def _yaml_node(index: int, node: StoryNode) -> list[str]:
    lines = [
        f"  n{index}:",
        "    lines:",
        f'      - {{speaker: jo, expression: pleased, text: "{node.spoken}"}}',
        f'      - text: "{node.narration}"',
        "    choices:",
    ]
    for choice in node.choices:
        target = f"n{choice.target}" if choice.target >= 0 else "the_end"
        lines += [
            f'      - text: "{choice.text}"',
            f"        technique: {choice.technique}",
            f"        effects: {{{choice.meter}: {choice.delta}}}",
            "        feedback: Why it lands.",
            f"        next: {target}",
        ]
        if choice.flag_set is not None:
            lines.append(f"        set: {{f{choice.flag_set}: true}}")
        if choice.condition is not None:
            meter, threshold, flag = choice.condition
            lines.append(f"        if: {meter} >= {threshold} or flags.f{flag}")
    return lines


# --- ink ---------------------------------------------------------------------------------------
def ink(story: list[StoryNode]) -> str:
    """The same story in ink: knots, conditional choices, clamped variables."""
    out = ["VAR trust = 5", "VAR compliance = 2"]
    out += [f"VAR f{i} = false" for i in range(FLAGS)]
    out += ["", "-> n0", ""]
    for index, node in enumerate(story):
        out += [f"=== n{index} ===", f"Jo Lindqvist: {node.spoken}", node.narration]
        for choice in node.choices:
            guard = ""
            if choice.condition is not None:
                meter, threshold, flag = choice.condition
                guard = f"{{{meter} >= {threshold} || f{flag}}} "
            out.append(f"+ {guard}[{choice.text}]")
            out.append(f"    ~ {choice.meter} = MAX(MIN({choice.meter} + {choice.delta}, 10), 0)")
            if choice.flag_set is not None:
                out.append(f"    ~ f{choice.flag_set} = true")
            out.append(f"    -> {f'n{choice.target}' if choice.target >= 0 else 'the_end'}")
        out.append("")
    out += ["=== the_end ===", "The meeting is over.", "{"]
    out += [f"- {rule}: {name.title()}." for name, _, rule in ENDINGS]
    out += ["- else: Nothing was decided.", "}", "-> END", ""]
    return "\n".join(out)


def write(folder: Path, nodes: int, seed: int = 7) -> tuple[Path, Path]:
    """Write ``peer_<nodes>.yaml`` and ``peer_<nodes>.ink`` into ``folder`` (once)."""
    folder.mkdir(parents=True, exist_ok=True)
    yaml_path = folder / f"peer_{nodes}.yaml"
    ink_path = folder / f"peer_{nodes}.ink"
    if not yaml_path.exists() or not ink_path.exists():
        story = build(nodes, seed)
        yaml_path.write_text(roleplay_yaml(story), encoding="utf-8")
        ink_path.write_text(ink(story), encoding="utf-8")
    return yaml_path, ink_path
