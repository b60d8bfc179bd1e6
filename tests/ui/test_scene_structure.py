"""How the desktop code is built: scenes reach each other only by name, and stay small."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest

import roleplay
from roleplay.gui.scene import Scene
from roleplay.learner.desktop._routes import ROUTES

PACKAGE = Path(roleplay.__file__).parent
SCENES = PACKAGE / "learner" / "desktop" / "scenes"
SCENES_PREFIX = "roleplay.learner.desktop.scenes"
ROUTES_MODULE = "roleplay.learner.desktop._routes"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported(path: Path) -> set[str]:
    """Every module named by an import anywhere in a file (functions and TYPE_CHECKING too)."""
    package = _module_name(path)
    if path.name != "__init__.py":
        package = package.rpartition(".")[0]
    return _imported_by(path.read_text(encoding="utf-8"), package)


def _imported_by(source: str, package: str) -> set[str]:
    """The modules ``source`` imports, relative imports resolved against ``package``."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Constant) and str(node.value).startswith(SCENES_PREFIX + "."):
            names.add(str(node.value))  # importlib.import_module("...scenes.x")
    return names


def _scene_of(module: str) -> str | None:
    """The scene a module belongs to: ``scenes.play.controls`` belongs to ``play``."""
    if not module.startswith(SCENES_PREFIX + "."):
        return None
    return module[len(SCENES_PREFIX) + 1 :].split(".")[0]


SCENE_FILES = sorted(p for p in SCENES.rglob("*.py") if p != SCENES / "__init__.py")


@pytest.mark.parametrize("path", SCENE_FILES, ids=lambda p: str(p.relative_to(SCENES)))
def test_no_scene_module_imports_another_scene(path: Path) -> None:
    own = _scene_of(_module_name(path))
    wrong = sorted(
        name
        for name in _imported(path)
        if (_scene_of(name) not in (None, own)) or name.startswith(ROUTES_MODULE)
    )
    assert not wrong, f"{path.name} imports other scenes: {wrong} (open them by name instead)"


def test_the_import_check_sees_lazy_relative_and_guarded_imports() -> None:
    in_a_scene_module = (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from .debrief import DebriefScene\n"
        "def f():\n    from . import road\n"
        "    import roleplay.learner.desktop.scenes.saves\n"
    )
    names = _imported_by(in_a_scene_module, SCENES_PREFIX)
    assert {"debrief", "road", "saves"} <= {_scene_of(n) for n in names}
    in_the_play_package = "from .. import title\nfrom .controls import handle_event\n"
    names = _imported_by(in_the_play_package, SCENES_PREFIX + ".play")
    assert {_scene_of(n) for n in names} == {None, "title", "play"}


def test_every_scene_class_is_registered_under_a_name() -> None:
    defined: set[type] = set()
    for path in SCENE_FILES:
        module = __import__(_module_name(path), fromlist=["_"])
        defined.update(
            cls
            for _, cls in inspect.getmembers(module, inspect.isclass)
            if issubclass(cls, Scene) and cls is not Scene and cls.__module__ == module.__name__
        )
    assert defined == set(ROUTES.values())


UI_FILES = sorted([*(PACKAGE / "gui").rglob("*.py"), *(PACKAGE / "learner").rglob("*.py")])


@pytest.mark.parametrize("path", UI_FILES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_modules_and_functions_stay_small(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count("\n") <= 400, f"{path.name} has more than 400 lines"
    long = [
        f"{node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for node in ast.walk(ast.parse(text))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno is not None
        and node.end_lineno - node.lineno + 1 > 40
    ]
    assert not long, f"{path.name}: functions over 40 lines: {long}"
