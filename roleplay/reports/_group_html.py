"""The facilitator's HTML report: one session, or several side by side.

Built on the same templates and pieces as the solo debrief. Participants' nicknames appear only
when ``names`` is set; otherwise the page gives counts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from roleplay.engine._errors import ChoiceError
from roleplay.engine._model import FAMILIES
from roleplay.engine._view import EndingView
from roleplay.reports._bars import HOWS, bar_chart
from roleplay.reports._check_report import check_fact, group_check_view
from roleplay.reports._families import family_label
from roleplay.reports._html import (
    line_chart,
    meter_rows,
    profile,
    render,
)
from roleplay.reports._sessions import GroupDecision, GroupSession

if TYPE_CHECKING:
    from roleplay.engine._scenario import Scenario


def _meters(session: GroupSession, scenario: Scenario | None) -> dict[str, list[int]]:
    if scenario is not None:
        series = {k: [m.initial] for k, m in scenario.meters.items()}
    else:
        first = session.decisions[0] if session.decisions else None
        start = first.meters_after if first else (session.ending[2] if session.ending else {})
        series = {k: [v - (first.deltas.get(k, 0) if first else 0)] for k, v in start.items()}
    for decision in session.decisions:
        for meter, values in series.items():
            values.append(decision.meters_after.get(meter, values[-1]))
    return series


def _meter_names(scenario: Scenario | None, meters: Sequence[str]) -> dict[str, str]:
    labels = {k: m.label for k, m in scenario.meters.items()} if scenario else {}
    return {k: labels.get(k, k.replace("_", " ").capitalize()) for k in meters}


def _ranges(scenario: Scenario | None, series: dict[str, list[int]]) -> dict[str, tuple[int, int]]:
    if scenario is not None:
        return {k: (m.min, m.max) for k, m in scenario.meters.items()}
    return {k: (min([0, *v]), max([10, *v])) for k, v in series.items()}


def _ending_view(session: GroupSession, scenario: Scenario | None) -> EndingView | None:
    """The ending as the session's path tells it (None when the scenario no longer fits)."""
    from roleplay.engine._replay import replay

    if scenario is None or session.ending is None:
        return None
    try:
        runner = replay(scenario, [d.chosen for d in session.decisions])
    except ChoiceError:
        return None
    view = runner.ending_view()
    return view if view is not None and view.id == session.ending[0] else None


def _decision_view(
    d: GroupDecision, scenario: Scenario | None, labels: dict[str, str], key: str
) -> dict[str, Any]:
    rows = _vote_rows(d, scenario)
    node = scenario.nodes.get(d.node) if scenario else None
    choice_spec = scenario.choice_index.get(d.chosen) if scenario else None
    chart = (
        bar_chart(
            f"{key}-votes-{d.number}",
            f"Votes at decision {d.number}",
            [(str(r["text"]), float(r["votes"]), str(r["votes"])) for r in rows],
        )
        if d.votes
        else None
    )
    return {
        "number": d.number,
        "prompt": node.spec.lines[-1].text if node else d.node,
        "chosen_text": d.text_of(d.chosen) or d.chosen,
        "how_text": HOWS.get(d.how, d.how),
        "override_text": "override" if d.overridden else "",
        "turnout": f"{d.voters} of {d.eligible} voted" if d.eligible is not None else "",
        "rows": rows,
        "chart": chart,
        "deltas": [(labels.get(k, k), v) for k, v in d.deltas.items()],
        "feedback": choice_spec.spec.feedback if choice_spec else "",
    }


def _vote_rows(d: GroupDecision, scenario: Scenario | None) -> list[dict[str, Any]]:
    """One row per offered choice: its votes, share, technique and what became of it."""
    total = d.votes
    rows: list[dict[str, Any]] = []
    for choice in d.offered or (
        {"id": d.chosen, "text": d.chosen, "technique": d.technique, "family": d.family},
    ):
        votes = d.tally.get(choice["id"], 0)
        technique = scenario.techniques.get(choice["technique"]) if scenario else None
        outcome = "played" if choice["id"] == d.chosen else ""
        if d.majority and choice["id"] == d.majority:
            outcome = "the room's majority (overridden)"
        rows.append(
            {
                "text": choice["text"] or choice["id"],
                "votes": votes,
                "share": f"{round(100 * votes / total)} %" if total else "–",
                "technique": technique.label if technique else choice["technique"],
                "family": family_label(choice["family"]),
                "outcome": outcome,
            }
        )
    return rows


def _roads(session: GroupSession) -> list[dict[str, Any]]:
    previews = {(p.node, p.choice): p for p in session.previews}
    roads = []
    for d in session.decisions:
        for choice in d.offered:
            if choice["id"] == d.chosen:
                continue
            seen = previews.get((d.node, choice["id"]))
            led = ""
            if seen is not None:
                led = f"led to the ending “{seen.ending}”" if seen.ending else "previewed"
                if seen.path and not seen.ending:
                    led = "led on to " + " → ".join(seen.path)
            roads.append(
                {
                    "number": d.number,
                    "text": choice["text"] or choice["id"],
                    "family": family_label(choice["family"]),
                    "votes": d.tally.get(choice["id"], 0),
                    "preview": led,
                }
            )
    return roads


def session_view(
    session: GroupSession, scenario: Scenario | None, *, names: bool, key: str = "s"
) -> dict[str, Any]:
    """Everything the session template shows, computed from the log and the scenario."""
    series = _meters(session, scenario)
    labels = _meter_names(scenario, list(series))
    chart = line_chart(series, labels, _ranges(scenario, series), key=f"{key}-meters")
    ending = None
    if session.ending is not None:
        view = _ending_view(session, scenario)
        ending = {
            "title": session.ending[1],
            "text": view.text if view else "",
            "debrief": view.debrief if view else "",
            "rule": view.rule if view else "",
        }
    counts: dict[str, int] = dict.fromkeys(FAMILIES, 0)
    counts.update(Counter(d.family for d in session.decisions if d.family in counts))
    heading = f"Session report: {session.scenario_title}"
    return {
        "key": key,
        "heading": heading,
        "session_id": session.session_id,
        "scenario_title": session.scenario_title,
        "facts": _facts(session, scenario),
        "participants": sorted(session.players.values()) if names else [],
        "ending": ending,
        "check": group_check_view(session, key),
        "chart": chart,
        "meter_rows": meter_rows(series),
        "meter_names": list(labels.values()),
        "profile": profile(counts),
        "decisions": [_decision_view(d, scenario, labels, key) for d in session.decisions],
        "roads": _roads(session),
        "warnings": list(session.warnings),
        "discussions": [
            (n, p, f"({round(s / 60)} min)" if s else "") for n, p, s in session.discussions
        ],
    }


def _facts(session: GroupSession, scenario: Scenario | None) -> list[tuple[str, str]]:
    when = session.started_at.astimezone() if session.started_at else None
    unit = "tables" if session.teams else "participants"
    facts = [
        ("Date", when.strftime("%d %B %Y, %H:%M") if when else "unknown"),
        ("Scenario", session.scenario_title),
        ("Version", session.version_label),
        ("Group size", f"{session.group_size} {unit}"),
        ("Decisions", str(len(session.decisions))),
        ("Overrides", str(sum(d.overridden for d in session.decisions))),
        ("Choices taken back", str(session.taken_back)),
        ("Room code", session.room_code),
    ]
    check = check_fact(session)
    if check is not None:
        facts.insert(4, ("Knowledge check", check))
    if scenario is not None and scenario.content_hash != session.scenario_hash:
        facts.append(("Note", "the scenario file has changed since this session was played"))
    return facts


def render_session_html(
    session: GroupSession, scenario: Scenario | None, *, names: bool = False
) -> str:
    """A complete, self-contained HTML report of one facilitated session."""
    view = session_view(session, scenario, names=names)
    return render("session.html.j2", title=view["heading"], s=view)


def render_sessions_html(
    sessions: Sequence[tuple[GroupSession, Scenario | None]], *, names: bool = False
) -> str:
    """One session's report, or the comparison of several (paths, endings, splits)."""
    if len(sessions) == 1:
        return render_session_html(*sessions[0], names=names)
    from roleplay.reports._compare import comparison_view

    view = comparison_view(sessions, names=names)
    return render("compare.html.j2", title=f"{view['count']} sessions side by side", c=view)
