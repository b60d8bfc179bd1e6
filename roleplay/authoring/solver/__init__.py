"""The state-space solver: explores every reachable hidden-meter state of a scenario.

It mirrors :class:`roleplay.Runner` exactly (visible choices, clamped effects, ``next`` chains,
forced endings, the dead-end rule and ending resolution) but works on small immutable state keys
``(node, meters, flags, visits, chosen)`` with memoisation. Only what conditions can observe is
tracked: visit counts of nodes named in ``visited()``/``visits()`` (capped just above the largest
number those conditions compare with) and whether ``once`` choices or choices named in
``chose()`` were taken. Breadth-first search makes every witness a shortest one.

Modules: ``_tracking`` (what conditions can observe), ``_context`` (a condition context over a
state key), ``_tables`` (the scenario compiled into index tables, with liveness), ``_explorer``
(states and transitions), ``_analysis`` (witnesses, loops in the story, traps), ``_results``
(:func:`explore` and what it returns), ``_paths`` (the state graph and searches over whole
paths), ``_policies`` (the lesson proofs the lint reports) and ``_expert`` (the expert's road).
"""

from roleplay.authoring.solver._expert import expert_path
from roleplay.authoring.solver._results import (
    DEFAULT_MAX_STATES,
    EndingResult,
    Exploration,
    Progress,
    explore,
)
from roleplay.authoring.solver._tracking import tracked_choices, visit_caps

__all__ = [
    "DEFAULT_MAX_STATES",
    "EndingResult",
    "Exploration",
    "Progress",
    "expert_path",
    "explore",
    "tracked_choices",
    "visit_caps",
]
