"""Where a hosted session sends its learning records: ``--lrs-*`` options or ``records.json``.

``records.json`` in the user config folder may hold ``{"lrs": {"endpoint": URL, "user": NAME,
"password_env": VAR, "homePage": IRI, "judge": false}}``; options on the command line win. The
password itself is only ever read from the environment variable named, never from a file.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from roleplay.reports._live import LrsSettings


class LrsOptionError(Exception):
    """The LRS settings cannot be used; the message says what to fix."""


def add_lrs_options(parser: argparse.ArgumentParser) -> None:
    """The options of ``roleplay host`` that send statements as the session happens."""
    group = parser.add_argument_group(
        "learning records",
        "send xAPI statements to a learning record store as the session happens "
        "(defaults from the 'lrs' section of records.json in the config folder)",
    )
    group.add_argument("--lrs-endpoint", metavar="URL", help="the LRS's xAPI address")
    group.add_argument("--lrs-user", metavar="USER", help="basic-auth user")
    group.add_argument(
        "--lrs-password-env", metavar="VAR", help="environment variable holding the password"
    )
    group.add_argument(
        "--lrs-judge", action="store_true", help="also send passed/failed for the ending"
    )


def lrs_settings(args: argparse.Namespace) -> LrsSettings | None:
    """The LRS to send to, or None when none is set up. Raises :class:`LrsOptionError`."""
    from roleplay.gui.storage import data_dir
    from roleplay.reports._live import LrsSettings
    from roleplay.reports._lrs import check_endpoint
    from roleplay.reports._sessions import DEFAULT_HOST_HOME_PAGE

    stored = _stored_lrs()
    endpoint = args.lrs_endpoint or stored.get("endpoint")
    user = args.lrs_user or stored.get("user")
    variable = args.lrs_password_env or stored.get("password_env")
    if not (endpoint or user or variable):
        return None
    if not (endpoint and user and variable):
        raise LrsOptionError(
            "to send learning records give --lrs-endpoint, --lrs-user and --lrs-password-env "
            "(or all three in the 'lrs' section of records.json)"
        )
    password = os.environ.get(str(variable))
    if not password:
        raise LrsOptionError(f"the environment variable {variable} (the LRS password) is not set")
    try:
        endpoint = check_endpoint(str(endpoint))
    except ValueError as problem:
        raise LrsOptionError(str(problem)) from None
    return LrsSettings(
        endpoint=endpoint,
        user=str(user),
        password=password,
        outbox_root=Path(data_dir()) / "outbox",
        home_page=str(stored.get("homePage") or DEFAULT_HOST_HOME_PAGE),
        judge=bool(args.lrs_judge or stored.get("judge") is True),
    )


def _stored_lrs() -> dict[str, Any]:
    from roleplay.gui.storage import config_dir, read_json

    data = read_json(config_dir() / "records.json")
    section = data.get("lrs") if isinstance(data, dict) else None
    if not isinstance(section, dict):
        return {}
    if "password" in section:
        raise LrsOptionError(
            "records.json: the 'lrs' section must not hold a password; name an environment "
            "variable in 'password_env' instead"
        )
    return {k: v for k, v in section.items() if isinstance(v, str | bool)}
