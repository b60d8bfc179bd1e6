"""Broken and hostile input gives located diagnostics, never a traceback, crash or hang."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roleplay import check_scenario_file
from tests.conftest import TINY


def _codes(path: Path) -> list[str]:
    return [d.code for d in check_scenario_file(path)[1]]


def test_fifty_megabyte_file_is_refused_without_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    assert _codes(path) == ["RP002"]


def test_deep_nesting_does_not_crash_the_process(tmp_path: Path) -> None:
    """PyYAML's C composer segfaults near 25,000 levels; the guard stops far earlier."""
    path = tmp_path / "deep.yaml"
    path.write_text("x: " + "[" * 50_000 + "]" * 50_000 + "\n")
    code = (
        "import sys; from roleplay import check_scenario_file as c; "
        "print(c(sys.argv[1])[1][0].code)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "RP003"


def test_deep_block_nesting(tmp_path: Path) -> None:
    path = tmp_path / "deep_block.yaml"
    path.write_text("".join(" " * i + f"k{i}:\n" for i in range(300)))
    assert _codes(path) == ["RP003"]


def test_alias_bomb_is_stopped(tmp_path: Path) -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 12):
        prev, cur = f"l{i - 1}" if i > 1 else "a", f"l{i}"
        lines.append(f"{cur}: &{cur} [" + ", ".join([f"*{prev}"] * 10) + "]")
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n")
    assert _codes(path) == ["RP004"]


def test_small_aliases_are_fine(tmp_path: Path) -> None:
    text = TINY.replace("  trust: {label: Trust, start: 5}", "  trust: &m {label: Trust, start: 5}")
    text = text.replace("  compliance: {label: Compliance, start: 2}", "  compliance: *m")
    path = tmp_path / "alias.yaml"
    path.write_text(text)
    assert _codes(path) == []


def test_binary_junk(tmp_path: Path) -> None:
    path = tmp_path / "junk.yaml"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    diagnostics = check_scenario_file(path)[1]
    assert [d.code for d in diagnostics] == ["RP005"]
    assert diagnostics[0].line == 1


def test_asset_path_escaping_the_folder(tmp_path: Path) -> None:
    text = TINY.replace("characters:", "backgrounds:\n  x: ../../etc/passwd\ncharacters:")
    path = tmp_path / "escape.yaml"
    path.write_text(text)
    diagnostics = check_scenario_file(path)[1]
    assert [d.code for d in diagnostics] == ["RP041"]
    assert diagnostics[0].line == text.splitlines().index("  x: ../../etc/passwd") + 1


def test_absolute_portrait_path(tmp_path: Path) -> None:
    text = TINY.replace("jo: {name: Jo,", "jo: {name: Jo, portrait: /etc,")
    path = tmp_path / "abs.yaml"
    path.write_text(text)
    assert _codes(path) == ["RP041"]


def test_missing_file_and_folder_names(tmp_path: Path) -> None:
    assert _codes(tmp_path / "nope.yaml") == ["RP005"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_random_bytes_never_raise(data: bytes) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.yaml"
        path.write_bytes(data)
        check_scenario_file(path)


@settings(max_examples=150, deadline=None)
@given(st.integers(0, len(TINY) - 1), st.text(max_size=12))
def test_mutated_scenarios_never_raise(position: int, insert: str) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "mutant.yaml"
        path.write_text(TINY[:position] + insert + TINY[position + 1 :], encoding="utf-8")
        _, diagnostics = check_scenario_file(path)
        for diagnostic in diagnostics:
            assert diagnostic.line >= 1 and diagnostic.col >= 1
