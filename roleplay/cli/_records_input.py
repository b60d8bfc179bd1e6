"""Reading the inputs of the records commands: save files and session logs, with their scenarios.

The scenario of a save or log is found by its id among ``--scenario`` files and the shipped
scenarios. The solo learner's account comes from ``--account``/``--home-page`` or, when those
are not given, from ``records.json`` in the user config folder (``{"account": {"name": ...,
"homePage": ...}}``).
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from roleplay.engine._errors import RoleplayError

if TYPE_CHECKING:
    from roleplay.engine._scenario import Scenario
    from roleplay.reports._records import Account, RunRecord
    from roleplay.reports._sessions import GroupSession

MAX_INPUT_BYTES = 50_000_000


class InputError(Exception):
    """An input file could not be used; the message names the file and says why."""


def add_input_options(parser: argparse.ArgumentParser) -> None:
    """Options shared by every command that reads saves or logs."""
    parser.add_argument(
        "--scenario", action="append", default=[], metavar="PATH",
        help="scenario file the saves or logs were played on (default: the shipped ones)",
    )  # fmt: skip
    parser.add_argument("--account", metavar="NAME", help="solo learner's account name")
    parser.add_argument("--home-page", metavar="IRI", help="home page of that account's system")
    parser.add_argument(
        "--judge", action="store_true",
        help="add passed (goal ending) or failed (another ending) after completed",
    )  # fmt: skip
    parser.add_argument(
        "--names", action="store_true", help="include participants' nicknames (opt-in)"
    )


def records_from_paths(args: argparse.Namespace) -> list[RunRecord]:
    """One record per save and per session log named on the command line."""
    scenarios = _ScenarioFinder([Path(p) for p in args.scenario])
    records: list[RunRecord] = []
    for raw in args.inputs:
        path = Path(raw)
        kind, data = _sniff(path)
        if kind == "save":
            records.append(_save_record(path, data, scenarios, _account(args, path)))
        else:
            records.extend(_log_records(path, scenarios, names=args.names, home=args.home_page))
    return records


def _sniff(path: Path) -> tuple[str, dict[str, Any]]:
    """('save', document) or ('log', {}) for a session log; InputError for anything else."""
    from roleplay.engine._files import FileProblem, parse_json, read_text_bounded

    try:  # the bounded reader: regular files only, at most MAX_INPUT_BYTES, UTF-8
        text = read_text_bounded(path, MAX_INPUT_BYTES)
    except FileProblem as problem:
        raise InputError(f"{path}: {problem.message}") from None
    try:
        document = parse_json(text)  # no NaN, huge numbers or deep nesting
    except ValueError:
        document = None
    if isinstance(document, dict) and "state" in document and "scenario_id" in document:
        return "save", document
    first = text.lstrip()[:1]
    if first == "{":
        return "log", {}
    raise InputError(f"{path}: neither a roleplay save nor a session log")


def _account(args: argparse.Namespace, path: Path) -> Account:
    from roleplay.reports._records import DEFAULT_HOME_PAGE, Account

    name, home = args.account, args.home_page
    if not name:
        stored = _stored_account()
        name = name or stored.get("name")
        home = home or stored.get("homePage")
    if not name:
        raise InputError(
            f"{path}: a solo save needs the learner's account: give --account NAME "
            "(and --home-page IRI of your organisation's system)"
        )
    return Account(str(home or DEFAULT_HOME_PAGE), str(name))


def _stored_account() -> dict[str, Any]:
    from roleplay.gui.storage import config_dir, read_json

    data = read_json(config_dir() / "records.json")
    account = data.get("account") if isinstance(data, dict) else None
    return account if isinstance(account, dict) else {}


class _ScenarioFinder:
    """Scenarios by id: the ``--scenario`` files first, then the shipped ones (loaded lazily)."""

    def __init__(self, paths: list[Path]) -> None:
        self.paths = paths
        self.loaded: dict[str, Scenario] = {}
        self._scanned = False

    def find(self, scenario_id: str, source: Path) -> Scenario:
        if scenario_id not in self.loaded and not self._scanned:
            self._scan()
        if scenario_id not in self.loaded:
            raise InputError(
                f"{source}: scenario '{scenario_id}' not found; give its file with --scenario"
            )
        return self.loaded[scenario_id]

    def maybe(self, scenario_id: str) -> Scenario | None:
        """The scenario with this id, or None when it is nowhere to be found."""
        if scenario_id not in self.loaded and not self._scanned:
            self._scan()
        return self.loaded.get(scenario_id)

    def _scan(self) -> None:
        from roleplay.engine._loader import load_scenario
        from roleplay.engine._paths import find_scenarios

        self._scanned = True
        for path in [*self.paths, *find_scenarios()]:
            try:
                scenario = load_scenario(path)
            except (RoleplayError, OSError) as problem:
                if path in self.paths:
                    raise InputError(f"{path}: {problem}") from None
                continue
            self.loaded.setdefault(scenario.id, scenario)


def _save_record(
    path: Path, document: dict[str, Any], scenarios: _ScenarioFinder, account: Account
) -> RunRecord:
    from roleplay.reports._records import record_from_save

    scenario = scenarios.find(str(document.get("scenario_id")), path)
    try:
        record = record_from_save(path, scenario, account)
    except RoleplayError as problem:
        raise InputError(str(problem)) from None
    played_on = document.get("scenario_hash")
    if isinstance(played_on, str) and played_on:
        # The run was played on this version; the statements say so even if the file changed.
        record = dataclasses.replace(
            record, scenario=dataclasses.replace(record.scenario, version=played_on)
        )
    return record


def _log_records(
    path: Path, scenarios: _ScenarioFinder, *, names: bool, home: str | None
) -> list[RunRecord]:
    from roleplay.reports._sessions import DEFAULT_HOST_HOME_PAGE, session_record

    session = read_session_file(path)
    scenario = scenarios.maybe(session.scenario_id)
    record = session_record(
        session, scenario, home_page=home or DEFAULT_HOST_HOME_PAGE, names=names
    )
    return [record]


def read_session_file(path: Path) -> GroupSession:
    """A session log read for a report or an export; InputError when it cannot be read."""
    from roleplay.reports._sessions import read_session

    try:
        session = read_session(path)
    except RoleplayError as problem:
        raise InputError(str(problem)) from None
    for warning in session.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return session


def sessions_from_paths(args: argparse.Namespace) -> list[tuple[GroupSession, Scenario | None]]:
    """Each session log named on the command line with its scenario (None when not found)."""
    scenarios = _ScenarioFinder([Path(p) for p in args.scenario])
    found = []
    for raw in args.inputs:
        session = read_session_file(Path(raw))
        found.append((session, scenarios.maybe(session.scenario_id)))
    return found
