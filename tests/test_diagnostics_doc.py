"""Every diagnostic code is documented in docs/diagnostics.md with an example that produces it."""

from __future__ import annotations

import re
import struct
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from roleplay import CODES, check_scenario_file
from roleplay.engine._diagnostics import DESCRIPTORS
from tests.conftest import ROOT, TINY

DOC = (ROOT / "docs" / "diagnostics.md").read_text(encoding="utf-8")
EXAMPLES = dict(re.findall(r"```yaml (RP\d{3})\n(.*?)```", DOC, flags=re.S))


def _too_large() -> bytes:
    return b"# padding\n" * 1_700_000


def _too_deep() -> bytes:
    return b"x: " + b"[" * 30_000 + b"]" * 30_000 + b"\n"


def _alias_bomb() -> bytes:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 9):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    return ("\n".join(lines) + "\n").encode()


def _binary() -> bytes:
    return bytes(range(256)) * 4


def _many_lines() -> bytes:
    return b"#\n" * 400_001


def _many_values() -> bytes:
    return b"x: [" + b"a," * 800_001 + b"]\n"


def _long_text() -> bytes:
    return b"title: " + b"x" * 20_001 + b"\n"


GENERATED: dict[str, Callable[[], bytes]] = {
    "RP002": _too_large,
    "RP003": _too_deep,
    "RP004": _alias_bomb,
    "RP005": _binary,
    "RP008": _many_lines,
    "RP009": _many_values,
    "RP015": _long_text,
}


def png_header(width: int, height: int) -> bytes:
    """The first bytes of a PNG declaring ``width`` x ``height`` (all a size check reads)."""
    ihdr = b"IHDR" + struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    crc = struct.pack(">I", zlib.crc32(ihdr) & 0xFFFFFFFF)
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + ihdr + crc


GUIDE = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
TABLE = re.findall(r"^\| \[(RP\d{3})\]\(#(rp\d{3})\) \| (\w+) \| (.+?) \|$", DOC, flags=re.M)


def _github_anchor(heading: str) -> str:
    """The anchor GitHub gives a Markdown heading."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def test_the_table_lists_every_registered_code_as_declared() -> None:
    """One row per code, loading and lint alike, with the registry's severity and title."""
    rows = [(code, severity, title) for code, _anchor, severity, title in TABLE]
    declared = [(c, d.severity, d.title) for c, d in DESCRIPTORS.items()]
    assert rows == declared
    assert set(CODES) == set(DESCRIPTORS)


def test_every_code_has_a_section_where_its_descriptor_points() -> None:
    sections = re.findall(r"^## (RP\d{3})$", DOC, flags=re.M)
    assert sections == list(DESCRIPTORS)
    for code, descriptor in DESCRIPTORS.items():
        path, anchor = descriptor.doc.split("#")
        assert path == "docs/diagnostics.md" and anchor == code.lower()
        section = DOC.split(f"## {code}\n", 1)[1].split("\n## ", 1)[0]
        assert f"**{descriptor.title}**" in section, code


def test_lint_sections_link_to_their_example_in_the_guide() -> None:
    anchors = {_github_anchor(h) for h in re.findall(r"^#### (RP1\d{2} .*)$", GUIDE, flags=re.M)}
    for code in (c for c in DESCRIPTORS if c >= "RP100"):
        section = DOC.split(f"## {code}\n", 1)[1].split("\n## ", 1)[0]
        links = re.findall(r"\(authoring\.md#([^)]+)\)", section)
        assert links and links[0].startswith(code.lower()), code
        assert links[0] in anchors, f"{code} links to a heading the guide does not have"


@pytest.mark.parametrize("code", sorted(EXAMPLES))
def test_documented_example_produces_its_code(code: str, tmp_path: Path) -> None:
    path = tmp_path / "example.yaml"
    path.write_text(EXAMPLES[code], encoding="utf-8")
    _, diagnostics = check_scenario_file(path)
    assert code in {d.code for d in diagnostics}, [d.format() for d in diagnostics]


@pytest.mark.parametrize("code", sorted(GENERATED))
def test_generated_example_produces_its_code(code: str, tmp_path: Path) -> None:
    path = tmp_path / "hostile.yaml"
    path.write_bytes(GENERATED[code]())
    _, diagnostics = check_scenario_file(path)
    assert [d.code for d in diagnostics] == [code]


def test_oversized_background_is_rp042(tmp_path: Path) -> None:
    (tmp_path / "huge.png").write_bytes(png_header(30_000, 30_000))
    text = TINY.replace("characters:", "backgrounds:\n  office: huge.png\ncharacters:")
    path = tmp_path / "tiny.yaml"
    path.write_text(text, encoding="utf-8")
    _, diagnostics = check_scenario_file(path)
    assert [d.code for d in diagnostics] == ["RP042"]
    assert "30,000 x 30,000 pixels" in diagnostics[0].message


def test_broken_catalogue_is_rp050(tmp_path: Path) -> None:
    (tmp_path / "techniques.yaml").write_text("format: 1\ntechniques: nope\n", encoding="utf-8")
    path = tmp_path / "tiny.yaml"
    path.write_text(TINY, encoding="utf-8")
    _, diagnostics = check_scenario_file(path)
    assert "RP050" in {d.code for d in diagnostics}


def test_every_code_has_an_example_or_generator() -> None:
    """Loading codes here; lint codes by tests/toolkit/test_authoring_doc.py."""
    covered = set(EXAMPLES) | set(GENERATED) | {"RP042", "RP050"}
    covered |= set(re.findall(r"<!-- lint-example: (RP1\d{2})", GUIDE))
    assert covered == set(CODES)


LAYOUT_EXAMPLES = re.findall(r"```yaml layout\n(.*?)```\n\n```text\n(.*?)```", DOC, flags=re.S)


def test_there_are_layout_examples() -> None:
    assert len(LAYOUT_EXAMPLES) >= 4


@pytest.mark.parametrize(("source", "output"), LAYOUT_EXAMPLES)
def test_layout_example_gives_the_output_shown(source: str, output: str, tmp_path: Path) -> None:
    path = tmp_path / "scenario.yaml"
    path.write_text(source, encoding="utf-8")
    _, diagnostics = check_scenario_file(path, "scenario.yaml", use_cache=False)
    shown = "\n".join(d.format(with_snippet=True) for d in diagnostics)
    assert shown == output.rstrip("\n")
