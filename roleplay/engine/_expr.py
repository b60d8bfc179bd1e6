"""The condition language: parsed once with Python's ``ast`` under a whitelist, never evaluated.

A condition such as ``trust >= 6 and not flags.threatened and visited("prep_call")`` is parsed
into an AST, checked against a whitelist of node types and known names, then compiled into a tree
of small closures that read an evaluation context. No Python code from a scenario ever runs.
"""

from __future__ import annotations

import ast
import operator
from collections.abc import Callable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import Protocol

from roleplay.engine._diagnostics import did_you_mean
from roleplay.engine._expr_fast import meter_against_number
from roleplay.engine._hints import condition_syntax_hint, unknown_meter_hint
from roleplay.engine._limits import condition_too_deep

Value = int | bool
Evaluator = Callable[["Context"], Value]

MAX_LENGTH = 1000
FUNCTIONS = ("visited", "visits", "chose")


class Context(Protocol):
    """What a condition may read: meters, flags, visit counts and choices taken."""

    @property
    def meters(self) -> Mapping[str, int]:
        """Meter values by id."""

    @property
    def flags(self) -> Mapping[str, bool]:
        """Flag values by id."""

    @property
    def visits(self) -> Mapping[str, int]:
        """How often each node was entered."""

    @property
    def chosen(self) -> Mapping[str, int]:
        """How often each choice id was taken."""


class ExprError(Exception):
    """A problem inside a condition: ``offset`` is the 0-based column inside the text."""

    def __init__(self, code: str, message: str, offset: int, hint: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.offset = offset
        self.hint = hint


@dataclass(frozen=True)
class Names:
    """The names a condition may refer to."""

    meters: frozenset[str]
    flags: frozenset[str]
    nodes: frozenset[str]
    choices: AbstractSet[str]  # a lazily made set for a scenario from the cache


@dataclass(frozen=True)
class Condition:
    """A compiled condition: its source text, the evaluator and what it reads."""

    source: str
    tree: ast.expr = field(compare=False, repr=False)
    evaluate: Evaluator = field(compare=False, repr=False)
    meters: frozenset[str] = frozenset()
    flags: frozenset[str] = frozenset()
    nodes: frozenset[str] = frozenset()
    choices: frozenset[str] = frozenset()

    def __call__(self, context: Context) -> bool:
        """True when the condition holds in ``context``."""
        return bool(self.evaluate(context))


_COMPARE: dict[type[ast.cmpop], Callable[[Value, Value], bool]] = {
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
}


def _floordiv(a: Value, b: Value) -> int:
    return int(a) // int(b) if b else 0


def _mod(a: Value, b: Value) -> int:
    return int(a) % int(b) if b else 0


_BINARY: dict[type[ast.operator], Callable[[Value, Value], Value]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.FloorDiv: _floordiv,
    ast.Mod: _mod,
}

_SYMBOL = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.FloorDiv: "//", ast.Mod: "%"}


def parse_condition(source: str, names: Names) -> Condition:
    """Parse and check ``source``; raise ExprError (with the column) on any problem."""
    if len(source) > MAX_LENGTH:
        raise ExprError("RP030", f"condition is longer than {MAX_LENGTH} characters", 0)
    if not source.strip():
        raise ExprError("RP030", "condition is empty", 0, "write a condition or remove the key")
    try:
        tree = ast.parse(source.strip("\n"), mode="eval").body
    except SyntaxError as exc:
        offset = max((exc.offset or 1) - 1, 0)
        raise ExprError(
            "RP030", f"invalid condition: {exc.msg}", offset, condition_syntax_hint(source)
        ) from None
    except (ValueError, RecursionError, MemoryError):
        raise ExprError("RP030", "condition is too complex", 0) from None
    too_deep = condition_too_deep(tree)  # the compiler and evaluator recurse
    if too_deep:
        raise ExprError("RP030", too_deep, 0, "use fewer 'not's and chained + or -")
    compiler = _Compiler(names)
    evaluate = compiler.compile(tree)
    return Condition(
        source,
        tree,
        evaluate,
        frozenset(compiler.meters),
        frozenset(compiler.flags),
        frozenset(compiler.nodes),
        frozenset(compiler.choices),
    )


class _Compiler:
    """Turns a whitelisted AST into closures, collecting the names it reads."""

    def __init__(self, names: Names) -> None:
        self.names = names
        self.meters: set[str] = set()
        self.flags: set[str] = set()
        self.nodes: set[str] = set()
        self.choices: set[str] = set()

    def compile(self, node: ast.expr) -> Evaluator:
        method = getattr(self, "_" + type(node).__name__, None)
        if method is None:
            raise ExprError(
                "RP030",
                f"'{ast.unparse(node)}' is not allowed in a condition",
                node.col_offset,
                'use meters, flags.NAME, visited("id"), chose("id"), numbers, '
                "comparisons and and/or/not",
            )
        result: Evaluator = method(node)
        return result

    def _BoolOp(self, node: ast.BoolOp) -> Evaluator:
        parts = tuple(self.compile(v) for v in node.values)
        conjunction = isinstance(node.op, ast.And)
        if len(parts) == 2:
            first, second = parts
            if conjunction:
                return lambda c: bool(first(c)) and bool(second(c))
            return lambda c: bool(first(c)) or bool(second(c))
        if conjunction:
            return lambda c: all(p(c) for p in parts)
        return lambda c: any(p(c) for p in parts)

    def _UnaryOp(self, node: ast.UnaryOp) -> Evaluator:
        inner = self.compile(node.operand)
        if isinstance(node.op, ast.Not):
            return lambda c: not inner(c)
        if isinstance(node.op, ast.USub):
            return lambda c: -int(inner(c))
        if isinstance(node.op, ast.UAdd):
            return inner
        raise ExprError("RP030", "'~' is not allowed in a condition", node.col_offset)

    def _BinOp(self, node: ast.BinOp) -> Evaluator:
        function = _BINARY.get(type(node.op))
        if function is None:
            raise ExprError(
                "RP030",
                "only + - * // % are allowed in arithmetic",
                node.col_offset,
                "use // for whole-number division",
            )
        left, right = self.compile(node.left), self.compile(node.right)
        return lambda c: function(left(c), right(c))

    def _Compare(self, node: ast.Compare) -> Evaluator:
        operands = (self.compile(node.left), *(self.compile(c) for c in node.comparators))
        ops = []
        for op in node.ops:
            function = _COMPARE.get(type(op))
            if function is None:
                raise ExprError("RP030", "use == != < <= > >= to compare", node.col_offset)
            ops.append(function)
        if len(ops) == 1:
            (left, right), only = operands, ops[0]
            fast = meter_against_number(node.left, node.ops[0], node.comparators[0], self.meters)
            return fast or (lambda c: only(left(c), right(c)))
        pairs = tuple(zip(ops, operands, operands[1:], strict=False))
        return lambda c: all(op(a(c), b(c)) for op, a, b in pairs)

    def _Constant(self, node: ast.Constant) -> Evaluator:
        value = node.value
        if isinstance(value, bool | int):
            return lambda c: value
        raise ExprError(
            "RP030",
            f"{type(value).__name__} values are not allowed; use whole numbers",
            node.col_offset,
        )

    def _Name(self, node: ast.Name) -> Evaluator:
        name = node.id
        if name in ("true", "True"):
            return lambda c: True
        if name in ("false", "False"):
            return lambda c: False
        if name in self.names.meters:
            self.meters.add(name)
            return lambda c: c.meters[name]
        if name in self.names.flags:
            raise ExprError("RP031", f"'{name}' is a flag", node.col_offset, f"write flags.{name}")
        raise ExprError(
            "RP031",
            f"unknown name '{name}'",
            node.col_offset,
            unknown_meter_hint(name, self.names.meters, also=("flags",)),
        )

    def _Attribute(self, node: ast.Attribute) -> Evaluator:
        if not (isinstance(node.value, ast.Name) and node.value.id == "flags"):
            raise ExprError(
                "RP031",
                f"'{ast.unparse(node)}' is not a flag",
                node.col_offset,
                "flags are written flags.NAME",
            )
        name = node.attr
        if name not in self.names.flags:
            column = (node.end_col_offset or node.col_offset) - len(name)
            raise ExprError(
                "RP031",
                f"unknown flag '{name}'",
                column,
                did_you_mean(name, self.names.flags),
            )
        self.flags.add(name)
        return lambda c: c.flags[name]

    def _Call(self, node: ast.Call) -> Evaluator:
        function = node.func.id if isinstance(node.func, ast.Name) else ""
        if function not in FUNCTIONS:
            raise ExprError(
                "RP032",
                f"unknown function '{ast.unparse(node.func)}'",
                node.col_offset,
                'the functions are visited("node"), visits("node") and chose("choice")',
            )
        argument = node.args[0] if len(node.args) == 1 and not node.keywords else None
        if not (isinstance(argument, ast.Constant) and isinstance(argument.value, str)):
            raise ExprError(
                "RP032",
                f"{function}() takes one quoted id",
                node.col_offset,
                f'write {function}("some_id")',
            )
        target: str = argument.value
        if function == "chose":
            return self._chose(target, argument.col_offset)
        return self._visited(function, target, argument.col_offset)

    def _chose(self, target: str, column: int) -> Evaluator:
        _require(target, self.names.choices, "choice id", column)
        self.choices.add(target)
        return lambda c: c.chosen.get(target, 0) > 0

    def _visited(self, function: str, target: str, column: int) -> Evaluator:
        _require(target, self.names.nodes, "node", column)
        self.nodes.add(target)
        if function == "visits":
            return lambda c: c.visits.get(target, 0)
        return lambda c: c.visits.get(target, 0) > 0


def _require(name: str, known: AbstractSet[str], kind: str, column: int) -> None:
    """Raise RP031 with a "did you mean" hint when ``name`` is not among ``known``."""
    if name not in known:
        raise ExprError("RP031", f"unknown {kind} '{name}'", column, did_you_mean(name, known))


def describe(condition: Condition, labels: Mapping[str, str]) -> str:
    """The condition in plain words, e.g. "Trust is at least 7 and you chose ..."."""
    return _Describer(labels).words(condition.tree)


_PHRASES = {
    ast.Eq: "is exactly",
    ast.NotEq: "is not",
    ast.Lt: "is below",
    ast.LtE: "is at most",
    ast.Gt: "is above",
    ast.GtE: "is at least",
}


class _Describer:
    def __init__(self, labels: Mapping[str, str]) -> None:
        self.labels = labels

    def words(self, node: ast.expr) -> str:
        if isinstance(node, ast.BoolOp):
            word = "and" if isinstance(node.op, ast.And) else "or"
            parts = [self._grouped(v) for v in node.values]
            if len(parts) < 3:
                return f" {word} ".join(parts)
            return ", ".join(parts[:-1]) + f", {word} " + parts[-1]
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            return self._negated(node.operand)
        if isinstance(node, ast.Compare) and len(node.ops) == 1:
            phrase = _PHRASES.get(type(node.ops[0]), "compares to")
            return f"{self.term(node.left)} {phrase} {self.term(node.comparators[0])}"
        if isinstance(node, ast.Attribute):
            clause = self._flag_clause(node.attr)
            return clause or f"{self._flag(node.attr)} happened"
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.args:
            target = ast.literal_eval(node.args[0])
            if node.func.id == "chose":
                return f"you chose \u201c{self.labels.get('choice:' + target, target)}\u201d"
            if node.func.id == "visited":
                return f"you reached \u201c{target}\u201d"
        return ast.unparse(node)

    def _grouped(self, node: ast.expr) -> str:
        text = self.words(node)
        return f"({text})" if isinstance(node, ast.BoolOp) else text

    def _negated(self, node: ast.expr) -> str:
        if isinstance(node, ast.Attribute):
            clause = self._flag_clause(node.attr)
            if clause:
                return f"it is not true that {clause}"
            return f"{self._flag(node.attr)} did not happen"
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.args:
            target = ast.literal_eval(node.args[0])
            if node.func.id == "chose":
                return (
                    f"you did not choose \u201c{self.labels.get('choice:' + target, target)}\u201d"
                )
        return f"not ({self.words(node)})"

    def _flag_clause(self, name: str) -> str:
        """The flag's description as a clause ("you kept your promise"), or '' without one."""
        label = self.labels.get("flag:" + name, "")
        if not label or label == name.replace("_", " "):
            return ""
        clause = label.strip().rstrip(".")
        if len(clause) > 1 and clause[0].isupper() and not clause[1].isupper():
            clause = clause[0].lower() + clause[1:]
        return clause

    def _flag(self, name: str) -> str:
        return f"\u201c{self.labels.get('flag:' + name, name.replace('_', ' '))}\u201d"

    def term(self, node: ast.expr) -> str:
        if isinstance(node, ast.Name):
            return self.labels.get("meter:" + node.id, node.id)
        if isinstance(node, ast.BinOp):
            symbol = _SYMBOL.get(type(node.op), "?")
            return f"{self.term(node.left)} {symbol} {self.term(node.right)}"
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.args:
            return f"visits to \u201c{ast.literal_eval(node.args[0])}\u201d"
        return ast.unparse(node)
