"""Hostile-input metrics: issue 13's reproducers, each checked in a fresh process.

Every file under the 16 MB size limit must be refused or loaded within 5 s and 500 MB
(docs/reliability.md). ``python benchmarks/bench_hostile.py`` prints every reproducer's
outcome, time and peak memory; ``run.py`` reports the worst of each.
"""

from __future__ import annotations

import json
import struct
import subprocess
import sys
import tempfile
import zlib
from collections.abc import Callable
from functools import cache
from pathlib import Path

from peers import story

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
_MB = 1024 * 1024

# Peak memory from VmHWM: ru_maxrss would include the benchmark process it was forked from.
_CHECK = """
import sys, time
from roleplay import check_scenario_file
t, cpu = time.perf_counter(), time.process_time()
scenario, diagnostics = check_scenario_file(sys.argv[1], use_cache=False)
elapsed, cpu = time.perf_counter() - t, time.process_time() - cpu
codes = sorted({d.code for d in diagnostics}) or ["loaded"]
status = open("/proc/self/status").read().split("VmHWM:")[1].split()[0]
print(elapsed, cpu, int(status) / 1024, ",".join(codes))
"""


def _tiny() -> str:
    from tests.conftest import TINY

    return TINY


def _png(width: int, height: int, padding: int) -> bytes:
    ihdr = b"IHDR" + struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    crc = struct.pack(">I", zlib.crc32(ihdr) & 0xFFFFFFFF)
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + ihdr + crc + b"\0" * padding


def _reproducers(folder: Path) -> dict[str, Path]:
    """Write the issue's hostile scenarios into ``folder``; name -> path."""
    tiny = _tiny()
    choice = "      - {text: a, technique: active_listening, next: done}\n"
    texts = {
        "alias_8mb_text": tiny.replace(
            "summary: A tiny scenario.", 'summary: &s "' + "x" * (8 * _MB) + '"'
        ).replace("learning_goals: [Example]", "learning_goals: [" + "*s," * 1_000_000 + "*s]"),
        "tiny_scalars_7m": tiny.replace(
            "learning_goals: [Example]", "learning_goals: [" + "a," * 7_000_000 + "a]"
        ),
        "flags_1m": tiny.replace(
            "flags:\n", "flags:\n" + "".join(f"  f{i}: {{}}\n" for i in range(1_000_000))
        ),
        "flow_flags_400k": tiny.replace(
            "flags:\n", "flags: {" + ", ".join(f"f{i}: {{}}" for i in range(400_000)) + "}\nx:\n"
        ),
        "choices_100k": tiny.replace("    choices:\n", "    choices:\n" + choice * 100_000, 1),
        "hex_5000_digits": tiny.replace(
            "effects: {trust: 2}", "effects: {trust: 0x" + "F" * 5000 + "}"
        ),
        "condition_500_deep": tiny.replace("when: trust >= 7", "when: " + "-" * 500 + "trust >= 7"),
        "newlines_16mb": tiny + "\n" * (16 * _MB - len(tiny) - 1),
        "png_30000px": tiny.replace("characters:", "backgrounds:\n  big: huge.png\ncharacters:"),
    }
    (folder / "huge.png").write_bytes(_png(30_000, 30_000, 2_600_000))
    paths = {"valid_story_10k": story.write(folder, 10_000)[0]}  # docs/performance.md's story
    for name, text in texts.items():
        paths[name] = folder / f"{name}.yaml"
        paths[name].write_text(text, encoding="utf-8")
    return paths


@cache
def measure_all() -> dict[str, tuple[float, float, float, str]]:
    """name -> (wall s, CPU s, peak MB, codes) for every reproducer, each in a fresh process."""
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        for name, path in _reproducers(Path(folder)).items():
            out = subprocess.run(
                [sys.executable, "-c", _CHECK, str(path)],
                capture_output=True,
                text=True,
                check=True,
                cwd=ROOT,
            ).stdout.split()
            results[name] = (float(out[0]), float(out[1]), float(out[2]), out[3])
    return results


METRICS: dict[str, Callable[[], tuple[float, str]]] = {
    "hostile_worst_s": lambda: (max(r[0] for r in measure_all().values()), "s"),
    "hostile_worst_cpu": lambda: (max(r[1] for r in measure_all().values()), "s"),
    "hostile_worst_peak_mb": lambda: (max(r[2] for r in measure_all().values()), "MB"),
}

if __name__ == "__main__":
    for name, (seconds, cpu, peak, codes) in measure_all().items():
        print(f"{name:<20} {seconds:6.2f} s wall {cpu:6.2f} s CPU {peak:7.1f} MB  {codes}")
    print(json.dumps({name: metric() for name, metric in METRICS.items()}))
