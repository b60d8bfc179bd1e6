"""Architecture rules a user relies on: no pygame in the engine, atomic writes, small API."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import roleplay
from roleplay.engine._atomic import write_text_atomic
from tests.conftest import ROOT, SAMPLE, SCENARIOS

# The import-linter contracts (pyproject.toml) check the import graph: the engine and the reports
# never import pygame, and the layers. This checks what actually happens at run time: loading,
# playing in the terminal, validating, linting and testing playthroughs never load pygame.
NO_PYGAME = """
import io, pkgutil, sys, contextlib
import roleplay, roleplay.cli, roleplay.engine, roleplay.reports, roleplay.learner.text
from roleplay.cli import main
for info in pkgutil.walk_packages(roleplay.engine.__path__, "roleplay.engine."):
    __import__(info.name)
sample, scenarios = sys.argv[1], sys.argv[2]
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    assert main(["validate", sample]) == 0
    assert main(["lint", sample]) == 0
    assert main(["test", scenarios]) == 0
    sys.stdin = io.StringIO("1\\n" * 40)
    assert main(["play", "--text", "--no-shuffle", sample]) == 0  # "1" always picks the same
s = roleplay.load_scenario(sample)
r = roleplay.replay(s, [1, 2, 1]); roleplay.build_debrief(s, r.state)
from roleplay.reports._html import render_debrief_html
render_debrief_html(roleplay.build_debrief(s, r.state))
print(sorted(m for m in sys.modules if m.split(".")[0] == "pygame"))
"""


def test_engine_and_terminal_tools_never_import_pygame() -> None:
    result = subprocess.run(
        [sys.executable, "-c", NO_PYGAME, str(SAMPLE), str(SCENARIOS)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_engine_authoring_reports_and_cli_have_no_import_cycles() -> None:
    """Modules that import each other (even lazily, or only for type checking) are one module
    in disguise; the engine, authoring, reports and cli have none."""
    import grimp

    graph = grimp.build_graph("roleplay")
    ours = ("roleplay.engine", "roleplay.authoring", "roleplay.reports", "roleplay.cli")
    cycles = sorted(
        (module, imported)
        for module in graph.modules
        if module.startswith(ours)
        for imported in graph.find_modules_directly_imported_by(module)
        if imported.startswith("roleplay.")
        and graph.chain_exists(importer=imported, imported=module)
    )
    assert cycles == []


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
