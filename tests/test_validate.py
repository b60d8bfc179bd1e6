"""`roleplay validate`: located diagnostics, all problems in one run, stable exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from roleplay import check_scenario_file
from tests.conftest import ROOT, TINY


def run_cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "roleplay", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


def test_condition_error_points_at_the_exact_column(tmp_path: Path) -> None:
    text = TINY.replace("    when: trust >= 7", '    when: "trust >= 7 and flags.askd"')
    path = tmp_path / "s.yaml"
    path.write_text(text)
    [diagnostic] = check_scenario_file(path)[1]
    line = text.splitlines()[diagnostic.line - 1]
    assert diagnostic.code == "RP031"
    assert line[diagnostic.col - 1 :].startswith("askd")
    assert diagnostic.hint == "did you mean 'asked'?"


def test_a_reversed_comparison_gets_the_operator_it_meant(tmp_path: Path) -> None:
    for written, meant in (("=>", ">="), ("=<", "<=")):
        text = TINY.replace("    when: trust >= 7", f'    when: "trust {written} 7"')
        path = tmp_path / "s.yaml"
        path.write_text(text)
        [diagnostic] = check_scenario_file(path)[1]
        assert diagnostic.code == "RP030"
        assert diagnostic.hint == f"write '{meant}', not '{written}'"


def test_a_threshold_outside_the_meter_range_is_reported_where_it_is_used(tmp_path: Path) -> None:
    text = TINY.replace("    when: trust >= 7", "    when: trust >= 70").replace(
        "next: done\n", "next: done\n        if: trust >= 70\n", 1
    )
    path = tmp_path / "s.yaml"
    path.write_text(text)
    scenario, found = check_scenario_file(path)
    assert scenario is not None  # a warning: the scenario still plays
    assert [d.code for d in found] == ["RP038", "RP038"]
    lines = text.splitlines()
    for diagnostic in found:
        assert lines[diagnostic.line - 1][diagnostic.col - 1 :].startswith("trust >= 70")
        assert diagnostic.message == "'trust >= 70' can never hold: Trust goes from 0 to 10"
        assert diagnostic.hint.startswith("compare with a number from 0 to 10")


def test_a_comparison_the_range_always_satisfies_is_reported(tmp_path: Path) -> None:
    text = TINY.replace("    when: trust >= 7", "    when: 0 <= trust and trust >= 7")
    path = tmp_path / "s.yaml"
    path.write_text(text)
    [diagnostic] = check_scenario_file(path)[1]
    assert diagnostic.code == "RP038"
    assert diagnostic.message == "'0 <= trust' always holds: Trust goes from 0 to 10"


def test_a_mistyped_portrait_folder_is_one_error_naming_the_folder_meant(tmp_path: Path) -> None:
    text = (ROOT / "scenarios" / "sample_rota.yaml").read_text(encoding="utf-8")
    path = tmp_path / "s.yaml"
    path.write_text(text.replace("portrait: characters/jo\n", "portrait: characters/joe\n"))
    [diagnostic] = check_scenario_file(path)[1]
    assert diagnostic.code == "RP040"
    assert diagnostic.message == "missing portrait folder 'characters/joe'"
    assert diagnostic.hint.startswith("did you mean 'characters/jo'?")


def test_a_mistyped_background_file_names_the_file_meant(tmp_path: Path) -> None:
    text = (ROOT / "scenarios" / "sample_rota.yaml").read_text(encoding="utf-8")
    path = tmp_path / "s.yaml"
    path.write_text(text.replace("backgrounds/break_room.svg", "backgrounds/brek_room.svg"))
    [diagnostic] = check_scenario_file(path)[1]
    assert diagnostic.code == "RP040"
    assert diagnostic.hint.startswith("did you mean 'backgrounds/break_room.svg'?")


def test_all_problems_are_reported_in_one_run(tmp_path: Path) -> None:
    text = (
        TINY.replace("next: done\n", "next: dnoe\n", 1)
        .replace("technique: direct_instruction", "technique: shouting")
        .replace("{speaker: jo, text: Hi.}", "{speaker: joe, text: Hi.}")
    )
    path = tmp_path / "s.yaml"
    path.write_text(text)
    codes = sorted(d.code for d in check_scenario_file(path)[1])
    assert codes == ["RP020", "RP022", "RP024"]


def test_problems_are_reported_in_the_order_of_their_lines(tmp_path: Path) -> None:
    text = (
        TINY.replace("effects: {trust: 2}", "effects: {trsut: 2}")
        .replace("next: done\n", "next: dnoe\n", 2)
        .replace("when: trust >= 7", "when: trust >> 7")
        .replace("technique: direct_instruction", "technique: shouting")
    )
    path = tmp_path / "s.yaml"
    path.write_text(text)
    found = check_scenario_file(path)[1]
    assert len(found) == 5
    assert [(d.line, d.col) for d in found] == sorted((d.line, d.col) for d in found)


def test_shape_errors_all_reported_with_positions(tmp_path: Path) -> None:
    text = TINY.replace("estimated_minutes: 1", "estimated_minutes: soon").replace(
        "summary:", "sumary:"
    )
    path = tmp_path / "s.yaml"
    path.write_text(text)
    found = {(d.code, d.line) for d in check_scenario_file(path)[1]}
    lines = text.splitlines()
    assert ("RP012", lines.index("estimated_minutes: soon") + 1) in found
    assert ("RP010", lines.index("sumary: A tiny scenario.") + 1) in found
    assert any(code == "RP011" for code, _ in found)


def test_validate_prints_file_line_col_with_snippet_and_caret(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    text = TINY.replace("next: done\n", "next: dnoe\n", 1)
    path.write_text(text)
    line = text.splitlines().index("        next: dnoe") + 1
    result = run_cli("validate", str(path))
    assert result.returncode == 1
    first = result.stdout.splitlines()[0]
    assert first == f"{path}:{line}:15: RP020 error: unknown node 'dnoe'"
    assert "        next: dnoe" in result.stdout
    assert "^" in result.stdout and "did you mean 'done'?" in result.stdout


def test_validate_json_and_exit_codes(tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text(TINY)
    assert run_cli("validate", str(good)).returncode == 0
    bad = tmp_path / "bad.yaml"
    bad.write_text(TINY.replace("start: hello", "start: nowhere"))
    result = run_cli("validate", "--json", str(tmp_path))
    assert result.returncode == 1
    [item] = json.loads(result.stdout)
    assert item["code"] == "RP020" and item["file"].endswith("bad.yaml") and item["line"] == 7
    assert run_cli("validate", str(tmp_path / "missing.yaml")).returncode == 2
    assert run_cli("validate").returncode == 2


def test_warnings_do_not_fail_validation(tmp_path: Path) -> None:
    text = TINY.replace(
        "        next: done\n",
        "        next: done\n        if: trust > 3\n        show_locked: true\n",
        1,
    )
    path = tmp_path / "s.yaml"
    path.write_text(text)
    result = run_cli("validate", str(path))
    assert result.returncode == 0
    assert "RP035 warning" in result.stdout


def test_shipped_scenarios_validate_without_warnings() -> None:
    result = run_cli("validate", "scenarios")
    assert result.returncode == 0, result.stdout
    assert "warning" not in result.stdout


def test_shape_and_meaning_problems_are_reported_together(tmp_path: Path) -> None:
    text = TINY.replace("summary:", "sumary:").replace("next: done\n", "next: dnoe\n", 1)
    path = tmp_path / "s.yaml"
    path.write_text(text)
    codes = sorted(d.code for d in check_scenario_file(path)[1])
    assert codes == ["RP010", "RP011", "RP020"]


def test_a_broken_node_does_not_cascade_into_false_references(tmp_path: Path) -> None:
    text = TINY.replace("    lines: [{text: Bye.}]\n    end: true", "    lines: Bye\n    end: true")
    text = text.replace("technique: direct_instruction", "technique: shouting")
    path = tmp_path / "s.yaml"
    path.write_text(text)
    diagnostics = check_scenario_file(path)[1]
    assert sorted(d.code for d in diagnostics) == ["RP012", "RP024"]
    assert not any("unknown node" in d.message for d in diagnostics)


def test_yaml_error_hints_fit_the_mistake(tmp_path: Path) -> None:
    bye = "    lines: [{text: Bye.}]"
    indented = TINY.replace(bye, bye + "\n      end: true")
    path = tmp_path / "indent.yaml"
    path.write_text(indented)
    [diagnostic] = check_scenario_file(path)[1]
    assert diagnostic.code == "RP001" and "indentation" in diagnostic.hint
    colon = TINY.replace("title: Tiny", "title: Tiny: the sequel")
    path.write_text(colon)
    [diagnostic] = check_scenario_file(path)[1]
    assert "quotes" in diagnostic.hint
