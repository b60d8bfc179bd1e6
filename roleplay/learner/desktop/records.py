"""The learning record of a solo game: its xAPI statements as JSON Lines, for the debrief's
"Export learning record".

The statements are the ones ``roleplay export-xapi`` writes (``roleplay.reports._xapi``), built
from the live session: when each decision was taken, choices taken back, the knowledge check.
The actor is the account set in ``records.json`` in the user config folder (``{"account":
{"name": ..., "homePage": ...}}``, as for ``roleplay export-xapi``); when none is set, the game
makes up an anonymous one once (``learner-`` and random letters) and keeps it there, so every
export from this computer names the same learner and nothing personal.
"""

from __future__ import annotations

import contextlib
import json
import uuid
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from roleplay.gui import storage

if TYPE_CHECKING:
    from roleplay.learner.desktop.session import Session
    from roleplay.reports._records import Account, RunRecord

RECORDS_FILE = "records.json"


def learner_account() -> Account:
    """The solo learner's xAPI account (made up and kept when none is set; see the module)."""
    from roleplay.reports._records import DEFAULT_HOME_PAGE, Account

    path = storage.config_dir() / RECORDS_FILE
    data, problem = storage.read_json_checked(path)
    settings: dict[str, Any] = data if isinstance(data, dict) else {}
    stored = settings.get("account")
    account = stored if isinstance(stored, dict) else {}
    name, home = account.get("name"), account.get("homePage")
    home_page = home if isinstance(home, str) and home else DEFAULT_HOME_PAGE
    if isinstance(name, str) and name.strip():
        return Account(home_page, name)
    made_up = Account(home_page, f"learner-{uuid.uuid4().hex[:12]}")
    if (data is None and not problem) or isinstance(data, dict):  # never clobber what we can't read
        settings["account"] = {"name": made_up.name, "homePage": made_up.home_page}
        with contextlib.suppress(OSError):  # a read-only folder: this export still names someone
            storage.atomic_write_text(path, json.dumps(settings, indent=2) + "\n")
    return made_up


def session_record(session: Session, account: Account) -> RunRecord:
    """The record of the game being played (a resumed game has no times for earlier decisions)."""
    from roleplay.reports._records import run_record

    recorder = session.recorder
    fresh = session.decisions_at_start == 0
    state = session.runner.state
    return run_record(
        session.scenario,
        state,
        account=account,
        registration=recorder.registration,
        started_at=recorder.started_at if fresh else None,
        ended_at=recorder.ended_at,
        times=recorder.times if fresh else None,
        taken_back=state.taken_back,
    )


def export_learning_record(session: Session) -> tuple[Path, int]:
    """Write the game's statements into the exports folder; returns (path, how many).

    Raises OSError when the file cannot be written (the folder is read-only, the disk full)."""
    from roleplay.reports._xapi import statements_for

    statements = statements_for(session_record(session, learner_account()))
    text = "".join(json.dumps(s, ensure_ascii=False) + "\n" for s in statements)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    path = storage.exports_dir() / f"{session.scenario.id}-record-{stamp}.jsonl"
    storage.atomic_write_text(path, text)
    return path, len(statements)
