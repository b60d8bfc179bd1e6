"""Group records from session logs: the report, the comparison, the CSV and the statements."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from roleplay.cli import main
from roleplay.reports._csv import _cell
from roleplay.reports._sessions import read_session
from tests.records.conftest import statement_errors


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    assert main(args) == 0, capsys.readouterr().err
    return capsys.readouterr().out


def test_the_log_gives_the_path_votes_and_overrides(session_logs: list[Path]) -> None:
    session = read_session(session_logs[0])
    assert [d.chosen for d in session.decisions] == ["ask_jo", "idea.2", "show_numbers"]
    assert session.taken_back == 1 and session.group_size == 4
    last = session.decisions[-1]
    assert last.overridden and last.majority == "office.2" and last.tally["office.2"] == 3
    assert session.ending is not None and session.ending[0] == "shared_kitchen"
    assert session.discussions[0][0] == "kitchen"
    assert [(p.node, p.choice) for p in session.previews] == [("kitchen", "order")]


def test_one_session_report(session_logs: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    html = _run(["report", str(session_logs[0]), "-o", "-"], capsys)
    for text in (
        "Session report",
        "4 participants",
        "A kitchen everyone keeps",
        "Why this ending",
        "— needed at least 7",
        "Votes at decision 3",
        "the facilitator overrode the vote",
        "Roads not taken",
        "Tom says it is not his job",
        "Choices taken back",
        "Knowledge check: before and after",
        "Right answers: 25 % before the story (1 of 4 answers), 75 % after the story (3 of 4",
        "25 % → 75 % right (before → after the story)",
        "1 (25 %)",
        "3 (75 %)",
        "what makes an agreement stick",
    ):
        assert text in html, text
    assert "Calm Otter" not in html and "&lt;b&gt;Ann" not in html
    named = _run(["report", str(session_logs[0]), "-o", "-", "--names"], capsys)
    assert "Calm Otter" in named and "&lt;b&gt;Ann&lt;/b&gt;" in named and "<b>Ann" not in named
    assert "<script" not in html


def test_two_sessions_are_compared(
    session_logs: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    html = _run(["report", *map(str, session_logs), "-o", "-"], capsys)
    assert "2 sessions side by side" in html
    assert "first diverged at decision 1" in html
    assert "Group 1 (KQZW)" in html and "Group 2 (ABCD)" in html
    assert "A kitchen everyone keeps" in html and "Clean, to the letter" in html
    assert "Where the groups split most" in html


def test_csv_has_one_row_per_decision(session_logs: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "report.csv"
    assert main(["report", "--csv", *map(str, session_logs), "-o", str(out)]) == 0
    everything = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    rows = [r for r in everything if r["kind"] == "decision"]
    assert len(rows) == 5
    override = rows[2]
    assert override["node"] == "office" and override["chosen"] == "show_numbers"
    assert override["overridden"] == "yes" and "office.2=3" in override["votes"]
    assert override["after:trust"] == "8" and rows[3]["group"] == "Group 2 (ABCD)"
    checks = [r for r in everything if r["kind"] == "check"]
    assert [(r["group"][:7], r["phase"], r["right"], r["how"]) for r in checks] == [
        ("Group 1", "before", "1", "revealed"),
        ("Group 1", "after", "3", "revealed"),
        ("Group 2", "before", "2", "revealed"),
        ("Group 2", "after", "0", "skipped"),
    ]
    before = checks[0]
    assert before["votes"] == "option-1=2|option-2=1|option-3=1" and before["chosen"] == "option-1"
    assert (before["question"], before["correct"], before["voters"]) == ("1", "option-2", "4")
    assert before["decision"] == "" and before["after:trust"] == ""
    assert [r["kind"] for r in everything[:5]] == ["check", *["decision"] * 3, "check"]
    assert _cell("=HYPERLINK(1)") == "'=HYPERLINK(1)" and _cell("ok") == "ok"


def test_statements_from_a_log(session_logs: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "s.jsonl"
    assert main(["export-xapi", str(session_logs[0]), "-o", str(out)]) == 0
    statements = [json.loads(line) for line in out.read_text().splitlines()]
    assert all(statement_errors(s) == [] for s in statements)
    actor = statements[0]["actor"]
    assert actor["objectType"] == "Group" and actor["account"]["homePage"].startswith(
        "urn:roleplay:host:"
    )
    assert "member" not in actor
    answered = [s for s in statements if s["verb"]["display"]["en-US"] == "answered"]
    answers = [a for a in answered if ":check:" not in a["object"]["id"]]
    assert [a["result"]["response"] for a in answers] == ["ask_jo", "idea.2", "show_numbers"]
    checks = [a for a in answered if ":check:" in a["object"]["id"]]
    assert [a["object"]["id"].rsplit(":", 2)[1:] for a in checks] == [["check", "1"]] * 2
    before, after = (a["result"] for a in checks)
    assert (before["response"], before["success"], before["score"]["scaled"]) == (
        "option-1", False, 0.25,
    )  # fmt: skip
    assert (after["response"], after["success"], after["score"]["raw"]) == ("option-2", True, 3)
    assert before["extensions"]["urn:roleplay:xapi:votes"] == {
        "option-1": 2, "option-2": 1, "option-3": 1,
    }  # fmt: skip
    phases = [a["context"]["extensions"]["urn:roleplay:xapi:check-phase"] for a in checks]
    assert phases == ["before", "after"]
    assert all(a["actor"]["objectType"] == "Group" for a in checks)
    assert checks[0]["context"]["extensions"]["urn:roleplay:xapi:group-size"] == 4
    order = [s["verb"]["display"]["en-US"] for s in statements]
    assert order[:2] == ["initialized", "answered"] and statements[1] is checks[0]
    assert order[-3:] == ["completed", "answered", "terminated"] and statements[-2] is checks[1]
    last = answers[-1]["result"]["extensions"]
    assert last["urn:roleplay:xapi:decided-by"] == "override"
    assert last["urn:roleplay:xapi:votes"]["office.2"] == 3
    grouping = statements[1]["context"]["contextActivities"]["grouping"][0]["id"]
    assert grouping == f"urn:roleplay:session:{read_session(session_logs[0]).session_id}"
    assert main(["export-xapi", str(session_logs[0]), "-o", str(tmp_path / "again.jsonl")]) == 0
    assert (tmp_path / "again.jsonl").read_text() == out.read_text()
    assert main(["export-xapi", str(session_logs[0]), "-o", str(out), "--names"]) == 0
    named = json.loads(out.read_text().splitlines()[0])["actor"]
    assert [m["name"] for m in named["member"]][:2] == ["Calm Otter", "Brave Heron"]


def test_a_log_cut_mid_line_still_reports(
    session_logs: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cut = tmp_path / "cut.jsonl"
    cut.write_bytes(session_logs[0].read_bytes()[:-25])
    html = _run(["report", str(cut), "-o", "-"], capsys)
    assert "Session report" in html and "last line is incomplete" in html


def test_a_broken_log_is_a_located_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"seq": 1, "time": "x", "type": "vote"}\n')
    assert main(["report", str(bad), "-o", str(tmp_path / "r.html")]) == 1
    assert "bad.jsonl:1" in capsys.readouterr().err


def test_a_log_without_the_check_reads_as_before(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Logs written before hosted sessions asked the check (or with --no-check) still read:
    the report leaves the section out, the CSV has decision rows only, xAPI no check answers."""
    from roleplay import load_scenario
    from tests.records.conftest import SCENARIOS
    from tests.records.sessions import Plan, Step, write_session_log

    scenario = load_scenario(SCENARIOS / "sample_rota.yaml")
    log = write_session_log(tmp_path / "old.jsonl", scenario, Plan([Step({"ask_jo": 2})]))
    assert read_session(log).check == ()
    html = _run(["report", str(log), "-o", "-"], capsys)
    assert "Knowledge check" not in html and "Votes at decision 1" in html
    out = tmp_path / "old.csv"
    assert main(["report", "--csv", str(log), "-o", str(out)]) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert [r["kind"] for r in rows] == ["decision"]
    statements = tmp_path / "old.jsonl.xapi"
    assert main(["export-xapi", str(log), "-o", str(statements)]) == 0
    assert ":check:" not in statements.read_text(encoding="utf-8")
