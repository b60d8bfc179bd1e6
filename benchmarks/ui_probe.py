"""Run the real ``roleplay`` command with a probe on the desktop app; print one JSON line.

``python ui_probe.py play sample_rota`` starts the game exactly as a learner does (the same
command line, the same window, whatever display $DISPLAY names) and records, without changing
what the game does:

- ``first_frame``: epoch time when the first frame of the play screen was flipped (the knowledge
  check a new game opens with is skipped at its first frame, as a learner may);
- ``frames_ms``: how long each ``App.step`` took while the typewriter reveals lines (2 s);
- then it jumps to the choices (as a reader who pressed a key would), lets fades settle for 1 s
  and measures ``idle_cpu_pct`` over ``ROLEPLAY_PROBE_IDLE_S`` seconds of the real main loop,
  with the resident memory at that moment (``rss_mb``) and the peak (``peak_mb``); then quits.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from typing import Any

from roleplay.cli import main
from roleplay.gui.app import App

TYPEWRITER_S = 2.0
SETTLE_S = 1.0
IDLE_S = float(os.environ.get("ROLEPLAY_PROBE_IDLE_S", "3"))

_step, _draw, _frame = App.step, App.draw, App.frame
probe: dict[str, Any] = {"frames_ms": []}


def _rss_mb() -> float:
    with open("/proc/self/statm", encoding="ascii") as handle:
        return int(handle.read().split()[1]) * resource.getpagesize() / 1048576


def _peak_mb() -> float:
    """This process's own peak resident memory (VmHWM; ``ru_maxrss`` would include the
    parent's size at the fork, which Linux carries over ``exec``)."""
    with open("/proc/self/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _on_play(app: App) -> bool:
    return type(app.stack.top).__name__ == "PlayScene"


def draw(app: App) -> None:
    """The real draw; stamps the first frame of the play screen."""
    _draw(app)
    if "first_frame" not in probe and _on_play(app):
        probe["first_frame"] = time.time()
        probe["phase_at"] = time.perf_counter()


def step(app: App, dt: float) -> None:
    """The real step, timed while the typewriter runs."""
    begin = time.perf_counter()
    _step(app, dt)
    if probe.get("phase") is None and "first_frame" in probe:
        probe["frames_ms"].append((time.perf_counter() - begin) * 1000)


def frame(app: App) -> None:
    """The real frame, then the probe's schedule: typewriter, jump to choices, settle, idle."""
    _frame(app)
    top = app.stack.top
    if type(top).__name__ == "CheckScene":
        top.skip()  # type: ignore[union-attr]
        probe.setdefault("check_frame", time.time())
    if "first_frame" not in probe:
        return
    now = time.perf_counter()
    elapsed = now - probe["phase_at"]
    phase = probe.get("phase")
    if phase is None and elapsed >= TYPEWRITER_S:
        app.stack.top.show_choosing()  # type: ignore[union-attr]
        app.dirty = True
        probe.update(phase="settle", phase_at=now)
    elif phase == "settle" and elapsed >= SETTLE_S:
        probe.update(phase="idle", phase_at=now, cpu0=time.process_time())
    elif phase == "idle" and elapsed >= IDLE_S:
        probe["idle_cpu_pct"] = 100 * (time.process_time() - probe.pop("cpu0")) / elapsed
        probe["rss_mb"] = _rss_mb()
        app.quit()


App.step, App.draw, App.frame = step, draw, frame  # type: ignore[method-assign]

if __name__ == "__main__":
    code = main(sys.argv[1:])
    probe["peak_mb"] = _peak_mb()
    probe["exit"] = code
    probe.pop("phase_at", None)
    print(json.dumps(probe))
