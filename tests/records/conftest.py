"""Shared helpers for the records tests: the xAPI schema validator and finished solo runs."""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from roleplay import Runner, load_scenario, replay
from roleplay.reports._records import Account, RunRecord, RunRecorder

ROOT = Path(__file__).resolve().parents[2]
SCHEMA_PATH = ROOT / "tests" / "data" / "xapi-statement-1.0.3.schema.json"
SCENARIOS = ROOT / "scenarios"
REGISTRATION = uuid.UUID("0b9e7c7e-5d7a-4c1e-9a3f-2d6b8e4f1a07")
LEARNER = Account("https://lms.example.org", "learner-0042")


def statement_errors(statement: dict[str, Any]) -> list[str]:
    """Every way ``statement`` breaks the xAPI 1.0.3 statement schema."""
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(statement)]


class Clock:
    """A clock that moves on by ``step`` seconds every time it is read."""

    def __init__(self, step: float = 12.5) -> None:
        self.now = datetime(2026, 3, 4, 9, 30, tzinfo=UTC)
        self.step = timedelta(seconds=step)

    def __call__(self) -> datetime:
        self.now += self.step
        return self.now


def recorded_run(
    choices: Sequence[str | int], *, scenario: str = "sample_rota", back: int = 0
) -> RunRecord:
    """Play ``choices`` on a live runner followed by a recorder (taking ``back`` choices back and
    making them again), and return the record."""
    loaded = load_scenario(SCENARIOS / f"{scenario}.yaml")
    runner = Runner(loaded)
    recorder = RunRecorder(runner, LEARNER, registration=REGISTRATION, clock=Clock())
    for choice in choices:
        runner.advance_to_decision()
        if isinstance(choice, str):
            runner.choose_id(choice)
        else:
            runner.choose(choice - 1)
    for _ in range(back):
        runner.rewind()
    again = replay(loaded, choices).state.history[len(runner.state.history) :]
    for step in again:
        runner.advance_to_decision()
        runner.choose_id(step.choice_id)
    runner.advance_to_decision()
    return recorder.record()


@pytest.fixture
def finished_run() -> RunRecord:
    """The sample scenario played to its goal ending, one choice taken back on the way."""
    return recorded_run([1, 2, 1], back=1)


@pytest.fixture(scope="session")
def ralph(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A running Ralph LRS with one user (and directory) per test that writes."""
    from tests.records.ralph import Ralph, ralph_venv

    server = Ralph(ralph_venv(), tmp_path_factory.mktemp("ralph"))
    for user in ("solo", "cli", "outbox", "session"):
        server.add_user(user, f"pw-{user}-Zq81")
    server.start()
    yield server
    server.stop()


@pytest.fixture
def session_logs(tmp_path: Path) -> list[Path]:
    """Two logged sessions of the sample scenario: group 1 overrides, rewinds, discusses and
    previews a road not taken, and answers the knowledge check before (1 of 4 right) and
    after (3 of 4); group 2 takes another road from the first decision, answers the check
    before (2 of 5) and its facilitator skips it after."""
    from tests.records.sessions import Plan, Step, write_session_log

    scenario = load_scenario(SCENARIOS / "sample_rota.yaml")
    first = Plan(
        [
            Step({"ask_jo": 3, "order": 1}, discuss=True, preview="order"),
            Step({"idea.2": 1, "idea.1": 3}),
            Step({"idea.2": 3, "idea.1": 1}),
            Step({"show_numbers": 1, "office.2": 3}, override="show_numbers"),
        ],
        rewind_after=2,
        check={
            "before": [{"option-1": 2, "option-2": 1, "option-3": 1}],
            "after": [{"option-1": 1, "option-2": 3}],
        },
    )
    second = Plan(
        [Step({"ask_jo": 1, "order": 3, "threaten": 1}), Step({"office.2": 1, "office.3": 4})],
        players=5,
        session_id="a" * 32,
        room_code="ABCD",
        check={"before": [{"option-2": 2, "option-3": 3}], "after": [{}]},
        skipped=("after",),
    )
    return [
        write_session_log(tmp_path / "group1.jsonl", scenario, first),
        write_session_log(tmp_path / "group2.jsonl", scenario, second),
    ]
