"""Player settings: dataclass, defaults, load and atomic save (settings.json in the config dir)."""

from __future__ import annotations

import dataclasses
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from roleplay.gui import storage

TEXT_SPEEDS: tuple[tuple[str, float], ...] = (
    ("Slow", 25.0),
    ("Normal", 50.0),
    ("Fast", 100.0),
    ("Instant", 0.0),
)
TEXT_SIZES: tuple[tuple[str, float], ...] = (
    ("Small", 0.9),
    ("Medium", 1.0),
    ("Large", 1.15),
    ("Extra large", 1.3),
)
#: Largest settings.json the game reads (it is a few hundred bytes).
MAX_SETTINGS_BYTES = 64 * 1024
ESPEAK_MISSING_HINT = "install espeak-ng (e.g. apt install espeak-ng) to enable"


def espeak_available() -> bool:
    """Return True when the espeak-ng program is on PATH (self-voicing can be used)."""
    return shutil.which("espeak-ng") is not None


@dataclass
class Settings:
    """Everything the player can change on the Settings screen."""

    text_speed: int = 1
    text_size: int = 1
    high_contrast: bool = False
    reduced_motion: bool = False
    fullscreen: bool = False
    self_voicing: bool = False

    @property
    def chars_per_second(self) -> float:
        """Typewriter speed; 0 means the whole line appears at once."""
        if self.reduced_motion:
            return 0.0
        return TEXT_SPEEDS[self.text_speed][1]

    @property
    def text_scale(self) -> float:
        """Multiplier applied to reading text (dialogue, choices, history, debrief)."""
        return TEXT_SIZES[self.text_size][1]

    def to_json(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {"version": 1, **dataclasses.asdict(self)}

    @classmethod
    def from_json(cls, data: object) -> Settings:
        """Build settings from stored JSON, ignoring unknown or invalid values."""
        settings = cls()
        if not isinstance(data, dict):
            return settings
        for field in dataclasses.fields(cls):
            value = data.get(field.name)
            default = getattr(settings, field.name)
            same_bool = isinstance(default, bool) and isinstance(value, bool)
            if same_bool or (type(default) is int and type(value) is int):
                setattr(settings, field.name, value)
        settings.text_speed = min(max(settings.text_speed, 0), len(TEXT_SPEEDS) - 1)
        settings.text_size = min(max(settings.text_size, 0), len(TEXT_SIZES) - 1)
        return settings


def settings_path() -> Path:
    """Return the path of settings.json."""
    return storage.config_dir() / "settings.json"


def load_settings() -> Settings:
    """Load the saved settings, or defaults when there are none or they are unreadable.

    An unreadable file (corrupt, nested too deep, too large, not a regular file) is left as it
    is and a notice tells the player the defaults are used; the next change overwrites it.
    """
    data, problem = storage.read_json_checked(settings_path(), MAX_SETTINGS_BYTES)
    if problem:
        storage.notify(f"Settings could not be read ({problem}); using the defaults")
    elif data is not None and not isinstance(data, dict):
        storage.notify("Settings file is not a settings object; using the defaults")
    return Settings.from_json(data)


def save_settings(settings: Settings) -> bool:
    """Write the settings atomically; on failure post a notice and return False (never raises)."""
    try:
        storage.atomic_write_json(settings_path(), settings.to_json())
    except OSError as exc:
        storage.notify(f"Settings not saved: {storage.describe_os_error(exc)}")
        return False
    return True
