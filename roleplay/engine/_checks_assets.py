"""The meaning phase's checks of pictures: every portrait expression and background a scenario
names must be a safe relative path to a readable, not too large image (RP040-RP042)."""

from __future__ import annotations

from pathlib import Path

from roleplay.engine._assets import (
    asset_folder_exists,
    nearest_asset,
    resolve_asset,
    unsafe_reason,
)
from roleplay.engine._document import Document
from roleplay.engine._images import image_problem
from roleplay.engine._model import ScenarioSpec

Loc = tuple[str | int, ...]


class AssetChecks:
    """Mixed into the scenario checker, which sets ``doc``, ``spec`` and ``roots``."""

    doc: Document
    spec: ScenarioSpec
    roots: tuple[Path, ...]

    def check_assets(self) -> None:
        """RP040-RP042 for every portrait expression and background."""
        for char_id, character in self.spec.characters.items():
            if character.portrait is None:
                continue
            loc: Loc = ("characters", char_id, "portrait")
            if self._unsafe(character.portrait, loc) or self._no_folder(character.portrait, loc):
                continue
            for expression in character.expressions:
                self._picture(f"{character.portrait}/{expression}.svg", loc, "portrait")
        for bg_id, relative in self.spec.backgrounds.items():
            loc = ("backgrounds", bg_id)
            if not self._unsafe(relative, loc):
                self._picture(relative, loc, "background")

    def _picture(self, relative: str, loc: Loc, kind: str) -> None:
        """RP040 when the picture is missing, RP042 when it is too large or unreadable."""
        path = resolve_asset(relative, self.roots)
        if path is None:
            near = nearest_asset(relative, self.roots, folder=False)
            hint = "add the file to the scenario folder or to assets/"
            self.doc.add(
                "RP040",
                f"missing {kind} file '{relative}'",
                loc,
                hint=f"did you mean '{near}'? Or {hint}" if near else hint,
            )
            return
        problem = image_problem(path)
        if problem is not None:
            self.doc.add(
                "RP042",
                f"{kind} file '{relative}' cannot be used: {problem}",
                loc,
                hint="save it smaller as SVG, PNG or JPEG (see docs/reliability.md)",
            )

    def _no_folder(self, portrait: str, loc: Loc) -> bool:
        """One RP040 for a portrait folder that is not there (not one per expression)."""
        if asset_folder_exists(portrait, self.roots):
            return False
        near = nearest_asset(portrait, self.roots, folder=True)
        hint = "add a folder with one SVG per expression to the scenario folder or to assets/"
        self.doc.add(
            "RP040",
            f"missing portrait folder '{portrait}'",
            loc,
            hint=f"did you mean '{near}'? `roleplay assets` lists the shipped portraits"
            if near
            else f"{hint}; `roleplay assets` lists the shipped portraits",
        )
        return True

    def _unsafe(self, relative: str, loc: Loc) -> bool:
        reason = unsafe_reason(relative)
        if reason:
            self.doc.add(
                "RP041",
                f"asset path '{relative}' is not allowed: {reason}",
                loc,
                hint="asset paths are relative to the scenario folder or assets/",
            )
        return reason is not None
