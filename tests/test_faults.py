"""A full disk and a read-only folder under every write the game and its tools make.

Each write either succeeds or reports a clear error (an exit code and message, a notice, a
SaveError-free OSError the screens turn into a toast); the file that was there stays intact and
no temp file is left behind. See tests/faultfs.py for how the folders are made.
"""

from __future__ import annotations

import errno
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from roleplay import Runner, load_game, load_scenario_text, read_save_info, save_game
from roleplay.cli import main
from tests.conftest import SAMPLE, TINY
from tests.faultfs import FaultyFolder, faulty_folder

ERRORS = {"full disk": errno.ENOSPC, "read-only": errno.EROFS}


def _temp_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob(".*.tmp") if p.is_file()]


def _populate(folder: Path) -> None:
    """A home as a player leaves it: settings, progress and a save in slot 1."""
    scenario = load_scenario_text(TINY)
    (folder / "config").mkdir()
    (folder / "config" / "settings.json").write_text('{"text_size": 2}', encoding="utf-8")
    saves = folder / "data" / "saves"
    saves.mkdir(parents=True)
    (folder / "data" / "progress.json").write_text(
        json.dumps({"version": 1, "scenarios": {"tiny": {"endings": ["fine"]}}}), encoding="utf-8"
    )
    save_game(saves / "slot_1.json", scenario, Runner(scenario).state, label="kept")
    (folder / "exports").mkdir()


@pytest.fixture(params=sorted(ERRORS))
def faulty_home(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[FaultyFolder]:
    """ROLEPLAY_HOME on a full or read-only folder that already holds a player's files."""
    from roleplay.gui import storage

    with faulty_folder(tmp_path, monkeypatch, ERRORS[request.param], _populate) as folder:
        monkeypatch.setenv("ROLEPLAY_HOME", str(folder.path))
        storage.take_notices()
        yield folder
        storage.take_notices()


def test_save_fails_cleanly_and_keeps_the_old_save(faulty_home: FaultyFolder) -> None:
    scenario = load_scenario_text(TINY)
    runner = Runner(scenario)
    runner.choose(0)
    slot = faulty_home.path / "data" / "saves" / "slot_1.json"
    with pytest.raises(OSError) as error:
        save_game(slot, scenario, runner.state, label="new")
    assert error.value.errno == faulty_home.error
    assert read_save_info(slot).label == "kept"
    assert load_game(slot, scenario).node == "hello"
    assert _temp_files(faulty_home.path) == []


def test_settings_change_posts_a_notice(faulty_home: FaultyFolder) -> None:
    from roleplay.gui import settings, storage

    changed = settings.load_settings()
    changed.high_contrast = True
    assert settings.save_settings(changed) is False
    notice = storage.take_notices()[-1]
    expected = "the disk is full" if faulty_home.error == errno.ENOSPC else "read-only"
    assert notice.startswith("Settings not saved: ") and expected in notice
    assert settings.load_settings().text_size == 2 and not settings.load_settings().high_contrast


def test_new_ending_posts_a_notice_and_keeps_progress(faulty_home: FaultyFolder) -> None:
    from roleplay.gui import storage
    from roleplay.learner.desktop import progress

    assert progress.record_ending("tiny", "good") == ["fine", "good"]
    assert storage.take_notices()[-1].startswith("Progress not saved: ")
    assert progress.endings_found("tiny") == ["fine"]


def test_read_lines_log_posts_one_notice(faulty_home: FaultyFolder) -> None:
    from roleplay.gui import storage
    from roleplay.learner.desktop.readlog import ReadLog

    log = ReadLog("tiny")
    for key in ("a", "b"):
        log.mark(key)
        log.save()  # never raises
    notices = storage.take_notices()
    assert len(notices) == 1 and notices[0].startswith("Read lines not saved: ")
    assert "a" in log and _temp_files(faulty_home.path) == []


def test_thumbnail_write_fails_cleanly(faulty_home: FaultyFolder) -> None:
    pygame = pytest.importorskip("pygame")
    from roleplay.learner.desktop import saves

    with pytest.raises(OSError):
        saves.write_png(faulty_home.path / "data" / "saves" / "slot_1.png", pygame.Surface((8, 8)))
    assert _temp_files(faulty_home.path) == []


def test_sweep_on_a_faulty_folder_does_not_raise(faulty_home: FaultyFolder) -> None:
    from roleplay.gui import storage

    assert storage.sweep_leftovers() == 0


def test_play_text_record_reports_the_failed_write(
    faulty_home: FaultyFolder, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    target = faulty_home.path / "exports" / "run.playthrough.yaml"
    monkeypatch.setattr("sys.stdin", io.StringIO("1\n1\n1\n"))
    args = ["play", "--text", "--no-shuffle", "--no-check", "--record", str(target)]
    code = main([*args, str(SAMPLE)])
    err = capsys.readouterr().err
    assert code == 1
    assert f"roleplay play: cannot write {target}: " in err and "Traceback" not in err
    assert not target.exists() and _temp_files(faulty_home.path) == []


def test_play_text_quit_reports_the_failed_save(
    faulty_home: FaultyFolder, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("q\n"))
    assert main(["play", "--text", "--no-shuffle", "--no-check", str(SAMPLE)]) == 1
    captured = capsys.readouterr()
    assert "Could not save for later: " in captured.out and "Traceback" not in captured.err
    assert _temp_files(faulty_home.path) == []


@pytest.mark.parametrize(
    "command",
    [
        ["schema", "-o", "{out}/schema.json"],
        ["graph", str(SAMPLE), "-o", "{out}/map.dot"],
        ["new", "rota_talk", "--dir", "{out}/new"],
        ["storyboard", str(SAMPLE), "--no-images", "-o", "{out}/board"],
    ],
)
def test_designer_tools_report_failed_writes(
    faulty_home: FaultyFolder, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    out = str(faulty_home.path / "exports")
    code = main([part.replace("{out}", out) for part in command])
    err = capsys.readouterr().err
    assert code == 1 and "cannot write" in err
    assert _temp_files(faulty_home.path) == []
