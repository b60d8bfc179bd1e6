"""Load a scenario and play it at random exactly as the desktop UI does; print one JSON line.

``python rp_play.py SCENARIO PLAY_SECONDS SEED [--no-cache]``

The parent stamps the process start; this prints the epoch time at which the scenario was
loaded (so interpreter start and imports count), the resident memory then, and for the play:
decisions per second of wall time (and per CPU second) through ``view()`` + ``choose()`` (one
``view()`` per beat, ``advance()`` for ``next`` nodes, a new Runner at each ending, started with
a fresh shuffle seed as the play screen's is, so choices are shown in a per-playthrough order),
and the mean cost of a decision near the start of a playthrough (depth < 500) and deep into it
(depth >= 2,000).
"""

from __future__ import annotations

import json
import random
import resource
import sys
import time


def _rss_mb() -> float:
    with open("/proc/self/statm", encoding="ascii") as handle:
        pages = int(handle.read().split()[1])
    return pages * resource.getpagesize() / 1048576


def _peak_mb() -> float:
    """This process's own peak resident memory (VmHWM; ``ru_maxrss`` would include the
    parent's size at the fork, which Linux carries over ``exec``)."""
    with open("/proc/self/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _load(path: str, use_cache: bool) -> object:
    from roleplay.engine import _loader

    scenario, diagnostics = _loader.check_scenario_file(path, use_cache=use_cache)
    if scenario is None:
        raise SystemExit(f"{path} does not load: {diagnostics[:3]}")
    return scenario


def play(scenario: object, seconds: float, seed: int) -> dict[str, float]:
    """Play for ``seconds`` of wall time; decisions/s and per-depth costs."""
    from roleplay import Runner

    rng = random.Random(seed)
    runner = Runner(scenario, seed=rng.getrandbits(32))  # type: ignore[arg-type]
    view = runner.view()
    decisions = endings = depth = 0
    near: list[float] = []
    deep: list[float] = []
    cpu = time.process_time()
    begin = last = time.perf_counter()
    while seconds > 0 and last - begin < seconds:
        if view.ending is not None:
            endings += 1
            depth = 0
            runner = Runner(scenario, seed=rng.getrandbits(32))  # type: ignore[arg-type]
        elif view.choices:
            picks = [c.number - 1 for c in view.choices if c.available]
            runner.choose(picks[rng.randrange(len(picks))])
            decisions += 1
            depth += 1
        elif view.can_advance:
            runner.advance()
        view = runner.view()
        runner.set_line(0)
        now = time.perf_counter()
        if depth < 500:
            near.append(now - last)
        elif depth >= 2000:
            deep.append(now - last)
        last = now
    played, cpu = last - begin, time.process_time() - cpu
    return {
        "decisions": decisions,
        "endings": endings,
        "decisions_per_s": decisions / played if played > 0 else 0.0,
        "decisions_per_cpu_s": decisions / cpu if cpu > 0 else 0.0,
        "near_us": 1e6 * sum(near) / len(near) if near else 0.0,
        "deep_us": 1e6 * sum(deep) / len(deep) if deep else 0.0,
    }


def main() -> None:
    """Load, stamp, play, print."""
    path, seconds, seed = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
    scenario = _load(path, use_cache="--no-cache" not in sys.argv)
    loaded = time.time()
    result: dict[str, float] = {"loaded": loaded, "rss_after_load_mb": _rss_mb()}
    result["peak_after_load_mb"] = _peak_mb()
    result.update(play(scenario, seconds, seed))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
