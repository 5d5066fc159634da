"""Demo pictures drawn locally with Pillow: no download, no real person."""

import functools
import hashlib
import io
import os
import shutil
import subprocess
from pathlib import Path

from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from PIL import ImageDraw, ImageFont
from wagtail.images.models import Image

PALETTE = [
    ("#1b3a6b", "#ffb347"),
    ("#a8430c", "#fde3c8"),
    ("#1e6b35", "#d7f0de"),
    ("#4b2a7b", "#e6dcf5"),
    ("#0d5c63", "#d3eef0"),
    ("#7a1f3d", "#f6d9e3"),
]


def _colours(seed: str) -> tuple[str, str]:
    return PALETTE[int(hashlib.sha1(seed.encode()).hexdigest(), 16) % len(PALETTE)]


#: Debian's fonts-dejavu-core: every French letter (É, À, Ç, œ…), unlike Pillow's default font.
FONT_PATHS = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
)
FONT_PACKAGE = "fonts-dejavu-core"


def font_path() -> Path | None:
    return next((path for path in FONT_PATHS if path.exists()), None)


def ensure_font(log=lambda _line: None) -> Path | None:
    """The DejaVu font, installed with apt-get when it is missing and we are root (as the Makefile's
    `browser` and `gettext` targets do); None when it cannot be (the pictures then use Pillow's default
    font, whose accented capitals may be missing)."""
    path = font_path()
    if path is not None:
        return path
    if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        log(f"Installation de {FONT_PACKAGE} (police des images de démonstration)…")
        environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=False, env=environment, capture_output=True)
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", FONT_PACKAGE],
            check=False,
            env=environment,
            capture_output=True,
        )
        path = font_path()
    if path is None:
        log(f"Police {FONT_PACKAGE} absente : les images de démonstration utilisent la police de Pillow.")
    return path


@functools.lru_cache(maxsize=16)
def _font(size: int):
    path = font_path()
    if path is not None:
        return ImageFont.truetype(str(path), size=size)
    try:
        return ImageFont.load_default(size=size)
    except TypeError:  # Pillow < 10.1
        return ImageFont.load_default()


def _save(picture: PillowImage.Image, title: str, collection=None) -> Image:
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG", optimize=True)
    filename = hashlib.sha1(title.encode()).hexdigest()[:12] + ".png"
    image = Image(title=title, file=ImageFile(buffer, name=filename))
    if collection is not None:
        image.collection = collection
    image.save()
    return image


def portrait(initials: str, title: str, collection=None) -> Image:
    """A square avatar with initials: stands in for a promeneur's photo."""
    background, foreground = _colours(title)
    picture = PillowImage.new("RGB", (400, 400), background)
    draw = ImageDraw.Draw(picture)
    draw.ellipse((120, 70, 280, 230), fill=foreground)
    draw.rounded_rectangle((70, 250, 330, 420), radius=90, fill=foreground)
    draw.text((200, 150), initials.upper(), fill=background, font=_font(72), anchor="mm")
    return _save(picture, title, collection)


def banner(text: str, title: str, collection=None) -> Image:
    """A 16:9 illustration with a caption, for news and content pages."""
    background, foreground = _colours(title)
    picture = PillowImage.new("RGB", (1280, 720), background)
    draw = ImageDraw.Draw(picture)
    for step in range(8):
        offset = step * 90
        draw.ellipse(
            (900 - offset, -200 + offset // 2, 1500 - offset, 400 + offset // 2), outline=foreground, width=6
        )
    draw.text((80, 600), text, fill="#ffffff", font=_font(56), anchor="ls")
    return _save(picture, title, collection)
