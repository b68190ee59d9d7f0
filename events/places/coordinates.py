"""Raw coordinates as typed or linked, and the time zone at a pair of coordinates.

`timezonefinder` ships the zone polygons, so nothing is downloaded at run time.
"""

import math

from events.astro.coordinates import coordinates_text
from events.lazyload import load_once
from events.places.place import Place
from events.refusal import Refused
from events.zones.catalogue import canonical_zone_name

# Raw coordinates are kept to 0.1° (about 11 km): enough for the sky (the target moves by
# at most 0.1° in altitude), too coarse to point at anyone's house.
COORDINATE_DECIMALS = 1
MAX_COORDINATE_LENGTH = 32


def _number(text: str | None, what: str, example: str) -> float:
    raw = (text or "").strip()[:MAX_COORDINATE_LENGTH]
    # People type a decimal comma and a typographic minus; both mean what they look like.
    cleaned = raw.replace("\u2212", "-")
    if "." not in cleaned:
        cleaned = cleaned.replace(",", ".", 1)
    try:
        value = float(cleaned)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        shown = f"“{raw}”" if raw else "an empty value"
        raise Refused(
            "bad_place", f"The {what} must be a number of degrees, like {example}; {shown} is not."
        )
    return value


def place_at(lat_text: str | None, lon_text: str | None) -> Place:
    """A place from raw coordinates as typed or linked; its zone from the coordinates."""
    if not (lat_text or "").strip() or not (lon_text or "").strip():
        raise Refused("bad_place", "Give both a latitude and a longitude, like 43.7 and -79.4.")
    lat = _number(lat_text, "latitude", "43.7 (north) or -33.9 (south)")
    lon = _number(lon_text, "longitude", "-79.4 (west) or 151.2 (east)")
    if not -90.0 <= lat <= 90.0:
        raise Refused(
            "bad_place", f"The latitude must be between −90 and 90 degrees; {lat:g} is not."
        )
    if not -180.0 <= lon <= 180.0:
        raise Refused(
            "bad_place", f"The longitude must be between −180 and 180 degrees; {lon:g} is not."
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
