"""UI benchmarks: start-up, frame times while typing, idle CPU and peak memory.

Each metric runs the real game headless (dummy video driver) in a fresh subprocess, so the
numbers include imports and are not disturbed by whatever ran before.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_FIRST_FRAME = r"""
import time, os
t0 = float(os.environ["BENCH_T0"])
from roleplay.gui.app import App
from roleplay.learner.desktop.scenes.title import TitleScene
app = App()
app.reset(TitleScene(app))
app.step(0.0)
print(time.time() - t0)
"""

_PLAY = r"""
import json, math, os, resource, sys, time
import pygame
from roleplay.gui.app import App
from roleplay.learner.desktop.scenes.play import PlayScene
from roleplay.learner.desktop.session import Session
from roleplay.learner.desktop.scenes.library import shared_library
app = App()
scenario = shared_library(app).scenarios()[0]
scene = PlayScene(app, Session.new(scenario))
app.reset(scene)
app.step(0.0)
import gc
gc.freeze()
frames = []
for _ in range(12):  # reveal twelve lines with the typewriter, timing every frame
    scene.revealed = 0.0
    while not scene.line_done:
        start = time.perf_counter()
        app.step(1 / 60)
        frames.append((time.perf_counter() - start) * 1000)
    scene.proceed() if not scene.choosing else scene.choose(
        next(i for i, c in enumerate(scene.view.choices) if c.available))
    if scene.view.ending is not None:
        break
while not scene.choosing and scene.view.ending is None:
    scene.proceed()
    app.step(1.0)
for _ in range(10):
    app.frame()
cpu0, wall0 = time.process_time(), time.perf_counter()
while time.perf_counter() - wall0 < float(os.environ.get("BENCH_IDLE_S", "3")):
    app.frame()
idle = 100 * (time.process_time() - cpu0) / (time.perf_counter() - wall0)
frames.sort()
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"p50": frames[len(frames) // 2], "p99": frames[int(len(frames) * 0.99)],
                  "frames": len(frames), "idle_cpu": idle, "rss": rss}))
"""


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        SDL_VIDEODRIVER="dummy",
        SDL_AUDIODRIVER="dummy",
        PYGAME_HIDE_SUPPORT_PROMPT="1",
        PYTHONPATH=str(ROOT),
    )
    env.setdefault("ROLEPLAY_HOME", tempfile.mkdtemp(prefix="roleplay-bench-"))
    return env


def _run(code: str, extra: dict[str, str] | None = None) -> str:
    env = _env()
    env.update(extra or {})
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True, cwd=ROOT
    )
    return out.stdout.strip().splitlines()[-1]


_play_cache: dict[str, float] = {}


def _play() -> dict[str, float]:
    if not _play_cache:
        _play_cache.update(json.loads(_run(_PLAY)))
    return _play_cache


def first_frame_s() -> tuple[float, str]:
    """Seconds from process start to the first drawn title frame (best of 3 runs)."""
    runs = []
    for _ in range(3):
        import time

        runs.append(float(_run(_FIRST_FRAME, {"BENCH_T0": repr(time.time())})))
    return round(min(runs), 3), "s"


def frame_p50_ms() -> tuple[float, str]:
    """Median frame time while the typewriter reveals lines at 1280x720."""
    return round(_play()["p50"], 3), "ms"


def frame_p99_ms() -> tuple[float, str]:
    """99th percentile frame time while the typewriter reveals lines at 1280x720."""
    return round(_play()["p99"], 3), "ms"


def idle_cpu_pct() -> tuple[float, str]:
    """CPU time per wall second while the play screen waits for input (about 3 s)."""
    return round(_play()["idle_cpu"], 2), "%"


def play_peak_rss_mb() -> tuple[float, str]:
    """Peak resident memory of a headless play session."""
    return round(_play()["rss"], 1), "MB"


METRICS: dict[str, Callable[[], tuple[float, str]]] = {
    "first_frame_s": first_frame_s,
    "frame_p50_ms": frame_p50_ms,
    "frame_p99_ms": frame_p99_ms,
    "idle_cpu_pct": idle_cpu_pct,
    "play_peak_rss_mb": play_peak_rss_mb,
}


if __name__ == "__main__":
    for name, metric in METRICS.items():
        value, unit = metric()
        print(f"{name}: {value} {unit}")
