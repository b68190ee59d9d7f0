"""Coordinates as people read them. Plain Python: no skyfield, no numpy (the hemispheres'
letters in the page's language)."""

from django.utils.translation import pgettext

from events.cldr import decimal_text


def coordinates_text(lat: float, lon: float) -> str:
    """'43.7° N, 79.4° W' (one decimal, hemispheres as letters), with the decimal sign of
    the reader's language ('43,7° N' in German)."""
    # Translators: the abbreviations of the compass points after a latitude or longitude
    # ("43.7° N, 79.4° W") and under the picture of the sky.
    ns = pgettext("compass", "N") if lat >= 0 else pgettext("compass", "S")
    ew = pgettext("compass", "E") if lon >= 0 else pgettext("compass", "W")
    # Translators: a place's latitude and longitude; lat_hemisphere and lon_hemisphere are
    # the letters N, S, E and W as translated above.
    return pgettext("coordinates", "%(lat)s° %(lat_hemisphere)s, %(lon)s° %(lon_hemisphere)s") % {
        "lat": decimal_text(abs(lat)),
        "lat_hemisphere": ns,
        "lon": decimal_text(abs(lon)),
        "lon_hemisphere": ew,
    }
