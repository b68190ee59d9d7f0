"""The organiser gives a target that is not a planet (issue 18): a JPL Horizons table pasted
or uploaded, or a fixed direction and distance; bad input is refused on its field, with a
reason, and the Earth window comes from the camera window by the target's own light time."""

import math
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory

from events.admin.sessions import EventAdmin
from events.models import Event

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).resolve().parents[2] / "events/organiser/data/sample-cruise-horizons.txt"
C_KM_S = 299_792.458
CAMERA = (datetime(2027, 5, 20, 20, 0, tzinfo=UTC), datetime(2027, 5, 20, 20, 15, tzinfo=UTC))


def sample_table() -> str:
    return SAMPLE.read_text(encoding="ascii")


def distance_km_at(table: str, when: datetime) -> float:
    """The geocentric distance in the row nearest `when`, read straight from the text."""
    jd = 2440587.5 + when.timestamp() / 86400.0  # UTC ≈ TDB to a minute: enough here
    best = None
    lines = table.split("$$SOE")[1].split("$$EOE")[0].strip().split("\n")
    for date, xyz in zip(lines[::3], lines[1::3], strict=True):
        row_jd = float(date.split("=")[0])
        numbers = [
            float(part) for part in xyz.replace("=", " ").split() if part[0] in "-+0123456789"
        ]
        if best is None or abs(row_jd - jd) < best[0]:
            best = (abs(row_jd - jd), math.dist((0, 0, 0), numbers[:3]))
    return best[1]


def admin_form(data, files=None):
    staff = User.objects.create_superuser("form-organiser", "o@example.com", "x")
    request = RequestFactory().get("/admin/events/event/add/")
    request.user = staff
    form_class = EventAdmin(Event, admin.site).get_form(request)
    return form_class(data=data, files=files)


def form_data(kind: str, camera=CAMERA, **fields) -> dict:
    data = {
        "slug": "wave-at-a-probe",
        "title": "Wave at a probe",
        "spacecraft": "Probe",
        "target": "Probe",
        "summary": "A probe looks back.",
        "description": "Wave.",
        "target_body": "saturn barycenter",
        "target_kind": kind,
        "status": "published",
        "entry_zone": "UTC",
    }
    for name in ("window_start", "window_end"):
        data[f"{name}_0"] = data[f"{name}_1"] = ""
    for name, value in zip(("camera_start", "camera_end"), camera, strict=True):
        data[f"{name}_0"], data[f"{name}_1"] = f"{value:%Y-%m-%d}", f"{value:%H:%M:%S}"
    return data | fields


def test_a_pasted_table_gives_the_earth_window_by_its_light_time():
    table = sample_table()
    form = admin_form(form_data("table", target_table=table))
    assert form.is_valid(), form.errors
    event = form.save()
    light = timedelta(seconds=distance_km_at(table, CAMERA[0]) / C_KM_S)
    assert abs(event.window_start - (CAMERA[0] - light)) <= timedelta(seconds=31)
    # To the minute, as announced: the light time changes by a second or so in the window.
    assert abs(event.window_end - event.window_start - timedelta(minutes=15)) <= timedelta(
        minutes=1
    )
    assert event.target_kind == Event.TargetKind.TABLE


def test_an_uploaded_table_is_stored_with_the_event():
    upload = SimpleUploadedFile("probe.txt", sample_table().encode("ascii"), "text/plain")
    form = admin_form(form_data("table"), files={"target_table_file": upload})
    assert form.is_valid(), form.errors
    assert form.save().target_table == sample_table()


@pytest.mark.parametrize(
    "content, message",
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe", "not plain text"),
        (b"x" * 2_000_001, "larger than 2 MB"),
    ],
    ids=["binary", "too-large"],
)
def test_an_upload_that_is_not_a_table_file_is_refused(content, message):
    upload = SimpleUploadedFile("probe.txt", content, "text/plain")
    form = admin_form(form_data("table"), files={"target_table_file": upload})
    assert not form.is_valid()
    assert message in " ".join(form.errors["target_table_file"])


def _without_row(table: str, index: int) -> str:
    head, rest = table.split("$$SOE\n")
    rows, tail = rest.split("$$EOE")
    lines = rows.strip().split("\n")
    del lines[3 * index : 3 * index + 3]
    return f"{head}$$SOE\n" + "\n".join(lines) + f"\n$$EOE{tail}"


@pytest.mark.parametrize(
    "table, message",
    [
        ("", "Paste or upload"),
        ("X = 1 Y = 2", "$$SOE"),
        (sample_table().replace("Output units    : KM-S", "Output units    : AU-D"), "units"),
        (_without_row(sample_table(), 30), "gap"),
        (sample_table().replace("Earth (399)", "Sun (10)"), "geocentric"),
    ],
    ids=["empty", "no-markers", "wrong-units", "gap", "heliocentric"],
)
def test_a_bad_table_is_refused_on_its_field_with_the_reason(table, message):
    form = admin_form(form_data("table", target_table=table))
    assert not form.is_valid()
    assert message in " ".join(form.errors["target_table"])


def test_a_table_that_does_not_cover_the_event_is_refused():
    later = (CAMERA[0] + timedelta(days=30), CAMERA[1] + timedelta(days=30))
    form = admin_form(form_data("table", camera=later, target_table=sample_table()))
    assert not form.is_valid()
    refusal = " ".join(form.errors["target_table"])
    assert "longer span" in refusal and "2027-05-21" in refusal
    assert "camera window" in refusal


def test_a_fixed_direction_gives_the_earth_window_by_distance_over_c():
    form = admin_form(
        form_data(
            "direction", target_ra_deg="259.5", target_dec_deg="11.6", distance_km="6000000000"
        )
    )
    assert form.is_valid(), form.errors
    event = form.save()
    light = timedelta(seconds=6e9 / C_KM_S)  # 5 h 33 min 33 s
    assert abs(event.window_start - (CAMERA[0] - light)) <= timedelta(seconds=31)


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"target_dec_deg": "11.6", "distance_km": "6000000000"}, "target_ra_deg"),
        ({"target_ra_deg": "400", "target_dec_deg": "11.6", "distance_km": "1"}, "target_ra_deg"),
        ({"target_ra_deg": "10", "target_dec_deg": "-91", "distance_km": "1"}, "target_dec_deg"),
        ({"target_ra_deg": "10", "target_dec_deg": "11.6"}, "distance_km"),
    ],
    ids=["no-ra", "ra-400", "dec-minus-91", "no-distance"],
)
def test_an_incomplete_direction_is_refused_on_its_field(fields, field):
    form = admin_form(form_data("direction", **fields))
    assert not form.is_valid()
    assert field in form.errors


def test_the_add_page_offers_the_kinds_and_an_upload(staff_client):
    page = staff_client.get("/admin/events/event/add/").content.decode()
    assert 'enctype="multipart/form-data"' in page
    for name in ("target_kind", "target_table", "target_table_file", "target_ra_deg"):
        assert f'name="{name}"' in page


def test_the_change_page_says_what_the_saved_table_holds(staff_client):
    form = admin_form(form_data("table", target_table=sample_table()))
    assert form.is_valid(), form.errors
    event = form.save()
    page = staff_client.get(f"/admin/events/event/{event.pk}/change/").content.decode()
    rows = sample_table().count(" TDB \n")
    assert f"a vector table of {rows} rows, every 60 minutes" in page
    assert "Sample probe (made up)" in page
