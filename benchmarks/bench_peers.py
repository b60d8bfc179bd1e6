"""roleplay side by side with inkjs on the same generated story (benchmarks/peers/).

One interleaved run per repetition and size: inkjs compile, inkjs load of the compiled JSON and
random play, then roleplay cold load from YAML (empty cache), cached load and random play
through ``view()`` + ``choose()``. Every figure is the median over fresh processes; loads are
wall clock from process start to "loaded" (interpreter or node start and imports included).
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from harness import Result, median, memo, python_env, runs, spawn, spread, work_dir
from peers import inkjs, story

HERE = Path(__file__).resolve().parent
RP_PLAY = HERE / "peers" / "rp_play.py"
SIZES = (1000, 10_000)
PLAY_S = "3"


def _ink(node: str, nodes: int, ink_path: Path) -> dict[str, float]:
    compiled = ink_path.with_suffix(".json")
    env = inkjs.node_env()
    made = spawn([node, str(inkjs.COMPILE_JS), str(ink_path), str(compiled)], env, timeout=1200)
    loaded = spawn([node, str(inkjs.PLAY_JS), str(compiled), "0", "1"], env)
    played = spawn([node, str(inkjs.PLAY_JS), str(compiled), PLAY_S, "1"], env)
    return {
        "compile_s": float(made.data["compile_s"]),
        "compile_peak_mb": made.peak_mb,
        "load_s": loaded.since_start("loaded"),
        "load_peak_mb": loaded.peak_mb,
        "choices_per_s": float(played.data["decisions_per_s"]),
        "choices_per_cpu_s": float(played.data["decisions_per_cpu_s"]),
    }


def _roleplay(yaml_path: Path, home: Path) -> dict[str, float]:
    shutil.rmtree(home, ignore_errors=True)
    env = python_env(ROLEPLAY_HOME=str(home))
    argv = [sys.executable, str(RP_PLAY), str(yaml_path)]
    cold = spawn([*argv, "0", "1"], env)
    cached = spawn([*argv, PLAY_S, "1"], env)
    return {
        "load_s": cold.since_start("loaded"),
        "load_peak_mb": cold.peak_mb,
        "cached_load_s": cached.since_start("loaded"),
        "choices_per_s": float(cached.data["decisions_per_s"]),
        "choices_per_cpu_s": float(cached.data["decisions_per_cpu_s"]),
    }


@memo
def _measure() -> dict[str, Any]:
    """All sizes, interleaved per repetition: {size: {"ink": [...], "rp": [...]}} or a skip."""
    try:
        node = inkjs.ensure()
    except inkjs.Unavailable as why:
        return {"skip": str(why)}
    folder = work_dir("peers")
    samples: dict[int, dict[str, list[dict[str, float]]]] = {
        n: {"ink": [], "rp": []} for n in SIZES
    }
    for _ in range(runs()):
        for nodes in SIZES:
            yaml_path, ink_path = story.write(folder, nodes)
            samples[nodes]["ink"].append(_ink(node, nodes, ink_path))
            samples[nodes]["rp"].append(_roleplay(yaml_path, work_dir("peers-home", str(nodes))))
    return {"samples": samples, "inkjs": inkjs.installed_version()}


def _values(side: str, nodes: int, key: str) -> list[float]:
    return [sample[key] for sample in _measure()["samples"][nodes][side]]


def _figure(side: str, nodes: int, key: str, unit: str) -> Callable[[], Result]:
    def metric() -> Result:
        if "skip" in _measure():
            return Result(float("nan"), unit, _measure()["skip"])
        values = _values(side, nodes, key)
        return Result(median(values), unit, spread(values))

    return metric


def _ratio(key: str, ink_key: str, nodes: int = 10_000) -> Callable[[], Result]:
    def metric() -> Result:
        if "skip" in _measure():
            return Result(float("nan"), "x", _measure()["skip"])
        ours, theirs = median(_values("rp", nodes, key)), median(_values("ink", nodes, ink_key))
        note = f"roleplay {ours:.4g} / inkjs {_measure()['inkjs']} {theirs:.4g}"
        return Result(ours / theirs, "x", note)

    return metric


METRICS: dict[str, Callable[[], Result]] = {
    "peer_inkjs_choices_ratio": _ratio("choices_per_s", "choices_per_s"),
    "peer_inkjs_choices_ratio_cpu": _ratio("choices_per_cpu_s", "choices_per_cpu_s"),
    "peer_inkjs_load_ratio": _ratio("load_s", "load_s"),
    "peer_inkjs_cached_load_ratio": _ratio("cached_load_s", "load_s"),
}
for _n, _label in ((1000, "1k"), (10_000, "10k")):
    METRICS.update(
        {
            f"peer_roleplay_load_{_label}_s": _figure("rp", _n, "load_s", "s"),
            f"peer_roleplay_cached_load_{_label}_s": _figure("rp", _n, "cached_load_s", "s"),
            f"peer_roleplay_load_{_label}_peak_mb": _figure("rp", _n, "load_peak_mb", "MB"),
            f"peer_roleplay_choices_per_s_{_label}": _figure(
                "rp", _n, "choices_per_s", "decisions/s"
            ),
            f"peer_inkjs_compile_{_label}_s": _figure("ink", _n, "compile_s", "s"),
            f"peer_inkjs_compile_{_label}_peak_mb": _figure("ink", _n, "compile_peak_mb", "MB"),
            f"peer_inkjs_load_{_label}_s": _figure("ink", _n, "load_s", "s"),
            f"peer_inkjs_load_{_label}_peak_mb": _figure("ink", _n, "load_peak_mb", "MB"),
            f"peer_inkjs_choices_per_s_{_label}": _figure(
                "ink", _n, "choices_per_s", "decisions/s"
            ),
        }
    )
