"""Lean loading keeps every value the models validated, and locates problems as before.

Nodes, choices and lines are kept as records instead of pydantic models, and the source map is
only built when a diagnostic needs a position. What a user could notice: the loaded scenario
holds exactly what pydantic validated; a record takes every key the model has; nothing can be
changed after loading; problems are reported at the same line and column.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any, get_args

import pytest
import yaml
from pydantic import BaseModel, ValidationError

from roleplay import check_scenario_file, find_scenarios, load_scenario, load_scenario_text
from roleplay.engine._lean import _RECORD_OF, Record, lean_spec, to_jsonable
from roleplay.engine._lean_json import NodeRecords
from roleplay.engine._model import ScenarioSpec
from tests.conftest import SCENARIOS, TINY


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
        assert record.__slots__ == ()  # no __dict__: the point of a record
        assert all(getattr(record, name).__doc__ for name in record._fields)


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


# Every field of every model a scenario is made of, set to something other than its default:
# the records (and the scenario cache) must carry each of them exactly as pydantic validated it.
EVERY_FIELD = """\
format: 1
id: every_field
title: Every field
summary: A scenario that sets every field the format has.
learning_goals: [Keep every field, Lose none]
estimated_minutes: 3
start: desk
shuffle: false
relationship_meters: [trust]
meters:
  trust: {label: Trust, description: How much Jo trusts you., min: -2, max: 12, start: 5,
          hidden: false}
  compliance: {label: Compliance}
flags:
  asked: {description: You asked Jo, start: true, explain: You asked Jo first.,
          explain_not: You never asked Jo.}
  pushed: {description: You pushed}
characters:
  jo: {name: Jo, role: Lead, portrait: characters/jo, expressions: [neutral, pleased]}
backgrounds: {office: backgrounds/open_office.svg}
nodes:
  desk:
    background: office
    title: Jo's desk
    cast: [jo]
    discussion: When does asking beat telling?
    shuffle: true
    lines:
      - {speaker: jo, expression: pleased, text: Glad you came., if: trust >= 5}
      - {text: Jo looks up.}
    choices:
      - id: ask
        text: Ask how it went
        technique: active_listening
        effects: {trust: 1}
        set: {asked: true}
        feedback:
          - Asking first let Jo shape the plan.
          - {text: "Trust was {trust} then.", if: trust >= 5}
        reaction: [{speaker: jo, expression: neutral, text: Thanks., if: flags.asked}]
        next: hall
        if: compliance <= 5
        show_locked: true
        locked_hint: Not now
        once: true
      - id: push
        text: Push for a decision
        technique: direct_instruction
        effects: {compliance: 2}
        set: {pushed: true}
        feedback: Pushing got a yes, not a plan.
        next: over
  hall:
    lines: [{text: The hall.}]
    next: done
  done:
    lines: [{text: Bye.}]
    ending: by_name
  over:
    lines: [{text: Jo shrugs.}]
    end: true
endings:
  - id: shared
    title: Shared
    goal: true
    when:
      - flags.asked
      - {test: trust >= 6, explain: Jo trusted you., missing: Jo did not trust you yet.}
    text:
      - Jo runs with it.
      - {text: She thanks you for asking., if: flags.asked}
    debrief: [Involving people builds commitment.]
  - {id: by_name, title: By name, when: false, text: Jo takes it from here.}
  - id: fallback
    title: Fallback
    goal: false
    text: It ends.
    debrief: Nothing changed.
check:
  - question: What builds commitment?
    shuffle: false
    options:
      - {text: Asking, correct: true, explain: People own what they shape.}
      - {text: Telling, explain: Telling gets compliance.}
"""


def _models_of(model: type[BaseModel]) -> set[type[BaseModel]]:
    """``model`` and every model its fields can hold, however deeply nested."""
    found: set[type[BaseModel]] = set()
    todo: list[Any] = [model]
    while todo:
        annotation = todo.pop()
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            if annotation not in found:
                found.add(annotation)
                todo.extend(info.annotation for info in annotation.model_fields.values())
        else:
            todo.extend(arg for arg in get_args(annotation) if not isinstance(arg, str | int))
    return found


def _set_fields(value: Any, seen: set[tuple[str, str]]) -> None:
    """Record (model, field) for every field of every model in ``value`` not at its default."""
    if isinstance(value, BaseModel):
        for name, info in type(value).model_fields.items():
            item = getattr(value, name)
            default = info.get_default(call_default_factory=True)
            if item != default:
                seen.add((type(value).__name__, name))
            _set_fields(item, seen)
    elif isinstance(value, dict):
        for item in value.values():
            _set_fields(item, seen)
    elif isinstance(value, tuple | list):
        for item in value:
            _set_fields(item, seen)


def assert_same(lean: Any, model: Any, where: str) -> None:
    """``lean`` holds exactly ``model``'s values, field by field, with the same types."""
    if isinstance(model, BaseModel) and type(model) in _RECORD_OF:
        assert type(lean) is _RECORD_OF[type(model)], where
        for name in type(model).model_fields:
            assert_same(getattr(lean, name), getattr(model, name), f"{where}.{name}")
    elif isinstance(model, BaseModel):
        assert type(lean) is type(model), where
        for name in type(model).model_fields:
            assert_same(getattr(lean, name), getattr(model, name), f"{where}.{name}")
    elif isinstance(model, dict):
        # a scenario from the cache reads its nodes on first use (NodeRecords)
        assert type(lean) in (dict, NodeRecords) and list(lean) == list(model), where
        for key in model:
            assert_same(lean[key], model[key], f"{where}[{key!r}]")
    elif isinstance(model, tuple | list):
        assert type(lean) is type(model) and len(lean) == len(model), where
        for index, (mine, theirs) in enumerate(zip(lean, model, strict=True)):
            assert_same(mine, theirs, f"{where}[{index}]")
    else:
        assert type(lean) is type(model) and lean == model, f"{where}: {lean!r} != {model!r}"


def test_the_every_field_scenario_sets_every_field_of_every_model() -> None:
    model = ScenarioSpec.model_validate(yaml.safe_load(EVERY_FIELD))
    seen: set[tuple[str, str]] = set()
    _set_fields(model, seen)
    wanted = {(m.__name__, name) for m in _models_of(ScenarioSpec) for name in m.model_fields}
    # a field added to a model must be set here too, so the comparisons below cover it
    assert wanted - seen == set()


def test_lean_records_hold_every_field_exactly_as_pydantic_validated_it() -> None:
    data = yaml.safe_load(EVERY_FIELD)
    model = ScenarioSpec.model_validate(data)
    lean = lean_spec(data)
    assert lean is not None
    assert_same(lean, model, "spec")
    loaded = load_scenario_text(EVERY_FIELD, folder=SCENARIOS)
    assert_same(loaded.spec, model, "loaded")


def test_the_scenario_cache_gives_back_every_field_exactly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parses: list[str]
) -> None:
    monkeypatch.setenv("ROLEPLAY_HOME", str(tmp_path / "home"))
    path = tmp_path / "every_field.yaml"
    path.write_text(EVERY_FIELD, encoding="utf-8")
    model = ScenarioSpec.model_validate(yaml.safe_load(EVERY_FIELD))
    fresh = load_scenario(path)  # validated, and written to the cache
    cached = load_scenario(path)
    assert cached is not fresh and list((tmp_path / "home").rglob("*.json"))
    assert parses == ["every_field.yaml"]  # the second load was served from the cache
    assert_same(cached.spec, model, "cached")
    assert_same(dict(cached.techniques), dict(fresh.techniques), "techniques")
