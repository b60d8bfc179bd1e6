"""What every benchmark module shares: fresh processes, wall-clock stamps, medians, results.

A figure is always the median over ``runs()`` fresh processes. Times are wall clock unless a
metric's name ends in ``_cpu``. "Process start" is stamped by the parent just before it starts
the child (``time.time()``); the child prints its own ``time.time()`` when the measured point is
reached, so interpreter start, imports and file reads are all inside the figure.
"""

from __future__ import annotations

import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
WORK = Path(tempfile.gettempdir()) / "roleplay-bench"
RUNS_ENV = "ROLEPLAY_BENCH_RUNS"


@dataclass(frozen=True)
class Result:
    """One metric's figure: value and unit, plus a note when the figure needs explaining."""

    value: float
    unit: str
    note: str = ""

    def to_json(self) -> dict[str, Any]:
        """The JSON object printed by ``run.py --json``."""
        value = None if math.isnan(self.value) else round(self.value, 4)
        data: dict[str, Any] = {"value": value, "unit": self.unit}
        if self.note:
            data["note"] = self.note
        return data


Metric = Callable[[], Result]


def runs(default: int = 3) -> int:
    """How many fresh processes a median is taken over (``--runs`` / ROLEPLAY_BENCH_RUNS)."""
    value = os.environ.get(RUNS_ENV, "")
    return max(1, int(value)) if value.isdigit() else default


def work_dir(*parts: str) -> Path:
    """A folder under the benchmark's temporary work area (generated files, caches)."""
    path = WORK.joinpath(*parts)
    path.mkdir(parents=True, exist_ok=True)
    return path


def python_env(**extra: str) -> dict[str, str]:
    """The environment of a child Python: the worktree on the path, a private ROLEPLAY_HOME.

    Children read compiled bytecode, as an installed package does (pip compiles it on install):
    ``PYTHONDONTWRITEBYTECODE`` is ignored and the package is compiled (into its gitignored
    ``__pycache__`` folders) before the first measured start, so no start is measured compiling
    every module from source.
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("PYTHONPYCACHEPREFIX", None)
    env["PYTHONPATH"] = str(ROOT)
    env.setdefault("ROLEPLAY_HOME", str(work_dir("home")))
    env.update(extra)
    _compile_bytecode(env)
    return env


_COMPILED: list[bool] = []


def _compile_bytecode(env: dict[str, str]) -> None:
    """Compile the roleplay package into the bytecode folder once per benchmark run."""
    if _COMPILED:
        return
    _COMPILED.append(True)
    command = [sys.executable, "-m", "compileall", "-q", str(ROOT / "roleplay")]
    subprocess.run(command, env=env, cwd=ROOT, check=False, capture_output=True)


@dataclass(frozen=True)
class Child:
    """What a measured child process reported: its last JSON line, wall span, rusage, code."""

    data: dict[str, Any]
    started: float  # parent's time.time() just before the child started
    wall_s: float  # whole life of the process
    peak_mb: float  # the child's own peak resident set (VmHWM, see _wait)
    cpu_s: float
    returncode: int
    stdout: str
    stderr: str

    def since_start(self, key: str) -> float:
        """Seconds from process start to the epoch timestamp the child printed under ``key``."""
        return float(self.data[key]) - self.started


def spawn(
    argv: Sequence[str],
    env: dict[str, str] | None = None,
    timeout: float = 600.0,
    check: bool = True,
) -> Child:
    """Run ``argv`` to completion and collect its last stdout JSON line and its rusage."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.time()
        begin = time.perf_counter()
        process = subprocess.Popen(argv, stdout=out, stderr=err, env=env, cwd=ROOT)
        status, usage, peak_mb = _wait(process, timeout)
        wall = time.perf_counter() - begin
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    code = os.waitstatus_to_exitcode(status)
    if check and code != 0:
        raise RuntimeError(f"{argv[0]} exited {code}: {stderr.strip()[-2000:]}")
    return Child(
        _last_json(stdout),
        started,
        wall,
        peak_mb,
        usage.ru_utime + usage.ru_stime,
        code,
        stdout,
        stderr,
    )


def _wait(process: subprocess.Popen[bytes], timeout: float) -> tuple[int, Any, float]:
    """Wait for the child; its status, rusage and peak resident memory in MB.

    The peak is the kernel's high-water mark of the child's own memory (``VmHWM``), read while
    it runs. ``ru_maxrss`` is not used when a reading exists: Linux carries it over from before
    ``exec``, so every child would report at least the benchmark's own size at the fork.
    """
    deadline = time.monotonic() + timeout
    status_file = Path(f"/proc/{process.pid}/status")
    high_water_kb = 0
    while True:
        high_water_kb = max(high_water_kb, _high_water_kb(status_file))
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            process.returncode = os.waitstatus_to_exitcode(status)
            peak_kb = high_water_kb or usage.ru_maxrss
            return status, usage, peak_kb / 1024
        if time.monotonic() > deadline:
            process.kill()
            pid, status, usage = os.wait4(process.pid, 0)
            process.returncode = -9
            return status, usage, (high_water_kb or usage.ru_maxrss) / 1024
        time.sleep(0.005)


def _high_water_kb(status_file: Path) -> int:
    """``VmHWM`` of a running process in kB (0 when it cannot be read)."""
    try:
        for line in status_file.read_text(encoding="ascii", errors="replace").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        return 0
    return 0


def _last_json(stdout: str) -> dict[str, Any]:
    """The whole output as one JSON object, else its last line that is one."""
    try:
        whole = json.loads(stdout)
    except ValueError:
        whole = None
    if isinstance(whole, dict):
        return whole
    for line in reversed(stdout.strip().splitlines()):
        if line.startswith("{"):
            parsed = json.loads(line)
            return parsed if isinstance(parsed, dict) else {}
    return {}


def python(code: str, *args: str, env: dict[str, str] | None = None, **kw: Any) -> Child:
    """Run Python ``code`` in a fresh interpreter (see :func:`spawn`)."""
    return spawn([sys.executable, "-c", code, *args], env or python_env(), **kw)


def median(values: Sequence[float]) -> float:
    """The median, or NaN for no values."""
    return statistics.median(values) if values else float("nan")


def spread(values: Sequence[float]) -> str:
    """``min..max over n`` for a note."""
    if not values:
        return "no runs"
    return f"{min(values):.4g}..{max(values):.4g} over {len(values)} runs"


def memo(function: Callable[[], dict[str, Any]]) -> Callable[[], dict[str, Any]]:
    """Run a shared measurement once per benchmark run; several metrics read its result."""
    cache: list[dict[str, Any]] = []

    def wrapper() -> dict[str, Any]:
        if not cache:
            cache.append(function())
        return cache[0]

    return wrapper
