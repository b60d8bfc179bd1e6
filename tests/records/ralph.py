"""A real Ralph LRS (ralph-malph 5.1.0) for the tests: its own virtual environment, users, server.

Ralph pins old FastAPI and Starlette, so it never becomes a project dependency: it lives in a
virtual environment cached under ``~/.cache/roleplay-tests/ralph-venv`` (``$XDG_CACHE_HOME``
honoured), created and filled from the package registry the first time. When pip cannot install
it the tests fail loudly; they never skip.

Quirks of 5.1.0 this works around: the filesystem backend accepts one write per directory, so
each user gets its own target directory (one batch each); ``verb=``/``activity=`` queries return
nothing, so tests read statements back by ``registration``.

A hosted session sends statements as they happen: many writes into one user's directory. For
those tests ``Ralph(..., append=True)`` starts the same Ralph app (``ralph.api:app`` under
uvicorn, as ``ralph runserver`` does) with the filesystem backend's write mode set to append,
which is what its production backends (ClickHouse, Elasticsearch, MongoDB) do anyway. Everything
an LRS decides (authentication, validation, ids already stored answering 204/409, queries) is
Ralph's own code, unchanged.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

RALPH_REQUIREMENT = "ralph-malph[cli,lrs]==5.1.0"
READY_SECONDS = 90.0
# The development filesystem backend opens its file in create mode; make it append (see above).
APPEND_SERVER = """
import sys
import uvicorn
from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend
FSLRSBackend.default_operation_type = BaseOperationType.APPEND
uvicorn.run("ralph.api:app", host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
"""


def cache_root() -> Path:
    """The folder for cached test components."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "roleplay-tests"


def ralph_venv() -> Path:
    """The virtual environment holding Ralph, created and filled when missing."""
    venv = cache_root() / "ralph-venv"
    ready = venv / ".roleplay-installed"
    if ready.exists() and ready.read_text() == RALPH_REQUIREMENT and (venv / "bin/ralph").exists():
        return venv
    venv.parent.mkdir(parents=True, exist_ok=True)
    _run([sys.executable, "-m", "venv", "--clear", str(venv)], "create Ralph's virtualenv")
    pip = [
        str(venv / "bin" / "python"),
        "-m",
        "pip",
        "install",
        "-q",
        "--disable-pip-version-check",
    ]
    _run([*pip, RALPH_REQUIREMENT, "requests"], f"pip install {RALPH_REQUIREMENT} requests")
    ready.write_text(RALPH_REQUIREMENT)
    return venv


def _run(command: list[str], what: str, env: dict[str, str] | None = None) -> None:
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=900)
    if done.returncode != 0:
        pytest.fail(
            f"could not {what} (exit {done.returncode}); the LRS tests need it:\n"
            f"{done.stdout[-2000:]}\n{done.stderr[-4000:]}",
            pytrace=False,
        )


def free_port() -> int:
    """A TCP port on 127.0.0.1 nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Ralph:
    """One Ralph server on 127.0.0.1 with the filesystem backend and basic-auth users."""

    def __init__(self, venv: Path, folder: Path, *, append: bool = False) -> None:
        self.venv = venv
        self.append = append
        self.folder = folder
        self.data = folder / "data"
        self.data.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}/xAPI"
        self.users: dict[str, str] = {}
        self.process: subprocess.Popen[bytes] | None = None
        self.env = dict(
            os.environ,
            RALPH_APP_DIR=str(folder),
            RALPH_AUTH_FILE=str(folder / "auth.json"),
            RALPH_RUNSERVER_BACKEND="fs",
            RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH=str(self.data),
        )

    def add_user(self, name: str, password: str) -> None:
        """A user whose statements go to their own fresh directory (before ``start``)."""
        (self.data / name).mkdir(exist_ok=True)
        command = [str(self.venv / "bin" / "ralph"), "auth", "-u", name, "-p", password,
                   "-s", "all", "-M", "mailto:test@example.org", "-t", name, "-w"]  # fmt: skip
        _run(command, f"create the Ralph user {name}", env=self.env)
        self.users[name] = password

    def start(self) -> None:
        """Start the server and wait for its heartbeat."""
        command = [str(self.venv / "bin" / "ralph"), "runserver", "-b", "fs",
                   "--fs-default-directory-path", str(self.data),
                   "-h", "127.0.0.1", "-p", str(self.port)]  # fmt: skip
        if self.append:
            command = [str(self.venv / "bin" / "python"), "-c", APPEND_SERVER, str(self.port)]
        log = (self.folder / "server.log").open("ab")
        self.process = subprocess.Popen(command, env=self.env, stdout=log, stderr=log)
        deadline = time.monotonic() + READY_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            if self.alive():
                return
            time.sleep(0.25)
        self.stop()
        tail = (self.folder / "server.log").read_text(errors="replace")[-3000:]
        pytest.fail(f"Ralph did not start on port {self.port}:\n{tail}", pytrace=False)

    def alive(self) -> bool:
        """True when the heartbeat answers."""
        try:
            with urllib.request.urlopen(
                f"http://127.0.0.1:{self.port}/__heartbeat__", timeout=1
            ) as reply:
                return bool(reply.status == 200)
        except (urllib.error.URLError, OSError):
            return False

    def stop(self) -> None:
        """Stop the server (and wait until the port is free)."""
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=15)
        self.process = None
