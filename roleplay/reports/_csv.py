"""``roleplay report --csv``: one row per decision per session, and one per knowledge-check
question per phase, for spreadsheets (the columns are documented in docs/records.md)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from roleplay.reports._compare import group_labels
from roleplay.reports._session_check import GroupCheck
from roleplay.reports._sessions import GroupDecision, GroupSession

HEADER = (
    "kind",
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
    "phase",
    "question",
    "correct",
    "right",
)


def _cell(value: object) -> str:
    """A cell a spreadsheet shows as text: never a formula (=, +, -, @ at the start)."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def sessions_csv(sessions: Sequence[GroupSession]) -> str:
    """The CSV text: the fixed columns, then ``after:<meter>`` for every meter seen. Each
    session's "before" check rows come first, then its decisions, then its "after" rows."""
    meters = list(dict.fromkeys(m for s in sessions for d in s.decisions for m in d.meters_after))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*HEADER, *(f"after:{m}" for m in meters)])
    for label, session in zip(group_labels(sessions), sessions, strict=True):
        date = session.started_at.isoformat(timespec="seconds") if session.started_at else ""
        common = [session.session_id, label, date, session.scenario_id, session.version_label]
        rows = [_check_row(c) for c in session.check if c.phase == "before"]
        rows += [_decision_row(d, meters) for d in session.decisions]
        rows += [_check_row(c) for c in session.check if c.phase == "after"]
        for kind, rest in rows:
            padded = rest + [""] * (len(HEADER) - 6 + len(meters) - len(rest))  # rectangular
            writer.writerow([_cell(v) for v in (kind, *common, *padded)])
    return out.getvalue()


def _decision_row(d: GroupDecision, meters: list[str]) -> tuple[str, list[object]]:
    offered = [c["id"] for c in d.offered] or list(d.tally)
    return "decision", [
        d.number,
        d.node,
        "|".join(offered),
        "|".join(f"{c}={d.tally.get(c, 0)}" for c in offered),
        d.chosen,
        d.how,
        "yes" if d.overridden else "no",
        d.voters,
        d.eligible,
        "",
        "",
        "",
        "",
        *(d.meters_after.get(m, "") for m in meters),
    ]


def _check_row(check: GroupCheck) -> tuple[str, list[object]]:
    """A question: the options in the order shown, answers per option, the most chosen (tied
    ones joined by ``|``), how it closed, the right option and how many chose it."""
    top = max(check.tally.values(), default=0)
    chosen = [o for o, n in check.tally.items() if n == top and top > 0]
    return "check", [
        "",
        "",
        "|".join(check.tally),
        "|".join(f"{o}={n}" for o, n in check.tally.items()),
        "|".join(chosen),
        check.reason,
        "",
        check.voters,
        check.eligible,
        check.phase,
        check.number,
        check.correct,
        check.right,
    ]
