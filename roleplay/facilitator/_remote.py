"""What the facilitator's buttons do now, for the facilitator window and the host remote alike:
the primary button's label and action, and which of the other controls apply in this phase.

No pygame here: the host remote gets this in its state (``host_state["controls"]``), and the
facilitator window (``desktop/pointer.py``) labels its Next button with :func:`next_label`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from roleplay.facilitator._votes import leaders

if TYPE_CHECKING:
    from roleplay.facilitator._controls import HostSession
    from roleplay.facilitator._session import SessionCore
    from roleplay.reports._live import LiveStatus

#: Every control of the host remote besides the primary button, in the page's order.
REMOTE_CONTROLS = (
    "close_vote",
    "pause",
    "resume",
    "extend",
    "end_now",
    "reveal_check",
    "skip_check",
    "reveal_tally",
    "meters",
    "discuss",
    "end_preview",
    "rewind",
)


def next_label(session: HostSession) -> str:
    """What the Next button does now."""
    if session.phase == "lobby":
        return "Start"
    if session.phase == "check" and session.check_round is not None:
        return _check_next_label(session)
    if session.phase == "ending" and session.check_pending("after"):
        return "Knowledge check"
    if session.phase in ("vote", "closed"):
        return pick_needed(session) or "Play the majority"
    if session.phase != "story":
        return "Next"
    if not session.at_last_line:
        return "Next line"
    if session.runner.is_over:
        return "The ending"
    if session.view.choices and not session.view.can_advance:
        return "Open the vote"
    return "Next scene"


def _check_next_label(session: HostSession) -> str:
    asked = session.check_round
    assert asked is not None
    if asked.open or not asked.revealed:  # also once the timer closed it
        return "Reveal the answer"
    if not asked.last and session.room.settings.check:
        return "Next question"
    return "Start the story" if asked.phase == "before" else "Back to the ending"


def primary(session: HostSession) -> dict[str, str]:
    """The host remote's big button: ``{"label", "action"}`` (``action`` is a command; none when
    the button waits for the facilitator to do something else, said by ``waiting``)."""
    if session.phase == "ending" and not session.check_pending("after"):
        return {"label": "End and report", "action": "end"}
    if session.phase == "ended":
        return {"label": "Session over", "action": ""}
    waiting = pick_needed(session)
    if waiting:
        return {"label": waiting, "action": "", "waiting": "pick"}
    return {"label": next_label(session), "action": "next"}


def pick_needed(session: HostSession) -> str | None:
    """Why Next cannot play the vote's result (a closed vote tied or nobody voted), or None."""
    current = session.round
    if session.phase != "closed" or current is None:
        return None
    tied = leaders(current.tally())
    if len(tied) == 1:
        return None
    return "Tie: play one of the tied choices" if tied else "No votes: play a choice"


def applicable(session: HostSession) -> list[str]:
    """The controls of :data:`REMOTE_CONTROLS` that do something in the current phase."""
    phase = session.phase
    if phase in ("lobby", "ended"):
        return []
    shown = ["meters", *_timer_controls(session)]
    if phase == "check":
        asked = session.check_round
        if asked is not None and not asked.revealed:
            shown.append("reveal_check")
        return [*shown, "skip_check"]
    current = session.round
    if phase == "vote":
        shown.append("close_vote")
    if phase == "closed" and current is not None and not current.revealed:
        shown.append("reveal_tally")
    if session.view.discussion:
        shown.append("discuss")
    if session.preview is not None:
        shown.append("end_preview")
    if session.runner.can_rewind:
        shown.append("rewind")
    return [key for key in REMOTE_CONTROLS if key in shown]


def _timer_controls(session: HostSession) -> list[str]:
    timer = session.active_timer()
    if timer is None or timer.remaining() is None:
        return []  # nothing is open, or it has no countdown
    pause = "resume" if timer.paused else "pause"
    end = ["end_now"] if session.phase == "check" else []  # a vote has its own Close vote
    return [pause, "extend", *end]


def remote_controls(session: HostSession) -> dict[str, Any]:
    """``{"primary": {"label", "action"}, "shown": [control, ...]}`` for the host remote."""
    return {"primary": primary(session), "shown": applicable(session)}


def remote_state(session: SessionCore) -> dict[str, Any]:
    """What the host remote adds to the phones' snapshot besides the story: its controls, the
    room's fullness, the learning records' status and where the session log is."""
    from roleplay.facilitator._controls import HostSession

    assert isinstance(session, HostSession)
    room = session.room
    return {
        "controls": remote_controls(session),
        "room_status": {
            "full": len(room.participants) >= room.settings.cap,
            "cap": room.settings.cap,
            "refused": session.refused_full,
        },
        "records": records_state(session),
        "log_path": str(session.log.path),
    }


def records_state(session: HostSession) -> dict[str, Any] | None:
    """The live sender's counts, or None without an LRS."""
    probe = session.records_probe
    if probe is None:
        return None
    status = probe()
    return {
        "endpoint": status.endpoint,
        "sent": status.delivered,
        "waiting": status.waiting,
        "error": status.error,
        "failing_since": status.failing_since,
    }


def records_line(status: LiveStatus) -> str:
    """'Learning records: 3 sent, 2 waiting (LRS unreachable since 14:02)'."""
    text = f"Learning records: {status.delivered} sent, {status.waiting} waiting"
    if status.waiting and status.failing_since:
        return f"{text} (LRS unreachable since {status.failing_since})"
    return text
