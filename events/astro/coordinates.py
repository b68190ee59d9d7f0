"""Coordinates as people read them. Plain Python: no skyfield, no numpy."""


def coordinates_text(lat: float, lon: float) -> str:
    """'43.7° N, 79.4° W' (one decimal, hemispheres as letters)."""
    ns = "N" if lat >= 0 else "S"
    ew = "E" if lon >= 0 else "W"
    return f"{abs(lat):.1f}° {ns}, {abs(lon):.1f}° {ew}"
