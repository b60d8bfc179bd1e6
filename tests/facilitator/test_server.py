"""The phone server over real sockets: pages, joining, voting, and refusing bad input."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import aiohttp

from roleplay.engine._scenario import Scenario
from roleplay.engine._session_log import read_session_log
from roleplay.facilitator._server import JoinLimiter
from tests.facilitator.hosting import Client, connect, host_to_vote, join, running_host


def _base(runtime: Any) -> str:
    return f"http://127.0.0.1:{runtime.server.port}"


def test_pages_are_served_with_a_strict_policy(sample: Scenario, tmp_path: Path) -> None:
    async def check(base: str) -> None:
        async with aiohttp.ClientSession() as http:
            async with http.get(base + "/?room=KQZW") as page:
                body = await page.text()
                assert page.status == 200 and '<html lang="en">' in body
                assert "default-src 'self'" in page.headers["Content-Security-Policy"]
            async with http.get(base + "/static/phone.js") as script:
                assert script.status == 200 and "textContent" in await script.text()
            async with http.get(base + "/static/..%2F_session.py") as sneaky:
                assert sneaky.status == 404

    with running_host(sample, tmp_path / "s.jsonl") as runtime:
        asyncio.run(check(_base(runtime)))


def test_join_vote_change_and_rejoin_with_the_token(sample: Scenario, tmp_path: Path) -> None:
    async def play(base: str, host_token: str) -> None:
        async with aiohttp.ClientSession() as http:
            host = await connect(http, base)
            await host.send(type="hello_host", token=host_token)
            await host.expect("host_state")
            ann = await join(http, base, "<b>Ann</b>")
            welcome = await ann.expect("welcome")
            assert welcome["nickname"] == "<b>Ann</b>" and welcome["player"] == "p1"
            bo = await join(http, base, "Bo")
            for _ in range(4):
                await host.send(type="command", action="next")
            snapshot = await ann.expect("snapshot", phase="vote")
            assert snapshot["decision"]["choices"][0]["id"] == "ask_jo"
            await ann.send(type="vote", decision=1, choice="order")
            await ann.expect("vote_ack", choice="order")
            await bo.expect("progress", voted=1, eligible=2)
            await ann.send(type="vote", decision=1, choice="ask_jo")
            await ann.expect("vote_ack", choice="ask_jo")
            await ann.ws.close()
            again = await connect(http, base)
            await again.send(type="rejoin", room="KQZW", token=welcome["token"])
            assert (await again.expect("welcome"))["player"] == "p1"
            restored = await again.expect("snapshot")
            assert restored["my_vote"] == "ask_jo" and restored["progress"]["voted"] == 1

    with running_host(sample, tmp_path / "s.jsonl", timer=None) as runtime:
        asyncio.run(play(_base(runtime), runtime.session.host_token))
    votes = read_session_log(tmp_path / "s.jsonl").of_type("vote")
    assert [v["choice"] for v in votes] == ["order", "ask_jo"]


def test_cross_origin_sockets_are_refused(sample: Scenario, tmp_path: Path) -> None:
    async def check(base: str) -> None:
        async with aiohttp.ClientSession() as http:
            try:
                await connect(http, base, origin="http://evil.example")
            except aiohttp.WSServerHandshakeError as refused:
                assert refused.status == 403
            else:
                raise AssertionError("a cross-origin socket was accepted")
            same = await connect(http, base, origin=base)
            await same.send(type="join", room="KQZW", nickname="Ok")
            await same.expect("welcome")

    with running_host(sample, tmp_path / "s.jsonl") as runtime:
        asyncio.run(check(_base(runtime)))


def test_bad_messages_get_error_replies_never_a_traceback(
    sample: Scenario, tmp_path: Path, caplog: Any
) -> None:
    async def check(base: str) -> None:
        async with aiohttp.ClientSession() as http:
            phone = await connect(http, base)
            for raw, code in [
                ("x" * 5000, "too_large"),
                ("not json", "bad_message"),
                ("[1, 2]", "bad_message"),
                ('{"type": "vote", "decision": "1", "choice": "a"}', "bad_message"),
                ('{"type": "join", "room": "KQZW", "admin": true}', "bad_message"),
                ('{"type": "vote", "decision": 1, "choice": "a"}', "not_joined"),
                ('{"type": "command", "action": "end"}', "not_joined"),
                ('{"type": "join", "room": "ZZZZ"}', "bad_room"),
                (
                    '{"type": "rejoin", "room": "KQZW", "token": "forged-token"}',
                    "unknown_token",
                ),
            ]:
                await phone.ws.send_str(raw)
                assert (await phone.expect("error"))["code"] == code, raw
            await phone.send(type="join", room="kqzw", nickname="Still fine")
            await phone.expect("welcome")
            await phone.send(type="command", action="end")
            assert (await phone.expect("error"))["code"] == "not_allowed"
            intruder = await connect(http, base)
            await intruder.send(type="hello_host", token="guess" * 4)
            assert (await intruder.expect("error"))["code"] == "bad_token"

    with running_host(sample, tmp_path / "s.jsonl") as runtime:
        asyncio.run(check(_base(runtime)))
        assert runtime.session.phase == "lobby" and runtime.server.rejected == 5
    assert "Traceback" not in caplog.text


def test_joins_are_rate_limited_per_address(sample: Scenario, tmp_path: Path) -> None:
    async def check(base: str) -> None:
        async with aiohttp.ClientSession() as http:
            await join(http, base, "One")
            await join(http, base, "Two")
            third = await connect(http, base)
            await third.send(type="join", room="KQZW", nickname="Three")
            assert (await third.expect("error"))["code"] == "rate_limited"

    with running_host(sample, tmp_path / "s.jsonl", join_limit=JoinLimiter(2, 60)) as runtime:
        asyncio.run(check(_base(runtime)))
        assert runtime.session.room.names() == ["One", "Two"]


def test_kicked_phones_are_told_and_disconnected(sample: Scenario, tmp_path: Path) -> None:
    async def check(base: str, host_token: str) -> None:
        async with aiohttp.ClientSession() as http:
            host = await connect(http, base)
            await host.send(type="hello_host", token=host_token)
            phone: Client = await join(http, base, "Kim")
            welcome = await phone.expect("welcome")
            await host.send(type="command", action="kick", player=welcome["player"])
            assert (await phone.expect("removed"))["reason"] == "kicked"
            back = await connect(http, base)
            await back.send(type="rejoin", room="KQZW", token=welcome["token"])
            assert (await back.expect("error"))["code"] == "unknown_token"

    with running_host(sample, tmp_path / "s.jsonl") as runtime:
        asyncio.run(check(_base(runtime), runtime.session.host_token))


def test_switching_the_join_address_keeps_phones_connected(
    sample: Scenario, tmp_path: Path
) -> None:
    """Pressing A shows another address; the server keeps the first one, so a phone that joined
    there keeps its socket and its vote, and new phones join on the new address."""

    async def play(runtime: Any) -> None:
        first = _base(runtime)
        async with aiohttp.ClientSession() as http:
            ann = await join(http, first, "Ann")
            await ann.expect("welcome")
            assert runtime.move_to("127.0.0.2") is None
            assert "127.0.0.2" in runtime.join_url and runtime.listening == [
                "127.0.0.1",
                "127.0.0.2",
            ]
            bo = await join(http, first.replace("127.0.0.1", "127.0.0.2"), "Bo")
            await bo.expect("welcome")
            host = await connect(http, first)
            await host.send(type="hello_host", token=runtime.session.host_token)
            await host_to_vote(host)
            await ann.expect("snapshot", phase="vote")
            await ann.send(type="vote", decision=1, choice="order")
            ack = await ann.expect("vote_ack", choice="order")
            assert ack["eligible"] == 2
            assert runtime.move_to("127.0.0.1") is None  # back: nothing new to bind
            assert runtime.listening == ["127.0.0.1", "127.0.0.2"]
            assert runtime.move_to("192.0.2.1") is not None  # not this machine's address
            assert "127.0.0.1" in runtime.join_url

    with running_host(sample, tmp_path / "s.jsonl", timer=None) as runtime:
        asyncio.run(play(runtime))
    assert [v["player"] for v in read_session_log(tmp_path / "s.jsonl").of_type("vote")] == ["p1"]
