"""Records commands: ``roleplay report``, ``roleplay export-xapi``, ``roleplay lrs push|status``.

Inputs are solo save files (``*.json``) and facilitator session logs (``*.jsonl``). Default
folders (the outbox) come from the user data folder; the functions in ``roleplay.reports`` take
explicit folders.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from roleplay.cli._records_input import (
    InputError,
    add_input_options,
    records_from_paths,
    sessions_from_paths,
)

if TYPE_CHECKING:
    SubParsers = argparse._SubParsersAction[argparse.ArgumentParser]


def register(commands: SubParsers) -> None:
    """Add ``report``, ``export-xapi`` and ``lrs`` (``push``, ``status``)."""
    _register_report(commands)
    export = commands.add_parser(
        "export-xapi", help="write xAPI statements of saves or session logs as JSON Lines"
    )
    export.add_argument("inputs", nargs="+", metavar="LOG_OR_SAVE")
    export.add_argument("-o", "--output", required=True, metavar="FILE", help="'-' for stdout")
    add_input_options(export)
    export.set_defaults(handler=_export)
    _register_lrs(commands)


def _register_report(commands: SubParsers) -> None:
    report = commands.add_parser(
        "report", help="HTML report (or CSV with --csv) of one or several session logs"
    )
    report.add_argument("inputs", nargs="+", metavar="LOG")
    report.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="'-' for stdout (default for one LOG: LOG's name with .html or .csv, beside it)",
    )
    report.add_argument("--csv", action="store_true", help="one row per decision per session")
    report.add_argument(
        "--scenario",
        action="append",
        default=[],
        metavar="PATH",
        help="scenario file the sessions were played on (default: the shipped ones)",
    )
    report.add_argument("--names", action="store_true", help="show participants' nicknames")
    report.set_defaults(handler=_report)


def _register_lrs(commands: SubParsers) -> None:
    lrs = commands.add_parser("lrs", help="send statements to a learning record store")
    actions = lrs.add_subparsers(dest="lrs_command", metavar="ACTION")
    push = actions.add_parser("push", help="queue statements in the outbox and send them")
    push.add_argument("inputs", nargs="*", metavar="LOG_OR_SAVE")
    push.add_argument("--endpoint", required=True, help="the LRS's xAPI address, e.g. .../xAPI")
    push.add_argument("--user", required=True, help="basic-auth user")
    push.add_argument(
        "--password-env", required=True, metavar="VAR",
        help="name of the environment variable holding the password",
    )  # fmt: skip
    push.add_argument("--outbox", metavar="DIR", help="outbox folder (default: user data)")
    push.add_argument("--attempts", type=int, default=5, help="tries per batch (default 5)")
    add_input_options(push)
    push.set_defaults(handler=_push)
    status = actions.add_parser("status", help="what is waiting in the outbox")
    status.add_argument("--outbox", metavar="DIR", help="outbox folder (default: user data)")
    status.add_argument("--json", action="store_true", help="one JSON list")
    status.set_defaults(handler=_status)
    lrs.set_defaults(handler=lambda _args: _usage(lrs))


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


def _fail(command: str, message: str, code: int = 2) -> int:
    print(f"roleplay {command}: {message}", file=sys.stderr)
    return code


def _statements(args: argparse.Namespace, command: str) -> list[dict[str, Any]] | None:
    from roleplay.reports._xapi import statements_for

    try:
        records = records_from_paths(args)
    except InputError as problem:
        _fail(command, str(problem), 1)
        return None
    return [s for record in records for s in statements_for(record, judge=args.judge)]


def _export(args: argparse.Namespace) -> int:
    from roleplay.engine._atomic import write_text_atomic

    statements = _statements(args, "export-xapi")
    if statements is None:
        return 1
    text = "".join(json.dumps(s, ensure_ascii=False) + "\n" for s in statements)
    if args.output == "-":
        sys.stdout.write(text)
    else:
        write_text_atomic(args.output, text)
        print(f"wrote {len(statements)} statements to {args.output}", file=sys.stderr)
    return 0


def _report(args: argparse.Namespace) -> int:
    from roleplay.engine._atomic import write_text_atomic
    from roleplay.reports._csv import sessions_csv
    from roleplay.reports._group_html import render_sessions_html

    if args.output is None:
        if len(args.inputs) > 1:
            return _fail("report", "several logs make one report: name it with -o FILE")
        args.output = str(Path(args.inputs[0]).with_suffix(".csv" if args.csv else ".html"))
        if args.output == args.inputs[0]:
            return _fail("report", "the log already has that name: name the report with -o FILE")
    try:
        sessions = sessions_from_paths(args)
    except InputError as problem:
        return _fail("report", str(problem), 1)
    if args.csv:
        text = sessions_csv([session for session, _ in sessions])
    else:
        text = render_sessions_html(sessions, names=args.names)
    for session, scenario in sessions:
        if scenario is None:
            print(
                f"note: scenario '{session.scenario_id}' not found; the report shows the log "
                "only (give the file with --scenario)",
                file=sys.stderr,
            )
    if args.output == "-":
        sys.stdout.write(text)
    else:
        write_text_atomic(args.output, text)
        print(f"wrote {args.output}", file=sys.stderr)
    return 0


def _outbox_root(args: argparse.Namespace) -> Path:
    if args.outbox:
        return Path(args.outbox)
    from roleplay.gui.storage import data_dir

    return Path(data_dir()) / "outbox"


def _push(args: argparse.Namespace) -> int:
    from roleplay.reports._lrs import Backoff, LrsClient, check_endpoint, deliver
    from roleplay.reports._outbox import Outbox, outbox_folder

    password = os.environ.get(args.password_env)
    if not password:
        return _fail("lrs push", f"the environment variable {args.password_env} is not set")
    try:
        endpoint = check_endpoint(args.endpoint)
    except ValueError as problem:
        return _fail("lrs push", str(problem))
    statements = _statements(args, "lrs push") if args.inputs else []
    if statements is None:
        return 1
    outbox = Outbox(outbox_folder(_outbox_root(args), endpoint), endpoint)
    queued = outbox.add(statements)
    client = LrsClient(endpoint, args.user, password)
    result = deliver(outbox, client, backoff=Backoff(attempts=max(args.attempts, 1)))
    print(
        f"queued {queued} new, delivered {result.delivered}, waiting {result.waiting}",
        file=sys.stderr,
    )
    if result.error:
        print(f"roleplay lrs push: {result.error} (kept in the outbox)", file=sys.stderr)
        return 1
    return 0


def _status(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from roleplay.reports._outbox import find_outboxes

    statuses = [box.status() for box in find_outboxes(_outbox_root(args))]
    if args.json:
        print(json.dumps([dict(asdict(s), folder=str(s.folder)) for s in statuses], indent=1))
        return 0
    if not statuses:
        print("the outbox is empty: nothing has been queued")
        return 0
    for s in statuses:
        print(f"{s.endpoint or s.folder.name}: {s.pending} waiting, {s.sent} delivered")
        if s.oldest_pending:
            print(f"  oldest waiting since {s.oldest_pending}")
        if s.last_attempt:
            outcome = f"failed: {s.last_error}" if s.last_error else "ok"
            print(f"  last attempt {s.last_attempt}: {outcome}")
    return 0
