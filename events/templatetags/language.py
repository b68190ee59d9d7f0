"""The visitor's language on every page (issue 14).

{% language_switcher %}: a link per language to the same page in it (through
/language/<code>/, which remembers the choice); plain links, so it works without JavaScript.
{% language_alternates %}: <link rel="alternate" hreflang> for every language, and
x-default, on settings.SITE_URL (the same for every visitor: public pages are cached).
{{ number|number }}: digits grouped as the page's language groups them (CLDR, via Babel).
{{ code|country }}: a country's name in the page's language, from the one catalogue
(events/zones/localformat.py) that every page, form, filter and export uses.
"""

from urllib.parse import quote

from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.html import format_html_join
from django.utils.timezone import template_localtime

from events.zones.localformat import (
    country_name,
    date_and_time,
    date_text,
    datetime_text,
    duration_text,
    format_number,
    short_date_text,
    time_text,
)

register = template.Library()


def _page_path(context) -> str:
    request = context.get("request")
    return request.path if request is not None else "/"


def _page_address(context) -> str:
    """The address the switcher goes back to: the page's canonical address where it has one
    (the zone and place it shows, `picker_next`, never a visitor's `utm_source=`: cached
    pages are the same for everyone), else its path."""
    return context.get("picker_next") or _page_path(context)


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context) -> dict:
    current = translation.get_language()
    path = _page_address(context)
    languages = [
        {
            "code": code,
            "name": name,
            "current": code == current,
            "url": f"{reverse('switch_language', args=[code])}?next={quote(path, safe='/')}",
        }
        for code, name in settings.LANGUAGES
    ]
    return {"languages": languages, "current_name": dict(settings.LANGUAGES)[current]}


@register.simple_tag(takes_context=True)
def language_alternates(context) -> str:
    path = _page_path(context)
    links = [
        (code, settings.SITE_URL + translate_url(path, code)) for code, _ in settings.LANGUAGES
    ]
    links.append(("x-default", settings.SITE_URL + translate_url(path, settings.LANGUAGE_CODE)))
    return format_html_join("\n  ", '<link rel="alternate" hreflang="{}" href="{}">', links)


@register.filter
def number(value) -> str:
    """12345 → '12,345' (English), '12.345' (German), '12 345' (French)."""
    try:
        return format_number(value)
    except (TypeError, ValueError):
        return value


@register.filter
def country(code: str) -> str:
    return country_name(code)


# Dates and times in the page's language, for the `|date:"…"` filters that wrote English:
# {{ moment|local_date }} 'Friday 19 July 2013', {{ moment|local_time }} '21:27',
# {{ moment|local_datetime }} both, {{ moment|short_date }} '19 Jul 2013', {{ moment|clock }}
# '21:27' (to the minute). Like Django's |date, an aware moment is read in the template's
# current zone ({% timezone %}; UTC, the site's zone, outside one).
@register.filter
def local_date(moment) -> str:
    return date_text(template_localtime(moment)) if moment else ""


@register.filter
def local_time(moment) -> str:
    return time_text(template_localtime(moment)) if moment else ""


@register.filter
def local_datetime(moment) -> str:
    return datetime_text(template_localtime(moment)) if moment else ""


@register.filter
def until(moment, now) -> str:
    """|timeuntil in the page's language with its own plural forms: '7 weeks, 2 days'."""
    return duration_text(moment - now) if moment and now else ""


@register.filter
def since(moment, now) -> str:
    """|timesince likewise: how long ago `moment` was at `now`."""
    return duration_text(now - moment) if moment and now else ""


@register.filter
def clock(moment) -> str:
    """The clock time to the minute, as the language reads a clock: '21:27', '9:27 pm'."""
    return time_text(template_localtime(moment).replace(second=0, microsecond=0)) if moment else ""


@register.filter
def date_and_clock(moment) -> str:
    """The date and the clock time to the minute, joined as the language joins them."""
    return date_and_time(local_date(moment), clock(moment)) if moment else ""


@register.filter
def short_date_and_time(moment) -> str:
    """'19 Jul 2013, 21:27' (the organisers' tables), joined as the language joins them."""
    return date_and_time(short_date(moment), local_time(moment)) if moment else ""


@register.filter
def short_date(moment) -> str:
    return short_date_text(template_localtime(moment)) if moment else ""
