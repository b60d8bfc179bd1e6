"""Render every SVG under assets/ with pygame-ce's nanosvg loader and build contact sheets.

Usage: ``python tools/art/check_render.py [--out /tmp] [--assets assets]``

Each SVG is loaded with ``pygame.image.load_sized_svg`` exactly as the game does. Portraits
(``characters/<id>/<expression>.svg``) go on ``contact_characters.png``: one row per
character, one column per expression, over a mid-grey checker so transparency shows.
Backgrounds go on ``contact_backgrounds.png`` and other SVGs on ``contact_other.png``. The
script also renders icon.svg to ``assets/ui/icon.png`` (64x64). It exits non-zero when a file
fails to load, renders (nearly) empty, or breaks a background's size budget.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame

ASSETS = Path(__file__).resolve().parents[2] / "assets"
PORTRAIT_SIZE = (300, 400)
BACKGROUND_SIZE = (960, 540)
BACKGROUND_MAX_BYTES = 60_000
LABEL_H = 22


def checker(size: tuple[int, int], cell: int = 16) -> pygame.Surface:
    """A grey checkerboard that makes transparent areas visible."""
    surf = pygame.Surface(size)
    surf.fill((150, 150, 156))
    for y in range(0, size[1], cell):
        for x in range((y // cell) % 2 * cell, size[0], cell * 2):
            surf.fill((170, 170, 176), (x, y, cell, cell))
    return surf


def load(path: Path, size: tuple[int, int], problems: list[str]) -> pygame.Surface:
    """Load one SVG at ``size``, recording problems instead of raising."""
    try:
        surf: pygame.Surface = pygame.image.load_sized_svg(str(path), size)
    except (pygame.error, OSError) as exc:
        problems.append(f"{path}: failed to load: {exc}")
        return pygame.Surface(size, pygame.SRCALPHA)
    bounds = surf.get_bounding_rect()
    if bounds.width * bounds.height < size[0] * size[1] * 0.05:
        problems.append(f"{path}: renders almost empty ({bounds})")
    return surf


def sheet(
    rows: list[tuple[str, list[tuple[str, pygame.Surface]]]],
    cell: tuple[int, int],
    font: pygame.font.Font,
) -> pygame.Surface:
    """Lay out labelled cells in rows on a checkerboard."""
    cols = max((len(items) for _, items in rows), default=1)
    width = cols * (cell[0] + 8) + 8
    height = len(rows) * (cell[1] + LABEL_H + 8) + 8
    out = checker((width, max(height, 32)))
    for r, (row_label, items) in enumerate(rows):
        y = 8 + r * (cell[1] + LABEL_H + 8)
        for c, (label, surf) in enumerate(items):
            x = 8 + c * (cell[0] + 8)
            out.blit(surf, (x, y + LABEL_H))
            text = font.render(f"{row_label} / {label}" if row_label else label, True, (20, 20, 24))
            out.blit(text, (x + 2, y + 2))
    return out


def main(argv: list[str] | None = None) -> int:
    """Render all SVGs, write the contact sheets and report problems."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--assets", type=Path, default=ASSETS)
    parser.add_argument("--out", type=Path, default=Path("/tmp"))
    parser.add_argument("--scale", type=float, default=1.0, help="scale portrait cells")
    args = parser.parse_args(argv)
    assets: Path = args.assets
    pygame.display.init()
    pygame.font.init()
    font_path = assets / "fonts" / "AtkinsonHyperlegible-Bold.ttf"
    font = pygame.font.Font(str(font_path) if font_path.exists() else None, 16)
    problems: list[str] = []
    psize = (round(PORTRAIT_SIZE[0] * args.scale), round(PORTRAIT_SIZE[1] * args.scale))

    char_rows = []
    for folder in sorted((assets / "characters").glob("*")):
        if folder.is_dir():
            items = [(p.stem, load(p, psize, problems)) for p in sorted(folder.glob("*.svg"))]
            char_rows.append((folder.name, items))
    bg_items = []
    for p in sorted((assets / "backgrounds").glob("*.svg")):
        bg_items.append((p.stem, load(p, BACKGROUND_SIZE, problems)))
        if p.stat().st_size > BACKGROUND_MAX_BYTES:
            problems.append(f"{p}: {p.stat().st_size} bytes is over the size budget")
    other = [
        p
        for p in sorted(assets.rglob("*.svg"))
        if not p.is_relative_to(assets / "characters")
        and not p.is_relative_to(assets / "backgrounds")
    ]
    other_items = [(p.name, load(p, (256, 256), problems)) for p in other]

    args.out.mkdir(parents=True, exist_ok=True)
    if char_rows:
        pygame.image.save(sheet(char_rows, psize, font), str(args.out / "contact_characters.png"))
    if bg_items:
        rows = [("", bg_items[i : i + 2]) for i in range(0, len(bg_items), 2)]
        pygame.image.save(
            sheet(rows, BACKGROUND_SIZE, font), str(args.out / "contact_backgrounds.png")
        )
    if other_items:
        pygame.image.save(
            sheet([("", other_items)], (256, 256), font), str(args.out / "contact_other.png")
        )
    icon = assets / "ui" / "icon.svg"
    if icon.exists():
        pygame.image.save(load(icon, (64, 64), problems), str(assets / "ui" / "icon.png"))

    count = sum(len(i) for _, i in char_rows) + len(bg_items) + len(other_items)
    print(f"rendered {count} SVG files; contact sheets in {args.out}")
    for problem in problems:
        print("PROBLEM:", problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
