"""The language server underlines a missing required key (RP011) where validate's caret is."""

from __future__ import annotations

from pathlib import Path

import pytest
from lsprotocol import types as lsp

from roleplay.authoring.lsp._analysis import analyse, lsp_diagnostics
from tests.test_missing_keys import SHAPES, Shape


@pytest.mark.parametrize("shape", SHAPES, ids=lambda shape: shape.name)
def test_missing_key_range_starts_at_the_caret(shape: Shape, tmp_path: Path) -> None:
    path = tmp_path / "mistake.yaml"
    text = shape.text()
    analysis = analyse(text, path)
    published = lsp_diagnostics(analysis.diagnostics, text, str(path))
    [found] = [d for d in published if d.code == "RP011" and f"key '{shape.key}'" in d.message]
    line, col = shape.position()
    assert found.range.start == lsp.Position(line - 1, col - 1)
    assert found.range.end.line == line - 1 and found.range.end.character > col - 1
    assert found.message.endswith(f"\nhint: {shape.hint}")
