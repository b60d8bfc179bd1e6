"""Fixtures for the designer toolkit tests: scenarios in temporary folders and a CLI runner."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from roleplay import assets_dir
from roleplay.cli import main
from tests.conftest import SAMPLE

STUB_SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="160" height="90"/>\n'


@dataclass
class CliResult:
    """Exit code and captured output of one in-process ``roleplay`` run."""

    code: int
    out: str
    err: str


Cli = Callable[..., CliResult]
Writer = Callable[..., Path]


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Cli:
    """Run ``roleplay ARGS...`` in-process; usage errors (SystemExit) become exit codes."""

    def run(*args: str) -> CliResult:
        capsys.readouterr()
        try:
            code = main(list(args))
        except SystemExit as stop:
            code = int(stop.code or 0)
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


def add_missing_backgrounds(folder: Path, text: str) -> None:
    """Write stub SVGs for backgrounds the shared assets folder does not have (yet)."""
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.endswith(".svg") and "backgrounds/" in stripped:
            relative = stripped.split(":", 1)[1].strip()
            if not (assets_dir() / relative).is_file():
                target = folder / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(STUB_SVG, encoding="utf-8")


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """sample_rota.yaml copied to a temporary folder (with stub backgrounds when missing)."""
    target = tmp_path / "sample_rota.yaml"
    shutil.copyfile(SAMPLE, target)
    add_missing_backgrounds(tmp_path, target.read_text(encoding="utf-8"))
    return target


@pytest.fixture
def write(tmp_path: Path) -> Writer:
    """Write YAML text to ``tmp_path/NAME`` and return the path."""

    def writer(text: str, name: str = "scenario.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return writer
