"""Player settings: dataclass, defaults, load and atomic save (settings.json in the config dir).

The learning-record settings (where solo play sends xAPI statements) live in the same file
except the LRS password, which is kept apart in ``lrs-password`` in the config folder (mode
0600, written atomically) so that settings.json can be shown, copied or attached to a bug report
without it. An organisation can pre-set any of them with environment variables, which win over
the file: ``ROLEPLAY_LRS_ENDPOINT``, ``ROLEPLAY_LRS_USER``, ``ROLEPLAY_LRS_PASSWORD``,
``ROLEPLAY_LRS_ACCOUNT`` and ``ROLEPLAY_LRS_HOME_PAGE``.
"""

from __future__ import annotations

import dataclasses
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from roleplay.gui import storage

TEXT_SPEEDS: tuple[tuple[str, float], ...] = (
    ("Slow", 40.0),
    ("Normal", 90.0),
    ("Fast", 180.0),
    ("Instant", 0.0),
)
#: How long auto-advance waits after a line is shown, as a multiple of the normal wait.
AUTO_SPEEDS: tuple[tuple[str, float], ...] = (
    ("Slow", 1.6),
    ("Normal", 1.0),
    ("Fast", 0.6),
)
#: How much of the scene the dialogue box and choices hide (1.0 = not at all see-through).
BOX_OPACITIES: tuple[tuple[str, float], ...] = (
    ("Solid", 1.0),
    ("Dense", 0.96),
    ("Medium", 0.82),
    ("Light", 0.66),
)
AUTO_WAIT_S = 1.2
AUTO_WAIT_PER_CHAR_S = 0.025
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


#: The learning-record settings an environment variable can pre-set, by field name.
LRS_ENV = {
    "endpoint": "ROLEPLAY_LRS_ENDPOINT",
    "user": "ROLEPLAY_LRS_USER",
    "password": "ROLEPLAY_LRS_PASSWORD",
    "account": "ROLEPLAY_LRS_ACCOUNT",
    "home_page": "ROLEPLAY_LRS_HOME_PAGE",
}
MAX_FIELD_CHARS = 500


@dataclass
class RecordsSettings:
    """Where solo play sends its learning records (the password is kept apart, see above)."""

    enabled: bool | None = None  # None: the learner never switched it (see records_setup)
    endpoint: str = ""
    user: str = ""
    account: str = ""  # the learner's account name on the organisation's system
    home_page: str = ""  # that system's address ("" : urn:roleplay:learner)

    @classmethod
    def from_json(cls, data: object) -> RecordsSettings:
        """Build from stored JSON, ignoring unknown or invalid values."""
        records = cls()
        if not isinstance(data, dict):
            return records
        if isinstance(data.get("enabled"), bool):
            records.enabled = data["enabled"]
        for name in ("endpoint", "user", "account", "home_page"):
            value = data.get(name)
            if isinstance(value, str) and len(value) <= MAX_FIELD_CHARS:
                setattr(records, name, value.strip())
        return records


@dataclass
class Settings:
    """Everything the player can change on the Settings screen."""

    text_speed: int = 1
    text_size: int = 1
    auto_speed: int = 1
    box_opacity: int = 1
    high_contrast: bool = False
    reduced_motion: bool = False
    fullscreen: bool = False
    self_voicing: bool = False
    records: RecordsSettings = field(default_factory=RecordsSettings)

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

    @property
    def box_alpha(self) -> int:
        """Alpha (0-255) of the dialogue box and choices; high contrast keeps them solid."""
        opacity = 1.0 if self.high_contrast else BOX_OPACITIES[self.box_opacity][1]
        return round(255 * opacity)

    def auto_wait(self, characters: int) -> float:
        """Seconds auto-advance waits once a line of ``characters`` is fully shown."""
        factor = AUTO_SPEEDS[self.auto_speed][1]
        return factor * (AUTO_WAIT_S + AUTO_WAIT_PER_CHAR_S * characters)

    def to_json(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {"version": 1, **dataclasses.asdict(self)}

    @classmethod
    def from_json(cls, data: object) -> Settings:
        """Build settings from stored JSON, ignoring unknown or invalid values."""
        settings = cls()
        if not isinstance(data, dict):
            return settings
        for known in dataclasses.fields(cls):
            value = data.get(known.name)
            default = getattr(settings, known.name)
            same_bool = isinstance(default, bool) and isinstance(value, bool)
            if same_bool or (type(default) is int and type(value) is int):
                setattr(settings, known.name, value)
        settings.records = RecordsSettings.from_json(data.get("records"))
        for name, options in CHOICES.items():
            setattr(settings, name, min(max(getattr(settings, name), 0), len(options) - 1))
        return settings


#: Settings that pick one of several options, with their options.
CHOICES: dict[str, tuple[tuple[str, float], ...]] = {
    "text_speed": TEXT_SPEEDS,
    "text_size": TEXT_SIZES,
    "auto_speed": AUTO_SPEEDS,
    "box_opacity": BOX_OPACITIES,
}


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
