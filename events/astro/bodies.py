"""The bodies an event can target, by ephemeris key and display name. Plain data: importing
it loads neither skyfield nor numpy (events.models needs only this).
"""

from __future__ import annotations

TARGET_BODIES: dict[str, str] = {
    "sun": "Sun",
    "mercury": "Mercury",
    "venus": "Venus",
    "moon": "Moon",
    "mars barycenter": "Mars",
    "jupiter barycenter": "Jupiter",
    "saturn barycenter": "Saturn",
    "uranus barycenter": "Uranus",
    "neptune barycenter": "Neptune",
    "pluto barycenter": "Pluto",
}
