"""The JSON Schema of a scenario file (draft-07), generated from the pydantic models.

Editors use it through the YAML language server (``# yaml-language-server: $schema=...`` on a
scenario's first line) for completion, hover docs and instant errors.
"""

from __future__ import annotations

import json
from typing import Any

from roleplay.engine._model import ScenarioSpec

SCHEMA_URI = "http://json-schema.org/draft-07/schema#"
SCHEMA_ID = "https://roleplay.invalid/scenario.schema.json"


def scenario_schema() -> dict[str, Any]:
    """The scenario JSON Schema: ``definitions`` instead of ``$defs``, closed objects."""
    raw = ScenarioSpec.model_json_schema(by_alias=True)
    definitions = raw.pop("$defs", {})
    schema: dict[str, Any] = {"$schema": SCHEMA_URI, "$id": SCHEMA_ID}
    schema.update(raw)
    schema["title"] = "roleplay scenario"
    schema["description"] = (
        "A branching role-play scenario (format 1). See docs/authoring.md for the guide."
    )
    schema["definitions"] = dict(sorted(definitions.items()))
    converted = _convert(schema)
    assert isinstance(converted, dict)
    return converted


def _convert(value: Any) -> Any:
    """Rewrite $defs references and close every object schema."""
    if isinstance(value, list):
        return [_convert(v) for v in value]
    if not isinstance(value, dict):
        return value
    result = {k: _convert(v) for k, v in value.items()}
    ref = result.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        result["$ref"] = "#/definitions/" + ref[len("#/$defs/") :]
    if result.get("type") == "object" and "properties" in result:
        result["additionalProperties"] = False
    return result


def schema_text() -> str:
    """The schema as the JSON text committed in docs/scenario.schema.json."""
    return json.dumps(scenario_schema(), indent=2, ensure_ascii=False) + "\n"
