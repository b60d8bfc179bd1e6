"""The validated-scenario cache: a second load skips the YAML, and never shows stale content.

Every test gets its own ROLEPLAY_HOME, so the cache starts empty. "Served from the cache" is
observed the way it matters: the YAML parser is not called at all.
"""

from __future__ import annotations

import copy
import hashlib
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from roleplay import Runner, ScenarioError, check_scenario_file, find_scenarios, load_scenario
from roleplay.cli import main
from roleplay.engine import _cache, _loader
from roleplay.engine._lean import to_jsonable
from roleplay.engine._lean_json import dump_json
from roleplay.engine._model import Choice, Node, ScenarioSpec
from tests.conftest import SCENARIOS, TINY


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty user folder (and so an empty cache) for each test."""
    monkeypatch.setenv("ROLEPLAY_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def entries() -> list[Path]:
    folder = _cache.cache_dir()
    return sorted(folder.glob("*.json")) if folder.is_dir() else []


def test_second_load_comes_from_the_cache_and_plays_the_same(
    tiny_path: Path, parses: list[str]
) -> None:
    first = load_scenario(tiny_path)
    second = load_scenario(tiny_path)
    assert parses == ["tiny.yaml"]
    assert len(entries()) == 1
    assert second.spec == first.spec and second.content_hash == first.content_hash
    assert second.path == tiny_path and second.diagnostics == ()
    runs = []
    for scenario in (first, second):
        runner = Runner(scenario)
        runner.choose_id("listen")
        runs.append((runner.state.ending, runner.ending_view()))
    assert runs[0] == runs[1] and runs[0][0] == "good"


def test_editing_the_file_is_never_served_stale(tiny_path: Path, parses: list[str]) -> None:
    load_scenario(tiny_path)
    tiny_path.write_text(TINY.replace("text: Hi.", "text: Hello there."), encoding="utf-8")
    edited = load_scenario(tiny_path)
    assert edited.nodes["hello"].lines[0].spec.text == "Hello there."
    assert parses == ["tiny.yaml", "tiny.yaml"]
    assert load_scenario(tiny_path).nodes["hello"].lines[0].spec.text == "Hello there."
    assert parses == ["tiny.yaml", "tiny.yaml"]


def test_a_file_edited_while_it_loads_is_never_served_stale(
    tiny_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_parse, edits = _loader.parse_text, [TINY.replace("text: Hi.", "text: Edited.")]

    def edit_meanwhile(text: str, name: str) -> _loader.Document:
        if edits:  # the first load only
            tiny_path.write_text(edits.pop(), encoding="utf-8")
        return real_parse(text, name)

    monkeypatch.setattr(_loader, "parse_text", edit_meanwhile)
    assert load_scenario(tiny_path).nodes["hello"].lines[0].spec.text == "Hi."
    assert load_scenario(tiny_path).nodes["hello"].lines[0].spec.text == "Edited."
    assert load_scenario(tiny_path).nodes["hello"].lines[0].spec.text == "Edited."


@pytest.mark.parametrize(
    "garbage",
    [b"", b"not json at all", b'{"key": 1}\n{}', b"\xff\xfe\x00", None],
    ids=["empty", "text", "wrong-key", "binary", "truncated"],
)
def test_a_corrupt_entry_is_ignored_and_rebuilt(
    tiny_path: Path, parses: list[str], garbage: bytes | None
) -> None:
    load_scenario(tiny_path)
    (entry,) = entries()
    good = entry.read_bytes()
    entry.write_bytes(good[: len(good) // 2] if garbage is None else garbage)
    scenario = load_scenario(tiny_path)
    assert scenario.nodes["hello"].lines[0].spec.text == "Hi."
    assert parses == ["tiny.yaml", "tiny.yaml"]
    assert entry.read_bytes() == good


def test_a_tampered_model_that_no_longer_validates_is_rebuilt(
    tiny_path: Path, parses: list[str]
) -> None:
    load_scenario(tiny_path)
    (entry,) = entries()
    header, _, body = entry.read_bytes().partition(b"\n")
    spec, techniques = json.loads(body)
    spec[list(ScenarioSpec.model_fields).index("estimated_minutes")] = -5
    entry.write_bytes(header + b"\n" + json.dumps([spec, techniques]).encode())
    assert load_scenario(tiny_path).estimated_minutes == 1
    assert parses == ["tiny.yaml", "tiny.yaml"]


def test_a_body_of_the_wrong_shape_is_rebuilt_even_with_a_matching_hash(
    tiny_path: Path, parses: list[str]
) -> None:
    load_scenario(tiny_path)
    (entry,) = entries()
    header_line, _, body = entry.read_bytes().partition(b"\n")
    spec, techniques = json.loads(body)
    for broken in ([spec[:-1], techniques], [spec, [1, 2]], {"spec": spec}, [spec]):
        forged = json.dumps(broken).encode()
        header = json.loads(header_line)
        header["body_sha256"] = hashlib.sha256(forged).hexdigest()
        entry.write_bytes(json.dumps(header).encode() + b"\n" + forged)
        assert load_scenario(tiny_path).nodes["hello"].lines[0].spec.text == "Hi."
    assert parses == ["tiny.yaml"] * 5


def forge(entry: Path, change: Callable[[list[Any]], None]) -> None:
    """Rewrite the entry's scenario with ``change`` applied, with a matching body hash."""
    header_line, _, body = entry.read_bytes().partition(b"\n")
    spec, techniques = json.loads(body)
    change(spec)
    forged = json.dumps([spec, techniques]).encode()
    header = json.loads(header_line)
    header["body_sha256"] = hashlib.sha256(forged).hexdigest()
    entry.write_bytes(json.dumps(header).encode() + b"\n" + forged)


FIELD = {name: index for index, name in enumerate(ScenarioSpec.model_fields)}
NODE_FIELD = {name: index for index, name in enumerate(Node.model_fields)}
CHOICE_FIELD = {name: index for index, name in enumerate(Choice.model_fields)}


def test_an_entry_forged_to_lead_nowhere_is_rebuilt(tiny_path: Path, parses: list[str]) -> None:
    load_scenario(tiny_path)
    (entry,) = entries()

    def bad_start(spec: list[Any]) -> None:
        spec[FIELD["start"]] = "nowhere"

    def bad_choice(spec: list[Any]) -> None:
        spec[FIELD["nodes"]]["hello"][NODE_FIELD["choices"]][0][CHOICE_FIELD["next"]] = "nowhere"

    def bad_ending(spec: list[Any]) -> None:
        spec[FIELD["nodes"]]["done"][NODE_FIELD["ending"]] = "nowhere"

    def unhashable_target(spec: list[Any]) -> None:
        spec[FIELD["nodes"]]["hello"][NODE_FIELD["choices"]][0][CHOICE_FIELD["next"]] = ["x"]

    def short_node(spec: list[Any]) -> None:
        spec[FIELD["nodes"]]["done"].pop()

    def short_choice(spec: list[Any]) -> None:
        spec[FIELD["nodes"]]["hello"][NODE_FIELD["choices"]][0].pop()

    def node_not_an_array(spec: list[Any]) -> None:
        spec[FIELD["nodes"]]["done"] = {"lines": []}

    forged = (bad_start, bad_choice, bad_ending, unhashable_target, short_node, short_choice)
    for change in (*forged, node_not_an_array):
        forge(entry, change)
        scenario = load_scenario(tiny_path)
        assert scenario.start == "hello"
        runner = Runner(scenario)
        runner.choose_id("listen")
        assert runner.state.ending == "good"
    assert parses == ["tiny.yaml"] * 8


def test_a_cached_scenario_reads_a_node_when_it_is_first_looked_up(tiny_path: Path) -> None:
    fresh = load_scenario(tiny_path)
    cached = load_scenario(tiny_path)
    assert repr(cached.spec.nodes) == "NodeRecords(0 of 2 read)"
    Runner(cached)
    assert repr(cached.spec.nodes) == "NodeRecords(1 of 2 read)"
    assert cached.spec.nodes["hello"] is cached.spec.nodes["hello"]
    assert cached.spec.nodes == fresh.spec.nodes and cached.spec == fresh.spec
    assert to_jsonable(cached.spec) == to_jsonable(fresh.spec)
    assert dump_json(cached.spec) == dump_json(fresh.spec)
    assert copy.deepcopy(cached.spec) == fresh.spec


def test_a_fresh_load_checks_every_node_and_compiles_each_when_first_played(
    tmp_path: Path,
) -> None:
    path = tmp_path / "tiny.yaml"
    path.write_text(TINY, encoding="utf-8")
    fresh = load_scenario(path, use_cache=False)
    assert repr(fresh.nodes).startswith("LazyNodes(0 of ")
    Runner(fresh)
    assert repr(fresh.nodes).startswith("LazyNodes(1 of ")
    broken = TINY.replace("next: done", "next: nowhere", 1)  # found with nothing played
    path.write_text(broken, encoding="utf-8")
    scenario, diagnostics = check_scenario_file(path, use_cache=False)
    assert scenario is None and [d.code for d in diagnostics] == ["RP020"]


def test_a_cached_scenario_compiles_a_node_when_it_is_first_played(tiny_path: Path) -> None:
    fresh = load_scenario(tiny_path)
    cached = load_scenario(tiny_path)
    assert repr(cached.nodes).startswith("LazyNodes(0 of ")
    assert list(cached.nodes) == list(fresh.nodes) and len(cached.nodes) == len(fresh.nodes)
    assert "hello" in cached.nodes and "nowhere" not in cached.nodes
    assert cached.nodes.get("nowhere") is None
    with pytest.raises(KeyError):
        cached.nodes["nowhere"]
    Runner(cached)
    assert repr(cached.nodes).startswith("LazyNodes(1 of ")
    assert set(cached.choice_index) == set(fresh.choice_index)
    for choice_id, choice in fresh.choice_index.items():
        assert cached.choice_index[choice_id] == choice
    assert dict(cached.labels) == dict(fresh.labels)
    for node_id, node in fresh.nodes.items():  # every node compiles to what a fresh load has
        assert cached.nodes[node_id] == node


def test_a_new_package_version_misses(
    tiny_path: Path, parses: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    load_scenario(tiny_path)
    versions = dict(_cache._versions())
    monkeypatch.setattr(_cache, "_VERSIONS", {**versions, "pydantic": "99.0"})
    load_scenario(tiny_path)
    load_scenario(tiny_path)
    assert parses == ["tiny.yaml", "tiny.yaml"]


def test_editing_the_technique_catalogue_misses(tiny_path: Path, parses: list[str]) -> None:
    catalogue = tiny_path.parent / "techniques.yaml"
    shutil.copy(SCENARIOS / "techniques.yaml", catalogue)
    load_scenario(tiny_path)
    text = catalogue.read_text(encoding="utf-8")
    catalogue.write_text(text.replace("format: 1", "format: 1\n# edited"), encoding="utf-8")
    load_scenario(tiny_path)
    assert parses == ["tiny.yaml", "tiny.yaml"]


def test_files_with_warnings_are_not_cached_and_report_the_same(tiny_path: Path) -> None:
    tiny_path.write_text(TINY.replace("{text: Bye.}", "{text: Bye., expression: x}"), "utf-8")
    first = check_scenario_file(tiny_path)[1]
    second = check_scenario_file(tiny_path)[1]
    assert [d.code for d in first] == ["RP023"] and first == second
    assert entries() == []


def test_a_cached_scenario_that_lost_an_asset_reports_it_like_a_fresh_load(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "pack"
    (folder / "art").mkdir(parents=True)
    (folder / "art" / "room.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    path = folder / "tiny.yaml"
    path.write_text(TINY.replace("characters:", "backgrounds: {room: art/room.svg}\ncharacters:"))
    assert load_scenario(path).background_path("room") is not None
    assert len(entries()) == 1
    (folder / "art" / "room.svg").unlink()
    cached = check_scenario_file(path)
    fresh = check_scenario_file(path, use_cache=False)
    assert cached[0] is None and cached[1] == fresh[1]
    assert [d.code for d in cached[1]] == ["RP040"]


def test_no_cache_neither_reads_nor_writes(tiny_path: Path, parses: list[str]) -> None:
    load_scenario(tiny_path, use_cache=False)
    assert entries() == []
    load_scenario(tiny_path)
    load_scenario(tiny_path, use_cache=False)
    assert parses == ["tiny.yaml", "tiny.yaml", "tiny.yaml"]


def test_an_unwritable_cache_folder_does_not_stop_loading(
    tiny_path: Path, home: Path, parses: list[str]
) -> None:
    home.mkdir(parents=True)
    (home / "cache").write_text("a file where the folder should be")
    assert load_scenario(tiny_path).id == "tiny"
    assert load_scenario(tiny_path).id == "tiny"
    assert parses == ["tiny.yaml", "tiny.yaml"]


def test_a_write_killed_midway_leaves_no_lasting_temp_file(tiny_path: Path) -> None:
    folder = _cache.cache_dir()
    folder.mkdir(parents=True)
    dead = folder / ".0123.json.999999999.ab12cd34.tmp"  # no process has that pid
    dead.write_bytes(b"x" * 1000)
    load_scenario(tiny_path)  # a miss: its entry is written, and the folder swept
    assert not dead.exists() and len(entries()) == 1


def test_errors_are_reported_the_same_with_and_without_the_cache(tiny_path: Path) -> None:
    tiny_path.write_text(TINY.replace("next: done", "next: nowhere", 1), encoding="utf-8")
    with pytest.raises(ScenarioError) as cached:
        load_scenario(tiny_path)
    with pytest.raises(ScenarioError) as fresh:
        load_scenario(tiny_path, use_cache=False)
    assert cached.value.diagnostics == fresh.value.diagnostics
    assert entries() == []


def test_the_entry_is_json_with_the_key_in_its_first_line(tiny_path: Path) -> None:
    load_scenario(tiny_path)
    (entry,) = entries()
    header, _, body = entry.read_bytes().partition(b"\n")
    key = json.loads(header)["key"]
    assert key["format"] == 1 and len(key["file_sha256"]) == 64
    assert json.loads(header)["body_sha256"] == hashlib.sha256(body).hexdigest()
    spec, techniques = json.loads(body)
    assert spec[list(ScenarioSpec.model_fields).index("id")] == "tiny"
    assert "active_listening" in techniques


def test_validate_no_cache_flag(tiny_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--no-cache", str(tiny_path)]) == 0
    assert entries() == []
    assert main(["validate", str(tiny_path)]) == 0
    assert len(entries()) == 1
    capsys.readouterr()


@pytest.mark.parametrize("path", find_scenarios(), ids=lambda p: p.stem)
def test_nodes_compiled_on_first_use_equal_a_fresh_compile(path: Path, parses: list[str]) -> None:
    fresh = load_scenario(path, use_cache=False)
    load_scenario(path)
    cached = load_scenario(path)
    assert parses == [path.name, path.name]  # the second load was served from the cache
    for node_id, node in fresh.nodes.items():
        lazy = cached.nodes[node_id]
        assert (lazy.spec, lazy.shuffle, lazy.unconditional) == (
            node.spec,
            node.shuffle,
            node.unconditional,
        )
        for mine, theirs in zip(lazy.choices, node.choices, strict=True):
            assert (mine.id, mine.effects, mine.sets, mine.next_id) == (
                theirs.id,
                theirs.effects,
                theirs.sets,
                theirs.next_id,
            )
            assert [p.text for p in mine.feedback] == [p.text for p in theirs.feedback]
            same_condition = (mine.condition is None) == (theirs.condition is None)
            assert same_condition and (
                mine.condition is None or mine.condition.source == theirs.condition.source
            )


def test_nodes_compiled_on_first_use_are_frozen_in_batches(
    tiny_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from roleplay.engine import _lazy

    freezes: list[int] = []
    monkeypatch.setattr(_lazy, "FREEZE_EVERY", 2)
    monkeypatch.setattr(_lazy.gc, "freeze", lambda: freezes.append(1))
    load_scenario(tiny_path)
    cached = load_scenario(tiny_path)
    freezes.clear()  # a load freezes what it built too (roleplay.engine._yaml.paused_gc)
    for node_id in cached.nodes:
        cached.nodes[node_id]
        cached.nodes[node_id]  # a node already compiled is not compiled (nor counted) again
    assert len(freezes) == len(cached.nodes) // 2 > 0
