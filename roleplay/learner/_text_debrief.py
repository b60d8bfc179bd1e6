"""The debrief in the terminal: why this ending, each decision, the expert's road, the check."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import TextIO

from roleplay.engine._debrief import Debrief, Decision, ExpertPath
from roleplay.engine._knowledge import KnowledgeCheck

WIDTH = 88


def _paragraphs(text: str, out: TextIO, indent: str = "") -> None:
    for index, paragraph in enumerate(p for p in text.split("\n\n") if p.strip()):
        if index:
            print(file=out)
        print(
            textwrap.fill(paragraph, WIDTH, initial_indent=indent, subsequent_indent=indent),
            file=out,
        )


def print_debrief(debrief: Debrief, out: TextIO) -> None:
    """Why the ending was reached, what the goal still needed, each decision, the expert."""
    ending = debrief.ending
    assert ending is not None
    print("\nDEBRIEF", file=out)
    if ending.debrief:
        _paragraphs(ending.debrief, out)
    print("\nWhy this ending:", file=out)
    for reason in debrief.why or ():
        print(
            textwrap.fill(reason.text, WIDTH, initial_indent="  - ", subsequent_indent="    "),
            file=out,
        )
    if debrief.near_miss is not None:
        print(file=out)
        _paragraphs(debrief.near_miss.text, out)
    for decision in debrief.decisions:
        _print_decision(debrief, decision, out)
    profile = ", ".join(f"{family} {count}" for family, count in debrief.profile.items())
    print(f"\nYour influence profile: {profile}", file=out)
    if debrief.expert is not None:
        _print_expert(debrief.expert, out)


def _print_decision(debrief: Debrief, decision: Decision, out: TextIO) -> None:
    changes = ", ".join(
        f"{debrief.meter_labels.get(k, k)} {v:+d}" for k, v in decision.deltas.items()
    )
    print(f"\n{decision.index + 1}. {decision.choice_text}", file=out)
    print(
        f"   {decision.technique_label} ({decision.family})" + (f"; {changes}" if changes else ""),
        file=out,
    )
    if decision.feedback:
        _paragraphs(decision.feedback, out, "   ")


def _print_expert(road: ExpertPath, out: TextIO) -> None:
    print(f"\nTHE EXPERT'S ROAD (to {road.ending_title})", file=out)
    if not road.learner and not road.expert:
        print("You took the expert's road all the way.", file=out)
        return
    if road.diverges_at == 1:
        print("Your first decision matched the expert's.", file=out)
    elif road.diverges_at:
        print(f"Your first {road.diverges_at} decisions matched the expert's.", file=out)
    print(f"From decision {road.diverges_at + 1} on:", file=out)
    _print_road("You", road.learner, road.diverges_at, out)
    _print_road("The expert", road.expert, road.diverges_at, out)


def _print_road(who: str, decisions: Sequence[Decision], start: int, out: TextIO) -> None:
    print(f"  {who}:", file=out)
    for offset, decision in enumerate(decisions):
        line = f"{start + offset + 1}. {decision.choice_text} ({decision.technique_label})"
        print(
            textwrap.fill(line, WIDTH, initial_indent="    ", subsequent_indent="       "), file=out
        )


def print_check_results(check: KnowledgeCheck, out: TextIO) -> None:
    """The knowledge check: scores before and after, and why each right answer is right."""
    print("\nKNOWLEDGE CHECK", file=out)
    before = "-" if check.score_before is None else str(check.score_before)
    after = "-" if check.score_after is None else str(check.score_after)
    print(f"Before: {before} of {check.total}. After: {after} of {check.total}.", file=out)
    for number, question in enumerate(check.questions, start=1):
        print(f"\n{number}. {question.question}", file=out)
        for label, answer in (("before", question.before), ("after", question.after)):
            if answer is None:
                continue
            verdict = "right" if answer == question.correct else "not right"
            print(f"   You answered {label}: {question.options[answer]} ({verdict})", file=out)
        print(f"   The answer: {question.options[question.correct]}", file=out)
        _paragraphs(question.explanations[question.correct], out, "   ")
