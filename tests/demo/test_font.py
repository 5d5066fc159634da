"""The demo's pictures are drawn with a font that has the French letters (Debian's DejaVu): « É » is a real
glyph, not the .notdef box a font without it draws."""

import pytest
from PIL import Image, ImageChops, ImageDraw

from demo import images


def drawn(text, font):
    picture = Image.new("L", (200, 200), 0)
    ImageDraw.Draw(picture).text((20, 20), text, fill=255, font=font)
    return picture


@pytest.fixture
def font():
    if images.font_path() is None:
        pytest.skip("fonts-dejavu-core is not installed (load_demo installs it as root)")
    images._font.cache_clear()
    return images._font(72)


def test_accented_capital_is_a_real_glyph(font):
    accented, plain, missing = (
        drawn("É", font),
        drawn("E", font),
        drawn("\U000f0000", font),
    )  # private use: .notdef
    assert ImageChops.difference(accented, missing).getbbox() is not None, (
        "É is drawn as the missing-glyph box"
    )
    # The same letter with its accent: taller than E, and the same width.
    accented_box, plain_box = accented.getbbox(), plain.getbbox()
    assert accented_box[1] < plain_box[1]
    assert abs((accented_box[2] - accented_box[0]) - (plain_box[2] - plain_box[0])) <= 2


def test_every_french_letter_has_a_glyph(font):
    missing = drawn("\U000f0000", font)
    for letter in "ÀÂÇÉÈÊËÎÏÔÙÛÜŸŒÆàâçéèêëîïôùûüÿœæ":
        assert ImageChops.difference(drawn(letter, font), missing).getbbox() is not None, letter


def test_pictures_use_the_font_file():
    assert images.FONT_PATHS[0].name.startswith("DejaVuSans")
    if images.font_path() is not None:
        images._font.cache_clear()
        assert images._font(20).path == str(images.font_path())
