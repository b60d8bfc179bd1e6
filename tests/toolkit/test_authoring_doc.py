"""docs/authoring.md: its examples are valid scenarios and every lint code is shown by one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import BaseModel

from roleplay import check_scenario_file
from roleplay.authoring._lint import LINT_CODES, lint_file
from roleplay.engine import _model
from tests.conftest import ROOT

DOC = ROOT / "docs" / "authoring.md"
TEXT = DOC.read_text(encoding="utf-8")
FENCE = re.compile(r"```yaml\n(.*?)```", re.S)
LINT_EXAMPLE = re.compile(r"<!-- lint-example: (RP\d+)([^>]*)-->\s*```yaml\n(.*?)```", re.S)

SCENARIOS = [block for block in FENCE.findall(TEXT) if re.search(r"^format: 1$", block, re.M)]
EXAMPLES = {m.group(1): (m.group(2).split(), m.group(3)) for m in LINT_EXAMPLE.finditer(TEXT)}


@pytest.mark.parametrize("index", range(len(SCENARIOS)))
def test_yaml_examples_are_valid_scenarios(index: int, tmp_path: Path) -> None:
    path = tmp_path / f"example_{index}.yaml"
    path.write_text(SCENARIOS[index], encoding="utf-8")
    scenario, diagnostics = check_scenario_file(path)
    assert scenario is not None, "\n".join(d.format(with_snippet=True) for d in diagnostics)


def test_the_guide_has_examples() -> None:
    assert len(SCENARIOS) >= len(LINT_CODES) + 1


def test_first_example_lints_clean(tmp_path: Path) -> None:
    path = tmp_path / "first.yaml"
    path.write_text(SCENARIOS[0], encoding="utf-8")
    assert lint_file(path).diagnostics == []


@pytest.mark.parametrize("code", sorted(LINT_CODES))
def test_every_lint_code_is_reported_for_its_documented_example(code: str, tmp_path: Path) -> None:
    assert code in EXAMPLES, f"docs/authoring.md has no '<!-- lint-example: {code} -->' example"
    options, text = EXAMPLES[code]
    max_states = int(options[options.index("--max-states") + 1]) if options else 1_000_000
    path = tmp_path / f"{code}.yaml"
    path.write_text(text, encoding="utf-8")
    report = lint_file(path, max_states=max_states)
    codes = [d.code for d in report.diagnostics]
    assert code in codes, f"{code} example reported {codes}"
    assert not [c for c in codes if c < "RP100"], "examples must pass validate"
    title = LINT_CODES[code][0]
    assert f"#### {code} {title}" in TEXT


def test_every_key_of_the_format_is_documented() -> None:
    models = [_model.ScenarioSpec, _model.Meter, _model.Flag, _model.Character]
    models += [_model.LineSpec, _model.Choice, _model.Node, _model.Ending, _model.Paragraph]
    models += [_model.RulePart, _model.CheckQuestion, _model.CheckOption]
    for model in models:
        assert issubclass(model, BaseModel)
        for name, info in model.model_fields.items():
            key = info.alias or name
            assert f"| `{key}` |" in TEXT, f"{model.__name__}.{key} is not in the key tables"


def test_the_guide_covers_every_tool() -> None:
    for command in ("validate", "lint", "graph", "storyboard", "test", "new", "schema"):
        assert f"roleplay {command}" in TEXT
    assert "--record" in TEXT and "yaml-language-server" in TEXT and "diagnostics.md" in TEXT
    assert "--from NODE" in TEXT and "--set NAME=VALUE" in TEXT and "flags:" in TEXT
