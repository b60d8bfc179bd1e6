"""docs/techniques.md and docs/art.md list exactly what a scenario may use, and stay current."""

from __future__ import annotations

import re
from pathlib import Path

from roleplay.authoring._reference import assets_markdown
from roleplay.engine._loader import load_techniques
from roleplay.engine._paths import assets_dir, shipped_scenarios_dir
from tests.conftest import ROOT
from tests.toolkit.conftest import Cli

DOCS = ROOT / "docs"


def test_techniques_doc_is_what_the_command_writes(cli: Cli) -> None:
    result = cli("techniques")
    assert result.code == 0
    assert result.out == (DOCS / "techniques.md").read_text(encoding="utf-8"), (
        "docs/techniques.md is stale: run roleplay techniques -o docs/techniques.md"
    )


def test_techniques_doc_lists_every_technique_with_family_and_ethics() -> None:
    techniques, problems = load_techniques(shipped_scenarios_dir())
    assert not problems
    text = (DOCS / "techniques.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| `(\w+)` \| .*? \| (yes|no) \|", text, flags=re.M))
    assert set(rows) == set(techniques)
    sections = re.split(r"^## ", text, flags=re.M)[1:]
    for technique_id, technique in techniques.items():
        assert rows[technique_id] == ("yes" if technique.ethical else "no")
        section = next(s for s in sections if f"`{technique_id}`" in s)
        assert section.startswith(technique.family)
        assert " ".join(technique.explanation.split()) in section


def test_art_doc_is_what_the_command_writes() -> None:
    expected = assets_markdown(DOCS)
    assert (DOCS / "art.md").read_text(encoding="utf-8") == expected, (
        "docs/art.md is stale: run roleplay assets -o docs/art.md"
    )


def test_assets_written_anywhere_link_to_real_images(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "notes" / "art.md"
    target.parent.mkdir()
    assert cli("assets", "-o", str(target)).code == 0
    sources = re.findall(r'<img src="([^"]+)"', target.read_text(encoding="utf-8"))
    assert len(sources) > 60
    assert all((target.parent / source).resolve().is_file() for source in sources)


def test_art_doc_shows_every_portrait_and_background_file() -> None:
    text = (DOCS / "art.md").read_text(encoding="utf-8")
    shown = set(re.findall(r'<img src="\.\./assets/([^"]+)"', text))
    root = assets_dir()
    files = {
        p.relative_to(root).as_posix()
        for folder in ("characters", "backgrounds")
        for p in (root / folder).rglob("*.svg")
    }
    assert shown == files
    for relative in shown:
        assert (DOCS / ".." / "assets" / relative).is_file()


def test_art_doc_names_who_each_portrait_is(cli: Cli, tmp_path: Path) -> None:
    text = cli("assets").out
    assert "Jo Lindqvist (Support team lead)" in text
    assert "`expressions: [neutral, annoyed, concerned, pleased, skeptical]`" in text
