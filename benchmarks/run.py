"""The one benchmark runner: ``python benchmarks/run.py [--json] [--only NAME]``.

Every ``bench_*.py`` module beside this file defines ``METRICS``: a dict from metric name to a
function returning ``(value, unit)``. Metrics that time something run in fresh processes and
report the median of several runs.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

Metric = Callable[[], tuple[float, str]]


def discover() -> dict[str, Metric]:
    """All metrics of all bench_*.py modules, in file order."""
    metrics: dict[str, Metric] = {}
    for path in sorted(HERE.glob("bench_*.py")):
        module = importlib.import_module(path.stem)
        metrics.update(getattr(module, "METRICS", {}))
    return metrics


def main() -> int:
    """Run the metrics and print a table or one JSON object."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--only", action="append", metavar="NAME", help="run only this metric")
    args = parser.parse_args()
    metrics = discover()
    names = args.only or list(metrics)
    unknown = [n for n in names if n not in metrics]
    if unknown:
        print(
            f"unknown metric(s): {', '.join(unknown)}; known: {', '.join(metrics)}", file=sys.stderr
        )
        return 2
    results: dict[str, dict[str, float | str]] = {}
    for name in names:
        value, unit = metrics[name]()
        results[name] = {"value": round(value, 4), "unit": unit}
        if not args.json:
            print(f"{name:<28} {value:>12.4f} {unit}", flush=True)
    if args.json:
        print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
