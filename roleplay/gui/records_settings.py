"""Learning-record settings in force: the file's values, the organisation's environment
variables over them, the password kept apart, and what is wrong with them in the learner's words.

The password is never in settings.json: it is ``ROLEPLAY_LRS_PASSWORD`` when the organisation
sets it, else the file ``lrs-password`` in the user config folder, written atomically with mode
0600 (only the learner's account can read it). It is never logged, shown or put in a message.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from roleplay.gui import storage
from roleplay.gui.settings import LRS_ENV, MAX_FIELD_CHARS, RecordsSettings

PASSWORD_FILE = "lrs-password"
MAX_PASSWORD_BYTES = 4096
DEFAULT_HOME_PAGE = "urn:roleplay:learner"


def password_path() -> Path:
    """Where the LRS password is kept (the user config folder)."""
    return storage.config_dir() / PASSWORD_FILE


def read_password() -> str:
    """The stored LRS password, or '' when there is none or it cannot be read (never raises)."""
    from roleplay.engine._files import FileProblem, read_bounded

    try:
        data = read_bounded(password_path(), MAX_PASSWORD_BYTES)
    except FileProblem:
        return ""
    return data.decode("utf-8", "replace").rstrip("\r\n")


def store_password(password: str) -> bool:
    """Keep the LRS password (mode 0600, atomic); '' removes it. False (and a notice that does
    not contain it) when it cannot be written."""
    path = password_path()
    try:
        if password:
            storage.atomic_write_bytes(path, password.encode("utf-8"), mode=0o600)
        else:
            path.unlink(missing_ok=True)
    except OSError as exc:
        storage.notify(f"The LRS password was not saved: {storage.describe_os_error(exc)}")
        return False
    return True


def endpoint_problem(text: str) -> str:
    """What is wrong with an LRS address ('' when it can be used)."""
    if not text:
        return "Enter the LRS address, e.g. https://lrs.example.org/xAPI"
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https"):
        return "The address must start with http:// or https://"
    if not parts.hostname:
        return "The address needs a server name after http:// or https://"
    if parts.username or parts.password:
        return "Put the user name and password in their own fields, not in the address"
    if any(ch.isspace() for ch in text):
        return "The address cannot contain spaces"
    return ""


def name_problem(text: str, what: str) -> str:
    """What is wrong with a user or account name ('' when it can be used)."""
    if not text:
        return f"Enter the {what}"
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in text):
        return f"The {what} cannot contain control characters"
    if len(text) > MAX_FIELD_CHARS:
        return f"The {what} is longer than {MAX_FIELD_CHARS} characters"
    return ""


@dataclass(frozen=True)
class RecordsSetup:
    """The learning-record settings in force. ``preset`` names the fields an environment
    variable sets (the Settings screen shows them locked)."""

    enabled: bool
    endpoint: str
    user: str
    password: str = field(repr=False)
    account: str
    home_page: str = DEFAULT_HOME_PAGE
    preset: frozenset[str] = frozenset()

    def problems(self) -> dict[str, str]:
        """What must be fixed before statements can be sent, by field."""
        found = {
            "endpoint": endpoint_problem(self.endpoint),
            "user": name_problem(self.user, "LRS user name"),
            "password": "" if self.password else "Enter the LRS password",
            "account": name_problem(self.account, "account name"),
        }
        return {name: text for name, text in found.items() if text}

    @property
    def ready(self) -> bool:
        """True when sending is on and every field can be used."""
        return self.enabled and not self.problems()


def records_setup(records: RecordsSettings, env: Mapping[str, str] | None = None) -> RecordsSetup:
    """The settings in force: environment variables over the file, the password kept apart.

    Sending is on when the learner switched it on, or, until they switch it off, when the
    organisation pre-set the endpoint.
    """
    environ = os.environ if env is None else env
    preset = frozenset(name for name, var in LRS_ENV.items() if environ.get(var, "").strip())

    def value(name: str, stored: str) -> str:
        return environ[LRS_ENV[name]].strip() if name in preset else stored

    password = environ[LRS_ENV["password"]] if "password" in preset else read_password()
    enabled = records.enabled if records.enabled is not None else "endpoint" in preset
    return RecordsSetup(
        enabled=enabled,
        endpoint=value("endpoint", records.endpoint),
        user=value("user", records.user),
        password=password,
        account=value("account", records.account),
        home_page=value("home_page", records.home_page) or DEFAULT_HOME_PAGE,
        preset=preset,
    )


def outbox_root() -> Path:
    """The outbox folder (the same one ``roleplay lrs push`` and ``status`` use)."""
    return storage.data_dir() / "outbox"
