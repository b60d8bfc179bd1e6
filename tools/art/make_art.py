"""Generate the game's original SVG art: character portraits, backgrounds and the app icon.

Run from anywhere with ``python tools/art/make_art.py``; files are written under the
repository's ``assets/`` folder. The output is deterministic, so rerunning only changes
files whose generator code changed. Only the Python standard library is used.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from backgrounds import BACKGROUNDS, icon
from portraits import CAST, EXPRESSIONS, portrait

ASSETS = Path(__file__).resolve().parents[2] / "assets"


def write(path: Path, text: str) -> bool:
    """Write ``text`` to ``path`` if it differs; return True when the file changed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.write_text(text, encoding="utf-8")
    return True


def main(argv: list[str] | None = None) -> int:
    """Generate every asset (or only those whose id contains ``--only``)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--assets", type=Path, default=ASSETS, help="output assets folder")
    parser.add_argument("--only", default="", help="generate only ids containing this text")
    args = parser.parse_args(argv)
    out: Path = args.assets
    changed = total = 0
    for character in CAST:
        if args.only not in character.cid:
            continue
        for expression in EXPRESSIONS:
            target = out / "characters" / character.cid / f"{expression}.svg"
            changed += write(target, portrait(character, expression))
            total += 1
    for bg_id, make in BACKGROUNDS.items():
        if args.only not in bg_id:
            continue
        changed += write(out / "backgrounds" / f"{bg_id}.svg", make())
        total += 1
    if args.only in "icon":
        changed += write(out / "ui" / "icon.svg", icon())
        total += 1
    print(f"{total} files generated, {changed} changed, under {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
