"""Session logs for the tests, written by the real session-log writer while a Runner plays.

Each plan entry is one decision: the votes per choice id (``{}`` for none), and optionally the
choice the facilitator played instead (an override), whether a discussion was held, and a
road not taken to preview. ``rewind_after`` takes one decision back after that decision number.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from roleplay import Runner, Scenario
from roleplay.engine._session_log import SessionLogWriter, hash_secret
from roleplay.facilitator._check import check_round

NICKNAMES = ("Calm Otter", "Brave Heron", "<b>Ann</b>", "Quick Fox", "Kind Owl", "Wise Elk")


@dataclass
class Step:
    """One decision of a planned session."""

    votes: dict[str, int]
    override: str | None = None
    discuss: bool = False
    preview: str | None = None


@dataclass
class Plan:
    """A whole planned session."""

    steps: list[Step]
    players: int = 4
    session_id: str = "3f1c0d6e9a8b4c2d8e7f6a5b4c3d2e1f"
    room_code: str = "KQZW"
    rewind_after: int | None = None
    extra: dict[str, str] = field(default_factory=dict)
    # The knowledge check: per phase, per question, answers per option id; a phase in
    # ``skipped`` ends with "skipped" (its last question closed unrevealed).
    check: dict[str, list[dict[str, int]]] = field(default_factory=dict)
    skipped: tuple[str, ...] = ()


def write_session_log(path: Path, scenario: Scenario, plan: Plan) -> Path:
    """Play ``plan`` on ``scenario`` and log it as a host would."""
    log = SessionLogWriter.create(
        path,
        scenario,
        session_id=plan.session_id,
        room_code=plan.room_code,
        settings={
            "anonymous": True,
            "teams": False,
            "locked": False,
            "late_join": True,
            "cap": 300,
            "timer": 60,
            "auto_advance": False,
            "mode": "practice",
        },
    )
    players = [f"p{i + 1}" for i in range(plan.players)]
    for i, player in enumerate(players):
        log.append(
            "join",
            player=player,
            token_hash=hash_secret(f"t{i}"),
            device_hash=None,
            nickname=NICKNAMES[i % len(NICKNAMES)],
        )
    _check(log, scenario, plan, "before", players)
    runner = Runner(scenario)
    steps = list(plan.steps)
    number = 0
    while steps and not runner.is_over:
        runner.advance_to_decision()
        if runner.is_over:
            break
        number = len(runner.state.history) + 1
        _decide(log, runner, number, steps.pop(0), players)
        if plan.rewind_after == number:
            plan.rewind_after = None
            runner.rewind()
            log.append("rewind", decisions_kept=len(runner.state.history))
    runner.advance_to_decision()
    if runner.is_over:
        ending = runner.ending_view()
        assert ending is not None
        log.append("ending", ending=ending.id, title=ending.title, meters=runner.state.meters)
        _check(log, scenario, plan, "after", players)
    log.append("session_end", reason="ended")
    log.close()
    return path


def _check(
    log: SessionLogWriter, scenario: Scenario, plan: Plan, phase: str, players: list[str]
) -> None:
    """The knowledge check's questions of one phase, as the host logs them."""
    questions = plan.check.get(phase)
    if questions is None:
        return
    reason = "skipped" if phase in plan.skipped else "revealed"
    for number, counts in enumerate(questions, start=1):
        asked = check_round(scenario, None, phase, number)
        log.append("check_open", **asked.open_fields())
        voter = iter(players)
        for option, count in counts.items():
            for _ in range(count):
                player = next(voter)
                asked.cast(player, option)
                log.append("check_answer", phase=phase, question=number, player=player,
                           option=option, change=False)  # fmt: skip
        closing = reason if number == len(questions) else "revealed"
        log.append("check_close", **asked.close_fields(len(players), closing))
    ended = "skipped" if phase in plan.skipped else "done"
    log.append("check_end", phase=phase, reason=ended, asked=len(questions))


def _decide(
    log: SessionLogWriter, runner: Runner, number: int, step: Step, players: list[str]
) -> None:
    node = runner.state.node
    shown = [c for c, ok in runner.visible_choices() if ok]
    choices = [
        {
            "id": c.id,
            "text": c.spec.text,
            "technique": c.spec.technique,
            "family": runner.scenario.technique_family(c.spec.technique),
        }
        for c in shown
    ]
    log.append("vote_open", decision=number, node=node, choices=choices, deadline=None, seconds=60)
    tally = {c.id: step.votes.get(c.id, 0) for c in shown}
    voter = iter(players)
    for choice_id, count in tally.items():
        for _ in range(count):
            log.append("vote", decision=number, player=next(voter), choice=choice_id, change=False)
    log.append(
        "vote_close",
        decision=number,
        node=node,
        tally=tally,
        voters=sum(tally.values()),
        eligible=len(players),
        reason="facilitator",
    )
    if step.discuss and runner.node.spec.discussion:
        log.append(
            "discussion", node=node, prompt=runner.node.spec.discussion, action="start", seconds=120
        )
        log.append(
            "discussion", node=node, prompt=runner.node.spec.discussion, action="end", seconds=120
        )
    top = max(tally.values(), default=0)
    leaders = [c for c, n in tally.items() if n == top and top > 0]
    chosen, how = (leaders[0], "majority") if len(leaders) == 1 else (shown[0].id, "tie")
    if top == 0:
        how = "facilitator"
    if step.override:
        log.append(
            "override",
            decision=number,
            node=node,
            majority=chosen if how == "majority" else None,
            choice=step.override,
        )
        chosen, how = step.override, "override"
    if step.preview:
        _preview(log, runner, number, step.preview)
    choice = runner.scenario.choice_index[chosen]
    runner.choose_id(chosen)
    last = runner.state.history[-1]
    log.append(
        "decision",
        decision=number,
        node=node,
        choice=chosen,
        how=how,
        tally=tally,
        technique=choice.spec.technique,
        family=runner.scenario.technique_family(choice.spec.technique),
        deltas=last.deltas,
        meters_after=last.meters_after,
    )


def _preview(log: SessionLogWriter, runner: Runner, number: int, choice: str) -> None:
    copy = Runner(runner.scenario, runner.state.copy())
    copy.choose_id(choice)
    copy.advance_to_decision()
    for action in ("start", "end"):
        log.append(
            "preview",
            decision=number,
            node=runner.state.node,
            choice=choice,
            action=action,
            path=copy.state.path[len(runner.state.path) :],
            ending=copy.state.ending,
            meters_after=copy.state.meters,
        )
