"""The terminal player's input: long lines, huge numbers and bad bytes get a clear refusal.

A 200 MB line is read in bounded pieces and never echoed; a 5000-digit number is not a choice
(Python refuses to convert it); bytes that are not UTF-8 are not a crash.
"""

from __future__ import annotations

import io
import subprocess
import sys

from roleplay import load_scenario
from roleplay.learner.text import MAX_ANSWER_CHARS, play_text, read_answers
from tests.conftest import ROOT, SAMPLE


class HugeLine(io.TextIOBase):
    """A stream holding one line of ``size`` digits, then ``rest``; records each read size."""

    def __init__(self, size: int, rest: str) -> None:
        self.left = size
        self.rest = io.StringIO(rest)
        self.asked: list[int] = []

    def readline(self, size: int | None = -1) -> str:  # type: ignore[override]
        limit = -1 if size is None else size
        self.asked.append(limit)
        if self.left > 0:
            piece = self.left if limit < 0 else min(limit, self.left)
            self.left -= piece
            return "1" * piece + ("\n" if self.left == 0 and piece < limit else "")
        return self.rest.readline(limit)


def test_a_200_megabyte_line_is_read_in_bounded_pieces_and_not_echoed() -> None:
    source = HugeLine(200 * 1024 * 1024, "1\n1\n1\n")
    out = io.StringIO()
    code, taken = play_text(load_scenario(SAMPLE), source, out, shuffle=False, check=False)
    assert code == 0 and taken == ["ask_jo", "idea.1", "show_numbers"]  # 1, 1, 1 as written
    assert f"That line is over {MAX_ANSWER_CHARS} characters." in out.getvalue()
    assert "1" * 200 not in out.getvalue()
    assert -1 not in source.asked and max(source.asked) <= 1 << 16


def test_answers_are_lines_or_too_long() -> None:
    text = "2\n" + "x" * (MAX_ANSWER_CHARS + 5) + "\n" + "y" * MAX_ANSWER_CHARS + "\nlast"
    answers = list(read_answers(io.StringIO(text)))
    assert answers[0] == "2\n" and answers[2] == "y" * MAX_ANSWER_CHARS + "\n"
    assert answers[1] != "x" * (MAX_ANSWER_CHARS + 5) + "\n" and len(answers[1]) < 20
    assert answers[3] == "last"


AS_WRITTEN = ("--no-shuffle", "--no-check")


def _play(stdin: bytes) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "roleplay", "play", "--text", *AS_WRITTEN, str(SAMPLE)],
        input=stdin,
        capture_output=True,
        cwd=ROOT,
        timeout=120,
    )


def test_a_5000_digit_answer_is_not_a_choice() -> None:
    result = _play(b"9" * 5000 + b"\n1\n1\n1\n")
    assert result.returncode == 0 and b"Traceback" not in result.stderr
    assert b"That line is over" in result.stdout and b"THE ENDING YOU REACHED:" in result.stdout


def test_a_long_number_that_fits_the_line_is_refused() -> None:
    result = _play(b"0" * 60 + b"1\n" + b"9" * 90 + b"\n1\n1\n1\n")
    assert result.returncode == 0 and b"Traceback" not in result.stderr
    assert result.stdout.count(b"is not a choice") == 2


def test_a_two_megabyte_line_through_the_real_stdin() -> None:
    result = _play(b"7" * 2_000_000 + b"\n1\n1\n1\n")
    assert result.returncode == 0 and b"THE ENDING YOU REACHED:" in result.stdout
    assert len(result.stdout) < 20_000  # the line is not echoed


def test_bytes_that_are_not_utf8_are_not_a_crash() -> None:
    result = _play(b"\xff\xfe\n1\n1\n1\n")
    assert result.returncode == 0 and b"Traceback" not in result.stderr
    assert b"is not a choice" in result.stdout
