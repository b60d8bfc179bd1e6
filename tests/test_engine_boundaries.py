"""Architecture rules a user relies on: no pygame in the engine, atomic writes, small API."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import roleplay
from roleplay.engine._atomic import write_text_atomic
from tests.conftest import ROOT, SAMPLE


def test_engine_never_imports_pygame() -> None:
    code = (
        "import sys, roleplay, roleplay.cli, roleplay.engine._playthrough, roleplay.learner.text\n"
        f"s = roleplay.load_scenario({str(SAMPLE)!r})\n"
        "r = roleplay.Runner(s); r.choose(0); roleplay.build_debrief(s, r.state)\n"
        "print('pygame' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert result.stdout.strip() == "False"


def test_public_surface_is_declared() -> None:
    for name in roleplay.__all__:
        assert hasattr(roleplay, name), name
        if name[0].isupper() or callable(getattr(roleplay, name)):
            assert getattr(roleplay, name).__doc__, f"{name} has no docstring"


def test_atomic_write_keeps_the_old_file_when_interrupted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "save.json"
    write_text_atomic(target, "old")

    def fail(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError):
        write_text_atomic(target, "new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["save.json"]


def test_scenario_data_is_immutable() -> None:
    from pydantic import ValidationError

    scenario = roleplay.load_scenario(SAMPLE)
    with pytest.raises(ValidationError):
        scenario.spec.nodes["kitchen"].lines[0].text = "changed"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        scenario.content_hash = "x"  # type: ignore[misc]
