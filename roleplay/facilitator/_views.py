"""What each client is told: a phone's snapshot, the progress line, the host remote's state.

Phones never get meters, techniques or the tally before it is revealed; the host remote gets
everything. The shapes are documented in ``docs/facilitator.md`` ("WebSocket messages").
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from roleplay.facilitator._check import summarise
from roleplay.facilitator._votes import played_words

MAX_SITUATION = 200  # characters of the line before a decision shown on phones

if TYPE_CHECKING:
    from roleplay.facilitator._check import CheckRound
    from roleplay.facilitator._session import SessionCore
    from roleplay.facilitator._votes import VoteRound


def progress(session: SessionCore) -> dict[str, Any]:
    """``{"type": "progress", "decision", "check", "voted", "eligible"}`` ("N of M voted", or
    during the knowledge check "N of M answered")."""
    asked = session.check_round if session.phase == "check" else None
    if asked is not None:
        return {
            "type": "progress",
            "decision": None,
            "check": {"phase": asked.phase, "question": asked.number},
            "voted": len(asked.answers),
            "eligible": session.eligible(),
        }
    current = session.round
    return {
        "type": "progress",
        "decision": current.decision if current else None,
        "voted": len(current.votes) if current else 0,
        "eligible": session.eligible(),
    }


def _check(session: SessionCore, *, full: bool) -> dict[str, Any] | None:
    """The question being asked; its split, right answer and explanations once revealed (the
    host remote, ``full``, always gets them)."""
    asked: CheckRound | None = session.check_round if session.phase == "check" else None
    if asked is None:
        return None
    shown = full or asked.revealed
    timer = asked.timer if asked.open else None
    return {
        "phase": asked.phase,
        "number": asked.number,
        "count": asked.count,
        "question": asked.question,
        "options": [{"id": o.id, "text": o.text} for o in asked.options],
        "open": asked.open,
        "revealed": asked.revealed,
        "reason": asked.close_reason,
        "remaining": timer.remaining() if timer else None,
        "deadline": timer.deadline_iso() if timer else None,
        "paused": bool(timer and timer.paused),
        "tally": asked.tally() if shown else None,
        "correct": asked.correct if shown else None,
        "explain": {o.id: o.explain for o in asked.options} if shown else None,
    }


def _decision(session: SessionCore, current: VoteRound | None) -> dict[str, Any] | None:
    if current is None or session.decided:
        return None
    timer = current.timer
    return {
        "number": current.decision,
        "node": current.node,
        "open": current.open,
        "choices": [{"id": c.id, "text": c.text} for c in current.choices],
        "situation": _situation(session),
        "remaining": timer.remaining() if current.open else None,
        "deadline": timer.deadline_iso() if current.open else None,
        "paused": timer.paused,
    }


def _situation(session: SessionCore) -> dict[str, str | None] | None:
    """The last line spoken before the decision (shortened), so a phone shows what is voted on."""
    lines = session.view.lines
    if not lines:
        return None
    text = lines[-1].text
    if len(text) > MAX_SITUATION:
        text = text[: MAX_SITUATION - 1].rstrip() + "…"
    return {"speaker": lines[-1].name, "text": text}


def _played(session: SessionCore) -> dict[str, Any] | None:
    """The played choice, how it was settled, in words, and the texts of the choices offered
    (for the revealed tally, shown once the decision has been left)."""
    history = session.runner.state.history
    if not session.decided or not history:
        return None
    offered = session.round.choices if session.round else ()
    texts = {c.id: c.text for c in offered}
    settled = session.settled
    return {
        "choice": history[-1].choice_id,
        "text": history[-1].choice_text,
        "how": settled.how if settled else None,
        "words": played_words(settled, texts) or f"Played: “{history[-1].choice_text}”",
        "choices": [{"id": c.id, "text": c.text} for c in offered],
    }


def phone_snapshot(session: SessionCore, player: str | None) -> dict[str, Any]:
    """Everything a phone needs after connecting or when the phase changes."""
    current = session.round
    participant = session.room.participants.get(player) if player else None
    ending = session.runner.ending_view() if session.phase == "ending" else None
    return {
        "type": "snapshot",
        "room": session.room.code,
        "title": session.scenario.title,
        "phase": session.phase,
        "you": {"player": participant.id, "nickname": participant.nickname}
        if participant
        else None,
        "decision": _decision(session, current),
        "my_vote": current.votes.get(player) if current and player else None,
        "progress": {k: v for k, v in progress(session).items() if k != "type"},
        "tally": current.tally() if current and current.revealed else None,
        "played": _played(session),
        "discussion": session.discussion.prompt if session.discussion else None,
        "ending": {"title": ending.title} if ending else None,
        "teams": session.room.settings.teams,
        "big_screen": session.big_screen,
        "line": _line(session) if not session.big_screen and session.phase == "story" else None,
        "check": _check(session, full=False),
        "my_answer": _my_answer(session, player),
        "check_summary": summarise(session.check_scores) if session.check_scores else None,
    }


def _my_answer(session: SessionCore, player: str | None) -> str | None:
    asked = session.check_round
    if asked is None or player is None or session.phase != "check":
        return None
    return asked.answers.get(player)


def host_state(session: SessionCore) -> dict[str, Any]:
    """Everything the facilitator sees, for the host remote."""
    state = phone_snapshot(session, None)
    state["type"] = "host_state"
    current = session.round
    if state["decision"] is not None and current is not None:
        state["decision"]["choices"] = _choices_in_full(session, current)
        state["tally"] = current.tally()
    state.update(
        line=_line(session),
        meters=_meters(session),
        meters_revealed=session.meters_revealed,
        tally_revealed=bool(current and current.revealed),
        preview=_preview(session),
        participants=[
            {"player": p.id, "nickname": p.nickname, "connected": p.connections > 0}
            for p in session.room.participants.values()
        ],
        settings=session.room.settings.to_json(),
        can_rewind=session.runner.can_rewind and session.phase != "ended",
        discussion_prompt=session.view.discussion,
        choices_here=choices_here(session),
        check=_check(session, full=True),
        has_check=bool(session.scenario.spec.check),
    )
    from roleplay.facilitator._remote import remote_state

    state.update(remote_state(session))
    return state


def choices_here(session: SessionCore) -> list[dict[str, str]]:
    """The choices a pick or a show of hands would settle now (``[]`` when none).

    Those of the vote round while it is undecided; on the last line before a decision whose
    vote is not open yet, the scene's available choices (a show of hands needs no vote).
    """
    current = session.round
    if current is not None and not session.decided and session.phase in ("vote", "closed"):
        return [{"id": c.id, "text": c.text} for c in current.choices]
    if session.phase == "story" and session.at_last_line and not session.runner.is_over:
        return [{"id": c.id, "text": c.text} for c in session.view.choices if c.available]
    return []


def _choices_in_full(session: SessionCore, current: VoteRound) -> list[dict[str, Any]]:
    index = session.scenario.choice_index
    return [
        {
            **c.to_json(),
            "effects": dict(index[c.id].spec.effects) if c.id in index else {},
        }
        for c in current.choices
    ]


def _line(session: SessionCore) -> dict[str, Any] | None:
    lines = session.view.lines
    if not lines:
        return None
    index = min(session.line, len(lines) - 1)
    line = lines[index]
    return {"index": index, "count": len(lines), "speaker": line.name, "text": line.text}


def _meters(session: SessionCore) -> list[dict[str, Any]]:
    values = session.runner.state.meters
    return [
        {"id": k, "label": m.label, "value": values.get(k, m.initial), "min": m.min, "max": m.max}
        for k, m in session.scenario.meters.items()
    ]


def _preview(session: SessionCore) -> dict[str, Any] | None:
    shown = session.preview
    if shown is None:
        return None
    return {
        "choice": shown.choice,
        "text": shown.choice_text,
        "path": list(shown.path),
        "ending": shown.ending.title if shown.ending else None,
        "lines": [{"speaker": line.name, "text": line.text} for line in shown.lines],
    }
