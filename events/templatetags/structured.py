"""{% json_ld data %}: a <script type="application/ld+json"> data block. Browsers never run
it (the CSP's script-src does not apply to data blocks); <, > and & are escaped in the JSON
as Django's json_script does, so no text in it can close the element.

{% absolute_url "events:home" %} and {% absolute_static "img/og-home.png" %}: full addresses
on settings.SITE_URL, as Open Graph wants them, the same for every visitor (no request's
host: public pages are cached and shared)."""

import json

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def json_ld(data: dict) -> str:
    encoded = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(encoded))  # noqa: S308 - escaped above


@register.simple_tag
def absolute_url(view_name: str, *args) -> str:
    return settings.SITE_URL + reverse(view_name, args=args)


@register.simple_tag
def absolute_static(path: str) -> str:
    url = static(path)
    return url if "://" in url else settings.SITE_URL + url  # STATIC_URL may be a CDN's
