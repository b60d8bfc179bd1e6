"""Facilitator command: ``roleplay host SCENARIO`` runs a group session the room votes in."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from roleplay.cli._common import print_diagnostics
from roleplay.cli._lrs_options import LrsOptionError, add_lrs_options, lrs_settings
from roleplay.engine._paths import resolve_scenario_argument

if TYPE_CHECKING:
    from roleplay.engine._scenario import Scenario
    from roleplay.facilitator._host import HostOptions, HostRuntime

    SubParsers = argparse._SubParsersAction[argparse.ArgumentParser]


def register(commands: SubParsers) -> None:
    """Add the ``host`` sub-command."""
    host = commands.add_parser(
        "host",
        help="host a group session: the game on the projector, votes from phones",
        description="Play a scenario with a room: participants join from their phones and vote "
        "at each decision. See docs/facilitator.md.",
    )
    host.add_argument("scenario", metavar="SCENARIO", help="scenario file or shipped id")
    host.add_argument("--bind", metavar="ADDR", help="address to listen on (default: LAN address)")
    host.add_argument("--port", type=_port, default=8765, help="port (default 8765; 0: any)")
    host.add_argument("--code", type=_code, help="room code: four letters (default: random)")
    host.add_argument(
        "--timer", type=_seconds, default=60.0, metavar="S",
        help="timer of each vote and knowledge-check question in seconds; 0: none",
    )  # fmt: skip
    host.add_argument("--cap", type=_cap, default=300, help="most participants (default 300)")
    host.add_argument("--names", action="store_true", help="show nicknames (default: a count)")
    host.add_argument("--teams", action="store_true", help="team mode: one device per table")
    host.add_argument(
        "--auto-advance", action="store_true", help="play the majority as soon as a vote closes"
    )
    host.add_argument(
        "--no-check",
        action="store_true",
        help="do not ask the scenario's knowledge check before and after the story",
    )
    host.add_argument(
        "--join-limit",
        type=int,
        default=20,
        metavar="N",
        help="new joins per minute from one address (default 20; 0: no limit)",
    )
    host.add_argument("--headless", action="store_true", help="no window: drive from the remote")
    host.add_argument("--resume", metavar="LOG", help="continue the session in this log")
    host.add_argument("--log", metavar="FILE", help="write the session log here")
    add_lrs_options(host)
    host.set_defaults(handler=_host)


def _port(text: str) -> int:
    value = int(text) if text.isdigit() else -1
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError("a port is a number from 0 to 65535")
    return value


def _code(text: str) -> str:
    from roleplay.facilitator._names import CODE_LETTERS, valid_room_code

    code = text.strip().upper()
    if not valid_room_code(code):
        raise argparse.ArgumentTypeError(f"a room code is four letters from {CODE_LETTERS}")
    return code


def _cap(text: str) -> int:
    value = int(text) if text.isdigit() else 0
    if not 1 <= value <= 2000:
        raise argparse.ArgumentTypeError("the cap is a whole number from 1 to 2000")
    return value


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError("the timer is a number of seconds") from None
    if value != 0 and not 5 <= value <= 3600:
        raise argparse.ArgumentTypeError("the timer is 0 (none) or 5 to 3600 seconds")
    return value


def _host(args: argparse.Namespace) -> int:
    from roleplay.engine._loader import check_scenario_file
    from roleplay.facilitator._host import announce, print_session_over

    path = resolve_scenario_argument(args.scenario)
    if not path.exists():
        print(f"roleplay host: no such scenario: {args.scenario}", file=sys.stderr)
        return 2
    scenario, diagnostics = check_scenario_file(path)
    if scenario is None:
        print_diagnostics(diagnostics, as_json=False)
        return 1
    opened = _open(args, scenario)
    if isinstance(opened, int):
        return opened
    runtime, warnings = opened
    announce(runtime, warnings, sys.stdout, headless=args.headless)
    code = _serve(runtime, headless=args.headless)
    _report_records(runtime)
    print_session_over(runtime, sys.stdout)
    return code


def _open(args: argparse.Namespace, scenario: Scenario) -> tuple[HostRuntime, list[str]] | int:
    """The running host, or an exit code after printing why it could not start."""
    from roleplay.engine._errors import RoleplayError
    from roleplay.facilitator._host import open_runtime

    try:
        return open_runtime(_options(args, scenario))
    except LrsOptionError as error:
        print(f"roleplay host: {error}", file=sys.stderr)
        return 2
    except RoleplayError as error:  # a bad log to resume, an outbox that cannot be made
        print(f"roleplay host: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(
            f"roleplay host: cannot listen on {args.bind or 'the LAN address'} port {args.port} "
            f"({error.strerror or error}); try another --port or --bind",
            file=sys.stderr,
        )
        return 1


def _report_records(runtime: HostRuntime) -> None:
    """After the session: how many statements went to the LRS, and what still waits."""
    status = runtime.records_status
    if status is None:
        return
    print(f"records: {status.summary()}", flush=True)
    if status.waiting:
        print(
            f"records: the {status.waiting} waiting are kept in the outbox; send them later "
            f"with: roleplay lrs push --endpoint {status.endpoint} --user USER --password-env VAR",
            flush=True,
        )


def _options(args: argparse.Namespace, scenario: Scenario) -> HostOptions:
    from roleplay.facilitator._host import HostOptions
    from roleplay.facilitator._room import RoomSettings
    from roleplay.facilitator._server import JoinLimiter

    settings = RoomSettings(anonymous=not args.names, teams=args.teams)
    settings.cap = args.cap
    settings.timer = args.timer or None
    settings.auto_advance = args.auto_advance
    settings.check = not args.no_check
    return HostOptions(
        scenario,
        bind=args.bind,
        port=args.port,
        code=args.code,
        settings=settings,
        headless=args.headless,
        resume=Path(args.resume) if args.resume else None,
        log_path=Path(args.log) if args.log else None,
        join_limit=JoinLimiter(args.join_limit, 60.0) if args.join_limit > 0 else None,
        lrs=lrs_settings(args),
    )


def _serve(runtime: HostRuntime, *, headless: bool) -> int:
    from roleplay.facilitator._host import run_headless

    if headless:
        return run_headless(runtime)
    try:
        from roleplay.facilitator.desktop import run_windows
    except ImportError as error:
        print(f"roleplay host: no window ({error}); running headless", file=sys.stderr)
        runtime.session.big_screen = False
        print(f"host: {runtime.host_url}", flush=True)
        return run_headless(runtime)
    return int(run_windows(runtime))
