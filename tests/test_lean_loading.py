"""Lean loading keeps every value the models validated, and locates problems as before.

Nodes, choices and lines are kept as records instead of pydantic models, and the source map is
only built when a diagnostic needs a position. What a user could notice: the loaded scenario
holds exactly what pydantic validated; a record takes every key the model has; nothing can be
changed after loading; problems are reported at the same line and column.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from roleplay import check_scenario_file, find_scenarios, load_scenario, load_scenario_text
from roleplay.engine._lean import _RECORD_OF, Record, lean_spec, to_jsonable
from roleplay.engine._model import ScenarioSpec
from tests.conftest import TINY


@pytest.mark.parametrize("path", find_scenarios(), ids=lambda p: p.stem)
def test_a_loaded_scenario_holds_exactly_what_pydantic_validated(path: Path) -> None:
    scenario = load_scenario(path, use_cache=False)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    model = ScenarioSpec.model_validate(data)
    assert to_jsonable(scenario.spec) == model.model_dump(mode="json", by_alias=True)
    node_id, node = next(iter(model.nodes.items()))
    assert isinstance(scenario.spec.nodes[node_id], Record)
    assert scenario.nodes[node_id].spec.lines[0].text == node.lines[0].text


def test_every_recorded_model_field_is_a_record_field() -> None:
    for model, record in _RECORD_OF.items():
        assert record._fields == tuple(model.model_fields)
        assert record.__slots__ == record._fields  # no __dict__: the point of a record


def test_records_compare_by_value_and_survive_a_deep_copy() -> None:
    first = load_scenario_text(TINY)
    second = load_scenario_text(TINY)
    assert first.spec == second.spec and first.spec is not second.spec
    assert hash(first.spec.nodes["hello"].lines[0]) == hash(second.spec.nodes["hello"].lines[0])
    assert copy.deepcopy(first.spec) == first.spec
    assert first.spec.nodes["hello"] != first.spec.nodes["done"]


def test_records_cannot_be_changed() -> None:
    line = load_scenario_text(TINY).spec.nodes["hello"].lines[0]
    with pytest.raises(ValidationError):
        line.text = "changed"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del line.text  # type: ignore[misc]
    assert line.text == "Hi."


def test_a_file_pydantic_rejects_is_not_accepted_by_the_lean_path() -> None:
    data = yaml.safe_load(TINY)
    data["nodes"]["hello"]["choices"][0]["effects"] = {"trust": "lots"}
    assert lean_spec(data) is None
    data = yaml.safe_load(TINY)
    data["nodes"] = {}
    assert lean_spec(data) is None
    data = yaml.safe_load(TINY)
    data["surprise"] = 1
    assert lean_spec(data) is None


def test_problems_are_located_as_before_without_a_source_map_up_front(tmp_path: Path) -> None:
    text = TINY.replace("next: done\n      - id: order", "next: nowhere\n      - id: order")
    path = tmp_path / "tiny.yaml"
    path.write_text(text, encoding="utf-8")
    scenario, diagnostics = check_scenario_file(path, use_cache=False)
    assert scenario is None
    [problem] = [d for d in diagnostics if d.code == "RP020"]
    row = text.splitlines().index("        next: nowhere") + 1
    assert (problem.line, problem.col) == (row, 15)
