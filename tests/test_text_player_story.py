"""`roleplay play --text` tells the story: a seeded order, the knowledge check before and after,
why this ending, what the goal still needed and the expert's road."""

from __future__ import annotations

import json
from pathlib import Path

from roleplay import load_scenario
from roleplay.engine._replay import choice_numbers
from roleplay.engine._runtime import Runner
from tests.test_debrief_story import STORY
from tests.test_validate import run_cli


def _story(tmp_path: Path) -> Path:
    path = tmp_path / "story.yaml"
    path.write_text(STORY, encoding="utf-8")
    return path


def _answers(path: Path, seed: int, picks: list[int]) -> list[str]:
    """The numbers to type for the knowledge check, given option indices as written."""
    questions = Runner(load_scenario(path), seed=seed).check_questions()
    return [
        str(next(o.number for o in q.options if o.index == pick))
        for q, pick in zip(questions, picks, strict=True)
    ]


def _numbers(path: Path, seed: int, ids: list[str]) -> list[str]:
    return [str(n) for n in choice_numbers(load_scenario(path), ids, seed=seed)]


def test_the_check_is_asked_before_and_after_and_scored(tmp_path: Path) -> None:
    path = _story(tmp_path)
    before = _answers(path, 5, [0, 1])
    after = _answers(path, 5, [1, 0])
    moves = _numbers(path, 5, ["threaten", "present"])
    stdin = "\n".join(before + moves + after) + "\n"
    result = run_cli("play", "--text", "--json", "--seed", "5", str(path), stdin=stdin)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["ending"] == "parked" and data["seed"] == 5
    assert data["choices"] == ["threaten", "present"]
    assert data["check"] == {"before": 0, "after": 2, "total": 2}
    shown = result.stderr
    assert shown.index("Before you start") < shown.index("Sam is wary.")
    assert shown.index("THE ENDING YOU REACHED: Parked") < shown.index("the same questions again")
    assert "Nobody forgets the threat." in shown  # the ending names the threat on this path
    assert "Before: 0 of 2. After: 2 of 2." in shown


def test_the_debrief_says_why_what_was_missing_and_the_expert_road(tmp_path: Path) -> None:
    path = _story(tmp_path)
    stdin = "\n".join(_numbers(path, 9, ["listen", "wait"])) + "\n"
    out = run_cli("play", "--text", "--no-check", "--seed", "9", str(path), stdin=stdin).stdout
    debrief = " ".join(out[out.index("DEBRIEF") :].split())
    assert "Why this ending: - Reputation 5 — needed at least 5." in debrief
    assert "Genuine buy-in was one step away: Reputation was 5 but needed at least 7." in debrief
    assert "THE EXPERT'S ROAD (to Genuine buy-in)" in debrief
    assert "Your first decision matched the expert's. From decision 2 on:" in debrief
    assert "The expert: 2. Show the numbers and ask for a trial." in debrief
    assert "Before you start" not in out


def test_the_same_seed_shows_the_same_order_and_records_ids(tmp_path: Path) -> None:
    path = _story(tmp_path)
    target = tmp_path / "run.playthrough.yaml"
    stdin = "1\n1\n"
    first = run_cli("play", "--text", "--no-check", "--seed", "3", str(path), stdin=stdin)
    again = run_cli(
        "play", "--text", "--no-check", "--seed", "3", "--record", str(target), str(path),
        stdin=stdin,
    )  # fmt: skip
    assert first.stdout.split("DEBRIEF")[0] == again.stdout.split("DEBRIEF")[0]
    text = target.read_text(encoding="utf-8")
    assert text.startswith("format: 3\n") and "  - " in text
    assert run_cli("test", str(target)).returncode == 0
    orders = set()
    for seed in range(12):
        out = run_cli(
            "play", "--text", "--no-check", "--seed", str(seed), str(path), stdin="1\n1\n"
        )
        orders.add(out.stdout[out.stdout.index("  1. ") :].split("\n", 1)[0])
    assert len(orders) == 2  # both first lines come first for some seed
