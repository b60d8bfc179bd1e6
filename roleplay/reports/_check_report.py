"""The knowledge check in the facilitator's reports: per question the share of right answers
before and after the story (a chart and a table), the split per answer and why each answer is
right or wrong; in the comparison, each group's score before and after."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from roleplay.reports._bars import paired_chart
from roleplay.reports._session_check import GroupCheck, percent, phase_score
from roleplay.reports._sessions import GroupSession

PHASE_WORDS = {"before": "before the story", "after": "after the story"}


def phase_label(session: GroupSession, phase: str) -> str:
    """The share of right answers in one phase: '75 %', 'no answers' or 'not asked'."""
    score = phase_score(session.check, phase)
    if score is not None:
        return percent(score)
    return "no answers" if any(c.phase == phase for c in session.check) else "not asked"


def _phase_share(session: GroupSession, phase: str) -> float | str:
    score = phase_score(session.check, phase)
    return score[0] / score[1] if score else phase_label(session, phase)


def check_fact(session: GroupSession) -> str | None:
    """'40 % → 85 % right' for the facts at the top (None when no question was asked)."""
    if not session.check:
        return None
    before, after = phase_label(session, "before"), phase_label(session, "after")
    return f"{before} → {after} right (before → after the story)"


def group_check_view(session: GroupSession, key: str) -> dict[str, Any] | None:
    """The report's knowledge-check section (None when the session asked no question)."""
    if not session.check:
        return None
    numbers = sorted({c.number for c in session.check})
    by_key = {(c.phase, c.number): c for c in session.check}
    questions = [
        _question(by_key.get(("before", n)), by_key.get(("after", n)), f"{key}-check-{n}")
        for n in numbers
    ]
    return {"summary": _summary(session), "questions": questions}


def _summary(session: GroupSession) -> str:
    parts = []
    for phase, words in PHASE_WORDS.items():
        score = phase_score(session.check, phase)
        if score is not None:
            parts.append(f"{percent(score)} {words} ({score[0]} of {score[1]} answers)")
    text = "Right answers: " + ", ".join(parts) + "." if parts else "Nobody answered."
    for phase, words in PHASE_WORDS.items():
        if session.check_ended.get(phase) == "skipped":
            text += f" The facilitator skipped the rest of the check {words}."
        elif not any(c.phase == phase for c in session.check):
            text += f" The check was not asked {words}."
    return text


def _question(before: GroupCheck | None, after: GroupCheck | None, key: str) -> dict[str, Any]:
    base = before or after
    assert base is not None
    shares = (_share(before), _share(after))
    chart = paired_chart(
        key, f"Right answers to question {base.number}, before and after the story",
        [("", *shares)],
    )  # fmt: skip
    rows = [
        {
            "text": option.text,
            "correct": option.correct,
            "before": _count(before, option.id),
            "after": _count(after, option.id),
            "explain": option.explain,
        }
        for option in base.options
    ]
    return {
        "key": key,
        "number": base.number,
        "question": base.question,
        "chart": chart,
        "rows": rows,
        "caption": "how many chose each answer, before and after the story",
        "before": _right(before),
        "after": _right(after),
    }


def _share(check: GroupCheck | None) -> float | str:
    if check is None:
        return "not asked"
    return "no answers" if check.share is None else check.share


def _count(check: GroupCheck | None, option_id: str) -> str:
    if check is None:
        return "not asked"
    count = check.tally.get(option_id, 0)
    return f"{count} ({percent((count, check.answered))})" if check.answered else "0"


def _right(check: GroupCheck | None) -> str:
    if check is None:
        return "not asked"
    if not check.answered:
        return "nobody answered"
    return f"{check.right} of {check.answered} ({percent((check.right, check.answered))})"


def check_comparison(
    sessions: Sequence[GroupSession], labels: Sequence[str]
) -> dict[str, Any] | None:
    """Each group's share of right answers before and after (None when no group was asked)."""
    if not any(s.check for s in sessions):
        return None
    rows = []
    chart_rows: list[tuple[str, float | str, float | str]] = []
    for label, session in zip(labels, sessions, strict=True):
        before, after = (_phase_share(session, phase) for phase in PHASE_WORDS)
        chart_rows.append((label, before, after))
        change = ""
        if not isinstance(before, str) and not isinstance(after, str):
            change = f"{round(100 * after) - round(100 * before):+d} points"
        rows.append(
            {
                "label": label,
                "before": phase_label(session, "before"),
                "after": phase_label(session, "after"),
                "change": change,
            }
        )
    chart = paired_chart("check-groups", "Right answers per group, before and after", chart_rows)
    return {"rows": rows, "chart": chart}
