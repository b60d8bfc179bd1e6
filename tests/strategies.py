"""Hypothesis strategies for what users and machines feed the game.

Scenario documents (mostly well-formed, with wrong types, unknown names, hostile numbers, tags
and anchors mixed in), condition expressions (from the grammar, plus junk), save files (real
saves with hostile leaves) and settings files (any JSON, any bytes).
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import strategies as st

METERS = ("trust", "compliance")
FLAGS = ("asked",)
NODES = ("hello", "done")
CHOICES = ("listen", "order")

#: Numbers that broke things before: huge, negative, float, infinite, not a number at all.
HOSTILE_NUMBERS = st.one_of(
    st.integers(-(10**6), 10**6),
    st.integers(),
    st.sampled_from([10**18, -(10**18), 2**63, 10**4000]),
    st.floats(allow_nan=False, allow_infinity=False),
)
HOSTILE_TEXT = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["", "\x00", "a" * 300, "../../etc/passwd", "/abs", "C:\\x", "\udc00"]),
)
ANY_SCALAR = st.one_of(st.none(), st.booleans(), HOSTILE_NUMBERS, HOSTILE_TEXT)


# --- conditions -----------------------------------------------------------------------------
_VALID_OPERATORS = (" + ", " - ", " * ", " // ", " % ", " and ", " or ", " == ", " != ")
_VALID_OPERATORS += (" < ", " <= ", " > ", " >= ")
_INVALID_OPERATORS = (" ** ", " / ", " & ", " is ", " in ")


def _atoms(hostile: bool) -> st.SearchStrategy[str]:
    unknown = ("nowhere",) if hostile else ()
    atoms = [
        st.sampled_from([*METERS, "true", "False", *(("nobody", "flags") if hostile else ())]),
        st.sampled_from([f"flags.{f}" for f in (*FLAGS, *unknown)]),
        st.integers(-(10**30), 10**30).map(str) if hostile else st.integers(-9, 9).map(str),
        st.sampled_from([*NODES, *unknown]).map(lambda n: f'visited("{n}")'),
        st.sampled_from([*NODES, *unknown]).map(lambda n: f'visits("{n}")'),
    ]
    if hostile:
        junk = ["'text'", "1.5", "x()", "__import__('os')", "[1]", "lambda: 1", "a if b else c"]
        atoms += [
            st.sampled_from([*CHOICES, "nothing"]).map(lambda c: f'chose("{c}")'),
            st.sampled_from(junk),
        ]
    return st.one_of(*atoms)


def _combiner(hostile: bool) -> Any:
    operators = _VALID_OPERATORS + (_INVALID_OPERATORS if hostile else ())
    prefixes = ["not ", "-", "+", *(["~"] if hostile else [])]

    def combine(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        unary = st.tuples(st.sampled_from(prefixes), inner).map("".join)
        binary = st.tuples(inner, st.sampled_from(operators), inner).map("".join)
        return st.one_of(unary, binary, inner.map(lambda text: f"({text})"))

    return combine


def conditions(hostile: bool = True) -> st.SearchStrategy[str]:
    """Condition texts from the grammar; when ``hostile``, also of any depth, with unknown
    names, operators outside the language and arbitrary text."""
    leaves = 40 if hostile else 6
    grammatical = st.recursive(_atoms(hostile), _combiner(hostile), max_leaves=leaves)
    return st.one_of(grammatical, grammatical, st.text(max_size=60)) if hostile else grammatical


# --- scenario documents ---------------------------------------------------------------------
def _names(valid: tuple[str, ...], hostile: bool) -> st.SearchStrategy[str]:
    """One of the ``valid`` names, or when ``hostile`` sometimes an unknown one."""
    return st.sampled_from([*valid, "nowhere"] if hostile else list(valid))


def _maybe(value: st.SearchStrategy[Any], hostile: bool) -> st.SearchStrategy[Any]:
    """``value``; when ``hostile``, sometimes any scalar instead (a wrong type)."""
    return st.one_of(value, value, value, ANY_SCALAR) if hostile else value


def _choice(hostile: bool) -> st.SearchStrategy[dict[str, Any]]:
    numbers = HOSTILE_NUMBERS if hostile else st.integers(-3, 3)
    extra: dict[str, st.SearchStrategy[Any]] = {}
    if hostile:
        extra = {
            "extra_key": ANY_SCALAR,
            "id": st.sampled_from(CHOICES),
            "locked_hint": HOSTILE_TEXT,
        }
    return st.fixed_dictionaries(
        {
            "text": _maybe(st.sampled_from(["Listen", "Order", "Ask"]), hostile),
            "technique": _maybe(
                _names(("active_listening", "direct_instruction"), hostile), hostile
            ),
            "next": _maybe(_names(NODES, hostile), hostile),
        },
        optional={
            "effects": st.dictionaries(
                _names(METERS, hostile), _maybe(numbers, hostile), max_size=3
            ),
            "set": st.dictionaries(
                _names(FLAGS, hostile), _maybe(st.booleans(), hostile), max_size=2
            ),
            "if": conditions(hostile),
            "once": _maybe(st.booleans(), hostile),
            "reaction": st.lists(
                st.fixed_dictionaries({"text": _maybe(st.just("Oh."), hostile)}), max_size=2
            ),
            **extra,
        },
    )


def _node(final: bool, hostile: bool) -> st.SearchStrategy[dict[str, Any]]:
    lines = st.lists(
        st.fixed_dictionaries(
            {"text": _maybe(st.just("Hi."), hostile)},
            optional={"speaker": _names(("jo",), hostile), "if": conditions(hostile)},
        ),
        min_size=1,
        max_size=3,
    )
    way = (
        st.fixed_dictionaries({"end": _maybe(st.just(True), hostile)})
        if final
        else st.fixed_dictionaries({"choices": st.lists(_choice(hostile), min_size=1, max_size=4)})
    )
    return st.tuples(lines, way).map(lambda pair: {"lines": pair[0], **pair[1]})


def _endings(hostile: bool) -> st.SearchStrategy[list[dict[str, Any]]]:
    """Ending rules: when ``hostile``, anything; else distinct ids and one final fallback."""
    if hostile:
        ending = st.fixed_dictionaries(
            {
                "id": _maybe(st.sampled_from(["good", "fine", "Bad id"]), True),
                "title": _maybe(st.just("T"), True),
                "text": _maybe(st.just("Done."), True),
            },
            optional={"when": conditions(True), "debrief": HOSTILE_TEXT},
        )
        return st.lists(ending, min_size=1, max_size=3)
    ruled = st.lists(conditions(False), max_size=3).map(
        lambda whens: [
            {"id": f"e{i}", "title": "T", "text": "Done.", "when": when, "debrief": "Why."}
            for i, when in enumerate(whens)
        ]
    )
    return ruled.map(lambda rules: [*rules, {"id": "fallback", "title": "F", "text": "End."}])


def scenario_data(hostile: bool) -> st.SearchStrategy[dict[str, Any]]:
    """A scenario as data: the shape of TINY with random names and conditions; when
    ``hostile``, also wrong types, unknown names, hostile numbers and hostile texts."""
    numbers = HOSTILE_NUMBERS if hostile else st.integers(0, 10)
    meter = st.fixed_dictionaries(
        {"label": _maybe(st.just("Trust"), hostile)},
        optional={"start": numbers, **({"min": numbers, "max": numbers} if hostile else {})},
    )
    backgrounds = {"backgrounds": st.dictionaries(st.just("bg"), HOSTILE_TEXT, max_size=1)}
    return st.fixed_dictionaries(
        {
            "format": _maybe(st.just(1), hostile),
            "id": _maybe(st.just("fuzz"), hostile),
            "title": _maybe(st.just("Fuzz"), hostile),
            "summary": _maybe(st.just("A fuzzed scenario."), hostile),
            "learning_goals": _maybe(st.just(["Example"]), hostile),
            "estimated_minutes": _maybe(st.integers(1, 100), hostile),
            "start": _maybe(_names(NODES, hostile), hostile),
            "meters": st.fixed_dictionaries({m: meter for m in METERS}),
            "flags": st.just({f: {"description": "d"} for f in FLAGS}),
            "characters": st.just({"jo": {"name": "Jo", "expressions": ["neutral"]}}),
            "nodes": st.fixed_dictionaries(
                {"hello": _node(False, hostile), "done": _node(True, hostile)}
            ),
            "endings": _endings(hostile),
        },
        optional=backgrounds if hostile else {},
    )


_YAML_MUTATIONS = st.sampled_from(
    [
        ("", ""),
        ("Hi.", '!!bool "maybe"'),
        ("Hi.", "!!python/object/apply:os.system [ls]"),
        ("Hi.", "0x" + "F" * 40),
        ("Listen", "&a Listen"),
        ("Fuzz", '"\\udc00"'),
        ("Done.", "*nowhere"),
    ]
)


def scenario_documents() -> st.SearchStrategy[str]:
    """Scenario YAML texts: generated data, dumped, with a textual mutation now and then."""

    def render(pair: tuple[dict[str, Any], tuple[str, str]]) -> str:
        data, (old, new) = pair
        text = json.dumps(data, ensure_ascii=False)  # JSON is YAML; the loader reads it all
        return text.replace(json.dumps(old), new, 1) if old else text

    hostile = st.tuples(scenario_data(hostile=True), _YAML_MUTATIONS)
    plain = st.tuples(scenario_data(hostile=False), st.just(("", "")))
    return st.one_of(plain, hostile).map(render)


# --- JSON user files ------------------------------------------------------------------------
JSON_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20),
)
ANY_JSON = st.recursive(
    JSON_SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=20,
)
#: Texts that are not what json.dumps makes: non-finite numbers, huge ones, deep nesting.
HOSTILE_JSON_TEXTS = st.sampled_from(
    ["Infinity", "-Infinity", "NaN", "1e400", "9" * 5000, "[" * 5000 + "]" * 5000, '"\\udc00"']
)


def _set_at(data: Any, path: list[int], value: Any) -> Any:
    """``data`` with the leaf picked by ``path`` (indices into sorted keys) replaced."""
    if not path or not isinstance(data, dict | list) or not data:
        return value
    keys = sorted(data) if isinstance(data, dict) else list(range(len(data)))
    key = keys[path[0] % len(keys)]
    copy: Any = dict(data) if isinstance(data, dict) else list(data)
    copy[key] = _set_at(copy[key], path[1:], value)
    return copy


def json_documents(base: dict[str, Any]) -> st.SearchStrategy[str]:
    """Texts of ``base`` with one value replaced: by any JSON, or by a hostile literal."""
    marker = "\x00HOSTILE\x00"
    replacement = st.one_of(ANY_JSON, HOSTILE_JSON_TEXTS.map(lambda t: (marker, t)))

    def render(pair: tuple[list[int], Any]) -> str:
        path, value = pair
        if isinstance(value, tuple):
            text = json.dumps(_set_at(base, path, marker))
            return text.replace(json.dumps(marker), value[1], 1)
        return json.dumps(_set_at(base, path, value))

    return st.tuples(st.lists(st.integers(0, 50), max_size=5), replacement).map(render)


def any_file_bytes() -> st.SearchStrategy[bytes]:
    """Arbitrary bytes, and arbitrary JSON texts encoded."""
    return st.one_of(st.binary(max_size=200), ANY_JSON.map(lambda v: json.dumps(v).encode()))
