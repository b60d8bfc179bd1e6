"""``roleplay graph``: a story map of a scenario as Graphviz DOT, Mermaid or SVG.

Nodes are coloured by kind (decision, narration with ``next``, ending node), the start is
marked, endings are drawn as their own nodes, and every edge carries the choice number, a short
text and its technique family. Which endings an ``end: true`` node can lead to comes from the
solver, so the map shows what play can really do.
"""

from __future__ import annotations

import shutil
import subprocess
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
            f"{node_id}\n{short(node.spec.lines[0].text)}",
            _kind(node),
            node_id == scenario.start,
        )
        for node_id, node in scenario.nodes.items()
    ]
    boxes += [
        Box(ending_box_id(e.id), f"END {e.id}\n{short(e.title)}", "ending")
        for e in scenario.endings
    ]
    edges: list[Edge] = []
    for node_id, node in scenario.nodes.items():
        for choice in node.choices:
            family = scenario.technique_family(choice.spec.technique)
            label = f"{choice.index + 1}. {short(choice.spec.text, 24)}"
            if family:
                label += f" [{family}]"
            edges.append(
                Edge(node_id, choice.spec.next, label, family, choice.condition is not None)
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


def to_dot(scenario: Scenario) -> str:
    """The story map in Graphviz DOT."""
    boxes, edges = build_graph(scenario)
    out = [
        f"digraph {_dot_quote(scenario.id)} {{",
        "  rankdir=LR;",
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
    out.append("}")
    return "\n".join(out) + "\n"


# --- Mermaid --------------------------------------------------------------------------------
def _mermaid_text(text: str) -> str:
    return text.replace('"', "#quot;").replace("\n", "<br/>")


def to_mermaid(scenario: Scenario) -> str:
    """The story map as a Mermaid flowchart."""
    boxes, edges = build_graph(scenario)
    out = ["flowchart LR"]
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
def to_svg(scenario: Scenario) -> str:
    """The story map rendered by Graphviz ``dot``; raises GraphvizMissing without it."""
    program = shutil.which("dot")
    if program is None:
        raise GraphvizMissing(GRAPHVIZ_MISSING)
    result = subprocess.run(
        [program, "-Tsvg"],
        input=to_dot(scenario),
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
