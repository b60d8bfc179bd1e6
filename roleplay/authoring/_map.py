"""``roleplay map``: a self-contained, interactive story map in one HTML file.

Graphviz lays the story out (``dot -Tsvg``); the SVG is inlined with everything a designer wants
to read about each node (lines, choices with conditions, effects, techniques, lint notes) as
JSON beside it, and a little script pans, zooms and shows a node's details on click. The first
ending is the goal ending (the one the scenario wants the player to earn).
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

from roleplay.authoring._graph import (
    KIND_COLOURS,
    Edge,
    distances,
    render_svg,
    wrap,
)
from roleplay.authoring._lint import LintReport
from roleplay.authoring._map_page import page
from roleplay.authoring.solver import Exploration
from roleplay.engine._diagnostics import Diagnostic
from roleplay.engine._document import Document
from roleplay.engine._expr import describe
from roleplay.engine._prose import plain
from roleplay.engine._scenario import CompiledChoice, CompiledLine, CompiledNode, Scenario
from roleplay.reports import family_color

GOAL_COLOUR = "#fde047"
SHAPES = {"decision": "box", "narration": "ellipse", "end": "octagon", "ending": "doubleoctagon"}


@dataclass(frozen=True)
class MapEdge:
    """An arrow of the story map, with the CSS classes the page styles it by."""

    source: str
    target: str
    label: str
    family: str
    classes: str  # "choice", "hidden", "locked", "once", "next", "ending", "rules"


def node_box_id(node_id: str) -> str:
    """The SVG element id of a node."""
    return f"n-{node_id}"


def ending_box_id(ending_id: str) -> str:
    """The SVG element id of an ending."""
    return f"x-{ending_id}"


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _choice_classes(choice: CompiledChoice) -> str:
    classes = ["choice"]
    if choice.condition is not None:
        classes.append("locked" if choice.show_locked else "hidden")
    if choice.once:
        classes.append("once")
    return " ".join(classes)


def map_edges(scenario: Scenario, report: LintReport) -> list[MapEdge]:
    """Every arrow: choices, ``next``, forced endings and the endings the rules lead to."""
    edges: list[MapEdge] = []
    for node_id, node in scenario.nodes.items():
        for choice in node.choices:
            family = scenario.technique_family(choice.technique)
            classes = _choice_classes(choice)
            mark = "[locked] " if "locked" in classes else "[if] " if "hidden" in classes else ""
            label = wrap(f"{choice.index + 1}. {mark}{choice.text}", 30)
            edges.append(MapEdge(node_id, choice.next_id, label, family, classes))
        if node.spec.next is not None:
            edges.append(MapEdge(node_id, node.spec.next, "", "", "next"))
        if node.spec.ending is not None:
            edges.append(MapEdge(node_id, f"ending:{node.spec.ending}", "", "", "ending"))
    found = report.exploration
    for ending_id, node_id in sorted(found.ending_nodes if found else ()):
        if scenario.nodes[node_id].spec.ending is None:
            edges.append(MapEdge(node_id, f"ending:{ending_id}", "", "", "rules"))
    return edges


def _kind(node: CompiledNode) -> str:
    if node.is_terminal:
        return "end"
    return "decision" if node.choices else "narration"


def map_dot(scenario: Scenario, edges: list[MapEdge], reachable: set[str]) -> str:
    """DOT for the map: ids and classes on every element, top to bottom by distance."""
    out = [
        f"digraph {_quote(scenario.id)} {{",
        "  rankdir=TB; newrank=true; nodesep=0.35; ranksep=0.75; bgcolor=transparent;",
        '  node [fontname="Helvetica", fontsize=10, style="filled,rounded", shape=box];',
        '  edge [fontname="Helvetica", fontsize=9, color="#6b7280"];',
    ]
    for node_id, node in scenario.nodes.items():
        kind = _kind(node)
        first = node.spec.lines[0].text
        start = node_id == scenario.start
        label = ("START: " if start else "") + f"{node_id}\n{wrap(first)}"
        classes = " ".join([kind] + (["start"] if start else []) + _unreachable(node_id, reachable))
        extra = ", peripheries=2, penwidth=2" if start else ""
        out.append(
            f"  {_quote(node_id)} [id={_quote(node_box_id(node_id))}, class={_quote(classes)}, "
            f"label={_quote(label)}, shape={SHAPES[kind]}, "
            f'fillcolor="{KIND_COLOURS[kind]}"{extra}];'
        )
    out += _ending_boxes(scenario)
    out += [_edge_line(edge) for edge in edges]
    out += _ranks(scenario, edges)
    out.append("}")
    return "\n".join(out) + "\n"


def _unreachable(node_id: str, reachable: set[str]) -> list[str]:
    return [] if not reachable or node_id in reachable else ["unreachable"]


def _ending_boxes(scenario: Scenario) -> list[str]:
    lines = []
    for index, ending in enumerate(scenario.endings):
        goal = index == 0
        label = ("GOAL: " if goal else "END: ") + f"{ending.id}\n{wrap(ending.title)}"
        colour = GOAL_COLOUR if goal else KIND_COLOURS["ending"]
        classes = "ending goal" if goal else "ending"
        extra = ", penwidth=3" if goal else ""
        lines.append(
            f"  {_quote('ending:' + ending.id)} [id={_quote(ending_box_id(ending.id))}, "
            f"class={_quote(classes)}, label={_quote(label)}, shape=doubleoctagon, "
            f'fillcolor="{colour}"{extra}];'
        )
    return lines


def _edge_line(edge: MapEdge) -> str:
    colour = family_color(edge.family)
    style = "dashed" if "hidden" in edge.classes else "dotted" if "locked" in edge.classes else ""
    if edge.classes == "rules":
        style = "dashed"
    attributes = [
        f"class={_quote(edge.classes)}",
        f"label={_quote(edge.label)}",
        f'color="{colour}"',
        f'fontcolor="{colour}"',
    ]
    if style:
        attributes.append(f"style={style}")
    if "locked" in edge.classes:
        attributes.append("arrowhead=odot")
    return f"  {_quote(edge.source)} -> {_quote(edge.target)} [{', '.join(attributes)}];"


def _ranks(scenario: Scenario, edges: list[MapEdge]) -> list[str]:
    plain = [Edge(e.source, e.target, "", "") for e in edges]
    by_distance: dict[int, list[str]] = {}
    for node_id, distance in distances(scenario, plain).items():
        by_distance.setdefault(distance, []).append(node_id)
    groups = [by_distance[d] for d in sorted(by_distance)]
    groups.append([f"ending:{e.id}" for e in scenario.endings])
    return [f"  {{rank=same; {'; '.join(_quote(i) for i in group)};}}" for group in groups]


# --- the data beside the picture ------------------------------------------------------------
def _line(scenario: Scenario, line: CompiledLine) -> dict[str, Any]:
    speaker = line.spec.speaker
    character = scenario.spec.characters.get(speaker) if speaker else None
    return {
        "speaker": character.name if character else speaker,
        "expression": line.spec.expression,
        "text": line.spec.text,
        "if": line.spec.if_,
        "if_words": describe(line.condition, scenario.labels) if line.condition else None,
    }


def _choice(scenario: Scenario, choice: CompiledChoice) -> dict[str, Any]:
    technique = scenario.techniques.get(choice.technique)
    spec = choice.spec
    return {
        "n": choice.index + 1,
        "id": choice.id,
        "text": spec.text,
        "technique": spec.technique,
        "technique_label": technique.label if technique else "",
        "family": technique.family if technique else "",
        "ethical": technique.ethical if technique else None,
        "if": spec.if_,
        "if_words": describe(choice.condition, scenario.labels) if choice.condition else None,
        "show_locked": spec.show_locked,
        "locked_hint": spec.locked_hint,
        "once": spec.once,
        "effects": dict(spec.effects),
        "set": dict(spec.set),
        "feedback": plain(spec.feedback),
        "reaction": [_line(scenario, line) for line in choice.reaction],
        "next": spec.next,
    }


def _notes(diagnostics: list[Diagnostic]) -> list[dict[str, Any]]:
    return [
        {
            "code": d.code,
            "severity": d.severity,
            "message": d.message,
            "hint": d.hint,
            "line": d.line,
        }
        for d in diagnostics
    ]


def _owners(doc: Document, scenario: Scenario) -> tuple[list[int], list[str]]:
    """Start lines of nodes and endings in the file, sorted, with who starts there."""
    starts = [(doc.pos(("nodes", n), key=True)[0], f"node:{n}") for n in scenario.nodes]
    starts += [
        (doc.pos(("endings", i))[0], f"ending:{e.id}") for i, e in enumerate(scenario.endings)
    ]
    starts.sort()
    return [line for line, _ in starts], [owner for _, owner in starts]


def notes_by_owner(
    doc: Document, scenario: Scenario, report: LintReport
) -> dict[str, list[Diagnostic]]:
    """Diagnostics grouped by the node or ending whose lines they point into."""
    lines, owners = _owners(doc, scenario)
    grouped: dict[str, list[Diagnostic]] = {}
    for diagnostic in report.diagnostics:
        at = bisect_right(lines, diagnostic.line) - 1
        owner = owners[at] if at >= 0 else "scenario"
        grouped.setdefault(owner, []).append(diagnostic)
    return grouped


def _node_data(
    scenario: Scenario, node: CompiledNode, found: Exploration | None, context: _Context
) -> dict[str, Any]:
    meters = found.node_meters.get(node.id, {}) if found else {}
    return {
        "id": node.id,
        "kind": _kind(node),
        "start": node.id == scenario.start,
        "reachable": found is None or node.id in found.node_witness,
        "background": node.spec.background,
        "discussion": node.spec.discussion,
        "lines": [_line(scenario, line) for line in node.lines],
        "choices": [_choice(scenario, choice) for choice in node.choices],
        "next": node.spec.next,
        "end": node.spec.end,
        "ending": node.spec.ending,
        "meters": {meter: list(bounds) for meter, bounds in meters.items()},
        "from": sorted(set(context.incoming.get(node.id, ()))),
        "notes": _notes(context.notes.get(f"node:{node.id}", [])),
    }


def _ending_data(
    scenario: Scenario, index: int, found: Exploration | None, context: _Context
) -> dict[str, Any]:
    rule = scenario.ending_rules[index]
    ending = rule.spec
    result = found.endings.get(ending.id) if found else None
    return {
        "id": ending.id,
        "title": ending.title,
        "goal": rule.goal,
        "when": rule.source,
        "when_words": describe(rule.condition, scenario.labels) if rule.condition else None,
        "text": plain(ending.text),
        "debrief": plain(ending.debrief),
        "reachable": result.reachable if result else None,
        "witness": list(result.witness) if result and result.witness else None,
        "from": sorted(set(context.incoming.get(f"ending:{ending.id}", ()))),
        "notes": _notes(context.notes.get(f"ending:{ending.id}", [])),
    }


@dataclass(frozen=True)
class _Context:
    incoming: dict[str, list[str]]
    notes: dict[str, list[Diagnostic]]


def map_data(scenario: Scenario, report: LintReport, doc: Document) -> dict[str, Any]:
    """Everything the page shows about each node and ending, as JSON-ready data."""
    incoming: dict[str, list[str]] = {}
    for edge in map_edges(scenario, report):
        incoming.setdefault(edge.target, []).append(edge.source)
    notes = notes_by_owner(doc, scenario, report)
    context = _Context(incoming, notes)
    found = report.exploration
    return {
        "id": scenario.id,
        "title": scenario.title,
        "nodes": {
            n: _node_data(scenario, node, found, context) for n, node in scenario.nodes.items()
        },
        "endings": [
            _ending_data(scenario, i, found, context) for i in range(len(scenario.endings))
        ],
        "scenario_notes": _notes(notes.get("scenario", [])),
    }


_SVG_SIZE = re.compile(r'<svg width="[^"]*" height="[^"]*"')


def build_map(scenario: Scenario, report: LintReport, doc: Document) -> str:
    """The whole HTML page; raises GraphvizMissing when ``dot`` is not installed."""
    edges = map_edges(scenario, report)
    reachable = set(report.exploration.node_witness) if report.exploration else set()
    svg = render_svg(map_dot(scenario, edges, reachable))
    svg = svg[svg.index("<svg") :]  # drop the XML prolog and doctype: the SVG is inline
    svg = _SVG_SIZE.sub('<svg id="map" width="100%" height="100%"', svg, count=1)
    data = json.dumps(map_data(scenario, report, doc), ensure_ascii=False)
    return page(scenario.title, svg, data.replace("</", "<\\/"))
