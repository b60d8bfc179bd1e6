"""``roleplay graph``: a story map of a scenario as Graphviz DOT, Mermaid or SVG.

Nodes are coloured by kind (decision, narration with ``next``, ending node), the start is
marked, endings are drawn as their own nodes, and every edge carries the choice number, a short
text and its technique family. Which endings an ``end: true`` node can lead to comes from the
solver, so the map shows what play can really do.
"""

from __future__ import annotations

import shutil
import subprocess
import textwrap
from collections import deque
from dataclasses import dataclass

from roleplay.authoring.solver import explore
from roleplay.engine._scenario import CompiledNode, Scenario
from roleplay.reports import family_color

GRAPHVIZ_MISSING = "install Graphviz (apt install graphviz) for svg, or use --format dot/mermaid"

KIND_COLOURS = {
    "decision": "#dbeafe",
    "narration": "#f3f4f6",
    "end": "#fde68a",
    "ending": "#bbf7d0",
}


class GraphvizMissing(Exception):
    """The ``dot`` program is not installed."""


@dataclass(frozen=True)
class Box:
    """A node of the map."""

    id: str
    label: str
    kind: str  # decision, narration, end or ending
    start: bool = False


@dataclass(frozen=True)
class Edge:
    """An arrow of the map."""

    source: str
    target: str
    label: str
    family: str
    conditional: bool = False


def short(text: str, limit: int = 28) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def wrap(text: str, width: int = 26) -> str:
    """``text`` wrapped onto lines of about ``width`` characters, nothing cut."""
    lines = textwrap.wrap(" ".join(text.split()), width, break_long_words=False)
    return "\n".join(lines)


def distances(scenario: Scenario, edges: list[Edge]) -> dict[str, int]:
    """How many steps each node is from the start (unreachable nodes are left out)."""
    targets: dict[str, list[str]] = {}
    for edge in edges:
        targets.setdefault(edge.source, []).append(edge.target)
    found = {scenario.start: 0}
    queue = deque([scenario.start])
    while queue:
        node_id = queue.popleft()
        for target in targets.get(node_id, ()):
            if target not in found and target in scenario.nodes:
                found[target] = found[node_id] + 1
                queue.append(target)
    return found


def ending_box_id(ending_id: str) -> str:
    """The map id of an ending (kept apart from node ids)."""
    return f"ending__{ending_id}"


def _kind(node: CompiledNode) -> str:
    if node.is_terminal:
        return "end"
    return "decision" if node.choices else "narration"


def build_graph(scenario: Scenario) -> tuple[list[Box], list[Edge]]:
    """The boxes and edges of a scenario's story map."""
    boxes = [
        Box(
            node_id,
            f"{node_id}\n{wrap(node.spec.lines[0].text)}",
            _kind(node),
            node_id == scenario.start,
        )
        for node_id, node in scenario.nodes.items()
    ]
    boxes += [
        Box(ending_box_id(e.id), f"END {e.id}\n{wrap(e.title)}", "ending") for e in scenario.endings
    ]
    edges: list[Edge] = []
    for node_id, node in scenario.nodes.items():
        for choice in node.choices:
            family = scenario.technique_family(choice.spec.technique)
            label = f"{choice.index + 1}. {choice.spec.text}"
            if family:
                label += f" [{family}]"
            edges.append(
                Edge(
                    node_id, choice.spec.next, wrap(label, 30), family, choice.condition is not None
                )
            )
        if node.spec.next is not None:
            edges.append(Edge(node_id, node.spec.next, "next", ""))
        if node.spec.ending is not None:
            edges.append(Edge(node_id, ending_box_id(node.spec.ending), "ending", ""))
    edges += _resolved_endings(scenario)
    return boxes, edges


def _resolved_endings(scenario: Scenario) -> list[Edge]:
    found = explore(scenario, max_states=200_000)
    edges = []
    for ending_id, node_id in sorted(found.ending_nodes):
        if scenario.nodes[node_id].spec.ending is None:
            edges.append(Edge(node_id, ending_box_id(ending_id), "rules", "", True))
    return edges


# --- DOT ------------------------------------------------------------------------------------
def _dot_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def to_dot(scenario: Scenario, direction: str = "TB") -> str:
    """The story map in Graphviz DOT: top to bottom (``direction`` "LR": left to right),
    nodes ranked by their distance from the start and the endings on the last rank."""
    boxes, edges = build_graph(scenario)
    out = [
        f"digraph {_dot_quote(scenario.id)} {{",
        f"  rankdir={direction}; newrank=true; nodesep=0.3; ranksep=0.5;",
        f"  label={_dot_quote(scenario.title)}; labelloc=t; fontname=Helvetica;",
        '  node [fontname=Helvetica, fontsize=10, style="filled,rounded", shape=box];',
        "  edge [fontname=Helvetica, fontsize=9];",
    ]
    shapes = {
        "decision": "box",
        "narration": "ellipse",
        "end": "octagon",
        "ending": "doubleoctagon",
    }
    for box in boxes:
        extra = ", peripheries=2, penwidth=2" if box.start else ""
        label = ("START: " if box.start else "") + box.label
        out.append(
            f"  {_dot_quote(box.id)} [label={_dot_quote(label)}, shape={shapes[box.kind]}, "
            f'fillcolor="{KIND_COLOURS[box.kind]}"{extra}];'
        )
    for edge in edges:
        style = ", style=dashed" if edge.conditional else ""
        colour = family_color(edge.family)
        out.append(
            f"  {_dot_quote(edge.source)} -> {_dot_quote(edge.target)} "
            f'[label={_dot_quote(edge.label)}, color="{colour}", fontcolor="{colour}"{style}];'
        )
    out += _ranks(scenario, boxes, edges)
    out.append("}")
    return "\n".join(out) + "\n"


def _ranks(scenario: Scenario, boxes: list[Box], edges: list[Edge]) -> list[str]:
    """DOT rank groups: one per distance from the start, endings together at the bottom."""
    by_distance: dict[int, list[str]] = {}
    for node_id, distance in distances(scenario, edges).items():
        by_distance.setdefault(distance, []).append(node_id)
    groups = [by_distance[d] for d in sorted(by_distance)]
    groups.append([b.id for b in boxes if b.kind == "ending"])
    lines = []
    for index, group in enumerate(groups):
        rank = "sink" if index == len(groups) - 1 else ("source" if index == 0 else "same")
        lines.append(f"  {{rank={rank}; {'; '.join(_dot_quote(i) for i in group)};}}")
    return lines


# --- Mermaid --------------------------------------------------------------------------------
def _mermaid_text(text: str) -> str:
    return text.replace('"', "#quot;").replace("\n", "<br/>")


def to_mermaid(scenario: Scenario, direction: str = "TB") -> str:
    """The story map as a Mermaid flowchart (top down, or ``direction`` "LR")."""
    boxes, edges = build_graph(scenario)
    out = ["flowchart " + ("LR" if direction == "LR" else "TD")]
    shapes = {
        "decision": ('["', '"]'),
        "narration": ('("', '")'),
        "end": ('{{"', '"}}'),
        "ending": ('(["', '"])'),
    }
    for box in boxes:
        left, right = shapes[box.kind]
        label = ("START: " if box.start else "") + box.label
        out.append(f"  {box.id}{left}{_mermaid_text(label)}{right}:::{_mermaid_class(box.kind)}")
    for index, edge in enumerate(edges):
        arrow = "-.->" if edge.conditional else "-->"
        out.append(f'  {edge.source} {arrow}|"{_mermaid_text(edge.label)}"| {edge.target}')
        colour = family_color(edge.family)
        out.append(f"  linkStyle {index} stroke:{colour},color:{colour}")
    for kind, colour in KIND_COLOURS.items():
        out.append(f"  classDef {_mermaid_class(kind)} fill:{colour},stroke:#374151,color:#111827")
    starts = [b.id for b in boxes if b.start]
    if starts:
        out.append(f"  style {starts[0]} stroke-width:4px")
    return "\n".join(out) + "\n"


# --- SVG ------------------------------------------------------------------------------------
def to_svg(scenario: Scenario, direction: str = "TB") -> str:
    """The story map rendered by Graphviz ``dot``; raises GraphvizMissing without it."""
    return render_svg(to_dot(scenario, direction))


def render_svg(dot: str) -> str:
    """SVG for DOT text, laid out by Graphviz ``dot``; raises GraphvizMissing without it."""
    program = shutil.which("dot")
    if program is None:
        raise GraphvizMissing(GRAPHVIZ_MISSING)
    result = subprocess.run(
        [program, "-Tsvg"],
        input=dot,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if result.returncode != 0:
        raise GraphvizMissing(f"dot failed: {result.stderr.strip()}")
    return result.stdout


RENDERERS = {"dot": to_dot, "mermaid": to_mermaid, "svg": to_svg}


def _mermaid_class(kind: str) -> str:
    """A Mermaid class name for a node kind (``end`` is a reserved word in Mermaid)."""
    return f"kind_{kind}"
