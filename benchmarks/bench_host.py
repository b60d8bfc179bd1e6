"""Load test of ``roleplay host`` on loopback: simulated phones play a whole scenario.

A real host runs in its own process (``--headless --bind 127.0.0.1 --port 0``). N phones join
over WebSockets and play every decision of the sample scenario with first votes, changes of vote,
duplicate votes, disconnects and reconnects mid-vote, and late votes after the close. Every phone
remembers its last acknowledged vote; the tallies in the session log must match them exactly.

- ``votes_lost``: votes a phone had acknowledged that the logged tally does not count (target 0);
- ``vote_tally_p99_ms``: 99th percentile of the time from sending a vote to its ``vote_ack``
  (sent after the tally is updated), target under 50 ms;
- ``voters_300_errors``: anything unexpected: failed connections, timeouts, error replies other
  than the late votes' ``vote_closed``, a vote not restored after a reconnect, a vote counted
  twice (target 0). The same three at 1,000 phones, for information.
- ``check_answers_lost``: the knowledge check is asked before and after the story; every phone
  answers (a fifth change their answer); answers a phone had acknowledged that the logged
  ``check_close`` tally does not count (target 0).

Bounded: N phones, one scenario, and a hard time limit; the host process is killed at the end.
Run alone: ``python benchmarks/bench_host.py 300``.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
SCENARIO = ROOT / "scenarios" / "sample_rota.yaml"
TIME_LIMIT = 300.0
STEP_TIMEOUT = 60.0


@dataclass
class Stats:
    """What the phones saw."""

    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    expected: list[dict[str, int]] = field(default_factory=list)
    expected_checks: list[dict[str, int]] = field(default_factory=list)


class Phone:
    """One simulated phone."""

    def __init__(self, number: int, http: aiohttp.ClientSession, base: str, stats: Stats) -> None:
        self.number = number
        self.http = http
        self.base = base
        self.stats = stats
        self.rng = random.Random(number)
        self.ws: aiohttp.ClientWebSocketResponse | None = None
        self.token = ""
        self.acked: dict[int, str] = {}  # decision -> last acknowledged choice
        self.sent: dict[str, float] = {}
        self.acks: asyncio.Queue[str] = asyncio.Queue()
        self.answers: dict[str, str] = {}  # "phase:question" -> last acknowledged option
        self.answer_acks: asyncio.Queue[str] = asyncio.Queue()
        self.snapshots: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self.late_ok = 0

    async def connect(self, hello: dict[str, Any]) -> dict[str, Any]:
        """Open a socket, say hello, and return the first snapshot."""
        self.ws = await self.http.ws_connect(self.base.replace("http", "ws", 1) + "/ws")
        await self.ws.send_str(json.dumps(hello))
        asyncio.get_running_loop().create_task(self._read(self.ws))
        return await asyncio.wait_for(self.snapshots.get(), STEP_TIMEOUT)

    async def _read(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        async for frame in ws:
            if '"type": "progress"' in frame.data[:40]:
                continue  # a real phone would redraw "N of M voted"; 300 in one process need not
            message = json.loads(frame.data)
            kind = message["type"]
            if kind == "welcome":
                self.token = message["token"]
            elif kind == "snapshot":
                self.snapshots.put_nowait(message)
            elif kind == "vote_ack":
                started = self.sent.pop(message["choice"], None)
                if started is not None:
                    self.stats.latencies.append(time.perf_counter() - started)
                self.acked[message["decision"]] = message["choice"]
                self.acks.put_nowait(message["choice"])
            elif kind == "answer_ack":
                self.answers[f"{message['phase']}:{message['question']}"] = message["option"]
                self.answer_acks.put_nowait(message["option"])
            elif kind == "error" and message["code"] == "vote_closed":
                self.late_ok += 1
            elif kind == "error":
                self.stats.errors.append(f"phone {self.number}: {message['code']}")

    async def vote(self, decision: int, choice: str) -> None:
        """Send a vote and wait for its acknowledgement."""
        assert self.ws is not None
        self.sent[choice] = time.perf_counter()
        await self.ws.send_str(json.dumps({"type": "vote", "decision": decision, "choice": choice}))
        while await asyncio.wait_for(self.acks.get(), STEP_TIMEOUT) != choice:
            pass

    async def play(self, decision: int, choices: list[str]) -> None:
        """First vote, maybe a change, a duplicate, a reconnect mid-vote."""
        await asyncio.sleep(self.rng.random() * 0.5)
        weights = [0.6, 0.25, *([0.15 / max(1, len(choices) - 2)] * (len(choices) - 2))]
        first = self.rng.choices(choices, weights=weights[: len(choices)])[0]
        await self.vote(decision, first)
        roll = self.rng.random()
        if roll < 0.2:
            await self.vote(decision, self.rng.choice([c for c in choices if c != first]))
        elif roll < 0.3:
            await self.vote(decision, first)  # a duplicate: acknowledged, not counted again
        elif roll < 0.4:
            await self.reconnect(decision)

    async def answer(self, check: dict[str, Any], options: list[str]) -> None:
        """Answer a knowledge-check question (a fifth change their answer)."""
        assert self.ws is not None
        await asyncio.sleep(self.rng.random() * 0.5)
        picks = [self.rng.choice(options)]
        if self.rng.random() < 0.2:
            picks.append(self.rng.choice([o for o in options if o != picks[0]]))
        for option in picks:
            message = {"type": "answer", "phase": check["phase"], "question": check["number"],
                       "option": option}  # fmt: skip
            await self.ws.send_str(json.dumps(message))
            while await asyncio.wait_for(self.answer_acks.get(), STEP_TIMEOUT) != option:
                pass

    async def reconnect(self, decision: int) -> None:
        """Drop the socket mid-vote and come back with the token: the vote must be there."""
        assert self.ws is not None
        await self.ws.close()
        snapshot = await self.connect({"type": "rejoin", "room": "BNCH", "token": self.token})
        if snapshot["my_vote"] != self.acked.get(decision):
            self.stats.errors.append(f"phone {self.number}: vote not restored after reconnect")

    async def late_vote(self, decision: int, choice: str) -> None:
        """A vote after the close: must be refused, never counted."""
        assert self.ws is not None
        await self.ws.send_str(json.dumps({"type": "vote", "decision": decision, "choice": choice}))


class Host:
    """The host remote that drives the session."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.ws = ws
        self.ref = 0

    async def command(self, action: str, **fields: Any) -> dict[str, Any]:
        self.ref += 1
        message = {"type": "command", "action": action, "ref": self.ref, **fields}
        await self.ws.send_str(json.dumps(message))
        while True:
            frame = await asyncio.wait_for(self.ws.receive(), STEP_TIMEOUT)
            if frame.type != aiohttp.WSMsgType.TEXT:
                return {"type": "closed"}  # "end" stops the host, which may close first
            reply = json.loads(frame.data)
            if reply.get("ref") == self.ref:
                return reply


async def _decision(host: Host, phones: list[Phone], stats: Stats) -> bool:
    """Play one decision; False once the story has ended."""
    for _ in range(40):
        reply = await host.command("next")
        if reply.get("phase") in ("vote", "ending", "ended"):
            break
    if reply.get("phase") != "vote":
        return False
    snapshots = [await _open_snapshot(p) for p in phones]
    decision = snapshots[0]["decision"]
    choices = [c["id"] for c in decision["choices"]]
    await asyncio.gather(*(p.play(decision["number"], choices) for p in phones))
    await host.command("close_vote")
    late = phones[:: max(1, len(phones) // 20)]
    await asyncio.gather(*(p.late_vote(decision["number"], choices[-1]) for p in late))
    expected = dict.fromkeys(choices, 0)
    for phone in phones:
        expected[phone.acked[decision["number"]]] += 1
    stats.expected.append(expected)
    top = max(expected.values())
    leaders = [c for c, n in expected.items() if n == top]
    reply = await host.command("play") if len(leaders) == 1 else {"type": "error"}
    if reply["type"] == "error":
        await host.command("play", choice=leaders[0])
    return True


async def _knowledge_check(host: Host, phones: list[Phone], stats: Stats) -> None:
    """Next until a check question is open, every phone answers, reveal, and on."""
    for _ in range(10):
        reply = await host.command("next")
        if reply.get("phase") == "check":
            break
    while reply.get("phase") == "check":
        snapshots = [await _check_snapshot(p) for p in phones]
        check = snapshots[0]["check"]
        options = [o["id"] for o in check["options"]]
        await asyncio.gather(*(p.answer(check, options) for p in phones))
        expected = dict.fromkeys(options, 0)
        for phone in phones:
            expected[phone.answers[f"{check['phase']}:{check['number']}"]] += 1
        stats.expected_checks.append(expected)
        await host.command("next")  # reveal
        reply = await host.command("next")  # the next question, or on with the session


async def _check_snapshot(phone: Phone) -> dict[str, Any]:
    while True:
        snapshot = await asyncio.wait_for(phone.snapshots.get(), STEP_TIMEOUT)
        if snapshot.get("check") and snapshot["check"]["open"]:
            return snapshot


async def _open_snapshot(phone: Phone) -> dict[str, Any]:
    while True:
        snapshot = await asyncio.wait_for(phone.snapshots.get(), STEP_TIMEOUT)
        if snapshot["decision"] and snapshot["decision"]["open"]:
            return snapshot


async def _run(base: str, host_token: str, count: int, stats: Stats) -> None:
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector) as http:
        host_ws = await http.ws_connect(base.replace("http", "ws", 1) + "/ws")
        await host_ws.send_str(json.dumps({"type": "hello_host", "token": host_token}))
        host = Host(host_ws)
        await host.command("settings", settings={"auto_close": False, "timer": None})
        phones = [Phone(n, http, base, stats) for n in range(count)]
        for start in range(0, count, 50):
            batch = phones[start : start + 50]
            await asyncio.gather(
                *(
                    p.connect({"type": "join", "room": "BNCH", "nickname": f"P{p.number}"})
                    for p in batch
                )
            )
        await _knowledge_check(host, phones, stats)  # before the story
        while await _decision(host, phones, stats):
            pass
        await _knowledge_check(host, phones, stats)  # after the ending
        await host.command("end")


def run_load(count: int) -> dict[str, float]:
    """Play the sample with ``count`` phones; returns the three numbers."""
    _raise_file_limit(count * 2 + 256)
    with tempfile.TemporaryDirectory(prefix="roleplay-load-") as folder:
        log = Path(folder) / "load.jsonl"
        process, base, token = _start_host(log, folder)
        stats = Stats()
        try:
            asyncio.run(asyncio.wait_for(_run(base, token, count, stats), TIME_LIMIT))
        except (TimeoutError, aiohttp.ClientError, OSError) as failure:
            stats.errors.append(f"run failed: {type(failure).__name__}: {failure}")
        finally:
            process.terminate()
            try:
                process.wait(20)
            except subprocess.TimeoutExpired:
                process.kill()
        return _score(stats, log)


def _score(stats: Stats, log: Path) -> dict[str, float]:
    sys.path.insert(0, str(ROOT))
    from roleplay.engine._session_log import read_session_log

    events = read_session_log(log)
    logged = [e["tally"] for e in events.of_type("decision")]
    checks = [e["tally"] for e in events.of_type("check_close")]
    answers_lost = 0
    for expected, tally in zip(stats.expected_checks, checks, strict=False):
        answers_lost += sum(abs(n - tally.get(o, 0)) for o, n in expected.items())
    answers_lost += sum(sum(e.values()) for e in stats.expected_checks[len(checks) :])
    lost = doubled = 0
    for expected, tally in zip(stats.expected, logged, strict=False):
        for choice, count in expected.items():
            lost += max(0, count - tally.get(choice, 0))
            doubled += max(0, tally.get(choice, 0) - count)
    lost += sum(sum(e.values()) for e in stats.expected[len(logged) :])
    errors = len(stats.errors) + doubled + (0 if stats.expected else 1)
    errors += 0 if len(stats.expected_checks) == 2 else 1  # asked before and after
    latencies = sorted(stats.latencies) or [float("nan")]
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    for line in stats.errors[:5]:
        print(f"  {line}", file=sys.stderr)
    median = latencies[len(latencies) // 2]
    return {
        "lost": float(lost),
        "p99_ms": p99 * 1000,
        "median_ms": median * 1000,
        "votes": float(len(stats.latencies)),
        "errors": float(errors),
        "answers_lost": float(answers_lost),
    }


def _start_host(log: Path, home: str) -> tuple[subprocess.Popen[str], str, str]:
    command = [sys.executable, "-m", "roleplay", "host", str(SCENARIO), "--headless"]
    command += ["--bind", "127.0.0.1", "--port", "0", "--code", "BNCH", "--join-limit", "0"]
    command += ["--cap", "2000", "--log", str(log)]
    env = {**os.environ, "ROLEPLAY_HOME": home, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    links: dict[str, str] = {}
    assert process.stdout is not None
    while "log" not in links:
        line = process.stdout.readline()
        if not line:
            raise RuntimeError("the host did not start")
        key, _, value = line.partition(": ")
        links[key] = value.strip()
    return process, links["join"].split("/?")[0], links["host"].split("#", 1)[1]


def _raise_file_limit(wanted: int) -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(wanted, hard), hard))


_RESULTS: dict[int, dict[str, float]] = {}


def _metric(count: int, key: str, unit: str) -> Any:
    def measure() -> tuple[float, str]:
        if count not in _RESULTS:
            _RESULTS[count] = run_load(count)
        return _RESULTS[count][key], unit

    return measure


METRICS = {
    "votes_lost": _metric(300, "lost", "votes (300 phones; target 0)"),
    "vote_tally_p99_ms": _metric(300, "p99_ms", "ms (300 phones; target < 50)"),
    "voters_300_errors": _metric(300, "errors", "errors (target 0)"),
    "check_answers_lost": _metric(300, "answers_lost", "answers (300 phones; target 0)"),
    "votes_lost_1000": _metric(1000, "lost", "votes (1,000 phones; information)"),
    "vote_tally_p99_ms_1000": _metric(1000, "p99_ms", "ms (1,000 phones; information)"),
    "voters_1000_errors": _metric(1000, "errors", "errors (1,000 phones; information)"),
}


if __name__ == "__main__":
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    started = time.monotonic()
    result = run_load(size)
    print(json.dumps({**result, "phones": size, "seconds": round(time.monotonic() - started, 1)}))
