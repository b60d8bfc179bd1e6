"""``roleplay storyboard``: every node drawn by the real game renderer, on one HTML page.

Each node is reached the way a player would reach it (the solver's shortest witness, then the
``next`` chain); the desktop game draws it headless at its choosing moment
(:func:`roleplay.learner.desktop.render_node_frames`) and it is saved as PNG. ``index.html``
shows a grid of cards: id, lines, choices with their techniques and linked targets.
"""

from __future__ import annotations

import html
from pathlib import Path

from roleplay.authoring.solver import explore
from roleplay.engine._atomic import write_bytes_atomic, write_text_atomic
from roleplay.engine._errors import ChoiceError
from roleplay.engine._prose import plain
from roleplay.engine._replay import replay
from roleplay.engine._runtime import Runner, initial_state
from roleplay.engine._scenario import CompiledNode, Scenario
from roleplay.learner.desktop import FRAME_SIZE, render_node_frames


def runner_at(scenario: Scenario, node_id: str, witness: tuple[int, ...] | None) -> Runner:
    """A runner standing at ``node_id``: replayed along ``witness`` when it gets there."""
    if witness is not None:
        try:
            runner = replay(scenario, witness[:-1]) if witness else Runner(scenario)
            if witness:
                runner.choose(witness[-1] - 1)
            while runner.state.node != node_id and not runner.is_over:
                runner.advance()
        except ChoiceError:
            pass
        else:
            if runner.state.node == node_id:
                return runner
    state = initial_state(scenario)
    state.node = node_id
    state.visits = {node_id: 1}
    state.path = [node_id]
    return Runner(scenario, state)


def render_frames(
    scenario: Scenario, folder: Path, size: tuple[int, int] = FRAME_SIZE
) -> dict[str, str]:
    """Draw every node to ``folder/<node>.png`` with the game's play screen; names by node."""
    found = explore(scenario, max_states=200_000)
    runners = {
        node_id: runner_at(scenario, node_id, found.node_witness.get(node_id))
        for node_id in scenario.nodes
    }
    written: dict[str, str] = {}
    for node_id, png in render_node_frames(scenario, runners, size).items():
        name = f"{node_id}.png"
        write_bytes_atomic(folder / name, png)
        written[node_id] = name
    return written


# --- index.html -----------------------------------------------------------------------------
_CSS = """
body{font-family:system-ui,sans-serif;margin:1.5rem;background:#f6f7f9;color:#111}
h1{margin:0 0 .3rem}.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(420px,1fr));
gap:1rem}.card{background:#fff;border-radius:8px;padding:.8rem;box-shadow:0 1px 3px #0002}
.card:target{outline:3px solid #2563eb}.card img{width:100%;border-radius:4px}
.kind{font-size:.8rem;padding:.1rem .4rem;border-radius:4px;background:#e5e7eb}
.decision{background:#dbeafe}.end{background:#fde68a}.narration{background:#f3f4f6}
.cond{color:#6b7280;font-family:monospace}.influence{color:#15803d}.persuasion{color:#1d4ed8}
.pressure{color:#c2410c}.manipulation{color:#b91c1c}ol,ul{padding-left:1.3rem}
"""


def _kind(node: CompiledNode) -> str:
    if node.is_terminal:
        return "end"
    return "decision" if node.choices else "narration"


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _card(scenario: Scenario, node: CompiledNode, image: str | None) -> str:
    spec = node.spec
    kind = _kind(node)
    start = " (start)" if node.id == scenario.start else ""
    parts = [f'<div class="card" id="{_esc(node.id)}">']
    parts.append(f'<h3>{_esc(node.id)}{start} <span class="kind {kind}">{kind}</span></h3>')
    if image:
        parts.append(f'<img src="{_esc(image)}" alt="{_esc(node.id)}" loading="lazy">')
    parts.append("<ul>")
    for line in spec.lines:
        who = f"<b>{_esc(line.speaker)}</b>: " if line.speaker else ""
        cond = f' <span class="cond">if {_esc(line.if_)}</span>' if line.if_ else ""
        parts.append(f"<li>{who}{_esc(line.text)}{cond}</li>")
    parts.append("</ul>")
    if node.choices:
        parts.append("<ol>")
        for choice in node.choices:
            family = scenario.technique_family(choice.spec.technique)
            target = choice.spec.next
            cond = (
                f' <span class="cond">if {_esc(choice.spec.if_)}</span>' if choice.spec.if_ else ""
            )
            parts.append(
                f'<li>{_esc(choice.spec.text)} <span class="{family}">'
                f"[{_esc(choice.spec.technique)}, {family}]</span>{cond} → "
                f'<a href="#{_esc(target)}">{_esc(target)}</a></li>'
            )
        parts.append("</ol>")
    if spec.next:
        parts.append(f'<p>next → <a href="#{_esc(spec.next)}">{_esc(spec.next)}</a></p>')
    if spec.ending:
        parts.append(
            f'<p>ending → <a href="#ending-{_esc(spec.ending)}">{_esc(spec.ending)}</a></p>'
        )
    if spec.end:
        parts.append('<p>end → <a href="#endings">the ending rules</a></p>')
    parts.append("</div>")
    return "\n".join(parts)


def index_html(scenario: Scenario, images: dict[str, str]) -> str:
    """The storyboard page: one card per node and the ending rules."""
    cards = [_card(scenario, node, images.get(node.id)) for node in scenario.nodes.values()]
    endings = [
        f'<li id="ending-{_esc(r.spec.id)}"><b>{_esc(r.spec.title)}</b> ({_esc(r.spec.id)})'
        + (f' <span class="cond">when {_esc(r.source)}</span>' if r.source else " (fallback)")
        + f"<br>{_esc(plain(r.spec.text))}</li>"
        for r in scenario.ending_rules
    ]
    return (
        "<!doctype html>\n<html lang=en><head><meta charset=utf-8>"
        f"<title>Storyboard: {_esc(scenario.title)}</title><style>{_CSS}</style></head><body>\n"
        f"<h1>{_esc(scenario.title)}</h1><p>{_esc(scenario.summary)}</p>\n"
        f'<div class="grid">\n{chr(10).join(cards)}\n</div>\n'
        f'<h2 id="endings">Endings</h2><ol>{"".join(endings)}</ol>\n</body></html>\n'
    )


def write_storyboard(scenario: Scenario, folder: Path, *, images: bool = True) -> Path:
    """Render every node and write ``folder/index.html``; returns the index path."""
    folder.mkdir(parents=True, exist_ok=True)
    frames = render_frames(scenario, folder) if images else {}
    index = folder / "index.html"
    write_text_atomic(index, index_html(scenario, frames))
    return index
