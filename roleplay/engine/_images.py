"""Image sizes read from file headers, so an oversized picture is refused before it is decoded.

A 2.6 MB PNG can hold 30000 x 30000 pixels (3.6 GB once decoded). The width and height are in
the first bytes of every format the game loads: PNG, JPEG, GIF, BMP and WebP headers, and the
``width``/``height``/``viewBox`` of an SVG's root element. ``validate`` checks them (RP042) and
the game checks them again right before loading a picture.
"""

from __future__ import annotations

import math
import re
import struct
from pathlib import Path

from roleplay.engine._files import FileProblem, file_size, read_head

#: Widest or tallest picture, in pixels.
MAX_IMAGE_SIDE = 8192
#: Most pixels in one picture (8192 x 4096: 128 MB once decoded).
MAX_IMAGE_PIXELS = 8192 * 4096
#: Largest picture file (PNG, JPEG, GIF, BMP, WebP).
MAX_IMAGE_BYTES = 16 * 1024 * 1024
#: Largest SVG file (SVGs are drawn, and drawing millions of shapes takes long).
MAX_SVG_BYTES = 2 * 1024 * 1024
#: How much of a file is read to find its size (a JPEG's size can follow its EXIF block).
HEAD_BYTES = 256 * 1024

_SVG_ROOT = re.compile(rb"<svg\b([^>]*)>", re.S)
_ATTRIBUTE = re.compile(rb"""\b(width|height|viewBox)\s*=\s*["']([^"']*)["']""")
_LENGTH = re.compile(
    rb"^\s*([0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*(px|pt|pc|mm|cm|in|em|ex|%)?\s*$"
)
_UNITS = {b"px": 1.0, b"pt": 4 / 3, b"pc": 16.0, b"mm": 96 / 25.4, b"cm": 96 / 2.54, b"in": 96.0}
_UNITS.update({b"em": 16.0, b"ex": 8.0, b"": 1.0})
_SOF = frozenset({*range(0xC0, 0xC4), *range(0xC5, 0xC8), *range(0xC9, 0xCC), *range(0xCD, 0xD0)})


class ImageProblem(Exception):
    """Why a picture may not be used, in plain words."""


def image_size(head: bytes) -> tuple[bool, tuple[int, int] | None]:
    """Whether the file starting with ``head`` is an SVG, and its width and height in pixels
    (None for an SVG that declares no size).

    Raises ImageProblem when it is not a picture the game knows or its header is damaged.
    """
    for reader in (_png, _gif, _bmp, _webp, _jpeg):
        size = reader(head)
        if size is not None:
            return False, size
    if _SVG_ROOT.search(head):
        return True, _svg(head)
    raise ImageProblem("not a PNG, JPEG, GIF, BMP, WebP or SVG picture")


def image_problem(path: Path | str) -> str | None:
    """Why the picture at ``path`` may not be loaded (too large, unreadable), or None."""
    try:
        head = read_head(path, HEAD_BYTES)
        length = file_size(path)
        is_svg, size = image_size(head)
    except FileProblem as problem:
        return problem.message
    except ImageProblem as problem:
        return str(problem)
    limit = MAX_SVG_BYTES if is_svg else MAX_IMAGE_BYTES
    if length > limit:
        return f"the file is larger than {limit // (1024 * 1024)} MB"
    if size is None:
        return None
    width, height = size
    if width < 1 or height < 1:
        return f"the picture declares an empty size ({width} x {height})"
    if max(width, height) > MAX_IMAGE_SIDE or width * height > MAX_IMAGE_PIXELS:
        return (
            f"the picture is {width:,} x {height:,} pixels; pictures are at most "
            f"{MAX_IMAGE_SIDE:,} pixels on a side and {MAX_IMAGE_PIXELS / 1e6:.1f} megapixels"
        )
    return None


def _png(head: bytes) -> tuple[int, int] | None:
    if head[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    if head[12:16] != b"IHDR" or len(head) < 24:
        raise ImageProblem("a PNG without its header (IHDR)")
    width, height = struct.unpack(">II", head[16:24])
    return int(width), int(height)


def _gif(head: bytes) -> tuple[int, int] | None:
    if head[:6] not in (b"GIF87a", b"GIF89a") or len(head) < 10:
        return None
    width, height = struct.unpack("<HH", head[6:10])
    return int(width), int(height)


def _bmp(head: bytes) -> tuple[int, int] | None:
    if head[:2] != b"BM" or len(head) < 26:
        return None
    width, height = struct.unpack("<ii", head[18:26])
    return abs(int(width)), abs(int(height))


def _webp(head: bytes) -> tuple[int, int] | None:
    if head[:4] != b"RIFF" or head[8:12] != b"WEBP" or len(head) < 30:
        return None
    kind = head[12:16]
    if kind == b"VP8X":
        width = int.from_bytes(head[24:27], "little") + 1
        return width, int.from_bytes(head[27:30], "little") + 1
    if kind == b"VP8L":
        bits = int.from_bytes(head[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if kind == b"VP8 ":
        width, height = struct.unpack("<HH", head[26:30])
        return int(width) & 0x3FFF, int(height) & 0x3FFF
    raise ImageProblem("a WebP picture of an unknown kind")


def _jpeg(head: bytes) -> tuple[int, int] | None:
    if head[:2] != b"\xff\xd8":
        return None
    index = 2
    while index + 9 < len(head):
        if head[index] != 0xFF:
            raise ImageProblem("a damaged JPEG picture")
        marker = head[index + 1]
        if marker == 0xFF:  # fill byte
            index += 1
            continue
        if marker in (0x01, *range(0xD0, 0xD8)):  # markers without a length
            index += 2
            continue
        if marker in _SOF:
            height, width = struct.unpack(">HH", head[index + 5 : index + 9])
            return int(width), int(height)
        index += 2 + int.from_bytes(head[index + 2 : index + 4], "big")
    raise ImageProblem(f"a JPEG picture whose size is not in its first {HEAD_BYTES // 1024} kB")


def _svg(head: bytes) -> tuple[int, int] | None:
    match = _SVG_ROOT.search(head)
    assert match is not None
    attributes = {name: value for name, value in _ATTRIBUTE.findall(match.group(1))}
    width = _length(attributes.get(b"width"))
    height = _length(attributes.get(b"height"))
    box = _view_box(attributes.get(b"viewBox"))
    if width is None or height is None:
        if box is None:
            return None
        width = box[0] if width is None else width
        height = box[1] if height is None else height
    if not (math.isfinite(width) and math.isfinite(height)):
        raise ImageProblem("an SVG size that is not a number")
    return round(width), round(height)


def _length(raw: bytes | None) -> float | None:
    if raw is None:
        return None
    match = _LENGTH.match(raw)
    if match is None:
        raise ImageProblem(f"an SVG size that cannot be read ({raw[:30].decode('latin-1')})")
    if match.group(2) == b"%":
        return None
    return float(match.group(1)) * _UNITS[match.group(2) or b""]


def _view_box(raw: bytes | None) -> tuple[float, float] | None:
    if raw is None:
        return None
    parts = raw.replace(b",", b" ").split()
    try:
        width, height = float(parts[2]), float(parts[3])
    except (IndexError, ValueError):
        raise ImageProblem("an SVG viewBox that cannot be read") from None
    return width, height
