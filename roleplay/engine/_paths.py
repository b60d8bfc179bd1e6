"""Where shipped scenarios and assets live, and which files in a folder are scenarios."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent
_NOT_SCENARIOS = ("techniques.yaml",)
_SUFFIXES = (".yaml", ".yml")


def _data_dir(name: str) -> Path:
    bundled = _PACKAGE / "_bundled" / name
    return bundled if bundled.is_dir() else _PACKAGE.parent / name


def shipped_scenarios_dir() -> Path:
    """The folder of the scenarios that ship with the game."""
    return _data_dir("scenarios")


def assets_dir() -> Path:
    """The game's shared assets folder (fonts, portraits, backgrounds)."""
    return _data_dir("assets")


def is_scenario_file(path: Path) -> bool:
    """True for a YAML file that should hold a scenario (not a catalogue or playthrough)."""
    name = path.name
    return (
        path.suffix in _SUFFIXES
        and name not in _NOT_SCENARIOS
        and not name.endswith((".playthrough.yaml", ".playthrough.yml"))
    )


def find_scenarios(folder: Path | str | None = None) -> list[Path]:
    """Scenario files in ``folder`` (default: the shipped scenarios), sorted by name."""
    root = Path(folder) if folder is not None else shipped_scenarios_dir()
    if root.is_file():
        return [root]
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if p.is_file() and is_scenario_file(p))


def resolve_scenario_argument(argument: str) -> Path:
    """A path given on the command line, or the id of a shipped scenario."""
    path = Path(argument)
    if path.exists():
        return path
    for candidate in find_scenarios():
        if candidate.stem == argument:
            return candidate
    return path
