"""Issue 13's broken user files: saves, settings and progress never break the game.

A hostile save is a SaveError with a clear reason (the slot is greyed), never OverflowError,
RecursionError or UnicodeEncodeError; settings fall back to defaults with a notice; progress is
ignored when unreadable; a FIFO or a link to a device is refused without blocking or reading.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from roleplay import Runner, SaveError, load_game, load_scenario_text, read_save_info, save_game
from roleplay.engine._atomic import sweep_temp_files, write_bytes_atomic, write_text_atomic
from roleplay.engine._scenario import Scenario
from tests.conftest import TINY


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty ROLEPLAY_HOME with no queued notices."""
    from roleplay.gui import storage

    monkeypatch.setenv("ROLEPLAY_HOME", str(tmp_path / "home"))
    storage.take_notices()
    yield tmp_path / "home"
    storage.take_notices()


@pytest.fixture
def scenario() -> Scenario:
    return load_scenario_text(TINY)


@pytest.fixture
def good_save(tmp_path: Path, scenario: Scenario) -> str:
    """The text of a real save made after one choice."""
    runner = Runner(scenario)
    runner.choose(0)
    path = tmp_path / "good.json"
    save_game(path, scenario, runner.state, label="good")
    return path.read_text(encoding="utf-8")


HOSTILE = {
    "infinity": ('"trust": 7', '"trust": Infinity', "Infinity"),
    "nan": ('"trust": 7', '"trust": NaN', "NaN"),
    "1e400": ('"trust": 7', '"trust": 1e400', "1e400"),
    "5000 digits in meters": ('"trust": 7', '"trust": ' + "9" * 5000, "5000-digit"),
    "5000 digits in line": ('"line": 0', '"line": ' + "1" * 5000, "5000-digit"),
    "5000 digits in visits": ('"visits": {', '"visits": {"x": ' + "7" * 5000 + ",", "5000-digit"),
    "deep json": ('"label": "good"', '"label": ' + "[" * 100_000 + "]" * 100_000, "nested"),
    "lone surrogate": ('"choice_text": "Listen"', '"choice_text": "\\udc00"', "surrogate"),
    "float meter": ('"trust": 7', '"trust": 7.5', "valid integer"),
    "negative line": ('"line": 0', '"line": -4', "greater than or equal"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_save_is_a_save_error_for_info_and_load(
    tmp_path: Path, scenario: Scenario, good_save: str, case: str
) -> None:
    old, new, reason = HOSTILE[case]
    assert old in good_save
    path = tmp_path / "hostile.json"
    path.write_text(good_save.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(SaveError, match=reason) as info_error:
        read_save_info(path)
    with pytest.raises(SaveError, match=reason):
        load_game(path, scenario)
    assert str(info_error.value).startswith("hostile.json: the save is corrupt (")


def test_hostile_save_is_a_greyed_slot_and_not_continued(
    home: Path, scenario: Scenario, good_save: str
) -> None:
    from roleplay.learner.desktop import saves

    saves.autosave_path("tiny").write_text(
        good_save.replace('"trust": 7', '"trust": Infinity'), encoding="utf-8"
    )
    slot = saves.list_autosaves()[0]
    assert slot.info is None and "Infinity" in slot.error
    assert saves.latest_autosave() is None  # Continue is not offered


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_fifo_autosave_does_not_hang_the_title_screen(home: Path) -> None:
    from roleplay.learner.desktop import saves

    os.mkfifo(saves.autosave_path("tiny"))
    slot = saves.list_autosaves()[0]
    assert "not a regular file" in slot.error
    assert saves.latest_autosave() is None


def test_surrogate_in_state_is_written_and_read_back(tmp_path: Path, scenario: Scenario) -> None:
    """The issue's crash: a \\udc00 in a choice text made the next autosave raise."""
    runner = Runner(scenario)
    runner.choose(0)
    runner.state.history[0].choice_text = "Listen \udc00"
    path = tmp_path / "autosave.json"
    save_game(path, scenario, runner.state)
    assert load_game(path, scenario).history[0].choice_text == "Listen \ufffd"


def test_user_files_are_flushed_to_disk_and_cache_entries_are_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    flushed: list[int] = []
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: flushed.append(fd) or real_fsync(fd))
    write_bytes_atomic(tmp_path / "save.json", b"{}")
    assert len(flushed) == 2  # the file, then the folder holding its new name
    flushed.clear()
    (tmp_path / "cache.json").write_bytes(b"old")
    write_bytes_atomic(tmp_path / "cache.json", b"new", durable=False)
    assert flushed == [] and (tmp_path / "cache.json").read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_atomic_text_write_never_fails_on_a_surrogate(tmp_path: Path) -> None:
    write_text_atomic(tmp_path / "x.txt", "a\udc00b")
    assert (tmp_path / "x.txt").read_text(encoding="utf-8") == "a\ufffdb"


# --- settings -------------------------------------------------------------------------------
SETTINGS_CASES = {
    "deep": "[" * 100_000 + "]" * 100_000,
    "corrupt": "{{{",
    "not an object": "[1, 2, 3]",
    "huge number": '{"text_size": ' + "9" * 5000 + "}",
    "not utf-8": "\udcff",
}


@pytest.mark.parametrize("case", sorted(SETTINGS_CASES))
def test_broken_settings_give_defaults_with_a_notice(home: Path, case: str) -> None:
    from roleplay.gui import settings, storage

    path = settings.settings_path()
    path.write_bytes(SETTINGS_CASES[case].encode("utf-8", "surrogateescape"))
    assert settings.load_settings() == settings.Settings()
    notices = storage.take_notices()
    assert len(notices) == 1 and "using the defaults" in notices[0]


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_settings_linked_to_dev_zero_are_not_read(home: Path) -> None:
    from roleplay.gui import settings, storage

    settings.settings_path().symlink_to("/dev/zero")
    assert settings.load_settings() == settings.Settings()
    assert "not a regular file" in storage.take_notices()[0]


def test_missing_settings_are_quietly_defaults(home: Path) -> None:
    from roleplay.gui import settings, storage

    assert settings.load_settings() == settings.Settings()
    assert storage.take_notices() == []


# --- progress -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    ["[" * 100_000 + "]" * 100_000, "{{{", '{"scenarios": []}', '{"scenarios": {"tiny": 3}}'],
)
def test_broken_progress_is_ignored_and_replaced(home: Path, text: str) -> None:
    from roleplay.learner.desktop import progress

    progress.progress_path().write_text(text, encoding="utf-8")
    assert progress.endings_found("tiny") == []
    assert progress.record_ending("tiny", "good") == ["good"]
    assert progress.endings_found("tiny") == ["good"]


def test_progress_keeps_other_scenarios(home: Path) -> None:
    from roleplay.learner.desktop import progress

    progress.record_ending("a", "one")
    progress.record_ending("b", "two")
    progress.record_ending("a", "three")
    assert progress.endings_found("a") == ["one", "three"]
    assert progress.endings_found("b") == ["two"]


# --- files the game creates -----------------------------------------------------------------
@pytest.mark.parametrize("umask", [0o022, 0o027, 0o077])
def test_files_are_created_with_the_users_umask(tmp_path: Path, umask: int) -> None:
    old = os.umask(umask)
    try:
        write_text_atomic(tmp_path / "f.json", "{}")
    finally:
        os.umask(old)
    assert (tmp_path / "f.json").stat().st_mode & 0o777 == 0o666 & ~umask


def test_sweep_removes_leftovers_of_dead_writers_only(tmp_path: Path) -> None:
    import subprocess
    import sys
    import time

    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    dead_pid = int(dead.stdout)
    (tmp_path / f".slot_1.json.{dead_pid}.ab12.tmp").write_text("half")
    (tmp_path / f".slot_2.json.{os.getppid()}.cd34.tmp").write_text("live parent writing")
    old = tmp_path / ".slot_3.json.abcdef.tmp"  # an older naming scheme
    old.write_text("old")
    os.utime(old, (time.time() - 3600, time.time() - 3600))
    (tmp_path / "slot_1.json").write_text("{}")
    assert sweep_temp_files(tmp_path) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        f".slot_2.json.{os.getppid()}.cd34.tmp",
        "slot_1.json",
    ]


def test_sweep_at_start_covers_saves_and_settings(home: Path) -> None:
    from roleplay.gui import storage

    leftovers = [
        storage.saves_dir() / ".slot_1.json.999999999.aa.tmp",
        storage.config_dir() / ".settings.json.999999999.bb.tmp",
        storage.data_dir() / ".progress.json.999999999.cc.tmp",
    ]
    for leftover in leftovers:
        leftover.write_text("x")
    assert storage.sweep_leftovers() == 3
    assert not any(p.exists() for p in leftovers)


def test_json_reader_refuses_what_saves_cannot_hold() -> None:
    from roleplay.engine._files import parse_json

    assert parse_json('{"a": [1, -2, 3.5, "x", true, null]}') == {
        "a": [1, -2, 3.5, "x", True, None]
    }
    for text in ("NaN", "-Infinity", "1e400", "1" * 25, "[" * 40 + "]" * 40, '"\\ud800"'):
        with pytest.raises(ValueError):
            parse_json(text)


def test_save_with_an_unknown_scenario_id_says_whose_it_is(tmp_path: Path, good_save: str) -> None:
    path = tmp_path / "other.json"
    data = json.loads(good_save)
    data["scenario_id"] = "other"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(SaveError, match="belongs to scenario 'other'"):
        load_game(path, load_scenario_text(TINY))


@pytest.mark.parametrize(
    "text", ["[" * 100_000 + "]" * 100_000, '{"a":' * 100_000 + "1" + "}" * 100_000]
)
@pytest.mark.parametrize("command", ["export-xapi", "report"])
def test_deep_json_given_to_the_records_tools_is_refused(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, command: str
) -> None:
    from roleplay.cli import main

    path = tmp_path / "deep.json"
    path.write_text(text, encoding="utf-8")
    arguments = [command, str(path), "-o", str(tmp_path / "out")]
    code = main([*arguments, "--account", "a"] if command == "export-xapi" else arguments)
    err = capsys.readouterr().err
    assert code == 1 and f"roleplay {command}: " in err and "Recursion" not in err
