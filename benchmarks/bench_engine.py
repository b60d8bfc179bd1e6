"""Engine metrics: load+validate time, bare parse time, peak memory, choices per second."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from generate import write

ROOT = Path(__file__).resolve().parent.parent
_TMP = Path(tempfile.mkdtemp(prefix="roleplay-bench-"))
RUNS = 5

_LOAD = """
import sys, time, resource
from roleplay import load_scenario
t = time.process_time()
s = load_scenario(sys.argv[1])
elapsed = time.process_time() - t
print(elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""

_PARSE = """
import sys, time, yaml
text = open(sys.argv[1], encoding="utf-8").read()
t = time.process_time()
yaml.load(text, Loader=yaml.CSafeLoader)
print(time.process_time() - t, 0)
"""

_CHOICES = """
import random, sys, time
from roleplay import Runner, load_scenario
s = load_scenario(sys.argv[1])
rng = random.Random(1)
count = 0
t = time.process_time()
while time.process_time() - t < 2.0:
    runner = Runner(s)
    while not runner.is_over:
        options = runner.available_choices()
        runner.choose(rng.randrange(len(options))) if options else runner.advance()
        count += 1
print(count / (time.process_time() - t), 0)
"""


def _run(code: str, path: Path) -> tuple[float, float]:
    out = subprocess.run(
        [sys.executable, "-c", code, str(path)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout.split()
    return float(out[0]), float(out[1])


def _median(code: str, nodes: int, index: int = 0, runs: int = RUNS) -> float:
    path = write(_TMP, nodes)
    return statistics.median(_run(code, path)[index] for _ in range(runs))


#: The largest generated scenario within the loading limits (docs/reliability.md): 4,000 nodes
#: are ~245,000 YAML values of the 300,000 allowed (10,000 nodes would be refused as RP009).
LARGE = 4_000

METRICS: dict[str, Callable[[], tuple[float, str]]] = {
    "load_validate_500_s": lambda: (_median(_LOAD, 500), "s"),
    "load_validate_4k_s": lambda: (_median(_LOAD, LARGE), "s"),
    "yaml_parse_4k_s": lambda: (_median(_PARSE, LARGE), "s"),
    "load_validate_4k_peak_mb": lambda: (_median(_LOAD, LARGE, index=1, runs=3), "MB"),
    "engine_choices_per_s": lambda: (_median(_CHOICES, LARGE, runs=3), "choices/s"),
}

if __name__ == "__main__":
    for name, metric in METRICS.items():
        print(name, json.dumps(metric()))
