"""The YAML fast path reads exactly what the libyaml builder reads, or leaves the text to it.

A scenario loads through roleplay.engine._yaml_fast when it is written in the YAML scenario
files use, and through the builder otherwise. What a user could notice: any difference at all
in the loaded data (a type, a text, an order), or in a diagnostic. So every document here is
read both ways: the fast path must give the builder's data exactly, or decline.
"""

from __future__ import annotations

import ast
import math
import random
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from yaml.resolver import Resolver

from roleplay.engine import _yaml_build, _yaml_fast
from roleplay.engine._yaml import YamlProblem, load_yaml
from roleplay.engine._yaml_fast import DECLINED, fast_load
from roleplay.engine._yaml_scalars import RESOLVERS
from tests.yaml_styles import documents

ROOT = Path(__file__).resolve().parent.parent
YAML_FILES = sorted(
    p for p in ROOT.rglob("*.yaml") if ".git" not in p.parts and "node_modules" not in p.parts
)
ERROR = object()


def builder(text: str) -> Any:
    """What the builder makes of ``text`` (ERROR when it refuses it)."""
    try:
        return load_yaml(text)[0]  # with positions: always the builder
    except YamlProblem:
        return ERROR


def same(got: Any, expected: Any) -> bool:
    """Equal, with the same types throughout (True is not 1), keys in the same order."""
    if type(got) is not type(expected):
        return False
    if isinstance(got, dict):
        return list(got) == list(expected) and all(same(got[k], expected[k]) for k in got)
    if isinstance(got, list):
        return len(got) == len(expected) and all(map(same, got, expected))
    if isinstance(got, float) and math.isnan(got):
        return math.isnan(expected)
    return bool(got == expected)


def check(text: str) -> Any:
    """Assert the fast path gives the builder's data or declines; return what it gave. It
    must also count the values as the builder does (what the limit of values is checked on)."""
    fast = fast_load(text)
    if fast is not DECLINED:
        expected = builder(text)
        assert expected is not ERROR, "the fast path read a text the builder refuses"
        assert same(fast, expected)
        assert _counts(text)
    return fast


def _counts(text: str) -> bool:
    loaded = _yaml_build.Builder(_yaml_build.Loader(text), False)
    loaded.build()
    parser = _yaml_fast._Parser(text.replace("\r\n", "\n").split("\n"))
    parser.document()
    return bool(parser.count == loaded.count)


def test_plain_scalars_resolve_with_pyyamls_own_patterns() -> None:
    ours = {k: [(tag, p.pattern, p.flags) for tag, p in v] for k, v in RESOLVERS.items()}
    theirs = Resolver.yaml_implicit_resolvers
    assert ours == {k: [(t, p.pattern, p.flags) for t, p in v] for k, v in theirs.items()}


@pytest.mark.parametrize("path", YAML_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_yaml_file_in_the_project_reads_the_same(path: Path) -> None:
    fast = check(path.read_text(encoding="utf-8"))
    if path.parent.name == "scenarios":
        assert fast is not DECLINED  # the shipped scenarios take the fast path


def _texts_in_tests() -> list[str]:
    """Every multi-line string written in the tests (fixtures, inline scenarios)."""
    found = []
    for source in sorted((ROOT / "tests").rglob("*.py")):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            text = node.value if isinstance(node, ast.Constant) else None
            if isinstance(text, str) and "\n" in text and ":" in text:
                found.append(text)
    return found


def test_every_yaml_text_in_the_tests_reads_the_same() -> None:
    texts = _texts_in_tests()
    read = [text for text in texts if check(text) is not DECLINED]
    assert len(read) > 50  # (many are fragments, markdown or broken on purpose)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(careful=False))
def test_documents_in_any_style_read_the_same(text: str) -> None:
    check(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(careful=True))
def test_documents_in_the_usual_style_take_the_fast_path(text: str) -> None:
    assert check(text) is not DECLINED, text


_SHIPPED = [p for p in YAML_FILES if p.parent.name == "scenarios"]
_JUNK = [*" \n\n-:#'\"{}[],|>&*!?%@`\t\r\\xé0", "- ", ": ", " #", "  ", "\n  ", "\n- "]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(_SHIPPED), st.randoms(use_true_random=False))
def test_mutated_scenarios_read_the_same(path: Path, rnd: random.Random) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    for _ in range(rnd.randint(1, 3)):
        at = rnd.randrange(len(lines))
        action = rnd.randrange(5)
        if action == 0:  # a character inserted, deleted or replaced
            line, cut = lines[at], rnd.randint(0, len(lines[at]))
            lines[at] = line[:cut] + rnd.choice(_JUNK) + line[cut + rnd.randint(0, 1) :]
        elif action == 1:  # indented or dedented
            lines[at] = " " * rnd.randint(0, 3) + lines[at].lstrip(" ")
        elif action == 2:
            lines.insert(at, lines[rnd.randrange(len(lines))])
        elif action == 3:
            del lines[at]
        else:
            lines[at : at + 2] = lines[at : at + 2][::-1]
    check("\n".join(lines))


def test_short_plain_scalars_and_keys_are_interned_as_by_the_builder() -> None:
    text = (ROOT / "scenarios" / "sample_rota.yaml").read_text(encoding="utf-8")
    text += 'extra: ["quoted", plain, "a long quoted text that is not interned at all"]\n'

    def shared(first: Any, second: Any, out: list[bool]) -> list[bool]:
        if isinstance(first, dict):
            out += [a is b for a, b in zip(first, second, strict=True)]
            first, second = list(first.values()), list(second.values())
        if isinstance(first, list):
            for a, b in zip(first, second, strict=True):
                shared(a, b, out)
        elif isinstance(first, str) and len(first) > 1:
            out.append(first is second)
        return out

    fast = shared(fast_load(text), fast_load(text), [])
    assert fast == shared(builder(text), builder(text), []) and any(fast) and not all(fast)


# --- what the fast path leaves to the builder ----------------------------------------------
DECLINED_TEXTS = {
    "anchor and alias": "a: &x 1\nb: *x\n",
    "tag": "a: !!str 1\n",
    "tag on a collection": "a: !!set {x: null}\n",
    "explicit key": "? a\n: b\n",
    "document start": "---\na: 1\n",
    "document end": "a: 1\n...\n",
    "directive": "%YAML 1.1\n---\na: 1\n",
    "two documents": "a: 1\n---\nb: 2\n",
    "quoted key": '"a": 1\n',
    "duplicate key": "a: 1\nb: 2\na: 3\n",
    "duplicate flow key": "a: {x: 1, x: 2}\n",
    "tab": "a:\n\tb: 1\n",
    "lone carriage return": "a: 1\rb: 2\n",
    "line separator": "a: x\u2028y\n",
    "next line character": "a: x\x85y\n",
    "byte order mark inside": "a: x\ufeffy\n",
    "control character": "a: x\x07y\n",
    "quoted over two lines": 'a: "x\n  y"\n',
    "flow over two lines": "a: {x: 1,\n  y: 2}\n",
    "flow with a trailing comma": "a: [x, y,]\n",
    "flow colon without space": "a: {x:1}\n",
    "value on the next line": "a:\n  some text\n",
    "sequence in a sequence on one line": "a:\n  - - x\n",
    "mapping value after a value": "a: b: c\n",
    "odd indentation": "a:\n    b: 1\n  c: 2\n",
    "keep chomping": "a: |+\n  x\n\nb: 1\n",
    "indentation indicator": "a: |2\n   x\n",
    "more-indented folded line": "a: >\n  x\n    y\n  z\n",
    "empty block scalar": "a: |\nb: 1\n",
    "comment inside a plain scalar": "a: x\n# c\n  y\n",
    "huge number": "a: " + "9" * 40 + "\n",
    "long key": "k" * 1100 + ": 1\n",
    "long text": "a: " + "x" * 20_001 + "\n",
    "top-level list": "- a\n- b\n",
    "top-level scalar": "just text\n",
    "empty document": "# nothing\n",
    "json": '{"a": 1}\n',
    "indented top level": "  a: 1\n",
    "flow line that does not close": "a: {" + ", ".join(f"k{i}: v w   " for i in range(60)),
    "unknown escape": 'a: "\\q"\n',
    "surrogate escape": 'a: "\\ud800"\n',
}


@pytest.mark.parametrize("text", DECLINED_TEXTS.values(), ids=DECLINED_TEXTS.keys())
def test_what_the_fast_path_declines_goes_to_the_builder(text: str) -> None:
    assert fast_load(text) is DECLINED
    expected = builder(text)
    try:
        got = load_yaml(text, positions=False)[0]
    except YamlProblem as problem:
        with pytest.raises(YamlProblem) as raised:
            load_yaml(text)
        assert (problem.code, problem.line, problem.col) == (
            raised.value.code,
            raised.value.line,
            raised.value.col,
        )
        return
    assert same(got, expected)


def test_a_plain_text_over_many_lines_is_read_in_one_go() -> None:
    words = "".join(f"    word{i}\n" + ("\n" if i % 7 == 0 else "") for i in range(1500))
    text = f"a:\n  b: first\n{words}  # the end\n  c: 1\n"
    value = check(text)
    assert value is not DECLINED and value["a"]["b"].count("\n") == 1500 // 7 + 1


def test_nesting_near_the_limit_goes_to_the_builder() -> None:
    deep = "".join(" " * i + f"k{i}:\n" for i in range(_yaml_fast.MAX_NESTING + 1)) + " " * 200
    assert fast_load(deep + "x: 1\n") is DECLINED
    shallow = "".join(" " * i + f"k{i}:\n" for i in range(20))
    assert fast_load(shallow + " " * 20 + "x: 1\n") is not DECLINED


def test_too_many_values_go_to_the_builder(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "a: [1, 2, 3]\nb: {c: 4}\n"  # 1 + 1 + 4 + 1 + 3 values, as the builder counts them
    assert fast_load(text) is not DECLINED
    monkeypatch.setattr(_yaml_fast, "MAX_VALUES", 10)
    assert fast_load(text) is not DECLINED
    monkeypatch.setattr(_yaml_fast, "MAX_VALUES", 9)
    assert fast_load(text) is DECLINED


def test_a_clean_scenario_is_parsed_once_and_a_problem_still_located(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from roleplay import check_scenario_file

    built: list[bool] = []
    real = _yaml_build.Builder.__init__

    def counting(self: Any, loader: Any, positions: bool = True) -> None:
        built.append(positions)
        real(self, loader, positions)

    monkeypatch.setattr(_yaml_build.Builder, "__init__", counting)
    for path in _SHIPPED:
        if not path.name.endswith(".playthrough.yaml") and path.name != "techniques.yaml":
            scenario, diagnostics = check_scenario_file(path, use_cache=False)
            assert scenario is not None and not diagnostics
    assert built == []  # no libyaml parse, and no source map
    text = (ROOT / "scenarios" / "sample_rota.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace("next: vote", "next: nowhere", 1), encoding="utf-8")
    _, diagnostics = check_scenario_file(bad, use_cache=False)
    [problem] = [d for d in diagnostics if d.code == "RP020"]
    assert text.split("\n")[problem.line - 1].strip() == "next: vote"
    assert built == [True]  # the source map, built once, for the diagnostic


def test_the_fast_path_does_not_import_pyyaml() -> None:
    import subprocess

    code = (
        "import sys; from roleplay.engine._yaml import load_yaml; "
        "load_yaml('a: [1, x]\\n', positions=False); print('yaml' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr
