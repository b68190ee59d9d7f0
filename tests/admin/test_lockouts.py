"""django-axes' records in the admin: an organiser can clear out expired attempts."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.utils import timezone

pytestmark = pytest.mark.django_db


def test_cleaning_up_expired_attempts_works_from_the_list(staff_client):
    old = AccessAttempt.objects.create(
        username="someone",
        ip_address="192.0.2.1",
        user_agent="",
        path_info="/admin/login/",
        failures_since_start=5,
    )
    # attempt_time is set on creation; two days ago, it is long past the cool-off
    AccessAttempt.objects.filter(pk=old.pk).update(attempt_time=timezone.now() - timedelta(days=2))
    response = staff_client.post(
        "/admin/axes/accessattempt/",
        {"action": "cleanup_expired_attempts", "_selected_action": [old.pk], "index": "0"},
        follow=True,
    )
    assert response.status_code == 200
    assert "Cleaned up 1 expired access attempts" in response.content.decode()
    assert not AccessAttempt.objects.exists()
