"""The one line at the top of the event page: where to look from a place, and whether its
side of Earth faces the camera, for each of the four ways a window can go."""

from dataclasses import dataclass

import pytest

from events.astro.sky import SkyPosition, compass_point
from events.astro.skyreport import PlaceSky


@dataclass
class Spot:
    name: str
    latitude: float = 22.57
    longitude: float = 88.36


def position(altitude: float, azimuth: float) -> SkyPosition:
    return SkyPosition(
        body="Jupiter",
        latitude_deg=0.0,
        longitude_deg=0.0,
        altitude_deg=altitude,
        azimuth_deg=azimuth,
        compass=compass_point(azimuth),
        is_above_horizon=altitude > 0,
        sun_altitude_deg=-30.0,
        daylight="night",
        faces_camera=altitude > 0,
    )


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (
            (65.6, 112.0),
            (68.0, 120.0),
            "From Kolkata: Jupiter stands 66° up in the east-south-east at the start — your "
            "side of Earth faces the camera.",
        ),
        (
            (89.7, 10.0),
            (88.0, 200.0),
            "From Kolkata: Jupiter stands straight overhead at the start — your side of Earth "
            "faces the camera.",
        ),
        (
            (0.3, 270.0),
            (2.0, 272.0),
            "From Kolkata: Jupiter stands 0.3° up in the west at the start — your side of "
            "Earth faces the camera.",
        ),
        (
            (-1.0, 80.0),
            (1.5, 85.0),
            "From Kolkata: Jupiter rises during the window — wave late, low in the east, as "
            "your side of Earth turns to face the camera.",
        ),
        (
            (1.0, 290.0),
            (-2.0, 295.0),
            "From Kolkata: Jupiter sets during the window — wave early, low in the "
            "west-north-west, before your side of Earth turns away.",
        ),
        (
            (-40.0, 0.0),
            (-42.0, 5.0),
            "From Kolkata: Jupiter stays below your horizon — your side of Earth is turned "
            "away from the camera this time.",
        ),
    ],
    ids=["up", "overhead", "just-up", "rises", "sets", "down"],
)
def test_the_verdict_says_where_and_whether_in_one_line(start, end, expected):
    sky = PlaceSky(place=Spot("Kolkata"), start=position(*start), end=position(*end))
    assert sky.verdict == expected
