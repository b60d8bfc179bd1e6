"""The terminal player's input and output: answers read a bounded line at a time, and text
wrapped at word boundaries to the terminal's width."""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Iterator
from typing import TextIO

#: Longest input line read as an answer; a longer one is refused (and never held whole).
MAX_ANSWER_CHARS = 100
#: Stands for a line that was too long to be an answer.
TOO_LONG = "\x00too long"
_SKIP_CHARS = 1 << 16
#: The narrowest width text is wrapped to, however narrow the terminal.
MIN_WIDTH = 30


class InputEnded(Exception):
    """Standard input closed before the scenario reached an ending."""


class Quit(Exception):
    """The player typed q: the game is saved for later."""


def read_answers(source: TextIO) -> Iterator[str]:
    """Each input line, or :data:`TOO_LONG` for a line over :data:`MAX_ANSWER_CHARS`.

    Lines are read with a size limit and the rest of a long line is skipped in pieces, so a
    200 MB line costs no more memory than a short one. Bytes that are not UTF-8 become U+FFFD.
    """
    reconfigure = getattr(source, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(errors="replace")
    while True:
        line = source.readline(MAX_ANSWER_CHARS + 1)
        if not line:
            return
        if len(line) <= MAX_ANSWER_CHARS or line.endswith("\n"):
            yield line
            continue
        while line and not line.endswith("\n"):
            line = source.readline(_SKIP_CHARS)
        yield TOO_LONG


def terminal_width() -> int:
    """The terminal's width in columns (``COLUMNS``, else 80 when output is not a terminal)."""
    return max(MIN_WIDTH, shutil.get_terminal_size((80, 24)).columns)


def say(text: str, out: TextIO, indent: str = "", hang: str = "  ") -> None:
    """Print text wrapped at word boundaries to the terminal width; its lines after the first
    are indented by ``indent`` and ``hang``."""
    wrapped = textwrap.fill(
        text,
        terminal_width(),
        initial_indent=indent,
        subsequent_indent=indent + hang,
        break_long_words=False,
        break_on_hyphens=False,
    )
    print(wrapped, file=out)
