"""The shape of a scenario file and of the technique catalogue, as frozen pydantic models.

Every field has a description: the JSON Schema (``roleplay schema``) and the editor's hover docs
are generated from them.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag

ID_PATTERN = r"^[a-z][a-z0-9_]*$"
FORMAT_VERSION = 1
#: Every whole number in a scenario (meter bounds, starts, effects) lies within +-MAX_WHOLE.
MAX_WHOLE = 1_000_000
#: The longest playing time a scenario may declare, in minutes.
MAX_MINUTES = 10_000

Whole = Annotated[int, Field(ge=-MAX_WHOLE, le=MAX_WHOLE)]

Family = Literal["influence", "persuasion", "pressure", "manipulation"]
FAMILIES: tuple[Family, ...] = ("influence", "persuasion", "pressure", "manipulation")


class _Frozen(BaseModel):
    # defer_build: validators are built on first use, so a start that loads from the scenario
    # cache (which needs none) does not pay for building them
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True, defer_build=True)


class Paragraph(_Frozen):
    """A paragraph of learner-facing text shown only when its condition holds."""

    text: str = Field(min_length=1, description="The paragraph.")
    if_: str | None = Field(
        None, alias="if", description="Show the paragraph only when this condition holds."
    )


def _shape(value: Any) -> str:
    """Which branch of a text-or-list union a value takes (so errors name only that branch)."""
    if isinstance(value, list | tuple):
        return "list"
    return "mapping" if isinstance(value, dict | BaseModel) else "text"


_ParagraphItem = Annotated[
    Annotated[str, Tag("text")] | Annotated[Paragraph, Tag("mapping")], Discriminator(_shape)
]

#: Learner-facing prose: one text, or a list of paragraphs (plain or ``{text, if}``).
Prose = Annotated[
    Annotated[str, Tag("text")]
    | Annotated[tuple[_ParagraphItem, ...], Tag("list"), Field(min_length=1)],
    Discriminator(_shape),
]
#: Prose that must not be empty.
RequiredProse = Annotated[
    Annotated[str, Tag("text"), Field(min_length=1)]
    | Annotated[tuple[_ParagraphItem, ...], Tag("list"), Field(min_length=1)],
    Discriminator(_shape),
]


class Meter(_Frozen):
    """A named integer the player cannot see until the debrief."""

    label: str = Field(description="Name shown in the debrief, e.g. 'Trust'.")
    description: str = Field("", description="What the meter measures, shown in the debrief.")
    min: Whole = Field(0, description="Lowest value; effects clamp here.")
    max: Whole = Field(10, description="Highest value; effects clamp here.")
    start: Whole | None = Field(None, description="Value at the start; defaults to min.")
    hidden: bool = Field(True, description="Hidden during play, revealed in the debrief.")

    @property
    def initial(self) -> int:
        """The starting value (``start`` or ``min``)."""
        return self.min if self.start is None else self.start


class Flag(_Frozen):
    """A named boolean that choices set and conditions read as ``flags.NAME``."""

    description: str = Field("", description="What it means when this flag is true.")
    start: bool = Field(False, description="Value at the start.")
    explain: str = Field(
        "",
        description="Learner-facing sentence for 'why this ending' when the flag is true, "
        "e.g. 'You misled Grace about who supported you.'",
    )
    explain_not: str = Field(
        "",
        description="Learner-facing sentence for 'why this ending' when the flag is false, "
        "e.g. 'You never misled anyone.'",
    )


class Character(_Frozen):
    """Someone who speaks: name, role and portrait expressions."""

    name: str = Field(description="Display name on the name plate.")
    role: str = Field("", description="Job title shown under the name.")
    portrait: str | None = Field(
        None,
        description="Folder (relative to the scenario or assets/) holding <expression>.svg files.",
    )
    expressions: tuple[str, ...] = Field(
        ("neutral",),
        min_length=1,
        description="Expressions this character has; the first is the default.",
    )


class LineSpec(_Frozen):
    """One line of dialogue or narration."""

    speaker: str | None = Field(None, description="Character id; omit for narration.")
    expression: str | None = Field(None, description="One of the speaker's expressions.")
    text: str = Field(min_length=1, description="What is said or narrated.")
    if_: str | None = Field(None, alias="if", description="Show the line only when this holds.")


class Choice(_Frozen):
    """Something the player can say or do at a decision."""

    id: str | None = Field(None, pattern=ID_PATTERN, description='Stable id for chose("id").')
    text: str = Field(min_length=1, description="What the player says or does.")
    technique: str = Field(description="Technique id from techniques.yaml.")
    effects: dict[str, Whole] = Field(
        default_factory=dict, description="Meter deltas, e.g. {trust: 1, compliance: -2}; clamped."
    )
    set: dict[str, bool] = Field(
        default_factory=dict, description="Flags to set, e.g. {promised: true}."
    )
    feedback: Prose = Field(
        "",
        description="Explains this choice in the debrief: a text or a list of paragraphs "
        "({text, if}, judged when the choice was made); {meter} shows its value then.",
    )
    reaction: tuple[LineSpec, ...] = Field(
        (), description="Short lines shown right after the choice."
    )
    next: str = Field(description="Node this choice leads to.")
    if_: str | None = Field(
        None, alias="if", description="Condition; when false the choice is hidden or locked."
    )
    show_locked: bool = Field(
        False, description="Show the choice greyed out when its condition is false."
    )
    locked_hint: str | None = Field(None, description="Shown on a locked choice: how to unlock it.")
    once: bool = Field(False, description="The choice disappears after it was chosen once.")


class Node(_Frozen):
    """A beat of the story: lines, then choices, a next node, or an ending."""

    background: str | None = Field(
        None, description="Background id; stays until another node sets one."
    )
    title: str | None = Field(
        None,
        min_length=1,
        description="Chapter or place name the player sees (save slots); later nodes inherit it.",
    )
    cast: tuple[str, ...] | None = Field(
        None,
        description="Character ids on stage, in place order; default: only whoever speaks.",
    )
    discussion: str | None = Field(None, description="Prompt for facilitated group discussion.")
    lines: tuple[LineSpec, ...] = Field(min_length=1, description="Lines shown in order.")
    choices: tuple[Choice, ...] | None = Field(None, min_length=1, description="The decision.")
    next: str | None = Field(None, description="Continue to this node (no decision).")
    end: bool = Field(False, description="End here; the ending rules decide which ending.")
    ending: str | None = Field(None, description="End here at this named ending.")
    shuffle: bool | None = Field(
        None, description="Shuffle this decision's choices; default: the scenario's shuffle."
    )


class RulePart(_Frozen):
    """One part of an ending rule, with the sentences the learner reads about it."""

    test: str = Field(min_length=1, description="Condition this part of the rule needs.")
    explain: str = Field(
        "", description="Learner-facing sentence for when the part holds, e.g. 'Nadia trusted you.'"
    )
    missing: str = Field(
        "",
        description="Learner-facing sentence for when it does not, e.g. 'Nadia did not trust "
        "you yet.'",
    )


_RulePartItem = Annotated[
    Annotated[str, Tag("text")] | Annotated[RulePart, Tag("mapping")], Discriminator(_shape)
]


def _rule_shape(value: Any) -> str:
    """As :func:`_shape`, with the yes/no value ``false`` as a branch of its own."""
    return "false" if value is False else _shape(value)


class Ending(_Frozen):
    """An ending rule: the first whose ``when`` holds wins; one without ``when`` is the fallback;
    ``when: false`` marks an ending only a node's ``ending:`` reaches."""

    id: str = Field(pattern=ID_PATTERN, description="Ending id.")
    title: str = Field(min_length=1, description="Ending title.")
    when: (
        Annotated[
            Annotated[str, Tag("text")]
            | Annotated[tuple[_RulePartItem, ...], Tag("list"), Field(min_length=1)]
            | Annotated[Literal[False], Tag("false")],
            Discriminator(_rule_shape),
        ]
        | None
    ) = Field(
        None,
        description="Condition, or a list of parts that must all hold ({test, explain, "
        "missing}); false on an ending only a node's `ending:` reaches; omit on the single "
        "fallback ending.",
    )
    goal: bool | None = Field(
        None,
        description="true: an ending the scenario teaches towards (the lint proves no unethical "
        "or one-rule play reaches it); false: a deliberate 'won, at a cost' ending that is "
        "never a goal. Default: the first ending is the goal when no ending says goal: true.",
    )
    text: RequiredProse = Field(
        description="What the learner reads at the end: a text or a list of paragraphs "
        "({text, if}).",
    )
    debrief: Prose = Field(
        "",
        description="Explains the concept this ending illustrates: a text or a list of "
        "paragraphs ({text, if}).",
    )


class CheckOption(_Frozen):
    """One answer of a knowledge-check question."""

    text: str = Field(min_length=1, description="The answer as the learner reads it.")
    correct: bool = Field(False, description="true on the one right answer.")
    explain: str = Field(min_length=1, description="Why this answer is right or wrong.")


class CheckQuestion(_Frozen):
    """A multiple-choice question asked before and after play."""

    question: str = Field(min_length=1, description="The question.")
    options: tuple[CheckOption, ...] = Field(
        min_length=2, description="The answers; exactly one is correct."
    )
    shuffle: bool = Field(True, description="Show the answers in a shuffled order.")


class ScenarioSpec(_Frozen):
    """A whole scenario file."""

    format: Literal[1] = Field(description="Scenario format version; 1.")
    id: str = Field(pattern=ID_PATTERN, description="Scenario id, unique in the library.")
    title: str = Field(min_length=1, description="Title on the library card.")
    summary: str = Field(min_length=1, description="One or two sentences for the library card.")
    learning_goals: tuple[str, ...] = Field(
        min_length=1, description="What the learner should take away."
    )
    estimated_minutes: int = Field(
        ge=1, le=MAX_MINUTES, description="Typical playing time in minutes."
    )
    start: str = Field(description="Id of the first node.")
    meters: dict[str, Meter] = Field(description="Hidden meters by id.")
    flags: dict[str, Flag] = Field(default_factory=dict, description="Flags by id.")
    characters: dict[str, Character] = Field(default_factory=dict, description="Characters by id.")
    backgrounds: dict[str, str] = Field(
        default_factory=dict, description="Background id -> image file."
    )
    nodes: dict[str, Node] = Field(min_length=1, description="Nodes by id.")
    endings: tuple[Ending, ...] = Field(min_length=1, description="Ending rules in order.")
    shuffle: bool = Field(
        True,
        description="Show each decision's choices in an order shuffled per playthrough; a "
        "node's shuffle overrides it.",
    )
    relationship_meters: tuple[str, ...] | None = Field(
        None,
        description="Meters that measure the relationship, for the timing lint (RP122); "
        "default: trust.",
    )
    check: tuple[CheckQuestion, ...] = Field(
        (), description="Knowledge-check questions asked before and after play."
    )


class Technique(_Frozen):
    """One entry of the technique catalogue."""

    family: Family = Field(description="influence, persuasion, pressure or manipulation.")
    label: str = Field(description="Human-readable name.")
    ethical: bool = Field(description="Whether the technique is ethical.")
    explanation: str = Field(description="One paragraph explaining the technique.")


class TechniqueCatalogue(_Frozen):
    """The shared technique catalogue file."""

    format: Literal[1] = Field(description="Catalogue format version; 1.")
    techniques: dict[str, Technique] = Field(min_length=1, description="Techniques by id.")
