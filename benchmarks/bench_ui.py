"""UI metrics in a real X window: the benchmark starts its own Xvfb and runs the real command.

Each run is ``roleplay play sample_rota`` in a fresh process on that display, observed by
benchmarks/ui_probe.py (process start to the first frame of the play screen, frame times while
the typewriter runs, resident memory and CPU while the play screen waits for input). One
unmeasured run first warms the user cache (scenario cache, settings), as on any second start.
Xvfb comes from Debian's ``xvfb`` package; the benchmark installs it with apt-get when it runs
as root, and otherwise says it skipped.
"""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from harness import Result, median, memo, python_env, runs, spawn, spread, work_dir

HERE = Path(__file__).resolve().parent
PROBE = HERE / "ui_probe.py"
SCENARIO = "sample_rota"


def _install_xvfb() -> str | None:
    if shutil.which("Xvfb"):
        return None
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        return "skipped: Xvfb is missing (Debian: apt-get install xvfb)"
    for command in (
        ["apt-get", "update", "-qq"],
        ["apt-get", "install", "-y", "-qq", "--no-install-recommends", "xvfb"],
    ):
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        if subprocess.run(command, capture_output=True, env=env, check=False).returncode:
            return "skipped: apt-get could not install xvfb"
    return None


def _start_xvfb() -> str:
    """Start Xvfb on a free display (it picks one and tells us); stop it when we exit."""
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    if not number:
        server.kill()
        raise RuntimeError("Xvfb did not start")

    def stop() -> None:
        server.terminate()
        server.wait(timeout=10)

    atexit.register(stop)
    return f":{number}"


@memo
def _runs() -> dict[str, Any]:
    problem = _install_xvfb()
    if problem:
        return {"skip": problem}
    display = _start_xvfb()
    home = work_dir("ui-home")
    shutil.rmtree(home, ignore_errors=True)
    env = python_env(
        DISPLAY=display,
        ROLEPLAY_HOME=str(home),
        SDL_VIDEODRIVER="x11",
        SDL_AUDIODRIVER="dummy",
        PYGAME_HIDE_SUPPORT_PROMPT="1",
    )
    command = [sys.executable, str(PROBE), "play", SCENARIO]
    spawn(command, env, timeout=120)  # warm-up: the user cache as on a second start
    samples = []
    for _ in range(runs()):
        child = spawn(command, env, timeout=120)
        data = dict(child.data)
        data["first_frame_s"] = child.since_start("first_frame")
        samples.append(data)
    return {"samples": samples, "display": display}


def _metric(key: str, unit: str, pick: Callable[[dict[str, Any]], float]) -> Callable[[], Result]:
    def metric() -> Result:
        found = _runs()
        if "skip" in found:
            return Result(float("nan"), unit, found["skip"])
        values = [pick(sample) for sample in found["samples"]]
        return Result(median(values), unit, spread(values))

    metric.__name__ = key
    return metric


def _percentile(share: float) -> Callable[[dict[str, Any]], float]:
    def pick(sample: dict[str, Any]) -> float:
        frames = sorted(sample["frames_ms"])
        return float(frames[min(len(frames) - 1, int(len(frames) * share))]) if frames else 0.0

    return pick


METRICS: dict[str, Callable[[], Result]] = {
    "first_frame_x11_s": _metric("first_frame_x11_s", "s", lambda s: float(s["first_frame_s"])),
    "play_rss_x11_mb": _metric("play_rss_x11_mb", "MB", lambda s: float(s["rss_mb"])),
    "play_peak_x11_mb": _metric("play_peak_x11_mb", "MB", lambda s: float(s["peak_mb"])),
    "idle_cpu_x11_pct": _metric("idle_cpu_x11_pct", "%", lambda s: float(s["idle_cpu_pct"])),
    "frame_p50_x11_ms": _metric("frame_p50_x11_ms", "ms", _percentile(0.5)),
    "frame_p99_x11_ms": _metric("frame_p99_x11_ms", "ms", _percentile(0.99)),
}
