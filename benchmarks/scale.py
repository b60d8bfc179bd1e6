"""How load and play cost grow with scenario size: ``python benchmarks/scale.py [--runs N]``.

Prints a Markdown table (the one in docs/performance.md) for the peer story at 1k, 5k, 10k
and 12k nodes: file size, cold load and cached load from process start, peak memory of a
cold load, decisions per second (wall and CPU) through ``view()`` + ``choose()``, and how much
a decision at
depth 2,000+ costs relative to one near the start. Medians over fresh processes.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from harness import RUNS_ENV, median, python_env, runs, spawn, work_dir  # noqa: E402
from peers import story  # noqa: E402

SIZES = (1000, 5000, 10_000, 12_000)  # 12,900 nodes hold the 800,000 values a file may hold
RP_PLAY = HERE / "peers" / "rp_play.py"


def measure(nodes: int) -> dict[str, float]:
    """Medians for one size."""
    path = story.write(work_dir("peers"), nodes)[0]
    cold, cached, peak, rate, cpu_rate, deep = [], [], [], [], [], []
    for _ in range(runs()):
        home = work_dir("scale-home", str(nodes))
        shutil.rmtree(home, ignore_errors=True)
        env = python_env(ROLEPLAY_HOME=str(home))
        first = spawn([sys.executable, str(RP_PLAY), str(path), "0", "1"], env)
        second = spawn([sys.executable, str(RP_PLAY), str(path), "3", "1"], env)
        cold.append(first.since_start("loaded"))
        peak.append(first.peak_mb)
        cached.append(second.since_start("loaded"))
        rate.append(float(second.data["decisions_per_s"]))
        cpu_rate.append(float(second.data["decisions_per_cpu_s"]))
        if second.data["deep_us"]:
            deep.append(float(second.data["deep_us"]) / float(second.data["near_us"]))
    return {
        "mb": path.stat().st_size / 1e6,
        "cold": median(cold),
        "cached": median(cached),
        "peak": median(peak),
        "rate": median(rate),
        "cpu_rate": median(cpu_rate),
        "deep": median(deep),
    }


def main() -> int:
    """Print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, metavar="N", help="fresh processes per median")
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES), metavar="NODES")
    args = parser.parse_args()
    if args.runs:
        os.environ[RUNS_ENV] = str(args.runs)
    print("| nodes | file MB | cold load s | cached load s | cold load peak MB |", end="")
    print(" decisions/s | decisions/CPU s | depth 2,000+ / depth < 500 |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for nodes in args.sizes:
        row = measure(nodes)
        deep = "n/a" if row["deep"] != row["deep"] else f"{row['deep']:.2f}x"
        print(
            f"| {nodes:,} | {row['mb']:.1f} | {row['cold']:.2f} | {row['cached']:.2f} | "
            f"{row['peak']:.0f} | {row['rate']:,.0f} | {row['cpu_rate']:,.0f} | {deep} |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
