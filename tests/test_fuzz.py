"""Properties over generated input: every input loads, or yields a diagnostic or a SaveError.

~100 examples per property by default (the ``ci`` profile in tests/conftest.py); for a long,
nightly-style run: ``python -m pytest tests/test_fuzz.py --hypothesis-profile=long``.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from roleplay import (
    CODES,
    Runner,
    SaveError,
    build_debrief,
    check_scenario_file,
    load_game,
    load_scenario_text,
    read_save_info,
    save_game,
)
from roleplay.engine._expr import ExprError, Names, describe, parse_condition
from tests import strategies
from tests.conftest import TINY

SCENARIO = load_scenario_text(TINY)
NAMES = Names(
    meters=frozenset(strategies.METERS),
    flags=frozenset(strategies.FLAGS),
    nodes=frozenset(strategies.NODES),
    choices=frozenset(strategies.CHOICES),
)


def _real_save() -> dict[str, Any]:
    runner = Runner(SCENARIO)
    runner.choose(0)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "save.json"
        save_game(path, SCENARIO, runner.state, label="base")
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


REAL_SAVE = _real_save()


@pytest.fixture(scope="module")
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


@pytest.fixture(scope="module")
def home(folder: Path) -> Iterator[Path]:
    """ROLEPLAY_HOME for the settings and progress properties (module scope, for hypothesis)."""
    from roleplay.gui import storage

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ROLEPLAY_HOME", str(folder / "home"))
        yield folder / "home"
    storage.take_notices()


def _write(path: Path, content: str | bytes) -> Path:
    data = content if isinstance(content, bytes) else content.encode("utf-8", "surrogatepass")
    path.write_bytes(data)
    return path


# --- scenarios and conditions ---------------------------------------------------------------
@given(strategies.scenario_documents())
def test_scenario_documents_load_or_give_located_diagnostics(folder: Path, text: str) -> None:
    scenario, diagnostics = check_scenario_file(_write(folder / "fuzz.yaml", text))
    event("loaded" if scenario is not None else "refused")
    for diagnostic in diagnostics:
        assert diagnostic.code in CODES and diagnostic.line >= 1 and diagnostic.col >= 1
    if scenario is None:
        assert any(d.severity == "error" for d in diagnostics)
        return
    runner = Runner(scenario)  # a scenario that loads also plays and explains itself
    for _ in range(20):
        runner.advance_to_decision()
        available = runner.available_choices()
        if runner.is_over or not available:
            break
        runner.choose_id(available[-1].id)
    build_debrief(scenario, runner.state)


class _Context:
    def __init__(self, number: int) -> None:
        self.meters = dict.fromkeys(strategies.METERS, number)
        self.flags = dict.fromkeys(strategies.FLAGS, number % 2 == 0)
        self.visits = dict.fromkeys(strategies.NODES, number % 3)
        self.chosen = dict.fromkeys(strategies.CHOICES, number % 2)


@given(strategies.conditions(), st.integers(-(10**6), 10**6))
def test_conditions_compile_or_give_a_located_error(text: str, number: int) -> None:
    try:
        condition = parse_condition(text, NAMES)
    except ExprError as error:
        assert error.code in ("RP030", "RP031", "RP032") and error.offset >= 0
        return
    assert condition(_Context(number)) in (True, False)
    describe(condition, {"meter:trust": "Trust"})


# --- user files -----------------------------------------------------------------------------
@given(st.one_of(strategies.json_documents(REAL_SAVE), strategies.any_file_bytes()))
def test_save_files_load_or_give_a_save_error(folder: Path, content: str | bytes) -> None:
    path = _write(folder / "slot.json", content)
    for read in (read_save_info, lambda p: load_game(p, SCENARIO)):
        try:
            read(path)
        except SaveError as error:
            assert str(error).startswith("slot.json: ")
    try:
        state = load_game(path, SCENARIO)
    except SaveError:
        return
    save_game(folder / "again.json", SCENARIO, state)  # what loads can be saved again
    assert load_game(folder / "again.json", SCENARIO) == state


@given(
    st.one_of(
        strategies.json_documents({"version": 1, "text_size": 2}), strategies.any_file_bytes()
    )
)
def test_settings_files_give_settings(home: Path, content: str | bytes) -> None:
    from roleplay.gui import settings, storage

    _write(settings.settings_path(), content)
    loaded = settings.load_settings()
    assert 0 <= loaded.text_size < len(settings.TEXT_SIZES)
    assert 0 <= loaded.text_speed < len(settings.TEXT_SPEEDS)
    assert settings.save_settings(loaded) and settings.load_settings() == loaded
    storage.take_notices()


@given(
    st.one_of(
        strategies.json_documents({"version": 1, "scenarios": {"tiny": {"endings": ["good"]}}}),
        strategies.any_file_bytes(),
    )
)
def test_progress_files_never_stop_an_ending(home: Path, content: str | bytes) -> None:
    from roleplay.learner.desktop import progress

    _write(progress.progress_path(), content)
    found = progress.endings_found("tiny")
    assert all(isinstance(e, str) for e in found)
    assert "fine" in progress.record_ending("tiny", "fine")
    assert "fine" in progress.endings_found("tiny")
