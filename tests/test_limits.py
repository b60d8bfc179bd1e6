"""Issue 13's hostile scenario files: each is refused with its own located diagnostic.

Every reproducer from the issue is here at its original size where that takes well under a
second, and scaled to just over the limit otherwise. How long they take and how much memory
they use is measured by ``benchmarks/run.py hostile`` (never by timed assertions here).
"""

from __future__ import annotations

import os
import struct
import zlib
from pathlib import Path

import pytest

from roleplay import check_scenario_file
from roleplay.engine import _limits
from roleplay.engine._limits import SECTION_LIMITS
from roleplay.engine._yaml_limits import MAX_LINES, MAX_SCALAR_CHARS
from tests.conftest import TINY
from tests.test_diagnostics_doc import png_header


def _write(path: Path, text: str | bytes) -> Path:
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def _check(tmp_path: Path, text: str | bytes, name: str = "hostile.yaml") -> list[str]:
    return [d.code for d in check_scenario_file(_write(tmp_path / name, text))[1]]


def _with_background(relative: str) -> str:
    return TINY.replace("characters:", f"backgrounds:\n  office: {relative}\ncharacters:")


# --- YAML tags and numbers ------------------------------------------------------------------
@pytest.mark.parametrize(
    "value",
    [
        '!!bool "maybe"',
        '!!int "ten"',
        '!!float "x"',
        "!!binary aGVsbG8=",
        "!custom true",
        "!!python/object/apply:os.system [ls]",
        "!!set {a, b}",
    ],
)
def test_tag_misuse_is_a_diagnostic_not_a_crash(tmp_path: Path, value: str) -> None:
    assert _check(tmp_path, TINY.replace("set: {asked: true}", f"set: {{asked: {value}}}")) == [
        "RP012"
    ]


@pytest.mark.parametrize(
    "literal", ["0x" + "F" * 5000, "0" + "7" * 5000, "0b" + "1" * 5000, "9" * 5000]
)
def test_huge_integers_in_any_base_are_refused(tmp_path: Path, literal: str) -> None:
    text = TINY.replace("effects: {trust: 2}", f"effects: {{trust: {literal}}}")
    assert _check(tmp_path, text) == ["RP014"]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("effects: {trust: 2}", "effects: {trust: 2000000}"),
        ("effects: {trust: 2}", "effects: {trust: 1.0e+400}"),
        ("trust: {label: Trust, start: 5}", "trust: {label: Trust, max: 0x7FFFFFFFFFFFFFFF}"),
        ("estimated_minutes: 1", "estimated_minutes: 100000"),
    ],
)
def test_every_integer_field_is_bounded(tmp_path: Path, old: str, new: str) -> None:
    assert _check(tmp_path, TINY.replace(old, new)) == ["RP014"]


# --- conditions -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "condition",
    ["-" * 500 + "trust >= 7", "+".join(["1"] * 498), "not " * 40 + "flags.asked"],
)
def test_deeply_nested_condition_is_rp030(tmp_path: Path, condition: str) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text(TINY.replace("when: trust >= 7", f"when: {condition}"), encoding="utf-8")
    diagnostics = check_scenario_file(path)[1]
    assert [d.code for d in diagnostics] == ["RP030"]
    assert "nests deeper than" in diagnostics[0].message


# --- asset paths and pictures ---------------------------------------------------------------
def test_asset_name_over_255_bytes_is_rp041(tmp_path: Path) -> None:
    path = tmp_path / "long.yaml"
    path.write_text(_with_background("a" * 300 + ".png"), encoding="utf-8")
    diagnostics = check_scenario_file(path)[1]
    assert [d.code for d in diagnostics] == ["RP041"]
    assert "longer than 255 bytes" in diagnostics[0].message


def test_thirty_thousand_pixel_png_is_refused_at_validate(tmp_path: Path) -> None:
    """The issue's 2.6 MB PNG of 30000 x 30000 pixels: only its header is ever read."""
    (tmp_path / "huge.png").write_bytes(png_header(30_000, 30_000) + b"\0" * 1000)
    assert _check(tmp_path, _with_background("huge.png")) == ["RP042"]


def _jpeg(width: int, height: int) -> bytes:
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\0" + b"\1\1\0\0\1\0\1\0\0"
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\1\x11\0"
    return b"\xff\xd8" + app0 + sof + b"\xff\xd9"


def _gif(width: int, height: int) -> bytes:
    return b"GIF89a" + struct.pack("<HH", width, height) + b"\0" * 20


def _bmp(width: int, height: int) -> bytes:
    return b"BM" + b"\0" * 16 + struct.pack("<ii", width, -height) + b"\0" * 30


def _webp(width: int, height: int) -> bytes:
    canvas = (width - 1).to_bytes(3, "little") + (height - 1).to_bytes(3, "little")
    return b"RIFF" + b"\0" * 4 + b"WEBPVP8X" + b"\0" * 8 + canvas + b"\0" * 10


def _svg(width: int, height: int) -> bytes:
    return f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}"/>'.encode()


def _svg_view_box(width: int, height: int) -> bytes:
    return f'<?xml version="1.0"?>\n<svg viewBox="0 0 {width} {height}"></svg>'.encode()


@pytest.mark.parametrize("make", [png_header, _jpeg, _gif, _bmp, _webp, _svg, _svg_view_box])
def test_picture_size_is_read_from_every_format(tmp_path: Path, make: object) -> None:
    assert callable(make)
    (tmp_path / "small.img").write_bytes(make(1920, 1080))
    (tmp_path / "huge.img").write_bytes(make(20_000, 12_000))
    assert _check(tmp_path, _with_background("small.img"), "small.yaml") == []
    assert _check(tmp_path, _with_background("huge.img"), "huge.yaml") == ["RP042"]


def test_svg_in_millimetres_counts_in_pixels(tmp_path: Path) -> None:
    (tmp_path / "wide.svg").write_bytes(b'<svg width="3000mm" height="10mm"></svg>')
    assert _check(tmp_path, _with_background("wide.svg")) == ["RP042"]  # 11,339 px wide


def test_unknown_picture_format_is_rp042(tmp_path: Path) -> None:
    (tmp_path / "notes.png").write_text("just some text", encoding="utf-8")
    assert _check(tmp_path, _with_background("notes.png")) == ["RP042"]


def test_shipped_pictures_pass() -> None:
    from roleplay.engine._images import image_problem
    from tests.conftest import ROOT

    pictures = [p for p in (ROOT / "assets").rglob("*") if p.suffix in (".svg", ".png")]
    assert pictures and [p for p in pictures if image_problem(p)] == []


# --- sizes: values, text, lines, parts ------------------------------------------------------
def test_seven_million_tiny_scalars_are_refused(tmp_path: Path) -> None:
    """The issue's 16 MB file of tiny scalars: refused after MAX_VALUES, never modelled."""
    count = (16 * 1024 * 1024 - len(TINY) - 100) // 2
    text = TINY.replace("learning_goals: [Example]", "learning_goals: [" + "a," * count + "a]")
    assert _check(tmp_path, text) == ["RP009"]


def test_one_long_text_aliased_many_times_is_refused_by_bytes(tmp_path: Path) -> None:
    text = "x" * (MAX_SCALAR_CHARS - 1)
    aliases = ", ".join(["*s"] * 2000)  # 40 MB of text once expanded
    doc = TINY.replace("summary: A tiny scenario.", f'summary: &s "{text}"').replace(
        "learning_goals: [Example]", f"learning_goals: [{aliases}]"
    )
    assert _check(tmp_path, doc) == ["RP004"]


def test_eight_megabyte_text_is_refused(tmp_path: Path) -> None:
    """The issue's 8 MB scalar: refused as one text, before any alias can repeat it."""
    doc = TINY.replace("summary: A tiny scenario.", 'summary: &s "' + "x" * 8_000_000 + '"')
    assert _check(tmp_path, doc) == ["RP015"]


def test_a_million_flags_are_refused(tmp_path: Path) -> None:
    flags = "".join(f"  f{i}: {{}}\n" for i in range(1_000_000))
    assert _check(tmp_path, TINY.replace("flags:\n", "flags:\n" + flags)) == ["RP008"]


def test_too_many_lines_is_rp008(tmp_path: Path) -> None:
    assert _check(tmp_path, TINY + "#\n" * MAX_LINES) == ["RP008"]


def test_hundred_thousand_choices_are_refused(tmp_path: Path) -> None:
    choice = "      - {text: a, technique: active_listening, next: done}\n"
    text = TINY.replace("    choices:\n", "    choices:\n" + choice * 100_000, 1)
    assert _check(tmp_path, text) == ["RP013"]


def _section_over(section: str) -> str:
    """TINY with one entry more than the limit in ``section`` (it already has one)."""
    count = SECTION_LIMITS[section]
    if section == "learning_goals":
        return TINY.replace("learning_goals: [Example]", "learning_goals: [" + "a, " * count + "a]")
    entries = "".join(f"  x{i}: {{}}\n" for i in range(count))
    return TINY.replace("flags:\n", "flags:\n" + entries)


@pytest.mark.parametrize("section", ["flags", "learning_goals"])
def test_section_limits_are_rp013(tmp_path: Path, section: str) -> None:
    path = tmp_path / "many.yaml"
    path.write_text(_section_over(section), encoding="utf-8")
    diagnostics = check_scenario_file(path)[1]
    assert [d.code for d in diagnostics] == ["RP013"]
    assert f"the scenario has {SECTION_LIMITS[section] + 1:,} {section}" in diagnostics[0].message


def test_choice_and_dialogue_limits_are_rp013(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same counts as at the real limits (60,000 and 100,000), on smaller files."""
    monkeypatch.setattr(_limits, "MAX_CHOICES", 40)
    monkeypatch.setattr(_limits, "MAX_DIALOGUE_LINES", 40)
    choice = "      - {text: a, technique: active_listening, next: done}\n"
    fits = TINY.replace("    choices:\n", "    choices:\n" + choice * 38, 1)
    assert "RP013" not in _check(tmp_path, fits, "fits.yaml")
    many_choices = TINY.replace("    choices:\n", "    choices:\n" + choice * 39, 1)
    diagnostics = check_scenario_file(_write(tmp_path / "choices.yaml", many_choices))[1]
    assert [d.code for d in diagnostics] == ["RP013"]
    assert "the scenario has 41 choices; the limit is 40" in diagnostics[0].message
    line = "      - {text: a}\n"
    many_lines = TINY.replace("    lines:\n", "    lines:\n" + line * 40, 1)
    assert _check(tmp_path, many_lines, "lines.yaml") == ["RP013"]


def test_conditions_limit_counts_distinct_text(tmp_path: Path) -> None:
    choice = "      - {{text: a, technique: active_listening, next: done, if: '{}'}}\n"
    long_and = " and ".join(["trust >= 1"] * 60)
    same = "".join(choice.format(long_and) for _ in range(400))
    distinct = "".join(choice.format(f"{long_and} and trust != {i}") for i in range(400))
    repeated = TINY.replace("    choices:\n", "    choices:\n" + same, 1)
    assert "RP013" not in _check(tmp_path, repeated, "same.yaml")
    assert _check(tmp_path, TINY.replace("    choices:\n", "    choices:\n" + distinct, 1)) == [
        "RP013"
    ]


def test_misspelt_names_by_the_thousand_stay_fast_and_hinted(tmp_path: Path) -> None:
    """19,000 unknown 'next' targets: every one reported, the first ones with a fuzzy hint."""
    choice = "      - {{text: a, technique: active_listening, next: don{}}}\n"
    choices = "".join(choice.format(i) for i in range(19_000))
    path = tmp_path / "typos.yaml"
    path.write_text(TINY.replace("    choices:\n", "    choices:\n" + choices, 1))
    diagnostics = check_scenario_file(path)[1]
    assert [d.code for d in diagnostics] == ["RP020"] * 19_000
    assert diagnostics[0].hint == "did you mean 'done'?"
    assert "check the spelling" in diagnostics[-1].hint


# --- not regular files ----------------------------------------------------------------------
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_fifo_scenario_is_refused_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.yaml")
    diagnostics = check_scenario_file(tmp_path / "pipe.yaml")[1]
    assert [d.code for d in diagnostics] == ["RP005"]
    assert "not a regular file" in diagnostics[0].message


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_symlink_to_dev_zero_is_refused_without_reading(tmp_path: Path) -> None:
    (tmp_path / "zero.yaml").symlink_to("/dev/zero")
    assert [d.code for d in check_scenario_file(tmp_path / "zero.yaml")[1]] == ["RP005"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_fifo_catalogue_is_reported(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "techniques.yaml")
    (tmp_path / "tiny.yaml").write_text(TINY, encoding="utf-8")
    diagnostics = check_scenario_file(tmp_path / "tiny.yaml")[1]
    assert "RP005" in {d.code for d in diagnostics}


def test_compressed_bomb_png_header_is_enough(tmp_path: Path) -> None:
    """A valid, tiny PNG declaring 30000 x 30000 pixels (zlib makes the data small)."""
    rows = zlib.compress(b"\0" * 3001 * 10)
    data = png_header(30_000, 30_000) + struct.pack(">I", len(rows)) + b"IDAT" + rows
    (tmp_path / "bomb.png").write_bytes(data)
    assert _check(tmp_path, _with_background("bomb.png")) == ["RP042"]
