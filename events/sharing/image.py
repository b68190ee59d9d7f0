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

from django.core.cache import cache as django_cache
from django.utils import timezone, translation
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from PIL import Image, ImageDraw

from events.models import Event
from events.sharing.lettering import Lettering, lettering
from events.zones.localformat import format_number
from events.zones.window import local_window

SHARE_IMAGE_SIZE = (1200, 630)
# Rendered images are small (~40 KB); a day is long enough, a change makes a new key anyway.
SHARE_IMAGE_CACHE_SECONDS = 24 * 3600

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
    version = share_image_version(event, count, phase, waves)
    # The image's words are in the page's language (its address has the language in it).
    key = f"share-image:{event.pk}:{version}:{get_language()}"
    png = django_cache.get(key)
    if not isinstance(png, bytes):
        png = draw_share_image(event, count, phase, waves)
        django_cache.set(key, png, SHARE_IMAGE_CACHE_SECONDS)
    return ShareImage(png, version)


@dataclass(frozen=True)
class Card:
    """The words on the share image, in one language."""

    tagline: str
    title: str
    when: str
    craft: str
    sentence: str
    waves: str

    @property
    def text(self) -> str:
        return " ".join(
            (self.tagline, self.title, self.when, self.craft, self.sentence, self.waves)
        )


def card_words(event: Event, count: int, phase: str, waves: int | None) -> Card:
    """The card's words in the active language."""
    window = local_window(event.window_start, event.window_end, "UTC")
    start, end = window.start, window.end
    end_text = end.datetime_text if window.crosses_midnight else end.time_text
    when = f"{start.datetime_text}–{end_text} UTC"
    return Card(
        # Translators: the share image's top line, at most about 60 characters.
        tagline=_("wavesite · a photo session from space"),
        title=event.title,
        when=when,
        # Translators: on the share image, "Cassini · at Saturn": the spacecraft, then what
        # it photographs; at most about 50 characters.
        craft=_("%(spacecraft)s · at %(target)s")
        % {"spacecraft": event.spacecraft, "target": event.target},
        sentence=count_sentence(count, phase, bool(event.reported_participants)),
        waves=wave_sentence(waves),
    )


def card_and_lettering(
    event: Event, count: int, phase: str, waves: int | None
) -> tuple[Card, Lettering]:
    """The card in the page's language, drawn with that language's fonts; or, where this
    machine has no font (or no shaping) for its script, the English card with the event's
    original title: English words rather than boxes (see events/sharing/lettering.py)."""
    language = get_language() or "en"
    card, letters = card_words(event, count, phase, waves), lettering(language)
    if language == "en" or letters.can_draw(card.text):
        return card, letters
    with translation.override("en"):
        english = card_words(_original(event), count, phase, waves)
    if lettering("en").can_draw(english.text):
        return english, lettering("en")
    # Neither can draw every letter (an emoji in the title, in every language): the page's
    # own language, as well as its fonts can.
    return card, letters


def _wrap(draw: ImageDraw.ImageDraw, text: str, letters: Lettering, size: int, width: int):
    """Lines no wider than `width`: broken between words, or inside a word too long for a
    line (titles in scripts written without spaces)."""
    lines: list[str] = []

    def fits(line: str) -> bool:
        return letters.length(draw, line, size, bold=True) <= width

    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and fits(candidate):
            lines[-1] = candidate
            continue
        lines.append("")
        for character in word:
            if lines[-1] and not fits(lines[-1] + character):
                lines.append("")
            lines[-1] += character
    return lines or [""]


def _fitted_title(draw: ImageDraw.ImageDraw, title: str, letters: Lettering, width: int):
    """The title's lines and size: the biggest size that fits in three lines, else the
    smallest with the third line cut short."""
    for size in (72, 64, 56, 48, 40):
        lines = _wrap(draw, title, letters, size, width)
        if len(lines) <= 3:
            return lines, size
    lines = lines[:3]
    while lines[2] and letters.length(draw, lines[2] + "…", size, bold=True) > width:
        lines[2] = lines[2][:-1]
    lines[2] += "…"
    return lines, size


def draw_share_image(event: Event, count: int, phase: str, waves: int | None = None) -> bytes:
    """A 1200×630 PNG: title, window in UTC, spacecraft and target, the participant count
    and, below it, the waves counted (when given). Right to left in Arabic."""
    card, letters = card_and_lettering(event, count, phase, waves)
    width, height = SHARE_IMAGE_SIZE
    image = Image.new("RGB", SHARE_IMAGE_SIZE, BACKGROUND)
    draw = ImageDraw.Draw(image)
    # A few stars, the same for the same event on every server.
    stars = random.Random(event.pk)  # noqa: S311 - decoration, not security
    for _star in range(140):
        x, y = stars.randrange(width), stars.randrange(height)
        shade = stars.randrange(70, 200)
        draw.point((x, y), fill=(shade, shade, min(255, shade + 30)))
    margin = 72
    # The pale blue dot, in the bottom corner where the lines end.
    dot = 130 if letters.right_to_left else 1040
    draw.ellipse((dot, 470, dot + 30, 500), fill=(90, 160, 235))
    # Lines start at the left margin, or in a right-to-left language at the right one.
    x = width - margin if letters.right_to_left else margin
    letters.draw(draw, (x, 56), card.tagline, 28, MUTED)

    lines, title_size = _fitted_title(draw, card.title, letters, width - 2 * margin)
    y = 110
    for line in lines:
        letters.draw(draw, (x, y), line, title_size, TEXT, bold=True)
        y += int(title_size * 1.18)

    y = max(y + 24, 360)
    letters.draw(draw, (x, y), card.when, 34, TEXT)
    letters.draw(draw, (x, y + 52), card.craft, 34, MUTED)
    letters.draw(draw, (x, height - 110), card.sentence, 40, ACCENT, bold=True)
    if card.waves:
        letters.draw(draw, (x, height - 58), card.waves, 32, TEXT)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()
