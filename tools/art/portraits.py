"""Bust portraits of the cast, one SVG per character and expression.

Every portrait shares one 600x800 layout: the head is centred at x=300 with the eyes near
y=335, the neck below it and the shoulders filling the bottom edge. A character is a
:class:`Character` record naming its skin tone, hair style, clothing and accessories; an
expression is an :class:`Expression` record describing brows, eyelids, mouth and head tilt.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from svgkit import (
    Point,
    circle,
    darken,
    document,
    ellipse,
    ellipse_points,
    group,
    lighten,
    mix,
    path,
    polygon,
    rect,
    stroke,
)

WIDTH, HEIGHT = 600, 800
CX = 300.0
EYE_Y = 335.0
EYE_DX = 44.0
MOUTH_Y = 420.0
# Head tilts turn about the middle of the head, so the head stays where it is across
# expressions (turning about the chin swung the crown sideways by up to 25 px).
PIVOT = (300.0, 330.0)
HEAD_DY = 22.0

EXPRESSIONS = ("neutral", "pleased", "skeptical", "annoyed", "concerned")


@dataclass(frozen=True)
class Character:
    """Visual description of one cast member."""

    cid: str
    name: str
    skin: str
    hair: str
    hair_style: str
    clothing: str
    cloth: str
    cloth2: str = "#f2efe9"
    eyes: str = "#3b2a20"
    brow: str | None = None
    face_w: float = 106.0
    jaw_w: float = 66.0
    chin_y: float = 472.0
    shoulder: float = 210.0
    beard: str | None = None
    glasses: str | None = None
    earrings: str | None = None
    mature: bool = False
    accent: str = "#c9a227"
    extras: tuple[str, ...] = field(default_factory=tuple)

    @property
    def brow_color(self) -> str:
        """Eyebrow colour: explicit, or a darker shade of the hair."""
        return self.brow or darken(self.hair, 0.25)


@dataclass(frozen=True)
class Brow:
    """One eyebrow as inner/outer heights relative to the default line, plus arch."""

    inner: float
    outer: float
    arch: float


@dataclass(frozen=True)
class Eye:
    """Eyelid positions as fractions of the eye's half-height (negative is up)."""

    upper_inner: float = -0.8
    upper_outer: float = -0.8
    lower: float = 1.0
    smile: float = 0.0


@dataclass(frozen=True)
class Expression:
    """Facial configuration for one expression; left/right are as seen by the viewer."""

    brow_l: Brow
    brow_r: Brow
    eye_l: Eye
    eye_r: Eye
    mouth: str
    tilt: float = 0.0
    blush: float = 0.0
    look: float = 0.0


EXPR: dict[str, Expression] = {
    "neutral": Expression(
        Brow(0, 0, -5), Brow(0, 0, -5), Eye(), Eye(), "neutral", tilt=0.0, blush=0.08
    ),
    "pleased": Expression(
        Brow(-8, -6, -9),
        Brow(-8, -6, -9),
        Eye(smile=1.0),
        Eye(smile=1.0),
        "pleased",
        tilt=2.0,
        blush=0.22,
    ),
    "skeptical": Expression(
        Brow(-16, -14, -12),
        Brow(7, 3, -1),
        Eye(-0.9, -0.9),
        Eye(-0.15, -0.25, 0.8),
        "skeptical",
        tilt=-3.0,
        blush=0.05,
        look=5.0,
    ),
    "annoyed": Expression(
        Brow(13, -5, 1),
        Brow(13, -5, 1),
        Eye(-0.05, -0.45, 0.75),
        Eye(-0.05, -0.45, 0.75),
        "annoyed",
        tilt=0.0,
        blush=0.05,
    ),
    "concerned": Expression(
        Brow(-13, 6, -2),
        Brow(-13, 6, -2),
        Eye(-1.0, -0.6),
        Eye(-1.0, -0.6),
        "concerned",
        tilt=2.5,
        blush=0.05,
        look=-3.0,
    ),
}


# --------------------------------------------------------------------------- geometry


def face_path(c: Character) -> str:
    """Outline of the face: rounded cranium, cheeks and a jaw that narrows to the chin."""
    w, j, chin = c.face_w, c.jaw_w, c.chin_y
    top = 186.0
    r_x, l_x = CX + w, CX - w
    return (
        f"M {CX} {top} C {CX + 0.62 * w} {top} {r_x} {top + 46} {r_x} {top + 126}"
        f" C {r_x} {top + 196} {CX + j + 18} {chin - 44} {CX + j} {chin - 26}"
        f" C {CX + j - 16} {chin - 8} {CX + 24} {chin} {CX} {chin}"
        f" C {CX - 24} {chin} {CX - j + 16} {chin - 8} {CX - j} {chin - 26}"
        f" C {CX - j - 18} {chin - 44} {l_x} {top + 196} {l_x} {top + 126}"
        f" C {l_x} {top + 46} {CX - 0.62 * w} {top} {CX} {top} Z"
    )


def shoulders_path(s: float, top: float = 596.0) -> str:
    """Outline of the shoulders and chest filling the bottom of the canvas."""
    left, right = CX - s, CX + s
    return (
        f"M {left - 14} 800 C {left - 10} 712 {left + 8} 652 {left + 74} 626"
        f" C {left + 118} 608 {CX - 60} {top} {CX} {top}"
        f" C {CX + 60} {top} {right - 118} 608 {right - 74} 626"
        f" C {right - 8} 652 {right + 10} 712 {right + 14} 800 Z"
    )


def mirror(points: Sequence[Point]) -> list[Point]:
    """Mirror points about the vertical centre line."""
    return [(2 * CX - x, y) for x, y in points]


def curve(points: Sequence[Point]) -> str:
    """Smooth path through points (Catmull-Rom converted to cubic Béziers), not closed."""
    if len(points) < 2:
        return ""
    d = [f"M {points[0][0]:.1f} {points[0][1]:.1f}"]
    for i in range(len(points) - 1):
        p0 = points[i - 1] if i > 0 else points[i]
        p1, p2 = points[i], points[i + 1]
        p3 = points[i + 2] if i + 2 < len(points) else p2
        c1 = (p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6)
        c2 = (p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6)
        d.append(f"C {c1[0]:.1f} {c1[1]:.1f} {c2[0]:.1f} {c2[1]:.1f} {p2[0]:.1f} {p2[1]:.1f}")
    return " ".join(d)


def closed(points: Sequence[Point]) -> str:
    """Smooth closed path through points."""
    n = len(points)
    d = [f"M {points[0][0]:.1f} {points[0][1]:.1f}"]
    for i in range(n):
        p0, p1 = points[(i - 1) % n], points[i]
        p2, p3 = points[(i + 1) % n], points[(i + 2) % n]
        c1 = (p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6)
        c2 = (p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6)
        d.append(f"C {c1[0]:.1f} {c1[1]:.1f} {c2[0]:.1f} {c2[1]:.1f} {p2[0]:.1f} {p2[1]:.1f}")
    return " ".join(d) + " Z"


# --------------------------------------------------------------------------- hair


@dataclass
class Layers:
    """SVG fragments for each drawing layer of a portrait."""

    back: list[str] = field(default_factory=list)
    behind_neck: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    body_over: list[str] = field(default_factory=list)
    head_under: list[str] = field(default_factory=list)
    front: list[str] = field(default_factory=list)
    top: list[str] = field(default_factory=list)


def _texture_dots(
    c: Character,
    color: str,
    seed: int,
    region: Callable[[float, float], bool],
    r: float = 5.0,
    step: float = 16.0,
    opacity: float = 0.5,
) -> str:
    """Deterministic speckle of small circles inside ``region`` (used for hair texture)."""
    out = []
    y = 150.0
    row = 0
    while y < 480:
        x = 170.0 + (row % 2) * step / 2
        while x < 430:
            jitter = ((int(x) * 73 + int(y) * 37 + seed) % 9) - 4
            px, py = x + jitter, y + ((int(x) * 11 + seed) % 7) - 3
            if region(px, py):
                out.append(circle(px, py, r, color, opacity=opacity))
            x += step
        y += step * 0.85
        row += 1
    return "".join(out)


def hair_short_natural(c: Character, lay: Layers) -> None:
    """Close-cropped natural hair with grey flecks (Dana)."""
    shape = closed(
        [
            (190, 338),
            (186, 270),
            (206, 212),
            (252, 174),
            (300, 164),
            (348, 174),
            (394, 212),
            (414, 270),
            (410, 338),
            (398, 292),
            (372, 258),
            (332, 246),
            (300, 246),
            (268, 246),
            (228, 258),
            (202, 292),
        ]
    )
    lay.front.append(path(shape, fill=c.hair))

    def inside(x: float, y: float) -> bool:
        dx, dy = (x - 300) / 104, (y - 262) / 94
        hairline = 238 + ((x - 300) / 100) ** 2 * 46
        return dx * dx + dy * dy < 1 and y < hairline

    lay.front.append(_texture_dots(c, "#85858c", 3, inside, r=3.0, step=14, opacity=0.6))


def hair_receding(c: Character, lay: Layers) -> None:
    """Short greying hair with a high, receding hairline (Marcus)."""
    shape = closed(
        [
            (194, 352),
            (188, 284),
            (206, 224),
            (250, 188),
            (300, 178),
            (350, 188),
            (394, 224),
            (412, 284),
            (406, 352),
            (398, 304),
            (390, 260),
            (370, 228),
            (342, 204),
            (320, 208),
            (300, 214),
            (280, 208),
            (258, 204),
            (230, 228),
            (210, 260),
            (202, 304),
        ]
    )
    lay.front.append(path(shape, fill=c.hair))
    lay.front.append(
        stroke("M 216 262 C 224 236 240 220 256 210", lighten(c.hair, 0.25), 3, opacity=0.6)
    )


def hair_low_bun(c: Character, lay: Layers) -> None:
    """Long dark hair parted in the middle, gathered in a low bun (Priya)."""
    lay.back.append(ellipse(398, 446, 46, 42, darken(c.hair, 0.1)))
    lay.back.append(stroke("M 370 440 C 384 418 414 420 424 446", lighten(c.hair, 0.15), 4))
    lay.back.append(
        path(
            closed(
                [
                    (300, 170),
                    (400, 210),
                    (424, 320),
                    (414, 430),
                    (300, 470),
                    (186, 430),
                    (176, 320),
                    (200, 210),
                ]
            ),
            fill=c.hair,
        )
    )
    front = [
        (300, 174),
        (250, 180),
        (206, 214),
        (186, 280),
        (186, 360),
        (198, 420),
        (214, 412),
        (206, 350),
        (212, 282),
        (244, 230),
        (298, 206),
    ]
    lay.front.append(path(closed(front), fill=c.hair))
    lay.front.append(path(closed(mirror(front)), fill=c.hair))
    lay.front.append(
        stroke("M 258 196 C 232 210 214 240 206 290", lighten(c.hair, 0.18), 4, opacity=0.7)
    )
    lay.front.append(
        stroke("M 342 196 C 368 210 386 240 394 290", lighten(c.hair, 0.18), 4, opacity=0.7)
    )


def hair_side_part(c: Character, lay: Layers) -> None:
    """Short hair with a side part and a soft quiff (Tom, Ken)."""
    shape = closed(
        [
            (196, 340),
            (188, 272),
            (208, 212),
            (256, 176),
            (312, 168),
            (366, 180),
            (404, 220),
            (414, 284),
            (408, 340),
            (398, 296),
            (386, 262),
            (360, 246),
            (318, 240),
            (276, 244),
            (254, 232),
            (238, 248),
            (216, 272),
            (206, 304),
        ]
    )
    lay.front.append(path(shape, fill=c.hair))
    hi = lighten(c.hair, 0.22)
    lay.front.append(stroke("M 254 226 C 280 204 330 198 372 214", hi, 4, opacity=0.7))
    lay.front.append(
        stroke("M 250 232 C 248 214 252 198 262 186", darken(c.hair, 0.25), 3, opacity=0.7)
    )


def hair_bob(c: Character, lay: Layers) -> None:
    """Chin-length bob with a side-swept fringe (Jo)."""
    back: list[Point] = [
        (300, 162),
        (236, 172),
        (190, 216),
        (172, 290),
        (170, 380),
        (164, 450),
        (176, 484),
        (230, 482),
        (300, 470),
    ]
    back = back + list(reversed(mirror(back[1:-1])))
    lay.back.append(path(closed(back), fill=darken(c.hair, 0.12)))
    left = [
        (296, 168),
        (236, 178),
        (194, 222),
        (178, 296),
        (180, 390),
        (172, 462),
        (212, 482),
        (218, 440),
        (212, 380),
        (210, 320),
        (218, 280),
        (252, 252),
        (300, 240),
        (350, 228),
    ]
    lay.front.append(path(closed(left), fill=c.hair))
    right = [
        (300, 168),
        (362, 176),
        (406, 222),
        (422, 296),
        (420, 390),
        (428, 462),
        (392, 484),
        (384, 440),
        (390, 380),
        (394, 320),
        (392, 278),
        (372, 240),
        (330, 226),
    ]
    lay.front.append(path(closed(right), fill=c.hair))
    dk = darken(c.hair, 0.2)
    lay.front.append(stroke("M 206 300 C 200 360 198 420 196 466", dk, 3, opacity=0.5))
    lay.front.append(stroke("M 396 300 C 402 360 404 420 408 466", dk, 3, opacity=0.5))
    lay.front.append(
        stroke("M 262 240 C 290 214 330 204 372 212", lighten(c.hair, 0.3), 4, opacity=0.7)
    )


def hair_pixie(c: Character, lay: Layers) -> None:
    """Short silver pixie cut with a textured fringe (Ruth)."""
    shape = closed(
        [
            (194, 344),
            (186, 270),
            (208, 210),
            (258, 174),
            (310, 166),
            (366, 178),
            (406, 220),
            (416, 288),
            (408, 344),
            (398, 298),
            (388, 266),
            (362, 262),
            (338, 250),
            (312, 262),
            (284, 250),
            (258, 264),
            (232, 258),
            (212, 288),
            (204, 318),
        ]
    )
    lay.front.append(path(shape, fill=c.hair))
    dk = darken(c.hair, 0.2)
    for d in (
        "M 240 248 C 250 222 270 206 296 200",
        "M 290 246 C 300 222 322 206 348 204",
        "M 340 244 C 356 226 376 222 392 230",
        "M 214 280 C 216 250 226 232 242 222",
    ):
        lay.front.append(stroke(d, dk, 3, opacity=0.55))
    lay.front.append(
        stroke("M 262 190 C 292 176 336 176 366 192", lighten(c.hair, 0.45), 5, opacity=0.7)
    )


def hair_curly(c: Character, lay: Layers) -> None:
    """Dark curly hair built from overlapping curls (Sam)."""
    base = closed(
        [
            (196, 340),
            (186, 270),
            (208, 206),
            (258, 170),
            (300, 162),
            (342, 170),
            (392, 206),
            (414, 270),
            (404, 340),
            (394, 292),
            (370, 258),
            (300, 250),
            (230, 258),
            (206, 292),
        ]
    )
    lay.front.append(path(base, fill=c.hair))
    curls = [
        (200, 300, 20),
        (198, 262, 22),
        (214, 226, 24),
        (244, 196, 26),
        (280, 180, 26),
        (320, 178, 26),
        (356, 192, 26),
        (386, 222, 24),
        (402, 260, 22),
        (402, 300, 20),
        (236, 244, 20),
        (272, 236, 20),
        (308, 234, 20),
        (344, 238, 20),
        (374, 252, 18),
        (300, 156, 22),
        (260, 160, 20),
        (340, 160, 20),
    ]
    hi = lighten(c.hair, 0.14)
    for x, y, r in curls:
        lay.front.append(circle(x, y, r, c.hair))
        lay.front.append(
            stroke(
                f"M {x - r * 0.55} {y - r * 0.1} A {r * 0.6} {r * 0.6} 0 0 1 "
                f"{x + r * 0.35} {y - r * 0.45}",
                hi,
                3,
                opacity=0.8,
            )
        )


def hair_undercut(c: Character, lay: Layers) -> None:
    """Black undercut: faded sides, long swept top (Leo)."""
    side = [(199, 326), (196, 282), (206, 246), (226, 232), (224, 272), (216, 326)]
    fade = mix(c.hair, c.skin, 0.3)
    lay.front.append(path(closed(side), fill=fade))
    lay.front.append(path(closed(mirror(side)), fill=fade))
    top = [
        (212, 258),
        (206, 214),
        (232, 176),
        (282, 154),
        (340, 156),
        (386, 180),
        (404, 222),
        (396, 254),
        (372, 236),
        (340, 232),
        (306, 242),
        (270, 256),
        (240, 268),
    ]
    lay.front.append(path(closed(top), fill=c.hair))
    hi = lighten(c.hair, 0.25)
    lay.front.append(stroke("M 236 214 C 270 184 330 174 384 196", hi, 4, opacity=0.8))
    lay.front.append(stroke("M 250 240 C 286 214 336 206 380 220", hi, 3, opacity=0.6))


def hair_wavy_long(c: Character, lay: Layers) -> None:
    """Long red-auburn waves falling past the shoulders (Nadia)."""
    back = [
        (300, 160),
        (380, 172),
        (430, 226),
        (446, 310),
        (440, 380),
        (462, 440),
        (450, 500),
        (470, 560),
        (446, 620),
        (400, 640),
        (360, 610),
        (300, 600),
        (240, 610),
        (200, 640),
        (154, 620),
        (130, 560),
        (150, 500),
        (138, 440),
        (160, 380),
        (154, 310),
        (170, 226),
        (220, 172),
    ]
    lay.back.append(path(closed(back), fill=darken(c.hair, 0.1)))
    left = [
        (310, 168),
        (240, 176),
        (194, 222),
        (176, 300),
        (180, 380),
        (166, 440),
        (184, 500),
        (172, 560),
        (198, 612),
        (228, 600),
        (214, 548),
        (226, 496),
        (210, 440),
        (214, 380),
        (212, 310),
        (232, 258),
        (280, 230),
        (330, 212),
    ]
    lay.front.append(path(closed(left), fill=c.hair))
    right = [
        (316, 190),
        (368, 186),
        (408, 226),
        (424, 300),
        (420, 380),
        (434, 440),
        (418, 500),
        (430, 560),
        (404, 612),
        (374, 600),
        (388, 548),
        (376, 496),
        (392, 440),
        (388, 380),
        (390, 310),
        (376, 252),
    ]
    lay.front.append(path(closed(right), fill=c.hair))
    hi = lighten(c.hair, 0.2)
    for d in (
        "M 206 300 C 196 360 214 420 196 480 C 188 520 206 560 196 590",
        "M 398 300 C 408 360 392 420 410 480 C 418 520 400 560 410 590",
        "M 250 220 C 290 196 340 192 380 210",
    ):
        lay.front.append(stroke(d, hi, 4, opacity=0.7))


def hair_braids(c: Character, lay: Layers) -> None:
    """Long box braids pulled back and falling behind and over one shoulder (Grace)."""
    back = [
        (300, 162),
        (390, 178),
        (432, 240),
        (440, 330),
        (446, 470),
        (452, 600),
        (400, 620),
        (300, 600),
        (200, 620),
        (148, 600),
        (154, 470),
        (160, 330),
        (168, 240),
        (210, 178),
    ]
    lay.back.append(path(closed(back), fill=darken(c.hair, 0.05)))
    line = lighten(c.hair, 0.18)
    for x in (166, 184, 202, 398, 416, 434):
        lay.back.append(stroke(f"M {x} 330 L {x + (2 if x > 300 else -2)} 600", line, 3))
    cap = closed(
        [
            (194, 330),
            (188, 262),
            (214, 206),
            (260, 176),
            (300, 170),
            (340, 176),
            (386, 206),
            (412, 262),
            (406, 330),
            (396, 286),
            (376, 256),
            (338, 240),
            (300, 238),
            (262, 240),
            (224, 256),
            (204, 286),
        ]
    )
    lay.front.append(path(cap, fill=c.hair))
    for i in range(-4, 5):
        x0 = 300 + i * 21
        lay.front.append(
            stroke(
                f"M {x0} 240 C {x0 + i * 2} 214 {x0 + i * 4} 196 {x0 + i * 5} {184 + abs(i) * 4}",
                line,
                3,
                opacity=0.85,
            )
        )
    braid = [
        (384, 440),
        (404, 470),
        (412, 540),
        (404, 620),
        (396, 700),
        (404, 790),
        (376, 790),
        (370, 700),
        (378, 620),
        (384, 540),
        (378, 470),
        (362, 430),
    ]
    lay.body_over.append(path(closed(braid), fill=c.hair))
    for y in range(470, 790, 22):
        lay.body_over.append(stroke(f"M {380} {y} L {400} {y + 10}", line, 3))


def hair_swept_back(c: Character, lay: Layers) -> None:
    """Short salt-and-pepper hair brushed back (Victor)."""
    shape = closed(
        [
            (196, 346),
            (188, 276),
            (206, 214),
            (254, 176),
            (304, 168),
            (356, 176),
            (398, 214),
            (414, 280),
            (406, 346),
            (398, 304),
            (388, 270),
            (370, 246),
            (336, 236),
            (300, 236),
            (262, 238),
            (230, 248),
            (212, 272),
            (204, 306),
        ]
    )
    lay.front.append(path(shape, fill=c.hair))
    light = "#c9c5bf"
    for d in (
        "M 232 242 C 246 214 270 198 300 192",
        "M 300 234 C 310 212 330 198 360 196",
        "M 370 240 C 384 226 396 226 402 240",
        "M 262 236 C 274 214 296 204 322 200",
        "M 210 290 C 208 262 214 246 226 236",
        "M 392 290 C 396 264 392 250 384 240",
    ):
        lay.front.append(stroke(d, light, 4, opacity=0.75))


def hijab(c: Character, lay: Layers) -> None:
    """Hijab framing the face and draping over the shoulders (Aisha)."""
    main, inner = c.accent, darken(c.accent, 0.3)
    outer = [
        (300, 150),
        (384, 166),
        (436, 228),
        (446, 320),
        (436, 420),
        (416, 500),
        (380, 560),
        (300, 580),
        (220, 560),
        (184, 500),
        (164, 420),
        (154, 320),
        (164, 228),
        (216, 166),
    ]
    lay.head_under.append(path(closed(outer), fill=inner))
    drape = [
        (300, 530),
        (380, 546),
        (424, 600),
        (434, 670),
        (400, 714),
        (300, 730),
        (200, 714),
        (166, 670),
        (176, 600),
        (220, 546),
    ]
    lay.body_over.append(path(closed(drape), fill=main))
    lay.body_over.append(stroke("M 206 600 C 236 650 266 690 300 706", darken(main, 0.15), 4))
    lay.body_over.append(stroke("M 396 606 C 410 640 414 670 404 696", darken(main, 0.15), 4))
    hole = [
        (300, 214),
        (352, 222),
        (392, 262),
        (404, 330),
        (398, 400),
        (374, 452),
        (336, 484),
        (300, 492),
        (264, 484),
        (226, 452),
        (202, 400),
        (196, 330),
        (208, 262),
        (248, 222),
    ]
    frame = closed(outer) + " " + closed(list(reversed(hole)))
    lay.top.append(path(frame, fill=main, fill_rule="evenodd"))
    lay.top.append(
        stroke(
            curve(
                [(204, 320), (212, 262), (250, 226), (300, 218), (350, 226), (388, 262), (396, 320)]
            ),
            c.cloth2,
            9,
        )
    )
    lay.top.append(
        stroke("M 160 360 C 170 280 210 200 290 176", lighten(main, 0.15), 5, opacity=0.7)
    )
    lay.top.append(stroke("M 404 470 C 380 520 340 550 300 556", darken(main, 0.15), 4))


HAIR: dict[str, Callable[[Character, Layers], None]] = {
    "short_natural": hair_short_natural,
    "receding": hair_receding,
    "low_bun": hair_low_bun,
    "side_part": hair_side_part,
    "bob": hair_bob,
    "pixie": hair_pixie,
    "curly": hair_curly,
    "undercut": hair_undercut,
    "wavy_long": hair_wavy_long,
    "braids": hair_braids,
    "swept_back": hair_swept_back,
    "hijab": hijab,
}


# --------------------------------------------------------------------------- clothing


def _v_neck(depth: float, half: float, fill: str, top: float = 590.0) -> str:
    return polygon([(CX - half, top), (CX, top + depth), (CX + half, top)], fill)


def clothes_blazer(c: Character, lay: Layers) -> None:
    """Blazer over a top; ``cloth2`` is the top, ``extras`` may hold 'shirt_collar'."""
    lay.body.append(path(shoulders_path(c.shoulder), fill=c.cloth))
    lay.body.append(polygon([(238, 596), (300, 800), (362, 596)], c.cloth2))
    if "shirt_collar" in c.extras:
        lay.body.append(_v_neck(70, 34, c.skin, 588))
        col = darken(c.cloth2, 0.12)
        lay.body.append(
            polygon(
                [(258, 578), (300, 662), (278, 668), (246, 610)],
                c.cloth2,
                stroke=col,
                stroke_width=2.0,
            )
        )
        lay.body.append(
            polygon(
                [(342, 578), (300, 662), (322, 668), (354, 610)],
                c.cloth2,
                stroke=col,
                stroke_width=2.0,
            )
        )
    else:
        lay.body.append(path("M 262 594 C 276 636 324 636 338 594 Z", fill=c.skin))
    lapel = darken(c.cloth, 0.18)
    lay.body.append(
        polygon([(238, 596), (300, 800), (268, 706), (214, 654), (236, 640), (222, 618)], lapel)
    )
    lay.body.append(
        polygon([(362, 596), (300, 800), (332, 706), (386, 654), (364, 640), (378, 618)], lapel)
    )
    lay.body.append(stroke("M 150 680 C 160 720 164 760 166 800", darken(c.cloth, 0.12), 3))
    lay.body.append(stroke("M 450 680 C 440 720 436 760 434 800", darken(c.cloth, 0.12), 3))


def clothes_suit_tie(c: Character, lay: Layers) -> None:
    """Grey suit, white shirt and a tie (Marcus)."""
    lay.body.append(path(shoulders_path(c.shoulder), fill=c.cloth))
    lay.body.append(polygon([(240, 596), (300, 800), (360, 596)], c.cloth2))
    col = darken(c.cloth2, 0.15)
    lay.body.append(
        polygon(
            [(256, 578), (300, 628), (284, 650), (246, 606)], c.cloth2, stroke=col, stroke_width=2.0
        )
    )
    lay.body.append(
        polygon(
            [(344, 578), (300, 628), (316, 650), (354, 606)], c.cloth2, stroke=col, stroke_width=2.0
        )
    )
    tie = c.accent
    lay.body.append(polygon([(288, 626), (312, 626), (308, 650), (292, 650)], darken(tie, 0.1)))
    lay.body.append(polygon([(292, 650), (308, 650), (320, 770), (300, 800), (280, 770)], tie))
    lay.body.append(stroke("M 296 690 L 316 676 M 290 730 L 318 710", lighten(tie, 0.2), 3))
    lapel = darken(c.cloth, 0.18)
    lay.body.append(
        polygon([(240, 596), (300, 800), (270, 706), (216, 654), (238, 640), (224, 618)], lapel)
    )
    lay.body.append(
        polygon([(360, 596), (300, 800), (330, 706), (384, 654), (362, 640), (376, 618)], lapel)
    )


def clothes_scoop_top(c: Character, lay: Layers) -> None:
    """Plain top with a scoop neckline and a fine necklace (Priya)."""
    lay.body.append(path(shoulders_path(c.shoulder), fill=c.cloth))
    lay.body.append(path("M 240 596 C 254 672 346 672 360 596 Z", fill=c.skin))
    lay.body.append(stroke("M 240 597 C 254 672 346 672 360 597", darken(c.cloth, 0.15), 5))
    lay.body.append(stroke("M 262 600 C 272 640 328 640 338 600", "#d9b45a", 2))
    lay.body.append(circle(300, 634, 5, "#d9b45a"))


def clothes_shirt(c: Character, lay: Layers) -> None:
    """Button-up work shirt, open at the neck, sleeves rolled (Tom)."""
    lay.body.append(path(shoulders_path(c.shoulder), fill=c.cloth))
    lay.body.append(_v_neck(64, 30, c.skin, 590))
    col = darken(c.cloth, 0.18)
    lay.body.append(
        polygon(
            [(262, 576), (300, 654), (276, 662), (238, 606)], c.cloth, stroke=col, stroke_width=3.0
        )
    )
    lay.body.append(
        polygon(
            [(338, 576), (300, 654), (324, 662), (362, 606)], c.cloth, stroke=col, stroke_width=3.0
        )
    )
    lay.body.append(stroke("M 300 660 L 300 800", col, 3))
    for y in (690, 740, 790):
        lay.body.append(circle(308, y, 4.5, lighten(c.cloth, 0.35)))
    lay.body.append(rect(338, 690, 56, 60, c.cloth, stroke=col, stroke_width=3.0, rx=4.0))
    check = lighten(c.cloth, 0.12)
    for x in (150, 200, 250, 350, 400, 450):
        lay.body.append(stroke(f"M {x} 640 L {x} 800", check, 5, opacity=0.5))
    for y in (660, 720, 780):
        lay.body.append(stroke(f"M 100 {y} L 500 {y}", check, 5, opacity=0.5))
    lay.body.append(path("M 84 740 L 118 722 L 128 800 L 86 800 Z", fill=lighten(c.cloth, 0.2)))
    lay.body.append(path("M 516 740 L 482 722 L 472 800 L 514 800 Z", fill=lighten(c.cloth, 0.2)))


def clothes_cardigan(c: Character, lay: Layers) -> None:
    """Open cardigan over a plain tee (Jo)."""
    lay.body.append(path(shoulders_path(c.shoulder), fill=c.cloth))
    lay.body.append(polygon([(250, 598), (350, 598), (330, 800), (270, 800)], c.cloth2))
    lay.body.append(path("M 262 594 C 272 630 328 630 338 594 Z", fill=c.skin))
    lay.body.append(stroke("M 262 596 C 272 630 328 630 338 596", darken(c.cloth2, 0.12), 4))
    edge = darken(c.cloth, 0.15)
    lay.body.append(stroke("M 246 600 L 268 800", edge, 8))
    lay.body.append(stroke("M 354 600 L 332 800", edge, 8))
    for y in (680, 730, 780):
        lay.body.append(circle(262 + (y - 600) * 0.11, y, 6, lighten(c.cloth, 0.4)))
    knit = darken(c.cloth, 0.07)
    for x in (140, 170, 200, 400, 430, 460):
        lay.body.append(stroke(f"M {x} 660 L {x} 800", knit, 3))


def clothes_turtleneck(c: Character, lay: Layers) -> None:
    """Fitted black turtleneck with a small silver pendant (Ruth)."""
    lay.body.append(path(shoulders_path(c.shoulder), fill=c.cloth))
    lay.body.append(
        path(
            "M 250 500 L 350 500 C 356 540 360 580 366 604 C 330 616 270 616 234 "
            "604 C 240 580 244 540 250 500 Z",
            fill=c.cloth,
        )
    )
    fold = lighten(c.cloth, 0.12)
    for y in (548, 580):
        lay.body.append(
            stroke(
                f"M {248 - (y - 520) * 0.18} {y} C 280 {y + 8} 320 {y + 8} "
                f"{352 + (y - 520) * 0.18} {y}",
                fold,
                3,
            )
        )
    lay.body.append(stroke("M 290 612 L 300 690 L 310 612", "#b8bcc4", 2))
    lay.body.append(path("M 300 690 L 292 704 L 300 718 L 308 704 Z", fill="#cfd3da"))


def clothes_hoodie(c: Character, lay: Layers) -> None:
    """Casual hoodie with the hood resting behind the neck (Sam)."""
    hood = darken(c.cloth, 0.15)
    lay.behind_neck.append(
        path("M 206 620 C 210 560 250 530 300 530 C 350 530 390 560 394 620 Z", fill=hood)
    )
    lay.body.append(path(shoulders_path(c.shoulder), fill=c.cloth))
    lay.body.append(
        path("M 238 592 C 250 620 350 620 362 592 C 350 640 250 640 238 592 Z", fill=hood)
    )
    lay.body.append(
        path(
            "M 226 596 C 220 612 226 628 240 640 C 270 656 330 656 360 640 "
            "C 374 628 380 612 374 596",
            stroke=lighten(c.cloth, 0.1),
            stroke_width=10.0,
        )
    )
    cord = "#e8e3d8"
    lay.body.append(stroke("M 278 650 C 276 690 280 720 276 750", cord, 5))
    lay.body.append(stroke("M 322 650 C 324 690 320 720 324 750", cord, 5))
    lay.body.append(rect(270, 748, 12, 18, "#b9b3a6", rx=3.0))
    lay.body.append(rect(318, 748, 12, 18, "#b9b3a6", rx=3.0))


def clothes_tshirt(c: Character, lay: Layers) -> None:
    """Crew-neck t-shirt with a small chest print (Leo)."""
    lay.body.append(path(shoulders_path(c.shoulder - 12), fill=c.cloth))
    lay.body.append(path("M 258 594 C 268 624 332 624 342 594 Z", fill=c.skin))
    lay.body.append(stroke("M 256 595 C 266 628 334 628 344 595", darken(c.cloth, 0.18), 8))
    lay.body.append(circle(360, 700, 16, c.cloth2))
    lay.body.append(
        path(
            "M 352 700 L 358 706 L 370 692",
            stroke=c.cloth,
            stroke_width=4.0,
            stroke_linecap="round",
        )
    )


def clothes_polo(c: Character, lay: Layers) -> None:
    """Polo shirt with collar and button placket (Ken)."""
    lay.body.append(path(shoulders_path(c.shoulder), fill=c.cloth))
    lay.body.append(_v_neck(50, 22, c.skin, 592))
    col = darken(c.cloth, 0.2)
    lay.body.append(
        polygon(
            [(256, 580), (300, 640), (270, 652), (232, 606)], c.cloth, stroke=col, stroke_width=3.0
        )
    )
    lay.body.append(
        polygon(
            [(344, 580), (300, 640), (330, 652), (368, 606)], c.cloth, stroke=col, stroke_width=3.0
        )
    )
    lay.body.append(rect(290, 642, 20, 70, c.cloth, stroke=col, stroke_width=3.0))
    lay.body.append(circle(300, 664, 4, lighten(c.cloth, 0.45)))
    lay.body.append(circle(300, 692, 4, lighten(c.cloth, 0.45)))


def clothes_dress(c: Character, lay: Layers) -> None:
    """Dress with a soft V neckline (Grace)."""
    lay.body.append(path(shoulders_path(c.shoulder - 6), fill=c.cloth))
    lay.body.append(
        path("M 244 596 C 262 640 286 670 300 690 C 314 670 338 640 356 596 Z", fill=c.skin)
    )
    edge = darken(c.cloth, 0.2)
    lay.body.append(
        stroke("M 244 597 C 262 640 286 670 300 690 C 314 670 338 640 356 597", edge, 5)
    )
    lay.body.append(stroke("M 170 680 C 200 700 220 740 226 800", edge, 3, opacity=0.6))
    lay.body.append(stroke("M 430 680 C 400 700 380 740 374 800", edge, 3, opacity=0.6))


def clothes_jacket_open(c: Character, lay: Layers) -> None:
    """Unstructured jacket over an open-collar shirt (Victor)."""
    clothes_blazer(c, lay)
    lay.body.append(circle(300, 690, 3.5, darken(c.cloth2, 0.25)))
    lay.body.append(rect(392, 690, 40, 8, lighten(c.cloth, 0.08), rx=2.0))


CLOTHES: dict[str, Callable[[Character, Layers], None]] = {
    "blazer": clothes_blazer,
    "suit_tie": clothes_suit_tie,
    "scoop_top": clothes_scoop_top,
    "shirt": clothes_shirt,
    "cardigan": clothes_cardigan,
    "turtleneck": clothes_turtleneck,
    "hoodie": clothes_hoodie,
    "tshirt": clothes_tshirt,
    "polo": clothes_polo,
    "dress": clothes_dress,
    "jacket_open": clothes_jacket_open,
}


# --------------------------------------------------------------------------- face


def eye_shape(cx: float, cy: float, side: int, eye: Eye, look: float) -> tuple[str, str, str]:
    """Return (eye path, lid line path, highlight) for one eye; side is -1 left, +1 right."""
    rx, ry = 12.5, 14.0
    if eye.smile >= 1.0:
        arc = f"M {cx - rx - 2} {cy + 4} Q {cx} {cy - ry - 6} {cx + rx + 2} {cy + 4}"
        return arc, arc, ""
    inner_x = cx - side * rx
    pts = ellipse_points(cx, cy, rx, ry, 32)

    def upper(x: float) -> float:
        t = (x - inner_x) / (2 * rx) * -side if side < 0 else (x - inner_x) / (2 * rx)
        t = min(1.0, max(0.0, abs(t)))
        return cy + ry * (eye.upper_inner + (eye.upper_outer - eye.upper_inner) * t)

    def lower(x: float) -> float:
        u = (x - cx) / rx
        return cy + ry * (eye.lower - eye.smile * max(0.0, 1 - u * u) * 1.4)

    clipped = []
    for x, y in pts:
        lo, hi = upper(x), lower(x)
        if hi < lo + 1.5:
            hi = lo + 1.5
        clipped.append((x, min(max(y, lo), hi)))
    d = "M " + " L ".join(f"{x:.1f} {y:.1f}" for x, y in clipped) + " Z"
    xs = [cx - rx - 3 + i * (2 * rx + 6) / 10 for i in range(11)]
    lid = "M " + " L ".join(f"{x:.1f} {upper(min(max(x, cx - rx), cx + rx)) - 1.5:.1f}" for x in xs)
    hy = max(upper(cx + look - 4) + 5, cy - 6)
    hl = circle(cx + look - 4, min(hy, lower(cx) - 3), 3.6, "#ffffff", opacity=0.9)
    return d, lid, hl


def brow_path(side: int, brow: Brow) -> str:
    """Eyebrow from inner to outer end, arched by ``brow.arch``."""
    base = 290.0
    ix, ox = CX + side * 22, CX + side * 70
    iy, oy = base + brow.inner, base + 4 + brow.outer
    mx, my = (ix + ox) / 2, (iy + oy) / 2 + brow.arch
    return f"M {ix} {iy} Q {mx} {my - brow.arch * 0.2} {ox} {oy}"


def mouth(c: Character, kind: str) -> list[str]:
    """Mouth shapes; beards get a lip patch so lines stay readable."""
    lip = mix(darken(c.skin, 0.3), "#a3424a", 0.35)
    line = darken(c.skin, 0.55)
    y = MOUTH_Y
    out: list[str] = []
    if c.beard and kind != "pleased":
        out.append(ellipse(CX, y + 6, 24, 8, mix(c.skin, lip, 0.5)))
    if kind == "neutral":
        out.append(stroke(f"M {CX - 26} {y} Q {CX} {y + 7} {CX + 26} {y}", line, 5))
        out.append(
            stroke(f"M {CX - 12} {y + 13} Q {CX} {y + 16} {CX + 12} {y + 13}", lip, 4, opacity=0.6)
        )
    elif kind == "pleased":
        out.append(
            path(
                f"M {CX - 36} {y - 8} Q {CX} {y + 2} {CX + 36} {y - 8} Q {CX + 30} "
                f"{y + 30} {CX} {y + 32} Q {CX - 30} {y + 30} {CX - 36} {y - 8} Z",
                fill="#6e2a2f",
            )
        )
        out.append(
            path(
                f"M {CX - 31} {y - 5} Q {CX} {y + 4} {CX + 31} {y - 5} L {CX + 27} "
                f"{y + 5} Q {CX} {y + 11} {CX - 27} {y + 5} Z",
                fill="#fbf7f2",
            )
        )
        out.append(
            path(
                f"M {CX - 16} {y + 26} Q {CX} {y + 18} {CX + 16} {y + 26} Q {CX} "
                f"{y + 32} {CX - 16} {y + 26} Z",
                fill="#c46a6e",
            )
        )
        out.append(stroke(f"M {CX - 36} {y - 8} Q {CX} {y + 2} {CX + 36} {y - 8}", line, 3))
        out.append(stroke(f"M {CX - 40} {y - 12} Q {CX - 38} {y - 7} {CX - 35} {y - 4}", line, 3))
        out.append(stroke(f"M {CX + 40} {y - 12} Q {CX + 38} {y - 7} {CX + 35} {y - 4}", line, 3))
    elif kind == "skeptical":
        out.append(
            stroke(
                f"M {CX - 24} {y + 4} Q {CX + 2} {y + 6} {CX + 22} {y - 4} L {CX + 30} {y - 9}",
                line,
                5,
            )
        )
    elif kind == "annoyed":
        out.append(stroke(f"M {CX - 24} {y + 8} Q {CX} {y - 3} {CX + 24} {y + 8}", line, 6))
        out.append(stroke(f"M {CX - 27} {y + 6} L {CX - 30} {y + 12}", line, 3))
        out.append(stroke(f"M {CX + 27} {y + 6} L {CX + 30} {y + 12}", line, 3))
    elif kind == "concerned":
        out.append(
            path(
                f"M {CX - 18} {y + 8} Q {CX} {y - 6} {CX + 18} {y + 8} Q {CX} {y + 12} "
                f"{CX - 18} {y + 8} Z",
                fill="#6e2a2f",
            )
        )
        out.append(stroke(f"M {CX - 18} {y + 8} Q {CX} {y - 6} {CX + 18} {y + 8}", line, 4))
    return out


def beard(c: Character) -> list[str]:
    """Full trimmed beard plus moustache."""
    assert c.beard
    col = c.beard
    w, j, chin = c.face_w, c.jaw_w, c.chin_y
    half = [
        (CX - w + 4, 318),
        (CX - w + 2, 372),
        (CX - j - 6, chin - 30),
        (CX - 40, chin + 6),
        (CX, chin + 14),
    ]
    outer = half + list(reversed(mirror(half)))[1:]
    inner_half = [(CX + w - 14, 320), (CX + w - 22, 374), (CX + 58, 398), (CX + 28, 396), (CX, 398)]
    inner = inner_half + list(reversed(mirror(inner_half)))[1:]
    d = curve(outer) + " L" + curve(inner)[1:] + " Z"
    out = [path(d, fill=col)]
    out.append(
        path(
            f"M {CX - 40} {MOUTH_Y - 6} C {CX - 30} {MOUTH_Y - 24} {CX - 8} {MOUTH_Y - 22}"
            f" {CX} {MOUTH_Y - 16} C {CX + 8} {MOUTH_Y - 22} {CX + 30} {MOUTH_Y - 24} "
            f"{CX + 40} {MOUTH_Y - 6} C {CX + 20} {MOUTH_Y - 10} {CX - 20} "
            f"{MOUTH_Y - 10} {CX - 40} {MOUTH_Y - 6} Z",
            fill=col,
        )
    )
    hi = lighten(col, 0.18)
    for x in (250, 280, 320, 350):
        lay_y = chin_y_at(c, x)
        out.append(
            stroke(
                f"M {x} {lay_y - 40} L {x + (x - 300) * 0.05} {lay_y - 14}", hi, 2.5, opacity=0.6
            )
        )
    return out


def chin_y_at(c: Character, x: float) -> float:
    """Rough y of the jaw line at ``x`` (used to place beard texture)."""
    t = min(1.0, abs(x - CX) / c.face_w)
    return c.chin_y - 30 * t * t


def glasses(c: Character) -> list[str]:
    """Glasses: 'thin' metal rectangles or 'bold' dark frames."""
    assert c.glasses
    bold = c.glasses == "bold"
    col = "#26262b" if bold else "#8c9199"
    width = 6.0 if bold else 3.5
    out = []
    for side in (-1, 1):
        ex = CX + side * EYE_DX
        out.append(
            rect(
                ex - 34,
                EYE_Y - 24,
                68,
                48,
                "#ffffff",
                rx=14.0 if bold else 10.0,
                fill_opacity=0.12,
                stroke=col,
                stroke_width=width,
            )
        )
        out.append(
            stroke(
                f"M {CX + side * (EYE_DX + 34)} {EYE_Y - 12} L {CX + side * (c.face_w - 2)}"
                f" {EYE_Y - 16}",
                col,
                width,
            )
        )
        out.append(
            stroke(f"M {ex - 22} {EYE_Y - 14} L {ex - 12} {EYE_Y - 20}", "#ffffff", 3, opacity=0.5)
        )
    out.append(
        stroke(f"M {CX - 10} {EYE_Y - 8} Q {CX} {EYE_Y - 16} {CX + 10} {EYE_Y - 8}", col, width)
    )
    return out


def earrings(c: Character) -> list[str]:
    """Earrings at both lobes: 'pearl', 'gold_drop' or 'stud'."""
    assert c.earrings
    out = []
    for side in (-1, 1):
        x, y = CX + side * (c.face_w + 2), 372.0
        if c.earrings == "pearl":
            out.append(circle(x, y + 4, 8, "#f3eee4", stroke="#d6cfc2", stroke_width=1.5))
            out.append(circle(x - 2, y + 1, 2.5, "#ffffff"))
        elif c.earrings == "gold_drop":
            out.append(circle(x, y, 4, "#d9ad45"))
            out.append(
                path(
                    f"M {x} {y + 4} C {x + 10} {y + 18} {x + 8} {y + 30} {x} {y + 30} "
                    f"C {x - 8} {y + 30} {x - 10} {y + 18} {x} {y + 4} Z",
                    fill="#d9ad45",
                    stroke="#b48a2c",
                    stroke_width=1.5,
                )
            )
        else:
            out.append(circle(x, y + 2, 4.5, "#d9ad45"))
    return out


def face(c: Character, ex: Expression) -> list[str]:
    """Face, features, facial hair, hair front and accessories (drawn tilted)."""
    skin_dark = darken(c.skin, 0.14)
    line = darken(c.skin, 0.55)
    out: list[str] = []
    if c.hair_style != "hijab":
        for side in (-1, 1):
            x = CX + side * (c.face_w - 3)
            out.append(ellipse(x, 344, 16, 27, c.skin))
            out.append(ellipse(x + side * 2, 346, 8, 15, skin_dark))
    out.append(path(face_path(c), fill=c.skin))
    # Soft shading under the hairline and on the cheeks.
    blush = mix(c.skin, "#e0607a", 0.45)
    for side in (-1, 1):
        out.append(ellipse(CX + side * 64, 392, 26, 16, blush, opacity=ex.blush))
    # Nose.
    out.append(
        stroke("M 306 344 C 310 364 316 378 308 388 C 302 393 294 392 290 388", skin_dark, 4.5)
    )
    out.append(ellipse(292, 388, 5, 3, darken(c.skin, 0.3), opacity=0.6))
    out.append(ellipse(310, 388, 5, 3, darken(c.skin, 0.3), opacity=0.6))
    if c.mature:
        lines = darken(c.skin, 0.22)
        for side in (-1, 1):
            out.append(
                stroke(
                    f"M {CX + side * 34} 392 Q {CX + side * 46} 412 {CX + side * 42} 430",
                    lines,
                    3,
                    opacity=0.55,
                )
            )
            ox = CX + side * (EYE_DX + 20)
            out.append(
                stroke(
                    f"M {ox} 330 L {ox + side * 9} 326 M {ox} 338 L {ox + side * 9} 342",
                    lines,
                    2.5,
                    opacity=0.6,
                )
            )
    if ex.mouth == "pleased":
        lines = darken(c.skin, 0.2)
        for side in (-1, 1):
            out.append(
                stroke(
                    f"M {CX + side * 36} 396 Q {CX + side * 50} 408 {CX + side * 46} 424",
                    lines,
                    3,
                    opacity=0.5,
                )
            )
    if c.beard:
        out.extend(beard(c))
    # Eyes.
    for side, eye in ((-1, ex.eye_l), (1, ex.eye_r)):
        ex_x = CX + side * EYE_DX
        d, lid, hl = eye_shape(ex_x, EYE_Y, side, eye, ex.look)
        if not hl:
            out.append(stroke(d, darken(c.eyes, 0.35), 7))
            continue
        out.append(path(d, fill=c.eyes))
        out.append(ellipse(ex_x + ex.look, EYE_Y + 1, 5, 6, "#141012", opacity=0.6))
        out.append(hl)
        out.append(stroke(lid, line, 4))
    # Brows.
    for side, b in ((-1, ex.brow_l), (1, ex.brow_r)):
        out.append(stroke(brow_path(side, b), c.brow_color, 9))
    out.extend(mouth(c, ex.mouth))
    return out


# --------------------------------------------------------------------------- assembly


def portrait(c: Character, expression: str) -> str:
    """Return the full SVG document for one character and expression."""
    ex = EXPR[expression]
    lay = Layers()
    HAIR[c.hair_style](c, lay)
    CLOTHES[c.clothing](c, lay)
    tilt = f"translate(0 {HEAD_DY}) rotate({ex.tilt} {PIVOT[0]} {PIVOT[1]})"
    nw = c.jaw_w * 0.74
    y0 = c.chin_y + HEAD_DY - 40
    neck = [
        path(
            f"M {CX - nw} 420 L {CX + nw} 420 L {CX + nw + 2} 560 C {CX + nw + 4} 586 "
            f"{CX + nw + 14} 598 {CX + nw + 26} 606 L {CX - nw - 26} 606 C {CX - nw - 14} 598 "
            f"{CX - nw - 4} 586 {CX - nw - 2} 560 Z",
            fill=c.skin,
        ),
        path(
            f"M {CX - nw} {y0} L {CX + nw} {y0} L {CX + nw + 1} {y0 + 44} Q {CX} {y0 + 76} "
            f"{CX - nw - 1} {y0 + 44} Z",
            fill=darken(c.skin, 0.16),
        ),
    ]
    front = face(c, ex) + lay.front
    if c.glasses:
        front += glasses(c)
    front += lay.top
    if c.earrings:
        front += earrings(c)
    body = [
        group(lay.back, transform=tilt),
        *lay.behind_neck,
        *neck,
        *lay.body,
        *lay.body_over,
        group(lay.head_under + front, transform=tilt),
    ]
    return document(WIDTH, HEIGHT, body)


CAST: tuple[Character, ...] = (
    Character(
        "dana",
        "Dana Okafor",
        skin="#6e4429",
        hair="#2f2c2e",
        hair_style="short_natural",
        clothing="blazer",
        cloth="#26375b",
        cloth2="#efe6d6",
        eyes="#2a1a12",
        brow="#3a3536",
        face_w=104,
        jaw_w=64,
        mature=True,
        earrings="stud",
    ),
    Character(
        "marcus",
        "Marcus Bell",
        skin="#efcdb8",
        hair="#8e8379",
        hair_style="receding",
        clothing="suit_tie",
        cloth="#6c7179",
        cloth2="#f5f4f0",
        eyes="#5b6f80",
        brow="#6d635a",
        face_w=110,
        jaw_w=72,
        chin_y=476,
        glasses="thin",
        mature=True,
        accent="#7b2c3c",
    ),
    Character(
        "priya",
        "Priya Raman",
        skin="#a8704c",
        hair="#1f1a1c",
        hair_style="low_bun",
        clothing="scoop_top",
        cloth="#1f8580",
        eyes="#2d1c14",
        face_w=102,
        jaw_w=60,
        chin_y=468,
        shoulder=200,
    ),
    Character(
        "tom",
        "Tom Hale",
        skin="#eebf9f",
        hair="#b0552b",
        hair_style="side_part",
        clothing="shirt",
        cloth="#6b7d52",
        eyes="#4a6a58",
        beard="#a24e27",
        face_w=110,
        jaw_w=74,
        chin_y=476,
        shoulder=220,
    ),
    Character(
        "jo",
        "Jo Lindqvist",
        skin="#f2d0ba",
        hair="#dfbd72",
        hair_style="bob",
        clothing="cardigan",
        cloth="#c28a8a",
        cloth2="#f4f1ea",
        eyes="#4d7aa0",
        brow="#b38d4c",
        face_w=102,
        jaw_w=60,
        chin_y=466,
        shoulder=200,
    ),
    Character(
        "ruth",
        "Ruth Adler",
        skin="#c79a6c",
        hair="#c7cad0",
        hair_style="pixie",
        clothing="turtleneck",
        cloth="#232329",
        eyes="#3e3226",
        brow="#8d8f94",
        face_w=102,
        jaw_w=62,
        mature=True,
        shoulder=200,
    ),
    Character(
        "sam",
        "Sam Ortiz",
        skin="#b8825a",
        hair="#2a211d",
        hair_style="curly",
        clothing="hoodie",
        cloth="#4a5568",
        eyes="#2e1e14",
        beard="#2a211d",
        face_w=108,
        jaw_w=72,
        chin_y=474,
        shoulder=218,
    ),
    Character(
        "aisha",
        "Aisha Karimi",
        skin="#9c6546",
        hair="#1f1a1c",
        hair_style="hijab",
        clothing="scoop_top",
        cloth="#cf9a2e",
        cloth2="#e9e1d2",
        eyes="#2d1c14",
        face_w=100,
        jaw_w=60,
        chin_y=466,
        shoulder=200,
        accent="#4f6d8c",
    ),
    Character(
        "leo",
        "Leo Park",
        skin="#ebc5a2",
        hair="#17161b",
        hair_style="undercut",
        clothing="tshirt",
        cloth="#d9755a",
        cloth2="#f6e6c8",
        eyes="#2a1d16",
        brow="#1d1b20",
        face_w=102,
        jaw_w=62,
        chin_y=468,
        shoulder=206,
    ),
    Character(
        "nadia",
        "Nadia Volkova",
        skin="#f4d5c4",
        hair="#a4402a",
        hair_style="wavy_long",
        clothing="blazer",
        cloth="#b3323b",
        cloth2="#26262b",
        eyes="#5a7a58",
        brow="#7e3522",
        face_w=100,
        jaw_w=58,
        chin_y=466,
        shoulder=204,
        earrings="gold_drop",
    ),
    Character(
        "ken",
        "Ken Watanabe",
        skin="#ddb48d",
        hair="#1c1b20",
        hair_style="side_part",
        clothing="polo",
        cloth="#2f5d7c",
        eyes="#2a1d16",
        brow="#1d1b20",
        face_w=106,
        jaw_w=68,
        glasses="bold",
    ),
    Character(
        "grace",
        "Grace Mensah",
        skin="#5f3b25",
        hair="#1f1b1d",
        hair_style="braids",
        clothing="dress",
        cloth="#6a3f8e",
        eyes="#231510",
        brow="#1f1b1d",
        face_w=102,
        jaw_w=62,
        chin_y=468,
        shoulder=204,
        earrings="pearl",
    ),
    Character(
        "victor",
        "Victor Reyes",
        skin="#b07a52",
        hair="#5e5b59",
        hair_style="swept_back",
        clothing="jacket_open",
        cloth="#8a6a4c",
        cloth2="#cfe0ee",
        eyes="#2e1e14",
        brow="#4a4644",
        face_w=110,
        jaw_w=74,
        chin_y=476,
        shoulder=222,
        mature=True,
        extras=("shirt_collar",),
    ),
)
