"""Safe, bounded YAML loading that remembers where every value came from.

Without positions, the YAML scenario files are written in is read by a fast path of our own
(roleplay.engine._yaml_fast), which gives the same data and declines anything else. Otherwise
the document is built straight from the parser's event stream (libyaml's C parser when present),
never through PyYAML's composer: one pass that limits nesting depth and alias expansion before
anything can blow up, and records the line and column of every key and value. The builder lives
in roleplay.engine._yaml_build, imported on the first parse, so that what only needs the names
here (a start served from the scenario cache) does not import PyYAML.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from roleplay.engine._source_map import Path as Path  # re-exported
from roleplay.engine._source_map import Pos as Pos  # re-exported
from roleplay.engine._source_map import SourceMap as SourceMap  # re-exported
from roleplay.engine._yaml_limits import MAX_DEPTH as MAX_DEPTH  # re-exported
from roleplay.engine._yaml_limits import YamlProblem as YamlProblem  # re-exported
from roleplay.engine._yaml_limits import check_lines

MAX_BYTES = 16 * 1024 * 1024


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector: loading allocates many objects and no cycles.

    On the way out the survivors are frozen (``gc.freeze``): they are long-lived scenario data,
    and without it the first collection after re-enabling would walk every one of them.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.freeze()
            gc.enable()


def decode(data: bytes) -> str:
    """Decode file bytes as UTF-8 text, or raise a located RP005 problem."""
    if len(data) > MAX_BYTES:
        raise YamlProblem(
            "RP002",
            f"file is {len(data) / 1e6:.1f} MB; the limit is {MAX_BYTES // 1_000_000} MB",
            1,
            1,
            "split the scenario into smaller files",
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise YamlProblem(
            "RP005", "file is not UTF-8 text", line, col, "save the file as UTF-8"
        ) from None
    if "\x00" in text:
        index = text.index("\x00")
        line = text.count("\n", 0, index) + 1
        raise YamlProblem("RP005", "file contains binary data (a NUL byte)", line, 1)
    check_lines(text)
    return text


def load_yaml(text: str, *, positions: bool = True) -> tuple[Any, SourceMap]:
    """Parse ``text`` safely; return the data and its source map, or raise YamlProblem.

    Without ``positions`` the source map stays empty (faster, and far less memory), and the
    text is first offered to the fast path (roleplay.engine._yaml_fast), which reads the YAML
    scenario files are written in and declines anything else (the builder then parses it).
    """
    if not positions:
        from roleplay.engine._yaml_fast import DECLINED, fast_load

        with paused_gc():
            fast = fast_load(text)
        if fast is not DECLINED:
            return fast, SourceMap()
    import yaml

    from roleplay.engine._yaml_build import Builder, Loader

    loader = Loader(text)
    builder = Builder(loader, positions)
    try:
        with paused_gc():
            data = builder.build()
    except yaml.MarkedYAMLError as exc:
        raise _located_problem(exc, text) from None
    except yaml.YAMLError as exc:
        raise YamlProblem("RP001", str(exc).splitlines()[0], 1, 1) from None
    except RecursionError:
        raise YamlProblem("RP003", "nesting is too deep", 1, 1) from None
    finally:
        loader.dispose()
    return data, builder.smap


def _located_problem(exc: Any, text: str) -> YamlProblem:
    """The problem a libyaml error reports, at its line and column, with a hint."""
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    message = str(exc.problem or exc.context or "invalid YAML")
    lines = text.splitlines()
    line_text = lines[line - 1] if 0 < line <= len(lines) else ""
    if "maximum nesting depth" in message:
        # libyaml 0.2.5+ (bundled by PyYAML 6.0.4) has its own nesting limit, met first
        return YamlProblem(
            "RP003",
            f"nesting is deeper than libyaml's limit ({message})",
            line,
            col,
            "a scenario never needs this much nesting; is the file generated?",
        )
    return YamlProblem("RP001", message, line, col, _yaml_hint(message, line_text))


def _yaml_hint(message: str, line_text: str = "") -> str:
    if "mapping values are not allowed" in message:
        value = line_text.split(":", 1)[1] if ":" in line_text else ""
        if ": " in value:
            return "a ':' inside text needs the whole text in quotes"
        return "check the indentation: this line is indented deeper than the keys beside it"
    if "found character '\\t'" in message:
        return "YAML indents with spaces, not tabs"
    if "could not find expected ':'" in message:
        return "check the indentation of this line and the one before"
    if "did not find expected key" in message or "expected <block end>" in message:
        return (
            "check the indentation: this line does not line up with the keys above it "
            "(or a list item '- ' is indented differently from its siblings)"
        )
    return ""
