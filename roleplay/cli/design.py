"""Designer commands: validate, test, lint, graph, storyboard; new and schema (in _scaffolding).

Every heavy import happens inside the handlers, so ``roleplay --help`` stays fast and the engine
never imports pygame unless ``storyboard`` runs.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from roleplay.cli._common import add_no_cache, collect_files, emit, print_diagnostics
from roleplay.cli._scaffolding import refresh_schemas, register_new, register_schema
from roleplay.engine._diagnostics import Diagnostic, has_errors
from roleplay.engine._errors import PlaythroughError, ScenarioError

if TYPE_CHECKING:
    from roleplay.authoring._lint import LintReport
    from roleplay.engine._scenario import Scenario

    SubParsers = argparse._SubParsersAction[argparse.ArgumentParser]


def register(commands: SubParsers) -> None:
    """Add the designer sub-commands."""
    _register_validate(commands)
    _register_test(commands)
    _register_lint(commands)
    _register_graph(commands)
    _register_storyboard(commands)
    register_new(commands)
    register_schema(commands)


# --- validate -------------------------------------------------------------------------------
def _register_validate(commands: SubParsers) -> None:
    validate = commands.add_parser("validate", help="check scenario files and report problems")
    validate.add_argument("paths", nargs="+", metavar="PATH", help="scenario files or folders")
    validate.add_argument("--json", action="store_true", help="print diagnostics as JSON")
    add_no_cache(validate)
    validate.set_defaults(handler=_validate)


def _validate(args: argparse.Namespace) -> int:
    from roleplay.engine._loader import check_scenario_file

    files, missing = collect_files(args.paths)
    if missing:
        print(f"roleplay validate: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return 2
    refresh_schemas("validate", files)
    diagnostics: list[Diagnostic] = []
    for file in files:
        diagnostics.extend(check_scenario_file(file, use_cache=not args.no_cache)[1])
    print_diagnostics(diagnostics, as_json=args.json)
    if not args.json:
        errors = sum(d.severity == "error" for d in diagnostics)
        warnings = sum(d.severity == "warning" for d in diagnostics)
        print(
            f"{len(files)} file(s) checked: {errors} error(s), {warnings} warning(s)",
            file=sys.stderr,
        )
    return 1 if has_errors(diagnostics) else 0


# --- test -----------------------------------------------------------------------------------
def _register_test(commands: SubParsers) -> None:
    test = commands.add_parser("test", help="replay *.playthrough.yaml files and check outcomes")
    test.add_argument("paths", nargs="+", metavar="PATH", help="playthrough files or folders")
    test.add_argument(
        "--upgrade",
        action="store_true",
        help="first rewrite files in place as format 3: choice ids, and the text of each "
        "choice named by its place (NODE.N), as the scenario has it now",
    )
    test.set_defaults(handler=_test)


def _test(args: argparse.Namespace) -> int:
    from roleplay.authoring._testing import check_playthrough, find_playthroughs, plural

    files = [f for raw in args.paths for f in find_playthroughs(Path(raw))]
    if not files:
        print("roleplay test: no *.playthrough.yaml files found", file=sys.stderr)
        return 2
    failed = 0
    for file in files:
        try:
            if args.upgrade and _upgrade(file):
                print(f"upgraded {file} to format 3 (choice ids, texts for those by place)")
            outcome = check_playthrough(file, roundtrip=True)
        except (PlaythroughError, ScenarioError) as error:
            print(f"ERROR {file}: {error}")
            failed += 1
            continue
        reached = (
            f"reached '{outcome.ending}'" if outcome.ending else f"stopped at '{outcome.node}'"
        )
        summary = f"{reached} after {plural(outcome.decisions, 'decision')}"
        if outcome.ok:
            print(f"ok    {file}: {summary}")
        else:
            failed += 1
            print(f"FAIL  {file}: {plural(len(outcome.problems), 'difference')}; {summary}")
        for problem in outcome.problems:
            print(f"      - {problem}")
        for note in outcome.notes:
            print(f"      note: {note}")
    print(f"{len(files) - failed} passed, {failed} failed")
    return 1 if failed else 0


def _upgrade(file: Path) -> bool:
    from roleplay.engine._playthrough import upgrade_playthrough

    return upgrade_playthrough(file)


# --- lint -----------------------------------------------------------------------------------
def _register_lint(commands: SubParsers) -> None:
    lint = commands.add_parser(
        "lint",
        help="validate, then prove every ending reachable and check structure and pedagogy",
        description="Validate scenarios, explore every reachable state and report RP1xx "
        "problems. Exit 1 on errors (and warnings with --strict), 2 on usage errors.",
    )
    lint.add_argument("paths", nargs="+", metavar="PATH", help="scenario files or folders")
    lint.add_argument(
        "--json",
        action="store_true",
        help="print JSON: one object for a single file, a list for several files or a folder",
    )
    lint.add_argument("--strict", action="store_true", help="warnings fail too (exit 1)")
    lint.add_argument(
        "--max-states",
        type=_positive,
        default=None,
        metavar="N",
        help="stop exploring after N states (default 10,000,000)",
    )
    lint.add_argument(
        "--max-memory",
        type=_positive,
        default=None,
        metavar="MB",
        help="stop exploring before the solver needs more than MB megabytes (default 500)",
    )
    lint.add_argument(
        "--progress",
        action="store_true",
        help="show the exploration's progress on stderr even when it is not a terminal",
    )
    lint.set_defaults(handler=_lint)


def _positive(raw: str) -> int:
    try:
        value = int(raw.replace("_", "").replace(",", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{raw}' is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _lint(args: argparse.Namespace) -> int:
    from roleplay.authoring._lint import lint_file
    from roleplay.authoring.solver import DEFAULT_MAX_MEMORY_MB, DEFAULT_MAX_STATES
    from roleplay.cli._progress import ProgressBar

    files, missing = collect_files(args.paths)
    if missing:
        print(f"roleplay lint: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return 2
    if not files:
        print("roleplay lint: no scenario files found", file=sys.stderr)
        return 2
    refresh_schemas("lint", files)
    max_states = args.max_states or DEFAULT_MAX_STATES
    max_memory = args.max_memory or DEFAULT_MAX_MEMORY_MB
    reports = []
    for file in files:
        bar = ProgressBar(str(file), force=args.progress)
        reports.append(
            lint_file(file, max_states=max_states, max_memory_mb=max_memory, progress=bar)
        )
        bar.done()
    if args.json:
        single = len(args.paths) == 1 and Path(args.paths[0]).is_file()
        payload: Any = reports[0].to_json() if single else [r.to_json() for r in reports]
        print(json.dumps(payload, indent=1, ensure_ascii=False))
    else:
        for report in reports:
            _print_report(report)
    errors = sum(r.errors for r in reports)
    warnings = sum(r.warnings for r in reports)
    print(
        f"{len(reports)} file(s) linted: {errors} error(s), {warnings} warning(s)",
        file=sys.stderr,
    )
    return 1 if any(r.failed(strict=args.strict) for r in reports) else 0


def _print_report(report: LintReport) -> None:
    from roleplay.authoring._lesson_hints import policy_outcome

    print(f"== {report.file} ({report.scenario_id})")
    for diagnostic in report.diagnostics:
        print(diagnostic.format(with_snippet=True))
    found = report.exploration
    if found is None:
        print("   not explored: fix the errors above first")
        print()
        return
    print("   endings:")
    width = max((len(e) for e in found.endings), default=0)
    for result in found.endings.values():
        if not result.reachable:
            status = "UNREACHABLE" if found.complete else "not found yet"
            print(f"     {result.id:<{width}}  {status}")
            continue
        witness = " ".join(map(str, result.witness or ())) or "(start)"
        ids = " > ".join(report.witness_ids(result.id) or ())
        meters = ", ".join(f"{m} {lo}..{hi}" for m, (lo, hi) in result.meters.items())
        goal = " (goal)" if report.scenario and result.id in report.scenario.goal_endings else ""
        print(f"     {result.id:<{width}}  choices {witness}{goal}  |  {meters}")
        if ids:
            print(f"     {'':<{width}}  {ids}")
    state = "complete" if found.complete else "INCOMPLETE"
    print(f"   explored {found.states:,} states, {state}, in {found.seconds:.2f} s")
    if report.policies:
        print("   one-rule policies:")
        for policy in report.policies:
            print(f"     {policy.words}: {policy_outcome(report.scenario, policy)}")
    print()


# --- graph ----------------------------------------------------------------------------------
def _register_graph(commands: SubParsers) -> None:
    graph = commands.add_parser(
        "graph",
        help="draw the story map (dot, mermaid or svg)",
        description="Draw a scenario's story map: nodes coloured by kind, edges labelled with "
        "the choice and its technique family. svg needs Graphviz.",
    )
    graph.add_argument("scenario", metavar="SCENARIO", help="scenario file or shipped id")
    graph.add_argument("--format", choices=("dot", "mermaid", "svg"), default="dot")
    graph.add_argument(
        "--direction",
        choices=("TB", "LR"),
        default="TB",
        help="TB: top to bottom, ranked by distance from the start (default); LR: left to right",
    )
    graph.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    add_no_cache(graph)
    graph.set_defaults(handler=_graph)


def _load(command: str, argument: str, use_cache: bool = True) -> tuple[int, Scenario | None]:
    """Load a scenario named on the command line; print problems; (exit code, scenario)."""
    from roleplay.engine._loader import check_scenario_file
    from roleplay.engine._paths import resolve_scenario_argument

    path = resolve_scenario_argument(argument)
    if not path.is_file():
        print(f"roleplay {command}: no such scenario: {argument}", file=sys.stderr)
        return 2, None
    scenario, diagnostics = check_scenario_file(path, use_cache=use_cache)
    if scenario is None:
        print_diagnostics(diagnostics, as_json=False)
        return 1, None
    return 0, scenario


def _graph(args: argparse.Namespace) -> int:
    from roleplay.authoring._graph import RENDERERS, GraphvizMissing

    code, scenario = _load("graph", args.scenario, not args.no_cache)
    if scenario is None:
        return code
    try:
        text = RENDERERS[args.format](scenario, args.direction)
    except GraphvizMissing as missing:
        print(f"roleplay graph: {missing}", file=sys.stderr)
        return 1
    return emit("graph", text, args.output)


# --- storyboard -----------------------------------------------------------------------------
def _register_storyboard(commands: SubParsers) -> None:
    board = commands.add_parser(
        "storyboard",
        help="render every node to PNG with an index.html to review a scenario at a glance",
        description="Draw every node with the game's renderer (headless) into DIR, with an "
        "index.html grid of nodes, lines, choices and linked targets.",
    )
    board.add_argument("scenario", metavar="SCENARIO", help="scenario file or shipped id")
    board.add_argument("-o", "--output", required=True, metavar="DIR", help="output folder")
    board.add_argument(
        "--no-images", action="store_true", help="write index.html only (no pygame needed)"
    )
    add_no_cache(board)
    board.set_defaults(handler=_storyboard)


def _storyboard(args: argparse.Namespace) -> int:
    from roleplay.authoring._storyboard import write_storyboard

    code, scenario = _load("storyboard", args.scenario, not args.no_cache)
    if scenario is None:
        return code
    try:
        index = write_storyboard(scenario, Path(args.output), images=not args.no_images)
    except ImportError as error:
        print(f"roleplay storyboard: the game renderer is not available ({error})", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"roleplay storyboard: cannot write {args.output}: {error}", file=sys.stderr)
        return 1
    print(f"wrote {index} ({len(scenario.nodes)} nodes)")
    return 0
