"""Designer mode on the play screen: F12 (or ``roleplay play --designer``) shows a panel with the
node, its place in the file, every meter (hidden ones too), flag and visit, and each choice's
technique, condition (clause by clause, with the values it reads), effects and why it is locked
or hidden. From it: J jumps to any node keeping meters and flags, T saves the run so far as a
playthrough test, M and +/- set a meter by hand.

Who may switch it on is :func:`roleplay.learner.desktop.designer.designer_allowed`. The panel is
drawn from the run as it is (``draw`` changes nothing); the input side hit-tests the same
layout.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import pygame

from roleplay.learner.desktop.designer import (
    ASSESSMENT_REFUSAL,
    NotRecorded,
    designer_allowed,
    record_test,
)
from roleplay.learner.desktop.scenes.play import designer_panel as panel

if TYPE_CHECKING:
    from roleplay import GameState, Line, Runner
    from roleplay.engine._inspect import SourceLines
    from roleplay.gui.app import App
    from roleplay.gui.painter import FRect, Painter
    from roleplay.learner.desktop.session import Session

PLUS_KEYS = (pygame.K_EQUALS, pygame.K_PLUS, pygame.K_KP_PLUS)
MINUS_KEYS = (pygame.K_MINUS, pygame.K_KP_MINUS)
SCROLL_STEP = 60.0


class DesignerHost(Protocol):
    """What designer mode needs of the play screen."""

    app: App
    session: Session

    @property
    def runner(self) -> Runner:
        """The runner being played."""

    @property
    def line(self) -> Line | None:
        """The line in the dialogue box."""

    @property
    def line_index(self) -> int:
        """Which line of the beat is shown."""

    def restart_at(self, state: GameState) -> None:
        """Play on from ``state`` (a jump), the beat loaded afresh."""

    def reshow(self) -> None:
        """Work out what is shown again (meters changed), keeping the line being read."""


class Designer:
    """The designer panel's state (scroll, selected meter) and its input."""

    def __init__(self, host: DesignerHost) -> None:
        """Designer mode for the play screen ``host`` (shown when the app is in it)."""
        self.host = host
        self.scroll = 0.0
        self.meter = 0
        self.hover = ""
        self.notice = ""
        self.sources: SourceLines | None = None
        self._sources_of = ""
        if self.shown and not designer_allowed(host.app, host.session):
            host.app.designer = False
        self.update()

    @property
    def shown(self) -> bool:
        """True while the panel is on screen."""
        return self.host.app.designer

    # -- actions -----------------------------------------------------------------------------
    def toggle(self) -> None:
        """Show or hide the panel (refused in assessment mode without ``--designer``)."""
        app = self.host.app
        if not self.shown and not designer_allowed(app, self.host.session):
            app.toast(ASSESSMENT_REFUSAL)
            return
        app.designer = not app.designer
        self.update()
        app.voice.say("Designer mode on" if app.designer else "Designer mode off")

    def open_jump(self) -> None:
        """Ask which node to jump to (the jump happens when one is picked)."""
        runner = self.host.runner
        self.host.app.push(
            "jump", scenario=runner.scenario, current=runner.state.node, on_dismiss=self._jump
        )

    def _jump(self, node: object) -> None:
        if not isinstance(node, str):
            return
        from roleplay import StartError, start_state

        state = self.host.runner.state
        try:
            new = start_state(
                self.host.runner.scenario,
                node,
                meters=state.meters,
                flags=state.flags,
                mode=state.mode,
            )
        except StartError as error:
            self.host.app.toast(str(error))
            return
        new.seed = state.seed
        if new.origin is not None:
            new.origin.seed = state.seed
        self.host.restart_at(new)
        self.scroll = 0.0
        self.notice = f"Jumped to {node}: meters and flags kept"
        self.host.app.toast(self.notice)

    def save_test(self) -> Path | None:
        """Save the run so far as a playthrough test; say where (or why not)."""
        try:
            path = record_test(self.host.session)
        except NotRecorded as why:
            self.notice = str(why)
            self.host.app.toast("Test not saved: see the designer panel")
            return None
        self.notice = f"Saved {path.name} (exports folder)"
        self.host.app.toast("Playthrough test saved")
        return path

    def change_meter(self, meter_id: str, step: int) -> None:
        """Move a meter by ``step`` (within its range) and show what that changes."""
        runner = self.host.runner
        before = runner.state.meters[meter_id]
        after = runner.set_meter(meter_id, before + step)
        if after == before:
            label = runner.scenario.meters[meter_id].label
            self.host.app.toast(f"{label} is already at its {'top' if step > 0 else 'bottom'}")
            return
        self.notice = f"{meter_id} set to {after} by hand (a saved test replays without it)"
        self.host.reshow()

    def update(self) -> None:
        """Find where nodes are written in the file, once per version of the scenario."""
        scenario = self.host.runner.scenario
        if not self.shown or self._sources_of == scenario.content_hash:
            return
        from roleplay.engine._inspect import source_lines

        self.sources = source_lines(scenario.path)
        self._sources_of = scenario.content_hash

    # -- input -------------------------------------------------------------------------------
    def handle_event(self, event: pygame.event.Event, logical: tuple[float, float] | None) -> bool:
        """F12 toggles; while shown, its keys and clicks on the panel; True when used."""
        if event.type == pygame.KEYDOWN and event.key == pygame.K_F12:
            self.toggle()
            return True
        if not self.shown:
            return False
        if event.type in (pygame.KEYDOWN, pygame.KEYUP) and event.key == pygame.K_j:
            # Opened on release: the letter typed by the press must not reach its filter.
            if event.type == pygame.KEYUP:
                self.open_jump()
            return True
        if event.type == pygame.KEYDOWN:
            return self._key(event.key, getattr(event, "mod", 0))
        built = self.layout(self.host.app.painter)
        if logical is None or not built.panel.collidepoint(logical):
            self.hover = ""
            return False
        if event.type == pygame.MOUSEWHEEL:
            self._scroll(-event.y * SCROLL_STEP, built)
        elif event.type == pygame.MOUSEMOTION:
            self.hover = next((b.key for b in built.buttons if b.rect.collidepoint(logical)), "")
        elif event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            self._click(logical, built)
        return True

    def _key(self, key: int, mod: int) -> bool:
        model_meters = list(self.host.runner.scenario.meters)
        if key == pygame.K_t:
            self.save_test()
        elif key == pygame.K_m and model_meters:
            self.meter = (self.meter + 1) % len(model_meters)
        elif key in PLUS_KEYS + MINUS_KEYS and model_meters:
            name = model_meters[min(self.meter, len(model_meters) - 1)]
            self.change_meter(name, 1 if key in PLUS_KEYS else -1)
        elif key in (pygame.K_UP, pygame.K_DOWN) and mod & pygame.KMOD_SHIFT:
            step = SCROLL_STEP if key == pygame.K_DOWN else -SCROLL_STEP
            self._scroll(step, self.layout(self.host.app.painter))
        else:
            return False
        return True

    def _scroll(self, amount: float, built: panel.Layout) -> None:
        self.scroll = min(max(self.scroll + amount, 0.0), built.max_scroll())

    def _click(self, logical: tuple[float, float], built: panel.Layout) -> None:
        actions = {"jump": self.open_jump, "save_test": self.save_test, "hide": self.toggle}
        for button in built.buttons:
            if button.rect.collidepoint(logical):
                actions[button.key]()
                return
        if not built.content.collidepoint(logical):
            return
        inside = (logical[0], logical[1] - built.content.top + self._offset(built))
        for rect, meter_id, step in built.hotspots:
            if rect.collidepoint(inside):
                self.meter = list(self.host.runner.scenario.meters).index(meter_id)
                self.change_meter(meter_id, step)
                return

    def _offset(self, built: panel.Layout) -> float:
        return min(max(self.scroll, 0.0), built.max_scroll())

    # -- what is shown -----------------------------------------------------------------------
    def model(self) -> panel.PanelModel:
        """What the panel shows now, read from the run (changes nothing)."""
        from roleplay.engine._inspect import inspect_choices

        runner = self.host.runner
        scenario, state = runner.scenario, runner.state
        node = scenario.nodes[state.node]
        meters = tuple(
            panel.MeterRow(k, m.label, state.meters.get(k, m.initial), m.min, m.max, m.hidden)
            for k, m in scenario.meters.items()
        )
        return panel.PanelModel(
            node_id=state.node,
            title=node.spec.title or "",
            location=self._location(state.node),
            status=self._status(),
            meters=meters,
            flags=tuple((k, bool(state.flags.get(k, f.start))) for k, f in scenario.flags.items()),
            visits="  ·  ".join(f"{n} {c}" for n, c in state.visits.items()),
            choices=inspect_choices(scenario, state),
            choice_lines=self._choice_lines(state.node),
            selected_meter=self.meter,
            notice=self.notice,
        )

    def _location(self, node: str) -> str:
        sources = self.sources
        path = self.host.runner.scenario.path
        if path is None:
            return "no scenario file"
        line = sources.nodes.get(node) if sources is not None else None
        return f"{path.name}:{line}" if line else f"{path.name} (line not known)"

    def _choice_lines(self, node: str) -> dict[str, int]:
        if self.sources is None:
            return {}
        compiled = self.host.runner.scenario.nodes[node]
        lines = {c.id: self.sources.choices.get((node, c.index)) for c in compiled.choices}
        return {k: v for k, v in lines.items() if v is not None}

    def _status(self) -> str:
        state = self.host.runner.state
        count = len(self.host.runner.view().lines)
        line = f"line {self.host.line_index + 1} of {count}" if count else "no lines"
        return f"{state.mode}  ·  {len(state.history)} decisions  ·  {line}"

    def layout(self, painter: Painter, model: panel.PanelModel | None = None) -> panel.Layout:
        """The panel measured for the run as it is (or for ``model``)."""
        line = self.host.line
        rect = panel.panel_rect(painter, line.text if line is not None else None)
        return panel.layout(painter, model or self.model(), rect)

    def interactive_rects(self, painter: Painter) -> tuple[FRect, ...]:
        """The panel, while shown (it takes clicks)."""
        return (self.layout(painter).panel,) if self.shown else ()

    def draw(self, painter: Painter) -> None:
        """The panel, when shown."""
        if self.shown:
            model = self.model()
            built = self.layout(painter, model)
            panel.draw_panel(painter, model, built, self.scroll, self.hover)
