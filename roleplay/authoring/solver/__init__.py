"""The state-space solver: explores every reachable hidden-meter state of a scenario.

It mirrors :class:`roleplay.Runner` exactly (visible choices, clamped effects, ``next`` chains,
forced endings, the dead-end rule and ending resolution) on states packed into one integer each
(node, meters, flags, visit counts, chosen choices), explored node by node with array
operations. Only what conditions can observe is tracked: visit counts of nodes named in
``visited()``/``visits()`` (capped just above the largest number those conditions compare with),
whether ``once`` choices or choices named in ``chose()`` were taken, and per node only the flags,
counts and choices some condition from there on still reads. Every witness is the path
breadth-first search finds: a shortest one.

Modules: ``_tracking`` (what conditions can observe), ``_context`` (a condition context),
``_tables`` (the scenario compiled into index tables, with liveness), ``_layout`` (states packed
into integers), ``_explorer`` (states and moves), ``_outcomes`` (meter ranges, endings, loops and
dead ends met), ``_analysis`` (the story's loops and node groups), ``_order`` (breadth-first
numbering), ``_firsts`` (first moves: the witnesses), ``_results`` (:func:`explore` and what it
returns), ``_paths`` (the state graph and searches over whole paths), ``_policies`` (the lesson
proofs the lint reports) and ``_expert`` (the expert's road).
"""

from roleplay.authoring.solver._expert import expert_path
from roleplay.authoring.solver._results import (
    DEFAULT_MAX_MEMORY_MB,
    DEFAULT_MAX_STATES,
    EndingResult,
    Exploration,
    Progress,
    explore,
)
from roleplay.authoring.solver._tracking import tracked_choices, visit_caps

__all__ = [
    "DEFAULT_MAX_MEMORY_MB",
    "DEFAULT_MAX_STATES",
    "EndingResult",
    "Exploration",
    "Progress",
    "expert_path",
    "explore",
    "tracked_choices",
    "visit_caps",
]
