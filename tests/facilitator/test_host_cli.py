"""``roleplay host`` as a real process: killed with SIGKILL mid-vote, then resumed from its log."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import aiohttp
import pytest

from roleplay.cli import main
from roleplay.engine._session_log import read_session_log
from tests.conftest import SAMPLE
from tests.facilitator.hosting import Client, connect, host_to_vote, join


@contextmanager
def host_process(
    tmp_path: Path, *args: str
) -> Iterator[tuple[subprocess.Popen[str], dict[str, str]]]:
    """``roleplay host SAMPLE --headless`` on 127.0.0.1; yields it and its announced links."""
    env = {**os.environ, "ROLEPLAY_HOME": str(tmp_path / "home")}
    command = [sys.executable, "-m", "roleplay", "host", str(SAMPLE), "--headless"]
    process = subprocess.Popen(
        [*command, "--bind", "127.0.0.1", "--port", "0", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    links: dict[str, str] = {}
    try:
        assert process.stdout is not None
        deadline = time.monotonic() + 30
        while "log" not in links and time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line:
                break
            key, _, value = line.partition(": ")
            links[key] = value.strip()
        assert "log" in links, process.stderr.read() if process.stderr else "no output"
        yield process, links
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(10)


def _base(links: dict[str, str]) -> str:
    return links["join"].split("/?")[0]


async def _first_half(links: dict[str, str]) -> dict[str, str]:
    """Three phones join; vote 1 is played; in vote 2 two phones vote (one changes)."""
    base = _base(links)
    async with aiohttp.ClientSession() as http:
        host = await connect(http, base)
        await host.send(type="hello_host", token=links["host"].split("#", 1)[1])
        phones = [await join(http, base, name) for name in ("Ann", "Bo", "Cy")]
        tokens = {}
        for phone in phones:
            welcome = await phone.expect("welcome")
            tokens[welcome["player"]] = welcome["token"]
        await _vote_round(host, phones, 1, ["ask_jo", "ask_jo", "order"])
        await host.send(type="command", action="next")  # play the majority
        await phones[0].expect("snapshot", phase="story")
        await host_to_vote(host)
        await phones[0].expect("snapshot", phase="vote")
        await phones[0].send(type="vote", decision=2, choice="idea.1")
        await phones[0].expect("vote_ack")
        await phones[0].send(type="vote", decision=2, choice="idea.2")
        await phones[0].expect("vote_ack", choice="idea.2")
        await phones[1].send(type="vote", decision=2, choice="idea.2")
        await phones[1].expect("vote_ack")
    return tokens


async def _vote_round(host: Client, phones: list[Client], decision: int, picks: list[str]) -> None:
    await host_to_vote(host)
    for phone, pick in zip(phones, picks, strict=True):
        await phone.expect("snapshot", phase="vote")
        await phone.send(type="vote", decision=decision, choice=pick)
        await phone.expect("vote_ack")


async def _second_half(links: dict[str, str], tokens: dict[str, str]) -> dict[str, object]:
    """The phones come back with their tokens; the third votes; the host plays it."""
    base = _base(links)
    async with aiohttp.ClientSession() as http:
        snapshots = {}
        phones = {}
        for player, token in tokens.items():
            phone = await connect(http, base)
            await phone.send(type="rejoin", room=links["room"], token=token)
            assert (await phone.expect("welcome"))["player"] == player
            snapshots[player] = await phone.expect("snapshot")
            phones[player] = phone
        await phones["p3"].send(type="vote", decision=2, choice="back_to_jo")
        await phones["p3"].expect("vote_ack")
        host = await connect(http, base)
        await host.send(type="hello_host", token=links["host"].split("#", 1)[1])
        await host.send(type="command", action="next")
        await phones["p1"].expect("snapshot", phase="story")
    return snapshots


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX only")
def test_sigkill_mid_vote_then_resume_loses_and_doubles_nothing(tmp_path: Path) -> None:
    log_path = tmp_path / "session.jsonl"
    with host_process(tmp_path, "--log", str(log_path), "--code", "KQZW") as (process, links):
        links["room"] = "KQZW"
        tokens = asyncio.run(_first_half(links))
        os.kill(process.pid, signal.SIGKILL)
        process.wait(10)
    killed = read_session_log(log_path)
    assert [e["type"] for e in killed.events][-1] == "vote"
    with host_process(tmp_path, "--resume", str(log_path)) as (process, links):
        links["room"] = "KQZW"
        snapshots = asyncio.run(_second_half(links, tokens))
        process.send_signal(signal.SIGTERM)
        assert process.wait(10) == 0
    assert snapshots["p1"]["my_vote"] == "idea.2" and snapshots["p2"]["my_vote"] == "idea.2"
    assert snapshots["p3"]["my_vote"] is None
    log = read_session_log(log_path)
    decisions = log.of_type("decision")
    assert [d["tally"] for d in decisions] == [
        {"ask_jo": 2, "order": 1, "threaten": 0, "invoice_first": 0},
        {"idea.1": 0, "idea.2": 2, "idea.3": 0, "back_to_jo": 1},
    ]
    assert [d["choice"] for d in decisions] == ["ask_jo", "idea.2"]
    assert log.of_type("session_end")[-1]["reason"] == "quit"
    assert [e["type"] for e in log.events].count("resume") == 1


async def _check_first_half(links: dict[str, str]) -> dict[str, str]:
    """Three phones join; the host starts: the knowledge check's question is on the phones; two
    answer (one changes its answer)."""
    base = _base(links)
    async with aiohttp.ClientSession() as http:
        host = await connect(http, base)
        await host.send(type="hello_host", token=links["host"].split("#", 1)[1])
        phones = [await join(http, base, name) for name in ("Ann", "Bo", "Cy")]
        tokens = {}
        for phone in phones:
            welcome = await phone.expect("welcome")
            tokens[welcome["player"]] = welcome["token"]
        await host.send(type="command", action="next", ref=1)
        assert (await host.expect("done", ref=1))["phase"] == "check"
        for option in ("option-3", "option-2"):
            await phones[0].send(type="answer", phase="before", question=1, option=option)
            await phones[0].expect("answer_ack", option=option)
        await phones[1].send(type="answer", phase="before", question=1, option="option-1")
        await phones[1].expect("answer_ack")
    return tokens


async def _check_second_half(links: dict[str, str], tokens: dict[str, str]) -> dict[str, object]:
    """The phones come back mid-question; the third answers; the host reveals and goes on."""
    base = _base(links)
    async with aiohttp.ClientSession() as http:
        snapshots = {}
        phones = {}
        for player, token in tokens.items():
            phone = await connect(http, base)
            await phone.send(type="rejoin", room=links["room"], token=token)
            await phone.expect("welcome")
            snapshots[player] = await phone.expect("snapshot")
            phones[player] = phone
        await phones["p3"].send(type="answer", phase="before", question=1, option="option-2")
        await phones["p3"].expect("answer_ack")
        host = await connect(http, base)
        await host.send(type="hello_host", token=links["host"].split("#", 1)[1])
        await host.send(type="command", action="next")  # reveal
        shown = None  # (the third answer closed the question first: everyone has answered)
        while shown is None or shown["tally"] is None:
            shown = (await phones["p1"].expect("snapshot", phase="check"))["check"]
        snapshots["revealed"] = shown
        await host.send(type="command", action="next")  # on to the story
        await phones["p1"].expect("snapshot", phase="story")
    return snapshots


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX only")
def test_sigkill_mid_check_then_resume_keeps_every_answer_once(tmp_path: Path) -> None:
    log_path = tmp_path / "session.jsonl"
    with host_process(tmp_path, "--log", str(log_path), "--code", "KQZW") as (process, links):
        links["room"] = "KQZW"
        tokens = asyncio.run(_check_first_half(links))
        os.kill(process.pid, signal.SIGKILL)
        process.wait(10)
    killed = read_session_log(log_path)
    assert [e["type"] for e in killed.events][-1] == "check_answer"
    with host_process(tmp_path, "--resume", str(log_path)) as (process, links):
        links["room"] = "KQZW"
        snapshots = asyncio.run(_check_second_half(links, tokens))
        process.send_signal(signal.SIGTERM)
        assert process.wait(10) == 0
    mine = {player: snapshots[player]["my_answer"] for player in tokens}  # type: ignore[index]
    assert mine == {"p1": "option-2", "p2": "option-1", "p3": None}
    assert all(snapshots[p]["phase"] == "check" for p in tokens)  # type: ignore[index]
    log = read_session_log(log_path)
    (closed,) = log.of_type("check_close")
    assert closed["tally"] == {"option-1": 1, "option-2": 2, "option-3": 0}
    # the third answer after the restart closed it (auto_close); Next then revealed it
    assert (closed["voters"], closed["eligible"], closed["reason"]) == (3, 3, "all_answered")
    assert snapshots["revealed"]["tally"] == closed["tally"]  # type: ignore[index]
    assert [e["type"] for e in log.events].count("check_open") == 1
    assert log.of_type("check_end")[-1]["reason"] == "done"


def test_no_check_starts_the_story_at_once(tmp_path: Path) -> None:
    log_path = tmp_path / "session.jsonl"

    async def start(links: dict[str, str]) -> str:
        async with aiohttp.ClientSession() as http:
            host = await connect(http, _base(links))
            await host.send(type="hello_host", token=links["host"].split("#", 1)[1])
            await host.send(type="command", action="next", ref=1)
            return str((await host.expect("done", ref=1))["phase"])

    with host_process(tmp_path, "--log", str(log_path), "--no-check") as (process, links):
        assert asyncio.run(start(links)) == "story"
        process.send_signal(signal.SIGTERM)
        assert process.wait(10) == 0
    log = read_session_log(log_path)
    assert log.start["settings"]["check"] is False and log.of_type("check_open") == []


def test_bad_arguments_are_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    for args in (["--code", "AB1"], ["--port", "99999"], ["--timer", "2"], ["--cap", "0"]):
        with pytest.raises(SystemExit) as exit_info:
            main(["host", str(SAMPLE), *args])
        assert exit_info.value.code == 2
    assert main(["host", "no_such_scenario"]) == 2
    assert "no such scenario" in capsys.readouterr().err


def test_a_busy_port_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        args = ["host", str(SAMPLE), "--headless", "--bind", "127.0.0.1", "--port", port]
        code = main([*args, "--log", str(tmp_path / "x.jsonl")])
    assert code == 1 and "cannot listen" in capsys.readouterr().err


def test_resume_of_a_missing_log_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["host", str(SAMPLE), "--headless", "--resume", str(tmp_path / "none.jsonl")])
    assert code == 1 and "no such session log" in capsys.readouterr().err


def test_the_end_prints_the_log_and_a_report_command_that_works(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import shlex

    log_path = tmp_path / "friday group.jsonl"  # a space: the command must quote it

    async def end(links: dict[str, str]) -> dict[str, object]:
        async with aiohttp.ClientSession() as http:
            host = await connect(http, _base(links))
            await host.send(type="hello_host", token=links["host"].split("#", 1)[1])
            await host.send(type="command", action="end", ref=1)
            return await host.expect("host_state", phase="ended")  # sent before the server stops

    with host_process(tmp_path, "--log", str(log_path)) as (process, links):
        final = asyncio.run(end(links))
        assert process.wait(10) == 0
        assert process.stdout is not None
        rest = process.stdout.read().splitlines()
    assert final["log_path"] == str(log_path)
    assert f"session closed; the log is {log_path}" in rest
    command = rest[-1].removeprefix("report: ")
    assert command == f"roleplay report '{log_path}' -o report.html"
    words = shlex.split(command)
    words[-1] = str(tmp_path / "report.html")
    assert main(words[1:]) == 0
    assert "<html" in (tmp_path / "report.html").read_text(encoding="utf-8")
    capsys.readouterr()
    assert main(["report", str(log_path)]) == 0  # no -o: the log's name, .html, beside it
    assert f"wrote {tmp_path / 'friday group.html'}" in capsys.readouterr().err
    assert (tmp_path / "friday group.html").is_file()
    assert main(["report", str(log_path), str(log_path)]) == 2
    assert "-o FILE" in capsys.readouterr().err
