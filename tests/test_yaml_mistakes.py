"""The mistakes designers make most, each located where it is, with a hint that fits.

One test per row of the table in issue 14: the file is a valid scenario with one mistake typed
into it, and the diagnostic must point at the line (and column) of the mistake.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from roleplay.engine._diagnostics import Diagnostic
from roleplay.engine._document import parse_document
from roleplay.engine._errors import ScenarioError
from roleplay.engine._loader import check_scenario_file
from roleplay.engine._yaml import YamlProblem
from roleplay.engine._yaml_hints import explain

BASE = """\
format: 1
id: tiny
title: Tiny
summary: A tiny scenario.
learning_goals: [Example]
estimated_minutes: 1
start: hello
meters:
  trust: {label: Trust, start: 5}
  compliance: {label: Compliance, start: 2}
flags:
  heard_priya: {description: You heard Priya}
characters:
  jo: {name: Jo, expressions: [neutral, pleased]}
nodes:
  hello:
    lines:
      - speaker: jo
        text: Hi.
    choices:
      - text: Listen
        technique: active_listening
        effects: {trust: 2}
        set: {heard_priya: true}
        once: true
        next: done
      - text: Order
        technique: direct_instruction
        effects: {trust: -9, compliance: 3}
        next: done
  done:
    lines: [{text: Bye.}]
    end: true
endings:
  - id: good
    title: Good
    when: >-
      trust >= 7 and
      flags.heard_priya
    text: Well done.
    debrief: Listening built trust.
  - id: fine
    title: Fine
    text: Done.
"""


def _line_of(text: str, fragment: str) -> int:
    return next(i for i, row in enumerate(text.splitlines(), 1) if fragment in row)


def _edit(old: str, new: str) -> str:
    assert BASE.count(old) == 1, old
    return BASE.replace(old, new)


def _only(tmp_path: Path, text: str) -> Diagnostic:
    path = tmp_path / "mistake.yaml"
    path.write_text(text, encoding="utf-8")
    scenario, diagnostics = check_scenario_file(path)
    assert scenario is None
    errors = [d for d in diagnostics if d.severity == "error"]
    assert len(errors) == 1, [d.format() for d in errors]
    return errors[0]


def test_the_base_scenario_is_valid(tmp_path: Path) -> None:
    path = tmp_path / "base.yaml"
    path.write_text(BASE, encoding="utf-8")
    scenario, diagnostics = check_scenario_file(path)
    assert scenario is not None, [d.format() for d in diagnostics]


def test_next_dedented_two_spaces_names_the_line_and_the_column(tmp_path: Path) -> None:
    text = _edit("        once: true\n        next: done", "        once: true\n      next: done")
    found = _only(tmp_path, text)
    assert (found.line, found.col) == (_line_of(text, "      next: done"), 7)
    assert found.message == (
        "this line is indented less than the rest of its choice (col 9 expected)"
    )
    assert "2 spaces right" in found.hint


def test_once_dedented_out_of_its_choice_is_reported_on_its_own_line(tmp_path: Path) -> None:
    text = _edit("        once: true\n", "    once: true\n        feedback: Asking first: good\n")
    found = _only(tmp_path, text)
    assert found.line == _line_of(text, "once: true")
    assert "indented less than the rest of its choice (col 9 expected)" in found.message
    assert "quotes" not in found.hint and "indentation" in found.hint


def test_once_dedented_to_the_list_column(tmp_path: Path) -> None:
    found = _only(tmp_path, _edit("        once: true\n", "      once: true\n"))
    assert (found.line, found.col) == (_line_of(BASE, "once: true"), 7)
    assert "(col 9 expected)" in found.message


def test_a_colon_inside_text_still_asks_for_quotes(tmp_path: Path) -> None:
    found = _only(tmp_path, _edit("      - text: Order", "      - text: Order: now"))
    assert found.line == _line_of(BASE, "- text: Order")
    assert "quotes" in found.hint


def test_node_indented_under_the_previous_node(tmp_path: Path) -> None:
    text = _edit("  done:\n", "    done:\n")
    found = _only(tmp_path, text)
    assert (found.line, found.col) == (_line_of(text, "    done:"), 5)
    assert "node 'done' is indented under the previous node 'hello'" in found.message
    assert found.hint == "line 'done:' up with 'hello:' (column 3)"


def test_a_tab_in_the_indentation(tmp_path: Path) -> None:
    text = _edit("        technique: active_listening", "\ttechnique: active_listening")
    found = _only(tmp_path, text)
    assert (found.line, found.col) == (_line_of(text, "\ttechnique"), 1)
    assert found.hint.startswith("replace the tab with spaces")


def test_flag_without_prefix_inside_a_folded_block(tmp_path: Path) -> None:
    text = _edit("      flags.heard_priya\n", "      heard_priya\n")
    found = _only(tmp_path, text)
    assert found.code == "RP031"
    assert (found.line, found.col) == (_line_of(text, "      heard_priya"), 7)
    assert found.hint == "write flags.heard_priya"


def test_column_inside_the_second_line_of_a_block(tmp_path: Path) -> None:
    text = _edit("      flags.heard_priya\n", "      trust > 1 and nope\n")
    found = _only(tmp_path, text)
    assert (found.line, found.col) == (_line_of(text, "and nope"), 21)


def test_quoted_condition_column_counts_the_quote(tmp_path: Path) -> None:
    text = _edit(
        "    when: >-\n      trust >= 7 and\n      flags.heard_priya\n", '    when: "nope"\n'
    )
    found = _only(tmp_path, text)
    assert (found.line, found.col) == (_line_of(text, 'when: "nope"'), 12)


def test_choice_missing_technique_is_located_at_its_text(tmp_path: Path) -> None:
    text = _edit("        technique: active_listening\n", "")
    found = _only(tmp_path, text)
    assert found.code == "RP011"
    assert found.line == _line_of(text, "- text: Listen")


def test_choice_missing_next_is_located_at_its_text(tmp_path: Path) -> None:
    text = _edit(
        "        effects: {trust: -9, compliance: 3}\n        next: done\n",
        "        effects: {trust: -9, compliance: 3}\n",
    )
    found = _only(tmp_path, text)
    assert found.code == "RP011" and "'next'" in found.message
    assert found.line == _line_of(text, "- text: Order")


def test_unknown_meter_offers_the_near_miss_and_declaring_it(tmp_path: Path) -> None:
    text = _edit("effects: {trust: 2}", "effects: {confidence: 2}")
    found = _only(tmp_path, text)
    assert found.code == "RP033"
    assert (found.line, found.col) == (_line_of(text, "confidence"), 19)
    assert found.hint == "did you mean 'compliance'? Or declare it under `meters:`"


def test_unknown_meter_in_a_condition_offers_declaring_it(tmp_path: Path) -> None:
    found = _only(tmp_path, _edit("      trust >= 7 and", "      confidence >= 7 and"))
    assert found.code == "RP031"
    assert found.hint.endswith("Or declare it under `meters:`")


def test_unknown_technique_lists_a_few_and_points_at_the_reference(tmp_path: Path) -> None:
    found = _only(tmp_path, _edit("technique: active_listening", "technique: zzqq"))
    assert found.code == "RP024"
    assert found.hint.startswith("nearest: ")
    named = found.hint.split(".", 1)[0].removeprefix("nearest: ").split(", ")
    assert 1 <= len(named) <= 4
    assert "docs/techniques.md" in found.hint


def test_near_miss_technique_is_suggested(tmp_path: Path) -> None:
    found = _only(tmp_path, _edit("technique: active_listening", "technique: listening"))
    assert found.hint.startswith("did you mean 'active_listening'?")
    assert "docs/techniques.md" in found.hint


@settings(max_examples=150, deadline=None)
@given(
    row=st.integers(min_value=0, max_value=BASE.count("\n") - 1),
    shift=st.integers(min_value=-6, max_value=6),
    tab=st.booleans(),
)
def test_any_indentation_slip_gives_a_located_diagnostic(row: int, shift: int, tab: bool) -> None:
    rows = BASE.splitlines()
    stripped = rows[row].lstrip(" ")
    indent = max(0, len(rows[row]) - len(stripped) + shift)
    rows[row] = ("\t" if tab else "") + " " * indent + stripped
    text = "\n".join(rows) + "\n"
    try:
        parse_document(text.encode(), "slip.yaml")
    except ScenarioError as error:
        [found] = error.diagnostics
        assert 1 <= found.line <= len(rows) and found.col >= 1
        assert found.message


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from(list(" \t-:{}[]|>#'\"ab\n")), max_size=200),
    line=st.integers(min_value=0, max_value=30),
    code=st.sampled_from(["RP001", "RP007"]),
    message=st.sampled_from(
        ["mapping values are not allowed here", "did not find expected key", "duplicate key 'a'"]
    ),
)
def test_hints_never_fail_on_any_text(text: str, line: int, code: str, message: str) -> None:
    problem = YamlProblem(code, message, line, 1)
    explained = explain(problem, text)
    assert explained.code == code and explained.line >= 0
