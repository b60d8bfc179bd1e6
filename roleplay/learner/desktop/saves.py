"""Save slots, autosaves and their thumbnails (PNG files beside each slot's JSON)."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from roleplay.gui import storage

if TYPE_CHECKING:
    import pygame

    from roleplay import SaveInfo
    from roleplay.learner.desktop.session import Session

SLOT_COUNT = 9
THUMB_SIZE = (256, 144)


@dataclass
class Slot:
    """One save file as the Save/Load screen lists it."""

    path: Path
    title: str  # "Slot 3" or "Autosave"
    info: SaveInfo | None = None
    error: str = ""  # why the file cannot be loaded (corrupt, outdated, unknown scenario)

    @property
    def empty(self) -> bool:
        """True when there is no file in this slot."""
        return self.info is None and not self.error

    @property
    def thumbnail(self) -> Path:
        """The thumbnail PNG saved beside the JSON."""
        return self.path.with_suffix(".png")


def slot_path(number: int) -> Path:
    """Return the JSON path of manual slot number (1-based)."""
    return storage.saves_dir() / f"slot_{number}.json"


def autosave_path(scenario_id: str) -> Path:
    """Return the autosave path of a scenario (one autosave per scenario)."""
    return storage.saves_dir() / f"autosave_{scenario_id}.json"


def quicksave_path() -> Path:
    """Return the path of the quick save (one for the whole game, like a bookmark)."""
    return storage.saves_dir() / "quicksave.json"


def read_slot(path: Path, title: str) -> Slot:
    """Describe a save file without loading its scenario; never raises."""
    from roleplay import SaveError, read_save_info

    if not path.exists():
        return Slot(path, title)
    try:
        return Slot(path, title, read_save_info(path))
    except SaveError as exc:
        return Slot(path, title, error=str(exc))
    except Exception as exc:
        return Slot(path, title, error=f"unreadable save ({exc})")


def list_slots() -> list[Slot]:
    """Return the manual slots 1..SLOT_COUNT (empty ones included)."""
    return [read_slot(slot_path(n), f"Slot {n}") for n in range(1, SLOT_COUNT + 1)]


def list_autosaves(quick: bool = True) -> list[Slot]:
    """Return every autosave file (and the quick save, when ``quick``), newest first."""
    slots = [read_slot(p, "Autosave") for p in storage.saves_dir().glob("autosave_*.json")]
    if quick and quicksave_path().exists():
        slots.append(read_slot(quicksave_path(), "Quick save"))
    return sorted(slots, key=_saved_at, reverse=True)


def latest_autosave() -> Slot | None:
    """Return the newest readable autosave (what Continue resumes), or None."""
    for slot in list_autosaves(quick=False):
        if slot.info is not None:
            return slot
    return None


def _saved_at(slot: Slot) -> str:
    if slot.info is not None:
        return slot.info.saved_at
    with contextlib.suppress(OSError):
        return datetime.fromtimestamp(slot.path.stat().st_mtime).astimezone().isoformat()
    return ""


def write_save(
    path: Path, session: Session, thumbnail: pygame.Surface | None, label: str = ""
) -> None:
    """Write a save (atomically, by the engine) and its thumbnail PNG (atomically)."""
    from roleplay import save_game

    save_game(path, session.scenario, session.runner.state, label=label)
    if thumbnail is not None:
        write_png(path.with_suffix(".png"), thumbnail)


def write_png(path: Path, surface: pygame.Surface) -> None:
    """Save a surface as PNG atomically (temp file, fsync, rename); raises OSError."""
    from roleplay.gui.resources import encode_png

    storage.atomic_write_bytes(path, encode_png(surface))


def delete_slot(path: Path) -> None:
    """Remove a save and its thumbnail."""
    for target in (path, path.with_suffix(".png")):
        with contextlib.suppress(OSError):
            target.unlink()


def friendly_time(iso: str, now: datetime | None = None) -> str:
    """An ISO timestamp as short local text: 'Today, 14:05', 'Yesterday, 09:12', 'Mon 3 Jun,
    14:05' this year, '3 Jun 2025' before (the raw text when unparsable)."""
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if moment.tzinfo is not None:
        moment = moment.astimezone().replace(tzinfo=None)
    now = now or datetime.now()
    clock = moment.strftime("%H:%M")
    days = (now.date() - moment.date()).days
    if days == 0:
        return f"Today, {clock}"
    if days == 1:
        return f"Yesterday, {clock}"
    day = str(moment.day)  # without the zero padding strftime would add
    if moment.year == now.year:
        return f"{moment.strftime('%a')} {day} {moment.strftime('%b')}, {clock}"
    return f"{day} {moment.strftime('%b %Y')}"
