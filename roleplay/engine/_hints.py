"""Fix hints for unknown names: the nearest ones, and where the full list lives."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from roleplay.engine._diagnostics import did_you_mean

TECHNIQUES_DOC = "docs/techniques.md"


def unknown_meter_hint(name: str, meters: Iterable[str], *, also: Iterable[str] = ()) -> str:
    """ "did you mean ...?" among the meters (and ``also``), or declaring a new meter."""
    known = [*meters, *also]
    if not known:
        return "declare it under `meters:`"
    base = did_you_mean(name, known)
    joiner = " Or" if base.endswith("?") else "; or"
    return f"{base}{joiner} declare it under `meters:`"


def unknown_technique_hint(name: str, techniques: Iterable[str]) -> str:
    """The nearest technique ids (a few, never the whole catalogue) and where all are listed."""
    options = sorted(set(techniques))
    if not options:
        return "the technique catalogue is empty"
    close = difflib.get_close_matches(name, options, n=1, cutoff=0.6)
    if close:
        head = f"did you mean '{close[0]}'?"
    else:
        ranked = sorted(options, key=lambda option: (-_similarity(name, option), option))
        head = "nearest: " + ", ".join(ranked[:4]) + "."
    return f"{head} All {len(options)} techniques are listed in {TECHNIQUES_DOC}"


def _similarity(name: str, option: str) -> float:
    matcher = difflib.SequenceMatcher(None, name, option)
    shared_words = len(set(name.split("_")) & set(option.split("_")))
    return matcher.ratio() + shared_words


def condition_syntax_hint(source: str) -> str:
    """How to fix a condition Python's parser rejected, guessed from the usual slips."""
    if "&&" in source or "||" in source:
        return "use 'and' / 'or' instead of '&&' / '||'"
    if "!" in source.replace("!=", ""):
        return "use 'not' instead of '!'"
    for reversed_op, operator in (("=>", ">="), ("=<", "<=")):
        if reversed_op in source.replace(operator, ""):
            return f"write '{operator}', not '{reversed_op}'"
    if "=" in source.replace("==", "").replace("!=", "").replace("<=", "").replace(">=", ""):
        return "compare with '==', not '='"
    return "conditions look like: trust >= 6 and not flags.threatened"
