"""Pictures are rasterised once per size and kept in the user's cache folder.

A later start shows exactly the same pixels without rasterising again; an edited picture, a new
size, a corrupt or foreign file in the cache and a cache that cannot be written never show
anything stale or stop the game.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pygame
import pytest
from harness import make_app

from roleplay.gui import raster_cache
from roleplay.gui.resources import Resources, assets_dir

BACKGROUND = assets_dir() / "backgrounds" / "break_room.svg"
PORTRAIT = assets_dir() / "characters" / "jo" / "neutral.svg"


@pytest.fixture
def rasterised(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, int]]:
    """Records every size an SVG is really rasterised at."""
    sizes: list[tuple[int, int]] = []
    real = pygame.image.load_sized_svg

    def counting(source: object, size: tuple[int, int]) -> pygame.Surface:
        sizes.append(tuple(size))  # type: ignore[arg-type]
        return real(source, size)  # type: ignore[arg-type]

    monkeypatch.setattr(pygame.image, "load_sized_svg", counting)
    return sizes


def pixels(surface: pygame.Surface | None) -> bytes:
    assert surface is not None
    return pygame.image.tobytes(surface, "RGBA")


@pytest.fixture
def display() -> object:
    pygame.display.init()
    yield pygame.display.set_mode((64, 64))
    pygame.display.quit()


@pytest.mark.usefixtures("display")
@pytest.mark.parametrize("fit", ["contain", "cover"])
def test_a_second_start_shows_the_same_pixels_without_rasterising(
    rasterised: list[tuple[int, int]], fit: str
) -> None:
    first = Resources().image(BACKGROUND, (320, 200), fit)
    assert len(rasterised) == 1 and list(raster_cache.cache_dir().glob("*.png"))
    again = Resources().image(BACKGROUND, (320, 200), fit)  # a new game: only the disk cache
    assert len(rasterised) == 1
    assert pixels(again) == pixels(first)
    assert again is not None and first is not None and again.get_size() == first.get_size()


@pytest.mark.usefixtures("display")
def test_an_edited_picture_or_another_size_is_rasterised_again(
    tmp_path: Path, rasterised: list[tuple[int, int]]
) -> None:
    picture = tmp_path / "picture.svg"
    shutil.copy(PORTRAIT, picture)
    before = Resources().image(picture, (120, 160))
    Resources().image(picture, (240, 320))
    assert len(rasterised) == 2
    text = picture.read_text(encoding="utf-8")
    edited = text.replace("<svg", "<svg opacity='0.5'", 1)
    picture.write_text(edited, encoding="utf-8")
    after = Resources().image(picture, (120, 160))
    assert len(rasterised) == 3 and pixels(after) != pixels(before)


@pytest.mark.usefixtures("display")
def test_a_corrupt_or_odd_sized_cache_file_is_replaced(rasterised: list[tuple[int, int]]) -> None:
    good = pixels(Resources().image(PORTRAIT, (90, 120)))
    (entry,) = raster_cache.cache_dir().glob("*.png")
    entry.write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(200))
    assert pixels(Resources().image(PORTRAIT, (90, 120))) == good
    pygame.image.save(pygame.Surface((5, 5)), str(entry))  # a PNG, but not of this picture
    assert pixels(Resources().image(PORTRAIT, (90, 120))) == good
    assert len(rasterised) == 3
    assert pixels(Resources().image(PORTRAIT, (90, 120))) == good and len(rasterised) == 3


@pytest.mark.usefixtures("display")
def test_a_cache_that_cannot_be_written_only_means_rasterising_again(
    monkeypatch: pytest.MonkeyPatch, rasterised: list[tuple[int, int]]
) -> None:
    def full_disk(path: object, data: bytes, **_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("roleplay.write_bytes_atomic", full_disk)
    assert Resources().image(PORTRAIT, (90, 120)) is not None
    assert Resources().image(PORTRAIT, (90, 120)) is not None
    assert len(rasterised) == 2 and not list(raster_cache.cache_dir().glob("*.png"))


@pytest.mark.usefixtures("display")
def test_a_tinted_picture_reuses_the_plain_rasterisation(
    rasterised: list[tuple[int, int]],
) -> None:
    resources = Resources()
    plain = resources.image(PORTRAIT, (90, 120))
    dim = resources.image(PORTRAIT, (90, 120), "contain", (120, 120, 160))
    assert len(rasterised) == 1 and pixels(dim) != pixels(plain)


def test_the_folder_keeps_the_newest_pictures(tmp_path: Path) -> None:
    for index in range(6):
        picture = tmp_path / f"{index}.png"
        picture.write_bytes(b"x")
        os.utime(picture, (index, index))
    leftover = tmp_path / ".0.png.999999999.ab.tmp"  # its writer was killed
    leftover.write_bytes(b"half")
    assert raster_cache.sweep(tmp_path, keep=4) == 2
    assert sorted(p.name for p in tmp_path.glob("*.png")) == ["2.png", "3.png", "4.png", "5.png"]
    assert not leftover.exists()


def test_the_game_starts_from_cached_pictures(rasterised: list[tuple[int, int]]) -> None:
    app = make_app()
    app.frame()
    drawn = len(rasterised)
    pygame.display.quit()
    assert drawn > 0
    app = make_app()
    app.frame()
    pygame.display.quit()
    assert len(rasterised) == drawn  # the title screen's pictures came from the cache
