#!/usr/bin/env python
"""Draw the site's PNG icons (the SVG favicon's twins, for browsers and home screens that
want a bitmap): static/img/favicon-32.png and static/img/apple-touch-icon.png; and the home
page's link-preview picture, static/img/og-home.png (1200×630, Open Graph's usual size).
Run once after changing the design; the files are committed.

    .venv/bin/python scripts/make_icons.py
"""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

STATIC = Path(__file__).resolve().parent.parent / "static" / "img"
NIGHT, DOT = (11, 26, 51), (142, 197, 255)
OG_SIZE = (1200, 630)
OG_TEXT = "wavesite — wave at the spacecraft"
# DejaVu Sans as the share images use (events/sharing/image.py), else Pillow's own font.
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")


def icon(size: int) -> Image.Image:
    scale = 4  # drawn large, then reduced: smooth edges
    side = size * scale
    image = Image.new("RGB", (side, side), NIGHT)
    draw = ImageDraw.Draw(image)
    centre, dot, ring = side / 2, side * 9 / 64, side * 17 / 64
    draw.ellipse(
        (centre - ring, centre - ring, centre + ring, centre + ring),
        outline=(72, 104, 140),
        width=max(1, side // 32),
    )
    draw.ellipse((centre - dot, centre - dot, centre + dot, centre + dot), fill=DOT)
    return image.resize((size, size), Image.LANCZOS)


def og_home() -> Image.Image:
    """The home page's preview card: the pale blue dot on the night sky, and the name."""
    width, height = OG_SIZE
    image = Image.new("RGB", OG_SIZE, NIGHT)
    draw = ImageDraw.Draw(image)
    x, y, dot = width / 2, height * 0.4, 46
    draw.ellipse(
        (x - 2 * dot, y - 2 * dot, x + 2 * dot, y + 2 * dot), outline=(72, 104, 140), width=6
    )
    draw.ellipse((x - dot, y - dot, x + dot, y + dot), fill=DOT)
    size = 64
    font = ImageFont.truetype(str(FONT), size) if FONT.exists() else ImageFont.load_default(size)
    while draw.textlength(OG_TEXT, font=font) > width - 120:
        size -= 2
        font = font.font_variant(size=size)
    draw.text((x, height * 0.78), OG_TEXT, font=font, fill=(226, 236, 250), anchor="mm")
    return image


if __name__ == "__main__":
    STATIC.mkdir(parents=True, exist_ok=True)
    icon(32).save(STATIC / "favicon-32.png", optimize=True)
    icon(180).save(STATIC / "apple-touch-icon.png", optimize=True)
    og_home().save(STATIC / "og-home.png", optimize=True)
