"""SVG pictures rasterised once per size and kept as PNG files in the user's cache folder.

Rasterising the backgrounds and portraits a scene opens with is a sizeable part of the wait
before the first frame (a full-window background takes 20-30 ms, a portrait 4 ms); decoding the
same pixels from a PNG takes a third of that. A picture is keyed by the SHA-256 of the very SVG
bytes it was rendered from, the size, the fit, the pygame and SDL versions and this layout, so an
edited picture, a new window size or another renderer is simply another key: nothing stale is
ever shown. Files are written atomically; an unreadable, corrupt or odd-sized file is ignored
and written again; the folder keeps the newest :data:`MAX_FILES` pictures. A cache that cannot
be read or written (a read-only or full disk) only means rasterising again.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import math
from pathlib import Path

import pygame

LAYOUT = 1
MAX_FILES = 400  # about 30 MB of PNGs at most: full-window backgrounds are the large ones
MAX_PNG_BYTES = 32 * 1024 * 1024
MAX_SVG_BYTES = 2 * 1024 * 1024  # the engine refuses larger SVGs (image_problem) anyway
_SWEEP_EVERY = 25  # writes between sweeps of the folder

_writes = 0


def cache_dir() -> Path:
    """The folder of cached pictures (not created here), in the user's cache folder."""
    from roleplay.gui.storage import cache_dir as user_cache_dir

    return user_cache_dir() / "images"


def svg_surface(path: Path, size: tuple[int, int], fit: str) -> pygame.Surface | None:
    """The SVG at ``path`` rasterised to ``size`` ("contain": its own aspect inside; "cover":
    filling and cropped), from the cache when it was rendered before; None when unreadable."""
    from roleplay import FileProblem, read_bounded

    try:
        svg = read_bounded(path, MAX_SVG_BYTES)
    except FileProblem:
        return None
    entry = cache_dir() / f"{_key(svg, size, fit)}.png"
    cached = _read_png(entry, size, fit)
    if cached is not None:
        return cached
    try:
        surface = _rasterise(svg, size, fit)
    except (pygame.error, ValueError):
        return None
    _write_png(entry, surface)
    return surface


def _key(svg: bytes, size: tuple[int, int], fit: str) -> str:
    digest = hashlib.sha256(svg)
    digest.update(
        f"|{size}|{fit}|{pygame.version.ver}|{pygame.get_sdl_version()}|{LAYOUT}".encode()
    )
    return digest.hexdigest()[:40]


def _rasterise(svg: bytes, size: tuple[int, int], fit: str) -> pygame.Surface:
    width, height = size
    if fit != "cover":
        return pygame.image.load_sized_svg(io.BytesIO(svg), (width, height)).convert_alpha()
    aspect = _aspect(svg) or width / height
    if aspect >= width / height:
        render = (math.ceil(height * aspect), height)
    else:
        render = (width, math.ceil(width / aspect))
    image = pygame.image.load_sized_svg(io.BytesIO(svg), render).convert()
    crop = pygame.Rect(0, 0, width, height)
    crop.center = image.get_rect().center
    return image.subsurface(crop.clip(image.get_rect())).copy()


def _aspect(svg: bytes) -> float | None:
    from roleplay.gui.resources import svg_aspect_of

    return svg_aspect_of(svg[:4096])


def _read_png(entry: Path, size: tuple[int, int], fit: str) -> pygame.Surface | None:
    """The cached picture, or None when there is none that can be trusted."""
    from roleplay import FileProblem, read_bounded

    if not entry.is_file():
        return None
    try:
        data = read_bounded(entry, MAX_PNG_BYTES)
        image = pygame.image.load(io.BytesIO(data), "cached.png")
    except (FileProblem, pygame.error, OSError, ValueError):
        _remove(entry)  # unreadable or corrupt: rendered and written again
        return None
    if not _fits(image.get_size(), size, fit):
        _remove(entry)
        return None
    return image.convert() if fit == "cover" else image.convert_alpha()


def _fits(got: tuple[int, int], size: tuple[int, int], fit: str) -> bool:
    """Whether a picture of size ``got`` is one rasterised for ``size`` with ``fit``: exactly
    that size when it covers; when it keeps its own aspect, inside it and touching two sides
    (give or take the pixel the rasteriser rounds to)."""
    if fit == "cover":
        return got == size
    inside = got[0] <= size[0] + 1 and got[1] <= size[1] + 1
    return inside and (abs(got[0] - size[0]) <= 1 or abs(got[1] - size[1]) <= 1)


def _write_png(entry: Path, surface: pygame.Surface) -> None:
    """Keep ``surface`` for the next start; a cache that cannot be written is not used."""
    global _writes
    from roleplay import write_bytes_atomic
    from roleplay.gui.resources import encode_png

    try:
        write_bytes_atomic(entry, encode_png(surface), durable=False)  # checked when read
    except (OSError, pygame.error):
        return
    _writes += 1
    if _writes % _SWEEP_EVERY == 1:
        sweep(entry.parent)


def sweep(folder: Path, keep: int = MAX_FILES) -> int:
    """Remove all but the ``keep`` newest cached pictures in ``folder`` (and the temp files of
    writes that were killed); return how many pictures went."""
    from roleplay import sweep_temp_files

    with contextlib.suppress(OSError):
        sweep_temp_files(folder)
        files = [(p.stat().st_mtime, p) for p in folder.glob("*.png") if p.is_file()]
        files.sort(reverse=True)
        for _mtime, path in files[keep:]:
            _remove(path)
        return max(len(files) - keep, 0)
    return 0


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()
