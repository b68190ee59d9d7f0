#!/usr/bin/env python3
"""Convert Natural Earth's 110m land (world-atlas TopoJSON) to events/astro/data/land-110m.json,
once.

The map on an event page is drawn by the server from this file; nothing is fetched at run
time. To rebuild (only when changing the source version):

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz   (in a scratch folder)
    .venv/bin/python scripts/build_land.py package/land-110m.json

The output holds plain rings in longitude/latitude, already cut at the antimeridian (a ring
that crosses ±180° is split, Antarctica is closed along the bottom edge), so an
equirectangular map can draw them as they are. Coordinates are in tenths of a degree.
"""

import itertools
import json
import sys
from pathlib import Path

OUTPUT = Path(__file__).resolve().parent.parent / "events" / "astro" / "data" / "land-110m.json"
SOURCE = "world-atlas 2.0.2, land-110m.json (Natural Earth 4.1.0, 1:110m land)"


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Quantized, delta-encoded TopoJSON arcs as absolute (lon, lat) points."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring_points(arcs: list, indexes: list[int]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]  # ~i: arc i, reversed
        points.extend(arc if not points else arc[1:])
    return points


def unwrap(points: list[tuple[float, float]]) -> tuple[list[tuple[float, float]], float]:
    """Longitudes made continuous (no ±360° jumps); also the ring's net turn in longitude."""
    out = [points[0]]
    for (lon0, _), (lon1, lat1) in itertools.pairwise(points):
        step = lon1 - lon0
        step -= 360.0 if step > 180.0 else 0.0
        step += 360.0 if step < -180.0 else 0.0
        out.append((out[-1][0] + step, lat1))
    return out, out[-1][0] - out[0][0]


def clip(points: list[tuple[float, float]], keep) -> list[tuple[float, float]]:
    """Sutherland–Hodgman against one vertical edge; `keep(lon)` says which side stays."""
    edge = 180.0 if keep(-1e9) else -180.0
    out: list[tuple[float, float]] = []
    for i, current in enumerate(points):
        previous = points[i - 1]
        inside_now, inside_before = keep(current[0]), keep(previous[0])
        if inside_now != inside_before:
            t = (edge - previous[0]) / (current[0] - previous[0])
            out.append((edge, previous[1] + t * (current[1] - previous[1])))
        if inside_now:
            out.append(current)
    return out


def planar_rings(points: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    unwrapped, turn = unwrap(points)
    if abs(turn) > 180.0:
        # A ring around a pole (Antarctica): close it along the map's edge at that pole.
        pole = -90.0 if min(lat for _, lat in unwrapped) < 0 else 90.0
        unwrapped += [(unwrapped[-1][0], pole), (unwrapped[0][0], pole)]
    rings = []
    for shift in (-360.0, 0.0, 360.0):
        moved = [(lon + shift, lat) for lon, lat in unwrapped]
        moved = clip(moved, lambda lon: lon >= -180.0)
        moved = clip(moved, lambda lon: lon <= 180.0) if moved else moved
        if len(moved) >= 3:
            rings.append(moved)
    return rings


def tenths(ring: list[tuple[float, float]]) -> list[int]:
    flat: list[int] = []
    for lon, lat in ring:
        point = [round(lon * 10), round(lat * 10)]
        if flat[-2:] != point:  # points that round together are one point
            flat.extend(point)
    return flat


def main(path: str) -> None:
    topology = json.loads(Path(path).read_text())
    arcs = decode_arcs(topology)
    rings = []
    for geometry in topology["objects"]["land"]["geometries"]:
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        for polygon in polygons:
            for indexes in polygon:
                for ring in planar_rings(ring_points(arcs, indexes)):
                    flat = tenths(ring)
                    if len(flat) >= 6:
                        rings.append(flat)
    OUTPUT.write_text(
        json.dumps(
            {
                "source": SOURCE,
                "licence": "see land-110m.LICENSE.md beside this file",
                "units": "tenths of a degree: [lon, lat, lon, lat, ...] per ring, even-odd fill",
                "rings": rings,
            },
            separators=(",", ":"),
        )
        + "\n"
    )
    print(f"{OUTPUT}: {len(rings)} rings, {sum(len(r) for r in rings) // 2} points")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(f"usage: {sys.argv[0]} PATH/TO/world-atlas/land-110m.json")
    main(sys.argv[1])
