"""Facilitated sessions read from their logs: the path the group took, votes, endings.

A :class:`GroupSession` is what the session report, the CSV export and the xAPI statements of a
session are built from. The log format is ``roleplay.engine._session_log`` (documented in
docs/facilitator.md); decisions taken back by a rewind are dropped from the path and counted.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from roleplay.engine._prose import unconditional
from roleplay.engine._session_log import Event, SessionLog, read_session_log
from roleplay.reports._records import (
    NAMESPACE,
    Account,
    CheckAnswer,
    DecisionRecord,
    RunRecord,
    ScenarioRef,
)
from roleplay.reports._session_check import CheckReader, GroupCheck

if TYPE_CHECKING:
    from roleplay.engine._scenario import Scenario

DEFAULT_HOST_HOME_PAGE = "urn:roleplay:host:local"


@dataclass(frozen=True)
class GroupDecision:
    """One decision of a session: what was offered, the votes, and what was played."""

    number: int
    node: str
    offered: tuple[dict[str, str], ...]  # {id, text, technique, family} in the order shown
    tally: dict[str, int]
    chosen: str
    how: str
    technique: str
    family: str
    deltas: dict[str, int]
    meters_after: dict[str, int]
    majority: str | None = None  # what the votes picked when the facilitator overrode them
    voters: int | None = None
    eligible: int | None = None
    opened_at: datetime | None = None
    decided_at: datetime | None = None

    @property
    def overridden(self) -> bool:
        """True when the facilitator played something other than the room's majority."""
        return self.how == "override"

    @property
    def votes(self) -> int:
        """Votes cast (or counted by show of hands)."""
        return sum(self.tally.values())

    def text_of(self, choice_id: str) -> str:
        """The text of an offered choice ('' when unknown)."""
        return next((c.get("text", "") for c in self.offered if c.get("id") == choice_id), "")


@dataclass(frozen=True)
class Preview:
    """A road not taken that the facilitator previewed."""

    decision: int | None
    node: str
    choice: str
    ending: str | None
    path: tuple[str, ...]


@dataclass(frozen=True)
class GroupSession:
    """Everything a report needs from one session log."""

    path: Path
    session_id: str
    room_code: str
    scenario_id: str
    scenario_title: str
    scenario_version: str | None
    scenario_hash: str
    started_at: datetime | None
    ended_at: datetime | None
    players: dict[str, str]  # player id -> nickname (team name in team mode)
    teams: bool
    decisions: tuple[GroupDecision, ...]
    taken_back: int
    discussions: tuple[tuple[str, str, float | None], ...]  # node, prompt, discussion seconds
    previews: tuple[Preview, ...]
    ending: tuple[str, str, dict[str, int]] | None  # id, title, meters
    warnings: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)
    check: tuple[GroupCheck, ...] = ()  # knowledge-check questions the room answered
    check_ended: dict[str, str] = field(default_factory=dict)  # phase -> "done" or "skipped"

    @property
    def group_size(self) -> int:
        """How many participants (or tables, in team mode) joined."""
        return len(self.players)

    @property
    def version_label(self) -> str:
        """The scenario's declared version, else its content hash."""
        return self.scenario_version or self.scenario_hash


def _time(event: Event | None) -> datetime | None:
    if event is None:
        return None
    try:
        moment = datetime.fromisoformat(str(event["time"]))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _ints(value: object) -> dict[str, int]:
    if not isinstance(value, dict):
        return {}
    return {str(k): int(v) for k, v in value.items() if isinstance(v, int | float)}


class _Reader:
    """Walks the events once, keeping the state the decisions need."""

    def __init__(self) -> None:
        self.opened: dict[int, Event] = {}
        self.closed: dict[int, Event] = {}
        self.overrides: dict[int, Event] = {}
        self.decisions: list[GroupDecision] = []
        self.taken_back = 0
        self.players: dict[str, str] = {}
        self.discussions: list[tuple[str, str, float | None]] = []
        self.previews: dict[tuple[Any, str, str], Preview] = {}
        self.ending: tuple[str, str, dict[str, int]] | None = None
        self.ended: Event | None = None
        self.check = CheckReader()

    def feed(self, event: Event) -> None:
        kind = event["type"]
        if kind.startswith("check_"):
            self.check.feed(event)
            return
        handler = getattr(self, f"_on_{kind}", None)
        if handler is not None:
            handler(event)

    def _on_join(self, event: Event) -> None:
        self.players[str(event["player"])] = str(event.get("nickname") or event["player"])

    def _on_vote_open(self, event: Event) -> None:
        self.opened[int(event["decision"])] = event

    def _on_vote_close(self, event: Event) -> None:
        self.closed[int(event["decision"])] = event

    def _on_override(self, event: Event) -> None:
        self.overrides[int(event["decision"])] = event

    def _on_decision(self, event: Event) -> None:
        number = int(event["decision"])
        opened, closed = self.opened.get(number), self.closed.get(number)
        override = self.overrides.get(number) if event.get("how") == "override" else None
        offered = tuple(
            {k: str(c.get(k) or "") for k in ("id", "text", "technique", "family")}
            for c in (opened or {}).get("choices", [])
            if isinstance(c, dict)
        )
        del self.decisions[number - 1 :]
        self.decisions.append(
            GroupDecision(
                number=number,
                node=str(event["node"]),
                offered=offered,
                tally=_ints(event.get("tally")),
                chosen=str(event["choice"]),
                how=str(event["how"]),
                technique=str(event.get("technique") or ""),
                family=str(event.get("family") or ""),
                deltas=_ints(event.get("deltas")),
                meters_after=_ints(event.get("meters_after")),
                majority=None if override is None else override.get("majority"),
                voters=None if closed is None else int(closed["voters"]),
                eligible=None if closed is None else int(closed["eligible"]),
                opened_at=_time(opened),
                decided_at=_time(event),
            )
        )

    def _on_rewind(self, event: Event) -> None:
        kept = max(int(event["decisions_kept"]), 0)
        self.taken_back += max(len(self.decisions) - kept, 0)
        del self.decisions[kept:]
        self.ending = None

    def _on_discussion(self, event: Event) -> None:
        if event.get("action") == "start":
            seconds = event.get("seconds")
            number = float(seconds) if isinstance(seconds, int | float) else None
            self.discussions.append((str(event["node"]), str(event["prompt"]), number))

    def _on_preview(self, event: Event) -> None:
        key = (event.get("decision"), str(event["node"]), str(event["choice"]))
        path = tuple(str(p) for p in event.get("path") or ())
        ending = event.get("ending")
        self.previews[key] = Preview(
            event.get("decision"), key[1], key[2], None if ending is None else str(ending), path
        )

    def _on_ending(self, event: Event) -> None:
        self.ending = (str(event["ending"]), str(event["title"]), _ints(event.get("meters")))
        self.ended = event

    def _on_session_end(self, event: Event) -> None:
        self.ended = self.ended or event


def session_from_log(log: SessionLog) -> GroupSession:
    """Read one session's story out of its log."""
    return session_from_events(log.path, log.events, log.warnings)


def session_from_events(
    path: Path, events: Sequence[Event], warnings: tuple[str, ...] = ()
) -> GroupSession:
    """A session's story from its events (the first is ``session_start``): a whole log, or the
    events so far of a session being played."""
    reader = _Reader()
    for event in events:
        reader.feed(event)
    start = events[0]
    settings = start.get("settings")
    teams = isinstance(settings, dict) and bool(settings.get("teams", False))
    version = start.get("scenario_version")
    return GroupSession(
        path=path,
        session_id=str(start["session_id"]),
        room_code=str(start.get("room_code", "")),
        scenario_id=str(start["scenario_id"]),
        scenario_title=str(start.get("scenario_title") or start["scenario_id"]),
        scenario_version=None if version is None else str(version),
        scenario_hash=str(start.get("scenario_hash", "")),
        started_at=_time(start),
        ended_at=_time(reader.ended or events[-1]),
        players=reader.players,
        teams=teams,
        decisions=tuple(reader.decisions),
        taken_back=reader.taken_back,
        discussions=tuple(reader.discussions),
        previews=tuple(reader.previews.values()),
        ending=reader.ending,
        warnings=warnings,
        check=reader.check.questions(),
        check_ended=dict(reader.check.ended),
    )


def read_session(path: Path | str) -> GroupSession:
    """Read a session log file; raises SessionLogError with the file and line when it cannot."""
    return session_from_log(read_session_log(path))


def session_registration(session: GroupSession) -> uuid.UUID:
    """The session's registration: the same log always gives the same one."""
    return uuid.uuid5(NAMESPACE, f"session|{session.session_id}")


def session_record(
    session: GroupSession,
    scenario: Scenario | None,
    *,
    home_page: str = DEFAULT_HOST_HOME_PAGE,
    names: bool = False,
) -> RunRecord:
    """The session as a record for xAPI: an identified Group, nicknames only when ``names``.

    ``scenario`` (when found) adds technique labels, feedback and the decision prompts; the
    activity ids use the version the session was played on.
    """
    members: tuple[Account, ...] = ()
    if names:
        members = tuple(
            Account(home_page, f"{session.session_id}:{player}", nickname)
            for player, nickname in session.players.items()
        )
    return RunRecord(
        registration=session_registration(session),
        scenario=_played_version(session, scenario),
        actor=Account(home_page, f"session:{session.session_id}"),
        is_group=True,
        mode="group",
        decisions=tuple(_decision_record(d, scenario) for d in session.decisions),
        ending=None if session.ending is None else session.ending[:2],
        started_at=session.started_at,
        ended_at=session.ended_at,
        session_id=session.session_id,
        members=members,
        taken_back=session.taken_back,
        group_size=session.group_size,
        check=tuple(_check_answer(c) for c in session.check if c.answered),
    )


def _played_version(session: GroupSession, scenario: Scenario | None) -> ScenarioRef:
    """The scenario as the session played it: its version is the hash the log recorded."""
    if scenario is None:
        return ScenarioRef(session.scenario_id, session.scenario_title, session.scenario_hash, None)
    ref = ScenarioRef.of(scenario)
    return ScenarioRef(ref.id, ref.title, session.scenario_hash, ref.goal_ending, ref.description)


def _check_answer(check: GroupCheck) -> CheckAnswer:
    """A question as the room answered it: the votes per option (indices as written) and, as
    the room's answer, the option most chosen (None on a tie)."""
    index = {o.id: o.index for o in check.options}
    votes = {index[k]: n for k, n in check.tally.items() if k in index}
    top = max(votes.values(), default=0)
    leaders = [i for i, n in votes.items() if n == top and top > 0]
    return CheckAnswer(
        phase=check.phase,
        number=check.number,
        question=check.question,
        options=tuple(o.text for o in check.options),
        correct=index.get(check.correct, -1),
        answer=leaders[0] if len(leaders) == 1 else None,
        votes=votes,
        at=check.at,
        group_size=check.eligible or None,
    )


def _decision_record(decision: GroupDecision, scenario: Scenario | None) -> DecisionRecord:
    offered = tuple((c["id"], c["text"] or c["id"]) for c in decision.offered)
    seconds = None
    if decision.opened_at and decision.decided_at:
        seconds = max((decision.decided_at - decision.opened_at).total_seconds(), 0.0)
    technique = scenario.techniques.get(decision.technique) if scenario else None
    choice = scenario.choice_index.get(decision.chosen) if scenario else None
    node = scenario.nodes.get(decision.node) if scenario else None
    return DecisionRecord(
        node_id=decision.node,
        prompt=node.spec.lines[-1].text if node else decision.node,
        offered=offered or ((decision.chosen, decision.chosen),),
        chosen=decision.chosen,
        chosen_text=decision.text_of(decision.chosen),
        technique=decision.technique,
        technique_label=technique.label if technique else decision.technique,
        family=decision.family,
        ethical=technique.ethical if technique else True,
        deltas=decision.deltas,
        meters_after=decision.meters_after,
        at=decision.decided_at,
        seconds=seconds,
        votes=dict(decision.tally),
        decided_by=decision.how,
        discussion=node.spec.discussion if node else None,
        feedback=unconditional(choice.feedback) if choice else "",
        group_size=decision.eligible or None,
    )
