"""Where the memory of a load goes: ``python benchmarks/memory.py [NODES] [--top N]``.

Loads the peer story (default 10k nodes) from YAML without the cache under tracemalloc and
prints the peak and what stays allocated afterwards, then the allocation sites holding the most
memory once the scenario is loaded (grouped by source line), and the same right after parsing
(the YAML tree, which the loader drops once the nodes are validated). tracemalloc slows the
load down several times; use it for shares, not for speed.
"""

from __future__ import annotations

import argparse
import gc
import sys
import tracemalloc
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from harness import work_dir  # noqa: E402
from peers import story  # noqa: E402


def _print_top(title: str, snapshot: tracemalloc.Snapshot, top: int) -> None:
    stats = snapshot.statistics("lineno")
    total = sum(s.size for s in stats)
    print(f"\n{title}: {total / 1048576:.1f} MB in {sum(s.count for s in stats):,} blocks")
    for stat in stats[:top]:
        frame = stat.traceback[0]
        where = f"{Path(frame.filename).parent.name}/{Path(frame.filename).name}:{frame.lineno}"
        print(
            f"  {stat.size / 1048576:8.1f} MB {stat.size / total:6.1%}  {stat.count:>9,}  {where}"
        )


def main() -> int:
    """Trace one load and print the report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("nodes", type=int, nargs="?", default=10_000)
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args()
    path = story.write(work_dir("peers"), args.nodes)[0]
    from roleplay.engine import _document, _loader

    peak_snapshot: list[tracemalloc.Snapshot] = []
    real_load_yaml = _document.load_yaml

    def traced_load_yaml(text: str, **options):  # type: ignore[no-untyped-def]
        result = real_load_yaml(text, **options)
        peak_snapshot.append(tracemalloc.take_snapshot())
        return result

    _document.load_yaml = traced_load_yaml  # type: ignore[assignment]
    tracemalloc.start()
    scenario = _loader.load_scenario(path, use_cache=False)
    gc.collect()
    current, peak = tracemalloc.get_traced_memory()
    after = tracemalloc.take_snapshot()
    tracemalloc.stop()
    size = path.stat().st_size
    print(f"{path.name}: {size / 1e6:.1f} MB file, {len(scenario.nodes):,} nodes")
    print(f"traced peak during load {peak / 1048576:.1f} MB ({peak / size:.1f}x the file)")
    print(f"kept after load {current / 1048576:.1f} MB ({current / size:.1f}x the file)")
    _print_top("held by the loaded scenario", after, args.top)
    if peak_snapshot:
        _print_top("held right after parsing (the YAML tree)", peak_snapshot[0], args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
