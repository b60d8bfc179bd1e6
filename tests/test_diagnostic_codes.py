"""Every diagnostic code the package can report is declared once, in the registry."""

from __future__ import annotations

import re

import pytest

from roleplay.engine._diagnostics import DESCRIPTORS, DiagnosticSink
from tests.conftest import ROOT

CODE = re.compile(r"\bRP\d{3}\b")


def _codes_in_the_package() -> dict[str, list[str]]:
    """Every ``RPnnn`` written anywhere in roleplay/ (code, messages, docstrings), with where."""
    found: dict[str, list[str]] = {}
    for path in sorted((ROOT / "roleplay").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for number, line in enumerate(text.splitlines(), start=1):
            for code in CODE.findall(line):
                found.setdefault(code, []).append(f"{path.relative_to(ROOT)}:{number}")
    return found


def test_every_code_written_in_the_package_is_registered() -> None:
    found = _codes_in_the_package()
    unknown = {code: where for code, where in found.items() if code not in DESCRIPTORS}
    assert not unknown, f"codes used but not declared in DESCRIPTORS: {unknown}"


def test_every_registered_code_is_reported_somewhere() -> None:
    """A declared code that nothing reports would be documented for nothing."""
    found = _codes_in_the_package()
    used_outside_the_registry = {
        code
        for code, where in found.items()
        if any(not w.startswith("roleplay/engine/_diagnostics.py") for w in where)
    }
    assert set(DESCRIPTORS) <= used_outside_the_registry


def test_an_undeclared_code_is_refused() -> None:
    sink = DiagnosticSink("example.yaml")
    with pytest.raises(ValueError, match="RP999 is not declared"):
        sink.add("RP999", "made up", 1, 1, severity="error")
    assert sink.items == []
