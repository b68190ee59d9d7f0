#!/usr/bin/env python
"""Draw the site's PNG icons (the SVG favicon's twins, for browsers and home screens that
want a bitmap): static/img/favicon-32.png and static/img/apple-touch-icon.png. Run once
after changing the design; the files are committed.

    .venv/bin/python scripts/make_icons.py
"""

from pathlib import Path

from PIL import Image, ImageDraw

STATIC = Path(__file__).resolve().parent.parent / "static" / "img"
NIGHT, DOT = (11, 26, 51), (142, 197, 255)


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


if __name__ == "__main__":
    STATIC.mkdir(parents=True, exist_ok=True)
    icon(32).save(STATIC / "favicon-32.png", optimize=True)
    icon(180).save(STATIC / "apple-touch-icon.png", optimize=True)
