"""A missing required key (RP011) is pointed at where the designer has to write it.

The caret goes to the first key of the mapping that lacks the key (below any comment at the top
of the file, inside ``{...}``, on the line after a lone ``-``), or, for an empty ``{}``, to the
``- `` of its list item or the key it belongs to. The hint names the key with a short example.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from roleplay.engine._diagnostics import Diagnostic
from roleplay.engine._loader import check_scenario_file
from tests.conftest import ROOT
from tests.test_yaml_mistakes import BASE

SCHEMA_LINE = "# yaml-language-server: $schema=scenario.schema.json\n\n"
CHECK = "check:\n  - question: Q?\n    options:\n      - {text: A, correct: true, explain: Yes.}\n"
LAST_ENDING = "  - id: fine\n    title: Fine\n    text: Done.\n"
EMPTY_CHOICE = "      - {}\n"
ORDER = (
    "      - text: Order\n        technique: direct_instruction\n"
    "        effects: {trust: -9, compliance: 3}\n        next: done\n"
)


@dataclass(frozen=True)
class Shape:
    """One way of leaving a key out: ``old`` in BASE becomes ``new``; the caret must be on the
    first character of ``at`` (a fragment found on one row only)."""

    name: str
    old: str
    new: str
    at: str
    key: str
    hint: str
    before: str = ""  # text put in front of the file

    def text(self) -> str:
        """The scenario with the key left out."""
        assert BASE.count(self.old) == 1, self.old
        return self.before + BASE.replace(self.old, self.new)

    def position(self) -> tuple[int, int]:
        """1-based line and column where the caret belongs."""
        rows = self.text().splitlines()
        found = [(n, row.index(self.at) + 1) for n, row in enumerate(rows, 1) if self.at in row]
        assert len(found) == 1, (self.at, found)
        return found[0]


SHAPES = [
    Shape(
        "node_without_lines",
        "    lines: [{text: Bye.}]\n    end: true",
        "    end: true",
        "end: true",
        "lines",
        "add 'lines:' here, e.g. lines: [{text: The meeting starts.}]",
    ),
    Shape(
        "choice_without_text",
        "      - text: Order\n        technique: direct_instruction",
        "      - technique: direct_instruction",
        "technique: direct_instruction",
        "text",
        "add 'text:' here, e.g. text: \"What would make it fair for you?\"",
    ),
    Shape(
        "choice_without_next",
        "        once: true\n        next: done\n",
        "        once: true\n",
        "text: Listen",
        "next",
        "add 'next:' here, e.g. next: done (the node this leads to)",
    ),
    Shape(
        "ending_without_title",
        "  - id: fine\n    title: Fine\n",
        "  - id: fine\n",
        "id: fine",
        "title",
        "add 'title:' here, e.g. title: A rota people keep",
    ),
    Shape(
        "ending_last_in_the_file_without_a_newline",
        "    title: Fine\n    text: Done.\n",
        "    title: Fine",
        "id: fine",
        "text",
        "add 'text:' here, e.g. text: The rota runs itself.",
    ),
    Shape(
        "ending_with_its_dash_on_a_line_of_its_own",
        "  - id: fine\n    title: Fine\n",
        "  -\n    id: fine\n",
        "id: fine",
        "title",
        "add 'title:' here, e.g. title: A rota people keep",
    ),
    Shape(
        "top_level_without_id_below_the_schema_line",
        "id: tiny\n",
        "",
        "format: 1",
        "id",
        "add 'id:' here, e.g. id: mistake",
        before=SCHEMA_LINE,
    ),
    Shape(
        "top_level_without_title_below_the_schema_line",
        "title: Tiny\n",
        "",
        "format: 1",
        "title",
        "add 'title:' here, e.g. title: The rota talk",
        before=SCHEMA_LINE,
    ),
    Shape(
        "top_level_without_start_below_a_comment",
        "start: hello\n",
        "",
        "format: 1",
        "start",
        "add 'start:' here, e.g. start: hello (the node the story begins at)",
        before="# The tiny scenario\n",
    ),
    Shape(
        "top_level_without_format",
        "format: 1\n",
        "",
        "id: tiny",
        "format",
        "add 'format:' here, e.g. format: 1",
        before=SCHEMA_LINE,
    ),
    Shape(
        "flow_meter_without_label",
        "trust: {label: Trust, start: 5}",
        "trust: {start: 5}",
        "start: 5}",
        "label",
        "add 'label:' here, e.g. label: Trust",
    ),
    Shape(
        "flow_line_without_text",
        "lines: [{text: Bye.}]",
        "lines: [{speaker: jo}]",
        "speaker: jo}",
        "text",
        "add 'text:' here, e.g. text: Morning, everyone.",
    ),
    Shape(
        "empty_meter",
        "trust: {label: Trust, start: 5}",
        "trust: {}",
        "trust: {}",
        "label",
        "this meter is empty: add 'label:' between the braces, e.g. {label: Trust}",
    ),
    Shape(
        "empty_choice",
        ORDER,
        EMPTY_CHOICE,
        "- {}",
        "text",
        "this choice is empty: add 'text:' between the braces, "
        'e.g. {text: "What would make it fair for you?"}',
    ),
    Shape(
        "empty_line_in_a_flow_list",
        "lines: [{text: Bye.}]",
        "lines: [{}]",
        "{}]",
        "text",
        "this line is empty: add 'text:' between the braces, e.g. {text: Morning, everyone.}",
    ),
    Shape(
        "empty_ending_last_in_the_file",
        LAST_ENDING,
        "  - {}",
        "- {}",
        "title",
        "this ending is empty: add 'title:' between the braces, e.g. {title: A rota people keep}",
    ),
    Shape(
        "character_without_name",
        "jo: {name: Jo, expressions: [neutral, pleased]}",
        "jo:\n    expressions: [neutral, pleased]",
        "expressions: [neutral, pleased]",
        "name",
        "add 'name:' here, e.g. name: Jo",
    ),
    Shape(
        "reaction_line_without_text",
        "        once: true\n",
        "        once: true\n        reaction:\n          - expression: pleased\n"
        "            speaker: jo\n",
        "expression: pleased",
        "text",
        "add 'text:' here, e.g. text: Morning, everyone.",
    ),
    Shape(
        "ending_rule_part_without_test",
        "    when: >-\n      trust >= 7 and\n      flags.heard_priya\n",
        "    when:\n      - trust >= 7\n      - explain: You heard Priya out\n",
        "explain: You heard Priya out",
        "test",
        "add 'test:' here, e.g. test: trust >= 6",
    ),
    Shape(
        "knowledge_check_option_without_explain",
        LAST_ENDING,
        LAST_ENDING + CHECK + "      - text: Maybe\n",
        "text: Maybe",
        "explain",
        "add 'explain:' here, e.g. explain: People keep agreements they helped make.",
    ),
]


def missing(tmp_path: Path, text: str, key: str) -> Diagnostic:
    """The one RP011 about ``key`` that checking ``text`` reports."""
    path = tmp_path / "mistake.yaml"
    path.write_text(text, encoding="utf-8")
    _, diagnostics = check_scenario_file(path, use_cache=False)
    found = [d for d in diagnostics if d.code == "RP011" and f"key '{key}'" in d.message]
    assert len(found) == 1, [d.format() for d in diagnostics]
    return found[0]


@pytest.mark.parametrize("shape", SHAPES, ids=lambda shape: shape.name)
def test_missing_key_points_where_it_belongs(shape: Shape, tmp_path: Path) -> None:
    found = missing(tmp_path, shape.text(), shape.key)
    assert found.message.startswith(f"missing required key '{shape.key}'")
    assert (found.line, found.col) == shape.position()
    assert found.hint == shape.hint


def test_every_key_missing_from_one_mapping_points_at_the_same_place(tmp_path: Path) -> None:
    text = BASE.replace(ORDER, EMPTY_CHOICE)
    line = text.splitlines().index(EMPTY_CHOICE.rstrip("\n")) + 1
    for key in ("text", "technique", "next"):
        found = missing(tmp_path, text, key)
        assert (found.line, found.col) == (line, 7), key


def test_an_empty_file_mapping_points_at_its_braces(tmp_path: Path) -> None:
    found = missing(tmp_path, "# a scenario, one day\n{}\n", "format")
    assert (found.line, found.col) == (2, 1)
    assert found.hint == "this file is empty: add 'format:' between the braces, e.g. {format: 1}"


@pytest.mark.parametrize(
    "shape",
    [s for s in SHAPES if s.name in ("top_level_without_id_below_the_schema_line", "empty_choice")],
    ids=lambda shape: shape.name,
)
def test_validate_shows_the_caret_under_the_place(shape: Shape, tmp_path: Path) -> None:
    path = tmp_path / "mistake.yaml"
    path.write_text(shape.text(), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "roleplay", "validate", "--no-cache", str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 1
    line, col = shape.position()
    rows = result.stdout.splitlines()
    head = next(i for i, row in enumerate(rows) if f"key '{shape.key}'" in row)
    assert rows[head].startswith(f"{path}:{line}:{col}: RP011 error: missing required key")
    snippet, caret, hint = rows[head + 1 : head + 4]
    assert snippet == f"{line:>5} | {shape.text().splitlines()[line - 1]}"
    assert caret == " " * (len(f"{line:>5} | ") + col - 1) + "^"
    assert hint == f"      = hint: {shape.hint}"
