"""Raw coordinates as typed or linked, and the time zone at a pair of coordinates.

`timezonefinder` ships the zone polygons, so nothing is downloaded at run time.
"""

from django.utils.translation import gettext as _

from events.astro.coordinates import coordinates_text
from events.inputs import decimal_number
from events.lazyload import load_once
from events.places.place import Place
from events.refusal import Refused
from events.zones.catalogue import canonical_zone_name

# Raw coordinates are kept to 0.1° (about 11 km): enough for the sky (the target moves by
# at most 0.1° in altitude), too coarse to point at anyone's house.
COORDINATE_DECIMALS = 1


def place_at(lat_text: str | None, lon_text: str | None) -> Place:
    """A place from raw coordinates as typed or linked; its zone from the coordinates."""
    if not (lat_text or "").strip() or not (lon_text or "").strip():
        raise Refused("bad_place", _("Give both a latitude and a longitude, like 43.7 and -79.4."))
    lat = decimal_number(
        lat_text,
        # Translators: %(value)s is what was typed, quoted ("“abc”"), or "an empty value".
        not_a_number=_(
            "The latitude must be a number of degrees, like 43.7 (north) or -33.9 (south); "
            "%(value)s is not."
        ),
        out_of_range=_(
            "The latitude must be between %(lowest)s and %(highest)s degrees; %(value)s is not."
        ),
        lowest=-90.0,
        highest=90.0,
        reason="bad_place",
    )
    lon = decimal_number(
        lon_text,
        # Translators: %(value)s is what was typed, quoted ("“abc”"), or "an empty value".
        not_a_number=_(
            "The longitude must be a number of degrees, like -79.4 (west) or 151.2 (east); "
            "%(value)s is not."
        ),
        out_of_range=_(
            "The longitude must be between %(lowest)s and %(highest)s degrees; %(value)s is not."
        ),
        lowest=-180.0,
        highest=180.0,
        reason="bad_place",
    )
    lat, lon = round(lat, COORDINATE_DECIMALS) + 0.0, round(lon, COORDINATE_DECIMALS) + 0.0
    return Place(
        name=coordinates_text(lat, lon), latitude=lat, longitude=lon, zone=zone_at(lat, lon)
    )


@load_once
def zone_finder():
    # Imported and built on first use: the finder maps ~20 MB of zone polygons, which a
    # process that never sees raw coordinates (a task worker, a management command) skips.
    from timezonefinder import TimezoneFinder

    return TimezoneFinder()


def zone_at(lat: float, lon: float) -> str | None:
    """The IANA zone at these coordinates (at sea: the nautical Etc/GMT±n zone), or None."""
    return known_zone(zone_finder().timezone_at(lng=lon, lat=lat))


def known_zone(name: str | None) -> str | None:
    """Today's IANA name for a zone name from a data file, or None when it is no zone."""
    return canonical_zone_name(name)
