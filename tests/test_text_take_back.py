"""The terminal player's ``b``: back at the decision, its choices shown again, the history
without what was taken back."""

from __future__ import annotations

import io

from roleplay import load_scenario_text
from roleplay.learner.text import play_text
from tests.conftest import TINY

TWO_DECISIONS = TINY.replace(
    """  done:
    lines: [{text: Bye.}]
    end: true""",
    """  done:
    lines: [{speaker: jo, text: So what now?}]
    choices:
      - {id: stay, text: Stay a while, technique: active_listening, next: bye}
      - {id: go, text: Leave now, technique: direct_instruction, next: bye}
  bye:
    lines: [{text: Bye.}]
    end: true""",
)


def _play(answers: str) -> str:
    out = io.StringIO()
    scenario = load_scenario_text(TWO_DECISIONS)
    code, _taken = play_text(scenario, io.StringIO(answers), out, shuffle=False, check=False)
    assert code == 1  # the input ends at a decision
    return out.getvalue()


def test_b_shows_the_choices_again_and_history_forgets_what_was_taken_back() -> None:
    text = _play("2\nb\nh\n")
    after_back = text.split("Took back your last choice.")[1]
    assert "1. Listen" in after_back and "2. Order" in after_back  # the choices again
    history = after_back.split("--- so far ---")[1].split("---")[0]
    assert history.count("Hi.") == 1  # the decision's line once
    assert "> Order" not in history and "So what now?" not in history
