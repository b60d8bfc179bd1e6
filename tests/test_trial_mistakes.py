"""The mistakes a new designer made in the issue-14 trial, typed into their own scenario.

tests/data/trial_mentoring.yaml is the 20-node scenario they wrote (it lints clean); each case
types one of their mistakes into it (files m1a... x6 of the trial). Every diagnostic must point at
the mistake with a hint whose fix, followed to the letter, gives back a clean file: a hint that
makes a new error, or "did you mean 'next'?" for 'next' itself, is a failure here.
(tests/test_yaml_mistakes.py holds the rows of the issue's table on a tiny scenario.)
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from roleplay import load_scenario, replay
from roleplay.authoring._lint import lint_file
from roleplay.engine._diagnostics import Diagnostic
from roleplay.engine._loader import check_scenario_file
from tests.conftest import ROOT
from tests.test_yaml_mistakes import BASE as TINY_BASE

BASE = (ROOT / "tests" / "data" / "trial_mentoring.yaml").read_text(encoding="utf-8")

#: The corridor's first choice ends with a reaction and then its next:.
AFTER_REACTION = "how you would know it worked. Real numbers.\n        next: priya_office\n"
#: The last choice of late_night (the node's last key).
LAST_CHOICE_NEXT = "speak Marcus's language.\n        next: marcus_email\n"
JO_HURT = """\
  jo_hurt:
    lines:
      - speaker: jo
        expression: concerned
        text: That is not quite what happened. But fine.
    next: late_night
"""

#: Trial file -> (text as written, text with the mistake).
LAYOUT = {
    "m1a_next_dash": (AFTER_REACTION, AFTER_REACTION.replace("        next", "      next")),
    "m1b_next_node": (AFTER_REACTION, AFTER_REACTION.replace("        next", "    next")),
    "m1c_next_deep": (AFTER_REACTION, AFTER_REACTION.replace("        next", "          next")),
    "m1c_followed_hint": (
        AFTER_REACTION,
        AFTER_REACTION.replace("        next", "            next"),
    ),
    "m1d_next_node_last": (LAST_CHOICE_NEXT, LAST_CHOICE_NEXT.replace("        next", "    next")),
    "m1e_next_dash_last": (
        LAST_CHOICE_NEXT,
        LAST_CHOICE_NEXT.replace("        next", "      next"),
    ),
    "m2_once_dash": ("        once: true\n", "      once: true\n"),
    "m2b_once_node": ("        once: true\n", "    once: true\n"),
    "m3_tab": (
        "        technique: active_listening\n        effects: {trust: 2}\n",
        "\ttechnique: active_listening\n        effects: {trust: 2}\n",
    ),
    "m4_node_deep": (JO_HURT, "".join(f"  {row}\n" for row in JO_HURT.splitlines())),
}

_MOVE = re.compile(r"move (it|'[^']+:' and everything under it) (\d+) spaces? (left|right)")


def _with(old: str, new: str, text: str = BASE) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def _line_of(text: str, fragment: str) -> int:
    """The first line holding ``fragment``; a fragment that starts with a space is a whole
    line (its indentation counts)."""
    rows = enumerate(text.splitlines(), 1)
    if fragment.startswith((" ", "\t")):
        return next(i for i, row in rows if row.rstrip() == fragment)
    return next(i for i, row in rows if fragment in row)


def _check(tmp_path: Path, text: str, name: str = "mistake.yaml") -> list[Diagnostic]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return check_scenario_file(path, use_cache=False)[1]


def _only(tmp_path: Path, text: str) -> Diagnostic:
    diagnostics = _check(tmp_path, text)
    assert len(diagnostics) == 1, [d.format() for d in diagnostics]
    return diagnostics[0]


def _follow(text: str, found: Diagnostic) -> str:
    """``text`` with the hint's "move it N spaces left/right" done to the line it names."""
    move = _MOVE.search(found.hint)
    assert move, found.hint
    named = re.search(r"at line (\d+)", found.hint)
    line = int(named.group(1)) if named else found.line
    shift = int(move.group(2)) * (1 if move.group(3) == "right" else -1)
    rows = text.splitlines()
    depth = len(rows[line - 1]) - len(rows[line - 1].lstrip(" "))
    end = line
    if move.group(1) != "it":  # and everything under it
        while end < len(rows) and len(rows[end]) - len(rows[end].lstrip(" ")) > depth:
            end += 1
    for index in range(line - 1, end):
        rows[index] = " " * shift + rows[index] if shift > 0 else rows[index][-shift:]
    return "\n".join(rows) + "\n"


def test_the_trial_scenario_is_clean(tmp_path: Path) -> None:
    assert _check(tmp_path, BASE) == []


@pytest.mark.parametrize("case", sorted(set(LAYOUT) - {"m3_tab"}))
def test_following_the_hint_gives_back_a_clean_file(case: str, tmp_path: Path) -> None:
    text = _with(*LAYOUT[case])
    found = _only(tmp_path, text)
    assert "did you mean 'next'" not in found.hint
    assert _check(tmp_path, _follow(text, found), "followed.yaml") == [], found.format()


def test_every_move_hint_for_a_one_line_slip_holds(tmp_path: Path) -> None:
    """Each line of a small scenario moved 1 to 6 columns either way: whenever the first error
    says "move it N spaces", doing so gives a file without errors."""
    rows = TINY_BASE.splitlines()
    followed = 0
    for row, shift in itertools.product(range(len(rows)), (-6, -4, -3, -2, -1, 1, 2, 3, 4, 6)):
        moved = list(rows)
        body = moved[row].lstrip(" ")
        moved[row] = " " * max(0, len(moved[row]) - len(body) + shift) + body
        text = "\n".join(moved) + "\n"
        errors = [d for d in _check(tmp_path, text) if d.severity == "error"]
        if not errors or not _MOVE.search(errors[0].hint):
            continue
        fixed = _follow(text, errors[0])
        after = [d.format() for d in _check(tmp_path, fixed, "f.yaml") if d.severity == "error"]
        assert after == [], (row + 1, shift, errors[0].format(), after)
        followed += 1
    assert followed > 250  # most slips get a hint to follow


def test_next_at_node_level_between_choices_is_reported_on_its_own_line(tmp_path: Path) -> None:
    text = _with(*LAYOUT["m1b_next_node"])
    found = _only(tmp_path, text)
    line = _line_of(text, "    next: priya_office")
    assert (found.code, found.line, found.col) == ("RP001", line, 5)
    assert found.message.startswith(
        "this `next:` is at node level (col 5); it belongs to the choice above (col 9)"
    )
    assert found.hint.startswith("fix the indentation: move it 4 spaces right, to column 9")


def test_next_at_node_level_after_the_last_choice_names_that_line(tmp_path: Path) -> None:
    text = _with(*LAYOUT["m1d_next_node_last"])
    found = _only(tmp_path, text)
    assert found.code == "RP011" and found.line == _line_of(text, "- id: ask_analyst")
    line = _line_of(text, "    next: marcus_email")
    assert found.hint.startswith(
        f"the node-level `next:` at line {line} (column 5) looks like it belongs to this choice"
    )


def test_next_too_deep_after_a_reaction_goes_back_to_the_choice(tmp_path: Path) -> None:
    found = _only(tmp_path, _with(*LAYOUT["m1c_next_deep"]))
    assert found.message == (
        "this line is indented more than the rest of its choice (col 9 expected)"
    )
    assert found.hint == "fix the indentation: move it 2 spaces left, to column 9"


def test_next_inside_a_reaction_line_says_where_next_is_valid(tmp_path: Path) -> None:
    found = _only(tmp_path, _with(*LAYOUT["m1c_followed_hint"]))
    assert found.code == "RP010"  # and no second error for the choice missing its next:
    assert found.message == (
        "unknown key 'next' in node 'corridor', choice 1 (`ask_marcus`), reaction line 1"
    )
    assert found.hint.startswith(
        "'next' is valid in the choice, not in a reaction line: move it 4 spaces left, to column 9"
    )


def test_a_node_indented_into_the_node_above(tmp_path: Path) -> None:
    text = _with(*LAYOUT["m4_node_deep"])
    found = _only(tmp_path, text)  # no "unknown node 'jo_hurt'" where next: names it
    assert (found.code, found.line, found.col) == ("RP010", _line_of(text, "    jo_hurt:"), 5)
    assert found.message.endswith("is node 'jo_hurt' indented too far?")
    assert found.hint.startswith("nodes sit at column 3 under `nodes:`")


def test_an_unknown_key_lists_only_the_keys_of_its_level(tmp_path: Path) -> None:
    found = _only(tmp_path, _with("        once: true\n", "        zzyzx: true\n"))
    assert found.hint.startswith("keys here: ")
    named = found.hint.removeprefix("keys here: ").rstrip(", .").split(", ")
    assert set(named) <= {"effects", "feedback", "id", "if", "locked_hint", "next", "once"} | {
        "reaction",
        "set",
        "show_locked",
        "technique",
        "text",
    }
    typo = _only(tmp_path, _with("        once: true\n", "        onse: true\n"))
    assert typo.hint == "did you mean 'once'?"


def test_the_combined_file_reports_each_mistake_once(tmp_path: Path) -> None:
    text = _with(*LAYOUT["m4_node_deep"])
    priya = "        set: {priya_onboard"
    text = _with(f"credibility: 1}}\n{priya}", f"morale: 1}}\n{priya}", text)
    text = _with("technique: low_risk_proposal\n", "technique: low_risk_propsal\n", text)
    found = [(d.code, d.line) for d in _check(tmp_path, text)]
    assert sorted(found) == sorted(
        [
            ("RP010", _line_of(text, "    jo_hurt:")),
            ("RP033", _line_of(text, "morale: 1")),
            ("RP024", _line_of(text, "low_risk_propsal")),
        ]
    )


def test_several_syntax_errors_are_reported_in_one_run(tmp_path: Path) -> None:
    text = _with(*LAYOUT["m3_tab"])
    for case in ("m1e_next_dash_last", "m2_once_dash"):
        text = _with(*LAYOUT[case], text)
    text = _with(
        "- text: \"Friday. An email from Marcus: 'Anything I should read before Thursday?'\"",
        "- text: Friday. An email from Marcus: Anything I should read before Thursday?",
        text,
    )
    found = _check(tmp_path, text)
    assert [(d.code, d.line) for d in found] == [
        ("RP001", _line_of(text, "\ttechnique: active_listening")),
        ("RP001", _line_of(text, "      next: marcus_email")),
        ("RP001", _line_of(text, "An email from Marcus: Anything")),
        ("RP001", _line_of(text, "      once: true")),
    ]
    assert found[2].message.startswith("this text has ': ' in it")
    assert found[2].hint.endswith(
        'quotes: - text: "Friday. An email from Marcus: Anything I should read before Thursday?"'
    )


WALKED_OUT_RULE = """\
    when:
      - test: visited("walked_out")
        explain: You threatened Marcus twice, and he left the meeting
"""


@pytest.mark.parametrize("rule", ["", "    when: false\n"])
def test_an_ending_reached_only_by_a_node_needs_no_rule(rule: str, tmp_path: Path) -> None:
    text = _with(WALKED_OUT_RULE, rule)
    assert _check(tmp_path, text) == []
    path = tmp_path / "mistake.yaml"
    assert lint_file(path).diagnostics == []  # no RP026, no RP126 for a rule that is not there
    scenario = load_scenario(path, use_cache=False)
    threats = ["ask_marcus", "involve_priya", "jo_story", "honest_numbers", "send_costs"]
    walked = replay(scenario, [*threats, "common_ground", "threaten", "double_down"])
    assert walked.state.ending == "walked_out"
    # the rules still decide at end: true: walked_out no longer catches every other ending
    parked = replay(scenario, [*threats, "common_ground", "acknowledge", "credit_priya", "the_ask"])
    assert parked.state.ending == "parked"


def test_a_named_ending_can_sit_after_the_fallback(tmp_path: Path) -> None:
    start = BASE.index("  - id: walked_out\n")
    block = BASE[start : BASE.index("  - id: found_out\n")].replace(WALKED_OUT_RULE, "")
    moved = BASE[:start] + BASE[start + len(block) + len(WALKED_OUT_RULE) :]
    moved = moved.replace("\ncheck:\n", "\n" + block + "\ncheck:\n")
    assert "walked_out\n    title" in moved
    assert _check(tmp_path, moved) == []


def test_a_rule_that_is_not_text_is_named_by_its_position_and_id(tmp_path: Path) -> None:
    found = _only(tmp_path, _with(WALKED_OUT_RULE, "    when: 5\n"))
    assert found.code == "RP012"
    assert found.message == (
        "ending 2 (`walked_out`): `when:` must be a condition written as text, e.g. "
        "when: trust >= 7 (not the number 5)"
    )
    minutes = _only(tmp_path, _with("estimated_minutes: 15", "estimated_minutes: fifteen"))
    assert minutes.message == "`estimated_minutes:` must be a whole number, not 'fifteen'"


def test_an_ending_after_the_fallback_that_no_node_names_still_warns(tmp_path: Path) -> None:
    text = _with("    when: flags.misled and trust <= 3\n", "")  # found_out: now a 2nd fallback
    codes = [(d.code, d.severity) for d in _check(tmp_path, text)]
    assert ("RP026", "warning") in codes
