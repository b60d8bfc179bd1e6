"""xAPI 1.0.3 statements for a run or a session, in ADL's vocabulary and cmi5's conventions.

A statement never changes once made, so a session's statements can be sent as they happen and
still equal the export of the finished log: the group size rides only on ``answered`` (who was in
the room when that vote closed) and ``terminated`` (everyone who joined).

One registration per run or session; ``initialized`` at the start, ``answered`` at each decision,
``completed`` at the ending (``passed`` or ``failed`` after it only when asked, for the goal
ending or another one), ``terminated`` at the end. ``launched`` is never sent: cmi5 reserves it
for the LMS. Statement ids are uuid5 of the registration and the statement's place, verb,
object and response, so sending the same run twice never counts twice.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from roleplay.engine._model import FAMILIES
from roleplay.reports._records import Account, CheckAnswer, DecisionRecord, RunRecord

XAPI_VERSION = "1.0.3"
LANG = "en-US"
VERBS = {
    name: f"http://adlnet.gov/expapi/verbs/{name}"
    for name in ("initialized", "answered", "completed", "passed", "failed", "terminated")
}
INTERACTION_TYPE = "http://adlnet.gov/expapi/activities/cmi.interaction"
SIMULATION_TYPE = "http://adlnet.gov/expapi/activities/simulation"
MEETING_TYPE = "http://adlnet.gov/expapi/activities/meeting"
EXT = "urn:roleplay:xapi:"
#: Extension IRIs this project defines (documented in docs/records.md).
EXTENSIONS = {
    key: EXT + key
    for key in (
        "votes", "decided-by", "technique", "meter-deltas", "meters", "feedback",
        "ending", "scenario-version", "mode", "group-size", "taken-back", "check-phase",
    )
}  # fmt: skip


def scenario_iri(scenario_id: str, version: str) -> str:
    """The activity IRI of a scenario at one version (its content hash)."""
    return f"urn:roleplay:scenario:{scenario_id}:{version}"


def node_iri(scenario_id: str, version: str, node_id: str) -> str:
    """The activity IRI of one decision node of a scenario version."""
    return f"{scenario_iri(scenario_id, version)}:node:{node_id}"


def check_iri(scenario_id: str, version: str, number: int) -> str:
    """The activity IRI of knowledge-check question ``number`` (1-based) of a scenario version."""
    return f"{scenario_iri(scenario_id, version)}:check:{number}"


def option_id(index: int) -> str:
    """The interaction choice id of a knowledge-check option (0-based index as written)."""
    return f"option-{index + 1}"


def session_iri(session_id: str) -> str:
    """The activity IRI of a facilitated session (the context grouping)."""
    return f"urn:roleplay:session:{session_id}"


def statement_id(
    registration: uuid.UUID, place: int | str, verb: str, object_id: str, response: str
) -> str:
    """A stable statement id: the same place in the same run always gives the same id."""
    return str(uuid.uuid5(registration, f"{place}|{verb}|{object_id}|{response}"))


def iso_duration(seconds: float) -> str:
    """An ISO 8601 duration with centisecond precision, e.g. ``PT1M5.25S``."""
    centis = max(round(seconds * 100), 0)
    hours, rest = divmod(centis, 360_000)
    minutes, rest = divmod(rest, 6000)
    text = "PT"
    if hours:
        text += f"{hours}H"
    if minutes:
        text += f"{minutes}M"
    whole, frac = divmod(rest, 100)
    if rest or text == "PT":
        text += f"{whole}.{frac:02d}S" if frac else f"{whole}S"
    return text


def _timestamp(moment: datetime | None) -> dict[str, str]:
    return {"timestamp": moment.isoformat(timespec="milliseconds")} if moment else {}


def actor_json(record: RunRecord) -> dict[str, Any]:
    """The actor: an Agent with an account (solo) or an identified Group (a session)."""
    account = _account(record.actor)
    if not record.is_group:
        return {"objectType": "Agent", "account": account}
    group: dict[str, Any] = {"objectType": "Group", "account": account}
    if record.members:
        group["member"] = [
            {"objectType": "Agent", "name": m.display or m.name, "account": _account(m)}
            for m in record.members
        ]
    return group


def _account(account: Account) -> dict[str, str]:
    return {"homePage": account.home_page, "name": account.name}


def scenario_activity(record: RunRecord) -> dict[str, Any]:
    """The scenario as an Activity (a simulation)."""
    ref = record.scenario
    definition: dict[str, Any] = {"name": {LANG: ref.title}, "type": SIMULATION_TYPE}
    if ref.description:
        definition["description"] = {LANG: ref.description}
    return {
        "objectType": "Activity",
        "id": scenario_iri(ref.id, ref.version),
        "definition": definition,
    }


def decision_activity(record: RunRecord, decision: DecisionRecord) -> dict[str, Any]:
    """A decision node as a cmi.interaction of type choice, listing the choices offered."""
    ref = record.scenario
    return _choice_interaction(
        node_iri(ref.id, ref.version, decision.node_id),
        f"{ref.title}: decision at {decision.node_id}",
        decision.prompt,
        decision.offered,
    )


def _choice_interaction(
    iri: str,
    name: str,
    description: str,
    choices: Sequence[tuple[str, str]],
    correct: str | None = None,
) -> dict[str, Any]:
    """An activity that is a cmi.interaction of type choice (with its right answer, if any)."""
    definition: dict[str, Any] = {
        "name": {LANG: name},
        "description": {LANG: description},
        "type": INTERACTION_TYPE,
        "interactionType": "choice",
    }
    if correct is not None:
        definition["correctResponsesPattern"] = [correct]
    definition["choices"] = [{"id": i, "description": {LANG: text}} for i, text in choices]
    return {"objectType": "Activity", "id": iri, "definition": definition}


def _context(record: RunRecord, *, with_parent: bool, group_size: int | None) -> dict[str, Any]:
    activities: dict[str, Any] = {}
    if with_parent:
        activities["parent"] = [{"objectType": "Activity", "id": _scenario_id(record)}]
    if record.session_id:
        activities["grouping"] = [
            {
                "objectType": "Activity",
                "id": session_iri(record.session_id),
                "definition": {"name": {LANG: "Facilitated session"}, "type": MEETING_TYPE},
            }
        ]
    extensions: dict[str, Any] = {
        EXTENSIONS["scenario-version"]: record.scenario.version,
        EXTENSIONS["mode"]: "group" if record.is_group else record.mode,
    }
    if group_size:
        extensions[EXTENSIONS["group-size"]] = group_size
    context: dict[str, Any] = {
        "registration": str(record.registration),
        "revision": record.scenario.version,
        "platform": "roleplay",
        "language": LANG,
        "extensions": extensions,
    }
    if activities:
        context["contextActivities"] = activities
    return context


def _scenario_id(record: RunRecord) -> str:
    return scenario_iri(record.scenario.id, record.scenario.version)


def _answer_result(decision: DecisionRecord) -> dict[str, Any]:
    technique = {
        "id": decision.technique,
        "label": decision.technique_label,
        "family": decision.family if decision.family in FAMILIES else "",
        "ethical": decision.ethical,
    }
    extensions: dict[str, Any] = {
        EXTENSIONS["decided-by"]: decision.decided_by,
        EXTENSIONS["technique"]: technique,
        EXTENSIONS["meter-deltas"]: dict(decision.deltas),
        EXTENSIONS["meters"]: dict(decision.meters_after),
    }
    if decision.votes is not None:
        extensions[EXTENSIONS["votes"]] = dict(decision.votes)
    if decision.feedback:
        extensions[EXTENSIONS["feedback"]] = decision.feedback
    result: dict[str, Any] = {"response": decision.chosen, "extensions": extensions}
    if decision.seconds is not None:
        result["duration"] = iso_duration(decision.seconds)
    return result


class _Builder:
    """Appends statements in order, giving each its stable id."""

    def __init__(self, record: RunRecord) -> None:
        self.record = record
        self.actor = actor_json(record)
        self.statements: list[dict[str, Any]] = []
        self.story = 0  # statements placed by their order (knowledge-check ones are not)

    def add(
        self,
        verb: str,
        obj: dict[str, Any],
        *,
        result: dict[str, Any] | None = None,
        at: datetime | None = None,
        with_parent: bool = False,
        group_size: int | None = None,
        place: str | None = None,
        id_response: str | None = None,
        extensions: dict[str, Any] | None = None,
    ) -> None:
        """Append a statement. Its id comes from its place (the story statements' order, or
        ``place`` for one that is unique anyway), verb, object and ``id_response`` (default:
        the result's response)."""
        response = result.get("response", "") if result else ""
        if place is None:
            place = str(self.story)
            self.story += 1
        key = response if id_response is None else id_response
        statement: dict[str, Any] = {
            "id": statement_id(self.record.registration, place, verb, obj["id"], key),
            "actor": self.actor,
            "verb": {"id": VERBS[verb], "display": {LANG: verb}},
            "object": obj,
        }
        if result:
            statement["result"] = result
        context = _context(self.record, with_parent=with_parent, group_size=group_size)
        context["extensions"].update(extensions or {})
        statement["context"] = context
        statement.update(_timestamp(at))
        statement["version"] = XAPI_VERSION
        self.statements.append(statement)


def statements_for(record: RunRecord, *, judge: bool = False) -> list[dict[str, Any]]:
    """Every statement of a run or session, in order.

    With ``judge``, a finished run also gets ``passed`` (the goal ending) or ``failed`` (any other
    ending) after ``completed``.
    """
    builder = _Builder(record)
    scenario = scenario_activity(record)
    builder.add("initialized", scenario, at=record.started_at)
    _add_check(builder, record.check_answers("before"))
    for decision in record.decisions:
        builder.add(
            "answered",
            decision_activity(record, decision),
            result=_answer_result(decision),
            at=decision.at,
            with_parent=True,
            group_size=decision.group_size,
        )
    total = _total_seconds(record)
    if record.ending is not None:
        _add_ending(builder, scenario, total, judge=judge)
    _add_check(builder, record.check_answers("after"))
    terminated: dict[str, Any] = {EXTENSIONS["taken-back"]: record.taken_back}
    result: dict[str, Any] = {"extensions": terminated}
    if total is not None:
        result["duration"] = iso_duration(total)
    builder.add(
        "terminated", scenario, result=result, at=record.ended_at, group_size=record.group_size
    )
    return builder.statements


def _add_ending(
    builder: _Builder, scenario: dict[str, Any], total: float | None, *, judge: bool
) -> None:
    record = builder.record
    assert record.ending is not None
    ending_id, title = record.ending
    final = record.decisions[-1].meters_after if record.decisions else record.meters_start
    extensions = {
        EXTENSIONS["ending"]: {"id": ending_id, "title": title},
        EXTENSIONS["meters"]: dict(final),
    }
    result: dict[str, Any] = {"completion": True, "extensions": extensions}
    if total is not None:
        result["duration"] = iso_duration(total)
    # The ending is part of the id: a run replayed to another ending completes again.
    builder.add("completed", scenario, result=result, at=record.ended_at, id_response=ending_id)
    if judge and record.scenario.goal_ending is not None:
        success = ending_id == record.scenario.goal_ending
        judged = dict(result, success=success)
        verb = "passed" if success else "failed"
        builder.add(verb, scenario, result=judged, at=record.ended_at, id_response=ending_id)


def _total_seconds(record: RunRecord) -> float | None:
    if record.started_at is None or record.ended_at is None:
        return None
    return max((record.ended_at - record.started_at).total_seconds(), 0.0)


def check_activity(record: RunRecord, answer: CheckAnswer) -> dict[str, Any]:
    """A knowledge-check question as a cmi.interaction of type choice with its right answer."""
    ref = record.scenario
    return _choice_interaction(
        check_iri(ref.id, ref.version, answer.number),
        f"{ref.title}: knowledge check {answer.number}",
        answer.question,
        [(option_id(index), text) for index, text in enumerate(answer.options)],
        correct=option_id(answer.correct),
    )


def _add_check(builder: _Builder, answers: tuple[CheckAnswer, ...]) -> None:
    """``answered`` for each knowledge-check question answered in one phase (skipped ones are
    not sent). Their ids come from the phase and question, so they never shift the others."""
    for answer in answers:
        result = _check_result(answer)
        if result is None:
            continue
        builder.add(
            "answered",
            check_activity(builder.record, answer),
            result=result,
            at=answer.at,
            with_parent=True,
            group_size=answer.group_size,
            place=f"check:{answer.phase}:{answer.number}",
            extensions={EXTENSIONS["check-phase"]: answer.phase},
        )


def _check_result(answer: CheckAnswer) -> dict[str, Any] | None:
    """The result of one answer (None: nothing to send).

    A learner's: the option picked and whether it was right. A room's (``votes``): the option
    most chosen (tied options joined by ``[,]``, the xAPI separator for several choices),
    ``success`` only when the right option alone got the most answers, the share of right
    answers as ``score`` and the answers per option in the votes extension.
    """
    if answer.votes is None:
        if answer.answer is None:
            return None
        return {"response": option_id(answer.answer), "success": answer.success}
    total = sum(answer.votes.values())
    if total == 0:
        return None
    top = max(answer.votes.values())
    leaders = sorted(i for i, n in answer.votes.items() if n == top)
    right = answer.votes.get(answer.correct, 0)
    return {
        "response": "[,]".join(option_id(i) for i in leaders),
        "success": leaders == [answer.correct],
        "score": {"raw": right, "min": 0, "max": total, "scaled": round(right / total, 4)},
        "extensions": {
            EXTENSIONS["votes"]: {option_id(i): n for i, n in sorted(answer.votes.items())}
        },
    }
