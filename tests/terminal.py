"""A real pseudo-terminal for command-line tests: ``roleplay`` runs with it as its controlling
terminal (80 columns), so its standard input is a TTY and typing Ctrl-C (``\\x03``) makes the
terminal send it a real SIGINT, Ctrl-D (``\\x04``) end its input."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path
from types import TracebackType

#: How long to wait for the program to show something (a loaded machine is slow to start it).
WAIT_S = 120.0


def _own_the_terminal() -> None:
    """In the child, before it runs: a session of its own with the pty as its controlling
    terminal, and SIGINT at its default (a test run in the background may ignore it)."""
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)
    signal.signal(signal.SIGINT, signal.SIG_DFL)


class Terminal:
    """``python -m roleplay ARGS`` in a pseudo-terminal; what it showed is in :attr:`seen`."""

    def __init__(self, args: list[str], cwd: Path, columns: int = 80) -> None:
        """Start the program; ROLEPLAY_HOME and the rest of the environment are inherited."""
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
        env = {**os.environ, "COLUMNS": str(columns)}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "roleplay", *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            cwd=cwd,
            env=env,
            preexec_fn=_own_the_terminal,  # the child runs nothing else before exec
        )
        os.close(slave)
        self.seen = ""

    def __enter__(self) -> Terminal:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        os.close(self.master)

    def _read(self, timeout: float) -> bool:
        """Read what is there within ``timeout``; False once the program has closed it."""
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return True
        try:
            data = os.read(self.master, 65536)
        except OSError:  # EIO: every copy of the terminal's other end is closed
            return False
        self.seen += data.decode("utf-8", "replace").replace("\r\n", "\n")
        return bool(data)

    def read_until(self, text: str, after: str = "") -> None:
        """Read until ``text`` is shown (after the last ``after`` when given); fail at WAIT_S."""
        deadline = time.monotonic() + WAIT_S
        while True:
            start = self.seen.rfind(after) if after else 0
            if start >= 0 and text in self.seen[start:]:
                return
            left = deadline - time.monotonic()
            if left <= 0 or not self._read(min(left, 1.0)):
                raise AssertionError(f"never showed {text!r}; it showed:\n{self.seen[-2000:]}")

    def type(self, keys: str) -> None:
        """Type ``keys`` as a user would."""
        os.write(self.master, keys.encode())

    def interrupt(self) -> None:
        """Press Ctrl-C: the terminal sends SIGINT to the program."""
        self.type("\x03")

    def end_input(self) -> None:
        """Press Ctrl-D at the start of a line: the program's input ends."""
        self.type("\x04")

    def wait(self) -> int:
        """Read everything until the program exits; its exit code."""
        deadline = time.monotonic() + WAIT_S
        while time.monotonic() < deadline and self._read(0.5):
            if self.process.poll() is not None and not select.select([self.master], [], [], 0)[0]:
                break
        return self.process.wait(timeout=max(1.0, deadline - time.monotonic()))
