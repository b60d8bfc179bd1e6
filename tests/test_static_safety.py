"""No code from a file ever runs: the package never uses eval, exec, unsafe YAML, pickle or marshal.

The check reads the syntax tree of every module (so the words may appear in prose, as here) and
fails on a call to ``eval``/``exec``/``compile``/``__import__``, on importing or naming
``pickle``, ``marshal``, ``shelve``, ``dill`` or ``cloudpickle``, and on PyYAML's unsafe entry
points (``yaml.load``, ``yaml.unsafe_load``, ``yaml.full_load``, the non-safe loaders).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "roleplay"
CODE_RUNNERS = frozenset({"eval", "exec", "compile", "__import__"})
SERIALISERS = frozenset({"pickle", "marshal", "shelve", "dill", "cloudpickle", "_pickle"})
UNSAFE_YAML = frozenset(
    {
        "load",
        "load_all",
        "unsafe_load",
        "unsafe_load_all",
        "full_load",
        "full_load_all",
        "Loader",
        "CLoader",
        "UnsafeLoader",
        "CUnsafeLoader",
        "FullLoader",
        "CFullLoader",
        "UnsafeConstructor",
        "FullConstructor",
    }
)


def unsafe_uses(source: str, filename: str = "<source>") -> list[str]:
    """Every forbidden use in ``source``, as 'line: what'."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source, filename)):
        line = getattr(node, "lineno", 0)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            if node.func.id in CODE_RUNNERS:
                found.append(f"{line}: {node.func.id}()")
        elif isinstance(node, ast.Import):
            found += [f"{line}: import {a.name}" for a in node.names if _serialiser(a.name)]
        elif isinstance(node, ast.ImportFrom):
            if _serialiser(node.module or ""):
                found.append(f"{line}: from {node.module} import")
            if (node.module or "").startswith("yaml"):
                found += [f"{line}: yaml.{a.name}" for a in node.names if a.name in UNSAFE_YAML]
        elif isinstance(node, ast.Name) and node.id in SERIALISERS | {"builtins"}:
            found.append(f"{line}: {node.id}")
        elif isinstance(node, ast.Attribute):
            found += _attribute(node, line)
    return found


def _serialiser(module: str) -> bool:
    return module.split(".")[0] in SERIALISERS


def _attribute(node: ast.Attribute, line: int) -> list[str]:
    if not isinstance(node.value, ast.Name):
        return []
    owner, name = node.value.id, node.attr
    if owner == "yaml" and name in UNSAFE_YAML:
        return [f"{line}: yaml.{name}"]
    if owner in ("builtins", "__builtins__") and name in CODE_RUNNERS:
        return [f"{line}: {owner}.{name}"]
    return []


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("module", MODULES, ids=[str(m.relative_to(ROOT)) for m in MODULES])
def test_module_runs_no_code_from_data(module: Path) -> None:
    assert unsafe_uses(module.read_text(encoding="utf-8"), str(module)) == []


@pytest.mark.parametrize(
    "snippet",
    [
        "eval(text)",
        "exec(code)",
        "import pickle",
        "from marshal import loads",
        "yaml.load(text, Loader=yaml.Loader)",
        "yaml.unsafe_load(text)",
        "from yaml import FullLoader",
        "builtins.eval('1')",
        "x = pickle",
    ],
)
def test_the_check_catches_each_forbidden_use(snippet: str) -> None:
    assert unsafe_uses(snippet) != []


def test_safe_look_alikes_pass() -> None:
    safe = "ast.literal_eval(s)\nrunner.evaluate(c)\nyaml.CSafeLoader(text)\n# eval( in a comment"
    assert unsafe_uses(safe) == []
