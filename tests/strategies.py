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
def _atoms() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from([*METERS, "nobody", "flags", "true", "False"]),
        st.sampled_from([f"flags.{f}" for f in (*FLAGS, "missing")]),
        st.integers(-(10**30), 10**30).map(str),
        st.sampled_from([*NODES, "nowhere"]).map(lambda n: f'visited("{n}")'),
        st.sampled_from([*NODES, "nowhere"]).map(lambda n: f'visits("{n}")'),
        st.sampled_from([*CHOICES, "nothing"]).map(lambda c: f'chose("{c}")'),
        st.sampled_from(
            ["'text'", "1.5", "x()", "__import__('os')", "[1]", "lambda: 1", "a if b else c"]
        ),
    )


def _combine(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    unary = st.tuples(st.sampled_from(["not ", "-", "+", "~"]), inner).map("".join)
    binary = st.tuples(
        inner,
        st.sampled_from(
            [
                " + ",
                " - ",
                " * ",
                " // ",
                " % ",
                " ** ",
                " / ",
                " and ",
                " or ",
                " == ",
                " != ",
                " < ",
                " <= ",
                " > ",
                " >= ",
                " & ",
                " is ",
                " in ",
            ]
        ),
        inner,
    ).map("".join)
    return st.one_of(unary, binary, inner.map(lambda text: f"({text})"))


def conditions() -> st.SearchStrategy[str]:
    """Condition texts: grammatical ones of any depth, and arbitrary text."""
    grammatical = st.recursive(_atoms(), _combine, max_leaves=40)
    return st.one_of(grammatical, grammatical, st.text(max_size=60))


# --- scenario documents ---------------------------------------------------------------------
def _maybe(value: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Usually ``value``, sometimes any scalar instead (a wrong type)."""
    return st.one_of(value, value, value, ANY_SCALAR)


def _choice() -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {
            "text": _maybe(st.sampled_from(["Listen", "Order", "Ask"])),
            "technique": _maybe(st.sampled_from(["active_listening", "direct_instruction", "x"])),
            "next": _maybe(st.sampled_from([*NODES, "nowhere"])),
        },
        optional={
            "id": _maybe(st.sampled_from(list(CHOICES))),
            "effects": st.dictionaries(
                st.sampled_from([*METERS, "x"]), _maybe(HOSTILE_NUMBERS), max_size=3
            ),
            "set": st.dictionaries(
                st.sampled_from([*FLAGS, "y"]), _maybe(st.booleans()), max_size=2
            ),
            "if": conditions(),
            "once": _maybe(st.booleans()),
            "show_locked": _maybe(st.booleans()),
            "locked_hint": HOSTILE_TEXT,
            "reaction": st.lists(
                st.fixed_dictionaries({"text": _maybe(st.just("Oh."))}), max_size=2
            ),
            "extra_key": ANY_SCALAR,
        },
    )


def _node(final: bool) -> st.SearchStrategy[dict[str, Any]]:
    lines = st.lists(
        st.fixed_dictionaries(
            {"text": _maybe(st.just("Hi."))},
            optional={"speaker": st.sampled_from(["jo", "ghost"]), "if": conditions()},
        ),
        min_size=1,
        max_size=3,
    )
    way = (
        st.fixed_dictionaries({"end": _maybe(st.just(True))})
        if final
        else st.fixed_dictionaries({"choices": st.lists(_choice(), min_size=1, max_size=4)})
    )
    return st.tuples(lines, way).map(lambda pair: {"lines": pair[0], **pair[1]})


def scenario_data() -> st.SearchStrategy[dict[str, Any]]:
    """A scenario as data: the shape of TINY with random values, types and names."""
    meter = st.fixed_dictionaries(
        {"label": _maybe(st.just("Trust"))},
        optional={"min": HOSTILE_NUMBERS, "max": HOSTILE_NUMBERS, "start": HOSTILE_NUMBERS},
    )
    ending = st.fixed_dictionaries(
        {
            "id": _maybe(st.sampled_from(["good", "fine", "Bad id"])),
            "title": _maybe(st.just("T")),
            "text": _maybe(st.just("Done.")),
        },
        optional={"when": conditions(), "debrief": HOSTILE_TEXT},
    )
    return st.fixed_dictionaries(
        {
            "format": _maybe(st.just(1)),
            "id": _maybe(st.just("fuzz")),
            "title": _maybe(st.just("Fuzz")),
            "summary": _maybe(st.just("A fuzzed scenario.")),
            "learning_goals": _maybe(st.just(["Example"])),
            "estimated_minutes": _maybe(HOSTILE_NUMBERS),
            "start": _maybe(st.sampled_from([*NODES, "nowhere"])),
            "meters": st.dictionaries(st.sampled_from(METERS), meter, min_size=1),
            "flags": st.dictionaries(st.sampled_from(FLAGS), st.just({"description": "d"})),
            "characters": st.just({"jo": {"name": "Jo", "expressions": ["neutral"]}}),
            "nodes": st.fixed_dictionaries({"hello": _node(False), "done": _node(True)}),
            "endings": st.lists(ending, min_size=1, max_size=3),
        },
        optional={"backgrounds": st.dictionaries(st.just("bg"), HOSTILE_TEXT, max_size=1)},
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

    return st.tuples(scenario_data(), _YAML_MUTATIONS).map(render)


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
