"""The one benchmark runner: ``python benchmarks/run.py [--json] [--only NAME]... [--runs N]``.

Registering metrics: every ``benchmarks/bench_<area>.py`` is a metric module. It defines
``METRICS``, a dict from metric name to a function taking no arguments and returning a
``harness.Result`` (value, unit, optional note) or a ``(value, unit)`` tuple. Modules are found
by name, so adding a file registers its metrics; ``--module PATH`` adds one from elsewhere.
Every figure is a median of fresh processes (``--runs``, default 3), wall clock unless the
metric's name ends in ``_cpu``. docs/performance.md explains each metric.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import json
import math
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from harness import RUNS_ENV, Result, work_dir  # noqa: E402

FIRST = ("bench_engine", "bench_peers", "bench_lint", "bench_ui")


def _modules(extra: list[str]) -> list[ModuleType]:
    names = sorted(p.stem for p in HERE.glob("bench_*.py"))
    ordered = [n for n in FIRST if n in names] + [n for n in names if n not in FIRST]
    modules = [importlib.import_module(name) for name in ordered]
    for raw in extra:
        path = Path(raw).resolve()
        spec = importlib.util.spec_from_file_location(path.stem, path)
        if spec is None or spec.loader is None:
            raise SystemExit(f"run.py: cannot import {raw}")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        modules.append(module)
    return modules


def discover(extra: list[str] | None = None) -> dict[str, Callable[[], Any]]:
    """All registered metrics, in module order then file order."""
    metrics: dict[str, Callable[[], Any]] = {}
    for module in _modules(extra or []):
        metrics.update(getattr(module, "METRICS", {}))
    return metrics


def _result(raw: Any) -> Result:
    if isinstance(raw, Result):
        return raw
    value, unit = raw[0], raw[1]
    return Result(float(value), str(unit), str(raw[2]) if len(raw) > 2 else "")


def _row(name: str, result: Result) -> str:
    value = "skipped" if math.isnan(result.value) else f"{result.value:.4g}"
    note = f"  ({result.note})" if result.note else ""
    return f"{name:<38} {value:>12} {result.unit:<12}{note}"


def main() -> int:
    """Run the metrics and print a table or one JSON object."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--only", action="append", metavar="NAME", help="run this metric only")
    parser.add_argument("--runs", type=int, metavar="N", help="fresh processes per median")
    parser.add_argument(
        "--module",
        action="append",
        default=[],
        metavar="PATH",
        help="also register the metrics of this module",
    )
    parser.add_argument("--list", action="store_true", help="list the metric names")
    args = parser.parse_args()
    if args.runs:
        os.environ[RUNS_ENV] = str(args.runs)
    # Never read or write the user's own scenario cache, saves or settings.
    os.environ.setdefault("ROLEPLAY_HOME", str(work_dir("home")))
    metrics = discover(args.module)
    if args.list:
        print("\n".join(metrics))
        return 0
    names = args.only or list(metrics)
    unknown = [n for n in names if n not in metrics]
    if unknown:
        print(f"unknown metric(s): {', '.join(unknown)}; see --list", file=sys.stderr)
        return 2
    results: dict[str, dict[str, Any]] = {}
    begin = time.perf_counter()
    for name in names:
        result = _result(metrics[name]())
        results[name] = result.to_json()
        if not args.json:
            print(_row(name, result), flush=True)
    if args.json:
        print(json.dumps(results))
    else:
        print(f"({len(names)} metrics in {time.perf_counter() - begin:.0f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
