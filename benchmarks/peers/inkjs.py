"""inkjs for the peer benchmark: installed from npm into a folder this benchmark owns.

inkjs is not a dependency of roleplay. ``ensure()`` installs the pinned version with npm into
``benchmarks/peers/.inkjs`` (gitignored) the first time, and says why not when node or npm
is missing or the install fails.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

HERE = Path(__file__).resolve().parent
PREFIX = HERE / ".inkjs"
VERSION = "2.4.0"
COMPILE_JS = HERE / "ink_compile.js"
PLAY_JS = HERE / "ink_play.js"


class Unavailable(Exception):
    """inkjs cannot run here; the message says why and how to fix it."""


def installed_version() -> str | None:
    """The inkjs version in the benchmark's folder, or None when it is not installed."""
    manifest = PREFIX / "node_modules" / "inkjs" / "package.json"
    try:
        return str(json.loads(manifest.read_text(encoding="utf-8"))["version"])
    except (OSError, ValueError, KeyError):
        return None


def ensure() -> str:
    """Install inkjs if needed and return the node executable; raise Unavailable otherwise."""
    node = shutil.which("node")
    npm = shutil.which("npm")
    if node is None or npm is None:
        raise Unavailable(
            "skipped: node and npm are needed for the inkjs comparison "
            "(Debian: apt-get install nodejs npm)"
        )
    if installed_version() != VERSION:
        PREFIX.mkdir(exist_ok=True)
        (PREFIX / "package.json").write_text('{"private": true}\n', encoding="utf-8")
        done = subprocess.run(
            [
                npm,
                "install",
                "--prefix",
                str(PREFIX),
                "--no-audit",
                "--no-fund",
                "--loglevel=error",
                f"inkjs@{VERSION}",
            ],
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        if done.returncode != 0 or installed_version() != VERSION:
            raise Unavailable(
                f"skipped: npm could not install inkjs@{VERSION}: {done.stderr.strip()[-500:]}"
            )
    return node


def node_env() -> dict[str, str]:
    """The environment for the node scripts: inkjs resolvable from the benchmark's folder."""
    env = dict(os.environ)
    env["NODE_PATH"] = str(PREFIX / "node_modules")
    return env
