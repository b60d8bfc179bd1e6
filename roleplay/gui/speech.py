"""Self-voicing: read lines and choices aloud through espeak-ng when it is installed."""

from __future__ import annotations

import contextlib
import shutil
import subprocess


class Voice:
    """Speaks one utterance at a time; a new one interrupts the previous."""

    def __init__(self, enabled: bool = False) -> None:
        """Create a voice; it only speaks when enabled and espeak-ng is on PATH."""
        self.enabled = enabled
        self._process: subprocess.Popen[bytes] | None = None
        self.spoken: list[str] = []  # what was said, for tests and debugging

    @property
    def available(self) -> bool:
        """True when espeak-ng can be run."""
        return shutil.which("espeak-ng") is not None

    def say(self, text: str) -> None:
        """Speak text (interrupting anything still being spoken)."""
        if not self.enabled or not text.strip():
            return
        self.spoken.append(text)
        del self.spoken[:-50]
        program = shutil.which("espeak-ng")
        if program is None:
            return
        self.stop()
        with contextlib.suppress(OSError):
            self._process = subprocess.Popen(
                [program, "-s", "165", "--", text],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )

    def stop(self) -> None:
        """Stop the current utterance, if any."""
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=0.5)
