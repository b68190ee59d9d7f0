"""What a shared link shows: the page's address, its preview card, the share image, the
share links, and the QR code for posters.

The share image (1200×630 PNG, the size Open Graph and Twitter cards show without
cropping) is drawn with Pillow and kept in the cache under a key made of the event's
`updated_at`, the participant count and the phase, so any change draws a new one and the
page's og:image address changes with it (scrapers cache images by address).
"""

import hashlib
import io
import random
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.core.cache import cache as django_cache
from django.urls import reverse
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont

from events.calendar import google_calendar_url
from events.localtime import local_window
from events.models import Event, ResultImage

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


def canonical_url(event: Event) -> str:
    """The event page's one public address (absolute: previews and QR codes leave the site)."""
    return settings.SITE_URL + event.get_absolute_url()


def share_url(event: Event, zone_name: str | None = None) -> str:
    """The address to share: the canonical one, with `?tz=` keeping the sharer's zone."""
    url = canonical_url(event)
    # "/" stays as it is (Europe/Paris): the link reads well and means the same.
    return f"{url}?{urlencode({'tz': zone_name}, safe='/')}" if zone_name else url


def count_sentence(total: int, phase: str, reported: bool) -> str:
    """How many take part, as the event page says it."""
    people = "person" if total == 1 else "people"
    if phase == "past":
        return (
            f"More than {total:,} people took part" if reported else f"{total:,} {people} took part"
        )
    if total == 0:
        return "Be the first to sign up"
    return f"{total:,} {people} will wave" if phase == "upcoming" else f"{total:,} {people} waving"


# --- the share image ---------------------------------------------------------------------


@dataclass(frozen=True)
class ShareImage:
    png: bytes
    version: str


def share_image_version(event: Event, count: int, phase: str) -> str:
    """A short tag that changes whenever the image would: the event, the count, the phase."""
    raw = f"{event.pk}|{event.updated_at.isoformat()}|{count}|{phase}"
    return hashlib.sha256(raw.encode()).hexdigest()[:16]


def share_image(event: Event, count: int, now: datetime | None = None) -> ShareImage:
    """The event's share image, from the cache or freshly drawn."""
    phase = event.phase(now or timezone.now())
    version = share_image_version(event, count, phase)
    key = f"share-image:{event.pk}:{version}"
    png = django_cache.get(key)
    if not isinstance(png, bytes):
        png = draw_share_image(event, count, phase)
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


def draw_share_image(event: Event, count: int, phase: str) -> bytes:
    """A 1200×630 PNG: title, window in UTC, spacecraft and target, the participant count."""
    width, height = SHARE_IMAGE_SIZE
    image = Image.new("RGB", SHARE_IMAGE_SIZE, BACKGROUND)
    draw = ImageDraw.Draw(image)
    # A few stars, the same for the same event on every server.
    stars = random.Random(event.pk)  # noqa: S311 - decoration, not security
    for _ in range(140):
        x, y = stars.randrange(width), stars.randrange(height)
        shade = stars.randrange(70, 200)
        draw.point((x, y), fill=(shade, shade, min(255, shade + 30)))
    # The pale blue dot, bottom right.
    draw.ellipse((1040, 470, 1070, 500), fill=(90, 160, 235))
    margin = 72
    text_width = width - 2 * margin
    draw.text((margin, 56), "wavesite · a photo session from space", font=_font(28), fill=MUTED)

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
    draw.text(
        (margin, y + 52), f"{event.spacecraft} · at {event.target}", font=_font(34), fill=MUTED
    )
    sentence = count_sentence(count, phase, bool(event.reported_participants))
    draw.text((margin, height - 110), sentence, font=_font(40, bold=True), fill=ACCENT)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


# --- share links and the QR code ---------------------------------------------------------


@dataclass(frozen=True)
class ShareLink:
    name: str
    url: str

    @property
    def is_web(self) -> bool:
        """A web page (opened in a new tab), not a mailto: link."""
        return self.url.startswith("https://")


def share_links(url: str, title: str) -> tuple[ShareLink, ...]:
    """Plain links to each service's own share page: no script of theirs on ours."""
    text = f"{title}: wave at the spacecraft with me"
    return (
        ShareLink("Email", f"mailto:?{urlencode({'subject': title, 'body': f'{text}\n{url}'})}"),
        ShareLink("WhatsApp", f"https://wa.me/?{urlencode({'text': f'{text} {url}'})}"),
        ShareLink("Telegram", f"https://t.me/share/url?{urlencode({'url': url, 'text': text})}"),
        ShareLink(
            "Bluesky",
            f"https://bsky.app/intent/compose?{urlencode({'text': f'{text} {url}'})}",
        ),
        ShareLink("X", f"https://x.com/intent/post?{urlencode({'text': text, 'url': url})}"),
        ShareLink(
            "Facebook", f"https://www.facebook.com/sharer/sharer.php?{urlencode({'u': url})}"
        ),
        ShareLink(
            "LinkedIn",
            f"https://www.linkedin.com/sharing/share-offsite/?{urlencode({'url': url})}",
        ),
    )


def qr_svg(url: str) -> bytes:
    """A QR code of `url` as SVG, dark on light with its quiet zone, to print at any size."""
    code = segno.make(url, error="m", micro=False)
    out = io.BytesIO()
    code.save(
        out,
        kind="svg",
        scale=8,
        border=4,
        dark="#000000",
        light="#ffffff",
        xmldecl=False,
        title=f"QR code: {url}",
    )
    return out.getvalue()


# --- the partners' JSON ------------------------------------------------------------------

UTC_FORMAT = "%Y-%m-%dT%H:%M:%SZ"


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime(UTC_FORMAT)


def event_summary(event: Event, participants, results: list[ResultImage], now: datetime) -> dict:
    """The event as partners read it: window in UTC, status ('upcoming', 'live', 'past'),
    counts and absolute links. Counts only: nothing about any participant."""

    def absolute(name: str, **kwargs) -> str:
        return settings.SITE_URL + reverse(name, kwargs={"slug": event.slug, **kwargs})

    phase = event.phase(now)
    version = share_image_version(event, participants.total, phase)
    camera = None
    if event.camera_start is not None and event.camera_end is not None:
        camera = {"start": _utc(event.camera_start), "end": _utc(event.camera_end)}
    return {
        "slug": event.slug,
        "title": event.title,
        "summary": event.summary,
        "spacecraft": event.spacecraft,
        "target": event.target,
        "is_sample": event.is_sample,
        "status": phase,
        "window": {
            "start": _utc(event.window_start),
            "end": _utc(event.window_end),
            "duration_seconds": int(event.duration.total_seconds()),
        },
        "camera_window": camera,
        "participants": {
            "confirmed": participants.confirmed,
            "reported": participants.reported,
            "total": participants.total,
        },
        "results": [
            {
                "url": settings.SITE_URL + reverse("events:result_file", kwargs={"pk": result.pk}),
                "caption": result.caption,
                "credit": result.credit,
                "alt_text": result.alt_text,
                "width": result.width,
                "height": result.height,
            }
            for result in results
        ],
        "links": {
            "page": canonical_url(event),
            "calendar": absolute("events:calendar"),
            "google_calendar": google_calendar_url(event, canonical_url(event)),
            "embed": absolute("events:embed"),
            "share_image": f"{absolute('events:share_image')}?v={version}",
            "qr_code": absolute("events:qr"),
            "world_times": absolute("events:times"),
            "announcements": absolute("events:feed"),
            "gallery": absolute("events:gallery"),
        },
    }
