"""Golden playthroughs: every *.playthrough.yaml replays to its ending, also via save/load."""

from __future__ import annotations

from pathlib import Path

import pytest

from roleplay.engine._playthrough import check_playthrough, find_playthroughs
from tests.conftest import SCENARIOS

FILES = find_playthroughs(SCENARIOS)


def test_sample_has_golden_playthroughs() -> None:
    assert any(f.name.startswith("sample_rota.") for f in FILES)


@pytest.mark.parametrize("roundtrip", [False, True], ids=["direct", "roundtrip"])
@pytest.mark.parametrize("path", FILES, ids=[f.name for f in FILES])
def test_playthrough_reaches_expected_outcome(path: Path, roundtrip: bool) -> None:
    outcome = check_playthrough(path, roundtrip=roundtrip)
    assert outcome.ok, outcome.problems


def test_a_wrong_expectation_fails(tmp_path: Path) -> None:
    target = tmp_path / "wrong.playthrough.yaml"
    sample = (SCENARIOS / "sample_rota.yaml").resolve()
    target.write_text(
        f"scenario: {sample}\nchoices: [1, 2, 1]\nexpect:\n  ending: stalemate\n"
        "  meters: {trust: [0, 3]}\n"
    )
    outcome = check_playthrough(target)
    assert not outcome.ok
    assert "expected ending 'stalemate', reached 'shared_kitchen'" in outcome.problems
    assert "meter 'trust' is 8, expected 0..3" in outcome.problems
