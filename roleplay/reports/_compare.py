"""Several sessions side by side: paths, where they diverged, endings, where groups split most."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from roleplay.reports._bars import HOWS, bar_chart
from roleplay.reports._check_report import check_comparison
from roleplay.reports._sessions import GroupDecision, GroupSession

if TYPE_CHECKING:
    from roleplay.engine._scenario import Scenario

MOST_SPLIT = 6


def group_labels(sessions: Sequence[GroupSession]) -> list[str]:
    """'Group 1 (KQZW)', 'Group 2 (ABCD)', ... in the order given."""
    return [f"Group {i} ({s.room_code})" for i, s in enumerate(sessions, start=1)]


def divergence(sessions: Sequence[GroupSession]) -> int | None:
    """The first decision number at which the groups' paths differ (None: all the same)."""
    longest = max((len(s.decisions) for s in sessions), default=0)
    for index in range(longest):
        taken = {
            (s.decisions[index].node, s.decisions[index].chosen)
            if index < len(s.decisions)
            else None
            for s in sessions
        }
        if len(taken) > 1:
            return index + 1
    return None


def _paths(sessions: Sequence[GroupSession], diverged: int | None) -> list[dict[str, Any]]:
    longest = max((len(s.decisions) for s in sessions), default=0)
    rows = []
    for index in range(longest):
        cells = []
        for s in sessions:
            d = s.decisions[index] if index < len(s.decisions) else None
            cells.append(
                None
                if d is None
                else {
                    "node": d.node,
                    "text": d.text_of(d.chosen) or d.chosen,
                    "how": HOWS.get(d.how, d.how),
                }
            )
        rows.append(
            {
                "number": index + 1,
                "cells": cells,
                "diverged": diverged is not None and index + 1 >= diverged,
            }
        )
    return rows


def splits(sessions: Sequence[GroupSession], labels: Sequence[str]) -> list[dict[str, Any]]:
    """Decisions voted on by more than one group, most divided first."""
    by_node: dict[str, list[tuple[str, GroupDecision]]] = defaultdict(list)
    for label, session in zip(labels, sessions, strict=True):
        for d in session.decisions:
            by_node[d.node].append((label, d))
    found = []
    for node, taken in by_node.items():
        if len({label for label, _ in taken}) < 2:
            continue
        votes: Counter[str] = Counter()
        texts: dict[str, str] = {}
        for _, d in taken:
            votes.update(d.tally)
            texts.update({c["id"]: c["text"] or c["id"] for c in d.offered})
        total = sum(votes.values())
        top = max(votes.values(), default=0)
        split = 1 - top / total if total else 0.0
        chosen_differently = len({d.chosen for _, d in taken}) > 1
        found.append(
            {
                "node": node,
                "prompt": node,
                "groups": len(taken),
                "split": split,
                "differ": chosen_differently,
                "votes": [(texts.get(c, c), n) for c, n in votes.most_common()],
                "played": [f"{label}: “{d.text_of(d.chosen) or d.chosen}”" for label, d in taken],
            }
        )
    found.sort(key=lambda f: (f["differ"], f["split"]), reverse=True)
    return found[:MOST_SPLIT]


def comparison_view(
    items: Sequence[tuple[GroupSession, Scenario | None]], *, names: bool
) -> dict[str, Any]:
    """Everything the comparison template shows."""
    sessions = [s for s, _ in items]
    scenarios = {s.id: s for _, s in items if s is not None}
    labels = group_labels(sessions)
    groups, endings = _groups(sessions, labels, names=names)
    diverged = divergence(sessions)
    found = _with_prompts(splits(sessions, labels), next(iter(scenarios.values()), None))
    meters = list(dict.fromkeys(m for s in sessions for m in _final(s)))
    return {
        "count": len(sessions),
        "names": names,
        "groups": groups,
        "scenario_titles": sorted({s.scenario_title for s in sessions}),
        "endings": [{"title": t, "count": len(g), "groups": g} for t, g in endings.items()],
        "check": check_comparison(sessions, labels),
        "endings_chart": bar_chart(
            "endings", "Groups per ending", [(t, len(g), str(len(g))) for t, g in endings.items()]
        ),
        "divergence": "The groups took the same path."
        if diverged is None
        else f"The paths first diverged at decision {diverged} (marked in the table).",
        "paths": _paths(sessions, diverged),
        "splits": found,
        "splits_chart": bar_chart(
            "splits",
            "How divided the votes were (share not for the top choice)",
            [(f["prompt"], f["split"], f"{round(100 * f['split'])} %") for f in found],
        ),
        "final_rows": [
            (label, [_final(s).get(m, "") for m in meters])
            for label, s in zip(labels, sessions, strict=True)
        ],
        "meter_names": [_label(scenarios, m) for m in meters],
    }


def _with_prompts(found: list[dict[str, Any]], scenario: Scenario | None) -> list[dict[str, Any]]:
    """Each split decision with the line that asked it (its node id without the scenario)."""
    for f in found:
        node = scenario.nodes.get(f["node"]) if scenario else None
        f["prompt"] = node.spec.lines[-1].text if node else f["node"]
    return found


def _groups(
    sessions: list[GroupSession], labels: list[str], *, names: bool
) -> tuple[list[dict[str, Any]], dict[str, list[str]]]:
    """One summary row per group, and the groups' labels by the ending they reached."""
    groups: list[dict[str, Any]] = []
    endings: dict[str, list[str]] = defaultdict(list)
    for label, s in zip(labels, sessions, strict=True):
        title = s.ending[1] if s.ending else "no ending yet"
        endings[title].append(label)
        when = s.started_at.astimezone().strftime("%d %b %Y, %H:%M") if s.started_at else ""
        size = f"{s.group_size}" + (f" ({', '.join(sorted(s.players.values()))})" if names else "")
        groups.append(
            {
                "label": label,
                "date": when,
                "size": size,
                "decisions": len(s.decisions),
                "overrides": sum(d.overridden for d in s.decisions),
                "ending": title,
            }
        )
    return groups, endings


def _final(session: GroupSession) -> dict[str, int]:
    if session.ending is not None:
        return session.ending[2]
    return session.decisions[-1].meters_after if session.decisions else {}


def _label(scenarios: dict[str, Scenario], meter: str) -> str:
    for scenario in scenarios.values():
        if meter in scenario.meters:
            return scenario.meters[meter].label
    return meter.replace("_", " ").capitalize()
