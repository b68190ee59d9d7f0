"""A database outage is a friendly 503 page that asks the visitor to retry."""

import pytest
from django.db import OperationalError

from tests.factories import make_event

pytestmark = pytest.mark.django_db


def test_database_outage_gives_a_friendly_503(client, monkeypatch):
    event = make_event()

    def gone(*args, **kwargs):
        raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")

    monkeypatch.setattr("events.views.pages.event_for_visitor", gone)
    response = client.get(event.get_absolute_url())
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Back in a moment" in response.content.decode()
    assert "Traceback" not in response.content.decode()
