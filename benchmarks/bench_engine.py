"""Engine metrics on the peer story (benchmarks/peers/story.py): load, memory, the YAML floor, play.

Loads are "cold" (an empty scenario cache, so the first load a user sees, cache write included)
or "cached" (the second load). ``*_from_start_s`` run from process start to the loaded scenario;
the others time the load call alone inside a fresh process. Play is random play through
``view()`` + ``choose()`` exactly as the desktop UI drives the engine (benchmarks/peers/rp_play.py).
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from harness import Child, Result, median, memo, python, python_env, runs, spawn, spread, work_dir
from peers import story

HERE = Path(__file__).resolve().parent
RP_PLAY = HERE / "peers" / "rp_play.py"
PLAY_S = "3"

_LOAD_CALL = """
import json, sys, time
from roleplay.engine import _loader
begin = time.perf_counter()
scenario, diagnostics = _loader.check_scenario_file(sys.argv[1])
assert scenario is not None, diagnostics[:3]
print(json.dumps({"load_s": time.perf_counter() - begin}))
"""

_EVENTS = """
import json, sys, time, yaml
text = open(sys.argv[1], encoding="utf-8").read()
begin = time.perf_counter()
count = sum(1 for _ in yaml.parse(text, Loader=yaml.CSafeLoader))
print(json.dumps({"events_s": time.perf_counter() - begin, "events": count}))
"""


def _story(nodes: int) -> Path:
    return story.write(work_dir("peers"), nodes)[0]


def _fresh_home(nodes: int) -> dict[str, str]:
    home = work_dir("engine-home", str(nodes))
    shutil.rmtree(home, ignore_errors=True)
    return python_env(ROLEPLAY_HOME=str(home))


def _rp(nodes: int, seconds: str, env: dict[str, str]) -> Child:
    return spawn([sys.executable, str(RP_PLAY), str(_story(nodes)), seconds, "1"], env)


@memo
def _load_10k() -> dict[str, list[float]]:
    """Per repetition: cold and cached load (call and from start), peak memory, YAML floor."""
    path = _story(10_000)
    keys = ("load_s", "cached_s", "from_start_s", "cached_from_start_s", "peak_mb", "events_s")
    out: dict[str, list[float]] = {key: [] for key in keys}
    for _ in range(runs()):
        env = _fresh_home(10_000)
        cold = _rp(10_000, "0", env)
        out["from_start_s"].append(cold.since_start("loaded"))
        out["peak_mb"].append(cold.peak_mb)
        out["cached_from_start_s"].append(_rp(10_000, "0", env).since_start("loaded"))
        env = _fresh_home(10_000)
        out["load_s"].append(float(python(_LOAD_CALL, str(path), env=env).data["load_s"]))
        out["cached_s"].append(float(python(_LOAD_CALL, str(path), env=env).data["load_s"]))
        out["events_s"].append(float(python(_EVENTS, str(path)).data["events_s"]))
    return out


@memo
def _play() -> dict[int, list[dict[str, Any]]]:
    """Per size, per repetition: the play figures of rp_play.py (cached load, then play)."""
    out: dict[int, list[dict[str, Any]]] = {1000: [], 10_000: []}
    for _ in range(runs()):
        for nodes in out:
            env = _fresh_home(nodes)
            _rp(nodes, "0", env)
            out[nodes].append(_rp(nodes, PLAY_S, env).data)
    return out


def _load(key: str, unit: str = "s") -> Callable[[], Result]:
    def metric() -> Result:
        values = _load_10k()[key]
        return Result(median(values), unit, spread(values))

    return metric


def _over_floor() -> Result:
    load, floor = median(_load_10k()["load_s"]), median(_load_10k()["events_s"])
    return Result(load / floor, "x", f"load {load:.3g} s / libyaml events {floor:.3g} s")


def _choices(nodes: int) -> Callable[[], Result]:
    def metric() -> Result:
        values = [float(run["decisions_per_s"]) for run in _play()[nodes]]
        return Result(median(values), "decisions/s", spread(values))

    return metric


def _flat(key: str = "decisions_per_s") -> Callable[[], Result]:
    def metric() -> Result:
        big = median([float(r[key]) for r in _play()[10_000]])
        small = median([float(r[key]) for r in _play()[1000]])
        return Result(big / small, "x", f"10k {big:.4g} / 1k {small:.4g} {key}")

    return metric


def _deep_over_near() -> Result:
    deep = median([float(r["deep_us"]) for r in _play()[10_000] if r["deep_us"]])
    near = median([float(r["near_us"]) for r in _play()[10_000]])
    return Result(deep / near, "x", f"depth >= 2000: {deep:.3g} us, depth < 500: {near:.3g} us")


METRICS: dict[str, Callable[[], Result]] = {
    "load_10k_s": _load("load_s"),
    "load_10k_cached_s": _load("cached_s"),
    "load_10k_from_start_s": _load("from_start_s"),
    "load_10k_cached_from_start_s": _load("cached_from_start_s"),
    "load_10k_peak_mb": _load("peak_mb", "MB"),
    "yaml_events_10k_s": _load("events_s"),
    "load_over_floor_ratio": _over_floor,
    "play_choices_per_s_1k": _choices(1000),
    "play_choices_per_s_10k": _choices(10_000),
    "play_flat_ratio": _flat(),
    "play_flat_ratio_cpu": _flat("decisions_per_cpu_s"),
    "play_deep_over_near_10k": _deep_over_near,
}
