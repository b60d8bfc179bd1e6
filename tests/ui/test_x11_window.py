"""The game in a real X server (Xvfb): the screen shows exactly the frame the game drew, and
showing it loads no OpenGL driver (the window's pixels go to X as shared-memory images).

Each check runs the game in a child process on its own Xvfb, whose screen is mirrored to a file
(``-fbdir``) that the test reads back.
"""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

CHILD = """
import json, os, shutil, sys, time
import pygame
from roleplay.learner.desktop import create_app

app = create_app((1280, 720), scenarios_dir=None)
app.reset("title")
for _ in range(40):
    app.step(1 / 30)
app.draw()
time.sleep(0.5)
maps = open("/proc/self/maps", encoding="utf-8").read()
gl = sorted({line.split("/")[-1] for line in maps.splitlines()
             if "libGLX" in line or "_dri.so" in line or "libLLVM" in line})
pygame.image.save(app.screen, sys.argv[1])
shutil.copyfile(sys.argv[2], sys.argv[3])  # the X screen, while the window is still up
print(json.dumps({"gl": gl, "hint": os.environ.get("SDL_FRAMEBUFFER_ACCELERATION"),
                  "driver": pygame.display.get_driver()}))
"""


@pytest.fixture(scope="module")
def xvfb(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """An Xvfb of the window's size whose screen is mirrored to a file; its display and file."""
    folder = tmp_path_factory.mktemp("xvfb")
    read, write = os.pipe()
    server = subprocess.Popen(
        [
            *("Xvfb", "-displayfd", str(write), "-screen", "0", "1280x720x24"),
            *("-fbdir", str(folder), "-nolisten", "tcp"),
        ],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    assert number, "Xvfb did not start"
    yield f":{number}", folder / "Xvfb_screen0"
    server.terminate()
    server.wait(timeout=10)


def run_game(display: str, screen: Path, folder: Path, **env: str) -> dict[str, object]:
    """Draw the title screen on ``display``: ``folder`` gets the drawn frame (drawn.png) and
    the X screen (screen.xwd); returns what the child reports."""
    home = folder / "home"
    child_env = dict(os.environ, DISPLAY=display, SDL_VIDEODRIVER="x11", ROLEPLAY_HOME=str(home))
    child_env.pop("SDL_FRAMEBUFFER_ACCELERATION", None)
    child_env.update(env)
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            CHILD,
            *(str(p) for p in (folder / "drawn.png", screen)),
            str(folder / "screen.xwd"),
        ],
        env=child_env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def screen_rgb(xwd: Path) -> tuple[int, int, bytes]:
    """Width, height and RGB bytes of a 32-bit-per-pixel XWD screen dump (Xvfb's -fbdir)."""
    data = xwd.read_bytes()
    header = struct.unpack(">25I", data[:100])
    size, width, height, bits, bytes_per_line, colours = (
        header[0],
        header[4],
        header[5],
        header[11],
        header[12],
        header[19],
    )
    assert bits == 32
    start = size + colours * 12
    rgb = bytearray()
    for row in range(height):
        line = data[start + row * bytes_per_line : start + row * bytes_per_line + width * 4]
        for x in range(0, len(line), 4):
            blue, green, red = line[x], line[x + 1], line[x + 2]
            rgb += bytes((red, green, blue))
    return width, height, bytes(rgb)


def test_the_screen_shows_the_drawn_frame_and_no_opengl_driver_is_loaded(
    xvfb: tuple[str, Path], tmp_path: Path
) -> None:
    import pygame

    display, screen = xvfb
    report = run_game(display, screen, tmp_path)
    assert report["driver"] == "x11"
    assert report["hint"] == "0"
    assert report["gl"] == []
    drawn = pygame.image.tobytes(pygame.image.load(str(tmp_path / "drawn.png")), "RGB")
    width, height, shown = screen_rgb(tmp_path / "screen.xwd")
    assert (width, height) == (1280, 720)
    assert shown == drawn
    assert len(set(shown[i : i + 3] for i in range(0, len(shown), 3 * 997))) > 20  # not blank


def test_a_player_who_wants_accelerated_presentation_keeps_it(
    xvfb: tuple[str, Path], tmp_path: Path
) -> None:
    display, screen = xvfb
    report = run_game(display, screen, tmp_path, SDL_FRAMEBUFFER_ACCELERATION="1")
    assert report["hint"] == "1"
