"""Tiny helpers for writing SVG that pygame-ce's nanosvg renderer draws faithfully.

Only plain presentation attributes are emitted (no CSS, filters, masks, clip paths, text or
<use>), numbers are rounded so the output is deterministic and compact, and colours are
handled as ``#rrggbb`` strings.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

Point = tuple[float, float]


def num(value: float) -> str:
    """Format a number compactly with at most one decimal place."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def attrs(**kwargs: object) -> str:
    """Render keyword arguments as SVG attributes; ``_`` becomes ``-`` and None is skipped."""
    parts = []
    for key, value in kwargs.items():
        if value is None:
            continue
        name = key.rstrip("_").replace("_", "-")
        text = num(value) if isinstance(value, float) else str(value)
        parts.append(f'{name}="{text}"')
    return " ".join(parts)


def el(tag: str, **kwargs: object) -> str:
    """Return a self-closing SVG element."""
    return f"<{tag} {attrs(**kwargs)}/>"


def path(d: str, fill: str = "none", **kwargs: object) -> str:
    """Return a <path> element."""
    return el("path", d=" ".join(d.split()), fill=fill, **kwargs)


def stroke(d: str, color: str, width: float, **kwargs: object) -> str:
    """Return an unfilled, round-capped stroked path."""
    return el(
        "path",
        d=" ".join(d.split()),
        fill="none",
        stroke=color,
        stroke_width=float(width),
        stroke_linecap="round",
        stroke_linejoin="round",
        **kwargs,
    )


def rect(x: float, y: float, w: float, h: float, fill: str, **kwargs: object) -> str:
    """Return a <rect> element."""
    return el("rect", x=float(x), y=float(y), width=float(w), height=float(h), fill=fill, **kwargs)


def circle(cx: float, cy: float, r: float, fill: str, **kwargs: object) -> str:
    """Return a <circle> element."""
    return el("circle", cx=float(cx), cy=float(cy), r=float(r), fill=fill, **kwargs)


def ellipse(cx: float, cy: float, rx: float, ry: float, fill: str, **kwargs: object) -> str:
    """Return an <ellipse> element."""
    return el(
        "ellipse", cx=float(cx), cy=float(cy), rx=float(rx), ry=float(ry), fill=fill, **kwargs
    )


def polygon(points: Iterable[Point], fill: str, **kwargs: object) -> str:
    """Return a closed path through the given points."""
    pts = list(points)
    d = "M " + " L ".join(f"{num(x)} {num(y)}" for x, y in pts) + " Z"
    return path(d, fill=fill, **kwargs)


def group(children: Iterable[str], **kwargs: object) -> str:
    """Wrap elements in a <g>, with optional attributes such as ``transform``."""
    body = "".join(children)
    head = f"<g {attrs(**kwargs)}>" if kwargs else "<g>"
    return f"{head}{body}</g>"


def linear_gradient(
    gid: str, stops: Sequence[tuple[float, str]], x1: float, y1: float, x2: float, y2: float
) -> str:
    """Return a <linearGradient> in user space coordinates."""
    inner = "".join(el("stop", offset=float(offset), stop_color=color) for offset, color in stops)
    head = attrs(
        id=gid,
        gradientUnits="userSpaceOnUse",
        x1=float(x1),
        y1=float(y1),
        x2=float(x2),
        y2=float(y2),
    )
    return f"<linearGradient {head}>{inner}</linearGradient>"


def radial_gradient(
    gid: str, stops: Sequence[tuple[float, str, float]], cx: float, cy: float, r: float
) -> str:
    """Return a <radialGradient> in user space; each stop is (offset, colour, opacity)."""
    inner = "".join(
        el("stop", offset=float(offset), stop_color=color, stop_opacity=float(opacity))
        for offset, color, opacity in stops
    )
    head = attrs(id=gid, gradientUnits="userSpaceOnUse", cx=float(cx), cy=float(cy), r=float(r))
    return f"<radialGradient {head}>{inner}</radialGradient>"


def document(width: int, height: int, body: Iterable[str], defs: Iterable[str] = ()) -> str:
    """Wrap elements in a complete SVG document with the given viewBox size."""
    defs_text = "".join(defs)
    defs_block = f"<defs>{defs_text}</defs>" if defs_text else ""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}">{defs_block}' + "\n".join(body) + "</svg>\n"
    )


def _rgb(color: str) -> tuple[int, int, int]:
    value = color.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _hex(rgb: Sequence[float]) -> str:
    return "#" + "".join(f"{max(0, min(255, round(c))):02x}" for c in rgb)


def mix(a: str, b: str, t: float) -> str:
    """Blend colour ``a`` towards ``b`` by fraction ``t``."""
    ra, rb = _rgb(a), _rgb(b)
    return _hex([ca + (cb - ca) * t for ca, cb in zip(ra, rb, strict=True)])


def darken(color: str, amount: float) -> str:
    """Blend a colour towards black."""
    return mix(color, "#000000", amount)


def lighten(color: str, amount: float) -> str:
    """Blend a colour towards white."""
    return mix(color, "#ffffff", amount)


def ellipse_points(cx: float, cy: float, rx: float, ry: float, n: int = 28) -> list[Point]:
    """Sample ``n`` points clockwise around an ellipse, starting at the left end."""
    return [
        (cx - rx * math.cos(2 * math.pi * i / n), cy - ry * math.sin(2 * math.pi * i / n))
        for i in range(n)
    ]
