"""Shared fixtures: paths to the repository and a tiny valid scenario."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
# Loading writes the scenario cache under ROLEPLAY_HOME: keep tests out of the user's folders.
os.environ.setdefault("ROLEPLAY_HOME", tempfile.mkdtemp(prefix="roleplay-tests-"))

# Property tests run ~100 examples each by default (seconds in all); a nightly-style run takes
# `python -m pytest --hypothesis-profile=long` (tests/test_fuzz.py, docs/reliability.md).
_SLOW_OK = [HealthCheck.too_slow, HealthCheck.data_too_large]
settings.register_profile("ci", max_examples=100, deadline=None, suppress_health_check=_SLOW_OK)
settings.register_profile(
    "long", max_examples=10_000, deadline=None, suppress_health_check=_SLOW_OK
)
settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "scenarios"
SAMPLE = SCENARIOS / "sample_rota.yaml"

TINY = """\
format: 1
id: tiny
title: Tiny
summary: A tiny scenario.
learning_goals: [Example]
estimated_minutes: 1
start: hello
meters:
  trust: {label: Trust, start: 5}
  compliance: {label: Compliance, start: 2}
flags:
  asked: {description: You asked}
characters:
  jo: {name: Jo, expressions: [neutral, pleased]}
nodes:
  hello:
    lines:
      - {speaker: jo, text: Hi.}
    choices:
      - id: listen
        text: Listen
        technique: active_listening
        effects: {trust: 2}
        set: {asked: true}
        next: done
      - id: order
        text: Order
        technique: direct_instruction
        effects: {trust: -9, compliance: 3}
        next: done
  done:
    lines: [{text: Bye.}]
    end: true
endings:
  - id: good
    title: Good
    when: trust >= 7
    text: Well done.
    debrief: Listening built trust.
  - id: fine
    title: Fine
    text: Done.
"""


@pytest.fixture
def tiny_path(tmp_path: Path) -> Path:
    """A valid tiny scenario written to a temporary folder."""
    path = tmp_path / "tiny.yaml"
    path.write_text(TINY, encoding="utf-8")
    return path


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Records every scenario file the loader really parses."""
    from roleplay.engine import _loader

    seen: list[str] = []
    real_read, real_parse = _loader.read_document, _loader.parse_text

    def reading(path: Path, display: str | None = None) -> _loader.Document:
        if path.name != _loader.CATALOGUE_NAME:
            seen.append(path.name)
        return real_read(path, display)

    def parsing(text: str, name: str) -> _loader.Document:  # the bytes the cache read
        seen.append(Path(name).name)
        return real_parse(text, name)

    monkeypatch.setattr(_loader, "read_document", reading)
    monkeypatch.setattr(_loader, "parse_text", parsing)
    return seen
