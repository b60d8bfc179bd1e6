"""The hints of the lesson findings name the decisions on the witness path and say what to change
in the format's own terms; the one-rule policy summary says in words why a policy never ends."""

from __future__ import annotations

from roleplay.authoring._lint import LintReport, lint_file
from tests.conftest import ROOT
from tests.toolkit.conftest import Cli, Writer
from tests.toolkit.test_lesson_lint import LESSON, PLANTED

TRIAL = ROOT / "tests" / "data" / "trial_mentoring.yaml"


def _hints(report: LintReport, code: str) -> list[str]:
    return [d.hint for d in report.diagnostics if d.code == code]


def test_timing_hint_names_the_early_push_and_never_says_an_effect_reads_a_meter(
    write: Writer,
) -> None:
    old, new = PLANTED["RP122"]
    (hint,) = _hints(lint_file(write(LESSON.replace(old, new))), "RP122")
    assert hint.startswith(
        "the pushes here, 'push_early' at 'meet' (Trust 3) and 'present' at 'ask' (Trust 2), "
        "came before any Trust was built and still won"
    )
    assert "Effects are fixed numbers and cannot read Trust" in hint
    assert "`if: trust >= 6`" in hint and "effect or a later condition can read" not in hint


def test_greedy_hint_names_the_choices_that_raise_the_meter(write: Writer) -> None:
    old, new = PLANTED["RP121"]
    hints = _hints(lint_file(write(LESSON.replace(old, new))), "RP121")
    assert any(
        h.startswith(
            "the choice that raises Trust most is also the goal's ('listen' at 'meet' and "
            "'present' at 'ask')"
        )
        for h in hints
    )


def test_family_hint_names_the_decisions_without_that_family(write: Writer) -> None:
    text = TRIAL.read_text(encoding="utf-8")
    text = text.replace("      - test: trust >= 7\n", "      - test: trust >= 3\n")
    parts = "      - case >= 5\n      - credibility >= 5\n      - flags.kept_word\n"
    text = text.replace(parts, "")
    hints = _hints(lint_file(write(text)), "RP121")
    family = next(h for h in hints if "offer no persuasion choice" in h)
    assert family.startswith("'priya_office', 'jo_coffee', 'late_night', 'marcus_email' and ")
    assert "offer a persuasion option there" in family


def test_first_listed_hint_and_the_policy_summary_in_words(write: Writer, cli: Cli) -> None:
    unshuffled = LESSON.replace("start: meet\n", "start: meet\nshuffle: false\n")
    (hint,) = _hints(lint_file(write(unshuffled)), "RP121")
    assert hint.startswith("the first choice listed wins at 'meet' and 'ask'")
    result = cli("lint", str(TRIAL))
    assert (
        "always taking the first choice listed: does not apply here: the choices at "
        "'corridor' are shown in a shuffled order, so no choice is the first one"
    ) in result.out
    assert "never finishes: gets stuck at 'corridor'" not in result.out
    assert "no ending (" not in result.out


def test_family_hint_reads_as_english_for_one_decision_and_an_influence_family() -> None:
    from roleplay.authoring._lesson_hints import _a

    assert (_a("influence"), _a("persuasion"), _a("manipulation")) == ("an", "a", "a")
