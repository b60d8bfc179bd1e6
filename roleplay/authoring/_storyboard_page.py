"""The storyboard's ``index.html``: one card per node, then the ending rules.

A card shows what the designer wrote and what the player sees: the frame drawn by the game, the
lines with their speakers and conditions, the discussion prompt, and every choice with its
technique and family, condition (hidden or shown locked, with the hint), ``once``, effects, flags
set, reaction, debrief feedback and target. Family colours are the reports' (one palette for the
debrief, the map and the storyboard).
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from roleplay.engine._model import Choice, LineSpec
from roleplay.engine._prose import plain
from roleplay.engine._scenario import CompiledChoice, CompiledNode, Scenario
from roleplay.reports import FAMILY_COLORS, NEUTRAL_COLOR, family_label

_CSS = """
body{font-family:system-ui,sans-serif;margin:1.5rem;background:#f6f7f9;color:#111;line-height:1.35}
h1{margin:0 0 .3rem}.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(440px,1fr));
gap:1rem;align-items:start}.card{background:#fff;border-radius:8px;padding:.8rem;
box-shadow:0 1px 3px #0002}.card:target{outline:3px solid #2563eb}.card h3{margin:.1rem 0 .5rem}
.card img{display:block;width:100%;height:auto;border-radius:4px}
.kind{font-size:.8rem;font-weight:normal;padding:.1rem .4rem;border-radius:4px;background:#e5e7eb}
.kind.decision{background:#dbeafe}.kind.end{background:#fde68a}
.cond,.meta{color:#4b5563;font-family:ui-monospace,monospace;font-size:.85em}
.who{font-weight:600}.mood{color:#4b5563;font-style:italic}ol,ul{padding-left:1.3rem}
.lines li,.choices>li{margin:.25rem 0}.choices>li{padding:.3rem 0;border-top:1px solid #e5e7eb}
.tag{display:inline-block;font-size:.78rem;padding:0 .35rem;border-radius:4px;background:#f3f4f6;
margin-right:.2rem}.tag.locked{background:#fee2e2}.tag.hidden{background:#ede9fe}
.fx{font-size:.9em}.feedback{font-size:.9em;color:#374151;border-left:3px solid #d1d5db;
padding-left:.5rem;margin:.2rem 0}.reaction{font-size:.9em;margin:.2rem 0 .2rem .6rem}
.discuss{background:#fef9c3;border-radius:4px;padding:.35rem .5rem;font-size:.92em}
"""


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def family_css() -> str:
    """One ``.fam-<family>`` rule per technique family, coloured as in every report."""
    rules = [f".fam-{family}{{color:{colour}}}" for family, colour in FAMILY_COLORS.items()]
    return "".join(rules) + f".fam-{{color:{NEUTRAL_COLOR}}}"


def _kind(node: CompiledNode) -> str:
    if node.is_terminal:
        return "end"
    return "decision" if node.choices else "continues"


def _line(scenario: Scenario, line: LineSpec) -> str:
    """One line: the speaker's display name and expression, the text and its condition."""
    who = ""
    if line.speaker:
        character = scenario.characters.get(line.speaker)
        name = character.name if character else line.speaker
        mood = f' <span class="mood">({_esc(line.expression)})</span>' if line.expression else ""
        who = f'<span class="who">{_esc(name)}</span>{mood}: '
    cond = f' <span class="cond">if {_esc(line.if_)}</span>' if line.if_ else ""
    return f"<li>{who}{_esc(line.text)}{cond}</li>"


def _condition_tags(spec: Choice) -> list[str]:
    """The choice's condition and what the player sees while it does not hold."""
    tags = []
    if spec.if_:
        tags.append(f'<span class="cond">if {_esc(spec.if_)}</span>')
        if spec.show_locked:
            hint = f": {_esc(spec.locked_hint)}" if spec.locked_hint else ""
            tags.append(f'<span class="tag locked">shown locked{hint}</span>')
        else:
            tags.append('<span class="tag hidden">hidden until it holds</span>')
    if spec.once:
        tags.append('<span class="tag">once</span>')
    return tags


def _effects(scenario: Scenario, spec: Choice) -> str:
    """Meter changes by label and flags set, or "" when the choice changes nothing."""
    changes = []
    for meter, delta in spec.effects.items():
        known = scenario.meters.get(meter)
        changes.append(f"{_esc(known.label if known else meter)} {delta:+d}")
    flags = [f"flags.{_esc(flag)} = {str(value).lower()}" for flag, value in spec.set.items()]
    parts = [", ".join(changes)] if changes else []
    if flags:
        parts.append("sets " + ", ".join(flags))
    return f'<div class="fx">{"; ".join(parts)}</div>' if parts else ""


def _choice(scenario: Scenario, choice: CompiledChoice) -> str:
    spec = choice.spec
    family = scenario.technique_family(spec.technique)
    technique = scenario.techniques.get(spec.technique)
    title = f"{technique.label}: {family_label(family)}" if technique else "unknown technique"
    parts = [
        f"<li>{_esc(spec.text)}",
        f'<div><span class="fam-{family}" title="{_esc(title)}">'
        f"[{_esc(spec.technique)}, {family or 'unknown'}]</span> "
        + " ".join(_condition_tags(spec))
        + "</div>",
        _effects(scenario, spec),
    ]
    if spec.reaction:
        lines = "".join(_line(scenario, line) for line in spec.reaction)
        parts.append(f'<ul class="reaction">{lines}</ul>')
    if spec.feedback:
        parts.append(f'<div class="feedback">Debrief: {_esc(plain(spec.feedback))}</div>')
    parts.append(f'<div>→ <a href="#{_esc(spec.next)}">{_esc(spec.next)}</a></div></li>')
    return "\n".join(part for part in parts if part)


def _way_on(scenario: Scenario, node: CompiledNode) -> str:
    spec = node.spec
    if spec.next:
        return f'<p>next → <a href="#{_esc(spec.next)}">{_esc(spec.next)}</a></p>'
    if spec.ending:
        ending = scenario.ending(spec.ending)
        title = f" ({_esc(ending.title)})" if ending else ""
        return (
            f'<p>ending → <a href="#ending-{_esc(spec.ending)}">{_esc(spec.ending)}</a>{title}</p>'
        )
    if spec.end:
        return '<p>end → <a href="#endings">the ending rules</a></p>'
    return ""


def card(scenario: Scenario, node: CompiledNode, image: str | None) -> str:
    """The card of one node (``image`` is its frame's file name, when drawn)."""
    spec = node.spec
    kind = _kind(node)
    start = " (start)" if node.id == scenario.start else ""
    parts = [
        f'<div class="card" id="{_esc(node.id)}">',
        f'<h3>{_esc(node.id)}{start} <span class="kind {kind}">{kind}</span></h3>',
    ]
    if image:
        parts.append(
            f'<a href="{_esc(image)}"><img src="{_esc(image)}" alt="{_esc(node.id)} as the game '
            'shows it" width="960" height="540" loading="lazy"></a>'
        )
    if spec.background:
        parts.append(f'<p class="meta">background: {_esc(spec.background)}</p>')
    parts.append('<ul class="lines">' + "".join(_line(scenario, x) for x in spec.lines) + "</ul>")
    if spec.discussion:
        parts.append(f'<p class="discuss"><b>Discuss:</b> {_esc(spec.discussion)}</p>')
    if node.choices:
        choices = "\n".join(_choice(scenario, choice) for choice in node.choices)
        parts.append(f'<ol class="choices">\n{choices}\n</ol>')
    parts += [_way_on(scenario, node), "</div>"]
    return "\n".join(part for part in parts if part)


def _endings(scenario: Scenario) -> Iterable[str]:
    for compiled in scenario.ending_rules:
        ending = compiled.spec
        source = compiled.source
        rule = f' <span class="cond">when {_esc(source)}</span>' if source else " (fallback)"
        goal = " <b>GOAL</b>" if compiled.goal else ""
        yield (
            f'<li id="ending-{_esc(ending.id)}"><b>{_esc(ending.title)}</b> ({_esc(ending.id)})'
            f"{goal}{rule}<br>{_esc(plain(ending.text))}</li>"
        )


def index_html(scenario: Scenario, images: dict[str, str]) -> str:
    """The storyboard page: one card per node and the ending rules."""
    cards = [card(scenario, node, images.get(node.id)) for node in scenario.nodes.values()]
    return (
        "<!doctype html>\n<html lang=en><head><meta charset=utf-8>"
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>Storyboard: {_esc(scenario.title)}</title>"
        f"<style>{_CSS}{family_css()}</style></head><body>\n"
        f"<h1>{_esc(scenario.title)}</h1><p>{_esc(scenario.summary)}</p>\n"
        f'<div class="grid">\n{chr(10).join(cards)}\n</div>\n'
        f'<h2 id="endings">Endings</h2><ol>{"".join(_endings(scenario))}</ol>\n</body></html>\n'
    )
