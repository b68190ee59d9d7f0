"""The zone picker's <option> list: ~450 options, built once per selected zone, not per
request through the template engine (it was most of an event page's rendering time)."""

from functools import lru_cache

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from events.zones.catalogue import zones_by_country

register = template.Library()


@lru_cache(maxsize=1024)
def _grouped_options(selected: str, language: str) -> SafeString:
    return format_html_join(
        "\n",
        '<optgroup label="{}">{}</optgroup>',
        (
            (
                group.country,
                format_html_join(
                    "",
                    '<option value="{}"{}>{} ({})</option>',
                    (
                        (
                            option.name,
                            " selected" if option.name == selected else "",
                            option.label,
                            option.name,
                        )
                        for option in group.zones
                    ),
                ),
            )
            for group in zones_by_country(language)
        ),
    )


@register.simple_tag
def zone_options(selected: str) -> SafeString:
    """Every place zone as <option>s in <optgroup>s by country, `selected` preselected."""
    # Countries are named in the page's language: one list per language.
    return _grouped_options(selected, get_language() or "en")


@register.simple_tag
def zone_match_options(matches, selected: str) -> SafeString:
    """Search results as <option>s: 'Country — Label (Area/City)'."""
    if not matches:
        return format_html('<option value="{}" selected>{}</option>', selected, selected)
    return format_html_join(
        "\n",
        '<option value="{}"{}>{} — {} ({})</option>',
        (
            (
                option.name,
                " selected" if option.name == selected else "",
                country,
                option.label,
                option.name,
            )
            for country, option in matches
        ),
    )
