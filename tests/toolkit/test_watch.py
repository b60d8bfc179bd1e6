"""Hot reload: the watcher notices edits, reload keeps the player's place, broken edits report."""

from __future__ import annotations

import os
from pathlib import Path

from roleplay import Runner, load_scenario
from roleplay.engine._watch import ScenarioWatcher
from tests.toolkit.test_lint import GATED


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def edit(path: Path, text: str) -> None:
    """Rewrite ``path`` and make sure its mtime moves even on coarse file systems."""
    before = path.stat().st_mtime_ns
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before + 1_000_000_000, before + 1_000_000_000))


def test_edit_is_seen_and_reload_keeps_the_node(tmp_path: Path) -> None:
    path = tmp_path / "gated.yaml"
    path.write_text(GATED, encoding="utf-8")
    runner = Runner(load_scenario(path))
    runner.choose(1)  # Push: through 'bridge' to the decision at 'last'
    runner.advance_to_decision()
    assert runner.state.node == "last"
    clock = FakeClock()
    watcher = ScenarioWatcher(path, clock=clock)
    assert watcher.poll() is None
    edit(path, GATED.replace("text: The meeting.", "text: The big meeting."))
    assert watcher.poll() is None  # too soon: the file is looked at a few times a second
    clock.now += 1
    result = watcher.poll()
    assert result is not None and result.ok and result.scenario is not None
    assert runner.reload(result.scenario)
    assert runner.state.node == "last"
    assert runner.view().lines[-1].text == "The big meeting."
    assert runner.state.meters["compliance"] == 3
    clock.now += 1
    assert watcher.poll() is None  # no further change


def test_broken_edit_gives_diagnostics_not_an_exception(tmp_path: Path) -> None:
    path = tmp_path / "gated.yaml"
    path.write_text(GATED, encoding="utf-8")
    clock = FakeClock()
    watcher = ScenarioWatcher(path, clock=clock)
    edit(path, GATED.replace("next: done", "next: nowhere", 1))
    clock.now += 1
    result = watcher.poll()
    assert result is not None and not result.ok
    assert [d.code for d in result.diagnostics] == ["RP020"]
    edit(path, "format: 1\nid: [unclosed\n")
    clock.now += 1
    result = watcher.poll()
    assert result is not None and result.diagnostics[0].code == "RP001"
    path.unlink()
    clock.now += 1
    result = watcher.poll()
    assert result is not None and not result.ok and result.diagnostics


def test_catalogue_edits_are_watched_too(tmp_path: Path) -> None:
    path = tmp_path / "gated.yaml"
    path.write_text(GATED, encoding="utf-8")
    watcher = ScenarioWatcher(path, interval=0)
    assert watcher.poll() is None
    (tmp_path / "techniques.yaml").write_text("format: 1\ntechniques: {}\n", encoding="utf-8")
    result = watcher.poll()
    assert result is not None and not result.ok
