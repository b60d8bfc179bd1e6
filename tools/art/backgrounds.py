"""Full-bleed 1920x1080 background scenes and the app icon.

Scenes are soft, muted flat illustrations so that portraits and white dialogue boxes stay
readable in front of them. Each scene function returns a complete SVG document; shared
furniture (windows, plants, chairs, lamps) is drawn by small helpers taking a position and
scale. Everything is deterministic.
"""

from __future__ import annotations

from collections.abc import Callable

from svgkit import (
    circle,
    darken,
    document,
    ellipse,
    group,
    lighten,
    linear_gradient,
    mix,
    path,
    polygon,
    radial_gradient,
    rect,
    stroke,
)

W, H = 1920, 1080


# --------------------------------------------------------------------------- helpers


def backdrop(
    wall: str, floor: str, horizon: float = 760.0, skirting: str | None = None
) -> list[str]:
    """Back wall with a subtle vertical light gradient, a floor and a skirting board."""
    return [
        rect(0, 0, W, horizon, "url(#wall)"),
        rect(0, horizon, W, H - horizon, floor),
        rect(0, horizon - 14, W, 14, skirting or darken(wall, 0.12)),
    ]


def wall_gradient(wall: str) -> str:
    """Gradient definition used by :func:`backdrop` for the wall."""
    return linear_gradient(
        "wall", [(0, lighten(wall, 0.12)), (1, darken(wall, 0.04))], 0, 0, 0, 760
    )


def skyline(x: float, y: float, w: float, h: float, sky: str, night: bool = False) -> list[str]:
    """Sky and a row of simple buildings inside a window opening."""
    out = [rect(x, y, w, h, sky)]
    far = mix(sky, "#8a97a8", 0.45) if not night else mix(sky, "#2a3146", 0.5)
    near = mix(sky, "#7b8797", 0.65) if not night else mix(sky, "#1c2233", 0.7)
    heights = [0.42, 0.6, 0.35, 0.72, 0.5, 0.3, 0.66, 0.44, 0.56, 0.38]
    bw = w / len(heights)
    for i, hh in enumerate(heights):
        bh = h * hh
        out.append(rect(x + i * bw, y + h - bh, bw * 0.92, bh, far))
    for i, hh in enumerate(heights[::-1][:7]):
        bh = h * hh * 0.7
        bx = x + i * w / 7 + bw * 0.3
        out.append(rect(bx, y + h - bh, w / 7 * 0.7, bh, near))
        if night:
            for j in range(3):
                for k in range(2):
                    if (i + j + k) % 3:
                        out.append(
                            rect(
                                bx + 10 + k * (w / 7 * 0.3),
                                y + h - bh + 14 + j * 26,
                                8,
                                12,
                                "#f3d58a",
                                opacity=0.75,
                            )
                        )
    return out


def window(
    x: float,
    y: float,
    w: float,
    h: float,
    frame: str,
    sky: str,
    panes: int = 2,
    night: bool = False,
) -> list[str]:
    """Window with a city view, frame and mullions."""
    out = [rect(x - 12, y - 12, w + 24, h + 24, frame)]
    out += skyline(x, y, w, h, sky, night)
    for i in range(1, panes):
        out.append(rect(x + w * i / panes - 5, y, 10, h, frame))
    out.append(rect(x - 20, y + h + 6, w + 40, 16, lighten(frame, 0.2)))
    glare = "#ffffff"
    out.append(
        polygon(
            [(x + w * 0.1, y + h), (x + w * 0.3, y), (x + w * 0.38, y), (x + w * 0.18, y + h)],
            glare,
            opacity=0.08 if not night else 0.03,
        )
    )
    return out


def plant(
    x: float, y: float, s: float = 1.0, pot: str = "#c9b8a3", leaf: str = "#6f8f6a"
) -> list[str]:
    """Potted plant standing on (x, y), scaled by s."""
    out = []
    dark = darken(leaf, 0.2)
    leaves = [
        (-40, -150, -25),
        (30, -160, 20),
        (-10, -190, -5),
        (-60, -110, -45),
        (55, -120, 40),
        (10, -130, 8),
        (-30, -90, -60),
        (40, -85, 60),
    ]
    for i, (dx, dy, ang) in enumerate(leaves):
        cx, cy = x + dx * s, y + dy * s
        out.append(
            group(
                [ellipse(cx, cy, 22 * s, 58 * s, leaf if i % 2 else dark)],
                transform=f"rotate({ang} {cx:.1f} {cy:.1f})",
            )
        )
    out.append(
        polygon(
            [(x - 42 * s, y - 70 * s), (x + 42 * s, y - 70 * s), (x + 32 * s, y), (x - 32 * s, y)],
            pot,
        )
    )
    out.append(rect(x - 46 * s, y - 78 * s, 92 * s, 14 * s, darken(pot, 0.1), rx=4.0))
    return out


def pendant(x: float, y: float, color: str, lit: bool = False, drop: float = 0.0) -> list[str]:
    """Pendant lamp hanging from the ceiling to height y."""
    out = [stroke(f"M {x} 0 L {x} {y}", darken(color, 0.3), 3)]
    if lit:
        out.append(ellipse(x, y + 40 + drop, 160, 120, "url(#glow)"))
    out.append(
        path(
            f"M {x - 60} {y + 50} C {x - 56} {y + 6} {x - 30} {y} {x} {y} "
            f"C {x + 30} {y} {x + 56} {y + 6} {x + 60} {y + 50} Z",
            fill=color,
        )
    )
    out.append(ellipse(x, y + 50, 60, 8, "#fff4d6" if lit else lighten(color, 0.3)))
    return out


def office_chair(x: float, y: float, s: float, color: str, back_view: bool = True) -> list[str]:
    """Office chair seen from behind (its back towards the viewer), base on (x, y)."""
    dark = darken(color, 0.25)
    out = [
        rect(x - 6 * s, y - 90 * s, 12 * s, 70 * s, "#55595f"),
        polygon(
            [(x - 60 * s, y), (x + 60 * s, y), (x + 50 * s, y - 10 * s), (x - 50 * s, y - 10 * s)],
            "#4a4e55",
        ),
        rect(x - 70 * s, y - 110 * s, 140 * s, 26 * s, dark, rx=12 * s),
    ]
    if back_view:
        out.append(rect(x - 62 * s, y - 250 * s, 124 * s, 150 * s, color, rx=28 * s))
        out.append(rect(x - 48 * s, y - 232 * s, 96 * s, 8 * s, lighten(color, 0.15), rx=4 * s))
    return out


def side_chair(x: float, y: float, s: float, color: str, facing: int = 1) -> list[str]:
    """Simple chair in profile; facing=1 looks right, -1 looks left."""
    f = facing
    leg = darken(color, 0.4)
    return [
        stroke(f"M {x - 40 * s * f} {y} L {x - 36 * s * f} {y - 80 * s}", leg, 6 * s),
        stroke(f"M {x + 40 * s * f} {y} L {x + 36 * s * f} {y - 80 * s}", leg, 6 * s),
        rect(min(x - 50 * s * f, x + 50 * s * f), y - 96 * s, 100 * s, 20 * s, color, rx=8 * s),
        rect(
            x - 56 * s * f - (0 if f > 0 else 22 * s),
            y - 210 * s,
            22 * s,
            126 * s,
            color,
            rx=10 * s,
        ),
    ]


def bookshelf(x: float, y: float, w: float, h: float, wood: str, shelves: int = 3) -> list[str]:
    """Shelf unit with rows of books and a few objects."""
    out = [rect(x, y, w, h, wood), rect(x + 10, y + 10, w - 20, h - 20, darken(wood, 0.25))]
    palette = ["#8a9fb0", "#c9a66b", "#a86f5c", "#7d8f74", "#d9cdb8", "#6b6f86", "#b88a8a"]
    sh = (h - 20) / shelves
    for r in range(shelves):
        by = y + 10 + (r + 1) * sh
        out.append(rect(x + 10, by - 8, w - 20, 8, wood))
        bx, i = x + 18.0, r * 3
        while bx < x + w - 40:
            bw = 14 + (i * 7) % 12
            bh = sh * (0.55 + ((i * 13) % 5) * 0.07)
            if (i + r) % 6 == 5:
                out.append(circle(bx + 14, by - 22, 14, "#d8d2c6"))
                bx += 36
            else:
                out.append(rect(bx, by - 8 - bh, bw, bh, palette[i % len(palette)]))
                bx += bw + 3
            i += 1
    return out


def framed_art(
    x: float, y: float, w: float, h: float, colors: tuple[str, str, str], frame: str = "#f4f1ec"
) -> list[str]:
    """Picture frame with a calm abstract print."""
    a, b, c = colors
    return [
        rect(x - 10, y - 10, w + 20, h + 20, darken(frame, 0.25)),
        rect(x - 6, y - 6, w + 12, h + 12, frame),
        rect(x + 14, y + 14, w - 28, h - 28, lighten(a, 0.6)),
        circle(x + w * 0.38, y + h * 0.45, min(w, h) * 0.22, b),
        path(
            f"M {x + 14} {y + h - 14} C {x + w * 0.4} {y + h * 0.55} {x + w * 0.6} "
            f"{y + h * 0.85} {x + w - 14} {y + h * 0.6} L {x + w - 14} {y + h - 14} Z",
            fill=c,
        ),
    ]


def table_persp(
    cx: float,
    top_y: float,
    bottom_y: float,
    top_w: float,
    bottom_w: float,
    wood: str,
    edge: float = 26.0,
) -> list[str]:
    """Table top receding from the viewer (one-point perspective)."""
    return [
        polygon(
            [
                (cx - top_w / 2, top_y),
                (cx + top_w / 2, top_y),
                (cx + bottom_w / 2, bottom_y),
                (cx - bottom_w / 2, bottom_y),
            ],
            wood,
        ),
        polygon(
            [
                (cx - bottom_w / 2, bottom_y),
                (cx + bottom_w / 2, bottom_y),
                (cx + bottom_w / 2, bottom_y + edge),
                (cx - bottom_w / 2, bottom_y + edge),
            ],
            darken(wood, 0.25),
        ),
        polygon(
            [
                (cx - top_w / 2 + 20, top_y + 8),
                (cx - top_w / 2 + 60, top_y + 8),
                (cx - bottom_w / 2 + 140, bottom_y - 10),
                (cx - bottom_w / 2 + 60, bottom_y - 10),
            ],
            lighten(wood, 0.08),
        ),
    ]


def round_table(cx: float, cy: float, rx: float, ry: float, top: str, leg: str) -> list[str]:
    """Round table seen slightly from above."""
    return [
        rect(cx - 8, cy, 16, ry * 4.2, leg),
        ellipse(cx, cy + ry * 4.2, rx * 0.45, ry * 0.35, leg),
        ellipse(cx, cy + 8, rx, ry, darken(top, 0.2)),
        ellipse(cx, cy, rx, ry, top),
    ]


def mug(x: float, y: float, color: str, s: float = 1.0) -> list[str]:
    """Mug standing on (x, y)."""
    return [
        path(
            f"M {x + 16 * s} {y - 26 * s} C {x + 30 * s} {y - 26 * s} {x + 30 * s} {y - 8 * s} "
            f"{x + 16 * s} {y - 8 * s}",
            stroke=color,
            stroke_width=5 * s,
        ),
        rect(x - 16 * s, y - 36 * s, 32 * s, 36 * s, color, rx=5 * s),
    ]


def ceiling_lights(y: float, xs: list[float], color: str = "#f7f3ea", w: float = 220) -> list[str]:
    """Row of recessed ceiling light strips."""
    return [rect(x - w / 2, y, w, 14, color, rx=7.0) for x in xs]


def glow_defs(color: str = "#ffe9b8", opacity: float = 0.55) -> str:
    """Radial gradient 'glow' used for lamp light pools (centred per ellipse via bbox)."""
    return (
        '<radialGradient id="glow">'
        f'<stop offset="0" stop-color="{color}" stop-opacity="{opacity}"/>'
        f'<stop offset="1" stop-color="{color}" stop-opacity="0"/></radialGradient>'
    )


def scene(wall: str, body: list[str], extra_defs: tuple[str, ...] = ()) -> str:
    """Complete background document with the wall gradient defined."""
    return document(W, H, body, defs=(wall_gradient(wall), glow_defs(), *extra_defs))


# --------------------------------------------------------------------------- scenes


def boardroom() -> str:
    """Formal boardroom: long walnut table, leather chairs, panoramic window."""
    wall, wood = "#d8d1c7", "#7a5a45"
    out = backdrop(wall, "#8e8377", 740)
    for x in (0, 1620):
        out.append(rect(x, 0, 300, 726, "#9b7b62"))
        for i in range(1, 5):
            out.append(rect(x + i * 60 - 2, 0, 4, 726, darken("#9b7b62", 0.12)))
    out.append(rect(300, 0, 1320, 70, darken(wall, 0.08)))
    out += ceiling_lights(26, [560, 960, 1360], w=240)
    out += window(440, 150, 1040, 470, "#6e6a66", "#c9d8e3", panes=4)
    out.append(rect(330, 250, 70, 120, "#2f3238", rx=6.0))
    out += plant(1560, 740, 1.3, "#4e4a46", "#5f7f5e")
    # Long table and chairs.
    for i, (x, s) in enumerate([(740, 0.75), (640, 0.95), (520, 1.2)]):
        out += office_chair(x, 760 + i * 90, s, "#3d3a3a")
        out += office_chair(W - x, 760 + i * 90, s, "#3d3a3a")
    out += table_persp(960, 730, 1000, 420, 1300, wood)
    for x, y in ((820, 760), (1100, 760), (700, 860), (1220, 860)):
        out.append(
            rect(
                x - 30, y, 60, 40, "#f1efe9", opacity=0.85, transform=f"skewX({(x - 960) / 30:.0f})"
            )
        )
    out += [ellipse(960, 800, 30, 10, "#d9e2e6"), rect(950, 770, 20, 30, "#d9e2e6", opacity=0.8)]
    out.append(rect(0, 1000, W, 80, darken("#8e8377", 0.15)))
    return scene(wall, out)


def _office(night: bool) -> str:
    """Open-plan office; ``night`` gives the evening version with lamps and dark windows."""
    wall = "#dde3e4" if not night else "#3a4256"
    floor = "#b9b3a8" if not night else "#2e3344"
    sky = "#cfdfe8" if not night else "#1d2740"
    frame = "#7d858c" if not night else "#1a1f2c"
    out = backdrop(wall, floor, 720, darken(wall, 0.15))
    out.append(rect(0, 0, W, 60, darken(wall, 0.1)))
    if not night:
        out += ceiling_lights(22, [260, 700, 1140, 1580], w=260)
    for i, x in enumerate((120, 720, 1320)):
        out += window(x, 130, 480, 430, frame, sky, panes=2, night=night)
        if night and i == 1:
            out.append(circle(x + 380, 200, 26, "#e9e4cf", opacity=0.8))
    out.append(rect(660, 60, 20, 660, darken(wall, 0.08)))
    out.append(rect(1260, 60, 20, 660, darken(wall, 0.08)))
    desk = "#e6dfd3" if not night else "#4a5064"
    screen = "#9fb3c2" if not night else "#8fb4d6"
    chair = "#5d6b78" if not night else "#262b38"
    # Back row of desks.
    out.append(rect(120, 640, 1680, 22, desk))
    out.append(rect(120, 662, 1680, 60, darken(desk, 0.15)))
    for x in range(240, 1800, 300):
        out.append(rect(x - 60, 560, 120, 76, "#2c3038", rx=6.0))
        out.append(rect(x - 54, 566, 108, 64, screen, opacity=0.9 if night else 0.7))
        out.append(rect(x - 6, 636, 12, 6, "#2c3038"))
        if night:
            out.append(ellipse(x, 620, 150, 90, "url(#glow)"))
    # Front row with chairs.
    out.append(rect(0, 820, W, 30, desk))
    out.append(rect(0, 850, W, 90, darken(desk, 0.15)))
    for x in range(160, 1920, 420):
        out.append(rect(x - 90, 690, 180, 120, "#2c3038", rx=8.0))
        out.append(rect(x - 82, 698, 164, 104, screen, opacity=0.95 if night else 0.75))
        out.append(rect(x - 10, 810, 20, 10, "#2c3038"))
    for x in range(370, 1920, 420):
        out += office_chair(x, 1040, 1.0, chair)
    out += plant(
        60, 720, 1.1, "#d8d0c4" if not night else "#4b4f5c", "#6f8f6a" if not night else "#3c5046"
    )
    if night:
        out += [
            stroke("M 1500 820 L 1540 700 L 1600 690", "#c8c2b0", 8),
            path("M 1580 670 L 1650 700 L 1620 730 Z", fill="#d9d0b6"),
        ]
        out.append(ellipse(1620, 780, 220, 130, "url(#glow)"))
        out.append(rect(0, 0, W, H, "#101626", opacity=0.18))
    else:
        out += pendant(960, 80, "#56606a")
    return scene(wall, out)


def open_office() -> str:
    """Bright open-plan office by day."""
    return _office(False)


def evening_office() -> str:
    """The same office after hours: dark windows, glowing screens, one desk lamp."""
    return _office(True)


def break_room() -> str:
    """Kitchenette with cabinets, fridge, kettle and a small round table."""
    wall = "#dfe6dc"
    out = backdrop(wall, "#c2b6a4", 760)
    cab, top = "#f3efe7", "#9a8a78"
    out.append(rect(260, 200, 900, 190, cab))
    for x in range(260, 1160, 225):
        out.append(
            rect(
                x + 4, 204, 217, 182, lighten(cab, 0.3), stroke=darken(cab, 0.12), stroke_width=3.0
            )
        )
        out.append(rect(x + 100, 350, 26, 6, "#9a9a9a", rx=3.0))
    out.append(rect(260, 390, 900, 190, "#e9efe6"))
    for x in range(260, 1160, 45):
        out.append(rect(x, 390, 2, 190, darken(wall, 0.08)))
    out.append(rect(240, 576, 940, 24, top))
    out.append(rect(260, 600, 900, 160, cab))
    for x in range(260, 1160, 225):
        out.append(
            rect(
                x + 4, 604, 217, 152, lighten(cab, 0.3), stroke=darken(cab, 0.12), stroke_width=3.0
            )
        )
        out.append(rect(x + 90, 620, 46, 6, "#9a9a9a", rx=3.0))
    out.append(rect(300, 470, 160, 106, "#d9d9d6", rx=8.0))
    out.append(rect(316, 486, 100, 74, "#3a3f45", rx=4.0))
    out.append(path("M 560 576 L 570 500 L 630 500 L 640 576 Z", fill="#7c93a4"))
    out.append(stroke("M 636 520 C 660 520 660 556 638 556", "#7c93a4", 8))
    out += mug(720, 576, "#d98c6a") + mug(770, 576, "#8fb0a8")
    out += plant(1050, 576, 0.6, "#d9cbb5")
    out.append(rect(1240, 180, 280, 580, "#cfd5d8", rx=14.0))
    out.append(rect(1240, 400, 280, 6, "#aab1b5"))
    out.append(rect(1270, 300, 10, 70, "#9aa1a5", rx=5.0))
    out.append(rect(1270, 440, 10, 90, "#9aa1a5", rx=5.0))
    out.append(rect(1290, 220, 70, 60, "#f2c879", opacity=0.8))
    out.append(rect(1380, 230, 60, 44, "#9cc4d6", opacity=0.8))
    out += framed_art(1620, 200, 200, 260, ("#c9d7c5", "#e0a86d", "#7a9a8a"))
    out += pendant(520, 80, "#d98c6a")
    out += round_table(520, 880, 200, 44, "#efe7da", "#6d6a66")
    out += side_chair(270, 1040, 1.2, "#7a9a8a", 1)
    out += side_chair(780, 1040, 1.2, "#7a9a8a", -1)
    out += mug(500, 880, "#f2f0ea", 1.1)
    out += plant(1800, 860, 1.4, "#c9b8a3")
    return scene(wall, out)


def team_room() -> str:
    """Team space: whiteboard with sticky notes, wall screen, shared table."""
    wall = "#dfe4ea"
    out = backdrop(wall, "#a9b1ad", 760)
    out.append(rect(180, 170, 860, 440, "#f7f8f8", stroke="#aeb5bb", stroke_width=10.0))
    out.append(rect(170, 612, 880, 16, "#aeb5bb"))
    notes = ["#f4d06f", "#9ad0c2", "#f2a7a0", "#a9c4ec", "#c3e0a4"]
    for col in range(3):
        out.append(rect(220 + col * 270, 200, 230, 6, "#8d99a6"))
        for row in range(4 - col % 2):
            for k in range(2):
                if (row + k + col) % 4 == 3:
                    continue
                out.append(
                    rect(
                        232 + col * 270 + k * 104,
                        230 + row * 88,
                        84,
                        72,
                        notes[(row * 2 + k + col) % 5],
                        rx=3.0,
                        transform=f"rotate({((row + k + col) % 3) - 1} "
                        f"{274 + col * 270 + k * 104} {266 + row * 88})",
                    )
                )
    out.append(stroke("M 1000 300 C 1010 360 990 420 1004 480", "#5b7fa6", 5))
    out.append(rect(1160, 220, 420, 250, "#2d3138", rx=10.0))
    out.append(rect(1174, 234, 392, 222, "#b8c8d4"))
    for i, hh in enumerate((80, 120, 100, 160, 140)):
        out.append(rect(1210 + i * 66, 430 - hh, 40, hh, "#6f8fae" if i != 3 else "#e0a86d"))
    out.append(rect(1360, 470, 20, 40, "#2d3138"))
    out += plant(1760, 760, 1.3)
    out += table_persp(960, 800, 980, 900, 1500, "#d6c7b2", 30)
    out.append(rect(760, 840, 150, 10, "#3b3f46", transform="skewX(-20)"))
    out.append(polygon([(740, 840), (900, 840), (920, 780), (780, 780)], "#b7c0c8"))
    out.append(polygon([(1030, 860), (1180, 860), (1160, 800), (1030, 800)], "#c8ced3"))
    out += mug(1300, 900, "#e0a86d") + mug(620, 920, "#7a9a8a")
    out.append(rect(0, 1010, W, 70, darken("#a9b1ad", 0.12)))
    return scene(wall, out)


def one_on_one() -> str:
    """Small, quiet room for 1:1s: two armchairs, side table, lamp and window blinds."""
    wall = "#e8ddcf"
    out = backdrop(wall, "#b59f88", 780)
    out.append(rect(1180, 160, 440, 460, "#f1ece3"))
    out += skyline(1200, 180, 400, 420, "#d8e4ea")
    for y in range(180, 600, 26):
        out.append(rect(1200, y, 400, 14, "#efe9df", opacity=0.85))
    out.append(rect(1170, 150, 460, 20, "#cbbba7"))
    out += framed_art(320, 220, 300, 220, ("#d9c6b0", "#7f9c96", "#c98f6b"))
    out += [
        stroke("M 860 760 L 860 380", "#5b534c", 8),
        ellipse(860, 770, 60, 12, "#5b534c"),
        path("M 790 380 L 930 380 L 900 300 L 820 300 Z", fill="#efd9b0"),
    ]
    out.append(ellipse(860, 380, 240, 200, "url(#glow)"))
    out.append(ellipse(960, 960, 700, 110, "#a3b2a6", opacity=0.7))
    out.append(ellipse(960, 960, 640, 90, "#b3c0b4", opacity=0.7))
    # Armchairs.
    for x, f in ((520, 1), (1400, -1)):
        col = "#8b9e9a" if f > 0 else "#c49a7c"
        out.append(rect(x - 180, 640, 360, 260, darken(col, 0.1), rx=50.0))
        out.append(rect(x - 150 + 40 * f, 560, 300, 200, col, rx=60.0))
        out.append(rect(x - 200, 740, 400, 140, col, rx=40.0))
        out.append(rect(x - 200 + (f < 0) * 320, 700, 80, 180, lighten(col, 0.08), rx=36.0))
        out.append(rect(x - 150, 880, 20, 60, "#5b534c"))
        out.append(rect(x + 130, 880, 20, 60, "#5b534c"))
    out += round_table(960, 820, 110, 26, "#d8c3a5", "#5b534c")
    out += mug(930, 820, "#f4f1ec") + mug(990, 822, "#7f9c96")
    out += plant(1760, 780, 1.2, "#d6c8b5")
    return scene(wall, out)


def meeting_room() -> str:
    """Mid-size meeting room behind glass partitions with a presentation screen."""
    wall = "#e1e4e0"
    out = backdrop(wall, "#9ea6a2", 760)
    out.append(rect(0, 0, W, 50, darken(wall, 0.08)))
    out += ceiling_lights(18, [480, 960, 1440], w=300)
    out.append(rect(650, 150, 620, 360, "#2d3138", rx=10.0))
    out.append(rect(666, 166, 588, 328, "#e9eef0"))
    out.append(rect(700, 200, 200, 14, "#7d8f9e"))
    pts = [(700, 440), (790, 400), (880, 410), (970, 340), (1060, 300), (1150, 250), (1220, 230)]
    out.append(stroke("M " + " L ".join(f"{x} {y}" for x, y in pts), "#5f8fb0", 8))
    out.append(ellipse(1140, 330, 60, 60, "#e0a86d", opacity=0.85))
    out.append(path("M 1140 330 L 1140 270 A 60 60 0 0 1 1196 352 Z", fill="#7a9a8a"))
    out.append(rect(950, 510, 20, 30, "#2d3138"))
    for x in (0, 1640):
        out.append(rect(x, 50, 280, 710, "#cfdde2", opacity=0.55))
        out.append(rect(x, 340, 280, 60, "#ffffff", opacity=0.6))
        out.append(rect(x + (272 if x == 0 else 0), 50, 8, 710, "#8f9aa0"))
    out += plant(380, 760, 1.1)
    for i, (x, s) in enumerate([(760, 0.8), (640, 1.0)]):
        out += office_chair(x, 800 + i * 100, s, "#6a7f8c")
        out += office_chair(W - x, 800 + i * 100, s, "#6a7f8c")
    out += table_persp(960, 770, 1000, 560, 1180, "#e6e0d6", 26)
    out.append(polygon([(880, 820), (1000, 820), (1010, 790), (900, 790)], "#b7c0c8"))
    out += mug(1100, 900, "#f4f1ec")
    out.append(rect(0, 1000, W, 80, darken("#9ea6a2", 0.12)))
    return scene(wall, out)


def video_call() -> str:
    """Home desk seen over the laptop: a video call fills the screen."""
    wall = "#e6dccd"
    out = [rect(0, 0, W, H, "url(#wall)")]
    out.append(rect(1560, 80, 300, 420, "#cfdfe6"))
    out.append(rect(1540, 60, 340, 20, "#cbb9a1"))
    out.append(path("M 1540 80 C 1580 200 1560 360 1590 520 L 1540 520 Z", fill="#b7c7b2"))
    out.append(path("M 1880 80 C 1840 200 1860 360 1830 520 L 1880 520 Z", fill="#b7c7b2"))
    out += framed_art(80, 120, 240, 300, ("#d9c6b0", "#7f9c96", "#c98f6b"))
    out.append(rect(0, 860, W, 220, "#a98d70"))
    out.append(rect(0, 860, W, 18, lighten("#a98d70", 0.15)))
    # Laptop.
    out.append(rect(300, 60, 1320, 800, "#2b2e33", rx=28.0))
    out.append(rect(330, 90, 1260, 730, "#d7dde0"))
    out += bookshelf(360, 140, 420, 560, "#c5b49c")
    out.append(rect(330, 90, 1260, 730, "#e6ebed", opacity=0.35))
    out += plant(1440, 720, 1.2, "#d6c8b5")
    out.append(rect(1300, 580, 270, 170, "#3f4650", rx=10.0, stroke="#f4f1ec", stroke_width=4.0))
    out.append(circle(1435, 645, 30, "#c2a58a"))
    out.append(path("M 1375 750 C 1380 700 1490 700 1495 750 Z", fill="#6d8aa3"))
    bar_y = 770
    out.append(rect(760, bar_y - 10, 400, 70, "#2b2e33", opacity=0.8, rx=35.0))
    for i, col in enumerate(("#5a6068", "#5a6068", "#5a6068", "#d4574e")):
        out.append(circle(820 + i * 92, bar_y + 25, 22, col))
    out.append(rect(898, bar_y + 15, 24, 20, "#e9ecef", rx=4.0))
    out.append(rect(805, bar_y + 12, 30, 26, "#e9ecef", rx=13.0))
    out.append(rect(990, bar_y + 15, 22, 20, "#e9ecef", rx=3.0))
    out.append(rect(1086, bar_y + 20, 28, 10, "#ffffff", rx=5.0))
    out.append(circle(960, 75, 6, "#4a4f57"))
    out.append(polygon([(240, 1080), (1680, 1080), (1640, 870), (280, 870)], "#c5c9cd"))
    out.append(polygon([(280, 870), (1640, 870), (1645, 895), (276, 895)], "#9aa0a6"))
    for r in range(3):
        y = 920 + r * 50
        inset = 330 - r * 10
        for k in range(14):
            kx = inset + k * (W - 2 * inset) / 14
            out.append(rect(kx + 4, y, (W - 2 * inset) / 14 - 8, 38, "#dfe2e5", rx=5.0))
    out += mug(140, 960, "#7f9c96", 2.0)
    out += [
        stroke("M 1800 860 L 1780 620 L 1700 560", "#4d4a46", 10),
        path("M 1650 520 L 1760 540 L 1720 610 Z", fill="#e3c58a"),
    ]
    return scene(wall, out)


def coffee_corner() -> str:
    """Office coffee corner: espresso machine, tiled backsplash, stools and a menu board."""
    wall = "#e4d9ca"
    out = backdrop(wall, "#8f7a66", 780)
    out.append(rect(220, 330, 1480, 300, "#efe8dc"))
    for y in range(330, 630, 40):
        out.append(rect(220, y, 1480, 2, "#d6ccbc"))
        off = 0 if (y // 40) % 2 else 40
        for x in range(220 + off, 1700, 80):
            out.append(rect(x, y, 2, 40, "#d6ccbc"))
    out.append(rect(300, 120, 360, 170, "#3d4440", rx=8.0, stroke="#9b7b62", stroke_width=10.0))
    for i in range(4):
        out.append(rect(330, 150 + i * 34, 180 - (i % 2) * 50, 8, "#d9d6cf", rx=4.0))
        out.append(rect(560, 150 + i * 34, 60, 8, "#e0a86d", rx=4.0))
    out.append(rect(1180, 250, 440, 16, "#9b7b62"))
    for i, col in enumerate(("#d98c6a", "#7f9c96", "#f4f1ec", "#c9a66b", "#8a9fb0")):
        out += mug(1220 + i * 85, 250, col, 1.2)
    out.append(rect(200, 626, 1520, 26, "#6f5846"))
    out.append(rect(220, 652, 1480, 200, "#9b7b62"))
    for x in range(220, 1700, 185):
        out.append(rect(x + 6, 662, 173, 180, lighten("#9b7b62", 0.08)))
    out.append(rect(720, 400, 300, 226, "#b9bfc4", rx=16.0))
    out.append(rect(740, 420, 260, 40, "#868d93", rx=8.0))
    for x in (790, 950):
        out.append(rect(x - 22, 470, 44, 36, "#5a5f64", rx=6.0))
        out.append(rect(x - 8, 506, 16, 20, "#5a5f64"))
    out.append(rect(745, 590, 250, 14, "#868d93", rx=5.0))
    out += mug(790, 590, "#f4f1ec", 0.9)
    out.append(circle(900, 440, 8, "#7bc47f"))
    out.append(rect(1080, 470, 90, 156, "#3f4347", rx=12.0))
    out.append(path("M 1090 470 L 1100 400 L 1150 400 L 1160 470 Z", fill="#c9b8a3", opacity=0.8))
    for i in range(3):
        out.append(rect(420 + i * 70, 560, 50, 66, "#efe8dc", stroke="#c9b8a3", stroke_width=3.0))
    out += plant(1560, 626, 0.8, "#d6c8b5")
    for x in (560, 1100):
        out += pendant(x, 0, "#2f4f4a", lit=True, drop=140)
    for x in (420, 960, 1500):
        out.append(ellipse(x, 900, 90, 22, "#4f5a57"))
        out.append(rect(x - 8, 910, 16, 170, "#3f4347"))
        out.append(ellipse(x, 1040, 70, 12, "#3f4347", opacity=0.7))
    return scene(wall, out)


def title() -> str:
    """Abstract, calm title backdrop: layered soft hills and light circles, no text."""
    defs = (
        linear_gradient("sky", [(0, "#2f4858"), (0.55, "#50727a"), (1, "#c9b79c")], 0, 0, 0, H),
        radial_gradient(
            "sun",
            [(0, "#fbe8c3", 0.9), (0.5, "#f3cf96", 0.35), (1, "#f3cf96", 0.0)],
            1380,
            420,
            420,
        ),
    )
    out = [
        rect(0, 0, W, H, "url(#sky)"),
        circle(1380, 420, 420, "url(#sun)"),
        circle(1380, 420, 120, "#f8e4bd", opacity=0.9),
    ]
    layers = [
        ("#6f8f8a", 640, 0.55),
        ("#58787a", 720, 0.75),
        ("#3e5c63", 820, 0.9),
        ("#2d4550", 920, 1.0),
    ]
    for i, (col, base, op) in enumerate(layers):
        a = 70 + i * 15
        d = (
            f"M 0 {base} C 320 {base - a} 640 {base + a * 0.6} 960 {base - a * 0.2} "
            f"C 1280 {base - a} 1600 {base + a * 0.5} 1920 {base - a * 0.4} L 1920 1080 "
            f"L 0 1080 Z"
        )
        out.append(path(d, fill=col, opacity=op))
    for i in range(9):
        x, y = 180 + i * 197 % 1700, 140 + (i * 131) % 360
        out.append(circle(x, y, 6 + (i % 3) * 4, "#f6ead4", opacity=0.25))
    return document(W, H, out, defs=defs)


def icon() -> str:
    """App icon: two speech bubbles, one answering the other, on a teal tile."""
    body = [
        rect(0, 0, 256, 256, "#2f5d62", rx=52.0),
        path(
            "M 40 62 Q 40 44 58 44 L 158 44 Q 176 44 176 62 L 176 118 Q 176 136 158 136 "
            "L 86 136 L 58 164 L 62 136 L 58 136 Q 40 136 40 118 Z",
            fill="#f4efe6",
        ),
        path(
            "M 216 134 Q 216 116 198 116 L 110 116 Q 92 116 92 134 L 92 184 Q 92 202 110 202 "
            "L 170 202 L 196 226 L 192 202 L 198 202 Q 216 202 216 184 Z",
            fill="#e0a86d",
        ),
        circle(128, 159, 9, "#2f5d62"),
        circle(156, 159, 9, "#2f5d62"),
        circle(184, 159, 9, "#2f5d62"),
        rect(64, 72, 88, 12, "#2f5d62", rx=6.0, opacity=0.7),
        rect(64, 96, 60, 12, "#2f5d62", rx=6.0, opacity=0.7),
    ]
    return document(256, 256, body)


BACKGROUNDS: dict[str, Callable[[], str]] = {
    "boardroom": boardroom,
    "open_office": open_office,
    "break_room": break_room,
    "team_room": team_room,
    "one_on_one": one_on_one,
    "meeting_room": meeting_room,
    "video_call": video_call,
    "coffee_corner": coffee_corner,
    "evening_office": evening_office,
    "title": title,
}
