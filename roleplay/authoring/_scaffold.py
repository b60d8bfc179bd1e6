"""``roleplay new``: a commented starter scenario that validates and lints clean as created."""

from __future__ import annotations

import re
from pathlib import Path

from roleplay.authoring._project_schema import SCHEMA_LINE, schema_line, write_schema
from roleplay.engine._atomic import write_text_atomic
from roleplay.engine._model import ID_PATTERN

TEMPLATE = """\
{schema_line}# A new roleplay scenario. docs/authoring.md explains every key; check your work with
#   roleplay lint {file}      (proves every ending reachable, checks the teaching)
#   roleplay play --text {file}
format: 1                     # the file format version; always 1
id: {id}                      # unique in the library: lowercase letters, digits and _
title: {title}
summary: >-
  One or two sentences for the library card: who wants what from whom.
learning_goals:               # what the player should take away (shown before and after)
  - Notice how asking before telling changes what people are willing to do.
estimated_minutes: 5
start: ask                    # the first node

# Hidden meters: integers the player discovers in the debrief. Effects clamp to min..max.
meters:
  trust:
    label: Trust
    description: Whether Jo believes you are being fair with her.
    start: 5                  # default: min (0); max defaults to 10
  compliance:
    label: Compliance
    description: How far Jo goes along with the plan, whether or not she agrees.
    start: 1

# Flags: true/false facts that choices set and conditions read as flags.NAME. When an ending
# rule reads a flag, "why this ending" tells the learner explain (true) or explain_not (false).
flags:
  listened:
    description: You asked Jo what she needs
  claimed_agreement:
    description: You claimed an agreement nobody had given
    explain: You claimed an agreement nobody had given.
    explain_not: You never claimed agreement you did not have.

# Characters speak lines. Portraits are folders of <expression>.svg files, looked up beside
# this file first and then in the game's assets/ folder.
characters:
  jo:
    name: Jo Lindqvist
    role: Support team lead
    portrait: characters/jo
    expressions: [neutral, pleased, skeptical, annoyed, concerned]

# Backgrounds: id -> image file (same lookup as portraits).
backgrounds:
  kitchen: backgrounds/break_room.svg

# Nodes are the beats of the story. Each has lines, then exactly one way forward:
# choices (a decision), next (continue), end: true (the ending rules decide) or ending: ID.
nodes:
  ask:
    background: kitchen       # stays until another node sets one
    discussion: What does Jo need before she can say yes?   # prompt for group sessions
    lines:
      - text: The team kitchen, Monday morning. Jo is rinsing everyone's mugs again.
      - speaker: jo
        expression: annoyed
        text: Before you ask, no, I have not had time to look at your rota idea.
    choices:
      # Every decision should offer an ethical influence option (pull) and a tempting
      # pressure or manipulation option (push): lint checks both (RP110, RP111).
      - id: ask_jo            # an id names it in chose("ask_jo") and in recorded tests
        text: "You have carried this for weeks. What would make it fair for you?"
        technique: active_listening      # an id from techniques.yaml
        effects: {{trust: 2}}
        set: {{listened: true}}
        feedback: >-
          Asking first told Jo her view matters; she now has a stake in the answer.
        reaction:             # short lines shown right after the choice
          - speaker: jo
            expression: pleased
            text: Honestly? Names on the fridge, and nobody gets to skip.
        next: meeting
      - text: "There will be a rota from Monday. Please make it work."
        technique: direct_instruction
        effects: {{compliance: 2, trust: -1}}
        feedback: >-
          A clear instruction gets movement quickly, but Jo hears another job, not a reason.
        next: meeting
      - text: "Look at this invoice: the cleaning costs doubled. We need a rota."
        technique: evidence_and_data
        effects: {{trust: -1}}
        feedback: >-          # {{trust}} shows the meter's value when the choice was made
          The same invoice that can win the meeting lands as pressure today: Trust was
          {{trust}} when you showed it, and Jo has not been asked anything yet.
        next: meeting
  meeting:
    lines:
      - text: Friday. The team meeting.
      - speaker: jo
        if: flags.listened    # a line shown only when its condition holds
        expression: pleased
        text: I put a draft rota on the fridge. Three people signed up already.
    choices:
      - text: "Here is what the cleaning invoice looked like before and after the trial."
        technique: evidence_and_data
        effects: {{compliance: 2}}
        feedback: Evidence at the right moment turns a nice idea into a decision people keep.
        next: wrap_up
      - text: "What would make the rota work for everyone here?"
        technique: involving_people
        effects: {{trust: 1}}
        feedback: Listening again is kind, but nobody has been asked to commit to anything.
        next: wrap_up
      - text: "Everyone is happy with the rota, right? Great, moving on."
        technique: false_consensus
        effects: {{compliance: 1, trust: -2}}
        set: {{claimed_agreement: true}}   # unethical lines set a flag the goal ending excludes
        feedback: Claiming agreement you have not checked saves a minute and costs trust.
        next: wrap_up
  wrap_up:
    lines:
      - text: A month later, the kitchen tells its own story.
    end: true                 # the first ending whose `when` holds is chosen

# Endings in order: the first whose `when` holds wins; the last has no `when` (the fallback).
# The goal ending is what the scenario teaches towards: lint proves that no unethical path and
# no one-rule way of playing reaches it (RP120-RP122).
endings:
  - id: agreed
    title: A rota people keep
    goal: true
    when:                     # parts that must all hold, each told to the learner
      - test: trust >= 6
        explain: Jo trusted you to be fair
        missing: Jo did not trust you enough yet
      - compliance >= 3       # a meter and a number reads "Compliance 3 — needed at least 3"
      - not flags.claimed_agreement
    text: The rota runs itself. Jo swapped a week with a colleague without being asked.
    debrief: >-
      Pull, then push: you listened first and then showed evidence. People keep agreements
      they helped make, and evidence gives them a reason to stick to them.
  - id: grudging
    title: Clean, to the letter
    when: compliance >= 4
    text: The mugs get washed on schedule. Nobody does more than the rota says.
    debrief: >-
      Instructions and claimed agreement bought compliance, not commitment.
  - id: stalled
    title: Nothing changed
    text: The sink fills up again. Everyone agrees it is a shame.
    debrief: >-
      Goodwill without a clear ask changes nothing: influence needs a decision at some point.

# A knowledge check, asked before and after play; the debrief shows both answers.
check:
  - question: What makes a rota people actually keep?
    options:
      - text: A clear instruction from whoever is in charge
        explain: Instructions get compliance; people keep to the letter and no further.
      - text: Asking first, then a clear ask backed by evidence
        correct: true
        explain: People keep agreements they helped make, and evidence gives them a reason.
      - text: Telling everyone the team has already agreed
        explain: Claimed agreement saves a minute and costs trust when people find out.
"""


class ScaffoldError(Exception):
    """The scenario cannot be created (bad name, or the file exists)."""


def scenario_text(scenario_id: str, file_name: str, first_line: str = SCHEMA_LINE) -> str:
    """The starter scenario for ``scenario_id``, its first line pointing at the schema."""
    title = scenario_id.replace("_", " ").capitalize()
    return TEMPLATE.format(
        schema_line=first_line + "\n", id=scenario_id, title=title, file=file_name
    )


def create_scenario(name: str, folder: Path) -> Path:
    """Write ``folder/NAME.yaml`` and the schema its first line points at (kept when current);
    refuses bad ids and existing files."""
    if not re.fullmatch(ID_PATTERN, name):
        raise ScaffoldError(
            f"'{name}' is not a scenario id: use lowercase letters, digits and _, "
            "starting with a letter (e.g. rota_talk)"
        )
    target = folder / f"{name}.yaml"
    if target.exists():
        raise ScaffoldError(f"{target} already exists; not overwriting it")
    first_line = schema_line(folder)
    if first_line == SCHEMA_LINE:
        write_schema(folder)
    write_text_atomic(target, scenario_text(name, target.name, first_line))
    return target
