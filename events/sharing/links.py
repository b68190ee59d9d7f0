"""What a shared link carries: the page’s canonical address and the share links."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from events.models import Event


def canonical_url(event: Event) -> str:
    """The event page's one public address (absolute: previews and QR codes leave the site)."""
    return settings.SITE_URL + event.get_absolute_url()


def share_url(event: Event, zone_name: str | None = None) -> str:
    """The address to share: the canonical one, with `?tz=` keeping the sharer's zone."""
    url = canonical_url(event)
    # "/" stays as it is (Europe/Paris): the link reads well and means the same.
    return f"{url}?{urlencode({'tz': zone_name}, safe='/')}" if zone_name else url


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
    # Translators: the text shared with the event's link; %(title)s is the event's title.
    text = _("%(title)s: wave at the spacecraft with me") % {"title": title}
    return (
        ShareLink(
            pgettext("share by", "Email"),
            f"mailto:?{urlencode({'subject': title, 'body': f'{text}\n{url}'})}",
        ),
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
