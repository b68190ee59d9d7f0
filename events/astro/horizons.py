"""Ephemeris tables in the text format JPL Horizons produces, read and checked.

Two kinds of table are read, each in its fixed-width and its CSV variant (``CSV_FORMAT=YES``):

- a **vector table** (``EPHEM_TYPE=VECTORS``) of geometric states of the spacecraft with
  Earth's centre as origin (``CENTER='500@399'``): X, Y, Z and optionally VX, VY, VZ, in
  ``KM-S``, ``KM-D`` or ``AU-D``, on the ICRF equator or the J2000 ecliptic;
- an **observer table** (``EPHEM_TYPE=OBSERVER``, geocentric) with the astrometric RA/Dec
  (quantity 1, sexagesimal or degrees) and the range ``delta`` (quantity 20, au or km, with
  ``deldot`` in km/s).

Plain Python, no skyfield: the result holds times as Julian dates on the table's own time
scale and positions in km; `events.astro.targets` turns it into something skyfield observes.
Anything that cannot be read, or that would give a wrong sky (gaps, a step over a day,
units that contradict the velocities, a topocentric or heliocentric origin) raises
`TableError` with a sentence an organiser can act on.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import pairwise
from statistics import median

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

KM_PER_AU = 149_597_870.700
SECONDS_PER_DAY = 86_400.0
EARTH_RADIUS_KM = 6378.137
# Horizons' J2000 ecliptic: the IAU 1976 obliquity, 84381.448″.
_OBLIQUITY_RAD = math.radians(84381.448 / 3600.0)

MAX_TABLE_CHARS = 2_000_000
MAX_ROWS = 20_000
MIN_ROWS = 4
MAX_STEP_DAYS = 1.0
# A row further from its neighbour than this many typical steps is a gap.
GAP_FACTOR = 1.5

_J2000 = datetime(2000, 1, 1, 12, tzinfo=UTC)
_MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
        start=1,
    )
}
_NUMBER = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[EeDd][-+]?\d+)?"
_LABELLED = re.compile(rf"\b(VX|VY|VZ|X|Y|Z|LT|RG|RR)\s*=\s*({_NUMBER})")
_CALENDAR = re.compile(
    r"(?:A\.D\.\s*)?(\d{4})-([A-Za-z]{3})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}(?:\.\d*)?))?)?"
)


class TableError(ValueError):
    """A table this module refuses, with the reason in plain words (in the page's language:
    the organiser reads it beside the field)."""


def _too_many_rows() -> str:
    return _("The table has too many rows (at most %(most)s).") % {"most": f"{MAX_ROWS:,}"}


def _too_few_rows(count: int) -> str:
    # Translators: count is how many rows the pasted table has, fewest the rows it needs (4).
    return ngettext(
        "The table has %(count)s row; give at least %(fewest)s.",
        "The table has %(count)s rows; give at least %(fewest)s.",
        count,
    ) % {"count": count, "fewest": MIN_ROWS}


@dataclass(frozen=True, slots=True)
class HorizonsTable:
    """A checked table: Julian dates on `time_scale`, geocentric ICRF positions in km.

    For a vector table the positions are geometric (where the spacecraft is at that
    instant) and `velocities_km_s` may be given; for an observer table they are astrometric
    (the direction the light arrives from, times the range), the light time already in them.
    """

    kind: str  # "vectors" or "observer"
    time_scale: str  # "TDB", "TT" or "UTC"
    julian_dates: tuple[float, ...]
    positions_km: tuple[tuple[float, float, float], ...]
    velocities_km_s: tuple[tuple[float, float, float], ...] | None
    target_name: str

    @property
    def step_days(self) -> float:
        return median(b - a for a, b in pairwise(self.julian_dates))


def read_table(text: str) -> HorizonsTable:
    """Parse and check a Horizons vector or observer table; `TableError` says what is wrong."""
    if not isinstance(text, str) or not text.strip():
        raise TableError(_("The table is empty: paste the whole output of Horizons."))
    if len(text) > MAX_TABLE_CHARS:
        # Translators: an organiser's pasted ephemeris table (from JPL Horizons) refused.
        raise TableError(
            _(
                "The table is too long (%(length)s characters; at most %(most)s): ask Horizons "
                "for a larger step or a shorter span."
            )
            % {"length": f"{len(text):,}", "most": f"{MAX_TABLE_CHARS:,}"}
        )
    if "\x00" in text:
        raise TableError(_("This is not a text table (it holds binary data)."))
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    try:
        start = next(i for i, line in enumerate(lines) if line.strip() == "$$SOE")
        end = next(i for i, line in enumerate(lines) if i > start and line.strip() == "$$EOE")
    except StopIteration:
        raise TableError(
            _(
                "No $$SOE … $$EOE markers: paste the whole output of Horizons, from its header "
                "to the line $$EOE, not only the rows."
            )
        ) from None
    header, rows = lines[:start], [line for line in lines[start + 1 : end] if line.strip()]
    if len(rows) > MAX_ROWS * 3:
        raise TableError(_too_many_rows())
    header_text = "\n".join(header)
    _check_origin(header_text)
    columns = _column_line(header)
    if re.search(r"R\.A\.", columns):
        table = _read_observer(header_text, columns, rows)
    elif re.search(r"\bJD(TDB|UT|TT)?\b|\bX\b", columns) or _LABELLED.search(" ".join(rows[:3])):
        table = _read_vectors(header_text, columns, rows)
    else:
        raise TableError(
            _(
                "This is neither a Horizons vector table nor an observer table: its column "
                "names (the line before $$SOE) are missing."
            )
        )
    return table


def _check_origin(header: str) -> None:
    match = re.search(r"Center body name:\s*(.+?)\s*(?:\{|$)", header, re.MULTILINE)
    site = re.search(r"Center-site name:\s*(.+?)\s*$", header, re.MULTILINE)
    if match is None:
        raise TableError(
            _(
                "The header is missing (no “Center body name”): paste the whole output of "
                "Horizons, header included, so that its origin, units and frame are known."
            )
        )
    if "(399)" not in match.group(1):
        # Translators: centre is the body Horizons names in the table ("Sun (10)").
        raise TableError(
            _(
                "The table is centred on %(centre)s: ask Horizons for a geocentric table "
                "(Center: 500@399)."
            )
            % {"centre": match.group(1)}
        )
    # Vector tables from 500@399 say "BODY CENTER"; observer tables from 500, "GEOCENTRIC".
    if site is not None and site.group(1).upper() not in ("GEOCENTRIC", "BODY CENTER"):
        raise TableError(
            _(
                "The table is seen from a place on Earth (%(site)s): ask Horizons for a "
                "geocentric table (Center: 500@399)."
            )
            % {"site": site.group(1)}
        )


def _column_line(header: list[str]) -> str:
    # The column names sit above the row of asterisks that closes the header.
    for line in reversed(header):
        stripped = line.strip()
        if stripped and not set(stripped) <= {"*"}:
            return line
    return ""


def _number(token: str, line_number: int) -> float:
    try:
        value = float(token.strip().replace("D", "E").replace("d", "e"))
    except ValueError:
        raise TableError(
            # Translators: row is a row number of the table, text what it holds there.
            _("Row %(row)s: “%(text)s” is not a number.")
            % {"row": line_number, "text": token.strip()[:40]}
        ) from None
    if not math.isfinite(value):
        raise TableError(
            _("Row %(row)s: “%(text)s” is not a finite number.")
            % {"row": line_number, "text": token.strip()[:40]}
        )
    return value


def _julian_date(text: str, line_number: int) -> float:
    text = text.strip()
    if re.fullmatch(r"\d{7}\.\d*|\d{7}", text):
        return float(text)
    match = _CALENDAR.fullmatch(text.split(" TDB")[0].split(" UT")[0].strip())
    if match is None or match.group(2).lower() not in _MONTHS:
        raise TableError(
            _("Row %(row)s: “%(text)s” is not a date Horizons writes.")
            % {"row": line_number, "text": text[:40]}
        )
    year, month, day = int(match.group(1)), _MONTHS[match.group(2).lower()], int(match.group(3))
    hour, minute = int(match.group(4) or 0), int(match.group(5) or 0)
    seconds = float(match.group(6) or 0.0)
    try:
        moment = datetime(year, month, day, hour, minute, tzinfo=UTC)
    except ValueError:
        raise TableError(
            _("Row %(row)s: “%(text)s” is not a real date.")
            % {"row": line_number, "text": text[:40]}
        ) from None
    return 2451545.0 + ((moment - _J2000).total_seconds() + seconds) / SECONDS_PER_DAY


def _time_scale(name: str) -> str:
    name = name.upper()
    if "TDB" in name:
        return "TDB"
    if "TT" in name:
        return "TT"
    if "UT" in name:
        return "UTC"
    raise TableError(
        _("The time column “%(name)s” does not say its time scale.") % {"name": name.strip()}
    )


def _read_vectors(header: str, columns: str, rows: list[str]) -> HorizonsTable:
    units = re.search(r"Output units\s*:\s*(KM-S|KM-D|AU-D)", header)
    if units is None:
        raise TableError(
            _("The header does not say the units (“Output units : KM-S”, “KM-D” or “AU-D”).")
        )
    km_per_unit = KM_PER_AU if units.group(1).startswith("AU") else 1.0
    per_second = units.group(1).endswith("S")
    output = re.search(r"Output type\s*:\s*(.+)$", header, re.MULTILINE)
    if output is not None and not output.group(1).upper().startswith("GEOMETRIC"):
        raise TableError(
            _(
                "The table holds “%(output)s”: ask Horizons for geometric states "
                "(Vector correction: NONE)."
            )
            % {"output": output.group(1).strip()}
        )
    ecliptic = _is_ecliptic(header)
    # The time column: alone on its line above X, Y, Z in fixed width, first in CSV.
    time_column = re.search(r"^\s*(JD(?:TDB|UT|TT)\w*)\s*(?:,|$)", header, re.MULTILINE)
    scale = _time_scale(time_column.group(1) if time_column else "JDTDB")
    csv = "," in columns
    names = [name.strip().upper() for name in columns.split(",")] if csv else []
    records = _vector_records(rows, names) if csv else _labelled_records(rows)
    if len(records) < MIN_ROWS:
        raise TableError(_too_few_rows(len(records)))
    dates, positions, velocities = [], [], []
    for line_number, jd, values in records:
        if not {"X", "Y", "Z"} <= values.keys():
            raise TableError(_("Row %(row)s: X, Y and Z are not all there.") % {"row": line_number})
        dates.append(jd)
        positions.append(_equatorial([values[k] * km_per_unit for k in "XYZ"], ecliptic))
        if {"VX", "VY", "VZ"} <= values.keys():
            scale_v = km_per_unit / (1.0 if per_second else SECONDS_PER_DAY)
            velocities.append(
                _equatorial([values[k] * scale_v for k in ("VX", "VY", "VZ")], ecliptic)
            )
    if velocities and len(velocities) != len(positions):
        raise TableError(_("Some rows have velocities (VX, VY, VZ) and some do not."))
    table = HorizonsTable(
        kind="vectors",
        time_scale=scale,
        julian_dates=tuple(dates),
        positions_km=tuple(positions),
        velocities_km_s=tuple(velocities) or None,
        target_name=_target_name(header),
    )
    _check_times(table)
    _check_distances(table)
    if table.velocities_km_s:
        _check_velocities(table)
    return table


def _is_ecliptic(header: str) -> bool:
    frame = "\n".join(
        line
        for line in header.split("\n")
        if re.match(r"\s*(Reference frame|Reference plane|Coordinate systm)", line)
    ).upper()
    if "ECLIPTIC" in frame:
        return True
    if "EARTH MEAN EQUATOR" in frame or "ICRF" in frame or "FRAME" in frame:
        if "BODY" in frame:
            raise TableError(_("Body-equator frames are not supported: ask for ICRF or ecliptic."))
        return False
    raise TableError(
        _(
            "The header does not say the reference frame (“Reference frame : ICRF” or "
            "“Ecliptic of J2000.0”)."
        )
    )


def _equatorial(xyz: list[float], ecliptic: bool) -> tuple[float, float, float]:
    x, y, z = xyz
    if not ecliptic:
        return (x, y, z)
    c, s = math.cos(_OBLIQUITY_RAD), math.sin(_OBLIQUITY_RAD)
    return (x, c * y - s * z, s * y + c * z)


def _labelled_records(rows: list[str]) -> list[tuple[int, float, dict[str, float]]]:
    # Fixed-width: a line "2461375.500000000 = A.D. 2026-Dec-01 00:00:00.0000 TDB", then
    # lines of "X =… Y =… Z =…", "VX=…", "LT=…" until the next date.
    records: list[tuple[int, float, dict[str, float]]] = []
    for number, line in enumerate(rows, start=1):
        date = re.match(r"\s*(\d{7}\.\d+)\s*=", line)
        if date is not None:
            if len(records) >= MAX_ROWS:
                raise TableError(_too_many_rows())
            records.append((number, float(date.group(1)), {}))
            continue
        found = _LABELLED.findall(line)
        if not found or not records:
            raise TableError(
                _("Row %(row)s: cannot read “%(text)s”.")
                % {"row": number, "text": line.strip()[:60]}
            )
        for name, value in found:
            records[-1][2][name] = _number(value, number)
    return records


def _vector_records(rows: list[str], names: list[str]) -> list[tuple[int, float, dict[str, float]]]:
    wanted = {name: index for index, name in enumerate(names) if name in _VECTOR_NAMES}
    date_index = next((i for i, name in enumerate(names) if name.startswith("JD")), None)
    if date_index is None or not {"X", "Y", "Z"} <= wanted.keys():
        raise TableError(_("The CSV columns must include JDTDB, X, Y and Z."))
    records = []
    for number, line in enumerate(rows, start=1):
        if number > MAX_ROWS:
            raise TableError(_too_many_rows())
        cells = line.split(",")
        if len(cells) <= max(wanted.values()):
            raise TableError(_("Row %(row)s: fewer cells than the column names.") % {"row": number})
        values = {name: _number(cells[index], number) for name, index in wanted.items()}
        records.append((number, _julian_date(cells[date_index], number), values))
    return records


_VECTOR_NAMES = frozenset({"X", "Y", "Z", "VX", "VY", "VZ"})


def _read_observer(header: str, columns: str, rows: list[str]) -> HorizonsTable:
    upper = columns.upper()
    if "APPAR" in upper or ("ICRF" not in upper and "J2000" not in upper):
        raise TableError(
            _(
                "The table gives apparent RA/Dec: ask Horizons for the astrometric RA/Dec "
                "(quantity 1, ICRF) and the range (quantity 20)."
            )
        )
    if "DELTA" not in upper:
        raise TableError(_("The table has no range (“delta”): ask for quantity 20 as well."))
    scale = _time_scale(re.search(r"Date\S*", columns).group(0))
    stated = re.search(r"Range units\s*:\s*(KM|AU)", header, re.IGNORECASE)
    dates, directions, ranges, rates = [], [], [], []
    for number, line in enumerate(rows, start=1):
        if number > MAX_ROWS:
            raise TableError(_too_many_rows())
        date, numbers = _observer_row(line, number, "," in columns)
        dates.append(_julian_date(date, number))
        if len(numbers) in (8, 7):  # h m s ±d m s delta [deldot]
            h, m, s, d, dm, ds = numbers[:6]
            sign = math.copysign(1.0, d)  # float("-00") is -0.0: the sign of "-00 12 34"
            ra = 15.0 * (h + m / 60.0 + s / 3600.0)
            dec = sign * (abs(d) + dm / 60.0 + ds / 3600.0)
            rest = numbers[6:]
        elif len(numbers) in (4, 3):  # ra° dec° delta [deldot]
            ra, dec, rest = numbers[0], numbers[1], numbers[2:]
        else:
            raise TableError(
                _(
                    "Row %(row)s: expected the RA/Dec and delta (and deldot) only, found "
                    "%(count)s numbers: ask Horizons for quantities 1 and 20 alone."
                )
                % {"row": number, "count": len(numbers)}
            )
        if not (0.0 <= ra <= 360.0 and -90.0 <= dec <= 90.0):
            raise TableError(
                _("Row %(row)s: RA %(ra)s° or Dec %(dec)s° is out of range.")
                % {"row": number, "ra": f"{ra:.3f}", "dec": f"{dec:.3f}"}
            )
        directions.append((ra, dec))
        ranges.append(rest[0])
        rates.append(rest[1] if len(rest) > 1 else None)
    if len(dates) < MIN_ROWS:
        raise TableError(_too_few_rows(len(dates)))
    km_per_unit = _range_unit(stated.group(1).upper() if stated else None, dates, ranges, rates)
    positions = []
    for (ra, dec), distance in zip(directions, ranges, strict=True):
        r = distance * km_per_unit
        ra_rad, dec_rad = math.radians(ra), math.radians(dec)
        positions.append(
            (
                r * math.cos(dec_rad) * math.cos(ra_rad),
                r * math.cos(dec_rad) * math.sin(ra_rad),
                r * math.sin(dec_rad),
            )
        )
    table = HorizonsTable(
        kind="observer",
        time_scale=scale,
        julian_dates=tuple(dates),
        positions_km=tuple(positions),
        velocities_km_s=None,
        target_name=_target_name(header),
    )
    _check_times(table)
    _check_distances(table)
    return table


def _observer_row(line: str, number: int, csv: bool) -> tuple[str, list[float]]:
    if csv:
        cells = [cell.strip() for cell in line.split(",")]
        date, rest = cells[0], cells[1:]
        tokens = " ".join(rest).split()
    else:
        match = re.match(r"\s*(\S+(?:\s+\d{2}:\d{2}(?::\d{2}(?:\.\d*)?)?)?)(.*)$", line)
        if match is None:
            raise TableError(
                _("Row %(row)s: cannot read “%(text)s”.")
                % {"row": number, "text": line.strip()[:60]}
            )
        date, tokens = match.group(1), match.group(2).split()
    # Solar-presence and lunar flags ("*", "C", "m", "*m") sit between the date and RA.
    while tokens and not re.match(r"[-+]?[\d.]", tokens[0]):
        tokens.pop(0)
    if any(token.lower() == "n.a." for token in tokens):
        raise TableError(_("Row %(row)s: Horizons gives no value here (n.a.).") % {"row": number})
    return date, [_number(token, number) for token in tokens]


def _range_unit(
    stated: str | None, dates: list[float], ranges: list[float], rates: list[float | None]
) -> float:
    """km per unit of `delta`, from the header or, better, from deldot (always km/s)."""
    inferred = None
    if all(rate is not None for rate in rates):
        change = [
            (b - a) / ((tb - ta) * SECONDS_PER_DAY)
            for (a, b), (ta, tb) in zip(pairwise(ranges), pairwise(dates), strict=True)
        ]
        mean_rate = [(a + b) / 2.0 for a, b in pairwise(rates)]
        norm = sum(c * c for c in change)
        if norm > 0.0 and sum(r * r for r in mean_rate) > 1e-6 * len(mean_rate):
            factor = sum(c * r for c, r in zip(change, mean_rate, strict=True)) / norm
            inferred = _closest_unit(factor)
    if stated is not None:
        km = KM_PER_AU if stated == "AU" else 1.0
        if inferred is not None and inferred != km:
            # Translators: unit is "KM" or "AU".
            raise TableError(
                _(
                    "The header says the range is in %(unit)s, but deldot (km/s) says "
                    "otherwise: check the units."
                )
                % {"unit": stated}
            )
        return km
    if inferred is None:
        raise TableError(
            _(
                "Cannot tell whether the range is in au or km: paste the header with "
                "“Range units”, or include deldot (quantity 20 gives both)."
            )
        )
    return inferred


def _closest_unit(factor: float) -> float | None:
    for km in (1.0, KM_PER_AU):
        if 0.5 < factor / km < 2.0:
            return km
    raise TableError(
        _(
            "The range (delta) and its rate (deldot, km/s) do not agree in any unit: check "
            "that the table is not edited or truncated."
        )
    )


def _check_distances(table: HorizonsTable) -> None:
    for jd, position in zip(table.julian_dates, table.positions_km, strict=True):
        if math.hypot(*position) < EARTH_RADIUS_KM:
            # Translators: jd is a Julian date ("2460512.5"), distance a number of km.
            raise TableError(
                _(
                    "At JD %(jd)s the spacecraft would be inside Earth (%(distance)s km from its "
                    "centre): check the units (km or au)."
                )
                % {"jd": jd, "distance": f"{math.hypot(*position):.0f}"}
            )


def _check_velocities(table: HorizonsTable) -> None:
    # Units written wrongly in an edited table show as velocities that do not move the
    # positions as far as they say: compare with the positions' own change.
    ratios = []
    for i in range(1, len(table.julian_dates) - 1):
        dt = (table.julian_dates[i + 1] - table.julian_dates[i - 1]) * SECONDS_PER_DAY
        moved = [
            (b - a) / dt
            for a, b in zip(table.positions_km[i - 1], table.positions_km[i + 1], strict=True)
        ]
        speed = math.hypot(*table.velocities_km_s[i])
        if speed > 1e-9:
            ratios.append(math.hypot(*moved) / speed)
    if ratios and not 0.5 < median(ratios) < 2.0:
        raise TableError(
            _(
                "The velocities (VX, VY, VZ) do not match how far the positions move from row "
                "to row: check the units in the header (KM-S, KM-D or AU-D)."
            )
        )


def _check_times(table: HorizonsTable) -> None:
    dates = table.julian_dates
    steps = [b - a for a, b in pairwise(dates)]
    for a, step in zip(dates, steps, strict=False):
        if step <= 0.0:
            raise TableError(_("The rows are not in time order (at JD %(jd)s).") % {"jd": a})
    typical = median(steps)
    if typical > MAX_STEP_DAYS:
        # Translators: step is a number of days, more than one ("1.5").
        raise TableError(
            _(
                "The table's step is %(step)s days: give a step of a day or less (an hour is a "
                "good choice)."
            )
            % {"step": f"{typical:g}"}
        )
    for a, step in zip(dates, steps, strict=False):
        if step > GAP_FACTOR * typical:
            # Translators: gap and step are numbers of hours with decimals, jd a Julian date.
            raise TableError(
                _(
                    "The table has a gap: %(gap)s hours without a row after JD %(jd)s (the step "
                    "is %(step)s hours)."
                )
                % {"gap": f"{step * 24:.1f}", "jd": f"{a:.5f}", "step": f"{typical * 24:.2f}"}
            )


def _target_name(header: str) -> str:
    match = re.search(r"Target body name:\s*(.+?)\s*(?:\{|$)", header, re.MULTILINE)
    return match.group(1).strip()[:100] if match else ""
