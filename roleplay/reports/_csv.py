"""``roleplay report --csv``: one row per decision per session, for spreadsheets."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from roleplay.reports._compare import group_labels
from roleplay.reports._sessions import GroupSession

HEADER = (
    "session",
    "group",
    "date",
    "scenario",
    "version",
    "decision",
    "node",
    "choices",
    "votes",
    "chosen",
    "how",
    "overridden",
    "voters",
    "eligible",
)


def _cell(value: object) -> str:
    """A cell a spreadsheet shows as text: never a formula (=, +, -, @ at the start)."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def sessions_csv(sessions: Sequence[GroupSession]) -> str:
    """The CSV text: the fixed columns, then ``after:<meter>`` for every meter seen."""
    meters = list(dict.fromkeys(m for s in sessions for d in s.decisions for m in d.meters_after))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*HEADER, *(f"after:{m}" for m in meters)])
    for label, session in zip(group_labels(sessions), sessions, strict=True):
        date = session.started_at.isoformat(timespec="seconds") if session.started_at else ""
        for d in session.decisions:
            offered = [c["id"] for c in d.offered] or list(d.tally)
            row = [
                session.session_id,
                label,
                date,
                session.scenario_id,
                session.version_label,
                d.number,
                d.node,
                "|".join(offered),
                "|".join(f"{c}={d.tally.get(c, 0)}" for c in offered),
                d.chosen,
                d.how,
                "yes" if d.overridden else "no",
                d.voters,
                d.eligible,
                *(d.meters_after.get(m, "") for m in meters),
            ]
            writer.writerow([_cell(v) for v in row])
    return out.getvalue()
