"""The share image: 1200×630 PNG (the size Open Graph and Twitter cards show without
cropping), drawn with Pillow and cached under a key made of the event’s `updated_at`, the
participant count and the phase, so any change draws a new one and the page’s og:image
address changes with it (scrapers cache images by address).
"""

import hashlib
import io
import random
from copy import copy
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path

from django.core.cache import cache as django_cache
from django.utils import timezone, translation
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from PIL import Image, ImageDraw, ImageFont

from events.models import Event
from events.zones.localformat import format_number
from events.zones.window import local_window

SHARE_IMAGE_SIZE = (1200, 630)
# Rendered images are small (~40 KB); a day is long enough, a change makes a new key anyway.
SHARE_IMAGE_CACHE_SECONDS = 24 * 3600

# Fonts: DejaVu Sans from the system (Debian's fonts-dejavu-core, which fontconfig pulls
# in), for its wide coverage of scripts in event titles. Where it is missing, Pillow's own
# built-in font (load_default with a size, Pillow ≥ 10.1), which covers Latin only.
SYSTEM_FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")

BACKGROUND = (11, 26, 51)
TEXT = (255, 255, 255)
MUTED = (170, 190, 215)
ACCENT = (255, 207, 51)


def count_sentence(total: int, phase: str, reported: bool) -> str:
    """How many take part, as the event page says it."""
    count = {"count": format_number(total)}
    if phase == "past" and reported:
        return (
            ngettext(
                "More than %(count)s person took part",
                "More than %(count)s people took part",
                total,
            )
            % count
        )
    if phase == "past":
        return ngettext("%(count)s person took part", "%(count)s people took part", total) % count
    if total == 0:
        return _("Be the first to sign up")
    if phase == "upcoming":
        return ngettext("%(count)s person will wave", "%(count)s people will wave", total) % count
    return ngettext("%(count)s person waving", "%(count)s people waving", total) % count


def wave_sentence(waves: int | None) -> str:
    """The waves counted with "I'm waving!", once the window is over ('' if none)."""
    if not waves:
        return ""
    # Translators: how many waved with "I'm waving!" during the window ("12,345 waved").
    return ngettext("%(count)s waved", "%(count)s waved", waves) % {"count": format_number(waves)}


# --- the share image ---------------------------------------------------------------------


@dataclass(frozen=True)
class ShareImage:
    png: bytes
    version: str


def share_image_version(event: Event, count: int, phase: str, waves: int | None = None) -> str:
    """A short tag that changes whenever the image would: the event, the counts, the phase."""
    raw = f"{event.pk}|{event.updated_at.isoformat()}|{count}|{phase}|{waves or 0}"
    return hashlib.sha256(raw.encode()).hexdigest()[:16]


# Languages whose script the image's font cannot draw (see share_image).
UNDRAWABLE_LANGUAGES = frozenset({"ja", "zh-hans", "hi", "ar"})


def _original(event: Event) -> Event:
    """`event` with its texts as the organiser wrote them (not the page's language)."""
    original = copy(event)
    for field, text in getattr(event, "original_texts", {}).items():
        setattr(original, field, text)
    return original


def share_image(
    event: Event, count: int, now: datetime | None = None, waves: int | None = None
) -> ShareImage:
    """The event's share image, from the cache or freshly drawn; `waves` (counted with
    "I'm waving!") is shown once the window is over."""
    phase = event.phase(now or timezone.now())
    waves = waves if phase == "past" else None
    if get_language() in UNDRAWABLE_LANGUAGES:
        # The image's font (DejaVu Sans) has no Japanese, Chinese or Devanagari letters, and
        # Pillow alone does not join and order Arabic: these get the English card (the
        # page itself, its title and description, are in the language).
        with translation.override("en"):
            return share_image(_original(event), count, now, waves)
    version = share_image_version(event, count, phase, waves)
    # The image's words are in the page's language (its address has the language in it).
    key = f"share-image:{event.pk}:{version}:{get_language()}"
    png = django_cache.get(key)
    if not isinstance(png, bytes):
        png = draw_share_image(event, count, phase, waves)
        django_cache.set(key, png, SHARE_IMAGE_CACHE_SECONDS)
    return ShareImage(png, version)


@cache
def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    path = SYSTEM_FONT_DIR / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
    if path.exists():
        return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size=size)


def _wrap(draw: ImageDraw.ImageDraw, text: str, font, width: int) -> list[str]:
    """Lines no wider than `width`: broken between words, or inside a word too long for a
    line (titles in scripts written without spaces)."""
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and draw.textlength(candidate, font=font) <= width:
            lines[-1] = candidate
            continue
        lines.append("")
        for character in word:
            if lines[-1] and draw.textlength(lines[-1] + character, font=font) > width:
                lines.append("")
            lines[-1] += character
    return lines or [""]


def _fitted_title(draw: ImageDraw.ImageDraw, title: str, width: int):
    """The title's lines and font: the biggest size that fits in three lines, else the
    smallest with the third line cut short."""
    for size in (72, 64, 56, 48, 40):
        font = _font(size, bold=True)
        lines = _wrap(draw, title, font, width)
        if len(lines) <= 3:
            return lines, font
    lines = lines[:3]
    while lines[2] and draw.textlength(lines[2] + "…", font=font) > width:
        lines[2] = lines[2][:-1]
    lines[2] += "…"
    return lines, font


def draw_share_image(event: Event, count: int, phase: str, waves: int | None = None) -> bytes:
    """A 1200×630 PNG: title, window in UTC, spacecraft and target, the participant count
    and, below it, the waves counted (when given)."""
    width, height = SHARE_IMAGE_SIZE
    image = Image.new("RGB", SHARE_IMAGE_SIZE, BACKGROUND)
    draw = ImageDraw.Draw(image)
    # A few stars, the same for the same event on every server.
    stars = random.Random(event.pk)  # noqa: S311 - decoration, not security
    for _star in range(140):
        x, y = stars.randrange(width), stars.randrange(height)
        shade = stars.randrange(70, 200)
        draw.point((x, y), fill=(shade, shade, min(255, shade + 30)))
    # The pale blue dot, bottom right.
    draw.ellipse((1040, 470, 1070, 500), fill=(90, 160, 235))
    margin = 72
    text_width = width - 2 * margin
    # Translators: the share image's top line, at most about 60 characters.
    tagline = _("wavesite · a photo session from space")
    draw.text((margin, 56), tagline, font=_font(28), fill=MUTED)

    lines, title_font = _fitted_title(draw, event.title, text_width)
    y = 110
    for line in lines:
        draw.text((margin, y), line, font=title_font, fill=TEXT)
        y += int(title_font.size * 1.18)

    window = local_window(event.window_start, event.window_end, "UTC")
    start, end = window.start, window.end
    when = f"{start.date_text}, {start.time_text}–"
    when += f"{end.date_text}, " if window.crosses_midnight else ""
    when += f"{end.time_text} UTC"
    y = max(y + 24, 360)
    draw.text((margin, y), when, font=_font(34), fill=TEXT)
    # Translators: on the share image, "Cassini · at Saturn": the spacecraft, then what it
    # photographs; at most about 50 characters.
    craft = _("%(spacecraft)s · at %(target)s") % {
        "spacecraft": event.spacecraft,
        "target": event.target,
    }
    draw.text((margin, y + 52), craft, font=_font(34), fill=MUTED)
    sentence = count_sentence(count, phase, bool(event.reported_participants))
    draw.text((margin, height - 110), sentence, font=_font(40, bold=True), fill=ACCENT)
    if waves:
        draw.text((margin, height - 58), wave_sentence(waves), font=_font(32), fill=TEXT)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()
