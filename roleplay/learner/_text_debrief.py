"""The debrief in the terminal: why this ending, each decision, the expert's road, the check.

Everything is wrapped at word boundaries to ``width`` columns (the terminal's); a numbered item
hangs under its text whatever the number's width ("10. " as "1. "), and a meter change such as
"Trust +1" is never split over two lines.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence
from typing import TextIO

from roleplay.engine._debrief import Debrief, Decision, ExpertPath
from roleplay.engine._knowledge import KnowledgeCheck
from roleplay.engine._runtime import Runner
from roleplay.engine._scenario import Scenario

#: Finds the expert's road for a debrief: (scenario, the learner's choice ids) -> ids or None.
ExpertFinder = Callable[[Scenario, Sequence[str]], Sequence[str] | None]

#: Joins words that must stay on one line; textwrap breaks only at ASCII whitespace.
KEEP_TOGETHER = "\u00a0"


def _fill(text: str, width: int, first: str = "", rest: str = "") -> str:
    filled = textwrap.fill(
        text,
        width,
        initial_indent=first,
        subsequent_indent=rest,
        break_long_words=False,
        break_on_hyphens=False,
    )
    return filled.replace(KEEP_TOGETHER, " ")


def hanging(number: int, indent: str = "") -> str:
    """The indent that puts a numbered item's next lines under its text ("10. " is 4 wide)."""
    return indent + " " * (len(str(number)) + 2)


def numbered(number: int, text: str, width: int, indent: str = "") -> str:
    """``number. text`` wrapped to ``width``, its next lines hanging under the text."""
    return _fill(f"{number}. {text}", width, indent, hanging(number, indent))


def _paragraphs(text: str, out: TextIO, width: int, indent: str = "") -> None:
    for index, paragraph in enumerate(p for p in text.split("\n\n") if p.strip()):
        if index:
            print(file=out)
        print(_fill(paragraph, width, indent, indent), file=out)


def print_debrief(debrief: Debrief, out: TextIO, width: int) -> None:
    """Why the ending was reached, what the goal still needed, each decision, the expert."""
    ending = debrief.ending
    assert ending is not None
    print("\nDEBRIEF", file=out)
    if ending.debrief:
        _paragraphs(ending.debrief, out, width)
    print("\nWhy this ending:", file=out)
    for reason in debrief.why:
        print(_fill(reason.text, width, "  - ", "    "), file=out)
    if debrief.near_miss is not None:
        print(file=out)
        _paragraphs(debrief.near_miss.text, out, width)
    for decision in debrief.decisions:
        _print_decision(debrief, decision, out, width)
    profile = ", ".join(f"{family} {count}" for family, count in debrief.profile.items())
    print(file=out)
    print(_fill(f"Your influence profile: {profile}", width, rest="  "), file=out)
    if debrief.expert is not None:
        _print_expert(debrief.expert, out, width)


def _print_decision(debrief: Debrief, decision: Decision, out: TextIO, width: int) -> None:
    changes = ", ".join(
        f"{debrief.meter_labels.get(k, k)}{KEEP_TOGETHER}{v:+d}" for k, v in decision.deltas.items()
    )
    number = decision.index + 1
    under = hanging(number)
    print(file=out)
    print(numbered(number, decision.choice_text, width), file=out)
    technique = f"{decision.technique_label} ({decision.family})"
    print(_fill(technique + (f"; {changes}" if changes else ""), width, under, under), file=out)
    if decision.feedback:
        _paragraphs(decision.feedback, out, width, under)


def _print_expert(road: ExpertPath, out: TextIO, width: int) -> None:
    print(file=out)
    print(_fill(f"THE EXPERT'S ROAD (to {road.ending_title})", width), file=out)
    if not road.learner and not road.expert:
        print("You took the expert's road all the way.", file=out)
        return
    if road.diverges_at == 1:
        print("Your first decision matched the expert's.", file=out)
    elif road.diverges_at:
        print(f"Your first {road.diverges_at} decisions matched the expert's.", file=out)
    print(f"From decision {road.diverges_at + 1} on:", file=out)
    _print_road("You", road.learner, road.diverges_at, out, width)
    _print_road("The expert", road.expert, road.diverges_at, out, width)


def _print_road(
    who: str, decisions: Sequence[Decision], start: int, out: TextIO, width: int
) -> None:
    print(f"  {who}:", file=out)
    for offset, decision in enumerate(decisions):
        line = f"{decision.choice_text} ({decision.technique_label})"
        print(numbered(start + offset + 1, line, width, "    "), file=out)


def print_check_results(check: KnowledgeCheck, out: TextIO, width: int) -> None:
    """The knowledge check: scores before and after, and why each right answer is right."""
    print("\nKNOWLEDGE CHECK", file=out)
    before = "-" if check.score_before is None else str(check.score_before)
    after = "-" if check.score_after is None else str(check.score_after)
    print(f"Before: {before} of {check.total}. After: {after} of {check.total}.", file=out)
    for number, question in enumerate(check.questions, start=1):
        under = hanging(number)
        print(file=out)
        print(numbered(number, question.question, width), file=out)
        for label, answer in (("before", question.before), ("after", question.after)):
            if answer is None:
                continue
            verdict = "right" if answer == question.correct else "not right"
            said = f"You answered {label}: {question.options[answer]} ({verdict})"
            print(_fill(said, width, under, under + "  "), file=out)
        right = f"The answer: {question.options[question.correct]}"
        print(_fill(right, width, under, under + "  "), file=out)
        _paragraphs(question.explanations[question.correct], out, width, under)


def print_ending(runner: Runner, out: TextIO, width: int) -> None:
    """The ending reached, by its title as the desktop game's ending card shows it; its text
    and the meters revealed."""
    ending = runner.ending_view()
    assert ending is not None
    print(file=out)
    print(_fill(f"THE ENDING YOU REACHED: {ending.title}", width, rest="  "), file=out)
    for paragraph in ending.text.split("\n\n"):
        print(_fill(paragraph, width), file=out)
    print(file=out)
    print("Where the hidden meters ended:", file=out)
    for meter_id, value in runner.state.meters.items():
        meter = runner.scenario.meters[meter_id]
        print(f"  {meter.label}: {value} ({meter.min}-{meter.max})", file=out)
    out.flush()


def json_result(runner: Runner) -> dict[str, object]:
    """The ``--json`` result: the ending is null when the input ended first."""
    from roleplay.engine._knowledge import check_results

    result: dict[str, object] = {
        "scenario": runner.scenario.id,
        "ending": runner.state.ending,
        "meters": runner.state.meters,
        "path": runner.state.path,
        "choices": [step.choice_id for step in runner.state.history],
        "seed": runner.state.seed,
    }
    results = check_results(runner.scenario, runner.state)
    if results is not None and runner.state.check:
        result["check"] = {
            "before": results.score_before,
            "after": results.score_after,
            "total": results.total,
        }
    return result


def print_full_debrief(
    runner: Runner, expert: ExpertFinder | None, out: TextIO, width: int
) -> None:
    """The teaching: why this ending, each decision, the expert's road, the check."""
    from roleplay.engine._debrief import build_debrief

    taken = [step.choice_id for step in runner.state.history]
    road = expert(runner.scenario, taken) if expert is not None else None
    debrief = build_debrief(runner.scenario, runner.state, expert_path=road)
    print_debrief(debrief, out, width)
    if debrief.knowledge is not None:
        print_check_results(debrief.knowledge, out, width)
    out.flush()
